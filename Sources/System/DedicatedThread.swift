import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A dedicated POSIX thread running a loop until stopped. Not a Swift task: the loops Tala runs
/// (scheduler, audio, clock sync, prompt ticker) sleep on absolute deadlines or block on a
/// device, and must not share a cooperative pool with other work.
public final class DedicatedThread: Sendable {
  private let running = Atomic<Bool>(true)
  private let handle: Mutex<pthread_t?> = Mutex(nil)
  private let created = Atomic<Bool>(false)

  private final class Box: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }

  /// Starts `body` on a new thread. `body` should return soon after the flag it is given reads
  /// false. If the thread cannot be created, `body` never runs and ``started`` is false.
  public init(_ body: @escaping @Sendable (borrowing Atomic<Bool>) -> Void) {
    let box = Box { [self] in body(self.running) }
    let context = Unmanaged.passRetained(box).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(
      &thread, nil,
      { raw in
        let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
        box.body()
        return nil
      }, context)
    if result == 0 {
      handle.withLock { $0 = thread }
      created.store(true, ordering: .releasing)
    } else {
      Unmanaged<Box>.fromOpaque(context).release()
    }
  }

  /// Whether the thread was created.
  public var started: Bool { created.load(ordering: .acquiring) }

  /// Asks the loop to end and waits for it.
  public func stop() {
    running.store(false, ordering: .releasing)
    join()
  }

  /// Waits for the body to return by itself (without asking it to stop).
  public func join() {
    if let thread = handle.withLock({ h -> pthread_t? in
      defer { h = nil }
      return h
    }) {
      pthread_join(thread, nil)
    }
  }

  /// Asks for `SCHED_FIFO` at `priority` for the calling thread. Without the privilege the
  /// thread simply stays at normal priority; returns whether the request was granted.
  @discardableResult public static func requestRealtimePriority(_ priority: Int32) -> Bool {
    var param = sched_param()
    param.sched_priority = priority
    return pthread_setschedparam(pthread_self(), SCHED_FIFO, &param) == 0
  }
}
