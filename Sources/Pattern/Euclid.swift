import Time

/// Euclidean rhythms by Bjorklund's algorithm, as Tidal computes them (`Sound.Tidal.Bjorklund`),
/// so the onsets and their rotation match Tidal exactly.
public enum Bjorklund {
  /// Largest step count accepted; larger counts are almost always typos and would allocate
  /// without bound.
  public static let maxSteps = 100_000

  /// |k|, refusing counts too large to spread (so `Int.min` cannot trap).
  @inlinable public static func pulseCount(_ k: Int) throws -> Int {
    guard k.magnitude <= UInt(maxSteps) else {
      throw PatternError.invalidArgument("euclid: at most \(maxSteps) pulses (got \(k))")
    }
    return abs(k)
  }

  /// `pulses` onsets spread over `steps` steps. More pulses than steps gives `pulses` onsets;
  /// a negative pulse count gives no onsets (callers invert it first).
  @inlinable public static func pattern(pulses: Int, steps: Int) throws -> [Bool] {
    guard pulses <= maxSteps, steps <= maxSteps else {
      throw PatternError.invalidArgument(
        "euclid: at most \(maxSteps) steps (got \(Swift.max(pulses, steps)))")
    }
    // Tidal's algorithm keeps two lists of sequences; all sequences in a list are equal at
    // every stage, so each list is kept as one sequence and a count, and runs of identical
    // steps are taken at once. Same result, O(n) time instead of quadratic.
    var (a, b) = (pulses, steps - pulses)
    var x: [Bool] = [true]
    var xCount = Swift.max(pulses, 0)
    var y: [Bool] = [false]
    var yCount = Swift.max(steps - pulses, 0)
    while Swift.min(a, b) > 1 {
      if a > b {
        // left: b sequences x+y, and a-b sequences x left over.
        let merged = x + y
        (y, yCount) = (x, xCount - b)
        (x, xCount) = (merged, b)
        (a, b) = (b, a - b)
      } else {
        // right, m times in a row: every x absorbs m copies of y.
        let m = b / a
        for _ in 0..<m { x += y }
        yCount -= m * a
        b -= m * a
      }
    }
    var out: [Bool] = []
    out.reserveCapacity(Swift.max(steps, pulses))
    for _ in 0..<xCount { out += x }
    for _ in 0..<yCount { out += y }
    return out
  }
}

extension Pattern where Value: Sendable {
  /// `self` on the onsets of the Euclidean rhythm (k, n), rotated left by r steps (Tidal's
  /// `_euclidOff`, with later Tidal's rule that a negative k plays the off-steps instead).
  @inlinable public func euclid(_ k: Int, _ n: Int, rotation r: Int = 0) throws -> Pattern {
    if n == 0 { return .silence }
    let bits = try Bjorklund.pattern(pulses: try Bjorklund.pulseCount(k), steps: n)
    let onsets = k >= 0 ? bits : bits.map { !$0 }
    return Pattern.onSteps(onsets, self).rotL(try Rational(Int64(r), Int64(n)))
  }

  /// `fastcat(steps.map { $0 ? p : silence })`, computed without a pattern per step: step
  /// `c` of the sped-up time line plays `p`'s cycle `(c - i) / n` (as `cat` numbers them).
  @inlinable static func onSteps(_ steps: [Bool], _ p: Pattern) -> Pattern {
    if steps.isEmpty { return .silence }
    let n = Rational(Int64(steps.count))
    let inverse = (try? n.reciprocal()) ?? .one
    if let constant = p.constantValue {
      return onSteps(steps, constant: UncheckedSendable(constant), context: p.constantContext)
    }
    let q = p.queryInto
    return Pattern { st, out in
      let a = st.arc
      if a.begin > a.end { return }
      let scaled = Arc(try a.begin * n, try a.end * n)
      try st.context.spend(scaled.cycleCount)
      try scaled.forEachCycle { slot in
        let turn = catTurn(cycle: slot.begin.floorInt, count: steps.count)
        guard steps[turn.index] else { return }
        let offset = Rational(turn.offset)
        let start = out.count
        try q(st.with(arc: Arc(try slot.begin - offset, try slot.end - offset)), &out)
        for k in start..<out.count {
          try out[k].mapArcs { Arc(try ($0.begin + offset) * inverse, try ($0.end + offset) * inverse) }
        }
      }
    }
  }

