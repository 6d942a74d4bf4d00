#if canImport(Glibc)
  import Glibc
#endif

/// SuperDirt's `shape` (dirt_shape): the soft saturation `(1 + k)·x / (1 + k·|x|)` with
/// `k = 2·shape / (1 − shape)`, shape capped just below 1 (as SuperDirt caps it) and, unlike
/// SuperDirt, at 0 from below: a negative shape would divide by zero at |x| = 1/|k|. Memoryless;
/// |output| never exceeds 1 for |x| <= 1.
struct Shape: Sendable {
  let k: Float

  init(_ amount: Double) {
    let s = min(max(amount, 0), 1 - 4e-10)
    k = Float(2 * s / (1 - s))
  }

  func process(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int) {
    apply(left, frames)
    if channels == 2 { apply(right, frames) }
  }

  private func apply(_ x: UnsafeMutablePointer<Float>, _ frames: Int) {
    let k = k
    let gain = 1 + k
    for i in 0..<frames {
      let v = x[i]
      x[i] = gain * v / (1 + k * abs(v))
    }
  }
}

/// SuperDirt's `crush` (dirt_crush): rounds to steps of `0.5^(crush − 1)`, so `crush 4` keeps
/// the levels …, −0.125, 0, 0.125, … (16 steps across −1 … 1).
struct Crush: Sendable {
  let step: Float
  let inverse: Float

  init(_ bits: Double) {
    let s = pow(0.5, bits - 1)
    step = Float(s)
    inverse = Float(1 / s)
  }

  func process(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int) {
    apply(left, frames)
    if channels == 2 { apply(right, frames) }
  }

  private func apply(_ x: UnsafeMutablePointer<Float>, _ frames: Int) {
    // sclang's round(x, q) = floor(x / q + 0.5) · q.
    guard step.isFinite, step > 0, inverse.isFinite else { return }
    for i in 0..<frames { x[i] = (x[i] * inverse + 0.5).rounded(.down) * step }
  }
}

/// SuperDirt's `coarse` (dirt_coarse): Latch on an Impulse at `rate / coarse`, i.e. sample and
/// hold every `coarse` samples, the first sample held from the onset.
struct Coarse: Sendable {
  let increment: Double
  var phase = 1.0
  var heldLeft: Float = 0
  var heldRight: Float = 0

  init(_ coarse: Double) { increment = 1 / coarse }

  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    for i in 0..<frames {
      if phase >= 1 {
        phase -= 1
        heldLeft = left[i]
        if channels == 2 { heldRight = right[i] }
      }
      phase += increment
      left[i] = heldLeft
      if channels == 2 { right[i] = heldRight }
    }
  }
}

/// SuperDirt's `triode` (dirt_triode): positive half untouched, negative half through
/// `tanh(x·s)/s` with `s = 10·triode + 0.001`, then EffectLeakDC.
struct Triode: Sendable {
  let scale: Float
  var leakLeft = EffectLeakDC()
  var leakRight = EffectLeakDC()

  init(_ amount: Double) { scale = Float(amount * 10 + 1e-3) }

  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    let s = scale
    for i in 0..<frames {
      let v = left[i]
      left[i] = leakLeft.step(v > 0 ? v : tanhf(v * s) / s)
    }
    guard channels == 2 else { return }
    for i in 0..<frames {
      let v = right[i]
      right[i] = leakRight.step(v > 0 ? v : tanhf(v * s) / s)
    }
  }
}

/// SuperDirt's `krush` (Sonic Pi's krush, dirt_krush): `(x² + k·x) / (x² + |x|·(k − 1) + 1)`,
/// then RLPF at `kcutoff` (4000 Hz when not positive, clipped to 20 … 10000, rq 1), mixed with
/// the dry signal by SelectX at `krush · 2`.
struct Krush: Sendable {
  let amount: Float
  var filter: TwoPole
  let mix: (a: Int, gainA: Float, b: Int, gainB: Float)

  init(_ krush: Double, cutoff: Double?, rate: Double) {
    amount = Float(krush)
    let freq = cutoff.flatMap { $0 > 0 ? $0 : nil } ?? 4000
    filter = .lowPass(min(max(freq, 20), 10000), rq: 1, rate: rate)
    mix = selectX(krush * 2, count: 2)
  }

  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    let k = amount
    let m = mix
    for i in 0..<frames {
      let x = left[i]
      let shaped = filter.left((x * x + k * x) / (x * x + abs(x) * (k - 1) + 1))
      left[i] = (m.a == 0 ? x : shaped) * m.gainA + (m.b == 0 ? x : shaped) * m.gainB
    }
    if channels == 2 {
      for i in 0..<frames {
        let x = right[i]
        let shaped = filter.right((x * x + k * x) / (x * x + abs(x) * (k - 1) + 1))
        right[i] = (m.a == 0 ? x : shaped) * m.gainA + (m.b == 0 ? x : shaped) * m.gainB
      }
    }
    filter.flushDenormals()
  }
}

