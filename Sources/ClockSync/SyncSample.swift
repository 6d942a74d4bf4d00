/// One NTP-style exchange (DESIGN.md §8), all times in nanoseconds on the clock of the machine
/// that took them: `t1` ping sent (here), `t2` ping received (peer), `t3` pong sent (peer),
/// `t4` pong received (here).
public struct SyncSample: Sendable, Hashable {
  public var t1: Int64
  public var t2: Int64
  public var t3: Int64
  public var t4: Int64

  public init(t1: Int64, t2: Int64, t3: Int64, t4: Int64) {
    self.t1 = t1
    self.t2 = t2
    self.t3 = t3
    self.t4 = t4
  }

  /// θ = ((t2 − t1) + (t3 − t4)) / 2: how far the peer's clock is ahead of ours, exact when the
  /// two directions take equally long.
  public var offset: Int64 { ((t2 - t1) + (t3 - t4)) / 2 }

  /// δ = (t4 − t1) − (t3 − t2): the round trip spent on the network. The true offset lies within
  /// θ ± δ/2 whatever the asymmetry.
  public var delay: Int64 { (t4 - t1) - (t3 - t2) }

  /// The ping's one-way delay if the peer's clock is `offset` ahead of ours.
  public func forwardDelay(assumingOffset offset: Int64) -> Int64 { (t2 - offset) - t1 }
  /// The pong's one-way delay under the same assumption.
  public func backwardDelay(assumingOffset offset: Int64) -> Int64 { t4 - (t3 - offset) }
}
