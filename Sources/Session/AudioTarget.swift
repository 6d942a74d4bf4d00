import Audio
import Controls
import Scheduler
import Time

/// The local sound card as a target beside the OSC ones: each event goes to the audio engine
/// with its timetag, which the engine turns into an exact output frame.
public final class AudioTarget: Output {
  public let engine: AudioEngine
  public let latencyNanoseconds: Int64
  public let name = "audio"
  public let mode = StampMode.bundle

  public init(engine: AudioEngine, latencyNanoseconds: Int64) {
    self.engine = engine
    self.latencyNanoseconds = latencyNanoseconds
  }

  public func deliver(_ deliveries: [Delivery]) throws {
    for d in deliveries {
      if let event = AudioEvent(time: .timetag(d.timetag), planned: d.event) { engine.play(event) }
    }
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
