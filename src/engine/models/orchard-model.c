/* orchard-model.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "orchard-error.h"
#include "orchard-model-private.h"
#include "orchard-threads.h"

/* The layout of ORCHARD_MODEL_VARIANT_TYPE; the state inside has a version
 * of its own per learner. */
#define MODEL_FORMAT_VERSION 1

/* Probabilities are clipped here before a log loss is taken. */
#define LOG_LOSS_EPSILON 1e-15

/**
 * OrchardModel:
 *
 * The base class of every learner.
 *
 * A learner's **hyperparameters are its GObject properties**: every
 * read-write property of a subclass, with a range, a default and a
 * translated nick and blurb. The GUI builds its forms from the
 * #GParamSpec<!-- -->s, `orchard-cli train --set NAME=VALUE` sets them by
 * name (orchard_model_set_param_from_string()), the tracker records them
 * all (orchard_model_get_params()). Changing one makes a fitted model
 * unfitted, so that a model's parameters always describe its fit.
 *
 * Before fitting, orchard_model_set_target() says what to predict: the
 * task and, for a classifier, the class labels. orchard_model_fit() then
 * learns from a feature matrix and a target vector (class codes 0 … K-1 or
 * values), optionally weighted and with validation rows; iterative learners
 * record a learning curve (orchard_model_get_history()) and, given
 * validation rows and a `patience`, stop early and restore their best
 * iteration. A fit is deterministic for a given `seed` property (learners
 * that draw random numbers have one), stops within a fraction of a second
 * when cancelled, and leaves the model unfitted when it fails.
 *
 * orchard_model_predict() gives class probabilities (n × K, columns in
 * label order) or values (n × 1). orchard_model_to_variant() saves a fitted
 * model, orchard_model_new_from_variant() checks and loads one.
 */

typedef struct
{
  gboolean   has_target;
  OrchardTask task;
  GStrv      class_labels;
  guint      n_classes;

  gboolean   fitted;
  GStrv      feature_names;
  guint      n_features;

  /* The learning curve grows in the fitting thread while others may
   * read it (orchard_model_copy_history()): appending, truncating and
   * copying it, and the best iteration, are under this lock. */
  GMutex     history_lock;
  GArray    *history;
  int        best_iteration;
} OrchardModelPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (OrchardModel, orchard_model, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (OrchardTask, orchard_task,
  G_DEFINE_ENUM_VALUE (ORCHARD_TASK_BINARY, "binary"),
  G_DEFINE_ENUM_VALUE (ORCHARD_TASK_MULTICLASS, "multiclass"),
  G_DEFINE_ENUM_VALUE (ORCHARD_TASK_REGRESSION, "regression"))

G_DEFINE_FLAGS_TYPE (OrchardTaskFlags, orchard_task_flags,
  G_DEFINE_ENUM_VALUE (ORCHARD_TASK_FLAGS_BINARY, "binary"),
  G_DEFINE_ENUM_VALUE (ORCHARD_TASK_FLAGS_MULTICLASS, "multiclass"),
  G_DEFINE_ENUM_VALUE (ORCHARD_TASK_FLAGS_REGRESSION, "regression"))

G_DEFINE_ENUM_TYPE (OrchardClassWeight, orchard_class_weight,
  G_DEFINE_ENUM_VALUE (ORCHARD_CLASS_WEIGHT_NONE, "none"),
  G_DEFINE_ENUM_VALUE (ORCHARD_CLASS_WEIGHT_BALANCED, "balanced"))

static const char *
enum_nick (GType type,
           int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);
  const char *nick = v != NULL ? v->value_nick : NULL;

  /* Enum classes of static types are never finalised: the nick stays. */
  g_type_class_unref (klass);
  return nick;
}

/**
 * orchard_task_to_string:
 * @task: a task
 *
 * Returns: "binary", "multiclass" or "regression"
 */
const char *
orchard_task_to_string (OrchardTask task)
{
  return enum_nick (ORCHARD_TYPE_TASK, task);
}

static void
drop_fit (OrchardModel *self)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  if (ORCHARD_MODEL_GET_CLASS (self)->reset != NULL)
    ORCHARD_MODEL_GET_CLASS (self)->reset (self);

  priv->fitted = FALSE;
  g_clear_pointer (&priv->feature_names, g_strfreev);
  priv->n_features = 0;
  g_mutex_lock (&priv->history_lock);
  g_array_set_size (priv->history, 0);
  priv->best_iteration = -1;
  g_mutex_unlock (&priv->history_lock);
}

static void
orchard_model_notify (GObject    *object,
                      GParamSpec *pspec)
{
  OrchardModel *self = ORCHARD_MODEL (object);
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  /* A hyperparameter changed: the fitted state no longer matches it. */
  if (priv->fitted)
    drop_fit (self);

  if (G_OBJECT_CLASS (orchard_model_parent_class)->notify != NULL)
    G_OBJECT_CLASS (orchard_model_parent_class)->notify (object, pspec);
}

static void
orchard_model_finalize (GObject *object)
{
  OrchardModel *self = ORCHARD_MODEL (object);
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_clear_pointer (&priv->class_labels, g_strfreev);
  g_clear_pointer (&priv->feature_names, g_strfreev);
  g_clear_pointer (&priv->history, g_array_unref);
  g_mutex_clear (&priv->history_lock);

  G_OBJECT_CLASS (orchard_model_parent_class)->finalize (object);
}

static double *
orchard_model_real_get_feature_importance (OrchardModel  *self,
                                           GError       **error)
{
  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
               _("Learner “%s” has no built-in feature importance; use permutation importance"),
               orchard_model_get_name (self));
  return NULL;
}

