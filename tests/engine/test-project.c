/* test-project.c: the project file: schema, migrations, runs, queries,
 * reproduction, exports, crashes and concurrent processes
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
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

/* One SQL query's single integer, straight from SQLite. */
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

static void
test_create_reopen (void)
{
  g_autofree char *path = work_path ("create.orchard");
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *name = NULL;

  g_unlink (path);
  missing = g_file_new_for_path (path);
  project = orchard_project_open (missing, ORCHARD_PROJECT_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (project);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  project = open_project (path, ORCHARD_PROJECT_OPEN_CREATE);
  g_assert_cmpuint (orchard_project_get_opened_version (project), ==, 0);
  uuid = g_strdup (orchard_project_get_uuid (project));
  name = orchard_project_dup_name (project);
  g_assert_cmpstr (name, ==, "create");
  g_assert_true (orchard_project_set_name (project, "Churn", &error));
  g_assert_no_error (error);
  g_clear_object (&project);

  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, ORCHARD_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (path, "PRAGMA application_id"), ==, 0x4f524348);

  project = open_project (path, ORCHARD_PROJECT_OPEN_DEFAULT);
  g_assert_cmpuint (orchard_project_get_opened_version (project), ==, ORCHARD_PROJECT_SCHEMA_VERSION);
  g_assert_cmpstr (orchard_project_get_uuid (project), ==, uuid);
  g_clear_pointer (&name, g_free);
  name = orchard_project_dup_name (project);
  g_assert_cmpstr (name, ==, "Churn");
  /* WAL mode: the log sits beside the file while it is open. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  g_clear_object (&project);

  /* Read-only never writes. */
  project = open_project (path, ORCHARD_PROJECT_OPEN_READ_ONLY);
  g_assert_false (orchard_project_set_name (project, "x", &error));
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_READ_ONLY);
}

