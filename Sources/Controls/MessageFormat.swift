import OSC

/// How events are written as OSC for a target.
public enum MessageFormat: String, Sendable, CaseIterable {
  /// `/pd SOUND name value …`: the seed's `/pd tick` is exactly `s "tick"`.
  case pd
  /// `/dirt/play name value …` as Tidal sends to SuperDirt.
  case superdirt

  /// The OSC message for one event, or nil when the event has no sound (`s`) to name: Tidal's
  /// SuperDirt target requires `s`, and Pd routes on it.
  public func message(_ controls: ControlMap, _ context: EventContext) -> OSCMessage? {
    guard let sound = controls["s"] else { return nil }
    switch self {
    case .pd:
      var args: [OSCArgument] = [sound.oscArgument]
      args.reserveCapacity(1 + 2 * controls.entries.count)
      for (name, value) in controls.entries where name != "s" {
        args.append(.string(name))
        args.append(value.oscArgument)
      }
      return OSCMessage("/pd", args)
    case .superdirt:
      // Pairs in name order, as Haskell's `Map.toAscList` gives them.
      let map = SuperDirt.controls(controls, context)
      var args: [OSCArgument] = []
      args.reserveCapacity(2 * map.entries.count)
      for (name, value) in map.entries {
        args.append(.string(name))
        args.append(value.oscArgument)
      }
      return OSCMessage("/dirt/play", args)
    }
  }
}

extension ControlValue {
  /// Tidal's `toDatum`: strings as `s`, integers and booleans as `i`, every other number as
  /// `f`.
  public var oscArgument: OSCArgument {
    switch self {
    case .string(let s): .string(s)
    case .int(let i): .int32(Int32(clamping: i))
    case .bool(let b): .int32(b ? 1 : 0)
    case .float(let d), .note(let d): .float32(Float(d))
    case .rational(let r): .float32(Float(r.doubleValue))
    // The player resolves states before sending (`ControlStore`); one that slips through is 0.
    case .state: .int32(0)
    }
  }

  /// A received OSC argument as a control value; nil for types that carry none (blobs,
  /// timetags, MIDI, arrays…). The one reading of the wire's types as controls: the zero-copy
  /// view's arguments below come here too.
  public init?(_ argument: OSCArgument) {
    switch argument {
    case .string(let s), .symbol(let s): self = .string(s)
    case .int32(let i): self = .int(Int(i))
    case .int64(let i): self = .int(Int(i))
    case .float32(let f): self = .float(Double(f))
    case .float64(let d): self = .float(d)
    case .true: self = .bool(true)
    case .false: self = .bool(false)
    default: return nil
    }
  }

  /// An argument read in place (`tala listen`'s path), as `init?(_: OSCArgument)` reads it. Only
  /// what can carry a value is copied out; blobs and arrays, which carry none, are not.
  public init?(_ argument: OSCArgumentView) {
    switch argument {
    case .blob, .array: return nil
    default: self.init(argument.decoded())
    }
  }
}

extension SoundEvent {
  /// How a received message lays out its sound and controls.
  public enum Layout: Sendable {
    /// The sound is the first argument, name/value pairs follow (`/pd tick gain 0.8`, `/py tick`).
    case named
    /// Name/value pairs only; `s` names the sound (`/dirt/play s bd n 3`).
    case pairs
  }

  /// The sound a received message asks for, or nil when it names none. Pairs whose name is not
  /// a string or whose value carries no control value are skipped.
  public init?(_ message: OSCMessage, layout: Layout) {
    self.init(values: message.arguments.lazy.map(ControlValue.init), layout: layout)
  }

  /// The same for a message read in place (`tala listen`): builds only the sound's strings and
  /// values.
  public init?(_ message: OSCMessageView, layout: Layout) {
    self.init(values: message.arguments.lazy.map(ControlValue.init), layout: layout)
  }

  /// The layout rule, over the arguments read as control values (nil: carries none).
  init?(values: some Sequence<ControlValue?>, layout: Layout) {
    var values = values.makeIterator()
    var map = ControlMap()
    if layout == .named {
      guard let first = values.next(), let name = first?.getS else { return nil }
      map["s"] = .string(name)
    }
    // An odd argument at the end has no partner and is ignored.
    while let name = values.next(), let value = values.next() {
      guard let key = name?.getS, let value else { continue }
      if layout == .named, key == "s" || key == "sound" { continue }
      map[key] = value
    }
    self.init(controls: map)
  }
}
