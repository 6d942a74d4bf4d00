import Language
import MiniNotation
import Pattern
import Testing

/// Documented differences from Tidal 1.7.10, each a Tidal accident rather than a missing
/// feature.
@Suite struct DeviationTests {
  /// Tidal's `_rot` sorts events with the derived `Ord`, which compares source positions
  /// (the event context) before time, so `rot 1 $ rev "a b c"` rotates in source order and
  /// gives `a c b`. Tala has no contexts and rotates in time order: `c b a` becomes `b a c`.
  @Test func rotRotatesInTimeOrder() throws {
    let (_, p) = try Language.pattern("rot 1 $ rev \"a b c\"")
    #expect(try p.query(0, 1).map(\.value) == [.string("b"), .string("a"), .string("c")])
  }
}
