import Glibc

/// One received datagram and where it came from.
public struct Datagram: Sendable {
  public var bytes: [UInt8]
  public var source: SocketAddress
  /// When the kernel received it (`CLOCK_REALTIME` nanoseconds), if the receiver asked for
  /// kernel timestamps and the system gave one: free of the delay before this process ran.
  public var kernelTimestamp: Int64?

  public init(bytes: [UInt8], source: SocketAddress, kernelTimestamp: Int64? = nil) {
    self.bytes = bytes
    self.source = source
    self.kernelTimestamp = kernelTimestamp
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

  /// With `kernelTimestamps`, each datagram carries the kernel's receive time
  /// (`SO_TIMESTAMPNS`), where the system supports it.
  public init(bindingTo address: SocketAddress, kernelTimestamps: Bool = false) throws(NetError) {
    let socket = try UDPSocket(family: address.family)
    let status = address.withSockaddr { bind(socket.descriptor, $0, $1) }
    guard status == 0 else { throw NetError.system("bind \(address)", default: .setup) }
    if kernelTimestamps {
      var on: Int32 = 1
      // Best effort: without it datagrams simply carry no kernel timestamp.
      _ = setsockopt(socket.descriptor, SOL_SOCKET, SO_TIMESTAMPNS, &on, socklen_t(MemoryLayout<Int32>.size))
    }
    var on: Int32 = 1
    // Best effort: without it the kernel's drop count is simply never reported.
    _ = setsockopt(socket.descriptor, SOL_SOCKET, SO_RXQ_OVFL, &on, socklen_t(MemoryLayout<Int32>.size))
    self.socket = socket
    localAddress = socket.localAddress
  }

  /// Asks for a kernel receive buffer of `bytes` (what queues up while this process is busy):
  /// beyond `net.core.rmem_max` as root (`SO_RCVBUFFORCE`), else up to that limit
  /// (`SO_RCVBUF`). Returns the size the kernel granted (Linux reports twice the payload room,
  /// as it counts its bookkeeping too).
  @discardableResult
  public func requestReceiveBuffer(bytes: Int) -> Int {
    var size = Int32(clamping: bytes)
    let length = socklen_t(MemoryLayout<Int32>.size)
    if setsockopt(socket.descriptor, SOL_SOCKET, SO_RCVBUFFORCE, &size, length) != 0 {
      _ = setsockopt(socket.descriptor, SOL_SOCKET, SO_RCVBUF, &size, length)
    }
    return receiveBufferBytes
  }

  /// The kernel receive buffer's size as the kernel reports it.
  public var receiveBufferBytes: Int {
    var size: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard getsockopt(socket.descriptor, SOL_SOCKET, SO_RCVBUF, &size, &length) == 0 else { return 0 }
    return Int(size)
  }

  /// Waits up to `milliseconds` (0: not at all, −1: forever) for datagrams and takes as many as
  /// `batch` holds with one `recvmmsg`; returns how many (0 on timeout). The kernel's drop
  /// count arrives in `batch.kernelDrops`.
  /// - Throws: `NetError` of kind `.io` if the socket fails.
  public func receive(into batch: DatagramBatch, timeoutMilliseconds milliseconds: Int32) throws(NetError) -> Int {
    while true {
      let taken = try batch.fill(from: socket.descriptor)
      if taken > 0 || milliseconds == 0 { return taken }
      let events = try socket.poll(events: Int16(POLLIN), milliseconds: milliseconds)
      if events == 0 { return 0 }
      let more = try batch.fill(from: socket.descriptor)
      if more > 0 { return more }
      // Woken by an error condition without data (e.g. a stale ICMP error): clear it, retry.
      _ = socket.takeError()
    }
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
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.maxDatagramSize, alignment: 16)
    defer { buffer.deallocate() }
    // Room for the SCM_TIMESTAMPNS and SO_RXQ_OVFL control messages, generously aligned.
    let control = UnsafeMutableRawBufferPointer.allocate(byteCount: DatagramBatch.controlSize, alignment: 16)
    defer { control.deallocate() }
    var vector = iovec(iov_base: buffer.baseAddress, iov_len: buffer.count)
    let received = withUnsafeMutablePointer(to: &storage) { address in
      withUnsafeMutablePointer(to: &vector) { vectorPointer in
        var header = msghdr(
          msg_name: UnsafeMutableRawPointer(address), msg_namelen: socklen_t(MemoryLayout<sockaddr_storage>.size),
          msg_iov: vectorPointer, msg_iovlen: 1, msg_control: control.baseAddress, msg_controllen: control.count,
          msg_flags: 0)
        let n = recvmsg(socket.descriptor, &header, 0)
        return (n, header.msg_namelen, header.msg_controllen)
      }
    }
    if received.0 < 0 {
      let failure = errno
      if failure == EAGAIN || failure == EWOULDBLOCK || failure == EINTR || failure == ECONNREFUSED { return nil }
      throw NetError.system("receive", code: failure)
    }
    let source = withUnsafePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketAddress($0, length: received.1) }
    }
    // Copy out exactly what arrived, so a small datagram does not keep 64 KiB alive.
    return Datagram(
      bytes: Array(UnsafeRawBufferPointer(rebasing: buffer[..<received.0])), source: source,
      kernelTimestamp: ControlMessages.timestamp(in: UnsafeRawBufferPointer(rebasing: control[..<Int(received.2)])))
  }
}
