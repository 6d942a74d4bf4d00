import Controls
import Foundation
import Testing

@testable import Audio

// Effects measured on buffers: each test renders a signal through the effect and checks what a
// listener would hear (levels at given frequencies, levels held, echoes and tails), comparing
// with SuperDirt's formulas where they are simple enough to compute.

private let rate = 48_000.0

/// An event named "x" with the given numeric controls.
private func event(_ controls: [String: Double], strings: [String: String] = [:]) -> SoundEvent {
  var map: ControlMap = [:]
  for (k, v) in controls { map[k] = .float(v) }
  for (k, v) in strings { map[k] = .string(v) }
  return SoundEvent("x", controls: map)
}

/// Runs `signal` (mono, or stereo when `right` is given) through the effects in 64-frame blocks.
private func render(_ effects: inout VoiceEffects, _ signal: [Float], right: [Float]? = nil) -> (
  left: [Float], right: [Float]
) {
  var l = signal
  var r = right ?? [Float](repeating: 0, count: signal.count)
  let channels = right == nil ? 1 : 2
  l.withUnsafeMutableBufferPointer { lp in
    r.withUnsafeMutableBufferPointer { rp in
      var i = 0
      while i < signal.count {
        let n = min(64, signal.count - i)
        effects.process(left: lp.baseAddress! + i, right: rp.baseAddress! + i, channels: channels, frames: n)
        i += n
      }
    }
  }
  return (l, r)
}

private func processed(_ controls: [String: Double], strings: [String: String] = [:], _ signal: [Float]) -> [Float] {
  guard var fx = VoiceEffects(event(controls, strings: strings), rate: rate) else { return signal }
  return render(&fx, signal).left
}

/// A naive sawtooth whose period is a whole number of samples, so its spectrum (aliases
/// included) sits exactly on the harmonics.
private func saw(period: Int, count: Int, amplitude: Float = 0.5) -> [Float] {
  (0..<count).map { amplitude * (2 * Float($0 % period) / Float(period) - 1) }
}

private func sine(_ freq: Double, count: Int, amplitude: Float = 0.5) -> [Float] {
  (0..<count).map { amplitude * Float(sin(2 * Double.pi * freq * Double($0) / rate)) }
}

/// Amplitude of the component at `freq` over the last `length` samples (one DFT bin; exact when
/// `freq · length / rate` is whole).
private func amplitude(_ x: [Float], at freq: Double, length: Int = 9_600) -> Double {
  let start = x.count - length
  var re = 0.0
  var im = 0.0
  for n in 0..<length {
    let phase = 2 * Double.pi * freq * Double(n) / rate
    re += Double(x[start + n]) * cos(phase)
    im -= Double(x[start + n]) * sin(phase)
  }
  return 2 * (re * re + im * im).squareRoot() / Double(length)
}

private func dB(_ ratio: Double) -> Double { 20 * log10(ratio) }

/// Energy (sum of squared harmonic amplitudes) of the harmonics of `f0` in `range`.
private func harmonicEnergy(_ x: [Float], f0: Double, in range: ClosedRange<Double>) -> Double {
  var sum = 0.0
  var f = f0
  while f < rate / 2 {
    if range.contains(f) { sum += pow(amplitude(x, at: f, length: 8_192), 2) }
    f += f0
  }
  return sum
}

/// Steady-state gain of the effects for a sine at `freq` (a whole number of 10 Hz).
private func gain(_ controls: [String: Double], strings: [String: String] = [:], at freq: Double) -> Double {
  let input = sine(freq, count: 48_000, amplitude: 0.01)
  let output = processed(controls, strings: strings, input)
  return amplitude(output, at: freq, length: 4_800) / amplitude(input, at: freq, length: 4_800)
}

@Suite struct EffectsTests {
  // 48000 / 256 = 187.5 Hz: 256-sample period, harmonics on exact bins of 8192 samples.
  let f0 = 187.5
  var sawInput: [Float] { saw(period: 256, count: 48_000) }

  @Test func noEffectsMeansNoStage() {
    #expect(VoiceEffects(event(["n": 3, "gain": 1.2, "delay": 0.5]), rate: rate) == nil)
    #expect(VoiceEffects(event(["coarse": 1]), rate: rate) == nil)
    #expect(VoiceEffects(event([:], strings: ["vowel": "x"]), rate: rate) == nil)
    #expect(VoiceEffects(event(["cutoff": 500]), rate: rate) != nil)
  }

