/// A min-heap of work by due time; equal times keep arrival order.
struct DueQueue<Item> {
  private var heap: [(due: Int64, sequence: Int, item: Item)] = []
  private var sequence = 0

  var isEmpty: Bool { heap.isEmpty }
  var count: Int { heap.count }
  var nextDue: Int64? { heap.first?.due }

  mutating func push(_ item: Item, due: Int64) {
    sequence += 1
    heap.append((due, sequence, item))
    var i = heap.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      if !Self.before(heap[i], heap[parent]) { break }
      heap.swapAt(i, parent)
      i = parent
    }
  }

  /// Removes and returns the earliest item if it is due at `now`.
  mutating func popDue(now: Int64) -> (due: Int64, item: Item)? {
    guard let first = heap.first, first.due <= now else { return nil }
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap[0] = last
      var i = 0
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var m = i
        if l < heap.count && Self.before(heap[l], heap[m]) { m = l }
        if r < heap.count && Self.before(heap[r], heap[m]) { m = r }
        if m == i { break }
        heap.swapAt(i, m)
        i = m
      }
    }
    return (first.due, first.item)
  }

  private static func before(_ a: (due: Int64, sequence: Int, item: Item), _ b: (due: Int64, sequence: Int, item: Item))
    -> Bool
  {
    a.due != b.due ? a.due < b.due : a.sequence < b.sequence
  }
}
