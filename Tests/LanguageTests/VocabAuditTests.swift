import Foundation
import Language
import Testing

/// The names the vocabulary audit added (old spellings, Sound.Tidal.Simple, the squeezing
/// operators, `repeatCycles`, lists), checked against Tidal's own events:
/// `Golden/functions-audit.jsonl`, written by `scripts/golden/gen-vocab-audit.py`.
@Suite struct VocabAuditGoldenTests {
  static let cases = (try? ExpressionCase.load(LanguageFiles.golden("functions-audit.jsonl"))) ?? []

  @Test func goldenFileIsPresent() {
    #expect(Self.cases.count >= 194)
  }

  @Test(arguments: cases)
  func function(_ c: ExpressionCase) {
    if let problem = c.check() { Issue.record("\(c): \(problem)") }
  }
}

/// The signatures `:help` shows for the audit's names are Tidal 1.9.5's (skipped where the
/// table is absent).
@Suite struct VocabAuditSignatureTests {
  static let names = """
    sparsity densityGap eoff slowCat fastCat timecat append slowAppend slowappend fastAppend fastappend
    crunch scratch louder quieter silent skip left right higher lower faster slower samples samples'
    repeatCycles fastRepeatCycles fromList fastFromList listToPat ||+ ||- ||* ||/ ||% ||** ||++ ||< ||>
    binaryN binary ascii necklace inv soak snowball step steps step' lindenmayer lindenmayerI inhabit swap
    stackwith en grain stretch mono euclidOffBool index compressTo revArc substruct
    """.split(whereSeparator: \.isWhitespace).map(String.init)

  @Test func signaturesAreTidals() throws {
    let text = try String(contentsOf: LanguageFiles.shared("tidal-1.9-functions.tsv"), encoding: .utf8)
    var tidal: [String: String] = [:]
    for line in text.split(separator: "\n") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 3 else { continue }
      var name = fields[0]
      if name.hasPrefix("(") && name.hasSuffix(")") {
        name = String(name.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
      }
      tidal[name] = fields[2]
    }
    for name in Self.names {
      guard let entry = Library.entry(name) else {
        Issue.record("\(name) is missing")
        continue
      }
      #expect(entry.signature == tidal[name], "\(name)")
    }
  }
}

/// Every top-level name of Tidal 1.9.5's modules (`../shared/reference/tidal-1.9-functions.tsv`,
/// skipped where absent) is implemented, listed as left out in README.md with its reason, or
/// listed in `scripts/vocab/pending.txt` (work not merged yet). `scripts/vocab-coverage.py`
/// prints the same classes from a built `tala` and regenerates the pending list.
@Suite struct VocabCoverageTests {
  static let tidalNames: [String] = {
    guard let text = try? String(contentsOf: LanguageFiles.shared("tidal-1.9-functions.tsv"), encoding: .utf8) else {
      return []
    }
    return text.split(separator: "\n").dropFirst().compactMap { line in
      guard var name = line.split(separator: "\t").first.map(String.init) else { return nil }
      if name.hasPrefix("(") && name.hasSuffix(")") {
        name = String(name.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
      }
      return name
    }
  }()

  /// The backquoted names between the README's `left-out` markers.
  static let leftOut: Set<String> = {
    let readme = ReadmeTests.readme
    guard let begin = readme.range(of: "<!-- left-out:begin -->"),
      let end = readme.range(of: "<!-- left-out:end -->", range: begin.upperBound..<readme.endIndex)
    else { return [] }
    let section = readme[begin.upperBound..<end.lowerBound]
    return Set(
      section.split(separator: "`", omittingEmptySubsequences: false).enumerated()
        .filter { $0.offset % 2 == 1 && !$0.element.contains(" ") }.map { String($0.element) })
  }()

  static let pending: Set<String> = {
    let url = LanguageFiles.root.appendingPathComponent("scripts/vocab/pending.txt")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    return Set(
      text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") })
  }()

  @Test func readmeHasALeftOutSection() {
    #expect(Self.leftOut.count >= 100)
  }

  @Test func everyTidalNameIsAccountedFor() {
    // The table lists 758 names; fewer means it was not read, and the check below would pass.
    #expect(Self.tidalNames.count > 700, "read \(Self.tidalNames.count) names from tidal-1.9-functions.tsv")
    let known = Set(Library.names)
    let missing = Self.tidalNames.filter {
      !known.contains($0) && !Self.leftOut.contains($0) && !Self.pending.contains($0)
    }
    #expect(
      missing.isEmpty,
      "neither implemented, nor left out in README.md, nor pending: \(missing.joined(separator: " "))")
  }

  @Test func nothingLeftOutIsImplemented() {
    let both = Self.leftOut.filter { Library.entry($0) != nil }.sorted()
    #expect(both.isEmpty, "README.md lists as left out what the language has: \(both.joined(separator: " "))")
  }

  @Test func pendingListIsCurrent() {
    let done = Self.pending.filter { Library.entry($0) != nil || Self.leftOut.contains($0) }.sorted()
    #expect(
      done.isEmpty,
      "scripts/vocab/pending.txt lists names now done (regenerate it: python3 scripts/vocab-coverage.py --write-pending): \(done.joined(separator: " "))"
    )
  }
}
