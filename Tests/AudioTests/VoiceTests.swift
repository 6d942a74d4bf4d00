import Audio
import Controls
import Foundation
import Testing

/// The engine's SuperDirt semantics, measured on rendered buffers: stereo, pan, band-limited
/// resampling, accelerate, unit "c", loop, envelopes.
@Suite struct VoiceTests {
  static let rate = 48_000

  func renderer(_ folder: TemporarySamples) -> Renderer {
    Renderer(bank: SoundBank(samplesDirectory: folder.path, outputRate: Double(Self.rate)), rate: Self.rate)
  }

  @Test func aStereoSampleKeepsItsLeftRightDifference() throws {
    let folder = try TemporarySamples()
    // Left a 500 Hz sine, right silent then a constant: nothing alike.
    let tone = sine(500, seconds: 0.1, amplitude: 0.5)
    try folder.addStereo("st", "a.wav", tone, [Float](repeating: 0.25, count: tone.count))
    let r = renderer(folder)
    r.schedule(AudioEvent(time: .frame(0), sound: "st"))
    let out = r.render(frames: 6_000)
    // Centred: each side keeps its own channel at cos 45° (Balance2's gains).
    let g = amplitude(gain: 1) * Float(cos(Double.pi / 4))
    for k in [10, 100, 1_000, 3_000] {
      #expect(abs(left(out)[k] - tone[k] * g) < 1e-6, "left \(k)")
      #expect(abs(right(out)[k] - 0.25 * g) < 1e-6, "right \(k)")
    }
  }

  @Test func moreThanTwoChannelsAreSpreadOverTwo() throws {
    let folder = try TemporarySamples()
    let path = folder.root.appendingPathComponent("quad")
    try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
    // Four channels, sound only on the first (leftmost).
    let frames = 100
    var interleaved = [Float](repeating: 0, count: 4 * frames)
    for i in 0..<frames { interleaved[4 * i] = 0.5 }
    try AudioFile.write(
      interleaved, to: path.appendingPathComponent("a.wav").path, rate: 48_000, channels: 4, format: .float)
    let sample = try AudioFile.readSample(path.appendingPathComponent("a.wav").path, name: "quad")
    #expect(sample.channels == 2)
    #expect(sample.channel(0)[10] > 0.1 && sample.channel(1)[10] == 0)
  }

  @Test func aSampleAtAnotherRateKeepsItsPitchLevelAndLength() throws {
    let folder = try TemporarySamples()
    let tone = sine(1_000, seconds: 0.5, amplitude: 0.5, rate: 44_100)
    try folder.addStereo("cd", "a.wav", tone, [Float](repeating: 0, count: tone.count), rate: 44_100)
    let r = renderer(folder)
    r.schedule(AudioEvent(time: .frame(0), sound: "cd", controls: ["pan": .float(0)]))
    let out = r.render(frames: 30_000)
    let l = left(out)
    // 22,050 frames at 44.1 kHz last 24,000 at 48 kHz.
    #expect(l.lastIndex { $0 != 0 } == 23_999)
    #expect(abs(frequency(l[2_000..<20_000]) - 1_000) < 1)
    #expect(abs(level(l[2_000..<20_000], 1_000) - 0.5 * 0.4) < 0.002)
    #expect(right(out).allSatisfy { $0 == 0 })
  }

  @Test func hostileControlsNeitherCrashNorMakeNoise() throws {
    let folder = try TemporarySamples()
    try folder.add("dc", "a.wav", [Float](repeating: 0.5, count: 1_000))
    let r = renderer(folder)
    let cases: [ControlMap] = [
      ["loop": .float(1e15)], ["curve": .float(1e6), "attack": .float(0.01)], ["speed": .float(1e-300)],
      ["accelerate": .float(-3)], ["speed": .float(1e12)], ["unit": .string("c"), "cps": .float(0)],
      ["begin": .float(0.5), "end": .float(0.5)], ["orbit": .float(-7)], ["orbit": .float(1e30)],
      ["cut": .float(-1e30)], ["release": .float(-1)], ["sustain": .float(-1)], ["legato": .float(1e20)],
      ["pan": .float(1e300)], ["octave": .float(-1e6)], ["note": .float(1e6)],
    ]
    for (i, c) in cases.enumerated() { r.schedule(AudioEvent(time: .frame(Int64(i) * 100), sound: "dc", controls: c)) }
    let out = r.render(frames: 48_000)
    #expect(out.allSatisfy { $0.isFinite && abs($0) <= 4 })
  }

