import Time

/// How cycles sit on a shared beat grid (Ableton Link's): `beatsPerCycle` beats make a cycle, and
/// cycle `c` starts at beat `c × beatsPerCycle + offset`, where `offset` is a multiple of
/// `quantum`. So a cycle `n` with `n × beatsPerCycle` a multiple of the quantum starts where the
/// shared phase (beat modulo quantum) is 0: every cycle when the quantum is `beatsPerCycle`.
public struct BeatGrid: Sendable, Equatable {
  public var beatsPerCycle: Int
  public var quantum: Double
  /// The beat of cycle 0; nil until the map is first aligned to the shared grid.
  public var offset: Double?

  public init(beatsPerCycle: Int = 4, quantum: Double = 4, offset: Double? = nil) {
    self.beatsPerCycle = beatsPerCycle
    self.quantum = quantum
    self.offset = offset
  }

  /// The shared tempo for `cps`: beats per minute = cps × 60 × beatsPerCycle.
  public func bpm(cps: Rational) -> Double { cps.doubleValue * 60 * Double(beatsPerCycle) }

  /// The exact tempo for a shared `bpm`: the bpm as the closest fraction with a denominator of
  /// at most 1000 (Link sends tempo as whole microseconds per beat, so 168 bpm arrives as
  /// 167.99996…; this gives back 168), divided by 60 × beatsPerCycle.
  public func cps(bpm: Double) -> Rational? {
    guard bpm.isFinite, bpm > 0, bpm < 1e6, let b = Self.closestFraction(bpm, maxDenominator: 1000) else {
      return nil
    }
    return try? b / Rational(Int64(60 * beatsPerCycle))
  }

  /// The continued-fraction convergent of `x` with the largest denominator up to `maxDenominator`.
  static func closestFraction(_ x: Double, maxDenominator: Int64) -> Rational? {
    var (p0, q0, p1, q1): (Int64, Int64, Int64, Int64) = (0, 1, 1, 0)
    var rest = x
    for _ in 0..<40 {
      let a = rest.rounded(.down)
      guard a.magnitude < 1e12 else { break }
      let ai = Int64(a)
      let (p2, q2) = (ai * p1 + p0, ai * q1 + q0)
      if q2 > maxDenominator { break }
      (p0, q0, p1, q1) = (p1, q1, p2, q2)
      let f = rest - a
      if f < 1e-12 { break }
      rest = 1 / f
    }
    return q1 == 0 ? nil : try? Rational(p1, q1)
  }
}

/// A shared timeline read at one instant: the beat there (for the grid's quantum) and the tempo.
public struct SharedBeat: Sendable, Equatable {
  /// When it was read, in nanoseconds after the scheduler's origin.
  public var nanoseconds: Int64
  public var beat: Double
  public var bpm: Double

  public init(nanoseconds: Int64, beat: Double, bpm: Double) {
    self.nanoseconds = nanoseconds
    self.beat = beat
    self.bpm = bpm
  }

  /// The beat at `nanoseconds` after the origin, on the straight line through this reading
  /// (Link's timeline is one line at one tempo).
  func beat(atNanoseconds t: Int64) -> Double { beat + Double(t - nanoseconds) / 1e9 * bpm / 60 }

  /// When the line reaches `beat`, in whole microseconds after the origin (Link's resolution).
  func time(ofBeat b: Double) -> ExactSeconds {
    let ns = Double(nanoseconds) + (b - beat) * 60e9 / bpm
    let micros = (ns / 1000).rounded()
    return ExactSeconds(nanoseconds: Int64(micros) * 1000)
  }
}

/// What one frame's look at the shared timeline changed in the tempo map.
public enum FollowStep: Sendable, Equatable {
  /// The map already agrees with the shared timeline.
  case unchanged
  /// First alignment: the planned boundary, cycle `from`, is now numbered `to` and sits on the
  /// shared grid.
  case aligned(from: Rational, to: Rational)
  /// A shared tempo change enters the map at cycle `at`, where the map and the shared line meet:
  /// continuous, nothing moves.
  case tempo(at: Rational)
  /// The shared line had moved where the map could not follow continuously (a change heard after
  /// its moment, drift): cycle `at` moves by `nanoseconds` (positive: later) onto it.
  case stepped(at: Rational, nanoseconds: Int64)
}

