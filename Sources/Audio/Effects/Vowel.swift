#if canImport(Glibc)
  import Glibc
#endif

/// SuperDirt's `vowel` (dirt_vowel): five band-pass filters at the vowel's formants, summed and
/// crossfaded with the dry signal. SuperDirt takes the formants from the Vowel quark's
/// counter-tenor register (the quark's values come from the Csound manual's formant table):
/// amplitudes `dbamp(dB) · resonance.linlin(0, 1, 50, 200)`, reciprocal Q
/// `(1 / bandwidth) / resonance.linlin(0, 1, 0.1, 0.5)`, mix `XFade2(dry, formants,
/// resonance.linlin(0, 1, −0.5, 1), 0.25)`; `resonance` is 0.5 when the event has none.
struct VowelFilter: Sendable {
  /// One vowel's five formants: centre frequency (Hz), level (dB), bandwidth (Hz).
  struct Formants: Sendable {
    let freqs: [Double]
    let dBs: [Double]
    let widths: [Double]
  }

  /// The counter-tenor formants of a, e, i, o, u.
  static let table: [String: Formants] = [
    "a": Formants(
      freqs: [660, 1120, 2750, 3000, 3350], dBs: [0, -6, -23, -24, -38], widths: [80, 90, 120, 130, 140]),
    "e": Formants(
      freqs: [440, 1800, 2700, 3000, 3300], dBs: [0, -14, -18, -20, -20], widths: [70, 80, 100, 120, 120]),
    "i": Formants(
      freqs: [270, 1850, 2900, 3350, 3590], dBs: [0, -24, -24, -36, -36], widths: [40, 90, 100, 120, 120]),
    "o": Formants(
      freqs: [430, 820, 2700, 3000, 3300], dBs: [0, -10, -26, -22, -34], widths: [40, 80, 100, 120, 120]),
    "u": Formants(
      freqs: [370, 630, 2750, 3000, 3400], dBs: [0, -20, -23, -30, -34], widths: [40, 60, 100, 120, 120]),
  ]

  var f0: TwoPole
  var f1: TwoPole
  var f2: TwoPole
  var f3: TwoPole
  var f4: TwoPole
  let dryGain: Float
  let wetGain: Float

  /// nil for a name that is not one of a e i o u (SuperDirt then skips the module).
  init?(_ name: String, resonance: Double?, rate: Double) {
    guard let v = Self.table[name] else { return nil }
    let res = resonance ?? 0.5
    let ampScale = linlin(res, 0, 1, 50, 200)
    let rqScale = linlin(res, 0, 1, 0.1, 0.5)
    func band(_ i: Int) -> TwoPole {
      .bandPass(
        min(v.freqs[i], rate / 2), rq: (1 / v.widths[i]) / rqScale, rate: rate,
        gain: pow(10, v.dBs[i] / 20) * ampScale)
    }
    f0 = band(0)
    f1 = band(1)
    f2 = band(2)
    f3 = band(3)
    f4 = band(4)
    let gains = crossfadeGains(pan: linlin(res, 0, 1, -0.5, 1), level: 0.25)
    dryGain = gains.a
    wetGain = gains.b
  }

  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    let dry = dryGain
    let wet = wetGain
    for i in 0..<frames {
      let x = left[i]
      let formants = f0.left(x) + f1.left(x) + f2.left(x) + f3.left(x) + f4.left(x)
      left[i] = dry * x + wet * formants
    }
    if channels == 2 {
      for i in 0..<frames {
        let x = right[i]
        let formants = f0.right(x) + f1.right(x) + f2.right(x) + f3.right(x) + f4.right(x)
        right[i] = dry * x + wet * formants
      }
    }
    f0.flushDenormals()
    f1.flushDenormals()
    f2.flushDenormals()
    f3.flushDenormals()
    f4.flushDenormals()
  }
}

/// SuperDirt's `djf` (dj-filter): RLPF at `djf.linexp(0, 0.5, 20, 10000)` then RHPF at
/// `djf.linexp(0.5, 1, 20, 10000)`, both with rq 1: a low-pass closing below 0.5, a high-pass
/// opening above it, nearly flat at 0.5.
struct DJFilter: Sendable {
  var lowPass: TwoPole
  var highPass: TwoPole

  init(_ djf: Double, rate: Double) {
    lowPass = .lowPass(linexp(djf, 0, 0.5, 20, 10000), rq: 1, rate: rate)
    highPass = .highPass(linexp(djf, 0.5, 1, 20, 10000), rq: 1, rate: rate)
  }

  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    lowPass.process(left: left, right: right, channels: channels, frames: frames)
    highPass.process(left: left, right: right, channels: channels, frames: frames)
  }
}
