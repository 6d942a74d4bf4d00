import Testing
import Time

@Suite struct DecimalSecondsTests {
  @Test(
    arguments: [
      ("0.1", 100_000_000), ("0", 0), (".25", 250_000_000), ("2.", 2_000_000_000), ("1.5", 1_500_000_000),
      ("0.000000001", 1), ("10", 10_000_000_000), ("9223372036.854775807", Int64.max),
    ] as [(String, Int64)])
  func readsDecimalSecondsExactly(text: String, nanoseconds: Int64) {
    #expect(DecimalSeconds.nanoseconds(text) == nanoseconds)
  }

  @Test(arguments: ["", ".", "-1", "+1", "1e3", "0.1234567891", "1..2", " 1", "1s", "٣", "9223372036.854775808"])
  func refusesWhatIsNotUnsignedDecimalSeconds(text: String) {
    #expect(DecimalSeconds.nanoseconds(text) == nil)
  }

  @Test func takesASignOnlyWhenAsked() {
    #expect(DecimalSeconds.nanoseconds("+1.5", signed: true) == 1_500_000_000)
    #expect(DecimalSeconds.nanoseconds("-0.25", signed: true) == -250_000_000)
    #expect(DecimalSeconds.nanoseconds("-.5", signed: true) == -500_000_000)
    #expect(DecimalSeconds.nanoseconds("--1", signed: true) == nil)
    #expect(DecimalSeconds.nanoseconds("-", signed: true) == nil)
    #expect(DecimalSeconds.nanoseconds("1-", signed: true) == nil)
  }
}
