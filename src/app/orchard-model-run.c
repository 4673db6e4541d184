/* orchard-model-run.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "orchard-model-run.h"

/**
 * OrchardModelRun:
 *
 * One trained model as the pages of the app see it: the bundle the trainer
 * made, its metrics on every part, and what the Evaluate page needs beyond
 * the bundle: the model's outputs on the validation and test rows with their
 * true labels (curves, the confusion matrix at any threshold, bootstrap
 * intervals), the learning curve and, when they were computed, the
 * cross-validation scores and the permutation importance.
 *
 * orchard_model_run_new_from_trainer() is safe to call in a worker thread: it
 * only reads its inputs. Everything else belongs to the main thread.
 */

typedef struct
{
  OrchardModelRunPredictions  view;
  double                *outputs;
  double                *positive;
  guint32               *classes;
  double                *values;
} Predictions;

typedef struct
{
  GArray *scores;  /* double */
} CvScores;

struct _OrchardModelRun
{
  GObject            parent_instance;

  char              *id;
  char              *title;
  char              *model_name;
  GVariant          *params;
  OrchardRunStatus   status;
  char              *data_name;
  double             seconds;
  OrchardRun        *record;
  char              *message;   /* why it failed */
  char              *note;
  GStrv              tags;

  OrchardArtifact   *artifact;
  OrchardMetrics    *metrics[ORCHARD_N_PARTS];
  gsize              n_rows[ORCHARD_N_PARTS];
  Predictions        predictions[ORCHARD_N_PARTS];
  OrchardTable      *data;      /* the labelled rows the trainer split */
  OrchardTable      *rows[ORCHARD_N_PARTS];
  GArray            *history;  /* OrchardHistoryEntry */

  GHashTable        *cv;       /* metric → GArray of double */
  gsize              cv_n_train;
  gsize              cv_n_test;

  GStrv              importance_features;
  double            *importance_mean;
  double            *importance_std;
  guint              n_importance;
};

G_DEFINE_FINAL_TYPE (OrchardModelRun, orchard_model_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_MODEL_NAME,
  PROP_STATUS,
  PROP_THRESHOLD,
  PROP_ARTIFACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
predictions_clear (Predictions *p)
{
  g_clear_pointer (&p->outputs, g_free);
  g_clear_pointer (&p->positive, g_free);
  g_clear_pointer (&p->classes, g_free);
  g_clear_pointer (&p->values, g_free);
  memset (&p->view, 0, sizeof p->view);
}

static void
orchard_model_run_finalize (GObject *object)
{
  OrchardModelRun *self = (OrchardModelRun *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->model_name, g_free);
  g_clear_pointer (&self->params, g_variant_unref);
  g_clear_pointer (&self->data_name, g_free);
  g_clear_object (&self->record);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_object (&self->artifact);
  g_clear_object (&self->data);
  for (guint p = 0; p < ORCHARD_N_PARTS; p++)
    {
      g_clear_object (&self->metrics[p]);
      predictions_clear (&self->predictions[p]);
      g_clear_object (&self->rows[p]);
    }
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->cv, g_hash_table_unref);
  g_clear_pointer (&self->importance_features, g_strfreev);
  g_clear_pointer (&self->importance_mean, g_free);
  g_clear_pointer (&self->importance_std, g_free);

  G_OBJECT_CLASS (orchard_model_run_parent_class)->finalize (object);
}

