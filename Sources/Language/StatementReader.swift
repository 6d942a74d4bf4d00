/// The one layout rule: which lines make a statement. The prompt, piped input, `tala run` and
/// `:load` all read their lines through it, so the same text makes the same statements.
///
/// Line by line:
/// - A line that starts at column 1 starts a new statement; an indented line continues the
///   statement before it (Haskell's layout rule, as Tidal's editors send blocks).
/// - Whatever the indentation, a line continues a statement that cannot end yet (``SourceScan``):
///   an open string, bracket or `{-` comment, or a trailing operator (`d1 $`).
/// - A blank line ends the statement (inside a `{- -}` comment it is part of the comment).
/// - A line of only comments starts nothing; between lines of a statement it is kept, so that
///   line numbers in errors stay right.
/// - A `:` command is one line and complete at once.
/// - `:{` … `:}` groups the lines between them into one statement, as in GHCi.
///
/// A statement that could end (its last line is complete) is *held*: the next line may still be
/// an indented continuation. The caller releases it when the next statement starts (this does
/// it), when the input pauses (``release()``, the prompt and piped input) or at the end
/// (``finish()``).
public struct StatementReader: Sendable {
  /// A statement or `:` command as text, with the line it starts on.
  public struct Piece: Sendable, Equatable {
    public var text: String
    /// 1-based, counting every line given to the reader.
    public var line: Int
    public init(text: String, line: Int) {
      self.text = text
      self.line = line
    }
    /// A `:` command (its text starts with `:`).
    public var isCommand: Bool { text.hasPrefix(":") }
  }

  private var lines: [String] = []
  /// Comment lines after the held statement: its own if an indented line follows.
  private var comments: [String] = []
  private var startLine = 0
  private var scan = SourceScan()
  private var inBlock = false
  private var lineCount = 0

  public init() {}

  /// The statements and commands of a whole text, in order (a script).
  public static func pieces(of text: String) -> [Piece] {
    var reader = StatementReader()
    var out: [Piece] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      out += reader.add(String(line))
    }
    if let last = reader.finish() { out.append(last) }
    return out
  }

  /// Lines are collected that cannot end a statement yet (the prompt shows a continuation).
  public var isContinuing: Bool { inBlock || (!lines.isEmpty && scan.isUnfinished) }

  /// A statement that could end is held back: an indented next line would continue it.
  public var isHolding: Bool { !inBlock && !lines.isEmpty && !scan.isUnfinished }

  /// The scan of the lines collected so far and the line break after them, or the scan of
  /// nothing when none are: the context of the next line (completion reads it).
  public var pendingScan: SourceScan { lines.isEmpty ? SourceScan() : scan.continued(with: "\n") }

  /// Adds one line (a trailing carriage return is dropped); returns what it completes, in order:
  /// a held statement that this line ends, and this line itself when it is a `:` command.
  public mutating func add(_ rawLine: String) -> [Piece] {
    let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : rawLine
    lineCount += 1
    let trimmed = line.trimmingSpaces
    if inBlock {
      if trimmed == ":}" {
        inBlock = false
        return take()
      }
      append(line)
      return []
    }
    if trimmed == ":{" && !isContinuing {
      let held = take()
      inBlock = true
      startLine = lineCount + 1
      return held
    }
    if trimmed.isEmpty {
      if case .blockComment = scan.context, !lines.isEmpty {
        append(line)
        return []
      }
      return take()
    }
    if !lines.isEmpty && scan.isUnfinished {
      append(line)
      return []
    }
    let alone = SourceScan(line)
    if !alone.hasCode && !alone.isUnfinished {
      // Only comments: kept if the statement goes on after them, dropped between statements.
      if !lines.isEmpty { comments.append(line) }
      return []
    }
    if !lines.isEmpty && (line.first?.isWhitespace ?? false) {
      append(line)
      return []
    }
    var out = take()
    if trimmed.hasPrefix(":") {
      out.append(Piece(text: trimmed, line: lineCount))
    } else {
      append(line)
    }
    return out
  }

  /// Whether `line`, added next, would continue the held statement (false when none is held);
  /// nil for a line of only comments, which decides nothing by itself.
  public func wouldContinue(_ line: String) -> Bool? {
    guard isHolding else { return false }
    let trimmed = line.trimmingSpaces
    if trimmed.isEmpty || trimmed == ":{" { return false }
    let alone = SourceScan(line)
    if !alone.hasCode && !alone.isUnfinished { return nil }
    return line.first?.isWhitespace ?? false
  }

  /// The held statement, if any (the input paused, so no continuation line is coming).
  public mutating func release() -> Piece? {
    isHolding ? take().first : nil
  }

  /// Everything pending, finished or not (the end of the input).
  public mutating func finish() -> Piece? {
    inBlock = false
    return take().first
  }

  private mutating func append(_ line: String) {
    if !comments.isEmpty {
      let kept = comments
      comments = []
      for comment in kept { append(comment) }
    }
    if lines.isEmpty {
      if !inBlock { startLine = lineCount }
      scan = SourceScan(line)
    } else {
      scan = scan.continued(with: "\n" + line)
    }
    lines.append(line)
  }

  /// The pending lines as a piece (none when they hold no code), leaving the reader empty.
  private mutating func take() -> [Piece] {
    defer {
      lines = []
      comments = []
      scan = SourceScan()
    }
    guard !lines.isEmpty, scan.hasCode else { return [] }
    return [Piece(text: lines.joined(separator: "\n"), line: startLine)]
  }
}

extension StringProtocol {
  fileprivate var trimmingSpaces: String {
    let s = drop { $0.isWhitespace }
    return String(s.reversed().drop { $0.isWhitespace }.reversed())
  }
}
