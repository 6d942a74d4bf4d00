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

  /// One cycle of each pattern in turn (Tidal's `cat`/`slowcat`). Each pattern keeps its own
  /// cycle count: the n-th time a pattern plays, it plays its n-th cycle.
  @inlinable public static func slowcat(_ patterns: [Pattern]) -> Pattern {
    if patterns.isEmpty { return .silence }
    if patterns.count == 1 { return patterns[0] }
    let qs = patterns.map(\.queryInto)
    return cat(count: qs.count) { qs[$0] }
  }

  /// ``slowcat(_:)`` of `count` patterns made on demand: `make(i)` builds the i-th when its
  /// turn comes, so a long cat of computed patterns (`chunk 1000`) builds only those queried.
  @inlinable public static func lazySlowcat(count: Int64, _ make: @escaping @Sendable (Int64) throws -> Pattern)
    -> Pattern
  {
    if count <= 0 { return .silence }
    return cat(count: Int(count)) { try make(Int64($0)).queryInto }
  }

  /// Tidal's `cat` over `count` queries chosen by index: each cycle asks `query` for its
  /// turn's query and moves time as ``catTurn(cycle:count:)`` says.
  @inlinable static func cat(count: Int, query: @escaping @Sendable (Int) throws -> Query) -> Pattern {
    Pattern { st, out in
      try st.context.spend(st.arc.cycleCount)
      try st.arc.forEachCycle { a in
        let turn = catTurn(cycle: a.begin.floorInt, count: count)
        let q = try query(turn.index)
        if turn.offset == 0 {
          try q(st.with(arc: a), &out)
          return
        }
        let offset = Rational(turn.offset)
        let start = out.count
        try q(st.with(arc: Arc(try a.begin - offset, try a.end - offset)), &out)
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

  /// Values in sequence, one step each (Tidal's `fastFromList`, which is `fastcat` of `pure`s).
  /// Computed directly, with no pattern per value: step `c` of the sped-up time line holds
  /// `values[c mod n]` over `[c/n, (c+1)/n)`, split at step boundaries as `cat` splits.
  @inlinable public static func fastFromList(_ values: [Value]) -> Pattern where Value: Sendable {
    if values.isEmpty { return .silence }
    if values.count == 1 { return .pure(values[0]) }
    let n = Rational(Int64(values.count))
    let count = values.count
    return Pattern { st, out in
      let a = st.arc
      if a.begin > a.end { return }
      let scaled = Arc(try a.begin * n, try a.end * n)
      try st.context.spend(scaled.cycleCount)
      try scaled.forEachCycle { part in
        let c = part.begin.floorInt
        let whole = Arc(try Rational(c) / n, try Rational(c + 1) / n)
        out.append(
          Event(
            whole: whole, part: Arc(try part.begin / n, try part.end / n),
            value: values[catTurn(cycle: c, count: count).index]))
      }
    }
  }
}

/// Where cycle `cycle` falls in Tidal's `cat` of `count` patterns: pattern `index` (the cycle
/// modulo `count`, floored, so cycle -1 belongs to the last pattern) plays its own cycle
/// `cycle div count`, which lies `offset` cycles earlier than `cycle`. The n-th time a pattern
/// has its turn, it plays its n-th cycle. The one place this arithmetic is written: `slowcat`,
/// `lazySlowcat`, `fastFromList`, Euclid's steps and the mini-notation's `|` use it.
/// - Precondition: `count > 0`.
@inlinable func catTurn(cycle: Int64, count: Int) -> (index: Int, offset: Int64) {
  let n = Int64(count)
  var (quotient, remainder) = cycle.quotientAndRemainder(dividingBy: n)
  if remainder < 0 {
    remainder += n
    quotient -= 1
  }
  // quotient lies between cycle and 0, so the difference cannot overflow.
  return (Int(remainder), cycle - quotient)
}
