import Controls
import Language
import Pattern

extension PatternGrid {
  /// Evaluates `source` (an expression of the shell language whose value is a pattern) and
  /// draws it. Text with no double quotes at all that is not an expression (`bd*2 sn`) is
  /// read as mini-notation.
  /// - Throws: ``LanguageError`` positioned in `source`, or ``GridError``.
  public static func render(source: String, evaluator: Evaluator = Evaluator(), options: GridOptions = GridOptions())
    throws -> String
  {
    try validate(options)
    if !source.contains("\"") {
      do {
        return try renderExpression(source, evaluator: evaluator, options: options)
      } catch is LanguageError {
        do {
          return try renderExpression("\"" + source + "\"", evaluator: evaluator, options: options)
        } catch let mini as LanguageError {
          // Unquoted text is most often mini-notation, so its error explains typos best;
          // the position moves back over the added quote.
          let position = SourcePosition(line: mini.line, column: max(1, mini.column - (mini.line == 1 ? 1 : 0)))
          throw LanguageError(mini.kind, mini.message, at: position, source: source)
        }
      }
    }
    return try renderExpression(source, evaluator: evaluator, options: options)
  }

  static func renderExpression(_ source: String, evaluator: Evaluator, options: GridOptions) throws -> String {
    let (type, pattern) = try Language.pattern(source, evaluator: evaluator)
    if type == .control {
      let controls = pattern.compactMap { atom -> ControlMap? in
        if case .control(let m) = atom { m } else { nil }
      }
      return try render(controls, options: options)
    }
    return try render(pattern, options: options)
  }
}
