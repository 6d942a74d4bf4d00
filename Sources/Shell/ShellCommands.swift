import Language
import PatternGrid
import Session
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The `:` commands the shell adds to a session's own: `:load` and `:show`.
public enum ShellCommands {
  /// Both commands. `sleep` waits at a loaded script's `:wait`; `report` prints what a
  /// loaded script says as it runs; `color` draws `:show` grids in ANSI colours.
  public static func all(
    sleep: @escaping @Sendable (Int64) -> Void, report: @escaping @Sendable (String) -> Void, color: Bool = false,
    interrupted: @escaping @Sendable () -> Bool = { false }
  ) -> [SessionCommand] {
    [load(sleep: sleep, report: report, interrupted: interrupted), show(color: color)]
  }

  /// Scripts loading scripts stop here, so a file that loads itself ends with an error.
  static let maximumLoadDepth = 8
  private static let loadDepth = Atomic<Int>(0)

  /// `interrupted` says Ctrl-C cut a wait short: the script stops there.
  public static func load(
    sleep: @escaping @Sendable (Int64) -> Void, report: @escaping @Sendable (String) -> Void,
    interrupted: @escaping @Sendable () -> Bool = { false }
  ) -> SessionCommand {
    SessionCommand(
      "load", usage: ":load FILE",
      help: "Runs a script file as if typed here (statements, :commands, :wait); stops at its first error."
    ) { session, _, line in
      let path = String(line.drop { $0 != " " && $0 != "\t" }.drop { $0 == " " || $0 == "\t" })
      guard !path.isEmpty else { throw SessionError("usage: :load FILE") }
      let depth = loadDepth.wrappingAdd(1, ordering: .relaxed).newValue
      defer { loadDepth.wrappingSubtract(1, ordering: .relaxed) }
      guard depth <= maximumLoadDepth else {
        throw SessionError("scripts load each other more than \(maximumLoadDepth) deep; not loading \(path)")
      }
      let text = try TextFile.read(path)
      let outcome = session.run(
        Script(name: path, text: text), sleep: sleep,
        report: { if !$0.contains(": error: ") { report($0) } }, shouldStop: interrupted)
      switch outcome {
      case .finished: return .ok(nil)
      case .stopped: return .ok("stopped \(path)")
      case .quit: return .quit
      case .failed(let located): return .error(located)
      }
    }
  }

  public static func show(color: Bool = false) -> SessionCommand {
    SessionCommand(
      "show", usage: ":show EXPR [CYCLES]",
      help: "Draws a pattern as a grid: a row per sound or value, x onsets, = held, . rests (2 cycles by default)."
    ) { session, _, line in
      let source = line.drop { $0 != " " && $0 != "\t" }.drop { $0 == " " || $0 == "\t" }
      guard !source.isEmpty else { throw SessionError("usage: :show EXPR [CYCLES]") }
      let options = GridOptions(color: color)
      let evaluator = session.evaluator
      // A last word that is a small whole number is the cycle count when the rest is a pattern
      // by itself (`:show "bd sn" 4`); otherwise it belongs to the expression (`# n 1`).
      let words = source.split(separator: " ")
      if words.count > 1, let last = words.last, let n = Int(last), (1...GridOptions.cycleLimit).contains(n) {
        let rest = String(source.dropLast(last.count)).trimmingSpaces
        var counted = options
        counted.cycles = n
        if let grid = try? PatternGrid.render(source: rest, evaluator: evaluator, options: counted) {
          return .ok(grid)
        }
      }
      do {
        return .ok(try PatternGrid.render(source: String(source), evaluator: evaluator, options: options))
      } catch let e as LanguageError {
        // Positions are reported in the text after `:show `.
        throw SessionError(e.description)
      } catch {
        throw SessionError("\(error)")
      }
    }
  }
}
