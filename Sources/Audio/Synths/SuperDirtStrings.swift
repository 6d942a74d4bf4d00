#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// SuperDirt's plucked, struck and additive synths.

/// supermandolin: a noise burst (decaying in 0.1 × midinote/69 s) into two combs a `detune`
/// percent apart around the pitch, ringing for the sustain.
struct SuperMandolin: MonoSource {
  let rate: Double
  let freq: Double
  let detune: Double
  let ring: Double
  var scale: LineSegment
  var env: Envelope
  var burst: Decay
  var noise: WhiteNoise
  var combs: (CombFilter, CombFilter)
  var impulse = 0.1

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    detune = c.number("detune", 0.2)
    ring = c.sustain
    scale = c.freqScale()
    env = .linen(0.002, 0.996, 0.002, curve: .shape(-3), timeScale: c.sustain, rate: c.rate)
    burst = Decay(seconds: 0.1 * cpsmidi(c.freq) / 69, rate: c.rate)
    noise = WhiteNoise(seed: c.seed)
    combs = (CombFilter(maxSeconds: 0.05, rate: c.rate), CombFilter(maxSeconds: 0.05, rate: c.rate))
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperMandolin(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let x = burst.next(impulse) * noise.next()
    impulse = 0
    let period = min(0.05, 1 / max(freq * scale.next(), 1))
    let y =
      combs.0.next(x, delay: period * (1 - detune / 100), decay: ring, rate: rate)
      + combs.1.next(x, delay: period * (1 + detune / 100), decay: ring, rate: rate)
    return y * env.next()
  }
}

/// supergong: fifteen modes of a clamped circular plate, each a sine under its own percussive
/// envelope (over 5 × sustain); `decay` sets how much faster the high modes die, `voice` how
/// loud they are. It has no envelope of its own: the gate ends it.
struct SuperGong: MonoSource {
  static let modes: [Double] = [
    1.000, 2.081, 3.414, 3.893, 4.995, 5.954, 6.819, 8.280, 8.722, 8.882, 10.868, 11.180, 11.754, 13.710, 13.715,
  ]
  let modes = SuperGong.modes
  let rate: Double
  let freq: Double
  var scale: LineSegment
  var envelopes: [Envelope]
  var oscillators: [SineOsc]

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    scale = c.freqScale()
    let decay = min(max(c.number("decay", 1), 0), 2)
    let voice = min(max(c.number("voice", 0), 0), 4)
    envelopes = Self.modes.map { m in
      let t = 100 / c.freq / pow(m, 2 - decay)
      return .perc(0.01 * t, 0.5 * t, level: 0.2 * pow(m, voice), timeScale: c.sustain * 5, rate: c.rate)
    }
    oscillators = Self.modes.map { _ in SineOsc() }
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperGong(c), c) }

  mutating func next() -> Double {
    let base = freq * scale.next()
    let rate = self.rate
    var x = 0.0
    // Unsafe buffers: no uniqueness check per partial per sample.
    modes.withUnsafeBufferPointer { modes in
      envelopes.withUnsafeMutableBufferPointer { envelopes in
        oscillators.withUnsafeMutableBufferPointer { oscillators in
          for i in 0..<modes.count {
            let e = envelopes[i].next()
            let s = oscillators[i].next(base * modes[i], rate)
            if base * modes[i] < rate * 0.5 { x += e * s }
          }
        }
      }
    }
    return x
  }
}

/// SuperCollider's MembraneHexagon: a triangular waveguide mesh of 19 scattering junctions in
/// a hexagon (the plug-in's shape of size 1), each with a self-loop whose admittance sets the
/// tension, and inverting, averaging rim guides on the edge. Input goes into the first half of
/// the junctions, the output is the centre junction. Ported from the plug-in's algorithm.
struct HexagonMesh {
  /// Which unit delays feed and leave each junction (paired by index), its self-loop, and which
  /// delays are rim guides.
  struct Topology {
    let inputs: [[Int]]
    let outputs: [[Int]]
    let selfLoops: [Int]
    let inverted: [Bool]
  }

