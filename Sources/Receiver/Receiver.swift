import Audio
import ClockSync
import Controls
import Net
import OSC
import System

/// What a route does with a message.
public enum RouteAction: String, Sendable {
  /// Plays the sound named by the first string argument; later arguments are name/value pairs
  /// (`/py tick`, `/pd tick gain 0.8`).
  case playNamed
  /// Plays SuperDirt name/value pairs; `s` names the sound (`/dirt/play s bd n 3`).
  case playPairs

  /// Where the message keeps its sound and controls.
  var layout: SoundEvent.Layout {
    switch self {
    case .playNamed: .named
    case .playPairs: .pairs
    }
  }
}

/// An OSC address pattern and its action; the first matching route wins.
public struct Route: Sendable {
  public var pattern: OSCAddressPattern
  public var action: RouteAction

  public init(_ pattern: String, _ action: RouteAction) throws(OSCAddressPatternError) {
    self.pattern = try OSCAddressPattern(pattern)
    self.action = action
  }

  /// `/py*` and `/pd` play the named sound (the seed's server, Pd's format); `/dirt/play`
  /// plays SuperDirt messages.
  public static let defaults: [Route] = [
    try! Route("/py*", .playNamed), try! Route("/pd", .playNamed), try! Route("/dirt/play", .playPairs),
  ]
}

public struct ReceiverConfiguration: Sendable {
  public var host = "127.0.0.1"
  public var port: UInt16 = 8000
  public var latePolicy = LatePolicy.standard
  public var routes = Route.defaults
  /// One line per dispatched message on `output`.
  public var printMessages = false
  /// Stop after this many messages were dispatched, dropped or found no route.
  public var count: Int?
  /// Stop after this many seconds.
  public var seconds: Double?
  /// Pretend this machine's clock is this far ahead of the real one (for forward-sync
  /// experiments: a receiver with a wrong clock plays timetags early or late by this much).
  public var clockOffsetNanoseconds: Int64 = 0
  /// Answer `/clock/ping` with `/clock/pong`, so senders can measure this clock (`tala sync`,
  /// targets with `sync=on`).
  public var answersClockPings = true

  public init() {}
}

public struct ReceiverStatistics: Sendable {
  public var packets = 0
  public var malformed = 0
  public var messages = 0
  public var dispatched = 0
  /// Messages whose timetag had passed when they arrived (played or dropped by policy).
  public var late = 0
  public var lateDropped = 0
  public var unrouted = 0
  /// Routed messages without a sound to play (no first string, no `s`).
  public var unplayable = 0
  /// Still queued when the receiver stopped.
  public var pending = 0
  /// `/clock/ping`s answered.
  public var clockPings = 0
  /// Dispatch time minus timetag for each timetagged dispatch, in nanoseconds (at most a
  /// million kept).
  public var lateness: [Int64] = []

  var finished: Int { dispatched + lateDropped + unrouted }
}

/// `tala listen`'s engine: an OSC server that executes bundles at their timetags (forward
/// synchronization). Arrivals are decoded, routed and queued by due time; a future bundle waits,
/// an "immediately" one runs now, a past one is counted late and played or dropped by policy.
/// Sounds go to the audio engine one engine-lead ahead of their timetag, at the monotonic
/// instant the timetag names (converted through one ``WallOffset``), so the engine can put them
/// on their exact frame; the printed line and the lateness figure are taken at the timetag.
/// Time is read only from the injected clock, so a test can drive it on a ``ManualClock`` with
/// ``receive(timeoutMilliseconds:)`` and ``dispatchDue()``.
public final class Receiver {
  public let configuration: ReceiverConfiguration
  public let localAddress: SocketAddress
  private let socket: UDPReceiver
  private let audio: AudioEngine?
  private let clock: any TimeSource
  private let output: (String) -> Void
  private let report: (String) -> Void
  private let log: ((String) -> Void)?
  private var queue = DueQueue<Work>()
  private var stats = ReceiverStatistics()
  private var wall: WallOffset
  private var wallMeasuredAt: Int64
  private var reportedLate = 0
  private var unroutedAddresses: Set<String> = []

  enum Work {
    case sound(AudioEvent)
    case log(OSCMessage, Timetag)
  }

