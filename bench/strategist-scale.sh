#!/bin/sh
# The strategist's answer at national scale: Scenarios/sports-brand-launch.yaml on a follower
# graph of AGENTS accounts (default 10^7), one graph, six seeding variants of 100 replicates
# each (and the 100 runs without seeds for the lift), with the tiers set at the industry's
# bands (celebrity 500k followers, macro 100k, micro 10k, nano 2k), in one `viral compare`
# process: graph building, homophily, seed choice, runs and writing included. Prints the
# wall time and peak memory (the target: at most 60 s on 2 cores) and the ranked table with
# its paired intervals. THREADS sets the threads (default: all cores).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
viral=${VIRAL:-.build/release/viral}
agents=${AGENTS:-10000000}
threads=${THREADS:-$(nproc)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/time -f '%e %M' -o "$work/time" "$viral" compare Scenarios/sports-brand-launch.yaml \
  --set "graph.nodes=$agents" --set graph.realizations=1 --replicates 100 \
  --set 'population.tiers={celebrity: 500000, macro: 100000, micro: 10000, nano: 2000}' \
  --graph-stats none --threads "$threads" --out "$work/out" >"$work/table" 2>"$work/err" ||
  { cat "$work/err" >&2; exit 1; }
read -r wall kb <"$work/time"
echo "agents $agents, threads $threads: wall $wall s, peak $((kb / 1024)) MB"
grep -v '^Results:' "$work/table"
