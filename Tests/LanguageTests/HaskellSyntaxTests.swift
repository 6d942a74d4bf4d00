import Language
import Testing
import Time

/// Lambdas, arithmetic sequences, `<$>` and `!!`: how they parse and what they evaluate to.
@Suite struct HaskellSyntaxTests {
  static let parses: [(String, String)] = [
    // A lambda's body reaches as far right as it can.
    ("\\p -> fast 2 p # speed 2", "(\\p -> (((fast 2) p) # (speed 2)))"),
    ("every 2 (\\x y -> x) p", "(((every 2) (\\x y -> x)) p)"),
    ("f $ \\p -> rev p", "(f $ (\\p -> (rev p)))"),
    // `<$>` is infixl 4: below arithmetic and `~>`, above `$`.
    ("(+ 1) <$> a + b", "((+ 1) <$> (a + b))"),
    ("fast 2 $ f <$> a", "((fast 2) $ (f <$> a))"),
    ("a <~ f <$> b", "((a <~ f) <$> b)"),
    // `!!` is infixl 9, below application.
    ("xs !! 1 # y", "((xs !! 1) # y)"),
    ("[1 .. 4]", "[1 .. 4]"),
    ("[0, 1/4 .. 1]", "[0, (1 / 4) .. 1]"),
  ]

  @Test(arguments: parses)
  func parse(_ c: (String, String)) throws {
    #expect(try Language.parse(c.0).parenthesized == c.1)
  }

  func numbers(_ text: String) throws -> [Rational] {
    guard case .list(let xs) = try Evaluator().evaluate(text) else { return [] }
    return xs.compactMap { if case .number(let r, _) = $0 { r } else { nil } }
  }

  @Test func ranges() throws {
    #expect(try numbers("[1 .. 4]") == [1, 2, 3, 4].map { Rational(Int64($0)) })
    #expect(try numbers("[10, 8 .. 1]") == [10, 8, 6, 4, 2].map { Rational(Int64($0)) })
    #expect(try numbers("[0, 0.25 .. 1]").count == 5)
    // Fractional sequences go on while within half a step of the end, as Haskell's do.
    #expect(try numbers("[0, 0.3 .. 1]").count == 4)
    // Whole numbers enumerate as Haskell's Integer: [1, 3 .. 8] stops at 7 (a Double context
    // in Haskell would give 9 too; Tala cannot see the element type there).
    #expect(try numbers("[1, 3 .. 8]") == [1, 3, 5, 7].map { Rational(Int64($0)) })
    #expect(try numbers("[4 .. 1]").isEmpty)
  }

  @Test func errors() {
    #expect(throws: LanguageError.self) { try Evaluator().evaluate("[0 ..]") }
    #expect(throws: LanguageError.self) { try Evaluator().evaluate("[1, 1 .. 3]") }
    #expect(throws: LanguageError.self) { try Evaluator().evaluate("[\"a\"] !! 1") }
    #expect(throws: LanguageError.self) { try Evaluator().evaluate("\\ -> 1") }
  }

  @Test func lambdasSeeTheirDefinitionsBindings() throws {
    var interpreter = Interpreter()
    _ = try interpreter.run("let twice = \\p -> fast 2 p")
    _ = try interpreter.run("let k = 3")
    let (_, p) = try Language.pattern(
      "twice \"a b\"", as: .string, evaluator: interpreter.evaluator)
    #expect(try p.query(0, 1).count == 4)
    let (_, q) = try Language.pattern(
      "(\\k -> fast k \"a\") 2", as: .string, evaluator: interpreter.evaluator)
    #expect(try q.query(0, 1).count == 2)
  }

  @Test func floorAndRoundOnNumbersStayExact() throws {
    guard case .number(let r, _) = try Evaluator().evaluate("round 2.5 + floor (-0.5) + max 1 (3/2)") else {
      Issue.record("not a number")
      return
    }
    #expect(r == (try Rational(5, 2)))
  }

  /// `mod'` is Data.Fixed's (Tidal code imports it for `whenT`); the oracle's context lacks it,
  /// so these values are Haskell's by hand: mod' x y = x - y * floor (x / y).
  @Test func fractionalMod() throws {
    for (text, want) in [
      ("mod' 7.5 2", try Rational(3, 2)), ("mod' (-1) 3", Rational(2)), ("mod' 1 (-3)", Rational(-2)),
    ] {
      guard case .number(let r, _) = try Evaluator().evaluate(text) else {
        Issue.record("\(text) is not a number")
        continue
      }
      #expect(r == want, "\(text)")
    }
  }
}
