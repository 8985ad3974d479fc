// SPDX-License-Identifier: GPL-3.0-or-later
internal import CGSL

/// The GSL generator algorithms Viral offers. All of them return 32 random bits per call.
public enum GeneratorKind: String, Sendable, CaseIterable, Codable {
  /// Mersenne Twister MT19937 (Matsumoto & Nishimura 1998): fast, the default.
  case mt19937
  /// Tausworthe generator of L'Ecuyer (1996), maximally equidistributed.
  case taus2
  /// RANLUX at luxury level 2 (Lüscher 1994): slow, with a proof of decorrelation.
  case ranlxd2

  /// GSL's name for the algorithm (as in `manifest.json`).
  public var gslName: String { String(cString: gslType.pointee.name) }

  var gslType: UnsafePointer<gsl_rng_type> {
    switch self {
    case .mt19937: cgsl_rng_mt19937()
    case .taus2: cgsl_rng_taus2()
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
  private let generator: UnsafeMutablePointer<gsl_rng>
  /// The generator algorithm.
  public let kind: GeneratorKind
  /// The 64-bit seed this stream started from (or was last reseeded with).
  public private(set) var seed: UInt64

  /// Creates a stream of `kind` starting from `seed`.
  ///
  /// GSL's `gsl_rng_set` keeps only 32 bits of a seed. For MT19937, whose state layout is
  /// checked once at run time, all 624 state words are filled from the 64-bit seed with
  /// SplitMix64 (see `fillMersenneTwisterState`) so that distinct 64-bit seeds give distinct
  /// streams; the other generators
  /// are seeded with a 32-bit fold of the seed.
  public init(seed: UInt64, kind: GeneratorKind = .mt19937) {
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

  deinit { gsl_rng_free(generator) }

  /// Restarts the stream from `seed`, as if newly created, without allocating: workers
  /// reseed one stream per replicate.
  public func reseed(_ seed: UInt64) {
    self.seed = seed
    if kind == .mt19937 && Self.mersenneLayoutKnown {
      Self.fillMersenneTwisterState(generator, from: seed)
    } else {
      let folded = UInt(truncatingIfNeeded: (seed ^ (seed >> 32)) & 0xFFFF_FFFF)
      gsl_rng_set(generator, folded == 0 ? 0x5EED : folded)
    }
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
  /// via GSL's `gsl_ran_discrete`).
  public func choose(from table: WeightedChoice) -> Int {
    table.withTable { Int(gsl_ran_discrete(generator, $0)) }
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
