import Foundation
import Scheduler
import Session
import Shell
import System
import Testing

/// `:help NAME`, `:show` and `:load` through a session, as the prompt and scripts run them.
@Suite struct ShellCommandsTests {
  final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ s: String) {
      lock.lock()
      stored.append(s)
      lock.unlock()
    }
    var all: [String] {
      lock.lock()
      defer { lock.unlock() }
      return stored
    }
  }

  func session(_ reported: Lines = Lines()) throws -> Session {
    var options = Session.Options()
    options.targets = []
    return try Session(
      options: options, clock: ManualClock(),
      extraCommands: ShellCommands.all(sleep: { _ in }, report: { reported.add($0) })
    ) { _ in }
  }

  @Test func helpExplainsCommandsAndLibraryNames() throws {
    let s = try session()
    guard case .ok(let all?) = s.handle(":help") else { throw Failure("no :help list") }
    #expect(all.contains(":show EXPR [CYCLES]") && all.contains(":load FILE"))
    #expect(s.handle(":help load") == s.handle(":help :load"))
    guard case .ok(let fast?) = s.handle(":help fast") else { throw Failure("no help for fast") }
    #expect(fast.hasPrefix("fast :: Pattern Time -> Pattern a -> Pattern a  (function)"))
    #expect(fast.contains("example: "))
    guard case .ok(let gain?) = s.handle(":help gain") else { throw Failure("no help for gain") }
    #expect(gain.contains("(control)"))
    guard case .error(let message) = s.handle(":help fsat") else { throw Failure("unknown name accepted") }
    #expect(message.contains("did you mean fast?"), "\(message)")
    guard case .ok(let lpq?) = s.handle(":help lpq") else { throw Failure("no help for lpq") }
    #expect(lpq.contains("key `resonance`") && lpq.contains("The same as `resonance`."), "\(lpq)")
    #expect(
      s.handle(":help lpfbus") == .error("`lpfbus`: control buses need SuperDirt; Tala does not support them yet"))
    // `wait` is both the `:wait` command and Tidal's transition: both answer, unless `:` asks for the command.
    guard case .ok(let wait?) = s.handle(":help wait") else { throw Failure("no help for wait") }
    #expect(wait.hasPrefix(":wait ") && wait.contains("\nwait :: "), "\(wait)")
    guard case .ok(let command?) = s.handle(":help :wait") else { throw Failure("no help for :wait") }
    #expect(command.hasPrefix(":wait ") && !command.contains("wait :: "), "\(command)")
  }

  @Test func showDrawsWithTheSessionsBindings() throws {
    let s = try session()
    #expect(s.handle("let beat = s \"bd*2 [~ sn]\"") == .ok(nil))
    #expect(s.handle(":show beat 1") == .ok("      |0   |\nbd    |xx..|\nsn    |...x|"))
    // A trailing number that belongs to the expression stays in it.
    #expect(s.handle(":show s \"bd\" # n 1") == .ok("      |0|1|\nbd:1  |x|x|"))
    guard case .error(let message) = s.handle(":show s \"bd\" # nope 1") else { throw Failure("bad :show accepted") }
    #expect(message.contains("nope"))
  }

  @Test func loadRunsAScriptAndReportsItsFirstError() throws {
    let reported = Lines()
    let s = try session(reported)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tala-load-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let good = dir.appendingPathComponent("good.tala").path
    try "setcps 0.75\n\nd1 $ s \"bd*2\"\n:cps\n".write(toFile: good, atomically: true, encoding: .utf8)
    #expect(s.handle(":load \(good)") == .ok(nil))
    #expect(s.scheduler.status.cps.description == "3/4")
    #expect(s.scheduler.status.slots.map(\.name) == ["1"])
    #expect(reported.all.contains { $0.hasPrefix("3/4 cps") })

    let bad = dir.appendingPathComponent("bad.tala").path
    try "hush\n\nd2 $ s \"bd\" # gian 1\n".write(toFile: bad, atomically: true, encoding: .utf8)
    guard case .error(let message) = s.handle(":load \(bad)") else { throw Failure("bad script accepted") }
    #expect(message.hasPrefix("\(bad):3:"), "\(message)")

    let loop = dir.appendingPathComponent("loop.tala").path
    try ":load \(loop)\n".write(toFile: loop, atomically: true, encoding: .utf8)
    guard case .error(let deep) = s.handle(":load \(loop)") else { throw Failure("endless loading accepted") }
    #expect(deep.contains("more than 8 deep"), "\(deep)")

    guard case .error(let missing) = s.handle(":load \(dir.path)/none.tala") else { throw Failure("missing file") }
    #expect(missing.contains("cannot read \(dir.path)/none.tala: No such file or directory"), "\(missing)")
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
  }
}
