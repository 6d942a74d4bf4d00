import Controls
import Language

/// What the shell offers for the word at the cursor: `:` commands at the start of a line, file
/// names after `:load`, sound names inside a string, nothing inside a comment, and otherwise
/// the language's statements, functions and controls (with any names the caller adds, such as
/// `let` bindings).
public struct CompletionCandidates: Sendable {
  /// Command names with their colon (`:load`).
  public var commands: [String]
  /// Commands whose argument is a file name.
  public var fileCommands: Set<String>
  /// Fixed words for a command's first argument (`:target` → `add`, `remove`…).
  public var commandArguments: [String: [String]]
  /// Sound names beyond the built-in ones (for example a sample folder's).
  public var sounds: [String]
  /// Names beyond the library's (for example `let` bindings).
  public var names: [String]
  /// File names starting with a partial path.
  public var files: @Sendable (String) -> [String]
  /// The lines of the statement before the cursor's line (at a continuation prompt), scanned:
  /// whether the cursor is inside a string or a comment depends on them too.
  public var preceding = SourceScan()

  public init(
    commands: [String] = [], fileCommands: Set<String> = [":load"], commandArguments: [String: [String]] = [:],
    sounds: [String] = [], names: [String] = [], files: @escaping @Sendable (String) -> [String] = { _ in [] }
  ) {
    self.commands = commands
    self.fileCommands = fileCommands
    self.commandArguments = commandArguments
    self.sounds = sounds
    self.names = names
    self.files = files
  }

  /// Language words usable in expressions: every library name that is a word (not an operator).
  public static let languageWords: [String] = Library.names.filter { $0.first?.isLetter == true }

  /// The stateful helpers (`nCount`, `delayfeedbackTake` …: 573 of them), by the length of the
  /// control name they extend. One is offered only once the typed word goes past that name, so
  /// `delayf` completes to the controls and `delayfeedbackC` to the helpers.
  static let statefulBaseLength: [String: Int] = Dictionary(
    uniqueKeysWithValues: Params.stateful.map { helper in
      let suffix = ["CountTo", "Count", "Take"].first { helper.name.hasSuffix($0) } ?? ""
      return (helper.name, helper.name.count - suffix.count)
    })

  /// Candidates starting with `word`, given the text before it on the line, sorted.
  public func candidates(before: String, word: String) -> [String] {
    let line = before.drop { $0.isWhitespace }
    let startsStatement = preceding == SourceScan()
    var pool: [String]
    if startsStatement && line.isEmpty && word.hasPrefix(":") {
      pool = commands
    } else if startsStatement && line.hasPrefix(":") {
      let command = String(line.prefix { !$0.isWhitespace })
      let arguments = line.dropFirst(command.count)
      let firstArgument = arguments.allSatisfy(\.isWhitespace)
      if fileCommands.contains(command) {
        return firstArgument ? files(word).filter { $0.hasPrefix(word) } : []
      } else if command == ":help" {
        pool = firstArgument ? CompletionCandidates.languageWords + commands.map { String($0.dropFirst()) } : []
      } else if firstArgument, let fixed = commandArguments[command] {
        pool = fixed
      } else {
        pool = expressionPool(before: arguments)
      }
    } else {
      pool = expressionPool(before: line)
    }
    let typed = word.count
    return Set(
      pool.filter { name in
        name.hasPrefix(word) && (CompletionCandidates.statefulBaseLength[name].map { typed > $0 } ?? true)
      }
    ).sorted()
  }

  private func expressionPool(before: Substring) -> [String] {
    switch preceding.continued(with: String(before)).context {
    case .string: Sound.builtIn + sounds
    case .lineComment, .blockComment: []
    case .code: CompletionCandidates.languageWords + names
    }
  }
}
