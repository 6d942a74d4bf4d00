import Time

/// Euclidean rhythms by Bjorklund's algorithm, as Tidal computes them (`Sound.Tidal.Bjorklund`),
/// so the onsets and their rotation match Tidal exactly.
public enum Bjorklund {
  /// Largest step count accepted; larger counts are almost always typos and would allocate
  /// without bound.
  public static let maxSteps = 100_000

  /// `pulses` onsets spread over `steps` steps. More pulses than steps gives `pulses` onsets;
  /// a negative pulse count gives no onsets (callers invert it first).
  @inlinable public static func pattern(pulses: Int, steps: Int) throws -> [Bool] {
    guard pulses <= maxSteps, steps <= maxSteps else {
      throw PatternError.invalidArgument(
        "euclid: at most \(maxSteps) steps (got \(Swift.max(pulses, steps)))")
    }
    let i = Swift.max(pulses, 0)
    let j = Swift.max(steps - pulses, 0)
    var xs = [[Bool]](repeating: [true], count: i)
    var ys = [[Bool]](repeating: [false], count: j)
    var (a, b) = (i, steps - pulses)
    while Swift.min(a, b) > 1 {
      if a > b {
        // left: the first b of xs absorb ys; the rest of xs become the new remainder.
        let head = xs.prefix(b)
        let rest = Array(xs.dropFirst(b))
        xs = zip(head, ys).map { $0 + $1 }
        ys = rest
        (a, b) = (b, a - b)
      } else {
        // right: every x absorbs one y; the leftover ys stay the remainder.
        let head = ys.prefix(a)
        let rest = Array(ys.dropFirst(a))
        xs = zip(xs, head).map { $0 + $1 }
        ys = rest
        (a, b) = (a, b - a)
      }
    }
    return xs.flatMap { $0 } + ys.flatMap { $0 }
  }
}

extension Pattern where Value: Sendable {
  /// `self` on the onsets of the Euclidean rhythm (k, n), rotated left by r steps (Tidal's
  /// `_euclidOff`, with later Tidal's rule that a negative k plays the off-steps instead).
  @inlinable public func euclid(_ k: Int, _ n: Int, rotation r: Int = 0) throws -> Pattern {
    if n == 0 { return .silence }
    let bits = try Bjorklund.pattern(pulses: k.magnitude > Int.max ? 0 : abs(k), steps: n)
    let onsets = k >= 0 ? bits : bits.map { !$0 }
    let p = Pattern.fastcat(onsets.map { $0 ? self : .silence })
    return p.rotL(try Rational(Int64(r), Int64(n)))
  }

  /// Patterned ``euclid(_:_:rotation:)`` (Tidal's `euclidOff`).
  @inlinable public func euclid(_ k: Pattern<Int>, _ n: Pattern<Int>, rotation r: Pattern<Int>) -> Pattern {
    let this = self
    let cache = PatternCache<EuclidKey, Value>()
    return .patterned(k, n, r) { k, n, r in
      try cache.pattern(for: EuclidKey(k, n, r)) { try this.euclid(k, n, rotation: r) }
    }
  }

  /// Euclid on the off-steps (Tidal's `_euclidInv`).
  @inlinable public func euclidInverted(_ k: Int, _ n: Int, rotation r: Int = 0) throws -> Pattern {
    try euclid(-k, n, rotation: r)
  }
}

extension Pattern where Value == Bool {
  /// Boolean Euclid: true on onsets and false on off-steps, flipped where `self` is false
  /// (Tidal's `_euclidOffBool`; negative k inverts, as in Tidal 1.9.5).
  @inlinable public func euclidBool(_ k: Int, _ n: Int, rotation r: Int = 0) throws -> Pattern {
    if n == 0 { return .silence }
    let bits = try Bjorklund.pattern(pulses: abs(k), steps: n)
    let onsets = k >= 0 ? bits : bits.map { !$0 }
    let structure = Pattern.fastFromList(onsets)
    return structure.zip(self, structure: .both) { a, b in b ? a : !a }
      .rotL(try Rational(Int64(r), Int64(n)))
  }

  /// Patterned ``euclidBool(_:_:rotation:)``.
  @inlinable public func euclidBool(_ k: Pattern<Int>, _ n: Pattern<Int>, rotation r: Pattern<Int>)
    -> Pattern
  {
    let this = self
    let cache = PatternCache<EuclidKey, Bool>()
    return .patterned(k, n, r) { k, n, r in
      try cache.pattern(for: EuclidKey(k, n, r)) { try this.euclidBool(k, n, rotation: r) }
    }
  }
}