  static let hexagon: Topology = {
    // The plug-in's lattice walk: steps of (±1, ±1) and (±2, 0) from the centre, depth first,
    // keeping the points inside its hexagon test for size 12 (1 × 4 + 8).
    let size = 12
    func inside(_ x: Int, _ y: Int) -> Bool {
      let x = abs(x)
      let y = abs(y)
      guard x < size / 2, y < size / 4 else { return false }
      return x < size / 4 || x < size / 2 - y
    }
    let steps = [(1, 1), (2, 0), (1, -1), (-1, -1), (-2, 0), (-1, 1)]
    var xs = [0]
    var ys = [0]
    var edge = [false]
    var stack: [Int] = []
    var lines: [(Int, Int)] = []
    var look: Int? = 0
    while let l = look {
      for (i, step) in steps.enumerated() {
        let x = xs[l] + step.0
        let y = ys[l] + step.1
        guard inside(x, y) else {
          edge[l] = true
          continue
        }
        var id = xs.indices.first { xs[$0] == x && ys[$0] == y }
        if id == nil {
          id = xs.count
          xs.append(x)
          ys.append(y)
          edge.append(false)
          stack.append(xs.count - 1)
        }
        // Each line once: from the point that sees it in one of the first three directions.
        if i < 3, let id { lines.append((l, id)) }
      }
      look = stack.popLast()
    }
    var inputs = [[Int]](repeating: [], count: xs.count)
    var outputs = [[Int]](repeating: [], count: xs.count)
    var inverted: [Bool] = []
    for (from, to) in lines {
      // One delay each way along the line.
      outputs[from].append(inverted.count)
      inputs[to].append(inverted.count)
      inverted.append(false)
      inputs[from].append(inverted.count)
      outputs[to].append(inverted.count)
      inverted.append(false)
    }
    var selfLoops: [Int] = []
    for p in xs.indices {
      selfLoops.append(inverted.count)
      inverted.append(false)
      if edge[p] {
        outputs[p].append(inverted.count)
        inputs[p].append(inverted.count)
        inverted.append(true)
      }
    }
    return Topology(inputs: inputs, outputs: outputs, selfLoops: selfLoops, inverted: inverted)
  }()

  // The topology flattened for the per-sample loop: junction i's delays are
  // `ins[start[i]..<start[i + 1]]`, paired with `outs` at the same places.
  let start: [Int]
  let ins: [Int]
  let outs: [Int]
  let selfLoops: [Int]
  /// The rim guides' delays.
  let rims: [Int]
  // Each unit delay: `a` written this sample, `b` read (last sample's `a`), `c` the rim filter's
  // memory.
  var a: [Double]
  var b: [Double]
  var c: [Double]
  var admittance = 1.0

  init() {
    let t = Self.hexagon
    var start = [0]
    for list in t.inputs { start.append(start.last! + list.count) }
    self.start = start
    ins = t.inputs.flatMap { $0 }
    outs = t.outputs.flatMap { $0 }
    selfLoops = t.selfLoops
    rims = t.inverted.indices.filter { t.inverted[$0] }
    a = [Double](repeating: 0, count: t.inverted.count)
    b = a
    c = a
  }

  /// The plug-in's tension → junction admittance: 2Δ²/(tension² γ²) with Δ = 6, γ = 8.
  mutating func set(tension: Double) {
    let t = tension == 0 ? 0.0001 : tension
    admittance = 2 * 36 / (t * t * 64)
  }

