import ArgumentParser
import Audio
import Language
import Pattern
import Scheduler
import Session
import Synchronization
import System
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
      superpiano supersaw sine, and sample folders (DIR/NAME/*.wav, n picks a file) found \
      through --samples DIR, TALA_SAMPLES, $XDG_DATA_HOME/tala/samples and SuperDirt's \
      Dirt-Samples, in that order.
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

  @Option(help: ArgumentHelp(samplesHelp, valueName: "dir"))
  var samples: [String] = []

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
      source = try TextFile.read(files[0])
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
    let rendering = try OfflineSession(cps: startCPS, rate: Int64(rate), samples: samples)
    let script = Script(name: sourceName, text: source)
    let bank = rendering.renderer.bank
    let writer = try AudioFile.Writer(path: output, rate: rate, channels: 2, format: fileFormat)
    let progress = Progress(total: cycles)
    let started = SystemClock().monotonicNanoseconds()
    do {
      try rendering.run(script, cycles: Int64(cycles), writer: writer, progress: progress)
    } catch let error as TimeError {
      throw CLIError("cycle arithmetic overflowed (\(error)); try fewer cycles or a simpler tempo")
    }
    try writer.close()
    progress.finish()
    let renderer = rendering.renderer
    let seconds = Double(renderer.frame) / Double(rate)
    let elapsed = Double(SystemClock().monotonicNanoseconds() - started) / 1e9
    if !renderer.unknownSounds.isEmpty {
      printError("tala render: " + SoundBank.unknownMessage(renderer.unknownSounds))
    }
    for problem in bank.takeProblems() { printError("tala render: \(problem)") }
    printError(
      "tala render: wrote \(output): \(renderer.frame) frames, \(formatSeconds(seconds)) s at \(rate) Hz \(format), "
        + "\(formatSeconds(seconds / max(elapsed, 1e-9)))x real time")
  }
}

/// A session on a clock that render moves by hand: the script runs exactly as `tala run` runs
/// it (statements, `:wait`, tempo changes, patterned `cps`), the scheduler stamps every onset
/// with its exact time, and each lands on frame `round(time · rate)` of the output.
final class OfflineSession {
  let clock = ManualClock()
  let session: Session
  let capture = EventRecorder(name: "render")
  let renderer: Renderer
  let rate: Int64
  let frame: Int64

  init(cps: Rational, rate: Int64, samples: [String]) throws {
    var options = Session.Options()
    options.targets = []
    options.scheduler.cps = cps
    frame = options.scheduler.frameNanoseconds
    session = try Session(options: options, clock: clock) { printError("tala render: " + $0) }
    session.addOutput(capture)
    self.rate = rate
    renderer = Renderer(
      bank: SoundBank(folders: SampleSearchPath.standard(options: samples).paths, outputRate: Double(rate)),
      rate: Int(rate))
  }

  /// Runs the script (skipping commands that would leave this machine, such as `:target`),
  /// then renders until cycle `cycles`.
  func run(_ script: Script, cycles: Int64, writer: AudioFile.Writer, progress: Progress) throws {
    var kept = script
    kept.units.removeAll { unit in
      guard unit.isCommand, !unit.text.hasPrefix(":wait") else { return false }
      printError("tala render: \(script.name):\(unit.line): skipped shell command \(unit.text.prefix { $0 != "\n" })")
      return true
    }
    let end = Rational(cycles)
    // Start planning at cycle 0, time 0 (otherwise the first frame would begin after it).
    try session.scheduler.setCycle(.zero)
    var failure: (any Error)?
    let outcome = session.run(
      kept,
      sleep: { ns in
        do {
          try self.advance(
            untilNanoseconds: self.now + ns, endCycle: end, writer: writer, progress: progress, cycles: cycles)
        } catch {
          failure = failure ?? error
        }
      },
      report: { printError($0) })
    if let failure { throw failure }
    if case .failed = outcome { throw ExitCode(1) }
    // Then until the end cycle has been planned, and its time rendered.
    while (session.scheduler.status.planned ?? .zero) < end {
      // Each step plans at least one frame further, so this ends.
      try advance(untilNanoseconds: now + frame, endCycle: end, writer: writer, progress: progress, cycles: cycles)
    }
    let last = try session.scheduler.time(atCycle: end).frame(rate: rate)
    try render(until: last, writer: writer)
  }

  var now: Int64 { clock.monotonicNanoseconds() - session.scheduler.originMonotonic }

  func advance(
    untilNanoseconds target: Int64, endCycle: Rational, writer: AudioFile.Writer, progress: Progress, cycles: Int64
  ) throws {
    while now < target && (session.scheduler.status.planned ?? .zero) < endCycle {
      // Plan at the current instant before the clock moves on, as the live scheduler's thread
      // does at each frame deadline: an event due now (cycle 0 at time 0) is planned on time,
      // not one planning frame after it.
      session.scheduler.tick()
      for e in capture.take() where e.onset < endCycle {
        if let event = AudioEvent(time: .frame(try e.time.frame(rate: rate)), planned: e) { renderer.schedule(event) }
      }
      // Everything up to now is planned: render it.
      try render(until: try ExactSeconds(nanoseconds: now).frame(rate: rate), writer: writer)
      progress.update(Int(min(Double(cycles), max(0, session.scheduler.currentCycle))))
      clock.advance(nanoseconds: min(frame, target - now))
    }
  }

  private var buffer = [Float](repeating: 0, count: 4096 * 2)

  func render(until stop: Int64, writer: AudioFile.Writer) throws {
    while renderer.frame < stop {
      let n = Int(min(4096, stop - renderer.frame))
      try buffer.withUnsafeMutableBufferPointer { (p) throws(AudioError) in
        renderer.render(into: p, frames: n)
        try writer.write(UnsafeBufferPointer(rebasing: p[0..<(n * 2)]))
      }
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

/// `12.345`: seconds with three decimals.
func formatSeconds(_ x: Double) -> String {
  let thousandths = Int((x * 1000).rounded())
  let fraction = String(thousandths % 1000)
  return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}
