/* orchard-project-reproduce.c: training a recorded run again
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-project-private.h"

static OrchardReproduction *orchard_reproduction_copy (OrchardReproduction *reproduction);

G_DEFINE_BOXED_TYPE (OrchardReproduction, orchard_reproduction, orchard_reproduction_copy,
                     orchard_reproduction_free)

static OrchardReproduction *
orchard_reproduction_copy (OrchardReproduction *reproduction)
{
  OrchardReproduction *copy = g_memdup2 (reproduction, sizeof *reproduction);

  copy->metrics = g_memdup2 (reproduction->metrics,
                             sizeof (OrchardMetricMatch) * MAX (reproduction->n_metrics, 1));
  for (guint i = 0; i < copy->n_metrics; i++)
    {
      copy->metrics[i].split = g_strdup (reproduction->metrics[i].split);
      copy->metrics[i].name = g_strdup (reproduction->metrics[i].name);
    }
  copy->data_hash = g_strdup (reproduction->data_hash);
  return copy;
}

void
orchard_reproduction_free (OrchardReproduction *reproduction)
{
  if (reproduction == NULL)
    return;
  for (guint i = 0; i < reproduction->n_metrics; i++)
    {
      g_free (reproduction->metrics[i].split);
      g_free (reproduction->metrics[i].name);
    }
  g_free (reproduction->metrics);
  g_free (reproduction->data_hash);
  g_free (reproduction);
}

/**
 * orchard_reproduction_to_json:
 * @reproduction: a reproduction
 *
 * Returns: (transfer full): `{"run", "new_run", "identical", "data_hash",
 *   "metrics": [{"split", "name", "recorded", "reproduced", "equal"}]}`
 */
JsonNode *
orchard_reproduction_to_json (OrchardReproduction *reproduction)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "run");
  json_builder_add_int_value (b, reproduction->run_id);
  json_builder_set_member_name (b, "new_run");
  if (reproduction->new_run_id > 0)
    json_builder_add_int_value (b, reproduction->new_run_id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "identical");
  json_builder_add_boolean_value (b, reproduction->identical);
  json_builder_set_member_name (b, "data_hash");
  json_builder_add_string_value (b, reproduction->data_hash);
  json_builder_set_member_name (b, "metrics");
  json_builder_begin_array (b);
  for (guint i = 0; i < reproduction->n_metrics; i++)
    {
      const OrchardMetricMatch *m = &reproduction->metrics[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "split");
      json_builder_add_string_value (b, m->split);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, m->name);
      json_builder_set_member_name (b, "recorded");
      if (isfinite (m->recorded))
        json_builder_add_double_value (b, m->recorded);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "reproduced");
      if (isfinite (m->reproduced))
        json_builder_add_double_value (b, m->reproduced);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "equal");
      json_builder_add_boolean_value (b, m->equal);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
configure (OrchardProject  *self,
           OrchardRun      *run,
           OrchardTrainer  *trainer,
           GCancellable    *cancellable,
           GError         **error)
{
  orchard_trainer_set_seed (trainer, run->seed);

  if (run->split != NULL)
    {
      g_autoptr(OrchardSplit) split = orchard_split_new_parse (run->split, error);

      if (split == NULL)
        return FALSE;
      orchard_trainer_set_split (trainer, split);
    }
  if (!isnan (run->fractions[0]) &&
      !orchard_trainer_set_fractions (trainer, run->fractions[0], run->fractions[1],
                                      run->fractions[2], error))
    return FALSE;

  if (run->pipeline != NULL && g_str_has_prefix (run->pipeline, "auto:"))
    {
      OrchardModelFamily family;

      if (!orchard_model_family_from_string (run->pipeline + 5, &family))
        {
          g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_STATE,
                       _("Run %lld used the pipeline “%s”, which this Orchard "
                         "does not know"), (long long) run->id, run->pipeline);
          return FALSE;
        }
      orchard_trainer_set_automatic_pipeline (trainer, family);
    }
  else if (run->pipeline_spec != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(OrchardPipeline) pipeline = NULL;
      g_autofree char *where = g_strdup_printf (_("the pipeline of run %lld"),
                                                (long long) run->id);

      if (!json_parser_load_from_data (parser, run->pipeline_spec, -1, error))
        return FALSE;
      pipeline = orchard_pipeline_new_from_json (json_parser_get_root (parser), where, error);
      if (pipeline == NULL)
        return FALSE;
      orchard_trainer_set_pipeline (trainer, pipeline, run->pipeline);
    }

  if (run->tags != NULL && g_hash_table_contains (run->tags, "test_data_hash"))
    {
      const char *hash = g_hash_table_lookup (run->tags, "test_data_hash");
      g_autoptr(OrchardTable) test = NULL;
      gint64 id = orchard_project_find_dataset (self, hash, error);

      if (id < 0)
        return FALSE;
      if (id == 0)
        {
          g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_DATA_MISSING,
                       _("Run %lld was tested on separate data (hash %s) that "
                         "the project does not hold"), (long long) run->id, hash);
          return FALSE;
        }
      test = orchard_project_load_dataset (self, id, NULL, NULL, cancellable, error);
      if (test == NULL)
        return FALSE;
      orchard_trainer_set_test_data (trainer, test);
    }
  return TRUE;
}

