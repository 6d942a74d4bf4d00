/// The offset from monotonic to wall time (`realtime − monotonic`), measured and kept smooth:
/// the one conversion between the clock Tala sleeps on and the clock timetags are written in.
///
/// One measurement reads the wall clock between two monotonic reads; of several tries the one
/// with the shortest bracket wins (least preempted). Re-measured now and then; a change is
/// followed gradually (slewed, at most `maxSlewPPM` millionths of a second per second) and
/// small disagreements are ignored, so converted times never jump and never go backwards.
public struct WallOffset: Sendable {
  /// `realtime − monotonic` in nanoseconds, as currently followed.
  public private(set) var offset: Int64
  private var target: Int64
  private var lastUpdate: Int64
  /// Differences below this are measurement noise.
  public var deadband: Int64 = 100_000
  /// Largest change per second of monotonic time, in millionths (500 ppm).
  public var maxSlewPPM: Int64 = 500

  /// Measures the offset now.
  public init(clock: any TimeSource) {
    let m = Self.measure(clock)
    offset = m
    target = m
    lastUpdate = clock.monotonicNanoseconds()
  }

  /// One measurement: the best of `tries` bracketed reads.
  public static func measure(_ clock: any TimeSource, tries: Int = 7) -> Int64 {
    var best: (width: Int64, offset: Int64) = (.max, 0)
    for _ in 0..<max(1, tries) {
      let m1 = clock.monotonicNanoseconds()
      let r = clock.realtimeNanoseconds()
      let m2 = clock.monotonicNanoseconds()
      if m2 - m1 < best.width { best = (m2 - m1, r - (m1 + (m2 - m1) / 2)) }
    }
    return best.offset
  }

  /// Takes a new measurement into account and moves the offset toward it, by no more than the
  /// slew limit for the time since the last update.
  public mutating func update(measured: Int64, atMonotonic now: Int64) {
    if abs(measured - offset) > deadband { target = measured } else { target = offset }
    let elapsed = max(0, now - lastUpdate)
    lastUpdate = now
    let step = elapsed / 1_000_000 * maxSlewPPM  // ns allowed in `elapsed`
    let wanted = target - offset
    if wanted > 0 { offset += min(wanted, step) } else if wanted < 0 { offset -= min(-wanted, step) }
  }

  /// Measures again and follows the result (``update(measured:atMonotonic:)``).
  public mutating func refresh(clock: any TimeSource) {
    let measured = Self.measure(clock)
    update(measured: measured, atMonotonic: clock.monotonicNanoseconds())
  }
}
