/* orchard-project-export.c: runs as an MLflow file store and as CSV
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-file.h"
#include "orchard-project-private.h"

static gboolean
write_text (GFile         *dir,
            const char    *name,
            const char    *text,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFile) file = g_file_get_child (dir, name);

  return orchard_file_write_atomic (file, text, strlen (text), cancellable, error);
}

static gboolean
make_dir (GFile         *dir,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GError) local = NULL;

  if (g_file_make_directory_with_parents (dir, cancellable, &local) ||
      g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* A YAML scalar in single quotes, as MLflow's own files quote strings. */
static char *
yaml_quote (const char *text)
{
  g_autoptr(GString) out = g_string_new ("'");

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (out, "''");
      else if (*p == '\n')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* MLflow's file names: no path separators or dots-only names. */
static char *
safe_name (const char *name)
{
  char *safe = g_strdup (name);

  for (char *p = safe; *p != '\0'; p++)
    if (*p == '/' || *p == '\\' || (guchar) *p < 0x20)
      *p = '_';
  if (strcmp (safe, ".") == 0 || strcmp (safe, "..") == 0)
    safe[0] = '_';
  return safe;
}

static void
free_string (gpointer string)
{
  g_string_free (string, TRUE);
}

static int
mlflow_status (OrchardRunStatus status)
{
  /* mlflow.entities.RunStatus: RUNNING 1, SCHEDULED 2, FINISHED 3, FAILED 4, KILLED 5 */
  switch (status)
    {
    case ORCHARD_RUN_RUNNING:
      return 1;
    case ORCHARD_RUN_FINISHED:
      return 3;
    case ORCHARD_RUN_CANCELLED:
      return 5;
    case ORCHARD_RUN_FAILED:
    default:
      return 4;
    }
}

/* The experiment id: a decimal number derived from the project's id, so
 * that exports of different projects into one mlruns do not collide and
 * the same project always lands in the same experiment. */
static char *
experiment_id (OrchardProject *self)
{
  g_autofree char *hex = g_strndup (orchard_project_get_uuid (self), 8);
  guint64 value = g_ascii_strtoull (hex, NULL, 16);

  return g_strdup_printf ("%" G_GUINT64_FORMAT, value % G_GUINT64_CONSTANT (1000000000) + 1);
}

static gboolean
export_run (OrchardProject  *self,
            OrchardRun      *run,
            GFile           *exp_dir,
            const char      *exp_id,
            const char      *parent_uuid,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(GFile) run_dir = g_file_get_child (exp_dir, run->uuid);
  g_autoptr(GFile) params_dir = g_file_get_child (run_dir, "params");
  g_autoptr(GFile) metrics_dir = g_file_get_child (run_dir, "metrics");
  g_autoptr(GFile) tags_dir = g_file_get_child (run_dir, "tags");
  g_autoptr(GFile) artifacts_dir = g_file_get_child (run_dir, "artifacts");
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *artifact_uri = NULL;
  g_autofree char *run_name = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *end = NULL;
  gint64 stamp = run->end_time > 0 ? run->end_time : run->start_time;

  if (!make_dir (params_dir, cancellable, error) || !make_dir (metrics_dir, cancellable, error) ||
      !make_dir (tags_dir, cancellable, error) || !make_dir (artifacts_dir, cancellable, error))
    return FALSE;

  artifact_uri = g_file_get_uri (artifacts_dir);
  run_name = g_strdup_printf ("%s-%" G_GINT64_FORMAT, run->model, run->id);
  end = run->end_time > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, run->end_time)
                          : g_strdup ("null");
  quoted = yaml_quote (artifact_uri);
  g_string_append_printf (meta, "artifact_uri: %s\n", quoted);
  g_string_append_printf (meta, "end_time: %s\n", end);
  g_string_append (meta, "entry_point_name: ''\n");
  g_string_append_printf (meta, "experiment_id: '%s'\n", exp_id);
  g_string_append (meta, "lifecycle_stage: active\n");
  g_string_append_printf (meta, "run_id: %s\n", run->uuid);
  g_clear_pointer (&quoted, g_free);
  quoted = yaml_quote (run_name);
  g_string_append_printf (meta, "run_name: %s\n", quoted);
  g_string_append_printf (meta, "run_uuid: %s\n", run->uuid);
  g_string_append (meta, "source_name: ''\n");
  g_string_append (meta, "source_type: 4\n");
  g_string_append (meta, "source_version: ''\n");
  g_string_append_printf (meta, "start_time: %" G_GINT64_FORMAT "\n", run->start_time);
  g_string_append_printf (meta, "status: %d\n", mlflow_status (run->status));
  g_string_append (meta, "tags: []\n");
  g_clear_pointer (&quoted, g_free);
  quoted = yaml_quote (g_get_user_name ());
  g_string_append_printf (meta, "user_id: %s\n", quoted);
  if (!write_text (run_dir, "meta.yaml", meta->str, cancellable, error))
    return FALSE;

  /* Parameters: one file each, the value alone. */
  for (guint i = 0; run->param_names != NULL && i < run->param_names->len; i++)
    {
      const char *name = g_ptr_array_index (run->param_names, i);
      g_autofree char *value = orchard_run_dup_param_text (run, name);
      g_autofree char *file = safe_name (name);

      if (!write_text (params_dir, file, value, cancellable, error))
        return FALSE;
    }

  /* Metrics: "timestamp value step" lines; folds are steps of SPLIT.NAME.cv. */
  {
    g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         free_string);
    g_autoptr(GPtrArray) keys = NULL;

    for (guint i = 0; i < orchard_run_get_n_metrics (run); i++)
      {
        const OrchardRunMetric *m = &g_array_index (run->metrics, OrchardRunMetric, i);
        g_autofree char *key = NULL;
        g_autofree char *value = NULL;
        GString *lines;

        if (!isfinite (m->value))
          continue;
        key = m->fold == ORCHARD_RUN_FOLD_NONE ? g_strdup_printf ("%s.%s", m->split, m->name)
                                               : g_strdup_printf ("%s.%s.folds", m->split, m->name);
        lines = g_hash_table_lookup (files, key);
        if (lines == NULL)
          {
            lines = g_string_new (NULL);
            g_hash_table_insert (files, g_strdup (key), lines);
          }
        value = orchard_format_double (m->value);
        g_string_append_printf (lines, "%" G_GINT64_FORMAT " %s %d\n", stamp, value,
                                m->fold == ORCHARD_RUN_FOLD_NONE ? 0 : m->fold);
      }

    /* The learning curve, one step per iteration. */
    for (guint c = 0; run->curve_names != NULL && run->curve_names[c] != NULL; c++)
      {
        const char *full = run->curve_names[c];
        const char *dot = strchr (full, '.');
        g_autofree char *split = NULL;
        g_autofree double *x = NULL;
        g_autofree double *y = NULL;
        gsize n = 0;
        GString *lines;

        if (dot == NULL || !g_str_has_prefix (dot + 1, "history."))
          continue;
        split = g_strndup (full, dot - full);
        if (!orchard_project_get_curve (self, run->id, split, dot + 1, &x, &y, &n, error))
          return FALSE;
        lines = g_string_new (NULL);
        for (gsize i = 0; i < n; i++)
          if (isfinite (y[i]))
            {
              g_autofree char *value = orchard_format_double (y[i]);
              g_string_append_printf (lines, "%" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT "\n",
                                      stamp, value, (gint64) x[i]);
            }
        g_hash_table_insert (files, g_strdup (dot + 1), lines);
      }

    keys = orchard_hash_table_sorted_keys (files);
    for (guint i = 0; i < keys->len; i++)
      {
        const char *key = g_ptr_array_index (keys, i);
        GString *lines = g_hash_table_lookup (files, key);
        g_autofree char *file = safe_name (key);

        if (!write_text (metrics_dir, file, lines->str, cancellable, error))
          return FALSE;
      }
  }

  /* Tags: MLflow's own, Orchard's lineage, then the analyst's. */
  {
    g_autoptr(GHashTable) tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GPtrArray) keys = NULL;

    g_hash_table_insert (tags, g_strdup ("mlflow.runName"), g_strdup (run_name));
    g_hash_table_insert (tags, g_strdup ("mlflow.source.name"), g_strdup ("orchard"));
    g_hash_table_insert (tags, g_strdup ("mlflow.source.type"), g_strdup ("LOCAL"));
    g_hash_table_insert (tags, g_strdup ("mlflow.user"), g_strdup (g_get_user_name ()));
    if (parent_uuid != NULL)
      g_hash_table_insert (tags, g_strdup ("mlflow.parentRunId"), g_strdup (parent_uuid));
    if (run->note != NULL)
      g_hash_table_insert (tags, g_strdup ("mlflow.note.content"), g_strdup (run->note));
    g_hash_table_insert (tags, g_strdup ("orchard.model"), g_strdup (run->model));
    g_hash_table_insert (tags, g_strdup ("orchard.data_hash"), g_strdup (run->data_hash));
    if (run->dataset_name != NULL)
      g_hash_table_insert (tags, g_strdup ("orchard.dataset"), g_strdup (run->dataset_name));
    if (run->target != NULL)
      g_hash_table_insert (tags, g_strdup ("orchard.target"), g_strdup (run->target));
    g_hash_table_insert (tags, g_strdup ("orchard.seed"),
                         g_strdup_printf ("%" G_GUINT64_FORMAT, run->seed));
    if (run->split != NULL)
      g_hash_table_insert (tags, g_strdup ("orchard.split"), g_strdup (run->split));
    if (run->pipeline != NULL)
      g_hash_table_insert (tags, g_strdup ("orchard.pipeline"), g_strdup (run->pipeline));
    if (run->app_version != NULL)
      g_hash_table_insert (tags, g_strdup ("orchard.app_version"), g_strdup (run->app_version));
    if (run->status_message != NULL)
      g_hash_table_insert (tags, g_strdup ("orchard.status_message"),
                           g_strdup (run->status_message));
    if (run->bundle_checksum != NULL)
      g_hash_table_insert (tags, g_strdup ("orchard.bundle_sha256"),
                           g_strdup (run->bundle_checksum));
    if (run->tags != NULL)
      {
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, run->tags);
        while (g_hash_table_iter_next (&iter, &key, &value))
          g_hash_table_insert (tags, g_strdup (key), g_strdup (value));
      }

    keys = orchard_hash_table_sorted_keys (tags);
    for (guint i = 0; i < keys->len; i++)
      {
        const char *key = g_ptr_array_index (keys, i);
        g_autofree char *file = safe_name (key);

        if (!write_text (tags_dir, file, g_hash_table_lookup (tags, key), cancellable, error))
          return FALSE;
      }
  }

  /* Artifacts: the bundle and the pipeline spec. */
  if (run->bundle_checksum != NULL)
    {
      g_autoptr(OrchardArtifact) artifact = orchard_project_load_bundle (self, run->id, error);
      g_autoptr(GFile) file = g_file_get_child (artifacts_dir, "model.orchard-model");

      if (artifact == NULL || !orchard_artifact_save (artifact, file, cancellable, error))
        return FALSE;
    }
  if (run->pipeline_spec != NULL &&
      !write_text (artifacts_dir, "pipeline.json", run->pipeline_spec, cancellable, error))
    return FALSE;

  return TRUE;
}

