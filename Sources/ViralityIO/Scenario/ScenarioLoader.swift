// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import ViralityCore
import Yams

/// One point of a scenario's sweep (or the single point of a scenario without one).
public struct ScenarioPoint: Sendable {
  /// 0-based position in the sweep.
  public let index: Int
  /// The swept fields and their values at this point, in sweep order.
  public let assignments: [(key: String, value: String)]
  public let scenario: Scenario

  /// The point's cells in the leading columns of every table (`keyColumns`): its number,
  /// then its swept values; none without a sweep.
  public var keyValues: [String] { assignments.isEmpty ? [] : [String(index)] + assignments.map(\.value) }

  /// The leading columns of every table of a sweep over `keys`: `sweep_point` (which joins
  /// a point's rows across tables), then the swept fields with dots as underscores.
  public static func keyColumns(_ keys: [String]) -> [String] {
    keys.isEmpty ? [] : ["sweep_point"] + keys.map { $0.replacingAll(".", with: "_") }
  }
}

/// A scenario read, overridden, expanded and validated: ready to run.
public struct LoadedScenario {
  /// The scenario as written (with `--set` overrides), before sweeping.
  public let base: Scenario
  /// The scenario as written, to locate keys in messages.
  public let document: ScenarioDocument
  /// Where the `graph:` section is written, for messages about the graph as a whole.
  public var graphLocation: String { document.location(of: ["graph"]) }
  /// The fields varied and their values (nil without a sweep).
  public let sweep: Sweep?
  /// Every point, when the loader was asked to expand them (`viral sweep` makes them one at
  /// a time with `point(_:)` instead).
  public let points: [ScenarioPoint]
  /// The folder relative paths in the scenario start from.
  let directory: String
  /// The model metrics of every point's runs, in order of first appearance (a sweep over
  /// models has them all): from the points, or the sweep's probes when the points were not
  /// expanded.
  public private(set) var extraMetricNames: [String] = []

  mutating func addMetrics(of scenario: Scenario) {
    for name in scenario.campaign?.model.extraMetricNames ?? [] where !extraMetricNames.contains(name) {
      extraMetricNames.append(name)
    }
  }

  /// The swept keys, in order (empty without a sweep).
  public var sweepKeys: [String] { sweep?.keys ?? [] }

  /// How many points the sweep has (1 without one).
  public var pointCount: Int { sweep?.pointCount ?? 1 }

  /// The scenario with `point` as its only point (a sweep's point run as a study of its own).
  public func single(_ point: ScenarioPoint) -> LoadedScenario { only([point]) }

  /// The scenario with `points` as its points (a shard's, say).
  func only(_ points: [ScenarioPoint]) -> LoadedScenario {
    var only = LoadedScenario(base: base, document: document, sweep: sweep, points: points, directory: directory)
    only.extraMetricNames = extraMetricNames
    return only
  }

  /// Point `index`, made and validated now.
  public func point(_ index: Int) throws(ScenarioError) -> ScenarioPoint {
    guard let sweep else { return ScenarioPoint(index: 0, assignments: [], scenario: base) }
    let assignments = sweep.assignments(of: index)
    var scenario = try ScenarioLoader.scenario(assigning: assignments, in: document, sweep: sweep, directory: directory)
    scenario.seed = sweep.seed(of: index, master: base.seed)
    return ScenarioPoint(index: index, assignments: assignments, scenario: scenario)
  }
}

/// Reads scenario files: YAML (Yams) → overrides → sweep points → typed, validated
/// `Scenario`s. Every problem is a `ScenarioError` naming file, line, key and what is allowed.
public enum ScenarioLoader {
  /// Loads `path` (or an empty scenario named `defaultName` when nil), applies `overrides`
  /// (`key=value`) and validates it. With `expand`, every sweep point is made and
  /// validated; without, only the sweep's probes (`Sweep.probes`), and `point(_:)` makes
  /// each point when it is needed.
  public static func load(path: String?, overrides: [Override], defaultName: String = "graph", expand: Bool = true)
    throws(ScenarioError) -> LoadedScenario
  {
    guard let path else {
      return try load(
        document: ScenarioDocument(emptyNamed: defaultName), directory: FileManager.default.currentDirectoryPath,
        overrides: overrides, expand: expand)
    }
    let (document, directory) = try document(path: path)
    return try load(document: document, directory: directory, overrides: overrides, expand: expand)
  }

  /// The scenario file at `path`, parsed and named after the file unless it names itself,
  /// and the folder its relative file names are relative to.
  public static func document(path: String) throws(ScenarioError) -> (document: ScenarioDocument, directory: String) {
    var document = try ScenarioDocument(contentsOf: path)
    if document.node(at: ["name"]) == nil {
      let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      try document.set(["name"], to: Node(stem), origin: "\(path) (file name)")
    }
    return (document, URL(fileURLWithPath: path).deletingLastPathComponent().path)
  }

