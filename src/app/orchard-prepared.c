/* orchard-prepared.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "orchard-prepared.h"

/**
 * OrchardPrepared:
 *
 * What preparing a table for a model gave: the split's partition, the
 * pipeline fitted on the training rows alone, the profiles of the training
 * rows before and after the pipeline, the class balance of each part, and
 * what went wrong if something did. Immutable once computed, so the pages
 * and the threads that train models can share it.
 *
 * orchard_prepared_compute() does the work, synchronously, as
 * `orchard-cli prepare` does: split, profile the training rows (from which
 * an automatic pipeline is built), fit.
 */

struct _OrchardPrepared
{
  GObject             parent_instance;

  OrchardTable       *table;
  OrchardSplit       *split;
  OrchardPartition   *partition;
  OrchardPipeline    *pipeline;
  GVariant           *spec;
  gboolean            automatic;
  OrchardModelFamily  family;
  GError             *error;
  int                 failed_step;
  OrchardProfile     *before;
  OrchardProfile     *after;
  char               *target;

  GPtrArray          *classes;        /* char *, sorted; empty for a numeric target */
  gsize              *class_counts;   /* [part * n_classes + class] */
  double              target_means[ORCHARD_N_PARTS];
  gsize               n_rows[ORCHARD_N_PARTS];

  GPtrArray          *step_inputs;    /* GArray of OrchardPreparedColumn, per step */
};

G_DEFINE_FINAL_TYPE (OrchardPrepared, orchard_prepared, G_TYPE_OBJECT)

static void
prepared_column_clear (OrchardPreparedColumn *column)
{
  g_free ((char *) column->name);
}

static void
orchard_prepared_finalize (GObject *object)
{
  OrchardPrepared *self = (OrchardPrepared *)object;

  g_clear_object (&self->table);
  g_clear_object (&self->split);
  g_clear_pointer (&self->partition, orchard_partition_unref);
  g_clear_object (&self->pipeline);
  g_clear_pointer (&self->spec, g_variant_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->before);
  g_clear_object (&self->after);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->classes, g_ptr_array_unref);
  g_clear_pointer (&self->class_counts, g_free);
  g_clear_pointer (&self->step_inputs, g_ptr_array_unref);

  G_OBJECT_CLASS (orchard_prepared_parent_class)->finalize (object);
}

static void
orchard_prepared_class_init (OrchardPreparedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_prepared_finalize;
}

static void
orchard_prepared_init (OrchardPrepared *self)
{
  self->failed_step = -1;
  self->classes = g_ptr_array_new_with_free_func (g_free);
  self->step_inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint p = 0; p < ORCHARD_N_PARTS; p++)
    self->target_means[p] = NAN;
}

/* ---- computing ----------------------------------------------------------- */

typedef struct
{
  OrchardProgress  progress;
  gpointer         data;
  double           start;
  double           span;
} Stage;

static void
stage_report (double      fraction,
              const char *message,
              gpointer    user_data)
{
  Stage *stage = user_data;

  if (stage->progress != NULL)
    stage->progress (stage->start + stage->span * CLAMP (fraction, 0.0, 1.0), message, stage->data);
}

static void
report (OrchardProgress  progress,
        gpointer         data,
        double           fraction,
        const char      *message)
{
  if (progress != NULL)
    progress (fraction, message, data);
}

/* A failure to keep as the result's error, or a cancellation to pass on. */
static gboolean
keep_error (OrchardPrepared  *self,
            GError          **local,
            GError          **error)
{
  if (g_error_matches (*local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (local));
      return FALSE;
    }

  self->error = g_steal_pointer (local);
  return TRUE;
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The group and the time column identify and order rows, they are not
 * features: the same roles `orchard-cli prepare` gives them. */
static OrchardTable *
table_with_split_roles (OrchardTable  *table,
                        OrchardSplit  *split,
                        GError       **error)
{
  OrchardSplitMethod method = orchard_split_get_method (split);
  const char *name = orchard_split_get_column (split);
  OrchardColumnRole role;
  int index;

  if (name == NULL || (method != ORCHARD_SPLIT_GROUP && method != ORCHARD_SPLIT_TIME))
    return g_object_ref (table);

  index = orchard_table_find_column (table, name);
  if (index < 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The data has no column “%s” to split by"), name);
      return NULL;
    }
  if (index == orchard_table_get_target (table))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is the target; choose another column to split by"), name);
      return NULL;
    }

  role = method == ORCHARD_SPLIT_GROUP ? ORCHARD_COLUMN_ROLE_ID : ORCHARD_COLUMN_ROLE_TIME;
  if (orchard_table_get_role (table, index) == role)
    return g_object_ref (table);

  return orchard_table_with_role (table, index, role);
}