  /// Binds the socket. `audio` plays the sounds (nil: only print and measure); `output` gets
  /// the `--print` lines, `report` the warnings (late, malformed, unrouted). The kernel's
  /// receive timestamps are used only when `clock` reads the kernel's clocks.
  public init(
    configuration: ReceiverConfiguration, audio: AudioEngine?, clock: any TimeSource = SystemClock(),
    output: @escaping (String) -> Void, report: @escaping (String) -> Void, log: ((String) -> Void)? = nil
  ) throws(NetError) {
    self.configuration = configuration
    self.log = log
    self.clock = clock
    wall = WallOffset(clock: clock)
    wallMeasuredAt = clock.monotonicNanoseconds()
    socket = try UDPReceiver(
      bindingTo: try SocketAddress.resolve(host: configuration.host, port: configuration.port),
      kernelTimestamps: clock.readsKernelClocks)
    localAddress = socket.localAddress
    self.audio = audio?.isOpen == true ? audio : nil
    self.output = output
    self.report = report
  }

  public var statistics: ReceiverStatistics {
    var s = stats
    s.pending = queue.count
    return s
  }

  /// Runs until `count` or `seconds` is reached, the socket fails, or `shouldStop` says so
  /// (checked at least every 100 ms).
  public func run(shouldStop: () -> Bool = { false }) -> ReceiverStatistics {
    let start = clock.monotonicNanoseconds()
    let deadline = configuration.seconds.map { start + Int64(($0 * 1e9).rounded()) }
    while true {
      let now = dispatchDue()
      if let count = configuration.count, stats.finished >= count { break }
      if let deadline, now >= deadline { break }
      if shouldStop() { break }
      var until = now + 100_000_000
      if let next = queue.nextDue { until = min(until, next) }
      if let deadline { until = min(until, deadline) }
      let wait = until - now
      do {
        if wait > 2_000_000 {
          // Poll has millisecond resolution: wake a millisecond early, then sleep exactly (on a
          // manual clock, that sleep is what moves time; the poll did not).
          if try receive(timeoutMilliseconds: Int32((wait - 1_000_000) / 1_000_000)) == 0 {
            clock.sleep(untilMonotonic: until)
          }
        } else {
          try receive(timeoutMilliseconds: 0)
          if wait > 0 { clock.sleep(untilMonotonic: until) }
        }
      } catch {
        report("tala listen: receive failed: \(error)")
        break
      }
    }
    return statistics
  }

  /// Performs the work due at the clock's current time, re-measuring the wall offset when a
  /// second has passed since the last measurement. Returns the monotonic time it finished at.
  @discardableResult public func dispatchDue() -> Int64 {
    var now = clock.monotonicNanoseconds()
    if now - wallMeasuredAt > 1_000_000_000 {
      wall.refresh(clock: clock)
      wallMeasuredAt = now
    }
    while let (_, work) = queue.popDue(now: now) {
      perform(work)
      now = clock.monotonicNanoseconds()
    }
    return now
  }

  /// Handles what has arrived: waits up to `timeoutMilliseconds` (0: not at all) for a first
  /// datagram, then takes the rest without waiting (at most 256, so a flood cannot starve
  /// dispatch). Returns how many datagrams were handled.
  @discardableResult public func receive(timeoutMilliseconds: Int32) throws(NetError) -> Int {
    var handled = 0
    if timeoutMilliseconds > 0 {
      guard let d = try socket.receive(timeoutMilliseconds: timeoutMilliseconds) else { return 0 }
      handle(d)
      handled += 1
    }
    for _ in 0..<256 {
      guard let d = try socket.receive(timeoutMilliseconds: 0) else { break }
      handle(d)
      handled += 1
    }
    return handled
  }

  /// Wall time minus monotonic time as this receiver follows it (its `--clock-offset` included).
  private var offset: Int64 { wall.offset + configuration.clockOffsetNanoseconds }

  private func handle(_ datagram: Datagram) {
    stats.packets += 1
    let packet: OSCPacket
    do {
      packet = try OSCPacket(decoding: datagram.bytes)
    } catch {
      stats.malformed += 1
      if stats.malformed <= 10 || stats.malformed % 1000 == 0 {
        report("tala listen: malformed packet #\(stats.malformed) from \(datagram.source): \(error)")
      }
      return
    }
    let arrival = (datagram.kernelTimestamp ?? clock.realtimeNanoseconds()) + configuration.clockOffsetNanoseconds
    if configuration.answersClockPings, case .message(let m) = packet, m.address == SyncProtocol.pingAddress {
      answer(m, receivedAt: arrival, from: datagram.source)
      return
    }
    accept(packet, timetag: .immediately, arrival: arrival)
  }

  /// `/clock/pong id T1 T2 T3` at once, times in this receiver's clock (offset included).
  private func answer(_ ping: OSCMessage, receivedAt t2: Int64, from source: SocketAddress) {
    guard
      let pong = SyncProtocol.pong(
        to: ping, receivedAt: t2, sendingAt: clock.realtimeNanoseconds() + configuration.clockOffsetNanoseconds),
      let bytes = try? OSCPacket.message(pong).encoded()
    else {
      stats.malformed += 1
      return
    }
    stats.clockPings += 1
    try? socket.send(bytes, to: source)
  }

