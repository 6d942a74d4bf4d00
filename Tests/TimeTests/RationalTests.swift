import Testing
import Time

@Suite struct RationalTests {
  func r(_ n: Int64, _ d: Int64) -> Rational { try! Rational(n, d) }

  @Test func normalizes() throws {
    #expect(r(2, 4) == r(1, 2))
    #expect(r(3, -6).numerator == -1 && r(3, -6).denominator == 2)
    #expect(r(0, -5) == .zero && r(0, -5).denominator == 1)
    #expect(throws: TimeError.divisionByZero) { try Rational(1, 0) }
  }

  @Test func arithmeticIsExact() throws {
    #expect(try r(1, 3) + r(1, 6) == r(1, 2))
    #expect(try r(1, 3) - r(1, 3) == .zero)
    #expect(try (r(1, 3) - r(1, 3)).denominator == 1)
    #expect(try r(2, 3) * r(3, 4) == r(1, 2))
    #expect(try r(0, 1) * r(3, 4) == .zero)
    #expect(try (r(0, 1) * r(3, 4)).denominator == 1)
    #expect(try r(1, 2) / r(1, 4) == Rational(2))
    #expect(throws: TimeError.divisionByZero) { try r(1, 2) / .zero }
  }

  @Test func overflowIsAnErrorNotAWrap() throws {
    let big = Rational(Int64.max)
    #expect(throws: TimeError.overflow) { try big + .one }
    #expect(throws: TimeError.overflow) { try big * Rational(2) }
    #expect(throws: TimeError.overflow) { try Rational(Int64.min, 1) }
    // Large but representable results stay exact.
    #expect(try Rational(Int64.max - 1) + .one == big)
  }

  @Test func comparisonNeverOverflows() throws {
    let a = r(Int64.max - 1, Int64.max)
    let b = r(Int64.max - 2, Int64.max - 1)
    #expect(b < a)
    #expect(!(a < b))
    #expect(r(-1, 3) < r(-1, 4))
  }

  /// The operations against exact 128-bit arithmetic on random operands, many with
  /// power-of-two denominators (which take shift-based fast paths). Small operands must never
  /// overflow; any result returned must be the exact, normalized value.
  @Test func arithmeticMatchesA128BitReference() throws {
    var state: UInt64 = 0x5EED
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    func operand(small: Bool) -> Rational {
      let limit: UInt64 = small ? 1 << 20 : UInt64(Int64.max)
      var n = Int64(next() % limit)
      if next() % 2 == 0 { n = -n }
      if next() % 5 == 0 { n = 0 }
      let d: Int64
      switch next() % 4 {
      case 0: d = 1
      case 1, 2: d = Int64(1) << (next() % (small ? 20 : 62))
      default: d = Int64(next() % limit) + 1
      }
      return try! Rational(n, d)
    }
    func reference(_ n: Int128, _ d: Int128) -> Rational? {
      var (n, d) = (n, d)
      if d < 0 { (n, d) = (-n, -d) }
      var (x, y) = (n.magnitude, d.magnitude)
      while y != 0 { (x, y) = (y, x % y) }
      let g = Int128(x)
      (n, d) = (n / g, d / g)
      guard let n64 = Int64(exactly: n), let d64 = Int64(exactly: d), n64 != Int64.min else { return nil }
      return try? Rational(n64, d64)
    }
    for round in 0..<20_000 {
      let small = round % 2 == 0
      let a = operand(small: small)
      let b = operand(small: small)
      let shift = Int64(next() % 12)
      let (an, ad, bn, bd) = (Int128(a.numerator), Int128(a.denominator), Int128(b.numerator), Int128(b.denominator))
      let cases: [(String, Rational?, () throws -> Rational)] = [
        ("+", reference(an * bd + bn * ad, ad * bd), { try a + b }),
        ("-", reference(an * bd - bn * ad, ad * bd), { try a - b }),
        ("*", reference(an * bn, ad * bd), { try a * b }),
        ("/", b.isZero ? nil : reference(an * bd, ad * bn), { try a / b }),
        // Scaling by a power of two or its inverse, the common speed-ups and slow-downs.
        ("* 1/2^k", reference(an, ad << shift), { try a * Rational(1, 1 << shift) }),
        ("* 2^k", reference(an << shift, ad), { try a * Rational(1 << shift) }),
      ]
      for (name, expected, compute) in cases where !(name == "/" && b.isZero) {
        do {
          let value = try compute()
          #expect(value == expected, "\(a) \(name) \(b) gave \(value), exact is \(String(describing: expected))")
        } catch {
          #expect(!small && error as? TimeError == .overflow, "\(a) \(name) \(b) threw \(error)")
        }
      }
      // affine(x, c, scale, offset) against the plain operations it fuses.
      let c = a.floorInt
      let offset = operand(small: true)
      let plain = try? Rational(c) + (a - Rational(c)) * b + offset
      let fused = try? Rational.affine(a, cycle: c, scale: b, offset: offset)
      if let plain { #expect(fused == plain, "affine(\(a), \(c), \(b), \(offset))") }
      if small { #expect(fused != nil) }
      let floor = an >= 0 ? an / ad : -((-an + ad - 1) / ad)
      #expect(a.floorInt == Int64(floor))
      #expect(a.fractionalPart == reference(an - floor * ad, ad))
    }
  }

  @Test func floorAndFraction() {
    #expect(r(7, 2).floor == Rational(3))
    #expect(r(-7, 2).floor == Rational(-4))
    #expect(r(-7, 2).fractionalPart == r(1, 2))
    #expect(Rational(5).fractionalPart == .zero)
    #expect(r(-1, 3).ceiling == .zero)
  }

  @Test func decimalsParseExactly() {
    #expect(Rational(parsing: "0.1") == r(1, 10))
    #expect(Rational(parsing: "-1.25") == r(-5, 4))
    #expect(Rational(parsing: "1e3") == Rational(1000))
    #expect(Rational(parsing: "1.5e-2") == r(3, 200))
    #expect(Rational(parsing: "1/3") == r(1, 3))
    #expect(Rational(parsing: "2%6") == r(1, 3))
    #expect(Rational(parsing: "abc") == nil)
    #expect(Rational(parsing: "1/0") == nil)
    #expect(Rational(parsing: "99999999999999999999") == nil)
  }

  @Test func printParseRoundTrip() {
    for n in Int64(-40)...40 {
      for d in Int64(1)...12 {
        let x = r(n, d)
        #expect(Rational(parsing: x.description) == x)
      }
    }
  }
}
