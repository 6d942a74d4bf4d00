import CReadline
import Glibc

/// The glue to GNU readline's callback interface. Readline keeps one global state, so this does
/// too; everything here runs on the thread inside ``LineEditor/readLine(prompt:)`` (completion
/// callbacks are called by readline on that thread).
enum Readline {
  nonisolated(unsafe) private static var result: LineInput? = nil
  nonisolated(unsafe) private static var installed = false
  nonisolated(unsafe) private static var completer: (@Sendable (CompletionRequest) -> [String])? = nil
  nonisolated(unsafe) private static var matches: [String] = []
  nonisolated(unsafe) private static var nextMatch = 0
  nonisolated(unsafe) private static var pathPrefixes: [String] = []
  // Readline keeps pointers to these strings, so they live as long as the process.
  nonisolated(unsafe) private static var wordBreaks: UnsafeMutablePointer<CChar>? = nil
  nonisolated(unsafe) private static var pathBreaks: UnsafeMutablePointer<CChar>? = strdup(" \t\n")
  nonisolated(unsafe) private static var appName: UnsafeMutablePointer<CChar>? = nil
  /// Bytes read ahead from standard input (``readAhead()``), given to readline before any other.
  nonisolated(unsafe) private static var queued: [UInt8] = []
  nonisolated(unsafe) private static var queuedIndex = 0

  static func configure(
    name: String, completer: (@Sendable (CompletionRequest) -> [String])?, wordBreaks breaks: String,
    pathPrefixes prefixes: [String]
  ) {
    appName = strdup(name)
    self.completer = completer
    pathPrefixes = prefixes
    wordBreaks = strdup(breaks)
    // Also: readline's own signal handlers are off (they exist only inside its calls, so a
    // Ctrl-C while waiting in poll would end the process; the editor relays signals itself),
    // and readline must not call setenv while other threads may read the environment.
    tala_rl_configure(appName, wordBreaks, readlineWordBreaks, readlineComplete)
    tala_rl_input_hooks(readlineGetc, readlineInputAvailable)
  }

  /// True when bytes read ahead wait for readline (it needs no `poll` on standard input).
  static var hasQueuedInput: Bool { queuedIndex < queued.count }

  /// Reads whatever standard input has ready, without waiting, into the queue readline reads
  /// first. Returns everything queued.
  static func readAhead() -> [UInt8] {
    if queuedIndex > 0 {
      queued.removeFirst(queuedIndex)
      queuedIndex = 0
    }
    var chunk = [UInt8](repeating: 0, count: 4096)
    // Bounded: a paste is finite, and the queue stops growing at 1 MiB.
    while queued.count < 1 << 20 {
      var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      guard poll(&fd, 1, 0) > 0, fd.revents & Int16(POLLIN) != 0 else { break }
      let n = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      // End of input (or an error) is left for readline to meet after the queue.
      guard n > 0 else { break }
      queued += chunk[0..<n]
    }
    return Array(queued[queuedIndex...])
  }

  /// Drops what was read ahead (Ctrl-C: the terminal drops typed-ahead input too).
  static func dropQueuedInput() {
    queued = []
    queuedIndex = 0
  }

  /// The next byte for readline: from the queue, else from standard input (waiting).
  fileprivate static func nextByte() -> Int32 {
    if queuedIndex < queued.count {
      defer { queuedIndex += 1 }
      return Int32(queued[queuedIndex])
    }
    var byte: UInt8 = 0
    while true {
      let n = read(STDIN_FILENO, &byte, 1)
      if n == 1 { return Int32(byte) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
        var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        _ = poll(&fd, 1, -1)
        continue
      }
      return EOF
    }
  }

  /// Whether a key is waiting, within readline's key sequence timeout (as its own check does).
  fileprivate static func inputAvailable() -> Int32 {
    if hasQueuedInput { return 1 }
    let microseconds = rl_set_keyboard_input_timeout(-1)
    var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    return poll(&fd, 1, Int32(max(0, microseconds) / 1000)) > 0 ? 1 : 0
  }

  /// Shows `prompt` and starts collecting a line.
  static func begin(prompt: String) {
    result = nil
    installed = true
    rl_callback_handler_install(prompt, readlineAcceptLine)
  }

