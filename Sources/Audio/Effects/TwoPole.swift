#if canImport(Glibc)
  import Glibc
#endif

/// SuperCollider's two-pole filters (RLPF, RHPF, BPF) as one recursion with their exact
/// coefficients: `w = g·x + b1·w1 + b2·w2`, output `c0·w + c1·w1 + c2·w2`. Coefficients are
/// computed once (on the caller's thread); state is per channel and kept in Double as scsynth
/// keeps it, so low cutoffs stay stable.
struct TwoPole {
  var g = 0.0
  var b1 = 0.0
  var b2 = 0.0
  var c0 = 0.0
  var c1 = 0.0
  var c2 = 0.0
  /// Per-channel state (left, right).
  var l1 = 0.0
  var l2 = 0.0
  var r1 = 0.0
  var r2 = 0.0

  /// The highest frequency a filter may be tuned to: just under Nyquist, where the tangent in
  /// the coefficients would blow up.
  static func safeFrequency(_ freq: Double, rate: Double) -> Double {
    min(max(freq, 20), rate * 0.4999)
  }

  /// The warped pole radius and angle RLPF and RHPF share (`rq` is the reciprocal Q).
  private static func resonant(_ freq: Double, rq: Double, rate: Double) -> (
    b1: Double, b2: Double, cosf: Double, c: Double
  ) {
    let qres = max(0.001, rq)
    let pfreq = safeFrequency(freq, rate: rate) * 2 * Double.pi / rate
    let d = tan(min(pfreq * qres * 0.5, Double.pi / 2 - 1e-6))
    let c = (1 - d) / (1 + d)
    let cosf = cos(pfreq)
    return ((1 + c) * cosf, -c, cosf, c)
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

  /// SuperCollider's BPF: two-pole band-pass with bandwidth `rq · freq`, unity gain at the
  /// centre. `gain` scales the output.
  static func bandPass(_ freq: Double, rq: Double, rate: Double, gain: Double = 1) -> TwoPole {
    let pfreq = safeFrequency(freq, rate: rate) * 2 * Double.pi / rate
    let pbw = max(rq * pfreq * 0.5, 1e-9)
    let c = 1 / tan(min(pbw, Double.pi / 2 - 1e-6))
    let d = 2 * cos(pfreq)
    let a0 = 1 / (1 + c)
    return TwoPole(g: 1, b1: c * d * a0, b2: (1 - c) * a0, c0: a0 * gain, c1: 0, c2: -a0 * gain)
  }

  /// Filters `frames` samples of one channel in place (`channel` 0 is left, 1 right).
  mutating func process(_ x: UnsafeMutablePointer<Float>, frames: Int, channel: Int) {
    var w1 = channel == 0 ? l1 : r1
    var w2 = channel == 0 ? l2 : r2
    let g = g, b1 = b1, b2 = b2, c0 = c0, c1 = c1, c2 = c2
    for i in 0..<frames {
      let w0 = g * Double(x[i]) + b1 * w1 + b2 * w2
      x[i] = Float(c0 * w0 + c1 * w1 + c2 * w2)
      w2 = w1
      w1 = w0
    }
    // Flush decayed state to zero so a silent tail never runs on denormals.
    if abs(w1) < 1e-30 && abs(w2) < 1e-30 {
      w1 = 0
      w2 = 0
    }
    if channel == 0 {
      l1 = w1
      l2 = w2
    } else {
      r1 = w1
      r2 = w2
    }
  }

  /// Filters the voice's channels in place.
  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    process(left, frames: frames, channel: 0)
    if channels == 2 { process(right, frames: frames, channel: 1) }
  }
}
