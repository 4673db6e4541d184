/* orchard-trainer.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-error.h"
#include "orchard-profile.h"
#include "orchard-threads.h"
#include "orchard-trainer.h"

/**
 * OrchardTrainer:
 *
 * One training run of the Train phase, as `orchard-cli train` and the
 * Train page do it:
 *
 * 1. rows without a target value are set aside (they cannot be learnt from
 *    nor scored);
 * 2. the split assigns the rows to training, validation and test (with
 *    separate test data, the data is split into training and validation
 *    only);
 * 3. the pipeline (the automatic one for the model's family, profiled on
 *    the training rows, unless one was given) is fitted on the training
 *    rows only;
 * 4. the model learns from the pipeline's training table, with the
 *    validation rows for its learning curve and early stopping;
 * 5. the bundle is made, and the metrics of every part that has rows are
 *    computed by predicting through the bundle itself, exactly as a
 *    deployed model would;
 * 6. the training rows, with the model's outputs on them, are profiled for
 *    drift monitoring (#OrchardReferenceProfile) into the bundle;
 * 7. the lineage records the data hashes, seed, split, pipeline spec, every
 *    parameter, the time taken and the threads.
 *
 * Class labels are the target's levels that occur in the labelled data,
 * sorted; two make a binary task (the second is the positive class), more
 * a multiclass one. A numeric target makes a regression.
 *
 * orchard_trainer_train() is synchronous, reports progress and stops
 * soon after @cancellable is cancelled; run it in a thread to keep a window
 * responsive. A trainer trains once.
 */

struct _OrchardTrainer
{
  GObject            parent_instance;

  OrchardTable      *data;
  char              *target;
  OrchardModel      *model;
  OrchardPipeline   *pipeline;
  char              *pipeline_source;
  OrchardSplit      *split;
  double             fractions[3];
  gboolean           has_fractions;
  gboolean           has_family;
  OrchardModelFamily family;
  OrchardTable      *test;
  guint64            seed;

  /* Results */
  OrchardPartition  *partition;
  OrchardMetrics    *metrics[ORCHARD_N_PARTS];
  gsize              n_rows[ORCHARD_N_PARTS];
  double             seconds;
  GPtrArray         *notes;
  gboolean           trained;
};

G_DEFINE_FINAL_TYPE (OrchardTrainer, orchard_trainer, G_TYPE_OBJECT)

static void
orchard_trainer_finalize (GObject *object)
{
  OrchardTrainer *self = (OrchardTrainer *) object;

  g_clear_object (&self->data);
  g_clear_pointer (&self->target, g_free);
  g_clear_object (&self->model);
  g_clear_object (&self->pipeline);
  g_clear_pointer (&self->pipeline_source, g_free);
  g_clear_object (&self->split);
  g_clear_object (&self->test);
  g_clear_pointer (&self->partition, orchard_partition_unref);
  for (guint p = 0; p < ORCHARD_N_PARTS; p++)
    g_clear_object (&self->metrics[p]);
  g_clear_pointer (&self->notes, g_ptr_array_unref);

  G_OBJECT_CLASS (orchard_trainer_parent_class)->finalize (object);
}

static void
orchard_trainer_class_init (OrchardTrainerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = orchard_trainer_finalize;
}

