import Pattern
import Time

extension Library {
  /// Functions that apply another function in some cycles or places: `every`, `whenmod`,
  /// `while`, `chunk`, `superimpose`, `off`, `layer`, `brak`.
  static var conditionalFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "every", .function, "Pattern Int -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 3,
        help: "Applies a function every n cycles (cycles 0, n, 2n …).", example: "every 2 (fast 2) \"bd sn\""
      ) { args in
        let n = try args.ints(0)
        let f = try args.transform(1)
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            let fp = try f(t, p)
            return .patterned(n) { n in
              if n == 0 { return p }
              return p.when({ c in (try? Arith.haskellMod(Int(truncatingIfNeeded: c), n)) == 0 }, fp)
            }
          })
      },
      LibraryEntry(
        "whenmod", .function, "Pattern Time -> Pattern Time -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a",
        arity: 4,
        help: "Applies a function when the cycle modulo a is at least b: `whenmod 4 2` in cycles 2, 3, 6, 7 …",
        example: "whenmod 4 2 rev \"a b c\""
      ) { args in
        let a = try args.rationals(0)
        let b = try args.rationals(1)
        let f = try args.transform(2)
        return .pattern(
          try args.pattern(3).mapTyped { t, p in
            let fp = try f(t, p)
            return .patterned(a, b) { a, b in
              p.whenT({ time in try Arith.modRational(time, a) >= b }, fp)
            }
          })
      },
      LibraryEntry(
        "while", .function, "Pattern Bool -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 3,
        help: "Applies a function where the boolean pattern is true.", example: "while \"1 0\" (fast 2) \"a b c d\""
      ) { args in
        let b = try args.bools(0)
        let f = try args.transform(1)
        return .pattern(try args.pattern(2).mapTyped { t, p in try f(t, p).sew(b, p) })
      },
      LibraryEntry(
        "chunk", .function, "Pattern Int -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 3,
        help: "Divides the cycle into n parts and applies the function to one part per cycle, in turn.",
        example: "chunk 4 (fast 2) \"a b c d\""
      ) { args in
        let n = try args.ints(0)
        let f = try args.transform(1)
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            let fp = try f(t, p)
            return .patterned(n) { n in
              .lazySlowcat(count: Int64(n)) { i in
                let s = try Rational(i, Int64(n))
                let e = try Rational(i + 1, Int64(n))
                return p.within(s, e, fp)
              }
            }
          })
      },
      transform(
        "id", "a -> a", arity: 1, help: "Leaves its argument unchanged (useful in `layer` lists).",
        example: "layer [id, rev] \"a b\""
      ) { _, p in p },
      transform(
        "brak", "Pattern a -> Pattern a", arity: 1,
        help: "Squashes every other cycle into a half cycle shifted by a quarter, like a breakbeat.",
        example: "brak \"a b\""
      ) { _, p in
        p.when({ c in c & 1 == 1 }, Pattern.fastcat([p, .silence]).rotR(try Rational(1, 4)))
      },
      LibraryEntry(
        "superimpose", .function, "(Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 2,
        help: "Plays the pattern together with a transformed copy.", example: "superimpose (fast 2) \"bd sn\""
      ) { args in
        let f = try args.transform(0)
        return .pattern(try args.pattern(1).mapTyped { t, p in .stack([p, try f(t, p)]) })
      },
      LibraryEntry(
        "off", .function, "Pattern Time -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 3,
        help: "Superimposes a transformed copy shifted later by the given time.",
        example: "off 0.25 (# crush 4) $ s \"bd sn\"", as: .control
      ) { args in
        let time = try args.rationals(0)
        let f = try args.transform(1)
        return .pattern(
          try args.pattern(2).mapTyped { ty, p in
            .patterned(time) { t in .stack([p, try f(ty, p.rotR(t))]) }
          })
      },
      LibraryEntry(
        "layer", .function, "[a -> Pattern b] -> a -> Pattern b", arity: 2,
        help: "Applies each function of a list to the pattern and plays the results together.",
        example: "layer [rev, fast 2] \"a b c\""
      ) { args in
        let fs = try args.list(0).enumerated().map { i, a in
          try Arguments.transform(a, in: "layer", ordinal: 0)
        }
        return .pattern(try args.pattern(1).mapTyped { t, p in .stack(try fs.map { try $0(t, p) }) })
      },
    ]
  }
}
