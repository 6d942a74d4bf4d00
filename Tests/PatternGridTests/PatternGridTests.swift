import Language
import Pattern
import PatternGrid
import Time
import XCTest

/// Golden grids. Each expected text was checked by hand against the pattern's events (the
/// boundaries are listed beside the less obvious ones).
final class PatternGridTests: XCTestCase {
  func grid(_ source: String, _ options: GridOptions = GridOptions()) throws -> String {
    try PatternGrid.render(source: source, options: options)
  }

  func testTheIssueExample() throws {
    let source = """
      s "<[bd ~ ~ ~ sn ~ ~ ~ bd ~ ~ ~ sn ~ ~ ~] [bd ~ ~ ~ sn ~ ~ ~ bd ~ ~ ~ sn ~ ~ sn]>"
      """
    XCTAssertEqual(
      try grid(source),
      """
            |0               |1               |
      bd    |x.......x.......|x.......x.......|
      sn    |....x.......x...|....x.......x..x|
      """)
  }

  func testPlainSequenceOneColumnPerStep() throws {
    XCTAssertEqual(
      try grid(#"s "bd ~ sn cp""#),
      """
            |0   |1   |
      bd    |x...|x...|
      sn    |..x.|..x.|
      cp    |...x|...x|
      """)
  }

  func testTripletsAgainstQuartersUseTheCommonGrid() throws {
    // Thirds and quarters meet on twelfths: bd every 4 steps, hh every 3.
    XCTAssertEqual(
      try grid(#""bd*3, hh*4""#),
      """
            |0           |1           |
      bd    |x===x===x===|x===x===x===|
      hh    |x==x==x==x==|x==x==x==x==|
      """)
    // A polymeter steps at the first layer's rate (3 per cycle), so the second layer shifts.
    XCTAssertEqual(
      try grid(#""{a b c, d e}""#),
      """
            |0  |1  |
      a     |x..|x..|
      d     |x.x|.x.|
      b     |.x.|.x.|
      e     |.x.|x.x|
      c     |..x|..x|
      """)
  }

  func testLongEventsShowTheirExtent() throws {
    XCTAssertEqual(
      try grid(#"s "bd@3 sn""#),
      """
            |0   |1   |
      bd    |x==.|x==.|
      sn    |...x|...x|
      """)
  }

  func testSlowPatternsContinueAcrossCycles() throws {
    // bd [0,2/3), sn [2/3,4/3) crossing the bar, hh [4/3,2).
    XCTAssertEqual(
      try grid(#"slow 2 $ s "bd sn hh""#),
      """
            |0  |1  |
      bd    |x=.|...|
      sn    |..x|=..|
      hh    |...|.x=|
      """)
  }

  func testAlternation() throws {
    XCTAssertEqual(
      try grid(#""<a b>""#, GridOptions(cycles: 3)),
      """
            |0|1|2|
      a     |x|.|x|
      b     |.|x|.|
      """)
  }

  func testTooFineFallsBackToAStatedResolution() throws {
    // Fifths and thirteenths need 65 steps; at 48 steps, fifths fall on 0 9.6 19.2 28.8 38.4
    // (rounded 0 10 19 29 38) and thirteenths on 0 3.7 7.4 11.1 14.8 18.5 22.2 25.8 29.5 33.2
    // 36.9 40.6 44.3 (rounded 0 4 7 11 15 18 22 26 30 33 37 41 44).
    XCTAssertEqual(
      try grid(#""bd*5, hh*13""#, GridOptions(cycles: 1)),
      """
            |0                                               |
      bd    |x=========x========x=========x========x=========|
      hh    |x===x==x===x===x==x===x===x===x==x===x===x==x===|
      resolution 1/48, rounded
      """)
  }

  func testGivenResolutionRoundsOnlyWhenNeeded() throws {
    XCTAssertEqual(
      try grid(#""bd sn""#, GridOptions(cycles: 1, resolution: 4)),
      """
            |0   |
      bd    |x=..|
      sn    |..x=|
      """)
    // Thirds at quarters: 0, 4/3 and 8/3 round to steps 0, 1 and 3.
    XCTAssertEqual(
      try grid(#""bd*3""#, GridOptions(cycles: 1, resolution: 4)),
      """
            |0   |
      bd    |xx=x|
      resolution 1/4, rounded
      """)
  }

  func testEmptyPattern() throws {
    XCTAssertEqual(
      try grid("silence"),
      """
            |0|1|
      (no events)
      """)
  }

  func testContinuousPatternsAreNamedNotDrawn() throws {
    XCTAssertEqual(
      try grid("sine", GridOptions(cycles: 1)),
      """
            |0|
      (no events)
      continuous values are not drawn (`segment n` samples them into steps)
      """)
  }

  func testSoundRowsCarryTheirSampleNumber() throws {
    XCTAssertEqual(
      try grid(#"s "bd*2 sn" # n "<0 3>""#),
      """
            |0   |1   |
      bd:0  |xx..|....|
      sn:0  |..x=|....|
      bd:3  |....|xx..|
      sn:3  |....|..x=|
      """)
  }

  func testCycleNumbersWiderThanACycleWidenTheGrid() throws {
    // Two steps per cycle doubled to four, the smallest multiple wide enough for "100".
    XCTAssertEqual(
      try grid(#""bd sn""#, GridOptions(firstCycle: 99, cycles: 2)),
      """
            |99  |100 |
      bd    |x=..|x=..|
      sn    |..x=|..x=|
      """)
  }

  func testColourMarksOnsetsPerRow() throws {
    let esc = "\u{1B}"
    XCTAssertEqual(
      try grid(#""bd sn""#, GridOptions(cycles: 1, color: true)),
      """
            |0 |
      bd    |\(esc)[31mx\(esc)[0m\(esc)[2m.\(esc)[0m|
      sn    |\(esc)[2m.\(esc)[0m\(esc)[32mx\(esc)[0m|
      """)
  }

  func testUnquotedTextIsMiniNotationAndErrorsPointIntoIt() throws {
    XCTAssertEqual(try grid("bd ~", GridOptions(cycles: 1)), try grid(#""bd ~""#, GridOptions(cycles: 1)))
    XCTAssertThrowsError(try grid("bd [sn")) { error in
      guard let e = error as? LanguageError else { return XCTFail("\(error)") }
      XCTAssertEqual(e.line, 1)
      XCTAssertEqual(e.column, 7)
      XCTAssertEqual(e.source, "bd [sn")
    }
  }

  func testManyRowsAreSummarized() throws {
    XCTAssertEqual(
      try grid(#""0 1 2 3 4 5""#, GridOptions(cycles: 1, maximumRows: 3)),
      """
            |0     |
      0     |x.....|
      1     |.x....|
      2     |..x...|
      … and 3 more rows
      """)
  }

  func testRejectsOutOfRangeOptions() {
    XCTAssertThrowsError(try grid("bd", GridOptions(cycles: 0)))
    XCTAssertThrowsError(try grid("bd", GridOptions(cycles: 65)))
    XCTAssertThrowsError(try grid("bd", GridOptions(resolution: 0)))
  }
}
