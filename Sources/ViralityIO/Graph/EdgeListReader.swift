// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// What reading an edge list produced.
public struct LoadedEdgeList: Sendable {
  public let graph: Graph
  public let report: BuildReport
  /// Edge lines read (before removing self-loops and repeats).
  public let edgeLines: Int
}

/// Reads `EdgeListFile`s: a byte-level tokenizer (edge lists can have 10⁸ lines), labels
/// mapped to dense ids — in numeric order when every label is a plain integer (so a file
/// numbered 0…n−1 keeps its numbering, and with it the locality of its node order), else in
/// order of first appearance.
public enum EdgeListReader {
  public static func read(_ file: EdgeListFile, threads: Int) throws(InputFileError) -> LoadedEdgeList {
    let data = try InputFile.contents(of: file.path, what: "edge list")
    var labels = LabelTable()
    var edges = EdgeList(reservingCapacity: data.count / 10)
    var lineNumber = 0
    var ranges: [Range<Int>] = []
    var fields: [[UInt8]] = []
    var sourceColumn = 0
    var targetColumn = 1
    var sawHeader = file.format == .snap
    var failure: InputFileError?
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      let bytes = raw.bindMemory(to: UInt8.self)
      var start = 0
      while start < bytes.count && failure == nil {
        var end = start
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        lineNumber += 1
        var lineEnd = end
        if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let line = UnsafeBufferPointer(rebasing: bytes[start..<lineEnd])
        start = end + 1
        let a: LabelTable.Lookup
        let b: LabelTable.Lookup
        switch file.format {
        case .snap:
          let found = Tokenizer.whitespaceFields(line, into: &ranges)
          if found == .quoted {
            // A line with quoted labels ("Ann Lee" "Bo"): the slow path.
            guard Tokenizer.quotedFields(line, into: &fields), fields.count >= 2 else {
              failure = InputFileError(
                path: file.path, line: lineNumber, "expected two node labels; a quoted label needs its closing quote")
              continue
            }
            a = fields[0].withUnsafeBufferPointer { labels.id(for: $0) }
            b = fields[1].withUnsafeBufferPointer { labels.id(for: $0) }
            break
          }
          guard found == .fields else { continue }
          guard ranges.count >= 2 else {
            failure = InputFileError(path: file.path, line: lineNumber, "expected two node labels separated by spaces or tabs")
            continue
          }
          a = labels.id(for: UnsafeBufferPointer(rebasing: line[ranges[0]]))
          b = labels.id(for: UnsafeBufferPointer(rebasing: line[ranges[1]]))
        case .csv:
          guard Tokenizer.csvFields(line, into: &fields) else { continue }
          if !sawHeader {
            sawHeader = true
            let names = fields.map { String(decoding: $0, as: UTF8.self) }
            do throws(InputFileError) {
              sourceColumn = try column(file.source, default: 0, in: names, file: file, line: lineNumber)
              targetColumn = try column(file.target, default: 1, in: names, file: file, line: lineNumber)
            } catch { failure = error }
            continue
          }
          guard fields.count > max(sourceColumn, targetColumn) else {
            failure = InputFileError(
              path: file.path, line: lineNumber, "expected at least \(max(sourceColumn, targetColumn) + 1) comma-separated fields"
            )
            continue
          }
          a = fields[sourceColumn].withUnsafeBufferPointer { labels.id(for: $0) }
          b = fields[targetColumn].withUnsafeBufferPointer { labels.id(for: $0) }
        }
        switch (a, b) {
        case (.id(let a), .id(let b)):
          if file.reverse { edges.append(b, a) } else { edges.append(a, b) }
        case (.notText, _), (_, .notText):
          failure = InputFileError(path: file.path, line: lineNumber, "a node label is not UTF-8 text")
        default:
          failure = InputFileError(path: file.path, line: lineNumber, "more than \(Limits.agents) distinct nodes")
        }
      }
    }
    if let failure { throw failure }
    guard edges.count > 0 else {
      let what = file.format == .csv && sawHeader && lineNumber > 0 ? "only a header" : "all blank or comments"
      throw InputFileError(path: file.path, "no edges found (\(lineNumber) lines, \(what))")
    }
    let edgeLines = edges.count
    if let order = labels.numericOrder() {
      for i in 0..<edges.count {
        edges.sources[i] = order[Int(edges.sources[i])]
        edges.targets[i] = order[Int(edges.targets[i])]
      }
      labels.renumber(order)
    }
    let built = GraphBuilder.build(
      nodeCount: labels.count, edges: edges, directed: file.directed, threads: threads,
      labels: labels.labelsIfNotIdentity())
    return LoadedEdgeList(graph: built.graph, report: built.report, edgeLines: edgeLines)
  }

  private static func column(
    _ name: String?, default index: Int, in header: [String], file: EdgeListFile, line: Int
  ) throws(InputFileError) -> Int {
    guard let name else {
      guard header.count > index else {
        throw InputFileError(path: file.path, line: line, "the header has \(header.count) column(s); an edge needs two")
      }
      return index
    }
    guard let found = header.firstIndex(of: name) else {
      throw InputFileError(
        path: file.path, line: line, "no column named '\(name)'; the header has: \(header.joined(separator: ", "))")
    }
    return found
  }
}

