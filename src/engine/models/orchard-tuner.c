/* orchard-tuner.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orchard-cross-validation.h"
#include "orchard-error.h"
#include "orchard-metrics.h"
#include "orchard-profile.h"
#include "orchard-rng.h"
#include "orchard-tuner.h"

/**
 * OrchardTuner:
 *
 * The hyperparameter search of the Train phase and of `orchard-cli tune`.
 *
 * The search space is a list of parameters, each with a list of values
 * (`alpha=0.1,1,10`) or a range (`alpha=0.001..100:log`), checked against
 * the learner's #GParamSpec. A grid search scores every combination, the
 * last parameter varying fastest; a random search scores N seeded draws.
 *
 * Each candidate is scored as #OrchardTrainer would train it: the same
 * split (by default stratified for classes, random for numbers, 0.7 / 0.15
 * / 0.15, seeded), the same pipeline fitted on the training rows only, the
 * learner fitted with the validation rows for its learning curve and early
 * stopping, and the metric computed on the validation rows. With k folds,
 * the training and validation rows together (never the test rows) are
 * cross-validated by #OrchardCrossValidation: k folds by the split's
 * method, the pipeline refitted on each fold's training rows, no early
 * stopping on the fold's validation rows; the score is the mean over the
 * folds.
 *
 * Successive halving follows scikit-learn's HalvingGridSearchCV with
 * `factor=3`, `resource="n_samples"` and `min_resources="exhaust"` (see
 * orchard_tuner_halving_schedule()): round by round, every remaining
 * candidate is scored on a growing subsample of the rows and the best third
 * goes on.
 *
 * orchard_tuner_run() is synchronous: run it in a thread. Candidates are
 * scored one after the other, each learner with its own threads.
 */

#define MAX_GRID        100000
#define MAX_INT_VALUES  1000
#define MAX_SAMPLED     1000000
#define HALVING_FACTOR  3

/* Streams of the tuner's seed: the draws, and the subsamples of halving. */
#define DRAW_STREAM     0x7475
#define SUBSAMPLE_STREAM 0x7375

typedef struct
{
  char       *name;
  GParamSpec *pspec;
  GPtrArray  *values;    /* GVariant, for a list; NULL for a range */
  double      low;
  double      high;
  gboolean    log;
  gboolean    integer;
} Dimension;

struct _OrchardTuner
{
  GObject           parent_instance;

  OrchardTable     *data;
  char             *target;
  OrchardModel     *model;
  GPtrArray        *dimensions;
  guint             n_draws;
  guint             n_folds;
  gboolean          halving;
  guint64           seed;
  char             *metric;
  OrchardPipeline  *pipeline;
  OrchardSplit     *split;
  OrchardProject   *project;

  OrchardTunerFunc  func;
  gpointer          func_data;
  GDestroyNotify    func_destroy;

  /* Results */
  OrchardTask       task;
  char             *metric_used;
  gboolean          greater_is_better;
  GPtrArray        *candidates;
  GArray           *rounds;
  int               best;
};

G_DEFINE_FINAL_TYPE (OrchardTuner, orchard_tuner, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (OrchardTunerStatus, orchard_tuner_status,
                    G_DEFINE_ENUM_VALUE (ORCHARD_TUNER_STATUS_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_TUNER_STATUS_PROMOTED, "promoted"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_TUNER_STATUS_DROPPED, "dropped"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_TUNER_STATUS_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_TUNER_STATUS_RUNNING, "running"))

G_DEFINE_BOXED_TYPE (OrchardTunerCandidate, orchard_tuner_candidate,
                     orchard_tuner_candidate_copy, orchard_tuner_candidate_free)

/**
 * orchard_tuner_status_to_string:
 * @status: a status
 *
 * Returns: its nick: "done", "promoted", "dropped", "failed" or "running"
 */
const char *
orchard_tuner_status_to_string (OrchardTunerStatus status)
{
  static const char * const names[] = { "done", "promoted", "dropped", "failed", "running" };

  g_return_val_if_fail (status <= ORCHARD_TUNER_STATUS_RUNNING, NULL);
  return names[status];
}

/**
 * orchard_tuner_candidate_copy:
 * @candidate: a candidate
 *
 * Returns: (transfer full): a deep copy
 */
OrchardTunerCandidate *
orchard_tuner_candidate_copy (const OrchardTunerCandidate *candidate)
{
  OrchardTunerCandidate *copy;

  g_return_val_if_fail (candidate != NULL, NULL);

  copy = g_memdup2 (candidate, sizeof *candidate);
  copy->params = candidate->params != NULL ? g_variant_ref (candidate->params) : NULL;
  copy->fold_scores = g_memdup2 (candidate->fold_scores, candidate->n_folds * sizeof (double));
  copy->message = g_strdup (candidate->message);
  return copy;
}

/**
 * orchard_tuner_candidate_free:
 * @candidate: (nullable): a candidate
 */
void
orchard_tuner_candidate_free (OrchardTunerCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_clear_pointer (&candidate->params, g_variant_unref);
  g_free (candidate->fold_scores);
  g_free (candidate->message);
  g_free (candidate);
}

static void
dimension_free (Dimension *dim)
{
  g_free (dim->name);
  g_clear_pointer (&dim->values, g_ptr_array_unref);
  g_free (dim);
}

static void
orchard_tuner_finalize (GObject *object)
{
  OrchardTuner *self = (OrchardTuner *) object;

  if (self->func_destroy != NULL)
    self->func_destroy (self->func_data);
  g_clear_object (&self->data);
  g_clear_pointer (&self->target, g_free);
  g_clear_object (&self->model);
  g_clear_pointer (&self->dimensions, g_ptr_array_unref);
  g_clear_pointer (&self->metric, g_free);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->split);
  g_clear_object (&self->project);
  g_clear_pointer (&self->metric_used, g_free);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->rounds, g_array_unref);

  G_OBJECT_CLASS (orchard_tuner_parent_class)->finalize (object);
}

static void
orchard_tuner_class_init (OrchardTunerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = orchard_tuner_finalize;
}

static void
orchard_tuner_init (OrchardTuner *self)
{
  self->dimensions = g_ptr_array_new_with_free_func ((GDestroyNotify) dimension_free);
  self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_tuner_candidate_free);
  self->rounds = g_array_new (FALSE, TRUE, sizeof (OrchardHalvingRound));
  self->best = -1;
}

/**
 * orchard_tuner_new:
 * @data: the data to learn from
 * @target: the column to predict
 * @model: the learner, with the settings that are not searched; it is not
 *   changed (each candidate is a new learner of the same kind)
 *
 * Returns: (transfer full): a tuner with the defaults: grid search, scored
 *   on the validation rows, no halving, seed 0, the task's default metric
 */
OrchardTuner *
orchard_tuner_new (OrchardTable *data,
                   const char   *target,
                   OrchardModel *model)
{
  OrchardTuner *self;

  g_return_val_if_fail (ORCHARD_IS_TABLE (data), NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (ORCHARD_IS_MODEL (model), NULL);

  self = g_object_new (ORCHARD_TYPE_TUNER, NULL);
  self->data = g_object_ref (data);
  self->target = g_strdup (target);
  self->model = g_object_ref (model);
  return self;
}

/* The search space ---------------------------------------------------------- */

static OrchardModel *
scratch_model (OrchardTuner *self)
{
  OrchardModel *scratch = g_object_new (G_OBJECT_TYPE (self->model), NULL);
  g_autoptr(GVariant) params = g_variant_ref_sink (orchard_model_get_params (self->model));

  /* The learner's own settings were valid, so they are again. */
  if (!orchard_model_set_params (scratch, params, NULL))
    g_assert_not_reached ();
  return scratch;
}

static GParamSpec *
find_pspec (OrchardTuner  *self,
            const char    *name,
            GError       **error)
{
  g_autofree GParamSpec **params = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_params;

  params = orchard_model_class_list_params (ORCHARD_MODEL_GET_CLASS (self->model), &n_params);
  for (guint i = 0; i < n_params; i++)
    if (strcmp (params[i]->name, name) == 0)
      return params[i];

  for (guint i = 0; i < n_params; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", params[i]->name);
  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
               _("Learner “%s” has no parameter “%s” (it has: %s)"),
               orchard_model_get_name (self->model), name, n_params > 0 ? names->str : _("none"));
  return NULL;
}

static gboolean
is_integer_type (GType type)
{
  return type == G_TYPE_INT || type == G_TYPE_UINT || type == G_TYPE_UINT64;
}

/* A value of @pspec's type, as orchard_model_get_params() types it. */
static GVariant *
number_variant (GParamSpec *pspec,
                double      value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_INT)
    return g_variant_new_int32 ((gint32) value);
  if (type == G_TYPE_UINT)
    return g_variant_new_uint32 ((guint32) value);
  if (type == G_TYPE_UINT64)
    return g_variant_new_uint64 ((guint64) value);
  return g_variant_new_double (value);
}

