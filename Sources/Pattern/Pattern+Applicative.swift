import Time

/// Where the structure (the wholes) of a combined pattern comes from.
public enum Structure: Sendable {
  /// From both sides: wholes are intersected (Tidal's `<*>`, `|+|`).
  case both
  /// From the left (Tidal's `<*`, `|+`).
  case left
  /// From the right (Tidal's `*>`, `+|`).
  case right
}

extension Pattern {
  /// Combines values of two patterns with `f`, taking structure as `structure` says
  /// (Tidal's `appBoth`, `appLeft`, `appRight`).
  @inlinable public func zip<B, C>(
    _ other: Pattern<B>, structure: Structure,
    _ f: @escaping @Sendable (Value, B) throws -> C
  ) -> Pattern<C> {
    let pf = queryInto
    let px = other.queryInto
    switch structure {
    case .left:
      return Pattern<C> { st, out in
        var left: [Event<Value>] = []
        try pf(st, &left)
        var right: [Event<B>] = []
        for ef in left {
          right.removeAll(keepingCapacity: true)
          try px(st.with(arc: ef.wholeOrPart), &right)
          for ex in right {
            guard let part = ef.part.intersection(ex.part) else { continue }
            out.append(
              Event(
                whole: ef.whole, part: part, value: try f(ef.value, ex.value), context: ef.context.appending(ex.context)
              ))
          }
        }
      }
    case .right:
      return Pattern<C> { st, out in
        var right: [Event<B>] = []
        try px(st, &right)
        var left: [Event<Value>] = []
        for ex in right {
          left.removeAll(keepingCapacity: true)
          try pf(st.with(arc: ex.wholeOrPart), &left)
          for ef in left {
            guard let part = ef.part.intersection(ex.part) else { continue }
            out.append(
              Event(
                whole: ex.whole, part: part, value: try f(ef.value, ex.value), context: ef.context.appending(ex.context)
              ))
          }
        }
      }
    case .both:
      return Pattern<C> { st, out in
        var left: [Event<Value>] = []
        try pf(st, &left)
        var right: [Event<B>] = []
        @Sendable func combine(_ ef: Event<Value>, _ ex: Event<B>, _ out: inout [Event<C>]) throws {
          var whole: Arc? = nil
          if let a = ef.whole, let b = ex.whole {
            guard let w = a.intersection(b) else { return }
            whole = w
          }
          guard let part = ef.part.intersection(ex.part) else { return }
          out.append(
            Event(whole: whole, part: part, value: try f(ef.value, ex.value), context: ef.context.appending(ex.context))
          )
        }
        for ef in left {
          right.removeAll(keepingCapacity: true)
          if let w = ef.whole {
            // Digital on the left meets digital on the right.
            try px(st.with(arc: w), &right)
            for ex in right where ex.whole != nil { try combine(ef, ex, &out) }
          } else {
            // Analog on the left meets everything on the right.
            try px(st.with(arc: ef.part), &right)
            for ex in right { try combine(ef, ex, &out) }
          }
        }
        // Analog events on the right meet digital events on the left.
        right.removeAll(keepingCapacity: true)
        try px(st, &right)
        for ex in right where ex.whole == nil {
          left.removeAll(keepingCapacity: true)
          try pf(st.with(arc: ex.part), &left)
          for ef in left where ef.whole != nil { try combine(ef, ex, &out) }
        }
      }
    }
  }
}

extension Pattern {
  /// Flattens a pattern of patterns; wholes are the intersection of outer and inner
  /// (Tidal's `unwrap`, the monad's join).
  @inlinable public static func unwrap(_ pp: Pattern<Pattern<Value>>) -> Pattern {
    Pattern { st, out in
      let outer = try pp.query(st)
      var inner: [Event<Value>] = []
      for o in outer {
        inner.removeAll(keepingCapacity: true)
        try o.value.queryInto(st.with(arc: o.part), &inner)
        for i in inner {
          var whole: Arc? = nil
          if let ow = o.whole, let iw = i.whole {
            guard let w = ow.intersection(iw) else { continue }
            whole = w
          }
          guard let part = o.part.intersection(i.part) else { continue }
          out.append(Event(whole: whole, part: part, value: i.value, context: i.context.appending(o.context)))
        }
      }
    }
  }

