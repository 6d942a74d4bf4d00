import Controls

#if canImport(Glibc)
  import Glibc
#endif

/// One playing sound, as SuperDirt builds it for an event: a source (a sample read at a speed
/// that may glide, or a synthesized voice), its per-voice effects, an envelope, a gain and a pan,
/// and the orbit it plays on. Built on the caller's thread; the mixer only advances it.
struct Voice {
  /// The sample read, or nil for a synthesized voice.
  let sample: Sample?
  let synth: (any SynthVoice)?
  /// The resampling kernel for the sample's widest increment (nil for a synth), kept alive here,
  /// and what the mixer reads: its table and the sample's memory, raw.
  let kernel: Resampler.Kernel?
  let taps: Resampler.Taps?
  let source: UnsafePointer<Float>?
  /// Floats from one channel of the sample to the next.
  let stride: Int
  /// Source channels: 1 or 2.
  let channels: Int
  /// Read position at the next frame to render, in sample frames as 32.32 fixed point: integer
  /// steps keep the inner loop free of float-to-int conversions, and the position stays exact
  /// however long the sample.
  var position: Int64
  /// Sample frames per output frame at the onset, 32.32 fixed point; negative plays backwards.
  let increment: Int64
  /// `accelerate`: the increment's change per output frame (32.32 as a float), for
  /// `glideFrames` frames, as SuperDirt's `Line` from `speed` to `endSpeed` over the sustain.
  let glide: Double
  let glideFrames: Int64
  /// The part of the sample played, `[lo, hi)` in 32.32 frames.
  let lo: Int64
  let hi: Int64
  /// `loop` above 1: the read wraps around `[lo, hi)` as SuperDirt's phase does.
  let loops: Bool
  var effects: VoiceEffects?
  /// One of the effects is nonlinear: the voice is panned before them (SuperDirt's order).
  let pansFirst: Bool
  /// `effects != nil`, kept apart: the mixer asks every block, and comparing the optional with
  /// nil would copy the whole effects chain.
  let hasEffects: Bool
  /// Output frame of the onset.
  var start: Int64
  /// First output frame after the voice (exclusive).
  var end: Int64
  /// Fade-in runs over `[start, fadeInEnd)`; equal to `start` when there is none.
  var fadeInEnd: Int64
  /// Fade-out runs over `[fadeOutStart, end)`.
  var fadeOutStart: Int64
  /// SuperDirt's `dirt_envelope` (`attack`/`hold`/`release`), when the event asks for it.
  let envelope: DirtEnvelope?
  /// Amplitude times the pan's side gains.
  let left: Float
  let right: Float
  /// The amplitude alone and the pan's side gains alone: with a nonlinear effect (shape,
  /// crush…) the voice is panned before its effects and scaled after them, in SuperDirt's order.
  let amp: Float
  let panLeft: Float
  let panRight: Float
  /// The orbit's index and how much of the voice goes to each of its buses.
  let orbit: Int
  let sends: OrbitSends
  /// The orbit settings this event carries, applied at the block of its onset.
  var settings: OrbitSettings?
  /// SuperDirt's cut group (0: none; negative: only cuts the same sample).
  let cut: Int

  /// The same voice with its onset moved to `frame` (a late event played at once).
  mutating func move(to frame: Int64) {
    let shift = frame - start
    start += shift
    end += shift
    fadeInEnd += shift
    fadeOutStart += shift
  }
}

/// SuperDirt's `dirt_envelope`: `Env.linen(attack, hold, release)` with curve -3, running from
/// the onset (times in output frames; `release` infinite when not given).
struct DirtEnvelope {
  let attack: Double
  let hold: Double
  let release: Double
  /// SuperDirt's `curve` (default -3: fast rise, fast fall); 0 is linear.
  let curve: Double
  /// `1 - e^curve`, the curve's normaliser.
  let span: Double

