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

  /// One block: ADDS the wet signal for the interleaved stereo `input` into `out`. Each channel
  /// runs over the whole block with its lines lifted into plain values (`AllpassRun`).
  mutating func process(_ input: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, frames: Int) {
    Self.process(&left, input, out, frames)
    Self.process(&right, input, out + 1, frames)
  }

  /// One channel of a block, added to every other float of `out`.
  private static func process(
    _ c: inout Channel, _ input: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ frames: Int
  ) {
    var d0 = AllpassRun(c.diffusers.0)
    var d1 = AllpassRun(c.diffusers.1)
    var d2 = AllpassRun(c.diffusers.2)
    var d3 = AllpassRun(c.diffusers.3)
    var a1 = AllpassRun(c.loopAllpass1)
    var a2 = AllpassRun(c.loopAllpass2)
    var delay = DelayRun(c.loopDelay)
    let loopFrames = c.loopFrames
    let gain = c.loopGain
    var onePole = c.onePole
    var leak = c.leak
    for i in 0..<frames {
      let mono = input[2 * i] + input[2 * i + 1]
      var dry = d0.step(mono)
      dry = d1.step(dry)
      dry = d2.step(dry)
      dry = d3.step(dry)
      // The loop's previous output, 64 frames (one scsynth block) plus the DelayN ago.
      var loop = delay.read(loopFrames) * gain
      // OnePole with coefficient 0.5: y = 0.5·x + 0.5·y1.
      onePole = 0.5 * loop + 0.5 * onePole
      if abs(onePole) < 1e-30 { onePole = 0 }
      loop = a1.step(onePole)
      loop = a2.step(loop)
      let y = leak.step(loop + dry)
      delay.push(y)
      out[2 * i] += y
    }
    c.diffusers.0.finish(d0)
    c.diffusers.1.finish(d1)
    c.diffusers.2.finish(d2)
    c.diffusers.3.finish(d3)
    c.loopAllpass1.finish(a1)
    c.loopAllpass2.finish(a2)
    c.loopDelay.finish(delay)
    c.onePole = onePole
    c.leak = leak
  }
}
