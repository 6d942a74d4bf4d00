// make bench-timing: plays patterns through a real session (system clock, scheduler thread,
// UDP on loopback) into a capture, and measures what reached the wire against the exact grid.
import Foundation
import Language
import Net
import OSC
import Scheduler
import Session
import Synchronization
import System
import Time

/// Receives datagrams on its own thread, noting the wall-clock arrival of each.
final class Capture: @unchecked Sendable {
  let receiver: UDPReceiver
  let packets = Mutex<[(arrival: Int64, timetag: UInt64)]>([])
  let running = Atomic<Bool>(true)
  var thread: Thread?

  init() throws {
    receiver = try UDPReceiver(host: "127.0.0.1", port: 0)
    let t = Thread { [self] in
      while running.load(ordering: .relaxed) {
        guard let d = try? receiver.receive(timeoutMilliseconds: 50) else { continue }
        let now = SystemClock().realtimeNanoseconds()
        if case .bundle(let b)? = try? OSCDecoder().decode(d.bytes) {
          packets.withLock { $0.append((now, b.timetag.rawValue)) }
        }
      }
    }
    thread = t
    t.start()
  }

  func stop() {
    running.store(false, ordering: .relaxed)
    usleep(120_000)
  }
}

struct Scenario {
  var title: String
  var statement: String
  var startCycle: Int64?
  /// Tempo of cycle n (exactly), for the hand-written grid.
  var cps: (Int64) -> Rational
  var cpsFromFirstEvent: Bool
}

func r(_ n: Int64, _ d: Int64) -> Rational { (try? Rational(n, d)) ?? .one }

/// `origin + seconds` as a timetag: one exact rational in 2^-32 s units, rounded half up.
func exactTimetag(originUnixNanoseconds origin: Int64, seconds: Rational) -> UInt64 {
  let n = Int128(seconds.numerator)
  let d = Int128(seconds.denominator)
  let num = (Int128(origin) * d + n * 1_000_000_000) << 32
  let den = d * 1_000_000_000
  return UInt64((2 * num + den) / (2 * den) + (Int128(2_208_988_800) << 32))
}

func percentile(_ xs: [Int64], _ p: Double) -> Int64 {
  let s = xs.sorted()
  return s.isEmpty ? 0 : s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
}

func ms(_ ns: Int64) -> String { String(format: "%.3f ms", Double(ns) / 1e6) }

