#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs CyNetDiff, pynetim and NDlib beside Viral on the spreading cases of issue #3, on this
# machine and on the same graph (networkx's Watts–Strogatz graph, n = 10^5, k = 10, p = 0.1,
# exported as an edge list for Viral) from the same 10 seeds, and prints the time per run
# and Viral's speed-up: the best of three batches of RUNS runs each, the batches of all
# libraries taking turns (NDlib: one batch of a few runs). Everything runs on one core.
# Peers are pip-installed into bench/.venv.
#
#   bench/compare-spread.sh
#   NODES=20000 RUNS=100 bench/compare-spread.sh
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${NODES:-100000}
RUNS=${RUNS:-500}
. bench/common.sh
peer_setup networkx numpy six cynetdiff==0.1.18 pynetim==0.5.5 ndlib==6.0.0
SEEDS=$("$VENV/bin/python" bench/peers_spread.py export "$NODES" "$OUT/spread-ws.txt")
# A floor for the threshold case: the same algorithm as plain C, measuring nothing else.
cc -O2 -o "$OUT/lt_loop" bench/reference/lt_loop.c $(pkg-config --cflags --libs gsl)

OMP_NUM_THREADS=1 "$VENV/bin/python" - <<PYTHON
import json, subprocess, sys
nodes, runs, seeds = $NODES, $RUNS, "$SEEDS"
cases = ["ic-large", "ic-small", "lt"]
peers = ["cynetdiff", "pynetim", "ndlib"]
peer_runs = {"ndlib": {"ic-large": 3, "ic-small": 5}}

def last_json(command):
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])

def viral(case):
    r = last_json(["$VIRAL", "bench", "--case", case, "--spread-graph", "$OUT/spread-ws.txt", "--spread-seeds", seeds,
                   "--spread-runs", str(runs), "--runs", "1", "--json"])
    return {"seconds_per_run": r["best_seconds"], "mean_reached": r["check"]}

rows = {}
for case in cases:
    # Everyone's batches take turns (peer 1, peer 2, ..., Viral; three times over), so a
    # stretch of slow machine hits them all alike; each keeps its best batch.
    commands = {peer: lambda peer=peer: last_json(["$VENV/bin/python", "bench/peers_spread.py", peer, case, str(nodes),
                                                   str(peer_runs.get(peer, {}).get(case, runs))])
                for peer in peers}
    if case == "lt":
        commands["c-loop"] = lambda: last_json(["$OUT/lt_loop", "$OUT/spread-ws.txt", seeds, str(runs)])
    commands["viral"] = lambda: viral(case)
    batches = {}
    for turn in range(3):
        for name, command in commands.items():
            if name == "ndlib" and turn > 0:
                continue  # one batch of a few runs: it is slow
            if name in batches and "skipped" in batches[name][0]:
                continue
            batches.setdefault(name, []).append(command())
    rows[case] = {}
    for name, results in batches.items():
        if "skipped" in results[0]:
            continue
        r = min(results, key=lambda b: b["seconds_per_run"])
        rows[case][name] = r
        print(f"  {case:9s} {name:10s} {r['seconds_per_run'] * 1e3:10.4f} ms/run  mean reached {r['mean_reached']:9.1f}", file=sys.stderr)

names = {"ic-large": "independent cascade q = 0.15", "ic-small": "independent cascade q = 0.05",
         "lt": "linear threshold, thresholds U(0.1, 0.3)"}
print(f"Watts–Strogatz n={nodes}, k=10, p=0.1 (networkx), 10 seeds, one core; time per run, best of 3 batches of {runs} (mean reached).")
print("| case | Viral | CyNetDiff | pynetim | NDlib | CyNetDiff / Viral | pynetim / Viral |")
print("| --- | --- | --- | --- | --- | --- | --- |")
def fmt(r):
    t = r["seconds_per_run"]
    text = f"{t * 1e6:.1f} µs" if t < 1e-3 else (f"{t * 1e3:.2f} ms" if t < 1 else f"{t:.2f} s")
    return f"{text} ({r['mean_reached']:.0f})"
for case in cases:
    row = rows[case]
    v = row["viral"]["seconds_per_run"]
    cell = lambda p: fmt(row[p]) if p in row else "—"
    ratio = lambda p: f"{row[p]['seconds_per_run'] / v:.1f}×" if p in row else "—"
    print(f"| {names[case]} | {fmt(row['viral'])} | {cell('cynetdiff')} | {cell('pynetim')} | {cell('ndlib')} | {ratio('cynetdiff')} | {ratio('pynetim')} |")
loop = rows["lt"]["c-loop"]
print(f"Plain C loop of the threshold case (bench/reference/lt_loop.c: same algorithm and GSL draws, no metrics): "
      f"{fmt(loop)}, {loop['seconds_per_run'] / rows['lt']['viral']['seconds_per_run']:.2f}× Viral's time.")
PYTHON
