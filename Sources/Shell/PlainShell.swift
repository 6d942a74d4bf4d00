import Language
import Session

#if canImport(Glibc)
  import Glibc
#endif

/// The shell without a terminal (`tala < file`, a pipe from an editor): no prompt, no echo, and
/// the layout of a script (``StatementReader``), so a file behaves the same piped or run with
/// `tala run`. A statement runs when the next statement, a blank line or the end of input
/// arrives, or when the input pauses after a statement that could end (an editor has sent its
/// block). `:` commands run at once. Ends at end of input or `:quit`.
public struct PlainShell {
  let handle: (String) -> Reply
  let write: (String) -> Void
  let sleep: (Int64) -> Void

  public init(session: Session, write: @escaping (String) -> Void, sleep: @escaping (Int64) -> Void) {
    self.init(handle: session.handle, write: write, sleep: sleep)
  }

  /// A shell that hands each statement to `handle` (tests record them).
  init(handle: @escaping (String) -> Reply, write: @escaping (String) -> Void, sleep: @escaping (Int64) -> Void) {
    self.handle = handle
    self.write = write
    self.sleep = sleep
  }

  /// What reading a line gave.
  public enum Input: Equatable {
    case line(String)
    /// Nothing arrived within the pause.
    case idle
    case end
  }

  /// Runs until end of input; returns the number of errors seen. `read(waiting)` returns the
  /// next line; when `waiting` is true (a statement is held) it may return `.idle` after a
  /// short pause instead.
  @discardableResult public func run(read: (_ waiting: Bool) -> Input) -> Int {
    var reader = StatementReader()
    var errors = 0
    var quit = false
    func perform(_ piece: StatementReader.Piece?) {
      guard let piece, !quit else { return }
      switch handle(piece.text) {
      case .ok(let output): if let output { write(output) }
      case .error(let message):
        errors += 1
        write("error: " + message)
      case .wait(let ns): sleep(ns)
      case .quit: quit = true
      }
    }
    while !quit {
      switch read(reader.isHolding) {
      case .end:
        perform(reader.finish())
        return errors
      case .idle:
        perform(reader.release())
      case .line(let line):
        for piece in reader.add(line) { perform(piece) }
      }
    }
    return errors
  }
}

/// Lines from a file descriptor, with a timeout: what `PlainShell` reads standard input with.
public final class LineReader {
  let descriptor: Int32
  private var pending: [UInt8] = []
  private var ended = false

  public init(descriptor: Int32 = 0) { self.descriptor = descriptor }

  /// The next line (without its newline), `.idle` if `pauseMilliseconds` pass with no complete
  /// line (only when given), or `.end`.
  public func next(pauseMilliseconds: Int32?) -> PlainShell.Input {
    while true {
      if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        var line = Array(pending[..<newline])
        pending.removeSubrange(...newline)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return .line(String(decoding: line, as: UTF8.self))
      }
      if ended {
        guard !pending.isEmpty else { return .end }
        defer { pending = [] }
        return .line(String(decoding: pending, as: UTF8.self))
      }
      if let pause = pauseMilliseconds {
        var fds = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&fds, 1, pause)
        if ready == 0 { return .idle }
        if ready < 0 && errno != EINTR { ended = true }
        if ready < 0 { continue }
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if n > 0 {
        pending += chunk[..<n]
      } else if n == 0 || errno != EINTR {
        ended = true
      }
    }
  }
}