static void
orchard_trainer_init (OrchardTrainer *self)
{
  self->notes = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

/**
 * orchard_trainer_new:
 * @data: the data to learn from
 * @target: the column to predict
 * @model: the learner, hyperparameters set; it is fitted in place
 *
 * Returns: (transfer full): a trainer with the defaults: the automatic
 *   pipeline, a stratified split for classes and a random one for numbers,
 *   fractions 0.7 / 0.15 / 0.15, seed 0
 */
OrchardTrainer *
orchard_trainer_new (OrchardTable *data,
                     const char   *target,
                     OrchardModel *model)
{
  OrchardTrainer *self;

  g_return_val_if_fail (ORCHARD_IS_TABLE (data), NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (ORCHARD_IS_MODEL (model), NULL);

  self = g_object_new (ORCHARD_TYPE_TRAINER, NULL);
  self->data = g_object_ref (data);
  self->target = g_strdup (target);
  self->model = g_object_ref (model);

  return self;
}

/**
 * orchard_trainer_set_pipeline:
 * @self: a trainer
 * @pipeline: (nullable): the pipeline to fit, or %NULL for the automatic
 *   pipeline of the model's family
 * @source: (nullable): where it came from, for the lineage (a spec's path)
 */
void
orchard_trainer_set_pipeline (OrchardTrainer  *self,
                              OrchardPipeline *pipeline,
                              const char      *source)
{
  g_return_if_fail (ORCHARD_IS_TRAINER (self));
  g_return_if_fail (pipeline == NULL || ORCHARD_IS_PIPELINE (pipeline));

  g_set_object (&self->pipeline, pipeline);
  g_free (self->pipeline_source);
  self->pipeline_source = g_strdup (source);
  self->has_family = FALSE;
}

/**
 * orchard_trainer_set_automatic_pipeline:
 * @self: a trainer
 * @family: the family whose automatic pipeline to use
 *
 * Uses the automatic pipeline of @family rather than of the learner's own
 * family (orchard_trainer_set_pipeline() with %NULL).
 */
void
orchard_trainer_set_automatic_pipeline (OrchardTrainer     *self,
                                        OrchardModelFamily  family)
{
  g_return_if_fail (ORCHARD_IS_TRAINER (self));
  g_return_if_fail (family <= ORCHARD_MODEL_FAMILY_NEURAL);

  orchard_trainer_set_pipeline (self, NULL, NULL);
  self->has_family = TRUE;
  self->family = family;
}

/**
 * orchard_trainer_set_fractions:
 * @self: a trainer
 * @train: the training share, above 0
 * @valid: the validation share
 * @test: the test share; 0 with separate test data
 * @error: return location for a #GError
 *
 * Sets the shares of the parts, whatever the split method.
 *
 * Returns: %FALSE when the shares are not valid
 */
gboolean
orchard_trainer_set_fractions (OrchardTrainer  *self,
                               double           train,
                               double           valid,
                               double           test,
                               GError         **error)
{
  g_autoptr(OrchardSplit) check = orchard_split_new (ORCHARD_SPLIT_RANDOM);

  g_return_val_if_fail (ORCHARD_IS_TRAINER (self), FALSE);

  if (!orchard_split_set_fractions (check, train, valid, test, error))
    return FALSE;

  self->fractions[0] = train;
  self->fractions[1] = valid;
  self->fractions[2] = test;
  self->has_fractions = TRUE;
  return TRUE;
}

/**
 * orchard_trainer_set_split:
 * @self: a trainer
 * @split: (nullable): how to split, with its fractions unless
 *   orchard_trainer_set_fractions() sets them; its seed is replaced by the
 *   trainer's. %NULL for the default: stratified for classes, random for
 *   numbers
 */
void
orchard_trainer_set_split (OrchardTrainer *self,
                           OrchardSplit   *split)
{
  g_return_if_fail (ORCHARD_IS_TRAINER (self));
  g_return_if_fail (split == NULL || ORCHARD_IS_SPLIT (split));

  g_set_object (&self->split, split);
}

/**
 * orchard_trainer_set_test_data:
 * @self: a trainer
 * @test: (nullable): separate test data with the same columns
 *
 * With test data, the data is split into training and validation rows
 * only (the split's test fraction must be 0; by default 0.85 / 0.15) and
 * @test is the test part.
 */
void
orchard_trainer_set_test_data (OrchardTrainer *self,
                               OrchardTable   *test)
{
  g_return_if_fail (ORCHARD_IS_TRAINER (self));
  g_return_if_fail (test == NULL || ORCHARD_IS_TABLE (test));

  g_set_object (&self->test, test);
}

/**
 * orchard_trainer_set_seed:
 * @self: a trainer
 * @seed: the seed of the split and of every random pipeline step
 *
 * A learner with a seed of its own keeps it: set its `seed` property too
 * for one seed everywhere.
 */
void
orchard_trainer_set_seed (OrchardTrainer *self,
                          guint64         seed)
{
  g_return_if_fail (ORCHARD_IS_TRAINER (self));
  self->seed = seed;
}

guint64
orchard_trainer_get_seed (OrchardTrainer *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAINER (self), 0);
  return self->seed;
}

/* Progress ---------------------------------------------------------------- */

/* Steps ------------------------------------------------------------------- */

typedef struct
{
  OrchardTable  *table;        /* labelled rows, roles set */
  OrchardColumn *target;
  OrchardTask    task;
  GPtrArray     *labels;       /* sorted, NULL-terminated; NULL for regression */
  GHashTable    *label_index;  /* label → index + 1 */
  OrchardTable  *test;         /* labelled test rows, or NULL */
} Prepared;

static void
prepared_clear (Prepared *p)
{
  g_clear_object (&p->table);
  g_clear_pointer (&p->labels, g_ptr_array_unref);
  g_clear_pointer (&p->label_index, g_hash_table_unref);
  g_clear_object (&p->test);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Prepared, prepared_clear)

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
is_labelled (OrchardColumn *target,
             gsize          row)
{
  return !orchard_column_is_missing (target, row);
}

/* @table's rows with a target value, with the target role set. */
static OrchardTable *
labelled_rows (OrchardTable  *table,
               const char    *target,
               gboolean       is_test,
               gsize         *n_dropped,
               GError       **error)
{
  g_autoptr(OrchardTable) with_role = NULL;
  g_autofree gsize *rows = NULL;
  OrchardColumn *column;
  gsize n_rows = orchard_table_get_n_rows (table);
  gsize n = 0;
  int index = orchard_table_find_column (table, target);

  if (index < 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   is_test ? _("The test data has no column “%s”")
                           : _("The data has no column “%s”"), target);
      return NULL;
    }

  with_role = orchard_table_with_role (table, index, ORCHARD_COLUMN_ROLE_TARGET);
  column = orchard_table_get_column (with_role, index);
  rows = g_new (gsize, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    if (is_labelled (column, r))
      rows[n++] = r;

  *n_dropped = n_rows - n;
  if (n == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                   is_test ? _("The test data has no row with a value of “%s”")
                           : _("The data has no row with a value of “%s”"), target);
      return NULL;
    }
  if (n == n_rows)
    return g_steal_pointer (&with_role);

  return orchard_table_select_rows (with_role, rows, n);
}

