import Pattern
import Time

extension Library {
  /// Patterns made from numbers, text and repetition: Tidal's `binaryN`, `binary`, `ascii`,
  /// `necklace`, `inv`, `soak`, `snowball`.
  static var generatorFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "necklace", .function, "Rational -> [Int] -> Pattern Bool", arity: 2,
        help: "A rhythm from gaps: `necklace 12 [4, 2]` is a true, three falses, a true, a false, 12 steps a cycle.",
        example: "struct (necklace 12 [4, 2]) $ s \"bd\"", as: .control
      ) { args in
        let perCycle = try args.number(0)
        let gaps: [Int] = try args.list(1).map { a in
          guard case .number(let r, _) = a.value, r.isInteger, abs(r.numerator) <= 1 << 16 else {
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
