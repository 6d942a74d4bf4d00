import Time

extension Pattern {
  /// Speeds up by `rate` (Tidal's `_fast`): 0 is silence, a negative rate also reverses.
  @inlinable public func fast(_ rate: Rational) -> Pattern {
    if rate.isZero { return .silence }
    if rate.isNegative { return fast(-rate).rev() }
    if rate == .one { return self }
    let q = queryInto
    let inverse = (try? rate.reciprocal()) ?? .one
    if let constant = constantValue {
      return Pattern.fastPure(UncheckedSendable(constant), constantContext, rate, inverse)
    }
    // One closure for both directions: query times scale up, event times scale back.
    return Pattern { st, out in
      let a = st.arc
      let start = out.count
      try q(st.with(arc: Arc(try a.begin * rate, try a.end * rate)), &out)
      for i in start..<out.count {
        try out[i].mapArcs { Arc(try $0.begin * inverse, try $0.end * inverse) }
      }
    }
  }

  /// `pure(value).fast(rate)` for a positive `rate`, computed directly: the events `pure` gives
  /// for the sped-up query (one per cycle `c`, whole `[c, c + 1)`, spending as `pure` spends),
  /// scaled back by `inverse`. A part's ends that are the query's own ends come back exactly,
  /// so they are taken from the query instead of being scaled there and back.
  @inlinable static func fastPure(
    _ constant: UncheckedSendable<Value>, _ context: SourceContext, _ rate: Rational, _ inverse: Rational
  ) -> Pattern {
    Pattern { st, out in
      let a = st.arc
      let begin = try a.begin * rate
      let end = try a.end * rate
      if begin > end { return }
      let value = constant.value
      if begin == end {
        try st.context.spend(1)
        let c = begin.floor
        out.append(
          Event(whole: Arc(try c * inverse, try (c + .one) * inverse), part: a, value: value, context: context))
        return
      }
      try st.context.spend(Arc(begin, end).cycleCount)
      var c = begin.floorInt
      var wholeBegin = try Rational(c) * inverse
      var partBegin = a.begin
      while true {
        let next = c &+ 1
        let wholeEnd = try Rational(next) * inverse
        let whole = Arc(wholeBegin, wholeEnd)
        if end <= Rational(next) {
          out.append(Event(whole: whole, part: Arc(partBegin, a.end), value: value, context: context))
          return
        }
        out.append(Event(whole: whole, part: Arc(partBegin, wholeEnd), value: value, context: context))
        c = next
        wholeBegin = wholeEnd
        partBegin = wholeEnd
      }
    }
  }

  /// Slows down by `rate` (Tidal's `_slow`): 0 is silence.
  @inlinable public func slow(_ rate: Rational) throws -> Pattern {
    if rate.isZero { return .silence }
    return fast(try rate.reciprocal())
  }

  /// Shifts earlier by `t` cycles (Tidal's `rotL`, `t <~ p`).
  @inlinable public func rotL(_ t: Rational) -> Pattern {
    if t.isZero { return self }
    let q = queryInto
    return Pattern { st, out in
      let a = st.arc
      let start = out.count
      try q(st.with(arc: Arc(try a.begin + t, try a.end + t)), &out)
      for i in start..<out.count {
        try out[i].mapArcs { Arc(try $0.begin - t, try $0.end - t) }
      }
    }
  }

  /// Shifts later by `t` cycles (Tidal's `rotR`, `t ~> p`).
  @inlinable public func rotR(_ t: Rational) -> Pattern { rotL(-t) }

  /// Mirrors every cycle in time (Tidal's `rev`).
  @inlinable public func rev() -> Pattern {
    let q = queryInto
    return Pattern { st, out in
      let cycle = st.arc.begin.floor
      let next = try cycle + .one
      // Reflecting t within the cycle is t -> cycle + next - t.
      let pivot = try cycle + next
      let a = st.arc
      let start = out.count
      try q(st.with(arc: Arc(try pivot - a.end, try pivot - a.begin)), &out)
      for i in start..<out.count {
        let p = out[i].part
        let newPart = Arc(try pivot - p.end, try pivot - p.begin)
        if let w = out[i].whole {
          // Keep the distances from the part to the whole's ends, swapped.
          let before = try p.begin - w.begin
          let after = try w.end - p.end
          out[i].whole = Arc(try newPart.begin - after, try newPart.end + before)
        }
        out[i].part = newPart
      }
    }.splitQueries()
  }

  /// Squeezes each cycle into its first `1/r` and leaves the rest silent (Tidal's `_fastGap`).
  @inlinable public func fastGap(_ r: Rational) -> Pattern {
    if r.isZero { return .silence }
    return gapped(Swift.max(r, .one), shift: .zero)
  }

