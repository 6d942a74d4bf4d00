import Controls
import OSC
import Pattern
import System
import Time

/// One playing slot.
struct Slot: Sendable {
  var name: String
  var pattern: Pattern<ControlMap>
  /// What played before, to roll back to when `pattern` fails at query time.
  var previous: Pattern<ControlMap>?
  var muted = false
  var soloed = false
  /// One-shot slots (`once`) are removed once planning passes this cycle.
  var until: Rational?
  var isOneShot = false

  init(name: String, pattern: Pattern<ControlMap>) {
    self.name = name
    self.pattern = pattern
  }
}

struct OutputEntry: Sendable {
  let output: any Output
  var stats = OutputStats()
  /// Counts already reported, and when, so reports summarize instead of flooding.
  var reportedLate = 0
  var reportedDropped = 0
  var worstSinceReport: Int64 = 0
  var lastReport: Int64?
}

/// An immediate-mode delivery waiting for its moment.
struct PendingDelivery: Sendable {
  var due: Int64
  var output: String
  var delivery: Delivery
}

/// Everything the scheduler changes, behind one lock.
struct SchedulerState: Sendable {
  var tempo: TempoMap
  var wall: WallOffset
  var lastWallRefresh: Int64
  /// Everything before this cycle has been planned; nil before the first frame.
  var planned: Rational?
  var slots: [Slot] = []
  var outputs: [OutputEntry] = []
  /// Sorted by `due`.
  var pending: [PendingDelivery] = []
  var onceCount = 0
  /// Set by `stop`: no more planning, only the queued immediate-mode sends.
  var stopping = false
  var sendLateness = LatenessWindow()
  /// The shared timeline (Ableton Link) followed, if any, and how.
  var shared = SharedState()
  /// Tempo changes made while planning (`# cps`) to announce on the shared timeline.
  var toPublish: [(cps: Rational, time: ExactSeconds)] = []
  /// What stateful controls (`nCount "x"`, `sTake "x" […]`) keep between events, shared by
  /// every slot as Tidal's stream shares it; events are resolved through it in playing order.
  var controlStore = ControlStore()

  mutating func withSlot(_ name: String, _ body: (inout Slot) -> Void) {
    if let i = slots.firstIndex(where: { $0.name == name }) { body(&slots[i]) }
  }

  mutating func withOutput(_ name: String, _ body: (inout OutputEntry) -> Void) {
    if let i = outputs.firstIndex(where: { $0.output.name == name }) { body(&outputs[i]) }
  }

  /// The cycle (on the planning grid, rounded down) at a monotonic time.
  func quantizedCycle(atMonotonic t: Int64, origin: Int64, _ c: SchedulerConfiguration) -> Rational {
    let approx = tempo.approximateCycle(atSeconds: Double(t - origin) / 1e9)
    let steps = (approx * Double(c.cycleGrid)).rounded(.down)
    guard steps.isFinite, abs(steps) < 1e17 else { return planned ?? .zero }
    return (try? Rational(Int64(steps), c.cycleGrid)) ?? .zero
  }

  /// Where a change made now takes effect: the end of what is planned.
  func boundary(now: Int64, origin: Int64, _ c: SchedulerConfiguration) -> Rational {
    planned ?? quantizedCycle(atMonotonic: now, origin: origin, c)
  }

  mutating func refreshWall(clock: any TimeSource, now: Int64, _ c: SchedulerConfiguration) {
    guard now - lastWallRefresh >= c.wallRefreshNanoseconds else { return }
    lastWallRefresh = now
    wall.update(measured: WallOffset.measure(clock), atMonotonic: now)
  }

