import Controls
import Pattern
import Time

extension Library {
  /// The query control that holds the cycle at which a slot's pattern was set (Tidal's
  /// `patternTimeID`); the session adds it to every query of the pattern it plays.
  public static let patternStartControl = "_t_pattern"

  /// Starting a pattern over: at the time it was set in its slot (Tidal 1.9.5's triggers,
  /// Sound.Tidal.Control), or at the onsets of a pattern (`reset`, `restart` and their `To`
  /// forms, Sound.Tidal.Pattern).
  static var triggerFunctions: [LibraryEntry] {
    let quantised: [(String, String, @Sendable (Rational) -> Rational)] = [
      ("trigger", "Starts the pattern at the moment it was set in its slot, off the cycle grid.", { $0 }),
      ("qtrigger", "Starts the pattern at the first cycle boundary after it was set in its slot.", { $0.ceiling }),
      ("qt", "`qtrigger`: starts the pattern at the next cycle boundary after it was set.", { $0.ceiling }),
      ("ctrigger", "`qtrigger`: starts the pattern at the next cycle boundary after it was set.", { $0.ceiling }),
      ("rtrigger", "Starts the pattern at the cycle boundary nearest to when it was set.", { roundHalfEven($0) }),
      ("ftrigger", "Starts the pattern at the cycle boundary before it was set.", { $0.floor }),
    ]
    var out = quantised.map { name, help, align in
      transform(name, "Pattern a -> Pattern a", arity: 1, help: help, example: "\(name) \"a b\"") { _, p in
        triggered(p, align)
      }
    }
    for name in ["mtrigger", "mt"] {
      out.append(
        transform(
          name, "Int -> Pattern a -> Pattern a", arity: 2,
          help: "Starts the pattern at the next cycle boundary after it was set whose number n divides.",
          example: "\(name) 4 \"a b\""
        ) { args, p in
          let n = try plainInt(args, 0)
          guard n != 0 else { throw args.typeError(0, wants: "a number other than 0") }
          let size = Rational(Int64(n))
          return triggered(p) { t in (try? (try t / size).ceiling * size) ?? t }
        })
    }
    out += [
      transform(
        "reset", "Pattern Bool -> Pattern a -> Pattern a", arity: 2,
        help: "At each true, plays the pattern from that point of its cycle again.",
        example: "reset \"<t f> t\" \"a b c d\""
      ) { args, p in trigJoin(try args.bools(0).map { $0 ? p : .silence }, fromCycleZero: false) },
      transform(
        "restart", "Pattern Bool -> Pattern a -> Pattern a", arity: 2,
        help: "At each true, plays the pattern from its very start (cycle 0) again.",
        example: "restart \"t [t f]\" \"<a b> c\""
      ) { args, p in trigJoin(try args.bools(0).map { $0 ? p : .silence }, fromCycleZero: true) },
      transform(
        "resetTo", "Pattern Rational -> Pattern a -> Pattern a", arity: 2,
        help: "Like `reset`, at every event, the pattern shifted earlier by the event's value.",
        example: "resetTo \"0 0.25\" \"a b c d\""
      ) { args, p in trigJoin(try args.rationals(0).map { p.rotL($0) }, fromCycleZero: false) },
      transform(
        "restartTo", "Pattern Rational -> Pattern a -> Pattern a", arity: 2,
        help: "Like `restart`, at every event, the pattern shifted earlier by the event's value.",
        example: "restartTo \"0 <1 2>\" \"<a b c>\""
      ) { args, p in trigJoin(try args.rationals(0).map { p.rotL($0) }, fromCycleZero: true) },
      LibraryEntry(
        "triggerWith", .function, "(Time -> Time) -> Pattern a -> Pattern a", arity: 2,
        help: "Starts the pattern at the time a function makes of the cycle at which it was set.",
        example: "triggerWith (+ 1) \"a b\""
      ) { args in
        let f = args.items[0]
        let p = try args.pattern(1)
        return .pattern(
          p.map { q in
            triggered(q) { t in try timeFunction(f, t, in: args) }
          })
      },
    ]
    return out
  }

  /// Tidal's `triggerWith f pat`: `pat` shifted later by `f` of the pattern's start (the
  /// `_t_pattern` query control), or not shifted when the query has none.
  static func triggered(_ p: Pattern<Atom>, _ align: @escaping @Sendable (Rational) throws -> Rational)
    -> Pattern<Atom>
  {
    Pattern { st, out in
      var offset = Rational.zero
      if let start = st.context.controls[patternStartControl],
        case .rational(let t)? = try start.query(State(arc: Arc(.zero, .zero), context: st.context)).first?.value
      {
        offset = try align(t)
      }
      try p.rotR(offset).queryInto(st, &out)
    }
  }

  /// `f t` for a function argument of `triggerWith`: a number, or a number pattern's value at 0.
  static func timeFunction(_ f: Argument, _ t: Rational, in args: Arguments) throws -> Rational {
    guard case .function(let g) = f.value else { throw args.typeError(0, wants: "a function") }
    let result = try g.apply(Argument(value: .number(t), position: f.position))
    if case .number(let r, _) = result { return r }
    if let p = try Arguments.asPattern(Argument(value: result, position: f.position)),
      case .rational(let r)? = try p.pattern(as: .rational).query(.zero, .zero).first?.value
    {
      return r
    }
    throw LanguageError(.type, "the function given to `triggerWith` must give a time", at: f.position)
  }

  /// Haskell's `round`: halves go to the even neighbour.
  static func roundHalfEven(_ t: Rational) -> Rational {
    let down = t.floor
    guard let rest = try? t - down, let up = try? down + .one else { return down }
    if rest < .half { return down }
    if rest > .half { return up }
    return down.numerator % 2 == 0 ? down : up
  }

  /// Tidal 1.9.5's `_trigJoin`: each digital outer event plays its inner pattern shifted so
  /// that it starts at the event's onset (at the onset's cycle position, unless
  /// `fromCycleZero`), within the outer event.
  static func trigJoin(_ pp: Pattern<Pattern<Atom>>, fromCycleZero: Bool) -> Pattern<Atom> {
    Pattern { st, out in
      var outer: [Event<Pattern<Atom>>] = []
      try pp.queryInto(st, &outer)
      var inner: [Event<Atom>] = []
      for o in outer {
        guard let jow = o.whole else { continue }
        let shift = fromCycleZero ? jow.begin : try jow.begin - jow.begin.floor
        inner.removeAll(keepingCapacity: true)
        try o.value.rotR(shift).queryInto(st, &inner)
        for i in inner {
          guard let part = o.part.intersection(i.part) else { continue }
          if let iw = i.whole {
            guard let whole = jow.intersection(iw) else { continue }
            out.append(Event(whole: whole, part: part, value: i.value, context: i.context))
          } else {
            out.append(Event(whole: nil, part: part, value: i.value, context: i.context))
          }
        }
      }
    }
  }
}
