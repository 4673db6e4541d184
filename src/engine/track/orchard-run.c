/* orchard-run.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard-project-private.h"

/**
 * OrchardRun:
 *
 * One recorded experiment, as orchard_project_get_run() and
 * orchard_project_list_runs() read it: an immutable snapshot, safe to hand
 * to another thread. What a listing did not ask for (#OrchardRunDetail) is
 * empty. Times are Unix time in milliseconds.
 */

G_DEFINE_FINAL_TYPE (OrchardRun, orchard_run, G_TYPE_OBJECT)

static const char * const status_names[] = { "running", "finished", "failed", "cancelled" };

/**
 * orchard_run_status_to_string:
 * @status: a status
 *
 * Returns: its name, "running", "finished", "failed" or "cancelled"
 */
const char *
orchard_run_status_to_string (OrchardRunStatus status)
{
  g_return_val_if_fail (status <= ORCHARD_RUN_CANCELLED, NULL);
  return status_names[status];
}

/**
 * orchard_run_status_from_string:
 * @str: a status name
 * @status: (out): the status
 *
 * Returns: whether @str names a status
 */
gboolean
orchard_run_status_from_string (const char       *str,
                                OrchardRunStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (str, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

static void
orchard_run_finalize (GObject *object)
{
  OrchardRun *self = (OrchardRun *) object;

  g_clear_pointer (&self->pool, orchard_string_pool_unref);
  g_free (self->pipeline_spec);
  g_clear_pointer (&self->param_names, g_ptr_array_unref);
  g_clear_pointer (&self->param_values, g_ptr_array_unref);
  g_clear_pointer (&self->metrics, g_array_unref);
  g_clear_pointer (&self->tags, g_hash_table_unref);
  g_clear_pointer (&self->curve_names, g_strfreev);

  G_OBJECT_CLASS (orchard_run_parent_class)->finalize (object);
}

static void
orchard_run_class_init (OrchardRunClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = orchard_run_finalize;
}

static void
orchard_run_init (OrchardRun *self)
{
  self->sort_value = NAN;
  self->duration = NAN;
}

OrchardRun *
orchard_run_new_empty (OrchardStringPool *pool)
{
  OrchardRun *run = g_object_new (ORCHARD_TYPE_RUN, NULL);

  run->pool = orchard_string_pool_ref (pool);
  return run;
}

/* A run of @summary's columns, sharing its strings (of @pool). */
OrchardRun *
orchard_run_new_from_summary (OrchardStringPool       *pool,
                              const OrchardRunSummary *summary)
{
  OrchardRun *run = orchard_run_new_empty (pool);

  run->id = summary->id;
  run->model = summary->model;
  run->target = summary->target;
  run->status = summary->status;
  run->dataset_id = summary->dataset_id;
  run->data_hash = summary->data_hash;
  run->dataset_name = summary->dataset_name;
  run->parent_id = summary->parent_id;
  run->start_time = summary->start_time;
  run->end_time = summary->end_time;
  run->duration = summary->duration;
  run->seed = summary->seed;
  run->fractions[0] = run->fractions[1] = run->fractions[2] = NAN;
  run->sort_value = summary->sort_value;
  return run;
}

struct _OrchardStringPool
{
  gatomicrefcount  ref;
  GStringChunk    *chunk;
};

OrchardStringPool *
orchard_string_pool_new (void)
{
  OrchardStringPool *pool = g_new0 (OrchardStringPool, 1);

  g_atomic_ref_count_init (&pool->ref);
  /* A listing of 100,000 runs pools some megabytes of uuids. */
  pool->chunk = g_string_chunk_new (16 * 1024);
  return pool;
}

OrchardStringPool *
orchard_string_pool_ref (OrchardStringPool *pool)
{
  g_atomic_ref_count_inc (&pool->ref);
  return pool;
}

void
orchard_string_pool_unref (OrchardStringPool *pool)
{
  if (g_atomic_ref_count_dec (&pool->ref))
    {
      g_string_chunk_free (pool->chunk);
      g_free (pool);
    }
}

/* NULL stays NULL; equal strings come back as the same pointer. */
const char *
orchard_string_pool_add (OrchardStringPool *pool,
                         const char        *text)
{
  return text != NULL ? g_string_chunk_insert_const (pool->chunk, text) : NULL;
}

/* A string of its own (a uuid, a note), freed with the pool: no malloc per
 * run. @length -1 for nul-terminated. */
const char *
orchard_string_pool_copy (OrchardStringPool *pool,
                          const char        *text,
                          gssize             length)
{
  if (text == NULL)
    return NULL;
  return length < 0 ? g_string_chunk_insert (pool->chunk, text)
                    : g_string_chunk_insert_len (pool->chunk, text, length);
}

/* @name must be pooled (it is not copied); takes @value (floating or
 * full). Parameters come in name order. */
void
orchard_run_add_param (OrchardRun *self,
                       const char *name,
                       GVariant   *value)
{
  if (self->param_names == NULL)
    {
      /* Sized for a learner's parameters: no growing one by one. */
      self->param_names = g_ptr_array_sized_new (16);
      self->param_values = g_ptr_array_new_full (16, (GDestroyNotify) g_variant_unref);
    }
  g_ptr_array_add (self->param_names, (gpointer) name);
  g_ptr_array_add (self->param_values, g_variant_take_ref (value));
}

GVariant *
orchard_run_lookup_param (OrchardRun *self,
                          const char *name)
{
  for (guint i = 0; self->param_names != NULL && i < self->param_names->len; i++)
    if (strcmp (g_ptr_array_index (self->param_names, i), name) == 0)
      return g_ptr_array_index (self->param_values, i);
  return NULL;
}

gint64
orchard_run_get_id (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), 0);
  return self->id;
}

