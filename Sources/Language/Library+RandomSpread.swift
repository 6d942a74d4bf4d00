import Pattern
import Time

extension Library {
  /// Spreading a function over values chosen at random or by a pattern, and the variants of
  /// degrading and rolling that take plain values: Tidal 1.9.5's `spreadChoose`, `spreadr`,
  /// `spread'`, `degradeOverBy` and `rolledWith` (Sound.Tidal.UI).
  static var randomSpreadFunctions: [LibraryEntry] {
    [
      spreadChoose("spreadChoose"),
      spreadChoose("spreadr"),
      LibraryEntry(
        "spread'", .function, "Monad m => (a -> b -> m c) -> m a -> b -> m c", arity: 3,
        help: "Applies the function with the values of a pattern as they come (`vpat >>= \\v -> f v pat`).",
        example: "spread' fast \"1 2\" \"a b\""
      ) { args in try spreadPattern(args) },
      transform(
        "degradeOverBy", "Int -> Pattern Double -> Pattern a -> Pattern a", arity: 3,
        help: "Like `degradeBy`, with the random values held for n cycles and the amount pattern slowed by n.",
        example: "degradeOverBy 2 0.5 \"hh*8\""
      ) { args, p in
        let cycles = try plainInt(args, 0)
        // fastRepeatCycles i rand is cat (replicate i rand): nothing when i is not positive.
        guard cycles > 0 else { return .silence }
        let held = Pattern<Double>.slowcat(Array(repeating: .rand, count: cycles))
        let amounts = try args.doubles(1).slow(Rational(Int64(cycles)))
        return .unwrap(amounts.map { x in p.degradeBy(using: held, x) })
      },
      transform(
        "rolledWith", "Ratio Integer -> Pattern a -> Pattern a", arity: 2,
        help: "`rolledBy` with a plain fraction: strums the notes of each chord over that part of it.",
        example: "rolledWith 0.25 $ n \"[0,4,7]\"", as: .control
      ) { args, p in rolled(by: try args.number(0), p) },
    ]
  }

  /// `spreadChoose f vs p = do v <- _segment 1 (choose vs); f v p`: each cycle the function
  /// applied with a value of the list picked at random.
  static func spreadChoose(_ name: String) -> LibraryEntry {
    LibraryEntry(
      name, .function, "(t -> t1 -> Pattern b) -> [t] -> t1 -> Pattern b", arity: 3,
      help: "Applies the function with a value of the list chosen at random each cycle.",
      example: "\(name) fast [1, 2, 4] \"a b\""
    ) { args in
      let results = try args.list(1).map { x in
        try applyFunction(args.items[0], [x, args.items[2]], in: args, ordinal: 0)
      }
      let count = results.count
      return .pattern(
        try PatternValue.combine(results) { _, ps in
          guard count > 0 else { return .silence }
          // choose = (xs !!!) . floor <$> range 0 n rand, sampled once a cycle.
          return .unwrap(irand(count).segment(.one).map { i in ps[try Arith.haskellMod(i, count)] })
        })
    }
  }

  /// One value of a pattern as a constant pattern. A word of a literal whose type is still
  /// open (`"1 2"`) is read again as its own literal, so the function decides its type.
  static func constantPattern(_ v: Atom, type: ElementType, open: Bool, at position: SourcePosition)
    -> PatternValue
  {
    if open, case .string(let word) = v { return Arguments.stringPattern(word, at: position) }
    return PatternValue(type, .pure(v))
  }

  /// `spread' f vpat pat = vpat >>= \v -> f v pat`: the function is applied at query time to
  /// each value of `vpat`, as a constant pattern; the result's type is the one `f vpat pat` has.
  static func spreadPattern(_ args: Arguments) throws -> Value {
    let values = try args.pattern(1)
    let valueType = values.defaultType
    let valuePattern = try values.pattern(as: valueType)
    let position = args.items[1].position
    let open = values.type == nil
    let probe = try applyFunction(args.items[0], [args.items[1], args.items[2]], in: args, ordinal: 0)
    return .pattern(
      PatternValue(type: probe.type, defaultType: probe.defaultType) { type in
        .unwrap(
          valuePattern.map { v in
            let constant = Argument(
              value: .pattern(constantPattern(v, type: valueType, open: open, at: position)), position: position)
            return try applyFunction(args.items[0], [constant, args.items[2]], in: args, ordinal: 0)
              .pattern(as: type)
          })
      })
  }
}