static void
test_datasets (void)
{
  g_autoptr(OrchardProject) project = new_project ("datasets.orchard");
  g_autoptr(OrchardTable) iris = load_sample ("iris.csv");
  g_autoptr(OrchardTable) penguins = load_sample ("penguins.csv");
  g_autoptr(OrchardTable) back = NULL;
  g_autoptr(OrchardTable) back2 = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(OrchardDatasetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a, b, again;

  a = orchard_project_add_dataset (project, iris, NULL, NULL, &error);
  g_assert_no_error (error);
  b = orchard_project_add_dataset (project, penguins, "penguins", NULL, &error);
  g_assert_no_error (error);
  again = orchard_project_add_dataset (project, iris, "another name", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, >, 0);
  g_assert_cmpint (b, !=, a);
  g_assert_cmpint (again, ==, a);   /* once per content hash */
  g_assert_cmpint (orchard_project_find_dataset (project, orchard_table_get_hash (iris), NULL), ==, a);
  g_assert_cmpint (orchard_project_find_dataset (project, "0000", NULL), ==, 0);

  list = orchard_project_list_datasets (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  info = orchard_dataset_info_copy (g_ptr_array_index (list, 0));
  g_assert_cmpstr (info->name, ==, "iris.csv");
  g_assert_cmpuint (info->n_rows, ==, 150);
  g_assert_cmpuint (info->n_columns, ==, 5);
  g_assert_true (info->stored);
  g_assert_cmpuint (info->stored_size, >, 0);
  g_assert_cmpuint (info->stored_size, <, info->size);   /* compressed */

  /* Bit for bit: the same content hash, kinds, levels and values. */
  back = orchard_project_load_dataset (project, a, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_table_get_hash (back), ==, orchard_table_get_hash (iris));
  back2 = orchard_project_load_dataset (project, b, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_table_get_hash (back2), ==, orchard_table_get_hash (penguins));
  g_assert_cmpuint (orchard_table_get_n_rows (back2), ==, orchard_table_get_n_rows (penguins));

  g_assert_null (orchard_project_load_dataset (project, 999, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND);
}

/* Above the inline limit only a reference is kept; a changed file is said so. */
static void
test_dataset_reference (void)
{
  g_autoptr(OrchardProject) project = new_project ("reference.orchard");
  g_autofree char *csv = work_path ("ref.csv");
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardTable) back = NULL;
  g_autoptr(OrchardDatasetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (g_file_set_contents (csv, "a,b\n1,x\n2,y\n3,x\n", -1, NULL));
  table = orchard_table_load (file, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  orchard_project_set_inline_limit (project, 10);
  id = orchard_project_add_dataset (project, table, NULL, NULL, &error);
  g_assert_no_error (error);
  info = orchard_project_get_dataset (project, id, &error);
  g_assert_no_error (error);
  g_assert_false (info->stored);
  g_assert_cmpuint (info->stored_size, ==, 0);

  back = orchard_project_load_dataset (project, id, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_table_get_hash (back), ==, orchard_table_get_hash (table));
  g_clear_object (&back);

  g_assert_true (g_file_set_contents (csv, "a,b\n1,x\n2,y\n4,x\n", -1, NULL));
  back = orchard_project_load_dataset (project, id, NULL, NULL, NULL, &error);
  g_assert_null (back);
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_DATA_CHANGED);
  g_assert_nonnull (strstr (error->message, "ref.csv"));
  g_assert_nonnull (strstr (error->message, "changed"));
  g_clear_error (&error);

  g_unlink (csv);
  back = orchard_project_load_dataset (project, id, NULL, NULL, NULL, &error);
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_DATA_MISSING);
}

static OrchardTable *
small_table (void)
{
  OrchardTable *table;
  double *x = g_new (double, 4);
  double *y = g_new (double, 4);
  OrchardColumn *columns[2];

  for (guint i = 0; i < 4; i++)
    {
      x[i] = i;
      y[i] = 2.0 * i + 1.0;
    }
  columns[0] = orchard_column_new_numeric ("x", x, 4);
  columns[1] = orchard_column_new_numeric ("y", y, 4);
  table = orchard_table_new (columns, 2, NULL);
  orchard_column_unref (columns[0]);
  orchard_column_unref (columns[1]);
  return table;
}

static void
test_run_lifecycle (void)
{
  g_autoptr(OrchardProject) project = new_project ("lifecycle.orchard");
  g_autoptr(OrchardTable) table = small_table ();
  g_autoptr(OrchardModel) model = orchard_model_new_by_name ("ridge", NULL);
  g_autoptr(OrchardRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  const double xs[] = { 0, 1, 2 }, ys[] = { 0.5, 0.25, 0.125 };
  const double fractions[] = { 0.6, 0.2, 0.2 };
  gsize n = 0;
  double value;
  gint64 dataset, id;

  dataset = orchard_project_add_dataset (project, table, "small", NULL, &error);
  g_assert_true (orchard_model_set_param_from_string (model, "alpha", "2.5", &error));
  id = orchard_project_begin_run (project, dataset, "y", model, 42, 0, &error);
  g_assert_no_error (error);

  /* Written as it starts. */
  run = orchard_project_get_run (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orchard_run_get_status (run), ==, ORCHARD_RUN_RUNNING);
  g_assert_cmpstr (orchard_run_get_model (run), ==, "ridge");
  g_assert_cmpstr (orchard_run_get_data_hash (run), ==, orchard_table_get_hash (table));
  g_assert_cmpuint (orchard_run_get_seed (run), ==, 42);
  g_assert_cmpuint (strlen (orchard_run_get_uuid (run)), ==, 32);
  g_assert_true (isnan (orchard_run_get_duration (run)));
  {
    g_autofree char *alpha = orchard_run_dup_param_text (run, "alpha");
    g_assert_cmpstr (alpha, ==, "2.5");
  }
  g_clear_object (&run);

  g_assert_true (orchard_project_log_setup (project, id, "random", fractions, "auto:linear", "{}", &error));
  g_assert_true (orchard_project_log_metric (project, id, "valid", ORCHARD_RUN_FOLD_NONE, "r2", 0.75, &error));
  g_assert_true (orchard_project_log_metric (project, id, "cv", 2, "r2", 0.5, &error));
  g_assert_true (orchard_project_log_curve (project, id, "train", "history.train_loss", xs, ys, 3, &error));
  g_assert_true (orchard_project_set_tag (project, id, "purpose", "baseline", &error));
  g_assert_true (orchard_project_set_note (project, id, "first", &error));
  g_assert_true (orchard_project_finish_run (project, id, ORCHARD_RUN_FINISHED, NULL, &error));
  g_assert_no_error (error);

  /* Ended runs take no more results, but notes and tags. */
  g_assert_false (orchard_project_log_metric (project, id, "valid", -1, "r2", 0.1, &error));
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (orchard_project_finish_run (project, 777, ORCHARD_RUN_FAILED, NULL, &error));
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (orchard_project_set_note (project, id, "still mine", &error));

  run = orchard_project_get_run (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orchard_run_get_status (run), ==, ORCHARD_RUN_FINISHED);
  g_assert_false (isnan (orchard_run_get_duration (run)));
  g_assert_cmpint (orchard_run_get_end_time (run), >=, orchard_run_get_start_time (run));
  g_assert_cmpstr (orchard_run_get_split (run), ==, "random");
  g_assert_cmpstr (orchard_run_get_pipeline (run), ==, "auto:linear");
  g_assert_cmpstr (orchard_run_get_note (run), ==, "still mine");
  g_assert_cmpstr (g_hash_table_lookup (orchard_run_get_tags (run), "purpose"), ==, "baseline");
  g_assert_true (orchard_run_lookup_metric (run, "valid", ORCHARD_RUN_FOLD_NONE, "r2", &value));
  g_assert_cmpfloat (value, ==, 0.75);
  g_assert_true (orchard_run_lookup_metric (run, "cv", 2, "r2", &value));
  g_assert_cmpfloat (value, ==, 0.5);
  g_assert_false (orchard_run_lookup_metric (run, "test", ORCHARD_RUN_FOLD_NONE, "r2", NULL));
  g_assert_cmpstr (orchard_run_get_curve_names (run)[0], ==, "train.history.train_loss");

  g_assert_true (orchard_project_get_curve (project, id, "train", "history.train_loss", &x, &y, &n, &error));
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat (x[i], ==, xs[i]);
      g_assert_cmpfloat (y[i], ==, ys[i]);
    }
}

/* 40 runs with known parameters and metrics. */
static OrchardProject *
synthetic_project (const char *name)
{
  OrchardProject *project = new_project (name);
  g_autoptr(OrchardTable) table = small_table ();
  g_autoptr(GError) error = NULL;
  gint64 dataset = orchard_project_add_dataset (project, table, "small", NULL, &error);

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(OrchardModel) model = orchard_model_new_by_name (i % 4 == 0 ? "lasso" : "ridge", NULL);
      g_autofree char *alpha = g_strdup_printf ("%u", i % 7);
      gint64 id;

      orchard_model_set_param_from_string (model, "alpha", alpha, &error);
      id = orchard_project_begin_run (project, dataset, "y", model, i, 0, &error);
      g_assert_no_error (error);
      if (i % 5 != 3)   /* every fifth run has no r2 */
        orchard_project_log_metric (project, id, "valid", -1, "r2", (i * 37 % 40) / 40.0, &error);
      orchard_project_log_metric (project, id, "valid", -1, "rmse", 1.0 + (i * 13 % 40), &error);
      g_assert_no_error (error);
      orchard_project_finish_run (project, id, i % 10 == 9 ? ORCHARD_RUN_FAILED : ORCHARD_RUN_FINISHED,
                                  NULL, &error);
      g_assert_no_error (error);
    }
  return project;
}

static void
test_filter_sort (void)
{
  g_autoptr(OrchardProject) project = synthetic_project ("filter.orchard");
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardRun) best = NULL;
  guint expected = 0;
  double previous;

  /* The filter against the same condition computed here. */
  runs = orchard_project_list_runs (project,
                                    "metric.valid.r2>0.5 and param.alpha<=3 and model=ridge",
                                    NULL, ORCHARD_SORT_AUTO, ORCHARD_RUN_DETAIL_FULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    if (i % 5 != 3 && (i * 37 % 40) / 40.0 > 0.5 && i % 7 <= 3 && i % 4 != 0)
      expected++;
  g_assert_cmpuint (runs->len, ==, expected);
  g_assert_cmpuint (orchard_project_count_runs (project, "metric.valid.r2>0.5 and param.alpha<=3 "
                                                         "and model=ridge", NULL), ==, expected);
  g_clear_pointer (&runs, g_ptr_array_unref);

  runs = orchard_project_list_runs (project, "status=failed or (model=lasso and not param.alpha=0)",
                                    NULL, ORCHARD_SORT_AUTO, ORCHARD_RUN_DETAIL_SUMMARY, &error);
  g_assert_no_error (error);
  expected = 0;
  for (guint i = 0; i < 40; i++)
    if (i % 10 == 9 || (i % 4 == 0 && i % 7 != 0))
      expected++;
  g_assert_cmpuint (runs->len, ==, expected);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* The data set's name and a part of its hash. */
  g_assert_cmpuint (orchard_project_count_runs (project, "dataset=small", &error), ==, 40);
  g_assert_cmpuint (orchard_project_count_runs (project, "dataset=other", &error), ==, 0);
  {
    g_autoptr(OrchardTable) table = small_table ();
    g_autofree char *part = g_strdup_printf ("data_hash~%.8s", orchard_table_get_hash (table) + 20);

    g_assert_cmpuint (orchard_project_count_runs (project, part, &error), ==, 40);
  }
  g_assert_cmpuint (orchard_project_count_runs (project, "id<=10 and seed>=5", &error), ==, 5);
  g_assert_no_error (error);

  /* r2: best (highest) first, runs without it last. */
  runs = orchard_project_list_runs (project, NULL, "valid.r2", ORCHARD_SORT_AUTO,
                                    ORCHARD_RUN_DETAIL_SUMMARY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 40);
  previous = INFINITY;
  for (guint i = 0; i < 32; i++)
    {
      double v = orchard_run_get_sort_value (g_ptr_array_index (runs, i));
      g_assert_cmpfloat (v, <=, previous);
      previous = v;
    }
  for (guint i = 32; i < 40; i++)
    g_assert_true (isnan (orchard_run_get_sort_value (g_ptr_array_index (runs, i))));
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* rmse: lowest first; a parameter ascending. */
  runs = orchard_project_list_runs (project, NULL, "metric.valid.rmse", ORCHARD_SORT_AUTO,
                                    ORCHARD_RUN_DETAIL_SUMMARY, &error);
  g_assert_cmpfloat (orchard_run_get_sort_value (g_ptr_array_index (runs, 0)), ==, 1.0);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = orchard_project_list_runs (project, NULL, "param.alpha", ORCHARD_SORT_DESCENDING,
                                    ORCHARD_RUN_DETAIL_PARAMS, &error);
  g_assert_cmpfloat (orchard_run_get_sort_value (g_ptr_array_index (runs, 0)), ==, 6.0);
  g_clear_pointer (&runs, g_ptr_array_unref);

  best = orchard_project_best_run (project, "valid.r2", "model=ridge", &error);
  g_assert_no_error (error);
  {
    double top = -1;

    for (guint i = 0; i < 40; i++)
      if (i % 5 != 3 && i % 4 != 0 && i % 10 != 9)
        top = MAX (top, (i * 37 % 40) / 40.0);
    g_assert_cmpfloat (orchard_run_get_sort_value (best), ==, top);
  }

  /* Mistakes name the column. */
  {
    struct { const char *filter; const char *where; } bad[] = {
      { "metric.valid.r2>", "column 17" },
      { "model=ridge and", "column 16" },
      { "speed>3", "column 1" },
      { "metric.valid.r2>high", "column 17" },
      { "(model=ridge", "column 1" },
      { "status=done", "column 8" },
      { "model=ridge extra", "column 13" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        runs = orchard_project_list_runs (project, bad[i].filter, NULL, ORCHARD_SORT_AUTO,
                                          ORCHARD_RUN_DETAIL_SUMMARY, &error);
        g_assert_null (runs);
        g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_FILTER);
        if (strstr (error->message, bad[i].where) == NULL)
          g_error ("“%s”: %s (expected %s)", bad[i].filter, error->message, bad[i].where);
        g_clear_error (&error);
      }
  }
  /* Values are bound, never pasted into SQL. */
  runs = orchard_project_list_runs (project, "model=\"x' OR 1=1 --\"", NULL, ORCHARD_SORT_AUTO,
                                    ORCHARD_RUN_DETAIL_SUMMARY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);
}

/* The summaries of orchard_project_list_run_summaries() are the runs
 * orchard_project_list_runs() gives, in the same order, with the same
 * columns and sort values. */
static void
assert_same_listing (OrchardProject   *project,
                     const char       *filter,
                     const char       *sort,
                     OrchardSortOrder  order)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = orchard_project_list_runs (project, filter, sort, order,
                                                         ORCHARD_RUN_DETAIL_SUMMARY, &error);
  g_autoptr(OrchardRunList) list = orchard_project_list_run_summaries (project, filter, sort,
                                                                       order, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (orchard_run_list_get_n_runs (list), ==, runs->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, runs->len);
  for (guint i = 0; i < runs->len; i++)
    {
      OrchardRun *run = g_ptr_array_index (runs, i);
      const OrchardRunSummary *s = orchard_run_list_get_summary (list, i);
      double value = orchard_run_get_sort_value (run);

      g_assert_cmpint (s->id, ==, orchard_run_get_id (run));
      g_assert_cmpstr (s->model, ==, orchard_run_get_model (run));
      g_assert_cmpstr (s->target, ==, orchard_run_get_target (run));
      g_assert_cmpint (s->status, ==, orchard_run_get_status (run));
      g_assert_cmpint (s->dataset_id, ==, orchard_run_get_dataset_id (run));
      g_assert_cmpstr (s->data_hash, ==, orchard_run_get_data_hash (run));
      g_assert_cmpstr (s->dataset_name, ==, orchard_run_get_dataset_name (run));
      g_assert_cmpint (s->parent_id, ==, orchard_run_get_parent_id (run));
      g_assert_cmpint (s->start_time, ==, orchard_run_get_start_time (run));
      g_assert_cmpint (s->end_time, ==, orchard_run_get_end_time (run));
      g_assert_cmpuint (s->seed, ==, orchard_run_get_seed (run));
      g_assert_true (isnan (s->duration) == isnan (orchard_run_get_duration (run)));
      if (!isnan (s->duration))
        g_assert_cmpfloat (s->duration, ==, orchard_run_get_duration (run));
      g_assert_true (isnan (s->sort_value) == isnan (value));
      if (!isnan (value))
        g_assert_cmpfloat (s->sort_value, ==, value);
    }
}

/* A sort key's order computed here: by value (best first for a metric
 * unless asked), ties by id, runs without the value last by id. */
static int
compare_expected (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  const double *x = a, *y = b;   /* value, id */
  gboolean descending = GPOINTER_TO_INT (data);

  if (isnan (x[0]) != isnan (y[0]))
    return isnan (x[0]) ? 1 : -1;
  if (!isnan (x[0]) && x[0] != y[0])
    return (x[0] < y[0]) == descending ? 1 : -1;
  return x[1] < y[1] ? -1 : x[1] > y[1];
}

static void
test_summaries (void)
{
  g_autoptr(OrchardProject) project = synthetic_project ("summaries.orchard");
  g_autoptr(GError) error = NULL;
  const struct { const char *filter, *sort; OrchardSortOrder order; } cases[] = {
    { NULL, NULL, ORCHARD_SORT_AUTO },
    { NULL, "valid.r2", ORCHARD_SORT_AUTO },
    { NULL, "valid.r2", ORCHARD_SORT_ASCENDING },
    { NULL, "metric.valid.rmse", ORCHARD_SORT_AUTO },
    { NULL, "metric.valid.rmse", ORCHARD_SORT_DESCENDING },
    { NULL, "param.alpha", ORCHARD_SORT_DESCENDING },
    { NULL, "param.alpha", ORCHARD_SORT_AUTO },
    { NULL, "started", ORCHARD_SORT_DESCENDING },
    { NULL, "model", ORCHARD_SORT_AUTO },
    { "model=ridge and metric.valid.r2>0.3", "valid.rmse", ORCHARD_SORT_AUTO },
    { "status=failed", "param.alpha", ORCHARD_SORT_AUTO },
    { "model=nothing", "valid.r2", ORCHARD_SORT_AUTO },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    assert_same_listing (project, cases[c].filter, cases[c].sort, cases[c].order);

  /* Ties: alpha is i % 7, so runs share values; within a value the ids
   * ascend in both directions, as computed here. */
  for (guint d = 0; d < 2; d++)
    {
      g_autoptr(OrchardRunList) list = NULL;
      double expected[40][2];

      for (guint i = 0; i < 40; i++)
        {
          expected[i][0] = i % 7;
          expected[i][1] = i + 1;   /* run ids start at 1 */
        }
      g_qsort_with_data (expected, 40, sizeof expected[0], compare_expected, GINT_TO_POINTER (d));
      list = orchard_project_list_run_summaries (project, NULL, "param.alpha",
                                                 d ? ORCHARD_SORT_DESCENDING : ORCHARD_SORT_ASCENDING,
                                                 &error);
      g_assert_no_error (error);
      g_assert_cmpuint (orchard_run_list_get_n_runs (list), ==, 40);
      for (guint i = 0; i < 40; i++)
        {
          g_assert_cmpint (orchard_run_list_get_summary (list, i)->id, ==, (gint64) expected[i][1]);
          g_assert_cmpfloat (orchard_run_list_get_summary (list, i)->sort_value, ==, expected[i][0]);
        }
    }

  /* r2 is missing in every fifth run: those come last, by id. */
  {
    g_autoptr(OrchardRunList) list = orchard_project_list_run_summaries (project, NULL, "valid.r2",
                                                                         ORCHARD_SORT_AUTO, &error);
    double expected[40][2];

    for (guint i = 0; i < 40; i++)
      {
        expected[i][0] = i % 5 != 3 ? (i * 37 % 40) / 40.0 : NAN;
        expected[i][1] = i + 1;
      }
    g_qsort_with_data (expected, 40, sizeof expected[0], compare_expected, GINT_TO_POINTER (TRUE));
    for (guint i = 0; i < 40; i++)
      g_assert_cmpint (orchard_run_list_get_summary (list, i)->id, ==, (gint64) expected[i][1]);
  }

  /* As a list model: the same object for a position each time, with the
   * summary's columns. */
  {
    g_autoptr(OrchardRunList) list = orchard_project_list_run_summaries (project, NULL,
                                                                         "valid.rmse",
                                                                         ORCHARD_SORT_AUTO, &error);
    g_autoptr(OrchardRun) first = g_list_model_get_item (G_LIST_MODEL (list), 3);
    g_autoptr(OrchardRun) again = g_list_model_get_item (G_LIST_MODEL (list), 3);
    g_autoptr(OrchardRun) copy = orchard_run_list_dup_run (list, 3);

    g_assert_true (first == again);
    g_assert_true (copy != first);
    g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == ORCHARD_TYPE_RUN);
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 40));
    g_assert_cmpint (orchard_run_get_id (first), ==, orchard_run_list_get_summary (list, 3)->id);
    g_assert_cmpint (orchard_run_get_id (copy), ==, orchard_run_get_id (first));
    g_assert_cmpstr (orchard_run_get_model (first), ==, orchard_run_list_get_summary (list, 3)->model);
    g_assert_cmpfloat (orchard_run_get_sort_value (first), ==,
                       orchard_run_list_get_summary (list, 3)->sort_value);
    g_assert_cmpuint (orchard_run_get_n_metrics (first), ==, 0);
  }

  /* A wrong filter or key is an error, not a list. */
  g_assert_null (orchard_project_list_run_summaries (project, "metric.valid.r2>high", NULL,
                                                     ORCHARD_SORT_AUTO, &error));
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_FILTER);
}

