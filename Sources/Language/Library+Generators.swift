import Pattern
import Time

extension Library {
  /// Patterns made from numbers, text and repetition: Tidal's `binaryN`, `binary`, `ascii`,
  /// `necklace`, `inv`, `soak`, `snowball`.
  static var generatorFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "binaryN", .function, "Pattern Int -> Pattern Int -> Pattern Bool", arity: 2,
        help: "Each number as n booleans, its bits from the highest, squeezed into its event.",
        example: "struct (binaryN 4 \"5 <3 9>\") $ s \"bd\"", as: .control
      ) { args in
        let numbers = try args.ints(1)
        return .pattern(
          PatternValue(.bool, .patterned(try args.ints(0)) { n in try binaryN(n, numbers) }))
      },
      LibraryEntry(
        "binary", .function, "Pattern Int -> Pattern Bool", arity: 1,
        help: "`binaryN 8`: each number as its eight bits.", example: "struct (binary \"<5 129>\") $ s \"bd\"",
        as: .control
      ) { args in .pattern(PatternValue(.bool, try binaryN(8, try args.ints(0)))) },
      LibraryEntry(
        "ascii", .function, "Pattern String -> Pattern Bool", arity: 1,
        help: "Each word as the bits of its characters' codes (eight per character), squeezed into its event.",
        example: "struct (ascii \"<hi there>\") $ s \"bd\"", as: .control
      ) { args in
        let words = try args.strings(0)
        return .pattern(
          PatternValue(
            .bool,
            .squeezeJoin(
              words.map { word in
                Pattern.fastFromList(word.unicodeScalars.flatMap { c in bits(Int(c.value), 8) }.map(Atom.bool))
              })))
      },
      LibraryEntry(
        "necklace", .function, "Rational -> [Int] -> Pattern Bool", arity: 2,
        help: "A rhythm from gaps: `necklace 12 [4, 2]` is a true, three falses, a true, a false, 12 steps a cycle.",
        example: "struct (necklace 12 [4, 2]) $ s \"bd\"", as: .control
      ) { args in
        let perCycle = try args.number(0)
        let gaps: [Int] = try args.list(1).map { a in
          guard case .number(let r) = a.value, r.isInteger, abs(r.numerator) <= 1 << 16 else {
            throw args.typeError(1, wants: "a list of whole numbers")
          }
          return Int(r.numerator)
        }
        // list (x:xs) = (True : replicate (x-1) False) ++ list xs
        let steps = gaps.flatMap { x in [true] + Array(repeating: false, count: max(0, x - 1)) }
        let total = Rational(Int64(gaps.reduce(0, +)))
        guard perCycle != .zero, total != .zero else { return .pattern(PatternValue(.bool, .silence)) }
        do {
          return .pattern(PatternValue(.bool, try Pattern.fastFromList(steps.map(Atom.bool)).slow(total / perCycle)))
        } catch {
          throw LanguageError(.invalidArgument, "\(error)", at: args.items[0].position)
        }
      },
      LibraryEntry(
        "inv", .function, "Functor f => f Bool -> f Bool", arity: 1,
        help: "Turns true into false and false into true.", example: "struct (inv \"t f t t\") $ s \"bd\"",
        as: .control
      ) { args in
        .pattern(PatternValue(.bool, try args.bools(0).map { b in Atom.bool(!b) }))
      },
      LibraryEntry(
        "soak", .function, "Int -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 3,
        help: "Plays the pattern, then the function of it, then the function of that …, a cycle each, n in all.",
        example: "soak 3 (fast 2) \"a b\""
      ) { args in
        let depth = try depth(args)
        let f = try args.transform(1)
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            // cat $ take depth $ iterate f p
            var layers = [p]
            while layers.count < depth { layers.append(try f(t, layers[layers.count - 1])) }
            return .slowcat(Array(layers.prefix(depth)))
          })
      },
      LibraryEntry(
        "snowball", .function,
        "Int -> (Pattern a -> Pattern a -> Pattern a) -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a",
        arity: 4,
        help: "Like `soak`, each cycle combining (with the given operator) what came before with the function of it.",
        example: "snowball 4 (+) (fast 2) $ n \"0 7\"", as: .control
      ) { args in
        let depth = try depth(args)
        let combine = args.items[1]
        let f = try args.transform(2)
        let position = args.items[3].position
        return .pattern(
          try args.pattern(3).mapTyped { t, p in
            // cat $ take depth $ scanl combine p $ drop 1 $ iterate f p
            var layers = [p]
            var next = p
            while layers.count < depth {
              next = try f(t, next)
              layers.append(try combined(combine, layers[layers.count - 1], next, t, at: position))
            }
            return .slowcat(Array(layers.prefix(depth)))
          })
      },
    ]
  }

  /// The `n` lowest bits of `x`, the highest first (Haskell's `testBit` on a 64-bit `Int`).
  static func bits(_ x: Int, _ n: Int) -> [Bool] {
    (0..<max(0, n)).reversed().map { i in i < 64 && (x >> i) & 1 == 1 }
  }

  /// Tidal's `_binaryN n p = squeezeJoin $ fastFromList . bits n <$> p`.
  static func binaryN(_ n: Int, _ numbers: Pattern<Int>) throws -> Pattern<Atom> {
    guard n <= 1 << 12 else { throw PatternError.invalidArgument("binaryN: \(n) bits are too many") }
    return .squeezeJoin(numbers.map { x in .fastFromList(bits(x, n).map(Atom.bool)) })
  }

  static func depth(_ args: Arguments) throws -> Int {
    let d = try args.number(0)
    guard d.isInteger, d.numerator <= 1 << 10 else { throw args.typeError(0, wants: "a whole number up to 1024") }
    return Int(max(0, d.numerator))
  }

  /// `combine a b` for a function value given by the user, checked to give a pattern of `type`.
  static func combined(
    _ combine: Argument, _ a: Pattern<Atom>, _ b: Pattern<Atom>, _ type: ElementType, at position: SourcePosition
  ) throws -> Pattern<Atom> {
    let evaluator = Evaluator()
    let partial = try evaluator.apply(
      combine.value, Argument(value: .pattern(PatternValue(type, a)), position: position))
    let result = try evaluator.apply(partial, Argument(value: .pattern(PatternValue(type, b)), position: position))
    guard let p = try Arguments.asPattern(Argument(value: result, position: position)) else {
      throw LanguageError(.type, "the function given to `snowball` returns \(result.kindDescription)", at: position)
    }
    return try p.pattern(as: type)
  }
}
