/* orchard-evaluation.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-error.h"
#include "orchard-evaluation.h"

/**
 * OrchardEvaluation:
 *
 * A model bundle's predictions on labelled data, as `orchard-cli
 * evaluate`, `curves` and `importance` and the Evaluate page score them.
 *
 * The truth is the data's column of the bundle's target. Rows without a
 * target value cannot be scored and are left out (counted by
 * orchard_evaluation_get_n_unlabelled()); the others are predicted through
 * the bundle exactly as `orchard-cli predict` predicts them, so columns are
 * found by name and converted as orchard_artifact_predict() says. Classes
 * are coded in the bundle's label order (orchard_artifact_get_class_labels());
 * for a binary model the second label is the positive class and the score
 * of a row is its probability. A class the bundle does not know is an
 * error that names the row.
 */
struct _OrchardEvaluation
{
  GObject          parent_instance;

  OrchardArtifact *artifact;
  OrchardTask      task;
  gsize            n_rows;
  gsize            n_unlabelled;
  gsize           *rows;
  guint32         *classes;
  double          *values;
  double          *scores;
  OrchardMatrix   *outputs;
  char           **warnings;
  char            *data_hash;
};

G_DEFINE_FINAL_TYPE (OrchardEvaluation, orchard_evaluation, G_TYPE_OBJECT)

static void
orchard_evaluation_finalize (GObject *object)
{
  OrchardEvaluation *self = (OrchardEvaluation *) object;

  g_clear_object (&self->artifact);
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->classes, g_free);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->scores, g_free);
  g_clear_pointer (&self->outputs, orchard_matrix_unref);
  g_clear_pointer (&self->warnings, g_strfreev);
  g_clear_pointer (&self->data_hash, g_free);

  G_OBJECT_CLASS (orchard_evaluation_parent_class)->finalize (object);
}

static void
orchard_evaluation_class_init (OrchardEvaluationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = orchard_evaluation_finalize;
}

static void
orchard_evaluation_init (OrchardEvaluation *self)
{
}

/* The truth of every labelled row: class codes in the bundle's order, or values. */
static gboolean
read_truth (OrchardEvaluation  *self,
            OrchardColumn      *column,
            const char         *source,
            GError            **error)
{
  gsize n_rows = orchard_column_get_n_rows (column);
  const char *target = orchard_column_get_name (column);

  self->rows = g_new (gsize, MAX (n_rows, 1));

  if (self->task == ORCHARD_TASK_REGRESSION)
    {
      const double *values = orchard_column_get_values (column);

      if (orchard_column_get_kind (column) != ORCHARD_COLUMN_KIND_NUMERIC)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("%s: the target “%s” is %s, but the model predicts numbers"), source,
                       target, orchard_column_kind_to_string (orchard_column_get_kind (column)));
          return FALSE;
        }

      self->values = g_new (double, MAX (n_rows, 1));
      for (gsize r = 0; r < n_rows; r++)
        {
          if (isnan (values[r]))
            continue;
          if (!isfinite (values[r]))
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           _("%s, row %lu: the target “%s” is %g"), source,
                           (gulong) r + 1, target, values[r]);
              return FALSE;
            }
          self->rows[self->n_rows] = r;
          self->values[self->n_rows++] = values[r];
        }
      return TRUE;
    }

  {
    const char * const *labels = orchard_artifact_get_class_labels (self->artifact);
    guint n_classes = orchard_artifact_get_n_classes (self->artifact);
    g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint k = 0; k < n_classes; k++)
      g_hash_table_insert (index, (gpointer) labels[k], GUINT_TO_POINTER (k + 1));

    self->classes = g_new (guint32, MAX (n_rows, 1));
    for (gsize r = 0; r < n_rows; r++)
      {
        g_autofree char *text = NULL;
        guint code;

        if (orchard_column_is_missing (column, r))
          continue;
        /* Text, or classes that happen to look like numbers ("0", "1"). */
        text = orchard_column_format_value (column, r);
        code = GPOINTER_TO_UINT (g_hash_table_lookup (index, text));
        if (code == 0)
          {
            g_autofree char *known = g_strjoinv ("”, “", (char **) labels);

            g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                         _("%s, row %lu: the class “%s” of “%s” is not one the model "
                           "knows (“%s”)"), source, (gulong) r + 1, text, target, known);
            return FALSE;
          }
        self->rows[self->n_rows] = r;
        self->classes[self->n_rows++] = code - 1;
      }
  }

  return TRUE;
}

