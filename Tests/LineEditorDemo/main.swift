// A small program around LineEditor for terminal tests: echoes each complete piece of input,
// completes from a fixed word list (and file names after `:load`), and can print a numbered
// message above the prompt every few milliseconds.
//
//   line-editor-demo [--tick-ms N] [--words a,b,c]
import Foundation
import LineEditor
import Shell
import ShellSupport

var tickMilliseconds = 0
var words = ["alpha", "alphabet", "beta", "gamma"]
var arguments = CommandLine.arguments.dropFirst()
while let option = arguments.popFirst() {
  switch option {
  case "--tick-ms": tickMilliseconds = Int(arguments.popFirst() ?? "") ?? 0
  case "--words": words = (arguments.popFirst() ?? "").split(separator: ",").map(String.init)
  default:
    FileHandle.standardError.write(Data("unknown option \(option)\n".utf8))
    exit(2)
  }
}

let fixedWords = words
let candidates = CompletionCandidates(
  commands: [":load", ":quit"], files: { FileNames.candidates(for: $0) })
let editor = LineEditor(
  LineEditor.Configuration(
    historyPath: HistoryFile.defaultPath(application: "line-editor-demo"),
    completer: { request in
      if request.before.hasPrefix(":") || request.word.hasPrefix(":") {
        return candidates.candidates(before: request.before, word: request.word)
      }
      return fixedWords
    },
    pathCommandPrefixes: [":load "], name: "line-editor-demo"))

if tickMilliseconds > 0 {
  let interval = tickMilliseconds
  Thread.detachNewThread {
    // Bounded: a test session never lasts this long.
    for n in 1...100_000 {
      usleep(useconds_t(interval * 1000))
      editor.printAbove("tick \(n)")
    }
  }
}

var input = InputBuffer()
loop: while true {
  switch editor.readLine(prompt: input.isContinuing ? "...> " : "demo> ") {
  case .line(let text):
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let ahead = InputBuffer.lines(ofPendingInput: editor.pendingInput())
    for (index, line) in lines.enumerated() {
      let rest = [lines[(index + 1)...], ahead[...]].joined()
      for piece in input.add(String(line), followedBy: rest) {
        if piece == ":quit" { break loop }
        print("got: \(piece.replacingOccurrences(of: "\n", with: " / "))")
      }
    }
  case .interrupted:
    input = InputBuffer()
  case .end:
    if let piece = input.finish() { print("got: \(piece)") }
    break loop
  }
}
print("bye")
