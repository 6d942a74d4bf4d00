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

  /// The drum kit's names: drums that play like samples (`n` picks a variant; `speed`, `note`
  /// and `accelerate` change their rate as they would a recording's).
  static let kitNames: Set<String> = Set(drumKit.map(\.0))

  /// Variant `n` of kit drum `name`, synthesized once at `rate` as a sample. A kit drum's sound
  /// depends on nothing but its variant, so the engine keeps these (``SoundBank``) and plays
  /// them through the sample path: each further hit is a copy, or a band-limited resampling
  /// when pitched, instead of running the drum's oscillators and filters again.
  static func renderKitDrum(_ name: String, n: Double, rate: Double) -> Sample? {
    guard kitNames.contains(name), rate.isFinite, rate > 0,
      let voice = make(name, event: SoundEvent(name, controls: ["n": .float(n)]), rate: rate)
    else { return nil }
    let count = Int(voice.length)
    var left = [Float](repeating: 0, count: count)
    // A mono drum leaves the right channel alone; a stereo one writes it.
    var right = [Float](repeating: 0, count: voice.channels == 2 ? count : 64)
    var done = 0
    left.withUnsafeMutableBufferPointer { l in
      right.withUnsafeMutableBufferPointer { r in
        while done < count {
          let k = min(64, count - done)
          voice.render(left: l.baseAddress! + done, right: r.baseAddress! + (voice.channels == 2 ? done : 0), frames: k)
          done += k
        }
      }
    }
    let planes = voice.channels == 2 ? [left, right] : [left]
    return Sample(name: name, channels: planes, rate: rate)
  }

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
