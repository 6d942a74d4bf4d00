#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tala's drum kit under the common Dirt-Samples folder names, synthesized so a set of `bd sn
/// hh` sounds with nothing installed (a sample folder of the same name wins over these).
///
/// They behave like samples, not like SuperDirt's synths: `n` picks a variant (tuning, decay,
/// snappiness…, wrapping around as sample numbers do), `speed` and `note`/`octave` play the
/// drum faster and higher together as resampling would, `accelerate` ramps that rate from 1 to
/// 1 + accelerate over the sound, and the drum plays to its own end unless `sustain` or
/// `legato` cut it.
let drumKit: [(String, Synths.Maker)] = [
  ("bd", { c in DrumKit.kick(c) }),
  ("kick", { c in DrumKit.kick(c) }),
  ("sd", { c in DrumKit.snare(c) }),
  ("sn", { c in DrumKit.snare(c) }),
  ("snare", { c in DrumKit.snare(c) }),
  ("hh", { c in DrumKit.closedHat(c) }),
  ("ch", { c in DrumKit.closedHat(c) }),
  ("hc", { c in DrumKit.closedHat(c) }),
  ("oh", { c in DrumKit.openHat(c) }),
  ("ho", { c in DrumKit.openHat(c) }),
  ("cp", { c in DrumKit.clap(c) }),
  ("clap", { c in DrumKit.clap(c) }),
  ("ht", { c in DrumKit.tom(c, 200) }),
  ("mt", { c in DrumKit.tom(c, 145) }),
  ("lt", { c in DrumKit.tom(c, 100) }),
  ("rim", { c in DrumKit.rim(c) }),
  ("cb", { c in DrumKit.cowbell(c) }),
  ("cr", { c in DrumKit.cymbal(c, ride: false) }),
  ("rd", { c in DrumKit.cymbal(c, ride: true) }),
  ("drum", { c in DrumKit.drum(c) }),
  ("808", { c in DrumKit.eightOhEight(c) }),
  ("808bd", { c in DrumKit.kick808(c) }),
  ("808cy", { c in DrumKit.cymbal808(c) }),
  ("808hc", { c in DrumKit.conga(c, 370) }),
  ("808ht", { c in DrumKit.tom808(c, 220) }),
  ("808lc", { c in DrumKit.conga(c, 165) }),
  ("808lt", { c in DrumKit.tom808(c, 95) }),
  ("808mc", { c in DrumKit.conga(c, 250) }),
  ("808mt", { c in DrumKit.tom808(c, 145) }),
  ("808oh", { c in DrumKit.openHat808(c) }),
  ("808sd", { c in DrumKit.snare808(c) }),
  ("909", { c in DrumKit.kick909(c) }),
]

/// The kit's voices: a handful of drum models, each tuned per name and variant.
enum DrumKit {
  /// The TR-808 sample set in Dirt-Samples names each file by its knob positions on the dial's
  /// 0…10 scale (`BD0000`, `BD0010`, `BD0025`…, where `10` is the maximum); sorted by name, as
  /// sample folders are, the positions come in this order. Tala assumes the folders keep
  /// those names.
  static let knob: [Double] = [0, 10, 2.5, 5, 7.5]

  /// The first and second knob positions (0…10) of TR-808 variant `n` of 25 (first knob the
  /// tone or tuning, second the decay or snappiness, as the set's names put them).
  static func knobs25(_ c: SynthControls) -> (Double, Double) {
    let v = variant(c, 25)
    return (knob[v / 5], knob[v % 5])
  }

  /// The one knob's position (0…10) of TR-808 variant `n` of 5.
  static func knob5(_ c: SynthControls) -> Double { knob[variant(c, 5)] }

  /// Variant `i` of `count` for the event's `n` (sample numbers wrap around).
  static func variant(_ c: SynthControls, _ count: Int) -> Int {
    let i = Int(max(min(c.n.rounded(.down), 1e9), -1e9))
    return ((i % count) + count) % count
  }

