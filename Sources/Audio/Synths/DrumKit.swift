#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tala's drum kit under the common Dirt-Samples folder names, synthesized so a set of `bd sn
/// hh` sounds with nothing installed. A sample folder of the same name wins over these.
let drumKit: [(String, Synths.Maker)] = [
  ("bd", { c in Kick.make(c) }),
  ("sn", { c in SuperSnare.make(c) }),
  ("hh", { c in SuperHat.make(c) }),
  ("oh", { c in SuperHat.make(c) }),
  ("cp", { c in SuperClap.make(c) }),
]

/// A bass drum: a sine falling from a higher pitch onto its note, with a click.
struct Kick: MonoSource {
  let rate: Double
  var t = 0.0

  init(_ c: SynthControls) { rate = c.rate }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(Kick(c), c, ownSeconds: 0.5) }

  mutating func next() -> Double {
    defer { t += 1 / rate }
    let phase = 2 * .pi * (50 * t + 100 * 0.03 * (1 - exp(-t / 0.03)))
    return cos(phase) * exp(-t / 0.15)
  }
}