extension TempoMap {
  /// Brings the map, from cycle `boundary` on (the end of what is planned: nothing before it may
  /// change), onto a shared beat timeline read as `reading`.
  ///
  /// Cycle `c` belongs at beat `c × beatsPerCycle + offset`. A tempo change that the shared line
  /// makes at or after the boundary enters the map at the exact cycle where the two lines meet
  /// (rounded to `1/cycleGrid`), so a peer that announces its change ahead of time is followed
  /// exactly; otherwise an error in time beyond `toleranceNanoseconds` is removed by a step at the
  /// boundary. The grid's offset moves by whole quanta when the shared beat's magnitude does
  /// (Link shares phase, not beat counts).
  public mutating func follow(
    _ reading: SharedBeat, grid: inout BeatGrid, boundary: Rational, cycleGrid: Int64,
    toleranceNanoseconds: Int64 = 200_000, maxLeadNanoseconds: Int64 = 2_000_000_000
  ) throws(TimeError) -> FollowStep {
    guard let cpsShared = grid.cps(bpm: reading.bpm), grid.quantum > 0 else { return .unchanged }
    let bpc = Double(grid.beatsPerCycle)
    let timeAtBoundary = try time(atCycle: boundary)
    let boundaryNanoseconds = timeAtBoundary.roundedNanoseconds
    let sharedBeat = reading.beat(atNanoseconds: boundaryNanoseconds)
    guard let offset = grid.offset else {
      // Keep the count: the multiple of the quantum that moves the boundary least.
      let quanta = ((sharedBeat - boundary.doubleValue * bpc) / grid.quantum).rounded()
      let offset = quanta * grid.quantum
      grid.offset = offset
      let steps = (((sharedBeat - offset) / bpc) * Double(cycleGrid)).rounded(.up)
      guard steps.isFinite, steps.magnitude < 1e15 else { return .unchanged }
      let cycle = try Rational(Int64(steps), cycleGrid)
      restart(atCycle: cycle, time: reading.time(ofBeat: cycle.doubleValue * bpc + offset), cps: cpsShared)
      return .aligned(from: boundary, to: cycle)
    }
    // How far the shared line is ahead of the map at the boundary, in beats, within half a quantum.
    var ahead = sharedBeat - (boundary.doubleValue * bpc + offset)
    let quanta = (ahead / grid.quantum).rounded()
    if quanta != 0 {
      grid.offset = offset + quanta * grid.quantum
      ahead -= quanta * grid.quantum
    }
    let aheadNanoseconds = ahead * 60e9 / reading.bpm
    let current = segment(atCycle: boundary)
    if current.cps == cpsShared {
      dropChanges(after: boundary)
      guard aheadNanoseconds.magnitude > Double(toleranceNanoseconds) else { return .unchanged }
    } else {
      // Where the lines meet: map cycles c_b + t·cps, shared cycles c_b + ahead/bpc + t·cps'.
      let seconds = (ahead / bpc) / (current.cps.doubleValue - cpsShared.doubleValue)
      if seconds >= 0, seconds * 1e9 <= Double(maxLeadNanoseconds) {
        let steps = ((boundary.doubleValue + seconds * current.cps.doubleValue) * Double(cycleGrid)).rounded()
        if steps.isFinite, steps.magnitude < 1e15 {
          let meet = max(boundary, try Rational(Int64(steps), cycleGrid))
          try change(cps: cpsShared, atCycle: meet)
          return .tempo(at: meet)
        }
      }
    }
    let target = reading.time(ofBeat: boundary.doubleValue * bpc + (grid.offset ?? offset))
    rebase(atCycle: boundary, time: target, cps: cpsShared)
    let step = target.roundedNanoseconds - boundaryNanoseconds
    return .stepped(at: boundary, nanoseconds: step)
  }
}
