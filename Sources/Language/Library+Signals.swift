import Pattern
import Time

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Library {
  /// A numeric pattern whose type the context decides (Haskell's `Fractional a => Pattern a`).
  static func numeric(
    _ name: String, fractional: Bool, at position: SourcePosition,
    _ make: @escaping @Sendable (ElementType) throws -> Pattern<Atom>
  ) -> Value {
    .pattern(
      PatternValue(type: nil, defaultType: .double) { t in
        guard fractional ? t.isFractional : t.isNumeric else {
          throw LanguageError(
            .type, "`\(name)` makes \(fractional ? "fractional numbers" : "numbers"), not \(t.patternDescription)",
            at: position)
        }
        return try make(t)
      })
  }

  /// A continuous signal of doubles, converted to the context's type.
  static func signal(
    _ name: String, help: String, example: String, _ f: @escaping @Sendable (Rational) -> Double
  ) -> LibraryEntry {
    LibraryEntry(
      name, .function, "Fractional a => Pattern a", arity: 0, help: help, example: example, as: .double
    ) { args in
      numeric(name, fractional: true, at: args.position) { t in
        Pattern<Atom>.signal { time in try Atom.fromDouble(f(time), as: t) }
      }
    }
  }

  static func saw(_ t: Rational) -> Double {
    let x = t.doubleValue
    return x - x.rounded(.down)
  }

  static var signalFunctions: [LibraryEntry] {
    [
      signal(
        "sine", help: "A sine wave from 0 to 1, one period per cycle (continuous).",
        example: "segment 4 sine"
      ) { t in (sin(Double.pi * 2 * t.doubleValue) + 1) / 2 },
      signal(
        "cosine", help: "A cosine wave from 0 to 1 (`0.25 ~> sine`).", example: "segment 4 cosine"
      ) { t in (sin(Double.pi * 2 * ((try? t - Rational(1) / 4) ?? t).doubleValue) + 1) / 2 },
      LibraryEntry(
        "saw", .function, "(Fractional a, Real a) => Pattern a", arity: 0,
        help: "A rising sawtooth from 0 to 1 each cycle (continuous).", example: "segment 4 saw", as: .double
      ) { args in
        numeric("saw", fractional: true, at: args.position) { t in
          if t == .rational { return .signal { time in .rational(time.fractionalPart) } }
          return .signal { time in try Atom.fromDouble(saw(time), as: t) }
        }
      },
      LibraryEntry(
        "tri", .function, "(Fractional a, Real a) => Pattern a", arity: 0,
        help: "A triangle wave from 0 to 1 and back each cycle (continuous).", example: "segment 4 tri",
        as: .double
      ) { args in
        numeric("tri", fractional: true, at: args.position) { t in
          let up: Pattern<Atom> =
            t == .rational
            ? .signal { time in .rational(time.fractionalPart) }
            : .signal { time in try Atom.fromDouble(saw(time), as: t) }
          let down: Pattern<Atom> =
            t == .rational
            ? .signal { time in .rational(try .one - time.fractionalPart) }
            : .signal { time in try Atom.fromDouble(1 - saw(time), as: t) }
          return Pattern<Atom>.slowcat([up, down]).fast(2)
        }
      },
      signal(
        "square", help: "A square wave: 0 for the first half of each cycle, 1 for the second.",
        example: "segment 4 square"
      ) { t in (saw(t) * 2).rounded(.down) },
      LibraryEntry(
        "rand", .function, "Fractional a => Pattern a", arity: 0,
        help: "Continuous random values from 0 to 1, a pure function of time.", example: "segment 4 rand",
        as: .double
      ) { args in
        numeric("rand", fractional: true, at: args.position) { t in
          Pattern<Double>.rand.map { try Atom.fromDouble($0, as: t) }
        }
      },
      LibraryEntry(
        "irand", .function, "Num a => Pattern Int -> Pattern a", arity: 1,
        help: "Continuous random whole numbers from 0 to n-1.", example: "segment 4 $ irand 8", as: .int
      ) { args in
        let n = try args.ints(0)
        return numeric("irand", fractional: false, at: args.position) { t in
          .unwrap(n.map { n in irand(n).map { try Atom.fromDouble(Double($0), as: t) } })
        }
      },
      LibraryEntry(
        "perlin", .function, "Fractional a => Pattern a", arity: 0,
        help: "Smooth random values (1D Perlin noise) from 0 to 1, changing over each cycle.",
        example: "segment 4 perlin", as: .double
      ) { args in
        numeric("perlin", fractional: true, at: args.position) { t in
          Pattern<Atom>.signal { time in
            let x = time.doubleValue
            let a = x.rounded(.down)
            let ra = TidalRandom.value(atDoubleTime: a)
            let rb = TidalRandom.value(atDoubleTime: a + 1)
            let f = x - a
            let smooth = 6.0 * pow(f, 5) - 15.0 * pow(f, 4) + 10.0 * pow(f, 3)
            return try Atom.fromDouble(ra + smooth * (rb - ra), as: t)
          }
        }
      },
      LibraryEntry(
        "range", .function, "Num a => Pattern a -> Pattern a -> Pattern a -> Pattern a", arity: 3,
        help: "Scales a pattern from 0..1 to from..to (structure from the pattern).",
        example: "segment 4 $ range 1 5 saw", as: .double
      ) { args in
        let ps = [try args.pattern(0), try args.pattern(1), try args.pattern(2)]
        let position = args.position
        return .pattern(
          try PatternValue.combine(ps, defaultType: .double) { t, p in
            guard t.isNumeric else {
              throw LanguageError(.type, "`range` works on numbers, not \(t.pluralDescription)", at: position)
            }
            let bounds = p[0].zip(p[1], structure: .right) { ($0, $1) }
            return bounds.zip(p[2], structure: .right) { ft, v in
              try Arith.binary("+", try Arith.binary("*", v, try Arith.binary("-", ft.1, ft.0)), ft.0)
            }
          })
      },
      LibraryEntry(
        "run", .function, "(Enum a, Num a) => Pattern a -> Pattern a", arity: 1,
        help: "The numbers 0 to n-1 in one cycle.", example: "run 4", as: .double
      ) { args in
        let n = try args.pattern(0)
        let position = args.items[0].position
        return numeric("run", fractional: false, at: args.position) { t in
          .unwrap(try n.build(t).map { v in try runPattern(v, t, at: position) })
        }
      },
      LibraryEntry(
        "scan", .function, "(Enum a, Num a) => Pattern a -> Pattern a", arity: 1,
        help: "`run 1`, then `run 2` … up to `run n`, one per cycle.", example: "scan 4", as: .int
      ) { args in
        let n = try args.pattern(0)
        let position = args.items[0].position
        return numeric("scan", fractional: false, at: args.position) { t in
          .unwrap(
            try n.build(t).map { v in
              let tops = try enumerate(try Atom.fromDouble(1, as: t), v, at: position)
              return Pattern<Atom>.lazySlowcat(count: Int64(tops.count)) { i in
                try runPattern(tops[Int(i)], t, at: position)
              }
            })
        }
      },
    ]
  }

  static let maxRunLength = 100_000

  /// `fastFromList [0 .. n-1]`.
  static func runPattern(_ n: Atom, _ t: ElementType, at position: SourcePosition) throws -> Pattern<Atom> {
    let top = try Arith.binary("-", n, try Atom.fromDouble(1, as: t))
    return .fastFromList(try enumerate(try Atom.fromDouble(0, as: t), top, at: position))
  }

  /// Haskell's `enumFromTo`: integers step by one up to `to`; fractional types go while
  /// `x <= to + 1/2`.
  static func enumerate(_ from: Atom, _ to: Atom, at position: SourcePosition) throws -> [Atom] {
    guard let a = from.doubleValue, let b = to.doubleValue else { return [] }
    let limit = b - a
    if limit > Double(maxRunLength) {
      throw LanguageError(.invalidArgument, "a run of more than \(maxRunLength) steps", at: position)
    }
    var out: [Atom] = []
    switch (from, to) {
    case (.int(let x), .int(let y)):
      if x <= y { for i in x...y { out.append(.int(i)) } }
    case (.rational(let x), .rational(let y)):
      var v = x
      let end = try y + .half
      while v <= end {
        out.append(.rational(v))
        v = try v + .one
      }
    default:
      var v = a
      while v <= b + 0.5 {
        out.append(try Atom.fromDouble(v, as: from.isNote ? .note : .double))
        v += 1
      }
    }
    return out
  }
}

extension Atom {
  var isNote: Bool { if case .note = self { true } else { false } }
}
