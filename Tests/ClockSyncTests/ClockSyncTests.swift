import ClockSync
import OSC
import Testing

let ms: Int64 = 1_000_000

/// An exchange at local time `at` with a peer whose clock is `offset` ahead, taking `forward`
/// and `backward` on the network and `hold` inside the peer.
func exchange(at t1: Int64, offset: Int64, forward: Int64, backward: Int64, hold: Int64 = 50_000) -> SyncSample {
  let t2 = t1 + forward + offset
  let t3 = t2 + hold
  return SyncSample(t1: t1, t2: t2, t3: t3, t4: t3 - offset + backward)
}

@Suite struct ClockSyncEstimatorTests {
  @Test func symmetricPathGivesTheOffsetExactly() throws {
    var e = ClockSyncEstimator()
    e.add(exchange(at: 1_000 * ms, offset: 5 * ms, forward: ms, backward: ms))
    let x = try #require(e.estimate)
    #expect(x.offset == 5 * ms)
    #expect(x.roundTrip == 2 * ms)
    #expect(x.errorBound == ms)
  }

  @Test func asymmetryBiasesByHalfTheDifferenceAndStaysInsideTheBound() throws {
    var e = ClockSyncEstimator()
    e.add(exchange(at: 0, offset: 5 * ms, forward: 3 * ms, backward: ms))
    let x = try #require(e.estimate)
    #expect(x.offset == 6 * ms)
    #expect(x.errorBound == 2 * ms)
    #expect(abs(x.offset - 5 * ms) <= x.errorBound)
  }

  @Test func theFastestExchangeWinsOverQueueingOutliers() throws {
    var e = ClockSyncEstimator()
    // A seeded stream of queueing delays; exchange 37 is the only one with a clean path.
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for i in 0..<64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let queue = Int64(state >> 40) % (30 * ms) + ms
      let clean = i == 37
      e.add(
        exchange(
          at: Int64(i) * 100 * ms, offset: -12 * ms, forward: clean ? 400_000 : 400_000 + queue,
          backward: clean ? 400_000 : 400_000 + queue / 3))
    }
    let x = try #require(e.estimate)
    #expect(x.offset == -12 * ms)
    #expect(x.roundTrip == 800_000)
    #expect(x.samples == 64)
  }

  @Test func jitterIsTheSpreadOfOneWayDelaysAboveTheFastest() throws {
    var e = ClockSyncEstimator(capacity: 100)
    for k in 0..<100 {
      e.add(exchange(at: Int64(k) * 10 * ms, offset: 0, forward: ms + Int64(k) * 100_000, backward: ms))
    }
    let x = try #require(e.estimate)
    // 200 one-way delays: 101 at the floor (every pong and the first ping), then 0.1 … 9.9 ms.
    // Nearest rank: p50 is the 100th (the floor), p99 the 198th (9.7 ms above it).
    #expect(x.jitterP50 == 0)
    #expect(x.jitterP99 == 9_700_000)
  }

  @Test func driftIsTheSlopeOfTheOffset() throws {
    var e = ClockSyncEstimator()
    // The peer gains 50 µs per second (50 ppm) over 20 s.
    for k in 0..<40 {
      let t = Int64(k) * 500 * ms
      e.add(exchange(at: t, offset: 3 * ms + t / 20_000, forward: ms, backward: ms))
    }
    let x = try #require(e.estimate)
    #expect(abs(try #require(x.driftPPM) - 50) < 0.01)
  }

  @Test func driftWaitsForALongEnoughSpanAndIgnoresQueueing() throws {
    var e = ClockSyncEstimator()
    for k in 0..<9 { e.add(exchange(at: Int64(k) * 1_000 * ms, offset: 0, forward: ms, backward: ms)) }
    #expect(try #require(e.estimate).driftPPM == nil)  // 8 s: too short to say
    // 30 s of a peer 20 ppm fast, with every other exchange queued 5 ms one way.
    var f = ClockSyncEstimator()
    for k in 0..<60 {
      let t = Int64(k) * 500 * ms
      f.add(exchange(at: t, offset: t / 50_000, forward: k % 2 == 0 ? ms : 6 * ms, backward: ms))
    }
    #expect(abs(try #require(f.estimate?.driftPPM) - 20) < 0.5)
  }

  @Test func impossibleSamplesAreRefused() {
    var e = ClockSyncEstimator()
    let early = e.add(SyncSample(t1: 10, t2: 5, t3: 4, t4: 20))  // peer answered before it was asked
    let backwards = e.add(SyncSample(t1: 10, t2: 100, t3: 200, t4: 9))  // arrived before it was sent
    #expect(!early && !backwards)
    #expect(e.estimate == nil)
  }

  @Test func theBudgetAddsItsPartsAndAMargin() {
    let b = LatencyBudget(
      frame: 10 * ms, sendLateness: ms, transportJitter: 25 * ms, receiverGranularity: ms, syncError: 3 * ms)
    #expect(b.sum == 40 * ms)
    #expect(b.recommended == 50 * ms)
    #expect(b.description.contains("transport 25.000 ms"))
  }

  @Test func pingPongRoundTripThroughOSC() throws {
    let ping = try #require(SyncProtocol.ping(id: 7, sentAt: 1_795_543_200_000_000_000))
    let bytes = try OSCPacket.message(ping).encoded()
    guard case .message(let decoded) = try OSCDecoder().decode(bytes) else { throw ClockError.notAMessage }
    let pong = try #require(
      SyncProtocol.pong(
        to: OSCMessage(decoded), receivedAt: 1_795_543_200_003_000_000, sendingAt: 1_795_543_200_003_100_000))
    let (id, sample) = try #require(SyncProtocol.sample(from: pong, receivedAt: 1_795_543_200_001_000_000))
    #expect(id == 7)
    #expect(
      sample
        == SyncSample(
          t1: 1_795_543_200_000_000_000, t2: 1_795_543_200_003_000_000, t3: 1_795_543_200_003_100_000,
          t4: 1_795_543_200_001_000_000))
    #expect(SyncProtocol.pong(to: OSCMessage("/clock/ping", [.string("x")]), receivedAt: 0, sendingAt: 0) == nil)
  }
}

enum ClockError: Error { case notAMessage }
