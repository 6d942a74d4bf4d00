/// The JSON form of OSC packets, used by `tala osc`, `tala monitor --json` and tests:
///
///     message: {"address":"/a","types":",ifsb","args":[1,0.5,"x","0aff"]}
///     bundle:  {"timetag":"0x00000000.00000001","elements":[ …packets… ]}
///
/// Values by type: `i h` integers; `f d` the shortest text that round-trips the float32 /
/// float64, integral values written `1.0` (`"nan"`, `"inf"`, `"-inf"` as strings); `s S` strings; `c` a one-character string;
/// `b` lower-case hex; `t` a hex timetag string; `r` an unsigned 32-bit integer; `m` an array
/// of 4 integers; `T F N I` appear in `types` only; `[ ]` is a nested JSON array.
///
/// Round trip: `OSCPacket(json: p.json) == p` for every packet without NaN payloads (every NaN
/// reads back as the canonical quiet NaN).
extension OSCPacket {
  /// The compact JSON form (no spaces).
  public var json: String {
    switch self {
    case .message(let message): return message.json
    case .bundle(let bundle):
      let elements = bundle.elements.map(\.json).joined(separator: ",")
      return "{\"timetag\":\"\(bundle.timetag.hexString)\",\"elements\":[\(elements)]}"
    }
  }

  /// Reads the JSON form. `types` may be omitted from a message: then integers become `i`
  /// (`h` beyond 32 bits), other numbers `f`, strings `s`, `true`/`false`/`null` `T`/`F`/`N`,
  /// arrays `[ ]`. A bundle's `timetag` takes any text `Timetag(parsing:)` reads (default
  /// "immediately").
  /// - Throws: `OSCJSONError` describing the first problem.
  public init(json text: String) throws(OSCJSONError) {
    self = try Self.packet(from: JSONParser.parse(text), depth: 0)
  }

  private static func packet(from value: JSONValue, depth: Int) throws(OSCJSONError) -> OSCPacket {
    guard depth < 32 else { throw OSCJSONError(message: "bundles nested too deeply") }
    guard case .object = value else { throw OSCJSONError(message: "a packet must be a JSON object") }
    if let address = value["address"] {
      guard case .string(let text) = address, text.utf8.first == UInt8(ascii: "/") else {
        throw OSCJSONError(message: "\"address\" must be a string starting with '/'")
      }
      var jsonArgs: [JSONValue] = []
      if let args = value["args"] {
        guard case .array(let list) = args else { throw OSCJSONError(message: "\"args\" must be an array") }
        jsonArgs = list
      }
      if let types = value["types"] {
        guard case .string(let tags) = types, tags.utf8.first == UInt8(ascii: ",") else {
          throw OSCJSONError(message: "\"types\" must be a string starting with ','")
        }
        var tagIterator = Array(tags.utf8).dropFirst()[...]
        var argIterator = jsonArgs[...]
        let arguments = try typedArguments(&tagIterator, &argIterator, nested: false)
        guard argIterator.isEmpty else {
          throw OSCJSONError(message: "more args than \"types\" \(tags) describes")
        }
        return .message(OSCMessage(text, arguments))
      }
      return .message(OSCMessage(text, try jsonArgs.map(inferredArgument)))
    }
    if value["timetag"] != nil || value["elements"] != nil {
      var timetag = Timetag.immediately
      if let tag = value["timetag"] {
        switch tag {
        case .string(let text):
          do { timetag = try Timetag(parsing: text) } catch { throw OSCJSONError(message: error.description) }
        case .number(let text):
          guard let raw = UInt64(text) else { throw OSCJSONError(message: "timetag integer out of range") }
          timetag = Timetag(rawValue: raw)
        default: throw OSCJSONError(message: "\"timetag\" must be a string")
        }
      }
      var elements: [OSCPacket] = []
      if let list = value["elements"] {
        guard case .array(let items) = list else { throw OSCJSONError(message: "\"elements\" must be an array") }
        for item in items { elements.append(try packet(from: item, depth: depth + 1)) }
      }
      return .bundle(OSCBundle(timetag: timetag, elements))
    }
    throw OSCJSONError(message: "a packet needs \"address\" (message) or \"timetag\"/\"elements\" (bundle)")
  }

