import Foundation
import Testing

/// `tala samples` and the search path through the command line, in a temporary home.
@Suite struct SamplesCommandTests {
  final class Home {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("tala-cli-home-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) }
    var path: String { root.path }
    /// `FOLDER/NAME/a.wav`: a 16-bit WAV of `frames` frames of a steady tone.
    func sound(_ folder: String, _ name: String, frames: Int = 4_800) throws {
      let dir = root.appendingPathComponent(folder).appendingPathComponent(name)
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      var data = Data("RIFF".utf8)
      func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { data += $0 } }
      func u16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { data += $0 } }
      u32(36 + frames * 2)
      data += Data("WAVEfmt ".utf8)
      u32(16)
      u16(1)
      u16(1)
      u32(48_000)
      u32(96_000)
      u16(2)
      u16(16)
      data += Data("data".utf8)
      u32(frames * 2)
      for i in 0..<frames { u16(Int(UInt16(bitPattern: Int16(sin(Double(i) * 0.1) * 12_000)))) }
      try data.write(to: dir.appendingPathComponent("a.wav"))
    }
    deinit { try? FileManager.default.removeItem(at: root) }
  }

  static let superDirt = ".local/share/SuperCollider/downloaded-quarks/Dirt-Samples"

  /// Runs tala with `HOME` set to `home` and no other sample settings (plus `extra`).
  static func tala(_ arguments: [String], home: Home, extra: [String: String] = [:]) throws -> Tala.Result {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments =
      ["-u", "XDG_DATA_HOME", "-u", "TALA_SAMPLES", "HOME=\(home.path)"] + extra.map { "\($0.key)=\($0.value)" }
      + [Tala.binary] + arguments
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Tala.Result(
      status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  @Test func renderFindsSuperDirtsSamplesWithNoFlag() throws {
    let home = try Home()
    try home.sound(Self.superDirt, "arpy")
    let out = home.path + "/out.wav"
    let r = try Self.tala(["render", "-e", "d1 $ s \"arpy\"", out, "--cycles", "1"], home: home)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stderr.contains("unknown"), "\(r.stderr)")
    let missing = try Self.tala(["render", "-e", "d1 $ s \"nosuch\"", out, "--cycles", "1"], home: home)
    #expect(missing.stderr.contains("unknown sound 'nosuch'") && missing.stderr.contains("tala samples install"))
  }

  @Test func samplesListShowsThePathInOrder() throws {
    let home = try Home()
    try home.sound("mine", "bd")
    try home.sound(".local/share/tala/samples", "bd")
    try home.sound(".local/share/tala/samples", "sn")
    try home.sound(Self.superDirt, "arpy")
    let r = try Self.tala(
      ["samples", "list", "--samples", home.path + "/mine"], home: home, extra: ["TALA_SAMPLES": home.path + "/none"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines == [
        "1. \(home.path)/mine  [--samples]  1 sound",
        "2. \(home.path)/none  [TALA_SAMPLES]  not there",
        "3. \(home.path)/.local/share/tala/samples  [$XDG_DATA_HOME/tala/samples, tala samples install]  2 sounds (1 hidden by earlier folders)",
        "4. \(home.path)/\(Self.superDirt)  [SuperDirt's Dirt-Samples]  1 sound",
      ], "\(r.stdout)")
  }

  /// Ctrl-C during the download: status 130, and nothing beside the destination.
  @Test func anInterruptedInstallLeavesNothingBehind() throws {
    let home = try Home()
    try home.sound("src/Dirt-Samples-master", "bd", frames: 400_000)
    let served = home.path + "/served"
    try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
    let tar = Process()
    tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    tar.arguments = ["tar", "-czf", served + "/s.tar.gz", "-C", home.path + "/src", "."]
    try tar.run()
    tar.waitUntilExit()
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("SampleInstallTests/serve.py")
    server.arguments = ["python3", script.path, served]
    let portPipe = Pipe()
    server.standardOutput = portPipe
    try server.run()
    defer {
      kill(server.processIdentifier, SIGKILL)
      server.waitUntilExit()
    }
    var line = Data()
    while true {
      let byte = portPipe.fileHandleForReading.readData(ofLength: 1)
      if byte.isEmpty || byte == Data("\n".utf8) { break }
      line += byte
    }
    let port = String(decoding: line, as: UTF8.self)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: Tala.binary)
    process.arguments = ["samples", "install", "--from", "http://127.0.0.1:\(port)/stall/s.tar.gz"]
    process.environment = ["HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    let err = Pipe()
    process.standardError = err
    try process.run()
    // Wait for the first progress line (half the archive has arrived), then Ctrl-C.
    var text = ""
    while !text.contains("%") {
      let chunk = err.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      text += String(decoding: chunk, as: UTF8.self)
    }
    kill(process.processIdentifier, SIGINT)
    text += String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 130, "\(text)")
    #expect(text.contains("interrupted; nothing was installed"), "\(text)")
    let parent = home.path + "/.local/share/tala"
    #expect((try? FileManager.default.contentsOfDirectory(atPath: parent)) == [], "\(text)")
  }
}
