/// SuperDirt's dirt_reverb: the send summed to mono, four AllpassN per channel to diffuse it,
/// then a feedback loop per channel (gain from `size`, OnePole, AllpassN, DelayN of about 0.19 /
/// 0.26 s, AllpassN, plus the input, EffectLeakDC) whose output is the wet signal. The loop's
/// LocalIn/LocalOut block delay of 64 frames is folded into its DelayN (every stage in the loop
/// is linear and time-invariant, so the order does not change the sound).
///
/// SuperDirt draws the delay times with Rand when the orbit starts; here they are fixed values
/// from the same ranges, so renders are reproducible. SuperDirt's loop gain
/// `size.linexp(0, 1, 0.01, 0.98) + Rand(0, 0.05)` can exceed 1 at size 1; it is capped at
/// 0.999 here so the loop never blows up.
struct OrbitReverb: Sendable {
  struct Channel: Sendable {
    var diffusers: (Allpass, Allpass, Allpass, Allpass)
    var loopDelay: EffectDelayLine
    let loopFrames: Int
    var loopAllpass1: Allpass
    var loopAllpass2: Allpass
    var onePole: Float = 0
    var leak = EffectLeakDC()
    let gainOffset: Double
    var loopGain: Float = 0
  }

  var left: Channel
  var right: Channel
  var size = 0.1

  init(rate: Double) {
    func channel(_ diffuse: [Double], _ offset: Double, _ ap1: Double, _ delay: Double, _ ap2: Double) -> Channel {
      let frames = Int((delay * rate).rounded()) + 64
      return Channel(
        diffusers: (
          Allpass(seconds: diffuse[0], decay: 1, rate: rate), Allpass(seconds: diffuse[1], decay: 1, rate: rate),
          Allpass(seconds: diffuse[2], decay: 1, rate: rate), Allpass(seconds: diffuse[3], decay: 1, rate: rate)
        ),
        loopDelay: EffectDelayLine(maxDelay: frames), loopFrames: frames,
        loopAllpass1: Allpass(seconds: ap1, decay: 2, rate: rate),
        loopAllpass2: Allpass(seconds: ap2, decay: 2, rate: rate), gainOffset: offset)
    }
    left = channel([0.0073, 0.0119, 0.0151, 0.0176], 0.021, 0.0231, 0.19 + 0.0012, 0.05)
    right = channel([0.0089, 0.0137, 0.0061, 0.0188], 0.034, 0.0377, 0.26 - 0.0017, 0.0417)
    quietWindow = Int(rate) + max(left.loopFrames, right.loopFrames)
    setSize(size)
  }

  mutating func setSize(_ s: Double) {
    size = s.isFinite ? s : 0.1
    let depth = linexp(size, 0, 1, 0.01, 0.98)
    left.loopGain = Float(min(depth + left.gainOffset, 0.999))
    right.loopGain = Float(min(depth + right.gainOffset, 0.999))
  }

  /// Frames after which, with no input, a stretch of quiet output means the loop holds nothing
  /// audible any more: a second (the diffusers' ring time) plus a pass around the longer loop.
  let quietWindow: Int

  /// One block (at most 64 frames): ADDS the wet signal for the interleaved stereo `input` into
  /// `out`. Each channel runs stage by stage over the whole block, its lines lifted into plain
  /// values (`AllpassRun`, `DelayRun`): every stage's delay, and the loop's, is longer than a
  /// block, so this gives the same values as running frame by frame through all the stages,
  /// without each frame waiting on the one before through seven stages.
  mutating func process(_ input: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, frames: Int) {
    precondition(frames <= Self.maxBlock)
    withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * Self.maxBlock) { buffer in
      let dry = buffer.baseAddress!
      let loop = dry + Self.maxBlock
      Self.process(&left, input, out, frames, dry, loop)
      Self.process(&right, input, out + 1, frames, dry, loop)
    }
  }

  /// The block length `process` takes (scsynth's control block; the loop's delay is longer).
  static let maxBlock = 64

  /// One channel of a block, added to every other float of `out`; `dry` and `loop` are scratch.
  private static func process(
    _ c: inout Channel, _ input: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ frames: Int,
    _ dry: UnsafeMutablePointer<Float>, _ loop: UnsafeMutablePointer<Float>
  ) {
    for i in 0..<frames { dry[i] = input[2 * i] + input[2 * i + 1] }
    var diffuser = AllpassRun(c.diffusers.0)
    diffuser.block(dry, frames)
    c.diffusers.0.finish(diffuser)
    diffuser = AllpassRun(c.diffusers.1)
    diffuser.block(dry, frames)
    c.diffusers.1.finish(diffuser)
    diffuser = AllpassRun(c.diffusers.2)
    diffuser.block(dry, frames)
    c.diffusers.2.finish(diffuser)
    diffuser = AllpassRun(c.diffusers.3)
    diffuser.block(dry, frames)
    c.diffusers.3.finish(diffuser)
    // The loop's previous output, 64 frames (one scsynth block) plus the DelayN ago: all of it
    // written before this block.
    var delay = DelayRun(c.loopDelay)
    let gain = c.loopGain
    for i in 0..<frames { loop[i] = delay.base[(delay.write &+ i &- c.loopFrames) & delay.mask] * gain }
    // OnePole with coefficient 0.5: y = 0.5·x + 0.5·y1.
    var onePole = c.onePole
    for i in 0..<frames {
      onePole = 0.5 * loop[i] + 0.5 * onePole
      if abs(onePole) < 1e-30 { onePole = 0 }
      loop[i] = onePole
    }
    c.onePole = onePole
    var allpass = AllpassRun(c.loopAllpass1)
    allpass.block(loop, frames)
    c.loopAllpass1.finish(allpass)
    allpass = AllpassRun(c.loopAllpass2)
    allpass.block(loop, frames)
    c.loopAllpass2.finish(allpass)
    var leak = c.leak
    for i in 0..<frames {
      let y = leak.step(loop[i] + dry[i])
      delay.push(y)
      out[2 * i] += y
    }
    c.leak = leak
    c.loopDelay.finish(delay)
  }
}