  private static func typedArguments(
    _ tags: inout ArraySlice<UInt8>, _ args: inout ArraySlice<JSONValue>, nested: Bool
  ) throws(OSCJSONError) -> [OSCArgument] {
    var result: [OSCArgument] = []
    while let tag = tags.popFirst() {
      let character = Character(Unicode.Scalar(tag))
      func next() throws(OSCJSONError) -> JSONValue {
        guard let value = args.popFirst() else {
          throw OSCJSONError(message: "type '\(character)' has no value in \"args\"")
        }
        return value
      }
      switch tag {
      case UInt8(ascii: "T"): result.append(.true)
      case UInt8(ascii: "F"): result.append(.false)
      case UInt8(ascii: "N"): result.append(.nil)
      case UInt8(ascii: "I"): result.append(.impulse)
      case UInt8(ascii: "]"):
        guard nested else { throw OSCJSONError(message: "unbalanced ']' in types") }
        return result
      case UInt8(ascii: "["):
        guard case .array(let inner) = try next() else {
          throw OSCJSONError(message: "type '[' needs a JSON array in \"args\"")
        }
        var innerArgs = inner[...]
        result.append(.array(try typedArguments(&tags, &innerArgs, nested: true)))
        guard innerArgs.isEmpty else { throw OSCJSONError(message: "array has more values than its types") }
      default: result.append(try argument(tag: tag, value: next()))
      }
    }
    guard !nested else { throw OSCJSONError(message: "unbalanced '[' in types") }
    return result
  }

  private static func argument(tag: UInt8, value: JSONValue) throws(OSCJSONError) -> OSCArgument {
    let type = Character(Unicode.Scalar(tag))
    func bad(_ expected: String) -> OSCJSONError {
      OSCJSONError(message: "type '\(type)' needs \(expected)")
    }
    switch (tag, value) {
    case (UInt8(ascii: "i"), .number(let n)):
      guard let v = Int32(n) else { throw bad("an integer in 32 bits") }
      return .int32(v)
    case (UInt8(ascii: "h"), .number(let n)):
      guard let v = Int64(n) else { throw bad("an integer in 64 bits") }
      return .int64(v)
    case (UInt8(ascii: "f"), _):
      guard let v = floatValue(value, as: Float.self) else { throw bad("a float32 number") }
      return .float32(v)
    case (UInt8(ascii: "d"), _):
      guard let v = floatValue(value, as: Double.self) else { throw bad("a float64 number") }
      return .float64(v)
    case (UInt8(ascii: "s"), .string(let s)): return .string(s)
    case (UInt8(ascii: "S"), .string(let s)): return .symbol(s)
    case (UInt8(ascii: "c"), .string(let s)):
      guard s.unicodeScalars.count == 1, let scalar = s.unicodeScalars.first else {
        throw bad("a one-character string")
      }
      return .character(scalar)
    case (UInt8(ascii: "b"), .string(let s)):
      guard let blob = bytes(fromHex: s) else { throw bad("a hex string with an even number of digits") }
      return .blob(blob)
    case (UInt8(ascii: "t"), .string(let s)):
      do { return .timetag(try Timetag(parsing: s)) } catch { throw OSCJSONError(message: error.description) }
    case (UInt8(ascii: "r"), .number(let n)):
      guard let v = UInt32(n) else { throw bad("an unsigned 32-bit integer") }
      return .rgba(v)
    case (UInt8(ascii: "m"), .array(let parts)):
      let bytes = parts.compactMap { part -> UInt8? in
        if case .number(let n) = part { return UInt8(n) }
        return nil
      }
      guard bytes.count == 4, parts.count == 4 else { throw bad("an array of 4 integers 0–255") }
      return .midi(MIDIMessage(port: bytes[0], status: bytes[1], data1: bytes[2], data2: bytes[3]))
    case (UInt8(ascii: "i"), _), (UInt8(ascii: "h"), _), (UInt8(ascii: "r"), _): throw bad("an integer")
    case (UInt8(ascii: "s"), _), (UInt8(ascii: "S"), _), (UInt8(ascii: "c"), _), (UInt8(ascii: "b"), _),
      (UInt8(ascii: "t"), _):
      throw bad("a string")
    case (UInt8(ascii: "m"), _): throw bad("an array of 4 integers")
    default: throw OSCJSONError(message: "unknown type tag '\(type)'")
    }
  }

