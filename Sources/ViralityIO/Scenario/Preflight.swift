// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import ViralityCore

/// Every check a command makes before it does any work, in one place, so that `viral
/// validate` refuses exactly what `viral run` and `viral graph` would: the sections a command
/// needs, memory (estimated before anything is allocated), the files a scenario names (read
/// and parsed: edge lists, agent files), the target segment, the seed nodes and whether a
/// budget can buy anyone. A scenario that passes fails later only through the machine (a
/// full disk), not through its input.
///
/// File graphs read here are kept for the run (`Preflight.Checked`), so a file is read once.
public enum Preflight {
  /// What the command is about to do.
  public enum Work: Sendable, Equatable {
    /// Build (or read) and measure graphs.
    case graph(statistics: StatisticsLevel)
    /// Simulate: graphs measured at `graphStatistics`, then the campaign.
    case run(graphStatistics: StatisticsLevel)
    /// Race the allocations of the `split:` section on one graph.
    case split
  }

  /// What the checks found, for the command to reuse: the file graphs they read.
  public struct Checked: Sendable {
    private var files: [EdgeListFile: BuiltGraph] = [:]
    /// Graphs every point of a sweep shares (nil: each point builds its own).
    var shared: GraphCache?
    /// The memory estimate of the most demanding point: bytes at its peak.
    public internal(set) var peakBytes = 0
    /// The points (positions in `LoadedScenario.points`) whose runs keep their graph
    /// compacted (`Graph.compactedForRuns`), after its statistics and the seeds chosen
    /// before the runs.
    public internal(set) var compactedPoints: Set<Int> = []
    /// The graph and population the checks built, for the work to use.
    let work = CheckedWork()

    init(shared: GraphCache? = nil) { self.shared = shared }

    /// Realization `realization` of `point`'s graph: the file read by the checks, or a new
    /// draw from the model.
    public func graph(for point: ScenarioPoint, realization: Int, threads: Int) throws(ScenarioError) -> BuiltGraph {
      let section = point.scenario.graph
      if case .file(let file) = section.source, let read = files[file] { return read }
      func build() throws(ScenarioError) -> BuiltGraph {
        try section.build(
          realization: realization, masterSeed: point.scenario.seed, generatorKind: point.scenario.rng, threads: threads)
      }
      guard let shared else {
        return try work.graph(key: Study.graphKey(point.scenario), realization: realization, build: build)
      }
      return try shared.graph(realization, build: build)
    }

    /// The population of `point` on `graph`, realization `realization`: drawn once, by the
    /// checks or by the work, whichever comes first.
    public func population(
      of point: ScenarioPoint, on graph: Graph, realization: Int, loaded: LoadedScenario, threads: Int
    ) throws(ScenarioError) -> Population {
      try work.population(point: point.index, realization: realization) { () throws(ScenarioError) in
        try Preflight.population(
          for: graph, scenario: point.scenario, realization: realization, loaded: loaded, threads: threads)
      }
    }

    fileprivate mutating func keep(_ graph: BuiltGraph, for file: EdgeListFile) { files[file] = graph }
    fileprivate func read(_ file: EdgeListFile) -> BuiltGraph? { files[file] }
  }

  /// The memory `point` needs at its peak, against what the machine has (refused when it
  /// does not fit), and whether its runs keep the graph compacted to fit. `sharesGraph`:
  /// other points choose seeds on the same graph; `cached`: a sweep's cache keeps it.
  static func memory(
    of point: ScenarioPoint, loaded: LoadedScenario, running: Bool, split: Bool = false, level: StatisticsLevel,
    threads: Int, sharesGraph: Bool, cached: Bool
  ) throws(ScenarioError) -> (bytes: Int, compact: Bool) {
    let section = point.scenario.graph
    // Checked whatever the command, like the rest of a scenario with a campaign.
    var storage = section.storage
    if storage != .plain, point.scenario.campaign != nil, let blocker = compactionBlocker(point, sharesGraph: sharesGraph) {
      guard storage == .auto else {
        throw ScenarioError(
          location: loaded.document.location(of: ["graph", "storage"]), key: "graph.storage",
          "compact drops whom agents follow, but \(blocker); use auto or plain")
      }
      storage = .plain
    }
    // A graph another holder keeps (a file read here, a sweep's shared graph) stays whole:
    // compacting a copy would save nothing.
    if storage == .auto, case .file = section.source { storage = .plain }
    if storage == .auto, cached { storage = .plain }
    // A split chooses seeds for new allocations between its rounds.
    if !running || split { storage = .plain }
    return try SystemMemory.check(
      section, level: level, threads: threads, location: loaded.graphLocation,
      runs: running ? runFootprint(point.scenario, threads: threads) : nil, storage: storage,
      replicatesLocation: loaded.document.location(of: ["replicates"]))
  }