  init(attack: Double, hold: Double, release: Double, curve: Double) {
    self.attack = attack
    self.hold = hold
    self.release = release
    self.curve = curve
    span = 1 - exp(curve)
  }

  /// Frames after which the envelope stays at 0.
  var length: Double { attack + hold + release }

  /// The level `frames` after the onset.
  func level(_ frames: Double) -> Float {
    if frames < attack { return Float(shape(frames / attack)) }
    let t = frames - attack - hold
    if t < 0 { return 1 }
    if t >= release { return 0 }
    if release == .infinity { return 1 }
    return Float(1 - shape(t / release))
  }

  /// SuperCollider's curved segment from 0 to 1 at position `p` (0…1).
  private func shape(_ p: Double) -> Double {
    abs(curve) < 1e-3 ? p : (1 - exp(curve * p)) / span
  }
}

/// Why an event makes no voice.
enum VoiceRefusal: Error {
  case unknownSound(String)
  case silent
}

/// SuperDirt's control semantics (its `DirtEvent` and core synths), turned into a `Voice` (see
/// `docs/ARCHITECTURE.md`, Audio).
enum VoiceBuilder {
  /// SuperDirt's default `amp`: a gain of 1 plays at 0.4 of full scale.
  static let defaultAmp = 0.4
  /// SuperDirt's default `fadeTime`: 1 ms, at most 19.1 % of the sound.
  static let fadeSeconds = 0.001
  /// Orbits the engine runs (SuperDirt starts with as many as asked; Tala keeps 12 ready).
  static let orbits = 12

  static func voice(
    for event: AudioEvent, at frame: Int64, bank: SoundBank, rate: Double
  ) throws(VoiceRefusal) -> Voice {
    let sound = event.sound
    let number = sound.number
    var name = sound.name
    var index = number("n")
    // `s "bd:3"` as SuperDirt splits it, when `n` is not given separately.
    if let colon = name.firstIndex(of: ":") {
      if index == nil { index = Double(name[name.index(after: colon)...]) }
      name = String(name[..<colon])
    }
    // Samples are transposed by `note` (or `up`) and `octave`, as SuperDirt's DirtEvent does.
    let note = (number("note") ?? number("up") ?? 0) + ((number("octave") ?? 5) - 5) * 12
    // A sample folder wins over a built-in synth of the same name.
    let variants = bank.variants(name)
    if variants.isEmpty, rate == bank.outputRate, let drum = bank.kitDrum(name, n: index ?? 0) {
      return try voice(sample: drum, note: note, event: sound, at: frame, rate: rate)
    }
    if variants.isEmpty, let synth = Synths.make(name, event: sound, rate: rate) {
      return try voice(synth: synth, event: sound, at: frame, rate: rate)
    }
    guard !variants.isEmpty else { throw .unknownSound(name) }
    let i = Int((index ?? 0).rounded(.down)) % variants.count
    // At the output's rate (converted once and kept), so unpitched playback is a copy.
    let sample = variants[i < 0 ? i + variants.count : i].at(rate: rate)
    return try voice(sample: sample, note: note, event: sound, at: frame, rate: rate)
  }

