import Controls
import Language
import Pattern
import Time

extension Session {
  /// The cycle playing now, on the scheduler's cycle grid (what transitions and triggers start
  /// from).
  func cycleNow() -> Rational {
    let cycle = max(0, scheduler.currentCycle)
    let grid = Double(scheduler.configuration.cycleGrid)
    return (try? Rational(Int64((cycle * grid).rounded(.down)), scheduler.configuration.cycleGrid)) ?? .zero
  }

  /// `pattern`, with every query told that it was set at `cycle` (the
  /// ``Library/patternStartControl`` query control that `qtrigger` and the other triggers read),
  /// as Tidal's `updatePattern` adds `_t_pattern` to the controls of the pattern it plays.
  static func started(_ pattern: Pattern<ControlMap>, at cycle: Rational) -> Pattern<ControlMap> {
    let start = Pattern<ControlValue>.pure(.rational(cycle))
    return Pattern { st, out in
      var controls = st.context.controls
      controls[Library.patternStartControl] = start
      let budget = st.context.remaining
      let context = QueryContext(controls: controls, budget: budget)
      try pattern.queryInto(State(arc: st.arc, context: context), &out)
      // The inner context spent from a copy of the budget: charge the query's own.
      try st.context.spend(Int64(budget - context.remaining))
    }
  }
}
