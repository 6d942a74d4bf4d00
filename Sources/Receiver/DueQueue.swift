/// Work ordered by due time, with both ends at hand: the earliest to dispatch, the latest to
/// drop when the receiver's queue is full. Equal times keep arrival order.
///
/// A min-max heap (Atkinson et al., 1986): even levels hold the minimum of their subtree, odd
/// levels the maximum, so the earliest item is the root and the latest one of its two children.
/// - Complexity: `push`, `popDue` and `popLatest` are O(log n); the rest O(1).
struct DueQueue<Item> {
  /// The heap holds plain numbers, so its swaps are plain moves; the items wait in `items`
  /// (slots reused through `freeSlots`) and are moved once in and once out.
  private struct Entry {
    let due: Int64
    let sequence: Int
    let slot: Int
  }
  private var heap: [Entry] = []
  private var items: [Item?] = []
  private var freeSlots: [Int] = []
  private var sequence = 0

  var isEmpty: Bool { heap.isEmpty }
  var count: Int { heap.count }
  var nextDue: Int64? { heap.first?.due }

  /// The due time of the latest item.
  var latestDue: Int64? { latestIndex.map { heap[$0].due } }

  mutating func push(_ item: Item, due: Int64) {
    sequence += 1
    let slot: Int
    if let free = freeSlots.popLast() {
      slot = free
      items[slot] = item
    } else {
      slot = items.count
      items.append(item)
    }
    heap.append(Entry(due: due, sequence: sequence, slot: slot))
    bubbleUp(heap.count - 1)
  }

  /// Removes and returns the earliest item if it is due at `now`.
  mutating func popDue(now: Int64) -> (due: Int64, item: Item)? {
    guard let first = heap.first, first.due <= now else { return nil }
    let entry = remove(at: 0)
    return (entry.due, take(entry.slot))
  }

  /// Removes and returns the latest item (the last of equal times to arrive).
  mutating func popLatest() -> (due: Int64, item: Item)? {
    guard let index = latestIndex else { return nil }
    let entry = remove(at: index)
    return (entry.due, take(entry.slot))
  }

  private mutating func take(_ slot: Int) -> Item {
    freeSlots.append(slot)
    return items[slot].take()!
  }

  private var latestIndex: Int? {
    switch heap.count {
    case 0: nil
    case 1: 0
    case 2: 1
    default: Self.before(heap[1], heap[2]) ? 2 : 1
    }
  }

  private static func before(_ a: Entry, _ b: Entry) -> Bool {
    a.due != b.due ? a.due < b.due : a.sequence < b.sequence
  }

  /// Whether index `i` is on a min level (levels 0, 2, 4…).
  private static func onMinLevel(_ i: Int) -> Bool {
    (Int.bitWidth - 1 - (i + 1).leadingZeroBitCount) % 2 == 0
  }

  /// `a` should sit above `b` on a level of this kind: earlier on min levels, later on max.
  private static func above(_ a: Entry, _ b: Entry, minLevel: Bool) -> Bool {
    minLevel ? before(a, b) : before(b, a)
  }

  private mutating func remove(at index: Int) -> Entry {
    let last = heap.removeLast()
    guard index < heap.count else { return last }
    let entry = heap[index]
    heap[index] = last
    trickleDown(index)
    // A leaf moved into a subtree of the other kind may also belong further up.
    bubbleUp(index)
    return entry
  }

  private mutating func bubbleUp(_ i: Int) {
    guard i > 0 else { return }
    let parent = (i - 1) / 2
    let minLevel = Self.onMinLevel(i)
    if Self.above(heap[parent], heap[i], minLevel: minLevel) {
      // i belongs with the other kind of level: swap with its parent and continue there.
      heap.swapAt(i, parent)
      bubbleUpAmongGrandparents(parent, minLevel: !minLevel)
    } else {
      bubbleUpAmongGrandparents(i, minLevel: minLevel)
    }
  }

  private mutating func bubbleUpAmongGrandparents(_ start: Int, minLevel: Bool) {
    var i = start
    while i > 2 {
      let grandparent = ((i - 1) / 2 - 1) / 2
      guard Self.above(heap[i], heap[grandparent], minLevel: minLevel) else { return }
      heap.swapAt(i, grandparent)
      i = grandparent
    }
  }

  private mutating func trickleDown(_ start: Int) {
    var i = start
    let minLevel = Self.onMinLevel(i)
    while true {
      // The best (smallest on min levels, largest on max levels) of children and grandchildren.
      let firstChild = 2 * i + 1
      guard firstChild < heap.count else { return }
      var best = firstChild
      if firstChild + 1 < heap.count, Self.above(heap[firstChild + 1], heap[best], minLevel: minLevel) {
        best = firstChild + 1
      }
      var grandchild = 2 * firstChild + 1
      while grandchild <= 2 * firstChild + 4, grandchild < heap.count {
        if Self.above(heap[grandchild], heap[best], minLevel: minLevel) { best = grandchild }
        grandchild += 1
      }
      guard Self.above(heap[best], heap[i], minLevel: minLevel) else { return }
      heap.swapAt(i, best)
      if best <= firstChild + 1 { return }  // a child: its subtree is of the other kind
      let parent = (best - 1) / 2
      if Self.above(heap[parent], heap[best], minLevel: minLevel) { heap.swapAt(best, parent) }
      i = best
    }
  }
}
