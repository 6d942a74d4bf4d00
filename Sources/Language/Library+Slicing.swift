import Controls
import Pattern
import Time

extension Library {
  /// Sample slicing beyond `chop` and `striate`: Tidal 1.9's `striateBy`, `slice`, `splice`,
  /// `randslice`, `loopAt`, `chew`, `bite`, `squeeze`, `fit`, `gap`, `smash`, `stutter`.
  static var slicingFunctions: [LibraryEntry] {
    [
      striateBy("striateBy"), striateBy("striate'"),
      LibraryEntry(
        "slice", .function, "Pattern Int -> Pattern Int -> ControlPattern -> ControlPattern", arity: 3,
        help: "Cuts each sample into n slices and plays the slices the index pattern names.",
        example: "slice 4 \"0 2\" $ s \"bev\"", as: .control
      ) { args in
        .pattern(PatternValue(.control, slice(try args.ints(0), try args.ints(1), try args.typed(2, .control))))
      },
      LibraryEntry(
        "splice", .function, "Pattern Int -> Pattern Int -> ControlPattern -> Pattern (Map.Map String Value)", arity: 3,
        help: "Like `slice`, with `speed` (and `unit \"c\"`) set so each slice fits its event.",
        example: "splice 4 \"0 2\" $ s \"bev\"", as: .control
      ) { args in
        let indices = try args.ints(1)
        let p = try args.typed(2, .control)
        return .pattern(
          PatternValue(.control, Pattern<Atom>.patterned(try args.ints(0)) { bits in try splice(bits, indices, p) }))
      },
      LibraryEntry(
        "randslice", .function, "Pattern Int -> ControlPattern -> ControlPattern", arity: 2,
        help: "Plays a randomly chosen one of n slices of each sample, a new one each cycle.",
        example: "randslice 4 $ s \"bev\"", as: .control
      ) { args in
        let p = try args.typed(1, .control)
        return .pattern(
          PatternValue(
            .control,
            Pattern<Atom>.patterned(try args.ints(0)) { n in
              guard n != 0 else { throw PatternError.invalidArgument("randslice: 0 slices") }
              return .innerJoin(irand(n).map { i in try sliceOne(n, i, p) })
            }))
      },
      LibraryEntry(
        "loopAt", .function, "Pattern Time -> ControlPattern -> ControlPattern", arity: 2,
        help: "Slows a pattern by n cycles and sets `speed` (with `unit \"c\"`) so a sample fills them.",
        example: "loopAt 2 $ chop 4 $ s \"break\"", as: .control
      ) { args in
        let n = try args.rationals(0)
        let p = try args.typed(1, .control)
        let slowed = Pattern<Atom>.patterned(n) { r in try p.slow(r) }
        let speed = n.map { r in Atom.control(ControlMap("speed", .float(try r.reciprocal().doubleValue))) }
        return .pattern(PatternValue(.control, setUnitC(combine("*", .left, slowed, speed))))
      },
      LibraryEntry(
        "chew", .function, "Pattern Int -> Pattern Int -> ControlPattern -> ControlPattern", arity: 3,
        help: "Like `bite`, but speeds each bite up or down (by `speed`) as it is squeezed or stretched.",
        example: "chew 4 \"0 1 [2 3]\" $ n \"0 .. 7\" # s \"drum\"", as: .control
      ) { args in
        let indices = try args.ints(1)
        let p = try args.typed(2, .control)
        return .pattern(
          PatternValue(.control, Pattern<Atom>.patterned(try args.ints(0)) { n in try chew(n, indices, p) }))
      },
      transform(
        "bite", "Pattern Int -> Pattern Int -> Pattern a -> Pattern a", arity: 3,
        help: "Cuts each cycle into n bites and plays them in the order of the index pattern.",
        example: "bite 4 \"0 2*2\" \"a b c d e f g h\""
      ) { args, p in
        let indices = try args.ints(1)
        return .patterned(try args.ints(0)) { n in .squeezeJoin(indices.map { i in try bite(n, i, p) }) }
      },
      LibraryEntry(
        "squeeze", .function, "Pattern Int -> [Pattern a] -> Pattern a", arity: 2,
        help: "Squeezes the patterns of a list, chosen by index, into the events of the index pattern.",
        example: "squeeze \"0 [1 0]\" [\"a b\", \"c d e\"]"
      ) { args in
        let indices = try args.ints(0)
        let items = try patternList(args, 1)
        return .pattern(
          try PatternValue.combine(items) { _, ps in
            if ps.isEmpty { return .silence }
            return .squeezeJoin(indices.map { i in ps[try Arith.haskellMod(i, ps.count)] })
          })
      },
      LibraryEntry(
        "fit", .function, "Pattern Int -> [a] -> Pattern Int -> Pattern a", arity: 3,
        help: "Picks values from a list by index, the indices moving on by the step each cycle.",
        example: "fit 1 [\"bd\", \"sn\", \"hh\"] \"0 [1 2] 3\""
      ) { args in try fit(args) },
      LibraryEntry(
        "gap", .function, "Pattern Int -> ControlPattern -> ControlPattern", arity: 2,
        help: "Like `chop`, but only every other part plays.", example: "gap 4 $ s \"bev\"", as: .control
      ) { args in
        let p = try args.controls(1)
        let one = Pattern<Atom>.pure(.control(ControlMap("n", .int(1))))
        let gate = Pattern<Atom>.slowcat([one, .silence])
        return .pattern(
          PatternValue(
            .control,
            Pattern<Atom>.patterned(try args.ints(0)) { n in
              let chopped = chop(p, n).map { Atom.control($0) }
              return combine(">", .both, gate.fast(Rational(Int64(n))), chopped)
            }))
      },
      smash(
        "smash", "Pattern Int -> [Pattern Time] -> ControlPattern -> Pattern ValueMap",
        help: "Striates the pattern into n parts and plays it slowed by each factor in turn."),
      smash(
        "smash'", "Int -> [Pattern Time] -> ControlPattern -> ControlPattern",
        help: "Like `smash`, with `chop` instead of `striate`."),
      transform(
        "stutter", "Integral i => i -> Time -> Pattern a -> Pattern a", arity: 3,
        help: "Plays n copies, each shifted later by the given time more than the last.",
        example: "stutter 4 (1/16) $ s \"bd cp\"", as: .control
      ) { args, p in
        let n = try args.number(0)
        let t = try args.number(1)
        guard n <= Rational(Int64(maxRunLength)) else {
          throw LanguageError(.invalidArgument, "stutter: at most \(maxRunLength) copies", at: args.items[0].position)
        }
        let count = Int64(n.floor.numerator)
        guard count > 0 else { return .silence }
        return .stack(try (0..<count).map { i in p.rotR(try t * Rational(i)) })
      },
    ]
  }

