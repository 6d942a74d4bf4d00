import OSC

#if canImport(Glibc)
  import Glibc
#endif

/// How the engine maps a timetag to an output frame.
public enum AudioClock: Sendable, Hashable {
  /// From the device's status: its wall-clock timestamp and delay, smoothed.
  case device
  /// A fixed anchor: `frame` sounds at `unixNanoseconds`. Tests use it so the mapping does not
  /// depend on how fast the device accepts data.
  case fixed(frame: Int64, unixNanoseconds: Int64)
}

public struct AudioConfiguration: Sendable {
  public var device: AudioDevice = .named("default")
  public var rate = 48_000
  public var periodFrames = 256
  public var periods = 3
  public var format: DeviceFormat = .s16
  public var maxVoices = 1024
  public var latePolicy: LatePolicy = .standard
  public var clock: AudioClock = .device
  /// Dirt-Samples-style folder (`NAME/*.wav`), or `nil` for the built-in sounds only.
  public var samplesDirectory: String?
  /// Stop after writing this many frames (tests with a device that never blocks).
  public var frameLimit: Int64?
  /// Ask for SCHED_FIFO for the write loop. Leave it off for devices that never block (`null`,
  /// `file` over `null`): a real-time thread that never sleeps starves the machine.
  public var realtimePriority = true

  public init() {}
}

/// Counters since the engine started.
public struct AudioStatistics: Sendable, Equatable {
  public var framesWritten: Int64 = 0
  public var underruns = 0
  /// Events whose frame had already been rendered, played at once.
  public var latePlayed = 0
  /// Events whose frame had already been rendered, dropped by the late policy.
  public var lateDropped = 0
  public var voiceLimitDrops = 0
  public var activeVoices = 0
  /// Times the device clock disagreed with the smoothed mapping by more than 2 ms.
  public var clockResyncs = 0
  public var unknownSounds: [String] = []
}

/// The live engine: an ALSA PCM fed by the mixer on its own thread. `play` is safe from any
/// thread; the event is prepared there (sample lookup, control parsing) and handed over through
/// a short locked inbox, so the audio thread neither loads files nor parses controls.
public final class AudioEngine: @unchecked Sendable {
  public let configuration: AudioConfiguration
  public let bank: SoundBank
  /// `nil` when the device could not be opened: then `play` does nothing.
  private let output: ALSAOutput?
  public let openError: AudioError?
  private let mixer: Mixer
  private let lock = Lock()
  private var inbox: [(voice: Voice, soon: Bool)] = []
  private var stats = AudioStatistics()
  private var anchor: (frame: Double, unixNanoseconds: Int64)?
  private var running = false
  private var stopRequested = false
  private var thread: pthread_t?
  private var failure: String?

  /// Opens the device. When it cannot be opened the engine is silent (see `openError`), so a
  /// caller can say so once and carry on.
  public init(configuration: AudioConfiguration) {
    self.configuration = configuration
    var out: ALSAOutput?
    var err: AudioError?
    do {
      out = try ALSAOutput(
        device: configuration.device, rate: configuration.rate, periodFrames: configuration.periodFrames,
        periods: configuration.periods, format: configuration.format)
    } catch {
      err = error
    }
    output = out
    openError = err
    let rate = out?.rate ?? configuration.rate
    bank = SoundBank(samplesDirectory: configuration.samplesDirectory, outputRate: Double(rate))
    mixer = Mixer(rate: Double(rate), maxVoices: configuration.maxVoices)
    inbox.reserveCapacity(1024)
    if case .fixed(let frame, let ns) = configuration.clock { anchor = (Double(frame), ns) }
  }

  public var isOpen: Bool { output != nil }
  /// The device's actual rate (the requested one when closed).
  public var rate: Int { output?.rate ?? configuration.rate }
  public var periodFrames: Int { output?.periodFrames ?? configuration.periodFrames }
  public var bufferFrames: Int { output?.bufferFrames ?? configuration.periodFrames * configuration.periods }

  /// How far ahead of its time an event must arrive to land on its exact frame: the device
  /// buffer plus one period of rendering.
  public var lead: Double { Double(bufferFrames + periodFrames) / Double(rate) }

  /// Starts the write loop on its own thread. Schedule events before starting when the device
  /// does not pace writes (the `null` and `file` PCMs), so none is late.
  public func start() {
    guard output != nil else { return }
    let go = lock.withLock { () -> Bool in
      if running { return false }
      running = true
      return true
    }
    guard go else { return }
    let box = Unmanaged.passRetained(self)
    var handle = pthread_t()
    let rc = pthread_create(
      &handle, nil,
      { raw in
        let engine = Unmanaged<AudioEngine>.fromOpaque(raw!).takeRetainedValue()
        engine.loop()
        return nil
      }, box.toOpaque())
    if rc != 0 {
      box.release()
      lock.withLock {
        running = false
        failure = "cannot start the audio thread (error \(rc))"
      }
      return
    }
    thread = handle
  }

  /// The output frame that sounds at `timetag`; `nil` before the device reports a timestamp.
  public func frame(for timetag: Timetag) -> Int64? {
    if timetag.isImmediately { return nil }
    if case .fixed(let frame, let ns) = configuration.clock {
      return frame + Self.frames(nanoseconds: timetag.roundedUnixNanoseconds - ns, rate: Int64(rate))
    }
    return lock.withLock {
      guard let anchor else { return nil }
      let seconds = Double(timetag.roundedUnixNanoseconds - anchor.unixNanoseconds) / 1e9
      return Int64((anchor.frame + seconds * Double(rate)).rounded())
    }
  }

