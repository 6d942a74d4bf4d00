import Controls

#if canImport(Glibc)
  import Glibc
#endif

/// Sounds by name: sample folders laid out like Dirt-Samples (`ROOT/NAME/*.wav`, sorted by file
/// name, `n` picks one and wraps) on a search path. Built-in synths are not here: the voice
/// builder asks the bank first and `Synths` after, so a folder of the same name wins.
///
/// Starting is cheap: the bank lists the roots' subfolders (the sound names) and opens no file.
/// A folder is decoded the first time its name is asked for (`variants`) or when a new pattern
/// names it (`preload`), always on the caller's thread, never the audio thread, and kept. When
/// several roots have the same name, the earliest root's folder is the sound.
public final class SoundBank: @unchecked Sendable {
  /// The roots, earliest first.
  public let folders: [String]
  public let outputRate: Double
  private let lock = Lock()
  /// Name → the folders of that name, in root order (from the listing).
  private var index: [String: [String]] = [:]
  private var loaded: [String: [Sample]] = [:]
  /// Kit drums rendered once, by name and variant number (``Synths/renderKitDrum(_:n:rate:)``).
  private var kit: [String: [Double: Sample]] = [:]
  private var problems: [String] = []

  /// File name endings libsndfile reads that sample packs use.
  public static let extensions = ["wav", "wave", "aif", "aiff", "flac", "ogg", "caf"]

  /// A bank over the sample roots `folders` (earliest wins), indexed now.
  public init(folders: [String], outputRate: Double) {
    self.folders = folders
    self.outputRate = outputRate
    index = Self.makeIndex(folders)
  }

  /// A bank over one sample root, or the built-in sounds only.
  public convenience init(samplesDirectory: String? = nil, outputRate: Double) {
    self.init(folders: samplesDirectory.map { [$0] } ?? [], outputRate: outputRate)
  }

  /// The first root, if any.
  public var samplesDirectory: String? { folders.first }

  /// The built-in sound names.
  public static var builtinNames: [String] { Sound.builtIn }

  /// Lists the roots again (folders added or removed since, for example by
  /// `tala samples install`). Sounds already decoded stay as they are.
  public func reindex() {
    let fresh = Self.makeIndex(folders)
    lock.withLock { index = fresh }
  }

  /// Whether `name` is a sample folder on the path or a built-in sound (nothing is decoded).
  public func knows(_ name: String) -> Bool {
    lock.withLock { index[name] != nil } || Sound.builtIn.contains(name)
  }

  /// Whether `name`'s sound is decoded already (a later `variants` reads no file).
  public func isLoaded(_ name: String) -> Bool {
    lock.withLock { loaded[name] != nil }
  }

  /// The sample folder names on the path, sorted, each once.
  public func folderNames() -> [String] {
    lock.withLock { index.keys.sorted() }
  }

  /// The variants of `name` (the files in its folder), or `[]`.
  public func variants(_ name: String) -> [Sample] {
    let (done, dirs) = lock.withLock { (loaded[name], index[name] ?? []) }
    if let done { return done }
    // Decoding happens outside the lock, so a thread asking for a sound that is already
    // loaded never waits behind a folder being read.
    var found: [Sample] = []
    var trouble: [String] = []
    if isPlainName(name) {
      for dir in dirs where found.isEmpty {
        found = loadFolder(dir, name: name, problems: &trouble)
      }
    }
    return lock.withLock {
      problems += trouble
      if let other = loaded[name] { return other }
      loaded[name] = found
      return found
    }
  }

  /// Variant `n` of the built-in kit drum `name` as a sample at the output rate, synthesized the
  /// first time it is asked for (on the caller's thread, never the audio thread) and kept;
  /// nil for names that are not kit drums.
  public func kitDrum(_ name: String, n: Double) -> Sample? {
    guard Synths.kitNames.contains(name), n.isFinite else { return nil }
    let key = n.rounded(.down)
    if let done = lock.withLock({ kit[name]?[key] }) { return done }
    guard let rendered = Synths.renderKitDrum(name, n: key, rate: outputRate) else { return nil }
    return lock.withLock {
      if let other = kit[name]?[key] { return other }
      kit[name, default: [:]][key] = rendered
      return rendered
    }
  }

  /// Decodes the sounds `names` use (`bd:3` counts as `bd`) that are not loaded yet, on the
  /// caller's thread, so their first events find them ready. Returns the names that are
  /// neither a sample folder nor a built-in sound, each once, in order.
  @discardableResult
  public func preload(_ names: some Sequence<String>) -> [String] {
    var unknown: [String] = []
    var seen = Set<String>()
    for full in names {
      let name = full.firstIndex(of: ":").map { String(full[..<$0]) } ?? full
      guard seen.insert(name).inserted else { continue }
      if variants(name).isEmpty && !Sound.builtIn.contains(name) { unknown.append(name) }
    }
    return unknown
  }

  /// Sample `index` of `name`, wrapping (Dirt's rule: `n` 5 of 3 files plays the third).
  public func sample(_ name: String, index: Int) -> Sample? {
    let all = variants(name)
    if all.isEmpty { return nil }
    let i = index % all.count
    return all[i < 0 ? i + all.count : i]
  }

  /// Files that failed to decode since the last call (each once).
  public func takeProblems() -> [String] {
    lock.withLock {
      defer { problems.removeAll() }
      return problems
    }
  }

  private func isPlainName(_ name: String) -> Bool {
    !name.isEmpty && !name.contains("/") && name != "." && name != ".."
  }

  private static func makeIndex(_ roots: [String]) -> [String: [String]] {
    var index: [String: [String]] = [:]
    for root in roots {
      for name in soundFolderNames(in: root) { index[name, default: []].append(root + "/" + name) }
    }
    return index
  }

  private func loadFolder(_ path: String, name: String, problems: inout [String]) -> [Sample] {
    let files = directoryEntries(path).filter { file in
      guard let dot = file.lastIndex(of: ".") else { return false }
      return Self.extensions.contains(file[file.index(after: dot)...].lowercased())
    }
    var out: [Sample] = []
    for file in files {
      do {
        out.append(try AudioFile.readSample(path + "/" + file, name: name))
      } catch {
        problems.append(error.description)
      }
    }
    return out
  }
}

/// Entry names of a directory, sorted by their bytes, without dot files.
func directoryEntries(_ path: String) -> [String] {
  guard let dir = opendir(path) else { return [] }
  defer { closedir(dir) }
  var names: [String] = []
  while let entry = readdir(dir) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    if !name.hasPrefix(".") { names.append(name) }
  }
  return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
}

func isDirectory(_ path: String) -> Bool {
  var st = stat()
  return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
}

extension SoundBank {
  /// What to tell a user about sounds nothing plays, with where to get them.
  public static func unknownMessage(_ names: [String]) -> String {
    let list = names.map { "'\($0)'" }.joined(separator: ", ")
    return (names.count == 1 ? "unknown sound \(list)" : "unknown sounds \(list)")
      + " (silent): no sample folder of that name and no built-in sound; add a folder with --samples DIR"
      + " or get Dirt-Samples with: tala samples install"
  }
}
