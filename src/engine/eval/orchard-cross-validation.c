/* orchard-cross-validation.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-cross-validation.h"
#include "orchard-error.h"
#include "orchard-profile.h"
#include "orchard-rng.h"

/**
 * OrchardCrossValidation:
 *
 * Repeated k-fold cross-validation of one learner and one pipeline on one
 * data set, as `orchard-cli cv` and the Evaluate page run it:
 *
 * 1. rows without a target value are set aside, and the class labels are
 *    the target's levels that occur, sorted, as #OrchardTrainer does (so the
 *    second one is the positive class of a binary task);
 * 2. for every repeat r (0 … R − 1) the split, with seed `seed + r`, makes
 *    K folds (orchard_split_make_folds()): stratified k-fold for a class
 *    target and plain k-fold for a numeric one by default, or group and
 *    time-series folds with a split of those methods;
 * 3. in every fold a **fresh copy** of the pipeline (or of the automatic
 *    pipeline, profiled on the fold's training rows) is fitted on the
 *    fold's training rows only, a fresh copy of the learner with the same
 *    hyperparameters learns from what it makes of them, and the fold's
 *    validation rows are predicted and scored. The validation rows reach
 *    neither the pipeline nor the learner: no early stopping on them either;
 * 4. every metric of the task is summarised over the folds by its mean and
 *    standard deviation (ddof = 0, NumPy's `std()`), over the folds where it
 *    is defined.
 *
 * The same data, settings and seed give the same folds and, for learners
 * that are deterministic for their seed, the same numbers. Two runs over the
 * same data with the same folds can be compared with the corrected
 * resampled t-test (orchard_cross_validation_compare()), and
 * orchard_cross_validation_size_curve() re-runs the folds on growing shares
 * of their training rows for a learning curve against the training-set size.
 */

typedef struct
{
  guint            fold;
  guint            repeat;
  gsize           *train;
  gsize            n_train;
  gsize           *valid;
  gsize            n_valid;
  OrchardMetrics  *metrics;
  OrchardMatrix   *outputs;
  OrchardPipeline *pipeline;
  OrchardModel    *model;
} FoldResult;

struct _OrchardCrossValidation
{
  GObject             parent_instance;

  OrchardTable       *data;
  char               *target;
  OrchardModel       *model;
  OrchardPipeline    *pipeline;
  gboolean            has_family;
  OrchardModelFamily  family;
  OrchardSplit       *split;
  guint               n_folds;
  guint               n_repeats;
  guint64             seed;
  gboolean            keep_models;

  /* Prepared once */
  gboolean            prepared;
  OrchardTable       *table;
  OrchardTask         task;
  GPtrArray          *labels;       /* owned strings, NULL-terminated; NULL for regression */
  GHashTable         *label_index;  /* label → index + 1 */
  GPtrArray          *folds;        /* OrchardFolds per repeat */

  /* Results */
  GArray             *results;      /* FoldResult */
};

G_DEFINE_FINAL_TYPE (OrchardCrossValidation, orchard_cross_validation, G_TYPE_OBJECT)

static void
fold_result_clear (gpointer data)
{
  FoldResult *result = data;

  g_clear_pointer (&result->train, g_free);
  g_clear_pointer (&result->valid, g_free);
  g_clear_object (&result->metrics);
  g_clear_pointer (&result->outputs, orchard_matrix_unref);
  g_clear_object (&result->pipeline);
  g_clear_object (&result->model);
}

static void
orchard_cross_validation_finalize (GObject *object)
{
  OrchardCrossValidation *self = (OrchardCrossValidation *) object;

  g_clear_object (&self->data);
  g_clear_pointer (&self->target, g_free);
  g_clear_object (&self->model);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->split);
  g_clear_object (&self->table);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->label_index, g_hash_table_unref);
  g_clear_pointer (&self->folds, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_array_unref);

  G_OBJECT_CLASS (orchard_cross_validation_parent_class)->finalize (object);
}

static void
orchard_cross_validation_class_init (OrchardCrossValidationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = orchard_cross_validation_finalize;
}

static void
orchard_cross_validation_init (OrchardCrossValidation *self)
{
  self->n_folds = 5;
  self->n_repeats = 1;
  self->keep_models = TRUE;
  self->results = g_array_new (FALSE, TRUE, sizeof (FoldResult));
  g_array_set_clear_func (self->results, fold_result_clear);
}

/**
 * orchard_cross_validation_new:
 * @data: the data
 * @target: the column to predict
 * @model: the learner, hyperparameters set; it is not fitted itself, each
 *   fold fits a copy with the same hyperparameters
 *
 * Returns: (transfer full): a cross-validation with the defaults: the
 *   automatic pipeline of the learner's family, 5 folds, 1 repeat, seed 0,
 *   stratified folds for a class target and plain ones for a number
 */
