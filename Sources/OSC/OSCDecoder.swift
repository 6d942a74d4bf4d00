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
    var reader = Reader(bytes: bytes, position: 0, end: bytes.count, maxDepth: maxDepth)
    return try reader.packet(depth: 0)
  }
}

extension OSCPacket {
  /// Decodes a datagram with the default `OSCDecoder`.
  public init(decoding bytes: [UInt8]) throws(OSCDecodeError) {
    self = try OSCDecoder().decode(bytes)
  }
}

private let bundleTag: UInt64 = 0x2362_756E_646C_6500  // "#bundle\0"

private struct Reader {
  let bytes: UnsafeRawBufferPointer
  var position: Int
  var end: Int
  let maxDepth: Int

  var remaining: Int { end - position }

  @inline(__always)
  mutating func uint32(_ field: @autoclosure () -> String) throws(OSCDecodeError) -> UInt32 {
    guard remaining >= 4 else { throw OSCDecodeError(.truncated(field()), at: position) }
    let value = bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)
    position += 4
    return UInt32(bigEndian: value)
  }

  @inline(__always)
  mutating func uint64(_ field: @autoclosure () -> String) throws(OSCDecodeError) -> UInt64 {
    guard remaining >= 8 else { throw OSCDecodeError(.truncated(field()), at: position) }
    let value = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
    position += 8
    return UInt64(bigEndian: value)
  }

  /// Checks that `count` padding bytes at the cursor exist and are NUL, and skips them.
  @inline(__always)
  mutating func padding(_ count: Int, field: @autoclosure () -> String) throws(OSCDecodeError) {
    guard remaining >= count else { throw OSCDecodeError(.truncated(field()), at: end) }
    for offset in position..<(position + count) where bytes[offset] != 0 {
      throw OSCDecodeError(.badPadding, at: offset)
    }
    position += count
  }

  /// A NUL-terminated, NUL-padded string as raw bytes (without the terminator), and whether
  /// it is all ASCII. Scans a 32-bit word at a time: OSC strings end on a word boundary, so the
  /// word holding the first NUL is the last one, and its bytes after the NUL are the padding.
  @inline(__always)
  mutating func stringBytes(_ field: @autoclosure () -> String) throws(OSCDecodeError) -> (
    UnsafeRawBufferPointer, ascii: Bool
  ) {
    let start = position
    var word = start
    var high: UInt32 = 0
    while word + 4 <= end {
      let value = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: word, as: UInt32.self))
      // Classic "has a zero byte" test; exact for locating the first zero from the top byte.
      if (value &- 0x0101_0101) & ~value & 0x8080_8080 != 0 {
        var nul = word
        while bytes[nul] != 0 { nul += 1 }
        high |= value
        for offset in (nul + 1)..<(word + 4) where bytes[offset] != 0 {
          throw OSCDecodeError(.badPadding, at: offset)
        }
        position = word + 4
        return (UnsafeRawBufferPointer(rebasing: bytes[start..<nul]), high & 0x8080_8080 == 0)
      }
      high |= value
      word += 4
    }
    // No NUL in the whole words: either none at all, or one in a final partial word.
    var nul = word
    while nul < end, bytes[nul] != 0 { nul += 1 }
    if nul < end { throw OSCDecodeError(.truncated("padding of \(field())"), at: end) }
    throw OSCDecodeError(.missingNUL, at: start)
  }

  mutating func string(_ field: @autoclosure () -> String) throws(OSCDecodeError) -> String {
    let start = position
    let (raw, ascii) = try stringBytes(field())
    if !ascii, let bad = firstInvalidUTF8(raw) { throw OSCDecodeError(.invalidUTF8, at: start + bad) }
    return String(decoding: raw.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
  }

  mutating func packet(depth: Int) throws(OSCDecodeError) -> OSCPacket {
    guard remaining > 0 else { throw OSCDecodeError(.empty, at: position) }
    switch bytes[position] {
    case UInt8(ascii: "/"): return .message(try message())
    case UInt8(ascii: "#"):
      guard remaining >= 8, bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self).bigEndian == bundleTag
      else { throw OSCDecodeError(.notAPacket, at: position) }
      return .bundle(try bundle(depth: depth))
    default: throw OSCDecodeError(.notAPacket, at: position)
    }
  }

  mutating func bundle(depth: Int) throws(OSCDecodeError) -> OSCBundle {
    guard depth < maxDepth else { throw OSCDecodeError(.tooDeep(maxDepth), at: position) }
    position += 8
    let timetag = Timetag(rawValue: try uint64("bundle timetag"))
    var elements: [OSCPacket] = []
    while position < end {
      let sizeOffset = position
      let size = Int32(bitPattern: try uint32("bundle element size"))
      guard size >= 0, size & 3 == 0, Int(size) <= remaining else {
        throw OSCDecodeError(.badElementSize(size), at: sizeOffset)
      }
      let outerEnd = end
      end = position + Int(size)
      elements.append(try packet(depth: depth + 1))
      guard position == end else { throw OSCDecodeError(.trailingBytes, at: position) }
      end = outerEnd
    }
    return OSCBundle(timetag: timetag, elements)
  }

  mutating func message() throws(OSCDecodeError) -> OSCMessage {
    let address = try string("address")
    // Old-style message: no type tag string, so no arguments can be interpreted.
    guard position < end, bytes[position] == UInt8(ascii: ",") else {
      position = end
      return OSCMessage(address)
    }
    let tagsStart = position + 1
    let (tags, _) = try stringBytes("type tags")
    var tagIndex = 1
    let arguments = try self.arguments(tags, tagsStart: tagsStart - 1, index: &tagIndex, depth: 0)
    guard position == end else { throw OSCDecodeError(.trailingBytes, at: position) }
    return OSCMessage(address, arguments)
  }

  /// Reads arguments for `tags[index...]` up to the end of the tags or the `]` closing this
  /// array level (which it consumes).
  mutating func arguments(
    _ tags: UnsafeRawBufferPointer, tagsStart: Int, index: inout Int, depth: Int
  ) throws(OSCDecodeError) -> [OSCArgument] {
    var result: [OSCArgument] = []
    result.reserveCapacity(depth == 0 ? tags.count - index : 4)
    while index < tags.count {
      let tag = tags[index]
      let tagOffset = tagsStart + index
      index += 1
      switch tag {
      case UInt8(ascii: "i"): result.append(.int32(Int32(bitPattern: try uint32("int32 argument"))))
      case UInt8(ascii: "f"): result.append(.float32(Float(bitPattern: try uint32("float32 argument"))))
      case UInt8(ascii: "s"): result.append(.string(try string("string argument")))
      case UInt8(ascii: "S"): result.append(.symbol(try string("symbol argument")))
      case UInt8(ascii: "b"): result.append(.blob(try blob()))
      case UInt8(ascii: "h"): result.append(.int64(Int64(bitPattern: try uint64("int64 argument"))))
      case UInt8(ascii: "t"): result.append(.timetag(Timetag(rawValue: try uint64("timetag argument"))))
      case UInt8(ascii: "d"): result.append(.float64(Double(bitPattern: try uint64("float64 argument"))))
      case UInt8(ascii: "c"):
        let offset = position
        let code = Int32(bitPattern: try uint32("char argument"))
        guard code >= 0, let scalar = Unicode.Scalar(UInt32(code)) else {
          throw OSCDecodeError(.badCharacter(code), at: offset)
        }
        result.append(.character(scalar))
      case UInt8(ascii: "r"): result.append(.rgba(try uint32("rgba argument")))
      case UInt8(ascii: "m"):
        let v = try uint32("midi argument")
        result.append(
          .midi(
            MIDIMessage(
              port: UInt8(v >> 24), status: UInt8(v >> 16 & 0xFF), data1: UInt8(v >> 8 & 0xFF), data2: UInt8(v & 0xFF)))
        )
      case UInt8(ascii: "T"): result.append(.true)
      case UInt8(ascii: "F"): result.append(.false)
      case UInt8(ascii: "N"): result.append(.nil)
      case UInt8(ascii: "I"): result.append(.impulse)
      case UInt8(ascii: "["):
        guard depth + 1 < maxDepth else { throw OSCDecodeError(.tooDeep(maxDepth), at: tagOffset) }
        result.append(.array(try arguments(tags, tagsStart: tagsStart, index: &index, depth: depth + 1)))
      case UInt8(ascii: "]"):
        guard depth > 0 else { throw OSCDecodeError(.unbalancedArray, at: tagOffset) }
        return result
      default: throw OSCDecodeError(.unknownTypeTag(tag), at: tagOffset)
      }
    }
    guard depth == 0 else { throw OSCDecodeError(.unbalancedArray, at: tagsStart + index) }
    return result
  }

  mutating func blob() throws(OSCDecodeError) -> [UInt8] {
    let sizeOffset = position
    let size = Int32(bitPattern: try uint32("blob size"))
    guard size >= 0, Int(size) <= remaining else { throw OSCDecodeError(.badBlobSize(size), at: sizeOffset) }
    let count = Int(size)
    let data = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)]))
    position += count
    try padding((4 - count & 3) & 3, field: "blob padding")
    return data
  }
}

/// The offset of the first byte that breaks UTF-8 well-formedness (overlongs, surrogates and
/// values above U+10FFFF included), or `nil`.
func firstInvalidUTF8(_ bytes: UnsafeRawBufferPointer) -> Int? {
  var index = 0
  let count = bytes.count
  while index < count {
    let lead = bytes[index]
    if lead < 0x80 {
      index += 1
      continue
    }
    let length: Int
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; lower = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; upper = 0x9F
    case 0xF0: length = 4; lower = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; upper = 0x8F
    default: return index
    }
    guard index + length <= count else { return index }
    let second = bytes[index + 1]
    guard second >= lower, second <= upper else { return index }
    for next in (index + 2)..<(index + length) where bytes[next] & 0xC0 != 0x80 { return index }
    index += length
  }
  return nil
}
