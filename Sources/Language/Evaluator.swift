import Controls
import Pattern
import Time

/// Evaluates expressions to values. `bindings` holds the names made by `let`.
public struct Evaluator: Sendable {
  public var bindings: [String: Value] = [:]

  public init(bindings: [String: Value] = [:]) { self.bindings = bindings }

  /// Parses and evaluates one expression.
  public func evaluate(_ text: String) throws -> Value {
    let expr = try Parser.parse(text)
    do {
      return try evaluate(expr)
    } catch let e as LanguageError {
      throw e.with(source: text)
    }
  }

  /// Evaluates a parsed expression.
  public func evaluate(_ expr: Expr) throws -> Value {
    switch expr {
    case .number(let r, _, let fractional): return .number(r, fractional: fractional)
    case .string(let s, let p): return .string(s, p)
    case .name(let n, let p): return try lookup(n, at: p)
    case .apply(let f, let x):
      return try apply(try evaluate(f), Argument(value: try evaluate(x), position: x.position))
    case .binary(let op, let p, let l, let r):
      let f = try lookup(op, at: p)
      let partial = try apply(f, Argument(value: try evaluate(l), position: l.position))
      return try apply(partial, Argument(value: try evaluate(r), position: r.position))
    case .negate(let e, let p):
      return try Evaluator.negate(try evaluate(e), at: p)
    case .operatorRef(let op, let p):
      return try lookup(op, at: p)
    case .leftSection(let op, let p, let e):
      return try apply(try lookup(op, at: p), Argument(value: try evaluate(e), position: e.position))
    case .rightSection(let op, let p, let e):
      guard case .function(let f) = try lookup(op, at: p) else {
        throw LanguageError(.type, "'\(op)' is not an operator", at: p)
      }
      let right = Argument(value: try evaluate(e), position: e.position)
      return .function(
        FunctionValue(name: "(\(op) …)", arity: 1) { args in
          let partial = try f.apply(args.items[0])
          guard case .function(let g) = partial else { return partial }
          return try g.apply(right)
        })
    case .list(let xs, _):
      return .list(try xs.map { try evaluate($0) })
    case .tuple(let xs, _):
      return .tuple(try xs.map { try evaluate($0) })
    case .parens(let e, _):
      return try evaluate(e)
    case .lambda(let names, let body, let p):
      return .function(lambda(names, body, at: p))
    case .range(let from, let next, let to, let p):
      return try Evaluator.range(try evaluate(from), try next.map { try evaluate($0) }, try evaluate(to), at: p)
    }
  }

  /// A lambda as a function value; it sees the bindings of where it was written.
  func lambda(_ names: [String], _ body: Expr, at position: SourcePosition) -> FunctionValue {
    let outer = self
    let name = "\\" + names.joined(separator: " ") + " -> …"
    return FunctionValue(name: name, arity: names.count) { args in
      var inner = outer
      for (n, a) in zip(names, args.items) where n != "_" { inner.bindings[n] = a.value }
      return try inner.evaluate(body)
    }
  }

  static let maxRangeLength = 100_000

  /// Haskell's `enumFromTo` / `enumFromThenTo` on exact numbers. Whole numbers enumerate as
  /// `Integer` does (stop at the end); with a fraction anywhere they enumerate as `Fractional`
  /// does (go on while within half a step past the end).
  static func range(_ from: Value, _ next: Value?, _ to: Value, at position: SourcePosition) throws -> Value {
    guard case .number(let a, _) = from, case .number(let c, _) = to else {
      throw LanguageError(.type, "a list range `[a .. b]` needs numbers", at: position)
    }
    var step = Rational.one
    var fractional = !a.isInteger || !c.isInteger
    if let next {
      guard case .number(let b, _) = next else {
        throw LanguageError(.type, "a list range `[a, b .. c]` needs numbers", at: position)
      }
      step = try b - a
      fractional = fractional || !b.isInteger
    }
    let slack = fractional ? try (step.isNegative ? -step : step) * .half : .zero
    if step.isZero {
      throw LanguageError(.invalidArgument, "a list range with a zero step never ends", at: position)
    }
    var out: [Value] = []
    var x = a
    while step.isNegative ? x >= (try c - slack) : x <= (try c + slack) {
      if out.count >= maxRangeLength {
        throw LanguageError(.limit, "a list range of more than \(maxRangeLength) items", at: position)
      }
      out.append(.number(x))
      x = try x + step
    }
    return .list(out)
  }

  func lookup(_ name: String, at position: SourcePosition) throws -> Value {
    if let v = bindings[name] { return v }
    if let e = Library.entry(name) { return try e.value(at: position) }
    if let reason = Params.unsupported(name) { throw LanguageError(.unknownName, reason.message(name), at: position) }
    let isOperator = name.first.map { Lexer.operatorCharacters.contains($0) } ?? false
    let candidates = Array(bindings.keys) + Library.names
    let hint = Suggest.closest(to: name, in: candidates).map { " — did you mean '\($0)'?" } ?? ""
    throw LanguageError(
      .unknownName, "unknown \(isOperator ? "operator" : "function") '\(name)'\(hint)", at: position)
  }

  func apply(_ f: Value, _ arg: Argument) throws -> Value {
    guard case .function(let fn) = f else {
      var hint = ""
      if case .pattern(let p) = f, p.type == .control { hint = " (is a `#` or `$` missing?)" }
      throw LanguageError(
        .type, "\(f.kindDescription) is not a function, so it cannot be applied to \(arg.value.kindDescription)\(hint)",
        at: arg.position)
    }
    return try fn.apply(arg)
  }

  /// Prefix minus: exact on numbers, `fmap negate` on patterns.
  static func negate(_ v: Value, at position: SourcePosition) throws -> Value {
    if case .number(let r, let fractional) = v { return .number(-r, fractional: fractional) }
    guard let p = try Arguments.asPattern(Argument(value: v, position: position)) else {
      throw LanguageError(.type, "cannot negate \(v.kindDescription)", at: position)
    }
    return .pattern(
      p.mapTyped { t, pat in
        guard t.isNumeric || t == .control else {
          throw LanguageError(.type, "cannot negate \(t.patternDescription)", at: position)
        }
        return pat.map { a in try Arith.negate(a) }
      })
  }
}
