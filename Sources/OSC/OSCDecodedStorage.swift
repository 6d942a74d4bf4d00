/// The memory of one decoded packet: a copy of the datagram and, after it, one `Slot` per
/// message, bundle, array and argument in the packet, in the order they appear (pre-order).
/// One allocation per packet, however many messages a bundle holds.
///
/// Strings, symbols and blobs stay where they are in the copy (a slot holds their offset and
/// length); every other argument is decoded (byte-swapped) into its slot. This is what liblo's
/// `lo_message_deserialise` builds too (a copy of the data, swapped in place, and an array of
/// pointers to the arguments), but for a whole bundle at once. Immutable once built, so the
/// decoded types that hold it share it freely across threads.
@usableFromInline
final class OSCDecodedStorage: ManagedBuffer<OSCDecodedStorage.Header, UInt8> {
  @usableFromInline
  struct Header {
    /// Bytes of the datagram copied at the start of the elements.
    let byteCount: Int
    /// Where the slots start (the copy's length rounded up to 16).
    @usableFromInline let slotsOffset: Int
    /// Slots there is room for.
    let slotCapacity: Int
    /// Slots written.
    var slotCount: Int
  }

  /// Storage holding a copy of `bytes` and room for `slotCapacity` slots.
  static func make(copying bytes: UnsafeRawBufferPointer, slotCapacity: Int) -> OSCDecodedStorage {
    let slotsOffset = (bytes.count &+ 15) & ~15
    let buffer = create(minimumCapacity: slotsOffset &+ slotCapacity &* MemoryLayout<Slot>.stride) { _ in
      Header(byteCount: bytes.count, slotsOffset: slotsOffset, slotCapacity: slotCapacity, slotCount: 0)
    }
    let storage = unsafeDowncast(buffer, to: OSCDecodedStorage.self)
    storage.withUnsafeMutablePointerToElements { elements in
      if let source = bytes.baseAddress {
        UnsafeMutableRawPointer(elements).copyMemory(from: source, byteCount: bytes.count)
      }
    }
    return storage
  }

  /// Calls `body` with the first byte of the copy (offsets of strings and blobs count from it)
  /// and the first slot. Reads the header through its pointer: `header` itself is a class's
  /// stored property, and every access to it would be checked for exclusivity at run time.
  @inlinable @inline(__always)
  func withBase<R>(_ body: (UnsafeRawPointer, UnsafeRawPointer) throws -> R) rethrows -> R {
    try withUnsafeMutablePointers { header, elements in
      let base = UnsafeRawPointer(elements)
      return try body(base, base + header.pointee.slotsOffset)
    }
  }

  /// Records how many slots were written (once, when decoding ends).
  func setSlotCount(_ count: Int) {
    withUnsafeMutablePointerToHeader { $0.pointee.slotCount = count }
  }

  /// Slots written.
  var slotCount: Int { withUnsafeMutablePointerToHeader { $0.pointee.slotCount } }

  /// Slots there is room for.
  var slotCapacity: Int { withUnsafeMutablePointerToHeader { $0.pointee.slotCapacity } }

  /// Bytes of the datagram copied.
  var byteCount: Int { withUnsafeMutablePointerToHeader { $0.pointee.byteCount } }

  @inlinable @inline(__always)
  func slot(_ index: Int) -> Slot {
    withBase { _, slots in slots.load(fromByteOffset: index &* MemoryLayout<Slot>.stride, as: Slot.self) }
  }

  /// The `count` bytes at `offset` in the copy, valid inside `body`.
  @inlinable @inline(__always)
  func withBytes<R>(at offset: Int, count: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try withBase { base, _ in try body(UnsafeRawBufferPointer(start: base + offset, count: count)) }
  }
}

/// One entry of a decoded packet, 16 bytes. `tag` is the argument's type tag, `/` for a
/// message, `#` for a bundle and `[` for an array.
///
/// - message: `value` is the address (`offset << 32 | length`), `extra` the number of slots of
///   its arguments (nested arrays included), which follow it.
/// - bundle: `value` is the timetag, `extra` the number of slots of its elements (each a
///   message or bundle with everything inside it), which follow it.
/// - array: `extra` the number of slots inside it, which follow it.
/// - `s`, `S`, `b`: `value` is `offset << 32 | length` in the copy (without NUL, padding or, for
///   blobs, the size word).
/// - the rest: `value` holds the decoded bits (zero-extended), zero for `T F N I`.
@usableFromInline
struct Slot {
  @usableFromInline var value: UInt64
  @usableFromInline var extra: UInt32
  @usableFromInline var tag: UInt8

