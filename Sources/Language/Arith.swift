import Controls
import Pattern
import Time

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Arithmetic and union on atoms, as Tidal's `Num`, `Fractional`, `Moddable` and `Unionable`
/// instances define them (including `Num ValueMap` on control maps).
enum Arith {
  /// The operator families: `+ - * / % ** < > ++`.
  static func supports(_ op: String, _ t: ElementType) -> Bool {
    switch op {
    case "<", ">": return true
    case "++": return t == .string
    case "+", "-", "*": return t.isNumeric || t == .control
    case "/": return t.isFractional || t == .control
    case "%": return t.isNumeric || t == .control
    case "**": return t == .double || t == .note
    default: return false
    }
  }

  static func haskellMod(_ a: Int, _ b: Int) throws -> Int {
    guard b != 0 else { throw PatternError.invalidArgument("division by zero (mod 0)") }
    let r = a % b
    return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
  }

  /// `mod'` on doubles: `x - y * floor(x / y)`. Tidal's `mod'` divides as rationals, so a zero
  /// divisor is an error there (not NaN).
  static func modDouble(_ x: Double, _ y: Double) throws -> Double {
    guard y != 0 else { throw PatternError.invalidArgument("division by zero (mod 0)") }
    return x - y * (x / y).rounded(.down)
  }

  static func modRational(_ x: Rational, _ y: Rational) throws -> Rational {
    try x - y * (try x / y).floor
  }

  static func binary(_ op: String, _ a: Atom, _ b: Atom) throws -> Atom {
    switch op {
    case "<": return union(a, b)
    case ">": return union(b, a)
    default: break
    }
    switch (a, b) {
    case (.double(let x), .double(let y)): return .double(try double(op, x, y))
    case (.note(let x), .note(let y)): return .note(try double(op, x, y))
    case (.int(let x), .int(let y)):
      switch op {
      case "+": return .int(x &+ y)
      case "-": return .int(x &- y)
      case "*": return .int(x &* y)
      case "%": return .int(try haskellMod(x, y))
      default: break
      }
    case (.rational(let x), .rational(let y)):
      switch op {
      case "+": return .rational(try x + y)
      case "-": return .rational(try x - y)
      case "*": return .rational(try x * y)
      case "/": return .rational(try x / y)
      case "%": return .rational(try modRational(x, y))
      default: break
      }
    case (.string(let x), .string(let y)) where op == "++": return .string(x + y)
    case (.control(let x), .control(let y)): return .control(try control(op, x, y))
    default: break
    }
    throw PatternError.invalidArgument("'\(op)' does not apply to these values")
  }

  static func double(_ op: String, _ x: Double, _ y: Double) throws -> Double {
    switch op {
    case "+": return x + y
    case "-": return x - y
    case "*": return x * y
    case "/": return x / y
    case "%": return try modDouble(x, y)
    case "**": return pow(x, y)
    default: throw PatternError.invalidArgument("'\(op)' does not apply to numbers")
    }
  }

  /// Haskell's `union` for `Unionable`: control maps merge (left wins), other values keep the
  /// left one.
  static func union(_ a: Atom, _ b: Atom) -> Atom {
    if case .control(let x) = a, case .control(let y) = b { return .control(x.union(y)) }
    return a
  }

  /// `Num ValueMap`: `+` and `*` are `unionWith (fNum2 …)`; `-` is `+ negate`, `/` is
  /// `* recip` (which leaves ints alone), `%` is `unionWith (fNum2 mod mod')`.
  static func control(_ op: String, _ x: ControlMap, _ y: ControlMap) throws -> ControlMap {
    func plus(_ a: ControlValue, _ b: ControlValue) -> ControlValue {
      ControlValue.numeric(a, b, int: { $0 &+ $1 }, float: +)
    }
    func times(_ a: ControlValue, _ b: ControlValue) -> ControlValue {
      ControlValue.numeric(a, b, int: { $0 &* $1 }, float: *)
    }
    switch op {
    case "+": return x.unionWith(y, plus)
    case "*": return x.unionWith(y, times)
    case "-": return x.unionWith(y.mapValues { $0.applyFIS(float: { -$0 }, int: { 0 &- $0 }) }, plus)
    case "/": return x.unionWith(y.mapValues { $0.applyFIS(float: { 1 / $0 }, int: { $0 }) }, times)
    case "%":
      return try x.unionWith(y) { a, b in
        try ControlValue.numeric(a, b, int: haskellMod, float: modDouble)
      }
    default:
      throw PatternError.invalidArgument("'\(op)' does not apply to control patterns")
    }
  }

  static func negate(_ a: Atom) throws -> Atom {
    switch a {
    case .double(let d): return .double(-d)
    case .note(let d): return .note(-d)
    case .int(let i): return .int(0 &- i)
    case .rational(let r): return .rational(-r)
    case .control(let m): return .control(m.mapValues { $0.applyFIS(float: { -$0 }, int: { 0 &- $0 }) })
    default: throw PatternError.invalidArgument("cannot negate a non-number")
    }
  }

  /// Exact arithmetic on two number literals.
  static func numbers(_ op: String, _ x: Rational, _ y: Rational) throws -> Rational? {
    switch op {
    case "+", "|+|", "|+", "+|": return try x + y
    case "-", "|-|", "|-", "-|": return try x - y
    case "*", "|*|", "|*", "*|": return try x * y
    case "/", "|/|", "|/", "/|": return try x / y
    default: return nil
    }
  }
}
