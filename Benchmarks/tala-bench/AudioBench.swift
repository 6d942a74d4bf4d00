import Audio
// Audio figures: mixer capacity, offline render speed, receiver dispatch lateness on loopback.
import Controls
import MiniNotation
import Net
import OSC
import Pattern
import Receiver
import Time

#if canImport(Glibc)
  import Glibc
#endif

enum AudioBench {
  static let rate = 48_000

  static func seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  static func run() {
    print("audio (48 kHz stereo float, 256-frame blocks):")
    let folder = "/tmp/tala-bench-samples-\(getpid())"
    defer { removeFolder(folder) }
    do {
      try writeNoise(folder: folder)
    } catch {
      print("  voices: cannot write the test sample: \(error)")
      return
    }
    let filtered: ControlMap = ["cutoff": .float(2_000), "resonance": .float(0.2), "shape": .float(0.5)]
    var orbits = filtered
    orbits["delay"] = .float(0.3)
    orbits["delaytime"] = .float(0.25)
    orbits["delayfeedback"] = .float(0.5)
    orbits["room"] = .float(0.3)
    orbits["size"] = .float(0.8)
    // Filtered rows: centred voices (a nonlinear effect on a panned voice runs on both channels,
    // as SuperDirt pans first; the last row shows that cost).
    let rows: [(String, Double, ControlMap, Bool, Bool)] = [
      ("unpitched (speed 1)", 0, [:], false, true), ("resampled (note 0.5)", 0.5, [:], false, true),
      ("with lpf + shape on every voice", 0, filtered, false, false),
      ("with lpf + shape, two orbits of delay + reverb running", 0, orbits, true, false),
      ("with lpf + shape on every voice, panned apart", 0, filtered, false, true),
    ]
    for (label, note, controls, twoOrbits, spread) in rows {
      let cost = voiceCost(folder: folder, note: note, controls: controls, twoOrbits: twoOrbits, spread: spread)
      let voices = 0.1 / cost
      print(
        "  voices mixed in 10% of one core, \(label): \(grouped(voices)) "
          + "(\(format2(cost * 1e6)) µs of CPU per voice per second of audio)")
    }
    do {
      let speed = try renderSpeed()
      print("  offline render, \"bd*2 [sn cp] hh*4\" with n and pan, 200 cycles to WAV: \(grouped(speed))x real time")
      let busy = try renderSpeed(effects: true)
      print(
        "  offline render of a busy set with effects (drums, superpiano chords, lpf, shape, delay, room on "
          + "two orbits), 200 cycles to WAV: \(grouped(busy))x real time")
    } catch {
      print("  offline render: error \(error)")
    }
    do {
      let lateness = try receiverLateness()
      print(
        "  tala listen dispatch minus timetag on loopback (\(lateness.count) bundles 50 ms ahead): "
          + "p50 \(micro(lateness[lateness.count / 2])) µs, p99 \(micro(lateness[lateness.count * 99 / 100])) µs, "
          + "max \(micro(lateness.last!)) µs")
    } catch {
      print("  receiver lateness: error \(error)")
    }
  }

  static func micro(_ ns: Int64) -> String { format2(Double(ns) / 1000) }

  /// A 3-second noise sample at 48 kHz, as `FOLDER/noise/a.wav`.
  static func writeNoise(folder: String) throws {
    mkdir(folder, 0o755)
    mkdir(folder + "/noise", 0o755)
    var state: UInt32 = 1
    let frames = (0..<(rate * 3)).map { _ -> Float in
      state = state &* 1_664_525 &+ 1_013_904_223
      return Float(Int32(bitPattern: state)) / Float(Int32.max) * 0.5
    }
    try AudioFile.write(frames, to: folder + "/noise/a.wav", rate: rate, channels: 1, format: .float)
  }

  static func removeFolder(_ folder: String) {
    unlink(folder + "/noise/a.wav")
    rmdir(folder + "/noise")
    rmdir(folder)
  }

  /// The "lpf + shape on every voice" row alone, for a profiler.
  static func profileFilteredVoices() {
    let folder = "/tmp/tala-bench-samples-\(getpid())"
    defer { removeFolder(folder) }
    guard (try? writeNoise(folder: folder)) != nil else { return }
    let filtered: ControlMap = ["cutoff": .float(2_000), "resonance": .float(0.2), "shape": .float(0.5)]
    let cost = voiceCost(folder: folder, note: 0, controls: filtered, twoOrbits: false, spread: false)
    print("filtered voices in 10% of one core: \(grouped(0.1 / cost))")
  }

