import Controls
import Pattern
import Time

extension Library {
  /// Time and shape: Tidal 1.9's `swing`, `ghost…`, `chunk'`, `fastSqueeze`, `slowSqueeze`,
  /// `press`, `pressBy`, `rolled`, `rolledBy`, `every'`, `foldEvery`, `density`, `trunc`,
  /// `discretise`, `wedge`, `loopFirst`, `timeLoop`, `spaceOut`, `offadd`.
  static var timeShapeFunctions: [LibraryEntry] {
    [
      transform(
        "swing", "Pattern Time -> Pattern a -> Pattern a", arity: 2,
        help: "`swingBy (1/3)`: delays the second half of each of n slices by a third of a slice.",
        example: "swing 4 \"hh*8\""
      ) { args, p in
        swingBy(.pure(try Rational(1, 3)), try args.rationals(0), p)
      },
      LibraryEntry(
        "ghost", .function, "Pattern ValueMap -> Pattern ValueMap", arity: 1,
        help: "Adds two quieter, shorter, higher ghost notes after each event (`ghost' 0.125`).",
        example: "ghost $ s \"bd sn\"", as: .control
      ) { args in
        .pattern(PatternValue(.control, try ghost(try Rational(1, 8), try args.typed(0, .control))))
      },
      LibraryEntry(
        "ghost'", .function, "Time -> Pattern ValueMap -> Pattern ValueMap", arity: 2,
        help: "`ghost` with the ghost notes 1.5 and 2.5 times the given time later.",
        example: "ghost' 0.25 $ s \"bd\"", as: .control
      ) { args in
        .pattern(PatternValue(.control, try ghost(try args.number(0), try args.typed(1, .control))))
      },
      ghostWith("ghostWith"), ghostWith("ghost''"),
      LibraryEntry(
        "chunk'", .function, "Integral a1 => Pattern a1 -> (Pattern a2 -> Pattern a2) -> Pattern a2 -> Pattern a2",
        arity: 3,
        help: "Like `chunk`, taking the parts from last to first.", example: "chunk' 4 (fast 2) \"a b c d\""
      ) { args in
        let n = try args.ints(0)
        let f = try args.transform(1)
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            let fp = try f(t, p)
            return .patterned(n) { n in try chunkBackwards(n, p, fp) }
          })
      },
      squeezed("fastSqueeze", help: "Like `fast`, squeezing the whole sped-up cycle into each event of the factor.") {
        p, r in p.fast(r)
      },
      squeezed("slowSqueeze", help: "Like `slow`, squeezing the slowed cycle into each event of the factor.") {
        p, r in try p.slow(r)
      },
      transform(
        "press", "Pattern a -> Pattern a", arity: 1,
        help: "Moves each event to the second half of its own span (`pressBy 0.5`).", example: "press \"a b c\""
      ) { _, p in try pressBy(.half, p) },
      transform(
        "pressBy", "Pattern Time -> Pattern a -> Pattern a", arity: 2,
        help: "Moves each event's start the given fraction of the way through its span.",
        example: "pressBy 0.25 \"a b\""
      ) { args, p in
        .patterned(try args.rationals(0)) { r in try pressBy(r, p) }
      },
      transform(
        "rolled", "Pattern a -> Pattern a", arity: 1,
        help: "Strums chords: the notes of an event start one after another over its first quarter.",
        example: "rolled $ n \"[0,4,7] [2,5]\"", as: .control
      ) { _, p in rolled(by: try Rational(1, 4), p) },
      transform(
        "rolledBy", "Pattern (Ratio Integer) -> Pattern a -> Pattern a", arity: 2,
        help: "Like `rolled`, over the given fraction of each event; a negative one strums downwards.",
        example: "rolledBy \"<0.25 -0.5>\" $ n \"[0,4,7]\"", as: .control
      ) { args, p in
        .patterned(try args.rationals(0).segment(.one)) { t in rolled(by: t, p) }
      },
      LibraryEntry(
        "every'", .function, "Pattern Int -> Pattern Int -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a",
        arity: 4,
        help: "Applies a function in the cycles whose number modulo n is o: `every' 3 1` in cycles 1, 4, 7 …",
        example: "every' 3 1 (fast 2) \"a b\""
      ) { args in
        let n = try args.ints(0)
        let o = try args.ints(1)
        let f = try args.transform(2)
        return .pattern(
          try args.pattern(3).mapTyped { t, p in
            let fp = try f(t, p)
            // Tidal binds both arguments with the monad (`unwrap`), not `innerJoin`.
            return .unwrap(
              n.map { n in
                guard n != 0 else { throw PatternError.invalidArgument("every': a period of 0") }
                return .unwrap(
                  o.map { o in
                    p.when({ c in (try? Arith.haskellMod(Int(truncatingIfNeeded: c), n)) == o }, fp)
                  })
              })
          })
      },
      LibraryEntry(
        "foldEvery", .function, "[Int] -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 3,
        help: "Applies a function every n cycles for each n of a list (compounding where they meet).",
        example: "foldEvery [2, 3] (fast 2) \"a b\""
      ) { args in
        let periods: [Int] = try args.list(0).map { a in
          guard case .number(let r, _) = a.value, r.denominator == 1 else {
            throw args.typeError(0, wants: "a list of whole numbers")
          }
          return Int(truncatingIfNeeded: r.numerator)
        }
        let f = try args.transform(1)
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            // foldr (`_every` f) p ns: the last period is applied first.
            var result = p
            for n in periods.reversed() where n != 0 {
              let inner = result
              result = inner.when({ c in (try? Arith.haskellMod(Int(truncatingIfNeeded: c), n)) == 0 }, try f(t, inner))
            }
            return result
          })
      },
      transform(
        "density", "Pattern Time -> Pattern a -> Pattern a", arity: 2,
        help: "The old name of `fast`.", example: "density 2 \"a b\""
      ) { args, p in
        .patterned(try args.rationals(0)) { r in p.fast(r) }
      },
      transform(
        "trunc", "Pattern Time -> Pattern a -> Pattern a", arity: 2,
        help: "Plays only the first fraction of each cycle, leaving the rest silent.",
        example: "trunc 0.75 \"a b c d\""
      ) { args, p in
        .patterned(try args.rationals(0)) { t in try p.zoom(.zero, t).compress(.zero, t) }
      },
      transform(
        "discretise", "Pattern Time -> Pattern a -> Pattern a", arity: 2,
        help: "The same as `segment`.", example: "discretise 4 $ range 1 5 saw", as: .double
      ) { args, p in
        .patterned(try args.rationals(0)) { n in p.segment(n) }
      },
      LibraryEntry(
        "wedge", .function, "Pattern Time -> Pattern a -> Pattern a -> Pattern a", arity: 3,
        help: "Squeezes the first pattern into the first t of each cycle and the second into the rest.",
        example: "wedge (1/4) \"a b\" \"c d e\""
      ) { args in
        let split = try args.rationals(0)
        return .pattern(
          try PatternValue.combine([try args.pattern(1), try args.pattern(2)]) { _, ps in
            .innerJoin(split.map { t in try wedge(t, ps[0], ps[1]) })
          })
      },
      transform(
        "loopFirst", "Pattern a -> Pattern a", arity: 1,
        help: "Plays the first cycle of a pattern in every cycle.", example: "loopFirst \"<a b c>\""
      ) { _, p in loopFirst(p) },
      transform(
        "timeLoop", "Pattern Time -> Pattern a -> Pattern a", arity: 2,
        help: "Loops the first n cycles of a pattern (`outside n loopFirst`).", example: "timeLoop 2 \"<a b c>\""
      ) { args, p in
        .patterned(try args.rationals(0)) { n in try loopFirst(p.fast(n)).slow(n) }
      },
      transform(
        "spaceOut", "[Time] -> Pattern a -> Pattern a", arity: 2,
        help: "Plays the pattern once at each speed of a list, one after another, and loops that.",
        example: "spaceOut [1, 0.5, 2] \"a b\""
      ) { args, p in
        let lengths: [Rational] = try args.list(0).map { a in
          guard case .number(let r, _) = a.value else { throw args.typeError(0, wants: "a list of numbers") }
          return r
        }
        let total = try lengths.reduce(Rational.zero) { try $0 + $1 }
        guard !total.isZero else { throw PatternError.invalidArgument("spaceOut: the lengths add up to 0") }
        var offset = Rational.zero
        var parts: [Pattern<Atom>] = []
        for x in lengths {
          parts.append(try p.compress(try offset / total, try (offset + x) / total))
          offset = try offset + x
        }
        return try Pattern<Atom>.stack(parts).slow(total)
      },
      LibraryEntry(
        "offadd", .function, "Num a => Pattern Time -> Pattern a -> Pattern a -> Pattern a", arity: 3,
        help: "Superimposes a copy shifted later by the time, with the number added (`off t (+ n)`).",
        example: "offadd 0.25 (n 12) $ n \"0 7\"", as: .control
      ) { args in
        let time = try args.rationals(0)
        return .pattern(
          try PatternValue.combine([try args.pattern(1), try args.pattern(2)]) { _, ps in
            .patterned(time) { t in .stack([ps[1], combine("+", .both, ps[1].rotR(t), ps[0])]) }
          })
      },
    ]
  }

  /// Tidal's `loopFirst`: each query answered from cycle 0, moved to the query's cycle.
  static func loopFirst(_ p: Pattern<Atom>) -> Pattern<Atom> {
    let q = p.queryInto
    return Pattern<Atom> { st, out in
      let cycle = st.arc.begin.floor
      let start = out.count
      try q(st.with(arc: Arc(try st.arc.begin - cycle, try st.arc.end - cycle)), &out)
      for i in start..<out.count { try out[i].mapArcs { a in Arc(try a.begin + cycle, try a.end + cycle) } }
    }.splitQueries()
  }

  /// Tidal's `swingBy x n = inside n (withinArc (Arc 0.5 1) (x ~>))`.
  static func swingBy(_ x: Pattern<Rational>, _ n: Pattern<Rational>, _ p: Pattern<Atom>) -> Pattern<Atom> {
    .patterned(n) { n in
      let slowed = try p.slow(n)
      let shifted = Pattern<Atom>.patterned(x) { t in slowed.rotR(t) }
      return slowed.within(.half, .one, shifted).fast(n)
    }
  }

  /// `ghostWith` and its older name `ghost''`.
  static func ghostWith(_ name: String) -> LibraryEntry {
    LibraryEntry(
      name, .function, "Time -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 3,
      help: "Superimposes two copies transformed by the function, 1.5 and 2.5 times the time later.",
      example: "\(name) (1/8) (# speed 2) $ s \"bd sn\"", as: .control
    ) { args in
      let a = try args.number(0)
      let f = try args.transform(1)
      return .pattern(try args.pattern(2).mapTyped { t, p in try ghostWith(a, p) { try f(t, $0) } })
    }
  }

  /// `superimpose (((a*2.5) `rotR`) . f) $ superimpose (((a*1.5) `rotR`) . f) p`.
  static func ghostWith(
    _ a: Rational, _ p: Pattern<Atom>, _ f: (Pattern<Atom>) throws -> Pattern<Atom>
  ) throws -> Pattern<Atom> {
    let first = Pattern<Atom>.stack([p, try f(p).rotR(try a * Rational(3, 2))])
    return .stack([first, try f(first).rotR(try a * Rational(5, 2))])
  }

  /// Tidal's `ghost'`: ghost notes with gain × 0.7, end 0.2 and speed × 1.25.
  static func ghost(_ a: Rational, _ p: Pattern<Atom>) throws -> Pattern<Atom> {
    func control(_ key: String, _ x: Double) -> Pattern<Atom> { .pure(.control(ControlMap(key, .float(x)))) }
    return try ghostWith(a, p) { q in
      let faster = combine("*", .both, q, control("speed", 1.25))
      let shorter = combine(">", .left, faster, control("end", 0.2))
      return combine("*", .both, shorter, control("gain", 0.7))
    }
  }

  /// Tidal's `_chunk'`: the part `i` of n, with i running n-1, n-2 … 0 over n cycles (for a
  /// negative n, `chunk`'s forward order).
  static func chunkBackwards(_ n: Int, _ p: Pattern<Atom>, _ fp: Pattern<Atom>) throws -> Pattern<Atom> {
    guard n <= maxRunLength, n >= -maxRunLength else { throw PatternError.invalidArgument("chunk': too many parts") }
    if n == 0 { return .silence }
    let count = Int64(abs(n))
    if n < 0 {
      return .lazySlowcat(count: count) { i in
        p.within(try Rational(i, count), try Rational(i + 1, count), fp)
      }
    }
    let order = try Pattern<Int64>.fastFromList(Array(0..<count)).rev().slow(Rational(count))
    return .unwrap(
      order.map { i in
        p.within(try Rational(i, count), try Rational(i + 1, count), fp)
      })
  }

  /// `fastSqueeze` and `slowSqueeze` (Tidal's `tParamSqueeze`): `squeezeJoin $ (`f` p) <$> factor`.
  static func squeezed(
    _ name: String, help: String, _ f: @escaping @Sendable (Pattern<Atom>, Rational) throws -> Pattern<Atom>
  ) -> LibraryEntry {
    transform(name, "Pattern Time -> Pattern a -> Pattern a", arity: 2, help: help, example: "\(name) \"1 2\" \"a b\"")
    {
      args, p in
      .squeezeJoin(try args.rationals(0).map { r in try f(p, r) })
    }
  }

  /// Tidal's `_pressBy r pat = squeezeJoin $ (compressTo (r,1) . pure) <$> pat`.
  static func pressBy(_ r: Rational, _ p: Pattern<Atom>) throws -> Pattern<Atom> {
    let start = try r - r.floor
    let end = try .one - r.floor
    return .squeezeJoin(p.map { v in try Pattern<Atom>.pure(v).compress(start, end) })
  }

  /// Tidal 1.9's `rolledWith t`: within each run of events (in query order) that share a whole,
  /// the n-th of d starts n × |t| / d of the whole later; a negative t reverses the order first.
  static func rolled(by t: Rational, _ p: Pattern<Atom>) -> Pattern<Atom> {
    if t.isZero { return p }
    return p.withEvents { out, range in
      var events = Array(out[range])
      out.removeSubrange(range)
      if t.isNegative { events.reverse() }
      let size = t.isNegative ? -t : t
      var i = 0
      while i < events.count {
        var j = i + 1
        while j < events.count, events[j].whole == events[i].whole { j += 1 }
        let d = Rational(Int64(j - i))
        for (n, e) in events[i..<j].enumerated() {
          guard let w = e.whole else {
            out.append(e)
            continue
          }
          let step = try (try w.end - w.begin) * size / d
          let start = try w.begin + step * Rational(Int64(n))
          let whole = Arc(start, w.end)
          guard let part = whole.intersection(e.part) else { continue }
          out.append(Event(whole: whole, part: part, value: e.value, context: e.context))
        }
        i = j
      }
    }
  }

  /// Tidal's `_wedge`: `overlay (_fastGap (1/t) p) (t `rotR` _fastGap (1/(1-t)) p')`.
  static func wedge(_ t: Rational, _ p: Pattern<Atom>, _ q: Pattern<Atom>) throws -> Pattern<Atom> {
    if t.isZero { return q }
    if t == .one { return p }
    return .stack([p.fastGap(try t.reciprocal()), q.fastGap(try (.one - t).reciprocal()).rotR(t)])
  }
}