  /// Flattens, keeping the structure of the inner patterns (Tidal's `innerJoin`).
  @inlinable public static func innerJoin(_ pp: Pattern<Pattern<Value>>) -> Pattern {
    Pattern { st, out in
      let outer = try pp.query(st)
      var inner: [Event<Value>] = []
      for o in outer {
        inner.removeAll(keepingCapacity: true)
        try o.value.queryInto(st.with(arc: o.part), &inner)
        for i in inner {
          guard let p = st.arc.intersection(i.part), let p2 = p.intersection(st.arc) else {
            continue
          }
          out.append(Event(whole: i.whole, part: p2, value: i.value, context: i.context.appending(o.context)))
        }
      }
    }
  }

  /// Flattens, squeezing a whole cycle of each inner pattern into its outer event
  /// (Tidal's `squeezeJoin`).
  @inlinable public static func squeezeJoin(_ pp: Pattern<Pattern<Value>>) -> Pattern {
    Pattern { st, out in
      let outer = try pp.query(st)
      var inner: [Event<Value>] = []
      for o in outer {
        inner.removeAll(keepingCapacity: true)
        let c = try o.wholeOrPart.cycleArc()
        try o.value.compress(c.begin, c.end).queryInto(st.with(arc: o.part), &inner)
        for i in inner {
          var whole: Arc? = nil
          if let ow = o.whole, let iw = i.whole {
            guard let w = ow.intersection(iw) else { continue }
            whole = w
          }
          guard let part = o.part.intersection(i.part) else { continue }
          out.append(Event(whole: whole, part: part, value: i.value, context: i.context.appending(o.context)))
        }
      }
    }
  }
}

extension Pattern where Value: Sendable {
  /// Applies `f` with each value of the argument pattern, keeping the structure of the result
  /// (Tidal's `tParam`): the one helper through which functions take patterned arguments.
  @inlinable public static func patterned<A>(
    _ arg: Pattern<A>, _ f: @escaping @Sendable (A) throws -> Pattern
  ) -> Pattern {
    if let constant = arg.constantValue {
      // Joining with a constant only splits queries at cycle boundaries (and adds where the
      // constant was written to each event's context, as the join would).
      if let p = try? f(constant) { return p.splitQueries().appendingContext(arg.constantContext) }
    }
    return Pattern(innerJoinMapped(arg, f))
  }

  /// Every event's context followed by `context` (what joining with a constant adds).
  @inlinable public func appendingContext(_ context: SourceContext) -> Pattern {
    if context.isEmpty { return self }
    let q = queryInto
    return Pattern { st, out in
      let start = out.count
      try q(st, &out)
      guard st.context.wantsSourceContexts else { return }
      for i in start..<out.count { out[i].context = out[i].context.appending(context) }
    }
  }

  /// Like ``patterned(_:_:)`` with the argument values combined with structure from both.
  @inlinable public static func patterned<A, B>(
    _ a: Pattern<A>, _ b: Pattern<B>, _ f: @escaping @Sendable (A, B) throws -> Pattern
  ) -> Pattern where A: Sendable, B: Sendable {
    let (ca, cb) = (a.constantContext, b.constantContext)
    if let x = a.constantValue, let y = b.constantValue, let p = try? f(x, y) {
      return p.splitQueries().appendingContext(ca.appending(cb))
    }
    let general = { patterned(a.zip(b, structure: .both) { ($0, $1) }) { try f($0.0, $0.1) } }
    if let x = a.constantValue { return patternedSplit(b, before: ca, general: general()) { try f(x, $0) } }
    if let y = b.constantValue { return patternedSplit(a, after: cb, general: general()) { try f($0, y) } }
    return general()
  }