/* Checks @text as a value of @name on @scratch; returns it typed. */
static GVariant *
check_value (OrchardModel  *scratch,
             const char    *name,
             const char    *text,
             GError       **error)
{
  g_autoptr(GVariant) params = NULL;

  if (!orchard_model_set_param_from_string (scratch, name, text, error))
    return NULL;
  params = g_variant_ref_sink (orchard_model_get_params (scratch));
  return g_variant_lookup_value (params, name, NULL);
}

static double
variant_to_double (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_variant_get_int32 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return g_variant_get_uint32 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    return (double) g_variant_get_uint64 (value);
  return g_variant_get_double (value);
}

static gboolean
parse_range (OrchardTuner  *self,
             Dimension     *dim,
             const char    *text,
             const char    *dots,
             GError       **error)
{
  g_autoptr(OrchardModel) scratch = scratch_model (self);
  g_autoptr(GVariant) low = NULL;
  g_autoptr(GVariant) high = NULL;
  g_autofree char *low_text = g_strndup (text, dots - text);
  g_autofree char *high_text = g_strdup (dots + 2);
  GType type = G_PARAM_SPEC_VALUE_TYPE (dim->pspec);

  if (!is_integer_type (type) && type != G_TYPE_DOUBLE)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Parameter “%s” takes a list of values, not a range LOW..HIGH"), dim->name);
      return FALSE;
    }

  if (g_str_has_suffix (high_text, ":log"))
    {
      high_text[strlen (high_text) - 4] = '\0';
      dim->log = TRUE;
    }

  g_strstrip (low_text);
  g_strstrip (high_text);
  if ((low = check_value (scratch, dim->name, low_text, error)) == NULL ||
      (high = check_value (scratch, dim->name, high_text, error)) == NULL)
    return FALSE;

  dim->integer = is_integer_type (type);
  dim->low = variant_to_double (low);
  dim->high = variant_to_double (high);
  if (!(dim->low < dim->high))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Parameter “%s”: the range %s..%s is empty; LOW must be below HIGH"),
                   dim->name, low_text, high_text);
      return FALSE;
    }
  if (dim->log && dim->low <= 0.0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Parameter “%s”: a logarithmic range needs LOW above 0"), dim->name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_list (OrchardTuner  *self,
            Dimension     *dim,
            const char    *text,
            GError       **error)
{
  g_autoptr(OrchardModel) scratch = scratch_model (self);
  /* Values that hold commas themselves ("100,50" layers) are separated by ';'. */
  g_auto(GStrv) items = g_strsplit (text, strchr (text, ';') != NULL ? ";" : ",", -1);

  dim->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);
      GVariant *value;

      if (*item == '\0')
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("Parameter “%s” has an empty value in “%s”"), dim->name, text);
          return FALSE;
        }
      value = check_value (scratch, dim->name, item, error);
      if (value == NULL)
        return FALSE;
      for (guint j = 0; j < dim->values->len; j++)
        if (g_variant_equal (value, g_ptr_array_index (dim->values, j)))
          {
            g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                         _("Parameter “%s” lists the value “%s” twice"), dim->name, item);
            g_variant_unref (value);
            return FALSE;
          }
      g_ptr_array_add (dim->values, value);
    }

  return TRUE;
}

/**
 * orchard_tuner_add_param:
 * @self: a tuner
 * @spec: `NAME=V1,V2,…` (values separated by `;` instead when one holds a
 *   comma), `NAME=LOW..HIGH` or `NAME=LOW..HIGH:log`
 * @error: return location for a #GError
 *
 * Adds a hyperparameter to the search space. Every value and both ends of
 * a range must be valid for the parameter (as `--set` would take them);
 * ranges are for numbers only, integers when the parameter is one. A grid
 * search takes every integer of an integer range without `:log`; other
 * ranges need random search.
 *
 * Returns: %FALSE, with an error naming the parameter, if @spec is wrong
 */
gboolean
orchard_tuner_add_param (OrchardTuner  *self,
                         const char    *spec,
                         GError       **error)
{
  g_autoptr(GString) stripped = NULL;
  Dimension *dim;
  const char *equals, *text, *dots;
  gboolean ok;

  g_return_val_if_fail (ORCHARD_IS_TUNER (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  equals = strchr (spec, '=');
  if (equals == NULL || equals == spec)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not NAME=V1,V2,… nor NAME=LOW..HIGH"), spec);
      return FALSE;
    }

  dim = g_new0 (Dimension, 1);
  dim->name = g_strstrip (g_strndup (spec, equals - spec));
  text = equals + 1;

  for (guint i = 0; i < self->dimensions->len; i++)
    if (strcmp (((Dimension *) g_ptr_array_index (self->dimensions, i))->name, dim->name) == 0)
      {
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                     _("Parameter “%s” is searched twice; give all its values at once"),
                     dim->name);
        dimension_free (dim);
        return FALSE;
      }

  dim->pspec = find_pspec (self, dim->name, error);
  if (dim->pspec == NULL)
    {
      dimension_free (dim);
      return FALSE;
    }
  if (*text == '\0')
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Parameter “%s” has no values"), dim->name);
      dimension_free (dim);
      return FALSE;
    }

  dots = strstr (text, "..");
  if (dots != NULL)
    ok = parse_range (self, dim, text, dots, error);
  else
    ok = parse_list (self, dim, text, error);

  if (!ok)
    {
      dimension_free (dim);
      return FALSE;
    }

  g_ptr_array_add (self->dimensions, dim);
  return TRUE;
}

/**
 * orchard_tuner_get_n_params:
 * @self: a tuner
 *
 * Returns: how many parameters are searched
 */
guint
orchard_tuner_get_n_params (OrchardTuner *self)
{
  g_return_val_if_fail (ORCHARD_IS_TUNER (self), 0);
  return self->dimensions->len;
}

/**
 * orchard_tuner_set_random:
 * @self: a tuner
 * @n_draws: how many settings to draw, or 0 for a grid search
 *
 * Random search: each draw takes every parameter independently, uniformly
 * from its list or range (log-uniformly with `:log`; integers uniformly
 * among the integers of the range). When every parameter has finitely many
 * values, the draws are distinct settings of the grid, as scikit-learn's
 * ParameterSampler makes them, and @n_draws at or above the grid's size
 * gives every setting once.
 */
void
orchard_tuner_set_random (OrchardTuner *self,
                          guint         n_draws)
{
  g_return_if_fail (ORCHARD_IS_TUNER (self));
  self->n_draws = n_draws;
}

/**
 * orchard_tuner_set_folds:
 * @self: a tuner
 * @n_folds: 0 to score on the validation rows, or 2 or more folds
 * @error: return location for a #GError
 *
 * Returns: %FALSE if @n_folds is 1
 */
gboolean
orchard_tuner_set_folds (OrchardTuner  *self,
                         guint          n_folds,
                         GError       **error)
{
  g_return_val_if_fail (ORCHARD_IS_TUNER (self), FALSE);

  if (n_folds == 1)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Cross-validation needs 2 folds or more"));
      return FALSE;
    }
  self->n_folds = n_folds;
  return TRUE;
}

/**
 * orchard_tuner_set_halving:
 * @self: a tuner
 * @halving: whether to drop weak candidates early by successive halving
 */
void
orchard_tuner_set_halving (OrchardTuner *self,
                           gboolean      halving)
{
  g_return_if_fail (ORCHARD_IS_TUNER (self));
  self->halving = !!halving;
}

/**
 * orchard_tuner_set_seed:
 * @self: a tuner
 * @seed: the seed of the split, the folds, the random draws and the
 *   subsamples of halving; a learner's own `seed` is one of its settings
 */
void
orchard_tuner_set_seed (OrchardTuner *self,
                        guint64       seed)
{
  g_return_if_fail (ORCHARD_IS_TUNER (self));
  self->seed = seed;
}

/**
 * orchard_tuner_set_metric:
 * @self: a tuner
 * @metric: (nullable): a metric key of the task (see #OrchardMetrics), or
 *   %NULL for the default: `roc_auc` for two classes, `log_loss` for more,
 *   `rmse` for numbers
 */
void
orchard_tuner_set_metric (OrchardTuner *self,
                          const char   *metric)
{
  g_return_if_fail (ORCHARD_IS_TUNER (self));
  g_free (self->metric);
  self->metric = g_strdup (metric);
}

/**
 * orchard_tuner_set_pipeline:
 * @self: a tuner
 * @pipeline: (nullable): an unfitted pipeline, copied for every fit, or
 *   %NULL for the automatic pipeline of the learner's family
 */
