// SPDX-License-Identifier: GPL-3.0-or-later
internal import CGSL

/// The GSL generator algorithms Viral offers. All of them return 32 random bits per call.
public enum GeneratorKind: String, Sendable, CaseIterable, Codable {
  /// Maximally equidistributed combined Tausworthe generator (L'Ecuyer, Math. Comp. 65:203,
  /// 1996), period 2^88: the default. A GSL draw costs less than half of an MT19937 draw
  /// (3.7 against 8.4 ns on the reference machine) and reseeding writes 3 words instead of
  /// 624. Like MT19937 it is linear over GF(2), which TestU01's linear-complexity and
  /// matrix-rank tests detect in both. Streams start at hashed states, so with 2^88 of them
  /// two streams' stretches in one study overlap with negligible probability.
  case taus2
  /// Mersenne Twister MT19937 (Matsumoto & Nishimura 1998), period 2^19937 − 1.
  case mt19937
  /// RANLUX at luxury level 2 (Lüscher 1994): slow, with a proof of decorrelation.
  case ranlxd2

  /// The generator scenarios use unless they name one (`rng:`).
  public static let standard = GeneratorKind.taus2

  /// GSL's name for the algorithm (as in `manifest.json`).
  public var gslName: String { String(cString: gslType.pointee.name) }

  var gslType: UnsafePointer<gsl_rng_type> {
    switch self {
    case .taus2: cgsl_rng_taus2()
    case .mt19937: cgsl_rng_mt19937()
    case .ranlxd2: cgsl_rng_ranlxd2()
    }
  }
}

/// One stream of random numbers: a GSL generator owned by this object and freed with it.
///
/// Every random number in Viral comes from a `RandomStream`. A stream is not shared between
/// threads: each worker owns its own, seeded by `StreamSeed.derive`, so results never depend
/// on scheduling.
public final class RandomStream {
  /// The GSL generator (internal so tests can check Viral's draws against GSL's own).
  let generator: UnsafeMutablePointer<gsl_rng>
  /// The generator algorithm.
  public let kind: GeneratorKind
  /// The 64-bit seed this stream started from (or was last reseeded with).
  public private(set) var seed: UInt64

  /// Creates a stream of `kind` starting from `seed`.
  ///
  /// GSL's `gsl_rng_set` keeps only 32 bits of a seed. For taus2 and MT19937, whose state
  /// layouts are checked once at run time, the state is filled from the 64-bit seed with
  /// SplitMix64 instead (see `fillTauswortheState` and `fillMersenneTwisterState`), so that
  /// distinct 64-bit seeds give distinct streams; RANLUX is seeded with a 32-bit fold of
  /// the seed.
  public init(seed: UInt64, kind: GeneratorKind = .standard) {
    GSLRuntime.prepare()
    guard let generator = gsl_rng_alloc(kind.gslType) else {
      fatalError("GSL could not allocate a \(kind.rawValue) generator (out of memory)")
    }
    precondition(
      gsl_rng_max(generator) - gsl_rng_min(generator) == 0xFFFF_FFFF,
      "Viral expects 32-bit GSL generators")
    self.generator = generator
    self.kind = kind
    self.seed = seed
    reseed(seed)
  }

  /// A stream in `other`'s exact state (GSL's `gsl_rng_clone`): from here on both give the
  /// same draws, so a pass can be replayed (a graph drawn once to count its rows and once
  /// to fill them).
  private init(copying other: RandomStream) {
    guard let generator = gsl_rng_clone(other.generator) else {
      fatalError("GSL could not copy a \(other.kind.rawValue) generator (out of memory)")
    }
    self.generator = generator
    kind = other.kind
    seed = other.seed
  }

  /// A copy of this stream in its current state (see `init(copying:)`).
  public func copy() -> RandomStream { RandomStream(copying: self) }

  deinit { gsl_rng_free(generator) }

  /// Restarts the stream from `seed`, as if newly created, without allocating: workers
  /// reseed one stream per replicate.
  public func reseed(_ seed: UInt64) {
    self.seed = seed
    if kind == .taus2 && Self.tauswortheLayoutKnown {
      Self.fillTauswortheState(generator, from: seed)
    } else if kind == .mt19937 && Self.mersenneLayoutKnown {
      Self.fillMersenneTwisterState(generator, from: seed)
    } else {
      let folded = UInt(truncatingIfNeeded: (seed ^ (seed >> 32)) & 0xFFFF_FFFF)
      gsl_rng_set(generator, folded == 0 ? 0x5EED : folded)
    }
  }