static void
orchard_model_class_init (OrchardModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_model_finalize;
  object_class->notify = orchard_model_notify;

  klass->get_feature_importance = orchard_model_real_get_feature_importance;
}

static void
orchard_model_init (OrchardModel *self)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_mutex_init (&priv->history_lock);
  priv->history = g_array_new (FALSE, FALSE, sizeof (OrchardHistoryEntry));
  priv->best_iteration = -1;
}

/* Metadata ----------------------------------------------------------------- */

/**
 * orchard_model_class_set_metadata:
 * @klass: a learner's class
 * @name: its registry name, e.g. "ridge"
 * @description: a translated one-line description
 * @tasks: the tasks it can do
 * @family: its family
 * @state_version: the version of the state its save_state() writes; bump it
 *   when the layout changes, and keep load_state() reading older ones
 *
 * Called from a learner's class_init.
 */
void
orchard_model_class_set_metadata (OrchardModelClass  *klass,
                                  const char         *name,
                                  const char         *description,
                                  OrchardTaskFlags    tasks,
                                  OrchardModelFamily  family,
                                  guint               state_version)
{
  g_return_if_fail (ORCHARD_IS_MODEL_CLASS (klass));
  g_return_if_fail (name != NULL && description != NULL);
  g_return_if_fail (tasks != 0 && state_version > 0);

  klass->name = name;
  klass->description = description;
  klass->tasks = tasks;
  klass->family = family;
  klass->state_version = state_version;
}

static GQuark
handles_missing_quark (void)
{
  return g_quark_from_static_string ("orchard-model-handles-missing");
}

/**
 * orchard_model_class_set_handles_missing:
 * @klass: a learner's class
 * @handles_missing: whether its fit and predict take NaN as a missing value
 *
 * Called from the class_init of a learner that routes missing values
 * itself (gbdt): orchard_model_fit() and orchard_model_predict() then let
 * NaN features through (infinities are still refused).
 */
void
orchard_model_class_set_handles_missing (OrchardModelClass *klass,
                                         gboolean           handles_missing)
{
  g_return_if_fail (ORCHARD_IS_MODEL_CLASS (klass));

  g_type_set_qdata (G_TYPE_FROM_CLASS (klass), handles_missing_quark (),
                    GINT_TO_POINTER (handles_missing ? 1 : 0));
}

/**
 * orchard_model_get_handles_missing:
 * @self: a model
 *
 * Returns: whether the learner takes missing values (NaN) as they are, so
 *   that a pipeline need not impute them
 */
gboolean
orchard_model_get_handles_missing (OrchardModel *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL (self), FALSE);

  return GPOINTER_TO_INT (g_type_get_qdata (G_OBJECT_TYPE (self), handles_missing_quark ())) != 0;
}

/**
 * orchard_model_get_name:
 * @self: a model
 *
 * Returns: the learner's registry name, e.g. "logistic"
 */
const char *
orchard_model_get_name (OrchardModel *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL (self), NULL);
  return ORCHARD_MODEL_GET_CLASS (self)->name;
}

/**
 * orchard_model_get_description:
 * @self: a model
 *
 * Returns: a translated one-line description of the learner
 */
const char *
orchard_model_get_description (OrchardModel *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL (self), NULL);
  return ORCHARD_MODEL_GET_CLASS (self)->description;
}

/**
 * orchard_model_get_tasks:
 * @self: a model
 *
 * Returns: the tasks the learner can do
 */
OrchardTaskFlags
orchard_model_get_tasks (OrchardModel *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL (self), 0);
  return ORCHARD_MODEL_GET_CLASS (self)->tasks;
}

/**
 * orchard_model_get_family:
 * @self: a model
 *
 * Returns: the learner's family, which the automatic pipeline chooses its
 *   preprocessing by
 */
OrchardModelFamily
orchard_model_get_family (OrchardModel *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL (self), 0);
  return ORCHARD_MODEL_GET_CLASS (self)->family;
}

/* Target ------------------------------------------------------------------- */

/**
 * orchard_model_set_target:
 * @self: a model
 * @task: what to predict
 * @class_labels: (nullable) (array zero-terminated=1): for a classifier, the
 *   class labels in code order (2 for binary, 3 or more for multiclass);
 *   %NULL for regression
 * @error: return location for an error
 *
 * Says what the next fit learns. Classes need not all occur in the
 * training rows: a model has one probability column per label regardless.
 * Changing the target makes a fitted model unfitted.
 *
 * Returns: %FALSE if the learner cannot do @task or the labels do not fit it
 */
gboolean
orchard_model_set_target (OrchardModel        *self,
                          OrchardTask          task,
                          const char * const  *class_labels,
                          GError             **error)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);
  guint n_labels = class_labels != NULL ? g_strv_length ((char **) class_labels) : 0;

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), FALSE);
  g_return_val_if_fail (task <= ORCHARD_TASK_REGRESSION, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((orchard_model_get_tasks (self) & (1 << task)) == 0)
    {
      const char *name = orchard_model_get_name (self);

      if (task == ORCHARD_TASK_REGRESSION)
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                     _("Learner “%s” cannot do regression"), name);
      else if (task == ORCHARD_TASK_BINARY)
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                     _("Learner “%s” cannot do binary classification"), name);
      else
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                     _("Learner “%s” cannot do multiclass classification"), name);
      return FALSE;
    }

  if (task == ORCHARD_TASK_REGRESSION && n_labels != 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("A regression target has no class labels"));
      return FALSE;
    }
  if (task == ORCHARD_TASK_BINARY && n_labels != 2)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("A binary target needs 2 class labels, not %u"), n_labels);
      return FALSE;
    }
  if (task == ORCHARD_TASK_MULTICLASS && n_labels < 3)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("A multiclass target needs 3 or more class labels, not %u"), n_labels);
      return FALSE;
    }

  for (guint i = 0; i < n_labels; i++)
    for (guint j = 0; j < i; j++)
      if (strcmp (class_labels[i], class_labels[j]) == 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("Class label “%s” occurs twice"), class_labels[i]);
          return FALSE;
        }

  if (priv->fitted)
    drop_fit (self);

  priv->has_target = TRUE;
  priv->task = task;
  g_clear_pointer (&priv->class_labels, g_strfreev);
  priv->class_labels = g_strdupv ((char **) class_labels);
  priv->n_classes = n_labels;

  return TRUE;
}