func run(_ scenario: Scenario, seconds: Double, latency: Int64) throws {
  let capture = try Capture()
  var options = Session.Options()
  options.targets = []
  let session = try Session(options: options) { _ in }
  let plan = EventRecorder()
  session.addOutput(plan)
  try session.addTarget(
    TargetSpec(
      name: "capture", host: "127.0.0.1", port: capture.receiver.localAddress.port, latencyNanoseconds: latency))
  if let start = scenario.startCycle { _ = session.handle("setcycle \(start)") }
  guard case .ok = session.handle(scenario.statement) else { fatalError("bad statement \(scenario.statement)") }
  session.start()
  usleep(useconds_t(seconds * 1e6))
  session.stop()
  capture.stop()
  let planned = plan.events
  let got = capture.packets.withLock { $0 }
  let status = session.scheduler.status

  // The exact grid, written out by hand from the first onset: each cycle at its own tempo.
  let first = planned[0]
  let anchor = try Rational(first.time.whole) + first.time.fraction
  func time(_ c: Rational) throws -> Rational {
    var t = anchor
    var at = first.onset
    while at < c {
      let next = min(try at.floor + .one, c)
      let cps = scenario.cpsFromFirstEvent ? scenario.cps(at.floorInt) : scenario.cps(0)
      t = try t + (try (next - at) / cps)
      at = next
    }
    return t
  }
  let wallOrigin = session.scheduler.originMonotonic + status.wallOffset + latency
  var worst: UInt64 = 0
  var ahead: [Int64] = []
  let n = min(planned.count, got.count)
  for i in 0..<n {
    let expected = exactTimetag(originUnixNanoseconds: wallOrigin, seconds: try time(planned[i].onset))
    let g = got[i].timetag
    worst = max(worst, g > expected ? g - expected : expected - g)
    let tagNs = Timetag(rawValue: g).roundedUnixNanoseconds
    ahead.append(tagNs - got[i].arrival)
  }
  // Every onset of the pattern between the first and last planned, once.
  var interpreter = Interpreter()
  guard case .assign(_, let pattern) = try interpreter.run(scenario.statement) else { return }
  let all = try pattern.query(first.onset, try planned.last!.onset + r(1, 1_000_000)).filter(\.hasOnset).map {
    $0.whole!.begin
  }.sorted()
  let plannedOnsets = planned.map(\.onset)
  let missing = Set(all).subtracting(plannedOnsets).count + max(0, planned.count - got.count)
  let doubled = plannedOnsets.count - Set(plannedOnsets).count + max(0, got.count - planned.count)
  // Drift: sends happen at absolute frame deadlines, so their lateness must not grow over the
  // run (a relative sleep loop adds each wake-up's delay to the next).
  let history = session.scheduler.sendLatenessHistory
  let k = max(1, history.count / 4)
  let drift =
    history.count > 2 * k ? percentile(Array(history.suffix(k)), 0.5) - percentile(Array(history.prefix(k)), 0.5) : 0

  print(
    "\(scenario.title): \(got.count) bundles over \(String(format: "%.1f", seconds)) s, cycles \(first.onset.doubleValue)…\(planned.last!.onset.doubleValue)"
  )
  print("  timetag error against the exact grid: max \(worst) units of 2^-32 s")
  print("  send-ahead (timetag - arrival): p50 \(ms(percentile(ahead, 0.5))), min \(ms(ahead.min() ?? 0))")
  print(
    "  send lateness (frame deadline -> sent): p50 \(ms(status.sendLatenessP50 ?? 0)), p99 \(ms(status.sendLatenessP99 ?? 0)), max \(ms(status.sendLatenessMax))"
  )
  print(
    "  events missing \(missing), doubled \(doubled); late \(status.outputs.first { $0.name == "capture" }?.stats.late ?? -1)"
  )
  print("  drift of send times over the run (median send lateness, last quarter - first): \(ms(drift))")
}

let seconds = Double(ProcessInfo.processInfo.environment["TALA_TIMING_SECONDS"] ?? "") ?? 5
let patterned: (Int64) -> Rational = { $0 % 2 == 0 ? r(7, 10) : r(11, 10) }
let scenarios = [
  Scenario(
    title: "s \"bd*8\"", statement: "d1 $ s \"bd*8\"", startCycle: nil, cps: { _ in r(9, 16) }, cpsFromFirstEvent: false
  ),
  Scenario(
    title: "s \"bd*8\" from cycle 100000", statement: "d1 $ s \"bd*8\"", startCycle: 100_000, cps: { _ in r(9, 16) },
    cpsFromFirstEvent: false),
  Scenario(
    title: "s \"bd*3\" # cps \"<0.7 1.1>\"", statement: "d1 $ s \"bd*3\" # cps \"<0.7 1.1>\"", startCycle: 0,
    cps: patterned,
    cpsFromFirstEvent: true),
  Scenario(
    title: "s \"bd*3\" # cps \"<0.7 1.1>\" from cycle 100000", statement: "d1 $ s \"bd*3\" # cps \"<0.7 1.1>\"",
    startCycle: 100_000, cps: patterned, cpsFromFirstEvent: true),
]
print("bench-timing: loopback capture, latency 0.1 s, frame 10 ms, lookahead 50 ms, \(seconds) s each")
for s in scenarios { try run(s, seconds: seconds, latency: 100_000_000) }