  /// ``onSteps(_:_:)`` of `pure(value)`, computed without querying it: `pure` asked for the
  /// piece of step `k` shifted into its own cycle gives one event over that cycle, spending
  /// one unit, so step `k` holds `value` over `[k/n, (k+1)/n)`, cut to the query.
  @inlinable static func onSteps(
    _ steps: [Bool], constant: UncheckedSendable<Value>, context: SourceContext
  ) -> Pattern {
    let n = Rational(Int64(steps.count))
    let inverse = (try? n.reciprocal()) ?? .one
    return Pattern { st, out in
      let a = st.arc
      if a.begin > a.end { return }
      let scaled = Arc(try a.begin * n, try a.end * n)
      try st.context.spend(scaled.cycleCount)
      try scaled.forEachCycle { slot in
        let k = slot.begin.floorInt
        guard steps[catTurn(cycle: k, count: steps.count).index] else { return }
        try st.context.spend(1)
        let whole = Arc(try Rational(k) * inverse, try Rational(k &+ 1) * inverse)
        let full = slot.begin == Rational(k) && slot.end == Rational(k &+ 1)
        let part = full ? whole : Arc(try slot.begin * inverse, try slot.end * inverse)
        out.append(Event(whole: whole, part: part, value: constant.value, context: context))
      }
    }
  }

  /// Patterned ``euclid(_:_:rotation:)`` (Tidal's `euclidOff`).
  @inlinable public func euclid(_ k: Pattern<Int>, _ n: Pattern<Int>, rotation r: Pattern<Int>) -> Pattern {
    let this = self
    let cache = PatternCache<EuclidKey, Value>()
    return .patterned(k, n, r) { k, n, r in
      try cache.pattern(for: EuclidKey(k, n, r)) { try this.euclid(k, n, rotation: r) }
    }
  }

  /// Tidal's `_euclid`, behind the `euclid` function: unlike the mini-notation's `(k,n)` it
  /// has no guard for zero steps, so `euclid 5 0` plays five steps (Bjorklund's k > n rule).
  /// A negative k plays the off-steps of |k|, as in Tidal 1.9.
  @inlinable public func euclidSteps(_ k: Int, _ n: Int) throws -> Pattern {
    let bits = try Bjorklund.pattern(pulses: try Bjorklund.pulseCount(k), steps: n)
    return Pattern.onSteps(k >= 0 ? bits : bits.map { !$0 }, self)
  }

  /// Euclid on the off-steps (Tidal's `_euclidInv`): `euclidInv 0 4` plays all four steps, as
  /// in Tidal 1.7 (1.9 reads it as `_euclid (-0)`, silence, a side effect of its change for
  /// negative counts); a negative k plays the onsets of |k|, as in 1.9.
  @inlinable public func euclidInverted(_ k: Int, _ n: Int) throws -> Pattern {
    let bits = try Bjorklund.pattern(pulses: try Bjorklund.pulseCount(k), steps: n)
    return Pattern.onSteps(k >= 0 ? bits.map { !$0 } : bits, self)
  }
}

extension Pattern where Value == Bool {
  /// Boolean Euclid: true on onsets and false on off-steps, flipped where `self` is false
  /// (Tidal's `_euclidOffBool`; negative k inverts, as in Tidal 1.9.5).
  @inlinable public func euclidBool(_ k: Int, _ n: Int, rotation r: Int = 0) throws -> Pattern {
    if n == 0 { return .silence }
    let bits = try Bjorklund.pattern(pulses: try Bjorklund.pulseCount(k), steps: n)
    let onsets = k >= 0 ? bits : bits.map { !$0 }
    let structure = Pattern.fastFromList(onsets)
    return structure.zip(self, structure: .both) { a, b in b ? a : !a }
      .rotL(try Rational(Int64(r), Int64(n)))
  }

  /// Patterned ``euclidBool(_:_:rotation:)``.
  @inlinable public func euclidBool(_ k: Pattern<Int>, _ n: Pattern<Int>, rotation r: Pattern<Int>)
    -> Pattern
  {
    let this = self
    let cache = PatternCache<EuclidKey, Bool>()
    return .patterned(k, n, r) { k, n, r in
      try cache.pattern(for: EuclidKey(k, n, r)) { try this.euclidBool(k, n, rotation: r) }
    }
  }
}
