import Time

/// A numeric literal as written: its exact value when it has one, and its `Double` reading.
struct NumberLiteral {
  var exact: Rational?
  var double: Double
  var isIntegral: Bool
}

extension Scanner {
  /// `digits ('.' digits [exponent] | exponent)`: Parsec's `float`, without the trailing
  /// whitespace that Tidal 1.7 swallowed. Restores the cursor when there is no float here.
  mutating func scanFloat() -> NumberLiteral? {
    let start = index
    guard scanDigits() > 0 else { return nil }
    var isFloat = false
    if peek == ".", let d = peek(1), Scanner.isDigit(d) {
      advance()
      _ = scanDigits()
      isFloat = true
    }
    if peek == "e" || peek == "E" {
      let save = index
      advance()
      if peek == "-" || peek == "+" { advance() }
      if scanDigits() > 0 {
        isFloat = true
      } else {
        index = save
      }
    }
    guard isFloat else {
      index = start
      return nil
    }
    let text = self.text(start, index)
    guard let d = Double(text) else {
      index = start
      return nil
    }
    let exact = Rational(parsing: text)
    return NumberLiteral(exact: exact, double: d, isIntegral: d == d.rounded())
  }

  /// Parsec's `float` for the probability after `?`, where nothing else may be read: once
  /// a digit is read, a missing fraction or exponent digit is an error at the point where
  /// Parsec stops, not at the start of the number.
  mutating func scanCommittedFloat() throws(MiniParseError) -> NumberLiteral {
    let start = index
    guard scanDigits() > 0 else { throw error("expected a decimal such as 0.7") }
    var sawFraction = false
    if eat(".") {
      guard scanDigits() > 0 else { throw error("expected the digits of a decimal fraction") }
      sawFraction = true
    }
    if peek == "e" || peek == "E" {
      advance()
      if peek == "-" || peek == "+" { advance() }
      guard scanDigits() > 0 else { throw error("expected the digits of an exponent") }
    } else if !sawFraction {
      throw error("expected a decimal probability such as 0.7 after '?'")
    }
    let text = self.text(start, index)
    guard let d = Double(text) else { throw error("not a number", at: start) }
    return NumberLiteral(exact: Rational(parsing: text), double: d, isIntegral: d == d.rounded())
  }

  /// `[+-] nat`, where nat may be decimal, `0x` hex or `0o` octal: Parsec's `integer`.
  /// - Throws: when the value does not fit in 64 bits.
  mutating func scanInteger() throws(MiniParseError) -> NumberLiteral? {
    let start = index
    var negative = false
    if peek == "-" || peek == "+" {
      negative = peek == "-"
      advance()
    }
    var radix: Int64 = 10
    if peek == "0", let x = peek(1) {
      if x == "x" || x == "X", let h = peek(2), h.properties.isASCIIHexDigit {
        radix = 16
        index += 2
      } else if x == "o" || x == "O", let o = peek(2), o >= "0" && o <= "7" {
        radix = 8
        index += 2
      }
    }
    var value: Int64 = 0
    var count = 0
    while let c = peek, let d = Scanner.digitValue(c, radix: radix) {
      let m = value.multipliedReportingOverflow(by: radix)
      let a = m.partialValue.addingReportingOverflow(d)
      if m.overflow || a.overflow { throw error("number too large", at: start) }
      value = a.partialValue
      count += 1
      advance()
    }
    guard count > 0 else {
      index = start
      return nil
    }
    if negative { value = -value }
    return NumberLiteral(exact: Rational(value), double: Double(value), isIntegral: true)
  }

  static func digitValue(_ c: Unicode.Scalar, radix: Int64) -> Int64? {
    let v: Int64
    switch c {
    case "0"..."9": v = Int64(c.value - 48)
    case "a"..."f": v = Int64(c.value - 87)
    case "A"..."F": v = Int64(c.value - 55)
    default: return nil
    }
    return v < radix ? v : nil
  }

