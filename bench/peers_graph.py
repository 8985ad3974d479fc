#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""One graph task with one peer library, timed in its own process.

    python3 bench/peers_graph.py LIBRARY TASK [NODES]

LIBRARY: networkit, igraph, networkx. TASK: ws (Watts-Strogatz, k=10, p=0.1), ba
(Barabasi-Albert, m=5), clustering (average local clustering of the ws graph), separation
(distance distribution from 100 BFS sources on the ws graph), memory (build the ws graph and
report the process's peak memory). Prints one JSON line: seconds (the timed part only) and
the process's peak resident memory. bench/compare-graph.sh runs every combination.
"""
import json
import random
import resource
import sys
import time


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main():
    library, task = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    sources = random.Random(7).sample(range(n), 100)
    if library == "networkit":
        import networkit as nk

        nk.engineering.setNumberOfThreads(nk.engineering.getMaxNumberOfThreads())
        ws = lambda: nk.generators.WattsStrogatzGenerator(n, 5, 0.1).generate()  # 5 per side: k = 10
        ba = lambda: nk.generators.BarabasiAlbertGenerator(5, n).generate()

        def clustering(g):
            return sum(nk.centrality.LocalClusteringCoefficient(g).run().scores()) / n

        def separation(g):
            histogram = {}
            for s in sources:
                bfs = nk.distance.BFS(g, s, storePaths=False).run()
                for d in bfs.getDistances():
                    histogram[d] = histogram.get(d, 0) + 1
            return histogram

    elif library == "igraph":
        import igraph as ig

        ws = lambda: ig.Graph.Watts_Strogatz(1, n, 5, 0.1)
        ba = lambda: ig.Graph.Barabasi(n, 5)
        clustering = lambda g: g.transitivity_avglocal_undirected(mode="zero")

        def separation(g):
            histogram = {}
            for s in sources:
                _, layers, _ = g.bfs(s)
                for d in range(1, len(layers) - 1):
                    histogram[d] = histogram.get(d, 0) + layers[d + 1] - layers[d]
            return histogram

    elif library == "networkx":
        import networkx as nx

        ws = lambda: nx.watts_strogatz_graph(n, 10, 0.1, seed=1)
        ba = lambda: nx.barabasi_albert_graph(n, 5, seed=1)
        clustering = nx.average_clustering

        def separation(g):
            histogram = {}
            for s in sources:
                for d in nx.single_source_shortest_path_length(g, s).values():
                    histogram[d] = histogram.get(d, 0) + 1
            return histogram

    else:
        sys.exit(f"unknown library {library}")

    if task in ("ws", "ba", "memory"):
        start = time.perf_counter()
        graph = ws() if task != "ba" else ba()
        seconds = time.perf_counter() - start
    elif task in ("clustering", "separation"):
        graph = ws()
        start = time.perf_counter()
        (clustering if task == "clustering" else separation)(graph)
        seconds = time.perf_counter() - start
    else:
        sys.exit(f"unknown task {task}")
    print(json.dumps({"library": library, "task": task, "nodes": n, "seconds": seconds, "peak_rss_bytes": peak_rss_bytes()}))


if __name__ == "__main__":
    main()