static void
test_compare (void)
{
  g_autoptr(OrchardProject) project = synthetic_project ("compare.orchard");
  g_autoptr(OrchardRunComparison) comparison = NULL;
  g_autoptr(OrchardRunComparison) all = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 ids[] = { 2, 3, 10 };   /* i = 1, 2, 9: ridge with alpha 1, 2, 2 (i % 7) */
  double value;

  comparison = orchard_project_compare_runs (project, ids, 3, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comparison->n_runs, ==, 3);
  /* Only what differs: the seed and alpha, not the model or fit-intercept. */
  g_assert_true (g_strv_contains ((const char * const *) comparison->params, "seed"));
  g_assert_true (g_strv_contains ((const char * const *) comparison->params, "param.alpha"));
  g_assert_false (g_strv_contains ((const char * const *) comparison->params, "model"));
  g_assert_false (g_strv_contains ((const char * const *) comparison->params, "param.fit-intercept"));
  {
    g_autofree char *a = orchard_run_comparison_get_param (comparison, "param.alpha", 1);
    g_assert_cmpstr (a, ==, "2");
  }
  g_assert_true (g_strv_contains ((const char * const *) comparison->metrics, "valid.rmse"));
  g_assert_true (orchard_run_comparison_get_metric (comparison, "valid.rmse", 2, &value));
  g_assert_cmpfloat (value, ==, 1.0 + (9 * 13 % 40));

  all = orchard_project_compare_runs (project, ids, 3, TRUE, &error);
  g_assert_true (g_strv_contains ((const char * const *) all->params, "param.fit-intercept"));
  g_assert_true (g_strv_contains ((const char * const *) all->params, "model"));
}

