/* orchard-pipeline.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "orchard-balance-step.h"
#include "orchard-datetime-step.h"
#include "orchard-drop-columns-step.h"
#include "orchard-error.h"
#include "orchard-impute-categorical-step.h"
#include "orchard-impute-step.h"
#include "orchard-json.h"
#include "orchard-one-hot-step.h"
#include "orchard-ordinal-step.h"
#include "orchard-pipeline.h"
#include "orchard-prep-private.h"
#include "orchard-scale-step.h"

#define FORMAT_NAME    "orchard-pipeline"
#define FORMAT_VERSION 1

/**
 * OrchardPipeline:
 *
 * An ordered list of #OrchardStep (a #GListModel, so a list widget can show
 * it) and the final vectorisation of the features into an #OrchardMatrix.
 *
 * orchard_pipeline_fit() gives each step only the training rows, as the
 * previous steps left them, so nothing a step learns can depend on a
 * validation or test row. Every other table goes through
 * orchard_pipeline_transform(), row for row.
 *
 * A pipeline is written as a JSON spec (the steps and their options, see
 * `docs/pipeline-spec.md`) or, fitted parameters included, as a #GVariant.
 */

typedef struct
{
  char              *name;
  OrchardColumnKind  kind;
  OrchardColumnRole  role;
} Input;

struct _OrchardPipeline
{
  GObject       parent_instance;

  GPtrArray    *steps;      /* OrchardStep */
  GPtrArray    *notes;      /* char * */

  /* Fitted */
  gboolean      fitted;
  GArray       *inputs;     /* Input */
  char         *target;
  GPtrArray    *features;   /* char *: the matrix columns */
  GPtrArray    *sources;    /* char *: the input column of each */
  OrchardTable *training;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardPipeline, orchard_pipeline, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_ENUM_TYPE (OrchardModelFamily, orchard_model_family,
                    G_DEFINE_ENUM_VALUE (ORCHARD_MODEL_FAMILY_TREES, "trees"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_MODEL_FAMILY_LINEAR, "linear"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_MODEL_FAMILY_KNN, "knn"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_MODEL_FAMILY_NEURAL, "neural"))

enum {
  PROP_0,
  PROP_FITTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Model families ---------------------------------------------------------- */

/**
 * orchard_model_family_to_string:
 * @family: a model family
 *
 * Returns: "trees", "linear", "knn" or "neural"
 */
const char *
orchard_model_family_to_string (OrchardModelFamily family)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (ORCHARD_TYPE_MODEL_FAMILY);
  GEnumValue *value = g_enum_get_value (klass, family);

  g_return_val_if_fail (value != NULL, NULL);
  return value->value_nick;
}

/**
 * orchard_model_family_from_string:
 * @str: "trees", "linear", "knn" or "neural"
 * @family: (out): the family
 *
 * Returns: %TRUE when @str names a family
 */
gboolean
orchard_model_family_from_string (const char         *str,
                                  OrchardModelFamily *family)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  g_return_val_if_fail (str != NULL, FALSE);

  klass = g_type_class_ref (ORCHARD_TYPE_MODEL_FAMILY);
  value = g_enum_get_value_by_nick (klass, str);
  if (value == NULL)
    return FALSE;

  *family = value->value;
  return TRUE;
}

/* GListModel -------------------------------------------------------------- */

static GType
orchard_pipeline_get_item_type (GListModel *model)
{
  return ORCHARD_TYPE_STEP;
}

static guint
orchard_pipeline_get_n_items (GListModel *model)
{
  return ORCHARD_PIPELINE (model)->steps->len;
}

static gpointer
orchard_pipeline_get_item (GListModel *model,
                           guint       position)
{
  OrchardPipeline *self = ORCHARD_PIPELINE (model);

  if (position >= self->steps->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->steps, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = orchard_pipeline_get_item_type;
  iface->get_n_items = orchard_pipeline_get_n_items;
  iface->get_item = orchard_pipeline_get_item;
}

/* Object ------------------------------------------------------------------ */

static void
input_clear (Input *input)
{
  g_free (input->name);
}

static void
clear_fit (OrchardPipeline *self)
{
  gboolean was_fitted = self->fitted;

  self->fitted = FALSE;
  g_array_set_size (self->inputs, 0);
  g_clear_pointer (&self->target, g_free);
  g_ptr_array_set_size (self->features, 0);
  g_ptr_array_set_size (self->sources, 0);
  g_clear_object (&self->training);

  if (was_fitted)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FITTED]);
}

static void
orchard_pipeline_finalize (GObject *object)
{
  OrchardPipeline *self = (OrchardPipeline *)object;

  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->inputs, g_array_unref);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->features, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_object (&self->training);

  G_OBJECT_CLASS (orchard_pipeline_parent_class)->finalize (object);
}

