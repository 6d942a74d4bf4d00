import Testing

@testable import OSC

/// `OSCPacketView` must accept exactly what `OSCDecoder` accepts, fail with the same error kind
/// and offset otherwise, and materialize the same value; its lazy accessors must agree with it.
@Suite struct PacketViewTests {
  /// Checks one input against `OSCDecoder(maxDepth:)`; returns whether it decoded.
  @discardableResult
  func check(_ bytes: [UInt8], maxDepth: Int = 32, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    let expected = Result { () throws(OSCDecodeError) in OSCPacket(try OSCDecoder(maxDepth: maxDepth).decode(bytes)) }
    return bytes.withUnsafeBytes { raw in
      let actual = Result { () throws(OSCDecodeError) in try OSCPacketView(validating: raw, maxDepth: maxDepth) }
      switch (expected, actual) {
      case (.success(let packet), .success(let view)):
        #expect(view.decoded() == packet, sourceLocation: sourceLocation)
        checkAccessors(view, packet, sourceLocation: sourceLocation)
        if let decoded = try? OSCDecoder(maxDepth: maxDepth).decode(raw) {
          checkDecoded(decoded, packet, sourceLocation: sourceLocation)
        } else {
          Issue.record("decoding from a raw buffer failed", sourceLocation: sourceLocation)
        }
        return true
      case (.failure(let error), .failure(let viewError)):
        #expect(viewError == error, sourceLocation: sourceLocation)
      case (.success, .failure(let viewError)):
        Issue.record("view rejected what the decoder accepts: \(viewError)", sourceLocation: sourceLocation)
      case (.failure(let error), .success):
        Issue.record("view accepted what the decoder rejects: \(error)", sourceLocation: sourceLocation)
      }
      return false
    }
  }

  /// The lazy accessors, read without `decoded()`, against the decoder's value.
  func checkAccessors(_ view: OSCPacketView, _ packet: OSCPacket, sourceLocation: SourceLocation) {
    switch (view, packet) {
    case (.message(let view), .message(let message)):
      #expect(view.address == message.address, sourceLocation: sourceLocation)
      #expect(view.addressEquals(message.address), sourceLocation: sourceLocation)
      #expect(!view.addressEquals(message.address + "x"), sourceLocation: sourceLocation)
      #expect(view.typeTags == message.typeTags, sourceLocation: sourceLocation)
      checkArguments(view.arguments, message.arguments, sourceLocation: sourceLocation)
    case (.bundle(let view), .bundle(let bundle)):
      #expect(view.timetag == bundle.timetag, sourceLocation: sourceLocation)
      let elements = Array(view.elements)
      #expect(elements.count == bundle.elements.count, sourceLocation: sourceLocation)
      for (element, expected) in zip(elements, bundle.elements) {
        checkAccessors(element, expected, sourceLocation: sourceLocation)
      }
    default: Issue.record("view and packet differ in kind", sourceLocation: sourceLocation)
    }
  }

  func checkArguments(_ views: OSCArgumentsView, _ arguments: [OSCArgument], sourceLocation: SourceLocation) {
    var count = 0
    for (view, argument) in zip(views, arguments) {
      count += 1
      switch (view, argument) {
      case (.string(let s), .string(let expected)), (.symbol(let s), .symbol(let expected)):
        #expect(s == expected && s.string == expected && s.count == expected.utf8.count, sourceLocation: sourceLocation)
      case (.blob(let bytes), .blob(let expected)):
        #expect(Array(bytes) == expected, sourceLocation: sourceLocation)
      case (.array(let inner), .array(let expected)):
        checkArguments(inner, expected, sourceLocation: sourceLocation)
      default:
        #expect(view.decoded() == argument, sourceLocation: sourceLocation)
      }
    }
    #expect(count == arguments.count && views.underestimatedCount <= count, sourceLocation: sourceLocation)
    #expect(Array(views).count == arguments.count, sourceLocation: sourceLocation)
  }

  // MARK: The packets of CodecTests and HostileInputTests.

