import Audio
import Controls
import Foundation
import Testing

@Suite struct RenderTests {
  static let rate = 48_000

  /// A renderer over a folder holding `dc` (constant 0.5) and `ramp` (0, 1/1000, 2/1000…).
  func renderer() throws -> (Renderer, TemporarySamples) {
    let folder = try TemporarySamples()
    try folder.add("dc", "a.wav", [Float](repeating: 0.5, count: 1000))
    try folder.add("ramp", "a.wav", (0..<1000).map { Float($0) / 1000 })
    return (Renderer(bank: SoundBank(samplesDirectory: folder.path, outputRate: 48_000), rate: Self.rate), folder)
  }

  @Test func onsetsLandOnTheirFramesInsideBlocks() throws {
    let (r, folder) = try renderer()
    let frames: [Int64] = [0, 255, 256, 1_000, 2_500, 12_345, 47_999]
    for f in frames {
      r.schedule(AudioEvent(time: .frame(f), sound: "dc", controls: ["legato": .float(1), "delta": .float(0.004)]))
    }
    var out: [Float] = []
    var block = [Float](repeating: 0, count: 2 * 100)
    // Odd block sizes, so onsets fall anywhere in a block.
    while r.frame < 49_000 {
      block.withUnsafeMutableBufferPointer { r.render(into: $0, frames: 100) }
      out += block
    }
    // Each sound lasts 192 frames (`delta` 0.004 s), so 256 overlaps 255: the sum shows it.
    #expect(onsets(left(out), gap: 1) == [0, 255, 1_000, 2_500, 12_345, 47_999])
    let l = left(out)
    let one = 0.5 * amplitude(gain: 1) * Float(cos(Double.pi / 4))
    #expect(abs(l[150] - one) < 1e-6 && l[191] != 0 && l[192] == 0 && l[254] == 0)  // 36-frame fade-out
    #expect(abs(l[255] - one) < 1e-6)
    #expect(abs(l[256] - 2 * one) < 1e-6)
    _ = folder
  }

  @Test func gainAndEqualPowerPan() throws {
    let (r, folder) = try renderer()
    let cases: [(gain: Double, pan: Double)] = [(1, 0.5), (0.8, 0), (1.2, 1), (0.5, 0.25)]
    for (i, c) in cases.enumerated() {
      r.schedule(
        AudioEvent(
          time: .frame(Int64(i) * 2_000), sound: "dc", controls: ["gain": .float(c.gain), "pan": .float(c.pan)]))
    }
    let out = r.render(frames: 8_000)
    for (i, c) in cases.enumerated() {
      let angle = c.pan * Double.pi / 2
      let k = i * 2_000 + 10
      #expect(abs(left(out)[k] - 0.5 * amplitude(gain: c.gain) * Float(cos(angle))) < 1e-6, "case \(i)")
      #expect(abs(right(out)[k] - 0.5 * amplitude(gain: c.gain) * Float(sin(angle))) < 1e-6, "case \(i)")
    }
    _ = folder
  }

  @Test func nPicksFilesSortedByNameAndWraps() throws {
    let folder = try TemporarySamples()
    try folder.add("kit", "b.wav", [Float](repeating: 0.2, count: 100))
    try folder.add("kit", "a.wav", [Float](repeating: 0.1, count: 100))
    try folder.add("kit", "c.wav", [Float](repeating: 0.3, count: 100))
    let r = Renderer(bank: SoundBank(samplesDirectory: folder.path, outputRate: 48_000), rate: Self.rate)
    let ns: [Double] = [0, 1, 2, 3, 4, -1, 2.7]
    for (i, n) in ns.enumerated() {
      r.schedule(
        AudioEvent(time: .frame(Int64(i) * 500), sound: "kit", controls: ["n": .float(n), "pan": .float(0)]))
    }
    r.schedule(AudioEvent(time: .frame(3_500), sound: "kit:1", controls: ["pan": .float(0)]))
    let l = left(r.render(frames: 5_000))
    let expected: [Float] = [0.1, 0.2, 0.3, 0.1, 0.2, 0.3, 0.3, 0.2]
    for (i, value) in expected.enumerated() {
      let at = i * 500 + 50
      #expect(abs(l[at] - value * amplitude(gain: 1)) < 1e-6, "event \(i)")
    }
  }

