import Controls

#if canImport(Glibc)
  import Glibc
#endif

/// The per-voice effects an event asks for, in SuperDirt's module order. Built on the caller's
/// thread from the event's controls; processing never allocates.
struct VoiceEffects {
  /// `shape` (SuperDirt's dirt_shape).
  var shape: Shape?
  /// `cutoff` + `resonance` (dirt_lpf).
  var lowPass: TwoPole?

  /// nil when the event asks for none of them (a dry voice costs nothing).
  init?(_ event: SoundEvent, rate: Double) {
    if let amount = event.number("shape") { shape = Shape(amount) }
    if let cutoff = event.number("cutoff") {
      let resonance = event.number("resonance") ?? 0
      lowPass = .lowPass(abs(cutoff), rq: Self.rq(resonance), rate: rate)
    }
    if shape == nil && lowPass == nil { return nil }
  }

  /// SuperDirt's resonance mapping for RLPF/RHPF: `resonance.linexp(0, 1, 1, 0.001)`, which
  /// clips resonance to 0…1 and maps it to a reciprocal Q from 1 down to 0.001.
  static func rq(_ resonance: Double) -> Double {
    let r = min(max(resonance, 0), 1)
    return pow(0.001, r)
  }

  /// Processes the voice's next `frames` (<= 64) frames in place, planar: `left`, and `right`
  /// when `channels == 2`.
  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    shape?.process(left: left, right: right, channels: channels, frames: frames)
    lowPass?.process(left: left, right: right, channels: channels, frames: frames)
  }
}