OrchardCrossValidation *
orchard_cross_validation_new (OrchardTable *data,
                              const char   *target,
                              OrchardModel *model)
{
  OrchardCrossValidation *self;

  g_return_val_if_fail (ORCHARD_IS_TABLE (data), NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (ORCHARD_IS_MODEL (model), NULL);

  self = g_object_new (ORCHARD_TYPE_CROSS_VALIDATION, NULL);
  self->data = g_object_ref (data);
  self->target = g_strdup (target);
  self->model = g_object_ref (model);

  return self;
}

/**
 * orchard_cross_validation_set_pipeline:
 * @self: a cross-validation that has not run
 * @pipeline: (nullable): the pipeline whose spec every fold fits afresh
 *   (it is not fitted itself), or %NULL for the automatic one
 */
void
orchard_cross_validation_set_pipeline (OrchardCrossValidation *self,
                                       OrchardPipeline        *pipeline)
{
  g_return_if_fail (ORCHARD_IS_CROSS_VALIDATION (self));
  g_return_if_fail (pipeline == NULL || ORCHARD_IS_PIPELINE (pipeline));

  g_set_object (&self->pipeline, pipeline);
  self->has_family = FALSE;
}

/**
 * orchard_cross_validation_set_automatic_pipeline:
 * @self: a cross-validation that has not run
 * @family: the family whose automatic pipeline each fold builds
 */
void
orchard_cross_validation_set_automatic_pipeline (OrchardCrossValidation *self,
                                                 OrchardModelFamily      family)
{
  g_return_if_fail (ORCHARD_IS_CROSS_VALIDATION (self));

  g_clear_object (&self->pipeline);
  self->has_family = TRUE;
  self->family = family;
}

/**
 * orchard_cross_validation_set_split:
 * @self: a cross-validation that has not run
 * @split: (nullable): the method (and column) of the folds; its fractions
 *   and seed do not matter. %NULL for the default
 */
void
orchard_cross_validation_set_split (OrchardCrossValidation *self,
                                    OrchardSplit           *split)
{
  g_return_if_fail (ORCHARD_IS_CROSS_VALIDATION (self));
  g_return_if_fail (split == NULL || ORCHARD_IS_SPLIT (split));
  g_return_if_fail (!self->prepared);

  g_set_object (&self->split, split);
}

/**
 * orchard_cross_validation_set_folds:
 * @self: a cross-validation that has not run
 * @n_folds: K, 2 … 1000
 * @n_repeats: R, 1 … 1000
 * @error: return location for a #GError
 *
 * Returns: %FALSE when a number is out of range
 */
gboolean
orchard_cross_validation_set_folds (OrchardCrossValidation  *self,
                                    guint                    n_folds,
                                    guint                    n_repeats,
                                    GError                 **error)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), FALSE);
  g_return_val_if_fail (!self->prepared, FALSE);

  if (n_folds < 2 || n_folds > 1000)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Cross-validation needs 2 to 1000 folds, not %u"), n_folds);
      return FALSE;
    }
  if (n_repeats < 1 || n_repeats > 1000)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Cross-validation repeats 1 to 1000 times, not %u"), n_repeats);
      return FALSE;
    }

  self->n_folds = n_folds;
  self->n_repeats = n_repeats;
  return TRUE;
}

/**
 * orchard_cross_validation_set_seed:
 * @self: a cross-validation that has not run
 * @seed: repeat r makes its folds with the seed @seed + r
 *
 * A learner with a seed of its own keeps it: set its `seed` property too
 * for one seed everywhere.
 */
void
orchard_cross_validation_set_seed (OrchardCrossValidation *self,
                                   guint64                 seed)
{
  g_return_if_fail (ORCHARD_IS_CROSS_VALIDATION (self));
  g_return_if_fail (!self->prepared);

  self->seed = seed;
}

/**
 * orchard_cross_validation_set_keep_models:
 * @self: a cross-validation that has not run
 * @keep: whether to keep every fold's fitted pipeline and model (the
 *   default); without them a run needs less memory
 */
void
orchard_cross_validation_set_keep_models (OrchardCrossValidation *self,
                                          gboolean                keep)
{
  g_return_if_fail (ORCHARD_IS_CROSS_VALIDATION (self));

  self->keep_models = keep;
}

