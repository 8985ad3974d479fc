// SPDX-License-Identifier: GPL-3.0-or-later

extension Nomination: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case nominees, choose, accept, deadline, deadlineRule = "deadline_rule", responseDelay = "response_delay"
    case renominated, socialProof = "social_proof", fatigue, donate, selfJoin = "self_join", celebrities, media, waves
  }
  enum SocialProofKeys: String, CodingKey, CaseIterable { case boost, halfAt = "half_at" }
  enum FatigueKeys: String, CodingKey, CaseIterable { case halfLife = "half_life" }
  enum DonateKeys: String, CodingKey, CaseIterable {
    case afterAccept = "after_accept", afterDecline = "after_decline", awareOnly = "aware_only", amount
  }
  enum SelfJoinKeys: String, CodingKey, CaseIterable { case perExposure = "per_exposure", saturateAt = "saturate_at" }
  enum CelebrityKeys: String, CodingKey, CaseIterable { case top, nominateCelebrities = "nominate_celebrities" }
  enum WaveKeys: String, CodingKey, CaseIterable { case at, count, who }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, extra: ["model"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init()
    nominees = try c.value(.nominees, default: nominees)
    choose = try c.choice(.choose, default: choose)
    accept = try c.value(.accept, default: accept)
    deadline = try c.value(.deadline, default: deadline)
    deadlineRule = try c.choice(.deadlineRule, default: deadlineRule)
    responseDelay = try c.value(.responseDelay, default: responseDelay)
    renominated = try c.value(.renominated, default: renominated)
    if let s = try c.section(.socialProof, SocialProofKeys.self) {
      socialProof.boost = try s.value(.boost, default: socialProof.boost)
      socialProof.halfAt = try s.value(.halfAt, default: socialProof.halfAt)
    }
    if let s = try c.section(.fatigue, FatigueKeys.self) {
      fatigueHalfLife = try s.decode(TimeSpan.self, forKey: .halfLife)
    }
    if let s = try c.section(.donate, DonateKeys.self) {
      donate.afterAccept = try s.value(.afterAccept, default: donate.afterAccept)
      donate.afterDecline = try s.value(.afterDecline, default: donate.afterDecline)
      donate.awareOnly = try s.value(.awareOnly, default: donate.awareOnly)
      donate.amount = try s.value(.amount, default: donate.amount)
    }
    if let s = try c.section(.selfJoin, SelfJoinKeys.self) {
      selfJoin.perExposure = try s.value(.perExposure, default: selfJoin.perExposure)
      selfJoin.saturateAt = try s.value(.saturateAt, default: selfJoin.saturateAt)
    }
    if let s = try c.section(.celebrities, CelebrityKeys.self) {
      var section = Celebrities()
      section.top = try s.value(.top, default: section.top)
      section.nominateCelebrities = try s.value(.nominateCelebrities, default: section.nominateCelebrities)
      celebrities = section
    }
    media = try c.decodeIfPresent(Funnel.Media.self, forKey: .media)
    if c.contains(.waves) {
      var list = try c.nestedUnkeyedContainer(forKey: .waves)
      while !list.isAtEnd {
        let d = try list.superDecoder()
        try d.rejectUnknownKeys(WaveKeys.self)
        let s = try d.container(keyedBy: WaveKeys.self)
        waves.append(
          Wave(
            at: try s.decode(TimeSpan.self, forKey: .at), count: try s.decode(Int.self, forKey: .count),
            who: try s.choice(.who, default: .random)))
      }
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(nominees, forKey: .nominees)
    try c.encode(choose, forKey: .choose)
    try c.encode(accept, forKey: .accept)
    try c.encode(deadline, forKey: .deadline)
    try c.encode(deadlineRule, forKey: .deadlineRule)
    try c.encode(responseDelay, forKey: .responseDelay)
    try c.encode(renominated, forKey: .renominated)
    var proof = c.nestedContainer(keyedBy: SocialProofKeys.self, forKey: .socialProof)
    try proof.encode(socialProof.boost, forKey: .boost)
    try proof.encode(socialProof.halfAt, forKey: .halfAt)
    if let fatigueHalfLife {
      var fatigue = c.nestedContainer(keyedBy: FatigueKeys.self, forKey: .fatigue)
      try fatigue.encode(fatigueHalfLife, forKey: .halfLife)
    }
    var gifts = c.nestedContainer(keyedBy: DonateKeys.self, forKey: .donate)
    try gifts.encode(donate.afterAccept, forKey: .afterAccept)
    try gifts.encode(donate.afterDecline, forKey: .afterDecline)
    try gifts.encode(donate.awareOnly, forKey: .awareOnly)
    try gifts.encode(donate.amount, forKey: .amount)
    var alone = c.nestedContainer(keyedBy: SelfJoinKeys.self, forKey: .selfJoin)
    try alone.encode(selfJoin.perExposure, forKey: .perExposure)
    try alone.encode(selfJoin.saturateAt, forKey: .saturateAt)
    if let celebrities {
      var famous = c.nestedContainer(keyedBy: CelebrityKeys.self, forKey: .celebrities)
      try famous.encode(celebrities.top, forKey: .top)
      try famous.encode(celebrities.nominateCelebrities, forKey: .nominateCelebrities)
    }
    try c.encodeIfPresent(media, forKey: .media)
    if !waves.isEmpty {
      var list = c.nestedUnkeyedContainer(forKey: .waves)
      for wave in waves {
        var w = list.nestedContainer(keyedBy: WaveKeys.self)
        try w.encode(wave.at, forKey: .at)
        try w.encode(wave.count, forKey: .count)
        try w.encode(wave.who, forKey: .who)
      }
    }
  }
}
