import Foundation
import Language
import Pattern
import Testing
import Time

/// Every scale and chord against Tidal 1.9.5's own tables, read from its source by
/// scripts/golden/gen-harmony-tables.py into Golden/harmony-tables.json.
@Suite struct HarmonyTableTests {
  struct Tables: Decodable {
    var scales: [[Entry]]
    var chords: [[Entry]]
  }

  /// A row is `["name", ["0", "1.5", …]]`.
  enum Entry: Decodable {
    case name(String)
    case steps([String])
    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let s = try? c.decode(String.self) { self = .name(s) } else { self = .steps(try c.decode([String].self)) }
    }
  }

  static let tables: [(kind: String, name: String, steps: [Double])] = {
    let url = LanguageFiles.golden("harmony-tables.json")
    guard let data = try? Data(contentsOf: url), let t = try? JSONDecoder().decode(Tables.self, from: data) else {
      return []
    }
    func rows(_ kind: String, _ rows: [[Entry]]) -> [(kind: String, name: String, steps: [Double])] {
      rows.compactMap { row in
        guard row.count == 2, case .name(let n) = row[0], case .steps(let s) = row[1] else { return nil }
        return (kind, n, s.compactMap(Double.init))
      }
    }
    return rows("scale", t.scales) + rows("chord", t.chords)
  }()

  static func names(_ kind: String) -> [String] { tables.filter { $0.kind == kind }.map(\.name) }

  @Test func tablesAreComplete() {
    #expect(Self.names("scale").count == 76)
    #expect(Self.names("chord").count == 130)
  }

  @Test func everyScale() throws {
    for row in Self.tables where row.kind == "scale" {
      let (_, p) = try Language.pattern("scale \"\(row.name)\" \"0 .. \(row.steps.count)\"", as: .note)
      let values = try p.query(0, 1).map { e -> Double in
        guard case .note(let d) = e.value else { return .nan }
        return d
      }
      #expect(values == row.steps + [12], "scale \(row.name)")
    }
  }

  @Test func everyChord() throws {
    for row in Self.tables where row.kind == "chord" {
      let (_, p) = try Language.pattern("\"c'\(row.name)\"", as: .note)
      let values = try p.query(0, 1).map { e -> Double in
        guard case .note(let d) = e.value else { return .nan }
        return d
      }
      #expect(values.sorted() == row.steps.sorted(), "chord \(row.name)")
    }
  }

  @Test func namesInTidalsOrder() throws {
    for (kind, word) in [("scale", "scaleList"), ("chord", "chordList")] {
      let (_, p) = try Language.pattern(word, as: .string)
      let text = try p.query(0, 1).first.map { e -> String in
        guard case .string(let s) = e.value else { return "" }
        return s
      }
      #expect(text == Self.names(kind).joined(separator: " "), "\(word)")
    }
  }

  /// `chordTable` and `scaleTable` as Haskell lists (Tidal's `Sound.Tidal.Chords` is not part of
  /// `Sound.Tidal.Context`, so there is no oracle for `chordTable`), read back through
  /// `getScale`: each name gives its own steps.
  @Test func tablesAsLists() throws {
    for (kind, word) in [("scale", "scaleTable"), ("chord", "chordTable")] {
      for row in Self.tables where row.kind == kind {
        let (_, p) = try Language.pattern(
          "getScale \(word) \"\(row.name)\" \"0 .. \(row.steps.count - 1)\"", as: .double)
        #expect(try p.query(0, 1).map(\.value) == row.steps.map { .double($0) }, "\(word) \(row.name)")
      }
    }
  }
}