static void
orchard_model_run_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OrchardModelRun *self = ORCHARD_MODEL_RUN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MODEL_NAME:
      g_value_set_string (value, self->model_name);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_THRESHOLD:
      g_value_set_double (value, orchard_model_run_get_threshold (self));
      break;
    case PROP_ARTIFACT:
      g_value_set_object (value, self->artifact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_model_run_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  OrchardModelRun *self = ORCHARD_MODEL_RUN (object);

  switch (prop_id)
    {
    case PROP_ID:
      orchard_model_run_set_id (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      orchard_model_run_set_title (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      orchard_model_run_set_status (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_model_run_class_init (OrchardModelRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_model_run_finalize;
  object_class->get_property = orchard_model_run_get_property;
  object_class->set_property = orchard_model_run_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL_NAME] =
    g_param_spec_string ("model-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, ORCHARD_RUN_RUNNING, ORCHARD_RUN_CANCELLED, ORCHARD_RUN_RUNNING,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL, 0.0, 1.0, 0.5,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTIFACT] =
    g_param_spec_object ("artifact", NULL, NULL, ORCHARD_TYPE_ARTIFACT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_model_run_init (OrchardModelRun *self)
{
  self->history = g_array_new (FALSE, FALSE, sizeof (OrchardHistoryEntry));
  self->cv = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_array_unref);
}

/**
 * orchard_model_run_new:
 * @id: (nullable): the run's id, e.g. the project's; %NULL for a random UUID
 * @title: (nullable): what the user calls it
 * @model_name: the registry name of the learner
 * @params: (nullable): the hyperparameters, an `a{sv}`
 *
 * Makes a run that is still training; orchard_model_run_new_from_trainer() makes
 * a finished one.
 *
 * Returns: (transfer full): a new run
 */
OrchardModelRun *
orchard_model_run_new (const char *id,
                       const char *title,
                       const char *model_name,
                       GVariant   *params)
{
  OrchardModelRun *self;

  g_return_val_if_fail (model_name != NULL, NULL);
  g_return_val_if_fail (params == NULL || g_variant_is_of_type (params, G_VARIANT_TYPE_VARDICT), NULL);

  self = g_object_new (ORCHARD_TYPE_MODEL_RUN, NULL);
  /* Every run has an id, which the pages find it by. */
  self->id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  self->title = g_strdup (title != NULL ? title : model_name);
  self->model_name = g_strdup (model_name);
  self->params = params != NULL ? g_variant_ref_sink (params)
                                : g_variant_ref_sink (g_variant_new ("a{sv}", NULL));

  return self;
}

/* The rows of @data with a value of @target, as the trainer keeps them: the
 * partition's indices count these rows. */
static OrchardTable *
labelled_rows (OrchardTable *data,
               const char   *target)
{
  int index = orchard_table_find_column (data, target);
  OrchardColumn *column;
  gsize n_rows = orchard_table_get_n_rows (data);
  g_autofree gsize *rows = NULL;
  gsize n = 0;

  if (index < 0)
    return NULL;

  column = orchard_table_get_column (data, index);
  rows = g_new (gsize, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    if (!orchard_column_is_missing (column, r))
      rows[n++] = r;

  if (n == n_rows)
    return g_object_ref (data);

  return orchard_table_select_rows (data, rows, n);
}

static gboolean
fill_predictions (OrchardModelRun    *self,
                  OrchardPart    part,
                  OrchardTable  *rows,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Predictions *p = &self->predictions[part];
  OrchardArtifact *artifact = self->artifact;
  OrchardTask task = orchard_artifact_get_task (artifact);
  const char *target = orchard_artifact_get_target (artifact);
  g_autoptr(OrchardMatrix) out = NULL;
  OrchardColumn *column;
  gsize n_rows = orchard_table_get_n_rows (rows);
  guint n_outputs;
  int index;

  index = orchard_table_find_column (rows, target);
  if (index < 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The data has no column “%s”"), target);
      return FALSE;
    }
  column = orchard_table_get_column (rows, index);

  out = orchard_artifact_predict (artifact, rows, NULL, cancellable, error);
  if (out == NULL)
    return FALSE;

  n_outputs = orchard_matrix_get_n_cols (out);
  p->outputs = g_memdup2 (orchard_matrix_get_data (out), MAX (n_rows * n_outputs, 1) * sizeof (double));

  if (task == ORCHARD_TASK_REGRESSION)
    {
      if (orchard_column_get_kind (column) != ORCHARD_COLUMN_KIND_NUMERIC)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("The target “%s” is not numeric"), target);
          return FALSE;
        }
      p->values = g_memdup2 (orchard_column_get_values (column), MAX (n_rows, 1) * sizeof (double));
    }
  else
    {
      const char * const *labels = orchard_artifact_get_class_labels (artifact);
      guint n_classes = orchard_artifact_get_n_classes (artifact);
      guint n_levels = orchard_column_get_n_levels (column);
      const guint32 *codes = orchard_column_get_codes (column);
      g_autofree guint *index_of = g_new (guint, MAX (n_levels, 1));

      if (codes == NULL)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("The target “%s” is not categorical"), target);
          return FALSE;
        }

      for (guint l = 0; l < n_levels; l++)
        {
          index_of[l] = G_MAXUINT;
          for (guint k = 0; k < n_classes; k++)
            if (g_strcmp0 (orchard_column_get_level (column, l), labels[k]) == 0)
              index_of[l] = k;
        }

      p->classes = g_new (guint32, MAX (n_rows, 1));
      for (gsize r = 0; r < n_rows; r++)
        {
          if (codes[r] == ORCHARD_CODE_MISSING || index_of[codes[r]] == G_MAXUINT)
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           _("Row %lu of the %s rows has class “%s”, which the model does not know"),
                           (gulong) r + 1, orchard_part_to_string (part),
                           codes[r] == ORCHARD_CODE_MISSING ? "" : orchard_column_get_level (column, codes[r]));
              return FALSE;
            }
          p->classes[r] = index_of[codes[r]];
        }

      if (task == ORCHARD_TASK_BINARY)
        {
          p->positive = g_new (double, MAX (n_rows, 1));
          for (gsize r = 0; r < n_rows; r++)
            p->positive[r] = p->outputs[r * n_outputs + 1];
        }
    }

  p->view.n_rows = n_rows;
  p->view.n_outputs = n_outputs;
  p->view.outputs = p->outputs;
  p->view.positive = p->positive;
  p->view.classes = p->classes;
  p->view.values = p->values;

  return TRUE;
}

/**
 * orchard_model_run_new_from_trainer:
 * @trainer: a trainer that has trained
 * @artifact: the bundle orchard_trainer_train() returned
 * @data: the table the trainer was made with
 * @test_data: (nullable): the separate test table it was given, if any
 * @cancellable: (nullable): a cancellable
 * @error: return location for a #GError
 *
 * Makes a finished run of a trained model: keeps the bundle and the
 * trainer's metrics, and predicts the validation and test rows through the
 * bundle (as the trainer did for its metrics) to keep their outputs. Only
 * reads its inputs, so it may run in the trainer's worker thread.
 *
 * Returns: (transfer full) (nullable): the run, or %NULL with @error set
 */
OrchardModelRun *
orchard_model_run_new_from_trainer (OrchardTrainer   *trainer,
                                    OrchardArtifact  *artifact,
                                    OrchardTable     *data,
                                    OrchardTable     *test_data,
                                    GCancellable     *cancellable,
                                    GError          **error)
{
  g_autoptr(OrchardModelRun) self = NULL;
  g_autoptr(OrchardTable) labelled = NULL;
  OrchardModel *model;
  OrchardPartition *partition;
  const OrchardHistoryEntry *history;
  guint n_history = 0;

  g_return_val_if_fail (ORCHARD_IS_TRAINER (trainer), NULL);
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (artifact), NULL);
  g_return_val_if_fail (ORCHARD_IS_TABLE (data), NULL);
  g_return_val_if_fail (test_data == NULL || ORCHARD_IS_TABLE (test_data), NULL);

  partition = orchard_trainer_get_partition (trainer);
  if (partition == NULL)
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           _("The model has not been trained"));
      return NULL;
    }

  model = orchard_artifact_get_model (artifact);
  self = orchard_model_run_new (NULL, NULL, orchard_model_get_name (model), orchard_model_get_params (model));
  self->status = ORCHARD_RUN_FINISHED;
  self->artifact = g_object_ref (artifact);
  self->seconds = orchard_trainer_get_seconds (trainer);
  if (orchard_table_get_source (data) != NULL)
    self->data_name = g_path_get_basename (orchard_table_get_source (data));

  history = orchard_model_get_history (model, &n_history);
  if (n_history > 0)
    g_array_append_vals (self->history, history, n_history);

  labelled = labelled_rows (data, orchard_artifact_get_target (artifact));
  if (labelled == NULL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The data has no column “%s”"), orchard_artifact_get_target (artifact));
      return NULL;
    }

  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      OrchardMetrics *metrics = orchard_trainer_get_metrics (trainer, part);
      g_autoptr(OrchardTable) rows = NULL;

      self->n_rows[part] = orchard_trainer_get_n_rows (trainer, part);
      if (metrics != NULL)
        self->metrics[part] = g_object_ref (metrics);

      /* The training rows' outputs are not needed: their metrics only show
       * the gap. */
      if (part == ORCHARD_PART_TRAIN || self->n_rows[part] == 0)
        continue;

      if (part == ORCHARD_PART_TEST && test_data != NULL)
        rows = labelled_rows (test_data, orchard_artifact_get_target (artifact));
      else
        {
          gsize n;
          const gsize *indices = orchard_partition_get_rows (partition, part, &n);

          rows = orchard_table_select_rows (labelled, indices, n);
        }

      if (rows == NULL)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("The test data has no column “%s”"), orchard_artifact_get_target (artifact));
          return NULL;
        }

      if (!fill_predictions (self, part, rows, cancellable, error))
        return NULL;
      self->rows[part] = g_steal_pointer (&rows);
    }

  self->data = g_steal_pointer (&labelled);

  return g_steal_pointer (&self);
}