static gboolean
set_role (OrchardTable      **table,
          const char         *column,
          OrchardColumnRole   role,
          GError            **error)
{
  int index = orchard_table_find_column (*table, column);
  OrchardTable *next;

  if (index < 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The data has no column “%s”"), column);
      return FALSE;
    }
  if (orchard_table_get_role (*table, index) == ORCHARD_COLUMN_ROLE_TARGET)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Column “%s” is the target; it cannot also order or group the split"),
                   column);
      return FALSE;
    }

  next = orchard_table_with_role (*table, index, role);
  g_object_unref (*table);
  *table = next;
  return TRUE;
}

static void
add_note (OrchardTrainer *self,
          char           *note)
{
  g_ptr_array_add (self->notes, note);
}

static gboolean
prepare_target (OrchardTrainer  *self,
                Prepared        *p,
                GError         **error)
{
  gsize n_dropped = 0;
  OrchardColumnKind kind;

  p->table = labelled_rows (self->data, self->target, FALSE, &n_dropped, error);
  if (p->table == NULL)
    return FALSE;
  if (n_dropped > 0)
    add_note (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%lu row without a value of “%s” was left out",
                                                  "%lu rows without a value of “%s” were left out",
                                                  n_dropped),
                                     (gulong) n_dropped, self->target));

  p->target = orchard_table_get_column (p->table, orchard_table_get_target (p->table));
  kind = orchard_column_get_kind (p->target);

  if (kind == ORCHARD_COLUMN_KIND_NUMERIC)
    p->task = ORCHARD_TASK_REGRESSION;
  else if (kind == ORCHARD_COLUMN_KIND_CATEGORICAL)
    {
      guint n_levels = orchard_column_get_n_levels (p->target);
      const guint32 *codes = orchard_column_get_codes (p->target);
      g_autofree gboolean *used = g_new0 (gboolean, MAX (n_levels, 1));

      for (gsize r = 0; r < orchard_table_get_n_rows (p->table); r++)
        used[codes[r]] = TRUE;

      p->labels = g_ptr_array_new_null_terminated (n_levels, NULL, TRUE);
      for (guint l = 0; l < n_levels; l++)
        if (used[l])
          g_ptr_array_add (p->labels, (gpointer) orchard_column_get_level (p->target, l));
      g_ptr_array_sort (p->labels, compare_strings);

      if (p->labels->len < 2)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("The target “%s” has a single class, “%s”; a classifier needs two or "
                         "more"), self->target, (const char *) g_ptr_array_index (p->labels, 0));
          return FALSE;
        }

      p->task = p->labels->len == 2 ? ORCHARD_TASK_BINARY : ORCHARD_TASK_MULTICLASS;
      p->label_index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint k = 0; k < p->labels->len; k++)
        g_hash_table_insert (p->label_index, g_ptr_array_index (p->labels, k),
                             GUINT_TO_POINTER (k + 1));
    }
  else
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The target “%s” is %s; a model predicts a class or a number"),
                   self->target, orchard_column_kind_to_string (kind));
      return FALSE;
    }

  return orchard_model_set_target (self->model, p->task,
                                   p->labels != NULL ? (const char * const *) p->labels->pdata
                                                     : NULL,
                                   error);
}

