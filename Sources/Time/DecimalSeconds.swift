/// Seconds as a person writes them (`0.1`, `.25`, `2.`, `+1.5`), read exactly into integer
/// nanoseconds: the one parser behind latencies, waits, frame lengths and timetag offsets.
public enum DecimalSeconds {
  /// The nanoseconds `text` stands for: decimal digits with at most nine after the point and at
  /// least one in all, with a leading `+` or `-` only when `signed`. Never through `Double`.
  /// - Returns: `nil` when the text is not such a number or does not fit an `Int64` of
  ///   nanoseconds (about 292 years).
  public static func nanoseconds(_ text: some StringProtocol, signed: Bool = false) -> Int64? {
    var rest = Substring(text)
    var negative = false
    if signed, let first = rest.first, first == "+" || first == "-" {
      negative = first == "-"
      rest = rest.dropFirst()
    }
    let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = parts[0]
    let fraction = parts.count == 2 ? parts[1] : ""
    func isDigits(_ s: Substring) -> Bool { s.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
    guard isDigits(whole), isDigits(fraction), !(whole.isEmpty && fraction.isEmpty), fraction.count <= 9 else {
      return nil
    }
    var ns: Int64 = 0
    for digit in whole.utf8 {
      let (times10, o1) = ns.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
      if o1 || o2 { return nil }
      ns = sum
    }
    var fractionNanoseconds: Int64 = 0
    for digit in fraction.utf8 { fractionNanoseconds = fractionNanoseconds * 10 + Int64(digit - UInt8(ascii: "0")) }
    for _ in fraction.count..<9 { fractionNanoseconds *= 10 }
    let (scaled, o1) = ns.multipliedReportingOverflow(by: 1_000_000_000)
    let (total, o2) = scaled.addingReportingOverflow(fractionNanoseconds)
    if o1 || o2 { return nil }
    return negative ? -total : total
  }
}
