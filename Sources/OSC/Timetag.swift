/// An OSC timetag: an NTP timestamp in 32.32 fixed point, seconds since 1900-01-01T00:00:00Z.
///
/// The 32-bit seconds field wraps every 2^32 s (about 136 years). Following RFC 4330 §3, a value
/// whose top bit is set lies in era 0 (1968-01-20T03:14:08Z up to 2036-02-07T06:28:16Z) and one
/// whose top bit is clear lies in era 1 (2036-02-07T06:28:16Z up to 2104-02-26T09:42:24Z). Every
/// conversion to an instant applies that rule; conversions from an instant outside that window
/// fail (they return `nil`).
///
/// The raw value `1` is OSC's "immediately". It compares before every other timetag and its
/// instant properties describe the raw bits only; callers check `isImmediately` first.
///
/// A `Timetag` never reads a clock: "now" comes from the caller.
public struct Timetag: RawRepresentable, Hashable, Sendable {
  /// The 64 bits as they travel on the wire (seconds in the high word, fraction in the low word).
  public var rawValue: UInt64

  public init(rawValue: UInt64) {
    self.rawValue = rawValue
  }

  public init(seconds: UInt32, fraction: UInt32) {
    rawValue = UInt64(seconds) << 32 | UInt64(fraction)
  }

  /// OSC's special timetag: "execute immediately upon receipt".
  public static let immediately = Timetag(rawValue: 1)

  /// Seconds from the NTP epoch (1900) to the Unix epoch (1970): 2,208,988,800.
  public static let unixEpochInNTPSeconds: Int64 = 2_208_988_800

  /// The era-resolved NTP seconds this timetag can denote: `[2^31, 2^32 + 2^31)`.
  public static let representableNTPSeconds: Range<Int64> = (1 << 31)..<((1 << 32) + (1 << 31))

  /// The wire seconds field (seconds since 1900 modulo 2^32).
  public var seconds: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 32) }

  /// The fraction field, in units of 2^-32 s.
  public var fraction: UInt32 { UInt32(truncatingIfNeeded: rawValue) }

  public var isImmediately: Bool { rawValue == 1 }

  /// Seconds since 1900-01-01T00:00:00Z with the era resolved (so 2036 onward exceeds 2^32).
  public var ntpSeconds: Int64 {
    let s = Int64(seconds)
    return seconds & 0x8000_0000 != 0 ? s : s + (1 << 32)
  }

  /// Whole seconds since the Unix epoch, rounded toward the past (the fraction is separate).
  public var unixSeconds: Int64 { ntpSeconds - Self.unixEpochInNTPSeconds }

  /// Nanoseconds since the Unix epoch, truncated toward the past (what a UTC printout shows).
  public var unixNanoseconds: Int64 {
    unixSeconds * 1_000_000_000 + Int64((UInt64(fraction) * 1_000_000_000) >> 32)
  }

  /// Nanoseconds since the Unix epoch, rounded to nearest (ties away from zero).
  ///
  /// Law: `Timetag(unixNanoseconds: n)!.roundedUnixNanoseconds == n` for every representable `n`,
  /// because one fraction unit (≈0.233 ns) is less than half a nanosecond.
  public var roundedUnixNanoseconds: Int64 {
    unixSeconds * 1_000_000_000 + Int64((UInt64(fraction) * 1_000_000_000 + (1 << 31)) >> 32)
  }

  /// The timetag for an era-resolved NTP instant, or `nil` outside `representableNTPSeconds`.
  public init?(ntpSeconds: Int64, fraction: UInt32) {
    guard Self.representableNTPSeconds.contains(ntpSeconds) else { return nil }
    self.init(seconds: UInt32(truncatingIfNeeded: ntpSeconds), fraction: fraction)
  }

  /// The timetag for whole Unix seconds plus a binary fraction, or `nil` out of range.
  public init?(unixSeconds: Int64, fraction: UInt32 = 0) {
    let (ntp, overflow) = unixSeconds.addingReportingOverflow(Self.unixEpochInNTPSeconds)
    guard !overflow else { return nil }
    self.init(ntpSeconds: ntp, fraction: fraction)
  }

  /// The timetag nearest to an instant given in nanoseconds since the Unix epoch.
  ///
  /// The fraction is `round((ns mod 1e9) · 2^32 / 1e9)` in integer arithmetic; a fraction that
  /// rounds up to a whole second carries into the seconds. Returns `nil` outside 1968–2104.
  public init?(unixNanoseconds ns: Int64) {
    var whole = ns / 1_000_000_000
    var rest = ns % 1_000_000_000
    if rest < 0 {
      whole -= 1
      rest += 1_000_000_000
    }
    var fraction = (UInt64(rest) << 32 + 500_000_000) / 1_000_000_000
    if fraction == 1 << 32 {
      fraction = 0
      whole += 1
    }
    self.init(unixSeconds: whole, fraction: UInt32(fraction))
  }

  /// This timetag moved by a signed number of nanoseconds (rounded to the nearest 2^-32 s), or
  /// `nil` when the result leaves the representable window. Exact: no float arithmetic.
  public func advanced(byNanoseconds delta: Int64) -> Timetag? {
    var wholeDelta = delta / 1_000_000_000
    var rest = delta % 1_000_000_000
    if rest < 0 {
      wholeDelta -= 1
      rest += 1_000_000_000
    }
    let fractionDelta = (UInt64(rest) << 32 + 500_000_000) / 1_000_000_000
    var newFraction = UInt64(fraction) + fractionDelta
    var newSeconds = ntpSeconds + wholeDelta
    if newFraction >= 1 << 32 {
      newFraction -= 1 << 32
      newSeconds += 1
    }
    return Timetag(ntpSeconds: newSeconds, fraction: UInt32(newFraction))
  }

  /// Nanoseconds from `other` to `self` (positive when `self` is later), each side truncated to
  /// whole nanoseconds first, so the result is exact to ±1 ns.
  public func nanoseconds(since other: Timetag) -> Int64 {
    unixNanoseconds - other.unixNanoseconds
  }
}

extension Timetag: Comparable {
  /// Chronological order with eras resolved; `immediately` sorts before everything.
  public static func < (lhs: Timetag, rhs: Timetag) -> Bool {
    if lhs.isImmediately || rhs.isImmediately { return lhs.isImmediately && !rhs.isImmediately }
    if lhs.ntpSeconds != rhs.ntpSeconds { return lhs.ntpSeconds < rhs.ntpSeconds }
    return lhs.fraction < rhs.fraction
  }
}