  @Test func lowPassDropsHighsAndKeepsTheFundamental() {
    let dry = sawInput
    let wet = processed(["cutoff": 500], dry)
    let highDrop = dB(
      (harmonicEnergy(wet, f0: f0, in: 2_000...24_000) / harmonicEnergy(dry, f0: f0, in: 2_000...24_000)).squareRoot())
    let fundamental = dB(amplitude(wet, at: f0, length: 8_192) / amplitude(dry, at: f0, length: 8_192))
    #expect(highDrop < -30, "energy above 2 kHz changed by \(highDrop) dB")
    #expect(abs(fundamental) < 1, "fundamental changed by \(fundamental) dB")
    // RLPF is 12 dB per octave: two octaves above the cutoff, about −24 dB.
    let twoOctaves = dB(gain(["cutoff": 500], at: 2_000))
    #expect(twoOctaves < -21 && twoOctaves > -27, "gain at 2 kHz: \(twoOctaves) dB")
  }

  @Test func highPassDropsTheFundamentalAndKeepsHighs() {
    let dry = sawInput
    let wet = processed(["hcutoff": 2_000], dry)
    let fundamental = dB(amplitude(wet, at: f0, length: 8_192) / amplitude(dry, at: f0, length: 8_192))
    let highs = dB(
      (harmonicEnergy(wet, f0: f0, in: 5_000...15_000) / harmonicEnergy(dry, f0: f0, in: 5_000...15_000)).squareRoot())
    #expect(fundamental < -30, "fundamental changed by \(fundamental) dB")
    #expect(abs(highs) < 1.5, "energy 5-15 kHz changed by \(highs) dB")
  }

  @Test func resonanceRaisesAPeakAtTheCutoff() {
    // SuperDirt: rq = resonance.linexp(0, 1, 1, 0.001); a two-pole's gain at its cutoff is Q.
    let plain = gain(["cutoff": 1_000], at: 1_000)
    let resonant = gain(["cutoff": 1_000, "resonance": 0.5], at: 1_000)
    let expected = 1 / pow(0.001, 0.5)
    #expect(dB(resonant / plain) > 20)
    #expect(abs(dB(resonant / expected)) < 1.5, "peak \(resonant), Q \(expected)")
    // The peak is at the cutoff: an octave away the resonant filter is far lower.
    #expect(gain(["cutoff": 1_000, "resonance": 0.5], at: 2_000) < resonant / 10)
    #expect(gain(["hcutoff": 1_000, "hresonance": 0.5], at: 1_000) > 10 * gain(["hcutoff": 1_000], at: 1_000))
  }

  @Test func bandPassKeepsItsBandScaledByQ() {
    // dirt_bpf: BPF(rq 1/bandq) · bandq, so the centre gains bandq.
    let centre = gain(["bandf": 1_000, "bandq": 4], at: 1_000)
    #expect(abs(dB(centre / 4)) < 0.5, "centre gain \(centre)")
    #expect(gain(["bandf": 1_000, "bandq": 4], at: 200) < centre / 8)
    #expect(gain(["bandf": 1_000, "bandq": 4], at: 5_000) < centre / 8)
  }

  @Test func djFilterSwitchesSidesAtOneHalf() {
    let low = 200.0
    let high = 8_000.0
    // Below 0.5 a low-pass, above it a high-pass, flat at 0.5.
    #expect(dB(gain(["djf": 0.2], at: high)) < -20)
    #expect(abs(dB(gain(["djf": 0.2], at: low))) < 3)
    #expect(dB(gain(["djf": 0.8], at: low)) < -20)
    #expect(abs(dB(gain(["djf": 0.8], at: high))) < 3)
    // At 0.5: RLPF at 10 kHz and RHPF at 20 Hz (rq 1), within a dB over the midrange.
    for f in [low, 1_000, 4_000] {
      #expect(abs(dB(gain(["djf": 0.5], at: f))) < 1, "djf 0.5 at \(f)")
    }
  }

