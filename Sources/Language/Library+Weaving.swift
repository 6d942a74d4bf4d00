import Pattern
import Time

extension Library {
  /// Structures built from lists: layered Euclidean rhythms, permutations of step counts, a
  /// plain weave and slices reassembled by index. Tidal 1.9.5's `distrib`, `permstep`, `tabby`
  /// and `fit'` (Sound.Tidal.UI).
  static var weavingFunctions: [LibraryEntry] {
    [
      transform(
        "distrib", "[Pattern Int] -> Pattern a -> Pattern a", arity: 2,
        help: "Layers Euclidean rhythms: each pair of the list (k, n) picks k of the previous layer's n onsets.",
        example: "distrib [3, 5, 8] \"x\""
      ) { args, p in
        let layers = try patternList(args, 0).map { try $0.pattern(as: .int).compactMap { $0.intValue } }
        // sequence ps: every combination of the layers' values, joined as the monad joins.
        var lists = Pattern<[Int]>.pure([])
        for layer in layers {
          let sofar = lists
          lists = .unwrap(sofar.map { xs in layer.map { xs + [$0] } })
        }
        return .unwrap(lists.map { xs in try distributed(xs, p) })
      },
      LibraryEntry(
        "permstep", .function, "RealFrac b => Int -> [a] -> Pattern b -> Pattern a", arity: 3,
        help:
          "Plays the list's values, each repeated some steps out of n; a number 0-1 a cycle picks how, from even to uneven.",
        example: "permstep 8 [\"a\", \"b\", \"c\"] \"<0 0.5 1>\""
      ) { args in try permstep(args) },
      LibraryEntry(
        "tabby", .function, "Int -> Pattern a -> Pattern a -> Pattern a", arity: 3,
        help: "Weaves two patterns in a plain over-under weave of n threads.",
        example: "tabby 4 \"a b c d\" \"e f g h\""
      ) { args in
        let threads = try plainInt(args, 0)
        return .pattern(
          try PatternValue.combine([try args.pattern(1), try args.pattern(2)]) { _, ps in
            try tabby(threads, warp: ps[0], weft: ps[1])
          })
      },
      transform(
        "fit'", "Pattern Time -> Int -> Pattern Int -> Pattern Int -> Pattern a -> Pattern a", arity: 5,
        help: "Slices the pattern by the values of `from` and replays the slices in the order of `to`, n a cycle.",
        example: "fit' 1 2 \"0 1\" \"1 0\" \"bd sn\""
      ) { args, p in
        let cycles = try args.rationals(0)
        let n = try plainInt(args, 1)
        let from = try args.ints(2).fast(cycles)
        let to = try args.ints(3)
        let sped = p.fast(cycles)
        guard n > 0 else { return .silence }
        // mapMasks: slice i is p where `from` is i, stretched to the cycle.
        let slices = (0..<n).map { i in
          stretch(sped.masked(by: from.filterValues { $0 == i }.map { _ in true }))
        }
        // _fit n mapMasks to: the index moves on by n each cycle, wrapping around the list.
        let q = to.queryInto
        let indices = Pattern<Int> { st, out in
          var events: [Event<Int>] = []
          try q(st, &events)
          for e in events {
            let cycle = Int(truncatingIfNeeded: e.part.begin.floor.numerator)
            out.append(Event(whole: e.whole, part: e.part, value: e.value &+ n &* cycle, context: e.context))
          }
        }
        return .squeezeJoin(indices.map { i in slices[try Arith.haskellMod(i, n)] })
      },
    ]
  }

  /// Tidal's `_distrib xs p`: the layers `bjorklund (x_k, x_k+1)` folded from the first, each
  /// keeping the onsets of the one before where it has its own, over `last xs` trues; the
  /// result's true steps, one cycle long, sample `p`.
  static func distributed(_ xs: [Int], _ p: Pattern<Atom>) throws -> Pattern<Atom> {
    guard let last = xs.last else { return .silence }
    guard last <= maxRunLength else { throw PatternError.invalidArgument("distrib: at most \(maxRunLength) steps") }
    var steps = Array(repeating: true, count: max(0, last))
    for (k, n) in zip(xs, xs.dropFirst()) {
      guard n <= maxRunLength else { throw PatternError.invalidArgument("distrib: at most \(maxRunLength) steps") }
      var taken = steps.makeIterator()
      steps = try Bjorklund.pattern(pulses: k, steps: n).map { onset in onset ? (taken.next() ?? false) : false }
    }
    let bools = Pattern<Bool>.fastFromList(steps).filterValues { $0 }
    return bools.zip(p, structure: .left) { _, v in v }
  }

