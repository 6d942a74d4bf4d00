extension Rational {
  @inlinable static func checked(_ r: (partialValue: Int64, overflow: Bool)) throws(TimeError)
    -> Int64
  {
    if r.overflow || r.partialValue == Int64.min { throw .overflow }
    return r.partialValue
  }

  @inlinable public static func + (a: Rational, b: Rational) throws(TimeError) -> Rational {
    // Adding an integer keeps the fraction in lowest terms: gcd(k*d + n, d) = gcd(n, d) = 1.
    if a.denominator == 1 || b.denominator == 1 {
      let (i, f) = a.denominator == 1 ? (a, b) : (b, a)
      let scaled = try checked(i.numerator.multipliedReportingOverflow(by: f.denominator))
      let n = try checked(scaled.addingReportingOverflow(f.numerator))
      return Rational(uncheckedNumerator: n, denominator: f.denominator)
    }
    return try addFractions(a, b)
  }

  @usableFromInline static func addFractions(_ a: Rational, _ b: Rational) throws(TimeError)
    -> Rational
  {
    if isPowerOfTwo(a.denominator) && isPowerOfTwo(b.denominator) { return try addDyadic(a, b) }
    if a.denominator == b.denominator {
      let n = try checked(a.numerator.addingReportingOverflow(b.numerator))
      if a.denominator == 1 { return Rational(uncheckedNumerator: n, denominator: 1) }
      return try normalized(n, a.denominator)
    }
    // Knuth 4.5.1: work with d1/g and d2/g to keep intermediates small.
    let g = gcd(a.denominator, b.denominator)
    let ad = a.denominator / g
    let bd = b.denominator / g
    let n1 = try checked(a.numerator.multipliedReportingOverflow(by: bd))
    let n2 = try checked(b.numerator.multipliedReportingOverflow(by: ad))
    let n = try checked(n1.addingReportingOverflow(n2))
    if n == 0 { return .zero }
    let d = try checked(a.denominator.multipliedReportingOverflow(by: bd))
    if g == 1 { return Rational(uncheckedNumerator: n, denominator: d) }
    let g2 = gcd(n, g)
    return Rational(uncheckedNumerator: exactQuotient(n, g2), denominator: exactQuotient(d, g2))
  }

  /// `a + b` when both denominators are powers of two (cycle positions in most rhythms): the
  /// larger denominator is the common one, and normalizing only strips shared factors of two,
  /// all with shifts instead of divisions.
  @usableFromInline static func addDyadic(_ a: Rational, _ b: Rational) throws(TimeError) -> Rational {
    let (big, small) = a.denominator >= b.denominator ? (a, b) : (b, a)
    let shift = big.denominator.trailingZeroBitCount &- small.denominator.trailingZeroBitCount
    let scaled = small.numerator &<< Int64(shift)
    // The shift loses bits exactly when shifting back does not restore the value.
    if scaled &>> Int64(shift) != small.numerator || scaled == Int64.min { throw .overflow }
    let n = try checked(big.numerator.addingReportingOverflow(scaled))
    if n == 0 { return .zero }
    let common = Swift.min(n.trailingZeroBitCount, big.denominator.trailingZeroBitCount)
    return Rational(
      uncheckedNumerator: n &>> Int64(common), denominator: big.denominator &>> Int64(common))
  }

  /// `c + (x - c) * scale + offset` for the integer `c`, exactly: how compress and fastGap
  /// move event times (`c` is the cycle of the event's start). When every denominator is a
  /// power of two this is one pass of shifts and products over a common denominator, with one
  /// normalization; otherwise, or when that pass would overflow, it is the plain operations
  /// (which then throw on overflow as usual).
  @inlinable public static func affine(
    _ x: Rational, cycle c: Int64, scale: Rational, offset: Rational
  ) throws(TimeError) -> Rational {
    if isPowerOfTwo(x.denominator) && isPowerOfTwo(scale.denominator) && isPowerOfTwo(offset.denominator),
      let result = affineDyadic(x, c, scale, offset)
    {
      return result
    }
    // With a power-of-two scale and offset the plain operations take shifts (no gcd, no
    // division); the one-pass form's gcd would cost divisions.
    if !(isPowerOfTwo(scale.denominator) && isPowerOfTwo(offset.denominator)),
      let result = affineFraction(x, c, scale, offset)
    {
      return result
    }
    let cycle = Rational(c)
    return try cycle + (x - cycle) * scale + offset
  }

  /// `affine` over any denominators in one pass: every term over the product of the three
  /// denominators, then one gcd (the plain operations take one or two each), or `nil` when an
  /// intermediate overflows (the caller then takes the plain operations, which throw only
  /// when the exact result does not fit).
  @usableFromInline static func affineFraction(_ x: Rational, _ c: Int64, _ scale: Rational, _ offset: Rational)
    -> Rational?
  {
    // x - c = (xn - c xd) / xd; the result is c + (xn - c xd) sn / (xd sd) + on / od.
    let (cx, o1) = c.multipliedReportingOverflow(by: x.denominator)
    let (fraction, o2) = x.numerator.subtractingReportingOverflow(cx)
    let (xs, o3) = x.denominator.multipliedReportingOverflow(by: scale.denominator)
    let (d, o4) = xs.multipliedReportingOverflow(by: offset.denominator)
    let (p, o5) = fraction.multipliedReportingOverflow(by: scale.numerator)
    let (p2, o6) = p.multipliedReportingOverflow(by: offset.denominator)
    let (q, o7) = offset.numerator.multipliedReportingOverflow(by: xs)
    let (k, o8) = c.multipliedReportingOverflow(by: d)
    let (pq, o9) = p2.addingReportingOverflow(q)
    let (n, o10) = pq.addingReportingOverflow(k)
    if o1 || o2 || o3 || o4 || o5 || o6 || o7 || o8 || o9 || o10 || n == Int64.min { return nil }
    if n == 0 { return .zero }
    let g = gcd(n, d)
    return Rational(uncheckedNumerator: exactQuotient(n, g), denominator: exactQuotient(d, g))
  }

  /// `affine` over power-of-two denominators, or `nil` when an intermediate overflows.
  @inlinable static func affineDyadic(_ x: Rational, _ c: Int64, _ scale: Rational, _ offset: Rational)
    -> Rational?
  {
    let productShift = x.denominator.trailingZeroBitCount &+ scale.denominator.trailingZeroBitCount
    let offsetShift = offset.denominator.trailingZeroBitCount
    let shift = Swift.max(productShift, offsetShift)
    guard shift <= 62 else { return nil }
    // (x - c) * scale over 2^productShift, the offset and c, all over 2^shift.
    let (cx, o1) = c.multipliedReportingOverflow(by: x.denominator)
    let (fraction, o2) = x.numerator.subtractingReportingOverflow(cx)
    let (product, o3) = fraction.multipliedReportingOverflow(by: scale.numerator)
    let (p, o4) = product.multipliedReportingOverflow(by: Int64(1) &<< Int64(shift &- productShift))
    let (q, o5) = offset.numerator.multipliedReportingOverflow(by: Int64(1) &<< Int64(shift &- offsetShift))
    let (k, o6) = c.multipliedReportingOverflow(by: Int64(1) &<< Int64(shift))
    let (pq, o7) = p.addingReportingOverflow(q)
    let (n, o8) = pq.addingReportingOverflow(k)
    if o1 || o2 || o3 || o4 || o5 || o6 || o7 || o8 || n == Int64.min { return nil }
    if n == 0 { return .zero }
    let common = Int64(Swift.min(n.trailingZeroBitCount, shift))
    return Rational(uncheckedNumerator: n &>> common, denominator: (Int64(1) &<< Int64(shift)) &>> common)
  }

  @inlinable public static prefix func - (a: Rational) -> Rational {
    Rational(uncheckedNumerator: -a.numerator, denominator: a.denominator)
  }

  @inlinable public static func - (a: Rational, b: Rational) throws(TimeError) -> Rational {
    try a + (-b)
  }

  @inlinable public static func * (a: Rational, b: Rational) throws(TimeError) -> Rational {
    if isPowerOfTwo(a.denominator) && isPowerOfTwo(b.denominator) {
      if a.numerator == 0 || b.numerator == 0 { return .zero }
      return try multiplyDyadic(a, b)
    }
    return try multiplyGeneral(a, b)
  }

  /// `a * b` for non-zero factors whose denominators are powers of two: cross-cancelling
  /// factors of two (shifts) leaves the product normalized, as `multiplyFractions` does.
  @inlinable static func multiplyDyadic(_ a: Rational, _ b: Rational) throws(TimeError) -> Rational {
    let t1 = Int64(Swift.min(a.numerator.trailingZeroBitCount, b.denominator.trailingZeroBitCount))
    let t2 = Int64(Swift.min(b.numerator.trailingZeroBitCount, a.denominator.trailingZeroBitCount))
    let n = try checked((a.numerator &>> t1).multipliedReportingOverflow(by: b.numerator &>> t2))
    let d = try checked((a.denominator &>> t2).multipliedReportingOverflow(by: b.denominator &>> t1))
    return Rational(uncheckedNumerator: n, denominator: d)
  }

  @usableFromInline static func multiplyGeneral(_ a: Rational, _ b: Rational) throws(TimeError) -> Rational {
    // Halving, quartering...: speeding up by a power of two scales every time by its inverse.
    if b.numerator == 1 && isPowerOfTwo(b.denominator) { return try dividedByPowerOfTwo(a, b.denominator) }
    if a.numerator == 1 && isPowerOfTwo(a.denominator) { return try dividedByPowerOfTwo(b, a.denominator) }
    if a.denominator == 1 && b.denominator == 1 {
      return Rational(try checked(a.numerator.multipliedReportingOverflow(by: b.numerator)))
    }
    if a.numerator == 0 || b.numerator == 0 { return .zero }
    if b.denominator == 1 || a.denominator == 1 {
      // One integer factor k: only gcd(k, d) can cancel.
      let (k, f) = b.denominator == 1 ? (b.numerator, a) : (a.numerator, b)
      let g = gcd(k, f.denominator)
      let n = try checked(f.numerator.multipliedReportingOverflow(by: exactQuotient(k, g)))
      return Rational(uncheckedNumerator: n, denominator: exactQuotient(f.denominator, g))
    }
    if b.numerator == 1 || a.numerator == 1 {
      // Multiplying by 1/k: only gcd(n, k) can cancel.
      let (f, k) = b.numerator == 1 ? (a, b.denominator) : (b, a.denominator)
      let g = gcd(f.numerator, k)
      let d = try checked(f.denominator.multipliedReportingOverflow(by: exactQuotient(k, g)))
      return Rational(uncheckedNumerator: exactQuotient(f.numerator, g), denominator: d)
    }
    return try multiplyFractions(a, b)
  }

  /// `x / p` for a power of two `p`: only factors of two in the numerator can cancel, so the
  /// result is normalized after shifting them out.
  @inlinable static func dividedByPowerOfTwo(_ x: Rational, _ p: Int64) throws(TimeError) -> Rational {
    if x.numerator == 0 { return .zero }
    let t = Int64(Swift.min(x.numerator.trailingZeroBitCount, p.trailingZeroBitCount))
    let d = try checked(x.denominator.multipliedReportingOverflow(by: p &>> t))
    return Rational(uncheckedNumerator: x.numerator &>> t, denominator: d)
  }

  @usableFromInline static func multiplyFractions(_ a: Rational, _ b: Rational) throws(TimeError)
    -> Rational
  {
    // Cross-reduce first so the products stay as small as the result allows.
    let g1 = gcd(a.numerator, b.denominator)
    let g2 = gcd(b.numerator, a.denominator)
    let n = try checked(
      exactQuotient(a.numerator, g1).multipliedReportingOverflow(by: exactQuotient(b.numerator, g2)))
    let d = try checked(
      exactQuotient(a.denominator, g2).multipliedReportingOverflow(by: exactQuotient(b.denominator, g1)))
    return Rational(uncheckedNumerator: n, denominator: d)
  }

  @inlinable public static func / (a: Rational, b: Rational) throws(TimeError) -> Rational {
    guard b.numerator != 0 else { throw .divisionByZero }
    if b.denominator == 1 {
      // Dividing by an integer k: only gcd(numerator, k) can cancel.
      let k = b.numerator
      let g = gcd(a.numerator, k)
      let d = try checked(a.denominator.multipliedReportingOverflow(by: (k / g).magnitude > Int64.max ? 0 : abs(k / g)))
      return Rational(uncheckedNumerator: k < 0 ? -(a.numerator / g) : a.numerator / g, denominator: d)
    }
    return try a * b.reciprocal()
  }

  /// `1 / self`. - Throws: ``TimeError/divisionByZero`` for zero.
  @inlinable public func reciprocal() throws(TimeError) -> Rational {
    guard numerator != 0 else { throw .divisionByZero }
    return numerator < 0
      ? Rational(uncheckedNumerator: -denominator, denominator: -numerator)
      : Rational(uncheckedNumerator: denominator, denominator: numerator)
  }

  /// The largest integer not above `self` (Tidal's `sam` when used on cycle positions).
  @inlinable public var floor: Rational { Rational(floorInt) }

  /// The integer part, rounded toward negative infinity, as an `Int64`.
  @inlinable public var floorInt: Int64 {
    // An arithmetic shift rounds toward negative infinity: floor division by a power of two.
    if Rational.isPowerOfTwo(denominator) { return numerator &>> Int64(denominator.trailingZeroBitCount) }
    let q = numerator / denominator
    return numerator < 0 ? q - 1 : q
  }

  /// The smallest integer not below `self`.
  @inlinable public var ceiling: Rational {
    if denominator == 1 { return self }
    return Rational(floorInt + 1)
  }

  /// `self - floor`, in `[0, 1)`.
  @inlinable public var fractionalPart: Rational {
    if denominator == 1 { return .zero }
    if Rational.isPowerOfTwo(denominator) {
      return Rational(uncheckedNumerator: numerator & (denominator &- 1), denominator: denominator)
    }
    let r = numerator % denominator
    return Rational(uncheckedNumerator: r < 0 ? r + denominator : r, denominator: denominator)
  }

  @inlinable public var isNegative: Bool { numerator < 0 }
  @inlinable public var isZero: Bool { numerator == 0 }

  /// The nearest `Double` (for sampling continuous signals and printing, never for time math).
  @inlinable public var doubleValue: Double { Double(numerator) / Double(denominator) }

  public func min(_ other: Rational) -> Rational { self <= other ? self : other }
  public func max(_ other: Rational) -> Rational { self >= other ? self : other }
}

extension Rational: Comparable {
  @inlinable public static func < (a: Rational, b: Rational) -> Bool {
    if a.denominator == b.denominator { return a.numerator < b.numerator }
    let l = a.numerator.multipliedFullWidth(by: b.denominator)
    let r = b.numerator.multipliedFullWidth(by: a.denominator)
    return l.high < r.high || (l.high == r.high && l.low < r.low)
  }
}

extension Rational: ExpressibleByIntegerLiteral {
  @inlinable public init(integerLiteral value: Int64) { self.init(value) }
}
