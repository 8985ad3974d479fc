// SPDX-License-Identifier: GPL-3.0-or-later

/// One run's counts per time bin, from time 0 through the bin of the run's last event (the
/// bins after it would all be zero, so a run's record grows with the cascade, not with the
/// horizon): the milestones reached in each bin (first times, and again by agents that
/// return to a former state), and each bin's cohort — the agents reached in it — with how
/// many agents that cohort reached in turn.
public struct TimeSeries: Sendable, Equatable {
  /// The width of a bin, in hours.
  public let binWidth: Double
  /// The bins recorded.
  public let binCount: Int
  /// New milestones, one block of `binCount` bins per milestone; then the same blocks for
  /// milestones reached again.
  private let milestones: [Int32]
  /// Agents reached per bin, then the agents each bin's cohort reached in turn.
  private let cohorts: [Int32]

  /// A series of `binCount` bins; `milestones` holds one block of bins per milestone and
  /// `cohorts` the reached counts followed by the onward counts.
  init(binWidth: Double, binCount: Int, milestones: [Int32], cohorts: [Int32]) {
    precondition(milestones.count == 2 * Milestone.allCases.count * binCount && cohorts.count == 2 * binCount)
    self.binWidth = binWidth
    self.binCount = binCount
    self.milestones = milestones
    self.cohorts = cohorts
  }

  /// An empty series (for records that keep no time series).
  public static let empty = TimeSeries(binWidth: 1, binCount: 0, milestones: [], cohorts: [])

  /// Agents that reached `milestone` in `bin`.
  public func new(_ milestone: Milestone, bin: Int) -> Int { Int(milestones[milestone.rawValue * binCount + bin]) }

  /// Agents that reached `milestone` again in `bin`, having reached it before (a second
  /// talking episode in SIS word of mouth); 0 in models where no one returns.
  public func again(_ milestone: Milestone, bin: Int) -> Int {
    Int(milestones[(Milestone.allCases.count + milestone.rawValue) * binCount + bin])
  }

  /// Agents reached (entered the cascade tree) in `bin`: the bin's cohort.
  public func reached(bin: Int) -> Int { Int(cohorts[bin]) }

  /// Agents the cohort of `bin` reached in turn, whenever they did.
  public func onward(bin: Int) -> Int { Int(cohorts[binCount + bin]) }

  /// The start of `bin`, in hours.
  public func start(of bin: Int) -> Double { Double(bin) * binWidth }
}
