import Controls
import Language
import Pattern
import Testing
import Time

/// The names that finished the vocabulary (issue 14), checked against Tidal's own events:
/// `Golden/functions-finish.jsonl`, written by `scripts/golden/gen-vocab-finish.py`.
@Suite struct VocabFinishGoldenTests {
  static let cases = (try? ExpressionCase.load(LanguageFiles.golden("functions-finish.jsonl"))) ?? []

  @Test func goldenFileIsPresent() {
    #expect(Self.cases.count >= 56)
  }

  @Test(arguments: cases)
  func function(_ c: ExpressionCase) {
    if let problem = c.check() { Issue.record("\(c): \(problem)") }
  }
}

/// `reset`, `restart`, `resetTo` and `restartTo` (Tidal 1.9.5, newer than the oracle), worked
/// out by hand from Sound.Tidal.Pattern:
///
///     _trigJoin cycleZero pat_of_pats = Pattern q
///       where q st = catMaybes $ concatMap
///               (\oe@(Event oc (Just jow) op ov) -> map (\oe@(Event ic (iw) ip iv) ->
///                   do w <- subMaybeArc (Just jow) iw
///                      p <- subArc op ip
///                      return $ Event (combineContexts [ic, oc]) w p iv)
///                 $ query (((if cycleZero then id else cyclePos) $ start jow) `rotR` ov) st)
///               (query (filterDigital pat_of_pats) st)
///     reset bp pat = trigJoin $ (\v -> if v then pat else silence) <$> bp
///     resetTo bp pat = trigJoin $ (\v -> rotL v pat) <$> bp
///
/// and `restart`/`restartTo` the same with `trigZeroJoin` (cycleZero).
@Suite struct VocabTriggerJoinTests {
  static func check(_ expression: String, _ arc: (String, String), _ events: [(String, String, String)]) {
    let json = events.map { s, e, v in #"{"whole":["\#(s)","\#(e)"],"part":["\#(s)","\#(e)"],"value":"\#(v)"}"# }
    let c = ExpressionCase(
      id: "hand", expression: expression, type: "string", arc: arc, expected: "[" + json.joined(separator: ",") + "]")
    if let problem = c.check() { Issue.record("\(c): \(problem)") }
  }

  @Test func resetPlaysFromTheOnsetsPositionInItsCycle() {
    // The second half is shifted by its cycle position, 1/2: it plays the first half again.
    Self.check(
      #"reset "t*2" "a b c d""#, ("0", "1"),
      [("0", "1/4", "a"), ("1/4", "1/2", "b"), ("1/2", "3/4", "a"), ("3/4", "1", "b")])
    // Shifting by the cycle position keeps the cycle number: <a b> still alternates.
    Self.check(#"reset "t" "<a b>""#, ("0", "2"), [("0", "1", "a"), ("1", "2", "b")])
  }

  @Test func restartPlaysFromCycleZero() {
    Self.check(#"restart "t" "<a b>""#, ("0", "2"), [("0", "1", "a"), ("1", "2", "a")])
    // Each half plays the first half of cycle 0 again (reset would play cycle 1's: b b).
    Self.check(#"restart "t*2" "<a b> c""#, ("1", "2"), [("1", "3/2", "a"), ("3/2", "2", "a")])
  }

  @Test func falseEventsAreSilent() {
    Self.check(#"reset "t f" "a b""#, ("0", "1"), [("0", "1/2", "a")])
  }

  @Test func resetToShiftsEachRestartEarlier() {
    // (1/2, 1): rotL 1/4, then rotR 1/2 (its cycle position): b and c.
    Self.check(
      #"resetTo "0 0.25" "a b c d""#, ("0", "1"),
      [("0", "1/4", "a"), ("1/4", "1/2", "b"), ("1/2", "3/4", "b"), ("3/4", "1", "c")])
  }

  @Test func restartToStartsFromTheGivenCycle() {
    // Cycle 1: rotL 2 then rotR 1 is cycle 2 of <a b c>.
    Self.check(#"restartTo "<0 2>" "<a b c>""#, ("0", "2"), [("0", "1", "a"), ("1", "2", "c")])
  }
}

/// The triggers read the cycle at which the session set the pattern (the `_t_pattern` query
/// control, Tidal's `patternTimeID`) and start the pattern there (Sound.Tidal.Control:
/// `triggerWith f pat = pat {query = q} where q st = query (rotR (offset st) pat) st`).
@Suite struct VocabTriggerTests {
  static func values(_ expression: String, startedAt start: Rational?, _ arc: Arc) throws -> [String] {
    let (_, p) = try Language.pattern(expression, as: .string)
    let controls: [String: Pattern<ControlValue>] =
      start.map { [Library.patternStartControl: .pure(.rational($0))] } ?? [:]
    return try p.query(arc, controls: controls).map { e in
      "\(e.whole.map { "\($0.begin)-\($0.end)" } ?? "~") \(e.value)"
    }
  }

  static let third = try! Rational(1, 3)

  @Test func qtriggerStartsAtTheNextCycle() throws {
    // Set at 1/3: shifted by 1, so cycle 0 plays the cycle before the pattern's cycle 0.
    #expect(
      try Self.values(#"qtrigger "<a b>""#, startedAt: Self.third, Arc(0, 2)) == [
        #"0-1 string("b")"#, #"1-2 string("a")"#,
      ])
    #expect(try Self.values(#"qt "<a b>""#, startedAt: Rational(2), Arc(2, 3)) == [#"2-3 string("a")"#])
  }

  @Test func withoutAStartNothingMoves() throws {
    #expect(try Self.values(#"qtrigger "<a b>""#, startedAt: nil, Arc(0, 1)) == [#"0-1 string("a")"#])
  }

  @Test func triggerStartsOffTheGrid() throws {
    #expect(
      try Self.values(#"trigger "a""#, startedAt: Self.third, Arc(0, 1))
        == [#"-2/3-1/3 string("a")"#, #"1/3-4/3 string("a")"#])
  }

  @Test func theRoundingsChooseTheirBoundary() throws {
    #expect(try Self.values(#"ftrigger "<a b>""#, startedAt: Self.third, Arc(0, 1)) == [#"0-1 string("a")"#])
    // Haskell's round: halves to even, 1/2 to 0 and 3/2 to 2.
    #expect(try Self.values(#"rtrigger "<a b>""#, startedAt: .half, Arc(0, 1)) == [#"0-1 string("a")"#])
    #expect(try Self.values(#"rtrigger "<a b>""#, startedAt: Rational(3, 2), Arc(2, 3)) == [#"2-3 string("a")"#])
    #expect(try Self.values(#"ctrigger "<a b>""#, startedAt: Rational(3, 2), Arc(2, 3)) == [#"2-3 string("a")"#])
  }

  @Test func mtriggerWaitsForAMultiple() throws {
    // Set at 1/3, mtrigger 3 starts at cycle 3: cycle 4 is the pattern's cycle 1.
    #expect(try Self.values(#"mtrigger 3 "<a b c>""#, startedAt: Self.third, Arc(4, 5)) == [#"4-5 string("b")"#])
    #expect(try Self.values(#"mt 3 "<a b c>""#, startedAt: Rational(4), Arc(7, 8)) == [#"7-8 string("b")"#])
  }

  @Test func triggerWithAppliesTheFunction() throws {
    #expect(try Self.values(#"triggerWith (+ 1) "<a b>""#, startedAt: Rational(0), Arc(0, 1)) == [#"0-1 string("b")"#])
  }
}
