// SPDX-License-Identifier: GPL-3.0-or-later
import GSL

/// The points of a global sensitivity analysis in the unit cube [0, 1]^d, with the role of
/// each point in its estimator.
///
/// - `saltelli`: Sobol' indices (A. Saltelli, "Making best use of model evaluations to
///   compute sensitivity indices", Comput. Phys. Commun. 145:280, 2002). Two matrices A and
///   B of N rows come from one 2d-dimensional Sobol sequence (GSL's, its first point
///   skipped); for every row n the design runs A_n, B_n and, for each parameter i, A_n
///   with its i-th coordinate taken from B_n (A_B^i): N(d + 2) points, in that order.
/// - `morris`: elementary effects (M. D. Morris, "Factorial sampling plans for preliminary
///   computational experiments", Technometrics 33:161, 1991). r trajectories of d + 1
///   points on a grid of `levels` levels; each step moves one parameter, in a random order,
///   by ±Δ = levels / (2(levels − 1)).
public struct SensitivityDesign: Sendable {
  public enum Method: String, Sendable {
    case saltelli, morris
  }

  /// What a point is for.
  public struct Role: Sendable, Equatable {
    /// The row (Saltelli) or trajectory (Morris) the point belongs to.
    public let group: Int
    /// `A`, `B` or `AB` (Saltelli); `start` or `step` (Morris).
    public let kind: String
    /// The parameter taken from B (`AB`) or moved by the step; nil otherwise.
    public let parameter: Int?
    /// The step's signed change of its parameter in unit coordinates (Morris steps).
    public let delta: Double?
  }

  public let method: Method
  public let dimensions: Int
  /// Rows of A and B, or trajectories.
  public let samples: Int
  /// Point p's coordinates: `unit[p * dimensions + i]`.
  private let unit: [Double]
  private let roles: [Role]

  public var pointCount: Int { roles.count }

  /// Coordinate `i` of point `p`.
  public func coordinate(_ p: Int, _ i: Int) -> Double { unit[p * dimensions + i] }

  public func role(of p: Int) -> Role { roles[p] }

  /// The most parameters a Saltelli design takes: GSL's Sobol sequence has 40 dimensions.
  public static let maximumSaltelliDimensions = SobolSequence.maximumDimensions / 2

  /// A Saltelli design of `samples` rows over `dimensions` parameters.
  public static func saltelli(samples: Int, dimensions d: Int) -> SensitivityDesign {
    precondition(d >= 1 && d <= maximumSaltelliDimensions)
    let sequence = SobolSequence(dimensions: 2 * d)
    _ = sequence.next()
    var unit: [Double] = []
    var roles: [Role] = []
    unit.reserveCapacity(samples * (d + 2) * d)
    for n in 0..<samples {
      let row = sequence.next()
      let a = Array(row[..<d])
      let b = Array(row[d...])
      unit += a
      roles.append(Role(group: n, kind: "A", parameter: nil, delta: nil))
      unit += b
      roles.append(Role(group: n, kind: "B", parameter: nil, delta: nil))
      for i in 0..<d {
        var ab = a
        ab[i] = b[i]
        unit += ab
        roles.append(Role(group: n, kind: "AB", parameter: i, delta: nil))
      }
    }
    return SensitivityDesign(method: .saltelli, dimensions: d, samples: samples, unit: unit, roles: roles)
  }

  /// A Morris design of `trajectories` trajectories over `dimensions` parameters on a grid of
  /// `levels` (even, at least 2) levels, drawn from `stream`.
  public static func morris(trajectories: Int, dimensions d: Int, levels: Int, stream: RandomStream) -> SensitivityDesign {
    precondition(d >= 1 && levels >= 2 && levels % 2 == 0)
    let step = Double(levels) / Double(2 * (levels - 1))
    // Starting levels from which a step of Δ up stays on the grid.
    let starts = levels / 2
    var unit: [Double] = []
    var roles: [Role] = []
    var order = [Int](0..<d)
    for t in 0..<trajectories {
      var x = (0..<d).map { _ in Double(stream.uniformInt(below: starts)) / Double(levels - 1) }
      let up = (0..<d).map { _ in stream.bernoulli(0.5) }
      // A parameter that steps down starts Δ higher.
      for i in 0..<d where !up[i] { x[i] += step }
      order.withUnsafeMutableBufferPointer { stream.shuffle($0) }
      unit += x
      roles.append(Role(group: t, kind: "start", parameter: nil, delta: nil))
      for i in order {
        let delta = up[i] ? step : -step
        x[i] += delta
        unit += x
        roles.append(Role(group: t, kind: "step", parameter: i, delta: delta))
      }
    }
    return SensitivityDesign(method: .morris, dimensions: d, samples: trajectories, unit: unit, roles: roles)
  }
}
