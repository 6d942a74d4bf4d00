import Controls

#if canImport(Glibc)
  import Glibc
#endif

/// Sounds by name: sample folders laid out like Dirt-Samples (`ROOT/NAME/*.wav`, sorted by file
/// name, `n` picks one and wraps), then the built-in sounds. A folder is decoded the first time
/// its name is asked for, on the caller's thread (never the audio thread), and kept.
public final class SoundBank: @unchecked Sendable {
  public let samplesDirectory: String?
  public let outputRate: Double
  private let lock = Lock()
  private var folders: [String: [Sample]] = [:]
  private var problems: [String] = []

  /// File name endings libsndfile reads that sample packs use.
  static let extensions = ["wav", "wave", "aif", "aiff", "flac", "ogg", "caf"]

  public init(samplesDirectory: String? = nil, outputRate: Double) {
    self.samplesDirectory = samplesDirectory
    self.outputRate = outputRate
  }

  /// The built-in sound names.
  public static var builtinNames: [String] { Sound.builtIn }

  /// The variants of `name` (files in the folder, or the one built-in sound), or `[]`.
  public func variants(_ name: String) -> [Sample] {
    lock.withLock {
      if let loaded = folders[name] { return loaded }
      var found: [Sample] = []
      if let root = samplesDirectory, isPlainName(name) {
        found = loadFolder(root + "/" + name, name: name)
      }
      folders[name] = found
      return found
    }
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

  /// Folder names under the samples directory, sorted.
  public func folderNames() -> [String] {
    guard let root = samplesDirectory else { return [] }
    return directoryEntries(root).filter { isDirectory(root + "/" + $0) }
  }

  private func isPlainName(_ name: String) -> Bool {
    !name.isEmpty && !name.contains("/") && name != "." && name != ".."
  }

  private func loadFolder(_ path: String, name: String) -> [Sample] {
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
