// SPDX-License-Identifier: GPL-3.0-or-later

/// How a simulation keeps a directed graph while its runs go on (`graph.storage`). Results
/// are the same either way; only memory differs.
public enum GraphStorage: String, Sendable, Codable, CaseIterable {
  /// Compact when the plain graph would not fit beside the runs and the compact one would.
  case auto
  /// Both views' rows: 8 bytes a follow.
  case plain
  /// After the statistics and the seeds chosen before the runs, only the follower rows, the
  /// row lengths and a bit a follow (`Graph.compactedForRuns`): 4.1 bytes a follow.
  case compact
}
