import Controls
import OSC
import Pattern
import Synchronization
import System
import Time

/// Plays patterns: each frame it plans the arc from where the last frame stopped to
/// `now + lookahead`, stamps every onset with its exact time through the tempo map, and hands
/// the events to the outputs (DESIGN.md §5). It reads time only through its injected `TimeSource`.
///
/// Thread-safe: the shell changes slots and tempo while the scheduler thread plays.
public final class Scheduler: Sendable {
  public let configuration: SchedulerConfiguration
  public let clock: any TimeSource
  /// Monotonic time of cycle-map time zero.
  public let originMonotonic: Int64
  let state: Mutex<SchedulerState>
  let report: @Sendable (SchedulerMessage) -> Void
  let runner = Mutex<DedicatedThread?>(nil)

  public init(
    configuration: SchedulerConfiguration = SchedulerConfiguration(),
    clock: any TimeSource = SystemClock(),
    report: @escaping @Sendable (SchedulerMessage) -> Void = { _ in }
  ) {
    self.configuration = configuration
    self.clock = clock
    self.report = report
    let now = clock.monotonicNanoseconds()
    originMonotonic = now
    state = Mutex(
      SchedulerState(
        tempo: TempoMap(cps: configuration.cps), wall: WallOffset(clock: clock), lastWallRefresh: now))
  }

  // MARK: Slots

  /// Plays `pattern` in `slot` from the next frame on; the events already sent stand. The
  /// slot's previous pattern is kept to roll back to if this one fails at query time.
  public func setPattern(_ pattern: Pattern<ControlMap>, slot: String) {
    state.withLock { s in
      if let i = s.slots.firstIndex(where: { $0.name == slot }) {
        s.slots[i].previous = s.slots[i].pattern
        s.slots[i].pattern = pattern
      } else {
        s.slots.append(Slot(name: slot, pattern: pattern))
      }
    }
  }

  /// Silences every slot (`hush`).
  public func hush() {
    state.withLock { s in
      for i in s.slots.indices {
        s.slots[i].previous = s.slots[i].pattern
        s.slots[i].pattern = .silence
      }
    }
  }

  public func setMuted(_ muted: Bool, slot: String) {
    state.withLock { s in s.withSlot(slot) { $0.muted = muted } }
  }

  public func setSoloed(_ soloed: Bool, slot: String) {
    state.withLock { s in s.withSlot(slot) { $0.soloed = soloed } }
  }

  /// Plays the first cycle of `pattern` once, starting at the next frame (Tidal's `once`; Tidal
  /// picks a random cycle, Tala the first, so the result is predictable).
  public func once(_ pattern: Pattern<ControlMap>) {
    let now = clock.monotonicNanoseconds()
    state.withLock { s in
      let start = s.boundary(now: now, origin: originMonotonic, configuration)
      s.onceCount += 1
      let first = pattern.filterEvents { e in
        guard let w = e.whole else { return false }
        return w.begin >= .zero && w.begin < .one
      }
      guard let end = try? start + .one else { return }
      var slot = Slot(name: "once-\(s.onceCount)", pattern: first.rotR(start))
      slot.until = end
      slot.isOneShot = true
      s.slots.append(slot)
    }
  }

  // MARK: Tempo and cycles

  /// Changes the tempo from the next frame boundary (or the next cycle with
  /// `quantizeTempo`). The map stays continuous.
  ///
  /// While following a shared timeline (Ableton Link) the change waits `sharedLeadNanoseconds`
  /// and is announced there for that instant, so peers change at the same beat.
  public func setCPS(_ cps: Rational) throws(TimeError) {
    let now = clock.monotonicNanoseconds()
    let announce = try state.withLock {
      (s: inout SchedulerState) throws(TimeError) -> (any SharedTimeline, Double, Int64)? in
      let shared = s.shared.timeline
      var at =
        shared == nil ? s.boundary(now: now, origin: originMonotonic, configuration) : sharedChangeCycle(s, now: now)
      if configuration.quantizeTempo { at = at.ceiling }
      try s.tempo.change(cps: cps, atCycle: at)
      guard let shared else { return nil }
      let time = try s.tempo.time(atCycle: at)
      return (shared, s.shared.grid.bpm(cps: cps), originMonotonic + time.roundedNanoseconds)
    }
    if let (timeline, bpm, at) = announce { timeline.publish(bpm: bpm, atMonotonic: at) }
  }

