#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Small unit generators for the built-in synths, named after the SuperCollider UGens they stand
// in for. Each is a value type stepped one sample at a time; none allocates after it is made
// (delay lines allocate their buffer in `init`, on the caller's thread).

/// `seconds` as a frame count at `rate`, never trapping: NaN and negatives give 0, and no
/// segment is longer than ten hours.
@inline(__always) func secondsToFrames(_ seconds: Double, _ rate: Double) -> Int {
  let x = seconds * rate
  guard x.isFinite, x > 0 else { return x == .infinity ? Int(36_000 * rate) : 0 }
  return Int(min(x, 36_000 * rate).rounded())
}

/// sin(2π·`cycles`) by a polynomial: within 1e-7 of libm's and several times cheaper, which
/// matters where a synth sums a dozen partials per sample.
@inline(__always) func sinCycles(_ cycles: Double) -> Double {
  guard cycles.isFinite else { return 0 }
  // Reduce to [-0.5, 0.5), then fold onto [-0.25, 0.25] where the series converges fast.
  var x = cycles - (cycles + 0.5).rounded(.down)
  if x > 0.25 { x = 0.5 - x } else if x < -0.25 { x = -0.5 - x }
  let y = 2 * Double.pi * x
  let y2 = y * y
  return y
    * (1 + y2 * (-1.0 / 6 + y2 * (1.0 / 120 + y2 * (-1.0 / 5040 + y2 * (1.0 / 362_880 - y2 / 39_916_800)))))
}

/// tanh through one `exp` (libm's tanh goes through the slower expm1): within 1e-15 of libm's
/// tanh everywhere (absolute; the tests check it), which is all a signal needs, at about half
/// the cost where a synth saturates every sample.
@inline(__always) func fastTanh(_ x: Double) -> Double {
  let e = exp(-2 * abs(x))
  let t = (1 - e) / (1 + e)
  return x < 0 ? -t : t
}

/// sin of `radians` through `sinCycles`.
@inline(__always) func fastSin(_ radians: Double) -> Double { sinCycles(radians * (0.5 / Double.pi)) }

/// White noise in [-1, 1) from a xorshift generator: cheap and repeatable for a given seed.
struct WhiteNoise {
  var state: UInt64

  init(seed: UInt64 = 0x9E37_79B9_7F4A_7C15) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

  mutating func next() -> Double {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return Double(Int64(bitPattern: state) >> 11) / Double(1 << 52)
  }

  /// Uniform in [lo, hi).
  mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * (next() * 0.5 + 0.5) }
}

/// Brown noise as SuperCollider's BrownNoise makes it: a random walk reflected at ±1.
struct BrownNoise {
  var noise: WhiteNoise
  var level = 0.0

  init(seed: UInt64) { noise = WhiteNoise(seed: seed) }

  mutating func next() -> Double {
    level += noise.next() * 0.125
    if level > 1 { level = 2 - level } else if level < -1 { level = -2 - level }
    return level
  }
}

/// A phase in cycles, [0, 1).
struct Phasor {
  var phase: Double

  init(phase: Double = 0) { self.phase = phase - phase.rounded(.down) }

  /// The phase before advancing by `increment` cycles.
  mutating func step(_ increment: Double) -> Double {
    let p = phase
    phase += increment
    if phase >= 1 || phase < 0 { phase -= phase.rounded(.down) }
    return p
  }
}

/// PolyBLEP correction for a unit step at phase 0 of a phase advancing by `dt` per sample.
@inline(__always) func polyBLEP(_ t: Double, _ dt: Double) -> Double {
  guard dt > 0 else { return 0 }
  if t < dt {
    let x = t / dt
    return x + x - x * x - 1
  } else if t > 1 - dt {
    let x = (t - 1) / dt
    return x * x + x + x + 1
  }
  return 0
}

/// A sine oscillator (SinOsc): `phase` in radians, as SuperCollider's phase argument.
struct SineOsc {
  var phasor: Phasor

  init(phase radians: Double = 0) { phasor = Phasor(phase: radians / (2 * .pi)) }

