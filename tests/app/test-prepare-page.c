/* test-prepare-page.c: the Prepare page, driven in-process as a user drives it
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number the page shows is checked against the engine run on its
 * own, and where the documented algorithm makes it possible, against
 * arithmetic done here: the stratified sizes, the mean and median a
 * column is imputed with.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include "orchard-application.h"
#include "orchard-column-inspector.h"
#include "orchard-plots.h"
#include "orchard-prep-labels.h"
#include "orchard-window.h"

static OrchardApplication *app;
static OrchardWindow *window;

/* ---- helpers ------------------------------------------------------------ */

static OrchardSession *
get_session (void)
{
  return orchard_window_get_session (window);
}

static OrchardPreparePage *
get_page (void)
{
  return orchard_window_get_prepare_page (window);
}

static void
wait_prepared (void)
{
  g_assert_true (app_test_wait_for (app_test_prepared, NULL, 60000));
}

static void
open_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-uri", "s", uri);
  g_assert_true (app_test_wait_for (app_test_loaded, NULL, 60000));
  g_assert_null (orchard_window_get_error_message (window));
}

static void
set_target (const char *name)
{
  OrchardSession *session = get_session ();
  int index = orchard_table_find_column (orchard_session_get_table (session), name);

  g_assert_cmpint (index, >=, 0);
  orchard_session_set_role (session, index, ORCHARD_COLUMN_ROLE_TARGET);
  wait_prepared ();
}