/* Preparation ------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
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

static gboolean
prepare_target (OrchardCrossValidation  *self,
                GError                 **error)
{
  g_autoptr(OrchardTable) with_role = NULL;
  g_autofree gsize *rows = NULL;
  OrchardColumn *column;
  OrchardColumnKind kind;
  gsize n_rows = orchard_table_get_n_rows (self->data);
  gsize n = 0;
  int index = orchard_table_find_column (self->data, self->target);

  if (index < 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The data has no column “%s”"), self->target);
      return FALSE;
    }

  with_role = orchard_table_with_role (self->data, index, ORCHARD_COLUMN_ROLE_TARGET);
  column = orchard_table_get_column (with_role, index);
  rows = g_new (gsize, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    if (!orchard_column_is_missing (column, r))
      rows[n++] = r;
  if (n == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                   _("The data has no row with a value of “%s”"), self->target);
      return FALSE;
    }
  self->table = n == n_rows ? g_steal_pointer (&with_role)
                            : orchard_table_select_rows (with_role, rows, n);
  column = orchard_table_get_column (self->table, index);
  kind = orchard_column_get_kind (column);

  if (kind == ORCHARD_COLUMN_KIND_NUMERIC)
    {
      self->task = ORCHARD_TASK_REGRESSION;
      return TRUE;
    }
  if (kind != ORCHARD_COLUMN_KIND_CATEGORICAL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The target “%s” is %s; a model predicts a class or a number"),
                   self->target, orchard_column_kind_to_string (kind));
      return FALSE;
    }

  {
    guint n_levels = orchard_column_get_n_levels (column);
    const guint32 *codes = orchard_column_get_codes (column);
    g_autofree gboolean *used = g_new0 (gboolean, MAX (n_levels, 1));

    for (gsize r = 0; r < orchard_table_get_n_rows (self->table); r++)
      used[codes[r]] = TRUE;

    self->labels = g_ptr_array_new_null_terminated (n_levels, g_free, TRUE);
    for (guint l = 0; l < n_levels; l++)
      if (used[l])
        g_ptr_array_add (self->labels, g_strdup (orchard_column_get_level (column, l)));
    g_ptr_array_sort (self->labels, compare_strings);
  }

  if (self->labels->len < 2)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The target “%s” has a single class, “%s”; a classifier needs two or "
                     "more"), self->target, (const char *) g_ptr_array_index (self->labels, 0));
      return FALSE;
    }

  self->task = self->labels->len == 2 ? ORCHARD_TASK_BINARY : ORCHARD_TASK_MULTICLASS;
  self->label_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < self->labels->len; k++)
    g_hash_table_insert (self->label_index, g_ptr_array_index (self->labels, k),
                         GUINT_TO_POINTER (k + 1));

  if ((orchard_model_get_tasks (self->model) & (1 << self->task)) == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                   _("The learner “%s” does not do %s"), orchard_model_get_name (self->model),
                   orchard_task_to_string (self->task));
      return FALSE;
    }

  return TRUE;
}

static gboolean
prepare (OrchardCrossValidation  *self,
         GError                 **error)
{
  g_autofree gsize *all = NULL;
  OrchardSplitMethod method;
  const char *column = NULL;
  gsize n_rows;

  if (self->prepared)
    return TRUE;

  if (!prepare_target (self, error))
    return FALSE;

  if (self->split != NULL)
    {
      method = orchard_split_get_method (self->split);
      column = orchard_split_get_column (self->split);
    }
  else
    method = self->task == ORCHARD_TASK_REGRESSION ? ORCHARD_SPLIT_RANDOM
                                                   : ORCHARD_SPLIT_STRATIFIED;

  if (method == ORCHARD_SPLIT_STRATIFIED && self->task == ORCHARD_TASK_REGRESSION &&
      column == NULL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Stratified folds need a class target or a column to stratify by; "
                     "“%s” is numeric"), self->target);
      return FALSE;
    }

  /* The group and time columns identify and order rows; they are not features. */
  if (column != NULL && method == ORCHARD_SPLIT_GROUP &&
      !set_role (&self->table, column, ORCHARD_COLUMN_ROLE_ID, error))
    return FALSE;
  if (column != NULL && method == ORCHARD_SPLIT_TIME &&
      !set_role (&self->table, column, ORCHARD_COLUMN_ROLE_TIME, error))
    return FALSE;

  n_rows = orchard_table_get_n_rows (self->table);
  all = g_new (gsize, n_rows);
  for (gsize r = 0; r < n_rows; r++)
    all[r] = r;

  self->folds = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_folds_unref);
  for (guint r = 0; r < self->n_repeats; r++)
    {
      g_autoptr(OrchardSplit) split = orchard_split_new (method);
      OrchardFolds *folds;

      if (column != NULL)
        g_object_set (split, "column", column, NULL);
      orchard_split_set_seed (split, self->seed + r);
      folds = orchard_split_make_folds (split, self->table, all, n_rows, self->n_folds, error);
      if (folds == NULL)
        return FALSE;
      g_ptr_array_add (self->folds, folds);

      /* Time-series folds are the same every repeat. */
      if (method == ORCHARD_SPLIT_TIME && self->n_repeats > 1)
        {
          g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                               _("Time-series folds are the same in every repeat; repeat "
                                 "cross-validation only with shuffled folds"));
          return FALSE;
        }
    }

  self->prepared = TRUE;
  return TRUE;
}

/* One fit ----------------------------------------------------------------- */

/* The class index or value of each row of @table's target. */
static double *
target_values (OrchardCrossValidation  *self,
               OrchardTable            *table,
               GError                 **error)
{
  OrchardColumn *column = orchard_table_get_column (table, orchard_table_get_target (table));
  gsize n_rows = orchard_table_get_n_rows (table);
  g_autofree double *y = g_new (double, MAX (n_rows, 1));

  if (self->task == ORCHARD_TASK_REGRESSION)
    {
      memcpy (y, orchard_column_get_values (column), n_rows * sizeof (double));
      return g_steal_pointer (&y);
    }

  {
    guint n_levels = orchard_column_get_n_levels (column);
    const guint32 *codes = orchard_column_get_codes (column);
    g_autofree guint *index = g_new (guint, MAX (n_levels, 1));

    for (guint l = 0; l < n_levels; l++)
      index[l] = GPOINTER_TO_UINT (g_hash_table_lookup (self->label_index,
                                                         orchard_column_get_level (column, l)));
    for (gsize r = 0; r < n_rows; r++)
      {
        if (codes[r] == ORCHARD_CODE_MISSING || index[codes[r]] == 0)
          {
            g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                         _("Row %lu has no known class of “%s”"), (gulong) r + 1,
                         self->target);
            return NULL;
          }
        y[r] = index[codes[r]] - 1;
      }
  }

  return g_steal_pointer (&y);
}

static OrchardMetrics *
score (OrchardCrossValidation  *self,
       const double            *y,
       OrchardMatrix           *outputs,
       GError                 **error)
{
  gsize n = orchard_matrix_get_n_rows (outputs);
  const double *out = orchard_matrix_get_data (outputs);
  const char * const *labels;

  if (self->task == ORCHARD_TASK_REGRESSION)
    return orchard_metrics_new_regression (y, out, n, error);

  labels = (const char * const *) self->labels->pdata;
  {
    g_autofree guint32 *codes = g_new (guint32, MAX (n, 1));

    for (gsize r = 0; r < n; r++)
      codes[r] = (guint32) y[r];

    if (self->task == ORCHARD_TASK_BINARY)
      {
        g_autofree double *positive = g_new (double, MAX (n, 1));

        for (gsize r = 0; r < n; r++)
          positive[r] = out[r * 2 + 1];
        return orchard_metrics_new_binary (codes, positive, NULL, n, 0.5, labels, error);
      }

    return orchard_metrics_new_multiclass (codes, out, n, self->labels->len, labels, error);
  }
}

