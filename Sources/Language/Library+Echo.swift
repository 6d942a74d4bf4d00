import Controls
import Pattern
import Time

extension Library {
  /// Echoes: Tidal 1.9's `stut`, `echo`, `stutWith` (`stut'`), `echoWith` and `plyWith`.
  static var echoFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "stut", .function,
        "Pattern Integer -> Pattern Double -> Pattern Rational -> ControlPattern -> ControlPattern", arity: 4,
        help: "Echoes: n copies, each the step time later, their gain falling towards the feedback.",
        example: "stut 3 0.5 0.125 $ s \"bd sn\"", as: .control
      ) { args in
        let p = try args.typed(3, .control)
        let position = args.items[0].position
        return .pattern(
          PatternValue(
            .control,
            Pattern<Atom>.patterned(try args.ints(0), try args.doubles(1), try args.rationals(2)) {
              count, feedback, step in
              try checkCount(count, "stut", position)
              guard count > 1 else { return .stack([p]) }
              let copies = try (1..<count).map { x in
                // Tidal's scalegain: feedback + (1 - feedback) * ((count - x) / count).
                let gain = feedback + (1 - feedback) * (Double(count - x) / Double(count))
                let shifted = combine("*", .left, p, .pure(.control(ControlMap("gain", .float(gain)))))
                return shifted.rotR(try Rational(Int64(x)) * step)
              }
              return .stack([p] + copies)
            }))
      },
      LibraryEntry(
        "echo", .function,
        "Pattern Integer -> Pattern Rational -> Pattern Double -> ControlPattern -> ControlPattern", arity: 4,
        help: "Echoes: n copies, each the time later, the gain multiplied by the feedback each time.",
        example: "echo 4 0.2 0.5 $ s \"bd sn\"", as: .control
      ) { args in
        let p = try args.typed(3, .control)
        let position = args.items[0].position
        return .pattern(
          PatternValue(
            .control,
            Pattern<Atom>.patterned(try args.ints(0), try args.rationals(1), try args.doubles(2)) {
              count, time, feedback in
              try checkCount(count, "echo", position)
              let gain = Pattern<Atom>.pure(.control(ControlMap("gain", .float(feedback))))
              return try echoWith(count, time, p) { combine("*", .left, $0, gain) }
            }))
      },
      stutWith("stutWith"), stutWith("stut'"), stutWith("echoWith"),
      LibraryEntry(
        "plyWith", .function, "(Ord t, Num t) => Pattern t -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a",
        arity: 3,
        help: "Like `ply`, applying the function once more to each repeat than to the one before.",
        example: "plyWith 3 (|* gain 0.8) $ s \"a b\"", as: .control
      ) { args in
        let n = try args.rationals(0)
        let f = try args.transform(1)
        let position = args.items[0].position
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            .patterned(n) { n in
              guard n <= Rational(Int64(maxRunLength)) else {
                throw LanguageError(.invalidArgument, "plyWith: at most \(maxRunLength) repeats", at: position)
              }
              // compound n = overlay p (f (compound (n - 1))), down to n <= 1.
              var compound = p
              var k = n
              while k > .one {
                compound = .stack([p, try f(t, compound)])
                k = try k - .one
              }
              return compound.arpWith { $0 }
            }
          })
      },
    ]
  }

  /// `stutWith` and its aliases: `innerJoin $ (\a b -> _stutWith a b f p) <$> n <* t`.
  static func stutWith(_ name: String) -> LibraryEntry {
    LibraryEntry(
      name, .function, "Pattern Int -> Pattern Time -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a",
      arity: 4,
      help: "Echoes: n copies, each the time later, the function applied once more to each copy.",
      example: "\(name) 3 (1/3) (# speed 2) $ s \"bd sn\"", as: .control
    ) { args in
      let counts = try args.ints(0)
      let times = try args.rationals(1)
      let f = try args.transform(2)
      let position = args.items[0].position
      let pairs = counts.zip(times, structure: .left) { ($0, $1) }
      return .pattern(
        try args.pattern(3).mapTyped { t, p in
          .innerJoin(
            pairs.map { count, time in
              try checkCount(count, name, position)
              return try echoWith(count, time, p) { try f(t, $0) }
            })
        })
    }
  }

  /// Tidal's `_echoWith` (= `_stutWith`): `overlay (f (time `rotR` _echoWith (count-1) …)) p`,
  /// unrolled.
  static func echoWith(
    _ count: Int, _ time: Rational, _ p: Pattern<Atom>, _ f: (Pattern<Atom>) throws -> Pattern<Atom>
  ) throws -> Pattern<Atom> {
    var result = p
    var k = 1
    while k < count {
      result = .stack([try f(result.rotR(time)), p])
      k += 1
    }
    return result
  }

  static func checkCount(_ count: Int, _ name: String, _ position: SourcePosition) throws {
    guard count <= maxRunLength else {
      throw LanguageError(.invalidArgument, "\(name): at most \(maxRunLength) copies", at: position)
    }
  }
}