/**
 * orchard_run_get_uuid:
 * @self: a run
 *
 * Returns: the run's 32 hexadecimal digits, unique across projects (the
 *   MLflow run id of an export)
 */
const char *
orchard_run_get_uuid (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->uuid;
}

const char *
orchard_run_get_model (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->model;
}

const char *
orchard_run_get_target (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->target;
}

OrchardRunStatus
orchard_run_get_status (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), ORCHARD_RUN_FAILED);
  return self->status;
}

/**
 * orchard_run_get_status_message:
 * @self: a run
 *
 * Returns: (nullable): why a run failed or was cancelled, or that it was
 *   interrupted
 */
const char *
orchard_run_get_status_message (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->status_message;
}

gint64
orchard_run_get_dataset_id (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), 0);
  return self->dataset_id;
}

const char *
orchard_run_get_data_hash (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->data_hash;
}

const char *
orchard_run_get_dataset_name (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->dataset_name;
}

/**
 * orchard_run_get_parent_id:
 * @self: a run
 *
 * Returns: the run this one retrains or reproduces, 0 for none
 */
gint64
orchard_run_get_parent_id (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), 0);
  return self->parent_id;
}

gint64
orchard_run_get_start_time (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), 0);
  return self->start_time;
}

/**
 * orchard_run_get_end_time:
 * @self: a run
 *
 * Returns: when it ended, Unix milliseconds, 0 while it runs
 */
gint64
orchard_run_get_end_time (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), 0);
  return self->end_time;
}

/**
 * orchard_run_get_duration:
 * @self: a run
 *
 * Returns: seconds from start to end (the training's own time when it
 *   recorded one), NaN while it runs
 */
double
orchard_run_get_duration (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NAN);
  return self->duration;
}

guint64
orchard_run_get_seed (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), 0);
  return self->seed;
}

/**
 * orchard_run_get_split:
 * @self: a run
 *
 * Returns: (nullable): the split method as `orchard-cli train --split`
 *   spells it ("stratified", "group:COLUMN", …)
 */
const char *
orchard_run_get_split (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->split;
}

