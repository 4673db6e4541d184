/* test-comparison.c: incomplete beta, Student t and the corrected t-test against SciPy
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference values are in tests/data/stats-reference.json, written once by
 * tests/reference/stats_reference.py.
 */
#include <math.h>

#include "eval-reference.h"
#include "orchard.h"

static JsonObject *reference;

/* Relative agreement, also far out in the tails. */
static void
assert_relative (double      actual,
                 double      expected,
                 double      tolerance,
                 const char *what)
{
  if (expected == 0 && actual == 0)
    return;
  if (!(fabs (actual - expected) <= tolerance * fabs (expected)))
    g_error ("%s: %.17g, expected %.17g (relative difference %.3g)",
             what, actual, expected, (actual - expected) / expected);
}

static void
test_beta (void)
{
  JsonArray *cases = json_object_get_array_member (reference, "betainc");

  g_assert_cmpuint (json_array_get_length (cases), >, 1000);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      double a = json_object_get_double_member (c, "a");
      double b = json_object_get_double_member (c, "b");
      double x = json_object_get_double_member (c, "x");
      g_autofree char *what = g_strdup_printf ("I_%g(%g, %g)", x, a, b);

      assert_relative (orchard_beta_regularized (a, b, x),
                       json_object_get_double_member (c, "value"), EVAL_TOLERANCE, what);
    }

  /* Closed forms: I_x(1, 1) = x, I_x(a, 1) = x^a, I_½(a, a) = ½. */
  g_assert_cmpfloat_with_epsilon (orchard_beta_regularized (1, 1, 0.3), 0.3, 1e-15);
  g_assert_cmpfloat_with_epsilon (orchard_beta_regularized (3, 1, 0.5), 0.125, 1e-15);
  g_assert_cmpfloat_with_epsilon (orchard_beta_regularized (40, 40, 0.5), 0.5, 1e-13);
  g_assert_true (isnan (orchard_beta_regularized (-1, 1, 0.5)));
  g_assert_true (isnan (orchard_beta_regularized (1, 1, 1.5)));
}

static void
test_student_t (void)
{
  JsonArray *cases = json_object_get_array_member (reference, "t");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      double t = json_object_get_double_member (c, "t");
      double df = json_object_get_double_member (c, "df");
      g_autofree char *what = g_strdup_printf ("t = %g, df = %g", t, df);

      assert_relative (orchard_student_t_cdf (t, df), json_object_get_double_member (c, "cdf"),
                       EVAL_TOLERANCE, what);
      assert_relative (orchard_student_t_sf (t, df), json_object_get_double_member (c, "sf"),
                       EVAL_TOLERANCE, what);
    }

  /* df = 1 is the Cauchy distribution: ½ + atan(t) / π. */
  for (double t = -20; t <= 20; t += 0.75)
    g_assert_cmpfloat_with_epsilon (orchard_student_t_cdf (t, 1), 0.5 + atan (t) / G_PI, 1e-14);
  g_assert_cmpfloat (orchard_student_t_cdf (INFINITY, 3), ==, 1);
  g_assert_cmpfloat (orchard_student_t_cdf (-INFINITY, 3), ==, 0);
  g_assert_true (isnan (orchard_student_t_cdf (1, 0)));
  g_assert_true (isnan (orchard_student_t_cdf (NAN, 4)));
}

