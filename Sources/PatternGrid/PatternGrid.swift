import Controls
import Language
import Pattern
import Time

/// Draws a pattern as a text grid: one row per sound or value, one column per step, cycles
/// separated by `|` with their numbers on the header line. `x` marks an onset, `=` the rest of
/// an event's extent, `.` an empty step:
///
///     |0               |1               |
///     bd    |x.......x.......|x.......x.......|
///
/// The step is the pattern's finest grid (the least common multiple of the denominators of
/// every event boundary), unless that is finer than the maximum resolution: then a fixed
/// resolution is used, events are rounded to it, and a footer line says so.
public enum PatternGrid {
  /// The grid of a control pattern: rows are sounds (`s`, with `:n` when given), or all the
  /// controls of an event when it has no sound.
  public static func render(_ pattern: Pattern<ControlMap>, options: GridOptions = GridOptions()) throws -> String {
    try draw(try collect(pattern, options: options, label: label(of:)), options: options)
  }

  /// The grid of a pattern of plain values: one row per value.
  public static func render(_ pattern: Pattern<Atom>, options: GridOptions = GridOptions()) throws -> String {
    try draw(try collect(pattern, options: options, label: label(of:)), options: options)
  }

  /// Row label of a control map.
  public static func label(of map: ControlMap) -> String {
    if let sound = map["s"] ?? map["sound"] {
      let name = text(sound)
      if let n = map["n"] { return "\(name):\(text(n))" }
      return name
    }
    return map.entries.map { "\($0.name)=\(text($0.value))" }.joined(separator: " ")
  }

  /// Row label of a plain value.
  public static func label(of atom: Atom) -> String {
    switch atom {
    case .string(let s): s
    case .double(let d), .note(let d): number(d)
    case .int(let i): String(i)
    case .rational(let r): r.description
    case .bool(let b): b ? "true" : "false"
    case .control(let m): label(of: m)
    }
  }

  static func text(_ value: ControlValue) -> String {
    switch value {
    case .string(let s): s
    case .float(let d), .note(let d): number(d)
    case .int(let i): String(i)
    case .rational(let r): r.description
    case .bool(let b): b ? "true" : "false"
    case .state(.count(let store, _)): "count \(store)"
    case .state(.take(let store, _)): "take \(store)"
    }
  }

  static func number(_ d: Double) -> String {
    if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return String(d)
  }

  /// One drawable fragment: the part inside one cycle, and whether it starts its event.
  struct Mark {
    var label: String
    var begin: Rational
    var end: Rational
    var onset: Bool
  }

  struct Collected {
    var marks: [Mark]
    /// Events without a whole (continuous values) cannot be drawn as steps.
    var continuous: Int
  }

  /// Queries one cycle at a time so that every fragment lies inside one cycle.
  static func collect<V>(_ pattern: Pattern<V>, options: GridOptions, label: (V) -> String) throws -> Collected {
    try validate(options)
    var marks: [Mark] = []
    var continuous = 0
    for k in 0..<Int64(options.cycles) {
      let begin = Rational(options.firstCycle + k)
      let events = try pattern.query(begin, try begin + .one)
      for e in events {
        guard let whole = e.whole else {
          continuous += 1
          continue
        }
        marks.append(
          Mark(label: label(e.value), begin: e.part.begin, end: e.part.end, onset: whole.begin == e.part.begin))
      }
    }
    return Collected(marks: marks, continuous: continuous)
  }

  static func validate(_ options: GridOptions) throws {
    guard (1...GridOptions.cycleLimit).contains(options.cycles) else {
      throw GridError.invalidOption("cycles must be 1 to \(GridOptions.cycleLimit), not \(options.cycles)")
    }
    if let r = options.resolution, !(1...GridOptions.resolutionLimit).contains(r) {
      throw GridError.invalidOption("resolution must be 1 to \(GridOptions.resolutionLimit) steps per cycle, not \(r)")
    }
    guard options.firstCycle >= -(1 << 40), options.firstCycle <= 1 << 40 else {
      throw GridError.invalidOption("the first cycle must be within ±2^40")
    }
  }
}
