import Session

#if canImport(Glibc)
  import Glibc
#endif

/// The shell without a terminal: reads lines from standard input (no prompt, no echo) and runs
/// each complete statement or command as it arrives, so `tala < file` and pipes from editors
/// work. Ends at end of input or `:quit`.
public struct PlainShell {
  let session: Session
  let write: (String) -> Void
  let sleep: (Int64) -> Void

  public init(session: Session, write: @escaping (String) -> Void, sleep: @escaping (Int64) -> Void) {
    self.session = session
    self.write = write
    self.sleep = sleep
  }

  /// Runs until end of input; returns the number of errors seen.
  @discardableResult public func run(readLine: () -> String?) -> Int {
    var buffer = InputBuffer()
    var errors = 0
    func perform(_ text: String) -> Bool {
      switch session.handle(text) {
      case .ok(let output): if let output { write(output) }
      case .error(let message):
        errors += 1
        write("error: " + message)
      case .wait(let ns): sleep(ns)
      case .quit: return false
      }
      return true
    }
    while let line = readLine() {
      if let complete = buffer.add(line), !perform(complete) { return errors }
    }
    if let rest = buffer.finish() { _ = perform(rest) }
    return errors
  }
}
