import CReadline
import Glibc
import Synchronization
import System

/// What one call to ``LineEditor/readLine(prompt:)`` produced.
public enum LineInput: Sendable, Equatable {
  /// A line the user accepted with Enter (without the newline). Bracketed paste may put
  /// several lines, joined by `\n`, in one.
  case line(String)
  /// Ctrl-C: the line being typed was thrown away; the caller keeps going.
  case interrupted
  /// Ctrl-D on an empty line, or the end of input.
  case end
}

/// The word being completed and its context.
public struct CompletionRequest: Sendable, Equatable {
  /// The text of the line before the word.
  public var before: String
  /// The partial word at the cursor (may be empty).
  public var word: String

  public init(before: String, word: String) {
    self.before = before
    self.word = word
  }
}

/// A line editor for an interactive shell: GNU readline driven through its callback interface,
/// so that other threads can print messages above the prompt without disturbing the line being
/// typed. When standard input is not a terminal it reads plain lines and prints no prompt.
///
/// Readline is one global state per process: create one `LineEditor` and call ``readLine(prompt:)``
/// from one thread. ``printAbove(_:)`` and ``setPrompt(_:)`` may be called from any thread.
public final class LineEditor: Sendable {
  /// Where history lives and how the editor behaves.
  public struct Configuration: Sendable {
    /// The history file; `nil` keeps no history on disk.
    public var historyPath: String?
    /// How many lines of history are kept in memory and in the file.
    public var historyLimit: Int
    /// Candidates for the word at the cursor (readline keeps those starting with the word).
    public var completer: (@Sendable (CompletionRequest) -> [String])?
    /// Characters that end a word for completion, except after ``pathCommandPrefixes``.
    public var wordBreakCharacters: String
    /// Lines starting with one of these complete file names: words then break only at spaces.
    public var pathCommandPrefixes: [String]
    /// `nil`: interactive exactly when standard input is a terminal.
    public var interactive: Bool?
    /// The application name readline's `~/.inputrc` conditionals see (`$if tala`).
    public var name: String
    /// The clock ``LineEditor/pause(nanoseconds:)`` waits on.
    public var clock: any TimeSource

    public init(
      historyPath: String? = HistoryFile.defaultPath(application: "tala"), historyLimit: Int = 2000,
      completer: (@Sendable (CompletionRequest) -> [String])? = nil,
      wordBreakCharacters: String = " \t\n\"$()[]{}<>,|#.+*/%~!?@;&=",
      pathCommandPrefixes: [String] = [], interactive: Bool? = nil, name: String = "tala",
      clock: any TimeSource = SystemClock()
    ) {
      self.historyPath = historyPath
      self.historyLimit = historyLimit
      self.completer = completer
      self.wordBreakCharacters = wordBreakCharacters
      self.pathCommandPrefixes = pathCommandPrefixes
      self.interactive = interactive
      self.name = name
      self.clock = clock
    }
  }

  /// True when lines are edited with readline (standard input is a terminal).
  public let isInteractive: Bool
  private let configuration: Configuration
  private let history: HistoryFile?
  private let wake: WakePipe
  private let shared = Mutex(Shared())

  /// State other threads hand to the reading thread.
  private struct Shared {
    /// True while readline owns the terminal (between installing and removing its handler).
    var reading = false
    var messages: [String] = []
    var prompt: String?
  }

  private static let claimed = Atomic<Bool>(false)

  /// Prepares the editor: loads history and, when interactive, takes over SIGINT and SIGWINCH.
  /// - Precondition: no other `LineEditor` exists in the process (readline is global).
  public init(_ configuration: Configuration = Configuration()) {
    let (unclaimed, _) = LineEditor.claimed.compareExchange(
      expected: false, desired: true, ordering: .acquiringAndReleasing)
    precondition(unclaimed, "only one LineEditor may exist at a time")
    self.configuration = configuration
    isInteractive = configuration.interactive ?? (isatty(STDIN_FILENO) == 1)
    wake = WakePipe()
    if isInteractive {
      Readline.configure(
        name: configuration.name, completer: configuration.completer,
        wordBreaks: configuration.wordBreakCharacters, pathPrefixes: configuration.pathCommandPrefixes)
      SignalRelay.install()
      history = configuration.historyPath.map { HistoryFile(path: $0, limit: max(1, configuration.historyLimit)) }
      history?.load()
    } else {
      history = nil
    }
  }

  deinit {
    if isInteractive { SignalRelay.uninstall() }
    LineEditor.claimed.store(false, ordering: .releasing)
  }