/**
 * orchard_evaluation_new:
 * @artifact: a model bundle
 * @data: labelled data with the bundle's input columns and its target
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Predicts every labelled row of @data (see #OrchardEvaluation).
 *
 * Returns: (transfer full) (nullable): the evaluation, or %NULL with @error
 *   set when @data lacks the target or an input column, has no labelled
 *   row, or holds a class the model does not know
 */
OrchardEvaluation *
orchard_evaluation_new (OrchardArtifact  *artifact,
                        OrchardTable     *data,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(OrchardEvaluation) self = NULL;
  g_autoptr(OrchardTable) labelled = NULL;
  g_auto(GStrv) warnings = NULL;
  const char *target;
  const char *source;
  int index;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (artifact), NULL);
  g_return_val_if_fail (ORCHARD_IS_TABLE (data), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ORCHARD_TYPE_EVALUATION, NULL);
  self->artifact = g_object_ref (artifact);
  self->task = orchard_artifact_get_task (artifact);
  target = orchard_artifact_get_target (artifact);
  source = orchard_table_get_source (data) != NULL ? orchard_table_get_source (data)
                                                    : _("the data");

  index = orchard_table_find_column (data, target);
  if (index < 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("%s has no column “%s”, the target the model was trained on"), source,
                   target);
      return NULL;
    }

  if (!read_truth (self, orchard_table_get_column (data, index), source, error))
    return NULL;
  if (self->n_rows == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                   _("%s has no row with a value of “%s” to evaluate"), source, target);
      return NULL;
    }
  self->n_unlabelled = orchard_table_get_n_rows (data) - self->n_rows;

  labelled = self->n_unlabelled == 0 ? g_object_ref (data)
                                     : orchard_table_select_rows (data, self->rows, self->n_rows);
  self->outputs = orchard_artifact_predict (artifact, labelled, &warnings, cancellable, error);
  if (self->outputs == NULL)
    {
      g_prefix_error (error, "%s: ", source);
      return NULL;
    }
  self->warnings = g_steal_pointer (&warnings);
  self->data_hash = g_strdup (orchard_table_get_hash (data));

  if (self->task == ORCHARD_TASK_BINARY)
    {
      const double *out = orchard_matrix_get_data (self->outputs);

      self->scores = g_new (double, self->n_rows);
      for (gsize r = 0; r < self->n_rows; r++)
        self->scores[r] = out[r * 2 + 1];
    }

  return g_steal_pointer (&self);
}

/**
 * orchard_evaluation_get_artifact:
 * @self: an evaluation
 *
 * Returns: (transfer none): the bundle evaluated
 */
OrchardArtifact *
orchard_evaluation_get_artifact (OrchardEvaluation *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), NULL);
  return self->artifact;
}

/**
 * orchard_evaluation_get_task:
 * @self: an evaluation
 *
 * Returns: the bundle's task
 */
OrchardTask
orchard_evaluation_get_task (OrchardEvaluation *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), 0);
  return self->task;
}

/**
 * orchard_evaluation_get_n_rows:
 * @self: an evaluation
 *
 * Returns: the number of rows evaluated (those with a target value)
 */
gsize
orchard_evaluation_get_n_rows (OrchardEvaluation *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), 0);
  return self->n_rows;
}

/**
 * orchard_evaluation_get_n_unlabelled:
 * @self: an evaluation
 *
 * Returns: the number of rows left out for want of a target value
 */
gsize
orchard_evaluation_get_n_unlabelled (OrchardEvaluation *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), 0);
  return self->n_unlabelled;
}

