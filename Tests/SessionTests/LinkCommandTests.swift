import Scheduler
import Session
import System
import Testing
import Time

/// `:link` without the network: these sessions run on a manual clock, which Link cannot follow,
/// so `:link on` is refused and nothing joins a Link session (the namespace tests in
/// TalaCLITests enable it).
@Suite struct LinkCommandTests {
  func session(beatsPerCycle: Int = 4) throws -> Session {
    var options = Session.Options()
    options.targets = []
    options.beatsPerCycle = beatsPerCycle
    return try Session(options: options, clock: ManualClock()) { _ in }
  }

  @Test func linkIsOffByDefaultAndItsStatusSaysSo() throws {
    let s = try session()
    #expect(s.handle(":link") == .ok("link off (quantum 4, 4 beats per cycle)"))
  }

  @Test func aManualClockCannotFollowLink() throws {
    let s = try session()
    guard case .error(let message) = s.handle(":link on") else {
      Issue.record("expected an error")
      return
    }
    #expect(message.contains("manual clock"))
    #expect(s.handle(":link off") == .ok("link is off"))
    guard case .error = s.handle(":link startstop on") else {
      Issue.record("startstop needs link on")
      return
    }
  }

  @Test func quantumAndBeatsPerCycleSetTheGridAndTheBPMReading() throws {
    let s = try session(beatsPerCycle: 3)
    #expect(s.scheduler.sharedTimelineStatus.grid == BeatGrid(beatsPerCycle: 3, quantum: 3))
    #expect(s.handle(":link quantum 8") == .ok("link quantum 8"))
    #expect(s.handle(":link bpc 6") == .ok("6 beats per cycle"))
    #expect(s.scheduler.sharedTimelineStatus.grid == BeatGrid(beatsPerCycle: 6, quantum: 8))
    // setbpm and :cps read beats per cycle: 90 bpm at 6 beats per cycle is 1/4 cps.
    #expect(s.handle("setbpm 90") == .ok(nil))
    s.scheduler.tick()
    #expect(s.scheduler.status.cps == (try Rational(1, 4)))
    #expect(s.handle(":cps") == .ok("1/4 cps (0.25 cps, 90 bpm at 6 beats per cycle)"))
  }

  @Test func badArgumentsAreRefusedWithTheUsage() throws {
    let s = try session()
    for bad in [":link quantum 0", ":link quantum x", ":link bpc 2.5", ":link bpc 0", ":link sideways"] {
      guard case .error(let message) = s.handle(bad) else {
        Issue.record("\(bad) was accepted")
        continue
      }
      #expect(message.hasPrefix("usage: :link"), "\(bad): \(message)")
    }
  }
}
