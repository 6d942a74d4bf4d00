import MiniNotation
import Pattern
import Testing
import Time

/// print ∘ parse is a fixed point, and printed text means the same events as the original.
@Suite struct RoundTripTests {
  static let sources = [
    "bd*2 [sn cp] <hh oh> bd(3,8)",
    "[bd*16?, hh*8, [sn|cp]*4] . <a [b c]>(5,8,<0 2>) {x y z}%8",
    "[bd*16, hh*27, ~ sn:3]*8 <a b c>(5,8)",
    "bd@3 sn _ hh!3 cp? [a b]?0.3",
    "{a b c, d e}%<4 2>",
    "<a b, c d e> {a b}%[2 3]",
    "bd(<3 5>,8,<0 2>) . sn . ~ hh/1.5",
    "[bd | sn | hh]*4 bd(3 5,8)",
    "bd*<2 3> [sn cp]/[2 3] ^foo",
  ]

  func events(_ source: String) throws -> [String] {
    let p = try MiniNotation.pattern(source, as: String.self)
    return try p.query(Arc(Rational(0), Rational(6))).map {
      "\($0.whole.map(\.description) ?? "~") \($0.part) \($0.value)"
    }.sorted()
  }

  @Test(arguments: sources) func printParseRoundTrip(_ source: String) throws {
    let once = try MiniParser.parse(source, as: String.self).description
    let twice = try MiniParser.parse(once, as: String.self).description
    #expect(once == twice, "printing is not a fixed point: \(once) vs \(twice)")
    #expect(try events(once) == events(source), "\(source) printed as \(once) changes its events")
  }

  @Test func numbersRoundTrip() throws {
    for source in ["0 .. 3 -1.5 1%3", "c'maj e'min7'ii 3 <0 2>*2", "0.25 [1 2]!2 3@1.5"] {
      let once = try MiniParser.parse(source, as: Double.self).description
      let a = try MiniNotation.pattern(source, as: Double.self).query(Arc(Rational(0), Rational(4)))
      let b = try MiniNotation.pattern(once, as: Double.self).query(Arc(Rational(0), Rational(4)))
      #expect(a.map(\.value).sorted() == b.map(\.value).sorted(), "\(source) → \(once)")
      #expect(a.count == b.count)
    }
  }
}
