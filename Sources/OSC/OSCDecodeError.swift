/// Why bytes are not a valid OSC packet, and where (`offset` is a byte offset into the datagram).
public struct OSCDecodeError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: Equatable, Sendable {
    /// Zero bytes where a packet or bundle element was expected.
    case empty
    /// Neither `/` (message) nor `#bundle\0` (bundle) at the start.
    case notAPacket
    /// The data ends inside a field; the associated text names the field.
    case truncated(String)
    /// A string runs to the end of the data without a terminating NUL.
    case missingNUL
    /// A padding byte after a string or blob is not NUL.
    case badPadding
    /// A string is not valid UTF-8.
    case invalidUTF8
    /// The address does not start with `/`.
    case badAddress
    /// A type tag this decoder does not know.
    case unknownTypeTag(UInt8)
    /// `[` without `]` or `]` without `[` in the type tags.
    case unbalancedArray
    /// A blob size that is negative or runs past the end of the data.
    case badBlobSize(Int32)
    /// A bundle element size that is negative, not a multiple of 4, or runs past the end.
    case badElementSize(Int32)
    /// A `c` argument that is not a Unicode scalar value.
    case badCharacter(Int32)
    /// Bundles or arrays nested deeper than the decoder's limit.
    case tooDeep(Int)
    /// Bytes left over after a complete message inside its datagram or bundle element.
    case trailingBytes
  }

  public var kind: Kind
  public var offset: Int

  public init(_ kind: Kind, at offset: Int) {
    self.kind = kind
    self.offset = offset
  }

  public var description: String { "\(reason) at byte \(offset)" }

  /// What is wrong, without the offset.
  public var reason: String {
    let what: String
    switch kind {
    case .empty: what = "empty packet"
    case .notAPacket: what = "not an OSC packet (expected '/' or '#bundle')"
    case .truncated(let field): what = "truncated \(field)"
    case .missingNUL: what = "string without terminating NUL"
    case .badPadding: what = "non-zero padding byte"
    case .invalidUTF8: what = "invalid UTF-8 in string"
    case .badAddress: what = "address does not start with '/'"
    case .unknownTypeTag(let tag):
      let shown = tag >= 0x20 && tag < 0x7F ? "'\(Character(Unicode.Scalar(tag)))'" : "0x" + String(tag, radix: 16)
      what = "unknown type tag \(shown)"
    case .unbalancedArray: what = "unbalanced '[' ']' in type tags"
    case .badBlobSize(let n): what = "blob size \(n) does not fit the packet"
    case .badElementSize(let n): what = "bundle element size \(n) is invalid"
    case .badCharacter(let n): what = "character code \(n) is not a Unicode scalar"
    case .tooDeep(let limit): what = "nested deeper than \(limit) levels"
    case .trailingBytes: what = "unexpected bytes after the end of the message"
    }
    return what
  }
}
