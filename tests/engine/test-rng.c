/* test-rng.c: the portable generator
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "orchard.h"

/* Values from tests/reference/rng_reference.py, an independent Python
 * transcription of the published xoshiro256** and SplitMix64. */
static void
test_reference_sequence (void)
{
  OrchardRng rng = { { 1, 2, 3, 4 } };
  const guint64 from_state[] = { 11520, 0, 1509978240 };
  const guint64 seed42[] = {
    G_GUINT64_CONSTANT (1546998764402558742), G_GUINT64_CONSTANT (6990951692964543102),
    G_GUINT64_CONSTANT (12544586762248559009), G_GUINT64_CONSTANT (17057574109182124193),
    G_GUINT64_CONSTANT (18295552978065317476),
  };

  for (guint i = 0; i < G_N_ELEMENTS (from_state); i++)
    g_assert_cmpuint (orchard_rng_next (&rng), ==, from_state[i]);

  orchard_rng_init (&rng, 42);
  for (guint i = 0; i < G_N_ELEMENTS (seed42); i++)
    g_assert_cmpuint (orchard_rng_next (&rng), ==, seed42[i]);
}

static void
test_below_uniform (void)
{
  OrchardRng rng;
  guint counts[7] = { 0 };
  const guint n = 70000;
  double chi2 = 0;

  orchard_rng_init (&rng, 7);
  for (guint i = 0; i < n; i++)
    {
      guint64 v = orchard_rng_below (&rng, 7);
      g_assert_cmpuint (v, <, 7);
      counts[v]++;
    }

  for (guint k = 0; k < 7; k++)
    chi2 += (counts[k] - n / 7.0) * (counts[k] - n / 7.0) / (n / 7.0);

  /* 6 degrees of freedom: P(chi2 > 22.46) = 0.001 for a fair generator. */
  g_assert_cmpfloat (chi2, <, 22.46);
}

static void
test_uniform_and_normal (void)
{
  OrchardRng rng;
  double sum = 0, sum2 = 0;
  const int n = 100000;

  orchard_rng_init (&rng, 11);
  for (int i = 0; i < n; i++)
    {
      double u = orchard_rng_uniform (&rng);
      g_assert_cmpfloat (u, >=, 0.0);
      g_assert_cmpfloat (u, <, 1.0);
    }

  for (int i = 0; i < n; i++)
    {
      double z = orchard_rng_normal (&rng);
      sum += z;
      sum2 += z * z;
    }

  g_assert_cmpfloat (fabs (sum / n), <, 0.02);
  g_assert_cmpfloat (fabs (sum2 / n - 1.0), <, 0.02);
}

static void
test_shuffle_and_streams (void)
{
  OrchardRng a, b;
  gsize items[100];
  gboolean seen[100] = { FALSE };
  guint moved = 0;

  for (gsize i = 0; i < 100; i++)
    items[i] = i;

  orchard_rng_init (&a, 3);
  orchard_rng_shuffle (&a, items, 100);
  for (gsize i = 0; i < 100; i++)
    {
      g_assert_false (seen[items[i]]);
      seen[items[i]] = TRUE;
      moved += items[i] != i;
    }
  g_assert_cmpuint (moved, >, 90);

  orchard_rng_init_stream (&a, 5, 0);
  orchard_rng_init_stream (&b, 5, 1);
  g_assert_cmpuint (orchard_rng_next (&a), !=, orchard_rng_next (&b));
  orchard_rng_init_stream (&b, 5, 0);
  orchard_rng_next (&b);
  g_assert_cmpuint (orchard_rng_next (&a), ==, orchard_rng_next (&b));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Rng/reference-sequence", test_reference_sequence);
  g_test_add_func ("/engine/Rng/below-uniform", test_below_uniform);
  g_test_add_func ("/engine/Rng/uniform-and-normal", test_uniform_and_normal);
  g_test_add_func ("/engine/Rng/shuffle-and-streams", test_shuffle_and_streams);

  return g_test_run ();
}
