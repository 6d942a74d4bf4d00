/// Text forms of timetags: oscdump-style hex, the 64-bit integer, decimal NTP and Unix seconds,
/// and ISO-8601 UTC. Every conversion is exact integer arithmetic; none goes through `Double`.
extension Timetag: CustomStringConvertible {
  /// The dotted hex form, as oscdump prints it (upper case): `0xEB0A1F30.1F9ADD37`.
  public var description: String { hexString }

  public var hexString: String {
    "0x" + hex8(seconds) + "." + hex8(fraction)
  }

  /// The instant in UTC with nine fraction digits, truncated toward the past:
  /// `2026-11-24T18:00:00.500000000Z`.
  public var utcString: String {
    UTC.format(unixNanoseconds: unixNanoseconds)
  }

  /// Era-resolved seconds since 1900 as an exact decimal (up to 32 fraction digits, no trailing
  /// zeros): `4004618400.5`.
  public var ntpSecondsString: String {
    String(ntpSeconds) + Self.exactDecimalFraction(fraction)
  }

  /// Seconds since 1970 as an exact decimal; negative before 1970 (`-0.25` is 1969-12-31T23:59:59.75Z).
  public var unixSecondsString: String {
    let whole = unixSeconds
    if whole >= 0 || fraction == 0 { return String(whole) + Self.exactDecimalFraction(fraction) }
    // Negative with a fraction: −(|whole| − 1 + (1 − fraction)).
    let magnitude = -(whole + 1)
    let complement = UInt32(truncatingIfNeeded: (UInt64(1) << 32) - UInt64(fraction))
    return "-" + String(magnitude) + Self.exactDecimalFraction(complement)
  }

  /// `.` followed by the exact decimal digits of `fraction / 2^32`, or "" when it is zero.
  static func exactDecimalFraction(_ fraction: UInt32) -> String {
    guard fraction != 0 else { return "" }
    var rest = UInt64(fraction)
    var text = "."
    while rest != 0 {
      rest *= 10
      text.append(Character(Unicode.Scalar(UInt8(rest >> 32) + 0x30)))
      rest &= 0xFFFF_FFFF
    }
    return text
  }
}

/// Why a timetag text was rejected.
public struct TimetagParseError: Error, Equatable, CustomStringConvertible {
  public var input: String
  public var reason: String
  public var description: String { "invalid timetag '\(input)': \(reason)" }
}

