/* orchard-project-monitor.c: reference profiles and monitoring batches in a project
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reference is a profile batches are compared with: of a data set of the
 * project, of a run's training rows (the profile its bundle embeds), or of
 * a bundle file from outside. It keeps its own copy of the profile,
 * serialised and compressed, so its batches stay readable when the run or
 * data set it came from is deleted. A batch is one comparison: the current
 * data's content hash, when, the verdict, and the whole report as the JSON
 * of `orchard-cli drift --json`, with one row per column in drift_results
 * for queries.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-json.h"
#include "orchard-project-private.h"

G_DEFINE_BOXED_TYPE (OrchardReferenceInfo, orchard_reference_info, orchard_reference_info_copy,
                     orchard_reference_info_free)
G_DEFINE_BOXED_TYPE (OrchardBatchInfo, orchard_batch_info, orchard_batch_info_copy,
                     orchard_batch_info_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static const char * const source_names[] = { "dataset", "run", "bundle" };

/**
 * orchard_reference_source_to_string:
 * @source: a reference source
 *
 * Returns: `dataset`, `run` or `bundle`
 */
const char *
orchard_reference_source_to_string (OrchardReferenceSource source)
{
  g_return_val_if_fail (source <= ORCHARD_REFERENCE_SOURCE_BUNDLE, NULL);
  return source_names[source];
}

static OrchardReferenceSource
source_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (source_names); i++)
    if (g_strcmp0 (text, source_names[i]) == 0)
      return (OrchardReferenceSource) i;
  return ORCHARD_REFERENCE_SOURCE_BUNDLE;
}

OrchardReferenceInfo *
orchard_reference_info_copy (const OrchardReferenceInfo *info)
{
  OrchardReferenceInfo *copy = g_memdup2 (info, sizeof *info);

  copy->name = g_strdup (info->name);
  copy->data_hash = g_strdup (info->data_hash);
  copy->target = g_strdup (info->target);
  copy->checksum = g_strdup (info->checksum);
  return copy;
}

void
orchard_reference_info_free (OrchardReferenceInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->data_hash);
  g_free (info->target);
  g_free (info->checksum);
  g_free (info);
}

OrchardBatchInfo *
orchard_batch_info_copy (const OrchardBatchInfo *info)
{
  OrchardBatchInfo *copy = g_memdup2 (info, sizeof *info);

  copy->name = g_strdup (info->name);
  copy->data_hash = g_strdup (info->data_hash);
  return copy;
}

void
orchard_batch_info_free (OrchardBatchInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->data_hash);
  g_free (info);
}

/* SQLite on the locked connection ------------------------------------------ */

