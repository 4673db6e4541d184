/* test-monitor-page.c: the Monitor page, driven in-process as a user drives it
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seattle's weather of 2012 is the reference, that of 2015 the current
 * batch (two files this test writes from the sample). What the page shows
 * is checked against the drift engine run here on its own, the way
 * orchard-cli drift runs it: the report itself to the last digit (its
 * JSON), the numbers in the rows to the digits they show, the plots'
 * series, the timeline's chunks, and the exported files parsed back.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include "orchard-application.h"
#include "orchard-drift-sparkline.h"
#include "orchard-drift-text.h"
#include "orchard-monitor-page.h"
#include "orchard-plots.h"
#include "orchard-window.h"

static OrchardWindow *window;
static char *tmp_dir;
static char *reference_path;  /* 2012 */
static char *current_path;    /* 2015 */

/* ---- helpers ------------------------------------------------------------ */

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

/* The header and the rows of seattle-weather.csv whose date starts with @year. */
static char *
write_year (const char *year)
{
  g_autofree char *source = app_test_sample_path ("seattle-weather.csv");
  g_autofree char *text = NULL;
  g_autofree char *name = g_strdup_printf ("seattle-%s.csv", year);
  g_autofree char *prefix = g_strdup_printf ("%s/", year);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  guint rows = 0;

  g_assert_true (g_file_get_contents (source, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_string_append_printf (out, "%s\n", lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      {
        g_string_append_printf (out, "%s\n", lines[i]);
        rows++;
      }
  g_assert_cmpuint (rows, >=, 365);
  g_assert_true (g_file_set_contents (path, out->str, out->len, &error));
  g_assert_no_error (error);

  return path;
}

/* The engine on its own, as orchard-cli drift REFERENCE CURRENT runs it. */
static OrchardDriftReport *
engine_report (const char          *reference,
               const char          *current,
               OrchardDriftOptions *options)
{
  g_autoptr(OrchardTable) ref = app_test_load_table (reference);
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
  report = orchard_drift_report_compute (profile, cur, NULL, options != NULL ? options : defaults,
                                         NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static char *
report_json (OrchardDriftReport *report)
{
  g_autoptr(JsonNode) node = orchard_drift_report_to_json (report);

  return orchard_json_to_string (node, FALSE);
}

static void
assert_same_report (OrchardDriftReport *expected)
{
  OrchardDriftReport *shown = orchard_monitor_page_get_report (get_page ());
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_nonnull (shown);
  a = report_json (expected);
  b = report_json (shown);
  g_assert_cmpstr (a, ==, b);
}

/* A number shown in a row, read back: equal to the engine's to the digits shown. */
static void
assert_shown_number (const char *text,
                     double      expected,
                     double      relative,
                     double      absolute)
{
  double shown;
  char *end = NULL;

  g_assert_nonnull (text);
  if (isnan (expected))
    {
      g_assert_cmpstr (text, ==, "–");
      return;
    }
  if (isinf (expected))
    {
      g_assert_cmpstr (text, ==, expected > 0 ? "∞" : "−∞");
      return;
    }
  shown = g_ascii_strtod (text, &end);
  g_assert_true (end != text && *end == '\0');
  g_assert_cmpfloat (fabs (shown - expected), <=, relative * fabs (expected) + absolute);
}

static void
compare_files (const char *reference,
               const char *current)
{
  g_autoptr(GFile) ref = g_file_new_for_path (reference);
  g_autoptr(GFile) cur = g_file_new_for_path (current);

  orchard_monitor_page_set_reference_file (get_page (), ref);
  orchard_monitor_page_set_current_file (get_page (), cur);
  g_assert_true (orchard_monitor_page_get_busy (get_page ()));
  wait_idle ();
  g_assert_null (orchard_monitor_page_get_error (get_page ()));
  g_assert_nonnull (orchard_monitor_page_get_report (get_page ()));
}

static void
scroll_top (void)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (orchard_monitor_page_get_chunking_row (get_page ())),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 0);
  app_test_spin (200);
}

/* ---- tests -------------------------------------------------------------- */

static void
test_empty (void)
{
  OrchardMonitorPage *page = get_page ();

  orchard_window_show_phase (window, "monitor");
  g_assert_null (orchard_monitor_page_get_report (page));
  g_assert_false (orchard_monitor_page_get_busy (page));
  g_assert_cmpstr (orchard_monitor_page_get_summary (page), ==, "Choose a reference");
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "monitor"), ==, "Choose a reference");
  g_assert_cmpuint (orchard_monitor_page_get_n_rows (page, FALSE), ==, 0);
  app_test_save_screenshot ("monitor-empty-light.png");
}

static void
test_compare (void)
{
  OrchardMonitorPage *page = get_page ();
  g_autoptr(OrchardDriftReport) expected = engine_report (reference_path, current_path, NULL);
  g_autofree int *order = NULL;
  g_autofree char *counts = NULL;
  guint n = 0;

  compare_files (reference_path, current_path);

  /* The report is the engine's, to the last digit. */
  assert_same_report (expected);

  /* The banner. */
  g_assert_cmpstr (orchard_monitor_page_get_banner_text (page, 0), ==,
                   orchard_drift_report_get_dataset_drift (expected) ? "Dataset Drift Detected" : "No Dataset Drift");
  counts = g_strdup_printf ("%u of %u feature columns drifted", orchard_drift_report_get_n_drifted (expected),
                            orchard_drift_report_get_n_tested (expected));
  g_assert_true (g_str_has_prefix (orchard_monitor_page_get_banner_text (page, 1), counts));
  g_assert_nonnull (strstr (orchard_monitor_page_get_banner_text (page, 2), "seattle-2012.csv"));

  /* The window's list of phases says the same. */
  {
    g_autofree char *subtitle = NULL;

    if (orchard_drift_report_get_dataset_drift (expected))
      subtitle = g_strdup_printf ("Drift in %u of %u columns", orchard_drift_report_get_n_drifted (expected),
                                  orchard_drift_report_get_n_tested (expected));
    else
      subtitle = g_strdup_printf ("No dataset drift (%u of %u columns)", orchard_drift_report_get_n_drifted (expected),
                                  orchard_drift_report_get_n_tested (expected));
    g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "monitor"), ==, subtitle);
  }

  /* Every column, drifted ones first, by how far past the threshold. */
  g_assert_cmpuint (orchard_monitor_page_get_n_rows (page, FALSE), ==, orchard_drift_report_get_n_columns (expected));
  order = orchard_monitor_sorted_columns (expected, FALSE, &n);
  for (guint i = 0; i < n; i++)
    {
      const OrchardColumnDrift *c = orchard_drift_report_get_column (expected, order[i]);

      g_assert_cmpstr (orchard_monitor_page_get_row_text (page, FALSE, i, "name"), ==, c->name);
      assert_shown_number (orchard_monitor_page_get_row_text (page, FALSE, i, "statistic"), c->statistic, 5e-4, 0);
      assert_shown_number (orchard_monitor_page_get_row_text (page, FALSE, i, "p-value"), c->p_value, 5e-3, 0);
      assert_shown_number (orchard_monitor_page_get_row_text (page, FALSE, i, "psi"), c->psi, 0, 5e-4 + 1e-12);
      assert_shown_number (orchard_monitor_page_get_row_text (page, FALSE, i, "threshold"), c->threshold, 1e-6, 0);
      g_assert_cmpstr (orchard_monitor_page_get_row_text (page, FALSE, i, "badge"), ==,
                       c->drifted ? "Drifted" : "Stable");
      g_assert_cmpuint (orchard_drift_sparkline_get_n_bins (ORCHARD_DRIFT_SPARKLINE (orchard_monitor_page_get_row_sparkline (page, FALSE, i))),
                        ==, c->n_bins);
      if (i > 0)
        {
          const OrchardColumnDrift *prev = orchard_drift_report_get_column (expected, order[i - 1]);

          g_assert_true (prev->drifted >= c->drifted);
          if (prev->drifted == c->drifted)
            g_assert_cmpfloat (orchard_drift_severity (prev), >=, orchard_drift_severity (c));
        }
    }
  /* 2012 and 2015 differ: some columns drifted, and they lead. */
  g_assert_cmpuint (orchard_drift_report_get_n_drifted (expected), >, 0);
  g_assert_cmpstr (orchard_monitor_page_get_row_text (page, FALSE, 0, "badge"), ==, "Drifted");
  /* The most drifted column is shown first. */
  g_assert_cmpstr (orchard_monitor_page_get_selected (page), ==,
                   orchard_drift_report_get_column (expected, order[0])->name);
  g_assert_nonnull (orchard_monitor_page_get_plot (page));
}

