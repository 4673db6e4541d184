/* test-readiness.c: the deployment verdict
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "orchard.h"

/* ROC AUC 1 on the training rows, 0.75 on the validation rows. */
static const guint32 y_train[] = { 0, 0, 1, 1 };
static const double p_train[] = { 0.1, 0.2, 0.8, 0.9 };
static const guint32 y_valid[] = { 0, 0, 1, 1 };
static const double p_valid[] = { 0.1, 0.6, 0.3, 0.9 };

static OrchardMetrics *
binary (const guint32 *y,
        const double  *p)
{
  g_autoptr(GError) error = NULL;
  OrchardMetrics *metrics = orchard_metrics_new_binary (y, p, NULL, 4, 0.5, NULL, &error);

  g_assert_no_error (error);
  return metrics;
}

static const OrchardReadinessCheck *
check_of (OrchardReadiness          *verdict,
          OrchardReadinessCheckKind  kind)
{
  for (guint i = 0; i < orchard_readiness_get_n_checks (verdict); i++)
    if (orchard_readiness_get_check (verdict, i)->kind == kind)
      return orchard_readiness_get_check (verdict, i);

  g_assert_not_reached ();
  return NULL;
}

static void
test_binary (void)
{
  g_autoptr(OrchardMetrics) train = binary (y_train, p_train);
  g_autoptr(OrchardMetrics) valid = binary (y_valid, p_valid);
  g_autoptr(OrchardReadiness) verdict = NULL;
  g_autoptr(GError) error = NULL;
  const OrchardReadinessCheck *check;
  OrchardReadinessBars bars;

  g_assert_cmpfloat (orchard_metrics_get (valid, "roc_auc"), ==, 0.75);
  orchard_readiness_bars_init (&bars, ORCHARD_METRICS_TASK_BINARY);
  g_assert_cmpstr (bars.metric, ==, "roc_auc");

  /* 0.75 clears 0.75; a gap of 0.25 does not clear 0.05; no CV: skipped. */
  verdict = orchard_readiness_evaluate (&bars, valid, train, NAN, &error);
  g_assert_no_error (error);
  g_assert_false (orchard_readiness_is_ready (verdict));
  g_assert_cmpuint (orchard_readiness_get_n_checks (verdict), ==, 3);
  g_assert_cmpstr (orchard_readiness_get_metric (verdict), ==, "roc_auc");

  check = check_of (verdict, ORCHARD_READINESS_CHECK_METRIC);
  g_assert_cmpint (check->status, ==, ORCHARD_READINESS_PASSED);
  g_assert_cmpfloat (check->value, ==, 0.75);
  g_assert_nonnull (strstr (check->message, "roc_auc"));

  check = check_of (verdict, ORCHARD_READINESS_CHECK_GAP);
  g_assert_cmpint (check->status, ==, ORCHARD_READINESS_FAILED);
  g_assert_cmpfloat (check->value, ==, 0.25);
  g_assert_cmpfloat (check->bar, ==, 0.05);
  g_assert_nonnull (strstr (check->message, "overfitting"));

  check = check_of (verdict, ORCHARD_READINESS_CHECK_CV_STD);
  g_assert_cmpint (check->status, ==, ORCHARD_READINESS_SKIPPED);
  g_assert_nonnull (strstr (orchard_readiness_get_summary (verdict), "1 check failed"));
  g_clear_object (&verdict);

  /* Looser bars pass; a spread over the bar fails. */
  bars.max_gap = 0.3;
  verdict = orchard_readiness_evaluate (&bars, valid, train, 0.02, &error);
  g_assert_true (orchard_readiness_is_ready (verdict));
  g_assert_cmpstr (orchard_readiness_get_summary (verdict), ==, "Ready to deploy");
  g_clear_object (&verdict);

  verdict = orchard_readiness_evaluate (&bars, valid, train, 0.08, &error);
  g_assert_false (orchard_readiness_is_ready (verdict));
  check = check_of (verdict, ORCHARD_READINESS_CHECK_CV_STD);
  g_assert_cmpint (check->status, ==, ORCHARD_READINESS_FAILED);
  g_assert_cmpfloat (check->value, ==, 0.08);
  g_clear_object (&verdict);

  /* A higher metric bar fails; no bars at all pass vacuously but say so. */
  bars.metric_bar = 0.8;
  verdict = orchard_readiness_evaluate (&bars, valid, NULL, NAN, &error);
  g_assert_false (orchard_readiness_is_ready (verdict));
  g_assert_cmpint (check_of (verdict, ORCHARD_READINESS_CHECK_METRIC)->status, ==,
                   ORCHARD_READINESS_FAILED);
  g_assert_cmpint (check_of (verdict, ORCHARD_READINESS_CHECK_GAP)->status, ==,
                   ORCHARD_READINESS_SKIPPED);
  g_clear_object (&verdict);

  bars.metric_bar = NAN;
  bars.max_gap = NAN;
  bars.max_cv_std = NAN;
  verdict = orchard_readiness_evaluate (&bars, valid, train, 0.5, &error);
  g_assert_true (orchard_readiness_is_ready (verdict));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (orchard_readiness_get_check (verdict, i)->status, ==,
                     ORCHARD_READINESS_SKIPPED);
}

