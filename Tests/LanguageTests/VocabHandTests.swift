import Testing

/// Names Tidal 1.7.10 (the oracle) lacks, checked against events worked out by hand from Tidal
/// 1.9.5's source (`src/Sound/Tidal/UI.hs`):
///
///     rolled = rolledBy (1/4)
///     rolledBy pt = tParam rolledWith (segment 1 $ pt)
///     rolledWith t = withEvents aux
///       where aux es = concatMap (steppityIn) (groupBy (\a b -> whole a == whole b) $ ((isRev t) es))
///             isRev b = (\x -> if x > 0 then id else reverse )
///             steppityIn xs = mapMaybe (\(n, ev) -> (timeguard n xs ev t)) $ enumerate xs
///             shiftIt n d (Event c (Just (Arc s e)) a' v) = do
///                       a'' <- subArc (Arc newS e) a'
///                       return (Event c (Just $ Arc newS e) a'' v)
///                    where newS = s + (dur * fromIntegral n)
///                          dur = ((e - s)) / ((1/ (abs t))*fromIntegral d)
///
/// So the n-th of d events sharing a whole (s, e) starts n·|t|·(e − s)/d later; a negative t
/// reverses the order first. (`echoWith`, `juxBy`, `jux4` and `ghostWith`, also missing from
/// 1.7.10, are checked through their 1.9.5 definitions unfolded into 1.7.10 expressions, in
/// `Golden/functions-vocab.jsonl`.)
@Suite struct VocabHandTests {
  static func event(_ whole: (String, String), _ n: Int) -> String { event(whole, whole, n) }

  static func event(_ whole: (String, String), _ p: (String, String), _ n: Int) -> String {
    return #"{"whole":["\#(whole.0)","\#(whole.1)"],"part":["\#(p.0)","\#(p.1)"],"value":{"n":\#(n).0}}"#
  }

  static func check(_ expression: String, _ arc: (String, String), _ events: [String]) {
    let c = ExpressionCase(
      id: "hand", expression: expression, type: "control", arc: arc,
      expected: "[" + events.joined(separator: ",") + "]")
    if let problem = c.check() { Issue.record("\(c): \(problem)") }
  }

  @Test func rolledStrumsEachChordOverAQuarterOfIt() {
    // [0,4,7]: whole (0, 1/2), d = 3, step 1/2 · 1/4 / 3 = 1/24; [2,5]: whole (1/2, 1), step 1/16.
    Self.check(
      #"rolled $ n "[0,4,7] [2,5]""#, ("0", "1"),
      [
        Self.event(("0", "1/2"), 0), Self.event(("1/24", "1/2"), 4), Self.event(("1/12", "1/2"), 7),
        Self.event(("1/2", "1"), 2), Self.event(("9/16", "1"), 5),
      ])
  }

  @Test func rolledDropsNotesThatStartAfterTheQuery() {
    // Only 0 has a part in (0, 1/24): 4's whole starts at 1/24, where subArc gives Nothing.
    Self.check(#"rolled $ n "[0,4,7] [2,5]""#, ("0", "1/24"), [Self.event(("0", "1/2"), ("0", "1/24"), 0)])
  }

  @Test func rolledByNegativeStrumsDownwards() {
    // Cycle 0: t = 1/4, step 1/12 in the order 0 4 7; cycle 1: t = -1/4, the order 7 4 0.
    Self.check(
      #"rolledBy "<0.25 -0.25>" $ n "[0,4,7]""#, ("0", "2"),
      [
        Self.event(("0", "1"), 0), Self.event(("1/12", "1"), 4), Self.event(("1/6", "1"), 7),
        Self.event(("1", "2"), 7), Self.event(("13/12", "2"), 4), Self.event(("7/6", "2"), 0),
      ])
  }

  @Test func rolledByZeroLeavesThePattern() {
    Self.check(
      #"rolledBy 0 $ n "[0,4] 2""#, ("0", "1"),
      [
        Self.event(("0", "1/2"), 0), Self.event(("0", "1/2"), 4), Self.event(("1/2", "1"), 2),
      ])
  }
}
