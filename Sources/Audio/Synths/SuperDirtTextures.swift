#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// SuperDirt's hoover, phased saws, static, Reese bass and feedback PWM.

/// superhoover: three detuned naive saws an octave apart, each gated by a pulse of drifting
/// width, plus parabolic sines two octaves down; two presence peaks; a chorus from a delay
/// swept in opposite phase on the two sides. `slide` bends the start, `decay` shapes the
/// envelope.
struct SuperHoover: StereoSource {
  let rate: Double
  let freq: Double
  let slide: Double
  var scale: LineSegment
  var env: Envelope
  var glide: Envelope
  var drift: (SineOsc, SineOsc, SineOsc)
  var widths: (SineOsc, SineOsc, SineOsc)
  var saws: (Phasor, Phasor, Phasor)
  var pulses = (Phasor(), Phasor(), Phasor())
  var pars = (ParabolaOsc(), ParabolaOsc(), ParabolaOsc())
  var peaks: (Biquad, Biquad)
  var chorus = SineOsc(phase: 0.5 * .pi)
  var delay: DelayLine

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    slide = c.number("slide", 0)
    scale = c.freqScale()
    let decay = c.number("decay", 0)
    env = .pairs(
      [(0, 0), (0.03, 1), (0.2, 1 - decay), (0.95, 1 - decay), (1, 0)], curve: .shape(-1), timeScale: c.sustain,
      rate: c.rate)
    glide = .perc(0.05, 0.3, curve: .linear, timeScale: c.sustain, rate: c.rate)
    drift = (SineOsc(phase: 3.0), SineOsc(phase: 5.5), SineOsc(phase: 1.2))
    widths = (SineOsc(), SineOsc(), SineOsc())
    // LFSaw's initial phases 1, 1.01, 1.02 (in half cycles from its zero crossing).
    saws = (Phasor(phase: 0.5 + 0.5), Phasor(phase: 0.505 + 0.5), Phasor(phase: 0.51 + 0.5))
    peaks = (
      Biquad(.peak(gainDB: 3), freq: 6000, rq: 1, rate: c.rate),
      Biquad(.peak(gainDB: 6), freq: 3500, rq: 1, rate: c.rate)
    )
    delay = DelayLine(maxSeconds: 0.01, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { stereo(SuperHoover(c), c, ownSeconds: c.sustain) }

  /// exprange(0.995, 1.005) of a bipolar sine.
  @inline(__always) static func expRange(_ x: Double) -> Double { 0.995 * pow(1.005 / 0.995, (x + 1) / 2) }

  mutating func next() -> (Double, Double) {
    let f = freq * (glide.next() * (-slide / 4) + 1) * scale.next()
    let f0 = Self.expRange(drift.0.next(2.94, rate)) * f
    let f1 = Self.expRange(drift.1.next(3.0, rate)) * f
    let f2 = Self.expRange(drift.2.next(3.07, rate)) * f
    let w0 = range(widths.0.next(1.3, rate), 1 / 8, 7 / 8)
    let w1 = range(widths.1.next(2.9, rate), 1 / 8, 7 / 8)
    let w2 = range(widths.2.next(4.4, rate), 1 / 8, 7 / 8)
    // LFSaw(…).range(0, 1) is the phase itself; LFPulse is 1 for the first `width` of a cycle.
    let s0 = saws.0.step(f0 * 0.25 / rate) * (pulses.0.step(f0 * 0.5 / rate) < w0 ? 0 : 1)
    let s1 = saws.1.step(f1 * 0.5 / rate) * (pulses.1.step(f1 / rate) < w1 ? 0 : 1)
    let s2 = saws.2.step(f2 / rate) * (pulses.2.step(f2 * 2 / rate) < w2 ? 0 : 1)
    var mix = (s0 + 0.9 * s1 + 1.1 * s2) * 0.15
    mix += 0.1 * (pars.0.next(f0 * 0.25, rate) + pars.1.next(f1 * 0.25, rate) + pars.2.next(f2 * 0.25, rate))
    mix = peaks.1.next(peaks.0.next(mix))
    let sweep = chorus.next(3, rate)
    // The two sides' delays move in opposite phase: 0.5π and 1.5π.
    let dl = range(sweep, 1 / 300, 1 / 200) * rate
    let dr = range(-sweep, 1 / 300, 1 / 200) * rate
    delay.push(mix)
    let l = mix + delay.read(dl)
    let r = mix + delay.read(dr)
    let e = 1.4 * env.next()
    return (l * e, r * e)
  }
}

/// superzow: three VarSaws (two `detune` percent off) whose widths open over 20 × sustain /
/// `slide`; the detuned ones come in through delays growing to one period, so their phases
/// slide against the first.
struct SuperZow: MonoSource {
  let rate: Double
  let freq: Double
  let detune: Double
  var scale: LineSegment
  var env: Envelope
  var width: (LineSegment, LineSegment, LineSegment)
  var delayLengths: (LineSegment, LineSegment)
  var saws = (VarSawOsc(), VarSawOsc(), VarSawOsc())
  var delays: (DelayLine, DelayLine)

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    detune = c.number("detune", 1)
    let slide = c.number("slide", 1)
    let decay = c.number("decay", 0)
    scale = c.freqScale()
    env = .pairs(
      [(0, 0), (0.07, 1), (0.2, 1 - decay), (0.95, 1 - decay), (1, 0)], curve: .shape(-1), timeScale: c.sustain,
      rate: c.rate)
    let opening = LineSegment(0, 0.5, seconds: c.sustain * 20 / slide, rate: c.rate)
    width = (opening, opening, opening)
    delayLengths = (
      LineSegment(0, 1, seconds: 5 * c.sustain / slide, rate: c.rate),
      LineSegment(0, 1, seconds: 20 * c.sustain / slide, rate: c.rate)
    )
    delays = (DelayLine(maxSeconds: 0.2, rate: c.rate), DelayLine(maxSeconds: 0.2, rate: c.rate))
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperZow(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let base = freq * scale.next()
    let a = saws.0.next(base, rate, width: width.0.next())
    let b = saws.1.next(base * (detune / 100 + 1), rate, width: width.1.next())
    let d = saws.2.next(base * (1 - detune / 100), rate, width: width.2.next())
    // DelayN: whole samples.
    let db = (delayLengths.0.next() / base * rate).rounded(.down)
    let dd = (delayLengths.1.next() / base * rate).rounded(.down)
    let x = a - delays.0.next(b, delayFrames: db) + delays.1.next(d, delayFrames: dd)
    return x / 2 * env.next()
  }
}

/// superstatic, approximated: random impulses (Dust at 40 × freq) above 0.5 step a pulse
/// oscillator by 4 × freq for one sample, so the pulse flips at random; a DC blocker stands in
/// for the band-limited Pulse's behaviour at zero frequency. A sine-shaped envelope.
struct SuperStatic: MonoSource {
  let rate: Double
  let freq: Double
  var scale: LineSegment
  var env: Envelope
  var noise: WhiteNoise
  var phase = Phasor()
  var dc: LeakDC

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    scale = c.freqScale()
    env = .sine(1, level: 0.5, timeScale: c.sustain, rate: c.rate)
    noise = WhiteNoise(seed: c.seed)
    dc = LeakDC(rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperStatic(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let f = freq * scale.next()
    // Dust: an impulse with probability density/rate, its height uniform in (0, 1).
    let chance = noise.next() * 0.5 + 0.5
    var step = 0.0
    if chance < f * 40 / rate, noise.next() * 0.5 + 0.5 > 0.5 { step = f * 4 / rate }
    let t = phase.step(step)
    return dc.next(t < 0.5 ? 0.5 : -0.5) * env.next()
  }
}

/// superreese: two VarSaws slightly apart (`detune` widens them), placed a little left and
/// right, through a resonant low-pass at 10 × freq, clipped and boosted, then a second at
/// 20 × freq; `voice` trades the first filter's resonance for the second's.
struct SuperReese: StereoSource {
  let rate: Double
  let freq: Double
  let detune: Double
  let rq1: Double
  let rq2: Double
  var scale: LineSegment
  var env: Envelope
  var saws = (VarSawOsc(phase: 0.7), VarSawOsc(phase: 0.5))
  var first: (Biquad, Biquad)
  var second: (Biquad, Biquad)
  let gains: ((Double, Double), (Double, Double))
  var countdown = 0

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    detune = c.number("detune", 0)
    let voice = min(max(c.number("voice", 0), 0), 2)
    rq1 = 1 / (3 + (0.5 - 3) * voice / 2)
    rq2 = 1 / (2 + (7 - 2) * voice / 2)
    scale = c.freqScale()
    env = .linen(0.05, 0.8, 0.15, timeScale: c.sustain, rate: c.rate)
    first = (
      Biquad(.lowPass, freq: c.freq * 10, rq: rq1, rate: c.rate),
      Biquad(.lowPass, freq: c.freq * 10, rq: rq1, rate: c.rate)
    )
    second = (
      Biquad(.lowPass, freq: c.freq * 20, rq: rq2, rate: c.rate),
      Biquad(.lowPass, freq: c.freq * 20, rq: rq2, rate: c.rate)
    )
    // Splay over ±0.2, no level compensation.
    gains = (pan2(-0.2), pan2(0.2))
  }

