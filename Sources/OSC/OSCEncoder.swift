/// Why a packet cannot be written as OSC.
public enum OSCEncodeError: Error, Equatable, Sendable, CustomStringConvertible {
  /// OSC strings end at the first NUL, so a string containing one cannot be sent intact.
  case stringContainsNUL(String)
  /// A packet (or bundle element) larger than an int32 size field can describe.
  case tooLarge(Int)

  public var description: String {
    switch self {
    case .stringContainsNUL(let s): return "string contains a NUL byte: \(s.debugDescription)"
    case .tooLarge(let n): return "packet of \(n) bytes is too large for OSC"
    }
  }
}

extension OSCPacket {
  /// The packet's wire bytes (big-endian, 4-byte aligned, NUL padded as OSC 1.0 specifies).
  /// - Complexity: O(size); one allocation.
  public func encoded() throws(OSCEncodeError) -> [UInt8] {
    var bytes: [UInt8] = []
    try encode(into: &bytes)
    return bytes
  }

  /// Appends the packet's wire bytes to `buffer` (reusing its capacity when it has room).
  public func encode(into buffer: inout [UInt8]) throws(OSCEncodeError) {
    switch self {
    case .message(let message): try message.encode(into: &buffer)
    case .bundle(let bundle): try bundle.encode(into: &buffer)
    }
  }

  /// The exact number of bytes `encode` produces.
  public func encodedSize() -> Int {
    switch self {
    case .message(let message): return message.encodedSize()
    case .bundle(let bundle): return bundle.encodedSize()
    }
  }
}

/// Appends `size` zero bytes to `buffer`, lets `write` fill them from their start, and rolls
/// the append back when `write` reports a string with an embedded NUL.
@inline(__always)
private func appendEncoded(
  size: Int, to buffer: inout [UInt8], _ write: (inout ByteWriter) -> Void
) throws(OSCEncodeError) {
  guard size <= Int(Int32.max) else { throw .tooLarge(size) }
  let start = buffer.count
  // Zero-filled space: every padding byte is already NUL, the writer only copies payload.
  buffer.append(contentsOf: repeatElement(0, count: size))
  let badString = buffer.withUnsafeMutableBytes { raw in
    var writer = ByteWriter(base: raw.baseAddress! + start)
    write(&writer)
    return writer.stringWithNUL
  }
  if let badString {
    buffer.removeLast(size)
    throw .stringContainsNUL(badString)
  }
}

extension OSCMessage {
  public func encoded() throws(OSCEncodeError) -> [UInt8] {
    var bytes: [UInt8] = []
    try encode(into: &bytes)
    return bytes
  }

  public func encode(into buffer: inout [UInt8]) throws(OSCEncodeError) {
    try appendEncoded(size: encodedSize(), to: &buffer) { $0.write(self) }
  }

  func encodedSize() -> Int {
    paddedStringSize(address) + typeTagsSize(arguments) + argumentsSize(arguments)
  }
}

extension OSCBundle {
  public func encoded() throws(OSCEncodeError) -> [UInt8] {
    var bytes: [UInt8] = []
    try encode(into: &bytes)
    return bytes
  }

  public func encode(into buffer: inout [UInt8]) throws(OSCEncodeError) {
    try appendEncoded(size: encodedSize(), to: &buffer) { $0.write(self) }
  }

  func encodedSize() -> Int {
    var size = 16
    for element in elements { size += 4 + element.encodedSize() }
    return size
  }
}

/// A string with its NUL terminator, rounded up to a multiple of four. (Embedded NULs are
/// caught while copying, in `ByteWriter.string`.)
@inline(__always)
func paddedStringSize(_ string: String) -> Int {
  (string.utf8.count + 4) & ~3
}

/// `,` + one tag per argument (+ `]` per array) + NUL, padded.
private func typeTagsSize(_ arguments: [OSCArgument]) -> Int {
  func count(_ arguments: [OSCArgument]) -> Int {
    var total = arguments.count
    for case .array(let inner) in arguments { total += count(inner) + 1 }
    return total
  }
  return (1 + count(arguments) + 4) & ~3
}

private func argumentsSize(_ arguments: [OSCArgument]) -> Int {
  var size = 0
  for argument in arguments {
    switch argument {
    case .int32, .float32, .character, .rgba, .midi: size += 4
    case .int64, .timetag, .float64: size += 8
    case .string(let s), .symbol(let s): size += paddedStringSize(s)
    case .blob(let b): size += 4 + (b.count + 3) & ~3
    case .true, .false, .nil, .impulse: break
    case .array(let inner): size += argumentsSize(inner)
    }
  }
  return size
}

