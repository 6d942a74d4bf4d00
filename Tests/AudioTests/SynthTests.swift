import Controls
import Testing

@testable import Audio

#if canImport(Glibc)
  import Glibc
#endif

/// A rendered synth voice: planar channels of its whole length.
struct Rendered {
  var left: [Float]
  var right: [Float]
  let channels: Int

  /// Both channels summed (or the one), as a listener on one speaker hears them.
  var mono: [Float] { channels == 1 ? left : zip(left, right).map { ($0 + $1) * 0.5 } }
  var peak: Float { max(left.map(abs).max() ?? 0, right.map(abs).max() ?? 0) }
  var allFinite: Bool { left.allSatisfy(\.isFinite) && right.allSatisfy(\.isFinite) }
}

let synthRate = 48_000.0

func renderSynth(_ name: String, _ controls: ControlMap = [:], maxSeconds: Double = 8) -> Rendered? {
  guard let voice = Synths.make(name, event: SoundEvent(name, controls: controls), rate: synthRate) else {
    return nil
  }
  let total = Int(min(voice.length, Int64(maxSeconds * synthRate)))
  var left = [Float](repeating: 0, count: total + 64)
  var right = [Float](repeating: 0, count: total + 64)
  var done = 0
  left.withUnsafeMutableBufferPointer { l in
    right.withUnsafeMutableBufferPointer { r in
      while done < total {
        let n = min(64, total - done)
        voice.render(left: l.baseAddress! + done, right: r.baseAddress! + done, frames: n)
        done += n
      }
    }
  }
  left.removeLast(64)
  right.removeLast(64)
  return Rendered(left: left, right: voice.channels == 2 ? right : left, channels: voice.channels)
}

func controls(_ pairs: [String: Double]) -> ControlMap {
  var map: ControlMap = [:]
  for (k, v) in pairs { map[k] = .float(v) }
  return map
}

/// Sounds whose SuperDirt graph peaks above 2 by design: psin/pmsin sum five sines, imp four
/// impulse trains, superpwm saturates to ±5, supertron adds two pulses after a DC blocker, and
/// the hexagonal mesh of superhex rings far above full scale (the voice clamps at ±8).
let hotSynths: [String: Float] = [
  "superhex": 8.01, "psin": 5.01, "pmsin": 5.01, "imp": 4.01, "superpwm": 5.01, "supertron": 4.5,
]

@Suite struct SynthTests {
  @Test func everyBuiltInRendersSoundThatIsFiniteAndBounded() throws {
    for name in Synths.names {
      let r = try #require(renderSynth(name, controls(["sustain": 0.5])), "\(name)")
      #expect(r.allFinite, "\(name) is not finite")
      #expect(r.peak > 0.01, "\(name) is silent: peak \(r.peak)")
      // SuperDirt's graphs that sum several full-scale oscillators or saturate to more than 1
      // are allowed what their graph can reach; every other sound stays below 2.
      let bound: Float = hotSynths[name] ?? 2
      #expect(r.peak < bound, "\(name) is too loud: peak \(r.peak)")
    }
  }

  @Test func hostileControlsGiveFiniteSoundAndNoTrap() throws {
    let hostile: [[String: Double]] = [
      ["note": 1e6], ["note": -1e6], ["sustain": -1], ["sustain": 1e-9], ["speed": 0], ["accelerate": 1e9],
      ["delay": 1e300, "rate": 0, "decay": -1e300], ["voice": 1e300, "detune": -1e300, "slide": 1e300],
      ["rate": -5, "pitch1": 1e300, "resonance": 1e300, "lfo": -1e9], ["octave": 1e12, "n": -1e15],
    ]
    for name in Synths.names {
      for c in hostile {
        let r = try #require(renderSynth(name, controls(c.merging(["sustain": 0.05]) { a, _ in a }), maxSeconds: 0.2))
        #expect(r.allFinite, "\(name) \(c)")
        #expect(r.peak <= 8, "\(name) \(c)")
      }
    }
  }

  @Test func unknownNamesAreNotBuiltIn() {
    #expect(Synths.make("nosuchsynth", event: SoundEvent("nosuchsynth"), rate: synthRate) == nil)
  }

  @Test func soundBuiltInListsTheSynths() {
    #expect(Sound.builtIn == Synths.names)
  }
}

// MARK: Measurements

