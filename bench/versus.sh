#!/bin/sh
# Two builds of viral side by side on `viral bench`'s spreading cases: per case, the best
# time per run of each over ROUNDS interleaved rounds (a round runs A then B, then B then A,
# so drift on a shared machine falls on both), the ratio B / A, and whether both reached
# the same agents. Usage: bench/versus.sh OLD_VIRAL NEW_VIRAL   (ROUNDS, CASES override)
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
a=${1:?usage: bench/versus.sh OLD_VIRAL NEW_VIRAL}
b=${2:?usage: bench/versus.sh OLD_VIRAL NEW_VIRAL}
rounds=${ROUNDS:-3}
cases=${CASES:-ic-small ic-large lt ic-follower lt-follower nomination}
field() { sed "s/.*\"$1\": *\"*\([^,\"}]*\).*/\1/"; }
best() { sort -g | head -1; }
printf '%-12s %-12s %-12s %-8s %s\n' case a_s_per_run b_s_per_run b/a same_reach
for c in $cases; do
  runs=2000
  [ "$c" = nomination ] && runs=10
  : >"/tmp/versus.$$.a"
  : >"/tmp/versus.$$.b"
  i=0
  while [ "$i" -lt "$rounds" ]; do
    if [ $((i % 2)) -eq 0 ]; then order="a b"; else order="b a"; fi
    for who in $order; do
      if [ "$who" = a ]; then bin=$a; else bin=$b; fi
      "$bin" bench --case "$c" --spread-runs "$runs" --runs 3 --json --quiet >>"/tmp/versus.$$.$who"
    done
    i=$((i + 1))
  done
  ta=$(field best_seconds <"/tmp/versus.$$.a" | best)
  tb=$(field best_seconds <"/tmp/versus.$$.b" | best)
  ca=$(field check <"/tmp/versus.$$.a" | head -1)
  cb=$(field check <"/tmp/versus.$$.b" | head -1)
  awk -v c="$c" -v a="$ta" -v b="$tb" -v same="$([ "$ca" = "$cb" ] && echo yes || echo no)" \
    'BEGIN { printf "%-12s %-12.5g %-12.5g %-8.3f %s\n", c, a, b, b / a, same }'
done
rm -f "/tmp/versus.$$.a" "/tmp/versus.$$.b"
