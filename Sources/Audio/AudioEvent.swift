import Controls

/// When an event sounds. The engine knows no OSC and no wall clock: whoever turns a timetag
/// or a pattern time into sound converts it to one of these first.
public enum AudioTime: Sendable, Hashable {
  /// As soon as possible: the next frame rendered (never counted late).
  case immediately
  /// An absolute output frame (offline rendering, tests, callers that planned in frames).
  case frame(Int64)
  /// An instant of the monotonic clock the engine was given (its `TimeSource`), in
  /// nanoseconds; the engine maps it to a frame through the device's playback position.
  case monotonic(nanoseconds: Int64)
}

/// What the audio engine plays: a time and a sound event (a sound name and SuperDirt-style
/// controls). It carries no pattern: whoever plans events (the scheduler, the renderer, the
/// receiver) builds these.
public struct AudioEvent: Sendable, Hashable {
  public var time: AudioTime
  public var sound: SoundEvent

  public init(time: AudioTime, _ sound: SoundEvent) {
    self.time = time
    self.sound = sound
  }

  /// The sound `name` (a sample folder, `folder:index`, or a built-in sound) with `controls`.
  public init(time: AudioTime, sound name: String, controls: ControlMap = [:]) {
    self.init(time: time, SoundEvent(name, controls: controls))
  }
}

/// What to do with an event whose onset frame has already been rendered.
public enum LatePolicy: Sendable, Hashable, CustomStringConvertible {
  /// Play it at once, however late.
  case play
  /// Never play late events.
  case drop
  /// Play at once when at most this many seconds late, drop otherwise.
  case playWithin(seconds: Double)

  /// Tala's default: play if less than 50 ms late.
  public static let standard = LatePolicy.playWithin(seconds: 0.05)

  /// Whether an event `lateness` seconds past its time should still sound.
  public func plays(lateness seconds: Double) -> Bool {
    switch self {
    case .play: true
    case .drop: seconds <= 0
    case .playWithin(let limit): seconds <= limit
    }
  }

  public var description: String {
    switch self {
    case .play: "play"
    case .drop: "drop"
    case .playWithin(let s): "play within \(s * 1000) ms"
    }
  }
}
