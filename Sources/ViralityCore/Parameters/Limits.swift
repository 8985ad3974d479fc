// SPDX-License-Identifier: GPL-3.0-or-later
import RealModule

/// Every bound Viral puts on a count or a size a scenario sets, in one place. The checks
/// that refuse a scenario read them here, and `viral validate`, `run`, `sweep`, `split` and
/// `compare` run the same checks before any allocation or loop, so they agree by
/// construction. Scenarios/README.md's "Limits" table lists them (`LimitsTests` keeps it
/// true).
public enum Limits {
  /// Agents of a graph: ids are 32-bit, with one value kept for "none".
  public static let agents = Int(UInt32.max) - 1
  /// Replicates of a scenario, and a split's `max_replicates`.
  public static let replicates = 10_000_000
  /// The mean of a count drawn from a distribution (a Poisson mean; 1 / a geometric p): GSL
  /// draws counts as 32-bit numbers, and a mean near 2^32 would overflow them (and its
  /// sampler would not end); no count a scenario draws comes near 10^9.
  public static let countMean = 1e9
  /// Binomial trials.
  public static let binomialTrials = Int(UInt32.max)
  /// Contacts advertising makes a day, and between its start and end.
  public static let mediaContacts = 1e9
  /// Friends' posts a nomination counts toward joining alone (`self_join.saturate_at`).
  public static let countedPosts = Int(UInt32.max)
  /// Starters of a nomination wave.
  public static let waveStarters = Int(UInt32.max)
  /// A budget (`seeding.budget`, `split.budget`), in money: a thousand times the world's
  /// yearly advertising spend, so that sums and shares of it stay exact and finite.
  public static let budget = 1e15
  /// A segment effect's factor: effects are relative differences between segments.
  public static let segmentFactor = 100.0
  /// Points of a sweep.
  public static let sweepPoints = 1_000_000
  /// Sweep points checked one by one before any run; a larger sweep has its first point
  /// checked whole and every listed value and range end.
  public static let pointsCheckedOneByOne = 10_000
  /// Time bins of a run's series (horizon / bin).
  public static let bins = 100_000
  /// Allocations of a split (arms and step).
  public static let allocations = 5_000
  /// Bytes of a scenario's name (it names the results folder, whose staging name adds
  /// about 20 to a file system's 255).
  public static let nameBytes = 100
  /// Values a YAML file may expand to through its aliases.
  public static let yamlValues = 1_000_000
  /// Reverse-reachable sets of `imm` and `opim-c` (their numbers are 32-bit).
  public static let reverseReachableSets = 1 << 31

  /// Every limit, with the name Scenarios/README.md gives it.
  public static let all: [(name: String, value: String)] = [
    ("agents", agents.formatted), ("replicates", replicates.formatted), ("count mean", countMean.formatted),
    ("binomial trials", binomialTrials.formatted), ("media contacts", mediaContacts.formatted),
    ("counted posts", countedPosts.formatted),
    ("wave starters", waveStarters.formatted),
    ("budget", budget.formatted), ("segment factor", segmentFactor.formatted), ("sweep points", sweepPoints.formatted),
    ("points checked one by one", pointsCheckedOneByOne.formatted), ("bins", bins.formatted),
    ("allocations", allocations.formatted), ("name bytes", String(nameBytes)), ("YAML values", yamlValues.formatted),
    ("reverse-reachable sets", reverseReachableSets.formatted),
  ]
}

extension Double {
  /// A whole number below a million as it is, a larger power of ten as 10^k.
  fileprivate var formatted: String {
    if self == rounded(), self < 1e6 { return Int(self).formatted }
    let exponent = Int(Double.log10(self).rounded())
    return Double.pow(10, Double(exponent)) == self ? "10^\(exponent)" : shortDescription
  }
}

extension Int {
  /// With thousands separated by commas, as the README writes numbers.
  fileprivate var formatted: String {
    let digits = Array(String(self))
    return String(
      digits.enumerated().flatMap { i, digit in (i > 0 && (digits.count - i) % 3 == 0) ? [",", digit] : [digit] })
  }
}