typedef struct
{
  OrchardProgress progress;
  gpointer        data;
  double          start;
  double          span;
} LoadStage;

static void
load_stage_progress (double      fraction,
                     const char *message,
                     gpointer    user_data)
{
  LoadStage *stage = user_data;

  if (stage->progress != NULL)
    stage->progress (stage->start + stage->span * CLAMP (fraction, 0.0, 1.0), message, stage->data);
}

/* The learning curve the project recorded for the run, if any. */
static void
load_history (OrchardModelRun *self,
              OrchardProject  *project,
              gint64           run_id)
{
  static const char * const names[] = { "history.train_loss", "history.valid_loss",
                                        "history.valid_metric" };
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (OrchardHistoryEntry));

  for (guint s = 0; s < G_N_ELEMENTS (names); s++)
    {
      g_autofree double *x = NULL;
      g_autofree double *y = NULL;
      gsize n = 0;

      if (!orchard_project_get_curve (project, run_id, "train", names[s], &x, &y, &n, NULL))
        continue;
      if (entries->len == 0)
        {
          g_array_set_size (entries, n);
          for (gsize i = 0; i < n; i++)
            {
              OrchardHistoryEntry *e = &g_array_index (entries, OrchardHistoryEntry, i);

              e->iteration = (guint) x[i];
              e->train_loss = e->valid_loss = e->valid_metric = NAN;
            }
        }
      for (gsize i = 0; i < MIN (n, (gsize) entries->len); i++)
        {
          OrchardHistoryEntry *e = &g_array_index (entries, OrchardHistoryEntry, i);
          double *slot = s == 0 ? &e->train_loss : s == 1 ? &e->valid_loss : &e->valid_metric;

          *slot = y[i];
        }
    }

  orchard_model_run_set_history (self, (const OrchardHistoryEntry *) (gpointer) entries->data,
                                 entries->len);
}

