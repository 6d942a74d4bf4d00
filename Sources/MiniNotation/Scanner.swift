/// A cursor over the characters of a mini-notation string. Works on Unicode scalars so that
/// letters outside ASCII are letters, as in Tidal.
public struct Scanner: Sendable {
  public let source: String
  let chars: [Unicode.Scalar]
  public internal(set) var index: Int = 0
  /// Where a ratio letter was refused because a letter follows it (`hh` in `bd*[2 hh]`).
  /// Tidal's parser has already read that second letter when it gives up, so an error at
  /// this index is reported one character after it, as Tidal reports it.
  var refusedRatioLetter: Int?

  init(_ source: String) {
    self.source = source
    self.chars = Array(source.unicodeScalars)
  }

  var atEnd: Bool { index >= chars.count }
  var peek: Unicode.Scalar? { index < chars.count ? chars[index] : nil }
  func peek(_ offset: Int) -> Unicode.Scalar? {
    index + offset < chars.count ? chars[index + offset] : nil
  }

  mutating func advance() { index += 1 }

  /// Consumes `c` when it is next.
  mutating func eat(_ c: Unicode.Scalar) -> Bool {
    if peek == c {
      index += 1
      return true
    }
    return false
  }

  mutating func skipSpaces() {
    while let c = peek, c == " " || c == "\t" || c == "\n" || c == "\r" { index += 1 }
  }

  static func isLetter(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }
  static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
  static func isSpace(_ c: Unicode.Scalar) -> Bool {
    c == " " || c == "\t" || c == "\n" || c == "\r"
  }

  /// 1-based line and column of character `i`, counting tabs as Parsec does.
  func position(of i: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for c in chars[..<min(i, chars.count)] {
      if c == "\n" {
        line += 1
        column = 1
      } else if c == "\t" {
        column += 8 - ((column - 1) % 8)
      } else {
        column += 1
      }
    }
    return (line, column)
  }

  /// A description of what is at `i`, for messages: `'x'` or "end of input".
  func describe(at i: Int) -> String {
    guard i < chars.count else { return "end of input" }
    let c = chars[i]
    if c == "\n" { return "a line break" }
    return "'\(Character(c))'"
  }

  /// An "unexpected" error at the cursor, placed where Tidal places it.
  func unexpectedHere(expecting: String? = nil) -> MiniParseError {
    if let r = refusedRatioLetter, r == index, r + 1 < chars.count {
      let letter = describe(at: r)
      return error(
        "unexpected \(describe(at: r + 1)) after \(letter), which here can only be a ratio shorthand",
        at: r + 2)
    }
    var m = "unexpected \(describe(at: index))"
    if let e = expecting { m += "; expected \(e)" }
    return error(m)
  }

  func error(_ message: String, at i: Int? = nil) -> MiniParseError {
    let p = position(of: i ?? index)
    return MiniParseError(line: p.line, column: p.column, message: message, source: source)
  }

  /// The text of characters `[from, to)`.
  func text(_ from: Int, _ to: Int) -> String {
    var s = String.UnicodeScalarView()
    s.append(contentsOf: chars[from..<to])
    return String(s)
  }
}
