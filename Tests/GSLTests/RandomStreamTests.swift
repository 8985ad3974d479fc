// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL
import Foundation
import Testing

@testable import GSL

@Suite("Random streams")
struct RandomStreamTests {
  private func draws(_ stream: RandomStream, _ count: Int = 100) -> [UInt32] {
    (0..<count).map { _ in stream.nextBits() }
  }

  @Test("The same seed gives the same numbers")
  func sameSeed() {
    #expect(draws(RandomStream(seed: 42)) == draws(RandomStream(seed: 42)))
    for kind in GeneratorKind.allCases {
      #expect(draws(RandomStream(seed: 9, kind: kind)) == draws(RandomStream(seed: 9, kind: kind)))
    }
  }

  @Test("Different seeds give different numbers, even when only the high 32 bits differ")
  func differentSeeds() {
    // gsl_rng_set keeps 32 bits of seed; Viral fills the taus2 and MT19937 states from all 64.
    // These two seeds fold to the same 32 bits (seed ^ seed >> 32), so only a fill tells
    // them apart.
    let (a, b): (UInt64, UInt64) = (5, 5 ^ (1 << 40 | 1 << 8))
    for kind in [GeneratorKind.taus2, .mt19937] {
      #expect(draws(RandomStream(seed: 1, kind: kind)) != draws(RandomStream(seed: 2, kind: kind)))
      #expect(draws(RandomStream(seed: a, kind: kind)) != draws(RandomStream(seed: b, kind: kind)))
    }
  }

  @Test("Streams filled from consecutive seeds start uniform and uncorrelated")
  func firstDrawsAcrossSeeds() {
    // The first draw of a freshly filled state must not betray the seed: 20,000 consecutive
    // raw seeds, first draws in 16 bins (chi-square, 15 degrees of freedom: mean 15, sd
    // √30) and the correlation of neighbouring seeds' first draws (sd 1/√n).
    let n = 20_000
    for kind in [GeneratorKind.taus2, .mt19937] {
      let stream = RandomStream(seed: 0, kind: kind)
      var firsts: [Double] = []
      for seed in 0..<UInt64(n) {
        stream.reseed(seed)
        firsts.append(stream.uniform())
      }
      var bins = [Int](repeating: 0, count: 16)
      for x in firsts { bins[Int(x * 16)] += 1 }
      let expected = Double(n) / 16
      let chiSquare = bins.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
      #expect(chiSquare < 15 + 5 * 30.0.squareRoot(), "\(kind): chi-square \(chiSquare)")
      var lagged = 0.0
      for i in 1..<n { lagged += (firsts[i - 1] - 0.5) * (firsts[i] - 0.5) }
      let correlation = lagged / Double(n - 1) / (1.0 / 12)
      #expect(abs(correlation) < 5 / Double(n).squareRoot(), "\(kind): correlation \(correlation)")
    }
  }

  @Test("Stream seeds are a stable function of master, purpose and index")
  func seedDerivation() {
    // Part of the reproducibility contract: changing these values changes every result.
    #expect(StreamSeed.mix(0) == 0xE220_A839_7B1D_CDAF)
    let a = StreamSeed.derive(master: 1, purpose: .graph, index: 0)
    #expect(a == StreamSeed.derive(master: 1, purpose: .graph, index: 0))
    var seen = Set<UInt64>()
    for purpose in StreamPurpose.allCases {
      for index in 0..<100 { seen.insert(StreamSeed.derive(master: 1, purpose: purpose, index: UInt64(index))) }
    }
    #expect(seen.count == StreamPurpose.allCases.count * 100)
  }

  @Test("The generator names its GSL algorithm")
  func names() {
    #expect(RandomStream(seed: 1).kind.gslName == "taus2")
    #expect(GeneratorKind.allCases.map(\.gslName) == ["taus2", "mt19937", "ranlxd2"])
  }

  @Test("Uniform integers stay in range, also beyond 32 bits, and are uniform")
  func uniformIntegers() {
    let stream = RandomStream(seed: 3)
    var counts = [Int](repeating: 0, count: 10)
    let n = 100_000
    for _ in 0..<n {
      let x = stream.uniformInt(below: 10)
      counts[x] += 1
    }
    // Each count is Binomial(n, 1/10): within 5 standard deviations.
    let sd = (Double(n) * 0.1 * 0.9).squareRoot()
    for count in counts { #expect(abs(Double(count) - Double(n) / 10) < 5 * sd) }
    let big = 1 << 40
    var highHalf = 0
    for _ in 0..<10_000 {
      let x = stream.uniformInt(below: big)
      #expect(x >= 0 && x < big)
      if x >= big / 2 { highHalf += 1 }
    }
    #expect(abs(Double(highHalf) - 5000) < 5 * 50)
  }

  @Test("Weighted choice draws in proportion to the weights")
  func weightedChoice() throws {
    let weights = [1.0, 2, 3, 4]
    let table = try WeightedChoice(weights: weights)
    let stream = RandomStream(seed: 11)
    var counts = [Int](repeating: 0, count: 4)
    let n = 200_000
    for _ in 0..<n { counts[stream.choose(from: table)] += 1 }
    for i in 0..<4 {
      let p = weights[i] / 10
      #expect(abs(table.probability(of: i) - p) < 1e-12)
      let sd = (Double(n) * p * (1 - p)).squareRoot()
      #expect(abs(Double(counts[i]) - Double(n) * p) < 5 * sd)
    }
    #expect(throws: GSLError.self) { try WeightedChoice(weights: [0, 0]) }
    #expect(throws: GSLError.self) { try WeightedChoice(weights: [1, -1]) }
  }

  @Test("Weighted choice draws what gsl_ran_discrete draws, one at a time and in batches")
  func weightedChoiceIsGSLs() throws {
    let source = RandomStream(seed: 5)
    // Exponential weights with a tenth of them zero: full, partial and empty buckets.
    let weights = (0..<1000).map { _ in source.uniform() < 0.1 ? 0 : -log(source.uniformPositive()) }
    let table = try WeightedChoice(weights: weights)
    let gsl = try #require(weights.withUnsafeBufferPointer { gsl_ran_discrete_preproc($0.count, $0.baseAddress) })
    defer { gsl_ran_discrete_free(gsl) }
    let reference = RandomStream(seed: 9)
    let single = RandomStream(seed: 9)
    let batched = RandomStream(seed: 9)
    var batch = [Int](repeating: 0, count: 37)
    var mismatches = 0
    for _ in 0..<1000 {
      let expected = (0..<batch.count).map { _ in Int(gsl_ran_discrete(reference.generator, gsl)) }
      let one = (0..<batch.count).map { _ in single.choose(from: table) }
      batch.withUnsafeMutableBufferPointer { batched.choose(from: table, into: $0) }
      mismatches += zip(expected, one).filter { $0 != $1 }.count + zip(expected, batch).filter { $0 != $1 }.count
    }
    #expect(mismatches == 0)
    let pdfGap = (0..<weights.count).map { abs(table.probability(of: $0) - gsl_ran_discrete_pdf($0, gsl)) }.max()!
    #expect(pdfGap < 1e-12)
  }

  @Test("Shuffling permutes")
  func shuffle() {
    var values = Array(0..<1000)
    values.withUnsafeMutableBufferPointer { RandomStream(seed: 4).shuffle($0) }
    #expect(values != Array(0..<1000))
    #expect(values.sorted() == Array(0..<1000))
  }
}
