#if canImport(Glibc)
  import Glibc
#endif

/// SuperCollider's two-pole filters (RLPF, RHPF, BPF, LPF) as one recursion with their exact
/// coefficients: `w = g·x + b1·w1 + b2·w2`, output `c0·w + c1·w1 + c2·w2`. Coefficients are
/// computed once, on the caller's thread; the state is per channel and kept in Double as
/// scsynth keeps it, so low cutoffs stay stable.
struct TwoPole: Sendable {
  var g = 0.0
  var b1 = 0.0
  var b2 = 0.0
  var c0 = 0.0
  var c1 = 0.0
  var c2 = 0.0
  /// Left channel state.
  var l1 = 0.0
  var l2 = 0.0
  /// Right channel state.
  var r1 = 0.0
  var r2 = 0.0

  /// Clips a cutoff to 20 Hz … just under Nyquist (SuperDirt clips to 20 … Nyquist; at Nyquist
  /// itself the tangent in the coefficients is infinite).
  static func safeFrequency(_ freq: Double, rate: Double) -> Double {
    min(max(freq, 20), rate * 0.4999)
  }

  /// The pole pair RLPF and RHPF share (`rq` is the reciprocal of Q).
  private static func resonant(_ freq: Double, rq: Double, rate: Double) -> (b1: Double, b2: Double, c: Double) {
    let qres = max(0.001, rq)
    let pfreq = safeFrequency(freq, rate: rate) * 2 * Double.pi / rate
    let d = tan(min(pfreq * qres * 0.5, Double.pi / 2 - 1e-6))
    let c = (1 - d) / (1 + d)
    return ((1 + c) * cos(pfreq), -c, c)
  }

  /// SuperCollider's RLPF: resonant two-pole low-pass, unity gain at DC.
  static func lowPass(_ freq: Double, rq: Double, rate: Double) -> TwoPole {
    let p = resonant(freq, rq: rq, rate: rate)
    return TwoPole(g: (1 + p.c - p.b1) * 0.25, b1: p.b1, b2: p.b2, c0: 1, c1: 2, c2: 1)
  }

  /// SuperCollider's RHPF: resonant two-pole high-pass, unity gain at Nyquist.
  static func highPass(_ freq: Double, rq: Double, rate: Double) -> TwoPole {
    let p = resonant(freq, rq: rq, rate: rate)
    return TwoPole(g: (1 + p.c + p.b1) * 0.25, b1: p.b1, b2: p.b2, c0: 1, c1: -2, c2: 1)
  }

  /// SuperCollider's BPF: two-pole band-pass of bandwidth `rq · freq`, unity gain at the centre,
  /// times `gain`.
  static func bandPass(_ freq: Double, rq: Double, rate: Double, gain: Double = 1) -> TwoPole {
    let pfreq = safeFrequency(freq, rate: rate) * 2 * Double.pi / rate
    let pbw = max(rq * pfreq * 0.5, 1e-9)
    let c = 1 / tan(min(pbw, Double.pi / 2 - 1e-6))
    let d = 2 * cos(pfreq)
    let a0 = 1 / (1 + c)
    return TwoPole(g: 1, b1: c * d * a0, b2: (1 - c) * a0, c0: a0 * gain, c1: 0, c2: -a0 * gain)
  }

  /// SuperCollider's LPF: second-order Butterworth low-pass.
  static func butterworthLowPass(_ freq: Double, rate: Double) -> TwoPole {
    let pfreq = safeFrequency(freq, rate: rate) * Double.pi / rate
    let c = 1 / tan(pfreq)
    let c2 = c * c
    let s2c = c * 2.0.squareRoot()
    let a0 = 1 / (1 + s2c + c2)
    return TwoPole(g: 1, b1: -2 * (1 - c2) * a0, b2: -(1 - s2c + c2) * a0, c0: a0, c1: 2 * a0, c2: a0)
  }

  // The sum is grouped so that only `b1 · w1` and one addition wait for the previous sample:
  // the recursion's latency, not its arithmetic, bounds a filter's speed.

  /// Filters one sample of the left channel.
  @inline(__always)
  mutating func left(_ x: Float) -> Float {
    let w0 = (g * Double(x) + b2 * l2) + b1 * l1
    let y = c0 * w0 + c1 * l1 + c2 * l2
    l2 = l1
    l1 = w0
    return Float(y)
  }

  /// Filters one sample of the right channel.
  @inline(__always)
  mutating func right(_ x: Float) -> Float {
    let w0 = (g * Double(x) + b2 * r2) + b1 * r1
    let y = c0 * w0 + c1 * r1 + c2 * r2
    r2 = r1
    r1 = w0
    return Float(y)
  }

  /// Filters the voice's channels in place; both channels run in one loop so their two
  /// recursions overlap in the pipeline.
  mutating func process(
    left x: UnsafeMutablePointer<Float>, right y: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    var f = self
    if channels == 2 {
      for i in 0..<frames {
        x[i] = f.left(x[i])
        y[i] = f.right(y[i])
      }
    } else {
      for i in 0..<frames { x[i] = f.left(x[i]) }
    }
    f.flushDenormals()
    self = f
  }

