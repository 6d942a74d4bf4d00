/// Where an event's values were written: the source positions of the mini-notation atoms that
/// made it, in order (Tidal's `Context`). Combining two patterns joins their contexts, the
/// left one first, as Tidal's `combineContexts` does.
///
/// Only `rot` reads it: it sorts a cycle's events as Tidal's derived `Ord` does, context
/// first, so which value moves where depends on where the atoms stood in the string. Events
/// are copied on every step of a query, so the context is one word, not a list: up to four
/// begin positions packed most significant first, each as an 11-bit column and a 5-bit line
/// (clamped to 2047 and 31). Comparing the words compares the position lists the way Haskell
/// compares lists of `(column, line)` pairs; a fifth position and the atoms' end positions
/// (which only break ties between atoms that begin at the same place in different strings)
/// are not kept.
public struct SourceContext: Hashable, Comparable, Sendable {
  @usableFromInline var packed: UInt64

  /// No positions: values from Haskell literals, signals and random streams.
  public static let empty = SourceContext(packed: 0)

  @inlinable init(packed: UInt64) { self.packed = packed }

  /// One position: 1-based `column` and `line`, as Parsec counts them.
  public init(column: Int, line: Int) {
    let c = UInt64(min(max(column, 1), 2047))
    let l = UInt64(min(max(line, 1), 31))
    packed = (c << 5 | l) << 48
  }

  @inlinable public var isEmpty: Bool { packed == 0 }

  /// How many positions are kept (a slot is never zero: its line is at least 1).
  @inlinable var count: Int { packed == 0 ? 0 : 4 - packed.trailingZeroBitCount / 16 }

  /// The positions of `self`, then those of `other` (as many as fit).
  @inlinable public func appending(_ other: SourceContext) -> SourceContext {
    if other.packed == 0 { return self }
    let n = count
    if n == 4 { return self }
    return SourceContext(packed: packed | other.packed >> UInt64(16 * n))
  }

  /// The kept positions, in order.
  public var positions: [(column: Int, line: Int)] {
    (0..<count).map { i in
      let slot = Int((packed >> UInt64(48 - 16 * i)) & 0xFFFF)
      return (slot >> 5, slot & 31)
    }
  }

  @inlinable public static func < (a: SourceContext, b: SourceContext) -> Bool { a.packed < b.packed }
}
