// Viral — C shim for the GNU Scientific Library.
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Only includes and static inline helpers live here. GSL exposes its generator types as
// mutable C globals (`gsl_rng_mt19937`, ...), which Swift 6 rejects as not
// concurrency-safe; the functions below hand them out instead.
#ifndef VIRAL_CGSL_SHIM_H
#define VIRAL_CGSL_SHIM_H

// Use GSL's inline definitions of gsl_rng_get/uniform/uniform_int: they sit in the hot loops.
#ifndef HAVE_INLINE
#define HAVE_INLINE 1
#endif

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_qrng.h>

static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *cgsl_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *cgsl_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }
static inline const gsl_qrng_type *cgsl_qrng_sobol(void) { return gsl_qrng_sobol; }

/// The state of GSL's MT19937 (gsl/rng/mt.c): 624 words and an index. `gsl_rng_set` only
/// accepts 32 bits of seed; Viral derives 64-bit seeds, so it fills these words itself after
/// checking that the layout matches (see RandomStream).
typedef struct {
  unsigned long mt[624];
  int mti;
} cgsl_mt19937_state;

/// The state of GSL's taus2 (gsl/rng/taus.c): the three components of L'Ecuyer's combined
/// Tausworthe generator, each kept in the low 32 bits of a word. Filled by Viral from 64-bit
/// seeds, after checking the layout, like the MT19937 state.
typedef struct {
  unsigned long s1, s2, s3;
} cgsl_taus_state;

#endif