/// Dense ids for node labels, in order of first appearance (see `numericOrder` for files of
/// plain integers). Canonical non-negative integers take a fast path that avoids building
/// strings.
struct LabelTable {
  private var numeric: [UInt64: UInt32] = [:]
  /// The number of each id's label while every label is a canonical integer.
  private var numbers: [UInt64] = []
  private var named: [String: UInt32] = [:]
  private(set) var labels: [String] = []
  var count: Int { labels.count }

  /// A label's id, or why it has none.
  enum Lookup: Equatable {
    case id(Int)
    /// More distinct labels than node ids.
    case tooMany
    /// Not UTF-8 text.
    case notText
  }

  mutating func id(for token: UnsafeBufferPointer<UInt8>) -> Lookup {
    if let number = Self.canonicalInteger(token) {
      if let id = numeric[number] { return .id(Int(id)) }
      guard labels.count <= Limits.agents else { return .tooMany }
      let id = UInt32(labels.count)
      numeric[number] = id
      if named.isEmpty { numbers.append(number) }
      labels.append(String(number))
      return .id(Int(id))
    }
    guard let text = String(validating: token, as: UTF8.self) else { return .notText }
    if let id = named[text] { return .id(Int(id)) }
    guard labels.count <= Limits.agents else { return .tooMany }
    let id = UInt32(labels.count)
    named[text] = id
    labels.append(text)
    return .id(Int(id))
  }

  /// The value of a decimal integer written without sign or leading zeros, else nil.
  static func canonicalInteger(_ token: UnsafeBufferPointer<UInt8>) -> UInt64? {
    guard !token.isEmpty, token.count <= 18, token.count == 1 || token.first != 0x30 else { return nil }
    var value: UInt64 = 0
    for byte in token {
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      value = value * 10 + UInt64(byte - 0x30)
    }
    return value
  }

  /// When every label is a canonical integer and they did not first appear in increasing
  /// order: the new id of each id, ranking labels by their number. Else nil.
  func numericOrder() -> [UInt32]? {
    guard named.isEmpty, zip(numbers, numbers.dropFirst()).contains(where: { $0 > $1 }) else { return nil }
    var order = [UInt32](repeating: 0, count: numbers.count)
    for (rank, id) in numbers.indices.sorted(by: { numbers[$0] < numbers[$1] }).enumerated() { order[id] = UInt32(rank) }
    return order
  }

  /// Moves each id's label to its new id.
  mutating func renumber(_ order: [UInt32]) {
    var moved = labels
    for (id, label) in labels.enumerated() { moved[Int(order[id])] = label }
    labels = moved
    numbers = []
  }

