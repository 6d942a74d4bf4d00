import Audio
import Controls
import Scheduler
import Synchronization
import Time

/// The local sound card as a target beside the OSC ones. Each event goes to the audio engine
/// at a monotonic instant: the scheduler's origin plus the event's exact time plus the latency,
/// rounded once to the nanosecond (no wall clock, no timetag); the engine turns it into an
/// exact output frame.
public final class AudioTarget: Output {
  public let engine: AudioEngine
  public let latencyNanoseconds: Int64
  /// The scheduler's `originMonotonic`: the instant its event times count from, on the clock
  /// the engine was given.
  public let originMonotonic: Int64
  public let name = "audio"
  public let mode = StampMode.bundle
  /// Where an unknown sound is reported (once per name); nil: not reported.
  let notify: (@Sendable (String) -> Void)?
  private let reported = Mutex<(names: Set<String>, engineCount: Int)>(([], 0))

  public init(
    engine: AudioEngine, latencyNanoseconds: Int64, originMonotonic: Int64,
    notify: (@Sendable (String) -> Void)? = nil
  ) {
    self.engine = engine
    self.latencyNanoseconds = latencyNanoseconds
    self.originMonotonic = originMonotonic
    self.notify = notify
  }

  public func deliver(_ deliveries: [Delivery]) throws {
    for d in deliveries {
      let instant = originMonotonic + latencyNanoseconds + d.event.time.roundedNanoseconds
      if let event = AudioEvent(time: .monotonic(nanoseconds: instant), planned: d.event) { engine.play(event) }
    }
    // Names the engine met with no sound (a pattern's later cycles, beyond what was preloaded).
    if notify != nil {
      let unknown = engine.statistics.unknownSounds
      let fresh = reported.withLock { r -> ArraySlice<String> in
        defer { r.engineCount = unknown.count }
        return unknown.dropFirst(r.engineCount)
      }
      if !fresh.isEmpty { reportUnknown(Array(fresh)) }
    }
  }

  /// Says once per name that these sounds are silent, and how to get them.
  func reportUnknown(_ names: [String]) {
    guard let notify else { return }
    let fresh = reported.withLock { r in names.filter { r.names.insert($0).inserted } }
    if !fresh.isEmpty { notify(SoundBank.unknownMessage(fresh)) }
  }
}

extension AudioEvent {
  /// An event's controls as SuperDirt would receive them (`SuperDirt.controls`), at `time`; nil
  /// when it names no sound.
  public init?(time: AudioTime, planned e: PlannedEvent) {
    guard let sound = SoundEvent(controls: SuperDirt.controls(e.controls, e.context)) else { return nil }
    self.init(time: time, sound)
  }
}

extension ExactSeconds {
  /// The nearest frame at `rate` frames per second (half up), exact.
  public func frame(rate: Int64) throws(TimeError) -> Int64 {
    let whole = try Rational(self.whole) * Rational(rate)
    let fraction = try fraction * Rational(rate)
    return (try whole + fraction + .half).floorInt
  }
}
