import Audio
import Controls
import Testing

/// The built-in kit plays like a sample pack: each variant is synthesized once, then every hit
/// is that recording, pitched and cut as samples are.
@Suite struct KitDrumTests {
  static let rate = 48_000

  /// Frames from the first to the last one above -60 dB, on the left channel.
  static func audibleSpan(_ out: [Float], from start: Int) -> Int {
    var first = -1
    var last = -1
    for f in start..<(out.count / 2) where abs(out[2 * f]) > 0.001 {
      if first < 0 { first = f }
      last = f
    }
    return first < 0 ? 0 : last - first + 1
  }

  @Test func everyHitOfAVariantIsTheSameRecording() {
    let bank = SoundBank(outputRate: Double(Self.rate))
    let r = Renderer(bank: bank, rate: Self.rate)
    r.schedule(AudioEvent(time: .frame(0), sound: "bd", controls: ["n": .float(1)]))
    r.schedule(AudioEvent(time: .frame(48_000), sound: "bd", controls: ["n": .float(1)]))
    let out = r.render(frames: 96_000)
    let a = Array(out[0..<40_000])
    let b = Array(out[96_000..<136_000])
    #expect(a.contains { abs($0) > 0.01 })
    #expect(a == b)
    // Another variant is another sound; `n` wraps over the variants as a folder's files do.
    let kick = bank.kitDrum("bd", n: 1)
    #expect(kick != nil && bank.kitDrum("bd", n: 1) === kick, "kept after the first hit")
    #expect(bank.kitDrum("bd", n: 2)?.frames != kick?.frames)
    #expect(bank.kitDrum("superpiano", n: 0) == nil, "only the kit plays as samples")
  }

  @Test func speedAndSustainActAsOnASample() {
    func span(_ controls: ControlMap) -> Int {
      let r = Renderer(bank: SoundBank(outputRate: Double(Self.rate)), rate: Self.rate)
      r.schedule(AudioEvent(time: .frame(100), sound: "oh", controls: controls))
      return Self.audibleSpan(r.render(frames: 96_000), from: 0)
    }
    let plain = span([:])
    let fast = span(["speed": .float(2)])
    let cut = span(["sustain": .float(0.05)])
    #expect(plain > 10_000)
    #expect(abs(Double(fast) / Double(plain) - 0.5) < 0.05, "\(fast) of \(plain)")
    #expect(abs(cut - 2_400) < 100, "\(cut)")
  }
}
