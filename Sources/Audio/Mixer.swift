/// Mixes voices into interleaved stereo float blocks. A voice sounds from its exact onset frame,
/// wherever that falls inside a block. Owned by one thread; nothing here allocates while
/// rendering (the voice list keeps its capacity).
final class Mixer {
  let rate: Double
  let maxVoices: Int
  /// The next frame `render` will produce.
  private(set) var frame: Int64
  private var voices: [Voice] = []
  /// Voices refused because `maxVoices` were already playing or waiting.
  private(set) var voiceLimitDrops = 0

  init(rate: Double, maxVoices: Int = 1024, startFrame: Int64 = 0) {
    self.rate = rate
    self.maxVoices = maxVoices
    self.frame = startFrame
    voices.reserveCapacity(maxVoices)
  }

  var activeVoices: Int { voices.count }

  /// Adds a voice (its onset may be in the future). Cut groups act from the onset frame.
  func add(_ voice: Voice) {
    guard voices.count < maxVoices else {
      voiceLimitDrops += 1
      return
    }
    var voice = voice
    if voice.cut != 0 {
      let fade = Int64((VoiceBuilder.fadeSeconds * rate).rounded())
      for i in voices.indices where voices[i].cut == voice.cut {
        if voice.cut < 0 && voices[i].sample !== voice.sample { continue }
        if voices[i].start < voice.start {
          Mixer.cut(&voices[i], at: voice.start, fade: fade)
        } else if voices[i].start > voice.start {
          Mixer.cut(&voice, at: voices[i].start, fade: fade)
        }
      }
    }
    voices.append(voice)
  }

  /// Ends a voice at `frame` with a short fade (SuperDirt releases cut sounds likewise).
  private static func cut(_ v: inout Voice, at frame: Int64, fade: Int64) {
    if v.end <= frame { return }
    v.end = min(v.end, frame + fade)
    v.fadeOutStart = min(v.fadeOutStart, frame)
  }

  /// Removes every voice.
  func hush() { voices.removeAll(keepingCapacity: true) }

  /// Renders the next `count` frames into `out` (interleaved stereo, overwritten).
  func render(into out: UnsafeMutablePointer<Float>, frames count: Int) {
    out.update(repeating: 0, count: count * 2)
    let blockStart = frame
    let blockEnd = frame + Int64(count)
    var i = 0
    while i < voices.count {
      voices.withUnsafeMutableBufferPointer { vs in
        Mixer.mix(&vs[i], into: out, blockStart: blockStart, blockEnd: blockEnd)
      }
      if voices[i].end <= blockEnd {
        voices.swapAt(i, voices.count - 1)
        voices.removeLast()
      } else {
        i += 1
      }
    }
    frame = blockEnd
  }

  private static func mix(_ v: inout Voice, into out: UnsafeMutablePointer<Float>, blockStart: Int64, blockEnd: Int64) {
    let a = max(v.start, blockStart)
    let b = min(v.end, blockEnd)
    if a >= b { return }
    v.sample.storage.withUnsafeBufferPointer { storage in
      let src = storage.baseAddress!
      var f = a
      // Up to three segments: fade-in, steady, fade-out.
      if f < v.fadeInEnd {
        let stop = min(b, v.fadeInEnd)
        let length = Float(v.fadeInEnd - v.start)
        kernel(
          src, &v.position, v.increment, out + Int(f - blockStart) * 2, Int(stop - f), v.left, v.right,
          envelope: Float(f - v.start) / length, step: 1 / length)
        f = stop
      }
      if f < b && f < v.fadeOutStart {
        let stop = min(b, v.fadeOutStart)
        kernel(
          src, &v.position, v.increment, out + Int(f - blockStart) * 2, Int(stop - f), v.left, v.right,
          envelope: 1, step: 0)
        f = stop
      }
      if f < b {
        let length = Float(v.end - v.fadeOutStart)
        kernel(
          src, &v.position, v.increment, out + Int(f - blockStart) * 2, Int(b - f), v.left, v.right,
          envelope: Float(v.end - f) / length, step: -1 / length)
      }
    }
  }

  /// The inner loop: linear interpolation, a ramped gain, stereo accumulate.
  @inline(__always)
  private static func kernel(
    _ src: UnsafePointer<Float>, _ position: inout Int64, _ increment: Int64, _ out: UnsafeMutablePointer<Float>,
    _ count: Int, _ left: Float, _ right: Float, envelope: Float, step: Float
  ) {
    var p = position
    if increment == 1 << 32 && step == 0 && p & 0xFFFF_FFFF == 0 {
      // Unpitched playback at the file's rate: a plain scaled copy.
      let base = src + Int(p >> 32)
      for k in 0..<count {
        let s = base[k]
        out[2 * k] += s * left
        out[2 * k + 1] += s * right
      }
      position = p + Int64(count) << 32
      return
    }
    let scale: Float = 1.0 / 4_294_967_296
    if step == 0 {
      for k in 0..<count {
        let whole = Int(truncatingIfNeeded: p >> 32)
        let fraction = Float(UInt32(truncatingIfNeeded: p)) * scale
        let x0 = src[whole]
        let s = x0 + (src[whole + 1] - x0) * fraction
        out[2 * k] += s * left
        out[2 * k + 1] += s * right
        p &+= increment
      }
    } else {
      var env = envelope
      for k in 0..<count {
        let whole = Int(truncatingIfNeeded: p >> 32)
        let fraction = Float(UInt32(truncatingIfNeeded: p)) * scale
        let x0 = src[whole]
        let s = (x0 + (src[whole + 1] - x0) * fraction) * env
        out[2 * k] += s * left
        out[2 * k + 1] += s * right
        p &+= increment
        env += step
      }
    }
    position = p
  }
}