static GtkWidget *
find_actionable_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable_menu_button (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The Add Step button: the page's one menu button with a menu model. */
static GtkWidget *
find_actionable_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable_menu (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
scroll_top (void)
{
  GtkWidget *steps = GTK_WIDGET (orchard_prepare_page_get_family_dropdown (get_page ()));
  GtkWidget *scrolled = gtk_widget_get_ancestor (steps, GTK_TYPE_SCROLLED_WINDOW);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 0);
  app_test_spin (200);
}

/* ---- the engine on its own ------------------------------------------------ */

typedef struct
{
  OrchardTable     *table;
  OrchardPartition *partition;
  OrchardTable     *train;
  OrchardProfile   *profile;
} Reference;

static void
reference_clear (Reference *ref)
{
  g_clear_object (&ref->table);
  g_clear_pointer (&ref->partition, orchard_partition_unref);
  g_clear_object (&ref->train);
  g_clear_object (&ref->profile);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reference, reference_clear)

/* What `orchard-cli prepare` computes for the session's table and these
 * split settings: the partition, the training rows and their profile. */
static void
reference_init (Reference          *ref,
                OrchardSplitMethod  method,
                const char         *column,
                double              train,
                double              valid,
                double              test,
                guint64             seed)
{
  g_autoptr(OrchardSplit) split = orchard_split_new (method);
  g_autoptr(GError) error = NULL;
  OrchardTable *table = orchard_session_get_table (get_session ());
  const gsize *rows;
  gsize n;

  if (column != NULL)
    g_object_set (split, "column", column, NULL);
  g_assert_true (orchard_split_set_fractions (split, train, valid, test, &error));
  orchard_split_set_seed (split, seed);

  ref->table = g_object_ref (table);
  ref->partition = orchard_split_apply (split, table, NULL, &error);
  g_assert_no_error (error);
  rows = orchard_partition_get_rows (ref->partition, ORCHARD_PART_TRAIN, &n);
  ref->train = orchard_table_select_rows (table, rows, n);
  ref->profile = orchard_profile_compute (ref->train,
                                          orchard_column_get_name (orchard_table_get_column (table, orchard_table_get_target (table))),
                                          NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_same_partition (OrchardPartition *a,
                       OrchardPartition *b)
{
  g_assert_cmpuint (orchard_partition_get_n_rows (a), ==, orchard_partition_get_n_rows (b));
  for (gsize r = 0; r < orchard_partition_get_n_rows (a); r++)
    g_assert_cmpint (orchard_partition_get_part (a, r), ==, orchard_partition_get_part (b, r));
}

static char *
spec_of (OrchardPipeline *pipeline)
{
  g_autoptr(JsonNode) node = orchard_pipeline_to_json (pipeline);

  return json_to_string (node, FALSE);
}

/* The training values of a numeric column, present ones only, sorted. */
static GArray *
train_values (Reference  *ref,
              const char *name,
              gsize      *missing)
{
  OrchardColumn *column = orchard_table_get_column (ref->train, orchard_table_find_column (ref->train, name));
  const double *values = orchard_column_get_values (column);
  GArray *present = g_array_new (FALSE, FALSE, sizeof (double));

  *missing = 0;
  for (gsize r = 0; r < orchard_column_get_n_rows (column); r++)
    if (isnan (values[r]))
      (*missing)++;
    else
      g_array_append_val (present, values[r]);

  return present;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
mean_of (GArray *values)
{
  double sum = 0.0;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);

  return sum / values->len;
}

/* NumPy's median: the middle value, or the mean of the two middle ones. */
static double
median_of (GArray *values)
{
  guint n = values->len;

  g_array_sort (values, compare_doubles);
  return n % 2 == 1 ? g_array_index (values, double, n / 2)
                    : (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2.0;
}

static OrchardStepRow *
step_row (guint position)
{
  OrchardStepRow *row = orchard_prepare_page_get_step_row (get_page (), position);

  g_assert_nonnull (row);
  return row;
}

static void
assert_rows_show_pipeline (OrchardPipeline *pipeline)
{
  guint n = orchard_pipeline_get_n_steps (pipeline);

  g_assert_cmpuint (orchard_prepare_page_get_n_steps (get_page ()), ==, n);
  for (guint i = 0; i < n; i++)
    {
      OrchardStepRow *row = step_row (i);

      g_assert_cmpstr (orchard_step_get_id (orchard_step_row_get_step (row)), ==,
                       orchard_step_get_id (orchard_pipeline_get_step (pipeline, i)));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       orchard_step_id_get_title (orchard_step_get_id (orchard_pipeline_get_step (pipeline, i))));
      g_assert_cmpuint (orchard_step_row_get_position (row), ==, i);
    }
}

static guint
enum_position (GType       type,
               const char *nick)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  for (guint i = 0; i < klass->n_values; i++)
    if (g_str_equal (klass->values[i].value_nick, nick))
      return i;

  g_assert_not_reached ();
}

/* ---- tests ---------------------------------------------------------------- */

/* Every value of every option has words of its own, in the forms and the
 * report, and every option of every step has a control. */
static void
test_labels (void)
{
  const char * const *ids = orchard_step_list_ids ();
  GType types[] = { ORCHARD_TYPE_SPLIT_METHOD, ORCHARD_TYPE_MODEL_FAMILY };

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(OrchardStep) step = orchard_step_new (ids[i], NULL);
      g_autofree GParamSpec **specs = NULL;
      GtkWidget *row;
      guint n_specs;

      g_assert_nonnull (step);
      row = g_object_ref_sink (orchard_step_row_new (step));
      specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (step), &n_specs);
      for (guint p = 0; p < n_specs; p++)
        {
          GType type = G_PARAM_SPEC_VALUE_TYPE (specs[p]);

          if ((specs[p]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
            continue;

          g_assert_nonnull (orchard_step_row_get_option_widget (ORCHARD_STEP_ROW (row),
                                                                g_param_spec_get_name (specs[p])));

          if (G_TYPE_IS_ENUM (type))
            {
              GEnumClass *klass = G_PARAM_SPEC_ENUM (specs[p])->enum_class;

              for (guint v = 0; v < klass->n_values; v++)
                if (orchard_prep_lookup_enum_label (type, klass->values[v].value_nick) == NULL)
                  g_error ("%s: %s has no label for “%s”", ids[i], g_param_spec_get_name (specs[p]),
                           klass->values[v].value_nick);
            }
          else if (G_TYPE_IS_FLAGS (type))
            {
              GFlagsClass *klass = G_PARAM_SPEC_FLAGS (specs[p])->flags_class;

              for (guint v = 0; v < klass->n_values; v++)
                if ((klass->values[v].value & (klass->values[v].value - 1)) == 0 &&
                    orchard_prep_lookup_enum_label (type, klass->values[v].value_nick) == NULL)
                  g_error ("%s: %s has no label for “%s”", ids[i], g_param_spec_get_name (specs[p]),
                           klass->values[v].value_nick);
            }
        }
      g_object_unref (row);
    }

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (types[t]);

      for (guint v = 0; v < klass->n_values; v++)
        g_assert_nonnull (orchard_prep_lookup_enum_label (types[t], klass->values[v].value_nick));
    }

  /* The labels are the translated ones: not the engine's nicks. */
  g_assert_cmpstr (orchard_prep_enum_label (ORCHARD_TYPE_IMPUTE_STRATEGY, "most-frequent"), ==,
                   "Most frequent value");
  g_assert_cmpstr (orchard_prep_enum_label (ORCHARD_TYPE_SPLIT_METHOD, "group"), ==, "By group");
}

/* Every key of every step's report that the page shows has a label. */
static void
check_report_keys (OrchardPipeline *pipeline)
{
  for (guint s = 0; s < orchard_pipeline_get_n_steps (pipeline); s++)
    {
      g_autoptr(GVariant) report = orchard_step_get_report (orchard_pipeline_get_step (pipeline, s));
      const char *lists[] = { "columns", "classes" };

      g_assert_nonnull (report);
      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        {
          g_autoptr(GVariant) entries = g_variant_lookup_value (report, lists[l], G_VARIANT_TYPE ("a{sa{sv}}"));
          GVariantIter iter;
          GVariant *facts;

          if (entries == NULL)
            continue;

          g_variant_iter_init (&iter, entries);
          while (g_variant_iter_next (&iter, "{&s@a{sv}}", NULL, &facts))
            {
              g_autoptr(GVariant) owned = facts;
              GVariantIter fact_iter;
              const char *key;

              g_variant_iter_init (&fact_iter, facts);
              while (g_variant_iter_next (&fact_iter, "{&sv}", &key, NULL))
                if (!g_str_equal (key, "origin") && orchard_prep_lookup_report_label (key) == NULL)
                  g_error ("step %s: report key “%s” has no label",
                           orchard_step_get_id (orchard_pipeline_get_step (pipeline, s)), key);
            }
        }
    }
}

static void
fit_spec (const char *sample,
          const char *target,
          const char *spec)
{
  g_autofree char *path = app_test_sample_path (sample);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) loaded = orchard_table_load (file, NULL, NULL, NULL, NULL, &error);
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(JsonNode) node = json_from_string (spec, &error);
  g_autoptr(OrchardPipeline) pipeline = NULL;
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_RANDOM);
  g_autoptr(OrchardPartition) partition = NULL;
  const gsize *rows;
  gsize n;

  g_assert_no_error (error);
  table = orchard_table_with_role (loaded, orchard_table_find_column (loaded, target), ORCHARD_COLUMN_ROLE_TARGET);
  pipeline = orchard_pipeline_new_from_json (node, "test", &error);
  g_assert_no_error (error);
  partition = orchard_split_apply (split, table, NULL, &error);
  g_assert_no_error (error);
  rows = orchard_partition_get_rows (partition, ORCHARD_PART_TRAIN, &n);
  g_assert_true (orchard_pipeline_fit (pipeline, table, rows, n, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  check_report_keys (pipeline);
}

static void
test_report_labels (void)
{
  /* Between them, these pipelines use every step. */
  fit_spec ("penguins.csv", "species",
            "{\"steps\": [{\"step\": \"drop-columns\", \"columns\": [\"year\"]},"
            " {\"step\": \"drop-duplicates\"},"
            " {\"step\": \"impute\", \"add-indicator\": true},"
            " {\"step\": \"impute-categorical\"},"
            " {\"step\": \"outliers\"}, {\"step\": \"scale\"}, {\"step\": \"one-hot\"},"
            " {\"step\": \"select\"}, {\"step\": \"balance\", \"method\": \"oversample\"}]}");
  fit_spec ("penguins.csv", "species",
            "{\"steps\": [{\"step\": \"impute-categorical\"}, {\"step\": \"target-encode\"},"
            " {\"step\": \"impute\"}, {\"step\": \"select\", \"method\": \"correlation\"}]}");
  fit_spec ("penguins.csv", "species",
            "{\"steps\": [{\"step\": \"impute-categorical\"}, {\"step\": \"ordinal\"},"
            " {\"step\": \"impute\"}, {\"step\": \"select\", \"method\": \"mutual-info\", \"k\": 3}]}");
  fit_spec ("seattle-weather.csv", "weather",
            "{\"steps\": [{\"step\": \"datetime\"}, {\"step\": \"impute\"}]}");
}

/* Without data, and then without a target, the page says what it needs
 * and its button goes there. */
static void
test_needs_target (void)
{
  OrchardPreparePage *page = get_page ();
  g_autofree char *path = app_test_sample_path ("penguins.csv");
  GtkWidget *button;

  orchard_window_show_phase (window, "prepare");
  g_assert_cmpstr (orchard_prepare_page_get_state (page), ==, "no-data");
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "prepare"), ==, "Needs a data set");
  g_assert_nonnull (app_test_find_label (GTK_WIDGET (page), "Load a data set to prepare it"));

  open_path (path);
  orchard_window_show_phase (window, "prepare");
  g_assert_cmpstr (orchard_prepare_page_get_state (page), ==, "no-target");
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "prepare"), ==, "Needs a target");
  g_assert_null (orchard_session_get_pipeline (get_session ()));
  g_assert_null (orchard_session_get_prepared (get_session ()));
  g_assert_nonnull (app_test_find_label (GTK_WIDGET (page), "Choose a target on the Data page to prepare it"));
  app_test_save_screenshot ("prepare-no-target-light.png");

  /* The button goes to the Data page's column list, where targets are chosen. */
  button = app_test_find_actionable (GTK_WIDGET (page), "win.choose-target");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  app_test_spin (200);
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "data"), ==, "344 rows · 8 columns");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (orchard_data_page_get_view_stack (orchard_window_get_data_page (window))),
                   ==, "columns");
  adw_view_stack_set_visible_child_name (orchard_data_page_get_view_stack (orchard_window_get_data_page (window)),
                                         "table");
}

/* Choosing the target prepares the data at once, as `orchard-cli prepare
 * --target species` does: stratified, 0.7/0.15/0.15, seed 0, automatic
 * for linear models. */
