import MiniNotation
import Pattern
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
  var controls: [String: ControlValue]
  var stats: Bool

  func run<V: MiniValue & JSONValue>(as: V.Type) -> QueryOutput {
    let pattern: Pattern<V>
    do {
      pattern = try MiniParser.parse(source, as: V.self).pattern()
    } catch let e as MiniParseError {
      let json =
        "{\"ok\":false,\"error\":\"parse\",\"line\":\(e.line),\"column\":\(e.column),\"message\":\(JSON.string(e.message))}"
      return QueryOutput(json: json, failed: true)
    } catch {
      return runtimeError(error)
    }
    do {
      if stats { return try measure(pattern) }
      let events = try pattern.query(arc, controls: controls)
      return QueryOutput(json: "{\"ok\":true,\"events\":\(EventJSON.render(events))}", failed: false)
    } catch {
      return runtimeError(error)
    }
  }

  func runtimeError(_ error: any Error) -> QueryOutput {
    QueryOutput(
      json: "{\"ok\":false,\"error\":\"runtime\",\"message\":\(JSON.string(String(describing: error)))}",
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
      let t0 = MonotonicClock.nanoseconds()
      let events = try pattern.query(State(arc: Arc(begin, end), context: context))
      seconds += Double(MonotonicClock.nanoseconds() - t0) / 1e9
      count += events.count
      begin = end
    }
    return QueryOutput(json: "{\"events\":\(count),\"seconds\":\(seconds)}", failed: false)
  }
}