  @inline(__always)
  init(tag: UInt8, value: UInt64 = 0, extra: UInt32 = 0) {
    self.value = value
    self.extra = extra
    self.tag = tag
  }

  @inline(__always)
  init(tag: UInt8, offset: Int, count: Int) {
    self.init(tag: tag, value: UInt64(truncatingIfNeeded: offset) &<< 32 | UInt64(truncatingIfNeeded: count))
  }

  @inlinable @inline(__always) var offset: Int { Int(truncatingIfNeeded: value &>> 32) }
  @inlinable @inline(__always) var count: Int { Int(truncatingIfNeeded: value & 0xFFFF_FFFF) }
}

/// Writes slots into an `OSCDecodedStorage` during the validating walk (`OSCDecoder`'s use of
/// `Reader`). An argument list or bundle reserves its header slot when it opens and fills it in
/// when it closes, so slots stay in pre-order.
///
/// Allocation stays bounded by the input: every slot stands for at least one byte of the packet
/// (a type tag, an address, a bundle header), so there are never more slots than bytes, and
/// growing never goes past that (room is made a message at a time: its header and a slot per
/// type tag).
///
/// It holds its storage unmanaged (one reference, taken by `finish` or dropped by `abandon`),
/// so that moving the storage out of the walk costs no reference counting. It keeps only what
/// each slot needs (3 words, which the walk's loop holds in registers); slot 0, the room left
/// and the input's size are read from the storage when a message or bundle opens or closes.
struct SlotBuilder: PacketBuilder {
  private var storage: Unmanaged<OSCDecodedStorage>
  /// The next free slot.
  private var cursor: UnsafeMutableRawPointer
  /// The input's first byte: string and blob offsets are measured from it.
  private let input: UnsafeRawPointer

  init(copying bytes: UnsafeRawBufferPointer) {
    input = bytes.baseAddress.unsafelyUnwrapped
    // A guess that fits typical messages (an argument with a payload takes at least 5 bytes);
    // `grow` handles the rest.
    let capacity = bytes.count / 4 &+ 4
    let storage = OSCDecodedStorage.make(copying: bytes, slotCapacity: capacity)
    cursor = storage.withBase { _, slots in UnsafeMutableRawPointer(mutating: slots) }
    self.storage = .passRetained(storage)
  }

  /// Slot 0 (read from the storage when a message or bundle closes, not kept in the walk).
  private var first: UnsafeMutableRawPointer {
    storage._withUnsafeGuaranteedRef { $0.withBase { _, slots in UnsafeMutableRawPointer(mutating: slots) } }
  }

  private var count: Int { (cursor - first) / MemoryLayout<Slot>.stride }

  /// The end of the room for slots.
  private var limit: UnsafeMutableRawPointer {
    first + storage._withUnsafeGuaranteedRef { $0.slotCapacity } &* MemoryLayout<Slot>.stride
  }

  /// The storage with every slot written, after a successful walk. Call once, and nothing else
  /// after it.
  func finish() -> OSCDecodedStorage {
    let storage = self.storage.takeRetainedValue()
    storage.setSlotCount(count)
    return storage
  }

  /// Frees the storage after a failed walk. Call once, and nothing else after it.
  func abandon() { storage.release() }

  /// Moves to storage with room for at least `room` more slots.
  @inline(never)
  private mutating func grow(room: Int) {
    let count = self.count
    let (capacity, inputCount) = storage._withUnsafeGuaranteedRef { ($0.slotCapacity, $0.byteCount) }
    let larger = Swift.max(count &+ room, Swift.min(capacity &* 2, inputCount &+ 4))
    let bigger = OSCDecodedStorage.make(
      copying: UnsafeRawBufferPointer(start: input, count: inputCount), slotCapacity: larger)
    let target = bigger.withBase { _, slots in UnsafeMutableRawPointer(mutating: slots) }
    target.copyMemory(from: first, byteCount: count &* MemoryLayout<Slot>.stride)
    storage.release()
    storage = .passRetained(bigger)
    cursor = target + count &* MemoryLayout<Slot>.stride
  }

  /// Writes `slot` at the cursor; its index. Room was made when the message or bundle opened:
  /// a message has at most one slot per type tag, plus its own.
  @inline(__always)
  private mutating func add(_ slot: Slot) -> Int {
    assert(cursor < limit, "more slots than the message's type tags")
    cursor.storeBytes(of: slot, as: Slot.self)
    defer { cursor += MemoryLayout<Slot>.stride }
    return count
  }