  /// A voice of `make(rate)` lasting `seconds` of its own time: the drum is built at the rate
  /// divided by the playback rate, so it plays faster and higher together, as a resampled
  /// recording would. With `accelerate`, the playback rate also ramps from 1 to 1 + accelerate
  /// over the sound, as SuperDirt ramps a sample's rate (read through `Accelerated`).
  static func voice<S: MonoSource>(_ c: SynthControls, seconds: Double, _ make: (Double) -> S) -> any SynthVoice {
    // SuperDirt's length for a sample whose rate ramps: its duration over the average rate.
    let average = c.accelerate == 0 ? 1 : max(1 + c.accelerate / 2, 1.0 / 64)
    let own = min(seconds / c.playbackRate / average, 60)
    let seconds = min(own, c.explicitSustain ?? .infinity)
    let length = max(1, Int64((seconds * c.rate).rounded()))
    let source = make(c.rate / c.playbackRate)
    if c.accelerate == 0 {
      return BlockSynthVoice(MonoSynthVoice(source, length: length, controls: c, playsLikeASample: true))
    }
    let ramped = Accelerated(source, accelerate: c.accelerate, seconds: own, rate: c.rate)
    return BlockSynthVoice(MonoSynthVoice(ramped, length: length, controls: c, playsLikeASample: true))
  }

  // MARK: Kicks

  static func kick(_ c: SynthControls) -> any SynthVoice {
    let v = variant(c, 8)
    let tune = [52.0, 48, 56, 44, 60, 50, 46, 58][v]
    let decay = [0.35, 0.45, 0.28, 0.6, 0.25, 0.5, 0.4, 0.3][v]
    return voice(c, seconds: decay * 2.2) { rate in
      KickDrum(
        base: tune, start: tune * 3.2, drop: 0.03, decay: decay, click: 0.25, drive: 1.2, seed: c.seed, rate: rate)
    }
  }

  /// The TR-808's bass drum: 25 variants, five tunings by five decays, in the order of
  /// Dirt-Samples' files.
  static func kick808(_ c: SynthControls) -> any SynthVoice {
    let (tone, length) = knobs25(c)
    let tune = 45 + tone * 1.7
    let decay = 0.25 + length * 0.105
    return voice(c, seconds: decay * 2.2) { rate in
      KickDrum(
        base: tune, start: tune * 2.2, drop: 0.012, decay: decay, click: 0.05, drive: 1, seed: c.seed, rate: rate)
    }
  }

  /// The TR-909's bass drum: a faster, harder sweep with a click and some drive.
  static func kick909(_ c: SynthControls) -> any SynthVoice {
    voice(c, seconds: 0.7) { rate in
      KickDrum(base: 55, start: 55 * 5, drop: 0.018, decay: 0.3, click: 0.5, drive: 2, seed: c.seed, rate: rate)
    }
  }

  // MARK: Snares and claps

  static func snare(_ c: SynthControls) -> any SynthVoice {
    let v = variant(c, 8)
    let tone = [185.0, 200, 170, 220, 190, 160, 210, 180][v]
    let snap = [0.18, 0.22, 0.15, 0.12, 0.25, 0.2, 0.1, 0.3][v]
    let mix = [0.6, 0.7, 0.5, 0.8, 0.65, 0.55, 0.9, 0.6][v]
    return voice(c, seconds: snap * 2 + 0.05) { rate in
      SnareDrum(tone: tone, toneDecay: 0.08, noiseDecay: snap, noiseLevel: mix, band: 4000, seed: c.seed, rate: rate)
    }
  }

  /// The TR-808's snare: five tunings by five amounts of snappy noise.
  static func snare808(_ c: SynthControls) -> any SynthVoice {
    let (tuning, snap) = knobs25(c)
    let tone = 160 + tuning * 7.5
    let snappy = 0.2 + snap * 0.07
    return voice(c, seconds: 0.45) { rate in
      SnareDrum(tone: tone, toneDecay: 0.1, noiseDecay: 0.15, noiseLevel: snappy, band: 6000, seed: c.seed, rate: rate)
    }
  }

  static func clap(_ c: SynthControls) -> any SynthVoice {
    let v = variant(c, 4)
    let spread = [0.011, 0.009, 0.013, 0.008][v]
    let tail = [0.12, 0.16, 0.1, 0.2][v]
    return voice(c, seconds: spread * 3 + tail * 3) { rate in
      ClapDrum(spread: spread, tail: tail, band: [1200, 1000, 1400, 1100][v], seed: c.seed, rate: rate)
    }
  }

  // MARK: Hats and cymbals

