/// The sound control: `s "bd:3"` names a sound and, after a colon, its `n`.
public enum Sound {
  /// The controls `text` sets as Tidal's `s`/`sound` does (`grp [mS "s", mF "n"]`): `bd:3`
  /// is `s` bd and `n` 3.0; a second part that is not a number is ignored.
  public static func controls(_ text: String) -> ControlMap { Params.grouped(parts, text) }

  /// `sound`'s keys, as `Params` has them.
  static let parts: [Param.Part] = [.init("s", .string), .init("n", .float)]

  /// Haskell's `readMaybe :: String -> Maybe Double`: `[-]digits[.digits][e[-]digits]`.
  public static func readDouble(_ s: Substring) -> Double? {
    var chars = Array(s)
    if chars.first == "-" { chars.removeFirst() }
    var i = 0
    func digits() -> Int {
      let start = i
      while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
      return i - start
    }
    guard digits() > 0 else { return nil }
    if i < chars.count, chars[i] == "." {
      i += 1
      guard digits() > 0 else { return nil }
    }
    if i < chars.count, chars[i] == "e" || chars[i] == "E" {
      i += 1
      if i < chars.count, chars[i] == "-" || chars[i] == "+" { i += 1 }
      guard digits() > 0 else { return nil }
    }
    guard i == chars.count else { return nil }
    return Double(String(s))
  }

  /// The sounds Tala synthesizes itself, so it makes sound with no sample folder (module
  /// Audio's `Synths.names`; a test keeps the two lists equal). A sample folder of the same
  /// name wins.
  public static let builtIn = [
    "tick",
    "sine",
    "supermandolin",
    "supergong",
    "superpiano",
    "superhex",
    "superkick",
    "super808",
    "superhat",
    "supersnare",
    "superclap",
    "supersiren",
    "supersquare",
    "supersaw",
    "superpwm",
    "supercomparator",
    "superchip",
    "supernoise",
    "superfork",
    "superhammond",
    "supervibe",
    "superhoover",
    "superzow",
    "superstatic",
    "supergrind",
    "superprimes",
    "superwavemechanics",
    "superreese",
    "supertron",
    "superfm",
    "soskick",
    "soshats",
    "sostoms",
    "sossnare",
    "imp",
    "psin",
    "pmsin",
    "gabor",
    "dirac",
    "cyclo",
    "bd",
    "kick",
    "sd",
    "sn",
    "snare",
    "hh",
    "ch",
    "hc",
    "oh",
    "ho",
    "cp",
    "clap",
    "ht",
    "mt",
    "lt",
    "rim",
    "cb",
    "cr",
    "rd",
    "drum",
    "808",
    "808bd",
    "808cy",
    "808hc",
    "808ht",
    "808lc",
    "808lt",
    "808mc",
    "808mt",
    "808oh",
    "808sd",
    "909",
  ]
}