/* Every metric the run recorded for a whole part, against @trainer's; the
 * differences as text, or %NULL when all are equal. */
static char *
compare_metrics (OrchardRun     *record,
                 OrchardTrainer *trainer)
{
  g_autoptr(GString) text = NULL;

  for (guint i = 0; i < orchard_run_get_n_metrics (record); i++)
    {
      const char *split, *name;
      int fold;
      double recorded, now = NAN;

      orchard_run_get_metric_at (record, i, &split, &fold, &name, &recorded);
      if (fold != ORCHARD_RUN_FOLD_NONE)
        continue;
      for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
        if (strcmp (split, orchard_part_to_string (part)) == 0 &&
            orchard_trainer_get_metrics (trainer, part) != NULL)
          orchard_metrics_lookup (orchard_trainer_get_metrics (trainer, part), name, &now);
      if ((isnan (recorded) && isnan (now)) || recorded == now)
        continue;

      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append (text, ", ");
      /* Translators: one metric that differs from the recorded value, e.g. "valid accuracy 0.9 (recorded 0.91)" */
      g_string_append_printf (text, _("%s %s %.6g (recorded %.6g)"), split, name, now, recorded);
    }

  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/**
 * orchard_model_run_new_from_project:
 * @project: a project
 * @run_id: a finished run of @project with a bundle
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a cancellable
 * @error: return location for a #GError
 *
 * Makes a finished run of one the project recorded, whoever trained it
 * (orchard-cli, another window, an earlier session): loads its bundle and
 * its data set, splits the data again as the run did (its split, fractions,
 * seed and test data, by orchard_project_configure_trainer()), predicts the
 * parts through the bundle and keeps the outputs, the metrics and the
 * recorded learning curve. When a metric differs from the recorded one the
 * run's message says which. May run in a worker thread.
 *
 * Returns: (transfer full) (nullable): the run, or %NULL with @error set
 */
OrchardModelRun *
orchard_model_run_new_from_project (OrchardProject   *project,
                                    gint64            run_id,
                                    OrchardProgress   progress,
                                    gpointer          progress_data,
                                    GCancellable     *cancellable,
                                    GError          **error)
{
  g_autoptr(OrchardRun) record = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(OrchardTable) data = NULL;
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardModelRun) self = NULL;
  g_autofree char *title = NULL;
  g_autofree char *differences = NULL;
  LoadStage stage = { progress, progress_data, 0.0, 0.0 };

  g_return_val_if_fail (ORCHARD_IS_PROJECT (project), NULL);

  load_stage_progress (0.0, _("Loading the model"), &stage);
  record = orchard_project_get_run (project, run_id, error);
  if (record == NULL)
    return NULL;
  if (orchard_run_get_status (record) != ORCHARD_RUN_FINISHED || orchard_run_get_target (record) == NULL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Run %lld is %s; only a finished run can be evaluated"),
                   (long long) run_id, orchard_run_status_to_string (orchard_run_get_status (record)));
      return NULL;
    }
  artifact = orchard_project_load_bundle (project, run_id, error);
  if (artifact == NULL)
    return NULL;

  stage.start = 0.05;
  stage.span = 0.65;
  load_stage_progress (0.0, _("Loading the data set"), &stage);
  data = orchard_project_load_dataset (project, orchard_run_get_dataset_id (record), load_stage_progress,
                                       &stage, cancellable, error);
  if (data == NULL)
    return NULL;

  stage.start = 0.7;
  stage.span = 0.3;
  load_stage_progress (0.0, _("Predicting the validation and test rows"), &stage);
  /* A fresh learner only carries the target through the split: the
   * bundle's fitted one predicts. */
  model = orchard_model_new_by_name (orchard_run_get_model (record), error);
  if (model == NULL)
    return NULL;
  trainer = orchard_trainer_new (data, orchard_run_get_target (record), model);
  if (!orchard_project_configure_trainer (project, record, trainer, cancellable, error) ||
      !orchard_trainer_evaluate (trainer, artifact, cancellable, error))
    return NULL;

  self = orchard_model_run_new_from_trainer (trainer, artifact, data, orchard_trainer_get_test_data (trainer),
                                             cancellable, error);
  if (self == NULL)
    return NULL;

  /* Translators: the title of a run recorded in the project, e.g. "Logistic regression, run 12" */
  title = g_strdup_printf (_("%s, run %lld"), orchard_model_get_name (orchard_artifact_get_model (artifact)),
                           (long long) run_id);
  g_free (self->title);
  self->title = g_steal_pointer (&title);
  self->seconds = orchard_run_get_duration (record);
  if (orchard_run_get_dataset_name (record) != NULL)
    {
      g_free (self->data_name);
      self->data_name = g_strdup (orchard_run_get_dataset_name (record));
    }
  load_history (self, project, run_id);

  differences = compare_metrics (record, trainer);
  if (differences != NULL)
    /* Translators: %s lists the metrics that differ, e.g. "valid accuracy 0.9 (recorded 0.91)" */
    self->message = g_strdup_printf (_("The metrics differ from the recorded ones: %s"), differences);

  self->record = g_steal_pointer (&record);
  load_stage_progress (1.0, NULL, &stage);

  return g_steal_pointer (&self);
}