/// Writes into zero-filled memory sized by `encodedSize()`; it never checks bounds itself.
struct ByteWriter {
  let base: UnsafeMutableRawPointer
  var offset = 0
  /// The first string found to contain a NUL (the packet is then invalid).
  var stringWithNUL: String?

  init(base: UnsafeMutableRawPointer) {
    self.base = base
  }

  @inline(__always)
  mutating func uint32(_ value: UInt32) {
    (base + offset).storeBytes(of: value.bigEndian, as: UInt32.self)
    offset += 4
  }

  @inline(__always)
  mutating func uint64(_ value: UInt64) {
    (base + offset).storeBytes(of: value.bigEndian, as: UInt64.self)
    offset += 8
  }

  /// Copies the string's UTF-8 into the zero-filled space and skips its NUL and padding. The
  /// string has an embedded NUL exactly when the first zero byte of that space comes before
  /// its end, which a word-at-a-time scan of the (already cached) destination finds.
  @inline(__always)
  mutating func string(_ string: String) {
    let destination = base + offset
    let utf8 = string.utf8
    let count = utf8.count
    let copied = utf8.withContiguousStorageIfAvailable { source -> Bool in
      if let address = source.baseAddress { destination.copyMemory(from: address, byteCount: source.count) }
      return true
    }
    if copied == nil {
      var index = 0
      for byte in utf8 {
        destination.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
        index += 1
      }
    }
    let padded = (count + 4) & ~3
    var word = 0
    while word < padded {
      let value = UInt32(littleEndian: destination.loadUnaligned(fromByteOffset: word, as: UInt32.self))
      let zeros = (value &- 0x0101_0101) & ~value & 0x8080_8080
      if zeros != 0 {
        if word + zeros.trailingZeroBitCount >> 3 != count, stringWithNUL == nil { stringWithNUL = string }
        break
      }
      word += 4
    }
    offset += padded
  }

  mutating func write(_ packet: OSCPacket) {
    switch packet {
    case .message(let message): write(message)
    case .bundle(let bundle): write(bundle)
    }
  }

  mutating func write(_ bundle: OSCBundle) {
    (base + offset).storeBytes(of: bundleTag.bigEndian, as: UInt64.self)
    offset += 8
    uint64(bundle.timetag.rawValue)
    for element in bundle.elements {
      let sizeField = offset
      offset += 4
      write(element)
      (base + sizeField).storeBytes(of: UInt32(offset - sizeField - 4).bigEndian, as: UInt32.self)
    }
  }

  /// Writes the address, then the type tags and the payloads in one walk over the arguments:
  /// each argument's tag goes at the tag cursor and its payload at `offset`.
  mutating func write(_ message: OSCMessage) {
    string(message.address)
    let tagsStart = offset
    base.storeBytes(of: UInt8(ascii: ","), toByteOffset: tagsStart, as: UInt8.self)
    offset = tagsStart + typeTagsSize(message.arguments)
    var tag = tagsStart + 1
    writeArguments(message.arguments, tag: &tag)
  }

  private mutating func writeArguments(_ arguments: [OSCArgument], tag: inout Int) {
    arguments.withUnsafeBufferPointer { arguments in
      for index in arguments.indices {
        let argument = arguments[index]
        base.storeBytes(of: argument.typeTag, toByteOffset: tag, as: UInt8.self)
        tag += 1
        switch argument {
        case .int32(let v): uint32(UInt32(bitPattern: v))
        case .float32(let v): uint32(v.bitPattern)
        case .string(let s), .symbol(let s): string(s)
        case .blob(let b):
          uint32(UInt32(b.count))
          b.withUnsafeBytes { bytes in
            if let source = bytes.baseAddress { (base + offset).copyMemory(from: source, byteCount: bytes.count) }
          }
          offset += (b.count + 3) & ~3
        case .int64(let v): uint64(UInt64(bitPattern: v))
        case .timetag(let t): uint64(t.rawValue)
        case .float64(let v): uint64(v.bitPattern)
        case .character(let c): uint32(c.value)
        case .rgba(let v): uint32(v)
        case .midi(let m):
          uint32(UInt32(m.port) << 24 | UInt32(m.status) << 16 | UInt32(m.data1) << 8 | UInt32(m.data2))
        case .true, .false, .nil, .impulse: break
        case .array(let inner):
          writeArguments(inner, tag: &tag)
          base.storeBytes(of: UInt8(ascii: "]"), toByteOffset: tag, as: UInt8.self)
          tag += 1
        }
      }
    }
  }
}
