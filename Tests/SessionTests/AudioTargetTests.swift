import Audio
import Foundation
import Language
import Scheduler
import Session
import System
import Testing

/// The session's audio path for real: scheduler → `AudioTarget` → engine → ALSA's file PCM.
@Suite struct AudioTargetTests {
  @Test func scheduledEventsLandOnTheFramesTheirExactTimesGive() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tala-session-\(UUID().uuidString).wav")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let clock = ManualClock()
    var configuration = SchedulerConfiguration()
    configuration.cps = 1
    let scheduler = Scheduler(configuration: configuration, clock: clock)
    // Frame 0 is the scheduler's origin; the engine writes only after planning, because the
    // null device behind the file would otherwise run ahead of the manual clock.
    var a = AudioConfiguration()
    a.device = .configuration(
      "pcm.t { type file slave { pcm { type null } } file \"\(path)\" format \"wav\" }", pcm: "t")
    a.clock = .fixed(frame: 0, monotonicNanoseconds: scheduler.originMonotonic)
    a.frameLimit = 48_000 * 3
    a.realtimePriority = false
    let engine = AudioEngine(configuration: a, clock: clock)
    try #require(engine.isOpen)
    scheduler.addOutput(
      AudioTarget(engine: engine, latencyNanoseconds: 100_000_000, originMonotonic: scheduler.originMonotonic))
    var interpreter = Interpreter()
    guard case .assign(_, let pattern) = try interpreter.run("d1 $ s \"tick*4\" # gain 0.9") else {
      Issue.record("not a pattern")
      return
    }
    scheduler.setPattern(pattern, slot: "1")
    for _ in 0..<250 {
      clock.advance(nanoseconds: 10_000_000)
      scheduler.tick()
    }
    engine.start()
    engine.waitUntilStopped()
    engine.stop()
    let file = try AudioFile.read(path)
    var found: [Int] = []
    var silent = 200
    for (i, x) in file.channel(0).enumerated() {
      if x != 0 {
        if silent >= 200 { found.append(i) }
        silent = 0
      } else {
        silent += 1
      }
    }
    // Onsets every quarter second (1 cps) plus 0.1 s latency: frames 12000·k + 4800. Planning
    // began at the first tick (10 ms in) and ended at 2.5 s + 50 ms of lookahead, so k runs
    // from 1 to 10.
    #expect(found == (1...10).map { 12_000 * $0 + 4_800 })
  }
}
