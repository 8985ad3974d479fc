// SPDX-License-Identifier: GPL-3.0-or-later

/// A CSV table read back (RFC 4180: quoted cells may hold commas, quotes and line breaks),
/// as Viral writes them: a header, then rows of the same width.
struct CSVRows {
  let columns: [String]
  let rows: [[String]]

  /// Parses `text`; rows of another width than the header's are refused.
  init(_ text: String, file: String) throws(OutputError) {
    var records: [[String]] = []
    var record: [String] = []
    var cell = ""
    var quoted = false
    var iterator = text.unicodeScalars.makeIterator()
    var pending = iterator.next()
    while let scalar = pending {
      pending = iterator.next()
      if quoted {
        if scalar == "\"" {
          if pending == "\"" {
            cell.unicodeScalars.append("\"")
            pending = iterator.next()
          } else {
            quoted = false
          }
        } else {
          cell.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"": quoted = true
      case ",":
        record.append(cell)
        cell = ""
      case "\n":
        record.append(cell)
        records.append(record)
        (record, cell) = ([], "")
      case "\r": break
      default: cell.unicodeScalars.append(scalar)
      }
    }
    if !cell.isEmpty || !record.isEmpty {
      record.append(cell)
      records.append(record)
    }
    guard let header = records.first else { throw OutputError(path: file, "is empty: no header", refusal: true) }
    for (i, row) in records.enumerated() where row.count != header.count {
      throw OutputError(
        path: "\(file):\(i + 1)", "has \(row.count) cells where the header has \(header.count)", refusal: true)
    }
    columns = header
    rows = Array(records.dropFirst())
  }

  /// The column's position, if the table has it.
  func index(_ column: String) -> Int? { columns.firstIndex(of: column) }

  /// The rows as dictionaries by column.
  var records: [[String: String]] {
    rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
  }
}