  mutating func next(_ freq: Double, _ rate: Double, phaseOffset: Double = 0) -> Double {
    sinCycles(phasor.step(freq / rate) + phaseOffset * (0.5 / .pi))
  }

  /// The same at a fixed `increment` (frequency over rate, divided once by the caller).
  @inline(__always)
  mutating func next(increment: Double) -> Double { sinCycles(phasor.step(increment)) }
}

/// A band-limited sawtooth rising from -1 to 1 (Saw, SawDPW), PolyBLEP-corrected.
struct SawOsc {
  var phasor: Phasor

  init(phase: Double = 0) { phasor = Phasor(phase: phase) }

  mutating func next(_ freq: Double, _ rate: Double) -> Double {
    let dt = abs(freq / rate)
    let t = phasor.step(freq / rate)
    return 2 * t - 1 - polyBLEP(t, dt)
  }
}

/// A band-limited pulse in [-1, 1] with duty cycle `width` (Pulse, PulseDPW), PolyBLEP-corrected.
struct PulseOsc {
  var phasor: Phasor

  init(phase: Double = 0) { phasor = Phasor(phase: phase) }

  mutating func next(_ freq: Double, _ rate: Double, width: Double = 0.5) -> Double {
    next(increment: freq / rate, width: width)
  }

  /// The same, for a caller that divides the frequency by the rate once, not every frame.
  @inline(__always)
  mutating func next(increment: Double, width: Double = 0.5) -> Double {
    let dt = abs(increment)
    let w = min(max(width, 0), 1)
    let t = phasor.step(increment)
    var y = t < w ? 1.0 : -1.0
    y += polyBLEP(t, dt)
    var t2 = t - w
    if t2 < 0 { t2 += 1 }
    y -= polyBLEP(t2, dt)
    return y
  }
}

/// SuperCollider's VarSaw: rises from -1 to 1 over `width` of the cycle and falls back over the
/// rest (a triangle at 0.5, a falling saw at 0). Not band-limited, as in SuperCollider.
struct VarSawOsc {
  var phasor: Phasor

  init(phase: Double = 0) { phasor = Phasor(phase: phase) }

  mutating func next(_ freq: Double, _ rate: Double, width: Double) -> Double {
    let w = min(max(width, 0), 1)
    let t = phasor.step(freq / rate)
    if t < w { return 2 * t / w - 1 }
    return w >= 1 ? 1 : 1 - 2 * (t - w) / (1 - w)
  }
}

/// A triangle in [-1, 1] (LFTri). `iphase` 0..4 as in SuperCollider: 0 starts at 0 rising,
/// 1 at the top, 2 at 0 falling, 3 at the bottom.
struct TriangleOsc {
  var phasor: Phasor

  init(iphase: Double = 0) { phasor = Phasor(phase: iphase / 4) }

  mutating func next(_ freq: Double, _ rate: Double) -> Double {
    let t = phasor.step(freq / rate)
    // 0 → 0, 0.25 → 1, 0.75 → -1.
    if t < 0.25 { return 4 * t }
    if t < 0.75 { return 2 - 4 * t }
    return 4 * t - 4
  }
}

/// A straight line from `start` to `end` over `seconds`, then holding `end` (Line).
struct LineSegment {
  var value: Double
  let step: Double
  var remaining: Int
  let end: Double

  init(_ start: Double, _ end: Double, seconds: Double, rate: Double) {
    let n = max(1, secondsToFrames(seconds, rate))
    value = start
    self.end = end
    remaining = seconds > 0 ? n : 0
    step = (end - start) / Double(n)
    if remaining == 0 { value = end }
  }

  mutating func next() -> Double {
    guard remaining > 0 else { return end }
    let v = value
    value += step
    remaining -= 1
    return v
  }
}

/// An exponential line from `start` to `end` (same sign, non-zero) over `seconds` (XLine).
struct ExpLine {
  var value: Double
  let ratio: Double
  var remaining: Int
  let end: Double

