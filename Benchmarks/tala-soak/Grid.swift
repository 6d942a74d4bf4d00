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

/// Pairs what one target received with the expected timetags, both in time order, as they
/// come in: everything older than a cutoff is settled and forgotten.
struct GridMatcher {
  /// A received timetag further than this from every expected one is counted as extra (1 ms).
  static let tolerance: UInt64 = 1 << 22
  private(set) var expected: [UInt64] = []
  private(set) var received: [UInt64] = []
  private(set) var matched = 0
  private(set) var missing = 0
  private(set) var extra = 0
  private(set) var beforeAnchor = 0
  private(set) var worstError: UInt64 = 0

  mutating func expect(_ tags: [UInt64]) { expected += tags }

  mutating func receive(_ tags: [UInt64], anchor: UInt64?) {
    for tag in tags {
      if let anchor, tag + Self.tolerance < anchor {
        beforeAnchor += 1
      } else if anchor == nil {
        beforeAnchor += 1
      } else {
        received.append(tag)
      }
    }
    received.sort()
  }

  /// Settles every timetag below `cutoff` (all of them when nil).
  mutating func settle(below cutoff: UInt64?) {
    let limit = cutoff ?? .max
    expected.sort()
    var i = 0
    var j = 0
    while true {
      let e = i < expected.count && expected[i] < limit ? expected[i] : nil
      let g = j < received.count && received[j] < limit ? received[j] : nil
      switch (e, g) {
      case (nil, nil):
        expected.removeFirst(i)
        received.removeFirst(j)
        return
      case (let e?, let g?):
        let error = g > e ? g - e : e - g
        if error <= Self.tolerance {
          worstError = max(worstError, error)
          matched += 1
          i += 1
          j += 1
        } else if e < g {
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
