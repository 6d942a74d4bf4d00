import Language
import MiniNotation
import Pattern
import Time

#if canImport(Glibc)
  import Glibc
#endif

/// The three query benchmarks: 1,000 consecutive cycles, one cycle per query.
enum PatternBench {
  static let patterns = [
    "bd*2 [sn cp] <hh oh> bd(3,8)",
    "[bd*16?, hh*8, [sn|cp]*4] . <a [b c]>(5,8,<0 2>) {x y z}%8",
    "[bd*16, hh*27, ~ sn:3]*8 <a b c>(5,8)",
  ]

  /// Issue 14's rows: a slicing and an echo expression, queried as control patterns.
  static let expressions = [
    "chop 16 $ loopAt 2 $ s \"break*2\" # n \"<0 1>\"",
    "stut 4 0.5 0.125 $ jux rev $ s \"bd*2 [sn cp]\"",
  ]

  struct Result {
    var events: Int
    var seconds: Double
    var eventsPerSecond: Double { Double(events) / seconds }
  }

  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// Best of `runs` passes over 1,000 cycles (the best pass is the least disturbed by other
  /// work on a shared machine).
  static func measure(_ source: String, cycles: Int64 = 1000, runs: Int = 5) throws -> Result {
    try measure(try MiniNotation.pattern(source, as: String.self), cycles: cycles, runs: runs)
  }

  /// The same for a language expression (one of `expressions`), as a control pattern.
  static func measure(expression: String, cycles: Int64 = 1000, runs: Int = 5) throws -> Result {
    try measure(try Language.pattern(expression, as: .control).1, cycles: cycles, runs: runs)
  }

  static func measure<V>(_ p: Pattern<V>, cycles: Int64, runs: Int) throws -> Result {
    var best = Result(events: 0, seconds: .infinity)
    for _ in 0..<runs {
      var events = 0
      let t0 = now()
      for c in 0..<cycles {
        events += try p.query(Arc(Rational(c), Rational(c + 1))).count
      }
      let t = now() - t0
      if t < best.seconds { best = Result(events: events, seconds: t) }
    }
    return best
  }
}