  /// `striateBy` and its alias `striate'`: n parts of length f per sample, over one cycle.
  static func striateBy(_ name: String) -> LibraryEntry {
    LibraryEntry(
      name, .function, "Pattern Int -> Pattern Double -> ControlPattern -> ControlPattern", arity: 3,
      help: "Like `striate`, with each part f of the sample long (parts may overlap).",
      example: "\(name) 2 0.5 $ s \"bd sn\"", as: .control
    ) { args in
      let p = try args.typed(2, .control)
      return .pattern(
        PatternValue(
          .control, Pattern<Atom>.patterned(try args.ints(0), try args.doubles(1)) { n, f in try striateBy(n, f, p) }))
    }
  }

  /// Tidal's `_striateBy`: `fastcat` of n copies, the i-th with begin i·slot and end i·slot + f.
  static func striateBy(_ n: Int, _ f: Double, _ p: Pattern<Atom>) throws -> Pattern<Atom> {
    guard n <= maxRunLength else { throw PatternError.invalidArgument("striateBy: at most \(maxRunLength) parts") }
    guard n > 0 else { return .silence }
    let slot = (1 - f) / Double(n)
    return .fastcat(
      (0..<n).map { i in
        let range = ControlMap([("begin", .float(slot * Double(i))), ("end", .float(slot * Double(i) + f))])
        return combine(">", .left, p, .pure(.control(range)))
      })
  }

