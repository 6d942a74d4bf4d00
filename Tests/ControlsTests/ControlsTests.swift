import Controls
import OSC
import Testing
import Time

@Suite struct ControlValueTests {
  /// Tidal 1.9's getters, value by value: `getF` and `getN` refuse notes, `getI`
  /// floors, `getR` is exact.
  @Test func gettersReadAsTidalDoes() throws {
    let third = try Rational(1, 3)
    #expect(ControlValue.float(0.5).getF == 0.5)
    #expect(ControlValue.int(3).getF == 3)
    #expect(ControlValue.rational(third).getF == 1.0 / 3)
    #expect(ControlValue.note(7).getF == nil)
    #expect(ControlValue.string("7").getF == nil)
    #expect(ControlValue.note(7).getN == nil)
    #expect(ControlValue.float(7).getN == 7)
    #expect(ControlValue.int(2).getN == 2)
    #expect(ControlValue.bool(true).getN == nil)
    #expect(ControlValue.float(-1.5).getI == -2)
    #expect(ControlValue.rational(try Rational(7, 2)).getI == 3)
    #expect(ControlValue.note(1).getI == nil)
    #expect(ControlValue.float(0.25).getR == (try Rational(1, 4)))
    #expect(ControlValue.note(0.25).getR == nil)
    #expect(ControlValue.string("bd").getS == "bd")
    #expect(ControlValue.bool(false).getB == false)
    #expect(ControlValue.int(1).getB == nil)
  }

  @Test func tempoIsExactAndPositive() throws {
    #expect(ControlValue.float(0.7).exactTempo == (try Rational(7, 10)))
    #expect(ControlValue.int(2).exactTempo == Rational(2))
    #expect(ControlValue.float(-1).exactTempo == (try Rational(1, 100_000)))
    #expect(ControlValue.string("fast").exactTempo == nil)
    #expect(ControlValue.float(.infinity).exactTempo == nil)
  }

  @Test func orderIsHaskellsDerivedOrder() {
    #expect(ControlValue.string("z") < .float(0))
    #expect(ControlValue.float(2) < .note(1))
    #expect(ControlValue.bool(false) < .bool(true))
    #expect(!(ControlValue.int(2) < .int(2)))
  }

  @Test func mapsStaySortedAndUnionLeftBiased() {
    var m: ControlMap = ["s": .string("bd"), "gain": .float(1)]
    m["cut"] = .int(1)
    #expect(m.names == ["cut", "gain", "s"])
    let u = m.union(["gain": .float(0.5), "n": .note(3)])
    #expect(u.names == ["cut", "gain", "n", "s"])
    #expect(u["gain"] == .float(1))
    m["gain"] = nil
    #expect(m.names == ["cut", "s"])
  }
}

@Suite struct ParamsTests {
  @Test func everyNameIsOnceAndAliasesPointAtControls() {
    let names = Params.all.map(\.name)
    #expect(Set(names).count == names.count)
    for p in Params.all where p.isAlias {
      let target = Params.named(p.aliasOf ?? "")
      #expect(target != nil, "\(p.name) is an alias of \(p.aliasOf ?? "?"), which is not a control")
      #expect(target?.type == p.type, "\(p.name) and its target disagree on their type")
      #expect(target?.keys == p.keys, "\(p.name) and its target set different keys")
      #expect(target.map { Params.aliases(of: $0.name).contains(p.name) } == true)
    }
    #expect(Params.named("lpf")?.key == "cutoff")
    #expect(Params.named("sz")?.key == "size")
    #expect(Params.named("delayfb")?.key == "delayfeedback")
    #expect(Params.named("nosuchcontrol") == nil)
  }

  /// Tidal 1.9.5's `Params.hs` defines 196 plain controls, 57 aliases, 4 grouped ones,
  /// `midinote` and `drum`; `array` (bytes) is left out.
  @Test func tableHasEveryTidalControl() {
    #expect(Params.all.count == 258)
    #expect(Params.all.filter(\.isAlias).count == 57)
    #expect(Params.named("midichan")?.type == .float)
    #expect(Params.named("cut")?.type == .int)
    #expect(Params.named("unit")?.type == .string)
    #expect(Params.named("nrpnn")?.key == "nrpn")
    #expect(Params.named("array") == nil)
    #expect(Params.unsupported("array") == .bytes)
    #expect(Params.unsupported("lpfbus") == .bus)
    #expect(Params.unsupported("cutoffrecv") == .bus)
    #expect(Params.unsupported("sTake") == nil)
    let stateful = Dictionary(uniqueKeysWithValues: Params.stateful.map { ($0.name, $0) })
    #expect(Params.stateful.count == 573)
    #expect(stateful["sTake"] == StatefulParam("sTake", key: "s", .takeStrings))
    #expect(stateful["gainCountTo"] == StatefulParam("gainCountTo", key: "gain", .countTo))
    #expect(stateful["nCount"] == StatefulParam("nCount", key: "n", .count))
    #expect(stateful["noteTake"] == StatefulParam("noteTake", key: "note", .take))
    #expect(Params.unsupported("gain") == nil)
    #expect(
      UnsupportedParam.bus.message("lpfbus") == "`lpfbus`: control buses need SuperDirt; Tala does not support them yet"
    )
    #expect(Params.named("sz")?.help.contains("The same as `size`.") == true)
    #expect(Params.named("size")?.help.contains("`sz`") == true)
  }

  @Test func groupedControlsSplitAsTidalsGrp() throws {
    guard case .grouped(let parts) = try #require(Params.named("nrpn")).form else {
      Issue.record("nrpn is not grouped")
      return
    }
    #expect(Params.grouped(parts, "1:-2") == ["nrpn": .int(1), "val": .int(-2)])
    #expect(Params.grouped(parts, "1.5:2") == ["val": .int(2)])
    #expect(Params.grouped(parts, "::3:4:5") == ["nrpn": .int(3), "val": .int(4)])
    #expect(Params.drumNumber("bd") == 36)
    #expect(Params.drumNumber("os") == 87)
    #expect(Params.drumNumber("zz") == 0)
  }

  @Test func soundSplitsNameAndIndex() {
    #expect(Sound.controls("bd:3") == ["s": .string("bd"), "n": .float(3)])
    #expect(Sound.controls("bd") == ["s": .string("bd")])
    #expect(Sound.controls("bd:x") == ["s": .string("bd")])
    #expect(Sound.controls("drum:-1.5e1") == ["s": .string("drum"), "n": .float(-15)])
  }
}

