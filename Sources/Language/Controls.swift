import Pattern
import Time

extension Library {
  /// The controls (Tidal's params): each turns a pattern of values into control maps.
  static var controlFunctions: [LibraryEntry] {
    let floats: [(String, String, String)] = [
      ("gain", "gain", "Volume (1 is unchanged)."), ("pan", "pan", "Stereo position, 0 (left) to 1 (right)."),
      ("speed", "speed", "Playback speed (negative plays backwards)."),
      ("begin", "begin", "Where playback starts in the sample, 0 to 1."),
      ("end", "end", "Where playback ends in the sample, 0 to 1."),
      ("legato", "legato", "Note length relative to the event's duration."),
      ("sustain", "sustain", "Note length in seconds."), ("room", "room", "Reverb amount."),
      ("size", "size", "Reverb room size."), ("shape", "shape", "Wave-shaping distortion, 0 to 1."),
      ("crush", "crush", "Bit-crushing: bits of resolution."),
      ("coarse", "coarse", "Sample-rate reduction factor."), ("cutoff", "cutoff", "Low-pass filter cutoff (Hz)."),
      ("resonance", "resonance", "Low-pass filter resonance."),
      ("hcutoff", "hcutoff", "High-pass filter cutoff (Hz)."), ("delay", "delay", "Delay send level."),
      ("delaytime", "delaytime", "Delay time."), ("delayfeedback", "delayfeedback", "Delay feedback."),
      ("accelerate", "accelerate", "Speed change over the sound's duration."),
      ("cps", "cps", "Cycles per second for this event."), ("squiz", "squiz", "Pitch-raising distortion."),
      ("lpf", "cutoff", "Low-pass filter cutoff (Hz); the same as `cutoff`."),
      ("hpf", "hcutoff", "High-pass filter cutoff (Hz); the same as `hcutoff`."),
    ]
    var out: [LibraryEntry] = floats.map { name, key, help in
      control(name, key, .double, "Pattern Double", help: help, example: "s \"bd*2\" # \(name) \"0.5 1\"")
    }
    out += [
      control(
        "cut", "cut", .int, "Pattern Int", help: "Cut group: a new sound stops others in the group.",
        example: "s \"bd*2\" # cut 1"),
      control("orbit", "orbit", .int, "Pattern Int", help: "Effect bus (orbit) number.", example: "s \"bd\" # orbit 1"),
      control(
        "vowel", "vowel", .string, "Pattern String", help: "Formant filter vowel: a e i o u.",
        example: "s \"a*2\" # vowel \"<a e>\""),
      control(
        "unit", "unit", .string, "Pattern String", help: "Unit of `speed`: r (rate) or c (cycles).",
        example: "s \"bev\" # unit \"c\""),
      control(
        "n", "n", .note, "Pattern Note", help: "Sample number or note number.", example: "n \"0 .. 3\" # s \"drum\""),
      control(
        "note", "note", .note, "Pattern Note", help: "Note number (semitones from c5).",
        example: "s \"bd sn\" # note \"0 7\""),
      control("up", "note", .note, "Pattern Note", help: "The same as `note`.", example: "up \"0 12\" # s \"arpy\""),
      sound("s", help: "Sample or synth name; `bd:3` also sets `n` to 3."),
      sound("sound", help: "The same as `s`."),
    ]
    return out
  }

  static func control(
    _ name: String, _ key: String, _ type: ElementType, _ argument: String, help: String, example: String
  ) -> LibraryEntry {
    LibraryEntry(name, .control, "\(argument) -> ControlPattern", arity: 1, help: help, example: example, as: .control)
    { args in
      .pattern(PatternValue(.control, try args.typed(0, type).map { a in .control(ControlMap(key, try param(a))) }))
    }
  }

  static func param(_ a: Atom) throws -> ParamValue {
    switch a {
    case .string(let s): return .string(s)
    case .double(let d): return .float(d)
    case .note(let d): return .note(d)
    case .int(let i): return .int(i)
    case .rational(let r): return .rational(r)
    default: throw PatternError.invalidArgument("not a control value")
    }
  }

  /// `s`/`sound`: `bd:3` sets `s` to bd and `n` to 3.0 (Tidal's `grp [mS "s", mF "n"]`).
  static func sound(_ name: String, help: String) -> LibraryEntry {
    LibraryEntry(
      name, .control, "Pattern String -> ControlPattern", arity: 1, help: help,
      example: "\(name) \"bd:3 sn\"", as: .control
    ) { args in
      .pattern(
        PatternValue(
          .control,
          try args.typed(0, .string).map { a in
            guard case .string(let text) = a else { throw PatternError.invalidArgument("not a string") }
            return .control(splitSound(text))
          }))
    }
  }

  static func splitSound(_ text: String) -> ControlMap {
    let words = text.split(separator: ":", omittingEmptySubsequences: true)
    var m = ControlMap()
    if let first = words.first { m["s"] = .string(String(first)) }
    if words.count > 1, let d = readDouble(words[1]) { m["n"] = .float(d) }
    return m
  }