static void
test_overlay (void)
{
  OrchardMonitorPage *page = get_page ();
  OrchardDriftReport *report = orchard_monitor_page_get_report (page);
  const OrchardColumnDrift *temp = orchard_drift_report_get_column (report, orchard_drift_report_find_column (report, "temp_max"));
  const OrchardColumnDrift *weather = orchard_drift_report_get_column (report, orchard_drift_report_find_column (report, "weather"));
  g_autofree char *description = NULL;
  g_autofree char *statistic = NULL;
  OrchardGroupedBarPlot *bars;
  double ref_total = 0, cur_total = 0;

  /* A numeric column: the histogram overlay, the reference's bins. */
  g_assert_true (orchard_monitor_page_select_column (page, "temp_max"));
  g_assert_cmpstr (orchard_monitor_page_get_selected (page), ==, "temp_max");
  g_assert_true (ORCHARD_IS_HISTOGRAM_PLOT (orchard_monitor_page_get_plot (page)));
  g_assert_true (orchard_histogram_plot_get_has_reference (ORCHARD_HISTOGRAM_PLOT (orchard_monitor_page_get_plot (page))));
  g_assert_cmpuint (orchard_histogram_plot_get_n_bins (ORCHARD_HISTOGRAM_PLOT (orchard_monitor_page_get_plot (page))), ==,
                    temp->n_bins);
  g_assert_true (orchard_histogram_plot_get_density (ORCHARD_HISTOGRAM_PLOT (orchard_monitor_page_get_plot (page))));
  description = orchard_plot_dup_description (ORCHARD_PLOT (orchard_monitor_page_get_plot (page)));
  g_assert_nonnull (strstr (description, "Current"));
  g_assert_nonnull (strstr (description, "Reference"));

  /* The statistic in words, with its value and the verdict's reasoning. */
  statistic = orchard_drift_format_statistic (temp->statistic);
  g_assert_nonnull (strstr (orchard_monitor_page_get_explanation (page), statistic));
  if (temp->test == ORCHARD_STAT_TEST_KS)
    g_assert_true (g_str_has_prefix (orchard_monitor_page_get_explanation (page),
                                     "The Kolmogorov–Smirnov statistic"));
  g_assert_nonnull (strstr (orchard_monitor_page_get_explanation (page),
                            temp->drifted ? "so the distributions differ" : "so the difference may be chance"));

  /* A categorical column: bars side by side, shares of each side. */
  g_assert_true (orchard_monitor_page_select_column (page, "weather"));
  g_assert_true (ORCHARD_IS_GROUPED_BAR_PLOT (orchard_monitor_page_get_plot (page)));
  bars = ORCHARD_GROUPED_BAR_PLOT (orchard_monitor_page_get_plot (page));
  g_assert_cmpuint (orchard_grouped_bar_plot_get_n_series (bars), ==, 2);
  g_assert_cmpstr (orchard_grouped_bar_plot_get_series_name (bars, 0), ==, "Current");
  g_assert_cmpstr (orchard_grouped_bar_plot_get_series_name (bars, 1), ==, "Reference");
  g_assert_cmpuint (orchard_grouped_bar_plot_get_n_categories (bars), ==, weather->n_bins);
  for (guint i = 0; i < weather->n_bins; i++)
    {
      ref_total += weather->reference_counts[i];
      cur_total += weather->current_counts[i];
    }
  for (guint i = 0; i < weather->n_bins; i++)
    {
      g_assert_cmpfloat_with_epsilon (orchard_grouped_bar_plot_get_value (bars, 0, i),
                                      weather->current_counts[i] / cur_total, 1e-15);
      g_assert_cmpfloat_with_epsilon (orchard_grouped_bar_plot_get_value (bars, 1, i),
                                      weather->reference_counts[i] / ref_total, 1e-15);
    }
  g_assert_false (orchard_monitor_page_select_column (page, "no such column"));
}

