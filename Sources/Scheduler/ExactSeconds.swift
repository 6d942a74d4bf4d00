import OSC
import Time

/// A span of time in seconds, held exactly: whole seconds plus an exact fraction in [0, 1).
///
/// Tempo segments add up spans such as `Δcycle / cps`; keeping the fraction as a `Rational` means
/// an onset's time is exact however many cycles have passed, and is rounded once, when it becomes
/// a timetag. The fraction's denominator is the least common multiple of the tempi and grids in
/// play, which stays small in practice; if it would ever overflow, the fraction is rounded to
/// 2^-52 s (far below a timetag's 2^-32 s resolution) instead of failing.
public struct ExactSeconds: Sendable, Hashable, Comparable, CustomStringConvertible {
  public private(set) var whole: Int64
  /// In [0, 1).
  public private(set) var fraction: Rational

  public static let zero = ExactSeconds(whole: 0, fraction: .zero)

  init(whole: Int64, fraction: Rational) {
    self.whole = whole
    self.fraction = fraction
  }

  public init(_ seconds: Rational) {
    whole = seconds.floorInt
    fraction = seconds.fractionalPart
  }

  public init(nanoseconds ns: Int64) {
    let (q, r) = ns.quotientAndRemainder(dividingBy: 1_000_000_000)
    if r < 0 {
      whole = q - 1
      fraction = (try? Rational(r + 1_000_000_000, 1_000_000_000)) ?? .zero
    } else {
      whole = q
      fraction = (try? Rational(r, 1_000_000_000)) ?? .zero
    }
  }

  /// `self + seconds`, exact unless the fraction's denominator would overflow.
  public func adding(_ seconds: Rational) throws(TimeError) -> ExactSeconds {
    let other = ExactSeconds(seconds)
    var sum = whole
    sum = try Self.add(sum, other.whole)
    var f: Rational
    do {
      f = try fraction + other.fraction
    } catch {
      f = try Self.approximate(fraction) + Self.approximate(other.fraction)
    }
    if f >= .one {
      f = try f - .one
      sum = try Self.add(sum, 1)
    }
    return ExactSeconds(whole: sum, fraction: f)
  }

  public func adding(_ other: ExactSeconds) throws(TimeError) -> ExactSeconds {
    try ExactSeconds(whole: try Self.add(whole, other.whole), fraction: fraction).adding(other.fraction)
  }

  /// `self - other` as a Double (for approximate inverse lookups only).
  public func secondsSince(_ other: ExactSeconds) -> Double {
    Double(whole - other.whole) + (fraction.doubleValue - other.fraction.doubleValue)
  }

  public var approximateSeconds: Double { Double(whole) + fraction.doubleValue }

  /// Rounded to the nearest nanosecond (ties away from zero).
  public var roundedNanoseconds: Int64 {
    let n = Int128(fraction.numerator) * 1_000_000_000
    let d = Int128(fraction.denominator)
    let ns = (2 * n + d) / (2 * d)
    return whole &* 1_000_000_000 &+ Int64(ns)
  }

  /// The timetag of `origin + self`, where `origin` is a Unix time in integer nanoseconds:
  /// one exact sum, rounded once to the nearest 2^-32 s. `nil` outside the timetag range.
  public func timetag(afterUnixNanoseconds origin: Int64) -> Timetag? {
    // origin = s0 seconds + r0 ns; total fraction = r0/1e9 + p/q (< 2 seconds).
    let (s0, r0) = Self.floorDivide(origin, 1_000_000_000)
    let p = Int128(fraction.numerator)
    let q = Int128(fraction.denominator)
    let billion: Int128 = 1_000_000_000
    let numerator = (Int128(r0) * q + p * billion) << 32  // units of 2^-32 s, times 1e9*q
    let denominator = billion * q
    let units = (2 * numerator + denominator) / (2 * denominator)  // round half up, once
    let carry = Int64(units >> 32)
    let frac = UInt32(truncatingIfNeeded: units)
    let (unix, o1) = s0.addingReportingOverflow(whole)
    guard !o1 else { return nil }
    return Timetag(unixSeconds: unix + carry, fraction: frac)
  }

  public static func < (a: ExactSeconds, b: ExactSeconds) -> Bool {
    a.whole != b.whole ? a.whole < b.whole : a.fraction < b.fraction
  }

  public var description: String { "\(whole) + \(fraction) s" }

  static func add(_ a: Int64, _ b: Int64) throws(TimeError) -> Int64 {
    let (s, o) = a.addingReportingOverflow(b)
    if o { throw .overflow }
    return s
  }

  static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
    let (q, r) = a.quotientAndRemainder(dividingBy: b)
    return r < 0 ? (q - 1, r + b) : (q, r)
  }

  /// A fraction in [0, 1) rounded to a multiple of 2^-52.
  static func approximate(_ f: Rational) throws(TimeError) -> Rational {
    let scale: Int128 = 1 << 52
    let n = (Int128(f.numerator) * scale * 2 + Int128(f.denominator)) / (2 * Int128(f.denominator))
    return try Rational(Int64(n), Int64(scale))
  }
}
