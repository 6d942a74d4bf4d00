/// A validated OSC packet read in place: the receive path's zero-copy, allocation-free
/// alternative to `OSCDecoder` (which copies the datagram into an `OSCDecodedPacket`), in the
/// manner of liblo's argument pointers.
///
/// `init(validating:maxDepth:)` runs the same validating walk as `OSCDecoder.decode` (one
/// shared implementation, `Reader`), so it accepts exactly the same packets and throws the same
/// `OSCDecodeError` (kind and byte offset) for the rest. It stores no per-argument data, only a
/// few offsets; accessors walk the bytes lazily without checking them again, and never allocate
/// except where they return an owned value (`String`, `decoded()`).
///
/// Lifetime: a view (and every view it hands out: messages, bundle elements, arguments,
/// strings, blobs) points into the caller's buffer and is valid only while that buffer is
/// alive and unmodified, e.g. inside `bytes.withUnsafeBytes { … }`. Do not let a view escape
/// that scope; copy out what must outlive it (`decoded()`, `OSCStringView.string`).
public enum OSCPacketView {
  case message(OSCMessageView)
  case bundle(OSCBundleView)

  /// Validates `bytes` as one OSC packet (a whole datagram). Throws what
  /// `OSCDecoder(maxDepth: maxDepth).decode(bytes)` would throw; otherwise the view.
  public init(validating bytes: UnsafeRawBufferPointer, maxDepth: Int = 32) throws(OSCDecodeError) {
    guard !bytes.isEmpty else { throw OSCDecodeError(.empty, at: 0) }
    var reader = Reader(nonEmpty: bytes, maxDepth: maxDepth, builder: Validator())
    // The walk hands back a message's layout, so the view need not find it again.
    if let layout = try reader.packet(depth: 0) {
      self = .message(OSCMessageView(bytes: bytes, layout: layout))
    } else {
      self = .bundle(OSCBundleView(unchecked: bytes))
    }
  }

  /// A view of `bytes`, which must already have been validated as a packet.
  @inlinable
  init(unchecked bytes: UnsafeRawBufferPointer) {
    if bytes[0] == UInt8(ascii: "/") {
      self = .message(OSCMessageView(unchecked: bytes))
    } else {
      self = .bundle(OSCBundleView(unchecked: bytes))
    }
  }

  /// The owned packet, equal to `OSCPacket(decoding:)` of the same bytes.
  public func decoded() -> OSCPacket {
    switch self {
    case .message(let message): return .message(message.decoded())
    case .bundle(let bundle): return .bundle(bundle.decoded())
    }
  }
}

/// A validated message in the caller's buffer. See `OSCPacketView` for its lifetime.
public struct OSCMessageView {
  /// The message's bytes (a whole datagram, or one bundle element).
  public let bytes: UnsafeRawBufferPointer
  @usableFromInline let addressEnd: Int  // offset of the address's NUL
  @usableFromInline let tagsStart: Int  // offset of the first tag after ','
  @usableFromInline let tagsEnd: Int  // offset of the type tags' NUL (== tagsStart if there are none)
  @usableFromInline let argumentsStart: Int

  init(bytes: UnsafeRawBufferPointer, layout: MessageLayout) {
    self.bytes = bytes
    addressEnd = layout.addressEnd
    tagsStart = layout.tagsStart
    tagsEnd = layout.tagsEnd
    argumentsStart = layout.argumentsStart
  }

  @inlinable
  init(unchecked bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
    let base = bytes.baseAddress.unsafelyUnwrapped  // validated, so not empty
    addressEnd = nulOffset(base, from: 0)
    let afterAddress = paddedEnd(start: 0, nul: addressEnd)
    if afterAddress < bytes.count, base.load(fromByteOffset: afterAddress, as: UInt8.self) == UInt8(ascii: ",") {
      tagsStart = afterAddress &+ 1
      tagsEnd = nulOffset(base, from: afterAddress)  // whole words from the `,`
      argumentsStart = paddedEnd(start: afterAddress, nul: tagsEnd)
    } else {  // Old-style message: no type tags, no arguments.
      tagsStart = afterAddress
      tagsEnd = afterAddress
      argumentsStart = bytes.count
    }
  }

  /// The address (pattern): valid UTF-8, starting with `/`.
  @inlinable
  public var addressView: OSCStringView { OSCStringView(UnsafeRawBufferPointer(rebasing: bytes[..<addressEnd])) }

  /// The address as a `String` (allocates when longer than 15 bytes).
  public var address: String { addressView.string }

  /// Whether the address is exactly `other` (compared as UTF-8 bytes, no allocation).
  @inlinable
  public func addressEquals(_ other: String) -> Bool { addressView == other }

  /// The type tag string including the leading comma, e.g. `,if[ss]`; just `,` for an
  /// old-style message without one (as `decoded().typeTags`).
  public var typeTags: String {
    String(decoding: [UInt8(ascii: ",")] + bytes[tagsStart..<tagsEnd], as: UTF8.self)
  }

