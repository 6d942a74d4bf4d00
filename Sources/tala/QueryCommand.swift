import ArgumentParser
import MiniNotation
import Pattern
import Time

/// `tala query`: a pattern's events as one JSON object, in the Tidal oracle's format.
struct QueryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Print the events of a pattern as JSON (the Tidal oracle's format).",
    discussion: """
      PATTERN is mini-notation, bare or in double quotes: tala query 'bd*2 [sn cp]'.
      Times are exact rationals ("n/d"); events come in the oracle's canonical order.
      Examples:
        tala query --type note --arc 0 2 'c e g'
        tala query --controls 'x=s:sn' '^x bd'
        tala query --stats --arc 0 1000 'bd*16 hh*8'
      """)

  @Option(help: "Value type: string, double, note, int, rational or bool.")
  var type: String = "string"

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp("Query arc: BEGIN END (rationals such as 1/3).", valueName: "begin end"))
  var arc: [String] = ["0", "1"]

  @Option(help: "Values for ^name variables: 'name=s:text;x=f:0.5;p=ps:a b' (codes s f n i r ps pf pn).")
  var controls: String?

  @Flag(help: "Query one cycle at a time and print only {\"events\":N,\"seconds\":S}.")
  var stats = false

  @Argument(help: "The pattern.")
  var pattern: [String] = []

  mutating func run() throws {
    // `--arc` reads up to the next option, so it may have swallowed the pattern too.
    let words = Array(arc.dropFirst(2)) + pattern
    guard arc.count >= 2, let begin = Rational(parsing: arc[0]), let end = Rational(parsing: arc[1])
    else {
      throw ValidationError("--arc takes two rationals, e.g. --arc 0 4 or --arc 1/3 7/3")
    }
    guard words.count == 1 else {
      throw ValidationError(
        words.isEmpty ? "missing PATTERN" : "give the pattern as one argument (quote it)")
    }
    let source = QueryCommand.unquote(words[0])
    let controlValues: [String: ControlValue]
    do {
      controlValues = try ControlSpec.parse(controls ?? "")
    } catch {
      throw ValidationError("--controls: \(error)")
    }
    let request = QueryRequest(
      source: source, arc: Arc(begin, end), controls: controlValues, stats: stats)
    let output: QueryOutput
    switch type {
    case "string": output = request.run(as: String.self)
    case "double": output = request.run(as: Double.self)
    case "note": output = request.run(as: Note.self)
    case "int": output = request.run(as: Int.self)
    case "rational": output = request.run(as: Rational.self)
    case "bool": output = request.run(as: Bool.self)
    default:
      throw ValidationError("--type must be string, double, note, int, rational or bool")
    }
    print(output.json)
    if output.failed { throw ExitCode(1) }
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