static void
orchard_pipeline_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OrchardPipeline *self = ORCHARD_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_FITTED:
      g_value_set_boolean (value, orchard_pipeline_is_fitted (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_pipeline_class_init (OrchardPipelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_pipeline_finalize;
  object_class->get_property = orchard_pipeline_get_property;

  /**
   * OrchardPipeline:fitted:
   *
   * Whether the pipeline was fitted and no step has been added, removed,
   * moved or changed since.
   */
  properties[PROP_FITTED] =
    g_param_spec_boolean ("fitted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_pipeline_init (OrchardPipeline *self)
{
  self->steps = g_ptr_array_new_with_free_func (g_object_unref);
  self->notes = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->inputs = g_array_new (FALSE, FALSE, sizeof (Input));
  g_array_set_clear_func (self->inputs, (GDestroyNotify) input_clear);
  self->features = g_ptr_array_new_with_free_func (g_free);
  self->sources = g_ptr_array_new_with_free_func (g_free);
}

/**
 * orchard_pipeline_new:
 *
 * Returns: (transfer full): an empty pipeline
 */
OrchardPipeline *
orchard_pipeline_new (void)
{
  return g_object_new (ORCHARD_TYPE_PIPELINE, NULL);
}

/* Steps ------------------------------------------------------------------- */

guint
orchard_pipeline_get_n_steps (OrchardPipeline *self)
{
  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), 0);
  return self->steps->len;
}

/**
 * orchard_pipeline_get_step:
 * @self: a pipeline
 * @position: a step index
 *
 * Returns: (transfer none): the step at @position
 */
OrchardStep *
orchard_pipeline_get_step (OrchardPipeline *self,
                           guint            position)
{
  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), NULL);
  g_return_val_if_fail (position < self->steps->len, NULL);

  return g_ptr_array_index (self->steps, position);
}

static void
on_step_changed (OrchardPipeline *self)
{
  /* An option of a step changed: what was fitted no longer holds. */
  if (self->fitted)
    clear_fit (self);
}

/**
 * orchard_pipeline_insert:
 * @self: a pipeline
 * @position: where, at most the number of steps
 * @step: (transfer none): the step
 *
 * Inserts @step; the pipeline is no longer fitted.
 */
void
orchard_pipeline_insert (OrchardPipeline *self,
                         guint            position,
                         OrchardStep     *step)
{
  g_return_if_fail (ORCHARD_IS_PIPELINE (self));
  g_return_if_fail (ORCHARD_IS_STEP (step));
  g_return_if_fail (position <= self->steps->len);

  clear_fit (self);
  g_ptr_array_insert (self->steps, position, g_object_ref (step));
  g_signal_connect_object (step, "notify", G_CALLBACK (on_step_changed), self,
                           G_CONNECT_SWAPPED);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

/**
 * orchard_pipeline_append:
 * @self: a pipeline
 * @step: (transfer none): the step
 *
 * Adds @step at the end; the pipeline is no longer fitted.
 */
void
orchard_pipeline_append (OrchardPipeline *self,
                         OrchardStep     *step)
{
  g_return_if_fail (ORCHARD_IS_PIPELINE (self));

  orchard_pipeline_insert (self, self->steps->len, step);
}

/**
 * orchard_pipeline_remove:
 * @self: a pipeline
 * @position: the position of a step
 *
 * Removes a step; the pipeline is no longer fitted.
 */
void
orchard_pipeline_remove (OrchardPipeline *self,
                         guint            position)
{
  g_return_if_fail (ORCHARD_IS_PIPELINE (self));
  g_return_if_fail (position < self->steps->len);

  clear_fit (self);
  g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->steps, position),
                                        on_step_changed, self);
  g_ptr_array_remove_index (self->steps, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

/**
 * orchard_pipeline_move:
 * @self: a pipeline
 * @from: the position of a step
 * @to: its new position
 *
 * Moves a step; the pipeline is no longer fitted.
 */
void
orchard_pipeline_move (OrchardPipeline *self,
                       guint            from,
                       guint            to)
{
  OrchardStep *step;

  g_return_if_fail (ORCHARD_IS_PIPELINE (self));
  g_return_if_fail (from < self->steps->len && to < self->steps->len);

  if (from == to)
    return;

  clear_fit (self);
  step = g_ptr_array_steal_index (self->steps, from);
  g_ptr_array_insert (self->steps, to, step);
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (from, to),
                              MAX (from, to) - MIN (from, to) + 1,
                              MAX (from, to) - MIN (from, to) + 1);
}

/**
 * orchard_pipeline_get_notes:
 * @self: a pipeline
 *
 * Returns: (array zero-terminated=1) (transfer none): what built the
 *   pipeline decided and why ("Dropped “id”: …"), one sentence each
 */
const char * const *
orchard_pipeline_get_notes (OrchardPipeline *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), NULL);

  /* A null-terminated GPtrArray allocates its terminator only with its
   * first element. */
  return self->notes->len > 0 ? (const char * const *) self->notes->pdata : none;
}

/**
 * orchard_pipeline_add_note:
 * @self: a pipeline
 * @note: one sentence on a choice made for the pipeline
 *
 * Adds to the notes that travel with the pipeline and its spec.
 */
void
orchard_pipeline_add_note (OrchardPipeline *self,
                           const char      *note)
{
  g_return_if_fail (ORCHARD_IS_PIPELINE (self));
  g_return_if_fail (note != NULL);

  g_ptr_array_add (self->notes, g_strdup (note));
}

