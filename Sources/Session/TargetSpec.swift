import Controls
import Net
import Scheduler
import Time

/// A target as the user describes it (`grammar`), for `:target add` and `--target`.
public struct TargetSpec: Sendable, Equatable, CustomStringConvertible {
  /// How a target is written: the one statement of it for usage lines and help.
  public static let grammar =
    "NAME HOST:PORT [format=pd|superdirt] [latency=SECONDS|auto] [mode=bundle|immediate] [sync=on|off]"

  public var name: String
  public var host: String
  public var port: UInt16
  public var format: MessageFormat
  public var latencyNanoseconds: Int64
  public var mode: StampMode
  /// Follow the receiver's clock, measured by `/clock/ping` (the receiver must answer: `tala
  /// listen` does).
  public var sync = false
  /// Latency chosen from the measured path and kept up to date.
  public var autoLatency = false

  public static let defaultLatencyNanoseconds: Int64 = 100_000_000

  public init(
    name: String, host: String, port: UInt16, format: MessageFormat = .pd,
    latencyNanoseconds: Int64 = TargetSpec.defaultLatencyNanoseconds, mode: StampMode = .bundle
  ) {
    self.name = name
    self.host = host
    self.port = port
    self.format = format
    self.latencyNanoseconds = latencyNanoseconds
    self.mode = mode
  }

  /// The default target: Pure Data on this machine, port 8001, bundles 0.1 s ahead.
  public static let pureData = TargetSpec(name: "pd", host: "127.0.0.1", port: 8001)

  /// Parses the words after `:target add`.
  public static func parse(_ words: [String], defaultLatency: Int64 = defaultLatencyNanoseconds) throws(SessionError)
    -> TargetSpec
  {
    guard words.count >= 2 else { throw SessionError("usage: :target add \(grammar)") }
    let name = words[0]
    guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
      throw SessionError("target names use letters, digits, '-' and '_': '\(name)'")
    }
    let (host, port) = try hostAndPort(words[1])
    var spec = TargetSpec(name: name, host: host, port: port, latencyNanoseconds: defaultLatency)
    for option in words.dropFirst(2) {
      let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { throw SessionError("expected key=value, got '\(option)'") }
      switch parts[0] {
      case "format":
        guard let f = MessageFormat(rawValue: parts[1]) else {
          throw SessionError("unknown format '\(parts[1])': use pd or superdirt")
        }
        spec.format = f
      case "latency" where parts[1] == "auto":
        spec.autoLatency = true
      case "latency":
        spec.latencyNanoseconds = try seconds(parts[1])
      case "sync":
        guard ["on", "off"].contains(parts[1]) else { throw SessionError("sync= takes on or off, got '\(parts[1])'") }
        spec.sync = parts[1] == "on"
      case "mode":
        guard let m = StampMode(rawValue: parts[1]) else {
          throw SessionError("unknown mode '\(parts[1])': use bundle or immediate")
        }
        spec.mode = m
      default:
        throw SessionError("unknown option '\(parts[0])': use format=, latency=, mode= or sync=")
      }
    }
    return spec
  }

  /// `HOST:PORT`, `[IPv6]:PORT` or a bare port (127.0.0.1), as `SocketAddress` reads them; a
  /// target needs a port other than 0.
  static func hostAndPort(_ text: String) throws(SessionError) -> (String, UInt16) {
    let address: (host: String, port: UInt16)
    do { address = try SocketAddress.split(text) } catch { throw SessionError(error.message) }
    guard address.port > 0 else { throw SessionError("invalid port in '\(text)'") }
    return address
  }

  /// Decimal seconds (`0.1`, `0`, `.25`, `2.`) to nanoseconds (`DecimalSeconds`); no
  /// negatives, at most `limit` (10 s for latencies).
  public static func seconds(_ text: String, limit: Int64? = 10_000_000_000) throws(SessionError) -> Int64 {
    guard let ns = DecimalSeconds.nanoseconds(text) else {
      throw SessionError("expected seconds such as 0.1, got '\(text)'")
    }
    if let limit, ns > limit { throw SessionError("more than \(limit / 1_000_000_000) s: '\(text)'") }
    return ns
  }

  public var description: String {
    let host = self.host.contains(":") ? "[\(self.host)]" : self.host
    let latency = autoLatency ? "auto" : SessionText.seconds(latencyNanoseconds)
    return "\(name) \(host):\(port) format=\(format.rawValue) latency=\(latency) mode=\(mode.rawValue)"
      + (sync ? " sync=on" : "")
  }
}

/// A problem with a session command (not with a pattern: those are `LanguageError`s).
public struct SessionError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

enum SessionText {
  /// Nanoseconds as decimal seconds without trailing zeros (`0.1`, `0.025`, `2`).
  static func seconds(_ ns: Int64) -> String {
    let whole = ns / 1_000_000_000
    var frac = String(ns % 1_000_000_000)
    frac = String(repeating: "0", count: 9 - frac.count) + frac
    while frac.hasSuffix("0") { frac.removeLast() }
    return frac.isEmpty ? "\(whole)" : "\(whole).\(frac)"
  }

  static func millis(_ ns: Int64) -> String {
    let us = (abs(ns) + 500) / 1000
    let f = String(us % 1000)
    return "\(ns < 0 ? "-" : "")\(us / 1000).\(String(repeating: "0", count: 3 - f.count))\(f)"
  }
}
