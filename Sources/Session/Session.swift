import Audio
import Controls
import Language
import Pattern
import Scheduler
import Synchronization
import System
import Time

/// What one piece of input did.
public enum Reply: Sendable, Equatable {
  /// Done; maybe with something to print.
  case ok(String?)
  /// Refused, with a message (already positioned, with a caret for statements); whatever was
  /// playing plays on.
  case error(String)
  /// `:wait`: the caller pauses this long before the next input (scripts).
  case wait(nanoseconds: Int64)
  /// `:quit`.
  case quit
}

/// The composition root (DESIGN.md §2): slots, tempo and targets around one scheduler, driven
/// by statements and `:` commands.
public final class Session: Sendable {
  public let scheduler: Scheduler
  let interpreter = Mutex(Interpreter())
  let specs = Mutex<[TargetSpec]>([])
  let syncClients = Mutex<[String: ClockSyncClient]>([:])
  /// Each slot's past patterns, for transitions.
  let histories = Mutex(SlotHistories())
  /// Where scheduler messages go (the shell prints them above its prompt).
  let notify: @Sendable (String) -> Void
  public let commands: [SessionCommand]
  public let defaultLatencyNanoseconds: Int64

  public struct Options: Sendable {
    public var scheduler = SchedulerConfiguration()
    /// Targets to start with; by default Pure Data on 127.0.0.1:8001.
    public var targets: [TargetSpec] = [.pureData]
    public var defaultLatencyNanoseconds = TargetSpec.defaultLatencyNanoseconds
    /// The local sound card, or nil for none (`--no-audio`).
    public var audio: AudioConfiguration? = nil
    /// The sample folders (`:samples` lists them; the sound card's bank reads
    /// `audio.sampleFolders`).
    public var samples = SampleSearchPath()
    /// Join the Ableton Link session at start (`--link`); off by default.
    public var link = false
    /// Beats per cycle for Link and `setbpm` (`--beats-per-cycle`; Tidal's `cBeatsPerCycle`).
    public var beatsPerCycle = 4
    public init() {}
  }

  public init(
    options: Options = Options(), clock: any TimeSource = SystemClock(),
    extraCommands: [SessionCommand] = [],
    notify: @escaping @Sendable (String) -> Void
  ) throws(SessionError) {
    self.notify = notify
    defaultLatencyNanoseconds = options.defaultLatencyNanoseconds
    scheduler = Scheduler(configuration: options.scheduler, clock: clock) { notify($0.description) }
    commands = SessionCommand.builtIn + extraCommands
    audioConfiguration = options.audio
    samplePath = options.samples
    scheduler.setBeatGrid(beatsPerCycle: options.beatsPerCycle, quantum: Double(options.beatsPerCycle))
    for spec in options.targets { try addTarget(spec) }
    if options.audio != nil, case .error(let message) = setAudio(on: true) { notify(message) }
    if options.link, case .error(let message) = setLink(on: true) { notify(message) }
  }

  /// The Ableton Link peer, made at the first `:link on`.
  let link = Mutex<LinkTempo?>(nil)

  let audioConfiguration: AudioConfiguration?
  let samplePath: SampleSearchPath
  let audio = Mutex<AudioTarget?>(nil)

  /// Opens or closes the local sound card. With no card, says so and carries on.
  public func setAudio(on: Bool) -> Reply {
    if !on {
      let target = audio.withLock { a -> AudioTarget? in
        defer { a = nil }
        return a
      }
      guard let target else { return .ok("audio is off") }
      scheduler.removeOutput(named: target.name)
      target.engine.stop(drain: false)
      return .ok("audio off")
    }
    if audio.withLock({ $0 != nil }) { return .ok("audio is on") }
    let configuration = audioConfiguration ?? AudioConfiguration()
    let engine = AudioEngine(configuration: configuration, clock: scheduler.clock)
    if let error = engine.openError {
      return .error("no local sound (\(error)); playing to the OSC targets only")
    }
    engine.start()
    useAudio(engine)
    return .ok("audio on (\(engine.rate) Hz)")
  }

  /// Plays on `engine` (opened by the caller, started or not) as the local sound card, in
  /// place of one made from the configuration: tests and tools that drive their own engine.
  public func useAudio(_ engine: AudioEngine) {
    let target = AudioTarget(
      engine: engine, latencyNanoseconds: defaultLatencyNanoseconds, originMonotonic: scheduler.originMonotonic,
      notify: notify)
    let old = audio.withLock { a -> AudioTarget? in
      defer { a = target }
      return a
    }
    if let old { scheduler.removeOutput(named: old.name) }
    scheduler.addOutput(target)
  }

  public func start() { scheduler.start() }

  /// The evaluator statements run with (it holds the `let` bindings), for tools that evaluate
  /// expressions as the prompt does (`:show`, completion of bound names).
  public var evaluator: Evaluator { interpreter.withLock { $0.evaluator } }

  /// Background work (a `:sync` measurement) that must end with the session.
  func keep(_ thread: DedicatedThread) { helpers.withLock { $0.append(thread) } }
  let helpers = Mutex<[DedicatedThread]>([])

  /// Stops playing: the events already sent stand, immediate-mode events already planned go out.
  public func stop() {
    for thread in helpers.withLock({ h -> [DedicatedThread] in
      defer { h = [] }
      return h
    }) {
      thread.stop()
    }
    scheduler.stop(drain: true)
    audio.withLock { $0?.engine.stop(drain: true) }
    link.withLock { $0?.link.enable(false) }
  }