  /// What `scenario`'s runs hold beside the graph: per agent, its population and the run
  /// state of each worker (SimulationRun's arrays with the scratch its model asks for), one
  /// worker per thread but no more than there are replicates to run at once; and the
  /// records of every run (with its time series when `outputs.details` keeps them).
  public static func runFootprint(_ scenario: Scenario, threads: Int) -> SystemMemory.RunFootprint? {
    guard let model = scenario.campaign?.model else { return nil }
    let workers = Parallel.workerCount(scenario.replicates, threads: threads)
    return SystemMemory.RunFootprint(
      population: scenario.population.bytesPerAgent, workers: workers * SimulationRun.bytesPerAgent(model.scratch),
      runs: scenario.replicates * max(scenario.variants.count, 1), details: scenario.outputs.details)
  }

  /// Why the runs of `point` must keep the graph's following rows, or nil: other points
  /// choose their seeds on the same graph after these runs (`sharesGraph`), a strategy
  /// walks whom agents follow for every replicate, or the traced runs draw the ties.
  static func compactionBlocker(_ point: ScenarioPoint, sharesGraph: Bool) -> String? {
    let scenario = point.scenario
    if sharesGraph { return "other sweep points choose their seeds on the same graph after these runs" }
    if let variant = scenario.variants.first(where: { $0.spec.readsFollowingRowsDuringRuns }) {
      return "the seeding strategy \(variant.spec.strategyName) walks whom agents follow for every replicate"
    }
    if scenario.outputs.trace > 0, scenario.graph.exactNodeCount ?? 0 <= NetworkTable.maximumAgents {
      return "the traced runs draw the graph's ties (outputs.trace on a graph of at most \(NetworkTable.maximumAgents) agents)"
    }
    return nil
  }

  /// Told, before each sweep point's checks of files, segments, seeds and budgets, how many
  /// points of how many are checked (the checks that draw a point's graph or agents can
  /// take a while on a large graph).
  public typealias Progress = @Sendable (_ done: Int, _ of: Int) -> Void

  /// Runs every check of `work` on every sweep point. `readFiles` reads the files a
  /// scenario names even when `work` would only read them as it goes (`viral graph`, `viral
  /// validate`), and then a scenario with a campaign is checked whole, as `viral run` would.
  /// The files and graphs of `reusing` (an earlier check of another point of the same sweep)
  /// are not read or built again.
  public static func check(
    _ loaded: LoadedScenario, work: Work, threads: Int, readFiles: Bool = false, reusing: Checked? = nil,
    progress: Progress? = nil
  ) throws(ScenarioError) -> Checked {
    var checked = reusing ?? Checked()
    checked.compactedPoints = []
    let running: Bool
    let level: StatisticsLevel
    switch work {
    case .graph(let statistics): (running, level) = (false, statistics)
    case .run(let statistics): (running, level) = (true, statistics)
    case .split: (running, level) = (true, .none)
    }
    if work == .split {
      let base = loaded.base
      guard base.split != nil else {
        throw ScenarioError(
          location: loaded.document.location(of: []), key: "split",
          "viral split needs a split: section (a budget and the arms to divide it among); see Scenarios/README.md")
      }
      guard loaded.sweep == nil else {
        throw ScenarioError(
          location: loaded.document.location(of: ["sweep"]), key: "sweep",
          "viral split races the allocations of one scenario; remove sweep: (or run viral sweep without the split)")
      }
    } else if running {
      let base = loaded.base
      if base.campaign == nil {
        throw ScenarioError(
          location: loaded.document.location(of: []), key: "campaign",
          "viral run needs a campaign: section (the spreading model); see Scenarios/README.md")
      }
      if base.seeding == nil && base.compare == nil {
        throw ScenarioError(
          location: loaded.document.location(of: []), key: "seeding",
          "viral run needs a seeding: section (who starts it) or a compare: list of seeding variants; see Scenarios/README.md"
        )
      }
    }
    let graphKeys = loaded.points.map { Study.graphKey($0.scenario) }
    var graphUsers: [String: Int] = [:]
    for key in graphKeys { graphUsers[key, default: 0] += 1 }
    for (position, point) in loaded.points.enumerated() {
      let sharesGraph = graphUsers[graphKeys[position]]! > 1
      do throws(ScenarioError) {
        let (peak, compact) = try memory(
          of: point, loaded: loaded, running: running, split: work == .split, level: level, threads: threads,
          sharesGraph: sharesGraph, cached: checked.shared != nil)
        checked.peakBytes = max(checked.peakBytes, peak)
        if compact { checked.compactedPoints.insert(position) }
        // A scenario with a campaign is checked whole, whatever the command: its runs too.
        if !running, readFiles, point.scenario.campaign != nil {
          _ = try memory(
            of: point, loaded: loaded, running: true, level: level, threads: threads, sharesGraph: sharesGraph,
            cached: checked.shared != nil)
        }
      } catch { throw error.naming(point, of: loaded) }
    }
    // viral run keeps the records of every point until the end, beside its largest point;
    // viral validate (reading the files) stands for viral sweep too, which keeps one point's,
    // so only viral run refuses a sweep too large to hold, before its first run.
    if running, !readFiles, work != .split, loaded.points.count > 1 {
      let footprints = loaded.points.compactMap { runFootprint($0.scenario, threads: threads) }
      let (runs, records) = footprints.reduce((0, 0)) { ($0.0 + $1.count, $0.1 + $1.records) }
      let available = SystemMemory.availableBytes()
      if records + checked.peakBytes > available {
        let refusal = MemoryRefusal(
          what:
            "viral run, which keeps the records of every sweep point (\(runs) runs, \(GraphMemory.describe(bytes: records)) at least),",
          estimatedBytes: records + checked.peakBytes, availableBytes: available,
          advice: "run the sweep with viral sweep, which keeps one point's records at a time")
        throw ScenarioError(location: loaded.document.location(of: ["replicates"]), key: "replicates", refusal.description)
      }
    }
    guard running || readFiles else { return checked }
    for (position, point) in loaded.points.enumerated() {
      if loaded.points.count > 1 { progress?(position, loaded.points.count) }
      do { try checkWhole(point, checked: &checked, loaded: loaded, threads: threads) } catch {
        throw error.naming(point, of: loaded)
      }
    }
    return checked
  }