  @Test func panBalancesAStereoSample() throws {
    let folder = try TemporarySamples()
    try folder.addStereo("st", "a.wav", [Float](repeating: 0.5, count: 1_000), [Float](repeating: -0.25, count: 1_000))
    let r = renderer(folder)
    for (i, pan) in [0.0, 0.25, 1.0, 1.25].enumerated() {
      r.schedule(AudioEvent(time: .frame(Int64(i) * 2_000), sound: "st", controls: ["pan": .float(pan)]))
    }
    let out = r.render(frames: 8_000)
    let a = amplitude(gain: 1)
    // pan 1.25 folds back to 0.75 (DirtPan folds the bipolar position).
    for (i, position) in [0.0, 0.25, 1.0, 0.75].enumerated() {
      let angle = position * Double.pi / 2
      let k = i * 2_000 + 100
      #expect(abs(left(out)[k] - 0.5 * a * Float(cos(angle))) < 1e-6, "pan case \(i)")
      #expect(abs(right(out)[k] - -0.25 * a * Float(sin(angle))) < 1e-6, "pan case \(i)")
    }
  }

  /// A sine near the top of the band, pitched up an octave, would fold back to 48 - 36 = 12 kHz
  /// with plain interpolation; band-limited, nothing is left there.
  @Test func pitchingUpAnOctaveDoesNotAlias() throws {
    let folder = try TemporarySamples()
    try folder.add("high", "a.wav", sine(18_000, seconds: 1, amplitude: 0.5))
    try folder.add("mid", "a.wav", sine(5_000, seconds: 1, amplitude: 0.5))
    let r = renderer(folder)
    r.schedule(AudioEvent(time: .frame(0), sound: "high", controls: ["pan": .float(0)]))
    r.schedule(AudioEvent(time: .frame(50_000), sound: "high", controls: ["pan": .float(0), "speed": .float(2)]))
    r.schedule(AudioEvent(time: .frame(80_000), sound: "high", controls: ["pan": .float(0), "note": .float(12)]))
    r.schedule(AudioEvent(time: .frame(110_000), sound: "mid", controls: ["pan": .float(0), "speed": .float(2)]))
    let l = left(r.render(frames: 140_000))
    let reference = level(l[2_000..<22_000], 18_000)
    #expect(reference > 0.1)
    for at in [50_000, 80_000] {
      let alias = level(l[(at + 2_000)..<(at + 22_000)], 12_000)
      #expect(20 * log10(alias / reference) < -60, "alias at \(at): \(20 * log10(alias / reference)) dB")
    }
    // What stays below the new Nyquist keeps its level: 5 kHz becomes 10 kHz.
    let kept = level(l[112_000..<132_000], 10_000)
    #expect(abs(20 * log10(kept / reference)) < 0.5, "passband \(20 * log10(kept / reference)) dB")
  }

  /// SuperDirt glides the rate linearly from `speed` to `speed · (1 + accelerate)` over the sound.
  @Test func accelerateOneEndsAnOctaveUp() throws {
    let folder = try TemporarySamples()
    try folder.add("tone", "a.wav", sine(1_000, seconds: 1, amplitude: 0.5))
    let r = renderer(folder)
    r.schedule(AudioEvent(time: .frame(0), sound: "tone", controls: ["accelerate": .float(1), "pan": .float(0)]))
    let l = left(r.render(frames: 48_000))
    // The average speed is 1.5: the second of sample lasts 2/3 s (the glide ends with the sound
    // before its 1 ms fade, as SuperDirt's does, so the read runs out a few frames early).
    let last = l.lastIndex { $0 != 0 }!
    #expect(last > 31_950 && last < 32_000, "ends at \(last)")
    let start = frequency(l[0..<2_400])
    let end = frequency(l[(last - 2_400)...last])
    let expectedEnd = 1_000 * (1 + (Double(last) - 1_200) / 32_000)
    #expect(abs(start - 1_037.5) < 15, "start \(start) Hz")
    #expect(abs(end - expectedEnd) < 15 && end > 1_900, "end \(end) Hz, expected \(expectedEnd)")
  }