/**
 * orchard_project_export_mlflow:
 * @self: a project
 * @runs: (element-type OrchardRun): the runs to export (from any listing;
 *   each is read again in full)
 * @mlruns: the `mlruns` directory (created when missing)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the runs in MLflow's file-store layout, one experiment for the
 * project: `mlruns/EXPERIMENT/meta.yaml` and, per run,
 * `mlruns/EXPERIMENT/RUN/` with `meta.yaml`, `params/` (one file per
 * parameter), `metrics/` (one file per "SPLIT.NAME", lines "timestamp value
 * step"; the learning curve as `history.*` with the iteration as step),
 * `tags/` (lineage as `orchard.*` tags) and `artifacts/` (the model bundle
 * and the pipeline spec). `mlflow ui --backend-store-uri mlruns` reads it.
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_export_mlflow (OrchardProject  *self,
                               GPtrArray       *runs,
                               GFile           *mlruns,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autofree char *exp_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *quoted_uri = NULL;
  g_autofree char *quoted_name = NULL;
  g_autofree char *meta = NULL;
  g_autoptr(GFile) exp_dir = NULL;
  gint64 created = G_MAXINT64, updated = 0;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (runs != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (mlruns), FALSE);

  exp_id = experiment_id (self);
  exp_dir = g_file_get_child (mlruns, exp_id);
  if (!make_dir (exp_dir, cancellable, error))
    return FALSE;

  for (guint i = 0; i < runs->len; i++)
    {
      OrchardRun *listed = g_ptr_array_index (runs, i);
      g_autoptr(OrchardRun) run = orchard_project_get_run (self, listed->id, error);
      g_autoptr(OrchardRun) parent = NULL;

      if (run == NULL)
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (run->parent_id > 0)
        parent = orchard_project_get_run (self, run->parent_id, NULL);
      if (!export_run (self, run, exp_dir, exp_id, parent != NULL ? parent->uuid : NULL,
                       cancellable, error))
        return FALSE;
      created = MIN (created, run->start_time);
      updated = MAX (updated, MAX (run->start_time, run->end_time));
    }
  if (created == G_MAXINT64)
    created = updated = g_get_real_time () / 1000;

  name = orchard_project_dup_name (self);
  uri = g_file_get_uri (exp_dir);
  quoted_uri = yaml_quote (uri);
  quoted_name = yaml_quote (name != NULL ? name : orchard_project_get_uuid (self));
  meta = g_strdup_printf ("artifact_location: %s\n"
                          "creation_time: %" G_GINT64_FORMAT "\n"
                          "experiment_id: '%s'\n"
                          "last_update_time: %" G_GINT64_FORMAT "\n"
                          "lifecycle_stage: active\n"
                          "name: %s\n",
                          quoted_uri, created, exp_id, updated, quoted_name);
  return write_text (exp_dir, "meta.yaml", meta, cancellable, error);
}

static void
csv_field (GString    *out,
           const char *text)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, ',');
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * orchard_project_export_csv:
 * @self: a project
 * @runs: (element-type OrchardRun): runs listed with
 *   %ORCHARD_RUN_DETAIL_PARAMS and %ORCHARD_RUN_DETAIL_METRICS
 * @file: the CSV file to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the runs table: one row per run, the run's columns, then a column
 * per parameter (`param.NAME`) and per metric of a whole split
 * (`metric.SPLIT.NAME`) that any run has; empty where a run has none.
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_export_csv (OrchardProject  *self,
                            GPtrArray       *runs,
                            GFile           *file,
                            GCancellable    *cancellable,
                            GError         **error)
{
  static const char * const columns[] = { "id", "uuid", "model", "status", "dataset",
                                          "data_hash", "target", "started", "ended",
                                          "duration", "seed", "split", "pipeline", "parent" };
  g_autoptr(GHashTable) param_set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) metric_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (runs != NULL, FALSE);

  for (guint i = 0; i < runs->len; i++)
    {
      OrchardRun *run = g_ptr_array_index (runs, i);

      for (guint p = 0; run->param_names != NULL && p < run->param_names->len; p++)
        g_hash_table_add (param_set, g_ptr_array_index (run->param_names, p));
      for (guint m = 0; m < orchard_run_get_n_metrics (run); m++)
        {
          const OrchardRunMetric *metric = &g_array_index (run->metrics, OrchardRunMetric, m);

          if (metric->fold == ORCHARD_RUN_FOLD_NONE)
            g_hash_table_add (metric_set, g_strdup_printf ("%s.%s", metric->split, metric->name));
        }
    }
  params = orchard_hash_table_sorted_keys (param_set);
  metrics = orchard_hash_table_sorted_keys (metric_set);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    csv_field (out, columns[c]);
  for (guint p = 0; p < params->len; p++)
    {
      g_autofree char *header = g_strdup_printf ("param.%s", (char *) g_ptr_array_index (params, p));
      csv_field (out, header);
    }
  for (guint m = 0; m < metrics->len; m++)
    {
      g_autofree char *header = g_strdup_printf ("metric.%s", (char *) g_ptr_array_index (metrics, m));
      csv_field (out, header);
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < runs->len; i++)
    {
      OrchardRun *run = g_ptr_array_index (runs, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, run->id);
      g_autofree char *started = orchard_format_time (run->start_time);
      g_autofree char *ended = orchard_format_time (run->end_time);
      g_autofree char *duration = isnan (run->duration) ? NULL : orchard_format_double (run->duration);
      g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, run->seed);
      g_autofree char *parent = run->parent_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT,
                                                                      run->parent_id) : NULL;

      csv_field (out, id);
      csv_field (out, run->uuid);
      csv_field (out, run->model);
      csv_field (out, orchard_run_status_to_string (run->status));
      csv_field (out, run->dataset_name);
      csv_field (out, run->data_hash);
      csv_field (out, run->target);
      csv_field (out, started);
      csv_field (out, ended);
      csv_field (out, duration);
      csv_field (out, seed);
      csv_field (out, run->split);
      csv_field (out, run->pipeline);
      csv_field (out, parent);
      for (guint p = 0; p < params->len; p++)
        {
          g_autofree char *value = orchard_run_dup_param_text (run, g_ptr_array_index (params, p));
          csv_field (out, value != NULL ? value : "");
        }
      for (guint m = 0; m < metrics->len; m++)
        {
          const char *key = g_ptr_array_index (metrics, m);
          const char *dot = strchr (key, '.');
          g_autofree char *split = g_strndup (key, dot - key);
          g_autofree char *text = NULL;
          double value;

          if (orchard_run_lookup_metric (run, split, ORCHARD_RUN_FOLD_NONE, dot + 1, &value) &&
              isfinite (value))
            text = orchard_format_double (value);
          csv_field (out, text != NULL ? text : "");
        }
      g_string_append_c (out, '\n');
    }

  return orchard_file_write_atomic (file, out->str, out->len, cancellable, error);
}