/* For an error metric the bar is a maximum and the gap runs the other way. */
static void
test_lower_is_better (void)
{
  const double y[] = { 1, 2, 3, 4 };
  const double fit[] = { 1, 2, 3, 4.2 };
  const double held_out[] = { 1.5, 2.5, 2.5, 4.5 };
  g_autoptr(OrchardMetrics) train = orchard_metrics_new_regression (y, fit, 4, NULL);
  g_autoptr(OrchardMetrics) valid = orchard_metrics_new_regression (y, held_out, 4, NULL);
  g_autoptr(OrchardReadiness) verdict = NULL;
  g_autoptr(JsonNode) node = NULL;
  const OrchardReadinessCheck *check;
  OrchardReadinessBars bars = { "rmse", 0.6, 0.5, NAN };
  JsonObject *object;

  /* rmse 0.1 on training, 0.5 on validation. */
  verdict = orchard_readiness_evaluate (&bars, valid, train, NAN, NULL);
  check = check_of (verdict, ORCHARD_READINESS_CHECK_METRIC);
  g_assert_cmpint (check->status, ==, ORCHARD_READINESS_PASSED);
  g_assert_cmpfloat_with_epsilon (check->value, 0.5, 1e-15);
  check = check_of (verdict, ORCHARD_READINESS_CHECK_GAP);
  g_assert_cmpint (check->status, ==, ORCHARD_READINESS_PASSED);
  g_assert_cmpfloat_with_epsilon (check->value, 0.4, 1e-15);
  g_assert_true (orchard_readiness_is_ready (verdict));
  g_clear_object (&verdict);

  bars.metric_bar = 0.4;
  bars.max_gap = 0.3;
  verdict = orchard_readiness_evaluate (&bars, valid, train, NAN, NULL);
  g_assert_cmpint (check_of (verdict, ORCHARD_READINESS_CHECK_METRIC)->status, ==,
                   ORCHARD_READINESS_FAILED);
  g_assert_nonnull (strstr (check_of (verdict, ORCHARD_READINESS_CHECK_METRIC)->message, "above"));
  g_assert_cmpint (check_of (verdict, ORCHARD_READINESS_CHECK_GAP)->status, ==,
                   ORCHARD_READINESS_FAILED);
  g_assert_nonnull (strstr (orchard_readiness_get_summary (verdict), "2 checks failed"));

  node = orchard_readiness_to_json (verdict);
  object = json_node_get_object (node);
  g_assert_false (json_object_get_boolean_member (object, "ready"));
  g_assert_cmpstr (json_object_get_string_member (object, "metric"), ==, "rmse");
  {
    JsonArray *checks = json_object_get_array_member (object, "checks");
    JsonObject *third = json_array_get_object_element (checks, 2);

    g_assert_cmpuint (json_array_get_length (checks), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (third, "check"), ==, "cv_std");
    g_assert_cmpstr (json_object_get_string_member (third, "status"), ==, "skipped");
    g_assert_true (json_object_get_null_member (third, "bar"));
  }
}

static void
test_errors (void)
{
  const guint32 one_class[] = { 1, 1, 1, 1 };
  g_autoptr(OrchardMetrics) valid = binary (y_valid, p_valid);
  g_autoptr(OrchardMetrics) undefined = binary (one_class, p_valid);
  g_autoptr(OrchardMetrics) regression = NULL;
  g_autoptr(OrchardReadiness) verdict = NULL;
  g_autoptr(GError) error = NULL;
  OrchardReadinessBars bars;

  orchard_readiness_bars_init (&bars, ORCHARD_METRICS_TASK_BINARY);

  /* An undefined metric is a failure, not a pass. */
  verdict = orchard_readiness_evaluate (&bars, undefined, NULL, NAN, &error);
  g_assert_no_error (error);
  g_assert_false (orchard_readiness_is_ready (verdict));
  g_assert_nonnull (strstr (check_of (verdict, ORCHARD_READINESS_CHECK_METRIC)->message,
                            "undefined"));

  bars.metric = "rmse";
  g_assert_null (orchard_readiness_evaluate (&bars, valid, NULL, NAN, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  bars.metric = "roc_auc";
  g_assert_null (orchard_readiness_evaluate (&bars, valid, NULL, -0.1, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  regression = orchard_metrics_new_regression ((const double[]) { 1, 2 },
                                               (const double[]) { 1, 2 }, 2, NULL);
  g_assert_null (orchard_readiness_evaluate (&bars, valid, regression, NAN, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Readiness/binary", test_binary);
  g_test_add_func ("/engine/Readiness/lower-is-better", test_lower_is_better);
  g_test_add_func ("/engine/Readiness/errors", test_errors);

  return g_test_run ();
}