extension Timetag {
  /// Parses any of the accepted text forms:
  /// - dotted hex `0xSSSSSSSS.FFFFFFFF` (exactly 8 + 8 hex digits),
  /// - `0x` followed by exactly 16 hex digits,
  /// - the unsigned 64-bit integer in decimal (`17199385587432882176`),
  /// - NTP seconds since 1900 as a decimal with a point (`3944678400.123456`), any number of
  ///   fraction digits, rounded to the nearest 2^-32 s; values from 2^32 on denote era 1,
  /// - ISO-8601 UTC (see `init(utc:)`).
  /// - Throws: `TimetagParseError` naming the problem.
  public init(parsing text: String) throws(TimetagParseError) {
    let bytes = Array(text.utf8)
    func fail(_ reason: String) -> TimetagParseError { TimetagParseError(input: text, reason: reason) }
    if bytes.count >= 2, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "x") {
      let digits = bytes[2...]
      if digits.count == 17, digits[digits.startIndex + 8] == UInt8(ascii: ".") {
        guard let s = parseHex(digits.prefix(8)), let f = parseHex(digits.suffix(8)) else {
          throw fail("expected hex digits in 0xSSSSSSSS.FFFFFFFF")
        }
        self.init(seconds: UInt32(s), fraction: UInt32(f))
        return
      }
      guard digits.count == 16, let value = parseHex(digits) else {
        throw fail("hex timetags are 0xSSSSSSSS.FFFFFFFF or 0x followed by 16 hex digits")
      }
      self.init(rawValue: value)
      return
    }
    if bytes.contains(UInt8(ascii: "-")) || bytes.contains(UInt8(ascii: ":")) {
      try self.init(utc: text)
      return
    }
    guard !bytes.isEmpty, bytes.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }) else {
      throw fail("expected hex (0x…), an integer, NTP seconds (3944678400.5) or UTC (…Z)")
    }
    guard let point = bytes.firstIndex(of: UInt8(ascii: ".")) else {
      guard let value = UInt64(text) else { throw fail("integer does not fit in 64 bits") }
      self.init(rawValue: value)
      return
    }
    let wholeDigits = bytes[..<point]
    let fractionDigits = bytes[(point + 1)...]
    guard !wholeDigits.isEmpty, wholeDigits.count <= 12, !fractionDigits.isEmpty,
      !fractionDigits.contains(UInt8(ascii: ".")), fractionDigits.count <= 64
    else { throw fail("NTP seconds look like 3944678400.123456 (at most 64 fraction digits)") }
    let whole = wholeDigits.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
    let (fraction, carry) = Self.binaryFraction(decimalDigits: fractionDigits.map { $0 - 0x30 })
    guard let value = Timetag(ntpSeconds: whole + (carry ? 1 : 0), fraction: fraction) else {
      throw fail("NTP seconds must be in [2147483648, 6442450944) (1968–2104)")
    }
    self = value
  }

  /// Parses ISO-8601 UTC, `YYYY-MM-DDTHH:MM:SS[.f…]Z` with up to nine fraction digits, and rounds
  /// it to the nearest 2^-32 s. `2026-11-24T18:00:00.5Z` is `0xEEB04F20.80000000`.
  /// - Throws: `TimetagParseError` for bad syntax, impossible dates, or dates outside 1968–2104.
  public init(utc text: String) throws(TimetagParseError) {
    guard let ns = UTC.parse(text) else {
      throw TimetagParseError(
        input: text, reason: "expected UTC like 2026-11-24T18:00:00.5Z (at most 9 fraction digits)")
    }
    guard let value = Timetag(unixNanoseconds: ns) else {
      throw TimetagParseError(
        input: text, reason: "outside the timetag range 1968-01-20T03:14:08Z – 2104-02-26T09:42:24Z")
    }
    self = value
  }

  /// `round(0.d₁d₂… · 2^32)` (ties up), and whether it rounded up to a whole second.
  static func binaryFraction(decimalDigits: [UInt8]) -> (fraction: UInt32, carry: Bool) {
    // Doubling the decimal fraction shifts its binary expansion left: the carry out of the
    // integer position is the next bit. 33 rounds give 32 bits plus the rounding bit.
    var digits = decimalDigits
    var bits: UInt64 = 0
    for _ in 0..<33 {
      var carry: UInt8 = 0
      for index in digits.indices.reversed() {
        let doubled = digits[index] * 2 + carry
        digits[index] = doubled % 10
        carry = doubled / 10
      }
      bits = bits << 1 | UInt64(carry)
    }
    let rounded = (bits + 1) >> 1
    return rounded == 1 << 32 ? (0, true) : (UInt32(rounded), false)
  }
}

private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

private func parseHex<C: Collection>(_ digits: C) -> UInt64? where C.Element == UInt8 {
  guard !digits.isEmpty, digits.count <= 16 else { return nil }
  var value: UInt64 = 0
  for byte in digits {
    let nibble: UInt8
    switch byte {
    case 0x30...0x39: nibble = byte - 0x30
    case 0x41...0x46: nibble = byte - 0x41 + 10
    case 0x61...0x66: nibble = byte - 0x61 + 10
    default: return nil
    }
    value = value << 4 | UInt64(nibble)
  }
  return value
}

private func hex8(_ value: UInt32) -> String {
  let digits = Array("0123456789ABCDEF".utf8)
  var out = [UInt8](repeating: 0, count: 8)
  for index in 0..<8 { out[index] = digits[Int(value >> (28 - 4 * UInt32(index)) & 0xF)] }
  return String(decoding: out, as: UTF8.self)
}
