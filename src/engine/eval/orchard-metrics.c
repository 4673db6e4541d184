/* orchard-metrics.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard-error.h"
#include "orchard-eval-private.h"
#include "orchard-metrics.h"

/**
 * OrchardMetrics:
 *
 * The metrics of one set of predictions against the truth, computed once
 * and immutable: named values in a fixed order, plus for classification the
 * confusion matrix and its labels.
 *
 * Every value equals scikit-learn 1.2's function of the same name
 * (docs/metrics.md lists them). A value that is undefined for the data, where
 * scikit-learn raises (ROC AUC with one class) or returns NaN (R² of one row),
 * is NaN here and `null` in JSON; the other values are still computed.
 *
 * Keys, in order: binary `accuracy`, `balanced_accuracy`, `precision`,
 * `recall`, `specificity`, `f1`, `mcc`, `roc_auc`, `average_precision`,
 * `log_loss`, `brier`; multiclass `accuracy`, `precision_macro`,
 * `recall_macro`, `f1_macro`, `f1_weighted`, `roc_auc_ovr`, `log_loss`,
 * `precision_weighted`, `recall_weighted`, `precision_micro`,
 * `recall_micro`, `f1_micro`, `balanced_accuracy`, `mcc`; regression `rmse`,
 * `mae`, `r2`, `mape`, `median_ae`, `explained_variance`, `mse`, `max_error`.
 */
struct _OrchardMetrics
{
  GObject             parent_instance;

  OrchardMetricsTask  task;
  gsize               n_rows;
  double              threshold;
  gboolean            weighted;

  const char * const *keys;
  double             *values;
  guint               n_values;

  guint               n_labels;
  char              **labels;
  double             *confusion;
};

G_DEFINE_FINAL_TYPE (OrchardMetrics, orchard_metrics, G_TYPE_OBJECT)

static void
orchard_metrics_finalize (GObject *object)
{
  OrchardMetrics *self = (OrchardMetrics *) object;

  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->confusion, g_free);

  G_OBJECT_CLASS (orchard_metrics_parent_class)->finalize (object);
}

static void
orchard_metrics_class_init (OrchardMetricsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_metrics_finalize;
}

static void
orchard_metrics_init (OrchardMetrics *self)
{
  self->threshold = NAN;
}

static OrchardMetrics *
metrics_new (OrchardMetricsTask  task,
             gsize               n_rows,
             guint               n_labels,
             const char * const *labels)
{
  OrchardMetrics *self = g_object_new (ORCHARD_TYPE_METRICS, NULL);

  self->task = task;
  self->n_rows = n_rows;
  self->keys = orchard_metrics_task_get_keys (task);
  self->n_values = g_strv_length ((char **) self->keys);
  self->values = g_new (double, self->n_values);
  self->n_labels = n_labels;

  if (n_labels > 0)
    {
      self->labels = g_new0 (char *, n_labels + 1);
      for (guint i = 0; i < n_labels; i++)
        self->labels[i] = labels != NULL ? g_strdup (labels[i]) : g_strdup_printf ("%u", i);
      self->confusion = g_new0 (double, (gsize) n_labels * n_labels);
    }

  return self;
}

/**
 * orchard_metrics_new_binary:
 * @y_true: (array length=n): true classes, 0 (negative) or 1 (positive)
 * @proba: (array length=n): predicted probabilities of the positive class, in [0, 1]
 * @weights: (nullable) (array length=n): sample weights (finite, >= 0, not all 0),
 *   or %NULL for 1 each; rows of weight 0 do not count
 * @n: number of rows, > 0
 * @threshold: a row is predicted positive when its probability is at least
 *   this (see orchard_binary_counts_compute())
 * @labels: (nullable) (array fixed-size=2): the names of class 0 and class 1
 *   for the confusion matrix, or %NULL for "0" and "1"
 * @error: return location for a #GError
 *
 * Threshold metrics come from the confusion matrix at @threshold (with
 * scikit-learn's `zero_division` default, see #OrchardBinaryCounts); ROC AUC,
 * average precision, log loss and Brier score from the probabilities
 * themselves. Log loss clips probabilities to [ε, 1 − ε] with ε the machine
 * epsilon of doubles, 2.22e-16, which is `log_loss(eps="auto")` of
 * scikit-learn 1.2 (earlier versions used 1e-15), and knows both classes even
 * when the truth holds one (`labels=[0, 1]`).
 *
 * Returns: (transfer full): the metrics, or %NULL with @error set when a
 *   class code, probability or weight is invalid (the message names the row)
 */
