/* orchard-artifact.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-artifact.h"
#include "orchard-error.h"
#include "orchard-file.h"
#include "orchard-parse.h"

/**
 * OrchardArtifact:
 *
 * The deployable bundle of a trained model, a `*.orchard-model` file: what
 * predicting needs (the input schema, the fitted pipeline, the model, the
 * class labels and the decision threshold) and what explains it (metrics
 * per split, lineage), version 1 of the format in `docs/models.md`.
 *
 * On disk a bundle is one serialised #GVariant of type
 * %ORCHARD_ARTIFACT_FILE_TYPE, always little-endian: the magic
 * "orchard-model", the format version, the payload (a serialised
 * %ORCHARD_ARTIFACT_PAYLOAD_TYPE) and the SHA-256 of the payload bytes.
 * Loading treats the bytes as hostile: the magic, the version, the normal
 * form of both variants, the checksum, and then every part and how the
 * parts fit together (schema against pipeline, pipeline features against
 * model, labels, task, metric keys, lineage types) are checked before
 * anything is used, and each failure is an error naming the file.
 *
 * An artifact built in memory holds copies of the pipeline and the model
 * read back from their variants, so it predicts exactly what the same
 * bundle does after a save and a load, and later changes to the objects it
 * was built from cannot reach it.
 */

#define MAGIC_SIZE   (sizeof ORCHARD_ARTIFACT_MAGIC)     /* with its NUL */
#define VERSION_AT   16                                 /* the u after the magic, 4-aligned */
#define HEADER_SIZE  (VERSION_AT + 4)
#define DIGEST_SIZE  32

#define PAYLOAD_FORMAT_TAIL \
  "@a(sssbas)@asd@a{sv}@(usua{sv}sasasa(uddd)ia{sv})@a(sta{sd}ad)@a{sv}@mv)"
#define PAYLOAD_FORMAT "(ss" PAYLOAD_FORMAT_TAIL

typedef struct
{
  GVariant *values;      /* a{sd}, NULL when the part was not evaluated */
  GVariant *confusion;   /* ad, K × K, empty for regression */
  gsize     n_rows;
} PartMetrics;

struct _OrchardArtifact
{
  GObject          parent_instance;

  char            *target;
  OrchardTask      task;
  char           **labels;
  guint            n_labels;
  double           threshold;

  OrchardPipeline *pipeline;
  GVariant        *pipeline_variant;
  OrchardModel    *model;
  GVariant        *model_variant;

  GArray          *columns;     /* OrchardArtifactColumn, owning name and levels */
  PartMetrics      metrics[ORCHARD_N_PARTS];
  GVariant        *lineage;     /* a{sv} */
  OrchardReferenceProfile *reference;          /* nullable */
  GVariant        *reference_variant;          /* its serialisation */
  char            *checksum;
};

G_DEFINE_FINAL_TYPE (OrchardArtifact, orchard_artifact, G_TYPE_OBJECT)

/* Lineage keys this version writes and checks; others are kept as they are. */
static const struct
{
  const char *key;
  const char *type;
  gboolean    required;
} lineage_keys[] = {
  { "data-hash", "s", TRUE },
  { "data-source", "s", FALSE },
  { "data-rows", "t", FALSE },
  { "test-data-hash", "s", FALSE },
  { "test-data-source", "s", FALSE },
  { "seed", "t", TRUE },
  { "split", "s", FALSE },
  { "fractions", "(ddd)", FALSE },
  { "pipeline", "s", FALSE },
  { "pipeline-spec", "s", FALSE },
  { "params", "a{sv}", TRUE },
  { "app-version", "s", TRUE },
  { "created", "x", TRUE },
  { "seconds", "d", FALSE },
  { "threads", "u", FALSE },
  { "rows-without-target", "t", FALSE },
  { "threshold-criterion", "s", FALSE },
  { "threshold-data-hash", "s", FALSE },
};

static void
column_clear (OrchardArtifactColumn *column)
{
  g_free ((char *) column->name);
  g_strfreev ((char **) column->levels);
}

static void
orchard_artifact_finalize (GObject *object)
{
  OrchardArtifact *self = (OrchardArtifact *) object;

  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_object (&self->pipeline);
  g_clear_pointer (&self->pipeline_variant, g_variant_unref);
  g_clear_object (&self->model);
  g_clear_pointer (&self->model_variant, g_variant_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  for (guint p = 0; p < ORCHARD_N_PARTS; p++)
    {
      g_clear_pointer (&self->metrics[p].values, g_variant_unref);
      g_clear_pointer (&self->metrics[p].confusion, g_variant_unref);
    }
  g_clear_pointer (&self->lineage, g_variant_unref);
  g_clear_object (&self->reference);
  g_clear_pointer (&self->reference_variant, g_variant_unref);
  g_clear_pointer (&self->checksum, g_free);

  G_OBJECT_CLASS (orchard_artifact_parent_class)->finalize (object);
}

static void
orchard_artifact_class_init (OrchardArtifactClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = orchard_artifact_finalize;
}

static void
orchard_artifact_init (OrchardArtifact *self)
{
  self->threshold = NAN;
  self->columns = g_array_new (FALSE, TRUE, sizeof (OrchardArtifactColumn));
  g_array_set_clear_func (self->columns, (GDestroyNotify) column_clear);
}

/* Helpers ----------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
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

static gboolean
part_from_string (const char  *name,
                  OrchardPart *part)
{
  for (OrchardPart p = ORCHARD_PART_TRAIN; p < ORCHARD_N_PARTS; p++)
    if (strcmp (orchard_part_to_string (p), name) == 0)
      {
        *part = p;
        return TRUE;
      }
  return FALSE;
}

/* Whether some feature of @pipeline is derived from input column @name. */
static gboolean
is_source (OrchardPipeline *pipeline,
           const char      *name)
{
  for (guint f = 0; f < orchard_pipeline_get_n_features (pipeline); f++)
    if (strcmp (orchard_pipeline_get_feature_source (pipeline, f), name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
same_strv (const char * const *a,
           const char * const *b)
{
  guint i;

  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;

  return a[i] == NULL && b[i] == NULL;
}

/* The pipeline's feature names, in order. */
static gboolean
pipeline_matches_model (OrchardPipeline *pipeline,
                        OrchardModel    *model)
{
  const char * const *names = orchard_model_get_feature_names (model);
  guint n = orchard_pipeline_get_n_features (pipeline);

  if (orchard_model_get_n_features (model) != n || names == NULL)
    return FALSE;

  for (guint f = 0; f < n; f++)
    if (names[f] == NULL || strcmp (names[f], orchard_pipeline_get_feature_name (pipeline, f)) != 0)
      return FALSE;

  return names[n] == NULL;
}

static GVariant *
default_lineage (OrchardModel *model,
                 OrchardTable *table,
                 gsize         n_rows)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *source = orchard_table_get_source (table);

  g_variant_dict_insert (&dict, "data-hash", "s", orchard_table_get_hash (table));
  if (source != NULL)
    g_variant_dict_insert (&dict, "data-source", "s", source);
  g_variant_dict_insert (&dict, "data-rows", "t", (guint64) n_rows);
  g_variant_dict_insert (&dict, "seed", "t", (guint64) 0);
  g_variant_dict_insert_value (&dict, "params", orchard_model_get_params (model));
  g_variant_dict_insert (&dict, "app-version", "s", PACKAGE_VERSION);
  g_variant_dict_insert (&dict, "created", "x", g_date_time_to_unix (now));

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/* Levels of @column that @rows use, sorted. */
static char **
used_levels (OrchardColumn *column,
             const gsize   *rows,
             gsize          n_rows)
{
  guint n_levels = orchard_column_get_n_levels (column);
  const guint32 *codes = orchard_column_get_codes (column);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n_levels, 1));
  g_autoptr(GPtrArray) levels = g_ptr_array_new ();

  for (gsize i = 0; i < n_rows; i++)
    {
      guint32 code = codes[rows != NULL ? rows[i] : i];

      if (code != ORCHARD_CODE_MISSING && code < n_levels)
        used[code] = TRUE;
    }

  for (guint l = 0; l < n_levels; l++)
    if (used[l])
      g_ptr_array_add (levels, g_strdup (orchard_column_get_level (column, l)));

  g_ptr_array_sort (levels, compare_strings);
  g_ptr_array_add (levels, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&levels), FALSE);
}

/* Construction ------------------------------------------------------------ */

/* Sets the pipeline and the model from their variants, reading them back
 * as a loaded bundle would. */
static gboolean
take_parts (OrchardArtifact  *self,
            GVariant         *pipeline_variant,
            GVariant         *model_variant,
            GError          **error)
{
  self->pipeline = orchard_pipeline_new_from_variant (pipeline_variant, error);
  if (self->pipeline == NULL)
    return FALSE;
  if (!orchard_pipeline_is_fitted (self->pipeline))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The pipeline of the model is not fitted"));
      return FALSE;
    }

  self->model = orchard_model_new_from_variant (model_variant, error);
  if (self->model == NULL)
    return FALSE;

  self->pipeline_variant = g_variant_ref (pipeline_variant);
  self->model_variant = g_variant_ref (model_variant);
  return TRUE;
}

