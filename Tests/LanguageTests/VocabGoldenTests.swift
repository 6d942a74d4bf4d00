import Language
import Testing

/// The performer's functions of issue 14 (slicing, echoes, time), checked against Tidal's own
/// events: `Golden/functions-vocab.jsonl`, written by `scripts/golden/gen-vocab-functions.py`.
@Suite struct VocabFunctionGoldenTests {
  static let cases = (try? ExpressionCase.load(LanguageFiles.golden("functions-vocab.jsonl"))) ?? []

  @Test func goldenFileIsPresent() {
    #expect(Self.cases.count >= 247)
  }

  @Test(arguments: cases)
  func function(_ c: ExpressionCase) {
    if let problem = c.check() { Issue.record("\(c): \(problem)") }
  }
}

/// The signatures `:help` shows for the names added with issue 14 are Tidal 1.9.5's, as
/// `../shared/reference/tidal-1.9-functions.tsv` lists them (skipped where that file is absent).
@Suite struct VocabSignatureTests {
  static let names = """
    striateBy striate' slice splice randslice loopAt chew bite squeeze fit gap smash smash' stutter stut echo
    stutWith stut' echoWith plyWith swing ghost ghost' ghostWith ghost'' chunk' fastSqueeze slowSqueeze press
    pressBy rolled rolledBy every' foldEvery jux' density spin wedge slowspread spread fastspread spreadf trunc
    discretise juxcut' weave weaveWith weave' interlace splat fadeOut fadeIn fadeOutFrom fadeInFrom
    loopFirst timeLoop spaceOut offadd
    """.split(whereSeparator: \.isWhitespace).map(String.init)

  @Test func signaturesAreTidals() throws {
    let url = LanguageFiles.shared("tidal-1.9-functions.tsv")
    let text = try String(contentsOf: url, encoding: .utf8)
    var tidal: [String: String] = [:]
    for line in text.split(separator: "\n") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      if fields.count == 3 { tidal[fields[0]] = fields[2] }
    }
    for name in Self.names {
      guard let entry = Library.entry(name) else {
        Issue.record("\(name) is missing")
        continue
      }
      guard let signature = tidal[name] else { continue }
      #expect(entry.signature == signature, "\(name)")
    }
  }
}
