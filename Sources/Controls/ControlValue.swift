import Time

/// One value of a control: Tidal's `Value` (`VS`, `VF`, `VN`, `VI`, `VR`, `VB`). It is the value
/// in an event's control map, what a `^name` variable reads, and what a sound engine is given.
public enum ControlValue: Sendable, Hashable {
  case string(String)
  case float(Double)
  /// A note: a number of semitones, which Tidal keeps apart from floats (`getF` refuses it).
  case note(Double)
  case int(Int)
  case rational(Rational)
  case bool(Bool)
  /// A value the player works out when the event plays (Tidal's `VState`): `nCount "x"`.
  case state(ControlState)
}

extension ControlValue {
  /// Tidal's `getF`: floats, rationals and ints as a `Double`; not notes, strings or booleans.
  public var getF: Double? {
    switch self {
    case .float(let d): d
    case .int(let i): Double(i)
    case .rational(let r): r.doubleValue
    default: nil
    }
  }

  /// Tidal 1.9's `getN`: a float, int or rational read as a note. A note itself is refused
  /// there (Tidal 1.10 accepts it), so `^n` in a note pattern ignores a note-valued control.
  public var getN: Double? {
    switch self {
    case .float(let d): d
    case .int(let i): Double(i)
    case .rational(let r): r.doubleValue
    default: nil
    }
  }

  /// Tidal's `getR`: rationals, and floats and ints as exact rationals; not notes.
  public var getR: Rational? {
    switch self {
    case .rational(let r): r
    case .int(let i): Rational(Int64(i))
    case .float(let d): Rational(exactly: d)
    default: nil
    }
  }

  /// Tidal's `getI`: ints, and other numbers rounded down.
  public var getI: Int? {
    switch self {
    case .int(let i): i
    case .rational(let r): Int(r.floorInt)
    case .float(let d): d.isFinite && abs(d) < 9e18 ? Int(d.rounded(.down)) : nil
    default: nil
    }
  }

  /// Tidal's `getS`.
  public var getS: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// Tidal's `getB`.
  public var getB: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// Any number as a `Double`, notes included: how OSC and SuperDirt see it (every number is a
  /// float on the wire). Nil for strings and booleans.
  public var numberValue: Double? {
    switch self {
    case .float(let d), .note(let d): d
    case .int(let i): Double(i)
    case .rational(let r): r.doubleValue
    case .string, .bool, .state: nil
    }
  }

  /// A tempo (`cps`) exactly as written: `0.7` means 7/10, not the nearest double. Non-positive
  /// tempi are raised to a tiny positive one, as Tidal does. Nil for non-numbers.
  public var exactTempo: Rational? {
    let minimum = (try? Rational(1, 100_000)) ?? .one
    let exact: Rational?
    switch self {
    case .rational(let r): exact = r
    case .int(let i): exact = Rational(Int64(i))
    case .float(let d), .note(let d):
      guard d.isFinite else { return nil }
      exact = Rational(parsing: "\(d)") ?? (try? Rational(Int64((d * 1e9).rounded()), 1_000_000_000))
    case .string, .bool, .state: exact = nil
    }
    guard let exact else { return nil }
    return exact < minimum ? minimum : exact
  }

  /// Tidal's `fNum2`: ints with ints, floats (and notes) otherwise; anything else keeps the
  /// left value.
  public static func numeric(
    _ a: ControlValue, _ b: ControlValue, int fi: (Int, Int) throws -> Int,
    float ff: (Double, Double) throws -> Double
  ) rethrows -> ControlValue {
    switch (a, b) {
    case (.int(let x), .int(let y)): return .int(try fi(x, y))
    case (.float(let x), .float(let y)): return .float(try ff(x, y))
    case (.note(let x), .note(let y)), (.float(let x), .note(let y)), (.note(let x), .float(let y)):
      return .note(try ff(x, y))
    case (.int(let x), .float(let y)): return .float(try ff(Double(x), y))
    case (.float(let x), .int(let y)): return .float(try ff(x, Double(y)))
    default: return a
    }
  }

  /// Tidal's `applyFIS`: `f` on floats and notes, `g` on ints, anything else unchanged.
  public func applyFIS(float f: (Double) -> Double, int g: (Int) -> Int) -> ControlValue {
    switch self {
    case .float(let d): .float(f(d))
    case .note(let d): .note(f(d))
    case .int(let i): .int(g(i))
    default: self
    }
  }
}

extension ControlValue: Comparable {
  /// Haskell's derived order: by constructor in declaration order, then by value.
  public static func < (a: ControlValue, b: ControlValue) -> Bool {
    switch (a, b) {
    case (.string(let x), .string(let y)): x < y
    case (.float(let x), .float(let y)), (.note(let x), .note(let y)): x < y
    case (.int(let x), .int(let y)): x < y
    case (.rational(let x), .rational(let y)): x < y
    case (.bool(let x), .bool(let y)): !x && y
    default: a.rank < b.rank
    }
  }

  private var rank: Int {
    switch self {
    case .string: 0
    case .float: 1
    case .note: 2
    case .int: 3
    case .rational: 4
    case .bool: 5
    case .state: 6
    }
  }
}
