import Time

/// Parses expressions with Haskell's fixity resolution: application binds tightest, then
/// operators by precedence; mixing operators of equal precedence and different associativity
/// is an error, as in Haskell.
struct Parser {
  static let maxDepth = 200

  var tokens: [Token]
  var index = 0
  var depth = 0

  init(tokens: [Token]) { self.tokens = tokens }

  /// Parses one whole expression.
  static func parse(_ text: String) throws(LanguageError) -> Expr {
    do {
      var p = Parser(tokens: try Lexer.tokenize(text))
      let e = try p.expression()
      try p.expectEnd()
      return e
    } catch {
      throw error.with(source: text)
    }
  }

  var current: Token { tokens[index] }
  var next: Token { tokens[Swift.min(index + 1, tokens.count - 1)] }
  mutating func advance() { if index < tokens.count - 1 { index += 1 } }

  mutating func expectEnd() throws(LanguageError) {
    if current.kind != .end {
      throw LanguageError(.syntax, "unexpected \(describe(current)) after the expression", at: current.position)
    }
  }

  func describe(_ t: Token) -> String {
    switch t.kind {
    case .number(let r, _): "number \(r)"
    case .string(let s): "string \"\(s)\""
    case .name(let n): "'\(n)'"
    case .op(let o): "operator '\(o)'"
    case .backquoted(let n): "`\(n)`"
    case .lparen: "'('"
    case .rparen: "')'"
    case .lbracket: "'['"
    case .rbracket: "']'"
    case .comma: "','"
    case .end: "end of input"
    }
  }

  mutating func enter() throws(LanguageError) {
    depth += 1
    if depth > Parser.maxDepth {
      throw LanguageError(
        .limit, "expression nested too deeply (more than \(Parser.maxDepth) levels)",
        at: current.position)
    }
  }

  /// The operator at the cursor, with its fixity, if any.
  func currentOperator() throws(LanguageError) -> (String, Fixity)? {
    switch current.kind {
    case .op(let o):
      // Not binary operators: definitions, lambdas and arithmetic sequences.
      if ["=", "\\", "->", ".."].contains(o) { return nil }
      guard let f = Operators.fixities[o] else {
        let suggestion = o.count > 1 ? Suggest.closest(to: o, in: Operators.fixities.keys) : nil
        let hint = suggestion.map { " — did you mean '\($0)'?" } ?? ""
        throw LanguageError(.unknownName, "unknown operator '\(o)'\(hint)", at: current.position)
      }
      return (o, f)
    case .backquoted(let n):
      return (n, Fixity(precedence: 9, associativity: .left))
    default: return nil
    }
  }

  /// `exp`: operands joined by operators of precedence at least `minPrecedence`.
  mutating func expression(_ minPrecedence: Int = 0, parent: Fixity? = nil) throws(LanguageError) -> Expr {
    try enter()
    defer { depth -= 1 }
    var left: Expr
    if case .op("-") = current.kind {
      let p = current.position
      advance()
      // Negation has precedence 6: `- a * b` is `-(a * b)`, `- a + b` is `(-a) + b`.
      left = .negate(try expression(7), p)
    } else {
      left = try application()
    }
    var last: Fixity? = nil
    while let (op, fixity) = try currentOperator() {
      if fixity.precedence < minPrecedence { break }
      // `(x op)` sections: leave the operator for the parenthesis handler.
      if next.kind == .rparen { break }
      for other in [last, parent].compactMap({ $0 }) where other.precedence == fixity.precedence {
        if other.associativity != fixity.associativity || fixity.associativity == .none {
          throw LanguageError(
            .syntax,
            "cannot mix '\(op)' with an operator of the same precedence (\(fixity.precedence)) but other associativity; add parentheses",
            at: current.position)
        }
      }
      let opPosition = current.position
      advance()
      let rightMin = fixity.associativity == .right ? fixity.precedence : fixity.precedence + 1
      let right = try expression(rightMin, parent: fixity.associativity == .right ? fixity : nil)
      left = .binary(op, opPosition, left, right)
      last = fixity
    }
    return left
  }

  func startsOperand(_ t: Token) -> Bool {
    switch t.kind {
    case .number, .string, .name, .lparen, .lbracket: true
    default: false
    }
  }

