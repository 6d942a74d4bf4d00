// libFuzzer entry point for the OSC decoder. Beyond "never crash", it checks the round-trip
// laws on every input that decodes: encode(decode(x)) decodes to the same packet, the JSON form
// reads back to the same JSON form, and every address compiles as a pattern that matches itself
// when it contains no pattern characters. The zero-copy view must accept and reject exactly
// what the decoder does and read back the same packet (its lazy accessors read raw memory, so
// the sanitizer watching them matters). The decoder's own packet is read through its slots
// (`OSCPacket(_:)` walks every one of them), so those reads are watched too.
import OSC

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOSCDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = UnsafeRawBufferPointer(start: data, count: size)
  let viewed = Result { () throws(OSCDecodeError) in try OSCPacketView(validating: input).decoded() }
  let decoded = Result { () throws(OSCDecodeError) in OSCPacket(try OSCDecoder().decode(input)) }
  switch (viewed, decoded) {
  case (.success(let a), .success(let b)) where a == b: break
  case (.failure(let a), .failure(let b)) where a == b: break
  default: fatalError("view and decoder disagree: \(viewed) vs \(decoded)")
  }
  guard let packet = try? decoded.get() else { return 0 }
  guard let bytes = try? packet.encoded() else { fatalError("decoded packet does not encode: \(packet)") }
  guard let again = try? OSCPacket(decoding: bytes), again == packet else {
    fatalError("encode/decode round trip changed \(packet)")
  }
  let json = packet.json
  guard let fromJSON = try? OSCPacket(json: json), fromJSON.json == json else {
    fatalError("JSON round trip changed \(json)")
  }
  checkAddresses(packet)
  return 0
}

private func checkAddresses(_ packet: OSCPacket) {
  switch packet {
  case .message(let message):
    // Scalars, not Characters: "[" followed by a combining mark is one Character but still a
    // bracket to the pattern compiler.
    let scalars = Array(message.address.unicodeScalars)
    let special: Set<Unicode.Scalar> = ["?", "*", "[", "]", "{", "}"]
    let doubleSlash = zip(scalars, scalars.dropFirst()).contains { $0 == "/" && $1 == "/" }
    let plain = !scalars.contains(where: special.contains) && !doubleSlash
    if plain, let pattern = try? OSCAddressPattern(message.address), !pattern.matches(message.address) {
      fatalError("address \(message.address.debugDescription) does not match itself")
    }
  case .bundle(let bundle):
    bundle.elements.forEach(checkAddresses)
  }
}
