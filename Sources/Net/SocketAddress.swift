import Glibc

/// An IPv4 or IPv6 UDP endpoint (address and port), stored as the raw `sockaddr` bytes.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
  let storage: [UInt8]

  init(storage: [UInt8]) {
    self.storage = storage
  }

  init(_ pointer: UnsafePointer<sockaddr>, length: socklen_t) {
    storage = Array(UnsafeRawBufferPointer(start: pointer, count: Int(length)))
  }

  /// Resolves `host` (a numeric IPv4/IPv6 address or a name) and `port` for UDP; the first
  /// answer wins. `[::1]` brackets are accepted.
  /// - Throws: `NetError` of kind `.address`.
  public static func resolve(host: String, port: UInt16) throws(NetError) -> SocketAddress {
    var name = host
    if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
    hints.ai_flags = AI_NUMERICSERV
    var result: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(name, String(port), &hints, &result)
    guard status == 0, let first = result, let address = first.pointee.ai_addr else {
      let reason = status == 0 ? "no address" : String(cString: gai_strerror(status))
      throw NetError(.address, "cannot resolve '\(host)': \(reason)")
    }
    defer { freeaddrinfo(result) }
    return SocketAddress(address, length: first.pointee.ai_addrlen)
  }

  /// Parses `HOST:PORT`, `[IPv6]:PORT`, or a bare `PORT` (meaning 127.0.0.1), and resolves it.
  /// - Throws: `NetError` of kind `.address`.
  public static func parse(_ text: String) throws(NetError) -> SocketAddress {
    let (host, port) = try split(text)
    return try resolve(host: host, port: port)
  }

  /// The address grammar (`HOST:PORT`, `[IPv6]:PORT`, or a bare `PORT` meaning 127.0.0.1)
  /// without resolving: the host as written, IPv6 brackets removed, and the port.
  /// - Throws: `NetError` of kind `.address` for a bad port or an IPv6 address without brackets.
  public static func split(_ text: String) throws(NetError) -> (host: String, port: UInt16) {
    var host = "127.0.0.1"
    var portText = Substring(text)
    if let colon = text.lastIndex(of: ":") {
      host = String(text[..<colon])
      portText = text[text.index(after: colon)...]
      if host.contains(":"), !host.hasPrefix("[") {
        throw NetError(.address, "write IPv6 addresses in brackets: [\(host)]:\(portText)")
      }
      if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    }
    guard let port = UInt16(portText) else { throw NetError(.address, "invalid port in '\(text)'") }
    return (host, port)
  }

  /// `AF_INET` or `AF_INET6`.
  public var family: Int32 {
    storage.withUnsafeBytes { Int32($0.loadUnaligned(as: sockaddr.self).sa_family) }
  }

  public var port: UInt16 {
    storage.withUnsafeBytes { raw in
      family == AF_INET6
        ? UInt16(bigEndian: raw.loadUnaligned(as: sockaddr_in6.self).sin6_port)
        : UInt16(bigEndian: raw.loadUnaligned(as: sockaddr_in.self).sin_port)
    }
  }

  /// The numeric host (`127.0.0.1`, `::1`).
  public var host: String {
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
    storage.withUnsafeBytes { raw in
      if family == AF_INET6 {
        var address = raw.loadUnaligned(as: sockaddr_in6.self).sin6_addr
        _ = inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
      } else {
        var address = raw.loadUnaligned(as: sockaddr_in.self).sin_addr
        _ = inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
      }
    }
    return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// `127.0.0.1:9000` or `[::1]:9000`.
  public var description: String {
    family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)"
  }

  func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
    storage.withUnsafeBytes { raw in
      body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
    }
  }
}
