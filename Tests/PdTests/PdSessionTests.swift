import Language
import OSC
import Scheduler
import Session
import Synchronization
import Testing

/// The "done when": a real Tala session plays `d1 $ s "tick*8"` into real Pd running
/// the example receive chain, and Pd plays every event, in order, at its timetag.
@Suite(.serialized) struct PdSessionTests {
  func play(_ chain: PdEcho.Chain, mode: String) throws -> (
    events: [PlannedEvent], realized: [Realization], session: Session
  ) {
    let echo = try PdEcho(chain)
    defer { echo.stop() }
    var options = Session.Options()
    options.targets = []
    let session = try Session(options: options) { _ in }
    let target = "pd 127.0.0.1:\(echo.pdPort) format=pd latency=0.1 mode=\(mode)"
    try #require(session.handle(":target add \(target)") == .ok("target \(target)"))
    let plan = EventRecorder()
    session.addOutput(plan)
    #expect(session.handle("setcps 1") == .ok(nil))
    #expect(session.handle("d1 $ s \"tick*8\" # n \"<0 3>\"") == .ok(nil))
    session.start()
    let realized = try echo.collect(count: 16, untilNanoseconds: RealTime.nowNanoseconds() + 10_000_000_000)
    _ = session.handle("hush")
    session.stop()
    return (plan.events, realized, session)
  }

  func check(_ events: [PlannedEvent], _ realized: [Realization], _ session: Session, label: String) throws {
    #expect(realized.count == 16)
    var errors: [Double] = []
    for (event, report) in zip(events, realized) {
      // Every event, in order, with its controls (n is 0 then 3 in alternate cycles).
      #expect(report.name == "tick")
      let n = event.controls["n"]?.numberValue ?? -1
      #expect(report.message.arguments.contains(.float32(Float(n))))
      let due = try #require(try session.scheduler.timetag(atCycle: event.onset, latencyNanoseconds: 100_000_000))
      errors.append(Double(report.arrivalNanoseconds - due.roundedUnixNanoseconds) / 1e6)
    }
    let stats = ErrorStatistics(milliseconds: errors)
    print("Pd realized a Tala session (\(label)): \(stats)")
    // Pd's own precision is about ±1–5 ms; the bounds leave room for a loaded machine.
    #expect(abs(stats.median) < 5, "\(stats)")
    #expect(stats.maxAbsolute < 100, "\(stats)")
  }

  @Test func aSessionPlaysThroughTheTimetaggedChain() throws {
    let (events, realized, session) = try play(.timetagged, mode: "bundle")
    try check(events, realized, session, label: "bundles")
  }

  @Test func immediateModeThroughTheVanillaChain() throws {
    let (events, realized, session) = try play(.vanilla, mode: "immediate")
    try check(events, realized, session, label: "immediate")
  }
}
