import Glibc

/// Every failure of the transport, with the operation, the errno and a readable message.
public struct NetError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: Equatable, Sendable {
    /// A host name or address that could not be resolved or parsed.
    case address
    /// Creating, configuring, binding or connecting a socket failed.
    case setup
    /// The peer refused the datagram (ICMP port unreachable): nobody listens there. Not fatal.
    case refused
    /// The socket buffer is full; the datagram was dropped instead of blocking the caller.
    case wouldBlock
    /// The datagram is larger than UDP allows.
    case tooLarge
    /// The packet could not be encoded as OSC.
    case encoding
    /// Any other send or receive failure.
    case io
  }

  public var kind: Kind
  /// `errno` when the failure came from the system, else 0.
  public var code: Int32
  public var message: String

  public init(_ kind: Kind, code: Int32 = 0, _ message: String) {
    self.kind = kind
    self.code = code
    self.message = message
  }

  /// An error from the current `errno`, classified.
  static func system(_ operation: String, code: Int32 = errno, default kind: Kind = .io) -> NetError {
    let classified: Kind
    switch code {
    case ECONNREFUSED: classified = .refused
    case EAGAIN, EWOULDBLOCK, ENOBUFS: classified = .wouldBlock
    case EMSGSIZE: classified = .tooLarge
    default: classified = kind
    }
    return NetError(classified, code: code, "\(operation): \(String(cString: strerror(code)))")
  }

  public var description: String { message }
}
