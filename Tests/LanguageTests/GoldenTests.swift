import Foundation
import Language
import MiniNotation
import Pattern
import Testing
import Time

/// One expression case produced by the Tidal oracle (expression mode).
struct ExpressionCase: CustomStringConvertible, Sendable {
  var id: String
  var expression: String
  var type: String
  var arc: (String, String)
  var expected: String

  var description: String { "\(id) \(type) \(expression) arc \(arc)" }

  static func load(_ url: URL) throws -> [ExpressionCase] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return try text.split(separator: "\n").compactMap { line in
      let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      guard let expression = obj["expression"] as? String else { return nil }
      let arc = obj["arc"] as? [String] ?? ["0", "1"]
      let events = try JSONSerialization.data(withJSONObject: obj["events"] ?? NSNull())
      return ExpressionCase(
        id: obj["id"] as? String ?? "?", expression: expression,
        type: obj["type"] as? String ?? "string", arc: (arc[0], arc[1]),
        expected: String(decoding: events, as: UTF8.self))
    }
  }

  /// Our events as JSON text.
  func run() throws -> String {
    let (_, p) = try Language.pattern(expression, as: ElementType(rawValue: type))
    let events = try p.query(Arc(Rational(parsing: arc.0)!, Rational(parsing: arc.1)!))
    return EventJSON.render(events)
  }

  /// nil when ours equals the oracle's (doubles within 1e-12), else a description.
  func check() -> String? {
    let ours: String
    do {
      ours = try run()
    } catch {
      return "error: \(error)"
    }
    let a = try! JSONSerialization.jsonObject(with: Data(ours.utf8), options: .fragmentsAllowed)
    let b = try! JSONSerialization.jsonObject(with: Data(expected.utf8), options: .fragmentsAllowed)
    return JSONCompare.equal(a, b) ? nil : "events differ:\n want \(expected)\n got  \(ours)"
  }
}

enum JSONCompare {
  static func equal(_ a: Any, _ b: Any) -> Bool {
    switch (a, b) {
    case (let x as [Any], let y as [Any]):
      return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (let x as [String: Any], let y as [String: Any]):
      return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { equal(x[$0]!, y[$0]!) }
    case (let x as String, let y as String): return x == y
    case (let x as NSNumber, let y as NSNumber):
      let d = abs(x.doubleValue - y.doubleValue)
      return d <= 1e-12 * max(1, abs(y.doubleValue))
    case (is NSNull, is NSNull): return true
    default: return false
    }
  }
}

enum LanguageFiles {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func golden(_ name: String) -> URL {
    root.appendingPathComponent("Tests/LanguageTests/Golden/\(name)")
  }

  static func shared(_ name: String) -> URL {
    root.deletingLastPathComponent().appendingPathComponent("shared/reference/\(name)")
  }
}

@Suite struct LanguageGoldenTests {
  static let functionCases = (try? ExpressionCase.load(LanguageFiles.golden("functions.jsonl"))) ?? []

  @Test func functionGoldenFileIsPresent() {
    #expect(Self.functionCases.count >= 187)
  }

  @Test(arguments: functionCases)
  func function(_ c: ExpressionCase) {
    if let problem = c.check() { Issue.record("\(c): \(problem)") }
  }

  static let controlCases = (try? ExpressionCase.load(LanguageFiles.golden("controls.jsonl"))) ?? []

  @Test func controlGoldenFileIsPresent() {
    #expect(Self.controlCases.count >= 99)
  }

  /// Params, aliases, grouped params, the param makers, bare numbers and strings as control
  /// patterns and the operator families on control maps (`scripts/golden/gen-controls.py`).
  @Test(arguments: controlCases)
  func control(_ c: ExpressionCase) {
    if let problem = c.check() { Issue.record("\(c): \(problem)") }
  }

  @Test func sharedSample() throws {
    let url = LanguageFiles.shared("tidal-functions-sample.jsonl")
    guard FileManager.default.fileExists(atPath: url.path) else { return }
    let cases = try ExpressionCase.load(url)
    #expect(cases.count >= 15)
    for c in cases {
      if let problem = c.check() { Issue.record("\(c): \(problem)") }
    }
  }
}

@Suite struct ComparatorTests {
  @Test func comparatorSeesDifferences() throws {
    let a = try JSONSerialization.jsonObject(with: Data(#"[{"v":1.0,"s":"a"}]"#.utf8))
    let b = try JSONSerialization.jsonObject(with: Data(#"[{"v":1.0000001,"s":"a"}]"#.utf8))
    let c = try JSONSerialization.jsonObject(with: Data(#"[{"v":1.0,"s":"b"}]"#.utf8))
    let d = try JSONSerialization.jsonObject(with: Data(#"[{"v":1.0000000000000002,"s":"a"}]"#.utf8))
    #expect(JSONCompare.equal(a, a))
    #expect(!JSONCompare.equal(a, b))
    #expect(!JSONCompare.equal(a, c))
    #expect(JSONCompare.equal(a, d))
    let bad = ExpressionCase(id: "x", expression: "\"a b\"", type: "string", arc: ("0", "1"), expected: "[]")
    #expect(bad.check() != nil)
  }
}
