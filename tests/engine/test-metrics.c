/* test-metrics.c: OrchardMetrics against scikit-learn 1.2, and its contract
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference values are in tests/data/eval-reference.json, written once
 * by tests/reference/eval_reference.py; the predictions are read from there
 * too, so both sides score the same numbers.
 */
#include <math.h>
#include <string.h>

#include "eval-reference.h"
#include "orchard.h"

static JsonObject *reference;

static JsonArray *
cases_of (const char *task)
{
  return json_object_get_array_member (reference, task);
}

static void
assert_confusion (OrchardMetrics *metrics,
                  JsonArray      *expected,
                  const char     *what)
{
  g_autofree double *cells = NULL;
  const double *confusion = orchard_metrics_get_confusion_matrix (metrics);
  guint k = orchard_metrics_get_n_labels (metrics);
  guint columns;
  gsize rows;

  cells = eval_reference_matrix (expected, &rows, &columns);
  g_assert_cmpuint (rows, ==, k);
  g_assert_cmpuint (columns, ==, k);
  for (gsize i = 0; i < (gsize) k * k; i++)
    eval_assert_close (confusion[i], cells[i], EVAL_TOLERANCE, what);
}

/* Binary ------------------------------------------------------------------ */

static void
test_binary_case (gconstpointer data)
{
  JsonObject *c = (JsonObject *) data;
  const char *name = json_object_get_string_member (c, "name");
  const char * const threshold_keys[] = {
    "accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1", "mcc",
  };
  const char * const score_keys[] = { "roc_auc", "average_precision", "log_loss", "brier" };
  g_autofree guint32 *y = NULL;
  g_autofree double *p = NULL;
  g_autofree double *w = NULL;
  JsonArray *at;
  gsize n, n_p, n_w;

  y = eval_reference_labels (json_object_get_array_member (c, "y_true"), &n);
  p = eval_reference_doubles (json_object_get_array_member (c, "proba"), &n_p);
  g_assert_cmpuint (n, ==, n_p);
  if (!json_object_get_null_member (c, "weights"))
    {
      w = eval_reference_doubles (json_object_get_array_member (c, "weights"), &n_w);
      g_assert_cmpuint (n_w, ==, n);
    }

  at = json_object_get_array_member (c, "at_threshold");
  g_assert_cmpuint (json_array_get_length (at), >, 0);
  for (guint t = 0; t < json_array_get_length (at); t++)
    {
      JsonObject *expected = json_array_get_object_element (at, t);
      double threshold = eval_reference_number (expected, "threshold");
      g_autoptr(GError) error = NULL;
      g_autoptr(OrchardMetrics) metrics = NULL;
      OrchardBinaryCounts counts;

      metrics = orchard_metrics_new_binary (y, p, w, n, threshold, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (orchard_metrics_get_task (metrics), ==, ORCHARD_METRICS_TASK_BINARY);
      g_assert_cmpuint (orchard_metrics_get_n_rows (metrics), ==, n);
      g_assert_cmpfloat (orchard_metrics_get_threshold (metrics), ==, threshold);

      for (guint k = 0; k < G_N_ELEMENTS (threshold_keys); k++)
        {
          g_autofree char *what = g_strdup_printf ("%s at %g: %s", name, threshold,
                                                   threshold_keys[k]);

          eval_assert_close (orchard_metrics_get (metrics, threshold_keys[k]),
                             eval_reference_number (expected, threshold_keys[k]),
                             EVAL_TOLERANCE, what);
        }
      for (guint k = 0; k < G_N_ELEMENTS (score_keys); k++)
        {
          g_autofree char *what = g_strdup_printf ("%s: %s", name, score_keys[k]);

          eval_assert_close (orchard_metrics_get (metrics, score_keys[k]),
                             eval_reference_number (c, score_keys[k]), EVAL_TOLERANCE, what);
        }
      assert_confusion (metrics, json_object_get_array_member (expected, "confusion_matrix"),
                        name);

      /* F-beta through the counts; beta 1 is F1 and beta ∞ is recall. */
      orchard_binary_counts_compute (&counts, y, p, w, n, threshold);
      eval_assert_close (orchard_binary_counts_fbeta (&counts, 0.5),
                         eval_reference_number (expected, "fbeta_0.5"), EVAL_TOLERANCE, name);
      eval_assert_close (orchard_binary_counts_fbeta (&counts, 2),
                         eval_reference_number (expected, "fbeta_2"), EVAL_TOLERANCE, name);
      g_assert_cmpfloat (orchard_binary_counts_fbeta (&counts, 1), ==,
                         orchard_metrics_get (metrics, "f1"));
      g_assert_cmpfloat (orchard_binary_counts_fbeta (&counts, INFINITY), ==,
                         orchard_metrics_get (metrics, "recall"));
    }
}

/* Integer weights are the same as repeating rows; unit weights as none. */
static void
test_binary_weights_as_repeats (void)
{
  JsonObject *c = json_array_get_object_element (cases_of ("binary"), 0);
  g_autofree guint32 *y = NULL;
  g_autofree double *p = NULL;
  g_autofree double *w = NULL;
  g_autofree double *ones = NULL;
  g_autoptr(GArray) y_rep = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) p_rep = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(OrchardMetrics) weighted = NULL;
  g_autoptr(OrchardMetrics) repeated = NULL;
  g_autoptr(OrchardMetrics) unit = NULL;
  g_autoptr(OrchardMetrics) plain = NULL;
  gsize n;

  y = eval_reference_labels (json_object_get_array_member (c, "y_true"), &n);
  p = eval_reference_doubles (json_object_get_array_member (c, "proba"), &n);
  w = g_new (double, n);
  ones = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      w[i] = i % 3;
      ones[i] = 1;
      for (guint r = 0; r < i % 3; r++)
        {
          g_array_append_val (y_rep, y[i]);
          g_array_append_val (p_rep, p[i]);
        }
    }

  weighted = orchard_metrics_new_binary (y, p, w, n, 0.5, NULL, NULL);
  repeated = orchard_metrics_new_binary ((guint32 *) y_rep->data, (double *) p_rep->data, NULL,
                                         y_rep->len, 0.5, NULL, NULL);
  unit = orchard_metrics_new_binary (y, p, ones, n, 0.5, NULL, NULL);
  plain = orchard_metrics_new_binary (y, p, NULL, n, 0.5, NULL, NULL);

  for (guint i = 0; i < orchard_metrics_get_n_values (plain); i++)
    {
      const char *key = orchard_metrics_get_key (plain, i);

      eval_assert_close (orchard_metrics_get (weighted, key), orchard_metrics_get (repeated, key),
                         1e-12, key);
      eval_assert_close (orchard_metrics_get (unit, key), orchard_metrics_get (plain, key),
                         1e-12, key);
    }
}

