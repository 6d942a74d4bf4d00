import Foundation
import Testing

/// A `tala monitor` running in the background, its output in files.
struct Monitor {
  let process: Process
  let stdout: URL
  let stderr: URL
  let port: UInt16

  static func start(_ extra: [String]) throws -> Monitor {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Tala.binary)
    process.arguments = ["monitor", "0"] + extra
    let directory = FileManager.default.temporaryDirectory
    let out = directory.appendingPathComponent("tala-mon-\(UUID().uuidString).out")
    let err = directory.appendingPathComponent("tala-mon-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    let banner = wait(err) { $0.contains("listening on") }
    guard let range = banner.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
      let port = UInt16(banner[range].split(separator: ":")[1])
    else {
      kill(process.processIdentifier, SIGKILL)
      throw MonitorError(description: "monitor did not start: \(banner)")
    }
    return Monitor(process: process, stdout: out, stderr: err, port: port)
  }

  struct MonitorError: Error, CustomStringConvertible { var description: String }

  /// Waits (bounded) for the monitor to exit; kills it after `seconds`.
  func finish(seconds: Double = 15) -> (status: Int32, stdout: String, stderr: String) {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return (
      process.terminationStatus, (try? String(contentsOf: stdout, encoding: .utf8)) ?? "",
      (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
    )
  }

  @discardableResult
  static func wait(_ file: URL, seconds: Double = 10, until condition: (String) -> Bool) -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var text = ""
    while Date() < deadline {
      text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
      if condition(text) { return text }
      usleep(10_000)
    }
    return text
  }
}

func tool(_ name: String) throws -> String {
  for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
    let path = "\(directory)/\(name)"
    if FileManager.default.isExecutableFile(atPath: path) { return path }
  }
  throw Monitor.MonitorError(description: "\(name) not found: install liblo-tools (apt-get install liblo-tools)")
}

@Suite(.serialized) struct MonitorSendTests {
  @Test func sendToMonitorWithTimetags() throws {
    let monitor = try Monitor.start(["--json", "--count", "3", "--seconds", "20"])
    let target = "127.0.0.1:\(monitor.port)"
    #expect(try Tala.run(["send", target, "/dirt/play", "s", "bd", "n", "3", "gain", "-1.5", "--in", "5"]).status == 0)
    #expect(try Tala.run(["send", target, "/typed", "1", "x", "0aff", "--types", "fcb"]).status == 0)
    #expect(try Tala.run(["send", target, "/at", "--at", "2026-11-24T18:00:00.5Z"]).status == 0)
    let result = monitor.finish()
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    try #require(lines.count == 3, "monitor printed: \(result.stdout) \(result.stderr)")
    #expect(lines[0].contains(#""ahead_ms":+"#) == false)  // JSON numbers have no '+'
    #expect(lines[0].contains(#""packet":{"timetag":"0x"#))
    #expect(lines[0].contains(#"{"address":"/dirt/play","types":",sssisf","args":["s","bd","n",3,"gain",-1.5]}"#))
    let ahead = try #require(Double(lines[0].components(separatedBy: #""ahead_ms":"#)[1].prefix { $0 != "," }))
    #expect(ahead > 0 && ahead <= 5_000)
    #expect(lines[1].contains(#""ahead_ms":null,"packet":{"address":"/typed","types":",fcb","args":[1.0,"x","0aff"]}"#))
    #expect(
      lines[2].contains(#"{"timetag":"0xEEB04F20.80000000","elements":[{"address":"/at","types":",","args":[]}]}"#))
    #expect(result.stderr.contains("3 packets"))
  }

  @Test func textOutputMalformedPacketsAndSummaryOnSIGINT() throws {
    let monitor = try Monitor.start(["--seconds", "20"])
    #expect(try Tala.run(["osc", "decode", "2f610000"]).status == 0)  // warm: binary runs
    #expect(try Tala.run(["send", "127.0.0.1:\(monitor.port)", "/m", "-7", "2.5", "word"]).status == 0)
    // A malformed datagram straight from a socket (no NUL in the address).
    let sock = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = monitor.port.bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let bad: [UInt8] = Array("/bad".utf8)
    _ = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        sendto(sock, bad, bad.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    close(sock)
    Monitor.wait(monitor.stdout) { $0.contains("MALFORMED") }
    kill(monitor.process.processIdentifier, SIGINT)
    let result = monitor.finish()
    #expect(result.status == 0)
    #expect(result.stdout.contains(#"/m ,ifs [-7,2.5,"word"]"#))
    #expect(result.stdout.contains("MALFORMED (4 bytes): string without terminating NUL at byte 0"))
    #expect(result.stderr.contains("2 packets, 32 bytes, 1 malformed"))
  }

  @Test func oscsendToMonitor() throws {
    let oscsend = try tool("oscsend")
    let monitor = try Monitor.start(["--json", "--count", "1", "--seconds", "20"])
    let process = Process()
    process.executableURL = URL(fileURLWithPath: oscsend)
    process.arguments = ["127.0.0.1", String(monitor.port), "/liblo", "ifsScTFNI", "3", "0.25", "hi", "sym", "z"]
    try process.run()
    process.waitUntilExit()
    let result = monitor.finish()
    #expect(
      result.stdout.contains(#""packet":{"address":"/liblo","types":",ifsScTFNI","args":[3,0.25,"hi","sym","z"]}"#))
  }

  @Test func sendToOscdump() throws {
    let oscdump = try tool("oscdump")
    // Find a free port by binding and closing.
    let sock = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        _ = bind(sock, $0, length)
        return getsockname(sock, $0, &length)
      }
    }
    let port = UInt16(bigEndian: address.sin_port)
    close(sock)
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("tala-oscdump-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: oscdump)
    process.arguments = ["-L", String(port)]
    process.standardOutput = try FileHandle(forWritingTo: out)
    try process.run()
    defer {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    var ready = false
    for _ in 0..<50 where !ready {
      _ = try Tala.run(["send", "127.0.0.1:\(port)", "/probe"])
      ready = Monitor.wait(out, seconds: 0.1) { $0.contains("/probe") }.contains("/probe")
    }
    try #require(ready, "oscdump did not start")
    #expect(
      try Tala.run(["send", "127.0.0.1:\(port)", "/tala", "1", "2.5", "x", "--at", "0xEEB04F20.80000000"]).status == 0)
    let text = Monitor.wait(out) { $0.contains("/tala") }
    #expect(text.contains(#"eeb04f20.80000000 /tala ifs 1 2.500000 "x""#), "oscdump printed: \(text)")
  }

  @Test func refusedPortIsAWarning() throws {
    let result = try Tala.run(["send", "127.0.0.1:9", "/nobody", "1"])
    #expect(result.status == 0)
    #expect(result.stderr.contains("Connection refused"))
  }

  @Test func badSendArguments() throws {
    #expect(try Tala.run(["send", "127.0.0.1:9", "/a", "x", "--types", "i"]).status == 1)
    #expect(try Tala.run(["send", "127.0.0.1:9", "/a", "--at", "soon"]).status == 1)
    #expect(try Tala.run(["send", "nohost", "/a"]).status == 1)
  }
}
