#if canImport(Glibc)
  import Glibc
#endif

/// A sine oscillator as a rotating phasor: one complex multiply per sample instead of a `sin`
/// call, renormalised every block so it keeps its amplitude.
struct SinePhasor: Sendable {
  var re: Double
  var im: Double
  var stepRe: Double
  var stepIm: Double

  /// Starts at `phase` radians, turning `freq` Hz.
  init(freq: Double, phase: Double, rate: Double) {
    re = cos(phase)
    im = sin(phase)
    let w = 2 * Double.pi * freq / rate
    stepRe = cos(w)
    stepIm = sin(w)
  }

  mutating func setFrequency(_ freq: Double, rate: Double) {
    let w = 2 * Double.pi * freq / rate
    stepRe = cos(w)
    stepIm = sin(w)
  }

  /// The current sine value, then advances one sample.
  @inline(__always)
  mutating func next() -> Double {
    let s = im
    let r = re * stepRe - im * stepIm
    im = re * stepIm + im * stepRe
    re = r
    return s
  }

  mutating func normalise() {
    let m = (re * re + im * im).squareRoot()
    if m > 0 {
      re /= m
      im /= m
    }
  }
}

/// SuperDirt's `tremolo` (dirt_tremolo): gain `(1 − d) + d·cos(2π·rate·t)` with
/// `d = tremolodepth.clip(0, 1) · 0.5` (depth 0.5 when absent).
struct Tremolo: Sendable {
  var osc: SinePhasor
  let depth: Double

  init(rate tremoloRate: Double, depth: Double?, rate: Double) {
    osc = SinePhasor(freq: tremoloRate, phase: Double.pi / 2, rate: rate)
    self.depth = min(max(depth ?? 0.5, 0), 1) * 0.5
  }

  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    let d = depth
    for i in 0..<frames {
      let g = Float((1 - d) + d * osc.next())
      left[i] *= g
      if channels == 2 { right[i] *= g }
    }
    osc.normalise()
  }
}

/// SuperDirt's `phaser` (dirt_phaser): the signal plus `phaserdepth` (clipped to 0…1, 0.5 when
/// absent) of itself delayed by 8.8 … 10 ms, the delay swept by a control-rate LFPar at
/// `phaserrate` (AllpassL with decay 0 is a plain interpolated delay).
struct Phaser: Sendable {
  var leftLine: EffectDelayLine
  var rightLine: EffectDelayLine
  let depth: Float
  /// LFPar phase in quarter cycles (0 … 4), starting where LFPar's output is 1.
  var lfoPhase = 0.0
  let lfoStep: Double
  let rate: Double

  init(rate phaserRate: Double, depth: Double?, rate: Double) {
    let maxDelay = Int((0.01 * rate).rounded(.up)) + 2
    leftLine = EffectDelayLine(maxDelay: maxDelay)
    rightLine = EffectDelayLine(maxDelay: maxDelay)
    self.depth = Float(min(max(depth ?? 0.5, 0), 1))
    lfoStep = 4 * phaserRate / rate
    self.rate = rate
  }

  /// scsynth's LFPar: a parabolic approximation of a cosine over quarter-cycle phase.
  static func parabola(_ phase: Double) -> Double {
    if phase < 1 { return 1 - phase * phase }
    if phase < 3 { return (phase - 2) * (phase - 2) - 1 }
    return 1 - (phase - 4) * (phase - 4)
  }

  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    let lfo = Self.parabola(lfoPhase)
    lfoPhase += lfoStep * Double(frames)
    lfoPhase = lfoPhase.truncatingRemainder(dividingBy: 4)
    if lfoPhase < 0 { lfoPhase += 4 }
    let seconds = 0.0088 + (lfo + 1) * 0.5 * (0.01 - 0.0088)
    let delay = max(1, seconds * rate)
    let d = depth
    for i in 0..<frames {
      let x = left[i]
      let delayed = leftLine.read(interpolated: delay)
      leftLine.push(x)
      left[i] = x + d * delayed
    }
    guard channels == 2 else { return }
    for i in 0..<frames {
      let x = right[i]
      let delayed = rightLine.read(interpolated: delay)
      rightLine.push(x)
      right[i] = x + d * delayed
    }
  }
}

/// SuperDirt's `ring` (dirt_ring): `x·m + x` with `m = ring · sin(2π·f·t)`, f gliding
/// exponentially from `ringf` to `ringf + ringdf` over one second (XLine), clipped to
/// 20 … 20000 Hz.
struct RingModulator: Sendable {
  var osc: SinePhasor
  let amount: Double
  var freq: Double
  let growthPerFrame: Double
  var framesLeft: Int
  let rate: Double

  init(_ ring: Double, freq ringf: Double?, slide ringdf: Double?, rate: Double) {
    amount = ring
    let start = ringf ?? 0
    let end = start + (ringdf ?? 0)
    freq = start
    self.rate = rate
    if start > 0, end > 0, end != start {
      growthPerFrame = pow(end / start, 1 / rate)
      framesLeft = Int(rate)
    } else {
      growthPerFrame = 1
      framesLeft = 0
    }
    osc = SinePhasor(freq: min(max(start, 20), 20000), phase: 0, rate: rate)
  }

  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    if framesLeft > 0 {
      // XLine.kr: the frequency moves once per control block.
      let n = min(frames, framesLeft)
      freq *= pow(growthPerFrame, Double(n))
      framesLeft -= n
      osc.setFrequency(min(max(freq, 20), 20000), rate: rate)
    }
    let a = amount
    for i in 0..<frames {
      let m = Float(a * osc.next())
      left[i] += left[i] * m
      if channels == 2 { right[i] += right[i] * m }
    }
    osc.normalise()
  }
}