/**
 * orchard_artifact_new:
 * @pipeline: a fitted pipeline
 * @model: a model fitted on what @pipeline makes of the training rows
 * @table: the data @pipeline was fitted on, with the target role set
 * @rows: (nullable) (array length=n_rows): the training rows of @table,
 *   or %NULL for all of them
 * @n_rows: how many
 * @error: return location for a #GError
 *
 * Bundles a trained model. The input schema is the pipeline's input
 * columns; the levels of categorical columns are those of @rows. The
 * threshold starts at 0.5 for a binary model; the lineage has the data
 * hash and source of @table, the model's parameters, seed 0, the version
 * of Orchard and the time now, and orchard_artifact_set_lineage() adds the
 * rest. No metrics yet.
 *
 * Returns: (transfer full) (nullable): the artifact, or %NULL when the
 *   pipeline and the model do not fit together
 */
OrchardArtifact *
orchard_artifact_new (OrchardPipeline  *pipeline,
                      OrchardModel     *model,
                      OrchardTable     *table,
                      const gsize      *rows,
                      gsize             n_rows,
                      GError          **error)
{
  g_autoptr(OrchardArtifact) self = NULL;
  g_autoptr(GVariant) pipeline_variant = NULL;
  g_autoptr(GVariant) model_variant = NULL;
  g_autoptr(GVariant) inputs = NULL;
  const char *target;
  GVariantIter iter;
  const char *name, *kind, *role;

  g_return_val_if_fail (ORCHARD_IS_PIPELINE (pipeline), NULL);
  g_return_val_if_fail (ORCHARD_IS_MODEL (model), NULL);
  g_return_val_if_fail (ORCHARD_IS_TABLE (table), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!orchard_pipeline_is_fitted (pipeline) || !orchard_model_is_fitted (model))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Only a fitted pipeline and a fitted model can be bundled"));
      return NULL;
    }

  target = orchard_pipeline_get_target (pipeline);
  if (target == NULL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The pipeline was fitted without a target column"));
      return NULL;
    }

  if (!pipeline_matches_model (pipeline, model))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The model was not fitted on the features the pipeline makes"));
      return NULL;
    }

  if (rows == NULL)
    n_rows = orchard_table_get_n_rows (table);

  self = g_object_new (ORCHARD_TYPE_ARTIFACT, NULL);
  pipeline_variant = orchard_pipeline_to_variant (pipeline);
  model_variant = orchard_model_to_variant (model);
  if (!take_parts (self, pipeline_variant, model_variant, error))
    return NULL;

  self->target = g_strdup (target);
  self->task = orchard_model_get_task (model);
  self->labels = g_strdupv ((char **) orchard_model_get_class_labels (model));
  self->n_labels = self->labels != NULL ? g_strv_length (self->labels) : 0;
  if (self->task == ORCHARD_TASK_BINARY)
    self->threshold = 0.5;

  inputs = g_variant_lookup_value (pipeline_variant, "inputs", G_VARIANT_TYPE ("a(sss)"));
  g_assert (inputs != NULL);
  g_variant_iter_init (&iter, inputs);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &name, &kind, &role))
    {
      OrchardArtifactColumn column = { 0 };
      int index = orchard_table_find_column (table, name);

      column.name = g_strdup (name);
      orchard_column_kind_from_string (kind, &column.kind);
      orchard_column_role_from_string (role, &column.role);
      column.required = column.role == ORCHARD_COLUMN_ROLE_FEATURE &&
                        is_source (self->pipeline, name);

      if (index >= 0 && orchard_column_is_coded (orchard_table_get_column (table, index)) &&
          (column.kind == ORCHARD_COLUMN_KIND_CATEGORICAL ||
           column.kind == ORCHARD_COLUMN_KIND_TEXT))
        column.levels = (const char * const *) used_levels (orchard_table_get_column (table, index),
                                                            rows, n_rows);
      else
        column.levels = (const char * const *) g_new0 (char *, 1);
      column.n_levels = g_strv_length ((char **) column.levels);

      g_array_append_val (self->columns, column);
    }

  self->lineage = default_lineage (model, table, n_rows);

  return g_steal_pointer (&self);
}

/* Serialising ------------------------------------------------------------- */

static GVariant *
schema_to_variant (OrchardArtifact *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sssbas)"));
  for (guint i = 0; i < self->columns->len; i++)
    {
      const OrchardArtifactColumn *c = &g_array_index (self->columns, OrchardArtifactColumn, i);

      g_variant_builder_add (&builder, "(sssb^as)", c->name,
                             orchard_column_kind_to_string (c->kind),
                             orchard_column_role_to_string (c->role), c->required, c->levels);
    }

  return g_variant_builder_end (&builder);
}

