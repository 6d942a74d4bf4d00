import Testing

@testable import OSC

/// Decoding untrusted bytes: every failure is a typed error with an offset; nothing traps.
@Suite struct HostileInputTests {
  func error(_ bytes: [UInt8]) -> OSCDecodeError? {
    do {
      _ = try OSCPacket(decoding: bytes)
      return nil
    } catch {
      return error
    }
  }

  @Test func truncations() throws {
    let full = try everyType.encoded()
    let addressOnly = everyType.encodedAddress.count  // an old-style message: valid, no arguments
    for length in 0..<full.count where length != addressOnly {
      #expect(error(Array(full.prefix(length))) != nil, "prefix of \(length) bytes decoded")
    }
    #expect(error([]) == OSCDecodeError(.empty, at: 0))
    #expect(error(hex("2f610000 2c690000 0000")) == OSCDecodeError(.truncated("int32 argument"), at: 8))
    #expect(error(hex("2f610000 2c680000 00000000")) == OSCDecodeError(.truncated("int64 argument"), at: 8))
  }

  @Test func missingNULAndBadPadding() {
    #expect(error(hex("2f616263")) == OSCDecodeError(.missingNUL, at: 0))
    #expect(error(hex("2f610001 2c000000")) == OSCDecodeError(.badPadding, at: 3))
    #expect(error(hex("2f610000 2c730000 78000100")) == OSCDecodeError(.badPadding, at: 10))
    #expect(error(hex("2f610000 2c620000 00000001 07000100")) == OSCDecodeError(.badPadding, at: 14))
    #expect(error(hex("2f6100")) == OSCDecodeError(.truncated("padding of address"), at: 3))
  }

  @Test func lyingSizes() {
    #expect(error(hex("2f610000 2c620000 7fffffff 00000000")) == OSCDecodeError(.badBlobSize(Int32.max), at: 8))
    #expect(error(hex("2f610000 2c620000 ffffffff")) == OSCDecodeError(.badBlobSize(-1), at: 8))
    let bundle = hex("2362756e 646c6500 00000000 00000001")
    #expect(error(bundle + hex("00001000 2f610000")) == OSCDecodeError(.badElementSize(4096), at: 16))
    #expect(error(bundle + hex("fffffffc")) == OSCDecodeError(.badElementSize(-4), at: 16))
    #expect(error(bundle + hex("00000006 2f610000 2c00")) == OSCDecodeError(.badElementSize(6), at: 16))
    #expect(error(bundle + hex("00000000")) == OSCDecodeError(.empty, at: 20))
    #expect(error(bundle + hex("0000000c 2f610000 2c000000 00000000")) == OSCDecodeError(.trailingBytes, at: 28))
    #expect(error(bundle + hex("000000")) == OSCDecodeError(.truncated("bundle element size"), at: 16))
  }

  @Test func badTypeTagsAndValues() {
    #expect(error(hex("2f610000 2c780000")) == OSCDecodeError(.unknownTypeTag(UInt8(ascii: "x")), at: 5))
    #expect(error(hex("2f610000 2c5b0000")) == OSCDecodeError(.unbalancedArray, at: 6))
    #expect(error(hex("2f610000 2c5d0000")) == OSCDecodeError(.unbalancedArray, at: 5))
    #expect(error(hex("2f610000 2c630000 0000d800")) == OSCDecodeError(.badCharacter(0xD800), at: 8))
    #expect(error(hex("2f610000 2c690000 00000001 00000000")) == OSCDecodeError(.trailingBytes, at: 12))
    #expect(error(hex("61626300")) == OSCDecodeError(.notAPacket, at: 0))
    #expect(error(hex("23627574 646c6500 00000000 00000001")) == OSCDecodeError(.notAPacket, at: 0))
  }

  @Test func invalidUTF8() {
    #expect(error(hex("2f61ff00 2c000000")) == OSCDecodeError(.invalidUTF8, at: 2))
    #expect(error(hex("2f610000 2c730000 61c0af00")) == OSCDecodeError(.invalidUTF8, at: 9))  // overlong
    #expect(error(hex("2f610000 2c730000 eda08000")) == OSCDecodeError(.invalidUTF8, at: 8))  // surrogate
    #expect(error(hex("2f610000 2c730000 f4908080 00000000")) == OSCDecodeError(.invalidUTF8, at: 8))  // > U+10FFFF
  }

  @Test func bundlesNestedAThousandDeep() throws {
    var packet = try OSCMessage("/x").encoded()
    for _ in 0..<1000 {
      packet = hex("2362756e 646c6500 00000000 00000001") + hex(String(packet.count, radix: 16).leftPadded(8)) + packet
    }
    let failure = try #require(error(packet))
    #expect(failure.kind == .tooDeep(32))
    #expect(failure.offset == 20 * 32)
    // Within the limit it decodes.
    #expect(error(Array(packet.suffix(20 * 31 + 8))) == nil)
  }

