// tala-bench: the figures `make bench` prints. Peers (Tidal, liblo) are measured by
// scripts/bench.sh in the same run and passed in through the environment.
#if canImport(Glibc)
  import Glibc
#endif

func environment(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}

func grouped(_ x: Double) -> String {
  let digits = String(Int(x.rounded()))
  var out = ""
  for (i, ch) in digits.reversed().enumerated() {
    if i > 0 && i % 3 == 0 { out.append(",") }
    out.append(ch)
  }
  return String(out.reversed())
}

print("pattern query, 1,000 cycles one cycle per query (best of 5):")
for (i, source) in PatternBench.patterns.enumerated() {
  do {
    let r = try PatternBench.measure(source)
    var line = "  \(i + 1). \(source)\n     tala \(grouped(r.eventsPerSecond)) events/s (\(r.events) events)"
    if let peer = environment("TIDAL_BENCH_\(i + 1)"), let tidal = Double(peer), tidal > 0 {
      line += ", tidal \(grouped(tidal)) events/s, \(String(format2(r.eventsPerSecond / tidal)))x"
    } else {
      line += ", tidal not measured (needs ghc and libghc-tidal-dev; see scripts/bench.sh)"
    }
    print(line)
  } catch {
    print("  \(i + 1). \(source): error \(error)")
  }
}

func format2(_ x: Double) -> String {
  let hundredths = Int((x * 100).rounded())
  let frac = hundredths % 100
  return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
}

print("")
runOSCBenchmarks(libloBinary: environment("LIBLO_BENCH"))

print("")
AudioBench.run()
