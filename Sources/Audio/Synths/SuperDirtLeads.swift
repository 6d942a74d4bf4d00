#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// SuperDirt's lead and noise synths.

/// The parameters SuperDirt's moog-inspired synths share: the filter sweep between
/// `pitch1` × 10 × freq and `lfo` + 1 times that, at an LFO of freq/64 (or /32) × `rate`.
struct MoogParameters {
  let voice: Double
  let semitoneRatio: Double
  let lfoRate: Double
  let pitch1: Double
  let lfoDepth: Double
  let resonance: Double

  init(_ c: SynthControls, resonance: Double = 0.2) {
    voice = c.number("voice", 0.5)
    semitoneRatio = pow(2, c.number("semitone", 12) / 12)
    lfoRate = c.number("rate", 1)
    pitch1 = c.number("pitch1", 1)
    lfoDepth = c.number("lfo", 1)
    self.resonance = c.number("resonance", resonance)
  }

  func sweep(_ base: Double) -> (Double, Double) {
    let f1 = min(base * 10 * pitch1, 22000)
    return (f1, min(f1 * (lfoDepth + 1), 22000))
  }
}

/// supersquare: two pulses of width `voice` (the second `semitone`s down, quieter) through a
/// ladder low-pass swept by a sine LFO, saturated.
struct SuperSquare: MonoSource {
  let rate: Double
  let freq: Double
  let p: MoogParameters
  var scale: LineSegment
  var env: Envelope
  var pulses = (PulseOsc(), PulseOsc())
  var lfo = SineOsc()
  var ladder = LadderFilter()

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    p = MoogParameters(c)
    scale = c.freqScale()
    env = moogEnvelope(c)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperSquare(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let base = freq * scale.next()
    let (f1, f2) = p.sweep(base)
    let x =
      0.7 * pulses.0.next(base, rate, width: p.voice) + 0.3
      * pulses.1.next(base / p.semitoneRatio, rate, width: p.voice)
    let y = ladder.next(
      x, freq: range(lfo.next(base / 64 * p.lfoRate, rate), f1, f2), gain: p.resonance * 4, rate: rate)
    return fastTanh(y) * 2 * env.next()
  }
}

/// A band-limited square read at phase `t` (cycles) for an oscillator advancing `dt` a sample.
@inline(__always) func squareAt(_ t: Double, _ dt: Double) -> Double {
  var u = t - t.rounded(.down)
  var y = u < 0.5 ? 1.0 : -1.0
  y += polyBLEP(u, dt)
  u += 0.5
  if u >= 1 { u -= 1 }
  return y - polyBLEP(u, dt)
}

/// superpwm: each pulse multiplied by a copy of itself delayed by a growing part of a period
/// (`voice` sets how far it moves), the pair `semitone`s down added; a ladder swept by an LFO,
/// then a second ladder following its own envelope (over sustain/`rate`), saturated hard.
struct SuperPWM: MonoSource {
  let rate: Double
  let freq: Double
  let p: MoogParameters
  var scale: LineSegment
  var env: Envelope
  var filterEnv: Envelope
  var shift1: LineSegment
  var shift2: LineSegment
  var phases = (Phasor(), Phasor())
  var lfo = SineOsc()
  var ladders = (LadderFilter(), LadderFilter())

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    p = MoogParameters(c)
    scale = c.freqScale()
    env = moogEnvelope(c)
    filterEnv = .pairs(
      [(0, 0.1), (0.1, 1), (0.4, 0.5), (0.9, 0.2), (1, 0.2)], curve: .shape(-3), timeScale: c.sustain / p.lfoRate,
      rate: c.rate)
    shift1 = LineSegment(0, p.voice, seconds: c.sustain, rate: c.rate)
    shift2 = LineSegment(0.1, 0.1 + p.voice, seconds: c.sustain, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperPWM(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let base = freq * scale.next()
    let low = base / p.semitoneRatio
    let (f1, f2) = p.sweep(base)
    let dt1 = base / rate
    let dt2 = low / rate
    let t1 = phases.0.step(dt1)
    let t2 = phases.1.step(dt2)
    // DelayC(Pulse(f), d/base) is the same pulse `d` × f/base cycles behind.
    let a = squareAt(t1, dt1) * squareAt(t1 - shift1.next(), dt1)
    let b = squareAt(t2, dt2) * squareAt(t2 - shift2.next() * low / base, dt2)
    var x = 0.7 * a + 0.3 * b
    x = ladders.0.next(x, freq: range(lfo.next(base / 32 * p.lfoRate, rate), f1, f2), gain: p.resonance * 4, rate: rate)
    x = ladders.1.next(x, freq: min(filterEnv.next() * f2 * 1.1, 22000), gain: 3, rate: rate)
    return fastTanh(x) * 5 * env.next()
  }
}

/// supercomparator: a VarSaw (width growing over the sustain) compared against sixteen
/// triangles at the plate-mode ratios raised to `voice`/5 — each comparison a 0/1 signal, spread
/// over the stereo field — then a ladder around `pitch1` × 4 × freq wobbling with a sine and a
/// smooth random drift (`lfo`), `resonance` its feedback.
struct SuperComparator: StereoSource {
  static let modes: [Double] = [
    1.000, 2.188, 5.091, 8.529, 8.950, 9.305, 13.746, 14.653, 19.462, 22.003, 24.888, 25.991, 26.085, 30.509, 33.608,
    35.081,
  ]
  let rate: Double
  let freq: Double
  let p: MoogParameters
  let ratios: [Double]
  let gains: [(Double, Double)]
  let gain: Double
  var scale: LineSegment
  var env: Envelope
  var width: LineSegment
  var saw = VarSawOsc()
  var triangles: [TriangleOsc]
  var lfo = SineOsc()
  var drift: SmoothNoise
  var ladders = (LadderFilter(), LadderFilter())

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    let p = MoogParameters(c, resonance: 0.5)
    self.p = p
    ratios = Self.modes.map { pow($0, p.voice / 5) }
    gains = (0..<16).map { i in
      let (l, r) = pan2(-1 + 2 * Double(i) / 15)
      return (l * 0.25, r * 0.25)
    }
    scale = c.freqScale()
    env = moogEnvelope(c)
    width = LineSegment(0, 1, seconds: c.sustain, rate: c.rate)
    triangles = Self.modes.map { _ in TriangleOsc() }
    drift = SmoothNoise(seed: c.seed)
    var fixed = WhiteNoise(seed: c.seed ^ 0xABCD)
    gain = 4 * self.p.resonance + 0.1 * fixed.next()
  }

