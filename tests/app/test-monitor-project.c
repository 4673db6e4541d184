/* test-monitor-project.c: the Monitor page with the project: references from
 * its data sets and runs, every comparison recorded as a batch, the History
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seattle's weather of 2012 is a data set of the project and the training
 * data of a logistic regression recorded there; 2015 and 2014 are current
 * batches. What the page records is read back through OrchardProject and
 * compared with the engine run on its own.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include "orchard-monitor-page.h"
#include "orchard-plots.h"
#include "orchard-window.h"

static OrchardWindow *window;
static OrchardProject *project;
static char *tmp_dir;
static char *path_2012;
static char *path_2015;
static char *path_2014;
static gint64 dataset_2012;
static gint64 run_2012;

static OrchardMonitorPage *
get_page (void)
{
  return orchard_window_get_monitor_page (window);
}

static gboolean
page_idle (gpointer data)
{
  return !orchard_monitor_page_get_busy (get_page ());
}

static void
wait_idle (void)
{
  g_assert_true (app_test_wait_for (page_idle, NULL, 60000));
}

static char *
write_year (const char *year)
{
  g_autofree char *source = app_test_sample_path ("seattle-weather.csv");
  g_autofree char *text = NULL;
  g_autofree char *name = g_strdup_printf ("seattle-%s.csv", year);
  g_autofree char *prefix = g_strdup_printf ("%s/", year);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_string_append_printf (out, "%s\n", lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix) || g_str_has_prefix (lines[i], year))
      g_string_append_printf (out, "%s\n", lines[i]);
  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));
  return path;
}

static char *
report_json (OrchardDriftReport *report)
{
  g_autoptr(JsonNode) node = orchard_drift_report_to_json (report);

  return orchard_json_to_string (node, FALSE);
}

/* The engine on its own: the 2012 data set's profile (every value) against @current. */
static OrchardDriftReport *
engine_report (const char          *current,
               OrchardDriftOptions *options)
{
  g_autoptr(OrchardTable) ref = app_test_load_table (path_2012);
  g_autoptr(OrchardTable) cur = app_test_load_table (current);
  g_autoptr(OrchardReferenceProfile) profile = NULL;
  g_autoptr(OrchardDriftOptions) defaults = orchard_drift_options_new ();
  g_autoptr(GError) error = NULL;
  OrchardReferenceOptions reference_options;
  OrchardDriftReport *report;

  orchard_reference_options_init (&reference_options);
  reference_options.sample_size = 0;
  profile = orchard_reference_profile_build (ref, NULL, &reference_options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  report = orchard_drift_report_compute (profile, cur, NULL, options != NULL ? options : defaults, NULL, NULL, NULL,
                                         &error);
  g_assert_no_error (error);
  return report;
}

static GPtrArray *
batches_of (gint64 reference)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *batches = orchard_project_list_batches (project, reference, &error);

  g_assert_no_error (error);
  return batches;
}

static void
set_current (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  orchard_monitor_page_set_current_file (get_page (), file);
  wait_idle ();
}

