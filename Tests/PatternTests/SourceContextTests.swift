import Pattern
import Testing
import Time

@Suite struct SourceContextTests {
  @Test func keepsPositionsInOrder() {
    let a = SourceContext(column: 3, line: 1)
    let b = SourceContext(column: 1, line: 2)
    let ab = a.appending(b)
    #expect(ab.positions.map(\.column) == [3, 1])
    #expect(ab.positions.map(\.line) == [1, 2])
    #expect(SourceContext.empty.appending(a) == a)
    #expect(a.appending(.empty) == a)
    #expect(SourceContext.empty.positions.isEmpty)
  }

  /// Haskell compares lists of (column, line) pairs element by element, and a list that is a
  /// prefix of another is smaller.
  @Test func comparesAsHaskellListsOfPositions() {
    let c = { (col: Int, line: Int) in SourceContext(column: col, line: line) }
    #expect(c(1, 1) < c(2, 1))
    #expect(c(2, 1) < c(2, 2))
    #expect(c(2, 9) < c(3, 1), "the column comes first")
    #expect(c(2, 1) < c(2, 1).appending(c(1, 1)), "a prefix is smaller")
    #expect(c(1, 1).appending(c(9, 1)) < c(2, 1).appending(c(1, 1)))
    #expect(SourceContext.empty < c(1, 1))
  }

  @Test func keepsFourPositionsAndClampsLargeOnes() {
    var x = SourceContext.empty
    for i in 1...6 { x = x.appending(SourceContext(column: i, line: 1)) }
    #expect(x.positions.map(\.column) == [1, 2, 3, 4])
    let big = SourceContext(column: 5000, line: 100)
    #expect(big.positions.first?.column == 2047)
    #expect(big.positions.first?.line == 31)
  }

  /// Mini-notation atoms carry where they stand (1-based columns, as Parsec counts), and
  /// combining patterns joins the contexts left first.
  @Test func patternsCarryAndJoinContexts() throws {
    let left = Pattern<Int>.pure(1, context: SourceContext(column: 5, line: 1))
    let right = Pattern<Int>.pure(2, context: SourceContext(column: 2, line: 1))
    let e = try left.zip(right, structure: .left) { $0 + $1 }.query(0, 1)
    #expect(e.map(\.context.positions.count) == [2])
    #expect(e.first?.context.positions.map(\.column) == [5, 2])
    // A constant factor adds its own context after the pattern's, as Tidal's tParam does.
    let two = Pattern<Rational>.pure(2, context: SourceContext(column: 2, line: 1))
    let fast = Pattern<Int>.patterned(two) { left.fast($0) }
    let wanted = QueryContext()
    wanted.wantsSourceContexts = true
    let contexts = try fast.query(State(arc: Arc(0, 1), context: wanted)).map { e in e.context.positions.map(\.column) }
    #expect(contexts == [[5, 2], [5, 2]])
    // Unless something reads them (rot), that join spends no pass extending contexts.
    #expect(try fast.query(0, 1).map { e in e.context.positions.map(\.column) } == [[5], [5]])
  }
}
