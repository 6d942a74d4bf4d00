import Controls

/// How much of one voice goes to each of its orbit's buses.
struct OrbitSends: Sendable, Equatable {
  /// The level on the orbit's dry bus.
  var dry: Float
  /// The level into the orbit's delay.
  var delay: Float
  /// The level into the orbit's reverb.
  var reverb: Float
}

/// The orbit-wide effect parameters one event carries; nil fields leave the orbit's current
/// value as it is.
struct OrbitSettings: Sendable, Equatable {
  var delayTime: Double?
  var delayFeedback: Double?
  var lock: Double?
  var cps: Double?
  var size: Double?
}

/// One orbit's global effects as SuperDirt's DirtOrbit runs them: delay and reverb, each fed by
/// its own send bus, one instance per orbit.
struct OrbitEffects {
  init(rate: Double) {}

  /// How much of a voice goes where, read from the event on the caller's thread.
  static func sends(for event: SoundEvent) -> OrbitSends {
    OrbitSends(dry: 1, delay: Float(event.number("delay") ?? 0), reverb: Float(event.number("room") ?? 0))
  }

  /// Global parameters an event carries; nil when it carries none.
  static func settings(for event: SoundEvent) -> OrbitSettings? {
    let s = OrbitSettings(
      delayTime: event.number("delaytime"), delayFeedback: event.number("delayfeedback"),
      lock: event.number("lock"), cps: event.number("cps"), size: event.number("size"))
    return s == OrbitSettings() ? nil : s
  }

  /// Applies settings at a block boundary (audio thread; no allocation).
  mutating func apply(_ settings: OrbitSettings) {}

  /// One block: reads the delay and reverb sends (interleaved stereo, `frames` <= 64) and ADDS
  /// the wet output into `out` (interleaved stereo).
  mutating func process(
    delaySend: UnsafePointer<Float>, reverbSend: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
    frames: Int
  ) {}

  /// True when both effects' tails have decayed below audibility and no input came.
  var isSilent: Bool { true }
}
