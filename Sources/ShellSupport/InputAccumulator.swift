/// Gathers typed lines into complete pieces of input, as Tidal editors do: a line with an
/// unclosed bracket or string, or ending in `$` or another operator, continues on the next line;
/// a blank line ends what was gathered; `:{` … `:}` brackets a block explicitly.
///
/// Lines starting with `:` (shell commands) are complete by themselves, except `:{`.
public struct InputAccumulator: Sendable {
  private var lines: [String] = []
  private var explicitBlock = false

  public init() {}

  /// True while a piece of input is incomplete (the shell shows a continuation prompt).
  public var isContinuing: Bool { explicitBlock || !lines.isEmpty }

  /// Forgets the input gathered so far (Ctrl-C).
  public mutating func reset() {
    lines = []
    explicitBlock = false
  }

  /// Adds typed text (one line, or several joined by `\n` from a paste) and returns the pieces
  /// it completed, in order.
  public mutating func add(_ text: String) -> [String] {
    var done: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if let piece = addLine(String(line)) { done.append(piece) }
    }
    return done
  }

  /// Whatever is gathered, as a last piece (at the end of input).
  public mutating func finish() -> String? {
    defer { reset() }
    let text = InputAccumulator.join(lines)
    return text.allSatisfy(\.isWhitespace) ? nil : text
  }

  private mutating func addLine(_ raw: String) -> String? {
    let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
    let trimmed = line.trimmed
    if explicitBlock {
      if trimmed == ":}" { return finish() }
      lines.append(line)
      return nil
    }
    if lines.isEmpty {
      if trimmed.isEmpty { return nil }
      if trimmed == ":{" {
        explicitBlock = true
        return nil
      }
      if trimmed.hasPrefix(":") { return String(trimmed) }
    } else if trimmed.isEmpty || trimmed == ":}" {
      return finish()
    }
    lines.append(line)
    if Continuation.needsMore(InputAccumulator.join(lines)) { return nil }
    return finish()
  }

  /// Joins lines with newlines, except where a string is still open: the language's strings do
  /// not span lines, so that break becomes a space (positions then refer to the joined line).
  static func join(_ lines: [String]) -> String {
    var text = ""
    for (i, line) in lines.enumerated() {
      if i > 0 { text += Continuation.scan(text).inString ? " " : "\n" }
      text += line
    }
    return text
  }
}

/// Whether source text is unfinished.
public enum Continuation {
  /// True when `text` has an unclosed bracket or string, or ends with an operator (after
  /// comments are removed).
  public static func needsMore(_ text: String) -> Bool {
    let state = scan(text)
    if state.depth > 0 || state.inString { return true }
    guard let last = state.lastSignificant else { return false }
    return operatorCharacters.contains(last)
  }

  static let operatorCharacters: Set<Character> = [
    "$", "#", ".", "+", "-", "*", "/", "<", ">", "|", "~", "=", "&", "%", "^", "\\", "!", "?", "@", ":",
  ]

  struct State {
    var depth = 0
    var inString = false
    var lastSignificant: Character? = nil
  }

  /// One pass over the text, skipping `--` comments as the lexer does.
  static func scan(_ text: String) -> State {
    var state = State()
    let chars = Array(text)
    var i = 0
    var escaped = false
    while i < chars.count {
      let c = chars[i]
      if state.inString {
        if c == "\n" {
          // Only a joined line break can be here; the string stays open.
        } else if escaped {
          escaped = false
        } else if c == "\\" {
          escaped = true
        } else if c == "\"" {
          state.inString = false
        }
        state.lastSignificant = c
        i += 1
        continue
      }
      if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
        var k = i + 2
        while k < chars.count, chars[k] == "-" { k += 1 }
        if k >= chars.count || !operatorCharacters.contains(chars[k]) {
          while i < chars.count, chars[i] != "\n" { i += 1 }
          continue
        }
      }
      switch c {
      case "\"": state.inString = true
      case "(", "[", "{": state.depth += 1
      case ")", "]", "}": state.depth = max(0, state.depth - 1)
      default: break
      }
      if !c.isWhitespace { state.lastSignificant = c }
      i += 1
    }
    return state
  }
}

extension String {
  var trimmed: Substring {
    var s = self[...]
    while let f = s.first, f.isWhitespace { s = s.dropFirst() }
    while let l = s.last, l.isWhitespace { s = s.dropLast() }
    return s
  }
}
