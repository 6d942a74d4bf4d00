import ArgumentParser
import Audio
import Scheduler
import Session
import Shell
import System

#if canImport(Glibc)
  import Glibc
#endif

/// `tala` with no subcommand: the live-coding shell.
struct ShellCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shell",
    abstract: "The live-coding shell (the default): type statements such as d1 $ s \"bd*2 sn\".",
    discussion: """
      Reads statements and :commands line by line. At a terminal, lines are edited with GNU \
      readline: Tab completes, history is kept in $XDG_STATE_HOME/tala/history (or \
      ~/.local/state/tala/history), the prompt shows the cycle and tempo, messages from the \
      scheduler appear above the line being typed, Ctrl-C clears the line (the music plays on) \
      and Ctrl-D or :quit leaves. When standard input is not a terminal (tala < file, a pipe \
      from an editor) lines are read plainly and the shell ends at end of input, after the \
      events already sent; end such input with :wait to let it play.
      """
  )

  @OptionGroup var play: PlayOptions

  func run() throws {
    let clock = SystemClock()
    let sleep: @Sendable (Int64) -> Void = { ns in clock.sleep(untilMonotonic: clock.monotonicNanoseconds() + ns) }
    guard isatty(0) != 0 else {
      let session = try makeSession(play, extraCommands: shellCommands(sleep: sleep, report: { print($0) }))
      session.start()
      defer { session.stop() }
      let input = LineReader()
      PlainShell(
        session: session,
        write: {
          print($0)
          fflush(nil)
        }, sleep: sleep
      ).run { waiting in input.next(pauseMilliseconds: waiting ? 50 : nil) }
      return
    }
    let shell = InteractiveShell(sounds: SampleSearchPath.standard(options: play.samples).soundNames())
    let color = isatty(1) != 0 && getenv("NO_COLOR") == nil
    let session = try makeSession(
      play,
      extraCommands: shellCommands(
        sleep: { shell.pause($0) }, report: { shell.printAbove($0) }, color: color,
        interrupted: { shell.wasInterrupted }),
      notify: { shell.printAbove("tala: " + $0) })
    session.start()
    defer { session.stop() }
    printError("tala: type statements such as  d1 $ s \"bd*2 sn\"  (:help for commands, Tab completes, Ctrl-D leaves)")
    shell.run(session: session, sleep: { shell.pause($0) })
  }
}

/// The commands the shell and scripts add to the session's: `:load`, `:show`, `:timetag`.
func shellCommands(
  sleep: @escaping @Sendable (Int64) -> Void, report: @escaping @Sendable (String) -> Void, color: Bool = false,
  interrupted: @escaping @Sendable () -> Bool = { false }
) -> [SessionCommand] {
  ShellCommands.all(sleep: sleep, report: report, color: color, interrupted: interrupted) + [timetagShellCommand]
}

/// `tala run FILE`: plays a script, then exits.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Play a script of statements and :commands, then exit.",
    discussion: """
      A script holds what you would type at the prompt: statements (continued on indented \
      lines, or inside :{ … :}), :commands such as :target add, -- comments, and :wait 4 \
      (cycles) or :wait 2.5s (seconds) between sections. It ends after its last line, or after \
      --seconds / --cycles. An error is reported as FILE:LINE:COLUMN: error: … and stops the \
      script with status 1 (--keep-going carries on). FILE - reads standard input.
      """
  )

  @Argument(help: "The script file (- for standard input).")
  var file: String

  @Option(help: "Play for this many seconds from the start, then exit.")
  var seconds: Double?

  @Option(help: "Play for this many cycles (at the starting tempo) from the start, then exit.")
  var cycles: Double?

  @Flag(help: "Report errors and carry on with the rest of the script.")
  var keepGoing = false

  @OptionGroup var play: PlayOptions

  func run() throws {
    let text = try readScript(file)
    let script = Script(name: file == "-" ? "<stdin>" : file, text: text)
    let clock = SystemClock()
    let session = try makeSession(
      play,
      extraCommands: shellCommands(
        sleep: { ns in clock.sleep(untilMonotonic: clock.monotonicNanoseconds() + ns) }, report: { print($0) }))
    let start = clock.monotonicNanoseconds()
    var limit: Int64?
    if let seconds {
      guard seconds >= 0, seconds < 1e7 else { throw CLIError("--seconds must be between 0 and 10,000,000") }
      limit = Int64(seconds * 1e9)
    } else if let cycles {
      guard cycles >= 0, cycles < 1e7 else { throw CLIError("--cycles must be between 0 and 10,000,000") }
      limit = Int64(cycles / session.scheduler.status.cps.doubleValue * 1e9)
    }
    let end = limit.map { start + $0 }
    session.start()
    var stopped = false
    let outcome = session.run(
      script, keepGoing: keepGoing,
      sleep: { ns in
        guard !stopped else { return }
        var until = clock.monotonicNanoseconds() + ns
        if let end, until >= end {
          until = end
          stopped = true
        }
        clock.sleep(untilMonotonic: until)
      },
      report: { line in
        if line.contains(": error: ") { printError(line) } else { print(line) }
      })
    if case .failed = outcome, !keepGoing {
      session.stop()
      throw ExitCode(1)
    }
    if let end, !stopped { clock.sleep(untilMonotonic: end) }
    session.stop()
    if case .failed = outcome { throw ExitCode(1) }
  }
}

func readScript(_ path: String) throws -> String {
  guard path == "-" else { return try TextFile.read(path) }
  var lines: [String] = []
  while let line = readLine(strippingNewline: true) { lines.append(line) }
  return lines.joined(separator: "\n")
}

func makeSession(
  _ play: PlayOptions, extraCommands: [SessionCommand] = [],
  notify: @escaping @Sendable (String) -> Void = { printError("tala: " + $0) }
) throws -> Session {
  let options = try play.sessionOptions()
  do {
    return try Session(options: options, extraCommands: extraCommands, notify: notify)
  } catch {
    throw CLIError(error.message)
  }
}