const char *
orchard_model_run_get_id (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  return self->id;
}

void
orchard_model_run_set_id (OrchardModelRun *self,
                          const char *id)
{
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
orchard_model_run_get_title (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  return self->title;
}

void
orchard_model_run_set_title (OrchardModelRun *self,
                             const char *title)
{
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
orchard_model_run_get_model_name (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  return self->model_name;
}

/**
 * orchard_model_run_get_params:
 *
 * Returns: (transfer none): the hyperparameters, an `a{sv}`
 */
GVariant *
orchard_model_run_get_params (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  return self->params;
}

OrchardRunStatus
orchard_model_run_get_status (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), ORCHARD_RUN_FAILED);

  return self->status;
}

void
orchard_model_run_set_status (OrchardModelRun       *self,
                              OrchardRunStatus  status)
{
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * orchard_model_run_get_record:
 *
 * Returns: (transfer none) (nullable): the run as the project recorded it,
 *   if it was recorded
 */
OrchardRun *
orchard_model_run_get_record (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  return self->record;
}

void
orchard_model_run_set_record (OrchardModelRun *self,
                              OrchardRun      *record)
{
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (self));
  g_return_if_fail (record == NULL || ORCHARD_IS_RUN (record));

  g_set_object (&self->record, record);
}

/**
 * orchard_model_run_get_data_name:
 *
 * Returns: (nullable): the base name of the file the data came from
 */
