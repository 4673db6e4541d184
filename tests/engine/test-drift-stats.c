/* test-drift-stats.c: the statistics of drift tests against SciPy
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference values: tests/data/drift-reference.json, written by
 * tests/reference/drift_reference.py.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orchard.h"
#include "orchard-monitor-private.h"

#include "eval-reference.h"

static JsonObject *reference;

static JsonArray *
section (const char *name)
{
  return json_object_get_array_member (reference, name);
}

static void
test_kstwo (void)
{
  JsonArray *grid = section ("kstwo");

  g_assert_cmpuint (json_array_get_length (grid), >, 300);
  for (guint i = 0; i < json_array_get_length (grid); i++)
    {
      JsonObject *o = json_array_get_object_element (grid, i);
      guint64 n = json_object_get_int_member (o, "n");
      double x = eval_reference_number (o, "x");
      g_autofree char *what = g_strdup_printf ("kstwo.sf(%.17g, %" G_GUINT64_FORMAT ")", x, n);

      eval_assert_close (orchard_kstwo_sf (x, n), eval_reference_number (o, "sf"), EVAL_TOLERANCE, what);
    }
}

static void
test_smirnov (void)
{
  JsonArray *grid = section ("smirnov");

  for (guint i = 0; i < json_array_get_length (grid); i++)
    {
      JsonObject *o = json_array_get_object_element (grid, i);
      guint64 n = json_object_get_int_member (o, "n");
      double x = eval_reference_number (o, "x");
      g_autofree char *what = g_strdup_printf ("smirnov(%" G_GUINT64_FORMAT ", %.17g)", n, x);

      eval_assert_close (orchard_smirnov_sf (n, x), eval_reference_number (o, "sf"), EVAL_TOLERANCE, what);
    }
}

static void
test_chi_square (void)
{
  JsonArray *grid = section ("chi2");

  for (guint i = 0; i < json_array_get_length (grid); i++)
    {
      JsonObject *o = json_array_get_object_element (grid, i);
      double x = eval_reference_number (o, "x");
      double df = eval_reference_number (o, "df");
      g_autofree char *what = g_strdup_printf ("chi2.sf(%g, %g)", x, df);

      eval_assert_close (orchard_chi_square_sf (x, df), eval_reference_number (o, "sf"),
                         EVAL_TOLERANCE, what);
    }

  grid = section ("chi2_isf");
  for (guint i = 0; i < json_array_get_length (grid); i++)
    {
      JsonObject *o = json_array_get_object_element (grid, i);
      double p = eval_reference_number (o, "p");
      double df = eval_reference_number (o, "df");
      g_autofree char *what = g_strdup_printf ("chi2.isf(%g, %g)", p, df);

      eval_assert_close (orchard_chi_square_isf (p, df), eval_reference_number (o, "isf"),
                         EVAL_TOLERANCE, what);
    }

  /* The two regularized gammas are complements, and P(1, x) = 1 − e^−x. */
  for (double x = 0.125; x < 50; x *= 2)
    {
      eval_assert_close (orchard_gamma_regularized_lower (3.5, x) +
                         orchard_gamma_regularized_upper (3.5, x), 1.0, 1e-14, "P + Q");
      eval_assert_close (orchard_gamma_regularized_lower (1.0, x), -expm1 (-x), 1e-14, "P(1, x)");
    }
  g_assert_true (isnan (orchard_chi_square_sf (NAN, 3)));
  g_assert_cmpfloat (orchard_chi_square_sf (INFINITY, 3), ==, 0.0);
}

static void
test_normal (void)
{
  JsonArray *grid = section ("ndtri");

  for (guint i = 0; i < json_array_get_length (grid); i++)
    {
      JsonObject *o = json_array_get_object_element (grid, i);
      double p = eval_reference_number (o, "p");
      g_autofree char *what = g_strdup_printf ("norm.ppf(%g)", p);

      eval_assert_close (orchard_normal_quantile (p), eval_reference_number (o, "x"), EVAL_TOLERANCE, what);
    }

  /* Φ(Φ⁻¹(p)) = p, and the tails are symmetric. */
  for (double p = 0.001; p < 1; p += 0.0487)
    eval_assert_close (orchard_normal_cdf (orchard_normal_quantile (p)), p, 1e-14, "Φ(Φ⁻¹(p))");
  eval_assert_close (orchard_normal_sf (3.1), orchard_normal_cdf (-3.1), 1e-16, "tails");
}