  static func closedHat(_ c: SynthControls) -> any SynthVoice {
    let v = variant(c, 8)
    let decay = [0.045, 0.06, 0.035, 0.08, 0.05, 0.04, 0.07, 0.055][v]
    let tune = [1.0, 1.05, 0.95, 1.1, 0.9, 1.02, 0.98, 1.08][v]
    return voice(c, seconds: decay * 4) { rate in
      MetalDrum(
        .hat, tune: tune, attack: 0.001, decay: decay, band: 10000, high: 7000, noise: 0.3, level: 0.9, seed: c.seed,
        rate: rate)
    }
  }

  static func openHat(_ c: SynthControls) -> any SynthVoice {
    let v = variant(c, 4)
    let decay = [0.3, 0.4, 0.25, 0.5][v]
    return voice(c, seconds: decay * 3) { rate in
      MetalDrum(
        .hat, tune: [1, 1.05, 0.95, 1.02][v], attack: 0.002, decay: decay, band: 10000, high: 7000, noise: 0.3,
        level: 0.8, seed: c.seed, rate: rate)
    }
  }

  /// The TR-808's open hat: five decays.
  static func openHat808(_ c: SynthControls) -> any SynthVoice {
    let decay = 0.2 + knob5(c) * 0.05
    return voice(c, seconds: decay * 3) { rate in
      MetalDrum(
        .hat, tune: 1, attack: 0.002, decay: decay, band: 10000, high: 7500, noise: 0, level: 0.8, seed: c.seed,
        rate: rate)
    }
  }

  static func cymbal(_ c: SynthControls, ride: Bool) -> any SynthVoice {
    let v = variant(c, 4)
    let decay = (ride ? [1.2, 1.5, 1.0, 1.8] : [1.4, 1.8, 1.1, 2.2])[v]
    return voice(c, seconds: decay * 2.5) { rate in
      MetalDrum(
        ride ? .ride : .cymbal, tune: [1, 1.04, 0.96, 1.08][v], attack: 0.001, decay: decay, band: ride ? 7000 : 9000,
        high: ride ? 4000 : 5000, noise: ride ? 0.15 : 0.5, level: 0.6, seed: c.seed, rate: rate)
    }
  }

  /// The TR-808's cymbal: five tunings by five decays.
  static func cymbal808(_ c: SynthControls) -> any SynthVoice {
    let (tone, length) = knobs25(c)
    let decay = 0.6 + length * 0.14
    return voice(c, seconds: decay * 2.5) { rate in
      MetalDrum(
        .cymbal, tune: 0.9 + tone * 0.02, attack: 0.001, decay: decay, band: 8000, high: 5000,
        noise: 0.2,
        level: 0.6, seed: c.seed, rate: rate)
    }
  }

  static func cowbell(_ c: SynthControls) -> any SynthVoice {
    let tune = [1.0, 1.06, 0.94, 1.12][variant(c, 4)]
    return voice(c, seconds: 0.8) { rate in
      MetalDrum(
        .cowbell, tune: tune, attack: 0.001, decay: 0.25, band: 2640, high: 400, noise: 0, level: 0.8, seed: c.seed,
        rate: rate)
    }
  }

  // MARK: Toms, congas, rim and the rest

  static func tom(_ c: SynthControls, _ pitch: Double) -> any SynthVoice {
    let v = variant(c, 6)
    let tune = pitch * [1, 1.08, 0.93, 1.15, 0.87, 1.04][v]
    let decay = [0.35, 0.3, 0.45, 0.25, 0.5, 0.4][v]
    return voice(c, seconds: decay * 2.5) { rate in
      ModalDrum(
        modes: [(tune, decay, 1), (tune * 1.5, decay * 0.4, 0.25)], drop: 0.5, dropTime: 0.06, noise: 0.15,
        noiseDecay: 0.03, seed: c.seed, rate: rate)
    }
  }

  /// The TR-808's toms: five tunings each.
  static func tom808(_ c: SynthControls, _ pitch: Double) -> any SynthVoice {
    let tune = pitch * (0.85 + knob5(c) * 0.032)
    return voice(c, seconds: 1) { rate in
      ModalDrum(
        modes: [(tune, 0.4, 1)], drop: 0.25, dropTime: 0.05, noise: 0.04, noiseDecay: 0.02, seed: c.seed, rate: rate)
    }
  }

