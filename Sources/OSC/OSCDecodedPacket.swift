/// A decoded OSC packet, as `OSCDecoder` returns it: it owns a copy of the datagram and every
/// argument already decoded, in one allocation for the whole packet (bundles included).
///
/// Numbers, timetags, characters, colours and MIDI messages are decoded into the packet;
/// strings, symbols and blobs are slices of its copy of the datagram (`OSCDecodedString`,
/// `OSCDecodedBlob`), made into a Swift `String` or `[UInt8]` only when asked. Unlike
/// `OSCPacketView`, a decoded packet does not borrow the caller's buffer: keep it, send it to
/// another thread, read it as often as needed. `OSCPacket(_:)` builds the equivalent owned value
/// tree (the encoder's input type).
///
/// The types that hold the storage are `@unchecked Sendable`: it is never written after
/// `OSCDecoder` returns it.
public enum OSCDecodedPacket: Sendable {
  case message(OSCDecodedMessage)
  case bundle(OSCDecodedBundle)

  @inlinable @inline(__always)
  init(_ storage: OSCDecodedStorage, slot: Int) {
    if storage.slot(slot).tag == UInt8(ascii: "#") {
      self = .bundle(OSCDecodedBundle(storage, slot: slot))
    } else {
      self = .message(OSCDecodedMessage(storage, slot: slot))
    }
  }
}

/// A decoded message: its address and arguments. See `OSCDecodedPacket`.
public struct OSCDecodedMessage: @unchecked Sendable {
  @usableFromInline let storage: OSCDecodedStorage
  @usableFromInline let slot: Int

  @inlinable @inline(__always)
  init(_ storage: OSCDecodedStorage, slot: Int) {
    self.storage = storage
    self.slot = slot
  }

  /// The address (pattern)'s UTF-8 bytes.
  @inlinable
  public var addressBytes: OSCDecodedString { addressSlice }

  @inlinable
  var addressSlice: OSCDecodedString {
    let s = storage.slot(slot)
    return OSCDecodedString(storage, offset: s.offset, count: s.count)
  }

  /// The address as a `String` (allocates when longer than 15 bytes).
  public var address: String { addressSlice.string }

  /// Whether the address is exactly `other` (compared as UTF-8 bytes, no allocation).
  public func addressEquals(_ other: String) -> Bool { addressSlice == other }

  /// The type tag string including the leading comma, e.g. `,if[ss]`; just `,` for an
  /// old-style message without one (as `OSCMessage(self).typeTags`).
  public var typeTags: String {
    let s = storage.slot(slot)
    guard s.extra > 0 else { return "," }
    // Arguments exist, so the type tags follow the address's padding.
    let tags = paddedEnd(start: s.offset, nul: s.offset &+ s.count)
    return storage.withBase { base, _ in
      String(
        decoding: UnsafeRawBufferPointer(start: base + tags, count: nulOffset(base, from: tags) &- tags), as: UTF8.self)
    }
  }

  /// The arguments in order; arrays come as nested `OSCDecodedArguments`.
  @inlinable
  public var arguments: OSCDecodedArguments {
    let s = storage.slot(slot)
    return OSCDecodedArguments(storage, start: slot &+ 1, end: slot &+ 1 &+ Int(s.extra))
  }
}

/// A decoded bundle: its timetag and elements. See `OSCDecodedPacket`.
public struct OSCDecodedBundle: @unchecked Sendable {
  @usableFromInline let storage: OSCDecodedStorage
  @usableFromInline let slot: Int

  @inlinable @inline(__always)
  init(_ storage: OSCDecodedStorage, slot: Int) {
    self.storage = storage
    self.slot = slot
  }

  @inlinable
  public var timetag: Timetag { Timetag(rawValue: storage.slot(slot).value) }

  /// The elements in order: messages and bundles.
  @inlinable
  public var elements: Elements {
    Elements(storage: storage, start: slot &+ 1, end: slot &+ 1 &+ Int(storage.slot(slot).extra))
  }

  /// A bundle's elements, in order.
  public struct Elements: Collection, @unchecked Sendable {
    @usableFromInline let storage: OSCDecodedStorage
    @usableFromInline let start: Int
    @usableFromInline let end: Int

    @inlinable
    init(storage: OSCDecodedStorage, start: Int, end: Int) {
      self.storage = storage
      self.start = start
      self.end = end
    }

    public typealias Index = OSCDecodedSlot

    @inlinable public var startIndex: Index { Index(slot: start) }
    @inlinable public var endIndex: Index { Index(slot: end) }

    /// Past the element's whole subtree.
    @inlinable
    public func index(after i: Index) -> Index {
      Index(slot: i.slot &+ 1 &+ Int(storage.slot(i.slot).extra))
    }