  private static func inferredArgument(_ value: JSONValue) throws(OSCJSONError) -> OSCArgument {
    switch value {
    case .number(let n):
      if let v = Int32(n) { return .int32(v) }
      if let v = Int64(n) { return .int64(v) }
      guard let v = Float(n), v.isFinite else { throw OSCJSONError(message: "number \(n) does not fit a float32") }
      return .float32(v)
    case .string(let s): return .string(s)
    case .bool(let b): return b ? .true : .false
    case .null: return .nil
    case .array(let items): return .array(try items.map(inferredArgument))
    case .object: throw OSCJSONError(message: "an argument cannot be a JSON object")
    }
  }

  private static func floatValue<F: BinaryFloatingPoint & LosslessStringConvertible>(
    _ value: JSONValue, as: F.Type
  ) -> F? {
    switch value {
    case .number(let n):
      guard let v = F(n), v.isFinite else { return nil }
      return v
    case .string("nan"): return F.nan
    case .string("inf"): return F.infinity
    case .string("-inf"): return -F.infinity
    default: return nil
    }
  }
}

extension OSCMessage {
  /// The compact JSON form of this message.
  public var json: String {
    "{\"address\":" + JSONWriter.quote(address) + ",\"types\":\"" + typeTags + "\",\"args\":" + argumentsJSON + "}"
  }

  /// The `args` array of the JSON form, e.g. `[1,0.5,"x"]`.
  public var argumentsJSON: String {
    var out = "["
    appendJSON(arguments, to: &out)
    return out + "]"
  }
}

/// `text` as a JSON string literal, quotes included (for callers composing JSON lines).
public func jsonString(_ text: String) -> String {
  JSONWriter.quote(text)
}

/// Appends comma-separated JSON values for arguments that have a value (`T F N I` have none).
func appendJSON(_ arguments: [OSCArgument], to out: inout String) {
  var first = true
  for argument in arguments {
    let text: String
    switch argument {
    case .int32(let v): text = String(v)
    case .int64(let v): text = String(v)
    case .float32(let v): text = shortestJSON(v)
    case .float64(let v): text = shortestJSON(v)
    case .string(let s), .symbol(let s): text = JSONWriter.quote(s)
    case .character(let c): text = JSONWriter.quote(String(Character(c)))
    case .blob(let b): text = "\"" + hexString(b) + "\""
    case .timetag(let t): text = "\"" + t.hexString + "\""
    case .rgba(let v): text = String(v)
    case .midi(let m): text = "[\(m.port),\(m.status),\(m.data1),\(m.data2)]"
    case .true, .false, .nil, .impulse: continue
    case .array(let inner):
      var nested = "["
      appendJSON(inner, to: &nested)
      text = nested + "]"
    }
    if !first { out += "," }
    first = false
    out += text
  }
}

/// Swift's `description`: the shortest digit string that round-trips the value. Integral values
/// keep their `.0` (`1.0`, `-0.0`) so JSON readers that split integers from floats (Python's
/// `json`) still read a float, and `-0.0` keeps its sign.
func shortestJSON<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) -> String {
  if value.isNaN { return "\"nan\"" }
  if value.isInfinite { return value < 0 ? "\"-inf\"" : "\"inf\"" }
  return value.description
}

/// Lower-case hex, two digits per byte.
public func hexString(_ bytes: [UInt8]) -> String {
  let digits = Array("0123456789abcdef".utf8)
  var out = [UInt8]()
  out.reserveCapacity(bytes.count * 2)
  for byte in bytes {
    out.append(digits[Int(byte >> 4)])
    out.append(digits[Int(byte & 0xF)])
  }
  return String(decoding: out, as: UTF8.self)
}

/// Bytes from hex digits (either case; spaces ignored; an optional `0x` prefix), or `nil`.
public func bytes(fromHex text: String) -> [UInt8]? {
  var digits = Array(text.utf8).filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }
  if digits.count >= 2, digits[0] == 0x30, digits[1] | 0x20 == UInt8(ascii: "x") { digits.removeFirst(2) }
  guard digits.count % 2 == 0 else { return nil }
  var out = [UInt8]()
  out.reserveCapacity(digits.count / 2)
  var high: UInt8 = 0
  for (index, d) in digits.enumerated() {
    let nibble: UInt8
    switch d {
    case 0x30...0x39: nibble = d - 0x30
    case 0x41...0x46: nibble = d - 0x41 + 10
    case 0x61...0x66: nibble = d - 0x61 + 10
    default: return nil
    }
    if index % 2 == 0 { high = nibble } else { out.append(high << 4 | nibble) }
  }
  return out
}
