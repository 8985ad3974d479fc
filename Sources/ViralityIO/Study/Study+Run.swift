// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import ViralityCore

extension Study {
  /// Does every unit in order, handing graphs and runs to `sink`; then reruns the runs
  /// `outputs.trace` picks, handing their traces to `sink`. Only one graph is held at a time.
  public func run<Sink: ResultSink>(into sink: inout Sink, observer: (any StudyObserver)? = nil) throws(ScenarioError) {
    // The graph in use, compacted once its point's seeds are chosen when the checks said so.
    var current: (group: Int, realization: Int, built: BuiltGraph, statistics: GraphStatistics)?
    var prepared: (point: Int, realization: Int, setup: RunSetup)?
    var sizes = TraceCandidates()
    let graphs = totalGraphs
    var built = 0
    for unit in units {
      let point = loaded.points[unit.point]
      let scenario = point.scenario
      if current?.group != unit.graph || current?.realization != unit.realization {
        current = nil
        built += 1
        let (graph, statistics) = try measuredGraph(
          point, realization: unit.realization, observer: observer, label: graphs > 1 ? "graph \(built)/\(graphs)" : "graph")
        current = (unit.graph, unit.realization, graph, statistics)
      }
      let firstOnGraph = prepared?.point != unit.point || prepared?.realization != unit.realization
      // The population is drawn first when the graph's row reports how its segments mix.
      var drawn: Population?
      if firstOnGraph {
        if simulates || !scenario.population.homophily.isEmpty {
          drawn = try checked.population(
            of: point, on: current!.built.graph, realization: unit.realization, loaded: loaded, threads: threads)
        }
        try sink.graph(
          GraphResult(
            point: point, realization: unit.realization, built: current!.built, statistics: current!.statistics,
            population: drawn))
        prepared = nil
      }
      guard simulates, let campaign = scenario.campaign?.model else {
        observer?.finishedStep()
        prepared = (unit.point, unit.realization, RunSetup(population: Population(uniform: 0), selections: []))
        continue
      }
      if prepared == nil {
        let setup = try setup(
          point, realization: unit.realization, graph: current!.built.graph, population: drawn, observer)
        prepared = (unit.point, unit.realization, setup)
        if checked.compactedPoints.contains(unit.point) {
          observer?.status("compacting the graph for the runs")
          checked.work.releaseGraph()
          current!.built = current!.built.compactedForRuns(threads: threads)
        }
      }
      let graph = current!.built
      let setup = prepared!.setup
      let ensemble = self.ensemble(point, realization: unit.realization, replicates: unit.replicates, graph.graph, setup)
      observer?.status(graphs > 1 ? "runs on graph \(built)/\(graphs)" : "runs")
      let records: [RunRecord]
      var live: (@Sendable (LiveCounts) -> Void)?
      if let observer { live = { counts in observer.live(counts) } }
      do throws(ParameterError) {
        records = try campaign.run(ensemble, threads: threads, progress: { _ in observer?.finishedStep() }, live: live)
      } catch {
        throw loaded.document.describe(error)
      }
      if scenario.outputs.trace > 0 { sizes.add(records, point: unit.point, realization: unit.realization) }
      try sink.unit(
        UnitResult(
          unit: unit, point: point, graph: graph.graph, population: setup.population, variants: ensemble.variants,
          selections: setup.selections, records: records, firstOnGraph: firstOnGraph))
    }
    let kept = current.map { current in
      TraceCandidates.Kept(
        group: current.group, realization: current.realization, graph: current.built,
        setup: prepared.flatMap { $0.realization == current.realization ? ($0.point, $0.setup) : nil })
    }
    try trace(sizes, into: &sink, reusing: kept, observer: observer)
  }

  /// What the runs of a point on one graph share: its population and the seeds chosen
  /// before the runs.
  struct RunSetup {
    let population: Population
    /// Per variant (nil for per-replicate strategies).
    let selections: [VariantSelection?]
  }