  /// `round(ns · rate / 1e9)`, exactly, without overflow.
  static func frames(nanoseconds: Int64, rate: Int64) -> Int64 {
    let negative = nanoseconds < 0
    let product = nanoseconds.magnitude.multipliedFullWidth(by: rate.magnitude)
    let (q, r) = UInt64(1_000_000_000).dividingFullWidth(product)
    let rounded = Int64(q) + (r >= 500_000_000 ? 1 : 0)
    return negative ? -rounded : rounded
  }

  /// Plays an event at its frame or timetag (an `immediately` timetag, or one the device cannot
  /// map yet, plays at the next rendered frame).
  public func play(_ event: AudioEvent) {
    guard output != nil else { return }
    let frame: Int64
    switch event.time {
    case .frame(let f): frame = f
    case .timetag(let t): frame = self.frame(for: t) ?? Int64.min
    }
    let voice: Voice
    do {
      voice = try VoiceBuilder.voice(
        for: event, at: frame == Int64.min ? 0 : frame, bank: bank, rate: Double(rate))
    } catch {
      if case .unknownSound(let name) = error {
        lock.withLock { if !stats.unknownSounds.contains(name) { stats.unknownSounds.append(name) } }
      }
      return
    }
    // No frame (immediately, or no device timestamp yet): as soon as possible, not late.
    lock.withLock { inbox.append((voice, frame == Int64.min)) }
  }

  /// Counters so far.
  public var statistics: AudioStatistics {
    lock.withLock { stats }
  }

  /// Why the write loop stopped, if it failed.
  public var failureMessage: String? { lock.withLock { failure } }

  /// Stops the write loop and closes the device (draining what is buffered when asked).
  public func stop(drain: Bool = false) {
    lock.withLock { stopRequested = true }
    waitUntilStopped()
    output?.close(drain: drain)
  }

  /// Waits for the write loop to end by itself (after `frameLimit`) or after `stop`.
  public func waitUntilStopped() {
    let handle = lock.withLock { () -> pthread_t? in
      defer { thread = nil }
      return thread
    }
    if let handle { pthread_join(handle, nil) }
  }

  private func loop() {
    guard let output else { return }
    // Ask for real-time scheduling; without the privilege the thread simply stays normal.
    // A `null` device with the device clock is paced here, by absolute monotonic deadlines
    // one period apart; with a fixed clock (tests) it runs as fast as it can.
    let selfPaced = !output.blocksOnWrite && configuration.clock == .device
    var deadline = timespec()
    clock_gettime(CLOCK_MONOTONIC, &deadline)
    if configuration.realtimePriority && output.blocksOnWrite {
      var param = sched_param()
      param.sched_priority = 70
      _ = pthread_setschedparam(pthread_self(), SCHED_FIFO, &param)
    }
    let period = output.periodFrames
    let buffer = UnsafeMutablePointer<Float>.allocate(capacity: period * 2)
    defer { buffer.deallocate() }
    var pending: [(voice: Voice, soon: Bool)] = []
    pending.reserveCapacity(1024)
    let rate = Double(output.rate)
    let policy = configuration.latePolicy
    while true {
      let stop = lock.withLock { () -> Bool in
        swap(&pending, &inbox)
        return stopRequested
      }
      if stop { break }
      var latePlayed = 0
      var lateDropped = 0
      for (voice, soon) in pending {
        var v = voice
        if soon {
          v.move(to: mixer.frame)
        } else if v.start < mixer.frame {
          if policy.plays(lateness: Double(mixer.frame - v.start) / rate) {
            latePlayed += 1
            v.move(to: mixer.frame)
          } else {
            lateDropped += 1
            continue
          }
        }
        mixer.add(v)
      }
      pending.removeAll(keepingCapacity: true)
      mixer.render(into: buffer, frames: period)
      let ok = output.write(buffer, frames: period)
      if selfPaced {
        deadline.tv_nsec += Int(Double(period) / rate * 1e9)
        while deadline.tv_nsec >= 1_000_000_000 {
          deadline.tv_nsec -= 1_000_000_000
          deadline.tv_sec += 1
        }
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nil) == EINTR {}
      }
      let position = configuration.clock == .device ? output.playbackPosition() : nil
      let finished = configuration.frameLimit.map { output.framesWritten >= $0 } ?? false
      lock.withLock {
        stats.framesWritten = output.framesWritten
        stats.underruns = output.underruns
        stats.latePlayed += latePlayed
        stats.lateDropped += lateDropped
        stats.voiceLimitDrops = mixer.voiceLimitDrops
        stats.activeVoices = mixer.activeVoices
        if let position { updateAnchor(position, rate: rate) }
        if !ok { failure = "the ALSA device stopped accepting audio" }
      }
      if !ok || finished { break }
    }
    lock.withLock { running = false }
  }

  /// Follows the device clock: small disagreements are slewed (1/16 per period) so jitter in
  /// the timestamps does not move onsets; a jump beyond 2 ms re-anchors.
  private func updateAnchor(_ position: (frame: Int64, unixNanoseconds: Int64), rate: Double) {
    let measured = Double(position.frame)
    guard let old = anchor else {
      anchor = (measured, position.unixNanoseconds)
      return
    }
    let predicted = old.frame + Double(position.unixNanoseconds - old.unixNanoseconds) / 1e9 * rate
    let error = measured - predicted
    if abs(error) > rate * 0.002 {
      stats.clockResyncs += 1
      anchor = (measured, position.unixNanoseconds)
    } else {
      anchor = (predicted + error / 16, position.unixNanoseconds)
    }
  }
}
