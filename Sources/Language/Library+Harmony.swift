import Pattern
import Time

extension Library {
  /// Arpeggios and scales.
  static var harmonyFunctions: [LibraryEntry] {
    [
      transform(
        "arp", "Pattern String -> Pattern a -> Pattern a", arity: 2,
        help:
          "Arpeggiates chords in a mode: up down updown downup up&down down&up converge diverge disconverge pinkyup pinkyupdown thumbup thumbupdown.",
        example: "arp \"<up down>\" \"c'maj e'min\"", as: .note
      ) { args, p in
        .patterned(try args.strings(0)) { mode in p.arpWith { arpMode(mode, $0) } }
      },
      transform(
        "arpeggiate", "Pattern a -> Pattern a", arity: 1,
        help: "Spreads the notes of each chord across its span, in order.",
        example: "arpeggiate \"c'maj e'min\"", as: .note
      ) { _, p in p.arpWith { $0 } },
      LibraryEntry(
        "scale", .function, "Fractional a => Pattern String -> Pattern Int -> Pattern a", arity: 2,
        help: "Turns scale degrees into notes of a named scale (major, minor, dorian, ritusen …).",
        example: "scale \"major\" \"0 .. 7\"", as: .note
      ) { args in
        let names = try args.strings(0)
        let degrees = try args.ints(1)
        return numeric("scale", fractional: true, at: args.position) { t in
          degrees.zip(names, structure: .left) { n, name in
            let steps = scaleTable.first { $0.0 == name }?.1 ?? [0]
            let (i, octave) = cyclicIndex(n, steps.count)
            if t == .rational {
              return .rational(try Rational(exactly: steps[i])! + Rational(Int64(12 * octave)))
            }
            return try Atom.fromDouble(steps[i] + Double(12 * octave), as: t)
          }
        }
      },
      LibraryEntry(
        "toScale", .function, "Num a => [a] -> Pattern Int -> Pattern a", arity: 2,
        help: "Turns scale degrees into notes of a scale given as a list of semitones.",
        example: "toScale [0, 2, 7] \"0 1 2 3\"", as: .note
      ) { args in
        let steps = try args.list(0).map { a -> Rational in
          guard case .number(let r, _) = a.value else { throw args.typeError(0, wants: "a list of numbers") }
          return r
        }
        let degrees = try args.ints(1)
        let position = args.items[0].position
        return numeric("toScale", fractional: false, at: args.position) { t in
          if steps.isEmpty { return .silence }
          let atoms = try steps.map { r in
            guard let a = Atom.number(r, as: t) else {
              throw LanguageError(.type, "the scale step \(r) is not \(t.patternDescription)", at: position)
            }
            return a
          }
          return degrees.map { n in
            let (i, octave) = cyclicIndex(n, atoms.count)
            return try Arith.binary("+", atoms[i], try Atom.fromDouble(Double(12 * octave), as: t))
          }
        }
      },
    ]
  }

  /// Haskell's `xs !!! i` position and `i div length`.
  static func cyclicIndex(_ n: Int, _ count: Int) -> (Int, Int) {
    let i = (try? Arith.haskellMod(n, count)) ?? 0
    return (i, (n - i) / count)
  }

  /// Tidal's `arps` table; unknown names leave the chord as it is.
  static func arpMode<T>(_ name: String, _ x: [T]) -> [T] {
    func initial(_ a: [T]) -> [T] { Array(a.dropLast()) }
    func converge(_ a: [T]) -> [T] {
      var out: [T] = []
      var lo = 0
      var hi = a.count - 1
      var fromFront = true
      while lo <= hi {
        if fromFront {
          out.append(a[lo])
          lo += 1
        } else {
          out.append(a[hi])
          hi -= 1
        }
        fromFront.toggle()
      }
      return out
    }
    func pinkyup(_ a: [T]) -> [T] {
      guard let pinky = a.last else { return [] }
      return initial(a).flatMap { [$0, pinky] }
    }
    func thumbup(_ a: [T]) -> [T] {
      guard let thumb = a.first else { return [] }
      return a.dropFirst().flatMap { [thumb, $0] }
    }
    switch name {
    case "up": return x
    case "down": return x.reversed()
    case "updown": return initial(x) + initial(x.reversed())
    case "downup": return initial(x.reversed()) + initial(x)
    case "up&down": return x + x.reversed()
    case "down&up": return x.reversed() + x
    case "converge": return converge(x)
    case "diverge": return converge(x).reversed()
    case "disconverge": return converge(x) + Array(converge(x).reversed().dropFirst())
    case "pinkyup": return pinkyup(x)
    case "pinkyupdown": return initial(pinkyup(x)) + initial(pinkyup(x).reversed())
    case "thumbup": return thumbup(x)
    case "thumbupdown": return initial(thumbup(x)) + initial(thumbup(x).reversed())
    default: return x
    }
  }
}
