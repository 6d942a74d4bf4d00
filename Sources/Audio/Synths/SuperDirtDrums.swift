#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// SuperDirt's drum synths (library/default-synths-extra.scd), graph for graph.

/// `x` wrapped into [lo, hi) (SuperCollider's `wrap`).
@inline(__always) func wrap(_ x: Double, _ lo: Double, _ hi: Double) -> Double {
  let r = hi - lo
  guard r > 0 else { return lo }
  let y = (x - lo).truncatingRemainder(dividingBy: r)
  return lo + (y < 0 ? y + r : y)
}

/// superkick: a sine at `(n − 25.5).midicps` under a low-passed noise click. `pitch1` scales the
/// click's filter, `decay` its length, `accelerate` sweeps the filter over the click.
struct SuperKick: MonoSource {
  let rate: Double
  let toneFreq: Double
  let clickFreq: Double
  var scale: LineSegment
  var env: Envelope
  var click: LineSegment
  var noise: WhiteNoise
  var filter: Biquad
  var tone = SineOsc()
  var countdown = 0

  init(_ c: SynthControls) {
    rate = c.rate
    toneFreq = midicps(c.n - 25.5)
    let clickSeconds = 0.02 * c.sustain * c.number("decay", 1)
    clickFreq = 1500 * c.number("pitch1", 1)
    scale = c.freqScale(over: clickSeconds)
    env = .linen(0.01, 0, 0.5, curve: .shape(-3), timeScale: c.sustain, rate: c.rate)
    click = LineSegment(1, 0, seconds: clickSeconds, rate: c.rate)
    noise = WhiteNoise(seed: c.seed)
    filter = Biquad(.lowPass, freq: clickFreq * abs(c.speed), rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperKick(c), c, ownSeconds: 0.51 * c.sustain) }

  mutating func next() -> Double {
    let s = scale.next()
    if countdown == 0 {
      filter.set(freq: clickFreq * s, rq: 2.squareRoot(), rate: rate)
      countdown = 16
    }
    countdown -= 1
    let x = tone.next(toneFreq, rate) + filter.next(noise.next()) * click.next()
    return x * env.next()
  }
}

/// super808: a feedback sine chirping down from a high start to `(10 n).midicps` (n below 1
/// adds 3), low-passed at 9 kHz; `rate` speeds the chirp, `voice` is the sine's feedback.
struct Super808: MonoSource {
  let rate: Double
  let feedback: Double
  var chirp: ExpLine
  var env: Envelope
  var filter: Biquad
  var phase = Phasor()
  var previous = 0.0

  init(_ c: SynthControls) {
    rate = c.rate
    let n = (c.n > 0 ? c.n : 0) + (c.n < 1 ? 3 : 0)
    let freq = midicps(n * 10) * abs(c.speed)
    // freq.expexp(10, 2000, 1000, 8000)
    let clipped = min(max(freq, 10), 2000)
    let start = 1000 * pow(8, log(clipped / 10) / log(200))
    chirp = ExpLine(start, freq, seconds: 0.025 / c.number("rate", 1), rate: c.rate)
    feedback = c.number("voice", 0)
    env = .linen(0.01, 0, 1, curve: .shape(-3), timeScale: c.sustain, rate: c.rate)
    filter = Biquad(.lowPass, freq: 9000, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(Super808(c), c, ownSeconds: 1.01 * c.sustain) }

  mutating func next() -> Double {
    let p = phase.step(chirp.next() / rate)
    previous = sinCycles(p + feedback * previous * (0.5 / .pi))
    return filter.next(previous) * env.next()
  }
}

/// superhat: white noise band-limited between `freq` and 3 × `freq`, where `freq` is 2 kHz
/// times `(n/5 + 1)` wrapped into [0.5, 2); `accelerate` sweeps the band.
struct SuperHat: MonoSource {
  let rate: Double
  let freq: Double
  var scale: LineSegment
  var env: Envelope
  var noise: WhiteNoise
  var low: Biquad
  var high: Biquad
  var countdown = 0