static GVariant *
metrics_to_variant (OrchardArtifact *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sta{sd}ad)"));
  for (OrchardPart p = ORCHARD_PART_TRAIN; p < ORCHARD_N_PARTS; p++)
    if (self->metrics[p].values != NULL)
      g_variant_builder_add (&builder, "(st@a{sd}@ad)", orchard_part_to_string (p),
                             (guint64) self->metrics[p].n_rows, self->metrics[p].values,
                             self->metrics[p].confusion);

  return g_variant_builder_end (&builder);
}

static GVariant *
little_endian (GVariant *variant)
{
  /* Takes @variant; bundles are little-endian on every machine. */
  if (G_BYTE_ORDER == G_BIG_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (variant);
      g_variant_unref (variant);
      return swapped;
    }
  return variant;
}

static char *
digest_to_hex (const guint8 *digest)
{
  GString *hex = g_string_sized_new (DIGEST_SIZE * 2);

  for (guint i = 0; i < DIGEST_SIZE; i++)
    g_string_append_printf (hex, "%02x", digest[i]);

  return g_string_free (hex, FALSE);
}

static void
sha256 (GBytes *bytes,
        guint8  digest[DIGEST_SIZE])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize size = DIGEST_SIZE;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  g_checksum_update (checksum, data, length);
  g_checksum_get_digest (checksum, digest, &size);
  g_assert (size == DIGEST_SIZE);
}

/**
 * orchard_artifact_to_bytes:
 * @self: an artifact
 *
 * Serialises the bundle, which also sets orchard_artifact_get_checksum().
 *
 * Returns: (transfer full): the bytes of a `*.orchard-model` file
 */
GBytes *
orchard_artifact_to_bytes (OrchardArtifact *self)
{
  g_autoptr(GVariant) built = NULL;
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GVariant) file = NULL;
  g_autoptr(GBytes) payload_bytes = NULL;
  GVariant *reference = NULL;
  guint8 digest[DIGEST_SIZE];

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);

  if (self->reference_variant != NULL)
    reference = g_variant_new_variant (self->reference_variant);

  built = g_variant_new (PAYLOAD_FORMAT,
                           self->target,
                           orchard_task_to_string (self->task),
                           schema_to_variant (self),
                           g_variant_new_strv ((const char * const *) self->labels,
                                               self->labels != NULL ? -1 : 0),
                           self->threshold,
                           self->pipeline_variant,
                           self->model_variant,
                           metrics_to_variant (self),
                           self->lineage,
                           g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, reference));
  built = g_variant_ref_sink (built);
  payload = little_endian (g_variant_get_normal_form (built));
  payload_bytes = g_variant_get_data_as_bytes (payload);
  sha256 (payload_bytes, digest);

  g_clear_pointer (&built, g_variant_unref);
  built = g_variant_new ("(su@ay@ay)", ORCHARD_ARTIFACT_MAGIC, ORCHARD_ARTIFACT_FORMAT_VERSION,
                         g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, payload_bytes, TRUE),
                         g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, digest, DIGEST_SIZE, 1));
  built = g_variant_ref_sink (built);
  file = little_endian (g_variant_get_normal_form (built));

  g_free (self->checksum);
  self->checksum = digest_to_hex (digest);

  return g_variant_get_data_as_bytes (file);
}

/**
 * orchard_artifact_save:
 * @self: an artifact
 * @file: where to write it
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the bundle atomically: to a temporary file in the same folder,
 * renamed over @file once complete, so @file holds either its old content
 * or the whole bundle, never a part.
 *
 * Returns: %TRUE on success
 */
gboolean
orchard_artifact_save (OrchardArtifact  *self,
                       GFile            *file,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = orchard_artifact_to_bytes (self);
  return orchard_file_write_atomic (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    cancellable, error);
}

/* Loading ----------------------------------------------------------------- */

static gboolean
damaged (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
damaged (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE, _("The bundle is damaged: %s"), what);
  return FALSE;
}

static gboolean
load_schema (OrchardArtifact  *self,
             GVariant         *schema,
             GVariant         *pipeline_variant,
             GError          **error)
{
  g_autoptr(GVariant) inputs = g_variant_lookup_value (pipeline_variant, "inputs",
                                                       G_VARIANT_TYPE ("a(sss)"));
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  gsize n = g_variant_n_children (schema);
  gboolean any_required = FALSE;

  if (inputs == NULL || g_variant_n_children (inputs) != n)
    return damaged (error, _("its input schema does not match its pipeline"));

  for (gsize i = 0; i < n; i++)
    {
      OrchardArtifactColumn column = { 0 };
      const char *name, *kind, *role, *input_name, *input_kind, *input_role;
      g_autofree const char **levels = NULL;
      g_autoptr(GHashTable) seen = NULL;

      g_variant_get_child (schema, i, "(&s&s&sb^a&s)", &name, &kind, &role, &column.required,
                           &levels);
      g_variant_get_child (inputs, i, "(&s&s&s)", &input_name, &input_kind, &input_role);

      if (name[0] == '\0' || !g_hash_table_add (names, (gpointer) name))
        return damaged (error, _("its input schema has an empty or repeated column name"));
      if (!orchard_column_kind_from_string (kind, &column.kind) ||
          !orchard_column_role_from_string (role, &column.role) ||
          strcmp (kind, orchard_column_kind_to_string (column.kind)) != 0 ||
          strcmp (role, orchard_column_role_to_string (column.role)) != 0)
        return damaged (error, _("column “%s” of its input schema has an unknown kind or role"),
                        name);
      if (strcmp (name, input_name) != 0 || strcmp (kind, input_kind) != 0 ||
          strcmp (role, input_role) != 0)
        return damaged (error, _("its input schema does not match its pipeline"));
      if (column.required !=
          (column.role == ORCHARD_COLUMN_ROLE_FEATURE && is_source (self->pipeline, name)))
        return damaged (error, _("column “%s” of its input schema is wrongly marked as required"),
                        name);

      seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint l = 0; levels[l] != NULL; l++)
        if (!g_hash_table_add (seen, (gpointer) levels[l]))
          return damaged (error, _("column “%s” repeats the level “%s”"), name, levels[l]);
      if (levels[0] != NULL && column.kind != ORCHARD_COLUMN_KIND_CATEGORICAL &&
          column.kind != ORCHARD_COLUMN_KIND_TEXT)
        return damaged (error, _("column “%s” has levels but is not categorical"), name);

      any_required |= column.required;
      column.name = g_strdup (name);
      column.levels = (const char * const *) g_strdupv ((char **) levels);
      column.n_levels = g_strv_length ((char **) levels);
      g_array_append_val (self->columns, column);
    }

  if (!any_required)
    return damaged (error, _("no input column is required"));

  return TRUE;
}

