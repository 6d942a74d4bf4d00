import Net
import OSC
import Receiver
import System
import Testing

/// `tala listen` under a flood, on a manual clock over real loopback UDP: the queue stays within
/// its limit, drops are counted and reported, and a steady stream sent beside the flood is
/// dispatched whole and on time. Bounded: a fixed number of datagrams, sent in rounds small
/// enough for the socket buffer, each drained before the next.
@Suite struct FloodTests {
  final class Lines: @unchecked Sendable {
    var output: [String] = []
    var reports: [String] = []
  }

  @Test func aFloodStaysBoundedAndASteadyStreamIsAllDispatched() throws {
    let clock = ManualClock()
    var c = ReceiverConfiguration()
    c.port = 0
    c.printMessages = true
    c.maxQueued = 100
    c.maxAhead = 10
    let lines = Lines()
    let receiver = try Receiver(
      configuration: c, audio: nil, clock: clock, output: { lines.output.append($0) },
      report: { lines.reports.append($0) })
    let sender = try UDPSender(host: "127.0.0.1", port: receiver.localAddress.port)
    let start = clock.realtimeNanoseconds()
    // Within the limit (5 s ahead, filling the queue) and beyond it (an hour ahead).
    let near = try OSCPacket.bundle(
      OSCBundle(
        timetag: Timetag(unixNanoseconds: start + 5_000_000_000)!, [.message(OSCMessage("/py", [.string("flood")]))])
    ).encoded()
    let far = try OSCPacket.bundle(
      OSCBundle(
        timetag: Timetag(unixNanoseconds: start + 3_600_000_000_000)!, [.message(OSCMessage("/py", [.string("far")]))])
    ).encoded()
    let rounds = 40
    for round in 0..<rounds {
      for _ in 0..<25 {
        try sender.send(near)
        try sender.send(far)
      }
      // The steady stream: one bundle a round, 10 ms apart, due before the flood.
      let due = Timetag(unixNanoseconds: start + Int64(round + 1) * 10_000_000)!
      try sender.send(bundle(due, "/py", [.string("steady")]))
      try receiveAll(51, receiver)
      #expect(receiver.statistics.pending <= 100)
    }
    var s = receiver.statistics
    #expect(s.packets == rounds * 51 && s.malformed == 0)
    #expect(s.droppedTooFarAhead == rounds * 25)
    // The queue holds the 40 steady messages and 60 of the flood; the rest was dropped.
    #expect(s.pending == 100)
    #expect(s.droppedQueueFull == rounds * 25 - 60)
    #expect(s.kernelDropped == 0)

    // The steady stream plays at its timetags, all of it; none of the flood is due yet.
    for _ in 0..<rounds {
      clock.advance(nanoseconds: 10_000_000)
      receiver.dispatchDue()
    }
    let steady = lines.output.filter { $0.hasSuffix("/py steady") }
    #expect(steady.count == rounds)
    #expect(steady.allSatisfy { $0.contains(" late +0.000 ms ") }, "\(steady)")
    #expect(lines.output.count == rounds)

    // Drops are reported once a second has passed, in one line.
    #expect(!lines.reports.contains { $0.contains("dropped") })
    clock.advance(nanoseconds: 1_000_000_000)
    receiver.dispatchDue()
    let drops = lines.reports.filter { $0.contains("dropped") }
    #expect(
      drops == [
        "tala listen: dropped \(rounds * 25 - 60) messages with the queue full, \(rounds * 25) messages stamped too far ahead"
      ])
    clock.advance(nanoseconds: 1_000_000_000)
    receiver.dispatchDue()
    #expect(lines.reports.filter { $0.contains("dropped") }.count == 1, "nothing new, nothing said")
    s = receiver.statistics
    #expect(s.dispatched == rounds && s.pending == 60)
  }
}
