import Audio
import Foundation
import Testing

/// The live engine through real ALSA: a `file` PCM over a `null` slave records exactly what the
/// engine wrote (DESIGN §7). The null slave never blocks, so the engine's clock is fixed: frame 0
/// sounds at monotonic time `start`.
@Suite(.serialized) struct ALSAFileTests {
  static let start: Int64 = 5_000_000_000

  func configuration(_ file: String, frames: Int64, format: DeviceFormat = .s16) -> AudioConfiguration {
    var c = AudioConfiguration()
    c.device = .configuration(
      """
      pcm.talatest {
        type file
        slave { pcm { type null } }
        file "\(file)"
        format "wav"
      }
      """, pcm: "talatest")
    c.format = format
    c.periodFrames = 256
    c.clock = .fixed(frame: 0, monotonicNanoseconds: Self.start)
    c.frameLimit = frames
    c.realtimePriority = false
    return c
  }

  func temporaryFile() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("tala-alsa-\(UUID().uuidString).wav").path
  }

  @Test func timedEventsLandOnExactFrames() throws {
    let path = temporaryFile()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let engine = AudioEngine(configuration: configuration(path, frames: 48_000))
    try #require(engine.isOpen, "ALSA file PCM did not open: \(engine.openError?.description ?? "")")
    #expect(engine.rate == 48_000)
    // Eighth notes at 1 cycle/s, plus odd offsets that fall inside periods.
    var expected: [Int] = []
    for k in 0..<8 {
      let ns = Int64(k) * 125_000_000 + (k % 2 == 1 ? 1_234_567 : 0)
      engine.play(AudioEvent(time: .monotonic(nanoseconds: Self.start + ns), sound: "tick"))
      expected.append(Int((Double(ns) * 48_000 / 1e9).rounded()))
    }
    engine.play(AudioEvent(time: .frame(46_001), sound: "tick"))
    expected.append(46_001)
    engine.start()
    engine.waitUntilStopped()
    engine.stop()
    let stats = engine.statistics
    #expect(stats.framesWritten >= 48_000)
    #expect(stats.latePlayed == 0 && stats.lateDropped == 0)
    let file = try AudioFile.read(path)
    #expect(file.rate == 48_000 && file.channels == 2)
    #expect(file.frameCount == Int(stats.framesWritten))
    #expect(onsets(file.channel(0)) == expected)
    // S16 full scale: the tick's first frame is 0.4 · cos 45° of 1.0.
    let first = file.channel(0)[expected[1]]
    #expect(abs(first - 0.4 * Float(cos(Double.pi / 4))) < 1.0 / 32_767)
  }

  @Test func lateEventsFollowThePolicy() throws {
    for policy in [LatePolicy.drop, .play] {
      let path = temporaryFile()
      defer { try? FileManager.default.removeItem(atPath: path) }
      // No frame limit: the engine runs until the late event has been handled, then stops.
      var c = configuration(path, frames: .max)
      c.latePolicy = policy
      let engine = AudioEngine(configuration: c)
      try #require(engine.isOpen)
      engine.start()
      // The null device takes data at once, so the engine soon passes frame 2,000 (bounded wait).
      let deadline = Date().addingTimeInterval(10)
      while engine.statistics.framesWritten < 24_000 && Date() < deadline { usleep(1_000) }
      engine.play(AudioEvent(time: .frame(2_000), sound: "tick"))
      while engine.statistics.latePlayed + engine.statistics.lateDropped == 0 && Date() < deadline { usleep(100) }
      // Let the played tick (1,440 frames) reach the file before stopping.
      let handled = engine.statistics.framesWritten
      while engine.statistics.framesWritten < handled + 4_800 && Date() < deadline { usleep(100) }
      engine.stop()
      let stats = engine.statistics
      let heard = onsets(try AudioFile.read(path).channel(0))
      if policy == .drop {
        #expect(stats.lateDropped == 1 && stats.latePlayed == 0)
        #expect(heard.isEmpty)
      } else {
        #expect(stats.latePlayed == 1 && stats.lateDropped == 0)
        #expect(heard.count == 1 && heard[0] > 2_000)
      }
    }
  }

  @Test func missingDeviceIsReportedNotFatal() {
    var c = AudioConfiguration()
    c.device = .named("tala_no_such_device")
    let engine = AudioEngine(configuration: c)
    #expect(!engine.isOpen)
    #expect(engine.openError?.description.contains("tala_no_such_device") == true)
    engine.play(AudioEvent(time: .frame(0), sound: "tick"))  // a no-op, not a crash
    engine.start()
    engine.stop()
    #expect(engine.statistics.framesWritten == 0)
  }
}
