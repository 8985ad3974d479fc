// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore

/// The tidy tables and the human summary `viral graph` writes: `graph.csv` (one row per
/// graph), `degrees.csv` (degree distributions) and `separation.csv` (distance
/// distributions). Every row starts with the swept fields and the graph realization.
public struct GraphReport {
  public private(set) var graphs: CSVTable
  /// The rows of `graphs`, for `json`.
  private var graphRows: [[CSVValue]] = []
  public private(set) var degrees: CSVTable
  public private(set) var separation: CSVTable
  private var sentences: [String] = []
  private var points: [PointSummary] = []
  private let sweepKeys: [String]
  /// Whether the clustering is estimated, with the columns that say how well.
  private let sampled: Bool
  /// The segments `population.homophily` arranges on the graph: each adds its requested,
  /// reached and largest reachable assortativity.
  private let arranged: [String]

  /// Means over one sweep point's realizations, for the summary table.
  private struct PointSummary {
    var values: [String]
    var graphs = 0
    var nodes = 0.0
    var edges = 0.0
    var separation = 0.0
    var within90 = 0.0
    var clustering = 0.0
    var separationCount = 0
    var clusteringCount = 0
  }

  /// The columns of graph.csv after the swept fields; `sampled` statistics add the
  /// estimate's sample size and standard errors after `transitivity`.
  public static func graphColumns(_ level: StatisticsLevel) -> [String] {
    [
      "graph_realization", "seed", "model", "directed", "nodes", "edges", "mean_degree", "max_degree",
      "max_followers", "top_account_reach", "reciprocity", "mutual_pair_share", "top1pct_follow_share", "triangles",
      "average_clustering", "transitivity",
    ] + (level == .sampled ? ["clustering_samples", "average_clustering_se", "transitivity_se"] : []) + [
      "components", "largest_component_share", "strong_components", "largest_strong_component_share",
      "degree_assortativity", "separation_method", "separation_sources", "mean_distance", "mean_distance_se",
      "mean_degrees_of_separation", "distance_90pct", "effective_diameter_90", "diameter", "diameter_lower_bound",
      "diameter_upper_bound", "reachable_pair_share", "self_loops_removed", "duplicates_removed",
    ]
  }

  /// The graph.csv columns of the segments arranged on the graph (`population.homophily`).
  public static func homophilyColumns(_ segments: [String]) -> [String] {
    segments.flatMap { ["\($0)_assortativity_requested", "\($0)_assortativity", "\($0)_assortativity_largest"] }
  }

  /// The segments any point of `loaded` arranges on its graph, in the order they are declared.
  public static func arrangedSegments(_ loaded: LoadedScenario) -> [String] {
    let scenarios = loaded.points.isEmpty ? [loaded.base] : loaded.points.map(\.scenario)
    var names: [String] = []
    for scenario in scenarios {
      for (name, _) in scenario.population.segments
      where scenario.population.homophily[name] != nil && !names.contains(name) {
        names.append(name)
      }
    }
    return names
  }

  public init(sweepKeys: [String], level: StatisticsLevel, arranged: [String] = []) {
    self.sweepKeys = sweepKeys
    sampled = level == .sampled
    self.arranged = arranged
    let keys = ScenarioPoint.keyColumns(sweepKeys)
    graphs = CSVTable(columns: keys + Self.graphColumns(level) + Self.homophilyColumns(arranged))
    degrees = CSVTable(columns: keys + ["graph_realization", "kind", "degree", "nodes", "share"])
    separation = CSVTable(
      columns: keys + [
        "graph_realization", "distance", "degrees_of_separation", "pairs", "share", "cumulative_share",
        "estimated_pairs",
      ])
  }

