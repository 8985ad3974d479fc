# SPDX-License-Identifier: GPL-3.0-or-later
"""The seeding benchmarks of issue #15: one peer, one task, one JSON line.

    python bench/peers_seeding.py export GRAPH EDGES BIN     # GRAPH: ws | ws10k | epinions=PATH
    python bench/peers_seeding.py pynetim GRAPH Q K ALGORITHM [EPSILON]
    python bench/peers_seeding.py evaluate GRAPH Q SEEDS RUNS

"ws" is networkx's Watts-Strogatz graph (n = 10^5, k = 10, p = 0.1, seed 42), "ws10k" the same
with n = 10^4; "epinions=PATH" reads SNAP's soc-Epinions1 as symmetrised by PaC-IM (one
"u v" pair per line). `export` writes the graph as an edge list (for Viral) and in GBBS's
binary format (for PaC-IM). `pynetim` times pynetim 0.5.5 choosing K seeds for the
independent cascade with probability Q (ALGORITHM: imm | opim-c | celf | degree-discount), the graph
built beforehand and not timed, and reports the process's peak memory. `evaluate` gives
the expected spread of SEEDS (comma-separated) from RUNS CyNetDiff runs, with its standard
error: the one evaluator every tool's seeds meet.
"""
import json
import resource
import struct
import sys
import time

import networkx as nx
import numpy as np


def load(name):
    if name == "ws":
        return nx.watts_strogatz_graph(100_000, 10, 0.1, seed=42)
    if name == "ws10k":
        return nx.watts_strogatz_graph(10_000, 10, 0.1, seed=42)
    if name.startswith("epinions="):
        graph = nx.Graph()
        with open(name.split("=", 1)[1]) as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                u, v = map(int, line.split()[:2])
                if u != v:
                    graph.add_edge(u, v)
        # Node ids as they are, 0 .. n - 1.
        graph.add_nodes_from(range(max(graph.nodes) + 1))
        return graph
    raise SystemExit(f"unknown graph {name}")


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


command = sys.argv[1]
graph = load(sys.argv[2])
n = graph.number_of_nodes()

if command == "export":
    nx.write_edgelist(graph, sys.argv[3], data=False)
    # GBBS binary: n, m, size in bytes, then n + 1 offsets (uint64) and m targets (uint32).
    adjacency = [sorted(graph.neighbors(v)) for v in range(n)]
    offsets = np.zeros(n + 1, dtype=np.uint64)
    offsets[1:] = np.cumsum([len(a) for a in adjacency])
    targets = np.fromiter((t for a in adjacency for t in a), dtype=np.uint32, count=int(offsets[-1]))
    m = len(targets)
    with open(sys.argv[4], "wb") as f:
        f.write(struct.pack("<QQQ", n, m, (n + 1) * 8 + m * 4 + 3 * 8))
        f.write(offsets.tobytes())
        f.write(targets.tobytes())
    print(json.dumps({"nodes": n, "ties": graph.number_of_edges()}))
elif command == "pynetim":
    from pynetim import CELFAlgorithm, DegreeDiscountAlgorithm, IMGraph, IMMAlgorithm, OPIMCAlgorithm

    q, k, algorithm = float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    edges = [(u, v) for u, v in graph.edges()] + [(v, u) for u, v in graph.edges()]
    network = IMGraph(edges, weights=q, directed=True, renumber=False)
    start = time.perf_counter()
    if algorithm == "imm":
        seeds = IMMAlgorithm(network, "IC", epsilon=float(sys.argv[6]), l=1, random_seed=1).run(k)
    elif algorithm == "opim-c":
        seeds = OPIMCAlgorithm(network, "IC", random_seed=1).run(k, epsilon=float(sys.argv[6]))
    elif algorithm == "celf":
        seeds = CELFAlgorithm(network, diffusion_model="IC").run(k=k, mc_rounds=int(sys.argv[6]), use_multithread=False)
    else:
        seeds = DegreeDiscountAlgorithm(network, diffusion_model="IC").run(k=k)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb(), "seeds": sorted(int(s) for s in seeds)}))
elif command == "evaluate":
    from cynetdiff.utils import networkx_to_ic_model

    q, runs = float(sys.argv[3]), int(sys.argv[5])
    seeds = [int(s) for s in sys.argv[4].split(",")]
    model, _ = networkx_to_ic_model(graph, activation_prob=q, rng=7)
    model.set_seeds(seeds)
    sizes = []
    for _ in range(runs):
        model.reset_model()
        model.advance_until_completion()
        sizes.append(model.get_num_activated_nodes())
    sizes = np.array(sizes, dtype=float)
    print(json.dumps({"spread": sizes.mean(), "se": sizes.std(ddof=1) / np.sqrt(runs)}))
else:
    raise SystemExit(f"unknown command {command}")
