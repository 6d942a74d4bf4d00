import Time

extension Pattern {
  /// One event at a time (Tidal's `mono`): events sorted by whole (continuous ones first),
  /// each later event that overlaps an earlier one cut to start where that one stops, or
  /// dropped when it stops no later; parts are then kept inside their (new) wholes.
  @inlinable public func mono() -> Pattern {
    let q = queryInto
    return Pattern { st, out in
      var events: [Event<Value>] = []
      try q(st, &events)
      // Tidal's `sortOn whole`: stable, Nothing before Just, arcs by begin then end.
      let sorted = events.enumerated().sorted { a, b in
        switch (a.element.whole, b.element.whole) {
        case (nil, nil): return a.offset < b.offset
        case (nil, _): return true
        case (_, nil): return false
        case (let x?, let y?):
          if x.begin != y.begin { return x.begin < y.begin }
          if x.end != y.end { return x.end < y.end }
          return a.offset < b.offset
        }
      }.map(\.element)
      var rest = sorted[...]
      while let first = rest.first {
        rest = rest.dropFirst()
        if let part = first.wholeOrPart.intersection(first.part) {
          out.append(Event(whole: first.whole, part: part, value: first.value, context: first.context))
        }
        let stop = first.wholeOrPart.end
        var kept: [Event<Value>] = []
        for var e in rest {
          if e.wholeOrPart.begin >= stop {
            kept.append(e)
          } else if e.wholeOrPart.end > stop {
            e.whole = Arc(stop, e.wholeOrPart.end)
            kept.append(e)
          }
        }
        rest = kept[...]
      }
    }
  }
}
