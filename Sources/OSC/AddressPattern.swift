/// An OSC address pattern, matched against addresses as OSC 1.0 §"OSC Message Dispatching and
/// Pattern Matching" specifies, plus OSC 1.1's `//`.
///
/// Matching is per `/`-separated component: a component of the pattern matches exactly one
/// component of the address, and no wildcard crosses a `/`. Within a component:
/// - `?` matches any one character, `*` any sequence of zero or more characters;
/// - `[abc]` one of the listed characters, `[a-z]` a range, `[!…]` the complement; a `-` first
///   or last in the brackets is literal;
/// - `{foo,bar}` any one of the comma-separated strings;
/// - anything else matches itself.
/// A `//` in the pattern (OSC 1.1 path-traversing wildcard) matches any number (zero or more) of
/// whole address components at that point: `//volume` matches `/volume` and `/mixer/1/volume`.
///
/// Differences from liblo (0.31, `lo_pattern_match`): liblo matches the whole address string at
/// once, so its `*` and `?` also match `/` (`/a/*` matches `/a/b/c` in liblo but not here), and
/// it has no `//`. Tala follows the specification.
///
/// Matching runs in O(pattern length × address length) per component (a set of reachable
/// positions, no backtracking), so hostile patterns cannot blow up.
public struct OSCAddressPattern: Hashable, Sendable {
  /// The pattern text as given.
  public let text: String
  /// `nil` marks a `//` (any number of components).
  private let components: [[Token]?]

  enum Token: Hashable, Sendable {
    case literal(Unicode.Scalar)
    case any  // ?
    case star  // *
    case set([ClosedRange<UInt32>], negated: Bool)
    case choice([[Unicode.Scalar]])
  }

  /// Compiles a pattern.
  /// - Throws: `OSCAddressPatternError` if it does not start with `/` or has an unclosed or
  ///   misplaced bracket or brace.
  public init(_ text: String) throws(OSCAddressPatternError) {
    self.text = text
    guard text.utf8.first == UInt8(ascii: "/") else {
      throw OSCAddressPatternError(pattern: text, reason: "must start with '/'")
    }
    var parsed: [[Token]?] = []
    var scalars = Array(text.unicodeScalars)[1...]
    // A trailing "//x" splits into "", "x": the empty component is the traversing wildcard.
    while true {
      let end = scalars.firstIndex(of: "/") ?? scalars.endIndex
      let component = scalars[scalars.startIndex..<end]
      if component.isEmpty, end != scalars.endIndex {
        if parsed.last != .some(nil) { parsed.append(nil) }
      } else {
        parsed.append(try Self.tokens(component, in: text))
      }
      guard end != scalars.endIndex else { break }
      scalars = scalars[(end + 1)...]
    }
    components = parsed
  }

  /// Whether `address` (a plain OSC address such as `/synth/1/freq`) matches this pattern.
  public func matches(_ address: String) -> Bool {
    guard address.utf8.first == UInt8(ascii: "/") else { return false }
    let parts = address.unicodeScalars.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
      .map { Array($0) }
    // reachable[j]: the pattern components so far can consume exactly the first j address parts.
    var reachable = [Bool](repeating: false, count: parts.count + 1)
    reachable[0] = true
    for component in components {
      var next = [Bool](repeating: false, count: parts.count + 1)
      if let tokens = component {
        for j in 0..<parts.count where reachable[j] && Self.match(tokens, parts[j]) { next[j + 1] = true }
      } else {
        var seen = false
        for j in 0...parts.count {
          seen = seen || reachable[j]
          next[j] = seen
        }
      }
      reachable = next
    }
    return reachable[parts.count]
  }

  private static func match(_ tokens: [Token], _ part: [Unicode.Scalar]) -> Bool {
    var reachable = [Bool](repeating: false, count: part.count + 1)
    reachable[0] = true
    for token in tokens {
      var next = [Bool](repeating: false, count: part.count + 1)
      switch token {
      case .star:
        var seen = false
        for i in 0...part.count {
          seen = seen || reachable[i]
          next[i] = seen
        }
      case .choice(let options):
        for i in 0..<(part.count + 1) where reachable[i] {
          for option in options
          where i + option.count <= part.count && part[i..<(i + option.count)].elementsEqual(option) {
            next[i + option.count] = true
          }
        }
      default:
        for i in 0..<part.count where reachable[i] && matchOne(token, part[i]) { next[i + 1] = true }
      }
      reachable = next
    }
    return reachable[part.count]
  }

  private static func matchOne(_ token: Token, _ scalar: Unicode.Scalar) -> Bool {
    switch token {
    case .literal(let c): return c == scalar
    case .any: return true
    case .set(let ranges, let negated): return ranges.contains { $0.contains(scalar.value) } != negated
    case .star, .choice: return false
    }
  }

  private static func tokens(_ scalars: ArraySlice<Unicode.Scalar>, in text: String) throws(OSCAddressPatternError)
    -> [Token]
  {
    var tokens: [Token] = []
    var index = scalars.startIndex
    func fail(_ reason: String) -> OSCAddressPatternError { OSCAddressPatternError(pattern: text, reason: reason) }
    while index < scalars.endIndex {
      let c = scalars[index]
      index += 1
      switch c {
      case "?": tokens.append(.any)
      case "*": if tokens.last != .star { tokens.append(.star) }
      case "[":
        guard let close = scalars[index...].firstIndex(of: "]") else { throw fail("unclosed '['") }
        var body = scalars[index..<close]
        index = close + 1
        let negated = body.first == "!"
        if negated { body = body.dropFirst() }
        guard !body.isEmpty else { throw fail("empty '[]'") }
        var ranges: [ClosedRange<UInt32>] = []
        var i = body.startIndex
        while i < body.endIndex {
          let low = body[i].value
          if i + 2 < body.endIndex, body[i + 1] == "-" {
            let high = body[i + 2].value
            ranges.append(min(low, high)...max(low, high))
            i += 3
          } else {
            ranges.append(low...low)
            i += 1
          }
        }
        tokens.append(.set(ranges, negated: negated))
      case "{":
        guard let close = scalars[index...].firstIndex(of: "}") else { throw fail("unclosed '{'") }
        let options = scalars[index..<close].split(separator: ",", omittingEmptySubsequences: false).map { Array($0) }
        index = close + 1
        tokens.append(.choice(options))
      case "]", "}": throw fail("unmatched '\(c)'")
      default: tokens.append(.literal(c))
      }
    }
    return tokens
  }
}

/// Why an address pattern could not be compiled.
public struct OSCAddressPatternError: Error, Equatable, Sendable, CustomStringConvertible {
  public var pattern: String
  public var reason: String
  public var description: String { "invalid address pattern '\(pattern)': \(reason)" }
}
