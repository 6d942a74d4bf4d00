#if canImport(Glibc)
  import Glibc
#endif

/// The built-in sounds (`Sound.builtIn` names them), synthesized at start so Tala sounds with no sample pack installed.
/// Drums start at a non-zero value so their onset frame is visible; instruments are tuned to
/// middle C (Tidal's note 0, 261.63 Hz) and pitched by resampling.
enum Synthesis {
  static let middleC = 261.625_565_300_598_6

  static func sound(_ name: String, rate: Double) -> Sample? {
    switch name {
    case "tick": drum(name, rate, seconds: 0.03) { t, _ in cos(2 * .pi * 2000 * t) * exp(-t / 0.004) }
    case "bd":
      drum(name, rate, seconds: 0.5) { t, _ in
        // A falling sine: phase is the integral of 50 + 100·e^(-t/0.03) Hz.
        let phase = 2 * .pi * (50 * t + 100 * 0.03 * (1 - exp(-t / 0.03)))
        return cos(phase) * exp(-t / 0.15)
      }
    case "sn":
      drum(name, rate, seconds: 0.3) { t, noise in
        (0.6 * noise.next() + 0.5 * cos(2 * .pi * 185 * t)) * exp(-t / 0.07)
      }
    case "hh": hat(name, rate, seconds: 0.1, decay: 0.025)
    case "oh": hat(name, rate, seconds: 0.6, decay: 0.18)
    case "cp":
      drum(name, rate, seconds: 0.3) { t, noise in
        // Three quick bursts, then a tail: the hands of a clap.
        let burst = [0.0, 0.011, 0.022].map { start in t >= start ? exp(-(t - start) / 0.004) : 0 }.reduce(0, +)
        let tail = t >= 0.022 ? 0.5 * exp(-(t - 0.022) / 0.06) : 0
        return noise.next() * min(1, burst + tail)
      }
    case "superpiano":
      instrument(name, rate, seconds: 3) { t in
        var x = 0.0
        for k in 1...6 {
          let kd = Double(k)
          x += cos(2 * .pi * middleC * kd * t) / (kd * kd) * exp(-t * (1.2 + kd * 0.8))
        }
        return 0.7 * x * min(1, t / 0.002)
      }
    case "supersaw":
      instrument(name, rate, seconds: 3) { t in
        var x = 0.0
        for k in 1...16 {
          let kd = Double(k)
          x += sin(2 * .pi * middleC * kd * t) / kd
        }
        return 0.5 * x * min(1, t / 0.002) * exp(-t / 1.5)
      }
    case "sine":
      instrument(name, rate, seconds: 3) { t in sin(2 * .pi * middleC * t) * min(1, t / 0.002) }
    default: nil
    }
  }

  /// A deterministic noise source, so renders are repeatable.
  struct Noise {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    mutating func next() -> Double {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Double(Int64(bitPattern: state) >> 11) / Double(1 << 52)
    }
  }

  private static func drum(
    _ name: String, _ rate: Double, seconds: Double, _ f: (Double, inout Noise) -> Double
  ) -> Sample {
    var noise = Noise()
    let count = Int(seconds * rate)
    var out = [Float](repeating: 0, count: count)
    for i in 0..<count { out[i] = Float(f(Double(i) / rate, &noise)) }
    // A short fade at the end, so a truncated tail does not click.
    let fade = min(count, Int(rate * 0.005))
    for i in 0..<fade { out[count - 1 - i] *= Float(i) / Float(fade) }
    return Sample(name: name, channels: [out], rate: rate, isInstrument: false, isBuiltIn: true)
  }

  private static func hat(_ name: String, _ rate: Double, seconds: Double, decay: Double) -> Sample {
    var previous = 0.0
    return drum(name, rate, seconds: seconds) { t, noise in
      // A first difference tilts white noise toward the highs.
      let x = noise.next()
      defer { previous = x }
      return 0.5 * (x - previous) * exp(-t / decay) + (t == 0 ? 0.5 : 0)
    }
  }

  private static func instrument(_ name: String, _ rate: Double, seconds: Double, _ f: (Double) -> Double) -> Sample {
    let count = Int(seconds * rate)
    var out = [Float](repeating: 0, count: count)
    for i in 0..<count { out[i] = Float(f(Double(i) / rate)) }
    let fade = min(count, Int(rate * 0.01))
    for i in 0..<fade { out[count - 1 - i] *= Float(i) / Float(fade) }
    return Sample(name: name, channels: [out], rate: rate, isInstrument: true, isBuiltIn: true)
  }
}