static double *
class_weights (OrchardCrossValidation *self,
               OrchardPipeline        *pipeline,
               const double           *y,
               gsize                   n_rows)
{
  g_autofree double *per_class = NULL;
  g_autofree double *weights = NULL;
  gboolean any = FALSE;

  if (self->labels == NULL)
    return NULL;

  per_class = g_new (double, self->labels->len);
  for (guint k = 0; k < self->labels->len; k++)
    {
      per_class[k] = orchard_pipeline_get_class_weight (pipeline,
                                                        g_ptr_array_index (self->labels, k));
      any |= per_class[k] != 1.0;
    }
  if (!any)
    return NULL;

  weights = g_new (double, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    weights[r] = per_class[(guint) y[r]];

  return g_steal_pointer (&weights);
}

static OrchardModel *
copy_model (OrchardCrossValidation  *self,
            GError                 **error)
{
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(GVariant) params = NULL;

  model = orchard_model_new_by_name (orchard_model_get_name (self->model), error);
  if (model == NULL)
    return NULL;
  params = g_variant_ref_sink (orchard_model_get_params (self->model));
  if (!orchard_model_set_params (model, params, error) ||
      !orchard_model_set_target (model, self->task,
                                 self->labels != NULL
                                   ? (const char * const *) self->labels->pdata : NULL,
                                 error))
    return NULL;

  return g_steal_pointer (&model);
}

static OrchardPipeline *
copy_pipeline (OrchardCrossValidation  *self,
               const gsize             *train,
               gsize                    n_train,
               GCancellable            *cancellable,
               GError                 **error)
{
  g_autoptr(OrchardTable) rows = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  OrchardModelFamily family;

  if (self->pipeline != NULL)
    {
      g_autoptr(JsonNode) spec = orchard_pipeline_to_json (self->pipeline);

      return orchard_pipeline_new_from_json (spec, "pipeline", error);
    }

  /* Even the automatic choices come from the fold's training rows alone. */
  family = self->has_family ? self->family : orchard_model_get_family (self->model);
  rows = orchard_table_select_rows (self->table, train, n_train);
  profile = orchard_profile_compute (rows, self->target, NULL, NULL, cancellable, error);
  if (profile == NULL)
    return NULL;

  return orchard_pipeline_new_auto (profile, family);
}

typedef struct
{
  OrchardPipeline *pipeline;
  OrchardModel    *model;
  OrchardMatrix   *outputs;
  OrchardMetrics  *metrics;
  OrchardMetrics  *train_metrics;
} Fit;

static void
fit_clear (Fit *fit)
{
  g_clear_object (&fit->pipeline);
  g_clear_object (&fit->model);
  g_clear_pointer (&fit->outputs, orchard_matrix_unref);
  g_clear_object (&fit->metrics);
  g_clear_object (&fit->train_metrics);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fit, fit_clear)

static OrchardMatrix *
predict_rows (OrchardCrossValidation  *self,
              Fit                     *fit,
              const gsize             *rows,
              gsize                    n_rows,
              double                 **y_out,
              GCancellable            *cancellable,
              GError                 **error)
{
  g_autoptr(OrchardTable) table = orchard_table_select_rows (self->table, rows, n_rows);
  g_autoptr(OrchardMatrix) X = NULL;

  *y_out = target_values (self, table, error);
  if (*y_out == NULL)
    return NULL;
  X = orchard_pipeline_transform (fit->pipeline, table, error);
  if (X == NULL)
    return NULL;

  return orchard_model_predict (fit->model, X, cancellable, error);
}

/* Fits a fresh pipeline and learner on @train alone, then scores @valid
 * (and @train itself with @train_metrics). */
static gboolean
fit_and_score (OrchardCrossValidation  *self,
               const gsize             *train,
               gsize                    n_train,
               const gsize             *valid,
               gsize                    n_valid,
               gboolean                 train_metrics,
               OrchardProgressStage    *stage,
               Fit                     *fit,
               GCancellable            *cancellable,
               GError                 **error)
{
  g_autoptr(OrchardMatrix) X = NULL;
  g_autofree double *y = NULL;
  g_autofree double *y_valid = NULL;
  g_autofree double *weights = NULL;
  OrchardTable *training;

  fit->pipeline = copy_pipeline (self, train, n_train, cancellable, error);
  if (fit->pipeline == NULL)
    return FALSE;
  if (!orchard_pipeline_fit (fit->pipeline, self->table, train, n_train, NULL, NULL, cancellable,
                             error))
    return FALSE;

  training = orchard_pipeline_get_training_table (fit->pipeline);
  X = orchard_pipeline_vectorise (fit->pipeline, training, error);
  if (X == NULL)
    return FALSE;
  y = target_values (self, training, error);
  if (y == NULL)
    return FALSE;
  weights = class_weights (self, fit->pipeline, y, orchard_matrix_get_n_rows (X));

  fit->model = copy_model (self, error);
  if (fit->model == NULL)
    return FALSE;
  if (!orchard_model_fit (fit->model, X, y, NULL, NULL, weights, orchard_progress_stage_relay, stage,
                          cancellable, error))
    return FALSE;

  fit->outputs = predict_rows (self, fit, valid, n_valid, &y_valid, cancellable, error);
  if (fit->outputs == NULL)
    return FALSE;
  fit->metrics = score (self, y_valid, fit->outputs, error);
  if (fit->metrics == NULL)
    return FALSE;

  if (train_metrics)
    {
      g_autoptr(OrchardMatrix) outputs = NULL;
      g_autofree double *y_train = NULL;

      outputs = predict_rows (self, fit, train, n_train, &y_train, cancellable, error);
      if (outputs == NULL)
        return FALSE;
      fit->train_metrics = score (self, y_train, outputs, error);
      if (fit->train_metrics == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
fold_failed (GError **error,
             guint    fold,
             guint    repeat,
             guint    n_repeats)
{
  if (error != NULL && *error != NULL &&
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (n_repeats > 1)
        g_prefix_error (error, _("Fold %u of repeat %u: "), fold + 1, repeat + 1);
      else
        g_prefix_error (error, _("Fold %u: "), fold + 1);
    }
  return FALSE;
}

/* Running ----------------------------------------------------------------- */

/**
 * orchard_cross_validation_run:
 * @self: a cross-validation that has not run
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable, checked between folds and
 *   inside every fit
 * @error: return location for a #GError
 *
 * Runs every fold of every repeat (see #OrchardCrossValidation).
 *
 * Returns: %TRUE on success; %FALSE with @error set (a fold's failure
 *   names the fold)
 */
gboolean
orchard_cross_validation_run (OrchardCrossValidation  *self,
                              OrchardProgress          progress,
                              gpointer                 progress_data,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  guint total;

  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), FALSE);
  g_return_val_if_fail (self->results->len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!prepare (self, error))
    return FALSE;

  total = self->n_folds * self->n_repeats;
  for (guint r = 0; r < self->n_repeats; r++)
    for (guint f = 0; f < self->n_folds; f++)
      {
        OrchardFolds *folds = g_ptr_array_index (self->folds, r);
        g_autofree char *message = NULL;
        g_auto(Fit) fit = { 0 };
        FoldResult result = { 0 };
        OrchardProgressStage stage = { .progress = progress, .data = progress_data,
                                       .fixed_message = TRUE };
        const gsize *train, *valid;
        gsize n_train, n_valid;
        guint done = r * self->n_folds + f;

        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;

        if (self->n_repeats > 1)
          message = g_strdup_printf (_("Fold %u of %u, repeat %u of %u"), f + 1, self->n_folds,
                                     r + 1, self->n_repeats);
        else
          message = g_strdup_printf (_("Fold %u of %u"), f + 1, self->n_folds);
        stage.start = (double) done / total;
        stage.span = 1.0 / total;
        stage.message = message;
        if (progress != NULL)
          progress (stage.start, message, progress_data);

        train = orchard_folds_get_train (folds, f, &n_train);
        valid = orchard_folds_get_valid (folds, f, &n_valid);
        if (n_train == 0 || n_valid == 0)
          {
            g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                         _("It has no training or no validation rows"));
            return fold_failed (error, f, r, self->n_repeats);
          }

        if (!fit_and_score (self, train, n_train, valid, n_valid, FALSE, &stage, &fit,
                            cancellable, error))
          return fold_failed (error, f, r, self->n_repeats);

        result.fold = f;
        result.repeat = r;
        result.train = g_memdup2 (train, n_train * sizeof (gsize));
        result.n_train = n_train;
        result.valid = g_memdup2 (valid, n_valid * sizeof (gsize));
        result.n_valid = n_valid;
        result.metrics = g_steal_pointer (&fit.metrics);
        result.outputs = g_steal_pointer (&fit.outputs);
        if (self->keep_models)
          {
            result.pipeline = g_steal_pointer (&fit.pipeline);
            result.model = g_steal_pointer (&fit.model);
          }
        g_array_append_val (self->results, result);
      }

  if (progress != NULL)
    progress (1.0, NULL, progress_data);

  return TRUE;
}

/* Results ----------------------------------------------------------------- */

/**
 * orchard_cross_validation_get_task:
 * @self: a cross-validation that has run
 *
 * Returns: the task the target makes
 */
OrchardTask
orchard_cross_validation_get_task (OrchardCrossValidation *self)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), 0);
  return self->task;
}

