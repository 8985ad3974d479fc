#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs NetworKit, igraph and networkx beside Viral on the graph tasks of issue #2, on this
# machine, and prints the times and Viral's speed-up. Peers are pip-installed into
# bench/.venv; each measurement runs in its own process (best of RUNS; networkx once).
#
#   bench/compare-graph.sh            # n = 10^6
#   NODES=100000 RUNS=1 bench/compare-graph.sh
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${NODES:-1000000}
RUNS=${RUNS:-3}
. bench/common.sh
peer_setup networkit igraph networkx

"$VENV/bin/python" - <<PYTHON
import json, subprocess, sys
nodes, runs = $NODES, $RUNS
tasks = ["ws", "ba", "clustering", "separation", "memory"]
peers = ["networkit", "igraph", "networkx"]
viral_case = {"ws": "ws", "ba": "ba", "clustering": "clustering", "separation": "separation", "memory": "ws"}

def best(command, repeat):
    results = [json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
               for _ in range(repeat)]
    return min(results, key=lambda r: r.get("seconds", r.get("best_seconds")))

rows = {}
versions = subprocess.run(["$VENV/bin/python", "-c", "import networkit, igraph, networkx; print(networkit.__version__, igraph.__version__, networkx.__version__)"],
                          capture_output=True, text=True).stdout.split()
for task in tasks:
    rows[task] = {}
    for peer in peers:
        if peer == "networkx" and task in ("clustering", "separation"):
            continue  # minutes per run at n = 10^6; not in the issue's table either
        repeat = 1 if peer == "networkx" else runs
        r = best(["$VENV/bin/python", "bench/peers_graph.py", peer, task, str(nodes)], repeat)
        rows[task][peer] = r
        print(f"  {task:11s} {peer:10s} {r['seconds']:8.3f} s  peak {r['peak_rss_bytes'] / 1e6:7.0f} MB", file=sys.stderr)
    # Viral in its own process too, so peak memory is the case's own.
    r = json.loads(subprocess.run(["$VIRAL", "bench", "--case", viral_case[task], "--nodes", str(nodes), "--runs", str(runs), "--json"],
                                  check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
    rows[task]["viral"] = {"seconds": r["best_seconds"], "peak_rss_bytes": r["peak_rss_bytes"]}
    print(f"  {task:11s} {'viral':10s} {r['best_seconds']:8.3f} s  peak {r['peak_rss_bytes'] / 1e6:7.0f} MB", file=sys.stderr)

names = {"ws": "Watts–Strogatz n=%d, k=10, p=0.1" % nodes, "ba": "Barabási–Albert n=%d, m=5" % nodes,
         "clustering": "average clustering, WS n=%d" % nodes, "separation": "separation from 100 BFS sources, WS n=%d" % nodes,
         "memory": "peak memory for WS n=%d, k=10" % nodes}
print(f"NetworKit {versions[0]}, igraph {versions[1]}, networkx {versions[2]}; Viral: {nodes} nodes, best of {runs}.")
print("| task | Viral | NetworKit | igraph | networkx | NetworKit / Viral | igraph / Viral |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for task in tasks:
    key = "peak_rss_bytes" if task == "memory" else "seconds"
    unit = (lambda v: f"{v / 1e6:.0f} MB") if task == "memory" else (lambda v: f"{v:.3f} s")
    v = rows[task]["viral"][key]
    cell = lambda p: unit(rows[task][p][key]) if p in rows[task] else "—"
    ratio = lambda p: f"{rows[task][p][key] / v:.1f}×" if p in rows[task] else "—"
    print(f"| {names[task]} | {unit(v)} | {cell('networkit')} | {cell('igraph')} | {cell('networkx')} | {ratio('networkit')} | {ratio('igraph')} |")
PYTHON
