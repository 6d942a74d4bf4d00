#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// superfm: SuperDirt's six-operator FM (FM7). Each operator is a sine at freq × `ratioN` +
/// `detuneN` Hz under a four-stage envelope (`eglevelN1…4`, rates `egrateN1…4`, over the
/// sustain); `modRC` is how much operator C modulates operator R's phase (`feedback` scales
/// the diagonal), `ampN` how much of operator N is heard. `lfofreq`/`lfodepth` add a triangle
/// tremolo to every pitch. `voice` 0 uses these controls; 1…5 select (and crossfade between)
/// presets.
///
/// Approximated where SuperDirt is not reproducible: its presets are drawn at random each time
/// SuperDirt starts, so Tala draws its five once from a fixed seed with the same distributions;
/// the default `detuneN` (a random ±0.1 Hz in SuperDirt) is 0; modulation depth is in radians.
struct SuperFM: MonoSource {
  struct Preset {
    var ratios = [Double](repeating: 1, count: 6)
    var detunes = [Double](repeating: 0, count: 6)
    var amps = [Double](repeating: 1, count: 6)
    var levels = [[Double]](repeating: [1, 1, 1, 1], count: 6)
    /// Segment times in seconds (SuperDirt turns DX7-style rates into 0.1/rate, at least 1 ms).
    var times = [[Double]](repeating: [0.01, 0.1 / 0.3, 1, 1], count: 6)
    var mods = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6)

    /// Linear interpolation between two presets (SelectX over the control values).
    static func mix(_ a: Preset, _ b: Preset, _ t: Double) -> Preset {
      func lerp(_ x: [Double], _ y: [Double]) -> [Double] { zip(x, y).map { $0 + ($1 - $0) * t } }
      var p = Preset()
      p.ratios = lerp(a.ratios, b.ratios)
      p.detunes = lerp(a.detunes, b.detunes)
      p.amps = lerp(a.amps, b.amps)
      p.levels = zip(a.levels, b.levels).map { lerp($0, $1) }
      p.times = zip(a.times, b.times).map { lerp($0, $1) }
      p.mods = zip(a.mods, b.mods).map { lerp($0, $1) }
      return p
    }
  }

  /// Five presets drawn as SuperDirt draws its random ones, from a fixed seed.
  static let presets: [Preset] = {
    var noise = WhiteNoise(seed: 0xF37_5EED)
    func rand(_ hi: Double) -> Double { noise.uniform(0, hi) }
    func coin(_ p: Double) -> Double { rand(1) < p ? 1 : 0 }
    let choices: [Double] = [0.25, 0.5, 1, 2, 3, 4, 5, 6, 7]
    let weights: [Double] = [1, 2, 8, 4, 3, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25]
    let total = weights.reduce(0, +)
    func ratio() -> Double {
      var x = rand(total)
      for (i, w) in weights.enumerated() {
        x -= w
        if x <= 0 {
          switch i {
          case 9: return (rand(11)).rounded(.down) + 1
          case 10: return (rand(13)).rounded(.down) + 1
          case 11: return (rand(15)).rounded(.down) + 1
          default: return choices[i]
          }
        }
      }
      return 1
    }
    return (0..<5).map { _ in
      var p = Preset()
      p.ratios = (0..<6).map { _ in ratio() }
      p.detunes = (0..<6).map { _ in rand(14) - 7 }
      p.amps = (0..<6).map { _ in rand(1) * coin(0.5) }
      p.levels = (0..<6).map { _ in (0..<4).map { _ in rand(1) } }
      p.times = (0..<6).map { _ in (0..<4).map { _ in rand(1) } }
      // The diagonal is scaled by `feedback` when the voice is made.
      p.mods = (0..<6).map { _ in (0..<6).map { _ in rand(1) * coin(0.25) } }
      return p
    }
  }()

  let rate: Double
  let freq: Double
  let lfoFreq: Double
  let lfoDepth: Double
  let preset: Preset
  var env: Envelope
  var envelopes: [Envelope]
  var phases = [Phasor](repeating: Phasor(), count: 6)
  var outputs = [Double](repeating: 0, count: 6)
  var lfo = TriangleOsc()

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    lfoFreq = c.number("lfofreq", 1)
    lfoDepth = c.number("lfodepth", 0)
    let feedback = c.number("feedback", 0)
    var user = Preset()
    for i in 0..<6 {
      let op = i + 1
      user.amps[i] = c.number("amp\(op)", 1)
      user.ratios[i] = c.number("ratio\(op)", 1)
      user.detunes[i] = c.number("detune\(op)", 0)
      let defaults = [10, 0.3, 0.1, 0.1]
      for s in 0..<4 {
        user.levels[i][s] = c.number("eglevel\(op)\(s + 1)", 1)
        user.times[i][s] = max(0.1 / c.number("egrate\(op)\(s + 1)", defaults[s]), 0.001)
      }
      for j in 0..<6 { user.mods[i][j] = c.number("mod\(op)\(j + 1)", 0) }
    }
    var all = [user] + Self.presets
    for p in 0..<all.count {
      for i in 0..<6 { all[p].mods[i][i] *= feedback }
    }
    let voice = min(max(c.number("voice", 0), 0), 5)
    let low = Int(voice.rounded(.down))
    preset = Preset.mix(all[low], all[min(low + 1, 5)], voice - Double(low))
    env = .linen(0.01, 0.98, 0.01, curve: .shape(-3), timeScale: c.sustain, rate: c.rate)
    let p = preset
    envelopes = (0..<6).map { i in
      Envelope(levels: [0] + p.levels[i], times: p.times[i], timeScale: c.sustain, rate: c.rate)
    }
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperFM(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let tremolo = 1 + lfo.next(lfoFreq, rate) * lfoDepth
    var next = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    var mix = 0.0
    for i in 0..<6 {
      var mod = 0.0
      for j in 0..<6 { mod += preset.mods[i][j] * outputs[j] }
      let f = freq * tremolo * preset.ratios[i] + preset.detunes[i]
      let y = sinCycles(phases[i].step(f / rate) + mod * (0.5 / .pi)) * envelopes[i].next()
      switch i {
      case 0: next.0 = y
      case 1: next.1 = y
      case 2: next.2 = y
      case 3: next.3 = y
      case 4: next.4 = y
      default: next.5 = y
      }
      mix += y * preset.amps[i]
    }
    outputs[0] = next.0
    outputs[1] = next.1
    outputs[2] = next.2
    outputs[3] = next.3
    outputs[4] = next.4
    outputs[5] = next.5
    // −15 dB
    return mix * 0.177_827_94 * env.next()
  }
}
