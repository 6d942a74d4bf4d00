#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// SuperDirt's pitched synths (library/default-synths-extra.scd). Each follows its SynthDef's
// graph; where SuperDirt uses a UGen Tala lacks (MdaPiano, MembraneHexagon, AY, GVerb…) the
// struct's comment says how it is approximated.

/// The envelope SuperDirt's moog-inspired synths share: up in 5%, down to `1 − decay` by 20%,
/// held to 95%, then out (Env.pairs, curve −3, over the sustain).
func moogEnvelope(_ c: SynthControls, attack: Double = 0.05, curve: Double = -3) -> Envelope {
  let decay = c.number("decay", 0)
  return .pairs(
    [(0, 0), (attack, 1), (0.2, 1 - decay), (0.95, 1 - decay), (1, 0)], curve: .shape(curve), timeScale: c.sustain,
    rate: c.rate)
}

/// `x` in [-1, 1] mapped onto [lo, hi] (SuperCollider's `range` of a bipolar UGen).
@inline(__always) func range(_ x: Double, _ lo: Double, _ hi: Double) -> Double { lo + (x + 1) * 0.5 * (hi - lo) }

/// supersaw: three saws detuned by `voice`/50 and a triangle `semitone`s up, through a ladder
/// low-pass swept by a triangle LFO between `pitch1` × 10 × freq and `lfo` + 1 times that, at
/// freq/64 × `rate`; `resonance` is the ladder's feedback.
struct SuperSaw: MonoSource {
  let rate: Double
  let freq: Double
  let voice: Double
  let semitoneRatio: Double
  let lfoRate: Double
  let pitch1: Double
  let lfoDepth: Double
  let resonance: Double
  var scale: LineSegment
  var env: Envelope
  var saws = (SawOsc(), SawOsc(), SawOsc())
  var triangle: TriangleOsc
  var lfo = TriangleOsc(iphase: 0.5)
  var ladder = LadderFilter()

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    voice = c.number("voice", 0.5)
    semitoneRatio = pow(2, c.number("semitone", 12) / 12)
    lfoRate = c.number("rate", 1)
    pitch1 = c.number("pitch1", 1)
    lfoDepth = c.number("lfo", 1)
    resonance = c.number("resonance", 0.2)
    scale = c.freqScale()
    env = moogEnvelope(c)
    triangle = TriangleOsc(iphase: voice)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperSaw(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let base = freq * scale.next()
    let f1 = min(base * 10 * pitch1, 22000)
    let f2 = min(f1 * (lfoDepth + 1), 22000)
    var x =
      saws.0.next(base * (1 - voice / 50), rate) + saws.1.next(base, rate) + saws.2.next(base * (1 + voice / 50), rate)
    x = 0.5 * x + 0.5 * triangle.next(base * semitoneRatio, rate)
    let cutoff = range(lfo.next(base / 64 * lfoRate, rate), f1, f2)
    let y = ladder.next(x, freq: cutoff, gain: resonance * 4, rate: rate)
    return fastTanh(y) * 2 * env.next()
  }
}

/// superpiano, approximated: SuperDirt hooks MdaPiano (a sampled-then-modelled piano UGen Tala
/// does not have). Here: eight stretched partials (`detune` is the stretch), each decaying
/// faster the higher it is, with `decay` time from `sustain`; `velocity` brightens and
/// louden, `muffle` closes a low-pass, `stereo` spreads odd and even partials apart. The
/// envelope (Env.linen 0.002/0.996/0.002, curve −3, over the sustain) is SuperDirt's.
struct SuperPiano: StereoSource {
  static let partials = 8
  let rate: Double
  let freq: Double
  var scale: LineSegment
  var env: Envelope
  var phases: [Phasor]
  var amplitudes: [Double]
  var decays: [Double]
  var ratios: [Double]
  var leftGain: [Double]
  var rightGain: [Double]
  var muffle: (Biquad, Biquad)
  var hammer: Envelope
  var noise: WhiteNoise

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    let velocity = max(0, c.number("velocity", 1))
    let stretch = c.number("detune", 0.1)
    let spread = min(max(c.number("stereo", 0.2), 0), 1)
    scale = c.freqScale()
    env = .linen(0.002, 0.996, 0.002, curve: .shape(-3), timeScale: c.sustain, rate: c.rate)
    // Higher notes ring shorter, as a piano's strings do.
    let ring = min(4, max(0.4, 3 * pow(261.63 / max(c.freq, 20), 0.5)))
    var amps: [Double] = []
    var falls: [Double] = []
    var rs: [Double] = []
    var ls: [Double] = []
    var rgs: [Double] = []
    for k in 1...Self.partials {
      let kd = Double(k)
      // Inharmonic stretch: partial k sits at k·√(1 + B k²).
      rs.append(kd * (1 + stretch * 0.0015 * kd * kd).squareRoot())
      amps.append(0.35 * min(1.5, velocity) / pow(kd, 2.2 - 0.6 * min(velocity, 2)))
      falls.append(pow(0.001, 1 / (rate * ring / (1 + 0.6 * (kd - 1)))))
      let side = k % 2 == 0 ? spread : -spread
      let (l, r) = pan2(side)
      ls.append(l * 2.squareRoot())
      rgs.append(r * 2.squareRoot())
    }
    amplitudes = amps
    decays = falls
    ratios = rs
    leftGain = ls
    rightGain = rgs
    phases = (0..<Self.partials).map { Phasor(phase: Double($0) * 0.13) }
    let cutoff = min(18000, c.freq * 2 + 16000 * pow(1 - 0.8 * min(max(c.number("muffle", 1), 0), 1.25), 2))
    muffle = (Biquad(.lowPass, freq: cutoff, rate: c.rate), Biquad(.lowPass, freq: cutoff, rate: c.rate))
    hammer = .perc(0.0005, 0.01, level: 0.05 * velocity, rate: c.rate)
    noise = WhiteNoise(seed: c.seed)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { stereo(SuperPiano(c), c, ownSeconds: c.sustain) }

  mutating func next() -> (Double, Double) {
    let base = freq * scale.next()
    var l = 0.0
    var r = 0.0
    for k in 0..<Self.partials {
      let f = base * ratios[k]
      guard f < rate * 0.45 else { continue }
      let x = sinCycles(phases[k].step(f / rate)) * amplitudes[k]
      amplitudes[k] *= decays[k]
      l += x * leftGain[k]
      r += x * rightGain[k]
    }
    let knock = noise.next() * hammer.next()
    let e = env.next()
    return (muffle.0.next(l + knock) * e, muffle.1.next(r + knock) * e)
  }
}
