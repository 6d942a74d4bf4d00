import Glibc
import OSC

/// Sends datagrams to one destination over a connected, non-blocking UDP socket.
///
/// Sending never blocks: when the socket buffer is full the datagram is dropped and
/// `NetError.Kind.wouldBlock` is thrown. An ICMP "port unreachable" for an earlier datagram is
/// reported as `.refused` by a later `send` or by `pendingError`; the sender stays usable.
public final class UDPSender: Sendable {
  public let destination: SocketAddress
  private let socket: UDPSocket

  /// - Throws: `NetError` of kind `.setup` if the socket cannot be created or connected.
  public init(to destination: SocketAddress) throws(NetError) {
    self.destination = destination
    socket = try UDPSocket(family: destination.family)
    let status = destination.withSockaddr { connect(socket.descriptor, $0, $1) }
    guard status == 0 else { throw NetError.system("connect to \(destination)", default: .setup) }
  }

  /// Resolves `host` and connects to `host:port`.
  public convenience init(host: String, port: UInt16) throws(NetError) {
    try self.init(to: SocketAddress.resolve(host: host, port: port))
  }

  /// The local address the kernel picked for this socket.
  public var localAddress: SocketAddress { socket.localAddress }

  /// Sends one datagram.
  /// - Throws: `NetError` (`.refused`, `.wouldBlock`, `.tooLarge`, `.io`).
  public func send(_ bytes: [UInt8]) throws(NetError) {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(NetError) in try socket.send(raw, to: nil) }
    }
    try result.get()
  }

  /// Encodes and sends one OSC packet.
  /// - Throws: `NetError` (`.encoding` if the packet cannot be encoded).
  public func send(_ packet: OSCPacket) throws(NetError) {
    let bytes: [UInt8]
    do { bytes = try packet.encoded() } catch { throw NetError(.encoding, error.description) }
    try send(bytes)
  }

  /// Waits up to `milliseconds` for an asynchronous error on the socket (typically the ICMP
  /// refusal of a datagram just sent) and returns it, or `nil` if none arrived in time.
  public func pendingError(waitingMilliseconds milliseconds: Int32) -> NetError? {
    do {
      let events = try socket.poll(events: 0, milliseconds: milliseconds)
      guard events & Int16(POLLERR) != 0 else { return nil }
    } catch {
      return error
    }
    return socket.takeError()
  }
}
