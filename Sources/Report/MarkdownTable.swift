import Bounds
import Plotting
/// A Markdown pipe table (cells are escaped: `|` becomes `\|`, newlines become spaces).
public struct MarkdownTable: Sendable {
  /// Column headers.
  public let header: [String]
  /// Rows of cells.
  public private(set) var rows: [[String]] = []

  /// A table with these headers.
  public init(_ header: [String]) { self.header = header }

  /// Appends a row (as many cells as headers).
  public mutating func append(_ row: [String]) {
    precondition(row.count == header.count, "MarkdownTable: \(row.count) cells for \(header.count) columns")
    rows.append(row)
  }

  /// The table text, ending with a newline.
  public var text: String {
    func line(_ cells: [String]) -> String {
      "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ") + " |"
    }
    return ([line(header), "|" + String(repeating: " --- |", count: header.count)] + rows.map(line)).joined(separator: "\n") + "\n"
  }
}

import Foundation
