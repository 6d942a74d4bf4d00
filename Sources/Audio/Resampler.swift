#if canImport(Glibc)
  import Glibc
#endif

/// Band-limited sample reading at any speed: windowed-sinc interpolation (a Kaiser-windowed
/// sinc kernel, read from a polyphase table).
///
/// At increments up to 1 the kernel has 16 taps. Above 1 it widens with the increment and its
/// cutoff falls with the output's Nyquist frequency, so a sample pitched up does not fold its top
/// octave back down as aliases. Kernels are built on the caller's thread, one per stretch
/// (quantized upwards to quarter semitones, so the cutoff errs on the safe side), and shared;
/// each row is normalised to unit sum, so a constant reads back exactly. Positions are 32.32
/// fixed point, sample frames.
enum Resampler {
  /// Zero crossings of the kernel on each side of the read position, at increments up to 1.
  static let halfWidth = 8
  /// The widest stretch of the kernel: beyond this increment the cutoff stops following.
  static let maxStretch = 8.0
  /// Farthest frame a read touches from its position.
  static let maxReach = 8 * 8 + 8
  /// The kept band, as a fraction of the slower side's Nyquist frequency.
  static let cutoff = 0.9
  /// Kaiser window shape (about 70 dB of stopband).
  static let beta = 7.0
  /// Rows of a polyphase table (plus one, so a fraction just below 1 blends with it).
  static let phases = 256

  /// One kernel: `taps` weights (a multiple of 8) for each of `phases + 1` fractions. Row `p`
  /// weighs frames `whole - back … whole - back + taps - 1` for fraction `p / phases`.
  final class Kernel: @unchecked Sendable {
    let stretch: Double
    let taps: Int
    let back: Int
    /// Written once in `init`, then only read; raw, so voices read it without reference counting.
    let rows: UnsafeMutablePointer<Float>

    init(stretch: Double) {
      self.stretch = stretch
      let reach = Int((Double(halfWidth) * stretch).rounded(.up))
      taps = (2 * reach + 7) / 8 * 8
      back = reach - 1
      rows = .allocate(capacity: (phases + 1) * taps)
      var row = [Double](repeating: 0, count: taps)
      for p in 0...phases {
        let f = Double(p) / Double(phases)
        for k in 0..<taps { row[k] = Resampler.prototype((Double(k - reach + 1) - f) / stretch) }
        let sum = row.reduce(0, +)
        for k in 0..<taps { rows[p * taps + k] = Float(row[k] / sum) }
      }
    }

    deinit { rows.deallocate() }
  }

  /// A kernel's table as a voice holds it: raw, read without reference counting (the voice keeps
  /// the `Kernel` alive).
  struct Taps {
    let rows: UnsafePointer<Float>
    let taps: Int
    let back: Int

    init(_ kernel: Kernel) {
      rows = UnsafePointer(kernel.rows)
      taps = kernel.taps
      back = kernel.back
    }
  }

  /// The windowed sinc at `u` zero crossings from the read position.
  static func prototype(_ u: Double) -> Double {
    let x = u / Double(halfWidth)
    if abs(x) >= 1 { return 0 }
    let a = Double.pi * cutoff * u
    let sinc = a == 0 ? 1 : sin(a) / a
    return sinc * besselI0(beta * (1 - x * x).squareRoot()) / besselI0(beta)
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

  private static let cache = Lock()
  nonisolated(unsafe) private static var kernels: [Int: Kernel] = [:]

  /// The kernel for reading at up to `increment` sample frames per output frame (caller's
  /// thread: it may build one).
  static func kernel(forIncrement increment: Double) -> Kernel {
    // Quarter semitones above 1, rounded up.
    let steps = increment > 1 ? Int((log2(min(increment, maxStretch)) * 48).rounded(.up)) : 0
    return cache.withLock {
      if let k = kernels[steps] { return k }
      let k = Kernel(stretch: pow(2, Double(steps) / 48))
      kernels[steps] = k
      return k
    }
  }

  /// Reads `count` frames from `position` on (advanced by `step` per frame) into `left`, and
  /// into `right` when `channels == 2`. `source` is channel 0's frame 0; channel 1's frame 0 is
  /// `stride` floats further. Every read must stay within `maxReach` frames of the sample.
  static func read(
    _ source: UnsafePointer<Float>, stride: Int, channels: Int, kernel: Taps, position: inout Int64,
    step: Int64, left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int
  ) {
    let one: Int64 = 1 << 32
    let p = position
    if (step == one || step == -one) && p & (one - 1) == 0 {
      // Unpitched at the file's rate: a plain copy, forwards or backwards.
      for c in 0..<channels {
        let from = source + c * stride + Int(p >> 32)
        let out = c == 0 ? left : right
        if step > 0 {
          out.update(from: from, count: count)
        } else {
          for k in 0..<count { out[k] = from[-k] }
        }
      }
    } else {
      filter(source, stride, channels, kernel.rows, kernel.taps, kernel.back, p, step, left, right, count)
    }
    position = p &+ step &* Int64(count)
  }

  /// The polyphase loop: per frame, the two rows around the fraction are blended and applied
  /// eight taps at a time.
  @inline(__always)
  private static func filter(
    _ source: UnsafePointer<Float>, _ stride: Int, _ channels: Int, _ rows: UnsafePointer<Float>, _ taps: Int,
    _ back: Int, _ position: Int64, _ step: Int64, _ left: UnsafeMutablePointer<Float>,
    _ right: UnsafeMutablePointer<Float>, _ count: Int
  ) {
    var p = position
    let raw = UnsafeRawPointer(rows)
    let rowBytes = taps * 4
    for k in 0..<count {
      let whole = Int(truncatingIfNeeded: p >> 32)
      // The fraction as a row index (top 8 bits) and a blend (the next 24).
      let fraction = UInt32(truncatingIfNeeded: p)
      let row = Int(fraction >> 24)
      let blend = SIMD8<Float>(repeating: Float(fraction & 0xFF_FFFF) * (1 / 16_777_216))
      let r0 = raw + row * rowBytes
      let r1 = r0 + rowBytes
      let x0 = UnsafeRawPointer(source + whole - back)
      var sumL = SIMD8<Float>()
      if channels == 2 {
        let x1 = x0 + stride * 4
        var sumR = SIMD8<Float>()
        for t in Swift.stride(from: 0, to: rowBytes, by: 32) {
          let a = r0.loadUnaligned(fromByteOffset: t, as: SIMD8<Float>.self)
          let b = r1.loadUnaligned(fromByteOffset: t, as: SIMD8<Float>.self)
          let h = a + (b - a) * blend
          sumL += x0.loadUnaligned(fromByteOffset: t, as: SIMD8<Float>.self) * h
          sumR += x1.loadUnaligned(fromByteOffset: t, as: SIMD8<Float>.self) * h
        }
        right[k] = sumR.sum()
      } else {
        for t in Swift.stride(from: 0, to: rowBytes, by: 32) {
          let a = r0.loadUnaligned(fromByteOffset: t, as: SIMD8<Float>.self)
          let b = r1.loadUnaligned(fromByteOffset: t, as: SIMD8<Float>.self)
          sumL += x0.loadUnaligned(fromByteOffset: t, as: SIMD8<Float>.self) * (a + (b - a) * blend)
        }
      }
      left[k] = sumL.sum()
      p &+= step
    }
  }
}
