import Controls

/// The built-in synths and drums: SuperDirt's instruments ported to Swift, a drum kit under the
/// common Dirt-Samples names, and Tala's own `tick` and `sine`.
enum Synths {
  typealias Maker = @Sendable (SynthControls) -> any SynthVoice

  /// Every built-in synth and drum name (also `Sound.builtIn` in Controls).
  static let names: [String] = entries.map(\.0)

  /// The voice for `event` (its `name` without `:index`; `n`/`note`/`octave`/`sustain`/`legato`/
  /// `delta`/`cps`/`accelerate` and the synth's own parameters read from its controls), or nil
  /// when `name` is not built in.
  static func make(_ name: String, event: SoundEvent, rate: Double) -> (any SynthVoice)? {
    guard rate.isFinite, rate > 0, let maker = makers[name] else { return nil }
    return maker(SynthControls(event, rate: rate))
  }

  /// Whether `name` is built in.
  static func contains(_ name: String) -> Bool { makers[name] != nil }

  private static let makers: [String: Maker] = Dictionary(entries, uniquingKeysWith: { first, _ in first })

  private static let entries: [(String, Maker)] = talaSounds + superDirtSynths + drumKit
}

/// A mono voice of `source` lasting `length` frames (the gate adds SuperDirt's fade-out).
func mono<S: MonoSource>(_ source: S, _ c: SynthControls, ownSeconds: Double? = nil) -> any SynthVoice {
  BlockSynthVoice(MonoSynthVoice(source, length: c.length(ownSeconds: ownSeconds), controls: c))
}

/// A stereo voice of `source`.
func stereo<S: StereoSource>(_ source: S, _ c: SynthControls, ownSeconds: Double? = nil) -> any SynthVoice {
  BlockSynthVoice(StereoSynthVoice(source, length: c.length(ownSeconds: ownSeconds), controls: c))
}
