import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A dedicated POSIX thread running the scheduler loop until stopped. Not a Swift task: the
/// loop sleeps on absolute deadlines and must not share a cooperative pool with other work.
public final class SchedulerThread: Sendable {
  private let running = Atomic<Bool>(true)
  private let handle: Mutex<pthread_t?> = Mutex(nil)

  private final class Box: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }

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
    } else {
      Unmanaged<Box>.fromOpaque(context).release()
    }
  }

  /// Asks the loop to end and waits for it.
  public func stop() {
    running.store(false, ordering: .releasing)
    if let thread = handle.withLock({ h -> pthread_t? in
      defer { h = nil }
      return h
    }) {
      pthread_join(thread, nil)
    }
  }
}
