import Pattern
import Time

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Library {
  /// Perlin noise of an input pattern, in one dimension (`perlinWith`) and two (`perlin2With`,
  /// `perlin2`), as Tidal's `UI` builds them.
  static var noiseFunctions: [LibraryEntry] {
    [
      LibraryEntry(
        "perlinWith", .function, "Fractional a => Pattern Double -> Pattern a", arity: 1,
        help: "Perlin noise of the given input pattern (`perlin` is `perlinWith` of time).",
        example: "segment 4 $ perlinWith (saw * 4)", as: .double
      ) { args in
        let input = try args.doubles(0)
        return numeric("perlinWith", fractional: true, at: args.position) { t in
          input.map { x in try Atom.fromDouble(perlin1(x), as: t) }
        }
      },
      LibraryEntry(
        "perlin2With", .function, "Pattern Double -> Pattern Double -> Pattern Double", arity: 2,
        help: "Two-dimensional Perlin noise of two input patterns, from 0 to 1.",
        example: "segment 4 $ perlin2With (cosine * 2) (sine * 2)", as: .double
      ) { args in
        .pattern(PatternValue(.double, perlin2With(try args.doubles(0), try args.doubles(1)).map { .double($0) }))
      },
      LibraryEntry(
        "perlin2", .function, "Pattern Double -> Pattern Double", arity: 1,
        help: "Two-dimensional Perlin noise of time and the given pattern.",
        example: "segment 4 $ perlin2 (sine * 4)", as: .double
      ) { args in
        let time = Pattern<Double>.signal { $0.doubleValue }
        return .pattern(PatternValue(.double, perlin2With(time, try args.doubles(0)).map { .double($0) }))
      },
    ]
  }

  /// Tidal's one-dimensional Perlin noise of `x` (`perlinWith` on one value).
  static func perlin1(_ x: Double) -> Double {
    let a = x.rounded(.down)
    let ra = TidalRandom.value(atDoubleTime: a)
    let rb = TidalRandom.value(atDoubleTime: a + 1)
    return ra + smootherStep(x - a) * (rb - ra)
  }

  static func smootherStep(_ x: Double) -> Double {
    6.0 * pow(x, 5) - 15.0 * pow(x, 4) + 10.0 * pow(x, 3)
  }

  /// Tidal's `perlin2With x y`, term by term: every `+ - *` between patterns and every
  /// constant (`1`, `2`) joins with structure from both sides, as Haskell's `Num (Pattern a)`
  /// does, so a query that crosses a cycle is cut and sampled exactly as Tidal's is.
  static func perlin2With(_ x: Pattern<Double>, _ y: Pattern<Double>) -> Pattern<Double> {
    func both(_ a: Pattern<Double>, _ b: Pattern<Double>, _ f: @escaping @Sendable (Double, Double) -> Double)
      -> Pattern<Double>
    {
      a.zip(b, structure: .both) { f($0, $1) }
    }
    let one = Pattern<Double>.pure(1)
    func floorOf(_ p: Pattern<Double>) -> Pattern<Double> { p.map { $0.rounded(.down) } }
    func ceilingOf(_ p: Pattern<Double>) -> Pattern<Double> { p.map { $0.rounded(.down) + 1 } }
    let xfrac = both(x, floorOf(x), -)
    let yfrac = both(y, floorOf(y), -)
    @Sendable func angle(_ a: Double, _ b: Double) -> Double {
      2 * Double.pi * TidalRandom.value(atDoubleTime: a + 0.0001 * b)
    }
    func dot(_ xs: Pattern<Double>, _ ys: Pattern<Double>, _ dx: Pattern<Double>, _ dy: Pattern<Double>)
      -> Pattern<Double>
    {
      let c = both(xs, ys) { cos(angle($0, $1)) }
      let s = both(xs, ys) { sin(angle($0, $1)) }
      return both(both(c, dx, *), both(s, dy, *), +)
    }
    let xm = both(xfrac, one, -)
    let ym = both(yfrac, one, -)
    let da = dot(floorOf(x), floorOf(y), xfrac, yfrac)
    let db = dot(ceilingOf(x), floorOf(y), xm, yfrac)
    let dc = dot(floorOf(x), ceilingOf(y), xfrac, ym)
    let dd = dot(ceilingOf(x), ceilingOf(y), xm, ym)
    let fractions = xfrac.zip(yfrac, structure: .both) { ($0, $1) }
    let corners = da.zip(db, structure: .both) { ($0, $1) }.zip(
      dc.zip(dd, structure: .both) { ($0, $1) }, structure: .both
    ) { ($0, $1) }
    let mixed = fractions.zip(corners, structure: .both) { f, c in
      let sx = smootherStep(f.0)
      let sy = smootherStep(f.1)
      return (1.0 - sx) * (1.0 - sy) * c.0.0 + sx * (1.0 - sy) * c.0.1 + (1.0 - sx) * sy * c.1.0 + sx * sy * c.1.1
    }
    return both(both(mixed, one, +), Pattern<Double>.pure(2), /)
  }
}
