import ArgumentParser
import Audio
import Language
import Pattern
import Time

#if canImport(Glibc)
  import Glibc
#endif

/// `tala render`: a script's patterns through the audio engine's voices into a WAV file,
/// faster than real time, onsets on exact frames.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Render a pattern script to a WAV file, sample-exact, faster than real time.",
    discussion: """
      Runs the script's statements (d1 $ …, p "name" $ …, setcps, setbpm, hush, once, mute, \
      solo, let) and renders every slot of the final state for --cycles cycles from cycle 0. \
      Onset of cycle position c lands on frame round(c / cps · rate). Shell commands (lines \
      starting with ':') are skipped with a note. Sounds: built-in tick bd sn hh oh cp \
      superpiano supersaw sine, and folders of --samples DIR (DIR/NAME/*.wav, n picks a file).
      Examples:
        tala render set.tala loop.wav --cycles 8
        tala render -e 'd1 $ s "bd*2 [sn cp]"' beat.wav --cycles 4 --cps 0.5625 --format s24
      """)

  @Argument(help: "The script file (omit with --expression), then the WAV file to write.")
  var files: [String] = []

  @Option(name: [.customShort("e"), .long], help: "Statements to render instead of a script file.")
  var expression: String?

  @Option(help: "Number of cycles to render.")
  var cycles: Int

  @Option(help: "Cycles per second (a decimal or a fraction; the script's setcps/setbpm override it).")
  var cps: String = "0.5625"

  @Option(help: "Sample rate in Hz.")
  var rate = 48_000

  @Option(help: "Sample format: s16, s24 or float.")
  var format = "s16"

  @Option(help: "Sample folder laid out like Dirt-Samples (NAME/*.wav).")
  var samples: String?

  mutating func run() throws {
    let source: String
    let sourceName: String
    let output: String
    if let expression {
      guard files.count == 1 else { throw ValidationError("give the WAV file to write (one argument) with -e") }
      source = expression
      sourceName = "-e"
      output = files[0]
    } else {
      guard files.count == 2 else { throw ValidationError("give a script file and the WAV file to write") }
      source = try readText(files[0])
      sourceName = files[0]
      output = files[1]
    }
    guard cycles >= 1, cycles <= 1_000_000 else { throw ValidationError("--cycles must be 1 to 1000000") }
    guard rate >= 8_000, rate <= 384_000 else { throw ValidationError("--rate must be 8000 to 384000") }
    guard let fileFormat = FileFormat(rawValue: format) else {
      throw ValidationError("--format must be s16, s24 or float")
    }
    guard let startCPS = Rational(parsing: cps), startCPS > .zero else {
      throw ValidationError("--cps must be a positive number such as 0.5625 or 9/16")
    }
    var script = ScriptState(cps: startCPS)
    try script.run(source, name: sourceName)
    for note in script.notes { printError("tala render: \(note)") }

    let planner = OnsetPlanner(patterns: script.audible, cps: script.cps, rate: Int64(rate))
    let bank = SoundBank(samplesDirectory: samples, outputRate: Double(rate))
    let renderer = Renderer(bank: bank, rate: rate)
    let writer = try AudioFile.Writer(path: output, rate: rate, channels: 2, format: fileFormat)
    let progress = Progress(total: cycles)
    let block = 4_096
    var buffer = [Float](repeating: 0, count: block * 2)
    let started = MonotonicClock.nanoseconds()
    do {
      for c in 0..<cycles {
        let begin = Rational(Int64(c))
        let end = Rational(Int64(c + 1))
        for event in try planner.events(from: begin, to: end) { renderer.schedule(event) }
        if c == 0 {
          for once in script.once {
            for e in try OnsetPlanner(patterns: [once], cps: script.cps, rate: Int64(rate)).events(from: 0, to: 1) {
              renderer.schedule(e)
            }
          }
        }
        let stop = try planner.frame(atCycle: end)
        while renderer.frame < stop {
          let n = Int(min(Int64(block), stop - renderer.frame))
          try buffer.withUnsafeMutableBufferPointer { (p) throws(AudioError) in
            renderer.render(into: p, frames: n)
            try writer.write(UnsafeBufferPointer(rebasing: p[0..<(n * 2)]))
          }
        }
        progress.update(c + 1)
      }
    } catch let error as TimeError {
      throw CLIError("cycle arithmetic overflowed (\(error)); try fewer cycles or a simpler tempo")
    } catch let error as PatternError {
      throw CLIError("pattern failed: \(error)")
    }
    try writer.close()
    progress.finish()
    let seconds = Double(renderer.frame) / Double(rate)
    let elapsed = Double(MonotonicClock.nanoseconds() - started) / 1e9
    if !renderer.unknownSounds.isEmpty {
      printError("tala render: unknown sounds (silent): \(renderer.unknownSounds.joined(separator: " "))")
    }
    for problem in bank.takeProblems() { printError("tala render: \(problem)") }
    printError(
      "tala render: wrote \(output): \(renderer.frame) frames, \(formatSeconds(seconds)) s at \(rate) Hz \(format), "
        + "\(formatSeconds(seconds / max(elapsed, 1e-9)))x real time")
  }
}

