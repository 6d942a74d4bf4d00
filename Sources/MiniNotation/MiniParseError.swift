/// A mini-notation syntax error, with the position Tidal would report (1-based line and column;
/// a tab advances the column to the next multiple of 8 plus 1, as Parsec counts).
public struct MiniParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var message: String
  public var source: String

  public init(line: Int, column: Int, message: String, source: String) {
    self.line = line
    self.column = column
    self.message = message
    self.source = source
  }

  /// `line:column: message`, then the offending source line with a caret under the problem.
  public var description: String {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    let text = line - 1 < lines.count ? String(lines[line - 1]) : ""
    // Re-expand tabs so the caret lines up with the column Parsec counted.
    var shown = ""
    for ch in text {
      if ch == "\t" {
        repeat { shown.append(" ") } while shown.count % 8 != 0
      } else {
        shown.append(ch)
      }
    }
    let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
    return "\(line):\(column): \(message)\n  \(shown)\n  \(caret)"
  }
}
