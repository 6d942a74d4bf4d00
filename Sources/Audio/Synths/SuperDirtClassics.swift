#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The synths of SuperDirt's synths/default-synths.scd (imp, psin, pmsin, gabor, dirac, cyclo)
// and the Sound-on-Sound drums of its extra library (soskick, soshats, sostoms, sossnare).
// These use SuperDirt's `speed`/`accelerate`/`begin`/`end` the way their SynthDefs do, not
// through DirtFreqScale.

/// imp: four band-limited impulse trains (1, 1.25, 1.51, 1.42 × the pitch) whose number of
/// harmonics grows from 1 to about 100 over the sustain (`begin` to `end`); the pitch is
/// freq^rate, with rate `speed` growing by `accelerate` each second.
struct Imp: MonoSource {
  static let ratios: [Double] = [1, 1.25, 1.51, 1.42]
  // Instance copies: a static array read in the per-sample loop costs a lazy-global check and
  // a retain each time.
  let ratios = Imp.ratios
  let rate: Double
  let freq: Double
  let begin: Double
  let speed: Double
  let accelerate: Double
  let richness: Double
  var env: Envelope
  var phase: LineSegment
  var blips = [BlipOsc(), BlipOsc(), BlipOsc(), BlipOsc()]
  var t = 0.0

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    begin = c.number("begin", 0)
    speed = c.speed
    accelerate = c.accelerate
    var noise = WhiteNoise(seed: c.seed)
    // ExpRand(80, 118)
    richness = 80 * pow(118.0 / 80, noise.uniform(0, 1))
    env = .perc(0.01, 0.99, curve: .shape(-1), timeScale: c.sustain, rate: c.rate)
    phase = LineSegment(begin, c.number("end", 1), seconds: c.sustain, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(Imp(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let r = min(max((begin + 1) * (speed + accelerate * t), 0), 1)
    t += 1 / rate
    let f = pow(max(freq, 1), r)
    let harmonics = richness * phase.next()
    var x = 0.0
    let ratios = self.ratios
    for i in 0..<4 { x += blips[i].next(f * ratios[i], harmonics: harmonics, rate) }
    return x * env.next()
  }
}

/// psin: five sines at freq, phase-modulated by sines at `modfreq` × 1…5 whose depth
/// (10/k × the envelope) falls as the sustain runs from `begin` to `end`.
struct PhaseModSines: MonoSource {
  let rate: Double
  let freq: Double
  let modFreq: Double
  var env: Envelope
  var phase: LineSegment
  var carriers = [SineOsc(), SineOsc(), SineOsc(), SineOsc(), SineOsc()]
  var modulators = [SineOsc(), SineOsc(), SineOsc(), SineOsc(), SineOsc()]

  init(_ c: SynthControls, freqOffset: Double = 0, modFreq: Double? = nil) {
    rate = c.rate
    freq = c.freq + freqOffset
    self.modFreq = modFreq ?? c.number("modfreq", 40)
    env = .perc(0.002, c.sustain, curve: .shape(-1), rate: c.rate)
    phase = LineSegment(c.number("begin", 0), c.number("end", 1), seconds: c.sustain, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(PhaseModSines(c), c, ownSeconds: c.sustain + 0.002) }

  /// pmsin reads the mouse (pitch + 30…80, modulation 1…200 Hz); with no mouse, Tala takes the
  /// middle of both ranges.
  static func makeMouse(_ c: SynthControls) -> any SynthVoice {
    mono(PhaseModSines(c, freqOffset: 55, modFreq: 200.squareRoot()), c, ownSeconds: c.sustain + 0.002)
  }

  mutating func next() -> Double {
    let e = env.next()
    let depth = (1 - phase.next()) * 10 * e
    var x = 0.0
    for k in 0..<5 {
      let kd = Double(k + 1)
      let m = modulators[k].next(modFreq * kd, rate) * depth / kd + 0.5 * .pi
      x += carriers[k].next(freq, rate, phaseOffset: m)
    }
    return x * e
  }
}

/// gabor: a cosine at freq under a Gaussian bump (width 0.3) lasting the sustain.
struct Gabor: MonoSource {
  let rate: Double
  let freq: Double
  let width: Double
  let frames: Double
  var osc = SineOsc(phase: 0.5 * .pi)
  var n = 0.0

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    width = c.number("width", 0.3)
    frames = max(1, c.sustain * c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(Gabor(c), c) }

  mutating func next() -> Double {
    let x = min(-1 + 2 * n / frames, 1)
    n += 1
    return osc.next(freq, rate) * exp(-x * x / (2 * width * width))
  }
}

/// dirac: a single sample of 1.
struct Dirac: MonoSource {
  var fired = false

  static func make(_ c: SynthControls) -> any SynthVoice { mono(Dirac(), c) }

  mutating func next() -> Double {
    defer { fired = true }
    return fired ? 0 : 1
  }
}

/// cyclo: sixteen sines whose pitches are freq × (cycle × speed mod (k × `ratio` + phase) + 1),
/// so each cycle of a pattern picks a different chord (Shepard-like), averaged.
struct Cyclo: MonoSource {
  let rate: Double
  let freq: Double
  let begin: Double
  let speed: Double
  let accelerate: Double
  let cycle: Double
  let ratio: Double
  var env: Envelope
  var phase: LineSegment
  var oscillators = [SineOsc](repeating: SineOsc(), count: 16)
  var t = 0.0

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    begin = c.number("begin", 0)
    speed = c.speed
    accelerate = c.accelerate
    cycle = c.number("cycle", 0)
    ratio = c.number("ratio", 1)
    env = .perc(0.01, 0.99, curve: .shape(-1), timeScale: c.sustain, rate: c.rate)
    phase = LineSegment(begin, 1 - c.number("end", 1), seconds: c.sustain, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(Cyclo(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let r = (begin + 1) * (speed + accelerate * t)
    t += 1 / rate
    let p = phase.next()
    var x = 0.0
    for k in 0..<16 {
      let m = Double(k + 1) * ratio + p
      let f = (m == 0 ? 0 : wrap(cycle * speed, 0, m) + 1) * freq * r
      x += oscillators[k].next(f, rate)
    }
    return x / 16 * env.next()
  }
}

/// SuperCollider's PMOsc whose carrier frequency may be an audio signal: a sine at the carrier,
/// phase-modulated by a sine at `modFreq` with depth `index` radians.
struct PMOscillator {
  var carrier = Phasor()
  var modulator = Phasor()

  mutating func next(carrier c: Double, modulator m: Double, index: Double, _ rate: Double) -> Double {
    let mod = sinCycles(modulator.step(m / rate)) * index
    return sinCycles(carrier.step(c / rate) + mod * (0.5 / .pi))
  }
}

/// soskick: a phase-modulated sine dropping from twice the pitch onto it in 20 ms (`pitch1` the
/// modulator, `voice` its depth), low-passed at 1 kHz, plus a filtered noise beater (`pitch2` its
/// level, `speed` its sweep).
struct SOSKick: MonoSource {
  let rate: Double
  let pitch1: Double
  let voice: Double
  let beaterLevel: Double
  var drop: LineSegment
  var osc = PMOscillator()
  var low: Biquad
  var noise: WhiteNoise
  var beaterHigh: Biquad
  var beaterLow: Biquad
  var beaterSweep: ExpLine
  var beaterEnv: Envelope
  var env: Envelope
  var countdown = 0

  init(_ c: SynthControls) {
    rate = c.rate
    pitch1 = c.number("pitch1", 0)
    voice = c.number("voice", 1)
    beaterLevel = min(max(c.number("pitch2", 0), 0), 1)
    drop = LineSegment(c.freq * 2, c.freq, seconds: 0.02, rate: c.rate)
    low = Biquad(.lowPass, freq: 1000, rate: c.rate)
    noise = WhiteNoise(seed: c.seed)
    beaterHigh = Biquad(.highPass, freq: 500, rate: c.rate)
    beaterLow = Biquad(.lowPass, freq: 6000, rate: c.rate)
    beaterSweep = ExpLine(6000, 500, seconds: min(max(c.speed, 0), 1) * 0.1, rate: c.rate)
    beaterEnv = .perc(0.01, 1, rate: c.rate)
    env = .perc(0.005, c.sustain, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SOSKick(c), c, ownSeconds: c.sustain + 0.005) }

  mutating func next() -> Double {
    let source = low.next(osc.next(carrier: drop.next(), modulator: pitch1, index: voice, rate))
    let sweep = beaterSweep.next()
    if countdown == 0 {
      beaterLow.set(freq: sweep, rq: 2.squareRoot(), rate: rate)
      countdown = 16
    }
    countdown -= 1
    let beater = beaterLow.next(beaterHigh.next(noise.next() * beaterLevel)) * beaterEnv.next()
    return (source + beater) * 1.412_537_5 * env.next()
  }
}

/// soshats: four sines whose carrier is a pulse (so they barely move) phase-modulated hard at
/// 1.34, 2.405, 3.09 and 1.309 × freq (`pitch1` the depth): a metallic noise, through a band-pass
/// falling from 15 to 9 kHz (`resonance` its width) and a high-pass rising from 9 to 12 kHz.
struct SOSHats: MonoSource {
  static let ratios: [Double] = [1.34, 2.405, 3.09, 1.309]
  static let depths: [Double] = [1, 0.22, 0.014, 0.0038]
  let ratios = SOSHats.ratios
  let depths = SOSHats.depths
  let rate: Double
  let freq: Double
  let pitch1: Double
  let rq: Double
  var pulse = PulseOsc()
  var oscillators = [PMOscillator](repeating: PMOscillator(), count: 4)
  var bandSweep: ExpLine
  var highSweep: ExpLine
  var band: Biquad
  var high: Biquad
  var env: Envelope
  var countdown = 0

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    pitch1 = c.number("pitch1", 238.5)
    rq = min(max(c.number("resonance", 1), 0), 1)
    bandSweep = ExpLine(15000, 9000, seconds: c.sustain, rate: c.rate)
    highSweep = ExpLine(9000, 12000, seconds: c.sustain, rate: c.rate)
    band = Biquad(.bandPass, freq: 15000, rq: rq, rate: c.rate)
    high = Biquad(.highPass, freq: 9000, rate: c.rate)
    env = .perc(0.005, c.sustain, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SOSHats(c), c, ownSeconds: c.sustain + 0.005) }

  mutating func next() -> Double {
    let carrier = pulse.next(freq, rate)
    var x = 0.0
    for i in 0..<4 {
      x += oscillators[i].next(carrier: carrier, modulator: freq * ratios[i], index: pitch1 * depths[i], rate)
    }
    let b = bandSweep.next()
    let h = highSweep.next()
    if countdown == 0 {
      band.set(freq: b, rq: max(rq, 0.01), rate: rate)
      high.set(freq: h, rq: 2.squareRoot(), rate: rate)
      countdown = 64
    }
    countdown -= 1
    // Both filters carry the same percussive envelope as the whole.
    let e = env.next()
    return (band.next(x) + high.next(x)) * e * e * 0.562_341_3
  }
}

/// SuperCollider's Crackle: a chaotic map |p·y₁ − y₂ − 0.05|.
struct Crackle {
  var y1 = 0.3
  var y2 = 0.0

  mutating func next(_ p: Double) -> Double {
    let y = abs(y1 * p - y2 - 0.05)
    y2 = y1
    y1 = y
    return y
  }
}

/// sostoms: a sine whose carrier is a saw (so it barely moves) phase-modulated at 0.85 × freq
/// (`voice` the depth), plus sines at freq and 0.8 × freq and a crackle, DC-blocked, under a
/// sharp percussive envelope.
struct SOSToms: MonoSource {
  let rate: Double
  let freq: Double
  let voice: Double
  var saw = SawOsc()
  var pm = PMOscillator()
  var sines = (SineOsc(), SineOsc())
  var crackle = Crackle()
  var dc: LeakDC
  var env: Envelope

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    voice = c.number("voice", 0.5)
    dc = LeakDC(rate: c.rate)
    env = .perc(0.005, c.sustain, level: 0.630_957_3, curve: .shape(-6), rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SOSToms(c), c, ownSeconds: c.sustain + 0.005) }

  mutating func next() -> Double {
    let source =
      pm.next(carrier: saw.next(freq * 0.9, rate), modulator: freq * 0.85, index: voice, rate) * 1.995_262_3
      + sines.0.next(freq, rate) + sines.1.next(freq * 0.8, rate)
    return dc.next(source + crackle.next(2)) * 0.707_945_8 * env.next()
  }
}

/// sossnare: a saw-carried phase-modulated sine (`semitone` × freq the modulator, `voice` its
/// depth) plus sample-and-held noise through four notches around `pitch1` (`resonance` their
/// width) and a resonant band at `pitch1`.
struct SOSSnare: MonoSource {
  let rate: Double
  let freq: Double
  let voice: Double
  let semitone: Double
  var saw = SawOsc()
  var pm = PMOscillator()
  var noise: WhiteNoise
  var held = 0.0
  var latch = Phasor()
  var notches: (Biquad, Biquad, Biquad, Biquad)
  var band: Biquad
  var noiseEnv: Envelope
  var env: Envelope

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    voice = c.number("voice", 0.385)
    semitone = c.number("semitone", 0.452)
    let pitch = c.number("pitch1", 2000)
    let rq = max(c.number("resonance", 0.1), 0.001)
    noise = WhiteNoise(seed: c.seed)
    notches = (
      Biquad(.bandReject, freq: 4 * pitch, rq: rq, rate: c.rate),
      Biquad(.bandReject, freq: 2.5 * pitch, rq: rq, rate: c.rate),
      Biquad(.bandReject, freq: 1.8 * pitch, rq: rq, rate: c.rate),
      Biquad(.bandReject, freq: pitch, rq: rq, rate: c.rate)
    )
    band = Biquad(.bandPass, freq: pitch, rq: 1, rate: c.rate)
    // Env.perc(0.005, sustain, -4): its third argument is the level.
    noiseEnv = .perc(0.005, c.sustain, level: -4, rate: c.rate)
    env = .perc(0.005, c.sustain, level: 0.5, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SOSSnare(c), c, ownSeconds: c.sustain + 0.005) }

  mutating func next() -> Double {
    let source = pm.next(carrier: saw.next(freq * 0.85, rate), modulator: freq * semitone, index: voice, rate)
    // Latch(WhiteNoise(0.1), Impulse(3400)): a new value 3400 times a second.
    let before = latch.phase
    _ = latch.step(3400 / rate)
    if latch.phase < before || before == 0 { held = noise.next() * 0.1 }
    var x = notches.0.next(held) * 0.5
    x = notches.1.next(x) * 0.5
    x = notches.2.next(x) * 0.5
    x = notches.3.next(x) * noiseEnv.next()
    x = band.next(x) * 40
    return (source + x) * 1.584_893 * env.next()
  }
}
