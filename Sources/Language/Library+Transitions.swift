import Controls
import Pattern
import Time

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Library {
  /// Tidal's transitions as BootTidal defines them (`xfadeIn i t = transition tidal True
  /// (Sound.Tidal.Transition.xfadeIn t) i`): a slot, the transition's own arguments, then the
  /// new pattern. Each function follows `Sound.Tidal.Transition` (the same in 1.7.10 and 1.9.5).
  static var transitionWords: [LibraryEntry] {
    [
      word("xfade", [], help: "Crossfades (by `gain`) from the slot's pattern to the new one over 4 cycles.") {
        _, now, ps in try Transitions.xfadeIn(4, now, ps)
      },
      word("xfadeIn", ["Time"], help: "Crossfades (by `gain`) to the new pattern over the given cycles.") {
        a, now, ps in try Transitions.xfadeIn(a[0], now, ps)
      },
      word("histpan", ["Int"], help: "Plays the slot's last n patterns together, panned across.") { a, _, ps in
        try Transitions.histpan(Transitions.int(a[0]), ps)
      },
      word("wait", ["Time"], help: "Silence until the cycle boundary the given cycles from now, then the pattern.") {
        a, now, ps in
        guard let p = ps.first else { return .silence }
        let from = try Transitions.nextSam(try now + a[0] - .one)
        return p.filterWhen { $0 >= from }
      },
      word("jump", [], help: "Switches to the new pattern at once.") { _, now, ps in
        try Transitions.jumpIn(.zero, now, ps)
      },
      word("jumpIn", ["Int"], help: "Switches to the new pattern after the given cycles.") { a, now, ps in
        try Transitions.jumpIn(a[0].floor, now, ps)
      },
      word("jumpIn'", ["Int"], help: "Switches to the new pattern at the cycle boundary after the given cycles.") {
        a, now, ps in try Transitions.jumpIn(try Transitions.nextSam(now) - now + a[0].floor, now, ps)
      },
      word("jumpMod", ["Int"], help: "Switches to the new pattern at the next cycle that is a multiple of n.") {
        a, now, ps in
        let n = try Transitions.int(a[0])
        guard n != 0 else { throw PatternError.invalidArgument("jumpMod: 0 cycles") }
        let cycles = (n - 1) - (try Arith.haskellMod(Int(truncatingIfNeeded: now.floor.numerator), n))
        return try Transitions.jumpIn(try Transitions.nextSam(now) - now + Rational(Int64(cycles)), now, ps)
      },
      word("jumpMod'", ["Int", "Int"], help: "Like `jumpMod`, switching p cycles after the multiple of n.") {
        a, now, ps in
        let n = try Transitions.int(a[0])
        guard n != 0 else { throw PatternError.invalidArgument("jumpMod': 0 cycles") }
        let cycles =
          (n - 1) - (try Arith.haskellMod(Int(truncatingIfNeeded: now.floor.numerator), n))
          + (try Transitions.int(a[1]))
        return try Transitions.jumpIn(try Transitions.nextSam(now) - now + Rational(Int64(cycles)), now, ps)
      },
      word(
        "mortal", ["Time", "Time"], help: "Plays the new pattern for a lifespan, then fades it out over the release."
      ) { a, now, ps in
        guard let p = ps.first else { return .silence }
        let end = try now + a[0]
        return .stack([
          p.filterWhen { $0 < end }, try Transitions.fadeOutFrom(end, a[1], p).filterWhen { $0 >= end },
        ])
      },
      word("interpolate", [], help: "Moves every number of the old pattern to the new one's over 4 cycles.") {
        _, now, ps in try Transitions.interpolateIn(4, now, ps)
      },
      word("interpolateIn", ["Time"], help: "Moves every number of the old pattern to the new one's over t cycles.") {
        a, now, ps in try Transitions.interpolateIn(a[0], now, ps)
      },
      word("clutch", [], help: "Degrades the old pattern while undegrading the new one, over 2 cycles.") {
        _, now, ps in try Transitions.clutchIn(2, now, ps)
      },
      word("clutchIn", ["Time"], help: "Degrades the old pattern while undegrading the new one, over t cycles.") {
        a, now, ps in try Transitions.clutchIn(a[0], now, ps)
      },
      word("anticipate", [], help: "Builds up echoes on the old pattern for 8 cycles, then drops to the new one.") {
        _, now, ps in try Transitions.anticipateIn(8, now, ps)
      },
      word("anticipateIn", ["Time"], help: "Builds up echoes on the old pattern for t cycles, then drops.") {
        a, now, ps in try Transitions.anticipateIn(a[0], now, ps)
      },
    ]
  }

  /// A transition word: slot, numbers, pattern.
  static func word(
    _ name: String, _ numbers: [String], help: String,
    _ make: @escaping @Sendable ([Rational], Rational, [Pattern<ControlMap>]) throws -> Pattern<ControlMap>
  ) -> LibraryEntry {
    let signature = (["ID"] + numbers + ["ControlPattern", "IO ()"]).joined(separator: " -> ")
    let example = (["\(name) 1"] + numbers.map { $0 == "Int" ? "2" : "4" } + ["$ s \"hh*4\""]).joined(separator: " ")
    return LibraryEntry(
      name, .statement, signature, arity: numbers.count + 2, help: help, example: example, as: .control
    ) { args in
      let slot = try slotArgument(args, 0)
      let values = try (0..<numbers.count).map { i in
        let r = try args.number(i + 1)
        if numbers[i] == "Int", !r.isInteger { throw args.typeError(i + 1, wants: "a whole number") }
        return r
      }
      let pattern = try controlArgument(args, numbers.count + 1)
      return .statement(.transition(slot, Transition(name, pattern) { now, ps in try make(values, now, ps) }))
    }
  }
}

