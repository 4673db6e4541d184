/* orchard-importance.c
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
#include "orchard-importance.h"
#include "orchard-readiness.h"
#include "orchard-rng.h"

/**
 * OrchardImportance:
 *
 * Permutation feature importance (Breiman 2001; scikit-learn's
 * `permutation_importance`): how much a metric of a model bundle gets
 * worse on labelled data when the values of one input column are shuffled
 * across the rows, which breaks the column's link with the target while
 * keeping its distribution. It needs nothing from the learner, so it works
 * for every model, and it permutes the **raw columns** the bundle takes as
 * input, before the pipeline: a categorical column one-hot encoded into
 * many features counts once.
 *
 * For column j and repeat r, the rows of column j are shuffled with
 * `OrchardRng` stream j of the seed (r successive shuffles of the identity
 * order), every other column is left alone, the data is predicted through
 * the bundle and scored; the drop is baseline − score for a metric where
 * higher is better and score − baseline for a loss or an error, so a
 * positive drop always means the column matters. The importance is the
 * mean drop over the repeats, with its standard deviation (ddof = 0, as
 * scikit-learn's `importances_std`). A column the model ignores has an
 * importance of exactly 0; a column of pure noise one near 0, possibly
 * negative. Correlated columns share their importance: shuffling one
 * leaves the other to carry the signal.
 *
 * Use data the model did not learn from (the validation or test rows):
 * on training rows importance measures what the model memorised.
 */
struct _OrchardImportance
{
  GObject    parent_instance;

  char      *metric;
  double     baseline;
  gsize      n_rows;
  guint      n_repeats;
  GPtrArray *columns;   /* names */
  double    *drops;     /* n_columns × n_repeats */
  double    *means;
  double    *stds;
};

G_DEFINE_FINAL_TYPE (OrchardImportance, orchard_importance, G_TYPE_OBJECT)

static void
orchard_importance_finalize (GObject *object)
{
  OrchardImportance *self = (OrchardImportance *) object;

  g_clear_pointer (&self->metric, g_free);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->drops, g_free);
  g_clear_pointer (&self->means, g_free);
  g_clear_pointer (&self->stds, g_free);

  G_OBJECT_CLASS (orchard_importance_parent_class)->finalize (object);
}

static void
orchard_importance_class_init (OrchardImportanceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = orchard_importance_finalize;
}

static void
orchard_importance_init (OrchardImportance *self)
{
  self->columns = g_ptr_array_new_with_free_func (g_free);
}

/**
 * orchard_importance_options_init:
 * @options: (out caller-allocates): options to set to the defaults
 *
 * 5 repeats, seed 0, the headline metric, the bundle's threshold.
 */
void
orchard_importance_options_init (OrchardImportanceOptions *options)
{
  g_return_if_fail (options != NULL);

  options->n_repeats = 5;
  options->seed = 0;
  options->metric = NULL;
  options->threshold = NAN;
}

static gboolean
score (OrchardArtifact  *artifact,
       OrchardTable     *table,
       const char       *metric,
       double            threshold,
       GCancellable     *cancellable,
       double           *value,
       GError          **error)
{
  g_autoptr(OrchardEvaluation) evaluation = NULL;
  g_autoptr(OrchardMetrics) metrics = NULL;

  evaluation = orchard_evaluation_new (artifact, table, cancellable, error);
  if (evaluation == NULL)
    return FALSE;
  metrics = orchard_evaluation_compute_metrics (evaluation, threshold, error);
  if (metrics == NULL)
    return FALSE;

  *value = orchard_metrics_get (metrics, metric);
  return TRUE;
}

/* @table with column @index's rows in the order @order. */
static OrchardTable *
permute_column (OrchardTable  *table,
                guint          index,
                const gsize   *order,
                GError       **error)
{
  OrchardColumn *original = orchard_table_get_column (table, index);
  g_autoptr(OrchardTable) alone = NULL;
  g_autoptr(OrchardTable) shuffled = NULL;
  g_autoptr(OrchardTable) result = NULL;
  g_autofree OrchardColumn **columns = NULL;
  guint n_columns = orchard_table_get_n_columns (table);

  alone = orchard_table_new (&original, 1, error);
  if (alone == NULL)
    return NULL;
  shuffled = orchard_table_select_rows (alone, order, orchard_table_get_n_rows (table));

  columns = g_new (OrchardColumn *, n_columns);
  for (guint c = 0; c < n_columns; c++)
    columns[c] = c == index ? orchard_table_get_column (shuffled, 0)
                            : orchard_table_get_column (table, c);
  result = orchard_table_new (columns, n_columns, error);
  if (result == NULL)
    return NULL;

  /* The roles travel along (the bundle finds its target and inputs by name). */
  for (guint c = 0; c < n_columns; c++)
    if (orchard_table_get_role (table, c) != ORCHARD_COLUMN_ROLE_FEATURE)
      {
        OrchardTable *next = orchard_table_with_role (result, c, orchard_table_get_role (table, c));

        g_object_unref (result);
        result = next;
      }

  return g_steal_pointer (&result);
}