  /// Adds one graph and its statistics (and how the segments of `population` mix on it).
  public mutating func add(
    point: ScenarioPoint, realization: Int, built: BuiltGraph, statistics s: GraphStatistics,
    population: Population? = nil
  ) {
    let modelName = point.scenario.graph.displayName
    let prefix: [CSVValue] = point.keyValues.map { .text($0) } + [.int(realization)]
    let graph = built.graph
    let separationResult = s.separation
    let reachableShare: Double? = separationResult.map { sep in
      let pairs = sep.sources * (graph.nodeCount - 1)
      return pairs == 0 ? 0 : Double(sep.reachablePairs) / Double(pairs)
    }
    let row: [CSVValue] =
      prefix + [
        built.seed.map { .text(String($0)) } ?? .missing, .text(modelName), .bool(graph.isDirected), .int(s.nodes),
        .int(s.edges), .double(Double(graph.arcCount) / Double(max(graph.nodeCount, 1))),
        s.outDegrees.map { .int($0.maximum) } ?? .missing, s.inDegrees.map { .int($0.maximum) } ?? .missing,
        s.topAccountReach.csv, s.reciprocity.csv, s.mutualPairShare.csv, s.topOnePercentFollowShare.csv,
        s.clustering.map { .int($0.triangles) } ?? .missing,
      ] + clusteringValues(s) + [
        s.weakComponents.map { .int($0.count) } ?? .missing,
        s.weakComponents.map { .double(Double($0.largest) / Double(max(s.nodes, 1))) } ?? .missing,
        s.strongComponents.map { .int($0.count) } ?? .missing,
        s.strongComponents.map { .double(Double($0.largest) / Double(max(s.nodes, 1))) } ?? .missing,
        s.assortativity.csv, separationResult.map { .text($0.exact ? "exact" : "sampled") } ?? .missing,
        separationResult.map { .int($0.sources) } ?? .missing, separationResult.map { .double($0.meanDistance) } ?? .missing,
        separationResult.map { .double($0.meanDistanceStandardError) } ?? .missing,
        separationResult.map { .double($0.meanIntermediaries) } ?? .missing,
        separationResult.map { .int($0.distanceCovering(0.9)) } ?? .missing,
        separationResult.map { .double($0.effectiveDiameter) } ?? .missing, (separationResult?.diameter).csv,
        separationResult.map { .int($0.diameterLowerBound) } ?? .missing, (separationResult?.diameterUpperBound).csv,
        reachableShare.csv, (built.report?.selfLoopsRemoved).csv, (built.report?.duplicatesRemoved).csv,
      ]
      + arranged.flatMap { name -> [CSVValue] in
        let outcome = population?.homophily[name]
        return [
          (outcome?.requested).csv, (outcome?.achieved).csv, (outcome?.largest).csv,
        ]
      }
    graphs.append(row)
    graphRows.append(row)
    let histograms: [(String, DegreeHistogram?)] =
      graph.isDirected ? [("followers", s.inDegrees), ("following", s.outDegrees)] : [("degree", s.outDegrees)]
    for (kind, histogram) in histograms {
      guard let histogram else { continue }
      for (degree, count) in histogram.counts.enumerated() where count > 0 {
        degrees.append(prefix + [.text(kind), .int(degree), .int(count), .double(Double(count) / Double(max(s.nodes, 1)))])
      }
    }
    if let sep = separationResult, sep.reachablePairs > 0 {
      let total = Double(sep.reachablePairs)
      let scale = Double(graph.nodeCount) / Double(max(sep.sources, 1)) / (graph.isDirected ? 1 : 2)
      var cumulative = 0
      for distance in 1..<sep.pairsAtDistance.count {
        let pairs = sep.pairsAtDistance[distance]
        cumulative += pairs
        separation.append(
          prefix + [
            .int(distance), .int(distance - 1), .int(pairs), .double(Double(pairs) / total),
            .double(Double(cumulative) / total), .double((Double(pairs) * scale).rounded()),
          ])
      }
    }
    sentences.append(Self.sentence(point: point, realization: realization, modelName: modelName, graph: graph, statistics: s))
    if points.last?.values != point.assignments.map(\.value) {
      points.append(PointSummary(values: point.assignments.map(\.value)))
    }
    var summary = points.removeLast()
    summary.graphs += 1
    summary.nodes += Double(s.nodes)
    summary.edges += Double(s.edges)
    if let sep = s.separation, sep.reachablePairs > 0 {
      summary.separation += sep.meanDistance
      summary.within90 += Double(sep.distanceCovering(0.9))
      summary.separationCount += 1
    }
    if let clustering = s.averageClustering {
      summary.clustering += clustering
      summary.clusteringCount += 1
    }
    points.append(summary)
  }