  init(_ c: SynthControls, tone: Double = 2000, release: Double = 0.3) {
    rate = c.rate
    freq = tone * wrap(c.n / 5 + 1, 0.5, 2)
    scale = c.freqScale()
    env = .linen(0.01, 0, release, curve: .shape(-3), timeScale: c.sustain, rate: c.rate)
    noise = WhiteNoise(seed: c.seed)
    low = Biquad(.lowPass, freq: 3 * freq, rate: c.rate)
    high = Biquad(.highPass, freq: freq, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperHat(c), c, ownSeconds: 0.31 * c.sustain) }

  mutating func next() -> Double {
    let f = freq * scale.next()
    if countdown == 0 {
      low.set(freq: 3 * f, rq: 2.squareRoot(), rate: rate)
      high.set(freq: f, rq: 2.squareRoot(), rate: rate)
      countdown = 16
    }
    countdown -= 1
    return high.next(low.next(noise.next())) * env.next()
  }
}

/// supersnare: a pulse at 100 Hz × `(n/5 + 1)` wrapped, under a low-pass closing from 1030 to
/// 30 Hz, plus band-passed noise fading over 0.2 × `decay` seconds.
struct SuperSnare: MonoSource {
  let rate: Double
  let freq: Double
  var scale: LineSegment
  var env: Envelope
  var cutoff: LineSegment
  var noiseLevel: LineSegment
  var pulse = PulseOsc()
  var toneFilter: Biquad
  var noise: WhiteNoise
  var noiseHigh: Biquad
  var noiseBand: Biquad
  var countdown = 0

  init(_ c: SynthControls) {
    rate = c.rate
    freq = 100 * wrap(c.n / 5 + 1, 0.5, 2)
    scale = c.freqScale()
    env = .linen(0.01, 0, 0.6, curve: .shape(-3), timeScale: c.sustain, rate: c.rate)
    cutoff = LineSegment(1030, 30, seconds: 0.2 * c.sustain, rate: c.rate)
    noiseLevel = LineSegment(1, 0, seconds: 0.2 * c.number("decay", 1), rate: c.rate)
    toneFilter = Biquad(.lowPass, freq: 1030, rate: c.rate)
    noise = WhiteNoise(seed: c.seed)
    noiseHigh = Biquad(.highPass, freq: 500, rate: c.rate)
    noiseBand = Biquad(.bandPass, freq: 1500, rq: 1, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperSnare(c), c, ownSeconds: 0.61 * c.sustain) }

  mutating func next() -> Double {
    let cut = cutoff.next()
    if countdown == 0 {
      toneFilter.set(freq: cut, rq: 2.squareRoot(), rate: rate)
      countdown = 16
    }
    countdown -= 1
    let tone = toneFilter.next(pulse.next(freq * scale.next(), rate))
    let hiss = noiseBand.next(noiseHigh.next(noise.next())) * noiseLevel.next()
    return (tone + hiss) * env.next()
  }
}

/// superclap: band-passed noise through four short bursts spread by `delay` (0.005 s × delay ×
/// i^(n+1)), each fading over 0.04/`rate` seconds; `pitch1` scales the band.
struct SuperClap: MonoSource {
  let rate: Double
  var env: Envelope
  var noise: WhiteNoise
  var low: Biquad
  var band: Biquad
  var bursts: (Envelope, Envelope, Envelope, Envelope)

  init(_ c: SynthControls) {
    rate = c.rate
    let spread = 0.005 * c.number("delay", 1)
    let pitch = c.number("pitch1", 1)
    let power = min(max(c.n, 0), 5) + 1
    let fall = 0.04 / c.number("rate", 1)
    func burst(_ i: Double) -> Envelope {
      Envelope(levels: [0, 0, 1, 0], times: [spread * pow(i, power), 0, fall], rate: c.rate)
    }
    bursts = (burst(0), burst(1), burst(2), burst(3))
    env = .linen(0.01, 0, 0.6, curve: .shape(-3), timeScale: c.sustain, rate: c.rate)
    noise = WhiteNoise(seed: c.seed)
    low = Biquad(.lowPass, freq: 7500 * pitch, rate: c.rate)
    band = Biquad(.bandPass, freq: 1500 * pitch, rq: 1, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperClap(c), c, ownSeconds: 0.61 * c.sustain) }

  mutating func next() -> Double {
    let x = band.next(low.next(noise.next()))
    let level = bursts.0.next() + bursts.1.next() + bursts.2.next() + bursts.3.next()
    return x * 0.5 * level * env.next()
  }
}
