/// Decodes OSC 1.0 / 1.1 packets from untrusted bytes.
///
/// Contract for hostile input: it never traps and never reads outside the given bytes; every
/// allocation is bounded by a constant times the input size (argument arrays are reserved from
/// the type tag count, blobs copy bytes that are present); nesting of bundles and of `[ ]`
/// arrays is limited by `maxDepth` (explicit recursion with a counter). Each failure is an
/// `OSCDecodeError` with the byte offset where it was found.
///
/// Strictness: padding bytes must be NUL, strings valid UTF-8, a message must end exactly where
/// its datagram or bundle element ends, bundle element sizes must be multiples of 4. An
/// old-style message whose address is followed by no type tag string (no `,`) decodes with no
/// arguments, ignoring whatever follows.
public struct OSCDecoder: Sendable {
  /// Maximum nesting of bundles inside bundles (and, separately, of arrays inside arrays).
  public var maxDepth: Int

  public init(maxDepth: Int = 32) {
    self.maxDepth = maxDepth
  }

  public func decode(_ bytes: [UInt8]) throws(OSCDecodeError) -> OSCPacket {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(OSCDecodeError) -> OSCPacket in try decode(raw) }
    }
    return try result.get()
  }

  public func decode(_ bytes: UnsafeRawBufferPointer) throws(OSCDecodeError) -> OSCPacket {
    guard !bytes.isEmpty else { throw OSCDecodeError(.empty, at: 0) }
    var reader = Reader<ValueBuilder>(nonEmpty: bytes, maxDepth: maxDepth)
    return try reader.packet(depth: 0)
  }
}

extension OSCPacket {
  /// Decodes a datagram with the default `OSCDecoder`.
  public init(decoding bytes: [UInt8]) throws(OSCDecodeError) {
    self = try OSCDecoder().decode(bytes)
  }
}

/// Builds `OSCPacket` values from the walk (`Reader`).
enum ValueBuilder: PacketBuilder {
  @inline(__always)
  static func arguments(reserving capacity: Int) -> [OSCArgument] {
    var result: [OSCArgument] = []
    result.reserveCapacity(capacity)
    return result
  }

  @inline(__always)
  static func append(_ argument: RawArgument, to arguments: inout [OSCArgument]) {
    arguments.append(argument.value)
  }

  @inline(__always)
  static func append(array: [OSCArgument], to arguments: inout [OSCArgument]) {
    arguments.append(.array(array))
  }

  @inline(__always)
  static func message(address: RawString, layout: MessageLayout, arguments: [OSCArgument]) -> OSCPacket {
    .message(OSCMessage(address.string, arguments))
  }

  @inline(__always)
  static func elements(reserving count: Int) -> [OSCPacket] {
    var result: [OSCPacket] = []
    result.reserveCapacity(count)
    return result
  }

  @inline(__always)
  static func append(element: OSCPacket, to elements: inout [OSCPacket]) { elements.append(element) }

  @inline(__always)
  static func bundle(timetag: Timetag, elements: [OSCPacket]) -> OSCPacket {
    .bundle(OSCBundle(timetag: timetag, elements))
  }
}

extension RawArgument {
  /// The owned value (strings and blobs copied out of the buffer).
  @inline(__always)
  var value: OSCArgument {
    switch self {
    case .int32(let v): return .int32(v)
    case .float32(let v): return .float32(v)
    case .string(let v): return .string(v.string)
    case .blob(let v): return .blob([UInt8](v))
    case .int64(let v): return .int64(v)
    case .timetag(let v): return .timetag(v)
    case .float64(let v): return .float64(v)
    case .symbol(let v): return .symbol(v.string)
    case .character(let v): return .character(v)
    case .rgba(let v): return .rgba(v)
    case .midi(let v): return .midi(v)
    case .true: return .true
    case .false: return .false
    case .nil: return .nil
    case .impulse: return .impulse
    }
  }
}