void
orchard_tuner_set_pipeline (OrchardTuner    *self,
                            OrchardPipeline *pipeline)
{
  g_return_if_fail (ORCHARD_IS_TUNER (self));
  g_return_if_fail (pipeline == NULL || ORCHARD_IS_PIPELINE (pipeline));
  g_set_object (&self->pipeline, pipeline);
}

/**
 * orchard_tuner_set_split:
 * @self: a tuner
 * @split: (nullable): how to split and fold, with its fractions; its seed
 *   is replaced by the tuner's. %NULL for #OrchardTrainer's default
 */
void
orchard_tuner_set_split (OrchardTuner *self,
                         OrchardSplit *split)
{
  g_return_if_fail (ORCHARD_IS_TUNER (self));
  g_return_if_fail (split == NULL || ORCHARD_IS_SPLIT (split));
  g_set_object (&self->split, split);
}

/**
 * orchard_tuner_set_project:
 * @self: a tuner
 * @project: (nullable): where to record every candidate as a run, or %NULL
 *
 * With a project, orchard_tuner_run() adds the data set to it and records
 * each evaluation as a run as it goes (from the thread that runs the
 * search; a project serialises its calls): begun when it starts, with the
 * learner and every parameter; its metrics on the validation rows (split
 * "valid"), or of every fold and their means (split "cv"); the tags
 * `search` (one id for the whole search), `search.candidate`,
 * `search.round`, `search.rows` and `search.status` (updated when a
 * halving round promotes or drops it), and `search.best` on the best one;
 * and finished, failed with the learner's message, or cancelled.
 */
void
orchard_tuner_set_project (OrchardTuner   *self,
                           OrchardProject *project)
{
  g_return_if_fail (ORCHARD_IS_TUNER (self));
  g_return_if_fail (project == NULL || ORCHARD_IS_PROJECT (project));
  g_set_object (&self->project, project);
}

/**
 * orchard_tuner_set_candidate_func:
 * @self: a tuner
 * @func: (nullable) (scope notified): called as candidates finish
 * @user_data: its data
 * @destroy: (nullable): frees @user_data
 */
void
orchard_tuner_set_candidate_func (OrchardTuner     *self,
                                  OrchardTunerFunc  func,
                                  gpointer          user_data,
                                  GDestroyNotify    destroy)
{
  g_return_if_fail (ORCHARD_IS_TUNER (self));

  if (self->func_destroy != NULL)
    self->func_destroy (self->func_data);
  self->func = func;
  self->func_data = user_data;
  self->func_destroy = destroy;
}

/* Expansion ----------------------------------------------------------------- */

/* The number of values of a finite dimension, 0 for a continuous one. */
static guint64
dimension_size (Dimension *dim)
{
  if (dim->values != NULL)
    return dim->values->len;
  if (dim->integer && !dim->log)
    return (guint64) (dim->high - dim->low) + 1;
  return 0;
}

static GVariant *
dimension_value (Dimension *dim,
                 guint64    index)
{
  if (dim->values != NULL)
    return g_variant_ref (g_ptr_array_index (dim->values, index));
  return g_variant_ref_sink (number_variant (dim->pspec, dim->low + (double) index));
}

static GVariant *
dimension_draw (Dimension  *dim,
                OrchardRng *rng)
{
  double u, value;

  if (dim->values != NULL)
    return g_variant_ref (g_ptr_array_index (dim->values,
                                             orchard_rng_below (rng, dim->values->len)));

  if (dim->integer && !dim->log)
    value = dim->low + (double) orchard_rng_below (rng, (guint64) (dim->high - dim->low) + 1);
  else
    {
      /* Integers of a log range: the floor of a log-uniform draw over
       * [LOW, HIGH + 1), so that every integer gets its share. */
      double high = dim->integer ? dim->high + 1.0 : dim->high;

      u = orchard_rng_uniform (rng);
      if (dim->log)
        value = exp (log (dim->low) + u * (log (high) - log (dim->low)));
      else
        value = dim->low + u * (high - dim->low);
      if (dim->integer)
        value = floor (value);
      value = CLAMP (value, dim->low, dim->high);
    }

  return g_variant_ref_sink (number_variant (dim->pspec, value));
}

/* The setting of grid position @index, the last dimension varying fastest. */
static GVariant *
grid_setting (OrchardTuner *self,
              guint64       index)
{
  guint n = self->dimensions->len;
  g_autofree GVariant **values = g_new0 (GVariant *, MAX (n, 1));
  GVariantBuilder builder;

  for (guint d = n; d-- > 0;)
    {
      Dimension *dim = g_ptr_array_index (self->dimensions, d);
      guint64 size = dimension_size (dim);

      values[d] = dimension_value (dim, index % size);
      index /= size;
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint d = 0; d < n; d++)
    {
      Dimension *dim = g_ptr_array_index (self->dimensions, d);

      g_variant_builder_add (&builder, "{sv}", dim->name, values[d]);
      g_variant_unref (values[d]);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/**
 * orchard_tuner_expand:
 * @self: a tuner
 * @error: return location for a #GError
 *
 * The settings the search scores, in order. A grid lists the cartesian
 * product of the values in the order the parameters were added, the last
 * one varying fastest, each parameter's values in the order given (an
 * integer range from LOW up). A random search lists its draws in the order
 * drawn, reproducibly for a seed.
 *
 * Returns: (transfer container) (element-type GVariant): `a{sv}` settings,
 *   or %NULL if the space is empty or a grid has a continuous range
 */
GPtrArray *
orchard_tuner_expand (OrchardTuner  *self,
                      GError       **error)
{
  g_autoptr(GPtrArray) settings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  guint64 grid_size = 1;
  gboolean finite = TRUE;
  OrchardRng rng;

  g_return_val_if_fail (ORCHARD_IS_TUNER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->dimensions->len == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Nothing to search: give at least one parameter with its values"));
      return NULL;
    }

  for (guint d = 0; d < self->dimensions->len; d++)
    {
      Dimension *dim = g_ptr_array_index (self->dimensions, d);
      guint64 size = dimension_size (dim);

      if (size == 0)
        {
          finite = FALSE;
          if (self->n_draws == 0)
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           _("Parameter “%s” has a continuous range, which only a random "
                             "search can sample; list its values for a grid"), dim->name);
              return NULL;
            }
        }
      else if (self->n_draws == 0 && dim->values == NULL && size > MAX_INT_VALUES)
        {
          g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, size);

          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("Parameter “%s” has %s whole numbers in its range, too many for a "
                         "grid; narrow it or use a random search"), dim->name, count);
          return NULL;
        }
      else
        grid_size = grid_size > G_MAXUINT64 / size ? G_MAXUINT64 : grid_size * size;
    }

  if (self->n_draws == 0)
    {
      if (grid_size > MAX_GRID)
        {
          g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, grid_size);

          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("The grid has %s settings, more than %d; use a random search"), count,
                       MAX_GRID);
          return NULL;
        }
      for (guint64 i = 0; i < grid_size; i++)
        g_ptr_array_add (settings, grid_setting (self, i));
      return g_steal_pointer (&settings);
    }

  orchard_rng_init_stream (&rng, self->seed, DRAW_STREAM);

  if (finite && grid_size <= MAX_SAMPLED)
    {
      /* Distinct settings: a partial Fisher–Yates shuffle of the grid. */
      gsize n = (gsize) grid_size;
      gsize n_take = MIN ((gsize) self->n_draws, n);
      g_autofree gsize *order = g_new (gsize, n);

      for (gsize i = 0; i < n; i++)
        order[i] = i;
      for (gsize i = 0; i < n_take; i++)
        {
          gsize j = i + (gsize) orchard_rng_below (&rng, n - i);
          gsize t = order[i];

          order[i] = order[j];
          order[j] = t;
          g_ptr_array_add (settings, grid_setting (self, order[i]));
        }
      return g_steal_pointer (&settings);
    }

  for (guint i = 0; i < self->n_draws; i++)
    {
      GVariantBuilder builder;

      g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
      for (guint d = 0; d < self->dimensions->len; d++)
        {
          Dimension *dim = g_ptr_array_index (self->dimensions, d);
          g_autoptr(GVariant) value = dimension_draw (dim, &rng);

          g_variant_builder_add (&builder, "{sv}", dim->name, value);
        }
      g_ptr_array_add (settings, g_variant_ref_sink (g_variant_builder_end (&builder)));
    }

  return g_steal_pointer (&settings);
}

/* Successive halving -------------------------------------------------------- */

