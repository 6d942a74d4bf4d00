import Link
import Scheduler
import Time

extension Session {
  /// Joins (on) or leaves (off) the Ableton Link session on the local network. Joining aligns
  /// the cycle count to Link's beat grid at the next frame; leaving keeps the last tempo.
  public func setLink(on: Bool) -> Reply {
    if !on {
      guard let peer = link.withLock({ $0 }), peer.link.isEnabled else { return .ok("link is off") }
      scheduler.follow(nil)
      peer.link.enable(false)
      return .ok("link off (tempo stays \(SessionCommand.decimal(scheduler.status.cps.doubleValue, 4)) cps)")
    }
    guard AbletonLink.canFollow(scheduler.clock) else {
      return .error("link needs the system clock (this session runs on a manual clock)")
    }
    let grid = scheduler.sharedTimelineStatus.grid
    let bpm = grid.bpm(cps: scheduler.status.cps)
    let existing = link.withLock { $0 }
    guard let peer = existing ?? LinkTempo(bpm: bpm, notify: notify) else {
      return .error("could not start Ableton Link")
    }
    link.withLock { $0 = peer }
    if peer.link.isEnabled { return .ok("link is on") }
    // Alone, Link keeps our tempo; in a session, the session's tempo wins.
    peer.link.change { state in state.setTempo(bpm, atMicros: peer.link.clockMicros) }
    peer.link.enable(true)
    scheduler.follow(peer)
    return .ok("link on (\(peer.link.peers) peers so far)")
  }

  /// `:link` without arguments: enabled, peers, tempo, beat, phase, quantum.
  public func linkStatus() -> String {
    let shared = scheduler.sharedTimelineStatus
    let grid = shared.grid
    guard let peer = link.withLock({ $0 }), peer.link.isEnabled else {
      return "link off (quantum \(SessionCommand.decimal(grid.quantum, 3)), \(grid.beatsPerCycle) beats per cycle)"
    }
    let now = peer.link.clockMicros
    let (bpm, beat, phase, playing) = peer.link.read { s in
      (
        s.tempo, s.beat(atMicros: now, quantum: grid.quantum), s.phase(atMicros: now, quantum: grid.quantum),
        s.isPlaying
      )
    }
    let peers = peer.link.peers
    var lines = [
      "link on, \(peers) peer\(peers == 1 ? "" : "s")",
      "tempo \(SessionCommand.decimal(bpm, 3)) bpm = \(SessionCommand.decimal(bpm / 60 / Double(grid.beatsPerCycle), 6)) cps at \(grid.beatsPerCycle) beats per cycle",
      "beat \(SessionCommand.decimal(beat, 3)), phase \(SessionCommand.decimal(phase, 3)) of quantum \(SessionCommand.decimal(grid.quantum, 3))",
      "cycle \(SessionCommand.decimal(scheduler.currentCycle, 3)); steps to stay on the grid \(shared.steps)"
        + (shared.steps > 0 ? " (largest \(SessionText.millis(shared.largestStepNanoseconds)) ms)" : ""),
    ]
    if peer.followsTransport.load(ordering: .relaxed) {
      lines.append("start/stop sync on: transport \(playing ? "playing" : "stopped")")
    } else {
      lines.append("start/stop sync off")
    }
    return lines.joined(separator: "\n")
  }
}

extension SessionCommand {
  static let linkUsage = ":link [on|off | quantum BEATS | bpc BEATS | startstop on|off | start | stop]"

  static let linkCommand = SessionCommand(
    "link", usage: linkUsage,
    help:
      "Ableton Link: shares tempo and beat grid with apps and machines on the local network (off by default). Shows the state, joins (on) or leaves (off), sets the quantum and beats per cycle (bpm = cps × 60 × bpc), follows the shared transport (startstop on), starts or stops it."
  ) { session, words, _ in
    switch words.first {
    case nil: return .ok(session.linkStatus())
    case "on": return session.setLink(on: true)
    case "off": return session.setLink(on: false)
    case "quantum":
      guard words.count == 2, let q = Double(words[1]), q.isFinite, q > 0, q <= 64 else {
        throw SessionError("usage: :link quantum BEATS (a number of beats above 0, at most 64)")
      }
      session.scheduler.setBeatGrid(quantum: q)
      return .ok("link quantum \(SessionCommand.decimal(q, 3))")
    case "bpc":
      guard words.count == 2, let n = Int(words[1]), (1...64).contains(n) else {
        throw SessionError("usage: :link bpc BEATS (a whole number of beats per cycle, 1 to 64)")
      }
      session.scheduler.setBeatGrid(beatsPerCycle: n)
      return .ok("\(n) beats per cycle")
    case "startstop":
      guard words.count == 2, words[1] == "on" || words[1] == "off" else {
        throw SessionError("usage: :link startstop on|off")
      }
      guard let peer = session.link.withLock({ $0 }), peer.link.isEnabled else {
        throw SessionError("link is off (:link on first)")
      }
      let on = words[1] == "on"
      peer.link.enableStartStopSync(on)
      peer.followsTransport.store(on, ordering: .relaxed)
      return .ok("start/stop sync \(words[1])")
    case "start", "stop":
      guard words.count == 1, let peer = session.link.withLock({ $0 }), peer.link.isEnabled else {
        throw SessionError("link is off (:link on first)")
      }
      // At a cycle start far enough ahead for every peer to hear of it first.
      let at = session.scheduler.nextSharedCycleStart() ?? peer.link.clockMicros * 1000
      peer.setPlaying(words[0] == "start", atMonotonic: at)
      return .ok("transport \(words[0] == "start" ? "starts" : "stops") at the next cycle")
    default:
      throw SessionError("usage: \(linkUsage)")
    }
  }
}
