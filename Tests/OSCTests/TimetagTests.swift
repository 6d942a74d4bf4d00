import Testing

@testable import OSC

@Suite struct TimetagTests {
  @Test func issueExamples() throws {
    #expect(try Timetag(utc: "2026-11-24T18:00:00.5Z").hexString == "0xEEB04F20.80000000")
    #expect(try Timetag(utc: "2036-02-07T06:28:17Z").hexString == "0x00000001.00000000")
    #expect(try Timetag(utc: "2036-02-07T06:28:16Z").rawValue == 0)
    #expect(try Timetag(parsing: "0x00000000.00000001").isImmediately)
    let tag = try Timetag(parsing: "0xEB0A1F30.1F9ADD37")
    #expect(tag.utcString == "2024-12-16T03:38:24.123456788Z")  // truncated, not rounded
    #expect(tag.roundedUnixNanoseconds % 1_000_000_000 == 123_456_789)
  }

  @Test func allTextFormsAgree() throws {
    let tag = try Timetag(parsing: "0xEEB04F20.80000000")
    #expect(try Timetag(parsing: "0xEEB04F2080000000") == tag)
    #expect(try Timetag(parsing: String(tag.rawValue)) == tag)
    #expect(try Timetag(parsing: "4004532000.5") == tag)
    #expect(try Timetag(parsing: "2026-11-24T18:00:00.500Z") == tag)
    #expect(try Timetag(parsing: tag.ntpSecondsString) == tag)
    #expect(tag.ntpSecondsString == "4004532000.5")
    #expect(tag.unixSecondsString == "1795543200.5")
  }

  @Test func eraRollover() throws {
    // Top bit set: 1968–2036. Top bit clear: 2036–2104.
    #expect(Timetag(seconds: 0x8000_0000, fraction: 0).utcString == "1968-01-20T03:14:08.000000000Z")
    #expect(Timetag(seconds: 0x7FFF_FFFF, fraction: 0xFFFF_FFFF).utcString == "2104-02-26T09:42:23.999999999Z")
    #expect(Timetag(seconds: 0, fraction: 0).utcString == "2036-02-07T06:28:16.000000000Z")
    #expect(Timetag(unixNanoseconds: Int64(-2_208_988_800) * 1_000_000_000) == nil)  // 1900: out of window
    #expect(Timetag(seconds: 0xFFFF_FFFF, fraction: 0) < Timetag(seconds: 0, fraction: 0))
    #expect(Timetag.immediately < Timetag(seconds: 0x8000_0000, fraction: 0))
    #expect(throws: TimetagParseError.self) { try Timetag(utc: "2200-01-01T00:00:00Z") }
  }

  @Test func nanosecondRoundTripLaw() {
    // Timetag(unixNanoseconds: n).roundedUnixNanoseconds == n, across eras and fractions.
    var n: Int64 = -61_505_152_000_000_000  // 1968-01-20T03:14:08Z, the first representable instant
    let step: Int64 = 1_234_567_890_123_457
    while n < 4_200_000_000_000_000_000 {  // 2103
      let tag = Timetag(unixNanoseconds: n)
      #expect(tag?.roundedUnixNanoseconds == n)
      #expect(tag.map { $0.unixNanoseconds == n || $0.unixNanoseconds == n - 1 } == true)
      n += step
    }
  }

  @Test func fractionRoundsToNearestAndCarries() throws {
    #expect(Timetag(unixNanoseconds: 999_999_999)?.hexString == "0x83AA7E80.FFFFFFFC")
    #expect(Timetag(unixNanoseconds: 0)?.hexString == "0x83AA7E80.00000000")
    // 0.9999999999 s rounds up to the next second when given as NTP seconds.
    #expect(try Timetag(parsing: "3944678400.99999999999999") == Timetag(seconds: 3_944_678_401, fraction: 0))
  }

  @Test func advancedAndDifference() throws {
    let tag = try Timetag(utc: "2036-02-07T06:28:15.75Z")
    let later = try #require(tag.advanced(byNanoseconds: 500_000_000))
    #expect(later.hexString == "0x00000000.40000000")
    #expect(later.nanoseconds(since: tag) == 500_000_000)
    #expect(later.advanced(byNanoseconds: -500_000_000) == tag)
  }

  @Test func exactDecimalFractions() {
    #expect(Timetag.exactDecimalFraction(1) == ".00000000023283064365386962890625")
    #expect(Timetag(seconds: 0x8000_0000, fraction: 0xC000_0000).unixSecondsString == "-61505151.25")
  }

  @Test(arguments: [
    "", "0x", "0x1234", "0xEB0A1F30.1F9ADD3", "0xEB0A1F30-1F9ADD37", "0xGB0A1F30.1F9ADD37",
    "18446744073709551616", "1.2.3", ".5", "5.", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
    "2026-11-24T18:00:00.1234567891Z", "2026-11-24T18:00:00", "2026-11-24T24:00:00Z", "now",
  ])
  func rejectsBadText(_ text: String) {
    #expect(throws: TimetagParseError.self) { try Timetag(parsing: text) }
  }

  @Test func utcParsing() {
    #expect(UTC.parse("1970-01-01T00:00:00Z") == 0)
    #expect(UTC.parse("2024-02-29T23:59:59.999999999Z") == 1_709_251_199_999_999_999)
    #expect(UTC.parse("2000-01-01T00:00:00+00:00") == 946_684_800_000_000_000)
    #expect(UTC.format(unixNanoseconds: -1) == "1969-12-31T23:59:59.999999999Z")
  }
}
