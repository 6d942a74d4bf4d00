import ClockSync
import Net
import OSC
import Scheduler
import Synchronization
import System

#if canImport(Glibc)
  import Glibc
#endif

/// Measures a peer's clock by `/clock/ping` exchanges (any Tala running `tala listen` answers):
/// quickly at first, then once a second. Runs on its own thread until stopped.
public final class ClockSyncClient: Sendable {
  public let peer: SocketAddress
  let clock: any TimeSource
  let socket: UDPReceiver
  let state = Mutex(ClientState())
  let thread = Mutex<DedicatedThread?>(nil)
  let onSample: @Sendable (ClockSyncClient) -> Void

  struct ClientState {
    var estimator = ClockSyncEstimator()
    var sent = 0
    var lost = 0
    var wakeLateness: [Int64] = []
  }

  /// Pings sent quickly (every 100 ms) before settling to one a second.
  public static let fastPings = 20

  public init(
    peer: SocketAddress, clock: any TimeSource = SystemClock(),
    onSample: @escaping @Sendable (ClockSyncClient) -> Void = { _ in }
  ) throws(NetError) {
    self.peer = peer
    self.clock = clock
    self.onSample = onSample
    let any = peer.family == AF_INET6 ? "::" : "0.0.0.0"
    socket = try UDPReceiver(
      bindingTo: try SocketAddress.resolve(host: any, port: 0), kernelTimestamps: clock.readsKernelClocks)
  }

  public func start() {
    thread.withLock { t in
      guard t == nil else { return }
      t = DedicatedThread { [self] running in
        var id: Int32 = 0
        var next = clock.monotonicNanoseconds()
        while running.load(ordering: .acquiring) {
          id &+= 1
          exchange(id: id)
          next += state.withLock { $0.sent } < Self.fastPings ? 100_000_000 : 1_000_000_000
          // Sleep in short steps so stop() is prompt; the wake-up lateness of these absolute
          // deadlines is this machine's scheduling noise, a part of the latency budget.
          while running.load(ordering: .acquiring) && clock.monotonicNanoseconds() < next {
            let step = min(next, clock.monotonicNanoseconds() + 50_000_000)
            clock.sleep(untilMonotonic: step)
            let late = clock.monotonicNanoseconds() - step
            state.withLock {
              $0.wakeLateness.append(late)
              if $0.wakeLateness.count > 1000 { $0.wakeLateness.removeFirst(500) }
            }
          }
        }
      }
    }
  }

  public func stop() {
    let t = thread.withLock { t -> DedicatedThread? in
      defer { t = nil }
      return t
    }
    t?.stop()
  }

  /// One ping and (up to 500 ms) its pong. Stale pongs from earlier pings are ignored.
  func exchange(id: Int32) {
    state.withLock { $0.sent += 1 }
    let t1 = clock.realtimeNanoseconds()
    guard let ping = SyncProtocol.ping(id: id, sentAt: t1), let bytes = try? OSCPacket.message(ping).encoded(),
      (try? socket.send(bytes, to: peer)) != nil
    else {
      state.withLock { $0.lost += 1 }
      return
    }
    let deadline = clock.monotonicNanoseconds() + 500_000_000
    while clock.monotonicNanoseconds() < deadline {
      let wait = Int32(max(1, (deadline - clock.monotonicNanoseconds()) / 1_000_000))
      guard let d = try? socket.receive(timeoutMilliseconds: wait) else { continue }
      let t4 = d.kernelTimestamp ?? clock.realtimeNanoseconds()
      guard case .message(let m)? = try? OSCDecoder().decode(d.bytes),
        let (answer, sample) = SyncProtocol.sample(from: OSCMessage(m), receivedAt: t4), answer == id
      else { continue }
      state.withLock { _ = $0.estimator.add(sample) }
      onSample(self)
      return
    }
    state.withLock { $0.lost += 1 }
  }

  public var estimate: ClockEstimate? { state.withLock { $0.estimator.estimate } }
  public var lastSample: SyncSample? { state.withLock { $0.estimator.window.last } }
  public var counts: (sent: Int, lost: Int) { state.withLock { ($0.sent, $0.lost) } }

  /// p99 of this thread's wake-up lateness: how late a frame may start here.
  public var wakeLatenessP99: Int64 {
    state.withLock { s in
      let sorted = s.wakeLateness.sorted()
      return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
    }
  }
}
