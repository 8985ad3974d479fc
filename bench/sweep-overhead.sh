#!/bin/sh
# What a sweep point costs beyond its runs: P points of R replicates each, against one
# point of P × R replicates of the same tiny scenario (a 200-agent graph, where a run takes
# microseconds), both on one thread. The difference per point is the per-task overhead:
# making and checking the point, its study, its summary (bootstrap intervals of every
# metric), and appending its rows with a journal line.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
viral=${VIRAL:-.build/release/viral}
points=${POINTS:-2000}
replicates=${REPLICATES:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/tiny.yaml" <<YAML
name: tiny
seed: 2
replicates: $replicates
horizon: 10d
graph: {model: watts-strogatz, nodes: 200, neighbors: 4, rewire: 0.1}
campaign: {model: independent-cascade, probability: 0.2}
seeding: {strategy: random, count: 1}
outputs: {details: false}
sweep:
  campaign.probability: {linear: [0.19, 0.21], points: $points}
YAML
seconds() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
sweep=$(seconds "$viral" sweep "$work/tiny.yaml" --threads 1 --quiet --out "$work/sweep")
one=$(seconds "$viral" run "$work/tiny.yaml" --threads 1 --quiet --out "$work/one" \
  --set sweep.campaign.probability=[0.2] --replicates $((points * replicates)))
echo "sweep of $points points x $replicates replicates: $sweep s; one point of $((points * replicates)) replicates: $one s"
awk -v s="$sweep" -v o="$one" -v p="$points" 'BEGIN { printf "per-point overhead: %.2f ms (one thread)\n", (s - o) / p * 1000 }'
