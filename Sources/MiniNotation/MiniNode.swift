import Pattern
import Time

/// The parsed form of a mini-notation string, before it means anything in time (Tidal's `TPat`).
/// Parsing and meaning are kept apart: ``MiniNode/pattern()`` gives the meaning.
public indirect enum MiniNode<Value: MiniValue>: Sendable {
  /// A value, with where it was written (empty for atoms the parser makes up).
  case atom(Value, context: SourceContext = .empty)
  /// `~` or `-`.
  case silence
  /// Steps sharing a cycle, with weights (`@`, `_`) and copies (`!`) already expanded.
  case sequence([Step])
  /// `,` inside brackets, or a chord.
  case stack([MiniNode])
  /// `x*factor`.
  case fast(MiniNode<Rational>, MiniNode)
  /// `x/factor`.
  case slow(MiniNode<Rational>, MiniNode)
  /// `x?` / `x?0.7`: the seed is the construct's number in parse order.
  case degrade(seed: Int, amount: Double, MiniNode)
  /// `[a | b | c]`: one choice per cycle.
  case choose(seed: Int, [MiniNode])
  /// `x(k,n,r)`.
  case euclid(MiniNode<Int>, MiniNode<Int>, MiniNode<Int>, MiniNode)
  /// `{a b, c d e}%steps` and `<a b>` (steps 1). Each member is a sequence.
  case polymeter(steps: MiniNode<Rational>?, [MiniNode])
  /// `a .. b`.
  case range(MiniNode, MiniNode)
  /// `^name`.
  case variable(String)

  /// One step of a sequence: a node and its relative length.
  public struct Step: Sendable {
    public var weight: Rational
    public var node: MiniNode
    public init(weight: Rational, node: MiniNode) {
      self.weight = weight
      self.node = node
    }
  }
}

extension MiniNode {
  /// The total weight of a sequence (1 for anything else), which sets polymeter step rates.
  @usableFromInline var weight: Rational {
    get throws {
      guard case .sequence(let steps) = self else { return .one }
      var total = Rational.zero
      for s in steps { total = try total + s.weight }
      return total
    }
  }
}