  /// `unit "c"`: speed in cycles per sample length, so at 0.5 cps any sample lasts 2 s.
  @Test func unitCFitsTheSampleToTheCycle() throws {
    let folder = try TemporarySamples()
    try folder.add("dc", "a.wav", [Float](repeating: 0.5, count: 30_000))
    let r = renderer(folder)
    r.schedule(
      AudioEvent(time: .frame(0), sound: "dc", controls: ["unit": .string("c"), "cps": .float(0.5)]))
    r.schedule(
      AudioEvent(
        time: .frame(100_000), sound: "dc",
        controls: ["unit": .string("c"), "cps": .float(0.5), "speed": .float(2)]))
    let l = left(r.render(frames: 160_000))
    #expect(l[0..<100_000].lastIndex { $0 != 0 } == 95_999)
    #expect(l[100_000...].lastIndex { $0 != 0 } == 100_000 + 47_999)
  }

  @Test func loopRepeatsTheSampleAndOctaveTransposesIt() throws {
    let folder = try TemporarySamples()
    try folder.add("ramp", "a.wav", (0..<100).map { Float($0) / 100 })
    let r = renderer(folder)
    r.schedule(AudioEvent(time: .frame(0), sound: "ramp", controls: ["loop": .float(3), "pan": .float(0)]))
    r.schedule(AudioEvent(time: .frame(1_000), sound: "ramp", controls: ["octave": .float(6), "pan": .float(0)]))
    let l = left(r.render(frames: 2_000))
    let a = amplitude(gain: 1)
    #expect(l[0..<1_000].lastIndex { $0 != 0 } == 299)
    for k in [10, 110, 210] { #expect(abs(l[k] - 0.1 * a) < 1e-6, "pass at \(k)") }
    // An octave up reads every second frame and lasts half as long.
    #expect(abs(l[1_010] - 0.2 * a) < 1e-6)
    #expect(l[1_000...].lastIndex { $0 != 0 } == 1_049)
  }

  @Test func ampAndOvergainFollowDirtGate() throws {
    let folder = try TemporarySamples()
    try folder.add("dc", "a.wav", [Float](repeating: 0.5, count: 1_000))
    let r = renderer(folder)
    r.schedule(AudioEvent(time: .frame(0), sound: "dc", controls: ["amp": .float(0.2), "pan": .float(0)]))
    r.schedule(
      AudioEvent(
        time: .frame(2_000), sound: "dc",
        controls: ["gain": .float(3), "overgain": .float(0.5), "pan": .float(0)]))
    let l = left(r.render(frames: 4_000))
    #expect(abs(l[100] - 0.5 * 0.2) < 1e-6)
    // gain is capped at 2 before overgain is added: 0.4 · 2.5⁴.
    #expect(abs(l[2_100] - Float(0.5 * 0.4 * pow(2.5, 4))) < 1e-4)
  }

  /// SuperDirt's `dirt_envelope`: Env.linen(attack, hold, release) with curve -3.
  @Test func attackHoldReleaseShapeTheSound() throws {
    let folder = try TemporarySamples()
    try folder.add("dc", "a.wav", [Float](repeating: 0.5, count: 48_000))
    let r = renderer(folder)
    let attack = 0.01  // 480 frames
    r.schedule(AudioEvent(time: .frame(0), sound: "dc", controls: ["attack": .float(attack), "pan": .float(0)]))
    r.schedule(AudioEvent(time: .frame(50_000), sound: "dc", controls: ["release": .float(0.1), "pan": .float(0)]))
    r.schedule(
      AudioEvent(
        time: .frame(100_000), sound: "dc",
        controls: ["attack": .float(0.01), "hold": .float(0.02), "release": .float(0.01), "pan": .float(0)]))
    let l = left(r.render(frames: 150_000))
    let full = 0.5 * amplitude(gain: 1)
    let curve = { (p: Double) in Float((1 - exp(-3 * p)) / (1 - exp(-3.0))) }
    #expect(l[0] == 0)
    #expect(abs(l[240] - full * curve(0.5)) < 1e-5)
    #expect(abs(l[480] - full) < 1e-6 && abs(l[20_000] - full) < 1e-6)
    // Release from the onset: down the same curve, silent after 0.1 s.
    #expect(abs(l[50_000 + 2_400] - full * (1 - curve(0.5))) < 1e-5)
    #expect(l[(50_000 + 4_800)..<100_000].allSatisfy { $0 == 0 })
    // Attack, hold, release: full from 480 to 1,440 frames, then over by 1,920.
    #expect(abs(l[100_000 + 1_000] - full) < 1e-6)
    let releasing = l[100_000 + 1_700]
    #expect(releasing > 0 && releasing < full)
    #expect(l[(100_000 + 1_920)...].allSatisfy { $0 == 0 })
  }

  @Test func onsetsStayExactWithEnvelopesPitchAndOrbits() throws {
    let folder = try TemporarySamples()
    try folder.add("dc", "a.wav", [Float](repeating: 0.5, count: 1_000))
    let r = renderer(folder)
    let frames: [Int64] = [0, 3_063, 6_064, 9_001, 12_555, 16_345]
    let controls: [ControlMap] = [
      ["attack": .float(0.001)], ["speed": .float(1.5)], ["orbit": .int(3)], ["note": .float(-7)],
      ["accelerate": .float(2)], ["release": .float(0.01)],
    ]
    for (f, c) in zip(frames, controls) { r.schedule(AudioEvent(time: .frame(f), sound: "dc", controls: c)) }
    let l = left(r.render(frames: 22_000))
    // With an attack the first frame is 0 (the envelope starts there): look one frame on.
    #expect(l[0] == 0 && l[1] != 0)
    for f in frames.dropFirst() {
      let at = Int(f)
      #expect(l[at - 1] == 0, "before \(at)")
      #expect(l[at] != 0, "onset \(at)")
    }
  }
}

extension TemporarySamples {
  /// Writes a stereo float WAV as `NAME/file`.
  func addStereo(_ name: String, _ file: String, _ left: [Float], _ right: [Float], rate: Int = 48_000) throws {
    let folder = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var interleaved = [Float](repeating: 0, count: 2 * left.count)
    for i in left.indices {
      interleaved[2 * i] = left[i]
      interleaved[2 * i + 1] = right[i]
    }
    try AudioFile.write(
      interleaved, to: folder.appendingPathComponent(file).path, rate: rate, channels: 2, format: .float)
  }
}

func sine(_ hz: Double, seconds: Double, amplitude: Float, rate: Double = 48_000) -> [Float] {
  (0..<Int(seconds * rate)).map { amplitude * Float(sin(2 * Double.pi * hz * Double($0) / rate)) }
}

/// The amplitude of the `hz` component (a Hann-windowed single-bin DFT).
func level(_ x: ArraySlice<Float>, _ hz: Double, rate: Double = 48_000) -> Double {
  var re = 0.0
  var im = 0.0
  var weights = 0.0
  let n = x.count
  for (k, v) in x.enumerated() {
    let w = 0.5 - 0.5 * cos(2 * Double.pi * Double(k) / Double(n - 1))
    let phase = 2 * Double.pi * hz * Double(k) / rate
    re += Double(v) * w * cos(phase)
    im += Double(v) * w * sin(phase)
    weights += w
  }
  return 2 * (re * re + im * im).squareRoot() / weights
}

/// Frequency from rising zero crossings (interpolated), over the slice.
func frequency(_ x: ArraySlice<Float>, rate: Double = 48_000) -> Double {
  var crossings: [Double] = []
  var previous = x.first!
  for (k, v) in x.enumerated().dropFirst() {
    if previous < 0 && v >= 0 { crossings.append(Double(k - 1) + Double(-previous / (v - previous))) }
    previous = v
  }
  guard crossings.count > 1 else { return 0 }
  return Double(crossings.count - 1) / (crossings.last! - crossings.first!) * rate
}
