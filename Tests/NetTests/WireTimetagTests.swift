import Net
import OSC
import Scheduler
import Session
import Testing
import Time

/// The timetags a real session puts on the wire, against a computation of the test's own: no
/// scheduler function supplies the expected value, only the scheduler's origin and wall offset.
@Suite(.serialized) struct WireTimetagTests {
  /// Unix seconds between the NTP epoch (1900) and the Unix epoch (1970).
  static let ntpEpochOffset: Int128 = 2_208_988_800

  /// The NTP 32.32 timetag of `unixNanoseconds + onsetNumerator / onsetDenominator` seconds,
  /// rounded to the nearest 2^-32 s (halves up), in 128-bit integers.
  static func ntp(unixNanoseconds: Int64, onsetNumerator: Int64, onsetDenominator: Int64) -> UInt64 {
    let billion: Int128 = 1_000_000_000
    let d = Int128(onsetDenominator)
    // The instant in units of 1/(1e9 · d) s.
    let instant = Int128(unixNanoseconds) * d + Int128(onsetNumerator) * billion
    // instant · 2^32 / (1e9 · d), plus a half, rounded down.
    let units = ((instant << 33) + billion * d) / (2 * billion * d)
    return UInt64(units + (ntpEpochOffset << 32))
  }

  /// A bundle's timetag as sent: bytes 8..<16, big-endian, after `#bundle\0`.
  static func wireTimetag(_ datagram: [UInt8]) -> UInt64? {
    guard datagram.count >= 16, datagram.starts(with: Array("#bundle\0".utf8)) else { return nil }
    return datagram[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
  }

  @Test func bundlesCarryTheExactTimetagOfTheirOnset() throws {
    let receiver = try UDPReceiver(port: 0)
    let port = receiver.localAddress.port
    var options = Session.Options()
    options.targets = []
    // 3/5 cycle per second, eight onsets a cycle: onset k is at 5k/24 s, which no power of two
    // divides, so every timetag is rounded.
    options.scheduler.cps = try Rational(3, 5)
    let session = try Session(options: options) { _ in }
    let target = "wire 127.0.0.1:\(port) format=superdirt latency=0.2 mode=bundle"
    try #require(session.handle(":target add \(target)") == .ok("target \(target)"))
    try #require(session.handle("d1 $ s \"tick*8\"") == .ok(nil))
    let wallOffset = session.scheduler.status.wallOffset
    session.start()
    var datagrams: [[UInt8]] = []
    for _ in 0..<100 where datagrams.count < 8 {
      if let d = try receiver.receive(timeoutMilliseconds: 100) { datagrams.append(d.bytes) }
    }
    session.stop()
    try #require(datagrams.count >= 8)
    // The offset is measured again every second but moves only beyond 0.1 ms of disagreement.
    try #require(session.scheduler.status.wallOffset == wallOffset, "the wall offset moved during the run")

    let origin = session.scheduler.originMonotonic + wallOffset + 200_000_000
    var onsets: [Int64] = []
    for datagram in datagrams {
      guard case .bundle(let bundle) = try OSCPacket(decoding: datagram),
        case .message(let message) = bundle.elements.first
      else {
        Issue.record("not a bundle with a message: \(datagram)")
        continue
      }
      let arguments = message.arguments
      let cycleIndex = try #require(arguments.firstIndex { $0 == .string("cycle") })
      guard case .float32(let cycle) = arguments[cycleIndex + 1] else {
        Issue.record("cycle is not a float: \(arguments)")
        continue
      }
      // Eighths of a cycle are exact in a float.
      let k = Int64((cycle * 8).rounded())
      try #require(Float(k) / 8 == cycle)
      onsets.append(k)
      // Onset k at 3/5 cps: (k/8) / (3/5) = 5k/24 s after the origin.
      let expected = Self.ntp(unixNanoseconds: origin, onsetNumerator: 5 * k, onsetDenominator: 24)
      let sent = try #require(Self.wireTimetag(datagram))
      #expect(
        sent == expected, "onset \(k)/8: sent \(String(sent, radix: 16)), expected \(String(expected, radix: 16))")
    }
    #expect(zip(onsets, onsets.dropFirst()).allSatisfy { $1 == $0 + 1 }, "\(onsets)")
  }
}
