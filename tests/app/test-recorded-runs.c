/* test-recorded-runs.c: the Evaluate page lists and opens runs that another
 * connection recorded in the window's project
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runs are trained with OrchardTrainer and recorded through a second
 * OrchardProject on the same file, as orchard-cli train --project does. The
 * page must find them by polling, rebuild their validation and test rows
 * from the recorded split and seed, and show exactly the recorded metrics.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include "orchard-application.h"
#include "orchard-plots.h"
#include "orchard-window.h"

static OrchardWindow *window;
static char *tmp_dir;
static char *project_path;
static gint64 first_id;

static OrchardEvaluatePage *
get_page (void)
{
  return orchard_window_get_evaluate_page (window);
}

static OrchardRecordedRuns *
recorded (void)
{
  return orchard_evaluate_page_get_recorded_runs (get_page ());
}

static gboolean
settled (gpointer data)
{
  OrchardSession *s = orchard_window_get_session (window);

  return !orchard_session_get_loading (s) && !orchard_session_get_profiling (s) &&
         !orchard_session_get_recording (s) && !orchard_window_get_project_busy (window);
}

static gboolean
lists_run (gpointer data)
{
  gint64 id = *(gint64 *) data;

  for (guint i = 0; i < orchard_recorded_runs_get_n_runs (recorded ()); i++)
    if (orchard_recorded_runs_get_run_id (recorded (), i) == id)
      return TRUE;
  return FALSE;
}

static gboolean
opened (gpointer data)
{
  return !orchard_recorded_runs_get_loading (data) && !orchard_evaluate_page_get_busy (get_page ());
}

/* Trains gradient boosting on @table and records it through @other, as
 * orchard-cli train --project does. */
static gint64
record_run (OrchardProject *other,
            OrchardTable   *table,
            const char     *name)
{
  g_autoptr(OrchardModel) model = orchard_model_new_by_name ("gbdt", NULL);
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(GError) error = NULL;
  gint64 dataset_id, run_id;

  dataset_id = orchard_project_add_dataset (other, table, name, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dataset_id, >, 0);

  g_assert_nonnull (model);
  g_object_set (model, "n-trees", 40, NULL);
  trainer = orchard_trainer_new (table, "target", model);
  orchard_trainer_set_seed (trainer, 11);
  run_id = orchard_project_begin_run (other, dataset_id, "target", model, 11, 0, &error);
  g_assert_no_error (error);
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_project_record_training (other, run_id, trainer, artifact, &error));
  g_assert_no_error (error);
  return run_id;
}

