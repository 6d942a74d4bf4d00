import ArgumentParser
import Net
import OSC
import System
import Time

/// `tala send`: send one OSC message, optionally in a timetagged bundle.
struct SendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "send",
    abstract: "Send one OSC message over UDP (in a bundle when --at or --in gives a time).",
    discussion: """
      Argument types are inferred (1 → i, 2.5 → f, anything else → s) unless --types gives \
      them, one letter per argument: i h f d s S c b (hex) t (timetag) r m (4 numbers a,b,c,d) \
      and T F N I (these take no argument). Negative numbers are fine as arguments.

      Examples:
        tala send 127.0.0.1:57120 /dirt/play s bd n 3 --in 0.2
        tala send [::1]:9000 /pd tick --types s
        tala send localhost:9000 /at 1 --at 2026-11-24T18:00:00.5Z
      """
  )

  @Argument(help: "Destination HOST:PORT ([IPv6]:PORT for IPv6).")
  var destination: String

  @Argument(help: "OSC address, e.g. /dirt/play.")
  var address: String

  @Argument(parsing: .allUnrecognized, help: "Argument values.")
  var values: [String] = []

  @Option(help: "Type tags, e.g. ifs (a leading comma is optional).")
  var types: String?

  @Option(help: "Send in a bundle with this timetag (hex, integer, NTP seconds, or UTC).")
  var at: String?

  @Option(name: .customLong("in"), help: "Send in a bundle timetagged now + this many seconds.")
  var delay: String?

  func run() throws {
    let message = OSCMessage(address, try sendArguments(values, types: types))
    guard address.utf8.first == UInt8(ascii: "/") else { throw CLIError("the address must start with '/'") }
    var packet = OSCPacket.message(message)
    if at != nil && delay != nil { throw CLIError("give either --at or --in, not both") }
    if let at {
      do { packet = .bundle(OSCBundle(timetag: try Timetag(parsing: at), [packet])) } catch {
        throw CLIError(error.description)
      }
    } else if let delay {
      guard let offset = DecimalSeconds.nanoseconds(delay, signed: true) else {
        throw CLIError("invalid --in '\(delay)': expected seconds like 0.5")
      }
      let (then, overflow) = SystemClock().realtimeNanoseconds().addingReportingOverflow(offset)
      guard !overflow, let timetag = Timetag(unixNanoseconds: then) else {
        throw CLIError("--in \(delay) is outside the timetag range")
      }
      packet = .bundle(OSCBundle(timetag: timetag, [packet]))
    }
    do {
      let sender = try UDPSender(to: SocketAddress.parse(destination))
      try sender.send(packet)
      // An ICMP refusal comes back within a round trip; on loopback that is microseconds.
      if let error = sender.pendingError(waitingMilliseconds: 50) {
        printError(
          "tala send: warning: \(destination): \(error.description)\(error.kind == .refused ? " (nothing is listening there)" : "")"
        )
      }
    } catch {
      if error.kind == .refused {
        printError("tala send: warning: \(destination): \(error.description) (nothing is listening there)")
      } else {
        throw CLIError(error.description)
      }
    }
  }
}

/// Converts command-line values to OSC arguments, by `types` or inferred.
func sendArguments(_ values: [String], types: String?) throws -> [OSCArgument] {
  guard let types else {
    return values.map { value in
      if let int = Int32(value) { return .int32(int) }
      if let first = value.unicodeScalars.first, "+-.0123456789".unicodeScalars.contains(first),
        let float = Float(value), float.isFinite
      {
        return .float32(float)
      }
      return .string(value)
    }
  }
  var tags = Array(types.unicodeScalars)
  if tags.first == "," { tags.removeFirst() }
  var remaining = values[...]
  var result: [OSCArgument] = []
  for tag in tags {
    func next() throws -> String {
      guard let value = remaining.popFirst() else { throw CLIError("type '\(tag)' has no value") }
      return value
    }
    func bad(_ value: String, _ expected: String) -> CLIError {
      CLIError("'\(value)' is not \(expected) (type '\(tag)')")
    }
    switch tag {
    case "T": result.append(.true)
    case "F": result.append(.false)
    case "N": result.append(.nil)
    case "I": result.append(.impulse)
    case "i":
      let v = try next()
      guard let n = Int32(v) else { throw bad(v, "a 32-bit integer") }
      result.append(.int32(n))
    case "h":
      let v = try next()
      guard let n = Int64(v) else { throw bad(v, "a 64-bit integer") }
      result.append(.int64(n))
    case "f":
      let v = try next()
      guard let n = Float(v), n.isFinite || ["nan", "inf", "-inf"].contains(v) else { throw bad(v, "a number") }
      result.append(.float32(n))
    case "d":
      let v = try next()
      guard let n = Double(v), n.isFinite || ["nan", "inf", "-inf"].contains(v) else { throw bad(v, "a number") }
      result.append(.float64(n))
    case "s": result.append(.string(try next()))
    case "S": result.append(.symbol(try next()))
    case "c":
      let v = try next()
      guard v.unicodeScalars.count == 1, let c = v.unicodeScalars.first else { throw bad(v, "one character") }
      result.append(.character(c))
    case "b":
      let v = try next()
      guard let blob = bytes(fromHex: v) else { throw bad(v, "hex bytes") }
      result.append(.blob(blob))
    case "t":
      let v = try next()
      do { result.append(.timetag(try Timetag(parsing: v))) } catch { throw CLIError(error.description) }
    case "r":
      let v = try next()
      guard let n = UInt32(v) ?? (v.hasPrefix("0x") ? UInt32(v.dropFirst(2), radix: 16) : nil) else {
        throw bad(v, "an unsigned 32-bit integer")
      }
      result.append(.rgba(n))
    case "m":
      let v = try next()
      let parts = v.split(separator: ",").compactMap { UInt8($0) }
      guard parts.count == 4, v.split(separator: ",").count == 4 else { throw bad(v, "4 bytes a,b,c,d") }
      result.append(.midi(MIDIMessage(port: parts[0], status: parts[1], data1: parts[2], data2: parts[3])))
    default: throw CLIError("unsupported type '\(tag)' (arrays cannot be sent from the command line)")
    }
  }
  guard remaining.isEmpty else { throw CLIError("\(remaining.count) more values than --types describes") }
  return result
}