/**
 * orchard_model_has_target:
 * @self: a model
 *
 * Returns: whether orchard_model_set_target() has been called
 */
gboolean
orchard_model_has_target (OrchardModel *self)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), FALSE);
  return priv->has_target;
}

/**
 * orchard_model_get_task:
 * @self: a model with a target
 *
 * Returns: the task set by orchard_model_set_target()
 */
OrchardTask
orchard_model_get_task (OrchardModel *self)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), ORCHARD_TASK_REGRESSION);
  g_return_val_if_fail (priv->has_target, ORCHARD_TASK_REGRESSION);
  return priv->task;
}

/**
 * orchard_model_get_n_classes:
 * @self: a model
 *
 * Returns: the number of classes, 0 for regression
 */
guint
orchard_model_get_n_classes (OrchardModel *self)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), 0);
  return priv->n_classes;
}

/**
 * orchard_model_get_class_labels:
 * @self: a model
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the class
 *   labels in code order, %NULL for regression
 */
const char * const *
orchard_model_get_class_labels (OrchardModel *self)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), NULL);
  return (const char * const *) priv->class_labels;
}

/**
 * orchard_model_get_n_outputs:
 * @self: a model with a target
 *
 * Returns: the number of columns of orchard_model_predict(): the number of
 *   classes, or 1 for regression
 */
guint
orchard_model_get_n_outputs (OrchardModel *self)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), 0);
  return priv->task == ORCHARD_TASK_REGRESSION ? 1 : priv->n_classes;
}

/* Fit ---------------------------------------------------------------------- */

static gboolean
check_features (const double  *X,
                gsize          n_rows,
                OrchardMatrix *matrix,
                const char    *which,
                gboolean       allow_missing,
                GError       **error)
{
  guint n_cols = orchard_matrix_get_n_cols (matrix);

  for (gsize i = 0; i < n_rows; i++)
    for (guint j = 0; j < n_cols; j++)
      if (!isfinite (X[i * n_cols + j]) && !(allow_missing && isnan (X[i * n_cols + j])))
        {
          if (allow_missing)
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           _("Feature “%s” is infinite (%s, row %lu)"),
                           orchard_matrix_get_feature_name (matrix, j), which, (gulong) i + 1);
              return FALSE;
            }
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("Feature “%s” is missing or infinite (%s, row %lu); impute or drop "
                         "it first"),
                       orchard_matrix_get_feature_name (matrix, j), which, (gulong) i + 1);
          return FALSE;
        }

  return TRUE;
}

