import Foundation
import Testing

/// `tala run` and `tala < file` against a real `tala monitor` on loopback.
@Suite(.serialized) struct PlayCommandTests {
  func script(_ text: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tala-\(UUID().uuidString).tala")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  /// The bundles the monitor printed, as (timetag text, first element's JSON).
  func bundles(_ output: String) throws -> [(timetag: String, message: [String: Any])] {
    try output.split(separator: "\n").map { line in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      let packet = object["packet"] as! [String: Any]
      let elements = packet["elements"] as! [[String: Any]]
      return (packet["timetag"] as! String, elements[0])
    }
  }

  /// 32.32 fixed point from the `0xSSSSSSSS.FFFFFFFF` text.
  func raw(_ timetag: String) -> UInt64 {
    let parts = timetag.dropFirst(2).split(separator: ".")
    return UInt64(parts[0], radix: 16)! << 32 | UInt64(parts[1], radix: 16)!
  }

  @Test func runPlaysAScriptOnTheExactGrid() throws {
    let monitor = try Monitor.start(["--json", "--count", "6", "--seconds", "20"])
    let file = try script(
      """
      -- four ticks a second
      setcps 1

      d1 $ s "tick*4"
        # gain 0.9
      """)
    let result = try Tala.run(["run", file.path, "--seconds", "2", "--target", "cap 127.0.0.1:\(monitor.port)"])
    #expect(result.status == 0, "\(result.stderr)")
    let (_, stdout, _) = monitor.finish()
    let got = try bundles(stdout)
    #expect(got.count == 6)
    for b in got {
      #expect(b.message["address"] as? String == "/pd")
      #expect(b.message["types"] as? String == ",ssf")
      #expect((b.message["args"] as? [Any])?.first as? String == "tick")
    }
    // A quarter of a second apart, exactly: 2^30 units of 2^-32 s.
    let tags = got.map { raw($0.timetag) }
    for (a, b) in zip(tags, tags.dropFirst()) { #expect(b - a == 1 << 30) }
  }

  @Test func stdinDrivesTheSessionAndImmediateModeStampsImmediately() throws {
    let monitor = try Monitor.start(["--json", "--count", "3", "--seconds", "20"])
    let input = """
      :target add now 127.0.0.1:\(monitor.port) mode=immediate latency=0
      setcps 2
      d1 $ s "bd sn"
      :wait 1s
      """
    let result = try Tala.run(["--no-targets"], stdin: input)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("target now 127.0.0.1:\(monitor.port) format=pd latency=0 mode=immediate"))
    let (_, stdout, _) = monitor.finish()
    let got = try bundles(stdout)
    #expect(got.count == 3)
    #expect(got.allSatisfy { $0.timetag == "0x00000000.00000001" })
    // It starts wherever the cycle is (as in Tidal), then alternates.
    let sounds = got.compactMap { ($0.message["args"] as? [Any])?.first as? String }
    #expect(sounds.count == 3 && Set(sounds).isSubset(of: ["bd", "sn"]))
    #expect(zip(sounds, sounds.dropFirst()).allSatisfy { $0 != $1 })
  }

  @Test func aScriptErrorNamesFileLineAndColumnAndStopsThere() throws {
    let monitor = try Monitor.start(["--json", "--seconds", "3"])
    let file = try script(
      """
      setcps 1
      -- a typo on line 4:

      d1 $ s "bd*2 [sn cp"

      d2 $ s "hh*8"
      """)
    let result = try Tala.run(["run", file.path, "--seconds", "1", "--target", "cap 127.0.0.1:\(monitor.port)"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("\(file.path):4:"), "\(result.stderr)")
    #expect(result.stderr.contains(": error: "))
    #expect(result.stderr.contains("  d1 $ s \"bd*2 [sn cp\""))
    #expect(result.stderr.contains("^"))
    let (_, stdout, _) = monitor.finish()
    #expect(stdout.isEmpty, "nothing after the error plays: \(stdout)")
  }

  @Test func aTargetWithNobodyListeningIsReportedOnce() throws {
    // Port 9 (discard) is closed on loopback here: each datagram draws an ICMP refusal.
    let result = try Tala.run(
      ["--no-audio", "--target", "gone 127.0.0.1:9"], stdin: "setcps 4\nd1 $ s \"x*4\"\n:wait 1.5s\n:status\n")
    #expect(result.status == 0)
    let reports = result.stderr.components(separatedBy: "nothing is listening at 127.0.0.1:9").count - 1
    #expect(reports == 1, "\(result.stderr)")
    // The target plays on: events are still stamped and handed to the socket, none dropped, and
    // the refusals (each belongs to an earlier datagram) count as one send error, the one said.
    // That the refused event itself goes out again cannot be seen here: nobody is listening.
    let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("target gone: ") })
    let sent = line.split(separator: ", ").first { $0.hasPrefix("sent ") }.flatMap { Int($0.dropFirst(5)) } ?? 0
    #expect(line.hasPrefix("target gone: bundle, latency 0.1 s, sent "), "\(line)")
    #expect(sent > 0 && line.hasSuffix(", dropped 0, send errors 1"), "\(line)")
  }

  @Test func eventsWithoutASoundAreSaidOnce() throws {
    let monitor = try Monitor.start(["--json", "--seconds", "2"])
    let result = try Tala.run(
      ["--no-audio", "--target", "cap 127.0.0.1:\(monitor.port)"], stdin: "setcps 4\nd1 $ n \"1 2\"\n:wait 1s\n")
    #expect(result.status == 0)
    let said = result.stderr.components(separatedBy: "events without a sound (s) are not sent").count - 1
    #expect(said == 1, "\(result.stderr)")
    let (_, stdout, _) = monitor.finish()
    #expect(stdout.isEmpty)
  }

  @Test func badInputAtThePromptKeepsThePatternPlaying() throws {
    let monitor = try Monitor.start(["--json", "--count", "4", "--seconds", "20"])
    let input = """
      :target add cap 127.0.0.1:\(monitor.port) latency=0.05
      setcps 2
      d1 $ s "keep"
      d1 $ s "oops(3,8"
      d1 $ sound "bd" # gian 1
      :nonsense
      :wait 2s
      """
    let result = try Tala.run(["--no-targets"], stdin: input)
    #expect(result.stdout.contains("unclosed '('"))
    #expect(result.stdout.contains("gian"))
    #expect(result.stdout.contains("unknown command ':nonsense'"))
    let (_, stdout, _) = monitor.finish()
    let got = try bundles(stdout)
    #expect(got.count == 4)
    #expect(got.allSatisfy { ($0.message["args"] as? [Any])?.first as? String == "keep" })
  }
}
