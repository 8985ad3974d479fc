// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// Every random stream of a study, derived from the scenario's master seed in one place
/// (`StreamSeed.derive(master, purpose, index)`, SplitMix64):
///
/// | stream | purpose | index |
/// | --- | --- | --- |
/// | graph realization g | `graph` | g |
/// | its agents' attributes | `population` | g |
/// | its separation sample | `separation` | g |
/// | seeds of per-graph strategies (IMM, CELF) on it | `graphSeeding` | g |
/// | replicate r's run, for every variant | `replicate` | r |
/// | replicate r's random seeds, for every variant | `seeding` | r |
/// | bootstrap of summary group i | `bootstrap` | i |
///
/// Nothing depends on the sweep point, the variant, the thread count or the order in which
/// work is done. So sweep points and seeding variants share common random numbers: the same
/// graphs, agents and replicate streams, and differences between them are paired. A sweep
/// that wants independent points sweeps `seed` itself.
public struct StreamPlan: Sendable, Equatable {
  public let master: UInt64
  public let kind: GeneratorKind

  public init(master: UInt64, kind: GeneratorKind = .standard) {
    self.master = master
    self.kind = kind
  }

  public func seed(_ purpose: StreamPurpose, _ index: Int) -> UInt64 {
    StreamSeed.derive(master: master, purpose: purpose, index: UInt64(index))
  }

  public func stream(_ purpose: StreamPurpose, _ index: Int) -> RandomStream {
    RandomStream(seed: seed(purpose, index), kind: kind)
  }
}
