import ArgumentParser
import OSC
import System
import Time

/// `tala timetag`: print "now" (plus an offset), decode a timetag, or encode a UTC date.
struct TimetagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timetag",
    abstract: "Print, decode and encode OSC timetags (NTP 32.32 fixed point).",
    discussion: """
      An OSC timetag counts seconds since 1900-01-01T00:00:00Z (the NTP epoch) in its high 32 \
      bits and fractions of a second (units of 2^-32 s, about 0.23 ns) in its low 32 bits. Unix \
      time counts from 1970-01-01T00:00:00Z: NTP seconds = Unix seconds + 2,208,988,800. The value \
      1 (0x00000000.00000001) means "immediately".

      A common mistake (made by the Python example this project started from) is to stamp a \
      bundle with Unix time as if it were NTP: the receiver then reads a date about 70 years off \
      (and, after the 2036 rollover rule, one in the 2090s), so the bundle is "late" or "early" \
      by decades. `tala timetag decode` points this out when it sees it.

      The seconds field wraps in 2036 (RFC 4330 eras): a timetag whose top bit is set lies in \
      1968–2036, one whose top bit is clear in 2036-02-07T06:28:16Z–2104.

      Examples:
        tala timetag                      now
        tala timetag +1.5                 now plus 1.5 s
        tala timetag decode 0xEB0A1F30.1F9ADD37
        tala timetag decode 3944678400.123456
        tala timetag encode 2026-11-24T18:00:00.5Z
      """,
    subcommands: [Now.self, Decode.self, Encode.self],
    defaultSubcommand: Now.self
  )

  struct Now: TimetagForm {
    static let configuration = CommandConfiguration(
      abstract: "Print the timetag for now, or now plus an offset in seconds (+1.5, -0.25).")

    @Argument(parsing: .allUnrecognized, help: "Offset in seconds, e.g. +1.5 or -0.25.")
    var offset: [String] = []

    func text(now: Int64) throws -> String {
      guard offset.count <= 1 else {
        throw CLIError("expected at most one offset, got \(offset.joined(separator: " "))")
      }
      var delta: Int64 = 0
      if let text = offset.first {
        guard let parsed = DecimalSeconds.nanoseconds(text, signed: true) else {
          throw CLIError("invalid offset '\(text)': expected seconds like +1.5 or -0.25")
        }
        delta = parsed
      }
      let (then, overflow) = now.addingReportingOverflow(delta)
      guard !overflow, let timetag = Timetag(unixNanoseconds: then) else {
        throw CLIError("now \(delta >= 0 ? "+" : "")\(secondsText(delta)) s is outside the timetag range 1968–2104")
      }
      return describeTimetag(timetag, now: offset.isEmpty ? nil : now)
    }
  }

  struct Decode: TimetagForm {
    static let configuration = CommandConfiguration(
      abstract:
        "Decode a timetag: 0xSSSSSSSS.FFFFFFFF, 0x + 16 hex digits, the 64-bit integer, or NTP seconds (3944678400.5).")

    @Argument(help: "The timetag.")
    var timetag: String

    func text(now: Int64) throws -> String {
      let value: Timetag
      do { value = try Timetag(parsing: timetag) } catch { throw CLIError(error.description) }
      return describeTimetag(value, now: now)
    }
  }

  struct Encode: TimetagForm {
    static let configuration = CommandConfiguration(
      abstract: "Encode ISO-8601 UTC (up to 9 fraction digits) as a timetag, rounded to the nearest 2^-32 s.")

    @Argument(help: "A UTC date such as 2026-11-24T18:00:00.5Z.")
    var utc: String

    func text(now: Int64) throws -> String {
      let value: Timetag
      do { value = try Timetag(utc: utc) } catch { throw CLIError(error.description) }
      return describeTimetag(value, now: nil)
    }
  }
}

/// A form of `tala timetag` (`now`, `decode`, `encode`): the text it prints, which `:timetag`
/// prints too.
protocol TimetagForm: ParsableCommand {
  /// The description, for a wall clock that reads `now` (Unix nanoseconds).
  func text(now: Int64) throws -> String
}

extension TimetagForm {
  func run() throws { print(try text(now: SystemClock().realtimeNanoseconds()), terminator: "") }
}

/// The multi-line description printed by every `tala timetag` form.
func describeTimetag(_ timetag: Timetag, now: Int64?) -> String {
  func row(_ label: String, _ value: String) -> String {
    label.padded(to: 14) + value + "\n"
  }
  if timetag.isImmediately {
    return row("timetag", "0x00000000.00000001") + row("meaning", "immediately (OSC's special value 1: act on receipt)")
      + row("integer", "1")
  }
  var out = row("UTC", timetag.utcString)
  out += row("timetag", timetag.hexString)
  out += row("integer", String(timetag.rawValue))
  out += row("NTP seconds", timetag.ntpSecondsString + "  (since 1900-01-01, the NTP/OSC epoch)")
  out += row("Unix seconds", timetag.unixSecondsString + "  (since 1970-01-01, the Unix epoch)")
  if let now {
    // Rounded, not truncated: the 2^-32 s grid would otherwise show +1.5 as +1.499999999.
    let delta = timetag.roundedUnixNanoseconds - now
    out += row("from now", (delta >= 0 ? "+" : "-") + secondsText(delta.magnitude) + " s")
  }
  // Unix seconds written where NTP seconds belong land in era 1 (top bit clear) and decode to
  // 2036 + (Unix seconds) — the 2080s–2100s. Point it out when the Unix reading is plausible.
  if timetag.seconds < 0x8000_0000, timetag.seconds >= 946_684_800,
    let asUnix = Timetag(unixSeconds: Int64(timetag.seconds), fraction: timetag.fraction)
  {
    out += "note: this looks like Unix time stamped as if it were NTP (the Python example's mistake).\n"
    out += "      Read as Unix seconds it is \(asUnix.utcString), whose timetag is \(asUnix.hexString).\n"
    out += "      NTP counts from 1900: add 2,208,988,800 s to Unix time.\n"
  }
  return out
}

/// `|ns|` as decimal seconds with nine digits.
func secondsText(_ nanoseconds: some BinaryInteger) -> String {
  let magnitude = UInt64(nanoseconds.magnitude)
  let fraction = String(magnitude % 1_000_000_000)
  return String(magnitude / 1_000_000_000) + "." + String(repeating: "0", count: 9 - fraction.count) + fraction
}

extension String {
  func padded(to length: Int) -> String {
    count >= length ? self + " " : self + String(repeating: " ", count: length - count)
  }
}
