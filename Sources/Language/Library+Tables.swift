import MiniNotation
import Pattern
import Time

extension Library {
  /// Tidal's scale and chord tables as Haskell lists, `getScale` to build a `scale` from such a
  /// list, and `++` to extend one: `getScale (scaleTable ++ [("techno", [0, 2, 3, 5, 7, 8, 10])])`.
  static var tableFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "scaleTable", .function, "Fractional a => [(String, [a])]", arity: 0,
        help: "Every scale as a (name, steps) pair, for `getScale` and `lookup`.",
        example: "getScale scaleTable \"major\" \"0 .. 7\"", as: .note
      ) { args in
        .list(
          scaleTable.map { name, steps in
            .tuple([
              .string(name, args.position),
              .list(steps.compactMap { Rational(exactly: $0).map { .number($0, fractional: true) } }),
            ])
          })
      },
      LibraryEntry(
        "chordTable", .function, "Num a => [(String, [a])]", arity: 0,
        help: "Every chord as a (name, notes) pair.", example: "getScale chordTable \"major\" \"0 1 2\"", as: .note
      ) { args in
        .list(
          Chords.names.map { name in
            .tuple([
              .string(name, args.position), .list((Chords.notes(name) ?? []).map { .number(Rational(Int64($0))) }),
            ])
          })
      },
      LibraryEntry(
        "getScale", .function,
        "Fractional a => [(String, [a])] -> Pattern String -> Pattern Int -> Pattern a", arity: 3,
        help: "A `scale` function from your own table of (name, steps) pairs.",
        example: "getScale [(\"techno\", [0, 2, 3, 5, 7, 8, 10])] \"techno\" \"0 .. 7\"", as: .note
      ) { args in
        var table: [String: [Rational]] = [:]
        for item in try args.list(0) {
          guard case .tuple(let xs) = item.value, xs.count == 2, case .string(let name, _) = xs[0],
            case .list(let steps) = xs[1]
          else { throw args.typeError(0, wants: "a list of (name, [steps]) pairs") }
          let numbers = try steps.map { v -> Rational in
            guard case .number(let r, _) = v else { throw args.typeError(0, wants: "scale steps as numbers") }
            return r
          }
          if table[name] == nil { table[name] = numbers }
        }
        let names = try args.strings(1)
        let degrees = try args.ints(2)
        let lookup = table
        return numeric("getScale", fractional: true, at: args.position) { t in
          degrees.zip(names, structure: .left) { n, name in
            let steps = lookup[name].flatMap { $0.isEmpty ? nil : $0 } ?? [.zero]
            let (i, octave) = cyclicIndex(n, steps.count)
            let note = try steps[i] + Rational(Int64(12 * octave))
            guard let a = Atom.number(note, as: t) else { throw PatternError.invalidArgument("\(note) is not \(t)") }
            return a
          }
        }
      },
      LibraryEntry(
        "++", .operator_, "[a] -> [a] -> [a]", arity: 2,
        help: "Joins two lists: `scaleTable ++ [(\"techno\", [0, 2, 3, 5, 7, 8, 10])]`.",
        example: "fastFromList ([1, 2] ++ [3])", as: .int
      ) { args in
        .list(try args.list(0).map(\.value) + (try args.list(1).map(\.value)))
      },
    ]
  }
}
