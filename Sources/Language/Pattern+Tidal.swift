import Pattern
import Time

/// Tidal 1.7.10's higher-level pattern functions, generic over the value type, built on the
/// engine's primitives.
extension Pattern where Value: Sendable {
  /// `slowcat` of `count` patterns made on demand: cycle c plays pattern `c mod count`, at its
  /// own cycle `(c - i) div count` (Tidal's `cat`, without building every pattern up front).
  static func lazySlowcat(count: Int64, _ make: @escaping @Sendable (Int64) throws -> Pattern)
    -> Pattern
  {
    if count <= 0 { return .silence }
    return Pattern { st, out in
      try st.context.spend(st.arc.cycleCount)
      try st.arc.forEachCycle { a in
        let cycle = a.begin.floorInt
        var i = cycle % count
        if i < 0 { i += count }
        let offset = Rational(cycle - (cycle - i) / count)
        let start = out.count
        try make(i).queryInto(st.with(arc: Arc(try a.begin - offset, try a.end - offset)), &out)
        if offset.isZero { return }
        for k in start..<out.count {
          try out[k].mapArcs { Arc(try $0.begin + offset, try $0.end + offset) }
        }
      }
    }
  }

  /// Plays `other` in cycles whose number passes `test`, `self` elsewhere (Tidal's `when`).
  func when(_ test: @escaping @Sendable (Int64) -> Bool, _ other: Pattern) -> Pattern {
    let q = queryInto
    let fq = other.queryInto
    return Pattern { st, out in
      try (test(st.arc.begin.floorInt) ? fq : q)(st, &out)
    }.splitQueries()
  }

  /// Like ``when(_:_:)`` with the test on the query's start time (Tidal's `whenT`).
  func whenT(_ test: @escaping @Sendable (Rational) throws -> Bool, _ other: Pattern) -> Pattern {
    let q = queryInto
    let fq = other.queryInto
    return Pattern { st, out in
      try (try test(st.arc.begin) ? fq : q)(st, &out)
    }.splitQueries()
  }

  /// Keeps events whose whole starts at a time passing `test` (Tidal's `filterWhen`).
  func filterWhen(_ test: @escaping @Sendable (Rational) -> Bool) -> Pattern {
    filterEvents { test($0.wholeOrPart.begin) }
  }

  /// `other` inside the cycle positions `[s, e)`, `self` outside (Tidal's `within`).
  func within(_ s: Rational, _ e: Rational, _ other: Pattern) -> Pattern {
    let inside: @Sendable (Rational) -> Bool = { t in
      let c = t.fractionalPart
      return c >= s && c < e
    }
    return .stack([other.filterWhen(inside), filterWhen { !inside($0) }])
  }

  /// Repeats each event `n` times within its whole (Tidal's `_ply`).
  func ply(_ n: Rational) -> Pattern {
    .squeezeJoin(map { v in Pattern.pure(v).fast(n) })
  }

  /// Drops events where the random value is not above `amount` (Tidal's `_degradeByUsing`).
  func degrade(by amount: Double, using random: Pattern<Double> = .rand) -> Pattern {
    zip(random, structure: .left) { v, r in r > amount ? v : nil }.compactMap { $0 }
  }

  /// Keeps events where the random value is at most `amount` (Tidal 1.7's `_unDegradeBy`).
  func unDegrade(by amount: Double) -> Pattern {
    zip(Pattern<Double>.rand, structure: .left) { v, r in r <= amount ? v : nil }.compactMap { $0 }
  }

  /// Values of `self` at the true events of `bools`, with their structure (Tidal's `struct`).
  func structured(by bools: Pattern<Bool>) -> Pattern {
    bools.zip(self, structure: .left) { b, v in b ? v : nil }.compactMap { $0 }
  }

  /// `self` where `bools` is true, keeping `self`'s structure (Tidal's `mask`).
  func masked(by bools: Pattern<Bool>) -> Pattern {
    zip(bools.filterValues { $0 }, structure: .left) { v, _ in v }
  }

  /// `self` where `bools` is true, `other` where it is false (Tidal's `sew`).
  func sew(_ bools: Pattern<Bool>, _ other: Pattern) -> Pattern {
    .stack([masked(by: bools), other.masked(by: bools.map { !$0 })])
  }