  /// The labels, or nil when label i is just the number i for every node.
  func labelsIfNotIdentity() -> [String]? {
    for (i, label) in labels.enumerated() where label != String(i) { return labels }
    return nil
  }
}

/// Splits one line into fields.
enum Tokenizer {
  /// What a line of an edge list holds.
  enum LineKind {
    /// Nothing: blank, or a comment (`#`, `%`).
    case none
    /// Whitespace-separated fields, listed as ranges.
    case fields
    /// A field that starts with a quote: read with `quotedFields`.
    case quoted
  }

  /// Whitespace-separated fields as ranges of `line`.
  static func whitespaceFields(_ line: UnsafeBufferPointer<UInt8>, into fields: inout [Range<Int>]) -> LineKind {
    fields.removeAll(keepingCapacity: true)
    var i = 0
    let n = line.count
    while i < n {
      while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
      if i >= n { break }
      if fields.isEmpty && (line[i] == 0x23 || line[i] == 0x25) { return .none }
      if line[i] == 0x22 { return .quoted }
      let begin = i
      while i < n && line[i] != 0x20 && line[i] != 0x09 { i += 1 }
      fields.append(begin..<i)
    }
    return fields.isEmpty ? .none : .fields
  }

  /// Whitespace-separated fields where a field may be quoted (`"Ann Lee"`, with `""` for a
  /// quote inside): how Viral's edge-list export writes labels holding spaces, quotes or
  /// commas. False if a quote is not closed.
  static func quotedFields(_ line: UnsafeBufferPointer<UInt8>, into fields: inout [[UInt8]]) -> Bool {
    fields.removeAll(keepingCapacity: true)
    var i = 0
    let n = line.count
    while i < n {
      while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
      if i >= n { break }
      var field: [UInt8] = []
      if line[i] == 0x22 {
        guard quoted(line, at: &i, into: &field) else { return false }
      } else {
        while i < n && line[i] != 0x20 && line[i] != 0x09 {
          field.append(line[i])
          i += 1
        }
      }
      fields.append(field)
    }
    return true
  }

  /// Reads the quoted field that starts at `line[i]` (a quote) into `field`, a doubled quote
  /// standing for one, and moves `i` past its closing quote; false if it has none.
  static func quoted(_ line: UnsafeBufferPointer<UInt8>, at i: inout Int, into field: inout [UInt8]) -> Bool {
    i += 1
    while i < line.count {
      if line[i] == 0x22 {
        if i + 1 < line.count && line[i + 1] == 0x22 {
          field.append(0x22)
          i += 2
          continue
        }
        i += 1
        return true
      }
      field.append(line[i])
      i += 1
    }
    return false
  }

  /// Comma-separated fields with RFC 4180 quotes (`"a ""b"""`); false for blank lines.
  static func csvFields(_ line: UnsafeBufferPointer<UInt8>, into fields: inout [[UInt8]]) -> Bool {
    fields.removeAll(keepingCapacity: true)
    let n = line.count
    if n == 0 || line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return false }
    var i = 0
    while true {
      var field: [UInt8] = []
      if i < n && line[i] == 0x22 {
        // An unclosed quote runs to the end of the line, as RFC 4180 readers commonly do.
        _ = quoted(line, at: &i, into: &field)
        while i < n && line[i] != 0x2C { i += 1 }
      } else {
        let begin = i
        while i < n && line[i] != 0x2C { i += 1 }
        field = Array(line[begin..<i])
      }
      fields.append(field.trimmedSpaces())
      if i >= n { break }
      i += 1  // the comma
    }
    return true
  }
}

extension Array where Element == UInt8 {
  fileprivate func trimmedSpaces() -> [UInt8] {
    var low = startIndex
    var high = endIndex
    while low < high && (self[low] == 0x20 || self[low] == 0x09) { low += 1 }
    while high > low && (self[high - 1] == 0x20 || self[high - 1] == 0x09) { high -= 1 }
    return Array(self[low..<high])
  }
}
