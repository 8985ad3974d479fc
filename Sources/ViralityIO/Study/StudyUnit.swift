// SPDX-License-Identifier: GPL-3.0-or-later

/// One unit of work of a study: a block of replicates of one sweep point on one graph
/// realization, all seeding variants together (`viral graph`'s units have no replicates).
public struct StudyUnit: Sendable, Equatable {
  /// Position in the study's order of units.
  public let index: Int
  /// The sweep point, by position in the study's `loaded.points`.
  public let point: Int
  public let realization: Int
  /// Which distinct `graph:` section (and master seed) the point's graph comes from.
  public let graph: Int
  public let replicates: Range<Int>
}