static sqlite3_stmt *
prepare (OrchardProject  *self,
         sqlite3         *db,
         const char      *sql,
         GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      orchard_project_sql_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

static void
bind_id (sqlite3_stmt *stmt,
         int           index,
         gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

static void
bind_double (sqlite3_stmt *stmt,
             int           index,
             double        value)
{
  if (!isfinite (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

typedef enum { MISSING_REFERENCE, MISSING_BATCH, MISSING_RUN, MISSING_DATASET } Missing;

static void
not_found (OrchardProject  *self,
           GError         **error,
           Missing          what,
           gint64           id)
{
  const char *path = orchard_project_get_path (self);

  switch (what)
    {
    case MISSING_REFERENCE:
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                   _("%s: the project has no drift reference %lld"), path, (long long) id);
      break;
    case MISSING_BATCH:
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                   _("%s: the project has no monitoring batch %lld"), path, (long long) id);
      break;
    case MISSING_RUN:
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                   _("%s: the project has no run %lld"), path, (long long) id);
      break;
    case MISSING_DATASET:
    default:
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                   _("%s: the project has no data set %lld"), path, (long long) id);
      break;
    }
}

/* References --------------------------------------------------------------- */

#define REFERENCE_COLUMNS \
  "f.id, f.source, f.dataset_id, f.run_id, f.name, f.data_hash, f.target, f.n_rows, " \
  "f.created, f.checksum, length (f.profile), " \
  "(SELECT count(*) FROM batches b WHERE b.reference_id = f.id), " \
  "(SELECT max (b.received) FROM batches b WHERE b.reference_id = f.id)"

static OrchardReferenceInfo *
reference_from_row (sqlite3_stmt *stmt)
{
  OrchardReferenceInfo *info = g_new0 (OrchardReferenceInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->source = source_from_string ((const char *) sqlite3_column_text (stmt, 1));
  info->dataset_id = sqlite3_column_int64 (stmt, 2);
  info->run_id = sqlite3_column_int64 (stmt, 3);
  info->name = column_text (stmt, 4);
  info->data_hash = column_text (stmt, 5);
  info->target = column_text (stmt, 6);
  info->n_rows = sqlite3_column_int64 (stmt, 7);
  info->created = sqlite3_column_int64 (stmt, 8);
  info->checksum = column_text (stmt, 9);
  info->stored_size = sqlite3_column_int64 (stmt, 10);
  info->n_batches = sqlite3_column_int (stmt, 11);
  info->last_batch = sqlite3_column_int64 (stmt, 12);
  return info;
}

/**
 * orchard_project_add_reference:
 * @self: a project
 * @source: where the profile comes from
 * @source_id: the data set (%ORCHARD_REFERENCE_SOURCE_DATASET) or run
 *   (%ORCHARD_REFERENCE_SOURCE_RUN) it belongs to; ignored for a bundle
 * @name: a name for people: the data set's, `MODEL-ID` for a run, the
 *   bundle file's
 * @data_hash: (nullable): the content hash of the data profiled, when known
 * @profile: the reference profile
 * @error: return location for a #GError
 *
 * Stores a copy of @profile as a reference of the project, once: the same
 * profile (byte for byte) of the same source returns the existing id.
 *
 * Returns: the reference's id, or 0 on error
 */
gint64
orchard_project_add_reference (OrchardProject          *self,
                               OrchardReferenceSource   source,
                               gint64                   source_id,
                               const char              *name,
                               const char              *data_hash,
                               OrchardReferenceProfile *profile,
                               GError                 **error)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *checksum = NULL;
  gint64 dataset_id = 0, run_id = 0, id = 0;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), 0);
  g_return_val_if_fail (source <= ORCHARD_REFERENCE_SOURCE_BUNDLE, 0);
  g_return_val_if_fail (name != NULL, 0);
  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (profile), 0);

  if (source == ORCHARD_REFERENCE_SOURCE_DATASET)
    dataset_id = source_id;
  else if (source == ORCHARD_REFERENCE_SOURCE_RUN)
    run_id = source_id;

  /* A variant in a variant: the blob says its own type. */
  variant = g_variant_ref_sink (g_variant_new_variant (orchard_reference_profile_to_variant (profile)));
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, g_variant_get_data (variant),
                                          g_variant_get_size (variant));
  compressed = orchard_compress (g_variant_get_data (variant), g_variant_get_size (variant));

  if ((db = orchard_project_lock_db (self, error)) == NULL)
    return 0;
  if (!orchard_project_begin_write (self, error))
    goto out;

  if (source != ORCHARD_REFERENCE_SOURCE_BUNDLE)
    {
      g_autoptr(sqlite3_stmt) owner = prepare (self, db, source == ORCHARD_REFERENCE_SOURCE_RUN
                                                         ? "SELECT count(*) FROM runs WHERE id = ?"
                                                         : "SELECT count(*) FROM datasets WHERE id = ?",
                                               error);
      if (owner == NULL)
        goto out;
      sqlite3_bind_int64 (owner, 1, source_id);
      if (sqlite3_step (owner) != SQLITE_ROW || sqlite3_column_int (owner, 0) == 0)
        {
          not_found (self, error, source == ORCHARD_REFERENCE_SOURCE_RUN ? MISSING_RUN : MISSING_DATASET,
                     source_id);
          goto out;
        }
    }

  find = prepare (self, db, "SELECT id FROM drift_references WHERE checksum = ? AND source = ? "
                            "AND dataset_id IS ? AND run_id IS ?", error);
  if (find == NULL)
    goto out;
  bind_text (find, 1, checksum);
  bind_text (find, 2, source_names[source]);
  bind_id (find, 3, dataset_id);
  bind_id (find, 4, run_id);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (find, 0);
      g_clear_pointer (&find, sqlite3_finalize);
      orchard_project_rollback (self);
      orchard_project_unlock_db (self);
      return id;
    }
  if (rc != SQLITE_DONE)
    {
      orchard_project_sql_error (self, rc, error);
      goto out;
    }

  insert = prepare (self, db, "INSERT INTO drift_references (source, dataset_id, run_id, name, data_hash, "
                              "target, n_rows, created, checksum, profile) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    goto out;
  bind_text (insert, 1, source_names[source]);
  bind_id (insert, 2, dataset_id);
  bind_id (insert, 3, run_id);
  bind_text (insert, 4, name);
  bind_text (insert, 5, data_hash);
  bind_text (insert, 6, orchard_reference_profile_get_target (profile));
  sqlite3_bind_int64 (insert, 7, orchard_reference_profile_get_n_rows (profile));
  sqlite3_bind_int64 (insert, 8, g_get_real_time () / 1000);
  bind_text (insert, 9, checksum);
  sqlite3_bind_blob64 (insert, 10, g_bytes_get_data (compressed, NULL), g_bytes_get_size (compressed),
                       SQLITE_STATIC);
  if (!step_done (self, insert, error))
    goto out;
  id = sqlite3_last_insert_rowid (db);
  if (!orchard_project_commit (self, error))
    {
      id = 0;
      goto out;
    }
  orchard_project_unlock_db (self);
  orchard_project_notify (self, ORCHARD_PROJECT_CHANGE_BATCHES, id);
  return id;

out:
  orchard_project_rollback (self);
  orchard_project_unlock_db (self);
  return 0;
}

