import ArgumentParser
import Net
import OSC
import System

#if canImport(Glibc)
  import Glibc
#endif

/// `tala monitor`: print every OSC packet that arrives on a UDP port.
struct MonitorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "monitor",
    abstract: "Print every OSC packet received on a UDP port, with timetags in UTC and lateness.",
    discussion: """
      Each packet is one line: arrival time (UTC), sender, then for a bundle its timetag in UTC \
      and how far ahead (+) or late (-) it arrived in milliseconds, or for a bare message its \
      address, type tags and arguments. A bundle's elements follow on indented lines (nested \
      bundles further indented). Malformed packets are shown with the error and byte offset.

      Ctrl-C (or SIGTERM) stops it with a summary on stderr. `--count` and `--seconds` stop it \
      on their own. Port 0 picks a free port; the address listened on is printed to stderr.

      --json prints one JSON object per line instead:
        {"arrival":UTC,"from":"host:port","ahead_ms":N|null,"packet":JSON form}
        {"arrival":UTC,"from":"host:port","malformed":"message","offset":N,"bytes":N}
      """
  )

  @Option(help: "Address to listen on (127.0.0.1 unless given; 0.0.0.0 or :: listen everywhere).")
  var host = "127.0.0.1"

  @Argument(help: "UDP port to listen on (0: any free port).")
  var port: UInt16

  @Flag(help: "Print one JSON object per line.")
  var json = false

  @Option(help: "Stop after this many packets.")
  var count: Int?

  @Option(help: "Stop after this many seconds.")
  var seconds: Double?

  func run() throws {
    var signals = StopSignals.block()

    let receiver: UDPReceiver
    do { receiver = try UDPReceiver(host: host, port: port) } catch { throw CLIError(error.description) }
    printError("tala monitor: listening on \(receiver.localAddress) (Ctrl-C to stop)")
    let deadline = seconds.map { SystemClock().monotonicNanoseconds() + Int64($0 * 1e9) }
    var stats = MonitorStatistics()
    // Datagrams are taken in batches and validated in place; only what is printed is built.
    let batch = DatagramBatch(capacity: 32)
    receiving: while count.map({ stats.packets < $0 }) ?? true {
      if signals.received() { break }
      var wait: Int64 = 100
      if let deadline {
        let left = deadline - SystemClock().monotonicNanoseconds()
        if left <= 0 { break }
        wait = min(wait, (left + 999_999) / 1_000_000)
      }
      let taken: Int
      do { taken = try receiver.receive(into: batch, timeoutMilliseconds: Int32(wait)) } catch {
        throw CLIError(error.description)
      }
      let arrival = SystemClock().realtimeNanoseconds()
      for index in 0..<taken {
        if let count, stats.packets >= count { break receiving }
        let datagram = batch[index]
        print(stats.record(datagram.bytes, from: datagram.source, arrival: arrival, json: json))
        fflush(nil)  // one line per packet even when stdout is a pipe
      }
    }
    if batch.kernelDrops > 0 { printError("tala monitor: the kernel dropped \(batch.kernelDrops) datagrams") }
    printError(stats.summary)
  }
}

/// Counts and early/late figures for the summary; formats each received datagram.
struct MonitorStatistics {
  var packets = 0
  var bytes = 0
  var malformed = 0
  var stamped = 0
  var late = 0
  var minimumAhead = Int64.max
  var maximumAhead = Int64.min
  var totalAhead: Int64 = 0

  /// One datagram's line(s); `datagram` is validated in place and only decoded to be printed.
  mutating func record(_ datagram: UnsafeRawBufferPointer, from source: SocketAddress, arrival: Int64, json: Bool)
    -> String
  {
    packets += 1
    bytes += datagram.count
    let arrivalText = UTC.format(unixNanoseconds: arrival)
    let view: OSCPacketView
    do {
      view = try OSCPacketView(validating: datagram)
    } catch {
      malformed += 1
      if json {
        return "{\"arrival\":\"\(arrivalText)\",\"from\":\"\(source)\",\"malformed\":"
          + jsonString(error.reason) + ",\"offset\":\(error.offset),\"bytes\":\(datagram.count)}"
      }
      return "\(arrivalText)  \(source)  MALFORMED (\(datagram.count) bytes): \(error.description)"
    }
    let packet = view.decoded()
    var ahead: Int64?
    if case .bundle(let bundle) = packet, !bundle.timetag.isImmediately {
      let delta = bundle.timetag.unixNanoseconds - arrival
      ahead = delta
      stamped += 1
      if delta < 0 { late += 1 }
      minimumAhead = min(minimumAhead, delta)
      maximumAhead = max(maximumAhead, delta)
      totalAhead += delta
    }
    if json {
      let aheadText = ahead.map { jsonMilliseconds($0) } ?? "null"
      return
        "{\"arrival\":\"\(arrivalText)\",\"from\":\"\(source)\",\"ahead_ms\":\(aheadText),\"packet\":\(packet.json)}"
    }
    var lines: [String] = []
    describe(packet, arrival: arrival, indent: 0, into: &lines)
    return "\(arrivalText)  \(source)  " + lines.joined(separator: "\n")
  }

  private func describe(_ packet: OSCPacket, arrival: Int64, indent: Int, into lines: inout [String]) {
    let pad = String(repeating: "    ", count: indent)
    switch packet {
    case .message(let message):
      lines.append(pad + monitorText(message))
    case .bundle(let bundle):
      if bundle.timetag.isImmediately {
        lines.append(pad + "bundle immediately (\(bundle.elements.count) elements)")
      } else {
        let delta = bundle.timetag.unixNanoseconds - arrival
        lines.append(
          pad + "bundle \(bundle.timetag.utcString) \(milliseconds(delta)) ms (\(bundle.elements.count) elements)")
      }
      for element in bundle.elements { describe(element, arrival: arrival, indent: indent + 1, into: &lines) }
    }
  }

  var summary: String {
    var text = "tala monitor: \(packets) packets, \(bytes) bytes, \(malformed) malformed"
    if stamped > 0 {
      text += "; \(stamped) timetagged bundles: \(stamped - late) early, \(late) late; ahead min "
      text +=
        "\(milliseconds(minimumAhead)) ms, mean \(milliseconds(totalAhead / Int64(stamped))) ms, max \(milliseconds(maximumAhead)) ms"
    }
    return text
  }
}

/// `+12.345` / `-3.210`: signed milliseconds with microsecond digits.
func milliseconds(_ nanoseconds: Int64) -> String {
  let micros = (nanoseconds.magnitude + 500) / 1000
  let fraction = String(micros % 1000)
  return (nanoseconds < 0 ? "-" : "+") + String(micros / 1000) + "." + String(repeating: "0", count: 3 - fraction.count)
    + fraction
}

/// Milliseconds as a JSON number (no `+`).
func jsonMilliseconds(_ nanoseconds: Int64) -> String {
  let text = milliseconds(nanoseconds)
  return text.hasPrefix("+") ? String(text.dropFirst()) : text
}

/// `/address ,types [args as JSON]` for the monitor's text lines.
func monitorText(_ message: OSCMessage) -> String {
  "\(message.address) \(message.typeTags) \(message.argumentsJSON)"
}

func printError(_ text: String) {
  var line = text + "\n"
  fflush(nil)
  line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
