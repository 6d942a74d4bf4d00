import Language
import OSC
import Scheduler
import Time

extension MessageFormat {
  /// The OSC message for one event, or nil when the event has no sound (`s`) to name: Tidal's
  /// SuperDirt target requires `s`, and Pd routes on it.
  public func message(for event: PlannedEvent) -> OSCMessage? {
    switch self {
    case .pd: Self.pdMessage(event)
    case .superdirt: Self.superDirtMessage(event)
    }
  }

  static func pdMessage(_ event: PlannedEvent) -> OSCMessage? {
    guard let sound = event.controls["s"] else { return nil }
    var args: [OSCArgument] = [argument(sound)]
    args.reserveCapacity(1 + 2 * event.controls.entries.count)
    for (name, value) in event.controls.entries where name != "s" {
      args.append(.string(name))
      args.append(argument(value))
    }
    return OSCMessage("/pd", args)
  }

  /// Tidal's `toOSC` for a named-parameter target: the event's controls, plus `cps`, `cycle`
  /// and `delta` unless the pattern set them, and `_id_` (the slot); pairs in name order, as
  /// Haskell's `Map.toAscList` gives them. `orbit` defaults to 0, as SuperDirt assumes.
  static func superDirtMessage(_ event: PlannedEvent) -> OSCMessage? {
    guard event.controls["s"] != nil else { return nil }
    var map = event.controls
    if map["cps"] == nil { map["cps"] = .float(event.cps.doubleValue) }
    if map["cycle"] == nil { map["cycle"] = .float(event.onset.doubleValue) }
    if map["delta"] == nil { map["delta"] = .float(event.deltaSeconds) }
    if map["_id_"] == nil { map["_id_"] = .string(event.slot) }
    if map["orbit"] == nil { map["orbit"] = .int(0) }
    var args: [OSCArgument] = []
    args.reserveCapacity(2 * map.entries.count)
    for (name, value) in map.entries {
      args.append(.string(name))
      args.append(argument(value))
    }
    return OSCMessage("/dirt/play", args)
  }

  /// Tidal's `toDatum`: strings as `s`, integers as `i`, every other number as `f`.
  static func argument(_ value: ParamValue) -> OSCArgument {
    switch value {
    case .string(let s): .string(s)
    case .int(let i): .int32(Int32(clamping: i))
    case .float(let d), .note(let d): .float32(Float(d))
    case .rational(let r): .float32(Float(r.doubleValue))
    }
  }
}