  private func accept(_ packet: OSCPacket, timetag: Timetag, arrival: Int64) {
    switch packet {
    case .bundle(let b):
      // A nested bundle keeps its own time, unless it says "immediately" inside a timed one.
      let t = b.timetag.isImmediately ? timetag : b.timetag
      for element in b.elements { accept(element, timetag: t, arrival: arrival) }
    case .message(let m):
      stats.messages += 1
      schedule(m, timetag: timetag, arrival: arrival)
    }
  }

  private func schedule(_ message: OSCMessage, timetag: Timetag, arrival: Int64) {
    guard let route = configuration.routes.first(where: { $0.pattern.matches(message.address) }) else {
      stats.unrouted += 1
      if unroutedAddresses.insert(message.address).inserted {
        report("tala listen: no route for \(message.address) (ignored)")
      }
      return
    }
    // The timetag as an instant of the monotonic clock the engine maps to frames.
    let due = timetag.roundedUnixNanoseconds - offset
    var soundEvent: AudioEvent?
    if audio != nil {
      let time = timetag.isImmediately ? AudioTime.immediately : .monotonic(nanoseconds: due)
      soundEvent = Self.event(for: message, action: route.action, time: time)
      if soundEvent == nil { stats.unplayable += 1 }
    }
    if timetag.isImmediately {
      if let soundEvent { perform(.sound(soundEvent)) }
      perform(.log(message, timetag))
      return
    }
    let lateness = arrival - timetag.roundedUnixNanoseconds
    if lateness > 0 {
      stats.late += 1
      let plays = configuration.latePolicy.plays(lateness: Double(lateness) / 1e9)
      if !plays { stats.lateDropped += 1 }
      reportedLate += 1
      if reportedLate <= 20 || reportedLate % 1000 == 0 {
        report(
          "tala listen: \(message.address) arrived \(Self.milliseconds(lateness)) ms late, "
            + (plays ? "played now" : "dropped (--late \(configuration.latePolicy))"))
      }
      if !plays { return }
    }
    if let soundEvent {
      let lead = Int64(((audio?.lead ?? 0) * 1e9).rounded())
      queue.push(.sound(soundEvent), due: due - lead)
    }
    queue.push(.log(message, timetag), due: due)
  }

  private func perform(_ work: Work) {
    switch work {
    case .sound(let e): audio?.play(e)
    case .log(let m, let t):
      stats.dispatched += 1
      let real = clock.realtimeNanoseconds()
      if let log {
        let tag = t.isImmediately ? "\"immediately\"" : "\"\(t.hexString)\""
        log(
          "{\"dispatched\":\(real),\"timetag\":\(tag),\"address\":\(jsonString(m.address)),\"args\":\(m.argumentsJSON)}"
        )
      }
      if t.isImmediately {
        if configuration.printMessages { output("immediately " + Self.text(m)) }
        return
      }
      let late = real + configuration.clockOffsetNanoseconds - t.roundedUnixNanoseconds
      if stats.lateness.count < 1_000_000 { stats.lateness.append(late) }
      if configuration.printMessages { output("\(t.utcString) late \(Self.milliseconds(late)) ms \(Self.text(m))") }
    }
  }

  /// The audio event a message asks for (read by `SoundEvent`), or `nil` when it names no
  /// sound.
  public static func event(for message: OSCMessage, action: RouteAction, time: AudioTime) -> AudioEvent? {
    SoundEvent(message, layout: action.layout).map { AudioEvent(time: time, $0) }
  }

  /// `/py tick` / `/dirt/play s bd n 3`: address, then arguments as plain words.
  static func text(_ m: OSCMessage) -> String {
    var out = m.address
    for a in m.arguments {
      out += " "
      switch a {
      case .string(let s), .symbol(let s): out += s
      case .int32(let i): out += String(i)
      case .int64(let i): out += String(i)
      case .float32(let f): out += String(f)
      case .float64(let d): out += String(d)
      default:
        let json = OSCMessage("", [a]).argumentsJSON
        out += String(json.dropFirst().dropLast())
      }
    }
    return out
  }

  /// `+0.214` / `-3.210`: signed milliseconds with microsecond digits.
  static func milliseconds(_ nanoseconds: Int64) -> String {
    let micros = (nanoseconds.magnitude + 500) / 1000
    let fraction = String(micros % 1000)
    return (nanoseconds < 0 ? "-" : "+") + String(micros / 1000) + "."
      + String(repeating: "0", count: 3 - fraction.count) + fraction
  }
}
