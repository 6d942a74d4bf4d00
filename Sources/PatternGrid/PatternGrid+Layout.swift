import Time

extension PatternGrid {
  /// Columns per cycle, and whether events had to be rounded to them.
  struct Layout: Equatable {
    var columns: Int
    var rounded: Bool
  }

  static func layout(_ marks: [Mark], options: GridOptions) -> Layout {
    var result: Layout
    if let r = options.resolution {
      let onGrid = marks.allSatisfy { r % Int($0.begin.denominator) == 0 && r % Int($0.end.denominator) == 0 }
      result = Layout(columns: r, rounded: !onGrid)
    } else if let lcm = commonGrid(marks, limit: options.maximumResolution) {
      result = Layout(columns: lcm, rounded: false)
    } else {
      result = Layout(columns: max(1, min(options.fallbackResolution, options.maximumResolution)), rounded: true)
    }
    // A finer multiple of the grid keeps every position and leaves room for the cycle numbers.
    let last = options.firstCycle + Int64(options.cycles) - 1
    let width = max(String(options.firstCycle).count, String(last).count)
    result.columns *= (width + result.columns - 1) / result.columns
    return result
  }

  /// The least common multiple of the denominators of all boundaries, or `nil` when it
  /// exceeds `limit`.
  static func commonGrid(_ marks: [Mark], limit: Int) -> Int? {
    var lcm: Int64 = 1
    for m in marks {
      for d in [m.begin.denominator, m.end.denominator] where lcm % d != 0 {
        let (product, overflow) = lcm.multipliedReportingOverflow(by: d / gcd(lcm, d))
        if overflow || product > Int64(limit) { return nil }
        lcm = product
      }
    }
    return Int(lcm)
  }

  static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x
  }

  /// The column of time `t` within cycle `cycle` (0…columns); exact on the grid, else rounded
  /// to the nearest step.
  static func column(_ t: Rational, cycle: Int64, layout: Layout) throws -> Int {
    let offset = try t - Rational(cycle)
    if !layout.rounded || Int64(layout.columns) % offset.denominator == 0 {
      return Int(offset.numerator * (Int64(layout.columns) / offset.denominator))
    }
    return Int((offset.doubleValue * Double(layout.columns)).rounded(.toNearestOrAwayFromZero))
  }

  enum Cell: UInt8, Comparable {
    case empty, continuation, onset
    static func < (a: Cell, b: Cell) -> Bool { a.rawValue < b.rawValue }
    var character: Character {
      switch self {
      case .empty: "."
      case .continuation: "="
      case .onset: "x"
      }
    }
  }

  static func draw(_ collected: Collected, options: GridOptions) throws -> String {
    let marks = collected.marks.sorted { ($0.begin, $0.label) < ($1.begin, $1.label) }
    let layout = layout(marks, options: options)
    let columns = layout.columns
    var order: [String] = []
    var rows: [String: [Cell]] = [:]
    for m in marks {
      if rows[m.label] == nil {
        order.append(m.label)
        rows[m.label] = [Cell](repeating: .empty, count: columns * options.cycles)
      }
      let cycle = m.begin.floorInt
      let base = Int(cycle - options.firstCycle) * columns
      var first = try column(m.begin, cycle: cycle, layout: layout)
      var end = try column(m.end, cycle: cycle, layout: layout)
      if end <= first {
        // Rounding can shrink a short event to nothing; its onset still shows.
        guard m.onset else { continue }
        first = min(first, columns - 1)
        end = first + 1
      }
      first = max(0, min(first, columns - 1))
      end = max(first + 1, min(end, columns))
      rows[m.label]![base + first] = max(rows[m.label]![base + first], m.onset ? .onset : .continuation)
      for i in (base + first + 1)..<(base + end) { rows[m.label]![i] = max(rows[m.label]![i], .continuation) }
    }
    let shown = order.prefix(options.maximumRows).map { ($0, cut($0, to: options.maximumLabelWidth)) }
    let labelWidth = max(5, shown.map(\.1.count).max() ?? 0) + 1
    var lines: [String] = []
    var header = String(repeating: " ", count: labelWidth)
    for k in 0..<Int64(options.cycles) {
      header += "|" + pad(String(options.firstCycle + k), columns)
    }
    lines.append(header + "|")
    for (index, (key, label)) in shown.enumerated() {
      var line = pad(label, labelWidth)
      let cells = rows[key]!
      for k in 0..<options.cycles {
        line += "|"
        for cell in cells[(k * columns)..<((k + 1) * columns)] {
          line += paint(cell, row: index, color: options.color)
        }
      }
      lines.append(line + "|")
    }
    if order.isEmpty { lines.append("(no events)") }
    if order.count > shown.count {
      let more = order.count - shown.count
      lines.append("… and \(more) more row\(more == 1 ? "" : "s")")
    }
    if layout.rounded { lines.append("resolution 1/\(columns), rounded") }
    if collected.continuous > 0 {
      lines.append("continuous values are not drawn (`segment n` samples them into steps)")
    }
    return lines.joined(separator: "\n")
  }

  static let palette = [31, 32, 33, 34, 35, 36]

  static func paint(_ cell: Cell, row: Int, color: Bool) -> String {
    guard color else { return String(cell.character) }
    switch cell {
    case .empty: return "\u{1B}[2m.\u{1B}[0m"
    case .onset, .continuation:
      return "\u{1B}[\(palette[row % palette.count])m\(cell.character)\u{1B}[0m"
    }
  }

  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }

  /// A label on one line, at most `width` characters.
  static func cut(_ s: String, to width: Int) -> String {
    let clean = String(s.map { $0.isNewline || $0 == "|" || ($0.asciiValue.map { $0 < 32 } ?? false) ? "?" : $0 })
    guard clean.count > width, width > 1 else { return clean }
    return clean.prefix(width - 1) + "…"
  }
}