    @inlinable
    public subscript(position: Index) -> OSCDecodedPacket { OSCDecodedPacket(storage, slot: position.slot) }
  }
}

/// The arguments of one level of a decoded message (the whole message, or one `[ ]` array).
public struct OSCDecodedArguments: Collection, @unchecked Sendable {
  @usableFromInline let storage: OSCDecodedStorage
  @usableFromInline let start: Int
  @usableFromInline let end: Int

  @inlinable @inline(__always)
  init(_ storage: OSCDecodedStorage, start: Int, end: Int) {
    self.storage = storage
    self.start = start
    self.end = end
  }

  /// A position among the arguments (not an ordinal: use `dropFirst`, `Array(_:)` or
  /// `enumerated()` to count).
  public typealias Index = OSCDecodedSlot

  @inlinable public var startIndex: Index { Index(slot: start) }
  @inlinable public var endIndex: Index { Index(slot: end) }

  /// Past the argument (and everything inside it, for an array).
  @inlinable @inline(__always)
  public func index(after i: Index) -> Index {
    let s = storage.slot(i.slot)
    // `extra` is 0 for every argument but an array.
    return Index(slot: i.slot &+ 1 &+ Int(s.extra))
  }

  @inlinable @inline(__always)
  public subscript(position: Index) -> OSCDecodedArgument {
    OSCDecodedArgument(storage, slot: position.slot, storage.slot(position.slot))
  }

  @inlinable
  public func makeIterator() -> Iterator { Iterator(storage: storage, slot: start, end: end) }

  /// Steps through the slots directly (one read per argument).
  public struct Iterator: IteratorProtocol {
    @usableFromInline let storage: OSCDecodedStorage
    @usableFromInline var slot: Int
    @usableFromInline let end: Int

    @inlinable
    init(storage: OSCDecodedStorage, slot: Int, end: Int) {
      self.storage = storage
      self.slot = slot
      self.end = end
    }

    @inlinable @inline(__always)
    public mutating func next() -> OSCDecodedArgument? {
      guard slot < end else { return nil }
      let index = slot
      let s = storage.slot(index)
      slot = index &+ 1 &+ Int(s.extra)  // `extra` is 0 for every argument but an array
      return OSCDecodedArgument(storage, slot: index, s)
    }
  }
}

/// One decoded argument. Mirrors `OSCArgument` case for case; strings, symbols and blobs are
/// slices of the packet's copy of the datagram.
public enum OSCDecodedArgument: Sendable {
  case int32(Int32)  // i
  case float32(Float)  // f
  case string(OSCDecodedString)  // s
  case blob(OSCDecodedBlob)  // b
  case int64(Int64)  // h
  case timetag(Timetag)  // t
  case float64(Double)  // d
  case symbol(OSCDecodedString)  // S
  case character(Unicode.Scalar)  // c
  case rgba(UInt32)  // r
  case midi(MIDIMessage)  // m
  case `true`  // T
  case `false`  // F
  case `nil`  // N
  case impulse  // I
  case array(OSCDecodedArguments)  // [ … ]

  @inlinable @inline(__always)
  init(_ storage: OSCDecodedStorage, slot index: Int, _ slot: Slot) {
    let v = slot.value
    switch slot.tag {
    case UInt8(ascii: "i"): self = .int32(Int32(truncatingIfNeeded: v))
    case UInt8(ascii: "f"): self = .float32(Float(bitPattern: UInt32(truncatingIfNeeded: v)))
    case UInt8(ascii: "s"): self = .string(OSCDecodedString(storage, offset: slot.offset, count: slot.count))
    case UInt8(ascii: "S"): self = .symbol(OSCDecodedString(storage, offset: slot.offset, count: slot.count))
    case UInt8(ascii: "b"): self = .blob(OSCDecodedBlob(storage: storage, offset: slot.offset, count: slot.count))
    case UInt8(ascii: "h"): self = .int64(Int64(bitPattern: v))
    case UInt8(ascii: "t"): self = .timetag(Timetag(rawValue: v))
    case UInt8(ascii: "d"): self = .float64(Double(bitPattern: v))
    // Validated when decoded: a Unicode scalar value.
    case UInt8(ascii: "c"): self = .character(Unicode.Scalar(UInt32(truncatingIfNeeded: v)) ?? "\u{FFFD}")
    case UInt8(ascii: "r"): self = .rgba(UInt32(truncatingIfNeeded: v))
    case UInt8(ascii: "m"): self = .midi(MIDIMessage(packed: UInt32(truncatingIfNeeded: v)))
    case UInt8(ascii: "T"): self = .true
    case UInt8(ascii: "F"): self = .false
    case UInt8(ascii: "N"): self = .nil
    case UInt8(ascii: "["):
      self = .array(OSCDecodedArguments(storage, start: index &+ 1, end: index &+ 1 &+ Int(slot.extra)))
    default: self = .impulse  // "I" (the decoder writes no other tag)
    }
  }
}

