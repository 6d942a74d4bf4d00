import Controls
import Pattern
import Time

/// Which pattern slot a statement refers to: `d1`…`d16` or `p "name"`.
public enum SlotID: Sendable, Hashable, CustomStringConvertible {
  case number(Int)
  case name(String)

  public var description: String {
    switch self {
    case .number(let n): "d\(n)"
    case .name(let s): "p \"\(s)\""
    }
  }
}

/// What a shell statement asks for. Pure: the session that plays patterns carries it out.
public enum Statement: Sendable {
  /// `d1 $ …` or `p "name" $ …`: play this pattern in the slot, replacing what was there.
  case assign(SlotID, Pattern<ControlMap>)
  /// `xfadeIn 1 8 $ …` and the other transitions: the slot's new pattern is made from the
  /// cycle it starts at and the slot's history.
  case transition(SlotID, Transition)
  /// `once $ …`: play the pattern's first cycle once.
  case once(Pattern<ControlMap>)
  /// `hush`: silence every slot.
  case hush
  /// `silence` typed alone: silence every slot (as `hush`).
  case silence
  /// `setcps 0.5625`: cycles per second.
  case setCPS(Rational)
  /// `setbpm 135`: beats per minute; with the default 4 beats per cycle that is cps = bpm / 240.
  case setBPM(Rational)
  /// `setcycle 8` / `resetCycles`: renumber the cycle count from the next frame on.
  case setCycle(Rational)
  case solo(SlotID)
  case unsolo(SlotID)
  case mute(SlotID)
  case unmute(SlotID)
  /// `let name = expr`: the interpreter has stored the binding.
  case define(String)
  /// Any other expression: its value (for example a pattern to show).
  case expression(Value)
}

extension Statement {
  /// Cycles per second for `setbpm`, given beats per cycle.
  public static func cps(bpm: Rational, beatsPerCycle: Rational = 4) throws -> Rational {
    try bpm / (try beatsPerCycle * 60)
  }
}

extension Library {
  static func controlArgument(_ args: Arguments, _ i: Int) throws -> Pattern<ControlMap> {
    guard let p = try Arguments.asPattern(args.items[i]), p.type == .control || p.type == nil else {
      throw args.typeError(i, wants: "a control pattern")
    }
    return try args.controls(i)
  }

  static func slotArgument(_ args: Arguments, _ i: Int) throws -> SlotID {
    switch args[i] {
    case .number(let r, _) where r.isInteger && r.numerator >= 1 && r.numerator <= 16:
      return .number(Int(r.numerator))
    case .string(let s, _): return .name(s)
    default: throw args.typeError(i, wants: "a slot number (1 to 16) or a name")
    }
  }

  /// `d1`…`d16`, `p`, `once`, `hush`, `setcps`, `setbpm`, `solo`, `unsolo`, `mute`, `unmute`.
  static var statementWords: [LibraryEntry] {
    var out: [LibraryEntry] = (1...16).map { n in
      LibraryEntry(
        "d\(n)", .statement, "ControlPattern -> Statement", arity: 1,
        help: "Plays a control pattern in slot \(n), replacing what was playing there.",
        example: "d\(n) $ s \"bd sn\"", as: .control
      ) { args in .statement(.assign(.number(n), try controlArgument(args, 0))) }
    }
    out += [
      LibraryEntry(
        "p", .statement, "String -> ControlPattern -> Statement", arity: 2,
        help: "Plays a control pattern in a named slot.", example: "p \"drums\" $ s \"bd*2\"", as: .control
      ) { args in
        guard case .string(let name, _) = args[0] else { throw args.typeError(0, wants: "a slot name in quotes") }
        return .statement(.assign(.name(name), try controlArgument(args, 1)))
      },
      LibraryEntry(
        "once", .statement, "ControlPattern -> Statement", arity: 1,
        help: "Plays the first cycle of a pattern once.", example: "once $ s \"cp\"", as: .control
      ) { args in .statement(.once(try controlArgument(args, 0))) },
      LibraryEntry(
        "hush", .statement, "Statement", arity: 0, help: "Silences every slot.", example: "hush", as: .control
      ) { _ in .statement(.hush) },
      LibraryEntry(
        "setcps", .statement, "Rational -> Statement", arity: 1,
        help: "Sets the tempo in cycles per second.", example: "setcps 0.5625", as: .control
      ) { args in
        let r = try args.number(0)
        guard r > .zero else { throw args.typeError(0, wants: "a positive number") }
        return .statement(.setCPS(r))
      },
      LibraryEntry(
        "setbpm", .statement, "Rational -> Statement", arity: 1,
        help: "Sets the tempo in beats per minute (4 beats per cycle).", example: "setbpm 135", as: .control
      ) { args in
        let r = try args.number(0)
        guard r > .zero else { throw args.typeError(0, wants: "a positive number") }
        return .statement(.setBPM(r))
      },
      LibraryEntry(
        "setcycle", .statement, "Rational -> Statement", arity: 1,
        help: "Jumps the cycle count: the next frame becomes this cycle.", example: "setcycle 8", as: .control
      ) { args in .statement(.setCycle(try args.number(0))) },
      LibraryEntry(
        "resetCycles", .statement, "Statement", arity: 0,
        help: "Starts counting cycles from 0 again at the next frame.", example: "resetCycles", as: .control
      ) { _ in .statement(.setCycle(.zero)) },
    ]
    let slotWords: [(String, String, @Sendable (SlotID) -> Statement)] = [
      ("solo", "Plays only this slot (and other soloed ones).", { .solo($0) }),
      ("unsolo", "Ends solo for this slot.", { .unsolo($0) }),
      ("mute", "Silences this slot, keeping its pattern.", { .mute($0) }),
      ("unmute", "Lets a muted slot play again.", { .unmute($0) }),
    ]
    for (name, help, make) in slotWords {
      out.append(
        LibraryEntry(name, .statement, "Slot -> Statement", arity: 1, help: help, example: "\(name) 1", as: .control) {
          args in
          .statement(make(try slotArgument(args, 0)))
        })
    }
    out.append(
      LibraryEntry(
        "silence", .function, "Pattern a", arity: 0,
        help: "The empty pattern; typed alone as a statement, it silences every slot.",
        example: "cat [\"a\", silence]"
      ) { _ in .pattern(PatternValue(type: nil, defaultType: .string) { _ in .silence }) })
    return out
  }
}
