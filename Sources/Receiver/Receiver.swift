import Audio
import ClockSync
import Controls
import Net
import OSC
import System

/// `tala listen`'s engine: an OSC server that executes bundles at their timetags (forward
/// synchronization). Arrivals are validated in place (`OSCPacketView`), routed and queued by due
/// time; a future bundle waits, an "immediately" one runs now, a past one is counted late and
/// played or dropped by policy. Only what is played or printed is built: the sound event when
/// there is an engine, the message itself when lines are printed or logged.
/// Sounds go to the audio engine one engine-lead ahead of their timetag, at the monotonic
/// instant the timetag names (converted through one ``WallOffset``), so the engine can put them
/// on their exact frame; the printed line and the lateness figure are taken at the timetag.
///
/// Under a flood it stays bounded: at most `maxQueued` messages wait (when full, the one due
/// last is dropped, so what is due soonest stays), timetags more than `maxAhead` ahead are refused, drops are counted and reported at most once a second, and
/// datagrams are taken in batches (`recvmmsg`) between dispatches, so what is due still runs
/// on time. Time is read only from the injected clock, so a test can drive it on a
/// ``ManualClock`` with ``receive(timeoutMilliseconds:)`` and ``dispatchDue()``.
public final class Receiver {
  public let configuration: ReceiverConfiguration
  public let localAddress: SocketAddress
  private let socket: UDPReceiver
  private let batch = DatagramBatch(capacity: 64)
  private let audio: AudioEngine?
  private let clock: any TimeSource
  private let output: (String) -> Void
  private let report: (String) -> Void
  private let log: ((String) -> Void)?
  private var queue = DueQueue<Work>()
  private var queuedMessages = 0
  private var stats = ReceiverStatistics()
  private var wall: WallOffset
  private var wallMeasuredAt: Int64
  private var reportedLate = 0
  private var drops: DropReport
  /// Address → index of its route (−1: none); cleared when it grows past `routeCacheLimit`.
  private var routeCache: [String: Int] = [:]
  private static let routeCacheLimit = 1024
  private var unroutedAddresses: Set<String> = []
  private let keepsMessages: Bool
  private let maxAheadNanoseconds: Int64

  enum Work {
    /// A message's sound, one engine lead before its timetag.
    case sound(AudioEvent, message: Int)
    /// A message's dispatch at its timetag: the lateness figure, and the message itself when it
    /// is printed or logged.
    case dispatch(Timetag, OSCMessage?, message: Int)
  }

  /// Numbers the queued messages, so a message dropped from a full queue takes its sound along.
  private var messageNumber = 0
  /// Messages dropped from the queue whose sounds are still in it (only with audio).
  private var cancelledSounds: Set<Int> = []

