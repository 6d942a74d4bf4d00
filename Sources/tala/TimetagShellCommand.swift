import OSC
import Session
import System

/// `:timetag` at the prompt and in scripts: the same printer as `tala timetag`.
let timetagShellCommand = SessionCommand(
  "timetag", usage: ":timetag [+SECONDS | decode TIMETAG | encode UTC]",
  help: "Prints the OSC timetag for now (plus an offset), decodes a timetag, or encodes a UTC date."
) { _, words, _ in
  let now = SystemClock().realtimeNanoseconds()
  let text: String
  do {
    switch words.first {
    case nil:
      guard let t = Timetag(unixNanoseconds: now) else { throw SessionError("now is outside the timetag range") }
      text = describeTimetag(t, now: nil)
    case "decode":
      guard words.count == 2 else { throw SessionError("usage: :timetag decode TIMETAG") }
      text = describeTimetag(try Timetag(parsing: words[1]), now: now)
    case "encode":
      guard words.count == 2 else { throw SessionError("usage: :timetag encode 2026-11-24T18:00:00.5Z") }
      text = describeTimetag(try Timetag(utc: words[1]), now: nil)
    case let offset?:
      guard words.count == 1, let delta = nanoseconds(fromSeconds: offset) else {
        throw SessionError("usage: :timetag [+SECONDS | decode TIMETAG | encode UTC]")
      }
      guard let t = Timetag(unixNanoseconds: now + delta) else {
        throw SessionError("now \(offset) s is outside the timetag range 1968–2104")
      }
      text = describeTimetag(t, now: now)
    }
  } catch let e as SessionError {
    throw e
  } catch {
    throw SessionError("\(error)")
  }
  return .ok(String(text.dropLast(text.hasSuffix("\n") ? 1 : 0)))
}