static void
test_target_prepares (void)
{
  OrchardSession *session = get_session ();
  OrchardPreparePage *page = get_page ();
  g_auto(Reference) ref = { 0 };
  g_autoptr(OrchardPipeline) expected = NULL;
  g_autofree char *expected_spec = NULL;
  g_autofree char *shown_spec = NULL;
  OrchardPrepared *prepared;
  const char * const *notes;

  set_target ("species");
  orchard_window_show_phase (window, "prepare");
  g_assert_cmpstr (orchard_prepare_page_get_state (page), ==, "prepare");

  prepared = orchard_session_get_prepared (session);
  g_assert_true (orchard_prepared_is_fitted (prepared));
  g_assert_true (orchard_session_get_automatic (session));
  g_assert_cmpint (orchard_session_get_family (session), ==, ORCHARD_MODEL_FAMILY_LINEAR);
  g_assert_cmpint (orchard_split_get_method (orchard_session_get_split (session)), ==, ORCHARD_SPLIT_STRATIFIED);

  reference_init (&ref, ORCHARD_SPLIT_STRATIFIED, NULL, 0.7, 0.15, 0.15, 0);
  assert_same_partition (orchard_prepared_get_partition (prepared), ref.partition);
  expected = orchard_pipeline_new_auto (ref.profile, ORCHARD_MODEL_FAMILY_LINEAR);
  expected_spec = spec_of (expected);
  shown_spec = spec_of (orchard_session_get_pipeline (session));
  g_assert_cmpstr (shown_spec, ==, expected_spec);
  assert_rows_show_pipeline (expected);

  /* The automatic pipeline says why, above the steps' report. */
  notes = orchard_pipeline_get_notes (expected);
  g_assert_cmpuint (orchard_prepare_page_get_n_notes (page), ==, g_strv_length ((char **) notes));
  for (guint i = 0; notes[i] != NULL; i++)
    g_assert_cmpstr (orchard_prepare_page_get_note (page, i), ==, notes[i]);

  /* Sizes from the documented algorithm: per class, round(n · 0.15) rows
   * validate and as many test. Adelie 152 → 23/23, Chinstrap 68 → 10/10,
   * Gentoo 124 → 19/19 (18.6 rounds up). */
  g_assert_cmpstr (orchard_prepare_page_get_part_text (page, ORCHARD_PART_TRAIN), ==, "240 rows (69.8%)");
  g_assert_cmpstr (orchard_prepare_page_get_part_text (page, ORCHARD_PART_VALID), ==, "52 rows (15.1%)");
  g_assert_cmpstr (orchard_prepare_page_get_part_text (page, ORCHARD_PART_TEST), ==, "52 rows (15.1%)");
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "prepare"), ==, "4 steps · 240/52/52 rows");

  /* Class balance per part, as an OrchardBarPlot of shares. */
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      GtkWidget *plot = orchard_prepare_page_get_balance_plot (page, part);
      static const double counts[ORCHARD_N_PARTS][3] = { { 106, 48, 86 }, { 23, 10, 19 }, { 23, 10, 19 } };
      double rows = counts[part][0] + counts[part][1] + counts[part][2];

      g_assert_true (ORCHARD_IS_BAR_PLOT (plot));
      g_assert_cmpuint (orchard_bar_plot_get_n_bars (ORCHARD_BAR_PLOT (plot)), ==, 3);
      g_assert_cmpstr (orchard_bar_plot_get_bar_label (ORCHARD_BAR_PLOT (plot), 0), ==, "Adelie");
      for (guint k = 0; k < 3; k++)
        g_assert_cmpfloat_with_epsilon (orchard_bar_plot_get_bar_value (ORCHARD_BAR_PLOT (plot), k),
                                        counts[part][k] / rows, 1e-12);
    }

  /* Penguins leak nothing. */
  g_assert_cmpuint (orchard_prepare_page_get_n_warnings (page), ==, 0);
  g_assert_nonnull (app_test_find_label (GTK_WIDGET (page), "No leakage found"));

  app_test_resize (1100, 720);
  scroll_top ();
  app_test_save_screenshot ("prepare-light.png");
}

/* The family drop-down and Automatic: the steps become exactly the
 * engine's automatic pipeline for trees, built from the training rows. */
static void
test_automatic_trees (void)
{
  OrchardSession *session = get_session ();
  OrchardPreparePage *page = get_page ();
  g_auto(Reference) ref = { 0 };
  g_autoptr(OrchardPipeline) expected = NULL;
  g_autofree char *expected_spec = NULL;
  g_autofree char *shown_spec = NULL;
  GtkWidget *button;

  gtk_drop_down_set_selected (orchard_prepare_page_get_family_dropdown (page), ORCHARD_MODEL_FAMILY_TREES);
  button = app_test_find_actionable (GTK_WIDGET (page), "prepare.automatic");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (orchard_session_get_preparing (session));
  wait_prepared ();

  g_assert_cmpint (orchard_session_get_family (session), ==, ORCHARD_MODEL_FAMILY_TREES);
  g_assert_true (orchard_session_get_automatic (session));
  reference_init (&ref, ORCHARD_SPLIT_STRATIFIED, NULL, 0.7, 0.15, 0.15, 0);
  expected = orchard_pipeline_new_auto (ref.profile, ORCHARD_MODEL_FAMILY_TREES);
  expected_spec = spec_of (expected);
  shown_spec = spec_of (orchard_session_get_pipeline (session));
  g_assert_cmpstr (shown_spec, ==, expected_spec);
  assert_rows_show_pipeline (expected);
  g_assert_cmpuint (orchard_pipeline_get_n_steps (expected), ==, 3);
  g_assert_cmpstr (orchard_step_get_id (orchard_pipeline_get_step (expected, 2)), ==, "ordinal");
  g_assert_cmpstr (orchard_prepare_page_get_note (page, orchard_prepare_page_get_n_notes (page) - 1), ==,
                   "Trees split on ordinal codes of categories; numbers are not scaled");

  /* Fitted descriptions: the numbers of the fit. */
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (step_row (0))), ==,
                   "Median-impute 5 columns");
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "prepare"), ==, "3 steps · 240/52/52 rows");
}

/* The imputation strategy, changed in the step's form, fits again; the
 * report then gives the mean of the training values, computed here. */
