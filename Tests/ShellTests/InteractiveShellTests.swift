import Foundation
import XCTest

/// The real `tala` shell in a real terminal (tmux): completion, history across restarts,
/// Ctrl-C while music plays, scheduler messages above the prompt, multi-line input, errors.
/// Sound goes to an OSC target on a UDP port this test listens on; no sound card is used.
final class InteractiveShellTests: TmuxTestCase {
  /// Starts `tala` (no sound card, no default target) and waits for its prompt.
  func start(_ arguments: [String] = ["--no-targets"], cps: String = "1") throws -> Tmux {
    let t = try Tmux(
      [Built.path("tala"), "--no-audio", "--cps", cps] + arguments, environment: ["XDG_STATE_HOME": state])
    sessions.append(t)
    try t.wait(for: "the prompt") { Self.typed($0) == "" }
    return t
  }

  static func expectCleanExit(_ t: Tmux, file: StaticString = #filePath, line: UInt = #line) throws {
    let status = try t.waitForExit()
    XCTAssertNotNil(status, "still running:\n\((try? t.capture()) ?? "")", file: file, line: line)
    if let status, status != -1 { XCTAssertEqual(status, 0, file: file, line: line) }
  }

  /// What follows the prompt on the last line, or nil when the last line is not a prompt.
  static func typed(_ text: String) -> String? {
    guard let last = text.split(separator: "\n").last, last.hasPrefix("tala "),
      let end = last.range(of: "cps> ") ?? last.range(of: "cps>")
    else { return nil }
    return String(last[end.upperBound...])
  }

  func testCompletion() throws {
    let t = try start()
    try t.type("d1 $ s \"b")
    try t.keys("Tab")
    try t.wait(for: "a sound name") { Self.typed($0) == "d1 $ s \"bd" }
    try t.keys("BSpace")
    try t.type("*2\" # gai")
    try t.keys("Tab")
    try t.wait(for: "a control") { Self.typed($0) == "d1 $ s \"bd*2\" # gain" }
    try t.keys("C-u")
    try t.type(":sh")
    try t.keys("Tab")
    try t.wait(for: "a command") { Self.typed($0) == ":show" }
    try t.keys("C-u")
    // The first Tab completes the common part, the next two list the choices (readline's way).
    try t.type(":help fas")
    try t.keys("Tab")
    try t.wait(for: "the common part") { Self.typed($0) == ":help fast" }
    try t.keys("Tab", "Tab")
    try t.wait(for: "the list of functions") { $0.contains("fastGap") && Self.typed($0) == ":help fast" }
    try t.keys("C-u")
    try t.type("d")
    try t.keys("Tab", "Tab")
    try t.wait(for: "the slot names") { $0.contains("d16") && $0.contains("degrade") }
    // Names bound with let complete too.
    try t.keys("C-u")
    try t.type("let groove = s \"bd*2\"")
    try t.keys("Enter")
    try t.type("d1 $ gro")
    try t.keys("Tab")
    try t.wait(for: "the bound name") { Self.typed($0) == "d1 $ groove" }
  }

  func testThePromptFollowsTheCycleWhileTyping() throws {
    let t = try start(cps: "2")
    try t.type("d1 $ s \"bd")
    let first = try t.capture().split(separator: "\n").last.map(String.init) ?? ""
    try t.wait(for: "a later cycle in the prompt") { text in
      guard let last = text.split(separator: "\n").last.map(String.init) else { return false }
      return last != first && Self.typed(text) == "d1 $ s \"bd"
    }
  }

