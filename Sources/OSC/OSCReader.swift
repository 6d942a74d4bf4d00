/// The one validating walk over OSC bytes, shared by `OSCDecoder` (which builds values) and
/// `OSCPacketView` (which only validates). Every check, error and offset lives here; what is
/// done with each field that passes is up to the `PacketBuilder`.
///
/// Contract: never traps, never reads outside `bytes`, and throws the first `OSCDecodeError`
/// in byte order. See `OSCDecoder` for the strictness rules.
protocol PacketBuilder {
  associatedtype Arguments
  associatedtype Elements
  associatedtype Packet

  static func arguments(reserving capacity: Int) -> Arguments
  static func append(_ argument: RawArgument, to arguments: inout Arguments)
  static func append(array: Arguments, to arguments: inout Arguments)
  static func message(address: RawString, arguments: Arguments) -> Packet
  static func elements() -> Elements
  static func append(element: Packet, to elements: inout Elements)
  static func bundle(timetag: Timetag, elements: Elements) -> Packet
}

/// A validated string's bytes (without the NUL), borrowed from the walker's buffer.
struct RawString {
  let bytes: UnsafeRawBufferPointer
  let isASCII: Bool

  /// The string; the bytes are known to be valid UTF-8, so this does not validate them again.
  var string: String {
    let utf8 = bytes.assumingMemoryBound(to: UInt8.self)
    return String(copying: UTF8Span(unchecked: utf8.span, isKnownASCII: isASCII))
  }
}

/// One argument as read from the wire; strings and blobs borrow the walker's buffer.
enum RawArgument {
  case int32(Int32)
  case float32(Float)
  case string(RawString)
  case blob(UnsafeRawBufferPointer)
  case int64(Int64)
  case timetag(Timetag)
  case float64(Double)
  case symbol(RawString)
  case character(Unicode.Scalar)
  case rgba(UInt32)
  case midi(MIDIMessage)
  case `true`
  case `false`
  case `nil`
  case impulse
}

let bundleTag: UInt64 = 0x2362_756E_646C_6500  // "#bundle\0"

