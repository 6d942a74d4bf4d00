import Controls
import MiniNotation
import Pattern
import Time

/// A pattern transformation given as an argument (`rev`, `(# speed 2)`, `fast 2 . rev`), as a
/// Swift function of the element type and the pattern.
typealias Transform = @Sendable (ElementType, Pattern<Atom>) throws -> Pattern<Atom>

/// The arguments of one library call, with conversions that report type errors at the
/// argument's position.
struct Arguments: Sendable {
  let function: String
  let items: [Argument]
  /// Where the call starts (for errors about the call as a whole).
  let position: SourcePosition

  subscript(i: Int) -> Value { items[i].value }

  static let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth"]

  func typeError(_ i: Int, wants: String) -> LanguageError {
    let ordinal = i < Arguments.ordinals.count ? Arguments.ordinals[i] : "\(i + 1)th"
    return LanguageError(
      .type, "`\(function)` wants \(wants) as its \(ordinal) argument, got \(items[i].value.kindDescription)",
      at: items[i].position)
  }

  /// Any pattern (its type open or known).
  func pattern(_ i: Int) throws -> PatternValue {
    guard let p = try Arguments.asPattern(items[i]) else { throw typeError(i, wants: "a pattern") }
    return p
  }

  /// A pattern of `type`.
  func typed(_ i: Int, _ type: ElementType) throws -> Pattern<Atom> {
    let wants = type == .rational || type == .double ? "a number pattern" : type.patternDescription
    guard let p = try Arguments.asPattern(items[i]) else { throw typeError(i, wants: wants) }
    if let own = p.type, own != type {
      if own.isNumeric && type.isNumeric {
        return try Arguments.convert(p.build(own), to: type)
      }
      throw typeError(i, wants: wants)
    }
    return try p.build(type)
  }

  static func convert(_ p: Pattern<Atom>, to type: ElementType) throws -> Pattern<Atom> {
    p.map { a in
      guard let d = a.doubleValue else { throw PatternError.invalidArgument("not a number") }
      if type == .rational, let r = a.rationalValue { return .rational(r) }
      return try Atom.fromDouble(d, as: type)
    }
  }

  func rationals(_ i: Int) throws -> Pattern<Rational> {
    try typed(i, .rational).compactMap { $0.rationalValue }
  }
  func ints(_ i: Int) throws -> Pattern<Int> { try typed(i, .int).compactMap { $0.intValue } }
  func doubles(_ i: Int) throws -> Pattern<Double> { try typed(i, .double).compactMap { $0.doubleValue } }
  func bools(_ i: Int) throws -> Pattern<Bool> {
    try typed(i, .bool).compactMap { if case .bool(let b) = $0 { b } else { nil } }
  }
  func strings(_ i: Int) throws -> Pattern<String> {
    try typed(i, .string).compactMap { if case .string(let s) = $0 { s } else { nil } }
  }
  func controls(_ i: Int) throws -> Pattern<ControlMap> {
    try typed(i, .control).compactMap { if case .control(let m) = $0 { m } else { nil } }
  }

  /// A plain number.
  func number(_ i: Int) throws -> Rational {
    guard case .number(let r, _) = items[i].value else { throw typeError(i, wants: "a number") }
    return r
  }

  /// A list of values.
  func list(_ i: Int) throws -> [Argument] {
    guard case .list(let xs) = items[i].value else { throw typeError(i, wants: "a list") }
    return xs.map { Argument(value: $0, position: items[i].position) }
  }

  /// A pair of numbers `(a, b)`.
  func pair(_ i: Int) throws -> (Rational, Rational) {
    guard case .tuple(let xs) = items[i].value, xs.count == 2, case .number(let a, _) = xs[0],
      case .number(let b, _) = xs[1]
    else { throw typeError(i, wants: "a pair of numbers such as (1/4, 3/4)") }
    return (a, b)
  }

  /// A function from pattern to pattern, checked to keep the pattern's type.
  func transform(_ i: Int) throws -> Transform {
    try Arguments.transform(items[i], in: function, ordinal: i)
  }

  static func transform(_ arg: Argument, in function: String, ordinal i: Int) throws -> Transform {
    guard case .function(let f) = arg.value, f.arity - f.arguments.count == 1 else {
      let ordinal = i < ordinals.count ? ordinals[i] : "\(i + 1)th"
      throw LanguageError(
        .type,
        "`\(function)` wants a function from pattern to pattern as its \(ordinal) argument, got \(arg.value.kindDescription)",
        at: arg.position)
    }
    let position = arg.position
    return { type, pattern in
      let result = try f.apply(Argument(value: .pattern(PatternValue(type, pattern)), position: position))
      guard let p = try asPattern(Argument(value: result, position: position)) else {
        throw LanguageError(
          .type, "the function given to `\(function)` returns \(result.kindDescription), not a pattern",
          at: position)
      }
      if let t = p.type, t != type {
        throw LanguageError(
          .type, "the function given to `\(function)` turns \(type.patternDescription) into \(t.patternDescription)",
          at: position)
      }
      return try p.build(type)
    }
  }

  /// Numbers, strings and patterns as a pattern value; nil for other values.
  static func asPattern(_ arg: Argument) throws -> PatternValue? {
    switch arg.value {
    case .pattern(let p): return p
    case .number(let r, let fractional): return numberPattern(r, fractional: fractional, at: arg.position)
    case .string(let s, let p): return stringPattern(s, at: p)
    default: return nil
    }
  }

  static func numberPattern(_ r: Rational, fractional: Bool = false, at position: SourcePosition) -> PatternValue {
    PatternValue(type: nil, defaultType: .double) { t in
      guard let a = Atom.number(r, as: t, fractional: fractional) else {
        let what = t == .int ? "a whole number" : t.patternDescription
        throw LanguageError(.type, "the number \(r) is used where \(what) is needed", at: position)
      }
      return .pure(a)
    }
  }

  static func stringPattern(_ text: String, at position: SourcePosition) -> PatternValue {
    PatternValue(type: nil, defaultType: .string) { t in
      do {
        return try t.parse(text)
      } catch let e as MiniParseError {
        // Columns inside the string, shifted past the opening quote.
        let column = e.line == 1 ? position.column + e.column : e.column
        throw LanguageError(
          .miniNotation, "in \(t.rawValue) mini-notation: \(e.message)",
          at: SourcePosition(line: position.line + e.line - 1, column: column))
      } catch let e as PatternError {
        throw LanguageError(.invalidArgument, e.description, at: position)
      }
    }
  }
}

extension FunctionValue {
  /// Applies one more argument; runs the body once all are given.
  func apply(_ arg: Argument) throws -> Value {
    let args = arguments + [arg]
    if args.count < arity {
      return .function(FunctionValue(name: name, arity: arity, arguments: args, body))
    }
    return try body(Arguments(function: name, items: args, position: args[0].position))
  }
}
