import Link
import System
import Testing

/// The C wrapper around Link, without the network: a Link instance that is never enabled
/// sends and receives nothing, so these run anywhere (tests that enable Link run in network
/// namespaces: Tests/TalaCLITests/LinkTests.swift).
@Suite struct AbletonLinkTests {
  @Test func startsDisabledAloneAtItsTempo() throws {
    let link = try #require(AbletonLink(bpm: 135) { _ in })
    #expect(!link.isEnabled)
    #expect(link.peers == 0)
    #expect(!link.isStartStopSyncEnabled)
    #expect(link.read { $0.tempo } == 135)
  }

  @Test func linksClockIsTheMonotonicClockInMicroseconds() throws {
    let link = try #require(AbletonLink(bpm: 120) { _ in })
    let clock = SystemClock()
    let before = clock.monotonicNanoseconds() / 1000
    let micros = link.clockMicros
    let after = clock.monotonicNanoseconds() / 1000
    #expect(before <= micros && micros <= after)
    #expect(AbletonLink.canFollow(clock))
    #expect(!AbletonLink.canFollow(ManualClock()))
  }

  @Test func aTempoChangeKeepsTheBeatAtItsInstantAndBeatsMapBackToTimes() throws {
    let link = try #require(AbletonLink(bpm: 120) { _ in })
    let at = link.clockMicros + 500_000
    let beatBefore = link.read { $0.beat(atMicros: at, quantum: 4) }
    link.change { $0.setTempo(168, atMicros: at) }
    link.read { s in
      #expect(s.tempo == 168)
      #expect(abs(s.beat(atMicros: at, quantum: 4) - beatBefore) < 1e-5)
      // One second later: 168 / 60 beats further.
      #expect(abs(s.beat(atMicros: at + 1_000_000, quantum: 4) - beatBefore - 2.8) < 1e-5)
      let beat = s.beat(atMicros: at + 250_000, quantum: 4)
      #expect(abs(s.micros(atBeat: beat, quantum: 4) - (at + 250_000)) <= 1)
      #expect(abs(s.phase(atMicros: at, quantum: 4) - beatBefore.truncatingRemainder(dividingBy: 4)) < 1e-5)
    }
  }

  @Test func theTransportIsLocalUntilShared() throws {
    let link = try #require(AbletonLink(bpm: 120) { _ in })
    #expect(!link.read { $0.isPlaying })
    let now = link.clockMicros
    link.change { $0.setPlaying(true, atMicros: now) }
    link.read { s in
      #expect(s.isPlaying)
      #expect(s.transportMicros == now)
    }
  }
}