  /// Lets readline read one character; returns the input once a line is complete.
  static func readCharacter() -> LineInput? {
    rl_callback_read_char()
    return result
  }

  /// Throws the current line away after Ctrl-C and moves to a fresh line.
  static func interrupt() {
    dropQueuedInput()
    rl_free_line_state()
    rl_callback_sigcleanup()
    tala_rl_empty_line()
    using_history()
    fputs("^C\n", tala_rl_out())
    fflush(tala_rl_out())
    end()
  }

  static func resize() {
    rl_resize_terminal()
  }

  /// Prints `messages` on lines above the prompt and redraws the prompt (changed to `prompt`
  /// when given) with the text and cursor position the user had.
  static func show(messages: [String], prompt: String?) {
    // While readline shows a prompt of its own (a search), a new prompt waits for the next one.
    let prompt = tala_rl_busy() != 0 ? nil : prompt
    guard installed, !messages.isEmpty || prompt != nil else { return }
    rl_clear_visible_line()
    if let prompt { rl_set_prompt(prompt) }
    if !messages.isEmpty {
      let out = tala_rl_out()
      for m in messages {
        fputs(m, out)
        if !m.hasSuffix("\n") { fputs("\n", out) }
      }
      fflush(out)
    }
    rl_on_new_line()
    rl_redisplay()
  }

  /// Stops readline's handling of the terminal (restores the terminal modes).
  static func end() {
    if installed {
      installed = false
      rl_callback_handler_remove()
    }
  }

  fileprivate static func accept(_ line: UnsafeMutablePointer<CChar>?) {
    if let line {
      result = .line(String(cString: line))
      free(line)
    } else {
      // Ctrl-D on an empty line: readline has not moved to a new line.
      fputs("\n", tala_rl_out())
      result = .end
    }
    // Removing the handler here keeps readline from printing the prompt again at once.
    end()
  }

  fileprivate static func breakCharacters() -> UnsafeMutablePointer<CChar>? {
    let line = tala_rl_line_buffer().map { String(cString: $0) } ?? ""
    let isPath = pathPrefixes.contains { line.hasPrefix($0) }
    return isPath ? pathBreaks : wordBreaks
  }

  fileprivate static func complete(_ text: UnsafePointer<CChar>?, start: Int32) -> UnsafeMutablePointer<
    UnsafeMutablePointer<CChar>?
  >? {
    // Never fall back to readline's own file name completion.
    tala_rl_completion_settings(1, 32)
    guard let completer, let text else { return nil }
    let word = String(cString: text)
    var before = ""
    if let buffer = tala_rl_line_buffer(), start > 0 {
      let bytes = UnsafeBufferPointer(
        start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(start))
      before = String(decoding: bytes, as: UTF8.self)
    }
    var seen = Set<String>()
    matches = completer(CompletionRequest(before: before, word: word)).filter {
      $0.hasPrefix(word) && seen.insert($0).inserted
    }
    nextMatch = 0
    if matches.isEmpty { return nil }
    // A directory is completed without a space so that the user can go on into it.
    tala_rl_completion_settings(1, matches.allSatisfy { $0.hasSuffix("/") } ? 0 : 32)
    return rl_completion_matches(text, readlineNextCandidate)
  }

  fileprivate static func candidate(state: Int32) -> UnsafeMutablePointer<CChar>? {
    if state == 0 { nextMatch = 0 }
    guard nextMatch < matches.count else { return nil }
    defer { nextMatch += 1 }
    return strdup(matches[nextMatch])
  }
}

// Readline takes plain C function pointers, which Swift forms from top-level functions.

private func readlineAcceptLine(_ line: UnsafeMutablePointer<CChar>?) { Readline.accept(line) }

private func readlineWordBreaks() -> UnsafeMutablePointer<CChar>? { Readline.breakCharacters() }

private func readlineComplete(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<
  UnsafeMutablePointer<CChar>?
>? {
  Readline.complete(text, start: start)
}

private func readlineGetc(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 { Readline.nextByte() }

private func readlineInputAvailable() -> Int32 { Readline.inputAvailable() }

private func readlineNextCandidate(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
  Readline.candidate(state: state)
}
