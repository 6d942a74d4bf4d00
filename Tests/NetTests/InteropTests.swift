import Foundation
import Net
import OSC
import Testing

/// Real peers on loopback: python-osc (Tests/Interop/pyosc_peer.py) and liblo's oscsend/oscdump.
/// python-osc covers i h f d s b r m t T F N and arrays (t only python-osc → decoding); liblo
/// 0.31 covers i h f d s b t S c m T F N I (it rejects r and arrays; oscsend cannot write b, t).
@Suite(.serialized) struct InteropTests {
  /// Packets that python-osc can both build and parse, exactly (timetags with few fraction bits
  /// survive its float conversion; floats chosen to need all their bits).
  static let pythonPackets: [OSCPacket] = [
    .message(OSCMessage("/py/empty")),
    .message(
      OSCMessage(
        "/py/all",
        [
          .int32(-2_147_483_648), .float32(0.1), .string("tala ✓"), .blob([0, 1, 0xFE, 0xFF, 7]),
          .int64(-5_000_000_000),
          .float64(0.1), .rgba(0xFF00_FF80), .midi(MIDIMessage(port: 1, status: 0x90, data1: 60, data2: 127)), .true,
          .false, .nil, .array([.int32(1), .array([.string("deep"), .float32(-1.5)])]), .float32(.infinity),
          .float64(-0.0),
        ])),
    .bundle(
      OSCBundle(
        timetag: Timetag(seconds: 0xEEB0_4F20, fraction: 0x8000_0000),
        [
          .message(OSCMessage("/py/b1", [.int32(1)])),
          .bundle(
            OSCBundle(
              timetag: Timetag(seconds: 0xEEB0_4F21, fraction: 0x4000_0000),
              [.message(OSCMessage("/py/b2", [.string("nested")])), .bundle(OSCBundle(timetag: .immediately, []))])),
        ])),
    .bundle(OSCBundle(timetag: .immediately, [.message(OSCMessage("/py/now", [.float64(1e300)]))])),
  ]

