import Foundation
import XCTest

/// The line editor alone in a real terminal (tmux), through `line-editor-demo`: it echoes each
/// complete piece of input as `got: …`, completes from `alpha alphabet beta gamma`, and with
/// `--tick-ms` prints `tick N` above the prompt.
final class LineEditorTerminalTests: TmuxTestCase {
  func start(_ arguments: [String] = [], directory: String? = nil) throws -> Tmux {
    let t = try Tmux(
      [Built.path("line-editor-demo")] + arguments, environment: ["XDG_STATE_HOME": state], in: directory)
    sessions.append(t)
    try t.wait(forLastLine: "demo>")
    return t
  }

  func testCompletesTheWordAtTheCursor() throws {
    let t = try start()
    try t.type("alp")
    try t.keys("Tab")
    try t.wait(forLastLine: "demo> alpha")
    try t.keys("Tab", "Tab")
    try t.wait(for: "the list of matches") {
      $0.contains("alpha") && $0.contains("alphabet") && $0.hasSuffix("demo> alpha")
    }
    try t.type("b")
    try t.keys("Tab")
    try t.wait(forLastLine: "demo> alphabet")
    try t.type("g")
    try t.keys("Tab", "Enter")
    try t.wait(forText: "got: alphabet gamma")
  }

  func testCompletesFileNamesAfterLoad() throws {
    let folder = try Built.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = FileManager.default.createFile(atPath: folder + "/song.tala", contents: Data())
    try FileManager.default.createDirectory(atPath: folder + "/sets", withIntermediateDirectories: false)
    _ = FileManager.default.createFile(atPath: folder + "/sets/live.tala", contents: Data())
    let t = try start(directory: folder)
    try t.type(":lo")
    try t.keys("Tab")
    try t.wait(forLastLine: "demo> :load")
    try t.type("so")
    try t.keys("Tab")
    try t.wait(forLastLine: "demo> :load song.tala")
    try t.keys("C-u")
    try t.type(":load se")
    try t.keys("Tab")
    try t.wait(forLastLine: "demo> :load sets/")
    try t.keys("Tab", "Enter")
    try t.wait(forText: "got: :load sets/live.tala")
  }

  func testHistorySurvivesARestart() throws {
    let first = try start()
    try first.type("first line")
    try first.keys("Enter")
    try first.type("second")
    try first.keys("Enter")
    try first.wait(forText: "got: second")
    // Written after every line, before any clean exit.
    let file = state + "/line-editor-demo/history"
    XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "first line\nsecond\n")
    try first.keys("C-d")
    try first.wait(forText: "bye")
    first.kill()

    let second = try start()
    try second.keys("Up")
    try second.wait(forLastLine: "demo> second")
    try second.keys("Up")
    try second.wait(forLastLine: "demo> first line")
    try second.keys("Enter")
    try second.wait(forText: "got: first line")
  }

  func testCtrlCClearsTheLineAndKeepsRunning() throws {
    let t = try start(["--tick-ms", "150"])
    try t.type("abc")
    // Ctrl-C makes the terminal flush input not yet read: wait until readline has the text.
    try t.wait(forText: "demo> abc")
    try t.keys("C-c")
    try t.wait(forText: "abc^C")
    try t.type("def")
    try t.keys("Enter")
    let text = try t.wait(forText: "got: def")
    XCTAssertFalse(text.contains("got: abc"))
    // The program is still alive and its other thread still prints.
    let ticks = Self.lastTick(text)
    try t.wait(for: "more ticks after Ctrl-C") { Self.lastTick($0) > ticks + 2 }
    try t.keys("C-d")
    try t.wait(forText: "bye")
    let history = try String(contentsOfFile: state + "/line-editor-demo/history", encoding: .utf8)
    XCTAssertEqual(history, "def\n")
  }

  func testMessagesAboveThePromptKeepTheLineAndCursor() throws {
    let t = try start(["--tick-ms", "100"])
    try t.type("hello world")
    try t.keys("Left", "Left", "Left")
    let before = Self.lastTick(try t.capture())
    // Several messages arrive while the line is being edited.
    try t.wait(for: "ticks while typing") { Self.lastTick($0) >= before + 3 }
    let screen = try t.screen()
    XCTAssertEqual(screen.last, "demo> hello world")
    XCTAssertTrue(screen.dropLast().last?.hasPrefix("tick ") == true, "\(screen)")
    // The cursor stayed three characters from the end.
    try t.type("X")
    try t.keys("Enter")
    try t.wait(forText: "got: hello woXrld")
    XCTAssertEqual(try t.capture().components(separatedBy: "hello wo").count, 3)  // the line and the echo
  }

  func testMultiLineInput() throws {
    let t = try start()
    try t.type("d1 $")
    try t.keys("Enter")
    try t.wait(forLastLine: "...>")
    try t.type("s \"bd")
    try t.keys("Enter")
    try t.type("sn\"")
    try t.keys("Enter")
    try t.wait(forText: "got: d1 $ / s \"bd / sn\"")
    try t.type(":{")
    try t.keys("Enter")
    for line in ["hush", "", "hush"] {
      try t.type(line)
      try t.keys("Enter")
    }
    try t.type(":}")
    try t.keys("Enter")
    try t.wait(forText: "got: hush /  / hush")
    // Ctrl-C throws away a half-typed block.
    try t.type("d1 $ stack [")
    try t.keys("Enter")
    try t.wait(forLastLine: "...>")
    try t.keys("C-c")
    try t.wait(forLastLine: "demo>")
    try t.type("hush")
    try t.keys("Enter")
    try t.wait(forText: "got: hush\n")
  }

  func testCtrlDEndsOnlyAnEmptyLine() throws {
    let t = try start()
    try t.type("ab")
    try t.keys("Left", "C-d")
    try t.wait(forLastLine: "demo> a")
    try t.keys("C-u", "C-d")
    try t.wait(forText: "bye")
  }

  func testPipedInputHasNoPromptOrEcho() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Built.path("line-editor-demo"))
    process.environment = ["XDG_STATE_HOME": state]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data("alpha\nd1 $\ns \"bd\"\n:quit\n".utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    XCTAssertEqual(String(decoding: data, as: UTF8.self), "got: alpha\ngot: d1 $ / s \"bd\"\nbye\n")
    XCTAssertFalse(FileManager.default.fileExists(atPath: state + "/line-editor-demo/history"))
  }

  static func lastTick(_ text: String) -> Int {
    text.split(separator: "\n").compactMap { line in
      line.hasPrefix("tick ") ? Int(line.dropFirst(5)) : nil
    }.max() ?? 0
  }
}
