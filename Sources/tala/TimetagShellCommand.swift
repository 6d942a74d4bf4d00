import ArgumentParser
import Session
import System

let timetagShellUsage = ":timetag [+SECONDS | decode TIMETAG | encode UTC]"

/// `:timetag` at the prompt and in scripts: `tala timetag`'s own declaration parses the words,
/// and the same forms print the same text.
let timetagShellCommand = SessionCommand(
  "timetag", usage: timetagShellUsage,
  help: "Prints the OSC timetag for now (plus an offset), decodes a timetag, or encodes a UTC date."
) { _, words, _ in
  let form: any TimetagForm
  do {
    let command = try TimetagCommand.parseAsRoot(words)
    // Anything but a form (`--help` parses as ArgumentParser's help command) is a usage error.
    guard let parsed = command as? any TimetagForm else { throw SessionError("usage: \(timetagShellUsage)") }
    form = parsed
  } catch let e as SessionError {
    throw e
  } catch {
    throw SessionError(TimetagCommand.message(for: error))
  }
  let text: String
  do { text = try form.text(now: SystemClock().realtimeNanoseconds()) } catch { throw SessionError("\(error)") }
  return .ok(String(text.dropLast(text.hasSuffix("\n") ? 1 : 0)))
}
