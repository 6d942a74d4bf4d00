#if canImport(Glibc)
  import Glibc
#endif

/// Band-limited sample reading at any speed: windowed-sinc interpolation (a Kaiser-windowed
/// sinc kernel).
///
/// At increments up to 1 the kernel is a fixed 16-tap filter read from a polyphase table (two
/// neighbouring phases blended by the position's fraction). Above 1 the kernel widens with the
/// increment and its cutoff falls to the output's Nyquist, so a sample pitched up does not fold
/// its top octave back down as aliases; its taps come from a finely sampled prototype. Each
/// kernel is normalised to unit sum, so a constant reads back exactly. Positions are 32.32 fixed
/// point, sample frames.
enum Resampler {
  /// Zero crossings of the kernel on each side of the read position, at increments up to 1.
  static let halfWidth = 8
  static let taps = 16
  /// The widest stretch of the kernel: beyond this increment the cutoff stops following.
  static let maxStretch = 16
  /// Farthest frame a read touches from its position.
  static let maxReach = 8 * 16 + 1
  /// The kept band, as a fraction of the slower side's Nyquist frequency.
  static let cutoff = 0.9
  /// Kaiser window shape (about 70 dB of stopband).
  static let beta = 7.0
  /// Rows of the polyphase table (plus one, so a fraction just below 1 blends with it).
  static let phases = 256
  /// Prototype points per zero crossing.
  static let density = 512

  /// The kernel, `g(u)` for `u` frames from the read position at the base cutoff.
  static func kernel(_ u: Double) -> Double {
    let x = u / Double(halfWidth)
    if abs(x) >= 1 { return 0 }
    let a = Double.pi * cutoff * u
    let sinc = a == 0 ? 1 : sin(a) / a
    return cutoff * sinc * besselI0(beta * (1 - x * x).squareRoot()) / besselI0(beta)
  }

  static func besselI0(_ x: Double) -> Double {
    var sum = 1.0
    var term = 1.0
    for k in 1..<40 {
      term *= (x / (2 * Double(k))) * (x / (2 * Double(k)))
      sum += term
      if term < sum * 1e-17 { break }
    }
    return sum
  }

  /// Row `p` (fraction `p / phases`): the weights of frames `whole - 7 … whole + 8`.
  static let table: [Float] = {
    var out = [Float](repeating: 0, count: (phases + 1) * taps)
    for p in 0...phases {
      let f = Double(p) / Double(phases)
      let row = (0..<taps).map { kernel(Double($0 - (halfWidth - 1)) - f) }
      let sum = row.reduce(0, +)
      for k in 0..<taps { out[p * taps + k] = Float(row[k] / sum) }
    }
    return out
  }()

  /// `g(u)` at `u = i / density - halfWidth`, for the widened kernels.
  static let prototype: [Float] = {
    let count = 2 * halfWidth * density + 2
    return (0..<count).map { Float(kernel(Double($0) / Double(density) - Double(halfWidth))) }
  }()

  /// Builds the tables now (the caller's thread), not on first use on the audio thread.
  static func prepare() {
    _ = table.count + prototype.count
  }

  /// Reads `count` frames from `position` on (advanced by `step` per frame) into `left`, and
  /// into `right` when `channels == 2`. `source` is channel 0's frame 0; channel 1's frame 0 is
  /// `stride` floats further. Every read must stay within `maxReach` frames of the sample.
  static func read(
    _ source: UnsafePointer<Float>, stride: Int, channels: Int, position: inout Int64, step: Int64,
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int
  ) {
    let one: Int64 = 1 << 32
    let p = position
    if (step == one || step == -one) && p & (one - 1) == 0 {
      // Unpitched at the file's rate: a plain copy, forwards or backwards.
      let direction = step > 0 ? 1 : -1
      for c in 0..<channels {
        let from = source + c * stride + Int(p >> 32)
        let out = c == 0 ? left : right
        if direction > 0 {
          out.update(from: from, count: count)
        } else {
          for k in 0..<count { out[k] = from[-k] }
        }
      }
    } else if step.magnitude <= UInt64(one) {
      polyphase(source, stride: stride, channels: channels, position: p, step: step, left, right, count)
    } else {
      widened(source, stride: stride, channels: channels, position: p, step: step, left, right, count)
    }
    position = p &+ step &* Int64(count)
  }

  private static func polyphase(
    _ source: UnsafePointer<Float>, stride: Int, channels: Int, position: Int64, step: Int64,
    _ left: UnsafeMutablePointer<Float>, _ right: UnsafeMutablePointer<Float>, _ count: Int
  ) {
    table.withUnsafeBufferPointer { t in
      let rows = UnsafeRawPointer(t.baseAddress!)
      var p = position
      let back = halfWidth - 1
      for k in 0..<count {
        let whole = Int(truncatingIfNeeded: p >> 32)
        // The fraction as a phase index (top 8 bits) and a blend (the next 24).
        let fraction = UInt32(truncatingIfNeeded: p)
        let row = Int(fraction >> 24)
        let blend = Float(fraction & 0xFF_FFFF) * (1 / 16_777_216)
        let r0 = rows.loadUnaligned(fromByteOffset: row * taps * 4, as: SIMD16<Float>.self)
        let r1 = rows.loadUnaligned(fromByteOffset: (row + 1) * taps * 4, as: SIMD16<Float>.self)
        let h = r0 + (r1 - r0) * blend
        let x0 = UnsafeRawPointer(source + whole - back).loadUnaligned(as: SIMD16<Float>.self)
        left[k] = (x0 * h).sum()
        if channels == 2 {
          let x1 = UnsafeRawPointer(source + stride + whole - back).loadUnaligned(as: SIMD16<Float>.self)
          right[k] = (x1 * h).sum()
        }
        p &+= step
      }
    }
  }

  private static func widened(
    _ source: UnsafePointer<Float>, stride: Int, channels: Int, position: Int64, step: Int64,
    _ left: UnsafeMutablePointer<Float>, _ right: UnsafeMutablePointer<Float>, _ count: Int
  ) {
    let increment = min(Double(step.magnitude) / 4_294_967_296, Double(maxStretch))
    let shrink = 1 / increment
    let reach = Int((Double(halfWidth) * increment).rounded(.up))
    let scale = Double(density) * shrink
    prototype.withUnsafeBufferPointer { g in
      var p = position
      let centre = Double(halfWidth * density)
      let last = Double(g.count - 2)
      for k in 0..<count {
        let whole = Int(truncatingIfNeeded: p >> 32)
        let fraction = Double(UInt32(truncatingIfNeeded: p)) / 4_294_967_296
        var sumL: Float = 0
        var sumR: Float = 0
        var weights: Float = 0
        // Prototype index of frame `whole - reach + 1`, then one frame further each tap.
        var at = centre + (Double(1 - reach) - fraction) * scale
        for j in (whole - reach + 1)...(whole + reach) {
          if at > 0 && at < last {
            let i = Int(at)
            let t = Float(at - Double(i))
            let w = g[i] + (g[i + 1] - g[i]) * t
            weights += w
            sumL += w * source[j]
            if channels == 2 { sumR += w * source[stride + j] }
          }
          at += scale
        }
        let norm = weights != 0 ? 1 / weights : 0
        left[k] = sumL * norm
        if channels == 2 { right[k] = sumR * norm }
        p &+= step
      }
    }
  }
}