static void
test_open_recorded_run (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(OrchardProject) other = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardRun) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = app_test_sample_path ("breast-cancer.csv");
  OrchardEvaluatePage *page = get_page ();
  OrchardModelRun *run;
  guint n_checked = 0, n_history = 0;

  project_path = g_build_filename (tmp_dir, "recorded.orchard", NULL);
  file = g_file_new_for_path (project_path);
  project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);
  orchard_window_set_project (window, project);
  g_assert_true (app_test_wait_for (settled, NULL, 30000));
  orchard_window_show_phase (window, "evaluate");
  app_test_spin (100);
  g_assert_null (orchard_evaluate_page_get_run (page));
  g_assert_cmpuint (orchard_recorded_runs_get_n_runs (recorded ()), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (recorded ())));

  /* Another connection, as orchard-cli train --project is. */
  other = orchard_project_open (file, ORCHARD_PROJECT_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  table = app_test_load_table (sample);
  first_id = record_run (other, table, "breast-cancer.csv");

  /* The window polls the file every second. */
  g_assert_true (app_test_wait_for (lists_run, &first_id, 10000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (recorded ())));
  record = orchard_project_get_run (other, first_id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) ended = g_date_time_new_from_unix_local (orchard_run_get_end_time (record) / 1000);
    g_autofree char *date = g_date_time_format (ended, "%Y-%m-%d %H:%M");
    g_autofree char *title = g_strdup_printf ("gbdt, run %lld", (long long) first_id);
    g_autofree char *subtitle = g_strdup_printf ("recorded %s · breast-cancer.csv · from the project", date);

    g_assert_nonnull (app_test_find_label (GTK_WIDGET (recorded ()), title));
    g_assert_nonnull (app_test_find_label (GTK_WIDGET (recorded ()), subtitle));
  }
  app_test_spin (200);
  app_test_save_widget_screenshot (GTK_WIDGET (window), "recorded-runs-empty-light.png");
  app_test_set_dark (TRUE);
  app_test_spin (200);
  app_test_save_widget_screenshot (GTK_WIDGET (window), "recorded-runs-empty-dark.png");
  app_test_set_dark (FALSE);

  g_assert_false (orchard_recorded_runs_open (recorded (), first_id + 100));

  /* Cancelled: nothing opened, nothing wrong, still listed. */
  g_assert_true (orchard_recorded_runs_open (recorded (), first_id));
  g_assert_nonnull (app_test_find_descendant (GTK_WIDGET (recorded ()), GTK_TYPE_PROGRESS_BAR));
  orchard_recorded_runs_cancel (recorded ());
  g_assert_true (app_test_wait_for (opened, recorded (), 60000));
  g_assert_null (orchard_evaluate_page_get_run (page));
  g_assert_null (orchard_recorded_runs_get_error (recorded (), first_id));
  g_assert_true (lists_run (&first_id));
  g_assert_null (app_test_find_descendant (GTK_WIDGET (recorded ()), GTK_TYPE_PROGRESS_BAR));

  g_assert_true (orchard_recorded_runs_open (recorded (), first_id));
  g_assert_true (orchard_recorded_runs_get_loading (recorded ()));
  g_assert_true (app_test_wait_for (opened, recorded (), 60000));
  g_assert_null (orchard_recorded_runs_get_error (recorded (), first_id));

  run = orchard_evaluate_page_get_run (page);
  g_assert_nonnull (run);
  g_assert_nonnull (orchard_model_run_get_record (run));
  g_assert_cmpint (orchard_run_get_id (orchard_model_run_get_record (run)), ==, first_id);
  g_assert_null (orchard_model_run_get_message (run));
  /* Now one of the session's runs, it is no longer listed as recorded. */
  g_assert_false (lists_run (&first_id));

  /* Every card equals what the project recorded for its part. */
  for (guint i = 0; i < orchard_run_get_n_metrics (record); i++)
    {
      const char *split, *name;
      int fold;
      double value, shown;

      orchard_run_get_metric_at (record, i, &split, &fold, &name, &value);
      for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
        if (fold == ORCHARD_RUN_FOLD_NONE && strcmp (split, orchard_part_to_string (part)) == 0 &&
            orchard_evaluate_page_get_metric (page, part, name, &shown, NULL))
          {
            g_assert_cmpfloat (shown, ==, value);
            n_checked++;
          }
    }
  g_assert_cmpuint (n_checked, >=, 8);
  g_assert_cmpuint (orchard_model_run_get_n_rows (run, ORCHARD_PART_VALID), >, 0);
  g_assert_cmpuint (orchard_model_run_get_n_rows (run, ORCHARD_PART_TEST), >, 0);

  /* The plots have their series; the learning curve is the recorded one. */
  g_assert_cmpuint (orchard_curve_plot_get_n_series (ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "roc"))), ==, 1);
  g_assert_cmpfloat (orchard_curve_plot_get_summary (ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "roc")), 0), ==,
                     orchard_metrics_get (orchard_model_run_get_metrics (run, ORCHARD_PART_VALID), "roc_auc"));
  g_assert_cmpuint (orchard_curve_plot_get_n_series (ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "pr"))), ==, 1);
  g_assert_cmpuint (orchard_curve_plot_get_n_series (ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "calibration"))), ==, 1);
  g_assert_cmpuint (orchard_confusion_plot_get_n_classes (ORCHARD_CONFUSION_PLOT (orchard_evaluate_page_get_plot (page, "confusion"))),
                    ==, 2);
  {
    g_autofree double *x = NULL;
    g_autofree double *y = NULL;
    const OrchardHistoryEntry *history = orchard_model_run_get_history (run, &n_history);
    gsize n = 0;

    g_assert_true (orchard_project_get_curve (other, first_id, "train", "history.valid_loss", &x, &y, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_history, ==, n);
    g_assert_cmpuint (n, >, 1);
    for (gsize i = 0; i < n; i++)
      g_assert_cmpfloat (history[i].valid_loss, ==, y[i]);
    g_assert_cmpuint (orchard_line_plot_get_n_series (ORCHARD_LINE_PLOT (orchard_evaluate_page_get_plot (page, "learning"))),
                      ==, 2);
  }

  app_test_spin (300);
  app_test_save_widget_screenshot (GTK_WIDGET (window), "recorded-runs-opened-light.png");
}

/* A run whose data set is only a reference to a file that went: the
 * engine's message in its row, and the page goes on with what it shows. */