  @Test func codecPackets() throws {
    let inner = OSCBundle(timetag: .immediately, [.message(OSCMessage("/in", [.string("x")]))])
    let nested = OSCPacket.bundle(
      OSCBundle(
        timetag: Timetag(rawValue: 0xEEB0_4F20_8000_0000), [.message(everyType), .bundle(inner), .bundle(OSCBundle())]))
    let floats: [Float] = [.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
    let packets: [OSCPacket] = [
      .message(everyType), nested,
      .message(OSCMessage("/oscillator/4/frequency", [.float32(440)])),
      .message(OSCMessage("/foo", [.int32(1000), .int32(-1), .string("hello"), .float32(1.234), .float32(5.678)])),
      .message(OSCMessage("/abc")), .message(OSCMessage("/ab")), .message(OSCMessage("/a", [.blob([])])),
      .message(OSCMessage("/a", [.blob([7])])), .message(OSCMessage("/a", [.character("A")])),
      .message(OSCMessage("/f", floats.map { .float32($0) } + [.float64(.nan), .float64(-0.0)])),
      .message(OSCMessage("/ü/ۛ", [.string("é漢🎵"), .character("é")])),
      .message(OSCMessage("/\u{1}", [.string("\u{1}"), .string("a\u{1}"), .string("\u{1}\u{1}\u{1}")])),
    ]
    for packet in packets {
      #expect(check(try packet.encoded()))
    }
    #expect(check(hex("2f6f6c64 00000000")))
    #expect(check(hex("2f6f6c64 00000000 00000001")))
  }

  @Test func hostilePackets() throws {
    let full = try everyType.encoded()
    for length in 0...full.count { check(Array(full.prefix(length))) }
    let bundle = hex("2362756e 646c6500 00000000 00000001")
    let inputs: [[UInt8]] = [
      [], hex("2f610000 2c690000 0000"), hex("2f610000 2c680000 00000000"), hex("2f616263"),
      hex("2f610001 2c000000"), hex("2f610000 2c730000 78000100"), hex("2f610000 2c620000 00000001 07000100"),
      hex("2f6100"), hex("2f610000 2c620000 7fffffff 00000000"), hex("2f610000 2c620000 ffffffff"),
      bundle + hex("00001000 2f610000"), bundle + hex("fffffffc"), bundle + hex("00000006 2f610000 2c00"),
      bundle + hex("00000000"), bundle + hex("0000000c 2f610000 2c000000 00000000"), bundle + hex("000000"),
      hex("2f610000 2c780000"), hex("2f610000 2c5b0000"), hex("2f610000 2c5d0000"), hex("2f610000 2c630000 0000d800"),
      hex("2f610000 2c690000 00000001 00000000"), hex("61626300"), hex("23627574 646c6500 00000000 00000001"),
      hex("2f61ff00 2c000000"), hex("2f610000 2c730000 61c0af00"), hex("2f610000 2c730000 eda08000"),
      hex("2f610000 2c730000 f4908080 00000000"), hex("2fdb9bd4 96207c00 8b"),
      // A 0x01 byte just before the NUL (the zero-byte word trick's false-positive case).
      hex("2f010000 2c730000 61010000"), hex("2f610000 2c730000 01000100"),
    ]
    for input in inputs { check(input) }
  }

  @Test func nestingLimits() throws {
    var packet = try OSCMessage("/x").encoded()
    for _ in 0..<1000 {
      packet = hex("2362756e 646c6500 00000000 00000001") + hex(String(packet.count, radix: 16).leftPadded(8)) + packet
    }
    #expect(!check(packet))
    #expect(check(Array(packet.suffix(20 * 31 + 8))))
    #expect(!check(Array(packet.suffix(20 * 3 + 8)), maxDepth: 2))
    let tags = "," + String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    let arrays =
      OSCMessage("/a").encodedAddress + Array(tags.utf8) + [UInt8](repeating: 0, count: 4 - tags.utf8.count % 4)
    #expect(!check(arrays))
    let deep = OSCMessage("/a", [.array([.array([.int32(1), .array([.string("s")])]), .true]), .int32(2)])
    #expect(check(try deep.encoded()))
    #expect(!check(try deep.encoded(), maxDepth: 3))
  }

  @Test func largeDatagrams() throws {
    #expect(check(try OSCMessage("/big", [.blob([UInt8](repeating: 0xAB, count: 65_536 - 16))]).encoded()))
    let tags = "," + String(repeating: "T", count: 65_000)
    #expect(check(OSCMessage("/t").encodedAddress + Array(tags.utf8) + [0, 0, 0]))
  }

  // MARK: Randomized: generated packets round-trip; mutated ones are judged alike.

  @Test func randomPacketsAndMutations() throws {
    var rng = SplitMix64(seed: 0x7A1A)
    var accepted = 0
    for _ in 0..<400 {
      let bytes = try randomPacket(&rng, depth: 0).encoded()
      #expect(check(bytes))
      for _ in 0..<8 {
        var mutated = bytes
        switch rng.next() % 4 {
        case 0: mutated = Array(mutated.prefix(Int(rng.next() % UInt64(mutated.count + 1))))
        case 1: mutated[Int(rng.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: rng.next())
        case 2:
          mutated[Int(rng.next() % UInt64(mutated.count))] = [0, 1, 0x5B, 0x5D, 0x80, 0xFF].randomElement(using: &rng)!
        default: mutated.insert(contentsOf: [0, 0, 0, 0], at: Int(rng.next() % UInt64(mutated.count + 1)))
        }
        if check(mutated, maxDepth: Int(rng.next() % 4) + 1) { accepted += 1 }
      }
    }
    #expect(accepted > 0)  // some mutations stay valid, so both paths get compared on success too
  }

  func randomPacket(_ rng: inout SplitMix64, depth: Int) -> OSCPacket {
    if depth < 3, rng.next() % 4 == 0 {
      let elements = (0..<(rng.next() % 4)).map { _ in randomPacket(&rng, depth: depth + 1) }
      return .bundle(OSCBundle(timetag: Timetag(rawValue: rng.next()), elements))
    }
    let arguments = (0..<(rng.next() % 8)).map { _ in randomArgument(&rng, depth: 0) }
    return .message(OSCMessage("/" + randomString(&rng), arguments))
  }

  func randomArgument(_ rng: inout SplitMix64, depth: Int) -> OSCArgument {
    let r = rng.next()
    switch r % 17 {
    case 0: return .int32(Int32(truncatingIfNeeded: r >> 8))
    case 1: return .float32(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next())))
    case 2: return .string(randomString(&rng))
    case 3: return .blob((0..<(rng.next() % 9)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
    case 4: return .int64(Int64(bitPattern: rng.next()))
    case 5: return .timetag(Timetag(rawValue: rng.next()))
    case 6: return .float64(Double(bitPattern: rng.next()))
    case 7: return .symbol(randomString(&rng))
    case 8: return .character(["A", "\u{1}", "é", "🎵"].randomElement(using: &rng)!)
    case 9: return .rgba(UInt32(truncatingIfNeeded: r >> 16))
    case 10: return .midi(MIDIMessage(port: 1, status: 0x90, data1: UInt8(r >> 56), data2: 100))
    case 11: return .true
    case 12: return .false
    case 13: return .nil
    case 14: return .impulse
    default:
      guard depth < 3 else { return .nil }
      return .array((0..<(rng.next() % 4)).map { _ in randomArgument(&rng, depth: depth + 1) })
    }
  }

  func randomString(_ rng: inout SplitMix64) -> String {
    let pieces = ["a", "bd", "\u{1}", "é", "漢", "🎵", "dirt/play", "x\u{7F}"]
    return (0..<(rng.next() % 5)).map { _ in pieces.randomElement(using: &rng)! }.joined()
  }
}

/// A small seeded generator (SplitMix64), so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