  init(_ start: Double, _ end: Double, seconds: Double, rate: Double) {
    let n = max(1, secondsToFrames(seconds, rate))
    value = start
    self.end = end
    remaining = seconds > 0 && start * end > 0 ? n : 0
    ratio = remaining > 0 ? pow(end / start, 1 / Double(n)) : 1
    if remaining == 0 { value = end }
  }

  mutating func next() -> Double {
    guard remaining > 0 else { return end }
    let v = value
    value *= ratio
    remaining -= 1
    return v
  }
}

/// A breakpoint envelope (EnvGen of an Env) with up to six segments, each with SuperCollider's
/// curve: 0 linear, other numbers the exponential-ish `curve` shape, or a sine segment.
struct Envelope {
  enum Curve: Equatable {
    case linear
    case shape(Double)
    case sine
  }

  // Arrays made in `init` and only read while rendering.
  private let levels: [Double]
  private let frames: [Int]
  private let count: Int
  private let curve: Curve
  private var segment = 0
  private var position = 0
  // Running state of the current segment.
  private var start = 0.0
  private var end = 0.0
  private var a = 0.0
  private var grow = 1.0
  private var multiplier = 1.0
  // A linear segment's running value and step (no division per sample).
  private var linear = 0.0
  private var linearStep = 0.0
  private var length = 1

  /// Levels `levels[0]…` joined by segments of `times` seconds (scaled by `timeScale`).
  init(levels: [Double], times: [Double], curve: Curve = .linear, timeScale: Double = 1, rate: Double) {
    let n = min(times.count, levels.count - 1, 6)
    count = max(0, n)
    self.curve = curve
    self.levels = Array(levels.prefix(count + 1))
    self.frames = times.prefix(count).map { secondsToFrames($0 * timeScale, rate) }
    start = levels[0]
    end = levels[0]
    begin(0)
  }

  /// Env.linen: attack, sustain, release at `level`.
  static func linen(
    _ attack: Double, _ sustain: Double, _ release: Double, level: Double = 1, curve: Curve = .linear,
    timeScale: Double = 1, rate: Double
  ) -> Envelope {
    Envelope(
      levels: [0, level, level, 0], times: [attack, sustain, release], curve: curve, timeScale: timeScale, rate: rate)
  }

  /// Env.perc: attack to `level`, release to 0 (SuperCollider's default curve is -4).
  static func perc(
    _ attack: Double, _ release: Double, level: Double = 1, curve: Curve = .shape(-4), timeScale: Double = 1,
    rate: Double
  ) -> Envelope {
    Envelope(levels: [0, level, 0], times: [attack, release], curve: curve, timeScale: timeScale, rate: rate)
  }

  /// Env.pairs: `[time, level]` breakpoints.
  static func pairs(_ pairs: [(Double, Double)], curve: Curve, timeScale: Double = 1, rate: Double) -> Envelope {
    var times: [Double] = []
    for i in 1..<pairs.count { times.append(pairs[i].0 - pairs[i - 1].0) }
    return Envelope(levels: pairs.map(\.1), times: times, curve: curve, timeScale: timeScale, rate: rate)
  }

  /// Env.sine: a Hann-shaped bump of `duration` peaking at `level`.
  static func sine(_ duration: Double = 1, level: Double = 1, timeScale: Double = 1, rate: Double) -> Envelope {
    Envelope(
      levels: [0, level, 0], times: [duration / 2, duration / 2], curve: .sine, timeScale: timeScale, rate: rate)
  }

  /// Total length in frames.
  var totalFrames: Int { frames.reduce(0, +) }

  private func level(_ i: Int) -> Double { levels[i] }

  private func segmentFrames(_ i: Int) -> Int { frames[i] }

  private mutating func begin(_ i: Int) {
    segment = i
    position = 0
    while segment < count, segmentFrames(segment) == 0 { segment += 1 }
    guard segment < count else {
      start = level(count)
      end = start
      return
    }
    start = level(segment)
    end = level(segment + 1)
    length = segmentFrames(segment)
    linear = start
    linearStep = (end - start) / Double(length)
    if case .shape(let c) = curve, abs(c) > 0.001 {
      a = (end - start) / (1 - exp(c))
      grow = exp(c / Double(length))
      multiplier = 1
    }
  }

