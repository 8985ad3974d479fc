// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// Reads `population.file`: a CSV file with a header and a `node` column naming agents as
/// the graph does (labels of a file graph, or ids); `susceptibility`, `activity`,
/// `influence` and `cost` columns are numbers, any other column is a segment (text labels).
public enum AgentFileReader {
  public static func read(_ path: String, for graph: Graph) throws(InputFileError) -> AgentTable {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw InputFileError(path: path, "cannot read the agent file: \(error.localizedDescription)")
    }
    var index: [String: Int] = [:]
    if let labels = graph.labels { for (id, label) in labels.enumerated() { index[label] = id } }
    func agent(_ name: String) -> Int? {
      if let id = index[name] { return id }
      guard graph.labels == nil, let id = Int(name), id >= 0, id < graph.nodeCount else { return nil }
      return id
    }
    var header: [String] = []
    var nodeColumn = 0
    var table = AgentTable()
    var fields: [[UInt8]] = []
    var lineNumber = 0
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
          throw InputFileError(
            path: path, line: lineNumber, "the header needs a 'node' column; it has: \(header.joined(separator: ", "))")
        }
        nodeColumn = found
        for name in header where name != "node" {
          if AgentTable.numericColumns.contains(name) {
            table.numbers[name] = [Double](repeating: .nan, count: graph.nodeCount)
          } else {
            table.labels[name] = [String?](repeating: nil, count: graph.nodeCount)
          }
        }
        continue
      }
      guard cells.count == header.count else {
        throw InputFileError(path: path, line: lineNumber, "expected \(header.count) fields, found \(cells.count)")
      }
      guard let id = agent(cells[nodeColumn]) else {
        throw InputFileError(
          path: path, line: lineNumber, "no node '\(cells[nodeColumn])' in the graph (\(graph.nodeCount) nodes)")
      }
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
    guard !header.isEmpty else { throw InputFileError(path: path, "the agent file is empty") }
    return table
  }
}