  static func make(_ c: SynthControls) -> any SynthVoice { stereo(SuperReese(c), c, ownSeconds: c.sustain) }

  mutating func next() -> (Double, Double) {
    let f = freq * scale.next()
    if countdown == 0 {
      first.0.set(freq: f * 10, rq: rq1, rate: rate)
      first.1.set(freq: f * 10, rq: rq1, rate: rate)
      second.0.set(freq: f * 20, rq: rq2, rate: rate)
      second.1.set(freq: f * 20, rq: rq2, rate: rate)
      countdown = 32
    }
    countdown -= 1
    let a = saws.0.next(f * (-detune / 100 + 0.99), rate, width: 0.01)
    let b = saws.1.next(f * (detune / 100 + 1.01), rate, width: 0.02)
    var l = a * gains.0.0 + b * gains.1.0
    var r = a * gains.0.1 + b * gains.1.1
    l = min(max(first.0.next(l), -0.2), 0.2) * 5
    r = min(max(first.1.next(r), -0.2), 0.2) * 5
    let e = 0.35 * env.next()
    return (second.0.next(l) * e, second.1.next(r) * e)
  }
}

/// supertron: two pulses `detune` + 1 Hz either side of freq whose width follows the synth's
/// own output a control block earlier, low-passed at freq/6.1 (`voice` narrows the widths).
struct SuperTron: MonoSource {
  let rate: Double
  let freq: Double
  let detune: Double
  let voice: Double
  var scale: LineSegment
  var env: Envelope
  var pulses = (PulseOsc(), PulseOsc())
  var feedback: DelayLine
  var filter: Biquad
  var dc: LeakDC
  var countdown = 0

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    detune = c.number("detune", 0)
    voice = c.number("voice", 0)
    scale = c.freqScale()
    env = .linen(0.05, 0.85, 0.1, timeScale: c.sustain, rate: c.rate)
    feedback = DelayLine(maxSeconds: 0.01, rate: c.rate)
    filter = Biquad(.lowPass, freq: c.freq / 6.1, rq: 1.5, rate: c.rate)
    dc = LeakDC(rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperTron(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let f = freq * scale.next()
    if countdown == 0 {
      filter.set(freq: f / 6.1, rq: 1.5, rate: rate)
      countdown = 32
    }
    countdown -= 1
    // LocalIn: what LocalOut wrote one control block (64 samples) ago.
    let previous = feedback.read(64)
    let width = range(filter.next(previous), 0, 1 - voice / 1.5)
    let x = pulses.0.next(f + 1 + detune, rate, width: width) + pulses.1.next(f - 1 - detune, rate, width: width)
    let y = dc.next(x)
    feedback.push(y)
    return y * env.next()
  }
}
