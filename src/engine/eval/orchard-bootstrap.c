/* orchard-bootstrap.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A resample is carried as row multiplicities (how often each row was
 * drawn) used as weights, which gives the metric of the resampled rows
 * exactly while the rows stay sorted once: a replicate costs O(n), not
 * O(n log n).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-bootstrap.h"
#include "orchard-error.h"
#include "orchard-eval-private.h"
#include "orchard-metrics.h"
#include "orchard-rng.h"

/**
 * orchard_bootstrap_options_init:
 * @options: (out caller-allocates): options to set to the defaults
 *
 * 1000 resamples, seed 0, level 0.95.
 */
void
orchard_bootstrap_options_init (OrchardBootstrapOptions *options)
{
  g_return_if_fail (options != NULL);

  options->n_resamples = 1000;
  options->seed = 0;
  options->level = 0.95;
}

typedef double (*ReplicateFunc) (gpointer      data,
                                 const double *counts);

static gboolean
check_options (const OrchardBootstrapOptions  *options,
               OrchardMetricsTask              task,
               const char                     *metric,
               GError                        **error)
{
  if (!orchard_metric_is_known (task, metric))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) orchard_metrics_task_get_keys (task));

      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a %s metric; known metrics are %s",
                   metric != NULL ? metric : "(null)", orchard_metrics_task_to_string (task),
                   known);
      return FALSE;
    }
  if (options->n_resamples < 1)
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "The bootstrap needs at least one resample");
      return FALSE;
    }
  if (!(options->level > 0 && options->level < 1))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "The confidence level %g is not between 0 and 1", options->level);
      return FALSE;
    }

  return TRUE;
}

/* Resample b draws n rows with OrchardRng stream b of the seed, so that a
 * resample does not depend on the others (nor on how they are scheduled). */
static gboolean
run_bootstrap (gsize                           n,
               const OrchardBootstrapOptions  *options,
               ReplicateFunc                   replicate,
               gpointer                        data,
               double                          estimate,
               OrchardProgress                 progress,
               gpointer                        progress_data,
               GCancellable                   *cancellable,
               OrchardInterval                *interval,
               GError                        **error)
{
  g_autofree double *counts = g_new (double, n);
  g_autofree double *values = g_new (double, options->n_resamples);
  guint step = MAX (options->n_resamples / 100, 1);
  guint n_valid = 0;
  double alpha = (1 - options->level) / 2;

  if (progress != NULL)
    progress (0.0, _("Resampling rows for a confidence interval"), progress_data);

  for (guint b = 0; b < options->n_resamples; b++)
    {
      OrchardRng rng;
      double value;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      orchard_rng_init_stream (&rng, options->seed, b);
      memset (counts, 0, n * sizeof (double));
      for (gsize i = 0; i < n; i++)
        counts[orchard_rng_below (&rng, n)] += 1;

      value = replicate (data, counts);
      if (isfinite (value))
        values[n_valid++] = value;

      if (progress != NULL && (b + 1) % step == 0)
        progress ((double) (b + 1) / options->n_resamples, NULL, progress_data);
    }

  interval->estimate = estimate;
  interval->level = options->level;
  interval->n_resamples = options->n_resamples;
  interval->n_valid = n_valid;
  interval->lower = orchard_eval_percentile (values, n_valid, 100 * alpha);
  interval->upper = orchard_eval_percentile (values, n_valid, 100 * (1 - alpha));

  return TRUE;
}

/* Binary ------------------------------------------------------------------ */

typedef struct
{
  const guint32 *y_true;
  const double  *proba;
  const double  *weights;
  gsize          n;
  double         threshold;
  int            index;
  gboolean       with_ranking;
  gsize         *order;
  double        *effective;
  double         values[N_BINARY_METRICS];
} BinaryData;

static double
binary_replicate (gpointer      data,
                  const double *counts)
{
  BinaryData *d = data;
  const double *w = counts;

  if (d->weights != NULL)
    {
      for (gsize i = 0; i < d->n; i++)
        d->effective[i] = d->weights[i] * counts[i];
      w = d->effective;
    }

  orchard_eval_binary (d->y_true, d->proba, w, d->order, d->n, d->threshold, d->with_ranking,
                       d->values, NULL);

  return d->values[d->index];
}

