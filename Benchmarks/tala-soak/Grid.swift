import Foundation
import Net
import OSC
import Scheduler
import Synchronization
import System
import Time

/// One OSC target's far end: receives datagrams on its own thread and keeps only each bundle's
/// timetag until the soak drains them (so the soak's own memory stays flat).
final class Capture: @unchecked Sendable {
  let receiver: UDPReceiver
  private let timetags = Mutex<[UInt64]>([])
  private let running = Atomic<Bool>(true)
  private let finished = Atomic<Bool>(false)
  private var thread: Thread?

  init() throws {
    receiver = try UDPReceiver(host: "127.0.0.1", port: 0)
    let t = Thread { [self] in
      while running.load(ordering: .relaxed) {
        guard let d = try? receiver.receive(timeoutMilliseconds: 50) else { continue }
        if case .bundle(let b)? = try? OSCDecoder().decode(d.bytes) {
          timetags.withLock { $0.append(b.timetag.rawValue) }
        }
      }
      finished.store(true, ordering: .releasing)
    }
    thread = t
    t.start()
  }

  /// The timetags received since the last call.
  func take() -> [UInt64] {
    timetags.withLock { list in
      defer { list.removeAll(keepingCapacity: true) }
      return list
    }
  }

  func stop() {
    running.store(false, ordering: .relaxed)
    // The loop wakes at least every 50 ms; bounded wait for it to notice.
    for _ in 0..<100 where !finished.load(ordering: .acquiring) { usleep(10_000) }
  }
}

/// An output that keeps what the scheduler planned, with the OSC targets' latency so the
/// scheduler drops exactly what it drops for them after a stall.
final class PlanRecorder: Output {
  let name = "plan"
  let latencyNanoseconds: Int64
  let mode = StampMode.bundle
  private let store = Mutex<[PlannedEvent]>([])

  init(latencyNanoseconds: Int64) { self.latencyNanoseconds = latencyNanoseconds }

  func deliver(_ deliveries: [Delivery]) throws { store.withLock { $0 += deliveries.map(\.event) } }

  func take() -> [PlannedEvent] {
    store.withLock { list in
      defer { list.removeAll(keepingCapacity: true) }
      return list
    }
  }
}

/// The exact grid, written out independently of the scheduler's tempo map: from one anchor
/// onset (its planned time is the only value taken from the scheduler), each cycle `n` lasts
/// `1 / cps(n)` seconds. Keeps one cycle boundary as a cursor, so asking in onset order costs
/// a step per cycle and no memory.
struct ExactGrid {
  let anchorCycle: Rational
  let anchorSeconds: Rational
  let cps: (Int64) -> Rational
  /// A whole cycle after the anchor and its seconds after the scheduler's origin.
  private var cursor: (cycle: Int64, seconds: Rational)

  init(anchorCycle: Rational, anchorSeconds: Rational, cps: @escaping (Int64) -> Rational) throws {
    self.anchorCycle = anchorCycle
    self.anchorSeconds = anchorSeconds
    self.cps = cps
    cursor = try Self.firstBoundary(anchorCycle, anchorSeconds, cps)
  }

  private static func firstBoundary(
    _ cycle: Rational, _ seconds: Rational, _ cps: (Int64) -> Rational
  ) throws -> (cycle: Int64, seconds: Rational) {
    let next = try cycle.floor + .one
    return (next.floorInt, try seconds + (try (next - cycle) / cps(cycle.floorInt)))
  }

  /// Seconds after the scheduler's origin of onset `c` (at or after the anchor).
  mutating func seconds(atCycle c: Rational) throws -> Rational {
    if c.floorInt < anchorCycle.floorInt + 1 {
      return try anchorSeconds + (try (c - anchorCycle) / cps(anchorCycle.floorInt))
    }
    // Onsets come in order; an earlier one (never expected) restarts from the anchor.
    if c.floorInt < cursor.cycle { cursor = try Self.firstBoundary(anchorCycle, anchorSeconds, cps) }
    while cursor.cycle < c.floorInt {
      cursor = (cursor.cycle + 1, try cursor.seconds + (try Rational.one / cps(cursor.cycle)))
    }
    return try cursor.seconds + (try (c - c.floor) / cps(c.floorInt))
  }
}