  var isDone: Bool { segment >= count }

  @inline(__always)
  mutating func next() -> Double {
    guard segment < count else { return end }
    let y: Double
    switch curve {
    case .linear:
      y = linear
      linear += linearStep
    case .sine: y = start + (end - start) * (0.5 - 0.5 * cos(.pi * Double(position) / Double(length)))
    case .shape(let c):
      if abs(c) <= 0.001 {
        y = linear
        linear += linearStep
      } else {
        y = start + a - a * multiplier
        multiplier *= grow
      }
    }
    position += 1
    if position >= length { begin(segment + 1) }
    return y
  }
}

/// A one-pole low-pass whose output falls by 60 dB in `seconds` after an impulse (Decay).
struct Decay {
  var y = 0.0
  let b: Double

  init(seconds: Double, rate: Double) { b = seconds > 0 ? pow(0.001, 1 / (seconds * rate)) : 0 }

  mutating func next(_ x: Double) -> Double {
    y = x + b * y
    return y
  }
}

/// A second-order filter (the RBJ cookbook's biquads), for SuperCollider's LPF, HPF, BPF,
/// RLPF, BRF, Resonz, BPeakEQ and BAllPass.
struct Biquad {
  enum Kind {
    /// Butterworth (LPF) when `rq` = √2, resonant (RLPF) below.
    case lowPass
    case highPass
    /// Peak gain 1 at the centre; bandwidth `rq` × freq (BPF, Resonz).
    case bandPass
    case bandReject
    /// `gainDB` at the centre (BPeakEQ).
    case peak(gainDB: Double)
    case allPass
  }

  let kind: Kind
  var b0 = 1.0, b1 = 0.0, b2 = 0.0, a1 = 0.0, a2 = 0.0
  var x1 = 0.0, x2 = 0.0, y1 = 0.0, y2 = 0.0

  init(_ kind: Kind, freq: Double, rq: Double = 2.squareRoot(), rate: Double) {
    self.kind = kind
    set(freq: freq, rq: rq, rate: rate)
  }

  /// New coefficients (keeps the state, so a sweep stays continuous).
  mutating func set(freq: Double, rq: Double, rate: Double) {
    let f = min(max(freq, 1), rate * 0.49)
    let w = 2 * .pi * f / rate
    let cw = cos(w)
    let alpha = sin(w) * max(rq, 1e-4) / 2
    var nb0 = 1.0
    var nb1 = 0.0
    var nb2 = 0.0
    var na0 = 1 + alpha
    var na1 = -2 * cw
    var na2 = 1 - alpha
    switch kind {
    case .lowPass:
      nb0 = (1 - cw) / 2
      nb1 = 1 - cw
      nb2 = nb0
    case .highPass:
      nb0 = (1 + cw) / 2
      nb1 = -(1 + cw)
      nb2 = nb0
    case .bandPass:
      nb0 = alpha
      nb2 = -alpha
    case .bandReject:
      nb0 = 1
      nb1 = -2 * cw
      nb2 = 1
    case .peak(let db):
      let g = pow(10, db / 40)
      nb0 = 1 + alpha * g
      nb1 = -2 * cw
      nb2 = 1 - alpha * g
      na0 = 1 + alpha / g
      na1 = -2 * cw
      na2 = 1 - alpha / g
    case .allPass:
      nb0 = 1 - alpha
      nb1 = -2 * cw
      nb2 = 1 + alpha
    }
    b0 = nb0 / na0
    b1 = nb1 / na0
    b2 = nb2 / na0
    a1 = na1 / na0
    a2 = na2 / na0
  }

  @inline(__always)
  mutating func next(_ x: Double) -> Double {
    let y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
    x2 = x1
    x1 = x
    y2 = y1
    y1 = y.isFinite ? y : 0
    return y1
  }
}

/// A four-pole ladder low-pass with feedback `gain` 0…4 (MoogFF), solved without the unit
/// delay in its loop (topology-preserving transform), so it stays stable while it sweeps.
struct LadderFilter {
  var s = (0.0, 0.0, 0.0, 0.0)
  // The cutoff's coefficient, recomputed every 16 samples (a tangent per sample would cost
  // more than the rest of a synth).
  var bigG = 0.0
  var countdown = 0