static guint
n_notes (OrchardPipeline *self)
{
  return self->notes->len;
}

/* Fitting ----------------------------------------------------------------- */

/* Features and the input columns they came from, as the last step left
 * them: every numeric feature column, in order. */
static gboolean
find_features (OrchardPipeline  *self,
               OrchardTable     *last,
               GError          **error)
{
  for (guint c = 0; c < orchard_table_get_n_columns (last); c++)
    {
      OrchardColumn *column = orchard_table_get_column (last, c);
      const char *name = orchard_column_get_name (column);
      const char *source = name;

      if (orchard_table_get_role (last, c) != ORCHARD_COLUMN_ROLE_FEATURE)
        continue;

      switch (orchard_column_get_kind (column))
        {
        case ORCHARD_COLUMN_KIND_NUMERIC:
          break;

        case ORCHARD_COLUMN_KIND_CATEGORICAL:
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "After the last step, feature “%s” is still categorical; add an "
                       "encoding step (one-hot, ordinal or target-encode) or drop it", name);
          return FALSE;

        case ORCHARD_COLUMN_KIND_DATETIME:
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "After the last step, feature “%s” is still a date; add a datetime "
                       "step or drop it", name);
          return FALSE;

        case ORCHARD_COLUMN_KIND_TEXT:
        default:
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "After the last step, feature “%s” is free text, which no model can "
                       "use; drop it", name);
          return FALSE;
        }

      for (guint s = self->steps->len; s > 0; s--)
        source = orchard_step_get_source (g_ptr_array_index (self->steps, s - 1), source);

      g_ptr_array_add (self->features, g_strdup (name));
      g_ptr_array_add (self->sources, g_strdup (source));
    }

  return TRUE;
}

/**
 * orchard_pipeline_fit:
 * @self: a pipeline
 * @table: the data, target role set
 * @train_rows: (array length=n_train): the training rows of @table
 * @n_train: how many
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fits every step in order on the training rows, and only on them: the
 * first step sees @train_rows of @table (with level lists reduced to the
 * levels those rows hold), each next step what the previous one returned.
 * Changing any other row of @table cannot change a fitted parameter.
 *
 * Returns: %TRUE on success
 */
gboolean
orchard_pipeline_fit (OrchardPipeline  *self,
                      OrchardTable     *table,
                      const gsize      *train_rows,
                      gsize             n_train,
                      OrchardProgress   progress,
                      gpointer          progress_data,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autoptr(OrchardTable) current = NULL;
  gsize n_rows;
  int target;

  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), FALSE);
  g_return_val_if_fail (ORCHARD_IS_TABLE (table), FALSE);
  g_return_val_if_fail (train_rows != NULL || n_train == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clear_fit (self);

  n_rows = orchard_table_get_n_rows (table);
  if (n_train == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                   "There are no training rows to fit the pipeline on");
      return FALSE;
    }
  for (gsize i = 0; i < n_train; i++)
    if (train_rows[i] >= n_rows)
      {
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                     "Training row %" G_GSIZE_FORMAT " is beyond the %" G_GSIZE_FORMAT
                     " rows of the data", train_rows[i], n_rows);
        return FALSE;
      }

  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);
      Input input = {
        g_strdup (orchard_column_get_name (column)),
        orchard_column_get_kind (column),
        orchard_table_get_role (table, c),
      };

      g_array_append_val (self->inputs, input);
    }
  target = orchard_table_get_target (table);
  if (target >= 0)
    self->target = g_strdup (orchard_column_get_name (orchard_table_get_column (table, target)));

  current = prep_table_select_rows (table, train_rows, n_train);

  for (guint s = 0; s < self->steps->len; s++)
    {
      OrchardStep *step = g_ptr_array_index (self->steps, s);
      OrchardTable *next;

      if (progress != NULL)
        {
          g_autofree char *what = orchard_step_describe (step);
          progress ((double) s / self->steps->len, what, progress_data);
        }

      next = orchard_step_fit (step, current, cancellable, error);
      if (next == NULL)
        {
          g_prefix_error (error, "Pipeline step %u of %u: ", s + 1, self->steps->len);
          clear_fit (self);
          return FALSE;
        }

      g_object_unref (current);
      current = next;
    }

  if (!find_features (self, current, error))
    {
      clear_fit (self);
      return FALSE;
    }

  self->training = g_steal_pointer (&current);
  self->fitted = TRUE;

  if (progress != NULL)
    progress (1.0, NULL, progress_data);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FITTED]);
  return TRUE;
}

/**
 * orchard_pipeline_is_fitted:
 * @self: a pipeline
 *
 * Returns: whether the pipeline and every step are fitted
 */
gboolean
orchard_pipeline_is_fitted (OrchardPipeline *self)
{
  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), FALSE);

  if (!self->fitted)
    return FALSE;

  for (guint s = 0; s < self->steps->len; s++)
    if (!orchard_step_is_fitted (g_ptr_array_index (self->steps, s)))
      return FALSE;

  return TRUE;
}