/**
 * orchard_project_add_dataset_reference:
 * @self: a project
 * @dataset_id: a data set of the project
 * @target: (nullable): the column a model predicts (reported, not counted
 *   in the drift share); %NULL takes the data set's recorded target
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The reference of a data set: its profile with every value (as
 * `orchard-cli drift` and the Monitor page compare by default), stored
 * once.
 *
 * Returns: the reference's id, or 0 on error
 */
gint64
orchard_project_add_dataset_reference (OrchardProject   *self,
                                       gint64            dataset_id,
                                       const char       *target,
                                       OrchardProgress   progress,
                                       gpointer          progress_data,
                                       GCancellable     *cancellable,
                                       GError          **error)
{
  g_autoptr(OrchardDatasetInfo) info = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardReferenceProfile) profile = NULL;
  OrchardReferenceOptions options;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), 0);

  info = orchard_project_get_dataset (self, dataset_id, error);
  if (info == NULL)
    return 0;
  table = orchard_project_load_dataset (self, dataset_id, NULL, NULL, cancellable, error);
  if (table == NULL)
    return 0;

  orchard_reference_options_init (&options);
  options.sample_size = 0;
  options.target = target;
  profile = orchard_reference_profile_build (table, NULL, &options, progress, progress_data,
                                             cancellable, error);
  if (profile == NULL)
    return 0;
  return orchard_project_add_reference (self, ORCHARD_REFERENCE_SOURCE_DATASET, dataset_id, info->name,
                                        info->hash, profile, error);
}

/**
 * orchard_project_add_run_reference:
 * @self: a project
 * @run_id: a run with a model bundle
 * @error: return location for a #GError
 *
 * The reference of a run: the profile of its training rows (and of the
 * model's predictions on them) that its bundle embeds, stored once.
 *
 * Returns: the reference's id, or 0 on error
 */
gint64
orchard_project_add_run_reference (OrchardProject  *self,
                                   gint64           run_id,
                                   GError         **error)
{
  g_autoptr(OrchardArtifact) bundle = NULL;
  g_autoptr(OrchardRun) run = NULL;
  g_autofree char *name = NULL;
  OrchardReferenceProfile *profile;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), 0);

  run = orchard_project_get_run (self, run_id, error);
  if (run == NULL)
    return 0;
  bundle = orchard_project_load_bundle (self, run_id, error);
  if (bundle == NULL)
    return 0;
  profile = orchard_artifact_get_reference_profile (bundle);
  if (profile == NULL)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_STATE,
                   _("%s: the bundle of run %lld holds no reference profile; train it again with "
                     "this version of Orchard"), orchard_project_get_path (self), (long long) run_id);
      return 0;
    }
  name = g_strdup_printf ("%s-%lld", orchard_run_get_model (run), (long long) run_id);
  return orchard_project_add_reference (self, ORCHARD_REFERENCE_SOURCE_RUN, run_id, name,
                                        orchard_run_get_data_hash (run), profile, error);
}

