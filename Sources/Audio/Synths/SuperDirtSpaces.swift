#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The three synthdef.art pieces in SuperDirt's library (supergrind, superprimes,
// superwavemechanics). Their graphs run through GVerb, which Tala replaces with SmallReverb,
// and use multichannel expansion that Tala folds to stereo: these are approximations.

/// SuperCollider's `softclip`: linear below 0.5, then bending toward ±1.
@inline(__always) func softclip(_ x: Double) -> Double {
  let a = abs(x)
  return a <= 0.5 ? x : (a - 0.25) / x
}

/// supergrind, approximated: a feedback loop tuned an octave above half the pitch (two taps
/// `detune` Hz apart, saturated), excited by an impulse train near (`voice` + 1) × that pitch
/// wobbling at 0.25 Hz and by triggers at `rate` × (¼, ¼, ¼, 2) per second; a 0.1 s chorus tap;
/// then sine-folded through a reverb (standing in for GVerb) and added back.
struct SuperGrind: StereoSource {
  let rate: Double
  let freq: Double
  let detune: Double
  let voice: Double
  let triggerRate: Double
  var scale: LineSegment
  var env: Envelope
  var loopInput: DelayLine
  var feedback: DelayLine
  var chorusLine: DelayLine
  var dc: LeakDC
  var wobble = SineOsc()
  var chorus = SineOsc()
  var impulses = Phasor(phase: 0.999_999)
  var triggerPhase = Phasor(phase: 0.999_999)
  var seconds = 0.0
  var triggerLeft = 0
  var verb: SmallReverb

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq / 2
    detune = c.number("detune", 0)
    voice = c.number("voice", 0)
    triggerRate = c.number("rate", 1)
    scale = c.freqScale()
    env = .linen(0.1, 0.8, 0.1, timeScale: c.sustain, rate: c.rate)
    loopInput = DelayLine(maxSeconds: 0.2, rate: c.rate)
    feedback = DelayLine(maxSeconds: 0.01, rate: c.rate)
    chorusLine = DelayLine(maxSeconds: 0.2, rate: c.rate)
    dc = LeakDC(rate: c.rate)
    verb = SmallReverb(roomSize: 10, revTime: 3, dry: 1, wet: 0.5, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { stereo(SuperGrind(c), c, ownSeconds: c.sustain) }

  mutating func next() -> (Double, Double) {
    let f = freq * scale.next()
    // Duty(1, 0, Dseq([¼, ¼, ¼, 2])): the trigger rate changes each second.
    let duty = [0.25, 0.25, 0.25, 2][Int(seconds) % 4]
    seconds += 1 / rate
    let before = triggerPhase.phase
    _ = triggerPhase.step(triggerRate * duty / rate)
    // Impulse.kr holds its 1 for one control block.
    if triggerPhase.phase < before { triggerLeft = 64 }
    let trig: Double = triggerLeft > 0 ? 1 : 0
    if triggerLeft > 0 { triggerLeft -= 1 }
    let impulseFreq = wobble.next(0.25, rate) * f / 2 + (voice + 1) * f
    let was = impulses.phase
    _ = impulses.step(impulseFreq / rate)
    let impulse: Double = impulses.phase < was ? 1 : 0
    // LocalIn returns what LocalOut wrote a block ago; the taps subtract that block.
    let s = feedback.read(64) + impulse + trig
    loopInput.push(s)
    let d1 = max(1, (1 / (2 * f + detune)) * rate - 64)
    let d2 = max(1, (1 / (2 * f - detune)) * rate - 64)
    let y = (loopInput.read(d1) + loopInput.read(d2)) / 2
    feedback.push(fastTanh(dc.next(y)))
    chorusLine.push(y)
    let withChorus = y + chorusLine.read((0.1 + 0.001 * chorus.next(1, rate)) * rate)
    let (l, r) = verb.next(fastSin((withChorus + 8 * trig) * 4))
    let e = 0.3 * env.next()
    return ((fastSin(l) + withChorus) * e, (fastSin(r) + withChorus) * e)
  }
}

/// superprimes, approximated: nine harmonics of half the pitch (alternately `detune`/12 sharp
/// and flat), each struck by its own trigger at 30/p/sustain × `rate` per second for the primes
/// p = 2…23 and decaying over (p + 3) × sustain/10 (smoothed by a low-pass that `voice` opens),
/// soft-clipped into a long reverb (SuperDirt's GVerb; `voice` shrinks the room) and saturated.
struct SuperPrimes: StereoSource {
  static let primes: [Double] = [2, 3, 5, 7, 11, 13, 17, 19, 23]
  let rate: Double
  let freq: Double
  let ratios: [Double]
  let triggerRates: [Double]
  var scale: LineSegment
  var env: Envelope
  var oscillators = [Phasor](repeating: Phasor(), count: 9)
  var triggers = [Phasor](repeating: Phasor(phase: 0.999_999), count: 9)
  var decays: [Decay]
  var smoothers: [Biquad]
  var verb: SmallReverb

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    let detune = c.number("detune", 0)
    let voice = c.number("voice", 0)
    ratios = (1...9).map { Double($0) * ($0 % 2 == 1 ? 1 + detune / 12 : 1 - detune / 12) / 2 }
    let speed = c.number("rate", 1)
    triggerRates = Self.primes.map { 30 / $0 / max(c.sustain, 1e-3) * speed }
    scale = c.freqScale()
    env = .linen(0.1, 0.6, 0.3, timeScale: c.sustain, rate: c.rate)
    decays = Self.primes.map { Decay(seconds: ($0 + 3) * c.sustain / 10, rate: c.rate) }
    // voice.linexp(0, 2, 30, 18000)
    let cutoff = 30 * pow(600, min(max(voice, 0), 2) / 2)
    smoothers = Self.primes.map { _ in Biquad(.lowPass, freq: cutoff, rate: c.rate) }
    // roomsize 10 × voice.linexp(0, 5, 1, 0.01), revtime 10
    let room = 10 * pow(0.01, min(max(voice, 0), 5) / 5)
    verb = SmallReverb(roomSize: room, revTime: 10, dry: 1, wet: 0.5, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { stereo(SuperPrimes(c), c, ownSeconds: c.sustain) }

  mutating func next() -> (Double, Double) {
    let f = freq * scale.next()
    var x = 0.0
    for k in 0..<9 {
      let before = triggers[k].phase
      _ = triggers[k].step(triggerRates[k] / rate)
      let hit: Double = triggers[k].phase < before ? 1 : 0
      let level = smoothers[k].next(decays[k].next(hit))
      x += sinCycles(oscillators[k].step(f * ratios[k] / rate)) * level
    }
    let (l, r) = verb.next(softclip(x))
    let e = env.next()
    return (fastTanh(l) * e, fastTanh(r) * e)
  }
}

/// superwavemechanics, approximated: white noise through eight narrow resonances at freq ×
/// (3, 5, 8, 9)/8 × a random multiple (drawn once, widened by `detune`, rounded to quarters);
/// `voice` widens them; a big reverb (GVerb in SuperDirt; `resonance` shrinks its room),
/// boosted 55 times into a limiter, then a 30 Hz high-pass; a sine-shaped envelope.
struct SuperWaveMechanics: StereoSource {
  let rate: Double
  let freq: Double
  let centres: [Double]
  let bandwidth: Double
  var scale: LineSegment
  var env: Envelope
  var noise: WhiteNoise
  var resonances: [Biquad]
  var verb: SmallReverb
  var high: (Biquad, Biquad)
  var countdown = 0

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    var random = WhiteNoise(seed: c.seed)
    let detune = min(c.number("detune", 0), 1.5)
    let ratios = [3.0, 5, 8, 9].map { $0 / 8 }
    centres = (0..<8).map { k in
      let i = (random.uniform(0, 4)).rounded(.down)
      let d = (random.uniform(1.6 * i - detune, 1.7 * i + detune) * 4).rounded() / 4
      return ratios[k % 4] * d
    }
    // 0.01 + voice.linexp(0, 1, 1e-3, 1)
    bandwidth = 0.01 + 0.001 * pow(1000, min(max(c.number("voice", 0), 0), 1))
    scale = c.freqScale()
    env = .sine(1, timeScale: c.sustain, rate: c.rate)
    noise = WhiteNoise(seed: c.seed ^ 0x77)
    resonances = centres.map { Biquad(.bandPass, freq: max(c.freq * $0, 1), rq: 0.02, rate: c.rate) }
    // resonance.linexp(0, 1, 99, 0.1)
    let room = 99 * pow(0.1 / 99, min(max(c.number("resonance", 0), 0), 1))
    verb = SmallReverb(roomSize: room, revTime: 10, dry: 1, wet: 0.5, rate: c.rate)
    high = (Biquad(.highPass, freq: 30, rate: c.rate), Biquad(.highPass, freq: 30, rate: c.rate))
  }

  static func make(_ c: SynthControls) -> any SynthVoice { stereo(SuperWaveMechanics(c), c, ownSeconds: c.sustain) }

  mutating func next() -> (Double, Double) {
    let f = freq * scale.next()
    if countdown == 0 {
      for k in 0..<8 where centres[k] > 0 {
        resonances[k].set(freq: f * centres[k], rq: bandwidth, rate: rate)
      }
      countdown = 64
    }
    countdown -= 1
    let n = noise.next() * 0.5
    var x = 0.0
    for k in 0..<8 where centres[k] > 0 { x += resonances[k].next(n) }
    let (l, r) = verb.next(x)
    let e = env.next()
    // Limiter at 1: a soft knee stands in for its look-ahead.
    return (high.0.next(fastTanh(55 * l)) * e, high.1.next(fastTanh(55 * r)) * e)
  }
}
