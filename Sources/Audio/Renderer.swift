/// Offline rendering: schedule events on frames, pull blocks of interleaved stereo floats.
/// The same mixer, voices and orbits as the live engine, with no device and no clock.
public final class Renderer {
  public let bank: SoundBank
  public let rate: Int
  let mixer: Mixer
  /// Sound names asked for that exist nowhere (each once, in order).
  public private(set) var unknownSounds: [String] = []
  /// Events whose onset was before the next frame to render (played at once).
  public private(set) var lateEvents = 0

  public init(bank: SoundBank, rate: Int, maxVoices: Int = 1024) {
    self.bank = bank
    self.rate = rate
    self.mixer = Mixer(rate: Double(rate), maxVoices: maxVoices)
  }

  /// The next frame `render` produces.
  public var frame: Int64 { mixer.frame }
  public var activeVoices: Int { mixer.activeVoices }
  public var voiceLimitDrops: Int { mixer.voiceLimitDrops }

  /// Schedules an event at its frame (`.frame` time), or at `frame` when given. Any other time
  /// plays at the next frame: mapping clock time to frames is the live engine's job.
  public func schedule(_ event: AudioEvent, frame given: Int64? = nil) {
    var at: Int64
    switch (given, event.time) {
    case (let f?, _): at = f
    case (nil, .frame(let f)): at = f
    case (nil, .immediately), (nil, .monotonic): at = mixer.frame
    }
    if at < mixer.frame {
      lateEvents += 1
      at = mixer.frame
    }
    do {
      mixer.add(try VoiceBuilder.voice(for: event, at: at, bank: bank, rate: Double(rate)))
    } catch {
      if case .unknownSound(let name) = error, !unknownSounds.contains(name) { unknownSounds.append(name) }
    }
  }

  /// Renders the next `frames` frames into `out` (interleaved stereo; `out` must hold
  /// `2 * frames` floats).
  public func render(into out: UnsafeMutableBufferPointer<Float>, frames: Int) {
    precondition(out.count >= frames * 2, "render buffer too small")
    mixer.render(into: out.baseAddress!, frames: frames)
  }

  /// Renders `frames` frames into a new array.
  public func render(frames: Int) -> [Float] {
    var out = [Float](repeating: 0, count: frames * 2)
    out.withUnsafeMutableBufferPointer { render(into: $0, frames: frames) }
    return out
  }

  /// Stops every voice; the orbits' delay and reverb tails ring on (as SuperDirt's global
  /// effects keep running when its synths are freed).
  public func hush() { mixer.hush() }
}
