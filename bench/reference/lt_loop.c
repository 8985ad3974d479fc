// SPDX-License-Identifier: GPL-3.0-or-later
// A floor for the linear-threshold case of bench/compare-spread.sh: the plainest C
// implementation of the same algorithm, on the same graph and seeds, to show what the
// machine itself allows. Weights 1/degree; at the start of each run every agent's threshold
// is drawn from U(0.1, 0.3) with GSL's taus2 and turned into the exposures it needs, a 4-byte
// counter; a FIFO queue visits agents in the same order as rounds. It measures nothing
// beyond the number reached (Viral's runs compute every run metric), and draws every agent's
// threshold from one stream per run (Viral draws blocks of 64 agents from a stream each,
// block by block until a quarter of them are drawn, then the rest at once).
//
//   cc -O2 -o bench/out/lt_loop bench/reference/lt_loop.c $(pkg-config --cflags --libs gsl)
//   bench/out/lt_loop EDGELIST SEED,SEED,... RUNS
//
// EDGELIST: one undirected edge "u v" per line, nodes numbered 0..n-1. Prints one JSON line.
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void *checked(void *p) {
  if (!p) {
    fputs("lt_loop: out of memory\n", stderr);
    exit(1);
  }
  return p;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fputs("usage: lt_loop EDGELIST SEED,SEED,... RUNS\n", stderr);
    return 2;
  }
  FILE *file = fopen(argv[1], "r");
  if (!file) {
    perror(argv[1]);
    return 2;
  }
  // Edges, then CSR rows (each edge stored both ways).
  size_t m = 0, capacity = 1 << 20;
  uint32_t *from = checked(malloc(capacity * 4)), *to = checked(malloc(capacity * 4));
  uint32_t n = 0;
  unsigned a, b;
  while (fscanf(file, "%u %u", &a, &b) == 2) {
    if (m == capacity) {
      capacity *= 2;
      from = checked(realloc(from, capacity * 4));
      to = checked(realloc(to, capacity * 4));
    }
    from[m] = a;
    to[m] = b;
    m++;
    if (a + 1 > n) n = a + 1;
    if (b + 1 > n) n = b + 1;
  }
  fclose(file);
  size_t *offset = checked(calloc(n + 1, sizeof(size_t)));
  for (size_t i = 0; i < m; i++) {
    offset[from[i] + 1]++;
    offset[to[i] + 1]++;
  }
  for (uint32_t i = 0; i < n; i++) offset[i + 1] += offset[i];
  uint32_t *row = checked(malloc(2 * m * 4));
  size_t *fill = checked(malloc(n * sizeof(size_t)));
  memcpy(fill, offset, n * sizeof(size_t));
  for (size_t i = 0; i < m; i++) {
    row[fill[from[i]]++] = to[i];
    row[fill[to[i]]++] = from[i];
  }

  uint32_t seeds[64];
  int seedCount = 0;
  for (char *token = strtok(argv[2], ","); token && seedCount < 64; token = strtok(NULL, ","))
    seeds[seedCount++] = (uint32_t)strtoul(token, NULL, 10);
  int runs = atoi(argv[3]);

  uint32_t *need = checked(malloc((size_t)n * 4));
  uint32_t *queue = checked(malloc((size_t)n * 4));
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);  // Viral's default generator
  double start = seconds();
  long reached = 0;
  for (uint32_t run = 1; run <= (uint32_t)runs; run++) {
    gsl_rng_set(rng, run);
    for (uint32_t v = 0; v < n; v++) {
      double needed = ceil(gsl_ran_flat(rng, 0.1, 0.3) * (double)(offset[v + 1] - offset[v]) - 1e-9);
      need[v] = needed < 1 ? 1 : (uint32_t)needed;
    }
    size_t head = 0, tail = 0;
    for (int s = 0; s < seedCount; s++) {
      need[seeds[s]] = 0;  // needs 0 more: later exposures wrap the count away from 0
      queue[tail++] = seeds[s];
    }
    while (head < tail) {
      uint32_t u = queue[head++];
      for (size_t k = offset[u]; k < offset[u + 1]; k++) {
        uint32_t v = row[k];
        if (--need[v] == 0) queue[tail++] = v;
      }
    }
    reached += (long)tail;
  }
  double elapsed = seconds() - start;
  printf("{\"peer\": \"c-loop\", \"case\": \"lt\", \"nodes\": %u, \"runs\": %d, \"seconds_per_run\": %.9f, "
         "\"mean_reached\": %.1f}\n",
         n, runs, elapsed / runs, (double)reached / runs);
  gsl_rng_free(rng);
  return 0;
}