/* Trains on iris and records it, as orchard-cli train --project does. */
static gint64
record_training (OrchardProject *project,
                 OrchardTable   *data,
                 const char     *learner,
                 guint64         seed)
{
  g_autoptr(OrchardModel) model = orchard_model_new_by_name (learner, NULL);
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(GError) error = NULL;
  gint64 dataset, id;

  dataset = orchard_project_add_dataset (project, data, NULL, NULL, &error);
  g_assert_no_error (error);
  trainer = orchard_trainer_new (data, "target", model);
  orchard_trainer_set_seed (trainer, seed);
  id = orchard_project_begin_run (project, dataset, "target", model, seed, 0, &error);
  g_assert_no_error (error);
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_project_record_training (project, id, trainer, artifact, &error));
  g_assert_no_error (error);
  return id;
}

static void
test_reproduce (void)
{
  g_autoptr(OrchardProject) project = new_project ("reproduce.orchard");
  g_autoptr(OrchardTable) iris = load_sample ("iris.csv");
  g_autoptr(OrchardReproduction) result = NULL;
  g_autoptr(OrchardRun) run = NULL;
  g_autoptr(OrchardRun) again = NULL;
  g_autoptr(OrchardArtifact) bundle = NULL;
  g_autoptr(GError) error = NULL;
  guint n_valid = 0;
  gint64 id = record_training (project, iris, "logistic", 7);

  run = orchard_project_get_run (project, id, &error);
  g_assert_cmpint (orchard_run_get_status (run), ==, ORCHARD_RUN_FINISHED);
  g_assert_cmpstr (orchard_run_get_pipeline (run), ==, "auto:linear");
  g_assert_nonnull (orchard_run_get_pipeline_spec (run));
  g_assert_cmpstr (orchard_run_get_split (run), ==, "stratified");
  g_assert_nonnull (orchard_run_get_bundle_checksum (run));
  bundle = orchard_project_load_bundle (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_artifact_get_checksum (bundle), ==, orchard_run_get_bundle_checksum (run));

  result = orchard_project_reproduce_run (project, id, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->identical);
  g_assert_cmpuint (result->n_metrics, ==, orchard_run_get_n_metrics (run));
  g_assert_cmpuint (result->n_metrics, >, 20);
  for (guint i = 0; i < result->n_metrics; i++)
    {
      /* the same double, not merely close */
      g_assert_true (result->metrics[i].equal);
      if (!isnan (result->metrics[i].recorded))
        g_assert_cmpfloat (result->metrics[i].recorded, ==, result->metrics[i].reproduced);
      n_valid += strcmp (result->metrics[i].split, "valid") == 0;
    }
  g_assert_cmpuint (n_valid, >, 5);

  again = orchard_project_get_run (project, result->new_run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orchard_run_get_parent_id (again), ==, id);
  /* (The bundles differ: they record when they were made and how long it took.) */
  {
    g_autoptr(GVariant) a = orchard_run_get_params (run);
    g_autoptr(GVariant) b = orchard_run_get_params (again);
    g_assert_true (g_variant_equal (a, b));
  }
}