/**
 * orchard_bootstrap_binary:
 * @y_true: (array length=n): true classes, 0 or 1
 * @proba: (array length=n): probabilities of the positive class, in [0, 1]
 * @weights: (nullable) (array length=n): sample weights, or %NULL
 * @n: number of rows, > 0
 * @threshold: the decision threshold of threshold metrics
 * @metric: a binary metric key of #OrchardMetrics, e.g. "roc_auc"
 * @options: (nullable): resamples, seed and level, or %NULL for the defaults
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: closure for @progress
 * @cancellable: (nullable): a #GCancellable
 * @interval: (out caller-allocates): the interval
 * @error: return location for a #GError
 *
 * A percentile bootstrap interval for @metric: each resample draws n rows
 * with replacement (keeping their weights) and computes the metric as
 * orchard_metrics_new_binary() would on those rows. Resamples on which it
 * is undefined (ROC AUC on a resample of one class) are left out and
 * counted in #OrchardInterval.n_valid. The same seed gives the same
 * interval on every machine.
 *
 * Returns: %TRUE on success, %FALSE with @error set on invalid input or
 *   cancellation
 */
gboolean
orchard_bootstrap_binary (const guint32                  *y_true,
                          const double                   *proba,
                          const double                   *weights,
                          gsize                           n,
                          double                          threshold,
                          const char                     *metric,
                          const OrchardBootstrapOptions  *options,
                          OrchardProgress                 progress,
                          gpointer                        progress_data,
                          GCancellable                   *cancellable,
                          OrchardInterval                *interval,
                          GError                        **error)
{
  OrchardBootstrapOptions defaults;
  g_autofree gsize *order = NULL;
  g_autofree double *effective = NULL;
  BinaryData data = { 0 };

  g_return_val_if_fail (interval != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      orchard_bootstrap_options_init (&defaults);
      options = &defaults;
    }
  if (!check_options (options, ORCHARD_METRICS_TASK_BINARY, metric, error))
    return FALSE;
  if (isnan (threshold))
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "The decision threshold is not a number");
      return FALSE;
    }
  if (!orchard_eval_check_binary (y_true, proba, weights, n, TRUE, error))
    return FALSE;

  if (weights != NULL)
    effective = g_new (double, n);

  data.y_true = y_true;
  data.proba = proba;
  data.weights = weights;
  data.n = n;
  data.threshold = threshold;
  data.index = orchard_eval_key_index (orchard_eval_binary_keys, metric);
  data.with_ranking = data.index == BINARY_ROC_AUC || data.index == BINARY_AVERAGE_PRECISION;
  if (data.with_ranking)
    order = orchard_eval_order_by_score (proba, 1, n);
  data.order = order;
  data.effective = effective;

  orchard_eval_binary (y_true, proba, weights, order, n, threshold, data.with_ranking,
                       data.values, NULL);
  return run_bootstrap (n, options, binary_replicate, &data, data.values[data.index],
                        progress, progress_data, cancellable, interval, error);
}

/* Multiclass -------------------------------------------------------------- */

typedef struct
{
  const guint32  *y_true;
  const double   *proba;
  guint           n_classes;
  gsize           n;
  int             index;
  gsize         **orders;
  double          values[N_MULTI_METRICS];
} MulticlassData;

static double
multiclass_replicate (gpointer      data,
                      const double *counts)
{
  MulticlassData *d = data;

  orchard_eval_multiclass (d->y_true, d->proba, d->n_classes, counts, d->orders, d->n,
                           d->index == MULTI_ROC_AUC_OVR, d->values, NULL);

  return d->values[d->index];
}

/**
 * orchard_bootstrap_multiclass:
 * @y_true: (array length=n): true classes, coded 0 … @n_classes − 1
 * @proba: (array length=n): row-major n × @n_classes probabilities
 * @n: number of rows, > 0
 * @n_classes: K, at least 2
 * @metric: a multiclass metric key of #OrchardMetrics, e.g. "f1_macro"
 * @options: (nullable): resamples, seed and level, or %NULL for the defaults
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: closure for @progress
 * @cancellable: (nullable): a #GCancellable
 * @interval: (out caller-allocates): the interval
 * @error: return location for a #GError
 *
 * As orchard_bootstrap_binary(), for orchard_metrics_new_multiclass().
 * A resample that misses a class has no `roc_auc_ovr` and is left out.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
orchard_bootstrap_multiclass (const guint32                  *y_true,
                              const double                   *proba,
                              gsize                           n,
                              guint                           n_classes,
                              const char                     *metric,
                              const OrchardBootstrapOptions  *options,
                              OrchardProgress                 progress,
                              gpointer                        progress_data,
                              GCancellable                   *cancellable,
                              OrchardInterval                *interval,
                              GError                        **error)
{
  OrchardBootstrapOptions defaults;
  MulticlassData data = { 0 };
  gboolean with_roc_auc, ok;

  g_return_val_if_fail (interval != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      orchard_bootstrap_options_init (&defaults);
      options = &defaults;
    }
  if (!check_options (options, ORCHARD_METRICS_TASK_MULTICLASS, metric, error))
    return FALSE;
  if (!orchard_eval_check_multiclass (y_true, proba, n, n_classes, error))
    return FALSE;

  data.y_true = y_true;
  data.proba = proba;
  data.n_classes = n_classes;
  data.n = n;
  data.index = orchard_eval_key_index (orchard_eval_multiclass_keys, metric);
  with_roc_auc = data.index == MULTI_ROC_AUC_OVR;
  if (with_roc_auc)
    {
      data.orders = g_new (gsize *, n_classes);
      for (guint j = 0; j < n_classes; j++)
        data.orders[j] = orchard_eval_order_by_score (proba + j, n_classes, n);
    }

  orchard_eval_multiclass (y_true, proba, n_classes, NULL, data.orders, n, with_roc_auc,
                           data.values, NULL);
  ok = run_bootstrap (n, options, multiclass_replicate, &data, data.values[data.index],
                      progress, progress_data, cancellable, interval, error);

  if (data.orders != NULL)
    {
      for (guint j = 0; j < n_classes; j++)
        g_free (data.orders[j]);
      g_free (data.orders);
    }

  return ok;
}

/* Regression -------------------------------------------------------------- */