static void
test_chunks (void)
{
  OrchardMonitorPage *page = get_page ();
  g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
  g_autoptr(OrchardDriftReport) expected = NULL;
  OrchardDriftTimeline *timeline = orchard_monitor_page_get_timeline (page);
  g_autofree char *description = NULL;

  /* By month of the date column: twelve chunks of 2015. */
  adw_combo_row_set_selected (orchard_monitor_page_get_period_row (page), ORCHARD_PERIOD_MONTH);
  adw_combo_row_set_selected (orchard_monitor_page_get_chunking_row (page), 3);
  wait_idle ();
  g_assert_null (orchard_monitor_page_get_error (page));

  orchard_drift_options_set_chunk_period (options, ORCHARD_PERIOD_MONTH, "date");
  expected = engine_report (reference_path, current_path, options);
  assert_same_report (expected);
  g_assert_cmpuint (orchard_drift_report_get_n_chunks (expected), ==, 12);
  g_assert_cmpuint (orchard_drift_timeline_get_n_chunks (timeline), ==, 12);
  for (guint k = 0; k < 12; k++)
    g_assert_cmpfloat (orchard_drift_timeline_get_share (timeline, k), ==,
                       orchard_drift_report_get_chunk (expected, k)->drift_share);
  g_assert_cmpuint (orchard_drift_timeline_get_n_features (timeline), ==, orchard_drift_report_get_n_columns (expected));
  description = orchard_plot_dup_description (ORCHARD_PLOT (timeline));
  g_test_message ("timeline: %s", description);
  g_assert_true (g_str_has_prefix (description, "Drift timeline of 12 chunks"));
  {
    g_autofree char *tip = orchard_plot_dup_item_text (ORCHARD_PLOT (timeline), 0, 0);

    g_assert_true (g_str_has_prefix (tip, orchard_drift_report_get_chunk (expected, 0)->label));
  }

  /* Chunks of 100 rows. */
  gtk_spin_button_set_value (orchard_monitor_page_get_chunk_spin (page, FALSE), 100);
  adw_combo_row_set_selected (orchard_monitor_page_get_chunking_row (page), 1);
  wait_idle ();
  g_assert_cmpuint (orchard_drift_timeline_get_n_chunks (timeline), ==, 4);  /* 365 rows */
  g_clear_object (&expected);
  g_clear_pointer (&options, orchard_drift_options_unref);
  options = orchard_drift_options_new ();
  orchard_drift_options_set_chunk_size (options, 100);
  expected = engine_report (reference_path, current_path, options);
  assert_same_report (expected);
}