  /// The TR-808's congas: a purer, shorter tone than its toms.
  static func conga(_ c: SynthControls, _ pitch: Double) -> any SynthVoice {
    let tune = pitch * (0.9 + knob5(c) * 0.02)
    return voice(c, seconds: 0.5) { rate in
      ModalDrum(
        modes: [(tune, 0.18, 1)], drop: 0.12, dropTime: 0.01, noise: 0, noiseDecay: 0.01, seed: c.seed, rate: rate)
    }
  }

  static func rim(_ c: SynthControls) -> any SynthVoice {
    let tune = [1.0, 1.1, 0.9][variant(c, 3)]
    return voice(c, seconds: 0.12) { rate in rimshot(tune, c.seed, rate) }
  }

  static func rimshot(_ tune: Double, _ seed: UInt64, _ rate: Double) -> ModalDrum {
    ModalDrum(
      modes: [(455 * tune, 0.025, 0.8), (1667 * tune, 0.02, 0.6)], drop: 0, dropTime: 0.01, noise: 0.4,
      noiseDecay: 0.006,
      seed: seed, rate: rate)
  }

  /// `drum`: Dirt-Samples' mixed kit, by `n`: 0 kick, 1 snare, 2 closed hat, 3 open hat, 4 clap,
  /// 5 tom (its six files' kinds are not named, so Tala picks this order).
  static func drum(_ c: SynthControls) -> any SynthVoice {
    switch variant(c, 6) {
    case 0: kick(c)
    case 1: snare(c)
    case 2: closedHat(c)
    case 3: openHat(c)
    case 4: clap(c)
    default: tom(c, 145)
    }
  }

  /// `808`: the TR-808's single-sample voices in Dirt-Samples' folder, sorted as its files are
  /// named (CB CH CL CP MA RS, per the set's TR808.TXT):
  /// cowbell, closed hat, claves, clap, maracas, rimshot.
  static func eightOhEight(_ c: SynthControls) -> any SynthVoice {
    switch variant(c, 6) {
    case 0:
      voice(c, seconds: 0.8) { rate in
        MetalDrum(
          .cowbell, tune: 1, attack: 0.001, decay: 0.25, band: 2640, high: 400, noise: 0, level: 0.8, seed: c.seed,
          rate: rate)
      }
    case 1:
      voice(c, seconds: 0.2) { rate in
        MetalDrum(
          .hat, tune: 1, attack: 0.001, decay: 0.05, band: 10000, high: 7500, noise: 0, level: 0.9, seed: c.seed,
          rate: rate)
      }
    case 2:
      voice(c, seconds: 0.15) { rate in
        ModalDrum(
          modes: [(2500, 0.04, 1)], drop: 0, dropTime: 0.01, noise: 0, noiseDecay: 0.01, seed: c.seed, rate: rate)
      }
    case 3:
      voice(c, seconds: 0.4) { rate in ClapDrum(spread: 0.01, tail: 0.12, band: 1100, seed: c.seed, rate: rate) }
    case 4:
      voice(c, seconds: 0.1) { rate in
        MetalDrum(
          .maracas, tune: 1, attack: 0.008, decay: 0.025, band: 9000, high: 5000, noise: 1, level: 1, seed: c.seed,
          rate: rate)
      }
    default:
      voice(c, seconds: 0.12) { rate in rimshot(1, c.seed, rate) }
    }
  }
}

/// A source read at a rate ramping linearly from 1 to 1 + `accelerate` over `seconds` (never
/// below 0: a drum cannot run backwards), with linear interpolation between its samples.
struct Accelerated<S: MonoSource>: MonoSource {
  var source: S
  var step: LineSegment
  var position = 0.0
  var previous = 0.0
  var current: Double

  init(_ source: S, accelerate: Double, seconds: Double, rate: Double) {
    self.source = source
    step = LineSegment(1, 1 + accelerate, seconds: seconds, rate: rate)
    current = self.source.next()
  }

  mutating func next() -> Double {
    let y = previous + (current - previous) * position
    position += min(max(0, step.next()), 64)
    // At most a few source samples per output sample (rates are clamped to 64).
    while position >= 1 {
      position -= 1
      previous = current
      current = source.next()
    }
    return y
  }
}

