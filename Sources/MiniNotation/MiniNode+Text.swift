import Time

extension MiniNode: CustomStringConvertible {
  /// Mini-notation text for the tree. Parsing it gives a tree with the same events (the
  /// round-trip law the tests check); steps written with `!` come back as separate steps and
  /// chords as stacks.
  public var description: String { text(topLevel: true) }

  func text(topLevel: Bool) -> String {
    switch self {
    case .atom(let v, _): return v.miniText
    case .silence: return "~"
    case .sequence(let steps):
      let body = steps.map { step in
        let t = step.node.text(topLevel: false)
        return step.weight == .one ? t : "\(t)@\(step.weight.miniText)"
      }.joined(separator: " ")
      return topLevel ? body : "[\(body)]"
    case .stack(let members):
      return "[" + members.map { $0.text(topLevel: true) }.joined(separator: ", ") + "]"
    case .choose(_, let members):
      return "[" + members.map { $0.text(topLevel: true) }.joined(separator: " | ") + "]"
    case .fast(let f, let x): return "\(x.operand)*\(f.operand)"
    case .slow(let f, let x): return "\(x.operand)/\(f.operand)"
    case .degrade(_, let amount, let x): return "\(x.operand)?\(amount)"
    case .euclid(let k, let n, let r, let x):
      return "\(x.operand)(\(k.text(topLevel: true)),\(n.text(topLevel: true)),\(r.text(topLevel: true)))"
    case .polymeter(let steps, let members):
      let body = members.map { $0.text(topLevel: true) }.joined(separator: ", ")
      if case .atom(let one, _)? = steps, one == .one { return "<\(body)>" }
      guard let steps else { return "{\(body)}" }
      // '%' reads a whole sequence; a single step is written bare.
      if case .sequence(let only) = steps, only.count == 1, only[0].weight == .one {
        return "{\(body)}%\(only[0].node.operand)"
      }
      return "{\(body)}%\(steps.operand)"
    case .range(let a, let b): return "[\(a.operand) .. \(b.operand)]"
    case .variable(let name): return "^\(name)"
    }
  }

  /// The node written so that a postfix operator applies to all of it.
  var operand: String {
    switch self {
    case .atom, .silence, .variable, .polymeter: return text(topLevel: false)
    case .sequence(let steps) where steps.isEmpty: return "[]"
    default:
      let t = text(topLevel: false)
      return t.hasPrefix("[") && t.hasSuffix("]") && isBracketed ? t : "[\(t)]"
    }
  }

  /// True when `text(topLevel: false)` is one bracketed group.
  var isBracketed: Bool {
    switch self {
    case .sequence, .stack, .choose: return true
    default: return false
    }
  }
}