/// The fundamental of `x[start..<start+count]` by normalized autocorrelation: the shortest lag
/// whose correlation comes within 10% of the best (so an octave below never wins), refined
/// by a parabola through its neighbours.
func fundamental(_ x: [Float], start: Int, count: Int = 4096, low: Double = 40, high: Double = 2500) -> Double {
  let rate = synthRate
  let minLag = Int(rate / high)
  let maxLag = Int(rate / low)
  var w = Array(x[start..<min(x.count, start + count + maxLag)]).map(Double.init)
  let mean = w.reduce(0, +) / Double(max(1, w.count))
  w = w.map { $0 - mean }
  let n = min(count, w.count - maxLag - 1)
  guard n > 100 else { return 0 }
  var corr = [Double](repeating: 0, count: maxLag + 2)
  var energy = 0.0
  for i in 0..<n { energy += w[i] * w[i] }
  guard energy > 0 else { return 0 }
  for lag in minLag...(maxLag + 1) {
    var sum = 0.0
    var e2 = 0.0
    for i in 0..<n {
      sum += w[i] * w[i + lag]
      e2 += w[i + lag] * w[i + lag]
    }
    corr[lag] = sum / max((energy * e2).squareRoot(), 1e-12)
  }
  let best = corr[minLag...maxLag].max() ?? 0
  var lag = minLag
  // The first local maximum within 10% of the best.
  for l in (minLag + 1)..<maxLag where corr[l] >= corr[l - 1] && corr[l] >= corr[l + 1] && corr[l] > 0.9 * best {
    lag = l
    break
  }
  let a = corr[lag - 1]
  let b = corr[lag]
  let c = corr[lag + 1]
  let shift = (a - 2 * b + c) == 0 ? 0 : 0.5 * (a - c) / (a - 2 * b + c)
  return rate / (Double(lag) + shift)
}

/// The frequency of a pure tone from its zero crossings in `x[start..<end]`.
func zeroCrossingFrequency(_ x: [Float], from start: Int, to end: Int) -> Double {
  var first = -1.0
  var last = -1.0
  var count = 0
  for i in (start + 1)..<end where x[i - 1] < 0 && x[i] >= 0 {
    let t = Double(i - 1) + Double(-x[i - 1] / (x[i] - x[i - 1]))
    if first < 0 { first = t } else { count += 1 }
    last = t
  }
  return count > 0 ? Double(count) * synthRate / (last - first) : 0
}

/// The frequency between `lo` and `hi` Hz where `x` (8192 frames from `start`) is strongest,
/// by a Goertzel scan in 0.1% steps.
func strongestFrequency(_ x: [Float], start: Int, from lo: Double, to hi: Double) -> Double {
  let n = min(8192, x.count - start)
  var best = 0.0
  var bestFreq = lo
  var f = lo
  while f <= hi {
    let w = 2 * Double.pi * f / synthRate
    let coeff = 2 * cos(w)
    var s1 = 0.0
    var s2 = 0.0
    for i in 0..<n {
      let hann = 0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(n))
      let s = Double(x[start + i]) * hann + coeff * s1 - s2
      s2 = s1
      s1 = s
    }
    let power = s1 * s1 + s2 * s2 - coeff * s1 * s2
    if power > best {
      best = power
      bestFreq = f
    }
    f *= 1.001
  }
  return bestFreq
}

/// Magnitude spectrum (Hann window, 1024 points) of `x` from `start`.
func spectrum(_ x: [Float], start: Int, size: Int = 1024) -> [Double] {
  var out = [Double](repeating: 0, count: size / 2)
  let s = max(0, min(start, x.count - size))
  for k in 0..<(size / 2) {
    var re = 0.0
    var im = 0.0
    let w = 2 * Double.pi * Double(k) / Double(size)
    for i in 0..<min(size, x.count) {
      let hann = 0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(size))
      let v = Double(x[s + i]) * hann
      re += v * cos(w * Double(i))
      im -= v * sin(w * Double(i))
    }
    out[k] = (re * re + im * im).squareRoot()
  }
  return out
}

/// Spectral centroid in Hz of the window at `start` (brightness).
func centroid(_ x: [Float], start: Int) -> Double {
  let m = spectrum(x, start: start)
  let total = m.reduce(0, +)
  guard total > 0 else { return 0 }
  var sum = 0.0
  for (k, v) in m.enumerated() { sum += Double(k) * synthRate / 1024 * v }
  return sum / total
}

/// How different two sounds' spectra are at `start`: 0 the same, 1 nothing in common.
func spectralDistance(_ a: [Float], _ b: [Float], start: Int) -> Double {
  let x = spectrum(a, start: start)
  let y = spectrum(b, start: start)
  let num = zip(x, y).reduce(0) { $0 + abs($1.0 - $1.1) }
  let den = zip(x, y).reduce(0) { $0 + $1.0 + $1.1 }
  return den > 0 ? num / den : 0
}