/**
 * orchard_tuner_halving_schedule:
 * @n_candidates: the candidates of the first round, at least 1
 * @max_rows: the budget of a full fit, in rows
 * @min_rows: the smallest budget worth fitting on (scikit-learn's
 *   "smallest": 2 × folds × classes, 2 × folds for a regressor, one fold
 *   when scored on validation rows)
 * @factor: how many times fewer candidates each round keeps, and how many
 *   times more rows it gives them (3)
 * @n_rounds: (out): return location for the number of rounds
 *
 * The rounds of successive halving as scikit-learn's HalvingGridSearchCV
 * computes them with `min_resources="exhaust"` and no aggressive
 * elimination: the rounds needed to bring the candidates down to one are
 * 1 + ⌊log(@n_candidates) / log(@factor)⌋; the first round's budget is the
 * larger of @min_rows and ⌊@max_rows / @factor^(rounds needed - 1)⌋; the
 * rounds that fit are 1 + ⌊log(⌊@max_rows / first budget⌋) / log(@factor)⌋;
 * round i gives first budget × @factor^i rows (at most @max_rows) to the
 * ⌈previous candidates / @factor⌉ best candidates of round i - 1. When
 * @min_rows exceeds @max_rows there is one round with every row.
 *
 * Returns: (transfer full) (array length=n_rounds): the rounds
 */
OrchardHalvingRound *
orchard_tuner_halving_schedule (guint  n_candidates,
                                gsize  max_rows,
                                gsize  min_rows,
                                guint  factor,
                                guint *n_rounds)
{
  OrchardHalvingRound *rounds;
  guint n_required, n_possible, n;
  gsize first;

  g_return_val_if_fail (n_candidates >= 1, NULL);
  g_return_val_if_fail (max_rows >= 1, NULL);
  g_return_val_if_fail (factor >= 2, NULL);
  g_return_val_if_fail (n_rounds != NULL, NULL);

  /* The same floating-point logarithms as scikit-learn (math.log(x, base)),
   * so that exact powers round the same way. */
  n_required = 1 + (guint) floor (log ((double) n_candidates) / log ((double) factor));
  first = MAX (min_rows, 1);
  {
    double power = pow ((double) factor, (double) (n_required - 1));
    gsize exhaust = (gsize) floor ((double) max_rows / power);

    first = MAX (first, exhaust);
  }

  if (first > max_rows)
    {
      rounds = g_new (OrchardHalvingRound, 1);
      rounds[0].rows = max_rows;
      rounds[0].n_candidates = n_candidates;
      *n_rounds = 1;
      return rounds;
    }

  n_possible = 1 + (guint) floor (log ((double) (max_rows / first)) / log ((double) factor));
  n = MIN (n_possible, n_required);

  rounds = g_new (OrchardHalvingRound, n);
  for (guint i = 0; i < n; i++)
    {
      double budget = pow ((double) factor, (double) i) * (double) first;

      rounds[i].rows = (gsize) MIN (budget, (double) max_rows);
      rounds[i].n_candidates = i == 0 ? n_candidates
                                      : (rounds[i - 1].n_candidates + factor - 1) / factor;
    }

  *n_rounds = n;
  return rounds;
}

/* Preparing the data, as OrchardTrainer does -------------------------------- */

typedef struct
{
  OrchardTable  *table;        /* labelled rows, roles set */
  OrchardTask    task;
  GPtrArray     *labels;       /* sorted, NULL-terminated; NULL for regression */
  GHashTable    *label_index;  /* label → index + 1 */
  OrchardSplit  *split;
  guint         *row_class;    /* the class of each row of @table, for classes */
} Prepared;