/**
 * orchard_evaluation_get_rows:
 * @self: an evaluation
 *
 * Returns: (transfer none) (array): for each row evaluated, its index in
 *   the data
 */
const gsize *
orchard_evaluation_get_rows (OrchardEvaluation *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), NULL);
  return self->rows;
}

/**
 * orchard_evaluation_get_classes:
 * @self: an evaluation of a classifier
 *
 * Returns: (transfer none) (nullable) (array): the true class codes in the
 *   bundle's label order, %NULL for regression
 */
const guint32 *
orchard_evaluation_get_classes (OrchardEvaluation *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), NULL);
  return self->classes;
}

/**
 * orchard_evaluation_get_values:
 * @self: an evaluation of a regressor
 *
 * Returns: (transfer none) (nullable) (array): the true values, %NULL for
 *   classification
 */
const double *
orchard_evaluation_get_values (OrchardEvaluation *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), NULL);
  return self->values;
}

/**
 * orchard_evaluation_get_scores:
 * @self: an evaluation of a binary classifier
 *
 * Returns: (transfer none) (nullable) (array): each row's probability of
 *   the positive class, %NULL unless binary
 */
const double *
orchard_evaluation_get_scores (OrchardEvaluation *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), NULL);
  return self->scores;
}

/**
 * orchard_evaluation_get_outputs:
 * @self: an evaluation
 *
 * Returns: (transfer none): the bundle's outputs, one row per row evaluated
 */
OrchardMatrix *
orchard_evaluation_get_outputs (OrchardEvaluation *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), NULL);
  return self->outputs;
}

/**
 * orchard_evaluation_get_warnings:
 * @self: an evaluation
 *
 * Returns: (transfer none) (array zero-terminated=1): what was converted
 *   to make the data fit the bundle, one sentence each
 */
const char * const *
orchard_evaluation_get_warnings (OrchardEvaluation *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), NULL);
  return (const char * const *) self->warnings;
}

static double
pick_threshold (OrchardEvaluation *self,
                double             threshold)
{
  return isnan (threshold) ? orchard_artifact_get_threshold (self->artifact) : threshold;
}

/**
 * orchard_evaluation_compute_metrics:
 * @self: an evaluation
 * @threshold: for a binary model, the decision threshold; NaN for the
 *   bundle's own
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): every metric of the task, with the
 *   bundle's labels
 */
OrchardMetrics *
orchard_evaluation_compute_metrics (OrchardEvaluation  *self,
                                    double              threshold,
                                    GError            **error)
{
  const char * const *labels;

  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), NULL);

  labels = orchard_artifact_get_class_labels (self->artifact);
  switch (self->task)
    {
    case ORCHARD_TASK_BINARY:
      return orchard_metrics_new_binary (self->classes, self->scores, NULL, self->n_rows,
                                         pick_threshold (self, threshold), labels, error);
    case ORCHARD_TASK_MULTICLASS:
      return orchard_metrics_new_multiclass (self->classes,
                                             orchard_matrix_get_data (self->outputs),
                                             self->n_rows,
                                             orchard_artifact_get_n_classes (self->artifact),
                                             labels, error);
    case ORCHARD_TASK_REGRESSION:
    default:
      return orchard_metrics_new_regression (self->values,
                                             orchard_matrix_get_data (self->outputs),
                                             self->n_rows, error);
    }
}

/**
 * orchard_evaluation_compute_curve:
 * @self: an evaluation
 * @kind: the curve; residuals for a regressor, the others for a binary
 *   classifier
 * @error: return location for a #GError
 *
 * Calibration uses 10 bins; ROC keeps only its corners
 * (`drop_intermediate`), as scikit-learn does by default.
 *
 * Returns: (transfer full) (nullable): the curve, or %NULL with an
 *   %ORCHARD_ERROR_UNSUPPORTED error when @kind does not fit the task
 */