  @inline(__always)
  private func set(_ slot: Slot, at index: Int) {
    first.storeBytes(of: slot, toByteOffset: index &* MemoryLayout<Slot>.stride, as: Slot.self)
  }

  @inline(__always)
  private func offset(of pointer: UnsafeRawPointer?) -> Int { pointer.unsafelyUnwrapped - input }

  /// The list's header slot.
  @inline(__always)
  mutating func arguments(reserving capacity: Int) -> Int {
    // Room for the header and a slot per type tag at once, so that `append` need not check.
    if limit - cursor < (capacity &+ 1) &* MemoryLayout<Slot>.stride { grow(room: capacity &+ 1) }
    return add(Slot(tag: 0))
  }

  @inline(__always)
  mutating func append(_ argument: RawArgument, to arguments: inout Int) {
    let slot: Slot
    switch argument {
    case .int32(let v): slot = Slot(tag: UInt8(ascii: "i"), value: UInt64(UInt32(bitPattern: v)))
    case .float32(let v): slot = Slot(tag: UInt8(ascii: "f"), value: UInt64(v.bitPattern))
    case .string(let v):
      slot = Slot(tag: UInt8(ascii: "s"), offset: offset(of: v.bytes.baseAddress), count: v.bytes.count)
    case .blob(let v): slot = Slot(tag: UInt8(ascii: "b"), offset: offset(of: v.baseAddress), count: v.count)
    case .int64(let v): slot = Slot(tag: UInt8(ascii: "h"), value: UInt64(bitPattern: v))
    case .timetag(let v): slot = Slot(tag: UInt8(ascii: "t"), value: v.rawValue)
    case .float64(let v): slot = Slot(tag: UInt8(ascii: "d"), value: v.bitPattern)
    case .symbol(let v):
      slot = Slot(tag: UInt8(ascii: "S"), offset: offset(of: v.bytes.baseAddress), count: v.bytes.count)
    case .character(let v): slot = Slot(tag: UInt8(ascii: "c"), value: UInt64(v.value))
    case .rgba(let v): slot = Slot(tag: UInt8(ascii: "r"), value: UInt64(v))
    case .midi(let v): slot = Slot(tag: UInt8(ascii: "m"), value: UInt64(v.packed))
    case .true: slot = Slot(tag: UInt8(ascii: "T"))
    case .false: slot = Slot(tag: UInt8(ascii: "F"))
    case .nil: slot = Slot(tag: UInt8(ascii: "N"))
    case .impulse: slot = Slot(tag: UInt8(ascii: "I"))
    }
    _ = add(slot)
  }

  @inline(__always)
  mutating func append(word32: UInt32, tag: UInt8, to arguments: inout Int) {
    _ = add(Slot(tag: tag, value: UInt64(word32)))
  }

  @inline(__always)
  mutating func append(array: Int, to arguments: inout Int) {
    set(Slot(tag: UInt8(ascii: "["), extra: UInt32(truncatingIfNeeded: count &- array &- 1)), at: array)
  }

  @inline(__always)
  mutating func message(address: RawString, layout: MessageLayout, arguments: Int) -> Int {
    let slot = Slot(tag: UInt8(ascii: "/"), offset: offset(of: address.bytes.baseAddress), count: address.bytes.count)
    set(
      Slot(tag: slot.tag, value: slot.value, extra: UInt32(truncatingIfNeeded: count &- arguments &- 1)), at: arguments)
    return arguments
  }

  @inline(__always)
  mutating func elements() -> Int {
    if cursor == limit { grow(room: 1) }
    return add(Slot(tag: 0))
  }

  @inline(__always)
  mutating func append(element: Int, to elements: inout Int) {}

  @inline(__always)
  mutating func bundle(timetag: Timetag, elements: Int) -> Int {
    set(
      Slot(tag: UInt8(ascii: "#"), value: timetag.rawValue, extra: UInt32(truncatingIfNeeded: count &- elements &- 1)),
      at: elements)
    return elements
  }
}

extension MIDIMessage {
  /// The wire's big-endian word: port, status, data 1, data 2 from the top byte down.
  @inline(__always)
  var packed: UInt32 { UInt32(port) << 24 | UInt32(status) << 16 | UInt32(data1) << 8 | UInt32(data2) }
}
