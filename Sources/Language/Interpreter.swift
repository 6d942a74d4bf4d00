import Pattern
import Time

/// Parses and evaluates shell statements, keeping `let` bindings between them.
public struct Interpreter: Sendable {
  public var evaluator = Evaluator()

  public init() {}

  /// Evaluates one statement (which may span several lines).
  /// - Throws: ``LanguageError`` with the position of the problem.
  public mutating func run(_ text: String) throws -> Statement {
    let trimmed = text.drop { $0.isWhitespace }
    if trimmed.hasPrefix("let ") || trimmed.hasPrefix("let\t") || trimmed.hasPrefix("let\n") {
      return try define(text)
    }
    let expr = try Parser.parse(text)
    var bare = expr
    while case .parens(let inner, _) = bare { bare = inner }
    if case .name("silence", _) = bare { return .silence }
    let value: Value
    do {
      value = try evaluator.evaluate(expr)
    } catch let e as LanguageError {
      throw e.with(source: text)
    }
    switch value {
    case .statement(let s): return s
    case .function(let f) where Library.entry(f.name)?.kind == .statement:
      let need = f.arity - f.arguments.count
      throw LanguageError(
        .type, "`\(f.name)` needs \(need) more argument\(need == 1 ? "" : "s")", at: expr.position, source: text)
    default: return .expression(value)
    }
  }

  mutating func define(_ text: String) throws -> Statement {
    var tokens = try Lexer.tokenize(text)
    // let NAME = EXPR
    guard tokens.count >= 4, case .name("let") = tokens[0].kind else {
      let at = tokens.last?.position ?? tokens.first?.position
      throw LanguageError(.syntax, "expected 'let name = expression'", at: at ?? tokens[0].position, source: text)
    }
    guard case .name(let name) = tokens[1].kind else {
      throw LanguageError(.syntax, "expected a name after 'let'", at: tokens[1].position, source: text)
    }
    guard case .op("=") = tokens[2].kind else {
      throw LanguageError(.syntax, "expected '=' after 'let \(name)'", at: tokens[2].position, source: text)
    }
    if Library.entry(name)?.kind == .statement || ["let"].contains(name) {
      throw LanguageError(
        .syntax, "'\(name)' is a statement word and cannot be redefined", at: tokens[1].position, source: text)
    }
    tokens.removeFirst(3)
    var parser = Parser(tokens: tokens)
    do {
      let expr = try parser.expression()
      try parser.expectEnd()
      let value = try evaluator.evaluate(expr)
      evaluator.bindings[name] = value
    } catch let e as LanguageError {
      throw e.with(source: text)
    }
    return .define(name)
  }
}