static gboolean
check_target (OrchardModel  *self,
              const double  *y,
              gsize          n_rows,
              const char    *which,
              GError       **error)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  for (gsize i = 0; i < n_rows; i++)
    {
      gboolean ok;

      if (priv->task == ORCHARD_TASK_REGRESSION)
        ok = isfinite (y[i]);
      else
        ok = y[i] >= 0 && y[i] < priv->n_classes && y[i] == floor (y[i]);

      if (!ok)
        {
          if (priv->task == ORCHARD_TASK_REGRESSION)
            g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                         _("The target is missing or infinite (%s, row %lu)"),
                         which, (gulong) i + 1);
          else
            g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                         _("The target is %g, not a class code from 0 to %u (%s, row %lu)"),
                         y[i], priv->n_classes - 1, which, (gulong) i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * orchard_model_fit:
 * @self: a model with a target
 * @X: the training features
 * @y: (array): the target of each row of @X: class codes 0 … K-1 for a
 *   classifier, values for a regressor
 * @X_valid: (nullable): validation features, with the columns of @X
 * @y_valid: (nullable) (array): their target; given exactly when @X_valid is
 * @weights: (nullable) (array): a non-negative weight per row of @X
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Learns from the training rows. The validation rows only feed the learning
 * curve and early stopping. Features must be finite: the pipeline imputes
 * missing values before a model sees them, unless the learner takes them
 * as they are (orchard_model_get_handles_missing()).
 *
 * Synchronous and CPU-bound: run it in a worker thread. It uses
 * orchard_get_threads() threads.
 *
 * Returns: %TRUE when the model is fitted; on error or cancellation
 *   (%G_IO_ERROR_CANCELLED) the model is left unfitted
 */
gboolean
orchard_model_fit (OrchardModel   *self,
                   OrchardMatrix  *X,
                   const double   *y,
                   OrchardMatrix  *X_valid,
                   const double   *y_valid,
                   const double   *weights,
                   OrchardProgress progress,
                   gpointer        progress_data,
                   GCancellable   *cancellable,
                   GError        **error)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);
  OrchardModelClass *klass;
  OrchardFitData data = { 0 };
  g_autofree double *ones = NULL;
  gsize n_rows;
  guint n_cols;

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), FALSE);
  g_return_val_if_fail (X != NULL, FALSE);
  g_return_val_if_fail (y != NULL, FALSE);
  g_return_val_if_fail ((X_valid == NULL) == (y_valid == NULL), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  klass = ORCHARD_MODEL_GET_CLASS (self);
  n_rows = orchard_matrix_get_n_rows (X);
  n_cols = orchard_matrix_get_n_cols (X);

  drop_fit (self);

  if (!priv->has_target)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Learner “%s” has no target to learn"), klass->name);
      return FALSE;
    }

  if (n_rows == 0 || n_cols == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                   n_rows == 0 ? _("There are no training rows")
                               : _("There are no features to learn from"));
      return FALSE;
    }

  if (n_cols > G_MAXINT || n_rows > G_MAXINT)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                   _("%lu × %u is too large a training matrix"), (gulong) n_rows, n_cols);
      return FALSE;
    }

  if (klass->check_params != NULL && !klass->check_params (self, error))
    return FALSE;

  if (!check_features (orchard_matrix_get_data (X), n_rows, X, _("training rows"),
                       orchard_model_get_handles_missing (self), error) ||
      !check_target (self, y, n_rows, _("training rows"), error))
    return FALSE;

  data.weight_sum = 0;
  if (weights != NULL)
    {
      for (gsize i = 0; i < n_rows; i++)
        {
          if (!isfinite (weights[i]) || weights[i] < 0)
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           _("The weight of training row %lu is %g; weights must be finite "
                             "and not negative"), (gulong) i + 1, weights[i]);
              return FALSE;
            }
          data.weight_sum += weights[i];
        }
      if (!(data.weight_sum > 0))
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("The training rows have no weight"));
          return FALSE;
        }
    }
  else
    {
      ones = g_new (double, n_rows);
      for (gsize i = 0; i < n_rows; i++)
        ones[i] = 1.0;
      data.weight_sum = n_rows;
    }

  if (X_valid != NULL)
    {
      gsize n_valid = orchard_matrix_get_n_rows (X_valid);

      if (orchard_matrix_get_n_cols (X_valid) != n_cols)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("The validation rows have %u features, the training rows %u"),
                       orchard_matrix_get_n_cols (X_valid), n_cols);
          return FALSE;
        }
      if (!check_features (orchard_matrix_get_data (X_valid), n_valid, X_valid,
                           _("validation rows"), orchard_model_get_handles_missing (self),
                           error) ||
          !check_target (self, y_valid, n_valid, _("validation rows"), error))
        return FALSE;

      if (n_valid > 0)
        {
          data.X_valid = orchard_matrix_get_data (X_valid);
          data.y_valid = y_valid;
          data.n_valid = n_valid;
        }
    }

  /* Settle the thread count before any BLAS call of this fit. */
  orchard_get_threads ();

  data.X = orchard_matrix_get_data (X);
  data.n_rows = n_rows;
  data.n_features = n_cols;
  data.y = y;
  data.weights = weights != NULL ? weights : ones;
  data.weighted = weights != NULL;
  data.task = priv->task;
  data.n_classes = priv->n_classes;
  data.n_outputs = orchard_model_get_n_outputs (self);
  data.progress = progress;
  data.progress_data = progress_data;
  data.cancellable = cancellable;
  data.last_fraction = -1;

  priv->n_features = n_cols;
  priv->feature_names = g_new0 (char *, n_cols + 1);
  for (guint j = 0; j < n_cols; j++)
    priv->feature_names[j] = g_strdup (orchard_matrix_get_feature_name (X, j));

  orchard_fit_data_progress (&data, 0.0, _("Fitting"));

  if (!klass->fit (self, &data, error))
    {
      drop_fit (self);
      return FALSE;
    }

  g_mutex_lock (&priv->history_lock);
  if (priv->best_iteration < 0 && priv->history->len > 0)
    priv->best_iteration = g_array_index (priv->history, OrchardHistoryEntry,
                                          priv->history->len - 1).iteration;
  g_mutex_unlock (&priv->history_lock);
  priv->fitted = TRUE;

  orchard_fit_data_progress (&data, 1.0, NULL);

  return TRUE;
}

/**
 * orchard_model_is_fitted:
 * @self: a model
 *
 * Returns: whether the model can predict
 */
gboolean
orchard_model_is_fitted (OrchardModel *self)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), FALSE);
  return priv->fitted;
}

/**
 * orchard_model_get_n_features:
 * @self: a fitted model
 *
 * Returns: the number of features the model was fitted on, 0 if unfitted
 *   (a learner's fit and load_state see the new number already)
 */
guint
orchard_model_get_n_features (OrchardModel *self)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), 0);
  return priv->n_features;
}

/**
 * orchard_model_get_feature_names:
 * @self: a fitted model
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the names of
 *   the features the model was fitted on, %NULL if unfitted
 */
const char * const *
orchard_model_get_feature_names (OrchardModel *self)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), NULL);
  return (const char * const *) priv->feature_names;
}

/* Predict ------------------------------------------------------------------ */

/**
 * orchard_model_predict:
 * @self: a fitted model
 * @X: features, with the columns the model was fitted on
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Predicts every row of @X. A classifier gives one probability per class
 * (columns "proba_<label>" in label order, each row summing to 1), a
 * regressor one value (column "prediction"). Safe to call from several
 * threads at once on the same fitted model.
 *
 * Returns: (transfer full) (nullable): a matrix of @X's rows, or %NULL
 */