@Suite struct WireFormatTests {
  let context = EventContext(cps: 0.5625, cycle: 1.25, delta: 1, slot: "2")

  @Test func toDatumTypes() {
    #expect(ControlValue.string("a").oscArgument == .string("a"))
    #expect(ControlValue.int(3).oscArgument == .int32(3))
    #expect(ControlValue.int(Int.max).oscArgument == .int32(.max))
    #expect(ControlValue.bool(true).oscArgument == .int32(1))
    #expect(ControlValue.note(3).oscArgument == .float32(3))
    #expect(ControlValue.rational(.half).oscArgument == .float32(0.5))
  }

  @Test func superDirtAddsWhatTidalAddsUnlessSet() {
    let plain = SuperDirt.controls(["s": .string("sn")], context)
    #expect(
      plain == [
        "s": .string("sn"), "cps": .float(0.5625), "cycle": .float(1.25), "delta": .float(1), "_id_": .string("2"),
        "orbit": .int(0),
      ])
    let own = SuperDirt.controls(["s": .string("sn"), "orbit": .int(3), "cps": .float(2)], context)
    #expect(own["orbit"] == .int(3) && own["cps"] == .float(2))
  }

  @Test func formatsNeedASound() {
    #expect(MessageFormat.pd.message(["n": .note(1)], context) == nil)
    #expect(MessageFormat.superdirt.message(["n": .note(1)], context) == nil)
    #expect(
      MessageFormat.pd.message(["s": .string("tick"), "gain": .float(0.5)], context)
        == OSCMessage("/pd", [.string("tick"), .string("gain"), .float32(0.5)]))
  }

  /// What `tala listen` reads back is what the formats wrote, less the float32 rounding.
  @Test func receivedMessagesBecomeSoundEvents() throws {
    let sent: ControlMap = ["s": .string("bd"), "n": .int(3), "vowel": .string("a"), "speed": .float(-1)]
    let dirt = try #require(MessageFormat.superdirt.message(sent, context))
    let event = try #require(SoundEvent(dirt, layout: .pairs))
    #expect(event.name == "bd")
    #expect(event.controls["n"] == .int(3) && event.controls["vowel"] == .string("a"))
    #expect(event.number("speed") == -1 && event.number("cps") == 0.5625 && event.number("orbit") == 0)
    let pd = try #require(MessageFormat.pd.message(sent, context))
    let named = try #require(SoundEvent(pd, layout: .named))
    #expect(named == SoundEvent("bd", controls: ["n": .int(3), "vowel": .string("a"), "speed": .float(-1)]))
    #expect(SoundEvent(OSCMessage("/py", [.int32(1)]), layout: .named) == nil)
    #expect(SoundEvent(OSCMessage("/dirt/play", [.string("n"), .int32(1)]), layout: .pairs) == nil)
  }

  @Test func soundEventsReadNumbersAsSuperDirtDoes() {
    let e = SoundEvent(
      "x", controls: ["a": .note(2), "b": .string("0.25"), "c": .bool(true), "d": .float(.nan), "e": .string("no")])
    #expect(e.number("a") == 2 && e.number("b") == 0.25 && e.number("c") == 1)
    #expect(e.number("d") == nil && e.number("e") == nil && e.number("missing") == nil)
  }
}

/// The store behind the stateful helpers, against Tidal 1.9.5's `pStateF` / `pStateList`:
/// counts start at 0 and add one per played event (`…CountTo` wrapping with `mod'`), lists are
/// taken in turn and start again, and helpers that share a store name share its state.
@Suite struct ControlStoreTests {
  @Test func countsFromZero() {
    var store = ControlStore()
    let values = (0..<4).map { _ in store.resolve(.count(store: "x", modulo: nil)) }
    #expect(values == [.float(0), .float(1), .float(2), .float(3)])
    #expect(store.resolve(.count(store: "y", modulo: nil)) == .float(0), "another name counts alone")
  }

  @Test func countsToWrap() {
    var store = ControlStore()
    let values = (0..<7).map { _ in store.resolve(.count(store: "x", modulo: 3)) }
    #expect(values.map(\.getF) == [0, 1, 2, 0, 1, 2, 0])
  }

  @Test func takesInTurnAndStartsAgain() {
    var store = ControlStore()
    let take = ControlState.take(store: "x", values: [.string("bd"), .string("sn"), .string("hh")])
    let values = (0..<5).map { _ in store.resolve(take) }
    #expect(values == [.string("bd"), .string("sn"), .string("hh"), .string("bd"), .string("sn")])
  }

  @Test func resolvesEveryStateInAMap() {
    var store = ControlStore()
    var map = ControlMap("n", .state(.count(store: "c", modulo: nil)))
    map["s"] = .string("bd")
    #expect(store.resolving(map) == ControlMap([("n", .float(0)), ("s", .string("bd"))]))
    #expect(store.resolving(map)["n"] == .float(1))
  }
}
