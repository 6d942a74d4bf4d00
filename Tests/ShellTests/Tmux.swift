import Foundation
import XCTest

/// A program running in a real terminal: a detached tmux session on a private server socket,
/// driven with `send-keys` and read with `capture-pane`. Every wait is bounded.
final class Tmux {
  /// The server's socket, in a directory of its own that ``kill()`` removes.
  let socket: String
  private let directory: String
  let session = "t"
  private(set) var isRunning = false

  /// Starts `command` (run by `sh -c`) in a `width`×`height` terminal with `environment` added.
  init(
    _ command: [String], environment: [String: String] = [:], in directory: String? = nil, width: Int = 120,
    height: Int = 30
  ) throws {
    self.directory = try Built.temporaryDirectory()
    socket = self.directory + "/tmux"
    let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Tmux.quote($0.value))" }
    var line = "exec env " + (assignments + command.map(Tmux.quote)).joined(separator: " ")
    if let directory { line = "cd \(Tmux.quote(directory)) && " + line }
    // remain-on-exit keeps the pane (and what the program printed last) after it exits.
    let status = try Tmux.run([
      "-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
      line, ";", "set-option", "-t", session, "remain-on-exit", "on",
    ]).status
    guard status == 0 else { throw TmuxError.failed("tmux new-session exited with \(status)") }
    isRunning = true
  }

  deinit { kill() }

  /// Ends the tmux server and everything in it.
  func kill() {
    guard isRunning else { return }
    isRunning = false
    _ = try? Tmux.run(["-S", socket, "kill-server"])
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Sends key names (`Enter`, `Tab`, `C-c`, `Up`, `Left` …).
  func keys(_ names: String...) throws {
    _ = try Tmux.run(["-S", socket, "send-keys", "-t", session] + names)
  }

  /// Types `text` literally.
  func type(_ text: String) throws {
    _ = try Tmux.run(["-S", socket, "send-keys", "-t", session, "-l", text])
  }

  /// Pastes `text` as a terminal does: all of it at once, line feeds sent as Enter. With
  /// `bracketed`, wrapped in bracketed-paste marks when the program asked for them (readline
  /// then takes the lines as one edit, to be accepted with Enter).
  func paste(_ text: String, bracketed: Bool = false) throws {
    _ = try Tmux.run(["-S", socket, "set-buffer", "-b", "paste", "--", text])
    _ = try Tmux.run(
      ["-S", socket, "paste-buffer", "-d", "-b", "paste", "-t", session] + (bracketed ? ["-p"] : []))
  }

  /// The screen and its scrollback, trailing spaces removed.
  func capture() throws -> String {
    let out = try Tmux.run(["-S", socket, "capture-pane", "-p", "-t", session, "-S", "-2000"], reading: true).output
    return
      out
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
      .joined(separator: "\n")
      .trimmingCharacters(in: .newlines)
  }

  /// The visible lines of the screen, without trailing blank lines.
  func screen() throws -> [String] {
    let out = try Tmux.run(["-S", socket, "capture-pane", "-p", "-t", session], reading: true).output
    var lines = out.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.reversed().drop { $0 == " " }.reversed())
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }

  /// Waits until `condition` holds for the captured text, polling for at most `seconds`.
  /// Returns the last capture; fails the test with it when the condition never held.
  @discardableResult
  func wait(
    for description: String, seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line,
    _ condition: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var text = ""
    for _ in 0..<10_000 {
      text = try capture()
      if condition(text) { return text }
      if Date() > deadline { break }
      usleep(30_000)
    }
    XCTFail("timed out waiting for \(description); the terminal shows:\n\(text)", file: file, line: line)
    return text
  }

  /// Waits until the captured text contains `text`.
  @discardableResult
  func wait(forText text: String, seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line) throws
    -> String
  {
    try wait(for: "\"\(text)\"", seconds: seconds, file: file, line: line) { $0.contains(text) }
  }

  /// Waits until the last non-empty line on the screen is `text` (the prompt and the line
  /// being edited).
  @discardableResult
  func wait(
    forLastLine text: String, seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line
  ) throws -> String {
    try wait(for: "last line \"\(text)\"", seconds: seconds, file: file, line: line) { screenText in
      screenText.split(separator: "\n").last.map(String.init) == text
    }
  }

  /// Waits (bounded) until the program in the terminal has exited; returns its exit status,
  /// -1 when it exited but tmux has not reaped it yet (tmux marks the pane dead when the
  /// terminal closes and sometimes reaps the process much later), or nil when it still runs.
  func waitForExit(seconds: Double = 10) throws -> Int? {
    let deadline = Date().addingTimeInterval(seconds)
    var deadSince: Date? = nil
    for _ in 0..<10_000 {
      let out = try Tmux.run(
        ["-S", socket, "list-panes", "-t", session, "-F", "#{pane_dead} #{pane_dead_status}"], reading: true
      ).output.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      if out.first == "1" {
        if out.count > 1, let status = Int(out[1]) { return status }
        if deadSince == nil { deadSince = Date() }
        if let since = deadSince, Date().timeIntervalSince(since) > 2 { return -1 }
      }
      if Date() > deadline { break }
      usleep(30_000)
    }
    return nil
  }

  static var available: Bool { (try? run(["-V"]).status) == 0 }

  static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

  /// Runs tmux and waits for it. Foundation's `Process` is not used: it learns that a child
  /// ended from a descriptor the child inherits, and the server that `new-session` forks keeps
  /// that descriptor open for its whole life, so `waitUntilExit` would never return.
  @discardableResult
  static func run(_ arguments: [String], reading: Bool = false) throws -> (status: Int32, output: String) {
    var fds: [Int32] = [-1, -1]
    if reading { guard pipe(&fds) == 0 else { throw TmuxError.failed("pipe") } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if reading {
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
      posix_spawn_file_actions_addclose(&actions, fds[0])
      posix_spawn_file_actions_addclose(&actions, fds[1])
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = (["tmux"] + arguments).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
    if reading { close(fds[1]) }
    guard spawned == 0 else {
      if reading { close(fds[0]) }
      throw TmuxError.failed("cannot start tmux (\(spawned))")
    }
    var output: [UInt8] = []
    if reading {
      var buffer = [UInt8](repeating: 0, count: 65536)
      while true {
        let n = read(fds[0], &buffer, buffer.count)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        output += buffer[0..<n]
      }
      close(fds[0])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (exitStatus, String(decoding: output, as: UTF8.self))
  }
}

enum TmuxError: Error {
  case failed(String)
}

/// Built programs beside the test bundle (`swift build` builds every product).
enum Built {
  static func path(_ name: String) -> String {
    var candidates: [String] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent(name).path)
    }
    candidates.append(Bundle.main.bundleURL.appendingPathComponent(name).path)
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/\(name)").path)
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
  }

  /// A fresh empty directory under the system's temporary directory.
  static func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tala-shell-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }
}

/// tmux is not on the PATH: install it (`make deps` does).
struct TmuxMissing: Error, CustomStringConvertible {
  var description: String { "tmux is not installed: run make deps (scripts/deps.sh installs it)" }
}

/// What every terminal test shares: a state directory (XDG_STATE_HOME for history) and the tmux
/// sessions to kill afterwards. A missing tmux fails the suite (CI installs it through
/// scripts/deps.sh); it never skips.
class TmuxTestCase: XCTestCase {
  var state = ""
  var sessions: [Tmux] = []

  override func setUpWithError() throws {
    guard Tmux.available else { throw TmuxMissing() }
    state = try Built.temporaryDirectory()
  }

  override func tearDown() {
    for s in sessions { s.kill() }
    sessions = []
    try? FileManager.default.removeItem(atPath: state)
  }
}
