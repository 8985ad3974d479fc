#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference Watts-Strogatz curves from an independent implementation (networkx).

Draws R graphs per rewiring probability with networkx.watts_strogatz_graph (n=1000, k=10,
the 1998 paper's setting), and prints, for each p, the mean and standard error over graphs
of the average local clustering and of the mean shortest-path length. Viral's tests
(Tests/ViralityCoreTests/WattsStrogatzTests.swift) compare their own means with these,
within the combined standard error.

    python3 bench/reference/watts_strogatz_reference.py [realizations]
"""
import math
import sys

import networkx as nx

N, K = 1000, 10
PS = [0.001, 0.01, 0.1, 1.0]
R = int(sys.argv[1]) if len(sys.argv) > 1 else 60

print(f"# networkx {nx.__version__}, n={N}, k={K}, {R} graphs per p")
print("p,clustering_mean,clustering_se,distance_mean,distance_se")
for p in PS:
    clustering, distance = [], []
    for seed in range(R):
        g = nx.watts_strogatz_graph(N, K, p, seed=10_000 + seed)
        clustering.append(nx.average_clustering(g))
        distance.append(nx.average_shortest_path_length(g))

    def mean_se(xs):
        m = sum(xs) / len(xs)
        var = sum((x - m) ** 2 for x in xs) / (len(xs) - 1)
        return m, math.sqrt(var / len(xs))

    cm, cs = mean_se(clustering)
    dm, ds = mean_se(distance)
    print(f"{p},{cm:.6f},{cs:.6f},{dm:.5f},{ds:.5f}", flush=True)
