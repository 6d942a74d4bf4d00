import Audio
import Foundation
import Testing

/// The sample search path: which folders, in which order, and which folder wins a name.
@Suite struct SampleSearchPathTests {
  /// A temporary home: `HOME`, and `XDG_DATA_HOME` inside it when asked.
  final class Home {
    let root: URL
    init() throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent("tala-home-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }
    var path: String { root.path }
    /// Writes `frames` frames of a constant as `FOLDER/NAME/a.wav`; the length tells folders apart.
    func sound(_ folder: String, _ name: String, frames: Int) throws {
      let dir = root.appendingPathComponent(folder).appendingPathComponent(name)
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      try AudioFile.write(
        [Float](repeating: 0.25, count: frames), to: dir.appendingPathComponent("a.wav").path, rate: 48_000,
        channels: 1, format: .float)
    }
    deinit { try? FileManager.default.removeItem(at: root) }
  }

  static let superDirt = ".local/share/SuperCollider/downloaded-quarks/Dirt-Samples"

  @Test func theStandardOrderIsOptionsEnvironmentUserDataThenSuperDirt() {
    let env = ["TALA_SAMPLES": "/e1::/e2/", "XDG_DATA_HOME": "/data", "HOME": "/nonexistent-home"]
    let path = SampleSearchPath.standard(options: ["/o1", "/o2"]) { env[$0] }
    #expect(
      path.paths == [
        "/o1", "/o2", "/e1", "/e2/", "/data/tala/samples", "/data/SuperCollider/downloaded-quarks/Dirt-Samples",
      ])
    #expect(path.folders.map(\.origin) == [.option, .option, .environment, .environment, .userData, .superDirt])
  }

  @Test func withoutXDGDataHomeTheDefaultsAreUnderHome() {
    for xdg in [nil, "", "relative/dir"] {
      let env = ["HOME": "/nonexistent-home/", "XDG_DATA_HOME": xdg].compactMapValues { $0 }
      let path = SampleSearchPath.standard(options: []) { env[$0] }
      #expect(
        path.paths == [
          "/nonexistent-home/.local/share/tala/samples",
          "/nonexistent-home/.local/share/SuperCollider/downloaded-quarks/Dirt-Samples",
        ], "XDG_DATA_HOME=\(xdg ?? "unset")")
      #expect(SampleSearchPath.userSamplesDirectory { env[$0] } == "/nonexistent-home/.local/share/tala/samples")
    }
    #expect(SampleSearchPath.standard(options: []) { _ in nil }.paths.isEmpty)
  }

  @Test func aFolderNamedTwiceKeepsItsFirstPlace() {
    let env = ["TALA_SAMPLES": "/a:/b", "HOME": "/h"]
    let path = SampleSearchPath.standard(options: ["/b", "/h/.local/share/tala/samples"]) { env[$0] }
    #expect(
      path.paths == [
        "/b", "/h/.local/share/tala/samples", "/a", "/h/.local/share/SuperCollider/downloaded-quarks/Dirt-Samples",
      ])
  }

  /// Every step of the path in a temporary home, each holding `bd` with its own length: the
  /// earliest folder wins, and a name only a later folder has comes from there.
  @Test func eachStepIsFoundAndTheEarliestFolderWins() throws {
    let home = try Home()
    try home.sound("opt", "bd", frames: 100)
    try home.sound("env", "bd", frames: 200)
    try home.sound("env", "sn", frames: 210)
    try home.sound("data/tala/samples", "bd", frames: 300)
    try home.sound("data/tala/samples", "sn", frames: 310)
    try home.sound("data/tala/samples", "hh", frames: 320)
    try home.sound(Self.superDirt, "bd", frames: 400)
    try home.sound(Self.superDirt, "arpy", frames: 410)
    // XDG_DATA_HOME elsewhere: SuperDirt's copy under ~/.local/share is still found.
    let env = ["HOME": home.path, "XDG_DATA_HOME": home.path + "/data", "TALA_SAMPLES": home.path + "/env"]
    let path = SampleSearchPath.standard(options: [home.path + "/opt"]) { env[$0] }
    #expect(path.folders.map(\.origin) == [.option, .environment, .userData, .superDirt, .superDirt])
    let bank = SoundBank(folders: path.paths, outputRate: 48_000)
    #expect(bank.variants("bd").first?.frameCount == 100)
    #expect(bank.variants("sn").first?.frameCount == 210)
    #expect(bank.variants("hh").first?.frameCount == 320)
    #expect(bank.variants("arpy").first?.frameCount == 410)
    #expect(bank.folderNames() == ["arpy", "bd", "hh", "sn"])

    let survey = path.survey()
    #expect(survey.map(\.exists) == [true, true, true, false, true])
    #expect(survey.map(\.sounds) == [1, 2, 3, 0, 2])
    #expect(survey.map(\.hidden) == [0, 1, 2, 0, 1])
    #expect(path.soundNames() == ["arpy", "bd", "hh", "sn"])

    // Without the option and the variable, the user's folder comes first, then SuperDirt's.
    let plain = ["HOME": home.path, "XDG_DATA_HOME": home.path + "/data"]
    let later = SoundBank(folders: SampleSearchPath.standard(options: []) { plain[$0] }.paths, outputRate: 48_000)
    #expect(later.variants("bd").first?.frameCount == 300)
    // With XDG_DATA_HOME unset, ~/.local/share is the data home: SuperDirt's copy alone.
    let bare = ["HOME": home.path]
    let onlyDirt = SoundBank(folders: SampleSearchPath.standard(options: []) { bare[$0] }.paths, outputRate: 48_000)
    #expect(onlyDirt.variants("bd").first?.frameCount == 400)
    #expect(onlyDirt.folderNames() == ["arpy", "bd"])
  }

  /// Start-up lists folders only; decoding waits for a use or a preload, and a folder added
  /// later is found after `reindex`.
  @Test func nothingIsDecodedUntilAskedAndPreloadReportsUnknownNames() throws {
    let home = try Home()
    try home.sound("s", "fresh", frames: 64)
    let bank = SoundBank(folders: [home.path + "/s"], outputRate: 48_000)
    #expect(bank.knows("fresh") && bank.knows("bd") && !bank.knows("nosuch"))
    #expect(!bank.isLoaded("fresh"))
    #expect(bank.preload(["fresh:2", "nosuch", "bd", "nosuch:1", "fresh"]) == ["nosuch"])
    #expect(bank.isLoaded("fresh") && bank.isLoaded("bd"))
    #expect(!bank.knows("later"))
    try home.sound("s", "later", frames: 32)
    bank.reindex()
    #expect(bank.knows("later"))
    #expect(bank.variants("later").first?.frameCount == 32)
    #expect(SoundBank.unknownMessage(["nosuch"]).contains("--samples DIR"))
    #expect(SoundBank.unknownMessage(["nosuch"]).contains("tala samples install"))
  }
}