  /// `fexp`: one operand applied to any following operands.
  mutating func application() throws(LanguageError) -> Expr {
    var f = try operand()
    while startsOperand(current) {
      f = .apply(f, try operand())
    }
    return f
  }

  mutating func operand() throws(LanguageError) -> Expr {
    let t = current
    switch t.kind {
    case .number(let r, let fractional):
      advance()
      return .number(r, t.position, fractional: fractional)
    case .string(let s):
      advance()
      return .string(s, t.position)
    case .name(let n):
      if n == "let" {
        throw LanguageError(.syntax, "'let' starts a statement; it cannot be used inside an expression", at: t.position)
      }
      advance()
      return .name(n, t.position)
    case .lbracket:
      advance()
      var items: [Expr] = []
      if current.kind != .rbracket {
        items.append(try expression())
        while current.kind == .comma {
          advance()
          items.append(try expression())
        }
        if current.kind == .op(".."), items.count <= 2 {
          return try rangeRest(items, t.position)
        }
      }
      guard current.kind == .rbracket else {
        throw LanguageError(
          .syntax, "expected ',' or ']' in the list, found \(describe(current))", at: current.position)
      }
      advance()
      return .list(items, t.position)
    case .lparen:
      advance()
      return try parenthesized(t.position)
    case .op("\\"):
      return try lambda()
    case .end:
      throw LanguageError(.syntax, "unexpected end of input (an expression is missing)", at: t.position)
    default:
      throw LanguageError(.syntax, "unexpected \(describe(t))", at: t.position)
    }
  }

  /// `\x y -> body`: the body reaches as far right as it can, as in Haskell.
  mutating func lambda() throws(LanguageError) -> Expr {
    let start = current.position
    advance()
    var names: [String] = []
    while case .name(let n) = current.kind {
      names.append(n)
      advance()
    }
    guard !names.isEmpty, current.kind == .op("->") else {
      throw LanguageError(
        .syntax, "a lambda is written `\\x -> …` (names, then '->'); found \(describe(current))",
        at: current.position)
    }
    advance()
    return .lambda(names, try expression(), start)
  }

  /// After `[from ..` or `[from, next ..`: the end and the closing bracket.
  mutating func rangeRest(_ items: [Expr], _ open: SourcePosition) throws(LanguageError) -> Expr {
    advance()
    if current.kind == .rbracket {
      throw LanguageError(.syntax, "an endless list `[a ..]` cannot be played; give its end", at: current.position)
    }
    let end = try expression()
    guard current.kind == .rbracket else {
      throw LanguageError(.syntax, "expected ']' to end the list, found \(describe(current))", at: current.position)
    }
    advance()
    return .range(items[0], items.count == 2 ? items[1] : nil, end, open)
  }

  /// After `(`: a parenthesized expression, a tuple, an operator or a section.
  mutating func parenthesized(_ open: SourcePosition) throws(LanguageError) -> Expr {
    if current.kind == .rparen {
      throw LanguageError(.syntax, "empty parentheses '()' are not a value here", at: open)
    }
    // `(op)` and `(op x)`; `(- x)` is negation, as in Haskell.
    if let (op, _) = try currentOperator(), op != "-" || next.kind == .rparen {
      let p = current.position
      advance()
      if current.kind == .rparen {
        advance()
        return .operatorRef(op, p)
      }
      let e = try expression()
      try close(open)
      return .rightSection(op, p, e)
    }
    let first = try expression()
    if let (op, _) = try currentOperator(), next.kind == .rparen {
      let p = current.position
      advance()
      advance()
      return .leftSection(op, p, first)
    }
    if current.kind == .comma {
      var items = [first]
      while current.kind == .comma {
        advance()
        items.append(try expression())
      }
      try close(open)
      return .tuple(items, open)
    }
    try close(open)
    return .parens(first, open)
  }

  mutating func close(_ open: SourcePosition) throws(LanguageError) {
    guard current.kind == .rparen else {
      throw LanguageError(
        .syntax, "expected ')' to close the '(' at \(open), found \(describe(current))",
        at: current.position)
    }
    advance()
  }
}
