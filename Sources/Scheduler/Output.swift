import Controls
import OSC
import Synchronization
import Time

/// How a target wants its events stamped (DESIGN.md §5).
public enum StampMode: String, Sendable, CaseIterable {
  /// Sent ahead, in a bundle whose timetag is the event's time plus the target's latency.
  case bundle
  /// Sent at the event's time plus latency, stamped "immediately", for receivers that ignore
  /// timetags.
  case immediate
}

/// One onset, planned: where it is in cycles and, exactly, when it sounds.
public struct PlannedEvent: Sendable, Equatable {
  /// The slot that played it: `"1"` for `d1`, or the name given to `p`.
  public var slot: String
  /// Onset and end of the event's whole, in cycles.
  public var onset: Rational
  public var end: Rational
  /// The onset's time after the scheduler's origin, exact (no latency added).
  public var time: ExactSeconds
  /// The tempo at the onset.
  public var cps: Rational
  /// The event's duration in seconds at that tempo (Tidal's `delta`).
  public var deltaSeconds: Double
  public var controls: ControlMap

  public init(
    slot: String, onset: Rational, end: Rational, time: ExactSeconds, cps: Rational, deltaSeconds: Double,
    controls: ControlMap
  ) {
    self.slot = slot
    self.onset = onset
    self.end = end
    self.time = time
    self.cps = cps
    self.deltaSeconds = deltaSeconds
    self.controls = controls
  }
}

extension PlannedEvent {
  /// Where the event sits in time, as Tidal tells SuperDirt (`cps`, `cycle`, `delta`, `_id_`).
  public var context: EventContext {
    EventContext(cps: cps.doubleValue, cycle: onset.doubleValue, delta: deltaSeconds, slot: slot)
  }
}

/// An event handed to an output, with the timetag it must carry.
public struct Delivery: Sendable, Equatable {
  public var event: PlannedEvent
  /// The sound time (event time plus the output's latency), or `.immediately` in immediate
  /// mode.
  public var timetag: Timetag
}

/// Somewhere events go: an OSC target, the audio engine, a test's recorder.
public protocol Output: AnyObject, Sendable {
  var name: String { get }
  /// Seconds between an event's time and the moment it should sound, in nanoseconds.
  var latencyNanoseconds: Int64 { get }
  var mode: StampMode { get }
  /// Sends one frame's deliveries, in time order. An error is reported and counted; the
  /// scheduler carries on.
  func deliver(_ deliveries: [Delivery]) throws
  /// How far the receiver's clock is ahead of ours: added to timetags (not to when events are
  /// due here), so a receiver with another clock still plays on time.
  var clockOffsetNanoseconds: Int64 { get }
}

extension Output {
  public var clockOffsetNanoseconds: Int64 { 0 }
}

/// What the scheduler has done for one output.
public struct OutputStats: Sendable, Equatable {
  public var sent = 0
  /// Sent after the moment they should sound.
  public var late = 0
  /// Worst lateness seen, in nanoseconds.
  public var maxLateness: Int64 = 0
  /// Too late to be worth playing (after a stall): dropped, counted.
  public var dropped = 0
  public var sendErrors = 0
  public init() {}
}

/// An output that keeps the planned events it is given (render takes them as it goes; tests
/// and benchmarks match them against what reached the wire).
public final class EventRecorder: Output {
  public let name: String
  public let latencyNanoseconds: Int64 = 0
  public let mode = StampMode.bundle
  private let store = Mutex<[PlannedEvent]>([])

  public init(name: String = "recorder") { self.name = name }

  public func deliver(_ deliveries: [Delivery]) throws { store.withLock { $0 += deliveries.map(\.event) } }

  /// Everything recorded so far.
  public var events: [PlannedEvent] { store.withLock { $0 } }

  /// Everything recorded since the last call, removed from the recorder.
  public func take() -> [PlannedEvent] {
    store.withLock { events in
      defer { events = [] }
      return events
    }
  }
}
