import Language
import Testing

@Suite struct SourceScanTests {
  @Test func stringsEscapesAndComments() {
    // `--` inside a string is text; after it, a comment.
    #expect(SourceScan(#"d1 $ s "bd -- sn"#).context == .string)
    #expect(SourceScan(#"d1 $ s "bd -- sn" -- (loud"#).context == .lineComment)
    #expect(!SourceScan(#"d1 $ s "bd -- sn" -- (loud"#).isUnfinished)
    // An escaped quote does not close the string; an escaped backslash does not escape it.
    #expect(SourceScan(#"s "a\" b"#).context == .string)
    #expect(SourceScan(#"s "a\" b""#).context == .code)
    #expect(SourceScan(#"s "a\\" # n 1"#).context == .code)
    // Nested block comments.
    #expect(SourceScan("d1 {- a {- b -} c").context == .blockComment(depth: 1))
    #expect(SourceScan("d1 {- a {- b -} c -} $").context == .code)
    #expect(SourceScan("{- a -}").hasCode == false)
    #expect(SourceScan("-- only a comment").hasCode == false)
  }

  /// Haskell's rule: dashes followed by a symbol are an operator, not a comment.
  @Test func dashesBeforeASymbolAreAnOperator() {
    let arrow = SourceScan(#"d1 $ s "bd" -->"#)
    #expect(arrow.context == .code && arrow.endsWithOperator)
    let comment = SourceScan(#"d1 $ s "bd" --- >"#)
    #expect(comment.context == .lineComment && !comment.endsWithOperator)
  }

  @Test func bracketsAndTrailingOperators() {
    #expect(SourceScan("d1 $ (fast 2 [").bracketDepth == 2)
    #expect(SourceScan(#"d1 $ s "(""#).bracketDepth == 0)
    #expect(SourceScan("d1 $").isUnfinished)
    #expect(SourceScan("d1 $ s \"bd\" # `rotL`").isUnfinished)
    #expect(!SourceScan(#"d1 $ n "0 .. 7""#).isUnfinished)
    #expect(!SourceScan("d1 $ n (\"0\" + 1)").isUnfinished)
    // What the language refuses is stepped over, never an error.
    #expect(!SourceScan("d1 ; ยง 12345678901234567890123 `").isUnfinished)
  }

  @Test func lineByLineEqualsAtOnce() {
    let texts = [
      "d1 $ s \"bd\n  sn\" -- c\n  # n 1", "a {- b\n{- c\n -} d -}\n e --> \n f", "s \"x\\\n\" $\n\"y",
      "x -- {-\ny {- -- -}\n", "(\n[\n\"]\n\")])",
    ]
    for text in texts {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      var scan = SourceScan(String(lines[0]))
      for line in lines.dropFirst() { scan = scan.continued(with: "\n" + line) }
      #expect(scan == SourceScan(text), "\(text)")
    }
  }
}

@Suite struct StatementReaderTests {
  func texts(_ text: String) -> [String] { StatementReader.pieces(of: text).map(\.text) }

  @Test func blocksSplitAtColumnOne() {
    let block = "d1 $ s \"bd\"\n  # n 1\n-- a comment\nd2 $ s \"hh*2\"\n\nhush"
    #expect(texts(block) == ["d1 $ s \"bd\"\n  # n 1", "d2 $ s \"hh*2\"", "hush"])
  }

  @Test func piecesKeepTheirFirstLine() {
    let pieces = StatementReader.pieces(
      of:
        "-- intro\nsetcps 0.6\nd1 $ s \"bd*2\"\n  # gain 0.8\n\n:target add cap 9000\n:{\nd2 $ s \"hh*4\"\n# pan sine\n:}\n  :wait 4"
    )
    #expect(
      pieces == [
        .init(text: "setcps 0.6", line: 2), .init(text: "d1 $ s \"bd*2\"\n  # gain 0.8", line: 3),
        .init(text: ":target add cap 9000", line: 6), .init(text: "d2 $ s \"hh*4\"\n# pan sine", line: 8),
        .init(text: ":wait 4", line: 11),
      ])
    #expect(pieces.map(\.isCommand) == [false, false, true, false, true])
  }

  @Test func unfinishedStatementsContinueAtColumnOne() {
    #expect(texts("d1 $\ns \"bd\"\nd2 $ s \"hh\"") == ["d1 $\ns \"bd\"", "d2 $ s \"hh\""])
    #expect(texts("d1 $ s (fast 2\n\"bd\")\nhush") == ["d1 $ s (fast 2\n\"bd\")", "hush"])
    // A string may span lines.
    #expect(texts("d1 $ s \"bd\nsn\"\nhush") == ["d1 $ s \"bd\nsn\"", "hush"])
    // `-->` is an operator waiting for its right side, not a comment.
    #expect(texts("d1 $ s \"bd\" -->\nd2") == ["d1 $ s \"bd\" -->\nd2"])
    // A blank line ends even an unfinished statement (the language then reports it).
    #expect(texts("d1 $ s \"bd\n\nhush") == ["d1 $ s \"bd", "hush"])
  }

  @Test func blockCommentsSpanLinesAndBlankLines() {
    let text = "{- notes\nd1 $ s \"x\"\n\n  more -}\nd1 $ s \"bd\" {- a\ncomment -} # gain 1\nhush"
    #expect(texts(text) == ["d1 $ s \"bd\" {- a\ncomment -} # gain 1", "hush"])
  }

  @Test func heldStatementsWaitForTheCaller() {
    var reader = StatementReader()
    #expect(reader.add("d1 $ s \"bd\"") == [])
    #expect(reader.isHolding && !reader.isContinuing)
    #expect(reader.add("  # gain 1") == [])
    #expect(reader.release() == .init(text: "d1 $ s \"bd\"\n  # gain 1", line: 1))
    #expect(reader.release() == nil)
    #expect(reader.add("d1 $") == [])
    #expect(reader.isContinuing && !reader.isHolding)
    #expect(reader.release() == nil)
    #expect(reader.add(":{") == [])
    #expect(reader.finish() == .init(text: "d1 $\n:{", line: 3))
    // A command ends what is held and is complete at once.
    #expect(reader.add("hush") == [])
    #expect(reader.add(":cps\r") == [.init(text: "hush", line: 5), .init(text: ":cps", line: 6)])
  }
}
