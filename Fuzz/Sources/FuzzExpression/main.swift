// libFuzzer entry point for the shell language: the parser and evaluator through `tala query`'s
// expression mode (Language.pattern, then a budgeted query), and the same text as a statement
// through the interpreter the shell runs. Any input must end in a value or a typed error
// (syntax, type, nesting limit, too dense), never a crash, trap or hang.
//
// The budget is the mini-notation target's 20,000 rather than the shell's 4,000,000: the full
// budget legitimately takes seconds in this sanitized debug build (`hh*100006?` under `jux`
// timed out at 13 s), which hides the inputs that matter here, whose work the budget does not
// bound at all.
import Language
import Pattern
import Time

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let arc = Arc(Rational(0), Rational(2))
  let budget = 20_000
  // `tala query --expr`: the type left open, as when no --type is given.
  if let (_, pattern) = try? Language.pattern(text) {
    _ = try? pattern.query(arc, budget: budget)
  }
  // The prompt: statements (d1 $ …, once, let, hush, setcps) through the interpreter.
  var interpreter = Interpreter()
  switch try? interpreter.run(text) {
  case .assign(_, let pattern)?, .once(let pattern)?: _ = try? pattern.query(arc, budget: budget)
  default: break
  }
  return 0
}
