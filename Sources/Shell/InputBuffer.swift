import Language

/// The prompt's side of ``StatementReader``: lines typed (or pasted) at the prompt become
/// statements by the same layout rule as scripts and piped input.
///
/// At a prompt nobody types the next line while a statement waits, so a statement that could
/// end runs on Enter, unless more input is already pending: a paste delivers several lines at
/// once, and its indented lines continue the statement before them (`d1 $ s "bd"` then
/// `  # gain 0.8`). An unfinished statement (open bracket, string or `{-`, trailing operator)
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
  /// - Parameter moreInputPending: further lines are already available (a paste), so a
  ///   statement that could end is held until the next line shows whether it continues it.
  public mutating func add(_ line: String, moreInputPending: Bool = false) -> [String] {
    var complete = reader.add(line).map(\.text)
    if !moreInputPending, let held = reader.release() { complete.append(held.text) }
    return complete
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
