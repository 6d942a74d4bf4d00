/// The type of a control's values, as Tidal's `Params.hs` declares them.
public enum ControlType: String, Sendable, CaseIterable {
  case float, int, string, note, rational, bool

  /// Tidal's name of the pattern type a control of this type takes (`Pattern Double`, …).
  public var patternType: String {
    switch self {
    case .float: "Pattern Double"
    case .int: "Pattern Int"
    case .string: "Pattern String"
    case .note: "Pattern Note"
    case .rational: "Pattern Rational"
    case .bool: "Pattern Bool"
    }
  }
}

/// One control a performer can type: its name, the key it sets in the control map (an alias
/// such as `lpf` sets `cutoff`), the type of its values and what it does.
public struct Param: Sendable, Hashable {
  public let name: String
  public let key: String
  public let type: ControlType
  public let help: String

  public init(_ name: String, key: String? = nil, _ type: ControlType, _ help: String) {
    self.name = name
    self.key = key ?? name
    self.type = type
    self.help = help
  }

  /// Whether this name is another name for a control (`lpf` for `cutoff`).
  public var isAlias: Bool { name != key }
}

/// Tidal's params: the vocabulary of controls, one table. Functions, `:help` and completion are
/// made from it. `s`/`sound` are not here: they split `bd:3` into two controls (`Sound`).
public enum Params {
  public static let all: [Param] = [
    Param("gain", .float, "Volume (1 is unchanged)."),
    Param("pan", .float, "Stereo position, 0 (left) to 1 (right)."),
    Param("speed", .float, "Playback speed (negative plays backwards)."),
    Param("begin", .float, "Where playback starts in the sample, 0 to 1."),
    Param("end", .float, "Where playback ends in the sample, 0 to 1."),
    Param("legato", .float, "Note length relative to the event's duration."),
    Param("sustain", .float, "Note length in seconds."),
    Param("room", .float, "Reverb amount."),
    Param("size", .float, "Reverb room size."),
    Param("shape", .float, "Wave-shaping distortion, 0 to 1."),
    Param("crush", .float, "Bit-crushing: bits of resolution."),
    Param("coarse", .float, "Sample-rate reduction factor."),
    Param("cutoff", .float, "Low-pass filter cutoff (Hz)."),
    Param("resonance", .float, "Low-pass filter resonance."),
    Param("hcutoff", .float, "High-pass filter cutoff (Hz)."),
    Param("delay", .float, "Delay send level."),
    Param("delaytime", .float, "Delay time."),
    Param("delayfeedback", .float, "Delay feedback."),
    Param("accelerate", .float, "Speed change over the sound's duration."),
    Param("cps", .float, "Cycles per second for this event."),
    Param("squiz", .float, "Pitch-raising distortion."),
    Param("lpf", key: "cutoff", .float, "Low-pass filter cutoff (Hz); the same as `cutoff`."),
    Param("hpf", key: "hcutoff", .float, "High-pass filter cutoff (Hz); the same as `hcutoff`."),
    Param("cut", .int, "Cut group: a new sound stops others in the group."),
    Param("orbit", .int, "Effect bus (orbit) number."),
    Param("vowel", .string, "Formant filter vowel: a e i o u."),
    Param("unit", .string, "Unit of `speed`: r (rate) or c (cycles)."),
    Param("n", .note, "Sample number or note number."),
    Param("note", .note, "Note number (semitones from c5)."),
    Param("up", key: "note", .note, "The same as `note`."),
  ]

  /// The param called `name`, if any.
  public static func named(_ name: String) -> Param? { byName[name] }

  private static let byName: [String: Param] = Dictionary(all.map { ($0.name, $0) }) { a, _ in a }
}