/// Energy of `x` between fractions `from` and `to` of its length.
func energy(_ x: [Float], from: Double, to: Double) -> Double {
  let a = Int(Double(x.count) * from)
  let b = max(a, Int(Double(x.count) * to))
  return x[a..<b].reduce(0) { $0 + Double($1) * Double($1) }
}

/// The time centre of a sound's energy, in seconds.
func timeCentre(_ x: [Float]) -> Double {
  var sum = 0.0
  var total = 0.0
  for (i, v) in x.enumerated() {
    let e = Double(v) * Double(v)
    sum += Double(i) * e
    total += e
  }
  return total > 0 ? sum / total / synthRate : 0
}

@Suite struct SynthPitchTests {
  /// Pitched synths whose fundamental an autocorrelation finds (superhammond's default
  /// registration has a sub-octave drawbar, so it is measured with voice 1).
  static let pitched: [(String, [String: Double])] = [
    ("sine", [:]), ("superpiano", [:]), ("supersaw", [:]), ("supersquare", ["semitone": 0]),
    ("supermandolin", [:]), ("superhammond", ["voice": 1]), ("supervibe", [:]),
    ("superchip", [:]), ("superzow", [:]), ("superreese", [:]), ("gabor", [:]),
  ]

  /// Inharmonic or modulated synths: a spectral peak sits at the note's frequency.
  static let partials = ["supergong", "superfork", "psin", "supertron", "supersquare", "superpwm"]

  @Test(arguments: pitched.map(\.0))
  func noteZeroIsMiddleCAndNoteAndOctaveMoveIt(_ name: String) throws {
    let extra = Self.pitched.first { $0.0 == name }!.1
    func pitch(_ c: [String: Double]) throws -> Double {
      let r = try #require(renderSynth(name, controls(extra.merging(c) { $1 }.merging(["sustain": 1]) { a, _ in a })))
      return fundamental(r.mono, start: Int(0.2 * synthRate))
    }
    let middle = try pitch([:])
    #expect(abs(middle / 261.63 - 1) < 0.015, "\(name) note 0: \(middle) Hz")
    let up = try pitch(["note": 12])
    #expect(abs(up / 523.25 - 1) < 0.015, "\(name) note 12: \(up) Hz")
    let down = try pitch(["octave": 4])
    #expect(abs(down / 130.81 - 1) < 0.015, "\(name) octave 4: \(down) Hz")
    let n = try pitch(["n": 7])
    #expect(abs(n / 392.0 - 1) < 0.015, "\(name) n 7: \(n) Hz")
  }

  @Test(arguments: partials)
  func aPartialSitsOnTheNote(_ name: String) throws {
    func peak(_ c: [String: Double], _ expected: Double) throws -> Double {
      let r = try #require(renderSynth(name, controls(c.merging(["sustain": 1]) { a, _ in a })))
      // Early, before supertron's two pulses (1 Hz either side) beat each other out.
      return strongestFrequency(r.mono, start: Int(0.02 * synthRate), from: expected / 1.2, to: expected * 1.2)
    }
    let cases: [([String: Double], Double)] = [
      ([:], 261.63), (["note": 12], 523.25), (["octave": 4], 130.81), (["n": 7], 392.0),
    ]
    for (c, f) in cases {
      let measured = try peak(c, f)
      #expect(abs(measured / f - 1) < 0.02, "\(name) \(c): peak at \(measured) Hz, expected \(f)")
    }
  }

  /// superhex's pitch is the mesh's: its main resonance sits 8% above the note's frequency
  /// (tension 0.05 × freq/400) and follows it by octaves.
  @Test func hexagonMeshFollowsTheNote() throws {
    func peak(_ c: [String: Double]) throws -> Double {
      let r = try #require(renderSynth("superhex", controls(c.merging(["sustain": 1]) { a, _ in a })))
      return strongestFrequency(r.mono, start: 2400, from: 30, to: 4000)
    }
    let middle = try peak([:])
    #expect(abs(middle / 261.63 - 1.08) < 0.03, "\(middle) Hz")
    #expect(abs(try peak(["note": 12]) / middle - 2) < 0.04)
    #expect(abs(try peak(["octave": 4]) / middle - 0.5) < 0.01)
  }

