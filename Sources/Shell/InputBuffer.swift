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

  /// The lines collected so far (the context of the line being typed, for completion).
  public var pendingText: String { reader.pendingText }

  /// Adds one line; returns the statements and commands it completes, in order.
  /// - Parameter pendingInput: the input that already follows this line (the rest of a paste;
  ///   lines end with a line feed or carriage return, the last may be partial). A statement
  ///   that could end is held while its first line that is not only a comment is indented,
  ///   since that line continues it.
  public mutating func add(_ line: String, pendingInput: String = "") -> [String] {
    var complete = reader.add(line).map(\.text)
    if !continuesHeldStatement(pendingInput), let held = reader.release() { complete.append(held.text) }
    return complete
  }

  private func continuesHeldStatement(_ pending: String) -> Bool {
    guard reader.isHolding else { return false }
    for next in pending.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
      if let continues = reader.wouldContinue(String(next)) { return continues }
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
