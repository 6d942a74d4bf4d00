import Pattern
import Time

/// How a value is written in the oracle's JSON.
public protocol JSONValue {
  /// The value as the Tidal oracle prints it.
  var jsonText: String { get }
}

extension String: JSONValue { public var jsonText: String { JSON.string(self) } }
extension Double: JSONValue { public var jsonText: String { JSON.haskellDouble(self) } }
extension Note: JSONValue { public var jsonText: String { JSON.haskellDouble(value) } }
extension Int: JSONValue { public var jsonText: String { String(self) } }
extension Rational: JSONValue { public var jsonText: String { JSON.string(description) } }
extension Bool: JSONValue { public var jsonText: String { self ? "true" : "false" } }

/// JSON text helpers (no Foundation).
public enum JSON {
  /// A JSON string literal.
  public static func string(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        // Control characters and DEL as \u escapes, as the OSC module's writer does.
        if u.value < 0x20 || u.value == 0x7F {
          let h = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  /// A double as Haskell's `show` writes it (the oracle's form): shortest round-trip digits,
  /// fixed notation with at least one decimal for 0.1 <= |x| < 10^7, otherwise `d.ddde±n`.
  public static func haskellDouble(_ d: Double) -> String {
    if d.isNaN { return "\"NaN\"" }
    if d.isInfinite { return d > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    // Decompose Swift's shortest representation into digits and a decimal exponent.
    var text = "\(d.magnitude)"
    var exp10 = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exp10 = Int(text[text.index(after: e)...]) ?? 0
      text = String(text[..<e])
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let intPart = String(parts[0])
    let fracPart = parts.count > 1 ? String(parts[1]) : ""
    var digits = intPart + fracPart
    var point = intPart.count + exp10  // digits[0..<point] are before the decimal point
    while digits.hasPrefix("0") && digits.count > 1 {
      digits.removeFirst()
      point -= 1
    }
    while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
    let sign = d < 0 ? "-" : ""
    let m = d.magnitude
    if m >= 0.1 && m < 10_000_000 {
      if point <= 0 {
        return sign + "0." + String(repeating: "0", count: -point) + digits
      }
      if point >= digits.count {
        return sign + digits + String(repeating: "0", count: point - digits.count) + ".0"
      }
      let i = digits.index(digits.startIndex, offsetBy: point)
      return sign + digits[..<i] + "." + digits[i...]
    }
    let first = digits.prefix(1)
    let rest = digits.dropFirst()
    return sign + first + "." + (rest.isEmpty ? "0" : rest) + "e" + String(point - 1)
  }
}

/// Renders events as the oracle does, in its canonical order.
public enum EventJSON {
  public static func arc(_ a: Arc) -> String {
    "[\(JSON.string(a.begin.description)),\(JSON.string(a.end.description))]"
  }

  public static func render<V: JSONValue>(_ events: [Event<V>]) -> String {
    let rendered = events.map { ($0, $0.value.jsonText) }.sorted { x, y in
      precedes(x.0, x.1, y.0, y.1)
    }
    var out = "["
    for (i, (e, v)) in rendered.enumerated() {
      if i > 0 { out += "," }
      out += "{\"whole\":" + (e.whole.map(arc) ?? "null") + ",\"part\":" + arc(e.part)
      out += ",\"value\":" + v + "}"
    }
    return out + "]"
  }

  /// Canonical order: part begin, whole begin (continuous first), value text, part end,
  /// whole end.
  static func precedes<V>(_ a: Event<V>, _ av: String, _ b: Event<V>, _ bv: String) -> Bool {
    if a.part.begin != b.part.begin { return a.part.begin < b.part.begin }
    switch (a.whole, b.whole) {
    case (nil, .some): return true
    case (.some, nil): return false
    case (.some(let x), .some(let y)) where x.begin != y.begin: return x.begin < y.begin
    default: break
    }
    if av != bv { return av.unicodeScalars.lexicographicallyPrecedes(bv.unicodeScalars) }
    if a.part.end != b.part.end { return a.part.end < b.part.end }
    if let x = a.whole, let y = b.whole, x.end != y.end { return x.end < y.end }
    return false
  }
}