static void
test_correction_and_override (void)
{
  OrchardMonitorPage *page = get_page ();
  g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
  g_autoptr(OrchardDriftReport) expected = NULL;
  guint row;

  /* Back to one comparison, with Benjamini–Hochberg. */
  adw_combo_row_set_selected (orchard_monitor_page_get_chunking_row (page), 0);
  wait_idle ();
  adw_combo_row_set_selected (orchard_monitor_page_get_correction_row (page), 2);
  wait_idle ();
  orchard_drift_options_set_correction (options, ORCHARD_CORRECTION_BENJAMINI_HOCHBERG);
  expected = engine_report (reference_path, current_path, options);
  assert_same_report (expected);
  g_assert_nonnull (strstr (orchard_monitor_page_get_banner_text (page, 2), "Benjamini–Hochberg"));

  /* temp_max by PSI instead of the automatic test. */
  g_assert_true (orchard_monitor_page_select_column (page, "temp_max"));
  adw_combo_row_set_selected (orchard_monitor_page_get_test_row (page), 6);
  wait_idle ();
  orchard_drift_options_set_stattest (options, "temp_max", ORCHARD_STAT_TEST_PSI);
  g_clear_object (&expected);
  expected = engine_report (reference_path, current_path, options);
  assert_same_report (expected);
  for (row = 0; row < orchard_monitor_page_get_n_rows (page, FALSE); row++)
    if (g_strcmp0 (orchard_monitor_page_get_row_text (page, FALSE, row, "name"), "temp_max") == 0)
      break;
  g_assert_cmpstr (orchard_monitor_page_get_row_text (page, FALSE, row, "test"), ==, "PSI");
  /* The selection survives the new report. */
  g_assert_cmpstr (orchard_monitor_page_get_selected (page), ==, "temp_max");
  g_assert_true (g_str_has_prefix (orchard_monitor_page_get_explanation (page), "The population stability index"));

  /* A threshold of its own: PSI 0.25 instead of 0.1. */
  gtk_spin_button_set_value (orchard_monitor_page_get_threshold_spin (page), 0.25);
  wait_idle ();
  orchard_drift_options_set_threshold (options, "temp_max", 0.25);
  g_clear_object (&expected);
  expected = engine_report (reference_path, current_path, options);
  assert_same_report (expected);

  /* Reset: the automatic choice again. */
  gtk_widget_activate_action (GTK_WIDGET (page), "monitor.reset-column", NULL);
  wait_idle ();
  adw_combo_row_set_selected (orchard_monitor_page_get_correction_row (page), 0);
  wait_idle ();
  g_clear_object (&expected);
  expected = engine_report (reference_path, current_path, NULL);
  assert_same_report (expected);
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} ExportWait;

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ExportWait *wait = user_data;

  wait->ok = orchard_monitor_page_export_finish (ORCHARD_MONITOR_PAGE (object), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
export_done (gpointer data)
{
  return ((ExportWait *) data)->done;
}

static GBytes *
export (OrchardMonitorExport  format,
        const char           *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ExportWait wait = { 0 };
  char *contents = NULL;
  gsize length = 0;

  orchard_monitor_page_export_async (get_page (), file, format, NULL, export_cb, &wait);
  g_assert_true (app_test_wait_for (export_done, &wait, 30000));
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static double
csv_number (const char *text)
{
  char *end = NULL;
  double value;

  if (*text == '\0')
    return NAN;
  if (g_str_equal (text, "inf"))
    return INFINITY;
  value = g_ascii_strtod (text, &end);
  g_assert_true (*end == '\0');
  return value;
}

static void
test_export (void)
{
  OrchardMonitorPage *page = get_page ();
  OrchardDriftReport *report = orchard_monitor_page_get_report (page);
  g_autoptr(GBytes) pdf = export (ORCHARD_MONITOR_EXPORT_PDF, "report.pdf");
  g_autoptr(GBytes) csv = export (ORCHARD_MONITOR_EXPORT_CSV, "report.csv");
  g_autoptr(GBytes) json = export (ORCHARD_MONITOR_EXPORT_JSON, "report.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_auto(GStrv) lines = g_strsplit (csv_text, "\r\n", -1);
  g_auto(GStrv) header = g_strsplit (lines[0], ",", -1);
  JsonObject *root;
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);

  /* A PDF with a page per few plots: well beyond a blank page's size. */
  g_assert_cmpuint (size, >, 20000);
  g_assert_true (memcmp (data, "%PDF-", 5) == 0);
  {
    g_autofree char *tail = g_strndup (data + size - 16, 16);

    /* The trailer is text: a NUL in it would end the search early, and fail. */
    g_assert_nonnull (strstr (tail, "%%EOF"));
  }
  g_test_message ("PDF report: %" G_GSIZE_FORMAT " bytes", size);

  /* The CSV: a header and one row per column, numbers exact. */
  g_assert_cmpstr (header[0], ==, "group");
  g_assert_cmpstr (header[7], ==, "statistic");
  g_assert_cmpstr (header[8], ==, "p_value");
  g_assert_cmpstr (header[12], ==, "psi");
  g_assert_cmpuint (g_strv_length (lines), ==, orchard_drift_report_get_n_columns (report) + 2);  /* + header, + "" */
  for (guint i = 0; i < orchard_drift_report_get_n_columns (report); i++)
    {
      const OrchardColumnDrift *c = orchard_drift_report_get_column (report, i);
      g_auto(GStrv) cells = g_strsplit (lines[i + 1], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, g_strv_length (header));
      g_assert_cmpstr (cells[1], ==, c->name);
      g_assert_cmpstr (cells[4], ==, orchard_stat_test_to_string (c->test));
      g_assert_cmpfloat (csv_number (cells[7]), ==, c->statistic);
      if (isnan (c->p_value))
        g_assert_cmpstr (cells[8], ==, "");
      else
        g_assert_cmpfloat (csv_number (cells[8]), ==, c->p_value);
      g_assert_cmpstr (cells[11], ==, c->drifted ? "true" : "false");
      g_assert_cmpfloat (csv_number (cells[12]), ==, c->psi);
    }

  /* The JSON: the engine's, as orchard-cli drift --json prints it. */
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (json, NULL), g_bytes_get_size (json), &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_boolean_member (root, "dataset_drift"), ==,
                   orchard_drift_report_get_dataset_drift (report));
  g_assert_cmpint (json_object_get_int_member (root, "n_drifted"), ==, orchard_drift_report_get_n_drifted (report));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "columns")), ==,
                    orchard_drift_report_get_n_columns (report));
  {
    g_autoptr(JsonNode) node = orchard_drift_report_to_json (report);
    g_autofree char *expected = orchard_json_to_string (node, TRUE);

    g_assert_cmpuint (g_bytes_get_size (json), ==, strlen (expected) + 1);
    g_assert_true (memcmp (g_bytes_get_data (json, NULL), expected, strlen (expected)) == 0);
  }
}