static gboolean
load_metrics (OrchardArtifact  *self,
              GVariant         *metrics,
              GError          **error)
{
  OrchardMetricsTask task = metrics_task (self->task);
  gsize expected_cells = (gsize) self->n_labels * self->n_labels;

  for (gsize i = 0; i < g_variant_n_children (metrics); i++)
    {
      g_autoptr(GVariant) values = NULL;
      g_autoptr(GVariant) confusion = NULL;
      const char *part_name;
      guint64 n_rows;
      OrchardPart part;
      GVariantIter iter;
      const char *key;
      double value;
      gsize n_cells;
      const double *cells;

      g_variant_get_child (metrics, i, "(&st@a{sd}@ad)", &part_name, &n_rows, &values,
                           &confusion);

      if (!part_from_string (part_name, &part) || self->metrics[part].values != NULL)
        return damaged (error, _("its metrics name an unknown or repeated part “%s”"), part_name);
      if (n_rows == 0)
        return damaged (error, _("its %s metrics cover no rows"), part_name);

      g_variant_iter_init (&iter, values);
      while (g_variant_iter_next (&iter, "{&sd}", &key, &value))
        if (!orchard_metric_is_known (task, key))
          return damaged (error, _("its %s metrics have an unknown key “%s”"), part_name, key);

      cells = g_variant_get_fixed_array (confusion, &n_cells, sizeof (double));
      if (n_cells != expected_cells)
        return damaged (error, _("its %s confusion matrix has the wrong size"), part_name);
      for (gsize c = 0; c < n_cells; c++)
        if (!(cells[c] >= 0.0) || !isfinite (cells[c]))
          return damaged (error, _("its %s confusion matrix holds an invalid count"), part_name);

      self->metrics[part].values = g_steal_pointer (&values);
      self->metrics[part].confusion = g_steal_pointer (&confusion);
      self->metrics[part].n_rows = n_rows;
    }

  return TRUE;
}

/* Checks the types of known keys of @lineage; with @complete, also that the
 * required ones are there. */
static gboolean
check_lineage (GVariant  *lineage,
               gboolean   complete,
               GError   **error)
{
  for (guint k = 0; k < G_N_ELEMENTS (lineage_keys); k++)
    {
      g_autoptr(GVariant) value = g_variant_lookup_value (lineage, lineage_keys[k].key, NULL);

      if (value == NULL)
        {
          if (complete && lineage_keys[k].required)
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           _("The lineage lacks “%s”"), lineage_keys[k].key);
              return FALSE;
            }
          continue;
        }

      if (!g_variant_is_of_type (value, G_VARIANT_TYPE (lineage_keys[k].type)))
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       _("Lineage entry “%s” must be of type %s, not %s"), lineage_keys[k].key,
                       lineage_keys[k].type, g_variant_get_type_string (value));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_payload (OrchardArtifact  *self,
              GVariant         *payload,
              GError          **error)
{
  g_autoptr(GVariant) schema = NULL;
  g_autoptr(GVariant) labels = NULL;
  g_autoptr(GVariant) pipeline_variant = NULL;
  g_autoptr(GVariant) model_variant = NULL;
  g_autoptr(GVariant) metrics = NULL;
  g_autoptr(GVariant) lineage = NULL;
  g_autoptr(GVariant) reference = NULL;
  g_autoptr(GEnumClass) task_class = g_type_class_ref (ORCHARD_TYPE_TASK);
  g_autoptr(GError) local_error = NULL;
  const char *target, *task_nick;
  GEnumValue *task;
  double threshold;

  /* The two strings are borrowed from @payload ("&s"), not copied. */
  g_variant_get (payload, "(&s&s" PAYLOAD_FORMAT_TAIL, &target, &task_nick, &schema, &labels, &threshold,
                 &pipeline_variant, &model_variant, &metrics, &lineage, &reference);

  task = g_enum_get_value_by_nick (task_class, task_nick);
  if (task == NULL)
    return damaged (error, _("its task “%s” is unknown"), task_nick);
  if (target[0] == '\0')
    return damaged (error, _("it names no target"));

  self->target = g_strdup (target);
  self->task = task->value;
  self->labels = g_variant_dup_strv (labels, NULL);
  self->n_labels = g_strv_length (self->labels);

  if (!take_parts (self, pipeline_variant, model_variant, error))
    return FALSE;

  if (g_strcmp0 (orchard_pipeline_get_target (self->pipeline), target) != 0)
    return damaged (error, _("its pipeline was fitted for another target"));
  if (!pipeline_matches_model (self->pipeline, self->model))
    return damaged (error, _("its model was not fitted on the features of its pipeline"));
  if (orchard_model_get_task (self->model) != self->task ||
      !same_strv (orchard_model_get_class_labels (self->model),
                  (const char * const *) self->labels))
    return damaged (error, _("its task or class labels differ from its model’s"));

  if (self->task == ORCHARD_TASK_BINARY ? !(threshold >= 0.0 && threshold <= 1.0)
                                        : !isnan (threshold))
    return damaged (error, _("its decision threshold %g is invalid"), threshold);
  self->threshold = threshold;

  if (!load_schema (self, schema, pipeline_variant, error))
    return FALSE;
  if (!load_metrics (self, metrics, error))
    return FALSE;

  if (!check_lineage (lineage, TRUE, &local_error))
    return damaged (error, "%s", local_error->message);
  self->lineage = g_steal_pointer (&lineage);

  if (g_variant_n_children (reference) == 1)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (reference, 0);

      self->reference_variant = g_variant_get_variant (boxed);
      self->reference = orchard_reference_profile_from_variant (self->reference_variant, error);
      if (self->reference == NULL)
        return FALSE;
    }

  return TRUE;
}

