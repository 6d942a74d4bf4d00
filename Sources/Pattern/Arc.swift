import Time

/// A half-open time span `[begin, end)` in cycles. Zero-width arcs (`begin == end`) are valid
/// queries: they ask for the events active at one instant.
public struct Arc: Sendable, Hashable {
  public var begin: Rational
  public var end: Rational

  @inlinable public init(_ begin: Rational, _ end: Rational) {
    self.begin = begin
    self.end = end
  }

  /// The intersection, or `nil` when the arcs do not meet. A zero-width result is kept only
  /// when it is not the end point of a non-zero-width arc (Tidal's `subArc`): `[0,1)` and
  /// `[1,2)` do not intersect, but `[1,1]` meets `[1,2)`.
  @inlinable public func intersection(_ other: Arc) -> Arc? {
    let s = Swift.max(begin, other.begin)
    let e = Swift.min(end, other.end)
    if s == e {
      if s == end && begin < end { return nil }
      if s == other.end && other.begin < other.end { return nil }
      return Arc(s, e)
    }
    return s < e ? Arc(s, e) : nil
  }

  /// The arc's position within its first cycle: same length, begin in `[0, 1)`.
  @inlinable public func cycleArc() throws -> Arc {
    let s = begin.fractionalPart
    return Arc(s, try s + (end - begin))
  }

  /// Splits at cycle boundaries. A zero-width arc yields itself (Tidal's `arcCyclesZW`).
  /// - Complexity: O(number of cycles spanned); callers bound that through the query budget.
  @inlinable public func forEachCycle(_ body: (Arc) throws -> Void) throws {
    if begin == end {
      try body(self)
      return
    }
    var s = begin
    while s < end {
      let next = Rational(s.floorInt &+ 1)
      if end <= next {
        try body(Arc(s, end))
        return
      }
      try body(Arc(s, next))
      s = next
    }
  }

  /// Number of cycles `forEachCycle` visits, saturating at `Int64.max`.
  @inlinable public var cycleCount: Int64 {
    if begin >= end { return begin == end ? 1 : 0 }
    let last = end.ceiling.numerator
    let (d, o) = last.subtractingReportingOverflow(begin.floorInt)
    return o ? Int64.max : d
  }
}

extension Arc: CustomStringConvertible {
  @inlinable public var description: String { "\(begin)–\(end)" }
}
