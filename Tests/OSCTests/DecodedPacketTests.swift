import Testing

@testable import OSC

/// The decoder's own packets (`OSCDecodedPacket`), read through their accessors without going
/// through `OSCPacket`, must match the owned value field for field. `PacketViewTests.check` runs
/// this on every packet it decodes (every type tag, nested arrays and bundles, random packets,
/// 65,000-tag messages that outgrow the first guess of slots).
func checkDecoded(_ decoded: OSCDecodedPacket, _ packet: OSCPacket, sourceLocation: SourceLocation) {
  #expect(OSCPacket(decoded) == packet, sourceLocation: sourceLocation)
  switch (decoded, packet) {
  case (.message(let decoded), .message(let message)):
    #expect(decoded.address == message.address, sourceLocation: sourceLocation)
    #expect(decoded.addressBytes == message.address, sourceLocation: sourceLocation)
    #expect(decoded.addressBytes.count == message.address.utf8.count, sourceLocation: sourceLocation)
    #expect(decoded.addressEquals(message.address), sourceLocation: sourceLocation)
    #expect(!decoded.addressEquals(message.address + "x"), sourceLocation: sourceLocation)
    #expect(decoded.typeTags == message.typeTags, sourceLocation: sourceLocation)
    checkDecoded(decoded.arguments, message.arguments, sourceLocation: sourceLocation)
  case (.bundle(let decoded), .bundle(let bundle)):
    #expect(decoded.timetag == bundle.timetag, sourceLocation: sourceLocation)
    #expect(decoded.elements.count == bundle.elements.count, sourceLocation: sourceLocation)
    for (element, expected) in zip(decoded.elements, bundle.elements) {
      checkDecoded(element, expected, sourceLocation: sourceLocation)
    }
  default: Issue.record("decoded packet and packet differ in kind", sourceLocation: sourceLocation)
  }
}

func checkDecoded(_ decoded: OSCDecodedArguments, _ arguments: [OSCArgument], sourceLocation: SourceLocation) {
  #expect(decoded.count == arguments.count, sourceLocation: sourceLocation)
  // Iteration (the slot-stepping iterator) and indexing (index(after:)) must agree.
  #expect(decoded.indices.count == arguments.count, sourceLocation: sourceLocation)
  for ((index, viaIterator), argument) in zip(zip(decoded.indices, decoded), arguments) {
    #expect(OSCArgument(viaIterator) == argument, sourceLocation: sourceLocation)
    switch (decoded[index], argument) {
    case (.string(let s), .string(let expected)), (.symbol(let s), .symbol(let expected)):
      #expect(s == expected && s.string == expected, sourceLocation: sourceLocation)
      #expect(s.count == expected.utf8.count && s.description == expected, sourceLocation: sourceLocation)
      #expect(s.withUTF8 { Array($0) } == Array(expected.utf8), sourceLocation: sourceLocation)
    case (.blob(let blob), .blob(let expected)):
      #expect(blob.bytes == expected && blob.count == expected.count, sourceLocation: sourceLocation)
    case (.array(let inner), .array(let expected)):
      checkDecoded(inner, expected, sourceLocation: sourceLocation)
    case (let other, let expected):
      #expect(OSCArgument(other) == expected, sourceLocation: sourceLocation)
    }
  }
}

@Suite struct DecodedPacketTests {
  /// Each type tag decodes to its own case with the encoded value, read without `OSCPacket`.
  @Test func everyTypeTagReadsBack() throws {
    let decoded = try OSCDecoder().decode(try everyType.encoded())
    guard case .message(let message) = decoded else {
      Issue.record("not a message")
      return
    }
    #expect(message.address == "/every/type")
    #expect(message.typeTags == ",ifsbhtdScrmTFNI[i[s]T]")
    let arguments = Array(message.arguments)
    #expect(arguments.count == 16)
    guard arguments.count == 16 else { return }
    guard case .int32(-2) = arguments[0], case .float32(0.5) = arguments[1], case .string(let s) = arguments[2],
      case .blob(let blob) = arguments[3], case .int64(-1 << 40) = arguments[4], case .timetag(let t) = arguments[5],
      case .float64(-0.125) = arguments[6], case .symbol(let symbol) = arguments[7],
      case .character("A") = arguments[8], case .rgba(0xFF00_FF80) = arguments[9], case .midi(let midi) = arguments[10],
      case .true = arguments[11], case .false = arguments[12], case .nil = arguments[13],
      case .impulse = arguments[14], case .array(let array) = arguments[15]
    else {
      Issue.record("wrong cases: \(arguments.map(OSCArgument.init))")
      return
    }
    #expect(s == "str" && blob.bytes == [1, 2, 3, 4, 5] && symbol == "sym")
    #expect(t == Timetag(seconds: 0xEEB0_4F20, fraction: 0x8000_0000))
    #expect(midi == MIDIMessage(port: 0, status: 0x90, data1: 60, data2: 100))
    #expect(array.map(OSCArgument.init) == [.int32(1), .array([.string("deep")]), .true])
    #expect(OSCPacket(decoded) == .message(everyType))
  }