static guint32
read_le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static OrchardArtifact *
load_bytes (GBytes      *bytes,
            GError     **error)
{
  g_autoptr(OrchardArtifact) self = NULL;
  g_autoptr(GVariant) file = NULL;
  g_autoptr(GVariant) payload_array = NULL;
  g_autoptr(GVariant) digest_array = NULL;
  g_autoptr(GBytes) payload_bytes = NULL;
  g_autoptr(GVariant) payload = NULL;
  const guint8 *data;
  const guint8 *stored;
  guint8 digest[DIGEST_SIZE];
  gsize size, stored_size;
  guint32 version;

  data = g_bytes_get_data (bytes, &size);

  if (size < MAGIC_SIZE)
    {
      if (size > 0 && memcmp (data, ORCHARD_ARTIFACT_MAGIC, size) == 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The bundle is truncated: it has only %lu byte",
                                    "The bundle is truncated: it has only %lu bytes", size),
                       (gulong) size);
          return NULL;
        }
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("This is not an Orchard model bundle"));
      return NULL;
    }
  if (memcmp (data, ORCHARD_ARTIFACT_MAGIC, MAGIC_SIZE) != 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("This is not an Orchard model bundle"));
      return NULL;
    }
  if (size < HEADER_SIZE)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   g_dngettext (GETTEXT_PACKAGE,
                                    "The bundle is truncated: it has only %lu byte",
                                    "The bundle is truncated: it has only %lu bytes", size),
                       (gulong) size);
      return NULL;
    }

  version = read_le32 (data + VERSION_AT);
  if (version != ORCHARD_ARTIFACT_FORMAT_VERSION)
    {
      if (version > ORCHARD_ARTIFACT_FORMAT_VERSION)
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                     _("The bundle has format version %u, from a newer Orchard; this version "
                       "reads version %u"), version, ORCHARD_ARTIFACT_FORMAT_VERSION);
      else
        damaged (error, _("its format version is %u"), version);
      return NULL;
    }

  file = g_variant_ref_sink (g_variant_new_from_bytes (ORCHARD_ARTIFACT_FILE_TYPE, bytes, FALSE));
  if (!g_variant_is_normal_form (file))
    {
      damaged (error, _("it is truncated or its structure is broken"));
      return NULL;
    }
  if (G_BYTE_ORDER == G_BIG_ENDIAN)
    file = little_endian (g_steal_pointer (&file));

  payload_array = g_variant_get_child_value (file, 2);
  digest_array = g_variant_get_child_value (file, 3);
  stored = g_variant_get_fixed_array (digest_array, &stored_size, 1);
  if (stored_size != DIGEST_SIZE)
    {
      damaged (error, _("its checksum is missing"));
      return NULL;
    }

  payload_bytes = g_variant_get_data_as_bytes (payload_array);
  sha256 (payload_bytes, digest);
  if (memcmp (digest, stored, DIGEST_SIZE) != 0)
    {
      damaged (error, _("its SHA-256 checksum does not match its content"));
      return NULL;
    }

  payload = g_variant_ref_sink (g_variant_new_from_bytes (ORCHARD_ARTIFACT_PAYLOAD_TYPE,
                                                          payload_bytes, FALSE));
  if (!g_variant_is_normal_form (payload))
    {
      damaged (error, _("its content is not in normal form"));
      return NULL;
    }
  if (G_BYTE_ORDER == G_BIG_ENDIAN)
    payload = little_endian (g_steal_pointer (&payload));

  self = g_object_new (ORCHARD_TYPE_ARTIFACT, NULL);
  if (!load_payload (self, payload, error))
    return NULL;

  self->checksum = digest_to_hex (digest);
  return g_steal_pointer (&self);
}

/**
 * orchard_artifact_new_from_bytes:
 * @bytes: the content of a `*.orchard-model` file, possibly hostile
 * @name: how to name it in messages, e.g. the file name
 * @error: return location for a #GError
 *
 * Reads a bundle after checking everything in it. A file that is not a
 * bundle, a truncated or damaged one, and one from a newer version of the
 * format are refused with an %ORCHARD_ERROR whose message starts with
 * @name.
 *
 * Returns: (transfer full) (nullable): the artifact, or %NULL
 */
OrchardArtifact *
orchard_artifact_new_from_bytes (GBytes      *bytes,
                                 const char  *name,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  OrchardArtifact *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = load_bytes (bytes, &local_error);
  if (self == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);

  return self;
}

/**
 * orchard_artifact_load:
 * @file: a `*.orchard-model` file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads and checks a bundle; see orchard_artifact_new_from_bytes().
 *
 * Returns: (transfer full) (nullable): the artifact, or %NULL
 */
OrchardArtifact *
orchard_artifact_load (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;

  name = g_file_get_parse_name (file);
  return orchard_artifact_new_from_bytes (bytes, name, error);
}

/* Accessors --------------------------------------------------------------- */

/**
 * orchard_artifact_get_pipeline:
 * @self: an artifact
 *
 * Returns: (transfer none): the fitted pipeline; do not change it
 */
OrchardPipeline *
orchard_artifact_get_pipeline (OrchardArtifact *self)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  return self->pipeline;
}

/**
 * orchard_artifact_get_model:
 * @self: an artifact
 *
 * Returns: (transfer none): the fitted model; do not change it
 */
OrchardModel *
orchard_artifact_get_model (OrchardArtifact *self)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  return self->model;
}

/**
 * orchard_artifact_get_target:
 * @self: an artifact
 *
 * Returns: the name of the column the model predicts
 */
const char *
orchard_artifact_get_target (OrchardArtifact *self)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  return self->target;
}

OrchardTask
orchard_artifact_get_task (OrchardArtifact *self)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), ORCHARD_TASK_REGRESSION);
  return self->task;
}

/**
 * orchard_artifact_get_n_classes:
 * @self: an artifact
 *
 * Returns: the number of classes, 0 for regression
 */
guint
orchard_artifact_get_n_classes (OrchardArtifact *self)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), 0);
  return self->n_labels;
}

/**
 * orchard_artifact_get_class_labels:
 * @self: an artifact
 *
 * Returns: (transfer none) (array zero-terminated=1) (nullable): the class
 *   labels in the order of the probability columns, %NULL for regression
 */
const char * const *
orchard_artifact_get_class_labels (OrchardArtifact *self)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  return self->n_labels > 0 ? (const char * const *) self->labels : NULL;
}

guint
orchard_artifact_get_n_columns (OrchardArtifact *self)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), 0);
  return self->columns->len;
}

/**
 * orchard_artifact_get_column:
 * @self: an artifact
 * @index: a column of the input schema
 *
 * Returns: (transfer none): the column
 */
const OrchardArtifactColumn *
orchard_artifact_get_column (OrchardArtifact *self,
                             guint            index)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);

  return &g_array_index (self->columns, OrchardArtifactColumn, index);
}

/**
 * orchard_artifact_get_checksum:
 * @self: an artifact
 *
 * Returns: (nullable): the SHA-256 (hex) of the payload as last saved or
 *   loaded, %NULL before either
 */
const char *
orchard_artifact_get_checksum (OrchardArtifact *self)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  return self->checksum;
}

/**
 * orchard_artifact_get_threshold:
 * @self: an artifact
 *
 * Returns: the probability of the second class from which a binary model
 *   predicts it; NaN for other tasks
 */
double
orchard_artifact_get_threshold (OrchardArtifact *self)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NAN);
  return self->threshold;
}

/**
 * orchard_artifact_set_threshold:
 * @self: a binary artifact
 * @threshold: 0 … 1
 * @error: return location for a #GError
 *
 * Returns: %FALSE when the model is not binary or @threshold out of range
 */
gboolean
orchard_artifact_set_threshold (OrchardArtifact  *self,
                                double            threshold,
                                GError          **error)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), FALSE);

  if (self->task != ORCHARD_TASK_BINARY)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Only a binary classifier has a decision threshold"));
      return FALSE;
    }
  if (!(threshold >= 0.0 && threshold <= 1.0))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The decision threshold must be between 0 and 1, not %g"), threshold);
      return FALSE;
    }

  self->threshold = threshold;
  return TRUE;
}

