extension Rational: CustomStringConvertible {
  /// `"n"` for integers, `"n/d"` otherwise (the oracle's form).
  public var description: String {
    denominator == 1 ? String(numerator) : "\(numerator)/\(denominator)"
  }
}

extension Rational {
  /// Parses `n`, `n/d`, `n%d` or an exact decimal such as `-1.25`, `0.1` or `1.5e-3`.
  /// Decimals are read digit by digit, never through `Double`: `0.1` is exactly 1/10.
  /// - Returns: `nil` when the text is not a number or its exact value does not fit.
  public init?(parsing text: some StringProtocol) {
    let bytes = Array(text.utf8)
    if let slash = bytes.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "%") }) {
      guard let n = Rational(decimalBytes: bytes[..<slash]),
        let d = Rational(decimalBytes: bytes[(slash + 1)...]),
        let q = try? n / d
      else { return nil }
      self = q
    } else {
      guard let r = Rational(decimalBytes: bytes[...]) else { return nil }
      self = r
    }
  }

  /// Exact value of `[-+]digits[.digits][(e|E)[-+]digits]`.
  public init?(decimalBytes s: ArraySlice<UInt8>) {
    var i = s.startIndex
    var negative = false
    if i < s.endIndex, s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+") {
      negative = s[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: Int64 = 0
    var scale = 0  // value = mantissa * 10^(exponent - scale)
    var digits = 0
    var seenPoint = false
    while i < s.endIndex {
      let c = s[i]
      if c == UInt8(ascii: ".") && !seenPoint {
        seenPoint = true
      } else if c >= 48 && c <= 57 {
        let m = mantissa.multipliedReportingOverflow(by: 10)
        let a = m.partialValue.addingReportingOverflow(Int64(c - 48))
        if m.overflow || a.overflow { return nil }
        mantissa = a.partialValue
        digits += 1
        if seenPoint { scale += 1 }
      } else {
        break
      }
      i += 1
    }
    guard digits > 0 else { return nil }
    var exponent = 0
    if i < s.endIndex, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
      i += 1
      var expNegative = false
      if i < s.endIndex, s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+") {
        expNegative = s[i] == UInt8(ascii: "-")
        i += 1
      }
      var expDigits = 0
      while i < s.endIndex, s[i] >= 48 && s[i] <= 57 {
        exponent = exponent * 10 + Int(s[i] - 48)
        if exponent > 40 { return nil }
        expDigits += 1
        i += 1
      }
      guard expDigits > 0 else { return nil }
      if expNegative { exponent = -exponent }
    }
    guard i == s.endIndex else { return nil }
    let power = exponent - scale
    guard let p = Rational.powerOfTen(power.magnitude) else { return nil }
    let m = Rational(negative ? -mantissa : mantissa)
    guard let v = try? (power >= 0 ? m * p : m / p) else { return nil }
    self = v
  }

  static func powerOfTen(_ k: UInt) -> Rational? {
    var v: Int64 = 1
    for _ in 0..<k {
      let m = v.multipliedReportingOverflow(by: 10)
      if m.overflow { return nil }
      v = m.partialValue
    }
    return Rational(v)
  }
}

extension Rational {
  /// The exact value of a finite `Double` (Haskell's `toRational`), when it fits.
  public init?(exactly d: Double) {
    guard d.isFinite else { return nil }
    if d == d.rounded(), abs(d) < 9.2e18 {
      self.init(Int64(d))
      return
    }
    // d = significand * 2^exponent with an integer significand.
    let e = d.exponent - Int(Double.significandBitCount)
    let sig = Int64(d.significandBitPattern | (d.isNormal ? (1 << 52) : 0))
    guard e < 0, -e < 63 else { return nil }
    guard let r = try? Rational(d < 0 ? -sig : sig, Int64(1) << -e) else { return nil }
    self = r
  }
}