  /// Rotates values by `i` steps within each cycle, keeping the structure (Tidal's `_rot`).
  func rot(_ i: Int, order: @escaping @Sendable (Value, Value) -> Bool) -> Pattern where Value: Equatable {
    let q = queryInto
    return Pattern { st, out in
      let a = st.arc
      let cycle = Arc(a.begin.floor, try a.begin.floor + .one)
      var es: [Event<Value>] = []
      try q(st.with(arc: cycle), &es)
      es = defragParts(es)
      // Tidal sorts events (context, whole, part, value); Tala has no source contexts.
      es.sort { x, y in
        switch (x.whole, y.whole) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let wx), .some(let wy)) where wx != wy: return arcLess(wx, wy)
        default: break
        }
        if x.part != y.part { return arcLess(x.part, y.part) }
        return order(x.value, y.value)
      }
      let n = es.count
      guard n > 0 else { return }
      let shift = i >= 0 ? i % n : (n - (-i % n)) % n
      let values = es.map(\.value)
      for (k, e) in es.enumerated() {
        guard let part = e.part.intersection(a) else { continue }
        out.append(Event(whole: e.whole, part: part, value: values[(k + shift) % n]))
      }
    }.splitQueries()
  }

  /// Spreads events sharing a whole across it, after reordering each group with `f`
  /// (Tidal's `arpWith`).
  func arpWith(_ f: @escaping @Sendable ([Event<Value>]) -> [Event<Value>]) -> Pattern {
    withEvents { out, range in
      let events = Array(out[range])
      out.removeSubrange(range)
      // A stable sort on wholes, then groups of equal wholes (Tidal's sortOn + groupBy).
      let sorted = events.enumerated().sorted { x, y in
        switch (x.element.whole, y.element.whole) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let a), .some(let b)) where a != b: return arcLess(a, b)
        default: return x.offset < y.offset
        }
      }.map(\.element)
      var i = 0
      while i < sorted.count {
        var j = i + 1
        while j < sorted.count, sorted[j].whole == sorted[i].whole { j += 1 }
        let group = f(Array(sorted[i..<j]))
        let d = group.count
        for (n, e) in group.enumerated() {
          guard let w = e.whole else { continue }
          let dur = try (w.end - w.begin) / Rational(Int64(d))
          let s = try w.begin + dur * Rational(Int64(n))
          let whole = Arc(s, try s + dur)
          guard let part = whole.intersection(e.part) else { continue }
          out.append(Event(whole: whole, part: part, value: e.value))
        }
        i = j
      }
    }
  }
}

/// Haskell's order on arcs: begin, then end.
func arcLess(_ a: Arc, _ b: Arc) -> Bool {
  a.begin != b.begin ? a.begin < b.begin : a.end < b.end
}

/// Joins adjacent fragments of the same event (Tidal's `defragParts`).
func defragParts<V: Equatable>(_ events: [Event<V>]) -> [Event<V>] {
  var rest = events
  var out: [Event<V>] = []
  while !rest.isEmpty {
    let e = rest.removeFirst()
    if let i = rest.firstIndex(where: { o in
      o.whole == e.whole && o.value == e.value
        && (e.part.end == o.part.begin || o.part.end == e.part.begin)
    }) {
      let o = rest.remove(at: i)
      let hull = Arc(min(e.part.begin, o.part.begin), max(e.part.end, o.part.end))
      out.append(Event(whole: e.whole, part: hull, value: e.value))
    } else {
      out.append(e)
    }
  }
  return out
}

extension Pattern where Value == Int {
  /// A random permutation of `0..<n` per cycle (Tidal's `randrun`).
  static func randrun(_ n: Int) -> Pattern<Int> {
    if n <= 0 { return .silence }
    return Pattern { st, out in
      try st.context.spend(Int64(n))
      let a = st.arc
      let cycle = a.begin.floor
      var seed = try TidalRandom.seed(cycle)
      var keyed: [(Double, Int)] = []
      keyed.reserveCapacity(n)
      for i in 0..<n {
        keyed.append((TidalRandom.value(seed: seed), i))
        seed = TidalRandom.xorwise(seed)
      }
      // Haskell's sortOn is stable.
      let shuffled = keyed.enumerated().sorted { x, y in
        x.element.0 != y.element.0 ? x.element.0 < y.element.0 : x.offset < y.offset
      }.map(\.element.1)
      let size = Rational(Int64(n))
      for (k, v) in shuffled.enumerated() {
        let whole = Arc(try cycle + Rational(Int64(k)) / size, try cycle + Rational(Int64(k + 1)) / size)
        guard let part = a.intersection(whole) else { continue }
        out.append(Event(whole: whole, part: part, value: v))
      }
    }.splitQueries()
  }
}