static gboolean
check_fitted (OrchardPipeline  *self,
              GError          **error)
{
  if (orchard_pipeline_is_fitted (self))
    return TRUE;

  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
               "The pipeline is not fitted, or a step changed since it was");
  return FALSE;
}

static gboolean
is_source (OrchardPipeline *self,
           const char      *name)
{
  for (guint f = 0; f < self->sources->len; f++)
    if (strcmp (g_ptr_array_index (self->sources, f), name) == 0)
      return TRUE;

  return FALSE;
}

/* @table with the columns the pipeline was fitted on, in that order and
 * with those roles. The inputs of features must be there; the rest (the
 * target of new data, an identifier the pipeline drops) may be missing, and
 * a step that needs one after all says which. */
static OrchardTable *
conform (OrchardPipeline  *self,
         OrchardTable     *table,
         GError          **error)
{
  g_autoptr(PrepTableBuilder) builder = prep_table_builder_new ();

  for (guint i = 0; i < self->inputs->len; i++)
    {
      const Input *input = &g_array_index (self->inputs, Input, i);
      int index = orchard_table_find_column (table, input->name);
      OrchardColumn *column;

      if (index < 0)
        {
          if (input->role != ORCHARD_COLUMN_ROLE_FEATURE || !is_source (self, input->name))
            continue;

          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "The data has no column “%s”, which the pipeline was fitted with",
                       input->name);
          return NULL;
        }

      column = orchard_table_get_column (table, index);
      if (orchard_column_get_kind (column) != input->kind)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Column “%s” is %s, but the pipeline was fitted with it %s",
                       input->name,
                       orchard_column_kind_to_string (orchard_column_get_kind (column)),
                       orchard_column_kind_to_string (input->kind));
          return NULL;
        }

      prep_table_builder_add (builder, orchard_column_ref (column), input->role);
    }

  return prep_table_builder_finish (builder, error);
}

/**
 * orchard_pipeline_transform_table:
 * @self: a fitted pipeline
 * @table: data with the columns the pipeline was fitted with
 * @error: return location for a #GError
 *
 * Applies every fitted step to every row of @table. Columns the pipeline
 * was not fitted with are left out; the target, and columns no feature
 * comes from (an identifier the pipeline drops), may be absent.
 *
 * Returns: (transfer full) (nullable): the transformed table, or %NULL
 */
OrchardTable *
orchard_pipeline_transform_table (OrchardPipeline  *self,
                                  OrchardTable     *table,
                                  GError          **error)
{
  g_autoptr(OrchardTable) current = NULL;

  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), NULL);
  g_return_val_if_fail (ORCHARD_IS_TABLE (table), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_fitted (self, error))
    return NULL;

  current = conform (self, table, error);
  if (current == NULL)
    return NULL;

  for (guint s = 0; s < self->steps->len; s++)
    {
      OrchardStep *step = g_ptr_array_index (self->steps, s);
      OrchardTable *next = orchard_step_transform (step, current, error);

      if (next == NULL)
        {
          g_prefix_error (error, "Pipeline step %u of %u: ", s + 1, self->steps->len);
          return NULL;
        }

      g_object_unref (current);
      current = next;
    }

  return g_steal_pointer (&current);
}

/**
 * orchard_pipeline_vectorise:
 * @self: a fitted pipeline
 * @transformed: a table the pipeline transformed (or its training table)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the features of @transformed as a
 *   matrix whose columns are named and traced to their input columns (the
 *   source index is the column's index in the table the pipeline was
 *   fitted on)
 */
OrchardMatrix *
orchard_pipeline_vectorise (OrchardPipeline  *self,
                            OrchardTable     *transformed,
                            GError          **error)
{
  g_autoptr(OrchardMatrix) matrix = NULL;
  gsize n_rows;
  guint n_cols;
  double *data;

  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), NULL);
  g_return_val_if_fail (ORCHARD_IS_TABLE (transformed), NULL);

  if (!check_fitted (self, error))
    return NULL;

  n_rows = orchard_table_get_n_rows (transformed);
  n_cols = self->features->len;
  matrix = orchard_matrix_new (n_rows, n_cols);
  data = orchard_matrix_get_data (matrix);

  for (guint f = 0; f < n_cols; f++)
    {
      const char *name = g_ptr_array_index (self->features, f);
      const char *source = g_ptr_array_index (self->sources, f);
      int index = orchard_table_find_column (transformed, name);
      int source_index = -1;
      OrchardColumn *column;
      const double *values;

      if (index < 0 ||
          orchard_column_get_kind (orchard_table_get_column (transformed, index)) !=
          ORCHARD_COLUMN_KIND_NUMERIC)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "The transformed data lacks the numeric feature “%s”", name);
          return NULL;
        }

      column = orchard_table_get_column (transformed, index);
      values = orchard_column_get_values (column);
      for (gsize r = 0; r < n_rows; r++)
        data[r * n_cols + f] = values[r];

      for (guint i = 0; i < self->inputs->len; i++)
        if (strcmp (g_array_index (self->inputs, Input, i).name, source) == 0)
          source_index = (int) i;
      orchard_matrix_set_feature (matrix, f, name, source, source_index);
    }

  return g_steal_pointer (&matrix);
}

