// tala-bench: the figures `make bench` prints. scripts/bench.sh builds the peers (Tidal, liblo)
// and passes their binaries through the environment; each peer runs just before and just after
// Tala's own figures, and the better of its two runs is the one compared (other work on a shared
// machine then favours neither side).
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

// `tala-bench osc`, `pattern`, `audio`, `synths` or `flood` runs one part (for profiling); no argument runs
// all. The flood row starts this binary again as its receiver and senders (FloodBench.swift).
let only = CommandLine.arguments.dropFirst().first
let floodPort = CommandLine.arguments.dropFirst(2).first.flatMap { UInt16($0) } ?? 0
switch only {
case "flood-receiver": FloodBench.receive()
case "flood-sender": FloodBench.flood(port: floodPort)
case "steady-sender": FloodBench.steady(port: floodPort)
default: break
}
if only?.hasSuffix("-receiver") == true || only?.hasSuffix("-sender") == true { exit(0) }
if only == nil || only == "pattern" { runPatternBenchmarks(tidalBinary: environment("TIDAL_BENCH")) }
if only == nil || only == "osc" {
  print("")
  runOSCBenchmarks(libloBinary: environment("LIBLO_BENCH"))
}
// `audio-busy [cycles]` and `audio-filtered` run one audio row once, for a profiler.
if only == "audio-busy" {
  let cycles = CommandLine.arguments.dropFirst(2).first.flatMap { Int($0) } ?? 200
  print("busy set: \((try? AudioBench.renderSpeed(effects: true, cycles: cycles, runs: 1)) ?? 0)x real time")
}
if only == "audio-filtered" { AudioBench.profileFilteredVoices() }
if only == nil || only == "audio" {
  print("")
  AudioBench.run()
}
if only == nil || only == "samples" {
  print("")
  SampleIndexBench.run()
}
if only == nil || only == "synths" {
  print("")
  SynthBench.run()
}
if only == nil || only == "flood" {
  print("")
  FloodBench.run()
}

/// Runs a peer benchmark binary and reads its lines: `name rate` (liblo) or
/// `tidal <index> <events> <seconds>` (Tidal, read as `tidal_<index>` at events/seconds).
func peerFigures(_ binary: String) -> [String: Double] {
  guard let pipe = popen(binary, "r") else { return [:] }
  var figures: [String: Double] = [:]
  var line = [CChar](repeating: 0, count: 256)
  while fgets(&line, Int32(line.count), pipe) != nil {
    let text = String(decoding: line.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let parts = text.split(separator: " ").map(String.init)
    if parts.count == 2, let rate = Double(parts[1]) {
      figures[parts[0]] = rate
    } else if parts.count == 4, parts[0] == "tidal", let events = Double(parts[2]), let seconds = Double(parts[3]),
      seconds > 0
    {
      figures["tidal_\(parts[1])"] = events / seconds
    }
  }
  pclose(pipe)
  return figures
}

/// The better of two runs of a peer, figure by figure.
func bestFigures(_ a: [String: Double], _ b: [String: Double]) -> [String: Double] {
  a.merging(b) { Swift.max($0, $1) }
}

func runPatternBenchmarks(tidalBinary: String?) {
  print("pattern query, 1,000 cycles one cycle per query (best of 5):")
  let tidalBefore = tidalBinary.map(peerFigures) ?? [:]
  var lines: [(String, Double)] = []
  // For callgrind: TALA_BENCH_PATTERN=n runs only pattern n, TALA_BENCH_REPS=k passes instead of 5.
  let chosen = environment("TALA_BENCH_PATTERN").flatMap { Int($0) }
  let runs = environment("TALA_BENCH_REPS").flatMap { Int($0) } ?? 5
  // TALA_BENCH_SOURCE=<mini-notation> measures that pattern instead of the issue's three.
  let sources = environment("TALA_BENCH_SOURCE").map { [$0] } ?? PatternBench.patterns + PatternBench.expressions
  let firstExpression = environment("TALA_BENCH_SOURCE") == nil ? PatternBench.patterns.count : sources.count
  for (i, source) in sources.enumerated() where chosen == nil || chosen == i + 1 {
    do {
      let r =
        i >= firstExpression
        ? try PatternBench.measure(expression: source, runs: runs) : try PatternBench.measure(source, runs: runs)
      lines.append(
        (
          "  \(i + 1). \(source)\n     tala \(grouped(r.eventsPerSecond)) events/s (\(r.events) events)",
          r.eventsPerSecond
        ))
    } catch {
      lines.append(("  \(i + 1). \(source): error \(error)", 0))
    }
  }
  let tidal = bestFigures(tidalBefore, tidalBinary.map(peerFigures) ?? [:])
  for (i, (line, rate)) in lines.enumerated() {
    if rate == 0 {
      print(line)
    } else if let peer = tidal["tidal_\(i + 1)"], peer > 0, environment("TALA_BENCH_SOURCE") == nil {
      print(line + ", tidal \(grouped(peer)) events/s, \(String(format2(rate / peer)))x")
    } else {
      print(line + ", tidal not measured (needs ghc and libghc-tidal-dev; see scripts/bench.sh)")
    }
  }
}

func format2(_ x: Double) -> String {
  let hundredths = Int((x * 100).rounded())
  let frac = hundredths % 100
  return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
}
