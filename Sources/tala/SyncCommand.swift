import ArgumentParser
import ClockSync
import Net
import Scheduler
import Session
import System

#if canImport(Glibc)
  import Glibc
#endif

/// `tala sync HOST:PORT`: measure another machine's clock and the path to it.
struct SyncCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sync",
    abstract: "Measure a peer's clock offset, round trip, jitter and drift; recommend a latency.",
    discussion: """
      Sends /clock/ping to the peer (tala listen answers with /clock/pong) ten times a second \
      at first, then once a second, and prints each exchange. The estimate trusts the exchange \
      with the smallest round trip; jitter is the spread of one-way delays above the fastest. \
      At the end (--seconds, or Ctrl-C) it prints the summary and the recommended latency: \
      frame + send lateness + transport (one-way delay and jitter) + receiver granularity + \
      sync error, plus a 25% margin.
      """
  )

  @Argument(help: "The peer, HOST:PORT (a tala listen).")
  var peer: String

  @Option(help: "Stop after this many seconds (default: until Ctrl-C).")
  var seconds: Double?

  @Option(help: "How finely the receiver schedules, in milliseconds (tala listen: 1, Pd: about 5).")
  var receiverGranularity: Double = 1

  @Option(help: "The scheduler frame this latency is for, in seconds.")
  var frame = "0.01"

  func run() throws {
    var signals = StopSignals.block()
    let address: SocketAddress
    do { address = try SocketAddress.parse(peer) } catch { throw CLIError(error.description) }
    let frameNs: Int64
    do { frameNs = try TargetSpec.seconds(frame) } catch { throw CLIError(error.message) }
    let client: ClockSyncClient
    do {
      client = try ClockSyncClient(peer: address) { c in
        if let line = SyncReport.line(c) { print(line) }
      }
    } catch {
      throw CLIError(error.description)
    }
    printError("tala sync: pinging \(address) (Ctrl-C to stop)")
    client.start()
    let clock = SystemClock()
    let end = seconds.map { clock.monotonicNanoseconds() + Int64($0 * 1e9) }
    while end.map({ clock.monotonicNanoseconds() < $0 }) ?? true {
      if signals.received(waitingNanoseconds: 50_000_000) { break }
    }
    client.stop()
    guard
      let summary = SyncReport.summary(
        client, frame: frameNs, receiverGranularity: Int64(receiverGranularity * 1e6))
    else {
      throw CLIError("no answer from \(address) to \(client.counts.sent) pings: is tala listen running there?")
    }
    print("")
    print(summary)
  }
}