/**
 * orchard_project_list_references:
 * @self: a project
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type OrchardReferenceInfo) (nullable):
 *   the references, oldest first
 */
GPtrArray *
orchard_project_list_references (OrchardProject  *self,
                                 GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_reference_info_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if ((db = orchard_project_lock_db (self, error)) == NULL)
    return NULL;
  stmt = prepare (self, db, "SELECT " REFERENCE_COLUMNS " FROM drift_references f ORDER BY f.id", error);
  if (stmt != NULL)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (list, reference_from_row (stmt));
  if (stmt != NULL && rc != SQLITE_DONE)
    orchard_project_sql_error (self, rc, error);
  orchard_project_unlock_db (self);

  return stmt != NULL && rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

/**
 * orchard_project_get_reference:
 * @self: a project
 * @reference_id: a reference
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the reference, or %NULL with
 *   %ORCHARD_PROJECT_ERROR_NOT_FOUND
 */
OrchardReferenceInfo *
orchard_project_get_reference (OrchardProject  *self,
                               gint64           reference_id,
                               GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  OrchardReferenceInfo *info = NULL;
  sqlite3 *db;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if ((db = orchard_project_lock_db (self, error)) == NULL)
    return NULL;
  stmt = prepare (self, db, "SELECT " REFERENCE_COLUMNS " FROM drift_references f WHERE f.id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, reference_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        info = reference_from_row (stmt);
      else
        not_found (self, error, MISSING_REFERENCE, reference_id);
    }
  orchard_project_unlock_db (self);
  return info;
}

/**
 * orchard_project_load_reference:
 * @self: a project
 * @reference_id: a reference
 * @error: return location for a #GError
 *
 * Reads a reference's profile back, validated as a bundle's is.
 *
 * Returns: (transfer full) (nullable): the profile
 */
OrchardReferenceProfile *
orchard_project_load_reference (OrchardProject  *self,
                                gint64           reference_id,
                                GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GVariant) outer = NULL;
  g_autoptr(GVariant) inner = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *checksum = NULL;
  OrchardReferenceProfile *profile = NULL;
  sqlite3 *db;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if ((db = orchard_project_lock_db (self, error)) == NULL)
    return NULL;
  stmt = prepare (self, db, "SELECT checksum, profile FROM drift_references WHERE id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, reference_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          checksum = column_text (stmt, 0);
          compressed = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
        }
      else
        not_found (self, error, MISSING_REFERENCE, reference_id);
    }
  orchard_project_unlock_db (self);
  if (compressed == NULL)
    return NULL;

  raw = orchard_decompress (g_bytes_get_data (compressed, NULL), g_bytes_get_size (compressed), &local);
  if (raw != NULL)
    {
      g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, raw);

      outer = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARIANT, raw, FALSE));
      if (g_strcmp0 (sum, checksum) != 0 || !g_variant_is_normal_form (outer))
        g_set_error_literal (&local, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT,
                             _("its SHA-256 is not the one recorded"));
      else
        {
          inner = g_variant_get_variant (outer);
          profile = orchard_reference_profile_from_variant (inner, &local);
        }
    }
  if (profile == NULL)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT,
                   _("%s: the profile of reference %lld is damaged (%s)"), orchard_project_get_path (self),
                   (long long) reference_id, local->message);
      return NULL;
    }
  return profile;
}

/**
 * orchard_project_delete_reference:
 * @self: a project
 * @reference_id: a reference
 * @error: return location for a #GError
 *
 * Deletes a reference with all its batches, in one transaction.
 *
 * Returns: %FALSE when there is no such reference, or on error
 */
