/// A value active over time. `whole` is the event's full extent (nil for continuous values,
/// which are sampled); `part` is the fragment of it inside the query.
public struct Event<Value> {
  public var whole: Arc?
  public var part: Arc
  public var value: Value
  /// The source positions the value came from (only `rot` reads them).
  public var context: SourceContext

  @inlinable public init(whole: Arc?, part: Arc, value: Value, context: SourceContext = .empty) {
    self.whole = whole
    self.part = part
    self.value = value
    self.context = context
  }

  /// The whole, or the part for continuous events.
  @inlinable public var wholeOrPart: Arc { whole ?? part }

  /// True when this fragment contains the event's start: only onsets are played.
  @inlinable public var hasOnset: Bool { whole.map { $0.begin == part.begin } ?? false }

  /// Replaces `whole` and `part` by `f` of each. `f` must depend only on its argument: when the
  /// part is the whole (an event inside the query, the common case) the whole's image is reused.
  @inlinable @inline(__always)
  public mutating func mapArcs(_ f: (Arc) throws -> Arc) rethrows {
    if let w = whole {
      let image = try f(w)
      whole = image
      part = part == w ? image : try f(part)
    } else {
      part = try f(part)
    }
  }
}

extension Event: Sendable where Value: Sendable {}
// Equality is about what sounds and when: the context says where a value was written, so two
// events with the same times and value are equal wherever they came from.
extension Event: Equatable where Value: Equatable {
  @inlinable public static func == (a: Event, b: Event) -> Bool {
    a.whole == b.whole && a.part == b.part && a.value == b.value
  }
}
extension Event: Hashable where Value: Hashable {
  @inlinable public func hash(into h: inout Hasher) {
    h.combine(whole)
    h.combine(part)
    h.combine(value)
  }
}
