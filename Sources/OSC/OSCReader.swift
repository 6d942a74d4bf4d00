/// The one validating walk over OSC bytes, shared by `OSCDecoder` (which builds slots) and
/// `OSCPacketView` (which only validates). Every check, error and offset lives here; what is
/// done with each field that passes is up to the `PacketBuilder`.
///
/// Contract: never traps, never reads outside `bytes`, and throws the first `OSCDecodeError`
/// in byte order. See `OSCDecoder` for the strictness rules.
protocol PacketBuilder {
  associatedtype Arguments
  associatedtype Elements
  associatedtype Packet

  /// Opens an argument list (a message's, called before its arguments, or a `[ ]` array's).
  /// For a message, `capacity` is its number of type tags, which bounds the number of
  /// arguments and arrays inside it; for an array it is 0 (its message already counted it).
  mutating func arguments(reserving capacity: Int) -> Arguments
  mutating func append(_ argument: RawArgument, to arguments: inout Arguments)
  /// Appends an `i` or `f` argument (`tag`) from its host-order bits.
  mutating func append(word32: UInt32, tag: UInt8, to arguments: inout Arguments)
  mutating func append(array: Arguments, to arguments: inout Arguments)
  mutating func message(address: RawString, layout: MessageLayout, arguments: Arguments) -> Packet
  /// Opens a bundle's element list, before its elements.
  mutating func elements() -> Elements
  mutating func append(element: Packet, to elements: inout Elements)
  mutating func bundle(timetag: Timetag, elements: Elements) -> Packet
}

/// A validated string's bytes (without the NUL), borrowed from the walker's buffer.
struct RawString {
  let bytes: UnsafeRawBufferPointer
  let isASCII: Bool
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

/// Where a message's parts lie, as byte offsets from the start of the walked buffer.
struct MessageLayout {
  let addressEnd: Int  // the address's NUL
  let tagsStart: Int  // the first tag after `,`
  let tagsEnd: Int  // the type tags' NUL (== tagsStart when there are none)
  let argumentsStart: Int
}

/// The walk itself. Offsets are `Int`s no larger than the buffer's size, so sums of an offset
/// and a small field size cannot overflow and use wrapping arithmetic; every read is preceded
/// by a comparison with `end`. The hot loops keep the cursor in locals (registers) and write it
/// back to `position` only around calls that need it.
struct Reader<Builder: PacketBuilder> {
  /// The first byte of the buffer; only bytes before the outermost `end` are ever read.
  let base: UnsafeRawPointer
  var position: Int
  var end: Int
  let maxDepth: Int
  /// What is done with each field that passes.
  var builder: Builder

  /// `bytes` must not be empty (`packet` would throw `.empty` at once; callers do that first).
  init(nonEmpty bytes: UnsafeRawBufferPointer, maxDepth: Int, builder: Builder) {
    base = bytes.baseAddress!
    position = 0
    end = bytes.count
    self.maxDepth = maxDepth
    self.builder = builder
  }

  var remaining: Int { end &- position }

  @inline(__always)
  func byte(at offset: Int) -> UInt8 { base.load(fromByteOffset: offset, as: UInt8.self) }