/**
 * orchard_artifact_set_metrics:
 * @self: an artifact
 * @part: the rows the metrics were computed on
 * @metrics: (nullable): metrics of the artifact's task, with its labels;
 *   %NULL removes those of @part
 * @error: return location for a #GError
 *
 * Returns: %FALSE when @metrics do not belong to this model's task
 */
gboolean
orchard_artifact_set_metrics (OrchardArtifact  *self,
                              OrchardPart       part,
                              OrchardMetrics   *metrics,
                              GError          **error)
{
  GVariantBuilder values;
  GVariant *confusion;
  const double *cells;
  gsize n_cells;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), FALSE);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, FALSE);
  g_return_val_if_fail (metrics == NULL || ORCHARD_IS_METRICS (metrics), FALSE);

  g_clear_pointer (&self->metrics[part].values, g_variant_unref);
  g_clear_pointer (&self->metrics[part].confusion, g_variant_unref);
  self->metrics[part].n_rows = 0;

  if (metrics == NULL)
    return TRUE;

  if (orchard_metrics_get_task (metrics) != metrics_task (self->task) ||
      orchard_metrics_get_n_labels (metrics) != self->n_labels ||
      orchard_metrics_get_n_rows (metrics) == 0 ||
      (self->n_labels > 0 &&
       !same_strv (orchard_metrics_get_labels (metrics), (const char * const *) self->labels)))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The metrics are not of this model’s task and classes"));
      return FALSE;
    }

  g_variant_builder_init (&values, G_VARIANT_TYPE ("a{sd}"));
  for (guint i = 0; i < orchard_metrics_get_n_values (metrics); i++)
    g_variant_builder_add (&values, "{sd}", orchard_metrics_get_key (metrics, i),
                           orchard_metrics_get_value (metrics, i));

  n_cells = (gsize) self->n_labels * self->n_labels;
  cells = n_cells > 0 ? orchard_metrics_get_confusion_matrix (metrics) : NULL;
  confusion = g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, cells, n_cells, sizeof (double));

  self->metrics[part].values = g_variant_ref_sink (g_variant_builder_end (&values));
  self->metrics[part].confusion = g_variant_ref_sink (confusion);
  self->metrics[part].n_rows = orchard_metrics_get_n_rows (metrics);
  return TRUE;
}

/**
 * orchard_artifact_get_metrics:
 * @self: an artifact
 * @part: a part of the data
 * @n_rows: (out) (optional): the rows they were computed on
 *
 * Returns: (transfer none) (nullable): the metrics of @part as an `a{sd}`
 *   in the order of #OrchardMetrics, NaN where undefined; %NULL when the
 *   part was not evaluated (no rows)
 */
GVariant *
orchard_artifact_get_metrics (OrchardArtifact *self,
                              OrchardPart      part,
                              gsize           *n_rows)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, NULL);

  if (n_rows != NULL)
    *n_rows = self->metrics[part].n_rows;
  return self->metrics[part].values;
}

/**
 * orchard_artifact_metrics_to_json:
 * @self: an artifact
 * @part: a part of the data
 *
 * The metrics of @part in the shape of orchard_metrics_to_json(): every
 * value (`null` where undefined), then for classifiers `confusion_matrix`
 * and `labels`.
 *
 * Returns: (transfer full) (nullable): a JSON object, or %NULL when the
 *   part was not evaluated
 */
JsonNode *
orchard_artifact_metrics_to_json (OrchardArtifact *self,
                                  OrchardPart      part)
{
  g_autoptr(JsonBuilder) builder = NULL;
  const PartMetrics *m;
  GVariantIter iter;
  const char *key;
  double value;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, NULL);

  m = &self->metrics[part];
  if (m->values == NULL)
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  g_variant_iter_init (&iter, m->values);
  while (g_variant_iter_next (&iter, "{&sd}", &key, &value))
    {
      json_builder_set_member_name (builder, key);
      if (isfinite (value))
        json_builder_add_double_value (builder, value);
      else
        json_builder_add_null_value (builder);
    }

  if (self->n_labels > 0)
    {
      gsize n_cells;
      const double *cells = g_variant_get_fixed_array (m->confusion, &n_cells, sizeof (double));
      gboolean integral = TRUE;

      for (gsize c = 0; c < n_cells; c++)
        integral &= cells[c] == floor (cells[c]) && cells[c] < 9007199254740992.0;

      json_builder_set_member_name (builder, "confusion_matrix");
      json_builder_begin_array (builder);
      for (guint a = 0; a < self->n_labels; a++)
        {
          json_builder_begin_array (builder);
          for (guint b = 0; b < self->n_labels; b++)
            {
              double cell = cells[(gsize) a * self->n_labels + b];

              if (integral)
                json_builder_add_int_value (builder, (gint64) cell);
              else
                json_builder_add_double_value (builder, cell);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "labels");
      json_builder_begin_array (builder);
      for (guint a = 0; a < self->n_labels; a++)
        json_builder_add_string_value (builder, self->labels[a]);
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * orchard_artifact_set_lineage:
 * @self: an artifact
 * @lineage: an `a{sv}` of lineage entries to add or replace
 * @error: return location for a #GError
 *
 * Records where the model came from. Known keys and their types:
 * "data-hash" (s), "data-source" (s), "data-rows" (t), "test-data-hash"
 * (s), "test-data-source" (s), "seed" (t), "split" (s), "fractions" (ddd),
 * "pipeline" (s: "auto:FAMILY" or the spec's path), "pipeline-spec" (s,
 * JSON), "params" (a{sv}), "app-version" (s), "created" (x, Unix time),
 * "seconds" (d), "threads" (u), "rows-without-target" (t). Other keys are
 * kept as given.
 *
 * Returns: %FALSE when a known key has the wrong type
 */
gboolean
orchard_artifact_set_lineage (OrchardArtifact  *self,
                              GVariant         *lineage,
                              GError          **error)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) sunk = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), FALSE);
  g_return_val_if_fail (lineage != NULL, FALSE);
  g_return_val_if_fail (g_variant_is_of_type (lineage, G_VARIANT_TYPE_VARDICT), FALSE);

  sunk = g_variant_ref_sink (lineage);
  if (!check_lineage (sunk, FALSE, error))
    return FALSE;

  g_variant_dict_init (&dict, self->lineage);
  g_variant_iter_init (&iter, sunk);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_variant_dict_insert_value (&dict, key, value);
      g_variant_unref (value);
    }

  g_variant_unref (self->lineage);
  self->lineage = g_variant_ref_sink (g_variant_dict_end (&dict));
  return TRUE;
}

/**
 * orchard_artifact_get_lineage:
 * @self: an artifact
 *
 * Returns: (transfer none): every lineage entry, an `a{sv}`
 */
GVariant *
orchard_artifact_get_lineage (OrchardArtifact *self)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  return self->lineage;
}

/**
 * orchard_artifact_get_data_hash:
 * @self: an artifact
 *
 * Returns: the content hash of the data the model was trained on
 */
