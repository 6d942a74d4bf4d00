import Pattern
import Time

extension Library {
  /// Tests on numbers for the functions that take a Haskell predicate (`ifp`, `whenT`):
  /// comparisons, `mod`, `div`, `even`, `odd`, `not`. A truth value is a constant boolean
  /// pattern, so it also works where a `Pattern Bool` is wanted.
  static var logicFunctions: [LibraryEntry] {
    var out: [LibraryEntry] = [
      LibraryEntry(
        "ifp", .function,
        "(Int -> Bool) -> (Pattern a -> Pattern a) -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 4,
        help: "Applies the first function in cycles whose number passes the test, the second in the others.",
        example: "ifp ((== 0) . flip mod 2) (striate 4) (# coarse \"24 48\") $ s \"hh hc\"", as: .control
      ) { args in
        let test = try predicate(args, 0)
        let yes = try args.transform(1)
        let no = try args.transform(2)
        return .pattern(
          try args.pattern(3).mapTyped { t, p in
            let py = try yes(t, p)
            let pn = try no(t, p)
            return Pattern { st, out in
              let pass = try test(.number(st.arc.begin.floor))
              try (pass ? py : pn).queryInto(st, &out)
            }.splitQueries()
          })
      },
      LibraryEntry(
        "whenT", .function, "(Time -> Bool) -> (Pattern a -> Pattern a) -> Pattern a -> Pattern a", arity: 3,
        help: "Applies the function where the start of the query passes a test on time.",
        example: "whenT ((< 0.5) . flip mod' 2) (# speed 2) $ s \"bd*4\"", as: .control
      ) { args in
        let test = try predicate(args, 0)
        let f = try args.transform(1)
        return .pattern(
          try args.pattern(2).mapTyped { t, p in
            let fp = try f(t, p)
            return Pattern { st, out in
              try (try test(.number(st.arc.begin)) ? fp : p).queryInto(st, &out)
            }.splitQueries()
          })
      },
      numberFunction("mod", "Integral a => a -> a -> a", help: "The remainder, with the sign of the divisor.") {
        a, b in try Arith.modRational(a, b)
      },
      numberFunction("mod'", "Real a => a -> a -> a", help: "`mod` for fractions (Data.Fixed's `mod'`).") {
        a, b in try Arith.modRational(a, b)
      },
      numberFunction("div", "Integral a => a -> a -> a", help: "Division rounded down.") { a, b in
        try (a / b).floor
      },
      numberTest("even", help: "True for even whole numbers.") { r in r.isInteger && r.numerator % 2 == 0 },
      numberTest("odd", help: "True for odd whole numbers.") { r in r.isInteger && r.numerator % 2 != 0 },
      LibraryEntry(
        "not", .function, "Bool -> Bool", arity: 1, help: "Negates a truth value (a boolean pattern's values).",
        example: "struct (not <$> \"t f t\") \"a\"", as: .string
      ) { args in
        .pattern(PatternValue(.bool, try args.bools(0).map { .bool(!$0) }))
      },
    ]
    let comparisons: [(String, @Sendable (Rational, Rational) -> Bool)] = [
      ("==", { $0 == $1 }), ("/=", { $0 != $1 }), ("<", { $0 < $1 }), ("<=", { $0 <= $1 }),
      (">", { $0 > $1 }), (">=", { $0 >= $1 }),
    ]
    for (op, compare) in comparisons {
      out.append(
        LibraryEntry(
          op, .operator_, "Ord a => a -> a -> Bool", arity: 2,
          help: "Compares two numbers (for tests such as `ifp ((== 0) . flip mod 2)`).",
          example: "ifp (\(op) 1) (fast 2) id \"a b\"", as: .string
        ) { args in
          if case .number(let a, _) = args[0], case .number(let b, _) = args[1] { return truth(compare(a, b)) }
          // On patterns (`fmap (> 2)`), value by value with structure from both.
          let position = args.position
          let values = try PatternValue.combine([try args.pattern(0), try args.pattern(1)], defaultType: .double) {
            t, ps in
            guard t.isNumeric else {
              throw LanguageError(.type, "`\(op)` compares numbers, not \(t.pluralDescription)", at: position)
            }
            return ps[0].zip(ps[1], structure: .both) { x, y in
              guard let a = x.rationalValue, let b = y.rationalValue else {
                throw PatternError.invalidArgument("not a number")
              }
              return .bool(compare(a, b))
            }
          }
          return .pattern(PatternValue(.bool, try values.pattern(as: values.defaultType)))
        })
    }
    return out
  }

  /// A truth value: a constant boolean pattern.
  static func truth(_ b: Bool) -> Value { .pattern(PatternValue(.bool, .pure(.bool(b)))) }

  /// The function at argument `i` as a test of one value.
  static func predicate(_ args: Arguments, _ i: Int) throws -> @Sendable (Value) throws -> Bool {
    guard case .function(let f) = args[i], f.arity - f.arguments.count == 1 else {
      throw args.typeError(i, wants: "a test such as `(== 0) . flip mod 2`")
    }
    let position = args.items[i].position
    let name = args.function
    return { value in
      let r = try f.apply(Argument(value: value, position: position))
      guard case .pattern(let p) = r, p.type == .bool, case .bool(let b)? = try p.build(.bool).constantValue else {
        throw LanguageError(
          .type, "the test given to `\(name)` returns \(r.kindDescription), not True or False", at: position)
      }
      return b
    }
  }

  /// `mod`, `mod'`, `div`: exact on numbers; value by value on patterns (structure from both,
  /// as `fmap (`mod` 8)` or `liftA2 mod` gives).
  static func numberFunction(
    _ name: String, _ signature: String, help: String,
    _ f: @escaping @Sendable (Rational, Rational) throws -> Rational
  ) -> LibraryEntry {
    LibraryEntry(name, .function, signature, arity: 2, help: help, example: "fast (\(name) 7 4) \"a b\"") { args in
      if case .number(let a, let fa) = args[0], case .number(let b, let fb) = args[1] {
        return .number(try f(a, b), fractional: fa || fb)
      }
      let position = args.position
      return .pattern(
        try PatternValue.combine([try args.pattern(0), try args.pattern(1)], defaultType: .int) { t, ps in
          guard t.isNumeric else {
            throw LanguageError(.type, "`\(name)` works on numbers, not \(t.pluralDescription)", at: position)
          }
          return ps[0].zip(ps[1], structure: .both) { x, y in
            guard let a = x.rationalValue, let b = y.rationalValue else {
              throw PatternError.invalidArgument("not a number")
            }
            let r = try f(a, b)
            if let exact = Atom.number(r, as: t) { return exact }
            return try Atom.fromDouble(r.doubleValue, as: t)
          }
        })
    }
  }

  static func numberTest(_ name: String, help: String, _ f: @escaping @Sendable (Rational) -> Bool) -> LibraryEntry {
    LibraryEntry(
      name, .function, "Integral a => a -> Bool", arity: 1, help: help,
      example: "ifp \(name) (fast 2) id \"a b\""
    ) { args in truth(f(try args.number(0))) }
  }
}
