import Controls
import Pattern
import Time

extension Library {
  /// Structure from Tidal's `UI`: choosing between patterns (`sew`, `stitch`, `select`,
  /// `squeeze`, `pickF`), arranging them in time (`seqP`, `seqPLoop`), applying a function in
  /// part of a cycle (`within`, `within'`) or to matching events (`fix`, `unfix`, `contrast`).
  static var combineFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "sew", .function, "Pattern Bool -> Pattern a -> Pattern a -> Pattern a", arity: 3,
        help: "Plays the first pattern where the booleans are true, the second where false (keeping their structure).",
        example: "sew \"t f\" \"a*4\" \"b*8\""
      ) { args in
        let b = try args.bools(0)
        return .pattern(
          try PatternValue.combine([try args.pattern(1), try args.pattern(2)]) { _, ps in ps[0].sew(b, ps[1]) })
      },
      LibraryEntry(
        "stitch", .function, "Pattern Bool -> Pattern a -> Pattern a -> Pattern a", arity: 3,
        help: "Takes the structure of the booleans: the first pattern's values where true, the second's where false.",
        example: "stitch \"t f t t\" \"a\" \"b\""
      ) { args in
        let b = try args.bools(0)
        return .pattern(
          try PatternValue.combine([try args.pattern(1), try args.pattern(2)]) { _, ps in
            .stack([ps[0].structured(by: b), ps[1].structured(by: b.map { !$0 })])
          })
      },
      LibraryEntry(
        "seqP", .function, "[(Time, Time, Pattern a)] -> Pattern a", arity: 1,
        help: "Plays each pattern from its start to its stop cycle: `seqP [(0, 4, \"a\"), (2, 6, \"b\")]`.",
        example: "seqP [(0, 2, \"a b\"), (1, 3, \"c*3\")]"
      ) { args in
        let (spans, patterns) = try timedPatterns(args, 0)
        return .pattern(try PatternValue.combine(patterns) { _, ps in seqP(spans, ps) })
      },
      LibraryEntry(
        "seqPLoop", .function, "[(Time, Time, Pattern a)] -> Pattern a", arity: 1,
        help: "Like `seqP`, looping from the earliest start to the latest stop.",
        example: "seqPLoop [(0, 2, \"a b\"), (1, 3, \"c*3\")]"
      ) { args in
        let (spans, patterns) = try timedPatterns(args, 0)
        guard let first = spans.map(\.0).min(), let last = spans.map(\.1).max() else {
          return .pattern(PatternValue(.string, .silence))
        }
        return .pattern(
          try PatternValue.combine(patterns) { _, ps in
            try timeLoop(try last - first, seqP(spans, ps).rotL(first))
          })
      },
      LibraryEntry(
        "within", .function, "(Time, Time) -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 3,
        help: "Applies a function to the part (begin, end) of each cycle: `within (0, 0.5) (fast 2)`.",
        example: "within (0, 0.5) (fast 2) \"a b c d\""
      ) { args in
        let (s, e) = try args.pair(0)
        let f = try args.transform(1)
        return .pattern(try args.pattern(2).mapTyped { t, p in p.within(s, e, try f(t, p)) })
      },
      LibraryEntry(
        "within'", .function, "(Time, Time) -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 3,
        help: "Like `within`, but the function sees only that part, zoomed to a whole cycle.",
        example: "within' (0, 0.5) (fast 2) \"a b c d\""
      ) { args in
        let (s, e) = try args.pair(0)
        let f = try args.transform(1)
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            let inner = try f(t, try p.zoom(s, e)).compress(s, e)
            return p.within(s, e, inner)
          })
      },
      LibraryEntry(
        "select", .function, "Pattern Double -> [Pattern a] -> Pattern a", arity: 2,
        help: "Picks a pattern of the list with a number from 0 (the first) to 1 (the last).",
        example: "select \"<0 0.5 1>\" [\"a*2\", \"b*3\", \"c\"]"
      ) { args in
        let f = try args.doubles(0)
        return .pattern(
          try PatternValue.combine(try patternList(args, 1)) { _, ps in
            if ps.isEmpty { return .silence }
            return .patterned(f) { x in
              let i = Int((Swift.max(0, Swift.min(1, x)) * Double(ps.count - 1)).rounded(.down))
              return ps[Swift.max(0, Swift.min(i, ps.count - 1))]
            }
          })
      },
      LibraryEntry(
        "pickF", .function, "Pattern Int -> [Pattern a -> Pattern a] -> Pattern a -> Pattern a", arity: 3,
        help: "Applies the function of the list chosen by index: `pickF \"<0 1>\" [rev, fast 2]`.",
        example: "pickF \"<0 1>\" [rev, fast 2] \"a b c\""
      ) { args in
        let indices = try args.ints(0)
        let fs = try transformList(args, 1)
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            if fs.isEmpty { return .silence }
            return .patterned(indices) { i in try fs[cyclicIndex(i, fs.count).0](t, p) }
          })
      },
      LibraryEntry(
        "selectF", .function, "Pattern Double -> [Pattern a -> Pattern a] -> Pattern a -> Pattern a", arity: 3,
        help: "Applies the function of the list chosen by a number from 0 to 1.",
        example: "selectF \"<0 0.5>\" [rev, fast 2] \"a b c\""
      ) { args in
        let f = try args.doubles(0)
        let fs = try transformList(args, 1)
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            if fs.isEmpty { return .silence }
            return .patterned(f) { x in
              let i = Int((Swift.max(0, Swift.min(0.999999, x)) * Double(fs.count)).rounded(.down))
              return try fs[Swift.max(0, Swift.min(i, fs.count - 1))](t, p)
            }
          })
      },
      contrastEntry(
        "contrast",
        "(ControlPattern -> ControlPattern) -> (ControlPattern -> ControlPattern) -> ControlPattern -> ControlPattern -> ControlPattern",
        arity: 4, help: "Applies the first function to events matching the controls, the second to the others.",
        example: "contrast (# crush 4) (# speed 2) (n \"1\") $ n \"0 1\" # s \"x\"", matched: 0, unmatched: 1),
      contrastEntry(
        "fix", "(ControlPattern -> ControlPattern) -> ControlPattern -> ControlPattern -> ControlPattern",
        arity: 3, help: "Applies a function to the events whose controls match: `fix (# crush 4) (n 1)`.",
        example: "fix (# crush 4) (n 1) $ n \"0 1\" # s \"x\"", matched: 0, unmatched: nil),
      contrastEntry(
        "unfix", "(ControlPattern -> ControlPattern) -> ControlPattern -> ControlPattern -> ControlPattern",
        arity: 3, help: "Applies a function to the events whose controls do not match.",
        example: "unfix (# crush 4) (n 1) $ n \"0 1\" # s \"x\"", matched: nil, unmatched: 0),
    ]
  }

  /// A list argument of functions from pattern to pattern.
  static func transformList(_ args: Arguments, _ i: Int) throws -> [Transform] {
    try args.list(i).map { a in try Arguments.transform(a, in: args.function, ordinal: i) }
  }

  /// `[(start, stop, pattern)]`.
  static func timedPatterns(_ args: Arguments, _ i: Int) throws -> ([(Rational, Rational)], [PatternValue]) {
    var spans: [(Rational, Rational)] = []
    var patterns: [PatternValue] = []
    for item in try args.list(i) {
      guard case .tuple(let xs) = item.value, xs.count == 3, case .number(let s, _) = xs[0],
        case .number(let e, _) = xs[1],
        let p = try Arguments.asPattern(Argument(value: xs[2], position: item.position))
      else { throw args.typeError(i, wants: "a list of (start, stop, pattern) triples") }
      spans.append((s, e))
      patterns.append(p)
    }
    return (spans, patterns)
  }

  /// `stack $ map (\(s, e, p) -> playFor s e (sam s `rotR` p))`.
  static func seqP(_ spans: [(Rational, Rational)], _ ps: [Pattern<Atom>]) -> Pattern<Atom> {
    .stack(
      zip(spans, ps).map { span, p in
        let shifted = p.rotR(span.0.floor)
        let window = Arc(span.0, span.1)
        return Pattern { st, out in
          guard let a = window.intersection(st.arc) else { return }
          try shifted.queryInto(st.with(arc: a), &out)
        }
      })
  }

  /// Tidal's `timeLoop n = outside n loopFirst`: loops the first n cycles.
  static func timeLoop(_ n: Rational, _ p: Pattern<Atom>) throws -> Pattern<Atom> {
    let k = try n.reciprocal()
    let slowed = Pattern<Atom>.patterned(Pattern<Rational>.pure(k)) { k in try p.slow(k) }
    return .patterned(Pattern<Rational>.pure(k)) { k in loopFirst(slowed).fast(k) }
  }

  /// `contrast`, `fix` and `unfix`: the functions at the given argument positions apply to the
  /// matching and the other events (nil: left as they are).
  static func contrastEntry(
    _ name: String, _ signature: String, arity: Int, help: String, example: String, matched: Int?,
    unmatched: Int?
  ) -> LibraryEntry {
    LibraryEntry(name, .function, signature, arity: arity, help: help, example: example, as: .control) { args in
      let identity: Transform = { _, p in p }
      let onMatched = try matched.map { try args.transform($0) } ?? identity
      let onOthers = try unmatched.map { try args.transform($0) } ?? identity
      let conditions = try args.controls(arity - 2)
      let p = try args.controls(arity - 1)
      let tagged = matchControls(conditions, p)
      let yes = tagged.compactMap { $0.0 ? Atom.control($0.1) : nil }
      let no = tagged.compactMap { $0.0 ? nil : Atom.control($0.1) }
      return .pattern(PatternValue(.control, .stack([try onMatched(.control, yes), try onOthers(.control, no)])))
    }
  }

  /// Tidal's `matchManyToOne (flip $ Map.isSubmapOfBy (==))`: each event of `p`, tagged with
  /// whether a map of `conditions` active at its start is contained in its own.
  static func matchControls(_ conditions: Pattern<ControlMap>, _ p: Pattern<ControlMap>) -> Pattern<(Bool, ControlMap)>
  {
    Pattern { st, out in
      for e in try p.query(st) {
        let start = e.wholeOrPart.begin
        let active = try conditions.query(st.with(arc: Arc(start, start)))
        let hit = active.contains { c in
          c.value.entries.allSatisfy { entry in e.value[entry.name].map { tidalEqual(entry.value, $0) } ?? false }
        }
        out.append(Event(whole: e.whole, part: e.part, value: (hit, e.value), context: e.context))
      }
    }
  }

  /// Tidal's `Eq Value`: floats, ints and rationals compare by value across those types; a
  /// note equals only a note.
  static func tidalEqual(_ a: ControlValue, _ b: ControlValue) -> Bool {
    switch (a, b) {
    case (.float(let x), .int(let y)), (.int(let y), .float(let x)): return x == Double(y)
    case (.float(let x), .rational(let y)), (.rational(let y), .float(let x)): return Rational(exactly: x) == y
    case (.int(let x), .rational(let y)), (.rational(let y), .int(let x)): return Rational(Int64(x)) == y
    default: return a == b
    }
  }
}