const char *
orchard_artifact_get_data_hash (OrchardArtifact *self)
{
  const char *hash = NULL;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  g_variant_lookup (self->lineage, "data-hash", "&s", &hash);
  return hash;
}

guint64
orchard_artifact_get_seed (OrchardArtifact *self)
{
  guint64 seed = 0;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), 0);
  g_variant_lookup (self->lineage, "seed", "t", &seed);
  return seed;
}

/**
 * orchard_artifact_get_app_version:
 * @self: an artifact
 *
 * Returns: the version of Orchard that trained the model
 */
const char *
orchard_artifact_get_app_version (OrchardArtifact *self)
{
  const char *version = NULL;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  g_variant_lookup (self->lineage, "app-version", "&s", &version);
  return version;
}

/**
 * orchard_artifact_get_created:
 * @self: an artifact
 *
 * Returns: (transfer full) (nullable): when the bundle was made, in UTC
 */
GDateTime *
orchard_artifact_get_created (OrchardArtifact *self)
{
  gint64 created = 0;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  g_variant_lookup (self->lineage, "created", "x", &created);
  return g_date_time_new_from_unix_utc (created);
}

/**
 * orchard_artifact_set_reference_profile:
 * @self: an artifact
 * @profile: (nullable): the drift reference profile of the training rows
 *   (with the model's outputs on them as predictions), or %NULL
 *
 * Puts the profile that monitoring compares new data with into the bundle.
 */
void
orchard_artifact_set_reference_profile (OrchardArtifact         *self,
                                        OrchardReferenceProfile *profile)
{
  g_return_if_fail (ORCHARD_IS_ARTIFACT (self));
  g_return_if_fail (profile == NULL || ORCHARD_IS_REFERENCE_PROFILE (profile));

  g_set_object (&self->reference, profile);
  g_clear_pointer (&self->reference_variant, g_variant_unref);
  if (profile != NULL)
    self->reference_variant = orchard_reference_profile_to_variant (profile);
}

/**
 * orchard_artifact_get_reference_profile:
 * @self: an artifact
 *
 * Returns: (transfer none) (nullable): the drift reference profile of the
 *   training rows, or %NULL when the bundle has none
 */
OrchardReferenceProfile *
orchard_artifact_get_reference_profile (OrchardArtifact *self)
{
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  return self->reference;
}

/* Predicting -------------------------------------------------------------- */

static OrchardColumn *
coerce_column (OrchardColumn      *column,
               OrchardColumnKind   kind,
               GError            **error)
{
  const char *name = orchard_column_get_name (column);
  OrchardColumnKind from = orchard_column_get_kind (column);
  gsize n_rows = orchard_column_get_n_rows (column);

  if ((kind == ORCHARD_COLUMN_KIND_NUMERIC || kind == ORCHARD_COLUMN_KIND_DATETIME) &&
      orchard_column_is_coded (column))
    {
      /* Text that should have been numbers or dates: parse each level once. */
      guint n_levels = orchard_column_get_n_levels (column);
      const guint32 *codes = orchard_column_get_codes (column);
      g_autofree double *parsed = g_new (double, MAX (n_levels, 1));
      g_autofree gboolean *valid = g_new (gboolean, MAX (n_levels, 1));
      double *values = g_new (double, MAX (n_rows, 1));

      for (guint l = 0; l < n_levels; l++)
        {
          const char *level = orchard_column_get_level (column, l);
          g_autofree char *stripped = g_strstrip (g_strdup (level));

          if (stripped[0] == '\0')
            {
              parsed[l] = NAN;
              valid[l] = TRUE;
            }
          else if (kind == ORCHARD_COLUMN_KIND_NUMERIC)
            valid[l] = orchard_parse_double (stripped, strlen (stripped), &parsed[l]);
          else
            valid[l] = orchard_parse_datetime (stripped, strlen (stripped), &parsed[l]);
        }

      for (gsize r = 0; r < n_rows; r++)
        {
          if (codes[r] == ORCHARD_CODE_MISSING || codes[r] >= n_levels)
            {
              values[r] = NAN;
              continue;
            }
          if (!valid[codes[r]])
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           kind == ORCHARD_COLUMN_KIND_NUMERIC
                             ? _("Column “%s” must hold numbers, as it did in training, but row "
                                 "%lu holds “%s”")
                             : _("Column “%s” must hold dates, as it did in training, but row "
                                 "%lu holds “%s”"),
                           name, (gulong) r + 1, orchard_column_get_level (column, codes[r]));
              g_free (values);
              return NULL;
            }
          values[r] = parsed[codes[r]];
        }

      return kind == ORCHARD_COLUMN_KIND_NUMERIC ? orchard_column_new_numeric (name, values, n_rows)
                                                 : orchard_column_new_datetime (name, values,
                                                                                n_rows);
    }

  if (kind == ORCHARD_COLUMN_KIND_CATEGORICAL || kind == ORCHARD_COLUMN_KIND_TEXT)
    {
      gboolean is_text = kind == ORCHARD_COLUMN_KIND_TEXT;
      guint32 *codes = g_new (guint32, MAX (n_rows, 1));
      GPtrArray *levels = g_ptr_array_new_with_free_func (g_free);

      if (orchard_column_is_coded (column))
        {
          /* Categorical and text share their representation. */
          memcpy (codes, orchard_column_get_codes (column), n_rows * sizeof (guint32));
          for (guint l = 0; l < orchard_column_get_n_levels (column); l++)
            g_ptr_array_add (levels, g_strdup (orchard_column_get_level (column, l)));
        }
      else
        {
          /* Numbers or dates that were categories in training: their text. */
          g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
          const double *values = orchard_column_get_values (column);

          for (gsize r = 0; r < n_rows; r++)
            {
              char *text;
              gpointer code;

              if (isnan (values[r]))
                {
                  codes[r] = ORCHARD_CODE_MISSING;
                  continue;
                }
              text = from == ORCHARD_COLUMN_KIND_DATETIME ? orchard_format_datetime (values[r])
                                                          : orchard_format_double (values[r]);
              if (g_hash_table_lookup_extended (index, text, NULL, &code))
                {
                  codes[r] = GPOINTER_TO_UINT (code);
                  g_free (text);
                }
              else
                {
                  codes[r] = levels->len;
                  g_ptr_array_add (levels, text);
                  g_hash_table_insert (index, text, GUINT_TO_POINTER (codes[r]));
                }
            }
        }

      return orchard_column_new_categorical (name, codes, n_rows, levels, is_text);
    }

  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
               _("Column “%s” holds %s values, but the model was trained with %s values"),
               name, orchard_column_kind_to_string (from), orchard_column_kind_to_string (kind));
  return NULL;
}

/* @table as the pipeline must see it: the schema's columns, required ones
 * present, of the kinds of training. */
