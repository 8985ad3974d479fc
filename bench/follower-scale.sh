#!/bin/sh
# Building follower graphs at scale: for each size, one `viral graph` process builds a
# follower graph of mean out-degree OUT_DEGREE (default 20: the default core's 6 ties an
# account, 77.4% of them mutual, make 10.644 follows, and the popularity follows make up
# the rest), no statistics, and the script prints its wall time, its peak resident memory
# beside the estimate Viral checked before building, and bytes per follow at the peak. A
# size the memory check refuses is reported with the refusal. SIZES overrides the sizes;
# THREADS the threads.
#
# Then plain against compact storage (graph.storage: the follower rows, the row lengths and
# a follow-back bit instead of both views' rows):
# - `viral bench`'s ic-follower, lt-follower and nomination cases on a follower graph of
#   SPREAD_AGENTS (default 10^6), one process per storage, printing the time per run of
#   each and the ratio compact / plain, and whether both reached the same agents;
# - whole `viral run`s on a follower graph of RUN_AGENTS (default 10^7, mean out-degree 20)
#   with THREADS workers: independent cascade (2 replicates) and the ice-bucket-2014 wave,
#   printing wall time, peak resident memory, the ratios, and whether runs.csv is the same.
# Set SIZES= (empty) to skip the builds, SPREAD_AGENTS= or RUN_AGENTS= to skip a part.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
viral=${VIRAL:-.build/release/viral}
sizes=${SIZES-1000000 10000000 100000000}
spread_agents=${SPREAD_AGENTS-1000000}
run_agents=${RUN_AGENTS-10000000}
threads=${THREADS:-$(nproc)}
mean=$(awk -v d="${OUT_DEGREE:-20}" 'BEGIN { print d - 6 * (1 + 0.774) }')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -z "$sizes" ] || printf '%-11s %-13s %-8s %-12s %-12s %-13s %s\n' agents follows wall_s peak_rss_mb estimate_mb estimate_off_% bytes_per_follow
for n in $sizes; do
  if /usr/bin/time -f '%e %M' -o "$work/time" "$viral" graph --model follower --nodes "$n" --stats none \
    --set "graph.follows={poisson: {mean: $mean}}" --threads "$threads" --json --out "$work/g$n" \
    >"$work/out" 2>"$work/err"; then
    read -r wall kb <"$work/time"
    follows=$(sed 's/.*"edges":\([0-9]*\).*/\1/' "$work/out")
    estimate=$(sed 's/.*"estimated_peak_bytes":\([0-9]*\).*/\1/' "$work/out")
    awk -v n="$n" -v m="$follows" -v w="$wall" -v kb="$kb" -v e="$estimate" 'BEGIN {
      peak = kb * 1024
      printf "%-11s %-13s %-8s %-12.0f %-12.0f %-+13.1f %.2f\n", n, m, w, peak / 1e6, e / 1e6, 100 * (e - peak) / peak, peak / m
    }'
  else
    printf '%-11s refused: %s\n' "$n" "$(head -1 "$work/err")"
  fi
  rm -rf "$work/g$n"
done

# A JSON field of a one-line object.
field() { sed "s/.*\"$1\": *\"*\([^,\"}]*\).*/\1/" "$2"; }

if [ -n "$spread_agents" ]; then
  echo
  printf '%-12s %-9s %-12s %-12s %-9s %s\n' case agents plain_s compact_s compact/plain same_reach
  # Nomination runs are long (60 simulated days, half the agents reached): fewer of them.
  for case in ic-follower:200 lt-follower:200 nomination:10; do
    name=${case%%:*}
    for storage in plain compact; do
      "$viral" bench --case "$name" --spread-nodes "$spread_agents" --spread-runs "${case#*:}" --runs 3 \
        --storage "$storage" --json --quiet >"$work/$storage.json"
    done
    awk -v c="$name" -v n="$spread_agents" -v p="$(field best_seconds "$work/plain.json")" \
      -v q="$(field best_seconds "$work/compact.json")" -v a="$(field check "$work/plain.json")" \
      -v b="$(field check "$work/compact.json")" \
      'BEGIN { printf "%-12s %-9s %-12.4g %-12.4g %-9.3f %s\n", c, n, p, q, q / p, (a == b ? "yes" : "no") }'
  done
fi

if [ -n "$run_agents" ]; then
  echo
  printf '%-14s %-9s %-8s %-9s %-12s %-12s %-10s %-10s %s\n' run agents storage wall_s peak_rss_mb \
    graph_resident_mb wall_ratio peak_ratio same_runs
  cat >"$work/ic.yaml" <<YAML
name: scale-ic
seed: 7
replicates: 2
graph: {model: follower, nodes: $run_agents, follows: {poisson: {mean: $mean}}}
campaign: {model: independent-cascade, probability: 0.05}
seeding: {strategy: random, count: 100}
YAML
  scale=$(awk -v n="$run_agents" 'BEGIN { printf "%d", n / 100000 }')
  for run in ic ice-bucket; do
    if [ "$run" = ic ]; then
      set -- "$work/ic.yaml"
    else
      # ice-bucket-2014 with its seeds and waves scaled to the population (10^5 agents there).
      set -- Scenarios/ice-bucket-2014.yaml --set "graph.nodes=$run_agents" \
        --set "graph.follows={poisson: {mean: $mean}}" --set graph.realizations=1 --set replicates=1 \
        --set "seeding.count=$((10 * scale))" \
        --set "campaign.waves=[{at: 5d, count: $((10 * scale)), who: random}, {at: 19d, count: $((20 * scale)), who: celebrities}]"
    fi
    for storage in plain compact; do
      /usr/bin/time -f '%e %M' -o "$work/time" "$viral" run "$@" --set "graph.storage=$storage" --graph-stats none \
        --threads "$threads" --out "$work/$storage" >/dev/null 2>"$work/err" || { head -1 "$work/err"; exit 1; }
      read -r wall kb <"$work/time"
      eval "wall_$storage=$wall kb_$storage=$kb"
    done
    same=$(cmp -s "$work/plain/runs.csv" "$work/compact/runs.csv" && echo yes || echo no)
    for storage in plain compact; do
      eval "wall=\$wall_$storage kb=\$kb_$storage"
      # What the graph holds during the runs: 8 bytes a follow and 16 an agent, or 4 bytes
      # and a bit a follow and 16 an agent.
      follows=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "edges") c = i } NR == 2 { print $c }' \
        "$work/plain/graph.csv")
      awk -v r="$run" -v n="$run_agents" -v s="$storage" -v w="$wall" -v kb="$kb" -v m="$follows" \
        -v w0="$wall_plain" -v kb0="$kb_plain" -v same="$same" 'BEGIN {
        g = (s == "plain" ? 8 * m : 4.125 * m) + 16 * n
        printf "%-14s %-9s %-8s %-9s %-12.0f %-12.0f %-10.3f %-10.3f %s\n", r, n, s, w, kb * 1024 / 1e6, g / 1e6,
          w / w0, kb / kb0, same
      }'
    done
    rm -rf "$work/plain" "$work/compact"
  done
fi
