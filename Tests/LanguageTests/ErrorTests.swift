import Language
import Pattern
import Testing

/// Each kind of error: the exact message and position.
@Suite struct ErrorTests {
  func error(_ text: String, as type: ElementType? = nil) -> LanguageError? {
    do {
      _ = try Language.pattern(text, as: type)
      return nil
    } catch let e as LanguageError {
      return e
    } catch {
      Issue.record("not a LanguageError: \(error)")
      return nil
    }
  }

  func expectError(
    _ text: String, _ kind: LanguageError.Kind, _ message: String, _ line: Int, _ column: Int,
    as type: ElementType? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let e = error(text, as: type) else {
      Issue.record("expected an error for \(text)", sourceLocation: sourceLocation)
      return
    }
    #expect(e.kind == kind, sourceLocation: sourceLocation)
    #expect(e.message == message, sourceLocation: sourceLocation)
    #expect(e.line == line && e.column == column, "at \(e.position)", sourceLocation: sourceLocation)
  }

  @Test func unknownNameSuggestsTheClosest() {
    expectError("fsat 2 \"bd\"", .unknownName, "unknown function 'fsat' — did you mean 'fast'?", 1, 1)
    expectError("s \"bd\" # speeed 2", .unknownName, "unknown function 'speeed' — did you mean 'speed'?", 1, 10)
    expectError("qwertyuiop \"a\"", .unknownName, "unknown function 'qwertyuiop'", 1, 1)
    expectError("\"a\" |+- \"b\"", .unknownName, "unknown operator '|+-' — did you mean '|+'?", 1, 5)
  }

  @Test func typeErrorsSayWhatWasExpectedWhere() {
    expectError(
      "fast (s \"bd\") \"a\"", .type,
      "`fast` wants a number pattern as its first argument, got a control pattern", 1, 6)
    expectError(
      "every 2 \"a\" \"b\"", .type,
      "`every` wants a function from pattern to pattern as its second argument, got a string", 1, 9)
    expectError(
      "s \"bd\" n \"1\"", .type,
      "a control pattern is not a function, so it cannot be applied to the function 'n' (is a `#` or `$` missing?)",
      1, 8)
    expectError(
      "s \"a\" # lpfbus 1 0.5", .unknownName, "`lpfbus`: control buses need SuperDirt; Tala does not support them yet",
      1, 9)
    expectError(
      "s \"a\" # ampTake 1 [1]", .type, "`ampTake` wants a name in quotes as its first argument, got a number", 1, 17)
    expectError("euclid 1.5 8 \"a\"", .type, "the number 3/2 is used where a whole number is needed", 1, 8)
    expectError("fast 2", .type, "`fast` needs 1 more argument to make a pattern", 1, 1)
    expectError("\"a b\" + \"c\"", .type, "`+` does not work on string patterns", 1, 9, as: .string)
  }

  @Test func syntaxErrors() {
    expectError("fast 2 (rev \"a\"", .syntax, "expected ')' to close the '(' at 1:8, found end of input", 1, 16)
    expectError("fast 2 \"a", .syntax, "unterminated string (a closing \" is missing)", 1, 8)
    expectError("rev \"a\" )", .syntax, "unexpected ')' after the expression", 1, 9)
    expectError(
      "a # b . c", .syntax,
      "cannot mix '.' with an operator of the same precedence (9) but other associativity; add parentheses", 1, 7)
    expectError("fast 2 ?", .unknownName, "unknown operator '?'", 1, 8)
  }

  @Test func miniNotationErrorsPointIntoTheString() {
    expectError(
      "s \"bd [sn\"", .miniNotation, "in string mini-notation: unclosed '[' opened at 1:4: expected ']'", 1, 10)
    expectError("fast 2\n  \"a b]\"", .miniNotation, "in string mini-notation: unexpected ']'", 2, 7)
  }

  @Test func limits() {
    let deep = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
    expectError(deep, .limit, "expression nested too deeply (more than 200 levels)", 1, 201)
    let huge = String(repeating: "a ", count: 60_000)
    expectError(huge, .limit, "input too long (at most 100000 bytes)", 1, 1)
  }

  @Test func queryTimeLimitsReportErrors() throws {
    let (_, p) = try Language.pattern("fast 99999999999 \"bd\"")
    #expect(throws: PatternError.tooDense(QueryContext.defaultBudget)) { try p.query(0, 1) }
    let (_, q) = try Language.pattern("run 1e12")
    #expect(throws: LanguageError.self) { try q.query(0, 1) }
  }

  @Test func descriptionShowsACaret() throws {
    let e = try #require(error("fsat 2 \"bd\""))
    #expect(e.description == "1:1: unknown function 'fsat' — did you mean 'fast'?\n  fsat 2 \"bd\"\n  ^")
  }
}
