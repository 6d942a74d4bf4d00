import Controls
import Language
import Session
import ShellSupport
import Testing

@testable import Shell

/// The same tricky inputs through every entry point: a script (`tala run`, `:load`), piped input
/// (`PlainShell`) and a paste at the prompt (`InputBuffer`) must make the same statements, and
/// completion must agree on where strings and comments are.
@Suite struct StatementAgreementTests {
  struct Case: CustomStringConvertible {
    var description: String
    var text: String
    var statements: [String]
  }

  static let cases = [
    Case(
      description: "a -- inside a string",
      text: "d1 $ s \"bd -- sn(\"\n  # gain 0.8 -- quiet (\nd2 $ s \"hh\"",
      statements: ["d1 $ s \"bd -- sn(\"\n  # gain 0.8 -- quiet (", "d2 $ s \"hh\""]),
    Case(
      description: "a {- -} comment across lines",
      text: "{- notes\nd1 $ s \"x\"\n\n  more -}\nd1 $ s \"bd\" {- a\ncomment -} # gain 1\nhush",
      statements: ["d1 $ s \"bd\" {- a\ncomment -} # gain 1", "hush"]),
    Case(
      description: "an escaped quote",
      text: "d1 $ s \"bd \\\" -- sn\"\nd2 $ s \"bd \\\"\n  sn\"\nhush",
      statements: ["d1 $ s \"bd \\\" -- sn\"", "d2 $ s \"bd \\\"\n  sn\"", "hush"]),
    Case(
      description: "a :{ :} block",
      text: ":{\nd1 $ s \"bd\"\n# gain 1\n:}\nhush",
      statements: ["d1 $ s \"bd\"\n# gain 1", "hush"]),
    Case(
      description: "a pasted block whose statements continue on indented lines",
      text: "d3 $ n \"0 .. 7\" # s \"superpiano\"\n  # legato 0.5\nd1 $ s \"bd*2\"\n  # gain 0.8\n:cps\nhush",
      statements: [
        "d3 $ n \"0 .. 7\" # s \"superpiano\"\n  # legato 0.5", "d1 $ s \"bd*2\"\n  # gain 0.8", ":cps", "hush",
      ]),
    Case(
      description: "an operator that starts with --, and a trailing $",
      text: "d1 $ s \"bd\" -->\nd2\nd3 $\ns \"hh\"\n\nhush",
      statements: ["d1 $ s \"bd\" -->\nd2", "d3 $\ns \"hh\"", "hush"]),
  ]

  static func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  @Test(arguments: cases) func scriptsMakeTheStatements(_ c: Case) {
    #expect(Script(name: "s.tala", text: c.text).units.map(\.text) == c.statements)
  }

  @Test(arguments: cases) func pipedInputMakesTheStatements(_ c: Case) {
    var handled: [String] = []
    var input = Self.lines(c.text)[...]
    let shell = PlainShell(
      handle: { text in
        handled.append(text)
        return .ok(nil)
      }, write: { _ in }, sleep: { _ in })
    // A pipe that delivers everything at once: never idle.
    shell.run { _ in input.popFirst().map { PlainShell.Input.line($0) } ?? .end }
    #expect(handled == c.statements)
  }

  @Test(arguments: cases) func aPasteAtThePromptMakesTheStatements(_ c: Case) {
    var buffer = InputBuffer()
    var statements: [String] = []
    let lines = Self.lines(c.text)
    for (index, line) in lines.enumerated() {
      statements += buffer.add(line, followedBy: lines[(index + 1)...])
    }
    statements += buffer.finish().map { [$0] } ?? []
    #expect(statements == c.statements)
  }

  /// Piped input that pauses after every line runs a statement that could end at the pause,
  /// as the prompt does on Enter; what is unfinished waits for its continuation either way.
  @Test func pausedInputAgreesWithTypedInput() {
    let lines = ["d1 $", "  s \"bd", "sn\"", "hush"]
    var handled: [String] = []
    var queue: [PlainShell.Input] = []
    for line in lines { queue += [.line(line), .idle] }
    var input = queue[...]
    PlainShell(
      handle: { text in
        handled.append(text)
        return .ok(nil)
      }, write: { _ in }, sleep: { _ in }
    ).run { waiting in
      while input.first == .idle && !waiting { input.removeFirst() }
      return input.popFirst() ?? .end
    }
    var typed = InputBuffer()
    let statements = lines.flatMap { typed.add($0) }
    #expect(handled == ["d1 $\n  s \"bd\nsn\"", "hush"])
    #expect(statements == handled)
  }

  /// Completion offers sounds inside a string, nothing inside a comment, words elsewhere, with
  /// the statement's lines already typed at the prompt as context.
  @Test func completionKnowsStringsAndComments() {
    let sounds = Sound.builtIn.filter { $0.hasPrefix("s") }.sorted()
    let probes: [(preceding: String, before: String, expected: [String]?)] = [
      ("", "d1 $ s \"bd -- ", sounds),
      ("", "d1 $ s \"bd -- sn\" -- ", []),
      ("", "d1 $ s \"bd \\\" ", sounds),
      ("", "d1 $ s \"bd \\\\\" # ", nil),
      ("", "d1 $ s \"bd\" {- a {- b -} ", []),
      ("{- notes\nd1 $ s \"x\"", "  more ", []),
      ("{- notes\n", "  more -} d1 $ ", nil),
      ("d2 $ s \"bd \\\"", "  ", sounds),
      ("d1 $ s \"bd\" -->", "", nil),
    ]
    for probe in probes {
      // The earlier lines as typed at the prompt, which hands their scan to completion.
      var buffer = InputBuffer()
      for line in probe.preceding.isEmpty ? [] : Self.lines(probe.preceding) {
        #expect(buffer.add(line) == [], "\(probe)")
      }
      var candidates = CompletionCandidates()
      candidates.preceding = buffer.pendingScan
      let offered = candidates.candidates(before: probe.before, word: "s")
      if let expected = probe.expected {
        #expect(offered == expected, "\(probe)")
      } else {
        #expect(offered.contains("slow") && !offered.contains("superpiano"), "\(probe)")
      }
    }
  }
}
