import Controls
import Pattern
import Time

extension Library {
  /// Wraps the common shape `f arg… pattern`: the last argument is the pattern transformed.
  static func transform(
    _ name: String, _ signature: String, arity: Int, help: String, example: String,
    as type: ElementType = .string,
    _ f: @escaping @Sendable (Arguments, Pattern<Atom>) throws -> Pattern<Atom>
  ) -> LibraryEntry {
    LibraryEntry(name, .function, signature, arity: arity, help: help, example: example, as: type) { args in
      let captured = args
      return .pattern(try args.pattern(arity - 1).map { p in try f(captured, p) })
    }
  }

  static var timeFunctions: [LibraryEntry] {
    [
      transform(
        "fast", "Pattern Time -> Pattern a -> Pattern a", arity: 2,
        help: "Speeds a pattern up by a (patterned) factor; `fast 2` plays two cycles in one.",
        example: "fast 2 \"bd sn\""
      ) { args, p in
        .patterned(try args.rationals(0)) { r in p.fast(r) }
      },
      transform(
        "slow", "Pattern Time -> Pattern a -> Pattern a", arity: 2,
        help: "Slows a pattern down by a (patterned) factor.", example: "slow 2 \"bd sn hh\""
      ) { args, p in
        .patterned(try args.rationals(0)) { r in try p.slow(r) }
      },
      LibraryEntry(
        "hurry", .function, "Pattern Rational -> ControlPattern -> ControlPattern", arity: 2,
        help: "Speeds a pattern up like `fast`, and multiplies `speed` by the same factor.",
        example: "hurry 2 $ s \"bd sn\"", as: .control
      ) { args in
        let factor = try args.rationals(0)
        let p = try args.typed(1, .control).fast(factor)
        let speed = factor.map { r in Atom.control(ControlMap("speed", .float(r.doubleValue))) }
        return .pattern(PatternValue(.control, p.zip(speed, structure: .left) { a, b in try Arith.binary("*", a, b) }))
      },
      transform(
        "rev", "Pattern a -> Pattern a", arity: 1, help: "Reverses each cycle.", example: "rev \"a b c\""
      ) { _, p in p.rev() },
      transform(
        "fastGap", "Pattern Time -> Pattern a -> Pattern a", arity: 2,
        help: "Squeezes each cycle into its first 1/n, leaving a gap.", example: "fastGap 2 \"a b\""
      ) { args, p in
        .patterned(try args.rationals(0)) { r in p.fastGap(r) }
      },
      transform(
        "compress", "(Time, Time) -> Pattern a -> Pattern a", arity: 2,
        help: "Squeezes each cycle into the span (begin, end) of the cycle.",
        example: "compress (1/4, 3/4) \"a b\""
      ) { args, p in
        let (s, e) = try args.pair(0)
        return try p.compress(s, e)
      },
      transform(
        "zoom", "(Time, Time) -> Pattern a -> Pattern a", arity: 2,
        help: "Plays only the span (begin, end) of each cycle, stretched to the whole cycle.",
        example: "zoom (0.25, 0.75) \"a b c d\""
      ) { args, p in
        let (s, e) = try args.pair(0)
        return try p.zoom(s, e)
      },
      transform(
        "ply", "Pattern Rational -> Pattern a -> Pattern a", arity: 2,
        help: "Repeats each event n times within its own span.", example: "ply 2 \"a b\""
      ) { args, p in
        .patterned(try args.rationals(0)) { n in p.ply(n) }
      },
      transform(
        "iter", "Pattern Int -> Pattern a -> Pattern a", arity: 2,
        help: "Divides the cycle into n parts and starts one part later each cycle.",
        example: "iter 4 \"a b c d\""
      ) { args, p in
        .patterned(try args.ints(0)) { n in
          .lazySlowcat(count: Int64(n)) { i in p.rotL(try Rational(i, Int64(n))) }
        }
      },
      transform(
        "iter'", "Pattern Int -> Pattern a -> Pattern a", arity: 2,
        help: "Like `iter`, but moves backwards.", example: "iter' 4 \"a b c d\""
      ) { args, p in
        .patterned(try args.ints(0)) { n in
          .lazySlowcat(count: Int64(n)) { i in p.rotR(try Rational(i, Int64(n))) }
        }
      },
      transform(
        "palindrome", "Pattern a -> Pattern a", arity: 1,
        help: "Plays forwards, then backwards, alternating cycles.", example: "palindrome \"a b c\""
      ) { _, p in .slowcat([p, p.rev()]) },
      transform(
        "rot", "Ord a => Pattern Int -> Pattern a -> Pattern a", arity: 2,
        help: "Shifts the values (not the rhythm) n steps to the left within each cycle.",
        example: "rot 1 \"a b c d\""
      ) { args, p in
        .patterned(try args.ints(0)) { i in p.rot(i, order: <) }
      },
      transform(
        "segment", "Pattern Time -> Pattern a -> Pattern a", arity: 2,
        help: "Samples a pattern n times per cycle, making discrete events (e.g. of a signal).",
        example: "segment 4 $ range 1 5 saw", as: .double
      ) { args, p in
        .patterned(try args.rationals(0)) { n in p.segment(n) }
      },
      transform(
        "linger", "Pattern Time -> Pattern a -> Pattern a", arity: 2,
        help: "Repeats the first fraction of each cycle (the last, for a negative fraction).",
        example: "linger 0.25 \"a b c d\""
      ) { args, p in
        .patterned(try args.rationals(0)) { n in
          let inverse = try n.reciprocal()
          if n.isNegative { return try p.zoom(try .one + n, .one).fast(inverse) }
          return try p.zoom(.zero, n).fast(inverse)
        }
      },
      LibraryEntry(
        "inside", .function, "Pattern Time -> (Pattern a -> Pattern b) -> Pattern a -> Pattern b", arity: 3,
        help: "Applies a function inside a cycle slowed by n: `inside 2 rev` reverses each half.",
        example: "inside 2 rev \"a b c d\""
      ) { args in try inside(args, invert: false) },
      LibraryEntry(
        "outside", .function, "Pattern Time -> (Pattern a -> Pattern b) -> Pattern a -> Pattern b", arity: 3,
        help: "Applies a function over n cycles at once: `outside 2 rev` reverses pairs of cycles.",
        example: "outside 2 rev \"<[a b] [c d]>\""
      ) { args in try inside(args, invert: true) },
      LibraryEntry(
        "swingBy", .function, "Pattern Time -> Pattern Time -> Pattern a -> Pattern a", arity: 3,
        help: "Divides each cycle into n slices and delays the second half of each by x of a slice.",
        example: "swingBy (1/3) 4 \"hh*8\""
      ) { args in
        let x = try args.rationals(0)
        let n = try args.rationals(1)
        return .pattern(
          try args.pattern(2).map { p in
            .patterned(n) { n in
              let slowed = try p.slow(n)
              let shifted = Pattern<Atom>.patterned(x) { t in slowed.rotR(t) }
              return slowed.within(.half, .one, shifted).fast(n)
            }
          })
      },
    ]
  }

  /// `inside n f p = fast n $ f (slow n p)`; `outside` uses 1/n.
  static func inside(_ args: Arguments, invert: Bool) throws -> Value {
    let n = try args.rationals(0)
    let f = try args.transform(1)
    return .pattern(
      try args.pattern(2).mapTyped { t, p in
        .patterned(n) { n in
          let k = invert ? try n.reciprocal() : n
          return try f(t, try p.slow(k)).fast(k)
        }
      })
  }
}
