// SPDX-License-Identifier: GPL-3.0-or-later
import RealModule

/// How much of an account's audience one of its posts reaches and moves, as a factor on
/// every per-follower chance or rate a model gives a post (`population.attention`):
///
/// - a power law, `(followers / reference)^(−exponent)`: the share of followers who see and
///   engage with a post falls as the account grows, so a celebrity with 100× the followers
///   moves far fewer than 100× the people;
/// - a table by follower tier (`population.tiers`), tiers it does not list at 1.
///
/// The default exponent, 0.165, is the least-squares slope of log like rate on log followers
/// in Markerly's study of 2 million Instagram accounts (2016: about 8% of followers like a
/// post below 1,000 followers, 4% at 1,000–10,000, 2.37% at 10,000–100,000, 1.66% at 1–10
/// million; reported by Digiday and Marketing Dive), taking each band at its geometric middle.
/// HypeAuditor's 2026 tiers (1.78% nano, 0.54% micro, 0.33% mega) give 0.22. The fall is the
/// mechanism S. Wies, A. Bleier & A. Edeling found in 802 campaigns (J. Marketing 87:383,
/// 2023): a larger audience signals a weaker tie to each follower. The default reference is
/// the graph's mean follower count, so an account of typical size keeps the model's rates.
///
/// Exponent 0 (or every tier at 1) is no attention effect: every factor is exactly 1 and
/// the models take the paths they take without this section.
public enum Attention: Sendable, Equatable {
  /// `exponent` ≥ 0; `reference` in followers (nil: the graph's mean follower count).
  case powerLaw(exponent: Double, reference: Double?)
  /// Factor per tier name.
  case byTier([String: Double])

  public static let publishedExponent = 0.165
  public static let published = Attention.powerLaw(exponent: publishedExponent, reference: nil)

  public func validate(tiers: FollowerTiers) throws(ParameterError) {
    do throws(ParameterError) {
      switch self {
      case .powerLaw(let exponent, let reference):
        guard exponent >= 0, exponent <= 2 else {
          throw ParameterError(
            "exponent",
            "must be between 0 (no effect) and 2; published engagement rates by follower count give about 0.17; got \(exponent.shortDescription)"
          )
        }
        if let reference { try Check.positive(reference, "reference") }
      case .byTier(let factors):
        for (tier, factor) in factors.sorted(by: { $0.key < $1.key }) {
          guard tiers.names.contains(tier) else {
            throw ParameterError(
              path: ["by_tier", tier], message: "no tier '\(tier)'; tiers: \(tiers.names.joined(separator: ", "))")
          }
          guard factor >= 0, factor <= 10 else {
            throw ParameterError(
              path: ["by_tier", tier], message: "must be a factor between 0 and 10; got \(factor.shortDescription)")
          }
        }
      }
    } catch { throw error.inside("attention") }
  }

  /// Every agent's factor on `graph`: constant 1 when the section has no effect.
  /// - Complexity: O(n).
  public func factors(for graph: Graph, tiers: FollowerTiers) -> AgentAttribute {
    let n = graph.nodeCount
    switch self {
    case .powerLaw(let exponent, let reference):
      guard exponent > 0, n > 0 else { return .constant(1) }
      let reference = reference ?? max(Double(graph.arcCount) / Double(n), 1)
      // An account without followers has no audience: its factor never applies.
      return .values(
        (0..<n).map { Double.pow(Double(max(graph.followerCount(of: $0), 1)) / reference, -exponent) })
    case .byTier(let factors):
      guard factors.values.contains(where: { $0 != 1 }) else { return .constant(1) }
      let factor = tiers.byBand(factors, missing: 1)
      return .values((0..<n).map { factor[tiers.band(followers: graph.followerCount(of: $0))] })
    }
  }
}
