import Glibc

/// File name candidates for completing a path typed at the prompt.
public enum FileNames {
  /// The entries of the directory part of `partial` whose names start with its last component,
  /// as paths the user can type (directories end in `/`). Hidden files only when asked for
  /// with a leading dot. At most `limit` names, sorted.
  public static func candidates(for partial: String, limit: Int = 500) -> [String] {
    let slash = partial.lastIndex(of: "/")
    let directoryPart = slash.map { String(partial[...$0]) } ?? ""
    let namePrefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
    let directory = directoryPart.isEmpty ? "." : expandHome(directoryPart)
    guard let dir = opendir(directory) else { return [] }
    defer { closedir(dir) }
    var out: [String] = []
    while out.count < limit, let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name == "." || name == ".." { continue }
      if name.hasPrefix(".") && !namePrefix.hasPrefix(".") { continue }
      guard name.hasPrefix(namePrefix) else { continue }
      var info = stat()
      let isDirectory = stat(directory + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
      out.append(directoryPart + name + (isDirectory ? "/" : ""))
    }
    return out.sorted()
  }

  private static func expandHome(_ path: String) -> String {
    guard path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
    return String(cString: home) + path.dropFirst()
  }
}
