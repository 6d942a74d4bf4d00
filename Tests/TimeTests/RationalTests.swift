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
