import Time

extension Pattern {
  /// Speeds up by `rate` (Tidal's `_fast`): 0 is silence, a negative rate also reverses.
  public func fast(_ rate: Rational) -> Pattern {
    if rate.isZero { return .silence }
    if rate.isNegative { return fast(-rate).rev() }
    if rate == .one { return self }
    return withQueryTime { try $0 * rate }.withResultTime { try $0 / rate }
  }

  /// Slows down by `rate` (Tidal's `_slow`): 0 is silence.
  public func slow(_ rate: Rational) throws -> Pattern {
    if rate.isZero { return .silence }
    return fast(try rate.reciprocal())
  }

  /// Shifts earlier by `t` cycles (Tidal's `rotL`, `t <~ p`).
  public func rotL(_ t: Rational) -> Pattern {
    if t.isZero { return self }
    return withQueryTime { try $0 + t }.withResultTime { try $0 - t }
  }

  /// Shifts later by `t` cycles (Tidal's `rotR`, `t ~> p`).
  public func rotR(_ t: Rational) -> Pattern { rotL(-t) }

  /// Mirrors every cycle in time (Tidal's `rev`).
  public func rev() -> Pattern {
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
  public func fastGap(_ r: Rational) -> Pattern {
    if r.isZero { return .silence }
    let r = Swift.max(r, .one)
    let q = queryInto
    return Pattern { st, out in
      let a = st.arc
      let cycle = a.begin.floor
      let next = try cycle + .one
      @Sendable func munge(_ t: Rational) throws -> Rational {
        try t.floor + Swift.min(.one, try r * t.fractionalPart)
      }
      let inner = Arc(try munge(a.begin), try munge(a.end))
      if inner.begin == next { return }
      let start = out.count
      try q(st.with(arc: inner), &out)
      for i in start..<out.count {
        @Sendable func back(_ x: Arc) throws -> Arc {
          let s = x.begin.floor
          return Arc(try s + (x.begin - s) / r, try s + (x.end - s) / r)
        }
        if let w = out[i].whole { out[i].whole = try back(w) }
        out[i].part = try back(out[i].part)
      }
    }.splitQueries()
  }

  /// Plays each cycle inside `[s, e)` of the cycle, silent elsewhere (Tidal's `compressArc`).
  public func compress(_ s: Rational, _ e: Rational) throws -> Pattern {
    if s > e || s > .one || e > .one || s.isNegative || e.isNegative { return .silence }
    guard s != e else {
      throw PatternError.invalidArgument("a step cannot have zero length")
    }
    return fastGap(try (e - s).reciprocal()).rotR(s)
  }

  /// Plays the `[s, e)` portion of each cycle stretched to a whole cycle (Tidal's `zoomArc`).
  public func zoom(_ s: Rational, _ e: Rational) throws -> Pattern {
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
  public func mapCycle(_ f: (Rational) throws -> Rational) throws -> Arc {
    let c = begin.floor
    return Arc(try c + f(begin - c), try c + f(end - c))
  }
}