OrchardMetrics *
orchard_metrics_new_binary (const guint32       *y_true,
                            const double        *proba,
                            const double        *weights,
                            gsize                n,
                            double               threshold,
                            const char * const  *labels,
                            GError             **error)
{
  const char * const default_labels[] = { "0", "1" };
  OrchardMetrics *self;

  g_return_val_if_fail (n == 0 || y_true != NULL, NULL);
  g_return_val_if_fail (n == 0 || proba != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (isnan (threshold))
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "The decision threshold is not a number");
      return NULL;
    }
  if (!orchard_eval_check_binary (y_true, proba, weights, n, TRUE, error))
    return NULL;

  self = metrics_new (ORCHARD_METRICS_TASK_BINARY, n, 2,
                      labels != NULL ? labels : default_labels);
  self->threshold = threshold;
  self->weighted = weights != NULL;
  orchard_eval_binary (y_true, proba, weights, NULL, n, threshold, TRUE,
                       self->values, self->confusion);

  return self;
}

/**
 * orchard_metrics_new_multiclass:
 * @y_true: (array length=n): true classes, coded 0 … @n_classes − 1
 * @proba: (array length=n): row-major n × @n_classes class probabilities;
 *   each row must add up to 1 (within `numpy.allclose`)
 * @n: number of rows, > 0
 * @n_classes: K, at least 2
 * @labels: (nullable) (array length=n_classes): class names in code order,
 *   or %NULL for "0", "1", …
 * @error: return location for a #GError
 *
 * The predicted class of a row is its most probable one, the first on ties
 * (`numpy.argmax`). Macro and weighted averages run over the classes that
 * are true or predicted at least once, as scikit-learn's default `labels`;
 * the confusion matrix always has all K rows and columns. `roc_auc_ovr` is
 * NaN unless every class has true rows (scikit-learn raises then).
 *
 * Returns: (transfer full): the metrics, or %NULL with @error set
 */
OrchardMetrics *
orchard_metrics_new_multiclass (const guint32       *y_true,
                                const double        *proba,
                                gsize                n,
                                guint                n_classes,
                                const char * const  *labels,
                                GError             **error)
{
  OrchardMetrics *self;

  g_return_val_if_fail (n == 0 || y_true != NULL, NULL);
  g_return_val_if_fail (n == 0 || proba != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!orchard_eval_check_multiclass (y_true, proba, n, n_classes, error))
    return NULL;

  self = metrics_new (ORCHARD_METRICS_TASK_MULTICLASS, n, n_classes, labels);
  orchard_eval_multiclass (y_true, proba, n_classes, NULL, NULL, n, TRUE,
                           self->values, self->confusion);

  return self;
}

/**
 * orchard_metrics_new_regression:
 * @y_true: (array length=n): true values
 * @y_pred: (array length=n): predictions
 * @n: number of rows, > 0
 * @error: return location for a #GError
 *
 * R² and explained variance follow scikit-learn's `force_finite=True`: 1 for
 * perfect predictions, 0 for a constant truth predicted imperfectly; R² is NaN
 * for a single row. MAPE divides by max(|y|, 2.22e-16) as scikit-learn does,
 * so a true value of 0 gives a huge, finite percentage.
 *
 * Returns: (transfer full): the metrics, or %NULL with @error set when a
 *   value is not finite
 */
OrchardMetrics *
orchard_metrics_new_regression (const double  *y_true,
                                const double  *y_pred,
                                gsize          n,
                                GError       **error)
{
  OrchardMetrics *self;

  g_return_val_if_fail (n == 0 || y_true != NULL, NULL);
  g_return_val_if_fail (n == 0 || y_pred != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!orchard_eval_check_regression (y_true, y_pred, n, error))
    return NULL;

  self = metrics_new (ORCHARD_METRICS_TASK_REGRESSION, n, 0, NULL);
  orchard_eval_regression (y_true, y_pred, NULL, NULL, n, self->values);

  return self;
}

