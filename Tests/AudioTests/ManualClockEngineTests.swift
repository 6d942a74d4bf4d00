import Audio
import Foundation
import System
import Testing

/// The live engine on a manual clock. A `file` PCM over `null` takes data at once, so the engine
/// paces itself on the clock it was given, one period per period; on a `ManualClock` each of
/// those sleeps jumps the clock, so a second of audio takes no real time, and the mapping from
/// monotonic time to frames is exercised exactly as the engine runs it.
@Suite(.serialized) struct ManualClockEngineTests {
  func configuration(_ path: String) -> AudioConfiguration {
    var c = AudioConfiguration()
    c.device = .configuration(
      "pcm.t { type file slave { pcm { type null } } file \"\(path)\" format \"wav\" }", pcm: "t")
    c.periodFrames = 240  // 5 ms at 48 kHz
    c.clock = .device
    c.pacedByEngine = true
    c.frameLimit = 48_000
    c.realtimePriority = false
    return c
  }

  @Test func monotonicTimesLandOnTheirFramesWithoutWaiting() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tala-manual-\(UUID().uuidString).wav")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let clock = ManualClock(monotonic: 7_000_000_000)
    let origin = clock.monotonicNanoseconds()
    let engine = AudioEngine(configuration: configuration(path), clock: clock)
    try #require(engine.isOpen, "\(engine.openError?.description ?? "")")
    try #require(engine.rate == 48_000)
    // No mapping before the loop runs: these wait in the inbox and get their frames when the
    // loop takes them.
    #expect(engine.frame(atMonotonic: origin) == nil)
    let offsets: [Int64] = [0, 123_456_789, 250_000_000, 500_010_417, 987_654_321]
    for ns in offsets { engine.play(AudioEvent(time: .monotonic(nanoseconds: origin + ns), sound: "tick")) }
    engine.start()
    engine.waitUntilStopped()
    // The engine's own sleeps moved the clock: 48,000 frames are exactly one second.
    #expect(clock.monotonicNanoseconds() == origin + 1_000_000_000)
    #expect(engine.frame(atMonotonic: origin + 500_000_000) == 24_000)
    engine.stop()
    let stats = engine.statistics
    #expect(stats.framesWritten == 48_000 && stats.latePlayed == 0 && stats.lateDropped == 0)
    let file = try AudioFile.read(path)
    #expect(onsets(file.channel(0)) == offsets.map { Int(($0 * 48_000 + 500_000_000) / 1_000_000_000) })
  }

  @Test func anEventWhoseFrameHasPassedFollowsTheLatePolicy() throws {
    for (policy, heard) in [(LatePolicy.drop, 0), (.play, 1)] {
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("tala-late-\(UUID().uuidString).wav")
        .path
      defer { try? FileManager.default.removeItem(atPath: path) }
      let clock = ManualClock()
      var c = configuration(path)
      c.latePolicy = policy
      let engine = AudioEngine(configuration: c, clock: clock)
      try #require(engine.isOpen)
      // A time before the loop's start maps to a frame before 0: 10 ms late when taken.
      engine.play(AudioEvent(time: .monotonic(nanoseconds: clock.monotonicNanoseconds() - 10_000_000), sound: "tick"))
      engine.start()
      engine.waitUntilStopped()
      engine.stop()
      let stats = engine.statistics
      #expect(stats.latePlayed == heard && stats.lateDropped == 1 - heard, "\(policy)")
      #expect(onsets(try AudioFile.read(path).channel(0)) == (heard == 1 ? [0] : []), "\(policy)")
    }
  }
}
