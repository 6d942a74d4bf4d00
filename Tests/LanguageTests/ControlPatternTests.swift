import Controls
import Language
import Pattern
import Testing
import Time

/// Controls that the oracle (Tidal 1.7.10) cannot answer for, and what `:help` says.
@Suite struct ControlPatternTests {
  func values(_ text: String) throws -> [ControlMap] {
    let (_, p) = try Language.pattern(text, as: .control)
    return try p.query(0, 1).compactMap { if case .control(let m) = $0.value { m } else { nil } }
  }

  /// Tidal 1.9.5's `Params.hs`: `metatune = pF "metatune"` (1.7.10 lacks it).
  @Test func metatuneIsAFloatControl() throws {
    #expect(try values("s \"a\" # metatune \"0.5\"") == [["metatune": .float(0.5), "s": .string("a")]])
  }

  /// Every control of the table is a library entry whose help gives its type, key and aliases.
  @Test func everyParamHasHelp() throws {
    for param in Params.all {
      let entry = try #require(Library.entry(param.name), "\(param.name)")
      #expect(entry.kind == .control)
      #expect(entry.help == param.help)
    }
    let lpq = try #require(Library.entry("lpq"))
    #expect(lpq.signature == "Pattern Double -> ControlPattern")
    #expect(lpq.help.contains("key `resonance`") && lpq.help.contains("The same as `resonance`."))
    let resonance = try #require(Library.entry("resonance"))
    #expect(resonance.help.contains("Also called `lpq`."))
  }

  /// Bus and byte-array params are not entries (so completion does not offer them), and using
  /// one says why.
  @Test func unsupportedParamsAreRefusedWithTheReason() {
    for name in ["lpfbus", "cutoffrecv", "array"] {
      #expect(Library.entry(name) == nil)
      #expect(Params.unsupported(name) != nil)
      #expect(throws: LanguageError.self) { try Language.pattern("s \"a\" # \(name) 1 2", as: .control) }
    }
  }

  /// The stateful helpers are controls whose value is a recipe the player works out.
  @Test func statefulHelpersMakeStateRecipes() throws {
    func values(_ source: String, _ key: String, _ begin: Rational = 0) throws -> [ControlValue?] {
      let (_, p) = try Language.pattern(source, as: .control)
      return try p.query(begin, begin + 1).map { e in
        if case .control(let m) = e.value { m[key] } else { nil }
      }
    }
    #expect(try values("s \"a\" # nCountTo \"c\" \"<3 4>\"", "n", 1) == [.state(.count(store: "c", modulo: 4))])
    #expect(
      try values("sTake \"t\" [\"bd\", \"sn\"]", "s") == [
        .state(.take(store: "t", values: [.string("bd"), .string("sn")]))
      ])
    #expect(
      try values("s \"a\" # gainTake \"g\" [1, 0.5]", "gain") == [
        .state(.take(store: "g", values: [.float(1), .float(0.5)]))
      ])
    #expect(throws: LanguageError.self) { try Language.pattern("nTake \"t\" [\"a\"]", as: .control) }
    #expect(Library.entry("ampCount")?.signature == "String -> ControlPattern")
  }

  /// `pF` and its family take the name as a plain string, not a pattern.
  @Test func paramMakersWantANameInQuotes() {
    #expect(throws: LanguageError.self) { try Language.pattern("s \"a\" # pF (s \"x\") 1", as: .control) }
    #expect(throws: LanguageError.self) { try Language.pattern("s \"a\" # pF 1 1", as: .control) }
  }
}