  /// The packet keeps its own copy: it reads the same after the input is overwritten and gone.
  @Test func ownsItsBytes() throws {
    var bytes = try OSCMessage("/dirt/play", [.string("s"), .string("a much longer sound name"), .blob([9, 8])])
      .encoded()
    let decoded = try OSCDecoder().decode(bytes)
    for i in bytes.indices { bytes[i] = 0xFF }
    bytes = []
    #expect(
      OSCPacket(decoded)
        == .message(OSCMessage("/dirt/play", [.string("s"), .string("a much longer sound name"), .blob([9, 8])])))
  }

  /// One allocation per packet: every message of a bundle, nested bundles included, reads from
  /// the same storage.
  @Test func bundleSharesOneStorage() throws {
    let message = OSCMessage("/dirt/play", [.string("s"), .string("bd"), .string("n"), .int32(3)])
    let inner = OSCBundle(timetag: .immediately, [.message(message)])
    let bundle = OSCBundle(
      timetag: Timetag(rawValue: 0xEEB0_4F20_8000_0000),
      Array(repeating: .message(message), count: 8) + [.bundle(inner)])
    guard case .bundle(let decoded) = try OSCDecoder().decode(try bundle.encoded()) else {
      Issue.record("not a bundle")
      return
    }
    var storages: [ObjectIdentifier] = []
    func collect(_ packet: OSCDecodedPacket) {
      switch packet {
      case .message(let m): storages.append(ObjectIdentifier(m.storage))
      case .bundle(let b):
        storages.append(ObjectIdentifier(b.storage))
        b.elements.forEach(collect)
      }
    }
    collect(.bundle(decoded))
    #expect(storages.count == 11)
    #expect(Set(storages).count == 1)
    #expect(OSCPacket(.bundle(decoded)) == .bundle(bundle))
  }

  /// More slots than the first guess (one per tag of payload-free arguments) grow the storage
  /// without losing what was written.
  @Test func outgrowsTheFirstGuess() throws {
    let arguments: [OSCArgument] = (0..<300).map { [.true, .false, .nil, .impulse][$0 % 4] } + [.string("end")]
    let message = OSCMessage("/t", [.array(arguments), .int32(5)])
    let decoded = try OSCDecoder().decode(try message.encoded())
    #expect(OSCPacket(decoded) == .message(message))
    guard case .message(let m) = decoded else { return }
    #expect(m.arguments.count == 2)
    #expect(m.storage.slotCount == 1 + 1 + 301 + 1)
  }

  /// Malformed input fails with the same error kind and offset as before the storage change.
  @Test func malformedInputErrors() {
    let cases: [([UInt8], OSCDecodeError)] = [
      ([], OSCDecodeError(.empty, at: 0)),
      (hex("2f610000 2c690000 0000"), OSCDecodeError(.truncated("int32 argument"), at: 8)),
      (hex("2f610001 2c000000"), OSCDecodeError(.badPadding, at: 3)),
      (hex("2f610000 2c780000"), OSCDecodeError(.unknownTypeTag(0x78), at: 5)),
      (hex("2f610000 2c5b0000"), OSCDecodeError(.unbalancedArray, at: 6)),
      (hex("2f610000 2c730000 61c0af00"), OSCDecodeError(.invalidUTF8, at: 9)),
      (hex("2f610000 2c620000 7fffffff 00000000"), OSCDecodeError(.badBlobSize(0x7fff_ffff), at: 8)),
      (hex("61626300"), OSCDecodeError(.notAPacket, at: 0)),
    ]
    for (bytes, expected) in cases {
      #expect(throws: expected) { try OSCDecoder().decode(bytes) }
    }
  }

  /// Decoded packets cross threads (the storage is never written after decoding).
  @Test func crossesThreads() async throws {
    let decoded = try OSCDecoder().decode(try everyType.encoded())
    let back = await Task.detached { OSCPacket(decoded) }.value
    #expect(back == .message(everyType))
  }
}
