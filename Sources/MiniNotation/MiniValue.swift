import Controls
import Pattern
import Time

/// A type that mini-notation strings can be read as: string, double, note, int, rational or
/// bool. Each says how its atoms are written, how `..` enumerates, and how `^name` reads it.
public protocol MiniValue: Sendable {
  /// The name used by `tala query --type` and in messages.
  static var typeName: String { get }
  /// Parses one atom (or chord) at the cursor; nil when none starts here.
  static func parseAtom(_ s: inout Scanner) throws(MiniParseError) -> MiniNode<Self>?
  /// The values of `from .. to` (Tidal's `fromTo`). - Throws when the range is too long.
  static func enumerate(_ from: Self, _ to: Self) throws -> [Self]
  /// Reads a control value for `^name`; nil when the value has another type.
  static func fromControl(_ v: ControlValue) -> Self?
  /// `pattern(k, n, r)` (Tidal's `doEuclid`).
  static func euclid(_ p: Pattern<Self>, _ k: Pattern<Int>, _ n: Pattern<Int>, _ r: Pattern<Int>)
    -> Pattern<Self>
  /// Mini-notation text that parses back to this value.
  var miniText: String { get }
}

extension MiniValue {
  public static func euclid(
    _ p: Pattern<Self>, _ k: Pattern<Int>, _ n: Pattern<Int>, _ r: Pattern<Int>
  ) -> Pattern<Self> {
    p.euclid(k, n, rotation: r)
  }
}

/// A note number: semitones from c5, as Tidal's `Note`.
public struct Note: Sendable, Hashable, CustomStringConvertible {
  public var value: Double
  public init(_ value: Double) { self.value = value }
  public var description: String { String(value) }
}

/// Longest range `..` may produce.
let maxRangeLength = 100_000

/// Haskell's `enumFromTo` for fractional numbers: steps of 1 while `<= to + 1/2`; Tidal
/// reverses the range when `from > to`.
func fractionalRange<T: BinaryFloatingPoint>(_ a: T, _ b: T) throws -> [T] {
  let (lo, hi) = a > b ? (b, a) : (a, b)
  guard (hi - lo) < T(maxRangeLength) else {
    throw PatternError.invalidArgument("range too long (at most \(maxRangeLength) steps)")
  }
  var out: [T] = []
  var x = lo
  while x <= hi + 0.5 {
    out.append(x)
    x += 1
  }
  return a > b ? out.reversed() : out
}

/// A chord as a stack of atoms, each offset from `root`.
func chordNode<V: MiniValue>(_ offsets: [Int], _ make: (Int) -> V) -> MiniNode<V> {
  .stack(offsets.map { .atom(make($0)) })
}

extension String: MiniValue {
  public static var typeName: String { "string" }

  /// A word: a letter or digit, then letters, digits and `: . - _`.
  public static func parseAtom(_ s: inout Scanner) throws(MiniParseError) -> MiniNode<String>? {
    guard let c = s.peek, Scanner.isLetter(c) || Scanner.isDigit(c) else { return nil }
    let start = s.index
    s.advance()
    while let c = s.peek,
      Scanner.isLetter(c) || Scanner.isDigit(c) || c == ":" || c == "." || c == "-" || c == "_"
    {
      s.advance()
    }
    return .atom(s.text(start, s.index))
  }

  public static func enumerate(_ from: String, _ to: String) -> [String] { [from, to] }

  public static func fromControl(_ v: ControlValue) -> String? { v.getS }

  public var miniText: String { self }
}

extension Double: MiniValue {
  public static var typeName: String { "double" }

  /// `[sign] (ratio | note name) [chord]`, or a chord alone. Ratio letters win over note
  /// names here (`e` is 0.125), as in Tidal.
  public static func parseAtom(_ s: inout Scanner) throws(MiniParseError) -> MiniNode<Double>? {
    let start = s.index
    let negative = s.scanSign()
    var value: Double
    if let r = try s.scanRatio() {
      value = Double(r.numerator) / Double(r.denominator)
    } else if let n = try s.scanNoteName() {
      value = Double(n)
    } else {
      if let chord = try s.scanChord() { return chordNode(chord) { Double($0) } }
      s.index = start
      return nil
    }
    if negative { value = -value }
    if let chord = try s.scanChord() { return chordNode(chord) { Double($0) + value } }
    return .atom(value)
  }

  public static func enumerate(_ from: Double, _ to: Double) throws -> [Double] {
    try fractionalRange(from, to)
  }

  public static func fromControl(_ v: ControlValue) -> Double? { v.getF }

  public var miniText: String { String(self) }
}

extension Note: MiniValue {
  public static var typeName: String { "note" }

