import ClockSync
import Net
import Scheduler
import Synchronization
import System

/// What `tala sync` and `:sync` print: one line per exchange, then the summary.
public enum SyncReport {
  public static func line(_ client: ClockSyncClient) -> String? {
    guard let s = client.lastSample, let e = client.estimate else { return nil }
    return "offset \(signedMillis(s.offset)) ± \(millis((s.delay + 1) / 2)), round trip \(millis(s.delay))"
      + "   (best: offset \(signedMillis(e.offset)) ± \(millis(e.errorBound)))"
  }

  /// The summary with the recommended latency, or nil when the peer never answered.
  public static func summary(_ client: ClockSyncClient, frame: Int64, receiverGranularity: Int64) -> String? {
    let (sent, lost) = client.counts
    guard let e = client.estimate else { return nil }
    let budget = LatencyBudget(
      estimate: e, frame: frame, sendLatenessP99: client.wakeLatenessP99, receiverGranularity: receiverGranularity)
    return [
      "exchanges     \(e.samples) answered of \(sent) (\(lost) lost)",
      "offset        \(signedMillis(e.offset)) ± \(millis(e.errorBound)) (peer clock minus ours)",
      "round trip    \(millis(e.roundTrip)) (best)",
      "jitter        p50 \(millis(e.jitterP50)), p99 \(millis(e.jitterP99)) (one-way delay above the fastest)",
      "drift         " + (e.driftPPM.map { "\(ppm($0)) ppm" } ?? "not yet (needs 10 s of exchanges)"),
      "recommended latency \(millis(budget.recommended))",
      "  = \(budget)",
    ].joined(separator: "\n")
  }

  /// Nanoseconds as milliseconds with three decimals (rounded to the microsecond).
  static func millis(_ ns: Int64) -> String { SessionText.millis(ns) + " ms" }

  static func signedMillis(_ ns: Int64) -> String { ns < 0 ? millis(ns) : "+" + millis(ns) }

  static func ppm(_ x: Double) -> String {
    let hundredths = Int64((abs(x) * 100).rounded())
    let f = String(hundredths % 100)
    return "\(x < 0 ? "-" : "+")\(hundredths / 100).\(String(repeating: "0", count: 2 - f.count))\(f)"
  }
}

extension SessionCommand {
  static let sync = SessionCommand(
    "sync", usage: ":sync HOST:PORT [SECONDS]",
    help:
      "Measures another machine's clock and the path to it for a few seconds (default 5) while you play, then prints offset, jitter and the recommended latency (tala listen answers)."
  ) { session, words, _ in
    guard (1...2).contains(words.count) else { throw SessionError("usage: :sync HOST:PORT [SECONDS]") }
    let seconds = try words.count == 2 ? TargetSpec.seconds(words[1], limit: 600_000_000_000) : 5_000_000_000
    let address: SocketAddress
    do { address = try SocketAddress.parse(words[0]) } catch { throw SessionError("\(error)") }
    let client: ClockSyncClient
    do { client = try ClockSyncClient(peer: address, clock: session.scheduler.clock) } catch {
      throw SessionError("\(error)")
    }
    let clock = session.scheduler.clock
    let frame = session.scheduler.configuration.frameNanoseconds
    let notify = session.notify
    client.start()
    // A small thread waits out the measurement so the prompt stays free.
    let end = clock.monotonicNanoseconds() + seconds
    let thread = DedicatedThread { running in
      while running.load(ordering: .acquiring) && clock.monotonicNanoseconds() < end {
        clock.sleep(untilMonotonic: min(end, clock.monotonicNanoseconds() + 50_000_000))
      }
      client.stop()
      notify(
        SyncReport.summary(client, frame: frame, receiverGranularity: 1_000_000).map { "sync \(address):\n" + $0 }
          ?? "sync \(address): no answer (is tala listen running there?)")
    }
    session.keep(thread)
    return .ok("measuring \(address) for \(SessionText.seconds(seconds)) s…")
  }
}