  @inline(__always)
  func word32(at offset: Int) -> UInt32 {
    UInt32(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  @inline(__always)
  func word64(at offset: Int) -> UInt64 {
    UInt64(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  @inline(__always)
  mutating func uint32(_ field: @autoclosure () -> String) throws(OSCDecodeError) -> UInt32 {
    guard remaining >= 4 else { throw OSCDecodeError(.truncated(field()), at: position) }
    let value = word32(at: position)
    position &+= 4
    return value
  }

  @inline(__always)
  mutating func uint64(_ field: @autoclosure () -> String) throws(OSCDecodeError) -> UInt64 {
    guard remaining >= 8 else { throw OSCDecodeError(.truncated(field()), at: position) }
    let value = word64(at: position)
    position &+= 8
    return value
  }

  /// Checks that `count` padding bytes at the cursor exist and are NUL, and skips them.
  mutating func padding(_ count: Int, field: String) throws(OSCDecodeError) {
    guard remaining >= count else { throw OSCDecodeError(.truncated(field), at: end) }
    for offset in position..<(position &+ count) where byte(at: offset) != 0 {
      throw OSCDecodeError(.badPadding, at: offset)
    }
    position &+= count
  }

  /// The string scans over the bytes up to `end`. A separate value, so that calling them from
  /// the mutating walk copies two words, not the whole reader.
  @inline(__always)
  var strings: StringScanner { StringScanner(base: base, end: end) }

  mutating func packet(depth: Int) throws(OSCDecodeError) -> Builder.Packet {
    guard remaining > 0 else { throw OSCDecodeError(.empty, at: position) }
    switch byte(at: position) {
    case UInt8(ascii: "/"): return try message()
    case UInt8(ascii: "#"):
      guard remaining >= 8, word64(at: position) == bundleTag else { throw OSCDecodeError(.notAPacket, at: position) }
      return try bundle(depth: depth)
    default: throw OSCDecodeError(.notAPacket, at: position)
    }
  }

  mutating func bundle(depth: Int) throws(OSCDecodeError) -> Builder.Packet {
    guard depth < maxDepth else { throw OSCDecodeError(.tooDeep(maxDepth), at: position) }
    position &+= 8
    let timetag = Timetag(rawValue: try uint64("bundle timetag"))
    var elements = builder.elements()
    while position < end {
      let sizeOffset = position
      let size = Int32(bitPattern: try uint32("bundle element size"))
      guard size >= 0, size & 3 == 0, Int(size) <= remaining else {
        throw OSCDecodeError(.badElementSize(size), at: sizeOffset)
      }
      let outerEnd = end
      end = position &+ Int(size)
      let element = try packet(depth: depth &+ 1)
      builder.append(element: element, to: &elements)
      guard position == end else { throw OSCDecodeError(.trailingBytes, at: position) }
      end = outerEnd
    }
    return builder.bundle(timetag: timetag, elements: elements)
  }

  mutating func message() throws(OSCDecodeError) -> Builder.Packet {
    let start = position
    var next = start
    let address = try strings.string(from: start, next: &next, "address")
    let addressEnd = start &+ address.bytes.count
    // Old-style message: no type tag string, so no arguments can be interpreted.
    guard next < end, byte(at: next) == UInt8(ascii: ",") else {
      position = end
      let layout = MessageLayout(addressEnd: addressEnd, tagsStart: next, tagsEnd: next, argumentsStart: end)
      let none = builder.arguments(reserving: 0)
      return builder.message(address: address, layout: layout, arguments: none)
    }
    let tagsStart = next &+ 1
    let (tagsEnd, _) = try strings.scanString(from: next, next: &next, "type tags")
    position = next
    var tag = tagsStart
    let arguments = try self.arguments(tag: &tag, tagsEnd: tagsEnd, depth: 0)
    guard position == end else { throw OSCDecodeError(.trailingBytes, at: position) }
    let layout = MessageLayout(addressEnd: addressEnd, tagsStart: tagsStart, tagsEnd: tagsEnd, argumentsStart: next)
    return builder.message(address: address, layout: layout, arguments: arguments)
  }

  /// Reads arguments for the tags from offset `tag` up to `tagsEnd` (the tags' NUL) or the `]`
  /// closing this array level (which it consumes); `tag` ends past the last tag read.
  ///
  /// The loop handles the common arguments itself (32-bit numbers, and strings of up to 7 ASCII
  /// bytes, checked a word at a time in the 8 bytes at the cursor) and hands every other tag, or
  /// a string it cannot settle at once, to `otherArgument`, out of line. Keeping the rare cases
  /// out of the loop keeps its few cursors in registers; the checks and errors are the same
  /// either way (the fast cases accept exactly what `otherArgument` would).
  mutating func arguments(tag: inout Int, tagsEnd: Int, depth: Int) throws(OSCDecodeError) -> Builder.Arguments {
    var result = builder.arguments(reserving: depth == 0 ? tagsEnd &- tag : 0)
    // The cursors and the builder live in locals (registers) in the loop; `position`, `tag` and
    // `builder` are brought up to date around the out-of-line call (which may throw, leaving
    // `self.builder` current) and on every exit.
    var next = tag
    var at = position
    var builder = self.builder
    // The last offsets where 4 and 8 bytes can still be read (negative when none can).
    let end4 = self.end &- 4
    let end8 = self.end &- 8
    defer {
      tag = next
      position = at
    }
    while next < tagsEnd {
      let code = byte(at: next)
      // Strings first: in name/value messages such as SuperDirt's, every other argument is one.
      if code == UInt8(ascii: "s"), at <= end8, let (count, size) = shortASCIIString(at: at) {
        let raw = RawString(bytes: UnsafeRawBufferPointer(start: base + at, count: count), isASCII: true)
        builder.append(.string(raw), to: &result)
        at &+= size
        next &+= 1
        continue
      }
      if code == UInt8(ascii: "f") || code == UInt8(ascii: "i"), at <= end4 {
        builder.append(word32: word32(at: at), tag: code, to: &result)
        at &+= 4
        next &+= 1
        continue
      }
      position = at
      self.builder = builder
      let (after, closed) = try otherArgument(code, tag: next, tagsEnd: tagsEnd, depth: depth, to: &result)
      builder = self.builder
      at = position
      next = after
      if closed { return result }
    }
    self.builder = builder
    guard depth == 0 else { throw OSCDecodeError(.unbalancedArray, at: next) }
    return result
  }

  /// A string of at most 7 bytes at `at` (8 bytes must remain), all ASCII and NUL-padded: its
  /// length and its size with padding; `nil` for anything else (longer, not ASCII, or bad
  /// padding), which `string(from:next:_:)` then settles. Works a 4-byte word at a time (the
  /// masks fit in instructions, and most names end in the first word).
  @inline(__always)
  func shortASCIIString(at: Int) -> (count: Int, size: Int)? {
    let first = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    let firstZeros = zeroBits(first)
    // A NUL in the first word ends the string there, padding and all: it passes or not.
    if firstZeros != 0 { return asciiEnd(first, zeros: firstZeros).map { ($0, 4) } }
    guard first & 0x8080_8080 == 0 else { return nil }
    let second = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: at &+ 4, as: UInt32.self))
    let secondZeros = zeroBits(second)
    guard secondZeros != 0, let count = asciiEnd(second, zeros: secondZeros) else { return nil }
    return (4 &+ count, 8)
  }

  /// Bit 7 of each byte of `word` that may be zero: non-zero exactly when a byte is, and the
  /// lowest set bit marks the first zero byte (bytes in memory order from the low end).
  @inline(__always)
  func zeroBits(_ word: UInt32) -> UInt32 { (word &- 0x0101_0101) & ~word & 0x8080_8080 }

  /// The index of the NUL in `word` (`zeros` from `zeroBits`, non-zero) when the bytes after it
  /// are NUL and the bytes before it ASCII; otherwise `nil`.
  @inline(__always)
  func asciiEnd(_ word: UInt32, zeros: UInt32) -> Int? {
    let nulBit = UInt32(zeros.trailingZeroBitCount)  // bit 7 of the NUL byte
    guard (word &>> nulBit) | (word & 0x8080_8080) == 0 else { return nil }
    return Int(nulBit &>> 3)
  }

  /// Reads the argument for type tag `code` (at offset `tagOffset`, its data at `position`), for
  /// every case that `arguments` does not settle in its loop: the offset of the next tag, and
  /// whether `code` is the `]` closing this array level.
  @inline(never)
  mutating func otherArgument(
    _ code: UInt8, tag tagOffset: Int, tagsEnd: Int, depth: Int, to result: inout Builder.Arguments
  ) throws(OSCDecodeError) -> (next: Int, closed: Bool) {
    let end = self.end
    var next = tagOffset &+ 1
    var at = position
    defer { position = at }
    switch code {
    case UInt8(ascii: "i"):
      guard end &- at >= 4 else { throw OSCDecodeError(.truncated("int32 argument"), at: at) }
      builder.append(.int32(Int32(bitPattern: word32(at: at))), to: &result)
      at &+= 4
    case UInt8(ascii: "f"):
      guard end &- at >= 4 else { throw OSCDecodeError(.truncated("float32 argument"), at: at) }
      builder.append(.float32(Float(bitPattern: word32(at: at))), to: &result)
      at &+= 4
    case UInt8(ascii: "s"):
      let start = at
      let value = try strings.string(from: start, next: &at, "string argument")
      builder.append(.string(value), to: &result)
    case UInt8(ascii: "S"):
      let start = at
      let value = try strings.string(from: start, next: &at, "symbol argument")
      builder.append(.symbol(value), to: &result)
    case UInt8(ascii: "b"):
      position = at
      let value = try blob()
      builder.append(.blob(value), to: &result)
      at = position
    case UInt8(ascii: "h"):
      guard end &- at >= 8 else { throw OSCDecodeError(.truncated("int64 argument"), at: at) }
      builder.append(.int64(Int64(bitPattern: word64(at: at))), to: &result)
      at &+= 8
    case UInt8(ascii: "t"):
      guard end &- at >= 8 else { throw OSCDecodeError(.truncated("timetag argument"), at: at) }
      builder.append(.timetag(Timetag(rawValue: word64(at: at))), to: &result)
      at &+= 8
    case UInt8(ascii: "d"):
      guard end &- at >= 8 else { throw OSCDecodeError(.truncated("float64 argument"), at: at) }
      builder.append(.float64(Double(bitPattern: word64(at: at))), to: &result)
      at &+= 8
    case UInt8(ascii: "c"):
      guard end &- at >= 4 else { throw OSCDecodeError(.truncated("char argument"), at: at) }
      let code = Int32(bitPattern: word32(at: at))
      guard code >= 0, let scalar = Unicode.Scalar(UInt32(code)) else {
        throw OSCDecodeError(.badCharacter(code), at: at)
      }
      builder.append(.character(scalar), to: &result)
      at &+= 4
    case UInt8(ascii: "r"):
      guard end &- at >= 4 else { throw OSCDecodeError(.truncated("rgba argument"), at: at) }
      builder.append(.rgba(word32(at: at)), to: &result)
      at &+= 4
    case UInt8(ascii: "m"):
      guard end &- at >= 4 else { throw OSCDecodeError(.truncated("midi argument"), at: at) }
      builder.append(.midi(MIDIMessage(packed: word32(at: at))), to: &result)
      at &+= 4
    case UInt8(ascii: "T"): builder.append(.true, to: &result)
    case UInt8(ascii: "F"): builder.append(.false, to: &result)
    case UInt8(ascii: "N"): builder.append(.nil, to: &result)
    case UInt8(ascii: "I"): builder.append(.impulse, to: &result)
    case UInt8(ascii: "["):
      guard depth &+ 1 < maxDepth else { throw OSCDecodeError(.tooDeep(maxDepth), at: tagOffset) }
      position = at
      let inner = try arguments(tag: &next, tagsEnd: tagsEnd, depth: depth &+ 1)
      builder.append(array: inner, to: &result)
      at = position
    case UInt8(ascii: "]"):
      guard depth > 0 else { throw OSCDecodeError(.unbalancedArray, at: tagOffset) }
      return (next, true)
    default: throw OSCDecodeError(.unknownTypeTag(code), at: tagOffset)
    }
    return (next, false)
  }

  mutating func blob() throws(OSCDecodeError) -> UnsafeRawBufferPointer {
    let sizeOffset = position
    let size = Int32(bitPattern: try uint32("blob size"))
    guard size >= 0, Int(size) <= remaining else { throw OSCDecodeError(.badBlobSize(size), at: sizeOffset) }
    let count = Int(size)
    let data = UnsafeRawBufferPointer(start: base + position, count: count)
    position &+= count
    try padding((4 &- count & 3) & 3, field: "blob padding")
    return data
  }
}

/// Scans of NUL-terminated, NUL-padded OSC strings in the bytes before `end` (see `Reader`).
struct StringScanner {
  let base: UnsafeRawPointer
  let end: Int

  @inline(__always)
  func byte(at offset: Int) -> UInt8 { base.load(fromByteOffset: offset, as: UInt8.self) }

  /// The NUL-terminated, NUL-padded string starting at `start`: the offset of its NUL, and
  /// whether it is all ASCII; `next` moves past its padding. Scans 64 bits, then 32, at a time:
  /// OSC strings end on a 4-byte word boundary, so the word holding the first NUL is the last
  /// one, and its bytes after the NUL are the padding.
  @inline(__always)
  func scanString(
    from start: Int, next: inout Int, _ field: @autoclosure () -> String
  ) throws(OSCDecodeError) -> (nul: Int, isASCII: Bool) {
    var word = start
    // Two words at a time while they exist (most OSC strings fit in one or two).
    var high64: UInt64 = 0
    while end &- word >= 8 {
      let value = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: word, as: UInt64.self))
      let zeros = (value &- 0x0101_0101_0101_0101) & ~value & 0x8080_8080_8080_8080
      if zeros != 0 {
        let nulIndex = zeros.trailingZeroBitCount &>> 3
        // The string ends with the 4-byte word holding its NUL; the rest of the 8 bytes (if
        // any) are the next field's.
        let wordEnd = (nulIndex & ~3) &+ 4
        let own = wordEnd == 8 ? value : value & 0xFFFF_FFFF
        if (own &>> 8) &>> UInt64(nulIndex &* 8) != 0 {
          throw badPadding(after: word &+ nulIndex, before: word &+ wordEnd)
        }
        next = word &+ wordEnd
        return (word &+ nulIndex, (high64 | own) & 0x8080_8080_8080_8080 == 0)
      }
      high64 |= value
      word &+= 8
    }
    var high = UInt32(truncatingIfNeeded: high64) | UInt32(truncatingIfNeeded: high64 &>> 32)
    while end &- word >= 4 {
      let value = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: word, as: UInt32.self))
      // Bit 7 of each byte that may be zero; the lowest set bit marks the first zero exactly.
      let zeros = (value &- 0x0101_0101) & ~value & 0x8080_8080
      high |= value
      word &+= 4
      if zeros != 0 {
        let nulIndex = zeros.trailingZeroBitCount &>> 3
        if UInt64(value) &>> UInt64((nulIndex &+ 1) &* 8) != 0 {
          throw badPadding(after: word &- 4 &+ nulIndex, before: word)
        }
        next = word
        return (word &- 4 &+ nulIndex, high & 0x8080_8080 == 0)
      }
    }
    throw unterminated(start: start, from: word, field())
  }

  /// The first non-NUL byte in `(nul + 1)..<wordEnd` (one exists).
  @inline(never)
  func badPadding(after nul: Int, before wordEnd: Int) -> OSCDecodeError {
    var offset = nul &+ 1
    while offset < wordEnd && byte(at: offset) == 0 { offset &+= 1 }
    return OSCDecodeError(.badPadding, at: offset)
  }

  /// A string from `start` has no NUL in its whole words up to `word`: it ends with a partial
  /// word (truncated padding) or never.
  @inline(never)
  func unterminated(start: Int, from word: Int, _ field: String) -> OSCDecodeError {
    var nul = word
    while nul < end, byte(at: nul) != 0 { nul &+= 1 }
    if nul < end { return OSCDecodeError(.truncated("padding of \(field)"), at: end) }
    return OSCDecodeError(.missingNUL, at: start)
  }

  /// A string that must be valid UTF-8, at `start`; `next` moves past it.
  @inline(__always)
  func string(from start: Int, next: inout Int, _ field: @autoclosure () -> String) throws(OSCDecodeError) -> RawString
  {
    let (nul, isASCII) = try scanString(from: start, next: &next, field())
    let raw = RawString(bytes: UnsafeRawBufferPointer(start: base + start, count: nul &- start), isASCII: isASCII)
    if !isASCII, let bad = firstInvalidUTF8(raw.bytes) { throw OSCDecodeError(.invalidUTF8, at: start &+ bad) }
    return raw
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
