import Foundation
import Testing

/// Every script in examples/scripts parses and plays: run for a moment into `tala monitor`.
/// (`--seconds` cuts the waits short, but every statement after them is still evaluated.)
@Suite(.serialized) struct ExampleScriptsTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("examples/scripts")

  static var scripts: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".tala") }
      .sorted()
  }

  @Test func thereAreAtLeastFive() { #expect(Self.scripts.count >= 5) }

  @Test(arguments: scripts) func scriptPlays(_ name: String) throws {
    let monitor = try Monitor.start(["--json", "--seconds", "4"])
    let result = try Tala.run([
      "run", Self.directory.appendingPathComponent(name).path, "--seconds", "1.5", "--no-audio",
      "--target", "cap 127.0.0.1:\(monitor.port)",
    ])
    #expect(result.status == 0, "\(name): \(result.stderr)")
    #expect(!result.stderr.contains("error"), "\(name): \(result.stderr)")
    let (_, stdout, _) = monitor.finish()
    let bundles = stdout.split(separator: "\n").filter { $0.contains("\"timetag\"") }
    #expect(bundles.count >= 2, "\(name) sent \(bundles.count) bundles")
  }
}
