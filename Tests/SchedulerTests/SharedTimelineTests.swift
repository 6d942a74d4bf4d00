import Controls
import OSC
import Scheduler
import Synchronization
import System
import Testing
import Time

/// A stand-in for Ableton Link on a manual clock: one straight beat line that `publish` turns
/// at the given instant (keeping the beat there), as Link's `setTempo` does.
final class SharedLine: SharedTimeline {
  struct Line {
    var atMonotonic: Int64
    var beat: Double
    var bpm: Double
  }
  let clock: ManualClock
  let line: Mutex<Line>
  /// What was announced, with the beat the line had there.
  let published = Mutex<[(bpm: Double, atMonotonic: Int64, beat: Double)]>([])

  init(clock: ManualClock, beat: Double, bpm: Double) {
    self.clock = clock
    line = Mutex(Line(atMonotonic: clock.monotonicNanoseconds(), beat: beat, bpm: bpm))
  }

  func beat(atMonotonic t: Int64) -> Double {
    line.withLock { $0.beat + Double(t - $0.atMonotonic) / 1e9 * $0.bpm / 60 }
  }

  /// A peer's change, heard now: the line turns at `atMonotonic`.
  func change(bpm: Double, atMonotonic t: Int64) {
    let b = beat(atMonotonic: t)
    line.withLock { $0 = Line(atMonotonic: t, beat: b, bpm: bpm) }
  }

  func read(quantum: Double, origin: Int64) -> SharedReading? {
    let now = clock.monotonicNanoseconds()
    return SharedReading(
      beat: SharedBeat(nanoseconds: now - origin, beat: beat(atMonotonic: now), bpm: line.withLock { $0.bpm }))
  }

  func publish(bpm: Double, atMonotonic: Int64) {
    let beat = beat(atMonotonic: atMonotonic)
    published.withLock { $0.append((bpm, atMonotonic, beat)) }
    change(bpm: bpm, atMonotonic: atMonotonic)
  }
}

@Suite struct SharedTimelineTests {
  func peer(_ clock: ManualClock, _ shared: SharedLine, cps: Rational) throws -> (Scheduler, Recorder) {
    var c = SchedulerConfiguration()
    c.cps = cps
    let s = Scheduler(configuration: c, clock: clock)
    let rec = Recorder(latency: 100_000_000)
    s.addOutput(rec)
    s.setPattern(try controls("s \"bd*4\""), slot: "1")
    s.follow(shared)
    return (s, rec)
  }

  func run(_ peers: [Scheduler], _ clock: ManualClock, frames: Int) {
    for _ in 0..<frames {
      clock.advance(nanoseconds: 10_000_000)
      for p in peers { p.tick() }
    }
  }

  /// Two schedulers that started apart, at different tempi, follow one shared line: their onsets
  /// fall on the same instants, quarter cycles on the shared beats, through changes by either.
  @Test func twoPeersOnOneSharedLineStampTheSameInstants() throws {
    let clock = ManualClock()
    let shared = SharedLine(clock: clock, beat: 10.3, bpm: 135)
    let (a, recA) = try peer(clock, shared, cps: r(9, 16))
    run([a], clock, frames: 37)
    let (b, recB) = try peer(clock, shared, cps: r(1, 2))
    run([a, b], clock, frames: 150)
    try a.setCPS(r(7, 10))
    let announced = try #require(shared.published.withLock { $0.last })
    #expect(announced.bpm == 168)
    #expect(announced.atMonotonic >= clock.monotonicNanoseconds() + 100_000_000)
    run([a, b], clock, frames: 200)
    try b.setCPS(r(9, 10))
    run([a, b], clock, frames: 200)
    #expect(a.status.cps == r(9, 10) && b.status.cps == r(9, 10))
    #expect(a.sharedTimelineStatus.steps == 0 && b.sharedTimelineStatus.steps == 0)

    let lastChange = try #require(shared.published.withLock { $0.last }).atMonotonic
    let timesA = recA.deliveries.map { $0.timetag.unixNanoseconds }
    let fromB = recB.deliveries
    #expect(fromB.count > 10)
    for d in fromB {
      let t = d.timetag.unixNanoseconds
      let nearest = try #require(timesA.min { abs($0 - t) < abs($1 - t) })
      #expect(abs(nearest - t) <= 2_000, "B's onset at cycle \(d.event.onset) has no partner in A")
      // On the shared grid, a quarter cycle is one beat (the line is only known since its last turn).
      let monotonic = t - clock.wallOffset - 100_000_000
      guard monotonic >= lastChange else { continue }
      let beat = shared.beat(atMonotonic: monotonic)
      #expect(abs(beat - beat.rounded()) < 1e-5, "onset at beat \(beat)")
    }
  }

  /// Patterned `# cps` is announced on the shared timeline at its onset, once per change.
  @Test func patternedTempoIsAnnouncedAtItsOnset() throws {
    let clock = ManualClock()
    let shared = SharedLine(clock: clock, beat: 0, bpm: 120)
    let (a, _) = try peer(clock, shared, cps: r(1, 2))
    a.setPattern(try controls("s \"bd\" # cps \"<0.5 0.75>\""), slot: "1")
    run([a], clock, frames: 600)
    let announced = shared.published.withLock { $0 }
    #expect(announced.map(\.bpm).prefix(3) == [180, 120, 180])
    // Each at the onset of its cycle, which sits on a whole beat of the shared line.
    for change in announced {
      let beat = change.beat
      #expect(abs(beat - beat.rounded()) < 1e-5 && Int(beat.rounded()) % 4 == 0, "announced at beat \(beat)")
    }
    #expect(a.sharedTimelineStatus.steps == 0)
  }

