import Controls
import Time

/// What one top-level query shares across all sub-queries: the controls that `^name`
/// variables read, and a budget that stops runaway patterns (`bd*99999999999`) with an error
/// instead of a hang. Not thread-safe: one query runs on one thread.
public final class QueryContext: @unchecked Sendable {
  /// What `^name` variables read: a pattern of values (a constant is `pure`).
  public let controls: [String: Pattern<ControlValue>]
  /// Events (and cycles) this query may still produce. One query runs on one thread and
  /// nothing holds an access to this across a call, so the runtime exclusivity check (a
  /// noticeable cost: `spend` runs at every step of every query) is left out.
  @exclusivity(unchecked) public var remaining: Int

  /// Default limit on events produced by one query.
  public static let defaultBudget = 4_000_000

  public init(controls: [String: Pattern<ControlValue>] = [:], budget: Int = QueryContext.defaultBudget) {
    self.controls = controls
    self.remaining = budget
    self.limit = budget
  }

  public let limit: Int

  /// Whether the events' source contexts are read (only `rot` reads them, and sets this while
  /// it queries). Joins that would spend a pass over their events only to extend contexts
  /// skip it otherwise; contexts set where events are made cost nothing and are always kept.
  @exclusivity(unchecked) public var wantsSourceContexts = false

  /// Runs `body` with source contexts wanted, restoring the previous setting after.
  @inlinable public func withSourceContexts<R>(_ body: () throws -> R) rethrows -> R {
    let before = wantsSourceContexts
    wantsSourceContexts = true
    defer { wantsSourceContexts = before }
    return try body()
  }

  /// Takes `n` units of budget. - Throws: ``PatternError/tooDense(_:)`` when exhausted.
  @inlinable public func spend(_ n: Int64) throws(PatternError) {
    if n > Int64(remaining) { throw .tooDense(limit) }
    remaining -= Int(n)
  }
}

/// A query: the arc asked for, and the shared context.
public struct State: Sendable {
  public var arc: Arc
  public let context: QueryContext

  @inlinable public init(arc: Arc, context: QueryContext) {
    self.arc = arc
    self.context = context
  }

  @inlinable public func with(arc: Arc) -> State { State(arc: arc, context: context) }
}

/// Errors raised while querying a pattern.
public enum PatternError: Error, Sendable, Equatable, CustomStringConvertible {
  case time(TimeError)
  /// The query would produce more events than the budget allows.
  case tooDense(Int)
  /// An argument is outside what the operation accepts (the message says which).
  case invalidArgument(String)

  @inlinable public var description: String {
    switch self {
    case .time(let e): e.description
    case .tooDense(let n): "pattern too dense: more than \(n) events in one query"
    case .invalidArgument(let m): m
    }
  }
}
