import Audio
import Controls
import Foundation
import Testing

/// Effects through the whole engine (events → voices → orbits → master), measured on rendered
/// buffers: per-voice effects change what a listener hears, orbit effects ring after the voice,
/// orbits keep apart, onsets stay exact.
@Suite struct OrbitTests {
  static let rate = 48_000

  /// A folder with `click` (10 frames of 0.5), `saw` (110 Hz, 1 s) and `tone` (440 Hz, 1 s).
  func samples() throws -> TemporarySamples {
    let folder = try TemporarySamples()
    try folder.add("click", "a.wav", [Float](repeating: 0.5, count: 10))
    let period = 48_000.0 / 110
    try folder.add(
      "saw", "a.wav",
      (0..<48_000).map { Float(0.5 * (2 * (Double($0) / period - (Double($0) / period).rounded(.down)) - 1)) })
    try folder.add("tone", "a.wav", sine(440, seconds: 1, amplitude: 0.5))
    try folder.add("dc", "a.wav", [Float](repeating: 0.5, count: 2_000))
    return folder
  }

  func render(_ folder: TemporarySamples, frames: Int, _ events: [(Int64, String, ControlMap)]) -> [Float] {
    let r = Renderer(bank: SoundBank(samplesDirectory: folder.path, outputRate: 48_000), rate: Self.rate)
    for (f, s, c) in events { r.schedule(AudioEvent(time: .frame(f), sound: s, controls: c)) }
    return left(r.render(frames: frames))
  }

  @Test func lowPassAt500TakesTheTopOffASaw() throws {
    let folder = try samples()
    let dry = render(folder, frames: 48_000, [(0, "saw", ["pan": .float(0)])])
    let wet = render(folder, frames: 48_000, [(0, "saw", ["pan": .float(0), "cutoff": .float(500)])])
    let window = 4_000..<44_000
    // Harmonics from 2.2 kHz up lose tens of dB; the fundamental stays.
    for harmonic in [20, 30, 40] {
      let hz = 110.0 * Double(harmonic)
      let drop = 20 * log10(level(wet[window], hz) / level(dry[window], hz))
      #expect(drop < -25, "harmonic \(harmonic): \(drop) dB")
    }
    let fundamental = 20 * log10(level(wet[window], 110) / level(dry[window], 110))
    #expect(abs(fundamental) < 3, "fundamental \(fundamental) dB")
  }

  @Test func highPassKeepsTheTopAndShapeAddsHarmonics() throws {
    let folder = try samples()
    let window = 4_000..<44_000
    let dry = render(folder, frames: 48_000, [(0, "saw", ["pan": .float(0)])])
    let high = render(folder, frames: 48_000, [(0, "saw", ["pan": .float(0), "hcutoff": .float(3_000)])])
    #expect(20 * log10(level(high[window], 110) / level(dry[window], 110)) < -40)
    #expect(abs(20 * log10(level(high[window], 110 * 40) / level(dry[window], 110 * 40))) < 3)

    let clean = render(folder, frames: 48_000, [(0, "tone", ["pan": .float(0)])])
    let shaped = render(folder, frames: 48_000, [(0, "tone", ["pan": .float(0), "shape": .float(0.8)])])
    // A clean sine has no third harmonic; shaped, it has one within 30 dB of the fundamental.
    #expect(level(clean[window], 1_320) < 1e-4 * level(clean[window], 440))
    #expect(level(shaped[window], 1_320) > 0.03 * level(shaped[window], 440))
  }

  @Test func crushCoarseDjfBandAndVowelThroughTheEngine() throws {
    let folder = try samples()
    let window = 4_000..<44_000
    func saw(_ c: ControlMap) -> [Float] {
      var c = c
      c["pan"] = .float(0)
      return render(folder, frames: 48_000, [(0, "saw", c)])
    }
    // crush 4 rounds to steps of 1/8 before the 0.4 amplitude.
    let crushed = saw(["crush": .float(4)])[window].map { Double($0) / 0.4 * 8 }
    #expect(crushed.allSatisfy { abs($0 - $0.rounded()) < 1e-4 })
    #expect(Set(crushed.map { $0.rounded() }).count <= 16)
    // coarse 8 holds each value for 8 frames.
    let held = saw(["coarse": .float(8)])
    let changes = window.dropFirst().filter { held[$0] != held[$0 - 1] }
    #expect(!changes.isEmpty && Set(changes.map { $0 % 8 }).count == 1)
    // djf below 0.5 is a low-pass, above a high-pass.
    let dry = saw([:])
    func db(_ x: [Float], _ hz: Double) -> Double { 20 * log10(level(x[window], hz) / level(dry[window], hz)) }
    let low = saw(["djf": .float(0.2)])
    let high = saw(["djf": .float(0.8)])
    #expect(db(low, 110 * 30) < -20 && abs(db(low, 110)) < 3)
    #expect(db(high, 110) < -20 && abs(db(high, 110 * 30)) < 6)
    // A band-pass at 1 kHz keeps harmonic 9 (990 Hz) far above the fundamental and harmonic 40.
    let band = saw(["bandf": .float(1_000)])
    #expect(db(band, 990) - db(band, 110) > 20 && db(band, 990) - db(band, 4_400) > 20)
    // Vowels: "a" has its first formant near 660 Hz, "i" its second near 1,850 Hz.
    let a = saw(["vowel": .string("a")])
    let i = saw(["vowel": .string("i")])
    #expect(db(i, 1_870) - db(i, 660) > db(a, 1_870) - db(a, 660) + 10)
  }

