import Net
import OSC
import Scheduler
import Synchronization

/// An OSC destination fed by the scheduler: each event becomes one message, alone in a bundle
/// stamped with its time (bundle mode) or with "immediately" (immediate mode).
public final class OSCTarget: Output {
  public let spec: TargetSpec
  private let sender: UDPSender
  /// Whether the last send was refused (nobody listening): reported once, not every frame.
  private let refused = Atomic<Bool>(false)
  private let skipped = Atomic<Int>(0)

  public init(_ spec: TargetSpec) throws(SessionError) {
    self.spec = spec
    do {
      sender = try UDPSender(host: spec.host, port: spec.port)
    } catch {
      throw SessionError("target \(spec.name): \(error.description)")
    }
  }

  public var name: String { spec.name }
  public var latencyNanoseconds: Int64 { spec.latencyNanoseconds }
  public var mode: StampMode { spec.mode }
  /// Events not sent because they named no sound.
  public var eventsWithoutSound: Int { skipped.load(ordering: .relaxed) }

  public func deliver(_ deliveries: [Delivery]) throws {
    var firstError: NetError?
    for d in deliveries {
      guard let message = spec.format.message(for: d.event) else {
        skipped.add(1, ordering: .relaxed)
        continue
      }
      let packet = OSCPacket.bundle(OSCBundle(timetag: d.timetag, [.message(message)]))
      do {
        try sender.send(packet)
        refused.store(false, ordering: .relaxed)
      } catch {
        if error.kind == .refused {
          // Linux reports the refusal of an earlier datagram on this send, which itself did
          // not go out: try it once more so this event is not lost to an old error.
          if (try? sender.send(packet)) != nil { continue }
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
