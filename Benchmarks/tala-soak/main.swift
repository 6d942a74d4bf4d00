// make soak: plays a dense five-slot set for SOAK_SECONDS (default an hour) through a real
// session (system clock, scheduler thread) to two OSC targets (UDP captures on loopback, run
// here) and the audio engine on ALSA's null device, and reports resident memory, CPU share,
// sent/late/dropped per output and the largest timetag error against the exact grid.
import Audio
import Foundation
import OSC
import Scheduler
import Session
import System
import Time

func r(_ n: Int64, _ d: Int64) -> Rational { (try? Rational(n, d)) ?? .one }

/// The set: about 100 events a cycle, with randomness (`?`, `irand`, `rand`, `sometimesBy`),
/// `jux`, `off`, and a patterned tempo in d5 (every d5 event carries it, so the tempo of cycle
/// n is `tempo(n)` from the cycle's first onset on).
let set = [
  "d1 $ jux rev $ s \"[bd*4, hh*16?]\" # n (irand 8)",
  "d2 $ off 0.125 (# speed 2) $ s \"sn*4 [cp ~ cp cp]\" # gain (range 0.8 1 rand)",
  "d3 $ sometimesBy 0.5 (# crush 4) $ n (run 24) # s \"superpiano\" # legato 0.5",
  "d4 $ jux (hurry 2) $ s \"oh*2 tick*6\" # pan sine",
  "d5 $ s \"tick*8\" # gain 0.7 # cps \"<0.7 1.1>\"",
]
func tempo(_ cycle: Int64) -> Rational { cycle % 2 == 0 ? r(7, 10) : r(11, 10) }
let tempoSlot = "5"

/// Resident memory in bytes (`VmRSS`).
func residentBytes() -> Int64 {
  guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
  for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
    return (Int64(line.split(separator: " ")[1]) ?? 0) * 1024
  }
  return 0
}

/// User plus system CPU time of this process, in nanoseconds.
func cpuNanoseconds() -> Int64 {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  func ns(_ t: timeval) -> Int64 { Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_usec) * 1000 }
  return ns(usage.ru_utime) + ns(usage.ru_stime)
}

func mb(_ bytes: Int64) -> String { String(format: "%.2f MB", Double(bytes) / 1_048_576) }
func ms(_ ns: Int64) -> String { String(format: "%.3f ms", Double(ns) / 1e6) }

let seconds = Int64(ProcessInfo.processInfo.environment["SOAK_SECONDS"] ?? "") ?? 3600
let latency = TargetSpec.defaultLatencyNanoseconds
/// The system clock, with an optional step of the wall clock (`SOAK_WALL_STEP=at_s:step_ms`)
/// to check that the grid comparison follows the scheduler's wall offset as it slews after a
/// clock change (an hour-long run saw one: realtime stepped by 145 ms).
struct SoakClock: TimeSource {
  let system = SystemClock()
  let step: (at: Int64, nanoseconds: Int64)?
  func monotonicNanoseconds() -> Int64 { system.monotonicNanoseconds() }
  func realtimeNanoseconds() -> Int64 {
    let now = system.realtimeNanoseconds()
    guard let step, system.monotonicNanoseconds() >= step.at else { return now }
    return now + step.nanoseconds
  }
  func sleep(untilMonotonic deadline: Int64) { system.sleep(untilMonotonic: deadline) }
  var readsKernelClocks: Bool { step == nil }
}

let stepParts = (ProcessInfo.processInfo.environment["SOAK_WALL_STEP"] ?? "").split(separator: ":").compactMap {
  Int64($0)
}
let clock = SoakClock(
  step: stepParts.count == 2
    ? (SystemClock().monotonicNanoseconds() + stepParts[0] * 1_000_000_000, stepParts[1] * 1_000_000) : nil)

