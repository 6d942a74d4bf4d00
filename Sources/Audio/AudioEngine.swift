import System

#if canImport(Glibc)
  import Glibc
#endif

/// How the engine maps a monotonic instant (``AudioTime/monotonic(nanoseconds:)``) to an
/// output frame.
public enum AudioClock: Sendable, Hashable {
  /// From the device: its playback position (frames written minus the delay it reports),
  /// paired with the engine's clock read around the status call, and smoothed. A device that
  /// takes data without waiting is paced by the engine on its clock instead (see
  /// ``AudioConfiguration/pacedByEngine``), and a frame sounds when it is written.
  case device
  /// A fixed anchor: `frame` sounds at monotonic `nanoseconds`. The engine then writes as fast
  /// as the device takes data; tests use it so the mapping does not depend on pacing.
  case fixed(frame: Int64, monotonicNanoseconds: Int64)
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
  /// Whether the engine paces its writes itself, one period per period of its clock, because
  /// the device takes data without waiting. `nil`: exactly when the device is ALSA's `null`
  /// PCM (set it for others that never block, such as a `file` PCM over `null`). Only with
  /// the `.device` clock.
  public var pacedByEngine: Bool?
  /// Dirt-Samples-style folders (`NAME/*.wav`), earliest first (`SampleSearchPath`); empty
  /// for the built-in sounds only.
  public var sampleFolders: [String] = []
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
/// a short locked inbox, so the audio thread neither loads files nor parses controls. Time is
/// read only from the injected clock: on a ``ManualClock`` the engine paces a non-blocking
/// device without waiting, which is how tests drive it.
public final class AudioEngine: @unchecked Sendable {
  public let configuration: AudioConfiguration
  public let bank: SoundBank
  /// `nil` when the device could not be opened: then `play` does nothing.
  private let output: ALSAOutput?
  public let openError: AudioError?
  private let clock: any TimeSource
  private let mixer: Mixer
  private let lock = Lock()
  private var inbox: [(voice: Voice, time: AudioTime)] = []
  /// Voices the mixer finished, handed back so that `play` releases them off the audio thread.
  private var graveyard: [Voice] = []
  private var stats = AudioStatistics()
  /// Frame `frame` sounds at monotonic `nanoseconds` (device clock only).
  private var anchor: (frame: Double, nanoseconds: Int64)?
  private var running = false
  private var stopRequested = false
  private var thread: DedicatedThread?
  private var failure: String?

  /// Opens the device. When it cannot be opened the engine is silent (see `openError`), so a
  /// caller can say so once and carry on. `clock` is the monotonic clock that
  /// ``AudioTime/monotonic(nanoseconds:)`` refers to.
  public init(configuration: AudioConfiguration, clock: any TimeSource = SystemClock()) {
    self.configuration = configuration
    self.clock = clock
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
    bank = SoundBank(folders: configuration.sampleFolders, outputRate: Double(rate))
    mixer = Mixer(rate: Double(rate), maxVoices: configuration.maxVoices)
    mixer.keepsRetired = true
    inbox.reserveCapacity(1024)
    graveyard.reserveCapacity(configuration.maxVoices)
  }

  public var isOpen: Bool { output != nil }
  /// The device's actual rate (the requested one when closed).
  public var rate: Int { output?.rate ?? configuration.rate }
  public var periodFrames: Int { output?.periodFrames ?? configuration.periodFrames }
  public var bufferFrames: Int { output?.bufferFrames ?? configuration.periodFrames * configuration.periods }

  /// How far ahead of its time an event must arrive to land on its exact frame: the device
  /// buffer plus one period of rendering.
  public var lead: Double { Double(bufferFrames + periodFrames) / Double(rate) }

  /// Whether the write loop paces itself on the clock (the device does not block).
  private var selfPaced: Bool {
    guard let output, configuration.clock == .device else { return false }
    return configuration.pacedByEngine ?? !output.blocksOnWrite
  }

  /// Starts the write loop on its own thread. Schedule events before starting when the device
  /// does not pace writes and the clock is fixed, so none is late.
  public func start() {
    guard output != nil else { return }
    let go = lock.withLock { () -> Bool in
      if running { return false }
      running = true
      return true
    }
    guard go else { return }
    let t = DedicatedThread { [self] _ in loop() }
    lock.withLock {
      if t.started {
        thread = t
      } else {
        running = false
        failure = "cannot start the audio thread"
      }
    }
  }

  /// The output frame that sounds at monotonic time `nanoseconds`; `nil` before the device
  /// reports a position.
  public func frame(atMonotonic nanoseconds: Int64) -> Int64? {
    lock.withLock { mappedFrame(nanoseconds) }
  }

  /// The mapping, with the lock held.
  private func mappedFrame(_ nanoseconds: Int64) -> Int64? {
    let rate = Int64(self.rate)
    if case .fixed(let frame, let origin) = configuration.clock {
      return frame + Self.frames(nanoseconds: nanoseconds - origin, rate: rate)
    }
    guard let anchor else { return nil }
    if anchor.frame == anchor.frame.rounded() {
      return Int64(anchor.frame) + Self.frames(nanoseconds: nanoseconds - anchor.nanoseconds, rate: rate)
    }
    let seconds = Double(nanoseconds - anchor.nanoseconds) / 1e9
    return Int64((anchor.frame + seconds * Double(rate)).rounded())
  }

