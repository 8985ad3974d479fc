// SPDX-License-Identifier: GPL-3.0-or-later

/// Influencer tiers by follower count: each tier is every agent with at least its lower
/// bound of followers and fewer than the next tier's; agents below the lowest bound are
/// `ordinary`.
///
/// The default bands are the industry's: celebrity (mega) 1,000,000 followers and more,
/// macro 100,000, micro 10,000, nano 1,000 (S. Campbell & J. R. Farrell, "More than meets
/// the eye: The functional components underlying influencer marketing", Business Horizons
/// 63:469, 2020; the 1,000 floor of nano influencers is the common industry convention).
/// A simulated network smaller than a national one should scale them: a scenario sets its
/// own with `population.tiers`.
public struct FollowerTiers: Sendable, Equatable {
  /// Tiers from the largest lower bound down.
  public let bands: [(name: String, minimum: Int)]

  public static let ordinary = "ordinary"
  public static let standard = FollowerTiers(
    checked: [("celebrity", 1_000_000), ("macro", 100_000), ("micro", 10_000), ("nano", 1_000)])

  private init(checked bands: [(name: String, minimum: Int)]) { self.bands = bands }

  /// Tiers from name → lowest follower count, in any order.
  public init(_ minimums: [(name: String, minimum: Int)]) throws(ParameterError) {
    for band in minimums {
      guard band.minimum >= 1 else {
        throw ParameterError(path: ["tiers", band.name], message: "must be a follower count of at least 1; got \(band.minimum)")
      }
      guard band.name != Self.ordinary else {
        throw ParameterError(
          path: ["tiers", band.name], message: "'ordinary' names the agents below every tier; pick another name")
      }
    }
    let sorted = minimums.sorted { $0.minimum > $1.minimum }
    for (a, b) in zip(sorted, sorted.dropFirst()) where a.minimum == b.minimum {
      throw ParameterError(path: ["tiers", b.name], message: "has the same lower bound as \(a.name) (\(a.minimum))")
    }
    bands = sorted
  }

  public static func == (a: FollowerTiers, b: FollowerTiers) -> Bool {
    a.bands.map(\.name) == b.bands.map(\.name) && a.bands.map(\.minimum) == b.bands.map(\.minimum)
  }

  /// Every tier name, the largest first, then `ordinary`.
  public var names: [String] { bands.map(\.name) + [Self.ordinary] }

  /// The tier of an agent with `followers` followers.
  public func tier(followers: Int) -> String { names[band(followers: followers)] }

  /// The position in `names` of the tier of an agent with `followers` followers.
  @inline(__always)
  public func band(followers: Int) -> Int {
    var i = 0
    while i < bands.count && followers < bands[i].minimum { i += 1 }
    return i
  }

  /// A value per tier, in `names` order, from `table` (tier name → value; `missing` for
  /// tiers it does not list): for per-agent lookups by `band(followers:)`.
  public func byBand(_ table: [String: Double], missing: Double) -> [Double] { names.map { table[$0] ?? missing } }

  /// The bands in words, for messages.
  public var bandsDescription: String {
    var parts: [String] = []
    var upper: Int?
    for band in bands {
      parts.append("\(band.name) \(band.minimum)\(upper.map { "–\($0 - 1)" } ?? "+")")
      upper = band.minimum
    }
    parts.append("\(Self.ordinary) below \(bands.last?.minimum ?? 0)")
    return parts.joined(separator: ", ") + " followers"
  }

  /// Which of `count` agents belong to one of `tiers`.
  public func members(_ tiers: [String], followers: (Int) -> Int, count: Int) throws(ParameterError) -> [Bool] {
    for name in tiers where !names.contains(name) {
      throw ParameterError("tier", "no tier '\(name)'; tiers: \(names.joined(separator: ", "))")
    }
    let wanted = names.map { tiers.contains($0) }
    return (0..<count).map { wanted[band(followers: followers($0))] }
  }
}