  @Test func arraysNestedDeeply() {
    let tags = "," + String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    let message =
      OSCMessage("/a").encodedAddress + Array(tags.utf8) + [UInt8](repeating: 0, count: 4 - tags.utf8.count % 4)
    #expect(error(message)?.kind == .tooDeep(32))
  }

  @Test func largeDatagrams() throws {
    let blob = [UInt8](repeating: 0xAB, count: 65_536 - 16)
    let bytes = try OSCMessage("/big", [.blob(blob)]).encoded()
    #expect(bytes.count == 65_536)
    #expect(try OSCPacket(decoding: bytes) == .message(OSCMessage("/big", [.blob(blob)])))
    // 64 KiB of type tags (T needs no payload): big but bounded, decodes.
    let tags = "," + String(repeating: "T", count: 65_000)
    let many = OSCMessage("/t").encodedAddress + Array(tags.utf8) + [0, 0, 0]
    guard case .message(let decoded) = try OSCPacket(decoding: many) else { Issue.record("not a message"); return }
    #expect(decoded.arguments.count == 65_000)
  }

  /// The argument loop settles strings of up to 7 ASCII bytes from the 8 bytes at the cursor
  /// and hands the rest to the general scan: both must accept and reject the same bytes. Every
  /// length around those 8 bytes, as the last field or followed by more bytes (which the loop
  /// then sees too), string and symbol; each padding byte made non-zero, a non-ASCII string,
  /// invalid UTF-8, no NUL. The zero-copy view must throw the same errors.
  @Test func stringsOfEveryLengthAroundTheFastPath() throws {
    func failure(_ bytes: [UInt8]) -> OSCDecodeError? {
      let viewError = bytes.withUnsafeBytes { raw -> OSCDecodeError? in
        do {
          _ = try OSCPacketView(validating: raw)
          return nil
        } catch { return error as? OSCDecodeError }
      }
      let decodeError = error(bytes)
      #expect(viewError == decodeError, "view and decoder disagree on \(bytes)")
      return decodeError
    }
    for length in 0...13 {
      for tag in ["s", "S"] {
        // Followed by nothing, by a word without a NUL, or by a short string (a NUL in the
        // 8 bytes the fast path loads, past the string's own words).
        for following in [[], [OSCArgument.int32(0x0102_0304)], [.string("ab")]] {
          let followed = !following.isEmpty
          let text = String(repeating: "x", count: length)
          let arguments: [OSCArgument] = [tag == "s" ? .string(text) : .symbol(text)] + following
          let message = OSCMessage("/a", arguments)
          let bytes = try message.encoded()
          #expect(try OSCPacket(decoding: bytes) == .message(message), "length \(length) \(tag) \(followed)")
          // Address (4 bytes) and tags (4 bytes) come first.
          let start = 8
          let padded = (length / 4 + 1) * 4
          for pad in (length + 1)..<padded {
            var bad = bytes
            bad[start + pad] = 0x01
            #expect(failure(bad) == OSCDecodeError(.badPadding, at: start + pad), "length \(length), pad \(pad)")
          }
          if length >= 2 {
            let accented = String(repeating: "x", count: length - 2) + "\u{E9}"  // é is two UTF-8 bytes
            let other = OSCMessage("/a", [tag == "s" ? .string(accented) : .symbol(accented)] + arguments.dropFirst())
            #expect(try OSCPacket(decoding: other.encoded()) == .message(other))
          }
          if length >= 1 {
            var invalid = bytes
            invalid[start + length - 1] = 0xFF
            #expect(failure(invalid) == OSCDecodeError(.invalidUTF8, at: start + length - 1))
            var unterminated = bytes
            for i in (start + length)..<(start + padded) { unterminated[i] = UInt8(ascii: "y") }
            #expect(failure(unterminated) != nil, "unterminated string of \(length) decoded")
          }
        }
      }
    }
  }

  /// Inputs found by the fuzzer (scripts/fuzz.sh osc); each once broke a law the target checks.
  @Test func fuzzRegressions() throws {
    // 2026-11-30: "/" + U+06DB (a combining mark) is one Character "/ۛ", so checks written as
    // `address.first == "/"` rejected it and the JSON round trip failed. Now checked on UTF-8.
    let combining = hex("2fdb9bd4 96207c00 8b")
    let packet = try OSCPacket(decoding: combining)
    #expect(try OSCPacket(json: packet.json) == packet)
    guard case .message(let message) = packet else { Issue.record("not a message"); return }
    #expect(try OSCAddressPattern(message.address).matches(message.address))
  }
}

extension OSCMessage {
  /// The padded address bytes alone (for building malformed packets in tests).
  var encodedAddress: [UInt8] {
    let utf8 = Array(address.utf8)
    return utf8 + [UInt8](repeating: 0, count: 4 - utf8.count % 4)
  }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