struct Reader<Builder: PacketBuilder> {
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
  mutating func stringBytes(_ field: @autoclosure () -> String) throws(OSCDecodeError) -> RawString {
    let start = position
    var word = start
    var high: UInt32 = 0
    while word + 4 <= end {
      let value = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: word, as: UInt32.self))
      let zeros = (value &- 0x0101_0101) & ~value & 0x8080_8080
      if zeros != 0 {
        // Memory order is low to high bits; the lowest flagged byte is the first NUL.
        let nulIndex = zeros.trailingZeroBitCount >> 3
        let nul = word + nulIndex
        if UInt64(value) &>> (8 * (nulIndex + 1)) != 0 {
          for offset in (nul + 1)..<(word + 4) where bytes[offset] != 0 {
            throw OSCDecodeError(.badPadding, at: offset)
          }
        }
        high |= value
        position = word + 4
        return RawString(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<nul]), isASCII: high & 0x8080_8080 == 0)
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

  /// A string that must be valid UTF-8.
  @inline(__always)
  mutating func string(_ field: @autoclosure () -> String) throws(OSCDecodeError) -> RawString {
    let start = position
    let raw = try stringBytes(field())
    if !raw.isASCII, let bad = firstInvalidUTF8(raw.bytes) { throw OSCDecodeError(.invalidUTF8, at: start + bad) }
    return raw
  }

  mutating func packet(depth: Int) throws(OSCDecodeError) -> Builder.Packet {
    guard remaining > 0 else { throw OSCDecodeError(.empty, at: position) }
    switch bytes[position] {
    case UInt8(ascii: "/"): return try message()
    case UInt8(ascii: "#"):
      guard remaining >= 8, bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self).bigEndian == bundleTag
      else { throw OSCDecodeError(.notAPacket, at: position) }
      return try bundle(depth: depth)
    default: throw OSCDecodeError(.notAPacket, at: position)
    }
  }

  mutating func bundle(depth: Int) throws(OSCDecodeError) -> Builder.Packet {
    guard depth < maxDepth else { throw OSCDecodeError(.tooDeep(maxDepth), at: position) }
    position += 8
    let timetag = Timetag(rawValue: try uint64("bundle timetag"))
    var elements = Builder.elements()
    while position < end {
      let sizeOffset = position
      let size = Int32(bitPattern: try uint32("bundle element size"))
      guard size >= 0, size & 3 == 0, Int(size) <= remaining else {
        throw OSCDecodeError(.badElementSize(size), at: sizeOffset)
      }
      let outerEnd = end
      end = position + Int(size)
      Builder.append(element: try packet(depth: depth + 1), to: &elements)
      guard position == end else { throw OSCDecodeError(.trailingBytes, at: position) }
      end = outerEnd
    }
    return Builder.bundle(timetag: timetag, elements: elements)
  }

  mutating func message() throws(OSCDecodeError) -> Builder.Packet {
    let address = try string("address")
    // Old-style message: no type tag string, so no arguments can be interpreted.
    guard position < end, bytes[position] == UInt8(ascii: ",") else {
      position = end
      return Builder.message(address: address, arguments: Builder.arguments(reserving: 0))
    }
    let tagsStart = position
    let tags = try stringBytes("type tags").bytes
    var tagIndex = 1
    let arguments = try self.arguments(tags, tagsStart: tagsStart, index: &tagIndex, depth: 0)
    guard position == end else { throw OSCDecodeError(.trailingBytes, at: position) }
    return Builder.message(address: address, arguments: arguments)
  }

  /// Reads arguments for `tags[index...]` up to the end of the tags or the `]` closing this
  /// array level (which it consumes). `tags` starts with the `,`, at offset `tagsStart`.
  mutating func arguments(
    _ tags: UnsafeRawBufferPointer, tagsStart: Int, index: inout Int, depth: Int
  ) throws(OSCDecodeError) -> Builder.Arguments {
    var result = Builder.arguments(reserving: depth == 0 ? tags.count - index : 4)
    // The cursor lives in a local (a register) and goes back to `index` on every exit.
    var next = index
    defer { index = next }
    while next < tags.count {
      let tag = tags[next]
      let tagOffset = tagsStart + next
      next += 1
      switch tag {
      case UInt8(ascii: "i"): Builder.append(.int32(Int32(bitPattern: try uint32("int32 argument"))), to: &result)
      case UInt8(ascii: "f"): Builder.append(.float32(Float(bitPattern: try uint32("float32 argument"))), to: &result)
      case UInt8(ascii: "s"): Builder.append(.string(try string("string argument")), to: &result)
      case UInt8(ascii: "S"): Builder.append(.symbol(try string("symbol argument")), to: &result)
      case UInt8(ascii: "b"): Builder.append(.blob(try blob()), to: &result)
      case UInt8(ascii: "h"): Builder.append(.int64(Int64(bitPattern: try uint64("int64 argument"))), to: &result)
      case UInt8(ascii: "t"): Builder.append(.timetag(Timetag(rawValue: try uint64("timetag argument"))), to: &result)
      case UInt8(ascii: "d"):
        Builder.append(.float64(Double(bitPattern: try uint64("float64 argument"))), to: &result)
      case UInt8(ascii: "c"):
        let offset = position
        let code = Int32(bitPattern: try uint32("char argument"))
        guard code >= 0, let scalar = Unicode.Scalar(UInt32(code)) else {
          throw OSCDecodeError(.badCharacter(code), at: offset)
        }
        Builder.append(.character(scalar), to: &result)
      case UInt8(ascii: "r"): Builder.append(.rgba(try uint32("rgba argument")), to: &result)
      case UInt8(ascii: "m"): Builder.append(.midi(MIDIMessage(packed: try uint32("midi argument"))), to: &result)
      case UInt8(ascii: "T"): Builder.append(.true, to: &result)
      case UInt8(ascii: "F"): Builder.append(.false, to: &result)
      case UInt8(ascii: "N"): Builder.append(.nil, to: &result)
      case UInt8(ascii: "I"): Builder.append(.impulse, to: &result)
      case UInt8(ascii: "["):
        guard depth + 1 < maxDepth else { throw OSCDecodeError(.tooDeep(maxDepth), at: tagOffset) }
        Builder.append(array: try arguments(tags, tagsStart: tagsStart, index: &next, depth: depth + 1), to: &result)
      case UInt8(ascii: "]"):
        guard depth > 0 else { throw OSCDecodeError(.unbalancedArray, at: tagOffset) }
        return result
      default: throw OSCDecodeError(.unknownTypeTag(tag), at: tagOffset)
      }
    }
    guard depth == 0 else { throw OSCDecodeError(.unbalancedArray, at: tagsStart + next) }
    return result
  }

  mutating func blob() throws(OSCDecodeError) -> UnsafeRawBufferPointer {
    let sizeOffset = position
    let size = Int32(bitPattern: try uint32("blob size"))
    guard size >= 0, Int(size) <= remaining else { throw OSCDecodeError(.badBlobSize(size), at: sizeOffset) }
    let count = Int(size)
    let data = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
    position += count
    try padding((4 - count & 3) & 3, field: "blob padding")
    return data
  }
}

extension MIDIMessage {
  /// From the wire's big-endian word: port, status, data 1, data 2 from the top byte down.
  @inlinable @inline(__always)
  init(packed v: UInt32) {
    self.init(port: UInt8(v >> 24), status: UInt8(v >> 16 & 0xFF), data1: UInt8(v >> 8 & 0xFF), data2: UInt8(v & 0xFF))
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
