import Controls

/// How much of one voice goes to each of its orbit's buses.
///
/// `delay` is the event's `delay` (SuperDirt's delayAmp, which scales the delay's whole output,
/// its pass-through included), `reverb` is `room · (1 − dry)`
/// (SuperDirt scales the reverb's input by `room` and its output by `1 − dry`), and `dry` is
/// always 1: SuperDirt never turns the dry bus down.
struct OrbitSends: Sendable, Equatable {
  /// The level on the orbit's dry bus.
  var dry: Float
  /// The level into the orbit's delay.
  var delay: Float
  /// The level into the orbit's reverb.
  var reverb: Float
}

/// The orbit-wide effect parameters one event carries. A nil field leaves the orbit's value as
/// it is; `lock` is 0 when the event has none, as SuperDirt's orbit defaults it for every event.
struct OrbitSettings: Sendable, Equatable {
  var delayTime: Double?
  var delayFeedback: Double?
  var lock: Double = 0
  var cps: Double?
  var size: Double?
}

/// One orbit's global effects as SuperDirt's DirtOrbit runs them: delay and reverb, each fed by
/// its own send bus, one instance per orbit.
struct OrbitEffects: Sendable {
  var delay: OrbitDelay
  var reverb: OrbitReverb
  /// Frames since the last block with input or with wet output above −100 dB, per effect.
  var quietDelayFrames = Int.max / 2
  var quietReverbFrames = Int.max / 2

  init(rate: Double) {
    delay = OrbitDelay(rate: rate)
    reverb = OrbitReverb(rate: rate)
  }

  /// How much of a voice goes where, read from the event on the caller's thread.
  static func sends(for event: SoundEvent) -> OrbitSends {
    func level(_ key: String) -> Float {
      guard let v = event.number(key) else { return 0 }
      return Float(v)
    }
    let dry = event.number("dry") ?? 0
    return OrbitSends(dry: 1, delay: level("delay"), reverb: level("room") * Float(1 - dry))
  }

  /// Global parameters an event carries (`delaytime`, `delayfeedback`, `lock`, `cps`, `size`);
  /// nil when it carries none.
  static func settings(for event: SoundEvent) -> OrbitSettings? {
    let keys = ["delaytime", "delayfeedback", "lock", "cps", "size"]
    guard keys.contains(where: { event.number($0) != nil }) else { return nil }
    return OrbitSettings(
      delayTime: event.number("delaytime"), delayFeedback: event.number("delayfeedback"),
      lock: event.number("lock") ?? 0, cps: event.number("cps"), size: event.number("size"))
  }

  /// Applies settings at a block boundary (audio thread; no allocation).
  mutating func apply(_ settings: OrbitSettings) {
    if let t = settings.delayTime { delay.delayTime = t }
    if let f = settings.delayFeedback { delay.feedback = f }
    delay.lock = settings.lock
    if let c = settings.cps { delay.cps = c }
    if let s = settings.size { reverb.setSize(s) }
  }

  /// One block: reads the delay and reverb sends (interleaved stereo, `frames` <= 64) and ADDS
  /// the wet output into `out` (interleaved stereo).
  mutating func process(
    delaySend: UnsafePointer<Float>, reverbSend: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
    frames: Int
  ) {
    // Longer blocks than agreed are split rather than overrunning the scratch buffer.
    var done = 0
    while done < frames {
      let n = min(frames - done, AudioBlockFrames.max)
      processBlock(delaySend + 2 * done, reverbSend + 2 * done, out + 2 * done, n)
      done += n
    }
  }

  private mutating func processBlock(
    _ delaySend: UnsafePointer<Float>, _ reverbSend: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
    _ frames: Int
  ) {
    var delayInput: Float = 0
    var reverbInput: Float = 0
    for i in 0..<(2 * frames) {
      delayInput = max(delayInput, abs(delaySend[i]))
      reverbInput = max(reverbInput, abs(reverbSend[i]))
    }
    // Each effect runs while it has input or an audible tail: an orbit fed only its delay does
    // not pay for a reverb that holds nothing (SuperDirt likewise pauses a global effect that
    // has nothing to do).
    let runDelay = delayInput > 0 || quietDelayFrames <= delay.quietWindow
    let runReverb = reverbInput > 0 || quietReverbFrames <= reverb.quietWindow
    withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * AudioBlockFrames.max) { buffer in
      let wet = buffer.baseAddress!
      if runDelay {
        wet.initialize(repeating: 0, count: 2 * frames)
        delay.process(delaySend, into: wet, frames: frames)
        Self.mix(wet, into: out, frames: frames, input: delayInput, quiet: &quietDelayFrames)
      }
      if runReverb {
        wet.initialize(repeating: 0, count: 2 * frames)
        reverb.process(reverbSend, into: wet, frames: frames)
        Self.mix(wet, into: out, frames: frames, input: reverbInput, quiet: &quietReverbFrames)
      }
    }
  }

  /// Adds one effect's wet block to `out` and counts how long the effect has been quiet.
  private static func mix(
    _ wet: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>, frames: Int, input: Float,
    quiet: inout Int
  ) {
    var peak: Float = 0
    for i in 0..<(2 * frames) {
      peak = max(peak, abs(wet[i]))
      out[i] += wet[i]
    }
    if input > 0 || peak > 1e-5 {
      quiet = 0
    } else if quiet < Int.max / 2 {
      quiet += frames
    }
  }

  /// True when both effects' tails have decayed below audibility and no input came (the mixer
  /// may skip the orbit).
  var isSilent: Bool {
    quietDelayFrames > delay.quietWindow && quietReverbFrames > reverb.quietWindow
  }
}

/// The largest block the effects process (scsynth's control block).
enum AudioBlockFrames {
  static let max = 64
}
