import Foundation
import Scheduler
import Session
import Testing
import Time

/// A real session (system clock, scheduler thread, UDP) received by python-osc.
@Suite(.serialized) struct SessionLoopbackTests {
  /// Plays `pattern` to a python-osc receiver through a target with `options` (all of them, in
  /// the order `:targets` lists them, so the reply must echo them); returns the packets
  /// python-osc decoded (JSON lines) and the session, for its tempo map.
  func capture(_ pattern: String, count: Int, options: String) throws -> ([[String: Any]], Session) {
    let python = try Peer.python()
    let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("tala-port-\(UUID().uuidString)")
    let (peer, output) = try Peer.start(
      [python, Peer.interopDirectory.appendingPathComponent("pyosc_peer.py").path, "recv", portFile.path, "\(count)"])
    defer { Peer.finish(peer) }
    let port = Peer.waitFor(portFile) { !$0.isEmpty }
    #expect(!port.isEmpty)
    var o = Session.Options()
    o.targets = []
    let session = try Session(options: o) { _ in }
    let target = "py 127.0.0.1:\(port) \(options)"
    try #require(session.handle(":target add \(target)") == .ok("target \(target)"))
    #expect(session.handle("setcps 2") == .ok(nil))
    #expect(session.handle(pattern) == .ok(nil))
    session.start()
    let text = Peer.waitFor(output, seconds: 15) { $0.split(separator: "\n").count >= count }
    session.stop()
    let packets = try text.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
    return (packets, session)
  }

  @Test func superDirtBundlesCarryTheExactTimetagOfTheirCycle() throws {
    let (packets, session) = try capture(
      "d1 $ s \"tick*4\" # n 3", count: 8, options: "format=superdirt latency=0.2 mode=bundle")
    #expect(packets.count == 8)
    var cycles: [Double] = []
    for p in packets {
      let message = (p["elements"] as! [[String: Any]])[0]
      #expect(message["address"] as? String == "/dirt/play")
      let args = message["args"] as! [Any]
      var pairs: [String: Any] = [:]
      for i in stride(from: 0, to: args.count - 1, by: 2) { pairs[args[i] as! String] = args[i + 1] }
      #expect(pairs["s"] as? String == "tick")
      #expect(pairs["n"] as? Double == 3)
      #expect(pairs["_id_"] as? String == "1")
      #expect(pairs["cps"] as? Double == 2)
      #expect(pairs["delta"] as? Double == 0.125)
      #expect(pairs["orbit"] as? Int == 0)
      let cycle = pairs["cycle"] as! Double
      cycles.append(cycle)
      // Quarter cycles are exact in a float: the event's cycle, through the tempo map, plus
      // the latency, rounded once, is the timetag.
      let exact = try Rational(Int64(cycle * 4), 4)
      let expected = try session.scheduler.timetag(atCycle: exact, latencyNanoseconds: 200_000_000)!
      #expect(p["timetag"] as? String == expected.hexString)
    }
    #expect(zip(cycles, cycles.dropFirst()).allSatisfy { $1 - $0 == 0.25 })
  }

  @Test func pdFormatIsTheSeedsSlashPdTick() throws {
    let (packets, _) = try capture("d1 $ s \"tick*2\"", count: 2, options: "format=pd latency=0.1 mode=bundle")
    for p in packets {
      let message = (p["elements"] as! [[String: Any]])[0]
      #expect(message["address"] as? String == "/pd")
      #expect(message["types"] as? String == ",s")
      #expect(message["args"] as? [String] == ["tick"])
    }
  }
}