  /// The arguments in order, read lazily; arrays come as nested `OSCArgumentsView`s.
  @inlinable
  public var arguments: OSCArgumentsView {
    OSCArgumentsView(
      base: bytes.baseAddress.unsafelyUnwrapped, tag: tagsStart, tagsEnd: tagsEnd, position: argumentsStart)
  }

  /// The owned message, equal to what `OSCPacket(decoding:)` builds.
  public func decoded() -> OSCMessage {
    OSCMessage(address, arguments.decoded())
  }
}

/// A validated bundle in the caller's buffer; a sequence of its elements, read lazily. See
/// `OSCPacketView` for its lifetime.
public struct OSCBundleView: Sequence {
  /// The bundle's bytes, from `#bundle`.
  public let bytes: UnsafeRawBufferPointer

  @inlinable
  init(unchecked bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  @inlinable
  public var timetag: Timetag {
    Timetag(rawValue: loadBigEndian(bytes.baseAddress.unsafelyUnwrapped, at: 8, as: UInt64.self))
  }

  /// The elements in order (the bundle itself, as a sequence).
  @inlinable
  public var elements: OSCBundleView { self }

  @inlinable
  public func makeIterator() -> Iterator { Iterator(bytes: bytes, position: 16) }

  /// Walks the elements' size prefixes.
  public struct Iterator: IteratorProtocol {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var position: Int

    @inlinable
    init(bytes: UnsafeRawBufferPointer, position: Int) {
      self.bytes = bytes
      self.position = position
    }

    @inlinable
    public mutating func next() -> OSCPacketView? {
      guard position < bytes.count else { return nil }
      let start = position + 4
      position = start &+ Int(loadBigEndian(bytes.baseAddress.unsafelyUnwrapped, at: position, as: UInt32.self))
      return OSCPacketView(unchecked: UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
    }
  }

  /// The owned bundle, equal to what `OSCPacket(decoding:)` builds.
  public func decoded() -> OSCBundle {
    OSCBundle(timetag: timetag, map { $0.decoded() })
  }
}

/// A validated OSC string (address, `s` or `S` argument) in the caller's buffer: valid UTF-8,
/// without NUL. See `OSCPacketView` for its lifetime.
public struct OSCStringView {
  /// The UTF-8 bytes, without terminator or padding.
  public let bytes: UnsafeRawBufferPointer

  @inlinable
  init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  /// The length in UTF-8 bytes.
  @inlinable
  public var count: Int { bytes.count }

  /// The string (allocates when longer than 15 bytes). Does not validate again.
  public var string: String {
    if let small = SmallString.ascii(at: bytes.baseAddress.unsafelyUnwrapped, count: bytes.count) { return small }
    return String(copying: UTF8Span(unchecked: bytes.assumingMemoryBound(to: UInt8.self).span))
  }

  /// Compares UTF-8 bytes with `other` without allocating.
  @inlinable
  public static func == (view: OSCStringView, other: String) -> Bool {
    var other = other
    return other.withUTF8 { $0.elementsEqual(view.bytes) }
  }
}

/// Validates without building anything (`OSCPacketView`'s use of the shared walk).
struct Validator: PacketBuilder {
  @inline(__always) func arguments(reserving capacity: Int) {}
  @inline(__always) func append(_ argument: RawArgument, to arguments: inout Void) {}
  @inline(__always) func append(word32: UInt32, tag: UInt8, to arguments: inout Void) {}
  @inline(__always) func append(array: Void, to arguments: inout Void) {}
  /// A message's layout; `nil` for a bundle.
  @inline(__always) func message(address: RawString, layout: MessageLayout, arguments: Void) -> MessageLayout? {
    layout
  }
  @inline(__always) func elements() {}
  @inline(__always) func append(element: MessageLayout?, to elements: inout Void) {}
  @inline(__always) func bundle(timetag: Timetag, elements: Void) -> MessageLayout? { nil }
}

/// The offset of the first NUL at or after `start`, scanning whole words from `start` (one must
/// exist within a word-padded string: the bytes are validated).
@inlinable @inline(__always)
func nulOffset(_ base: UnsafeRawPointer, from start: Int) -> Int {
  var word = start
  while true {
    let zeros = zeroBytes(base, at: word)
    if zeros != 0 { return word &+ zeros.trailingZeroBitCount &>> 3 }
    word &+= 4
  }
}

/// The word at `offset` loaded so that memory order is low to high bits, and a mask with bit 7
/// of each byte set for bytes that may be zero. A word has a zero byte iff the mask is non-zero,
/// and the lowest set bit marks the first zero byte exactly (borrows only propagate upwards,
/// so false positives only follow a true zero).
@inlinable @inline(__always)
func zeroBytes(_ base: UnsafeRawPointer, at offset: Int) -> UInt32 {
  let value = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  return (value &- 0x0101_0101) & ~value & 0x8080_8080
}

/// Where a string starting at `start` whose NUL is at `nul` ends, padding included.
@inlinable @inline(__always)
func paddedEnd(start: Int, nul: Int) -> Int { start &+ ((nul &- start) & ~3) &+ 4 }

@inlinable @inline(__always)
func loadBigEndian<T: FixedWidthInteger>(_ base: UnsafeRawPointer, at offset: Int, as: T.Type) -> T {
  T(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
}
