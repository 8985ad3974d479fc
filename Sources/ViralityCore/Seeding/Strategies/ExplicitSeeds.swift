// SPDX-License-Identifier: GPL-3.0-or-later

/// `explicit`: the listed agents, in order: labels of a file graph, or ids `0 ..< n`.
/// `nodes:` lists them; `file:` names a text file of labels, one per line (read by the
/// scenario reader into `nodes`).
/// - Complexity: O(n) to index the labels.
public struct ExplicitSeeds: SeedingStrategy {
  public static let strategyName = "explicit"
  public var nodes: [String]
  /// The file the labels came from, as written.
  public var file: String?
  /// The line of each label read from `file`: those labels end `nodes`.
  public var fileLines: [Int] = []

  public init(nodes: [String], file: String? = nil) {
    self.nodes = nodes
    self.file = file
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case nodes, file }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: SeedingSpec.sharedKeys)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    var read: [String] = []
    if c.contains(.nodes) {
      // Labels may be written as numbers (ids): read each as text.
      var list = try c.nestedUnkeyedContainer(forKey: .nodes)
      while !list.isAtEnd {
        if let text = try? list.decode(String.self) { read.append(text) } else { read.append(String(try list.decode(Int.self))) }
      }
    }
    self.init(nodes: read, file: try c.decodeIfPresent(String.self, forKey: .file))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(nodes, forKey: .nodes)
    try c.encodeIfPresent(file, forKey: .file)
  }

  public func validate() throws(ParameterError) {
    guard !nodes.isEmpty || file != nil else {
      throw ParameterError("nodes", "list the seed nodes, e.g. nodes: [0, 17, 42], or give a file of labels")
    }
  }

  public func rank(_ context: SeedingContext) throws(ParameterError) -> SeedRanking {
    let ids = try ids(count: context.graph.nodeCount, labels: context.graph.labels)
    return SeedRanking(agents: ids.filter(context.isEligible))
  }

  /// Node ids of the listed labels on a graph of `count` nodes named by `labels` (ids
  /// written as numbers, 0 to count − 1, when the graph has no labels). Repeats count once.
  /// A label the file gave that names no node is reported by its line, not quoted: the file
  /// may be anything readable, and its text does not belong in a message.
  public func ids(count: Int, labels: [String]?) throws(ParameterError) -> [Int] {
    var index: [String: Int] = [:]
    if let labels { for (id, label) in labels.enumerated() { index[label] = id } }
    let inline = nodes.count - fileLines.count
    var result: [Int] = []
    var seen = Set<Int>()
    for (i, name) in nodes.enumerated() {
      guard let id = index[name] ?? (labels == nil ? Int(name) : nil), id >= 0, id < count else {
        let named = labels == nil ? "ids 0 to \(count - 1)" : "labels as in the graph file"
        if i >= inline, let file {
          throw ParameterError(
            "file", "line \(fileLines[i - inline]) of \(file) names no node of the graph (\(count) nodes, \(named))")
        }
        throw ParameterError("nodes", "no node '\(name)' in the graph (\(count) nodes, \(named))")
      }
      if seen.insert(id).inserted { result.append(id) }
    }
    return result
  }
}