  @Test func noteWinsOverNAsInSuperDirt() throws {
    let r = try #require(renderSynth("sine", controls(["note": 12, "n": 7, "sustain": 0.5])))
    #expect(abs(fundamental(r.mono, start: 4800) / 523.25 - 1) < 0.01)
  }

  @Test func accelerateOneEndsAnOctaveUp() throws {
    let r = try #require(renderSynth("sine", controls(["accelerate": 1, "sustain": 1])))
    // DirtFreqScale: the factor rises linearly from 1 to 2 over the sustain.
    func expected(_ a: Int, _ b: Int) -> Double { 261.63 * (1 + Double(a + b) / 2 / Double(r.left.count)) }
    let start = zeroCrossingFrequency(r.left, from: 1000, to: 3000)
    let end = zeroCrossingFrequency(r.left, from: r.left.count - 2400, to: r.left.count - 900)
    #expect(abs(start / expected(1000, 3000) - 1) < 0.01, "starts at \(start) Hz")
    #expect(abs(end / expected(r.left.count - 2400, r.left.count - 900) - 1) < 0.01, "ends at \(end) Hz")
    #expect(end / 261.63 > 1.9 && end / 261.63 < 2.01, "ends at \(end) Hz")
    // SuperDirt's synths glide the same way (DirtFreqScale).
    let saw = try #require(renderSynth("supersaw", controls(["accelerate": 1, "sustain": 1])))
    let late = fundamental(saw.mono, start: saw.left.count - 6000, count: 2048)
    #expect(late / 261.63 > 1.85 && late / 261.63 < 2.02, "supersaw ends at \(late) Hz")
  }

  @Test func speedScalesThePitch() throws {
    let r = try #require(renderSynth("superpiano", controls(["speed": 2, "sustain": 1])))
    #expect(abs(fundamental(r.mono, start: 9600) / 523.25 - 1) < 0.015)
  }

  @Test func lengthFollowsSustainLegatoAndDelta() throws {
    func length(_ name: String, _ c: [String: Double]) -> Int64? {
      Synths.make(name, event: SoundEvent(name, controls: controls(c)), rate: synthRate)?.length
    }
    // SuperDirt hands a synth the event's duration less the gate's 1 ms fade; a synth whose
    // envelope spans its sustain ends there.
    #expect(length("supersaw", ["sustain": 0.37]) == 17_712)
    #expect(length("sine", ["delta": 0.5, "legato": 0.5]) == 11_952)
    #expect(length("sine", ["legato": 0.5]) == 23_952)
    #expect(length("superpiano", ["delta": 0.25]) == 11_952)
    // SuperDirt's default: one second.
    #expect(length("supersquare", [:]) == 47_952)
    // One without an envelope of its own lasts until the gate closes.
    #expect(length("supergong", ["sustain": 0.5]) == 24_000)
    // Drums whose envelope ends before the sustain: superkick lasts 0.51 × sustain.
    #expect(length("superkick", ["sustain": 1]) == 24_456)
    // The kit's drums play to their end like samples, unless cut.
    let bd = try #require(length("bd", ["delta": 0.05]))
    #expect(bd > 20_000)
    #expect(length("bd", ["sustain": 0.05]) == 2400)
    #expect(length("bd", ["speed": 2]) == bd / 2)
    #expect(Synths.make("bd", event: SoundEvent("bd"), rate: synthRate)?.playsLikeASample == true)
    #expect(Synths.make("superkick", event: SoundEvent("superkick"), rate: synthRate)?.playsLikeASample == false)
    // SuperDirt's `loop` stretches a synth's default sustain.
    #expect(length("supersaw", ["delta": 0.25, "loop": 2]) == 23_952)
    // A rendered voice is silent after its length.
    let r = try #require(renderSynth("supersaw", controls(["sustain": 0.2])))
    #expect(r.left.count == 9552)
    #expect(r.left.suffix(48).allSatisfy { abs($0) < 0.05 })
  }
}

@Suite struct SynthParameterTests {
  func render(_ name: String, _ c: [String: Double], sustain: Double = 0.5) throws -> [Float] {
    try #require(renderSynth(name, controls(c.merging(["sustain": sustain]) { a, _ in a }))).mono
  }

