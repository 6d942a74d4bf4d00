// OSC codec benchmark: Tala against liblo on the same SuperDirt-style message, same run.
import OSC

#if canImport(Glibc)
  import Glibc
#endif

/// Prints encode/decode rates for `/dirt/play` with 16 arguments and for a bundle of 8 of them,
/// beside liblo's figures from `libloBinary` (bench/liblo/osc_bench.c, built by
/// scripts/bench-liblo.sh), or a note when it is not given.
func runOSCBenchmarks(libloBinary: String?) {
  let libloBefore = libloBinary.map(peerFigures) ?? [:]
  let message = dirtPlay()
  let bundle = OSCBundle(
    timetag: Timetag(rawValue: 0xEEB0_4F20_8000_0000), Array(repeating: .message(message), count: 8))
  let messageBytes = try! message.encoded()
  let bundleBytes = try! bundle.encoded()
  var buffer: [UInt8] = []
  buffer.reserveCapacity(2048)
  var sink = 0

  let encodeMessage = oscRate("encode_message") {
    buffer.removeAll(keepingCapacity: true)
    try! dirtPlay().encode(into: &buffer)
    sink &+= buffer.count
  }
  let decoder = OSCDecoder()
  let decodeMessage = oscRate("decode_message") {
    if case .message(let m) = try! decoder.decode(messageBytes) { sink &+= touchEveryArgument(m) }
  }
  let encodeBundle = oscRate("encode_bundle") {
    buffer.removeAll(keepingCapacity: true)
    let elements = (0..<8).map { _ in OSCPacket.message(dirtPlay()) }
    try! OSCBundle(timetag: Timetag(rawValue: 0xEEB0_4F20_8000_0000), elements).encode(into: &buffer)
    sink &+= buffer.count
  }
  let decodeBundle = oscRate("decode_bundle") {
    guard case .bundle(let b) = try! decoder.decode(bundleBytes) else { return }
    for case .message(let m) in b.elements { sink &+= touchEveryArgument(m) }
  }
  // What each decode figure times, on both sides: parse and validate the datagram, then read
  // what a receiver needs (the address's length and every argument: ints, float bits, string
  // lengths) into the sink, then free what was built. `decode` (the first two lines) builds what
  // liblo builds: a copy of the datagram that the result owns (and may keep, or send to another
  // thread), and every argument decoded into it: numbers byte-swapped into a 16-byte slot each,
  // strings as (offset, length) slices of the copy; one allocation per packet, bundles
  // included. The view lines run the same validation (`OSCPacketView(validating:)`: every tag,
  // string, padding and size) but build nothing and read the caller's buffer in place (inside
  // withUnsafeBytes): no copy at all. liblo's side (both lines) is lo_message_deserialise:
  // validate, copy the datagram once, build the argv pointer array and byte-swap in place; then
  // the same reads through lo_message_get_argv, then lo_message_free: one copy and a few
  // allocations per message.
  let viewMessage = oscRate("view_message") {
    messageBytes.withUnsafeBytes { raw in
      if case .message(let m) = try! OSCPacketView(validating: raw) { sink &+= touchEveryArgument(m) }
    }
  }
  let viewBundle = oscRate("view_bundle") {
    bundleBytes.withUnsafeBytes { raw in
      guard case .bundle(let b) = try! OSCPacketView(validating: raw) else { return }
      for case .message(let m) in b.elements { sink &+= touchEveryArgument(m) }
    }
  }
  if sink == 42 { print("") }  // keeps the work observable to the optimiser
  let liblo = bestFigures(libloBefore, libloBinary.map(peerFigures) ?? [:])

  oscLine("osc encode (build + serialise) /dirt/play", encodeMessage, liblo["encode_message"], unit: "msgs/s")
  oscLine("osc decode /dirt/play", decodeMessage, liblo["decode_message"], unit: "msgs/s")
  oscLine(
    "osc encode (build + serialise) bundle of 8 /dirt/play", encodeBundle, liblo["encode_bundle"], unit: "bundles/s")
  oscLine("osc decode bundle of 8 /dirt/play", decodeBundle, liblo["decode_bundle"], unit: "bundles/s")
  oscLine("osc decode (validate, zero-copy view) /dirt/play", viewMessage, liblo["decode_message"], unit: "msgs/s")
  oscLine(
    "osc decode (validate, zero-copy view) bundle of 8 /dirt/play", viewBundle, liblo["decode_bundle"],
    unit: "bundles/s")
}