/**
 * orchard_metrics_get_task:
 * @self: metrics
 *
 * Returns: the kind of prediction evaluated
 */
OrchardMetricsTask
orchard_metrics_get_task (OrchardMetrics *self)
{
  g_return_val_if_fail (ORCHARD_IS_METRICS (self), 0);

  return self->task;
}

/**
 * orchard_metrics_get_n_rows:
 * @self: metrics
 *
 * Returns: the number of rows evaluated (including rows of weight 0)
 */
gsize
orchard_metrics_get_n_rows (OrchardMetrics *self)
{
  g_return_val_if_fail (ORCHARD_IS_METRICS (self), 0);

  return self->n_rows;
}

/**
 * orchard_metrics_get_threshold:
 * @self: metrics
 *
 * Returns: the decision threshold of binary metrics, NaN for other tasks
 */
double
orchard_metrics_get_threshold (OrchardMetrics *self)
{
  g_return_val_if_fail (ORCHARD_IS_METRICS (self), NAN);

  return self->threshold;
}

/**
 * orchard_metrics_get_n_values:
 * @self: metrics
 *
 * Returns: the number of named values
 */
guint
orchard_metrics_get_n_values (OrchardMetrics *self)
{
  g_return_val_if_fail (ORCHARD_IS_METRICS (self), 0);

  return self->n_values;
}

/**
 * orchard_metrics_get_key:
 * @self: metrics
 * @index: which value, below orchard_metrics_get_n_values()
 *
 * Returns: the key of the value, e.g. "roc_auc"
 */
const char *
orchard_metrics_get_key (OrchardMetrics *self,
                         guint           index)
{
  g_return_val_if_fail (ORCHARD_IS_METRICS (self), NULL);
  g_return_val_if_fail (index < self->n_values, NULL);

  return self->keys[index];
}

/**
 * orchard_metrics_get_value:
 * @self: metrics
 * @index: which value, below orchard_metrics_get_n_values()
 *
 * Returns: the value, NaN when undefined for the data
 */
double
orchard_metrics_get_value (OrchardMetrics *self,
                           guint           index)
{
  g_return_val_if_fail (ORCHARD_IS_METRICS (self), NAN);
  g_return_val_if_fail (index < self->n_values, NAN);

  return self->values[index];
}

/**
 * orchard_metrics_lookup:
 * @self: metrics
 * @key: a metric key
 * @value: (out) (optional): the value, NaN when undefined for the data
 *
 * Returns: whether @key is a metric of this task
 */