const char *
orchard_model_run_get_data_name (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  return self->data_name;
}

double
orchard_model_run_get_seconds (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), 0);

  return self->seconds;
}

/**
 * orchard_model_run_get_artifact:
 *
 * Returns: (transfer none) (nullable): the bundle, %NULL while training
 */
OrchardArtifact *
orchard_model_run_get_artifact (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  return self->artifact;
}

OrchardTask
orchard_model_run_get_task (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), ORCHARD_TASK_REGRESSION);
  g_return_val_if_fail (self->artifact != NULL, ORCHARD_TASK_REGRESSION);

  return orchard_artifact_get_task (self->artifact);
}

guint
orchard_model_run_get_n_classes (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), 0);

  return self->artifact != NULL ? orchard_artifact_get_n_classes (self->artifact) : 0;
}

const char * const *
orchard_model_run_get_class_labels (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  return self->artifact != NULL ? orchard_artifact_get_class_labels (self->artifact) : NULL;
}

/**
 * orchard_model_run_get_metrics:
 *
 * Returns: (transfer none) (nullable): the metrics of @part, %NULL when it
 *   had no rows
 */
OrchardMetrics *
orchard_model_run_get_metrics (OrchardModelRun  *self,
                               OrchardPart  part)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, NULL);

  return self->metrics[part];
}

/**
 * orchard_model_run_get_predictions:
 *
 * Returns: (nullable): the outputs and true labels of the validation or test
 *   rows, %NULL for the training rows and for parts without rows
 */
const OrchardModelRunPredictions *
orchard_model_run_get_predictions (OrchardModelRun  *self,
                                   OrchardPart  part)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, NULL);

  return self->predictions[part].view.n_rows > 0 ? &self->predictions[part].view : NULL;
}

const OrchardHistoryEntry *
orchard_model_run_get_history (OrchardModelRun *self,
                               guint      *n_entries)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  if (n_entries != NULL)
    *n_entries = self->history->len;

  return (const OrchardHistoryEntry *) self->history->data;
}

gsize
orchard_model_run_get_n_rows (OrchardModelRun  *self,
                              OrchardPart  part)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), 0);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, 0);

  return self->n_rows[part];
}

/**
 * orchard_model_run_get_threshold:
 *
 * Returns: the decision threshold of a binary classifier's bundle (0.5
 *   until chosen)
 */
double
orchard_model_run_get_threshold (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), 0.5);

  return self->artifact != NULL ? orchard_artifact_get_threshold (self->artifact) : 0.5;
}

/**
 * orchard_model_run_set_threshold:
 * @self: a finished run of a binary classifier
 * @threshold: the probability of the positive class from which a row is
 *   called positive
 * @error: return location for a #GError
 *
 * Saves the decision threshold in the run's bundle, so that the deployed
 * model classifies with it.
 *
 * Returns: whether the bundle took it
 */
