import Audio
import Controls
import OSC

/// What a route does with a message.
public enum RouteAction: String, Sendable {
  /// Plays the sound named by the first string argument; later arguments are name/value pairs
  /// (`/py tick`, `/pd tick gain 0.8`).
  case playNamed
  /// Plays SuperDirt name/value pairs; `s` names the sound (`/dirt/play s bd n 3`).
  case playPairs

  /// Where the message keeps its sound and controls.
  var layout: SoundEvent.Layout {
    switch self {
    case .playNamed: .named
    case .playPairs: .pairs
    }
  }
}

/// An OSC address pattern and its action; the first matching route wins.
public struct Route: Sendable {
  public var pattern: OSCAddressPattern
  public var action: RouteAction

  public init(_ pattern: String, _ action: RouteAction) throws(OSCAddressPatternError) {
    self.pattern = try OSCAddressPattern(pattern)
    self.action = action
  }

  /// `/py*` and `/pd` play the named sound (the seed's server, Pd's format); `/dirt/play`
  /// plays SuperDirt messages.
  public static let defaults: [Route] = [
    try! Route("/py*", .playNamed), try! Route("/pd", .playNamed), try! Route("/dirt/play", .playPairs),
  ]
}

public struct ReceiverConfiguration: Sendable {
  public var host = "127.0.0.1"
  public var port: UInt16 = 8000
  public var latePolicy = LatePolicy.standard
  public var routes = Route.defaults
  /// One line per dispatched message on `output`.
  public var printMessages = false
  /// Stop after this many messages were dispatched, dropped or found no route.
  public var count: Int?
  /// Stop after this many seconds.
  public var seconds: Double?
  /// Pretend this machine's clock is this far ahead of the real one (for forward-sync
  /// experiments: a receiver with a wrong clock plays timetags early or late by this much).
  public var clockOffsetNanoseconds: Int64 = 0
  /// Answer `/clock/ping` with `/clock/pong`, so senders can measure this clock (`tala sync`,
  /// targets with `sync=on`).
  public var answersClockPings = true
  /// Most messages waiting for their timetags. When it is reached, the message due last (the
  /// newcomer or a queued one) is dropped and counted in `droppedQueueFull`, so what is due
  /// soonest stays. Bounds the memory a flood can take.
  public var maxQueued = 100_000
  /// How far ahead of this clock a timetag may be, in seconds; messages stamped further ahead
  /// are dropped (counted in `droppedTooFarAhead`).
  public var maxAhead: Double = 60
  /// The kernel receive buffer to ask for, in bytes: room for bursts while the receiver is busy.
  public var receiveBufferBytes = 32 << 20

  public init() {}
}

public struct ReceiverStatistics: Sendable {
  public var packets = 0
  public var malformed = 0
  public var messages = 0
  public var dispatched = 0
  /// Messages whose timetag had passed when they arrived (played or dropped by policy).
  public var late = 0
  public var lateDropped = 0
  public var unrouted = 0
  /// Routed messages without a sound to play (no first string, no `s`).
  public var unplayable = 0
  /// Still queued when the receiver stopped.
  public var pending = 0
  /// `/clock/ping`s answered.
  public var clockPings = 0
  /// Timed messages dropped because `maxQueued` were waiting.
  public var droppedQueueFull = 0
  /// Messages dropped because their timetag was more than `maxAhead` ahead.
  public var droppedTooFarAhead = 0
  /// Datagrams the kernel dropped because the socket's buffer was full (`SO_RXQ_OVFL`).
  public var kernelDropped = 0
  /// The socket receive buffer the kernel granted, in bytes.
  public var receiveBufferBytes = 0
  /// Dispatch time minus timetag for each timetagged dispatch, in nanoseconds (at most a
  /// million kept).
  public var lateness: [Int64] = []

  /// Messages dropped by the flood limits (`maxQueued`, `maxAhead`).
  public var droppedByLimits: Int { droppedQueueFull + droppedTooFarAhead }

  var finished: Int { dispatched + lateDropped + unrouted + droppedByLimits }
}