  /// CPU seconds per voice per second of audio, best of 5, from 256 voices of a 3-second sample
  /// (on orbits 0 and 1 when `twoOrbits`; panned over seven places when `spread`).
  static func voiceCost(folder: String, note: Double, controls: ControlMap, twoOrbits: Bool, spread: Bool) -> Double {
    let voices = 256
    let frames = rate * 2
    var best = Double.infinity
    var buffer = [Float](repeating: 0, count: 512)
    let bank = SoundBank(samplesDirectory: folder, outputRate: Double(rate))
    for _ in 0..<5 {
      let r = Renderer(bank: bank, rate: rate)
      for v in 0..<voices {
        var c = controls
        c["note"] = .float(note)
        if spread { c["pan"] = .float(Double(v % 7) / 6) }
        if twoOrbits { c["orbit"] = .int(v % 2) }
        r.schedule(AudioEvent(time: .frame(0), sound: "noise", controls: c))
      }
      let t0 = seconds()
      var done = 0
      while done < frames {
        buffer.withUnsafeMutableBufferPointer { r.render(into: $0, frames: 256) }
        done += 256
      }
      let t = seconds() - t0
      if r.activeVoices != voices { print("  (voices ended early: \(r.activeVoices))") }
      best = min(best, t / (Double(frames) / Double(rate)) / Double(voices))
    }
    return best
  }

  /// Audio seconds rendered per wall second: pattern query, planning at exact frames, mixing
  /// and writing a 16-bit WAV.
  static func renderSpeed(effects: Bool = false, cycles: Int = 200, runs: Int = 3) throws -> Double {
    let pattern = try MiniNotation.pattern(
      effects ? "bd*2 [sn cp] hh*4 superpiano*2 superpiano*2 superpiano" : "bd*2 [sn cp] hh*4", as: String.self)
    let cps = try Rational(9, 16)
    let path = "/tmp/tala-bench-\(getpid()).wav"
    defer { unlink(path) }
    var best = 0.0
    for _ in 0..<runs {
      let r = Renderer(bank: SoundBank(outputRate: Double(rate)), rate: rate)
      let writer = try AudioFile.Writer(path: path, rate: rate, channels: 2, format: .s16)
      var buffer = [Float](repeating: 0, count: 8192)
      let t0 = seconds()
      for c in 0..<cycles {
        let begin = Rational(Int64(c))
        let end = Rational(Int64(c + 1))
        for (i, e) in try pattern.query(begin, end).enumerated() where e.hasOnset {
          let frame = try (e.whole!.begin / cps * Rational(Int64(rate)) + .half).floorInt
          var controls: ControlMap = ["n": .float(Double(i % 3)), "pan": .float(Double(i % 5) / 4)]
          if effects {
            // Every event filtered and shaped; half of them feed orbit 1's delay, half orbit 0's reverb.
            controls["cutoff"] = .float(Double(800 + 400 * (i % 5)))
            controls["shape"] = .float(0.3)
            controls["delta"] = .float(0.4)
            controls["orbit"] = .int(i % 2)
            controls[i % 2 == 0 ? "room" : "delay"] = .float(0.3)
          }
          r.schedule(AudioEvent(time: .frame(frame), sound: e.value, controls: controls))
        }
        let stop = try (end / cps * Rational(Int64(rate)) + .half).floorInt
        while r.frame < stop {
          let n = Int(min(4096, stop - r.frame))
          try buffer.withUnsafeMutableBufferPointer { (p) throws(AudioError) in
            r.render(into: p, frames: n)
            try writer.write(UnsafeBufferPointer(rebasing: p[0..<(n * 2)]))
          }
        }
      }
      try writer.close()
      let t = seconds() - t0
      best = max(best, Double(r.frame) / Double(rate) / t)
    }
    return best
  }

  /// Dispatch minus timetag for bundles sent 50 ms ahead, every 10 ms, to an in-process
  /// receiver on 127.0.0.1 (no audio), sorted.
  static func receiverLateness() throws -> [Int64] {
    var c = ReceiverConfiguration()
    c.port = 0
    let count = 300
    c.count = count
    c.seconds = 20
    let receiver = try Receiver(configuration: c, audio: nil, output: { _ in }, report: { _ in })
    let port = receiver.localAddress.port
    // The sender runs on its own thread; the receiver runs here.
    var thread = pthread_t()
    let box = UnsafeMutablePointer<UInt16>.allocate(capacity: 1)
    box.pointee = port
    pthread_create(
      &thread, nil,
      { raw in
        let port = raw!.assumingMemoryBound(to: UInt16.self).pointee
        guard let sender = try? UDPSender(host: "127.0.0.1", port: port) else { return nil }
        for _ in 0..<300 {
          var ts = timespec()
          clock_gettime(CLOCK_REALTIME, &ts)
          let now = Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
          let message = OSCPacket.message(OSCMessage("/py", [.string("tick")]))
          try? sender.send(.bundle(OSCBundle(timetag: Timetag(unixNanoseconds: now + 50_000_000)!, [message])))
          usleep(10_000)
        }
        return nil
      }, box)
    let stats = receiver.run()
    pthread_join(thread, nil)
    box.deallocate()
    return stats.lateness.sorted()
  }
}