/// The pattern functions of Tidal's `Sound.Tidal.Transition`, on the slot's history `ps`
/// (newest first).
enum Transitions {
  static func int(_ r: Rational) throws -> Int {
    guard r.isInteger else { throw PatternError.invalidArgument("a whole number is needed") }
    return Int(truncatingIfNeeded: r.numerator)
  }

  static func nextSam(_ t: Rational) throws -> Rational { try t.floor + .one }

  /// Tidal's `envL`: 0 to 1 over the first cycle.
  static let envL = Pattern<Double>.signal { t in max(0, min(t.doubleValue, 1)) }
  static let envLR = envL.map { 1 - $0 }
  /// Equal-power fade out and in.
  static let envEq = Pattern<Double>.signal { t in sqrt(sin(Double.pi / 2 * max(0, min(try (.one - t).doubleValue, 1))))
  }
  static let envEqR = Pattern<Double>.signal { t in
    sqrt(cos(Double.pi / 2 * max(0, min(try (.one - t).doubleValue, 1))))
  }

  /// `p |* gain envelope`.
  static func timesGain(_ p: Pattern<ControlMap>, _ envelope: Pattern<Double>) -> Pattern<ControlMap> {
    p.zip(envelope, structure: .left) { m, g in try Arith.control("*", m, ControlMap("gain", .float(g))) }
  }

  /// `overlay (pat |* gain (now ~> _slow t envEqR)) (pat' |* gain (now ~> _slow t envEq))`.
  static func xfadeIn(_ t: Rational, _ now: Rational, _ ps: [Pattern<ControlMap>]) throws -> Pattern<ControlMap> {
    guard ps.count >= 2 else { return ps.first ?? .silence }
    return .stack([
      timesGain(ps[0], try envEqR.slow(t).rotR(now)), timesGain(ps[1], try envEq.slow(t).rotR(now)),
    ])
  }

  /// The first n patterns, the i-th panned to i/n.
  static func histpan(_ n: Int, _ ps: [Pattern<ControlMap>]) throws -> Pattern<ControlMap> {
    let kept = Array(ps.prefix(max(0, n)))
    guard !kept.isEmpty else { return .silence }
    return .stack(
      kept.enumerated().map { i, p in
        p.zip(.pure(ControlMap("pan", .float(Double(i) / Double(kept.count)))), structure: .left) { m, pan in
          pan.union(m)
        }
      })
  }

