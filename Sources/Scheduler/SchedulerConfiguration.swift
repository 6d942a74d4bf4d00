import Time

/// How the scheduler plans: frame length, how far ahead, and what counts as too late.
public struct SchedulerConfiguration: Sendable {
  /// The planning period (DESIGN.md §5: about 10 ms).
  public var frameNanoseconds: Int64 = 10_000_000
  /// How far past "now" each frame plans. A new pattern takes effect at the end of what is
  /// already planned, so this is also how soon an edit is heard.
  public var lookaheadNanoseconds: Int64 = 50_000_000
  /// An event later than this (after a stall) is dropped and counted rather than sent.
  public var staleNanoseconds: Int64 = 250_000_000
  /// Frame boundaries are multiples of 1/`cycleGrid` cycle: tempo changes land there, and the
  /// denominators of the tempo map stay small.
  public var cycleGrid: Int64 = 1 << 16
  /// An immediate-mode event sent more than this after its time counts as late (the thread
  /// wakes for it, so only a stall or an overloaded machine makes it so).
  public var immediateToleranceNanoseconds: Int64 = 5_000_000
  /// The starting tempo (Tidal's default, 0.5625 cps = 135 bpm at 4 beats per cycle).
  public var cps: Rational = (try? Rational(9, 16)) ?? .half
  /// Tempo changes wait for the next cycle boundary instead of the next frame.
  public var quantizeTempo = false
  /// With a shared timeline (Ableton Link), how far ahead of now a `setcps` takes effect, so
  /// that peers hear of it before they plan that moment (their lookahead plus a frame must be
  /// shorter) and follow it exactly.
  public var sharedLeadNanoseconds: Int64 = 100_000_000
  /// How often the monotonic-to-wall offset is measured again.
  public var wallRefreshNanoseconds: Int64 = 1_000_000_000
  /// Late and dropped events are summarized at most this often per output.
  public var reportIntervalNanoseconds: Int64 = 1_000_000_000

  public init() {}
}

/// Something the scheduler wants the musician to know.
public enum SchedulerMessage: Sendable, Equatable, CustomStringConvertible {
  /// The slot's pattern failed when queried; the previous pattern plays again.
  case rolledBack(slot: String, error: String)
  /// The slot's pattern failed and there was nothing to go back to: the slot is silent.
  case silenced(slot: String, error: String)
  case late(output: String, count: Int, worstNanoseconds: Int64)
  case dropped(output: String, count: Int)
  case sendFailed(output: String, error: String)
  case timeError(String)

  public var description: String {
    switch self {
    case .rolledBack(let slot, let e): "\(SlotName.display(slot)): \(e); back to the previous pattern"
    case .silenced(let slot, let e): "\(SlotName.display(slot)): \(e); slot silenced"
    case .late(let o, let n, let worst):
      "late: \(n) event\(n == 1 ? "" : "s") to \(o), up to \(Millis(worst)) ms after their time"
    case .dropped(let o, let n): "dropped \(n) stale event\(n == 1 ? "" : "s") for \(o) (after a stall)"
    case .sendFailed(let o, let e): "sending to \(o) failed: \(e)"
    case .timeError(let e): "time arithmetic: \(e)"
    }
  }
}

/// Slot names as the user typed them: `"1"` is `d1`, anything else is `p "name"`.
public enum SlotName {
  public static func display(_ slot: String) -> String {
    if let n = Int(slot), (1...16).contains(n) { return "d\(n)" }
    return "p \"\(slot)\""
  }
}

/// Nanoseconds shown as milliseconds with three decimals.
struct Millis: CustomStringConvertible {
  var ns: Int64
  init(_ ns: Int64) { self.ns = ns }
  var description: String {
    let sign = ns < 0 ? "-" : ""
    let us = (abs(ns) + 500) / 1000
    let frac = String(us % 1000)
    return "\(sign)\(us / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac)"
  }
}
