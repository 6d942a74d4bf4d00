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
/// impulse trains, superpwm saturates to ±5, supertron adds two pulses after a DC blocker.
let hotSynths: [String: Float] = ["psin": 5.01, "pmsin": 5.01, "imp": 4.01, "superpwm": 5.01, "supertron": 4.5]

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

  @Test func unknownNamesAreNotBuiltIn() {
    #expect(Synths.make("nosuchsynth", event: SoundEvent("nosuchsynth"), rate: synthRate) == nil)
  }

  @Test func soundBuiltInListsTheSynths() {
    #expect(Sound.builtIn == Synths.names)
  }
}

@Test func printSynthLevels() {
  for name in Synths.names {
    guard let r = renderSynth(name, controls(["sustain": 0.5])) else { continue }
    let m = r.mono
    let rms = (m.reduce(0) { $0 + Double($1 * $1) } / Double(max(1, m.count))).squareRoot()
    print("LEVEL \(name) peak \(r.peak) rms \(rms) len \(r.left.count)")
  }
}
