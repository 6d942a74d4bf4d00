import Foundation
import Net
import OSC
import Testing

/// Real Pd (`pd -nogui`) running the receive chains of examples/pd, driven over UDP.
///
/// The 20 ms bound is a correctness bound (an event honoured at its timetag rather than on
/// arrival, 200 ms early), far above Pd's own granularity; the measured errors are printed.
@Suite(.serialized) struct PdTimingTests {
  static let bound = 20.0  // milliseconds

  /// Event `i` of a test run: a mix of the sample voice and the synth voice with controls.
  static func event(_ i: Int) -> (sent: [OSCArgument], reported: [OSCArgument]) {
    if i % 4 == 0 { return ([.string("tick")], [.string("tick")]) }
    let sent: [OSCArgument] = [.string("bd"), .string("n"), .int32(Int32(i)), .string("gain"), .float32(0.5)]
    // Pd has only floats: the integer comes back as a float.
    let reported: [OSCArgument] = [.string("bd"), .string("n"), .float32(Float(i)), .string("gain"), .float32(0.5)]
    return (sent, reported)
  }

  /// Checks that `realized` is exactly the events `first..<first + due.count` in order, each
  /// within `bound` of its due time; returns the errors in milliseconds.
  static func check(_ realized: [Realization], due: [Int64], first: Int = 0, pd: PdHarness) -> [Double] {
    #expect(realized.count == due.count, "Pd realized \(realized.count) of \(due.count) events; log:\n\(pd.log)")
    var errors: [Double] = []
    for (i, realization) in realized.enumerated() where i < due.count {
      #expect(realization.message.address == "/realized")
      #expect(realization.message.arguments == event(first + i).reported, "event \(first + i) out of order or altered")
      let error = Double(realization.arrivalNanoseconds - due[i]) / 1e6
      errors.append(error)
      #expect(abs(error) <= bound, "event \(i) realized \(error) ms from its time")
    }
    #expect(pd.problems.isEmpty, "Pd reported problems: \(pd.problems)")
    return errors
  }

  @Test func bundlesAreRealizedAtTheirTimetagsInOrder() throws {
    let echo = try PdEcho(.timetagged)
    defer { echo.stop() }
    let count = 16
    let start = RealTime.nowNanoseconds() + 200_000_000
    let due = (0..<count).map { start + Int64($0) * 50_000_000 }
    // Sent all at once and latest first: only the timetags can put them back in order.
    for i in (0..<count).reversed() {
      let timetag = try #require(Timetag(unixNanoseconds: due[i]))
      try echo.sender.send(.bundle(OSCBundle(timetag: timetag, [.message(OSCMessage("/pd", Self.event(i).sent))])))
    }
    let realized = try echo.collect(count: count, untilNanoseconds: due[count - 1] + 2_000_000_000)
    let errors = Self.check(realized, due: due, pd: echo.pd)
    print("Pd [unpackOSC]→[pipelist], bundles 50 ms apart: \(ErrorStatistics(milliseconds: errors))")
  }

  @Test func bundlesSentAheadAsTalaSendsThemAreRealizedAtTheirTimetags() throws {
    let echo = try PdEcho(.timetagged)
    defer { echo.stop() }
    let count = 16
    let latency: Int64 = 100_000_000  // Tala's default
    let start = RealTime.nowNanoseconds() + 200_000_000
    let due = (0..<count).map { start + Int64($0) * 50_000_000 }
    let packets: [OSCPacket] = try (0..<count).map { i in
      let timetag = try #require(Timetag(unixNanoseconds: due[i]))
      return .bundle(OSCBundle(timetag: timetag, [.message(OSCMessage("/pd", Self.event(i).sent))]))
    }
    let sender = echo.sender
    // One bundle at a time, `latency` before its timetag, on its own thread so that reports
    // are read (and timed) as they arrive.
    let thread = Thread {
      for i in 0..<count {
        RealTime.sleep(untilNanoseconds: due[i] - latency)
        try? sender.send(packets[i])
      }
    }
    thread.start()
    let realized = try echo.collect(count: count, untilNanoseconds: due[count - 1] + 2_000_000_000)
    let errors = Self.check(realized, due: due, pd: echo.pd)
    print("Pd [unpackOSC]→[pipelist], bundles sent 100 ms ahead: \(ErrorStatistics(milliseconds: errors))")
  }

  @Test func immediateModeThroughTheVanillaChain() throws {
    let echo = try PdEcho(.vanilla)
    defer { echo.stop() }
    try Self.sendAtEventTimes(echo, label: "Pd vanilla [oscparse], sent at event time")
  }

  @Test func immediateModeThroughTheTimetaggedChain() throws {
    let echo = try PdEcho(.timetagged)
    defer { echo.stop() }
    try Self.sendAtEventTimes(echo, label: "Pd [unpackOSC]→[pipelist], sent at event time")
  }

