import Foundation
import Testing

/// `tala query` as users meet it: the built binary, its JSON, its exit status.
@Suite struct QueryCommandTests {
  /// Runs the `tala` binary built beside this test bundle.
  static func tala(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
    let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let binary = dir.appendingPathComponent("tala")
    #expect(FileManager.default.isExecutableFile(atPath: binary.path), "no tala binary at \(binary.path)")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  static func json(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
  }

  @Test func printsEventsInTheOraclesFormat() throws {
    let (status, out) = try QueryCommandTests.tala(["query", "bd*2 [sn cp]"])
    #expect(status == 0)
    #expect(
      out.trimmingCharacters(in: .whitespacesAndNewlines)
        == #"{"ok":true,"events":[{"whole":["0","1/4"],"part":["0","1/4"],"value":"bd"},{"whole":["1/4","1/2"],"part":["1/4","1/2"],"value":"bd"},{"whole":["1/2","3/4"],"part":["1/2","3/4"],"value":"sn"},{"whole":["3/4","1"],"part":["3/4","1"],"value":"cp"}]}"#
    )
  }

  @Test func acceptsQuotedPatternsTypesAndArcs() throws {
    let (status, out) = try QueryCommandTests.tala(["query", "--type", "note", "--arc", "1/2", "3/2", "\"c e\""])
    #expect(status == 0)
    let events = try QueryCommandTests.json(out)["events"] as! [[String: Any]]
    #expect(events.map { $0["value"] as! Double } == [4, 0])
    #expect(events.map { $0["part"] as! [String] } == [["1/2", "1"], ["1", "3/2"]])
  }

  @Test func controlsFeedVariables() throws {
    let (_, out) = try QueryCommandTests.tala(["query", "--controls", "x=s:sn", "^x bd"])
    let events = try QueryCommandTests.json(out)["events"] as! [[String: Any]]
    #expect(events.map { $0["value"] as! String } == ["sn", "bd"])
  }

  @Test func parseErrorsAreJSONWithPositionAndExitOne() throws {
    let (status, out) = try QueryCommandTests.tala(["query", "bd [sn"])
    #expect(status == 1)
    let obj = try QueryCommandTests.json(out)
    #expect(obj["ok"] as? Bool == false)
    #expect(obj["error"] as? String == "parse")
    #expect(obj["line"] as? Int == 1 && obj["column"] as? Int == 7)
  }

  @Test func dashDashAllowsPatternsStartingWithAMinus() throws {
    let (status, out) = try QueryCommandTests.tala(["query", "--type", "int", "--", "-1 2"])
    #expect(status == 0)
    let events = try QueryCommandTests.json(out)["events"] as! [[String: Any]]
    #expect(events.map { $0["value"] as! Int } == [-1, 2])
  }

  /// Without `--` too: a pattern such as "-1 .. 3" or "- bd" is a pattern, not an option.
  @Test func patternsMayStartWithAMinusWithoutDashDash() throws {
    let (status, out) = try QueryCommandTests.tala(["query", "--type", "double", "--arc", "0", "1", "-1 .. 1"])
    #expect(status == 0)
    let events = try QueryCommandTests.json(out)["events"] as! [[String: Any]]
    #expect(events.map { $0["value"] as! Double } == [-1, 0, 1])
    let (restStatus, restOut) = try QueryCommandTests.tala(["query", "- bd"])
    #expect(restStatus == 0)
    let rest = try QueryCommandTests.json(restOut)["events"] as! [[String: Any]]
    #expect(rest.map { $0["value"] as! String } == ["bd"])
  }

  @Test func statsCountsEventsOneCycleAtATime() throws {
    let (status, out) = try QueryCommandTests.tala(["query", "--stats", "--arc", "0", "10", "bd*2 sn"])
    #expect(status == 0)
    let obj = try QueryCommandTests.json(out)
    #expect(obj["events"] as? Int == 30)
    #expect((obj["seconds"] as? Double).map { $0 >= 0 } == true)
    #expect(obj.count == 2)
  }
}
