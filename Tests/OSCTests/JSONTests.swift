import Testing

@testable import OSC

@Suite struct JSONTests {
  @Test func issueExamples() throws {
    let message = OSCMessage("/a", [.int32(1), .float32(0.5), .string("x"), .blob([0x0A, 0xFF])])
    #expect(OSCPacket.message(message).json == #"{"address":"/a","types":",ifsb","args":[1,0.5,"x","0aff"]}"#)
    #expect(OSCPacket.bundle(OSCBundle()).json == #"{"timetag":"0x00000000.00000001","elements":[]}"#)
  }

  @Test func everyTypeRoundTrips() throws {
    let json = OSCPacket.message(everyType).json
    #expect(
      json
        == #"{"address":"/every/type","types":",ifsbhtdScrmTFNI[i[s]T]","args":[-2,0.5,"str","0102030405",-1099511627776,"0xEEB04F20.80000000",-0.125,"sym","A",4278255488,[0,144,60,100],[1,["deep"]]]}"#
    )
    #expect(try OSCPacket(json: json) == .message(everyType))
  }

  @Test func floatsUseShortestRoundTripText() throws {
    let message = OSCMessage(
      "/f",
      [
        .float32(0.1), .float64(0.1), .float32(1), .float32(.nan), .float64(-.infinity), .float32(1e-5),
        .float64(1e300),
      ])
    #expect(message.argumentsJSON == #"[0.1,0.1,1.0,"nan","-inf",1e-05,1e+300]"#)
    let back = try OSCPacket(json: OSCPacket.message(message).json)
    #expect(back == .message(message))  // NaN here is the canonical one
  }

  @Test func typesCanBeInferred() throws {
    let packet = try OSCPacket(json: #"{"address":"/x","args":[1,2.5,"s",true,false,null,[3],5000000000]}"#)
    #expect(
      packet
        == .message(
          OSCMessage(
            "/x",
            [.int32(1), .float32(2.5), .string("s"), .true, .false, .nil, .array([.int32(3)]), .int64(5_000_000_000)])))
  }

  @Test func bundlesAcceptAnyTimetagForm() throws {
    let packet = try OSCPacket(json: #"{"timetag":"2026-11-24T18:00:00.5Z","elements":[{"address":"/a"}]}"#)
    #expect(
      packet == .bundle(OSCBundle(timetag: Timetag(rawValue: 0xEEB0_4F20_8000_0000), [.message(OSCMessage("/a"))])))
  }

  @Test func escapesRoundTrip() throws {
    let message = OSCMessage("/e", [.string("q\"b\\n\n\u{1}é🎵")])
    #expect(try OSCPacket(json: OSCPacket.message(message).json) == .message(message))
    #expect(
      try OSCPacket(json: #"{"address":"/e","args":["\ud83c\udfb5"]}"#) == .message(OSCMessage("/e", [.string("🎵")])))
  }

  @Test(arguments: [
    "", "[]", "{}", #"{"address":"a"}"#, #"{"address":"/a","types":"i","args":[1]}"#,
    #"{"address":"/a","types":",i","args":[]}"#, #"{"address":"/a","types":",i","args":[1,2]}"#,
    #"{"address":"/a","types":",i","args":[2147483648]}"#, #"{"address":"/a","types":",f","args":[1e40]}"#,
    #"{"address":"/a","types":",b","args":["abc"]}"#, #"{"address":"/a","types":",c","args":["ab"]}"#,
    #"{"address":"/a","types":",m","args":[[1,2,3]]}"#, #"{"address":"/a","types":",[i","args":[[1]]}"#,
    #"{"address":"/a","types":",x","args":[1]}"#, #"{"timetag":"soon","elements":[]}"#,
    #"{"address":"/a",}"#, #"{"address":"/a"} x"#, String(repeating: "[", count: 100),
  ])
  func rejectsBadJSON(_ text: String) {
    #expect(throws: OSCJSONError.self) { try OSCPacket(json: text) }
  }
}
