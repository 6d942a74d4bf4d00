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

  /// Tidal's param maker for this type (`pF`, `pI`, …).
  public var maker: String {
    switch self {
    case .float: "pF"
    case .int: "pI"
    case .string: "pS"
    case .note: "pN"
    case .rational: "pR"
    case .bool: "pB"
    }
  }
}

/// One control a performer can type: its name, the key it sets in the control map (an alias
/// such as `lpf` sets `cutoff`), the type of its values and how a value becomes controls.
public struct Param: Sendable, Hashable {
  /// How one value of the pattern becomes controls.
  public enum Form: Sendable, Hashable {
    /// The value, as `type`, under `key`.
    case plain
    /// A string split at colons, each part read as the next key's type (Tidal's `grp`):
    /// `sound "bd:3"` sets `s` to bd and `n` to 3.0. A part that does not read is left out.
    case grouped([Part])
    /// A MIDI note number: `note` set to the value minus 60.
    case midinote
    /// A drum name (`bd`, `sn`, Tidal's `drumN`): `n` set to its General MIDI number minus 60.
    case drum
  }

  /// One key of a grouped control.
  public struct Part: Sendable, Hashable {
    public let key: String
    public let type: ControlType
    public init(_ key: String, _ type: ControlType) {
      self.key = key
      self.type = type
    }
  }

  public let name: String
  /// The key a plain control sets; for other forms, the name.
  public let key: String
  /// The type of the pattern the control takes.
  public let type: ControlType
  public let form: Form
  /// The name this one stands for (`lpf` for `cutoff`), as Tidal defines it (`lpf = cutoff`).
  public let aliasOf: String?

  public init(_ name: String, key: String? = nil, _ type: ControlType, form: Form = .plain, aliasOf: String? = nil) {
    self.name = name
    self.key = key ?? name
    self.type = type
    self.form = form
    self.aliasOf = aliasOf
  }

  /// Whether this name is another name for a control (`lpf` for `cutoff`).
  public var isAlias: Bool { aliasOf != nil }

  /// The keys the control can set.
  public var keys: [String] {
    switch form {
    case .plain: [key]
    case .grouped(let parts): parts.map(\.key)
    case .midinote: ["note"]
    case .drum: ["n"]
    }
  }

  /// What `:help` says: what the control does (where Tala describes it), its type, the keys it
  /// sets and its other names.
  public var help: String {
    let described = Params.descriptions[aliasOf.flatMap { Params.named($0)?.key } ?? key]
    var parts: [String] = described.map { [$0] } ?? []
    switch form {
    case .plain:
      parts.append("A \(type.rawValue) control, key `\(key)` (Tidal's `\(type.maker) \"\(key)\"`).")
    case .grouped(let groups):
      let keys = groups.map { "`\($0.key)` (\($0.type.rawValue))" }.joined(separator: ", ")
      parts.append("Splits each value at colons into \(keys).")
    case .midinote: parts.append("A MIDI note number: sets `note` to the value minus 60.")
    case .drum: parts.append("A drum name (bd sn hh cp …): sets `n` to its General MIDI number minus 60.")
    }
    if let aliasOf { parts.append("The same as `\(aliasOf)`.") }
    let others = Params.aliases(of: name)
    if !others.isEmpty { parts.append("Also called " + others.map { "`\($0)`" }.joined(separator: ", ") + ".") }
    return parts.joined(separator: " ")
  }
}

/// One of Tidal's stateful helpers: `nCount "x"`, `nCountTo "x" 4`, `nTake "x" [0, 7]`,
/// `sTake "x" ["bd", "sn"]`. Each sets one control to a ``ControlState`` that the player works
/// out as events play.
public struct StatefulParam: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// `…Count name`: 0, 1, 2, … as events play.
    case count
    /// `…CountTo name pattern`: counting, wrapping at the pattern's value.
    case countTo
    /// `…Take name [numbers]`: the numbers in turn.
    case take
    /// `sTake name [strings]`: the strings in turn.
    case takeStrings
  }

  public let name: String
  /// The control it sets (`n` for `nCount`).
  public let key: String
  public let kind: Kind

  public init(_ name: String, key: String, _ kind: Kind) {
    self.name = name
    self.key = key
    self.kind = kind
  }

  /// Tidal's signature.
  public var signature: String {
    switch kind {
    case .count: "String -> ControlPattern"
    case .countTo: "String -> Pattern Double -> Pattern ValueMap"
    case .take: "String -> [Double] -> ControlPattern"
    case .takeStrings: "String -> [String] -> ControlPattern"
    }
  }
}

/// Why Tala knows a name of Tidal's params but does not play it.
public enum UnsupportedParam: Sendable, Hashable {
  /// `lpfbus`, `lpfrecv`: SuperCollider control buses.
  case bus
  /// `array`: a list of bytes (SysEx), a value type Tala lacks.
  case bytes

  /// The message for a use of `name`.
  public func message(_ name: String) -> String {
    switch self {
    case .bus: "`\(name)`: control buses need SuperDirt; Tala does not support them yet"
    case .bytes: "`\(name)`: byte-array controls (SysEx) are not supported by Tala yet"
    }
  }
}

/// Tidal's params: the vocabulary of controls, one table (`Params+Tidal.swift`, generated by
/// `scripts/gen-params.py` from Tidal 1.9.5's `Params.hs`). Functions, `:help` and completion
/// are made from it.
public enum Params {
  /// Every control, aliases and grouped ones included.
  public static var all: [Param] { tidal }

