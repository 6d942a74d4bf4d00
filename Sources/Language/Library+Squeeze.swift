import Pattern
import Time

extension Library {
  /// Tidal 1.9's squeezing operators (`||+` … `||<`), `repeatCycles`, `fastRepeatCycles`, and
  /// the list-to-pattern functions (`fromList`, `fastFromList`, `listToPat`).
  static var squeezeFunctions: [LibraryEntry] {
    var out = Operators.families.map(squeezeArithmetic)
    out += [
      transform(
        "repeatCycles", "Pattern Int -> Pattern a -> Pattern a", arity: 2,
        help: "Plays each cycle n times before moving on to the next.",
        example: "repeatCycles 2 \"<a b c>\""
      ) { args, p in
        .patterned(try args.ints(0)) { n in try repeatCycles(n, p) }
      },
      LibraryEntry(
        "fastRepeatCycles", .function, "Int -> Pattern a -> Pattern a", arity: 2,
        help: "`repeatCycles` with a plain number.", example: "fastRepeatCycles 2 \"<a b c>\""
      ) { args in
        let n = try args.number(0)
        guard n.isInteger else { throw args.typeError(0, wants: "a whole number") }
        return .pattern(try args.pattern(1).map { p in try repeatCycles(Int(n.numerator), p) })
      },
    ]
    return out
  }

  /// `a ||op b`: Tidal 1.9's `op <$> a <<* b`, b's whole cycle squeezed into each event of a
  /// (`squeezeJoin`), the values combined as `|op` combines them.
  static func squeezeArithmetic(_ family: String) -> LibraryEntry {
    let op = "||" + family
    let example: String =
      switch family {
      case "<", ">": "s \"bd sn\" \(op) n \"1 2\""
      case "++": "\"a b\" \(op) \"c d\""
      case "**": "\"2 3\" \(op) \"1 2\""
      default: "n \"0 10\" \(op) n \"1 2 3\""
      }
    let signature: String =
      switch family {
      case "++": "Pattern String -> Pattern String -> Pattern String"
      case "<", ">": "Unionable a => Pattern a -> Pattern a -> Pattern a"
      case "/": "Fractional a => Pattern a -> Pattern a -> Pattern a"
      case "%": "Moddable a => Pattern a -> Pattern a -> Pattern a"
      case "**": "Floating a => Pattern a -> Pattern a -> Pattern a"
      default: "Num a => Pattern a -> Pattern a -> Pattern a"
      }
    return LibraryEntry(
      op, .operator_, signature, arity: 2,
      help: "`\(family)` with structure from the left, the right pattern's cycle squeezed into each left event.",
      example: example, as: family == "**" ? .double : family == "++" ? .string : .control
    ) { args in
      let position = args.items[1].position
      do {
        let numeric = family != "<" && family != ">" && family != "++"
        return .pattern(
          try PatternValue.combine([try args.pattern(0), try args.pattern(1)], defaultType: numeric ? .double : nil) {
            t, ps in
            guard Arith.supports(family, t) else {
              throw LanguageError(.type, "`\(op)` does not work on \(t.pluralDescription)", at: position)
            }
            let right = ps[1]
            return .squeezeJoin(ps[0].map { x in right.map { y in try Arith.binary(family, x, y) } })
          })
      } catch let e as PatternError {
        throw LanguageError(.type, "`\(op)`: \(e.description)", at: position)
      }
    }
  }

  /// Tidal's `_repeatCycles n p = cat (replicate n p)`: `cat` plays copy `c mod n` on its
  /// `c div n`-th turn, which is p's cycle `c div n`.
  static func repeatCycles(_ n: Int, _ p: Pattern<Atom>) throws -> Pattern<Atom> {
    guard n > 0 else { return .silence }
    guard n <= 1 << 16 else { throw PatternError.invalidArgument("repeatCycles: \(n) repeats are too many") }
    return .slowcat(Array(repeating: p, count: n))
  }

}