static void
count_classes (OrchardPrepared *self)
{
  OrchardColumn *target = orchard_table_get_column (self->table, orchard_table_get_target (self->table));
  guint n_levels;
  g_autofree guint *sorted_index = NULL;

  if (orchard_column_get_kind (target) == ORCHARD_COLUMN_KIND_NUMERIC)
    {
      const double *values = orchard_column_get_values (target);

      for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
        {
          gsize n, m = 0;
          const gsize *rows = orchard_partition_get_rows (self->partition, part, &n);
          double sum = 0.0;

          for (gsize i = 0; i < n; i++)
            if (!isnan (values[rows[i]]))
              {
                sum += values[rows[i]];
                m++;
              }
          self->target_means[part] = m > 0 ? sum / m : NAN;
        }
      return;
    }

  if (orchard_column_get_kind (target) != ORCHARD_COLUMN_KIND_CATEGORICAL)
    return;

  /* Classes in code-point order, as `orchard-cli prepare` lists them. */
  n_levels = orchard_column_get_n_levels (target);
  for (guint l = 0; l < n_levels; l++)
    g_ptr_array_add (self->classes, g_strdup (orchard_column_get_level (target, l)));
  g_ptr_array_sort (self->classes, compare_labels);

  sorted_index = g_new0 (guint, MAX (n_levels, 1));
  for (guint l = 0; l < n_levels; l++)
    for (guint k = 0; k < self->classes->len; k++)
      if (strcmp (orchard_column_get_level (target, l), g_ptr_array_index (self->classes, k)) == 0)
        sorted_index[l] = k;

  self->class_counts = g_new0 (gsize, ORCHARD_N_PARTS * MAX (n_levels, 1));
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      gsize n;
      const gsize *rows = orchard_partition_get_rows (self->partition, part, &n);
      const guint32 *codes = orchard_column_get_codes (target);

      for (gsize i = 0; i < n; i++)
        if (codes[rows[i]] != ORCHARD_CODE_MISSING)
          self->class_counts[part * n_levels + sorted_index[codes[rows[i]]]]++;
    }
}

static GArray *
feature_columns (OrchardTable *table)
{
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (OrchardPreparedColumn));

  g_array_set_clear_func (columns, (GDestroyNotify) prepared_column_clear);
  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);
      OrchardPreparedColumn item = {
        g_strdup (orchard_column_get_name (column)),
        orchard_column_get_kind (column),
      };

      if (orchard_table_get_role (table, c) == ORCHARD_COLUMN_ROLE_FEATURE)
        g_array_append_val (columns, item);
      else
        prepared_column_clear (&item);
    }

  return columns;
}

/* The feature columns each step had to work with, which its "columns"
 * option may name: one training row sent through the fitted steps in turn.
 * Stops at the first step that is not fitted, whose inputs are the last. */
static void
find_step_inputs (OrchardPrepared *self,
                  const gsize     *train,
                  gsize            n_train)
{
  g_autoptr(OrchardTable) current = orchard_table_select_rows (self->table, train, MIN (n_train, 1));

  for (guint s = 0; s < orchard_pipeline_get_n_steps (self->pipeline); s++)
    {
      OrchardStep *step = orchard_pipeline_get_step (self->pipeline, s);
      OrchardTable *next;

      g_ptr_array_add (self->step_inputs, feature_columns (current));
      if (!orchard_step_is_fitted (step))
        return;

      next = orchard_step_transform (step, current, NULL);
      if (next == NULL)
        return;
      g_object_unref (current);
      current = next;
    }
}

/**
 * orchard_prepared_compute:
 * @table: the data, with a target
 * @split: how to split it; not changed
 * @pipeline: (nullable) (transfer none): the pipeline to fit, which only
 *   this call may use from now on; %NULL for the automatic pipeline
 * @family: the model family of the automatic pipeline
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Splits @table, profiles the training rows, builds the automatic pipeline
 * from that profile when @pipeline is %NULL, fits the pipeline on the
 * training rows and profiles what it made of them. Thread-safe on its own
 * inputs.
 *
 * A split or a pipeline that does not work is part of the result
 * (orchard_prepared_get_error()), with whatever could be computed before.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with
 *   %G_IO_ERROR_CANCELLED when @cancellable was cancelled
 */
