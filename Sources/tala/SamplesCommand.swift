import ArgumentParser
import Audio
import SampleInstall
import System

#if canImport(Glibc)
  import Glibc
#endif

/// `tala samples`: the sample folders (`list`, the default) and `install`.
struct SamplesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "samples",
    abstract: "List the sample folders Tala searches, or install Dirt-Samples.",
    subcommands: [SamplesListCommand.self, SamplesInstallCommand.self],
    defaultSubcommand: SamplesListCommand.self)
}

/// `tala samples list`: the search path, as `:samples` shows it.
struct SamplesListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the sample folders searched for sound names, earliest first, with their sound counts.")

  @Option(help: ArgumentHelp(samplesHelp, valueName: "dir"))
  var samples: [String] = []

  func run() throws {
    let path = SampleSearchPath.standard(options: samples)
    for (i, s) in path.survey().enumerated() { print("\(i + 1). \(s.line)") }
  }
}

/// `tala samples install [--from URL]`.
struct SamplesInstallCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "install",
    abstract: "Download Dirt-Samples (or another sample archive) into $XDG_DATA_HOME/tala/samples.",
    discussion: """
      Downloads the archive (by default the tidalcycles/Dirt-Samples repository's, about \
      200 sound folders), unpacks it (.tar.gz, .tar.xz, .tar.bz2, .tar or .zip), checks that it \
      holds sound folders (NAME/*.wav and the like) and moves them into \
      $XDG_DATA_HOME/tala/samples (by default ~/.local/share/tala/samples), where every tala \
      command finds them. The work happens in a temporary folder beside it: a failed or \
      interrupted (Ctrl-C) download leaves nothing behind.
      """)

  @Option(name: .customLong("from"), help: ArgumentHelp("The archive's URL.", valueName: "url"))
  var url = SampleInstaller.defaultURL

  @Option(
    help: ArgumentHelp(
      "Install here instead of $XDG_DATA_HOME/tala/samples (then give it with --samples or TALA_SAMPLES).",
      valueName: "dir"))
  var into: String?

  @Flag(help: "Replace the sample folder if it already holds samples.")
  var replace = false

  func run() throws {
    guard let destination = into ?? SampleSearchPath.userSamplesDirectory() else {
      throw CLIError("neither XDG_DATA_HOME nor HOME is set: give the folder with --into DIR")
    }
    let display = ProgressDisplay(terminal: isatty(2) != 0)
    final class Stops: @unchecked Sendable {
      var signals = StopSignals.block()
      var seen = false
      func check() -> Bool {
        if !seen && signals.received() { seen = true }
        return seen
      }
    }
    let stops = Stops()
    printError("tala samples: downloading \(url)")
    do {
      let installed = try SampleInstaller(url: url, destination: destination, replace: replace).run(
        report: { display.show($0) }, shouldStop: { stops.check() })
      display.finish()
      printError(
        "tala samples: installed \(installed.sounds) sound folders (\(installed.files) files) in \(destination)")
    } catch {
      display.finish()
      if error.interrupted {
        printError("tala samples: interrupted; nothing was installed")
        throw ExitCode(130)
      }
      throw CLIError(error.description + "; nothing was installed")
    }
  }
}

/// The download's progress on standard error: a bar redrawn in place at a terminal, a line
/// every 10% (or every 10 MB when the size is unknown) otherwise.
final class ProgressDisplay {
  let terminal: Bool
  private var lastMark: Int64 = -1
  private var drawn = false

  init(terminal: Bool) { self.terminal = terminal }

  func show(_ step: SampleInstaller.Step) {
    switch step {
    case .downloading(let p):
      if p.received == 0 { return }
      if terminal {
        draw(p)
      } else {
        let mark = p.total.map { p.received * 10 / max($0, 1) } ?? p.received / 10_000_000
        if mark != lastMark {
          lastMark = mark
          printError("tala samples: " + Self.amount(p))
        }
      }
    case .unpacking:
      finish()
      printError("tala samples: unpacking")
    case .checking:
      printError("tala samples: checking the sound folders")
    }
  }

  private func draw(_ p: Download.Progress) {
    let width = 30
    var line = ""
    if let total = p.total, total > 0 {
      let filled = Int(min(p.received, total) * Int64(width) / total)
      line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
    }
    line += Self.amount(p)
    Self.write("\r\u{1B}[K" + line)
    drawn = true
  }

  /// Ends a bar's line.
  func finish() {
    if drawn { Self.write("\n") }
    drawn = false
  }

  private static func write(_ text: String) {
    var text = text
    text.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
  }

  static func amount(_ p: Download.Progress) -> String {
    func mb(_ bytes: Int64) -> String {
      let tenths = (bytes * 10 + 524_288) / 1_048_576
      return "\(tenths / 10).\(tenths % 10) MB"
    }
    guard let total = p.total, total > 0 else { return mb(p.received) }
    return "\(mb(p.received)) of \(mb(total)) (\(min(p.received, total) * 100 / total)%)"
  }
}