static void
test_change_strategy (void)
{
  OrchardPreparePage *page = get_page ();
  OrchardPrepPreview *preview = orchard_prepare_page_get_preview (page);
  g_auto(Reference) ref = { 0 };
  const char *numbers[] = { "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g" };
  OrchardStepRow *row = step_row (0);
  GtkWidget *strategy;
  double value;

  reference_init (&ref, ORCHARD_SPLIT_STRATIFIED, NULL, 0.7, 0.15, 0.15, 0);
  g_assert_cmpstr (orchard_step_get_id (orchard_step_row_get_step (row)), ==, "impute");

  /* Before: the median, NumPy's, of the training values. */
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      gsize missing;
      g_autoptr(GArray) values = train_values (&ref, numbers[i], &missing);
      double median = median_of (values);
      g_autofree char *text = orchard_format_statistic (median);

      g_assert_true (orchard_prepare_page_get_report_number (page, 0, numbers[i], "fill", &value));
      g_assert_cmpfloat (value, ==, median);
      g_assert_cmpstr (orchard_prepare_page_get_report_text (page, 0, numbers[i], "fill"), ==, text);
      g_assert_true (orchard_prepare_page_get_report_number (page, 0, numbers[i], "imputed", &value));
      g_assert_cmpfloat (value, ==, missing);
    }
  /* bill_length_mm: 2 of 240 training values are missing, as in the CLI. */
  g_assert_cmpstr (orchard_prepare_page_get_report_text (page, 0, "bill_length_mm", "imputed"), ==, "2");
  g_assert_cmpstr (orchard_prepare_page_get_report_text (page, 0, NULL, "summary"), ==,
                   "Filled 8 missing training values in 4 of 5 columns");

  /* The user's way: expand the step, choose "Mean" for Strategy. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  strategy = orchard_step_row_get_option_widget (row, "strategy");
  g_assert_true (ADW_IS_COMBO_ROW (strategy));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (strategy)), ==, "Strategy");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (strategy)), ==,
                    enum_position (ORCHARD_TYPE_IMPUTE_STRATEGY, "median"));
  app_test_save_screenshot ("prepare-step-form-light.png");
  adw_combo_row_set_selected (ADW_COMBO_ROW (strategy), enum_position (ORCHARD_TYPE_IMPUTE_STRATEGY, "mean"));
  g_assert_false (orchard_session_get_automatic (get_session ()));
  g_assert_true (orchard_session_get_preparing (get_session ()));
  /* The notes explained the automatic choices, which no longer hold. */
  g_assert_cmpuint (orchard_prepare_page_get_n_notes (page), ==, 0);
  wait_prepared ();

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      gsize missing;
      g_autoptr(GArray) values = train_values (&ref, numbers[i], &missing);
      double mean = mean_of (values);
      g_autofree char *text = orchard_format_statistic (mean);

      g_assert_true (orchard_prepare_page_get_report_number (page, 0, numbers[i], "fill", &value));
      g_assert_cmpfloat_with_epsilon (value, mean, 1e-9 * fabs (mean));
      g_assert_cmpstr (orchard_prepare_page_get_report_text (page, 0, numbers[i], "fill"), ==, text);
    }
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (step_row (0))), ==,
                   "Mean-impute 5 columns");
  g_assert_cmpstr (orchard_prepare_page_get_report_text (page, 0, NULL, "summary"), ==,
                   "Filled 8 missing training values in 4 of 5 columns");

  /* Before and after: imputing the mean leaves the mean as it was, fills
   * every gap, and keeps the 240 training rows. */
  g_assert_true (orchard_prepare_page_preview_column (page, "bill_length_mm"));
  g_assert_cmpstr (orchard_prep_preview_get_column (preview), ==, "bill_length_mm");
  g_assert_cmpstr (orchard_prep_preview_get_fate (preview), ==, "Changed by Impute numbers");
  g_assert_true (orchard_prep_preview_get_number (preview, FALSE, "missing", &value));
  g_assert_cmpfloat (value, ==, 2);
  g_assert_true (orchard_prep_preview_get_number (preview, TRUE, "missing", &value));
  g_assert_cmpfloat (value, ==, 0);
  g_assert_true (orchard_prep_preview_get_number (preview, TRUE, "count", &value));
  g_assert_cmpfloat (value, ==, 240);
  {
    double before, after;

    g_assert_true (orchard_prep_preview_get_number (preview, FALSE, "mean", &before));
    g_assert_true (orchard_prep_preview_get_number (preview, TRUE, "mean", &after));
    g_assert_cmpfloat_with_epsilon (before, after, 1e-9 * fabs (before));
  }
  /* Same units before and after: one histogram, after over before, in
   * the bins of the training values before. */
  {
    GtkWidget *plot = orchard_prep_preview_get_plot (preview, FALSE);
    OrchardProfile *before = orchard_prepared_get_before (orchard_session_get_prepared (get_session ()));
    const OrchardColumnProfile *cp = orchard_profile_get_column (before, orchard_profile_find_column (before, "bill_length_mm"));

    g_assert_true (ORCHARD_IS_HISTOGRAM_PLOT (plot));
    g_assert_true (orchard_histogram_plot_get_has_reference (ORCHARD_HISTOGRAM_PLOT (plot)));
    g_assert_cmpuint (orchard_histogram_plot_get_n_bins (ORCHARD_HISTOGRAM_PLOT (plot)), ==, cp->n_bins);
    g_assert_cmpstr (orchard_plot_get_title (ORCHARD_PLOT (plot)), ==, "bill_length_mm before and after preparation");
    g_assert_null (orchard_prep_preview_get_plot (preview, TRUE));
  }

  /* A category becomes ordinal codes: its levels before, codes after. */
  g_assert_true (orchard_prepare_page_preview_column (page, "island"));
  g_assert_true (ORCHARD_IS_BAR_PLOT (orchard_prep_preview_get_plot (preview, FALSE)));
  g_assert_cmpstr (orchard_prep_preview_get_text (preview, FALSE, "mode"), ==, "Biscoe (119)");
  g_assert_true (ORCHARD_IS_HISTOGRAM_PLOT (orchard_prep_preview_get_plot (preview, TRUE)));
  g_assert_true (orchard_prep_preview_get_number (preview, TRUE, "min", &value));
  g_assert_cmpfloat (value, ==, 0);
  g_assert_true (orchard_prep_preview_get_number (preview, TRUE, "max", &value));
  g_assert_cmpfloat (value, ==, 2);

  g_assert_true (orchard_prepare_page_preview_column (page, "bill_length_mm"));
  app_test_scroll_to (GTK_WIDGET (preview));
  app_test_save_screenshot ("prepare-preview-light.png");
  scroll_top ();
}

/* Shares: a sum other than 1 is shown as wrong and not applied; a valid
 * one splits again, with the sizes the algorithm gives. */