  /// `round(ns · rate / 1e9)`, exactly, without overflow.
  static func frames(nanoseconds: Int64, rate: Int64) -> Int64 {
    let negative = nanoseconds < 0
    let product = nanoseconds.magnitude.multipliedFullWidth(by: rate.magnitude)
    let (q, r) = UInt64(1_000_000_000).dividingFullWidth(product)
    let rounded = Int64(q) + (r >= 500_000_000 ? 1 : 0)
    return negative ? -rounded : rounded
  }

  /// Plays an event at its time. A monotonic time is mapped to a frame by the audio thread when
  /// it takes the event, with the mapping current then; one it cannot map yet (no device
  /// position so far) plays at the next rendered frame, as `immediately` does.
  public func play(_ event: AudioEvent) {
    guard output != nil else { return }
    let voice: Voice
    do {
      voice = try VoiceBuilder.voice(for: event, at: 0, bank: bank, rate: Double(rate))
    } catch {
      if case .unknownSound(let name) = error {
        lock.withLock { if !stats.unknownSounds.contains(name) { stats.unknownSounds.append(name) } }
      }
      return
    }
    // Finished voices (their synths and effect memory) are released here, on the caller's
    // thread, and the mixer gets an empty list with room for all of them in exchange.
    var finished: [Voice] = []
    lock.withLock {
      inbox.append((voice, event.time))
      if !graveyard.isEmpty { swap(&finished, &graveyard) }
    }
    if !finished.isEmpty {
      var room: [Voice] = []
      room.reserveCapacity(configuration.maxVoices)
      lock.withLock { if graveyard.isEmpty && graveyard.capacity < room.capacity { swap(&room, &graveyard) } }
    }
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
    let t = lock.withLock { () -> DedicatedThread? in
      defer { thread = nil }
      return thread
    }
    t?.join()
  }

  private func loop() {
    guard let output else { return }
    let paced = selfPaced
    // Ask for real-time scheduling; without the privilege the thread simply stays normal.
    if configuration.realtimePriority && output.blocksOnWrite && !paced {
      DedicatedThread.requestRealtimePriority(70)
    }
    // A device that does not block is paced here, by absolute deadlines on the clock one
    // period apart, and what is written sounds then: the mapping is the pacing itself.
    let origin = (frame: output.framesWritten, nanoseconds: clock.monotonicNanoseconds())
    if paced { lock.withLock { anchor = (Double(origin.frame), origin.nanoseconds) } }
    let period = output.periodFrames
    let buffer = UnsafeMutablePointer<Float>.allocate(capacity: period * 2)
    defer { buffer.deallocate() }
    var pending: [(voice: Voice, time: AudioTime)] = []
    pending.reserveCapacity(1024)
    let rate = Double(output.rate)
    let policy = configuration.latePolicy
    while true {
      // Frames are placed here, under the lock, so events sent before the first position
      // still use the mapping the device gives by the time they are taken.
      let stop = lock.withLock { () -> Bool in
        swap(&pending, &inbox)
        if graveyard.isEmpty && graveyard.capacity >= mixer.maxVoices { swap(&graveyard, &mixer.retired) }
        for i in pending.indices {
          if case .monotonic(let t) = pending[i].time {
            pending[i].time = mappedFrame(t).map { .frame($0) } ?? .immediately
          }
        }
        return stopRequested
      }
      if stop { break }
      var latePlayed = 0
      var lateDropped = 0
      for (voice, time) in pending {
        var v = voice
        if case .frame(let start) = time {
          v.move(to: start)
          if start < mixer.frame {
            if policy.plays(lateness: Double(mixer.frame - start) / rate) {
              latePlayed += 1
              v.move(to: mixer.frame)
            } else {
              lateDropped += 1
              continue
            }
          }
        } else {
          // Immediately, or no device position yet: as soon as possible, not late.
          v.move(to: mixer.frame)
        }
        mixer.add(v)
      }
      pending.removeAll(keepingCapacity: true)
      mixer.render(into: buffer, frames: period)
      let ok = output.write(buffer, frames: period)
      if paced {
        let written = Int128(output.framesWritten - origin.frame)
        clock.sleep(untilMonotonic: origin.nanoseconds + Int64(written * 1_000_000_000 / Int128(output.rate)))
      }
      let position = configuration.clock == .device && !paced ? measurePosition(output) : nil
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

  /// The device's playback position at a monotonic instant: the clock is read on both sides of
  /// the status call and the middle taken; a read that took over half a millisecond (the thread
  /// was preempted) is discarded.
  private func measurePosition(_ output: ALSAOutput) -> (frame: Int64, nanoseconds: Int64)? {
    let before = clock.monotonicNanoseconds()
    guard let frame = output.playbackFrame() else { return nil }
    let after = clock.monotonicNanoseconds()
    guard after - before <= 500_000 else { return nil }
    return (frame, before + (after - before) / 2)
  }

  /// Follows the device clock: small disagreements are slewed (1/16 per period) so jitter in
  /// the positions does not move onsets; a jump beyond 2 ms re-anchors.
  private func updateAnchor(_ position: (frame: Int64, nanoseconds: Int64), rate: Double) {
    let measured = Double(position.frame)
    guard let old = anchor else {
      anchor = (measured, position.nanoseconds)
      return
    }
    let predicted = old.frame + Double(position.nanoseconds - old.nanoseconds) / 1e9 * rate
    let error = measured - predicted
    if abs(error) > rate * 0.002 {
      stats.clockResyncs += 1
      anchor = (measured, position.nanoseconds)
    } else {
      anchor = (predicted + error / 16, position.nanoseconds)
    }
  }
}
