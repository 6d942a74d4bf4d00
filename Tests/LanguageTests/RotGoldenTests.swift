import Testing

/// `rot` rotates values in the order Tidal sorts events, source positions first, checked
/// against Tidal's own events: `Golden/rot.jsonl`, written by `scripts/golden/gen-rot.py`.
@Suite struct RotGoldenTests {
  static let cases = (try? ExpressionCase.load(LanguageFiles.golden("rot.jsonl"))) ?? []

  @Test func goldenFileIsPresent() {
    #expect(Self.cases.count >= 100)
  }

  @Test(arguments: cases)
  func rot(_ c: ExpressionCase) {
    if let problem = c.check() { Issue.record("\(c): \(problem)") }
  }
}