  func testCompletesSoundsOfASampleFolder() throws {
    let folder = try Built.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for name in ["arpy", "bass3"] {
      try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: false)
    }
    let t = try start(["--no-targets", "--samples", folder])
    try t.type("d1 $ s \"ar")
    try t.keys("Tab")
    try t.wait(for: "a sample folder's name") { Self.typed($0) == "d1 $ s \"arpy" }
    try t.type("bass")
    try t.keys("Tab")
    try t.wait(for: "another") { Self.typed($0) == "d1 $ s \"arpy bass3" }
  }

  func testCompletesScriptNamesAfterLoad() throws {
    let folder = try Built.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "setcps 1.5\n".write(toFile: folder + "/tempo.tala", atomically: true, encoding: .utf8)
    let t = try start()
    try t.type(":load \(folder)/te")
    try t.keys("Tab")
    try t.wait(for: "the file name") { Self.typed($0) == ":load \(folder)/tempo.tala" }
    try t.keys("Enter")
    try t.type(":cps")
    try t.keys("Enter")
    try t.wait(forText: "3/2 cps")
  }

  func testHistorySurvivesARestart() throws {
    let first = try start()
    try first.type("setcps 0.75")
    try first.keys("Enter")
    try first.type(":cps")
    try first.keys("Enter")
    try first.wait(forText: "3/4 cps")
    XCTAssertEqual(try String(contentsOfFile: state + "/tala/history", encoding: .utf8), "setcps 0.75\n:cps\n")
    try first.keys("C-d")
    try Self.expectCleanExit(first)
    first.kill()

    let second = try start()
    try second.keys("Up")
    try second.wait(for: "the last line") { Self.typed($0) == ":cps" }
    try second.keys("Up")
    try second.wait(for: "the line before") { Self.typed($0) == "setcps 0.75" }
  }

  func testCtrlCClearsTheLineAndTheMusicPlaysOn() throws {
    let capture = try UDPCapture()
    defer { capture.stop() }
    let t = try start(["--target", "cap 127.0.0.1:\(capture.port) format=pd latency=0.05"], cps: "2")
    try t.type("d1 $ s \"bd*4\"")
    try t.keys("Enter")
    // Ctrl-C before the new prompt would reach the terminal driver, which drops typed-ahead text.
    try t.wait(for: "a new prompt") { Self.typed($0) == "" }
    XCTAssertGreaterThan(capture.waitForPackets(atLeast: 2, seconds: 10), 1)
    try t.type("d1 $ s \"this is not finished")
    try t.wait(for: "the typed text") { Self.typed($0)?.hasSuffix("not finished") == true }
    try t.keys("C-c")
    try t.wait(for: "a fresh prompt") { $0.contains("not finished^C") && Self.typed($0) == "" }
    let before = capture.count
    XCTAssertGreaterThan(capture.waitForPackets(atLeast: before + 4, seconds: 10), before + 3)
    // The shell still takes statements.
    try t.type("hush")
    try t.keys("Enter")
    try t.type(":cps")
    try t.keys("Enter")
    try t.wait(forText: "2 cps (2 cps, 480 bpm")
  }

  func testCtrlCCutsAWaitShortAndStopsALoadedScript() throws {
    let capture = try UDPCapture()
    defer { capture.stop() }
    let script = state + "/long.tala"
    try "d1 $ s \"bd*4\"\n:wait 60s\nd1 $ s \"never\"\n".write(toFile: script, atomically: true, encoding: .utf8)
    let t = try start(["--target", "cap 127.0.0.1:\(capture.port) format=pd latency=0.05"], cps: "2")
    try t.type(":load \(script)")
    try t.keys("Enter")
    XCTAssertGreaterThan(capture.waitForPackets(atLeast: 2, seconds: 10), 1)
    try t.keys("C-c")
    try t.wait(for: "the script stopped and a prompt") {
      $0.contains("stopped \(script)") && $0.contains("interrupted (the music plays on)") && Self.typed($0) == ""
    }
    // The music goes on with the script's first pattern; its last line never ran.
    let before = capture.count
    XCTAssertGreaterThan(capture.waitForPackets(atLeast: before + 4, seconds: 10), before + 3)
    let sounds = capture.datagrams.map { String(decoding: $0, as: UTF8.self) }
    XCTAssertTrue(sounds[before...].allSatisfy { $0.contains("/pd\0") && $0.contains("bd\0") }, "\(sounds)")
    XCTAssertFalse(sounds.contains { $0.contains("never") }, "\(sounds)")
    try t.type(":wait 60s")
    try t.keys("Enter")
    usleep(300_000)
    try t.keys("C-c")
    try t.wait(for: "a prompt after the bare wait") { $0.components(separatedBy: "interrupted (the music").count == 3 }
  }

  func testSchedulerMessagesPrintAboveTheTypedLine() throws {
    let t = try start(cps: "0.5")
    // Cycle 0 is fine, cycle 1 far too dense: the scheduler silences the slot about two
    // seconds from now and says so while a line is being typed.
    try t.type("setcycle 0")
    try t.keys("Enter")
    try t.type("d1 $ fast \"<1 1000000000>\" $ s \"bd\"")
    try t.keys("Enter")
    try t.type("half typed")
    try t.keys("Left", "Left")
    let text = try t.wait(for: "the message", seconds: 60) { $0.contains("slot silenced") }
    let lines = text.split(separator: "\n")
    XCTAssertTrue(lines.dropLast().last?.contains("d1: pattern too dense") == true, text)
    try t.wait(for: "the typed line kept") { Self.typed($0) == "half typed" }
    // The cursor kept its place too.
    try t.type("X")
    try t.wait(for: "an insertion before the last two characters") { Self.typed($0) == "half typXed" }
  }

  func testMultiLineInputAndErrors() throws {
    let t = try start()
    try t.type("d1 $")
    try t.keys("Enter")
    try t.wait(for: "the continuation prompt") { $0.hasSuffix("...>") }
    try t.type("s \"bd*2")
    try t.keys("Enter")
    try t.type("sn\"")
    try t.keys("Enter")
    try t.wait(for: "a new prompt") { Self.typed($0) == "" }
    try t.type(":status")
    try t.keys("Enter")
    try t.wait(forText: "slot d1")
    XCTAssertFalse(try t.capture().contains("error"))

    try t.type("d1 $ fst 2 $ s \"bd\"")
    try t.keys("Enter")
    let text = try t.wait(forText: "did you mean 'fast'?")
    XCTAssertTrue(text.contains("error: 1:6: unknown function 'fst'"))
    XCTAssertTrue(text.contains("  d1 $ fst 2 $ s \"bd\"\n       ^"), text)
    // The line is in history for fixing.
    try t.keys("Up")
    try t.wait(for: "the line again") { Self.typed($0) == "d1 $ fst 2 $ s \"bd\"" }
  }

  /// A block pasted at the prompt (as a script would have it) is one statement: its indented
  /// line continues the statement above, whether the terminal sends the lines as typed (the
  /// last with or without its line break, then Enter) or as one bracketed paste.
  func testAPastedBlockContinuesOnIndentedLines() throws {
    let block = "d3 $ n \"0 .. 7\" # s \"superpiano\"\n  # legato 0.5"
    for (bracketed, text) in [(false, block + "\n"), (false, block), (true, block)] {
      let capture = try UDPCapture()
      defer { capture.stop() }
      let t = try start(["--target", "cap 127.0.0.1:\(capture.port) format=pd latency=0.05"], cps: "2")
      try t.paste(text, bracketed: bracketed)
      if !text.hasSuffix("\n") {
        try t.wait(for: "the pasted lines") { Self.typed($0) == nil && $0.hasSuffix("# legato 0.5") }
        try t.keys("Enter")
      }
      try t.wait(for: "a new prompt") { $0.contains("# legato 0.5") && Self.typed($0) == "" }
      XCTAssertGreaterThan(capture.waitForPackets(atLeast: 2, seconds: 10), 1)
      XCTAssertTrue(capture.received("legato"), "the events carry the indented line's control")
      let screen = try t.capture()
      XCTAssertFalse(screen.contains("error"), screen)
      t.kill()
    }
  }

  func testShowAndHelpAtThePrompt() throws {
    let t = try start()
    try t.type(":show \"bd*2 [~ sn]\" 1")
    try t.keys("Enter")
    try t.wait(forText: "      |0   |\nbd    |xx..|\nsn    |...x|")
    try t.type(":help every")
    try t.keys("Enter")
    try t.wait(forText: "example: ")
    try t.type(":timetag decode 0xEEB04F20.80000000")
    try t.keys("Enter")
    try t.wait(forText: "2026-11-24T18:00:00.500000000Z")
  }

  func testQuitLeavesCleanly() throws {
    let t = try start()
    try t.type(":quit")
    try t.keys("Enter")
    try Self.expectCleanExit(t)
  }
}

