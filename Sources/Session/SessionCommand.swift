import Controls
import Language
import Scheduler
import Time

/// A `:` command: its name, how to use it, what it does, and the code, side by side.
public struct SessionCommand: Sendable {
  public var name: String
  public var aliases: [String] = []
  public var usage: String
  public var help: String
  /// Gets the session, the words after the name, and the whole line.
  public var run: @Sendable (Session, [String], String) throws -> Reply

  public init(
    _ name: String, aliases: [String] = [], usage: String, help: String,
    run: @escaping @Sendable (Session, [String], String) throws -> Reply
  ) {
    self.name = name
    self.aliases = aliases
    self.usage = usage
    self.help = help
    self.run = run
  }

  static func closest(to name: String, in names: [String]) -> String? {
    names.first { $0.hasPrefix(name) || name.hasPrefix($0) }
      ?? names.min { Suggest.distance(name, $0) < Suggest.distance(name, $1) }.flatMap {
        Suggest.distance(name, $0) <= 2 ? $0 : nil
      }
  }

}

extension SessionCommand {
  /// The commands every session has (the shell adds its own, such as `:show` and `:load`).
  static let builtIn: [SessionCommand] = [
    target, targets, latency, audio, samples, sync, linkCommand, cps, status, wait, quit, help,
  ]

  static let targetUsage = ":target add \(TargetSpec.grammar) | :target remove NAME"

  static let target = SessionCommand(
    "target", usage: targetUsage,
    help: "Adds, replaces or removes an OSC target. Several targets play at once."
  ) { session, words, _ in
    switch words.first {
    case "add":
      let spec = try TargetSpec.parse(Array(words.dropFirst()), defaultLatency: session.defaultLatencyNanoseconds)
      try session.addTarget(spec)
      return .ok("target \(spec)")
    case "remove", "rm":
      guard words.count == 2 else { throw SessionError("usage: :target remove NAME") }
      guard session.removeTarget(named: words[1]) else { throw SessionError("no target named '\(words[1])'") }
      return .ok("removed target \(words[1])")
    default:
      throw SessionError("usage: \(targetUsage)")
    }
  }

  static let targets = SessionCommand(
    "targets", usage: ":targets", help: "Lists the targets with their address, format, latency and mode."
  ) { session, _, _ in
    let list = session.targets
    return .ok(list.isEmpty ? "no targets" : list.map(\.description).joined(separator: "\n"))
  }

  static let latency = SessionCommand(
    "latency", usage: ":latency [SECONDS]",
    help: "Shows the latency of each target, or sets it for all of them (the time between an event and its timetag)."
  ) { session, words, _ in
    guard let text = words.first else {
      return .ok(
        session.targets.map { "\($0.name) \(SessionText.seconds($0.latencyNanoseconds)) s" }.joined(separator: "\n"))
    }
    let ns = try TargetSpec.seconds(text)
    for var spec in session.targets {
      spec.latencyNanoseconds = ns
      try session.addTarget(spec)
    }
    return .ok("latency \(SessionText.seconds(ns)) s")
  }

  static let audio = SessionCommand(
    "audio", usage: ":audio on|off", help: "Plays on the local sound card too (on), or only to the OSC targets (off)."
  ) { session, words, _ in
    switch words.first {
    case "on": return session.setAudio(on: true)
    case "off": return session.setAudio(on: false)
    default: throw SessionError("usage: :audio on|off")
    }
  }

  static let cps = SessionCommand("cps", usage: ":cps", help: "Shows the tempo in cycles per second and bpm.") {
    session, _, _ in
    let cps = session.scheduler.status.cps
    let beats = session.scheduler.sharedTimelineStatus.grid.beatsPerCycle
    let bpm = cps.doubleValue * 60 * Double(beats)
    return .ok(
      "\(cps) cps (\(Self.decimal(cps.doubleValue, 4)) cps, \(Self.decimal(bpm, 2)) bpm at \(beats) beats per cycle)")
  }