  /// A peer's change heard only after its instant cannot be followed continuously: the map steps
  /// once onto the line at the planned boundary and stays there.
  @Test func aChangeHeardLateIsOneStep() throws {
    let clock = ManualClock()
    let shared = SharedLine(clock: clock, beat: 0, bpm: 120)
    let (a, _) = try peer(clock, shared, cps: r(1, 2))
    run([a], clock, frames: 100)
    shared.change(bpm: 150, atMonotonic: clock.monotonicNanoseconds() - 200_000_000)
    run([a], clock, frames: 100)
    let status = a.sharedTimelineStatus
    #expect(status.steps == 1)
    #expect(a.status.cps == r(5, 8))
    run([a], clock, frames: 100)
    #expect(a.sharedTimelineStatus.steps == 1)
  }
}

@Suite struct TempoMapFollowTests {
  @Test func theFirstAlignmentKeepsTheCountAndPutsCyclesOnTheQuantum() throws {
    var map = TempoMap(cps: r(9, 16))
    var grid = BeatGrid(beatsPerCycle: 4, quantum: 4)
    // At the boundary, cycle 5, the shared beat is 21.5: cycle 5 would be beat 20, so the
    // offset is 0 and the boundary becomes cycle 5.375, on the shared line.
    #expect(try map.time(atCycle: 5).roundedNanoseconds == 8_888_888_889)
    let time: Int64 = 8_888_889_000  // read a moment later, on a whole microsecond (Link's resolution)
    let reading = SharedBeat(nanoseconds: time, beat: 21.5, bpm: 135)
    let step = try map.follow(reading, grid: &grid, boundary: 5, cycleGrid: 1 << 16)
    #expect(step == .aligned(from: 5, to: r(43, 8)))
    #expect(grid.offset == 0)
    #expect(map.segments.count == 1 && map.segments[0].cps == r(9, 16))
    #expect(try map.time(atCycle: r(43, 8)).roundedNanoseconds == time)
    // Cycle 6 sits where the line reaches beat 24, phase 0.
    #expect(try map.time(atCycle: 6).roundedNanoseconds == time + 1_111_111_111)
  }

  @Test func aChangeAnnouncedAheadEntersWhereTheLinesMeetWithoutMovingAnything() throws {
    var map = TempoMap(cps: r(1, 2))
    var grid = BeatGrid(beatsPerCycle: 4, quantum: 4, offset: 0)
    // The line turns to 150 bpm at cycle 3 (6 s, beat 12); read at cycle 2.5 (5 s).
    let reading = SharedBeat(nanoseconds: 5_000_000_000, beat: 12 - 2.5, bpm: 150)
    let before = try map.time(atCycle: 3)
    let step = try map.follow(reading, grid: &grid, boundary: r(5, 2), cycleGrid: 1 << 16)
    #expect(step == .tempo(at: 3))
    #expect(try map.time(atCycle: 3) == before)
    #expect(map.cps(atCycle: 3) == r(5, 8))
    // Read again later: nothing more to do.
    let later = SharedBeat(nanoseconds: 7_000_000_000, beat: 14.5, bpm: 150)
    #expect(try map.follow(later, grid: &grid, boundary: r(7, 2), cycleGrid: 1 << 16) == .unchanged)
  }

  @Test func aBeatCountThatMovesByWholeQuantaMovesTheOffsetNotTheMusic() throws {
    var map = TempoMap(cps: r(1, 2))
    var grid = BeatGrid(beatsPerCycle: 4, quantum: 4, offset: 0)
    let reading = SharedBeat(nanoseconds: 4_000_000_000, beat: 8 + 12, bpm: 120)
    #expect(try map.follow(reading, grid: &grid, boundary: 2, cycleGrid: 1 << 16) == .unchanged)
    #expect(grid.offset == 12)
  }

  @Test func driftBeyondTheToleranceIsStepped() throws {
    var map = TempoMap(cps: r(1, 2))
    var grid = BeatGrid(beatsPerCycle: 4, quantum: 4, offset: 0)
    // The line is 0.01 beat (5 ms at 120 bpm) ahead at cycle 2.
    let reading = SharedBeat(nanoseconds: 4_000_000_000, beat: 8.01, bpm: 120)
    #expect(
      try map.follow(reading, grid: &grid, boundary: 2, cycleGrid: 1 << 16) == .stepped(at: 2, nanoseconds: -5_000_000))
    #expect(try map.time(atCycle: 2).roundedNanoseconds == 3_995_000_000)
  }

  @Test func sharedTempiBecomeExactFractions() {
    let grid = BeatGrid(beatsPerCycle: 4, quantum: 4)
    // Link sends 60e6 / 357143 µs per beat for 168 bpm.
    #expect(grid.cps(bpm: 60e6 / 357_143) == r(7, 10))
    #expect(grid.cps(bpm: 135) == r(9, 16))
    #expect(grid.cps(bpm: 120.5) == r(241, 480))
    #expect(grid.cps(bpm: .nan) == nil)
    #expect(grid.bpm(cps: r(7, 10)) == 168)
  }
}