  @Test(arguments: [
    ("a", 660.0, 1_120.0), ("e", 440, 1_800), ("i", 270, 1_850), ("o", 430, 820), ("u", 370, 630),
  ])
  func vowelPutsPeaksAtItsFormants(vowel: String, f1: Double, f2: Double) {
    func g(_ f: Double) -> Double { gain([:], strings: ["vowel": vowel], at: f) }
    let peak1 = g(f1)
    let peak2 = g(f2)
    // The first formant stands well above everything near it; the second is a peak of its own
    // (it may sit on the first one's skirt).
    for neighbour in [f1 - 100, f1 + 100, f2 - 100, f2 + 100] {
      #expect(peak1 > 3 * g(neighbour), "\(vowel): F1 \(peak1) vs \(neighbour) \(g(neighbour))")
    }
    for neighbour in [f2 - 100, f2 - 50, f2 + 50, f2 + 100] {
      #expect(peak2 > 1.2 * g(neighbour), "\(vowel): F2 \(peak2) vs \(neighbour) \(g(neighbour))")
    }
    // And they are this vowel's: the other vowels' first formants are not peaks here.
    #expect(peak1 > 3 * g(f1 < 500 ? 660 : 270))
    // SuperDirt's level at F1 (resonance 0.5): XFade2 at pan 0.25, level 0.25, the first band's
    // gain 125 (0 dB · linlin(0.5, 0, 1, 50, 200)), the dry path in phase at the centre.
    let angle = (0.25 + 1) * Double.pi / 4
    let expected = 0.25 * cos(angle) + 0.25 * sin(angle) * 125
    #expect(abs(dB(peak1 / expected)) < 1.5, "\(vowel): F1 gain \(peak1), SuperDirt \(expected)")
  }

  @Test func crushFourLeavesSixteenLevels() {
    let wet = processed(["crush": 4], sine(50, count: 4_800, amplitude: 0.9))
    let levels = Set(wet)
    #expect(levels.count <= 16)
    #expect(levels.count >= 14)
    #expect(levels.allSatisfy { ($0 * 8).rounded() == $0 * 8 })
  }

  @Test func coarseEightHoldsEachValueForEightSamples() {
    let dry = sine(333, count: 4_800)
    let wet = processed(["coarse": 8], dry)
    for i in 0..<dry.count { #expect(wet[i] == dry[i - i % 8]) }
  }

  @Test(arguments: [["shape": 0.7], ["distort": 0.5], ["triode": 0.8], ["krush": 1], ["squiz": 2]])
  func distortionsAddHarmonicsAndStayBounded(controls: [String: Double]) {
    let f = 500.0
    let dry = sine(f, count: 48_000)
    let wet = processed(controls, dry)
    let before = amplitude(dry, at: 3 * f) + amplitude(dry, at: 2 * f)
    let after = amplitude(wet, at: 3 * f) + amplitude(wet, at: 2 * f)
    #expect(after > 0.01 && after > 100 * before, "\(controls): harmonics \(before) → \(after)")
    #expect(wet.allSatisfy { abs($0) <= 1.5 && $0.isFinite }, "\(controls): peak \(wet.map(abs).max()!)")
  }

  @Test func shapeFollowsSuperDirtsCurve() {
    // shape 0.5: k = 2·0.5/(1 − 0.5) = 2, so 0.5 → 3·0.5/(1 + 2·0.5) = 0.75.
    let wet = processed(["shape": 0.5], [0.5, -0.5, 1, 0])
    #expect(wet == [0.75, -0.75, 1, 0])
    #expect(processed(["shape": -3], [2, -2]) == [2, -2])
    #expect(VoiceEffects(event(["shape": 0.5]), rate: rate)?.isLinear == false)
    #expect(VoiceEffects(event(["cutoff": 500, "vowel": 0]), rate: rate)?.isLinear == true)
  }

  @Test func shapeThenLowPassInOnePassMatchesTwoPasses() {
    let dry = saw(period: 256, count: 4_800)
    let fused = processed(["shape": 0.6, "cutoff": 700, "resonance": 0.3], dry)
    var separate = dry
    var filter = TwoPole.lowPass(700, rq: VoiceEffects.rq(0.3), rate: rate)
    separate.withUnsafeMutableBufferPointer { p in
      var i = 0
      while i < p.count {
        let n = min(64, p.count - i)
        Shape(0.6).process(left: p.baseAddress! + i, right: p.baseAddress! + i, channels: 1, frames: n)
        filter.process(left: p.baseAddress! + i, right: p.baseAddress! + i, channels: 1, frames: n)
        i += n
      }
    }
    #expect(fused == separate)
  }

  @Test func tremoloRingAndWavelossFollowSuperDirt() {
    let ones = [Float](repeating: 1, count: 12_000)
    // tremolo: (1 − d) + d·cos(2π·rate·t), d = depth · 0.5.
    let trem = processed(["tremolorate": 4, "tremolodepth": 1], ones)
    #expect(abs(trem[0] - 1) < 1e-4)
    #expect(abs(trem[6_000]) < 1e-3)
    #expect(abs(trem[3_000] - 0.5) < 1e-3)
    // ring: x + x · ring · sin(2π·ringf·t).
    let ring = processed(["ring": 1, "ringf": 1_000], [Float](repeating: 0.5, count: 9_600))
    #expect(abs(amplitude(ring, at: 1_000) - 0.5) < 0.01)
    // waveloss 100 drops every segment after the first upward zero crossing; 0 drops none.
    let s = sine(100, count: 4_800)
    #expect(processed(["waveloss": 0], s) == s)
    #expect(processed(["waveloss": 100], s)[482...].allSatisfy { $0 == 0 })
    // octersub: a flip-flop at half the low-passed frequency.
    let sub = processed(["octersub": 1], sine(110, count: 48_000))
    #expect(amplitude(sub, at: 55, length: 48_000) > 0.05)
    // phaser: the signal plus a delayed copy, so a sine's level changes but stays bounded.
    let ph = processed(["phaserrate": 1, "phaserdepth": 1], sine(1_000, count: 9_600))
    #expect(ph.allSatisfy { abs($0) <= 1.0001 })
    #expect(abs(amplitude(ph, at: 1_000) - 0.5) > 0.05)
  }

  @Test func frequencyShiftMovesEveryPartialByTheSameHertz() {
    let dry = sine(1_000, count: 48_000)
    let up = processed(["fshift": 200], dry)
    #expect(amplitude(up, at: 1_200) > 0.45, "shifted: \(amplitude(up, at: 1_200))")
    #expect(amplitude(up, at: 800) < 0.02, "mirror: \(amplitude(up, at: 800))")
    #expect(amplitude(up, at: 1_000) < 0.02)
    // fshiftnote: the note frequency times it (note 9, octave 4: midi 57, 220 Hz).
    let byNote = processed(["fshift": 0, "fshiftnote": 1, "note": 9, "octave": 4], dry)
    #expect(amplitude(byNote, at: 1_220) > 0.45, "by note: \(amplitude(byNote, at: 1_220))")
  }

  @Test func pitchShiftMovesASineByItsRatio() {
    let dry = sine(400, count: 48_000)
    let up = processed(["psrate": 1.5, "sustain": 1], dry)
    let down = processed(["psrate": 0.5, "sustain": 1], dry)
    // Overlapping grains leave some modulation, but the energy moves to 400 · ratio.
    #expect(
      amplitude(up, at: 600) > 4 * amplitude(up, at: 400), "up: \(amplitude(up, at: 600)) \(amplitude(up, at: 400))")
    #expect(amplitude(down, at: 200) > 4 * amplitude(down, at: 400), "down: \(amplitude(down, at: 200))")
    #expect(up.allSatisfy { abs($0) <= 1 })
  }

