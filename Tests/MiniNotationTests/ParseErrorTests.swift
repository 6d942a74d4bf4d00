import MiniNotation
import Pattern
import Testing
import Time

/// Bad input gets a clear, positioned error; never a crash or a hang.
@Suite struct ParseErrorTests {
  func error(_ source: String) -> MiniParseError? {
    do {
      _ = try MiniParser.parse(source, as: String.self)
      return nil
    } catch {
      return error
    }
  }

  @Test func unclosedBracketNamesWhereItOpened() throws {
    let e = try #require(error("bd [sn cp"))
    #expect(e.line == 1 && e.column == 10)
    #expect(e.message == "unclosed '[' opened at 1:4: expected ']'")
    #expect(e.description == "1:10: unclosed '[' opened at 1:4: expected ']'\n  bd [sn cp\n           ^")
  }

  @Test func strayCloserIsPointedAt() throws {
    let e = try #require(error("bd sn]"))
    #expect((e.line, e.column) == (1, 6))
    #expect(e.message == "unexpected ']'")
  }

  @Test func positionsCountLinesAndTabs() throws {
    let e = try #require(error("bd\n\tsn ]"))
    #expect((e.line, e.column) == (2, 12))
    #expect(e.description.hasSuffix("\n  " + String(repeating: " ", count: 11) + "^"))
  }

  @Test func euclidNeedsTwoArguments() throws {
    let e = try #require(error("bd(3)"))
    #expect((e.line, e.column) == (1, 5))
    #expect(e.message.contains("expected ',' and a step count"))
  }

  @Test func zeroLengthStepsAndEmptyPolymetersAreParseErrors() throws {
    #expect(error("bd@0 sn")?.message == "a step's length must be more than zero")
    #expect(error("<>")?.message.hasPrefix("empty '< >'") == true)
    #expect(error("{}")?.message.hasPrefix("empty '{ }'") == true)
    #expect(error("bd .")?.message.contains("only one group") == true)
  }

  @Test func degradeNeedsADecimal() throws {
    let e = try #require(error("bd?0"))
    #expect(e.message == "expected a decimal probability such as 0.7 after '?'")
  }

  /// Hostile inputs: each must end in events or an error, quickly.
  @Test(arguments: [
    String(repeating: "[", count: 10_000),
    String(repeating: "[", count: 150) + "bd" + String(repeating: "]", count: 150),
    String(repeating: "<", count: 500),
    "bd*99999999999", "bd/99999999999", "bd*0.000000000001", "bd(3,99999999999)",
    "bd(99999999999,8)", "bd!99999999999", "bd@99999999999999999999", "1 .. 99999999999",
    "[bd*100]*100", "[[bd*1000]*1000]*1000", "bd*9223372036854775807", "bd*1%9223372036854775807",
    "", " ", "~", "[]", "[,]", "[|]", "{,}", "<,>", "bd(,)", "(", ")", "^", "?", "!", "@", "_", ".",
    // Found by the fuzzer: a long range under a large factor built its lists per event.
    "80.5,48888*38..83", "99999*0 .. 99999", "0 .. 99999*9999",
    // Found by the fuzzer: Euclid with ~46,000 steps (Bjorklund was quadratic).
    "bd*2 [n3 cp] <hh oh> b.(4,2 bn3c @d2 bn3c @d3838)", "bd(4,99999)", "bd(99998,99999,7)",
    // Found by the fuzzer: a Euclid with no steps at all (0 pulses, negative step count).
    "{abd(c'maj6,8-abdd(,,8)aaa,8)abaa}", "bd(0,-5)", "bd(3,-8,1)", "t(0,-3)",
    "ドラム スネア", "bd\u{0}sn", "bd 🥁", "c'", "c'maj'", "c'maj'99999", "\"bd\"", "bd # sn",
  ])
  func hostileInputEndsCleanly(_ source: String) throws {
    // A small event budget keeps this quick in debug builds; the default budget stops the
    // same patterns, later.
    let arc = Arc(Rational(0), Rational(2))
    let budget = 200_000
    for kind in 0..<3 {
      do {
        switch kind {
        case 0: _ = try MiniNotation.pattern(source, as: String.self).query(arc, budget: budget)
        case 1: _ = try MiniNotation.pattern(source, as: Double.self).query(arc, budget: budget)
        default: _ = try MiniNotation.pattern(source, as: Int.self).query(arc, budget: budget)
        }
      } catch is MiniParseError {
      } catch is PatternError {
      } catch is TimeError {
      }
    }
  }
}
