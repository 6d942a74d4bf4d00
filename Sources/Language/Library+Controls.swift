import Controls
import Pattern
import Time

extension Library {
  /// The controls (Tidal's params, from the one table in `Controls.Params`): each turns a
  /// pattern of values into control maps. Also the param makers `pF` … `pB`.
  static var controlFunctions: [LibraryEntry] {
    Params.all.map { param in
      control(param, example: controlExamples[param.name] ?? defaultExample(param))
    } + ControlType.allCases.map(paramMaker) + [drumNumber] + Params.stateful.map(statefulControl)
  }

  /// Tidal's stateful helpers (`nCount "x"`, `nCountTo "x" 4`, `nTake "x" [0, 7]`,
  /// `sTake "x" ["bd", "sn"]`): the control holds a recipe that the player works out event by
  /// event, keeping counts and lists under the name given, shared by every slot (Tidal keeps
  /// them in its stream).
  static func statefulControl(_ helper: StatefulParam) -> LibraryEntry {
    let key = helper.key
    let (help, example): (String, String)
    switch helper.kind {
    case .count:
      help = "Sets `\(key)` to 0, 1, 2, … as events play, counting under the name given."
      example = "s \"drum*4\" # \(helper.name) \"c\""
    case .countTo:
      help = "Sets `\(key)` to 0, 1, 2, … as events play, wrapping at the pattern's value."
      example = "s \"drum*4\" # \(helper.name) \"c\" 3"
    case .take:
      help = "Sets `\(key)` to each number of the list in turn as events play, starting again after the last."
      example = "s \"drum*4\" # \(helper.name) \"t\" [0, 2, 5]"
    case .takeStrings:
      help = "Sets `\(key)` to each string of the list in turn as events play, starting again after the last."
      example = "\(helper.name) \"t\" [\"bd\", \"sn\", \"hh\"] # n \"0*4\""
    }
    let arity = helper.kind == .count ? 1 : 2
    return LibraryEntry(
      helper.name, .control, helper.signature, arity: arity, help: help, example: example, as: .control
    ) { args in
      guard case .string(let store, _) = args[0] else { throw args.typeError(0, wants: "a name in quotes") }
      func constant(_ state: ControlState) -> Value {
        .pattern(PatternValue(.control, .pure(.control(ControlMap(key, .state(state))))))
      }
      switch helper.kind {
      case .count:
        return constant(.count(store: store, modulo: nil))
      case .countTo:
        let limits = try args.typed(1, .double)
        return .pattern(
          PatternValue(
            .control,
            .patterned(limits) { limit in
              .pure(.control(ControlMap(key, .state(.count(store: store, modulo: limit.doubleValue)))))
            }))
      case .take, .takeStrings:
        guard case .list(let items) = args[1] else { throw args.typeError(1, wants: "a list in brackets") }
        let values = try items.map { item -> ControlValue in
          switch (helper.kind, item) {
          case (.take, .number(let r, _)): return .float(r.doubleValue)
          case (.takeStrings, .string(let s, _)): return .string(s)
          default: throw args.typeError(1, wants: helper.kind == .take ? "a list of numbers" : "a list of strings")
          }
        }
        return constant(.take(store: store, values: values))
      }
    }
  }

  /// Tidal's `drumN`: a drum name's General MIDI number, as a plain number.
  static var drumNumber: LibraryEntry {
    LibraryEntry(
      "drumN", .function, "Num a => String -> a", arity: 1,
      help: "The General MIDI number of a drum name (`drumN \"bd\"` is 36; unknown names are 0).",
      example: "n (drumN \"sn\" - 60) # s \"superpiano\"", as: .control
    ) { args in
      guard case .string(let name, _) = args[0] else { throw args.typeError(0, wants: "a drum name in quotes") }
      return .number(Rational(Int64(Params.drumNumber(name))))
    }
  }

  static func defaultExample(_ param: Param) -> String {
    switch (param.form, param.type) {
    case (.grouped, _): "s \"bd*2\" # \(param.name) \"0.25:0.5 1:2\""
    case (.drum, _): "\(param.name) \"bd sn\" # s \"superpiano\""
    case (_, .string): "s \"bd*2\" # \(param.name) \"a b\""
    case (_, .bool): "s \"bd*2\" # \(param.name) \"t f\""
    case (_, .int): "s \"bd*2\" # \(param.name) \"1 2\""
    default: "s \"bd*2\" # \(param.name) \"0.5 1\""
    }
  }

