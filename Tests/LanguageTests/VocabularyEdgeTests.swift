import Language
import Pattern
import Testing

/// Corners of the issue-14 vocabulary that Tidal answers with an exception or silence: empty
/// lists stay silent, impossible states are errors, never a crash.
@Suite struct VocabularyEdgeTests {
  static let silent = [
    "select 0.5 []", "squeeze \"0 1\" []", "wrandcat []", "segment 4 $ choose []", "pickF \"0\" [] \"a\"",
    "selectF 0.5 [] \"a\"", "seqP []", "seqPLoop []", "markovPat 0 0 [[1]]", "binaryN 0 5", "fromList []",
  ]

  @Test(arguments: silent)
  func emptyIsSilent(_ text: String) throws {
    let (_, p) = try Language.pattern(text, as: .string)
    #expect(try p.query(0, 2).isEmpty)
  }

  @Test func markovStateWithoutARowIsAnError() throws {
    let (_, p) = try Language.pattern("markovPat 4 3 [[1, 1], [1, 1]]", as: .int)
    #expect(throws: (any Error).self) { try p.query(0, 1) }
  }

  @Test func testsMustGiveTruthValues() throws {
    let (_, p) = try Language.pattern("ifp (+ 1) (fast 2) id \"a b\"", as: .string)
    #expect(throws: (any Error).self) { try p.query(0, 1) }
  }
}