  /// `smash` (parts by `striate`) and `smash'` (by `chop`): the parts slowed by each factor.
  static func smash(_ name: String, _ signature: String, help: String) -> LibraryEntry {
    LibraryEntry(
      name, .function, signature, arity: 3,
      help: help, example: "\(name) 3 [2, 3, 4] $ s \"ho ho:2 ho:3 hc\"", as: .control
    ) { args in
      let n = try args.ints(0)
      let factors = try patternList(args, 1).map { try $0.pattern(as: .rational).compactMap(\.rationalValue) }
      let p = try args.controls(2)
      let parts: Pattern<ControlMap> =
        name == "smash"
        ? .patterned(n) { n in try striateParts(p, n) } : .patterned(n) { n in chop(p, n) }
      let atoms = parts.map { Atom.control($0) }
      return .pattern(
        PatternValue(.control, .slowcat(factors.map { f in Pattern<Atom>.patterned(f) { r in try atoms.slow(r) } })))
    }
  }

  /// Tidal's `_striate`.
  static func striateParts(_ p: Pattern<ControlMap>, _ n: Int) throws -> Pattern<ControlMap> {
    guard n <= maxRunLength else { throw PatternError.invalidArgument("striate: at most \(maxRunLength) parts") }
    if n <= 0 { return .silence }
    return .fastcat((0..<n).map { i in p.map { m in playRange(m, Double(i) / Double(n), Double(i + 1) / Double(n)) } })
  }

  /// Tidal's `slice`: structure from the indices (`begin b # end e # p`).
  static func slice(_ counts: Pattern<Int>, _ indices: Pattern<Int>, _ p: Pattern<Atom>) -> Pattern<Atom> {
    let ranges = indices.zip(counts, structure: .left) { i, n -> Atom in
      guard n != 0 else { throw PatternError.invalidArgument("slice: 0 slices") }
      func part(_ k: Int) throws -> Double { Double(try Arith.haskellMod(k, n)) / Double(n) }
      let b = try part(i)
      return .control(ControlMap([("begin", .float(b)), ("end", .float(b + (try part(1))))]))
    }
    return combine(">", .left, ranges, p)
  }

  /// Tidal's `_slice`: the i-th of n slices, structure from the pattern.
  static func sliceOne(_ n: Int, _ i: Int, _ p: Pattern<Atom>) throws -> Pattern<Atom> {
    let range = ControlMap([("begin", .float(Double(i) / Double(n))), ("end", .float(Double(i + 1) / Double(n)))])
    return combine(">", .left, p, .pure(.control(range)))
  }

  /// Tidal's `_splice`: a slice whose `speed` is multiplied so it lasts its event's whole.
  static func splice(_ bits: Int, _ indices: Pattern<Int>, _ p: Pattern<Atom>) throws -> Pattern<Atom> {
    let sliced = slice(.pure(bits), indices, p)
    let q = sliced.queryInto
    let fitted = Pattern<Atom> { st, out in
      var events: [Event<Atom>] = []
      try q(st, &events)
      for e in events {
        guard case .control(var m) = e.value, let w = e.whole else {
          out.append(e)
          continue
        }
        let d = (1 / Double(bits)) / (try w.end - w.begin).doubleValue
        if case .float(let s) = m["speed"] { m["speed"] = .float(d * s) } else { m["speed"] = .float(d) }
        out.append(Event(whole: e.whole, part: e.part, value: .control(m), context: e.context))
      }
    }
    return setUnitC(fitted)
  }

