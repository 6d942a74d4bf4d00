import Time

extension Pattern {
  /// Patterns squeezed into one cycle with relative durations (Tidal's `timeCat`): a stack of
  /// each pattern compressed into its window. The steps are computed in one pass, in the
  /// query's own time, giving exactly the events (in the same order, with the same budget
  /// spent) of that stack of ``compress(_:_:)``s.
  /// - Throws: when a duration is zero (a step of no length) or the total overflows.
  @inlinable public static func timecat(_ weighted: [(Rational, Pattern)]) throws -> Pattern {
    var total = Rational.zero
    for (w, _) in weighted { total = try total + w }
    var parts: [Pattern] = []
    var steps: [SequenceStep<Value>] = []
    var begin = Rational.zero
    for (w, p) in weighted {
      let end = try begin + w
      let (s, e) = (try begin / total, try end / total)
      let part = try p.compress(s, e)
      parts.append(part)
      if s < e, !s.isNegative, e <= .one {
        let r = try (e - s).reciprocal()
        let kind: SequenceStep<Value>.Kind = p.constantValue == nil ? .pattern : .constant
        steps.append(
          SequenceStep(
            kind, value: p.constantValue, context: p.constantContext, query: p.queryInto, compressed: part.queryInto,
            begin: s, end: e, rate: r))
      } else {
        steps.append(
          SequenceStep(
            .other, value: nil, context: .empty, query: part.queryInto, compressed: part.queryInto, begin: s, end: e,
            rate: .one))
      }
      begin = end
    }
    if steps.count < 2 { return stack(parts) }
    let fused = steps
    return Pattern { st, out in
      for step in fused {
        switch step.kind {
        case .constant: try constantStep(st, &out, step.value!, step.context, step.begin, step.end)
        case .pattern: try patternStep(st, &out, step.query, step.compressed, step.begin, step.end, step.rate)
        case .other: try step.query(st, &out)
        }
      }
    }
  }

  /// The shifted cycles `gapped` visits for a query of positive length and a window starting
  /// at `s` in `[0, 1)`: `floor(qb - s) ..< ceil(qe - s)`, from integer and fractional parts
  /// (no subtraction of fractions), after spending the budget `gapped` spends for them.
  @inlinable static func shiftedCycles(_ st: State, _ s: Rational) throws -> Range<Int64> {
    let q = st.arc
    let bFloor = q.begin.floorInt
    let first = q.begin.fractionalPart < s ? bFloor &- 1 : bFloor
    let eFloor = q.end.floorInt
    let last = q.end.fractionalPart > s ? eFloor &+ 1 : eFloor
    let (cycles, overflow) = last.subtractingReportingOverflow(first)
    if overflow { throw PatternError.tooDense(st.context.limit) }
    if cycles > 1 { try st.context.spend(cycles) }
    return first..<last
  }

  /// The events of `pure(value).compress(s, e)` (`0 <= s < e <= 1`), computed in the query's
  /// own time: what ``gapped(_:shift:)`` gives for a constant, with the same budget spent.
  /// `gapped` splits the query at the points `c + s` and gives, for each such cycle `c`, the
  /// window `[c + s, c + e)` cut to the query when the query's piece starts inside it; for a
  /// query of positive length those are exactly the windows it overlaps, in cycle order, and
  /// for an instant `t` (or a reversed query starting at `t`) the one window holding `t`.
  @inlinable static func constantStep(
    _ st: State, _ out: inout [Event<Value>], _ value: Value, _ context: SourceContext, _ s: Rational,
    _ e: Rational
  ) throws {
    let q = st.arc
    if q.begin >= q.end {
      // An instant (or a reversed query): `gapped` keeps the one piece as it is.
      let bFloor = q.begin.floorInt
      let first = Rational(q.begin.fractionalPart < s ? bFloor &- 1 : bFloor)
      let windowEnd = try first + e
      guard q.begin < windowEnd else { return }
      try st.context.spend(1)
      out.append(Event(whole: Arc(try first + s, windowEnd), part: q, value: value, context: context))
      return
    }
    for c in try shiftedCycles(st, s) {
      let cycle = Rational(c)
      let windowEnd = try cycle + e
      guard q.begin < windowEnd else { continue }
      try st.context.spend(1)
      let windowBegin = try cycle + s
      let part = Arc(Swift.max(q.begin, windowBegin), Swift.min(q.end, windowEnd))
      out.append(Event(whole: Arc(windowBegin, windowEnd), part: part, value: value, context: context))
    }
  }

  /// The events of `p.compress(s, e)` (`0 <= s < e <= 1`, `r = 1 / (e - s)`), computed in
  /// the query's own time. For shifted cycle `c`, `gapped` queries `p` over the query's piece
  /// squeezed by `r` about `c`, unless the piece starts at or after the window's end: in the
  /// query's time the squeezed piece starts at `c` when the query starts at or before the
  /// window, and ends at `c + 1` when the query reaches the window's end, so a query covering
  /// the window (the usual case) needs no arithmetic. Instants and reversed queries take
  /// `compressed` (`gapped` itself).
  @inlinable static func patternStep(
    _ st: State, _ out: inout [Event<Value>], _ p: Query, _ compressed: Query, _ s: Rational, _ e: Rational,
    _ r: Rational
  ) throws {
    let q = st.arc
    if q.begin >= q.end { return try compressed(st, &out) }
    let width = try e - s
    for c in try shiftedCycles(st, s) {
      let cycle = Rational(c)
      let windowBegin = try cycle + s
      let windowEnd = try cycle + e
      guard q.begin < windowEnd else { continue }
      let b = q.begin <= windowBegin ? cycle : try cycle + r * (q.begin - windowBegin)
      let end = q.end >= windowEnd ? try cycle + .one : try cycle + r * (q.end - windowBegin)
      let start = out.count
      try p(st.with(arc: Arc(b, end)), &out)
      for i in start..<out.count {
        try out[i].mapArcs { x in
          let k = x.begin.floorInt
          return Arc(
            try Rational.affine(x.begin, cycle: k, scale: width, offset: s),
            try Rational.affine(x.end, cycle: k, scale: width, offset: s))
        }
      }
    }
  }
}

/// A step of a sequence: a constant over its window `[begin, end)` of every cycle, a pattern
/// compressed into that window (with the compressed pattern, for instants), or any other
/// query (a window outside the cycle). A class, so walking the steps of every query copies
/// one reference per step instead of the closures and values inside.
@usableFromInline final class SequenceStep<Value>: @unchecked Sendable {
  @usableFromInline enum Kind: Sendable { case constant, pattern, other }
  @usableFromInline let kind: Kind
  /// The constant (set by `pure` from a Sendable value: safe to share).
  @usableFromInline let value: Value?
  @usableFromInline let context: SourceContext
  @usableFromInline let query: Pattern<Value>.Query
  @usableFromInline let compressed: Pattern<Value>.Query
  @usableFromInline let begin: Rational
  @usableFromInline let end: Rational
  @usableFromInline let rate: Rational

  @inlinable init(
    _ kind: Kind, value: Value?, context: SourceContext, query: @escaping Pattern<Value>.Query,
    compressed: @escaping Pattern<Value>.Query, begin: Rational, end: Rational, rate: Rational
  ) {
    self.kind = kind
    self.value = value
    self.context = context
    self.query = query
    self.compressed = compressed
    self.begin = begin
    self.end = end
    self.rate = rate
  }
}
