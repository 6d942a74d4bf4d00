import ArgumentParser
import Audio
import OSC
import Receiver
import System

#if canImport(Glibc)
  import Glibc
#endif

/// `tala listen`: the seed's Python server done right, playing OSC sounds at their timetags.
struct ListenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "listen",
    abstract: "Receive OSC and play sounds at their timetags (a forward-synchronization executor).",
    discussion: """
      Bundles wait in a queue until their timetag; "immediately" runs at once; a bundle whose \
      time has passed is counted late and played or dropped (--late; default: play if less than \
      50 ms late). Routes: /py* and /pd play the sound named by the first string argument \
      (further arguments are name/value pairs); /dirt/play plays SuperDirt name/value pairs. \
      Sounds go to the local sound card through ALSA, placed on the exact frame of their timetag; \
      without a sound card Tala says so once and keeps receiving.

      --print shows each dispatched message on one line:
        2026-11-24T18:00:00.500000000Z late +0.214 ms /py tick
      (the timetag in UTC, dispatch time minus timetag, the address and arguments; \
      "immediately /py tick" for untimed ones). Ctrl-C stops it with a summary on stderr.

      Under a flood it stays bounded: at most --max-queued messages wait for their timetags, \
      timetags more than --max-ahead seconds ahead are refused, and what is dropped (by these \
      limits, or by the kernel when the socket buffer is full) is counted, reported at most \
      once a second, and summed up in the summary. What is due keeps playing on time.
      """)

  @Option(help: "UDP port (0: any free port; the address is printed to stderr).")
  var port: UInt16 = 8000

  @Option(help: "Address to listen on (0.0.0.0 or :: listen everywhere).")
  var host = "127.0.0.1"

  @Option(help: "Late bundles: play or drop (default: play if less than 50 ms late).")
  var late: String?

  @Flag(help: "Print one line per dispatched message.")
  var print = false

  @Flag(help: "Do not open the sound card.")
  var noAudio = false

  @Option(help: "ALSA device name.")
  var audioDevice = "default"

  @Option(help: "Sample rate in Hz.")
  var rate = 48_000

  @Option(help: "Frames per ALSA period (the write size).")
  var period = 256

  @Option(help: "Device sample format: s16 or float.")
  var audioFormat = "s16"

  @Option(help: ArgumentHelp(samplesHelp, valueName: "dir"))
  var samples: [String] = []

  @Option(help: "Stop after this many seconds.")
  var seconds: Double?

  @Option(help: "Stop after this many messages were dispatched, dropped or unrouted.")
  var count: Int?

  @Option(
    help: ArgumentHelp(
      "Pretend this machine's clock is this many seconds ahead (negative: behind), for forward-sync experiments.",
      valueName: "seconds"))
  var clockOffset: Double = 0

  @Option(
    help: "Append one JSON line per dispatched message to this file (dispatch time, timetag, address, arguments).")
  var log: String?

  @Option(help: "Most messages waiting for their timetags; timed messages beyond it are dropped.")
  var maxQueued = 100_000

  @Option(
    help: ArgumentHelp("Drop messages whose timetag is more than this many seconds ahead.", valueName: "seconds"))
  var maxAhead: Double = 60

  @Option(help: ArgumentHelp("Kernel receive buffer to ask for (more needs root).", valueName: "bytes"))
  var receiveBuffer = 32 << 20

  func run() throws {
    var signals = StopSignals.block()

    var config = ReceiverConfiguration()
    config.host = host
    config.port = port
    switch late {
    case nil: config.latePolicy = .standard
    case "play": config.latePolicy = .play
    case "drop": config.latePolicy = .drop
    default: throw ValidationError("--late must be play or drop")
    }
    config.printMessages = print
    guard abs(clockOffset) < 3600 else { throw ValidationError("--clock-offset must be within an hour") }
    config.clockOffsetNanoseconds = Int64((clockOffset * 1e9).rounded())
    var logFile: UnsafeMutablePointer<FILE>?
    if let log {
      guard let f = fopen(log, "a") else { throw CLIError("cannot open \(log): \(String(cString: strerror(errno)))") }
      logFile = f
    }
    defer { if let logFile { fclose(logFile) } }
    config.count = count
    guard maxQueued >= 1 else { throw ValidationError("--max-queued must be at least 1") }
    guard maxAhead > 0, maxAhead <= 1e6 else {
      throw ValidationError("--max-ahead must be between 0 and 1000000 seconds")
    }
    guard (4096...(1 << 30)).contains(receiveBuffer) else {
      throw ValidationError("--receive-buffer must be 4096 to 1073741824 bytes")
    }
    config.maxQueued = maxQueued
    config.maxAhead = maxAhead
    config.receiveBufferBytes = receiveBuffer
    config.seconds = seconds
    if let seconds, !(seconds >= 0 && seconds < 1e9) { throw ValidationError("--seconds must be a positive number") }
    guard let deviceFormat = DeviceFormat(rawValue: audioFormat) else {
      throw ValidationError("--audio-format must be s16 or float")
    }
    guard (16...8192).contains(period) else { throw ValidationError("--period must be 16 to 8192 frames") }

    let clock = SystemClock()
    var engine: AudioEngine?
    if !noAudio {
      var audio = AudioConfiguration()
      audio.device = .named(audioDevice)
      audio.rate = rate
      audio.periodFrames = period
      audio.format = deviceFormat
      audio.latePolicy = config.latePolicy
      audio.sampleFolders = SampleSearchPath.standard(options: samples).paths
      let e = AudioEngine(configuration: audio, clock: clock)
      if let error = e.openError {
        printError("tala listen: no local sound (\(error)); receiving without audio")
      } else {
        e.start()
        engine = e
      }
    }

    let receiver: Receiver
    do {
      receiver = try Receiver(
        configuration: config, audio: engine, clock: clock,
        output: { line in
          Swift.print(line)
          fflush(nil)
        },
        report: { printError($0) },
        log: logFile.map { file in
          { line in
            fputs(line + "\n", file)
            fflush(file)
          }
        })
    } catch {
      throw CLIError(error.description)
    }
    var audioNote = "no audio"
    if let engine {
      audioNote =
        "audio on '\(audioDevice)' at \(engine.rate) Hz, \(engine.periodFrames)-frame periods, lead \(formatSeconds(engine.lead * 1000)) ms"
    }
    printError("tala listen: listening on \(receiver.localAddress) (\(audioNote); Ctrl-C to stop)")
    let stats = receiver.run { signals.received() }
    engine?.stop()
    printError(Self.summary(stats, audio: engine?.statistics))
  }

  static func summary(_ s: ReceiverStatistics, audio: AudioStatistics?) -> String {
    var text =
      "tala listen: \(s.packets) packets, \(s.messages) messages, \(s.dispatched) dispatched, "
      + "\(s.late) late (\(s.lateDropped) dropped), \(s.unrouted) unrouted, \(s.malformed) malformed"
    if s.pending > 0 { text += ", \(s.pending) still queued" }
    text +=
      "; dropped \(s.droppedQueueFull) with the queue full, \(s.droppedTooFarAhead) too far ahead, "
      + "\(s.kernelDropped) in the kernel (receive buffer \(s.receiveBufferBytes) bytes)"
    if !s.lateness.isEmpty {
      let sorted = s.lateness.sorted()
      func at(_ q: Double) -> Int64 { sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))] }
      text += "; dispatch minus timetag p50 \(milliseconds(at(0.5))) ms, p99 \(milliseconds(at(0.99))) ms"
    }
    if let a = audio {
      text += "; audio: \(a.underruns) underruns, \(a.latePlayed + a.lateDropped) late at the device"
      if !a.unknownSounds.isEmpty { text += ", unknown sounds: \(a.unknownSounds.joined(separator: " "))" }
    }
    return text
  }
}
