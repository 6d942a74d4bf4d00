import Controls
import Language
import OSC
import Pattern
import Scheduler
import Synchronization
import System
import Testing
import Time

/// An output that keeps what it is given.
final class Recorder: Output {
  let name: String
  let latencyNanoseconds: Int64
  let mode: StampMode
  private let store = Mutex<[Delivery]>([])

  init(_ name: String = "rec", latency: Int64 = 100_000_000, mode: StampMode = .bundle) {
    self.name = name
    latencyNanoseconds = latency
    self.mode = mode
  }

  func deliver(_ deliveries: [Delivery]) throws { store.withLock { $0 += deliveries } }
  var deliveries: [Delivery] { store.withLock { $0 } }
}

func r(_ n: Int64, _ d: Int64 = 1) -> Rational { try! Rational(n, d) }

func controls(_ source: String) throws -> Pattern<ControlMap> {
  guard
    case .assign(_, let p) = try {
      var i = Interpreter(); return try i.run("d1 $ " + source)
    }()
  else {
    throw SessionTestError.notAPattern
  }
  return p
}

enum SessionTestError: Error { case notAPattern }

/// The timetag of `origin + seconds`, computed independently of `ExactSeconds`: one rational
/// in units of 2^-32 s over the whole Unix time, rounded half up.
func expectedTimetag(unixNanoseconds origin: Int64, plus seconds: Rational) -> UInt64 {
  // total = origin/1e9 + n/d seconds; units = total * 2^32
  let n = Int128(seconds.numerator)
  let d = Int128(seconds.denominator)
  let num = (Int128(origin) * d + n * 1_000_000_000) << 32
  let den = d * 1_000_000_000
  let units = (2 * num + den) / (2 * den)
  return UInt64(units + (Int128(2_208_988_800) << 32))
}

/// Runs frames of `frame` ns (with a deterministic wobble, as a real thread wakes late) until
/// the clock has advanced `total` ns.
func play(_ s: Scheduler, _ clock: ManualClock, frames: Int, frame: Int64 = 10_000_000, wobble: Bool = true) {
  for i in 0..<frames {
    clock.advance(nanoseconds: frame + (wobble ? Int64((i * 7919) % 23) * 100_000 - 1_100_000 : 0))
    s.tick()
  }
}

@Suite struct SchedulerTests {
  let origin: Int64 = 1_000_000_000

  func make(_ clock: ManualClock, cps: Rational = r(9, 16)) -> Scheduler {
    var c = SchedulerConfiguration()
    c.cps = cps
    return Scheduler(configuration: c, clock: clock)
  }

  /// The onsets a direct query of `[from, to)` gives, in time order.
  func onsets(_ p: Pattern<ControlMap>, _ from: Rational, _ to: Rational) throws -> [Rational] {
    try p.query(from, to).filter(\.hasOnset).map { $0.whole!.begin }.sorted()
  }

