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
    let size = encodedSize()
    guard size <= Int(Int32.max) else { throw .tooLarge(size) }
    let start = buffer.count
    // Zero-filled space: every padding byte is already NUL, the writer only copies payload.
    buffer.append(contentsOf: repeatElement(0, count: size))
    let badString = buffer.withUnsafeMutableBytes { raw in
      var writer = ByteWriter(base: raw.baseAddress! + start)
      writer.write(self)
      return writer.stringWithNUL
    }
    if let badString {
      buffer.removeLast(size)
      throw .stringContainsNUL(badString)
    }
  }

  /// The exact number of bytes `encode` produces.
  public func encodedSize() -> Int {
    switch self {
    case .message(let message): return message.encodedSize()
    case .bundle(let bundle):
      var size = 16
      for element in bundle.elements { size += 4 + element.encodedSize() }
      return size
    }
  }
}

extension OSCMessage {
  public func encoded() throws(OSCEncodeError) -> [UInt8] {
    try OSCPacket.message(self).encoded()
  }

  public func encode(into buffer: inout [UInt8]) throws(OSCEncodeError) {
    try OSCPacket.message(self).encode(into: &buffer)
  }

  func encodedSize() -> Int {
    paddedStringSize(address) + typeTagsSize(arguments) + argumentsSize(arguments)
  }
}

extension OSCBundle {
  public func encoded() throws(OSCEncodeError) -> [UInt8] {
    try OSCPacket.bundle(self).encoded()
  }

  public func encode(into buffer: inout [UInt8]) throws(OSCEncodeError) {
    try OSCPacket.bundle(self).encode(into: &buffer)
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

  @inline(__always)
  mutating func string(_ string: String) {
    var copy = string
    let (count, hasNUL) = copy.withUTF8 { utf8 -> (Int, Bool) in
      guard let source = utf8.baseAddress else { return (0, false) }
      (base + offset).copyMemory(from: source, byteCount: utf8.count)
      return (utf8.count, utf8.contains(0))
    }
    if hasNUL, stringWithNUL == nil { stringWithNUL = string }
    offset += (count + 4) & ~3
  }

  mutating func write(_ packet: OSCPacket) {
    switch packet {
    case .message(let message): write(message)
    case .bundle(let bundle):
      for byte in "#bundle".utf8 {
        base.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self)
        offset += 1
      }
      offset += 1
      uint64(bundle.timetag.rawValue)
      for element in bundle.elements {
        let sizeField = offset
        offset += 4
        write(element)
        (base + sizeField).storeBytes(of: UInt32(offset - sizeField - 4).bigEndian, as: UInt32.self)
      }
    }
  }

  mutating func write(_ message: OSCMessage) {
    string(message.address)
    let tagsStart = offset
    base.storeBytes(of: UInt8(ascii: ","), toByteOffset: offset, as: UInt8.self)
    offset += 1
    writeTags(message.arguments)
    offset = tagsStart + ((offset - tagsStart + 4) & ~3)
    writeArguments(message.arguments)
  }

  private mutating func writeTags(_ arguments: [OSCArgument]) {
    for argument in arguments {
      base.storeBytes(of: argument.typeTag, toByteOffset: offset, as: UInt8.self)
      offset += 1
      if case .array(let inner) = argument {
        writeTags(inner)
        base.storeBytes(of: UInt8(ascii: "]"), toByteOffset: offset, as: UInt8.self)
        offset += 1
      }
    }
  }

  private mutating func writeArguments(_ arguments: [OSCArgument]) {
    for argument in arguments {
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
      case .array(let inner): writeArguments(inner)
      }
    }
  }
}
