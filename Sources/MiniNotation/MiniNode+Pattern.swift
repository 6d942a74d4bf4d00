import Controls
import Pattern
import Time

extension MiniNode {
  /// The meaning of the tree: a pattern with Tidal's events (Tidal's `toPat`).
  /// - Throws: ``PatternError`` for arithmetic that cannot stay exact.
  @inlinable public func pattern() throws -> Pattern<Value> {
    switch self {
    case .atom(let v, let context):
      return .pure(v, context: context)
    case .silence:
      return .silence
    case .sequence(let steps):
      if steps.count == 1, steps[0].weight == .one, case .atom(let v, let context) = steps[0].node {
        // `pure` already splits at cycle boundaries; keeping it pure lets patterned
        // arguments see a constant.
        return .pure(v, context: context)
      }
      if steps.count == 1, steps[0].weight == .one {
        // A one-step timecat is fastGap 1: only the splitting at cycle boundaries remains.
        return try steps[0].node.pattern().splitQueries()
      }
      return try .timecat(steps.map { ($0.weight, try $0.node.pattern()) })
    case .stack(let members):
      return .stack(try members.map { try $0.pattern() })
    case .fast(let factor, let x):
      return try x.pattern().fast(try factor.pattern())
    case .slow(let factor, let x):
      let p = try x.pattern()
      return .patterned(try factor.pattern()) { try p.slow($0) }
    case .degrade(let seed, let amount, let x):
      // Tidal's random stream for seed n is `rand` shifted earlier by n/10000 cycles.
      return try x.pattern().degradeBy(randomShift: try Rational(Int64(seed), 10_000), amount)
    case .choose(let seed, let members):
      return try .randomCycleChoice(try members.map { try $0.pattern() }, seed: seed)
    case .euclid(let k, let n, let r, let x):
      return Value.euclid(try x.pattern(), try k.pattern(), try n.pattern(), try r.pattern())
    case .polymeter(let stepsNode, let members):
      guard let first = members.first else { return .silence }
      let steps = try stepsNode?.pattern() ?? .pure(try first.weight)
      return .stack(
        try members.map { m in
          let size = try m.weight
          let p = try m.pattern()
          return .patterned(steps) { try p.fast($0 / size) }
        })
    case .range(let a, let b):
      let pair = try a.pattern().zip(try b.pattern(), structure: .both) { ($0, $1) }
      // Each range's values count against the query budget, so `bd*99999 0 .. 99999`
      // stops with an error instead of building lists for minutes.
      let ranges = Pattern<Pattern<Value>> { st, out in
        for e in try pair.query(st) {
          let values = try Value.enumerate(e.value.0, e.value.1)
          try st.context.spend(Int64(values.count))
          out.append(Event(whole: e.whole, part: e.part, value: .fastFromList(values), context: e.context))
        }
      }
      return .unwrap(ranges)
    case .variable(let name):
      return Pattern { st, out in
        guard let source = st.context.controls[name] else { return }
        try source.compactMap { Value.fromControl($0) }.queryInto(st, &out)
      }
    }
  }
}

extension MiniNotation {
  /// Parses and resolves `source` as a pattern of `V` in one step.
  @inlinable public static func pattern<V: MiniValue>(_ source: String, as type: V.Type = V.self) throws
    -> Pattern<V>
  {
    try MiniParser.parse(source, as: type).pattern()
  }
}

/// Namespace for the mini-notation entry points.
public enum MiniNotation {}
