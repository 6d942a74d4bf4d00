import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Time as Tala reads it: a monotonic clock to measure intervals and sleep on, and the wall
/// clock (Unix time) that timetags and log lines carry. Every timed part (scheduler, receiver,
/// audio engine, prompt ticker, clock sync) takes one injected, so each also runs on a
/// ``ManualClock`` in tests.
public protocol TimeSource: Sendable {
  /// Monotonic time in nanoseconds (`CLOCK_MONOTONIC` for the real clock); never goes back.
  func monotonicNanoseconds() -> Int64
  /// Wall-clock time as Unix nanoseconds (`CLOCK_REALTIME` for the real clock).
  func realtimeNanoseconds() -> Int64
  /// Sleeps until the monotonic clock reads `deadline` (returns at once if it has passed).
  func sleep(untilMonotonic deadline: Int64)
  /// Whether the readings are the kernel's own clocks, so that timestamps the kernel takes
  /// itself (a socket's receive time) can be compared with them. False for a manual clock.
  var readsKernelClocks: Bool { get }
}

extension TimeSource {
  public var readsKernelClocks: Bool { false }

  /// Sleeps for `nanoseconds` from now, on the monotonic clock.
  public func sleep(nanoseconds: Int64) { sleep(untilMonotonic: monotonicNanoseconds() + nanoseconds) }
}

/// The operating system's clocks: reads with `clock_gettime`, absolute-deadline sleeps with
/// `clock_nanosleep(TIMER_ABSTIME)` on `CLOCK_MONOTONIC`.
public struct SystemClock: TimeSource {
  public init() {}

  public func monotonicNanoseconds() -> Int64 { Self.read(CLOCK_MONOTONIC) }
  public func realtimeNanoseconds() -> Int64 { Self.read(CLOCK_REALTIME) }
  public var readsKernelClocks: Bool { true }

  public func sleep(untilMonotonic deadline: Int64) {
    guard deadline > 0 else { return }
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

/// A clock that only moves when told to. `sleep` jumps to the deadline, so a thread running on
/// it advances without waiting; wall time is monotonic time plus a fixed offset.
public final class ManualClock: TimeSource {
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

  /// The fixed difference between this clock's wall and monotonic readings.
  public var wallOffset: Int64 { state.withLock { $0.wallOffset } }
}