gboolean
orchard_metrics_lookup (OrchardMetrics *self,
                        const char     *key,
                        double         *value)
{
  int i;

  g_return_val_if_fail (ORCHARD_IS_METRICS (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  i = orchard_eval_key_index (self->keys, key);
  if (value != NULL)
    *value = i >= 0 ? self->values[i] : NAN;

  return i >= 0;
}

/**
 * orchard_metrics_get:
 * @self: metrics
 * @key: a metric key of this task
 *
 * Returns: the value, NaN when undefined for the data or not a key of the task
 */
double
orchard_metrics_get (OrchardMetrics *self,
                     const char     *key)
{
  double value = NAN;

  orchard_metrics_lookup (self, key, &value);

  return value;
}

/**
 * orchard_metrics_get_n_labels:
 * @self: metrics
 *
 * Returns: the number of classes (0 for regression)
 */
guint
orchard_metrics_get_n_labels (OrchardMetrics *self)
{
  g_return_val_if_fail (ORCHARD_IS_METRICS (self), 0);

  return self->n_labels;
}

/**
 * orchard_metrics_get_labels:
 * @self: metrics
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the class
 *   names in code order, %NULL for regression
 */
const char * const *
orchard_metrics_get_labels (OrchardMetrics *self)
{
  g_return_val_if_fail (ORCHARD_IS_METRICS (self), NULL);

  return (const char * const *) self->labels;
}

/**
 * orchard_metrics_get_confusion_matrix:
 * @self: metrics
 *
 * Rows are true classes, columns predicted ones, both in label order; cells
 * are weighted counts when sample weights were given.
 *
 * Returns: (nullable) (transfer none): the row-major K × K matrix, %NULL for regression
 */
const double *
orchard_metrics_get_confusion_matrix (OrchardMetrics *self)
{
  g_return_val_if_fail (ORCHARD_IS_METRICS (self), NULL);

  return self->confusion;
}

static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * orchard_metrics_to_json:
 * @self: metrics
 *
 * The `metrics` object of `orchard-cli evaluate --json`: every key with its
 * value (`null` when undefined), then for classification `confusion_matrix`
 * (an array of rows; integers unless sample weights were given) and `labels`.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
orchard_metrics_to_json (OrchardMetrics *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (ORCHARD_IS_METRICS (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  for (guint i = 0; i < self->n_values; i++)
    {
      json_builder_set_member_name (builder, self->keys[i]);
      add_number (builder, self->values[i]);
    }

  if (self->n_labels > 0)
    {
      json_builder_set_member_name (builder, "confusion_matrix");
      json_builder_begin_array (builder);
      for (guint a = 0; a < self->n_labels; a++)
        {
          json_builder_begin_array (builder);
          for (guint b = 0; b < self->n_labels; b++)
            {
              double cell = self->confusion[(gsize) a * self->n_labels + b];

              if (self->weighted)
                json_builder_add_double_value (builder, cell);
              else
                json_builder_add_int_value (builder, (gint64) cell);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "labels");
      json_builder_begin_array (builder);
      for (guint a = 0; a < self->n_labels; a++)
        json_builder_add_string_value (builder, self->labels[a]);
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * orchard_metrics_task_to_string:
 * @task: a task
 *
 * Returns: "binary", "multiclass" or "regression", the `task` of the CLI's JSON
 */
const char *
orchard_metrics_task_to_string (OrchardMetricsTask task)
{
  switch (task)
    {
    case ORCHARD_METRICS_TASK_BINARY:
      return "binary";
    case ORCHARD_METRICS_TASK_MULTICLASS:
      return "multiclass";
    case ORCHARD_METRICS_TASK_REGRESSION:
      return "regression";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * orchard_metrics_task_get_keys:
 * @task: a task
 *
 * Returns: (transfer none) (array zero-terminated=1): the metric keys of the
 *   task, in the order of #OrchardMetrics
 */
const char * const *
orchard_metrics_task_get_keys (OrchardMetricsTask task)
{
  switch (task)
    {
    case ORCHARD_METRICS_TASK_BINARY:
      return orchard_eval_binary_keys;
    case ORCHARD_METRICS_TASK_MULTICLASS:
      return orchard_eval_multiclass_keys;
    case ORCHARD_METRICS_TASK_REGRESSION:
      return orchard_eval_regression_keys;
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * orchard_metric_is_known:
 * @task: a task
 * @key: a metric key
 *
 * Returns: whether @key names a metric of @task
 */
gboolean
orchard_metric_is_known (OrchardMetricsTask  task,
                         const char         *key)
{
  const char * const *keys = orchard_metrics_task_get_keys (task);

  return keys != NULL && key != NULL && orchard_eval_key_index (keys, key) >= 0;
}

/**
 * orchard_metric_higher_is_better:
 * @key: a metric key
 *
 * Returns: %FALSE for losses and errors (`log_loss`, `brier`, `rmse`, `mse`,
 *   `mae`, `mape`, `median_ae`, `max_error`), %TRUE for scores
 */
gboolean
orchard_metric_higher_is_better (const char *key)
{
  static const char * const lower_is_better[] = {
    "log_loss", "brier", "rmse", "mse", "mae", "mape", "median_ae", "max_error", NULL,
  };

  g_return_val_if_fail (key != NULL, TRUE);

  return orchard_eval_key_index (lower_is_better, key) < 0;
}