static gboolean
menu_has (GMenuModel *menu,
          guint       section,
          const char *label)
{
  GMenuModel *items = g_menu_model_get_item_link (menu, section, G_MENU_LINK_SECTION);
  gboolean found = FALSE;

  for (int i = 0; items != NULL && i < g_menu_model_get_n_items (items); i++)
    {
      g_autofree char *text = NULL;

      if (g_menu_model_get_item_attribute (items, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_str_has_prefix (text, label))
        found = TRUE;
    }
  g_clear_object (&items);
  return found;
}

static gboolean
menu_lists_run (gpointer data)
{
  return menu_has (orchard_monitor_page_get_project_menu (get_page ()), 1, "logistic-");
}

/* The reference row's menu lists the project's data sets and trained runs. */
static void
test_menu (void)
{
  GMenuModel *menu;

  g_assert_true (app_test_wait_for (menu_lists_run, NULL, 5000));
  menu = orchard_monitor_page_get_project_menu (get_page ());
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  g_assert_true (menu_has (menu, 0, "seattle-2012.csv"));
  g_assert_true (menu_has (menu, 1, "logistic-"));
  /* Nothing compared yet: no history. */
  g_assert_cmpuint (orchard_monitor_page_get_n_history (get_page ()), ==, 0);
}

/* A data set of the project as the reference: each comparison is a batch,
 * an option changed replaces it, a new batch adds one, and the History
 * re-opens a report as it was. */
static void
test_dataset_history (void)
{
  OrchardMonitorPage *page = get_page ();
  g_autoptr(OrchardDriftReport) expected = engine_report (path_2015, NULL);
  g_autoptr(OrchardDriftReport) expected_2014 = engine_report (path_2014, NULL);
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(OrchardReferenceInfo) reference = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *wanted = NULL;
  gint64 reference_id, first_batch;


  orchard_monitor_page_use_project_dataset (page, dataset_2012);
  wait_idle ();
  g_assert_null (orchard_monitor_page_get_error (page));
  g_assert_cmpstr (orchard_monitor_page_get_reference_name (page), ==, "seattle-2012.csv");
  set_current (path_2015);
  g_assert_null (orchard_monitor_page_get_error (page));

  /* The report is the engine's, and it is in the project. */
  shown = report_json (orchard_monitor_page_get_report (page));
  wanted = report_json (expected);
  g_assert_cmpstr (shown, ==, wanted);
  reference_id = orchard_monitor_page_get_history_reference (page);
  g_assert_cmpint (reference_id, >, 0);
  reference = orchard_project_get_reference (project, reference_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reference->source, ==, ORCHARD_REFERENCE_SOURCE_DATASET);
  g_assert_cmpint (reference->dataset_id, ==, dataset_2012);
  batches = batches_of (reference_id);
  g_assert_cmpuint (batches->len, ==, 1);
  first_batch = ((OrchardBatchInfo *) g_ptr_array_index (batches, 0))->id;
  g_assert_cmpint (orchard_monitor_page_get_shown_batch (page), ==, first_batch);
  g_assert_cmpstr (((OrchardBatchInfo *) g_ptr_array_index (batches, 0))->name, ==, "seattle-2015.csv");
  g_assert_cmpuint (orchard_monitor_page_get_n_history (page), ==, 1);
  g_assert_cmpstr (orchard_monitor_page_get_history_text (page, 0, "name"), ==, "seattle-2015.csv");
  g_assert_cmpstr (orchard_monitor_page_get_history_text (page, 0, "badge"), ==,
                   orchard_drift_report_get_dataset_drift (expected) ? "Drift" : "No Drift");
  {
    g_autofree char *share = g_strdup_printf ("drift share %.2f", orchard_drift_report_get_drift_share (expected));
    g_assert_nonnull (strstr (orchard_monitor_page_get_history_text (page, 0, "subtitle"), share));
  }

  /* An option changed: the same batch compared again replaces it. */
  adw_combo_row_set_selected (orchard_monitor_page_get_correction_row (page), 1);
  wait_idle ();
  g_clear_pointer (&batches, g_ptr_array_unref);
  batches = batches_of (reference_id);
  g_assert_cmpuint (batches->len, ==, 1);
  {
    /* The batch holds the new comparison (SQLite may give it the old id). */
    g_autoptr(OrchardDriftReport) stored =
      orchard_project_load_batch_report (project, ((OrchardBatchInfo *) g_ptr_array_index (batches, 0))->id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (orchard_drift_report_get_correction (stored), ==, ORCHARD_CORRECTION_BONFERRONI);
    g_assert_cmpint (orchard_monitor_page_get_shown_batch (page), ==,
                     ((OrchardBatchInfo *) g_ptr_array_index (batches, 0))->id);
  }
  g_assert_cmpint (orchard_drift_report_get_correction (orchard_monitor_page_get_report (page)), ==,
                   ORCHARD_CORRECTION_BONFERRONI);
  adw_combo_row_set_selected (orchard_monitor_page_get_correction_row (page), 0);
  wait_idle ();

  /* A new current batch adds one: newest first in the list, both on the timeline. */
  set_current (path_2014);
  g_clear_pointer (&batches, g_ptr_array_unref);
  batches = batches_of (reference_id);
  g_assert_cmpuint (batches->len, ==, 2);
  g_assert_cmpuint (orchard_monitor_page_get_n_history (page), ==, 2);
  g_assert_cmpstr (orchard_monitor_page_get_history_text (page, 0, "name"), ==, "seattle-2014.csv");
  g_assert_cmpstr (orchard_monitor_page_get_history_text (page, 1, "name"), ==, "seattle-2015.csv");
  {
    OrchardDriftTimeline *timeline = orchard_monitor_page_get_history_timeline (page);

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (timeline)));
    g_assert_cmpuint (orchard_drift_timeline_get_n_chunks (timeline), ==, 2);
    g_assert_cmpfloat (orchard_drift_timeline_get_share (timeline, 0), ==, orchard_drift_report_get_drift_share (expected));
    g_assert_cmpfloat (orchard_drift_timeline_get_share (timeline, 1), ==,
                       orchard_drift_report_get_drift_share (expected_2014));
  }

  /* The older batch re-opened: its report exactly, its names in the banner. */
  g_assert_true (orchard_monitor_page_activate_history (page, 1));
  g_clear_pointer (&shown, g_free);
  shown = report_json (orchard_monitor_page_get_report (page));
  g_assert_cmpstr (shown, ==, wanted);
  g_assert_cmpint (orchard_monitor_page_get_shown_batch (page), ==,
                   ((OrchardBatchInfo *) g_ptr_array_index (batches, 0))->id);
  g_assert_nonnull (strstr (orchard_monitor_page_get_banner_text (page, 2), "seattle-2015.csv"));
  g_assert_nonnull (strstr (orchard_monitor_page_get_banner_text (page, 2), "seattle-2012.csv"));
  /* Re-opening records nothing. */
  g_clear_pointer (&batches, g_ptr_array_unref);
  batches = batches_of (reference_id);
  g_assert_cmpuint (batches->len, ==, 2);
}

