import Controls
import OSC
import Scheduler

extension MessageFormat {
  /// The OSC message for one planned event (see `MessageFormat.message(_:_:)`), or nil when it
  /// names no sound.
  public func message(for event: PlannedEvent) -> OSCMessage? { message(event.controls, event.context) }
}
