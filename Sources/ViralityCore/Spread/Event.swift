// SPDX-License-Identifier: GPL-3.0-or-later

/// Something scheduled to happen to `node` at `time` (hours), on behalf of `source`.
/// `kind` and `tag` are the model's own. Events at the same time fire in the order they
/// were scheduled, so runs are deterministic.
public struct Event: Comparable, Sendable {
  public var time: Double
  public var sequence: UInt64
  public var node: UInt32
  public var source: UInt32
  public var tag: UInt32
  public var kind: UInt8

  /// `source` of an event nobody caused (advertising, media, the campaign itself).
  public static let noSource = UInt32.max
  /// The kind of the engine's own events: a seed released by a staggered wave. Models use
  /// kinds below it.
  public static let seedRelease = UInt8.max

  public static func < (a: Event, b: Event) -> Bool {
    a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
  }

  public static func == (a: Event, b: Event) -> Bool { a.time == b.time && a.sequence == b.sequence }
}

/// The milestones the engine counts for every model: heard of it (aware), passing it on
/// (engaged), converted (adopted), stopped passing it on (stopped). Each model documents
/// which transitions it reports as which.
public enum Milestone: Int, CaseIterable, Sendable {
  case aware = 0, engaged, adopted, stopped

  public var name: String {
    switch self {
    case .aware: "aware"
    case .engaged: "engaged"
    case .adopted: "adopted"
    case .stopped: "stopped"
    }
  }

  var bit: UInt8 { 1 << UInt8(rawValue) }
}

/// A set of milestones, to report several at once.
public struct Milestones: OptionSet, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public init(_ milestone: Milestone) { rawValue = milestone.bit }

  public static let aware = Milestones(.aware)
  public static let engaged = Milestones(.engaged)
  public static let adopted = Milestones(.adopted)
  public static let stopped = Milestones(.stopped)
  /// Aware, engaged and adopted at once (models where hearing is adopting).
  public static let adoption: Milestones = [.aware, .engaged, .adopted]
}
