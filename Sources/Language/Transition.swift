import Controls
import Pattern
import Time

/// A Tidal transition (`xfadeIn 1 8 $ …`, `jumpIn 2 4 $ …`): the new pattern of a slot is made
/// from the cycle the transition starts at and the slot's history, as Tidal's `transition`
/// does. The session keeps each slot's history and carries the transition out.
public struct Transition: Sendable {
  /// The word that made it (`xfadeIn`), for messages.
  public let name: String
  /// The pattern typed after `$`.
  public let pattern: Pattern<ControlMap>
  /// Tidal's `historyFlag`: whether `pattern` joins the slot's history (true for every
  /// transition Tidal's BootTidal defines).
  public let keepsHistory: Bool
  let make: @Sendable (Rational, [Pattern<ControlMap>]) throws -> Pattern<ControlMap>

  init(
    _ name: String, _ pattern: Pattern<ControlMap>, keepsHistory: Bool = true,
    _ make: @escaping @Sendable (Rational, [Pattern<ControlMap>]) throws -> Pattern<ControlMap>
  ) {
    self.name = name
    self.pattern = pattern
    self.keepsHistory = keepsHistory
    self.make = make
  }

  /// The pattern the slot plays from now on. `now` is the cycle the transition starts at;
  /// `patterns` is the slot's history, newest first, with `pattern` at its head (Tidal passes
  /// `pat : history` to the transition function).
  public func pattern(now: Rational, patterns: [Pattern<ControlMap>]) throws -> Pattern<ControlMap> {
    try make(now, patterns)
  }
}
