/// Short `String`s built straight from validated OSC bytes, without the standard library's
/// general copying path.
///
/// Nearly every string in an OSC message (addresses, control names, sound names) is ASCII and
/// at most 15 bytes long, which Swift stores inline in the `String` value itself: on 64-bit
/// little-endian platforms the 16 bytes of such a string are its UTF-8 bytes in order, zero
/// filled, with the last byte `0xE0 | count` (immortal, ASCII, small). An OSC string's bytes are
/// followed by a NUL and NUL padding to a multiple of 4, so up to 16 bytes can be loaded as two
/// words whose unused bytes are already zero, and the string is those words plus one flag byte.
/// This is several times faster than `String(decoding:as:)` and is what lets the full decoder
/// build every value at twice liblo's rate.
///
/// The layout is Swift's stable string ABI, but it is checked anyway: `layoutHolds` compares a
/// literal's bits with it (the optimiser folds that to a constant), so a standard library that
/// stores strings differently takes the ordinary path instead of building wrong strings.
enum SmallString {
  /// Whether this standard library stores a small ASCII string as described above.
  @inline(__always)
  static var layoutHolds: Bool {
    #if _endian(little) && _pointerBitWidth(_64)
      let words = unsafeBitCast("ab" as String, to: (UInt64, UInt64).self)
      return words.0 == 0x6261 && words.1 == 0xE200_0000_0000_0000
    #else
      return false
    #endif
  }

  /// The string of the `count` bytes at `start`, when they are all ASCII and `count` is at most
  /// 15; otherwise `nil`.
  ///
  /// - Precondition: the bytes are a validated OSC string's: a NUL follows them, and the bytes
  ///   from `start` up to the next multiple of 4 after that NUL exist and are zero after it.
  @inline(__always)
  static func ascii(at start: UnsafeRawPointer, count: Int) -> String? {
    guard count < 16, layoutHolds else { return nil }
    // Bytes `start ..< start + padded` exist: the string, its NUL and padding (4, 8, 12 or 16).
    let padded = (count & ~3) &+ 4
    let low: UInt64
    var high: UInt64 = 0
    if padded >= 8 {
      low = UInt64(littleEndian: start.loadUnaligned(as: UInt64.self))
      if padded == 16 {
        high = UInt64(littleEndian: start.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
      } else if padded == 12 {
        high = UInt64(UInt32(littleEndian: start.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
      }
    } else {
      low = UInt64(UInt32(littleEndian: start.loadUnaligned(as: UInt32.self)))
    }
    guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
    // Moved out of the words rather than bit-cast, so the string comes back owned (+1) and the
    // caller does not retain it again.
    var words = (low, high | UInt64(0xE0 | count) &<< 56)
    return withUnsafeMutablePointer(to: &words) { pointer in
      pointer.withMemoryRebound(to: String.self, capacity: 1) { $0.move() }
    }
  }
}
