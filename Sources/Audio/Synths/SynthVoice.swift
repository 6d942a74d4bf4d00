import Controls

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A synthesized instrument or drum voice: renders its own sound block by block on the audio
/// thread. Made on the caller's thread from the event's controls.
protocol SynthVoice: AnyObject {
  /// 1 or 2.
  var channels: Int { get }
  /// Total length in output frames (where its own envelope ends, as SuperDirt frees it).
  var length: Int64 { get }
  /// Writes (overwrites) the next `frames` (<= 64) frames into `left`, and `right` when
  /// `channels == 2`.
  func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frames: Int)
  /// True for the built-in drum kit, which plays like a sample: to its own end, cut only by an
  /// explicit `sustain` or `legato` (already in `length`), never by the event's `delta`. For
  /// every voice `length` already includes SuperDirt's gate, so a caller may simply play
  /// `length` frames.
  var playsLikeASample: Bool { get }
}

extension SynthVoice {
  var playsLikeASample: Bool { false }
}

/// The controls a synth reads, resolved as SuperDirt's DirtEvent resolves them before it starts
/// a synth: pitch from `note` (or `n`) and `octave`, `sustain` from `sustain`, `legato` × `delta`
/// or `delta`, and the `speed`/`accelerate` pitch ramp.
struct SynthControls {
  let event: SoundEvent
  let rate: Double
  /// `n` as the synth's own argument (drum synths use it raw); 0 when absent.
  let n: Double
  /// SuperDirt's `midinote`: `note` if given, else `n`, plus `octave` × 12 (octave 5: note 0
  /// is middle C, MIDI 60).
  let midinote: Double
  /// `midicps(midinote)`.
  let freq: Double
  /// The `sustain` SuperDirt hands the synth: the event's duration less the gate's fade-out.
  let sustain: Double
  /// When SuperDirt's gate frees the synth: `sustain` plus the fade-out, in seconds.
  let gateSeconds: Double
  /// The gate's fade-out, seconds (SuperDirt's `fadeTime`, 1 ms, at most 19% of the event).
  let fadeSeconds: Double
  let speed: Double
  let accelerate: Double
  /// `sustain`, or `legato` × `delta`, when the event gives them: what cuts a sample short (a
  /// sample otherwise plays to its end, and so does a drum of the built-in kit).
  let explicitSustain: Double?
  /// How much faster than written a drum of the built-in kit plays, as a sample would:
  /// `|speed|` × 2^(`note`/12), `octave` shifting by octaves (`n` picks the variant instead);
  /// `accelerate` ramps it further over the sound.
  let playbackRate: Double
  /// A seed for the voice's noise, the same for the same event (renders repeat exactly).
  let seed: UInt64

  init(_ event: SoundEvent, rate: Double) {
    self.event = event
    self.rate = rate
    var index = event.number("n")
    if index == nil, let colon = event.name.firstIndex(of: ":") {
      index = Double(event.name[event.name.index(after: colon)...])
    }
    n = index ?? 0
    let octave = event.number("octave") ?? 5
    midinote = (event.number("note") ?? n) + octave * 12
    freq = midicps(midinote)
    var total = event.number("sustain")
    // SuperDirt's `delta` defaults to its `dur`, one second.
    if total == nil, let legato = event.number("legato") { total = legato * (event.number("delta") ?? 1) }
    explicitSustain = total.map { min(max($0, 8 / rate), 3600) }
    // SuperDirt: otherwise `delta`, times `loop`'s magnitude when given.
    if total == nil, let delta = event.number("delta") { total = delta * abs(event.number("loop") ?? 1) }
    // SuperDirt's default `dur` is one second; a synth needs at least a few frames.
    let whole = min(max(total ?? 1, 8 / rate), 3600)
    fadeSeconds = min(0.001, whole * 0.190_98)
    sustain = whole - fadeSeconds
    gateSeconds = whole
    speed = event.number("speed") ?? 1
    accelerate = event.number("accelerate") ?? 0
    let semitones = (event.number("note") ?? 0) + (octave - 5) * 12
    playbackRate = min(max(abs(speed) * pow(2, semitones / 12), 1.0 / 64), 64)
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in event.name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
    h = (h ^ (event.number("note") ?? 0).bitPattern) &* 0x100_0000_01B3
    seed = h | 1
  }

  /// A control of the synth's own (`voice`, `decay`, `rate`…), or `fallback` when absent.
  func number(_ key: String, _ fallback: Double) -> Double { event.number(key) ?? fallback }

  /// SuperDirt's DirtFreqScale: the pitch factor `|speed|` ramping to `|speed| × (1 + accelerate)`
  /// over `seconds` (the synth's sustain unless it says otherwise), then holding.
  func freqScale(over seconds: Double? = nil) -> LineSegment {
    let s = abs(speed)
    return LineSegment(s, s * (1 + accelerate), seconds: seconds ?? sustain, rate: rate)
  }

