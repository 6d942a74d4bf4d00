import Pattern
import Time

extension Library {
  /// Boolean rhythms (`euclidOffBool`, `binary`, `ascii`, `inv`), `wedge`, `when`,
  /// `timeLoop`, `eoff`, and random orders (`randrun`, `cycleChoose`).
  static var rhythmFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "euclidOffBool", .function,
        "Pattern Int -> Pattern Int -> Pattern Int -> Pattern Bool -> Pattern Bool", arity: 4,
        help: "A rotated Euclidean rhythm of booleans: true where the rhythm and the pattern agree.",
        example: "struct (euclidOffBool 3 8 2 \"t\") \"a\"", as: .string
      ) { args in
        let k = try args.ints(0)
        let n = try args.ints(1)
        let r = try args.ints(2)
        let p = try args.bools(3)
        return .pattern(PatternValue(.bool, p.euclidBool(k, n, rotation: r).map { .bool($0) }))
      },
      transform(
        "eoff", "Pattern Int -> Pattern Int -> Pattern Int -> Pattern a -> Pattern a", arity: 4,
        help: "The same as `euclidOff`.", example: "eoff 3 8 2 \"bd\""
      ) { args, p in
        .patterned(try args.ints(0), try args.ints(1), try args.ints(2)) { k, n, r in
          try p.euclid(k, n, rotation: r)
        }
      },
      LibraryEntry(
        "inv", .function, "Functor f => f Bool -> f Bool", arity: 1,
        help: "Swaps true and false.", example: "struct (inv \"t f t t\") \"a\"", as: .string
      ) { args in .pattern(PatternValue(.bool, try args.bools(0).map { .bool(!$0) })) },
      LibraryEntry(
        "binaryN", .function, "Pattern Int -> Pattern Int -> Pattern Bool", arity: 2,
        help: "Each number as n booleans, its bits from the highest, squeezed into its event.",
        example: "struct (binaryN 4 \"<5 9>\") \"a\"", as: .string
      ) { args in
        let n = try args.ints(0)
        let numbers = try args.ints(1)
        return .pattern(PatternValue(.bool, .patterned(n) { n in binary(n, numbers) }))
      },
      LibraryEntry(
        "binary", .function, "Pattern Int -> Pattern Bool", arity: 1,
        help: "Each number as 8 booleans (`binaryN 8`).", example: "struct (binary 170) \"a\"", as: .string
      ) { args in .pattern(PatternValue(.bool, binary(8, try args.ints(0)))) },
      LibraryEntry(
        "ascii", .function, "Pattern String -> Pattern Bool", arity: 1,
        help: "Each word as the bits of its characters, 8 per character.",
        example: "struct (ascii \"<hi ok>\") \"a\"", as: .string
      ) { args in
        let words = try args.strings(0)
        return .pattern(
          PatternValue(
            .bool,
            .squeezeJoin(
              words.map { w in
                Pattern<Atom>.fastFromList(w.unicodeScalars.flatMap { bits(8, Int($0.value)) }.map { .bool($0) })
              })))
      },
      LibraryEntry(
        "when", .function, "(Int -> Bool) -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 3,
        help: "Applies the function in cycles whose number passes the test: `when (> 3) (fast 2)`.",
        example: "when (> 3) (fast 2) \"a b\""
      ) { args in
        let test = try predicate(args, 0)
        let f = try args.transform(1)
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            let fp = try f(t, p)
            return Pattern { st, out in
              try (try test(.number(st.arc.begin.floor)) ? fp : p).queryInto(st, &out)
            }.splitQueries()
          })
      },
      LibraryEntry(
        "randrun", .function, "Int -> Pattern Int", arity: 1,
        help: "The numbers 0 to n-1 in a random order each cycle.", example: "randrun 4", as: .int
      ) { args in
        let n = try args.number(0)
        guard n.isInteger, !n.isNegative else { throw args.typeError(0, wants: "a whole number") }
        if n.isZero { return .pattern(PatternValue(.int, .silence)) }
        return .pattern(PatternValue(.int, Pattern<Int>.randrun(Int(n.numerator)).map { .int($0) }))
      },
      LibraryEntry(
        "cycleChoose", .function, "[a] -> Pattern a", arity: 1,
        help: "A random value of the list, one per cycle (`segment 1 . choose`).",
        example: "cycleChoose [0, 2, 7]", as: .double
      ) { args in
        guard case .pattern(let p) = try chooseBy(args, by: .rand, list: 0) else { return .list([]) }
        return .pattern(p.map { $0.segment(.one) })
      },
    ]
  }

  /// `__binary n x`: the n lowest bits of x, highest first.
  static func bits(_ n: Int, _ x: Int) -> [Bool] {
    guard n > 0 else { return [] }
    return (0..<n).reversed().map { i in i < Int.bitWidth && (x >> i) & 1 == 1 }
  }

  /// `squeezeJoin $ _binary n <$> p`.
  static func binary(_ n: Int, _ numbers: Pattern<Int>) -> Pattern<Atom> {
    if n <= 0 { return .silence }
    return .squeezeJoin(numbers.map { x in Pattern<Atom>.fastFromList(bits(n, x).map { .bool($0) }) })
  }
}
