import Audio
import Foundation
import System
import Testing

/// Real-time pacing, the one test of the engine on a real device clock. The engine writes to a
/// `file` PCM whose slave is ALSA's `jack` PCM on a `jackd -d dummy` server this test starts, so
/// writes block as on a sound card and the device clock (playback position and delay) is real. It
/// needs no sound card, no D-Bus and no realtime rights; it does need `jackd` and ALSA's jack
/// plugin (`jackd2` and `libasound2-plugins`, installed by `make deps`), and fails without them.
@Suite(.serialized) struct JackPacingTests {
  /// ALSA's jack PCM plugin, wherever the multiarch layout puts it.
  static func plugin() -> String? {
    let name = "alsa-lib/libasound_module_pcm_jack.so"
    let dirs = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"]
    return dirs.map { "\($0)/\(name)" }.first { FileManager.default.fileExists(atPath: $0) }
  }

  static func jackd() -> String? {
    for dir in ["/usr/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/jackd") {
      return "\(dir)/jackd"
    }
    return nil
  }

  @Test func deviceClockPlacesMonotonicTimesOnFrames() throws {
    let jackd = try #require(Self.jackd(), "jackd is not installed: run `make deps` (Debian package jackd2)")
    try #require(Self.plugin() != nil, "ALSA's jack plugin is not installed: run `make deps` (libasound2-plugins)")
    let server = "tala\(getpid())"
    setenv("JACK_DEFAULT_SERVER", server, 1)
    // The plugin's client must find this server, not start one of its own.
    setenv("JACK_NO_START_SERVER", "1", 1)
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("tala-jackd-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: log) }
    let jack = Process()
    jack.executableURL = URL(fileURLWithPath: jackd)
    // Without realtime rights (a container, a user outside the audio group) jackd says so and
    // runs on ordinary threads, which is enough for pacing.
    jack.arguments = ["-n", server, "-d", "dummy", "-r", "48000", "-p", "256"]
    jack.standardOutput = FileHandle.nullDevice
    jack.standardError = try FileHandle(forWritingTo: log)
    try jack.run()
    defer {
      jack.terminate()
      jack.waitUntilExit()
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tala-jack-\(UUID().uuidString).wav").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    var c = AudioConfiguration()
    c.device = .configuration(
      """
      pcm.talajack {
        type file
        file "\(path)"
        format "wav"
        slave { pcm { type plug slave { pcm {
          type jack playback_ports { 0 system:playback_1 1 system:playback_2 }
        } } } }
      }
      """, pcm: "talajack")
    c.periodFrames = 256
    c.frameLimit = 48_000 * 2
    c.realtimePriority = false  // jackd paces it; no need to compete with the machine
    // The server needs a moment to come up (bounded retries).
    var engine = AudioEngine(configuration: c)
    for _ in 0..<50 where !engine.isOpen {
      usleep(100_000)
      engine = AudioEngine(configuration: c)
    }
    try #require(
      engine.isOpen,
      "\(engine.openError?.description ?? ""); jackd \(jack.isRunning ? "running" : "exited"): \((try? String(contentsOf: log, encoding: .utf8)) ?? "")"
    )
    engine.start()
    let clock = SystemClock()
    // Wait (bounded) until the device has reported a position.
    var now = clock.monotonicNanoseconds()
    for _ in 0..<1000 where engine.frame(atMonotonic: now) == nil {
      usleep(5_000)
      now = clock.monotonicNanoseconds()
    }
    let times = (0..<4).map { now + 300_000_000 + Int64($0) * 250_000_000 }
    let predicted = times.map { engine.frame(atMonotonic: $0) }
    for t in times { engine.play(AudioEvent(time: .monotonic(nanoseconds: t), sound: "tick")) }
    engine.waitUntilStopped()
    engine.stop()
    let stats = engine.statistics
    let file = try AudioFile.read(path)
    var onsets: [Int] = []
    var silent = 200
    for (i, x) in file.channel(0).enumerated() {
      if x != 0 {
        if silent >= 200 { onsets.append(i) }
        silent = 0
      } else {
        silent += 1
      }
    }
    print("JackPacingTests: onsets \(onsets), predicted \(predicted), \(stats)")
    #expect(stats.latePlayed == 0 && stats.lateDropped == 0)
    try #require(onsets.count == 4)
    // The smoothed device clock may move by less than its 2 ms re-anchoring limit between two
    // mappings; beyond that the onsets sit exactly 12,000 frames apart.
    for k in 1..<4 { #expect(abs(onsets[k] - onsets[k - 1] - 12_000) <= 96, "\(onsets)") }
  }
}
