#if canImport(Glibc)
  import Glibc
#endif

/// The receiver's clocks: waits run on CLOCK_MONOTONIC with absolute deadlines; timetags are
/// wall time (CLOCK_REALTIME), converted through an offset measured between two monotonic reads.
enum Clocks {
  static func monotonic() -> Int64 { read(CLOCK_MONOTONIC) }
  static func realtime() -> Int64 { read(CLOCK_REALTIME) }

  private static func read(_ clock: clockid_t) -> Int64 {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
  }

  /// `realtime − monotonic`, from the tightest of a few bracketed reads.
  static func wallOffset() -> Int64 {
    var best: (gap: Int64, offset: Int64) = (.max, 0)
    for _ in 0..<5 {
      let a = monotonic()
      let wall = realtime()
      let b = monotonic()
      if b - a < best.gap { best = (b - a, wall - (a + (b - a) / 2)) }
    }
    return best.offset
  }

  /// Sleeps until a monotonic instant (absolute, so a late wake-up does not accumulate).
  static func sleep(untilMonotonic ns: Int64) {
    var ts = timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000))
    while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nil) == EINTR {}
  }
}
