import Controls
import Scheduler
import Session
import System
import Testing
import Time

/// Transitions played through a real session: the slot's history is what `d1 $ …`, `hush` and
/// earlier transitions left, and the cycle a transition starts at is the scheduler's.
@Suite struct TransitionSessionTests {
  /// A session on a manual clock at 1 cps, recording what it plans; `play` runs statements at
  /// cycle 0, then the scheduler plays `cycles` cycles; the result is (onset, s, pan) per event.
  func played(_ statements: [String], cycles: Int) throws -> [(Rational, String, Double?)] {
    let clock = ManualClock()
    let session = try Session(
      options: {
        var o = Session.Options()
        o.targets = []
        return o
      }(), clock: clock
    ) { _ in }
    let recorder = EventRecorder()
    session.scheduler.addOutput(recorder)
    #expect(session.handle("setcps 1") == .ok(nil))
    for s in statements { #expect(session.handle(s) == .ok(nil), "\(s)") }
    for _ in 0..<(cycles * 100) {
      session.scheduler.tick()
      clock.advance(nanoseconds: 10_000_000)
    }
    return recorder.events.filter { $0.onset < Rational(Int64(cycles)) }.sorted { $0.onset < $1.onset }.map { e in
      let s: String = if case .string(let name) = e.controls["s"] { name } else { "?" }
      let pan: Double? = if case .float(let x) = e.controls["pan"] { x } else { nil }
      return (e.onset, s, pan)
    }
  }

  @Test func jumpInSwitchesFromThePlayingPatternAfterItsCycles() throws {
    let events = try played(["d1 $ s \"bd*2\"", "jumpIn 1 2 $ s \"hh\""], cycles: 4)
    #expect(events.map(\.1) == ["bd", "bd", "bd", "bd", "hh", "hh"])
    let onsets = [Rational(0), try Rational(1, 2), Rational(1), try Rational(3, 2), Rational(2), Rational(3)]
    #expect(events.map(\.0) == onsets)
  }

  @Test func histpanPlaysTheSlotsHistory() throws {
    // History after these: [cp, hh, silence (hush), bd].
    let events = try played(
      ["d1 $ s \"bd\"", "hush", "d1 $ s \"hh\"", "histpan 1 4 $ s \"cp\""], cycles: 1)
    let byName = Dictionary(uniqueKeysWithValues: events.map { ($0.1, $0.2) })
    #expect(byName == ["cp": 0, "hh": 0.25, "bd": 0.75])
  }

  @Test func aTransitionOnANewSlotStartsFromSilence() throws {
    let events = try played(["jumpIn 3 1 $ s \"hh\""], cycles: 2)
    #expect(events.map(\.1) == ["hh"])
    #expect(events.first?.0 == Rational(1))
  }
}
