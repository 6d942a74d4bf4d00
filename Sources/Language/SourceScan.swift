/// What a piece of source text leaves open at its end, read by the language's own ``Lexer``: a
/// string, a `--` or `{- -}` comment, brackets, an operator still waiting for its right side.
///
/// The statement reader asks it whether a statement may end here, and completion whether the
/// cursor is inside a string or a comment. Because it runs the lexer itself, it agrees with the
/// language on escapes (`"a\"b"`), on `--` (a comment, unless part of an operator such as
/// `-->`) and on nested `{- {- -} -}`. Text the language would refuse (a stray character, a bad
/// number) is stepped over: the scan never fails.
public struct SourceScan: Sendable, Equatable {
  /// What the text ends inside of.
  public enum Context: Sendable, Equatable {
    case code
    case string
    /// A `--` comment (it ends with the line).
    case lineComment
    /// `depth` unclosed `{-`.
    case blockComment(depth: Int)
  }

  public private(set) var context = Context.code
  /// `(` and `[` opened minus closed (braces too, which the language has only in strings).
  public private(set) var bracketDepth = 0
  /// The last token is an operator (or a backquoted name) that needs a right side. `..` does not.
  public private(set) var endsWithOperator = false
  /// Some token was read: the text is more than spaces and comments.
  public private(set) var hasCode = false

  /// The state before any text.
  public init() {}

  /// The scan of `text` from the start.
  public init(_ text: String) { self = SourceScan().continued(with: text) }

  /// True when a statement cannot end here: a string or block comment is open, a bracket is
  /// unclosed, or an operator waits for its right side.
  public var isUnfinished: Bool {
    switch context {
    case .string, .blockComment: true
    case .code, .lineComment: bracketDepth > 0 || endsWithOperator
    }
  }

  /// The scan of this scan's text followed by `text`. Continued at line breaks (each `text`
  /// starting with its line break), a scan line by line equals the scan of the whole text.
  /// - Complexity: O(`text.count`).
  public func continued(with text: String) -> SourceScan {
    // The lexer has no entry state; an open construct is reopened by a prefix it reads the same way.
    let prefix =
      switch context {
      case .code: ""
      case .string: "\""
      case .lineComment: "-- "
      case .blockComment(let depth): String(repeating: "{-", count: depth)
      }
    var lexer = Lexer(prefix + text)
    var scan = self
    scan.context = .code
    while true {
      lexer.endContext = .code
      var start = lexer.index
      do {
        try lexer.skipSpaceAndComments()
        start = lexer.index
        let token = try lexer.next()
        switch token.kind {
        case .end:
          scan.context = lexer.endContext
          return scan
        case .lparen, .lbracket: scan.bracketDepth += 1
        case .rparen, .rbracket: scan.bracketDepth -= 1
        default: break
        }
        switch token.kind {
        case .op(let name): scan.endsWithOperator = name != ".."
        case .backquoted: scan.endsWithOperator = true
        default: scan.endsWithOperator = false
        }
        scan.hasCode = true
      } catch {
        if lexer.endContext != .code {
          // An open string or block comment runs to the end of the text.
          scan.context = lexer.endContext
          if lexer.endContext == .string {
            scan.hasCode = true
            scan.endsWithOperator = false
          }
          return scan
        }
        scan.hasCode = true
        // A character the lexer refuses where a token should start: step over it.
        if lexer.index == lexer.chars.count { return scan }
        if lexer.index == start {
          if lexer.chars[start] == "{" { scan.bracketDepth += 1 }
          if lexer.chars[start] == "}" { scan.bracketDepth -= 1 }
          lexer.advance()
        }
      }
    }
  }
}