  /// average_clustering and transitivity (exact, or estimated with the sample size and
  /// standard errors), missing below the full statistics.
  private func clusteringValues(_ s: GraphStatistics) -> [CSVValue] {
    if let exact = s.clustering { return [.double(exact.averageLocal), .double(exact.transitivity)] }
    guard let estimate = s.sampledClustering else { return Array(repeating: .missing, count: sampled ? 5 : 2) }
    return [
      .double(estimate.averageLocal), .double(estimate.transitivity), .int(estimate.sampleSize),
      .double(estimate.averageLocalStandardError), .double(estimate.transitivityStandardError),
    ]
  }

  /// The graphs as one JSON object (keys sorted), for scripts: `results` (the folder),
  /// `files`, `graphs`, one object per row of graph.csv (missing values left out), and
  /// `estimated_peak_bytes`, the memory the check before building expected at the peak.
  public func json(results: String, files: [String], estimatedPeakBytes: Int) throws -> String {
    struct Output: Encodable {
      let results: String
      let files: [String]
      let graphs: [[String: CSVValue]]
      let estimatedPeakBytes: Int
      enum CodingKeys: String, CodingKey {
        case results, files, graphs
        case estimatedPeakBytes = "estimated_peak_bytes"
      }
    }
    let rows = graphRows.map { row in
      Dictionary(uniqueKeysWithValues: zip(graphs.columns, row).filter { $0.1 != .missing })
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(
      decoding: try encoder.encode(
        Output(results: results, files: files, graphs: rows, estimatedPeakBytes: estimatedPeakBytes)), as: UTF8.self)
  }

  /// The human summary: one sentence per graph for a few graphs, otherwise a table of means
  /// per sweep point.
  public var summary: [String] {
    guard sentences.count > 3 else { return sentences }
    let header = sweepKeys + ["graphs", "nodes", "edges", "separation", "90% within", "clustering"]
    var rows = [header]
    for point in points {
      func mean(_ sum: Double, _ count: Int, _ places: Int) -> String {
        count == 0 ? "-" : Self.digits(sum / Double(count), places)
      }
      rows.append(
        point.values + [
          String(point.graphs), mean(point.nodes, point.graphs, 0), mean(point.edges, point.graphs, 0),
          mean(point.separation, point.separationCount, 2), mean(point.within90, point.separationCount, 1),
          mean(point.clustering, point.clusteringCount, 3),
        ])
    }
    return TextTable.aligned(rows)
      + ["(means over realizations; separation = mean distance in steps, one more than the people in between)"]
  }

  /// "watts-strogatz (graph.rewire = 0.01): 1000 nodes, 5000 edges; average separation 4.4
  /// steps (3.4 people in between); 90% of pairs within 5; clustering 0.49".
  static func sentence(point: ScenarioPoint, realization: Int, modelName: String, graph: Graph, statistics s: GraphStatistics)
    -> String
  {
    var where_ = point.assignments.map { "\($0.key) = \($0.value)" }
    if point.scenario.graph.realizations > 1 { where_.append("realization \(realization)") }
    var text = modelName + (where_.isEmpty ? "" : " (\(where_.joined(separator: ", ")))")
    text += ": \(s.nodes) nodes, \(s.edges) \(graph.isDirected ? "follows" : "edges")"
    if let pairs = s.mutualPairShare, graph.isDirected { text += ", \(percent(pairs)) of connected pairs mutual" }
    if let reach = s.topAccountReach { text += ", the top account followed by \(percent(reach))" }
    if let share = s.topOnePercentFollowShare { text += ", top 1% hold \(percent(share)) of follows" }
    if let sep = s.separation, sep.reachablePairs > 0 {
      let approximate = sep.exact ? "" : "about "
      text +=
        "; average separation \(approximate)\(digits(sep.meanDistance, 2)) steps (\(digits(sep.meanIntermediaries, 2)) people in between)"
      text += "; 90% of pairs within \(sep.distanceCovering(0.9))"
      if let diameter = sep.diameter { text += "; diameter \(diameter)" }
    }
    if let clustering = s.averageClustering { text += "; clustering \(digits(clustering, 3))" }
    return text
  }

  /// `value` with `places` decimals.
  static func digits(_ value: Double, _ places: Int) -> String {
    String(format: "%.\(places)f", value)
  }

  static func percent(_ share: Double) -> String { digits(share * 100, 1) + "%" }
}
