import Net
import OSC
import Testing

@Suite struct UDPTests {
  @Test func sendsAndReceivesOverIPv4() throws {
    let receiver = try UDPReceiver(port: 0)
    #expect(receiver.localAddress.host == "127.0.0.1")
    #expect(receiver.localAddress.port != 0)
    let sender = try UDPSender(to: receiver.localAddress)
    let packet = OSCPacket.message(OSCMessage("/net", [.int32(7), .string("x")]))
    try sender.send(packet)
    let datagram = try #require(try receiver.receive(timeoutMilliseconds: 5_000))
    #expect(try OSCPacket(decoding: datagram.bytes) == packet)
    #expect(datagram.source == sender.localAddress)
  }

  @Test func sendsAndReceivesOverIPv6() throws {
    let receiver = try UDPReceiver(host: "::1", port: 0)
    #expect(receiver.localAddress.description.hasPrefix("[::1]:"))
    let sender = try UDPSender(to: SocketAddress.parse(receiver.localAddress.description))
    try sender.send([1, 2, 3, 4])
    #expect(try receiver.receive(timeoutMilliseconds: 5_000)?.bytes == [1, 2, 3, 4])
  }

  @Test func receiveTimesOutWithNil() throws {
    let receiver = try UDPReceiver(port: 0)
    #expect(try receiver.receive(timeoutMilliseconds: 10) == nil)
    #expect(try receiver.receive(timeoutMilliseconds: 0) == nil)
  }

  @Test func largestDatagramArrivesWhole() throws {
    let receiver = try UDPReceiver(port: 0)
    let sender = try UDPSender(to: receiver.localAddress)
    let bytes = (0..<65_507).map { UInt8(truncatingIfNeeded: $0) }
    try sender.send(bytes)
    #expect(try receiver.receive(timeoutMilliseconds: 5_000)?.bytes == bytes)
    #expect(throws: NetError.self) { try sender.send([UInt8](repeating: 0, count: 70_000)) }
  }

  @Test func refusedPortIsReportedNotFatal() throws {
    // A port that was just free: bind, read the port, close.
    let port = try UDPReceiver(port: 0).localAddress.port
    let sender = try UDPSender(host: "127.0.0.1", port: port)
    try sender.send([0])
    var refused = sender.pendingError(waitingMilliseconds: 2_000)?.kind == .refused
    if !refused {
      do { try sender.send([0]) } catch { refused = error.kind == .refused }
    }
    #expect(refused)
    // Still usable afterwards.
    let receiver = try UDPReceiver(port: 0)
    let other = try UDPSender(to: receiver.localAddress)
    try other.send([5])
    #expect(try receiver.receive(timeoutMilliseconds: 5_000)?.bytes == [5])
  }

  @Test func answersTheSender() throws {
    let server = try UDPReceiver(port: 0)
    let client = try UDPReceiver(port: 0)
    try client.send([9, 9], to: server.localAddress)
    let request = try #require(try server.receive(timeoutMilliseconds: 5_000))
    try server.send([8], to: request.source)
    #expect(try client.receive(timeoutMilliseconds: 5_000)?.bytes == [8])
  }

  @Test func addressParsing() throws {
    #expect(try SocketAddress.parse("127.0.0.1:9000").description == "127.0.0.1:9000")
    #expect(try SocketAddress.parse("[::1]:9000").description == "[::1]:9000")
    #expect(try SocketAddress.parse("9000").description == "127.0.0.1:9000")
    #expect(try SocketAddress.parse("localhost:9000").port == 9000)
    for bad in ["127.0.0.1:", "127.0.0.1:70000", "::1:9000", "no.such.host.invalid:9000"] {
      #expect(throws: NetError.self) { try SocketAddress.parse(bad) }
    }
    #expect(throws: NetError.self) { try UDPReceiver(host: "192.0.2.1", port: 0) }  // not ours
  }
}
