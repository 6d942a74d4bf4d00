import Pattern
import Time

extension Library {
  /// Rhythm and combination: Euclid, `struct`, `mask`, the `cat` family, `stack`.
  static var structureFunctions: [LibraryEntry] {
    [
      transform(
        "euclid", "Pattern Int -> Pattern Int -> Pattern a -> Pattern a", arity: 3,
        help: "Plays the pattern on the k onsets of a Euclidean rhythm of n steps.",
        example: "euclid 3 8 \"bd\""
      ) { args, p in
        .patterned(try args.ints(0), try args.ints(1)) { k, n in try p.euclidSteps(k, n) }
      },
      transform(
        "euclidInv", "Pattern Int -> Pattern Int -> Pattern a -> Pattern a", arity: 3,
        help: "Plays the pattern on the off-steps of a Euclidean rhythm.", example: "euclidInv 3 8 \"bd\""
      ) { args, p in
        .patterned(try args.ints(0), try args.ints(1)) { k, n in try p.euclidInverted(k, n) }
      },
      LibraryEntry(
        "euclidFull", .function, "Pattern Int -> Pattern Int -> Pattern a -> Pattern a -> Pattern a", arity: 4,
        help: "Plays the first pattern on the onsets and the second on the off-steps.",
        example: "euclidFull 3 8 \"bd\" \"hh\""
      ) { args in
        let k = try args.ints(0)
        let n = try args.ints(1)
        return .pattern(
          try PatternValue.combine([try args.pattern(2), try args.pattern(3)]) { _, ps in
            .stack([
              .patterned(k, n) { k, n in try ps[0].euclidSteps(k, n) },
              .patterned(k, n) { k, n in try ps[1].euclidInverted(k, n) },
            ])
          })
      },
      transform(
        "euclidOff", "Pattern Int -> Pattern Int -> Pattern Int -> Pattern a -> Pattern a", arity: 4,
        help: "Euclid with the rhythm rotated left by the given number of steps.",
        example: "euclidOff 3 8 2 \"bd\""
      ) { args, p in
        .patterned(try args.ints(0), try args.ints(1), try args.ints(2)) { k, n, r in
          try p.euclid(k, n, rotation: r)
        }
      },
      transform(
        "struct", "Pattern Bool -> Pattern a -> Pattern a", arity: 2,
        help: "Gives a pattern the structure of the true values of a boolean pattern.",
        example: "struct \"t ~ t t\" \"a\""
      ) { args, p in p.structured(by: try args.bools(0)) },
      transform(
        "mask", "Pattern Bool -> Pattern a -> Pattern a", arity: 2,
        help: "Keeps only the parts of a pattern where the boolean pattern is true.",
        example: "mask \"1 0 1 1\" \"a*8\""
      ) { args, p in p.masked(by: try args.bools(0)) },
      listFunction("cat", help: "Plays one cycle of each pattern in turn.", example: "cat [\"a\", \"b c\"]") {
        .slowcat($0)
      },
      listFunction("slowcat", help: "The same as `cat`.", example: "slowcat [\"a\", \"b c\", \"d*3\"]") {
        .slowcat($0)
      },
      listFunction(
        "fastcat", help: "Plays all patterns in one cycle, one after another.",
        example: "fastcat [\"a\", \"b c\"]"
      ) { .fastcat($0) },
      listFunction("stack", help: "Plays all patterns at once.", example: "stack [\"a b\", \"c*3\"]") { .stack($0) },
      LibraryEntry(
        "overlay", .function, "Pattern a -> Pattern a -> Pattern a", arity: 2,
        help: "Plays two patterns at once.", example: "overlay \"a b\" \"c*3\""
      ) { args in
        .pattern(try PatternValue.combine([try args.pattern(0), try args.pattern(1)]) { _, ps in .stack(ps) })
      },
      LibraryEntry(
        "timeCat", .function, "[(Time, Pattern a)] -> Pattern a", arity: 1,
        help: "Like `fastcat`, with relative durations: `timeCat [(1, \"a\"), (2, \"b c\")]`.",
        example: "timeCat [(1, \"a\"), (2, \"b c\")]"
      ) { args in
        var weights: [Rational] = []
        var patterns: [PatternValue] = []
        for item in try args.list(0) {
          guard case .tuple(let xs) = item.value, xs.count == 2, case .number(let w, _) = xs[0],
            let p = try Arguments.asPattern(Argument(value: xs[1], position: item.position))
          else { throw args.typeError(0, wants: "a list of (duration, pattern) pairs") }
          weights.append(w)
          patterns.append(p)
        }
        let ws = weights
        return .pattern(
          try PatternValue.combine(patterns) { _, ps in
            try .timecat(zip(ws, ps).filter { $0.0 > .zero }.map { ($0.0, $0.1) })
          })
      },
    ]
  }

  /// A function of one list of patterns that must share a type.
  static func listFunction(
    _ name: String, help: String, example: String,
    _ f: @escaping @Sendable ([Pattern<Atom>]) throws -> Pattern<Atom>
  ) -> LibraryEntry {
    LibraryEntry(name, .function, "[Pattern a] -> Pattern a", arity: 1, help: help, example: example) { args in
      let ps = try args.list(0).map { a in
        guard let p = try Arguments.asPattern(a) else { throw args.typeError(0, wants: "a list of patterns") }
        return p
      }
      do {
        return .pattern(try PatternValue.combine(ps) { _, pats in try f(pats) })
      } catch let e as PatternError {
        throw LanguageError(.type, "`\(name)`: \(e.description)", at: args.items[0].position)
      }
    }
  }
}
