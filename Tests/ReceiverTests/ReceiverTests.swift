import Audio
import Foundation
import Net
import OSC
import Receiver
import System
import Testing

/// Runs a receiver on its own thread and collects its output.
final class Running: @unchecked Sendable {
  let receiver: Receiver
  private let lock = NSLock()
  private var outputLines: [String] = []
  private var reportLines: [String] = []
  private var result: ReceiverStatistics?
  private let done = DispatchSemaphore(value: 0)

  init(_ configuration: ReceiverConfiguration, audio: AudioEngine? = nil) throws {
    var receiver: Receiver!
    let box = Ref()
    receiver = try Receiver(
      configuration: configuration, audio: audio, output: { box.running?.add(output: $0) },
      report: { box.running?.add(report: $0) })
    self.receiver = receiver
    box.running = self
    Thread.detachNewThread { [self] in
      let stats = self.receiver.run()
      lock.withLock { result = stats }
      done.signal()
    }
  }

  final class Ref: @unchecked Sendable { weak var running: Running? }

  func add(output line: String) { lock.withLock { outputLines.append(line) } }
  func add(report line: String) { lock.withLock { reportLines.append(line) } }

  var port: UInt16 { receiver.localAddress.port }

  /// Waits (bounded) for the receiver to stop by its count or time limit.
  func finish(seconds: Double = 15) -> (stats: ReceiverStatistics?, output: [String], reports: [String]) {
    _ = done.wait(timeout: .now() + seconds)
    return lock.withLock { (result, outputLines, reportLines) }
  }
}

