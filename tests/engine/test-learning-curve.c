/* test-learning-curve.c: best iteration and the overfitting flag
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "eval-reference.h"
#include "orchard.h"

static OrchardLearningCurveReport
analyze (const double *train,
         const double *valid,
         gsize         n)
{
  OrchardLearningCurveReport report;
  g_autoptr(GError) error = NULL;

  g_assert_true (orchard_learning_curve_analyze (train, valid, n, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_iterations, ==, n);

  return report;
}

/* Gradient boosting with a high learning rate on breast-cancer.csv: the
 * staged log losses of scikit-learn, which overfit after a few trees. */
static void
test_boosting (void)
{
  JsonObject *reference = eval_reference_load ("eval-reference.json");
  JsonObject *curve = json_object_get_object_member (reference, "learning_curve");
  g_autofree double *train = NULL;
  g_autofree double *valid = NULL;
  OrchardLearningCurveReport report;
  gsize n, m;

  train = eval_reference_doubles (json_object_get_array_member (curve, "train_loss"), &n);
  valid = eval_reference_doubles (json_object_get_array_member (curve, "valid_loss"), &m);
  g_assert_cmpuint (n, ==, m);

  report = analyze (train, valid, n);
  g_assert_cmpuint (report.best_iteration, ==,
                    json_object_get_int_member (curve, "best_iteration"));
  g_assert_cmpfloat (report.best_valid_loss, ==,
                     json_object_get_double_member (curve, "best_valid_loss"));
  g_assert_cmpfloat (report.train_loss_at_best, ==, train[report.best_iteration]);
  g_assert_cmpfloat (report.gap_at_best, >, 0);
  g_assert_cmpfloat (report.valid_rise, >, 0);
  g_assert_cmpfloat (report.train_change, <, 0);
  g_assert_true (report.overfitting);

  /* Stopped at the best iteration, the same history does not overfit. */
  report = analyze (train, valid, report.best_iteration + 1);
  g_assert_false (report.overfitting);

  /* Without training losses there is a best iteration but no verdict. */
  report = analyze (NULL, valid, n);
  g_assert_false (report.overfitting);
  g_assert_true (isnan (report.train_change));
}

static void
test_rules (void)
{
  /* Both falling: the last iteration is best, no overfitting. */
  const double falling_train[] = { 1.0, 0.8, 0.6, 0.5, 0.45, 0.4, 0.38, 0.36, 0.35, 0.34 };
  const double falling_valid[] = { 1.1, 0.9, 0.7, 0.6, 0.55, 0.5, 0.49, 0.48, 0.47, 0.46 };
  /* Validation rises while training falls: overfitting after iteration 3. */
  const double rising_valid[] = { 1.1, 0.9, 0.7, 0.6, 0.62, 0.65, 0.7, 0.72, 0.75, 0.8 };
  /* Both rise (divergence, a learning rate too high): not overfitting. */
  const double rising_train[] = { 1.0, 0.8, 0.6, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 1.0 };
  /* A rise of less than 1 % is noise. */
  const double flat_valid[] = { 1.1, 0.9, 0.7, 0.6, 0.601, 0.602, 0.603, 0.602, 0.604, 0.603 };
  /* Ties: the first is best. */
  const double tied_valid[] = { 0.5, 0.4, 0.4, 0.45 };
  OrchardLearningCurveReport report;
  OrchardOverfitRule rule;
  g_autoptr(GError) error = NULL;

  report = analyze (falling_train, falling_valid, 10);
  g_assert_cmpuint (report.best_iteration, ==, 9);
  g_assert_false (report.overfitting);

  report = analyze (falling_train, rising_valid, 10);
  g_assert_cmpuint (report.best_iteration, ==, 3);
  g_assert_true (report.overfitting);
  g_assert_cmpfloat_with_epsilon (report.valid_rise, (0.65 + 0.7 + 0.72 + 0.75 + 0.8) / 5 - 0.6,
                                  1e-15);
  g_assert_cmpfloat_with_epsilon (report.gap_at_best, 0.6 - 0.5, 1e-15);

  report = analyze (rising_train, rising_valid, 10);
  g_assert_false (report.overfitting);

  report = analyze (falling_train, flat_valid, 10);
  g_assert_cmpuint (report.best_iteration, ==, 3);
  g_assert_false (report.overfitting);

  /* A stricter rule sees it. */
  orchard_overfit_rule_init (&rule);
  g_assert_cmpuint (rule.window, ==, 5);
  rule.min_rise = 0.001;
  g_assert_true (orchard_learning_curve_analyze (falling_train, flat_valid, 10, &rule, &report,
                                                 NULL));
  g_assert_true (report.overfitting);

  /* The best iteration inside the final window is not overfitting yet. */
  rule.window = 7;
  g_assert_true (orchard_learning_curve_analyze (falling_train, rising_valid, 10, &rule, &report,
                                                 NULL));
  g_assert_false (report.overfitting);

  report = analyze (NULL, tied_valid, 4);
  g_assert_cmpuint (report.best_iteration, ==, 1);

  g_assert_false (orchard_learning_curve_analyze (NULL, tied_valid, 0, NULL, &report, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (orchard_learning_curve_analyze ((const double[]) { 1, NAN }, tied_valid, 2,
                                                  NULL, &report, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "iteration 2"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/LearningCurve/boosting", test_boosting);
  g_test_add_func ("/engine/LearningCurve/rules", test_rules);

  return g_test_run ();
}