  /// Whether GSL's taus2 state is laid out as `cgsl_taus_state`: a state written there must
  /// step as L'Ecuyer's recurrence says (checked once, on one step from a fixed state).
  private static let tauswortheLayoutKnown: Bool = {
    guard let probe = gsl_rng_alloc(cgsl_rng_taus2()) else { return false }
    defer { gsl_rng_free(probe) }
    guard gsl_rng_size(probe) == MemoryLayout<cgsl_taus_state>.size, let raw = gsl_rng_state(probe) else { return false }
    let state = raw.assumingMemoryBound(to: cgsl_taus_state.self)
    let (s1, s2, s3): (UInt32, UInt32, UInt32) = (0x1234_5678, 0x9ABC_DEF0, 0x0FED_CBA9)
    state.pointee = cgsl_taus_state(s1: UInt(s1), s2: UInt(s2), s3: UInt(s3))
    // One step of each of the three components (L'Ecuyer 1996, the generator taus88).
    let t1 = (s1 & 0xFFFF_FFFE) << 12 ^ ((s1 << 13) ^ s1) >> 19
    let t2 = (s2 & 0xFFFF_FFF8) << 4 ^ ((s2 << 2) ^ s2) >> 25
    let t3 = (s3 & 0xFFFF_FFF0) << 17 ^ ((s3 << 3) ^ s3) >> 11
    return gsl_rng_get(probe) == UInt(t1 ^ t2 ^ t3) && state.pointee.s1 == UInt(t1) && state.pointee.s3 == UInt(t3)
  }()

  /// Fills taus2's three components from the first two outputs of SplitMix64 started at
  /// `seed`. Only their top 31, 29 and 28 bits matter, 88 bits in all; each must have one
  /// of them set (s1 ≥ 2, s2 ≥ 8, s3 ≥ 16), as GSL's own seeding ensures.
  private static func fillTauswortheState(_ generator: UnsafeMutablePointer<gsl_rng>, from seed: UInt64) {
    let state = gsl_rng_state(generator)!.assumingMemoryBound(to: cgsl_taus_state.self)
    let (z1, z2) = (StreamSeed.mix(seed), StreamSeed.mix(seed &+ StreamSeed.golden))
    let (s1, s2, s3) = (z1 >> 32, z1 & 0xFFFF_FFFF, z2 >> 32)
    state.pointee = cgsl_taus_state(
      s1: UInt(s1 < 2 ? s1 + 2 : s1), s2: UInt(s2 < 8 ? s2 + 8 : s2), s3: UInt(s3 < 16 ? s3 + 16 : s3))
  }

  /// Whether GSL's MT19937 state is laid out as `cgsl_mt19937_state` (checked once: after
  /// `gsl_rng_set(r, s)` the first word is s and the index points past the block).
  private static let mersenneLayoutKnown: Bool = {
    guard let probe = gsl_rng_alloc(cgsl_rng_mt19937()) else { return false }
    defer { gsl_rng_free(probe) }
    gsl_rng_set(probe, 12345)
    guard gsl_rng_size(probe) == MemoryLayout<cgsl_mt19937_state>.size, let raw = gsl_rng_state(probe) else { return false }
    let state = raw.assumingMemoryBound(to: cgsl_mt19937_state.self)
    return state.pointee.mti == 624 && state.pointee.mt.0 == 12345
  }()

  /// Fills MT19937's 624 state words with the first 312 outputs of SplitMix64 started at
  /// `seed` (two 32-bit words each; independent of each other, so the loop pipelines) and
  /// sets the index to 0, so the first draws read this state without twisting it first.
  /// Because the twist is a bijection, that is exactly MT19937 started from the state that
  /// twists into this one: a genuine MT19937 sequence, seeded from all 64 bits, in a few
  /// hundred nanoseconds (runs reseed once per replicate).
  private static func fillMersenneTwisterState(_ generator: UnsafeMutablePointer<gsl_rng>, from seed: UInt64) {
    let state = gsl_rng_state(generator)!.assumingMemoryBound(to: cgsl_mt19937_state.self)
    withUnsafeMutableBytes(of: &state.pointee.mt) { bytes in
      let words = bytes.bindMemory(to: UInt.self)
      for i in 0..<words.count / 2 {
        let z = StreamSeed.mix(seed &+ UInt64(truncatingIfNeeded: i) &* StreamSeed.golden)
        words[2 * i] = UInt(truncatingIfNeeded: z >> 32)
        words[2 * i + 1] = UInt(truncatingIfNeeded: z & 0xFFFF_FFFF)
      }
      // The one state MT19937 cannot leave (all zero but the top bit of word 0); odds 2^-19937.
      if words.dropFirst().allSatisfy({ $0 == 0 }) && words[0] & 0x7FFF_FFFF == 0 { words[1] = 1 }
    }
    state.pointee.mti = 0
  }