  /// Tidal's `_chew`: `bite` with `speed` scaled by how much each bite is squeezed.
  static func chew(_ n: Int, _ indices: Pattern<Int>, _ p: Pattern<Atom>) throws -> Pattern<Atom> {
    let iq = indices.queryInto
    // Each index event carries its whole, so its bite can be sped up by 1/(its duration)
    // before being squeezed into it (Tidal's `squeezeJoinUp`).
    let withWholes = Pattern<(Int, Arc?)> { st, out in
      var events: [Event<Int>] = []
      try iq(st, &events)
      for e in events { out.append(Event(whole: e.whole, part: e.part, value: (e.value, e.whole), context: e.context)) }
    }
    let inner = withWholes.map { i, whole -> Pattern<Atom> in
      let bitten = try bite(n, i, p)
      guard let w = whole else { return bitten }
      let factor = try (try w.end - w.begin).reciprocal().doubleValue
      return combine("*", .left, bitten, .pure(.control(ControlMap("speed", .float(factor)))))
    }
    let squeezed = Pattern<Atom>.squeezeJoin(inner)
    return combine("/", .left, squeezed, .pure(.control(ControlMap("speed", .float(Double(n))))))
  }

  /// The i-th of n bites of each cycle (Tidal's `zoompat` in `_bite`).
  static func bite(_ n: Int, _ i: Int, _ p: Pattern<Atom>) throws -> Pattern<Atom> {
    guard n != 0 else { throw PatternError.invalidArgument("bite: 0 bites") }
    let k = Rational(Int64(try Arith.haskellMod(i, n)))
    let size = Rational(Int64(n))
    return try p.zoom(try k / size, try (k + .one) / size)
  }

  /// Tidal's `fit`: `(xs !!!) <$> p`, each index raised by step × the cycle of its part.
  static func fit(_ args: Arguments) throws -> Value {
    let steps = try args.ints(0)
    let items = try args.list(1)
    let indices = try args.ints(2)
    let itemPatterns = try items.map { a in
      guard let p = try Arguments.asPattern(a) else { throw args.typeError(1, wants: "a list of values") }
      return p
    }
    let iq = indices.queryInto
    return .pattern(
      try PatternValue.combine(itemPatterns) { _, ps in
        // Each list item is a plain value: the value of its pattern's first event.
        let values: [Atom] = try ps.map { p in
          guard let v = try p.query(.zero, .one).first?.value else {
            throw PatternError.invalidArgument("fit: a list item has no value")
          }
          return v
        }
        if values.isEmpty { return .silence }
        return .patterned(steps) { step in
          Pattern<Atom> { st, out in
            var events: [Event<Int>] = []
            try iq(st, &events)
            for e in events {
              let cycle = Int(truncatingIfNeeded: e.part.begin.floor.numerator)
              let i = e.value &+ step &* cycle
              out.append(
                Event(
                  whole: e.whole, part: e.part, value: values[try Arith.haskellMod(i, values.count)], context: e.context
                ))
            }
          }
        }
      })
  }

  /// The items of a list argument as patterns.
  static func patternList(_ args: Arguments, _ i: Int) throws -> [PatternValue] {
    try args.list(i).map { a in
      guard let p = try Arguments.asPattern(a) else { throw args.typeError(i, wants: "a list of patterns") }
      return p
    }
  }

  /// `p # unit "c"`.
  static func setUnitC(_ p: Pattern<Atom>) -> Pattern<Atom> {
    combine(">", .left, p, .pure(.control(ControlMap("unit", .string("c")))))
  }

  /// Two patterns combined by one of the operator families (`+`, `*`, `>` for `#` …) with the
  /// given structure, as the operators `|+`, `|*|`, `#` … do.
  static func combine(_ op: String, _ structure: Structure, _ a: Pattern<Atom>, _ b: Pattern<Atom>) -> Pattern<Atom> {
    a.zip(b, structure: structure) { x, y in try Arith.binary(op, x, y) }
  }
}