  /// A sample voice, timed as SuperDirt's `DirtEvent.calcTimeSpan` times it.
  static func voice(
    sample: Sample, note: Double, event: SoundEvent, at frame: Int64, rate: Double
  ) throws(VoiceRefusal) -> Voice {
    let number = event.number
    guard sample.frameCount > 0 else { throw .silent }
    // Pitch as a rate ratio (SuperDirt: freq / 60.midicps).
    let pitch = pow(2, note / 12)
    var speed = number("speed") ?? 1
    var begin = min(max(number("begin") ?? 0, 0), 1)
    var end = min(max(number("end") ?? 1, 0), 1)
    if speed < 0 { swap(&begin, &end) }
    let length = abs(end - begin)
    let duration = Double(sample.frameCount) / sample.rate
    // How long the whole sample lasts at this pitch, before `speed`.
    var unitDuration = duration / pitch
    let unit = event.controls["unit"]?.getS ?? "r"
    if unit == "c" { speed *= (number("cps") ?? 1) * unitDuration }
    let accelerate = number("accelerate")
    let endSpeed = speed * (1 + (accelerate ?? 0))
    let averageSpeed = accelerate == nil ? abs(speed) : (abs(speed) + abs(endSpeed)) / 2
    switch unit {
    case "s": unitDuration = length
    default: unitDuration = averageSpeed > 0 ? unitDuration * length / averageSpeed : .infinity
    }
    let loop = number("loop") ?? 1
    var sustain: Double
    if let given = number("sustain") {
      sustain = given
    } else if let legato = number("legato"), let delta = number("delta") {
      sustain = delta * legato
    } else {
      unitDuration *= abs(loop)
      sustain = unitDuration
    }
    sustain = min(sustain, unitDuration)
    // SuperDirt drops sounds shorter than 8 samples (its `minSustain`).
    // Tala plays a sound for at most a day; longer asks (`loop 1e15`) are refused as silent.
    guard sustain.isFinite, sustain >= 8 / rate, sustain <= 86_400 else { throw .silent }
    let frames = Int64((sustain * rate).rounded())
    let fade = min(fadeSeconds, sustain * 0.190_98)
    let fadeIn = begin != 0 ? fade : 0

    // Positions in 32.32 fixed point; the last read stays inside [lo, hi).
    let one: Int64 = 1 << 32
    let lo = Int64((Double(sample.frameCount) * min(begin, end)).rounded(.down)) << 32
    let hi = Int64((Double(sample.frameCount) * max(begin, end)).rounded(.down)) << 32
    guard hi - lo >= one else { throw .silent }
    let scale = pitch * sample.rate / rate * Double(one)
    let startStep = speed * scale
    let endStep = endSpeed * scale
    guard startStep.isFinite, endStep.isFinite, abs(startStep) < 65_536 * Double(one),
      abs(endStep) < 65_536 * Double(one), startStep.rounded() != 0
    else { throw .silent }
    // The glide runs over SuperDirt's inner sustain (without the fades).
    let glideFrames = max(1, Int64(((sustain - fade - fadeIn) * rate).rounded()))
    let step = Int64(startStep.rounded())
    let kernel = Resampler.kernel(forIncrement: max(abs(startStep), abs(endStep)) / Double(one))
    return Voice(
      sample: sample, synth: nil,
      kernel: kernel, taps: Resampler.Taps(kernel), source: sample.start, stride: sample.stride,
      channels: sample.channels, position: step > 0 ? lo : hi - one,
      increment: step, glide: accelerate == nil ? 0 : (endStep - startStep) / Double(glideFrames),
      glideFrames: glideFrames, lo: lo, hi: hi, loops: abs(loop) > 1, effects: VoiceEffects(event, rate: rate),
      pansFirst: false, hasEffects: false,
      start: frame, end: frame + frames, fadeInEnd: frame + Int64((fadeIn * rate).rounded()),
      fadeOutStart: frame + frames - Int64((fade * rate).rounded()), envelope: envelope(event, rate: rate),
      left: 0, right: 0, amp: 0, panLeft: 0, panRight: 0, orbit: 0, sends: OrbitSends(dry: 1, delay: 0, reverb: 0),
      settings: nil, cut: 0
    ).placed(event)
  }