  mutating func next(_ input: Double, loss: Double) -> Double {
    let points = selfLoops.count
    let middle = points / 2
    let reciprocal = 1 / admittance
    let admittance = self.admittance
    var result = 0.0
    start.withUnsafeBufferPointer { start in
      ins.withUnsafeBufferPointer { ins in
        outs.withUnsafeBufferPointer { outs in
          selfLoops.withUnsafeBufferPointer { selfLoops in
            a.withUnsafeMutableBufferPointer { a in
              b.withUnsafeMutableBufferPointer { b in
                for i in 0..<points {
                  let lo = start[i]
                  let hi = start[i + 1]
                  var total = 0.0
                  for k in lo..<hi { total += b[ins[k]] }
                  let selfLoop = selfLoops[i]
                  total = 2 * (total + (admittance - Double(hi - lo)) * b[selfLoop]) * reciprocal
                  if i < middle { total += input / Double(middle) }
                  total *= loss
                  for k in lo..<hi { a[outs[k]] = total - b[ins[k]] }
                  a[selfLoop] = total - b[selfLoop]
                  if i == 0 { result = total }
                }
              }
            }
          }
        }
      }
    }
    // Circulate: every delay passes its input on; rim guides invert and average with their
    // last value.
    a.withUnsafeBufferPointer { a in
      b.withUnsafeMutableBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          _ = b.update(fromContentsOf: a)
          for d in rims {
            b[d] = (-a[d] + c[d]) * 0.5
            c[d] = -a[d]
          }
        }
      }
    }
    return result.isFinite ? result : 0
  }
}

/// superhex: a 10 ms click into a hexagonal waveguide mesh (MembraneHexagon) whose tension is
/// 0.05 × freq/400 (gliding with `accelerate`) and whose loss is 1 − 0.01 × `rate`/freq.
struct SuperHex: MonoSource {
  let rate: Double
  let tension: Double
  let loss: Double
  var scale: LineSegment
  var env: Envelope
  var click: Decay
  var impulse = 1.0
  var mesh = HexagonMesh()
  var countdown = 0