/* The class index or value of each row of @table's target. */
/* Only separate test data can hold another kind or unknown classes. */
static double *
target_values (Prepared      *p,
               OrchardTable  *table,
               GError       **error)
{
  OrchardColumn *column = orchard_table_get_column (table, orchard_table_get_target (table));
  gsize n_rows = orchard_table_get_n_rows (table);
  g_autofree double *y = g_new (double, MAX (n_rows, 1));

  if (p->task == ORCHARD_TASK_REGRESSION)
    {
      if (orchard_column_get_kind (column) != ORCHARD_COLUMN_KIND_NUMERIC)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("The target “%s” of the test data is not numeric"),
                       orchard_column_get_name (column));
          return NULL;
        }
      memcpy (y, orchard_column_get_values (column), n_rows * sizeof (double));
      return g_steal_pointer (&y);
    }

  if (!orchard_column_is_coded (column))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The target “%s” of the test data is not categorical"),
                   orchard_column_get_name (column));
      return NULL;
    }

  {
    guint n_levels = orchard_column_get_n_levels (column);
    const guint32 *codes = orchard_column_get_codes (column);
    g_autofree guint *index = g_new (guint, MAX (n_levels, 1));

    for (guint l = 0; l < n_levels; l++)
      index[l] = GPOINTER_TO_UINT (g_hash_table_lookup (p->label_index,
                                                         orchard_column_get_level (column, l)));

    for (gsize r = 0; r < n_rows; r++)
      {
        if (codes[r] == ORCHARD_CODE_MISSING || index[codes[r]] == 0)
          {
            g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                         _("The test data has class “%s”, which the training data does not have"),
                         codes[r] == ORCHARD_CODE_MISSING
                           ? "" : orchard_column_get_level (column, codes[r]));
            return NULL;
          }
        y[r] = index[codes[r]] - 1;
      }
  }

  return g_steal_pointer (&y);
}

static gboolean
prepare_split (OrchardTrainer  *self,
               Prepared        *p,
               GError         **error)
{
  double fractions[3] = { 0.7, 0.15, 0.15 };
  g_autoptr(OrchardSplit) split = NULL;
  const char *column;
  OrchardSplitMethod method;

  if (self->test != NULL)
    {
      fractions[0] = 0.85;
      fractions[1] = 0.15;
      fractions[2] = 0.0;
    }

  /* A copy: the caller's split stays as it was. */
  if (self->split == NULL)
    split = orchard_split_new (p->task != ORCHARD_TASK_REGRESSION
                                 ? ORCHARD_SPLIT_STRATIFIED : ORCHARD_SPLIT_RANDOM);
  else
    {
      split = orchard_split_new (orchard_split_get_method (self->split));
      if (orchard_split_get_column (self->split) != NULL)
        g_object_set (split, "column", orchard_split_get_column (self->split), NULL);
      orchard_split_get_fractions (self->split, &fractions[0], &fractions[1], &fractions[2]);
    }
  if (self->has_fractions)
    memcpy (fractions, self->fractions, sizeof fractions);
  if (!orchard_split_set_fractions (split, fractions[0], fractions[1], fractions[2], error))
    return FALSE;
  orchard_split_set_seed (split, self->seed);
  g_set_object (&self->split, split);

  if (self->test != NULL && fractions[2] > 0.0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("With separate test data, the data is split into training and validation "
                     "rows only; the test fraction must be 0"));
      return FALSE;
    }

  /* The group and time columns identify and order rows; they are not features. */
  method = orchard_split_get_method (self->split);
  column = orchard_split_get_column (self->split);
  if (column != NULL && method == ORCHARD_SPLIT_GROUP &&
      !set_role (&p->table, column, ORCHARD_COLUMN_ROLE_ID, error))
    return FALSE;
  if (column != NULL && method == ORCHARD_SPLIT_TIME &&
      !set_role (&p->table, column, ORCHARD_COLUMN_ROLE_TIME, error))
    return FALSE;

  self->partition = orchard_split_apply (self->split, p->table, NULL, error);
  if (self->partition == NULL)
    return FALSE;

  /* The target column may have been replaced along with its table. */
  p->target = orchard_table_get_column (p->table, orchard_table_get_target (p->table));
  return TRUE;
}

