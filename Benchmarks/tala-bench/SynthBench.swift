import Audio

#if canImport(Glibc)
  import Glibc
#endif

// Synth figures: what one voice of each built-in synth costs, and how many fit in 10% of a core.
enum SynthBench {
  static func run() {
    print("synths (48 kHz, 64-frame blocks, best of 3; CPU per voice of one second, or of a kit drum's whole")
    print("  sound when shorter; voices that fit in 10% of one core):")
    var costs: [(String, Double)] = []
    for name in SynthWorkload.names {
      var best = Double.infinity
      var sink: Float = 0
      for _ in 0..<3 {
        let start = AudioBench.seconds()
        sink += SynthWorkload.render(name, voices: 4, seconds: 1, rate: 48_000)
        best = min(best, (AudioBench.seconds() - start) / 4)
      }
      if sink.isNaN { print("  \(name): NaN") }
      costs.append((name, best))
    }
    for (name, cost) in costs {
      print("  \(name): \(format2(cost * 1e6)) µs per voice, \(grouped(0.1 / cost)) voices")
    }
    let worst = costs.max { $0.1 < $1.1 }!
    let median = costs.map(\.1).sorted()[costs.count / 2]
    print(
      "  median \(grouped(0.1 / median)) voices in 10% of one core; most expensive \(worst.0): "
        + "\(grouped(0.1 / worst.1)) voices")
  }
}
