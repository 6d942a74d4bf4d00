import Language
import LineEditor
import Scheduler
import Session
import ShellSupport
import Synchronization
import System

#if canImport(Glibc)
  import Glibc
#endif

/// The shell at a terminal: readline editing, history, completion, and messages from the
/// scheduler printed above the prompt while the music plays. The prompt shows where the music
/// is: `tala 12.3 0.56cps> `.
///
/// Create it first, hand ``printAbove(_:)`` to the session as its message sink, then ``run(session:sleep:)``.
public final class InteractiveShell: Sendable {
  public let editor: LineEditor
  private let completion: Completion
  /// How often the prompt's cycle position is redrawn while a line is typed (0: never).
  private let promptRefreshMilliseconds: Int
  private let continuing = Atomic<Bool>(false)
  private let interrupted = Atomic<Bool>(false)

  /// What completion offers; filled in once the session exists, refreshed after every line
  /// (for new `let` bindings).
  final class Completion: Sendable {
    let candidates = Mutex(CompletionCandidates())
  }

  /// - Parameters:
  ///   - historyPath: the history file (by default under `$XDG_STATE_HOME/tala`).
  ///   - sounds: sound names to complete beyond the built-in ones (e.g. a sample folder's).
  ///   - promptRefreshMilliseconds: how often the cycle position in the prompt is redrawn
  ///     while a line is typed (0: only when a new prompt is shown).
  public init(
    historyPath: String? = HistoryFile.defaultPath(application: "tala"), sounds: [String] = [],
    promptRefreshMilliseconds: Int = 500
  ) {
    self.promptRefreshMilliseconds = promptRefreshMilliseconds
    let completion = Completion()
    completion.candidates.withLock { $0.sounds = sounds }
    self.completion = completion
    editor = LineEditor(
      LineEditor.Configuration(
        historyPath: historyPath,
        completer: { request in
          completion.candidates.withLock { $0 }.candidates(before: request.before, word: request.word)
        },
        pathCommandPrefixes: [":load "]))
  }

  /// The sound names of a sample folder laid out like Dirt-Samples: its subfolders.
  public static func soundNames(inSampleFolder folder: String) -> [String] {
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    return FileNames.candidates(for: prefix).compactMap { path in
      path.hasSuffix("/") ? String(path.dropFirst(prefix.count).dropLast()) : nil
    }
  }

  /// Prints a message above the prompt (any thread).
  public func printAbove(_ text: String) { editor.printAbove(text) }

  /// A `:wait` at the prompt or in a `:load`ed script: Ctrl-C cuts it short and stops the
  /// script (the music plays on).
  public func pause(_ nanoseconds: Int64) {
    if !editor.pause(nanoseconds: nanoseconds) { interrupted.store(true, ordering: .relaxed) }
  }

  /// Whether Ctrl-C cut a wait short since the current input began.
  public var wasInterrupted: Bool { interrupted.load(ordering: .relaxed) }

  /// Reads and runs statements and commands until Ctrl-D or `:quit`. Errors are printed with
  /// their line and a caret and never stop what is playing. Returns the number of errors.
  @discardableResult
  public func run(session: Session, sleep: (Int64) -> Void) -> Int {
    refreshCompletion(session)
    let ticker = startPromptTicker(session)
    defer { ticker?.stop() }
    var buffer = InputBuffer()
    var errors = 0
    /// Runs one complete piece of input; false to leave the shell.
    func perform(_ text: String) -> Bool {
      interrupted.store(false, ordering: .relaxed)
      defer { if interrupted.load(ordering: .relaxed) { print("interrupted (the music plays on)") } }
      switch session.handle(text) {
      case .ok(let output): if let output { print(output) }
      case .error(let message):
        errors += 1
        print("error: " + message)
      case .wait(let ns): sleep(ns)
      case .quit: return false
      }
      return true
    }
    while true {
      let main = InteractiveShell.prompt(session)
      let prompt = buffer.isContinuing ? InteractiveShell.continuation(for: main) : main
      continuing.store(buffer.isContinuing, ordering: .relaxed)
      let context = buffer.pendingScan
      completion.candidates.withLock { $0.preceding = context }
      switch editor.readLine(prompt: prompt) {
      case .line(let text):
        // A paste brings several lines at once: in one piece (bracketed paste), or as lines
        // already waiting to be read. Either way its indented lines continue the statement.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let ahead = InputBuffer.lines(ofPendingInput: editor.pendingInput())
        for (index, line) in lines.enumerated() {
          let rest = [lines[(index + 1)...], ahead[...]].joined()
          for complete in buffer.add(String(line), followedBy: rest) where !perform(complete) {
            return errors
          }
        }
        refreshCompletion(session)
      case .interrupted:
        buffer = InputBuffer()
      case .end:
        if let rest = buffer.finish() { _ = perform(rest) }
        return errors
      }
    }
  }

  /// A thread that redraws the prompt as the cycle advances (not on continuation lines, whose
  /// prompt does not show it).
  func startPromptTicker(_ session: Session) -> DedicatedThread? {
    guard editor.isInteractive, promptRefreshMilliseconds > 0 else { return nil }
    let interval = promptRefreshMilliseconds
    let clock = session.scheduler.clock
    return DedicatedThread { [self] running in
      var shown = ""
      var waited = 0
      while running.load(ordering: .acquiring) {
        // Short naps so that stopping never waits long.
        clock.sleep(nanoseconds: 20_000_000)
        waited += 20
        guard waited >= interval else { continue }
        waited = 0
        guard !continuing.load(ordering: .relaxed) else { continue }
        let prompt = InteractiveShell.prompt(session)
        if prompt != shown {
          shown = prompt
          editor.setPrompt(prompt)
        }
      }
    }
  }

  func refreshCompletion(_ session: Session) {
    let commands = session.commands.map { ":" + $0.name }
    let names = Array(session.evaluator.bindings.keys)
    completion.candidates.withLock {
      $0.commands = commands
      $0.names = names
      $0.commandArguments = [":target": ["add", "remove"], ":audio": ["on", "off"]]
      $0.files = { FileNames.candidates(for: $0) }
    }
  }

  /// `tala 12.3 0.56cps> `: the cycle (to a tenth, rounded down) and the tempo.
  public static func prompt(_ session: Session) -> String {
    let status = session.scheduler.status
    let tenths = Int((max(0, status.cycle) * 10).rounded(.down))
    let cps = (status.cps.doubleValue * 100).rounded() / 100
    var cpsText = String(cps)
    if cpsText.hasSuffix(".0") { cpsText.removeLast(2) }
    return "tala \(tenths / 10).\(tenths % 10) \(cpsText)cps> "
  }

  /// A continuation prompt as wide as `prompt`, so continued lines line up.
  public static func continuation(for prompt: String) -> String {
    String(repeating: " ", count: max(0, prompt.count - 5)) + "...> "
  }
}