  mutating func next(_ x: Double, freq: Double, gain: Double, rate: Double) -> Double {
    if countdown == 0 {
      let f = min(max(freq.isNaN ? 1 : freq, 1), rate * 0.45)
      let g = tan(.pi * f / rate)
      bigG = g / (1 + g)
      countdown = 16
    }
    countdown -= 1
    let bigG = self.bigG
    let k = min(max(gain, 0), 4)
    let oneMinus = 1 - bigG
    // Each stage: y = G·x + (1 − G)·s.
    let sum =
      bigG * bigG * bigG * oneMinus * s.0 + bigG * bigG * oneMinus * s.1 + bigG * oneMinus * s.2 + oneMinus * s.3
    let g4 = bigG * bigG * bigG * bigG
    let y4 = (g4 * x + sum) / (1 + k * g4)
    var u = x - k * y4
    u = stage(u, &s.0, bigG)
    u = stage(u, &s.1, bigG)
    u = stage(u, &s.2, bigG)
    u = stage(u, &s.3, bigG)
    if !u.isFinite {
      s = (0, 0, 0, 0)
      return 0
    }
    return u
  }

  @inline(__always) private func stage(_ x: Double, _ s: inout Double, _ g: Double) -> Double {
    let v = (x - s) * g
    let y = v + s
    s = y + v
    return y
  }
}

/// SuperCollider's BMoog (SC3-plugins' BlackrainUGens) in its low-pass mode: four saturating
/// one-pole stages with negative feedback, the pole from a cubic fit of the cutoff and the
/// feedback scaled by `q`. The plug-in reads its feedback gain from a table over the pole; a
/// quadratic-reciprocal fit of that curve stands in for it (within about 2%).
struct SaturatingLadder {
  var state = (0.0, 0.0, 0.0, 0.0)
  var feedback = 0.0
  var p = 0.0
  var q = 0.0

  mutating func set(freq: Double, resonance: Double, rate: Double) {
    let fc = 2 * freq / rate
    p = -0.69346 * fc * fc * fc - 0.59515 * fc * fc + 3.2937 * fc - 1.0072
    let x = min(max(p, -1), 1) + 1
    q = resonance / (1 + 1.0135 * x + 0.2285 * x * x)
  }

  @inline(__always) private static func saturate(_ x: Double) -> Double { 0.5 * (abs(x + 0.95) - abs(x - 0.95)) }

  @inline(__always) private func pole(_ x: Double, _ s: inout Double) -> Double {
    let previous = s
    let y = Self.saturate(x + p * (x - previous))
    s = y
    return Self.saturate(y + previous)
  }

  mutating func next(_ x: Double) -> Double {
    var y = 0.25 * (x - feedback)
    y = pole(y, &state.0)
    y = pole(y, &state.1)
    y = pole(y, &state.2)
    y = pole(y, &state.3)
    feedback = y * q
    return y.isFinite ? y : 0
  }
}

/// A delay line with a fixed maximum, read with linear (DelayL/CombL) or cubic (DelayC)
/// interpolation. The buffer is allocated in `init`.
struct DelayLine {
  private var buffer: [Double]
  private var write = 0

  init(maxSeconds: Double, rate: Double) {
    buffer = [Double](repeating: 0, count: max(4, secondsToFrames(maxSeconds, rate) + 4))
  }

  /// Writes `x`, then returns the signal `delayFrames` ago (clamped to the buffer).
  mutating func next(_ x: Double, delayFrames: Double) -> Double {
    let n = buffer.count
    buffer[write] = x
    let d = delayFrames.isNaN ? 0 : min(max(delayFrames, 0), Double(n - 3))
    let whole = Int(d)
    let frac = d - Double(whole)
    var i = write - whole
    if i < 0 { i += n }
    var j = i - 1
    if j < 0 { j += n }
    let y = buffer[i] + (buffer[j] - buffer[i]) * frac
    write += 1
    if write == n { write = 0 }
    return y
  }

