import Controls
import Pattern
import Time

/// Parses `--controls` in the Tidal oracle's syntax: `name=code:value;…` where code is
/// `s` (string), `f` (double), `n` (note), `i` (int), `r` (rational), or `ps`/`pf`/`pn` (a
/// mini-notation pattern of strings, doubles or notes).
public enum ControlSpec {
  public struct Invalid: Error, CustomStringConvertible {
    public var description: String
  }

  public static func parse(_ spec: String) throws -> [String: Pattern<ControlValue>] {
    var out: [String: Pattern<ControlValue>] = [:]
    if spec.isEmpty || spec == "-" { return out }
    for item in spec.split(separator: ";") {
      guard let eq = item.firstIndex(of: "=") else {
        throw Invalid(description: "'\(item)' should be name=code:value")
      }
      let name = String(item[..<eq])
      let rest = item[item.index(after: eq)...]
      guard let colon = rest.firstIndex(of: ":") else {
        throw Invalid(description: "'\(item)' needs a type code, e.g. \(name)=s:\(rest)")
      }
      let code = rest[..<colon]
      let text = String(rest[rest.index(after: colon)...])
      out[name] = try value(code: String(code), text: text)
    }
    return out
  }

  static func value(code: String, text: String) throws -> Pattern<ControlValue> {
    func number() throws -> Double {
      guard let d = Double(text) else { throw Invalid(description: "'\(text)' is not a number") }
      return d
    }
    switch code {
    case "s": return .pure(.string(text))
    case "f": return .pure(.float(try number()))
    case "n": return .pure(.note(try number()))
    case "i":
      guard let i = Int(text) else { throw Invalid(description: "'\(text)' is not an integer") }
      return .pure(.int(i))
    case "r":
      guard let r = Rational(parsing: text) else {
        throw Invalid(description: "'\(text)' is not a rational")
      }
      return .pure(.rational(r))
    case "ps": return try MiniNotation.pattern(text, as: String.self).map { .string($0) }
    case "pf": return try MiniNotation.pattern(text, as: Double.self).map { .float($0) }
    case "pn":
      return try MiniNotation.pattern(text, as: Note.self).map { .note($0.value) }
    default:
      throw Invalid(description: "unknown type code '\(code)' (use s f n i r ps pf pn)")
    }
  }
}
