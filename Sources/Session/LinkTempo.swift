import Link
import Scheduler
import Synchronization
import System

/// The session's Ableton Link peer as the scheduler's shared timeline: the scheduler reads Link's
/// beat and tempo every frame and announces Tala's tempo changes there.
///
/// Link's clock is the kernel's `CLOCK_MONOTONIC` in microseconds, the clock the scheduler runs
/// on, so a Link time is `monotonic nanoseconds / 1000` with no conversion.
final class LinkTempo: SharedTimeline {
  let link: AbletonLink
  /// Set by `:link startstop`: the scheduler follows Link's transport.
  let followsTransport = Atomic<Bool>(false)

  init?(bpm: Double, notify: @escaping @Sendable (String) -> Void) {
    let lastPeers = Mutex(0)
    let link = AbletonLink(bpm: bpm) { event in
      // Link reports each change of the count once; a repeat of the same count says nothing.
      guard case .peers(let count) = event else { return }
      let before = lastPeers.withLock { last in
        defer { last = count }
        return last
      }
      guard count != before else { return }
      let change = count > before ? "a peer joined" : "a peer left"
      notify("link: \(change) (\(count) peer\(count == 1 ? "" : "s"))")
    }
    guard let link else { return nil }
    self.link = link
  }

  func read(quantum: Double, origin: Int64) -> SharedReading? {
    guard link.isEnabled else { return nil }
    let now = link.clockMicros
    let transport = followsTransport.load(ordering: .relaxed)
    return link.read { state in
      SharedReading(
        beat: SharedBeat(
          nanoseconds: now * 1000 - origin, beat: state.beat(atMicros: now, quantum: quantum), bpm: state.tempo),
        transport: transport
          ? SharedTransport(playing: state.isPlaying, sinceNanoseconds: state.transportMicros * 1000 - origin) : nil)
    }
  }

  func publish(bpm: Double, atMonotonic: Int64) {
    link.change { state in state.setTempo(bpm, atMicros: atMonotonic / 1000) }
  }

  /// Starts or stops the shared transport at the monotonic instant `atMonotonic`.
  func setPlaying(_ playing: Bool, atMonotonic: Int64) {
    link.change { state in state.setPlaying(playing, atMicros: atMonotonic / 1000) }
  }
}