  // MARK: Input

  /// Runs one statement or `:` command. Errors come back as `.error`, never thrown: nothing
  /// that is typed stops what is playing.
  public func handle(_ input: String) -> Reply {
    let text = input.trimmingWhitespace
    if text.isEmpty || text.hasPrefix("--") { return .ok(nil) }
    if text.hasPrefix(":") { return command(text) }
    do {
      return try evaluate(input)
    } catch let e as LanguageError {
      return .error(e.description)
    } catch {
      return .error("\(error)")
    }
  }

  func command(_ text: String) -> Reply {
    let words = text.dropFirst().split(whereSeparator: \.isWhitespace).map(String.init)
    guard let name = words.first else { return .error("expected a command after ':' (try :help)") }
    guard let c = commands.first(where: { $0.name == name || $0.aliases.contains(name) }) else {
      let suggestion = SessionCommand.closest(to: name, in: commands.map(\.name))
      return .error("unknown command ':\(name)'" + (suggestion.map { "; did you mean ':\($0)'?" } ?? ""))
    }
    do {
      return try c.run(self, Array(words.dropFirst()), text)
    } catch {
      return .error("\(error)")
    }
  }

  func evaluate(_ text: String) throws -> Reply {
    let statement = try interpreter.withLock { try $0.run(text) }
    switch statement {
    case .assign(let slot, let set):
      let pattern = Self.started(set, at: cycleNow())
      try preflight(pattern)
      histories.withLock { $0.push(pattern, slot: Self.slotName(slot)) }
      scheduler.setPattern(pattern, slot: Self.slotName(slot))
      return .ok(nil)
    case .transition(let slot, let transition):
      try play(transition, slot: Self.slotName(slot))
      return .ok(nil)
    case .once(let pattern):
      try preflight(pattern)
      scheduler.once(pattern)
      return .ok(nil)
    case .hush, .silence:
      histories.withLock { $0.pushSilenceEverywhere() }
      scheduler.hush()
      return .ok(nil)
    case .setCPS(let cps):
      try scheduler.setCPS(cps)
      return .ok(nil)
    case .setBPM(let bpm):
      let beats = Rational(Int64(scheduler.sharedTimelineStatus.grid.beatsPerCycle))
      try scheduler.setCPS(try Statement.cps(bpm: bpm, beatsPerCycle: beats))
      return .ok(nil)
    case .setCycle(let c):
      try scheduler.setCycle(c)
      return .ok(nil)
    case .solo(let s): scheduler.setSoloed(true, slot: Self.slotName(s))
    case .unsolo(let s): scheduler.setSoloed(false, slot: Self.slotName(s))
    case .mute(let s): scheduler.setMuted(true, slot: Self.slotName(s))
    case .unmute(let s): scheduler.setMuted(false, slot: Self.slotName(s))
    case .define: return .ok(nil)
    case .expression(let v):
      if case .pattern = v { return .ok("\(v.kindDescription): play it with d1 $ …, or see it with :show") }
      return .ok(v.kindDescription)
    }
    return .ok(nil)
  }

  /// Queries the cycle about to play, so a pattern that fails at query time (too dense, a bad
  /// argument) is refused at once and the old one keeps playing. The scheduler rolls back
  /// too, for failures in later cycles.
  /// The sounds it names in its first cycles are then loaded for the sound card
  /// (`preloadSounds`), before the scheduler sees the pattern.
  func preflight(_ pattern: Pattern<ControlMap>) throws {
    let c = Rational(Int64(max(0, scheduler.currentCycle).rounded(.down)))
    let first = try pattern.query(Arc(c, try c + .one))
    preloadSounds(pattern, from: c, firstCycle: first)
  }

  static func slotName(_ slot: SlotID) -> String {
    switch slot {
    case .number(let n): String(n)
    case .name(let s): s
    }
  }

  // MARK: Targets

  public func addTarget(_ spec: TargetSpec) throws(SessionError) {
    let target = try OSCTarget(
      spec, clock: scheduler.clock, frameNanoseconds: scheduler.configuration.frameNanoseconds, notify: notify)
    scheduler.addOutput(target)
    syncClients.withLock { $0[spec.name] = target.sync }
    specs.withLock { list in
      list.removeAll { $0.name == spec.name }
      list.append(spec)
    }
  }

  /// Adds any output (the audio engine, a test recorder) beside the OSC targets.
  public func addOutput(_ output: any Output) { scheduler.addOutput(output) }

  @discardableResult public func removeTarget(named name: String) -> Bool {
    specs.withLock { $0.removeAll { $0.name == name } }
    syncClients.withLock { $0[name]?.stop() }
    syncClients.withLock { $0[name] = nil }
    return scheduler.removeOutput(named: name)
  }

  public var targets: [TargetSpec] { specs.withLock { $0 } }

  /// The clock-sync client of a target that has `sync=on` or `latency=auto`.
  public func syncClient(named name: String) -> ClockSyncClient? {
    syncClients.withLock { $0[name] }
  }

  /// Seconds for `cycles` cycles at the current tempo, in nanoseconds.
  public func nanoseconds(forCycles cycles: Rational) -> Int64 {
    let cps = scheduler.status.cps
    return Int64((cycles.doubleValue / cps.doubleValue * 1e9).rounded())
  }
}

extension StringProtocol {
  var trimmingWhitespace: String {
    let s = drop { $0.isWhitespace }
    return String(s.reversed().drop { $0.isWhitespace }.reversed())
  }
}