/* Multiclass -------------------------------------------------------------- */

static void
test_multiclass_case (gconstpointer data)
{
  JsonObject *c = (JsonObject *) data;
  JsonObject *expected = json_object_get_object_member (c, "metrics");
  const char *name = json_object_get_string_member (c, "name");
  JsonArray *names = json_object_get_array_member (c, "labels");
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardMetrics) metrics = NULL;
  g_autofree guint32 *y = NULL;
  g_autofree double *proba = NULL;
  g_autofree const char **labels = NULL;
  const char * const *got_labels;
  guint k;
  gsize n, n_rows;

  y = eval_reference_labels (json_object_get_array_member (c, "y_true"), &n);
  proba = eval_reference_matrix (json_object_get_array_member (c, "proba"), &n_rows, &k);
  g_assert_cmpuint (n, ==, n_rows);
  g_assert_cmpuint (json_array_get_length (names), ==, k);
  labels = g_new0 (const char *, k + 1);
  for (guint j = 0; j < k; j++)
    labels[j] = json_array_get_string_element (names, j);

  metrics = orchard_metrics_new_multiclass (y, proba, n, k, labels, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orchard_metrics_get_task (metrics), ==, ORCHARD_METRICS_TASK_MULTICLASS);

  for (guint i = 0; i < orchard_metrics_get_n_values (metrics); i++)
    {
      const char *key = orchard_metrics_get_key (metrics, i);
      g_autofree char *what = g_strdup_printf ("%s: %s", name, key);

      g_assert_true (json_object_has_member (expected, key));
      eval_assert_close (orchard_metrics_get_value (metrics, i),
                         eval_reference_number (expected, key), EVAL_TOLERANCE, what);
    }
  assert_confusion (metrics, json_object_get_array_member (expected, "confusion_matrix"), name);

  got_labels = orchard_metrics_get_labels (metrics);
  g_assert_cmpuint (g_strv_length ((char **) got_labels), ==, k);
  for (guint j = 0; j < k; j++)
    g_assert_cmpstr (got_labels[j], ==, labels[j]);
}