/**
 * orchard_pipeline_transform:
 * @self: a fitted pipeline
 * @table: data with the columns the pipeline was fitted with
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the features of every row of
 *   @table, transformed and vectorised
 */
OrchardMatrix *
orchard_pipeline_transform (OrchardPipeline  *self,
                            OrchardTable     *table,
                            GError          **error)
{
  g_autoptr(OrchardTable) transformed = orchard_pipeline_transform_table (self, table, error);

  if (transformed == NULL)
    return NULL;

  return orchard_pipeline_vectorise (self, transformed, error);
}

/**
 * orchard_pipeline_get_training_table:
 * @self: a pipeline fitted in this process
 *
 * The training rows as the last step returned them: what a model must be
 * trained on. It can differ from transforming the training rows: duplicate
 * and outlying rows may be gone, oversampled copies added, target
 * encodings computed out of fold.
 *
 * Returns: (transfer none) (nullable): the table, or %NULL when the
 *   pipeline was not fitted here (a loaded one)
 */
OrchardTable *
orchard_pipeline_get_training_table (OrchardPipeline *self)
{
  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), NULL);

  return orchard_pipeline_is_fitted (self) ? self->training : NULL;
}

/**
 * orchard_pipeline_get_target:
 * @self: a fitted pipeline
 *
 * Returns: (nullable): the target column it was fitted with
 */
const char *
orchard_pipeline_get_target (OrchardPipeline *self)
{
  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), NULL);
  return self->target;
}

/**
 * orchard_pipeline_get_n_features:
 * @self: a pipeline
 *
 * Returns: the number of matrix columns, 0 when not fitted
 */
guint
orchard_pipeline_get_n_features (OrchardPipeline *self)
{
  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), 0);
  return self->fitted ? self->features->len : 0;
}

/**
 * orchard_pipeline_get_feature_name:
 * @self: a fitted pipeline
 * @index: a feature index
 *
 * Returns: the name of matrix column @index, e.g. "island=Dream"
 */
const char *
orchard_pipeline_get_feature_name (OrchardPipeline *self,
                                   guint            index)
{
  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), NULL);
  g_return_val_if_fail (index < orchard_pipeline_get_n_features (self), NULL);

  return g_ptr_array_index (self->features, index);
}

/**
 * orchard_pipeline_get_feature_source:
 * @self: a fitted pipeline
 * @index: a feature index
 *
 * Returns: the input column that feature @index was derived from
 */
const char *
orchard_pipeline_get_feature_source (OrchardPipeline *self,
                                     guint            index)
{
  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), NULL);
  g_return_val_if_fail (index < orchard_pipeline_get_n_features (self), NULL);

  return g_ptr_array_index (self->sources, index);
}

/**
 * orchard_pipeline_get_class_weight:
 * @self: a fitted pipeline
 * @label: a class of the target
 *
 * The weight a model that accepts weights should give each training row of
 * class @label, as the pipeline's fitted class-weight steps (#OrchardBalanceStep)
 * decided.
 *
 * Returns: the weight; 1 without such a step or for a class unseen in training
 */
double
orchard_pipeline_get_class_weight (OrchardPipeline *self,
                                   const char      *label)
{
  double weight = 1.0;

  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), 1.0);
  g_return_val_if_fail (label != NULL, 1.0);

  for (guint s = 0; s < self->steps->len; s++)
    {
      OrchardStep *step = g_ptr_array_index (self->steps, s);

      if (ORCHARD_IS_BALANCE_STEP (step) && orchard_step_is_fitted (step))
        weight *= orchard_balance_step_get_class_weight (ORCHARD_BALANCE_STEP (step), label);
    }

  return weight;
}

/* Automatic pipelines ----------------------------------------------------- */

static void
append_new (OrchardPipeline *self,
            OrchardStep     *step)
{
  orchard_pipeline_append (self, step);
  g_object_unref (step);
}

/**
 * orchard_pipeline_new_auto:
 * @profile: the profile of the training rows, computed with the target
 * @family: the kind of model that will learn from the matrix
 *
 * Builds the pipeline a careful analyst would start from: columns that
 * look like identifiers, are constant or hold free text are dropped (each
 * with a note saying why), dates become calendar features, missing numbers
 * get the median and missing categories the most frequent level; then for
 * trees categories become ordinal codes, for every other family numbers are
 * standardised and categories one-hot encoded.
 *
 * Profile the training rows rather than all rows, so that not even these
 * choices depend on test rows.
 *
 * Returns: (transfer full): a new, unfitted pipeline
 */
