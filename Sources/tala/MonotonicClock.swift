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

/// SIGINT and SIGTERM, blocked so a long-running command can poll for them (`sigtimedwait`)
/// between steps and end cleanly, with its summary, instead of dying mid-line.
enum StopSignals {
  static func block() -> sigset_t {
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigaddset(&signals, SIGTERM)
    pthread_sigmask(SIG_BLOCK, &signals, nil)
    return signals
  }
}
