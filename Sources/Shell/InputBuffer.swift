/// Collects typed lines until they make a whole statement: an unclosed bracket or quote, or a
/// trailing `$` or operator, continues on the next line; `:{` … `:}` is one block; a blank line
/// ends whatever is open (so an unfinished line can always be abandoned).
public struct InputBuffer: Sendable {
  private var lines: [String] = []
  private var inBlock = false
  /// The line number (1-based, counting every line given) where the pending input started.
  public private(set) var startLine = 0
  private var lineCount = 0

  public init() {}

  /// True while lines are being collected (the prompt should show a continuation).
  public var isContinuing: Bool { inBlock || !lines.isEmpty }

  /// Adds one line; returns the complete input when this line finishes one.
  public mutating func add(_ line: String) -> String? {
    lineCount += 1
    let trimmed = line.trimmingSpaces
    if inBlock {
      if trimmed == ":}" {
        inBlock = false
        return take()
      }
      append(line)
      return nil
    }
    if trimmed == ":{" && lines.isEmpty {
      inBlock = true
      startLine = lineCount + 1
      return nil
    }
    if trimmed.isEmpty { return lines.isEmpty ? nil : take() }
    append(line)
    return Self.isComplete(lines.joined(separator: "\n")) ? take() : nil
  }

  /// Whatever is pending (at end of input).
  public mutating func finish() -> String? {
    inBlock = false
    return lines.isEmpty ? nil : take()
  }

  private mutating func append(_ line: String) {
    if lines.isEmpty { startLine = lineCount }
    lines.append(line)
  }

  private mutating func take() -> String? {
    defer { lines = [] }
    let text = Self.join(lines)
    return text.trimmingSpaces.isEmpty ? nil : text
  }

  /// Joins lines with newlines, except where a string is still open: the language's strings do
  /// not span lines, so that break becomes a space (positions then count the joined line).
  static func join(_ lines: [String]) -> String {
    var text = ""
    var quote = false
    for (i, line) in lines.enumerated() {
      if i > 0 { text += quote ? " " : "\n" }
      text += line
      var chars = Array(line)
      if !quote, let dash = commentStart(chars) { chars = Array(chars[..<dash]) }
      for ch in chars where ch == "\"" { quote.toggle() }
    }
    return text
  }

  /// Balanced brackets and quotes, and no operator waiting for its right side. `:` commands are
  /// always one line; `--` comments are ignored.
  public static func isComplete(_ text: String) -> Bool {
    if text.trimmingSpaces.hasPrefix(":") { return true }
    var depth = 0
    var quote = false
    var last: Character?
    var previous: Character?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var chars = Array(line)
      if !quote, let dash = commentStart(chars) { chars = Array(chars[..<dash]) }
      for ch in chars {
        if quote {
          if ch == "\"" { quote = false }
        } else {
          switch ch {
          case "\"": quote = true
          case "(", "[", "{": depth += 1
          case ")", "]", "}": depth -= 1
          default: break
          }
        }
        if !ch.isWhitespace {
          previous = last
          last = ch
        }
      }
    }
    if quote || depth > 0 { return false }
    guard let last else { return true }
    // `$`, `#`, `.`, `+` … at the end want more; `..` inside strings was skipped above.
    if "$#+*/<>|~-=".contains(last) { return false }
    if last == ".", previous != "." { return false }
    return true
  }

  static func commentStart(_ chars: [Character]) -> Int? {
    var quote = false
    var i = 0
    while i + 1 < chars.count {
      if chars[i] == "\"" { quote.toggle() }
      if !quote && chars[i] == "-" && chars[i + 1] == "-" { return i }
      i += 1
    }
    return nil
  }
}

extension StringProtocol {
  var trimmingSpaces: String {
    let s = drop { $0.isWhitespace }
    return String(s.reversed().drop { $0.isWhitespace }.reversed())
  }
}