OrchardPipeline *
orchard_pipeline_new_auto (OrchardProfile     *profile,
                           OrchardModelFamily  family)
{
  g_autoptr(OrchardPipeline) self = orchard_pipeline_new ();
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);
  gboolean has_numeric = FALSE;
  gboolean has_categorical = FALSE;
  gboolean has_datetime = FALSE;
  gsize missing_numbers = 0;
  gsize missing_categories = 0;

  g_return_val_if_fail (ORCHARD_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (family <= ORCHARD_MODEL_FAMILY_NEURAL, NULL);

  for (guint c = 0; c < orchard_profile_get_n_columns (profile); c++)
    {
      const OrchardColumnProfile *column = orchard_profile_get_column (profile, c);
      g_autofree char *note = NULL;

      if (column->role != ORCHARD_COLUMN_ROLE_FEATURE)
        continue;

      if (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_ID_LIKE, column->name))
        note = g_strdup_printf (_("Dropped “%s”: it looks like a row identifier (%lu distinct "
                                  "values), which cannot generalise to new rows"),
                                column->name, (gulong) column->unique);
      else if (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_CONSTANT,
                                            column->name))
        note = g_strdup_printf (_("Dropped “%s”: it holds at most one value, so it carries "
                                  "no information"), column->name);
      else if (column->kind == ORCHARD_COLUMN_KIND_TEXT)
        note = g_strdup_printf (_("Dropped “%s”: it is free text, which no step encodes"),
                                column->name);

      if (note != NULL)
        {
          g_ptr_array_add (dropped, g_strdup (column->name));
          orchard_pipeline_add_note (self, note);
          continue;
        }

      switch (column->kind)
        {
        case ORCHARD_COLUMN_KIND_NUMERIC:
          has_numeric = TRUE;
          missing_numbers += column->missing;
          break;
        case ORCHARD_COLUMN_KIND_CATEGORICAL:
          has_categorical = TRUE;
          missing_categories += column->missing;
          break;
        case ORCHARD_COLUMN_KIND_DATETIME:
          has_datetime = TRUE;
          break;
        case ORCHARD_COLUMN_KIND_TEXT:
        default:
          g_assert_not_reached ();
        }
    }

  if (dropped->len > 0)
    {
      g_ptr_array_add (dropped, NULL);
      append_new (self, orchard_drop_columns_step_new ((const char * const *) dropped->pdata));
    }

  if (has_datetime)
    {
      append_new (self, orchard_datetime_step_new (ORCHARD_DATETIME_ALL));
      orchard_pipeline_add_note (self, _("Dates become year, month, day of week, day of year, "
                                         "hour and days elapsed"));
      has_numeric = TRUE;
    }

  /* Imputers stay even without missing training values: new data may
   * have them. */
  if (has_numeric)
    {
      g_autofree char *note =
        g_strdup_printf (_("Missing numbers (%lu in the profiled rows) get the training median"),
                         (gulong) missing_numbers);

      append_new (self, orchard_impute_step_new (ORCHARD_IMPUTE_MEDIAN));
      orchard_pipeline_add_note (self, note);
    }

  if (has_categorical)
    {
      g_autofree char *note =
        g_strdup_printf (_("Missing categories (%lu in the profiled rows) get the most "
                           "frequent training level"),
                         (gulong) missing_categories);

      append_new (self,
                  orchard_impute_categorical_step_new (ORCHARD_IMPUTE_CATEGORICAL_MOST_FREQUENT));
      orchard_pipeline_add_note (self, note);
    }

  if (family == ORCHARD_MODEL_FAMILY_TREES)
    {
      if (has_categorical)
        {
          append_new (self, orchard_ordinal_step_new ());
          orchard_pipeline_add_note (self, _("Trees split on ordinal codes of categories; "
                                             "numbers are not scaled"));
        }
      else
        orchard_pipeline_add_note (self, _("Trees need no scaling; numbers pass unchanged"));
    }
  else
    {
      if (has_numeric)
        {
          static const char * const sensitive[] = {
            NULL,
            N_("Numbers are standardised, because linear models are sensitive to scale"),
            N_("Numbers are standardised, because nearest-neighbour distances are sensitive "
               "to scale"),
            N_("Numbers are standardised, because neural networks train poorly on unscaled "
               "inputs"),
          };
          const char *note = _(sensitive[family]);

          append_new (self, orchard_scale_step_new (ORCHARD_SCALE_STANDARD));
          orchard_pipeline_add_note (self, note);
        }
      if (has_categorical)
        {
          append_new (self, orchard_one_hot_step_new ());
          orchard_pipeline_add_note (self, _("Categories are one-hot encoded, at most 20 levels "
                                             "each; rarer and unseen levels share “(other)”"));
        }
    }

  return g_steal_pointer (&self);
}

/* Serialisation ----------------------------------------------------------- */

/**
 * orchard_pipeline_to_json:
 * @self: a pipeline
 *
 * The pipeline spec: `{"format": "orchard-pipeline", "version": 1,
 * "notes": […], "steps": […]}`, documented in `docs/pipeline-spec.md`.
 * Fitted parameters are not part of it.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
orchard_pipeline_to_json (OrchardPipeline *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint notes;

  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), NULL);

  notes = n_notes (self);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);

  if (notes > 0)
    {
      json_builder_set_member_name (builder, "notes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < notes; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (self->notes, i));
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint s = 0; s < self->steps->len; s++)
    json_builder_add_value (builder, orchard_step_to_json (g_ptr_array_index (self->steps, s)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * orchard_pipeline_to_spec:
 * @self: a pipeline
 *
 * Returns: (transfer full): the pipeline spec as indented JSON text
 */