/* Regression -------------------------------------------------------------- */

static void
test_regression_case (gconstpointer data)
{
  JsonObject *c = (JsonObject *) data;
  JsonObject *expected = json_object_get_object_member (c, "metrics");
  const char *name = json_object_get_string_member (c, "name");
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardMetrics) metrics = NULL;
  g_autofree double *y = NULL;
  g_autofree double *yhat = NULL;
  gsize n, n_pred;

  y = eval_reference_doubles (json_object_get_array_member (c, "y_true"), &n);
  yhat = eval_reference_doubles (json_object_get_array_member (c, "y_pred"), &n_pred);
  g_assert_cmpuint (n, ==, n_pred);

  metrics = orchard_metrics_new_regression (y, yhat, n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orchard_metrics_get_task (metrics), ==, ORCHARD_METRICS_TASK_REGRESSION);
  g_assert_null (orchard_metrics_get_confusion_matrix (metrics));
  g_assert_null (orchard_metrics_get_labels (metrics));

  for (guint i = 0; i < orchard_metrics_get_n_values (metrics); i++)
    {
      const char *key = orchard_metrics_get_key (metrics, i);
      g_autofree char *what = g_strdup_printf ("%s: %s", name, key);

      eval_assert_close (orchard_metrics_get_value (metrics, i),
                         eval_reference_number (expected, key), EVAL_TOLERANCE, what);
    }
}

/* The CLI contract --------------------------------------------------------- */

static void
assert_json_keys (OrchardMetrics     *metrics,
                  const char * const *contract)
{
  g_autoptr(JsonNode) node = orchard_metrics_to_json (metrics);
  JsonObject *object = json_node_get_object (node);

  for (guint i = 0; contract[i] != NULL; i++)
    {
      if (!json_object_has_member (object, contract[i]))
        g_error ("the JSON lacks the contract key “%s”", contract[i]);
    }

  /* Every scalar is a number or null and equals the getter. */
  for (guint i = 0; i < orchard_metrics_get_n_values (metrics); i++)
    {
      const char *key = orchard_metrics_get_key (metrics, i);
      JsonNode *value = json_object_get_member (object, key);
      double expected = orchard_metrics_get_value (metrics, i);

      if (isfinite (expected))
        g_assert_cmpfloat (json_node_get_double (value), ==, expected);
      else
        g_assert_true (JSON_NODE_HOLDS_NULL (value));
    }
}