/* ((i a + b) mod m) / divisor + offset, in integers, as the script makes them. */
static double *
generated (gsize      n,
           JsonArray *spec)
{
  gint64 a = json_array_get_int_element (spec, 0);
  gint64 b = json_array_get_int_element (spec, 1);
  gint64 m = json_array_get_int_element (spec, 2);
  gint64 divisor = json_array_get_int_element (spec, 3);
  gint64 offset = json_array_get_int_element (spec, 4);
  double *values = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    values[i] = (double) ((((gint64) i * a + b) % m) / divisor + offset);
  return values;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
test_ks_2samp (void)
{
  JsonArray *cases = section ("ks_synthetic");
  guint n_exact = 0, n_asymptotic = 0;

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *o = json_array_get_object_element (cases, i);
      gsize n1 = json_object_get_int_member (o, "n1");
      gsize n2 = json_object_get_int_member (o, "n2");
      g_autofree double *a = generated (n1, json_object_get_array_member (o, "a"));
      g_autofree double *b = generated (n2, json_object_get_array_member (o, "b"));
      g_autofree char *what = g_strdup_printf ("ks_2samp (%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT ")", n1, n2);
      OrchardKsMethod method;
      double p, d;

      qsort (a, n1, sizeof (double), compare_doubles);
      qsort (b, n2, sizeof (double), compare_doubles);
      d = orchard_ks_2samp (a, n1, b, n2, &p, &method);

      eval_assert_close (d, eval_reference_number (o, "statistic"), EVAL_TOLERANCE, what);
      eval_assert_close (p, eval_reference_number (o, "p_value"), EVAL_TOLERANCE, what);
      g_assert_cmpint (method == ORCHARD_KS_EXACT, ==, json_object_get_boolean_member (o, "exact"));
      if (method == ORCHARD_KS_EXACT)
        n_exact++;
      else
        n_asymptotic++;

      /* The statistic is symmetric. */
      eval_assert_close (orchard_ks_2samp (b, n2, a, n1, NULL, NULL), d, 1e-15, "symmetric D");
    }

  /* Both of SciPy's modes are covered, including its fall-back. */
  g_assert_cmpuint (n_exact, >=, 8);
  g_assert_cmpuint (n_asymptotic, >=, 6);
}

static void
test_identical_samples (void)
{
  double a[] = { -3, -1, 0, 0, 2, 2, 2, 5.5, 7, 11 };
  gsize counts[] = { 4, 0, 9, 2 };
  double shares[] = { 0.2, 0.0, 0.5, 0.3 };
  double p;

  /* A sample against itself: no distance, nothing to reject. */
  g_assert_cmpfloat (orchard_ks_2samp (a, 10, a, 10, &p, NULL), ==, 0.0);
  g_assert_cmpfloat (p, ==, 1.0);
  g_assert_cmpfloat (orchard_wasserstein_distance (a, 10, a, 10), ==, 0.0);
  g_assert_cmpfloat (orchard_jensen_shannon_distance (shares, shares, 4), ==, 0.0);
  g_assert_cmpfloat (orchard_psi (counts, counts, 4), ==, 0.0);
  g_assert_cmpfloat (orchard_cramers_v (counts, counts, 4), ==, 0.0);
  g_assert_cmpfloat (orchard_proportions_z (10, 3, 20, 6, &p), ==, 0.0);
  g_assert_cmpfloat (p, ==, 1.0);

  /* A shift by c moves the Wasserstein distance by exactly |c|. */
  {
    double b[10];

    for (guint i = 0; i < 10; i++)
      b[i] = a[i] + 2.5;
    eval_assert_close (orchard_wasserstein_distance (a, 10, b, 10), 2.5, 1e-15, "shift");
    g_assert_cmpfloat (orchard_ks_2samp (a, 10, b, 10, &p, NULL), >, 0.0);
  }

  /* The Jensen–Shannon distance of disjoint distributions is √ln 2. */
  {
    double p1[] = { 1, 0 }, q1[] = { 0, 1 };

    eval_assert_close (orchard_jensen_shannon_distance (p1, q1, 2), sqrt (G_LN2), 1e-15, "disjoint");
  }

  /* A category the reference never holds makes chi-square infinite. */
  {
    double observed[] = { 5, 5, 1 }, expected[] = { 5.5, 5.5, 0 };
    double stat = orchard_chisquare (observed, expected, 3, &p);

    g_assert_true (isinf (stat));
    g_assert_cmpfloat (p, ==, 0.0);
  }
}

