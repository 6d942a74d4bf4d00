import Foundation
import MiniNotation
import Pattern
import Time

/// One case produced by the Tidal oracle (our golden files, or the samples in
/// ../shared/reference), in the oracle's JSON-lines format.
struct GoldenCase: CustomStringConvertible {
  /// The golden file's name (`mini-notation.jsonl`): ids are unique only within one file.
  var file: String
  var id: String
  var type: String
  var pattern: String
  var arc: (String, String)
  var controls: String?
  var tags: [String]
  var json: [String: Any]

  var ok: Bool { json["ok"] as? Bool ?? false }
  var description: String { "\(id) \(type) \(pattern.debugDescription) arc \(arc)" }

  /// Reads every case with a mini-notation `pattern` from a JSON-lines file.
  static func load(_ url: URL) throws -> [GoldenCase] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return try text.split(separator: "\n").compactMap { line in
      let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      guard let pattern = obj["pattern"] as? String else { return nil }
      let arc = obj["arc"] as? [String] ?? ["0", "1"]
      return GoldenCase(
        file: url.lastPathComponent, id: obj["id"] as? String ?? "?", type: obj["type"] as? String ?? "string",
        pattern: pattern, arc: (arc[0], arc[1]), controls: obj["controls"] as? String,
        tags: obj["tags"] as? [String] ?? [], json: obj)
    }
  }

  /// Our answer in the oracle's JSON form: `{"ok":true,"events":[…]}` or a parse error.
  func run() -> [String: Any] {
    switch type {
    case "string": return run(String.self)
    case "double": return run(Double.self)
    case "note": return run(Note.self)
    case "int": return run(Int.self)
    case "rational": return run(Rational.self)
    case "bool": return run(Bool.self)
    default: return ["ok": false, "error": "unsupported type \(type)"]
    }
  }

  func run<V: MiniValue & JSONValue>(_: V.Type) -> [String: Any] {
    let text: String
    do {
      let p = try MiniParser.parse(pattern, as: V.self).pattern()
      let controls = try ControlSpec.parse(self.controls ?? "")
      let events = try p.query(
        Arc(Rational(parsing: arc.0)!, Rational(parsing: arc.1)!), controls: controls)
      text = "{\"ok\":true,\"events\":\(EventJSON.render(events))}"
    } catch let e as MiniParseError {
      return ["ok": false, "error": "parse", "line": e.line, "column": e.column]
    } catch {
      return ["ok": false, "error": "runtime", "message": "\(error)"]
    }
    return try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
  }

  /// Compares our answer with the oracle's: the same events, or an error of the same kind at
  /// the same position for parse errors.
  func check() -> String? {
    let ours = run()
    if ok {
      guard ours["ok"] as? Bool == true else { return "expected events, got \(ours)" }
      let want = json["events"] as! NSArray
      let got = ours["events"] as! NSArray
      return want.isEqual(got) ? nil : "events differ:\n want \(want)\n got  \(got)"
    }
    guard ours["ok"] as? Bool == false else { return "expected an error, got events" }
    if json["error"] as? String == "parse" {
      let want = (json["line"] as? Int, json["column"] as? Int)
      let got = (ours["line"] as? Int, ours["column"] as? Int)
      if ours["error"] as? String != "parse" { return "expected a parse error, got \(ours)" }
      if want != got { return "parse error at \(got), Tidal says \(want)" }
    }
    return nil
  }
}

enum GoldenFiles {
  /// The package root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func golden(_ name: String) -> URL {
    root.appendingPathComponent("Tests/MiniNotationTests/Golden/\(name)")
  }

  static func shared(_ name: String) -> URL {
    root.deletingLastPathComponent().appendingPathComponent("shared/reference/\(name)")
  }
}
