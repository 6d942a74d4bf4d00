import Time

/// A token of the shell language.
struct Token: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    /// A number literal; `fractional` when written with a point or an exponent (Haskell reads
    /// those with `fromRational`, whole numbers with `fromInteger`).
    case number(Rational, fractional: Bool)
    case string(String)
    case name(String)
    /// A symbolic operator such as `$`, `.`, `#`, `|+|`, `~>`.
    case op(String)
    /// A name in backquotes used as an operator: `` `rotL` ``.
    case backquoted(String)
    case lparen, rparen, lbracket, rbracket, comma
    case end
  }
  var kind: Kind
  var position: SourcePosition
  /// Position just after the token's last character.
  var endPosition: SourcePosition
}

/// Splits source text into tokens; `--` comments and `{- -}` blocks are skipped. A string may
/// span lines (a line break in it is kept, and the mini-notation reads it as a space).
///
/// This is the one definition of strings, escapes and comments: ``SourceScan`` runs this lexer
/// to tell where a statement ends and what the cursor is inside of.
struct Lexer {
  static let maxInputLength = 100_000
  static let operatorCharacters = Set("!#$%&*+./<=>?@\\^|-~:")

  let chars: [Character]
  var index = 0
  var line = 1
  var column = 1
  /// What the text ended inside of, when it ended inside a string or a comment (read by
  /// ``SourceScan``; a block comment or string left open also throws).
  var endContext = SourceScan.Context.code

  init(_ text: String) { chars = Array(text) }

  static func tokenize(_ text: String) throws(LanguageError) -> [Token] {
    guard text.utf8.count <= maxInputLength else {
      throw LanguageError(
        .limit, "input too long (at most \(maxInputLength) bytes)",
        at: SourcePosition(line: 1, column: 1))
    }
    var lexer = Lexer(text)
    var out: [Token] = []
    while true {
      let t = try lexer.next()
      out.append(t)
      if t.kind == .end { return out }
    }
  }

  var position: SourcePosition { SourcePosition(line: line, column: column) }
  var peek: Character? { index < chars.count ? chars[index] : nil }
  func peek(_ k: Int) -> Character? { index + k < chars.count ? chars[index + k] : nil }

  mutating func advance() {
    if chars[index] == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    index += 1
  }

  mutating func skipSpaceAndComments() throws(LanguageError) {
    while let c = peek {
      if c.isWhitespace {
        advance()
      } else if c == "-", peek(1) == "-" {
        // `--` starts a comment unless it is part of a longer operator such as `-->`.
        var k = 2
        while peek(k) == "-" { k += 1 }
        if let after = peek(k), Lexer.operatorCharacters.contains(after) { return }
        while let c = peek, c != "\n" { advance() }
        if peek == nil { endContext = .lineComment }
      } else if c == "{", peek(1) == "-" {
        let start = position
        var depth = 0
        repeat {
          if peek == "{", peek(1) == "-" {
            depth += 1
            advance()
            advance()
          } else if peek == "-", peek(1) == "}" {
            depth -= 1
            advance()
            advance()
          } else if peek == nil {
            endContext = .blockComment(depth: depth)
            throw LanguageError(.syntax, "unterminated {- comment", at: start)
          } else {
            advance()
          }
        } while depth > 0
      } else {
        return
      }
    }
  }

  mutating func next() throws(LanguageError) -> Token {
    try skipSpaceAndComments()
    let start = position
    func token(_ k: Token.Kind) -> Token { Token(kind: k, position: start, endPosition: position) }
    guard let c = peek else { return token(.end) }
    switch c {
    case "(": advance(); return token(.lparen)
    case ")": advance(); return token(.rparen)
    case "[": advance(); return token(.lbracket)
    case "]": advance(); return token(.rbracket)
    case ",": advance(); return token(.comma)
    case "\"": return token(.string(try string(start)))
    case "`":
      advance()
      var name = ""
      while let c = peek, c.isLetter || c.isNumber || c == "_" || c == "'" {
        name.append(c)
        advance()
      }
      guard peek == "`", !name.isEmpty else {
        throw LanguageError(.syntax, "expected a name between backquotes", at: start)
      }
      advance()
      return token(.backquoted(name))
    default: break
    }
    if c.isNumber, c.isASCII {
      let (value, fractional) = try number(start)
      return token(.number(value, fractional: fractional))
    }
    if c.isLetter || c == "_" {
      var name = ""
      while let c = peek, c.isLetter || c.isNumber || c == "_" || c == "'" {
        name.append(c)
        advance()
      }
      return token(.name(name))
    }
    if Lexer.operatorCharacters.contains(c) {
      var op = ""
      while let c = peek, Lexer.operatorCharacters.contains(c) {
        op.append(c)
        advance()
      }
      return token(.op(op))
    }
    throw LanguageError(.syntax, "unexpected character '\(c)'", at: start)
  }

  mutating func string(_ start: SourcePosition) throws(LanguageError) -> String {
    advance()
    var s = ""
    while true {
      guard let c = peek else {
        endContext = .string
        throw LanguageError(.syntax, "unterminated string (a closing \" is missing)", at: start)
      }
      advance()
      if c == "\"" { return s }
      if c == "\\", let e = peek {
        advance()
        switch e {
        case "n": s.append("\n")
        case "t": s.append("\t")
        default: s.append(e)
        }
      } else {
        s.append(c)
      }
    }
  }

  /// Haskell numeric literals: `12`, `0.25`, `1e3`, `1.5e-2`, read exactly.
  mutating func number(_ start: SourcePosition) throws(LanguageError) -> (Rational, fractional: Bool) {
    var text = ""
    while let c = peek, c.isASCII, c.isNumber {
      text.append(c)
      advance()
    }
    if peek == ".", let d = peek(1), d.isASCII, d.isNumber {
      text.append(".")
      advance()
      while let c = peek, c.isASCII, c.isNumber {
        text.append(c)
        advance()
      }
    }
    if peek == "e" || peek == "E" {
      var k = 1
      if peek(1) == "-" || peek(1) == "+" { k = 2 }
      if let d = peek(k), d.isASCII, d.isNumber {
        for _ in 0..<k {
          text.append(peek!)
          advance()
        }
        while let c = peek, c.isASCII, c.isNumber {
          text.append(c)
          advance()
        }
      }
    }
    guard let r = Rational(parsing: text) else {
      throw LanguageError(.limit, "number \(text) is too large to keep exact", at: start)
    }
    return (r, text.contains { $0 == "." || $0 == "e" || $0 == "E" })
  }
}