/* A run's training data as the reference: its bundle's profile, its own history. */
static void
test_run_history (void)
{
  OrchardMonitorPage *page = get_page ();
  g_autoptr(OrchardArtifact) bundle = NULL;
  g_autoptr(OrchardReferenceInfo) reference = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  gint64 reference_id;

  orchard_monitor_page_use_project_run (page, run_2012);
  wait_idle ();
  g_assert_null (orchard_monitor_page_get_error (page));
  /* Compared with the current batch still chosen (2014). */
  reference_id = orchard_monitor_page_get_history_reference (page);
  g_assert_cmpint (reference_id, >, 0);
  reference = orchard_project_get_reference (project, reference_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reference->source, ==, ORCHARD_REFERENCE_SOURCE_RUN);
  g_assert_cmpint (reference->run_id, ==, run_2012);
  bundle = orchard_project_load_bundle (project, run_2012, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reference->n_rows, ==,
                    orchard_reference_profile_get_n_rows (orchard_artifact_get_reference_profile (bundle)));
  g_assert_cmpuint (orchard_drift_report_get_reference_rows (orchard_monitor_page_get_report (page)), ==,
                    reference->n_rows);
  /* A bundle's model: prediction drift is part of it. */
  g_assert_cmpuint (orchard_drift_report_get_n_predictions (orchard_monitor_page_get_report (page)), >, 0);
  batches = batches_of (reference_id);
  g_assert_cmpuint (batches->len, ==, 1);
  g_assert_cmpuint (orchard_monitor_page_get_n_history (page), ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (orchard_monitor_page_get_history_timeline (page))));

  /* Back to the data set: its history again; compared again with 2014, the
   * same comparison as its latest batch, which is not recorded twice. */
  orchard_monitor_page_use_project_dataset (page, dataset_2012);
  wait_idle ();
  g_assert_cmpuint (orchard_monitor_page_get_n_history (page), ==, 2);
  g_assert_cmpstr (orchard_monitor_page_get_history_text (page, 0, "name"), ==, "seattle-2014.csv");
}

static void
test_screenshots (void)
{
  OrchardMonitorPage *page = get_page ();
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *history = gtk_widget_get_ancestor (GTK_WIDGET (orchard_monitor_page_get_history_timeline (page)),
                                                ADW_TYPE_PREFERENCES_GROUP);

  set_current (path_2015);
  orchard_window_show_phase (window, "monitor");
  app_test_resize (1100, 760);
  app_test_spin (300);
  app_test_scroll_to (history);
  app_test_save_screenshot ("monitor-history-light.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  app_test_spin (400);
  app_test_scroll_to (history);
  app_test_save_screenshot ("monitor-history-dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  app_test_spin (400);
  app_test_resize (360, 720);
  app_test_spin (300);
  app_test_scroll_to (history);
  app_test_save_screenshot ("monitor-history-narrow.png");
  app_test_resize (1100, 760);
  app_test_spin (300);
  /* The sources, with the menu of the project's data sets and runs. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (history, GTK_TYPE_SCROLLED_WINDOW))), 0);
  app_test_spin (300);
  app_test_save_screenshot ("monitor-project-sources-light.png");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autofree char *project_path = NULL;
  g_autoptr(GFile) project_file = NULL;

  app_test_init (&argc, &argv);

  tmp_dir = g_dir_make_tmp ("orchard-monitor-project-XXXXXX", &error);
  g_assert_no_error (error);
  path_2012 = write_year ("2012");
  path_2015 = write_year ("2015");
  path_2014 = write_year ("2014");

  window = app_test_open_window (1100, 760);

  /* A project of our own with the 2012 data and a run trained on it, as
   * the Data and Train pages would have recorded them. */
  project_path = g_build_filename (tmp_dir, "weather.orchard", NULL);
  project_file = g_file_new_for_path (project_path);
  project = orchard_project_open (project_file, ORCHARD_PROJECT_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);
  table = app_test_load_table (path_2012);
  dataset_2012 = orchard_project_add_dataset (project, table, NULL, NULL, &error);
  g_assert_no_error (error);
  model = orchard_model_new_by_name ("logistic", &error);
  g_assert_no_error (error);
  trainer = orchard_trainer_new (table, "weather", model);
  run_2012 = orchard_project_begin_run (project, dataset_2012, "weather", model, 0, 0, &error);
  g_assert_no_error (error);
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_project_record_training (project, run_2012, trainer, artifact, &error));
  orchard_session_set_project (orchard_window_get_session (window), project);

  g_test_add_func ("/app/monitor-project/menu", test_menu);
  g_test_add_func ("/app/monitor-project/dataset-history", test_dataset_history);
  g_test_add_func ("/app/monitor-project/run-history", test_run_history);
  g_test_add_func ("/app/monitor-project/screenshots", test_screenshots);

  return app_test_run ();
}
