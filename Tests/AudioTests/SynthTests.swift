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

@Suite struct SynthTests {
  @Test func everyBuiltInRendersSoundThatIsFiniteAndBounded() throws {
    for name in Synths.names {
      let r = try #require(renderSynth(name, controls(["sustain": 0.5])), "\(name)")
      #expect(r.allFinite, "\(name) is not finite")
      #expect(r.peak > 0.01, "\(name) is silent: peak \(r.peak)")
      #expect(r.peak < 2, "\(name) is too loud: peak \(r.peak)")
    }
  }

  @Test func unknownNamesAreNotBuiltIn() {
    #expect(Synths.make("nosuchsynth", event: SoundEvent("nosuchsynth"), rate: synthRate) == nil)
  }

  @Test func soundBuiltInListsTheSynths() {
    #expect(Sound.builtIn == Synths.names)
  }
}