static gboolean
prepare_test (OrchardTrainer  *self,
              Prepared        *p,
              GError         **error)
{
  gsize n_dropped = 0;
  g_autofree double *check = NULL;

  if (self->test == NULL)
    return TRUE;

  p->test = labelled_rows (self->test, self->target, TRUE, &n_dropped, error);
  if (p->test == NULL)
    return FALSE;
  if (n_dropped > 0)
    add_note (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%lu row of the test data without a value of "
                                                  "“%s” was left out",
                                                  "%lu rows of the test data without a value of "
                                                  "“%s” were left out",
                                                  n_dropped),
                                     (gulong) n_dropped, self->target));

  /* Classes unknown to the model cannot be scored: say so now, not after training. */
  check = target_values (p, p->test, error);
  return check != NULL;
}

/* The family of the automatic pipeline. */
static OrchardModelFamily
family (OrchardTrainer *self)
{
  return self->has_family ? self->family : orchard_model_get_family (self->model);
}

static OrchardPipeline *
automatic_pipeline (OrchardTrainer        *self,
                    Prepared              *p,
                    OrchardProgressStage  *stage,
                    GCancellable          *cancellable,
                    GError               **error)
{
  g_autoptr(OrchardTable) rows = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  const gsize *train;
  gsize n_train;

  /* Even the automatic choices come from the training rows alone. */
  train = orchard_partition_get_rows (self->partition, ORCHARD_PART_TRAIN, &n_train);
  rows = orchard_table_select_rows (p->table, train, n_train);
  profile = orchard_profile_compute (rows, self->target, orchard_progress_stage_relay, stage, cancellable,
                                     error);
  if (profile == NULL)
    return NULL;

  return orchard_pipeline_new_auto (profile, family (self));
}

