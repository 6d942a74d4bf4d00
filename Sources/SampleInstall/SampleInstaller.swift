import Audio

#if canImport(Glibc)
  import Glibc
#endif

/// `tala samples install`: downloads a sample archive (by default Dirt-Samples from GitHub),
/// unpacks it and puts its sound folders at the destination.
///
/// Everything happens in a temporary folder beside the destination (same file system, so the
/// last step is one `rename`). Any failure, or a stop asked for, removes that folder: the
/// destination is either untouched or complete.
public struct SampleInstaller: Sendable {
  /// The tidalcycles/Dirt-Samples repository's archive (what SuperDirt's installer fetches).
  public static let defaultURL = "https://github.com/tidalcycles/Dirt-Samples/archive/refs/heads/master.tar.gz"

  public var url: String
  /// The folder the sound folders end up in (`$XDG_DATA_HOME/tala/samples`).
  public var destination: String
  /// Replace a destination that already holds sound folders (otherwise that is an error).
  public var replace = false

  public init(url: String = Self.defaultURL, destination: String, replace: Bool = false) {
    self.url = url
    self.destination = destination
    self.replace = replace
  }

  /// What is happening, for a progress display.
  public enum Step: Sendable, Equatable {
    case downloading(Download.Progress)
    case unpacking
    case checking
  }

  /// What was installed.
  public struct Installed: Sendable, Equatable {
    /// Sound folders (subfolders with at least one audio file).
    public var sounds: Int
    /// Audio files in them.
    public var files: Int
    public init(sounds: Int, files: Int) {
      self.sounds = sounds
      self.files = files
    }
  }

  /// Downloads, unpacks, checks and moves into place. `shouldStop` is asked during the
  /// download (at least once a second) and between steps.
  public func run(
    report: (Step) -> Void = { _ in }, shouldStop: () -> Bool = { false }
  ) throws(InstallError) -> Installed {
    let dest = Self.trimmed(destination)
    if Files.exists(dest) {
      let held = Self.soundFolders(in: dest).count
      if !Files.isDirectory(dest) { throw InstallError("\(dest) exists and is not a folder") }
      if !Files.entries(dest).isEmpty && !replace {
        throw InstallError(
          "\(dest) is already there (\(held) sound folder\(held == 1 ? "" : "s")); pass --replace to download again and replace it"
        )
      }
    }
    let parent = Self.parent(of: dest)
    try Files.makeDirectories(parent)
    let work = try Files.makeTemporaryDirectory(prefix: parent + "/.tala-samples-download-")
    defer { Files.removeTree(work) }

    func checkStop() throws(InstallError) {
      if shouldStop() { throw InstallError("interrupted", interrupted: true) }
    }
    let archive = work + "/archive"
    try Download.fetch(url, to: archive, progress: { report(.downloading($0)) }, shouldStop: shouldStop)
    try checkStop()

    report(.unpacking)
    let unpacked = work + "/unpacked"
    try Files.makeDirectories(unpacked)
    try Self.unpack(archive, into: unpacked, log: work + "/unpack.log")
    try checkStop()

    report(.checking)
    // GitHub's archives hold one top folder (Dirt-Samples-master/); the sounds are inside it.
    var root = unpacked
    let top = Files.entries(unpacked)
    if top.count == 1, Files.isDirectory(unpacked + "/" + top[0]), Self.soundFolders(in: unpacked).isEmpty {
      root = unpacked + "/" + top[0]
    }
    let sounds = Self.soundFolders(in: root)
    guard !sounds.isEmpty else {
      throw InstallError("the archive from \(url) holds no sample folders (NAME/*.wav and the like); nothing installed")
    }
    let installed = Installed(sounds: sounds.count, files: sounds.reduce(0) { $0 + $1.files })
    try checkStop()

    if Files.exists(dest) {
      // The old folder moves into the work folder, which is removed at the end.
      try Files.rename(dest, work + "/replaced")
      do {
        try Files.rename(root, dest)
      } catch {
        try? Files.rename(work + "/replaced", dest)
        throw error
      }
    } else {
      try Files.rename(root, dest)
    }
    return installed
  }

  /// Subfolders of `path` holding at least one audio file, with their file counts.
  static func soundFolders(in path: String) -> [(name: String, files: Int)] {
    Files.entries(path).compactMap { name in
      guard !name.hasPrefix("."), Files.isDirectory(path + "/" + name) else { return nil }
      let files = Files.entries(path + "/" + name).filter { file in
        guard !file.hasPrefix("."), let dot = file.lastIndex(of: ".") else { return false }
        return SoundBank.extensions.contains(file[file.index(after: dot)...].lowercased())
      }.count
      return files > 0 ? (name, files) : nil
    }
  }

  /// Unpacks a zip archive with `unzip`, anything else with `tar` (which recognizes gzip, bzip2
  /// and xz by their first bytes).
  static func unpack(_ archive: String, into folder: String, log: String) throws(InstallError) {
    let isZip = Files.head(archive, count: 4) == [0x50, 0x4B, 0x03, 0x04]
    let command = isZip ? ["unzip", "-q", archive, "-d", folder] : ["tar", "-xf", archive, "-C", folder]
    guard let status = Files.run(command, log: log) else {
      throw InstallError("cannot run \(command[0]) to unpack the archive (is it installed?)")
    }
    if status != 0 {
      let output = Files.tail(log).split(separator: "\n").suffix(3).joined(separator: "; ")
      if status == 128 + SIGINT { throw InstallError("interrupted", interrupted: true) }
      throw InstallError(
        "the download is not a readable \(isZip ? "zip" : "tar") archive (\(command[0]) says: \(output.isEmpty ? "exit status \(status)" : output)); nothing installed"
      )
    }
  }

  static func trimmed(_ path: String) -> String {
    var p = path
    while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
    return p
  }

  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}
