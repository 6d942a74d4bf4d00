import ClockSync
import Foundation
import Net
import OSC
import Scheduler
import Session
import Synchronization
import System
import Testing

/// A peer whose clock runs `offset` ahead of ours: answers `/clock/ping` and keeps the
/// timetags of the bundles it receives.
final class SkewedPeer: Sendable {
  let receiver: UDPReceiver
  let offset: Int64
  let bundles = Mutex<[Timetag]>([])
  let running = Atomic<Bool>(true)
  let done = Atomic<Bool>(false)

  init(offset: Int64) throws {
    self.offset = offset
    receiver = try UDPReceiver(host: "127.0.0.1", port: 0)
    Thread.detachNewThread { [self] in
      let clock = SystemClock()
      for _ in 0..<100_000 where running.load(ordering: .relaxed) {
        guard let d = try? receiver.receive(timeoutMilliseconds: 20) else { continue }
        let t2 = (d.kernelTimestamp ?? clock.realtimeNanoseconds()) + offset
        switch try? OSCDecoder().decode(d.bytes) {
        case .message(let m)?:
          if let pong = SyncProtocol.pong(
            to: OSCMessage(m), receivedAt: t2, sendingAt: clock.realtimeNanoseconds() + offset),
            let bytes = try? OSCPacket.message(pong).encoded()
          {
            try? receiver.send(bytes, to: d.source)
          }
        case .bundle(let b)?: bundles.withLock { $0.append(b.timetag) }
        case nil: break
        }
      }
      done.store(true, ordering: .relaxed)
    }
  }

  func stop() {
    running.store(false, ordering: .relaxed)
    for _ in 0..<100 where !done.load(ordering: .relaxed) { usleep(10_000) }
  }
}

@Suite(.serialized) struct ClockSyncLoopbackTests {
  func waitUntil(seconds: Double, _ condition: () -> Bool) {
    let end = Date().addingTimeInterval(seconds)
    while !condition() && Date() < end { usleep(10_000) }
  }

  @Test func theClientMeasuresThePeersOffsetWithinItsBound() throws {
    let peer = try SkewedPeer(offset: 7_000_000)
    defer { peer.stop() }
    let client = try ClockSyncClient(peer: peer.receiver.localAddress)
    client.start()
    waitUntil(seconds: 10) { (client.estimate?.samples ?? 0) >= 8 }
    client.stop()
    let e = try #require(client.estimate)
    #expect(e.samples >= 8)
    #expect(abs(e.offset - 7_000_000) <= e.errorBound + 1, "offset \(e.offset) ± \(e.errorBound)")
    #expect(e.roundTrip < 50_000_000)
  }

  @Test func aSyncedTargetStampsInThePeersClock() throws {
    let peer = try SkewedPeer(offset: 30_000_000)
    defer { peer.stop() }
    var o = Session.Options()
    o.targets = []
    let session = try Session(options: o) { _ in }
    let port = peer.receiver.localAddress.port
    try #require(
      session.handle(":target add far 127.0.0.1:\(port) sync=on latency=0.1")
        == .ok("target far 127.0.0.1:\(port) format=pd latency=0.1 mode=bundle sync=on"))
    let plan = EventRecorder()
    session.addOutput(plan)
    let target = try #require(session.syncClient(named: "far"))
    waitUntil(seconds: 10) { (target.estimate?.samples ?? 0) >= 5 }
    // Events are stamped with the estimate of their moment; its bound only narrows as samples
    // come, so the widest bound of the run is the one before playing.
    let startBound = try #require(target.estimate).errorBound
    #expect(session.handle("setcps 4") == .ok(nil))
    #expect(session.handle("d1 $ s \"x*2\"") == .ok(nil))
    session.start()
    waitUntil(seconds: 10) { peer.bundles.withLock { $0.count } >= 6 }
    session.stop()
    let tags = peer.bundles.withLock { $0 }
    let events = plan.events
    #expect(tags.count >= 6 && events.count >= tags.count)
    let e = try #require(target.estimate)
    let bound = max(startBound, e.errorBound)
    // Each timetag is the event's exact time in our clock, plus latency, plus the measured
    // offset (within its error bound of the true 30 ms).
    for (tag, event) in zip(tags, events) {
      let ours = try #require(try session.scheduler.timetag(atCycle: event.onset, latencyNanoseconds: 130_000_000))
      let error = tag.nanoseconds(since: ours)
      #expect(abs(error) <= bound + 1, "\(error) ns off, bound \(bound)")
    }
  }

  @Test func autoLatencyComesFromTheMeasuredPath() throws {
    let peer = try SkewedPeer(offset: 0)
    defer { peer.stop() }
    let messages = Mutex<[String]>([])
    var o = Session.Options()
    o.targets = []
    let session = try Session(options: o) { m in messages.withLock { $0.append(m) } }
    let port = peer.receiver.localAddress.port
    try #require(
      session.handle(":target add auto 127.0.0.1:\(port) latency=auto")
        == .ok("target auto 127.0.0.1:\(port) format=pd latency=auto mode=bundle"))
    waitUntil(seconds: 10) { messages.withLock { $0 }.contains { $0.hasPrefix("target auto: latency ") } }
    let message = try #require(messages.withLock { $0 }.first { $0.hasPrefix("target auto: latency ") })
    #expect(message.contains("frame 10.000 ms + send lateness"))
    let latency = try #require(session.scheduler.status.outputs.first { $0.name == "auto" }).latencyNanoseconds
    // At least the frame plus its 25% margin; on loopback, far below the default 0.1 s.
    #expect(latency >= 12_500_000 && latency < 100_000_000, "\(latency)")
    #expect(session.targets[0].description.contains("latency=auto"))
  }
}
