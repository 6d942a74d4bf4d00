import Language

/// The prompt's side of ``StatementReader``: lines typed (or pasted) at the prompt become
/// statements by the same layout rule as scripts and piped input.
///
/// At a prompt nobody types the next line while a statement waits, so a statement that could
/// end runs on Enter, unless the input already pending continues it: a paste delivers several
/// lines at once, and its indented lines continue the statement before them (`d1 $ s "bd"`
/// then `  # gain 0.8`), as in a script. An unfinished statement (open bracket, string or `{-`, trailing operator)
/// continues on the next line; `:{` … `:}` is one block; a blank line ends whatever is open, so
/// an unfinished line can always be abandoned.
public struct InputBuffer: Sendable {
  private var reader = StatementReader()

  public init() {}

  /// True while lines are being collected (the prompt should show a continuation).
  public var isContinuing: Bool { reader.isContinuing || reader.isHolding }

  /// What the lines collected so far leave open (the context of the line being typed, for
  /// completion).
  public var pendingScan: SourceScan { reader.pendingScan }

  /// Adds one line; returns the statements and commands it completes, in order.
  /// - Parameter next: the lines that already follow this one (the rest of a paste; the last
  ///   may be partial). A statement that could end is held while the first of them that is not
  ///   only a comment is indented, since that line continues it. Read lazily, only that far.
  public mutating func add<Lines: Sequence>(_ line: String, followedBy next: Lines) -> [String]
  where Lines.Element: StringProtocol {
    var complete = reader.add(line).map(\.text)
    if !continuesHeldStatement(next), let held = reader.release() { complete.append(held.text) }
    return complete
  }

  /// Adds a line that nothing follows yet (typed at the prompt).
  public mutating func add(_ line: String) -> [String] { add(line, followedBy: [String]()) }

  /// The lines of input that a terminal sent ahead: separated by line feeds or carriage returns.
  public static func lines(ofPendingInput text: String) -> [Substring] {
    text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }
  }

  private func continuesHeldStatement<Lines: Sequence>(_ next: Lines) -> Bool where Lines.Element: StringProtocol {
    guard reader.isHolding else { return false }
    for line in next {
      if let continues = reader.wouldContinue(String(line)) { return continues }
    }
    return false
  }

  /// Whatever is pending (at end of input).
  public mutating func finish() -> String? {
    reader.finish()?.text
  }
}

extension StringProtocol {
  var trimmingSpaces: String {
    let s = drop { $0.isWhitespace }
    return String(s.reversed().drop { $0.isWhitespace }.reversed())
  }
}