/**
 * orchard_project_configure_trainer:
 * @self: a project
 * @run: a run of @self, as orchard_project_get_run() returns it
 * @trainer: a trainer made with the run's data and target
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sets up @trainer as the run was: its seed, split, fractions, pipeline
 * and separate test data (loaded from the project). Training it again
 * reproduces the run; orchard_trainer_evaluate() with the run's bundle
 * rebuilds its validation and test rows without training.
 *
 * Returns: %TRUE on success
 */
gboolean
orchard_project_configure_trainer (OrchardProject  *self,
                                   OrchardRun      *run,
                                   OrchardTrainer  *trainer,
                                   GCancellable    *cancellable,
                                   GError         **error)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (ORCHARD_IS_RUN (run), FALSE);
  g_return_val_if_fail (ORCHARD_IS_TRAINER (trainer), FALSE);

  return configure (self, run, trainer, cancellable, error);
}

/**
 * orchard_project_reproduce_run:
 * @self: a project
 * @run_id: a finished run
 * @record: record the new training as a run whose parent is @run_id
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Trains again from what the run recorded: the data version (from the
 * project, or from the referenced file if it still has its hash), the
 * split and fractions, the pipeline (the automatic one of the same family,
 * derived again from the training rows, or the recorded spec), the learner
 * with every parameter, and the seed; then compares every metric recorded
 * for the whole splits with the new one. Orchard's training is
 * deterministic for a given seed and thread count, so they match.
 *
 * Returns: (transfer full) (nullable): the comparison
 */
OrchardReproduction *
orchard_project_reproduce_run (OrchardProject   *self,
                               gint64            run_id,
                               gboolean          record,
                               OrchardProgress   progress,
                               gpointer          progress_data,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr(OrchardRun) run = NULL;
  g_autoptr(OrchardTable) data = NULL;
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(OrchardReproduction) result = NULL;
  g_autoptr(GVariant) params = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GArray) matches = NULL;
  gint64 new_id = 0;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  run = orchard_project_get_run (self, run_id, error);
  if (run == NULL)
    return NULL;
  if (run->status != ORCHARD_RUN_FINISHED)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_STATE,
                   _("Run %lld is %s; only a finished run can be reproduced"),
                   (long long) run_id, orchard_run_status_to_string (run->status));
      return NULL;
    }
  if (run->target == NULL)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_STATE,
                   _("Run %lld recorded no target"), (long long) run_id);
      return NULL;
    }

  data = orchard_project_load_dataset (self, run->dataset_id, NULL, NULL, cancellable, error);
  if (data == NULL)
    return NULL;

  model = orchard_model_new_by_name (run->model, error);
  if (model == NULL)
    return NULL;
  params = orchard_run_get_params (run);
  if (!orchard_model_set_params (model, params, error))
    {
      g_prefix_error (error, _("Run %lld: "), (long long) run_id);
      return NULL;
    }

  trainer = orchard_trainer_new (data, run->target, model);
  if (!configure (self, run, trainer, cancellable, error))
    return NULL;

  if (record)
    {
      new_id = orchard_project_begin_run (self, run->dataset_id, run->target, model, run->seed,
                                          run_id, error);
      if (new_id == 0)
        return NULL;
      orchard_project_set_tag (self, new_id, "reproduces", run->uuid, NULL);
    }

  artifact = orchard_trainer_train (trainer, progress, progress_data, cancellable, &local);
  if (artifact == NULL)
    {
      if (new_id > 0)
        orchard_project_finish_run (self, new_id,
                                    g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                      ? ORCHARD_RUN_CANCELLED : ORCHARD_RUN_FAILED,
                                    local->message, NULL);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (new_id > 0 && !orchard_project_record_training (self, new_id, trainer, artifact, error))
    return NULL;

  result = g_new0 (OrchardReproduction, 1);
  result->run_id = run_id;
  result->new_run_id = new_id;
  result->data_hash = g_strdup (orchard_table_get_hash (data));
  result->identical = TRUE;
  matches = g_array_new (FALSE, TRUE, sizeof (OrchardMetricMatch));
  for (guint i = 0; i < orchard_run_get_n_metrics (run); i++)
    {
      const char *split, *name;
      int fold;
      double recorded, reproduced = NAN;
      OrchardMetricMatch match;

      orchard_run_get_metric_at (run, i, &split, &fold, &name, &recorded);
      if (fold != ORCHARD_RUN_FOLD_NONE)
        continue;
      for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
        if (strcmp (split, orchard_part_to_string (part)) == 0)
          {
            OrchardMetrics *metrics = orchard_trainer_get_metrics (trainer, part);

            if (metrics != NULL)
              orchard_metrics_lookup (metrics, name, &reproduced);
          }
      match.split = g_strdup (split);
      match.name = g_strdup (name);
      match.recorded = recorded;
      match.reproduced = reproduced;
      match.equal = (isnan (recorded) && isnan (reproduced)) || recorded == reproduced;
      result->identical &= match.equal;
      g_array_append_val (matches, match);
    }
  result->n_metrics = matches->len;
  result->metrics = (OrchardMetricMatch *) g_array_free (g_steal_pointer (&matches), FALSE);

  return g_steal_pointer (&result);
}