static double *
training_weights (OrchardPipeline *pipeline,
                  Prepared        *p,
                  const double    *y,
                  gsize            n_rows)
{
  g_autofree double *per_class = NULL;
  g_autofree double *weights = NULL;
  gboolean any = FALSE;

  if (p->labels == NULL)
    return NULL;

  per_class = g_new (double, p->labels->len);
  for (guint k = 0; k < p->labels->len; k++)
    {
      per_class[k] = orchard_pipeline_get_class_weight (pipeline, g_ptr_array_index (p->labels, k));
      any |= per_class[k] != 1.0;
    }
  if (!any)
    return NULL;

  weights = g_new (double, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    weights[r] = per_class[(guint) y[r]];

  return g_steal_pointer (&weights);
}

static gboolean
evaluate (OrchardTrainer   *self,
          Prepared         *p,
          OrchardArtifact  *artifact,
          OrchardPart       part,
          OrchardTable     *table,
          OrchardMatrix   **outputs_out,
          GCancellable     *cancellable,
          GError          **error)
{
  g_autoptr(OrchardMatrix) out = NULL;
  g_autofree double *y = NULL;
  gsize n_rows = orchard_table_get_n_rows (table);
  const double *outputs;
  OrchardMetrics *metrics;

  self->n_rows[part] = n_rows;
  if (n_rows == 0)
    return TRUE;

  out = orchard_artifact_predict (artifact, table, NULL, cancellable, error);
  if (out == NULL)
    return FALSE;
  y = target_values (p, table, error);
  if (y == NULL)
    return FALSE;
  outputs = orchard_matrix_get_data (out);

  if (p->task == ORCHARD_TASK_REGRESSION)
    metrics = orchard_metrics_new_regression (y, outputs, n_rows, error);
  else
    {
      g_autofree guint32 *codes = g_new (guint32, n_rows);
      guint n_classes = p->labels->len;

      for (gsize r = 0; r < n_rows; r++)
        codes[r] = (guint32) y[r];

      if (p->task == ORCHARD_TASK_BINARY)
        {
          g_autofree double *positive = g_new (double, n_rows);

          for (gsize r = 0; r < n_rows; r++)
            positive[r] = outputs[r * 2 + 1];
          metrics = orchard_metrics_new_binary (codes, positive, NULL, n_rows,
                                                orchard_artifact_get_threshold (artifact),
                                                (const char * const *) p->labels->pdata, error);
        }
      else
        metrics = orchard_metrics_new_multiclass (codes, outputs, n_rows, n_classes,
                                                  (const char * const *) p->labels->pdata,
                                                  error);
    }

  if (metrics == NULL)
    return FALSE;

  self->metrics[part] = metrics;
  if (outputs_out != NULL)
    *outputs_out = g_steal_pointer (&out);
  return orchard_artifact_set_metrics (artifact, part, metrics, error);
}

static GVariant *
lineage (OrchardTrainer *self,
         Prepared       *p,
         gsize           n_dropped)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GEnumClass) methods = g_type_class_ref (ORCHARD_TYPE_SPLIT_METHOD);
  OrchardSplitMethod split_method = orchard_split_get_method (self->split);
  const char *method = g_enum_get_value (methods, split_method)->value_nick;
  const char *column = orchard_split_get_column (self->split);
  const char *source = orchard_table_get_source (self->data);
  g_autofree char *split = column != NULL ? g_strdup_printf ("%s:%s", method, column)
                                          : g_strdup (method);
  g_autofree char *spec = orchard_pipeline_to_spec (self->pipeline);
  g_autofree char *pipeline = NULL;
  double fractions[3];

  if (self->pipeline_source != NULL)
    pipeline = g_strdup (self->pipeline_source);
  else
    pipeline = g_strdup_printf ("auto:%s", orchard_model_family_to_string (family (self)));

  orchard_split_get_fractions (self->split, &fractions[0], &fractions[1], &fractions[2]);

  g_variant_dict_insert (&dict, "data-hash", "s", orchard_table_get_hash (self->data));
  if (source != NULL)
    g_variant_dict_insert (&dict, "data-source", "s", source);
  g_variant_dict_insert (&dict, "data-rows", "t", (guint64) orchard_table_get_n_rows (self->data));
  if (self->test != NULL)
    {
      const char *test_source = orchard_table_get_source (self->test);

      g_variant_dict_insert (&dict, "test-data-hash", "s", orchard_table_get_hash (self->test));
      if (test_source != NULL)
        g_variant_dict_insert (&dict, "test-data-source", "s", test_source);
    }
  g_variant_dict_insert (&dict, "seed", "t", self->seed);
  g_variant_dict_insert (&dict, "split", "s", split);
  g_variant_dict_insert (&dict, "fractions", "(ddd)", fractions[0], fractions[1], fractions[2]);
  g_variant_dict_insert (&dict, "pipeline", "s", pipeline);
  g_variant_dict_insert (&dict, "pipeline-spec", "s", spec);
  g_variant_dict_insert_value (&dict, "params", orchard_model_get_params (self->model));
  g_variant_dict_insert (&dict, "seconds", "d", self->seconds);
  g_variant_dict_insert (&dict, "threads", "u", orchard_get_threads ());
  g_variant_dict_insert (&dict, "rows-without-target", "t", (guint64) n_dropped);

  return g_variant_dict_end (&dict);
}

/**
 * orchard_trainer_train:
 * @self: a trainer that has not trained yet
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Runs the whole training (see #OrchardTrainer). The model given to
 * orchard_trainer_new() and the pipeline, if one was set, end up fitted;
 * the bundle holds copies of them. Metrics of each part with rows are in
 * the bundle and in orchard_trainer_get_metrics().
 *
 * Returns: (transfer full) (nullable): the bundle, or %NULL
 */
