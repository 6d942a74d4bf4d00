import Testing

@testable import OSC

@Suite struct AddressPatternTests {
  func matches(_ pattern: String, _ address: String) throws -> Bool {
    try OSCAddressPattern(pattern).matches(address)
  }

  @Test func wildcardsStayInsideAComponent() throws {
    #expect(try matches("/a/?", "/a/b"))
    #expect(try !matches("/a/?", "/a/bc"))
    #expect(try matches("/a/*", "/a/bcd"))
    #expect(try matches("/a/*", "/a/"))
    #expect(try !matches("/a/*", "/a/b/c"))  // liblo matches this one; the spec does not
    #expect(try matches("/*/*", "/a/b"))
    #expect(try matches("/py*", "/python"))
    #expect(try matches("/a*b*c", "/aXbYbZc"))
    #expect(try !matches("/a*b*c", "/aXbYbZ"))
  }

  @Test func bracketsAndBraces() throws {
    #expect(try matches("/[abc]", "/b"))
    #expect(try !matches("/[abc]", "/d"))
    #expect(try matches("/[a-z]1", "/q1"))
    #expect(try !matches("/[!a-z]", "/q"))
    #expect(try matches("/[!a-z]", "/Q"))
    #expect(try matches("/[-a]", "/-"))
    #expect(try matches("/[a-]", "/-"))
    #expect(try matches("/{foo,bar}/x", "/bar/x"))
    #expect(try !matches("/{foo,bar}/x", "/baz/x"))
    #expect(try matches("/s{,ynth}", "/s"))
    #expect(try matches("/s{,ynth}", "/synth"))
    #expect(try matches("/{a,ab}c", "/abc"))
  }

  @Test func pathTraversingWildcard() throws {
    #expect(try matches("//volume", "/volume"))
    #expect(try matches("//volume", "/mixer/1/volume"))
    #expect(try matches("/mixer//gain", "/mixer/gain"))
    #expect(try matches("/mixer//gain", "/mixer/a/b/gain"))
    #expect(try !matches("/mixer//gain", "/other/gain"))
    #expect(try matches("//*", "/anything/at/all"))
  }

  @Test func literalAndRoot() throws {
    #expect(try matches("/dirt/play", "/dirt/play"))
    #expect(try !matches("/dirt/play", "/dirt/play/x"))
    #expect(try !matches("/dirt", "dirt"))
  }

  @Test func badPatterns() {
    for pattern in ["dirt", "/[abc", "/{a,b", "/a]", "/a}", "/[]"] {
      #expect(throws: OSCAddressPatternError.self) { try OSCAddressPattern(pattern) }
    }
  }

  @Test func hostilePatternIsPolynomial() throws {
    let pattern = "/" + String(repeating: "*a", count: 200) + "b"
    let address = "/" + String(repeating: "a", count: 2000)
    #expect(try !matches(pattern, address))
  }
}
