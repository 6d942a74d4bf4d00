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

  /// Tidal's `randStruct n`: in each cycle the n arcs of `randArcs n`, numbered in order,
  /// split at cycle boundaries. The arcs' weights are the first event of `randArcs`' list
  /// pattern over the cycle.
  static func randStruct(_ n: Int) -> Pattern<Int> {
    let weights = randArcWeights(n)
    return Pattern<Int> { st, out in
      guard n > 0 else { return }
      let cycle = st.arc.begin.floor
      let next = try cycle + .one
      guard let first = try weights.query(State(arc: Arc(cycle, next), context: st.context)).first?.value
      else { return }
      let total = Rational(Int64(first.reduce(0, +)))
      var begin = Rational.zero
      var running = 0
      for (i, w) in first.enumerated() {
        running += w
        let end = i == n - 1 ? Rational.one : try Rational(Int64(running)) / total
        let whole = Arc(try cycle + begin, try cycle + end)
        if let part = st.arc.intersection(whole) { out.append(Event(whole: whole, part: part, value: i)) }
        begin = end
      }
    }.splitQueries()
  }

  /// The weights of Tidal's `randArcs n`, built as Tidal builds them, because its nested
  /// applicative queries decide which random numbers are read:
  /// `mapM (\x -> pure (x/n) <~ choose [1,2,3]) [0 .. n-1]`, where `mapM` folds with `<*>`
  /// from `pure []` and `choose xs = (xs !!!) . floor <$> range 0 3 rand` with
  /// `range from to p = f <$> from *> to *> p` (analog, split at cycle boundaries). The shift
  /// is `tParam rotL` of a constant: a plain shift for queries within one cycle.
  static func randArcWeights(_ n: Int) -> Pattern<[Int]> {
    let range = Pattern<Double>.pure(0).zip(Pattern<Double>.pure(3), structure: .right) { _, to in to }
      .zip(Pattern<Double>.rand, structure: .right) { to, v in v * to }
    let choose = range.map { v in [1, 2, 3][try Arith.haskellMod(Int(v.rounded(.down)), 3)] }
    var lists = Pattern<[Int]>.pure([])
    for x in (0..<max(0, n)).reversed() {
      let shifted = choose.rotL((try? Rational(Int64(x), Int64(n))) ?? .zero)
      lists = shifted.zip(lists, structure: .both) { v, rest in [v] + rest }
    }
    return lists
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