static void
prepared_clear (Prepared *p)
{
  g_clear_object (&p->table);
  g_clear_pointer (&p->labels, g_ptr_array_unref);
  g_clear_pointer (&p->label_index, g_hash_table_unref);
  g_clear_object (&p->split);
  g_clear_pointer (&p->row_class, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Prepared, prepared_clear)

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
prepare_target (OrchardTuner  *self,
                Prepared      *p,
                GError       **error)
{
  g_autoptr(OrchardTable) with_role = NULL;
  g_autofree gsize *rows = NULL;
  OrchardColumn *target;
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
  target = orchard_table_get_column (with_role, index);
  rows = g_new (gsize, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    if (!orchard_column_is_missing (target, r))
      rows[n++] = r;
  if (n == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                   _("The data has no row with a value of “%s”"), self->target);
      return FALSE;
    }
  p->table = n == n_rows ? g_steal_pointer (&with_role)
                         : orchard_table_select_rows (with_role, rows, n);
  target = orchard_table_get_column (p->table, orchard_table_get_target (p->table));
  kind = orchard_column_get_kind (target);

  if (kind == ORCHARD_COLUMN_KIND_NUMERIC)
    p->task = ORCHARD_TASK_REGRESSION;
  else if (kind == ORCHARD_COLUMN_KIND_CATEGORICAL)
    {
      guint n_levels = orchard_column_get_n_levels (target);
      const guint32 *codes = orchard_column_get_codes (target);
      g_autofree gboolean *used = g_new0 (gboolean, MAX (n_levels, 1));

      for (gsize r = 0; r < n; r++)
        used[codes[r]] = TRUE;

      p->labels = g_ptr_array_new_null_terminated (n_levels, NULL, TRUE);
      for (guint l = 0; l < n_levels; l++)
        if (used[l])
          g_ptr_array_add (p->labels, (gpointer) orchard_column_get_level (target, l));
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

  if ((orchard_model_get_tasks (self->model) & (1 << p->task)) == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Learner “%s” cannot do %s, the task of target “%s”"),
                   orchard_model_get_name (self->model), orchard_task_to_string (p->task),
                   self->target);
      return FALSE;
    }

  return TRUE;
}

/* The class index or value of each row of @table's target. */
static double *
target_values (Prepared     *p,
               OrchardTable *table)
{
  OrchardColumn *column = orchard_table_get_column (table, orchard_table_get_target (table));
  gsize n_rows = orchard_table_get_n_rows (table);
  double *y = g_new (double, MAX (n_rows, 1));

  if (p->task == ORCHARD_TASK_REGRESSION)
    {
      memcpy (y, orchard_column_get_values (column), n_rows * sizeof (double));
      return y;
    }

  {
    guint n_levels = orchard_column_get_n_levels (column);
    const guint32 *codes = orchard_column_get_codes (column);
    g_autofree guint *index = g_new (guint, MAX (n_levels, 1));

    for (guint l = 0; l < n_levels; l++)
      index[l] = GPOINTER_TO_UINT (g_hash_table_lookup (p->label_index,
                                                         orchard_column_get_level (column, l)));
    /* Only labelled rows of the data itself come here: every code is known. */
    for (gsize r = 0; r < n_rows; r++)
      {
        g_assert (codes[r] != ORCHARD_CODE_MISSING && index[codes[r]] > 0);
        y[r] = index[codes[r]] - 1;
      }
  }

  return y;
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

static OrchardPartition *
prepare_split (OrchardTuner  *self,
               Prepared      *p,
               GError       **error)
{
  double fractions[3] = { 0.7, 0.15, 0.15 };
  OrchardSplitMethod method;
  const char *column;

  if (self->split == NULL)
    p->split = orchard_split_new (p->task != ORCHARD_TASK_REGRESSION
                                    ? ORCHARD_SPLIT_STRATIFIED : ORCHARD_SPLIT_RANDOM);
  else
    {
      p->split = orchard_split_new (orchard_split_get_method (self->split));
      if (orchard_split_get_column (self->split) != NULL)
        g_object_set (p->split, "column", orchard_split_get_column (self->split), NULL);
      orchard_split_get_fractions (self->split, &fractions[0], &fractions[1], &fractions[2]);
    }
  if (!orchard_split_set_fractions (p->split, fractions[0], fractions[1], fractions[2], error))
    return NULL;
  orchard_split_set_seed (p->split, self->seed);

  method = orchard_split_get_method (p->split);
  column = orchard_split_get_column (p->split);
  if (column != NULL && method == ORCHARD_SPLIT_GROUP &&
      !set_role (&p->table, column, ORCHARD_COLUMN_ROLE_ID, error))
    return NULL;
  if (column != NULL && method == ORCHARD_SPLIT_TIME &&
      !set_role (&p->table, column, ORCHARD_COLUMN_ROLE_TIME, error))
    return NULL;

  return orchard_split_apply (p->split, p->table, NULL, error);
}

/* One training/scoring set-up: the pipeline fitted on some rows, and the
 * matrices every candidate of a round learns from and is scored on. */
typedef struct
{
  OrchardMatrix *X;
  double        *y;
  double        *weights;
  OrchardMatrix *X_valid;
  double        *y_valid;
  char          *pipeline_spec;
} Fold;

static void
fold_free (Fold *fold)
{
  g_clear_pointer (&fold->X, orchard_matrix_unref);
  g_free (fold->y);
  g_free (fold->weights);
  g_clear_pointer (&fold->X_valid, orchard_matrix_unref);
  g_free (fold->y_valid);
  g_free (fold->pipeline_spec);
  g_free (fold);
}

static double *
training_weights (OrchardPipeline *pipeline,
                  Prepared        *p,
                  const double    *y,
                  gsize            n_rows)
{
  g_autofree double *per_class = NULL;
  double *weights;
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
  return weights;
}

static Fold *
make_fold (OrchardTuner  *self,
           Prepared      *p,
           const gsize   *train,
           gsize          n_train,
           const gsize   *valid,
           gsize          n_valid,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(OrchardPipeline) pipeline = NULL;
  g_autoptr(OrchardTable) valid_rows = NULL;
  Fold *fold;
  OrchardTable *training;

  if (self->pipeline != NULL)
    {
      /* A fresh copy each time: a pipeline is fitted once. */
      g_autoptr(JsonNode) spec = orchard_pipeline_to_json (self->pipeline);

      pipeline = orchard_pipeline_new_from_json (spec, NULL, error);
      if (pipeline == NULL)
        return NULL;
    }
  else
    {
      /* Even the automatic choices come from the training rows alone. */
      g_autoptr(OrchardTable) rows = orchard_table_select_rows (p->table, train, n_train);
      g_autoptr(OrchardProfile) profile = NULL;

      profile = orchard_profile_compute (rows, self->target, NULL, NULL, cancellable, error);
      if (profile == NULL)
        return NULL;
      pipeline = orchard_pipeline_new_auto (profile, orchard_model_get_family (self->model));
    }

  if (!orchard_pipeline_fit (pipeline, p->table, train, n_train, NULL, NULL, cancellable, error))
    return NULL;

  fold = g_new0 (Fold, 1);
  fold->pipeline_spec = orchard_pipeline_to_spec (pipeline);
  training = orchard_pipeline_get_training_table (pipeline);
  fold->X = orchard_pipeline_vectorise (pipeline, training, error);
  if (fold->X == NULL)
    {
      fold_free (fold);
      return NULL;
    }
  fold->y = target_values (p, training);
  fold->weights = training_weights (pipeline, p, fold->y, orchard_matrix_get_n_rows (fold->X));

  valid_rows = orchard_table_select_rows (p->table, valid, n_valid);
  fold->X_valid = orchard_pipeline_transform (pipeline, valid_rows, error);
  if (fold->X_valid == NULL)
    {
      fold_free (fold);
      return NULL;
    }
  fold->y_valid = target_values (p, valid_rows);
  return fold;
}

/* Scoring ------------------------------------------------------------------- */

static const char *
default_metric (OrchardTask task)
{
  switch (task)
    {
    case ORCHARD_TASK_BINARY:
      return "roc_auc";
    case ORCHARD_TASK_MULTICLASS:
      return "log_loss";
    case ORCHARD_TASK_REGRESSION:
    default:
      return "rmse";
    }
}

static OrchardMetricsTask
metrics_task (OrchardTask task)
{
  switch (task)
    {
    case ORCHARD_TASK_BINARY:
      return ORCHARD_METRICS_TASK_BINARY;
    case ORCHARD_TASK_MULTICLASS:
      return ORCHARD_METRICS_TASK_MULTICLASS;
    case ORCHARD_TASK_REGRESSION:
    default:
      return ORCHARD_METRICS_TASK_REGRESSION;
    }
}

/* The metrics of @outputs (the learner's predictions) against @y. */
static OrchardMetrics *
score_outputs (Prepared       *p,
               OrchardMatrix  *outputs,
               const double   *y,
               GError        **error)
{
  OrchardMetrics *metrics;
  const double *out = orchard_matrix_get_data (outputs);
  gsize n = orchard_matrix_get_n_rows (outputs);

  if (p->task == ORCHARD_TASK_REGRESSION)
    metrics = orchard_metrics_new_regression (y, out, n, error);
  else
    {
      g_autofree guint32 *codes = g_new (guint32, MAX (n, 1));

      for (gsize r = 0; r < n; r++)
        codes[r] = (guint32) y[r];

      if (p->task == ORCHARD_TASK_BINARY)
        {
          g_autofree double *positive = g_new (double, MAX (n, 1));

          for (gsize r = 0; r < n; r++)
            positive[r] = out[r * 2 + 1];
          /* The threshold of a new bundle. */
          metrics = orchard_metrics_new_binary (codes, positive, NULL, n, 0.5,
                                                (const char * const *) p->labels->pdata, error);
        }
      else
        metrics = orchard_metrics_new_multiclass (codes, out, n, p->labels->len,
                                                  (const char * const *) p->labels->pdata,
                                                  error);
    }

  return metrics;
}

/* A new learner with the base settings and the candidate's. */
static OrchardModel *
candidate_model (OrchardTuner                *self,
                 GVariant                    *base,
                 const OrchardTunerCandidate *candidate,
                 GError                     **error)
{
  g_autoptr(OrchardModel) model = g_object_new (G_OBJECT_TYPE (self->model), NULL);

  if (!orchard_model_set_params (model, base, error) ||
      !orchard_model_set_params (model, candidate->params, error))
    return NULL;
  return g_steal_pointer (&model);
}

/* Scored on the validation rows, as the trainer would train it. */
static gboolean
score_on_validation (OrchardTuner           *self,
                     Prepared               *p,
                     Fold                   *fold,
                     GVariant               *base,
                     OrchardTunerCandidate  *candidate,
                     OrchardProgressStage   *stage,
                     GCancellable           *cancellable,
                     GError                **error)
{
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardMatrix) outputs = NULL;
  g_autoptr(OrchardMetrics) metrics = NULL;

  candidate->n_folds = 1;
  candidate->fold_scores = g_new (double, 1);
  candidate->std = NAN;

  model = candidate_model (self, base, candidate, error);
  if (model == NULL ||
      !orchard_model_set_target (model, p->task,
                                 p->labels != NULL ? (const char * const *) p->labels->pdata
                                                   : NULL,
                                 error) ||
      !orchard_model_fit (model, fold->X, fold->y, fold->X_valid, fold->y_valid, fold->weights,
                          orchard_progress_stage_relay, stage, cancellable, error))
    return FALSE;

  outputs = orchard_model_predict (model, fold->X_valid, cancellable, error);
  if (outputs == NULL)
    return FALSE;
  metrics = score_outputs (p, outputs, fold->y_valid, error);
  if (metrics == NULL)
    return FALSE;

  candidate->fold_scores[0] = orchard_metrics_get (metrics, self->metric_used);
  candidate->score = candidate->fold_scores[0];

  if (candidate->run_id > 0 &&
      (!orchard_project_log_setup (self->project, candidate->run_id, NULL, NULL, NULL,
                                   fold->pipeline_spec, error) ||
       !orchard_project_log_metrics (self->project, candidate->run_id, "valid",
                                     ORCHARD_RUN_FOLD_NONE, metrics, error)))
    return FALSE;
  return TRUE;
}

/* Scored by OrchardCrossValidation on @rows (a table of the round's rows). */
static gboolean
score_by_cross_validation (OrchardTuner           *self,
                           Prepared               *p,
                           OrchardTable           *rows,
                           GVariant               *base,
                           OrchardTunerCandidate  *candidate,
                           OrchardProgressStage   *stage,
                           GCancellable           *cancellable,
                           GError                **error)
{
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardCrossValidation) cv = NULL;
  guint n_labels = 0;

  model = candidate_model (self, base, candidate, error);
  if (model == NULL)
    return FALSE;

  cv = orchard_cross_validation_new (rows, self->target, model);
  if (!orchard_cross_validation_set_folds (cv, self->n_folds, 1, error))
    return FALSE;
  orchard_cross_validation_set_seed (cv, self->seed);
  orchard_cross_validation_set_split (cv, p->split);
  orchard_cross_validation_set_keep_models (cv, FALSE);
  if (self->pipeline != NULL)
    orchard_cross_validation_set_pipeline (cv, self->pipeline);

  if (!orchard_cross_validation_run (cv, orchard_progress_stage_relay, stage, cancellable, error))
    return FALSE;

  /* A round's rows hold every class they can (see subsample()); only a
   * class whose every row is a test row is missing, and then the folds
   * would score another task. */
  if (orchard_cross_validation_get_labels (cv) != NULL)
    n_labels = g_strv_length ((char **) orchard_cross_validation_get_labels (cv));
  if (orchard_cross_validation_get_task (cv) != p->task ||
      n_labels != (p->labels != NULL ? p->labels->len : 0))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The training and validation rows lack a class of “%s” that the test "
                     "rows have; it has too few rows to cross-validate"), self->target);
      return FALSE;
    }

  candidate->n_folds = orchard_cross_validation_get_n_results (cv);
  candidate->fold_scores = g_new (double, MAX (candidate->n_folds, 1));
  for (guint f = 0; f < candidate->n_folds; f++)
    candidate->fold_scores[f] = orchard_metrics_get (orchard_cross_validation_get_metrics (cv, f),
                                                     self->metric_used);
  orchard_cross_validation_get_summary (cv, self->metric_used, &candidate->score,
                                        &candidate->std);

  if (candidate->run_id > 0)
    {
      const char * const *keys = orchard_metrics_task_get_keys (metrics_task (p->task));

      for (guint f = 0; f < candidate->n_folds; f++)
        if (!orchard_project_log_metrics (self->project, candidate->run_id, "cv", (int) f,
                                          orchard_cross_validation_get_metrics (cv, f), error))
          return FALSE;
      for (guint k = 0; keys[k] != NULL; k++)
        {
          double mean = NAN;

          orchard_cross_validation_get_summary (cv, keys[k], &mean, NULL);
          if (!orchard_project_log_metric (self->project, candidate->run_id, "cv",
                                           ORCHARD_RUN_FOLD_NONE, keys[k], mean, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Scores one candidate. FALSE only when cancelled; a learner that refuses
 * the settings or fails marks the candidate failed. */
static gboolean
evaluate (OrchardTuner           *self,
          Prepared               *p,
          Fold                   *fold,
          OrchardTable           *rows,
          GVariant               *base,
          OrchardTunerCandidate  *candidate,
          OrchardProgressStage   *stage,
          GCancellable           *cancellable,
          GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 started = g_get_monotonic_time ();
  gboolean ok;

  if (fold != NULL)
    ok = score_on_validation (self, p, fold, base, candidate, stage, cancellable, &local_error);
  else
    ok = score_by_cross_validation (self, p, rows, base, candidate, stage, cancellable,
                                    &local_error);
  candidate->seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  if (!ok)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      candidate->status = ORCHARD_TUNER_STATUS_FAILED;
      candidate->message = g_strdup (local_error->message);
      candidate->score = NAN;
      candidate->std = NAN;
      return TRUE;
    }

  candidate->status = ORCHARD_TUNER_STATUS_DONE;
  if (isnan (candidate->score))
    {
      candidate->status = ORCHARD_TUNER_STATUS_FAILED;
      candidate->message = g_strdup_printf (_("The metric “%s” is not defined on these rows"),
                                            self->metric_used);
    }
  return TRUE;
}

/* Recording in a project ---------------------------------------------------- */

static char *
describe_split (OrchardSplit *split)
{
  g_autoptr(GEnumClass) methods = g_type_class_ref (ORCHARD_TYPE_SPLIT_METHOD);
  const char *method = g_enum_get_value (methods, orchard_split_get_method (split))->value_nick;
  const char *column = orchard_split_get_column (split);

  return column != NULL ? g_strdup_printf ("%s:%s", method, column) : g_strdup (method);
}

static gboolean
set_tag_printf (OrchardProject  *project,
                gint64           run_id,
                const char      *key,
                GError         **error,
                const char      *format,
                ...) G_GNUC_PRINTF (5, 6);

static gboolean
set_tag_printf (OrchardProject  *project,
                gint64           run_id,
                const char      *key,
                GError         **error,
                const char      *format,
                ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  return orchard_project_set_tag (project, run_id, key, value, error);
}

/* Begins the run of @candidate, with its learner and settings. */
static gboolean
record_begin (OrchardTuner           *self,
              Prepared               *p,
              gint64                  dataset_id,
              const char             *search_id,
              GVariant               *base,
              OrchardTunerCandidate  *candidate,
              GError                **error)
{
  g_autoptr(OrchardModel) model = candidate_model (self, base, candidate, NULL);
  g_autofree char *split = describe_split (p->split);
  g_autofree char *pipeline = NULL;
  double fractions[3];
  gint64 id;

  /* Settings the learner refuses are recorded by the failure's message. */
  if (model == NULL)
    model = g_object_ref (self->model);

  id = orchard_project_begin_run (self->project, dataset_id, self->target, model, self->seed, 0,
                                  error);
  if (id <= 0)
    return FALSE;
  candidate->run_id = id;

  orchard_split_get_fractions (p->split, &fractions[0], &fractions[1], &fractions[2]);
  pipeline = self->pipeline != NULL
             ? g_strdup ("custom")
             : g_strdup_printf ("auto:%s", orchard_model_family_to_string (
                                             orchard_model_get_family (self->model)));

  return orchard_project_log_setup (self->project, id, split, fractions, pipeline, NULL, error) &&
         orchard_project_set_tag (self->project, id, "search", search_id, error) &&
         set_tag_printf (self->project, id, "search.candidate", error, "%u",
                         candidate->candidate) &&
         set_tag_printf (self->project, id, "search.round", error, "%u", candidate->round + 1) &&
         set_tag_printf (self->project, id, "search.rows", error, "%" G_GSIZE_FORMAT,
                         candidate->rows) &&
         orchard_project_set_tag (self->project, id, "search.status",
                                  orchard_tuner_status_to_string (candidate->status), error);
}

static gboolean
record_status (OrchardTuner                *self,
               const OrchardTunerCandidate *candidate,
               GError                     **error)
{
  if (candidate->run_id <= 0)
    return TRUE;
  return orchard_project_set_tag (self->project, candidate->run_id, "search.status",
                                  orchard_tuner_status_to_string (candidate->status), error);
}

static gboolean
record_end (OrchardTuner                *self,
            const OrchardTunerCandidate *candidate,
            GError                     **error)
{
  gboolean failed = candidate->status == ORCHARD_TUNER_STATUS_FAILED;

  if (candidate->run_id <= 0)
    return TRUE;
  return record_status (self, candidate, error) &&
         orchard_project_finish_run (self->project, candidate->run_id,
                                     failed ? ORCHARD_RUN_FAILED : ORCHARD_RUN_FINISHED,
                                     failed ? candidate->message : NULL, error);
}

/* Better first; failed last; ties by the order of the search space. */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const OrchardTunerCandidate *x = *(const OrchardTunerCandidate * const *) a;
  const OrchardTunerCandidate *y = *(const OrchardTunerCandidate * const *) b;
  gboolean greater = GPOINTER_TO_INT (user_data);

  if (isnan (x->score) != isnan (y->score))
    return isnan (x->score) ? 1 : -1;
  if (!isnan (x->score) && x->score != y->score)
    return (x->score > y->score) == greater ? -1 : 1;
  return (x->candidate > y->candidate) - (x->candidate < y->candidate);
}

static void
notify (OrchardTuner                *self,
        const OrchardTunerCandidate *candidate)
{
  if (self->func != NULL)
    self->func (candidate, self->func_data);
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

static int
compare_gsize (gconstpointer a,
               gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return (x > y) - (x < y);
}

/* The rows of a halving round: @n_rows of the @n_pool rows of @order (a
 * seeded shuffle of the pool), taken from its start; for classes, in each
 * class's share of the pool (largest remainders, every class at least one
 * row while there are enough), so that a subsample holds every class.
 * Sorted, so that the full budget is the pool in its own order. */
static gsize *
subsample (Prepared    *p,
           const gsize *order,
           gsize        n_pool,
           gsize        n_rows)
{
  gsize *rows = g_new (gsize, MAX (n_rows, 1));
  gsize n = 0;

  if (p->labels == NULL || n_rows >= n_pool)
    memcpy (rows, order, MIN (n_rows, n_pool) * sizeof (gsize));
  else
    {
      guint n_classes = p->labels->len;
      g_autofree gsize *count = g_new0 (gsize, n_classes);
      g_autofree gsize *quota = g_new0 (gsize, n_classes);
      g_autofree gsize *taken = g_new0 (gsize, n_classes);
      g_autofree double *remainder = g_new0 (double, n_classes);
      gsize given = 0;
      guint present = 0;

      for (gsize i = 0; i < n_pool; i++)
        count[p->row_class[order[i]]]++;
      for (guint c = 0; c < n_classes; c++)
        {
          double share = (double) n_rows * count[c] / n_pool;

          quota[c] = (gsize) floor (share);
          remainder[c] = share - quota[c];
          given += quota[c];
          present += count[c] > 0;
        }
      while (given < n_rows)
        {
          guint best = 0;

          for (guint c = 1; c < n_classes; c++)
            if (remainder[c] > remainder[best])
              best = c;
          quota[best]++;
          remainder[best] = -1.0;
          given++;
        }
      /* Every class present, taken from the largest quota. */
      if (n_rows >= present)
        for (guint c = 0; c < n_classes; c++)
          if (count[c] > 0 && quota[c] == 0)
            {
              guint largest = 0;

              for (guint d = 1; d < n_classes; d++)
                if (quota[d] > quota[largest])
                  largest = d;
              quota[largest]--;
              quota[c]++;
            }

      for (gsize i = 0; i < n_pool && n < n_rows; i++)
        {
          guint c = p->row_class[order[i]];

          if (taken[c] < quota[c])
            {
              taken[c]++;
              rows[n++] = order[i];
            }
        }
      g_assert (n == n_rows);
    }

  qsort (rows, MIN (n_rows, n_pool), sizeof (gsize), compare_gsize);
  return rows;
}

static void
reset_results (OrchardTuner *self)
{
  g_ptr_array_set_size (self->candidates, 0);
  g_array_set_size (self->rounds, 0);
  self->best = -1;
  g_clear_pointer (&self->metric_used, g_free);
}

/**
 * orchard_tuner_run:
 * @self: a tuner
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Scores every candidate (see #OrchardTuner), reporting each to the
 * candidate function as it finishes. A candidate the learner refuses or
 * fails to fit is marked failed and the search goes on. When cancelled,
 * the candidates that finished stay in orchard_tuner_get_candidate().
 *
 * Returns: %FALSE on error, when cancelled, or when every candidate failed
 */
gboolean
orchard_tuner_run (OrchardTuner     *self,
                   OrchardProgress   progress,
                   gpointer          progress_data,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_auto(Prepared) p = { 0 };
  g_autoptr(OrchardPartition) partition = NULL;
  g_autoptr(GPtrArray) settings = NULL;
  g_autoptr(GVariant) base = NULL;
  g_autoptr(GArray) alive = NULL;
  g_autofree gsize *pool = NULL;
  g_autofree OrchardHalvingRound *rounds = NULL;
  g_autofree char *search_id = NULL;
  gint64 dataset_id = 0;
  /* The learner's own messages would hide which candidate is running. */
  OrchardProgressStage stage = { .progress = progress, .data = progress_data,
                                 .fixed_message = TRUE };
  OrchardRng rng;
  gsize n_pool, min_rows;
  guint n_rounds;
  double total_work = 0.0, work_done = 0.0;
  int best = -1;

  g_return_val_if_fail (ORCHARD_IS_TUNER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reset_results (self);
  orchard_progress_stage_report (&stage, 0.0, _("Preparing the data"));

  settings = orchard_tuner_expand (self, error);
  if (settings == NULL || !prepare_target (self, &p, error))
    return FALSE;

  self->task = p.task;
  self->metric_used = g_strdup (self->metric != NULL ? self->metric : default_metric (p.task));
  if (!orchard_metric_is_known (metrics_task (p.task), self->metric_used))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) orchard_metrics_task_get_keys (
                                                     metrics_task (p.task)));

      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("There is no metric “%s” for %s (there are: %s)"), self->metric_used,
                   orchard_task_to_string (p.task), known);
      return FALSE;
    }
  self->greater_is_better = orchard_metric_higher_is_better (self->metric_used);

  partition = prepare_split (self, &p, error);
  if (partition == NULL)
    return FALSE;
  if (p.labels != NULL)
    {
      g_autofree double *y = target_values (&p, p.table);
      gsize n_rows = orchard_table_get_n_rows (p.table);

      p.row_class = g_new (guint, MAX (n_rows, 1));
      for (gsize r = 0; r < n_rows; r++)
        p.row_class[r] = (guint) y[r];
    }

  /* The rows the candidates learn from: the training rows, scored on the
   * validation rows; or, with folds, both (the test rows stay unseen). */
  {
    gsize n_train, n_valid;
    const gsize *train = orchard_partition_get_rows (partition, ORCHARD_PART_TRAIN, &n_train);
    const gsize *valid = orchard_partition_get_rows (partition, ORCHARD_PART_VALID, &n_valid);

    if (self->n_folds < 2 && n_valid == 0)
      {
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                     _("Scoring on the validation rows needs some; the split left none"));
        return FALSE;
      }
    n_pool = n_train + (self->n_folds >= 2 ? n_valid : 0);
    if (n_train == 0 || n_pool < MAX (self->n_folds, 1))
      {
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                     _("The split left too few training rows to tune on"));
        return FALSE;
      }
    pool = g_new (gsize, n_pool);
    memcpy (pool, train, n_train * sizeof (gsize));
    if (self->n_folds >= 2)
      memcpy (pool + n_train, valid, n_valid * sizeof (gsize));
  }

  if (self->halving)
    {
      min_rows = 2 * MAX (self->n_folds, 1) * (p.labels != NULL ? p.labels->len : 1);
      rounds = orchard_tuner_halving_schedule (settings->len, n_pool, min_rows, HALVING_FACTOR,
                                               &n_rounds);
    }
  else
    {
      n_rounds = 1;
      rounds = g_new (OrchardHalvingRound, 1);
      rounds[0].rows = n_pool;
      rounds[0].n_candidates = settings->len;
    }
  g_array_append_vals (self->rounds, rounds, n_rounds);

  /* The subsamples of halving come from one seeded shuffle of the pool
   * (see subsample()), so that a round's rows are mostly the previous
   * round's and more. */
  orchard_rng_init_stream (&rng, self->seed, SUBSAMPLE_STREAM);
  if (n_rounds > 1)
    orchard_rng_shuffle (&rng, pool, n_pool);

  for (guint r = 0; r < n_rounds; r++)
    total_work += (double) rounds[r].rows * rounds[r].n_candidates;

  if (self->project != NULL)
    {
      dataset_id = orchard_project_add_dataset (self->project, self->data, NULL, cancellable,
                                                error);
      if (dataset_id <= 0)
        return FALSE;
      search_id = g_uuid_string_random ();
    }

  base = g_variant_ref_sink (orchard_model_get_params (self->model));
  alive = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint c = 0; c < settings->len; c++)
    g_array_append_val (alive, c);

  for (guint r = 0; r < n_rounds; r++)
    {
      g_autoptr(GPtrArray) ranked = g_ptr_array_new ();
      g_autofree gsize *rows = subsample (&p, pool, n_pool, rounds[r].rows);
      g_autoptr(OrchardTable) round_rows = NULL;
      Fold *fold = NULL;
      guint first = self->candidates->len;

      /* On validation rows, one pipeline serves the whole round; the
       * cross-validation refits it in every fold of every candidate. */
      if (self->n_folds < 2)
        {
          gsize n_valid;
          const gsize *valid = orchard_partition_get_rows (partition, ORCHARD_PART_VALID,
                                                           &n_valid);

          fold = make_fold (self, &p, rows, rounds[r].rows, valid, n_valid, cancellable, error);
          if (fold == NULL)
            return FALSE;
        }
      else
        round_rows = orchard_table_select_rows (p.table, rows, rounds[r].rows);

      for (guint i = 0; i < alive->len; i++)
        {
          guint index = g_array_index (alive, guint, i);
          OrchardTunerCandidate *candidate = g_new0 (OrchardTunerCandidate, 1);
          g_autofree char *message = NULL;

          if (n_rounds > 1)
            message = g_strdup_printf (_("Round %u of %u: candidate %u of %u"), r + 1,
                                       n_rounds, i + 1, alive->len);
          else
            message = g_strdup_printf (_("Candidate %u of %u"), i + 1, alive->len);

          candidate->id = self->candidates->len;
          candidate->candidate = index;
          candidate->round = r;
          candidate->params = g_variant_ref (g_ptr_array_index (settings, index));
          candidate->rows = rounds[r].rows;
          candidate->status = ORCHARD_TUNER_STATUS_RUNNING;
          candidate->score = NAN;
          candidate->std = NAN;

          stage.start = work_done / total_work;
          stage.span = (double) rounds[r].rows / total_work;
          orchard_progress_stage_report (&stage, stage.start, message);

          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              (self->project != NULL &&
               !record_begin (self, &p, dataset_id, search_id, base, candidate, error)))
            {
              orchard_tuner_candidate_free (candidate);
              g_clear_pointer (&fold, fold_free);
              return FALSE;
            }
          notify (self, candidate);

          if (!evaluate (self, &p, fold, round_rows, base, candidate, &stage, cancellable, error))
            {
              if (candidate->run_id > 0)
                orchard_project_finish_run (self->project, candidate->run_id,
                                            ORCHARD_RUN_CANCELLED, NULL, NULL);
              orchard_tuner_candidate_free (candidate);
              g_clear_pointer (&fold, fold_free);
              return FALSE;
            }

          g_ptr_array_add (self->candidates, candidate);
          work_done += rounds[r].rows;
          if (!record_end (self, candidate, error))
            {
              g_clear_pointer (&fold, fold_free);
              return FALSE;
            }
          notify (self, candidate);
        }
      g_clear_pointer (&fold, fold_free);

      for (guint i = first; i < self->candidates->len; i++)
        g_ptr_array_add (ranked, g_ptr_array_index (self->candidates, i));
      g_ptr_array_sort_with_data (ranked, compare_candidates,
                                  GINT_TO_POINTER (self->greater_is_better));

      if (r + 1 < n_rounds)
        {
          guint n_keep = (ranked->len + HALVING_FACTOR - 1) / HALVING_FACTOR;

          g_array_set_size (alive, 0);
          for (guint i = 0; i < ranked->len; i++)
            {
              OrchardTunerCandidate *candidate = g_ptr_array_index (ranked, i);

              if (i < n_keep)
                g_array_append_val (alive, candidate->candidate);
              if (candidate->status == ORCHARD_TUNER_STATUS_FAILED)
                continue;
              candidate->status = i < n_keep ? ORCHARD_TUNER_STATUS_PROMOTED
                                             : ORCHARD_TUNER_STATUS_DROPPED;
              if (!record_status (self, candidate, error))
                return FALSE;
              notify (self, candidate);
            }
          /* The next round goes through them in the order of the search space. */
          g_array_sort (alive, (GCompareFunc) compare_guint);
        }
      else if (ranked->len > 0)
        {
          OrchardTunerCandidate *top = g_ptr_array_index (ranked, 0);

          if (top->status != ORCHARD_TUNER_STATUS_FAILED)
            best = (int) top->id;
        }
    }

  if (best < 0)
    {
      const OrchardTunerCandidate *last = g_ptr_array_index (self->candidates,
                                                             self->candidates->len - 1);

      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Every candidate failed; the last one: %s"),
                   last->message != NULL ? last->message : "");
      return FALSE;
    }

  self->best = best;
  {
    const OrchardTunerCandidate *top = g_ptr_array_index (self->candidates, best);

    if (top->run_id > 0 &&
        !orchard_project_set_tag (self->project, top->run_id, "search.best", "true", error))
      return FALSE;
  }
  orchard_progress_stage_report (&stage, 1.0, NULL);
  return TRUE;
}

