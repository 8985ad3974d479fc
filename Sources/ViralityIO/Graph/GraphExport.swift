// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// Formats a graph can be exported to.
public enum ExportFormat: String, CaseIterable, Sendable {
  /// Whitespace-separated pairs, readable by Viral, SNAP, networkx and igraph.
  case edgelist
  /// GraphML, for Gephi, Cytoscape, yEd and networkx.
  case graphml

  public var fileExtension: String { self == .edgelist ? "edges" : "graphml" }
}

/// Writes graphs as text, in pieces of about a megabyte so huge graphs stream to disk.
public enum GraphExport {
  public static func write(_ graph: Graph, as format: ExportFormat, header: String, to handle: FileHandle) throws {
    var buffer = ""
    buffer.reserveCapacity(1 << 20)
    func flush(force: Bool = false) throws {
      if force || buffer.utf8.count >= 1 << 20 {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
      }
    }
    switch format {
    case .edgelist:
      buffer += header.split(separator: "\n").map { "# \($0)\n" }.joined()
      buffer += graph.isDirected ? "# u v: u follows v\n" : "# u v: u and v are friends (each pair once)\n"
      for u in 0..<graph.nodeCount {
        let name = edgeListLabel(graph.label(of: u))
        for v in graph.following(of: u) where graph.isDirected || Int(v) > u {
          buffer += name
          buffer += " "
          buffer += edgeListLabel(graph.label(of: Int(v)))
          buffer += "\n"
        }
        try flush()
      }
    case .graphml:
      buffer += """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- \(escape(header)) -->
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="label" for="node" attr.name="label" attr.type="string"/>
          <key id="community" for="node" attr.name="community" attr.type="int"/>
          <graph id="G" edgedefault="\(graph.isDirected ? "directed" : "undirected")">

        """
      for u in 0..<graph.nodeCount {
        buffer += "    <node id=\"n\(u)\"><data key=\"label\">\(escape(graph.label(of: u)))</data>"
        if let communities = graph.communities { buffer += "<data key=\"community\">\(communities[u])</data>" }
        buffer += "</node>\n"
        try flush()
      }
      for u in 0..<graph.nodeCount {
        for v in graph.following(of: u) where graph.isDirected || Int(v) > u {
          buffer += "    <edge source=\"n\(u)\" target=\"n\(v)\"/>\n"
        }
        try flush()
      }
      buffer += "  </graph>\n</graphml>\n"
    }
    try flush(force: true)
  }

  /// A label as an edge list writes it: quoted (`"Ann Lee"`, a quote doubled) when it holds
  /// a space, a tab, a quote or a comma, starts a comment, or is empty, so that reading the
  /// file back gives the same labels.
  static func edgeListLabel(_ label: String) -> String {
    let plain =
      !label.isEmpty && label.first != "#" && label.first != "%"
      && !label.contains(where: { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "," })
    return plain ? label : "\"" + label.replacingAll("\"", with: "\"\"") + "\""
  }

  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "-" where result.hasSuffix("-"): result += " -"  // no "--" inside comments
      default: result.append(character)
      }
    }
    return result
  }
}
