import Pattern
import Time

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Library {
  /// The rest of `Core`'s signals: the bipolar waves (`sine2` … `square2`), the falling saw
  /// and the envelopes (`envL` … `envEqR`), defined as Tidal 1.9 defines them.
  static var waveFunctions: [LibraryEntry] {
    [
      signal(
        "sine2", help: "A sine wave from -1 to 1, one period per cycle (continuous).",
        example: "segment 4 sine2"
      ) { t in sin(Double.pi * 2 * t.doubleValue) },
      signal(
        "cosine2", help: "A cosine wave from -1 to 1 (`0.25 ~> sine2`).", example: "segment 4 cosine2"
      ) { t in sin(Double.pi * 2 * ((try? t - Rational(1) / 4) ?? t).doubleValue) },
      sawLike(
        "saw2", help: "A rising sawtooth from -1 to 1 each cycle (continuous).",
        exact: { f in try f * 2 - .one }, double: { x in x * 2 - 1 }),
      sawLike(
        "isaw", help: "A falling sawtooth from 1 to 0 each cycle (`(1-) <$> saw`).",
        exact: { f in try .one - f }, double: { x in 1 - x }),
      sawLike(
        "isaw2", help: "A falling sawtooth from 1 to -1 each cycle (`(*(-1)) <$> saw2`).",
        exact: { f in -(try f * 2 - .one) }, double: { x in -(x * 2 - 1) }),
      LibraryEntry(
        "tri2", .function, "(Fractional a, Real a) => Pattern a", arity: 0,
        help: "A triangle wave from -1 to 1 and back each cycle (`fastAppend saw2 isaw2`).",
        example: "segment 4 tri2", as: .double
      ) { args in
        numeric("tri2", fractional: true, at: args.position) { t in
          let up = sawSignal(t, exact: { f in try f * 2 - .one }, double: { x in x * 2 - 1 })
          let down = sawSignal(t, exact: { f in -(try f * 2 - .one) }, double: { x in -(x * 2 - 1) })
          return Pattern<Atom>.fastcat([up, down])
        }
      },
      signal(
        "square2", help: "A square wave: -1 for the first half of each cycle, 1 for the second.",
        example: "segment 4 square2"
      ) { t in (saw(t) * 2).rounded(.down) * 2 - 1 },
      LibraryEntry(
        "sig", .function, "(Time -> a) -> Pattern a", arity: 1,
        help: "A continuous pattern of a function of time, sampled at the middle of each query.",
        example: "segment 4 $ sig (\\t -> fromRational t * 2)", as: .double
      ) { args in
        guard case .function(let f) = args[0], f.arity - f.arguments.count == 1 else {
          throw args.typeError(0, wants: "a function of time")
        }
        let position = args.items[0].position
        return .pattern(
          PatternValue(type: nil, defaultType: .double) { t in
            Pattern<Atom> { st, out in
              let a = st.arc
              if a.begin > a.end { return }
              let mid = try a.begin + (try (a.end - a.begin) * .half)
              let r = try f.apply(Argument(value: .number(mid), position: position))
              out.append(Event(whole: nil, part: a, value: try sample(r, as: t, at: position)))
            }
          })
      },
      envelope(
        "envL", help: "Rises linearly from 0 to 1 over the first cycle, then stays at 1."
      ) { t in Swift.max(0, Swift.min(t.doubleValue, 1)) },
      envelope(
        "envLR", help: "Falls linearly from 1 to 0 over the first cycle, then stays at 0 (`(1-) <$> envL`)."
      ) { t in 1 - Swift.max(0, Swift.min(t.doubleValue, 1)) },
      envelope(
        "envEq", help: "An equal-power rise over the first cycle (for crossfading gains)."
      ) { t in sqrt(sin(Double.pi / 2 * Swift.max(0, Swift.min(oneMinus(t), 1)))) },
      envelope(
        "envEqR", help: "An equal-power fall over the first cycle, the mirror of `envEq`."
      ) { t in sqrt(cos(Double.pi / 2 * Swift.max(0, Swift.min(oneMinus(t), 1)))) },
    ]
  }

  /// `fromRational (1 - t)`, exact before the conversion as in Tidal.
  static func oneMinus(_ t: Rational) -> Double {
    ((try? Rational.one - t) ?? t).doubleValue
  }

  /// A `Pattern Double` signal (Tidal's envelopes have that fixed type).
  static func envelope(
    _ name: String, help: String, _ f: @escaping @Sendable (Rational) -> Double
  ) -> LibraryEntry {
    LibraryEntry(
      name, .function, "Pattern Double", arity: 0, help: help, example: "segment 4 \(name)", as: .double
    ) { _ in .pattern(PatternValue(.double, Pattern<Atom>.signal { .double(f($0)) })) }
  }

  /// A wave computed from the cycle position `mod' t 1`: exactly for `Rational`, in `Double`
  /// otherwise, as Tidal's `(Fractional a, Real a)` waves are.
  static func sawLike(
    _ name: String, help: String,
    exact: @escaping @Sendable (Rational) throws -> Rational,
    double: @escaping @Sendable (Double) -> Double
  ) -> LibraryEntry {
    LibraryEntry(
      name, .function, "(Fractional a, Real a) => Pattern a", arity: 0, help: help,
      example: "segment 4 \(name)", as: .double
    ) { args in
      numeric(name, fractional: true, at: args.position) { t in sawSignal(t, exact: exact, double: double) }
    }
  }

  static func sawSignal(
    _ t: ElementType, exact: @escaping @Sendable (Rational) throws -> Rational,
    double: @escaping @Sendable (Double) -> Double
  ) -> Pattern<Atom> {
    if t == .rational { return .signal { time in .rational(try exact(time.fractionalPart)) } }
    return .signal { time in try Atom.fromDouble(double(saw(time)), as: t) }
  }

  /// The value a function given to `sig` returned, as one atom of `type`.
  static func sample(_ value: Value, as type: ElementType, at position: SourcePosition) throws -> Atom {
    if case .number(let r, let fractional) = value, let a = Atom.number(r, as: type, fractional: fractional) {
      return a
    }
    if case .pattern(let p) = value, let a = try p.pattern(as: p.type ?? type).constantValue {
      if p.type == nil || p.type == type { return a }
      if let d = a.doubleValue, type.isNumeric { return try Atom.fromDouble(d, as: type) }
    }
    if case .string(let s, _) = value, type == .string { return .string(s) }
    throw LanguageError(
      .type, "the function given to `sig` returns \(value.kindDescription), not one \(type.rawValue) value",
      at: position)
  }
}
