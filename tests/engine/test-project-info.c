/* test-project-info.c: a project's storage with monitoring, the check of
 * stored profiles and reports, Save As giving the copy its own id, and a
 * damaged file told from another program's
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>

#include "orchard.h"

static char *work_dir;

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static OrchardProject *
open_project (const char              *path,
              OrchardProjectOpenFlags  flags)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  OrchardProject *project = orchard_project_open (file, flags, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static OrchardTable *
load_sample (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  OrchardTable *table = orchard_table_load (file, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return table;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

/* One SQL statement straight through SQLite: a query's single integer, or
 * 0 after a change. */
static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  rc = sqlite3_step (stmt);
  g_assert_true (rc == SQLITE_ROW || rc == SQLITE_DONE);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Penguins as a data set, 3 runs with metrics, tags and notes, the data
 * set's reference and two batches compared with it. */
static OrchardProject *
monitored_project (const char  *name,
                   gint64      *reference)
{
  g_autofree char *path = work_path (name);
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(OrchardTable) penguins = load_sample ("penguins.csv");
  g_autoptr(OrchardReferenceProfile) profile = NULL;
  g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
  g_autoptr(GError) error = NULL;
  gint64 dataset;

  g_unlink (path);
  project = open_project (path, ORCHARD_PROJECT_OPEN_CREATE);
  dataset = orchard_project_add_dataset (project, penguins, "penguins", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(OrchardModel) model = orchard_model_new_by_name ("ridge", NULL);
      gint64 id = orchard_project_begin_run (project, dataset, "body_mass_g", model, i, 0, &error);

      g_assert_no_error (error);
      orchard_project_log_metric (project, id, "valid", -1, "rmse", 300.0 + i, &error);
      g_assert_no_error (error);
      g_assert_true (orchard_project_set_tag (project, id, "stage", "test", &error));
      g_assert_true (orchard_project_set_note (project, id, "a note that takes some bytes", &error));
      orchard_project_finish_run (project, id, ORCHARD_RUN_FINISHED, NULL, &error);
      g_assert_no_error (error);
    }

  *reference = orchard_project_add_dataset_reference (project, dataset, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  profile = orchard_project_load_reference (project, *reference, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(OrchardDriftReport) report = NULL;

      report = orchard_drift_report_compute (profile, penguins, NULL, options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (orchard_project_record_batch (project, *reference, "penguins.csv",
                                                     orchard_table_get_hash (penguins), report, &error), >, 0);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&project);
}

/* The storage counts references and batches, and the runs' bytes are the
 * sum of what each run holds. */
static void
test_storage (void)
{
  g_autofree char *path = work_path ("storage.orchard");
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) references = NULL;
  OrchardProjectStorage storage;
  guint64 sum = 0;
  gint64 reference;

  project = monitored_project ("storage.orchard", &reference);
  g_assert_true (orchard_project_get_storage (project, &storage, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (storage.n_runs, ==, 3);
  g_assert_cmpuint (storage.n_datasets, ==, 1);
  g_assert_cmpuint (storage.n_references, ==, 1);
  g_assert_cmpuint (storage.n_batches, ==, 2);
  g_assert_cmpuint (storage.references_size, ==,
                    sql_int (path, "SELECT sum (length (profile)) FROM drift_references"));
  g_assert_cmpuint (storage.references_size, >, 1000);
  /* Each batch's compressed report, at least */
  g_assert_cmpuint (storage.batches_size, >, sql_int (path, "SELECT sum (length (report)) FROM batches"));
  references = orchard_project_list_references (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((OrchardReferenceInfo *) g_ptr_array_index (references, 0))->stored_size, ==,
                    storage.references_size);

  for (gint64 id = 1; id <= 3; id++)
    {
      guint64 bytes = 0;

      g_assert_true (orchard_project_get_run_storage (project, id, &bytes, &error));
      /* the note alone is 28 bytes */
      g_assert_cmpuint (bytes, >, 28);
      sum += bytes;
    }
  g_assert_cmpuint (sum, ==, storage.runs_size + storage.bundles_size);
  g_assert_false (orchard_project_get_run_storage (project, 4, &sum, &error));
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND);
}

/* The check reads every reference's profile and batch's report back. */
static void
test_check_monitoring (void)
{
  g_autofree char *path = work_path ("check.orchard");
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  gint64 reference;

  project = monitored_project ("check.orchard", &reference);
  g_assert_true (orchard_project_check (project, &problems, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
  g_clear_pointer (&problems, g_strfreev);
  g_clear_object (&project);

  /* A profile whose bytes changed (one byte of the compressed blob), and a
   * report that is no longer compressed JSON. */
  sql_int (path, "UPDATE drift_references SET profile = "
                 "substr (profile, 1, 40) || x'00' || substr (profile, 42)");
  sql_int (path, "UPDATE batches SET report = x'0102030405' WHERE id = 2");
  project = open_project (path, ORCHARD_PROJECT_OPEN_DEFAULT);
  g_assert_true (orchard_project_check (project, &problems, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 2);
  g_assert_nonnull (strstr (problems[0], path));
  g_assert_nonnull (strstr (problems[0], "reference 1"));
  g_assert_nonnull (strstr (problems[1], path));
  g_assert_nonnull (strstr (problems[1], "batch 2"));
  g_test_message ("%s\n%s", problems[0], problems[1]);
}

static char *
experiment_of (OrchardProject *project,
               const char     *name)
{
  g_autofree char *mlruns = work_path (name);
  g_autoptr(GFile) dir = g_file_new_for_path (mlruns);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  const char *first;

  runs = orchard_project_list_runs (project, NULL, NULL, ORCHARD_SORT_AUTO, ORCHARD_RUN_DETAIL_FULL, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_project_export_mlflow (project, runs, dir, NULL, &error));
  g_assert_no_error (error);
  listing = g_dir_open (mlruns, 0, &error);
  g_assert_no_error (error);
  first = g_dir_read_name (listing);
  g_assert_nonnull (first);
  g_assert_null (g_dir_read_name (listing));   /* one experiment */
  return g_strdup (first);
}

/* Save As: the copy has its own uuid (so its MLflow experiment differs)
 * and holds everything the original holds. */
static void
test_save_as_new_id (void)
{
  g_autofree char *path = work_path ("saved.orchard");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(OrchardProject) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exp_original = NULL;
  g_autofree char *exp_copy = NULL;
  g_autofree char *exp_again = NULL;
  OrchardProjectStorage a, b;
  gint64 reference;

  project = monitored_project ("original.orchard", &reference);
  g_unlink (path);
  g_assert_true (orchard_project_save_as (project, file, NULL, &error));
  g_assert_no_error (error);
  copy = open_project (path, ORCHARD_PROJECT_OPEN_DEFAULT);
  g_assert_true (g_uuid_string_is_valid (orchard_project_get_uuid (copy)));
  g_assert_cmpstr (orchard_project_get_uuid (copy), !=, orchard_project_get_uuid (project));

  g_assert_true (orchard_project_get_storage (project, &a, &error));
  g_assert_true (orchard_project_get_storage (copy, &b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (a.n_runs, ==, b.n_runs);
  g_assert_cmpuint (a.n_datasets, ==, b.n_datasets);
  g_assert_cmpuint (a.n_references, ==, b.n_references);
  g_assert_cmpuint (a.n_batches, ==, b.n_batches);
  g_assert_cmpuint (a.runs_size, ==, b.runs_size);
  g_assert_cmpuint (a.datasets_size, ==, b.datasets_size);
  g_assert_cmpuint (a.references_size, ==, b.references_size);
  g_assert_cmpuint (a.batches_size, ==, b.batches_size);
  {
    g_autoptr(OrchardReferenceProfile) profile = orchard_project_load_reference (copy, reference, &error);
    g_autoptr(OrchardRun) run = orchard_project_get_run (copy, 2, &error);
    g_autoptr(OrchardRun) original = orchard_project_get_run (project, 2, &error);
    g_auto(GStrv) problems = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (profile);
    /* The same runs: they keep their uuids */
    g_assert_cmpstr (orchard_run_get_uuid (run), ==, orchard_run_get_uuid (original));
    g_assert_true (orchard_project_check (copy, &problems, NULL, NULL, NULL, &error));
    g_assert_cmpuint (g_strv_length (problems), ==, 0);
  }

  exp_original = experiment_of (project, "mlruns-original");
  exp_copy = experiment_of (copy, "mlruns-copy");
  g_assert_cmpstr (exp_original, !=, exp_copy);
  /* and the same project always lands in the same experiment */
  exp_again = experiment_of (project, "mlruns-again");
  g_assert_cmpstr (exp_original, ==, exp_again);
}

/* SQLite's header followed by noise is a damaged file, said with its path;
 * the file is left as it was. */
static void
test_damaged_header (void)
{
  g_autofree char *noise = work_path ("noise-after-magic.orchard");
  g_autofree char *ours = work_path ("noise-after-header.orchard");
  g_autofree char *short_file = work_path ("short.orchard");
  g_autofree char *source = work_path ("source.orchard");
  g_autoptr(GBytes) real = NULL;
  guint8 junk[8192];

  {
    g_autoptr(OrchardProject) project = NULL;
    gint64 reference;

    project = monitored_project ("source.orchard", &reference);
    g_assert_true (orchard_project_compact (project, NULL, NULL));
  }
  real = read_bytes (source);

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) (i * 7919 % 251);
  memcpy (junk, "SQLite format 3", 16);
  g_assert_true (g_file_set_contents (noise, (const char *) junk, sizeof junk, NULL));
  /* An Orchard project's own header (its application id and version), then noise */
  memcpy (junk, g_bytes_get_data (real, NULL), 100);
  g_assert_true (g_file_set_contents (ours, (const char *) junk, sizeof junk, NULL));
  g_assert_true (g_file_set_contents (short_file, (const char *) junk, 60, NULL));

  {
    const char *paths[] = { noise, ours, short_file };

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
        g_autoptr(OrchardProject) project = NULL;
        g_autoptr(GBytes) before = read_bytes (paths[i]);
        g_autoptr(GBytes) after = NULL;
        g_autoptr(GError) error = NULL;

        project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_DEFAULT, NULL, &error);
        g_assert_null (project);
        g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT);
        g_assert_nonnull (strstr (error->message, paths[i]));
        g_assert_nonnull (strstr (error->message, "damaged"));
        g_assert_null (strstr (error->message, "another program"));
        g_test_message ("%s", error->message);
        g_clear_error (&error);
        project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_READ_ONLY, NULL, &error);
        g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT);
        after = read_bytes (paths[i]);
        g_assert_true (g_bytes_equal (before, after));
        /* Refused from the header, before SQLite opens the file for real: no
         * log left behind. (Orchard's own header over noise gets as far as
         * SQLite's open, which may leave an empty log.) */
        if (paths[i] != ours)
          {
            g_autofree char *wal = g_strconcat (paths[i], "-wal", NULL);
            g_autofree char *shm = g_strconcat (paths[i], "-shm", NULL);

            g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
            g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
          }
      }
  }

  /* Another program's readable database is still that. */
  {
    g_autofree char *other = work_path ("other.sqlite");
    g_autoptr(GFile) file = g_file_new_for_path (other);
    g_autoptr(OrchardProject) project = NULL;
    g_autoptr(GError) error = NULL;
    sqlite3 *db = NULL;

    g_unlink (other);
    g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 42; CREATE TABLE t (x)", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (db);
    project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_DEFAULT, NULL, &error);
    g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_A_PROJECT);
    g_assert_nonnull (strstr (error->message, "another program"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("orchard-project-info-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/engine/project-info/storage", test_storage);
  g_test_add_func ("/engine/project-info/check-monitoring", test_check_monitoring);
  g_test_add_func ("/engine/project-info/save-as-new-id", test_save_as_new_id);
  g_test_add_func ("/engine/project-info/damaged-header", test_damaged_header);
  return g_test_run ();
}
