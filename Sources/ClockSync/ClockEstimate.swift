/// What the samples say about the peer's clock and the path to it.
public struct ClockEstimate: Sendable, Equatable {
  /// The peer's clock minus ours, from the exchange with the smallest delay.
  public var offset: Int64
  /// Half that exchange's delay: the true offset lies within `offset ± errorBound`.
  public var errorBound: Int64
  /// That exchange's round trip on the network (δ).
  public var roundTrip: Int64
  /// Spread of one-way delays above the fastest one, over the window (transport jitter).
  public var jitterP50: Int64
  public var jitterP99: Int64
  /// The peer's clock rate against ours, in parts per million (positive: the peer runs fast);
  /// nil until the samples span `ClockSyncEstimator.driftSpan`.
  public var driftPPM: Double?
  public var samples: Int
}

/// Keeps a window of exchanges and estimates offset, jitter and drift the NTP way: trust the
/// exchange with the smallest round trip (it had the least queueing, so the least asymmetry).
public struct ClockSyncEstimator: Sendable {
  public private(set) var window: [SyncSample] = []
  public let capacity: Int

  public init(capacity: Int = 64) { self.capacity = max(1, capacity) }

  /// Adds an exchange; impossible ones (negative round trip, times out of order) are refused.
  @discardableResult public mutating func add(_ s: SyncSample) -> Bool {
    guard s.t4 >= s.t1, s.t3 >= s.t2, s.delay >= 0 else { return false }
    window.append(s)
    if window.count > capacity { window.removeFirst(window.count - capacity) }
    return true
  }

  public var estimate: ClockEstimate? {
    guard let best = window.min(by: { $0.delay < $1.delay }) else { return nil }
    let offset = best.offset
    // One-way delays under the best offset; jitter is how far each lies above the fastest.
    var oneWay: [Int64] = []
    oneWay.reserveCapacity(window.count * 2)
    for s in window {
      oneWay.append(s.forwardDelay(assumingOffset: offset))
      oneWay.append(s.backwardDelay(assumingOffset: offset))
    }
    oneWay.sort()
    let floor = oneWay[0]
    let p50 = Self.percentile(oneWay, 0.5) - floor
    let p99 = Self.percentile(oneWay, 0.99) - floor
    return ClockEstimate(
      offset: offset, errorBound: (best.delay + 1) / 2, roundTrip: best.delay, jitterP50: p50, jitterP99: p99,
      driftPPM: drift(), samples: window.count)
  }

  /// Samples must span this long before drift is estimated: over a few seconds, queueing
  /// noise of a millisecond reads as hundreds of ppm.
  public static let driftSpan: Int64 = 10_000_000_000

  /// Least-squares slope of offset against time through the lower envelope of the window: the
  /// window is cut into eight stretches of time and each contributes its smallest-delay
  /// exchange, so queueing spikes do not bend the line.
  func drift() -> Double? {
    guard let first = window.map(\.t1).min(), let last = window.map(\.t1).max(), last - first >= Self.driftSpan else {
      return nil
    }
    let buckets = 8
    let width = (last - first) / Int64(buckets) + 1
    var best: [Int: SyncSample] = [:]
    for s in window {
      let b = Int((s.t1 - first) / width)
      if best[b].map({ s.delay < $0.delay }) ?? true { best[b] = s }
    }
    let chosen = best.values.sorted { $0.t1 < $1.t1 }
    guard chosen.count >= 2 else { return nil }
    let xs = chosen.map { Double($0.t1 - first) }
    let ys = chosen.map { Double($0.offset) }
    let mx = xs.reduce(0, +) / Double(xs.count)
    let my = ys.reduce(0, +) / Double(ys.count)
    var sxy = 0.0
    var sxx = 0.0
    for (x, y) in zip(xs, ys) {
      sxy += (x - mx) * (y - my)
      sxx += (x - mx) * (x - mx)
    }
    return sxx == 0 ? nil : sxy / sxx * 1e6
  }

  /// Nearest-rank percentile of a sorted array.
  static func percentile(_ sorted: [Int64], _ p: Double) -> Int64 {
    let rank = Int((p * Double(sorted.count)).rounded(.up))
    return sorted[min(sorted.count - 1, max(0, rank - 1))]
  }
}

/// The latency that covers everything between planning an event and the receiver playing it.
public struct LatencyBudget: Sendable, Equatable, CustomStringConvertible {
  public var frame: Int64
  public var sendLateness: Int64
  public var transportJitter: Int64
  public var receiverGranularity: Int64
  public var syncError: Int64
  /// Headroom on top, as a fraction of the sum (jitter tails are longer than any window).
  public var marginPercent: Int64 = 25

  public init(frame: Int64, sendLateness: Int64, transportJitter: Int64, receiverGranularity: Int64, syncError: Int64) {
    self.frame = frame
    self.sendLateness = sendLateness
    self.transportJitter = transportJitter
    self.receiverGranularity = receiverGranularity
    self.syncError = syncError
  }

  /// From an estimate and local figures. `oneWayFloor` (the fastest one-way trip) is part of
  /// the transport: a bundle must arrive before its time.
  public init(estimate: ClockEstimate, frame: Int64, sendLatenessP99: Int64, receiverGranularity: Int64) {
    self.init(
      frame: frame, sendLateness: sendLatenessP99,
      transportJitter: estimate.roundTrip / 2 + estimate.jitterP99,
      receiverGranularity: receiverGranularity, syncError: estimate.errorBound)
  }

  public var sum: Int64 { frame + sendLateness + transportJitter + receiverGranularity + syncError }
  public var recommended: Int64 { sum + sum * marginPercent / 100 }

  public var description: String {
    func ms(_ ns: Int64) -> String {
      let us = (ns + 500) / 1000
      let f = String(us % 1000)
      return "\(us / 1000).\(String(repeating: "0", count: 3 - f.count))\(f) ms"
    }
    return
      "frame \(ms(frame)) + send lateness \(ms(sendLateness)) + transport \(ms(transportJitter)) + receiver \(ms(receiverGranularity)) + sync error \(ms(syncError)) + \(marginPercent)% margin"
  }
}