  @Test func delayEchoesAtDelayTimeDecayingByFeedbackAfterTheVoiceEnds() throws {
    let folder = try samples()
    let l = render(
      folder, frames: 30_000,
      [(0, "click", ["pan": .float(0), "delay": .float(0.5), "delaytime": .float(0.1), "delayfeedback": .float(0.5)])])
    // The click is 10 frames long; echoes ring on at 0.1 s steps, each half the one before.
    let peaks = (1...4).map { n in l[(n * 4_800 - 10)..<(n * 4_800 + 30)].map { abs($0) }.max()! }
    #expect(peaks[0] > 0.01)
    for n in 1..<4 { #expect(abs(peaks[n] / peaks[n - 1] - 0.5) < 0.02, "echo \(n + 1): \(peaks)") }
    #expect(l[200..<4_700].allSatisfy { $0 == 0 })
  }

  @Test func lockTiesTheDelayToTheTempo() throws {
    let folder = try samples()
    func firstEcho(_ lock: Double) -> Int? {
      let l = render(
        folder, frames: 40_000,
        [
          (
            0, "click",
            [
              "pan": .float(0), "delay": .float(0.5), "delaytime": .float(0.25), "delayfeedback": .float(0),
              "lock": .float(lock), "cps": .float(0.5),
            ]
          )
        ])
      return l.indices.dropFirst(100).first { l[$0] != 0 }
    }
    // 0.25 cycles at 0.5 cps is 0.5 s; unlocked, 0.25 s.
    #expect(firstEcho(1).map { abs($0 - 24_000) <= 2 } == true, "\(String(describing: firstEcho(1)))")
    #expect(firstEcho(0).map { abs($0 - 12_000) <= 2 } == true, "\(String(describing: firstEcho(0)))")
  }

  @Test func roomTailGrowsWithSize() throws {
    let folder = try samples()
    func tail(_ size: Double) -> Double {
      let l = render(folder, frames: 96_000, [(0, "click", ["room": .float(0.5), "size": .float(size)])])
      return l[48_000...].reduce(0) { $0 + Double($1) * Double($1) }
    }
    let small = tail(0.1)
    let large = tail(0.9)
    #expect(small > 0 && large > 10 * small, "tail energy: \(small) vs \(large)")
  }

  @Test func twoOrbitsKeepTheirEffectsApart() throws {
    let folder = try samples()
    let l = render(
      folder, frames: 40_000,
      [
        (0, "click", ["pan": .float(0), "delay": .float(0.5), "delaytime": .float(0.1), "delayfeedback": .float(0)]),
        (
          1_000, "click",
          [
            "pan": .float(0), "orbit": .int(1), "delay": .float(0.5), "delaytime": .float(0.3),
            "delayfeedback": .float(0),
          ]
        ),
        // A dry click on orbit 2: no echo at all.
        (2_000, "click", ["pan": .float(0), "orbit": .int(2)]),
      ])
    let echoes = l.indices.dropFirst(2_100).filter { l[$0] != 0 }
    // Orbit 0 echoes 0.1 s after its click, orbit 1 0.3 s after its own; nothing else.
    #expect(echoes.first.map { abs($0 - 4_800) <= 2 } == true, "\(echoes.prefix(3))")
    #expect(echoes.contains { abs($0 - 15_400) <= 2 }, "\(echoes.suffix(3))")
    #expect(echoes.allSatisfy { abs($0 - 4_805) < 20 || abs($0 - 15_405) < 20 }, "\(echoes)")
  }

  @Test func hushStopsVoicesButTheTailsRingOn() throws {
    let folder = try samples()
    let r = Renderer(bank: SoundBank(samplesDirectory: folder.path, outputRate: 48_000), rate: Self.rate)
    r.schedule(
      AudioEvent(
        time: .frame(0), sound: "saw",
        controls: ["pan": .float(0), "delay": .float(0.5), "delaytime": .float(0.1), "delayfeedback": .float(0.5)]))
    var l = left(r.render(frames: 1_000))
    r.hush()
    l += left(r.render(frames: 20_000))
    // The saw stops at the hush; its first 1,000 frames echo 0.1 s later.
    #expect(l[2_000..<4_700].allSatisfy { $0 == 0 })
    #expect(l[4_810..<5_700].contains { abs($0) > 0.01 })
  }

  @Test func onsetsStayOnTheirFramesWithEffectsOn() throws {
    let folder = try samples()
    let frames: [Int64] = [0, 3_063, 6_064, 9_001, 12_555]
    let controls: [ControlMap] = [
      ["cutoff": .float(800), "shape": .float(0.5)], ["hcutoff": .float(200), "crush": .float(4)],
      ["vowel": .string("a")], ["cutoff": .float(2_000), "resonance": .float(0.5)],
      ["coarse": .float(4), "room": .float(0.3)],
    ]
    var events: [(Int64, String, ControlMap)] = []
    for (f, c) in zip(frames, controls) {
      var c = c
      c["legato"] = .float(1)
      c["delta"] = .float(0.01)
      events.append((f, "dc", c))
    }
    let l = render(folder, frames: 16_000, events)
    for f in frames.map({ Int($0) }) {
      #expect(f == 0 || l[f - 1] == 0, "before \(f): \(l[f - 1])")
      #expect(l[f] != 0, "onset \(f)")
    }
  }
}