  /// The checks of `point` that read its files and draw its graph and agents when they must:
  /// the agent file, the segments and target, each variant's seeds, budget, tiers and
  /// sampling memory, the split's arms.
  private static func checkWhole(_ point: ScenarioPoint, checked: inout Checked, loaded: LoadedScenario, threads: Int)
    throws(ScenarioError)
  {
    let scenario = point.scenario
    let nodes: (count: Int, labels: [String]?, communities: Int?)
    switch scenario.graph.source {
    case .file(let file):
      let built: BuiltGraph
      if let read = checked.read(file) {
        built = read
      } else {
        built = try scenario.graph.build(
          realization: 0, masterSeed: scenario.seed, generatorKind: scenario.rng, threads: threads)
        checked.keep(built, for: file)
      }
      nodes = (built.graph.nodeCount, built.graph.labels, nil)
    case .generator(let generator):
      nodes = (generator.expectedSize.nodes, nil, generator.communityCount)
    }
    // A scenario that has a campaign is checked whole, whatever the command.
    guard scenario.campaign != nil, !scenario.variants.isEmpty || scenario.split != nil else { return }
    let agents = try agentFile(of: scenario, nodes: nodes.count, labels: nodes.labels)
    let labels = try checkPopulation(of: point, communities: nodes.communities, agents: agents, loaded: loaded)
    // Whether the graph lets the segments cluster as asked is known once they are drawn.
    if !scenario.population.homophily.isEmpty {
      let built = try checked.graph(for: point, realization: 0, threads: threads)
      _ = try checked.population(of: point, on: built.graph, realization: 0, loaded: loaded, threads: threads)
    }
    let variants = scenario.variants
    for (v, variant) in variants.enumerated() {
      func located(_ error: ParameterError) -> ScenarioError {
        loaded.document.describe(error.inside(scenario.variantSection(v)))
      }
      do throws(ParameterError) {
        try variant.spec.validate(nodeCount: nodes.count)
        if let explicit = variant.spec.strategy as? ExplicitSeeds {
          _ = try explicit.ids(count: nodes.count, labels: nodes.labels)
        }
        try PopulationSpec.check(variant.spec.segment, key: "segment", available: labels)
      } catch { throw located(error) }
      if variant.spec.predictsWorkspace {
        let bytes = try workspace(of: v, point: point, checked: checked, loaded: loaded, threads: threads)
        checked.peakBytes = max(checked.peakBytes, bytes)
      }
      guard variant.spec.budget != nil || !variant.spec.tiers.isEmpty || !variant.spec.segment.isEmpty else { continue }
      // What agents cost and their tiers depend on the graph and the population's draws.
      let built = try checked.graph(for: point, realization: 0, threads: threads)
      let population = try checked.population(
        of: point, on: built.graph, realization: 0, loaded: loaded, threads: threads)
      do {
        try variant.spec.prepare(graph: built.graph, population: population)
      } catch { throw located(error) }
    }
    if let split = scenario.split {
      // Each arm must be able to buy someone with the whole budget.
      let built = try checked.graph(for: point, realization: 0, threads: threads)
      let population = try checked.population(of: point, on: built.graph, realization: 0, loaded: loaded, threads: threads)
      for a in split.arms.indices {
        let arm = split.arm(a, share: split.units)
        do throws(ParameterError) {
          if let explicit = arm.strategy as? ExplicitSeeds {
            _ = try explicit.ids(count: nodes.count, labels: nodes.labels)
          }
          try PopulationSpec.check(arm.segment, key: "segment", available: labels)
          try arm.prepare(graph: built.graph, population: population)
        } catch { throw loaded.document.describe(error.inside("arms[\(a)]").inside("split")) }
      }
    }
  }

