// SPDX-License-Identifier: GPL-3.0-or-later

/// A column of the short table `viral run` prints: the header (with its unit) and the
/// metric whose mean it shows. Each model names the columns that matter for it
/// (`CampaignModel.summaryColumns`): participants and money for a nomination challenge,
/// buyers and cost per buyer for a funnel, the final size for cascades and rumours.
public struct SummaryColumn: Sendable, Equatable {
  /// How the metric's mean is shown.
  public enum Scale: Sendable, Equatable {
    /// As it is.
    case plain
    /// A share, in percent.
    case percent
    /// A count, in percent of all agents.
    case percentOfAgents
    /// Hours, in days.
    case days
  }

  public let header: String
  /// The `runs.csv` column.
  public let metric: String
  public let scale: Scale
  public let decimals: Int
  /// Whether the 95% interval is shown beside the mean.
  public let interval: Bool

  public init(_ header: String, _ metric: String, scale: Scale = .plain, decimals: Int = 0, interval: Bool = false) {
    self.header = header
    self.metric = metric
    self.scale = scale
    self.decimals = decimals
    self.interval = interval
  }

  /// The final size of a cascade: agents reached, with its interval, and their share.
  public static let finalSize = [
    SummaryColumn("final size (agents)", "reached", interval: true),
    SummaryColumn("final size (%)", "reached_share", scale: .percent, decimals: 1),
  ]

  /// The cascade tree's shape.
  public static let shape = [
    SummaryColumn("depth (generations)", "depth", decimals: 1),
    SummaryColumn("virality", "structural_virality", decimals: 2),
  ]
}
