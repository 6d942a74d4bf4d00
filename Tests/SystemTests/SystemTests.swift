import Foundation
import Synchronization
import System
import Testing

@Suite struct ClockTests {
  @Test func manualClockMovesOnlyWhenToldAndSleepJumpsForward() {
    let clock = ManualClock(monotonic: 5_000, wallOffset: 1_000_000)
    #expect(clock.monotonicNanoseconds() == 5_000 && clock.realtimeNanoseconds() == 1_005_000)
    clock.sleep(untilMonotonic: 9_000)
    #expect(clock.monotonicNanoseconds() == 9_000)
    clock.sleep(untilMonotonic: 2_000)  // a passed deadline returns at once, time does not go back
    #expect(clock.monotonicNanoseconds() == 9_000)
    clock.sleep(nanoseconds: 500)
    clock.advance(nanoseconds: 1)
    #expect(clock.monotonicNanoseconds() == 9_501 && clock.realtimeNanoseconds() == 1_009_501)
    #expect(!clock.readsKernelClocks)
  }

  @Test func systemClockIsMonotonicAndSleepsToPassedDeadlinesAtOnce() {
    let clock = SystemClock()
    #expect(clock.readsKernelClocks)
    var last = clock.monotonicNanoseconds()
    for _ in 0..<1000 {
      let now = clock.monotonicNanoseconds()
      #expect(now >= last)
      last = now
    }
    let deadline = clock.monotonicNanoseconds() + 1_000_000
    clock.sleep(untilMonotonic: deadline)
    #expect(clock.monotonicNanoseconds() >= deadline)
    clock.sleep(untilMonotonic: deadline - 1_000_000_000)
    // Wall time is Unix time: after 2020 and before 2100.
    let wall = clock.realtimeNanoseconds()
    #expect(wall > 1_577_836_800_000_000_000 && wall < 4_102_444_800_000_000_000)
  }

  @Test func wallOffsetIsExactOnAManualClockAndSlewsToChanges() {
    let clock = ManualClock(monotonic: 1_000_000_000, wallOffset: 42_000_000_000)
    #expect(WallOffset.measure(clock) == 42_000_000_000)
    var wall = WallOffset(clock: clock)
    #expect(wall.offset == 42_000_000_000)
    // Noise below the deadband is ignored.
    wall.update(measured: 42_000_050_000, atMonotonic: 2_000_000_000)
    #expect(wall.offset == 42_000_000_000)
    // A 10 ms step is followed at 500 ppm: 0.5 ms per second, never all at once.
    wall.update(measured: 42_010_000_000, atMonotonic: 3_000_000_000)
    #expect(wall.offset == 42_000_500_000)
    wall.update(measured: 42_010_000_000, atMonotonic: 5_000_000_000)
    #expect(wall.offset == 42_001_500_000)
    // Backwards too, at the same rate.
    wall.update(measured: 41_990_000_000, atMonotonic: 6_000_000_000)
    #expect(wall.offset == 42_001_000_000)
    clock.advance(nanoseconds: 100_000_000_000)
    wall.refresh(clock: clock)
    #expect(wall.offset == 42_000_000_000)
  }
}

@Suite struct ThreadTests {
  @Test func dedicatedThreadRunsUntilStoppedAndJoins() {
    let laps = Atomic<Int>(0)
    let thread = DedicatedThread { running in
      while running.load(ordering: .acquiring) {
        laps.add(1, ordering: .relaxed)
        SystemClock().sleep(nanoseconds: 1_000_000)
      }
      laps.store(-1, ordering: .releasing)
    }
    #expect(thread.started)
    thread.stop()
    let last = laps.load(ordering: .acquiring)
    #expect(last == -1, "the body finished before stop returned")
    let finished = Atomic<Bool>(false)
    let once = DedicatedThread { _ in finished.store(true, ordering: .releasing) }
    once.join()
    let done = finished.load(ordering: .acquiring)
    #expect(done)
  }

  /// On a thread of its own, so the signal mask of the test runner's threads is untouched.
  @Test func stopSignalsAreTakenWhenPending() {
    let result = Mutex<[Bool]>([])
    let thread = DedicatedThread { _ in
      var signals = StopSignals.block()
      var seen = [signals.received()]
      pthread_kill(pthread_self(), SIGTERM)
      seen.append(signals.received())
      seen.append(signals.received())
      pthread_kill(pthread_self(), SIGINT)
      seen.append(signals.received(waitingNanoseconds: 1_000_000))
      result.withLock { $0 = seen }
    }
    thread.join()
    #expect(result.withLock { $0 } == [false, true, false, true])
  }
}

/// "System is the only module that reads clocks": no other module's source names the clock
/// calls. A module that needs time takes a `TimeSource`.
@Suite struct ClockOwnershipTests {
  static let forbidden = [
    "clock_gettime", "clock_nanosleep", "CLOCK_MONOTONIC", "CLOCK_REALTIME", "gettimeofday", "usleep", "nanosleep(",
    "ContinuousClock", "SuspendingClock", "DispatchTime", "Date()", "pthread_create", "sigtimedwait",
  ]

  @Test func onlySystemReadsClocksOrStartsThreads() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let sources = root.appendingPathComponent("Sources")
    let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
      .filter { $0.hasSuffix(".swift") || $0.hasSuffix(".h") || $0.hasSuffix(".c") || $0.hasSuffix(".cpp") }
    #expect(files.count > 50, "found the sources")
    var offenders: [String] = []
    for file in files where !file.hasPrefix("System/") {
      let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        // Comments may name the clocks they explain.
        let code = line.trimmingCharacters(in: .whitespaces).hasPrefix("//") ? "" : line
        for word in Self.forbidden where code.contains(word) { offenders.append("Sources/\(file):\(n + 1): \(word)") }
      }
    }
    #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
  }
}
