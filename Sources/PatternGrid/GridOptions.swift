/// How ``PatternGrid`` lays out a pattern.
public struct GridOptions: Sendable, Equatable {
  /// The first cycle drawn.
  public var firstCycle: Int64
  /// How many cycles are drawn, side by side.
  public var cycles: Int
  /// Columns per cycle chosen by the caller; `nil` uses the pattern's own finest grid.
  public var resolution: Int?
  /// The finest grid drawn exactly; finer patterns are drawn at ``fallbackResolution``, rounded.
  public var maximumResolution: Int
  public var fallbackResolution: Int
  /// Rows beyond this many are summarized in one line.
  public var maximumRows: Int
  /// Row labels longer than this are cut.
  public var maximumLabelWidth: Int
  /// ANSI colours: one per row for onsets and continuations, dim empty steps.
  public var color: Bool

  public init(
    firstCycle: Int64 = 0, cycles: Int = 2, resolution: Int? = nil, maximumResolution: Int = 64,
    fallbackResolution: Int = 48, maximumRows: Int = 64, maximumLabelWidth: Int = 24, color: Bool = false
  ) {
    self.firstCycle = firstCycle
    self.cycles = cycles
    self.resolution = resolution
    self.maximumResolution = maximumResolution
    self.fallbackResolution = fallbackResolution
    self.maximumRows = maximumRows
    self.maximumLabelWidth = maximumLabelWidth
    self.color = color
  }

  /// Largest number of cycles and columns per cycle accepted, so output stays bounded.
  public static let cycleLimit = 64
  public static let resolutionLimit = 256
}

/// A request the grid cannot draw.
public enum GridError: Error, Sendable, Equatable, CustomStringConvertible {
  case invalidOption(String)

  public var description: String {
    switch self {
    case .invalidOption(let s): s
    }
  }
}