  /// Reads the signal `delayFrames` ago without writing (for feedback loops: read, then `push`).
  func read(_ delayFrames: Double) -> Double {
    let n = buffer.count
    let d = delayFrames.isNaN ? 1 : min(max(delayFrames, 1), Double(n - 3))
    let whole = Int(d)
    let frac = d - Double(whole)
    var i = write - whole
    if i < 0 { i += n }
    var j = i - 1
    if j < 0 { j += n }
    return buffer[i] + (buffer[j] - buffer[i]) * frac
  }

  mutating func push(_ x: Double) {
    buffer[write] = x
    write += 1
    if write == buffer.count { write = 0 }
  }
}

/// A feedback comb (CombL): the input plus itself `delay` seconds ago, falling by 60 dB in
/// `decay` seconds.
struct CombFilter {
  var line: DelayLine

  init(maxSeconds: Double, rate: Double) { line = DelayLine(maxSeconds: maxSeconds, rate: rate) }

  mutating func next(_ x: Double, delay: Double, decay: Double, rate: Double) -> Double {
    let frames = max(1, delay * rate)
    let feedback = decay == 0 ? 0 : (decay > 0 ? 1 : -1) * pow(0.001, delay / abs(decay))
    let y = line.read(frames)
    line.push(x + feedback * y)
    return y
  }
}

/// A DC blocker (LeakDC).
struct LeakDC {
  var x1 = 0.0
  var y1 = 0.0
  let coefficient: Double

  init(rate: Double) { coefficient = 1 - 2 * .pi * 10 / rate }

  mutating func next(_ x: Double) -> Double {
    y1 = x - x1 + coefficient * y1
    x1 = x
    return y1
  }
}

/// MIDI note to frequency, as SuperCollider's `midicps`.
@inline(__always) func midicps(_ note: Double) -> Double { 440 * pow(2, (note - 69) / 12) }

/// Frequency to MIDI note (`cpsmidi`).
@inline(__always) func cpsmidi(_ freq: Double) -> Double { 69 + 12 * log2(max(freq, 1e-9) / 440) }

/// Equal-power pan of a position in [-1, 1] (Pan2): (left gain, right gain).
@inline(__always) func pan2(_ position: Double) -> (Double, Double) {
  let angle = (min(max(position, -1), 1) + 1) * .pi / 4
  return (cos(angle), sin(angle))
}

/// A band-limited impulse train (Blip): `harmonics` cosines of equal level, normalized so the
/// peak is 1, never past Nyquist.
struct BlipOsc {
  var phasor = Phasor()

  mutating func next(_ freq: Double, harmonics: Double, _ rate: Double) -> Double {
    let f = max(abs(freq), 1e-3)
    let limit = max(1, (rate * 0.5 / f).rounded(.down))
    let n = max(1, min(harmonics.rounded(.down), limit))
    let theta = 2 * .pi * phasor.step(f / rate)
    let half = fastSin(theta / 2)
    // Σ cos(kθ), k = 1…n, by the Dirichlet kernel.
    let sum = abs(half) < 1e-9 ? n : (fastSin((n + 0.5) * theta) / (2 * half) - 0.5)
    return sum / n
  }
}

/// A parabolic near-sine (LFPar), starting at 0 and rising.
struct ParabolaOsc {
  var phasor: Phasor

  init(phase: Double = 0) { phasor = Phasor(phase: phase) }

  mutating func next(_ freq: Double, _ rate: Double) -> Double {
    let t = phasor.step(freq / rate)
    if t < 0.5 {
      let x = 4 * t - 1
      return 1 - x * x
    }
    let x = 4 * t - 3
    return x * x - 1
  }
}

/// Smooth random motion (LFNoise2): a new random target `freq` times a second, reached along a
/// cosine curve.
struct SmoothNoise {
  var noise: WhiteNoise
  var from: Double
  var to: Double
  var phasor = Phasor()

  init(seed: UInt64) {
    noise = WhiteNoise(seed: seed)
    from = noise.next()
    to = noise.next()
  }