var options = Session.Options()
options.targets = []
let session = try Session(options: options, clock: clock) { message in print("  [scheduler] \(message)") }
let plan = PlanRecorder(latencyNanoseconds: latency)
session.addOutput(plan)
let captures = [try Capture(), try Capture()]
for (i, capture) in captures.enumerated() {
  try session.addTarget(
    TargetSpec(
      name: "osc\(i + 1)", host: "127.0.0.1", port: capture.receiver.localAddress.port, latencyNanoseconds: latency))
}
var audioConfiguration = AudioConfiguration()
audioConfiguration.device = .named("null")
audioConfiguration.realtimePriority = false
let engine = AudioEngine(configuration: audioConfiguration, clock: clock)
if let error = engine.openError {
  print("soak: cannot open ALSA's null device: \(error)")
  exit(1)
}
engine.start()
session.addOutput(
  AudioTarget(engine: engine, latencyNanoseconds: latency, originMonotonic: session.scheduler.originMonotonic))
for statement in set {
  guard case .ok = session.handle(statement) else { fatalError("the soak's set was refused: \(statement)") }
}

print(
  "soak: \(seconds) s of five slots (patterned tempo, jux, off, randomness) to 2 OSC targets and audio on ALSA null")
for statement in set { print("  \(statement)") }
fflush(nil)
let started = clock.monotonicNanoseconds()
session.start()
/// What the soak has seen so far; settled as it goes so its own memory stays flat.
struct Tally {
  let session: Session
  let plan: PlanRecorder
  let captures: [Capture]
  let engine: AudioEngine
  let wallOffsetAtStart: Int64
  var lastOffset: Int64
  var wallOffsetMoved: Int64 = 0
  var grid: ExactGrid?
  var anchorTag: UInt64?
  var matchers: [GridMatcher]
  var planned = 0
  var firstCycle: Rational?
  var lastCycle = Rational.zero
  var latestExpected: UInt64 = 0

  init(session: Session, plan: PlanRecorder, captures: [Capture], engine: AudioEngine) {
    self.session = session
    self.plan = plan
    self.captures = captures
    self.engine = engine
    wallOffsetAtStart = session.scheduler.status.wallOffset
    lastOffset = wallOffsetAtStart
    let base = session.scheduler.originMonotonic + latency
    matchers = [GridMatcher](repeating: GridMatcher(base: base), count: captures.count)
  }

  /// Takes what was planned and received since the last call and settles the grid comparison
  /// for everything more than a second older than the newest expected timetag (all at the end).
  mutating func drain(final: Bool) throws {
    var expected: [ExpectedEvent] = []
    let events = plan.take()
    // Read after the take: these events were stamped between the last reading and this one.
    let offset = session.scheduler.status.wallOffset
    let (low, high) = (min(lastOffset, offset), max(lastOffset, offset))
    lastOffset = offset
    wallOffsetMoved = max(wallOffsetMoved, abs(offset - wallOffsetAtStart))
    if grid == nil, let first = events.first(where: { $0.slot == tempoSlot }) {
      let anchorSeconds = try Rational(first.time.whole) + first.time.fraction
      grid = try ExactGrid(anchorCycle: first.onset, anchorSeconds: anchorSeconds, cps: tempo)
    }
    let base = session.scheduler.originMonotonic + latency
    for event in events {
      planned += 1
      if firstCycle == nil { firstCycle = event.onset }
      lastCycle = max(lastCycle, event.onset)
      guard var g = grid, event.onset >= g.anchorCycle else { continue }
      let seconds = try g.seconds(atCycle: event.onset)
      grid = g
      let tag = exactTimetag(originUnixNanoseconds: base + offset, seconds: seconds)
      if anchorTag == nil { anchorTag = tag }
      expected.append(ExpectedEvent(seconds: seconds, offsetLow: low, offsetHigh: high, tag: tag))
      latestExpected = max(latestExpected, tag)
    }
    let cutoff: UInt64? = final ? nil : latestExpected > 1 << 32 ? latestExpected - (1 << 32) : 0
    for i in matchers.indices {
      matchers[i].expect(expected)
      matchers[i].receive(captures[i].take(), anchor: anchorTag)
      matchers[i].settle(below: cutoff)
    }
  }

