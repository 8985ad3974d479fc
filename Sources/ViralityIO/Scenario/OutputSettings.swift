// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

/// The `outputs:` section: how results are binned and classified.
public struct OutputSettings: Sendable, Equatable, Codable {
  /// Width of a time-series bin; default one day for horizons over three days, else an hour.
  public var bin: TimeSpan?
  /// Offspring that make an agent an opinion leader.
  public var leaderOffspring: Int
  /// A cascade that ends before the horizon with fewer agents than this "died early";
  /// default ten times the number of seeds.
  public var smallCascade: Int?
  /// Write timeseries.csv and generations.csv (they grow with replicates × bins).
  public var details: Bool

  public init(bin: TimeSpan? = nil, leaderOffspring: Int = 5, smallCascade: Int? = nil, details: Bool = true) {
    self.bin = bin
    self.leaderOffspring = leaderOffspring
    self.smallCascade = smallCascade
    self.details = details
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case bin, leaderOffspring = "leader_offspring", smallCascade = "small_cascade", details
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      bin: try c.decodeIfPresent(TimeSpan.self, forKey: .bin), leaderOffspring: try c.value(.leaderOffspring, default: 5),
      smallCascade: try c.decodeIfPresent(Int.self, forKey: .smallCascade), details: try c.value(.details, default: true))
  }

  /// The bin width for a run of `horizon` hours.
  public func binHours(horizon: Double) -> Double { bin?.hours ?? (horizon > 72 ? 24 : 1) }

  public var measure: MeasureSettings { MeasureSettings(leaderOffspring: leaderOffspring, smallCascade: smallCascade) }

  public func validate(horizon: Double) throws(ParameterError) {
    do throws(ParameterError) {
      if let bin {
        guard bin.hours > 0 else { throw ParameterError("bin", "must be a positive duration; got \(bin)") }
        guard horizon / bin.hours <= 100_000 else {
          throw ParameterError("bin", "gives more than 100000 bins over the horizon; use a wider bin")
        }
      }
      try Check.atLeast(leaderOffspring, 1, "leader_offspring")
      if let smallCascade { try Check.atLeast(smallCascade, 1, "small_cascade") }
    } catch { throw error.inside("outputs") }
  }
}
