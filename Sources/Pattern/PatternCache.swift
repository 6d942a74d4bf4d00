import Synchronization

/// Remembers patterns built from argument values, so a patterned argument (`bd(3,8,<0 2>)`)
/// does not rebuild the same pattern on every query. Bounded: it forgets everything when full.
/// Safe to share between threads.
public final class PatternCache<Key: Hashable & Sendable, Value>: Sendable {
  @usableFromInline let entries = Mutex<[Key: Pattern<Value>]>([:])
  @usableFromInline let capacity: Int

  public init(capacity: Int = 64) {
    self.capacity = capacity
  }

  /// The cached pattern for `key`, building it with `make` the first time. Inlinable, so it is
  /// specialized for its key and value types (looked up at every patterned query).
  @inlinable public func pattern(for key: Key, _ make: () throws -> Pattern<Value>) rethrows -> Pattern<Value> {
    if let p = entries.withLock({ $0[key] }) { return p }
    let p = try make()
    entries.withLock {
      if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
      $0[key] = p
    }
    return p
  }
}

/// The key of a Euclidean rhythm: pulses, steps, rotation.
public struct EuclidKey: Hashable, Sendable {
  public var k: Int
  public var n: Int
  public var r: Int
  public init(_ k: Int, _ n: Int, _ r: Int) {
    self.k = k
    self.n = n
    self.r = r
  }
}
