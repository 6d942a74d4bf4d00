import Pattern
import Time

/// A pattern value in the evaluator: atoms tagged with an element type. The type may still be
/// open (`type == nil`) for values made from string and number literals, which are typed by
/// the context that uses them, as Tidal's overloaded strings and numbers are.
public struct PatternValue: Sendable {
  /// The element type, or nil while the context has not decided it.
  public let type: ElementType?
  /// The type used when nothing decides (strings: string, numbers: double).
  public let defaultType: ElementType
  let build: @Sendable (ElementType) throws -> Pattern<Atom>

  init(
    type: ElementType?, defaultType: ElementType,
    _ build: @escaping @Sendable (ElementType) throws -> Pattern<Atom>
  ) {
    self.type = type
    self.defaultType = type ?? defaultType
    self.build = build
  }

  /// A pattern of a known type.
  init(_ type: ElementType, _ pattern: Pattern<Atom>) {
    self.init(type: type, defaultType: type) { _ in pattern }
  }

  /// The pattern as `type`. - Throws when it cannot be that type.
  public func pattern(as type: ElementType) throws -> Pattern<Atom> {
    if let own = self.type, own != type {
      throw PatternError.invalidArgument("expected \(type.patternDescription), got \(own.patternDescription)")
    }
    return try build(type)
  }

  /// Applies a type-independent transformation, keeping the type open if it is.
  func map(_ f: @escaping @Sendable (Pattern<Atom>) throws -> Pattern<Atom>) -> PatternValue {
    let b = build
    return PatternValue(type: type, defaultType: defaultType) { t in try f(try b(t)) }
  }

  /// Applies a transformation that also needs the element type.
  func mapTyped(_ f: @escaping @Sendable (ElementType, Pattern<Atom>) throws -> Pattern<Atom>)
    -> PatternValue
  {
    let b = build
    return PatternValue(type: type, defaultType: defaultType) { t in try f(t, try b(t)) }
  }

  /// Combines patterns that must share one type (`stack`, `+`, `cat` …).
  static func combine(
    _ values: [PatternValue], defaultType: ElementType? = nil,
    _ f: @escaping @Sendable (ElementType, [Pattern<Atom>]) throws -> Pattern<Atom>
  ) throws -> PatternValue {
    var type: ElementType? = nil
    for v in values {
      if let t = v.type {
        if let u = type, u != t {
          throw PatternError.invalidArgument("cannot combine \(u.patternDescription) with \(t.patternDescription)")
        }
        type = t
      }
    }
    let builds = values.map(\.build)
    return PatternValue(type: type, defaultType: type ?? defaultType ?? values.first?.defaultType ?? .string) { t in
      try f(t, try builds.map { try $0(t) })
    }
  }
}

/// A curried function value: a library function, operator, section or composition, with the
/// arguments given so far.
public struct FunctionValue: Sendable {
  public let name: String
  let arity: Int
  let arguments: [Argument]
  let body: @Sendable (Arguments) throws -> Value

  init(name: String, arity: Int, arguments: [Argument] = [], _ body: @escaping @Sendable (Arguments) throws -> Value) {
    self.name = name
    self.arity = arity
    self.arguments = arguments
    self.body = body
  }
}

/// An argument value with where it was written.
struct Argument: Sendable {
  var value: Value
  var position: SourcePosition
}

/// A runtime value of the language.
public indirect enum Value: Sendable {
  /// An exact number literal (or arithmetic on literals). `fractional` when a literal written
  /// with a point or exponent went into it: as a control pattern it is then `speed`, as
  /// Haskell's `fromRational` makes it, even when its value is whole (`1.0`).
  case number(Rational, fractional: Bool = false)
  /// A string literal: mini-notation whose type the context decides.
  case string(String, SourcePosition)
  case pattern(PatternValue)
  case function(FunctionValue)
  case list([Value])
  case tuple([Value])
  /// A shell statement made by `d1`, `hush`, `once` … .
  case statement(Statement)

  /// How messages name the value: "a control pattern", "a function".
  public var kindDescription: String {
    switch self {
    case .number: "a number"
    case .string: "a string"
    case .pattern(let p): p.type?.patternDescription ?? "a pattern"
    case .function(let f): "the function '\(f.name)'"
    case .list: "a list"
    case .tuple: "a tuple"
    case .statement: "a statement"
    }
  }
}
