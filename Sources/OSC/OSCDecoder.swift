/// Decodes OSC 1.0 / 1.1 packets from untrusted bytes into `OSCDecodedPacket`s: one
/// allocation per packet holding a copy of the bytes and every argument decoded (strings and
/// blobs as slices of the copy). `OSCPacket(decoding:)` goes on to build owned Swift values.
///
/// Contract for hostile input: it never traps and never reads outside the given bytes; every
/// allocation is bounded by a constant times the input size (the copy, and at most one 16-byte
/// slot per input byte); nesting of bundles and of `[ ]`
/// arrays is limited by `maxDepth` (explicit recursion with a counter). Each failure is an
/// `OSCDecodeError` with the byte offset where it was found.
///
/// Strictness: padding bytes must be NUL, strings valid UTF-8, a message must end exactly where
/// its datagram or bundle element ends, bundle element sizes must be multiples of 4. An
/// old-style message whose address is followed by no type tag string (no `,`) decodes with no
/// arguments, ignoring whatever follows. Packets must be smaller than 4 GiB (offsets are
/// stored in 32 bits).
public struct OSCDecoder: Sendable {
  /// Maximum nesting of bundles inside bundles (and, separately, of arrays inside arrays).
  public var maxDepth: Int

  public init(maxDepth: Int = 32) {
    self.maxDepth = maxDepth
  }

  /// Decodes one packet (a whole datagram).
  public func decode(_ bytes: [UInt8]) throws(OSCDecodeError) -> OSCDecodedPacket {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(OSCDecodeError) -> OSCDecodedPacket in try decode(raw) }
    }
    return try result.get()
  }

  /// Decodes one packet (a whole datagram); the result keeps its own copy of the bytes.
  public func decode(_ bytes: UnsafeRawBufferPointer) throws(OSCDecodeError) -> OSCDecodedPacket {
    guard !bytes.isEmpty else { throw OSCDecodeError(.empty, at: 0) }
    var reader = Reader(nonEmpty: bytes, maxDepth: maxDepth, builder: SlotBuilder(copying: bytes))
    do {
      _ = try reader.packet(depth: 0)
    } catch {
      reader.builder.abandon()
      throw error
    }
    return OSCDecodedPacket(reader.builder.finish(), slot: 0)
  }
}
