/// One OSC argument. The case decides the type tag; see `typeTag`.
///
/// Equality is bitwise for floats (so `nan == nan` and `0.0 != -0.0`): a decoded packet equals
/// the packet that was encoded exactly when every bit survived.
public enum OSCArgument: Sendable {
  case int32(Int32)  // i
  case float32(Float)  // f
  case string(String)  // s
  case blob([UInt8])  // b
  case int64(Int64)  // h
  case timetag(Timetag)  // t
  case float64(Double)  // d
  case symbol(String)  // S
  /// `c`: on the wire a big-endian int32 holding the character code (liblo's layout, so an
  /// ASCII character sits in the last byte).
  case character(Unicode.Scalar)
  case rgba(UInt32)  // r
  case midi(MIDIMessage)  // m
  case `true`  // T
  case `false`  // F
  case `nil`  // N
  case impulse  // I (OSC 1.1 "Infinitum"/impulse)
  case array([OSCArgument])  // [ … ]

  /// The type tag character (`[` for arrays; the closing `]` is implied).
  public var typeTag: UInt8 {
    switch self {
    case .int32: return UInt8(ascii: "i")
    case .float32: return UInt8(ascii: "f")
    case .string: return UInt8(ascii: "s")
    case .blob: return UInt8(ascii: "b")
    case .int64: return UInt8(ascii: "h")
    case .timetag: return UInt8(ascii: "t")
    case .float64: return UInt8(ascii: "d")
    case .symbol: return UInt8(ascii: "S")
    case .character: return UInt8(ascii: "c")
    case .rgba: return UInt8(ascii: "r")
    case .midi: return UInt8(ascii: "m")
    case .true: return UInt8(ascii: "T")
    case .false: return UInt8(ascii: "F")
    case .nil: return UInt8(ascii: "N")
    case .impulse: return UInt8(ascii: "I")
    case .array: return UInt8(ascii: "[")
    }
  }
}

/// The four bytes of an OSC `m` argument: port id, status byte, data 1, data 2.
public struct MIDIMessage: Hashable, Sendable {
  public var port: UInt8
  public var status: UInt8
  public var data1: UInt8
  public var data2: UInt8

  public init(port: UInt8, status: UInt8, data1: UInt8, data2: UInt8) {
    self.port = port
    self.status = status
    self.data1 = data1
    self.data2 = data2
  }
}

/// An OSC message: an address (pattern) and its arguments.
public struct OSCMessage: Hashable, Sendable {
  public var address: String
  public var arguments: [OSCArgument]

  public init(_ address: String, _ arguments: [OSCArgument] = []) {
    self.address = address
    self.arguments = arguments
  }

  /// The type tag string including the leading comma, e.g. `,if[ss]`.
  public var typeTags: String {
    var tags: [UInt8] = [UInt8(ascii: ",")]
    func walk(_ arguments: [OSCArgument]) {
      for argument in arguments {
        tags.append(argument.typeTag)
        if case .array(let inner) = argument {
          walk(inner)
          tags.append(UInt8(ascii: "]"))
        }
      }
    }
    walk(arguments)
    return String(decoding: tags, as: UTF8.self)
  }
}

/// An OSC bundle: a timetag and elements (messages or bundles) to be applied atomically at it.
public struct OSCBundle: Hashable, Sendable {
  public var timetag: Timetag
  public var elements: [OSCPacket]

  public init(timetag: Timetag = .immediately, _ elements: [OSCPacket] = []) {
    self.timetag = timetag
    self.elements = elements
  }
}

/// What travels in one datagram: a message or a bundle.
public enum OSCPacket: Hashable, Sendable {
  case message(OSCMessage)
  case bundle(OSCBundle)
}

extension OSCArgument: Hashable {
  public static func == (lhs: OSCArgument, rhs: OSCArgument) -> Bool {
    switch (lhs, rhs) {
    case (.int32(let a), .int32(let b)): return a == b
    case (.float32(let a), .float32(let b)): return a.bitPattern == b.bitPattern
    case (.string(let a), .string(let b)): return a == b
    case (.blob(let a), .blob(let b)): return a == b
    case (.int64(let a), .int64(let b)): return a == b
    case (.timetag(let a), .timetag(let b)): return a == b
    case (.float64(let a), .float64(let b)): return a.bitPattern == b.bitPattern
    case (.symbol(let a), .symbol(let b)): return a == b
    case (.character(let a), .character(let b)): return a == b
    case (.rgba(let a), .rgba(let b)): return a == b
    case (.midi(let a), .midi(let b)): return a == b
    case (.true, .true), (.false, .false), (.nil, .nil), (.impulse, .impulse): return true
    case (.array(let a), .array(let b)): return a == b
    default: return false
    }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(typeTag)
    switch self {
    case .int32(let v): hasher.combine(v)
    case .float32(let v): hasher.combine(v.bitPattern)
    case .string(let v), .symbol(let v): hasher.combine(v)
    case .blob(let v): hasher.combine(v)
    case .int64(let v): hasher.combine(v)
    case .timetag(let v): hasher.combine(v)
    case .float64(let v): hasher.combine(v.bitPattern)
    case .character(let v): hasher.combine(v)
    case .rgba(let v): hasher.combine(v)
    case .midi(let v): hasher.combine(v)
    case .true, .false, .nil, .impulse: break
    case .array(let v): hasher.combine(v)
    }
  }
}