/// A UDP socket on 127.0.0.1 keeping the datagrams that arrive, on a thread of its own.
final class UDPCapture: @unchecked Sendable {
  let fd: Int32
  let port: UInt16
  private let lock = NSLock()
  private var received: [[UInt8]] = []
  private var open = true

  init() throws {
    let s = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, length) }
    }
    guard s >= 0, bound == 0 else { throw TmuxError.failed("cannot bind a UDP socket") }
    withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(s, $0, &length) }
    }
    fd = s
    port = UInt16(bigEndian: address.sin_port)
    var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    Thread.detachNewThread { [self] in
      var buffer = [UInt8](repeating: 0, count: 65536)
      while isOpen {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n > 0 {
          lock.lock()
          if received.count < 100_000 { received.append(Array(buffer[..<n])) }
          lock.unlock()
        }
      }
      close(fd)
    }
  }

  var isOpen: Bool {
    lock.lock()
    defer { lock.unlock() }
    return open
  }

  /// Whether some datagram so far contained `text`.
  func received(_ text: String) -> Bool {
    let needle = Array(text.utf8)
    return datagrams.contains { d in
      d.count >= needle.count
        && (0...(d.count - needle.count)).contains { d[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
  }

  var count: Int { datagrams.count }

  /// The datagrams received so far, in order.
  var datagrams: [[UInt8]] {
    lock.lock()
    defer { lock.unlock() }
    return received
  }

  /// Waits (bounded) until `atLeast` datagrams have arrived; returns the count.
  func waitForPackets(atLeast n: Int, seconds: Double) -> Int {
    let deadline = Date().addingTimeInterval(seconds)
    while count < n && Date() < deadline { usleep(20_000) }
    return count
  }

  func stop() {
    lock.lock()
    open = false
    lock.unlock()
  }
}