  static func control(_ param: Param, example: String) -> LibraryEntry {
    let type = ElementType(param.type)
    let key = param.key
    let make: @Sendable (Atom) throws -> ControlMap
    switch param.form {
    case .plain: make = { a in ControlMap(key, try controlValue(a)) }
    case .grouped(let parts): make = { a in Params.grouped(parts, try string(a)) }
    case .midinote: make = { a in ControlMap("note", .note(try number(a) - 60)) }
    case .drum: make = { a in ControlMap("n", .note(Double(Params.drumNumber(try string(a)) - 60))) }
    }
    return LibraryEntry(
      param.name, .control, "\(param.type.patternType) -> ControlPattern", arity: 1, help: param.help,
      example: example, as: .control
    ) { args in
      .pattern(PatternValue(.control, try args.typed(0, type).map { a in .control(try make(a)) }))
    }
  }

  /// `pF "name"` … : a control of any name, as Tidal's param makers.
  static func paramMaker(_ type: ControlType) -> LibraryEntry {
    let element = ElementType(type)
    let maker = type.maker
    return LibraryEntry(
      maker, .function, "String -> \(type.patternType) -> ControlPattern", arity: 2,
      help: "A \(type.rawValue) control of any name: `\(maker) \"name\" pattern` sets the key `name`.",
      example: paramMakerExamples[maker] ?? "s \"bd*2\" # \(maker) \"cutoffegint\" \"0.5 1\"", as: .control
    ) { args in
      guard case .string(let key, _) = args[0] else { throw args.typeError(0, wants: "a name in quotes") }
      return .pattern(
        PatternValue(
          .control, try args.typed(1, element).map { a in .control(ControlMap(key, try controlValue(a))) }))
    }
  }

  static let paramMakerExamples: [String: String] = [
    "pI": "s \"bd*2\" # pI \"midichan\" \"1 2\"", "pS": "s \"bd*2\" # pS \"vowel\" \"a e\"",
    "pB": "s \"bd*2\" # pB \"flag\" \"t f\"",
  ]

  /// Examples that say more than the generic one.
  static let controlExamples: [String: String] = [
    "cut": "s \"bd*2\" # cut 1", "orbit": "s \"bd\" # orbit 1",
    "vowel": "s \"a*2\" # vowel \"<a e>\"", "unit": "s \"bev\" # unit \"c\"",
    "n": "n \"0 .. 3\" # s \"drum\"", "note": "s \"bd sn\" # note \"0 7\"", "up": "up \"0 12\" # s \"arpy\"",
    "s": "s \"bd:3 sn\"", "sound": "sound \"bd:3 sn\"", "midinote": "midinote \"60 67\" # s \"superpiano\"",
    "nrpn": "s \"midi*2\" # nrpn \"1:10 2:20\"", "cc": "s \"midi*2\" # cc \"64:127 1:0\"",
  ]

  static func controlValue(_ a: Atom) throws -> ControlValue {
    switch a {
    case .string(let s): return .string(s)
    case .double(let d): return .float(d)
    case .note(let d): return .note(d)
    case .int(let i): return .int(i)
    case .rational(let r): return .rational(r)
    case .bool(let b): return .bool(b)
    case .control: throw PatternError.invalidArgument("not a control value")
    }
  }

  static func string(_ a: Atom) throws -> String {
    guard case .string(let s) = a else { throw PatternError.invalidArgument("not a string") }
    return s
  }

  static func number(_ a: Atom) throws -> Double {
    guard let d = a.doubleValue else { throw PatternError.invalidArgument("not a number") }
    return d
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
    let b0 = m["begin"].flatMap(\.getF) ?? 0
    let e0 = m["end"].flatMap(\.getF) ?? 1
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
        let b0 = e.value["begin"].flatMap(\.getF) ?? 0
        let e0 = e.value["end"].flatMap(\.getF) ?? 1
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
          out.append(Event(whole: whole, part: part, value: m, context: e.context))
        }
      }
    }
  }
}

extension ElementType {
  /// The language's type for a control's values.
  init(_ type: ControlType) {
    switch type {
    case .float: self = .double
    case .int: self = .int
    case .string: self = .string
    case .note: self = .note
    case .rational: self = .rational
    case .bool: self = .bool
    }
  }
}