  @Test func voiceEffectsRunBothChannels() {
    guard var fx = VoiceEffects(event(["cutoff": 300]), rate: rate) else {
      Issue.record("no effects")
      return
    }
    let l = saw(period: 256, count: 9_600)
    let out = render(&fx, l, right: l.map { -$0 })
    #expect(out.left.indices.allSatisfy { out.right[$0] == -out.left[$0] })
    #expect(amplitude(out.left, at: 3_000, length: 8_192) < amplitude(l, at: 3_000, length: 8_192) / 30)
  }
}

@Suite struct OrbitEffectsTests {
  /// Renders `frames` of orbit output with one impulse of `height` at frame 0 on the chosen
  /// send (both channels).
  private func impulseResponse(_ settings: OrbitSettings, toDelay: Bool, frames: Int, height: Float = 1) -> (
    out: [Float], silentAt: Int?
  ) {
    var orbit = OrbitEffects(rate: rate)
    orbit.apply(settings)
    var out = [Float](repeating: 0, count: 2 * frames)
    var send = [Float](repeating: 0, count: 2 * 64)
    let silence = [Float](repeating: 0, count: 2 * 64)
    var silentAt: Int?
    var i = 0
    while i < frames {
      let n = min(64, frames - i)
      send.withUnsafeMutableBufferPointer { s in
        for k in 0..<(2 * 64) { s[k] = 0 }
        if i == 0 {
          s[0] = height
          s[1] = height
        }
      }
      out.withUnsafeMutableBufferPointer { o in
        if toDelay {
          orbit.process(delaySend: send, reverbSend: silence, into: o.baseAddress! + 2 * i, frames: n)
        } else {
          orbit.process(delaySend: silence, reverbSend: send, into: o.baseAddress! + 2 * i, frames: n)
        }
      }
      if silentAt == nil && orbit.isSilent { silentAt = i + n }
      i += n
    }
    return (out, silentAt)
  }

