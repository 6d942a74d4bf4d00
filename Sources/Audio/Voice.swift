import Controls

#if canImport(Glibc)
  import Glibc
#endif

/// One playing sound: a sample read at a fixed rate, from an onset frame to an end frame, with
/// a constant stereo gain and short linear fades. Built on the caller's thread; the mixer only
/// advances it.
struct Voice {
  let sample: Sample
  /// Read position at the next frame to mix, in sample frames as 32.32 fixed point: integer
  /// steps keep the inner loop free of float-to-int conversions, and the position stays exact
  /// however long the sample.
  var position: Int64
  /// Sample frames per output frame, 32.32 fixed point; negative plays backwards.
  let increment: Int64
  /// Output frame of the onset.
  var start: Int64
  /// First output frame after the voice (exclusive).
  var end: Int64
  /// Fade-in runs over `[start, fadeInEnd)`; equal to `start` when there is none.
  var fadeInEnd: Int64
  /// Fade-out runs over `[fadeOutStart, end)`.
  var fadeOutStart: Int64
  let left: Float
  let right: Float
  /// SuperDirt's cut group (0: none; negative: only cuts the same sample).
  let cut: Int

  /// The same voice with its onset moved to `frame` (a late event played at once).
  mutating func move(to frame: Int64) {
    let shift = frame - start
    start += shift
    end += shift
    fadeInEnd += shift
    fadeOutStart += shift
  }
}

/// Why an event makes no voice.
enum VoiceRefusal: Error {
  case unknownSound(String)
  case silent
}

/// SuperDirt's control semantics, turned into a `Voice` (see `docs/ARCHITECTURE.md`, Audio).
enum VoiceBuilder {
  /// SuperDirt's default `amp`: a gain of 1 plays at 0.4 of full scale.
  static let defaultAmp = 0.4
  /// SuperDirt's default `fadeTime`: 1 ms, at most 19.1 % of the sound.
  static let fadeSeconds = 0.001

  static func voice(
    for event: AudioEvent, at frame: Int64, bank: SoundBank, rate: Double
  ) throws(VoiceRefusal) -> Voice {
    let number = event.sound.number
    var name = event.sound.name
    var index = number("n")
    // `s "bd:3"` as SuperDirt splits it, when `n` is not given separately.
    if let colon = name.firstIndex(of: ":") {
      if index == nil { index = Double(name[name.index(after: colon)...]) }
      name = String(name[..<colon])
    }
    let pitchedIndex = index ?? 0
    let variants = bank.variants(name)
    guard !variants.isEmpty else { throw .unknownSound(name) }
    let sample: Sample
    var semitones = number("note") ?? number("up") ?? 0
    if variants[0].isInstrument {
      sample = variants[0]
      semitones += pitchedIndex + ((number("octave") ?? 5) - 5) * 12
    } else {
      let i = Int(pitchedIndex.rounded(.down)) % variants.count
      sample = variants[i < 0 ? i + variants.count : i]
    }
    let speed = number("speed") ?? 1
    let increment = speed * pow(2, semitones / 12) * sample.rate / rate
    guard increment.isFinite, abs(increment) > 1e-9, abs(increment) < 65_536, sample.frameCount > 0 else {
      throw .silent
    }

    let begin = min(max(number("begin") ?? 0, 0), 1)
    let end = min(max(number("end") ?? 1, 0), 1)
    // Positions in 32.32 fixed point, so the frame count below matches the loop exactly and the
    // last read stays inside [lo, hi).
    let one: Int64 = 1 << 32
    let lo = Int64((Double(sample.frameCount) * min(begin, end)).rounded(.down)) << 32
    let hi = Int64((Double(sample.frameCount) * max(begin, end)).rounded(.down)) << 32
    guard hi - lo >= one else { throw .silent }
    let step = Int64((increment * Double(one)).rounded())
    guard step != 0 else { throw .silent }
    let position: Int64
    var frames: Int64
    if step > 0 {
      position = lo
      frames = (hi - lo + step - 1) / step
    } else {
      position = hi - one
      frames = (position - lo) / -step + 1
    }

    // SuperDirt: `sustain` if given, else `legato` × `delta`; a synth without either lasts
    // `delta`; a sample plays to its end.
    let delta = number("delta")
    var sustain = number("sustain")
    if sustain == nil, let legato = number("legato"), let delta { sustain = legato * delta }
    if sustain == nil, sample.isInstrument, let delta { sustain = delta }
    if let sustain {
      frames = min(frames, Int64(max(0, (sustain * rate).rounded())))
    }
    guard frames > 0 else { throw .silent }
    let fade = Int64((min(fadeSeconds, Double(frames) / rate * 0.190_98) * rate).rounded())

    let gain = number("gain") ?? 1
    let amp = (number("amp") ?? defaultAmp) * pow(max(0, min(gain, 2) + (number("overgain") ?? 0)), 4)
    // Equal-power pan: 0 left, 0.5 centre (each side cos 45°), 1 right.
    let pan = min(max((number("pan") ?? 0.5) * 2 - 1, -1), 1)
    let angle = (pan + 1) * Double.pi / 4
    let cut = Int(max(min(number("cut") ?? 0, 1e9), -1e9))
    return Voice(
      sample: sample, position: position, increment: step, start: frame, end: frame + frames,
      fadeInEnd: begin != 0 ? frame + fade : frame, fadeOutStart: frame + frames - fade,
      left: Float(amp * cos(angle)), right: Float(amp * sin(angle)), cut: cut)
  }
}