  /// `load(path:...)` for a scenario already parsed, whose relative file names are relative
  /// to `directory`.
  public static func load(document: ScenarioDocument, directory: String, overrides: [Override], expand: Bool = true)
    throws(ScenarioError) -> LoadedScenario
  {
    var document = document
    for override in overrides { try document.apply(override) }
    let base = try scenario(from: document, directory: directory)
    let metrics = RunReport.metrics.map(\.name) + (base.campaign?.model.extraMetricNames ?? [])
    for (i, figure) in (base.published ?? []).enumerated() {
      do { try figure.validate(metrics: metrics) } catch { throw document.describe(error.inside("published[\(i)]")) }
    }
    guard let sweepNode = document.node(at: ["sweep"]) else {
      var loaded = LoadedScenario(
        base: base, document: document, sweep: nil, points: [ScenarioPoint(index: 0, assignments: [], scenario: base)],
        directory: directory)
      loaded.addMetrics(of: base)
      return loaded
    }
    let sweep = try Sweep(sweepNode, document: document, master: base.seed)
    var loaded = LoadedScenario(base: base, document: document, sweep: sweep, points: [], directory: directory)
    // The probes (every listed value, every range end) first, expanded or not, so a bad
    // value is reported at the same point whichever command finds it.
    for probe in sweep.probes {
      loaded.addMetrics(of: try scenario(assigning: probe, in: document, sweep: sweep, directory: directory))
    }
    guard expand else { return loaded }
    var points: [ScenarioPoint] = []
    for index in 0..<sweep.pointCount { points.append(try loaded.point(index)) }
    var expanded = LoadedScenario(base: base, document: document, sweep: sweep, points: points, directory: directory)
    for point in points { expanded.addMetrics(of: point.scenario) }
    return expanded
  }

  /// The scenario with the swept fields set to `assignments`.
  static func scenario(
    assigning assignments: [(key: String, value: String)], in document: ScenarioDocument, sweep: Sweep, directory: String
  ) throws(ScenarioError) -> Scenario {
    var pointDocument = document
    let locations = Dictionary(
      sweep.axes.map { ($0.key, $0.location) } + sweep.ranges.map { ($0.key, $0.location) }, uniquingKeysWith: { a, _ in a })
    for assignment in assignments {
      let origin =
        "\(locations[assignment.key] ?? document.location(of: ["sweep"])) (sweep \(assignment.key) = \(assignment.value))"
      let value = try ScenarioDocument.value(assignment.value, origin: origin)
      try pointDocument.set(assignment.key.split(separator: ".").map(String.init), to: value, origin: origin)
    }
    return try scenario(from: pointDocument, directory: directory)
  }

  private static func scenario(from document: ScenarioDocument, directory: String) throws(ScenarioError) -> Scenario {
    var scenario = try document.decode(Scenario.self)
    do { try scenario.validate() } catch { throw document.describe(error) }
    func resolve(_ path: String) -> String {
      path.hasPrefix("/")
        ? path
        : URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
    }
    func requireReadable(_ path: String, _ key: [String]) throws(ScenarioError) {
      if let problem = InputFile.problem(at: path) {
        throw ScenarioError(
          location: document.location(of: key), key: key.joined(separator: "."), "cannot read \(path): it \(problem)")
      }
    }
    if case .file(var file) = scenario.graph.source {
      file.path = resolve(file.path)
      scenario.graph.source = .file(file)
      try requireReadable(file.path, ["graph", "path"])
    }
    // Seed lists given as files of labels are read now, one label per line.
    func readingSeeds(_ spec: SeedingSpec, _ section: String) throws(ScenarioError) -> SeedingSpec {
      guard var explicit = spec.strategy as? ExplicitSeeds, let file = explicit.file else { return spec }
      let path = resolve(file)
      try requireReadable(path, [section, "file"])
      let text: String
      do { text = try InputFile.text(InputFile.contents(of: path, what: "seed list"), path: path, what: "seed list") } catch {
        throw error.scenarioError
      }
      for (line, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let label = content.trimmingCharacters(in: .whitespaces)
        guard !label.isEmpty, !label.hasPrefix("#") else { continue }
        explicit.nodes.append(label)
        explicit.fileLines.append(line + 1)
      }
      guard !explicit.nodes.isEmpty else {
        throw ScenarioError(
          location: document.location(of: [section, "file"]), key: "\(section).file", "\(path) lists no labels")
      }
      var updated = spec
      updated.strategy = explicit
      return updated
    }
    if let seeding = scenario.seeding { scenario.seeding = try readingSeeds(seeding, "seeding") }
    for i in scenario.compare?.indices ?? 0..<0 { scenario.compare![i] = try readingSeeds(scenario.compare![i], "compare[\(i)]") }
    if let agents = scenario.population.file {
      scenario.population.file = resolve(agents)
      try requireReadable(scenario.population.file!, ["population", "file"])
    }
    return scenario
  }
}