  // MARK: Raw draws

  /// 32 random bits.
  @inline(__always)
  public func nextBits() -> UInt32 {
    UInt32(truncatingIfNeeded: gsl_rng_get(generator))
  }

  /// Uniform on [0, 1).
  @inline(__always)
  public func uniform() -> Double { gsl_rng_uniform(generator) }

  /// Uniform on (0, 1): never exactly 0, safe for logarithms.
  @inline(__always)
  public func uniformPositive() -> Double { gsl_rng_uniform_pos(generator) }

  /// Uniform on [a, b).
  public func uniform(_ a: Double, _ b: Double) -> Double { gsl_ran_flat(generator, a, b) }

  /// A uniform integer in `0..<bound`, without modulo bias. `bound` must be positive.
  @inline(__always)
  public func uniformInt(below bound: Int) -> Int {
    precondition(bound > 0, "uniformInt needs a positive bound")
    if bound <= 0x1_0000_0000 {
      return Int(gsl_rng_uniform_int(generator, UInt(bound)))
    }
    // Beyond 32 bits: combine two draws and reject the incomplete top block.
    let range = UInt64(bound)
    let limit = UInt64.max - UInt64.max % range
    while true {
      let x = (UInt64(nextBits()) << 32) | UInt64(nextBits())
      if x < limit { return Int(x % range) }
    }
  }

  // MARK: Distributions (GSL's samplers)

  /// Bernoulli(p): `true` with probability `p`.
  @inline(__always)
  public func bernoulli(_ p: Double) -> Bool { gsl_rng_uniform(generator) < p }

  /// Binomial(n, p).
  public func binomial(trials n: Int, probability p: Double) -> Int {
    precondition(n >= 0 && n <= Int(UInt32.max), "binomial trials out of range")
    return Int(gsl_ran_binomial(generator, p, UInt32(n)))
  }

  /// Poisson with the given mean.
  public func poisson(mean: Double) -> Int { Int(gsl_ran_poisson(generator, mean)) }

  /// Geometric on {1, 2, ...}: the number of Bernoulli(p) trials up to the first success.
  public func geometric(_ p: Double) -> Int { Int(gsl_ran_geometric(generator, p)) }

  /// Exponential with the given mean.
  public func exponential(mean: Double) -> Double { gsl_ran_exponential(generator, mean) }

  /// Gamma with shape `k` and scale `theta` (mean k·theta).
  public func gamma(shape: Double, scale: Double) -> Double {
    gsl_ran_gamma(generator, shape, scale)
  }

  /// Lognormal: exp(N(mu, sigma²)).
  public func lognormal(mu: Double, sigma: Double) -> Double {
    gsl_ran_lognormal(generator, mu, sigma)
  }

  /// Pareto with tail exponent `shape` and minimum `scale`: P(X > x) = (scale/x)^shape.
  public func pareto(shape: Double, scale: Double) -> Double {
    gsl_ran_pareto(generator, shape, scale)
  }

  /// Beta(a, b).
  public func beta(_ a: Double, _ b: Double) -> Double { gsl_ran_beta(generator, a, b) }

  /// Normal with the given mean and standard deviation.
  public func normal(mean: Double, sd: Double) -> Double {
    mean + gsl_ran_gaussian_ziggurat(generator, sd)
  }

  /// One index drawn with probability proportional to its weight (Walker's alias method,
  /// the draw `gsl_ran_discrete` makes).
  public func choose(from table: WeightedChoice) -> Int {
    table.outcome(gsl_rng_uniform(generator))
  }

  /// `output.count` indices drawn as by as many calls of `choose(from:)`, the same numbers
  /// in the same order. The uniforms are drawn first and the table read after, so the
  /// cache misses of a table larger than the cache overlap instead of queueing.
  public func choose(from table: WeightedChoice, into output: UnsafeMutableBufferPointer<Int>) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: output.count) { uniforms in
      for i in uniforms.indices { uniforms[i] = gsl_rng_uniform(generator) }
      table.buckets.withUnsafeBufferPointer { buckets in
        for i in output.indices { output[i] = table.outcome(uniforms[i], in: buckets) }
      }
    }
  }

  /// Shuffles `buffer` uniformly (Fisher–Yates with GSL integers).
  public func shuffle<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
    var i = buffer.count - 1
    while i > 0 {
      let j = uniformInt(below: i + 1)
      buffer.swapAt(i, j)
      i -= 1
    }
  }
}
