// SPDX-License-Identifier: GPL-3.0-or-later

/// What a random stream is used for. Each purpose gets its own family of seeds derived from
/// the scenario's master seed, so adding draws to one part of a simulation never shifts the
/// numbers another part sees. Raw values are part of the reproducibility contract: never
/// renumber them.
public enum StreamPurpose: UInt64, Sendable, CaseIterable {
  case graph = 1
  case population = 2
  case seeding = 3
  case replicate = 4
  case sweepPoint = 5
  case separation = 6
  case benchmark = 7
  case agentDraws = 8
  case bootstrap = 9
  case graphSeeding = 10
  case sweepDesign = 11
  case clustering = 12
}

/// Derives the seed of one stream from a master seed, a purpose and an index with SplitMix64
/// (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).
///
/// The derivation depends only on its three inputs, never on which thread asks or when, so
/// results do not depend on the thread count.
public enum StreamSeed {
  /// One SplitMix64 step: a bijective 64-bit mixing function.
  @inlinable
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ golden
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// SplitMix64's increment, 2^64 divided by the golden ratio.
  public static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// The seed for stream `index` of `purpose` under `master`.
  @inlinable
  public static func derive(master: UInt64, purpose: StreamPurpose, index: UInt64 = 0) -> UInt64 {
    mix(mix(mix(master) ^ purpose.rawValue) ^ index)
  }

}
