#if canImport(Glibc)
  import Glibc
#endif

/// The block model's constants.
enum AudioBlock {
  /// The mixer renders in sub-blocks of at most this many frames (scsynth's control block):
  /// orbit settings, accelerate steps and effect parameters change at these boundaries.
  static let maxFrames = 64
}

/// Mixes voices onto orbits and orbits into interleaved stereo float blocks, in sub-blocks of at
/// most `AudioBlock.maxFrames`. A voice sounds from its exact onset frame, wherever that falls
/// inside a block: its source is rendered into planar scratch, its effects run there, then its
/// envelope, gain and pan put it on the master (the dry part) and on its orbit's delay and
/// reverb sends. Each orbit's effects add their wet output to the master. Owned by one thread;
/// nothing here allocates while rendering (buffers and orbits are made in `init`, the voice list
/// keeps its capacity).
final class Mixer {
  let rate: Double
  let maxVoices: Int
  /// The next frame `render` will produce.
  private(set) var frame: Int64
  private var voices: [Voice] = []
  /// Voices refused because `maxVoices` were already playing or waiting.
  private(set) var voiceLimitDrops = 0
  /// The orbits, in memory of their own (no array bookkeeping on the audio thread).
  private let orbits: UnsafeMutablePointer<Orbit>
  /// Voices that ended, kept (up to `maxVoices`) so that their memory is released by whoever
  /// takes them, not by the thread that mixes (the live engine empties this from `play`).
  var retired: [Voice] = []
  /// Whether ended voices go to `retired` (the live engine) or are released at once (offline).
  var keepsRetired = false
  /// One voice's channels and per-frame gain, one sub-block each.
  private let scratchLeft: UnsafeMutablePointer<Float>
  private let scratchRight: UnsafeMutablePointer<Float>
  private let gains: UnsafeMutablePointer<Float>
  /// Every orbit's two send buses (interleaved stereo, one sub-block each).
  private let sendBuses: UnsafeMutablePointer<Float>

  /// One orbit: its global effects and the send buses voices feed this sub-block.
  struct Orbit {
    var effects: OrbitEffects
    let delaySend: UnsafeMutablePointer<Float>
    let reverbSend: UnsafeMutablePointer<Float>
    /// A voice wrote to the sends this sub-block (they were cleared first).
    var fed = false
  }

  init(rate: Double, maxVoices: Int = 1024, startFrame: Int64 = 0) {
    self.rate = rate
    self.maxVoices = maxVoices
    self.frame = startFrame
    voices.reserveCapacity(maxVoices)
    let block = AudioBlock.maxFrames
    scratchLeft = .allocate(capacity: block)
    scratchRight = .allocate(capacity: block)
    gains = .allocate(capacity: block)
    scratchLeft.initialize(repeating: 0, count: block)
    scratchRight.initialize(repeating: 0, count: block)
    gains.initialize(repeating: 0, count: block)
    let count = VoiceBuilder.orbits
    sendBuses = .allocate(capacity: count * 4 * block)
    sendBuses.initialize(repeating: 0, count: count * 4 * block)
    orbits = .allocate(capacity: count)
    for o in 0..<count {
      (orbits + o).initialize(
        to: Orbit(
          effects: OrbitEffects(rate: rate), delaySend: sendBuses + o * 4 * block,
          reverbSend: sendBuses + o * 4 * block + 2 * block))
    }
    retired.reserveCapacity(maxVoices)
  }

  deinit {
    scratchLeft.deallocate()
    scratchRight.deallocate()
    gains.deallocate()
    sendBuses.deallocate()
    orbits.deinitialize(count: VoiceBuilder.orbits)
    orbits.deallocate()
  }

  var activeVoices: Int { voices.count }

