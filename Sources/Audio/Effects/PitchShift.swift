/// SuperDirt's `psrate`/`psdisp` (dirt_pitch_shift, SuperCollider's PitchShift): four
/// overlapping grains, each a triangular window `windowSize` long reading a delay line at
/// `psrate` times the input's speed (clipped to 0 … 4), started a quarter window apart; `psdisp`
/// (clipped to 0 … windowSize) delays each new grain's start by a random amount up to that many
/// seconds. SuperDirt sets the window to `sustain.linlin(0.01, 0.3, 0.01, 0.18)` seconds.
struct PitchShift: Sendable {
  struct Channel: Sendable {
    let memory: SampleMemory
    var write = 0
    var counter: Int
    var stage = 3
    var position = SIMD4<Float>(repeating: 2)
    var step = SIMD4<Float>(repeating: 1)
    var ramp = SIMD4<Float>(0.5, 1, 0.5, 0)
    var rampStep: SIMD4<Float>
  }

  var left: Channel
  var right: Channel
  let mask: Int
  let frameSize: Int
  let slope: Float
  let ratio: Float
  let timeDispersion: Float
  var random: UInt64 = 0x2545_F491_4F6C_DD1D

  init(ratio psrate: Double, dispersion psdisp: Double?, sustain: Double, rate: Double) {
    let window = max(linlin(sustain, 0.01, 0.3, 0.01, 0.18), 3 / rate)
    var size = 4
    let needed = Int((window * rate * 3 + 3).rounded(.up)) + 64
    while size < needed { size <<= 1 }
    mask = size - 1
    let frames = (Int(window * rate) + 2) & ~3
    let s = 2 / Float(frames)
    frameSize = frames
    slope = s
    ratio = Float(min(max(psrate, 0), 4))
    timeDispersion = Float(min(max(psdisp ?? 0, 0), window) * rate)
    left = Channel(memory: SampleMemory(count: size), counter: frames >> 2, rampStep: SIMD4(-s, -s, s, s))
    right = Channel(memory: SampleMemory(count: size), counter: frames >> 2, rampStep: SIMD4(-s, -s, s, s))
  }

  /// xorshift64*: a uniform float in 0 ..< 1 (SuperCollider's frand).
  private static func uniform(_ random: inout UInt64) -> Float {
    random ^= random >> 12
    random ^= random << 25
    random ^= random >> 27
    return Float((random &* 0x2545_F491_4F6C_DD1D) >> 40) / Float(1 << 24)
  }

  mutating func process(
    left l: UnsafeMutablePointer<Float>, right r: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    var rng = random
    run(&left, l, frames, &rng)
    if channels == 2 { run(&right, r, frames, &rng) }
    random = rng
  }

  private func run(_ c: inout Channel, _ x: UnsafeMutablePointer<Float>, _ frames: Int, _ rng: inout UInt64) {
    let buf = c.memory.base
    var done = 0
    while done < frames {
      if c.counter <= 0 {
        // A new grain on the next of the four heads; the one two heads back starts fading.
        c.counter = frameSize >> 2
        c.stage = (c.stage + 1) & 3
        let shift = ratio - 1
        var start: Float = shift < 0 ? 2 : Float(frameSize) * shift + 2
        if timeDispersion > 0 { start += timeDispersion * Self.uniform(&rng) }
        c.step[c.stage] = -shift
        c.position[c.stage] = start
        c.ramp[c.stage] = 0
        c.rampStep[c.stage] = slope
        c.rampStep[(c.stage + 2) & 3] = -slope
      }
      let n = min(frames - done, c.counter)
      c.counter -= n
      for i in done..<(done + n) {
        c.write = (c.write + 1) & mask
        c.position += c.step
        var value: Float = 0
        for g in 0..<4 {
          let p = c.position[g]
          let whole = Int(p)
          let frac = p - Float(whole)
          let a = buf[(c.write &- whole) & mask]
          let b = buf[(c.write &- whole &- 1) & mask]
          value += (a + frac * (b - a)) * c.ramp[g]
        }
        c.ramp += c.rampStep
        buf[c.write] = x[i]
        x[i] = value * 0.5
      }
      done += n
    }
  }
}