static void
test_missing_reference (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (project_path);
  g_autoptr(OrchardProject) other = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = app_test_sample_path ("breast-cancer.csv");
  g_autofree char *copy = g_build_filename (tmp_dir, "cancer-copy.csv", NULL);
  g_autofree char *contents = NULL;
  OrchardModelRun *shown = orchard_evaluate_page_get_run (get_page ());
  const char *message;
  gsize length;
  gint64 id;

  g_assert_nonnull (shown);
  g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
  /* Another version of the data (one row fewer), so it gets its own data set. */
  *(strrchr (g_strchomp (contents), '\n') + 1) = '\0';
  g_assert_true (g_file_set_contents (copy, contents, -1, NULL));

  other = orchard_project_open (file, ORCHARD_PROJECT_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  orchard_project_set_inline_limit (other, 0);
  table = app_test_load_table (copy);
  id = record_run (other, table, "cancer-copy.csv");
  g_assert_cmpint (id, !=, first_id);
  g_assert_cmpint (g_remove (copy), ==, 0);

  g_assert_true (app_test_wait_for (lists_run, &id, 10000));
  g_assert_true (orchard_recorded_runs_open (recorded (), id));
  g_assert_true (app_test_wait_for (opened, recorded (), 60000));

  message = orchard_recorded_runs_get_error (recorded (), id);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "cancer-copy.csv"));
  g_assert_true (lists_run (&id));
  g_assert_nonnull (app_test_find_label (GTK_WIDGET (recorded ()), message));
  /* The page goes on showing the run it had. */
  g_assert_true (orchard_evaluate_page_get_run (get_page ()) == shown);

  app_test_scroll_to (GTK_WIDGET (recorded ()));
  app_test_spin (300);
  app_test_save_widget_screenshot (GTK_WIDGET (window), "recorded-runs-missing-light.png");
  app_test_set_dark (TRUE);
  app_test_spin (200);
  app_test_save_widget_screenshot (GTK_WIDGET (window), "recorded-runs-missing-dark.png");
  app_test_set_dark (FALSE);
  app_test_resize (400, 800);
  app_test_spin (300);
  app_test_save_widget_screenshot (GTK_WIDGET (window), "recorded-runs-narrow-light.png");
  app_test_resize (1100, 800);
}

/* A record whose metrics are not its bundle's (here: the metrics of a
 * training with another seed) opens, with a warning on its row. */
static void
test_metrics_differ (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (project_path);
  g_autoptr(OrchardProject) other = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardModel) model = orchard_model_new_by_name ("gbdt", NULL);
  g_autoptr(OrchardModel) model_b = orchard_model_new_by_name ("gbdt", NULL);
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardTrainer) trainer_b = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(OrchardArtifact) artifact_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = app_test_sample_path ("breast-cancer.csv");
  OrchardModelRun *run;
  const char *message;
  gint64 dataset_id, id;

  other = orchard_project_open (file, ORCHARD_PROJECT_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  table = app_test_load_table (sample);
  dataset_id = orchard_project_add_dataset (other, table, "breast-cancer.csv", NULL, &error);
  g_assert_no_error (error);

  g_object_set (model, "n-trees", 40, NULL);
  g_object_set (model_b, "n-trees", 40, NULL);
  trainer = orchard_trainer_new (table, "target", model);
  orchard_trainer_set_seed (trainer, 11);
  trainer_b = orchard_trainer_new (table, "target", model_b);
  orchard_trainer_set_seed (trainer_b, 12);
  id = orchard_project_begin_run (other, dataset_id, "target", model, 11, 0, &error);
  g_assert_no_error (error);
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  artifact_b = orchard_trainer_train (trainer_b, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_project_record_training (other, id, trainer_b, artifact, &error));
  g_assert_no_error (error);

  g_assert_true (app_test_wait_for (lists_run, &id, 10000));
  g_assert_true (orchard_recorded_runs_open (recorded (), id));
  g_assert_true (app_test_wait_for (opened, recorded (), 60000));
  g_assert_null (orchard_recorded_runs_get_error (recorded (), id));

  run = orchard_evaluate_page_get_run (get_page ());
  g_assert_cmpint (orchard_run_get_id (orchard_model_run_get_record (run)), ==, id);
  message = orchard_model_run_get_message (run);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "The metrics differ from the recorded ones: "));
  g_assert_nonnull (strstr (message, "valid "));
  /* The cards show what the bundle does now, not the record. */
  g_assert_cmpfloat (orchard_metrics_get (orchard_model_run_get_metrics (run, ORCHARD_PART_VALID), "roc_auc"), ==,
                     orchard_metrics_get (orchard_trainer_get_metrics (trainer, ORCHARD_PART_VALID), "roc_auc"));
  {
    g_autofree char *title = g_strdup_printf ("gbdt, run %lld", (long long) id);
    GtkWidget *row = app_test_find_run_row (GTK_WIDGET (get_page ()), title);
    GtkWidget *warning;

    g_assert_nonnull (row);
    warning = app_test_find_with_class (row, GTK_TYPE_IMAGE, "warning");
    g_assert_nonnull (warning);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (warning), ==, message);
    app_test_scroll_to (row);
  }
  app_test_spin (300);
  app_test_save_widget_screenshot (GTK_WIDGET (window), "recorded-runs-differ-light.png");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("orchard-recorded-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  data_home = g_build_filename (tmp_dir, "data-home", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  app_test_init (&argc, &argv);
  window = app_test_open_window (1100, 800);

  g_test_add_func ("/app/recorded-runs/open", test_open_recorded_run);
  g_test_add_func ("/app/recorded-runs/missing-reference", test_missing_reference);
  g_test_add_func ("/app/recorded-runs/metrics-differ", test_metrics_differ);

  status = app_test_run ();

  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (project_path);
  return status;
}
