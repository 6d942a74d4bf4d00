import Time

extension Pattern {
  /// All patterns at once (Tidal's `stack`).
  @inlinable public static func stack(_ patterns: [Pattern]) -> Pattern {
    switch patterns.count {
    case 0: return .silence
    case 1: return patterns[0]
    default:
      let qs = patterns.map(\.queryInto)
      return Pattern { st, out in
        for q in qs { try q(st, &out) }
      }
    }
  }

  /// `self` and `other` at once (Tidal's `overlay`).
  @inlinable public func overlay(_ other: Pattern) -> Pattern { .stack([self, other]) }

  /// One cycle of each pattern in turn (Tidal's `cat`/`slowcat`). Each pattern keeps its own
  /// cycle count: the n-th time a pattern plays, it plays its n-th cycle.
  @inlinable public static func slowcat(_ patterns: [Pattern]) -> Pattern {
    if patterns.isEmpty { return .silence }
    if patterns.count == 1 { return patterns[0] }
    let qs = patterns.map(\.queryInto)
    let n = Int64(qs.count)
    return Pattern { st, out in
      try st.context.spend(st.arc.cycleCount)
      try st.arc.forEachCycle { a in
        let cycle = a.begin.floorInt
        var i = cycle % n
        if i < 0 { i += n }
        let quotient = (cycle - i) / n
        let offset = Rational(cycle - quotient)
        let start = out.count
        try qs[Int(i)](st.with(arc: Arc(try a.begin - offset, try a.end - offset)), &out)
        if offset.isZero { return }
        for k in start..<out.count {
          try out[k].mapArcs { Arc(try $0.begin + offset, try $0.end + offset) }
        }
      }
    }
  }

  /// All patterns squeezed into one cycle, one after another (Tidal's `fastcat`).
  @inlinable public static func fastcat(_ patterns: [Pattern]) -> Pattern {
    if patterns.isEmpty { return .silence }
    return slowcat(patterns).fast(Rational(Int64(patterns.count)))
  }

  /// Patterns squeezed into one cycle with relative durations (Tidal's `timeCat`).
  /// - Throws: when a duration is zero (a step of no length) or the total overflows.
  @inlinable public static func timecat(_ weighted: [(Rational, Pattern)]) throws -> Pattern {
    var total = Rational.zero
    for (w, _) in weighted { total = try total + w }
    var parts: [Pattern] = []
    var begin = Rational.zero
    for (w, p) in weighted {
      let end = try begin + w
      parts.append(try p.compress(try begin / total, try end / total))
      begin = end
    }
    return stack(parts)
  }

  /// Values in sequence, one step each (Tidal's `fastFromList`, which is `fastcat` of `pure`s).
  /// Computed directly, with no pattern per value: step `c` of the sped-up time line holds
  /// `values[c mod n]` over `[c/n, (c+1)/n)`, split at step boundaries as `cat` splits.
  @inlinable public static func fastFromList(_ values: [Value]) -> Pattern where Value: Sendable {
    if values.isEmpty { return .silence }
    if values.count == 1 { return .pure(values[0]) }
    let n = Rational(Int64(values.count))
    let count = Int64(values.count)
    return Pattern { st, out in
      let a = st.arc
      if a.begin > a.end { return }
      let scaled = Arc(try a.begin * n, try a.end * n)
      try st.context.spend(scaled.cycleCount)
      try scaled.forEachCycle { part in
        let c = part.begin.floorInt
        var i = c % count
        if i < 0 { i += count }
        let whole = Arc(try Rational(c) / n, try Rational(c + 1) / n)
        out.append(
          Event(whole: whole, part: Arc(try part.begin / n, try part.end / n), value: values[Int(i)]))
      }
    }
  }
}