  /// The population of `point` on realization `realization` of its graph (drawn now unless
  /// given), and the seeds chosen for it.
  func setup(
    _ point: ScenarioPoint, realization: Int, graph: Graph, population drawn: Population? = nil,
    _ observer: (any StudyObserver)?
  ) throws(ScenarioError) -> RunSetup {
    let population: Population
    if let drawn {
      population = drawn
    } else {
      population = try Preflight.population(
        for: graph, scenario: point.scenario, realization: realization, loaded: loaded, threads: threads)
    }
    observer?.status("choosing seeds")
    let ensemble = ensemble(
      point, realization: realization, replicates: 0..<0, graph, RunSetup(population: population, selections: []))
    return RunSetup(population: population, selections: try selections(for: ensemble, of: point.scenario))
  }

  /// The ensemble of `replicates` of `point` on `graph`, with the seeds `setup` chose.
  func ensemble(_ point: ScenarioPoint, realization: Int, replicates: Range<Int>, _ graph: Graph, _ setup: RunSetup)
    -> Ensemble
  {
    let scenario = point.scenario
    var ensemble = Ensemble(
      graph: graph, population: setup.population, variants: scenario.variants, replicates: replicates,
      pointSeed: scenario.seed, horizon: scenario.horizon.hours,
      binWidth: scenario.outputs.binHours(horizon: scenario.horizon.hours), settings: scenario.outputs.measure,
      generator: scenario.rng)
    ensemble.realization = realization
    for (v, selection) in setup.selections.enumerated() { ensemble.variants[v].seeds = selection?.selection.agents }
    return ensemble
  }

  /// Realization `realization` of `point`'s graph, built (or read) and measured as the work
  /// asks, from the realization's separation stream.
  private func measuredGraph(_ point: ScenarioPoint, realization: Int, observer: (any StudyObserver)?, label: String)
    throws(ScenarioError) -> (BuiltGraph, GraphStatistics)
  {
    let scenario = point.scenario
    let name = ([scenario.graph.displayName] + point.assignments.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
    observer?.status("\(label) (\(name)): building")
    let graph = try checked.graph(for: point, realization: realization, threads: threads)
    let stream = StreamPlan(master: scenario.seed, kind: scenario.rng).stream(.separation, realization)
    let statistics: GraphStatistics
    switch work {
    case .graph(let measure):
      if measure.level != .none { observer?.status("\(label): measuring \(graph.graph.nodeCount) nodes") }
      statistics = GraphStatistics(
        graph.graph, level: measure.level, separationSources: measure.separationSources,
        exactSeparation: measure.exactSeparation, stream: stream, threads: threads,
        workingMemory: SystemMemory.availableBytes())
    case .simulate(let level):
      func measure() -> GraphStatistics {
        GraphStatistics(
          graph.graph, level: level, stream: stream, threads: threads, workingMemory: SystemMemory.availableBytes())
      }
      statistics = checked.shared?.statistics(realization, measure: measure) ?? measure()
    }
    return (graph, statistics)
  }

  /// The seeds of every variant that chooses them before the runs, each with the time the
  /// choice took (nil for per-replicate strategies).
  private func selections(for ensemble: Ensemble, of scenario: Scenario) throws(ScenarioError) -> [VariantSelection?] {
    let seeding = scenario.campaign!.model.seedingCampaign(horizon: scenario.horizon.hours)
    let clock = ContinuousClock()
    var selections: [VariantSelection?] = []
    for v in ensemble.variants.indices {
      let started = clock.now
      do {
        let selection = try ensemble.selection(
          of: v, campaign: seeding, threads: threads, memoryLimit: SystemMemory.availableBytes())
        let seconds = (clock.now - started).seconds
        selections.append(selection.map { VariantSelection(selection: $0, seconds: seconds) })
      } catch { throw loaded.document.describe(error) }
    }
    return selections
  }
}