OrchardMatrix *
orchard_model_predict (OrchardModel   *self,
                       OrchardMatrix  *X,
                       GCancellable   *cancellable,
                       GError        **error)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);
  g_autoptr(OrchardMatrix) out = NULL;
  guint n_outputs;
  gsize n_rows;

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), NULL);
  g_return_val_if_fail (X != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!priv->fitted)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Learner “%s” is not fitted"), orchard_model_get_name (self));
      return NULL;
    }

  if (orchard_matrix_get_n_cols (X) != priv->n_features)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The model was fitted on %u features, not %u"),
                   priv->n_features, orchard_matrix_get_n_cols (X));
      return NULL;
    }

  n_rows = orchard_matrix_get_n_rows (X);
  if (!check_features (orchard_matrix_get_data (X), n_rows, X, _("input rows"),
                       orchard_model_get_handles_missing (self), error))
    return NULL;

  n_outputs = orchard_model_get_n_outputs (self);
  out = orchard_matrix_new (n_rows, n_outputs);
  if (priv->task == ORCHARD_TASK_REGRESSION)
    orchard_matrix_set_feature (out, 0, "prediction", NULL, -1);
  else
    for (guint k = 0; k < n_outputs; k++)
      {
        g_autofree char *name = g_strconcat ("proba_", priv->class_labels[k], NULL);
        orchard_matrix_set_feature (out, k, name, NULL, -1);
      }

  if (n_rows == 0)
    return g_steal_pointer (&out);

  orchard_get_threads ();

  if (!ORCHARD_MODEL_GET_CLASS (self)->predict (self, orchard_matrix_get_data (X), n_rows,
                                                orchard_matrix_get_data (out),
                                                cancellable, error))
    return NULL;

  return g_steal_pointer (&out);
}

/**
 * orchard_model_get_feature_importance:
 * @self: a fitted model
 * @error: return location for an error
 *
 * The learner's own importance of each feature: the absolute coefficients
 * of a linear model (features should be on one scale), for instance.
 * Learners without one fail with %ORCHARD_ERROR_UNSUPPORTED; permutation
 * importance works for every learner.
 *
 * Returns: (transfer full) (array) (nullable): one non-negative score per
 *   feature, or %NULL
 */
double *
orchard_model_get_feature_importance (OrchardModel  *self,
                                      GError       **error)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!priv->fitted)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Learner “%s” is not fitted"), orchard_model_get_name (self));
      return NULL;
    }

  return ORCHARD_MODEL_GET_CLASS (self)->get_feature_importance (self, error);
}

/* History ------------------------------------------------------------------ */

/**
 * orchard_model_get_history:
 * @self: a model
 * @n_entries: (out): return location for the number of entries
 *
 * The learning curve of the last fit: one entry per iteration of an
 * iterative learner, none for closed-form ones.
 *
 * Returns: (transfer none) (array length=n_entries) (nullable): the entries
 */
const OrchardHistoryEntry *
orchard_model_get_history (OrchardModel *self,
                           guint        *n_entries)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), NULL);
  g_return_val_if_fail (n_entries != NULL, NULL);

  *n_entries = priv->history->len;
  return priv->history->len > 0 ? &g_array_index (priv->history, OrchardHistoryEntry, 0) : NULL;
}

/**
 * orchard_model_get_best_iteration:
 * @self: a model
 *
 * Returns: the iteration whose parameters the model kept (the best one on
 *   the validation rows when it stopped early, else the last), or -1 for a
 *   learner without iterations
 */
int
orchard_model_get_best_iteration (OrchardModel *self)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), -1);
  return priv->best_iteration;
}

/**
 * orchard_model_copy_history:
 * @self: a model, possibly being fitted in another thread
 * @first: the first entry to copy (0 for all); entries already seen need
 *   not be copied again
 * @n_entries: (out): return location for the number of entries copied
 * @n_total: (out) (optional): return location for the length of the whole
 *   learning curve so far
 * @best_iteration: (out) (optional): return location for the best
 *   iteration as it stands: -1 while a fit runs, until the learner settles
 *   on one (when it stops early, or at the end)
 *
 * A snapshot of the learning curve that is safe to take from any thread
 * while orchard_model_fit() runs in another: what a window polls to draw
 * the curve as it grows. When @first is beyond the curve (a new fit
 * started), nothing is copied and @n_total says where to start again.
 *
 * Returns: (transfer full) (array length=n_entries) (nullable): the entries
 *   from @first on, or %NULL when there are none; free with g_free()
 */
OrchardHistoryEntry *
orchard_model_copy_history (OrchardModel *self,
                            guint         first,
                            guint        *n_entries,
                            guint        *n_total,
                            int          *best_iteration)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);
  OrchardHistoryEntry *entries = NULL;
  guint n = 0;

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), NULL);
  g_return_val_if_fail (n_entries != NULL, NULL);

  g_mutex_lock (&priv->history_lock);
  if (first < priv->history->len)
    {
      n = priv->history->len - first;
      entries = g_memdup2 (&g_array_index (priv->history, OrchardHistoryEntry, first),
                           n * sizeof (OrchardHistoryEntry));
    }
  if (n_total != NULL)
    *n_total = priv->history->len;
  if (best_iteration != NULL)
    *best_iteration = priv->best_iteration;
  g_mutex_unlock (&priv->history_lock);

  *n_entries = n;
  return entries;
}

/**
 * orchard_model_add_history:
 * @self: a model being fitted
 * @train_loss: the loss on the training rows
 * @valid_loss: the loss on the validation rows, or NaN
 * @valid_metric: accuracy or R² on the validation rows, or NaN
 *
 * Appends the next iteration to the learning curve.
 */
void
orchard_model_add_history (OrchardModel *self,
                           double        train_loss,
                           double        valid_loss,
                           double        valid_metric)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);
  OrchardHistoryEntry entry = { 0, train_loss, valid_loss, valid_metric };

  g_mutex_lock (&priv->history_lock);
  entry.iteration = priv->history->len + 1;
  g_array_append_val (priv->history, entry);
  g_mutex_unlock (&priv->history_lock);
}