/// A decoded string (address, `s` or `S` argument): valid UTF-8 without NUL, a slice of the
/// packet's copy of the datagram.
public struct OSCDecodedString: @unchecked Sendable, CustomStringConvertible {
  @usableFromInline let storage: OSCDecodedStorage
  @usableFromInline let offset: Int
  /// The length in UTF-8 bytes.
  public let count: Int

  @inlinable @inline(__always)
  init(_ storage: OSCDecodedStorage, offset: Int, count: Int) {
    self.storage = storage
    self.offset = offset
    self.count = count
  }

  /// The string (allocates when longer than 15 bytes). Does not validate again.
  public var string: String {
    storage.withBytes(at: offset, count: count) { bytes in
      // The copy holds the string's NUL and padding after it, as the fast path needs.
      if count > 0, let small = SmallString.ascii(at: bytes.baseAddress.unsafelyUnwrapped, count: count) {
        return small
      }
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  public var description: String { string }

  /// Calls `body` with the UTF-8 bytes (valid only inside it).
  public func withUTF8<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try storage.withBytes(at: offset, count: count, body)
  }

  /// Compares UTF-8 bytes with `other` without allocating.
  public static func == (decoded: OSCDecodedString, other: String) -> Bool {
    var other = other
    return other.withUTF8 { utf8 in decoded.withUTF8 { $0.elementsEqual(utf8) } }
  }
}

/// A decoded blob: a slice of the packet's copy of the datagram.
public struct OSCDecodedBlob: @unchecked Sendable {
  @usableFromInline let storage: OSCDecodedStorage
  @usableFromInline let offset: Int
  /// The length in bytes.
  public let count: Int

  @inlinable @inline(__always)
  init(storage: OSCDecodedStorage, offset: Int, count: Int) {
    self.storage = storage
    self.offset = offset
    self.count = count
  }

  /// A copy of the bytes.
  public var bytes: [UInt8] { withUnsafeBytes { [UInt8]($0) } }

  /// Calls `body` with the bytes (valid only inside it).
  public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try storage.withBytes(at: offset, count: count, body)
  }
}

// MARK: - Owned values

extension OSCPacket {
  /// The owned value tree of a decoded packet (strings and blobs copied out).
  public init(_ decoded: OSCDecodedPacket) {
    switch decoded {
    case .message(let m): self = .message(OSCMessage(m))
    case .bundle(let b): self = .bundle(OSCBundle(b))
    }
  }

  /// Decodes a datagram with the default `OSCDecoder` and builds its owned value tree.
  public init(decoding bytes: [UInt8]) throws(OSCDecodeError) {
    self.init(try OSCDecoder().decode(bytes))
  }
}

extension OSCMessage {
  /// The owned message (strings and blobs copied out).
  public init(_ decoded: OSCDecodedMessage) {
    self.init(decoded.address, decoded.arguments.map(OSCArgument.init))
  }
}

extension OSCBundle {
  /// The owned bundle (strings and blobs copied out).
  public init(_ decoded: OSCDecodedBundle) {
    self.init(timetag: decoded.timetag, decoded.elements.map(OSCPacket.init))
  }
}

extension OSCArgument {
  /// The owned argument (strings and blobs copied out).
  public init(_ decoded: OSCDecodedArgument) {
    switch decoded {
    case .int32(let v): self = .int32(v)
    case .float32(let v): self = .float32(v)
    case .string(let v): self = .string(v.string)
    case .blob(let v): self = .blob(v.bytes)
    case .int64(let v): self = .int64(v)
    case .timetag(let v): self = .timetag(v)
    case .float64(let v): self = .float64(v)
    case .symbol(let v): self = .symbol(v.string)
    case .character(let v): self = .character(v)
    case .rgba(let v): self = .rgba(v)
    case .midi(let v): self = .midi(v)
    case .true: self = .true
    case .false: self = .false
    case .nil: self = .nil
    case .impulse: self = .impulse
    case .array(let v): self = .array(v.map(OSCArgument.init))
    }
  }
}

/// A position in a decoded packet's slots: the index of a bundle's elements and of a message's
/// arguments (not an ordinal: an element or array spans its whole subtree of slots).
public struct OSCDecodedSlot: Comparable, Sendable {
  @usableFromInline let slot: Int
  @inlinable init(slot: Int) { self.slot = slot }
  @inlinable public static func < (a: OSCDecodedSlot, b: OSCDecodedSlot) -> Bool { a.slot < b.slot }
}