static void
test_change_fractions (void)
{
  OrchardSession *session = get_session ();
  OrchardPreparePage *page = get_page ();
  OrchardSplit *split = orchard_session_get_split (session);
  g_auto(Reference) ref = { 0 };
  double train;

  gtk_spin_button_set_value (orchard_prepare_page_get_share_spin (page, ORCHARD_PART_TRAIN), 0.8);
  g_assert_cmpstr (orchard_prepare_page_get_split_problem (page), ==,
                   "The shares add up to 1.10; they must add up to 1");
  orchard_split_get_fractions (split, &train, NULL, NULL);
  g_assert_cmpfloat (train, ==, 0.7);
  app_test_scroll_to (GTK_WIDGET (app_test_find_label (GTK_WIDGET (page), "Split")));
  app_test_save_screenshot ("prepare-shares-problem-light.png");
  scroll_top ();

  gtk_spin_button_set_value (orchard_prepare_page_get_share_spin (page, ORCHARD_PART_VALID), 0.1);
  g_assert_cmpstr (orchard_prepare_page_get_split_problem (page), ==,
                   "The shares add up to 1.05; they must add up to 1");
  gtk_spin_button_set_value (orchard_prepare_page_get_share_spin (page, ORCHARD_PART_TEST), 0.1);
  g_assert_null (orchard_prepare_page_get_split_problem (page));
  orchard_split_get_fractions (split, &train, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (train, 0.8, 1e-12);
  wait_prepared ();

  /* Per class round(n · 0.1): Adelie 152 → 15/15, Chinstrap 68 → 7/7,
   * Gentoo 124 → 12/12; the rest train: 276/34/34. */
  g_assert_cmpstr (orchard_prepare_page_get_part_text (page, ORCHARD_PART_TRAIN), ==, "276 rows (80.2%)");
  g_assert_cmpstr (orchard_prepare_page_get_part_text (page, ORCHARD_PART_VALID), ==, "34 rows (9.9%)");
  g_assert_cmpstr (orchard_prepare_page_get_part_text (page, ORCHARD_PART_TEST), ==, "34 rows (9.9%)");
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "prepare"), ==, "3 steps · 276/34/34 rows");
  reference_init (&ref, ORCHARD_SPLIT_STRATIFIED, NULL, 0.8, 0.1, 0.1, 0);
  assert_same_partition (orchard_prepared_get_partition (orchard_session_get_prepared (session)), ref.partition);

  /* The training share above 0 is the other rule. */
  gtk_spin_button_set_value (orchard_prepare_page_get_share_spin (page, ORCHARD_PART_TRAIN), 0.0);
  g_assert_cmpstr (orchard_prepare_page_get_split_problem (page), ==, "The training share must be above 0");
  gtk_spin_button_set_value (orchard_prepare_page_get_share_spin (page, ORCHARD_PART_TRAIN), 0.8);
  g_assert_null (orchard_prepare_page_get_split_problem (page));
  wait_prepared ();
}

typedef struct
{
  GPtrArray *seeds;   /* the seed of every result published */
} Published;

static void
prepared_published_cb (OrchardSession *session,
                       GParamSpec     *pspec,
                       Published      *published)
{
  OrchardPrepared *prepared = orchard_session_get_prepared (session);

  if (prepared != NULL)
    g_ptr_array_add (published->seeds,
                     GSIZE_TO_POINTER ((gsize) orchard_split_get_seed (orchard_prepared_get_split (prepared))));
}

static gboolean
fit_started (gpointer data)
{
  return g_strcmp0 (orchard_session_get_prepare_message (get_session ()), "Preparing…") == 0;
}

/* A newer change cancels the fit in flight: its result never shows. */
static void
test_newer_change_wins (void)
{
  OrchardSession *session = get_session ();
  OrchardPreparePage *page = get_page ();
  GtkSpinButton *seed = orchard_prepare_page_get_seed_spin (page);
  Published published = { g_ptr_array_new () };
  g_auto(Reference) ref = { 0 };
  gulong handler;

  handler = g_signal_connect (session, "notify::prepared", G_CALLBACK (prepared_published_cb), &published);

  gtk_spin_button_set_value (seed, 1);
  /* The seed-1 fit is running in its thread when the seed becomes 2. */
  g_assert_true (app_test_wait_for (fit_started, NULL, 10000));
  gtk_spin_button_set_value (seed, 2);
  wait_prepared ();

  g_signal_handler_disconnect (session, handler);
  g_assert_cmpuint (published.seeds->len, ==, 1);
  g_assert_cmpuint (GPOINTER_TO_SIZE (g_ptr_array_index (published.seeds, 0)), ==, 2);
  reference_init (&ref, ORCHARD_SPLIT_STRATIFIED, NULL, 0.8, 0.1, 0.1, 2);
  assert_same_partition (orchard_prepared_get_partition (orchard_session_get_prepared (session)), ref.partition);
  g_ptr_array_unref (published.seeds);

  gtk_spin_button_set_value (seed, 0);
  wait_prepared ();
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    g_ptr_array_add (checks, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_checks (child, checks);
}

/* A step's Columns: the picker offers the numeric features that reach the
 * imputer; checking one limits the step to it. */
static void
test_columns_picker (void)
{
  OrchardPreparePage *page = get_page ();
  OrchardStepRow *row = step_row (0);
  const char *numbers[] = { "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year" };
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_auto(GStrv) columns = NULL;
  GtkWidget *picker;
  GtkWidget *button;
  GtkPopover *popover;

  g_assert_cmpstr (orchard_step_get_id (orchard_step_row_get_step (row)), ==, "impute");
  picker = orchard_step_row_get_option_widget (row, "columns");
  g_assert_true (ADW_IS_ACTION_ROW (picker));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (picker)), ==,
                   "Every column of the kinds this step handles");
  button = find_actionable_menu_button (picker);
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  collect_checks (GTK_WIDGET (popover), checks);
  g_assert_cmpuint (checks->len, ==, G_N_ELEMENTS (numbers));
  for (guint i = 0; i < checks->len; i++)
    {
      g_assert_cmpstr (gtk_check_button_get_label (g_ptr_array_index (checks, i)), ==, numbers[i]);
      g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, i)));
    }

  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  g_object_get (orchard_step_row_get_step (row), "columns", &columns, NULL);
  g_assert_nonnull (columns);
  g_assert_cmpstr (columns[0], ==, "bill_length_mm");
  g_assert_null (columns[1]);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (picker)), ==, "bill_length_mm");
  gtk_popover_popdown (popover);
  wait_prepared ();
  g_assert_nonnull (orchard_prepare_page_get_report_text (page, 0, "bill_length_mm", "fill"));
  g_assert_null (orchard_prepare_page_get_report_text (page, 0, "body_mass_g", "fill"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (step_row (0))), ==,
                   "Mean-impute 1 column");

  /* Unchecked again: every numeric column. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_ptr_array_set_size (checks, 0);
  collect_checks (GTK_WIDGET (popover), checks);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), FALSE);
  gtk_popover_popdown (popover);
  g_clear_pointer (&columns, g_strfreev);
  g_object_get (orchard_step_row_get_step (step_row (0)), "columns", &columns, NULL);
  g_assert_null (columns);
  wait_prepared ();
  g_assert_nonnull (orchard_prepare_page_get_report_text (page, 0, "body_mass_g", "fill"));
}

/* Moving, removing (and undoing it) and adding steps, through the rows'
 * own buttons' actions and the page's. */