OrchardPrepared *
orchard_prepared_compute (OrchardTable        *table,
                          OrchardSplit        *split,
                          OrchardPipeline     *pipeline,
                          OrchardModelFamily   family,
                          OrchardProgress      progress,
                          gpointer             progress_data,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(OrchardPrepared) self = NULL;
  g_autoptr(OrchardTable) train_table = NULL;
  g_autoptr(GError) local = NULL;
  const gsize *train;
  gsize n_train;
  int target;
  Stage stage = { progress, progress_data, 0.0, 0.0 };

  g_return_val_if_fail (ORCHARD_IS_TABLE (table), NULL);
  g_return_val_if_fail (ORCHARD_IS_SPLIT (split), NULL);
  g_return_val_if_fail (pipeline == NULL || ORCHARD_IS_PIPELINE (pipeline), NULL);
  g_return_val_if_fail (orchard_table_get_target (table) >= 0, NULL);

  self = g_object_new (ORCHARD_TYPE_PREPARED, NULL);
  self->split = g_object_ref (split);
  self->automatic = pipeline == NULL;
  self->family = family;

  report (progress, progress_data, 0.0, _("Splitting the rows…"));
  self->table = table_with_split_roles (table, split, &local);
  if (self->table == NULL)
    {
      self->table = g_object_ref (table);
      return keep_error (self, &local, error) ? g_steal_pointer (&self) : NULL;
    }
  target = orchard_table_get_target (self->table);
  self->target = g_strdup (orchard_column_get_name (orchard_table_get_column (self->table, target)));

  self->partition = orchard_split_apply (split, self->table, cancellable, &local);
  if (self->partition == NULL)
    return keep_error (self, &local, error) ? g_steal_pointer (&self) : NULL;
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    orchard_partition_get_rows (self->partition, part, &self->n_rows[part]);
  count_classes (self);

  /* Even the automatic choices come from the training rows alone. */
  report (progress, progress_data, 0.05, _("Profiling the training rows…"));
  train = orchard_partition_get_rows (self->partition, ORCHARD_PART_TRAIN, &n_train);
  train_table = orchard_table_select_rows (self->table, train, n_train);
  self->before = orchard_profile_compute (train_table, self->target, NULL, NULL, cancellable, &local);
  if (self->before == NULL)
    return keep_error (self, &local, error) ? g_steal_pointer (&self) : NULL;

  self->pipeline = pipeline != NULL ? g_object_ref (pipeline)
                                    : orchard_pipeline_new_auto (self->before, family);
  self->spec = g_variant_ref_sink (orchard_pipeline_to_variant (self->pipeline));

  stage.start = 0.25;
  stage.span = 0.6;
  if (!orchard_pipeline_fit (self->pipeline, self->table, train, n_train, stage_report, &stage,
                             cancellable, &local))
    {
      /* The first step left unfitted is the one that failed; with every
       * step fitted, it was the final vectorisation. */
      for (guint s = 0; s < orchard_pipeline_get_n_steps (self->pipeline); s++)
        if (!orchard_step_is_fitted (orchard_pipeline_get_step (self->pipeline, s)))
          {
            self->failed_step = (int) s;
            break;
          }
      find_step_inputs (self, train, n_train);
      return keep_error (self, &local, error) ? g_steal_pointer (&self) : NULL;
    }

  report (progress, progress_data, 0.85, _("Profiling the prepared rows…"));
  self->after = orchard_profile_compute (orchard_pipeline_get_training_table (self->pipeline),
                                         self->target, NULL, NULL, cancellable, &local);
  if (self->after == NULL)
    return keep_error (self, &local, error) ? g_steal_pointer (&self) : NULL;

  find_step_inputs (self, train, n_train);
  report (progress, progress_data, 1.0, NULL);

  return g_steal_pointer (&self);
}

/* ---- reading ------------------------------------------------------------- */

/**
 * orchard_prepared_get_table:
 *
 * Returns: (transfer none): the table as prepared: the session's, with the
 *   group or time column of the split given the identifier or time role
 */
OrchardTable *
orchard_prepared_get_table (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), NULL);
  return self->table;
}

/**
 * orchard_prepared_get_split:
 *
 * Returns: (transfer none): the split settings used; do not change them
 */
OrchardSplit *
orchard_prepared_get_split (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), NULL);
  return self->split;
}

/**
 * orchard_prepared_get_partition:
 *
 * Returns: (transfer none) (nullable): which rows train, validate and
 *   test; %NULL when the split failed
 */
OrchardPartition *
orchard_prepared_get_partition (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), NULL);
  return self->partition;
}

/**
 * orchard_prepared_get_pipeline:
 *
 * Returns: (transfer none) (nullable): the pipeline, fitted when
 *   orchard_prepared_is_fitted() says so; read it, never change it
 */
OrchardPipeline *
orchard_prepared_get_pipeline (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), NULL);
  return self->pipeline;
}

/**
 * orchard_prepared_dup_spec:
 *
 * Returns: (transfer full) (nullable): a new, unfitted copy of the
 *   pipeline (the automatic one, when it was built), free to edit
 */
