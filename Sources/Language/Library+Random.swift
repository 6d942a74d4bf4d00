import Pattern
import Time

extension Library {
  /// Random choices, all pure functions of time (Tidal's seeded randomness).
  static var randomFunctions: [LibraryEntry] {
    var out: [LibraryEntry] = [
      LibraryEntry(
        "sometimesBy", .function, "Pattern Double -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a",
        arity: 3,
        help: "Applies a function to each event with the given probability.",
        example: "sometimesBy 0.5 (# speed 2) $ s \"bd*8\"", as: .control
      ) { args in try sometimesBy(args, amount: try args.doubles(0), f: 1, p: 2) },
      LibraryEntry(
        "someCyclesBy", .function, "Pattern Double -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a",
        arity: 3,
        help: "Applies a function to whole cycles with the given probability.",
        example: "someCyclesBy 0.5 (# speed 2) $ s \"bd*4\"", as: .control
      ) { args in
        let amount = try args.doubles(0)
        let f = try args.transform(1)
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            let fp = try f(t, p)
            return .patterned(amount) { x in
              p.when({ c in TidalRandom.value(atDoubleTime: Double(c)) < x }, fp)
            }
          })
      },
      transform(
        "degrade", "Pattern a -> Pattern a", arity: 1,
        help: "Drops each event with probability 1/2.", example: "degrade \"hh*8\""
      ) { _, p in p.degradeBy(0.5) },
      transform(
        "degradeBy", "Pattern Double -> Pattern a -> Pattern a", arity: 2,
        help: "Drops each event with the given probability.", example: "degradeBy 0.9 \"hh*16\""
      ) { args, p in
        .patterned(try args.doubles(0)) { x in p.degradeBy(x) }
      },
      transform(
        "unDegradeBy", "Pattern Double -> Pattern a -> Pattern a", arity: 2,
        help: "Keeps exactly the events `degradeBy` would drop.", example: "unDegradeBy 0.5 \"hh*8\""
      ) { args, p in
        .patterned(try args.doubles(0)) { x in p.unDegradeBy(x) }
      },
      transform(
        "shuffle", "Pattern Int -> Pattern a -> Pattern a", arity: 2,
        help: "Plays the n parts of each cycle in a random order (a permutation).",
        example: "shuffle 4 \"a b c d\""
      ) { args, p in
        .patterned(try args.ints(0)) { n in try rearrange(p, n, Pattern<Int>.randrun(n)) }
      },
      transform(
        "scramble", "Pattern Int -> Pattern a -> Pattern a", arity: 2,
        help: "Plays n randomly chosen parts of each cycle (parts may repeat).",
        example: "scramble 4 \"a b c d\""
      ) { args, p in
        .patterned(try args.ints(0)) { n in
          try rearrange(p, n, irand(n).segment(Rational(Int64(n))))
        }
      },
      LibraryEntry(
        "randcat", .function, "[Pattern a] -> Pattern a", arity: 1,
        help: "Plays a randomly chosen pattern of the list each cycle.",
        example: "randcat [\"a\", \"b*2\", \"c d\"]"
      ) { args in
        let items = try args.list(0)
        let ps = try items.enumerated().map { i, a in
          guard let p = try Arguments.asPattern(a) else { throw args.typeError(0, wants: "a list of patterns") }
          return p
        }
        let n = ps.count
        return .pattern(
          try PatternValue.combine(ps) { _, pats in
            let cat = Pattern<Atom>.slowcat(pats)
            let shifts = irand(n).segment(.one).map { i in Rational(Int64(i)) }
            return .unwrap(shifts.map { r in cat.rotL(r) })
          })
      },
    ]
    let aliases: [(String, Double, String)] = [
      ("sometimes", 0.5, "half"), ("often", 0.75, "three quarters"), ("rarely", 0.25, "a quarter"),
      ("almostNever", 0.1, "a tenth"), ("almostAlways", 0.9, "nine tenths"),
    ]
    for (name, x, share) in aliases {
      out.append(
        LibraryEntry(
          name, .function, "(Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 2,
          help: "`sometimesBy \(x)`: applies a function to about \(share) of the events.",
          example: "\(name) (# speed 2) $ s \"bd*8\"", as: .control
        ) { args in try sometimesBy(args, amount: .pure(x), f: 0, p: 1) })
    }
    return out
  }

  /// `overlay (degradeBy x p) (f (unDegradeBy x p))`.
  static func sometimesBy(_ args: Arguments, amount: Pattern<Double>, f: Int, p: Int) throws -> Value {
    let f = try args.transform(f)
    return .pattern(
      try args.pattern(p).mapTyped { t, p in
        let kept = Pattern<Atom>.patterned(amount) { x in p.degradeBy(x) }
        let chosen = Pattern<Atom>.patterned(amount) { x in p.unDegradeBy(x) }
        return .stack([kept, try f(t, chosen)])
      })
  }

  /// Random integers in `0..<n` (Tidal's `_irand`).
  static func irand(_ n: Int) -> Pattern<Int> {
    Pattern<Double>.rand.map { r in Int((r * Double(n)).rounded(.down)) }
  }

  /// Tidal's `_rearrangeWith`: the i-th of n zoomed parts, chosen by `indices`.
  static func rearrange(_ p: Pattern<Atom>, _ n: Int, _ indices: Pattern<Int>) throws -> Pattern<Atom> {
    if n <= 0 { return .silence }
    let size = Rational(Int64(n))
    return .innerJoin(
      indices.map { i in
        let part = try p.zoom(try Rational(Int64(i)) / size, try Rational(Int64(i + 1)) / size)
        return Pattern<Atom>.lazySlowcat(count: Int64(n)) { _ in part }.fast(size)
      })
  }
}