  /// Renumbers the cycle count so that the next frame boundary is cycle `cycle` (`setcycle`,
  /// `resetCycles`): patterns continue from there; nothing planned is lost or doubled.
  public func setCycle(_ cycle: Rational) throws(TimeError) {
    let now = clock.monotonicNanoseconds()
    try state.withLock { (s: inout SchedulerState) throws(TimeError) in
      let at = s.boundary(now: now, origin: originMonotonic, configuration)
      try s.tempo.jump(atCycle: at, to: cycle)
      s.planned = cycle
      for i in s.slots.indices where s.slots[i].isOneShot { s.slots[i].until = .zero }
    }
  }

  // MARK: Outputs

  public func addOutput(_ output: any Output) {
    state.withLock { s in
      s.outputs.removeAll { $0.output.name == output.name }
      s.outputs.append(OutputEntry(output: output))
    }
  }

  @discardableResult public func removeOutput(named name: String) -> Bool {
    state.withLock { s in
      let before = s.outputs.count
      s.outputs.removeAll { $0.output.name == name }
      s.pending.removeAll { $0.output == name }
      return s.outputs.count != before
    }
  }

  // MARK: Running

  /// Runs one frame at the clock's current time: plans up to `now + lookahead`, sends bundles,
  /// and sends the immediate-mode events that are due. `deadline` is when this frame was meant
  /// to run (for send-lateness statistics).
  public func tick(deadline: Int64? = nil) {
    let now = clock.monotonicNanoseconds()
    var batches: [(any Output, [Delivery])] = []
    var messages: [SchedulerMessage] = []
    followSharedTimeline(now: now, messages: &messages)
    let announce = state.withLock { s in
      s.refreshWall(clock: clock, now: now, configuration)
      plan(&s, now: now, batches: &batches, messages: &messages)
      s.takeDueImmediate(now: now, configuration, into: &batches)
      return s.takeAnnouncements(origin: originMonotonic)
    }
    if let (timeline, changes) = announce {
      for (bpm, at) in changes { timeline.publish(bpm: bpm, atMonotonic: at) }
    }
    send(batches, deadline: deadline ?? now, messages: &messages)
    for m in messages { report(m) }
  }

  /// Starts the scheduler thread (absolute deadlines on the monotonic clock, one frame apart).
  public func start() {
    state.withLock { $0.stopping = false }
    runner.withLock { r in
      guard r == nil else { return }
      r = DedicatedThread { [self] running in self.run(while: running) }
    }
  }

  /// Stops the thread. With `drain`, first waits (bounded by lookahead + the largest latency)
  /// until immediate-mode events already planned have been sent.
  public func stop(drain: Bool = true) {
    // Plan nothing more: what is planned is what gets sent (bundles are out already).
    state.withLock { $0.stopping = true }
    if drain {
      let limit = clock.monotonicNanoseconds() + configuration.lookaheadNanoseconds + maxLatency + 50_000_000
      while clock.monotonicNanoseconds() < limit, state.withLock({ !$0.pending.isEmpty }),
        runner.withLock({ $0 != nil })
      {
        clock.sleep(untilMonotonic: clock.monotonicNanoseconds() + 1_000_000)
      }
    }
    let thread = runner.withLock { r -> DedicatedThread? in
      defer { r = nil }
      return r
    }
    thread?.stop()
  }

  var maxLatency: Int64 { state.withLock { $0.outputs.map(\.output.latencyNanoseconds).max() ?? 0 } }

  func run(while running: borrowing Atomic<Bool>) {
    var nextFrame = clock.monotonicNanoseconds()
    while running.load(ordering: .acquiring) {
      let due = state.withLock { $0.pending.first?.due } ?? .max
      clock.sleep(untilMonotonic: min(nextFrame, due))
      let now = clock.monotonicNanoseconds()
      if now >= nextFrame {
        tick(deadline: nextFrame)
        nextFrame += configuration.frameNanoseconds
        // After a stall, resume on the frame grid from now instead of replaying missed frames.
        if now - nextFrame > configuration.frameNanoseconds { nextFrame = now + configuration.frameNanoseconds }
      } else {
        tick(deadline: due)
      }
    }
  }

  // MARK: Planning