static void
test_corrected_ttest (void)
{
  JsonArray *cases = json_object_get_array_member (reference, "corrected_ttest");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autofree double *a = NULL;
      g_autofree double *b = NULL;
      g_autoptr(GError) error = NULL;
      OrchardCorrectedTTest result;
      gsize n, m;

      a = eval_reference_doubles (json_object_get_array_member (c, "scores_a"), &n);
      b = eval_reference_doubles (json_object_get_array_member (c, "scores_b"), &m);
      g_assert_cmpuint (n, ==, m);
      g_assert_true (orchard_corrected_ttest (a, b, n, json_object_get_int_member (c, "n_train"),
                                              json_object_get_int_member (c, "n_test"),
                                              &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result.n_folds, ==, n);
      g_assert_cmpfloat (result.df, ==, json_object_get_double_member (c, "df"));
      eval_assert_close (result.mean_difference,
                         json_object_get_double_member (c, "mean_difference"), 1e-12, "mean");
      eval_assert_close (result.std_difference,
                         json_object_get_double_member (c, "std_difference"), 1e-12, "std");
      eval_assert_close (result.t, json_object_get_double_member (c, "t"), EVAL_TOLERANCE, "t");
      assert_relative (result.p_value, json_object_get_double_member (c, "p_value"),
                       EVAL_TOLERANCE, "p-value");
      assert_relative (result.probability_a_better,
                       json_object_get_double_member (c, "probability_a_better"),
                       EVAL_TOLERANCE, "probability");
    }
}

/* Facts that hold whatever the data. */
static void
test_corrected_ttest_properties (void)
{
  const double a[] = { 0.81, 0.84, 0.79, 0.86, 0.83 };
  const double b[] = { 0.80, 0.82, 0.80, 0.83, 0.81 };
  const double same[] = { 0.5, 0.5, 0.5 };
  const double shifted[] = { 0.6, 0.6, 0.6 };
  OrchardCorrectedTTest ab, ba, wide, narrow;
  g_autoptr(GError) error = NULL;

  g_assert_true (orchard_corrected_ttest (a, b, 5, 400, 100, &ab, NULL));
  g_assert_true (orchard_corrected_ttest (b, a, 5, 400, 100, &ba, NULL));
  /* Swapping the models mirrors the test. */
  g_assert_cmpfloat (ab.t, ==, -ba.t);
  g_assert_cmpfloat_with_epsilon (ab.p_value, ba.p_value, 1e-15);
  g_assert_cmpfloat_with_epsilon (ab.probability_a_better + ba.probability_a_better, 1, 1e-15);
  g_assert_cmpfloat (ab.probability_a_better, >, 0.5);

  /* The correction: a larger test share means more overlap, less confidence. */
  g_assert_true (orchard_corrected_ttest (a, b, 5, 100, 100, &wide, NULL));
  g_assert_true (orchard_corrected_ttest (a, b, 5, 1000000, 1, &narrow, NULL));
  g_assert_cmpfloat (fabs (wide.t), <, fabs (ab.t));
  g_assert_cmpfloat (wide.p_value, >, ab.p_value);
  /* With a negligible test share it is the plain paired t-test: t = mean / (sd / √J). */
  g_assert_cmpfloat_with_epsilon (narrow.t, ab.mean_difference / (ab.std_difference / sqrt (5)),
                                  1e-4);

  /* No variance. */
  g_assert_true (orchard_corrected_ttest (same, same, 3, 10, 5, &ab, NULL));
  g_assert_cmpfloat (ab.t, ==, 0);
  g_assert_cmpfloat (ab.p_value, ==, 1);
  g_assert_cmpfloat (ab.probability_a_better, ==, 0.5);
  g_assert_true (orchard_corrected_ttest (same, shifted, 3, 10, 5, &ab, NULL));
  g_assert_true (isinf (ab.t) && ab.t < 0);
  g_assert_cmpfloat (ab.p_value, ==, 0);
  g_assert_cmpfloat (ab.probability_a_better, ==, 0);

  g_assert_false (orchard_corrected_ttest (a, b, 1, 10, 5, &ab, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (orchard_corrected_ttest (a, b, 5, 0, 5, &ab, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (orchard_corrected_ttest (a, (const double[]) { 1, NAN }, 2, 10, 5, &ab, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  reference = eval_reference_load ("stats-reference.json");
  g_test_add_func ("/engine/Distributions/beta", test_beta);
  g_test_add_func ("/engine/Distributions/student-t", test_student_t);
  g_test_add_func ("/engine/Comparison/corrected-ttest", test_corrected_ttest);
  g_test_add_func ("/engine/Comparison/properties", test_corrected_ttest_properties);

  return g_test_run ();
}
