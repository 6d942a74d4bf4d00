import Foundation
import Testing

/// `tala listen` as a process, fed by python-osc.
@Suite(.serialized) struct ListenCommandTests {
  static let interop = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Interop")

  /// Starts `tala listen --port 0 extra…`; returns the process, its output files and its port.
  func start(_ extra: [String]) throws -> (Process, URL, URL, UInt16) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Tala.binary)
    process.arguments = ["listen", "--port", "0"] + extra
    let dir = FileManager.default.temporaryDirectory
    let out = dir.appendingPathComponent("tala-listen-\(UUID().uuidString).out")
    let err = dir.appendingPathComponent("tala-listen-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    let banner = Monitor.wait(err) { $0.contains("listening on") }
    guard let range = banner.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
      let port = UInt16(banner[range].split(separator: ":")[1])
    else {
      kill(process.processIdentifier, SIGKILL)
      throw Monitor.MonitorError(description: "listen did not start: \(banner)")
    }
    return (process, out, err, port)
  }

  @Test func pythonBundlesAreDispatchedInTimetagOrder() throws {
    let (process, out, err, port) = try start(["--print", "--no-audio", "--count", "7", "--seconds", "15"])
    let python = try tool("python3")
    let sender = Process()
    sender.executableURL = URL(fileURLWithPath: python)
    sender.arguments = [Self.interop.appendingPathComponent("pyosc_listen.py").path, String(port)]
    let pipe = Pipe()
    sender.standardOutput = pipe
    try sender.run()
    let sent = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    sender.waitUntilExit()
    #expect(sender.terminationStatus == 0, "python-osc sender failed (install python-osc==1.10.2)")
    let deadline = Date().addingTimeInterval(15)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let lines = ((try? String(contentsOf: out, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    let errors = (try? String(contentsOf: err, encoding: .utf8)) ?? ""

    // Timetags python-osc wrote, as NTP integers; Tala prints them in UTC.
    var ntp: [String: UInt64] = [:]
    for line in sent.split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.count == 2 { ntp[String(parts[0])] = UInt64(parts[1]) }
    }
    func utc(_ name: String) -> String {
      guard let raw = ntp[name] else { return "?" }
      // NTP seconds → Unix nanoseconds, truncated as Tala prints.
      let seconds = Int64(raw >> 32) - 2_208_988_800
      let nanos = Int64(((raw & 0xFFFF_FFFF) * 1_000_000_000) >> 32)
      let date = Date(timeIntervalSince1970: TimeInterval(seconds))
      let f = DateFormatter()
      f.locale = Locale(identifier: "en_US_POSIX")
      f.timeZone = TimeZone(identifier: "UTC")
      f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
      return f.string(from: date) + "." + String(format: "%09lld", nanos) + "Z"
    }
    let immediate = lines.filter { $0.hasPrefix("immediately ") }
    #expect(Set(immediate) == ["immediately /py imm", "immediately /py bare", "immediately /dirt/play s bd n 3"])
    let timed = lines.filter { !$0.hasPrefix("immediately ") }
    let pattern = #/^(\S+) late ([+-]\d+\.\d{3}) ms (.*)$/#
    let parsed = timed.compactMap { try? pattern.wholeMatch(in: $0)?.output }
    #expect(parsed.count == 3, "\(lines)")
    #expect(parsed.map { String($0.3) } == ["/py past", "/py a", "/py b"])
    #expect(parsed.map { String($0.1) } == [utc("past"), utc("a"), utc("b")])
    #expect((parsed.first.flatMap { Double($0.2) } ?? 0) >= 20)
    #expect(errors.contains("1 malformed"), "\(errors)")
    #expect(errors.contains("2 late (1 dropped)"), "\(errors)")
    #expect(errors.contains("/py arrived") && errors.contains("dropped"), "\(errors)")
  }

  @Test func missingSoundCardIsSaidOnceAndNullDeviceSounds() throws {
    let missing = try Tala.run(["listen", "--port", "0", "--audio-device", "tala_no_such_pcm", "--seconds", "0.2"])
    #expect(missing.status == 0)
    #expect(missing.stderr.components(separatedBy: "no local sound").count == 2, "\(missing.stderr)")
    #expect(missing.stderr.contains("tala_no_such_pcm") && missing.stderr.contains("(no audio;"))

    let (process, _, err, port) = try start(["--audio-device", "null", "--count", "2", "--seconds", "10"])
    let send = try Tala.run(["send", "127.0.0.1:\(port)", "/py", "tick", "--in", "0.1"])
    let unknown = try Tala.run(["send", "127.0.0.1:\(port)", "/dirt/play", "s", "nosuch", "n", "1"])
    #expect(send.status == 0 && unknown.status == 0)
    let deadline = Date().addingTimeInterval(10)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    let errors = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
    #expect(errors.contains("audio on 'null' at 48000 Hz"), "\(errors)")
    #expect(errors.contains("2 dispatched") && errors.contains("unknown sounds: nosuch"), "\(errors)")
  }

  @Test func syncMeasuresAListenersClockAndRecommendsALatency() throws {
    // The listener pretends its clock is 25 ms ahead; tala sync must see that, within its
    // error bound, and a session playing to it logs dispatches on time by the real clock.
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("tala-listen-\(UUID().uuidString).jsonl")
    let (listen, _, err, port) = try start([
      "--no-audio", "--clock-offset", "0.025", "--log", log.path, "--seconds", "30",
    ])
    defer {
      if listen.isRunning { kill(listen.processIdentifier, SIGINT) }
      listen.waitUntilExit()
    }
    let sync = try Tala.run(["sync", "127.0.0.1:\(port)", "--seconds", "2.5"])
    #expect(sync.status == 0, "\(sync.stderr)")
    let line = try #require(sync.stdout.split(separator: "\n").first { $0.hasPrefix("offset        ") })
    // "offset        +25.012 ms ± 0.040 ms (peer clock minus ours)"
    let words = line.split(separator: " ")
    let offset = try #require(Double(words[1]))
    let bound = try #require(Double(words[4]))
    #expect(abs(offset - 25) <= bound + 0.001, "\(line)")
    #expect(sync.stdout.contains("recommended latency "))
    #expect(sync.stdout.contains("= frame 10.000 ms + send lateness"))
    #expect(sync.stdout.contains("drift "))
    // The same from the prompt, in the background while the shell goes on.
    let prompt = try Tala.run(["--no-targets", "--no-audio"], stdin: ":sync 127.0.0.1:\(port) 1\n:wait 1.5s\n")
    #expect(prompt.stdout.contains("measuring 127.0.0.1:\(port) for 1 s"))
    #expect(prompt.stderr.contains("tala: sync 127.0.0.1:\(port):\nexchanges "), "\(prompt.stderr)")
    #expect(prompt.stderr.contains("recommended latency "))

    // A synced target: bundles play at their intended time by the real clock, although the
    // listener's clock is 25 ms ahead.
    let script = "setcps 2\nd1 $ s \"tick*4\"\n:wait 2s\n"
    let run = try Tala.run(
      ["--no-targets", "--no-audio", "--target", "l 127.0.0.1:\(port) sync=on latency=0.1"], stdin: script)
    #expect(run.status == 0, "\(run.stderr)")
    usleep(300_000)  // the last bundles play 0.1 s after the session stops sending
    let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
    #expect(lines.count >= 8)
    var late: [Double] = []
    for l in lines {
      let o = try JSONSerialization.jsonObject(with: Data(l.utf8)) as! [String: Any]
      let dispatched = (o["dispatched"] as! NSNumber).int64Value
      let tag = o["timetag"] as! String
      let parts = tag.dropFirst(2).split(separator: ".")
      let ntp = Int64(parts[0], radix: 16)! - 2_208_988_800
      let frac = Int64((UInt64(parts[1], radix: 16)! * 1_000_000_000) >> 32)
      // The timetag is in the listener's clock (25 ms ahead); dispatch is real time.
      late.append(Double(dispatched - (ntp * 1_000_000_000 + frac - 25_000_000)) / 1e6)
    }
    late.sort()
    // The sync error on loopback is far below a millisecond; dispatch is within a few ms.
    #expect(abs(late[late.count / 2]) < 3, "\(late)")
    // Ctrl-C ends the listener with a summary that agrees with its log: every message it
    // received was well-formed, routed and dispatched.
    kill(listen.processIdentifier, SIGINT)
    let summary = Monitor.wait(err) { $0.contains(" dispatched, ") }
    listen.waitUntilExit()
    #expect(listen.terminationStatus == 0)
    let logged = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").count
    #expect(summary.contains("messages, \(logged) dispatched, "), "\(logged) logged: \(summary)")
    #expect(summary.contains(", 0 unrouted, 0 malformed"), "\(summary)")
    #expect(summary.contains("dropped 0 with the queue full, 0 too far ahead, 0 in the kernel"), "\(summary)")
  }

  @Test func badOptionsAreRefused() throws {
    let r = try Tala.run(["listen", "--late", "sometimes", "--no-audio", "--seconds", "1"])
    #expect(r.status != 0 && r.stderr.contains("--late must be play or drop"))
    let limit = try Tala.run(["listen", "--max-queued", "0", "--no-audio", "--seconds", "1"])
    #expect(limit.status != 0 && limit.stderr.contains("--max-queued must be at least 1"))
  }
}