OrchardArtifact *
orchard_trainer_train (OrchardTrainer  *self,
                       OrchardProgress  progress,
                       gpointer         progress_data,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_auto(Prepared) p = { 0 };
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(OrchardMatrix) X = NULL;
  g_autoptr(OrchardMatrix) X_valid = NULL;
  g_autoptr(OrchardMatrix) train_outputs = NULL;
  g_autoptr(OrchardTable) train_rows = NULL;
  g_autofree double *y = NULL;
  g_autofree double *y_valid = NULL;
  g_autofree double *weights = NULL;
  OrchardProgressStage stage = { .progress = progress, .data = progress_data };
  gint64 started = g_get_monotonic_time ();
  OrchardTable *training;
  const gsize *train, *valid;
  gsize n_train, n_valid, n_dropped = 0;

  g_return_val_if_fail (ORCHARD_IS_TRAINER (self), NULL);
  g_return_val_if_fail (!self->trained, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->trained = TRUE;

  orchard_progress_stage_report (&stage, 0.0, _("Splitting the data"));

  if (!prepare_target (self, &p, error))
    return NULL;
  n_dropped = orchard_table_get_n_rows (self->data) - orchard_table_get_n_rows (p.table);
  if (!prepare_split (self, &p, error) || !prepare_test (self, &p, error))
    return NULL;

  train = orchard_partition_get_rows (self->partition, ORCHARD_PART_TRAIN, &n_train);
  valid = orchard_partition_get_rows (self->partition, ORCHARD_PART_VALID, &n_valid);
  if (n_train == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                   _("The split left no training rows"));
      return NULL;
    }

  /* The pipeline, on the training rows only. */
  stage.start = 0.02;
  stage.span = 0.03;
  if (self->pipeline == NULL)
    {
      self->pipeline = automatic_pipeline (self, &p, &stage, cancellable, error);
      if (self->pipeline == NULL)
        return NULL;
    }

  stage.start = 0.05;
  stage.span = 0.1;
  orchard_progress_stage_report (&stage, stage.start, _("Fitting the pipeline"));
  if (!orchard_pipeline_fit (self->pipeline, p.table, train, n_train, orchard_progress_stage_relay, &stage,
                             cancellable, error))
    return NULL;

  training = orchard_pipeline_get_training_table (self->pipeline);
  X = orchard_pipeline_vectorise (self->pipeline, training, error);
  if (X == NULL)
    return NULL;
  y = target_values (&p, training, error);
  if (y == NULL)
    return NULL;
  weights = training_weights (self->pipeline, &p, y, orchard_matrix_get_n_rows (X));

  if (n_valid > 0)
    {
      g_autoptr(OrchardTable) rows = orchard_table_select_rows (p.table, valid, n_valid);

      X_valid = orchard_pipeline_transform (self->pipeline, rows, error);
      if (X_valid == NULL)
        return NULL;
      y_valid = target_values (&p, rows, error);
      if (y_valid == NULL)
        return NULL;
    }

  /* The model. */
  stage.start = 0.15;
  stage.span = 0.75;
  orchard_progress_stage_report (&stage, stage.start, _("Training the model"));
  if (!orchard_model_fit (self->model, X, y, X_valid, y_valid, weights, orchard_progress_stage_relay, &stage,
                          cancellable, error))
    return NULL;

  artifact = orchard_artifact_new (self->pipeline, self->model, p.table, train, n_train, error);
  if (artifact == NULL)
    return NULL;

  /* Metrics, predicted through the bundle as a deployed model would. */
  orchard_progress_stage_report (&stage, 0.9, _("Evaluating"));
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      g_autoptr(OrchardTable) rows = NULL;

      if (part == ORCHARD_PART_TEST && p.test != NULL)
        rows = g_object_ref (p.test);
      else
        {
          gsize n;
          const gsize *indices = orchard_partition_get_rows (self->partition, part, &n);
          rows = orchard_table_select_rows (p.table, indices, n);
        }

      if (!evaluate (self, &p, artifact, part, rows,
                     part == ORCHARD_PART_TRAIN ? &train_outputs : NULL, cancellable, error))
        return NULL;
      if (part == ORCHARD_PART_TRAIN)
        train_rows = g_steal_pointer (&rows);
    }

  /* What monitoring compares new data with: the training rows, and the
   * model's outputs on them for prediction drift. */
  orchard_progress_stage_report (&stage, 0.95, _("Profiling the training rows for monitoring"));
  {
    g_autoptr(OrchardTable) predictions = orchard_artifact_outputs_to_table (artifact,
                                                                            train_outputs, NAN);
    g_autoptr(OrchardReferenceProfile) profile = NULL;
    OrchardReferenceOptions options;

    orchard_reference_options_init (&options);
    options.seed = self->seed;
    options.target = self->target;
    stage.start = 0.95;
    stage.span = 0.05;
    profile = orchard_reference_profile_build (train_rows, predictions, &options, orchard_progress_stage_relay,
                                               &stage, cancellable, error);
    if (profile == NULL)
      return NULL;
    orchard_artifact_set_reference_profile (artifact, profile);
  }

  self->seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  if (!orchard_artifact_set_lineage (artifact, lineage (self, &p, n_dropped), error))
    return NULL;

  orchard_progress_stage_report (&stage, 1.0, NULL);

  return g_steal_pointer (&artifact);
}

