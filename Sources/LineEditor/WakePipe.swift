import Glibc
import Synchronization

/// A pipe that wakes a thread waiting in `poll`: other threads write a byte, the waiter reads
/// them all. Both ends are non-blocking so neither side can stall.
final class WakePipe: Sendable {
  let readEnd: Int32
  let writeEnd: Int32

  init() {
    var fds: [Int32] = [-1, -1]
    if pipe(&fds) != 0 { fds = [-1, -1] }
    for fd in fds where fd >= 0 {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    readEnd = fds[0]
    writeEnd = fds[1]
  }

  deinit {
    close(readEnd)
    close(writeEnd)
  }

  func signal() {
    var byte: UInt8 = 1
    // A full pipe already holds a wake-up, so a failed write loses nothing.
    _ = write(writeEnd, &byte, 1)
  }

  /// Empties the pipe; returns the bytes read.
  @discardableResult
  func drain() -> [UInt8] {
    var all: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64)
    while true {
      let n = read(readEnd, &buffer, buffer.count)
      if n <= 0 { break }
      all += buffer[0..<n]
    }
    return all
  }
}

/// Turns SIGINT and SIGWINCH into bytes on a pipe, so the reading thread handles them in its
/// poll loop instead of inside a signal handler.
enum SignalRelay {
  private static let pipe = WakePipe()
  nonisolated(unsafe) private static var relayFD: Int32 = -1
  nonisolated(unsafe) private static var previous: [Int32: sigaction] = [:]
  private static let relayed: [Int32] = [SIGINT, SIGWINCH]

  static var readEnd: Int32 { pipe.readEnd }

  static func install() {
    relayFD = pipe.writeEnd
    for signal in relayed {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = relay
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_RESTART
      var old = sigaction()
      sigaction(signal, &action, &old)
      previous[signal] = old
    }
  }

  static func uninstall() {
    for (signal, old) in previous {
      var action = old
      sigaction(signal, &action, nil)
    }
    previous = [:]
  }

  /// The signals relayed since the last call, in order.
  @discardableResult
  static func drain() -> [Int32] { pipe.drain().map { Int32($0) } }

  // Only async-signal-safe calls here: write, and errno restored for the interrupted code.
  private static let relay: @convention(c) (Int32) -> Void = { signal in
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(relayFD, &byte, 1)
    errno = saved
  }
}