static void
test_cancel (void)
{
  OrchardMonitorPage *page = get_page ();
  OrchardDriftReport *before = orchard_monitor_page_get_report (page);
  g_autofree char *before_json = report_json (before);

  /* A change starts a comparison; Cancel drops it and keeps the report. */
  adw_combo_row_set_selected (orchard_monitor_page_get_correction_row (page), 1);
  g_assert_true (orchard_monitor_page_get_busy (page));
  g_assert_cmpstr (orchard_monitor_page_get_summary (page), ==, "Comparing…");
  gtk_widget_activate_action (GTK_WIDGET (page), "monitor.cancel", NULL);
  g_assert_false (orchard_monitor_page_get_busy (page));
  app_test_spin (500);
  g_assert_true (orchard_monitor_page_get_report (page) == before);
  {
    g_autofree char *after_json = report_json (orchard_monitor_page_get_report (page));
    g_assert_cmpstr (after_json, ==, before_json);
  }
  g_assert_cmpstr (orchard_monitor_page_get_summary (page), !=, "Comparing…");

  /* Compare runs it again, to the end. */
  gtk_widget_activate_action (GTK_WIDGET (page), "monitor.compare", NULL);
  wait_idle ();
  g_assert_true (orchard_monitor_page_get_report (page) != before);
  g_assert_cmpint (orchard_drift_report_get_correction (orchard_monitor_page_get_report (page)), ==,
                   ORCHARD_CORRECTION_BONFERRONI);
  adw_combo_row_set_selected (orchard_monitor_page_get_correction_row (page), 0);
  wait_idle ();
}