  /// Tidal's `intOrFloat`: a float if there is one, else an integer.
  mutating func scanIntOrFloat() throws(MiniParseError) -> NumberLiteral? {
    if let f = scanFloat() { return f }
    return try scanInteger()
  }

  mutating func scanDigits() -> Int {
    var n = 0
    while let c = peek, Scanner.isDigit(c) {
      advance()
      n += 1
    }
    return n
  }

  /// Optional sign: true when negative.
  mutating func scanSign() -> Bool {
    if eat("-") { return true }
    _ = eat("+")
    return false
  }

  /// The ratio shorthands `w h q e s t f x` (1, 1/2, 1/4, 1/8, 1/16, 1/3, 1/5, 1/6), when the
  /// letter is not the start of a longer word.
  mutating func scanRatioChar() -> Rational? {
    guard let c = peek else { return nil }
    if let n = peek(1), Scanner.isLetter(n) {
      if "whqestfx".unicodeScalars.contains(c) { refusedRatioLetter = index }
      return nil
    }
    let v: Rational
    switch c {
    case "w": v = 1
    case "h": v = Rational.half
    case "q": v = try! Rational(1, 4)
    case "e": v = try! Rational(1, 8)
    case "s": v = try! Rational(1, 16)
    case "t": v = try! Rational(1, 3)
    case "f": v = try! Rational(1, 5)
    case "x": v = try! Rational(1, 6)
    default: return nil
    }
    advance()
    return v
  }

  /// Tidal's `pRatio`: `[sign] (number ['%' integer] [ratio letter] | ratio letter)`.
  /// Decimals are exact (`0.1` is 1/10), a deliberate difference from Tidal, which reads them
  /// through `Double`; for the dyadic decimals of rhythm (0.5, 1.5, 0.25) the two agree.
  mutating func scanRatio() throws(MiniParseError) -> Rational? {
    let start = index
    let negative = scanSign()
    var value: Rational
    if let n = try scanIntOrFloat() {
      let numberStart = index
      if eat("%") {
        // Tidal reads the denominator before it checks the numerator, and fails after both.
        guard let d = try scanInteger(), let den = d.exact else {
          throw error("expected a whole number after '%'")
        }
        guard n.isIntegral, let num = n.exact else {
          throw error("a fraction needs whole numbers on both sides of '%'")
        }
        guard !den.isZero else { throw error("division by zero in a fraction", at: numberStart) }
        value = try rational { try num / den }
      } else if let exact = n.exact {
        value = exact
      } else {
        throw error("number too large", at: start)
      }
      if let r = scanRatioChar() { value = try rational { try value * r } }
    } else if let r = scanRatioChar() {
      value = r
    } else {
      index = start
      return nil
    }
    return negative ? -value : value
  }

  /// Runs exact arithmetic, turning an overflow into a parse error here.
  func rational(_ f: () throws -> Rational) throws(MiniParseError) -> Rational {
    do { return try f() } catch { throw self.error("number too large to keep exact") }
  }

  /// Tidal's `parseNote`: a note name `c d e f g a b`, modifiers `s` (sharp), `f` (flat),
  /// `n` (natural), and an optional octave (default 5), as semitones from c5.
  mutating func scanNoteName() throws(MiniParseError) -> Int? {
    guard let c = peek else { return nil }
    var n: Int
    switch c {
    case "c": n = 0
    case "d": n = 2
    case "e": n = 4
    case "f": n = 5
    case "g": n = 7
    case "a": n = 9
    case "b": n = 11
    default: return nil
    }
    advance()
    while let m = peek {
      if m == "s" {
        n += 1
      } else if m == "f" {
        n -= 1
      } else if m != "n" {
        break
      }
      advance()
    }
    let octaveStart = index
    var octave = 5
    if let c = peek, Scanner.isDigit(c) {
      octave = 0
      while let c = peek, Scanner.isDigit(c) {
        octave = octave * 10 + Int(c.value - 48)
        if octave > 1_000_000 { throw error("octave too large", at: octaveStart) }
        advance()
      }
    }
    return n + (octave - 5) * 12
  }
}
