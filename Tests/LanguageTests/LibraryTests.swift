import Controls
import Language
import Pattern
import Testing
import Time

@Suite struct LibraryTests {
  /// Two entries with one name would leave one of them unreachable.
  @Test func everyNameIsRegisteredOnce() {
    #expect(Library.duplicateNames.isEmpty, "registered twice: \(Library.duplicateNames)")
  }

  /// The functions and controls the issue lists.
  static let required = """
    fast slow hurry rev every whenmod sometimesBy sometimes often rarely almostNever almostAlways
    someCyclesBy degrade degradeBy unDegradeBy euclid euclidInv euclidFull euclidOff ply iter iter'
    palindrome segment range irand rand perlin sine cosine saw square tri run scan chunk linger brak
    inside outside swingBy rot superimpose off layer jux fastGap compress zoom shuffle scramble randcat
    cat fastcat slowcat timeCat stack overlay struct mask while striate chop arp arpeggiate scale
    toScale up s sound n note gain pan speed begin end cut legato sustain orbit room size shape crush
    coarse cutoff resonance hcutoff vowel delay delaytime delayfeedback accelerate cps unit squiz lpf hpf
    """.split(whereSeparator: \.isWhitespace).map(String.init)

  @Test func everyListedNameIsRegisteredWithHelpAndExample() {
    for name in Self.required {
      guard let e = Library.entry(name) else {
        Issue.record("missing \(name)")
        continue
      }
      #expect(!e.help.isEmpty && !e.example.isEmpty && !e.signature.isEmpty, "\(name)")
    }
  }

  @Test(arguments: Library.names)
  func exampleRuns(_ name: String) throws {
    let entry = try #require(Library.entry(name))
    if entry.kind == .statement {
      var interpreter = Interpreter()
      _ = try interpreter.run(entry.example)
      return
    }
    let (_, p) = try Language.pattern(entry.example, as: entry.exampleType)
    let events = try p.query(0, 2)
    #expect(!events.isEmpty, "\(name): \(entry.example)")
  }
}

@Suite struct StatementTests {
  @Test func statements() throws {
    var i = Interpreter()
    guard case .assign(.number(1), let p) = try i.run("d1 $ s \"bd*2\" # n 1") else {
      Issue.record("d1")
      return
    }
    #expect(
      try p.query(0, 1).map(\.value) == Array(repeating: ControlMap([("n", .note(1)), ("s", .string("bd"))]), count: 2))
    guard case .assign(.name("drums"), _) = try i.run("p \"drums\" $ s \"bd\"") else { Issue.record("p"); return }
    guard case .once = try i.run("once $ s \"cp\"") else { Issue.record("once"); return }
    guard case .hush = try i.run("hush") else { Issue.record("hush"); return }
    guard case .silence = try i.run("silence") else { Issue.record("silence"); return }
    guard case .setCPS(let c) = try i.run("setcps 0.5625"), c == (try Rational(9, 16)) else {
      Issue.record("setcps"); return
    }
    guard case .setBPM(let b) = try i.run("setbpm 135"), b == 135 else { Issue.record("setbpm"); return }
    #expect(try Statement.cps(bpm: 135) == (try Rational(9, 16)))
    guard case .solo(.number(1)) = try i.run("solo 1") else { Issue.record("solo"); return }
    guard case .unsolo(.number(1)) = try i.run("unsolo 1") else { Issue.record("unsolo"); return }
    guard case .mute(.number(2)) = try i.run("mute 2") else { Issue.record("mute"); return }
    guard case .unmute(.number(2)) = try i.run("unmute 2") else { Issue.record("unmute"); return }
    guard case .define("drums") = try i.run("let drums = s \"bd sn\"") else { Issue.record("let"); return }
    guard case .assign(.number(2), let q) = try i.run("d2 $ every 2 (fast 2) drums") else { Issue.record("d2"); return }
    #expect(try q.query(0, 1).count == 4)
    guard case .define("f") = try i.run("let f = (# speed 2) . rev") else { Issue.record("let f"); return }
    guard case .assign(.number(3), _) = try i.run("d3 $ f $ drums") else { Issue.record("d3"); return }
  }

  @Test func statementErrors() {
    var i = Interpreter()
    #expect(throws: LanguageError.self) { try i.run("d1 $ fast") }
    #expect(throws: LanguageError.self) { try i.run("d17 $ s \"bd\"") }
    #expect(throws: LanguageError.self) { try i.run("let = 1") }
    #expect(throws: LanguageError.self) { try i.run("setcps") }
  }

  /// Tidal's `mod'` divides as rationals, so `|%` by zero fails ("Ratio has zero denominator"
  /// from the oracle) on doubles, notes and float controls alike, rather than giving NaN.
  @Test func moduloByZeroIsAnError() throws {
    for source in ["\"1 2\" |% \"0\"", "n \"1 2\" |% n 0", "speed \"1.5\" |% speed 0"] {
      let (_, p) = try Language.pattern(source)
      #expect(throws: (any Error).self, "\(source)") { try p.query(0, 1) }
    }
    let (_, p) = try Language.pattern("\"5.5 7\" |% \"2\"")
    #expect(try p.query(0, 1).count == 2)
  }
}
