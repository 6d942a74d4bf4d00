import Pattern
import Time

extension Library {
  /// Arranging patterns into longer forms: `ur`, and Core's other spellings of the `cat`
  /// family (`fastCat`, `slowCat`, `timecat`, `append`, `fastAppend` …).
  static var arrangeFunctions: [LibraryEntry] {
    var out: [LibraryEntry] = [
      LibraryEntry(
        "ur", .function,
        "Time -> Pattern String -> [(String, Pattern a)] -> [(String, Pattern a -> Pattern a)] -> Pattern a",
        arity: 4,
        help: "A pattern of named patterns over t cycles; `name:fx` applies a named function to that part.",
        example: "ur 4 \"a [b:fast b]\" [(\"a\", s \"bd*4\"), (\"b\", s \"hh sn\")] [(\"fast\", fast 2)]",
        as: .control
      ) { args in
        let cycles = try args.number(0)
        let outer = try args.strings(1)
        var names: [String] = []
        var patterns: [PatternValue] = []
        for item in try args.list(2) {
          guard case .tuple(let xs) = item.value, xs.count == 2, case .string(let name, _) = xs[0],
            let p = try Arguments.asPattern(Argument(value: xs[1], position: item.position))
          else { throw args.typeError(2, wants: "a list of (name, pattern) pairs") }
          names.append(name)
          patterns.append(p)
        }
        var functions: [(String, Transform)] = []
        for item in try args.list(3) {
          guard case .tuple(let xs) = item.value, xs.count == 2, case .string(let name, _) = xs[0] else {
            throw args.typeError(3, wants: "a list of (name, function) pairs")
          }
          let f = try Arguments.transform(Argument(value: xs[1], position: item.position), in: "ur", ordinal: 3)
          functions.append((name, f))
        }
        let patternNames = names
        let namedFunctions = functions
        return .pattern(
          try PatternValue.combine(patterns) { t, ps in
            let named = Dictionary(zip(patternNames, ps.map { $0.fast(cycles) }), uniquingKeysWith: { a, _ in a })
            let fs = Dictionary(namedFunctions, uniquingKeysWith: { a, _ in a })
            return try ur(cycles, outer, named, fs, type: t)
          })
      },
      listFunction("fastCat", help: "The same as `fastcat`.", example: "fastCat [\"a\", \"b c\"]") { .fastcat($0) },
      listFunction("slowCat", help: "The same as `cat`.", example: "slowCat [\"a\", \"b c\"]") { .slowcat($0) },
      LibraryEntry(
        "timecat", .function, "[(Time, Pattern a)] -> Pattern a", arity: 1,
        help: "The same as `timeCat`.", example: "timecat [(1, \"a\"), (2, \"b c\")]"
      ) { args in
        guard let timeCat = Library.entry("timeCat") else { throw args.typeError(0, wants: "a list") }
        return try timeCat.body(args)
      },
    ]
    for name in ["append", "slowAppend", "slowappend"] {
      out.append(
        pairFunction(name, help: "Plays the first pattern for a cycle, then the second (`cat [a, b]`).") {
          .slowcat($0)
        })
    }
    for name in ["fastAppend", "fastappend"] {
      out.append(pairFunction(name, help: "Both patterns in one cycle (`fastcat [a, b]`).") { .fastcat($0) })
    }
    return out
  }

  /// A function of two patterns that must share a type.
  static func pairFunction(
    _ name: String, help: String, _ f: @escaping @Sendable ([Pattern<Atom>]) -> Pattern<Atom>
  ) -> LibraryEntry {
    LibraryEntry(
      name, .function, "Pattern a -> Pattern a -> Pattern a", arity: 2, help: help, example: "\(name) \"a\" \"b c\""
    ) { args in
      .pattern(try PatternValue.combine([try args.pattern(0), try args.pattern(1)]) { _, ps in f(ps) })
    }
  }

  /// Tidal's `ur`: each event of `outer` (whole events only) names a pattern, and perhaps a
  /// function applied within the event's span (`rotR s . inside (1 / (e - s)) f`); the result
  /// is slowed by `cycles`.
  static func ur(
    _ cycles: Rational, _ outer: Pattern<String>, _ named: [String: Pattern<Atom>],
    _ functions: [String: Transform], type: ElementType
  ) throws -> Pattern<Atom> {
    let chosen = Pattern<Pattern<Atom>> { st, out in
      for e in try outer.query(st) {
        guard let whole = e.whole else { continue }
        let words = e.value.split(separator: ":").map(String.init)
        var p = words.first.flatMap { named[$0] } ?? .silence
        if words.count > 1 {
          let f = functions[words[1]] ?? { _, p in p }
          let n = try (try whole.end - whole.begin).reciprocal()
          let source = p
          let slowed = Pattern<Atom>.patterned(Pattern<Rational>.pure(n)) { n in try source.slow(n) }
          let inside = Pattern<Atom>.patterned(Pattern<Rational>.pure(n)) { n in try f(type, slowed).fast(n) }
          p = inside.rotR(whole.begin)
        }
        out.append(Event(whole: e.whole, part: e.part, value: p, context: e.context))
      }
    }
    return try Pattern<Atom>.unwrap(chosen).slow(cycles)
  }
}
