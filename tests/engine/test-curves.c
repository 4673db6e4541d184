/* test-curves.c: OrchardCurve and threshold choice against scikit-learn 1.2
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference points are in tests/data/eval-reference.json, written once by
 * tests/reference/eval_reference.py from roc_curve, precision_recall_curve,
 * calibration_curve, _binary_clf_curve and per-threshold precision_score,
 * recall_score and f1_score.
 */
#include <math.h>
#include <string.h>

#include "eval-reference.h"
#include "orchard.h"

typedef struct
{
  const char *name;
  guint32    *y;
  double     *p;
  double     *w;
  gsize       n;
} Case;

static void
case_load (Case       *c,
           JsonObject *object)
{
  gsize n;

  c->name = json_object_get_string_member (object, "name");
  c->y = eval_reference_labels (json_object_get_array_member (object, "y_true"), &c->n);
  c->p = eval_reference_doubles (json_object_get_array_member (object, "proba"), &n);
  g_assert_cmpuint (n, ==, c->n);
  c->w = NULL;
  if (!json_object_get_null_member (object, "weights"))
    c->w = eval_reference_doubles (json_object_get_array_member (object, "weights"), &n);
}

static void
case_clear (Case *c)
{
  g_clear_pointer (&c->y, g_free);
  g_clear_pointer (&c->p, g_free);
  g_clear_pointer (&c->w, g_free);
}

/* Every column the reference lists, point by point. */
static void
assert_curve (OrchardCurve *curve,
              JsonObject   *expected,
              const char   *what)
{
  g_autoptr(GList) members = json_object_get_members (expected);
  guint columns = 0;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *column = l->data;
      JsonNode *node = json_object_get_member (expected, column);
      g_autofree char *label = g_strdup_printf ("%s %s", what, column);
      const double *values;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;
      values = orchard_curve_get_column (curve, column);
      if (values == NULL)
        g_error ("%s: no column “%s”", what, column);
      eval_assert_arrays_close (values, orchard_curve_get_n_points (curve),
                                json_node_get_array (node), EVAL_TOLERANCE, label);
      columns++;
    }

  g_assert_cmpuint (columns, ==, orchard_curve_get_n_columns (curve));
}

static void
test_curves_case (gconstpointer data)
{
  JsonObject *object = (JsonObject *) data;
  JsonObject *calibration = json_object_get_object_member (object, "calibration");
  g_autoptr(OrchardCurve) roc = NULL;
  g_autoptr(OrchardCurve) full = NULL;
  g_autoptr(OrchardCurve) pr = NULL;
  g_autoptr(OrchardCurve) cal = NULL;
  g_autoptr(OrchardCurve) gains = NULL;
  g_autoptr(OrchardCurve) sweep = NULL;
  g_autoptr(GError) error = NULL;
  Case c;

  case_load (&c, object);

  roc = orchard_curve_new_roc (c.y, c.p, c.w, c.n, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orchard_curve_get_kind (roc), ==, ORCHARD_CURVE_ROC);
  assert_curve (roc, json_object_get_object_member (object, "roc"), c.name);
  eval_assert_close (orchard_curve_get_summary (roc, "auc"),
                     eval_reference_number (object, "roc_auc"), EVAL_TOLERANCE, c.name);

  /* Dropping collinear points changes neither the ends nor the area. */
  full = orchard_curve_new_roc (c.y, c.p, c.w, c.n, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_curve_get_n_points (full), >=, orchard_curve_get_n_points (roc));
  eval_assert_close (orchard_curve_get_summary (full, "auc"),
                     orchard_curve_get_summary (roc, "auc"), 1e-12, c.name);

  pr = orchard_curve_new_precision_recall (c.y, c.p, c.w, c.n, &error);
  g_assert_no_error (error);
  assert_curve (pr, json_object_get_object_member (object, "pr"), c.name);
  eval_assert_close (orchard_curve_get_summary (pr, "average_precision"),
                     eval_reference_number (object, "average_precision"), EVAL_TOLERANCE, c.name);

  cal = orchard_curve_new_calibration (c.y, c.p, c.n, 10, &error);
  g_assert_no_error (error);
  assert_curve (cal, calibration, c.name);
  eval_assert_close (orchard_curve_get_summary (cal, "ece"),
                     eval_reference_number (calibration, "ece"), EVAL_TOLERANCE, c.name);
  eval_assert_close (orchard_curve_get_summary (cal, "mce"),
                     eval_reference_number (calibration, "mce"), EVAL_TOLERANCE, c.name);

  gains = orchard_curve_new_gains (c.y, c.p, c.w, c.n, &error);
  g_assert_no_error (error);
  assert_curve (gains, json_object_get_object_member (object, "gains"), c.name);

  sweep = orchard_curve_new_threshold_sweep (c.y, c.p, c.w, c.n, &error);
  g_assert_no_error (error);
  assert_curve (sweep, json_object_get_object_member (object, "sweep"), c.name);

  case_clear (&c);
}

