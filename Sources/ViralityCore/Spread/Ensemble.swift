// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// One seeding variant of an ensemble: a label and how to choose the seeds.
public struct SeedingVariant: Sendable, Equatable {
  public var label: String
  public var spec: SeedingSpec

  public init(label: String, spec: SeedingSpec) {
    self.label = label
    self.spec = spec
  }
}

/// What one run of one variant produced.
public struct RunRecord: Sendable {
  public let variant: Int
  public let replicate: Int
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

  /// The generations of the whole cascade tree.
  public var cascade: GenerationCounts { generations[0].counts }
}

/// Many runs of one model on one graph and population: `replicates` replicates × the
/// seeding variants, in parallel, one worker per thread with its own reusable
/// `SimulationRun`.
///
/// Replicate r uses the stream seed `derive(pointSeed, .replicate, r)` for every variant
/// (common random numbers: variants differ only by their seeds), and random seed choices
/// come from `derive(pointSeed, .seeding, r)`. Records come back ordered by replicate, then
/// variant, whatever the thread count.
public struct Ensemble: Sendable {
  public var graph: Graph { didSet { resolved = nil } }
  public var population: Population { didSet { resolved = nil } }
  public var variants: [SeedingVariant] { didSet { resolved = nil } }
  /// The replicate numbers to run (a range, so replicates can be spread over several graph
  /// realizations); each number fixes the replicate's streams.
  public var replicates: Range<Int>
  public var pointSeed: UInt64 { didSet { resolved = nil } }
  public var horizon: Double
  public var binWidth: Double
  /// Length of a round, for models on the rounds clock.
  public var roundLength: Double
  public var settings: MeasureSettings
  public var generator: GeneratorKind
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

  /// Finds the seeds of the non-random variants now rather than at the start of `run`
  /// (rankings and label lookups are O(n); benchmarks keep them out of the timing).
  public mutating func resolveSeeds() throws(ParameterError) { resolved = try fixedSeeds() }

  /// The seeds every replicate of `variant` would use if it is not random (nil if random).
  func fixedSeeds() throws(ParameterError) -> [[Int]?] {
    if let resolved { return resolved }
    let stream = RandomStream(seed: pointSeed, kind: generator)
    var result: [[Int]?] = []
    for variant in variants {
      result.append(variant.spec.isRandom ? nil : try variant.spec.seeds(in: graph, population: population, stream: stream))
    }
    return result
  }

  /// Runs everything. `progress(done)` is called (from worker threads) as replicates finish.
  public func run<Model: SpreadingModel>(
    _ model: Model, threads: Int, progress: (@Sendable (Int) -> Void)? = nil
  ) throws(ParameterError) -> [RunRecord] {
    let fixed = try fixedSeeds()
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
                  let runSeed = StreamSeed.derive(master: pointSeed, purpose: .replicate, index: UInt64(replicate))
                  for (v, variant) in variants.enumerated() {
                    let seeds: [Int]
                    if let known = fixed[v] {
                      seeds = known
                    } else {
                      seedStream.reseed(StreamSeed.derive(master: pointSeed, purpose: .seeding, index: UInt64(replicate)))
                      do throws(ParameterError) {
                        seeds = try variant.spec.seeds(in: graph, population: population, stream: seedStream)
                      } catch {
                        errors[position] = error
                        return
                      }
                    }
                    run.begin(seed: runSeed)
                    run.run(model, seeds: seeds, roundLength: roundLength)
                    let (metrics, cascade) = run.measure(seeds: seeds, settings: settings)
                    let extra = model.extraMetrics(run)
                    records[position * variants.count + v] = RunRecord(
                      variant: v, replicate: replicate, seed: runSeed, metrics: metrics,
                      generations: [GenerationTable(tree: "cascade", counts: cascade)] + extra.generations,
                      extras: extra.values, timeSeries: settings.timeSeries ? run.timeSeries() : .empty)
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
}
