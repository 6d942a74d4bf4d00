import Controls
import Language
import OSC
import Scheduler
import Session
import Shell
import System
import Testing
import Time

func event(_ controls: ControlMap, onset: Rational = .zero, cps: Rational = .half) -> PlannedEvent {
  PlannedEvent(
    slot: "1", onset: onset, end: (try? onset + .half) ?? .one, time: .zero, cps: cps, deltaSeconds: 1,
    controls: controls)
}

@Suite struct FormatTests {
  @Test func pdIsSlashPdThenTheSoundThenPairs() {
    #expect(
      MessageFormat.pd.message(for: event(ControlMap("s", .string("tick")))) == OSCMessage("/pd", [.string("tick")]))
    let rich = ControlMap([("s", .string("bd")), ("n", .note(3)), ("gain", .float(0.9)), ("cut", .int(1))])
    #expect(
      MessageFormat.pd.message(for: event(rich))
        == OSCMessage(
          "/pd", [.string("bd"), .string("cut"), .int32(1), .string("gain"), .float32(0.9), .string("n"), .float32(3)]))
    #expect(MessageFormat.pd.message(for: event(ControlMap("n", .note(1)))) == nil)
  }

  @Test func superDirtAddsCpsCycleDeltaIdAndOrbitInNameOrder() {
    let e = event(
      ControlMap([("s", .string("sn")), ("n", .note(2))]), onset: try! Rational(5, 4), cps: try! Rational(9, 16))
    #expect(
      MessageFormat.superdirt.message(for: e)
        == OSCMessage(
          "/dirt/play",
          [
            .string("_id_"), .string("1"), .string("cps"), .float32(0.5625), .string("cycle"), .float32(1.25),
            .string("delta"), .float32(1), .string("n"), .float32(2), .string("orbit"), .int32(0), .string("s"),
            .string("sn"),
          ]))
    // A pattern's own cps and orbit win.
    let own = event(ControlMap([("s", .string("x")), ("cps", .float(1.1)), ("orbit", .int(2))]))
    let args = MessageFormat.superdirt.message(for: own)!.arguments
    #expect(args.contains(.float32(1.1)) && args.contains(.int32(2)) && !args.contains(.float32(0.5)))
  }
}

@Suite struct TargetSpecTests {
  @Test func parsesEveryOption() throws {
    let t = try TargetSpec.parse(["sd", "10.0.0.2:57120", "format=superdirt", "latency=0.2", "mode=immediate"])
    #expect(
      t
        == TargetSpec(
          name: "sd", host: "10.0.0.2", port: 57120, format: .superdirt, latencyNanoseconds: 200_000_000,
          mode: .immediate))
    #expect(try TargetSpec.parse(["v6", "[::1]:9000"]).host == "::1")
    #expect(try TargetSpec.parse(["p", "9000"]).host == "127.0.0.1")
    #expect(TargetSpec.pureData.description == "pd 127.0.0.1:8001 format=pd latency=0.1 mode=bundle")
    let synced = try TargetSpec.parse(["far", "10.0.0.9:8000", "sync=on", "latency=auto"])
    #expect(synced.sync && synced.autoLatency)
    #expect(synced.description == "far 10.0.0.9:8000 format=pd latency=auto mode=bundle sync=on")
    #expect(throws: SessionError.self) { try TargetSpec.parse(["far", "1", "sync=maybe"]) }
  }

  @Test func refusesBadWordsWithAReason() {
    for (words, reason) in [
      (["pd"], "usage"), (["pd", "host:99999"], "invalid port"), (["pd", "h:1", "format=osc"], "unknown format"),
      (["pd", "h:1", "latency=-1"], "seconds"), (["pd", "h:1", "latency=20"], "more than 10 s"),
      (["pd", "h:1", "mode=later"], "unknown mode"), (["pd", "h:1", "colour=red"], "unknown option"),
      (["p d!", "h:1"], "target names"), (["pd", "h:0"], "invalid port"), (["v6", "::1:9000"], "in brackets"),
    ] {
      #expect(throws: SessionError.self) { try TargetSpec.parse(words) }
      do { _ = try TargetSpec.parse(words) } catch { #expect(error.message.contains(reason), "\(words): \(error)") }
    }
  }
}

