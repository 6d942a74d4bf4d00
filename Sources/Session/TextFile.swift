#if canImport(Glibc)
  import Glibc
#endif

/// Whole text files, as scripts are read by `:load`, `tala run` and `tala render`.
public enum TextFile {
  /// Files larger than this are refused: a script is text typed by a person.
  public static let maximumBytes = 16 << 20

  /// The whole file at `path`, decoded as UTF-8 (invalid bytes become U+FFFD).
  /// - Throws: `SessionError` saying "cannot read PATH: REASON", or that the file is larger
  ///   than 16 MiB.
  public static func read(_ path: String) throws(SessionError) -> String {
    guard let file = fopen(path, "rb") else {
      throw SessionError("cannot read \(path): \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if n == 0 { break }
      bytes += chunk[..<n]
      if bytes.count > maximumBytes { throw SessionError("\(path) is larger than 16 MiB") }
    }
    if ferror(file) != 0 { throw SessionError("cannot read \(path): \(String(cString: strerror(errno)))") }
    return String(decoding: bytes, as: UTF8.self)
  }
}
