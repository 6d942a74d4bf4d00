#if canImport(Glibc)
  import Glibc
#endif

/// Reads CLOCK_REALTIME: "now" as wall-clock time for timetags (CLI only; the OSC module never
/// reads a clock).
enum WallClock {
  static func unixNanoseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
  }
}

/// A failure reported to the user: ArgumentParser prints "Error: <description>" and exits 1.
struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) {
    self.description = description
  }
}
