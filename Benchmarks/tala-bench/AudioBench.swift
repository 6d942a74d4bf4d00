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
    for (label, note) in [("unpitched (speed 1)", 0.0), ("resampled (note 0.5)", 0.5)] {
      let cost = voiceCost(note: note)
      let voices = 0.1 / cost
      print(
        "  voices mixed in 10% of one core, \(label): \(grouped(voices)) "
          + "(\(format2(cost * 1e6)) µs of CPU per voice per second of audio)")
    }
    do {
      let speed = try renderSpeed()
      print("  offline render, \"bd*2 [sn cp] hh*4\" with n and pan, 200 cycles to WAV: \(grouped(speed))x real time")
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

  /// CPU seconds per voice per second of audio, best of 5, from 256 voices of a 3-second sound.
  static func voiceCost(note: Double) -> Double {
    let voices = 256
    let frames = rate * 2
    var best = Double.infinity
    var buffer = [Float](repeating: 0, count: 512)
    for _ in 0..<5 {
      let r = Renderer(bank: SoundBank(outputRate: Double(rate)), rate: rate)
      for v in 0..<voices {
        r.schedule(
          AudioEvent(
            time: .frame(0), sound: "supersaw", controls: ["note": .float(note), "pan": .float(Double(v % 7) / 6)]))
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
  static func renderSpeed() throws -> Double {
    let pattern = try MiniNotation.pattern("bd*2 [sn cp] hh*4", as: String.self)
    let cps = try Rational(9, 16)
    let path = "/tmp/tala-bench-\(getpid()).wav"
    defer { unlink(path) }
    var best = 0.0
    for _ in 0..<3 {
      let r = Renderer(bank: SoundBank(outputRate: Double(rate)), rate: rate)
      let writer = try AudioFile.Writer(path: path, rate: rate, channels: 2, format: .s16)
      var buffer = [Float](repeating: 0, count: 8192)
      let t0 = seconds()
      for c in 0..<200 {
        let begin = Rational(Int64(c))
        let end = Rational(Int64(c + 1))
        for (i, e) in try pattern.query(begin, end).enumerated() where e.hasOnset {
          let frame = try (e.whole!.begin / cps * Rational(Int64(rate)) + .half).floorInt
          r.schedule(
            AudioEvent(
              time: .frame(frame), sound: e.value,
              controls: ["n": .float(Double(i % 3)), "pan": .float(Double(i % 5) / 4)]))
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
