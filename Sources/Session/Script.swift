import Language

/// A script split into what runs one after another: statements (possibly several lines) and
/// `:` commands, each with the line it starts on. The layout is ``StatementReader``'s, the
/// same as at the prompt and for piped input.
public struct Script: Sendable {
  public typealias Unit = StatementReader.Piece

  public var name: String
  public var units: [Unit]

  public init(name: String, text: String) {
    self.name = name
    units = StatementReader.pieces(of: text)
  }
}

extension Session {
  /// How a script run ended.
  public enum ScriptOutcome: Sendable, Equatable {
    case finished
    case quit
    /// `shouldStop` said so (Ctrl-C during a wait).
    case stopped
    /// The first error, as `FILE:LINE:COLUMN: error: message` with the line and a caret.
    case failed(String)
  }

  /// Runs a script's units in order, waiting at `:wait`. Errors are reported through `report`
  /// in the compilers' form; unless `keepGoing`, the first one stops the script.
  public func run(
    _ script: Script, keepGoing: Bool = false, sleep: (Int64) -> Void, report: (String) -> Void,
    shouldStop: () -> Bool = { false }
  ) -> ScriptOutcome {
    var firstError: String?
    for unit in script.units {
      if shouldStop() { return .stopped }
      switch handle(unit.text) {
      case .ok(let text):
        if let text, !unit.isCommand || unit.text.hasPrefix(":target") == false { report(text) }
      case .wait(let ns): sleep(ns)
      case .quit: return .quit
      case .error(let message):
        let located = Self.locate(message, in: script.name, unit: unit)
        report(located)
        if !keepGoing { return .failed(located) }
        if firstError == nil { firstError = located }
      }
    }
    return firstError.map { .failed($0) } ?? .finished
  }

  /// Turns `L:C: message` (relative to the unit) into `FILE:LINE:COLUMN: error: message`.
  static func locate(_ message: String, in file: String, unit: Script.Unit) -> String {
    let firstLine = message.prefix { $0 != "\n" }
    let rest = message.dropFirst(firstLine.count)
    let parts = firstLine.split(separator: ":", maxSplits: 2)
    if parts.count == 3, let l = Int(parts[0]), let c = Int(parts[1]) {
      let text = parts[2].trimmingWhitespace
      return "\(file):\(unit.line + l - 1):\(c): error: \(text)\(rest)"
    }
    return "\(file):\(unit.line):1: error: \(message)"
  }
}
