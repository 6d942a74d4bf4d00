// The flood row: `tala listen`'s receiver while one sender floods it at full speed for 5 s and
// a steady stream of 100 bundles a second runs beside it. Each side is its own process (this
// binary again: `flood-sender`, `steady-sender`), so the senders compete for the CPU as real
// senders would; the receiver runs in a fresh process too (`flood-receiver`), so its resident
// memory is its own. FLOOD_RCVBUF=bytes overrides the socket receive buffer asked for.
import Net
import OSC
import Receiver

#if canImport(Glibc)
  import Glibc
#endif

enum FloodBench {
  static let floodSeconds = 5.0
  /// The flood is stamped 10 s ahead: within `tala listen`'s default --max-ahead, so it fills the
  /// queue to its limit and the queue's drops are what is measured.
  static let floodAheadNanoseconds: Int64 = 10_000_000_000
  static let steadyAheadNanoseconds: Int64 = 50_000_000

  /// Runs the row in a fresh receiving process and prints its line.
  static func run() {
    guard let pipe = popen("'\(executable())' flood-receiver", "r") else { return print("flood: cannot start") }
    var line = [CChar](repeating: 0, count: 1024)
    while fgets(&line, Int32(line.count), pipe) != nil {
      print(String(decoding: line.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    pclose(pipe)
  }

  /// `flood-receiver`: the receiver with `tala listen`'s defaults, the two senders as children.
  static func receive() {
    var c = ReceiverConfiguration()
    c.port = 0
    c.seconds = floodSeconds + 0.5
    if let bytes = environment("FLOOD_RCVBUF").flatMap({ Int($0) }) { c.receiveBufferBytes = bytes }
    let receiver: Receiver
    do {
      receiver = try Receiver(configuration: c, audio: nil, output: { _ in }, report: { _ in })
    } catch {
      return print("flood: \(error)")
    }
    let port = receiver.localAddress.port
    guard let flood = popen("'\(executable())' flood-sender \(port)", "r"),
      let steady = popen("'\(executable())' steady-sender \(port)", "r")
    else { return print("flood: cannot start the senders") }
    let s = receiver.run()
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let cpu =
      Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    let floodSent = Int(readLine(flood).split(separator: " ").last ?? "") ?? 0
    let steadySent = Int(readLine(steady).split(separator: " ").last ?? "") ?? 0
    pclose(flood)
    pclose(steady)
    let sorted = s.lateness.sorted()
    func at(_ q: Double) -> Int64 { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))] }
    let queueDrops = s.droppedQueueFull + s.droppedTooFarAhead
    print(
      "flood (one sender at full speed \(Int(floodSeconds)) s, 100 bundles/s beside it): sent \(grouped(Double(floodSent))), "
        + "received \(grouped(Double(s.packets))) packets (\(grouped(Double(s.packets) / floodSeconds))/s; "
        + "\(grouped(Double(s.packets) / max(cpu, 1e-3))) per CPU-second of the receiver), "
        + "dropped \(grouped(Double(s.kernelDropped))) by the kernel and \(grouped(Double(queueDrops))) by the queue "
        + "limit (\(grouped(Double(s.pending))) queued), resident peak \(residentPeakMegabytes()) MB")
    print(
      "  steady stream: \(s.dispatched)/\(steadySent) dispatched (\(s.lateDropped) dropped arriving over 50 ms late), lateness p50 \(floodMilliseconds(at(0.5))) ms, "
        + "p99 \(floodMilliseconds(at(0.99))) ms")
  }

  /// `flood-sender PORT`: one pre-encoded bundle, as fast as one socket sends, for 5 s.
  static func flood(port: UInt16) {
    guard let sender = try? UDPSender(host: "127.0.0.1", port: port) else { return print("sent 0") }
    let message = OSCMessage(
      "/dirt/play", [.string("s"), .string("bd"), .string("n"), .int32(3), .string("orbit"), .int32(0)])
    let bytes = try! OSCPacket.bundle(
      OSCBundle(timetag: Timetag(unixNanoseconds: wallNanoseconds() + floodAheadNanoseconds)!, [.message(message)])
    ).encoded()
    let end = monotonicNanoseconds() + Int64(floodSeconds * 1e9)
    var sent = 0
    while true {
      for _ in 0..<256 {
        if (try? sender.send(bytes)) != nil { sent += 1 }
      }
      if monotonicNanoseconds() >= end { break }
    }
    print("sent \(sent)")
  }

  /// `steady-sender PORT`: a bundle every 10 ms, stamped 50 ms ahead, for 5 s.
  static func steady(port: UInt16) {
    guard let sender = try? UDPSender(host: "127.0.0.1", port: port) else { return print("sent 0") }
    var next = monotonicNanoseconds()
    var sent = 0
    for _ in 0..<Int(floodSeconds * 100) {
      let timetag = Timetag(unixNanoseconds: wallNanoseconds() + steadyAheadNanoseconds)!
      let bundle = OSCPacket.bundle(OSCBundle(timetag: timetag, [.message(OSCMessage("/py", [.string("steady")]))]))
      if (try? sender.send(bundle)) != nil { sent += 1 }
      next += 10_000_000
      var deadline = timespec(tv_sec: Int(next / 1_000_000_000), tv_nsec: Int(next % 1_000_000_000))
      while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nil) == EINTR {}
    }
    print("sent \(sent)")
  }

  static func executable() -> String {
    var path = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &path, path.count - 1)
    return n > 0 ? String(decoding: path[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
  }

  static func readLine(_ pipe: UnsafeMutablePointer<FILE>) -> String {
    var line = [CChar](repeating: 0, count: 256)
    guard fgets(&line, Int32(line.count), pipe) != nil else { return "" }
    return String(decoding: line.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// VmHWM from /proc/self/status: the most resident memory this process has had.
  static func residentPeakMegabytes() -> String {
    guard let file = fopen("/proc/self/status", "r") else { return "?" }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
      let text = String(decoding: line.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if text.hasPrefix("VmHWM:"), let kilobytes = Double(text.split(separator: " ")[1]) {
        return String(Int((kilobytes / 1024).rounded()))
      }
    }
    return "?"
  }

  static func monotonicNanoseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
  }

  static func wallNanoseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
  }

  /// `+0.052`: signed milliseconds with microsecond digits.
  static func floodMilliseconds(_ nanoseconds: Int64) -> String {
    let micros = (nanoseconds.magnitude + 500) / 1000
    let fraction = String(micros % 1000)
    return (nanoseconds < 0 ? "-" : "+") + String(micros / 1000) + "."
      + String(repeating: "0", count: 3 - fraction.count) + fraction
  }
}
