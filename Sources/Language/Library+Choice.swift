import Pattern
import Time

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Library {
  /// Random choices from lists (`choose`, `wchoose`, `wrandcat`, `markovPat`), random
  /// booleans (`brand`), and the rest of the `sometimes` family, as Tidal's `UI` defines them.
  static var choiceFunctions: [LibraryEntry] {
    noiseFunctions + choiceEntries
  }

  static var choiceEntries: [LibraryEntry] {
    var out: [LibraryEntry] = [
      LibraryEntry(
        "chooseBy", .function, "Pattern Double -> [a] -> Pattern a", arity: 2,
        help: "Picks from the list with a pattern of numbers from 0 to 1: `chooseBy sine [0, 2, 7]`.",
        example: "segment 4 $ chooseBy sine [0, 2, 7]", as: .double
      ) { args in try chooseBy(args, by: try args.doubles(0), list: 1) },
      LibraryEntry(
        "choose", .function, "[a] -> Pattern a", arity: 1,
        help: "Picks a random value of the list (continuous, like `rand`).",
        example: "segment 4 $ choose [0, 2, 7]", as: .double
      ) { args in try chooseBy(args, by: .rand, list: 0) },
      LibraryEntry(
        "wchooseBy", .function, "Pattern Double -> [(a, Double)] -> Pattern a", arity: 2,
        help: "Like `chooseBy` with a weight for each value: `wchooseBy rand [(0, 1), (12, 0.5)]`.",
        example: "segment 4 $ wchooseBy rand [(0, 1), (12, 0.5)]", as: .double
      ) { args in try wchooseBy(args, by: try args.doubles(0), list: 1) },
      LibraryEntry(
        "wchoose", .function, "[(a, Double)] -> Pattern a", arity: 1,
        help: "Picks a random value of the list, each with its weight: `wchoose [(0, 0.25), (2, 0.5)]`.",
        example: "segment 4 $ wchoose [(0, 0.25), (2, 0.5), (7, 0.25)]", as: .double
      ) { args in try wchooseBy(args, by: .rand, list: 0) },
      LibraryEntry(
        "wrandcat", .function, "[(Pattern a, Double)] -> Pattern a", arity: 1,
        help: "Plays a randomly chosen pattern of the list each cycle, each with its weight.",
        example: "wrandcat [(\"a b\", 1), (\"c*3\", 0.5)]"
      ) { args in
        var patterns: [PatternValue] = []
        var weights: [Double] = []
        for item in try args.list(0) {
          guard case .tuple(let xs) = item.value, xs.count == 2, case .number(let w, _) = xs[1],
            let p = try Arguments.asPattern(Argument(value: xs[0], position: item.position))
          else { throw args.typeError(0, wants: "a list of (pattern, weight) pairs") }
          patterns.append(p)
          weights.append(w.doubleValue)
        }
        let ws = weights
        return .pattern(
          try PatternValue.combine(patterns) { _, ps in
            if ps.isEmpty { return .silence }
            return .unwrap(Pattern<Double>.rand.segment(.one).map { r in ps[weightedIndex(r, ws)] })
          })
      },
      LibraryEntry(
        "brand", .function, "Pattern Bool", arity: 0,
        help: "Continuous random booleans, true half of the time (`brandBy 0.5`).",
        example: "struct \"t*8\" brand", as: .bool
      ) { _ in .pattern(PatternValue(.bool, Pattern<Double>.rand.map { .bool($0 < 0.5) })) },
      LibraryEntry(
        "brandBy", .function, "Pattern Double -> Pattern Bool", arity: 1,
        help: "Continuous random booleans, true with the given probability.",
        example: "struct \"t*8\" $ brandBy 0.25", as: .bool
      ) { args in
        let amount = try args.doubles(0)
        return .pattern(
          PatternValue(.bool, .patterned(amount) { x in Pattern<Double>.rand.map { .bool($0 < x) } }))
      },
      LibraryEntry(
        "sometimesBy'", .function, "Pattern Double -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a",
        arity: 3,
        help: "Like `sometimesBy`, but applies the function first and then picks its events.",
        example: "sometimesBy' 0.5 (# speed 2) $ s \"bd*8\"", as: .control
      ) { args in try sometimesByPrime(args, amount: try args.doubles(0), f: 1, p: 2) },
      LibraryEntry(
        "always", .function, "(Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 2,
        help: "Applies the function (`always = id`).", example: "always (fast 2) \"a b\""
      ) { args in
        let f = try args.transform(0)
        return .pattern(try args.pattern(1).mapTyped { t, p in try f(t, p) })
      },
      LibraryEntry(
        "never", .function, "(Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 2,
        help: "Ignores the function (`never = flip const`).", example: "never (fast 2) \"a b\""
      ) { args in
        _ = try args.transform(0)
        return .pattern(try args.pattern(1))
      },
    ]
    out.append(
      LibraryEntry(
        "markovPat", .function, "Pattern Int -> Pattern Int -> [[Double]] -> Pattern Int", arity: 3,
        help: "n steps per cycle of a Markov chain from a state, with a matrix of transition weights.",
        example: "markovPat 8 1 [[3, 5, 2], [4, 4, 2], [0, 1, 0]]", as: .int
      ) { args in
        let steps = try args.ints(0)
        let start = try args.ints(1)
        let matrix = try args.list(2).map { row -> [Double] in
          guard case .list(let xs) = row.value else { throw args.typeError(2, wants: "a list of rows of weights") }
          return try xs.map { x in
            guard case .number(let r, _) = x else { throw args.typeError(2, wants: "rows of numbers") }
            return r.doubleValue
          }
        }
        let rows = matrix.map { row in row.map { $0 / row.reduce(0, +) } }
        return .pattern(
          PatternValue(
            .int,
            .patterned(steps, start) { n, xi in
              if n < 1 { return .silence }
              return Pattern<Atom> { st, out in
                let chain = try markovChain(n, rows, xi, seed: st.arc.begin.floor)
                try Pattern<Atom>.fastFromList(chain.map { .int($0) }).queryInto(st, &out)
              }.splitQueries()
            }))
      })
    // Tidal 1.9.5 defines `almostNever'` as `sometimesBy 0.1` (unprimed); kept as it is.
    let primed: [(String, Double, Bool)] = [
      ("sometimes'", 0.5, true), ("often'", 0.75, true), ("rarely'", 0.25, true),
      ("almostNever'", 0.1, false), ("almostAlways'", 0.9, true),
    ]
    for (name, x, isPrimed) in primed {
      out.append(
        LibraryEntry(
          name, .function, "(Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 2,
          help: "`sometimesBy\(isPrimed ? "'" : "") \(x)` (as Tidal defines it).",
          example: "\(name) (# speed 2) $ s \"bd*8\"", as: .control
        ) { args in
          isPrimed
            ? try sometimesByPrime(args, amount: .pure(x), f: 0, p: 1)
            : try sometimesBy(args, amount: .pure(x), f: 0, p: 1)
        })
    }
    for name in ["someCycles", "somecycles"] {
      out.append(
        LibraryEntry(
          name, .function, "(Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 2,
          help: "`someCyclesBy 0.5`: applies a function to about half of the cycles.",
          example: "\(name) (# speed 2) $ s \"bd*4\"", as: .control
        ) { args in try someCyclesBy(args, amount: .pure(0.5), f: 0, p: 1) })
    }
    out.append(
      LibraryEntry(
        "somecyclesBy", .function, "Pattern Double -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a",
        arity: 3, help: "The same as `someCyclesBy`.",
        example: "somecyclesBy 0.3 (# speed 2) $ s \"bd*4\"", as: .control
      ) { args in try someCyclesBy(args, amount: try args.doubles(0), f: 1, p: 2) })
    return out
  }

  /// `overlay (degradeBy x p) (unDegradeBy x $ f p)`.
  static func sometimesByPrime(_ args: Arguments, amount: Pattern<Double>, f: Int, p: Int) throws -> Value {
    let f = try args.transform(f)
    return .pattern(
      try args.pattern(p).mapTyped { t, p in
        let fp = try f(t, p)
        let kept = Pattern<Atom>.patterned(amount) { x in p.degradeBy(x) }
        let chosen = Pattern<Atom>.patterned(amount) { x in fp.unDegradeBy(x) }
        return .stack([kept, chosen])
      })
  }

  /// `innerJoin $ (\x -> when (\c -> timeToRand c < x) f p) <$> amount`.
  static func someCyclesBy(_ args: Arguments, amount: Pattern<Double>, f: Int, p: Int) throws -> Value {
    let f = try args.transform(f)
    return .pattern(
      try args.pattern(p).mapTyped { t, p in
        let fp = try f(t, p)
        return .patterned(amount) { x in
          p.when({ c in TidalRandom.value(atDoubleTime: Double(c)) < x }, fp)
        }
      })
  }

  /// The values of a list argument as atoms of `type`: numbers as Haskell literals, strings
  /// as one value of that type's mini-notation (`"e"` is the note 4).
  static func listAtoms(_ items: [Argument], as type: ElementType) throws -> [Atom] {
    try items.map { item in
      switch item.value {
      case .number(let r, _):
        guard let a = Atom.number(r, as: type) else {
          throw LanguageError(.type, "the number \(r) is not \(type.patternDescription)", at: item.position)
        }
        return a
      case .string(let s, let position):
        if type == .string { return .string(s) }
        let events = try Arguments.stringPattern(s, at: position).build(type).query(.zero, .one)
        guard events.count == 1, let v = events.first?.value else {
          throw LanguageError(.type, "\"\(s)\" is not one value of \(type.patternDescription)", at: position)
        }
        return v
      default:
        throw LanguageError(.type, "a list of numbers or strings is needed here", at: item.position)
      }
    }
  }

  /// The type a list of literals defaults to: strings if it starts with one, else numbers.
  static func literalDefault(_ items: [Argument]) -> ElementType {
    if case .string = items.first?.value { return .string }
    return .double
  }

  /// `(xs !!!) . floor <$> range 0 (length xs) f`.
  static func chooseBy(_ args: Arguments, by random: Pattern<Double>, list i: Int) throws -> Value {
    let items = try args.list(i)
    return .pattern(
      PatternValue(type: nil, defaultType: literalDefault(items)) { t in
        let values = try listAtoms(items, as: t)
        if values.isEmpty { return .silence }
        let n = Double(values.count)
        // Tidal's `range` joins the constant bounds with `*>`, which cuts a continuous
        // pattern's query at cycle boundaries; zipping with `pure` does the same.
        let bounded = Pattern<Bool>.pure(true).zip(random, structure: .right) { _, r in r }
        return bounded.map { r in values[cyclicIndex(Int((r * n).rounded(.down)), values.count).0] }
      })
  }

  /// Tidal's `wchooseBy`: the first value whose running weight exceeds `r * total`.
  static func wchooseBy(_ args: Arguments, by random: Pattern<Double>, list i: Int) throws -> Value {
    var items: [Argument] = []
    var weights: [Double] = []
    for item in try args.list(i) {
      guard case .tuple(let xs) = item.value, xs.count == 2, case .number(let w, _) = xs[1] else {
        throw args.typeError(i, wants: "a list of (value, weight) pairs")
      }
      items.append(Argument(value: xs[0], position: item.position))
      weights.append(w.doubleValue)
    }
    let ws = weights
    let elements = items
    return .pattern(
      PatternValue(type: nil, defaultType: literalDefault(items)) { t in
        let values = try listAtoms(elements, as: t)
        if values.isEmpty { return .silence }
        return random.map { r in values[weightedIndex(r, ws)] }
      })
  }

  /// `head (findIndices (> r * total) (scanl1 (+) weights))`; the last when none is (Tidal
  /// fails there).
  static func weightedIndex(_ r: Double, _ weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    var running = 0.0
    for (i, w) in weights.enumerated() {
      running += w
      if running > r * total { return i }
    }
    return Swift.max(weights.count - 1, 0)
  }

  /// Tidal's `runMarkov n tp xi seed`: each next state is the first whose running weight in
  /// the current state's row reaches `timeToRand (seed + steps so far / n)`.
  static func markovChain(_ n: Int, _ rows: [[Double]], _ start: Int, seed: Rational) throws -> [Int] {
    var chain = [start]
    let count = Rational(Int64(n))
    while chain.count < n {
      guard let current = chain.last, current >= 0, current < rows.count else {
        throw PatternError.invalidArgument("markovPat: state \(chain.last ?? 0) has no row in the matrix")
      }
      let r = try TidalRandom.value(at: try seed + (try Rational(Int64(chain.count)) / count))
      var running = 0.0
      var next = rows[current].count - 1
      for (i, w) in rows[current].enumerated() {
        running += w
        if r <= running {
          next = i
          break
        }
      }
      chain.append(next)
    }
    return chain
  }
}
