/// One argument of an `OSCMessageView`, read in place. Mirrors `OSCArgument` case for case;
/// strings, symbols and blobs point into the caller's buffer instead of copying it (see
/// `OSCPacketView` for the lifetime).
public enum OSCArgumentView {
  case int32(Int32)  // i
  case float32(Float)  // f
  case string(OSCStringView)  // s
  /// `b`: the blob's bytes.
  case blob(UnsafeRawBufferPointer)
  case int64(Int64)  // h
  case timetag(Timetag)  // t
  case float64(Double)  // d
  case symbol(OSCStringView)  // S
  case character(Unicode.Scalar)  // c
  case rgba(UInt32)  // r
  case midi(MIDIMessage)  // m
  case `true`  // T
  case `false`  // F
  case `nil`  // N
  case impulse  // I
  case array(OSCArgumentsView)  // [ … ]

  /// The owned argument, equal to what `OSCPacket(decoding:)` builds.
  public func decoded() -> OSCArgument {
    switch self {
    case .int32(let v): return .int32(v)
    case .float32(let v): return .float32(v)
    case .string(let v): return .string(v.string)
    case .blob(let v): return .blob([UInt8](v))
    case .int64(let v): return .int64(v)
    case .timetag(let v): return .timetag(v)
    case .float64(let v): return .float64(v)
    case .symbol(let v): return .symbol(v.string)
    case .character(let v): return .character(v)
    case .rgba(let v): return .rgba(v)
    case .midi(let v): return .midi(v)
    case .true: return .true
    case .false: return .false
    case .nil: return .nil
    case .impulse: return .impulse
    case .array(let v): return .array(v.decoded())
    }
  }
}

/// The arguments of one level of a validated message (the whole message, or one `[ ]` array),
/// read lazily from the caller's buffer (see `OSCPacketView` for the lifetime). Iterating is
/// allocation-free; each step reads one type tag and its payload. Stepping over a nested array
/// walks it, so nested arrays cost O(size × depth).
public struct OSCArgumentsView: Sequence {
  @usableFromInline let base: UnsafeRawPointer  // the message's first byte
  @usableFromInline let tag: Int  // offset of this level's first type tag
  @usableFromInline let tagsEnd: Int  // offset of the type tag string's NUL
  @usableFromInline let position: Int  // offset of this level's first payload

  @inlinable
  init(base: UnsafeRawPointer, tag: Int, tagsEnd: Int, position: Int) {
    self.base = base
    self.tag = tag
    self.tagsEnd = tagsEnd
    self.position = position
  }

  @inlinable
  public func makeIterator() -> Iterator {
    Iterator(base: base, tag: tag, tagsEnd: tagsEnd, position: position)
  }

  /// The owned arguments, equal to what `OSCPacket(decoding:)` builds.
  public func decoded() -> [OSCArgument] {
    var result: [OSCArgument] = []
    for argument in self { result.append(argument.decoded()) }
    return result
  }

  /// Reads one argument per call; `nil` at the end of the tags or at this level's `]`.
  public struct Iterator: IteratorProtocol {
    @usableFromInline let base: UnsafeRawPointer
    @usableFromInline var tag: Int
    @usableFromInline var tagsEnd: Int
    @usableFromInline var position: Int

    @inlinable
    init(base: UnsafeRawPointer, tag: Int, tagsEnd: Int, position: Int) {
      self.base = base
      self.tag = tag
      self.tagsEnd = tagsEnd
      self.position = position
    }

    @inlinable @inline(__always)
    public mutating func next() -> OSCArgumentView? {
      guard tag < tagsEnd else { return nil }
      let code = base.load(fromByteOffset: tag, as: UInt8.self)
      tag &+= 1
      let start = position
      switch code {
      case UInt8(ascii: "i"):
        position &+= 4
        return .int32(Int32(bitPattern: word32(at: start)))
      case UInt8(ascii: "f"):
        position &+= 4
        return .float32(Float(bitPattern: word32(at: start)))
      case UInt8(ascii: "s"):
        let nul = nulOffset(base, from: start)
        position = paddedEnd(start: start, nul: nul)
        return .string(OSCStringView(UnsafeRawBufferPointer(start: base + start, count: nul &- start)))
      case UInt8(ascii: "S"):
        let nul = nulOffset(base, from: start)
        position = paddedEnd(start: start, nul: nul)
        return .symbol(OSCStringView(UnsafeRawBufferPointer(start: base + start, count: nul &- start)))
      case UInt8(ascii: "b"):
        let count = Int(word32(at: start))
        position = start &+ 4 &+ ((count &+ 3) & ~3)
        return .blob(UnsafeRawBufferPointer(start: base + (start &+ 4), count: count))
      case UInt8(ascii: "h"):
        position &+= 8
        return .int64(Int64(bitPattern: word64(at: start)))
      case UInt8(ascii: "t"):
        position &+= 8
        return .timetag(Timetag(rawValue: word64(at: start)))
      case UInt8(ascii: "d"):
        position &+= 8
        return .float64(Double(bitPattern: word64(at: start)))
      case UInt8(ascii: "c"):
        position &+= 4
        // Validated: a non-negative code that is a Unicode scalar value.
        return .character(Unicode.Scalar(word32(at: start)) ?? "\u{FFFD}")
      case UInt8(ascii: "r"):
        position &+= 4
        return .rgba(word32(at: start))
      case UInt8(ascii: "m"):
        position &+= 4
        return .midi(MIDIMessage(packed: word32(at: start)))
      case UInt8(ascii: "T"): return .true
      case UInt8(ascii: "F"): return .false
      case UInt8(ascii: "N"): return .nil
      case UInt8(ascii: "I"): return .impulse
      case UInt8(ascii: "["):
        let inner = OSCArgumentsView(base: base, tag: tag, tagsEnd: tagsEnd, position: position)
        (tag, position) = Self.end(ofArrayIn: base, tag: tag, position: position)
        return .array(inner)
      default:  // "]" (validation admits no other tag): this level ends.
        tagsEnd = tag
        return nil
      }
    }

    @inlinable @inline(__always)
    func word32(at offset: Int) -> UInt32 {
      loadBigEndian(base, at: offset, as: UInt32.self)
    }

    @inlinable @inline(__always)
    func word64(at offset: Int) -> UInt64 {
      loadBigEndian(base, at: offset, as: UInt64.self)
    }

    /// The tag and payload offsets just past the `]` of the array whose first tag is at `tag`.
    /// Skips payloads without building values (validated: sizes are in bounds). Static, so the
    /// iterator's state stays in registers in `next()`.
    @usableFromInline
    static func end(ofArrayIn base: UnsafeRawPointer, tag: Int, position: Int) -> (Int, Int) {
      var tag = tag
      var position = position
      var depth = 1
      while depth > 0 {
        let code = base.load(fromByteOffset: tag, as: UInt8.self)
        tag &+= 1
        switch code {
        case UInt8(ascii: "i"), UInt8(ascii: "f"), UInt8(ascii: "c"), UInt8(ascii: "r"), UInt8(ascii: "m"):
          position &+= 4
        case UInt8(ascii: "h"), UInt8(ascii: "t"), UInt8(ascii: "d"): position &+= 8
        case UInt8(ascii: "s"), UInt8(ascii: "S"):
          position = paddedEnd(start: position, nul: nulOffset(base, from: position))
        case UInt8(ascii: "b"): position &+= 4 &+ ((Int(loadBigEndian(base, at: position, as: UInt32.self)) &+ 3) & ~3)
        case UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "]"): depth -= 1
        default: break  // T F N I: no payload
        }
      }
      return (tag, position)
    }
  }
}