  @Test func delayEchoesAtDelayTimeDecayingByFeedback() {
    // SwitchDelay: the input itself, then echo n at n·D + (n − 1) samples, feedback^(n − 1).
    let settings = OrbitSettings(delayTime: 0.1, delayFeedback: 0.5, cps: 1)
    let out = left(impulseResponse(settings, toDelay: true, frames: 24_000).out)
    #expect(out[0] == 1, "SwitchDelay passes its input (dry level 1)")
    for (n, p) in [4_800, 9_601, 14_402].enumerated() {
      let expected = pow(0.5, Double(n))
      #expect(abs(Double(out[p]) - expected) < 1e-6, "echo \(n + 1) at \(p): \(out[p])")
    }
    let echoes = out.indices.filter { out[$0] != 0 }
    #expect(echoes == [0, 4_800, 9_601, 14_402, 19_203])
  }

  @Test func lockTiesDelayTimeToCycles() {
    // delaytime 0.25 cycles at 0.5 cycles per second: 0.5 s.
    func firstEcho(_ settings: OrbitSettings) -> Int? {
      let out = left(impulseResponse(settings, toDelay: true, frames: 30_000).out)
      return out.indices.dropFirst().first { out[$0] != 0 }
    }
    #expect(firstEcho(OrbitSettings(delayTime: 0.25, delayFeedback: 0, lock: 1, cps: 0.5)) == 24_000)
    #expect(firstEcho(OrbitSettings(delayTime: 0.25, delayFeedback: 0, cps: 0.5)) == 12_000)
  }

  @Test func delayFeedbackIsClippedAsSwitchDelayClipsIt() {
    let settings = OrbitSettings(delayTime: 0.1, delayFeedback: 1.5, cps: 1)
    let out = left(impulseResponse(settings, toDelay: true, frames: 10_000).out)
    #expect(abs(out[9_601] / out[4_800] - 0.9) < 1e-6)
  }

  @Test func delayGoesSilentAfterItsEchoes() {
    let (out, silentAt) = impulseResponse(
      OrbitSettings(delayTime: 0.05, delayFeedback: 0.5, cps: 1), toDelay: true, frames: 5 * 48_000)
    guard let silentAt else {
      Issue.record("never silent")
      return
    }
    // 0.5^16 < 1e-5: about 17 echoes 2400 frames apart, then the orbit's quiet window (the
    // reverb's, about 1.3 s, is the longer one).
    #expect(silentAt > 17 * 2_400)
    #expect(silentAt < 3 * 48_000)
    #expect(out[(2 * silentAt)...].allSatisfy { $0 == 0 })
  }

  @Test func roomTailGrowsWithSizeAndEnds() {
    func tailEnergy(_ size: Double) -> Double {
      let out = impulseResponse(OrbitSettings(size: size), toDelay: false, frames: 96_000).out
      return out[48_000...].reduce(0) { $0 + Double($1) * Double($1) }
    }
    let small = tailEnergy(0.1)
    let large = tailEnergy(0.9)
    #expect(small > 0)
    #expect(large > 10 * small, "tail energy 1-2 s: size 0.1 \(small), size 0.9 \(large)")
    let shortTail = impulseResponse(OrbitSettings(size: 0.1), toDelay: false, frames: 20 * 48_000).silentAt ?? .max
    let longTail = impulseResponse(OrbitSettings(size: 0.9), toDelay: false, frames: 20 * 48_000).silentAt ?? .max
    #expect(longTail > shortTail + 48_000, "silent after \(shortTail) vs \(longTail) frames")

    let (out, silentAt) = impulseResponse(OrbitSettings(size: 0.3), toDelay: false, frames: 10 * 48_000)
    #expect(out[..<2_000].contains { $0 != 0 }, "the reverb answers at once")
    guard let silentAt else {
      Issue.record("never silent")
      return
    }
    #expect(silentAt > 4_800)
    #expect(out[(2 * silentAt)...].allSatisfy { abs($0) < 1e-5 })
  }

  @Test func sendsAndSettingsFollowTheEvent() {
    let e = event(["delay": 0.4, "room": 0.5, "dry": 0.2, "delaytime": 0.25, "cps": 0.5625, "lock": 1])
    #expect(OrbitEffects.sends(for: e) == OrbitSends(dry: 1, delay: 0.4, reverb: 0.4))
    #expect(OrbitEffects.settings(for: e) == OrbitSettings(delayTime: 0.25, lock: 1, cps: 0.5625))
    #expect(OrbitEffects.settings(for: event(["n": 1])) == nil)
    #expect(OrbitEffects.sends(for: event([:])) == OrbitSends(dry: 1, delay: 0, reverb: 0))
    #expect(OrbitEffects(rate: rate).isSilent)
  }
}
