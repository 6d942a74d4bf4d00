import Foundation
import Testing

/// Shell transcripts: input fed to `tala` through standard input (the same session code as
/// the prompt), its output compared with the golden `.out` beside each `.in`. Regenerate a
/// golden file after an intended change with
/// `tala --no-targets --no-audio < Tests/TalaCLITests/Transcripts/NAME.in > …/NAME.out`.
@Suite struct TranscriptTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Transcripts")

  static var names: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".in") }
      .map { String($0.dropLast(3)) }.sorted()
  }

  @Test func thereAreTranscripts() { #expect(Self.names.count >= 2) }

  @Test(arguments: names) func transcript(_ name: String) throws {
    let input = try String(contentsOf: Self.directory.appendingPathComponent(name + ".in"), encoding: .utf8)
    let expected = try String(contentsOf: Self.directory.appendingPathComponent(name + ".out"), encoding: .utf8)
    let result = try Tala.run(["--no-targets", "--no-audio"], stdin: input)
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    #expect(result.stdout == expected)
  }
}
