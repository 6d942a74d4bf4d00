import Audio
import Controls
import Pattern
import Time

extension Session {
  /// How many cycles of a new pattern, from the one it starts in, have their sounds loaded
  /// before it plays. Sounds first named later load when first played (on the scheduler's
  /// thread, never the audio thread).
  static let preloadCycles: Int64 = 4

  /// Loads the sounds `pattern` names in its first cycles into the sound card's bank, on this
  /// thread, so the first event of a sound never used before lands on its frame; reports
  /// names that are neither a sample folder nor a built-in sound. `firstCycle` is the query of
  /// cycle `cycle`, already made. Later cycles that fail to query are skipped (the scheduler
  /// reports them when it plays them).
  func preloadSounds(_ pattern: Pattern<ControlMap>, from cycle: Rational, firstCycle: [Event<ControlMap>]) {
    guard let target = audio.withLock({ $0 }) else { return }
    var names: [String] = []
    func collect(_ events: [Event<ControlMap>]) {
      for e in events where e.hasOnset {
        if let s = e.value["s"]?.getS ?? e.value["sound"]?.getS { names.append(s) }
      }
    }
    collect(firstCycle)
    for k in 1..<Self.preloadCycles {
      guard let start = try? cycle + Rational(k), let end = try? start + .one,
        let events = try? pattern.query(Arc(start, end))
      else { break }
      collect(events)
    }
    let unknown = target.engine.bank.preload(names)
    if !unknown.isEmpty { target.reportUnknown(unknown) }
  }

  /// The sample folders this session was started with.
  public var sampleFolders: SampleSearchPath { samplePath }

  /// `:samples`: each folder on the path with its sound count (or that it is missing), and
  /// the built-in sounds. Lists the folders afresh, and the sound card's bank with them, so
  /// folders added since start (`tala samples install`) are found.
  func samplesReport() -> String {
    let audioBank = audio.withLock { $0?.engine.bank }
    audioBank?.reindex()
    var lines = ["sample folders, earliest first (a name in an earlier folder hides the same name later):"]
    let survey = samplePath.survey()
    if survey.isEmpty { lines.append("  none") }
    for (i, s) in survey.enumerated() { lines.append("  \(i + 1). \(s.line)") }
    lines.append("built in: \(Sound.builtIn.joined(separator: " "))")
    if !survey.contains(where: { $0.exists && $0.sounds > 0 }) {
      lines.append("no sample folder found: add one with --samples DIR or TALA_SAMPLES, or run: tala samples install")
    }
    if audioBank == nil { lines.append("(the local sound card is off: these matter when it is on)") }
    return lines.joined(separator: "\n")
  }
}

extension SessionCommand {
  static let samples = SessionCommand(
    "samples", usage: ":samples",
    help:
      "Lists the sample folders searched for sound names, earliest first, with how many sounds each has (--samples, TALA_SAMPLES, $XDG_DATA_HOME/tala/samples, SuperDirt's Dirt-Samples)."
  ) { session, _, _ in
    .ok(session.samplesReport())
  }
}
