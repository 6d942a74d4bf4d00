import Foundation
import Glibc

/// A real `pd -nogui -nosound` process for tests, with its output captured in a file.
///
/// Pd missing is a failure naming the packages to install, never a skip: CI installs them.
/// `stop()` (also run on deinit) ends the process, so a failing test does not leave Pd behind.
final class PdHarness {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Debian packages the Pd tests need (also in scripts/deps.sh).
  static let packages = "puredata-core pd-osc pd-mrpeach"

  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let examples = repository.appendingPathComponent("examples/pd")
  static let fixtures = repository.appendingPathComponent("Tests/PdTests/Fixtures")

  /// Headless, no audio or MIDI device, no user preferences (they could add paths or devices).
  /// A sleep grain of 0.1 ms lets the scheduler wake close to each clock deadline.
  static let defaultFlags = ["-nogui", "-nosound", "-nomidi", "-noprefs", "-stderr", "-sleepgrain", "0.1"]

  /// Everything Pd printed (stdout and stderr).
  let output: URL
  /// A scratch directory removed by `stop()`.
  let directory: URL
  private let process: Process

  /// The path of `pd` on PATH, or a failure naming what to install.
  static func executable() throws -> String {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let path = "\(folder)/pd"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    throw Failure(description: "pd not found on PATH: install \(packages) (scripts/deps.sh does)")
  }

  /// Starts Pd with `patch` open.
  convenience init(patch: URL, flags: [String] = PdHarness.defaultFlags) throws {
    try self.init(opening: .file(patch), flags: flags)
  }

  /// Starts Pd on a generated top-level patch holding one `[abstraction arguments…]`, with the
  /// examples and fixtures folders on its search path. Top-level patches opened with `-open`
  /// take no creation arguments, which is why the wrapper exists: tests choose the ports.
  convenience init(abstraction: String, arguments: [String], flags: [String] = PdHarness.defaultFlags) throws {
    let paths = [Self.fixtures.path, Self.examples.path].map { "-path \($0)" }.joined(separator: " ")
    let text = """
      #N canvas 0 50 450 300 12;
      #X declare \(paths);
      #X obj 10 10 declare \(paths);
      #X obj 10 40 \(([abstraction] + arguments).joined(separator: " "));
      #X obj 10 70 loadbang;
      #X msg 10 100 \\; pd dsp 1;
      #X connect 2 0 3 0;

      """
    try self.init(text: text, flags: flags)
  }

  /// Starts Pd on a patch given as text (written to the scratch directory first).
  convenience init(text: String, flags: [String] = PdHarness.defaultFlags) throws {
    try self.init(opening: .text(text), flags: flags)
  }

  private enum Source {
    case file(URL)
    case text(String)
  }

  private init(opening source: Source, flags: [String]) throws {
    let pd = try Self.executable()
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("tala-pd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let patch: URL
    switch source {
    case .file(let url): patch = url
    case .text(let text):
      patch = directory.appendingPathComponent("top.pd")
      try Data(text.utf8).write(to: patch)
    }
    output = directory.appendingPathComponent("pd.log")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let log = try FileHandle(forWritingTo: output)
    process = Process()
    process.executableURL = URL(fileURLWithPath: pd)
    process.arguments = flags + ["-open", patch.path]
    process.standardOutput = log
    process.standardError = log
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Pd has its own copy of the descriptor now.
    try log.close()
  }

  deinit { stop() }

  var isRunning: Bool { process.isRunning }

  /// Pd's output so far.
  var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

  /// Lines of Pd's output that report a problem: objects that could not be created (with the
  /// line before, which names the object), files that could not be read, any `error:` line.
  var problems: [String] {
    let lines = log.split(separator: "\n").map(String.init)
    return lines.indices.compactMap { i in
      let lower = lines[i].lowercased()
      if lower.contains("couldn't create") { return (i > 0 ? lines[i - 1] + " " : "") + lines[i] }
      return lower.contains("error") || lower.contains("can't") ? lines[i] : nil
    }
  }

  /// Polls the log (bounded) until `condition` holds or Pd exits; returns the last text read.
  @discardableResult
  func waitForLog(seconds: Double, until condition: (String) -> Bool) -> String {
    let deadline = RealTime.nowNanoseconds() + Int64(seconds * 1e9)
    var text = log
    while !condition(text) && process.isRunning && RealTime.nowNanoseconds() < deadline {
      usleep(20_000)
      text = log
    }
    return text
  }

  /// Ends Pd: SIGTERM, then SIGKILL if it has not exited within a second. Idempotent.
  func stop() {
    if process.isRunning {
      kill(process.processIdentifier, SIGTERM)
      let deadline = RealTime.nowNanoseconds() + 1_000_000_000
      while process.isRunning && RealTime.nowNanoseconds() < deadline { usleep(10_000) }
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: directory)
  }
}

/// Wall-clock time, the clock OSC timetags are read against on one host.
enum RealTime {
  static func nowNanoseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
  }

  /// Sleeps until an absolute `CLOCK_REALTIME` instant (returns at once if it has passed).
  static func sleep(untilNanoseconds instant: Int64) {
    var target = timespec(tv_sec: Int(instant / 1_000_000_000), tv_nsec: Int(instant % 1_000_000_000))
    while clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &target, nil) == EINTR {}
  }
}
