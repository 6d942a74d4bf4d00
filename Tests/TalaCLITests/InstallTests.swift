import Foundation
import Testing

/// `make install` into a DESTDIR with the binary already built, every file checked, then
/// `make uninstall` leaves no file behind.
@Suite struct InstallTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Runs a command in the repository; returns status, standard output and error.
  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = arguments
    p.currentDirectoryURL = root
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }

  static func has(_ tool: String) -> Bool { (try? run(["sh", "-c", "command -v \(tool)"]).0) == 0 }

  @Test func installPutsEveryFileAndUninstallRemovesThem() throws {
    let binary = Tala.binary
    let tool = URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("generate-manual-tool")
      .path
    try #require(
      FileManager.default.isExecutableFile(atPath: tool),
      "no \(tool): make test builds it (make generate-manual-tool)")
    let destdir = FileManager.default.temporaryDirectory.appendingPathComponent("tala-destdir-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: destdir) }
    let make = ["make", "--no-print-directory", "DESTDIR=\(destdir.path)", "PREFIX=/opt/tala-test"]
    let installed = try Self.run(make + ["install", "TALA_BIN=\(binary)", "GENERATE_MANUAL=\(tool)"])
    try #require(installed.0 == 0, "\(installed.1)\n\(installed.2)")
    let prefix = destdir.path + "/opt/tala-test"

    let standard = [
      "bin/tala", "share/bash-completion/completions/tala", "share/zsh/site-functions/_tala",
      "share/fish/vendor_completions.d/tala.fish", "share/man/man1/tala.1", "share/man/man1/tala.samples.install.1",
      "share/man/man1/tala.render.1", "share/tala/examples/scripts/first-beat.tala",
      "share/tala/examples/pd/tala-receiver.pd", "share/tala/installed-files",
    ]
    let files = (FileManager.default.enumerator(atPath: prefix)?.allObjects as? [String] ?? []).filter {
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: prefix + "/" + $0, isDirectory: &isDirectory)
        && !isDirectory.boolValue
    }.sorted()
    for file in standard { #expect(files.contains(file), "missing \(file)") }
    // The list uninstall reads is exactly what is there.
    let manifest = try String(contentsOfFile: prefix + "/share/tala/installed-files", encoding: .utf8)
    #expect(manifest.split(separator: "\n").map(String.init).sorted() == files)
    // Every example script and Pd patch, every subcommand's page.
    let scripts = try FileManager.default.contentsOfDirectory(atPath: Self.root.path + "/examples/scripts")
    for s in scripts where s.hasSuffix(".tala") { #expect(files.contains("share/tala/examples/scripts/" + s)) }
    for page in ["tala.run.1", "tala.listen.1", "tala.samples.1", "tala.shell.1", "tala.timetag.encode.1"] {
      #expect(files.contains("share/man/man1/" + page), "missing \(page)")
    }
    for file in files {
      let size = (try FileManager.default.attributesOfItem(atPath: prefix + "/" + file)[.size] as? Int) ?? 0
      #expect(size > 0, "\(file) is empty")
    }

    let version = try Self.run([prefix + "/bin/tala", "--version"])
    #expect(version.0 == 0 && version.1.hasPrefix("tala "))
    let help = try Self.run([prefix + "/bin/tala", "--help"])
    #expect(help.0 == 0 && help.1.contains("samples"))
    #expect(try Self.run(["bash", "-n", prefix + "/share/bash-completion/completions/tala"]).0 == 0)
    let bashCompletion = try String(contentsOfFile: prefix + "/share/bash-completion/completions/tala", encoding: .utf8)
    #expect(bashCompletion.contains("--samples") && bashCompletion.contains("install"))
    if Self.has("zsh") { #expect(try Self.run(["zsh", "-n", prefix + "/share/zsh/site-functions/_tala"]).0 == 0) }
    if Self.has("fish") {
      #expect(try Self.run(["fish", "-n", prefix + "/share/fish/vendor_completions.d/tala.fish"]).0 == 0)
    }
    // Each page formats without a complaint from groff.
    if Self.has("groff") {
      for file in files where file.hasPrefix("share/man/man1/") {
        let formatted = try Self.run(["groff", "-mandoc", "-Tutf8", "-ww", "-z", prefix + "/" + file])
        #expect(formatted.0 == 0 && formatted.2.isEmpty, "\(file): \(formatted.2)")
      }
      let page = try Self.run(["groff", "-mandoc", "-Tutf8", prefix + "/share/man/man1/tala.samples.install.1"])
      #expect(page.1.contains("Dirt-Samples"))
    }

    let removed = try Self.run(make + ["uninstall"])
    #expect(removed.0 == 0, "\(removed.2)")
    let left = (FileManager.default.enumerator(atPath: destdir.path)?.allObjects as? [String] ?? []).filter {
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: destdir.path + "/" + $0, isDirectory: &isDirectory)
        && !isDirectory.boolValue
    }
    #expect(left.isEmpty, "\(left)")
    #expect(!FileManager.default.fileExists(atPath: prefix + "/share/tala"))
  }
}