static void
test_unreadable (void)
{
  OrchardMonitorPage *page = get_page ();
  OrchardDriftReport *before = orchard_monitor_page_get_report (page);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.csv", NULL);
  g_autofree char *broken = g_build_filename (tmp_dir, "broken.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (missing);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autoptr(GError) error = NULL;
  const char *text = "a,b\n1,2\n3,\"4\n";

  orchard_monitor_page_set_current_file (page, file);
  wait_idle ();
  g_assert_nonnull (orchard_monitor_page_get_error (page));
  g_assert_nonnull (strstr (orchard_monitor_page_get_error (page), "missing.csv"));
  g_assert_true (orchard_monitor_page_get_report (page) == before);
  g_assert_cmpstr (orchard_monitor_page_get_current_name (page), ==, "seattle-2015.csv");
  app_test_save_screenshot ("monitor-error-light.png");

  /* A file the reader rejects says where. */
  g_assert_true (g_file_set_contents (broken, text, -1, &error));
  orchard_monitor_page_set_current_file (page, broken_file);
  wait_idle ();
  g_assert_nonnull (orchard_monitor_page_get_error (page));
  g_assert_nonnull (strstr (orchard_monitor_page_get_error (page), "broken.csv"));
  g_test_message ("error banner: %s", orchard_monitor_page_get_error (page));
  g_assert_true (orchard_monitor_page_get_report (page) == before);

  gtk_widget_activate_action (GTK_WIDGET (page), "monitor.dismiss-error", NULL);
  g_assert_null (orchard_monitor_page_get_error (page));
}

static gboolean
loaded (gpointer data)
{
  OrchardSession *session = orchard_window_get_session (window);

  return !orchard_session_get_loading (session) && orchard_session_get_table (session) != NULL &&
         !orchard_session_get_profiling (session);
}

static void
test_loaded_data (void)
{
  OrchardMonitorPage *page = get_page ();
  g_autoptr(GFile) file = g_file_new_for_path (reference_path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(OrchardDriftReport) expected = engine_report (reference_path, current_path, NULL);

  /* The Data page's table as the reference gives the file's report. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-uri", "s", uri);
  g_assert_true (app_test_wait_for (loaded, NULL, 60000));
  orchard_window_show_phase (window, "monitor");
  gtk_widget_activate_action (GTK_WIDGET (page), "monitor.use-loaded-data", NULL);
  wait_idle ();
  g_assert_null (orchard_monitor_page_get_error (page));
  assert_same_report (expected);
  g_assert_cmpstr (orchard_monitor_page_get_reference_name (page), ==, "seattle-2012.csv");
}

/* What dropping files on the page does: its own drop target's handler. */
static gboolean
drop_on_page (const GValue *value)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (get_page ()));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", value, 10.0, 10.0, &handled);
          return handled;
        }
    }
  return FALSE;
}