  /// Haskell's `readMaybe :: String -> Maybe Double`: `[-]digits[.digits][e[-]digits]`.
  static func readDouble(_ s: Substring) -> Double? {
    var chars = Array(s)
    if chars.first == "-" { chars.removeFirst() }
    var i = 0
    func digits() -> Int {
      let start = i
      while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
      return i - start
    }
    guard digits() > 0 else { return nil }
    if i < chars.count, chars[i] == "." {
      i += 1
      guard digits() > 0 else { return nil }
    }
    if i < chars.count, chars[i] == "e" || chars[i] == "E" {
      i += 1
      if i < chars.count, chars[i] == "-" || chars[i] == "+" { i += 1 }
      guard digits() > 0 else { return nil }
    }
    guard i == chars.count else { return nil }
    return Double(String(s))
  }

  /// Functions on control patterns: `jux`, `striate`, `chop`.
  static var sampleFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "jux", .function, "(ControlPattern -> ControlPattern) -> ControlPattern -> ControlPattern", arity: 2,
        help: "Plays the pattern on the left and a transformed copy on the right (by `pan`).",
        example: "jux rev $ s \"bd sn\"", as: .control
      ) { args in
        let f = try args.transform(0)
        let p = try args.typed(1, .control)
        func pan(_ d: Double) -> Pattern<Atom> { .pure(.control(ControlMap("pan", .float(d)))) }
        func op(_ o: String, _ a: Pattern<Atom>, _ b: Pattern<Atom>) -> Pattern<Atom> {
          a.zip(b, structure: .left) { x, y in try Arith.binary(o, x, y) }
        }
        let centred = op("+", p, pan(0.5))
        let left = op("-", centred, pan(0.5))
        let right = op("+", centred, pan(0.5))
        return .pattern(PatternValue(.control, .stack([left, try f(.control, right)])))
      },
      LibraryEntry(
        "striate", .function, "Pattern Int -> ControlPattern -> ControlPattern", arity: 2,
        help: "Plays the pattern n times per cycle, each time a successive part of each sample.",
        example: "striate 2 $ s \"bd sn\"", as: .control
      ) { args in
        let n = try args.ints(0)
        let p = try args.controls(1)
        let position = args.items[0].position
        return .pattern(
          PatternValue(
            .control,
            Pattern<ControlMap>.patterned(n) { n in
              guard n <= maxRunLength else {
                throw LanguageError(.invalidArgument, "striate: at most \(maxRunLength) parts", at: position)
              }
              if n <= 0 { return .silence }
              return .fastcat(
                (0..<n).map { i in
                  p.map { m in playRange(m, Double(i) / Double(n), Double(i + 1) / Double(n)) }
                })
            }.map { .control($0) }))
      },
      LibraryEntry(
        "chop", .function, "Pattern Int -> ControlPattern -> ControlPattern", arity: 2,
        help: "Cuts each event into n parts, each playing the next part of the sample.",
        example: "chop 2 $ s \"bd sn\"", as: .control
      ) { args in
        let n = try args.ints(0)
        let p = try args.controls(1)
        return .pattern(
          PatternValue(.control, Pattern<ControlMap>.patterned(n) { n in chop(p, n) }.map { .control($0) }))
      },
    ]
  }

  /// Tidal's `mergePlayRange`.
  static func playRange(_ m: ControlMap, _ b: Double, _ e: Double) -> ControlMap {
    let b0 = m["begin"].flatMap(\.floatForRange) ?? 0
    let e0 = m["end"].flatMap(\.floatForRange) ?? 1
    let d = e0 - b0
    var out = m
    out["begin"] = .float(b * d + b0)
    out["end"] = .float(e * d + b0)
    return out
  }

  /// Tidal's `_chop`.
  static func chop(_ p: Pattern<ControlMap>, _ n: Int) -> Pattern<ControlMap> {
    if n <= 0 { return .silence }
    let q = p.queryInto
    return Pattern { st, out in
      var events: [Event<ControlMap>] = []
      try q(st, &events)
      for e in events {
        guard let w = e.whole else { continue }
        try st.context.spend(Int64(n))
        let b0 = e.value["begin"].flatMap(\.floatForRange) ?? 0
        let e0 = e.value["end"].flatMap(\.floatForRange) ?? 1
        let d = e0 - b0
        let size = Rational(Int64(n))
        let span = try w.end - w.begin
        for i in 0..<n {
          let s = try w.begin + span * (try Rational(Int64(i)) / size)
          let f = try w.begin + span * (try Rational(Int64(i + 1)) / size)
          let whole = Arc(s, f)
          guard let part = e.part.intersection(whole) else { continue }
          var m = e.value
          m["begin"] = .float((Double(i) / Double(n)) * d + b0)
          m["end"] = .float((Double(i + 1) / Double(n)) * d + b0)
          out.append(Event(whole: whole, part: part, value: m))
        }
      }
    }
  }
}

extension ParamValue {
  /// Tidal's `getF`: floats, ints and rationals; not notes or strings.
  var floatForRange: Double? {
    switch self {
    case .float(let d): d
    case .int(let i): Double(i)
    case .rational(let r): r.doubleValue
    default: nil
    }
  }
}