  init(_ c: SynthControls) {
    rate = c.rate
    tension = 0.05 * c.freq / 400
    let l = 1 - 0.01 * c.number("rate", 1) / c.freq
    loss = l >= 1 ? 0.99999 : l
    scale = c.freqScale()
    env = .linen(0.02, 0.96, 0.02, curve: .shape(-3), timeScale: c.sustain, rate: c.rate)
    click = Decay(seconds: 0.01, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperHex(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let s = scale.next()
    if countdown == 0 {
      // Tension is a control-rate input: once a block.
      mesh.set(tension: tension * s)
      countdown = 64
    }
    countdown -= 1
    let x = click.next(impulse)
    impulse = 0
    return mesh.next(x, loss: loss) * env.next()
  }
}

/// superfork: a tuning fork's four partials (1, 6.1, 16.7 and 20.1 × freq), each fading
/// exponentially at its own rate, spread across the stereo field as SuperDirt's Splay spreads
/// the four channels.
struct SuperFork: StereoSource {
  static let ratios: [Double] = [1.0, 6.1, 16.7, 20.1]
  let ratios = SuperFork.ratios
  let rate: Double
  let freq: Double
  var scale: LineSegment
  var env: Envelope
  var fades: [ExpLine]
  var oscillators: [SineOsc] = [SineOsc(), SineOsc(), SineOsc(), SineOsc()]
  let gains: [(Double, Double)]

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    scale = c.freqScale()
    env = .linen(0.001, 0.998, 0.001, timeScale: c.sustain, rate: c.rate)
    let starts = [0.3, 1, 1.3, 2]
    let ends = [1e-4, 1e-7, 1e-6, 1e-7]
    let times = [4, 4, 0.5, 0.333].map { $0 * c.sustain }
    fades = (0..<4).map { ExpLine(starts[$0], ends[$0], seconds: times[$0], rate: c.rate) }
    // Splay: positions −1 … 1, level × √(1/4).
    gains = (0..<4).map { i in
      let (l, r) = pan2(-1 + 2 * Double(i) / 3)
      return (l * 0.5, r * 0.5)
    }
  }

  static func make(_ c: SynthControls) -> any SynthVoice { stereo(SuperFork(c), c, ownSeconds: c.sustain) }

  mutating func next() -> (Double, Double) {
    let base = freq * scale.next()
    let e = env.next()
    var l = 0.0
    var r = 0.0
    for i in 0..<4 {
      let x = 0.2 * oscillators[i].next(base * ratios[i], rate) * fades[i].next() * e
      l += x * gains[i].0
      r += x * gains[i].1
    }
    return (l, r)
  }
}

/// supervibe: a vibraphone's four main partials (1, 4, 10, 13.75 + `detune` × freq), each
/// swelling in over one period and fading over `decays` × 4 × sustain (`decay` damps the upper
/// ones), under a tremolo (`modamp`, `modfreq`), plus a short bright onset; `velocity`
/// brightens.
struct SuperVibe: MonoSource {
  let rate: Double
  let freq: Double
  let ratios: [Double]
  let levels: [Double]
  let depths: [Double] = [0.5, 0.3, 0.3, 0.5]
  let modAmp: Double
  let modFreq: Double
  var scale: LineSegment
  var env: Envelope
  var swells: [ExpLine]
  var fades: [ExpLine]
  var oscillators: [SineOsc] = [SineOsc(), SineOsc(), SineOsc(), SineOsc()]
  var high: [SineOsc] = [SineOsc(), SineOsc(), SineOsc()]
  var onset: ExpLine
  var tremolo: SineOsc

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    let velocity = c.number("velocity", 1)
    let decay = c.number("decay", 0)
    modAmp = c.number("modamp", 1)
    modFreq = c.number("modfreq", 7)
    ratios = [1, 4, 10, 13.75 + c.number("detune", 0)]
    levels = [1, 1.1 * velocity, 0.6 * velocity * velocity, 0.5 * velocity].map { 0.3 * $0 }
    scale = c.freqScale()
    env = .linen(0.001, 0.998, 0.001, timeScale: c.sustain, rate: c.rate)
    let start = c.freq * abs(c.speed)
    let ratios = ratios
    swells = ratios.map { ExpLine(1e-6, 1, seconds: 1 / (start * $0), rate: c.rate) }
    let damping = exp(-decay)
    fades = [1, 0.7 * damping, 0.5 * damping, 0.4 * damping].map {
      ExpLine(1, 1e-6, seconds: $0 * 4 * c.sustain, rate: c.rate)
    }
    onset = ExpLine(0.3 * (velocity + 1e-6), 1e-6, seconds: 0.02, rate: c.rate)
    var noise = WhiteNoise(seed: c.seed)
    tremolo = SineOsc(phase: noise.uniform(0, 2 * .pi))
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperVibe(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let base = freq * scale.next()
    let m = tremolo.next(modFreq, rate)
    var x = 0.0
    for i in 0..<4 {
      // SinOsc.kr(…).range(1 − depth × modamp, 1)
      let mod = range(m, 1 - depths[i] * modAmp, 1)
      x += swells[i].next() * fades[i].next() * levels[i] * oscillators[i].next(base * ratios[i], rate) * mod
    }
    let o = onset.next()
    x +=
      o
      * (high[0].next(base * 19.2, rate) + high[1].next(base * 20, rate) + high[2].next(base * 21.2, rate))
    return x * env.next()
  }
}

/// superhammond: nine drawbar sines (with the fold-back of low and high ones), drawbar levels
/// from ten registrations chosen (and crossfaded) by `voice`; a noise click shakes their pitch
/// at the onset; `perc`, `percf` and `decay` add a percussion sine; `vibrato` and `vrate`
/// sweep an all-pass mixed with the dry sound.
struct SuperHammond: MonoSource {
  static let ratios: [Double] = [0.5, 1.4988, 1, 2, 2.9976, 4, 5.0409, 5.9953, 8]
  let ratios = SuperHammond.ratios
  static let registrations: [[Double]] = [
    [1, 4, 5, 4, 3, 1, 0, 0, 0], [0, 0, 8, 0, 4, 0, 0, 0, 0], [0, 7, 8, 1, 2, 0, 0, 0, 0],
    [0, 0, 7, 8, 8, 8, 8, 7, 2], [4, 0, 5, 5, 4, 5, 3, 3, 6], [8, 8, 5, 3, 2, 4, 5, 8, 8],
    [8, 8, 8, 0, 0, 0, 0, 0, 3], [8, 8, 8, 8, 8, 8, 8, 8, 8], [8, 0, 0, 0, 0, 0, 8, 8, 8],
    [0, 0, 8, 8, 0, 0, 0, 0, 0],
  ]
  let rate: Double
  let freq: Double
  let amps: [Double]
  let perc: Double
  let percFreq: Double
  let vibrato: Double
  let vibratoRate: Double
  var scale: LineSegment
  var env: Envelope
  var clickFade: ExpLine
  var percFade: ExpLine
  var noise: WhiteNoise
  var oscillators: [Phasor]
  var percussion: SineOsc
  var folded: [Double]
  var allPass: Biquad
  var lfo = TriangleOsc()
  var countdown = 0

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    let voice = min(max(c.number("voice", 0), 0), 9)
    let low = Int(voice.rounded(.down))
    let high = min(low + 1, 9)
    let mix = voice - Double(low)
    let damping = [0, 0, 0, 0, 0, 0, 0.5, 1, 1.5]
    var levels = (0..<9).map { i in
      let drawbar = Self.registrations[low][i] * (1 - mix) + Self.registrations[high][i] * mix
      return pow(2, drawbar - damping[i] - 8)
    }
    let sum = levels.reduce(0, +)
    levels = levels.map { $0 / sum }
    amps = levels
    perc = c.number("perc", 0)
    percFreq = c.number("percf", 2)
    vibrato = c.number("vibrato", 0.5)
    vibratoRate = c.number("vrate", 7)
    scale = c.freqScale()
    let edge = min(max(c.sustain / 2, 0), 0.005)
    env = .linen(edge, c.sustain - 2 * edge, edge, rate: c.rate)
    clickFade = ExpLine(1, 1e-6, seconds: 0.1, rate: c.rate)
    percFade = ExpLine(1, 1e-6, seconds: 2 * c.number("decay", 0) + 1, rate: c.rate)
    noise = WhiteNoise(seed: c.seed)
    var phases = WhiteNoise(seed: 0x5EED)
    oscillators = (0..<9).map { _ in Phasor(phase: phases.uniform(0, 1)) }
    percussion = SineOsc(phase: phases.uniform(0, 2 * .pi))
    folded = Self.ratios.map { $0 * c.freq }
    allPass = Biquad(.allPass, freq: 1000, rq: 1, rate: c.rate)
  }

  static func make(_ c: SynthControls) -> any SynthVoice { mono(SuperHammond(c), c, ownSeconds: c.sustain) }

  mutating func next() -> Double {
    let base = freq * scale.next()
    if countdown == 0 {
      for i in 0..<9 {
        var f = ratios[i] * base
        if f < 63 { f *= 2 }
        if f > 6000 { f /= 2 }
        if f > 6000 { f /= 2 }
        folded[i] = f
      }
      let sweep = 1000 * (1 + lfo.next(vibratoRate, rate / 64) * vibrato / 2)
      allPass.set(freq: sweep, rq: 1, rate: rate)
      countdown = 64
    }
    countdown -= 1
    let shake = 2 * noise.next() * clickFade.next() + 1
    var x = 0.0
    for i in 0..<9 { x += sinCycles(oscillators[i].step(folded[i] * shake / rate)) * amps[i] }
    x *= 0.5
    x += perc * 0.5 * percussion.next(base * percFreq, rate) * percFade.next()
    return (x + allPass.next(x)) * env.next()
  }
}