static void
test_bundle (void)
{
  OrchardMonitorPage *page = get_page ();
  g_autoptr(OrchardTable) table = app_test_load_table (reference_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) model = orchard_model_new_by_name ("logistic", &error);
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "weather.orchard-model", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) current = g_file_new_for_path (current_path);
  OrchardDriftReport *report;

  g_assert_no_error (error);
  trainer = orchard_trainer_new (table, "weather", model);
  orchard_trainer_set_seed (trainer, 3);
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_artifact_save (artifact, file, NULL, &error));
  g_assert_no_error (error);

  /* Dropped on the page together, the bundle is the reference (its
   * profile and its model), the data file the current batch. */
  {
    GFile *files[2] = { current, file };
    GdkFileList *list = gdk_file_list_new_from_array (files, 2);
    GValue value = G_VALUE_INIT;

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, list);
    g_assert_true (drop_on_page (&value));
    g_value_unset (&value);
  }
  wait_idle ();
  g_assert_cmpstr (orchard_monitor_page_get_reference_name (page), ==, "weather.orchard-model");
  g_assert_cmpstr (orchard_monitor_page_get_current_name (page), ==, "seattle-2015.csv");
  g_assert_null (orchard_monitor_page_get_error (page));
  report = orchard_monitor_page_get_report (page);
  g_assert_cmpuint (orchard_drift_report_get_n_predictions (report), >, 0);
  g_assert_cmpuint (orchard_monitor_page_get_n_rows (page, TRUE), ==, orchard_drift_report_get_n_predictions (report));

  /* The engine with the bundle's profile and predictions, as orchard-cli drift MODEL CURRENT. */
  {
    g_autoptr(OrchardArtifact) loaded_bundle = orchard_artifact_load (file, NULL, &error);
    g_autoptr(OrchardTable) cur = app_test_load_table (current_path);
    g_autoptr(OrchardMatrix) outputs = NULL;
    g_autoptr(OrchardTable) predictions = NULL;
    g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
    g_autoptr(OrchardDriftReport) expected = NULL;

    g_assert_no_error (error);
    outputs = orchard_artifact_predict (loaded_bundle, cur, NULL, NULL, &error);
    g_assert_no_error (error);
    predictions = orchard_artifact_outputs_to_table (loaded_bundle, outputs, NAN);
    expected = orchard_drift_report_compute (orchard_artifact_get_reference_profile (loaded_bundle), cur, predictions,
                                             options, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    assert_same_report (expected);
  }

  /* A prediction column's plot, as any column's. */
  g_assert_true (orchard_monitor_page_select_column (page, orchard_monitor_page_get_row_text (page, TRUE, 0, "name")));
  g_assert_nonnull (orchard_monitor_page_get_plot (page));
  orchard_window_show_phase (window, "monitor");
  app_test_scroll_near (orchard_monitor_page_get_plot (page), 120);
  app_test_save_screenshot ("monitor-prediction-light.png");
  app_test_scroll_to (gtk_widget_get_ancestor (orchard_monitor_page_get_row_sparkline (page, TRUE, 0), ADW_TYPE_PREFERENCES_GROUP));
  app_test_save_screenshot ("monitor-predictions-light.png");
}