/**
 * orchard_trainer_evaluate:
 * @self: a trainer, configured as for the training that made @artifact
 *   (data, target, split, fractions, test data and seed)
 * @artifact: a bundle trained earlier from the same configuration
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Splits the data exactly as orchard_trainer_train() would and predicts
 * every part through @artifact, without fitting anything: afterwards the
 * partition, the row counts and the metrics of each part are those of the
 * training that made @artifact (and are set in @artifact too). This is how
 * a run recorded earlier is evaluated again from its bundle. The trainer
 * cannot train afterwards.
 *
 * Returns: %TRUE on success
 */
gboolean
orchard_trainer_evaluate (OrchardTrainer   *self,
                          OrchardArtifact  *artifact,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_auto(Prepared) p = { 0 };

  g_return_val_if_fail (ORCHARD_IS_TRAINER (self), FALSE);
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (artifact), FALSE);
  g_return_val_if_fail (!self->trained, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->trained = TRUE;

  if (g_strcmp0 (orchard_artifact_get_target (artifact), self->target) != 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The model predicts “%s”, not “%s”"),
                   orchard_artifact_get_target (artifact), self->target);
      return FALSE;
    }
  if (!prepare_target (self, &p, error) || !prepare_split (self, &p, error) ||
      !prepare_test (self, &p, error))
    return FALSE;

  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      g_autoptr(OrchardTable) rows = NULL;

      if (part == ORCHARD_PART_TEST && p.test != NULL)
        rows = g_object_ref (p.test);
      else
        {
          gsize n;
          const gsize *indices = orchard_partition_get_rows (self->partition, part, &n);

          rows = orchard_table_select_rows (p.table, indices, n);
        }
      if (!evaluate (self, &p, artifact, part, rows, NULL, cancellable, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * orchard_trainer_get_test_data:
 * @self: a trainer
 *
 * Returns: (transfer none) (nullable): the separate test data, if any
 */
OrchardTable *
orchard_trainer_get_test_data (OrchardTrainer *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAINER (self), NULL);
  return self->test;
}

/* Results ----------------------------------------------------------------- */

/**
 * orchard_trainer_get_split:
 * @self: a trainer
 *
 * Returns: (transfer none) (nullable): the split used, once trained
 */
OrchardSplit *
orchard_trainer_get_split (OrchardTrainer *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAINER (self), NULL);
  return self->split;
}

/**
 * orchard_trainer_get_partition:
 * @self: a trainer
 *
 * Returns: (transfer none) (nullable): the rows of each part (indices
 *   into the labelled rows of the data), with the split's warnings
 */
OrchardPartition *
orchard_trainer_get_partition (OrchardTrainer *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAINER (self), NULL);
  return self->partition;
}

/**
 * orchard_trainer_get_pipeline:
 * @self: a trainer
 *
 * Returns: (transfer none) (nullable): the pipeline, fitted once trained
 */
OrchardPipeline *
orchard_trainer_get_pipeline (OrchardTrainer *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAINER (self), NULL);
  return self->pipeline;
}

/**
 * orchard_trainer_get_n_rows:
 * @self: a trained trainer
 * @part: a part
 *
 * Returns: the rows of @part (the test data's with separate test data)
 */
gsize
orchard_trainer_get_n_rows (OrchardTrainer *self,
                            OrchardPart     part)
{
  g_return_val_if_fail (ORCHARD_IS_TRAINER (self), 0);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, 0);
  return self->n_rows[part];
}

/**
 * orchard_trainer_get_metrics:
 * @self: a trained trainer
 * @part: a part
 *
 * Returns: (transfer none) (nullable): the metrics of @part, %NULL when it
 *   has no rows
 */
OrchardMetrics *
orchard_trainer_get_metrics (OrchardTrainer *self,
                             OrchardPart     part)
{
  g_return_val_if_fail (ORCHARD_IS_TRAINER (self), NULL);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, NULL);
  return self->metrics[part];
}

/**
 * orchard_trainer_get_seconds:
 * @self: a trained trainer
 *
 * Returns: the wall time of the whole training, metrics and reference
 *   profile included, in seconds
 */
double
orchard_trainer_get_seconds (OrchardTrainer *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAINER (self), 0.0);
  return self->seconds;
}

/**
 * orchard_trainer_get_notes:
 * @self: a trainer
 *
 * Returns: (transfer none) (array zero-terminated=1): what the training
 *   decided on its own (rows left out), one sentence each
 */
const char * const *
orchard_trainer_get_notes (OrchardTrainer *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (ORCHARD_IS_TRAINER (self), NULL);
  /* An empty array may not have allocated its terminator yet. */
  return self->notes->len > 0 ? (const char * const *) self->notes->pdata : none;
}
