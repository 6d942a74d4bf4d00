import Audio
import Foundation
import Scheduler
import Session
import Synchronization
import System
import Testing

/// A pattern's sounds are loaded when it is set: the first hit of a sample never used before
/// is on its frame, and a name nothing plays is reported once, with a hint.
@Suite struct SamplePreloadTests {
  final class Folder {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("tala-preload-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) }
    func sound(_ name: String, frames: Int) throws {
      let dir = root.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      try AudioFile.write(
        [Float](repeating: 0.5, count: frames), to: dir.appendingPathComponent("a.wav").path, rate: 48_000,
        channels: 1, format: .float)
    }
    deinit { try? FileManager.default.removeItem(at: root) }
  }

  @Test func theFirstEventOfAFreshlySetPatternLandsOnItsFrame() throws {
    let folder = try Folder()
    try folder.sound("fresh", frames: 2_000)
    let path = folder.root.appendingPathComponent("out.wav").path
    let clock = ManualClock()
    var options = Session.Options()
    options.targets = []
    options.scheduler.cps = 1
    options.defaultLatencyNanoseconds = 100_000_000
    let messages = Mutex<[String]>([])
    let session = try Session(options: options, clock: clock) { m in messages.withLock { $0.append(m) } }
    var a = AudioConfiguration()
    a.device = .configuration(
      "pcm.t { type file slave { pcm { type null } } file \"\(path)\" format \"wav\" }", pcm: "t")
    a.clock = .fixed(frame: 0, monotonicNanoseconds: session.scheduler.originMonotonic)
    a.frameLimit = 48_000 * 3
    a.realtimePriority = false
    a.sampleFolders = [folder.root.path]
    let engine = AudioEngine(configuration: a, clock: clock)
    try #require(engine.isOpen)
    session.useAudio(engine)

    #expect(!engine.bank.isLoaded("fresh"))
    #expect(session.handle("d1 $ s \"~ <fresh nosuch>\"") == .ok(nil))
    // Decoded before the scheduler ever sees the pattern, on this thread; `nosuch` (in the
    // pattern's second cycle) is reported at once.
    #expect(engine.bank.isLoaded("fresh"))
    #expect(messages.withLock { $0.count } == 1)
    #expect(messages.withLock { $0.first ?? "" }.contains("unknown sound 'nosuch'"))
    #expect(messages.withLock { $0.first ?? "" }.contains("tala samples install"))

    for _ in 0..<250 {
      clock.advance(nanoseconds: 10_000_000)
      session.scheduler.tick()
    }
    engine.start()
    engine.waitUntilStopped()
    engine.stop()
    // The engine met `nosuch` too: still one message.
    #expect(messages.withLock { $0.count } == 1, "\(messages.withLock { $0 })")
    #expect(engine.statistics.latePlayed == 0 && engine.statistics.lateDropped == 0)
    let file = try AudioFile.read(path)
    // Cycle 0 plays `fresh` at 0.5 s + 0.1 s latency, cycle 2 again at 2.6 s; cycle 1's
    // `nosuch` is silent.
    let channel = file.channel(0)
    #expect(onsetFrames(channel) == [28_800, 124_800])
    #expect(channel[28_799] == 0 && channel[28_800] != 0)
  }

  @Test func samplesListsTheFoldersWithTheirCounts() throws {
    let folder = try Folder()
    try folder.sound("one", frames: 10)
    try folder.sound("two", frames: 10)
    var options = Session.Options()
    options.targets = []
    options.samples = SampleSearchPath([
      .init(folder.root.path, .option), .init(folder.root.path + "/missing", .environment),
    ])
    let session = try Session(options: options, clock: ManualClock()) { _ in }
    guard case .ok(let text?) = session.handle(":samples") else {
      Issue.record("no listing")
      return
    }
    #expect(text.contains("1. \(folder.root.path)  [--samples]  2 sounds"), "\(text)")
    #expect(text.contains("2. \(folder.root.path)/missing  [TALA_SAMPLES]  not there"), "\(text)")
    #expect(text.contains("built in: "))
  }
}

/// Frames where sound starts after at least 200 silent frames.
private func onsetFrames(_ channel: [Float]) -> [Int] {
  var out: [Int] = []
  var silent = 200
  for (i, x) in channel.enumerated() {
    if x != 0 {
      if silent >= 200 { out.append(i) }
      silent = 0
    } else {
      silent += 1
    }
  }
  return out
}
