import OSC
import Time

/// A snapshot of what the scheduler is doing, for `:status`.
public struct SchedulerStatus: Sendable {
  public struct OutputStatus: Sendable {
    public var name: String
    public var latencyNanoseconds: Int64
    public var mode: StampMode
    public var stats: OutputStats
  }
  public struct SlotStatus: Sendable {
    public var name: String
    public var muted: Bool
    public var soloed: Bool
  }

  /// The cycle position now (approximate, for display).
  public var cycle: Double
  /// The tempo most recently set, in cycles per second.
  public var cps: Rational
  /// Everything before this cycle has been planned.
  public var planned: Rational?
  public var slots: [SlotStatus]
  public var outputs: [OutputStatus]
  /// Frame deadline to "all sent", over recent frames.
  public var sendLatenessP50: Int64?
  public var sendLatenessP99: Int64?
  public var sendLatenessMax: Int64
  /// Monotonic-to-wall offset in use.
  public var wallOffset: Int64
}

extension Scheduler {
  public var status: SchedulerStatus {
    let now = clock.monotonicNanoseconds()
    return state.withLock { s in
      let cycle = s.tempo.approximateCycle(atSeconds: Double(now - originMonotonic) / 1e9)
      // The tempo most recently set (it may start at the next frame or cycle).
      return SchedulerStatus(
        cycle: cycle, cps: s.tempo.segments[s.tempo.segments.count - 1].cps,
        planned: s.planned,
        slots: s.slots.filter { !$0.isOneShot }.map {
          SchedulerStatus.SlotStatus(name: $0.name, muted: $0.muted, soloed: $0.soloed)
        },
        outputs: s.outputs.map {
          SchedulerStatus.OutputStatus(
            name: $0.output.name, latencyNanoseconds: $0.output.latencyNanoseconds, mode: $0.output.mode,
            stats: $0.stats)
        },
        sendLatenessP50: s.sendLateness.percentile(0.5), sendLatenessP99: s.sendLateness.percentile(0.99),
        sendLatenessMax: s.sendLateness.maximum, wallOffset: s.wall.offset)
    }
  }

  /// The approximate cycle position at the clock's current time (for the prompt).
  public var currentCycle: Double { status.cycle }

  /// The exact time of a cycle position after the origin, under the current tempo map.
  public func time(atCycle c: Rational) throws -> ExactSeconds {
    try state.withLock { s in try s.tempo.time(atCycle: c) }
  }

  /// The exact time of a cycle position under the current tempo map, as a timetag with the
  /// given latency (for tests and tools that compare against the grid).
  public func timetag(atCycle c: Rational, latencyNanoseconds: Int64 = 0) throws -> Timetag? {
    try state.withLock { s in
      try s.tempo.time(atCycle: c).timetag(afterUnixNanoseconds: originMonotonic + s.wall.offset + latencyNanoseconds)
    }
  }
}