OrchardCurve *
orchard_evaluation_compute_curve (OrchardEvaluation  *self,
                                  OrchardCurveKind    kind,
                                  GError            **error)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), NULL);

  if ((kind == ORCHARD_CURVE_RESIDUALS) != (self->task == ORCHARD_TASK_REGRESSION) ||
      self->task == ORCHARD_TASK_MULTICLASS)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                   kind == ORCHARD_CURVE_RESIDUALS
                     ? _("The %s curve is for regression models; this model does %s")
                     : _("The %s curve is for binary classifiers; this model does %s"),
                   orchard_curve_kind_to_string (kind), orchard_task_to_string (self->task));
      return NULL;
    }

  switch (kind)
    {
    case ORCHARD_CURVE_ROC:
      return orchard_curve_new_roc (self->classes, self->scores, NULL, self->n_rows, TRUE, error);
    case ORCHARD_CURVE_PRECISION_RECALL:
      return orchard_curve_new_precision_recall (self->classes, self->scores, NULL, self->n_rows,
                                                 error);
    case ORCHARD_CURVE_CALIBRATION:
      return orchard_curve_new_calibration (self->classes, self->scores, self->n_rows, 10, error);
    case ORCHARD_CURVE_GAINS:
      return orchard_curve_new_gains (self->classes, self->scores, NULL, self->n_rows, error);
    case ORCHARD_CURVE_THRESHOLD:
      return orchard_curve_new_threshold_sweep (self->classes, self->scores, NULL, self->n_rows,
                                                error);
    case ORCHARD_CURVE_RESIDUALS:
    default:
      return orchard_curve_new_residuals (self->values, orchard_matrix_get_data (self->outputs),
                                          self->n_rows, error);
    }
}

/**
 * orchard_evaluation_bootstrap:
 * @self: an evaluation
 * @metric: a metric key of the task
 * @threshold: for a binary model, the decision threshold; NaN for the bundle's
 * @options: (nullable): the bootstrap options, %NULL for the defaults
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable
 * @interval: (out caller-allocates): the interval
 * @error: return location for a #GError
 *
 * The percentile bootstrap interval of @metric over the rows evaluated
 * (orchard_bootstrap_binary() and its siblings).
 *
 * Returns: %FALSE with @error set for an unknown metric or when cancelled
 */
gboolean
orchard_evaluation_bootstrap (OrchardEvaluation              *self,
                              const char                     *metric,
                              double                          threshold,
                              const OrchardBootstrapOptions  *options,
                              OrchardProgress                 progress,
                              gpointer                        progress_data,
                              GCancellable                   *cancellable,
                              OrchardInterval                *interval,
                              GError                        **error)
{
  OrchardBootstrapOptions defaults;

  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), FALSE);
  g_return_val_if_fail (metric != NULL, FALSE);
  g_return_val_if_fail (interval != NULL, FALSE);

  if (options == NULL)
    {
      orchard_bootstrap_options_init (&defaults);
      options = &defaults;
    }

  switch (self->task)
    {
    case ORCHARD_TASK_BINARY:
      return orchard_bootstrap_binary (self->classes, self->scores, NULL, self->n_rows,
                                       pick_threshold (self, threshold), metric, options,
                                       progress, progress_data, cancellable, interval, error);
    case ORCHARD_TASK_MULTICLASS:
      return orchard_bootstrap_multiclass (self->classes, orchard_matrix_get_data (self->outputs),
                                           self->n_rows,
                                           orchard_artifact_get_n_classes (self->artifact), metric,
                                           options, progress, progress_data, cancellable,
                                           interval, error);
    case ORCHARD_TASK_REGRESSION:
    default:
      return orchard_bootstrap_regression (self->values, orchard_matrix_get_data (self->outputs),
                                           self->n_rows, metric, options, progress,
                                           progress_data, cancellable, interval, error);
    }
}