static OrchardTable *
conform (OrchardArtifact  *self,
         OrchardTable     *table,
         GPtrArray        *warnings,
         GError          **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);

  for (guint i = 0; i < self->columns->len; i++)
    {
      const OrchardArtifactColumn *c = &g_array_index (self->columns, OrchardArtifactColumn, i);
      int index = orchard_table_find_column (table, c->name);
      OrchardColumn *column;
      g_autoptr(GError) local_error = NULL;
      OrchardColumn *coerced;

      /* The target of new data, if there, plays no part in predicting it. */
      if (c->role == ORCHARD_COLUMN_ROLE_TARGET)
        continue;

      if (index < 0)
        {
          if (c->required)
            g_ptr_array_add (missing, (gpointer) c->name);
          continue;
        }

      column = orchard_table_get_column (table, index);
      if (orchard_column_get_kind (column) == c->kind)
        {
          g_ptr_array_add (columns, orchard_column_ref (column));
          continue;
        }

      coerced = coerce_column (column, c->kind, &local_error);
      if (coerced == NULL)
        {
          if (c->required)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          continue;   /* not needed to predict: leave it out */
        }

      g_ptr_array_add (columns, coerced);
      if (warnings != NULL)
        {
          OrchardColumnKind read_as = orchard_column_get_kind (column);

          g_ptr_array_add (warnings,
                           g_strdup_printf (_("Column “%s” was read as %s and converted to %s, "
                                              "as in training"),
                                            c->name, orchard_column_kind_to_string (read_as),
                                            orchard_column_kind_to_string (c->kind)));
        }
    }

  if (missing->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < missing->len; i++)
        g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (missing, i));
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE, "The data lacks column %s, which the model needs",
                                "The data lacks columns %s, which the model needs", missing->len),
                   names->str);
      return NULL;
    }

  return orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, error);
}

/**
 * orchard_artifact_predict:
 * @self: an artifact
 * @table: new data with (at least) the required input columns
 * @warnings: (out) (optional) (transfer full) (array zero-terminated=1):
 *   what was done to make @table fit, one sentence each
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Applies the pipeline and the model to every row of @table, in order.
 * Columns are found by name: extra ones are ignored, missing required ones
 * are an error that names all of them. A column read as another kind than
 * in training is converted when its values allow (text holding numbers or
 * dates, numbers or dates that were categories) and reported in @warnings;
 * otherwise the error names the column and the first value that does not
 * convert. Categories unseen in training go to the pipeline's encoders,
 * which handle them (see `docs/pipeline-spec.md`).
 *
 * Safe to call from several threads at once.
 *
 * Returns: (transfer full) (nullable): one row per row of @table: the
 *   class probabilities ("proba_<label>" columns) or the prediction
 *   ("prediction"), or %NULL
 */
OrchardMatrix *
orchard_artifact_predict (OrchardArtifact   *self,
                          OrchardTable      *table,
                          char            ***warnings,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(OrchardTable) conformed = NULL;
  g_autoptr(OrchardMatrix) X = NULL;
  OrchardMatrix *out;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  g_return_val_if_fail (ORCHARD_IS_TABLE (table), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings != NULL)
    *warnings = NULL;

  conformed = conform (self, table, notes, error);
  if (conformed == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  X = orchard_pipeline_transform (self->pipeline, conformed, error);
  if (X == NULL)
    return NULL;

  out = orchard_model_predict (self->model, X, cancellable, error);
  if (out != NULL && warnings != NULL)
    {
      g_ptr_array_add (notes, NULL);
      *warnings = (char **) g_ptr_array_free (g_steal_pointer (&notes), FALSE);
    }

  return out;
}

/**
 * orchard_artifact_classify:
 * @self: a classifier's artifact
 * @outputs: (array): one row of orchard_artifact_predict(): the class
 *   probabilities
 * @threshold: for a binary model, the probability of the second class
 *   from which it is predicted; NaN for the artifact's own threshold
 *
 * Returns: the index of the predicted class: for binary models the second
 *   when its probability reaches the threshold, otherwise the most probable
 *   class (the first of equally probable ones)
 */
guint
orchard_artifact_classify (OrchardArtifact *self,
                           const double    *outputs,
                           double           threshold)
{
  guint best = 0;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), 0);
  g_return_val_if_fail (self->n_labels > 0, 0);
  g_return_val_if_fail (outputs != NULL, 0);

  if (self->task == ORCHARD_TASK_BINARY)
    return outputs[1] >= (isnan (threshold) ? self->threshold : threshold) ? 1 : 0;

  for (guint k = 1; k < self->n_labels; k++)
    if (outputs[k] > outputs[best])
      best = k;

  return best;
}

/**
 * orchard_artifact_outputs_to_table:
 * @self: an artifact
 * @outputs: what orchard_artifact_predict() returned
 * @threshold: for a binary model, the threshold of the second class; NaN
 *   for the artifact's own
 *
 * The predictions as a table, the way `orchard-cli predict` writes them and
 * monitoring profiles them: "prediction" (the class, categorical, or the
 * value, numeric) and for classifiers "proba_<label>" per class.
 *
 * Returns: (transfer full): the table, one row per row of @outputs
 */
OrchardTable *
orchard_artifact_outputs_to_table (OrchardArtifact *self,
                                   OrchardMatrix   *outputs,
                                   double           threshold)
{
  g_autoptr(GPtrArray) columns = NULL;
  gsize n_rows;
  guint n_cols;
  const double *data;
  OrchardTable *table;

  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (self), NULL);
  g_return_val_if_fail (outputs != NULL, NULL);
  g_return_val_if_fail (orchard_matrix_get_n_cols (outputs) == MAX (self->n_labels, 1), NULL);

  columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
  n_rows = orchard_matrix_get_n_rows (outputs);
  n_cols = orchard_matrix_get_n_cols (outputs);
  data = orchard_matrix_get_data (outputs);

  if (self->n_labels == 0)
    g_ptr_array_add (columns, orchard_column_new_numeric ("prediction",
                                                          g_memdup2 (data, MAX (n_rows, 1) *
                                                                     sizeof (double)),
                                                          n_rows));
  else
    {
      guint32 *codes = g_new (guint32, MAX (n_rows, 1));
      GPtrArray *levels = g_ptr_array_new_with_free_func (g_free);

      for (guint k = 0; k < self->n_labels; k++)
        g_ptr_array_add (levels, g_strdup (self->labels[k]));
      for (gsize r = 0; r < n_rows; r++)
        codes[r] = orchard_artifact_classify (self, data + r * n_cols, threshold);
      g_ptr_array_add (columns, orchard_column_new_categorical ("prediction", codes, n_rows, levels,
                                                                FALSE));

      for (guint k = 0; k < n_cols; k++)
        {
          g_autofree char *name = g_strconcat ("proba_", self->labels[k], NULL);
          double *values = g_new (double, MAX (n_rows, 1));

          for (gsize r = 0; r < n_rows; r++)
            values[r] = data[r * n_cols + k];
          g_ptr_array_add (columns, orchard_column_new_numeric (name, values, n_rows));
        }
    }

  table = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, NULL);
  g_assert (table != NULL);
  return table;
}