gboolean
orchard_project_delete_reference (OrchardProject  *self,
                                  gint64           reference_id,
                                  GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);

  if ((db = orchard_project_lock_db (self, error)) == NULL)
    return FALSE;
  if (!orchard_project_begin_write (self, error))
    goto fail;
  stmt = prepare (self, db, "DELETE FROM drift_references WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, reference_id);
  if (!step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (db) == 0)
    {
      not_found (self, error, MISSING_REFERENCE, reference_id);
      goto fail;
    }
  if (!orchard_project_commit (self, error))
    goto fail;
  orchard_project_unlock_db (self);
  orchard_project_notify (self, ORCHARD_PROJECT_CHANGE_BATCHES, reference_id);
  return TRUE;

fail:
  orchard_project_rollback (self);
  orchard_project_unlock_db (self);
  return FALSE;
}

/* Batches ------------------------------------------------------------------ */

#define BATCH_COLUMNS \
  "b.id, b.reference_id, b.name, b.data_hash, b.received, b.n_rows, b.dataset_drift, " \
  "b.drift_share, b.n_drifted, b.n_columns"

static OrchardBatchInfo *
batch_from_row (sqlite3_stmt *stmt)
{
  OrchardBatchInfo *info = g_new0 (OrchardBatchInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->reference_id = sqlite3_column_int64 (stmt, 1);
  info->name = column_text (stmt, 2);
  info->data_hash = column_text (stmt, 3);
  info->received = sqlite3_column_int64 (stmt, 4);
  info->n_rows = sqlite3_column_int64 (stmt, 5);
  info->dataset_drift = sqlite3_column_int (stmt, 6) != 0;
  info->drift_share = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 7);
  info->n_drifted = sqlite3_column_int (stmt, 8);
  info->n_columns = sqlite3_column_int (stmt, 9);
  return info;
}

static gboolean
write_column_results (OrchardProject      *self,
                      sqlite3             *db,
                      gint64               batch_id,
                      OrchardDriftReport  *report,
                      GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, db, "INSERT OR REPLACE INTO drift_results (batch_id, column_name, test, statistic, "
                            "p_value, threshold, drifted) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < orchard_drift_report_get_n_columns (report); i++)
    {
      const OrchardColumnDrift *c = orchard_drift_report_get_column (report, i);
      double p = !isnan (c->p_value_adjusted) ? c->p_value_adjusted : c->p_value;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, batch_id);
      bind_text (stmt, 2, c->name);
      bind_text (stmt, 3, orchard_stat_test_to_string (c->test));
      /* An infinite chi-square is stored as +inf: SQLite keeps it. */
      if (isinf (c->statistic))
        sqlite3_bind_double (stmt, 4, c->statistic);
      else
        bind_double (stmt, 4, c->statistic);
      bind_double (stmt, 5, p);
      bind_double (stmt, 6, c->threshold);
      sqlite3_bind_int (stmt, 7, c->drifted);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * orchard_project_record_batch:
 * @self: a project
 * @reference_id: the reference @report compared with
 * @name: (nullable): a name for people, usually the current file's
 * @data_hash: (nullable): the content hash of the current data
 *   (orchard_table_get_hash())
 * @report: the comparison
 * @error: return location for a #GError
 *
 * Records a monitoring batch: when, the current data's hash, the verdict
 * (dataset drift, drift share, drifted and tested columns), every column's
 * test, statistic, p-value, threshold and verdict, and the whole report as
 * its JSON (compressed), in one transaction. A batch of a run's reference
 * also names the run.
 *
 * Returns: the batch's id, or 0 on error
 */
gint64
orchard_project_record_batch (OrchardProject      *self,
                              gint64               reference_id,
                              const char          *name,
                              const char          *data_hash,
                              OrchardDriftReport  *report,
                              GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(sqlite3_stmt) owner = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  gint64 run_id = 0, id = 0, received;
  sqlite3 *db;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), 0);
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (report), 0);

  root = orchard_drift_report_to_json (report);
  json = orchard_json_to_string (root, FALSE);
  compressed = orchard_compress (json, strlen (json));

  if ((db = orchard_project_lock_db (self, error)) == NULL)
    return 0;
  if (!orchard_project_begin_write (self, error))
    goto fail;

  owner = prepare (self, db, "SELECT run_id FROM drift_references WHERE id = ?", error);
  if (owner == NULL)
    goto fail;
  sqlite3_bind_int64 (owner, 1, reference_id);
  if (sqlite3_step (owner) != SQLITE_ROW)
    {
      not_found (self, error, MISSING_REFERENCE, reference_id);
      goto fail;
    }
  run_id = sqlite3_column_int64 (owner, 0);

  /* Milliseconds, and never the same as the previous batch's: the history
   * is in the order batches were recorded. */
  received = g_get_real_time () / 1000;
  insert = prepare (self, db, "INSERT INTO batches (run_id, dataset_id, received, n_rows, note, reference_id, "
                              "name, data_hash, dataset_drift, drift_share, n_drifted, n_columns, report) "
                              "VALUES (?, NULL, max (?, coalesce ((SELECT max (received) + 1 FROM batches "
                              "WHERE reference_id = ?), 0)), ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    goto fail;
  bind_id (insert, 1, run_id);
  sqlite3_bind_int64 (insert, 2, received);
  sqlite3_bind_int64 (insert, 3, reference_id);
  sqlite3_bind_int64 (insert, 4, orchard_drift_report_get_current_rows (report));
  sqlite3_bind_int64 (insert, 5, reference_id);
  bind_text (insert, 6, name);
  bind_text (insert, 7, data_hash);
  sqlite3_bind_int (insert, 8, orchard_drift_report_get_dataset_drift (report));
  bind_double (insert, 9, orchard_drift_report_get_drift_share (report));
  sqlite3_bind_int (insert, 10, orchard_drift_report_get_n_drifted (report));
  sqlite3_bind_int (insert, 11, orchard_drift_report_get_n_tested (report));
  sqlite3_bind_blob64 (insert, 12, g_bytes_get_data (compressed, NULL), g_bytes_get_size (compressed),
                       SQLITE_STATIC);
  if (!step_done (self, insert, error))
    goto fail;
  id = sqlite3_last_insert_rowid (db);
  if (!write_column_results (self, db, id, report, error) || !orchard_project_commit (self, error))
    goto fail;
  orchard_project_unlock_db (self);
  orchard_project_notify (self, ORCHARD_PROJECT_CHANGE_BATCHES, reference_id);
  return id;

fail:
  orchard_project_rollback (self);
  orchard_project_unlock_db (self);
  return 0;
}

