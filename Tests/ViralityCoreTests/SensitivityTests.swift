// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import Testing
import ViralityCore

/// Sobol' indices and elementary effects against functions whose answers are known.
@Suite("Sensitivity analysis")
struct SensitivityTests {
  /// The Ishigami function (T. Ishigami & T. Homma, 1990), a = 7, b = 0.1, on [−π, π]³.
  static func ishigami(_ x: [Double]) -> Double { sin(x[0]) + 7 * pow(sin(x[1]), 2) + 0.1 * pow(x[2], 4) * sin(x[0]) }

  @Test("Ishigami: S1 = 0.314, 0.442, 0 and ST = 0.558, 0.442, 0.244 lie in their intervals")
  func ishigamiIndices() {
    let n = 4096
    let design = SensitivityDesign.saltelli(samples: n, dimensions: 3)
    #expect(design.pointCount == n * 5)
    var a = [Double](repeating: 0, count: n)
    var b = a
    var ab = [[Double]](repeating: a, count: 3)
    for p in 0..<design.pointCount {
      let x = (0..<3).map { -Double.pi + 2 * Double.pi * design.coordinate(p, $0) }
      let role = design.role(of: p)
      switch role.kind {
      case "A": a[role.group] = Self.ishigami(x)
      case "B": b[role.group] = Self.ishigami(x)
      default: ab[role.parameter!][role.group] = Self.ishigami(x)
      }
    }
    let indices = SensitivityIndices.sobol(a: a, b: b, ab: ab, stream: RandomStream(seed: 1))
    // Analytic values (Saltelli et al., Global Sensitivity Analysis: The Primer, 2008).
    let variance = 0.5 + 49.0 / 8 + 0.1 * pow(Double.pi, 4) / 5 + 0.01 * pow(Double.pi, 8) / 18
    let v1 = 0.5 * pow(1 + 0.1 * pow(Double.pi, 4) / 5, 2)
    let v2 = 49.0 / 8
    let v13 = 0.01 * pow(Double.pi, 8) * (1.0 / 18 - 1.0 / 50)
    let s1 = [v1 / variance, v2 / variance, 0]
    let st = [(v1 + v13) / variance, v2 / variance, v13 / variance]
    #expect(abs(s1[0] - 0.314) < 0.001 && abs(st[2] - 0.244) < 0.001)
    for i in 0..<3 {
      for (name, estimate, truth) in [("S1", indices.first[i], s1[i]), ("ST", indices.total[i], st[i])] {
        let (low, high) = (estimate.low ?? .infinity, estimate.high ?? -.infinity)
        #expect(
          low <= truth && truth <= high, "\(name) of x\(i + 1): \(estimate.value ?? .nan) in [\(low), \(high)], truth \(truth)")
      }
    }
    // The intervals tell the parameters apart: x2 matters alone, x3 only with x1.
    #expect((indices.first[1].low ?? 0) > 0.3 && (indices.first[2].high ?? 1) < 0.2 && (indices.total[2].low ?? 0) > 0.15)
  }

  @Test("Morris: a linear function's effects are its slopes; an interaction spreads them")
  func morrisEffects() {
    let design = SensitivityDesign.morris(trajectories: 20, dimensions: 3, levels: 4, stream: RandomStream(seed: 3))
    #expect(design.pointCount == 20 * 4)
    func effects(_ f: ([Double]) -> Double) -> [[Double]] {
      var effects = [[Double]](repeating: [], count: 3)
      for p in 0..<design.pointCount {
        let role = design.role(of: p)
        guard let i = role.parameter, let delta = role.delta else { continue }
        let x = (0..<3).map { design.coordinate(p, $0) }
        let before = (0..<3).map { design.coordinate(p - 1, $0) }
        #expect(x.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(abs(x[i] - before[i] - delta) < 1e-12 && abs(abs(delta) - 2.0 / 3) < 1e-12)
        effects[i].append((f(x) - f(before)) / delta)
      }
      return effects
    }
    let linear = SensitivityIndices.morris(effects: effects { 3 * $0[0] - $0[1] }, stream: RandomStream(seed: 4))
    for (i, slope) in [3.0, -1.0, 0].enumerated() {
      #expect(abs((linear.mu[i].value ?? .nan) - slope) < 1e-9)
      #expect(abs((linear.muStar[i].value ?? .nan) - abs(slope)) < 1e-9)
      #expect(abs(linear.sigma[i].value ?? .nan) < 1e-9)
    }
    let product = SensitivityIndices.morris(effects: effects { $0[0] * $0[1] }, stream: RandomStream(seed: 4))
    #expect((product.sigma[0].value ?? 0) > 0.1 && (product.sigma[1].value ?? 0) > 0.1)
    #expect(product.muStar[2].value == 0)
  }
}