/* Reads a whole small file as text. */
static char *
slurp (GFile      *dir,
       const char *relative)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (dir, relative);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_load_contents (file, NULL, &text, NULL, NULL, &error);
  if (error != NULL)
    g_error ("%s: %s", relative, error->message);
  return text;
}

static void
test_mlflow (void)
{
  g_autoptr(OrchardProject) project = new_project ("mlflow.orchard");
  g_autoptr(OrchardTable) iris = load_sample ("iris.csv");
  g_autofree char *dir = work_path ("mlruns");
  g_autoptr(GFile) mlruns = g_file_new_for_path (dir);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(OrchardRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  g_autofree char *experiment = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *run_meta = NULL;
  g_autoptr(GFile) exp_dir = NULL;
  g_autoptr(GFile) run_dir = NULL;
  g_autoptr(GVariant) params = NULL;
  GVariantIter iter;
  const char *name;
  GVariant *value;
  gint64 id = record_training (project, iris, "logistic", 3);
  GFileInfo *info;

  orchard_project_set_tag (project, id, "purpose", "baseline", &error);
  run = orchard_project_get_run (project, id, &error);
  runs = orchard_project_list_runs (project, NULL, NULL, ORCHARD_SORT_AUTO,
                                    ORCHARD_RUN_DETAIL_SUMMARY, &error);
  g_assert_true (orchard_project_export_mlflow (project, runs, mlruns, NULL, &error));
  g_assert_no_error (error);

  /* mlruns/<experiment>/meta.yaml */
  children = g_file_enumerate_children (mlruns, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, &error);
  g_assert_no_error (error);
  info = g_file_enumerator_next_file (children, NULL, &error);
  g_assert_nonnull (info);
  experiment = g_strdup (g_file_info_get_name (info));
  g_object_unref (info);
  g_assert_null (g_file_enumerator_next_file (children, NULL, NULL));
  g_assert_true (g_ascii_string_to_unsigned (experiment, 10, 1, G_MAXUINT64, NULL, NULL));
  exp_dir = g_file_get_child (mlruns, experiment);
  meta = slurp (exp_dir, "meta.yaml");
  {
    g_autofree char *line = g_strdup_printf ("experiment_id: '%s'\n", experiment);
    g_assert_nonnull (strstr (meta, line));
  }
  g_assert_nonnull (strstr (meta, "lifecycle_stage: active\n"));
  g_assert_nonnull (strstr (meta, "name: 'mlflow'\n"));
  g_assert_nonnull (strstr (meta, "artifact_location: 'file://"));

  /* mlruns/<experiment>/<run uuid>/meta.yaml */
  run_dir = g_file_get_child (exp_dir, orchard_run_get_uuid (run));
  run_meta = slurp (run_dir, "meta.yaml");
  {
    g_autofree char *run_id = g_strdup_printf ("run_id: %s\n", orchard_run_get_uuid (run));
    g_autofree char *start = g_strdup_printf ("start_time: %" G_GINT64_FORMAT "\n",
                                              orchard_run_get_start_time (run));
    g_autofree char *end = g_strdup_printf ("end_time: %" G_GINT64_FORMAT "\n",
                                            orchard_run_get_end_time (run));

    g_assert_nonnull (strstr (run_meta, run_id));
    g_assert_nonnull (strstr (run_meta, start));
    g_assert_nonnull (strstr (run_meta, end));
    g_assert_nonnull (strstr (run_meta, "status: 3\n"));   /* FINISHED */
    g_assert_nonnull (strstr (run_meta, "lifecycle_stage: active\n"));
  }

  /* params/NAME holds the value alone. */
  params = orchard_run_get_params (run);
  g_variant_iter_init (&iter, params);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      g_autoptr(GVariant) owned = value;
      g_autofree char *relative = g_strdup_printf ("params/%s", name);
      g_autofree char *text = slurp (run_dir, relative);
      g_autofree char *expected = orchard_run_dup_param_text (run, name);

      g_assert_cmpstr (text, ==, expected);
    }

  /* metrics/SPLIT.NAME: "timestamp value step", the value exact. */
  for (guint i = 0; i < orchard_run_get_n_metrics (run); i++)
    {
      const char *split, *metric;
      int fold;
      double v;
      g_autofree char *relative = NULL;
      g_autofree char *text = NULL;
      g_auto(GStrv) fields = NULL;

      orchard_run_get_metric_at (run, i, &split, &fold, &metric, &v);
      if (isnan (v))
        continue;
      relative = g_strdup_printf ("metrics/%s.%s", split, metric);
      text = slurp (run_dir, relative);
      g_assert_true (g_str_has_suffix (text, "\n"));
      g_strchomp (text);
      fields = g_strsplit (text, " ", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_assert_cmpint (g_ascii_strtoll (fields[0], NULL, 10), ==, orchard_run_get_end_time (run));
      g_assert_cmpfloat (g_ascii_strtod (fields[1], NULL), ==, v);
      g_assert_cmpstr (fields[2], ==, "0");
    }

  /* tags and artifacts */
  {
    g_autofree char *hash = slurp (run_dir, "tags/orchard.data_hash");
    g_autofree char *purpose = slurp (run_dir, "tags/purpose");
    g_autofree char *run_name = slurp (run_dir, "tags/mlflow.runName");
    g_autofree char *spec = slurp (run_dir, "artifacts/pipeline.json");
    g_autoptr(GFile) bundle_file = g_file_resolve_relative_path (run_dir, "artifacts/model.orchard-model");
    g_autoptr(OrchardArtifact) bundle = orchard_artifact_load (bundle_file, NULL, &error);

    g_assert_cmpstr (hash, ==, orchard_table_get_hash (iris));
    g_assert_cmpstr (purpose, ==, "baseline");
    g_assert_true (g_str_has_prefix (run_name, "logistic-"));
    g_assert_cmpstr (spec, ==, orchard_run_get_pipeline_spec (run));
    g_assert_no_error (error);
    g_assert_cmpstr (orchard_artifact_get_checksum (bundle), ==, orchard_run_get_bundle_checksum (run));
  }
}

static void
test_csv (void)
{
  g_autoptr(OrchardProject) project = synthetic_project ("csv.orchard");
  g_autofree char *path = work_path ("runs.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = NULL;
  OrchardColumn *r2, *alpha, *id;

  runs = orchard_project_list_runs (project, NULL, "valid.rmse", ORCHARD_SORT_AUTO,
                                    ORCHARD_RUN_DETAIL_PARAMS | ORCHARD_RUN_DETAIL_METRICS, &error);
  g_assert_true (orchard_project_export_csv (project, runs, file, NULL, &error));
  g_assert_no_error (error);

  /* Read back with Orchard's own CSV reader: one row per run, in order. */
  table = orchard_table_load (file, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 40);
  id = orchard_table_get_column (table, orchard_table_find_column (table, "id"));
  r2 = orchard_table_get_column (table, orchard_table_find_column (table, "metric.valid.r2"));
  alpha = orchard_table_get_column (table, orchard_table_find_column (table, "param.alpha"));
  for (guint i = 0; i < 40; i++)
    {
      guint run = (guint) orchard_column_get_values (id)[i] - 1;   /* ids are 1 … 40 */
      double expected_r2 = run % 5 != 3 ? (run * 37 % 40) / 40.0 : NAN;

      g_assert_cmpint (orchard_run_get_id (g_ptr_array_index (runs, i)), ==, run + 1);
      if (isnan (expected_r2))
        g_assert_true (isnan (orchard_column_get_values (r2)[i]));
      else
        g_assert_cmpfloat (orchard_column_get_values (r2)[i], ==, expected_r2);
      g_assert_cmpfloat (orchard_column_get_values (alpha)[i], ==, run % 7);
    }
}

static void
test_delete_frees (void)
{
  g_autofree char *path = work_path ("delete.orchard");
  g_autoptr(OrchardProject) project = new_project ("delete.orchard");
  g_autoptr(OrchardTable) wine = load_sample ("wine.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  OrchardProjectStorage before, after_delete, after_compact;
  guint64 run_bytes = 0, total = 0;
  struct stat st;

  for (guint i = 0; i < 6; i++)
    {
      gint64 id = record_training (project, wine, "knn", i);   /* k-NN bundles hold the rows */
      g_array_append_val (ids, id);
    }
  g_assert_true (orchard_project_compact (project, NULL, &error));
  g_assert_true (orchard_project_get_storage (project, &before, &error));
  g_assert_cmpuint (before.n_runs, ==, 6);
  g_assert_cmpuint (before.bundles_size, >, 6 * 10000);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (orchard_project_get_run_storage (project, g_array_index (ids, gint64, i),
                                                      &run_bytes, &error));
      g_assert_cmpuint (run_bytes, >, 10000);
      total += run_bytes;
    }

  /* A missing id deletes nothing. */
  {
    const gint64 wrong[] = { g_array_index (ids, gint64, 0), 999 };

    g_assert_false (orchard_project_delete_runs (project, wrong, 2, &error));
    g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpuint (orchard_project_count_runs (project, NULL, NULL), ==, 6);
  }

  g_assert_true (orchard_project_delete_runs (project, (const gint64 *) ids->data, 5, &error));
  g_assert_true (orchard_project_get_storage (project, &after_delete, &error));
  g_assert_cmpuint (after_delete.n_runs, ==, 1);
  g_assert_cmpuint (after_delete.bundles_size, <, before.bundles_size / 5);
  g_assert_cmpuint (after_delete.free_size, >=, total / 2);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM metrics"), ==,
                   sql_int (path, "SELECT count(*) FROM metrics WHERE run_id = (SELECT max(id) FROM runs)"));

  g_assert_true (orchard_project_compact (project, NULL, &error));
  g_assert_true (orchard_project_get_storage (project, &after_compact, &error));
  g_assert_cmpuint (after_compact.free_size, ==, 0);
  g_assert_cmpuint (after_compact.file_size, <=, before.file_size - total);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_size, ==, after_compact.file_size);
}