/**
 * orchard_project_list_batches:
 * @self: a project
 * @reference_id: a reference
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type OrchardBatchInfo) (nullable): the
 *   batches compared with the reference, oldest first (by the time they
 *   were recorded)
 */
GPtrArray *
orchard_project_list_batches (OrchardProject  *self,
                              gint64           reference_id,
                              GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_batch_info_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if ((db = orchard_project_lock_db (self, error)) == NULL)
    return NULL;
  stmt = prepare (self, db, "SELECT " BATCH_COLUMNS " FROM batches b WHERE b.reference_id = ? "
                            "ORDER BY b.received, b.id", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, reference_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (list, batch_from_row (stmt));
      if (rc != SQLITE_DONE)
        orchard_project_sql_error (self, rc, error);
    }
  orchard_project_unlock_db (self);

  return stmt != NULL && rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

/**
 * orchard_project_load_batch_report:
 * @self: a project
 * @batch_id: a batch
 * @error: return location for a #GError
 *
 * Reads a batch's report back from its JSON
 * (orchard_drift_report_new_from_json()).
 *
 * Returns: (transfer full) (nullable): the report
 */
OrchardDriftReport *
orchard_project_load_batch_report (OrchardProject  *self,
                                   gint64           batch_id,
                                   GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *what = NULL;
  sqlite3 *db;
  gboolean found = FALSE;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if ((db = orchard_project_lock_db (self, error)) == NULL)
    return NULL;
  stmt = prepare (self, db, "SELECT report FROM batches WHERE id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, batch_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          found = TRUE;
          if (sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
            compressed = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
        }
      else
        not_found (self, error, MISSING_BATCH, batch_id);
    }
  orchard_project_unlock_db (self);
  if (!found)
    return NULL;

  /* Translators: "project.orchard, batch 3" */
  what = g_strdup_printf (_("%s, batch %lld"), orchard_project_get_path (self), (long long) batch_id);
  if (compressed == NULL)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_DATA_MISSING,
                   _("%s: the batch has no report"), what);
      return NULL;
    }
  raw = orchard_decompress (g_bytes_get_data (compressed, NULL), g_bytes_get_size (compressed), &local);
  parser = json_parser_new ();
  if (raw == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), &local))
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT,
                   _("%s: the report is damaged (%s)"), what, local->message);
      return NULL;
    }
  return orchard_drift_report_new_from_json (json_parser_get_root (parser), what, error);
}

