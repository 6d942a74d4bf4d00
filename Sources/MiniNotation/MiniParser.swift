import Pattern
import Time

/// Parses mini-notation text into a ``MiniNode`` tree, following Tidal's grammar
/// (`Sound.Tidal.ParseBP`) with the changes of later Tidal listed in the README: numbers do
/// not swallow the spaces after them, `-` is a rest, and `,` / `|` work at the top level.
/// One extension: `*` and `/` may be chained on one step (`bd*2*2`), as in Strudel.
public struct MiniParser: Sendable {
  var s: Scanner
  /// The next seed for `?` and `|`, counted in the order their constructs complete.
  var seed = 0
  /// Current bracket depth; bounded so hostile input cannot exhaust the stack.
  var depth = 0
  /// An error Tidal would raise at run time, reported when the whole string parses.
  var pendingError: MiniParseError?
  public static let maxDepth = 200

  /// Parses `source` as a pattern of `V`.
  public static func parse<V: MiniValue>(_ source: String, as _: V.Type = V.self)
    throws(MiniParseError) -> MiniNode<V>
  {
    var p = MiniParser(s: Scanner(source))
    let node: MiniNode<V> = try p.alternatives(atom: V.parseAtom, allowRest: true)
    if !p.s.atEnd { throw p.unexpected() }
    if let e = p.pendingError { throw e }
    return node
  }

  typealias AtomParser<V: MiniValue> = (inout Scanner) throws(MiniParseError) -> MiniNode<V>?

  func unexpected(expecting: String? = nil) -> MiniParseError {
    s.unexpectedHere(expecting: expecting)
  }

  /// A sequence, then optionally `, seq…` (stack) or `| seq…` (random choice).
  mutating func alternatives<V: MiniValue>(atom: AtomParser<V>, allowRest: Bool) throws(MiniParseError) -> MiniNode<V> {
    let first = try sequence(atom: atom, allowRest: allowRest)
    if s.peek == "," {
      var members = [first]
      while s.eat(",") {
        members.append(try sequence(atom: atom, allowRest: allowRest))
        forgetRefusalAfterRepeatedMember(members.count, firstRepeated: 3)
      }
      return .stack(members)
    }
    if s.peek == "|" {
      var members = [first]
      while s.eat("|") {
        members.append(try sequence(atom: atom, allowRest: allowRest))
        forgetRefusalAfterRepeatedMember(members.count, firstRepeated: 3)
      }
      let n = newSeed()
      return .choose(seed: n, members)
    }
    return first
  }

  /// Tidal reads separated lists with Parsec's `sepBy`, whose repeated part (`many (sep >> p)`)
  /// keeps only the error of its last, failed attempt at a separator. So a refused ratio
  /// letter inside a member read by that repeated part no longer moves the error position.
  /// Brackets read `a, b, c` as `a` then `sepBy` from `b` (repeated from the third member);
  /// `{ }` and `< >` use `sepBy` from the first (repeated from the second).
  mutating func forgetRefusalAfterRepeatedMember(_ count: Int, firstRepeated: Int) {
    if count >= firstRepeated { s.refusedRatioLetter = nil }
  }

  /// Keeps the first error that Tidal raises only when the pattern is queried (a one-group
  /// `.`, an empty `{ }` or `< >`, a step of length zero or less): any parse error further
  /// on comes first, so it is reported once the whole string has parsed.
  mutating func deferError(_ e: MiniParseError) {
    if pendingError == nil { pendingError = e }
  }

  mutating func newSeed() -> Int {
    defer { seed += 1 }
    return seed
  }

