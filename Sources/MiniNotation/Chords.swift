/// Chord names and their intervals in semitones, as in Tidal 1.9.5's `Sound.Tidal.Chords`
/// (1.9 fixed `minor7sharp9` to a sharp ninth, 15, and added `minorMajor7`).
/// Several names share one chord; the first listed name wins on lookup (as in Tidal).
public enum Chords {
  /// Every chord name in the order of Tidal's `chordTable` (what `chordList` prints).
  public static let names: [String] = groups.flatMap(\.0)

  /// The intervals of the chord called `name`, or nil for an unknown name.
  public static func notes(_ name: String) -> [Int]? { table[name] }

  static let table: [String: [Int]] = {
    var t: [String: [Int]] = [:]
    for (names, notes) in groups {
      for n in names where t[n] == nil { t[n] = notes }
    }
    return t
  }()

  static let groups: [([String], [Int])] = [
    (["major", "maj", "M"], [0, 4, 7]),
    (["aug", "plus", "sharp5"], [0, 4, 8]),
    (["six", "6"], [0, 4, 7, 9]),
    (["sixNine", "six9", "sixby9", "6by9"], [0, 4, 7, 9, 14]),
    (["major7", "maj7"], [0, 4, 7, 11]),
    (["major9", "maj9"], [0, 4, 7, 11, 14]),
    (["add9"], [0, 4, 7, 14]),
    (["major11", "maj11"], [0, 4, 7, 11, 14, 17]),
    (["add11"], [0, 4, 7, 17]),
    (["major13", "maj13"], [0, 4, 7, 11, 14, 21]),
    (["add13"], [0, 4, 7, 21]),
    (["dom7"], [0, 4, 7, 10]),
    (["dom9"], [0, 4, 7, 14]),
    (["dom11"], [0, 4, 7, 17]),
    (["dom13"], [0, 4, 7, 21]),
    (["sevenFlat5", "7f5"], [0, 4, 6, 10]),
    (["sevenSharp5", "7s5"], [0, 4, 8, 10]),
    (["sevenFlat9", "7f9"], [0, 4, 7, 10, 13]),
    (["nine"], [0, 4, 7, 10, 14]),
    (["eleven", "11"], [0, 4, 7, 10, 14, 17]),
    (["thirteen", "13"], [0, 4, 7, 10, 14, 17, 21]),
    (["minor", "min", "m"], [0, 3, 7]),
    (["diminished", "dim"], [0, 3, 6]),
    (["minorSharp5", "msharp5", "mS5"], [0, 3, 8]),
    (["minor6", "min6", "m6"], [0, 3, 7, 9]),
    (
      ["minorSixNine", "minor69", "min69", "minSixNine", "m69", "mSixNine", "m6by9"],
      [0, 3, 9, 7, 14]
    ),
    (["minor7flat5", "minor7f5", "min7flat5", "min7f5", "m7flat5", "m7f5"], [0, 3, 6, 10]),
    (["minor7", "min7", "m7"], [0, 3, 7, 10]),
    (["minor7sharp5", "minor7s5", "min7sharp5", "min7s5", "m7sharp5", "m7s5"], [0, 3, 8, 10]),
    (["minor7flat9", "minor7f9", "min7flat9", "min7f9", "m7flat9", "m7f9"], [0, 3, 7, 10, 13]),
    (
      ["minor7sharp9", "minor7s9", "min7sharp9", "min7s9", "m7sharp9", "m7s9"],
      [0, 3, 7, 10, 15]
    ),
    (["diminished7", "dim7"], [0, 3, 6, 9]),
    (["minor9", "min9", "m9"], [0, 3, 7, 10, 14]),
    (["minor11", "min11", "m11"], [0, 3, 7, 10, 14, 17]),
    (["minor13", "min13", "m13"], [0, 3, 7, 10, 14, 17, 21]),
    (["minorMajor7", "minMaj7", "mmaj7"], [0, 3, 7, 11]),
    (["one", "1"], [0]),
    (["five", "5"], [0, 7]),
    (["sus2"], [0, 2, 7]),
    (["sus4"], [0, 5, 7]),
    (["sevenSus2", "7sus2"], [0, 2, 7, 10]),
    (["sevenSus4", "7sus4"], [0, 5, 7, 10]),
    (["nineSus4", "ninesus4", "9sus4"], [0, 5, 7, 10, 14]),
    (["sevenFlat10", "7f10"], [0, 4, 7, 10, 15]),
    (["nineSharp5", "9sharp5", "9s5"], [0, 1, 13]),
    (["minor9sharp5", "minor9s5", "min9sharp5", "min9s5", "m9sharp5", "m9s5"], [0, 1, 14]),
    (["sevenSharp5flat9", "7s5f9"], [0, 4, 8, 10, 13]),
    (["minor7sharp5flat9", "m7sharp5flat9"], [0, 3, 8, 10, 13]),
    (["elevenSharp", "11s"], [0, 4, 7, 10, 14, 18]),
    (["minor11sharp", "m11sharp", "m11s"], [0, 3, 7, 10, 14, 18]),
  ]

}

extension Scanner {
  /// A chord suffix `'name['range][i…][o…]` (Tidal 1.7's `parseChord`), as semitone offsets.
  /// Returns nil when no `'` is next. Unknown names give `[0]`, as in Tidal.
  mutating func scanChord() throws(MiniParseError) -> [Int]? {
    guard peek == "'" else { return nil }
    let quote = index
    advance()
    let nameStart = index
    while let c = peek, Scanner.isLetter(c) || Scanner.isDigit(c) { advance() }
    guard index > nameStart else { throw error("expected a chord name after '") }
    let chord = Chords.table[text(nameStart, index)] ?? [0]
    guard eat("'") else { return chord }
    if let c = peek, Scanner.isSpace(c) {
      // Parsec reports this lookahead failure just past the space.
      throw error("expected a chord range, 'i' or 'o' after '", at: index + 1)
    }
    let n = chord.count
    var range = n
    if let r = try scanInteger() {
      guard let v = r.exact?.numerator, v <= 1000 else {
        throw error("chord range too large (at most 1000 notes)", at: quote)
      }
      range = Int(v)
    }
    var inversions = 0
    while eat("i") { inversions += 1 }
    var open = 0
    while eat("o") { open += 1 }
    // The chord repeated up the octaves, then inverted and cut to the range.
    var notes: [Int] = []
    if range > 0 {
      var octave = 0
      while notes.count < inversions + range {
        notes.append(contentsOf: chord.map { $0 + octave })
        octave += 12
      }
      notes = Array(notes.dropFirst(inversions).prefix(range))
    }
    if open > 0 && n > 2 {
      guard notes.count >= 3 else {
        throw error("an open chord needs at least three notes", at: quote)
      }
      notes = [notes[0] - 12, notes[2] - 12, notes[1]] + notes.dropFirst(3)
    }
    return notes
  }
}
