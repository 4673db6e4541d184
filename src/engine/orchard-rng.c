/* orchard-rng.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "orchard-rng.h"

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/**
 * orchard_rng_init:
 * @rng: a generator
 * @seed: any value; equal seeds give equal sequences everywhere
 */
void
orchard_rng_init (OrchardRng *rng,
                  guint64     seed)
{
  guint64 sm = seed;

  g_return_if_fail (rng != NULL);

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&sm);
}

/**
 * orchard_rng_init_stream:
 * @rng: a generator
 * @seed: the user's seed
 * @stream: which independent stream (a tree, a fold, a thread)
 *
 * Independent sequences for parallel work that must not depend on the
 * number of threads: stream k of a seed is always the same.
 */
void
orchard_rng_init_stream (OrchardRng *rng,
                         guint64     seed,
                         guint64     stream)
{
  guint64 sm = seed;
  guint64 mixed = splitmix64 (&sm) ^ (stream * G_GUINT64_CONSTANT (0xd1b54a32d192ed03));

  orchard_rng_init (rng, mixed);
}

guint64
orchard_rng_next (OrchardRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

/**
 * orchard_rng_uniform:
 * @rng: a generator
 *
 * Returns: a double in [0, 1) with 53 random bits
 */
double
orchard_rng_uniform (OrchardRng *rng)
{
  return (orchard_rng_next (rng) >> 11) * 0x1.0p-53;
}

/**
 * orchard_rng_below:
 * @rng: a generator
 * @bound: the exclusive upper bound, > 0
 *
 * Returns: an unbiased integer in [0, @bound) (Lemire's method)
 */
guint64
orchard_rng_below (OrchardRng *rng,
                   guint64     bound)
{
  unsigned __int128 m;
  guint64 low;

  g_return_val_if_fail (bound > 0, 0);

  m = (unsigned __int128) orchard_rng_next (rng) * bound;
  low = (guint64) m;
  if (low < bound)
    {
      guint64 threshold = -bound % bound;

      while (low < threshold)
        {
          m = (unsigned __int128) orchard_rng_next (rng) * bound;
          low = (guint64) m;
        }
    }

  return (guint64) (m >> 64);
}

/**
 * orchard_rng_normal:
 * @rng: a generator
 *
 * Returns: a standard normal deviate (Marsaglia's polar method)
 */
double
orchard_rng_normal (OrchardRng *rng)
{
  double u, v, s;

  do
    {
      u = 2.0 * orchard_rng_uniform (rng) - 1.0;
      v = 2.0 * orchard_rng_uniform (rng) - 1.0;
      s = u * u + v * v;
    }
  while (s >= 1.0 || s == 0.0);

  return u * sqrt (-2.0 * log (s) / s);
}

/**
 * orchard_rng_shuffle:
 * @rng: a generator
 * @items: (array length=n_items): the items, shuffled in place
 * @n_items: how many
 *
 * A Fisher–Yates shuffle: every permutation equally likely.
 */
void
orchard_rng_shuffle (OrchardRng *rng,
                     gsize      *items,
                     gsize       n_items)
{
  for (gsize i = n_items; i > 1; i--)
    {
      gsize j = orchard_rng_below (rng, i);
      gsize tmp = items[i - 1];

      items[i - 1] = items[j];
      items[j] = tmp;
    }
}