/**
 * orchard_model_set_best_iteration:
 * @self: a model being fitted
 * @iteration: the iteration whose parameters the learner keeps
 *
 * Without a call, the last iteration of the history is the best one.
 */
void
orchard_model_set_best_iteration (OrchardModel *self,
                                  int           iteration)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);

  g_mutex_lock (&priv->history_lock);
  priv->best_iteration = iteration;
  g_mutex_unlock (&priv->history_lock);
}

/* Helpers for learners ------------------------------------------------------- */

/* Returns TRUE, with an error set, when @cancellable is cancelled. */
gboolean
orchard_model_is_cancelled (GCancellable  *cancellable,
                            GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

gboolean
orchard_fit_data_is_cancelled (OrchardFitData  *data,
                               GError         **error)
{
  return g_cancellable_set_error_if_cancelled (data->cancellable, error);
}

/* Reports progress, at most every 0.5 % or so: the receiver is a GUI. */
void
orchard_fit_data_progress (OrchardFitData *data,
                           double          fraction,
                           const char     *message)
{
  if (data->progress == NULL)
    return;

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (message == NULL && fraction < 1.0 && fraction - data->last_fraction < 0.005)
    return;

  data->last_fraction = fraction;
  data->progress (fraction, message, data->progress_data);
}

/* Scores predictions of the validation rows (laid out as predict() fills
 * them): their loss and their accuracy or R². */
void
orchard_fit_data_score_valid (OrchardFitData *data,
                              const double   *valid_out,
                              double         *loss,
                              double         *metric)
{
  g_assert (data->n_valid > 0);

  *loss = orchard_model_loss (data->task, data->n_outputs, valid_out, data->y_valid, NULL,
                              data->n_valid);
  *metric = orchard_model_metric (data->task, data->n_outputs, valid_out, data->y_valid,
                                  data->n_valid);
}

/* The mean (weighted) log loss of probabilities or squared error of values. */
double
orchard_model_loss (OrchardTask   task,
                    guint         n_outputs,
                    const double *out,
                    const double *y,
                    const double *weights,
                    gsize         n_rows)
{
  double sum = 0, weight_sum = 0;

  for (gsize i = 0; i < n_rows; i++)
    {
      double w = weights != NULL ? weights[i] : 1.0;
      double loss;

      if (task == ORCHARD_TASK_REGRESSION)
        loss = (out[i] - y[i]) * (out[i] - y[i]);
      else
        loss = -log (CLAMP (out[i * n_outputs + (gsize) y[i]], LOG_LOSS_EPSILON, 1.0));

      sum += w * loss;
      weight_sum += w;
    }

  return weight_sum > 0 ? sum / weight_sum : NAN;
}

/* Accuracy (the first most probable class is the prediction) or R². */
double
orchard_model_metric (OrchardTask   task,
                      guint         n_outputs,
                      const double *out,
                      const double *y,
                      gsize         n_rows)
{
  if (n_rows == 0)
    return NAN;

  if (task == ORCHARD_TASK_REGRESSION)
    {
      double mean = 0, ss_res = 0, ss_tot = 0;

      for (gsize i = 0; i < n_rows; i++)
        mean += y[i];
      mean /= n_rows;
      for (gsize i = 0; i < n_rows; i++)
        {
          ss_res += (y[i] - out[i]) * (y[i] - out[i]);
          ss_tot += (y[i] - mean) * (y[i] - mean);
        }
      return ss_tot > 0 ? 1.0 - ss_res / ss_tot : NAN;
    }
  else
    {
      gsize correct = 0;

      for (gsize i = 0; i < n_rows; i++)
        {
          const double *p = out + i * n_outputs;
          guint best = 0;

          for (guint k = 1; k < n_outputs; k++)
            if (p[k] > p[best])
              best = k;
          correct += best == (guint) y[i];
        }
      return (double) correct / n_rows;
    }
}

/* Turns each row of scores into probabilities. */
void
orchard_softmax_rows (double *Z,
                      gsize   n_rows,
                      guint   n_cols)
{
  int n_threads = n_rows >= 4 * ORCHARD_MODEL_CHUNK ? (int) orchard_get_threads () : 1;

#pragma omp parallel for num_threads (n_threads) schedule (static)
  for (gsize i = 0; i < n_rows; i++)
    {
      double *z = Z + i * n_cols;
      double max = z[0], sum = 0;

      for (guint k = 1; k < n_cols; k++)
        max = MAX (max, z[k]);
      for (guint k = 0; k < n_cols; k++)
        {
          z[k] = exp (z[k] - max);
          sum += z[k];
        }
      for (guint k = 0; k < n_cols; k++)
        z[k] /= sum;
    }
}

/* One weight per class: 1, or for "balanced" n / (K · nₖ) with K the
 * number of classes present, as scikit-learn's compute_class_weight. */
double *
orchard_class_weights (OrchardClassWeight  mode,
                       const double       *y,
                       gsize               n_rows,
                       guint               n_classes)
{
  double *weights = g_new (double, n_classes);
  g_autofree gsize *counts = g_new0 (gsize, n_classes);
  guint present = 0;

  for (guint k = 0; k < n_classes; k++)
    weights[k] = 1.0;
  if (mode == ORCHARD_CLASS_WEIGHT_NONE)
    return weights;

  for (gsize i = 0; i < n_rows; i++)
    counts[(gsize) y[i]]++;
  for (guint k = 0; k < n_classes; k++)
    present += counts[k] > 0;
  for (guint k = 0; k < n_classes; k++)
    weights[k] = counts[k] > 0 ? (double) n_rows / ((double) present * counts[k]) : 0.0;

  return weights;
}

void
orchard_early_stop_init (OrchardEarlyStop *stop,
                         guint             patience,
                         double            tol)
{
  stop->patience = patience;
  stop->tol = tol;
  stop->best = INFINITY;
  stop->best_iteration = 0;
  stop->n_bad = 0;
}

OrchardEarlyStopVerdict
orchard_early_stop_update (OrchardEarlyStop *stop,
                           guint             iteration,
                           double            loss)
{
  gboolean improved = loss < stop->best;

  if (loss > stop->best - stop->tol || isnan (loss))
    stop->n_bad++;
  else
    stop->n_bad = 0;

  if (improved)
    {
      stop->best = loss;
      stop->best_iteration = iteration;
    }

  if (stop->patience > 0 && stop->n_bad >= stop->patience)
    return ORCHARD_EARLY_STOP_STOP;

  return improved ? ORCHARD_EARLY_STOP_IMPROVED : ORCHARD_EARLY_STOP_CONTINUE;
}

/* State ---------------------------------------------------------------------- */

GVariant *
orchard_state_new_doubles (const double *values,
                           gsize         n_values)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, values, n_values, sizeof (double));
}

