#!/bin/sh
# Building follower graphs at scale: for each size, one `viral graph` process builds a
# follower graph of mean out-degree OUT_DEGREE (default 20: the default core's 6 ties an
# account, 77.4% of them mutual, make 10.644 follows, and the popularity follows make up
# the rest), no statistics, and the script prints its wall time, its peak resident memory
# beside the estimate Viral checked before building, and bytes per follow at the peak. A
# size the memory check refuses is reported with the refusal. SIZES overrides the sizes;
# THREADS the threads.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
viral=${VIRAL:-.build/release/viral}
sizes=${SIZES:-1000000 10000000 100000000}
threads=${THREADS:-$(nproc)}
mean=$(awk -v d="${OUT_DEGREE:-20}" 'BEGIN { print d - 6 * (1 + 0.774) }')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-11s %-13s %-8s %-12s %-12s %-13s %s\n' agents follows wall_s peak_rss_mb estimate_mb estimate_off_% bytes_per_follow
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