static void
test_screenshots (void)
{
  OrchardMonitorPage *page = get_page ();
  AdwStyleManager *manager = adw_style_manager_get_default ();

  compare_files (reference_path, current_path);
  adw_combo_row_set_selected (orchard_monitor_page_get_period_row (page), ORCHARD_PERIOD_MONTH);
  adw_combo_row_set_selected (orchard_monitor_page_get_chunking_row (page), 3);
  wait_idle ();
  orchard_window_show_phase (window, "monitor");

  app_test_resize (1100, 760);
  scroll_top ();
  app_test_save_screenshot ("monitor-wide-light.png");
  app_test_scroll_to (gtk_widget_get_ancestor (orchard_monitor_page_get_row_sparkline (page, FALSE, 0), ADW_TYPE_PREFERENCES_GROUP));
  app_test_save_screenshot ("monitor-columns-light.png");
  /* The verdict over the columns: the README's picture. */
  app_test_scroll_near (gtk_widget_get_ancestor (orchard_monitor_page_get_row_sparkline (page, FALSE, 0), ADW_TYPE_PREFERENCES_GROUP),
                        150);
  app_test_save_screenshot ("monitor-report-light.png");
  orchard_monitor_page_select_column (page, "temp_max");
  app_test_scroll_to (orchard_monitor_page_get_plot (page));
  app_test_save_screenshot ("monitor-overlay-light.png");
  orchard_monitor_page_select_column (page, "weather");
  app_test_scroll_to (orchard_monitor_page_get_plot (page));
  app_test_save_screenshot ("monitor-categories-light.png");
  app_test_scroll_to (GTK_WIDGET (orchard_monitor_page_get_timeline (page)));
  app_test_save_screenshot ("monitor-timeline-light.png");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  app_test_spin (400);
  scroll_top ();
  app_test_save_screenshot ("monitor-wide-dark.png");
  orchard_monitor_page_select_column (page, "temp_max");
  app_test_scroll_to (orchard_monitor_page_get_plot (page));
  app_test_save_screenshot ("monitor-overlay-dark.png");
  app_test_scroll_to (GTK_WIDGET (orchard_monitor_page_get_timeline (page)));
  app_test_save_screenshot ("monitor-timeline-dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  app_test_spin (400);

  app_test_resize (360, 720);
  orchard_window_show_phase (window, "monitor");
  scroll_top ();
  app_test_save_screenshot ("monitor-narrow-light.png");
  app_test_scroll_to (gtk_widget_get_ancestor (orchard_monitor_page_get_row_sparkline (page, FALSE, 0), ADW_TYPE_PREFERENCES_GROUP));
  app_test_save_screenshot ("monitor-columns-narrow.png");
  app_test_scroll_to (orchard_monitor_page_get_plot (page));
  app_test_save_screenshot ("monitor-overlay-narrow.png");
  app_test_scroll_to (GTK_WIDGET (orchard_monitor_page_get_timeline (page)));
  app_test_save_screenshot ("monitor-timeline-narrow.png");
  app_test_resize (1100, 760);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  app_test_init (&argc, &argv);

  tmp_dir = g_dir_make_tmp ("orchard-monitor-XXXXXX", &error);
  g_assert_no_error (error);
  reference_path = write_year ("2012");
  current_path = write_year ("2015");

  window = app_test_open_window (1100, 760);

  g_test_add_func ("/app/monitor/empty", test_empty);
  g_test_add_func ("/app/monitor/compare", test_compare);
  g_test_add_func ("/app/monitor/overlay", test_overlay);
  g_test_add_func ("/app/monitor/chunks", test_chunks);
  g_test_add_func ("/app/monitor/correction-and-override", test_correction_and_override);
  g_test_add_func ("/app/monitor/export", test_export);
  g_test_add_func ("/app/monitor/cancel", test_cancel);
  g_test_add_func ("/app/monitor/unreadable", test_unreadable);
  g_test_add_func ("/app/monitor/loaded-data", test_loaded_data);
  g_test_add_func ("/app/monitor/bundle", test_bundle);
  g_test_add_func ("/app/monitor/screenshots", test_screenshots);

  status = app_test_run ();

  return status;
}