GVariant *
orchard_state_new_uints (const guint32 *values,
                         gsize          n_values)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, values, n_values, sizeof (guint32));
}

static GVariant *
lookup (GVariant            *state,
        const char          *key,
        const GVariantType  *type,
        GError             **error)
{
  GVariant *value = g_variant_lookup_value (state, key, type);

  if (value == NULL)
    g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                 _("The model state has no “%s” of type %s"), key, (const char *) type);

  return value;
}

gboolean
orchard_state_check_doubles (const double  *values,
                             gsize          n_values,
                             const char    *key,
                             double         min,
                             double         max,
                             GError       **error)
{
  for (gsize i = 0; i < n_values; i++)
    if (!(values[i] >= min && values[i] <= max && isfinite (values[i])))
      {
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                     _("Value %lu of “%s” in the model state is out of range"),
                     (gulong) i, key);
        return FALSE;
      }

  return TRUE;
}

/* A copy of the `ad` at @key, which must have @n_values finite values. */
double *
orchard_state_dup_doubles (GVariant    *state,
                           const char  *key,
                           gsize        n_values,
                           GError     **error)
{
  g_autoptr(GVariant) value = lookup (state, key, G_VARIANT_TYPE ("ad"), error);
  const double *values;
  gsize n = 0;

  if (value == NULL)
    return NULL;

  values = g_variant_get_fixed_array (value, &n, sizeof (double));
  if (n != n_values)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("“%s” in the model state has %lu values, not %lu"),
                   key, (gulong) n, (gulong) n_values);
      return NULL;
    }

  if (!orchard_state_check_doubles (values, n, key, -G_MAXDOUBLE, G_MAXDOUBLE, error))
    return NULL;

  return n > 0 ? g_memdup2 (values, n * sizeof (double)) : g_new (double, 1);
}

guint32 *
orchard_state_dup_uints (GVariant    *state,
                         const char  *key,
                         gsize        n_values,
                         GError     **error)
{
  g_autoptr(GVariant) value = lookup (state, key, G_VARIANT_TYPE ("au"), error);
  const guint32 *values;
  gsize n = 0;

  if (value == NULL)
    return NULL;

  values = g_variant_get_fixed_array (value, &n, sizeof (guint32));
  if (n != n_values)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("“%s” in the model state has %lu values, not %lu"),
                   key, (gulong) n, (gulong) n_values);
      return NULL;
    }

  return n > 0 ? g_memdup2 (values, n * sizeof (guint32)) : g_new (guint32, 1);
}

gboolean
orchard_state_get_double (GVariant    *state,
                          const char  *key,
                          double      *value,
                          GError     **error)
{
  g_autoptr(GVariant) v = lookup (state, key, G_VARIANT_TYPE_DOUBLE, error);

  if (v == NULL)
    return FALSE;

  *value = g_variant_get_double (v);
  return orchard_state_check_doubles (value, 1, key, -G_MAXDOUBLE, G_MAXDOUBLE, error);
}

gboolean
orchard_state_get_uint (GVariant    *state,
                        const char  *key,
                        guint32     *value,
                        GError     **error)
{
  g_autoptr(GVariant) v = lookup (state, key, G_VARIANT_TYPE_UINT32, error);

  if (v == NULL)
    return FALSE;

  *value = g_variant_get_uint32 (v);
  return TRUE;
}

gboolean
orchard_state_get_boolean (GVariant    *state,
                           const char  *key,
                           gboolean    *value,
                           GError     **error)
{
  g_autoptr(GVariant) v = lookup (state, key, G_VARIANT_TYPE_BOOLEAN, error);

  if (v == NULL)
    return FALSE;

  *value = g_variant_get_boolean (v);
  return TRUE;
}

/* Serialisation -------------------------------------------------------------- */

/**
 * orchard_model_to_variant:
 * @self: a fitted model
 *
 * Saves everything needed to predict and to explain the fit: learner name
 * and state version, hyperparameters, task, class labels, feature names,
 * learning curve and the fitted parameters, as an
 * %ORCHARD_MODEL_VARIANT_TYPE. Doubles are stored as they are, so a model
 * read back with orchard_model_new_from_variant() predicts bit for bit the
 * same.
 *
 * Returns: (transfer full): a floating-free variant in normal form
 */
