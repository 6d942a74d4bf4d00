import CReadline
import Glibc
import Synchronization

/// The history file: loaded at start, one line appended after every accepted line (so nothing
/// is lost on a crash), trimmed to a bounded size now and then.
public final class HistoryFile: Sendable {
  public let path: String
  public let limit: Int
  private let appended = Atomic<Int>(0)

  init(path: String, limit: Int) {
    self.path = path
    self.limit = limit
  }

  /// `$XDG_STATE_HOME/<application>/history`, or `~/.local/state/<application>/history`;
  /// `nil` when neither variable gives an absolute directory.
  public static func defaultPath(application: String) -> String? {
    if let state = getenv("XDG_STATE_HOME").map({ String(cString: $0) }), state.hasPrefix("/") {
      return "\(state)/\(application)/history"
    }
    if let home = getenv("HOME").map({ String(cString: $0) }), home.hasPrefix("/") {
      return "\(home)/.local/state/\(application)/history"
    }
    return nil
  }

  /// Reads the file into readline's history, creating it (and its directories) when missing.
  func load() {
    using_history()
    stifle_history(Int32(clamping: limit))
    guard HistoryFile.makeDirectories(for: path) else { return }
    // readline's append_history opens without O_CREAT, so the file must exist.
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    if fd >= 0 { close(fd) }
    read_history(path)
    history_truncate_file(path, Int32(clamping: limit))
  }

  /// Adds a line to memory and to the file, unless it is blank or repeats the last line.
  func add(_ line: String) {
    guard line.contains(where: { !$0.isWhitespace }) else { return }
    if let last = tala_history_last(), String(cString: last) == line { return }
    add_history(line)
    append_history(1, path)
    let count = appended.wrappingAdd(1, ordering: .relaxed).newValue
    if count % max(1, limit / 10) == 0 { history_truncate_file(path, Int32(clamping: limit)) }
  }

  /// `mkdir -p` of the file's directory (private to the user).
  static func makeDirectories(for file: String) -> Bool {
    var parts = file.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    guard !parts.isEmpty else { return false }
    parts.removeLast()
    var path = ""
    for part in parts {
      path += "/" + part
      if mkdir(path, 0o700) != 0 && errno != EEXIST { return false }
    }
    return true
  }
}
