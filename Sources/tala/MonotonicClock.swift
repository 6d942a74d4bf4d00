#if canImport(Glibc)
  import Glibc
#endif

/// Reads CLOCK_MONOTONIC, for timing in command-line tools (never in the pure modules).
enum MonotonicClock {
  static func nanoseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
  }
}
