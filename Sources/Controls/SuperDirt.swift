/// Where an event sits in time, beside its controls: what Tidal adds to every event it sends
/// to SuperDirt.
public struct EventContext: Sendable, Hashable {
  /// The tempo at the onset, cycles per second.
  public var cps: Double
  /// The onset, in cycles.
  public var cycle: Double
  /// The event's duration in seconds (Tidal's `delta`).
  public var delta: Double
  /// The slot that played it (`"1"` for `d1`): Tidal's `_id_`.
  public var slot: String

  public init(cps: Double, cycle: Double, delta: Double, slot: String) {
    self.cps = cps
    self.cycle = cycle
    self.delta = delta
    self.slot = slot
  }
}

/// SuperDirt's reading of controls, shared by every target that plays sound: the OSC message
/// for SuperDirt and the local audio engine.
public enum SuperDirt {
  /// The controls SuperDirt is given for an event: the pattern's own, plus `cps`, `cycle`,
  /// `delta`, `_id_` and `orbit` 0 unless the pattern set them (Tidal's `toOSC` adds the first
  /// four; SuperDirt assumes orbit 0).
  public static func controls(_ map: ControlMap, _ context: EventContext) -> ControlMap {
    var map = map
    if map["cps"] == nil { map["cps"] = .float(context.cps) }
    if map["cycle"] == nil { map["cycle"] = .float(context.cycle) }
    if map["delta"] == nil { map["delta"] = .float(context.delta) }
    if map["_id_"] == nil { map["_id_"] = .string(context.slot) }
    if map["orbit"] == nil { map["orbit"] = .int(0) }
    return map
  }
}

/// What a sound engine is asked to play: a sound (a sample folder, `folder:index`, or a
/// synth) and the other controls, read as SuperDirt reads them.
public struct SoundEvent: Sendable, Hashable {
  /// `s`: a sample folder name or a built-in sound; `name:index` selects an index as `n` does.
  public var name: String
  /// The other controls (`n`, `note`, `gain`, `pan`, `speed`, `begin`, `end`, `cut`, `legato`,
  /// `sustain`, `delta`, `cps`…), without `s`/`sound`.
  public var controls: ControlMap

  public init(_ name: String, controls: ControlMap = [:]) {
    self.name = name
    self.controls = controls
  }

  /// The event for a control map whose `s` (or `sound`) names the sound; nil without one.
  public init?(controls: ControlMap) {
    guard let s = controls["s"]?.getS ?? controls["sound"]?.getS else { return nil }
    var rest = controls
    rest["s"] = nil
    rest["sound"] = nil
    self.init(s, controls: rest)
  }

  /// The control `key` as a number, as SuperDirt reads it (every number is a float there):
  /// notes as their value, booleans as 0 or 1, numeric text parsed. Nil when absent, not a
  /// number, or not finite.
  public func number(_ key: String) -> Double? {
    guard let v = controls[key] else { return nil }
    let d: Double?
    switch v {
    case .string(let s): d = Double(s)
    case .bool(let b): d = b ? 1 : 0
    default: d = v.numberValue
    }
    guard let d, d.isFinite else { return nil }
    return d
  }
}
