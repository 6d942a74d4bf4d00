#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tala's own sounds, older than the SuperDirt ports: a metronome tick and a plain sine.
let talaSounds: [(String, Synths.Maker)] = [
  ("tick", { c in mono(Tick(c), c, ownSeconds: 0.03) }),
  ("sine", { c in mono(Sine(c), c, ownSeconds: c.sustain) }),
]

/// A 2 kHz blip decaying in a few milliseconds.
struct Tick: MonoSource {
  let rate: Double
  var t = 0.0

  init(_ c: SynthControls) { rate = c.rate }

  mutating func next() -> Double {
    defer { t += 1 / rate }
    return cos(2 * .pi * 2000 * t) * exp(-t / 0.004)
  }
}

/// A sine at the event's pitch for its sustain, with 2 ms and 10 ms edges.
struct Sine: MonoSource {
  let rate: Double
  let freq: Double
  var scale: LineSegment
  var env: Envelope
  var osc = SineOsc()

  init(_ c: SynthControls) {
    rate = c.rate
    freq = c.freq
    scale = c.freqScale()
    let edges = min(0.012, c.sustain)
    env = .linen(edges / 6, c.sustain - edges, edges * 5 / 6, rate: c.rate)
  }

  mutating func next() -> Double { osc.next(freq * scale.next(), rate) * env.next() }
}
