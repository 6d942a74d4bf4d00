import Foundation

/// Runs external peers (python-osc, liblo tools) for the interoperability tests. A missing tool
/// is a test failure naming the package to install, never a skip: CI installs them.
enum Peer {
  static let interopDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Interop")

  struct Missing: Error, CustomStringConvertible {
    var description: String
  }

  /// The absolute path of `tool` on PATH, or a `Missing` error naming what to install.
  static func require(_ tool: String, package: String) throws -> String {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let path = "\(directory)/\(tool)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    throw Missing(description: "\(tool) not found: install \(package)")
  }

  /// Starts `arguments` with stdout and stderr going to files; `stdin` is written and closed.
  static func start(_ arguments: [String], stdin: String? = nil) throws -> (Process, URL) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0])
    process.arguments = Array(arguments.dropFirst())
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("tala-peer-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let handle = try FileHandle(forWritingTo: output)
    process.standardOutput = handle
    process.standardError = handle
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    return (process, output)
  }

  /// Waits (bounded) until `condition` holds for the text of `file`; returns the text.
  @discardableResult
  static func waitFor(_ file: URL, seconds: Double = 10, until condition: (String) -> Bool) -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var text = ""
    while Date() < deadline {
      text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
      if condition(text) { return text }
      usleep(20_000)
    }
    return text
  }

  /// Waits for the process to exit (bounded), terminating it if it does not.
  static func finish(_ process: Process, seconds: Double = 10) {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
      // oscdump ignores SIGTERM; SIGKILL ends every peer.
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  /// The python3 interpreter, checked to have python-osc.
  static func python() throws -> String {
    let python = try require("python3", package: "python3 (apt-get install python3)")
    let check = Process()
    check.executableURL = URL(fileURLWithPath: python)
    check.arguments = ["-c", "import pythonosc"]
    try check.run()
    check.waitUntilExit()
    guard check.terminationStatus == 0 else {
      throw Missing(description: "python-osc not importable: pip install python-osc==1.10.2 (see scripts/deps-osc.txt)")
    }
    return python
  }
}