/**
 * orchard_cross_validation_get_labels:
 * @self: a cross-validation that has run
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the class
 *   labels in code order, %NULL for regression
 */
const char * const *
orchard_cross_validation_get_labels (OrchardCrossValidation *self)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), NULL);
  return self->labels != NULL ? (const char * const *) self->labels->pdata : NULL;
}

/**
 * orchard_cross_validation_get_table:
 * @self: a cross-validation that has run
 *
 * Returns: (transfer none) (nullable): the labelled rows the folds index,
 *   with the target role set
 */
OrchardTable *
orchard_cross_validation_get_table (OrchardCrossValidation *self)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), NULL);
  return self->table;
}

/**
 * orchard_cross_validation_get_n_folds:
 * @self: a cross-validation
 *
 * Returns: K, the folds of each repeat
 */
guint
orchard_cross_validation_get_n_folds (OrchardCrossValidation *self)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), 0);
  return self->n_folds;
}

/**
 * orchard_cross_validation_get_n_repeats:
 * @self: a cross-validation
 *
 * Returns: R, the repeats
 */
guint
orchard_cross_validation_get_n_repeats (OrchardCrossValidation *self)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), 0);
  return self->n_repeats;
}

/**
 * orchard_cross_validation_get_seed:
 * @self: a cross-validation
 *
 * Returns: the seed of the first repeat's folds
 */
guint64
orchard_cross_validation_get_seed (OrchardCrossValidation *self)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), 0);
  return self->seed;
}

/**
 * orchard_cross_validation_get_n_results:
 * @self: a cross-validation
 *
 * Returns: the number of folds run, K × R after a successful run
 */
guint
orchard_cross_validation_get_n_results (OrchardCrossValidation *self)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), 0);
  return self->results->len;
}

static FoldResult *
result_at (OrchardCrossValidation *self,
           guint                   index)
{
  g_return_val_if_fail (index < self->results->len, NULL);
  return &g_array_index (self->results, FoldResult, index);
}

