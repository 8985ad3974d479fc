// SPDX-License-Identifier: GPL-3.0-or-later

/// Plain-text tables for the terminal.
enum TextTable {
  /// Rows of cells as lines, each column padded to its widest cell and two spaces.
  static func aligned(_ rows: [[String]]) -> [String] {
    guard let first = rows.first else { return [] }
    let widths = first.indices.map { column in rows.map { $0[column].count }.max()! + 2 }
    return rows.map { row in row.enumerated().map { $1 + String(repeating: " ", count: widths[$0] - $1.count) }.joined() }
  }
}
