import Time

/// Tidal's deterministic randomness: a pure function of time, so the same query always gives
/// the same values (`Sound.Tidal.UI.timeToRand`).
public enum TidalRandom {
  /// Marsaglia's xorshift on 64-bit integers, as Tidal's `xorwise`.
  @inlinable public static func xorwise(_ x: Int64) -> Int64 {
    let a = (x << 13) ^ x
    let b = (a >> 17) ^ a
    return (b << 5) ^ b
  }

  /// The seed for time `t`: the fraction of `t / 300`, stretched over 2^29 and scrambled.
  /// Computed in integers: with t = n/d, frac(t/300) = (n rem 300d) / 300d, truncated toward
  /// zero as Haskell's `properFraction` does, then scaled by 2^29 with a 128-bit product.
  @inlinable public static func seed(_ t: Rational) throws -> Int64 {
    let (den, o) = t.denominator.multipliedReportingOverflow(by: 300)
    if o { throw TimeError.overflow }
    let rem = t.numerator % den  // sign follows the numerator: truncation toward zero
    // Both divisions truncate toward zero; the 64-bit one serves whenever rem * 2^29 fits.
    if rem.magnitude < 1 << 34 { return xorwise((rem &* 536_870_912) / den) }
    let product = rem.multipliedFullWidth(by: 536_870_912)
    let (q, _) = den.dividingFullWidth(product)
    return xorwise(q)
  }

  /// A seed's value in `[0, 1)`.
  @inlinable public static func value(seed: Int64) -> Double {
    var m = seed % 536_870_912
    if m < 0 { m += 536_870_912 }
    return Double(m) / 536_870_912
  }

  /// Tidal's `timeToRand`.
  @inlinable public static func value(at t: Rational) throws -> Double { value(seed: try seed(t)) }

  /// Tidal's `timeToRand` computed in `Double`, as Tidal computes it for a cycle number turned
  /// into a float (`someCyclesBy`, `perlin`). Its rounding can differ from the exact
  /// ``value(at:)``, so the callers that follow Tidal's float path use this one.
  @inlinable public static func value(atDoubleTime t: Double) -> Double {
    let scaled = t / 300
    let frac = scaled - scaled.rounded(.towardZero)
    let stretched = (frac * 536_870_912).rounded(.towardZero)
    return value(seed: xorwise(Int64(stretched)))
  }
}

extension Pattern where Value == Double {
  /// Continuous random values in `[0, 1)`, sampled at the middle of the query (Tidal's `rand`).
  @inlinable public static var rand: Pattern<Double> {
    Pattern { st, out in
      let a = st.arc
      let mid = try (a.begin + a.end) * .half
      out.append(Event(whole: nil, part: a, value: try TidalRandom.value(at: mid)))
    }
  }
}

extension Pattern where Value: Sendable {
  /// Drops each event when the random pattern, sampled over its whole, is not above `amount`
  /// (Tidal's `_degradeByUsing`).
  @inlinable public func degradeBy(using random: Pattern<Double>, _ amount: Double) -> Pattern {
    keeping(where: random) { $0 > amount }
  }

  /// Drops each event with probability `amount`, by Tidal's random stream (`_degradeBy`).
  @inlinable public func degradeBy(_ amount: Double) -> Pattern { degradeBy(using: .rand, amount) }

  /// Keeps exactly the events ``degradeBy(_:)`` drops: those whose random value is at most
  /// `amount` (Tidal 1.7's `_unDegradeBy`).
  @inlinable public func unDegradeBy(_ amount: Double) -> Pattern { keeping(where: .rand) { $0 <= amount } }