gboolean
orchard_model_run_set_threshold (OrchardModelRun  *self,
                                 double       threshold,
                                 GError     **error)
{
  double old;

  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), FALSE);

  if (self->artifact == NULL)
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           _("The model has not been trained"));
      return FALSE;
    }

  old = orchard_artifact_get_threshold (self->artifact);
  if (!orchard_artifact_set_threshold (self->artifact, threshold, error))
    return FALSE;

  if (old != threshold)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);

  return TRUE;
}

/**
 * orchard_model_run_set_cv_scores:
 * @self: a run
 * @metric: a metric key
 * @scores: (array length=n_folds): the metric on each fold
 * @n_folds: the number of folds
 * @n_train: the training rows of one fold
 * @n_test: the held-out rows of one fold
 *
 * Keeps the scores of a cross-validation of the run's settings; the fold
 * sizes are what the corrected t-test needs to compare two runs.
 */
void
orchard_model_run_set_cv_scores (OrchardModelRun   *self,
                                 const char   *metric,
                                 const double *scores,
                                 gsize         n_folds,
                                 gsize         n_train,
                                 gsize         n_test)
{
  GArray *array;

  g_return_if_fail (ORCHARD_IS_MODEL_RUN (self));
  g_return_if_fail (metric != NULL);
  g_return_if_fail (scores != NULL || n_folds == 0);

  array = g_array_sized_new (FALSE, FALSE, sizeof (double), n_folds);
  g_array_append_vals (array, scores, n_folds);
  g_hash_table_replace (self->cv, g_strdup (metric), array);
  self->cv_n_train = n_train;
  self->cv_n_test = n_test;
}

/**
 * orchard_model_run_get_cv_scores:
 *
 * Returns: (array length=n_folds) (nullable): the fold scores of @metric,
 *   %NULL without cross-validation
 */
const double *
orchard_model_run_get_cv_scores (OrchardModelRun *self,
                                 const char *metric,
                                 gsize      *n_folds)
{
  GArray *array;

  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  array = g_hash_table_lookup (self->cv, metric);
  if (n_folds != NULL)
    *n_folds = array != NULL ? array->len : 0;

  return array != NULL ? (const double *) array->data : NULL;
}

void
orchard_model_run_get_cv_sizes (OrchardModelRun *self,
                                gsize      *n_train,
                                gsize      *n_test)
{
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (self));

  if (n_train != NULL)
    *n_train = self->cv_n_train;
  if (n_test != NULL)
    *n_test = self->cv_n_test;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * orchard_model_run_list_cv_metrics:
 *
 * Returns: (transfer full): the metrics with fold scores, sorted
 */
char **
orchard_model_run_list_cv_metrics (OrchardModelRun *self)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  g_hash_table_iter_init (&iter, self->cv);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, g_strdup (key));
  g_ptr_array_sort (keys, compare_keys);
  g_ptr_array_set_free_func (keys, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
}

/**
 * orchard_model_run_set_importance:
 * @self: a run
 * @features: (array length=n_features): the feature names
 * @mean: (array length=n_features): the mean drop of the score when the
 *   feature is permuted
 * @std: (array length=n_features) (nullable): its standard deviation over
 *   the repeats
 * @n_features: the number of features
 *
 * Keeps the permutation importance of the run's model.
 */
void
orchard_model_run_set_importance (OrchardModelRun         *self,
                                  const char * const *features,
                                  const double       *mean,
                                  const double       *std,
                                  guint               n_features)
{
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (self));
  g_return_if_fail (n_features == 0 || (features != NULL && mean != NULL));

  g_clear_pointer (&self->importance_features, g_strfreev);
  g_clear_pointer (&self->importance_mean, g_free);
  g_clear_pointer (&self->importance_std, g_free);

  self->n_importance = n_features;
  self->importance_features = g_new0 (char *, n_features + 1);
  for (guint i = 0; i < n_features; i++)
    self->importance_features[i] = g_strdup (features[i]);
  self->importance_mean = g_memdup2 (mean, MAX (n_features, 1) * sizeof (double));
  self->importance_std = g_new0 (double, MAX (n_features, 1));
  if (std != NULL && n_features > 0)
    memcpy (self->importance_std, std, n_features * sizeof (double));
}

