#if canImport(Glibc)
  import Glibc
#endif

/// SuperDirt's `fshift` (dirt_fshift, SuperCollider's FreqShift): single-sideband modulation.
/// A Hilbert pair (two chains of six first-order allpasses with scsynth's pole constants) turns
/// the signal into its analytic form, which is turned by a quadrature oscillator at
/// `freq · fshiftnote + fshift` Hz starting at `fshiftphase` radians, so every partial moves by
/// the same number of hertz. `freq` is the event's note frequency as SuperDirt computes it:
/// `midicps((note ?? n) + 12 · octave)`, octave 5 when absent.
struct FrequencyShifter: Sendable {
  /// The twelve allpass coefficients, then twelve states per channel (Float, as scsynth keeps
  /// them), in memory that copies of this value share rather than duplicate.
  let memory: SampleMemory
  var osc: SinePhasor

  init(shift: Double, noteShift: Double?, phase: Double?, event note: Double?, octave: Double?, rate: Double) {
    let freq = 440 * pow(2, ((note ?? 0) + 12 * (octave ?? 5) - 69) / 12)
    let hz = freq * (noteShift ?? 0) + shift
    osc = SinePhasor(freq: hz.isFinite ? hz : 0, phase: phase ?? 0, rate: rate)
    // scsynth's Hilbert poles, scaled by 15π / sample rate.
    let poles = [
      0.3609, 2.7412, 11.1573, 44.7581, 179.6242, 798.4578, 1.2524, 5.5671, 22.3423, 89.6271, 364.7914, 2770.1114,
    ]
    let g = 15 * Double.pi / rate
    memory = SampleMemory(count: 36)
    for (k, p) in poles.enumerated() { memory.base[k] = Float((g * p - 1) / (g * p + 1)) }
  }

  /// Runs one channel: both allpass chains per sample, then the turn by the oscillator.
  private static func run(
    _ x: UnsafeMutablePointer<Float>, _ frames: Int, _ c: UnsafeMutablePointer<Float>, _ s: UnsafeMutablePointer<Float>,
    _ start: SinePhasor
  ) -> SinePhasor {
    var o = start
    for i in 0..<frames {
      var a = x[i]
      for k in 0..<6 {
        let y0 = a - c[k] * s[k]
        a = c[k] * y0 + s[k]
        s[k] = y0
      }
      var b = x[i]
      for k in 6..<12 {
        let y0 = b - c[k] * s[k]
        b = c[k] * y0 + s[k]
        s[k] = y0
      }
      let cosine = Float(o.re)
      let sine = Float(o.im)
      _ = o.next()
      x[i] = a * cosine + b * sine
    }
    for k in 0..<12 where abs(s[k]) < 1e-30 { s[k] = 0 }
    return o
  }

  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    let c = memory.base
    let start = osc
    osc = Self.run(left, frames, c, c + 12, start)
    if channels == 2 { _ = Self.run(right, frames, c, c + 24, start) }
    osc.normalise()
  }
}