@Suite struct ScriptTests {
  @Test func unitsFollowThePromptLayout() {
    let script = Script(
      name: "set.tala",
      text: """
        -- intro
        setcps 0.6
        d1 $ s "bd*2"
          # gain 0.8

        :target add cap 9000
        :{
        d2 $ s "hh*4"
        # pan sine
        :}
        :wait 4
        """)
    #expect(
      script.units == [
        Script.Unit(text: "setcps 0.6", line: 2), Script.Unit(text: "d1 $ s \"bd*2\"\n  # gain 0.8", line: 3),
        Script.Unit(text: ":target add cap 9000", line: 6), Script.Unit(text: "d2 $ s \"hh*4\"\n# pan sine", line: 8),
        Script.Unit(text: ":wait 4", line: 11),
      ])
  }

  @Test func errorsAreReportedAtTheirFileLine() throws {
    let session = try Session(
      options: {
        var o = Session.Options(); o.targets = []; return o
      }(), clock: ManualClock()
    ) { _ in }
    var reported: [String] = []
    let outcome = session.run(
      Script(name: "s.tala", text: "setcps 1\n\nd1 $ s \"bd\"\n  # gian 1\n\nd2 $ s \"x\""), sleep: { _ in },
      report: { reported.append($0) })
    guard case .failed(let message) = outcome else {
      Issue.record("expected failure")
      return
    }
    #expect(message.hasPrefix("s.tala:4:5: error: "), "\(message)")
    #expect(message.contains("gian"))
    #expect(session.scheduler.status.slots.isEmpty)
    // --keep-going runs the rest.
    let again = session.run(
      Script(name: "s.tala", text: "d1 $ s \"bd(\"\nd2 $ s \"x\""), keepGoing: true, sleep: { _ in }, report: { _ in })
    #expect(again != .finished)
    #expect(session.scheduler.status.slots.map(\.name) == ["2"])
  }

  @Test func waitTakesCyclesOrSeconds() throws {
    let session = try Session(
      options: {
        var o = Session.Options(); o.targets = []; return o
      }(), clock: ManualClock()
    ) { _ in }
    #expect(session.handle("setcps 0.5") == .ok(nil))
    #expect(session.handle(":wait 2.5s") == .wait(nanoseconds: 2_500_000_000))
    #expect(session.handle(":wait 3") == .wait(nanoseconds: 6_000_000_000))
    guard case .error = session.handle(":wait soon") else {
      Issue.record("bad :wait accepted")
      return
    }
  }
}

@Suite struct InputBufferTests {
  @Test func continuesUntilTheStatementIsWhole() {
    var b = InputBuffer()
    #expect(b.add("d1 $ s \"bd*2") == [])
    #expect(b.isContinuing)
    // A string may span lines.
    #expect(b.add("  sn\"") == ["d1 $ s \"bd*2\n  sn\""])
    #expect(b.add("d1 $") == [])
    #expect(b.add("  s (\"bd\"") == [])
    #expect(b.add("  )") == ["d1 $\n  s (\"bd\"\n  )"])
    #expect(b.add("d1 $ s \"bd\" #") == [])
    #expect(b.add("") == ["d1 $ s \"bd\" #"])  // a blank line ends it (and the error shows)
    #expect(b.add(":{") == [])
    #expect(b.add("d1 $ s \"bd\"") == [])
    #expect(b.add(":}") == ["d1 $ s \"bd\""])
    #expect(b.add("hush -- stop (all of it") == ["hush -- stop (all of it"])
    #expect(b.add("d1 $ s \"0 .. 3\"") == ["d1 $ s \"0 .. 3\""])
    #expect(!b.isContinuing)
  }

  /// Typed, a complete line runs on Enter; pasted, it waits while the input that follows
  /// continues it (its first line that is not a comment is indented).
  @Test func aPastedIndentedLineContinuesTheStatement() {
    var typed = InputBuffer()
    #expect(typed.add("d3 $ s \"superpiano\"") == ["d3 $ s \"superpiano\""])
    var pasted = InputBuffer()
    #expect(pasted.add("d3 $ s \"superpiano\"", followedBy: ["  # legato 0.5", "hush", ""]) == [])
    #expect(pasted.isContinuing)
    #expect(pasted.add("  # legato 0.5", followedBy: ["hush", ""]) == ["d3 $ s \"superpiano\"\n  # legato 0.5"])
    #expect(pasted.add("hush") == ["hush"])
    // What follows decides: a statement at column 1 (even typed ahead, half done), a blank
    // line; comment lines decide nothing.
    for (pending, held) in [
      ("d2", false), ("", false), ("\r  # gain 1", false), ("  # ga", true), ("-- note\r  # gain 1\r", true),
      ("-- note\rd2 $ s \"hh\"\r", false), ("{- a -}\n\t# gain 1", true), ("-- only a comment", false),
    ] {
      var buffer = InputBuffer()
      let ran = buffer.add("d1 $ s \"bd\"", followedBy: InputBuffer.lines(ofPendingInput: pending))
      #expect(ran == (held ? [] : ["d1 $ s \"bd\""]), "\(pending)")
    }
  }
}
