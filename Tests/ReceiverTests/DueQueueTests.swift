import Testing

@testable import Receiver

/// The due queue against a sorted list: earliest out first (arrival order among equal times),
/// latest out from the other end, under random pushes and pops.
@Suite struct DueQueueTests {
  @Test func matchesASortedListUnderRandomOperations() {
    var generator = SplitMix(seed: 17)
    for round in 0..<50 {
      var queue = DueQueue<Int>()
      var model: [(due: Int64, id: Int)] = []  // sorted by due, then arrival
      var id = 0
      for _ in 0..<400 {
        switch generator.next() % 4 {
        case 0, 1:
          let due = Int64(generator.next() % UInt64(1 + round))
          id += 1
          queue.push(id, due: due)
          let at = model.firstIndex { $0.due > due } ?? model.count
          model.insert((due, id), at: at)
        case 2:
          let now = Int64(generator.next() % UInt64(1 + round))
          let popped = queue.popDue(now: now)
          if let first = model.first, first.due <= now {
            #expect(popped?.item == first.id && popped?.due == first.due)
            model.removeFirst()
          } else {
            #expect(popped == nil)
          }
        default:
          let popped = queue.popLatest()
          #expect(popped?.item == model.last?.id)
          if !model.isEmpty { model.removeLast() }
        }
        #expect(queue.count == model.count)
        #expect(queue.nextDue == model.first?.due)
        #expect(queue.latestDue == model.last?.due)
      }
    }
  }
}

/// A small deterministic generator, so a failure repeats.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
