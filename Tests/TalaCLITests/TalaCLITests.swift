import Foundation
import Testing

/// Runs the built `tala` binary (a sibling of the test bundle: `swift test` builds every product).
enum Tala {
  static let binary: String = {
    var candidates: [String] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("tala").path)
    }
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("tala").path)
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    for scratch in [".build-osc", ".build"] {
      candidates.append(root.appendingPathComponent("\(scratch)/debug/tala").path)
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `tala arguments…` to completion (bounded by `seconds`, then killed).
  static func run(_ arguments: [String], stdin: String? = nil, seconds: Double = 20) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let directory = FileManager.default.temporaryDirectory
    let out = directory.appendingPathComponent("tala-cli-\(UUID().uuidString).out")
    let err = directory.appendingPathComponent("tala-cli-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
  }
}

@Suite struct TimetagCommandTests {
  @Test func encodeAndDecode() throws {
    let encoded = try Tala.run(["timetag", "encode", "2026-11-24T18:00:00.5Z"])
    #expect(encoded.status == 0)
    #expect(encoded.stdout.contains("timetag       0xEEB04F20.80000000"))
    #expect(encoded.stdout.contains("integer       17199333977932955648"))
    #expect(try Tala.run(["timetag", "encode", "2036-02-07T06:28:17Z"]).stdout.contains("0x00000001.00000000"))
    for form in ["0xEEB04F20.80000000", "0xEEB04F2080000000", "17199333977932955648", "4004532000.5"] {
      let decoded = try Tala.run(["timetag", "decode", form])
      #expect(decoded.status == 0)
      #expect(decoded.stdout.contains("UTC           2026-11-24T18:00:00.500000000Z"), "\(form): \(decoded.stdout)")
      #expect(decoded.stdout.contains("Unix seconds  1795543200.5"))
    }
    #expect(try Tala.run(["timetag", "decode", "0x00000000.00000001"]).stdout.contains("immediately"))
    #expect(
      try Tala.run(["timetag", "decode", "0xEB0A1F30.1F9ADD37"]).stdout.contains("2024-12-16T03:38:24.123456788Z"))
  }

  @Test func pointsOutUnixTimeStampedAsNTP() throws {
    let result = try Tala.run(["timetag", "decode", "0x65A1B2C3.80000000"])
    #expect(result.stdout.contains("looks like Unix time"))
    #expect(result.stdout.contains("2024-01-12T21:44:35.500000000Z"))
  }

  @Test func nowAndOffsets() throws {
    let now = try Tala.run(["timetag"])
    #expect(now.status == 0)
    #expect(now.stdout.hasPrefix("UTC           20"))
    for offset in ["+1.5", "-0.25", "2"] {
      let result = try Tala.run(["timetag", offset])
      #expect(result.status == 0, "\(offset): \(result.stderr)")
      #expect(result.stdout.contains("from now"))
    }
    #expect(try Tala.run(["timetag", "+1.5"]).stdout.contains("from now      +1.5"))
  }

  @Test(arguments: [
    ["timetag", "decode", "soon"], ["timetag", "encode", "2026-11-24"], ["timetag", "+x"],
    ["timetag", "encode", "2200-01-01T00:00:00Z"],
  ])
  func badInputExitsOne(_ arguments: [String]) throws {
    let result = try Tala.run(arguments)
    #expect(result.status == 1)
    #expect(result.stderr.contains("Error:"))
  }
}

@Suite struct OSCCommandTests {
  @Test func encodeThenDecode() throws {
    let json = #"{"address":"/a","types":",ifsb","args":[1,0.5,"x","0aff"]}"#
    let encoded = try Tala.run(["osc", "encode", json])
    #expect(encoded.status == 0)
    #expect(encoded.stdout == "2f6100002c69667362000000000000013f00000078000000000000020aff0000\n")
    let decoded = try Tala.run(["osc", "decode", encoded.stdout.trimmingCharacters(in: .whitespacesAndNewlines)])
    #expect(decoded.stdout == json + "\n")
  }

  @Test func badInputExitsOne() throws {
    let badHex = try Tala.run(["osc", "decode", "2f6"])
    #expect(badHex.status == 1)
    #expect(badHex.stderr.contains("invalid hex"))
    let malformed = try Tala.run(["osc", "decode", "2f616263"])
    #expect(malformed.status == 1)
    #expect(malformed.stderr.contains("string without terminating NUL at byte 0"))
    let badJSON = try Tala.run(["osc", "encode", #"{"address":"/a","types":",i","args":["x"]}"#])
    #expect(badJSON.status == 1)
    #expect(badJSON.stderr.contains("type 'i' needs an integer"))
  }
}