typedef struct
{
  const double *y_true;
  const double *y_pred;
  gsize         n;
  int           index;
  gsize        *order;
  double        values[N_REG_METRICS];
} RegressionData;

static double
regression_replicate (gpointer      data,
                      const double *counts)
{
  RegressionData *d = data;

  orchard_eval_regression (d->y_true, d->y_pred, counts, d->order, d->n, d->values);

  return d->values[d->index];
}

static int
compare_abs_error (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const RegressionData *d = user_data;
  gsize i = *(const gsize *) a;
  gsize j = *(const gsize *) b;
  double x = fabs (d->y_pred[i] - d->y_true[i]);
  double y = fabs (d->y_pred[j] - d->y_true[j]);

  return (x > y) - (x < y);
}

/**
 * orchard_bootstrap_regression:
 * @y_true: (array length=n): true values
 * @y_pred: (array length=n): predictions
 * @n: number of rows, > 0
 * @metric: a regression metric key of #OrchardMetrics, e.g. "rmse"
 * @options: (nullable): resamples, seed and level, or %NULL for the defaults
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: closure for @progress
 * @cancellable: (nullable): a #GCancellable
 * @interval: (out caller-allocates): the interval
 * @error: return location for a #GError
 *
 * As orchard_bootstrap_binary(), for orchard_metrics_new_regression().
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
orchard_bootstrap_regression (const double                   *y_true,
                              const double                   *y_pred,
                              gsize                           n,
                              const char                     *metric,
                              const OrchardBootstrapOptions  *options,
                              OrchardProgress                 progress,
                              gpointer                        progress_data,
                              GCancellable                   *cancellable,
                              OrchardInterval                *interval,
                              GError                        **error)
{
  OrchardBootstrapOptions defaults;
  g_autofree gsize *order = NULL;
  RegressionData data = { 0 };

  g_return_val_if_fail (interval != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      orchard_bootstrap_options_init (&defaults);
      options = &defaults;
    }
  if (!check_options (options, ORCHARD_METRICS_TASK_REGRESSION, metric, error))
    return FALSE;
  if (!orchard_eval_check_regression (y_true, y_pred, n, error))
    return FALSE;

  data.y_true = y_true;
  data.y_pred = y_pred;
  data.n = n;
  data.index = orchard_eval_key_index (orchard_eval_regression_keys, metric);

  order = g_new (gsize, n);
  for (gsize i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (gsize), compare_abs_error, &data);
  data.order = order;

  orchard_eval_regression (y_true, y_pred, NULL, order, n, data.values);

  return run_bootstrap (n, options, regression_replicate, &data, data.values[data.index],
                        progress, progress_data, cancellable, interval, error);
}

static void
add_member (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * orchard_interval_to_json:
 * @interval: an interval
 *
 * `{"estimate", "lower", "upper", "level", "resamples", "valid_resamples"}`,
 * one entry of the `ci` object of `orchard-cli evaluate --json`; undefined
 * numbers are `null`.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
orchard_interval_to_json (const OrchardInterval *interval)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (interval != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_member (builder, "estimate", interval->estimate);
  add_member (builder, "lower", interval->lower);
  add_member (builder, "upper", interval->upper);
  add_member (builder, "level", interval->level);
  json_builder_set_member_name (builder, "resamples");
  json_builder_add_int_value (builder, interval->n_resamples);
  json_builder_set_member_name (builder, "valid_resamples");
  json_builder_add_int_value (builder, interval->n_valid);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
