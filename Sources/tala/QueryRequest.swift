import Controls
import Language
import MiniNotation
import Pattern
import System
import Time

/// The result of `tala query`: the JSON text and whether it reports a failure.
struct QueryOutput {
  var json: String
  var failed: Bool
}

/// One `tala query` run, independent of the value type until `run(as:)`.
struct QueryRequest {
  var source: String
  var arc: Arc
  var controls: [String: Pattern<ControlValue>]
  var stats: Bool

  func run<V: MiniValue & JSONValue>(as: V.Type) -> QueryOutput {
    let pattern: Pattern<V>
    do {
      pattern = try MiniParser.parse(source, as: V.self).pattern()
    } catch let e as MiniParseError {
      return positionedError(kind: "parse", line: e.line, column: e.column, message: e.message)
    } catch {
      return runtimeError(error)
    }
    return respond(pattern)
  }

  /// Mini-notation of `type`; when it does not parse, `fallbackExpression` is tried as an
  /// expression, and the mini-notation error is reported if that fails too.
  func runMini(as type: ElementType, requested: ElementType?, fallbackExpression: String) -> QueryOutput {
    let output: QueryOutput
    switch type {
    case .string: output = run(as: String.self)
    case .double: output = run(as: Double.self)
    case .note: output = run(as: Note.self)
    case .int: output = run(as: Int.self)
    case .rational: output = run(as: Rational.self)
    case .bool, .control: output = run(as: Bool.self)
    }
    guard output.failed, output.json.hasPrefix("{\"ok\":false,\"error\":\"parse\"") else { return output }
    let retry = QueryRequest(source: fallbackExpression, arc: arc, controls: controls, stats: stats)
      .runExpression(as: requested)
    return retry.failed ? output : retry
  }

  /// Evaluates `source` as an expression of the shell language and queries its pattern.
  func runExpression(as type: ElementType?) -> QueryOutput {
    let pattern: Pattern<Atom>
    do {
      (_, pattern) = try Language.pattern(source, as: type)
    } catch let e as LanguageError {
      let kind = e.kind == .syntax || e.kind == .miniNotation ? "parse" : e.kind.rawValue
      return positionedError(kind: kind, line: e.line, column: e.column, message: e.message)
    } catch {
      return runtimeError(error)
    }
    return respond(pattern)
  }

  /// Queries the pattern (or measures it with `--stats`) and renders the answer.
  func respond<V: JSONValue>(_ pattern: Pattern<V>) -> QueryOutput {
    do {
      if stats { return try measure(pattern) }
      let events = try pattern.query(arc, controls: controls)
      return QueryOutput(json: "{\"ok\":true,\"events\":\(EventJSON.render(events))}", failed: false)
    } catch {
      return runtimeError(error)
    }
  }

  /// A parse, type or limit error, positioned, as the oracle writes parse errors.
  func positionedError(kind: String, line: Int, column: Int, message: String) -> QueryOutput {
    QueryOutput(
      json:
        "{\"ok\":false,\"error\":\"\(kind)\",\"line\":\(line),\"column\":\(column),\"message\":\(JSON.string(message))}",
      failed: true)
  }

  func runtimeError(_ error: any Error) -> QueryOutput {
    let message = (error as? LanguageError)?.summary ?? String(describing: error)
    return QueryOutput(
      json: "{\"ok\":false,\"error\":\"runtime\",\"message\":\(JSON.string(message))}",
      failed: true)
  }

  /// Queries one cycle at a time, timing only the queries.
  func measure<V>(_ pattern: Pattern<V>) throws -> QueryOutput {
    var count = 0
    var seconds = 0.0
    var begin = arc.begin
    while begin < arc.end {
      let end = min(try begin.floor + .one, arc.end)
      let context = QueryContext(controls: controls)
      let t0 = SystemClock().monotonicNanoseconds()
      let events = try pattern.query(State(arc: Arc(begin, end), context: context))
      seconds += Double(SystemClock().monotonicNanoseconds() - t0) / 1e9
      count += events.count
      begin = end
    }
    return QueryOutput(json: "{\"events\":\(count),\"seconds\":\(seconds)}", failed: false)
  }
}