  /// Binds the socket and asks for `configuration.receiveBufferBytes` of kernel buffer.
  /// `audio` plays the sounds (nil: only print and measure); `output` gets
  /// the `--print` lines, `report` the warnings (late, malformed, unrouted, drops). The kernel's
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
    stats.receiveBufferBytes = socket.requestReceiveBuffer(bytes: configuration.receiveBufferBytes)
    localAddress = socket.localAddress
    self.audio = audio?.isOpen == true ? audio : nil
    self.output = output
    self.report = report
    keepsMessages = configuration.printMessages || log != nil
    maxAheadNanoseconds = Int64((min(max(configuration.maxAhead, 0), 1e9) * 1e9).rounded())
    drops = DropReport(startedAt: wallMeasuredAt)
  }

  public var statistics: ReceiverStatistics {
    var s = stats
    s.pending = queuedMessages
    s.kernelDropped = Int(batch.kernelDrops)
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
        } else if try receive(timeoutMilliseconds: 0) == 0, wait > 0 {
          // Sleep only when nothing is waiting; under a flood, go straight back to dispatch.
          clock.sleep(untilMonotonic: until)
        }
      } catch {
        report("tala listen: receive failed: \(error)")
        break
      }
    }
    drops.flush(stats: statistics, report: report)
    return statistics
  }

  /// Performs the work due at the clock's current time, re-measuring the wall offset when a
  /// second has passed since the last measurement, and reports drops (at most once a second).
  /// Returns the monotonic time it finished at.
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
    drops.reportIfDue(now: now, stats: statistics, report: report)
    return now
  }

  /// Handles what has arrived: waits up to `timeoutMilliseconds` (0: not at all) for a first
  /// datagram, then takes the rest without waiting, in batches, at most 256 datagrams (so a
  /// flood cannot starve dispatch). Returns how many datagrams were handled.
  @discardableResult public func receive(timeoutMilliseconds: Int32) throws(NetError) -> Int {
    var handled = 0
    var timeout = timeoutMilliseconds
    while handled < 256 {
      let taken = try socket.receive(into: batch, timeoutMilliseconds: timeout)
      if taken == 0 { break }
      timeout = 0
      for index in 0..<taken { handle(batch[index]) }
      handled += taken
      if taken < batch.capacity { break }
    }
    return handled
  }

  /// Wall time minus monotonic time as this receiver follows it (its `--clock-offset` included).
  private var offset: Int64 { wall.offset + configuration.clockOffsetNanoseconds }

  private func handle(_ datagram: ReceivedDatagram) {
    stats.packets += 1
    let packet: OSCPacketView
    do {
      packet = try OSCPacketView(validating: datagram.bytes)
    } catch {
      return malformed(error, from: datagram)
    }
    let arrival = (datagram.kernelTimestamp ?? clock.realtimeNanoseconds()) + configuration.clockOffsetNanoseconds
    if configuration.answersClockPings, case .message(let m) = packet, m.addressEquals(SyncProtocol.pingAddress) {
      answer(m.decoded(), receivedAt: arrival, from: datagram.source)
      return
    }
    accept(packet, timetag: .immediately, arrival: arrival)
  }

  private func malformed(_ error: OSCDecodeError, from datagram: ReceivedDatagram) {
    stats.malformed += 1
    if stats.malformed <= 10 || stats.malformed % 1000 == 0 {
      report("tala listen: malformed packet #\(stats.malformed) from \(datagram.source): \(error)")
    }
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

  private func accept(_ packet: OSCPacketView, timetag: Timetag, arrival: Int64) {
    switch packet {
    case .bundle(let b):
      // A nested bundle keeps its own time, unless it says "immediately" inside a timed one.
      let own = b.timetag
      let t = own.isImmediately ? timetag : own
      for element in b.elements { accept(element, timetag: t, arrival: arrival) }
    case .message(let m):
      stats.messages += 1
      // The flood limits come first and cost no allocation: a dropped message is only counted.
      if !timetag.isImmediately {
        if timetag.roundedUnixNanoseconds - arrival > maxAheadNanoseconds {
          stats.droppedTooFarAhead += 1
          return
        }
        if queuedMessages >= configuration.maxQueued, !makeRoom(before: timetag.roundedUnixNanoseconds - offset) {
          stats.droppedQueueFull += 1
          return
        }
      }
      schedule(m, timetag: timetag, arrival: arrival)
    }
  }

  /// With the queue full, keeps what is due soonest: drops the latest message if it is due
  /// after `due` and returns true (there is room), else returns false (drop the newcomer).
  private func makeRoom(before due: Int64) -> Bool {
    while let latest = queue.latestDue, latest > due, let (_, work) = queue.popLatest() {
      switch work {
      case .dispatch(_, _, let number):
        queuedMessages -= 1
        stats.droppedQueueFull += 1
        if audio != nil { cancelledSounds.insert(number) }
        return true
      case .sound(_, let number):
        // Its dispatch (later) was dropped already.
        cancelledSounds.remove(number)
      }
    }
    return false
  }

  /// The route for `address`, through a bounded cache (matching a pattern allocates).
  private func route(for address: String) -> Route? {
    if let index = routeCache[address] { return index < 0 ? nil : configuration.routes[index] }
    let index = configuration.routes.firstIndex { $0.pattern.matches(address) }
    if routeCache.count >= Self.routeCacheLimit { routeCache.removeAll(keepingCapacity: true) }
    routeCache[address] = index ?? -1
    return index.map { configuration.routes[$0] }
  }

  private func schedule(_ view: OSCMessageView, timetag: Timetag, arrival: Int64) {
    let address = view.address
    guard let route = route(for: address) else {
      stats.unrouted += 1
      // Named once each; a flood of distinct addresses stops adding names after 100.
      if unroutedAddresses.count < 100, unroutedAddresses.insert(address).inserted {
        report("tala listen: no route for \(address) (ignored)")
      }
      return
    }
    // The timetag as an instant of the monotonic clock the engine maps to frames.
    let due = timetag.roundedUnixNanoseconds - offset
    var soundEvent: AudioEvent?
    if audio != nil {
      let time = timetag.isImmediately ? AudioTime.immediately : .monotonic(nanoseconds: due)
      soundEvent = Self.event(for: view, action: route.action, time: time)
      if soundEvent == nil { stats.unplayable += 1 }
    }
    let message = keepsMessages ? view.decoded() : nil
    messageNumber += 1
    if timetag.isImmediately {
      if let soundEvent { perform(.sound(soundEvent, message: messageNumber)) }
      perform(.dispatch(timetag, message, message: messageNumber))
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
          "tala listen: \(address) arrived \(Self.milliseconds(lateness)) ms late, "
            + (plays ? "played now" : "dropped (--late \(configuration.latePolicy))"))
      }
      if !plays { return }
    }
    if let soundEvent {
      let lead = Int64(((audio?.lead ?? 0) * 1e9).rounded())
      queue.push(.sound(soundEvent, message: messageNumber), due: due - lead)
    }
    queue.push(.dispatch(timetag, message, message: messageNumber), due: due)
    queuedMessages += 1
  }

  private func perform(_ work: Work) {
    switch work {
    case .sound(let e, let number):
      if cancelledSounds.isEmpty || cancelledSounds.remove(number) == nil { audio?.play(e) }
    case .dispatch(let t, let m, _):
      stats.dispatched += 1
      if !t.isImmediately { queuedMessages -= 1 }
      let real = clock.realtimeNanoseconds()
      if let log, let m {
        let tag = t.isImmediately ? "\"immediately\"" : "\"\(t.hexString)\""
        log(
          "{\"dispatched\":\(real),\"timetag\":\(tag),\"address\":\(jsonString(m.address)),\"args\":\(m.argumentsJSON)}"
        )
      }
      if t.isImmediately {
        if configuration.printMessages, let m { output("immediately " + Self.text(m)) }
        return
      }
      let late = real + configuration.clockOffsetNanoseconds - t.roundedUnixNanoseconds
      if stats.lateness.count < 1_000_000 { stats.lateness.append(late) }
      if configuration.printMessages, let m {
        output("\(t.utcString) late \(Self.milliseconds(late)) ms \(Self.text(m))")
      }
    }
  }

  /// The audio event a message asks for (read by `SoundEvent`), or `nil` when it names no
  /// sound.
  public static func event(for message: OSCMessage, action: RouteAction, time: AudioTime) -> AudioEvent? {
    SoundEvent(message, layout: action.layout).map { AudioEvent(time: time, $0) }
  }

  /// The same for a message read in place.
  public static func event(for message: OSCMessageView, action: RouteAction, time: AudioTime) -> AudioEvent? {
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