func wallNow() -> Int64 {
  var ts = timespec()
  clock_gettime(CLOCK_REALTIME, &ts)
  return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

func bundle(_ t: Timetag, _ address: String, _ args: [OSCArgument] = []) -> OSCPacket {
  .bundle(OSCBundle(timetag: t, [.message(OSCMessage(address, args))]))
}

@Suite(.serialized) struct ReceiverTests {
  static var linePattern: Regex<(Substring, Substring, Substring, Substring)> {
    #/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z) late ([+-]\d+\.\d{3}) ms (.*)$/#
  }

  @Test func dispatchOrderLatenessPolicyAndMalformed() throws {
    var c = ReceiverConfiguration()
    c.port = 0
    c.printMessages = true
    c.count = 7
    c.seconds = 10
    let running = try Running(c)
    let sender = try UDPSender(host: "127.0.0.1", port: running.port)
    let now = wallNow()
    let a = Timetag(unixNanoseconds: now + 250_000_000)!
    let b = Timetag(unixNanoseconds: now + 400_000_000)!
    let past = Timetag(unixNanoseconds: now - 10_000_000)!
    try sender.send([0x2F, 0x78, 0x00])  // "/x" without a type tag string's padding: malformed
    try sender.send(bundle(b, "/py", [.string("b")]))
    try sender.send(bundle(a, "/py", [.string("a")]))
    try sender.send(.message(OSCMessage("/py", [.string("now")])))
    try sender.send(bundle(.immediately, "/pd", [.string("imm"), .string("gain"), .float32(0.5)]))
    try sender.send(bundle(past, "/pyserver", [.string("past")]))
    try sender.send(bundle(Timetag(unixNanoseconds: now - 1_000_000_000)!, "/py", [.string("old")]))
    try sender.send(.message(OSCMessage("/nowhere", [.int32(1)])))
    let (stats, lines, reports) = running.finish()
    let s = try #require(stats)
    #expect(s.packets == 8 && s.malformed == 1 && s.messages == 7)
    #expect(s.dispatched == 5 && s.late == 2 && s.lateDropped == 1 && s.unrouted == 1)
    #expect(lines.count == 5, "\(lines)")
    guard lines.count == 5 else { return }
    #expect(lines[0] == "immediately /py now")
    #expect(lines[1] == "immediately /pd imm gain 0.5")
    let timed = lines[2...].map { try? Self.linePattern.wholeMatch(in: $0)?.output }
    #expect(timed.allSatisfy { $0 != nil }, "\(lines)")
    #expect(timed.map { $0.map { String($0.1) } } == [past.utcString, a.utcString, b.utcString])
    #expect(timed.map { $0.map { String($0.3) } } == ["/pyserver past", "/py a", "/py b"])
    // Sent 10 ms after its time, so dispatched at least that late.
    #expect((timed[0].flatMap { Double($0.2) } ?? 0) >= 10)
    #expect(s.lateness.count == 3)
    #expect(reports.contains { $0.contains("malformed") })
    #expect(reports.contains { $0.contains("/py arrived") && $0.contains("dropped") })
    #expect(reports.contains { $0.contains("no route for /nowhere") })
  }

  @Test func latePolicies() throws {
    for (policy, expectDropped) in [(LatePolicy.drop, 2), (.play, 0)] {
      var c = ReceiverConfiguration()
      c.port = 0
      c.count = 2
      c.seconds = 10
      c.latePolicy = policy
      let running = try Running(c)
      let sender = try UDPSender(host: "127.0.0.1", port: running.port)
      let now = wallNow()
      try sender.send(bundle(Timetag(unixNanoseconds: now - 5_000_000)!, "/py", [.string("x")]))
      try sender.send(bundle(Timetag(unixNanoseconds: now - 5_000_000_000)!, "/py", [.string("y")]))
      let s = try #require(running.finish().stats)
      #expect(s.late == 2 && s.lateDropped == expectDropped && s.dispatched == 2 - expectDropped, "\(policy)")
    }
  }

  @Test func nestedBundlesKeepTheirOwnTimes() throws {
    var c = ReceiverConfiguration()
    c.port = 0
    c.printMessages = true
    c.count = 3
    c.seconds = 10
    let running = try Running(c)
    let sender = try UDPSender(host: "127.0.0.1", port: running.port)
    let now = wallNow()
    let outer = Timetag(unixNanoseconds: now + 200_000_000)!
    let inner = Timetag(unixNanoseconds: now + 300_000_000)!
    try sender.send(
      .bundle(
        OSCBundle(
          timetag: outer,
          [
            .bundle(OSCBundle(timetag: inner, [.message(OSCMessage("/py", [.string("inner")]))])),
            .bundle(OSCBundle(timetag: .immediately, [.message(OSCMessage("/py", [.string("inherits")]))])),
            .message(OSCMessage("/py", [.string("outer")])),
          ])))
    let (_, lines, _) = running.finish()
    let parsed = lines.compactMap { try? Self.linePattern.wholeMatch(in: $0)?.output }
    #expect(parsed.map { String($0.3) } == ["/py inherits", "/py outer", "/py inner"], "\(lines)")
    #expect(parsed.map { String($0.1) } == [outer.utcString, outer.utcString, inner.utcString])
  }

  @Test func messagesBecomeAudioEvents() {
    let t = AudioTime.monotonic(nanoseconds: 5_000_000_000)
    let pd = Receiver.event(
      for: OSCMessage("/pd", [.string("tick"), .string("gain"), .float32(0.75), .string("n"), .int32(2)]),
      action: .playNamed, time: t)
    #expect(pd == AudioEvent(time: t, sound: "tick", controls: ["gain": .float(0.75), "n": .int(2)]))
    let dirt = Receiver.event(
      for: OSCMessage(
        "/dirt/play", [.string("s"), .string("bd"), .string("vowel"), .string("a"), .string("speed"), .float64(-1)]),
      action: .playPairs, time: .immediately)
    #expect(
      dirt == AudioEvent(time: .immediately, sound: "bd", controls: ["vowel": .string("a"), "speed": .float(-1)]))
    #expect(Receiver.event(for: OSCMessage("/py", [.int32(1)]), action: .playNamed, time: t) == nil)
    #expect(
      Receiver.event(for: OSCMessage("/dirt/play", [.string("n"), .int32(1)]), action: .playPairs, time: t) == nil)
  }

  /// End to end: OSC bundles → receiver → engine → ALSA file PCM, onsets on the frames their
  /// timetags give. Receiver and engine share a manual clock; the engine's mapping is fixed
  /// (frame 0 at the clock's start) and it writes only after the receiver is done, because the
  /// null device would otherwise race ahead of time.
  @Test func bundlesLandOnTheirFramesThroughALSA() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tala-recv-\(UUID().uuidString).wav").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let clock = ManualClock()
    let start = clock.realtimeNanoseconds()
    var a = AudioConfiguration()
    a.device = .configuration(
      "pcm.t { type file slave { pcm { type null } } file \"\(path)\" format \"wav\" }", pcm: "t")
    a.clock = .fixed(frame: 0, monotonicNanoseconds: clock.monotonicNanoseconds())
    a.frameLimit = 48_000
    a.realtimePriority = false
    let engine = AudioEngine(configuration: a, clock: clock)
    try #require(engine.isOpen)
    var c = ReceiverConfiguration()
    c.port = 0
    let receiver = try Receiver(configuration: c, audio: engine, clock: clock, output: { _ in }, report: { _ in })
    let sender = try UDPSender(host: "127.0.0.1", port: receiver.localAddress.port)
    let offsets: [Int64] = [300_000_000, 550_000_000, 612_345_678]
    for ns in offsets.reversed() {
      try sender.send(bundle(Timetag(unixNanoseconds: start + ns)!, "/py", [.string("tick")]))
    }
    try receiveAll(3, receiver)
    for _ in 0..<100 {
      clock.advance(nanoseconds: 10_000_000)
      receiver.dispatchDue()
    }
    let s = receiver.statistics
    #expect(s.dispatched == 3 && s.late == 0 && s.pending == 0)
    engine.start()
    engine.waitUntilStopped()
    engine.stop()
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
    #expect(onsets == offsets.map { Int(($0 * 48_000 + 500_000_000) / 1_000_000_000) })
  }
}

/// Handles `count` datagrams sent to `receiver` on loopback: waits for each (bounded; the wait
/// ends as soon as one arrives) without running the receiver's loop.
func receiveAll(_ count: Int, _ receiver: Receiver) throws {
  var handled = 0
  for _ in 0..<50 where handled < count { handled += try receiver.receive(timeoutMilliseconds: 100) }
  try #require(handled == count)
}