  /// `degradeBy(using: rand.rotL(shift), amount)`, the mini-notation's `?`, without querying
  /// the random pattern: for an event over `w` that query is one analog event over exactly `w`
  /// whose value is `timeToRand` at the middle of `w` shifted by `shift`. Filters in place.
  @inlinable public func degradeBy(randomShift shift: Rational, _ amount: Double) -> Pattern {
    let q = queryInto
    return Pattern { st, out in
      let start = out.count
      try q(st, &out)
      var kept = start
      for i in start..<out.count {
        let w = out[i].wholeOrPart
        guard try TidalRandom.value(at: try (w.begin + w.end) * .half + shift) > amount else { continue }
        // A part inside its whole is its own intersection with it (the usual case).
        let part: Arc
        if out[i].part == w {
          part = w
        } else {
          guard let cut = out[i].part.intersection(w) else { continue }
          part = cut
        }
        if kept != i {
          out[kept] = Event(whole: out[i].whole, part: part, value: out[i].value, context: out[i].context)
        } else {
          out[kept].part = part
        }
        kept += 1
      }
      out.removeLast(out.count - kept)
    }
  }

  /// Keeps each event whose sample of `random` over its whole passes `keep`: Tidal's
  /// `filterValues (keep . snd) ((,) <$> p <* random)`, done in one pass (structure from the
  /// left, parts intersected as `<*` intersects them).
  @inlinable func keeping(where random: Pattern<Double>, _ keep: @escaping @Sendable (Double) -> Bool)
    -> Pattern
  {
    let q = queryInto
    let r = random.queryInto
    return Pattern { st, out in
      var mine: [Event<Value>] = []
      try q(st, &mine)
      var samples: [Event<Double>] = []
      for e in mine {
        samples.removeAll(keepingCapacity: true)
        try r(st.with(arc: e.wholeOrPart), &samples)
        for sample in samples where keep(sample.value) {
          guard let part = e.part.intersection(sample.part) else { continue }
          out.append(Event(whole: e.whole, part: part, value: e.value, context: e.context))
        }
      }
    }
  }

  /// Samples `self` `n` times per cycle, giving discrete events (Tidal's `_segment`).
  @inlinable public func segment(_ n: Rational) -> Pattern {
    Pattern<Bool>.pure(true).fast(n).zip(self, structure: .left) { _, v in v }
  }
}

extension Pattern where Value: Sendable {
  /// One of `choices` per cycle, picked by Tidal's random stream shifted by `seed / 10000`
  /// and sampled at the middle of the cycle: the mini-notation's `[a | b | c]`, Tidal's
  /// `unwrap $ segment 1 $ chooseBy (rotL (0.0001 * seed) rand) xs`, in one pass.
  @inlinable public static func randomCycleChoice(_ choices: [Pattern], seed: Int) throws -> Pattern {
    if choices.isEmpty { return .silence }
    let shift = try Rational(Int64(seed), 10_000)
    let queries = choices.map(\.queryInto)
    let n = choices.count
    // Plain values (`[sn|cp]`): the chosen `pure`, asked for a piece of one cycle, gives one
    // event over the cycle with that piece as its part, spending one unit.
    let values = choices.compactMap(\.constantValue)
    let plain = values.count == n ? UncheckedSendable(values) : nil
    let contexts = choices.map(\.constantContext)
    return Pattern { st, out in
      var inner: [Event<Value>] = []
      try st.context.spend(st.arc.cycleCount)
      try st.arc.forEachCycle { part in
        let cycle = Arc(part.begin.floor, try part.begin.floor + .one)
        let r = try TidalRandom.value(at: try cycle.begin + .half + shift)
        // Tidal's `!!!` indexes the list cyclically, as `cat` turns.
        let i = catTurn(cycle: Int64((r * Double(n)).rounded(.down)), count: n).index
        if let plain {
          try st.context.spend(1)
          out.append(Event(whole: cycle, part: part, value: plain.value[i], context: contexts[i]))
          return
        }
        inner.removeAll(keepingCapacity: true)
        try queries[i](st.with(arc: part), &inner)
        for e in inner {
          var whole: Arc? = nil
          if let w = e.whole {
            guard let sub = cycle.intersection(w) else { continue }
            whole = sub
          }
          guard let p = part.intersection(e.part) else { continue }
          out.append(Event(whole: whole, part: p, value: e.value, context: e.context))
        }
      }
    }
  }
}

extension Pattern where Value == Int {
  /// A random permutation of `0..<n` per cycle, one step each (Tidal's `randrun`).
  @inlinable public static func randrun(_ n: Int) -> Pattern<Int> {
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
