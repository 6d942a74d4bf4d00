import Controls
import Language
import Pattern
import Time

/// Each slot's history of patterns, newest first, as Tidal's `PlayState.history` keeps it:
/// `d1 $ …` and transitions add to it, `hush` adds silence. Transitions (`xfadeIn`,
/// `histpan` …) read it.
struct SlotHistories: Sendable {
  /// Tidal keeps every pattern; Tala keeps the most recent ones, more than any transition
  /// reads (`histpan` takes as many as it is asked for).
  static let limit = 64
  private var bySlot: [String: [Pattern<ControlMap>]] = [:]

  /// The slot's history; a slot never played has `[silence]` (Tidal's new `PlayState`).
  func patterns(_ slot: String) -> [Pattern<ControlMap>] { bySlot[slot] ?? [.silence] }

  mutating func push(_ pattern: Pattern<ControlMap>, slot: String) {
    bySlot[slot] = Array(([pattern] + patterns(slot)).prefix(Self.limit))
  }

  mutating func pushSilenceEverywhere() {
    for slot in bySlot.keys { push(.silence, slot: slot) }
  }
}

extension Session {
  /// Tidal's `transition`: the history (with the new pattern at its head) and the cycle now
  /// make the slot's pattern from the next frame on.
  func play(_ transition: Transition, slot: String) throws {
    let now = cycleNow()
    let pattern = try histories.withLock { h -> Pattern<ControlMap> in
      let past = h.patterns(slot)
      let patterns = [transition.pattern] + past
      let made = try transition.pattern(now: now, patterns: patterns)
      try preflight(made)
      if transition.keepsHistory { h.push(transition.pattern, slot: slot) }
      return made
    }
    scheduler.setPattern(pattern, slot: slot)
  }
}
