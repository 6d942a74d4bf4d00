import CCurl

#if canImport(Glibc)
  import Glibc
#endif

/// Why an installation failed, in words.
public struct InstallError: Error, Sendable, CustomStringConvertible {
  public var description: String
  /// True when the user stopped it (Ctrl-C).
  public var interrupted = false
  public init(_ description: String, interrupted: Bool = false) {
    self.description = description
    self.interrupted = interrupted
  }
}

/// One HTTP(S) download into a file through libcurl: redirects followed, HTTP errors and
/// truncated transfers reported as errors, progress and cancellation through closures.
public enum Download {
  /// How far a download is: bytes so far and the total when the server said it.
  public struct Progress: Sendable, Equatable {
    public var received: Int64
    public var total: Int64?
  }

  /// Downloads `url` into `path` (created or truncated). `progress` is called as data arrives
  /// (on this thread); `shouldStop` is asked at least once a second and ends the transfer
  /// when it says so.
  public static func fetch(
    _ url: String, to path: String, progress: (Progress) -> Void = { _ in },
    shouldStop: () -> Bool = { false }
  ) throws(InstallError) {
    guard globalInit else { throw InstallError("libcurl could not start") }
    guard let file = fopen(path, "wb") else {
      throw InstallError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    guard let curl = curl_easy_init() else { throw InstallError("libcurl could not start") }
    defer { curl_easy_cleanup(curl) }
    var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    return try withoutActuallyEscaping(progress) { progress throws(InstallError) in
      try withoutActuallyEscaping(shouldStop) { shouldStop throws(InstallError) in
        let watcher = Watcher(progress: progress, shouldStop: shouldStop)
        let context = Unmanaged.passUnretained(watcher).toOpaque()
        let setup = errorText.withUnsafeMutableBufferPointer { buffer -> CURLcode in
          var r = tala_curl_error_buffer(curl, buffer.baseAddress)
          if r == CURLE_OK { r = tala_curl_url(curl, url) }
          if r == CURLE_OK { r = tala_curl_write_to(curl, file) }
          if r == CURLE_OK { r = tala_curl_defaults(curl, 30, 60, "tala") }
          if r == CURLE_OK {
            r = tala_curl_progress_to(
              curl,
              { context, total, now, _, _ in
                guard let context else { return 0 }
                let w = Unmanaged<Watcher>.fromOpaque(context).takeUnretainedValue()
                return w.update(received: Int64(now), total: total > 0 ? Int64(total) : nil) ? 0 : 1
              }, context)
          }
          if r != CURLE_OK { return r }
          return curl_easy_perform(curl)
        }
        withExtendedLifetime(watcher) {}
        if watcher.stopped { throw InstallError("interrupted", interrupted: true) }
        if setup != CURLE_OK {
          let detail = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
          let status = tala_curl_response_code(curl)
          if setup == CURLE_HTTP_RETURNED_ERROR {
            throw InstallError("the server answered HTTP \(status) for \(url)")
          }
          if setup == CURLE_PARTIAL_FILE {
            throw InstallError("the connection closed before the download ended (\(detail))")
          }
          throw InstallError(
            "download of \(url) failed: \(detail.isEmpty ? String(cString: curl_easy_strerror(setup)) : detail)")
        }
        if fflush(file) != 0 { throw InstallError("cannot write \(path): \(String(cString: strerror(errno)))") }
      }
    }
  }

  /// `curl_global_init`, once per process.
  private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

  /// Carries the closures into libcurl's progress callback.
  private final class Watcher {
    let progress: (Progress) -> Void
    let shouldStop: () -> Bool
    var stopped = false
    var last = Progress(received: -1, total: nil)
    init(progress: @escaping (Progress) -> Void, shouldStop: @escaping () -> Bool) {
      self.progress = progress
      self.shouldStop = shouldStop
    }
    /// False to end the transfer.
    func update(received: Int64, total: Int64?) -> Bool {
      if shouldStop() {
        stopped = true
        return false
      }
      let p = Progress(received: received, total: total)
      if p != last {
        last = p
        progress(p)
      }
      return true
    }
  }
}
