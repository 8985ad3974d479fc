// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// One seeding variant of an ensemble: a label, how to choose the seeds, and the seeds
/// when they were chosen before the runs.
public struct SeedingVariant: Sendable {
  public var label: String
  public var spec: SeedingSpec
  /// The seeds every replicate uses (fixed and per-graph strategies), once chosen; nil to
  /// let the ensemble choose them (per replicate for random strategies).
  public var seeds: [Int]?
  /// Where the scenario declares the variant (`seeding`, `compare[2]`): errors in choosing
  /// its seeds are reported there.
  public var section: String

  public init(label: String, spec: SeedingSpec, seeds: [Int]? = nil, section: String = "seeding") {
    self.label = label
    self.spec = spec
    self.seeds = seeds
    self.section = section
  }
}

/// What one run of one variant produced.
public struct RunRecord: Sendable {
  public let variant: Int
  public let replicate: Int
  /// The seeds of a variant drawn for this replicate (empty when every replicate shares
  /// them).
  public let seeds: [Int]
  /// The seed of the run's stream: rerunning with it reproduces the run.
  public let seed: UInt64
  public let metrics: RunMetrics
  /// The generations of the whole cascade tree (`cascade`), then of the parts the model
  /// measures apart.
  public let generations: [GenerationTable]
  /// The model's own metrics (`SpreadingModel.extraMetricNames`).
  public let extras: [Double?]
  /// Counts per time bin through the run's last event (empty unless
  /// `MeasureSettings.timeSeries`).
  public let timeSeries: TimeSeries
  /// The same replicate run without seeds, on the same random numbers (organic adoption and
  /// advertising alone), when `MeasureSettings.lift`: the baseline of the seeds' lift.
  public var organic: Outcome?

  /// What a run counted: its metrics and the model's own (a reference, so records of runs
  /// without a lift stay as small as they were).
  public final class Outcome: Sendable {
    public let metrics: RunMetrics
    public let extras: [Double?]

    init(metrics: RunMetrics, extras: [Double?]) {
      self.metrics = metrics
      self.extras = extras
    }
  }

  /// The generations of the whole cascade tree.
  public var cascade: GenerationCounts { generations[0].counts }
}

/// Many runs of one model on one graph and population: `replicates` replicates × the
/// seeding variants, in parallel, one worker per thread with its own reusable
/// `SimulationRun`.
///
/// Streams follow `StreamPlan`: replicate r's run stream is the same for every variant
/// (common random numbers: variants differ only by their seeds), random seed choices come
/// from replicate r's seeding stream, and strategies randomized once per graph from the
/// realization's. Records come back ordered by replicate, then variant, whatever the
/// thread count.
public struct Ensemble: Sendable {
  public var graph: Graph { didSet { resolved = nil } }
  public var population: Population { didSet { resolved = nil } }
  public var variants: [SeedingVariant] { didSet { resolved = nil } }
  /// The replicate numbers to run (a range, so replicates can be spread over several graph
  /// realizations); each number fixes the replicate's streams.
  public var replicates: Range<Int>
  public var pointSeed: UInt64 { didSet { resolved = nil } }
  /// Which realization of the graph this is, for the streams of per-graph strategies.
  public var realization = 0 { didSet { resolved = nil } }
  public var horizon: Double
  public var binWidth: Double
  /// Length of a round, for models on the rounds clock.
  public var roundLength: Double
  public var settings: MeasureSettings
  public var generator: GeneratorKind
  /// The streams (`StreamPlan`) of the master seed `pointSeed`.
  var streams: StreamPlan { StreamPlan(master: pointSeed, kind: generator) }
  /// Seeds of the non-random variants, once `resolveSeeds()` has found them; cleared when
  /// anything they depend on changes.
  private var resolved: [[Int]?]?

  public init(
    graph: Graph, population: Population, variants: [SeedingVariant], replicates: Range<Int>, pointSeed: UInt64,
    horizon: Double, binWidth: Double, roundLength: Double = 24, settings: MeasureSettings = MeasureSettings(),
    generator: GeneratorKind = .standard
  ) {
    self.graph = graph
    self.population = population
    self.variants = variants
    self.replicates = replicates
    self.pointSeed = pointSeed
    self.horizon = horizon
    self.binWidth = binWidth
    self.roundLength = roundLength
    self.settings = settings
    self.generator = generator
  }

