import Language
import Testing

/// Precedence and associativity as Haskell resolves them with Tidal's operators.
@Suite struct ParserTests {
  static let cases: [(String, String)] = [
    // `$` is infixr 0: the lowest, grouping to the right.
    ("f $ g $ x", "(f $ (g $ x))"),
    ("fast 2 $ rev $ \"a b\"", "((fast 2) $ (rev $ \"a b\"))"),
    // `.` is infixr 9.
    ("f . g . h", "(f . (g . h))"),
    ("every 2 (fast 2 . rev) x", "(((every 2) ((fast 2) . rev)) x)"),
    // Application binds tighter than any operator.
    ("fast 2 x # y", "(((fast 2) x) # y)"),
    ("s \"bd*2\" # n \"<0 3>\"", "((s \"bd*2\") # (n \"<0 3>\"))"),
    // `#` and the `|+|` family: no fixity declaration, so Haskell's default infixl 9.
    ("a # b # c", "((a # b) # c)"),
    ("a |+| b |+ c +| d", "(((a |+| b) |+ c) +| d)"),
    ("a # b |* c", "((a # b) |* c)"),
    ("a # b + c", "((a # b) + c)"),
    // Arithmetic: `+ -` infixl 6, `* /` infixl 7.
    ("a + b * c", "(a + (b * c))"),
    ("a - b - c", "((a - b) - c)"),
    ("a / b / c", "((a / b) / c)"),
    ("1/4 + 1", "((1/1 / 4) + 1)".replacingOccurrences(of: "1/1", with: "1")),
    // `~>` and `<~` are infixl 5: below arithmetic, above `$`.
    ("1/4 ~> x", "((1 / 4) ~> x)"),
    ("0.25 ~> a # b", "(1/4 ~> (a # b))"),
    ("a <~ b <~ c", "((a <~ b) <~ c)"),
    ("x <~ y + z", "(x <~ (y + z))"),
    ("d1 $ 0.25 <~ s \"a\" # n 1", "(d1 $ (1/4 <~ ((s \"a\") # (n 1))))"),
    // Negation has precedence 6.
    ("- 1 + 2", "((-1) + 2)"),
    ("- a * b", "(-(a * b))"),
    ("linger (-0.25) x", "((linger (-1/4)) x)"),
    // Sections and operators in parentheses.
    ("(+ 12)", "(+ 12)"),
    ("(# speed 2)", "(# (speed 2))"),
    ("(1/4 ~>)", "((1 / 4) ~>)"),
    ("(0.25 <~)", "(1/4 <~)"),
    ("(+)", "(+)"),
    ("(|+ n 12)", "(|+ (n 12))"),
    // Lists and tuples.
    ("[rev, fast 2]", "[rev, (fast 2)]"),
    ("(1/4, 3/4)", "((1 / 4), (3 / 4))"),
    ("timeCat [(1, \"a\"), (2, \"b c\")]", "(timeCat [(1, \"a\"), (2, \"b c\")])"),
    // Comments and several lines.
    ("fast 2 -- double speed\n  \"a b\"", "((fast 2) \"a b\")"),
    ("{- block -} rev x", "(rev x)"),
    ("x `rotL` y", "(x rotL y)"),
  ]

  @Test(arguments: cases)
  func precedence(_ c: (String, String)) throws {
    #expect(try Language.parse(c.0).parenthesized == c.1, "\(c.0)")
  }

  @Test func mixingEqualPrecedenceWithOtherAssociativityIsAnError() {
    for text in ["a # b . c", "a . b # c", "f . g |+ h"] {
      #expect(throws: LanguageError.self, "\(text)") { try Language.parse(text) }
    }
  }

  @Test func nestingIsLimited() {
    let deep = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
    #expect(throws: LanguageError.self) { try Language.parse(deep) }
    let chain = Array(repeating: "rev $", count: 300).joined(separator: " ") + " \"a\""
    #expect(throws: LanguageError.self) { try Language.parse(chain) }
  }
}
