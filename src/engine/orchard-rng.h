/* orchard-rng.h: the portable random number generator of every seeded step
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * OrchardRng:
 *
 * xoshiro256** (Blackman & Vigna 2018), seeded through SplitMix64. Only
 * integer arithmetic decides which rows a split or a bootstrap picks, so the
 * same seed gives the same rows on every machine and compiler. A plain
 * struct: put it on the stack, copy it to fork a stream.
 */
typedef struct
{
  guint64 s[4];
} OrchardRng;

void    orchard_rng_init     (OrchardRng *rng,
                              guint64     seed);
void    orchard_rng_init_stream (OrchardRng *rng,
                                 guint64     seed,
                                 guint64     stream);
guint64 orchard_rng_next     (OrchardRng *rng);
double  orchard_rng_uniform  (OrchardRng *rng);
guint64 orchard_rng_below    (OrchardRng *rng,
                              guint64     bound);
double  orchard_rng_normal   (OrchardRng *rng);
void    orchard_rng_shuffle  (OrchardRng *rng,
                              gsize      *items,
                              gsize       n_items);

G_END_DECLS