/**
 * orchard_project_delete_batches:
 * @self: a project
 * @batch_ids: (array length=n_batches): batches
 * @n_batches: how many
 * @error: return location for a #GError
 *
 * Deletes batches with their column results, all or none.
 *
 * Returns: %FALSE when a batch does not exist (nothing is deleted), or on error
 */
gboolean
orchard_project_delete_batches (OrchardProject  *self,
                                const gint64    *batch_ids,
                                guint            n_batches,
                                GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (batch_ids != NULL || n_batches == 0, FALSE);

  if ((db = orchard_project_lock_db (self, error)) == NULL)
    return FALSE;
  if (!orchard_project_begin_write (self, error))
    goto fail;
  stmt = prepare (self, db, "DELETE FROM batches WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < n_batches; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, batch_ids[i]);
      if (!step_done (self, stmt, error))
        goto fail;
      if (sqlite3_changes (db) == 0)
        {
          not_found (self, error, MISSING_BATCH, batch_ids[i]);
          goto fail;
        }
    }
  if (!orchard_project_commit (self, error))
    goto fail;
  orchard_project_unlock_db (self);
  orchard_project_notify (self, ORCHARD_PROJECT_CHANGE_BATCHES, 0);
  return TRUE;

fail:
  orchard_project_rollback (self);
  orchard_project_unlock_db (self);
  return FALSE;
}

/**
 * orchard_project_find_bundle_run:
 * @self: a project
 * @checksum: a bundle's SHA-256 (orchard_artifact_get_checksum())
 * @error: return location for a #GError
 *
 * Returns: the first run whose bundle has @checksum, 0 when none has
 *   (and no error), -1 on error
 */
gint64
orchard_project_find_bundle_run (OrchardProject  *self,
                                 const char      *checksum,
                                 GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = -1;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), -1);
  g_return_val_if_fail (checksum != NULL, -1);

  if ((db = orchard_project_lock_db (self, error)) == NULL)
    return -1;
  stmt = prepare (self, db, "SELECT run_id FROM bundles WHERE checksum = ? ORDER BY run_id LIMIT 1", error);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, checksum);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      else if (rc == SQLITE_DONE)
        id = 0;
      else
        orchard_project_sql_error (self, rc, error);
    }
  orchard_project_unlock_db (self);
  return id;
}

void
orchard_bundle_run_info_free (OrchardBundleRunInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->model);
  g_free (info->dataset_name);
  g_free (info);
}

/**
 * orchard_project_list_bundle_runs:
 * @self: a project
 * @limit: at most this many, 0 for all
 * @error: return location for a #GError
 *
 * The finished runs with a model bundle, whose training data can be a
 * reference: what a menu of references lists, without reading the runs.
 *
 * Returns: (transfer full) (element-type OrchardBundleRunInfo) (nullable):
 *   the runs, newest first
 */
GPtrArray *
orchard_project_list_bundle_runs (OrchardProject  *self,
                                  guint            limit,
                                  GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_bundle_run_info_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if ((db = orchard_project_lock_db (self, error)) == NULL)
    return NULL;
  stmt = prepare (self, db, "SELECT r.id, r.model, d.name FROM runs r JOIN bundles b ON b.run_id = r.id "
                            "LEFT JOIN datasets d ON d.id = r.dataset_id WHERE r.status = 'finished' "
                            "ORDER BY r.id DESC LIMIT ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          OrchardBundleRunInfo *info = g_new0 (OrchardBundleRunInfo, 1);

          info->run_id = sqlite3_column_int64 (stmt, 0);
          info->model = column_text (stmt, 1);
          info->dataset_name = column_text (stmt, 2);
          g_ptr_array_add (list, info);
        }
      if (rc != SQLITE_DONE)
        orchard_project_sql_error (self, rc, error);
    }
  orchard_project_unlock_db (self);

  return stmt != NULL && rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}