/**
 * orchard_cross_validation_get_fold:
 * @self: a cross-validation that has run
 * @index: a result, below orchard_cross_validation_get_n_results()
 *
 * Returns: the fold of result @index, from 0; results are in repeat order,
 *   then fold order
 */
guint
orchard_cross_validation_get_fold (OrchardCrossValidation *self,
                                   guint                   index)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), 0);
  g_return_val_if_fail (index < self->results->len, 0);
  return result_at (self, index)->fold;
}

/**
 * orchard_cross_validation_get_repeat:
 * @self: a cross-validation that has run
 * @index: a result
 *
 * Returns: the repeat of result @index, from 0
 */
guint
orchard_cross_validation_get_repeat (OrchardCrossValidation *self,
                                     guint                   index)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), 0);
  g_return_val_if_fail (index < self->results->len, 0);
  return result_at (self, index)->repeat;
}

/**
 * orchard_cross_validation_get_train_rows:
 * @self: a cross-validation that has run
 * @index: a result
 * @n_rows: (out): how many
 *
 * Returns: (transfer none) (array length=n_rows): the training rows of the
 *   fold, indices into orchard_cross_validation_get_table(), increasing
 */
const gsize *
orchard_cross_validation_get_train_rows (OrchardCrossValidation *self,
                                         guint                   index,
                                         gsize                  *n_rows)
{
  FoldResult *result;

  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);
  g_return_val_if_fail (n_rows != NULL, NULL);

  result = result_at (self, index);
  *n_rows = result->n_train;
  return result->train;
}

/**
 * orchard_cross_validation_get_valid_rows:
 * @self: a cross-validation that has run
 * @index: a result
 * @n_rows: (out): how many
 *
 * Returns: (transfer none) (array length=n_rows): the validation rows of
 *   the fold, in the order of orchard_cross_validation_get_outputs()
 */
const gsize *
orchard_cross_validation_get_valid_rows (OrchardCrossValidation *self,
                                         guint                   index,
                                         gsize                  *n_rows)
{
  FoldResult *result;

  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);
  g_return_val_if_fail (n_rows != NULL, NULL);

  result = result_at (self, index);
  *n_rows = result->n_valid;
  return result->valid;
}

/**
 * orchard_cross_validation_get_metrics:
 * @self: a cross-validation that has run
 * @index: a result
 *
 * Returns: (transfer none): every metric on the fold's validation rows
 *   (binary ones at the threshold 0.5)
 */
OrchardMetrics *
orchard_cross_validation_get_metrics (OrchardCrossValidation *self,
                                      guint                   index)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);
  return result_at (self, index)->metrics;
}

/**
 * orchard_cross_validation_get_outputs:
 * @self: a cross-validation that has run
 * @index: a result
 *
 * Returns: (transfer none): the learner's outputs on the fold's validation
 *   rows (class probabilities, or the prediction): out-of-fold predictions
 */
OrchardMatrix *
orchard_cross_validation_get_outputs (OrchardCrossValidation *self,
                                      guint                   index)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);
  return result_at (self, index)->outputs;
}

/**
 * orchard_cross_validation_get_pipeline:
 * @self: a cross-validation that has run, keeping models
 * @index: a result
 *
 * Returns: (transfer none) (nullable): the pipeline fitted on the fold's
 *   training rows
 */
OrchardPipeline *
orchard_cross_validation_get_pipeline (OrchardCrossValidation *self,
                                       guint                   index)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);
  return result_at (self, index)->pipeline;
}

/**
 * orchard_cross_validation_get_model:
 * @self: a cross-validation that has run, keeping models
 * @index: a result
 *
 * Returns: (transfer none) (nullable): the learner fitted in the fold
 */
OrchardModel *
orchard_cross_validation_get_model (OrchardCrossValidation *self,
                                    guint                   index)
{
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);
  return result_at (self, index)->model;
}

static void
mean_std (const double *values,
          gsize         n,
          double       *mean,
          double       *std)
{
  double sum = 0, squares = 0;
  gsize count = 0;

  for (gsize i = 0; i < n; i++)
    if (!isnan (values[i]))
      {
        sum += values[i];
        count++;
      }
  if (count == 0)
    {
      *mean = NAN;
      *std = NAN;
      return;
    }
  *mean = sum / count;
  for (gsize i = 0; i < n; i++)
    if (!isnan (values[i]))
      squares += (values[i] - *mean) * (values[i] - *mean);
  *std = sqrt (squares / count);
}

/**
 * orchard_cross_validation_get_summary:
 * @self: a cross-validation that has run
 * @metric: a metric key of the task
 * @mean: (out) (optional): its mean over the folds where it is defined
 * @std: (out) (optional): its standard deviation there (ddof = 0)
 *
 * Returns: %FALSE when @metric is not a metric of the task or nothing ran;
 *   the values are NaN then, and when no fold defines the metric
 */
