// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The records of a CSV file Viral wrote, read one at a time (RFC 4180: a quoted field may
/// hold commas, doubled quotes and newlines), so a table of any length costs one record of
/// memory.
struct CSVLines {
  private let file: UnsafeMutablePointer<FILE>
  let path: String

  init(path: String) throws(OutputError) {
    guard let file = fopen(path, "r") else {
      throw OutputError(path: path, "cannot read: \(String(cString: strerror(errno)))")
    }
    self.file = file
    self.path = path
  }

  func close() { fclose(file) }

  /// The next record as its text (without the final newline), or nil at the end.
  func nextRecord() -> String? {
    var record = ""
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(line) }
    while getline(&line, &capacity, file) > 0 {
      record += String(cString: line!)
      // A record ends at a newline outside quotes: an even number of quotes so far.
      if record.utf8.reduce(0, { $0 + ($1 == 0x22 ? 1 : 0) }) % 2 == 0 { break }
    }
    guard !record.isEmpty else { return nil }
    if record.hasSuffix("\n") { record.removeLast() }
    return record
  }

  /// The fields of a record.
  static func fields(_ record: String) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var iterator = record.makeIterator()
    while let character = iterator.next() {
      if quoted {
        if character == "\"" {
          // A doubled quote is a quote; a single one ends the quoted part.
          var lookahead = iterator
          if lookahead.next() == "\"" {
            field.append("\"")
            iterator = lookahead
          } else {
            quoted = false
          }
        } else {
          field.append(character)
        }
      } else if character == "\"" {
        quoted = true
      } else if character == "," {
        fields.append(field)
        field = ""
      } else {
        field.append(character)
      }
    }
    fields.append(field)
    return fields
  }
}