static void
test_edit_steps (void)
{
  OrchardSession *session = get_session ();
  OrchardPreparePage *page = get_page ();
  OrchardPipeline *pipeline = orchard_session_get_pipeline (session);
  OrchardStep *ordinal = orchard_pipeline_get_step (pipeline, 2);
  OrchardStep *categorical = orchard_pipeline_get_step (pipeline, 1);
  GtkWidget *toast;

  g_assert_cmpstr (orchard_step_get_id (ordinal), ==, "ordinal");

  /* Move the ordinal encoding first: the page's action, as a drop does. */
  gtk_widget_activate_action (GTK_WIDGET (page), "prepare.move-step", "(uu)", 2, 0);
  g_assert_true (orchard_pipeline_get_step (pipeline, 0) == ordinal);
  g_assert_true (orchard_step_row_get_step (step_row (0)) == ordinal);
  g_assert_cmpstr (orchard_step_get_id (orchard_step_row_get_step (step_row (1))), ==, "impute");
  g_assert_cmpstr (orchard_step_get_id (orchard_step_row_get_step (step_row (2))), ==, "impute-categorical");
  wait_prepared ();
  /* Codes first: nothing categorical is left to impute, and the missing
   * sex codes are numbers the median fills. */
  g_assert_cmpstr (orchard_prepare_page_get_report_text (page, 0, "island", "levels"), ==,
                   "Biscoe, Dream, Torgersen");
  g_assert_cmpstr (orchard_prepare_page_get_report_text (page, 2, NULL, "summary"), ==,
                   "Filled 0 missing training categories in 0 of 0 columns");

  /* The first row cannot move up: its button is off. And back down, with
   * the row's own Move Down (Alt+↓). */
  g_assert_false (gtk_widget_is_sensitive (app_test_find_actionable (GTK_WIDGET (step_row (0)), "step.move-up")));
  g_assert_true (gtk_widget_is_sensitive (app_test_find_actionable (GTK_WIDGET (step_row (0)), "step.move-down")));
  g_assert_false (gtk_widget_is_sensitive (app_test_find_actionable (GTK_WIDGET (step_row (2)), "step.move-down")));
  gtk_widget_activate_action (GTK_WIDGET (step_row (0)), "step.move-down", NULL);
  gtk_widget_activate_action (GTK_WIDGET (step_row (1)), "step.move-down", NULL);
  g_assert_true (orchard_pipeline_get_step (pipeline, 2) == ordinal);
  g_assert_cmpstr (orchard_step_get_id (orchard_step_row_get_step (step_row (2))), ==, "ordinal");

  /* Remove the categorical imputer with its row's button, then undo from
   * the toast. */
  g_signal_emit_by_name (app_test_find_actionable (GTK_WIDGET (step_row (1)), "step.remove"), "clicked");
  g_assert_cmpuint (orchard_pipeline_get_n_steps (pipeline), ==, 2);
  g_assert_cmpuint (orchard_prepare_page_get_n_steps (page), ==, 2);
  toast = app_test_find_label (GTK_WIDGET (window), "Removed “Impute categories”");
  g_assert_nonnull (toast);
  wait_prepared ();
  app_test_save_screenshot ("prepare-removed-light.png");
  {
    /* The toast's Undo, as a user clicks it. */
    GtkWidget *undo = app_test_find_label (gtk_widget_get_ancestor (toast, ADW_TYPE_TOAST_OVERLAY), "Undo");

    g_assert_nonnull (undo);
    undo = gtk_widget_get_ancestor (undo, GTK_TYPE_BUTTON);
    g_assert_nonnull (undo);
    g_assert_true (gtk_widget_is_sensitive (undo));
    g_signal_emit_by_name (undo, "clicked");
  }
  g_assert_cmpuint (orchard_pipeline_get_n_steps (pipeline), ==, 3);
  g_assert_true (orchard_pipeline_get_step (pipeline, 1) == categorical);
  wait_prepared ();
  g_assert_null (orchard_prepare_page_get_fit_error (page));

  /* Without an encoding the categories cannot become features: the page
   * says so and the sidebar asks for attention. */
  gtk_widget_activate_action (GTK_WIDGET (step_row (2)), "step.remove", NULL);
  wait_prepared ();
  g_assert_false (orchard_prepared_is_fitted (orchard_session_get_prepared (session)));
  g_assert_nonnull (orchard_prepare_page_get_fit_error (page));
  g_test_message ("fit error shown: %s", orchard_prepare_page_get_fit_error (page));
  g_assert_nonnull (strstr (orchard_prepare_page_get_fit_error (page), "still categorical"));
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "prepare"), ==, "The pipeline needs attention");
  app_test_save_screenshot ("prepare-fit-error-light.png");

  /* Add Step lists every kind of step, in the engine's order, on the
   * page's action. */
  {
    GtkWidget *button = find_actionable_menu (GTK_WIDGET (page));
    GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
    GMenuModel *section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
    const char * const *ids = orchard_step_list_ids ();

    g_assert_nonnull (section);
    g_assert_cmpint (g_menu_model_get_n_items (section), ==, g_strv_length ((char **) ids));
    for (guint i = 0; ids[i] != NULL; i++)
      {
        g_autofree char *label = NULL;
        g_autofree char *action = NULL;
        g_autoptr(GVariant) target = NULL;

        g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
        g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
        target = g_menu_model_get_item_attribute_value (section, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
        g_assert_cmpstr (label, ==, orchard_step_id_get_title (ids[i]));
        g_assert_cmpstr (action, ==, "prepare.add-step");
        g_assert_cmpstr (g_variant_get_string (target, NULL), ==, ids[i]);
      }
    g_object_unref (section);
  }

  /* One-hot from the Add Step menu goes after the imputers, and fits. */
  gtk_widget_activate_action (GTK_WIDGET (page), "prepare.add-step", "s", "one-hot");
  g_assert_cmpuint (orchard_pipeline_get_n_steps (pipeline), ==, 3);
  g_assert_cmpstr (orchard_step_get_id (orchard_pipeline_get_step (pipeline, 2)), ==, "one-hot");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (step_row (2))));
  /* Outliers go between the imputers and the encoding. */
  gtk_widget_activate_action (GTK_WIDGET (page), "prepare.add-step", "s", "outliers");
  g_assert_cmpstr (orchard_step_get_id (orchard_pipeline_get_step (pipeline, 2)), ==, "outliers");
  g_assert_cmpstr (orchard_step_get_id (orchard_pipeline_get_step (pipeline, 3)), ==, "one-hot");
  wait_prepared ();
  g_assert_null (orchard_prepare_page_get_fit_error (page));
  g_assert_true (orchard_prepared_is_fitted (orchard_session_get_prepared (session)));
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "prepare"), ==, "4 steps · 276/34/34 rows");
  /* island became one-hot columns. */
  g_assert_true (orchard_prepare_page_preview_column (page, "island"));
  g_assert_cmpstr (orchard_prep_preview_get_fate (orchard_prepare_page_get_preview (page)), ==,
                   "Becomes 4 features: island=Biscoe, island=Dream, island=Torgersen, "
                   "island=(other) (by Impute categories, One-hot encoding)");
  g_assert_true (ORCHARD_IS_BAR_PLOT (orchard_prep_preview_get_plot (orchard_prepare_page_get_preview (page), TRUE)));
  gtk_widget_activate_action (GTK_WIDGET (page), "prepare.remove-step", "u", 2);
  wait_prepared ();
}

/* A group split keeps each group in one part; the column comes from the
 * column row. */