/**
 * orchard_evaluation_choose_threshold:
 * @self: an evaluation of a binary classifier
 * @criterion: what to optimise
 * @cost: (nullable): the costs, for %ORCHARD_THRESHOLD_MIN_COST
 * @threshold: (out): the threshold chosen
 * @value: (out) (optional): the F1, J or cost per row there
 * @error: return location for a #GError
 *
 * orchard_threshold_choose() on the rows evaluated; store the result with
 * orchard_artifact_set_threshold().
 *
 * Returns: %FALSE with @error set unless the model is binary and the
 *   criterion can be met
 */
gboolean
orchard_evaluation_choose_threshold (OrchardEvaluation          *self,
                                     OrchardThresholdCriterion   criterion,
                                     const OrchardCostMatrix    *cost,
                                     double                     *threshold,
                                     double                     *value,
                                     GError                    **error)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), FALSE);
  g_return_val_if_fail (threshold != NULL, FALSE);

  if (self->task != ORCHARD_TASK_BINARY)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                   _("Only a binary classifier has a decision threshold; this model does %s"),
                   orchard_task_to_string (self->task));
      return FALSE;
    }

  return orchard_threshold_choose (self->classes, self->scores, NULL, self->n_rows, criterion,
                                   cost, threshold, value, error);
}

/**
 * orchard_evaluation_apply_threshold:
 * @self: an evaluation of a binary classifier, on data the model did not
 *   learn from (its validation rows)
 * @criterion: what to optimise
 * @cost: (nullable): the costs, for %ORCHARD_THRESHOLD_MIN_COST
 * @threshold: (out) (optional): the threshold chosen
 * @value: (out) (optional): the F1, J or cost per row there
 * @error: return location for a #GError
 *
 * Chooses the threshold as orchard_evaluation_choose_threshold() does and
 * stores it in the bundle (orchard_artifact_set_threshold()), where
 * `orchard-cli predict` and the server use it, with the criterion
 * (`threshold-criterion`: "f1", "youden" or "cost(fp=…,fn=…,tn=…,tp=…)")
 * and the content hash of the data it was chosen on
 * (`threshold-data-hash`) in the lineage. Save the bundle to keep it.
 *
 * Returns: %FALSE with @error set when no threshold can be chosen, or when
 *   the best one flags no row at all (above every probability)
 */
gboolean
orchard_evaluation_apply_threshold (OrchardEvaluation          *self,
                                    OrchardThresholdCriterion   criterion,
                                    const OrchardCostMatrix    *cost,
                                    double                     *threshold,
                                    double                     *value,
                                    GError                    **error)
{
  g_auto(GVariantDict) lineage = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *name = NULL;
  double chosen, achieved;

  g_return_val_if_fail (ORCHARD_IS_EVALUATION (self), FALSE);

  if (!orchard_evaluation_choose_threshold (self, criterion, cost, &chosen, &achieved, error))
    return FALSE;
  if (chosen > 1.0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("By the “%s” criterion the best decision is to flag no row at all; the "
                     "threshold is left as it was"), orchard_threshold_criterion_to_string (criterion));
      return FALSE;
    }
  if (!orchard_artifact_set_threshold (self->artifact, chosen, error))
    return FALSE;

  if (criterion == ORCHARD_THRESHOLD_MIN_COST && cost != NULL)
    {
      g_autofree char *fp = orchard_format_double (cost->fp);
      g_autofree char *fn = orchard_format_double (cost->fn);
      g_autofree char *tn = orchard_format_double (cost->tn);
      g_autofree char *tp = orchard_format_double (cost->tp);

      name = g_strdup_printf ("cost(fp=%s,fn=%s,tn=%s,tp=%s)", fp, fn, tn, tp);
    }
  else
    name = g_strdup (orchard_threshold_criterion_to_string (criterion));
  g_variant_dict_insert (&lineage, "threshold-criterion", "s", name);
  g_variant_dict_insert (&lineage, "threshold-data-hash", "s", self->data_hash);
  if (!orchard_artifact_set_lineage (self->artifact, g_variant_dict_end (&lineage), error))
    return FALSE;

  if (threshold != NULL)
    *threshold = chosen;
  if (value != NULL)
    *value = achieved;
  return TRUE;
}