  /// Plays each cycle inside `[s, e)` of the cycle, silent elsewhere (Tidal's `compressArc`).
  @inlinable public func compress(_ s: Rational, _ e: Rational) throws -> Pattern {
    if s > e || s > .one || e > .one || s.isNegative || e.isNegative { return .silence }
    guard s != e else {
      throw PatternError.invalidArgument("a step cannot have zero length")
    }
    return gapped(try (e - s).reciprocal(), shift: s)
  }

  /// `fastGap(r)` followed by `rotR(shift)`, fused into one pass (`r >= 1`). Each arc is
  /// mapped back relative to its own cycle start, exactly as Tidal's `_fastGap` does, which
  /// can leave a fragment's whole in an earlier cycle than its part.
  @inlinable func gapped(_ r: Rational, shift: Rational) -> Pattern {
    let q = queryInto
    // r >= 1, so its reciprocal exists; multiplying by it is cheaper than dividing by r.
    let rInv = (try? r.reciprocal()) ?? .one
    // A step of a sequence is often a plain value: its events are then computed here without
    // querying it. (`pure` built it from a Sendable value, so carrying it is safe.)
    let constant = constantValue.map { UncheckedSendable($0) }
    let context = constantContext
    return Pattern { st, out in
      let whole = shift.isZero ? st.arc : Arc(try st.arc.begin - shift, try st.arc.end - shift)
      // Straight-line code over the cycles (no nested generic functions: those defeat
      // specialization in this hot path).
      var a = whole
      let nextCycle = try a.begin.floor + .one
      var last = a.begin == a.end || a.end <= nextCycle
      if !last {
        try st.context.spend(whole.cycleCount)
        a = Arc(whole.begin, nextCycle)
      }
      while true {
        let c = a.begin.floor
        if let value = constant?.value {
          // `pure` asked for the squeezed piece gives one event, whole [c, c + 1), when the
          // piece starts inside the step's window [c, c + 1/r), spending one unit. Mapped back,
          // the whole is the window shifted, and the part is the piece (shifted) cut at the
          // window's end: a piece at the start of a cycle starts with the window.
          let windowEnd = try c + rInv
          if a.begin < windowEnd {
            try st.context.spend(1)
            let w = Arc(try c + shift, try windowEnd + shift)
            let part = Arc(
              a.begin == c ? w.begin : try a.begin + shift, a.end >= windowEnd ? w.end : try a.end + shift)
            out.append(Event(whole: w, part: part, value: value, context: context))
          }
        } else {
          // Pieces mostly start and end on cycle boundaries, which squeeze to themselves.
          let b = a.begin == c ? c : try c + Swift.min(.one, try r * (a.begin - c))
          let ce = a.end.floor
          let e = a.end == ce ? ce : try ce + Swift.min(.one, try r * (a.end - ce))
          if b != (try c + .one) {
            let start = out.count
            try q(st.with(arc: Arc(b, e)), &out)
            for i in start..<out.count {
              try out[i].mapArcs { x in
                let c = x.begin.floorInt
                return Arc(
                  try Rational.affine(x.begin, cycle: c, scale: rInv, offset: shift),
                  try Rational.affine(x.end, cycle: c, scale: rInv, offset: shift))
              }
            }
          }
        }
        if last { break }
        let next = try a.end + .one
        last = whole.end <= next
        a = Arc(a.end, last ? whole.end : next)
        if a.begin >= a.end { break }
      }
    }
  }

  /// Plays the `[s, e)` portion of each cycle stretched to a whole cycle (Tidal's `zoomArc`).
  @inlinable public func zoom(_ s: Rational, _ e: Rational) throws -> Pattern {
    let d = try e - s
    if d.isZero || d.isNegative { return .silence }
    return withQueryArc { a in
      try a.mapCycle { try $0 * d + s }
    }.withResultArc { a in
      try a.mapCycle { try ($0 - s) / d }
    }.splitQueries()
  }
}

extension Arc {
  /// Applies `f` to times measured from the start of the arc's cycle (Tidal's `mapCycle`).
  @inlinable public func mapCycle(_ f: (Rational) throws -> Rational) throws -> Arc {
    let c = begin.floor
    return Arc(try c + f(begin - c), try c + f(end - c))
  }
}

/// Carries a value into a `@Sendable` closure where the compiler cannot see that it is
/// Sendable (a pattern's constant, which only `pure` of a Sendable value sets).
@usableFromInline struct UncheckedSendable<T>: @unchecked Sendable {
  @usableFromInline let value: T
  @inlinable init(_ value: T) { self.value = value }
}

extension Pattern where Value: Sendable {
  /// Speeds up by a patterned rate (Tidal's `fast`, which is `tParam _fast`).
  @inlinable public func fast(_ rate: Pattern<Rational>) -> Pattern {
    .patterned(rate) { self.fast($0) }
  }
}
