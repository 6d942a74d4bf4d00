import Foundation
import Language
import Testing

/// The README is part of the product: every function and control it should mention is there,
/// and every example line in its `tala` blocks evaluates.
@Suite struct ReadmeTests {
  static let readme: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
  }()

  @Test func listsEveryFunctionAndControl() {
    #expect(!ReadmeTests.readme.isEmpty)
    let missing = Library.names.filter { name in
      guard let e = Library.entry(name), e.kind == .function || e.kind == .control else { return false }
      return !ReadmeTests.readme.contains("`\(name)`")
    }
    #expect(missing.isEmpty, "README.md does not mention: \(missing.joined(separator: " "))")
  }

  /// Lines inside ```tala fences are statements a user can type.
  @Test func examplesEvaluate() throws {
    var inBlock = false
    var examples: [String] = []
    for line in ReadmeTests.readme.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") {
        inBlock = line == "```tala"
        continue
      }
      if inBlock && !line.trimmingCharacters(in: .whitespaces).isEmpty && !line.hasPrefix("--") {
        examples.append(String(line))
      }
    }
    #expect(examples.count >= 5)
    var interpreter = Interpreter()
    for example in examples {
      #expect(throws: Never.self, "\(example)") { _ = try interpreter.run(example) }
    }
  }
}