  /// `patterned` of several arguments, all but `arg` constant, as `general` computes it (the
  /// join of `pure x <*> arg`). For a query inside one cycle, `pure`'s one event spans the
  /// cycle, so the zip clips `arg`'s events to the query and the inner join reads only those
  /// parts and values: joining `arg` alone gives the same events without building the pairs or
  /// querying `arg` twice (the zip's digital and analog passes). Queries across a cycle
  /// boundary (where `pure` splits an analog event) take `general`.
  /// The constants' contexts go `before` and `after` the argument's, in argument order.
  @inlinable static func patternedSplit<A>(
    _ arg: Pattern<A>, before: SourceContext = .empty, after: SourceContext = .empty,
    general: @autoclosure () -> Pattern, _ f: @escaping @Sendable (A) throws -> Pattern
  ) -> Pattern {
    let joined = innerJoinMapped(arg, before: before, after: after, f)
    let other = general().queryInto
    return Pattern { st, out in
      let a = st.arc
      if try a.begin == a.end || a.end <= a.begin.floor + .one {
        try joined(st, &out)
      } else {
        try other(st, &out)
      }
    }
  }

  /// The query of `innerJoin(arg.map(f))` in one pass: the inner events go straight into
  /// `out` and are cut to the query there (as `innerJoin` cuts them), with no array of
  /// patterns between.
  @inlinable static func innerJoinMapped<A>(
    _ arg: Pattern<A>, before: SourceContext = .empty, after: SourceContext = .empty,
    _ f: @escaping @Sendable (A) throws -> Pattern
  ) -> Query {
    let outer = arg.queryInto
    return { st, out in
      let a = st.arc
      var events: [Event<A>] = []
      try outer(st, &events)
      for o in events {
        let start = out.count
        try f(o.value).queryInto(st.with(arc: o.part), &out)
        var kept = start
        for i in start..<out.count {
          guard let p = a.intersection(out[i].part), let part = p.intersection(a) else { continue }
          if kept != i { out.swapAt(kept, i) }
          out[kept].part = part
          // Tidal's innerJoin: the inner event's context, then the outer one's.
          out[kept].context = out[kept].context.appending(before).appending(o.context).appending(after)
          kept += 1
        }
        out.removeSubrange(kept..<out.count)
      }
    }
  }

  /// Three patterned arguments.
  @inlinable public static func patterned<A, B, C>(
    _ a: Pattern<A>, _ b: Pattern<B>, _ c: Pattern<C>,
    _ f: @escaping @Sendable (A, B, C) throws -> Pattern
  ) -> Pattern where A: Sendable, B: Sendable, C: Sendable {
    let (ca, cb, cc) = (a.constantContext, b.constantContext, c.constantContext)
    if let x = a.constantValue, let y = b.constantValue, let z = c.constantValue,
      let p = try? f(x, y, z)
    {
      return p.splitQueries().appendingContext(ca.appending(cb).appending(cc))
    }
    let general = {
      patterned(a.zip(b, structure: .both) { ($0, $1) }.zip(c, structure: .both) { ($0.0, $0.1, $1) }) {
        try f($0.0, $0.1, $0.2)
      }
    }
    // Euclid's usual case: constant pulses and steps, a patterned rotation.
    switch (a.constantValue, b.constantValue, c.constantValue) {
    case (let x?, let y?, nil):
      return patternedSplit(c, before: ca.appending(cb), general: general()) { try f(x, y, $0) }
    case (let x?, nil, let z?):
      return patternedSplit(b, before: ca, after: cc, general: general()) { try f(x, $0, z) }
    case (nil, let y?, let z?):
      return patternedSplit(a, after: cb.appending(cc), general: general()) { try f($0, y, z) }
    default: return general()
    }
  }
}