/* Results ------------------------------------------------------------------- */

/**
 * orchard_tuner_get_task:
 * @self: a tuner that has run
 *
 * Returns: the task of the target
 */
OrchardTask
orchard_tuner_get_task (OrchardTuner *self)
{
  g_return_val_if_fail (ORCHARD_IS_TUNER (self), ORCHARD_TASK_BINARY);
  return self->task;
}

/**
 * orchard_tuner_get_metric:
 * @self: a tuner that has run
 *
 * Returns: (nullable): the metric the candidates were scored by, %NULL
 *   before a run got that far
 */
const char *
orchard_tuner_get_metric (OrchardTuner *self)
{
  g_return_val_if_fail (ORCHARD_IS_TUNER (self), NULL);
  return self->metric_used;
}

/**
 * orchard_tuner_get_greater_is_better:
 * @self: a tuner that has run
 *
 * Returns: %TRUE when a higher score is better (a score), %FALSE when a
 *   lower one is (a loss or an error)
 */
gboolean
orchard_tuner_get_greater_is_better (OrchardTuner *self)
{
  g_return_val_if_fail (ORCHARD_IS_TUNER (self), TRUE);
  return self->greater_is_better;
}

/**
 * orchard_tuner_get_n_candidates:
 * @self: a tuner
 *
 * Returns: the evaluations that finished in the last run
 */
