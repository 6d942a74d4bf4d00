import Testing

@testable import OSC

/// Decoded strings built through `SmallString` must be ordinary strings in every respect: equal
/// to and hashing like the standard library's own, with the same bytes, usable after the buffer
/// they came from is gone, and growing like any other string.
@Suite struct SmallStringTests {
  /// Every length around the 15-byte inline limit, ASCII and not, as an address and as an `s`
  /// and an `S` argument.
  @Test func decodedStringsAreOrdinaryStrings() throws {
    #expect(SmallString.layoutHolds)
    for length in 0...20 {
      for text in [String(repeating: "a", count: length), String(repeating: "é", count: length / 2)] {
        let expected = String(decoding: Array(text.utf8), as: UTF8.self)
        let message = OSCMessage("/" + text, [.string(text), .symbol(text), .int32(7)])
        let decoded = try OSCDecoder().decode(try OSCPacket.message(message).encoded())
        guard case .message(let m) = decoded, case .string(let s)? = m.arguments.first,
          case .symbol(let symbol)? = m.arguments.dropFirst().first
        else {
          Issue.record("not a message with a string and a symbol: \(decoded)")
          continue
        }
        for actual in [String(m.address.dropFirst()), s.string, symbol.string] {
          #expect(actual == expected)
          #expect(actual.hashValue == expected.hashValue)
          #expect(Array(actual.utf8) == Array(expected.utf8))
          #expect(actual.count == expected.count)
          #expect(actual + "z" == expected + "z")
        }
      }
    }
  }

  /// The zero-copy view's strings go the same way.
  @Test func viewStringsAreOrdinaryStrings() throws {
    for length in 0...20 {
      let text = String(repeating: "q", count: length)
      let bytes = try OSCPacket.message(OSCMessage("/" + text, [.string(text)])).encoded()
      let strings: [String] = try bytes.withUnsafeBytes { raw in
        guard case .message(let view) = try OSCPacketView(validating: raw) else { return [] }
        var out = [view.address]
        for case .string(let s) in view.arguments { out.append(s.string) }
        return out
      }
      #expect(strings == ["/" + text, text])
      #expect(strings.last?.hashValue == text.hashValue)
    }
  }
}
