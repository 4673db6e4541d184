/* test-project-monitor.c: reference profiles and monitoring batches in a project
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
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

static OrchardProject *
new_project (const char *name)
{
  g_autofree char *path = work_path (name);

  g_unlink (path);
  return open_project (path, ORCHARD_PROJECT_OPEN_CREATE);
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

static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The rows of @table whose categorical @column is @level. */
static OrchardTable *
rows_where (OrchardTable *table,
            const char   *column,
            const char   *level)
{
  OrchardColumn *c = orchard_table_get_column (table, orchard_table_find_column (table, column));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize r = 0; r < orchard_table_get_n_rows (table); r++)
    {
      g_autofree char *text = orchard_column_format_value (c, r);

      if (g_strcmp0 (text, level) == 0)
        g_array_append_val (rows, r);
    }
  g_assert_cmpuint (rows->len, >, 0);
  return orchard_table_select_rows (table, (const gsize *) rows->data, rows->len);
}

static char *
report_json (OrchardDriftReport *report)
{
  g_autoptr(JsonNode) root = orchard_drift_report_to_json (report);

  return orchard_json_to_string (root, FALSE);
}

static OrchardDriftReport *
compare (OrchardReferenceProfile *profile,
         OrchardTable            *current,
         OrchardDriftOptions     *options)
{
  g_autoptr(OrchardDriftOptions) defaults = orchard_drift_options_new ();
  g_autoptr(GError) error = NULL;
  OrchardDriftReport *report;

  report = orchard_drift_report_compute (profile, current, NULL, options != NULL ? options : defaults,
                                         NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

/* A data set's reference, three batches, their order, the reports read
 * back exactly, and deleting. */
static void
test_dataset_batches (void)
{
  g_autofree char *path = work_path ("monitor.orchard");
  g_autoptr(OrchardProject) project = new_project ("monitor.orchard");
  g_autoptr(OrchardTable) penguins = load_sample ("penguins.csv");
  g_autoptr(OrchardReferenceProfile) profile = NULL;
  g_autoptr(GPtrArray) references = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  const char *islands[] = { "Torgersen", "Biscoe", "Dream" };
  char *json[3] = { NULL };
  gint64 ids[3];
  gint64 dataset, reference;

  dataset = orchard_project_add_dataset (project, penguins, NULL, NULL, &error);
  g_assert_no_error (error);
  reference = orchard_project_add_dataset_reference (project, dataset, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reference, >, 0);
  /* Once: the same profile of the same data set is the same reference. */
  g_assert_cmpint (orchard_project_add_dataset_reference (project, dataset, NULL, NULL, NULL, NULL, &error), ==,
                   reference);

  profile = orchard_project_load_reference (project, reference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_reference_profile_get_n_rows (profile), ==, orchard_table_get_n_rows (penguins));
  {
    g_autoptr(OrchardReferenceInfo) info = orchard_project_get_reference (project, reference, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (info->data_hash, ==, orchard_table_get_hash (penguins));
  }

  for (guint i = 0; i < G_N_ELEMENTS (islands); i++)
    {
      g_autoptr(OrchardTable) current = rows_where (penguins, "island", islands[i]);
      g_autoptr(OrchardDriftReport) report = compare (profile, current, NULL);
      g_autofree char *name = g_strdup_printf ("%s.csv", islands[i]);

      ids[i] = orchard_project_record_batch (project, reference, name, orchard_table_get_hash (current), report,
                                             &error);
      g_assert_no_error (error);
      g_assert_cmpint (ids[i], >, 0);
      json[i] = report_json (report);
    }

  batches = orchard_project_list_batches (project, reference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      OrchardBatchInfo *b = g_ptr_array_index (batches, i);
      g_autoptr(OrchardDriftReport) back = orchard_project_load_batch_report (project, b->id, &error);
      g_autofree char *again = NULL;
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM drift_results WHERE batch_id = %lld",
                                              (long long) b->id);

      g_assert_no_error (error);
      /* In the order recorded, each later than the one before. */
      g_assert_cmpint (b->id, ==, ids[i]);
      if (i > 0)
        g_assert_cmpint (b->received, >, ((OrchardBatchInfo *) g_ptr_array_index (batches, i - 1))->received);
      g_assert_cmpint (b->reference_id, ==, reference);
      g_assert_true (g_str_has_prefix (b->name, islands[i]));
      g_assert_cmpfloat (b->drift_share, ==, orchard_drift_report_get_drift_share (back));
      g_assert_cmpint (b->dataset_drift, ==, orchard_drift_report_get_dataset_drift (back));
      g_assert_cmpuint (b->n_columns, ==, orchard_drift_report_get_n_tested (back));
      g_assert_cmpuint (b->n_rows, ==, orchard_drift_report_get_current_rows (back));
      /* The report read back writes the same JSON, number for number. */
      again = report_json (back);
      g_assert_cmpstr (again, ==, json[i]);
      g_assert_cmpint (sql_int (path, sql), ==, orchard_drift_report_get_n_columns (back));
    }
  /* Torgersen's penguins are all Adélies: that drifted; the verdicts differ. */
  g_assert_true (((OrchardBatchInfo *) g_ptr_array_index (batches, 0))->n_drifted > 0);

  references = orchard_project_list_references (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (references->len, ==, 1);
  {
    OrchardReferenceInfo *r = g_ptr_array_index (references, 0);

    g_assert_cmpint (r->source, ==, ORCHARD_REFERENCE_SOURCE_DATASET);
    g_assert_cmpint (r->dataset_id, ==, dataset);
    g_assert_cmpint (r->run_id, ==, 0);
    g_assert_cmpstr (r->name, ==, "penguins.csv");
    g_assert_cmpuint (r->n_batches, ==, 3);
    g_assert_cmpint (r->last_batch, ==, ((OrchardBatchInfo *) g_ptr_array_index (batches, 2))->received);
  }

  /* Deleting a batch takes its column results along. */
  g_assert_true (orchard_project_delete_batches (project, &ids[1], 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&batches, g_ptr_array_unref);
  batches = orchard_project_list_batches (project, reference, &error);
  g_assert_cmpuint (batches->len, ==, 2);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM drift_results WHERE batch_id = %lld",
                                            (long long) ids[1]);
    g_assert_cmpint (sql_int (path, sql), ==, 0);
  }
  g_assert_false (orchard_project_delete_batches (project, &ids[1], 1, &error));
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting the reference deletes its batches, not the data set. */
  g_assert_true (orchard_project_delete_reference (project, reference, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM batches"), ==, 0);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM drift_results"), ==, 0);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM datasets"), ==, 1);

  /* What is not there says so. */
  {
    g_autoptr(OrchardDriftReport) none = compare (profile, penguins, NULL);

    g_assert_cmpint (orchard_project_record_batch (project, reference, "x", NULL, none, &error), ==, 0);
    g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_null (orchard_project_load_batch_report (project, ids[0], &error));
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (orchard_project_add_dataset_reference (project, 99, NULL, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  for (guint i = 0; i < 3; i++)
    g_free (json[i]);
}

/* A run's reference is its bundle's profile; deleting the run keeps the
 * batches measured against it. */
static void
test_run_reference (void)
{
  g_autofree char *path = work_path ("run-reference.orchard");
  g_autoptr(OrchardProject) project = new_project ("run-reference.orchard");
  g_autoptr(OrchardTable) iris = load_sample ("iris.csv");
  g_autoptr(OrchardModel) model = orchard_model_new_by_name ("logistic", NULL);
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(OrchardArtifact) stored = NULL;
  g_autoptr(OrchardReferenceProfile) profile = NULL;
  g_autoptr(OrchardDriftReport) report = NULL;
  g_autoptr(OrchardReferenceInfo) info = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GVariant) expected = NULL;
  g_autoptr(GVariant) got = NULL;
  g_autoptr(GError) error = NULL;
  gint64 dataset, run, reference, batch;

  dataset = orchard_project_add_dataset (project, iris, NULL, NULL, &error);
  g_assert_no_error (error);
  trainer = orchard_trainer_new (iris, "target", model);
  run = orchard_project_begin_run (project, dataset, "target", model, 0, 0, &error);
  g_assert_no_error (error);
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_project_record_training (project, run, trainer, artifact, &error));

  /* The runs whose training data can be a reference. */
  {
    g_autoptr(GPtrArray) runs = orchard_project_list_bundle_runs (project, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (runs->len, ==, 1);
    g_assert_cmpint (((OrchardBundleRunInfo *) g_ptr_array_index (runs, 0))->run_id, ==, run);
    g_assert_cmpstr (((OrchardBundleRunInfo *) g_ptr_array_index (runs, 0))->model, ==, "logistic");
    g_assert_cmpstr (((OrchardBundleRunInfo *) g_ptr_array_index (runs, 0))->dataset_name, ==, "iris.csv");
  }

  reference = orchard_project_add_run_reference (project, run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orchard_project_add_run_reference (project, run, &error), ==, reference);

  /* The profile is the bundle's, byte for byte. */
  stored = orchard_project_load_bundle (project, run, &error);
  g_assert_no_error (error);
  profile = orchard_project_load_reference (project, reference, &error);
  g_assert_no_error (error);
  expected = g_variant_ref_sink (orchard_reference_profile_to_variant (orchard_artifact_get_reference_profile (stored)));
  got = g_variant_ref_sink (orchard_reference_profile_to_variant (profile));
  g_assert_true (g_variant_equal (expected, got));

  info = orchard_project_get_reference (project, reference, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->source, ==, ORCHARD_REFERENCE_SOURCE_RUN);
  g_assert_cmpint (info->run_id, ==, run);
  g_assert_cmpstr (info->target, ==, "target");
  g_assert_cmpuint (info->n_rows, ==, orchard_reference_profile_get_n_rows (profile));
  {
    g_autofree char *name = g_strdup_printf ("logistic-%lld", (long long) run);
    g_assert_cmpstr (info->name, ==, name);
  }
  g_clear_pointer (&info, orchard_reference_info_free);

  report = compare (profile, iris, NULL);
  batch = orchard_project_record_batch (project, reference, "iris.csv", orchard_table_get_hash (iris), report, &error);
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT run_id FROM batches WHERE id = %lld", (long long) batch);
    g_assert_cmpint (sql_int (path, sql), ==, run);
  }

  /* Deleting the run keeps the history against it (docs/projects.md). */
  g_assert_true (orchard_project_delete_runs (project, &run, 1, &error));
  g_assert_no_error (error);
  info = orchard_project_get_reference (project, reference, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->run_id, ==, 0);
  g_assert_cmpuint (info->n_batches, ==, 1);
  batches = orchard_project_list_batches (project, reference, &error);
  g_assert_cmpuint (batches->len, ==, 1);
  g_clear_object (&profile);
  profile = orchard_project_load_reference (project, reference, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM batches WHERE run_id IS NULL"), ==, 1);

  /* A run without a bundle has no reference. */
  g_assert_cmpint (orchard_project_add_run_reference (project, run, &error), ==, 0);
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND);
}

/* Deleting a data set keeps the history measured against it. */
static void
test_delete_dataset (void)
{
  g_autoptr(OrchardProject) project = new_project ("delete-dataset.orchard");
  g_autoptr(OrchardTable) iris = load_sample ("iris.csv");
  g_autoptr(OrchardReferenceProfile) profile = NULL;
  g_autoptr(OrchardDriftReport) report = NULL;
  g_autoptr(OrchardReferenceInfo) info = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  gint64 dataset, reference;

  dataset = orchard_project_add_dataset (project, iris, NULL, NULL, &error);
  g_assert_no_error (error);
  reference = orchard_project_add_dataset_reference (project, dataset, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  profile = orchard_project_load_reference (project, reference, &error);
  g_assert_no_error (error);
  report = compare (profile, iris, NULL);
  g_assert_false (orchard_drift_report_get_dataset_drift (report));
  g_assert_cmpint (orchard_project_record_batch (project, reference, "iris.csv", NULL, report, &error), >, 0);

  g_assert_true (orchard_project_delete_dataset (project, dataset, &error));
  g_assert_no_error (error);
  info = orchard_project_get_reference (project, reference, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->dataset_id, ==, 0);
  g_assert_cmpstr (info->name, ==, "iris.csv");
  batches = orchard_project_list_batches (project, reference, &error);
  g_assert_cmpuint (batches->len, ==, 1);
  g_assert_null (((OrchardBatchInfo *) g_ptr_array_index (batches, 0))->data_hash);
  g_assert_cmpfloat (((OrchardBatchInfo *) g_ptr_array_index (batches, 0))->drift_share, ==, 0.0);
}

/* A report with calendar chunks and a chi-square reads back from JSON
 * exactly; damaged JSON names what is wrong. */
static void
test_report_json (void)
{
  g_autoptr(OrchardTable) weather = load_sample ("seattle-weather.csv");
  g_autoptr(OrchardReferenceProfile) profile = NULL;
  g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
  g_autoptr(OrchardDriftReport) report = NULL;
  g_autoptr(OrchardDriftReport) back = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  OrchardReferenceOptions reference_options;
  gsize first_year[366];

  for (gsize i = 0; i < G_N_ELEMENTS (first_year); i++)
    first_year[i] = i;
  {
    g_autoptr(OrchardTable) reference = orchard_table_select_rows (weather, first_year, G_N_ELEMENTS (first_year));

    orchard_reference_options_init (&reference_options);
    reference_options.sample_size = 0;
    profile = orchard_reference_profile_build (reference, NULL, &reference_options, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  orchard_drift_options_set_chunk_period (options, ORCHARD_PERIOD_QUARTER, "date");
  orchard_drift_options_set_correction (options, ORCHARD_CORRECTION_BENJAMINI_HOCHBERG);
  report = compare (profile, weather, options);
  g_assert_cmpuint (orchard_drift_report_get_n_chunks (report), >, 4);

  json = report_json (report);
  root = orchard_drift_report_to_json (report);
  back = orchard_drift_report_new_from_json (root, "test", &error);
  g_assert_no_error (error);
  again = report_json (back);
  g_assert_cmpstr (again, ==, json);
  g_assert_cmpint (orchard_drift_report_get_chunking (back), ==, ORCHARD_CHUNKING_PERIOD);
  g_assert_cmpuint (orchard_drift_report_get_n_chunks (back), ==, orchard_drift_report_get_n_chunks (report));
  for (guint i = 0; i < orchard_drift_report_get_n_columns (report); i++)
    {
      const OrchardColumnDrift *a = orchard_drift_report_get_column (report, i);
      const OrchardColumnDrift *b = orchard_drift_report_get_column (back, i);

      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpint (a->test, ==, b->test);
      g_assert_true (a->statistic == b->statistic || (isnan (a->statistic) && isnan (b->statistic)));
      g_assert_cmpuint (a->n_bins, ==, b->n_bins);
      g_assert_cmpint (memcmp (a->reference_counts, b->reference_counts, a->n_bins * sizeof (gsize)), ==, 0);
    }

  /* A wrong member is named. */
  g_assert_true (json_parser_load_from_data (parser, "{\"reference\": {\"source\": null, \"rows\": 3}, "
                                                     "\"current\": {\"source\": null, \"rows\": 2}, "
                                                     "\"dataset_drift\": \"yes\"}", -1, NULL));
  g_assert_null (orchard_drift_report_new_from_json (json_parser_get_root (parser), "batch 7", &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "batch 7"));
  g_assert_nonnull (strstr (error->message, "dataset_drift"));
}

/* tests/data/project-v2.orchard (tests/reference/make_project_v2.py) opens,
 * upgrades to version 3 and keeps its batch. */
static void
test_migrate_v2 (void)
{
  g_autofree char *fixture = g_build_filename (g_getenv ("ORCHARD_TEST_DATA_DIR"), "project-v2.orchard", NULL);
  g_autofree char *path = work_path ("v2.orchard");
  g_autofree char *contents = NULL;
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GPtrArray) references = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  g_assert_cmpint (sql_int (fixture, "PRAGMA user_version"), ==, 2);
  g_assert_true (g_file_get_contents (fixture, &contents, &size, NULL));
  g_assert_true (g_file_set_contents (path, contents, size, NULL));

  project = open_project (path, ORCHARD_PROJECT_OPEN_DEFAULT);
  g_assert_cmpuint (orchard_project_get_opened_version (project), ==, 2);
  g_assert_nonnull (orchard_project_get_open_notes (project)[0]);
  references = orchard_project_list_references (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (references->len, ==, 0);
  g_clear_object (&project);

  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM batches WHERE id = 1 AND run_id = 1 AND n_rows = 40 "
                                  "AND reference_id IS NULL AND note = 'scored in version 2'"), ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM drift_results WHERE batch_id = 1"), ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name IN ('drift_references', "
                                  "'batches_by_reference')"), ==, 2);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("orchard-monitor-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/engine/ProjectMonitor/dataset-batches", test_dataset_batches);
  g_test_add_func ("/engine/ProjectMonitor/run-reference", test_run_reference);
  g_test_add_func ("/engine/ProjectMonitor/delete-dataset", test_delete_dataset);
  g_test_add_func ("/engine/ProjectMonitor/report-json", test_report_json);
  g_test_add_func ("/engine/ProjectMonitor/migrate-v2", test_migrate_v2);

  status = g_test_run ();
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", work_dir);
    if (system (command) != 0)
      g_printerr ("could not remove %s\n", work_dir);
  }
  g_free (work_dir);
  return status;
}
