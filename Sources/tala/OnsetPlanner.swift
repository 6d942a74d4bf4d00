import Audio
import Language
import Pattern
import Time

/// Turns playing slots into audio events on exact output frames, one cycle at a time: the one
/// place where pattern time becomes sample time for offline rendering.
///
/// Time is a single tempo segment starting at cycle 0, frame 0: the onset of cycle position `c`
/// is `round(c / cps · rate)`, computed exactly on rationals and rounded once. When the
/// scheduler's tempo map exists (patterned `cps`, tempo changes), `frame(atCycle:)` becomes
/// `round(map.seconds(c) · rate)` and nothing else here changes.
struct OnsetPlanner {
  var patterns: [Pattern<ControlMap>]
  var cps: Rational
  var rate: Int64

  /// The output frame of a cycle position.
  func frame(atCycle c: Rational) throws -> Int64 {
    let exact = try c / cps * Rational(rate)
    return try (exact + .half).floorInt
  }

  /// Seconds of a cycle span, for SuperDirt's `delta`.
  func seconds(cycles: Rational) throws -> Double { try (cycles / cps).doubleValue }

  /// The onsets in `[begin, end)` as events, ordered by frame (then slot order, then pattern
  /// order). Only events whose whole starts inside their part sound (onsets).
  func events(from begin: Rational, to end: Rational) throws -> [AudioEvent] {
    var out: [(frame: Int64, order: Int, event: AudioEvent)] = []
    for pattern in patterns {
      for e in try pattern.query(begin, end) where e.hasOnset {
        guard let whole = e.whole else { continue }
        var controls: [String: AudioValue] = [:]
        for (name, value) in e.value.entries {
          switch value {
          case .string(let s): controls[name] = .text(s)
          default: if let d = value.doubleValue { controls[name] = .number(d) }
          }
        }
        // What Tidal adds to every SuperDirt message.
        controls["cps"] = .number(cps.doubleValue)
        controls["cycle"] = .number(whole.begin.doubleValue)
        controls["delta"] = .number(try seconds(cycles: try whole.end - whole.begin))
        let frame = try self.frame(atCycle: whole.begin)
        guard let event = AudioEvent(time: .frame(frame), controls: controls) else { continue }
        out.append((frame, out.count, event))
      }
    }
    out.sort { ($0.frame, $0.order) < ($1.frame, $1.order) }
    return out.map(\.event)
  }
}
