/// Proleptic Gregorian UTC text ⇄ nanoseconds since the Unix epoch, without leap seconds (as
/// NTP and Unix time both count). Civil-date arithmetic after Howard Hinnant's `days_from_civil`.
public enum UTC {
  /// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`, nine fraction digits, truncated toward the past.
  public static func format(unixNanoseconds ns: Int64) -> String {
    var seconds = ns / 1_000_000_000
    var nanos = ns % 1_000_000_000
    if nanos < 0 {
      seconds -= 1
      nanos += 1_000_000_000
    }
    var days = seconds / 86_400
    var secondOfDay = seconds % 86_400
    if secondOfDay < 0 {
      days -= 1
      secondOfDay += 86_400
    }
    let (year, month, day) = civil(fromDays: days)
    var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    text += "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":"
    text += pad(secondOfDay % 60, 2) + "." + pad(nanos, 9) + "Z"
    return text
  }

  /// Parses `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z` (also `t`/`z`, or `+00:00` for `Z`); `nil` when the
  /// syntax or the date is invalid.
  public static func parse(_ text: String) -> Int64? {
    var bytes = Array(text.utf8)
    if bytes.count > 6, bytes.suffix(6).elementsEqual("+00:00".utf8) {
      bytes.removeLast(6)
      bytes.append(UInt8(ascii: "Z"))
    }
    guard bytes.count >= 20, bytes.last! | 0x20 == UInt8(ascii: "z") else { return nil }
    func number(_ range: Range<Int>) -> Int64? {
      var value: Int64 = 0
      for index in range {
        let digit = bytes[index] &- 0x30
        guard digit < 10 else { return nil }
        value = value * 10 + Int64(digit)
      }
      return value
    }
    guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      bytes[10] | 0x20 == UInt8(ascii: "t"), bytes[13] == UInt8(ascii: ":"),
      bytes[16] == UInt8(ascii: ":"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
      hour < 24, minute < 60, second < 60
    else { return nil }
    var nanos: Int64 = 0
    let end = bytes.count - 1
    if end > 19 {
      let digits = end - 20
      guard bytes[19] == UInt8(ascii: "."), (1...9).contains(digits),
        let fraction = number(20..<end)
      else { return nil }
      nanos = fraction
      for _ in digits..<9 { nanos *= 10 }
    }
    let days = daysFromCivil(year: year, month: month, day: day)
    return ((days * 24 + hour) * 60 + minute) * 60_000_000_000 + second * 1_000_000_000 + nanos
  }

  static func daysInMonth(year: Int64, month: Int64) -> Int64 {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra =
      (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