  /// Space-separated steps with `@ _ ! ..` and `.` feet; a trailing `?` degrades the whole.
  mutating func sequence<V: MiniValue>(atom: AtomParser<V>, allowRest: Bool) throws(MiniParseError)
    -> MiniNode<V>
  {
    s.skipSpaces()
    var feet: [[MiniNode<V>.Step]] = [[]]
    var sawFoot = false
    var footIndex = 0
    while true {
      // A '.' here is a foot even when another follows: Tidal reads '..' as a range only
      // right after a step (below), so `[.. a]` and `a!2 .. b` are groups.
      if s.peek == "." {
        footIndex = s.index
        s.advance()
        s.skipSpaces()
        sawFoot = true
        feet.append([])
        continue
      }
      guard let part = try part(atom: atom, allowRest: allowRest) else { break }
      s.skipSpaces()
      if s.peek == ".", s.peek(1) == "." {
        s.index += 2
        s.skipSpaces()
        guard let end = try self.part(atom: atom, allowRest: allowRest) else {
          throw unexpected(expecting: "a value after '..'")
        }
        s.skipSpaces()
        feet[feet.count - 1].append(.init(weight: .one, node: .range(part, end)))
      } else if s.peek == "@" || s.peek == "_" {
        let at = s.index
        var weight = Rational.one
        while s.peek == "@" || s.peek == "_" {
          s.advance()
          if let r = try s.scanRatio() {
            weight = try s.rational { try weight + r - .one }
          } else {
            weight = try s.rational { try weight + .one }
          }
          s.skipSpaces()
        }
        if weight <= .zero {
          deferError(s.error("a step's length must be more than zero", at: at))
          weight = .one
        }
        feet[feet.count - 1].append(.init(weight: weight, node: part))
      } else if s.peek == "!" {
        let at = s.index
        var count = 1
        while s.eat("!") {
          if let c = s.peek, Scanner.isDigit(c) {
            var n = 0
            while let c = s.peek, Scanner.isDigit(c) {
              n = n * 10 + Int(c.value - 48)
              if n > 100_000 { throw s.error("too many repeats (at most 100000)", at: at) }
              s.advance()
            }
            count += n - 1
          } else {
            count += 1
          }
          s.skipSpaces()
        }
        for _ in 0..<max(count, 0) {
          feet[feet.count - 1].append(.init(weight: .one, node: part))
        }
      } else {
        feet[feet.count - 1].append(.init(weight: .one, node: part))
      }
    }
    // A trailing '.' leaves an empty last foot, which Tidal drops; with a single foot left,
    // the '.' has nothing to divide (Tidal fails at run time; we say so here).
    if sawFoot, feet.count > 1, feet.last!.isEmpty { feet.removeLast() }
    var node: MiniNode<V>
    if feet.count > 1 {
      node = .sequence(feet.map { .init(weight: .one, node: .sequence($0)) })
    } else {
      if sawFoot {
        deferError(s.error("'.' divides a sequence into groups, but there is only one group", at: footIndex))
      }
      node = .sequence(feet[0])
    }
    return try degrade(node)
  }

  /// `?` or `?0.7` after a part or sequence.
  mutating func degrade<V: MiniValue>(_ node: MiniNode<V>) throws(MiniParseError) -> MiniNode<V> {
    guard s.eat("?") else { return node }
    var amount = 0.5
    if let c = s.peek, Scanner.isDigit(c) {
      amount = try s.scanCommittedFloat().double
    }
    s.skipSpaces()
    return .degrade(seed: newSeed(), amount: amount, node)
  }

  /// One step: an atom, rest, bracketed group or variable, with its modifiers.
  mutating func part<V: MiniValue>(atom: AtomParser<V>, allowRest: Bool) throws(MiniParseError)
    -> MiniNode<V>?
  {
    // Only this step's own atom parser may leave a refused ratio letter for the error.
    s.refusedRatioLetter = nil
    var node: MiniNode<V>
    switch s.peek {
    case "[":
      node = try brackets(atom: atom, allowRest: allowRest)
      node = try multiply(node)
    case "{", "<":
      node = try polymeter(atom: atom, allowRest: allowRest)
      node = try multiply(node)
    case "^":
      s.advance()
      let start = s.index
      while let c = s.peek,
        Scanner.isLetter(c) || Scanner.isDigit(c) || c == ":" || c == "." || c == "-" || c == "_"
      {
        s.advance()
      }
      node = .variable(s.text(start, s.index))
    default:
      let start = s.index
      if let a = try atom(&s) {
        // Chords are stacks of atoms without positions, as in Tidal.
        if case .atom(let v, _) = a { node = .atom(v, context: context(at: start)) } else { node = a }
      } else if allowRest, s.peek == "~" {
        s.advance()
        node = .silence
      } else if allowRest, s.peek == "-" {
        // Later Tidal: '-' is a rest unless it starts a number (the atom parser took those).
        s.advance()
        node = .silence
      } else if !allowRest, s.peek == "-" || s.peek == "+" {
        // Among numbers only (Euclid arguments, factors, steps) a sign commits Tidal's
        // parser to a number, so it fails just after the sign.
        s.advance()
        throw unexpected(expecting: "a number after the sign")
      } else {
        return nil
      }
      node = try degrade(node)
      node = try multiply(node)
    }
    node = try euclid(node)
    return try degrade(node)
  }

  /// `[ … ]`: a subsequence, stack or random choice.
  mutating func brackets<V: MiniValue>(atom: AtomParser<V>, allowRest: Bool) throws(MiniParseError)
    -> MiniNode<V>
  {
    let open = s.index
    try enter(at: open)
    s.advance()
    let node = try alternatives(atom: atom, allowRest: allowRest)
    try close("]", "[", openedAt: open)
    depth -= 1
    return node
  }

