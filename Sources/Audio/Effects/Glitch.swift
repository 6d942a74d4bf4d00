/// SuperDirt's `squiz` (sc3-plugins' Squiz, memory 0.1 s, one zero crossing per chunk): each
/// chunk of input between upward zero crossings is recorded and played back `squiz` times
/// faster (at least 1) from its start while the next chunk records; silence once a read runs
/// past the memory.
struct Squiz: Sendable {
  struct Channel: Sendable {
    let memory: SampleMemory
    var writePosition = 0
    var readPosition: Float = 0
    var previous: Float = 0
  }

  var left: Channel
  var right: Channel
  let ratio: Float
  let length: Int

  init(_ pitchRatio: Double, rate: Double) {
    length = max(1, Int(0.1 * rate))
    ratio = Float(min(max(pitchRatio, 1), Double(length)))
    left = Channel(memory: SampleMemory(count: length))
    right = Channel(memory: SampleMemory(count: length))
  }

  mutating func process(
    left l: UnsafeMutablePointer<Float>, right r: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    Self.run(&left, l, frames, ratio: ratio, length: length)
    if channels == 2 { Self.run(&right, r, frames, ratio: ratio, length: length) }
  }

  private static func run(
    _ c: inout Channel, _ x: UnsafeMutablePointer<Float>, _ frames: Int, ratio: Float, length: Int
  ) {
    let buf = c.memory.base
    var write = c.writePosition
    var read = c.readPosition
    var previous = c.previous
    for i in 0..<frames {
      let readIndex = Int(read)
      var out: Float = 0
      if readIndex < length {
        out = buf[readIndex]
        read += ratio
      }
      let value = x[i]
      write += 1
      if write == length || (previous < 0 && value >= 0) {
        write = 0
        read = 0
      }
      buf[write] = value
      x[i] = out
      previous = value
    }
    c.writePosition = write
    c.readPosition = read
    c.previous = previous
  }
}

/// SuperDirt's `waveloss` (sc3-plugins' WaveLoss, random mode out of 100): at every upward zero
/// crossing a segment is dropped with probability `waveloss / 100`. The random sequence is
/// seeded per voice from a fixed seed, so renders are reproducible.
struct WaveLoss: Sendable {
  let dropFraction: Float
  var random: UInt64 = 0x9E37_79B9_7F4A_7C15
  var onLeft = true
  var onRight = true
  var previousLeft: Float = 0
  var previousRight: Float = 0

  init(_ drop: Double) { dropFraction = Float(Int(max(min(drop, 1e6), -1e6))) / 100 }

  /// xorshift64*: a uniform float in 0 ..< 1.
  @inline(__always)
  mutating func uniform() -> Float {
    random ^= random >> 12
    random ^= random << 25
    random ^= random >> 27
    return Float((random &* 0x2545_F491_4F6C_DD1D) >> 40) / Float(1 << 24)
  }

  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    for i in 0..<frames {
      let v = left[i]
      if previousLeft < 0 && v >= 0 { onLeft = uniform() >= dropFraction }
      previousLeft = v
      if !onLeft { left[i] = 0 }
    }
    guard channels == 2 else { return }
    for i in 0..<frames {
      let v = right[i]
      if previousRight < 0 && v >= 0 { onRight = uniform() >= dropFraction }
      previousRight = v
      if !onRight { right[i] = 0 }
    }
  }
}

/// SuperDirt's `octer`/`octersub`/`octersubsub` (Sonic Pi's octaver, dirt_octer): the octave up
/// is `2·EffectLeakDC(|x|)`, mixed by SelectX at `octer` over [dry, octer·up, 0]; the sub octaves are
/// flip-flops toggled by the upward zero crossings of `LPF(x, 440)` (and of the first
/// flip-flop), times that low-passed signal.
struct Octer: Sendable {
  struct Channel: Sendable {
    var leak = EffectLeakDC()
    var sub: TwoPole
    var previousSub: Float = 0
    var toggle1: Float = 0
    var toggle2: Float = 0
  }

  var left: Channel
  var right: Channel
  let octer: Float
  let sub1: Float
  let sub2: Float
  let mix: (a: Int, gainA: Float, b: Int, gainB: Float)

  init(octer: Double?, sub: Double?, subsub: Double?, rate: Double) {
    let lowPass = TwoPole.butterworthLowPass(440, rate: rate)
    left = Channel(sub: lowPass)
    right = Channel(sub: lowPass)
    self.octer = Float(octer ?? 0)
    sub1 = Float(sub ?? 0)
    sub2 = Float(subsub ?? 0)
    mix = selectX(octer ?? 0, count: 3)
  }

  mutating func process(
    left l: UnsafeMutablePointer<Float>, right r: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    run(&left, l, frames, useRight: false)
    if channels == 2 { run(&right, r, frames, useRight: true) }
  }

  private func run(_ c: inout Channel, _ x: UnsafeMutablePointer<Float>, _ frames: Int, useRight: Bool) {
    let m = mix
    for i in 0..<frames {
      let v = x[i]
      let up = octer * 2 * c.leak.step(abs(v))
      let sub = useRight ? c.sub.right(v) : c.sub.left(v)
      // ToggleFF flips on a trigger: the input going from <= 0 to > 0.
      if c.previousSub <= 0 && sub > 0 {
        c.toggle1 = 1 - c.toggle1
        if c.toggle1 > 0 { c.toggle2 = 1 - c.toggle2 }
      }
      c.previousSub = sub
      let inputs = (v, up, Float(0))
      func pick(_ index: Int) -> Float { index == 0 ? inputs.0 : index == 1 ? inputs.1 : inputs.2 }
      x[i] = pick(m.a) * m.gainA + pick(m.b) * m.gainB + (sub1 * c.toggle1 + sub2 * c.toggle2) * sub
    }
    c.sub.flushDenormals()
  }
}
