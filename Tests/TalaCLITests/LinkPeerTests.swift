import Foundation
import Testing

/// Two Tala processes on Ableton Link (examples/link/run.sh, shortened to 4 s): only ever inside
/// network namespaces the script creates and deletes, never in the root namespace. Needs root
/// and `ip netns` (CI runs as root).
///
/// Nested in the serialized `ForwardSyncTests`, so that the two namespace experiments, each
/// measuring timing with several processes, never run at the same time.
extension ForwardSyncTests {
  @Suite(.serialized) struct LinkPeerTests {}
}

extension ForwardSyncTests.LinkPeerTests {
  /// Runs the demo script with `options` and returns its results.json.
  func run(_ options: [String]) throws -> (results: [String: Any], log: String) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("tala-link-\(UUID().uuidString)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments =
      [
        root.appendingPathComponent("examples/link/run.sh").path, "--seconds", "4", "--out", out.path, "--tala",
        Tala.binary,
      ]
      + options
    let log = out.appendingPathExtension("log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: log)
    process.standardError = try FileHandle(forWritingTo: log)
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline { usleep(100_000) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    #expect(process.terminationStatus == 0, "\(text)")
    let data = try Data(contentsOf: out.appendingPathComponent("results.json"))
    let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return (results, text)
  }

  func number(_ results: [String: Any], _ key: String) throws -> Double {
    try #require(results[key] as? Double ?? (results[key] as? Int).map(Double.init), "no \(key) in \(results)")
  }

  /// Both peers play bd*4; A sets cps 0.7, then B sets 0.9: the same positions in the cycle get
  /// timetags within 1 ms, at the same tempo, and each change is followed at once.
  func expectSharedTempoAndPhase(_ options: [String]) throws {
    let (results, log) = try run(options)
    #expect(try number(results, "pairs") >= 4, "\(log)")
    #expect(try number(results, "unmatched") == 0, "\(log)")
    #expect(try number(results, "same_tempo") == number(results, "pairs"), "\(log)")
    #expect(try number(results, "tempo_changes") == 2, "\(log)")
    #expect(try number(results, "tempo_follow_max_ms") < 100, "\(log)")
    #expect(try number(results, "phase_p99_ms") < 1, "\(log)")
  }

  @Test func twoPeersInOneNamespaceShareTempoAndPhase() throws {
    try expectSharedTempoAndPhase([])
  }

  @Test func twoPeersAcrossAVethPairShareTempoAndPhase() throws {
    try expectSharedTempoAndPhase(["--veth"])
  }

  @Test func aPeerLeavingChangesNothingForTheOther() throws {
    let (results, log) = try run(["--leave"])
    #expect(try number(results, "alone_events") >= 3, "\(log)")
    #expect(results["alone_tempi"] as? [Double] == [0.7], "\(log)")
    #expect(try number(results, "alone_tempo_before") == 0.7, "\(log)")
    #expect(try number(results, "alone_spacing_max_ms") < 1, "\(log)")
  }
}

extension ForwardSyncTests.LinkPeerTests {
  /// With start/stop sync both peers follow Link's transport: A stops it and starts it again
  /// (each at a cycle start), and both fall silent and come back at the same instants.
  @Test func bothPeersFollowTheSharedTransport() throws {
    let (results, log) = try run(["--startstop", "--seconds", "6"])
    #expect(try number(results, "gap_a_ms") > 1000, "\(log)")
    #expect(try number(results, "gap_b_ms") > 1000, "\(log)")
    #expect(try number(results, "gap_begin_diff_ms") < 1, "\(log)")
    #expect(try number(results, "gap_end_diff_ms") < 1, "\(log)")
    #expect(results["gap_end_same_phase"] as? Bool == true, "\(log)")
  }
}

extension ForwardSyncTests.LinkPeerTests {
  /// An outside peer: Ableton's LinkHut (on a dummy JACK server, keys through tmux) leads at
  /// 120 bpm and goes up to 130; Tala joins its session, follows each change and keeps playing.
  @Test func talaFollowsLinkHut() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("tala-linkhut-\(UUID().uuidString)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [
      root.appendingPathComponent("examples/link/linkhut.sh").path, "--seconds", "6", "--out", out.path, "--tala",
      Tala.binary,
    ]
    let log = out.appendingPathExtension("log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: log)
    process.standardError = try FileHandle(forWritingTo: log)
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline { usleep(100_000) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    #expect(process.terminationStatus == 0, "\(text)")
    let data = try Data(contentsOf: out.appendingPathComponent("results.json"))
    let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let tempi = try #require(results["tempi_bpm"] as? [Double], "\(text)")
    #expect(tempi.contains(120), "\(text)")
    #expect(tempi.last == 130, "\(text)")
    #expect(try number(results, "hut_bpm") == 130, "\(text)")
    #expect(try number(results, "hut_peers") == 1, "\(text)")
    #expect(try number(results, "largest_gap_in_spacings") < 1.5, "\(text)")
  }
}
