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

  /// superpiano's partials run as damped recursions re-anchored every 64 frames; the same
  /// voice computed the plain way (a sine per partial per frame, amplitudes decaying frame by
  /// frame) must agree to far below a 16-bit step (3e-5); both use `sinCycles`, itself within
  /// about 1e-7 of libm's sine.
  @Test(arguments: [[:], ["speed": 2.0, "velocity": 1.4], ["n": -30.0, "detune": 2]] as [[String: Double]])
  func superpianoPartialsMatchDirectSines(_ given: [String: Double]) {
    var controls: ControlMap = ["sustain": .float(1.5)]
    for (k, v) in given { controls[k] = .float(v) }
    let c = SynthControls(SoundEvent("superpiano", controls: controls), rate: 48_000)
    var fast = SuperPiano(c)
    var plain = PlainPiano(SuperPiano(c))
    var worst = 0.0
    var loudest = 0.0
    for _ in 0..<48_000 {
      let a = fast.next()
      let b = plain.next()
      worst = max(worst, abs(a.0 - b.0), abs(a.1 - b.1))
      loudest = max(loudest, abs(b.0), abs(b.1))
    }
    #expect(loudest > 0.05)
    #expect(worst < 1e-6)
  }
}

/// superpiano as it was computed before its partials became recursions: the reference.
private struct PlainPiano {
  var piano: SuperPiano
  var phases: [Double]
  var amplitudes: [Double]

  init(_ piano: SuperPiano) {
    self.piano = piano
    phases = (0..<SuperPiano.partials).map { piano.phases[$0] }
    amplitudes = (0..<SuperPiano.partials).map { piano.amplitudes[$0] }
  }

  mutating func next() -> (Double, Double) {
    let base = piano.freq * piano.scale.next()
    var l = 0.0
    var r = 0.0
    for k in 0..<SuperPiano.partials {
      let f = base * piano.ratios[k]
      guard f < piano.rate * 0.45 else { continue }
      let x = sinCycles(phases[k]) * amplitudes[k]
      phases[k] += f / piano.rate
      phases[k] -= phases[k].rounded(.down)
      amplitudes[k] *= piano.decays[k]
      l += x * piano.leftGain[k]
      r += x * piano.rightGain[k]
    }
    let knock = piano.noise.next() * piano.hammer.next()
    let e = piano.env.next()
    return (piano.muffle.0.next(l + knock) * e, piano.muffle.1.next(r + knock) * e)
  }
}