  /// Tidal's `permstep nSteps things p`: the ways of splitting nSteps into one positive count
  /// per thing, sorted (stably) by how far the counts are from even; each cycle `p`, sampled
  /// at the cycle's middle, picks one (0 the most even, 1 the least), played as one cycle.
  static func permstep(_ args: Arguments) throws -> Value {
    let total = try plainInt(args, 0)
    let items = try patternList(args, 1)
    let picks = try args.doubles(2).segment(.one)
    let count = items.count
    let splits = try compositions(of: total, into: count)
    let average = Double(total) / Double(count)
    let ranked = splits.enumerated().sorted { a, b in
      let da = a.element.reduce(0) { $0 + abs(average - Double($1)) }
      let db = b.element.reduce(0) { $0 + abs(average - Double($1)) }
      return da != db ? da < db : a.offset < b.offset
    }.map(\.element)
    return .pattern(
      try PatternValue.combine(items) { _, ps in
        // Each list item is a plain value: the value of its pattern's first event.
        let values: [Atom] = try ps.map { p in
          guard let v = try p.query(.zero, .one).first?.value else {
            throw PatternError.invalidArgument("permstep: a list item has no value")
          }
          return v
        }
        guard !ranked.isEmpty else { return .silence }
        return .unwrap(
          picks.map { x in
            let i = Int((x * Double(ranked.count - 1)).rounded(.down))
            guard ranked.indices.contains(i) else {
              throw PatternError.invalidArgument("permstep: \(x) picks no split (0 to 1 does)")
            }
            return .fastFromList(zip(ranked[i], values).flatMap { n, v in Array(repeating: v, count: n) })
          })
      })
  }

  /// Tidal's `perms n total`: the lists of n positive counts adding up to `total`, in
  /// lexicographic order (none when n is 0).
  static func compositions(of total: Int, into n: Int) throws -> [[Int]] {
    guard n > 0 else { return [] }
    guard total <= maxRunLength, n <= maxRunLength else {
      throw PatternError.invalidArgument("permstep: at most \(maxRunLength) steps")
    }
    if n == 1 { return [[total]] }
    var out: [[Int]] = []
    if total - (n - 1) >= 1 {
      for x in 1...(total - (n - 1)) {
        for rest in try compositions(of: total - x, into: n - 1) {
          out.append([x] + rest)
          guard out.count <= 100_000 else {
            throw PatternError.invalidArgument("permstep: too many ways to split the steps")
          }
        }
      }
    }
    return out
  }

  /// Tidal's `tabby`: the warp threads of one pattern and the weft threads of the other, each
  /// a list of 1/n zooms played over n cycles, masked in alternate halves of each step and
  /// reversed every other cycle.
  static func tabby(_ n: Int, warp p: Pattern<Atom>, weft q: Pattern<Atom>) throws -> Pattern<Atom> {
    guard n > 1, n <= maxRunLength else {
      if n > maxRunLength { throw PatternError.invalidArgument("tabby: at most \(maxRunLength) threads") }
      return .silence
    }
    let forward = Array(0..<n)
    let weftRows = (0..<(n / 2)).flatMap { _ in [forward, forward.reversed()] }
    let warpRows = (0..<n).map { column in weftRows.map { $0[column] } }
    let size = Rational(Int64(n))
    func thread(_ rows: [[Int]], _ pattern: Pattern<Atom>) throws -> Pattern<Atom> {
      let parts = try rows.joined().map { i in
        try pattern.zoom(try Rational(Int64(i)) / size, try Rational(Int64(i + 1)) / size)
      }
      return try Pattern<Atom>.fastcat(parts).slow(size)
    }
    func gate(_ halves: [Pattern<Bool>]) throws -> Pattern<Bool> {
      let g = Pattern<Bool>.fastcat(halves).fast(try size / Rational(Int64(2)))
      // every 2 rev: reversed in even cycles.
      return g.when({ c in c % 2 == 0 }, g.rev())
    }
    return .stack([
      try thread(warpRows, p).masked(by: try gate([.pure(true), .silence])),
      try thread(weftRows, q).masked(by: try gate([.silence, .pure(true)])),
    ])
  }
}