  @Test func speedBeginEndAndReverse() throws {
    let (r, folder) = try renderer()
    r.schedule(AudioEvent(time: .frame(0), sound: "ramp", controls: ["speed": .float(2), "pan": .float(0)]))
    r.schedule(AudioEvent(time: .frame(2_000), sound: "ramp", controls: ["speed": .float(-1), "pan": .float(0)]))
    r.schedule(
      AudioEvent(
        time: .frame(4_000), sound: "ramp", controls: ["begin": .float(0.25), "end": .float(0.5), "pan": .float(0)]))
    r.schedule(AudioEvent(time: .frame(6_000), sound: "ramp", controls: ["note": .float(12), "pan": .float(0)]))
    let l = left(r.render(frames: 8_000))
    let a = amplitude(gain: 1)
    // Twice as fast: frame k reads sample 2k; lasts 500 frames.
    #expect(abs(l[100] - 0.2 * a) < 1e-6)
    #expect(l[499] != 0 && l[500] == 0)
    // Backwards from the last sample, fading in over 1 ms: SuperDirt swaps begin and end for a
    // negative speed, and a begin other than 0 fades in.
    #expect(l[2_000] == 0)
    #expect(abs(l[2_024] - 0.975 * a * 0.5) < 1e-6)
    #expect(abs(l[2_100] - 0.899 * a) < 1e-6)
    // From a quarter to a half: 250 frames; a 1 ms fade-in because begin is not 0.
    #expect(l[4_000] == 0)
    #expect(abs(l[4_100] - 0.35 * a) < 1e-6)
    #expect(l[4_249] != 0 && l[4_250] == 0)
    // An octave up reads every second sample, like speed 2.
    #expect(abs(l[6_100] - 0.2 * a) < 1e-6)
    _ = folder
  }

  @Test func fileRateIsResampledAndVoiceLimitCounts() throws {
    let folder = try TemporarySamples()
    try folder.add("half", "a.wav", [Float](repeating: 0.5, count: 100), rate: 24_000)
    let r = Renderer(bank: SoundBank(samplesDirectory: folder.path, outputRate: 48_000), rate: Self.rate, maxVoices: 2)
    for f: Int64 in [0, 1_000, 2_000] { r.schedule(AudioEvent(time: .frame(f), sound: "half")) }
    let l = left(r.render(frames: 3_000))
    // 100 frames at 24 kHz last 200 frames at 48 kHz.
    #expect(l[199] != 0 && l[200] == 0)
    #expect(l[1_000] != 0 && l[2_000] == 0)
    #expect(r.voiceLimitDrops == 1)
  }

  @Test func cutGroupsAndLegato() throws {
    let (r, folder) = try renderer()
    r.schedule(AudioEvent(time: .frame(0), sound: "dc", controls: ["cut": .float(1)]))
    r.schedule(AudioEvent(time: .frame(300), sound: "ramp", controls: ["cut": .float(1), "pan": .float(0)]))
    // Legato 0.5 of a 0.1 s event: 2,400 frames.
    r.schedule(
      AudioEvent(time: .frame(5_000), sound: "superpiano", controls: ["legato": .float(0.5), "delta": .float(0.1)]))
    let l = left(r.render(frames: 10_000))
    // The dc voice fades out over 48 frames from 300; the ramp voice starts at 300.
    let one = 0.5 * amplitude(gain: 1) * Float(cos(Double.pi / 4))
    #expect(abs(l[299] - one) < 1e-6)
    let rampAt = { (k: Int) in Float(k) / 1000 * amplitude(gain: 1) }
    #expect(abs(l[300 + 48] - rampAt(48)) < 1e-6)
    // On SuperDirt's gate curve: 28/48 of the way from silence, on half a cosine.
    let faded = 0.5 - 0.5 * cos(Double.pi * 28 / 48)
    #expect(abs(l[300 + 20] - (one * Float(faded) + rampAt(20))) < 1e-5)
    let piano = l[5_000..<10_000].lastIndex { $0 != 0 }
    // The synth's own envelope ends with SuperDirt's inner sustain (2,400 frames less the 1 ms
    // gate fade); nothing sounds after the event's 2,400 frames.
    #expect(piano.map { $0 > 5_000 + 2_300 && $0 <= 5_000 + 2_399 } == true, "\(String(describing: piano))")
    _ = folder
  }

  @Test func builtinSoundsAllSoundAndUnknownIsReported() {
    // Each sound on its own renderer, its first 0.2 s: it sounds, stays finite and does not run
    // away (some of SuperDirt's synths peak above full scale at gain 1, as they do there).
    var loud: [String] = []
    for name in SoundBank.builtinNames {
      let r = Renderer(bank: SoundBank(outputRate: 48_000), rate: Self.rate)
      r.schedule(AudioEvent(time: .frame(0), sound: name, controls: ["delta": .float(0.5)]))
      let out = r.render(frames: 9_600)
      #expect(left(out)[0..<4_800].contains { abs($0) > 0.01 }, "\(name) is silent")
      #expect(out.allSatisfy { $0.isFinite && abs($0) < 4 }, "\(name) runs away")
      if out.contains(where: { abs($0) > 1 }) { loud.append(name) }
    }
    #expect(loud.count <= 3, "loud: \(loud)")
    let r = Renderer(bank: SoundBank(outputRate: 48_000), rate: Self.rate)
    r.schedule(AudioEvent(time: .frame(10), sound: "nosuchsound"))
    _ = r.render(frames: 100)
    #expect(r.unknownSounds == ["nosuchsound"])
  }

}