  /// The param called `name`, if any.
  public static func named(_ name: String) -> Param? { byName[name] }

  /// The other names of the control `name` (`sz` for `size`).
  public static func aliases(of name: String) -> [String] { aliasesByTarget[name] ?? [] }

  /// The stateful helpers (`nCount`, `nCountTo`, `nTake`, `sTake`, … for every control).
  public static var stateful: [StatefulParam] { tidalStateful }

  /// Why `name` is not supported, if it is one of Tidal's params Tala leaves out.
  public static func unsupported(_ name: String) -> UnsupportedParam? { tidalUnsupported[name] }

  private static let byName: [String: Param] = Dictionary(all.map { ($0.name, $0) }) { a, _ in a }
  private static let aliasesByTarget: [String: [String]] = Dictionary(
    grouping: all.filter(\.isAlias), by: { $0.aliasOf ?? "" }
  ).mapValues { $0.map(\.name).sorted() }

  /// What the common controls do, by key; `:help` adds type, key and aliases to every control.
  static let descriptions: [String: String] = [
    "gain": "Volume (1 is unchanged).", "amp": "Linear amplitude.",
    "pan": "Stereo position, 0 (left) to 1 (right).", "speed": "Playback speed (negative plays backwards).",
    "begin": "Where playback starts in the sample, 0 to 1.", "end": "Where playback ends in the sample, 0 to 1.",
    "legato": "Note length relative to the event's duration.", "sustain": "Note length in seconds.",
    "room": "Reverb amount.", "size": "Reverb room size.", "dry": "Dry level beside the reverb.",
    "shape": "Wave-shaping distortion, 0 to 1.", "crush": "Bit-crushing: bits of resolution.",
    "coarse": "Sample-rate reduction factor.", "cutoff": "Low-pass filter cutoff (Hz).",
    "resonance": "Low-pass filter resonance.", "hcutoff": "High-pass filter cutoff (Hz).",
    "hresonance": "High-pass filter resonance.", "bandf": "Band-pass filter centre (Hz).",
    "bandq": "Band-pass filter Q.", "delay": "Delay send level.", "delaytime": "Delay time.",
    "delayfeedback": "Delay feedback.", "accelerate": "Speed change over the sound's duration.",
    "cps": "Cycles per second for this event.", "squiz": "Pitch-raising distortion.",
    "cut": "Cut group: a new sound stops others in the group.", "orbit": "Effect bus (orbit) number.",
    "vowel": "Formant filter vowel: a e i o u.", "unit": "Unit of `speed`: r (rate) or c (cycles).",
    "n": "Sample number or note number.", "note": "Note number (semitones from c5).",
    "attack": "Envelope attack time (seconds).", "release": "Envelope release time (seconds).",
    "hold": "Envelope hold time (seconds).", "nudge": "Shifts the event in time (seconds).",
    "octave": "Octave of a synth note.", "velocity": "Note velocity, 0 to 1.",
    "midichan": "MIDI channel.", "channel": "Output channel.", "djf": "DJ filter: below 0.5 low-pass, above high-pass.",
    "loop": "Times to loop the sample.", "lock": "1 makes delay times count in cycles.",
  ]

  /// The names of `tidalBusNames` and `tidalBytesNames` (generated), each
  /// with its reason.
  private static let tidalUnsupported: [String: UnsupportedParam] = {
    var table: [String: UnsupportedParam] = [:]
    let lists: [(UnsupportedParam, String)] = [
      (.bus, tidalBusNames), (.bytes, tidalBytesNames),
    ]
    for (reason, list) in lists {
      for name in list.split(whereSeparator: \.isWhitespace) { table[String(name)] = reason }
    }
    return table
  }()

  /// Tidal's `drumN`: General MIDI drum numbers by Tidal's two-letter names; others are 0.
  public static func drumNumber(_ name: String) -> Int { drumNumbers[name] ?? 0 }

  private static let drumNumbers: [String: Int] = Dictionary(
    uniqueKeysWithValues: zip(
      """
      hq sl ps pl st sq ml mb ab bd rm sn cp es lf ch lt hh ft oh mt hm cr ht ri cy be ta sc cb cs vi rc hb
      lb mh hc lc he le ag la ca ma sw lw sg lg cl hi li mc oc tr ot sh jb bt ct ms os
      """.split(whereSeparator: \.isWhitespace).map(String.init), 27...))

  /// The controls one value of a grouped control sets (Tidal's `grp`): the text split at colons
  /// (empty pieces dropped), each piece read as its part's type; a piece that does not read
  /// sets nothing.
  public static func grouped(_ parts: [Param.Part], _ text: String) -> ControlMap {
    var m = ControlMap()
    for (part, piece) in zip(parts, text.split(separator: ":", omittingEmptySubsequences: true)) {
      switch part.type {
      case .float: if let d = Sound.readDouble(piece) { m[part.key] = .float(d) }
      case .int: if let i = readInt(piece) { m[part.key] = .int(i) }
      default: m[part.key] = .string(String(piece))
      }
    }
    return m
  }

  /// Haskell's `readMaybe :: String -> Maybe Int`: `[-]digits`.
  static func readInt(_ s: Substring) -> Int? {
    let digits = s.first == "-" ? s.dropFirst() : s
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(s)
  }
}
