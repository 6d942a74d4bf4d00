import Controls

// Stand-ins for the interfaces of branches `fx` and `synths` (see /work/prompts/interfaces.md),
// so the pipeline builds before they are merged. Deleted at the merge that brings each one.

/// Send levels of one voice onto its orbit's buses.
struct OrbitSends: Sendable, Equatable {
  var dry: Float = 1
  var delay: Float = 0
  var reverb: Float = 0
}

/// Global parameters an event carries.
struct OrbitSettings: Sendable, Equatable {}

/// One orbit's global effects (stand-in: none).
struct OrbitEffects {
  init(rate: Double) {}
  static func sends(for event: SoundEvent) -> OrbitSends { OrbitSends() }
  static func settings(for event: SoundEvent) -> OrbitSettings? { nil }
  mutating func apply(_ settings: OrbitSettings) {}
  mutating func process(
    delaySend: UnsafePointer<Float>, reverbSend: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
    frames: Int
  ) {}
  var isSilent: Bool { true }
}

/// The per-voice effects (stand-in: none).
struct VoiceEffects {
  init?(_ event: SoundEvent, rate: Double) { return nil }
  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {}
}

/// A synthesized voice.
protocol SynthVoice: AnyObject {
  var channels: Int { get }
  var length: Int64 { get }
  func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frames: Int)
}

/// The built-in synths (stand-in: none yet).
enum Synths {
  static let names: [String] = []
  static func make(_ name: String, event: SoundEvent, rate: Double) -> (any SynthVoice)? { nil }
}