  func plan(
    _ s: inout SchedulerState, now: Int64, batches: inout [(any Output, [Delivery])],
    messages: inout [SchedulerMessage]
  ) {
    if s.stopping { return }
    let horizon = s.quantizedCycle(
      atMonotonic: now + configuration.lookaheadNanoseconds, origin: originMonotonic, configuration)
    let begin = s.planned ?? s.quantizedCycle(atMonotonic: now, origin: originMonotonic, configuration)
    s.planned = begin
    guard horizon > begin else { return }
    // A stopped shared transport (Link's start/stop) plans silence.
    guard let (from, to) = s.transportWindow(begin, horizon) else {
      s.planned = horizon
      return
    }
    let arc = Arc(from, to)
    var found: [(order: Int, slot: String, event: Event<ControlMap>)] = []
    let soloing = s.slots.contains { $0.soloed }
    for i in s.slots.indices {
      let slot = s.slots[i]
      if soloing ? !slot.soloed : slot.muted { continue }
      for e in query(&s.slots[i], arc, messages: &messages) where e.hasOnset {
        found.append((i, slot.name, e))
      }
    }
    s.slots.removeAll { $0.isOneShot && ($0.until ?? .zero) <= horizon }
    s.planned = horizon
    if s.tempo.segments.count > 8 { s.tempo.forget(before: begin) }
    found.sort { a, b in
      let x = a.event.whole!.begin
      let y = b.event.whole!.begin
      return x != y ? x < y : a.order < b.order
    }
    var planned: [PlannedEvent] = []
    planned.reserveCapacity(found.count)
    for (_, name, e) in found {
      var e = e
      e.value = s.controlStore.resolving(e.value)
      do {
        planned.append(try stamp(e, slot: name, tempo: &s.tempo, announced: &s.toPublish))
      } catch {
        messages.append(.timeError(error.description))
      }
    }
    guard !planned.isEmpty else { return }
    s.distribute(planned, now: now, origin: originMonotonic, configuration, batches: &batches)
  }

  /// Queries one slot, rolling back to its previous pattern (or silence) if the query fails.
  func query(_ slot: inout Slot, _ arc: Arc, messages: inout [SchedulerMessage]) -> [Event<ControlMap>] {
    do {
      return try slot.pattern.query(arc)
    } catch {
      let text = "\(error)"
      if let previous = slot.previous {
        slot.pattern = previous
        slot.previous = nil
        messages.append(.rolledBack(slot: slot.name, error: text))
        return (try? previous.query(arc)) ?? []
      }
      slot.pattern = .silence
      messages.append(.silenced(slot: slot.name, error: text))
      return []
    }
  }

  /// The exact time of one onset. A `cps` control changes the tempo from this onset on, as in
  /// Tidal, through the same exact map.
  func stamp(
    _ e: Event<ControlMap>, slot: String, tempo: inout TempoMap,
    announced: inout [(cps: Rational, time: ExactSeconds)]
  ) throws(TimeError) -> PlannedEvent {
    let whole = e.whole!
    if let cps = e.value["cps"]?.exactTempo {
      let before = tempo.cps(atCycle: whole.begin)
      try tempo.change(cps: cps, atCycle: whole.begin)
      if cps != before { announced.append((cps, try tempo.time(atCycle: whole.begin))) }
    }
    let cps = tempo.cps(atCycle: whole.begin)
    let time = try tempo.time(atCycle: whole.begin)
    let delta = try (whole.end - whole.begin) / cps
    return PlannedEvent(
      slot: slot, onset: whole.begin, end: whole.end, time: time, cps: cps,
      deltaSeconds: delta.doubleValue, controls: e.value)
  }

  func send(_ batches: [(any Output, [Delivery])], deadline: Int64, messages: inout [SchedulerMessage]) {
    var failures: [(String, String)] = []
    for (output, deliveries) in batches {
      do { try output.deliver(deliveries) } catch { failures.append((output.name, "\(error)")) }
    }
    let done = clock.monotonicNanoseconds()
    state.withLock { s in
      if !batches.isEmpty { s.sendLateness.record(done - deadline) }
      for (name, _) in failures { s.withOutput(name) { $0.stats.sendErrors += 1 } }
      s.collectReports(now: done, configuration, into: &messages)
    }
    for (name, error) in failures { messages.append(.sendFailed(output: name, error: error)) }
  }

  /// Recent send latenesses (frame deadline to "sent") in the order they happened, oldest first.
  public var sendLatenessHistory: [Int64] { state.withLock { $0.sendLateness.chronological } }
}