/**
 * orchard_model_run_get_importance:
 *
 * Returns: the number of features with a permutation importance, 0 when
 *   none was computed
 */
guint
orchard_model_run_get_importance (OrchardModelRun           *self,
                                  const char * const  **features,
                                  const double        **mean,
                                  const double        **std)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), 0);

  if (features != NULL)
    *features = (const char * const *) self->importance_features;
  if (mean != NULL)
    *mean = self->importance_mean;
  if (std != NULL)
    *std = self->importance_std;

  return self->n_importance;
}

/* What the Train page records besides the training itself --------------- */

/**
 * orchard_model_run_set_seconds:
 * @self: a run
 * @seconds: how long it trained, for a run that did not finish
 */
void
orchard_model_run_set_seconds (OrchardModelRun *self,
                               double      seconds)
{
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (self));

  self->seconds = seconds;
}

/**
 * orchard_model_run_set_history:
 * @self: a run
 * @entries: (array length=n_entries) (nullable): the learning curve
 * @n_entries: its length
 *
 * Replaces the learning curve: what a cancelled or failed run got to.
 */
void
orchard_model_run_set_history (OrchardModelRun                *self,
                               const OrchardHistoryEntry *entries,
                               guint                      n_entries)
{
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (self));
  g_return_if_fail (entries != NULL || n_entries == 0);

  g_array_set_size (self->history, 0);
  if (n_entries > 0)
    g_array_append_vals (self->history, entries, n_entries);
}

/**
 * orchard_model_run_get_message:
 *
 * Returns: (nullable): why the run failed, translated
 */
const char *
orchard_model_run_get_message (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  return self->message;
}

void
orchard_model_run_set_message (OrchardModelRun *self,
                               const char *message)
{
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (self));

  g_free (self->message);
  self->message = g_strdup (message);
}

/**
 * orchard_model_run_get_note:
 *
 * Returns: (nullable): the user's note on the run
 */
const char *
orchard_model_run_get_note (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  return self->note;
}

void
orchard_model_run_set_note (OrchardModelRun *self,
                            const char *note)
{
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (self));

  if (note != NULL && *note == '\0')
    note = NULL;
  g_free (self->note);
  self->note = g_strdup (note);
}

/**
 * orchard_model_run_get_tags:
 *
 * Returns: (nullable) (array zero-terminated=1): the user's tags, or %NULL
 */
const char * const *
orchard_model_run_get_tags (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  return (const char * const *) self->tags;
}

/**
 * orchard_model_run_set_tags:
 * @self: a run
 * @tags: (nullable) (array zero-terminated=1): tags; empty ones and
 *   repeats are dropped, each is stripped of surrounding space
 */
void
orchard_model_run_set_tags (OrchardModelRun         *self,
                            const char * const *tags)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  g_return_if_fail (ORCHARD_IS_MODEL_RUN (self));

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag = g_strstrip (g_strdup (tags[i]));
      gboolean seen = FALSE;

      for (guint j = 0; j < kept->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (kept, j), tag);
      if (*tag != '\0' && !seen)
        g_ptr_array_add (kept, g_steal_pointer (&tag));
    }

  g_clear_pointer (&self->tags, g_strfreev);
  if (kept->len > 0)
    self->tags = (GStrv) g_ptr_array_steal (kept, NULL);
}

/**
 * orchard_model_run_get_data:
 *
 * Returns: (transfer none) (nullable): the rows of the training data with a
 *   target value: what cross-validation of the run's settings splits
 */
OrchardTable *
orchard_model_run_get_data (OrchardModelRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);

  return self->data;
}

/**
 * orchard_model_run_get_rows:
 *
 * Returns: (transfer none) (nullable): the validation or test rows whose
 *   predictions orchard_model_run_get_predictions() gives
 */
OrchardTable *
orchard_model_run_get_rows (OrchardModelRun *self,
                            OrchardPart      part)
{
  g_return_val_if_fail (ORCHARD_IS_MODEL_RUN (self), NULL);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, NULL);

  return self->rows[part];
}