static void
test_json_contract (void)
{
  const char * const binary_keys[] = {
    "accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1", "mcc",
    "roc_auc", "average_precision", "log_loss", "brier", "confusion_matrix", NULL,
  };
  const char * const multiclass_keys[] = {
    "accuracy", "precision_macro", "recall_macro", "f1_macro", "f1_weighted", "roc_auc_ovr",
    "log_loss", "confusion_matrix", "labels", NULL,
  };
  const char * const regression_keys[] = {
    "rmse", "mae", "r2", "mape", "median_ae", "explained_variance", NULL,
  };
  const guint32 y[] = { 0, 1, 1, 0, 1 };
  const double p[] = { 0.2, 0.9, 0.4, 0.6, 0.7 };
  const double w[] = { 1, 0.5, 2, 1, 1 };
  const guint32 ym[] = { 0, 1, 2, 2 };
  const double pm[] = { 0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4, 0.5, 0.25, 0.25 };
  const char * const names[] = { "cat", "dog", "pig", NULL };
  const char * const binary_names[] = { "benign", "malignant" };
  const double yr[] = { 1, 2, 3 };
  const double pr[] = { 1.5, 2, 2 };
  g_autoptr(OrchardMetrics) binary = NULL;
  g_autoptr(OrchardMetrics) weighted = NULL;
  g_autoptr(OrchardMetrics) multiclass = NULL;
  g_autoptr(OrchardMetrics) regression = NULL;
  g_autoptr(OrchardMetrics) one_class = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) weighted_node = NULL;
  g_autoptr(JsonNode) one_class_node = NULL;
  JsonArray *cm, *labels;

  binary = orchard_metrics_new_binary (y, p, NULL, 5, 0.5, binary_names, NULL);
  weighted = orchard_metrics_new_binary (y, p, w, 5, 0.5, NULL, NULL);
  multiclass = orchard_metrics_new_multiclass (ym, pm, 4, 3, names, NULL);
  regression = orchard_metrics_new_regression (yr, pr, 3, NULL);
  assert_json_keys (binary, binary_keys);
  assert_json_keys (multiclass, multiclass_keys);
  assert_json_keys (regression, regression_keys);

  /* Rows are true classes, columns predicted, integers without weights. */
  node = orchard_metrics_to_json (multiclass);
  cm = json_object_get_array_member (json_node_get_object (node), "confusion_matrix");
  g_assert_cmpuint (json_array_get_length (cm), ==, 3);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (
                     json_array_get_array_element (cm, 2), 2)), ==, G_TYPE_INT64);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (cm, 2), 2), ==, 1);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (cm, 2), 0), ==, 1);
  labels = json_object_get_array_member (json_node_get_object (node), "labels");
  g_assert_cmpstr (json_array_get_string_element (labels, 1), ==, "dog");
  g_assert_cmpstr (orchard_metrics_get_labels (binary)[1], ==, "malignant");
  g_assert_cmpstr (orchard_metrics_get_labels (weighted)[1], ==, "1");

  weighted_node = orchard_metrics_to_json (weighted);
  cm = json_object_get_array_member (json_node_get_object (weighted_node), "confusion_matrix");
  /* Row 1 = positives: 0.9 (w 0.5) and 0.7 (w 1) are found, 0.4 (w 2) is missed. */
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (cm, 1), 1),
                     ==, 1.5);
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (cm, 1), 0),
                     ==, 2.0);

  /* Undefined values are null, and the rest is still computed. */
  one_class = orchard_metrics_new_binary ((const guint32[]) { 1, 1, 1 }, p, NULL, 3, 0.5,
                                          NULL, NULL);
  g_assert_true (isnan (orchard_metrics_get (one_class, "roc_auc")));
  g_assert_cmpfloat (orchard_metrics_get (one_class, "accuracy"), ==, 1.0 / 3);
  one_class_node = orchard_metrics_to_json (one_class);
  g_assert_true (json_object_get_null_member (json_node_get_object (one_class_node), "roc_auc"));

  /* Lookups. */
  g_assert_false (orchard_metrics_lookup (binary, "rmse", NULL));
  g_assert_true (isnan (orchard_metrics_get (binary, "rmse")));
  g_assert_true (orchard_metric_is_known (ORCHARD_METRICS_TASK_REGRESSION, "median_ae"));
  g_assert_false (orchard_metric_is_known (ORCHARD_METRICS_TASK_BINARY, "median_ae"));
  g_assert_false (orchard_metric_higher_is_better ("log_loss"));
  g_assert_false (orchard_metric_higher_is_better ("rmse"));
  g_assert_true (orchard_metric_higher_is_better ("roc_auc"));
  g_assert_true (orchard_metric_higher_is_better ("r2"));
  g_assert_cmpstr (orchard_metrics_task_to_string (ORCHARD_METRICS_TASK_MULTICLASS), ==,
                   "multiclass");
}

/* Errors name the row and the value ---------------------------------------- */

