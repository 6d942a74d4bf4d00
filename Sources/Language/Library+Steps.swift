import Pattern
import Time

extension Library {
  /// Tidal's step sequencing from text and lists: `step`, `steps`, `step'`, `lindenmayer`,
  /// `lindenmayerI`, `inhabit`, `swap`, `stackwith`, `en`, `grain`.
  static var stepFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "step", .function, "String -> String -> Pattern String", arity: 2,
        help: "A step sequence from text: `x` plays the sample, a digit d plays `sample:d`, anything else rests.",
        example: "s (step \"bd\" \"x-x2\")"
      ) { args in
        let sample = try plainString(args, 0)
        return .pattern(
          PatternValue(.string, step(try plainString(args, 1)) { c in c == "x" ? sample : "\(sample):\(c)" }))
      },
      LibraryEntry(
        "steps", .function, "[(String, String)] -> Pattern String", arity: 1,
        help: "Several `step` sequences at once, from (sample, steps) pairs.",
        example: "s (steps [(\"bd\", \"x-x-\"), (\"sn\", \"-x\")])"
      ) { args in
        let pairs = try args.list(0).map { a -> (String, String) in
          guard case .tuple(let xs) = a.value, xs.count == 2, case .string(let s, _) = xs[0],
            case .string(let cs, _) = xs[1]
          else { throw args.typeError(0, wants: "a list of (sample, steps) string pairs") }
          return (s, cs)
        }
        return .pattern(
          PatternValue(
            .string, .stack(pairs.map { s, cs in step(cs) { c in c == "x" ? s : "\(s):\(c)" } })))
      },
      LibraryEntry(
        "step'", .function, "[String] -> String -> Pattern String", arity: 2,
        help: "A step sequence choosing samples from a list: a digit d plays the d-th, `x` the first.",
        example: "s (step' [\"bd\", \"sn\"] \"0-1x\")"
      ) { args in
        let samples = try args.list(0).map { a -> String in
          guard case .string(let s, _) = a.value else { throw args.typeError(0, wants: "a list of strings") }
          return s
        }
        let text = try plainString(args, 1)
        for c in text where c == "x" || c.isWholeNumber {
          let i = c == "x" ? 0 : c.wholeNumberValue ?? 0
          guard i < samples.count else {
            throw LanguageError(
              .invalidArgument, "step': '\(c)' picks sample \(i), but the list has \(samples.count)",
              at: args.items[1].position)
          }
        }
        return .pattern(
          PatternValue(.string, step(text) { c in samples[c == "x" ? 0 : c.wholeNumberValue ?? 0] }))
      },
      LibraryEntry(
        "lindenmayer", .function, "Int -> String -> String -> String", arity: 3,
        help: "Rewrites a string n times by rules `a:b,b:ab` (Lindenmayer); characters without a rule stay.",
        example: "lindenmayer 2 \"a:b,b:ab\" \"ab\""
      ) { args in
        .string(try lindenmayer(args), args.items[2].position)
      },
      LibraryEntry(
        "lindenmayerI", .function, "Num b => Int -> String -> String -> [b]", arity: 3,
        help: "`lindenmayer` with digits read as a list of numbers.",
        example: "n (fastFromList (lindenmayerI 2 \"0:1,1:01\" \"01\"))", as: .control
      ) { args in
        let text = try lindenmayer(args)
        return .list(
          try text.map { c in
            guard let d = c.hexDigitValue else {
              throw LanguageError(
                .invalidArgument, "lindenmayerI: '\(c)' is not a digit", at: args.items[2].position)
            }
            return .number(Rational(Int64(d)))
          })
      },
      LibraryEntry(
        "inhabit", .function, "[(String, Pattern a)] -> Pattern String -> Pattern a", arity: 2,
        help: "Plays, for each name of the string pattern, the pattern paired with it, squeezed into its event.",
        example: "inhabit [(\"a\", \"c d\"), (\"b\", \"e\")] \"a b\""
      ) { args in
        var names: [String] = []
        var patterns: [PatternValue] = []
        for a in try args.list(0) {
          guard case .tuple(let xs) = a.value, xs.count == 2, case .string(let name, _) = xs[0],
            let p = try Arguments.asPattern(Argument(value: xs[1], position: a.position))
          else { throw args.typeError(0, wants: "a list of (name, pattern) pairs") }
          names.append(name)
          patterns.append(p)
        }
        let keys = try args.strings(1)
        let pairNames = names
        return .pattern(
          try PatternValue.combine(patterns) { _, ps in
            // lookup takes the first pair with the name.
            var firsts: [String: Pattern<Atom>] = [:]
            for (name, p) in zip(pairNames, ps) where firsts[name] == nil { firsts[name] = p }
            let table = firsts
            return .squeezeJoin(keys.map { key in table[key] ?? .silence })
          })
      },
      LibraryEntry(
        "swap", .function, "Eq a => [(a, b)] -> Pattern a -> Pattern b", arity: 2,
        help: "Replaces values by the ones paired with them; values without a pair are dropped.",
        example: "s (swap [(\"a\", \"bd\"), (\"b\", \"sn\")] \"a b a c\")"
      ) { args in
        let pairs = try args.list(0).map { a -> (Value, Value) in
          guard case .tuple(let xs) = a.value, xs.count == 2 else {
            throw args.typeError(0, wants: "a list of (value, value) pairs")
          }
          return (xs[0], xs[1])
        }
        return .pattern(
          try args.pattern(1).mapTyped { t, p in
            var firsts: [Atom: Atom] = [:]
            for (from, to) in pairs {
              guard let key = atom(from, t), let value = atom(to, t) else {
                throw args.typeError(0, wants: "pairs of values of \(t.patternDescription)")
              }
              if firsts[key] == nil { firsts[key] = value }
            }
            let table = firsts
            return p.compactMap { table[$0] }
          })
      },
      LibraryEntry(
        "stackwith", .function, "Unionable a => Pattern a -> [Pattern a] -> Pattern a", arity: 2,
        help: "Stacks the patterns of the list, each combined (`#`) with the first pattern shifted i/n cycles earlier.",
        example: "stackwith (s \"a b\") [n 1, n 2]", as: .control
      ) { args in
        let layers = try args.list(1)
        let count = Rational(Int64(layers.count))
        var stacked: [Value] = []
        for (i, layer) in layers.enumerated() {
          let evaluator = Evaluator(bindings: [
            "stackwithBase": args[0], "stackwithLayer": layer.value,
            "stackwithShift": .number(try Rational(Int64(i)) / count),
          ])
          stacked.append(try evaluator.evaluate(Parser.parse("stackwithLayer # (stackwithShift <~ stackwithBase)")))
        }
        let evaluator = Evaluator()
        return try evaluator.apply(
          try evaluator.evaluate(Parser.parse("stack")), Argument(value: .list(stacked), position: args.position))
      },
      LibraryEntry(
        "en", .function, "[(Int, Int)] -> Pattern String -> Pattern String", arity: 2,
        help: "Stacks one Euclid rhythm per (pulses, steps) pair, the i-th playing the sample's number i.",
        example: "s (en [(3, 8), (5, 8)] \"bd\")"
      ) { args in
        // stack $ map (\(i, (k, n)) -> _euclid k n (samples p (pure i))) $ enumerate ns
        var layers: [Value] = []
        for (i, pair) in try args.list(0).enumerated() {
          guard case .tuple(let xs) = pair.value, xs.count == 2, case .number(let k, _) = xs[0], k.isInteger,
            case .number(let n, _) = xs[1], n.isInteger
          else { throw args.typeError(0, wants: "a list of (pulses, steps) pairs of whole numbers") }
          let evaluator = Evaluator(bindings: [
            "enPulses": .number(k), "enSteps": .number(n), "enIndex": .number(Rational(Int64(i))),
            "enSample": args[1],
          ])
          layers.append(try evaluator.evaluate(Parser.parse("euclid enPulses enSteps (samples enSample enIndex)")))
        }
        let evaluator = Evaluator()
        return try evaluator.apply(
          try evaluator.evaluate(Parser.parse("stack")), Argument(value: .list(layers), position: args.position))
      },
      LibraryEntry(
        "grain", .function, "Pattern Double -> Pattern Double -> ControlPattern", arity: 2,
        help: "A grain of a sample: `begin` s and `end` s + w.", example: "s \"bev\" # grain \"0 0.25\" 0.1",
        as: .control
      ) { args in
        let evaluator = Evaluator(bindings: ["grainStart": args[0], "grainWidth": args[1]])
        return try evaluator.evaluate(Parser.parse("begin grainStart # end (grainStart + grainWidth)"))
      },
    ]
  }

  /// Tidal's `step`: `fastcat` of one step per character, `-`-like characters resting.
  static func step(_ text: String, _ sample: (Character) -> String) -> Pattern<Atom> {
    .fastcat(
      text.map { c in c == "x" || c.isASCII && c.isWholeNumber ? .pure(.string(sample(c))) : .silence })
  }

  static func plainString(_ args: Arguments, _ i: Int) throws -> String {
    guard case .string(let s, _) = args[i] else { throw args.typeError(i, wants: "a string") }
    return s
  }

  /// A list element as a value of `type`: strings for string patterns, numbers as literals.
  static func atom(_ v: Value, _ type: ElementType) -> Atom? {
    switch v {
    case .string(let s, _) where type == .string: .string(s)
    case .number(let r, let fractional): Atom.number(r, as: type, fractional: fractional)
    default: nil
    }
  }

  /// Tidal's `lindenmayer n rules start`: each character replaced by its rule's right side,
  /// n times over (the first rule for a character wins; rules are `lhs:rhs`, comma-separated).
  static func lindenmayer(_ args: Arguments) throws -> String {
    let n = try args.number(0)
    guard n.isInteger, n.numerator >= 0, n.numerator <= 64 else {
      throw args.typeError(0, wants: "a whole number of generations from 0 to 64")
    }
    var rules: [Character: String] = [:]
    // parseLMRule: split at the first ':' after dropping every ':', so "a:b:c" maps a to "bc".
    for rule in try plainString(args, 1).split(separator: ",", omittingEmptySubsequences: false) {
      guard let colon = rule.firstIndex(of: ":"), let lhs = rule[..<colon].first else {
        throw LanguageError(
          .invalidArgument, "lindenmayer: '\(rule)' is not a rule such as a:ab", at: args.items[1].position)
      }
      if rules[lhs] == nil { rules[lhs] = String(rule[rule.index(after: colon)...].filter { $0 != ":" }) }
    }
    var text = try plainString(args, 2)
    for _ in 0..<Int(n.numerator) {
      text = String(text.flatMap { c in rules[c] ?? String(c) })
      guard text.count <= 100_000 else {
        throw LanguageError(.limit, "lindenmayer: the string grows past 100,000 characters", at: args.items[0].position)
      }
    }
    return text
  }
}
