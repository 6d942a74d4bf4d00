/// A failure reported to the user: ArgumentParser prints "Error: <description>" and exits 1.
struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) {
    self.description = description
  }
}

/// Parses signed decimal seconds (`1.5`, `+0.25`, `-2`, at most 9 fraction digits) to exact
/// nanoseconds, or `nil`.
func nanoseconds(fromSeconds text: String) -> Int64? {
  var rest = Substring(text)
  var sign: Int64 = 1
  if let first = rest.first, first == "+" || first == "-" {
    sign = first == "-" ? -1 : 1
    rest = rest.dropFirst()
  }
  let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
  guard let wholeText = parts.first, !wholeText.isEmpty || parts.count == 2,
    wholeText.allSatisfy(\.isASCII), wholeText.count <= 10
  else { return nil }
  let whole = wholeText.isEmpty ? 0 : Int64(wholeText)
  var fraction: Int64 = 0
  if parts.count == 2 {
    let digits = parts[1]
    guard !digits.isEmpty, digits.count <= 9, let value = Int64(digits), !digits.contains("+"),
      !digits.contains("-")
    else { return nil }
    fraction = value
    for _ in digits.count..<9 { fraction *= 10 }
  }
  guard let whole, !wholeText.contains("+"), !wholeText.contains("-") else { return nil }
  return sign * (whole * 1_000_000_000 + fraction)
}