void
orchard_run_get_fractions (OrchardRun *self,
                           double     *train,
                           double     *valid,
                           double     *test)
{
  g_return_if_fail (ORCHARD_IS_RUN (self));
  if (train != NULL)
    *train = self->fractions[0];
  if (valid != NULL)
    *valid = self->fractions[1];
  if (test != NULL)
    *test = self->fractions[2];
}

/**
 * orchard_run_get_pipeline:
 * @self: a run
 *
 * Returns: (nullable): where the pipeline came from ("auto:trees" or a spec's path)
 */
const char *
orchard_run_get_pipeline (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->pipeline;
}

/**
 * orchard_run_get_pipeline_spec:
 * @self: a run
 *
 * Returns: (nullable): the pipeline spec (JSON) the run fitted
 */
const char *
orchard_run_get_pipeline_spec (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->pipeline_spec;
}

const char *
orchard_run_get_app_version (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->app_version;
}

const char *
orchard_run_get_host (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->host;
}

const char *
orchard_run_get_note (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->note;
}

/**
 * orchard_run_get_bundle_checksum:
 * @self: a run
 *
 * Returns: (nullable): the SHA-256 of the run's model bundle, if it has one
 *   (read with %ORCHARD_RUN_DETAIL_FULL and by orchard_project_get_run())
 */
const char *
orchard_run_get_bundle_checksum (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->bundle_checksum;
}

/**
 * orchard_run_get_sort_value:
 * @self: a run
 *
 * Returns: the value the listing sorted by, NaN when none or the run lacks it
 */
double
orchard_run_get_sort_value (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NAN);
  return self->sort_value;
}

/**
 * orchard_run_get_params:
 * @self: a run
 *
 * Returns: (transfer full): every parameter of the learner, an `a{sv}` in
 *   name order
 */
GVariant *
orchard_run_get_params (OrchardRun *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; self->param_names != NULL && i < self->param_names->len; i++)
    {
      const char *name = g_ptr_array_index (self->param_names, i);

      g_variant_builder_add (&builder, "{sv}", name, g_ptr_array_index (self->param_values, i));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* Parameters as text: numbers in shortest round-trip form, strings bare. */
char *
orchard_variant_to_text (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return orchard_format_double (g_variant_get_double (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "true" : "false");
  return g_variant_print (value, FALSE);
}

/**
 * orchard_run_dup_param_text:
 * @self: a run
 * @name: a parameter name
 *
 * Returns: (transfer full) (nullable): the parameter's value as text
 */
char *
orchard_run_dup_param_text (OrchardRun *self,
                            const char *name)
{
  GVariant *value;

  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);

  value = orchard_run_lookup_param (self, name);
  return value != NULL ? orchard_variant_to_text (value) : NULL;
}

guint
orchard_run_get_n_metrics (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), 0);
  return self->metrics != NULL ? self->metrics->len : 0;
}

/**
 * orchard_run_get_metric_at:
 * @self: a run
 * @index: which metric, below orchard_run_get_n_metrics()
 * @split: (out) (optional): its split
 * @fold: (out) (optional): its fold, %ORCHARD_RUN_FOLD_NONE for the whole split
 * @name: (out) (optional): its name
 * @value: (out) (optional): its value
 */
void
orchard_run_get_metric_at (OrchardRun  *self,
                           guint        index,
                           const char **split,
                           int         *fold,
                           const char **name,
                           double      *value)
{
  const OrchardRunMetric *m;

  g_return_if_fail (ORCHARD_IS_RUN (self));
  g_return_if_fail (index < orchard_run_get_n_metrics (self));

  m = &g_array_index (self->metrics, OrchardRunMetric, index);
  if (split != NULL)
    *split = m->split;
  if (fold != NULL)
    *fold = m->fold;
  if (name != NULL)
    *name = m->name;
  if (value != NULL)
    *value = m->value;
}

