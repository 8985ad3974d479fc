# SPDX-License-Identifier: GPL-3.0-or-later
"""Times one peer on one spreading case of issue #3 and prints one JSON line.

    python bench/peers_spread.py PEER CASE NODES RUNS
    python bench/peers_spread.py export NODES PATH

PEER: cynetdiff | pynetim | ndlib. CASE: ic-large (independent cascade, q = 0.15),
ic-small (q = 0.05), lt (linear threshold, weights 1/in-degree, thresholds U(0.1, 0.3)).
The graph is networkx's Watts-Strogatz graph (k = 10, p = 0.1); 10 seeds are drawn once
and every run starts from them, as each library's documentation shows. Building the
graph and the model is not timed; the time per run is the mean over RUNS runs.
"""
import json
import random
import resource
import sys
import time

import networkx as nx
import numpy as np

def bench_graph(nodes):
    """The benchmark graph and seeds (networkx's generator, fixed seeds)."""
    return nx.watts_strogatz_graph(nodes, 10, 0.1, seed=1), random.Random(2).sample(range(nodes), 10)


if sys.argv[1] == "export":
    # python bench/peers_spread.py export NODES PATH: writes the graph as an edge list and
    # prints the seeds, so that Viral runs on exactly the peers' graph.
    graph, seeds = bench_graph(int(sys.argv[2]))
    nx.write_edgelist(graph, sys.argv[3], data=False)
    print(",".join(map(str, seeds)))
    sys.exit(0)

peer, case, nodes, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
q = {"ic-large": 0.15, "ic-small": 0.05}.get(case)
graph, seeds = bench_graph(nodes)
total = 0

if peer == "cynetdiff":
    from cynetdiff.utils import networkx_to_ic_model, networkx_to_lt_model

    if q is not None:
        model, _ = networkx_to_ic_model(graph, activation_prob=q, rng=3)
        model.set_seeds(seeds)
        start = time.perf_counter()
        for _ in range(runs):
            model.reset_model()
            model.advance_until_completion()
            total += model.get_num_activated_nodes()
        seconds = time.perf_counter() - start
    else:
        # CyNetDiff draws thresholds from U(0, 1); other thresholds are assigned per run.
        model, _ = networkx_to_lt_model(graph.to_directed(), rng=3)
        model.set_seeds(seeds)
        rng = np.random.default_rng(4)
        start = time.perf_counter()
        for _ in range(runs):
            model.reset_model()
            model._assign_thresholds(rng.uniform(0.1, 0.3, nodes).astype(np.float32))
            model.advance_until_completion()
            total += model.get_num_activated_nodes()
        seconds = time.perf_counter() - start
elif peer == "pynetim":
    from pynetim import IMGraph, IndependentCascadeModel, LinearThresholdModel

    edges = [(u, v) for u, v in graph.edges()] + [(v, u) for u, v in graph.edges()]
    if q is not None:
        network = IMGraph(edges, weights=q, directed=True, renumber=False)
        model = IndependentCascadeModel(network, set(seeds))
    else:
        weights = [1.0 / graph.degree(v) for _, v in edges]
        network = IMGraph(edges, weights=weights, directed=True, renumber=False)
        model = LinearThresholdModel(network, set(seeds), theta_l=0.1, theta_h=0.3)
    start = time.perf_counter()
    for r in range(runs):
        total += model.run_single_simulation(random_seed=r + 1)
    seconds = time.perf_counter() - start
elif peer == "ndlib":
    import ndlib.models.ModelConfig as mc
    import ndlib.models.epidemics as ep

    if q is None:
        print(json.dumps({"peer": peer, "case": case, "skipped": "not measured (the issue's table has no figure)"}))
        sys.exit(0)
    seconds = 0.0
    for r in range(runs):
        model = ep.IndependentCascadesModel(graph, seed=r + 1)
        config = mc.Configuration()
        config.add_model_initial_configuration("Infected", seeds)
        # One entry per edge: NDlib ignores an edge configuration silently (every tie then
        # gets 1/degree) unless it has exactly as many entries as the graph has edges; it
        # looks an undirected tie up in both directions itself.
        for u, v in graph.edges():
            config.add_edge_configuration("threshold", (u, v), q)
        model.set_initial_status(config)
        start = time.perf_counter()
        while True:
            iteration = model.iteration(node_status=False)
            if iteration["iteration"] > 0 and iteration["node_count"][1] == 0:
                break
        seconds += time.perf_counter() - start
        total += iteration["node_count"][2]
else:
    sys.exit(f"unknown peer {peer}")

print(json.dumps({"peer": peer, "case": case, "nodes": nodes, "runs": runs, "seconds_per_run": seconds / runs,
                  "mean_reached": total / runs, "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