  static let status = SessionCommand(
    "status", usage: ":status", help: "Shows tempo, cycle, slots, targets with their late counts, and send lateness."
  ) { session, _, _ in
    .ok(session.statusText())
  }

  static let wait = SessionCommand(
    "wait", usage: ":wait CYCLES | :wait SECONDSs",
    help: "Waits before the next line of a script (4 = four cycles, 2.5s = seconds)."
  ) { session, words, _ in
    guard words.count == 1, let word = words.first else {
      throw SessionError("usage: :wait 4 (cycles) or :wait 2.5s (seconds)")
    }
    if word.hasSuffix("s") {
      return .wait(nanoseconds: try TargetSpec.seconds(String(word.dropLast()), limit: nil))
    }
    guard let cycles = Rational(parsing: word), !cycles.isNegative else {
      throw SessionError("expected a number of cycles, got '\(word)'")
    }
    return .wait(nanoseconds: session.nanoseconds(forCycles: cycles))
  }

  static let quit = SessionCommand("quit", aliases: ["q", "exit"], usage: ":quit", help: "Stops playing and exits.") {
    _, _, _ in .quit
  }

  static let help = SessionCommand(
    "help", aliases: ["?"], usage: ":help [NAME]",
    help: "Lists the commands, or explains one command, statement, function or control, with an example."
  ) { session, words, _ in
    guard let word = words.first else {
      return .ok(session.commands.map { "\($0.usage)\n    \($0.help)" }.joined(separator: "\n"))
    }
    let name = word.hasPrefix(":") ? String(word.dropFirst()) : word
    // A name can be both a command and a statement word (`:wait` and Tidal's `wait`): both answer.
    var answers: [String] = []
    if let c = session.commands.first(where: { $0.name == name || $0.aliases.contains(name) }) {
      answers.append("\(c.usage)\n    \(c.help)")
    }
    if !word.hasPrefix(":"), let e = Library.entry(word) {
      answers.append("\(e.name) :: \(e.signature)  (\(e.kind.rawValue))\n    \(e.help)\n    example: \(e.example)")
    }
    if !answers.isEmpty { return .ok(answers.joined(separator: "\n")) }
    if let reason = Params.unsupported(word) { throw SessionError(reason.message(word)) }
    let suggestion = closest(to: name, in: session.commands.map(\.name) + Library.names)
    throw SessionError(
      "no command, statement, function or control named '\(word)'" + (suggestion.map { "; did you mean \($0)?" } ?? ""))
  }

  static func decimal(_ x: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    var text = String((x * scale).rounded() / scale)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }
}

extension Session {
  public func statusText() -> String {
    let s = scheduler.status
    let beats = Double(scheduler.sharedTimelineStatus.grid.beatsPerCycle)
    var lines = [
      "tempo \(s.cps) cps (\(SessionCommand.decimal(s.cps.doubleValue * 60 * beats, 2)) bpm), cycle \(SessionCommand.decimal(s.cycle, 3))"
    ]
    if s.slots.isEmpty { lines.append("slots: none") }
    for slot in s.slots {
      var flags = ""
      if slot.muted { flags += " (muted)" }
      if slot.soloed { flags += " (solo)" }
      lines.append("slot \(SlotName.display(slot.name))\(flags)")
    }
    for o in s.outputs {
      lines.append(
        "target \(o.name): \(o.mode.rawValue), latency \(SessionText.seconds(o.latencyNanoseconds)) s, sent \(o.stats.sent), late \(o.stats.late)"
          + (o.stats.late > 0 ? " (worst \(SessionText.millis(o.stats.maxLateness)) ms)" : "")
          + ", dropped \(o.stats.dropped), send errors \(o.stats.sendErrors)")
    }
    if let p50 = s.sendLatenessP50, let p99 = s.sendLatenessP99 {
      lines.append(
        "send lateness p50 \(SessionText.millis(p50)) ms, p99 \(SessionText.millis(p99)) ms, max \(SessionText.millis(s.sendLatenessMax)) ms"
      )
    }
    return lines.joined(separator: "\n")
  }
}
