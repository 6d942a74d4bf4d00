#if canImport(Glibc)
  import Glibc
#endif

/// The few file operations an installation needs, on plain POSIX calls.
enum Files {
  /// Entry names of a directory, sorted, without `.` and `..` (dot files included).
  static func entries(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  static func exists(_ path: String) -> Bool {
    var st = stat()
    return lstat(path, &st) == 0
  }

  /// A directory (following a symbolic link).
  static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// Creates `path` and its missing parents.
  static func makeDirectories(_ path: String) throws(InstallError) {
    var built = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      built += "/" + part
      if mkdir(built, 0o755) != 0 && errno != EEXIST {
        throw InstallError("cannot create \(built): \(lastError)")
      }
    }
    guard isDirectory(path) else { throw InstallError("\(path) is not a folder") }
  }

  /// Removes `path` and everything under it; symbolic links are removed, never followed.
  static func removeTree(_ path: String) {
    var st = stat()
    guard lstat(path, &st) == 0 else { return }
    if (st.st_mode & S_IFMT) == S_IFDIR {
      for name in entries(path) { removeTree(path + "/" + name) }
      rmdir(path)
    } else {
      unlink(path)
    }
  }

  /// A new, empty directory named `prefix` plus a unique suffix.
  static func makeTemporaryDirectory(prefix: String) throws(InstallError) -> String {
    var template = Array((prefix + "XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
    }
    guard let made else { throw InstallError("cannot create a folder beside \(prefix): \(lastError)") }
    return made
  }

  static func rename(_ from: String, _ to: String) throws(InstallError) {
    if Glibc.rename(from, to) != 0 { throw InstallError("cannot move \(from) to \(to): \(lastError)") }
  }

  /// The first bytes of a file.
  static func head(_ path: String, count: Int) -> [UInt8] {
    guard let f = fopen(path, "rb") else { return [] }
    defer { fclose(f) }
    var bytes = [UInt8](repeating: 0, count: count)
    let n = fread(&bytes, 1, count, f)
    return Array(bytes.prefix(n))
  }

  /// A file's text (for a tool's error output), at most `limit` bytes from its end.
  static func tail(_ path: String, limit: Int = 2_000) -> String {
    guard let f = fopen(path, "rb") else { return "" }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4_096)
    while true {
      let n = fread(&buffer, 1, buffer.count, f)
      if n <= 0 { break }
      bytes += buffer.prefix(n)
      if bytes.count > 4 * limit { bytes.removeFirst(bytes.count - limit) }
    }
    return String(decoding: bytes.suffix(limit), as: UTF8.self)
  }

  static var lastError: String { String(cString: strerror(errno)) }

  /// Runs a program (found on `PATH`) with its standard output and error going to `log`, with
  /// Ctrl-C and the signal mask at their defaults (so Ctrl-C stops it even while the caller
  /// blocks the stop signals). Returns its exit status, or nil when it could not start.
  static func run(_ arguments: [String], log: String) -> Int32? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGTERM)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid = pid_t()
    guard posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ) == 0 else { return nil }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
    if status & 0x7f == 0 { return (status >> 8) & 0xff }
    return 128 + (status & 0x7f)
  }
}