  /// Waits `nanoseconds` (a script's `:wait`), or less if Ctrl-C is pressed: returns false
  /// then. Without a terminal it simply sleeps.
  public func pause(nanoseconds: Int64) -> Bool {
    let clock = configuration.clock
    func now() -> Int64 { clock.monotonicNanoseconds() }
    let end = now() + nanoseconds
    guard isInteractive else {
      clock.sleep(untilMonotonic: end)
      return true
    }
    SignalRelay.drain()
    while case let left = end - now(), left > 0 {
      var fd = pollfd(fd: SignalRelay.readEnd, events: Int16(POLLIN), revents: 0)
      _ = poll(&fd, 1, Int32(min(100, (left + 999_999) / 1_000_000)))
      if fd.revents != 0, SignalRelay.drain().contains(SIGINT) { return false }
    }
    return true
  }

  /// Reads one line, showing `prompt`. Messages from ``printAbove(_:)`` appear above it while
  /// the user types. Every accepted non-blank line is appended to the history file at once.
  public func readLine(prompt: String) -> LineInput {
    guard isInteractive else {
      guard let line = Swift.readLine(strippingNewline: true) else { return .end }
      return .line(line)
    }
    SignalRelay.drain()
    wake.drain()
    shared.withLock {
      $0.reading = true
      $0.prompt = nil
    }
    Readline.begin(prompt: prompt)
    var result: LineInput? = nil
    // Each turn waits for a key, a signal or a message; readline ends the line by itself.
    while result == nil {
      var fds = [
        pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
        pollfd(fd: SignalRelay.readEnd, events: Int16(POLLIN), revents: 0),
      ]
      // Input read ahead is already here: look at the pipes without waiting, then read it.
      let queued = Readline.hasQueuedInput
      let ready = poll(&fds, nfds_t(fds.count), queued ? 0 : -1)
      if ready < 0 {
        if errno == EINTR { continue }
        result = .end
        break
      }
      if fds[2].revents != 0 {
        for signal in SignalRelay.drain() {
          if signal == SIGINT {
            Readline.interrupt()
            result = .interrupted
          } else if signal == SIGWINCH {
            Readline.resize()
          }
        }
        if result != nil { break }
      }
      if fds[1].revents != 0 {
        wake.drain()
        let (messages, newPrompt) = shared.withLock { s in
          defer {
            s.messages = []
            s.prompt = nil
          }
          return (s.messages, s.prompt)
        }
        Readline.show(messages: messages, prompt: newPrompt)
      }
      if fds[0].revents & Int16(POLLNVAL) != 0 {
        result = .end
      } else if queued || fds[0].revents != 0 {
        result = Readline.readCharacter()
      }
    }
    Readline.end()
    let late = shared.withLock { s in
      s.reading = false
      defer { s.messages = [] }
      return s.messages
    }
    for message in late { Output.write(message) }
    if case .line(let text) = result { history?.add(text) }
    return result ?? .end
  }

  /// The input already waiting to be read, as the terminal sent it (carriage returns between
  /// lines): the rest of a paste, or keys typed ahead. It is still read by the next
  /// ``readLine(prompt:)``. Call it from the reading thread, between reads. Without a terminal,
  /// empty.
  public func pendingInput() -> String {
    isInteractive ? String(decoding: Readline.readAhead(), as: UTF8.self) : ""
  }

  /// Prints `text` (a newline is added when missing) above the prompt, keeping the line being
  /// typed and the cursor. Safe to call from any thread; when no line is being read it prints
  /// straight away.
  public func printAbove(_ text: String) {
    let direct = shared.withLock { s in
      if s.reading { s.messages.append(text) }
      return !s.reading
    }
    if direct { Output.write(text) } else { wake.signal() }
  }

  /// Replaces the prompt of the line being read (for example to show the cycle position).
  /// Safe to call from any thread; ignored when no line is being read.
  public func setPrompt(_ prompt: String) {
    let reading = shared.withLock { s in
      if s.reading { s.prompt = prompt }
      return s.reading
    }
    if reading { wake.signal() }
  }
}

/// Serialized writes to standard output.
enum Output {
  static let lock = Mutex(())

  /// Writes `text`, ending it with a newline, in one piece.
  static func write(_ text: String) {
    let line = text.hasSuffix("\n") ? text : text + "\n"
    lock.withLock { _ in
      // Buffered output (print, readline) goes first, then the message in one write.
      fflush(nil)
      let bytes = Array(line.utf8)
      var offset = 0
      while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        offset += n
      }
    }
  }
}