  /// Parameters that change the spectrum without one obvious direction: each must change it.
  static let changes: [(String, String, Double, Double)] = [
    ("supersnare", "n", 0, 3), ("supersnare", "decay", 1, 3), ("superfm", "voice", 0, 2), ("superfm", "mod12", 0, 2),
    ("superfm", "ratio2", 1, 3.5), ("superfm", "lfodepth", 0, 0.5), ("supergrind", "voice", 0, 2),
    ("supergrind", "detune", 0, 30),
    ("superprimes", "voice", 0, 2), ("superprimes", "detune", 0, 1), ("superwavemechanics", "voice", 0, 1),
    ("superwavemechanics", "detune", 0, 1.5), ("superhat", "accelerate", 0, 1),
    ("superkick", "n", 0, 40),
    ("supersaw", "voice", 0, 1), ("supersaw", "semitone", 12, 7), ("supersaw", "resonance", 0, 0.9),
    ("supersaw", "rate", 1, 16), ("supersquare", "voice", 0.5, 0.15), ("supersquare", "semitone", 12, 5),
    ("superpwm", "voice", 0.5, 0.1), ("supercomparator", "voice", 0.5, 3), ("superchip", "voice", 0, 0.3),
    ("superchip", "pitch2", 2, 1.5), ("superchip", "slide", 0, 2), ("supernoise", "voice", 0, 1),
    ("supernoise", "resonance", 0, 0.9), ("supernoise", "slide", 0, 2), ("supermandolin", "detune", 0.2, 4),
    ("superhammond", "perc", 0, 2), ("superhammond", "vibrato", 0, 2), ("supervibe", "detune", 0, 3),
    ("supervibe", "modamp", 0, 2), ("superhoover", "slide", 0, 4), ("superzow", "detune", 1, 8),
    ("superzow", "slide", 1, 8), ("superreese", "voice", 0, 2), ("superreese", "detune", 0, 5),
    ("supertron", "voice", 0, 1), ("supertron", "detune", 0, 8), ("superpiano", "detune", 0.1, 2),
    ("super808", "voice", 0, 1.5), ("soskick", "pitch1", 0, 300), ("soskick", "pitch2", 0, 1),
    ("soshats", "pitch1", 238.5, 20), ("sostoms", "voice", 0.5, 4), ("sossnare", "pitch1", 2000, 800),
    ("psin", "modfreq", 40, 200), ("cyclo", "cycle", 0, 3), ("superfork", "note", 0, 0.5),
  ]

  @Test(arguments: changes.indices)
  func parameterChangesTheSpectrum(_ i: Int) throws {
    let (name, key, a, b) = Self.changes[i]
    let x = try render(name, [key: a])
    let y = try render(name, [key: b])
    let d = [1200, 4800, 9600, 14_400].map { spectralDistance(x, y, start: $0) }.max() ?? 0
    #expect(d > 0.05, "\(name) \(key) \(a) → \(b): spectral distance \(d)")
  }

  /// Parameters that brighten (raise the spectral centroid) at a time into the sound.
  static let brightens: [(String, String, Double, Double, Double)] = [
    ("supersaw", "pitch1", 0.5, 4, 0.2), ("supersaw", "lfo", 0, 3, 0.2), ("supersquare", "pitch1", 0.5, 4, 0.2),
    ("superpwm", "pitch1", 0.5, 4, 0.2), ("supernoise", "pitch1", 0.5, 3, 0.2), ("supergong", "voice", 0, 2, 0.1),
    ("supergong", "decay", 0, 2, 0.3), ("superpiano", "velocity", 0.3, 1.5, 0.1), ("superhammond", "voice", 1, 7, 0.2),
    ("supervibe", "velocity", 0.3, 2, 0.005), ("superhat", "n", 0, 3, 0.02),
    ("superclap", "pitch1", 1, 2, 0.005), ("superkick", "pitch1", 0.5, 4, 0.001), ("super808", "n", 3, 5, 0.1),
  ]

  @Test(arguments: brightens.indices)
  func parameterBrightens(_ i: Int) throws {
    let (name, key, a, b, at) = Self.brightens[i]
    let start = Int(at * synthRate)
    let dull = centroid(try render(name, [key: a]), start: start)
    let bright = centroid(try render(name, [key: b]), start: start)
    #expect(bright > dull * 1.1, "\(name) \(key) \(a) → \(b): centroid \(dull) → \(bright)")
  }

  @Test func pianoMuffleDarkensAndStereoWidens() throws {
    let open = centroid(try render("superpiano", ["muffle": 0]), start: 4800)
    let muffled = centroid(try render("superpiano", ["muffle": 1.2]), start: 4800)
    #expect(muffled < open * 0.9)
    func sideEnergy(_ stereo: Double) throws -> Double {
      let r = try #require(renderSynth("superpiano", controls(["stereo": stereo, "sustain": 0.5])))
      return zip(r.left, r.right).reduce(0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }
    }
    #expect(try sideEnergy(0) < 1e-6)
    #expect(try sideEnergy(0.8) > 1)
  }

