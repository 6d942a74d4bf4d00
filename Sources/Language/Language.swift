import Controls
import MiniNotation
import Pattern
import Time

/// Entry points of the shell language.
public enum Language {
  /// Parses an expression (for tests and tools).
  public static func parse(_ text: String) throws -> Expr { try Parser.parse(text) }

  /// Evaluates an expression whose value is a pattern. `type` decides the element type when
  /// the expression leaves it open (a bare string is a string pattern unless `type` says
  /// otherwise); a control pattern stays a control pattern.
  /// - Throws: ``LanguageError`` for syntax, name and type errors.
  public static func pattern(_ text: String, as type: ElementType? = nil, evaluator: Evaluator = Evaluator())
    throws -> (ElementType, Pattern<Atom>)
  {
    let value = try evaluator.evaluate(text)
    do {
      return try resolve(value, as: type, at: SourcePosition(line: 1, column: 1))
    } catch let e as LanguageError {
      throw e.with(source: text)
    }
  }

  /// The pattern in a value, with its element type.
  public static func resolve(_ value: Value, as type: ElementType?, at position: SourcePosition) throws
    -> (ElementType, Pattern<Atom>)
  {
    guard let p = try Arguments.asPattern(Argument(value: value, position: position)) else {
      if case .function(let f) = value {
        let need = f.arity - f.arguments.count
        throw LanguageError(
          .type, "`\(f.name)` needs \(need) more argument\(need == 1 ? "" : "s") to make a pattern", at: position)
      }
      throw LanguageError(.type, "expected a pattern, got \(value.kindDescription)", at: position)
    }
    if let own = p.type { return (own, try p.build(own)) }
    let t = type ?? p.defaultType
    return (t, try p.build(t))
  }
}
