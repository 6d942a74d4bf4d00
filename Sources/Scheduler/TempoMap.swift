import Time

/// One stretch of constant tempo: from `cycle` on, at `time` seconds after the session origin,
/// the tempo is `cps` cycles per second.
public struct TempoSegment: Sendable, Hashable {
  public var cycle: Rational
  public var time: ExactSeconds
  public var cps: Rational
}

/// Cycle position ↔ time, as exact rational segments (DESIGN.md §3).
///
/// `T(c) = T_i + (c − c_i) / cps_i` for the last segment with `c_i ≤ c`. A tempo change starts a
/// new segment at an exact cycle whose time the previous segment gives, so the map is continuous
/// and no onset moves, disappears or repeats. Nothing here reads a clock: times are seconds after
/// an origin the scheduler chooses.
public struct TempoMap: Sendable, Hashable {
  /// Ordered by cycle and by time; never empty.
  public private(set) var segments: [TempoSegment]

  public init(cps: Rational, cycle: Rational = .zero, time: ExactSeconds = .zero) {
    segments = [TempoSegment(cycle: cycle, time: time, cps: cps)]
  }

  /// The segment in force at cycle `c` (the first one for cycles before the map starts).
  public func segment(atCycle c: Rational) -> TempoSegment {
    for s in segments.reversed() where s.cycle <= c { return s }
    return segments[0]
  }

  public func cps(atCycle c: Rational) -> Rational { segment(atCycle: c).cps }

  /// The exact time of cycle position `c`.
  public func time(atCycle c: Rational) throws(TimeError) -> ExactSeconds {
    let s = segment(atCycle: c)
    return try s.time.adding(try (c - s.cycle) / s.cps)
  }

  /// The cycle position at `seconds` after the origin, approximately (for choosing how far to
  /// plan; never for stamping).
  public func approximateCycle(atSeconds seconds: Double) -> Double {
    var s = segments[0]
    for candidate in segments.reversed() where candidate.time.approximateSeconds <= seconds {
      s = candidate
      break
    }
    return s.cycle.doubleValue + (seconds - s.time.approximateSeconds) * s.cps.doubleValue
  }

  /// Changes the tempo to `cps` from cycle `c` on. Later segments (changes that had been
  /// scheduled after `c`) are replaced.
  public mutating func change(cps: Rational, atCycle c: Rational) throws(TimeError) {
    let t = try time(atCycle: c)
    segments.removeAll { $0.cycle >= c }
    if let last = segments.last, last.cps == cps { return }
    segments.append(TempoSegment(cycle: c, time: t, cps: cps))
  }

  /// Renumbers cycles: the moment of cycle `c` becomes cycle `newCycle` (`setcycle`,
  /// `resetCycles`). The tempo in force at `c` continues; earlier segments are forgotten.
  public mutating func jump(atCycle c: Rational, to newCycle: Rational) throws(TimeError) {
    let s = segment(atCycle: c)
    segments = [TempoSegment(cycle: newCycle, time: try time(atCycle: c), cps: s.cps)]
  }

  /// Starts the map afresh: from cycle `c` on, at `time`, at `cps` (the first alignment to a
  /// shared beat grid; the cycles before `c` are forgotten).
  public mutating func restart(atCycle c: Rational, time: ExactSeconds, cps: Rational) {
    segments = [TempoSegment(cycle: c, time: time, cps: cps)]
  }

  /// Puts cycle `c` at `time` with tempo `cps` from there on: a step in time at `c` (the map is
  /// continuous everywhere else). Only for following a shared beat grid (Ableton Link) that
  /// moved where this map could not follow continuously; later segments are replaced.
  public mutating func rebase(atCycle c: Rational, time: ExactSeconds, cps: Rational) {
    segments.removeAll { $0.cycle >= c }
    segments.append(TempoSegment(cycle: c, time: time, cps: cps))
  }

  /// Forgets tempo changes scheduled after cycle `c`.
  public mutating func dropChanges(after c: Rational) {
    while segments.count > 1, let last = segments.last, last.cycle > c { segments.removeLast() }
  }

  /// Forgets segments that end before cycle `c` (keeps the map small in long sessions).
  public mutating func forget(before c: Rational) {
    while segments.count > 1 && segments[1].cycle <= c { segments.removeFirst() }
  }
}