/**
 * orchard_importance_compute:
 * @artifact: a model bundle
 * @data: labelled data the model did not learn from, with the bundle's
 *   input columns and its target; rows without a target value are left out
 * @options: (nullable): the options, %NULL for the defaults
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable, checked between shuffles
 * @error: return location for a #GError
 *
 * Computes the importance of every input column the bundle requires (see
 * #OrchardImportance).
 *
 * Returns: (transfer full) (nullable): the importances, or %NULL with
 *   @error set
 */
OrchardImportance *
orchard_importance_compute (OrchardArtifact                 *artifact,
                            OrchardTable                    *data,
                            const OrchardImportanceOptions  *options,
                            OrchardProgress                  progress,
                            gpointer                         progress_data,
                            GCancellable                    *cancellable,
                            GError                         **error)
{
  g_autoptr(OrchardImportance) self = NULL;
  g_autoptr(OrchardEvaluation) baseline = NULL;
  g_autoptr(OrchardTable) labelled = NULL;
  g_autofree gsize *order = NULL;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  OrchardImportanceOptions defaults;
  OrchardReadinessBars bars;
  OrchardTask task;
  double sign;
  guint n_columns;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (artifact), NULL);
  g_return_val_if_fail (ORCHARD_IS_TABLE (data), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      orchard_importance_options_init (&defaults);
      options = &defaults;
    }
  if (options->n_repeats < 1)
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           _("Permutation importance needs at least one repeat"));
      return NULL;
    }

  task = orchard_artifact_get_task (artifact);
  orchard_readiness_bars_init (&bars, (OrchardMetricsTask) task);
  self = g_object_new (ORCHARD_TYPE_IMPORTANCE, NULL);
  self->metric = g_strdup (options->metric != NULL ? options->metric : bars.metric);
  self->n_repeats = options->n_repeats;
  if (!orchard_metric_is_known ((OrchardMetricsTask) task, self->metric))
    {
      g_autofree char *known = g_strjoinv (", ",
                                           (char **) orchard_metrics_task_get_keys ((OrchardMetricsTask) task));

      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a %s metric; known metrics are %s"), self->metric,
                   orchard_task_to_string (task), known);
      return NULL;
    }
  sign = orchard_metric_higher_is_better (self->metric) ? 1.0 : -1.0;

  /* The baseline, and the labelled rows every shuffle starts from. */
  baseline = orchard_evaluation_new (artifact, data, cancellable, error);
  if (baseline == NULL)
    return NULL;
  self->n_rows = orchard_evaluation_get_n_rows (baseline);
  labelled = orchard_evaluation_get_n_unlabelled (baseline) == 0
               ? g_object_ref (data)
               : orchard_table_select_rows (data, orchard_evaluation_get_rows (baseline),
                                            self->n_rows);
  {
    g_autoptr(OrchardMetrics) metrics = orchard_evaluation_compute_metrics (baseline,
                                                                            options->threshold,
                                                                            error);
    if (metrics == NULL)
      return NULL;
    self->baseline = orchard_metrics_get (metrics, self->metric);
  }
  if (!isfinite (self->baseline))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The %s of the model on these rows is undefined; choose another metric"),
                   self->metric);
      return NULL;
    }

  for (guint i = 0; i < orchard_artifact_get_n_columns (artifact); i++)
    {
      const OrchardArtifactColumn *column = orchard_artifact_get_column (artifact, i);
      int index;

      if (!column->required)
        continue;
      index = orchard_table_find_column (labelled, column->name);
      g_assert (index >= 0);  /* the baseline prediction found it */
      g_array_append_val (indices, index);
      g_ptr_array_add (self->columns, g_strdup (column->name));
    }

  n_columns = indices->len;
  self->drops = g_new (double, MAX ((gsize) n_columns * self->n_repeats, 1));
  self->means = g_new (double, MAX (n_columns, 1));
  self->stds = g_new (double, MAX (n_columns, 1));
  order = g_new (gsize, self->n_rows);

  for (guint j = 0; j < n_columns; j++)
    {
      double *drops = self->drops + (gsize) j * self->n_repeats;
      double sum = 0, squares = 0;
      OrchardRng rng;

      if (progress != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Shuffling “%s”"),
                                                      (const char *) g_ptr_array_index (self->columns, j));
          progress ((double) j / n_columns, message, progress_data);
        }

      orchard_rng_init_stream (&rng, options->seed, j);
      for (gsize r = 0; r < self->n_rows; r++)
        order[r] = r;

      for (guint k = 0; k < self->n_repeats; k++)
        {
          g_autoptr(OrchardTable) permuted = NULL;
          double value;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;

          orchard_rng_shuffle (&rng, order, self->n_rows);
          permuted = permute_column (labelled, g_array_index (indices, guint, j), order, error);
          if (permuted == NULL ||
              !score (artifact, permuted, self->metric, options->threshold, cancellable, &value,
                      error))
            return NULL;
          drops[k] = sign * (self->baseline - value);
          sum += drops[k];
        }

      self->means[j] = sum / self->n_repeats;
      for (guint k = 0; k < self->n_repeats; k++)
        squares += (drops[k] - self->means[j]) * (drops[k] - self->means[j]);
      self->stds[j] = sqrt (squares / self->n_repeats);
    }

  if (progress != NULL)
    progress (1.0, NULL, progress_data);

  return g_steal_pointer (&self);
}

