import Time

/// A beat timeline shared with other programs (Ableton Link, through the session), which the
/// scheduler follows: read once per frame before planning, told of every tempo change Tala makes.
public protocol SharedTimeline: Sendable {
  /// The timeline now for `quantum`, with times in nanoseconds after the monotonic `origin`;
  /// nil while it is not to be followed (Link off).
  func read(quantum: Double, origin: Int64) -> SharedReading?
  /// Announces `bpm` from the monotonic instant `atMonotonic` on (the beat there stays).
  func publish(bpm: Double, atMonotonic: Int64)
}

/// One reading of a shared timeline.
public struct SharedReading: Sendable, Equatable {
  public var beat: SharedBeat
  /// The shared transport, when start/stop is shared (nil: Tala plays regardless).
  public var transport: SharedTransport?

  public init(beat: SharedBeat, transport: SharedTransport? = nil) {
    self.beat = beat
    self.transport = transport
  }
}

/// The shared transport: playing or stopped since an instant (nanoseconds after the origin).
public struct SharedTransport: Sendable, Equatable {
  public var playing: Bool
  public var sinceNanoseconds: Int64

  public init(playing: Bool, sinceNanoseconds: Int64) {
    self.playing = playing
    self.sinceNanoseconds = sinceNanoseconds
  }
}

/// What the scheduler does with a shared timeline, for `:link`.
public struct SharedTimelineStatus: Sendable, Equatable {
  public var grid: BeatGrid
  /// Steps the map took to stay on the shared grid (changes heard too late, drift).
  public var steps: Int
  /// The largest such step, in nanoseconds.
  public var largestStepNanoseconds: Int64
  /// Stopped by the shared transport.
  public var transportStopped: Bool
}

/// The scheduler's state about the shared timeline.
struct SharedState: Sendable {
  var timeline: (any SharedTimeline)?
  var grid = BeatGrid()
  var steps = 0
  var largestStep: Int64 = 0
  /// Following the shared transport: nothing plays before `playingFrom` or from `stoppedFrom`.
  var playingFrom: Rational?
  var stoppedFrom: Rational?
  var lastTransport: SharedTransport?
}

extension Scheduler {
  /// Follows `timeline` from the next frame on (nil: stops following; the tempo stays). The
  /// first frame aligns the cycle count to the shared grid (see `TempoMap.follow`).
  public func follow(_ timeline: (any SharedTimeline)?) {
    state.withLock { s in
      s.shared.timeline = timeline
      s.shared.grid.offset = nil
      s.shared.playingFrom = nil
      s.shared.stoppedFrom = nil
      s.shared.lastTransport = nil
    }
  }

  /// Sets beats per cycle and the quantum; the next frame realigns to the shared grid.
  public func setBeatGrid(beatsPerCycle: Int? = nil, quantum: Double? = nil) {
    state.withLock { s in
      if let beatsPerCycle { s.shared.grid.beatsPerCycle = beatsPerCycle }
      if let quantum { s.shared.grid.quantum = quantum }
      s.shared.grid.offset = nil
    }
  }

  public var sharedTimelineStatus: SharedTimelineStatus {
    state.withLock { s in
      SharedTimelineStatus(
        grid: s.shared.grid, steps: s.shared.steps, largestStepNanoseconds: s.shared.largestStep,
        transportStopped: s.shared.stoppedFrom != nil)
    }
  }

  /// Reads the shared timeline (outside the lock: it takes Link's own) and brings the tempo map
  /// onto it at the planned boundary.
  func followSharedTimeline(now: Int64, messages: inout [SchedulerMessage]) {
    let (timeline, quantum) = state.withLock { ($0.shared.timeline, $0.shared.grid.quantum) }
    guard let timeline, let reading = timeline.read(quantum: quantum, origin: originMonotonic) else { return }
    state.withLock { s in
      guard s.shared.timeline != nil else { return }
      let boundary = s.boundary(now: now, origin: originMonotonic, configuration)
      do {
        let step = try s.tempo.follow(
          reading.beat, grid: &s.shared.grid, boundary: boundary, cycleGrid: configuration.cycleGrid)
        switch step {
        case .unchanged, .tempo: break
        case .aligned(_, let to):
          s.planned = to
          s.tempo.forget(before: to)
        case .stepped(_, let ns):
          s.shared.steps += 1
          s.shared.largestStep = max(s.shared.largestStep, abs(ns))
        }
      } catch {
        messages.append(.timeError("\(error)"))
      }
      s.followTransport(reading.transport, origin: originMonotonic, configuration)
    }
  }

  /// The cycle where a tempo change made now starts when peers must hear of it first: at least
  /// `sharedLeadNanoseconds` ahead, so that a peer planning that far ahead follows it exactly.
  func sharedChangeCycle(_ s: SchedulerState, now: Int64) -> Rational {
    let boundary = s.boundary(now: now, origin: originMonotonic, configuration)
    let lead = s.quantizedCycle(
      atMonotonic: now + configuration.sharedLeadNanoseconds, origin: originMonotonic, configuration)
    // The grid step after: at least the whole lead away.
    let after = (try? lead + Rational(1, configuration.cycleGrid)) ?? lead
    return max(boundary, after)
  }
}

extension SchedulerState {
  /// Plays from the cycle where the shared transport started, silent from where it stopped.
  mutating func followTransport(_ transport: SharedTransport?, origin: Int64, _ c: SchedulerConfiguration) {
    guard let transport else {
      shared.playingFrom = nil
      shared.stoppedFrom = nil
      shared.lastTransport = nil
      return
    }
    if transport == shared.lastTransport { return }
    shared.lastTransport = transport
    let at = quantizedCycle(atMonotonic: origin + transport.sinceNanoseconds, origin: origin, c)
    if transport.playing {
      shared.playingFrom = at
      shared.stoppedFrom = nil
    } else {
      shared.stoppedFrom = at
    }
  }

  /// The part of `[begin, end)` that the shared transport lets play (nil: none).
  func transportWindow(_ begin: Rational, _ end: Rational) -> (Rational, Rational)? {
    let from = max(begin, shared.playingFrom ?? begin)
    let to = min(end, shared.stoppedFrom ?? end)
    return from < to ? (from, to) : nil
  }
}

extension Scheduler {
  /// The monotonic instant of the first cycle start at least `sharedLeadNanoseconds` ahead
  /// (where `:link start` and `:link stop` put the shared transport's change).
  public func nextSharedCycleStart() -> Int64? {
    let now = clock.monotonicNanoseconds()
    return state.withLock { s in
      let cycle = sharedChangeCycle(s, now: now).ceiling
      return (try? s.tempo.time(atCycle: cycle)).map { originMonotonic + $0.roundedNanoseconds }
    }
  }
}

extension SchedulerState {
  /// The `# cps` changes of this frame as (bpm, monotonic instant) for the shared timeline.
  mutating func takeAnnouncements(origin: Int64) -> (any SharedTimeline, [(Double, Int64)])? {
    defer { toPublish = [] }
    guard let timeline = shared.timeline, !toPublish.isEmpty else { return nil }
    return (timeline, toPublish.map { (shared.grid.bpm(cps: $0.cps), origin + $0.time.roundedNanoseconds) })
  }
}
