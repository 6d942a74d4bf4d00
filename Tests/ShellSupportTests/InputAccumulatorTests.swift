import ShellSupport
import XCTest

final class InputAccumulatorTests: XCTestCase {
  /// Feeds lines one by one; returns the pieces completed and whether input is still open.
  func feed(_ lines: [String]) -> (pieces: [String], open: Bool) {
    var input = InputAccumulator()
    var pieces: [String] = []
    for line in lines { pieces += input.add(line) }
    return (pieces, input.isContinuing)
  }

  func testCompleteLinesPassStraightThrough() {
    XCTAssertEqual(feed([#"d1 $ s "bd*2""#, "hush"]).pieces, [#"d1 $ s "bd*2""#, "hush"])
    XCTAssertEqual(feed(["", "   "]).pieces, [])
  }

  func testTrailingDollarAndOperatorsContinue() {
    XCTAssertEqual(feed(["d1 $", #"s "bd""#]).pieces, ["d1 $\n" + #"s "bd""#])
    XCTAssertEqual(feed([#"d1 $ s "bd" #"#, "gain 0.9"]).pieces, ["d1 $ s \"bd\" #\ngain 0.9"])
    XCTAssertEqual(feed(["d1 $ fast 2 .", #"rev $ s "a b""#]).pieces.count, 1)
    XCTAssertEqual(feed(["let x ="]).open, true)
  }

  func testUnclosedBracketsContinueUntilClosed() {
    let r = feed(["d1 $ stack [", #"s "bd","#, #"s "hh*2""#, "]"])
    XCTAssertEqual(r.pieces, ["d1 $ stack [\n" + #"s "bd","# + "\n" + #"s "hh*2""# + "\n]"])
    XCTAssertFalse(r.open)
  }

  func testAnUnclosedStringJoinsItsLinesWithASpace() {
    XCTAssertEqual(feed([#"d1 $ s "bd sn"#, #"hh cp""#]).pieces, [#"d1 $ s "bd sn hh cp""#])
  }

  func testABlankLineEndsWhatWasGathered() {
    let r = feed(["d1 $ stack [", #"s "bd""#, ""])
    XCTAssertEqual(r.pieces, ["d1 $ stack [\n" + #"s "bd""#])
    XCTAssertFalse(r.open)
  }

  func testExplicitBlocksKeepBlankLinesUntilTheCloser() {
    let r = feed([":{", "d1 $ fast 2", "", #"  $ s "bd""#, ":}"])
    XCTAssertEqual(r.pieces, ["d1 $ fast 2\n\n" + #"  $ s "bd""#])
    XCTAssertEqual(feed([":{", "hush"]).open, true)
    XCTAssertEqual(feed([":{", ":}"]).pieces, [])
  }

  func testTidalCloserEndsAnImplicitBlockToo() {
    XCTAssertEqual(feed(["d1 $", ":}"]).pieces, ["d1 $"])
  }

  func testCommandsAreCompleteAtOnce() {
    XCTAssertEqual(feed([":load set.tala", "  :help fast  "]).pieces, [":load set.tala", ":help fast"])
    // Inside a gathered expression a colon line is part of it.
    XCTAssertEqual(feed(["d1 $ stack [", ":x", "]"]).pieces.count, 1)
  }

  func testCommentsDoNotHideOrFakeAContinuation() {
    XCTAssertEqual(feed([#"d1 $ s "bd" -- a $"#]).pieces.count, 1)
    XCTAssertEqual(feed(["d1 $ -- more below", #"s "bd""#]).pieces.count, 1)
    XCTAssertTrue(Continuation.needsMore("d1 $ -- more below"))
    XCTAssertFalse(Continuation.needsMore(#"s "a -- b""#))
    XCTAssertTrue(Continuation.needsMore("x -->"))
  }

  func testPastedTextSplitsIntoPieces() {
    var input = InputAccumulator()
    XCTAssertEqual(input.add("d1 $\n" + #"s "bd""# + "\nhush"), ["d1 $\n" + #"s "bd""#, "hush"])
  }

  func testResetAndFinish() {
    var input = InputAccumulator()
    XCTAssertEqual(input.add("d1 $ stack ["), [])
    input.reset()
    XCTAssertFalse(input.isContinuing)
    XCTAssertEqual(input.add("hush"), ["hush"])
    XCTAssertEqual(input.add("d1 $"), [])
    XCTAssertEqual(input.finish(), "d1 $")
    XCTAssertNil(input.finish())
  }

  func testEscapedQuotesStayInsideStrings() {
    XCTAssertTrue(Continuation.needsMore(#"s "a\" b"#))
    XCTAssertFalse(Continuation.needsMore(#"s "a\" b""#))
  }

  func testCarriageReturnsAreIgnored() {
    XCTAssertEqual(feed(["hush\r"]).pieces, ["hush"])
  }
}