static void
test_group_split (void)
{
  OrchardSession *session = get_session ();
  OrchardPreparePage *page = get_page ();
  AdwComboRow *column_row = orchard_prepare_page_get_column_row (page);
  OrchardPrepared *prepared;
  OrchardPartition *partition;
  OrchardTable *table;
  const guint32 *codes;
  int parts[8];
  guint island = G_MAXUINT;
  GListModel *model;

  adw_combo_row_set_selected (orchard_prepare_page_get_method_row (page), ORCHARD_SPLIT_GROUP);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (column_row)));
  model = adw_combo_row_get_model (column_row);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "The identifier column (none)");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "island"))
      island = i;
  g_assert_cmpuint (island, !=, G_MAXUINT);
  adw_combo_row_set_selected (column_row, island);
  g_assert_cmpstr (orchard_split_get_column (orchard_session_get_split (session)), ==, "island");
  wait_prepared ();

  prepared = orchard_session_get_prepared (session);
  g_assert_true (orchard_prepared_is_fitted (prepared));
  partition = orchard_prepared_get_partition (prepared);
  table = orchard_prepared_get_table (prepared);
  /* The group column identifies rows: it is no longer a feature. */
  g_assert_cmpint (orchard_table_get_role (table, orchard_table_find_column (table, "island")), ==,
                   ORCHARD_COLUMN_ROLE_ID);
  codes = orchard_column_get_codes (orchard_table_get_column (table, orchard_table_find_column (table, "island")));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    parts[i] = -1;
  for (gsize r = 0; r < orchard_partition_get_n_rows (partition); r++)
    {
      int part = orchard_partition_get_part (partition, r);

      g_assert_cmpuint (codes[r], <, G_N_ELEMENTS (parts));
      if (parts[codes[r]] < 0)
        parts[codes[r]] = part;
      g_assert_cmpint (parts[codes[r]], ==, part);
    }

  adw_combo_row_set_selected (orchard_prepare_page_get_method_row (page), ORCHARD_SPLIT_STRATIFIED);
  g_assert_null (orchard_split_get_column (orchard_session_get_split (session)));
  wait_prepared ();
}

/* A column derived from the target gives it away: the leakage check says
 * so, naming the column. */
static void
test_leakage (void)
{
  OrchardPreparePage *page = get_page ();
  g_autofree char *penguins = app_test_sample_path ("penguins.csv");
  g_autofree char *dir = g_dir_make_tmp ("orchard-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "leaky.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  gboolean found = FALSE;

  g_assert_true (g_file_get_contents (penguins, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *code = i == 0 ? "species_code"
                         : g_str_has_prefix (lines[i], "Adelie,") ? "1"
                         : g_str_has_prefix (lines[i], "Chinstrap,") ? "2" : "3";

      g_string_append_printf (csv, "%s,%s\n", g_strchomp (lines[i]), code);
    }
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));

  open_path (path);
  /* Another data set: a fresh start, automatic again. */
  g_assert_null (orchard_session_get_pipeline (get_session ()));
  set_target ("species");
  g_assert_true (orchard_session_get_automatic (get_session ()));

  g_assert_cmpuint (orchard_prepare_page_get_n_warnings (page), >=, 1);
  for (guint w = 0; w < orchard_prepare_page_get_n_warnings (page); w++)
    {
      g_test_message ("warning: %s: %s", orchard_prepare_page_get_warning_title (page, w),
                      orchard_prepare_page_get_warning_text (page, w));
      if (g_str_equal (orchard_prepare_page_get_warning_title (page, w), "A feature gives the target away") &&
          strstr (orchard_prepare_page_get_warning_text (page, w), "species_code") != NULL)
        found = TRUE;
    }
  g_assert_true (found);

  orchard_window_show_phase (window, "prepare");
  app_test_scroll_to (GTK_WIDGET (app_test_find_label (GTK_WIDGET (page), "Leakage Checks")));
  app_test_save_screenshot ("prepare-leakage-light.png");
  scroll_top ();

  g_unlink (path);
  g_rmdir (dir);
}

/* Dates as features and a random split: held-out days older than training
 * days. By time, the leak is gone and the parts follow the calendar. */
static void
test_time_split (void)
{
  OrchardSession *session = get_session ();
  OrchardPreparePage *page = get_page ();
  g_autofree char *path = app_test_sample_path ("seattle-weather.csv");
  AdwComboRow *column_row = orchard_prepare_page_get_column_row (page);
  OrchardPrepared *prepared;
  OrchardTable *table;
  OrchardPartition *partition;
  const double *dates;
  double newest[ORCHARD_N_PARTS] = { -INFINITY, -INFINITY, -INFINITY };
  double oldest[ORCHARD_N_PARTS] = { INFINITY, INFINITY, INFINITY };
  gboolean time_warning = FALSE;
  GListModel *model;
  guint date = G_MAXUINT;

  open_path (path);
  set_target ("weather");
  adw_combo_row_set_selected (orchard_prepare_page_get_method_row (page), ORCHARD_SPLIT_RANDOM);
  wait_prepared ();
  for (guint w = 0; w < orchard_prepare_page_get_n_warnings (page); w++)
    time_warning |= g_str_equal (orchard_prepare_page_get_warning_title (page, w),
                                 "Held-out rows older than training rows");
  g_assert_true (time_warning);
  /* The automatic pipeline turned the date into calendar features. */
  g_assert_cmpstr (orchard_step_get_id (orchard_step_row_get_step (step_row (0))), ==, "datetime");

  adw_combo_row_set_selected (orchard_prepare_page_get_method_row (page), ORCHARD_SPLIT_TIME);
  model = adw_combo_row_get_model (column_row);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "date"))
      date = i;
  g_assert_cmpuint (date, !=, G_MAXUINT);
  adw_combo_row_set_selected (column_row, date);
  wait_prepared ();

  prepared = orchard_session_get_prepared (session);
  g_assert_true (orchard_prepared_is_fitted (prepared));
  for (guint w = 0; w < orchard_prepare_page_get_n_warnings (page); w++)
    g_assert_cmpstr (orchard_prepare_page_get_warning_title (page, w), !=,
                     "Held-out rows older than training rows");
  table = orchard_prepared_get_table (prepared);
  partition = orchard_prepared_get_partition (prepared);
  dates = orchard_column_get_values (orchard_table_get_column (table, orchard_table_find_column (table, "date")));
  for (gsize r = 0; r < orchard_partition_get_n_rows (partition); r++)
    {
      OrchardPart part = orchard_partition_get_part (partition, r);

      newest[part] = MAX (newest[part], dates[r]);
      oldest[part] = MIN (oldest[part], dates[r]);
    }
  g_assert_cmpfloat (newest[ORCHARD_PART_TRAIN], <, oldest[ORCHARD_PART_VALID]);
  g_assert_cmpfloat (newest[ORCHARD_PART_VALID], <, oldest[ORCHARD_PART_TEST]);
  /* round(1461 · 0.15) = 219 rows each for validation and test. The date
   * orders the rows now, so it is no feature and no datetime step is left. */
  g_assert_cmpstr (orchard_step_get_id (orchard_step_row_get_step (step_row (0))), !=, "datetime");
  {
    guint n = orchard_pipeline_get_n_steps (orchard_session_get_pipeline (session));
    g_autofree char *expected = g_strdup_printf ("%u step%s · 1023/219/219 rows", n, n == 1 ? "" : "s");

    g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "prepare"), ==, expected);
  }
}

/* A numeric target: a random split, and the target's mean in each part,
 * computed here from the rows of each part. */
