import MiniNotation
import Pattern
import Time

/// One value in a control map (Tidal's `Value`: `VS`, `VF`, `VN`, `VI`, `VR`).
public enum ParamValue: Sendable, Hashable, Comparable {
  case string(String)
  case float(Double)
  case note(Double)
  case int(Int)
  case rational(Rational)

  /// The numeric value as a `Double`, when numeric (Tidal's `getF`).
  public var doubleValue: Double? {
    switch self {
    case .float(let d), .note(let d): d
    case .int(let i): Double(i)
    case .rational(let r): r.doubleValue
    case .string: nil
    }
  }

  public var jsonText: String {
    switch self {
    case .string(let s): JSON.string(s)
    case .float(let d), .note(let d): JSON.haskellDouble(d)
    case .int(let i): String(i)
    case .rational(let r): JSON.string(r.description)
    }
  }
}

/// A control map: parameter name to value, kept sorted by name (Tidal's `ValueMap`), the
/// value of a control pattern such as `s "bd" # n 3`.
public struct ControlMap: Sendable, Hashable, Comparable {
  /// Entries sorted by name, names unique.
  public private(set) var entries: [(name: String, value: ParamValue)]

  public init() { entries = [] }

  public init(_ name: String, _ value: ParamValue) { entries = [(name, value)] }

  public init(_ pairs: [(String, ParamValue)]) {
    entries = []
    for (k, v) in pairs { self[k] = v }
  }

  public subscript(name: String) -> ParamValue? {
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
  public func unionWith(_ other: ControlMap, _ f: (ParamValue, ParamValue) throws -> ParamValue)
    rethrows -> ControlMap
  {
    var out: [(name: String, value: ParamValue)] = []
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
  public func mapValues(_ f: (ParamValue) throws -> ParamValue) rethrows -> ControlMap {
    var m = self
    for i in m.entries.indices { m.entries[i].value = try f(m.entries[i].value) }
    return m
  }

  /// `{"n":3.0,"s":"bd"}`, keys sorted, as the oracle prints a `ValueMap`.
  public var jsonText: String {
    "{" + entries.map { JSON.string($0.name) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
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

extension ControlMap: JSONValue {}

extension ParamValue {
  /// Tidal's `fNum2`: ints with ints, floats (and notes) otherwise; anything else keeps the
  /// left value.
  static func numeric(
    _ a: ParamValue, _ b: ParamValue, int fi: (Int, Int) throws -> Int,
    float ff: (Double, Double) throws -> Double
  ) rethrows -> ParamValue {
    switch (a, b) {
    case (.int(let x), .int(let y)): return .int(try fi(x, y))
    case (.float(let x), .float(let y)): return .float(try ff(x, y))
    case (.note(let x), .note(let y)), (.float(let x), .note(let y)), (.note(let x), .float(let y)):
      return .note(try ff(x, y))
    case (.int(let x), .float(let y)): return .float(try ff(Double(x), y))
    case (.float(let x), .int(let y)): return .float(try ff(x, Double(y)))
    default: return a
    }
  }

  /// Tidal's `applyFIS`.
  func applyFIS(float f: (Double) -> Double, int g: (Int) -> Int) -> ParamValue {
    switch self {
    case .float(let d): .float(f(d))
    case .note(let d): .note(f(d))
    case .int(let i): .int(g(i))
    default: self
    }
  }
}
