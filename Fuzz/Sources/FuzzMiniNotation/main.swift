// libFuzzer entry point for the mini-notation parser and resolver: any input must end in
// events or a typed error, never a crash, trap or hang.
import MiniNotation
import Pattern
import Time

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMiniNotation(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let arc = Arc(Rational(0), Rational(2))
  let budget = 20_000
  _ = try? MiniNotation.pattern(text, as: String.self).query(arc, budget: budget)
  _ = try? MiniNotation.pattern(text, as: Double.self).query(arc, budget: budget)
  _ = try? MiniNotation.pattern(text, as: Note.self).query(arc, budget: budget)
  _ = try? MiniNotation.pattern(text, as: Int.self).query(arc, budget: budget)
  _ = try? MiniNotation.pattern(text, as: Rational.self).query(arc, budget: budget)
  _ = try? MiniNotation.pattern(text, as: Bool.self).query(arc, budget: budget)
  if let tree = try? MiniParser.parse(text, as: String.self) {
    _ = tree.description
  }
  return 0
}