  /// The bytes at the peak of choosing the seeds of `point`'s variant `v` on its first graph, for a
  /// strategy whose sets grow with the precision asked (`SeedingSpec.workspaceEstimate`,
  /// refused there when they would not fit): the process, the graph and its agents, and
  /// the sets. The graph and agents are the ones the runs will use.
  static func workspace(of v: Int, point: ScenarioPoint, checked: Checked, loaded: LoadedScenario, threads: Int)
    throws(ScenarioError) -> Int
  {
    let scenario = point.scenario
    let spec = scenario.variants[v].spec
    let built = try checked.graph(for: point, realization: 0, threads: threads)
    let population = try checked.population(of: point, on: built.graph, realization: 0, loaded: loaded, threads: threads)
    // The selection's own stream, drawn afresh: what the estimate draws is not what the
    // selection will.
    let context = SeedingContext(
      graph: built.graph, population: population,
      campaign: scenario.campaign!.model.seedingCampaign(horizon: scenario.horizon.hours),
      stream: StreamPlan(master: scenario.seed, kind: scenario.rng).stream(.graphSeeding, 0), threads: threads, limit: 0,
      generator: scenario.rng, memoryLimit: SystemMemory.availableBytes())
    do {
      let sets = try spec.workspaceEstimate(context, prepared: spec.prepare(graph: built.graph, population: population))
      let held =
        scenario.graph.expectedSize.residentBytes + Double(scenario.population.bytesPerAgent * built.graph.nodeCount)
      return sets + Int(held) + SystemMemory.processBytes
    } catch {
      throw loaded.document.describe(error.inside(scenario.variantSection(v)))
    }
  }

  /// The agent file of `scenario`, read for a graph of `nodes` agents named by `labels`.
  static func agentFile(of scenario: Scenario, nodes: Int, labels: [String]?) throws(ScenarioError) -> AgentTable? {
    guard let file = scenario.population.file else { return nil }
    do { return try AgentFileReader.read(file, nodeCount: nodes, labels: labels) } catch { throw error.scenarioError }
  }

  /// Segments from the graph exist, and the target names segments and labels that exist;
  /// returns every segment's labels (nil when not known before the graph is built).
  @discardableResult
  static func checkPopulation(of point: ScenarioPoint, communities: Int?, agents: AgentTable?, loaded: LoadedScenario)
    throws(ScenarioError) -> [String: [String]?]
  {
    let spec = point.scenario.population
    for (name, source) in spec.segments where source == .graphCommunities && communities == nil {
      throw loaded.document.describe(
        ParameterError(
          path: ["population", "segments", name],
          message: "the \(point.scenario.graph.displayName) graph has no communities; use a stochastic-block graph or give shares"
        ))
    }
    var available = spec.segmentLabels(communities: communities)
    for name in agents?.labels.keys.sorted() ?? [] { available[name] = agents!.segmentLabels(name) }
    if let name = agents?.labels.keys.sorted().first(where: { spec.homophily[$0] != nil }) {
      throw loaded.document.describe(
        ParameterError(
          path: ["population", "homophily", name],
          message:
            "the agent file gives every agent its \(name) label, so it cannot be arranged; drop it from the file or from homophily"
        ))
    }
    do {
      try spec.checkTarget(available)
      try spec.checkEffects(available)
    } catch { throw loaded.document.describe(error.inside("population")) }
    return available
  }

  /// The agents of one graph realization: drawn from the scenario's population stream, then
  /// the agent file applied.
  public static func population(
    for graph: Graph, scenario: Scenario, realization: Int, loaded: LoadedScenario, threads: Int
  ) throws(ScenarioError) -> Population {
    let table = try agentFile(of: scenario, nodes: graph.nodeCount, labels: graph.labels)
    let stream = StreamPlan(master: scenario.seed, kind: scenario.rng).stream(.population, realization)
    do { return try scenario.population.draw(for: graph, using: stream, overrides: table, threads: threads) } catch {
      throw loaded.document.describe(error.inside("population"))
    }
  }
}