  /// `[sign] (number | note name) [chord]`, a chord alone, or a ratio.
  public static func parseAtom(_ s: inout Scanner) throws(MiniParseError) -> MiniNode<Note>? {
    let start = s.index
    let negative = s.scanSign()
    var value: Double
    if let n = try s.scanIntOrFloat() {
      value = n.double
    } else if let n = try s.scanNoteName() {
      value = Double(n)
    } else {
      s.index = start
      if let chord = try s.scanChord() { return chordNode(chord) { Note(Double($0)) } }
      if let r = try s.scanRatio() { return .atom(Note(r.doubleValue)) }
      return nil
    }
    if negative { value = -value }
    if let chord = try s.scanChord() { return chordNode(chord) { Note(Double($0) + value) } }
    return .atom(Note(value))
  }

  public static func enumerate(_ from: Note, _ to: Note) throws -> [Note] {
    try fractionalRange(from.value, to.value).map(Note.init)
  }

  /// As Tidal's `getN`: numbers convert, a note value itself does not.
  public static func fromControl(_ v: ControlValue) -> Note? { v.getN.map { Note($0) } }

  public var miniText: String { String(value) }
}

extension Int: MiniValue {
  public static var typeName: String { "int" }

  /// `[sign] (whole number | note name) [chord]`, or a chord alone.
  public static func parseAtom(_ s: inout Scanner) throws(MiniParseError) -> MiniNode<Int>? {
    let start = s.index
    let negative = s.scanSign()
    var value: Int
    if let n = try s.scanIntOrFloat() {
      guard n.isIntegral, abs(n.double) < 9.0e15 else {
        throw s.error("expected a whole number, not \(s.text(start, s.index))")
      }
      value = Int(n.double)
    } else if let n = try s.scanNoteName() {
      value = n
    } else {
      s.index = start
      if let chord = try s.scanChord() { return chordNode(chord) { $0 } }
      return nil
    }
    if negative { value = -value }
    if let chord = try s.scanChord() { return chordNode(chord) { $0 + value } }
    return .atom(value)
  }

  public static func enumerate(_ from: Int, _ to: Int) throws -> [Int] {
    guard (from - to).magnitude < UInt(maxRangeLength) else {
      throw PatternError.invalidArgument("range too long (at most \(maxRangeLength) steps)")
    }
    return from > to ? Array((to...from).reversed()) : Array(from...to)
  }

  public static func fromControl(_ v: ControlValue) -> Int? { v.getI }

  public var miniText: String { String(self) }
}

extension Rational: MiniValue {
  public static var typeName: String { "rational" }

  public static func parseAtom(_ s: inout Scanner) throws(MiniParseError) -> MiniNode<Rational>? {
    guard let r = try s.scanRatio() else { return nil }
    return .atom(r)
  }

  /// Haskell's `enumFromTo` on ratios: steps of 1 while `<= to + 1/2`.
  public static func enumerate(_ from: Rational, _ to: Rational) throws -> [Rational] {
    let (lo, hi) = from > to ? (to, from) : (from, to)
    guard try (hi - lo) < Rational(Int64(maxRangeLength)) else {
      throw PatternError.invalidArgument("range too long (at most \(maxRangeLength) steps)")
    }
    let limit = try hi + .half
    var out: [Rational] = []
    var x = lo
    while x <= limit {
      out.append(x)
      x = try x + .one
    }
    return from > to ? out.reversed() : out
  }

  public static func fromControl(_ v: ControlValue) -> Rational? { v.getR }

  public var miniText: String { denominator == 1 ? String(numerator) : "\(numerator)%\(denominator)" }
}

extension Bool: MiniValue {
  public static var typeName: String { "bool" }

  /// `t` or `1` for true, `f` or `0` for false: one character each.
  public static func parseAtom(_ s: inout Scanner) throws(MiniParseError) -> MiniNode<Bool>? {
    switch s.peek {
    case "t", "1":
      s.advance()
      return .atom(true)
    case "f", "0":
      s.advance()
      return .atom(false)
    default: return nil
    }
  }

  public static func enumerate(_ from: Bool, _ to: Bool) -> [Bool] { [from, to] }

  public static func fromControl(_ v: ControlValue) -> Bool? { v.getB }

  /// Off-steps are false events rather than silence (Tidal's `euclidOffBool`).
  public static func euclid(
    _ p: Pattern<Bool>, _ k: Pattern<Int>, _ n: Pattern<Int>, _ r: Pattern<Int>
  ) -> Pattern<Bool> {
    p.euclidBool(k, n, rotation: r)
  }

  public var miniText: String { self ? "t" : "f" }
}