  @Test func framesTileTheTimelineAndStampTheExactGrid() throws {
    let clock = ManualClock()
    let s = make(clock)
    let rec = Recorder()
    s.addOutput(rec)
    let p = try controls("s \"bd*3 [sn cp]*2 hh(5,8)\"")
    s.setPattern(p, slot: "1")
    play(s, clock, frames: 2000)
    let got = rec.deliveries
    #expect(got.count > 100)
    let expected = try onsets(p, got.first!.event.onset, got.last!.event.onset + r(1, 1_000_000))
    #expect(got.map(\.event.onset) == expected)
    // Exact timetags: cycle c sounds at origin + c / cps + latency.
    let wall = clock.realtimeNanoseconds() - clock.monotonicNanoseconds()
    for d in got {
      let seconds = try d.event.onset / r(9, 16)
      #expect(
        d.timetag.rawValue == expectedTimetag(unixNanoseconds: s.originMonotonic + wall + 100_000_000, plus: seconds))
    }
  }

  /// Tidal's stateful helpers are worked out as events play, in playing order, with one
  /// store for every slot: `nCount` counts across cycles and slots, `sTake` takes in turn.
  @Test func statefulControlsResolveInPlayingOrderAcrossSlots() throws {
    let clock = ManualClock()
    let s = make(clock, cps: 1)
    let rec = Recorder()
    s.addOutput(rec)
    s.setPattern(try controls("s \"x*2\" # nCount \"c\" # sTake \"t\" [\"bd\", \"sn\", \"hh\"]"), slot: "1")
    s.setPattern(try controls("s \"y\" # nCountTo \"c\" 100"), slot: "2")
    play(s, clock, frames: 600, wobble: false)
    let got = rec.deliveries.prefix(9)
    #expect(got.count == 9)
    // Per cycle: slot 1 at 0 and 1/2, slot 2 at 0 (slot 1 first at equal times).
    #expect(got.map { $0.event.controls["n"]?.getF } == [0, 1, 2, 3, 4, 5, 6, 7, 8])
    let slot1 = got.filter { $0.event.slot == "1" }.map { $0.event.controls["s"]?.getS }
    #expect(slot1 == ["bd", "sn", "hh", "bd", "sn", "hh"])
  }

  @Test func tempoChangeKeepsEveryOnsetOnceAndTheMapContinuous() throws {
    let clock = ManualClock()
    let s = make(clock)
    let rec = Recorder()
    s.addOutput(rec)
    let p = try controls("s \"bd*8\"")
    s.setPattern(p, slot: "1")
    play(s, clock, frames: 333)
    let change1 = s.status.planned!
    try s.setCPS(r(7, 10))
    play(s, clock, frames: 500)
    let change2 = s.status.planned!
    try s.setCPS(r(3, 2))
    play(s, clock, frames: 500)
    let got = rec.deliveries.map(\.event)
    let expected = try onsets(p, got.first!.onset, got.last!.onset + r(1, 16))
    #expect(got.map(\.onset) == expected)
    #expect(Set(got.map(\.cps)) == [r(9, 16), r(7, 10), r(3, 2)])
    // The map, written out by hand: cycle 0 at time 0, then two changes at frame boundaries.
    func time(_ c: Rational) throws -> Rational {
      if c <= change1 { return try c / r(9, 16) }
      let t1 = try change1 / r(9, 16)
      if c <= change2 { return try t1 + (try (c - change1) / r(7, 10)) }
      let t2 = try t1 + (try (change2 - change1) / r(7, 10))
      return try t2 + (try (c - change2) / r(3, 2))
    }
    for e in got {
      #expect(try ExactSecondsReference.rational(e.time) == (try time(e.onset)))
    }
  }

  @Test func patternedTempoStaysOnTheExactPiecewiseGridFromCycle100000() throws {
    let clock = ManualClock()
    let s = make(clock)
    let rec = Recorder(latency: 0)
    s.addOutput(rec)
    try s.setCycle(100_000)
    s.setPattern(try controls("s \"bd*3\" # cps \"<0.7 1.1>\""), slot: "1")
    play(s, clock, frames: 1500)
    let got = rec.deliveries
    #expect(got.count > 20)
    // Walk the grid by hand: cycle n plays at cps 0.7 when n is even, 1.1 when odd; each
    // cycle's first onset carries the change.
    let start = got.first!.event.onset
    #expect(start.isInteger)
    var cycleTime = got.first!.event.time
    var i = 0
    var n = start
    while i < got.count {
      let cps = n.numerator % 2 == 0 ? r(7, 10) : r(11, 10)
      for k in 0..<3 where i < got.count {
        let onset = try n + r(Int64(k), 3)
        #expect(got[i].event.onset == onset)
        let expected = try cycleTime.adding(try r(Int64(k), 3) / cps)
        #expect(got[i].event.time == expected)
        #expect(got[i].event.cps == cps)
        i += 1
      }
      cycleTime = try cycleTime.adding(try .one / cps)
      n = try n + .one
    }
    // And the timetags are those exact times, rounded once.
    let wall = clock.realtimeNanoseconds() - clock.monotonicNanoseconds()
    let t0 = got.first!.event.time
    for d in got {
      let offset = try d.event.time.difference(t0)
      let base = try ExactSecondsReference.rational(t0)
      #expect(d.timetag.rawValue == expectedTimetag(unixNanoseconds: s.originMonotonic + wall, plus: try base + offset))
    }
  }

  @Test func hotSwapTakesEffectAtTheNextFrameWithoutLossOrDoubling() throws {
    let clock = ManualClock()
    let s = make(clock)
    let rec = Recorder()
    s.addOutput(rec)
    let a = try controls("s \"a*16\"")
    let b = try controls("s \"b*16\"")
    s.setPattern(a, slot: "1")
    play(s, clock, frames: 300)
    let boundary = s.status.planned!
    s.setPattern(b, slot: "1")
    play(s, clock, frames: 300)
    let got = rec.deliveries.map(\.event)
    let before = got.filter { $0.onset < boundary }
    let after = got.filter { $0.onset >= boundary }
    #expect(before.allSatisfy { $0.controls["s"] == .string("a") })
    #expect(after.allSatisfy { $0.controls["s"] == .string("b") })
    #expect(got.map(\.onset) == (try onsets(a, got.first!.onset, got.last!.onset + r(1, 32))))
  }

  @Test func aFailingPatternRollsBackAndOtherSlotsPlayOn() throws {
    let clock = ManualClock()
    let messages = Mutex<[SchedulerMessage]>([])
    let s = Scheduler(configuration: SchedulerConfiguration(), clock: clock) { m in messages.withLock { $0.append(m) } }
    let rec = Recorder()
    s.addOutput(rec)
    let good = try controls("s \"good*4\"")
    let other = try controls("s \"other*2\"")
    // Fails from cycle 1 on (as a pattern that grows too dense would).
    let bad = Pattern<ControlMap> { st, out in
      if st.arc.end > .one { throw PatternError.invalidArgument("boom") }
      try good.queryInto(st, &out)
    }
    s.setPattern(good, slot: "1")
    s.setPattern(other, slot: "2")
    s.setPattern(bad, slot: "1")
    play(s, clock, frames: 400)
    let got = rec.deliveries.map(\.event)
    #expect(messages.withLock { $0 }.contains { if case .rolledBack("1", _) = $0 { true } else { false } })
    let slot1 = got.filter { $0.slot == "1" }.map(\.onset)
    let slot2 = got.filter { $0.slot == "2" }.map(\.onset)
    #expect(slot1 == (try onsets(good, slot1.first!, slot1.last! + r(1, 8))))
    #expect(slot2 == (try onsets(other, slot2.first!, slot2.last! + r(1, 4))))
  }

  @Test func aStallIsReportedDropsStaleEventsAndResumesOnTheGrid() throws {
    let clock = ManualClock()
    let messages = Mutex<[SchedulerMessage]>([])
    let s = Scheduler(configuration: SchedulerConfiguration(), clock: clock) { m in messages.withLock { $0.append(m) } }
    let rec = Recorder(latency: 100_000_000)
    s.addOutput(rec)
    let p = try controls("s \"x*16\"")
    s.setPattern(p, slot: "1")
    play(s, clock, frames: 100)
    let before = rec.deliveries.count
    clock.advance(nanoseconds: 2_000_000_000)  // kill -STOP for two seconds
    s.tick()
    play(s, clock, frames: 200)
    let status = s.status.outputs[0].stats
    #expect(status.dropped > 0)
    #expect(status.late > 0)
    #expect(status.maxLateness <= SchedulerConfiguration().staleNanoseconds)
    #expect(messages.withLock { $0 }.contains { if case .dropped("rec", _) = $0 { true } else { false } })
    #expect(messages.withLock { $0 }.contains { if case .late("rec", _, _) = $0 { true } else { false } })
    // Everything is either sent or counted as dropped, once, and still on the exact grid.
    let got = rec.deliveries
    #expect(got.count > before)
    let all = try onsets(p, got.first!.event.onset, got.last!.event.onset + r(1, 32))
    #expect(got.count + status.dropped == all.count)
    let wall = clock.realtimeNanoseconds() - clock.monotonicNanoseconds()
    for d in got {
      #expect(
        d.timetag.rawValue
          == expectedTimetag(
            unixNanoseconds: s.originMonotonic + wall + 100_000_000, plus: try d.event.onset / r(9, 16)))
    }
  }

  @Test func immediateModeSendsAtTheEventTimeStampedImmediately() throws {
    let clock = ManualClock()
    let s = make(clock)
    let rec = Recorder("now", latency: 20_000_000, mode: .immediate)
    s.addOutput(rec)
    s.setPattern(try controls("s \"x*4\""), slot: "1")
    var sentAt: [(Int64, Int)] = []
    for _ in 0..<2000 {
      clock.advance(nanoseconds: 1_000_000)
      s.tick()
      sentAt.append((clock.monotonicNanoseconds(), rec.deliveries.count))
    }
    let got = rec.deliveries
    #expect(got.count >= 4)
    #expect(got.allSatisfy { $0.timetag == .immediately })
    // Each delivery appeared within the millisecond after its due time (event time + latency).
    for (i, d) in got.enumerated() {
      let due = s.originMonotonic + d.event.time.roundedNanoseconds + 20_000_000
      let firstSeen = sentAt.first { $0.1 > i }!.0
      #expect(firstSeen >= due && firstSeen < due + 1_000_000)
    }
  }

  @Test func soloMuteOnceAndSetCycle() throws {
    let clock = ManualClock()
    let s = make(clock)
    let rec = Recorder()
    s.addOutput(rec)
    s.setPattern(try controls("s \"a*4\""), slot: "1")
    s.setPattern(try controls("s \"b*4\""), slot: "2")
    s.setMuted(true, slot: "2")
    play(s, clock, frames: 200)
    #expect(Set(rec.deliveries.map { $0.event.controls["s"] }) == [.string("a")])
    s.setMuted(false, slot: "2")
    s.setSoloed(true, slot: "2")
    let soloFrom = rec.deliveries.count
    play(s, clock, frames: 200)
    #expect(Set(rec.deliveries[soloFrom...].map { $0.event.controls["s"] }) == [.string("b")])
    s.setSoloed(false, slot: "2")
    s.hush()
    let onceFrom = rec.deliveries.count
    s.once(try controls("s \"c*3\""))
    play(s, clock, frames: 800)
    #expect(rec.deliveries[onceFrom...].map { $0.event.controls["s"] } == Array(repeating: .string("c"), count: 3))
    try s.setCycle(42)
    s.setPattern(try controls("s \"d\""), slot: "1")
    play(s, clock, frames: 400)
    let after = rec.deliveries.filter { $0.event.controls["s"] == .string("d") }.map(\.event.onset)
    #expect(after.count >= 2)
    #expect(after == (0..<Int64(after.count)).map { Rational(42 + $0) })
  }
}

enum ExactSecondsReference {
  static func rational(_ t: ExactSeconds) throws -> Rational { try Rational(t.whole) + t.fraction }
}

extension ExactSeconds {
  func difference(_ other: ExactSeconds) throws -> Rational {
    try (try Rational(whole - other.whole) + fraction) - other.fraction
  }
}
