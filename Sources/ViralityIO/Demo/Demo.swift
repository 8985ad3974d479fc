// SPDX-License-Identifier: GPL-3.0-or-later

/// A classroom demonstration: a small scenario, built into the tool, whose report shows
/// one idea. Each sweeps one parameter over a few values so the report's "what if" slider
/// can switch between runs computed in advance, and traces one typical run of each.
public struct Demo: Sendable {
  public let name: String
  /// What it shows, in one line (`viral demo --list`).
  public let summary: String
  /// The scenario, YAML with its notes.
  public let scenario: String

  public static func named(_ name: String) -> Demo? { all.first { $0.name == name } }

  public static let all: [Demo] = [
    Demo(
      name: "six-degrees", summary: "rewire a ring and watch separation collapse while clustering stays",
      scenario: """
        # Six degrees: a ring of friends, rewired a little (Watts & Strogatz, Nature 393:440, 1998).
        #
        # WHAT IT SHOWS
        #   300 people each know their 6 nearest neighbours on a ring: friends of friends
        #   are friends (high clustering) but news crawls around the ring (long paths).
        #   Rewiring a few ties at random into shortcuts makes every path short while almost
        #   all triangles stay: a small world. A story passed on by word of mouth reaches the
        #   whole class in a fraction of the time.
        #
        # THINGS TO TRY
        #   Move the "what if" slider from rewire 0 to 0.1 and compare how fast the story spreads.
        #   In "Across the sweep", mean distance falls long before clustering does.
        #   viral demo six-degrees --set graph.neighbors=4
        name: demo-six-degrees
        seed: 1998
        replicates: 40
        horizon: 40d
        graph: {model: watts-strogatz, nodes: 300, neighbors: 6, rewire: 0}
        campaign: {model: independent-cascade, probability: 0.5}
        seeding: {strategy: random, count: 1}
        outputs: {bin: 1d, trace: 1}
        sweep:
          graph.rewire: [0, 0.01, 0.03, 0.1, 0.3]

        """),
    Demo(
      name: "ice-bucket-class", summary: "a nomination chain among the 30 students of a class and their friends",
      scenario: """
        # The Ice Bucket Challenge in one class: 30 students, each with friends outside.
        #
        # WHAT IT SHOWS
        #   One student takes the challenge and nominates 3 friends, who have 24 hours to do
        #   it too (or donate). The class is one tight group of 30; four friend groups of 50
        #   outside it are tight too, with a few ties between groups. Whether the chain
        #   escapes the class depends on how many nominees accept: below about one in three
        #   (R = 3p < 1) it dies out; above, it spreads through the groups.
        #
        # THINGS TO TRY
        #   Move the "what if" slider over campaign.accept and watch R = 3 x accept cross 1.
        #   viral demo ice-bucket-class --set campaign.nominees=2
        name: demo-ice-bucket-class
        seed: 2014
        replicates: 60
        horizon: 21d
        graph: {model: stochastic-block, sizes: [30, 50, 50, 50, 50], p_in: 0.3, p_out: 0.01}
        campaign:
          model: nomination
          nominees: 3
          accept: 0.5
          deadline: 24h
          response_delay: {lognormal: {median: 1d, mean: 2.1d}}
          donate: {after_accept: 0.7, after_decline: 0.5, amount: {lognormal: {mean: 20, sd: 15}}}
        seeding: {strategy: random, count: 1}
        outputs: {bin: 1d, trace: 1}
        sweep:
          campaign.accept: [0.2, 0.3, 0.4, 0.5, 0.7]

        """),
    Demo(
      name: "influencer-vs-word-of-mouth", summary: "one celebrity or ten ordinary people, for the same message",
      scenario: """
        # Influencer or word of mouth: seed the most-followed account, or ten ordinary people?
        #
        # WHAT IT SHOWS
        #   On a follower graph with a few very popular accounts, a post seen by many is not
        #   a post passed on by many. The celebrity reaches a crowd at once; ten ordinary
        #   people start ten small chains. Which wins depends on how readily people share.
        #
        # THINGS TO TRY
        #   Compare the two variants in "Strategies compared".
        #   Move the "what if" slider over campaign.see: when sharing is rare the celebrity's
        #   audience is all there is; when it is common, chains catch up.
        name: demo-influencer-vs-word-of-mouth
        seed: 7
        replicates: 60
        horizon: 14d
        graph: {model: follower, nodes: 1000}
        campaign: {model: funnel, see: 0.2, engage: 0.3, convert: 0.05, convert_engaged: 0.3}
        seeding: {label: celebrity, strategy: top-followers, count: 1}
        compare:
          - {label: ten-people, strategy: random, count: 10}
        outputs: {bin: 1d, trace: 1}
        sweep:
          campaign.see: [0.1, 0.2, 0.4]

        """),
    Demo(
      name: "rumour", summary: "a rumour spreads, then dies as spreaders meet people who already know",
      scenario: """
        # A rumour (Maki & Thompson 1973): spreaders stop when they tell someone who knows.
        #
        # WHAT IT SHOWS
        #   Unlike an epidemic, a rumour stops itself: each spreader calls friends and gives
        #   up on meeting someone who already knows. Even when everyone believes it, about a
        #   fifth of a well-mixed population never hears it (the classic 0.203).
        #
        # THINGS TO TRY
        #   Move the "what if" slider over campaign.accept (the share who believe and pass it on).
        #   viral demo rumour --set campaign.variant=daley-kendall
        name: demo-rumour
        seed: 1973
        replicates: 60
        horizon: 30d
        graph: {model: watts-strogatz, nodes: 500, neighbors: 8, rewire: 0.2}
        campaign: {model: rumour, variant: maki-thompson, rate: 2, accept: 1}
        seeding: {strategy: random, count: 1}
        outputs: {bin: 1d, trace: 1}
        sweep:
          campaign.accept: [0.3, 0.6, 1]

        """),
    Demo(
      name: "complex-contagion",
      summary: "bonds vs bridges: a behaviour needing two friends spreads on clustered ties (Centola 2010)",
      scenario: """
        # Complex contagion: bonds versus bridges (Centola, Science 329:1194, 2010).
        #
        # WHAT IT SHOWS
        #   A new behaviour is adopted only after three friends have adopted it. On a clustered
        #   ring (neighbours share friends) it spreads steadily, friend group by friend
        #   group. Rewire ties into random bridges and paths get shorter, but two adopters
        #   rarely share friends: the behaviour stalls. For a simple contagion (news) the
        #   same bridges would speed it up.
        #
        # THINGS TO TRY
        #   Move the "what if" slider over graph.rewire: a small change flips the outcome.
        #   viral demo complex-contagion --set campaign.exposures=1   # a simple contagion
        name: demo-complex-contagion
        seed: 2010
        replicates: 40
        horizon: 60d
        graph: {model: watts-strogatz, nodes: 400, neighbors: 6, rewire: 0}
        campaign: {model: complex-contagion, exposures: 3, round_length: 6h}
        seeding: {strategy: explicit, nodes: [0, 1, 2]}
        outputs: {bin: 1d, trace: 1}
        sweep:
          graph.rewire: [0, 0.05, 0.1, 0.2, 0.5]

        """),
  ]
}
