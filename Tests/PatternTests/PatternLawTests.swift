import Pattern
import Testing
import Time

/// Laws every pattern transformation must keep, checked on several patterns and arcs.
@Suite struct PatternLawTests {
  func r(_ n: Int64, _ d: Int64 = 1) -> Rational { try! Rational(n, d) }

  var samples: [Pattern<String>] {
    [
      .fastFromList(["a", "b", "c"]),
      .slowcat([.pure("x"), .fastFromList(["y", "z"])]),
      try! .timecat([(r(3), .pure("long")), (r(1), .pure("short"))]),
      Pattern.fastFromList(["p", "q"]).fast(r(3, 2)),
      .stack([.pure("s"), try! Pattern.pure("t").slow(r(2))]),
    ]
  }

  var arcs: [Arc] {
    [Arc(r(0), r(1)), Arc(r(0), r(3)), Arc(r(1, 3), r(7, 3)), Arc(r(-5, 4), r(1, 2))]
  }

  func onsets(_ p: Pattern<String>, _ a: Arc) throws -> [String] {
    try p.query(a).filter(\.hasOnset).map { "\($0.whole!) \($0.value)" }.sorted()
  }

  func all(_ p: Pattern<String>, _ a: Arc) throws -> [String] {
    try p.query(a).map { "\($0.whole.map(\.description) ?? "~") \($0.part) \($0.value)" }.sorted()
  }

  @Test func querySplittingKeepsOnsets() throws {
    for p in samples {
      for a in arcs {
        let mid = try (a.begin + a.end) * .half
        let whole = try onsets(p, a)
        let split = try onsets(p, Arc(a.begin, mid)) + onsets(p, Arc(mid, a.end))
        #expect(whole == split.sorted())
      }
    }
  }

  @Test func fastThenSlowIsIdentity() throws {
    for p in samples {
      for k in [r(2), r(3, 2), r(7, 5)] {
        for a in arcs { #expect(try all(try p.fast(k).slow(k), a) == all(p, a)) }
      }
    }
  }

  @Test func revTwiceIsIdentity() throws {
    for p in samples {
      for a in arcs { #expect(try onsets(p.rev().rev(), a) == onsets(p, a)) }
    }
  }

  @Test func shiftsCancel() throws {
    for p in samples {
      for a in arcs { #expect(try all(p.rotL(r(1, 3)).rotR(r(1, 3)), a) == all(p, a)) }
    }
  }

  @Test func fragmentsKeepTheirWhole() throws {
    // An event crossing a cycle boundary comes back as two parts of one whole.
    let events = try Pattern.pure("x").slow(r(2)).splitQueries().query(Arc(r(0), r(2)))
    #expect(events.count == 2)
    #expect(events.allSatisfy { $0.whole == Arc(r(0), r(2)) })
    #expect(events.filter(\.hasOnset).count == 1)
  }

  @Test func zeroWidthQueriesSeeTheActiveEvent() throws {
    let events = try Pattern.fastFromList(["a", "b"]).query(Arc(r(1, 2), r(1, 2)))
    #expect(events.map(\.value) == ["b"])
    #expect(events.first?.whole == Arc(r(1, 2), r(1)))
  }

  /// The shortcuts for plain values (fast and compress of `pure`, the mini-notation's `?`)
  /// give exactly the events of the general path, which sees the same value as an opaque
  /// pattern, on ordinary, multi-cycle, negative and zero-width arcs.
  @Test func plainValueShortcutsMatchTheGeneralPath() throws {
    let plain = Pattern<String>.pure("v")
    let opaque = Pattern<String>(plain.queryInto)
    #expect(plain.constantValue == "v" && opaque.constantValue == nil)
    let rates = [r(2), r(3), r(16), r(1, 2), r(8, 3), r(3, 8)]
    let steps = [(r(0), r(1, 4)), (r(1, 4), r(1, 2)), (r(1, 3), r(2, 3)), (r(3, 4), r(1)), (r(0), r(1))]
    var queries = arcs + [Arc(r(7, 8), r(7, 8)), Arc(r(2), r(2)), Arc(r(-1, 3), r(-1, 3)), Arc(r(5, 16), r(41, 16))]
    queries.append(Arc(r(100), r(101)))
    for a in queries {
      for rate in rates {
        #expect(try all(plain.fast(rate), a) == all(opaque.fast(rate), a), "fast \(rate) over \(a)")
      }
      for (s, e) in steps {
        #expect(try all(plain.compress(s, e), a) == all(opaque.compress(s, e), a), "compress \(s) \(e) over \(a)")
      }
      let random = Pattern<Double>.rand.rotL(r(3, 10_000))
      let dense = Pattern<String>.fastFromList(["a", "b", "c", "d", "e"])
      #expect(
        try all(dense.degradeBy(randomShift: r(3, 10_000), 0.4), a) == all(dense.degradeBy(using: random, 0.4), a),
        "degrade over \(a)")
    }
  }

  @Test func runawayDensityIsAnErrorNotAHang() {
    let p = Pattern.pure("bd").fast(r(99_999_999_999))
    #expect(throws: PatternError.self) { try p.query(Arc(r(0), r(1))) }
  }

  @Test func bjorklundMatchesTidal() throws {
    func s(_ k: Int, _ n: Int) throws -> String {
      try Bjorklund.pattern(pulses: k, steps: n).map { $0 ? "x" : "." }.joined()
    }
    #expect(try s(3, 8) == "x..x..x.")
    #expect(try s(5, 8) == "x.xx.xx.")
    #expect(try s(2, 5) == "x.x..")
    #expect(try s(9, 8) == "xxxxxxxxx")
    #expect(try s(0, 4) == "....")
  }

  /// Tidal's Bjorklund written the plain way (lists of lists), as the reference for the fast one.
  static func referenceBjorklund(_ i: Int, _ n: Int) -> [Bool] {
    var xs = [[Bool]](repeating: [true], count: max(i, 0))
    var ys = [[Bool]](repeating: [false], count: max(n - i, 0))
    var (a, b) = (i, n - i)
    while min(a, b) > 1 {
      if a > b {
        let rest = Array(xs.dropFirst(b))
        xs = zip(xs.prefix(b), ys).map { $0 + $1 }
        ys = rest
        (a, b) = (b, a - b)
      } else {
        let rest = Array(ys.dropFirst(a))
        xs = zip(xs, ys.prefix(a)).map { $0 + $1 }
        ys = rest
        b -= a
      }
    }
    return xs.flatMap { $0 } + ys.flatMap { $0 }
  }

  @Test func bjorklundAgreesWithTheReferenceAlgorithm() throws {
    for n in 0...48 {
      for k in 0...(n + 3) {
        #expect(try Bjorklund.pattern(pulses: k, steps: n) == PatternLawTests.referenceBjorklund(k, n), "(\(k),\(n))")
      }
    }
  }

  @Test func hugeEuclidStepCountsStayFast() throws {
    // Quadratic Bjorklund took seconds here; the bits must still have k onsets.
    let bits = try Bjorklund.pattern(pulses: 4, steps: 99_999)
    #expect(bits.count == 99_999 && bits.filter { $0 }.count == 4)
  }

  @Test func randomnessIsAFunctionOfTime() throws {
    // Tidal's timeToRand at 0.5 is 0.5 * 2^29 / 300 through xorshift; check determinism and range.
    let a = try TidalRandom.value(at: r(1, 2))
    let b = try TidalRandom.value(at: r(1, 2))
    #expect(a == b)
    for i in 0..<200 {
      let v = try TidalRandom.value(at: r(Int64(i), 7))
      #expect(v >= 0 && v < 1)
    }
  }
}