  /// Adds a voice (its onset may be in the future). Cut groups act from the onset frame, within
  /// the voice's orbit, as SuperDirt's do.
  func add(_ voice: Voice) {
    guard voices.count < maxVoices else {
      voiceLimitDrops += 1
      return
    }
    var voice = voice
    if voice.cut != 0 {
      let fade = Int64((VoiceBuilder.fadeSeconds * rate).rounded())
      for i in voices.indices where abs(voices[i].cut) == abs(voice.cut) && voices[i].orbit == voice.orbit {
        if voice.cut < 0 && (voices[i].sample !== voice.sample || voices[i].synth !== voice.synth) { continue }
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

  /// Removes every voice. The orbits' delay and reverb tails ring on, as SuperDirt's global
  /// effects do when its synths are freed.
  func hush() { voices.removeAll(keepingCapacity: true) }

  /// Renders the next `count` frames into `out` (interleaved stereo, overwritten).
  func render(into out: UnsafeMutablePointer<Float>, frames count: Int) {
    out.update(repeating: 0, count: count * 2)
    var done = 0
    while done < count {
      let n = min(AudioBlock.maxFrames, count - done)
      renderBlock(into: out + 2 * done, frames: n)
      done += n
    }
  }

  private func renderBlock(into out: UnsafeMutablePointer<Float>, frames n: Int) {
    let blockStart = frame
    let blockEnd = frame + Int64(n)
    voices.withUnsafeMutableBufferPointer { vs in
      for i in vs.indices { render(&vs[i], into: out, blockStart: blockStart, blockEnd: blockEnd) }
    }
    if keepsRetired {
      for v in voices where v.end <= blockEnd && retired.count < retired.capacity { retired.append(v) }
    }
    voices.removeAll { $0.end <= blockEnd }
    for o in 0..<VoiceBuilder.orbits where orbits[o].fed || !orbits[o].effects.isSilent {
      if !orbits[o].fed { clearSends(o) }
      let delaySend = orbits[o].delaySend
      let reverbSend = orbits[o].reverbSend
      orbits[o].effects.process(delaySend: delaySend, reverbSend: reverbSend, into: out, frames: n)
      orbits[o].fed = false
    }
    frame = blockEnd
  }

  private func clearSends(_ o: Int) {
    orbits[o].delaySend.update(repeating: 0, count: 2 * AudioBlock.maxFrames)
    orbits[o].reverbSend.update(repeating: 0, count: 2 * AudioBlock.maxFrames)
  }

  /// One voice's part of the sub-block `[blockStart, blockEnd)`.
  private func render(_ v: inout Voice, into out: UnsafeMutablePointer<Float>, blockStart: Int64, blockEnd: Int64) {
    if let settings = v.settings, v.start < blockEnd {
      orbits[v.orbit].effects.apply(settings)
      v.settings = nil
    }
    let a = max(v.start, blockStart)
    let b = min(v.end, blockEnd)
    if a >= b { return }
    let left = scratchLeft
    let right = scratchRight
    var m = Int(b - a)
    if let synth = v.synth {
      synth.render(left: left, right: right, frames: m)
    } else {
      m = readSample(&v, at: a, frames: m)
      if m == 0 { return }
    }
    var channels = v.channels
    var gainLeft = v.left
    var gainRight = v.right
    if v.hasEffects {
      if v.pansFirst {
        // SuperDirt pans before its effects: a nonlinear one hears the panned level.
        channels = panFirst(channels: v.channels, left: v.panLeft, right: v.panRight, frames: m)
        gainLeft = v.amp
        gainRight = v.amp
      }
      v.effects?.process(left: left, right: right, channels: channels, frames: m)
    }
    applyGains(
      start: v.start, end: v.end, fadeInEnd: v.fadeInEnd, fadeOutStart: v.fadeOutStart, envelope: v.envelope,
      channels: channels, from: a, frames: m)
    let offset = 2 * Int(a - blockStart)
    let sends = v.sends
    if sends.dry != 0 {
      Mixer.accumulate(left, right, channels, m, into: out + offset, gainLeft * sends.dry, gainRight * sends.dry)
    }
    if sends.delay != 0 || sends.reverb != 0 {
      if !orbits[v.orbit].fed {
        clearSends(v.orbit)
        orbits[v.orbit].fed = true
      }
      // The buses' addresses only: copying the orbit would copy its effects' state.
      let delaySend = orbits[v.orbit].delaySend
      let reverbSend = orbits[v.orbit].reverbSend
      if sends.delay != 0 {
        Mixer.accumulate(
          left, right, channels, m, into: delaySend + offset, gainLeft * sends.delay, gainRight * sends.delay)
      }
      if sends.reverb != 0 {
        Mixer.accumulate(
          left, right, channels, m, into: reverbSend + offset, gainLeft * sends.reverb, gainRight * sends.reverb)
      }
    }
  }

  /// Reads the voice's sample for `count` frames from output frame `a`: the increment follows
  /// `accelerate` (one step per sub-block, at its middle), the read wraps when the voice loops,
  /// and the voice ends early when the read leaves its part of the sample. Returns the frames
  /// read.
  private func readSample(_ v: inout Voice, at a: Int64, frames count: Int) -> Int {
    guard let source = v.source, let taps = v.taps else { return 0 }
    let stride = v.stride
    var step = v.increment
    if v.glide != 0 {
      let elapsed = min(Double(a - v.start) + Double(count) / 2, Double(v.glideFrames))
      step = Int64((Double(v.increment) + v.glide * elapsed).rounded())
    }
    let width = v.hi - v.lo
    var produced = 0
    while produced < count {
      var available: Int64
      if step > 0 {
        available = v.position >= v.hi ? 0 : (v.hi - v.position + step - 1) / step
      } else if step < 0 {
        available = v.position < v.lo ? 0 : (v.position - v.lo) / -step + 1
      } else {
        available = v.position >= v.lo && v.position < v.hi ? Int64(count) : 0
      }
      if available == 0 {
        guard v.loops, step != 0 else { break }
        // Wrap into [lo, hi), as SuperDirt's looping phase does.
        var r = (v.position - v.lo) % width
        if r < 0 { r += width }
        v.position = v.lo + r
        continue
      }
      let n = Int(min(Int64(count - produced), available))
      Resampler.read(
        source, stride: stride, channels: v.channels, kernel: taps, position: &v.position,
        step: step,
        left: scratchLeft + produced, right: scratchRight + produced, count: n)
      produced += n
    }
    if produced < count { v.end = a + Int64(produced) }
    return produced
  }

  /// Applies the pan's side gains to the scratch channels; a mono voice becomes two channels
  /// unless it is centred. Returns the channel count from here on. (The voice's fields come
  /// one by one: passing the whole voice would copy it, effects and all, every block.)
  private func panFirst(channels: Int, left panLeft: Float, right panRight: Float, frames m: Int) -> Int {
    if channels == 1 && panLeft == panRight {
      for k in 0..<m { scratchLeft[k] *= panLeft }
      return 1
    }
    if channels == 1 {
      for k in 0..<m { scratchRight[k] = scratchLeft[k] * panRight }
    } else {
      for k in 0..<m { scratchRight[k] *= panRight }
    }
    for k in 0..<m { scratchLeft[k] *= panLeft }
    return 2
  }

  /// Multiplies the scratch channels by the fades and the envelope, where any is under way (the
  /// voice's fields one by one, as for `panFirst`).
  private func applyGains(
    start: Int64, end: Int64, fadeInEnd: Int64, fadeOutStart: Int64, envelope: DirtEnvelope?, channels: Int,
    from a: Int64, frames m: Int
  ) {
    let b = a + Int64(m)
    if a >= fadeInEnd && b <= fadeOutStart && envelope == nil { return }
    for k in 0..<m {
      let f = a + Int64(k)
      var g: Float = 1
      if f < fadeInEnd { g = Mixer.sineFade(Float(f - start) / Float(fadeInEnd - start)) }
      if f >= fadeOutStart { g *= Mixer.sineFade(Float(end - f) / Float(end - fadeOutStart)) }
      if let e = envelope { g *= e.level(Double(f - start)) }
      gains[k] = g
    }
    for k in 0..<m { scratchLeft[k] *= gains[k] }
    if channels == 2 { for k in 0..<m { scratchRight[k] *= gains[k] } }
  }

  /// The level `p` of the way through a fade, on SuperDirt's gate curve (`\sin`: half a cosine).
  @inline(__always)
  static func sineFade(_ p: Float) -> Float { 0.5 - 0.5 * cos(Float.pi * p) }

  /// Adds a voice's channels to an interleaved stereo bus with side gains `l` and `r` (a mono
  /// voice feeds both sides).
  @inline(__always)
  private static func accumulate(
    _ left: UnsafeMutablePointer<Float>, _ right: UnsafeMutablePointer<Float>, _ channels: Int, _ m: Int,
    into bus: UnsafeMutablePointer<Float>, _ l: Float, _ r: Float
  ) {
    if channels == 1 {
      for k in 0..<m {
        let s = left[k]
        bus[2 * k] += s * l
        bus[2 * k + 1] += s * r
      }
    } else {
      for k in 0..<m {
        bus[2 * k] += left[k] * l
        bus[2 * k + 1] += right[k] * r
      }
    }
  }
}