  /// `wash fout fin delay durin durout now`, as `jumpIn` (`wash id id n 0 0`) and `anticipateIn`
  /// (`wash f id 0 t 0`) use it.
  static func wash(
    _ fadeOut: (Pattern<ControlMap>) throws -> Pattern<ControlMap>, _ delay: Rational, _ durationIn: Rational,
    _ now: Rational, _ ps: [Pattern<ControlMap>]
  ) throws -> Pattern<ControlMap> {
    guard ps.count >= 2 else { return ps.first ?? .silence }
    let start = try now + delay
    let end = try start + durationIn
    return .stack([
      ps[1].filterWhen { $0 < start },
      try fadeOut(ps[1]).filterWhen { $0 >= start && $0 < end },
      ps[0].filterWhen { $0 >= end },
    ])
  }

  static func jumpIn(_ delay: Rational, _ now: Rational, _ ps: [Pattern<ControlMap>]) throws -> Pattern<ControlMap> {
    try wash({ $0 }, delay, .zero, now, ps)
  }

  /// Tidal's `fadeOutFrom` (`innerJoin $ (`_degradeBy` p) <$> (from `rotR` _slow dur envL)`)
  /// and `fadeInFrom` (the same with `envLR`).
  static func fade<V: Sendable>(out: Bool, from: Rational, _ duration: Rational, _ p: Pattern<V>) throws -> Pattern<V> {
    .innerJoin(try (out ? envL : envLR).slow(duration).rotR(from).map { x in p.degradeBy(x) })
  }

  static func fadeOutFrom(_ from: Rational, _ duration: Rational, _ p: Pattern<ControlMap>) throws
    -> Pattern<ControlMap>
  { try fade(out: true, from: from, duration, p) }

  static func fadeInFrom(_ from: Rational, _ duration: Rational, _ p: Pattern<ControlMap>) throws
    -> Pattern<ControlMap>
  { try fade(out: false, from: from, duration, p) }

  static func clutchIn(_ t: Rational, _ now: Rational, _ ps: [Pattern<ControlMap>]) throws -> Pattern<ControlMap> {
    guard ps.count >= 2 else { return ps.first ?? .silence }
    return .stack([try fadeOutFrom(now, t, ps[1]), try fadeInFrom(now, t, ps[0])])
  }

  /// `f <$> pat' *> pat <* automation`: every number shared by both patterns moves from the
  /// old value to the new one as the automation goes from 0 to 1 (ints floored).
  static func interpolateIn(_ t: Rational, _ now: Rational, _ ps: [Pattern<ControlMap>]) throws
    -> Pattern<ControlMap>
  {
    guard ps.count >= 2 else { return ps.first ?? .silence }
    let automation = try envL.slow(t).rotR(now)
    let pairs = ps[1].zip(ps[0], structure: .right) { old, new in (old, new) }
    return pairs.zip(automation, structure: .left) { pair, x in
      let (old, new) = pair
      return new.unionWith(old) { b, a in
        ControlValue.numeric(
          b, a, int: { b, a in Int((Double(b) * x + Double(a) * (1 - x)).rounded(.down)) },
          float: { b, a in b * x + a * (1 - x) })
      }
    }
  }

  /// `washIn (innerJoin . (\pat -> (\v -> _stut 8 0.2 v pat) <$> (now ~> _slow t (toRational <$> envLR)))) t now`.
  static func anticipateIn(_ t: Rational, _ now: Rational, _ ps: [Pattern<ControlMap>]) throws
    -> Pattern<ControlMap>
  {
    let steps = try envLR.slow(t).rotR(now)
    return try wash(
      { p in
        .innerJoin(
          steps.map { v in
            // Tidal's toRational of the Double; a value too fine for Int64 is rounded to 2^-30.
            let step = Rational(exactly: v) ?? Rational(exactly: (v * 1_073_741_824).rounded() / 1_073_741_824) ?? .zero
            return try stut(8, 0.2, step, p)
          })
      }, .zero, t, now, ps)
  }

  /// Tidal's `_stut` on control maps.
  static func stut(_ count: Int, _ feedback: Double, _ step: Rational, _ p: Pattern<ControlMap>) throws
    -> Pattern<ControlMap>
  {
    guard count > 1 else { return p }
    let copies = try (1..<count).map { x in
      let gain = feedback + (1 - feedback) * (Double(count - x) / Double(count))
      let g = ControlMap("gain", .float(gain))
      let quieter = p.zip(.pure(g), structure: .left) { m, g in try Arith.control("*", m, g) }
      return quieter.rotR(try Rational(Int64(x)) * step)
    }
    return .stack([p] + copies)
  }
}
