import Foundation
import Testing

/// The forward-sync experiment (examples/forward-sync), shortened: two namespaces, a relay
/// adding 20 ms ± 10 ms, five ways of sending. Checks the claim itself: bundles with the
/// recommended latency, and with sync across a wrong clock, remove the relay's jitter; the
/// other three ways do not. Needs root and `ip netns` (CI runs as root).
@Suite(.serialized) struct ForwardSyncTests {
  @Test func theRecommendedLatencyAndClockSyncRemoveTheJitter() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("tala-fs-\(UUID().uuidString)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [
      root.appendingPathComponent("examples/forward-sync/run.sh").path, "--seconds", "3", "--out", out.path,
      "--tala", Tala.binary,
    ]
    let log = out.appendingPathExtension("log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: log)
    process.standardError = try FileHandle(forWritingTo: log)
    try process.run()
    let deadline = Date().addingTimeInterval(180)
    while process.isRunning && Date() < deadline { usleep(100_000) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    #expect(process.terminationStatus == 0, "\(text)")
    let data = try Data(contentsOf: out.appendingPathComponent("results.json"))
    let results = try JSONSerialization.jsonObject(with: data) as! [String: [String: Double]]
    func figure(_ prefix: String, _ key: String) throws -> Double {
      let entry = try #require(
        results.first { $0.key.hasPrefix(prefix) }?.value, "no case \(prefix) in \(results.keys)")
      return try #require(entry[key])
    }
    for c in ["a-", "b-", "c-", "d-", "e-"] {
      #expect(try figure(c, "events") >= 10, "\(c): \(text)")
    }
    // (c) and (e): the relay's ±10 ms is gone (worst deviation a few ms at most, far below
    // (a)'s and (b)'s); (d): the wrong clock shows as a 30 ms error.
    let a = try figure("a-", "p99_ms")
    let b = try figure("b-", "p99_ms")
    let c = try figure("c-", "p99_ms")
    let d = try figure("d-", "p50_ms")
    let e = try figure("e-", "p99_ms")
    #expect(c * 3 < a && c * 3 < b, "\(text)")
    #expect(e * 3 < d, "\(text)")
    #expect(abs(d - 30) < 10, "\(text)")
    #expect(try figure("c-", "missing") == 0)
  }
}