/**
 * orchard_importance_get_metric:
 * @self: importances
 *
 * Returns: the metric whose drop was measured
 */
const char *
orchard_importance_get_metric (OrchardImportance *self)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE (self), NULL);
  return self->metric;
}

/**
 * orchard_importance_get_baseline:
 * @self: importances
 *
 * Returns: the metric on the data as it is
 */
double
orchard_importance_get_baseline (OrchardImportance *self)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE (self), NAN);
  return self->baseline;
}

/**
 * orchard_importance_get_n_rows:
 * @self: importances
 *
 * Returns: the rows scored
 */
gsize
orchard_importance_get_n_rows (OrchardImportance *self)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE (self), 0);
  return self->n_rows;
}

/**
 * orchard_importance_get_n_repeats:
 * @self: importances
 *
 * Returns: the shuffles per column
 */
guint
orchard_importance_get_n_repeats (OrchardImportance *self)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE (self), 0);
  return self->n_repeats;
}

/**
 * orchard_importance_get_n_columns:
 * @self: importances
 *
 * Returns: the input columns measured, in the bundle's schema order
 */
guint
orchard_importance_get_n_columns (OrchardImportance *self)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE (self), 0);
  return self->columns->len;
}

/**
 * orchard_importance_get_column:
 * @self: importances
 * @index: a column, below orchard_importance_get_n_columns()
 *
 * Returns: its name
 */
const char *
orchard_importance_get_column (OrchardImportance *self,
                               guint              index)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);
  return g_ptr_array_index (self->columns, index);
}

/**
 * orchard_importance_get_mean:
 * @self: importances
 * @index: a column
 *
 * Returns: the mean drop of the metric over the repeats
 */
double
orchard_importance_get_mean (OrchardImportance *self,
                             guint              index)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE (self), NAN);
  g_return_val_if_fail (index < self->columns->len, NAN);
  return self->means[index];
}

/**
 * orchard_importance_get_std:
 * @self: importances
 * @index: a column
 *
 * Returns: the standard deviation of the drops (ddof = 0)
 */
double
orchard_importance_get_std (OrchardImportance *self,
                            guint              index)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE (self), NAN);
  g_return_val_if_fail (index < self->columns->len, NAN);
  return self->stds[index];
}

/**
 * orchard_importance_get_drops:
 * @self: importances
 * @index: a column
 *
 * Returns: (transfer none) (array): the drop of each repeat,
 *   orchard_importance_get_n_repeats() of them
 */
const double *
orchard_importance_get_drops (OrchardImportance *self,
                              guint              index)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);
  return self->drops + (gsize) index * self->n_repeats;
}

static int
by_mean (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  OrchardImportance *self = user_data;
  double x = self->means[*(const guint *) a];
  double y = self->means[*(const guint *) b];

  if (x != y)
    return x > y ? -1 : 1;
  return (*(const guint *) a > *(const guint *) b) - (*(const guint *) a < *(const guint *) b);
}

/**
 * orchard_importance_rank:
 * @self: importances
 *
 * Returns: (transfer full) (array): the column indices by decreasing mean
 *   importance (schema order among equals)
 */
guint *
orchard_importance_rank (OrchardImportance *self)
{
  guint *order;

  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE (self), NULL);

  order = g_new (guint, MAX (self->columns->len, 1));
  for (guint j = 0; j < self->columns->len; j++)
    order[j] = j;
  g_qsort_with_data (order, self->columns->len, sizeof (guint), by_mean, self);
  return order;
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
 * orchard_importance_to_json:
 * @self: importances
 *
 * The JSON of `orchard-cli importance --json`: `{"metric", "baseline",
 * "rows", "repeats", "columns": [{"column", "mean", "std", "drops"}]}`,
 * columns by decreasing mean.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
orchard_importance_to_json (OrchardImportance *self)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree guint *order = NULL;

  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE (self), NULL);

  order = orchard_importance_rank (self);
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "metric");
  json_builder_add_string_value (b, self->metric);
  json_builder_set_member_name (b, "baseline");
  json_builder_add_double_value (b, self->baseline);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, self->n_rows);
  json_builder_set_member_name (b, "repeats");
  json_builder_add_int_value (b, self->n_repeats);
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->columns->len; i++)
    {
      guint j = order[i];
      const double *drops = orchard_importance_get_drops (self, j);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "column");
      json_builder_add_string_value (b, g_ptr_array_index (self->columns, j));
      json_builder_set_member_name (b, "mean");
      add_number (b, self->means[j]);
      json_builder_set_member_name (b, "std");
      add_number (b, self->stds[j]);
      json_builder_set_member_name (b, "drops");
      json_builder_begin_array (b);
      for (guint k = 0; k < self->n_repeats; k++)
        add_number (b, drops[k]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
