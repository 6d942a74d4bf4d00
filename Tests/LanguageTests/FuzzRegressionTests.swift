import Language
import Pattern
import Testing
import Time

/// Inputs the expression fuzz target (Fuzz/Sources/FuzzExpression, `scripts/fuzz.sh expr`)
/// found, run through the same path: evaluate, then query two cycles under a budget.
@Suite struct FuzzRegressionTests {
  /// What the fuzz target does with one input: the events of two cycles, or the error.
  func run(_ text: String, budget: Int) -> Result<Int, any Error> {
    Result {
      var interpreter = Interpreter()
      guard case .assign(_, let pattern) = try interpreter.run(text) else { return 0 }
      return try pattern.query(Arc(Rational(0), Rational(2)), budget: budget).count
    }
  }

  /// A 13 s timeout in the sanitized build: `hh*100006?` under `jux rev`, about 200,000 events
  /// within the shell's budget. The budget is what bounds it: a small one stops it at once.
  @Test func denseDegradedStepUnderJuxStopsAtTheBudget() {
    let text = "d1 $ jux rev $ s \"0[bd*3, hh*00000000000000000000000100006?]\" # n (irand 8)"
    guard case .failure(let error) = run(text, budget: 20_000) else {
      Issue.record("expected the budget to stop the query")
      return
    }
    #expect(error as? PatternError == .tooDense(20_000))
    // With room for it, the same input plays: the fragment `0` and the stack give events.
    guard case .success(let events) = run("d1 $ jux rev $ s \"0[bd*3, hh*6?]\" # n (irand 8)", budget: 20_000)
    else {
      Issue.record("a small version of the input should play")
      return
    }
    #expect(events > 0)
  }
}