  /// Chooses the seeds of every variant that does not draw them per replicate, unless
  /// they are chosen already (benchmarks call this to keep rankings out of the timing).
  public mutating func resolveSeeds(campaign: SeedingCampaign, threads: Int) throws(ParameterError) {
    resolved = try fixedSeeds(campaign: campaign, threads: threads)
  }

  /// The seeds `variant` would use in every replicate, chosen now; nil for a per-replicate
  /// strategy.
  public func selection(of variant: Int, campaign: SeedingCampaign, threads: Int, memoryLimit: Int = .max)
    throws(ParameterError) -> SeedSelection?
  {
    let spec = variants[variant].spec
    guard spec.kind != .perReplicate else { return nil }
    let stream = streams.stream(.graphSeeding, realization)
    do {
      return try spec.select(
        SeedingContext(
          graph: graph, population: population, campaign: campaign, stream: stream, threads: threads, limit: 0,
          generator: generator, memoryLimit: memoryLimit))
    } catch { throw error.inside(variants[variant].section) }
  }

  func fixedSeeds(campaign: SeedingCampaign, threads: Int) throws(ParameterError) -> [[Int]?] {
    if let resolved { return resolved }
    var result: [[Int]?] = []
    for v in variants.indices {
      if let known = variants[v].seeds {
        result.append(known)
      } else {
        result.append(try selection(of: v, campaign: campaign, threads: threads)?.agents)
      }
    }
    return result
  }

  /// Runs everything. `progress(done)` is called (from worker threads) as replicates finish;
  /// `live` now and then with the counts of the run the first worker is in.
  public func run<Model: SpreadingModel>(
    _ model: Model, campaign: SeedingCampaign, threads: Int, progress: (@Sendable (Int) -> Void)? = nil,
    live: (@Sendable (LiveCounts) -> Void)? = nil
  ) throws(ParameterError) -> [RunRecord] {
    let fixed = try fixedSeeds(campaign: campaign, threads: threads)
    let prepared = try preparedVariants(fixed: fixed)
    let workers = Parallel.workerCount(replicates.count, threads: threads)
    var records = [RunRecord?](repeating: nil, count: replicates.count * variants.count)
    var failure: ParameterError?
    graph.in.withView { audience in
      graph.out.withView { sources in
        let model = model.prepared(audience: audience, sources: sources, population: population)
        var runs = [SimulationRun?](repeating: nil, count: workers)
        var seedStreams = [RandomStream?](repeating: nil, count: workers)
        var errors = [ParameterError?](repeating: nil, count: replicates.count)
        records.withUnsafeMutableBufferPointer { records in
          runs.withUnsafeMutableBufferPointer { runs in
            seedStreams.withUnsafeMutableBufferPointer { seedStreams in
              errors.withUnsafeMutableBufferPointer { errors in
                let shared = UncheckedSendable((records, runs, seedStreams, errors))
                Parallel.forEachChunk(replicates.count, workers: workers) { position, worker in
                  let replicate = replicates.lowerBound + position
                  let (records, runs, seedStreams, errors) = shared.value
                  if runs[worker] == nil {
                    runs[worker] = SimulationRun(
                      graph: graph, audience: audience, sources: sources, population: population, horizon: horizon,
                      binWidth: binWidth, scratch: model.scratch, kind: generator)
                    seedStreams[worker] = RandomStream(seed: 0, kind: generator)
                  }
                  let run = runs[worker]!
                  let seedStream = seedStreams[worker]!
                  if worker == 0, let live { run.watch = { live($0.liveCounts(replicate: replicate)) } }
                  let organic = settings.lift ? unseeded(model, run, replicate: replicate) : nil
                  for v in variants.indices {
                    let seeds: [Int]
                    do throws(ParameterError) {
                      seeds = try play(
                        model, run, variant: v, replicate: replicate, fixed: fixed, prepared: prepared, campaign: campaign,
                        seedStream)
                    } catch {
                      errors[position] = error
                      return
                    }
                    let (metrics, cascade) = run.measure(
                      seeds: seeds, settings: settings, countsImpressions: model.countsImpressions)
                    let extra = model.extraMetrics(run)
                    records[position * variants.count + v] = RunRecord(
                      variant: v, replicate: replicate, seeds: fixed[v] == nil ? seeds : [],
                      seed: streams.seed(.replicate, replicate),
                      metrics: metrics,
                      generations: [GenerationTable(tree: "cascade", counts: cascade)] + extra.generations,
                      extras: extra.values, timeSeries: settings.timeSeries ? run.timeSeries() : .empty,
                      organic: organic)
                  }
                  progress?(replicate)
                }
              }
            }
          }
        }
        failure = errors.lazy.compactMap { $0 }.first
      }
    }
    if let failure { throw failure }
    return records.map { $0! }
  }