gboolean
orchard_cross_validation_get_summary (OrchardCrossValidation *self,
                                      const char             *metric,
                                      double                 *mean,
                                      double                 *std)
{
  g_autofree double *values = NULL;
  double m = NAN, s = NAN;
  gboolean known = FALSE;

  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), FALSE);
  g_return_val_if_fail (metric != NULL, FALSE);

  if (self->results->len > 0 &&
      orchard_metric_is_known ((OrchardMetricsTask) self->task, metric))
    {
      values = g_new (double, self->results->len);
      for (guint i = 0; i < self->results->len; i++)
        values[i] = orchard_metrics_get (result_at (self, i)->metrics, metric);
      mean_std (values, self->results->len, &m, &s);
      known = TRUE;
    }

  if (mean != NULL)
    *mean = m;
  if (std != NULL)
    *std = s;
  return known;
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
 * orchard_cross_validation_to_json:
 * @self: a cross-validation that has run
 *
 * The JSON of `orchard-cli cv --json`: `{"task", "folds": [{"fold",
 * "repeat", "rows", "train_rows", "metrics"}], "summary": {"<metric>":
 * {"mean", "std"}}}`, folds and repeats counted from 1, `rows` the fold's
 * validation rows and `metrics` as orchard_metrics_to_json().
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
orchard_cross_validation_to_json (OrchardCrossValidation *self)
{
  g_autoptr(JsonBuilder) b = NULL;
  const char * const *keys;

  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), NULL);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "task");
  json_builder_add_string_value (b, orchard_task_to_string (self->task));

  json_builder_set_member_name (b, "folds");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->results->len; i++)
    {
      FoldResult *result = result_at (self, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "fold");
      json_builder_add_int_value (b, result->fold + 1);
      json_builder_set_member_name (b, "repeat");
      json_builder_add_int_value (b, result->repeat + 1);
      json_builder_set_member_name (b, "rows");
      json_builder_add_int_value (b, result->n_valid);
      json_builder_set_member_name (b, "train_rows");
      json_builder_add_int_value (b, result->n_train);
      json_builder_set_member_name (b, "metrics");
      json_builder_add_value (b, orchard_metrics_to_json (result->metrics));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  keys = orchard_metrics_task_get_keys ((OrchardMetricsTask) self->task);
  for (guint k = 0; self->results->len > 0 && keys[k] != NULL; k++)
    {
      double mean, std;

      orchard_cross_validation_get_summary (self, keys[k], &mean, &std);
      json_builder_set_member_name (b, keys[k]);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "mean");
      add_number (b, mean);
      json_builder_set_member_name (b, "std");
      add_number (b, std);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * orchard_cross_validation_compare:
 * @a: a cross-validation that has run
 * @b: another one over the same rows with the same folds (same data,
 *   target, split, number of folds and repeats, and seed)
 * @metric: the metric to compare, a key of the task
 * @result: (out caller-allocates): the corrected resampled t-test of
 *   orchard_corrected_ttest(), with A better meaning a better @metric
 *   (a lower one for losses and errors)
 * @error: return location for a #GError
 *
 * n_train and n_test of the correction are the mean numbers of training
 * and validation rows of a fold.
 *
 * Returns: %FALSE with @error set when the folds differ, the metric is
 *   unknown or undefined on a fold, or fewer than two folds ran
 */
gboolean
orchard_cross_validation_compare (OrchardCrossValidation  *a,
                                  OrchardCrossValidation  *b,
                                  const char              *metric,
                                  OrchardCorrectedTTest   *result,
                                  GError                 **error)
{
  g_autofree double *scores_a = NULL;
  g_autofree double *scores_b = NULL;
  double sign, n_train = 0, n_valid = 0;
  guint n;

  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (a), FALSE);
  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (b), FALSE);
  g_return_val_if_fail (metric != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  n = a->results->len;
  if (n == 0 || n != b->results->len || a->task != b->task ||
      strcmp (orchard_table_get_hash (a->table), orchard_table_get_hash (b->table)) != 0)
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           _("The two cross-validations did not run on the same rows and folds"));
      return FALSE;
    }
  if (!orchard_metric_is_known ((OrchardMetricsTask) a->task, metric))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a %s metric"), metric, orchard_task_to_string (a->task));
      return FALSE;
    }

  sign = orchard_metric_higher_is_better (metric) ? 1.0 : -1.0;
  scores_a = g_new (double, n);
  scores_b = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      FoldResult *x = result_at (a, i);
      FoldResult *y = result_at (b, i);

      if (x->n_valid != y->n_valid || x->n_train != y->n_train ||
          memcmp (x->valid, y->valid, x->n_valid * sizeof (gsize)) != 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("Fold %u of repeat %u validates other rows in the two "
                         "cross-validations"), x->fold + 1, x->repeat + 1);
          return FALSE;
        }
      scores_a[i] = sign * orchard_metrics_get (x->metrics, metric);
      scores_b[i] = sign * orchard_metrics_get (y->metrics, metric);
      n_train += x->n_train;
      n_valid += x->n_valid;
    }

  return orchard_corrected_ttest (scores_a, scores_b, n, (gsize) round (n_train / n),
                                  (gsize) round (n_valid / n), result, error);
}

/* Learning curve against the training-set size ---------------------------- */

static int
compare_sizes (const void *a,
               const void *b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return (x > y) - (x < y);
}

/* The first ⌈fraction · n⌉ rows of a seeded shuffle of @train; for classes,
 * ⌈fraction · n_c⌉ of each class c, so that a small share keeps every
 * class the fold's training rows have. Increasing row order. */
static gsize *
subsample (OrchardCrossValidation *self,
           const gsize            *train,
           gsize                   n_train,
           double                  fraction,
           guint64                 stream,
           gsize                  *n_out)
{
  g_autofree gsize *order = g_memdup2 (train, n_train * sizeof (gsize));
  gsize *picked = g_new (gsize, MAX (n_train, 1));
  gsize n = 0;
  OrchardRng rng;

  orchard_rng_init_stream (&rng, self->seed, stream);
  orchard_rng_shuffle (&rng, order, n_train);

  if (self->task == ORCHARD_TASK_REGRESSION)
    {
      n = MIN ((gsize) ceil (fraction * n_train - 1e-9), n_train);
      memcpy (picked, order, n * sizeof (gsize));
    }
  else
    {
      OrchardColumn *target = orchard_table_get_column (self->table,
                                                        orchard_table_get_target (self->table));
      const guint32 *codes = orchard_column_get_codes (target);
      guint n_levels = orchard_column_get_n_levels (target);
      g_autofree gsize *count = g_new0 (gsize, MAX (n_levels, 1));
      g_autofree gsize *taken = g_new0 (gsize, MAX (n_levels, 1));

      for (gsize i = 0; i < n_train; i++)
        count[codes[order[i]]]++;
      for (gsize i = 0; i < n_train; i++)
        {
          guint32 c = codes[order[i]];

          if (taken[c] < (gsize) ceil (fraction * count[c] - 1e-9))
            {
              taken[c]++;
              picked[n++] = order[i];
            }
        }
    }

  qsort (picked, n, sizeof (gsize), compare_sizes);
  *n_out = n;
  return picked;
}