guint
orchard_tuner_get_n_candidates (OrchardTuner *self)
{
  g_return_val_if_fail (ORCHARD_IS_TUNER (self), 0);
  return self->candidates->len;
}

/**
 * orchard_tuner_get_candidate:
 * @self: a tuner
 * @index: an evaluation, below orchard_tuner_get_n_candidates()
 *
 * Returns: (transfer none): the evaluation
 */
const OrchardTunerCandidate *
orchard_tuner_get_candidate (OrchardTuner *self,
                             guint         index)
{
  g_return_val_if_fail (ORCHARD_IS_TUNER (self), NULL);
  g_return_val_if_fail (index < self->candidates->len, NULL);
  return g_ptr_array_index (self->candidates, index);
}

/**
 * orchard_tuner_get_best:
 * @self: a tuner
 *
 * The best evaluation: the best score of the last round (of all
 * evaluations without halving), the first in the search space's order on
 * ties.
 *
 * Returns: its id, or -1 before a successful run
 */
int
orchard_tuner_get_best (OrchardTuner *self)
{
  g_return_val_if_fail (ORCHARD_IS_TUNER (self), -1);
  return self->best;
}

/**
 * orchard_tuner_get_rounds:
 * @self: a tuner that has run
 * @n_rounds: (out): return location for the number of rounds
 *
 * Returns: (transfer none) (array length=n_rounds): the rounds of the last
 *   run, one without halving
 */
