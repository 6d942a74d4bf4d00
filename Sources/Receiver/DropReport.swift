/// Reports what a flood cost, at most once a second: messages dropped by the receiver's limits
/// and datagrams the kernel dropped, since the last report.
struct DropReport {
  private var reportedAt: Int64
  private var queueFull = 0
  private var tooFarAhead = 0
  private var kernel = 0

  init(startedAt now: Int64) {
    reportedAt = now
  }

  /// Reports the drops since the last report if there are any and a second has passed.
  mutating func reportIfDue(now: Int64, stats: ReceiverStatistics, report: (String) -> Void) {
    guard now - reportedAt >= 1_000_000_000 else { return }
    flush(stats: stats, report: report)
    reportedAt = now
  }

  /// Reports the drops since the last report, if any.
  mutating func flush(stats: ReceiverStatistics, report: (String) -> Void) {
    let newQueueFull = stats.droppedQueueFull - queueFull
    let newTooFarAhead = stats.droppedTooFarAhead - tooFarAhead
    let newKernel = stats.kernelDropped - kernel
    guard newQueueFull > 0 || newTooFarAhead > 0 || newKernel > 0 else { return }
    queueFull = stats.droppedQueueFull
    tooFarAhead = stats.droppedTooFarAhead
    kernel = stats.kernelDropped
    var parts: [String] = []
    if newQueueFull > 0 { parts.append("\(newQueueFull) messages with the queue full") }
    if newTooFarAhead > 0 { parts.append("\(newTooFarAhead) messages stamped too far ahead") }
    if newKernel > 0 { parts.append("\(newKernel) datagrams in the kernel (receive buffer full)") }
    report("tala listen: dropped " + parts.joined(separator: ", "))
  }
}
