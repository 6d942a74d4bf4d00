import Pattern
import Time

extension Library {
  /// Copies of a pattern in random-length stripes: Tidal 1.9.5's `randStruct`, `substruct'`,
  /// `stripe` and `slowstripe` (Sound.Tidal.UI).
  static var stripeFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "randStruct", .function, "Int -> Pattern Int", arity: 1,
        help: "Splits each cycle into n random-length parts numbered 0 to n-1 (lengths in the ratio 1, 2 or 3).",
        example: "randStruct 4", as: .int
      ) { args in .pattern(PatternValue(.int, randStruct(try plainInt(args, 0)).map { Atom.int($0) })) },
      transform(
        "substruct'", "Pattern Int -> Pattern a -> Pattern a", arity: 2,
        help:
          "Plays a cycle of the pattern squeezed into each event of the integer pattern, the i-th shifted i times the events per cycle.",
        example: "substruct' (randStruct 3) \"a b\""
      ) { args, p in substructShifted(try args.ints(0), p) },
      transform(
        "stripe", "Pattern Int -> Pattern a -> Pattern a", arity: 2,
        help: "Repeats the pattern n times a cycle, each repetition a random length, together one cycle.",
        example: "stripe 2 \"a b\""
      ) { args, p in
        .patterned(try args.ints(0)) { n in substructShifted(randStruct(n), p) }
      },
      transform(
        "slowstripe", "Pattern Int -> Pattern a -> Pattern a", arity: 2,
        help: "`stripe`, slowed by n: the stripes last one cycle on average.",
        example: "slowstripe 2 \"a b\""
      ) { args, p in
        // slow (toRational <$> n) . stripe n: both read the same pattern of counts.
        let counts = try args.ints(0)
        let striped = Pattern<Atom>.patterned(counts) { n in substructShifted(randStruct(n), p) }
        return .patterned(counts) { n in n == 0 ? .silence : try striped.slow(Rational(Int64(n))) }
      },
    ]
  }

  /// A plain `Int` argument (a number that must be whole).
  static func plainInt(_ args: Arguments, _ i: Int) throws -> Int {
    let r = try args.number(i)
    guard r.denominator == 1, let n = Int(exactly: r.numerator) else {
      throw args.typeError(i, wants: "a whole number")
    }
    return n
  }

  /// Tidal's `randStruct n`: in each cycle the n arcs of `randArcs n`, the x-th with weight
  /// `choose [1, 2, 3]` sampled at the cycle's middle plus x/n, numbered in order; split at
  /// cycle boundaries.
  static func randStruct(_ n: Int) -> Pattern<Int> {
    Pattern<Int> { st, out in
      guard n > 0 else { return }
      let cycle = st.arc.begin.floor
      let count = Rational(Int64(n))
      var weights: [Rational] = []
      for x in 0..<n {
        // choose [1,2,3] shifted x/n earlier, queried over the cycle: rand at its middle + x/n.
        let t = try cycle + .half + (try Rational(Int64(x)) / count)
        weights.append(Rational(Int64((try TidalRandom.value(at: t) * 3).rounded(.down)) + 1))
      }
      let total = try weights.reduce(.zero) { try $0 + $1 }
      var begin = Rational.zero
      var running = Rational.zero
      for (i, w) in weights.enumerated() {
        running = try running + w
        let end = i == n - 1 ? Rational.one : try running / total
        let whole = Arc(try cycle + begin, try cycle + end)
        if let part = st.arc.intersection(whole) { out.append(Event(whole: whole, part: part, value: i)) }
        begin = end
      }
    }.splitQueries()
  }

  /// Tidal's `substruct' s p`: for each event of `s` with whole `w` and value i, the query of
  /// `compressArcTo w (inside (1/len) (rotR i) p)` over `w` itself, where len is the number of
  /// events of `s` in the query's first cycle; `inside (1/len) (rotR i)` is `rotR (i * len)`.
  /// Events without wholes are skipped.
  static func substructShifted(_ s: Pattern<Int>, _ p: Pattern<Atom>) -> Pattern<Atom> {
    Pattern { st, out in
      var events: [Event<Int>] = []
      try s.queryInto(st, &events)
      guard !events.isEmpty else { return }
      let sam = st.arc.begin.floor
      let len = Rational(Int64(try s.query(sam, try sam + .one).count))
      for e in events {
        guard let w = e.whole else { continue }
        let wSam = w.begin.floor
        let shifted = p.rotR(try Rational(Int64(e.value)) * len)
        try shifted.compress(try w.begin - wSam, try w.end - wSam).queryInto(st.with(arc: w), &out)
      }
    }
  }
}
