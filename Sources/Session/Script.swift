/// A script split into what runs one after another: statements (possibly several lines) and
/// `:` commands, each with the line it starts on.
///
/// The layout is the prompt's: a statement starts at column 1 and continues on indented lines
/// (or inside `:{` … `:}`); blank lines separate blocks; `--` starts a comment line.
public struct Script: Sendable {
  public struct Unit: Sendable, Equatable {
    public var text: String
    /// 1-based line of the unit's first line in the file.
    public var line: Int
    public init(text: String, line: Int) {
      self.text = text
      self.line = line
    }
    public var isCommand: Bool { text.hasPrefix(":") }
  }

  public var name: String
  public var units: [Unit]

  public init(name: String, text: String) {
    self.name = name
    units = []
    var current: Unit?
    var inBlock = false
    func flush() {
      if let c = current, !c.text.trimmingWhitespace.isEmpty { units.append(c) }
      current = nil
    }
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
      let trimmed = line.trimmingWhitespace
      if inBlock {
        if trimmed == ":}" {
          inBlock = false
          flush()
        } else if current == nil {
          current = Unit(text: line, line: i + 1)
        } else {
          current!.text += "\n" + line
        }
        continue
      }
      if trimmed == ":{" {
        flush()
        inBlock = true
        continue
      }
      if trimmed.isEmpty || trimmed.hasPrefix("--") {
        if trimmed.isEmpty { flush() }
        continue
      }
      let indented = line.first?.isWhitespace ?? false
      if indented, current != nil, !(current!.isCommand) {
        current!.text += "\n" + line
      } else {
        flush()
        current = Unit(text: indented ? trimmed : line, line: i + 1)
      }
    }
    flush()
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