  /// `replicate` run without seeds, from the replicate's stream: what happens organically.
  private func unseeded<Model: SpreadingModel>(_ model: Model, _ run: SimulationRun, replicate: Int) -> RunRecord.Outcome {
    run.begin(seed: streams.seed(.replicate, replicate))
    run.run(model, seeds: [], releases: nil, roundLength: roundLength)
    let metrics = run.measure(seeds: [], settings: settings, countsImpressions: model.countsImpressions).0
    return RunRecord.Outcome(metrics: metrics, extras: model.extraMetrics(run).values)
  }

  /// The plans of the variants that choose their seeds anew for every replicate, made once.
  private func preparedVariants(fixed: [[Int]?]) throws(ParameterError) -> [SeedingSpec.Prepared?] {
    var prepared: [SeedingSpec.Prepared?] = []
    for v in variants.indices {
      guard fixed[v] == nil else {
        prepared.append(nil)
        continue
      }
      do { prepared.append(try variants[v].spec.prepare(graph: graph, population: population)) } catch {
        throw error.inside(variants[v].section)
      }
    }
    return prepared
  }

  /// Runs variant `v` of `replicate` on `run` from its own streams and returns its seeds:
  /// the fixed ones, or those drawn from the replicate's seeding stream.
  private func play<Model: SpreadingModel>(
    _ model: Model, _ run: SimulationRun, variant v: Int, replicate: Int, fixed: [[Int]?], prepared: [SeedingSpec.Prepared?],
    campaign: SeedingCampaign, _ seedStream: RandomStream
  ) throws(ParameterError) -> [Int] {
    let seeds: [Int]
    if let known = fixed[v] {
      seeds = known
    } else {
      seedStream.reseed(streams.seed(.seeding, replicate))
      do {
        seeds =
          try variants[v].spec.select(
            SeedingContext(
              graph: graph, population: population, campaign: campaign, stream: seedStream, threads: 1, limit: 0,
              generator: generator),
            prepared: prepared[v]
          ).agents
      } catch { throw error.inside(variants[v].section) }
    }
    run.begin(seed: streams.seed(.replicate, replicate))
    run.run(model, seeds: seeds, releases: variants[v].spec.releases(count: seeds.count), roundLength: roundLength)
    return seeds
  }

  /// Reruns the given runs (variant, replicate), logging every milestone, and returns their
  /// cascade traces, in the order asked. Each is the run `run` made: the same streams.
  public func trace<Model: SpreadingModel>(
    _ model: Model, campaign: SeedingCampaign, runs: [(variant: Int, replicate: Int)]
  ) throws(ParameterError) -> [CascadeTrace] {
    let fixed = try fixedSeeds(campaign: campaign, threads: 1)
    let prepared = try preparedVariants(fixed: fixed)
    var traces: [CascadeTrace] = []
    var failure: ParameterError?
    graph.in.withView { audience in
      graph.out.withView { sources in
        let model = model.prepared(audience: audience, sources: sources, population: population)
        let run = SimulationRun(
          graph: graph, audience: audience, sources: sources, population: population, horizon: horizon, binWidth: binWidth,
          scratch: model.scratch, kind: generator)
        run.recordsMilestones = true
        let seedStream = RandomStream(seed: 0, kind: generator)
        for (v, replicate) in runs {
          do throws(ParameterError) {
            let seeds = try play(
              model, run, variant: v, replicate: replicate, fixed: fixed, prepared: prepared, campaign: campaign, seedStream)
            traces.append(run.trace(model, seeds: seeds, variant: v, replicate: replicate))
          } catch {
            failure = error
            return
          }
        }
      }
    }
    if let failure { throw failure }
    return traces
  }
}
