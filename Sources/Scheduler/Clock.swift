import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The scheduler's view of time: a monotonic clock to sleep on and a wall clock for timetags.
/// Injected, so tests can run the scheduler on a clock they move by hand.
public protocol SchedulerClock: Sendable {
  /// `CLOCK_MONOTONIC` in nanoseconds.
  func monotonicNanoseconds() -> Int64
  /// `CLOCK_REALTIME` (Unix time) in nanoseconds.
  func realtimeNanoseconds() -> Int64
  /// Sleeps until the monotonic clock reads `deadline` (returns at once if it has passed).
  func sleep(untilMonotonic deadline: Int64)
}

/// The system clocks: absolute-deadline sleeps on `CLOCK_MONOTONIC`.
public struct SystemClock: SchedulerClock {
  public init() {}

  public func monotonicNanoseconds() -> Int64 { Self.read(CLOCK_MONOTONIC) }
  public func realtimeNanoseconds() -> Int64 { Self.read(CLOCK_REALTIME) }

  public func sleep(untilMonotonic deadline: Int64) {
    var ts = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
    // An absolute deadline does not drift when a wake-up comes late; EINTR just sleeps again.
    while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nil) == EINTR {}
  }

  static func read(_ id: clockid_t) -> Int64 {
    var ts = timespec()
    clock_gettime(id, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
  }
}

/// A clock that only moves when told to. `sleep` jumps to the deadline, so a scheduler thread
/// running on it advances without waiting.
public final class ManualClock: SchedulerClock {
  private let state: Mutex<(monotonic: Int64, wallOffset: Int64)>

  public init(monotonic: Int64 = 1_000_000_000, wallOffset: Int64 = 1_764_000_000_000_000_000) {
    state = Mutex((monotonic, wallOffset))
  }

  public func monotonicNanoseconds() -> Int64 { state.withLock { $0.monotonic } }
  public func realtimeNanoseconds() -> Int64 { state.withLock { $0.monotonic + $0.wallOffset } }
  public func sleep(untilMonotonic deadline: Int64) {
    state.withLock { $0.monotonic = max($0.monotonic, deadline) }
  }

  public func advance(nanoseconds: Int64) { state.withLock { $0.monotonic += nanoseconds } }
}

/// The offset from monotonic to wall time, measured and kept smooth.
///
/// One measurement reads the wall clock between two monotonic reads; of several tries the one
/// with the shortest bracket wins (least preempted). Re-measured now and then; a change is
/// followed gradually (slewed, at most `maxSlew` of a second per second) and small
/// disagreements are ignored, so timetags never jump and never go backwards.
public struct WallOffset: Sendable {
  public private(set) var offset: Int64
  private var target: Int64
  private var lastUpdate: Int64
  /// Differences below this are measurement noise.
  public var deadband: Int64 = 100_000
  /// Largest change per second of monotonic time, as a fraction (500 ppm).
  public var maxSlewPPM: Int64 = 500

  public init(clock: any SchedulerClock) {
    let m = Self.measure(clock)
    offset = m
    target = m
    lastUpdate = clock.monotonicNanoseconds()
  }

  public static func measure(_ clock: any SchedulerClock, tries: Int = 7) -> Int64 {
    var best: (width: Int64, offset: Int64) = (.max, 0)
    for _ in 0..<max(1, tries) {
      let m1 = clock.monotonicNanoseconds()
      let r = clock.realtimeNanoseconds()
      let m2 = clock.monotonicNanoseconds()
      if m2 - m1 < best.width { best = (m2 - m1, r - (m1 + (m2 - m1) / 2)) }
    }
    return best.offset
  }

  /// Takes a new measurement into account and moves the offset toward it, by no more than the
  /// slew limit for the time since the last update.
  public mutating func update(measured: Int64, atMonotonic now: Int64) {
    if abs(measured - offset) > deadband { target = measured } else { target = offset }
    let elapsed = max(0, now - lastUpdate)
    lastUpdate = now
    let step = elapsed / 1_000_000 * maxSlewPPM  // ns allowed in `elapsed`
    let wanted = target - offset
    if wanted > 0 { offset += min(wanted, step) } else if wanted < 0 { offset -= min(-wanted, step) }
  }
}
