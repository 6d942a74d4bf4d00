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
  /// Frames between the partials' exact re-anchoring (between anchors each runs as a damped
  /// two-term recursion).
  static let anchorFrames = 64
  let rate: Double
  let freq: Double
  var scale: LineSegment
  var env: Envelope
  /// Each partial's phase (cycles) and amplitude at the last anchor.
  var phases: SIMD8<Double>
  var amplitudes: SIMD8<Double>
  /// Per-frame amplitude factor, and the same over a whole anchor stretch.
  let decays: SIMD8<Double>
  let blockDecays: SIMD8<Double>
  let ratios: SIMD8<Double>
  let leftGain: SIMD8<Double>
  let rightGain: SIMD8<Double>
  /// The running recursion: each partial's current and next sample, the coefficients
  /// `2·d·cos(2πf/rate)` and `d²`, and the phase step per frame of this stretch.
  var current = SIMD8<Double>()
  var following = SIMD8<Double>()
  var twiceCos = SIMD8<Double>()
  var decaySquared = SIMD8<Double>()
  var increments = SIMD8<Double>()
  var active = SIMD8<Double>()
  var countdown = 0
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
    var amps = SIMD8<Double>()
    var falls = SIMD8<Double>()
    var rs = SIMD8<Double>()
    var ls = SIMD8<Double>()
    var rgs = SIMD8<Double>()
    var ps = SIMD8<Double>()
    for k in 1...Self.partials {
      let kd = Double(k)
      // Inharmonic stretch: partial k sits at k·√(1 + B k²).
      rs[k - 1] = kd * (1 + stretch * 0.0015 * kd * kd).squareRoot()
      amps[k - 1] = 0.35 * min(1.5, velocity) / pow(kd, 2.2 - 0.6 * min(velocity, 2))
      falls[k - 1] = pow(0.001, 1 / (rate * ring / (1 + 0.6 * (kd - 1))))
      let side = k % 2 == 0 ? spread : -spread
      let (l, r) = pan2(side)
      ls[k - 1] = l * 2.squareRoot()
      rgs[k - 1] = r * 2.squareRoot()
      ps[k - 1] = Double(k - 1) * 0.13
    }
    amplitudes = amps
    decays = falls
    var block = SIMD8<Double>()
    for k in 0..<Self.partials { block[k] = pow(falls[k], Double(Self.anchorFrames)) }
    blockDecays = block
    ratios = rs
    leftGain = ls
    rightGain = rgs
    phases = ps
    let cutoff = min(18000, c.freq * 2 + 16000 * pow(1 - 0.8 * min(max(c.number("muffle", 1), 0), 1.25), 2))
    muffle = (Biquad(.lowPass, freq: cutoff, rate: c.rate), Biquad(.lowPass, freq: cutoff, rate: c.rate))
    hammer = .perc(0.0005, 0.01, level: 0.05 * velocity, rate: c.rate)
    noise = WhiteNoise(seed: c.seed)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { stereo(SuperPiano(c), c, ownSeconds: c.sustain) }

  /// Starts a stretch of `anchorFrames` frames: the partials' phases and amplitudes advance
  /// exactly (no drift accumulates), their sines are computed once, and each partial's next
  /// frames come from `s[n+1] = 2d·cos(ω)·s[n] − d²·s[n−1]`, the recursion a decaying sine
  /// obeys. The pitch (SuperDirt's control-rate freqScale) is read once per stretch; a partial
  /// at or above 0.45 of the rate is silent and holds still.
  private mutating func anchor() {
    // Advance the stretch just ended.
    phases += increments * Double(Self.anchorFrames)
    phases -= phases.rounded(.down)
    amplitudes = amplitudes.replacing(with: amplitudes * blockDecays, where: active .!= 0)
    // The pitch at the stretch's middle: the phase then advances as the per-frame ramp would.
    var middle = 1.0
    for j in 0..<Self.anchorFrames {
      let v = scale.next()
      if j == Self.anchorFrames / 2 { middle = v }
    }
    let base = freq * middle
    countdown = Self.anchorFrames
    for k in 0..<Self.partials {
      let f = base * ratios[k]
      guard f < rate * 0.45 else {
        active[k] = 0
        increments[k] = 0
        current[k] = 0
        following[k] = 0
        twiceCos[k] = 0
        decaySquared[k] = 0
        continue
      }
      let step = f / rate
      let d = decays[k]
      active[k] = 1
      increments[k] = step
      // libm here, once per stretch: the recursion carries any error in its start values
      // and its coefficient along, magnified at low pitches.
      current[k] = sin(2 * Double.pi * phases[k]) * amplitudes[k]
      following[k] = sin(2 * Double.pi * (phases[k] + step)) * amplitudes[k] * d
      twiceCos[k] = 2 * d * cos(2 * Double.pi * step)
      decaySquared[k] = d * d
    }
  }

  mutating func next() -> (Double, Double) {
    if countdown == 0 { anchor() }
    countdown -= 1
    let x = current
    current = following
    following = twiceCos * following - decaySquared * x
    let l = (x * leftGain).sum()
    let r = (x * rightGain).sum()
    let knock = noise.next() * hammer.next()
    let e = env.next()
    return (muffle.0.next(l + knock) * e, muffle.1.next(r + knock) * e)
  }
}
