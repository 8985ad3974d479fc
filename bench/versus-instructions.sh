#!/bin/sh
# Two builds of viral side by side on `viral bench`'s spreading cases, counted in machine
# instructions per run (valgrind's callgrind: the same count for the same binary and input
# whatever else the machine does, where times here vary 10-50%). Each case runs N and 2N
# simulations; the difference over N is the instructions of one run, graph building and
# setup cancelled out. Prints both, the ratio B / A and whether both reached the same
# agents. Usage: bench/versus-instructions.sh OLD_VIRAL NEW_VIRAL   (CASES overrides)
# Needs valgrind; debug info is stripped from copies, which callgrind cannot read.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip -g -o "$work/a" "${1:?usage: bench/versus-instructions.sh OLD_VIRAL NEW_VIRAL}"
strip -g -o "$work/b" "${2:?usage: bench/versus-instructions.sh OLD_VIRAL NEW_VIRAL}"
cases=${CASES:-ic-small:1000 ic-large:100 lt:100 ic-follower:100 lt-follower:50 nomination:2}
count() {
  valgrind --tool=callgrind --callgrind-out-file="$work/out" "$work/$1" bench --case "$2" --spread-runs "$3" --runs 1 \
    --json --quiet >"$work/json" 2>"$work/log"
  sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$work/log"
}
printf '%-12s %-16s %-16s %-8s %s\n' case a_instr_per_run b_instr_per_run b/a same_reach
for entry in $cases; do
  c=${entry%%:*}
  n=${entry#*:}
  a1=$(count a "$c" "$n"); a2=$(count a "$c" $((2 * n))); ca=$(sed 's/.*"check": *\([^,}]*\).*/\1/' "$work/json")
  b1=$(count b "$c" "$n"); b2=$(count b "$c" $((2 * n))); cb=$(sed 's/.*"check": *\([^,}]*\).*/\1/' "$work/json")
  awk -v c="$c" -v n="$n" -v a1="$a1" -v a2="$a2" -v b1="$b1" -v b2="$b2" -v same="$([ "$ca" = "$cb" ] && echo yes || echo no)" \
    'BEGIN { a = (a2 - a1) / n; b = (b2 - b1) / n; printf "%-12s %-16.0f %-16.0f %-8.4f %s\n", c, a, b, b / a, same }'
done
