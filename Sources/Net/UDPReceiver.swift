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
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.maxDatagramSize, alignment: 16)
    defer { buffer.deallocate() }
    // Room for one SCM_TIMESTAMPNS control message (header + timespec), generously aligned.
    let control = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 16)
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
      kernelTimestamp: Self.timestamp(in: UnsafeRawBufferPointer(rebasing: control[..<Int(received.2)])))
  }

  /// Walks the control messages for `SCM_TIMESTAMPNS` (the C `CMSG_*` macros do not reach
  /// Swift): each is a `cmsghdr` followed by its data, both aligned to `size_t`.
  static func timestamp(in control: UnsafeRawBufferPointer) -> Int64? {
    let headerSize = MemoryLayout<cmsghdr>.size
    let align = MemoryLayout<Int>.size
    var offset = 0
    while offset + headerSize <= control.count {
      let header = control.loadUnaligned(fromByteOffset: offset, as: cmsghdr.self)
      let length = Int(header.cmsg_len)
      guard length >= headerSize, offset + length <= control.count else { return nil }
      let dataOffset = offset + (headerSize + align - 1) / align * align
      if header.cmsg_level == SOL_SOCKET, header.cmsg_type == SO_TIMESTAMPNS,
        dataOffset + MemoryLayout<timespec>.size <= control.count
      {
        let ts = control.loadUnaligned(fromByteOffset: dataOffset, as: timespec.self)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
      }
      offset += (length + align - 1) / align * align
    }
    return nil
  }
}
