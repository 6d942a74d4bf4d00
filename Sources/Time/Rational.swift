/// An exact rational number over `Int64`, always normalized: the denominator is positive and
/// shares no factor with the numerator.
///
/// Arithmetic is overflow-checked: an operation whose exact result does not fit throws
/// ``TimeError/overflow`` instead of wrapping or trapping. Comparison never overflows (it uses
/// 128-bit products). `Int64.min` is never a component, so negation is always safe.
public struct Rational: Sendable, Hashable {
  public let numerator: Int64
  public let denominator: Int64

  /// Creates the integer `value`.
  @inlinable public init(_ value: Int64) {
    numerator = value
    denominator = 1
  }

  /// Creates `numerator / denominator`, normalized.
  /// - Throws: ``TimeError/divisionByZero`` when `denominator` is 0, ``TimeError/overflow`` when a
  ///   component is `Int64.min` after normalization.
  public init(_ numerator: Int64, _ denominator: Int64) throws(TimeError) {
    guard denominator != 0 else { throw .divisionByZero }
    self = try Rational.normalized(numerator, denominator)
  }

  /// Assumes the components are already normalized (callers inside this module only).
  @inlinable init(uncheckedNumerator n: Int64, denominator d: Int64) {
    numerator = n
    denominator = d
  }

  public static let zero = Rational(0)
  public static let one = Rational(1)
  public static let half = Rational(uncheckedNumerator: 1, denominator: 2)

  @usableFromInline static func normalized(_ n: Int64, _ d: Int64) throws(TimeError) -> Rational {
    if n == Int64.min || d == Int64.min { throw .overflow }
    var n = n
    var d = d
    if d < 0 {
      n = -n
      d = -d
    }
    if d == 1 { return Rational(uncheckedNumerator: n, denominator: 1) }
    let g = gcd(n, d)
    return Rational(uncheckedNumerator: exactQuotient(n, g), denominator: exactQuotient(d, g))
  }

  /// `x / g` for a positive `g` that divides `x`. Rhythmic values mostly share powers of two,
  /// and a shift is far cheaper than a 64-bit division (an arithmetic shift of an exact
  /// multiple is its exact quotient, negative or not); dividing by 1 is skipped.
  @inlinable @inline(__always) static func exactQuotient(_ x: Int64, _ g: Int64) -> Int64 {
    g & (g &- 1) == 0 ? x &>> Int64(g.trailingZeroBitCount) : x / g
  }

  /// Whether `d` (a positive denominator) is a power of two, 1 included.
  @inlinable @inline(__always) static func isPowerOfTwo(_ d: Int64) -> Bool { d & (d &- 1) == 0 }

  /// Greatest common divisor of two values (neither is `Int64.min`); `gcd(0, d) == |d|`.
  /// The cheap cases are inlined at every use; the loops are not.
  @inlinable @inline(__always) static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    let a = a.magnitude
    let b = b.magnitude
    if a == 1 || b == 1 { return 1 }
    if a == 0 { return Int64(b) }
    if b == 0 { return Int64(a) }
    // Rhythm lives on powers of two: then the gcd is just shared trailing zero bits.
    if b & (b &- 1) == 0 || a & (a &- 1) == 0 {
      return Int64(1) &<< Int64(Swift.min(a.trailingZeroBitCount, b.trailingZeroBitCount))
    }
    return gcdLoop(a, b)
  }

  /// `gcd` of two magnitudes above 1, neither a power of two.
  @usableFromInline static func gcdLoop(_ a: UInt64, _ b: UInt64) -> Int64 {
    var a = a
    var b = b
    if (a | b) <= UInt64(UInt32.max) {
      // Cycle positions are mostly small fractions: a few 32-bit divisions beat the
      // bit-by-bit binary algorithm.
      var x = UInt32(truncatingIfNeeded: a)
      var y = UInt32(truncatingIfNeeded: b)
      while y != 0 { (x, y) = (y, x % y) }
      return Int64(x)
    }
    let shift = (a | b).trailingZeroBitCount
    a >>= a.trailingZeroBitCount
    repeat {
      b >>= b.trailingZeroBitCount
      if a > b { swap(&a, &b) }
      b -= a
    } while b != 0
    return Int64(a << shift)
  }

  public var isInteger: Bool { denominator == 1 }
}

/// Errors of exact time arithmetic.
public enum TimeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An exact result does not fit in 64-bit numerator and denominator.
  case overflow
  case divisionByZero

  public var description: String {
    switch self {
    case .overflow: "time arithmetic overflow (a value or factor is too large to keep exact)"
    case .divisionByZero: "division by zero"
    }
  }
}
