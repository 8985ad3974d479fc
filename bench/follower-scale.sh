#!/bin/sh
# Building follower graphs at scale: for each size, one `viral graph` process builds the
# default follower graph (no statistics) and the script prints its wall time, peak
# resident memory and bytes per follow at that peak. A size Viral's memory check refuses
# is reported with the refusal. SIZES overrides the sizes; THREADS the threads.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
viral=${VIRAL:-.build/release/viral}
sizes=${SIZES:-1000000 10000000 100000000}
threads=${THREADS:-$(nproc)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-11s %-13s %-8s %-12s %s\n' agents follows wall_s peak_rss_mb bytes_per_follow
for n in $sizes; do
  if /usr/bin/time -f '%e %M' -o "$work/time" "$viral" graph --model follower --nodes "$n" --stats none \
    --threads "$threads" --quiet --out "$work/g$n" >/dev/null 2>"$work/err"; then
    read -r wall kb <"$work/time"
    follows=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "edges") c = i } NR == 2 { print $c }' "$work/g$n/graph.csv")
    awk -v n="$n" -v m="$follows" -v w="$wall" -v kb="$kb" \
      'BEGIN { printf "%-11s %-13s %-8s %-12.0f %.1f\n", n, m, w, kb / 1024, kb * 1024 / m }'
  else
    printf '%-11s refused: %s\n' "$n" "$(head -1 "$work/err")"
  fi
  rm -rf "$work/g$n"
done
