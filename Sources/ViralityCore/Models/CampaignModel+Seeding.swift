// SPDX-License-Identifier: GPL-3.0-or-later
import RealModule

// What each campaign model asks of the seeding strategies: the process influence
// maximisation optimises for it and the milestone strategies that simulate it maximise.

extension IndependentCascade {
  public func influenceProcess(horizon: Double) -> InfluenceProcess {
    switch weighting {
    case .uniform: InfluenceProcess(cascade: probability, senderActivity: true)
    case .weightedCascade: InfluenceProcess(cascade: probability, perFollowed: true, senderActivity: true)
    case .influence:
      InfluenceProcess(cascade: probability, senderInfluence: true, receiverSusceptibility: true, senderActivity: true)
    }
  }
}

extension LinearThreshold {
  public func influenceProcess(horizon: Double) -> InfluenceProcess { .threshold() }
}

extension ComplexContagion {
  public func influenceProcess(horizon: Double) -> InfluenceProcess {
    .threshold(approximation: "complex contagion by the linear threshold model, which ignores the number of exposures needed")
  }
}

extension WordOfMouth {
  /// A talker tells a given follower before it stops with probability 1 − e^(−rate·D),
  /// taken at the mean duration D.
  public func influenceProcess(horizon: Double) -> InfluenceProcess {
    let told = -Double.expMinusOne(-(rate / 24) * duration.mean)
    return InfluenceProcess(
      cascade: told * accept, receiverSusceptibility: true, senderActivity: true,
      approximation: "word of mouth by a cascade with p = accept × (1 − e^(−rate × mean duration))")
  }
  public var seedingObjective: Milestone { .engaged }
}

extension Rumour {
  /// An upper bound: every spreader is taken to call every follower once.
  public func influenceProcess(horizon: Double) -> InfluenceProcess {
    InfluenceProcess(
      cascade: accept, receiverSusceptibility: true, senderActivity: true,
      approximation: "the rumour by a cascade with p = accept (every spreader calling every follower: an upper bound)")
  }
  public var seedingObjective: Milestone { .aware }
}

extension Bass {
  /// Imitation at rate q shared over the accounts an agent follows, over the horizon:
  /// a weighted cascade with p = q × (campaign length in `per` units), capped at 1.
  public func influenceProcess(horizon: Double) -> InfluenceProcess {
    InfluenceProcess(
      cascade: q * horizon / per.hours, perFollowed: true,
      approximation: "Bass imitation by a weighted cascade with p = q × horizon / (accounts followed)")
  }
}

extension Funnel {
  public func influenceProcess(horizon: Double) -> InfluenceProcess {
    InfluenceProcess(
      cascade: see * engage, senderInfluence: true, senderActivity: true,
      approximation: "the funnel's sharing by a cascade with p = see × engage × the sharer's influence")
  }
}

extension Nomination {
  public func influenceProcess(horizon: Double) -> InfluenceProcess {
    InfluenceProcess(
      cascade: accept, receiverSusceptibility: true, senderAttention: false, nominees: nominees,
      approximation:
        "nomination chains by a cascade over friends with p = accept × susceptibility × min(1, nominees / friends)")
  }
  public var seedingObjective: Milestone { .engaged }
}