/* Save As: a compact, consistent copy that opens on its own. */
static void
test_save_as (void)
{
  g_autoptr(OrchardProject) project = synthetic_project ("original.orchard");
  g_autofree char *path = work_path ("copy.orchard");
  g_autoptr(GFile) copy = g_file_new_for_path (path);
  g_autoptr(OrchardProject) reopened = NULL;
  g_autoptr(OrchardRun) run = NULL;
  g_autoptr(GError) error = NULL;
  double value;

  g_unlink (path);
  g_assert_true (orchard_project_save_as (project, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (orchard_project_save_as (project, copy, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  reopened = open_project (path, ORCHARD_PROJECT_OPEN_DEFAULT);
  /* A project of its own: a new uuid (tests/engine/test-project-info.c) */
  g_assert_cmpstr (orchard_project_get_uuid (reopened), !=, orchard_project_get_uuid (project));
  g_assert_cmpuint (orchard_project_count_runs (reopened, NULL, NULL), ==, 40);
  run = orchard_project_get_run (reopened, 5, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_run_lookup_metric (run, "valid", -1, "rmse", &value));
  g_assert_cmpfloat (value, ==, 1.0 + (4 * 13 % 40));
}

static void
test_not_a_project (void)
{
  g_autofree char *noise = work_path ("noise.orchard");
  g_autofree char *other = work_path ("other.sqlite");
  g_autofree char *empty = work_path ("empty.orchard");
  g_autofree char *damaged = work_path ("damaged.orchard");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  char junk[8192];
  sqlite3 *db = NULL;

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (char) (i * 7919 % 251);
  g_assert_true (g_file_set_contents (noise, junk, sizeof junk, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_unlink (other);
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  {
    const char *paths[] = { noise, other, empty };

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
        g_autoptr(OrchardProject) project = NULL;

        before = read_bytes (paths[i]);
        project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_DEFAULT, NULL, &error);
        g_assert_null (project);
        g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_A_PROJECT);
        g_assert_nonnull (strstr (error->message, paths[i]));
        g_assert_nonnull (strstr (error->message, "not an Orchard project"));
        g_clear_error (&error);
        after = read_bytes (paths[i]);
        g_assert_true (g_bytes_equal (before, after));
        g_clear_pointer (&before, g_bytes_unref);
        g_clear_pointer (&after, g_bytes_unref);
      }
  }

  /* A real project whose pages after the header were overwritten: a clear
   * error when opening, or problems from the check; never a crash. */
  {
    g_autoptr(OrchardProject) project = synthetic_project ("damaged.orchard");
    g_autoptr(GFile) file = g_file_new_for_path (damaged);
    g_autoptr(GBytes) bytes = NULL;
    g_autofree guint8 *data = NULL;
    gsize size;

    orchard_project_compact (project, NULL, NULL);
    g_clear_object (&project);
    bytes = read_bytes (damaged);
    data = g_memdup2 (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
    size = g_bytes_get_size (bytes);
    for (gsize i = 4096; i < size; i++)
      data[i] = (guint8) (i * 31 % 256);
    g_assert_true (g_file_set_contents (damaged, (const char *) data, size, NULL));

    project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_DEFAULT, NULL, &error);
    if (project == NULL)
      {
        g_assert_nonnull (error);
        g_assert_nonnull (strstr (error->message, damaged));
        g_test_message ("damaged: %s", error->message);
      }
    else
      {
        g_auto(GStrv) problems = NULL;

        g_assert_true (orchard_project_check (project, &problems, NULL, NULL, NULL, &error));
        g_assert_nonnull (problems[0]);
        g_test_message ("damaged: %s", problems[0]);
      }
  }
}

static void
test_too_new (void)
{
  g_autofree char *path = work_path ("future.orchard");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&project);
  project = new_project ("future.orchard");
  g_clear_object (&project);
  /* What a newer Orchard would have written: a higher user_version. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99; CREATE TABLE future (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = read_bytes (path);

  for (guint flags = 0; flags < 2; flags++)
    {
      project = orchard_project_open (file, flags == 0 ? ORCHARD_PROJECT_OPEN_DEFAULT
                                                       : ORCHARD_PROJECT_OPEN_READ_ONLY,
                                      NULL, &error);
      g_assert_null (project);
      g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_TOO_NEW);
      g_assert_nonnull (strstr (error->message, "newer Orchard"));
      g_assert_nonnull (strstr (error->message, "99"));
      g_clear_error (&error);
    }

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* tests/data/project-v1.orchard was written with schema 1 (see
 * tests/reference/make_project_v1.py); it opens, upgrades, and keeps everything. */
static void
test_migrate_v1 (void)
{
  g_autofree char *fixture = g_build_filename (g_getenv ("ORCHARD_TEST_DATA_DIR"), "project-v1.orchard", NULL);
  g_autofree char *path = work_path ("v1.orchard");
  g_autoptr(GBytes) bytes = read_bytes (fixture);
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(OrchardRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  double value;

  g_assert_cmpint (sql_int (fixture, "PRAGMA user_version"), ==, 1);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));

  /* Read-only does not upgrade, so it does not open an old file. */
  project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_READ_ONLY, NULL, &error);
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);

  project = open_project (path, ORCHARD_PROJECT_OPEN_DEFAULT);
  g_assert_cmpuint (orchard_project_get_opened_version (project), ==, 1);
  g_assert_nonnull (orchard_project_get_open_notes (project)[0]);
  g_assert_cmpstr (orchard_project_get_uuid (project), ==, "6f1c2e2a-7d3b-4c55-9a61-0b6f4f0e2b11");

  run = orchard_project_get_run (project, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_run_get_model (run), ==, "logistic");
  g_assert_cmpint (orchard_run_get_status (run), ==, ORCHARD_RUN_FINISHED);
  g_assert_true (orchard_run_lookup_metric (run, "valid", -1, "accuracy", &value));
  g_assert_cmpfloat (value, ==, 0.9565217391304348);
  g_assert_true (orchard_run_lookup_metric (run, "cv", 1, "accuracy", &value));
  g_assert_cmpfloat (value, ==, 0.95);
  {
    g_autofree char *c = orchard_run_dup_param_text (run, "C");
    g_autofree char *penalty = orchard_run_dup_param_text (run, "penalty");
    g_assert_cmpstr (c, ==, "0.5");
    g_assert_cmpstr (penalty, ==, "l2");
  }
  g_assert_cmpstr (orchard_run_get_note (run), ==, "first try");
  g_assert_cmpstr (g_hash_table_lookup (orchard_run_get_tags (run), "purpose"), ==, "baseline");
  g_clear_object (&run);
  run = orchard_project_get_run (project, 2, &error);
  g_assert_cmpint (orchard_run_get_status (run), ==, ORCHARD_RUN_FAILED);

  datasets = orchard_project_list_datasets (project, &error);
  g_assert_cmpuint (datasets->len, ==, 1);
  g_assert_false (((OrchardDatasetInfo *) g_ptr_array_index (datasets, 0))->stored);
  g_clear_object (&project);

  /* Version 2's schema is there, the file is sound. */
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, ORCHARD_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name IN ('batches', 'drift_results', 'runs_by_started')"), ==, 3);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM pragma_table_info('datasets') WHERE name = 'profile'"), ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), ==, 1);

  /* And it opens again without upgrading twice. */
  project = open_project (path, ORCHARD_PROJECT_OPEN_DEFAULT);
  g_assert_cmpuint (orchard_project_get_opened_version (project), ==, ORCHARD_PROJECT_SCHEMA_VERSION);
  g_assert_null (orchard_project_get_open_notes (project)[0]);
}