/// `origin + seconds` as a timetag: one exact rational in 2^-32 s units, rounded half up.
func exactTimetag(originUnixNanoseconds origin: Int64, seconds: Rational) -> UInt64 {
  let n = Int128(seconds.numerator)
  let d = Int128(seconds.denominator)
  let num = (Int128(origin) * d + n * 1_000_000_000) << 32
  let den = d * 1_000_000_000
  return UInt64((2 * num + den) / (2 * den) + (Int128(2_208_988_800) << 32))
}

/// One event the grid expects: its exact time after the scheduler's origin and the wall
/// offsets (realtime − monotonic, ns) the scheduler may have stamped it with (it follows the
/// wall clock, slewing at most 500 ppm, and the soak samples that offset once a second).
struct ExpectedEvent {
  var seconds: Rational
  var offsetLow: Int64
  var offsetHigh: Int64
  /// The timetag with the latest sampled offset, for pairing.
  var tag: UInt64
}

/// Pairs what one target received with the expected events, both in time order, as they come
/// in: everything older than a cutoff is settled and forgotten.
struct GridMatcher {
  /// A received timetag further than this from every expected one is counted as extra (4 ms:
  /// more than the offset can move between two samples, less than any two onsets apart).
  static let tolerance: UInt64 = 1 << 24
  /// The scheduler's origin plus the targets' latency (monotonic ns).
  let base: Int64
  private(set) var expected: [ExpectedEvent] = []
  private(set) var received: [UInt64] = []
  private(set) var matched = 0
  private(set) var missing = 0
  private(set) var extra = 0
  private(set) var beforeAnchor = 0
  /// Matched events stamped while the wall offset was moving.
  private(set) var whileOffsetMoved = 0
  private(set) var worstError: UInt64 = 0

  init(base: Int64) { self.base = base }

  mutating func expect(_ events: [ExpectedEvent]) { expected += events }

  mutating func receive(_ tags: [UInt64], anchor: UInt64?) {
    for tag in tags {
      if let anchor, tag + Self.tolerance >= anchor {
        received.append(tag)
      } else {
        beforeAnchor += 1
      }
    }
    received.sort()
  }

  /// How far `g` is from every timetag the exact time rounds to with an offset in the
  /// event's range (0 when one of them is exactly `g`).
  func error(_ g: UInt64, _ e: ExpectedEvent) -> UInt64 {
    func tag(_ offset: Int64) -> UInt64 { exactTimetag(originUnixNanoseconds: base + offset, seconds: e.seconds) }
    func distance(_ t: UInt64) -> UInt64 { g > t ? g - t : t - g }
    let (low, high) = (tag(e.offsetLow), tag(e.offsetHigh))
    if g <= low || e.offsetLow == e.offsetHigh { return distance(low) }
    if g >= high { return distance(high) }
    // A nanosecond of offset is about 4.29 units: try the offsets around the one implied.
    let guess = e.offsetLow + Int64(Double(g - low) / 4.294967296)
    var best = UInt64.max
    for o in (guess - 2)...(guess + 2) where o >= e.offsetLow && o <= e.offsetHigh {
      best = min(best, distance(tag(o)))
    }
    return best
  }

  /// Settles every timetag below `cutoff` (all of them when nil).
  mutating func settle(below cutoff: UInt64?) {
    let limit = cutoff ?? .max
    expected.sort { $0.tag < $1.tag }
    var i = 0
    var j = 0
    while true {
      let e = i < expected.count && expected[i].tag < limit ? expected[i] : nil
      let g = j < received.count && received[j] < limit ? received[j] : nil
      switch (e, g) {
      case (nil, nil):
        expected.removeFirst(i)
        received.removeFirst(j)
        return
      case (let e?, let g?):
        let gap = g > e.tag ? g - e.tag : e.tag - g
        if gap <= Self.tolerance {
          worstError = max(worstError, error(g, e))
          if e.offsetLow != e.offsetHigh { whileOffsetMoved += 1 }
          matched += 1
          i += 1
          j += 1
        } else if e.tag < g {
          missing += 1
          i += 1
        } else {
          extra += 1
          j += 1
        }
      case (_?, nil):
        missing += 1
        i += 1
      case (nil, _?):
        extra += 1
        j += 1
      }
    }
  }
}