  static func make(_ c: SynthControls) -> any SynthVoice { stereo(SuperComparator(c), c, ownSeconds: c.sustain) }

  mutating func next() -> (Double, Double) {
    let base = freq * scale.next()
    let s = saw.next(base, rate, width: width.next())
    var l = 0.0
    var r = 0.0
    for i in 0..<16 where s > triangles[i].next(ratios[i], rate) {
      l += gains[i].0
      r += gains[i].1
    }
    let cutoff =
      p.pitch1 * 4 * base + lfo.next(base / 64 * p.lfoRate, rate) * p.lfoDepth * base / 2 + drift.next(1, rate)
      * p.lfoDepth * base
    let e = 0.5 * env.next()
    return (
      ladders.0.next(l, freq: cutoff, gain: gain, rate: rate) * e,
      ladders.1.next(r, freq: cutoff, gain: gain, rate: rate) * e
    )
  }
}

/// supersiren: a VarSaw whose pitch rises to four times and back (a linen envelope over the
/// sustain) while its width opens from 0.05 to 1.
struct SuperSiren: MonoSource {
  let rate: Double
  let freq: Double
  var scale: LineSegment
  var env: Envelope
  var rise: Envelope
  var width: LineSegment
  var saw = VarSawOsc()

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    scale = c.freqScale()
    env = .linen(0.05, 0.9, 0.05, curve: .shape(-2), timeScale: c.sustain, rate: c.rate)
    rise = .linen(0.25, 0.5, 0.25, level: 3, timeScale: c.sustain, rate: c.rate)
    width = LineSegment(0.05, 1, seconds: c.sustain, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperSiren(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    saw.next(freq * scale.next() * (1 + rise.next()), rate, width: width.next()) * env.next()
  }
}

/// superchip: SuperDirt's AY-3-8910 (the AY UGen over libayemu) with tone on and noise off on
/// its three channels (control 7), at freq, `pitch2` × and `pitch3` × freq, each quantized to
/// the chip's whole 12-bit tone period as AY.freqtotone computes it; `voice` switches channels
/// on (volume 15) or off as the SynthDef's formulas do; `slide` repeats a linear glide `rate`
/// times. Approximated: the emulator's mixing is taken as the plain sum of the channels' 0/1
/// squares, full scale when all three are high (its 8-bit output is unipolar too).
struct SuperChip: MonoSource {
  let rate: Double
  let freq: Double
  let slide: Double
  let ratios: (Double, Double)
  let volumes: (Double, Double, Double)
  var scale: LineSegment
  var glide: LineSegment
  var env: Envelope
  var phases = (Phasor(), Phasor(), Phasor())
  var periods = (1.0, 1.0, 1.0)
  var countdown = 0

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    slide = c.number("slide", 0)
    ratios = (c.number("pitch2", 2), c.number("pitch3", 3))
    let voice = c.number("voice", 0)
    func on(_ x: Double) -> Double { wrap(x, 0, 1) < 0.5 ? 1 : 0 }
    volumes = (voice < 0.5 ? 1 : 0, on(2 * voice), on(4 * voice))
    scale = c.freqScale()
    glide = LineSegment(-1, 1 + (2 * c.number("rate", 1) - 2), seconds: c.sustain, rate: c.rate)
    env = .linen(0.01, 0.98, 0.01, curve: .shape(-1), timeScale: c.sustain, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperChip(c), c, ownSeconds: c.sustain) }

