import Time

/// Tidal's functions that choose between patterns by cycle, by time or by a boolean pattern.
extension Pattern where Value: Sendable {
  /// Plays `other` in cycles whose number passes `test`, `self` elsewhere (Tidal's `when`).
  @inlinable public func when(_ test: @escaping @Sendable (Int64) -> Bool, _ other: Pattern) -> Pattern {
    let q = queryInto
    let fq = other.queryInto
    return Pattern { st, out in
      try (test(st.arc.begin.floorInt) ? fq : q)(st, &out)
    }.splitQueries()
  }

  /// Like ``when(_:_:)`` with the test on the query's start time (Tidal's `whenT`).
  @inlinable public func whenT(_ test: @escaping @Sendable (Rational) throws -> Bool, _ other: Pattern) -> Pattern {
    let q = queryInto
    let fq = other.queryInto
    return Pattern { st, out in
      try (try test(st.arc.begin) ? fq : q)(st, &out)
    }.splitQueries()
  }

  /// Keeps events whose whole starts at a time passing `test` (Tidal's `filterWhen`).
  @inlinable public func filterWhen(_ test: @escaping @Sendable (Rational) -> Bool) -> Pattern {
    filterEvents { test($0.wholeOrPart.begin) }
  }

  /// `other` inside the cycle positions `[s, e)`, `self` outside (Tidal's `within`).
  @inlinable public func within(_ s: Rational, _ e: Rational, _ other: Pattern) -> Pattern {
    let inside: @Sendable (Rational) -> Bool = { t in
      let c = t.fractionalPart
      return c >= s && c < e
    }
    return .stack([other.filterWhen(inside), filterWhen { !inside($0) }])
  }

  /// Values of `self` at the true events of `bools`, with their structure (Tidal's `struct`).
  @inlinable public func structured(by bools: Pattern<Bool>) -> Pattern {
    bools.zip(self, structure: .left) { b, v in b ? v : nil }.compactMap { $0 }
  }

  /// `self` where `bools` is true, keeping `self`'s structure (Tidal's `mask`).
  @inlinable public func masked(by bools: Pattern<Bool>) -> Pattern {
    zip(bools.filterValues { $0 }, structure: .left) { v, _ in v }
  }

  /// `self` where `bools` is true, `other` where it is false (Tidal's `sew`).
  @inlinable public func sew(_ bools: Pattern<Bool>, _ other: Pattern) -> Pattern {
    .stack([masked(by: bools), other.masked(by: bools.map { !$0 })])
  }
}