  /// Stamps planned events for every output: bundles now, immediate ones into the queue.
  mutating func distribute(
    _ events: [PlannedEvent], now: Int64, origin: Int64, _ c: SchedulerConfiguration,
    batches: inout [(any Output, [Delivery])]
  ) {
    for i in outputs.indices {
      let output = outputs[i].output
      let latency = output.latencyNanoseconds
      var ready: [Delivery] = []
      for e in events {
        let due = origin + e.time.roundedNanoseconds + latency  // monotonic
        let lateness = now - due
        if lateness > c.staleNanoseconds {
          outputs[i].stats.dropped += 1
          continue
        }
        switch output.mode {
        case .bundle:
          let peer = origin + wall.offset + latency + output.clockOffsetNanoseconds
          guard let tag = e.time.timetag(afterUnixNanoseconds: peer) else {
            outputs[i].stats.dropped += 1
            continue
          }
          if lateness > 0 { noteLate(i, lateness) }
          outputs[i].stats.sent += 1
          ready.append(Delivery(event: e, timetag: tag))
        case .immediate:
          let item = PendingDelivery(due: due, output: output.name, delivery: Delivery(event: e, timetag: .immediately))
          let at = pending.firstIndex { $0.due > due } ?? pending.endIndex
          pending.insert(item, at: at)
        }
      }
      if !ready.isEmpty { batches.append((output, ready)) }
    }
  }

  mutating func noteLate(_ i: Int, _ lateness: Int64) {
    outputs[i].stats.late += 1
    outputs[i].stats.maxLateness = max(outputs[i].stats.maxLateness, lateness)
    outputs[i].worstSinceReport = max(outputs[i].worstSinceReport, lateness)
  }

  /// Moves immediate-mode deliveries that are due into `batches`.
  mutating func takeDueImmediate(
    now: Int64, _ c: SchedulerConfiguration, into batches: inout [(any Output, [Delivery])]
  ) {
    var n = 0
    while n < pending.count && pending[n].due <= now { n += 1 }
    guard n > 0 else { return }
    let due = pending[..<n]
    for i in outputs.indices {
      let name = outputs[i].output.name
      var mine: [PendingDelivery] = []
      for d in due where d.output == name {
        let lateness = now - d.due
        if lateness > c.staleNanoseconds {
          outputs[i].stats.dropped += 1
          continue
        }
        if lateness > c.immediateToleranceNanoseconds { noteLate(i, lateness) }
        mine.append(d)
      }
      if mine.isEmpty { continue }
      outputs[i].stats.sent += mine.count
      batches.append((outputs[i].output, mine.map(\.delivery)))
    }
    pending.removeFirst(n)
  }

  mutating func collectReports(now: Int64, _ c: SchedulerConfiguration, into messages: inout [SchedulerMessage]) {
    for i in outputs.indices {
      let o = outputs[i]
      let late = o.stats.late - o.reportedLate
      let dropped = o.stats.dropped - o.reportedDropped
      guard late > 0 || dropped > 0 else { continue }
      if let last = o.lastReport, now - last < c.reportIntervalNanoseconds { continue }
      if dropped > 0 { messages.append(.dropped(output: o.output.name, count: dropped)) }
      if late > 0 { messages.append(.late(output: o.output.name, count: late, worstNanoseconds: o.worstSinceReport)) }
      outputs[i].reportedLate = o.stats.late
      outputs[i].reportedDropped = o.stats.dropped
      outputs[i].worstSinceReport = 0
      outputs[i].lastReport = now
    }
  }
}

/// The most recent send latenesses (frame deadline to "sent"), for percentiles.
struct LatenessWindow: Sendable {
  private var samples: [Int64] = []
  private var next = 0
  static let capacity = 4096
  var maximum: Int64 = 0

  mutating func record(_ ns: Int64) {
    maximum = max(maximum, ns)
    if samples.count < Self.capacity {
      samples.append(ns)
    } else {
      samples[next] = ns
      next = (next + 1) % Self.capacity
    }
  }

  var chronological: [Int64] {
    samples.count < Self.capacity ? samples : Array(samples[next...] + samples[..<next])
  }

  func percentile(_ p: Double) -> Int64? {
    guard !samples.isEmpty else { return nil }
    let sorted = samples.sorted()
    let i = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
    return sorted[i]
  }
}
