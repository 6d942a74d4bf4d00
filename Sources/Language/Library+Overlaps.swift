import Pattern
import Time

extension Library {
  /// Tidal's `stretch` and `mono` (functions that look at a cycle's events to reshape them),
  /// `euclidOffBool`, `index`, `compressTo`, `substruct` and `revArc`.
  static var overlapFunctions: [LibraryEntry] {
    [
      transform(
        "stretch", "Pattern a -> Pattern a", arity: 1,
        help: "Zooms each cycle to the span its events take, dropping silence at its start and end.",
        example: "stretch \"~ a b ~\""
      ) { _, p in stretch(p) },
      transform(
        "index", "Real b => b -> Pattern b -> Pattern c -> Pattern c", arity: 3,
        help: "Plays a window of the given size of each cycle, its start (0 to 1) from a pattern.",
        example: "index 0.25 \"0 0.5\" \"a b c d\""
      ) { args, p in
        // spread' (zoom' sz) ((* (1 - sz)) <$> indexpat) p, zoom' sz s = zoomArc (Arc s (s + sz))
        let size = try args.number(0)
        let scale = try Rational.one - size
        let starts = try args.rationals(1)
        return .unwrap(starts.map { s in try p.zoom(try s * scale, try s * scale + size) })
      },
      transform(
        "compressTo", "(Time,Time) -> Pattern a -> Pattern a", arity: 2,
        help: "`compress` with the span taken within its cycle: `compressTo (1.25, 1.75)` is `compress (0.25, 0.75)`.",
        example: "compressTo (1.25, 1.75) \"a b\""
      ) { args, p in
        // compressArcTo (Arc s e) = compressArc (Arc (cyclePos s) (e - sam s))
        let (s, e) = try args.pair(0)
        let sam = s.floor
        return try p.compress(try s - sam, try e - sam)
      },
      transform(
        "substruct", "Pattern Bool -> Pattern b -> Pattern b", arity: 2,
        help: "Plays a whole cycle of the pattern squeezed into each true event of the boolean pattern.",
        example: "substruct \"t ~ t t\" \"a b\""
      ) { args, p in
        let bools = try args.bools(0)
        // concatMap ((\a' -> queryArc (compressArcTo a' p) a') . wholeOrPart) $ filter value $ query s st:
        // each true event's whole span is queried, as Tidal does, even past the query's arc.
        return Pattern { st, out in
          var events: [Event<Bool>] = []
          try bools.queryInto(st, &events)
          for e in events where e.value {
            let span = e.wholeOrPart
            let sam = span.begin.floor
            try p.compress(try span.begin - sam, try span.end - sam).queryInto(st.with(arc: span), &out)
          }
        }
      },
      transform(
        "revArc", "(Time, Time) -> Pattern a -> Pattern a", arity: 2,
        help: "Reverses the cycle, keeping the reversed events that start within the span (`within (s, e) rev`).",
        example: "revArc (0, 0.5) \"a b c d\""
      ) { args, p in
        let (s, e) = try args.pair(0)
        return p.within(s, e, p.rev())
      },
    ]
  }

  /// Tidal's `stretch p = splitQueries $ p {query = q}`, where `q` zooms to
  /// `cycleArc (enclosingArc (wholeOrPart of the events of the query's cycle))` (`Arc 0 1` when
  /// the cycle is empty).
  static func stretch(_ p: Pattern<Atom>) -> Pattern<Atom> {
    Pattern { st, out in
      let cycleStart = st.arc.begin.floor
      var events: [Event<Atom>] = []
      try p.queryInto(st.with(arc: Arc(cycleStart, try cycleStart + .one)), &events)
      var span = Arc(.zero, .one)
      if let first = events.first {
        var begin = first.wholeOrPart.begin
        var end = first.wholeOrPart.end
        for e in events.dropFirst() {
          begin = min(begin, e.wholeOrPart.begin)
          end = max(end, e.wholeOrPart.end)
        }
        span = try Arc(begin, end).cycleArc()
      }
      try p.zoom(span.begin, span.end).queryInto(st, &out)
    }.splitQueries()
  }

}