GVariant *
orchard_model_to_variant (OrchardModel *self)
{
  OrchardModelPrivate *priv = orchard_model_get_instance_private (self);
  OrchardModelClass *klass;
  GVariantBuilder history;
  g_autoptr(GVariant) params = NULL;
  g_autoptr(GVariant) state = NULL;
  const char * const empty[] = { NULL };
  GVariant *variant;

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), NULL);
  g_return_val_if_fail (priv->fitted, NULL);

  klass = ORCHARD_MODEL_GET_CLASS (self);

  g_variant_builder_init (&history, G_VARIANT_TYPE ("a(uddd)"));
  for (guint i = 0; i < priv->history->len; i++)
    {
      const OrchardHistoryEntry *e = &g_array_index (priv->history, OrchardHistoryEntry, i);
      g_variant_builder_add (&history, "(uddd)", e->iteration, e->train_loss, e->valid_loss,
                             e->valid_metric);
    }

  params = g_variant_ref_sink (orchard_model_get_params (self));
  state = g_variant_ref_sink (klass->save_state (self));

  variant = g_variant_new ("(usu@a{sv}s^as^asa(uddd)i@a{sv})",
                           MODEL_FORMAT_VERSION,
                           klass->name,
                           klass->state_version,
                           params,
                           orchard_task_to_string (priv->task),
                           priv->class_labels != NULL ? (const char * const *) priv->class_labels
                                                      : empty,
                           (const char * const *) priv->feature_names,
                           &history,
                           priv->best_iteration,
                           state);

  return g_variant_take_ref (variant);
}

/**
 * orchard_model_new_from_variant:
 * @variant: what orchard_model_to_variant() returned, possibly from an
 *   untrusted file
 * @error: return location for an error
 *
 * Checks and loads a saved model: its type and normal form, the format and
 * state versions, every hyperparameter (name, type, range), the target,
 * and every fitted parameter (presence, size, finiteness). Anything wrong
 * is an %ORCHARD_ERROR, never a crash.
 *
 * Returns: (transfer full) (nullable): a fitted model, or %NULL
 */
OrchardModel *
orchard_model_new_from_variant (GVariant  *variant,
                                GError   **error)
{
  g_autoptr(OrchardModel) self = NULL;
  g_autoptr(GVariant) params = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GVariant) history = NULL;
  g_autofree const char **labels = NULL;
  g_autofree const char **features = NULL;
  const OrchardModelInfo *info;
  OrchardModelPrivate *priv;
  OrchardModelClass *klass;
  GVariantIter iter;
  const char *name, *task_nick;
  guint32 format, version, iteration;
  double train_loss, valid_loss, valid_metric;
  GEnumValue *task;
  g_autoptr(GEnumClass) task_class = NULL;
  gsize n_features = 0;
  gint32 best_iteration;

  g_return_val_if_fail (variant != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_variant_is_of_type (variant, ORCHARD_MODEL_VARIANT_TYPE))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("This is not an Orchard model: its type is %s"),
                   g_variant_get_type_string (variant));
      return NULL;
    }

  if (!g_variant_is_normal_form (variant))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The model is damaged: its data is not in normal form"));
      return NULL;
    }

  g_variant_get (variant, "(u&su@a{sv}&s^a&s^a&s@a(uddd)i@a{sv})",
                 &format, &name, &version, &params, &task_nick, &labels, &features,
                 &history, &best_iteration, &state);

  if (format != MODEL_FORMAT_VERSION)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                   _("The model has format version %u; this Orchard reads version %u"),
                   format, MODEL_FORMAT_VERSION);
      return NULL;
    }

  info = orchard_model_registry_lookup (name);
  if (info == NULL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                   _("The model uses learner “%s”, which this Orchard does not have"), name);
      return NULL;
    }

  self = g_object_new (info->type, NULL);
  klass = ORCHARD_MODEL_GET_CLASS (self);
  priv = orchard_model_get_instance_private (self);

  if (version == 0 || version > klass->state_version)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                   _("The “%s” model has state version %u; this Orchard reads versions 1 to %u"),
                   name, version, klass->state_version);
      return NULL;
    }

  if (!orchard_model_set_params (self, params, error))
    return NULL;

  task_class = g_type_class_ref (ORCHARD_TYPE_TASK);
  task = g_enum_get_value_by_nick (task_class, task_nick);
  if (task == NULL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The model has an unknown task “%s”"), task_nick);
      return NULL;
    }

  if (!orchard_model_set_target (self, task->value,
                                 labels[0] != NULL ? (const char * const *) labels : NULL,
                                 error))
    return NULL;

  n_features = g_strv_length ((char **) features);
  if (n_features == 0 || n_features > G_MAXINT)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The model has %lu features"), (gulong) n_features);
      return NULL;
    }

  priv->n_features = n_features;
  priv->feature_names = g_strdupv ((char **) features);

  g_variant_iter_init (&iter, history);
  while (g_variant_iter_next (&iter, "(uddd)", &iteration, &train_loss, &valid_loss,
                              &valid_metric))
    {
      OrchardHistoryEntry entry = { iteration, train_loss, valid_loss, valid_metric };

      if (iteration != priv->history->len + 1)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                       _("The learning curve of the model is out of order"));
          return NULL;
        }
      g_array_append_val (priv->history, entry);
    }

  if (best_iteration < -1 || best_iteration > (gint32) priv->history->len ||
      (best_iteration <= 0 && priv->history->len > 0))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The best iteration of the model, %d, is not in its learning curve"),
                   best_iteration);
      return NULL;
    }
  priv->best_iteration = best_iteration;

  if (!klass->load_state (self, version, state, error))
    {
      klass->reset (self);
      return NULL;
    }

  priv->fitted = TRUE;

  return g_steal_pointer (&self);
}
