// SPDX-License-Identifier: GPL-3.0-or-later
import GSL
import ViralityCore

extension Study {
  /// Does every unit in order, handing graphs and runs to `sink`. Only one graph is held at
  /// a time.
  public func run<Sink: ResultSink>(into sink: inout Sink, observer: (any StudyObserver)? = nil) throws(ScenarioError) {
    var current: (group: Int, realization: Int, built: BuiltGraph, statistics: GraphStatistics)?
    var reported: (point: Int, realization: Int)?
    var prepared: (point: Int, realization: Int, population: Population, selections: [VariantSelection?])?
    let graphs = totalGraphs
    var built = 0
    for unit in units {
      let point = loaded.points[unit.point]
      let scenario = point.scenario
      let streams = StreamPlan(master: scenario.seed, kind: scenario.rng)
      if current?.group != unit.graph || current?.realization != unit.realization {
        current = nil
        built += 1
        let name = ([scenario.graph.displayName] + point.assignments.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
        observer?.status(graphs > 1 ? "graph \(built)/\(graphs) (\(name)): building" : "graph (\(name)): building")
        let graph = try checked.graph(for: point, realization: unit.realization, threads: threads)
        let statistics: GraphStatistics
        let stream = streams.stream(.separation, unit.realization)
        switch work {
        case .graph(let measure):
          if measure.level != .none { observer?.status("graph \(built)/\(graphs): measuring \(graph.graph.nodeCount) nodes") }
          statistics = GraphStatistics(
            graph.graph, level: measure.level, separationSources: measure.separationSources,
            exactSeparation: measure.exactSeparation, stream: stream, threads: threads)
        case .simulate(let level):
          statistics = GraphStatistics(graph.graph, level: level, stream: stream, threads: threads)
        }
        current = (unit.graph, unit.realization, graph, statistics)
      }
      let graph = current!.built
      if reported?.point != unit.point || reported?.realization != unit.realization {
        try sink.graph(GraphResult(point: point, realization: unit.realization, built: graph, statistics: current!.statistics))
        reported = (unit.point, unit.realization)
        prepared = nil
      }
      guard simulates, let campaign = scenario.campaign?.model else {
        observer?.finishedStep()
        continue
      }
      var ensemble = Ensemble(
        graph: graph.graph, population: Population(uniform: 0), variants: scenario.variants, replicates: unit.replicates,
        pointSeed: scenario.seed, horizon: scenario.horizon.hours,
        binWidth: scenario.outputs.binHours(horizon: scenario.horizon.hours), settings: scenario.outputs.measure,
        generator: scenario.rng)
      ensemble.realization = unit.realization
      let firstOnGraph = prepared == nil
      if firstOnGraph {
        let population = try Preflight.population(
          for: graph.graph, scenario: scenario, realization: unit.realization, loaded: loaded)
        ensemble.population = population
        observer?.status("choosing seeds")
        var selections: [VariantSelection?] = []
        let seeding = campaign.seedingCampaign(horizon: scenario.horizon.hours)
        let clock = ContinuousClock()
        for v in ensemble.variants.indices {
          let started = clock.now
          do {
            let selection = try ensemble.selection(of: v, campaign: seeding, threads: threads)
            let elapsed = clock.now - started
            selections.append(
              selection.map {
                VariantSelection(
                  selection: $0,
                  seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
              })
          } catch { throw loaded.document.describe(error.inside(scenario.variantSection(v))) }
        }
        prepared = (unit.point, unit.realization, population, selections)
      }
      ensemble.population = prepared!.population
      for v in ensemble.variants.indices { ensemble.variants[v].seeds = prepared!.selections[v]?.selection.agents }
      observer?.status(graphs > 1 ? "runs on graph \(built)/\(graphs)" : "runs")
      let records: [RunRecord]
      do { records = try campaign.run(ensemble, threads: threads) { _ in observer?.finishedStep() } } catch {
        throw loaded.document.describe(error.inside("seeding"))
      }
      try sink.unit(
        UnitResult(
          unit: unit, point: point, graph: graph.graph, population: prepared!.population, variants: ensemble.variants,
          selections: prepared!.selections, records: records, firstOnGraph: firstOnGraph))
    }
  }
}
