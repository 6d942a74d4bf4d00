import Controls
import MiniNotation

extension ControlValue: JSONValue {
  /// As the Tidal oracle prints a `Value`.
  public var jsonText: String {
    switch self {
    case .string(let s): JSON.string(s)
    case .float(let d), .note(let d): JSON.haskellDouble(d)
    case .int(let i): String(i)
    case .rational(let r): JSON.string(r.description)
    case .bool(let b): b.jsonText
    // Worked out only when played: printed as its recipe.
    case .state(.count(let store, let modulo)):
      "{\"count\":\(JSON.string(store))" + (modulo.map { ",\"to\":" + JSON.haskellDouble($0) } ?? "") + "}"
    case .state(.take(let store, let values)):
      "{\"take\":\(JSON.string(store)),\"values\":[" + values.map(\.jsonText).joined(separator: ",") + "]}"
    }
  }
}

extension ControlMap: JSONValue {
  /// `{"n":3.0,"s":"bd"}`, keys sorted, as the oracle prints a `ValueMap`.
  public var jsonText: String {
    "{" + entries.map { JSON.string($0.name) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
  }
}
