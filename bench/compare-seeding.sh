#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Seed selection beside the influence-maximisation codes of issue #15, on this machine: time
# to choose the seeds and peak memory, then the expected spread of those seeds from one
# shared evaluator (CyNetDiff, 2,000 independent-cascade runs). Each tool runs every task
# three times, taking turns, and keeps its best time (once if it takes over 30 s).
#   - Viral: `viral compare` with 2 threads; the time is compare.csv's selection_seconds,
#     the memory the process's peak (graph included).
#   - pynetim 0.5.5 (pip): IMM, OPIM-C, CELF and degree discount, one thread, the graph built
#     beforehand and not timed.
#   - PaC-IM (Wang, Ding, Gu & Sun 2023), 2 threads, its own "average total time". It has no
#     licence file, so it is never copied here: the script clones it with its submodules
#     (parlaylib, PAM) into bench/out/pacim, or builds the checkout PACIM_SRC names; without
#     either it says so and skips it.
# Epinions is read from EPINIONS (default ../shared/datasets/epinions_sym.txt, SNAP's
# soc-Epinions1 symmetrised by PaC-IM); without it those tasks are skipped.
#
#   bench/compare-seeding.sh
#   PACIM_SRC=~/src/Influence-Maximization EPINIONS=~/data/epinions_sym.txt bench/compare-seeding.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
peer_setup networkx numpy six cynetdiff==0.1.18 pynetim==0.5.5
EPINIONS=${EPINIONS:-../shared/datasets/epinions_sym.txt}
PACIM=""
if [ -n "${PACIM_SRC:-}" ] || git clone -q --recurse-submodules https://github.com/ucrparlay/Influence-Maximization \
  "$OUT/pacim" 2>/dev/null || [ -x "$OUT/pacim/IM" ]; then
  SRC=${PACIM_SRC:-$OUT/pacim}
  if make -s -C "$SRC" IM >/dev/null 2>&1; then PACIM="$SRC/IM"; fi
fi
[ -n "$PACIM" ] || echo "PaC-IM: no checkout (set PACIM_SRC) and no network to clone it: skipped" >&2
GRAPHS="ws ws10k"
[ -f "$EPINIONS" ] && GRAPHS="$GRAPHS epinions=$EPINIONS" || echo "Epinions: $EPINIONS not found: skipped" >&2
for graph in $GRAPHS; do
  name=${graph%%=*}
  [ -f "$OUT/seed-${name}_sym.bin" ] || "$VENV/bin/python" bench/peers_seeding.py export "$graph" "$OUT/seed-$name.txt" \
    "$OUT/seed-${name}_sym.bin" >/dev/null
done

PACIM="$PACIM" GRAPHS="$GRAPHS" "$VENV/bin/python" - <<'PYTHON'
import csv, json, os, shutil, subprocess, tempfile

out, viral, python = "bench/out", ".build/release/viral", "bench/.venv/bin/python"
graphs = dict((g.split("=")[0], g) for g in os.environ["GRAPHS"].split())
pacim = os.environ["PACIM"]
# (graph, q, k, strategy, parameter): parameter is epsilon for IMM and OPIM-C, Monte Carlo runs
# for CELF. PaC-IM has no epsilon: it runs beside both.
tasks = [("ws", 0.05, 10, "imm", 0.5), ("ws", 0.05, 10, "imm", 0.2), ("ws", 0.05, 10, "opim-c", 0.1),
         ("ws", 0.05, 10, "degree-discount", None), ("epinions", 0.05, 50, "imm", 0.5),
         ("epinions", 0.05, 50, "opim-c", 0.1), ("epinions", 0.01, 50, "imm", 0.5),
         ("epinions", 0.01, 50, "opim-c", 0.1), ("ws10k", 0.05, 10, "celf", 100)]

def last_json(command, env=None):
    result = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    return json.loads(result.stdout.strip().splitlines()[-1])

def peak(command, env=None):
    """Runs command under /usr/bin/time; returns its stdout and peak memory in MB."""
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, check=True, capture_output=True, text=True, env=env)
    return result.stdout, int(result.stderr.strip().splitlines()[-1]) / 1024

def run_viral(graph, q, k, strategy, parameter):
    folder = tempfile.mkdtemp(dir=out)
    own = {"imm": f"epsilon: {parameter}", "opim-c": f"epsilon: {parameter}", "celf": f"runs: {parameter}", "degree-discount": ""}[strategy]
    with open(f"{folder}/s.yaml", "w") as f:
        f.write(f"name: s\nreplicates: 1\nhorizon: 10000d\n"
                f"graph: {{model: file, path: {os.path.abspath(out)}/seed-{graph}.txt}}\n"
                f"campaign: {{model: independent-cascade, probability: {q}}}\n"
                f"compare:\n  - {{label: viral, strategy: {strategy}, count: {k}, {own}}}\n"
                f"outputs: {{details: false}}\n")
    _, mb = peak([viral, "compare", f"{folder}/s.yaml", "--out", f"{folder}/r", "--threads", "2", "--quiet"])
    seeds = [int(r["agent"]) for r in csv.DictReader(open(f"{folder}/r/seeds.csv"))]
    row = next(r for r in csv.DictReader(open(f"{folder}/r/compare.csv")) if r["metric"] == "reached")
    shutil.rmtree(folder)
    return {"seconds": float(row["selection_seconds"]), "peak_mb": mb, "seeds": seeds}

def run_pynetim(graph, q, k, strategy, parameter):
    extra = [str(parameter)] if parameter is not None else []
    return last_json([python, "bench/peers_seeding.py", "pynetim", graphs[graph], str(q), str(k), strategy] + extra)

def run_pacim(graph, q, k, strategy, parameter):
    env = dict(os.environ, PARLAY_NUM_THREADS="2")
    text, mb = peak([pacim, f"{out}/seed-{graph}_sym.bin", "-k", str(k), "-UIC", str(q), "-R", "256", "-t", "1"], env=env)
    seconds = next(float(l.split(":")[1]) for l in text.splitlines() if l.startswith("average total time"))
    seeds = [int(s) for s in next(l for l in text.splitlines() if l.startswith("seeds:")).split()[1:]]
    return {"seconds": seconds, "peak_mb": mb, "seeds": seeds}

tools = {"viral": run_viral, "pynetim": run_pynetim}
if pacim:
    tools["pacim"] = run_pacim
print(f"{'task':44}{'tool':10}{'seconds':>9}{'peak MB':>9}{'spread':>10}{'± se':>7}{'time vs viral':>15}")
for task in tasks:
    graph, q, k, strategy, parameter = task
    if graph not in graphs:
        continue
    runners = {name: f for name, f in tools.items() if name != "pacim" or strategy in ("imm", "opim-c")}
    best = {}
    for turn in range(3):
        for name, runner in runners.items():
            if name in best and best[name]["seconds"] > 30:
                continue  # one run of a slow tool is enough to rank it
            result = runner(*task)
            if name not in best or result["seconds"] < best[name]["seconds"]:
                best[name] = result
    label = f"{graph}, q = {q}, k = {k}, {strategy}" + (f" {parameter}" if parameter is not None else "")
    for name, result in best.items():
        spread = last_json([python, "bench/peers_seeding.py", "evaluate", graphs[graph], str(q),
                            ",".join(map(str, result["seeds"])), "2000"])
        ratio = result["seconds"] / best["viral"]["seconds"]
        print(f"{label:44}{name:10}{result['seconds']:9.3f}{result['peak_mb']:9.0f}{spread['spread']:10.1f}"
              f"{spread['se']:7.1f}{ratio:14.1f}x", flush=True)
PYTHON
