import Net
import OSC

/// One event as Pd realized it: the `/realized` report the echo fixture sent at that moment,
/// and the wall-clock time it reached the test's socket (loopback adds tens of microseconds).
struct Realization {
  var message: OSCMessage
  var arrivalNanoseconds: Int64

  /// The sound name (the first argument), if it is a string.
  var name: String? {
    if case .string(let name)? = message.arguments.first { return name }
    return nil
  }
}

/// A Pd running one of the echo fixtures (Tests/PdTests/Fixtures), and the test's two sockets:
/// one sending to Pd's listening port, one receiving Pd's `/realized` reports.
///
/// The fixtures run the same receive chain as the example patches and report each event at
/// the moment it leaves that chain, so the arrival times measure when Pd realized the events.
final class PdEcho {
  enum Chain: String {
    /// `[unpackOSC] → [pipelist] → [routeOSC /pd]`: honours bundle timetags (examples/pd/tala-receiver.pd).
    case timetagged = "echo-receiver"
    /// `[oscparse] → [list trim] → [route pd]`: plays on arrival (examples/pd/tala-receiver-vanilla.pd).
    case vanilla = "echo-receiver-vanilla"
  }

  /// The sound name of the readiness probes; reports of it are never returned as events.
  static let probeName = "__tala_probe"

  let pd: PdHarness
  /// Where Pd listens: point a sender (or a Tala target) here.
  let pdPort: UInt16
  let sender: UDPSender
  let reports: UDPReceiver

  /// Starts Pd with `chain` and waits until it answers. The listening port is one the kernel
  /// just handed out and released; should another process take it in between, Pd never
  /// answers and the start is retried on a new port (bounded).
  init(_ chain: Chain, attempts: Int = 3, readySeconds: Double = 10) throws {
    let reports = try UDPReceiver(port: 0)
    var lastError: (any Error)?
    for _ in 0..<attempts {
      let port = try UDPReceiver(port: 0).localAddress.port
      let pd = try PdHarness(abstraction: chain.rawValue, arguments: [String(port), String(reports.localAddress.port)])
      let sender = try UDPSender(host: "127.0.0.1", port: port)
      do {
        try Self.waitReady(pd: pd, sender: sender, reports: reports, seconds: readySeconds)
        self.pd = pd
        self.pdPort = port
        self.sender = sender
        self.reports = reports
        return
      } catch {
        lastError = error
        pd.stop()
      }
    }
    throw lastError ?? PdHarness.Failure(description: "Pd did not start")
  }

  /// Sends a bare `/pd <probe>` every 50 ms until Pd reports one back, then drains the
  /// reports of any probes still in flight.
  private static func waitReady(pd: PdHarness, sender: UDPSender, reports: UDPReceiver, seconds: Double) throws {
    let probe = OSCPacket.message(OSCMessage("/pd", [.string(probeName)]))
    let deadline = RealTime.nowNanoseconds() + Int64(seconds * 1e9)
    var ready = false
    while !ready && RealTime.nowNanoseconds() < deadline {
      guard pd.isRunning else {
        throw PdHarness.Failure(description: "pd exited while starting:\n\(pd.log)")
      }
      // Refused while Pd has not bound its port yet: expected, keep probing.
      let sent = Result { () throws(NetError) in try sender.send(probe) }
      if case .failure(let error) = sent, error.kind != .refused { throw error }
      if let datagram = try reports.receive(timeoutMilliseconds: 50),
        (try? OSCPacket(decoding: datagram.bytes)) != nil
      {
        ready = true
      }
    }
    guard ready else {
      throw PdHarness.Failure(description: "pd did not answer within \(seconds) s; its output:\n\(pd.log)")
    }
    var drained = 0
    while drained < 1_000, try reports.receive(timeoutMilliseconds: 100) != nil { drained += 1 }
  }

  /// Collects up to `count` realizations (probe reports skipped), waiting at most until
  /// `deadlineNanoseconds` (wall clock). Fewer than `count` means some never came.
  func collect(count: Int, untilNanoseconds deadlineNanoseconds: Int64) throws -> [Realization] {
    var realized: [Realization] = []
    while realized.count < count {
      let remaining = (deadlineNanoseconds - RealTime.nowNanoseconds()) / 1_000_000
      if remaining <= 0 { break }
      guard let datagram = try reports.receive(timeoutMilliseconds: Int32(min(remaining, 60_000))) else { break }
      let arrival = RealTime.nowNanoseconds()
      guard case .message(let message) = try OSCPacket(decoding: datagram.bytes) else { continue }
      let realization = Realization(message: message, arrivalNanoseconds: arrival)
      if realization.name == Self.probeName { continue }
      realized.append(realization)
    }
    return realized
  }

  func stop() { pd.stop() }
}

/// Summary of timing errors (milliseconds).
struct ErrorStatistics: CustomStringConvertible {
  var count: Int
  var median: Double
  var mean: Double
  var maxAbsolute: Double

  init(milliseconds errors: [Double]) {
    count = errors.count
    let sorted = errors.sorted()
    median = sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    mean = errors.isEmpty ? .nan : errors.reduce(0, +) / Double(errors.count)
    maxAbsolute = errors.map { abs($0) }.max() ?? .nan
  }

  var description: String {
    func ms(_ value: Double) -> String { String(Int((value * 1000).rounded())) + " µs" }
    return "\(count) events, error p50 \(ms(median)), mean \(ms(mean)), max |error| \(ms(maxAbsolute))"
  }
}