/// SuperDirt's `distort` (dirt_distort): sc3-plugins' CrossoverDistortion (amp 0.2, smooth
/// 0.01) plus `0.1·distort` of four Ringz resonators (60, 61, 240 Hz and 3000 Hz wobbling ±100 Hz
/// at 62 Hz; ring times 0.1, 0.1, 0.05, 0.01 s), cubed ×8, softclipped ×0.5, mixed with the dry
/// signal by SelectX at `distort`.
struct Distort: Sendable {
  let amount: Float
  let mix: (a: Int, gainA: Float, b: Int, gainB: Float)
  /// Three fixed resonators, then the wobbling one (coefficients updated per block).
  var ringz: (TwoPole, TwoPole, TwoPole, TwoPole)
  let wobbleRadius: Double
  let rate: Double
  /// Phase of the 62 Hz wobble, in cycles.
  var wobblePhase = 0.0

  init(_ distort: Double, rate: Double) {
    amount = Float(distort)
    mix = selectX(distort, count: 2)
    self.rate = rate
    ringz = (
      Self.ringz(60, decay: 0.1, rate: rate), Self.ringz(61, decay: 0.1, rate: rate),
      Self.ringz(240, decay: 0.05, rate: rate), Self.ringz(3000, decay: 0.01, rate: rate)
    )
    wobbleRadius = exp(log(0.001) / (0.01 * rate))
  }

  /// scsynth's Ringz: `w = x + 2R·cosθ'·w1 − R²·w2`, output `(w − w2)/2`, with R from the 60 dB
  /// ring time and `cosθ' = 2R·cos(ω)/(1 + R²)`.
  static func ringz(_ freq: Double, decay: Double, rate: Double) -> TwoPole {
    let r = exp(log(0.001) / (decay * rate))
    return ringz(freq, radius: r, rate: rate)
  }

  static func ringz(_ freq: Double, radius r: Double, rate: Double) -> TwoPole {
    let w = freq * 2 * Double.pi / rate
    let cost = 2 * r * cos(w) / (1 + r * r)
    return TwoPole(g: 1, b1: 2 * r * cost, b2: -r * r, c0: 0.5, c1: 0, c2: -0.5)
  }

  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    // Ringz reads its frequency once per control block, as scsynth does.
    let wobble = 3000 + 100 * sin(2 * Double.pi * wobblePhase)
    let moving = Self.ringz(wobble, radius: wobbleRadius, rate: rate)
    ringz.3.g = moving.g
    ringz.3.b1 = moving.b1
    ringz.3.b2 = moving.b2
    wobblePhase += 62 * Double(frames) / rate
    wobblePhase -= wobblePhase.rounded(.down)

    let d = 0.1 * amount
    let m = mix
    for i in 0..<frames {
      let x = left[i]
      let klank = ringz.0.left(x) + ringz.1.left(x) + ringz.2.left(x) + ringz.3.left(x)
      let wet = Self.shapeOutput(Self.crossover(x) + d * klank)
      left[i] = (m.a == 0 ? x : wet) * m.gainA + (m.b == 0 ? x : wet) * m.gainB
    }
    if channels == 2 {
      for i in 0..<frames {
        let x = right[i]
        let klank = ringz.0.right(x) + ringz.1.right(x) + ringz.2.right(x) + ringz.3.right(x)
        let wet = Self.shapeOutput(Self.crossover(x) + d * klank)
        right[i] = (m.a == 0 ? x : wet) * m.gainA + (m.b == 0 ? x : wet) * m.gainB
      }
    }
    ringz.0.flushDenormals()
    ringz.1.flushDenormals()
    ringz.2.flushDenormals()
    ringz.3.flushDenormals()
  }

  /// sc3-plugins' CrossoverDistortion with amp 0.2 and smooth 0.01 (so 1/fade = 500).
  @inline(__always)
  static func crossover(_ x: Float) -> Float {
    var s = abs(x) - 0.2
    if s < 0 { s *= (1 + s * 500) * 0.01 }
    return x < 0 ? -s : s
  }

  /// `(m³ · 8).softclip · 0.5`, softclip as scsynth: linear to ±0.5, then `(|x| − 0.25)/x`.
  @inline(__always)
  static func shapeOutput(_ m: Float) -> Float {
    let c = m * m * m * 8
    let a = abs(c)
    return (a <= 0.5 ? c : (a - 0.25) / c) * 0.5
  }
}