static void
test_choice_case (gconstpointer data)
{
  JsonObject *object = (JsonObject *) data;
  JsonObject *choice = json_object_get_object_member (object, "choice");
  JsonObject *f1 = json_object_get_object_member (choice, "f1");
  JsonObject *cost = json_object_get_object_member (choice, "cost");
  JsonArray *matrix = json_object_get_array_member (cost, "matrix");
  JsonArray *row0 = json_array_get_array_element (matrix, 0);
  JsonArray *row1 = json_array_get_array_element (matrix, 1);
  OrchardCostMatrix costs = {
    .tn = json_array_get_double_element (row0, 0),
    .fp = json_array_get_double_element (row0, 1),
    .fn = json_array_get_double_element (row1, 0),
    .tp = json_array_get_double_element (row1, 1),
  };
  g_autoptr(GError) error = NULL;
  double threshold, value;
  gboolean ok;
  Case c;

  case_load (&c, object);

  ok = orchard_threshold_choose (c.y, c.p, c.w, c.n, ORCHARD_THRESHOLD_MAX_F1, NULL,
                                 &threshold, &value, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  eval_assert_close (threshold, eval_reference_number (f1, "threshold"), 0, c.name);
  eval_assert_close (value, eval_reference_number (f1, "value"), EVAL_TOLERANCE, c.name);

  ok = orchard_threshold_choose (c.y, c.p, c.w, c.n, ORCHARD_THRESHOLD_MAX_YOUDEN, NULL,
                                 &threshold, &value, &error);
  if (json_object_get_null_member (choice, "youden"))
    {
      g_assert_false (ok);
      g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  else
    {
      JsonObject *youden = json_object_get_object_member (choice, "youden");

      g_assert_no_error (error);
      g_assert_true (ok);
      eval_assert_close (threshold, eval_reference_number (youden, "threshold"), 0, c.name);
      eval_assert_close (value, eval_reference_number (youden, "value"), EVAL_TOLERANCE, c.name);
    }

  ok = orchard_threshold_choose (c.y, c.p, c.w, c.n, ORCHARD_THRESHOLD_MIN_COST, &costs,
                                 &threshold, &value, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  eval_assert_close (threshold, eval_reference_number (cost, "threshold"), 0, c.name);
  eval_assert_close (value, eval_reference_number (cost, "value"), EVAL_TOLERANCE, c.name);

  /* The chosen F1 is what the metrics report at that threshold. */
  ok = orchard_threshold_choose (c.y, c.p, c.w, c.n, ORCHARD_THRESHOLD_MAX_F1, NULL,
                                 &threshold, &value, &error);
  g_assert_true (ok);
  {
    g_autoptr(OrchardMetrics) metrics = NULL;

    metrics = orchard_metrics_new_binary (c.y, c.p, c.w, c.n, threshold, NULL, &error);
    if (threshold <= 1)
      {
        g_assert_no_error (error);
        g_assert_cmpfloat (orchard_metrics_get (metrics, "f1"), ==, value);
      }
    g_clear_error (&error);
  }

  case_clear (&c);
}

static void
test_choice_errors (void)
{
  const guint32 y[] = { 0, 1 };
  const double p[] = { 0.3, 0.6 };
  const OrchardCostMatrix infinite = { 0, INFINITY, 1, 0 };
  g_autoptr(GError) error = NULL;
  double threshold;

  g_assert_false (orchard_threshold_choose (y, p, NULL, 2, ORCHARD_THRESHOLD_MIN_COST, NULL,
                                            &threshold, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (orchard_threshold_choose (y, p, NULL, 2, ORCHARD_THRESHOLD_MIN_COST, &infinite,
                                            &threshold, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A cost matrix that only punishes misses flags every row. */
  {
    const OrchardCostMatrix misses = { 0, 0, 1, 0 };
    double value;

    g_assert_true (orchard_threshold_choose (y, p, NULL, 2, ORCHARD_THRESHOLD_MIN_COST, &misses,
                                             &threshold, &value, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat (value, ==, 0);
    g_assert_cmpfloat (threshold, ==, 0.6);
  }

  {
    OrchardThresholdCriterion criterion;

    g_assert_true (orchard_threshold_criterion_from_string ("youden", &criterion));
    g_assert_cmpint (criterion, ==, ORCHARD_THRESHOLD_MAX_YOUDEN);
    g_assert_cmpstr (orchard_threshold_criterion_to_string (ORCHARD_THRESHOLD_MIN_COST), ==,
                     "cost");
    g_assert_false (orchard_threshold_criterion_from_string ("accuracy", &criterion));
  }
}

static void
test_residuals (void)
{
  const double y[] = { 3.0, -1.5, 2.25, 10 };
  const double yhat[] = { 2.5, -1.0, 2.25, 7 };
  const double expected[] = { 0.5, -0.5, 0, 3 };
  g_autoptr(OrchardCurve) curve = NULL;
  g_autoptr(GError) error = NULL;
  const double *residual, *actual, *predicted;

  curve = orchard_curve_new_residuals (y, yhat, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orchard_curve_get_kind (curve), ==, ORCHARD_CURVE_RESIDUALS);
  g_assert_cmpuint (orchard_curve_get_n_points (curve), ==, 4);
  residual = orchard_curve_get_column (curve, "residual");
  actual = orchard_curve_get_column (curve, "actual");
  predicted = orchard_curve_get_column (curve, "predicted");
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (residual[i], ==, expected[i]);
      g_assert_cmpfloat (actual[i], ==, y[i]);
      g_assert_cmpfloat (predicted[i], ==, yhat[i]);
    }
  g_assert_null (orchard_curve_get_column (curve, "fpr"));
  g_assert_cmpuint (orchard_curve_get_n_summaries (curve), ==, 0);

  g_assert_null (orchard_curve_new_residuals (y, (const double[]) { 1, NAN }, 2, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

/* The serialisations keep every number and write undefined ones as empty
 * (CSV) or null (JSON). */
static void
test_serialisation (void)
{
  const guint32 y[] = { 0, 1, 1, 0, 1 };
  const double p[] = { 0.1, 0.35, 0.8, 0.35, 0.7 };
  g_autoptr(OrchardCurve) pr = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *object, *columns;
  JsonArray *thresholds;
  const double *precision;
  OrchardCurveKind kind;

  pr = orchard_curve_new_precision_recall (y, p, NULL, 5, NULL);
  g_assert_nonnull (pr);
  g_assert_cmpuint (orchard_curve_get_n_points (pr), ==, 5);
  precision = orchard_curve_get_column (pr, "precision");

  csv = orchard_curve_to_csv (pr);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "precision,recall,thresholds");
  g_assert_cmpstr (lines[1], ==, "0.6,1,0.1");
  g_assert_cmpstr (lines[2], ==, "0.75,1,0.35");
  g_assert_cmpstr (lines[5], ==, "1,0,");
  g_assert_cmpstr (lines[6], ==, "");
  g_assert_null (lines[7]);

  node = orchard_curve_to_json (pr);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "pr");
  g_assert_cmpint (json_object_get_int_member (object, "points"), ==, 5);
  columns = json_object_get_object_member (object, "columns");
  thresholds = json_object_get_array_member (columns, "thresholds");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (thresholds, 4)));
  g_assert_cmpfloat (json_array_get_double_element (
                       json_object_get_array_member (columns, "precision"), 3), ==, precision[3]);
  g_assert_cmpfloat (json_object_get_double_member (
                       json_object_get_object_member (object, "summary"), "average_precision"),
                     ==, orchard_curve_get_summary (pr, "average_precision"));

  g_assert_true (orchard_curve_kind_from_string ("calibration", &kind));
  g_assert_cmpint (kind, ==, ORCHARD_CURVE_CALIBRATION);
  g_assert_false (orchard_curve_kind_from_string ("lift", &kind));
  for (guint k = ORCHARD_CURVE_ROC; k <= ORCHARD_CURVE_RESIDUALS; k++)
    {
      g_assert_true (orchard_curve_kind_from_string (orchard_curve_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
}

/* numpy.linspace puts the fourth edge at 3 × 0.1 = 0.30000000000000004,
 * above 0.3, and bins are closed on the right: the bins must use the same
 * edges to agree (checked with calibration_curve on these numbers). */
static void
test_calibration_edges (void)
{
  const guint32 y[] = { 0, 1, 1, 0, 1, 0 };
  const double p[] = { 0.0, 0.1, 0.30000000000000004, 0.3, 1.0, 0.5 };
  g_autoptr(OrchardCurve) curve = NULL;
  g_autoptr(GError) error = NULL;
  const double *lower, *count;

  curve = orchard_curve_new_calibration (y, p, 6, 10, &error);
  g_assert_no_error (error);
  lower = orchard_curve_get_column (curve, "bin_lower");
  count = orchard_curve_get_column (curve, "count");
  /* 0 and 0.1 in the first bin, 0.3 and 3 × 0.1 in (0.2, 0.3], 0.5 in
   * (0.4, 0.5], 1 in the last. */
  g_assert_cmpuint (orchard_curve_get_n_points (curve), ==, 4);
  g_assert_cmpfloat (lower[0], ==, 0);
  g_assert_cmpfloat (count[0], ==, 2);
  g_assert_cmpfloat (lower[1], ==, 2 * 0.1);
  g_assert_cmpfloat (count[1], ==, 2);
  g_assert_cmpfloat (lower[2], ==, 4 * 0.1);
  g_assert_cmpfloat (lower[3], ==, 9 * 0.1);

  g_assert_null (orchard_curve_new_calibration (y, p, 6, 0, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  JsonObject *reference;
  JsonArray *cases;

  g_test_init (&argc, &argv, NULL);

  reference = eval_reference_load ("eval-reference.json");
  cases = json_object_get_array_member (reference, "binary");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "name");
      g_autofree char *curves = g_strdup_printf ("/engine/Curve/%s", name);
      g_autofree char *choice = g_strdup_printf ("/engine/Threshold/%s", name);

      g_test_add_data_func (curves, c, test_curves_case);
      g_test_add_data_func (choice, c, test_choice_case);
    }
  g_test_add_func ("/engine/Threshold/errors", test_choice_errors);
  g_test_add_func ("/engine/Curve/residuals", test_residuals);
  g_test_add_func ("/engine/Curve/serialisation", test_serialisation);
  g_test_add_func ("/engine/Curve/calibration-edges", test_calibration_edges);

  return g_test_run ();
}
