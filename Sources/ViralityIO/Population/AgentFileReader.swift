// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// Reads `population.file`: a CSV file with a header and a `node` column naming agents as
/// the graph does (labels of a file graph, or ids); `susceptibility`, `activity`,
/// `influence` and `cost` columns are numbers, any other column is a segment (text labels).
/// Each agent is listed at most once.
public enum AgentFileReader {
  public static func read(_ path: String, for graph: Graph) throws(InputFileError) -> AgentTable {
    try read(path, nodeCount: graph.nodeCount, labels: graph.labels)
  }

  /// Reads the file for a graph of `nodeCount` agents named by `labels` (nil: by id).
  public static func read(_ path: String, nodeCount: Int, labels: [String]?) throws(InputFileError) -> AgentTable {
    let text = try InputFile.text(InputFile.contents(of: path, what: "agent file"), path: path, what: "agent file")
    var index: [String: Int] = [:]
    if let labels { for (id, label) in labels.enumerated() { index[label] = id } }
    func agent(_ name: String) -> Int? {
      if let labels { return index[name].flatMap { $0 < labels.count ? $0 : nil } }
      guard let id = Int(name), id >= 0, id < nodeCount else { return nil }
      return id
    }
    var header: [String] = []
    var nodeColumn = 0
    var table = AgentTable()
    var fields: [[UInt8]] = []
    var lineNumber = 0
    var listedOn = [Int: Int]()
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var bytes = Array(line.utf8)
      if bytes.last == 0x0D { bytes.removeLast() }
      let present = bytes.withUnsafeBufferPointer { Tokenizer.csvFields($0, into: &fields) }
      guard present else { continue }
      let cells = fields.map { String(decoding: $0, as: UTF8.self) }
      if header.isEmpty {
        header = cells
        guard let found = header.firstIndex(of: "node") else {
          // The file's text is not quoted (it may be any readable file), except a column
          // that is 'node' but for its case.
          let near = header.firstIndex { $0.lowercased() == "node" }.map {
            "; column \($0 + 1) is '\(header[$0])': write it node"
          }
          throw InputFileError(
            path: path, line: lineNumber,
            "the header needs a column named node (a CSV file with a header line); none of its \(header.count) columns is\(near ?? "")"
          )
        }
        guard header.count > 1 else {
          throw InputFileError(
            path: path, line: lineNumber,
            "the header has only the 'node' column; add columns (\(AgentTable.numericColumns.joined(separator: ", ")), or segments)"
          )
        }
        if let repeated = header.first(where: { name in header.count { $0 == name } > 1 }) {
          throw InputFileError(path: path, line: lineNumber, "the column '\(repeated)' appears twice in the header")
        }
        nodeColumn = found
        for name in header where name != "node" {
          if AgentTable.numericColumns.contains(name) {
            table.numbers[name] = [Double](repeating: .nan, count: nodeCount)
          } else {
            table.labels[name] = [String?](repeating: nil, count: nodeCount)
          }
        }
        continue
      }
      guard cells.count == header.count else {
        throw InputFileError(path: path, line: lineNumber, "expected \(header.count) fields, found \(cells.count)")
      }
      guard let id = agent(cells[nodeColumn]) else {
        throw InputFileError(path: path, line: lineNumber, "no node '\(cells[nodeColumn])' in the graph (\(nodeCount) nodes)")
      }
      if let earlier = listedOn[id] {
        throw InputFileError(
          path: path, line: lineNumber, "node '\(cells[nodeColumn])' is listed twice (first on line \(earlier))")
      }
      listedOn[id] = lineNumber
      for (column, name) in header.enumerated() where column != nodeColumn {
        if table.numbers[name] != nil {
          guard let value = Double(cells[column]), value.isFinite, value >= 0 else {
            throw InputFileError(path: path, line: lineNumber, "\(name) must be a number ≥ 0; got '\(cells[column])'")
          }
          table.numbers[name]![id] = value
        } else {
          table.labels[name]![id] = cells[column]
        }
      }
    }
    guard !header.isEmpty else { throw InputFileError(path: path, "the agent file is empty; give a header line and agents") }
    guard !listedOn.isEmpty else { throw InputFileError(path: path, "the agent file lists no agents, only a header") }
    return table
  }
}
