import ArgumentParser
import Glibc
import Language
import PatternGrid

/// `tala show`: a pattern drawn as a text grid, one row per sound or value.
struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Draw a pattern as a text grid: one row per sound or value, one column per step.",
    discussion: """
      `x` marks an onset, `=` the rest of a long event, `.` an empty step; `|` separates cycles,
      numbered on the first line. Columns follow the pattern's finest grid (the least common
      multiple of its step sizes); a pattern finer than 64 steps per cycle is drawn at 1/48 of a
      cycle, rounded, and the last line says so.
      EXPR is an expression of the shell language, or bare mini-notation when it has no quotes.
      Examples:
        tala show 'bd*2 [~ sn]'
        tala show --cycles 4 's "<bd sn> hh*3" # n "<0 1>"'
        tala show --resolution 8 'bd(3,8,<0 2>)'
      """)

  @Option(help: "How many cycles to draw (1 to \(GridOptions.cycleLimit)).")
  var cycles = 2

  @Option(help: "The first cycle drawn.")
  var from: Int64 = 0

  @Option(help: "Steps per cycle instead of the pattern's own grid (1 to \(GridOptions.resolutionLimit)).")
  var resolution: Int?

  @Option(help: "Colour: auto (when standard output is a terminal), always or never.")
  var color: ColorChoice = .auto

  @Argument(help: "The pattern.")
  var expression: String

  enum ColorChoice: String, ExpressibleByArgument {
    case auto, always, never
  }

  func validate() throws {
    guard (1...GridOptions.cycleLimit).contains(cycles) else {
      throw ValidationError("--cycles must be 1 to \(GridOptions.cycleLimit)")
    }
    if let resolution, !(1...GridOptions.resolutionLimit).contains(resolution) {
      throw ValidationError("--resolution must be 1 to \(GridOptions.resolutionLimit) steps per cycle")
    }
  }

  func run() throws {
    let options = GridOptions(
      firstCycle: from, cycles: cycles, resolution: resolution, color: useColor())
    do {
      print(try PatternGrid.render(source: expression, options: options))
    } catch let e as LanguageError {
      printError("error: \(e.description)")
      throw ExitCode(1)
    } catch let e as GridError {
      throw ValidationError(e.description)
    } catch {
      printError("error: \(error)")
      throw ExitCode(1)
    }
  }

  func useColor() -> Bool {
    switch color {
    case .always: return true
    case .never: return false
    case .auto:
      let term = getenv("TERM").map { String(cString: $0) } ?? ""
      return isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil && term != "dumb" && !term.isEmpty
    }
  }
}
