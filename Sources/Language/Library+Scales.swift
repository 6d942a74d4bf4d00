import MiniNotation
import Pattern
import Time

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Library {
  /// Scale and chord names, scales given as lists (`toScale'`), and number shaping (`rangex`,
  /// `quantise` and its floor and ceiling forms).
  static var scaleFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "scaleList", .function, "String", arity: 0,
        help: "The names of all scales `scale` knows, separated by spaces.", example: "scaleList"
      ) { _ in .pattern(PatternValue(.string, .pure(.string(scaleTable.map(\.0).joined(separator: " "))))) },
      LibraryEntry(
        "chordList", .function, "String", arity: 0,
        help: "The names of all chords the mini-notation knows (`\"c'maj e'min7\"`), separated by spaces.",
        example: "chordList"
      ) { _ in .pattern(PatternValue(.string, .pure(.string(Chords.names.joined(separator: " "))))) },
      LibraryEntry(
        "toScale'", .function, "Num a => Int -> [a] -> Pattern Int -> Pattern a", arity: 3,
        help: "Like `toScale`, with the size of an octave given: `toScale' 24 [0, 4, 7, 10, 14, 17]`.",
        example: "toScale' 24 [0, 4, 7, 10, 14, 17] \"0 .. 7\"", as: .note
      ) { args in
        let octave = try args.number(0)
        guard octave.isInteger else { throw args.typeError(0, wants: "a whole number") }
        return try toScale(args, octave: Int(octave.numerator), steps: 1, degrees: 2)
      },
      transform(
        "arpg", "Pattern a -> Pattern a", arity: 1,
        help: "The same as `arpeggiate`.", example: "arpg \"c'maj e'min\"", as: .note
      ) { _, p in p.arpWith { $0 } },
      LibraryEntry(
        "rangex", .function, "(Functor f, Floating b) => b -> b -> f b -> f b", arity: 3,
        help: "Scales a pattern from 0..1 to from..to exponentially (good for frequencies).",
        example: "segment 4 $ rangex 20 2000 sine", as: .double
      ) { args in
        let from = log(try args.number(0).doubleValue)
        let to = log(try args.number(1).doubleValue)
        let position = args.position
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            guard t == .double || t == .note else {
              throw LanguageError(.type, "`rangex` works on floating numbers, not \(t.pluralDescription)", at: position)
            }
            return p.map { a in
              guard let v = a.doubleValue else { return a }
              return try Atom.fromDouble(exp(v * (to - from) + from), as: t)
            }
          })
      },
      quantiser(
        "quantise", help: "Rounds each value to the nearest multiple of 1/n (halves to even).", .toNearestOrEven),
      transform(
        "mono", "Pattern a -> Pattern a", arity: 1,
        help: "One event at a time: overlapping events are cut short or dropped.",
        example: "mono \"[a, b c]\""
      ) { _, p in p.mono() },
      LibraryEntry(
        "smooth", .function, "Fractional a => Pattern a -> Pattern a", arity: 1,
        help: "Glides linearly from each value to the next (a continuous pattern).",
        example: "segment 8 $ smooth \"0 2 [4 6]\"", as: .double
      ) { args in
        let position = args.position
        return .pattern(
          try args.pattern(0).mapTyped { t, p in
            guard t.isFractional else {
              throw LanguageError(
                .type, "`smooth` works on fractional numbers, not \(t.pluralDescription)", at: position)
            }
            return smooth(p.mono())
          })
      },
      quantiser("qround", help: "The same as `quantise`.", .toNearestOrEven),
      quantiser("qfloor", help: "Rounds each value down to a multiple of 1/n.", .down),
      quantiser("qceiling", help: "Rounds each value up to a multiple of 1/n.", .up),
    ]
  }

  /// `fmap ((/n) . fromIntegral . round . (*n))`, with `rule` as the rounding.
  static func quantiser(_ name: String, help: String, _ rule: FloatingPointRoundingRule) -> LibraryEntry {
    LibraryEntry(
      name, .function, "(Functor f, RealFrac b) => b -> f b -> f b", arity: 2, help: help,
      example: "\(name) 1 \"0.4 1.5 2.5 -0.5\"", as: .double
    ) { args in
      let n = try args.number(0)
      let position = args.position
      return .pattern(
        try args.pattern(1).mapTyped { t, p in
          guard t.isFractional else {
            throw LanguageError(
              .type, "`\(name)` works on fractional numbers, not \(t.pluralDescription)", at: position)
          }
          return p.map { a in
            switch a {
            case .rational(let r): return .rational(try roundExact(try r * n, rule) / n)
            default:
              guard let v = a.doubleValue else { return a }
              let d = n.doubleValue
              return try Atom.fromDouble((v * d).rounded(rule) / d, as: t)
            }
          }
        })
    }
  }

  /// `x` rounded to a whole number by `rule`, exactly.
  static func roundExact(_ x: Rational, _ rule: FloatingPointRoundingRule) throws -> Rational {
    let down = x.floor
    let rest = try x - down
    switch rule {
    case .down: return down
    case .up: return rest.isZero ? down : try down + .one
    default:
      if rest < .half { return down }
      if rest > .half { return try down + .one }
      return down.floorInt % 2 == 0 ? down : try down + .one
    }
  }

  /// `toScale' octave`: degrees of the list at argument `steps`, `octave` semitones per turn.
  static func toScale(_ args: Arguments, octave: Int, steps stepIndex: Int, degrees degreeIndex: Int) throws -> Value {
    let steps = try args.list(stepIndex).map { a -> Rational in
      guard case .number(let r, _) = a.value else { throw args.typeError(stepIndex, wants: "a list of numbers") }
      return r
    }
    let degrees = try args.ints(degreeIndex)
    let position = args.items[stepIndex].position
    return numeric(args.function, fractional: false, at: args.position) { t in
      if steps.isEmpty { return .silence }
      let atoms = try steps.map { r in
        guard let a = Atom.number(r, as: t) else {
          throw LanguageError(.type, "the scale step \(r) is not \(t.patternDescription)", at: position)
        }
        return a
      }
      return degrees.map { n in
        let (i, turns) = cyclicIndex(n, atoms.count)
        guard let shift = Atom.number(Rational(Int64(octave * turns)), as: t) else { return atoms[i] }
        return try Arith.binary("+", atoms[i], shift)
      }
    }
  }

  /// Tidal's `smooth` of a `mono` pattern: the event at the middle of the query, moved towards
  /// the value of the event starting where it stops by how far into it the middle is. The
  /// result's whole is the query itself, as in Tidal.
  static func smooth(_ mono: Pattern<Atom>) -> Pattern<Atom> {
    Pattern { st, out in
      let a = st.arc
      let mid = try (a.begin + a.end) * .half
      guard let e = try mono.query(st.with(arc: Arc(mid, mid))).first else { return }
      let stop = e.wholeOrPart.end
      guard let next = try mono.query(st.with(arc: Arc(stop, stop))).first else {
        out.append(Event(whole: a, part: a, value: e.value, context: e.context))
        return
      }
      let span = e.wholeOrPart
      let length = try span.end - span.begin
      let progress = length.isZero ? Rational.zero : try (e.part.begin - span.begin) / length
      let value: Atom
      switch (e.value, next.value) {
      case (.rational(let x), .rational(let y)): value = .rational(try x + (try (y - x) * progress))
      default:
        guard let x = e.value.doubleValue, let y = next.value.doubleValue else { return }
        value = try Atom.fromDouble(x + (y - x) * progress.doubleValue, as: e.value.isNote ? .note : .double)
      }
      out.append(Event(whole: a, part: a, value: value, context: e.context))
    }
  }
}