/**
 * orchard_run_lookup_metric:
 * @self: a run
 * @split: the split
 * @fold: the fold, %ORCHARD_RUN_FOLD_NONE for the whole split
 * @name: the metric
 * @value: (out) (optional): its value
 *
 * Returns: whether the run has the metric
 */
gboolean
orchard_run_lookup_metric (OrchardRun *self,
                           const char *split,
                           int         fold,
                           const char *name,
                           double     *value)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), FALSE);

  for (guint i = 0; i < orchard_run_get_n_metrics (self); i++)
    {
      const OrchardRunMetric *m = &g_array_index (self->metrics, OrchardRunMetric, i);

      if (m->fold == fold && strcmp (m->split, split) == 0 && strcmp (m->name, name) == 0)
        {
          if (value != NULL)
            *value = m->value;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * orchard_run_get_tags:
 * @self: a run
 *
 * Returns: (transfer none) (nullable) (element-type utf8 utf8): key → value
 */
GHashTable *
orchard_run_get_tags (OrchardRun *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->tags;
}

/**
 * orchard_run_get_curve_names:
 * @self: a run
 *
 * Returns: (transfer none): the run's curves as "SPLIT.NAME"
 */
const char * const *
orchard_run_get_curve_names (OrchardRun *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);
  return self->curve_names != NULL ? (const char * const *) self->curve_names : none;
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
add_time (JsonBuilder *b,
          gint64       ms)
{
  g_autofree char *text = orchard_format_time (ms);

  if (text == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, text);
}

static void
add_string (JsonBuilder *b,
            const char  *text)
{
  if (text == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, text);
}

/* Unix milliseconds as ISO 8601 UTC with milliseconds, NULL for 0. */
char *
orchard_format_time (gint64 ms)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *base = NULL;

  if (ms <= 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (ms / 1000);
  if (dt == NULL)
    return NULL;
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, (int) (ms % 1000));
}

/**
 * orchard_run_to_json:
 * @self: a run
 * @full: add the lineage, tags, note, curves and per-fold metrics
 *
 * The run as `orchard-cli runs list --json` and `runs show --json` print
 * it: `{"id", "model", "status", "data_hash", "started", "duration",
 * "params", "metrics": {"SPLIT": {"NAME": value}}}` and, when @full, more.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
orchard_run_to_json (OrchardRun *self,
                     gboolean    full)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *last_split = NULL;
  gboolean any_folds = FALSE;

  g_return_val_if_fail (ORCHARD_IS_RUN (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, self->id);
  json_builder_set_member_name (b, "model");
  add_string (b, self->model);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, orchard_run_status_to_string (self->status));
  json_builder_set_member_name (b, "data_hash");
  add_string (b, self->data_hash);
  json_builder_set_member_name (b, "started");
  add_time (b, self->start_time);
  json_builder_set_member_name (b, "duration");
  add_number (b, self->duration);

  json_builder_set_member_name (b, "params");
  json_builder_begin_object (b);
  for (guint i = 0; self->param_names != NULL && i < self->param_names->len; i++)
    {
      const char *name = g_ptr_array_index (self->param_names, i);
      GVariant *value = g_ptr_array_index (self->param_values, i);

      json_builder_set_member_name (b, name);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        add_number (b, g_variant_get_double (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        json_builder_add_boolean_value (b, g_variant_get_boolean (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        json_builder_add_int_value (b, g_variant_get_int64 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
        json_builder_add_int_value (b, g_variant_get_int32 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
        json_builder_add_int_value (b, g_variant_get_uint32 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
        json_builder_add_int_value (b, (gint64) MIN (g_variant_get_uint64 (value), (guint64) G_MAXINT64));
      else
        {
          g_autofree char *text = orchard_variant_to_text (value);
          json_builder_add_string_value (b, text);
        }
    }
  json_builder_end_object (b);

  /* Metrics are sorted by split, fold, name. */
  json_builder_set_member_name (b, "metrics");
  json_builder_begin_object (b);
  for (guint i = 0; i < orchard_run_get_n_metrics (self); i++)
    {
      const OrchardRunMetric *m = &g_array_index (self->metrics, OrchardRunMetric, i);

      if (m->fold != ORCHARD_RUN_FOLD_NONE)
        {
          any_folds = TRUE;
          continue;
        }
      if (last_split == NULL || strcmp (last_split, m->split) != 0)
        {
          if (last_split != NULL)
            json_builder_end_object (b);
          json_builder_set_member_name (b, m->split);
          json_builder_begin_object (b);
          last_split = m->split;
        }
      json_builder_set_member_name (b, m->name);
      add_number (b, m->value);
    }
  if (last_split != NULL)
    json_builder_end_object (b);
  json_builder_end_object (b);

  if (full)
    {
      json_builder_set_member_name (b, "uuid");
      json_builder_add_string_value (b, self->uuid);
      json_builder_set_member_name (b, "status_message");
      if (self->status_message != NULL)
        json_builder_add_string_value (b, self->status_message);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "ended");
      add_time (b, self->end_time);
      json_builder_set_member_name (b, "target");
      add_string (b, self->target);
      json_builder_set_member_name (b, "dataset");
      add_string (b, self->dataset_name);
      json_builder_set_member_name (b, "seed");
      json_builder_add_int_value (b, (gint64) MIN (self->seed, (guint64) G_MAXINT64));
      json_builder_set_member_name (b, "split");
      add_string (b, self->split);
      json_builder_set_member_name (b, "fractions");
      json_builder_begin_array (b);
      for (guint k = 0; k < 3; k++)
        add_number (b, self->fractions[k]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "pipeline");
      add_string (b, self->pipeline);
      json_builder_set_member_name (b, "parent");
      if (self->parent_id > 0)
        json_builder_add_int_value (b, self->parent_id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "app_version");
      add_string (b, self->app_version);
      json_builder_set_member_name (b, "host");
      add_string (b, self->host);
      json_builder_set_member_name (b, "bundle_sha256");
      add_string (b, self->bundle_checksum);
      json_builder_set_member_name (b, "note");
      add_string (b, self->note);

      json_builder_set_member_name (b, "tags");
      json_builder_begin_object (b);
      if (self->tags != NULL)
        {
          g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (self->tags, NULL);

          g_qsort_with_data (keys, g_hash_table_size (self->tags), sizeof (char *),
                             (GCompareDataFunc) g_strcmp0, NULL);
          for (guint i = 0; keys[i] != NULL; i++)
            {
              json_builder_set_member_name (b, keys[i]);
              json_builder_add_string_value (b, g_hash_table_lookup (self->tags, keys[i]));
            }
        }
      json_builder_end_object (b);

      json_builder_set_member_name (b, "curves");
      json_builder_begin_array (b);
      for (guint i = 0; self->curve_names != NULL && self->curve_names[i] != NULL; i++)
        json_builder_add_string_value (b, self->curve_names[i]);
      json_builder_end_array (b);

      json_builder_set_member_name (b, "folds");
      json_builder_begin_array (b);
      for (guint i = 0; any_folds && i < self->metrics->len; i++)
        {
          const OrchardRunMetric *m = &g_array_index (self->metrics, OrchardRunMetric, i);

          if (m->fold == ORCHARD_RUN_FOLD_NONE)
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "split");
          json_builder_add_string_value (b, m->split);
          json_builder_set_member_name (b, "fold");
          json_builder_add_int_value (b, m->fold);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, m->name);
          json_builder_set_member_name (b, "value");
          add_number (b, m->value);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The keys of @table (borrowed), sorted as strings; GLib 2.74 lacks
 * g_hash_table_get_keys_as_ptr_array(). */
GPtrArray *
orchard_hash_table_sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, orchard_compare_strv_items);
  return keys;
}

int
orchard_compare_strv_items (gconstpointer a,
                            gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}
