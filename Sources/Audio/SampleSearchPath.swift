#if canImport(Glibc)
  import Glibc
#endif

/// Where sample folders laid out like Dirt-Samples (`FOLDER/NAME/*.wav`) are looked for, earliest
/// first: a sound name found in an earlier folder hides the same name in later ones.
///
/// The standard order is: `--samples DIR` (each, as given), `TALA_SAMPLES` (colon-separated),
/// `$XDG_DATA_HOME/tala/samples` (where `tala samples install` puts Dirt-Samples), then
/// SuperDirt's own copy of Dirt-Samples, which its installer puts among SuperCollider's
/// downloaded quarks.
public struct SampleSearchPath: Sendable, Equatable {
  /// Why a folder is on the path.
  public enum Origin: String, Sendable, Equatable {
    case option = "--samples"
    case environment = "TALA_SAMPLES"
    case userData = "XDG_DATA_HOME"
    case superDirt = "SuperDirt"
  }

  /// How `:samples` and `tala samples list` name an origin.
  public static func label(_ origin: Origin) -> String {
    switch origin {
    case .option: "--samples"
    case .environment: "TALA_SAMPLES"
    case .userData: "$XDG_DATA_HOME/tala/samples, tala samples install"
    case .superDirt: "SuperDirt's Dirt-Samples"
    }
  }

  public struct Folder: Sendable, Equatable {
    public var path: String
    public var origin: Origin
    public init(_ path: String, _ origin: Origin) {
      self.path = path
      self.origin = origin
    }
  }

  public var folders: [Folder]

  public init(_ folders: [Folder] = []) { self.folders = folders }

  /// The folders' paths, in order.
  public var paths: [String] { folders.map(\.path) }

  /// Reads the process environment.
  public static let processEnvironment: @Sendable (String) -> String? = { name in
    getenv(name).map { String(cString: $0) }
  }

  /// The standard path for the `--samples` options given, reading `TALA_SAMPLES`,
  /// `XDG_DATA_HOME` and `HOME` from `environment`. A folder named twice keeps its first place.
  public static func standard(
    options: [String], environment: (String) -> String? = processEnvironment
  ) -> SampleSearchPath {
    var folders = options.filter { !$0.isEmpty }.map { Folder($0, .option) }
    if let list = environment("TALA_SAMPLES") {
      folders += list.split(separator: ":").map { Folder(String($0), .environment) }
    }
    if let data = dataHome(environment) {
      folders.append(Folder(data + "/tala/samples", .userData))
      folders.append(Folder(data + "/SuperCollider/downloaded-quarks/Dirt-Samples", .superDirt))
    }
    // SuperCollider on Linux follows XDG_DATA_HOME; a copy under the default place counts too
    // when XDG_DATA_HOME points elsewhere and that copy exists.
    if let home = nonEmpty(environment("HOME")) {
      let fallback = home + "/.local/share/SuperCollider/downloaded-quarks/Dirt-Samples"
      if isDirectory(fallback) { folders.append(Folder(fallback, .superDirt)) }
    }
    var seen = Set<String>()
    return SampleSearchPath(folders.filter { seen.insert(normalized($0.path)).inserted })
  }

  /// Where `tala samples install` puts samples: `$XDG_DATA_HOME/tala/samples`, by default
  /// `~/.local/share/tala/samples`; nil when neither variable gives an absolute path.
  public static func userSamplesDirectory(environment: (String) -> String? = processEnvironment) -> String? {
    dataHome(environment).map { $0 + "/tala/samples" }
  }

  /// `$XDG_DATA_HOME` when it is an absolute path (the XDG rule), else `$HOME/.local/share`.
  static func dataHome(_ environment: (String) -> String?) -> String? {
    if let xdg = nonEmpty(environment("XDG_DATA_HOME")), xdg.hasPrefix("/") { return trimmed(xdg) }
    if let home = nonEmpty(environment("HOME")) { return trimmed(home) + "/.local/share" }
    return nil
  }

  private static func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
  private static func trimmed(_ s: String) -> String {
    var s = s
    while s.count > 1 && s.hasSuffix("/") { s.removeLast() }
    return s
  }
  private static func normalized(_ path: String) -> String { trimmed(path) }

  /// What one folder on the path holds, for `:samples`.
  public struct Survey: Sendable, Equatable {
    public var folder: Folder
    public var exists: Bool
    /// Sound names (subfolders) in it.
    public var sounds: Int
    /// Of those, the ones an earlier folder already has.
    public var hidden: Int
    /// `path  [origin]  N sounds (M hidden by earlier folders)`, or `… not there`.
    public var line: String {
      let what =
        !exists
        ? "not there"
        : "\(sounds) sound\(sounds == 1 ? "" : "s")" + (hidden > 0 ? " (\(hidden) hidden by earlier folders)" : "")
      return "\(folder.path)  [\(SampleSearchPath.label(folder.origin))]  \(what)"
    }
  }

  /// Lists each folder's sound names (a directory listing each, no file is opened).
  public func survey() -> [Survey] {
    var seen = Set<String>()
    return folders.map { folder in
      let names = soundFolderNames(in: folder.path)
      let hidden = names.filter { seen.contains($0) }.count
      seen.formUnion(names)
      return Survey(folder: folder, exists: isDirectory(folder.path), sounds: names.count, hidden: hidden)
    }
  }

  /// Every sound name the folders hold, sorted, each once.
  public func soundNames() -> [String] {
    Array(Set(folders.flatMap { soundFolderNames(in: $0.path) })).sorted()
  }
}

/// The subfolders of `root` (sound names), sorted by their bytes, without dot folders. Reads the
/// directory only; an entry whose type the listing does not give is checked with `stat`.
func soundFolderNames(in root: String) -> [String] {
  guard let dir = opendir(root) else { return [] }
  defer { closedir(dir) }
  var names: [String] = []
  while let entry = readdir(dir) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    if name.hasPrefix(".") { continue }
    let type = Int32(entry.pointee.d_type)
    if type == DT_DIR || ((type == DT_LNK || type == DT_UNKNOWN) && isDirectory(root + "/" + name)) {
      names.append(name)
    }
  }
  return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
}

extension AudioConfiguration {
  /// One sample folder (the first of `sampleFolders`), as before the search path.
  public var samplesDirectory: String? {
    get { sampleFolders.first }
    set { sampleFolders = newValue.map { [$0] } ?? [] }
  }
}