static void
test_corrections (void)
{
  JsonObject *o = json_object_get_object_member (reference, "corrections");
  gsize n;
  g_autofree double *p = eval_reference_doubles (json_object_get_array_member (o, "p_values"), &n);
  g_autofree double *adjusted = g_new (double, n);

  orchard_adjust_p_values (p, n, FALSE, adjusted);
  eval_assert_arrays_close (adjusted, n, json_object_get_array_member (o, "bonferroni"),
                            EVAL_TOLERANCE, "bonferroni");
  orchard_adjust_p_values (p, n, TRUE, adjusted);
  eval_assert_arrays_close (adjusted, n, json_object_get_array_member (o, "bh"),
                            EVAL_TOLERANCE, "benjamini-hochberg");

  /* Adjusting never lowers a p-value, and BH never exceeds Bonferroni. */
  {
    g_autofree double *bonferroni = g_new (double, n);

    orchard_adjust_p_values (p, n, FALSE, bonferroni);
    for (gsize i = 0; i < n; i++)
      {
        g_assert_cmpfloat (adjusted[i], >=, p[i]);
        g_assert_cmpfloat (adjusted[i], <=, bonferroni[i]);
      }
  }
}

static void
test_sort (void)
{
  /* The radix sort against qsort on values of every sign and size. */
  for (gsize n = 1; n < 200000; n = n * 7 + 3)
    {
      g_autofree double *values = g_new (double, n);
      g_autofree double *expected = g_new (double, n);
      g_autofree double *scratch = g_new (double, n);
      OrchardRng rng;

      orchard_rng_init (&rng, n);
      for (gsize i = 0; i < n; i++)
        {
          double v = orchard_rng_normal (&rng) * pow (10, (double) orchard_rng_below (&rng, 40) - 20);

          /* Ties, zeros of both signs and infinities too. */
          switch (orchard_rng_below (&rng, 10))
            {
            case 0: v = floor (v); break;
            case 1: v = orchard_rng_below (&rng, 2) ? 0.0 : -0.0; break;
            case 2: v = orchard_rng_below (&rng, 2) ? INFINITY : -INFINITY; break;
            default: break;
            }
          values[i] = expected[i] = v;
        }

      qsort (expected, n, sizeof (double), compare_doubles);
      orchard_sort_doubles (values, n, scratch);
      for (gsize i = 0; i < n; i++)
        g_assert_cmpfloat (values[i], ==, expected[i]);
    }
}

static void
test_quantile (void)
{
  /* np.quantile([1, 2, 3, 4], q), method 'linear'. */
  double v[] = { 1, 2, 3, 4 };

  g_assert_cmpfloat (orchard_sorted_quantile (v, 4, 0.0), ==, 1.0);
  g_assert_cmpfloat (orchard_sorted_quantile (v, 4, 1.0), ==, 4.0);
  g_assert_cmpfloat (orchard_sorted_quantile (v, 4, 0.5), ==, 2.5);
  eval_assert_close (orchard_sorted_quantile (v, 4, 0.1), 1.3, 1e-15, "q 0.1");
  eval_assert_close (orchard_sorted_quantile (v, 4, 0.9), 3.7, 1e-15, "q 0.9");
  g_assert_cmpfloat (orchard_sorted_quantile (v, 1, 0.7), ==, 1.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  reference = eval_reference_load ("drift-reference.json");

  g_test_add_func ("/engine/DriftStats/kstwo", test_kstwo);
  g_test_add_func ("/engine/DriftStats/smirnov", test_smirnov);
  g_test_add_func ("/engine/DriftStats/chi-square", test_chi_square);
  g_test_add_func ("/engine/DriftStats/normal", test_normal);
  g_test_add_func ("/engine/DriftStats/ks-2samp", test_ks_2samp);
  g_test_add_func ("/engine/DriftStats/identical", test_identical_samples);
  g_test_add_func ("/engine/DriftStats/corrections", test_corrections);
  g_test_add_func ("/engine/DriftStats/sort", test_sort);
  g_test_add_func ("/engine/DriftStats/quantile", test_quantile);

  return g_test_run ();
}
