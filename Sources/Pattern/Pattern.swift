import Controls
import Time

/// A pattern: a pure function from a query to the events active in its arc (Tidal's model).
///
/// The query appends to an accumulator instead of returning a fresh array, so combinators can
/// transform results in place without allocating per level.
public struct Pattern<Value>: Sendable {
  public typealias Query = @Sendable (State, inout [Event<Value>]) throws -> Void
  public let queryInto: Query
  /// The value when this pattern is known to be `pure(value)`: lets patterned arguments skip
  /// the join when they are plain constants.
  @usableFromInline let constant: (any Sendable)?

  @inlinable public init(_ query: @escaping Query) {
    self.queryInto = query
    self.constant = nil
  }

  @usableFromInline init(_ query: @escaping Query, constant: any Sendable) {
    self.queryInto = query
    self.constant = constant
  }

  /// The constant this pattern repeats every cycle, when it was built by ``pure(_:context:)``.
  @inlinable public var constantValue: Value? { (constant as? Constant<Value>)?.value }

  /// The source context of that constant (empty for other patterns).
  @inlinable public var constantContext: SourceContext { (constant as? Constant<Value>)?.context ?? .empty }

  /// Events active in `state.arc`, in the pattern's natural order.
  @inlinable public func query(_ state: State) throws -> [Event<Value>] {
    var out: [Event<Value>] = []
    // A cycle of a dense rhythm holds a few dozen events: one allocation instead of growing
    // (and copying) through capacities 1, 2, 4, 8, 16 and 32.
    out.reserveCapacity(32)
    try queryInto(state, &out)
    return out
  }

  /// Events active in `arc`, with a fresh context (no controls, default budget).
  @inlinable public func query(
    _ arc: Arc, controls: [String: Pattern<ControlValue>] = [:], budget: Int = QueryContext.defaultBudget
  ) throws -> [Event<Value>] {
    try query(State(arc: arc, context: QueryContext(controls: controls, budget: budget)))
  }

  /// Events active in `[begin, end)`.
  @inlinable public func query(_ begin: Rational, _ end: Rational) throws -> [Event<Value>] {
    try query(Arc(begin, end))
  }
}

extension Pattern {
  /// No events, ever.
  @inlinable public static var silence: Pattern { Pattern { _, _ in } }

  /// `value` once per cycle, every cycle (Tidal's `pure`; with a context, a mini-notation
  /// atom's `setContext`).
  @inlinable public static func pure(_ value: Value, context: SourceContext = .empty) -> Pattern
  where Value: Sendable {
    Pattern(
      { st, out in
        let a = st.arc
        if a.begin > a.end { return }
        if a.begin == a.end {
          try st.context.spend(1)
          let c = a.begin.floor
          out.append(Event(whole: Arc(c, try c + .one), part: a, value: value, context: context))
          return
        }
        try st.context.spend(a.cycleCount)
        try a.forEachCycle { part in
          let c = part.begin.floor
          out.append(Event(whole: Arc(c, try c + .one), part: part, value: value, context: context))
        }
      }, constant: Constant(value: value, context: context))
  }

  /// A continuous pattern whose value at an instant is `f(t)`; a query is sampled at the
  /// midpoint of its arc (Tidal's `sig`).
  @inlinable public static func signal(_ f: @escaping @Sendable (Rational) throws -> Value) -> Pattern {
    Pattern { st, out in
      let a = st.arc
      let mid = try (a.begin + a.end) * .half
      out.append(Event(whole: nil, part: a, value: try f(mid)))
    }
  }

  /// Splits queries at cycle boundaries, so `body` only ever sees arcs inside one cycle.
  @inlinable public func splitQueries() -> Pattern {
    let q = queryInto
    return Pattern { st, out in
      let nextCycle = try st.arc.begin.floor + .one
      if st.arc.begin == st.arc.end || st.arc.end <= nextCycle {
        try q(st, &out)
        return
      }
      try st.context.spend(st.arc.cycleCount)
      try st.arc.forEachCycle { a in try q(st.with(arc: a), &out) }
    }
  }

  /// Maps the query arc (Tidal's `withQueryArc`).
  @inlinable public func withQueryArc(_ f: @escaping @Sendable (Arc) throws -> Arc) -> Pattern {
    let q = queryInto
    return Pattern { st, out in try q(st.with(arc: f(st.arc)), &out) }
  }

  /// Maps the whole and part of every result event.
  @inlinable public func withResultArc(_ f: @escaping @Sendable (Arc) throws -> Arc) -> Pattern {
    let q = queryInto
    return Pattern { st, out in
      let start = out.count
      try q(st, &out)
      for i in start..<out.count { try out[i].mapArcs(f) }
    }
  }

  /// Rewrites whole result lists (for filters and reorderings).
  @inlinable public func withEvents(
    _ f: @escaping @Sendable (inout [Event<Value>], Range<Int>) throws -> Void
  ) -> Pattern {
    let q = queryInto
    return Pattern { st, out in
      let start = out.count
      try q(st, &out)
      try f(&out, start..<out.count)
    }
  }

  /// Keeps the events whose value passes `keep`.
  @inlinable public func filterValues(_ keep: @escaping @Sendable (Value) -> Bool) -> Pattern {
    filterEvents { keep($0.value) }
  }

  /// Keeps the events that pass `keep`.
  @inlinable public func filterEvents(_ keep: @escaping @Sendable (Event<Value>) -> Bool) -> Pattern {
    withEvents { out, range in
      var w = range.lowerBound
      for i in range where keep(out[i]) {
        if w != i { out[w] = out[i] }
        w += 1
      }
      out.removeSubrange(w..<range.upperBound)
    }
  }

  /// Maps every value (Tidal's `fmap`).
  @inlinable public func map<B>(_ f: @escaping @Sendable (Value) throws -> B) -> Pattern<B> {
    let q = queryInto
    return Pattern<B> { st, out in
      var tmp: [Event<Value>] = []
      try q(st, &tmp)
      out.reserveCapacity(out.count + tmp.count)
      for e in tmp { out.append(Event(whole: e.whole, part: e.part, value: try f(e.value), context: e.context)) }
    }
  }

  /// Maps values, dropping those mapped to nil (Tidal's `filterJust . fmap f`).
  @inlinable public func compactMap<B>(_ f: @escaping @Sendable (Value) throws -> B?) -> Pattern<B> {
    let q = queryInto
    return Pattern<B> { st, out in
      var tmp: [Event<Value>] = []
      try q(st, &tmp)
      for e in tmp {
        if let v = try f(e.value) { out.append(Event(whole: e.whole, part: e.part, value: v, context: e.context)) }
      }
    }
  }
}

/// What ``Pattern/pure(_:context:)`` remembers, so patterned arguments can skip the join.
/// Only `pure` makes one, from a `Sendable` value; readers of any pattern type cast to it.
@usableFromInline struct Constant<Value>: @unchecked Sendable {
  @usableFromInline let value: Value
  @usableFromInline let context: SourceContext
  @inlinable init(value: Value, context: SourceContext) {
    self.value = value
    self.context = context
  }
}
