import Controls
import Testing

@testable import Audio

#if canImport(Glibc)
  import Glibc
#endif

/// The cheaper arithmetic the synths use in their inner loops, checked against the plain one.
@Suite struct FastMathTests {
  @Test func fastTanhMatchesLibm() {
    var worst = 0.0
    var x = -40.0
    while x <= 40 {
      worst = max(worst, abs(fastTanh(x) - tanh(x)))
      x += 0.000_37
    }
    #expect(worst < 1e-15)
    #expect(fastTanh(0) == 0)
    #expect(fastTanh(.infinity) == 1)
    #expect(fastTanh(-.infinity) == -1)
    #expect(fastTanh(.nan).isNaN)
  }
}