  func report(_ title: String, elapsed: Int64, memoryStart: Int64?, cpuStart: Int64) {
    let status = session.scheduler.status
    let rss = residentBytes()
    let cpu = Double(cpuNanoseconds() - cpuStart) / Double(max(1, elapsed))
    let cycles = (try? lastCycle - (firstCycle ?? .zero))?.doubleValue ?? 0
    print(
      "\(title) after \(elapsed / 1_000_000_000) s, cycles \(firstCycle?.doubleValue ?? 0)…\(lastCycle.doubleValue):")
    print(
      "  events planned \(planned) (\(String(format: "%.1f", Double(planned) / max(1, cycles))) a cycle); CPU \(String(format: "%.1f%%", cpu * 100)) of one core"
    )
    if let memoryStart {
      let growth = rss - memoryStart
      print("  resident memory: start (10 s in) \(mb(memoryStart)), now \(mb(rss)), growth \(mb(growth))")
    } else {
      print("  resident memory: \(mb(rss))")
    }
    for (i, m) in matchers.enumerated() {
      let name = "osc\(i + 1)"
      let stats = status.outputs.first { $0.name == name }?.stats ?? OutputStats()
      print(
        "  \(name): sent \(stats.sent), late \(stats.late) (max \(ms(stats.maxLateness))), dropped \(stats.dropped), send errors \(stats.sendErrors); on the wire: matched \(m.matched) (\(m.whileOffsetMoved) while the wall offset moved), missing \(m.missing), extra \(m.extra), before the grid's anchor \(m.beforeAnchor); largest timetag error against the exact grid \(m.worstError) units of 2^-32 s"
      )
    }
    let audio = status.outputs.first { $0.name == "audio" }?.stats ?? OutputStats()
    let a = engine.statistics
    print(
      "  audio: sent \(audio.sent), late \(audio.late), dropped \(audio.dropped); engine: played late \(a.latePlayed), dropped late \(a.lateDropped), underruns \(a.underruns), voice-limit drops \(a.voiceLimitDrops), unknown sounds \(a.unknownSounds)"
    )
    print(
      "  scheduler send lateness: p50 \(ms(status.sendLatenessP50 ?? 0)), p99 \(ms(status.sendLatenessP99 ?? 0)), max \(ms(status.sendLatenessMax)); wall offset moved \(wallOffsetMoved) ns"
    )
    // Each report reaches a log or a pipe as it is written (all streams: `stdout` itself is
    // shared mutable state to Swift 6).
    fflush(nil)
  }
}

var tally = Tally(session: session, plan: plan, captures: captures, engine: engine)
let cpuStart = cpuNanoseconds()
var memoryStart: Int64?
let reportEvery = Int64(ProcessInfo.processInfo.environment["SOAK_REPORT_SECONDS"] ?? "") ?? 300
var nextReport = reportEvery
while true {
  usleep(1_000_000)
  let elapsed = clock.monotonicNanoseconds() - started
  try tally.drain(final: false)
  if memoryStart == nil && elapsed >= 10_000_000_000 { memoryStart = residentBytes() }
  if elapsed / 1_000_000_000 >= nextReport && elapsed / 1_000_000_000 < seconds {
    tally.report("progress", elapsed: elapsed, memoryStart: memoryStart, cpuStart: cpuStart)
    nextReport += reportEvery
  }
  if elapsed >= seconds * 1_000_000_000 { break }
}
let elapsed = clock.monotonicNanoseconds() - started
let memoryEnd = residentBytes()
session.stop()
engine.stop(drain: false)
usleep(300_000)
for c in captures { c.stop() }
try tally.drain(final: true)
tally.report("soak done", elapsed: elapsed, memoryStart: memoryStart, cpuStart: cpuStart)
print("  resident memory at the end of playing: \(mb(memoryEnd))")
