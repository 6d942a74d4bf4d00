/// A control whose value is worked out only when its event is played, from a store the player
/// keeps from one event to the next: Tidal's `VState`, made by the params' stateful helpers
/// (`nCount "x"`, `nCountTo "x" 4`, `nTake "x" [0, 2, 7]`, `sTake "x" ["bd", "sn"]`).
/// The pattern holds the recipe; ``ControlStore`` plays it, in the order events are played.
public enum ControlState: Sendable, Hashable {
  /// `…Count`: 0 the first time, then one more each time (`…CountTo`: wrapping at `modulo`,
  /// as Haskell's `mod'`). The count is kept under `store`.
  case count(store: String, modulo: Double?)
  /// `…Take`: the values in turn, starting again after the last. What is left of the list is
  /// kept under `store`, so two helpers sharing a store name share one list, as in Tidal.
  case take(store: String, values: [ControlValue])
}

/// The values stateful controls keep between events (Tidal's stream state map). A player owns
/// one and resolves every event it plays through it, in playing order.
public struct ControlStore: Sendable {
  private var counts: [String: Double] = [:]
  private var lists: [String: ArraySlice<ControlValue>] = [:]

  public init() {}

  /// The value `state` gives now, updating the store (Tidal's `pStateF` / `pStateList`).
  public mutating func resolve(_ state: ControlState) -> ControlValue {
    switch state {
    case .count(let store, let modulo):
      let next: Double
      if let previous = counts[store] {
        next = modulo.map { Self.haskellMod(previous + 1, $0) } ?? previous + 1
      } else {
        next = 0
      }
      counts[store] = next
      return .float(next)
    case .take(let store, let values):
      var left = lists[store] ?? values[...]
      if left.isEmpty { left = values[...] }
      guard let first = left.first else { return .float(0) }
      lists[store] = left.dropFirst()
      return first
    }
  }

  /// `map` with every stateful value resolved, in key order (Tidal resolves a value map's
  /// states in key order).
  public mutating func resolving(_ map: ControlMap) -> ControlMap {
    guard map.entries.contains(where: { $0.value.isState }) else { return map }
    return map.mapValues { v in
      if case .state(let s) = v { return resolve(s) }
      return v
    }
  }

  /// Haskell's `mod'`: the result has the sign of the divisor.
  static func haskellMod(_ a: Double, _ b: Double) -> Double {
    guard b != 0 else { return .nan }
    let r = a - b * (a / b).rounded(.down)
    return r
  }
}

extension ControlValue {
  var isState: Bool {
    if case .state = self { return true }
    return false
  }
}
