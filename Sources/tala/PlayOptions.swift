import ArgumentParser
import Audio
import Scheduler
import Session
import Time

/// `--samples`' help, for every command that plays sounds.
let samplesHelp = """
  A sample folder laid out like Dirt-Samples (NAME/*.wav; n picks a file). Repeat for several. \
  Searched first, then TALA_SAMPLES (colon-separated), $XDG_DATA_HOME/tala/samples (tala \
  samples install) and SuperDirt's Dirt-Samples; an earlier folder wins a name.
  """

/// Options shared by the commands that play: the shell and `tala run`.
struct PlayOptions: ParsableArguments {
  @Option(
    name: .customLong("target"),
    help: ArgumentHelp(
      "An OSC target, as for :target add: \"\(TargetSpec.grammar)\". Repeat for several; replaces the default (pd 127.0.0.1:8001).",
      valueName: "spec"))
  var targets: [String] = []

  @Flag(help: "Start without the default Pd target (add targets with --target or :target add).")
  var noTargets = false

  @Option(help: "Default latency in seconds for targets that do not set one (the timetag is event time + latency).")
  var latency = "0.1"

  @Option(help: "Starting tempo in cycles per second.")
  var cps = "0.5625"

  @Flag(help: "Tempo changes wait for the next cycle instead of the next frame.")
  var quantize = false

  @Option(help: "How far ahead the scheduler plans, in seconds.")
  var lookahead = "0.05"

  @Option(help: "Scheduler frame length in seconds.")
  var frame = "0.01"

  @Flag(help: "Do not play on the local sound card.")
  var noAudio = false

  @Option(help: "ALSA device for local sound.")
  var audioDevice = "default"

  @Option(help: ArgumentHelp(samplesHelp, valueName: "dir"))
  var samples: [String] = []

  @Flag(
    help: "Join the Ableton Link session on the local network (tempo and beat grid shared with peers; as :link on).")
  var link = false

  @Option(
    help: "Beats per cycle for Ableton Link and setbpm: bpm = cps × 60 × beats per cycle (Tidal's cBeatsPerCycle).")
  var beatsPerCycle = 4

  func sessionOptions() throws -> Session.Options {
    var options = Session.Options()
    do {
      options.defaultLatencyNanoseconds = try TargetSpec.seconds(latency)
      options.scheduler.lookaheadNanoseconds = try TargetSpec.seconds(lookahead)
      options.scheduler.frameNanoseconds = try TargetSpec.seconds(frame)
      guard options.scheduler.frameNanoseconds >= 1_000_000 else {
        throw SessionError("--frame must be at least 0.001 s")
      }
      guard let tempo = Rational(parsing: cps), tempo > .zero else {
        throw SessionError("--cps needs a positive number, got '\(cps)'")
      }
      options.scheduler.cps = tempo
      options.scheduler.quantizeTempo = quantize
      guard (1...64).contains(beatsPerCycle) else { throw SessionError("--beats-per-cycle must be 1 to 64") }
      options.beatsPerCycle = beatsPerCycle
      options.link = link
      options.samples = SampleSearchPath.standard(options: samples)
      if !noAudio {
        var audio = AudioConfiguration()
        audio.device = .named(audioDevice)
        audio.sampleFolders = options.samples.paths
        options.audio = audio
      }
      if !targets.isEmpty {
        options.targets = try targets.map {
          try TargetSpec.parse(
            $0.split(whereSeparator: \.isWhitespace).map(String.init), defaultLatency: options.defaultLatencyNanoseconds
          )
        }
      } else if noTargets {
        options.targets = []
      } else {
        options.targets = [TargetSpec.pureData]
        options.targets[0].latencyNanoseconds = options.defaultLatencyNanoseconds
      }
    } catch let e as SessionError {
      throw CLIError(e.message)
    }
    return options
  }
}