/// A bass drum: a sine falling from `start` to `base` Hz (time constant `drop`), decaying with
/// time constant `decay`, a low-passed noise click, and `drive` into a soft clip.
struct KickDrum: MonoSource {
  let rate: Double
  let base: Double
  let start: Double
  let dropFactor: Double
  let decayFactor: Double
  let click: Double
  let drive: Double
  /// `1 / tanh(drive)`, so the clip keeps a full-scale peak at full scale.
  let driveNormaliser: Double
  var sweep = 1.0
  var level = 1.0
  var phase = Phasor(phase: 0.25)
  var noise: WhiteNoise
  var clickEnv = 1.0
  let clickFactor: Double
  var clickFilter: Biquad

  init(
    base: Double, start: Double, drop: Double, decay: Double, click: Double, drive: Double, seed: UInt64, rate: Double
  ) {
    self.rate = rate
    self.base = base
    self.start = start
    dropFactor = exp(-1 / (drop * rate))
    decayFactor = exp(-1 / (decay * rate))
    self.click = click
    self.drive = drive
    driveNormaliser = 1 / tanh(drive)
    noise = WhiteNoise(seed: seed)
    clickFactor = exp(-1 / (0.003 * rate))
    clickFilter = Biquad(.lowPass, freq: 4000, rate: rate)
  }

  mutating func next() -> Double {
    let f = base + (start - base) * sweep
    sweep *= dropFactor
    // Starting at the top of a cosine gives the thump its attack.
    let tone = sinCycles(phase.step(f / rate)) * level
    level *= decayFactor
    let c = clickFilter.next(noise.next()) * clickEnv * click
    clickEnv *= clickFactor
    let x = tone + c
    return drive == 1 ? x : fastTanh(drive * x) * driveNormaliser
  }
}

/// A snare: two sine modes of the shell (`tone` and 1.6 × `tone`) and band-passed noise for
/// the wires.
struct SnareDrum: MonoSource {
  let rate: Double
  let tone: Double
  let noiseLevel: Double
  let toneFactor: Double
  let noiseFactor: Double
  var toneLevel = 1.0
  var wireLevel = 1.0
  var shell = (SineOsc(phase: 0.5 * .pi), SineOsc(phase: 0.5 * .pi))
  /// The two modes' phase steps (`tone` and 1.6 × `tone` over the rate), divided once.
  let shellSteps: (Double, Double)
  var noise: WhiteNoise
  var high: Biquad
  var low: Biquad

  init(
    tone: Double, toneDecay: Double, noiseDecay: Double, noiseLevel: Double, band: Double, seed: UInt64, rate: Double
  ) {
    self.rate = rate
    self.tone = tone
    shellSteps = (tone / rate, tone * 1.6 / rate)
    self.noiseLevel = noiseLevel
    toneFactor = exp(-1 / (toneDecay * rate))
    noiseFactor = exp(-1 / (noiseDecay * rate))
    noise = WhiteNoise(seed: seed)
    high = Biquad(.highPass, freq: 1000, rate: rate)
    low = Biquad(.lowPass, freq: band, rate: rate)
  }

  mutating func next() -> Double {
    let t = (0.6 * shell.0.next(increment: shellSteps.0) + 0.35 * shell.1.next(increment: shellSteps.1)) * toneLevel
    toneLevel *= toneFactor
    let w = low.next(high.next(noise.next())) * wireLevel * noiseLevel * 1.5
    wireLevel *= noiseFactor
    return t + w
  }
}

/// A hand clap: band-passed noise in three quick bursts `spread` apart, then a tail.
struct ClapDrum: MonoSource {
  let rate: Double
  let spread: Int
  let burstFactor: Double
  let tailFactor: Double
  var frame = 0
  var burst = 0.0
  var tail = 0.0
  var noise: WhiteNoise
  var band: Biquad

  init(spread: Double, tail: Double, band: Double, seed: UInt64, rate: Double) {
    self.rate = rate
    self.spread = max(1, Int(spread * rate))
    burstFactor = exp(-1 / (0.004 * rate))
    tailFactor = exp(-1 / (tail * rate))
    noise = WhiteNoise(seed: seed)
    self.band = Biquad(.bandPass, freq: band, rq: 0.6, rate: rate)
  }

  mutating func next() -> Double {
    if frame % spread == 0, frame <= 2 * spread { burst = 1 }
    if frame == 2 * spread { tail = 0.6 }
    frame += 1
    let level = max(burst, tail)
    burst *= burstFactor
    tail *= tailFactor
    return band.next(noise.next()) * level * 2.5
  }
}

