/// A minimal JSON reader and writer for the OSC JSON form (RFC 8259; numbers kept as their
/// text so that integers and floats convert exactly, without passing through `Double`).
enum JSONValue: Equatable {
  case object([(String, JSONValue)])
  case array([JSONValue])
  case string(String)
  case number(String)
  case bool(Bool)
  case null

  static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.object(let a), .object(let b)): return a.elementsEqual(b) { $0.0 == $1.0 && $0.1 == $1.1 }
    case (.array(let a), .array(let b)): return a == b
    case (.string(let a), .string(let b)), (.number(let a), .number(let b)): return a == b
    case (.bool(let a), .bool(let b)): return a == b
    case (.null, .null): return true
    default: return false
    }
  }

  subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }
}

/// Why a JSON text was rejected (offset in UTF-8 bytes).
public struct OSCJSONError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  public var offset: Int?
  public var description: String { offset.map { "\(message) at byte \($0)" } ?? message }
}

struct JSONParser {
  private let bytes: [UInt8]
  private var index = 0
  private static let maxDepth = 64

  init(_ text: String) {
    bytes = Array(text.utf8)
  }

  static func parse(_ text: String) throws(OSCJSONError) -> JSONValue {
    var parser = JSONParser(text)
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.index == parser.bytes.count else { throw parser.fail("unexpected text after JSON value") }
    return value
  }

  private func fail(_ message: String) -> OSCJSONError { OSCJSONError(message: message, offset: index) }

  private mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  private mutating func expect(_ literal: String) throws(OSCJSONError) {
    let utf8 = Array(literal.utf8)
    guard bytes.count - index >= utf8.count, bytes[index..<(index + utf8.count)].elementsEqual(utf8) else {
      throw fail("expected '\(literal)'")
    }
    index += utf8.count
  }

  private mutating func value(depth: Int) throws(OSCJSONError) -> JSONValue {
    guard depth < Self.maxDepth else { throw fail("JSON nested too deeply") }
    skipSpace()
    guard index < bytes.count else { throw fail("unexpected end of JSON") }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      index += 1
      var members: [(String, JSONValue)] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      while true {
        skipSpace()
        let key = try string()
        skipSpace()
        try expect(":")
        members.append((key, try value(depth: depth + 1)))
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        try expect("}")
        return .object(members)
      }
    case UInt8(ascii: "["):
      index += 1
      var elements: [JSONValue] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(elements)
      }
      while true {
        elements.append(try value(depth: depth + 1))
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        try expect("]")
        return .array(elements)
      }
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try expect("true"); return .bool(true)
    case UInt8(ascii: "f"): try expect("false"); return .bool(false)
    case UInt8(ascii: "n"): try expect("null"); return .null
    default: return .number(try number())
    }
  }

  private mutating func number() throws(OSCJSONError) -> String {
    let start = index
    func digits() -> Int {
      let from = index
      while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
      return index - from
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    let intStart = index
    let intDigits = digits()
    guard intDigits > 0, !(intDigits > 1 && bytes[intStart] == 0x30) else { throw fail("invalid number") }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw fail("invalid number") }
    }
    if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard digits() > 0 else { throw fail("invalid number") }
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  private mutating func hex4() throws(OSCJSONError) -> UInt32 {
    guard bytes.count - index >= 4 else { throw fail("truncated \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[index] | 0x20
      let nibble: UInt8
      switch b {
      case 0x30...0x39: nibble = b - 0x30
      case 0x61...0x66: nibble = b - 0x61 + 10
      default: throw fail("invalid \\u escape")
      }
      value = value << 4 | UInt32(nibble)
      index += 1
    }
    return value
  }

  private mutating func string() throws(OSCJSONError) -> String {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string") }
    index += 1
    var out: [UInt8] = []
    while true {
      guard index < bytes.count else { throw fail("unterminated string") }
      let b = bytes[index]
      index += 1
      switch b {
      case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard index < bytes.count else { throw fail("unterminated string") }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code) {
            try expect("\\u")
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate") }
            code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { throw fail("unpaired surrogate") }
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: throw fail("invalid escape")
        }
      default:
        guard b >= 0x20 else { throw fail("control character in string") }
        out.append(b)
      }
    }
  }
}

enum JSONWriter {
  /// `text` as a JSON string literal (quotes included).
  static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
