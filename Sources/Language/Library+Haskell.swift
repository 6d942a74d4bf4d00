import Pattern
import Time

extension Library {
  /// The Prelude that Tidal code leans on: `fmap` / `<$>`, `const`, `flip`, rounding and number
  /// conversions, `min` / `max`, `!!`, and Core's list constructors (`fromList` …).
  static var haskellFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "fmap", .function, "Functor f => (a -> b) -> f a -> f b", arity: 2,
        help: "Applies a function to every value of a pattern, keeping its structure.",
        example: "fmap (+ 12) \"0 7\"", as: .note
      ) { args in try fmap(args) },
      LibraryEntry(
        "<$>", .operator_, "Functor f => (a -> b) -> f a -> f b", arity: 2,
        help: "`fmap` as an operator: `(+ 12) <$> \"0 7\"`.", example: "(+ 12) <$> \"0 7\"", as: .note
      ) { args in try fmap(args) },
      LibraryEntry(
        "const", .function, "a -> b -> a", arity: 2,
        help: "Ignores its second argument: `every 3 (const $ s \"cp*4\")` replaces every third cycle.",
        example: "every 3 (const \"c*4\") \"a b\""
      ) { args in args[0] },
      LibraryEntry(
        "flip", .function, "(a -> b -> c) -> b -> a -> c", arity: 3,
        help: "Swaps the two arguments of a function: `flip fast` takes the pattern first.",
        example: "flip fast \"a b\" 2"
      ) { args in
        guard case .function(let f) = args[0] else { throw args.typeError(0, wants: "a function") }
        let partial = try f.apply(args.items[2])
        guard case .function(let g) = partial else { throw args.typeError(0, wants: "a function of two arguments") }
        return try g.apply(args.items[1])
      },
      LibraryEntry(
        "subtract", .function, "Num a => a -> a -> a", arity: 2,
        help: "`subtract x y` is `y - x` (a section that reads well: `fmap (subtract 1)`).",
        example: "fmap (subtract 1) \"1 2\"", as: .double
      ) { args in
        guard let minus = Library.entry("-"), case .function(let f) = try minus.value(at: args.position),
          case .function(let g) = try f.apply(args.items[1])
        else { throw args.typeError(0, wants: "a number") }
        return try g.apply(args.items[0])
      },
      rounding("floor", help: "Rounds down to a whole number.", .down),
      rounding("ceiling", help: "Rounds up to a whole number.", .up),
      rounding(
        "round", help: "Rounds to the nearest whole number, halves to even (Haskell's `round`).", .toNearestOrEven),
      rounding("truncate", help: "Rounds towards zero.", .towardZero),
      conversion(
        "fromIntegral", "(Integral a, Num b) => a -> b", help: "A whole number as any number type.",
        input: .int, output: nil),
      conversion(
        "realToFrac", "(Real a, Fractional b) => a -> b", help: "A number as any fractional type.",
        input: .double, output: nil),
      conversion(
        "toRational", "Real a => a -> Rational", help: "A number as an exact fraction (a time).",
        input: .double, output: .rational),
      conversion(
        "fromRational", "Fractional a => Rational -> a", help: "An exact fraction as any fractional type.",
        input: .rational, output: nil),
      extremum("min", help: "The smaller of two numbers (of two patterns' values, structure from both).", { $0 < $1 }),
      extremum("max", help: "The larger of two numbers (of two patterns' values, structure from both).", { $0 > $1 }),
      LibraryEntry(
        "!!", .operator_, "[a] -> Int -> a", arity: 2,
        help: "The element of a list at an index from 0: `[\"a\", \"b\"] !! 1` is `\"b\"`.",
        example: "[\"a\", \"b c\"] !! 1"
      ) { args in
        let xs = try args.list(0)
        let i = try args.number(1)
        guard i.isInteger, !i.isNegative, i.numerator < Int64(xs.count) else {
          throw LanguageError(
            .invalidArgument, "index \(i) is outside the list of \(xs.count) elements", at: args.items[1].position)
        }
        return xs[Int(i.numerator)].value
      },
      listConstructor("fromList", help: "One value of the list per cycle: `fromList [\"a\", \"b\"]`.") { .slowcat($0) },
      listConstructor("fastFromList", help: "All values of the list in one cycle.") { .fastcat($0) },
      listConstructor("listToPat", help: "The same as `fastFromList`.") { .fastcat($0) },
    ]
  }

  /// `fmap f p`: `f` applied to each value on its own (as a one-value pattern), the event
  /// kept. The result's type is what `f` makes of the input's type, when that is known.
  static func fmap(_ args: Arguments) throws -> Value {
    guard case .function(let f) = args[0], f.arity - f.arguments.count == 1 else {
      throw args.typeError(0, wants: "a function of one argument")
    }
    let position = args.items[1].position
    if case .list(let xs) = args[1] {
      return .list(try xs.map { try f.apply(Argument(value: $0, position: position)) })
    }
    let p = try args.pattern(1)
    @Sendable func applied(_ value: PatternValue) throws -> PatternValue {
      let r = try f.apply(Argument(value: .pattern(value), position: position))
      guard let out = try Arguments.asPattern(Argument(value: r, position: position)) else {
        throw LanguageError(
          .type, "the function given to `fmap` returns \(r.kindDescription), not a value", at: position)
      }
      return out
    }
    let known = try p.type.flatMap { try applied(PatternValue($0, .silence)).type }
    return .pattern(
      PatternValue(type: known, defaultType: known ?? p.defaultType) { wanted in
        // An open input takes the wanted type if it can, else a double (`floor <$> sine`
        // wanted as whole numbers reads `sine` as doubles), else its own default.
        var candidates = p.type.map { [$0] } ?? [wanted]
        if p.type == nil {
          if wanted.isNumeric && wanted != .double { candidates.append(.double) }
          candidates.append(p.defaultType)
        }
        var inputType = candidates[0]
        var built: Pattern<Atom>? = nil
        var firstError: (any Error)? = nil
        for candidate in candidates where built == nil {
          do {
            built = try p.build(candidate)
            inputType = candidate
          } catch {
            firstError = firstError ?? error
          }
        }
        guard let input = built else { throw firstError ?? args.typeError(1, wants: "a pattern") }
        let finalInputType = inputType
        return Pattern { st, out in
          for e in try input.query(st) {
            let result = try applied(PatternValue(finalInputType, .pure(e.value)))
            var one = try result.build(result.type ?? wanted)
            if let t = result.type, t != wanted {
              guard t.isNumeric && wanted.isNumeric else {
                throw LanguageError(
                  .type, "`fmap` makes \(t.pluralDescription), not \(wanted.pluralDescription)", at: position)
              }
              one = try Arguments.convert(one, to: wanted)
            }
            guard let v = try one.query(.zero, .zero).first?.value else { continue }
            out.append(Event(whole: e.whole, part: e.part, value: v, context: e.context))
          }
        }
      })
  }

  /// `floor`, `ceiling`, `round`, `truncate`: exact on numbers; on a pattern, each value as a
  /// whole number of whichever number type the context wants.
  static func rounding(_ name: String, help: String, _ rule: FloatingPointRoundingRule) -> LibraryEntry {
    LibraryEntry(
      name, .function, "(RealFrac a, Integral b) => a -> b", arity: 1, help: help,
      example: "fmap \(name) \"0.5 1.5 -2.5\"", as: .int
    ) { args in
      if case .number(let r, _) = args[0] { return .number(try roundRational(r, rule)) }
      let p = try args.pattern(0)
      let position = args.position
      return .pattern(
        PatternValue(type: nil, defaultType: .int) { t in
          guard t.isNumeric else {
            throw LanguageError(.type, "`\(name)` makes numbers, not \(t.pluralDescription)", at: position)
          }
          let inputType = p.type ?? .double
          guard inputType.isNumeric else {
            throw LanguageError(.type, "`\(name)` works on numbers, not \(inputType.pluralDescription)", at: position)
          }
          return try p.build(inputType).map { a in
            let whole: Rational
            if case .rational(let r) = a {
              whole = try roundRational(r, rule)
            } else {
              guard let d = a.doubleValue, let r = Rational(exactly: d.rounded(rule)) else {
                throw PatternError.invalidArgument("\(a) has no whole-number value")
              }
              whole = r
            }
            guard let out = Atom.number(whole, as: t) else {
              throw PatternError.invalidArgument("\(whole) is not \(t)")
            }
            return out
          }
        })
    }
  }

  /// `x` rounded to a whole number by `rule`, exactly.
  static func roundRational(_ x: Rational, _ rule: FloatingPointRoundingRule) throws -> Rational {
    switch rule {
    case .towardZero: return x.isNegative ? try -roundExact(-x, .down) : try roundExact(x, .down)
    default: return try roundExact(x, rule)
    }
  }

  /// Number conversions: a number stays an exact number; a pattern's values become `output`
  /// (or whatever number type the context wants, when `output` is nil).
  static func conversion(
    _ name: String, _ signature: String, help: String, input: ElementType, output: ElementType?
  ) -> LibraryEntry {
    LibraryEntry(
      name, .function, signature, arity: 1, help: help, example: "fmap \(name) \"1 2\"",
      as: output ?? .double
    ) { args in
      if case .number = args[0] { return args[0] }
      let p = try args.pattern(0)
      let position = args.position
      return .pattern(
        PatternValue(type: output, defaultType: output ?? .double) { t in
          guard t.isNumeric else {
            throw LanguageError(.type, "`\(name)` makes numbers, not \(t.pluralDescription)", at: position)
          }
          let inputType = p.type ?? input
          guard inputType.isNumeric else {
            throw LanguageError(.type, "`\(name)` works on numbers, not \(inputType.pluralDescription)", at: position)
          }
          return try Arguments.convert(try p.build(inputType), to: t)
        })
    }
  }

  /// `min` and `max`: exact on numbers, value by value on patterns.
  static func extremum(_ name: String, help: String, _ wins: @escaping @Sendable (Atom, Atom) -> Bool) -> LibraryEntry {
    LibraryEntry(
      name, .function, "Ord a => a -> a -> a", arity: 2, help: help, example: "\(name) \"1 5\" \"3\"", as: .double
    ) { args in
      if case .number(let a, let fa) = args[0], case .number(let b, let fb) = args[1] {
        return wins(.rational(a), .rational(b)) || a == b ? .number(a, fractional: fa) : .number(b, fractional: fb)
      }
      return .pattern(
        try PatternValue.combine([try args.pattern(0), try args.pattern(1)]) { _, ps in
          ps[0].zip(ps[1], structure: .both) { a, b in wins(b, a) ? b : a }
        })
    }
  }

  /// `fromList`, `fastFromList`, `listToPat`: a list of literals as a pattern.
  static func listConstructor(
    _ name: String, help: String, _ combine: @escaping @Sendable ([Pattern<Atom>]) -> Pattern<Atom>
  ) -> LibraryEntry {
    LibraryEntry(
      name, .function, "[a] -> Pattern a", arity: 1, help: help, example: "\(name) [\"a\", \"b\", \"c\"]"
    ) { args in
      let items = try args.list(0)
      return .pattern(
        PatternValue(type: nil, defaultType: literalDefault(items)) { t in
          combine(try listAtoms(items, as: t).map { Pattern<Atom>.pure($0) })
        })
    }
  }
}