static void
assert_error (GError     *error,
              int         code,
              const char *fragment)
{
  g_assert_error (error, ORCHARD_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
}

static void
test_errors (void)
{
  const guint32 y[] = { 0, 1, 2 };
  const double p[] = { 0.1, 0.5, 0.9 };
  const double bad_p[] = { 0.1, 1.5, 0.9 };
  const double nan_p[] = { 0.1, 0.5, NAN };
  const double negative_w[] = { 1, -1, 1 };
  const double zero_w[] = { 0, 0, 0 };
  const double rows[] = { 0.5, 0.5, 0.25, 0.5 };
  const double yr[] = { 1, INFINITY };
  OrchardMetrics *metrics;
  GError *error = NULL;

  metrics = orchard_metrics_new_binary (y, p, NULL, 3, 0.5, NULL, &error);
  g_assert_null (metrics);
  assert_error (error, ORCHARD_ERROR_INVALID_ARGUMENT, "Row 3");
  g_clear_error (&error);

  metrics = orchard_metrics_new_binary (y, bad_p, NULL, 2, 0.5, NULL, &error);
  g_assert_null (metrics);
  assert_error (error, ORCHARD_ERROR_INVALID_ARGUMENT, "Row 2: the predicted probability 1.5");
  g_clear_error (&error);

  metrics = orchard_metrics_new_binary ((const guint32[]) { 0, 1, 0 }, nan_p, NULL, 3, 0.5,
                                        NULL, &error);
  g_assert_null (metrics);
  assert_error (error, ORCHARD_ERROR_INVALID_ARGUMENT, "Row 3: the predicted score is nan");
  g_clear_error (&error);

  metrics = orchard_metrics_new_binary (y, p, negative_w, 2, 0.5, NULL, &error);
  g_assert_null (metrics);
  assert_error (error, ORCHARD_ERROR_INVALID_ARGUMENT, "Row 2: the sample weight is -1");
  g_clear_error (&error);

  metrics = orchard_metrics_new_binary (y, p, zero_w, 2, 0.5, NULL, &error);
  g_assert_null (metrics);
  assert_error (error, ORCHARD_ERROR_INVALID_ARGUMENT, "add up to zero");
  g_clear_error (&error);

  metrics = orchard_metrics_new_binary (y, p, NULL, 2, NAN, NULL, &error);
  g_assert_null (metrics);
  assert_error (error, ORCHARD_ERROR_INVALID_ARGUMENT, "threshold");
  g_clear_error (&error);

  metrics = orchard_metrics_new_binary (y, p, NULL, 0, 0.5, NULL, &error);
  g_assert_null (metrics);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY);
  g_clear_error (&error);

  metrics = orchard_metrics_new_multiclass (y, rows, 2, 2, NULL, &error);
  g_assert_null (metrics);
  assert_error (error, ORCHARD_ERROR_INVALID_ARGUMENT,
                "Row 2: the class probabilities add up to 0.75");
  g_clear_error (&error);

  metrics = orchard_metrics_new_multiclass (y, rows, 3, 1, NULL, &error);
  g_assert_null (metrics);
  assert_error (error, ORCHARD_ERROR_INVALID_ARGUMENT, "at least 2 classes");
  g_clear_error (&error);

  metrics = orchard_metrics_new_multiclass ((const guint32[]) { 0, 2 },
                                            (const double[]) { 0.5, 0.5, 0.5, 0.5 },
                                            2, 2, NULL, &error);
  g_assert_null (metrics);
  assert_error (error, ORCHARD_ERROR_INVALID_ARGUMENT, "Row 2: the true class code is 2");
  g_clear_error (&error);

  metrics = orchard_metrics_new_regression (yr, p, 2, &error);
  g_assert_null (metrics);
  assert_error (error, ORCHARD_ERROR_INVALID_ARGUMENT, "Row 2: the true value is inf");
  g_clear_error (&error);
}

static void
add_cases (const char    *task,
           GTestDataFunc  func)
{
  JsonArray *cases = cases_of (task);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autofree char *path = g_strdup_printf ("/engine/Metrics/%s/%s", task,
                                               json_object_get_string_member (c, "name"));

      g_test_add_data_func (path, c, func);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  reference = eval_reference_load ("eval-reference.json");
  add_cases ("binary", test_binary_case);
  add_cases ("multiclass", test_multiclass_case);
  add_cases ("regression", test_regression_case);
  g_test_add_func ("/engine/Metrics/binary-weights-as-repeats", test_binary_weights_as_repeats);
  g_test_add_func ("/engine/Metrics/json-contract", test_json_contract);
  g_test_add_func ("/engine/Metrics/errors", test_errors);

  return g_test_run ();
}