  mutating func next(_ freq: Double, _ rate: Double) -> Double {
    let before = phasor.phase
    let t = phasor.step(freq / rate)
    if phasor.phase < before {
      from = to
      to = noise.next()
    }
    return from + (to - from) * (0.5 - 0.5 * cos(.pi * t))
  }
}

/// Stepped random values (LFDNoise0): a new value `freq` times a second, held in between.
struct SteppedNoise {
  var noise: WhiteNoise
  var value: Double
  var phasor = Phasor()

  init(seed: UInt64) {
    noise = WhiteNoise(seed: seed)
    value = noise.next()
  }

  mutating func next(_ freq: Double, _ rate: Double) -> Double {
    let before = phasor.phase
    _ = phasor.step(min(freq / rate, 1))
    if phasor.phase < before || freq >= rate { value = noise.next() }
    return value
  }
}

/// A decaying sinusoidal resonance (two-pole resonator): an impulse of 1 rings at `freq` with
/// amplitude near 1, falling by 60 dB in `seconds`.
struct Resonator {
  var y1 = 0.0
  var y2 = 0.0
  var c1 = 0.0
  var c2 = 0.0
  var gain = 0.0

  init(freq: Double, seconds: Double, rate: Double) { set(freq: freq, seconds: seconds, rate: rate) }

  mutating func set(freq: Double, seconds: Double, rate: Double) {
    let w = 2 * .pi * min(max(freq, 1), rate * 0.49) / rate
    let r = pow(0.001, 1 / max(1, seconds * rate))
    c1 = 2 * r * cos(w)
    c2 = -r * r
    gain = sin(w)
  }

  mutating func next(_ x: Double) -> Double {
    let y = c1 * y1 + c2 * y2 + gain * x
    y2 = y1
    y1 = y
    return y
  }
}

/// A small stereo reverb (four damped combs and two all-passes per side, Schroeder's design),
/// standing in for SuperCollider's GVerb where SuperDirt's synths use it. `roomSize` scales the
/// comb lengths, `revTime` their decay; the output includes the dry signal, as GVerb's does.
struct SmallReverb {
  private var combs: [DelayLine]
  private var combFrames: [Double]
  private var feedback: [Double]
  private var damp: [Double]
  private var allPasses: [DelayLine]
  private var allPassFrames: [Double]
  let dry: Double
  let wet: Double

  init(roomSize: Double, revTime: Double, dry: Double = 1, wet: Double = 0.5, rate: Double) {
    let scale = min(max(roomSize, 1), 300) / 10
    let bases = [0.0297, 0.0371, 0.0411, 0.0437, 0.0301, 0.0383, 0.0423, 0.0449]
    combFrames = bases.map { max(2, $0 * scale * rate) }
    combs = combFrames.map { DelayLine(maxSeconds: $0 / rate + 0.001, rate: rate) }
    let time = max(revTime, 0.01)
    feedback = combFrames.map { pow(0.001, $0 / rate / time) }
    damp = Array(repeating: 0, count: bases.count)
    allPassFrames = [0.005, 0.0017, 0.0053, 0.0019].map { $0 * rate }
    allPasses = allPassFrames.map { DelayLine(maxSeconds: $0 / rate + 0.001, rate: rate) }
    self.dry = dry
    self.wet = wet
  }

  mutating func next(_ x: Double) -> (Double, Double) {
    var out = (0.0, 0.0)
    for i in 0..<8 {
      let y = combs[i].read(combFrames[i])
      damp[i] = y * 0.6 + damp[i] * 0.4
      combs[i].push(x * 0.25 + damp[i] * feedback[i])
      if i < 4 { out.0 += y } else { out.1 += y }
    }
    for i in 0..<4 {
      let input = i < 2 ? out.0 : out.1
      let delayed = allPasses[i].read(allPassFrames[i])
      let v = input + 0.5 * delayed
      allPasses[i].push(v)
      let y = delayed - 0.5 * v
      if i < 2 { out.0 = y } else { out.1 = y }
    }
    return (dry * x + wet * out.0, dry * x + wet * out.1)
  }
}
