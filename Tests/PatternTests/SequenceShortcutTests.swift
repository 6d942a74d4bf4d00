import Pattern
import Testing
import Time

/// The one-pass forms of sequences, patterned arguments, and Euclid and `[a|b]` over plain values give
/// exactly what the compositions they replace give: the same events in the same order, and the
/// same budget spent, on ordinary, multi-cycle, negative, zero-width and reversed arcs.
@Suite struct SequenceShortcutTests {
  func r(_ n: Int64, _ d: Int64 = 1) -> Rational { try! Rational(n, d) }

  var arcs: [Arc] {
    [
      Arc(r(0), r(1)), Arc(r(0), r(3)), Arc(r(1, 3), r(7, 3)), Arc(r(-5, 4), r(1, 2)), Arc(r(5, 16), r(41, 16)),
      Arc(r(1, 5), r(1, 4)), Arc(r(7, 8), r(7, 8)), Arc(r(2), r(2)), Arc(r(-1, 3), r(-1, 3)), Arc(r(1, 2), r(1, 4)),
      Arc(r(100), r(101)), Arc(r(3, 5), r(3, 5)),
    ]
  }

  /// Events in the order the query gives them, and the budget the query spent.
  func run<V>(_ p: Pattern<V>, _ a: Arc) -> (events: [String], spent: Int) {
    let context = QueryContext(budget: 100_000)
    let events = (try? p.query(State(arc: a, context: context))) ?? []
    let text = events.map { "\($0.whole.map(\.description) ?? "~") \($0.part) \($0.value)" }
    return (text, 100_000 - context.remaining)
  }

  @Test func sequencesMatchTheirStackOfCompressedSteps() throws {
    let opaque = Pattern<String>(Pattern.fastFromList(["b", "c"]).queryInto)
    let sequences: [[(Rational, Pattern<String>)]] = [
      [(r(1), .pure("a")), (r(1), .pure("b"))],
      [(r(1), .pure("a")), (r(2), opaque), (r(1), .pure("d"))],
      [(r(3), .pure("long")), (r(1), try Pattern.pure("x").slow(r(2))), (r(1), .pure("short"))],
      [(r(1), opaque), (r(1), opaque.fast(r(3))), (r(1), .pure("z"))],
      [(r(1, 2), .pure("p")), (r(5, 2), opaque)],
    ]
    for steps in sequences {
      var total = Rational.zero
      for (w, _) in steps { total = try total + w }
      var begin = Rational.zero
      var compressed: [Pattern<String>] = []
      for (w, p) in steps {
        let end = try begin + w
        compressed.append(try p.compress(try begin / total, try end / total))
        begin = end
      }
      let fused = try Pattern.timecat(steps)
      let reference = Pattern.stack(compressed)
      for a in arcs {
        let (got, spent) = run(fused, a)
        let (want, wantSpent) = run(reference, a)
        #expect(got == want, "\(steps.map(\.0)) over \(a)")
        #expect(spent == wantSpent, "budget for \(steps.map(\.0)) over \(a)")
      }
    }
  }

  @Test func patternedArgumentsMatchTheGeneralJoin() throws {
    let rotations: [Pattern<Int>] = [
      .slowcat([.pure(0), .pure(2)]),
      .fastFromList([1, 3, 0]),
      Pattern<Double>.rand.map { Int($0 * 8) },
    ]
    let body = Pattern<String>.fastFromList(["a", "b"])
    @Sendable func f(_ k: Int, _ n: Int, _ rot: Int) throws -> Pattern<String> { try body.euclid(k, n, rotation: rot) }
    for rotation in rotations {
      let shortcut = Pattern<String>.patterned(Pattern.pure(3), Pattern.pure(8), rotation, f)
      let pairs = Pattern.pure(3).zip(Pattern.pure(8), structure: .both) { ($0, $1) }
      let triples = pairs.zip(rotation, structure: .both) { ($0.0, $0.1, $1) }
      let general = Pattern.innerJoin(triples.map { try f($0.0, $0.1, $0.2) })
      let single = Pattern<String>.patterned(rotation) { try f(3, 8, $0) }
      let reference = Pattern.innerJoin(rotation.map { try f(3, 8, $0) })
      for a in arcs {
        #expect(run(shortcut, a).events.sorted() == run(general, a).events.sorted(), "three arguments over \(a)")
        #expect(run(single, a).events == run(reference, a).events, "one argument over \(a)")
      }
    }
  }

  @Test func euclidOverAPlainValueMatchesTheGeneralPath() throws {
    let plain = Pattern<String>.pure("v")
    let opaque = Pattern<String>(plain.queryInto)
    for (k, n, rotation) in [(3, 8, 0), (5, 8, 2), (-3, 8, 1), (7, 12, 5), (2, 5, 0)] {
      for a in arcs {
        let (got, spent) = run(try plain.euclid(k, n, rotation: rotation), a)
        let (want, wantSpent) = run(try opaque.euclid(k, n, rotation: rotation), a)
        #expect(got == want, "(\(k),\(n),\(rotation)) over \(a)")
        #expect(spent == wantSpent, "budget for (\(k),\(n),\(rotation)) over \(a)")
      }
    }
  }

  @Test func randomChoiceOfPlainValuesMatchesTheGeneralPath() throws {
    let values = ["sn", "cp", "hh"]
    let plain = values.map { Pattern<String>.pure($0) }
    let opaque = plain.map { Pattern<String>($0.queryInto) }
    for seed in [0, 1, 7] {
      let fast = try Pattern.randomCycleChoice(plain, seed: seed)
      let general = try Pattern.randomCycleChoice(opaque, seed: seed)
      for a in arcs {
        let (got, spent) = run(fast, a)
        let (want, wantSpent) = run(general, a)
        #expect(got == want, "seed \(seed) over \(a)")
        #expect(spent == wantSpent, "budget for seed \(seed) over \(a)")
      }
    }
  }
}
