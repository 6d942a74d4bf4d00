/// One name the language knows: a function, a control, a constant pattern or a statement
/// word. The registry that `:help`, tab completion and the docs read.
public struct LibraryEntry: Sendable {
  public enum Kind: String, Sendable {
    case function, control, statement, operator_ = "operator"
  }
  public let name: String
  public let kind: Kind
  /// The Tidal type, e.g. `Pattern Time -> Pattern a -> Pattern a`.
  public let signature: String
  public let help: String
  /// An expression using the entry; a test evaluates it and checks it has events.
  public let example: String
  /// The type the example is queried as when its type is open (e.g. `string` for `"bd sn"`).
  public let exampleType: ElementType
  let arity: Int
  let body: @Sendable (Arguments) throws -> Value

  init(
    _ name: String, _ kind: Kind = .function, _ signature: String, arity: Int,
    help: String, example: String, as exampleType: ElementType = .string,
    _ body: @escaping @Sendable (Arguments) throws -> Value
  ) {
    self.name = name
    self.kind = kind
    self.signature = signature
    self.arity = arity
    self.help = help
    self.example = example
    self.exampleType = exampleType
    self.body = body
  }

  /// The value the name stands for.
  func value(at position: SourcePosition) throws -> Value {
    if arity == 0 { return try body(Arguments(function: name, items: [], position: position)) }
    return .function(FunctionValue(name: name, arity: arity, body))
  }
}

/// The function table.
public enum Library {
  /// Every entry by name.
  public static let entries: [String: LibraryEntry] = {
    var table: [String: LibraryEntry] = [:]
    for e in all where table[e.name] == nil { table[e.name] = e }
    return table
  }()

  /// Names registered more than once (a test keeps this empty: the first would win silently).
  public static var duplicateNames: [String] {
    var seen: Set<String> = []
    return all.map(\.name).filter { !seen.insert($0).inserted }
  }

  /// Every entry, in registry order.
  static let all: [LibraryEntry] =
    timeFunctions + conditionalFunctions + randomFunctions + structureFunctions
    + signalFunctions + harmonyFunctions + controlFunctions + sampleFunctions
    + statementWords + operatorEntries
    + slicingFunctions + echoFunctions + timeShapeFunctions + spreadFunctions + transitionWords
    + layerFunctions
    + waveFunctions
    + choiceFunctions
    + combineFunctions
    + scaleFunctions
    + haskellFunctions
    + logicFunctions
    + arrangeFunctions
    + rhythmFunctions
    + tableFunctions
    + definedFunctions + squeezeFunctions
    + generatorFunctions + stepFunctions + overlapFunctions
    + stripeFunctions + randomSpreadFunctions + weavingFunctions + triggerFunctions

  /// All names, sorted (for completion and suggestions).
  public static let names: [String] = entries.keys.sorted()

  /// The entry for `name`.
  public static func entry(_ name: String) -> LibraryEntry? { entries[name] }
}
