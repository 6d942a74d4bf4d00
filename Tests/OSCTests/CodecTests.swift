import Testing

@testable import OSC

/// Packet bytes written out by hand from the OSC 1.0 specification's layout.
func hex(_ text: String) -> [UInt8] { bytes(fromHex: text)! }

let everyType: OSCMessage = OSCMessage(
  "/every/type",
  [
    .int32(-2), .float32(0.5), .string("str"), .blob([1, 2, 3, 4, 5]), .int64(-1 << 40),
    .timetag(Timetag(seconds: 0xEEB0_4F20, fraction: 0x8000_0000)), .float64(-0.125), .symbol("sym"),
    .character("A"), .rgba(0xFF00_FF80), .midi(MIDIMessage(port: 0, status: 0x90, data1: 60, data2: 100)),
    .true, .false, .nil, .impulse, .array([.int32(1), .array([.string("deep")]), .true]),
  ])

@Suite struct CodecTests {
  @Test func specExampleMessage() throws {
    // The spec's example: "/oscillator/4/frequency" ,f 440.0
    let bytes = try OSCMessage("/oscillator/4/frequency", [.float32(440)]).encoded()
    #expect(bytes == hex("2f6f7363 696c6c61 746f722f 342f6672 65717565 6e637900 2c660000 43dc0000"))
    // "/foo" ,iisff 1000 -1 "hello" 1.234 5.678
    let foo = try OSCMessage("/foo", [.int32(1000), .int32(-1), .string("hello"), .float32(1.234), .float32(5.678)])
      .encoded()
    #expect(foo == hex("2f666f6f 00000000 2c696973 66660000 000003e8 ffffffff 68656c6c 6f000000 3f9df3b6 40b5b22d"))
  }

  @Test func paddingAlwaysAddsANul() throws {
    #expect(try OSCMessage("/abc").encoded() == hex("2f616263 00000000 2c000000"))
    #expect(try OSCMessage("/ab").encoded() == hex("2f616200 2c000000"))
    #expect(try OSCMessage("/a", [.blob([])]).encoded() == hex("2f610000 2c620000 00000000"))
    #expect(try OSCMessage("/a", [.blob([7])]).encoded() == hex("2f610000 2c620000 00000001 07000000"))
    #expect(try OSCMessage("/a", [.character("A")]).encoded() == hex("2f610000 2c630000 00000041"))
  }

  @Test func roundTripsEveryType() throws {
    let bytes = try everyType.encoded()
    #expect(bytes.count % 4 == 0)
    #expect(try OSCPacket(decoding: bytes) == .message(everyType))
    #expect(everyType.typeTags == ",ifsbhtdScrmTFNI[i[s]T]")
  }

  @Test func roundTripsNestedBundles() throws {
    let inner = OSCBundle(timetag: .immediately, [.message(OSCMessage("/in", [.string("x")]))])
    let outer = OSCPacket.bundle(
      OSCBundle(
        timetag: Timetag(rawValue: 0xEEB0_4F20_8000_0000), [.message(everyType), .bundle(inner), .bundle(OSCBundle())]))
    let bytes = try outer.encoded()
    #expect(Array(bytes.prefix(16)) == hex("2362756e 646c6500 eeb04f20 80000000"))
    #expect(try OSCPacket(decoding: bytes) == outer)
    #expect(outer.encodedSize() == bytes.count)
  }

  @Test func floatsRoundTripBitExactly() throws {
    let values: [Float] = [.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
    let message = OSCMessage("/f", values.map { .float32($0) } + [.float64(.nan), .float64(-0.0)])
    #expect(try OSCPacket(decoding: message.encoded()) == .message(message))
    #expect(OSCArgument.float32(0.0) != .float32(-0.0))
  }

  @Test func oldStyleMessageHasNoArguments() throws {
    #expect(try OSCPacket(decoding: hex("2f6f6c64 00000000")) == .message(OSCMessage("/old")))
    #expect(try OSCPacket(decoding: hex("2f6f6c64 00000000 00000001")) == .message(OSCMessage("/old")))
  }

  @Test func encodeRejectsNULInStrings() {
    #expect(throws: OSCEncodeError.stringContainsNUL("a\0b")) { try OSCMessage("/a", [.string("a\0b")]).encoded() }
  }

  @Test func encodeAppendsToABuffer() throws {
    var buffer: [UInt8] = [9, 9]
    try OSCMessage("/ab").encode(into: &buffer)
    #expect(buffer == [9, 9] + hex("2f616200 2c000000"))
  }

  @Test func unicodeStringsAndAddresses() throws {
    let message = OSCMessage("/ü/ۛ", [.string("é漢🎵"), .character("é")])
    #expect(try OSCPacket(decoding: message.encoded()) == .message(message))
  }
}
