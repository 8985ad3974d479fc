// SPDX-License-Identifier: GPL-3.0-or-later
// A hint Swift cannot spell: start loading the cache line at `address` for reading (or
// writing), without waiting for it. Inlined into the Swift callers.
#ifndef VIRAL_PREFETCH_H
#define VIRAL_PREFETCH_H

static inline __attribute__((always_inline)) void viral_prefetch(const void *address) {
  __builtin_prefetch(address, 0, 3);
}

static inline __attribute__((always_inline)) void viral_prefetch_write(const void *address) {
  __builtin_prefetch(address, 1, 3);
}

#endif