  /// `{ … }` with optional `%steps`, or `< … >`.
  mutating func polymeter<V: MiniValue>(atom: AtomParser<V>, allowRest: Bool) throws(MiniParseError)
    -> MiniNode<V>
  {
    let open = s.index
    let angle = s.peek == "<"
    try enter(at: open)
    s.advance()
    var members: [MiniNode<V>] = [try sequence(atom: atom, allowRest: allowRest)]
    while s.eat(",") {
      members.append(try sequence(atom: atom, allowRest: allowRest))
      forgetRefusalAfterRepeatedMember(members.count, firstRepeated: 2)
    }
    try close(angle ? ">" : "}", angle ? "<" : "{", openedAt: open)
    depth -= 1
    for m in members {
      if case .sequence(let steps) = m, steps.isEmpty {
        deferError(s.error("empty \(angle ? "'< >'" : "'{ }'"): it needs at least one step", at: open))
      }
    }
    if angle { return .polymeter(steps: .atom(.one), members) }
    var steps: MiniNode<Rational>? = nil
    if s.eat("%") {
      steps = try sequence(atom: Rational.parseAtom, allowRest: false)
    }
    return .polymeter(steps: steps, members)
  }

  /// `*factor` and `/factor`, chained (an extension: Tidal allows one).
  mutating func multiply<V: MiniValue>(_ node: MiniNode<V>) throws(MiniParseError) -> MiniNode<V> {
    var node = node
    while s.peek == "*" || s.peek == "/" {
      let fast = s.peek == "*"
      s.advance()
      s.skipSpaces()
      let factor = try factor()
      node = fast ? .fast(factor, node) : .slow(factor, node)
    }
    return node
  }

  /// A factor: a number, or a bracketed, alternating or polymetric pattern of numbers.
  mutating func factor() throws(MiniParseError) -> MiniNode<Rational> {
    switch s.peek {
    case "[":
      return try multiply(try brackets(atom: Rational.parseAtom, allowRest: false))
    case "{", "<":
      return try multiply(try polymeter(atom: Rational.parseAtom, allowRest: false))
    default:
      let start = s.index
      guard let r = try s.scanRatio() else {
        // Point past a dangling sign, at what should have been the number.
        if s.peek == "-" || s.peek == "+" { s.advance() }
        throw unexpected(expecting: "a number such as 2, 1.5, 1%3, or a pattern of numbers")
      }
      return .atom(r, context: context(at: start))
    }
  }

  /// Where an atom starting at `index` was written, as Tidal records it (`wrapPos`).
  func context(at index: Int) -> SourceContext {
    let p = s.position(of: index)
    return SourceContext(column: p.column, line: p.line)
  }

  /// `(k,n)` or `(k,n,r)`, each a sequence of whole numbers.
  mutating func euclid<V: MiniValue>(_ node: MiniNode<V>) throws(MiniParseError) -> MiniNode<V> {
    guard s.peek == "(" else { return node }
    let open = s.index
    try enter(at: open)
    s.advance()
    let k = try sequence(atom: Int.parseAtom, allowRest: false)
    s.skipSpaces()
    guard s.eat(",") else {
      throw unexpected(expecting: "',' and a step count, as in bd(3,8)")
    }
    let n = try sequence(atom: Int.parseAtom, allowRest: false)
    var r: MiniNode<Int> = .atom(0)
    if s.eat(",") { r = try sequence(atom: Int.parseAtom, allowRest: false) }
    try close(")", "(", openedAt: open)
    depth -= 1
    return .euclid(k, n, r, node)
  }

  mutating func enter(at i: Int) throws(MiniParseError) {
    depth += 1
    if depth > MiniParser.maxDepth {
      throw s.error("brackets nested too deeply (more than \(MiniParser.maxDepth))", at: i)
    }
  }

  mutating func close(_ closer: Unicode.Scalar, _ opener: Unicode.Scalar, openedAt open: Int)
    throws(MiniParseError)
  {
    s.skipSpaces()
    if s.eat(closer) { return }
    if s.refusedRatioLetter == s.index { throw s.unexpectedHere() }
    let p = s.position(of: open)
    let what = s.atEnd ? "" : "; found \(s.describe(at: s.index))"
    throw s.error(
      "unclosed '\(Character(opener))' opened at \(p.line):\(p.column): expected '\(Character(closer))'\(what)"
    )
  }
}
