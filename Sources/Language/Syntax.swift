import Time

/// An expression of the shell language, with source positions.
public indirect enum Expr: Sendable {
  /// A number literal; `fractional` as the token says.
  case number(Rational, SourcePosition, fractional: Bool = false)
  case string(String, SourcePosition)
  case name(String, SourcePosition)
  /// Function application `f x`.
  case apply(Expr, Expr)
  /// `left op right`; the position is the operator's.
  case binary(String, SourcePosition, Expr, Expr)
  /// Prefix minus.
  case negate(Expr, SourcePosition)
  /// `(op)`.
  case operatorRef(String, SourcePosition)
  /// `(x op)`: the operator with its left operand.
  case leftSection(String, SourcePosition, Expr)
  /// `(op x)`: the operator with its right operand.
  case rightSection(String, SourcePosition, Expr)
  case list([Expr], SourcePosition)
  case tuple([Expr], SourcePosition)
  /// `(e)`: kept so positions point at the parenthesis.
  case parens(Expr, SourcePosition)
  /// `\x y -> body`; `_` ignores its argument.
  case lambda([String], Expr, SourcePosition)
  /// `[from .. to]` or `[from, next .. to]` (Haskell's arithmetic sequences).
  case range(Expr, Expr?, Expr, SourcePosition)

  /// Where the expression starts.
  public var position: SourcePosition {
    switch self {
    case .number(_, let p, _), .string(_, let p), .name(_, let p), .negate(_, let p),
      .operatorRef(_, let p), .list(_, let p), .tuple(_, let p), .parens(_, let p),
      .lambda(_, _, let p), .range(_, _, _, let p):
      p
    case .apply(let f, _): f.position
    case .binary(_, _, let l, _): l.position
    case .leftSection(_, _, let e): e.position
    case .rightSection(_, let p, _): p
    }
  }

  /// The expression in fully parenthesized form (for precedence tests and messages).
  public var parenthesized: String {
    switch self {
    case .number(let r, _, _): r.description
    case .string(let s, _): "\"\(s)\""
    case .name(let n, _): n
    case .apply(let f, let x): "(\(f.parenthesized) \(x.parenthesized))"
    case .binary(let op, _, let l, let r): "(\(l.parenthesized) \(op) \(r.parenthesized))"
    case .negate(let e, _): "(-\(e.parenthesized))"
    case .operatorRef(let op, _): "(\(op))"
    case .leftSection(let op, _, let e): "(\(e.parenthesized) \(op))"
    case .rightSection(let op, _, let e): "(\(op) \(e.parenthesized))"
    case .list(let xs, _): "[" + xs.map(\.parenthesized).joined(separator: ", ") + "]"
    case .tuple(let xs, _): "(" + xs.map(\.parenthesized).joined(separator: ", ") + ")"
    case .parens(let e, _): e.parenthesized
    case .lambda(let names, let body, _): "(\\\(names.joined(separator: " ")) -> \(body.parenthesized))"
    case .range(let from, let next, let to, _):
      "[\(from.parenthesized)\(next.map { ", " + $0.parenthesized } ?? "") .. \(to.parenthesized)]"
    }
  }
}

/// Operator fixity, as Haskell declares it.
public struct Fixity: Sendable, Equatable {
  public enum Associativity: Sendable { case left, right, none }
  public var precedence: Int
  public var associativity: Associativity
}

/// The operators the language knows and their fixities: Haskell's Prelude (`$` infixr 0,
/// `.` infixr 9, `+ -` infixl 6, `* / %` infixl 7, `<>` infixr 6) and Tidal's (`<~ ~>` infixl 5;
/// `#` and the `|+|` family declare no fixity, so they are Haskell's default infixl 9), and
/// the Prelude's `<$>` (infixl 4), `!!` (infixl 9), `++` (infixr 5) and comparisons (infix 4).
public enum Operators {
  static let families = ["+", "-", "*", "/", "%", "<", ">", "**", "++"]

  public static let fixities: [String: Fixity] = {
    var t: [String: Fixity] = [
      "$": Fixity(precedence: 0, associativity: .right),
      ".": Fixity(precedence: 9, associativity: .right),
      "+": Fixity(precedence: 6, associativity: .left),
      "-": Fixity(precedence: 6, associativity: .left),
      "*": Fixity(precedence: 7, associativity: .left),
      "/": Fixity(precedence: 7, associativity: .left),
      "%": Fixity(precedence: 7, associativity: .left),
      "<>": Fixity(precedence: 6, associativity: .right),
      "<~": Fixity(precedence: 5, associativity: .left),
      "~>": Fixity(precedence: 5, associativity: .left),
      "#": Fixity(precedence: 9, associativity: .left),
      "<$>": Fixity(precedence: 4, associativity: .left),
      "!!": Fixity(precedence: 9, associativity: .left),
      "++": Fixity(precedence: 5, associativity: .right),
    ]
    for op in ["==", "/=", "<", "<=", ">", ">="] {
      t[op] = Fixity(precedence: 4, associativity: .none)
    }
    for f in families {
      for op in ["|\(f)|", "|\(f)", "\(f)|", "||\(f)"] {
        t[op] = Fixity(precedence: 9, associativity: .left)
      }
    }
    return t
  }()
}