  /// A synthesized voice: it lasts `length` frames, which already hold SuperDirt's sustain and
  /// its gate's fade-out (the synth applies that fade itself; the drum kit plays to its own end,
  /// like a sample).
  static func voice(
    synth: any SynthVoice, event: SoundEvent, at frame: Int64, rate: Double
  ) throws(VoiceRefusal) -> Voice {
    let frames = synth.length
    // SuperDirt drops sounds shorter than 8 samples (its `minSustain`).
    guard frames >= 8 else { throw .silent }
    return Voice(
      sample: nil, synth: synth, kernel: nil, taps: nil, source: nil, stride: 0, channels: synth.channels, position: 0,
      increment: 0, glide: 0,
      glideFrames: 0, lo: 0, hi: 0, loops: false, effects: VoiceEffects(event, rate: rate), pansFirst: false,
      hasEffects: false,
      start: frame,
      end: frame + frames, fadeInEnd: frame, fadeOutStart: frame + frames, envelope: envelope(event, rate: rate),
      left: 0, right: 0, amp: 0, panLeft: 0, panRight: 0, orbit: 0, sends: OrbitSends(dry: 1, delay: 0, reverb: 0),
      settings: nil, cut: 0
    ).placed(event)
  }

  /// SuperDirt's `dirt_envelope`, used when `attack` or `release` is given.
  static func envelope(_ event: SoundEvent, rate: Double) -> DirtEnvelope? {
    let attack = event.number("attack")
    let release = event.number("release")
    guard attack != nil || release != nil else { return nil }
    return DirtEnvelope(
      attack: max(0, attack ?? 0) * rate, hold: max(0, event.number("hold") ?? 0) * rate,
      release: release.map { max(0, $0) * rate } ?? .infinity, curve: min(max(event.number("curve") ?? -3, -50), 50))
  }

  /// The gain (SuperDirt's `dirt_gate`: amp · (min(gain, 2) + overgain)⁴), pan (`DirtPan`), orbit,
  /// sends and cut group of `event`.
  static func gains(_ event: SoundEvent) -> (amp: Float, left: Float, right: Float) {
    let number = event.number
    let gain = number("gain") ?? 1
    let amp = (number("amp") ?? defaultAmp) * pow(max(0, min(gain, 2) + (number("overgain") ?? 0)), 4)
    // Tidal's 0…1 becomes -1…1 and folds back at the ends, as DirtPan's stereo panner does; the
    // side gains are Pan2's for a mono source and Balance2's (the same gains, one per side) for
    // a stereo one.
    let pan = fold((number("pan") ?? 0.5) * 2 - 1)
    let angle = (pan + 1) * Double.pi / 4
    return (Float(amp), Float(cos(angle)), Float(sin(angle)))
  }

  /// `x` folded into -1…1 (SuperCollider's `fold`).
  static func fold(_ x: Double) -> Double {
    guard x.isFinite else { return 0 }
    if x >= -1 && x <= 1 { return x }
    let period = 4.0
    var y = (x + 1).truncatingRemainder(dividingBy: period)
    if y < 0 { y += period }
    return y <= 2 ? y - 1 : 3 - y
  }
}

extension Voice {
  /// This voice with the gains, orbit, sends, orbit settings and cut group `event` asks for.
  fileprivate func placed(_ event: SoundEvent) -> Voice {
    let (amp, l, r) = VoiceBuilder.gains(event)
    let o = Int(max(0, min(event.number("orbit") ?? 0, 1e9)))
    return Voice(
      sample: sample, synth: synth, kernel: kernel, taps: taps, source: source, stride: stride, channels: channels,
      position: position, increment: increment,
      glide: glide,
      glideFrames: glideFrames, lo: lo, hi: hi, loops: loops, effects: effects,
      pansFirst: effects.map { !$0.isLinear } ?? false, hasEffects: effects != nil, start: start, end: end,
      fadeInEnd: fadeInEnd, fadeOutStart: fadeOutStart, envelope: envelope, left: amp * l, right: amp * r,
      amp: amp, panLeft: l, panRight: r,
      orbit: o % VoiceBuilder.orbits, sends: OrbitEffects.sends(for: event),
      settings: OrbitEffects.settings(for: event), cut: Int(max(min(event.number("cut") ?? 0, 1e9), -1e9)))
  }
}
