// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// One cell of a CSV table.
public enum CSVValue: Sendable, Equatable {
  case int(Int)
  case double(Double)
  case text(String)
  case bool(Bool)
  /// Not applicable or not computed: an empty cell.
  case missing

  /// The cell as written: shortest round-trip numbers, `true`/`false`, quoted text when
  /// needed (RFC 4180), empty for missing or non-finite values. Text that a spreadsheet
  /// would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage return,
  /// and is not a number) is written after an apostrophe, as OWASP advises against CSV
  /// injection: spreadsheets show it as the text it is.
  public var rendered: String {
    switch self {
    case .int(let value): String(value)
    case .double(let value): value.isFinite ? value.shortDescription : ""
    case .bool(let value): value ? "true" : "false"
    case .missing: ""
    case .text(let raw):
      Self.quoted(raw.first.map { "=+-@\t\r".contains($0) } == true && Double(raw) == nil ? "'" + raw : raw)
    }
  }

  /// `text` quoted when it holds a comma, a quote or a line break (RFC 4180).
  private static func quoted(_ text: String) -> String {
    text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      ? "\"" + text.replacingAll("\"", with: "\"\"") + "\"" : text
  }
}

extension CSVValue: Encodable {
  /// A cell as a JSON value: numbers as numbers (non-finite and missing as null), text as
  /// text.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .int(let value): try c.encode(value)
    case .double(let value): if value.isFinite { try c.encode(value) } else { try c.encodeNil() }
    case .text(let value): try c.encode(value)
    case .bool(let value): try c.encode(value)
    case .missing: try c.encodeNil()
    }
  }
}

extension Optional where Wrapped == Double {
  public var csv: CSVValue { map(CSVValue.double) ?? .missing }
}

extension Optional where Wrapped == Int {
  public var csv: CSVValue { map(CSVValue.int) ?? .missing }
}

/// A tidy CSV table: a header, then one row per observation.
public struct CSVTable: Sendable {
  public let columns: [String]
  public private(set) var rowCount = 0
  private var text: String

  public init(columns: [String]) {
    self.columns = columns
    text = columns.map { CSVValue.text($0).rendered }.joined(separator: ",") + "\n"
  }

  public mutating func append(_ row: [CSVValue]) {
    precondition(row.count == columns.count, "a row needs \(columns.count) cells, got \(row.count)")
    text += row.map(\.rendered).joined(separator: ",")
    text += "\n"
    rowCount += 1
  }

  /// The whole table as CSV text.
  public var csv: String { text }

  /// The header line, with its newline.
  public var header: Substring { text[...text.firstIndex(of: "\n")!] }

  /// The rows without the header.
  public var body: Substring { text[text.index(after: text.firstIndex(of: "\n")!)...] }
}

extension String {
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self { if character == target { result += replacement } else { result.append(character) } }
    return result
  }
}
