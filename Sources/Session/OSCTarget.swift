import ClockSync
import Net
import OSC
import Scheduler
import Synchronization
import System

/// An OSC destination fed by the scheduler: each event becomes one message, alone in a bundle
/// stamped with its time (bundle mode) or with "immediately" (immediate mode).
public final class OSCTarget: Output {
  public let spec: TargetSpec
  private let sender: UDPSender
  /// Whether the last send was refused (nobody listening): reported once, not every frame.
  private let refused = Atomic<Bool>(false)
  private let cleanSends = Atomic<Int>(0)
  /// Events without a sound are not sent; the musician is told once.
  private let toldAboutMissingSound = Atomic<Bool>(false)
  private let notify: @Sendable (String) -> Void

  /// Measures the receiver's clock when the target follows it or chooses its latency.
  public let sync: ClockSyncClient?
  let follower: Shared<ClockFollower>
  let clock: any TimeSource

  public init(
    _ spec: TargetSpec, clock: any TimeSource = SystemClock(), frameNanoseconds: Int64 = 10_000_000,
    notify: @escaping @Sendable (String) -> Void = { _ in }
  ) throws(SessionError) {
    self.spec = spec
    self.clock = clock
    self.notify = notify
    follower = Shared(ClockFollower(latency: spec.latencyNanoseconds))
    do {
      sender = try UDPSender(host: spec.host, port: spec.port)
      if spec.sync || spec.autoLatency {
        let follower = self.follower
        sync = try ClockSyncClient(peer: sender.destination, clock: clock) { client in
          guard let estimate = client.estimate else { return }
          let now = clock.monotonicNanoseconds()
          let budget = LatencyBudget(
            estimate: estimate, frame: frameNanoseconds, sendLatenessP99: client.wakeLatenessP99,
            receiverGranularity: 1_000_000)
          let message = follower.withLock { f in
            if spec.sync { f.follow(estimate.offset, now: now) }
            return spec.autoLatency ? f.choose(budget) : nil
          }
          if let message { notify("target \(spec.name): latency \(message)") }
        }
      } else {
        sync = nil
      }
    } catch {
      throw SessionError("target \(spec.name): \(error.description)")
    }
    sync?.start()
  }

  deinit { sync?.stop() }

  public var name: String { spec.name }
  public var latencyNanoseconds: Int64 { follower.withLock { $0.latency } }
  public var clockOffsetNanoseconds: Int64 {
    let now = clock.monotonicNanoseconds()
    return follower.withLock { $0.offset(at: now) }
  }
  public var mode: StampMode { spec.mode }

  public func deliver(_ deliveries: [Delivery]) throws {
    var firstError: NetError?
    for d in deliveries {
      guard let message = spec.format.message(for: d.event) else {
        if !toldAboutMissingSound.exchange(true, ordering: .relaxed) {
          notify(
            "target \(spec.name): events without a sound (s) are not sent, as Tidal's SuperDirt target requires it")
        }
        continue
      }
      let packet = OSCPacket.bundle(OSCBundle(timetag: d.timetag, [.message(message)]))
      do {
        try sender.send(packet)
        // Several clean sends in a row: the receiver is (back) up; a new refusal is news.
        if cleanSends.add(1, ordering: .relaxed).newValue >= 8 { refused.store(false, ordering: .relaxed) }
      } catch {
        cleanSends.store(0, ordering: .relaxed)
        if error.kind == .refused {
          // Linux reports the refusal of an earlier datagram on this send, which did not go
          // out: send it again so this event is not lost to an old error. Say so once.
          _ = try? sender.send(packet)
          if refused.exchange(true, ordering: .relaxed) { continue }
        }
        if firstError == nil { firstError = error }
      }
    }
    if let firstError {
      throw SessionError(
        firstError.kind == .refused
          ? "nothing is listening at \(spec.host):\(spec.port) (is Pd running?)" : firstError.description)
    }
  }
}

/// The offset and latency a synchronized target uses, changed gently.
struct ClockFollower: Sendable {
  var latency: Int64
  var chosen = false
  /// Offset slewing from `from` (at monotonic `since`) toward `target`.
  var from: Int64 = 0
  var target: Int64 = 0
  var since: Int64 = 0
  /// A backward correction advances at most this fraction of elapsed time (1/10), so timetags
  /// of later events never fall before earlier ones.
  static let slewDivisor: Int64 = 10

  func offset(at now: Int64) -> Int64 {
    if target >= from { return target }
    return max(target, from - max(0, now - since) / Self.slewDivisor)
  }

  /// Forward corrections apply at once (later timetags only delay); backward ones slew.
  mutating func follow(_ measured: Int64, now: Int64) {
    from = offset(at: now)
    since = now
    target = measured
  }

  /// Takes the budget's recommendation; returns a message when it changed by more than a quarter.
  mutating func choose(_ budget: LatencyBudget) -> String? {
    let new = budget.recommended
    defer { latency = new }
    if !chosen || abs(new - latency) * 4 > latency {
      chosen = true
      return "\(SessionText.millis(new)) ms (\(budget))"
    }
    return nil
  }
}

/// A value behind a lock that closures can share.
final class Shared<Value: Sendable>: Sendable {
  private let mutex: Mutex<Value>
  init(_ value: Value) { mutex = Mutex(value) }
  func withLock<R>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}