  /// Frames until SuperDirt's gate frees the voice, or sooner when its own envelope ends first.
  func length(ownSeconds: Double? = nil) -> Int64 {
    let seconds = min(gateSeconds, ownSeconds ?? .infinity)
    return max(1, Int64((seconds * rate).rounded()))
  }
}

/// One sample at a time of a mono synth's signal graph.
protocol MonoSource {
  mutating func next() -> Double
}

/// One sample at a time of a stereo synth's signal graph.
protocol StereoSource {
  mutating func next() -> (Double, Double)
}

/// The gate around every synth: silence after `length`, a short sine fade-out before it (as
/// SuperDirt's `dirt_gate` ends a synth), and non-finite samples replaced by silence.
struct SynthGate {
  let length: Int64
  let fadeStart: Int64
  let fadeFrames: Double
  var frame: Int64 = 0

  init(length: Int64, fadeSeconds: Double, rate: Double) {
    self.length = length
    let fade = max(1, min(Int64((fadeSeconds * rate).rounded()), length))
    fadeStart = length - fade
    fadeFrames = Double(fade)
  }

  @inline(__always) mutating func next() -> Double {
    defer { frame += 1 }
    if frame < fadeStart { return 1 }
    if frame >= length { return 0 }
    let x = Double(length - frame) / fadeFrames
    return 0.5 - 0.5 * cos(.pi * x)
  }

  @inline(__always) static func clean(_ x: Double) -> Float {
    guard x.isFinite else { return 0 }
    return Float(min(max(x, -8), 8))
  }
}

/// What the mixer holds: a non-generic voice whose render closure was made where the synth's
/// type is known. (A generic class's methods reached through `any SynthVoice` run unspecialized,
/// stepping the source through witness tables every sample; the closure formed inside the
/// specialized `mono`/`stereo` calls the specialized render directly, once per block.)
final class BlockSynthVoice: SynthVoice {
  let channels: Int
  let length: Int64
  let playsLikeASample: Bool
  private let block: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void

  init<S: MonoSource>(_ voice: MonoSynthVoice<S>) {
    channels = 1
    length = voice.length
    playsLikeASample = voice.playsLikeASample
    block = { left, right, frames in voice.render(left: left, right: right, frames: frames) }
  }

  init<S: StereoSource>(_ voice: StereoSynthVoice<S>) {
    channels = 2
    length = voice.length
    playsLikeASample = false
    block = { left, right, frames in voice.render(left: left, right: right, frames: frames) }
  }

  func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frames: Int) {
    block(left, right, frames)
  }
}

/// A mono synth voice around a source struct (specialized per synth: no dynamic calls per sample).
final class MonoSynthVoice<Source: MonoSource>: SynthVoice {
  // Only the audio thread touches these after `init`; skipping the dynamic exclusivity check
  // per sample halves the cost of a cheap voice.
  @exclusivity(unchecked) var source: Source
  @exclusivity(unchecked) var gate: SynthGate
  let channels = 1
  let playsLikeASample: Bool
  var length: Int64 { gate.length }

  init(_ source: Source, length: Int64, controls: SynthControls, playsLikeASample: Bool = false) {
    self.playsLikeASample = playsLikeASample
    self.source = source
    gate = SynthGate(length: length, fadeSeconds: controls.fadeSeconds, rate: controls.rate)
  }

  func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frames: Int) {
    if gate.frame + Int64(frames) <= gate.fadeStart {
      // The whole block before the gate's fade: its gain is 1 throughout.
      for i in 0..<frames { left[i] = SynthGate.clean(source.next()) }
      gate.frame += Int64(frames)
      return
    }
    for i in 0..<frames {
      if gate.frame >= gate.length {
        left[i] = 0
        gate.frame += 1
        continue
      }
      let g = gate.next()
      left[i] = SynthGate.clean(source.next() * g)
    }
  }
}

/// A stereo synth voice around a source struct.
final class StereoSynthVoice<Source: StereoSource>: SynthVoice {
  @exclusivity(unchecked) var source: Source
  @exclusivity(unchecked) var gate: SynthGate
  let channels = 2
  var length: Int64 { gate.length }

  init(_ source: Source, length: Int64, controls: SynthControls) {
    self.source = source
    gate = SynthGate(length: length, fadeSeconds: controls.fadeSeconds, rate: controls.rate)
  }

  func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frames: Int) {
    if gate.frame + Int64(frames) <= gate.fadeStart {
      // The whole block before the gate's fade: its gain is 1 throughout.
      for i in 0..<frames {
        let (l, r) = source.next()
        left[i] = SynthGate.clean(l)
        right[i] = SynthGate.clean(r)
      }
      gate.frame += Int64(frames)
      return
    }
    for i in 0..<frames {
      if gate.frame >= gate.length {
        left[i] = 0
        right[i] = 0
        gate.frame += 1
        continue
      }
      let g = gate.next()
      let (l, r) = source.next()
      left[i] = SynthGate.clean(l * g)
      right[i] = SynthGate.clean(r * g)
    }
  }
}