/* Another process ------------------------------------------------------------ */

static GSubprocess *
spawn_writer (const char          *mode,
              const char          *path,
              const char          *n,
              GDataInputStream   **out)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "engine", "project-writer", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer, mode, path, n, NULL);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  return process;
}

static void
test_sigkill (void)
{
  g_autofree char *path = work_path ("killed.orchard");
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GArray) committed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  guint n_failed = 0;

  g_unlink (path);
  writer = spawn_writer ("write", path, "1000000", &out);
  /* Kill it in the middle of its writes, after 40 committed runs. */
  while (committed->len < 40)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      gint64 id;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, "finished "));
      id = g_ascii_strtoll (line + 9, NULL, 10);
      g_array_append_val (committed, id);
    }
  /* Most of its time goes to the 20 metric commits of a run: likely mid-run. */
  g_usleep (5000);
  g_subprocess_send_signal (writer, SIGKILL);
  g_subprocess_wait (writer, NULL, &error);
  g_assert_false (g_subprocess_get_if_exited (writer));

  project = open_project (path, ORCHARD_PROJECT_OPEN_DEFAULT);
  g_assert_true (orchard_project_check (project, &problems, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (problems[0] != NULL)
    g_error ("after SIGKILL: %s", problems[0]);

  for (guint i = 0; i < committed->len; i++)
    {
      g_autoptr(OrchardRun) run = orchard_project_get_run (project, g_array_index (committed, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_cmpint (orchard_run_get_status (run), ==, ORCHARD_RUN_FINISHED);
      g_assert_cmpuint (orchard_run_get_n_metrics (run), ==, 20);
    }

  /* At most the one run it was writing, now marked interrupted. */
  runs = orchard_project_list_runs (project, NULL, NULL, ORCHARD_SORT_AUTO, ORCHARD_RUN_DETAIL_SUMMARY, &error);
  g_assert_cmpuint (runs->len, >=, committed->len);
  for (guint i = 0; i < runs->len; i++)
    {
      OrchardRun *run = g_ptr_array_index (runs, i);

      g_assert_cmpint (orchard_run_get_status (run), !=, ORCHARD_RUN_RUNNING);
      if (orchard_run_get_status (run) == ORCHARD_RUN_FAILED)
        {
          n_failed++;
          g_assert_nonnull (strstr (orchard_run_get_status_message (run), "Interrupted"));
        }
    }
  g_assert_cmpuint (n_failed, <=, 1);
  g_test_message ("killed after %u committed runs; %u in the file, %u interrupted",
                  committed->len, runs->len, n_failed);
}

static void
test_live_run_kept (void)
{
  g_autofree char *path = work_path ("live.orchard");
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(OrchardRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gint64 id;

  g_unlink (path);
  holder = spawn_writer ("hold", path, NULL, &out);
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "running "));
  id = g_ascii_strtoll (line + 8, NULL, 10);

  /* Its process is alive: opening leaves the run alone. */
  project = open_project (path, ORCHARD_PROJECT_OPEN_DEFAULT);
  run = orchard_project_get_run (project, id, &error);
  g_assert_cmpint (orchard_run_get_status (run), ==, ORCHARD_RUN_RUNNING);
  g_clear_object (&run);
  g_clear_object (&project);

  g_subprocess_send_signal (holder, SIGKILL);
  g_subprocess_wait (holder, NULL, NULL);

  project = open_project (path, ORCHARD_PROJECT_OPEN_DEFAULT);
  run = orchard_project_get_run (project, id, &error);
  g_assert_cmpint (orchard_run_get_status (run), ==, ORCHARD_RUN_FAILED);
  g_assert_nonnull (strstr (orchard_run_get_status_message (run), "Interrupted"));
  g_assert_nonnull (orchard_project_get_open_notes (project)[0]);
}

static void
count_changes (OrchardProject *project,
               int             what,
               gint64          id,
               gpointer        user_data)
{
  guint *counts = user_data;

  counts[what]++;
}

static void
on_writer_exit (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
test_concurrent (void)
{
  g_autofree char *path = work_path ("shared.orchard");
  g_autoptr(GSubprocess) a = NULL;
  g_autoptr(GSubprocess) b = NULL;
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = small_table ();
  g_autoptr(OrchardModel) model = orchard_model_new_by_name ("ridge", NULL);
  guint counts[ORCHARD_PROJECT_CHANGE_EXTERNAL + 1] = { 0 };
  guint n_lists = 0, own = 0;
  gboolean done_a = FALSE, done_b = FALSE;
  gint64 dataset;

  g_unlink (path);
  project = open_project (path, ORCHARD_PROJECT_OPEN_CREATE);
  g_signal_connect (project, "changed", G_CALLBACK (count_changes), counts);
  dataset = orchard_project_add_dataset (project, table, "small", NULL, &error);

  /* Two writer processes and this one (as the app would), all at once. */
  a = spawn_writer ("write", path, "60", NULL);
  b = spawn_writer ("write", path, "60", NULL);
  g_subprocess_wait_async (a, NULL, on_writer_exit, &done_a);
  g_subprocess_wait_async (b, NULL, on_writer_exit, &done_b);
  while (!done_a || !done_b)
    {
      gint64 id;

      runs = orchard_project_list_runs (project, NULL, "valid.m0", ORCHARD_SORT_AUTO,
                                        ORCHARD_RUN_DETAIL_METRICS, &error);
      g_assert_no_error (error);
      g_clear_pointer (&runs, g_ptr_array_unref);
      id = orchard_project_begin_run (project, dataset, "y", model, 0, 0, &error);
      g_assert_no_error (error);
      orchard_project_finish_run (project, id, ORCHARD_RUN_FINISHED, NULL, &error);
      g_assert_no_error (error);
      own++;
      orchard_project_poll (project);
      n_lists++;
      g_usleep (2000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_true (g_subprocess_get_if_exited (a));
  g_assert_true (g_subprocess_get_if_exited (b));
  g_assert_cmpint (g_subprocess_get_exit_status (a), ==, 0);
  g_assert_cmpint (g_subprocess_get_exit_status (b), ==, 0);
  orchard_project_poll (project);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (orchard_project_count_runs (project, "status=finished", NULL), ==, 120 + own);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM metrics"), ==, 120 * 20);
  g_assert_cmpuint (counts[ORCHARD_PROJECT_CHANGE_RUN_ADDED], ==, own);
  g_assert_cmpuint (counts[ORCHARD_PROJECT_CHANGE_EXTERNAL], >=, 1);
  g_test_message ("%u listings and %u own runs while two processes wrote 120 runs", n_lists, own);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("orchard-project-XXXXXX", NULL);

  g_test_add_func ("/engine/Project/create-reopen", test_create_reopen);
  g_test_add_func ("/engine/Project/datasets", test_datasets);
  g_test_add_func ("/engine/Project/dataset-reference", test_dataset_reference);
  g_test_add_func ("/engine/Project/run-lifecycle", test_run_lifecycle);
  g_test_add_func ("/engine/Project/filter-sort", test_filter_sort);
  g_test_add_func ("/engine/Project/summaries", test_summaries);
  g_test_add_func ("/engine/Project/compare", test_compare);
  g_test_add_func ("/engine/Project/reproduce", test_reproduce);
  g_test_add_func ("/engine/Project/mlflow", test_mlflow);
  g_test_add_func ("/engine/Project/csv", test_csv);
  g_test_add_func ("/engine/Project/delete-frees", test_delete_frees);
  g_test_add_func ("/engine/Project/save-as", test_save_as);
  g_test_add_func ("/engine/Project/not-a-project", test_not_a_project);
  g_test_add_func ("/engine/Project/too-new", test_too_new);
  g_test_add_func ("/engine/Project/migrate-v1", test_migrate_v1);
  g_test_add_func ("/engine/Project/sigkill", test_sigkill);
  g_test_add_func ("/engine/Project/live-run-kept", test_live_run_kept);
  g_test_add_func ("/engine/Project/concurrent", test_concurrent);

  status = g_test_run ();

  if (status == 0)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", work_dir);
      (void) !system (command);
    }
  g_free (work_dir);
  return status;
}