/// What a script leaves playing: slots, tempo, mute and solo.
struct ScriptState {
  var cps: Rational
  var slots: [(id: SlotID, pattern: Pattern<ControlMap>)] = []
  var once: [Pattern<ControlMap>] = []
  var muted: Set<SlotID> = []
  var soloed: Set<SlotID> = []
  var notes: [String] = []
  var interpreter = Interpreter()

  init(cps: Rational) { self.cps = cps }

  /// The slots that sound: soloed ones when any is soloed, minus muted ones.
  var audible: [Pattern<ControlMap>] {
    slots.filter { (soloed.isEmpty || soloed.contains($0.id)) && !muted.contains($0.id) }.map(\.pattern)
  }

  /// Runs every statement of `text`; an error names the file, line and column.
  mutating func run(_ text: String, name: String) throws {
    var line = 1
    for (k, statement) in Interpreter.split(text).enumerated() {
      let leading = k > 0 ? 1 : 0  // `split` starts later statements with the newline before them
      let lineCount = statement.split(separator: "\n", omittingEmptySubsequences: false).count
      defer { line += lineCount - leading }
      let trimmed = statement.drop { $0.isWhitespace }
      if trimmed.isEmpty || trimmed.hasPrefix("--") { continue }
      if trimmed.hasPrefix(":") {
        notes.append(
          "\(name):\(line + leadingBlankLines(statement) - leading): skipped shell command \(trimmed.prefix { $0 != "\n" })"
        )
        continue
      }
      do {
        apply(try interpreter.run(statement), line: line)
      } catch let error as LanguageError {
        let fileLine = line + error.line - 1 - leading
        let lines = statement.split(separator: "\n", omittingEmptySubsequences: false)
        let shown = error.line >= 1 && error.line <= lines.count ? String(lines[error.line - 1]) : ""
        throw CLIError(
          "\(name):\(fileLine):\(error.column): \(error.message)\n  \(shown)\n  "
            + String(repeating: " ", count: max(0, error.column - 1)) + "^")
      }
    }
  }

  private func leadingBlankLines(_ s: String) -> Int {
    s.split(separator: "\n", omittingEmptySubsequences: false).prefix { $0.allSatisfy(\.isWhitespace) }.count
  }

  private mutating func apply(_ statement: Statement, line: Int) {
    switch statement {
    case .assign(let id, let pattern):
      if let i = slots.firstIndex(where: { $0.id == id }) {
        slots[i].pattern = pattern
      } else {
        slots.append((id, pattern))
      }
    case .once(let pattern): once.append(pattern)
    case .hush, .silence:
      slots.removeAll()
      once.removeAll()
    case .setCPS(let r): cps = r
    case .setBPM(let bpm):
      if let r = try? Statement.cps(bpm: bpm) { cps = r }
    case .solo(let id): soloed.insert(id)
    case .unsolo(let id): soloed.remove(id)
    case .mute(let id): muted.insert(id)
    case .unmute(let id): muted.remove(id)
    case .define: break
    case .expression: notes.append("line \(line): an expression that is not a statement does nothing here")
    }
  }
}

/// A one-line progress bar on stderr, only when stderr is a terminal.
final class Progress {
  let total: Int
  let enabled = isatty(2) != 0
  private var shown = -1

  init(total: Int) { self.total = total }

  func update(_ done: Int) {
    guard enabled else { return }
    let percent = done * 100 / max(total, 1)
    if percent == shown { return }
    shown = percent
    let width = 30
    let filled = done * width / max(total, 1)
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    var text = "\r[\(bar)] \(percent)% cycle \(done)/\(total)"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
  }

  func finish() {
    guard enabled else { return }
    var text = "\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
  }
}

/// Reads a whole text file.
func readText(_ path: String) throws -> String {
  guard let file = fopen(path, "rb") else {
    throw CLIError("cannot read \(path): \(String(cString: strerror(errno)))")
  }
  defer { fclose(file) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65_536)
  while true {
    let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 65_536, file) }
    if n > 0 { bytes += chunk[0..<n] }
    if n < 65_536 { break }
    if bytes.count > 16 << 20 { throw CLIError("\(path) is larger than 16 MB") }
  }
  if ferror(file) != 0 { throw CLIError("cannot read \(path)") }
  return String(decoding: bytes, as: UTF8.self)
}

/// `12.345`: seconds with three decimals.
func formatSeconds(_ x: Double) -> String {
  let thousandths = Int((x * 1000).rounded())
  let fraction = String(thousandths % 1000)
  return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}
