import ArgumentParser
import Controls
import Language
import MiniNotation
import Pattern
import Time

/// `tala query`: a pattern's events as one JSON object, in the Tidal oracle's format.
struct QueryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Print the events of a pattern as JSON (the Tidal oracle's format).",
    discussion: """
      PATTERN is mini-notation, bare or in double quotes: tala query 'bd*2 [sn cp]', or any
      expression of the shell language whose value is a pattern:
        tala query --type string 'every 3 (fast 2) "bd sn"'
        tala query 's "bd*2" # n "<0 3>"'
      Text without double quotes is read as mini-notation first (use --expr to force an
      expression). Control patterns print each value as a JSON object.
      Times are exact rationals ("n/d"); events come in the oracle's canonical order.
      Examples:
        tala query --type note --arc 0 2 'c e g'
        tala query --expr 'segment 4 $ range 1 5 saw'
        tala query --controls 'x=s:sn' '^x bd'
        tala query --stats --arc 0 1000 'bd*16 hh*8'
      """)

  @Option(
    help: "Value type: string, double, note, int, rational or bool (default: string, or the expression's own type).")
  var type: String?

  @Flag(help: "Read PATTERN as an expression even when it has no double quotes.")
  var expr = false

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp("Query arc: BEGIN END (rationals such as 1/3).", valueName: "begin end"))
  var arc: [String] = ["0", "1"]

  @Option(help: "Values for ^name variables: 'name=s:text;x=f:0.5;p=ps:a b' (codes s f n i r ps pf pn).")
  var controls: String?

  @Flag(help: "Query one cycle at a time and print only {\"events\":N,\"seconds\":S}.")
  var stats = false

  // `.allUnrecognized`, so a pattern may start with '-' ("-1 .. 3", "- bd") without a `--`.
  @Argument(parsing: .allUnrecognized, help: "The pattern.")
  var pattern: [String] = []

  mutating func run() throws {
    // `--arc` reads up to the next option, so it may have swallowed the pattern too.
    var words = Array(arc.dropFirst(2)) + pattern
    // `.allUnrecognized` keeps a `--` separator as a word of its own.
    if let i = words.firstIndex(of: "--") { words.remove(at: i) }
    guard arc.count >= 2, let begin = Rational(parsing: arc[0]), let end = Rational(parsing: arc[1])
    else {
      throw ValidationError("--arc takes two rationals, e.g. --arc 0 4 or --arc 1/3 7/3")
    }
    guard words.count == 1 else {
      throw ValidationError(
        words.isEmpty ? "missing PATTERN" : "give the pattern as one argument (quote it)")
    }
    let source = QueryCommand.unquote(words[0])
    let controlValues: [String: Pattern<ControlValue>]
    do {
      controlValues = try ControlSpec.parse(controls ?? "")
    } catch {
      throw ValidationError("--controls: \(error)")
    }
    let request = QueryRequest(
      source: source, arc: Arc(begin, end), controls: controlValues, stats: stats)
    let elementType: ElementType?
    if let type {
      guard let t = ElementType(rawValue: type), t != .control else {
        throw ValidationError("--type must be string, double, note, int, rational or bool")
      }
      elementType = t
    } else {
      elementType = nil
    }
    let output: QueryOutput
    if expr || QueryCommand.isExpression(words[0]) {
      output = QueryRequest(source: words[0], arc: request.arc, controls: controlValues, stats: stats)
        .runExpression(as: elementType)
    } else {
      output = request.runMini(
        as: elementType ?? .string, requested: elementType, fallbackExpression: words[0])
    }
    print(output.json)
    if output.failed { throw ExitCode(1) }
  }

  /// True when the argument uses double quotes other than one pair around the whole text:
  /// then it is an expression (`s "bd" # n 1`), not bare or quoted mini-notation.
  static func isExpression(_ s: String) -> Bool {
    let t = s.trimmingCharacters(in: " ")
    let quotes = t.filter { $0 == "\"" }.count
    if quotes == 0 { return false }
    return !(quotes == 2 && t.hasPrefix("\"") && t.hasSuffix("\""))
  }

  /// Accepts `"bd sn"` as well as `bd sn`, as the oracle's callers write both.
  static func unquote(_ s: String) -> String {
    let t = s.trimmingCharacters(in: " ")
    if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") {
      return String(t.dropFirst().dropLast())
    }
    return s
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: Character) -> Substring {
    var sub = self[...]
    while sub.first == set { sub = sub.dropFirst() }
    while sub.last == set { sub = sub.dropLast() }
    return sub
  }
}