  /// `decay` on the moog-style synths lowers the held level.
  @Test(arguments: ["supersaw", "supersquare", "superpwm", "supercomparator", "superhoover", "superzow"])
  func decayLowersTheHeldLevel(_ name: String) throws {
    let held = energy(try render(name, ["decay": 0]), from: 0.3, to: 0.9)
    let decayed = energy(try render(name, ["decay": 0.8]), from: 0.3, to: 0.9)
    #expect(decayed < held * 0.5, "\(name): \(held) → \(decayed)")
  }

  @Test func drumParametersMoveEnergyInTime() throws {
    // superkick: a longer click with `decay`.
    #expect(
      centroid(try render("superkick", ["decay": 5]), start: 1200) > centroid(try render("superkick", [:]), start: 1200)
        * 1.5)
    // superclap: `delay` spreads the bursts, `rate` shortens them.
    #expect(timeCentre(try render("superclap", ["delay": 4])) > timeCentre(try render("superclap", [:])) * 1.3)
    #expect(timeCentre(try render("superclap", ["rate": 4])) < timeCentre(try render("superclap", [:])))
    // superhex: `rate` raises the mesh's loss.
    #expect(
      energy(try render("superhex", ["rate": 200]), from: 0.5, to: 0.9) < energy(
        try render("superhex", [:]), from: 0.5, to: 0.9) * 0.5)
    // super808: a slower chirp (smaller `rate`) keeps it bright longer.
    #expect(
      centroid(try render("super808", ["rate": 0.1]), start: 1200) > centroid(try render("super808", [:]), start: 1200))
    // gabor: a narrower bump leaves its edges quieter.
    #expect(
      energy(try render("gabor", ["width": 0.1]), from: 0.1, to: 0.3) < energy(
        try render("gabor", [:]), from: 0.1, to: 0.3) * 0.5)
    // supervibe: `decay` damps the upper partials.
    #expect(
      centroid(try render("supervibe", ["decay": 3]), start: 9600) < centroid(try render("supervibe", [:]), start: 9600)
    )
  }

  @Test func drumKitVariantsDiffer() throws {
    for name in ["bd", "sn", "hh", "oh", "cp", "ht", "808bd", "808sd", "808cy", "drum", "808"] {
      let a = try render(name, ["n": 0])
      let b = try render(name, ["n": 1])
      let d = spectralDistance(a, b, start: 240) + abs(timeCentre(a) - timeCentre(b))
      #expect(d > 0.05, "\(name) n 0 and 1 sound alike")
    }
    // accelerate glides a kit drum's playback rate as a sample's: a tom ends higher, and
    // shorter (its length is over the average rate).
    let plain = try render("808ht", ["n": 2], sustain: 10)
    let rising = try render("808ht", ["n": 2, "accelerate": 1], sustain: 10)
    let shortening: Double = Double(rising.count) / Double(plain.count)
    #expect(abs(shortening - 1 / 1.5) < 0.01)
    let late = Int(Double(rising.count) * 0.8)
    let f0 = strongestFrequency(plain, start: 480, from: 100, to: 1000)
    let f1 = strongestFrequency(rising, start: late - 4096, from: 100, to: 1000)
    let glide: Double = f1 / f0
    #expect(glide > 1.5, "\(f0) Hz → \(f1) Hz")
    // The TR-808 set's files sort by knob position 00, 10 (the maximum), 25, 50, 75: n 1 is
    // 808bd's longest decay, n 5 its highest tuning.
    func natural(_ name: String, _ n: Double) -> Int64 {
      Synths.make(name, event: SoundEvent(name, controls: controls(["n": n])), rate: synthRate)?.length ?? 0
    }
    let decays = [0.0, 2, 3, 4, 1].map { natural("808bd", $0) }
    #expect(decays == decays.sorted() && Set(decays).count == 5, "\(decays)")
    let low = fundamental(try render("808bd", ["n": 0], sustain: 2), start: 4800, low: 30, high: 200)
    let high = fundamental(try render("808bd", ["n": 5], sustain: 2), start: 4800, low: 30, high: 200)
    #expect(high > low * 1.2, "\(low) Hz, \(high) Hz")
    // n wraps around like sample numbers: bd has eight variants.
    #expect(try render("bd", ["n": 8]) == render("bd", ["n": 0]))
  }
}
