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

extension FastMathTests {
  /// A mono voice's `shape` + `lpf` runs two frames per step; it must agree with the filter run
  /// frame by frame (odd block lengths included, so the single-frame tail is exercised too).
  @Test(arguments: [(2_000.0, 0.2), (60.0, 0.9), (15_000.0, 0.0)])
  func pairedLowPassMatchesFrameByFrame(_ cutoff: Double, _ resonance: Double) {
    let shape = Shape(0.5)
    var paired = TwoPole.lowPass(cutoff, rq: VoiceEffects.rq(resonance), rate: 48_000)
    var plain = paired
    var noise = WhiteNoise(seed: 7)
    var block = [Float](repeating: 0, count: 64)
    var unused = [Float](repeating: 0, count: 64)
    var worst: Float = 0
    var loudest: Float = 0
    for (i, frames) in [64, 37, 64, 1, 63, 64, 2].enumerated() {
      for k in 0..<frames { block[k] = Float(noise.next()) * (i == 3 ? 0 : 0.8) }
      let input = block
      block.withUnsafeMutableBufferPointer { b in
        unused.withUnsafeMutableBufferPointer { u in
          paired.process(shapedBy: shape, left: b.baseAddress!, right: u.baseAddress!, channels: 1, frames: frames)
        }
      }
      for k in 0..<frames {
        let a = input[k]
        let expected = plain.left((1 + shape.k) * a / (1 + shape.k * abs(a)))
        worst = max(worst, abs(block[k] - expected))
        loudest = max(loudest, abs(expected))
      }
    }
    #expect(loudest > 0.01)
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
