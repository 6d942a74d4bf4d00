import Glibc

/// One received datagram and where it came from.
public struct Datagram: Sendable {
  public var bytes: [UInt8]
  public var source: SocketAddress

  public init(bytes: [UInt8], source: SocketAddress) {
    self.bytes = bytes
    self.source = source
  }
}

/// A bound UDP socket that receives datagrams (and can answer them with `send(_:to:)`).
///
/// Binds 127.0.0.1 unless another host is given explicitly: listening on other interfaces is an
/// opt-in. Port 0 asks the kernel for an ephemeral port; read it back from `localAddress`.
public final class UDPReceiver: Sendable {
  /// The largest UDP payload; datagrams are read whole.
  public static let maxDatagramSize = 65_535

  public let localAddress: SocketAddress
  private let socket: UDPSocket

  /// - Throws: `NetError` (`.address` for a bad host, `.setup` if binding fails, e.g. port in use).
  public convenience init(host: String = "127.0.0.1", port: UInt16) throws(NetError) {
    try self.init(bindingTo: SocketAddress.resolve(host: host, port: port))
  }

  public init(bindingTo address: SocketAddress) throws(NetError) {
    let socket = try UDPSocket(family: address.family)
    let status = address.withSockaddr { bind(socket.descriptor, $0, $1) }
    guard status == 0 else { throw NetError.system("bind \(address)", default: .setup) }
    self.socket = socket
    localAddress = socket.localAddress
  }

  /// Waits up to `milliseconds` (−1: forever) for a datagram; `nil` on timeout.
  /// - Throws: `NetError` of kind `.io` if the socket fails.
  public func receive(timeoutMilliseconds milliseconds: Int32) throws(NetError) -> Datagram? {
    while true {
      if let datagram = try receiveNow() { return datagram }
      let events = try socket.poll(events: Int16(POLLIN), milliseconds: milliseconds)
      if events == 0 { return nil }
      if let datagram = try receiveNow() { return datagram }
      // Woken by an error condition without data (e.g. a stale ICMP error): clear it, retry.
      _ = socket.takeError()
      if milliseconds == 0 { return nil }
    }
  }

  /// Sends a datagram from this socket (for replies to `Datagram.source`).
  public func send(_ bytes: [UInt8], to destination: SocketAddress) throws(NetError) {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(NetError) in try socket.send(raw, to: destination) }
    }
    try result.get()
  }

  private func receiveNow() throws(NetError) -> Datagram? {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.maxDatagramSize, alignment: 16)
    defer { buffer.deallocate() }
    let received = withUnsafeMutablePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        recvfrom(socket.descriptor, buffer.baseAddress, buffer.count, 0, $0, &length)
      }
    }
    if received < 0 {
      let failure = errno
      if failure == EAGAIN || failure == EWOULDBLOCK || failure == EINTR || failure == ECONNREFUSED { return nil }
      throw NetError.system("receive", code: failure)
    }
    let source = withUnsafePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketAddress($0, length: length) }
    }
    // Copy out exactly what arrived, so a small datagram does not keep 64 KiB alive.
    return Datagram(bytes: Array(UnsafeRawBufferPointer(rebasing: buffer[..<received])), source: source)
  }
}
