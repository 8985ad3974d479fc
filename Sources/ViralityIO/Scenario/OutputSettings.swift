// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// The `outputs:` section: how results are binned and classified.
public struct OutputSettings: Sendable, Equatable, Codable {
  /// Width of a time-series bin; default one day for horizons over three days, else an hour.
  public var bin: TimeSpan?
  /// Offspring that make an agent an opinion leader.
  public var leaderOffspring: Int
  /// A run that ends before the horizon with no agent beyond this generation of its
  /// cascade tree "died early" (it stopped growing by then).
  public var earlyGenerations: Int
  /// Write timeseries.csv and generations.csv (they grow with replicates × bins).
  public var details: Bool
  /// List in seeds.csv the seeds random strategies drew for every replicate (by default
  /// only the seeds fixed for a graph are listed).
  public var randomSeeds: Bool
  /// Replicates whose cascades `cascades.csv` traces, per sweep point and variant (0: no
  /// cascades.csv; more than the replicates traces them all).
  public var trace: Int
  /// Which replicates are traced.
  public var tracePick: TracePick
  /// Also run every replicate without seeds, so each run reports the lift its seeds made
  /// over organic adoption and advertising alone (`incremental_*` in runs.csv).
  public var lift: Bool

  /// Which replicates a cascade trace follows.
  public enum TracePick: String, Sendable, CaseIterable, Codable {
    /// The first ones, by replicate number.
    case first
    /// Those whose final size (agents reached) is nearest the median: typical runs.
    case median
  }

  /// The most time bins a run may have: a bin's counts are kept per worker for the whole
  /// horizon.

  public init(
    bin: TimeSpan? = nil, leaderOffspring: Int = 5, earlyGenerations: Int = 2, details: Bool = true, randomSeeds: Bool = false,
    trace: Int = 0, tracePick: TracePick = .median, lift: Bool = false
  ) {
    self.bin = bin
    self.leaderOffspring = leaderOffspring
    self.earlyGenerations = earlyGenerations
    self.details = details
    self.randomSeeds = randomSeeds
    self.trace = trace
    self.tracePick = tracePick
    self.lift = lift
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case bin, leaderOffspring = "leader_offspring", earlyGenerations = "early_generations", details
    case randomSeeds = "random_seeds", trace, tracePick = "trace_pick", lift
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      bin: try c.decodeIfPresent(TimeSpan.self, forKey: .bin), leaderOffspring: try c.value(.leaderOffspring, default: 5),
      earlyGenerations: try c.value(.earlyGenerations, default: 2), details: try c.value(.details, default: true),
      randomSeeds: try c.value(.randomSeeds, default: false), trace: try c.value(.trace, default: 0),
      tracePick: try c.choice(.tracePick, default: TracePick.median), lift: try c.value(.lift, default: false))
  }

  /// The bin width for a run of `horizon` hours.
  public func binHours(horizon: Double) -> Double { bin?.hours ?? (horizon > 72 ? 24 : 1) }

  public var measure: MeasureSettings {
    MeasureSettings(leaderOffspring: leaderOffspring, earlyGenerations: earlyGenerations, timeSeries: details, lift: lift)
  }

  /// Checks the section's own keys (the number of bins a horizon makes is checked with the
  /// horizon, by `Scenario`).
  public func validate() throws(ParameterError) {
    do throws(ParameterError) {
      if let bin, !(bin.hours > 0) { throw ParameterError("bin", "must be a positive duration; got \(bin)") }
      try Check.atLeast(leaderOffspring, 1, "leader_offspring")
      try Check.atLeast(earlyGenerations, 0, "early_generations")
      try Check.atLeast(trace, 0, "trace")
    } catch { throw error.inside("outputs") }
  }
}