char *
orchard_pipeline_to_spec (OrchardPipeline *self)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), NULL);

  root = orchard_pipeline_to_json (self);
  return orchard_json_to_string (root, TRUE);
}

/**
 * orchard_pipeline_new_from_json:
 * @root: a pipeline spec
 * @where: how to name the spec in messages, e.g. its file name
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): an unfitted pipeline, or %NULL with
 *   an error that says where in the spec and what is wrong
 */
OrchardPipeline *
orchard_pipeline_new_from_json (JsonNode    *root,
                                const char  *where,
                                GError     **error)
{
  g_autoptr(OrchardPipeline) self = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *steps;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (where != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "%s: a pipeline spec is a JSON object with a \"steps\" list", where);
      return NULL;
    }

  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);

      if (strcmp (name, "format") == 0)
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING ||
              strcmp (json_node_get_string (value), FORMAT_NAME) != 0)
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "%s: \"format\" must be \"%s\"", where, FORMAT_NAME);
              return NULL;
            }
        }
      else if (strcmp (name, "version") == 0)
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64 ||
              json_node_get_int (value) != FORMAT_VERSION)
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                           "%s: this version of Orchard reads pipeline specs of version %d",
                           where, FORMAT_VERSION);
              return NULL;
            }
        }
      else if (strcmp (name, "notes") != 0 && strcmp (name, "steps") != 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "%s: unknown member \"%s\"; a pipeline spec has \"steps\" and may have "
                       "\"format\", \"version\" and \"notes\"", where, name);
          return NULL;
        }
    }

  self = orchard_pipeline_new ();

  if (json_object_has_member (object, "notes"))
    {
      JsonNode *notes = json_object_get_member (object, "notes");
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (notes) ? json_node_get_array (notes) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *note = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (note) || json_node_get_value_type (note) != G_TYPE_STRING)
            {
              array = NULL;
              break;
            }
          orchard_pipeline_add_note (self, json_node_get_string (note));
        }

      if (array == NULL)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "%s: \"notes\" must be a list of strings", where);
          return NULL;
        }
    }

  steps = json_object_get_member (object, "steps");
  if (steps == NULL || !JSON_NODE_HOLDS_ARRAY (steps))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "%s: a pipeline spec needs a \"steps\" list", where);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (steps)); i++)
    {
      g_autofree char *here = g_strdup_printf ("%s: steps[%u]", where, i);
      g_autoptr(OrchardStep) step =
        orchard_step_new_from_json (json_array_get_element (json_node_get_array (steps), i),
                                    here, error);

      if (step == NULL)
        return NULL;
      orchard_pipeline_append (self, step);
    }

  return g_steal_pointer (&self);
}

/**
 * orchard_pipeline_new_from_file:
 * @file: a pipeline spec (JSON)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): an unfitted pipeline, or %NULL with
 *   an error naming the file and, for a syntax error, line and column
 */
OrchardPipeline *
orchard_pipeline_new_from_file (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      /* json-glib calls data it did not read from a file "<data>". */
      const char *message = local_error->message;

      if (g_str_has_prefix (message, "<data>:"))
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE, "%s:%s", name,
                     message + strlen ("<data>:"));
      else
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE, "%s: %s", name, message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY, "%s: the file is empty", name);
      return NULL;
    }

  return orchard_pipeline_new_from_json (json_parser_get_root (parser), name, error);
}

/**
 * orchard_pipeline_to_variant:
 * @self: a pipeline
 *
 * Serialises the pipeline, fitted parameters included, as an `a{sv}`
 * with "format", "version", "steps", "notes", "fitted" and, when fitted,
 * "inputs" (name, kind, role of each input column), "target" and
 * "features" (name and source of each matrix column).
 *
 * Returns: (transfer full): a non-floating variant
 */
GVariant *
orchard_pipeline_to_variant (OrchardPipeline *self)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder steps;
  GVariantBuilder notes;
  gboolean fitted;

  g_return_val_if_fail (ORCHARD_IS_PIPELINE (self), NULL);

  fitted = orchard_pipeline_is_fitted (self);
  g_variant_dict_insert (&dict, "format", "s", FORMAT_NAME);
  g_variant_dict_insert (&dict, "version", "u", FORMAT_VERSION);

  g_variant_builder_init (&steps, G_VARIANT_TYPE ("a(sa{sv}ma{sv})"));
  for (guint s = 0; s < self->steps->len; s++)
    {
      g_autoptr(GVariant) step = orchard_step_to_variant (g_ptr_array_index (self->steps, s));
      g_variant_builder_add_value (&steps, step);
    }
  g_variant_dict_insert_value (&dict, "steps", g_variant_builder_end (&steps));

  g_variant_builder_init (&notes, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < n_notes (self); i++)
    g_variant_builder_add (&notes, "s", g_ptr_array_index (self->notes, i));
  g_variant_dict_insert_value (&dict, "notes", g_variant_builder_end (&notes));
  g_variant_dict_insert (&dict, "fitted", "b", fitted);

  if (fitted)
    {
      GVariantBuilder inputs;
      GVariantBuilder features;

      g_variant_builder_init (&inputs, G_VARIANT_TYPE ("a(sss)"));
      for (guint i = 0; i < self->inputs->len; i++)
        {
          const Input *input = &g_array_index (self->inputs, Input, i);

          g_variant_builder_add (&inputs, "(sss)", input->name,
                                 orchard_column_kind_to_string (input->kind),
                                 orchard_column_role_to_string (input->role));
        }
      g_variant_dict_insert_value (&dict, "inputs", g_variant_builder_end (&inputs));
      g_variant_dict_insert (&dict, "target", "s", self->target != NULL ? self->target : "");

      g_variant_builder_init (&features, G_VARIANT_TYPE ("a(ss)"));
      for (guint f = 0; f < self->features->len; f++)
        g_variant_builder_add (&features, "(ss)", g_ptr_array_index (self->features, f),
                               g_ptr_array_index (self->sources, f));
      g_variant_dict_insert_value (&dict, "features", g_variant_builder_end (&features));
    }

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
damaged (const char  *what,
         GError     **error)
{
  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE, "The saved pipeline is damaged: %s",
               what);
  return FALSE;
}