/**
 * orchard_cross_validation_size_curve:
 * @self: a cross-validation (it need not have run)
 * @metric: the metric to follow, a key of the task
 * @fractions: (array length=n_fractions) (nullable): shares of each fold's
 *   training rows, in (0, 1], or %NULL for 0.1, 0.2, … 1.0
 * @n_fractions: how many
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The learning curve against the training-set size: for every share and
 * every fold of every repeat, a fresh pipeline and learner are fitted on
 * that share of the fold's training rows (a seeded sample, stratified for
 * classes: ⌈share · n_c⌉ rows of each class c, stream 1000 + fold index of
 * the seed) and scored on those rows and on the fold's whole validation
 * rows. A curve whose validation score still rises at 100 % says more
 * data would help; a wide gap between the two says the learner overfits.
 *
 * Returns: (transfer full) (array length=n_fractions) (nullable): one
 *   point per share (ten with %NULL), or %NULL with @error set
 */
OrchardSizePoint *
orchard_cross_validation_size_curve (OrchardCrossValidation  *self,
                                     const char              *metric,
                                     const double            *fractions,
                                     guint                    n_fractions,
                                     OrchardProgress          progress,
                                     gpointer                 progress_data,
                                     GCancellable            *cancellable,
                                     GError                 **error)
{
  static const double tenths[] = { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 };
  g_autofree OrchardSizePoint *points = NULL;
  guint n_fits, total;

  g_return_val_if_fail (ORCHARD_IS_CROSS_VALIDATION (self), NULL);
  g_return_val_if_fail (metric != NULL, NULL);
  g_return_val_if_fail (fractions != NULL || n_fractions == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (fractions == NULL)
    {
      fractions = tenths;
      n_fractions = G_N_ELEMENTS (tenths);
    }
  for (guint i = 0; i < n_fractions; i++)
    if (!(fractions[i] > 0.0 && fractions[i] <= 1.0))
      {
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                     _("A share of the training rows must be above 0 and at most 1, not %g"),
                     fractions[i]);
        return NULL;
      }

  if (!prepare (self, error))
    return NULL;
  if (!orchard_metric_is_known ((OrchardMetricsTask) self->task, metric))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a %s metric"), metric, orchard_task_to_string (self->task));
      return NULL;
    }

  n_fits = self->n_folds * self->n_repeats;
  total = n_fits * n_fractions;
  points = g_new0 (OrchardSizePoint, MAX (n_fractions, 1));

  for (guint i = 0; i < n_fractions; i++)
    {
      g_autofree double *train_scores = g_new (double, n_fits);
      g_autofree double *valid_scores = g_new (double, n_fits);
      double rows = 0;

      for (guint j = 0; j < n_fits; j++)
        {
          OrchardFolds *folds = g_ptr_array_index (self->folds, j / self->n_folds);
          guint f = j % self->n_folds;
          g_autofree gsize *subset = NULL;
          g_autofree char *message = NULL;
          g_auto(Fit) fit = { 0 };
          OrchardProgressStage stage = { .progress = progress, .data = progress_data,
                                       .fixed_message = TRUE };
          const gsize *train, *valid;
          gsize n_train, n_valid, n_subset;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;

          message = g_strdup_printf (_("%.0f %% of the training rows, fold %u of %u"),
                                     100 * fractions[i], j + 1, n_fits);
          stage.start = (double) (i * n_fits + j) / total;
          stage.span = 1.0 / total;
          stage.message = message;
          if (progress != NULL)
            progress (stage.start, message, progress_data);

          train = orchard_folds_get_train (folds, f, &n_train);
          valid = orchard_folds_get_valid (folds, f, &n_valid);
          subset = subsample (self, train, n_train, fractions[i], 1000 + j, &n_subset);
          if (n_subset == 0 || n_valid == 0)
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                           _("It has no training or no validation rows"));
              fold_failed (error, f, j / self->n_folds, self->n_repeats);
              return NULL;
            }

          if (!fit_and_score (self, subset, n_subset, valid, n_valid, TRUE, &stage, &fit,
                              cancellable, error))
            {
              g_prefix_error (error, _("%.0f %% of the training rows: "), 100 * fractions[i]);
              fold_failed (error, f, j / self->n_folds, self->n_repeats);
              return NULL;
            }

          train_scores[j] = orchard_metrics_get (fit.train_metrics, metric);
          valid_scores[j] = orchard_metrics_get (fit.metrics, metric);
          rows += n_subset;
        }

      points[i].fraction = fractions[i];
      points[i].n_train = rows / n_fits;
      mean_std (train_scores, n_fits, &points[i].train_mean, &points[i].train_std);
      mean_std (valid_scores, n_fits, &points[i].valid_mean, &points[i].valid_std);
    }

  if (progress != NULL)
    progress (1.0, NULL, progress_data);

  return g_steal_pointer (&points);
}
