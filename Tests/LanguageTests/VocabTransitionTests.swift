import Controls
import Foundation
import Language
import MiniNotation
import Pattern
import Testing
import Time

/// Transitions typed as statements (`xfadeIn 1 2 $ s "hh*4"`), checked against Tidal's own
/// `Sound.Tidal.Transition` functions applied to the same cycle and history:
/// `Golden/transitions.jsonl`, written by `scripts/golden/gen-vocab-functions.py`.
struct TransitionCase: CustomStringConvertible, Sendable {
  var id: String
  var statement: String
  var history: [String]
  var now: String
  var arc: (String, String)
  var expected: String

  var description: String { "\(id) \(statement) at \(now) after \(history) arc \(arc)" }

  static func load() throws -> [TransitionCase] {
    let text = try String(contentsOf: LanguageFiles.golden("transitions.jsonl"), encoding: .utf8)
    return try text.split(separator: "\n").map { line in
      let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      let arc = obj["arc"] as! [String]
      let events = try JSONSerialization.data(withJSONObject: obj["events"] ?? NSNull())
      return TransitionCase(
        id: obj["id"] as! String, statement: obj["statement"] as! String, history: obj["history"] as! [String],
        now: obj["now"] as! String, arc: (arc[0], arc[1]), expected: String(decoding: events, as: UTF8.self))
    }
  }

  func run() throws -> String {
    var interpreter = Interpreter()
    guard case .transition(_, let transition) = try interpreter.run(statement) else {
      throw PatternError.invalidArgument("not a transition statement")
    }
    // A slot never played has the history [silence], as in Tidal.
    var past = try history.map { text in
      try Language.pattern(text, as: .control).1.compactMap { atom -> ControlMap? in
        if case .control(let m) = atom { m } else { nil }
      }
    }
    if past.isEmpty { past = [.silence] }
    let p = try transition.pattern(now: Rational(parsing: now)!, patterns: [transition.pattern] + past)
    return EventJSON.render(try p.query(Arc(Rational(parsing: arc.0)!, Rational(parsing: arc.1)!)))
  }

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

@Suite struct TransitionGoldenTests {
  static let cases = (try? TransitionCase.load()) ?? []

  @Test func goldenFileIsPresent() {
    #expect(Self.cases.count >= 19)
  }

  @Test(arguments: cases)
  func transition(_ c: TransitionCase) {
    if let problem = c.check() { Issue.record("\(c): \(problem)") }
  }
}
