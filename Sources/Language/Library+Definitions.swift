import Pattern
import Time

extension Library {
  /// Tidal's names that are another name under a second spelling (`sparsity` is `slow`), and
  /// `Sound.Tidal.Simple`'s one-word functions (`louder` is `(|* gain 1.2)`): each is the
  /// expression Tidal 1.9.5 defines it as, written in the language itself, so it has exactly
  /// the meaning of what it stands for.
  static var definedFunctions: [LibraryEntry] {
    [
      defined(
        "sparsity", "Pattern Time -> Pattern a -> Pattern a", as: "slow",
        help: "The old name of `slow`.", example: "sparsity 2 \"a b\""),
      defined(
        "densityGap", "Pattern Time -> Pattern a -> Pattern a", as: "fastGap",
        help: "The old name of `fastGap`.", example: "densityGap 2 \"a b\""),
      samples("samples"), samples("samples'"),
      simple("crunch", "(# crush 3)", help: "Bit-crushes: `# crush 3`."),
      simple("scratch", "rev . chop 32", help: "Chops each event into 32 parts and plays the cycle backwards."),
      simple("louder", "(|* gain 1.2)", help: "Multiplies `gain` by 1.2 (setting it to 1.2 where absent)."),
      simple("quieter", "(|* gain 0.8)", help: "Multiplies `gain` by 0.8 (setting it to 0.8 where absent)."),
      LibraryEntry(
        "silent", .function, "ControlPattern -> ControlPattern", arity: 1,
        help: "Silences the pattern (Sound.Tidal.Simple).", example: "cat [s \"bd\", silent $ s \"sn\"]",
        as: .control
      ) { args in
        _ = try args.typed(0, .control)
        return .pattern(PatternValue(.control, .silence))
      },
      simple("skip", "(0.25 <~)", help: "Shifts the pattern a quarter cycle earlier."),
      simple("left", "(# pan 0)", help: "Pans fully left."),
      simple("right", "(# pan 1)", help: "Pans fully right."),
      simple("higher", "(|* speed 1.5)", help: "Multiplies `speed` by 1.5 (setting it to 1.5 where absent)."),
      simple("lower", "(|* speed 0.75)", help: "Multiplies `speed` by 0.75 (setting it to 0.75 where absent)."),
      simple("faster", "hurry 2", help: "Twice as fast and twice the `speed` (`hurry 2`)."),
      simple("slower", "hurry 0.5", help: "Half as fast and half the `speed` (`hurry 0.5`)."),
    ]
  }

  /// An entry whose meaning is `source` (a language expression) applied to its arguments.
  static func defined(
    _ name: String, _ signature: String, as source: String, help: String, example: String,
    exampleType: ElementType = .string
  ) -> LibraryEntry {
    // The arrows outside brackets (all of these signatures are first-order).
    let arity = signature.split(separator: " ").filter { $0 == "->" }.count
    return LibraryEntry(name, .function, signature, arity: arity, help: help, example: example, as: exampleType) {
      args in
      let evaluator = Evaluator()
      var value = try evaluator.evaluate(Parser.parse(source))
      for argument in args.items { value = try evaluator.apply(value, argument) }
      return value
    }
  }

  static func simple(_ name: String, _ source: String, help: String) -> LibraryEntry {
    defined(
      name, "ControlPattern -> ControlPattern", as: source, help: help + " (Sound.Tidal.Simple)",
      example: "\(name) $ s \"bd sn\" # gain 1", exampleType: .control)
  }

  /// Tidal's `samples = liftA2 pick`, with `pick name n = name ++ ":" ++ show n`: structure
  /// from both sides (the applicative `<*>`). Tidal 1.7.10 gives `samples'` the same events.
  static func samples(_ name: String) -> LibraryEntry {
    LibraryEntry(
      name, .function, "Applicative f => f String -> f Int -> f String", arity: 2,
      help: "Joins sample names and numbers into `name:n` (structure from both).",
      example: "s (\(name) \"drum*2 bass\" \"<0 1> 2\")"
    ) { args in
      let names = try args.typed(0, .string)
      let numbers = try args.typed(1, .int)
      return .pattern(
        PatternValue(
          .string,
          names.zip(numbers, structure: .both) { a, b in
            guard case .string(let s) = a, case .int(let i) = b else { return a }
            return .string("\(s):\(i)")
          }))
    }
  }
}
