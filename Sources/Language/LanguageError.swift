/// A place in the source text: 1-based line and column.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  public var description: String { "\(line):\(column)" }
}

/// An error in a shell statement, with the position it refers to.
public struct LanguageError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    /// The text is not a well-formed expression or statement.
    case syntax
    /// A name that no function, control or `let` defines.
    case unknownName
    /// A value of the wrong kind where a function wants another.
    case type
    /// A mini-notation string that does not parse.
    case miniNotation
    /// Input too large or too deeply nested.
    case limit
    /// An argument outside what a function accepts.
    case invalidArgument
  }

  public var kind: Kind
  public var position: SourcePosition
  /// The message without the position.
  public var message: String
  /// The statement's text, for the caret rendering.
  public var source: String

  public init(_ kind: Kind, _ message: String, at position: SourcePosition, source: String = "") {
    self.kind = kind
    self.message = message
    self.position = position
    self.source = source
  }

  public var line: Int { position.line }
  public var column: Int { position.column }

  /// `message at line:column`.
  public var summary: String { "\(message) at \(position)" }

  /// `line:column: message`, then the source line with a caret under the position.
  public var description: String {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard line >= 1, line - 1 < lines.count else { return "\(position): \(message)" }
    let text = String(lines[line - 1])
    let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
    return "\(position): \(message)\n  \(text)\n  \(caret)"
  }

  func with(source: String) -> LanguageError {
    var e = self
    if e.source.isEmpty { e.source = source }
    return e
  }
}

/// "Did you mean" suggestions by edit distance. The one edit distance in Tala: the session's
/// `:` command suggestions use ``distance(_:_:)`` too.
public enum Suggest {
  /// The closest of `candidates` to `name`, when close enough to be a likely typo.
  static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
    let limit = max(1, min(3, name.count / 3 + 1))
    var best: (String, Int)? = nil
    for c in candidates {
      let d = distance(name.lowercased(), c.lowercased())
      if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
    }
    return best?.0
  }

  /// Optimal string alignment distance: Levenshtein's, with a swap of neighbours counted as
  /// one edit (`fsat` is one from `fast`). Compares `Character`s as given (callers fold case).
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { d[i][0] = i }
    for j in 0...y.count { d[0][j] = j }
    for i in 1...x.count {
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[x.count][y.count]
  }
}
