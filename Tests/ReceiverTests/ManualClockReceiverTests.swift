import Net
import OSC
import Receiver
import System
import Testing

/// `tala listen` on a manual clock: bundles arrive over real UDP loopback, the test moves the
/// clock, and each message is dispatched exactly when the clock reaches its timetag. Nothing
/// sleeps; the only waits are for datagrams already sent.
@Suite struct ManualClockReceiverTests {
  final class Lines: @unchecked Sendable {
    var output: [String] = []
    var reports: [String] = []
  }

  @Test func dispatchHappensAtTheTimetags() throws {
    let clock = ManualClock()
    var c = ReceiverConfiguration()
    c.port = 0
    c.printMessages = true
    let lines = Lines()
    var logged: [String] = []
    let receiver = try Receiver(
      configuration: c, audio: nil, clock: clock, output: { lines.output.append($0) },
      report: { lines.reports.append($0) }, log: { logged.append($0) })
    let sender = try UDPSender(host: "127.0.0.1", port: receiver.localAddress.port)
    let now = clock.realtimeNanoseconds()
    let a = Timetag(unixNanoseconds: now + 100_000_000)!
    let b = Timetag(unixNanoseconds: now + 250_000_000)!
    let past = Timetag(unixNanoseconds: now - 10_000_000)!
    try sender.send(bundle(b, "/py", [.string("b")]))
    try sender.send(bundle(a, "/py", [.string("a")]))
    try sender.send(.message(OSCMessage("/py", [.string("now")])))
    try sender.send(bundle(past, "/py", [.string("past")]))
    try receiveAll(4, receiver)

    // On arrival: the untimed message at once; the late one (10 ms, within the standard
    // policy) at the next dispatch; the future ones wait.
    receiver.dispatchDue()
    #expect(lines.output == ["immediately /py now", "\(past.utcString) late +10.000 ms /py past"])
    #expect(receiver.statistics.pending == 2)

    clock.advance(nanoseconds: 99_999_999)
    receiver.dispatchDue()
    #expect(lines.output.count == 2, "one nanosecond before a's timetag nothing more is due")
    clock.advance(nanoseconds: 1)
    receiver.dispatchDue()
    #expect(lines.output.last == "\(a.utcString) late +0.000 ms /py a")
    clock.advance(nanoseconds: 149_999_999)
    receiver.dispatchDue()
    #expect(lines.output.count == 3)
    clock.advance(nanoseconds: 1)
    receiver.dispatchDue()
    #expect(lines.output.last == "\(b.utcString) late +0.000 ms /py b")

    let s = receiver.statistics
    #expect(s.packets == 4 && s.messages == 4 && s.dispatched == 4 && s.late == 1 && s.pending == 0)
    #expect(s.lateness == [10_000_000, 0, 0])
    // The log's dispatch time is the manual clock's wall time: exactly each timetag.
    #expect(logged.count == 4)
    #expect(logged.last?.hasPrefix("{\"dispatched\":\(b.roundedUnixNanoseconds),") == true, "\(logged)")
    #expect(lines.reports.contains { $0.contains("/py arrived +10.000 ms late, played now") }, "\(lines.reports)")
  }
}