const OrchardHalvingRound *
orchard_tuner_get_rounds (OrchardTuner *self,
                          guint        *n_rounds)
{
  g_return_val_if_fail (ORCHARD_IS_TUNER (self), NULL);
  g_return_val_if_fail (n_rounds != NULL, NULL);

  *n_rounds = self->rounds->len;
  return (const OrchardHalvingRound *) self->rounds->data;
}

static void
add_number (JsonBuilder *b,
            double       value)
{
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_params (JsonBuilder *b,
            GVariant    *params)
{
  GVariantIter iter;
  const char *name;
  GVariant *value;

  json_builder_begin_object (b);
  g_variant_iter_init (&iter, params);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      g_autoptr(GVariant) owned = value;

      json_builder_set_member_name (b, name);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        json_builder_add_boolean_value (b, g_variant_get_boolean (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        json_builder_add_string_value (b, g_variant_get_string (value, NULL));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        add_number (b, g_variant_get_double (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
        json_builder_add_int_value (b, (gint64) MIN (g_variant_get_uint64 (value),
                                                     (guint64) G_MAXINT64));
      else
        json_builder_add_int_value (b, (gint64) variant_to_double (value));
    }
  json_builder_end_object (b);
}

static void
add_candidate (JsonBuilder                 *b,
               const OrchardTunerCandidate *c)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, c->id);
  json_builder_set_member_name (b, "candidate");
  json_builder_add_int_value (b, c->candidate);
  json_builder_set_member_name (b, "round");
  json_builder_add_int_value (b, c->round);
  json_builder_set_member_name (b, "params");
  add_params (b, c->params);
  json_builder_set_member_name (b, "score");
  add_number (b, c->score);
  json_builder_set_member_name (b, "std");
  add_number (b, c->std);
  json_builder_set_member_name (b, "fold_scores");
  json_builder_begin_array (b);
  for (guint f = 0; f < c->n_folds && c->status != ORCHARD_TUNER_STATUS_FAILED; f++)
    add_number (b, c->fold_scores[f]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, (gint64) c->rows);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, orchard_tuner_status_to_string (c->status));
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, c->seconds);
  json_builder_set_member_name (b, "message");
  if (c->message != NULL)
    json_builder_add_string_value (b, c->message);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "run");
  if (c->run_id > 0)
    json_builder_add_int_value (b, c->run_id);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

/**
 * orchard_tuner_to_json:
 * @self: a tuner that has run
 *
 * The search as `orchard-cli tune --json` prints it: `{"model", "task",
 * "metric", "greater_is_better", "search", "draws", "folds", "halving",
 * "seed", "rounds": [{"rows", "candidates"}], "candidates": [{"id",
 * "candidate", "round", "params", "score", "std", "fold_scores", "rows",
 * "status", "seconds", "message", "run"}], "best"}`; "best" is one of the
 * candidates, or null. See docs/models.md, "Tuning".
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
orchard_tuner_to_json (OrchardTuner *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (ORCHARD_IS_TUNER (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, orchard_model_get_name (self->model));
  json_builder_set_member_name (b, "task");
  json_builder_add_string_value (b, orchard_task_to_string (self->task));
  json_builder_set_member_name (b, "metric");
  json_builder_add_string_value (b, self->metric_used);
  json_builder_set_member_name (b, "greater_is_better");
  json_builder_add_boolean_value (b, self->greater_is_better);
  json_builder_set_member_name (b, "search");
  json_builder_add_string_value (b, self->n_draws > 0 ? "random" : "grid");
  json_builder_set_member_name (b, "draws");
  if (self->n_draws > 0)
    json_builder_add_int_value (b, self->n_draws);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "folds");
  if (self->n_folds >= 2)
    json_builder_add_int_value (b, self->n_folds);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "halving");
  json_builder_add_boolean_value (b, self->halving);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) MIN (self->seed, (guint64) G_MAXINT64));

  json_builder_set_member_name (b, "rounds");
  json_builder_begin_array (b);
  for (guint r = 0; r < self->rounds->len; r++)
    {
      const OrchardHalvingRound *round = &g_array_index (self->rounds, OrchardHalvingRound, r);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rows");
      json_builder_add_int_value (b, (gint64) round->rows);
      json_builder_set_member_name (b, "candidates");
      json_builder_add_int_value (b, round->n_candidates);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "candidates");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->candidates->len; i++)
    add_candidate (b, g_ptr_array_index (self->candidates, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "best");
  if (self->best >= 0)
    add_candidate (b, g_ptr_array_index (self->candidates, self->best));
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