OrchardPipeline *
orchard_prepared_dup_spec (OrchardPrepared *self)
{
  g_autoptr(GError) error = NULL;
  OrchardPipeline *copy;

  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), NULL);

  if (self->spec == NULL)
    return NULL;

  copy = orchard_pipeline_new_from_variant (self->spec, &error);
  /* The engine wrote the variant a moment ago. */
  g_assert_no_error (error);

  return copy;
}

gboolean
orchard_prepared_get_automatic (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), FALSE);
  return self->automatic;
}

OrchardModelFamily
orchard_prepared_get_family (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), ORCHARD_MODEL_FAMILY_LINEAR);
  return self->family;
}

/**
 * orchard_prepared_is_fitted:
 *
 * Returns: whether the split worked and the pipeline is fitted: what a
 *   model can be trained from
 */
gboolean
orchard_prepared_is_fitted (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), FALSE);
  return self->error == NULL && self->after != NULL;
}

/**
 * orchard_prepared_get_error:
 *
 * Returns: (nullable): why the split or the pipeline failed
 */
const GError *
orchard_prepared_get_error (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), NULL);
  return self->error;
}

/**
 * orchard_prepared_get_failed_step:
 *
 * Returns: the index of the step that could not be fitted, or -1
 */
int
orchard_prepared_get_failed_step (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), -1);
  return self->failed_step;
}

/**
 * orchard_prepared_get_before:
 *
 * Returns: (transfer none) (nullable): the profile of the training rows as
 *   they are in the data, computed with the target
 */
OrchardProfile *
orchard_prepared_get_before (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), NULL);
  return self->before;
}

/**
 * orchard_prepared_get_after:
 *
 * Returns: (transfer none) (nullable): the profile of the training table
 *   the fitted pipeline made: the rows a model trains on
 */
OrchardProfile *
orchard_prepared_get_after (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), NULL);
  return self->after;
}

/**
 * orchard_prepared_get_target:
 *
 * Returns: (nullable): the name of the target column
 */
const char *
orchard_prepared_get_target (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), NULL);
  return self->target;
}

gsize
orchard_prepared_get_n_rows (OrchardPrepared *self,
                             OrchardPart      part)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), 0);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, 0);
  return self->n_rows[part];
}

/**
 * orchard_prepared_get_n_classes:
 *
 * Returns: the number of classes of a categorical target, 0 otherwise
 */
guint
orchard_prepared_get_n_classes (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), 0);
  return self->class_counts != NULL ? self->classes->len : 0;
}

/**
 * orchard_prepared_get_class:
 * @self: a result
 * @index: a class, in code-point order of the labels
 *
 * Returns: its label
 */
const char *
orchard_prepared_get_class (OrchardPrepared *self,
                            guint            index)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), NULL);
  g_return_val_if_fail (index < orchard_prepared_get_n_classes (self), NULL);
  return g_ptr_array_index (self->classes, index);
}

/**
 * orchard_prepared_get_class_count:
 * @self: a result
 * @part: a part of the split
 * @index: a class
 *
 * Returns: how many rows of @part have class @index
 */
gsize
orchard_prepared_get_class_count (OrchardPrepared *self,
                                  OrchardPart      part,
                                  guint            index)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), 0);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, 0);
  g_return_val_if_fail (index < orchard_prepared_get_n_classes (self), 0);
  return self->class_counts[part * self->classes->len + index];
}

/**
 * orchard_prepared_get_target_mean:
 * @self: a result
 * @part: a part of the split
 *
 * Returns: the mean of a numeric target over @part, NaN otherwise
 */
double
orchard_prepared_get_target_mean (OrchardPrepared *self,
                                  OrchardPart      part)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), NAN);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, NAN);
  return self->target_means[part];
}

/**
 * orchard_prepared_get_n_step_inputs:
 *
 * Returns: for how many steps orchard_prepared_get_step_inputs() knows the
 *   input columns
 */
guint
orchard_prepared_get_n_step_inputs (OrchardPrepared *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), 0);
  return self->step_inputs->len;
}

/**
 * orchard_prepared_get_step_inputs:
 * @self: a result
 * @step: a step index below orchard_prepared_get_n_step_inputs()
 * @n_columns: (out): how many
 *
 * Returns: (array length=n_columns): the feature columns that reached
 *   step @step
 */
const OrchardPreparedColumn *
orchard_prepared_get_step_inputs (OrchardPrepared *self,
                                  guint            step,
                                  guint           *n_columns)
{
  GArray *columns;

  g_return_val_if_fail (ORCHARD_IS_PREPARED (self), NULL);
  g_return_val_if_fail (step < self->step_inputs->len, NULL);

  columns = g_ptr_array_index (self->step_inputs, step);
  *n_columns = columns->len;
  return (const OrchardPreparedColumn *) (gpointer) columns->data;
}