/// Metallic voices from detuned square waves, as the TR-808 makes its hats, cymbal and cowbell:
/// six (or two for the cowbell) squares at inharmonic ratios, band-passed and high-passed,
/// mixed with noise, under a percussive envelope.
struct MetalDrum: MonoSource {
  enum Kind {
    case hat, cymbal, ride, cowbell, maracas
  }

  /// The TR-808's six oscillator frequencies.
  static let metal: [Double] = [205.3, 304.4, 369.6, 522.7, 540, 800]
  let rate: Double
  let freqs: [Double]
  /// `freqs` over the rate, divided once here rather than every frame.
  let increments: [Double]
  let noiseLevel: Double
  let level: Double
  let kind: Kind
  var squares: [PulseOsc]
  var env: Envelope
  var bell: Envelope
  var noise: WhiteNoise
  var band: Biquad
  var high: Biquad

  init(
    _ kind: Kind, tune: Double, attack: Double, decay: Double, band: Double, high: Double, noise: Double, level: Double,
    seed: UInt64, rate: Double
  ) {
    self.rate = rate
    self.kind = kind
    switch kind {
    case .cowbell: freqs = [540 * tune, 800 * tune]
    case .maracas: freqs = []
    case .ride: freqs = Self.metal.map { $0 * tune * 1.3 }
    default: freqs = Self.metal.map { $0 * tune }
    }
    increments = freqs.map { $0 / rate }
    noiseLevel = noise
    self.level = level
    squares = freqs.enumerated().map { PulseOsc(phase: Double($0.offset) * 0.17) }
    env = .perc(attack, decay * 3, curve: .shape(-6), rate: rate)
    // The cowbell's quick drop to a lower, longer ring; the ride's bell.
    bell = kind == .cowbell ? .perc(0.001, 0.05, rate: rate) : .perc(0.001, decay * 1.5, rate: rate)
    self.noise = WhiteNoise(seed: seed)
    self.band = Biquad(.bandPass, freq: band, rq: kind == .cowbell ? 0.3 : 0.8, rate: rate)
    self.high = Biquad(.highPass, freq: high, rate: rate)
  }

  mutating func next() -> Double {
    var x = 0.0
    for i in 0..<increments.count { x += squares[i].next(increment: increments[i]) }
    if !freqs.isEmpty { x /= Double(freqs.count) }
    x += noise.next() * noiseLevel
    var y = high.next(band.next(x))
    switch kind {
    case .cowbell: y *= 0.35 * env.next() + 0.65 * bell.next()
    case .ride: y = y * env.next() + 0.1 * x * bell.next()
    default: y *= env.next()
    }
    return y * level * 2
  }
}

/// Struck shells and blocks: decaying sine modes (the first falling by `drop` of its pitch
/// over `dropTime`) and a short noise burst.
struct ModalDrum: MonoSource {
  let rate: Double
  let freqs: [Double]
  let factors: [Double]
  var levels: [Double]
  var phases: [Phasor]
  let dropFactor: Double
  let drop: Double
  var bend = 1.0
  let noiseLevel: Double
  let noiseFactor: Double
  var noiseEnv = 1.0
  var noise: WhiteNoise
  var high: Biquad

  init(
    modes: [(Double, Double, Double)], drop: Double, dropTime: Double, noise: Double, noiseDecay: Double, seed: UInt64,
    rate: Double
  ) {
    self.rate = rate
    freqs = modes.map(\.0)
    factors = modes.map { exp(-1 / ($0.1 * rate)) }
    levels = modes.map(\.2)
    phases = modes.map { _ in Phasor() }
    self.drop = drop
    dropFactor = exp(-1 / (dropTime * rate))
    noiseLevel = noise
    noiseFactor = exp(-1 / (noiseDecay * rate))
    self.noise = WhiteNoise(seed: seed)
    high = Biquad(.highPass, freq: 2000, rate: rate)
  }

  mutating func next() -> Double {
    var x = 0.0
    let pitch = 1 + drop * bend
    bend *= dropFactor
    for i in 0..<freqs.count {
      let f = freqs[i] * (i == 0 ? pitch : 1)
      x += sinCycles(phases[i].step(f / rate)) * levels[i]
      levels[i] *= factors[i]
    }
    x += high.next(noise.next()) * noiseEnv * noiseLevel
    noiseEnv *= noiseFactor
    return x
  }
}
