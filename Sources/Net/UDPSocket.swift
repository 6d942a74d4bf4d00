import Glibc

/// An owned, non-blocking UDP socket descriptor, closed on deinit. Internal plumbing shared by
/// `UDPSender` and `UDPReceiver`.
final class UDPSocket: Sendable {
  let descriptor: Int32

  init(family: Int32) throws(NetError) {
    let fd = socket(
      family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw NetError.system("socket", default: .setup) }
    descriptor = fd
  }

  deinit {
    close(descriptor)
  }

  var localAddress: SocketAddress {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    withUnsafeMutablePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(descriptor, $0, &length) }
    }
    return withUnsafePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketAddress($0, length: length) }
    }
  }

  /// Waits up to `milliseconds` (−1: forever) for `events`; returns the revents (0 on timeout).
  func poll(events: Int16, milliseconds: Int32) throws(NetError) -> Int16 {
    var entry = pollfd(fd: descriptor, events: events, revents: 0)
    while true {
      let ready = Glibc.poll(&entry, 1, milliseconds)
      if ready >= 0 { return ready == 0 ? 0 : entry.revents }
      if errno != EINTR { throw NetError.system("poll") }
    }
  }

  /// Takes (and clears) the socket's pending asynchronous error, such as an ICMP refusal.
  func takeError() -> NetError? {
    var code: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length) == 0, code != 0 else { return nil }
    return NetError.system("send", code: code)
  }

  func send(_ bytes: UnsafeRawBufferPointer, to destination: SocketAddress?) throws(NetError) {
    while true {
      let sent: Int
      if let destination {
        sent = destination.withSockaddr { address, length in
          sendto(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), address, length)
        }
      } else {
        sent = Glibc.send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
      }
      if sent >= 0 { return }
      if errno != EINTR { throw NetError.system("send to \(destination?.description ?? "peer")") }
    }
  }
}