  @Test func talaToPythonOSC() throws {
    let python = try Peer.python()
    let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("tala-port-\(UUID().uuidString)")
    // python-osc cannot build `t`, but it decodes it: send one more packet in this direction.
    let packets =
      Self.pythonPackets + [.message(OSCMessage("/py/t", [.timetag(Timetag(rawValue: 0xEEB0_4F20_1F9A_DD37))]))]
    let script = Peer.interopDirectory.appendingPathComponent("pyosc_peer.py").path
    let (process, output) = try Peer.start([python, script, "recv", portFile.path, String(packets.count)])
    defer { Peer.finish(process) }
    let portText = Peer.waitFor(portFile) { !$0.isEmpty }
    let port = try #require(
      UInt16(portText), "python peer did not start: \(Peer.waitFor(output, seconds: 0) { _ in true })")
    let sender = try UDPSender(host: "127.0.0.1", port: port)
    for packet in packets { try sender.send(packet) }
    let text = Peer.waitFor(output) { $0.split(separator: "\n").count >= packets.count }
    let lines = text.split(separator: "\n").map(String.init)
    try #require(lines.count == packets.count, "python-osc printed: \(text)")
    for (line, packet) in zip(lines, packets) {
      #expect(try OSCPacket(json: line) == packet, "python-osc decoded \(line)")
    }
  }

  @Test func pythonOSCToTala() throws {
    let python = try Peer.python()
    let receiver = try UDPReceiver(port: 0)
    let input = Self.pythonPackets.map(\.json).joined(separator: "\n") + "\n"
    let script = Peer.interopDirectory.appendingPathComponent("pyosc_peer.py").path
    let (process, output) = try Peer.start(
      [python, script, "send", String(receiver.localAddress.port)], stdin: input)
    defer { Peer.finish(process) }
    for expected in Self.pythonPackets {
      let datagram = try #require(
        try receiver.receive(timeoutMilliseconds: 10_000),
        "no datagram; python said: \(Peer.waitFor(output, seconds: 0) { _ in true })")
      #expect(try OSCPacket(decoding: datagram.bytes) == expected)
    }
  }

  @Test func talaToOscdump() throws {
    let oscdump = try Peer.require("oscdump", package: "liblo-tools (apt-get install liblo-tools)")
    let port = try UDPReceiver(port: 0).localAddress.port  // free a moment ago
    let (process, output) = try Peer.start([oscdump, "-L", String(port)])
    defer { Peer.finish(process, seconds: 0) }
    let sender = try UDPSender(host: "127.0.0.1", port: port)
    // oscdump gives no ready signal: probe until it prints.
    var ready = false
    for _ in 0..<100 where !ready {
      try? sender.send(.message(OSCMessage("/probe")))
      ready = Peer.waitFor(output, seconds: 0.05) { $0.contains("/probe") }.contains("/probe")
    }
    try #require(ready, "oscdump did not start: \(Peer.waitFor(output, seconds: 0) { _ in true })")
    let all = OSCMessage(
      "/liblo/all",
      [
        .int32(42), .float32(-2.25), .string("text"), .blob([1, 2, 0xFF]), .int64(-5_000_000_000), .float64(1234.5),
        .timetag(Timetag(rawValue: 0xEEB0_4F20_8000_0000)), .symbol("sym"), .character("A"),
        .midi(MIDIMessage(port: 0, status: 0x90, data1: 0x3C, data2: 0x64)), .true, .false, .nil, .impulse,
      ])
    try sender.send(.message(all))
    let bundle = OSCBundle(
      timetag: Timetag(rawValue: 0xEEB0_4F20_8000_0000),
      [
        .message(OSCMessage("/liblo/b1", [.int32(1)])),
        .bundle(
          OSCBundle(
            timetag: Timetag(rawValue: 0xEEB0_4F21_0000_0001), [.message(OSCMessage("/liblo/b2", [.string("in")]))])),
      ])
    try sender.send(.bundle(bundle))
    let text = Peer.waitFor(output) { $0.contains("/liblo/b2") }
    let lines = text.split(separator: "\n").map(String.init).filter { !$0.contains("/probe") }
    try #require(lines.count == 3, "oscdump printed: \(text)")
    // A bare message's timetag column is liblo's own ("now"); compare what follows it.
    #expect(
      lines[0].drop { $0 != " " }
        == #" /liblo/all ifsbhdtScmTFNI 42 -2.250000 "text" [3b 0x1 0x2 0xff] -5000000000 1234.500000 eeb04f20.80000000 'sym 'A' MIDI [0x00 0x90 0x3c 0x64] #T #F Nil Infinitum"#
    )
    #expect(lines[1] == "eeb04f20.80000000 /liblo/b1 i 1")
    #expect(lines[2] == #"eeb04f21.00000001 /liblo/b2 s "in""#)
  }

  @Test func oscsendToTala() throws {
    let oscsend = try Peer.require("oscsend", package: "liblo-tools (apt-get install liblo-tools)")
    let receiver = try UDPReceiver(port: 0)
    let (process, output) = try Peer.start([
      oscsend, "127.0.0.1", String(receiver.localAddress.port), "/liblo/send", "ihfdsScmTFNI", "-42", "-5000000000",
      "0.1",
      "0.1", "text", "sym", "A", "00903c64",
    ])
    defer { Peer.finish(process) }
    let datagram = try #require(
      try receiver.receive(timeoutMilliseconds: 10_000),
      "oscsend said: \(Peer.waitFor(output, seconds: 0) { _ in true })")
    let expected = OSCMessage(
      "/liblo/send",
      [
        .int32(-42), .int64(-5_000_000_000), .float32(0.1), .float64(0.1), .string("text"), .symbol("sym"),
        .character("A"),
        .midi(MIDIMessage(port: 0, status: 0x90, data1: 0x3C, data2: 0x64)), .true, .false, .nil, .impulse,
      ])
    #expect(try OSCPacket(decoding: datagram.bytes) == .message(expected))
  }
}
