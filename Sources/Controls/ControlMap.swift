/// A control map: parameter name to value, kept sorted by name (Tidal's `ValueMap`), the
/// value of a control pattern such as `s "bd" # n 3`.
public struct ControlMap: Sendable, Hashable, Comparable {
  /// Entries sorted by name, names unique.
  public private(set) var entries: [(name: String, value: ControlValue)]

  public init() { entries = [] }

  public init(_ name: String, _ value: ControlValue) { entries = [(name, value)] }

  public init(_ pairs: [(String, ControlValue)]) {
    entries = []
    for (k, v) in pairs { self[k] = v }
  }

  public subscript(name: String) -> ControlValue? {
    get { entries.first { $0.name == name }?.value }
    set {
      if let i = entries.firstIndex(where: { $0.name >= name }) {
        if entries[i].name == name {
          if let v = newValue { entries[i].value = v } else { entries.remove(at: i) }
        } else if let v = newValue {
          entries.insert((name, v), at: i)
        }
      } else if let v = newValue {
        entries.append((name, v))
      }
    }
  }

  public var names: [String] { entries.map(\.name) }
  public var isEmpty: Bool { entries.isEmpty }

  /// Left-biased union (Haskell's `Map.union`): keys of `self` win.
  public func union(_ other: ControlMap) -> ControlMap {
    unionWith(other) { a, _ in a }
  }

  /// `Map.unionWith`: `f` combines values present on both sides.
  public func unionWith(_ other: ControlMap, _ f: (ControlValue, ControlValue) throws -> ControlValue)
    rethrows -> ControlMap
  {
    var out: [(name: String, value: ControlValue)] = []
    out.reserveCapacity(entries.count + other.entries.count)
    var i = 0
    var j = 0
    while i < entries.count || j < other.entries.count {
      if j == other.entries.count || (i < entries.count && entries[i].name < other.entries[j].name) {
        out.append(entries[i])
        i += 1
      } else if i == entries.count || other.entries[j].name < entries[i].name {
        out.append(other.entries[j])
        j += 1
      } else {
        out.append((entries[i].name, try f(entries[i].value, other.entries[j].value)))
        i += 1
        j += 1
      }
    }
    var m = ControlMap()
    m.entries = out
    return m
  }

  /// Applies `f` to every value.
  public func mapValues(_ f: (ControlValue) throws -> ControlValue) rethrows -> ControlMap {
    var m = self
    for i in m.entries.indices { m.entries[i].value = try f(m.entries[i].value) }
    return m
  }

  public static func == (a: ControlMap, b: ControlMap) -> Bool {
    a.entries.count == b.entries.count
      && zip(a.entries, b.entries).allSatisfy { $0.name == $1.name && $0.value == $1.value }
  }

  public func hash(into h: inout Hasher) {
    for e in entries {
      h.combine(e.name)
      h.combine(e.value)
    }
  }

  public static func < (a: ControlMap, b: ControlMap) -> Bool {
    for (x, y) in zip(a.entries, b.entries) {
      if x.name != y.name { return x.name < y.name }
      if x.value != y.value { return x.value < y.value }
    }
    return a.entries.count < b.entries.count
  }
}

extension ControlMap {
  /// Tidal's `getF` of the control `name`.
  public func getF(_ name: String) -> Double? { self[name]?.getF }
  /// Tidal's `getI` of the control `name`.
  public func getI(_ name: String) -> Int? { self[name]?.getI }
  /// Tidal's `getS` of the control `name`.
  public func getS(_ name: String) -> String? { self[name]?.getS }
}

extension ControlMap: ExpressibleByDictionaryLiteral {
  public init(dictionaryLiteral elements: (String, ControlValue)...) { self.init(elements) }
}