static void
test_numeric_target (void)
{
  OrchardSession *session = get_session ();
  OrchardPreparePage *page = get_page ();
  g_autofree char *path = app_test_sample_path ("diabetes.csv");
  g_auto(Reference) ref = { 0 };
  OrchardPrepared *prepared;
  const double *target;
  GtkWidget *plot;

  open_path (path);
  set_target ("target");
  g_assert_cmpint (orchard_split_get_method (orchard_session_get_split (session)), ==, ORCHARD_SPLIT_RANDOM);
  prepared = orchard_session_get_prepared (session);
  g_assert_true (orchard_prepared_is_fitted (prepared));
  reference_init (&ref, ORCHARD_SPLIT_RANDOM, NULL, 0.7, 0.15, 0.15, 0);
  assert_same_partition (orchard_prepared_get_partition (prepared), ref.partition);

  /* 442 rows: round(442 · 0.15) = 66 validate, 66 test, 310 train. */
  g_assert_cmpstr (orchard_prepare_page_get_part_text (page, ORCHARD_PART_TRAIN), ==, "310 rows (70.1%)");
  g_assert_cmpstr (orchard_prepare_page_get_part_text (page, ORCHARD_PART_VALID), ==, "66 rows (14.9%)");
  g_assert_cmpstr (orchard_prepare_page_get_part_text (page, ORCHARD_PART_TEST), ==, "66 rows (14.9%)");

  plot = orchard_prepare_page_get_balance_plot (page, ORCHARD_PART_TRAIN);
  g_assert_true (ORCHARD_IS_BAR_PLOT (plot));
  g_assert_cmpuint (orchard_bar_plot_get_n_bars (ORCHARD_BAR_PLOT (plot)), ==, 3);
  g_assert_null (orchard_prepare_page_get_balance_plot (page, ORCHARD_PART_VALID));
  target = orchard_column_get_values (orchard_table_get_column (ref.table, orchard_table_find_column (ref.table, "target")));
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      gsize n;
      const gsize *rows = orchard_partition_get_rows (ref.partition, part, &n);
      double sum = 0.0;

      for (gsize i = 0; i < n; i++)
        sum += target[rows[i]];
      g_assert_cmpstr (orchard_bar_plot_get_bar_label (ORCHARD_BAR_PLOT (plot), part), ==,
                       orchard_prep_part_label (part));
      g_assert_cmpfloat_with_epsilon (orchard_bar_plot_get_bar_value (ORCHARD_BAR_PLOT (plot), part),
                                      sum / n, 1e-9);
    }
}

static gboolean
session_loaded (gpointer data)
{
  OrchardSession *session = data;

  return !orchard_session_get_loading (session) && orchard_session_get_table (session) != NULL;
}

/* Closing a window while its data is prepared neither crashes nor warns,
 * and no result arrives for it. */
static void
test_close_while_preparing (void)
{
  g_autofree char *path = app_test_sample_path ("penguins.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OrchardSession) session = NULL;
  OrchardWindow *other;

  g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
  other = ORCHARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (other != window);
  session = g_object_ref (orchard_window_get_session (other));
  orchard_window_open (other, file);
  g_assert_true (app_test_wait_for (session_loaded, session, 60000));

  orchard_session_set_role (session, orchard_table_find_column (orchard_session_get_table (session), "species"),
                            ORCHARD_COLUMN_ROLE_TARGET);
  g_assert_true (orchard_session_get_preparing (session));
  gtk_window_destroy (GTK_WINDOW (other));
  app_test_spin (1500);

  g_assert_false (orchard_session_get_preparing (session));
  g_assert_null (orchard_session_get_prepared (session));
  gtk_window_present (GTK_WINDOW (window));
}

static void
test_screenshots (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *path = app_test_sample_path ("penguins.csv");
  OrchardPreparePage *page = get_page ();

  open_path (path);
  set_target ("species");
  /* Linear models: scaled numbers, one-hot categories. */
  gtk_drop_down_set_selected (orchard_prepare_page_get_family_dropdown (page), ORCHARD_MODEL_FAMILY_LINEAR);
  gtk_widget_activate_action (GTK_WIDGET (page), "prepare.automatic", NULL);
  wait_prepared ();
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "prepare"), ==, "4 steps · 240/52/52 rows");
  orchard_window_show_phase (window, "prepare");
  app_test_resize (1100, 720);
  scroll_top ();
  app_test_save_screenshot ("prepare-wide-light.png");
  /* Scaled values have other units: a plot on each side. */
  g_assert_true (orchard_prepare_page_preview_column (page, "bill_length_mm"));
  g_assert_true (ORCHARD_IS_HISTOGRAM_PLOT (orchard_prep_preview_get_plot (orchard_prepare_page_get_preview (page), TRUE)));
  {
    double mean, std;

    /* Standardised: mean 0 (ddof does not matter) and, with the 240
     * values, a sample standard deviation of sqrt(240/239). */
    g_assert_true (orchard_prep_preview_get_number (orchard_prepare_page_get_preview (page), TRUE, "mean", &mean));
    g_assert_cmpfloat (fabs (mean), <, 1e-12);
    g_assert_true (orchard_prep_preview_get_number (orchard_prepare_page_get_preview (page), TRUE, "std", &std));
    g_assert_cmpfloat_with_epsilon (std, sqrt (240.0 / 239.0), 1e-9);
  }
  app_test_scroll_to (GTK_WIDGET (orchard_prepare_page_get_preview (page)));
  app_test_save_screenshot ("prepare-scaled-light.png");
  app_test_scroll_to (GTK_WIDGET (app_test_find_label (GTK_WIDGET (page), "Leakage Checks")));
  app_test_save_screenshot ("prepare-results-light.png");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  app_test_spin (400);
  scroll_top ();
  app_test_save_screenshot ("prepare-dark.png");
  app_test_scroll_to (GTK_WIDGET (orchard_prepare_page_get_preview (page)));
  app_test_save_screenshot ("prepare-preview-dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  app_test_spin (400);

  app_test_resize (360, 640);
  orchard_window_show_phase (window, "prepare");
  scroll_top ();
  app_test_save_screenshot ("prepare-page-narrow.png");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (step_row (0)), TRUE);
  app_test_scroll_to (GTK_WIDGET (step_row (0)));
  app_test_save_screenshot ("prepare-step-narrow.png");
  app_test_scroll_to (GTK_WIDGET (app_test_find_label (GTK_WIDGET (page), "Rows per Part")));
  app_test_save_screenshot ("prepare-parts-narrow.png");
  app_test_resize (1100, 720);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app_test_init (&argc, &argv);

  window = app_test_open_window (1100, 720);
  app = app_test_get_application ();

  g_test_add_func ("/app/prepare/labels", test_labels);
  g_test_add_func ("/app/prepare/report-labels", test_report_labels);
  g_test_add_func ("/app/prepare/needs-target", test_needs_target);
  g_test_add_func ("/app/prepare/target-prepares", test_target_prepares);
  g_test_add_func ("/app/prepare/automatic-trees", test_automatic_trees);
  g_test_add_func ("/app/prepare/change-strategy", test_change_strategy);
  g_test_add_func ("/app/prepare/change-fractions", test_change_fractions);
  g_test_add_func ("/app/prepare/newer-change-wins", test_newer_change_wins);
  g_test_add_func ("/app/prepare/columns-picker", test_columns_picker);
  g_test_add_func ("/app/prepare/edit-steps", test_edit_steps);
  g_test_add_func ("/app/prepare/group-split", test_group_split);
  g_test_add_func ("/app/prepare/leakage", test_leakage);
  g_test_add_func ("/app/prepare/time-split", test_time_split);
  g_test_add_func ("/app/prepare/numeric-target", test_numeric_target);
  g_test_add_func ("/app/prepare/close-while-preparing", test_close_while_preparing);
  g_test_add_func ("/app/prepare/screenshots", test_screenshots);

  status = app_test_run ();

  return status;
}
