import Testing

/// The performer's functions of issue 14 (slicing, echoes, time), checked against Tidal's own
/// events: `Golden/functions-vocab.jsonl`, written by `scripts/golden/gen-vocab-functions.py`.
@Suite struct VocabFunctionGoldenTests {
  static let cases = (try? ExpressionCase.load(LanguageFiles.golden("functions-vocab.jsonl"))) ?? []

  @Test func goldenFileIsPresent() {
    #expect(Self.cases.count >= 229)
  }

  @Test(arguments: cases)
  func function(_ c: ExpressionCase) {
    if let problem = c.check() { Issue.record("\(c): \(problem)") }
  }
}