/**
 * orchard_pipeline_new_from_variant:
 * @variant: what orchard_pipeline_to_variant() returned
 * @error: return location for a #GError
 *
 * Rebuilds a pipeline, fitted if it was saved fitted. Every part is
 * checked: a damaged or hostile variant gives an error, never a crash.
 *
 * Returns: (transfer full) (nullable): the pipeline, or %NULL
 */
OrchardPipeline *
orchard_pipeline_new_from_variant (GVariant  *variant,
                                   GError   **error)
{
  g_autoptr(OrchardPipeline) self = NULL;
  g_autoptr(GVariant) steps = NULL;
  g_autoptr(GVariant) notes = NULL;
  const char *format;
  guint32 version;
  gboolean fitted;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT) ||
      !g_variant_lookup (variant, "format", "&s", &format) ||
      strcmp (format, FORMAT_NAME) != 0)
    {
      damaged ("it is not a pipeline", error);
      return NULL;
    }

  if (!g_variant_lookup (variant, "version", "u", &version) || version != FORMAT_VERSION)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                   "The saved pipeline has format version %u; this version of Orchard reads %d",
                   version, FORMAT_VERSION);
      return NULL;
    }

  steps = g_variant_lookup_value (variant, "steps", G_VARIANT_TYPE ("a(sa{sv}ma{sv})"));
  notes = g_variant_lookup_value (variant, "notes", G_VARIANT_TYPE_STRING_ARRAY);
  if (steps == NULL || notes == NULL || !g_variant_lookup (variant, "fitted", "b", &fitted))
    {
      damaged ("its steps, notes or fitted flag are missing", error);
      return NULL;
    }

  self = orchard_pipeline_new ();
  for (gsize s = 0; s < g_variant_n_children (steps); s++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (steps, s);
      g_autoptr(OrchardStep) step = orchard_step_new_from_variant (child, error);

      if (step == NULL)
        return NULL;
      if (fitted && !orchard_step_is_fitted (step))
        {
          damaged ("a step of a fitted pipeline is not fitted", error);
          return NULL;
        }
      orchard_pipeline_append (self, step);
    }

  for (gsize i = 0; i < g_variant_n_children (notes); i++)
    {
      const char *note;

      g_variant_get_child (notes, i, "&s", &note);
      orchard_pipeline_add_note (self, note);
    }

  if (fitted)
    {
      g_autoptr(GVariant) inputs = g_variant_lookup_value (variant, "inputs",
                                                           G_VARIANT_TYPE ("a(sss)"));
      g_autoptr(GVariant) features = g_variant_lookup_value (variant, "features",
                                                             G_VARIANT_TYPE ("a(ss)"));
      const char *target;

      if (inputs == NULL || features == NULL ||
          !g_variant_lookup (variant, "target", "&s", &target))
        {
          damaged ("its inputs, target or features are missing", error);
          return NULL;
        }

      for (gsize i = 0; i < g_variant_n_children (inputs); i++)
        {
          const char *name;
          const char *kind;
          const char *role;
          Input input = { NULL, 0, 0 };

          g_variant_get_child (inputs, i, "(&s&s&s)", &name, &kind, &role);
          if (!orchard_column_kind_from_string (kind, &input.kind) ||
              !orchard_column_role_from_string (role, &input.role))
            {
              damaged ("an input column has an unknown kind or role", error);
              return NULL;
            }
          input.name = g_strdup (name);
          g_array_append_val (self->inputs, input);
        }

      if (target[0] != '\0')
        self->target = g_strdup (target);

      for (gsize f = 0; f < g_variant_n_children (features); f++)
        {
          const char *name;
          const char *source;

          g_variant_get_child (features, f, "(&s&s)", &name, &source);
          g_ptr_array_add (self->features, g_strdup (name));
          g_ptr_array_add (self->sources, g_strdup (source));
        }

      self->fitted = TRUE;
    }

  return g_steal_pointer (&self);
}
