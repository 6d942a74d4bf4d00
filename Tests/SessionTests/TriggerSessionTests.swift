import Controls
import Scheduler
import Session
import System
import Testing
import Time

/// `qtrigger` through a real session: the session tells the pattern the cycle at which `d1 $ …`
/// set it, and the trigger starts the pattern at the next cycle boundary.
@Suite struct TriggerSessionTests {
  /// Names played from cycle 2 on, after `statement` was run at cycle 3/2 (1 cps, manual clock).
  func playedFromCycleTwo(_ statement: String) throws -> [String] {
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
    for _ in 0..<150 {
      session.scheduler.tick()
      clock.advance(nanoseconds: 10_000_000)
    }
    #expect(session.handle(statement) == .ok(nil))
    for _ in 0..<200 {
      session.scheduler.tick()
      clock.advance(nanoseconds: 10_000_000)
    }
    return recorder.events.filter { $0.onset >= Rational(2) && $0.onset < Rational(4) }
      .sorted { $0.onset < $1.onset }
      .map { e in if case .string(let name) = e.controls["s"] { name } else { "?" } }
  }

  @Test func qtriggerStartsThePatternAtTheNextCycle() throws {
    // Set at 3/2: cycle 2 plays the pattern's cycle 0.
    #expect(try playedFromCycleTwo(#"d1 $ qtrigger $ s "<a b c>""#) == ["a", "b"])
  }

  @Test func withoutATriggerThePatternKeepsTheGlobalCycle() throws {
    #expect(try playedFromCycleTwo(#"d1 $ s "<a b c>""#) == ["c", "a"])
  }
}
