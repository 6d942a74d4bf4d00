import CLink
import Synchronization
import System

/// Something a Link session reports on Link's own thread.
public enum LinkEvent: Sendable, Equatable {
  /// The number of other peers in the session changed.
  case peers(Int)
  /// The session tempo changed (by this instance or a peer), in beats per minute.
  case tempo(bpm: Double)
  /// The shared transport started or stopped (start/stop sync on).
  case transport(playing: Bool)
}

/// One participant in an Ableton Link session: a tempo, a beat grid and a transport shared with
/// every peer on the local network (Link 3.0.6 through `CLink`'s C interface).
///
/// Created disabled: nothing touches the network until `enable(true)`. Times are microseconds
/// on Link's clock, which is `CLOCK_MONOTONIC` here (see `CLink/include/tala_link.h`), so a
/// monotonic nanosecond reading of `System`'s clock divided by 1000 is a Link time.
///
/// Thread-safe: Link's own methods are, and the session-state buffer is behind a lock.
public final class AbletonLink: Sendable {
  // Link's instance and one session-state buffer; both are used only through the C functions,
  // which Link documents as thread-safe (the buffer only under `lock`).
  nonisolated(unsafe) private let link: OpaquePointer
  nonisolated(unsafe) private let buffer: OpaquePointer
  private let lock = Mutex<Void>(())
  private let events: EventSink

  /// A disabled Link instance at `bpm`; `onEvent` is called on Link's thread. Nil if Link could
  /// not be created.
  public init?(bpm: Double, onEvent: @escaping @Sendable (LinkEvent) -> Void) {
    guard let link = tala_link_create(bpm) else { return nil }
    guard let buffer = tala_link_state_create() else {
      tala_link_destroy(link)
      return nil
    }
    self.link = link
    self.buffer = buffer
    events = EventSink(onEvent)
    let context = Unmanaged.passUnretained(events).toOpaque()
    // Free functions, not closures that capture: Link calls them on its own thread.
    tala_link_set_num_peers_callback(link, linkPeersChanged, context)
    tala_link_set_tempo_callback(link, linkTempoChanged, context)
    tala_link_set_start_stop_callback(link, linkTransportChanged, context)
  }

  deinit {
    tala_link_enable(link, false)
    tala_link_set_num_peers_callback(link, nil, nil)
    tala_link_set_tempo_callback(link, nil, nil)
    tala_link_set_start_stop_callback(link, nil, nil)
    tala_link_destroy(link)  // joins Link's threads: no callback runs after this
    tala_link_state_destroy(buffer)
  }

  public var isEnabled: Bool { tala_link_is_enabled(link) }

  /// Joins (true) or leaves (false) the session on the network.
  public func enable(_ on: Bool) { tala_link_enable(link, on) }

  public var isStartStopSyncEnabled: Bool { tala_link_is_start_stop_sync_enabled(link) }

  /// Shares the transport (start/stop) with peers that do too.
  public func enableStartStopSync(_ on: Bool) { tala_link_enable_start_stop_sync(link, on) }

  /// Other peers in the session (0 when alone or disabled).
  public var peers: Int { Int(tala_link_num_peers(link)) }

  /// Link's clock now, in microseconds (`CLOCK_MONOTONIC`).
  public var clockMicros: Int64 { tala_link_clock_micros(link) }

  /// Reads the session state as it is now.
  public func read<R>(_ body: (LinkSessionState) -> R) -> R {
    lock.withLock { _ in
      tala_link_capture_app_state(link, buffer)
      return body(LinkSessionState(state: buffer))
    }
  }

  /// Captures the session state, lets `body` change it, and commits it to the session.
  public func change<R>(_ body: (inout LinkSessionState) -> R) -> R {
    lock.withLock { _ in
      tala_link_capture_app_state(link, buffer)
      var state = LinkSessionState(state: buffer)
      let result = body(&state)
      tala_link_commit_app_state(link, buffer)
      return result
    }
  }
}

/// A captured Link session state; valid only inside the `read` or `change` call that gave it.
public struct LinkSessionState {
  let state: OpaquePointer

  /// The session tempo in beats per minute.
  public var tempo: Double { tala_link_state_tempo(state) }

  /// Sets the tempo so that the beat at `micros` stays where it is (Link keeps one line, so the
  /// beats before `micros` move too).
  public mutating func setTempo(_ bpm: Double, atMicros micros: Int64) {
    tala_link_state_set_tempo(state, bpm, micros)
  }

  /// The beat at `micros`: its magnitude is this instance's, its phase modulo `quantum` the
  /// session's.
  public func beat(atMicros micros: Int64, quantum: Double) -> Double {
    tala_link_state_beat_at_time(state, micros, quantum)
  }

  /// `beat(atMicros:quantum:)` modulo `quantum`, in [0, quantum).
  public func phase(atMicros micros: Int64, quantum: Double) -> Double {
    tala_link_state_phase_at_time(state, micros, quantum)
  }

  /// When `beat` falls (the inverse of `beat(atMicros:quantum:)`), in microseconds.
  public func micros(atBeat beat: Double, quantum: Double) -> Int64 {
    tala_link_state_time_at_beat(state, beat, quantum)
  }

  /// Moves the beat grid so that `beat` falls at `micros` (alone), or at the next time the
  /// session's phase allows (with peers).
  public mutating func requestBeat(_ beat: Double, atMicros micros: Int64, quantum: Double) {
    tala_link_state_request_beat_at_time(state, beat, micros, quantum)
  }

  /// The shared transport (meaningful with start/stop sync on).
  public var isPlaying: Bool { tala_link_state_is_playing(state) }

  /// When the transport last started or stopped, in microseconds.
  public var transportMicros: Int64 { tala_link_state_time_for_is_playing(state) }

  public mutating func setPlaying(_ playing: Bool, atMicros micros: Int64) {
    tala_link_state_set_is_playing(state, playing, micros)
  }
}

/// Holds the event handler for Link's callbacks (the context pointer they get back).
final class EventSink: Sendable {
  let handler: @Sendable (LinkEvent) -> Void
  init(_ handler: @escaping @Sendable (LinkEvent) -> Void) { self.handler = handler }

  static func from(_ context: UnsafeMutableRawPointer?) -> EventSink? {
    context.map { Unmanaged<EventSink>.fromOpaque($0).takeUnretainedValue() }
  }
}

private func linkPeersChanged(_ peers: UInt64, _ context: UnsafeMutableRawPointer?) {
  EventSink.from(context)?.handler(.peers(Int(peers)))
}

private func linkTempoChanged(_ bpm: Double, _ context: UnsafeMutableRawPointer?) {
  EventSink.from(context)?.handler(.tempo(bpm: bpm))
}

private func linkTransportChanged(_ playing: Bool, _ context: UnsafeMutableRawPointer?) {
  EventSink.from(context)?.handler(.transport(playing: playing))
}

extension AbletonLink {
  /// Whether a scheduler on `clock` can play on Link's beat grid: Link's times are the kernel's
  /// monotonic clock, so a manual clock (tests, offline render) cannot follow it.
  public static func canFollow(_ clock: any TimeSource) -> Bool { clock.readsKernelClocks }
}
