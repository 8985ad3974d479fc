// SPDX-License-Identifier: GPL-3.0-or-later

/// Where a run under way stands, for a live status line: its simulated time and how many
/// agents have reached each milestone so far.
public struct LiveCounts: Sendable, Equatable {
  public let replicate: Int
  /// Simulated time, in hours.
  public let hours: Double
  public let aware: Int
  /// Took part (shared, talked, did the challenge).
  public let engaged: Int
  public let adopted: Int
}
