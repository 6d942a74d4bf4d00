import Time

/// Tidal's functions that rework the events of a cycle or of one whole: repeat them, rotate
/// their values, spread them out.
extension Pattern where Value: Sendable {
  /// Repeats each event `n` times within its whole (Tidal's `_ply`).
  @inlinable public func ply(_ n: Rational) -> Pattern {
    .squeezeJoin(map { v in Pattern.pure(v).fast(n) })
  }

  /// Rotates values by `i` steps within each cycle, keeping the structure (Tidal's `_rot`).
  /// `order` breaks ties between events with the same whole and part, as Tidal's `Ord` on
  /// values does.
  @inlinable public func rot(_ i: Int, order: @escaping @Sendable (Value, Value) -> Bool) -> Pattern
  where Value: Equatable {
    let q = queryInto
    return Pattern { st, out in
      let a = st.arc
      let cycle = Arc(a.begin.floor, try a.begin.floor + .one)
      var es: [Event<Value>] = []
      try st.context.withSourceContexts { try q(st.with(arc: cycle), &es) }
      es = defragParts(es)
      // Tidal sorts events as its derived `Ord` does: context (where the atoms were
      // written), whole, part, value.
      es.sort { x, y in
        if x.context != y.context { return x.context < y.context }
        switch (x.whole, y.whole) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let wx), .some(let wy)) where wx != wy: return arcLess(wx, wy)
        default: break
        }
        if x.part != y.part { return arcLess(x.part, y.part) }
        return order(x.value, y.value)
      }
      let n = es.count
      guard n > 0 else { return }
      let shift = i >= 0 ? i % n : (n - (-i % n)) % n
      let values = es.map(\.value)
      for (k, e) in es.enumerated() {
        guard let part = e.part.intersection(a) else { continue }
        out.append(Event(whole: e.whole, part: part, value: values[(k + shift) % n], context: e.context))
      }
    }.splitQueries()
  }

  /// Spreads events sharing a whole across it, after reordering each group with `f`
  /// (Tidal's `arpWith`).
  @inlinable public func arpWith(_ f: @escaping @Sendable ([Event<Value>]) -> [Event<Value>]) -> Pattern {
    withEvents { out, range in
      let events = Array(out[range])
      out.removeSubrange(range)
      // A stable sort on wholes, then groups of equal wholes (Tidal's sortOn + groupBy).
      let sorted = events.enumerated().sorted { x, y in
        switch (x.element.whole, y.element.whole) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let a), .some(let b)) where a != b: return arcLess(a, b)
        default: return x.offset < y.offset
        }
      }.map(\.element)
      var i = 0
      while i < sorted.count {
        var j = i + 1
        while j < sorted.count, sorted[j].whole == sorted[i].whole { j += 1 }
        let group = f(Array(sorted[i..<j]))
        let d = group.count
        for (n, e) in group.enumerated() {
          guard let w = e.whole else { continue }
          let dur = try (w.end - w.begin) / Rational(Int64(d))
          let s = try w.begin + dur * Rational(Int64(n))
          let whole = Arc(s, try s + dur)
          guard let part = whole.intersection(e.part) else { continue }
          out.append(Event(whole: whole, part: part, value: e.value, context: e.context))
        }
        i = j
      }
    }
  }
}

/// Haskell's order on arcs: begin, then end.
@inlinable func arcLess(_ a: Arc, _ b: Arc) -> Bool {
  a.begin != b.begin ? a.begin < b.begin : a.end < b.end
}

/// Joins adjacent fragments of the same event (Tidal's `defragParts`).
/// - Complexity: O(n²) in the events of one cycle.
@inlinable func defragParts<V: Equatable>(_ events: [Event<V>]) -> [Event<V>] {
  var rest = events
  var out: [Event<V>] = []
  while !rest.isEmpty {
    let e = rest.removeFirst()
    if let i = rest.firstIndex(where: { o in
      o.whole == e.whole && o.value == e.value
        && (e.part.end == o.part.begin || o.part.end == e.part.begin)
    }) {
      let o = rest.remove(at: i)
      let hull = Arc(min(e.part.begin, o.part.begin), max(e.part.end, o.part.end))
      out.append(Event(whole: e.whole, part: hull, value: e.value, context: e.context))
    } else {
      out.append(e)
    }
  }
  return out
}
