import Audio
import Foundation
import SampleInstall
import Testing

/// `tala samples install` against a local HTTP server (serve.py on 127.0.0.1) serving small
/// archives: whole, redirected, zipped, cut half-way, stalled, missing, not an archive.
@Suite(.serialized) final class SampleInstallTests {
  let root: URL
  let served: URL
  let server: Process
  let port: Int

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("tala-install-\(UUID().uuidString)")
    served = root.appendingPathComponent("served")
    let fm = FileManager.default
    try fm.createDirectory(at: served, withIntermediateDirectories: true)
    // An archive laid out as GitHub's: one top folder holding the sound folders.
    let source = root.appendingPathComponent("source")
    let top = source.appendingPathComponent("Dirt-Samples-master")
    for (name, files) in [("bd", ["BT0A0A7.wav", "BT0A0D0.wav"]), ("sn", ["ST0T0S0.wav"])] {
      let dir = top.appendingPathComponent(name)
      try fm.createDirectory(at: dir, withIntermediateDirectories: true)
      for file in files {
        try AudioFile.write(
          (0..<4_000).map { Float(sin(Double($0) * 0.05)) * 0.5 }, to: dir.appendingPathComponent(file).path,
          rate: 44_100, channels: 1, format: .s16)
      }
    }
    try "not a sound".write(to: top.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
    try Self.shell(["tar", "-czf", served.appendingPathComponent("samples.tar.gz").path, "-C", source.path, "."])
    try Self.shell(["sh", "-c", "cd '\(source.path)' && zip -qr '\(served.path)/samples.zip' Dirt-Samples-master"])
    let text = root.appendingPathComponent("text/docs")
    try fm.createDirectory(at: text, withIntermediateDirectories: true)
    try "words".write(to: text.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
    try Self.shell(["tar", "-czf", served.appendingPathComponent("noaudio.tar.gz").path, "-C", text.path, "."])
    try Data((0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(
      to: served.appendingPathComponent("garbage.tar.gz"))

    server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("serve.py")
    server.arguments = ["python3", script.path, served.path]
    let out = Pipe()
    server.standardOutput = out
    try server.run()
    var line = Data()
    while true {
      let byte = out.fileHandleForReading.readData(ofLength: 1)
      if byte.isEmpty || byte == Data("\n".utf8) { break }
      line += byte
    }
    port = Int(String(decoding: line, as: UTF8.self)) ?? 0
  }

  deinit {
    kill(server.processIdentifier, SIGKILL)
    server.waitUntilExit()
    try? FileManager.default.removeItem(at: root)
  }

  static func shell(_ arguments: [String]) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = arguments
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw InstallError("\(arguments) failed") }
  }

  func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

  /// A fresh destination `…/data/tala/samples` (its parent does not exist yet).
  func destination() -> String {
    root.appendingPathComponent("home-\(UUID().uuidString)/data/tala/samples").path
  }

  /// What the destination's parent holds: nothing but the destination, and no work folder.
  func leftovers(_ dest: String) -> [String] {
    let parent = (dest as NSString).deletingLastPathComponent
    return ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).sorted()
  }

  func files(_ dest: String) -> [String] {
    (FileManager.default.enumerator(atPath: dest)?.allObjects as? [String] ?? []).sorted()
  }

  @Test(arguments: ["samples.tar.gz", "redirect/samples.tar.gz", "samples.zip"])
  func installsTheSoundFoldersOfTheArchive(_ path: String) throws {
    try #require(port > 0)
    let dest = destination()
    var steps: [SampleInstaller.Step] = []
    let installed = try SampleInstaller(url: url(path), destination: dest).run(report: { steps.append($0) })
    #expect(installed == .init(sounds: 2, files: 3))
    #expect(
      files(dest) == ["README.md", "bd", "bd/BT0A0A7.wav", "bd/BT0A0D0.wav", "sn", "sn/ST0T0S0.wav"])
    #expect(leftovers(dest) == ["samples"])
    // Progress reached the archive's whole length, then unpacking and checking.
    let size =
      try FileManager.default.attributesOfItem(
        atPath: served.appendingPathComponent((path as NSString).lastPathComponent).path)[.size] as? Int
    guard case .downloading(let last)? = steps.dropLast(2).last else {
      Issue.record("no download progress: \(steps)")
      return
    }
    #expect(last.received == Int64(size ?? -1) && last.total == Int64(size ?? -2))
    #expect(Array(steps.suffix(2)) == [.unpacking, .checking])
    // The bank finds them where the search path looks.
    let bank = SoundBank(folders: [dest], outputRate: 48_000)
    #expect(bank.variants("bd").count == 2 && bank.variants("sn").count == 1)
  }

  @Test func aConnectionCutHalfWayLeavesNothingBehind() throws {
    try #require(port > 0)
    let dest = destination()
    #expect {
      _ = try SampleInstaller(url: url("cut/samples.tar.gz"), destination: dest).run()
    } throws: { error in
      "\(error)".contains("connection closed before the download ended")
    }
    #expect(!FileManager.default.fileExists(atPath: dest))
    #expect(leftovers(dest) == [])
  }

  @Test func aMissingArchiveSaysSoAndLeavesNothingBehind() throws {
    try #require(port > 0)
    let dest = destination()
    #expect {
      _ = try SampleInstaller(url: url("nosuch.tar.gz"), destination: dest).run()
    } throws: { error in
      "\(error)".contains("HTTP 404")
    }
    #expect(leftovers(dest) == [])
  }

  @Test func anArchiveWithoutSoundsOrNotAnArchiveIsRefused() throws {
    try #require(port > 0)
    for (path, words) in [
      ("noaudio.tar.gz", "holds no sample folders"), ("garbage.tar.gz", "not a readable tar archive"),
    ] {
      let dest = destination()
      #expect {
        _ = try SampleInstaller(url: url(path), destination: dest).run()
      } throws: { error in
        "\(error)".contains(words)
      }
      #expect(leftovers(dest) == [], "\(path)")
    }
  }

  @Test func aStopDuringTheDownloadLeavesNothingBehind() throws {
    try #require(port > 0)
    let dest = destination()
    var received: Int64 = 0
    #expect {
      _ = try SampleInstaller(url: url("stall/samples.tar.gz"), destination: dest).run(
        report: { if case .downloading(let p) = $0 { received = p.received } },
        shouldStop: { received > 0 })
    } throws: { error in
      (error as? InstallError)?.interrupted == true
    }
    #expect(received > 0)
    #expect(leftovers(dest) == [])
  }

  @Test func anExistingFolderIsKeptUnlessReplaceIsGiven() throws {
    try #require(port > 0)
    let dest = destination()
    try FileManager.default.createDirectory(atPath: dest + "/mine", withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: dest + "/mine/a.wav", contents: Data()))
    #expect {
      _ = try SampleInstaller(url: url("samples.tar.gz"), destination: dest).run()
    } throws: { error in
      "\(error)".contains("is already there (1 sound folder); pass --replace")
    }
    #expect(files(dest) == ["mine", "mine/a.wav"])
    let installed = try SampleInstaller(url: url("samples.tar.gz"), destination: dest, replace: true).run()
    #expect(installed.sounds == 2)
    #expect(!files(dest).contains("mine") && files(dest).contains("bd/BT0A0A7.wav"))
    #expect(leftovers(dest) == ["samples"])
  }
}
