import Controls
import Pattern
import Time

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Library {
  /// Layers and fades: Tidal 1.9's `juxcut`, `juxcut'`, `weave`, `weaveWith`, `weave'`,
  /// `interlace`, `fadeOut`, `fadeIn`, `fadeOutFrom`, `fadeInFrom`, `splat`. (`striateL` and
  /// `striateL'` are inside a comment in Tidal's source, so Tidal has no such names.)
  static var layerFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "juxcut", .function, "(Pattern ValueMap -> Pattern ValueMap) -> Pattern ValueMap -> Pattern ValueMap",
        arity: 2, help: "Like `jux`, with each side in its own cut group (-1 and -2).",
        example: "juxcut rev $ s \"a b\"", as: .control
      ) { args in
        let f = try args.transform(0)
        let p = try args.typed(1, .control)
        func set(_ pan: Double, _ cut: Int) -> Pattern<Atom> {
          combine(">", .left, combine(">", .left, p, Library.pan(pan)), .pure(.control(ControlMap("cut", .int(cut)))))
        }
        return .pattern(PatternValue(.control, .stack([set(0, -1), try f(.control, set(1, -2))])))
      },
      LibraryEntry(
        "juxcut'", .function, "[t -> Pattern ValueMap] -> t -> Pattern ValueMap", arity: 2,
        help: "Like `jux'`, each function's copy in its own cut group.",
        example: "juxcut' [id, rev] $ s \"a b\"", as: .control
      ) { args in
        let fs = try args.list(0).map { try Arguments.transform($0, in: "juxcut'", ordinal: 0) }
        let p = try args.typed(1, .control)
        let count = Double(fs.count)
        return .pattern(
          PatternValue(
            .control,
            .stack(
              try fs.enumerated().map { n, f in
                let cut = combine("+", .left, try f(.control, p), .pure(.control(ControlMap("cut", .int(1 - n)))))
                return combine(">", .left, cut, pan(Double(n) / count))
              })))
      },
      LibraryEntry(
        "weave", .function, "Time -> ControlPattern -> [ControlPattern] -> ControlPattern", arity: 3,
        help: "Applies a control pattern, slowed to t cycles, to each pattern of a list, each offset further.",
        example: "weave 4 (pan sine) [s \"bd sn\", s \"hh*4\"]", as: .control
      ) { args in
        let t = try args.number(0)
        let p = try args.typed(1, .control)
        let layers = try patternList(args, 2).map { try $0.pattern(as: .control) }
        return .pattern(
          PatternValue(.control, try weaveWith(t, p, layers.map { l in { q in combine(">", .left, l, q) } })))
      },
      weaveWith("weaveWith"), weaveWith("weave'"),
      LibraryEntry(
        "interlace", .function, "ControlPattern -> ControlPattern -> ControlPattern", arity: 2,
        help: "Shifts between two patterns with distortion (`weave 16 (shape (sine * 0.9))`).",
        example: "interlace (s \"bd sn\") (s \"hh*4\")", as: .control
      ) { args in
        let a = try args.typed(0, .control)
        let b = try args.typed(1, .control)
        let sine = Pattern<Double>.signal { t in (sin(Double.pi * 2 * t.doubleValue) + 1) / 2 }
        let shape = sine.zip(Pattern<Double>.pure(0.9), structure: .both) { $0 * $1 }.map { x in
          Atom.control(ControlMap("shape", .float(x)))
        }
        return .pattern(
          PatternValue(.control, try weaveWith(16, shape, [a, b].map { l in { q in combine(">", .left, l, q) } })))
      },
      fade("fadeOut", from: false, out: true, help: "Drops more and more events at random, over the given cycles."),
      fade("fadeIn", from: false, out: false, help: "Drops fewer and fewer events at random, over the given cycles."),
      fade("fadeOutFrom", from: true, out: true, help: "`fadeOut` starting at the given cycle."),
      fade("fadeInFrom", from: true, out: false, help: "`fadeIn` starting at the given cycle."),
      LibraryEntry(
        "splat", .function, "Pattern Int -> ControlPattern -> ControlPattern -> ControlPattern", arity: 3,
        help: "Chops the second pattern into n parts and plays the third, squeezed, with each part.",
        example: "splat 4 (speed \"1 2\") $ s \"bev\"", as: .control
      ) { args in
        let slices = try args.ints(0)
        let effect = try args.typed(1, .control)
        let p = try args.controls(2)
        let zeros = p.map { _ in 0 }
        let bitten = Pattern<Atom>.squeezeJoin(zeros.map { i in try bite(1, i, effect) })
        let chopped = Pattern<ControlMap>.patterned(slices) { n in chop(p, n) }.map { Atom.control($0) }
        return .pattern(PatternValue(.control, combine(">", .left, chopped, bitten)))
      },
    ]
  }

  /// `weaveWith` and its older name `weave'`.
  static func weaveWith(_ name: String) -> LibraryEntry {
    LibraryEntry(
      name, .function, "Time -> Pattern a -> [Pattern a -> Pattern a] -> Pattern a", arity: 3,
      help: "Applies each function of a list to the pattern slowed to t cycles, each offset further.",
      example: "\(name) 3 (s \"bd [sn drum:2*2] bd*2 [sn drum:1]\") [fast 2, (# speed \"0.5\")]", as: .control
    ) { args in
      let t = try args.number(0)
      let fs = try args.list(2).map { try Arguments.transform($0, in: name, ordinal: 2) }
      return .pattern(try args.pattern(1).mapTyped { ty, p in try weaveWith(t, p, fs.map { f in { try f(ty, $0) } }) })
    }
  }

  /// `_slow t $ stack $ zipWith (\i f -> (i % l) `rotL` _fast t (f (_slow t p))) [0 ..] fs`.
  static func weaveWith(
    _ t: Rational, _ p: Pattern<Atom>, _ fs: [(Pattern<Atom>) throws -> Pattern<Atom>]
  ) throws -> Pattern<Atom> {
    guard !fs.isEmpty else { return .silence }
    let slowed = try p.slow(t)
    let count = Int64(fs.count)
    return try Pattern<Atom>.stack(
      try fs.enumerated().map { i, f in try f(slowed).fast(t).rotL(try Rational(Int64(i), count)) }
    ).slow(t)
  }

  /// `fadeOut`, `fadeIn` and their `…From` forms: `innerJoin $ (`_degradeBy` p) <$> envelope`.
  static func fade(_ name: String, from: Bool, out: Bool, help: String) -> LibraryEntry {
    let signature = from ? "Time -> Time -> Pattern a -> Pattern a" : "Time -> Pattern a -> Pattern a"
    return transform(
      name, signature, arity: from ? 3 : 2, help: help,
      example: from ? "\(name) 0 2 $ s \"hh*16\"" : "\(name) 2 $ s \"hh*16\"", as: .control
    ) { args, p in
      let start = from ? try args.number(0) : .zero
      let duration = try args.number(from ? 1 : 0)
      return try Transitions.fade(out: out, from: start, duration, p)
    }
  }
}
