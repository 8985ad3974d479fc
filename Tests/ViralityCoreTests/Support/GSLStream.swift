// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// Streams for tests, seeded like the tool seeds them.
enum GSLStream {
  static func make(_ seed: UInt64) -> RandomStream {
    RandomStream(seed: StreamSeed.derive(master: seed, purpose: .graph))
  }
}
