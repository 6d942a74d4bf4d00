import Pattern
import Time

extension Library {
  /// `$`, `.`, arithmetic, `#` and the `|+|` family, `<~` and `~>`, `<>`.
  static var operatorEntries: [LibraryEntry] {
    var out: [LibraryEntry] = [
      LibraryEntry(
        "$", .operator_, "(a -> b) -> a -> b", arity: 2,
        help: "Application with the lowest precedence: `f $ g $ x` is `f (g x)`.",
        example: "fast 2 $ \"bd sn\""
      ) { args in
        guard case .function(let f) = args[0] else {
          throw LanguageError(
            .type, "\(args[0].kindDescription) is not a function, so `$` cannot apply it",
            at: args.items[0].position)
        }
        return try f.apply(args.items[1])
      },
      LibraryEntry(
        ".", .operator_, "(b -> c) -> (a -> b) -> a -> c", arity: 2,
        help: "Composition: `(f . g) x` is `f (g x)`.", example: "(rev . fast 2) \"a b c\""
      ) { args in
        guard case .function(let f) = args[0] else { throw args.typeError(0, wants: "a function") }
        guard case .function(let g) = args[1] else { throw args.typeError(1, wants: "a function") }
        return .function(
          FunctionValue(name: "\(f.name) . \(g.name)", arity: 1) { inner in
            try f.apply(Argument(value: try g.apply(inner.items[0]), position: inner.items[0].position))
          })
      },
      shift("<~", earlier: true), shift("~>", earlier: false),
      LibraryEntry(
        "<>", .operator_, "Pattern a -> Pattern a -> Pattern a", arity: 2,
        help: "Plays both patterns at once (`overlay`).", example: "\"a b\" <> \"c*3\""
      ) { args in
        .pattern(try PatternValue.combine([try args.pattern(0), try args.pattern(1)]) { _, ps in .stack(ps) })
      },
    ]
    out.append(ratio)
    let plain: [(String, String)] = [("+", "add"), ("-", "subtract"), ("*", "multiply"), ("/", "divide")]
    for (op, verb) in plain {
      out.append(
        arithmetic(
          op, family: op, structure: .both, help: "Numeric \(verb), structure from both sides (Tidal's `Num` instance)."
        ))
    }
    for f in Operators.families {
      out.append(arithmetic("|\(f)|", family: f, structure: .both, help: "`\(f)` with structure from both sides."))
      out.append(arithmetic("|\(f)", family: f, structure: .left, help: "`\(f)` with structure from the left."))
      out.append(arithmetic("\(f)|", family: f, structure: .right, help: "`\(f)` with structure from the right."))
    }
    out.append(
      arithmetic(
        "#", family: ">", structure: .left,
        help: "Sets controls: values from the right, structure from the left (`|>`)."))
    return out
  }

  static func arithmetic(_ op: String, family: String, structure: Structure, help: String) -> LibraryEntry {
    let example =
      switch family {
      case "<", ">": "s \"bd*4\" # n 1 \(op) n \"2 3\""
      case "++": "\"a b\" \(op) \"c\""
      case "**": "\"2 3\" \(op) \"2\""
      default: "n \"0 2\" \(op) n \"10 20 30\""
      }
    return LibraryEntry(
      op, .operator_, "Pattern a -> Pattern a -> Pattern a", arity: 2, help: help, example: example,
      as: family == "**" ? .double : family == "++" ? .string : .control
    ) { args in
      if case .number(let x, let fx) = args[0], case .number(let y, let fy) = args[1] {
        do {
          if let r = try Arith.numbers(op, x, y) { return .number(r, fractional: fx || fy) }
        } catch {
          throw LanguageError(.invalidArgument, "\(error)", at: args.items[1].position)
        }
      }
      let a = try args.pattern(0)
      let b = try args.pattern(1)
      let position = args.items[1].position
      let combined: PatternValue
      do {
        let numeric = family != "<" && family != ">" && family != "++"
        combined = try PatternValue.combine([a, b], defaultType: numeric ? .double : nil) { t, ps in
          guard Arith.supports(family, t) else {
            throw LanguageError(.type, "`\(op)` does not work on \(t.pluralDescription)", at: position)
          }
          return ps[0].zip(ps[1], structure: structure) { x, y in try Arith.binary(family, x, y) }
        }
      } catch let e as PatternError {
        throw LanguageError(.type, "`\(op)`: \(e.description)", at: position)
      }
      return .pattern(combined)
    }
  }

  /// Haskell's `%` from `Data.Ratio`, as Tidal code writes exact times: `(1%3) ~> p`,
  /// `timeCat [(1%3, a), (2%3, b)]`. It takes two whole numbers; patterns are not `Integral`.
  static var ratio: LibraryEntry {
    LibraryEntry(
      "%", .operator_, "Integer -> Integer -> Rational", arity: 2,
      help: "An exact fraction of two whole numbers (Haskell's `Data.Ratio`).", example: "(1%3) ~> \"a b\""
    ) { args in
      for i in 0..<2 {
        guard case .number(let x, _) = args[i], x.isInteger else {
          throw LanguageError(.type, "`%` takes two whole numbers, as in 1%3", at: args.items[i].position)
        }
      }
      guard case .number(let x, _) = args[0], case .number(let y, _) = args[1] else {
        throw args.typeError(0, wants: "a number")
      }
      do {
        return .number(try x / y)
      } catch {
        throw LanguageError(.invalidArgument, "\(error)", at: args.items[1].position)
      }
    }
  }

  static func shift(_ op: String, earlier: Bool) -> LibraryEntry {
    LibraryEntry(
      op, .operator_, "Pattern Time -> Pattern a -> Pattern a", arity: 2,
      help: earlier
        ? "Shifts a pattern earlier by a (patterned) number of cycles."
        : "Shifts a pattern later by a (patterned) number of cycles.",
      example: "\"<0 0.25>\" \(op) \"a b c d\""
    ) { args in
      let amount = try args.rationals(0)
      return .pattern(
        try args.pattern(1).map { p in
          .patterned(amount) { t in earlier ? p.rotL(t) : p.rotR(t) }
        })
    }
  }
}