  /// Shapes then filters in one loop (SuperDirt's `shape` followed by a filter, nothing in
  /// between): the shaper's division overlaps the filter's recursion instead of taking its own
  /// pass.
  mutating func process(
    shapedBy shape: Shape, left x: UnsafeMutablePointer<Float>, right y: UnsafeMutablePointer<Float>, channels: Int,
    frames: Int
  ) {
    var f = self
    let k = shape.k
    let gain = 1 + k
    if channels == 2 {
      for i in 0..<frames {
        let a = x[i]
        let b = y[i]
        x[i] = f.left(gain * a / (1 + k * abs(a)))
        y[i] = f.right(gain * b / (1 + k * abs(b)))
      }
    } else if c0 == 1 && c1 == 2 && c2 == 1 {
      f.lowPassPairs(x, frames: frames, k: k, gain: gain)
    } else {
      for i in 0..<frames {
        let a = x[i]
        x[i] = f.left(gain * a / (1 + k * abs(a)))
      }
    }
    f.flushDenormals()
    self = f
  }

  /// The left channel of a low-pass (RLPF's output taps 1, 2, 1) after `shape`, two frames per
  /// step. A mono voice has one recursion, and its latency, not its arithmetic, bounds the
  /// loop: here both frames of a pair come straight from the state two frames back
  /// (`w[n+1] = e[n+1] + b1·e[n] + (b1² + b2)·w[n−1] + b1·b2·w[n−2]`), so a pair waits for one
  /// multiply and two additions instead of two of each. The same filter; only rounding differs.
  private mutating func lowPassPairs(_ x: UnsafeMutablePointer<Float>, frames: Int, k: Float, gain: Float) {
    let a = b1 * b1 + b2
    let q = b1 * b2
    var w1 = l1
    var w2 = l2
    var i = 0
    while i + 1 < frames {
      let u0 = x[i]
      let u1 = x[i + 1]
      let e0 = g * Double(gain * u0 / (1 + k * abs(u0)))
      let e1 = g * Double(gain * u1 / (1 + k * abs(u1)))
      let wa = (e0 + b2 * w2) + b1 * w1
      let wb = ((e1 + b1 * e0) + q * w2) + a * w1
      x[i] = Float((wa + (w1 + w1)) + w2)
      x[i + 1] = Float((wb + (wa + wa)) + w1)
      w2 = wa
      w1 = wb
      i += 2
    }
    l1 = w1
    l2 = w2
    if i < frames {
      let u = x[i]
      x[i] = left(gain * u / (1 + k * abs(u)))
    }
  }

  /// Sets decayed state to zero so a silent tail never runs on denormal numbers.
  mutating func flushDenormals() {
    if abs(l1) < 1e-30 && abs(l2) < 1e-30 {
      l1 = 0
      l2 = 0
    }
    if abs(r1) < 1e-30 && abs(r2) < 1e-30 {
      r1 = 0
      r2 = 0
    }
  }
}

/// SuperCollider's EffectLeakDC: `y = x − x1 + coef·y1`, coef 0.995 as SuperDirt leaves it.
struct EffectLeakDC: Sendable {
  var coef: Float = 0.995
  var x1: Float = 0
  var y1: Float = 0

  @inline(__always)
  mutating func step(_ x: Float) -> Float {
    let y = x - x1 + coef * y1
    x1 = x
    y1 = abs(y) < 1e-30 ? 0 : y
    return y
  }
}

/// SuperCollider's XFade2 gains (equal power): pan −1 is all `a`, +1 all `b`.
func crossfadeGains(pan: Double, level: Double = 1) -> (a: Float, b: Float) {
  let angle = (min(max(pan, -1), 1) + 1) * Double.pi / 4
  return (Float(level * cos(angle)), Float(level * sin(angle)))
}

/// SuperCollider's SelectX over `count` inputs: which two inputs it mixes and with what gains
/// (`which.round(2)` and `which.trunc(2) + 1`, indices clipped, crossfade `(which·2 − 1).fold2(1)`).
func selectX(_ which: Double, count: Int) -> (a: Int, gainA: Float, b: Int, gainB: Float) {
  let a = Int(max(0, min(Double(count - 1), (which / 2 + 0.5).rounded(.down) * 2)))
  let b = Int(max(0, min(Double(count - 1), (which / 2).rounded(.towardZero) * 2 + 1)))
  let gains = crossfadeGains(pan: fold2(which * 2 - 1, 1))
  return (a, gains.a, b, gains.b)
}

/// SuperCollider's fold2: folds `x` back into `−limit … limit`.
func fold2(_ x: Double, _ limit: Double) -> Double {
  guard x.isFinite, limit > 0 else { return 0 }
  let range = 2 * limit
  var v = (x + limit).truncatingRemainder(dividingBy: 2 * range)
  if v < 0 { v += 2 * range }
  if v > range { v = 2 * range - v }
  return v - limit
}

/// SuperCollider's linexp with clipping: maps `x` in `inLow … inHigh` to `outLow … outHigh`
/// exponentially.
func linexp(_ x: Double, _ inLow: Double, _ inHigh: Double, _ outLow: Double, _ outHigh: Double) -> Double {
  let t = min(max((x - inLow) / (inHigh - inLow), 0), 1)
  return outLow * pow(outHigh / outLow, t)
}

/// SuperCollider's linlin with clipping.
func linlin(_ x: Double, _ inLow: Double, _ inHigh: Double, _ outLow: Double, _ outHigh: Double) -> Double {
  let t = min(max((x - inLow) / (inHigh - inLow), 0), 1)
  return outLow + (outHigh - outLow) * t
}
