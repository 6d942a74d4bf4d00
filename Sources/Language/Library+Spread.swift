import Controls
import Pattern
import Time

extension Library {
  /// Copies spread over the stereo field or over cycles: Tidal 1.9's `jux'`, `juxBy`, `jux4`,
  /// `spin`, `spread`, `slowspread`, `fastspread`, `spreadf`.
  static var spreadFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "jux'", .function, "[t -> Pattern ValueMap] -> t -> Pattern ValueMap", arity: 2,
        help: "Applies each function of a list and pans the results evenly from left to right.",
        example: "jux' [id, rev, fast 2] $ s \"a b\"", as: .control
      ) { args in
        let fs = try args.list(0).map { try Arguments.transform($0, in: "jux'", ordinal: 0) }
        let p = try args.typed(1, .control)
        let count = Double(fs.count)
        return .pattern(
          PatternValue(
            .control,
            .stack(
              try fs.enumerated().map { n, f in
                combine("+", .left, try f(.control, p), pan(Double(n) / count))
              })))
      },
      LibraryEntry(
        "juxBy", .function,
        "Pattern Double -> (Pattern ValueMap -> Pattern ValueMap) -> Pattern ValueMap -> Pattern ValueMap", arity: 3,
        help: "Like `jux`, with the two sides the given width apart around the centre (1 is `jux`).",
        example: "juxBy 0.5 rev $ s \"a b\"", as: .control
      ) { args in
        let width = try args.doubles(0).map { w in Atom.control(ControlMap("pan", .float(w / 2))) }
        let f = try args.transform(1)
        let centred = combine("+", .left, try args.typed(2, .control), pan(0.5))
        return .pattern(
          PatternValue(
            .control,
            .stack([combine("-", .left, centred, width), try f(.control, combine("+", .left, centred, width))])))
      },
      LibraryEntry(
        "jux4", .function, "(Pattern ValueMap -> Pattern ValueMap) -> Pattern ValueMap -> Pattern ValueMap",
        arity: 2,
        help: "`jux` for four speakers: the pattern at pan 5/8, the transformed copy at 1/8.",
        example: "jux4 rev $ s \"a b\"", as: .control
      ) { args in
        let f = try args.transform(0)
        let p = try args.typed(1, .control)
        return .pattern(
          PatternValue(
            .control,
            .stack([combine(">", .left, p, pan(5.0 / 8)), try f(.control, combine(">", .left, p, pan(1.0 / 8)))])
          ))
      },
      LibraryEntry(
        "spin", .function, "Pattern Int -> ControlPattern -> ControlPattern", arity: 2,
        help: "Plays n copies, the i-th shifted i/n of a cycle earlier and panned to i/n.",
        example: "spin 2 $ s \"a b\"", as: .control
      ) { args in
        let p = try args.typed(1, .control)
        let position = args.items[0].position
        return .pattern(
          PatternValue(
            .control,
            Pattern<Atom>.patterned(try args.ints(0)) { copies in
              try checkCount(copies, "spin", position)
              guard copies > 0 else { return .silence }
              return .stack(
                try (0..<copies).map { i in
                  let offset = try Rational(Int64(i), Int64(copies))
                  return combine(">", .left, p.rotL(offset), pan(offset.doubleValue))
                })
            }))
      },
      spread("spread", help: "Applies the function with each value of the list in turn, one a cycle.") { .slowcat($0) },
      spread("slowspread", help: "The same as `spread`.") { .slowcat($0) },
      spread("fastspread", help: "Like `spread`, all the values within one cycle.") { .fastcat($0) },
      LibraryEntry(
        "spreadf", .function, "[a -> Pattern b] -> a -> Pattern b", arity: 2,
        help: "Applies each function of a list in turn, one a cycle (`spread ($)`).",
        example: "spreadf [rev, fast 2] \"a b c\""
      ) { args in
        let results = try args.list(0).map { g in try applyFunction(g, [args.items[1]], in: args, ordinal: 0) }
        return .pattern(try PatternValue.combine(results) { _, ps in .slowcat(ps) })
      },
    ]
  }

  /// `spread f xs p = slowcat $ map (`f` p) xs`, and its `fastcat` variant.
  static func spread(
    _ name: String, help: String, _ join: @escaping @Sendable ([Pattern<Atom>]) -> Pattern<Atom>
  ) -> LibraryEntry {
    LibraryEntry(
      name, .function, "(a -> t -> Pattern b) -> [a] -> t -> Pattern b", arity: 3, help: help,
      example: "\(name) fast [1, 2] \"a b\""
    ) { args in
      let results = try args.list(1).map { x in
        try applyFunction(args.items[0], [x, args.items[2]], in: args, ordinal: 0)
      }
      return .pattern(try PatternValue.combine(results) { _, ps in join(ps) })
    }
  }

  /// Applies a function value to arguments; the result must be a pattern.
  static func applyFunction(
    _ f: Argument, _ inputs: [Argument], in args: Arguments, ordinal: Int
  ) throws -> PatternValue {
    var value = f.value
    for input in inputs {
      guard case .function(let g) = value else { throw args.typeError(ordinal, wants: "a function") }
      value = try g.apply(input)
    }
    guard let p = try Arguments.asPattern(Argument(value: value, position: f.position)) else {
      throw LanguageError(
        .type, "the function given to `\(args.function)` returns \(value.kindDescription), not a pattern",
        at: f.position)
    }
    return p
  }

  /// `pan x` as a constant control pattern.
  static func pan(_ x: Double) -> Pattern<Atom> { .pure(.control(ControlMap("pan", .float(x)))) }
}