  /// Immediate mode: each event sent at its time, alternately as a bare message and as a
  /// bundle stamped "immediately"; both must play on arrival. The bound applies from the
  /// moment each was sent (what Pd controls); the error from the due time, which adds this
  /// test's own wake-up lateness, is printed too.
  static func sendAtEventTimes(_ echo: PdEcho, label: String) throws {
    let count = 16
    let start = RealTime.nowNanoseconds() + 200_000_000
    let due = (0..<count).map { start + Int64($0) * 50_000_000 }
    let packets: [OSCPacket] = (0..<count).map { i in
      let message = OSCMessage("/pd", event(i).sent)
      return i % 2 == 0 ? .message(message) : .bundle(OSCBundle(timetag: .immediately, [.message(message)]))
    }
    let sender = echo.sender
    let log = SendLog()
    // Sending on its own thread so that reports are read (and timed) as they arrive.
    let thread = Thread {
      for i in 0..<count {
        RealTime.sleep(untilNanoseconds: due[i])
        let sent = RealTime.nowNanoseconds()
        let result = Result { () throws(NetError) in try sender.send(packets[i]) }
        if case .failure(let error) = result { log.record(sent: sent, failure: error) } else { log.record(sent: sent) }
      }
    }
    thread.start()
    let realized = try echo.collect(count: count, untilNanoseconds: due[count - 1] + 2_000_000_000)
    let (sent, failures) = log.snapshot()
    #expect(failures.isEmpty, "sending failed: \(failures)")
    guard sent.count == count else {
      Issue.record("only \(sent.count) of \(count) events were sent in time")
      return
    }
    let errors = check(realized, due: sent, pd: echo.pd)
    let endToEnd = zip(realized, due).map { Double($0.arrivalNanoseconds - $1) / 1e6 }
    print(
      "\(label): from send \(ErrorStatistics(milliseconds: errors)); from due time \(ErrorStatistics(milliseconds: endToEnd))"
    )
  }

  @Test func lateBundlesPlayAtOnceAndAreNotDropped() throws {
    let echo = try PdEcho(.timetagged)
    defer { echo.stop() }
    var errors: [Double] = []
    for i in 0..<4 {
      let sent = RealTime.nowNanoseconds()
      let timetag = try #require(Timetag(unixNanoseconds: sent - 1_000_000_000))
      try echo.sender.send(.bundle(OSCBundle(timetag: timetag, [.message(OSCMessage("/pd", Self.event(i).sent))])))
      let realized = try echo.collect(count: 1, untilNanoseconds: sent + 2_000_000_000)
      errors += Self.check(realized, due: [sent], first: i, pd: echo.pd)
    }
    print("Pd [unpackOSC]→[pipelist], bundles 1 s late, time from send: \(ErrorStatistics(milliseconds: errors))")
  }
}

/// The example patches themselves open in Pd with every object created and the sample loaded.
@Suite(.serialized) struct PdExampleTests {
  @Test(arguments: ["tala-receiver.pd", "tala-receiver-vanilla.pd"])
  func examplePatchOpensCleanly(_ name: String) throws {
    let text = try String(contentsOf: PdHarness.examples.appendingPathComponent(name), encoding: .utf8)
    // The patch as shipped, except that it listens on a free port: a test must not take 8001
    // (Pd binds with SO_REUSEADDR and would steal another receiver's datagrams).
    let listen = "netreceive -u -b 8001"
    #expect(text.components(separatedBy: listen).count == 2, "expected one [\(listen)] in \(name)")
    let port = try UDPReceiver(port: 0).localAddress.port
    let copy = text.replacingOccurrences(of: listen, with: "netreceive -u -b \(port)")
    // `pd quit` arrives after the patch has loaded and its loadbangs (sample loading) ran.
    let flags = PdHarness.defaultFlags + ["-path", PdHarness.examples.path, "-send", "pd quit"]
    let pd = try PdHarness(text: copy, flags: flags)
    defer { pd.stop() }
    pd.waitForLog(seconds: 10) { _ in false }
    #expect(!pd.isRunning, "pd did not quit within 10 s")
    #expect(pd.problems.isEmpty, "Pd reported problems opening \(name): \(pd.problems)")
  }
}

/// Send times recorded by a sending thread, read by the test thread.
final class SendLog: @unchecked Sendable {
  private let lock = NSLock()
  private var sent: [Int64] = []
  private var failures: [NetError] = []

  func record(sent time: Int64, failure: NetError? = nil) {
    lock.lock()
    defer { lock.unlock() }
    sent.append(time)
    if let failure { failures.append(failure) }
  }

  func snapshot() -> (sent: [Int64], failures: [NetError]) {
    lock.lock()
    defer { lock.unlock() }
    return (sent, failures)
  }
}
