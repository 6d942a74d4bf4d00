import Controls
import MiniNotation
import Pattern
import Time

/// The element type of a pattern in the language, as Tidal's types: `Pattern String`,
/// `Pattern Double`, `Pattern Note`, `Pattern Int`, `Pattern Rational` (Time), `Pattern Bool`
/// and `ControlPattern`.
public enum ElementType: String, Sendable, CaseIterable {
  case string, double, note, int, rational, bool, control

  /// How messages name a pattern of this type: "a string pattern", "a control pattern".
  public var patternDescription: String {
    switch self {
    case .string: "a string pattern"
    case .double: "a number pattern"
    case .note: "a note pattern"
    case .int: "a whole-number pattern"
    case .rational: "a time pattern"
    case .bool: "a boolean pattern"
    case .control: "a control pattern"
    }
  }

  /// "string patterns", "control patterns" …
  public var pluralDescription: String { String(patternDescription.dropFirst(2)) + "s" }

  public var isNumeric: Bool { self == .double || self == .note || self == .int || self == .rational }
  /// Types with division (Haskell's `Fractional`).
  public var isFractional: Bool { self == .double || self == .note || self == .rational }
}

/// One value of a language pattern. Every pattern in the evaluator is a `Pattern<Atom>` tagged
/// with its ``ElementType``, so structural functions are written once for all types.
public enum Atom: Sendable, Hashable {
  case string(String)
  case double(Double)
  case note(Double)
  case int(Int)
  case rational(Rational)
  case bool(Bool)
  case control(ControlMap)

  /// The atom for `r` as a value of `type` (a Haskell numeric literal). As a control map it is
  /// Tidal's `Num ValueMap`: a whole number is `n` as an int (`fromInteger`), a fraction or a
  /// literal written `fractional` (`1.0`) is `speed` (`fromRational`).
  static func number(_ r: Rational, as type: ElementType, fractional: Bool = false) -> Atom? {
    switch type {
    case .double: .double(r.doubleValue)
    case .note: .note(r.doubleValue)
    case .rational: .rational(r)
    case .int: r.isInteger ? .int(Int(r.numerator)) : nil
    case .control:
      .control(
        r.isInteger && !fractional
          ? ControlMap("n", .int(Int(r.numerator))) : ControlMap("speed", .float(r.doubleValue)))
    default: nil
    }
  }

  /// The atom for the `Double` `d` as `type` (Haskell's `realToFrac` / `fromIntegral`).
  static func fromDouble(_ d: Double, as type: ElementType) throws -> Atom {
    switch type {
    case .double: return .double(d)
    case .note: return .note(d)
    case .rational:
      guard let r = Rational(exactly: d) else {
        throw PatternError.invalidArgument("\(d) has no exact rational value")
      }
      return .rational(r)
    case .int:
      guard d.isFinite, abs(d) < 9e18 else {
        throw PatternError.invalidArgument("\(d) is not a whole number")
      }
      return .int(Int(d.rounded(.down)))
    default: throw PatternError.invalidArgument("a number where \(type.patternDescription) is needed")
    }
  }

  /// The numeric value as a `Double` (nil for non-numbers).
  var doubleValue: Double? {
    switch self {
    case .double(let d), .note(let d): d
    case .int(let i): Double(i)
    case .rational(let r): r.doubleValue
    default: nil
    }
  }

  var rationalValue: Rational? {
    switch self {
    case .rational(let r): r
    case .int(let i): Rational(Int64(i))
    case .double(let d), .note(let d): Rational(exactly: d)
    default: nil
    }
  }

  var intValue: Int? {
    switch self {
    case .int(let i): i
    case .rational(let r): Int(r.floorInt)
    case .double(let d), .note(let d): d.isFinite && abs(d) < 9e18 ? Int(d.rounded(.down)) : nil
    default: nil
    }
  }
}

extension Atom: Comparable {
  /// Haskell's derived order within a type; across types, the declaration order.
  public static func < (a: Atom, b: Atom) -> Bool {
    switch (a, b) {
    case (.string(let x), .string(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
    case (.double(let x), .double(let y)), (.note(let x), .note(let y)): return x < y
    case (.int(let x), .int(let y)): return x < y
    case (.rational(let x), .rational(let y)): return x < y
    case (.bool(let x), .bool(let y)): return !x && y
    case (.control(let x), .control(let y)): return x < y
    default: return a.rank < b.rank
    }
  }

  private var rank: Int {
    switch self {
    case .string: 0
    case .double: 1
    case .note: 2
    case .int: 3
    case .rational: 4
    case .bool: 5
    case .control: 6
    }
  }
}

extension Atom: JSONValue {
  /// As the Tidal oracle prints it; control maps are objects with sorted keys.
  public var jsonText: String {
    switch self {
    case .string(let s): s.jsonText
    case .double(let d), .note(let d): JSON.haskellDouble(d)
    case .int(let i): String(i)
    case .rational(let r): r.jsonText
    case .bool(let b): b.jsonText
    case .control(let m): m.jsonText
    }
  }
}

extension ElementType {
  /// Converts a typed mini-notation pattern to atoms.
  func parse(_ text: String) throws -> Pattern<Atom> {
    switch self {
    case .string: try MiniNotation.pattern(text, as: String.self).map { .string($0) }
    case .double: try MiniNotation.pattern(text, as: Double.self).map { .double($0) }
    case .note: try MiniNotation.pattern(text, as: Note.self).map { .note($0.value) }
    case .int: try MiniNotation.pattern(text, as: Int.self).map { .int($0) }
    case .rational: try MiniNotation.pattern(text, as: Rational.self).map { .rational($0) }
    case .bool: try MiniNotation.pattern(text, as: Bool.self).map { .bool($0) }
    case .control:
      // Tidal's `IsString ControlPattern` (Sound.Tidal.Simple): the string is `s`'s pattern.
      try MiniNotation.pattern(text, as: String.self).map { .control(Sound.controls($0)) }
    }
  }
}
