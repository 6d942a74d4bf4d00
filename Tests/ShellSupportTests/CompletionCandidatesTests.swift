import Controls
import Language
import ShellSupport
import XCTest

final class CompletionCandidatesTests: XCTestCase {
  let source = CompletionCandidates(
    commands: [":help", ":load", ":quit", ":show", ":target"],
    commandArguments: [":target": ["add", "list", "remove"]],
    sounds: ["arpy", "bass"], names: ["mybeat"],
    files: { partial in ["set.tala", "sets/", "song.tala"].filter { $0.hasPrefix(partial) } })

  func testLanguageWordsAtTheStartAndInsideExpressions() {
    let fas = source.candidates(before: "", word: "fas")
    XCTAssertTrue(fas.contains("fast") && fas.contains("fastcat"), "\(fas)")
    XCTAssertTrue(fas.allSatisfy { $0.hasPrefix("fas") })
    XCTAssertTrue(source.candidates(before: "d1 $ ", word: "ev").contains("every"))
    XCTAssertEqual(source.candidates(before: "", word: "d1"), ["d1", "d10", "d11", "d12", "d13", "d14", "d15", "d16"])
    XCTAssertTrue(source.candidates(before: "", word: "").contains("hush"))
    XCTAssertTrue(source.candidates(before: #"d1 $ s "bd" # "#, word: "ga").contains("gain"))
    XCTAssertEqual(source.candidates(before: "d1 $ ", word: "myb"), ["mybeat"])
    // Operators are not words to complete.
    XCTAssertFalse(source.candidates(before: "", word: "").contains("$"))
  }

  func testEveryLibraryWordIsOffered() {
    for name in Library.names where name.first?.isLetter == true {
      XCTAssertTrue(source.candidates(before: "", word: name).contains(name), name)
    }
  }

  func testSoundsInsideStrings() {
    XCTAssertEqual(source.candidates(before: #"d1 $ s ""#, word: "b"), ["bass", "bd"])
    XCTAssertEqual(
      source.candidates(before: #"d1 $ s "bd "#, word: ""),
      (["arpy", "bass"] + Sound.builtIn).sorted())
    // After the string is closed, language words again.
    XCTAssertTrue(source.candidates(before: #"d1 $ s "bd" # "#, word: "s").contains("speed"))
  }

  func testCommands() {
    XCTAssertEqual(source.candidates(before: "", word: ":"), [":help", ":load", ":quit", ":show", ":target"])
    XCTAssertEqual(source.candidates(before: "  ", word: ":l"), [":load"])
    XCTAssertEqual(source.candidates(before: ":target ", word: ""), ["add", "list", "remove"])
    XCTAssertEqual(source.candidates(before: ":help ", word: "loa"), ["load"])
    XCTAssertEqual(source.candidates(before: ":help ", word: "lp"), ["lpf", "lpq"])
    XCTAssertEqual(source.candidates(before: #"d1 $ s "bd" # "#, word: "delayf"), ["delayfb", "delayfeedback"])
    // Stateful helpers once the word goes past the control's name.
    XCTAssertEqual(
      source.candidates(before: #"d1 $ s "bd" # "#, word: "delayfeedbackC"),
      ["delayfeedbackCount", "delayfeedbackCountTo"])
    XCTAssertEqual(source.candidates(before: #"d1 $ "#, word: "sT"), ["sTake"])
    XCTAssertTrue(source.candidates(before: ":help ", word: "fa").contains("fast"))
    XCTAssertTrue(source.candidates(before: ":show fast 2 $ ", word: "re").contains("rev"))
    XCTAssertEqual(source.candidates(before: #":show s ""#, word: "ar"), ["arpy"])
  }

  func testFileNamesAfterLoad() {
    XCTAssertEqual(source.candidates(before: ":load ", word: "s"), ["set.tala", "sets/", "song.tala"])
    XCTAssertEqual(source.candidates(before: ":load ", word: "so"), ["song.tala"])
    XCTAssertEqual(source.candidates(before: ":load set.tala ", word: ""), [])
  }
}
