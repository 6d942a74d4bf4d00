#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT and SIGTERM, blocked so a long-running command (`tala listen`, `monitor`, `sync`) can
/// check for them between steps and end cleanly, with its summary, instead of dying mid-line.
public struct StopSignals {
  private var signals: sigset_t

  /// Blocks SIGINT and SIGTERM in the calling thread (and in threads it starts afterwards).
  public static func block() -> StopSignals {
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigaddset(&signals, SIGTERM)
    pthread_sigmask(SIG_BLOCK, &signals, nil)
    return StopSignals(signals: signals)
  }

  /// Whether a stop signal has arrived (taking it), waiting for one at most `nanoseconds`.
  public mutating func received(waitingNanoseconds nanoseconds: Int64 = 0) -> Bool {
    let wait = max(0, nanoseconds)
    var timeout = timespec(tv_sec: Int(wait / 1_000_000_000), tv_nsec: Int(wait % 1_000_000_000))
    return sigtimedwait(&signals, nil, &timeout) > 0
  }
}