/// SuperDirt's message as Tidal sends it: name/value pairs.
@inline(never)
private func dirtPlay() -> OSCMessage {
  OSCMessage(
    "/dirt/play",
    [
      .string("s"), .string("bd"), .string("n"), .int32(3), .string("orbit"), .int32(0), .string("cps"),
      .float32(0.5625),
      .string("cycle"), .float32(1234.5), .string("delta"), .float32(0.444), .string("gain"), .float32(1.0),
      .string("speed"), .float32(1.0),
    ])
}

/// Reads each argument of a decoded message once, as `touchEveryArgument(_: OSCMessageView)`
/// does for the view (and touch_every_argument in bench/liblo/osc_bench.c for liblo).
@inline(never)
private func touchEveryArgument(_ message: OSCDecodedMessage) -> Int {
  var sum = message.addressBytes.count
  for argument in message.arguments {
    switch argument {
    case .int32(let v): sum &+= Int(v)
    case .float32(let v): sum &+= Int(v.bitPattern)
    case .string(let s): sum &+= s.count
    default: sum &+= 1
    }
  }
  return sum
}

/// Reads each argument of a validated message once; the sum keeps the reads observable. Not
/// inlined, like a real receive handler: inside the huge benchmark function the optimiser gives
/// up inlining the argument iterator, which then returns each argument through memory.
@inline(never)
private func touchEveryArgument(_ message: OSCMessageView) -> Int {
  var sum = message.addressView.count
  for argument in message.arguments {
    switch argument {
    case .int32(let v): sum &+= Int(v)
    case .float32(let v): sum &+= Int(v.bitPattern)
    case .string(let s): sum &+= s.count
    default: sum &+= 1
    }
  }
  return sum
}

/// Operations per second: best of 5 runs of ~0.2 s each. With `TALA_BENCH_REPS=n` set, each
/// figure instead runs exactly n times once (for instruction counts under callgrind), and
/// `TALA_BENCH_FIGURE=name` skips every other figure.
private func oscRate(_ name: String, _ body: () -> Void) -> Double {
  if let figure = environment("TALA_BENCH_FIGURE"), figure != name { return 0 }
  if let reps = environment("TALA_BENCH_REPS").flatMap({ Int($0) }) {
    let start = oscNow()
    for _ in 0..<reps { body() }
    return Double(reps) / (oscNow() - start)
  }
  var best = 0.0
  for _ in 0..<5 {
    var count = 0
    let start = oscNow()
    var elapsed = 0.0
    while elapsed < 0.2 {
      for _ in 0..<1000 { body() }
      count += 1000
      elapsed = oscNow() - start
    }
    best = max(best, Double(count) / elapsed)
  }
  return best
}

private func oscNow() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

private func oscLine(_ label: String, _ tala: Double, _ liblo: Double?, unit: String) {
  var line = "\(label): tala \(oscGrouped(tala)) \(unit)"
  if let liblo, liblo > 0 {
    let ratio = (tala / liblo * 100).rounded() / 100
    let text = String(ratio)
    let padded = text.split(separator: ".").last.map { $0.count == 1 ? text + "0" : text } ?? text
    line += ", liblo \(oscGrouped(liblo)) \(unit), \(padded)x"
  } else {
    line += ", liblo not measured (needs liblo-dev; see scripts/bench-liblo.sh)"
  }
  print(line)
}

private func oscGrouped(_ x: Double) -> String {
  let digits = String(Int(x.rounded()))
  var out = ""
  for (i, ch) in digits.reversed().enumerated() {
    if i > 0 && i % 3 == 0 { out.append(",") }
    out.append(ch)
  }
  return String(out.reversed())
}