  /// The frequency the chip really plays for `f` at `rate`: AY.freqtotone's whole tone period
  /// (the emulator advances ⌊⌊1773400/rate⌋/8⌋ chip ticks per output sample), clamped to 12 bits.
  static func chipFrequency(_ f: Double, rate: Double) -> Double {
    let ticks = max(1, ((1_773_400 / rate).rounded(.down) / 8).rounded(.down))
    let scale = rate * ticks / 2
    let tone = min(max((scale / max(f, 1e-3)).rounded(), 1), 4095)
    return scale / tone
  }

  mutating func next() -> Double {
    let span = slide * 100
    let g = glide.next()
    let s = scale.next()
    if countdown == 0 {
      var base = freq + (span == 0 ? 0 : wrap(span * g, -abs(span), abs(span)))
      base *= s
      periods = (
        Self.chipFrequency(base, rate: rate), Self.chipFrequency(ratios.0 * base, rate: rate),
        Self.chipFrequency(ratios.1 * base, rate: rate)
      )
      countdown = 32
    }
    countdown -= 1
    let a = phases.0.step(periods.0 / rate) < 0.5 ? 1.0 : 0.0
    let b = phases.1.step(periods.1 / rate) < 0.5 ? 1.0 : 0.0
    let cc = phases.2.step(periods.2 / rate) < 0.5 ? 1.0 : 0.0
    let x = (a * volumes.0 + b * volumes.1 + cc * volumes.2) / 3
    return fastTanh(x / 2) * 2 * env.next()
  }
}

/// supernoise: `voice` crossfades digital stepped noise (at 8 × freq) with a brown/white
/// mixture (whiter for higher notes); BMoog at 5 × `pitch1` × that rate (its mode 3 falls back
/// to low-pass), slid by `slide`, `resonance` its feedback; `accelerate` wobbles the rate
/// `rate` times.
struct SuperNoise: MonoSource {
  let rate: Double
  let freq: Double
  let accelerateSpan: Double
  let pitch1: Double
  let mix: (Double, Double)
  let colour: (Double, Double)
  let resonance: Double
  var glide: LineSegment
  var slide: LineSegment
  var env: Envelope
  var stepped: SteppedNoise
  var white: WhiteNoise
  var brown: BrownNoise
  var ladder = SaturatingLadder()
  var dc: Biquad
  var countdown = 0
  var base = 0.0

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    accelerateSpan = c.accelerate * c.freq * 4
    pitch1 = c.number("pitch1", 1)
    let voice = min(max(c.number("voice", 0), 0), 1)
    // XFade2 with position 2·voice − 1: equal power.
    mix = pan2(2 * voice - 1)
    colour = pan2(2 * min(max(cpsmidi(c.freq * 8) / 127, 0), 1) - 1)
    resonance = c.number("resonance", 0)
    glide = LineSegment(-1, 1 + (2 * c.number("rate", 1) - 2), seconds: c.sustain, rate: c.rate)
    slide = LineSegment(1, 1 + c.number("slide", 0), seconds: c.sustain, rate: c.rate)
    env = .linen(0.01, 0.98, 0.01, curve: .shape(-1), timeScale: c.sustain, rate: c.rate)
    stepped = SteppedNoise(seed: c.seed)
    white = WhiteNoise(seed: c.seed ^ 0x1234)
    brown = BrownNoise(seed: c.seed ^ 0x5678)
    dc = Biquad(.highPass, freq: 20, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperNoise(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let g = glide.next()
    let sl = slide.next()
    if countdown == 0 {
      let wobble = accelerateSpan == 0 ? 0 : wrap(accelerateSpan * g, -abs(accelerateSpan), abs(accelerateSpan))
      base = freq * 8 + wobble
      ladder.set(freq: min(max(base * 5 * pitch1 * sl, 60), 20000), resonance: resonance, rate: rate)
      countdown = 32
    }
    countdown -= 1
    let digital = stepped.next(min(max(base, 0), 22000), rate) * 0.5
    let analog = brown.next() * 0.5 * colour.0 + white.next() * 0.5 * colour.1
    let x = digital * mix.0 + analog * mix.1
    let y = dc.next(ladder.next(x))
    return min(max(y, -1), 1) * 0.3 * env.next()
  }
}
