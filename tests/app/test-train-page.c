/* test-train-page.c: the Train page, driven in-process as a user drives it
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers the page shows are checked against an OrchardTrainer run on
 * its own with the same learner, parameters, split and seed; the curve is
 * sampled while the model trains to see it grow; the responsiveness of the
 * main loop while a large gbdt trains is measured and reported.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app-test-util.h"
#include "orchard-application.h"
#include "orchard-plots.h"
#include "orchard-window.h"

static OrchardWindow *window;

/* ---- helpers ------------------------------------------------------------ */

static OrchardSession *
get_session (void)
{
  return orchard_window_get_session (window);
}

static OrchardTrainPage *
get_page (void)
{
  return orchard_window_get_train_page (window);
}

static void
open_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-uri", "s", uri);
  g_assert_true (app_test_wait_for (app_test_loaded, NULL, 600000));
  /* Runs are recorded on the data set once the project has it. */
  g_assert_true (app_test_wait_for (app_test_recorded, NULL, 600000));
  g_assert_null (orchard_window_get_error_message (window));
}

static void
set_target (const char *name)
{
  OrchardSession *session = get_session ();
  int index = orchard_table_find_column (orchard_session_get_table (session), name);

  g_assert_cmpint (index, >=, 0);
  orchard_session_set_role (session, index, ORCHARD_COLUMN_ROLE_TARGET);
  g_assert_true (app_test_wait_for (app_test_prepared, NULL, 600000));
}

static void
open_penguins (void)
{
  g_autofree char *path = app_test_sample_path ("penguins.csv");

  open_path (path);
  set_target ("species");
  orchard_window_show_phase (window, "train");
  g_assert_cmpstr (orchard_train_page_get_state (get_page ()), ==, "train");
}

static gboolean
not_training (gpointer data)
{
  return !orchard_train_page_get_training (get_page ());
}

static void
train (void)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_page ()), "train.train", NULL));
  g_assert_true (orchard_train_page_get_training (get_page ()));
  g_assert_true (app_test_wait_for (not_training, NULL, 600000));
}

static void
set_spin (const char *param,
          double      value)
{
  GtkWidget *control = orchard_train_page_get_param_control (get_page (), param);

  g_assert_true (GTK_IS_SPIN_BUTTON (control));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (control), value);
}

static void
set_switch (const char *param,
            gboolean    active)
{
  GtkWidget *control = orchard_train_page_get_param_control (get_page (), param);

  g_assert_true (GTK_IS_SWITCH (control));
  gtk_switch_set_active (GTK_SWITCH (control), active);
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_empty_states (void)
{
  OrchardTrainPage *page = get_page ();
  g_autofree char *path = app_test_sample_path ("penguins.csv");

  orchard_window_show_phase (window, "train");
  g_assert_cmpstr (orchard_train_page_get_state (page), ==, "no-data");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "train.train", NULL) &&
                  orchard_train_page_get_training (page));
  app_test_save_screenshot ("train-no-data.png");

  open_path (path);
  g_assert_cmpstr (orchard_train_page_get_state (page), ==, "no-target");
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "train"), ==, "No runs yet");
}

/* Learners that cannot do the task are insensitive and say why; the
 * default is gbdt. */
static void
test_learners (void)
{
  OrchardTrainPage *page = get_page ();
  const char *regressors[] = { "linear", "ridge", "lasso", "elastic-net" };
  const char *classifiers[] = { "logistic", "naive-bayes", "knn", "mlp", "tree", "forest", "gbdt" };

  open_penguins ();
  g_assert_cmpstr (orchard_train_page_get_learner (page), ==, "gbdt");

  for (guint i = 0; i < G_N_ELEMENTS (regressors); i++)
    {
      GtkWidget *row = orchard_train_page_get_learner_row (page, regressors[i]);

      g_assert_nonnull (row);
      g_assert_false (gtk_widget_get_sensitive (row));
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                "Not for “species”: it predicts numbers, and “species” holds classes"));
      g_assert_false (orchard_train_page_select_learner (page, regressors[i]));
      g_assert_cmpstr (orchard_train_page_get_learner (page), ==, "gbdt");
    }
  for (guint i = 0; i < G_N_ELEMENTS (classifiers); i++)
    g_assert_true (gtk_widget_get_sensitive (orchard_train_page_get_learner_row (page, classifiers[i])));

  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (orchard_train_page_get_learner_row (page, "gbdt"))),
                            "Strong default for tabular data"));

  /* A numeric target turns it round. */
  set_target ("body_mass_g");
  g_assert_true (gtk_widget_get_sensitive (orchard_train_page_get_learner_row (page, "ridge")));
  g_assert_false (gtk_widget_get_sensitive (orchard_train_page_get_learner_row (page, "logistic")));
  g_assert_false (gtk_widget_get_sensitive (orchard_train_page_get_learner_row (page, "naive-bayes")));
  g_assert_true (orchard_train_page_select_learner (page, "ridge"));
  g_assert_cmpstr (orchard_train_page_get_learner (page), ==, "ridge");
  set_target ("species");
  /* ridge cannot predict classes: the choice moves to the default. */
  g_assert_cmpstr (orchard_train_page_get_learner (page), ==, "gbdt");
}

/* The form is built from the GParamSpecs: ranges, kinds, defaults. */
static void
test_form (void)
{
  OrchardTrainPage *page = get_page ();
  OrchardModel *draft;
  g_autofree GParamSpec **params = NULL;
  guint n_params = 0;
  GtkWidget *control;
  GtkAdjustment *adjustment;
  guint value;

  open_penguins ();
  g_assert_true (orchard_train_page_select_learner (page, "gbdt"));
  draft = orchard_train_page_get_draft (page);
  g_assert_cmpstr (orchard_model_get_name (draft), ==, "gbdt");

  params = orchard_model_class_list_params (ORCHARD_MODEL_GET_CLASS (draft), &n_params);
  g_assert_cmpuint (n_params, >, 5);
  for (guint i = 0; i < n_params; i++)
    {
      GType type = G_PARAM_SPEC_VALUE_TYPE (params[i]);

      control = orchard_train_page_get_param_control (page, params[i]->name);
      g_assert_nonnull (control);
      if (G_TYPE_IS_ENUM (type))
        {
          GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (control));
          g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_PARAM_SPEC_ENUM (params[i])->enum_class->n_values);
        }
      else if (type == G_TYPE_BOOLEAN)
        g_assert_true (GTK_IS_SWITCH (control));
      else if (type == G_TYPE_UINT)
        {
          adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (control));
          g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, G_PARAM_SPEC_UINT (params[i])->minimum);
          g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, MIN (G_PARAM_SPEC_UINT (params[i])->maximum, 9007199254740992.0));
          g_assert_cmpuint (gtk_spin_button_get_digits (GTK_SPIN_BUTTON (control)), ==, 0);
          g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (control)), ==, G_PARAM_SPEC_UINT (params[i])->default_value);
        }
      else if (type == G_TYPE_DOUBLE)
        {
          adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (control));
          g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), >=, G_PARAM_SPEC_DOUBLE (params[i])->minimum);
          g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=, G_PARAM_SPEC_DOUBLE (params[i])->maximum);
          g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (control)),
                                          G_PARAM_SPEC_DOUBLE (params[i])->default_value, 1e-12);
        }
      /* The blurb is the row's subtitle. */
      if (!G_TYPE_IS_ENUM (type))
        {
          GtkWidget *row = gtk_widget_get_ancestor (control, ADW_TYPE_ACTION_ROW);
          g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, g_param_spec_get_blurb (params[i]));
        }
    }

  /* The learning rate steps by a tenth of its default's order. */
  control = orchard_train_page_get_param_control (page, "learning-rate");
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_step_increment (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (control))),
                                  0.01, 1e-12);

  /* Values beyond the range cannot be entered: the spin button clamps. */
  set_spin ("max-leaves", 1);
  g_object_get (draft, "max-leaves", &value, NULL);
  g_assert_cmpuint (value, ==, 2);
  set_spin ("n-trees", 40);
  g_object_get (draft, "n-trees", &value, NULL);
  g_assert_cmpuint (value, ==, 40);
  set_switch ("early-stopping", FALSE);
  {
    gboolean early;
    g_object_get (draft, "early-stopping", &early, NULL);
    g_assert_false (early);
  }
  control = orchard_train_page_get_param_control (page, "loss");
  adw_combo_row_set_selected (ADW_COMBO_ROW (control), 1);
  {
    int loss;
    GEnumClass *klass = G_PARAM_SPEC_ENUM (g_object_class_find_property (G_OBJECT_GET_CLASS (draft), "loss"))->enum_class;

    g_object_get (draft, "loss", &loss, NULL);
    g_assert_cmpint (loss, ==, klass->values[1].value);
  }

  /* Another learner has a form of its own; coming back keeps the edits. */
  g_assert_true (orchard_train_page_select_learner (page, "mlp"));
  g_assert_nonnull (orchard_train_page_get_param_control (page, "hidden-layers"));
  g_assert_null (orchard_train_page_get_param_control (page, "n-trees"));
  g_assert_true (orchard_train_page_select_learner (page, "gbdt"));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (orchard_train_page_get_param_control (page, "n-trees"))), ==, 40);

  /* Reset to defaults. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.reset-params", NULL));
  draft = orchard_train_page_get_draft (page);
  g_object_get (draft, "n-trees", &value, NULL);
  g_assert_cmpuint (value, ==, G_PARAM_SPEC_UINT (g_object_class_find_property (G_OBJECT_GET_CLASS (draft), "n-trees"))->default_value);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (orchard_train_page_get_param_control (page, "n-trees"))), ==, value);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (orchard_train_page_get_param_control (page, "early-stopping"))));
}

/* A text parameter with a wrong syntax keeps Train off until it is right. */
static void
test_text_param (void)
{
  OrchardTrainPage *page = get_page ();
  GtkWidget *entry;
  g_autofree char *layers = NULL;

  open_penguins ();
  g_assert_true (orchard_train_page_select_learner (page, "mlp"));
  entry = orchard_train_page_get_param_control (page, "hidden-layers");
  g_assert_true (ADW_IS_ENTRY_ROW (entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "10,x");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "train.train", NULL) &&
                  orchard_train_page_get_training (page));

  gtk_editable_set_text (GTK_EDITABLE (entry), "8,4");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_object_get (orchard_train_page_get_draft (page), "hidden-layers", &layers, NULL);
  g_assert_cmpstr (layers, ==, "8,4");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.reset-params", NULL));
  g_assert_true (orchard_train_page_select_learner (page, "gbdt"));
}

typedef struct
{
  GArray *counts;   /* guint: the training loss points, each time they changed */
  guint   n_while_training;
} Samples;

static gboolean
sample_cb (gpointer data)
{
  Samples *samples = data;
  OrchardLinePlot *plot = ORCHARD_LINE_PLOT (orchard_train_page_get_curve (get_page ()));
  guint n = orchard_line_plot_get_n_points (plot, 0);

  if (!orchard_train_page_get_training (get_page ()))
    return G_SOURCE_CONTINUE;
  if (samples->counts->len == 0 || g_array_index (samples->counts, guint, samples->counts->len - 1) != n)
    {
      g_array_append_val (samples->counts, n);
      if (n > 0)
        samples->n_while_training++;
    }
  return G_SOURCE_CONTINUE;
}

static void
assert_same_metrics (OrchardModelRun *run,
                     OrchardTrainer  *trainer)
{
  const char *keys[] = { "accuracy", "balanced_accuracy", "f1_macro", "log_loss" };

  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        double shown, expected;
        const char *text = NULL;
        g_autofree char *formatted = NULL;

        g_assert_true (orchard_metrics_lookup (orchard_trainer_get_metrics (trainer, part), keys[k], &expected));
        g_assert_true (orchard_train_page_get_metric (get_page (), part, keys[k], &shown, &text));
        g_assert_cmpfloat (shown, ==, expected);
        formatted = g_str_equal (keys[k], "log_loss") ? g_strdup_printf ("%.4g", expected)
                                                      : g_strdup_printf ("%.3f", expected);
        g_assert_cmpstr (text, ==, formatted);
        g_assert_true (orchard_metrics_lookup (orchard_model_run_get_metrics (run, part), keys[k], &shown));
        g_assert_cmpfloat (shown, ==, expected);
      }
}

/* The whole path: automatic pipeline, gbdt with a parameter changed in the
 * form, a curve that grows while it trains, and the trainer's numbers. */
static void
test_train_gbdt (void)
{
  OrchardTrainPage *page = get_page ();
  OrchardLinePlot *plot = ORCHARD_LINE_PLOT (orchard_train_page_get_curve (page));
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  Samples samples = { g_array_new (FALSE, FALSE, sizeof (guint)), 0 };
  OrchardModelRun *run;
  const OrchardHistoryEntry *history;
  guint n_history = 0, sampler, n_runs_before;
  guint updates_before = orchard_train_page_get_n_curve_updates (page);

  open_penguins ();
  adw_combo_row_set_selected (orchard_train_page_get_pipeline_row (page), 0);
  g_assert_true (orchard_train_page_select_learner (page, "gbdt"));
  /* Slow learning without early stopping: a long curve to watch grow. */
  set_spin ("learning-rate", 0.002);
  set_spin ("n-trees", 12000);
  set_switch ("early-stopping", FALSE);
  n_runs_before = g_list_model_get_n_items (orchard_session_get_runs (get_session ()));

  sampler = g_timeout_add (5, sample_cb, &samples);
  train ();
  g_source_remove (sampler);

  run = orchard_train_page_get_last_run (page);
  g_assert_nonnull (run);
  g_assert_cmpint (orchard_model_run_get_status (run), ==, ORCHARD_RUN_FINISHED);
  g_assert_cmpuint (g_list_model_get_n_items (orchard_session_get_runs (get_session ())), ==, n_runs_before + 1);

  /* It grew while training: several sizes seen, each larger. */
  g_test_message ("the curve was seen at %u sizes while training; %u updates",
                  samples.n_while_training, orchard_train_page_get_n_curve_updates (page) - updates_before);
  g_assert_cmpuint (samples.n_while_training, >=, 2);
  for (guint i = 1; i < samples.counts->len; i++)
    g_assert_cmpuint (g_array_index (samples.counts, guint, i), >, g_array_index (samples.counts, guint, i - 1));

  /* In the end, the whole curve: both losses at every iteration. */
  history = orchard_model_run_get_history (run, &n_history);
  g_assert_cmpuint (n_history, ==, 12000);
  g_assert_cmpuint (orchard_line_plot_get_n_points (plot, 0), ==, n_history);
  g_assert_cmpuint (orchard_line_plot_get_n_points (plot, 1), ==, n_history);
  g_assert_cmpuint (orchard_line_plot_get_n_series (plot), ==, 2);
  g_assert_cmpint (orchard_train_page_get_marked_iteration (page), ==, -1);
  g_assert_true (history[n_history - 1].valid_loss < history[0].valid_loss);

  /* The engine on its own gets the same numbers. */
  trainer = app_test_reference_trainer (get_session (), run, "species", &artifact);
  assert_same_metrics (run, trainer);
  {
    guint n_reference = 0;
    const OrchardHistoryEntry *reference = orchard_model_get_history (orchard_artifact_get_model (artifact), &n_reference);

    g_assert_cmpuint (n_reference, ==, n_history);
    for (guint i = 0; i < n_history; i++)
      {
        g_assert_cmpfloat (history[i].train_loss, ==, reference[i].train_loss);
        g_assert_cmpfloat (history[i].valid_loss, ==, reference[i].valid_loss);
      }
  }

  /* The project file has the run, with the same numbers. */
  g_test_message ("the session %s a project", orchard_session_get_project (get_session ()) != NULL ? "has" : "has no");
  if (orchard_session_get_project (get_session ()) != NULL)
    {
      OrchardRun *record = orchard_model_run_get_record (run);
      double recorded_value, expected;

      g_assert_nonnull (record);
      g_assert_cmpint (orchard_run_get_status (record), ==, ORCHARD_RUN_FINISHED);
      g_assert_cmpstr (orchard_run_get_model (record), ==, "gbdt");
      g_assert_true (orchard_metrics_lookup (orchard_trainer_get_metrics (trainer, ORCHARD_PART_VALID),
                                             "accuracy", &expected));
      g_assert_true (orchard_run_lookup_metric (record, orchard_part_to_string (ORCHARD_PART_VALID),
                                                ORCHARD_RUN_FOLD_NONE, "accuracy", &recorded_value));
      g_assert_cmpfloat (recorded_value, ==, expected);
    }

  /* The run's arrow opens it on the Evaluate page. */
  {
    g_autoptr(OrchardModelRun) other = NULL;
    GListModel *runs = orchard_session_get_runs (get_session ());

    /* Another run shown first, so that opening this one changes something. */
    if (g_list_model_get_n_items (runs) > 1)
      {
        other = g_list_model_get_item (runs, 0);
        if (other != run && orchard_model_run_get_artifact (other) != NULL)
          gtk_widget_activate_action (GTK_WIDGET (page), "train.show-run", "s", orchard_model_run_get_id (other));
      }
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.show-run", "s", orchard_model_run_get_id (run)));
    g_assert_true (orchard_evaluate_page_get_run (orchard_window_get_evaluate_page (window)) == run);
    orchard_window_show_phase (window, "train");
  }

  {
    guint n_runs = g_list_model_get_n_items (orchard_session_get_runs (get_session ()));
    g_autofree char *expected = g_strdup_printf (n_runs == 1 ? "%u run" : "%u runs", n_runs);
    g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "train"), ==, expected);
  }

  g_array_unref (samples.counts);
}

/* Early stopping is marked where the learner stopped: the kept iteration. */
static void
test_early_stop (void)
{
  OrchardTrainPage *page = get_page ();
  OrchardLinePlot *plot = ORCHARD_LINE_PLOT (orchard_train_page_get_curve (page));
  OrchardModelRun *run;
  OrchardModel *model;
  guint n_history = 0;
  int best;

  open_penguins ();
  g_assert_true (orchard_train_page_select_learner (page, "gbdt"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.reset-params", NULL));
  set_spin ("learning-rate", 0.5);
  set_spin ("n-trees", 2000);
  set_spin ("patience", 5);
  train ();

  run = orchard_train_page_get_last_run (page);
  g_assert_cmpint (orchard_model_run_get_status (run), ==, ORCHARD_RUN_FINISHED);
  model = orchard_artifact_get_model (orchard_model_run_get_artifact (run));
  best = orchard_model_get_best_iteration (model);
  orchard_model_run_get_history (run, &n_history);
  g_test_message ("stopped after %u iterations, kept %d", n_history, best);
  g_assert_cmpuint (n_history, <, 2000);
  g_assert_cmpint (best, <, (int) n_history);
  g_assert_cmpint (orchard_train_page_get_marked_iteration (page), ==, best);
  g_assert_cmpuint (orchard_line_plot_get_n_series (plot), ==, 3);
  g_assert_cmpuint (orchard_line_plot_get_n_points (plot, 2), ==, 2);
  g_assert_nonnull (strstr (orchard_plot_get_subtitle (ORCHARD_PLOT (plot)), "Stopped early"));
}

static gboolean
curve_started (gpointer data)
{
  return orchard_line_plot_get_n_points (ORCHARD_LINE_PLOT (orchard_train_page_get_curve (get_page ())), 0) >= 3;
}

/* Stop leaves a stopped run with the curve it got to. */
static void
test_cancel (void)
{
  OrchardTrainPage *page = get_page ();
  OrchardModelRun *run;
  guint n_history = 0;
  gint64 asked;

  open_penguins ();
  g_assert_true (orchard_train_page_select_learner (page, "gbdt"));
  set_spin ("learning-rate", 0.001);
  set_spin ("n-trees", 100000);
  set_switch ("early-stopping", FALSE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.train", NULL));
  g_assert_true (app_test_wait_for (curve_started, NULL, 120000));
  g_assert_true (orchard_train_page_get_training (page));
  asked = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.cancel", NULL));
  g_assert_true (app_test_wait_for (not_training, NULL, 60000));
  g_test_message ("stopped %.0f ms after Stop", (g_get_monotonic_time () - asked) / 1000.0);

  run = orchard_train_page_get_last_run (page);
  g_assert_cmpint (orchard_model_run_get_status (run), ==, ORCHARD_RUN_CANCELLED);
  g_assert_null (orchard_model_run_get_artifact (run));
  orchard_model_run_get_history (run, &n_history);
  g_assert_cmpuint (n_history, >=, 3);
  g_assert_cmpuint (n_history, <, 100000);
  g_assert_false (orchard_train_page_get_metric (page, ORCHARD_PART_VALID, "accuracy", NULL, NULL));
  if (orchard_session_get_project (get_session ()) != NULL)
    {
      g_assert_nonnull (orchard_model_run_get_record (run));
      g_assert_cmpint (orchard_run_get_status (orchard_model_run_get_record (run)), ==, ORCHARD_RUN_CANCELLED);
    }
  /* It stays in the list, as stopped. */
  {
    GListModel *runs = orchard_session_get_runs (get_session ());
    g_autoptr(OrchardModelRun) last = g_list_model_get_item (runs, g_list_model_get_n_items (runs) - 1);
    g_assert_true (last == run);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.reset-params", NULL));
}

static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, title);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Tags, note, delete. */
static void
test_runs_list (void)
{
  OrchardTrainPage *page = get_page ();
  GListModel *runs = orchard_session_get_runs (get_session ());
  GtkListBox *list = orchard_train_page_get_runs_list (page);
  g_autoptr(OrchardModelRun) run = NULL;
  GtkListBoxRow *row;
  guint n = g_list_model_get_n_items (runs);
  guint n_rows = 0;

  g_assert_cmpuint (n, >=, 1);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child; child = gtk_widget_get_next_sibling (child))
    n_rows += GTK_IS_LIST_BOX_ROW (child);
  g_assert_cmpuint (n_rows, ==, n);

  run = g_list_model_get_item (runs, 0);
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), orchard_model_run_get_model_name (run)));

  /* Tags and a note typed into the row and applied (Enter). */
  {
    GtkWidget *tags = find_entry_row (GTK_WIDGET (row), "Tags, separated by commas");
    GtkWidget *note = find_entry_row (GTK_WIDGET (row), "Note");

    g_assert_nonnull (tags);
    g_assert_nonnull (note);
    gtk_editable_set_text (GTK_EDITABLE (tags), " baseline, gbdt ,, baseline");
    g_signal_emit_by_name (tags, "apply");
    gtk_editable_set_text (GTK_EDITABLE (note), "first try");
    g_signal_emit_by_name (note, "apply");
  }
  g_assert_cmpuint (g_strv_length ((char **) orchard_model_run_get_tags (run)), ==, 2);
  g_assert_cmpstr (orchard_model_run_get_tags (run)[0], ==, "baseline");
  g_assert_cmpstr (orchard_model_run_get_tags (run)[1], ==, "gbdt");
  g_assert_cmpstr (orchard_model_run_get_note (run), ==, "first try");

  /* The project has them too, and loses the run with Delete. */
  if (orchard_model_run_get_record (run) != NULL)
    {
      OrchardProject *project = orchard_session_get_project (get_session ());
      gint64 id = orchard_run_get_id (orchard_model_run_get_record (run));
      g_autoptr(OrchardRun) stored = orchard_project_get_run (project, id, NULL);

      g_assert_nonnull (stored);
      g_assert_cmpstr (orchard_run_get_note (stored), ==, "first try");
      g_assert_true (g_hash_table_contains (orchard_run_get_tags (stored), "baseline"));
      g_assert_true (g_hash_table_contains (orchard_run_get_tags (stored), "gbdt"));
      g_assert_cmpuint (g_hash_table_size (orchard_run_get_tags (stored)), ==, 2);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.delete-run", "s", orchard_model_run_get_id (run)));
      g_clear_object (&stored);
      stored = orchard_project_get_run (project, id, NULL);
      g_assert_null (stored);
    }
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.delete-run", "s", orchard_model_run_get_id (run)));
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, n - 1);
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(OrchardModelRun) other = g_list_model_get_item (runs, i);
      g_assert_true (other != run);
    }
}

/* ---- responsiveness --------------------------------------------------------- */

typedef struct
{
  const char *name;
  gint64      last;
  gint64      longest;
  guint       n;
  gint64      last_cpu;
  gint64      longest_cpu;
  GArray     *gaps;      /* Gap: every one, for the distribution */
} Probe;

typedef struct
{
  gint64 wall;   /* µs between two turns */
  gint64 cpu;    /* of it, the main thread's CPU time */
} Gap;

/* The main thread's own CPU time, in µs: what a gap cost it, as opposed
 * to the time it waited for a CPU on a loaded machine. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
probe_cb (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (probe->last != 0 && probe->gaps != NULL)
    {
      Gap gap = { now - probe->last, cpu - probe->last_cpu };

      g_array_append_val (probe->gaps, gap);
    }

  if (probe->last_cpu != 0 && cpu - probe->last_cpu > probe->longest_cpu)
    {
      probe->longest_cpu = cpu - probe->last_cpu;
      if (g_getenv ("ORCHARD_DEBUG_STALLS") != NULL)
        g_printerr ("# %s: longest main-thread CPU between turns so far: %.1f ms, ended at %.3f s\n",
                    probe->name, probe->longest_cpu / 1000.0, now / 1e6);
    }
  probe->last_cpu = cpu;

  if (probe->last != 0 && now - probe->last > probe->longest)
    {
      probe->longest = now - probe->last;
      if (g_getenv ("ORCHARD_DEBUG_STALLS") != NULL)
        g_printerr ("# %s: longest gap so far: %.1f ms, ended at %.3f s\n",
                    probe->name, probe->longest / 1000.0, now / 1e6);
    }
  probe->last = now;
  probe->n++;
  return G_SOURCE_CONTINUE;
}

static gboolean
frame_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  return probe_cb (data);
}

/* ORCHARD_DEBUG_STALLS: the main thread's CPU time in each phase of a
 * frame that took more than 5 ms of it, to tell layout from drawing. */
static gint64 frame_phase_cpu[2];

static void
before_paint_cb (GdkFrameClock *clock)
{
  frame_phase_cpu[0] = frame_phase_cpu[1] = thread_cpu_time ();
}

static void
layout_done_cb (GdkFrameClock *clock)
{
  frame_phase_cpu[1] = thread_cpu_time ();
}

static void
paint_done_cb (GdkFrameClock *clock)
{
  gint64 now = thread_cpu_time ();

  if (frame_phase_cpu[0] != 0 && now - frame_phase_cpu[0] > 5000)
    g_printerr ("# frame at %.3f s: update and layout %.1f ms, drawing %.1f ms of main-thread CPU\n",
                g_get_monotonic_time () / 1e6, (frame_phase_cpu[1] - frame_phase_cpu[0]) / 1000.0,
                (now - frame_phase_cpu[1]) / 1000.0);
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  const Gap *x = a, *y = b;

  return (x->wall > y->wall) - (x->wall < y->wall);
}

/* The distribution of the main loop's stalls (gap minus the probe's 5 ms
 * period) and, for the long ones, how much of them the main thread spent
 * working rather than waiting for a core. */
static void
report_gaps (GArray *gaps)
{
  guint n = gaps->len, n_over_20 = 0, n_over_50 = 0;
  gint64 cpu_over_50 = 0;
  Gap *sorted;

  if (n == 0)
    return;

  g_array_sort (gaps, compare_gaps);
  sorted = (Gap *) gaps->data;
  for (guint i = 0; i < n; i++)
    {
      n_over_20 += sorted[i].wall - 5000 > 20000;
      if (sorted[i].wall - 5000 > 50000)
        {
          n_over_50++;
          cpu_over_50 = MAX (cpu_over_50, sorted[i].cpu);
        }
    }
  g_test_message ("%u turns of the main loop: stall median %.1f ms, 99th percentile %.1f ms, "
                  "99.9th %.1f ms, longest %.1f ms (main-thread CPU in it %.1f ms); %u stalls "
                  "over 20 ms, %u over 50 ms (the most main-thread CPU in one of those %.1f ms)",
                  n, MAX (sorted[n / 2].wall - 5000, 0) / 1000.0,
                  MAX (sorted[(guint) (n * 0.99)].wall - 5000, 0) / 1000.0,
                  MAX (sorted[MIN ((guint) (n * 0.999), n - 1)].wall - 5000, 0) / 1000.0,
                  MAX (sorted[n - 1].wall - 5000, 0) / 1000.0, sorted[n - 1].cpu / 1000.0,
                  n_over_20, n_over_50, cpu_over_50 / 1000.0);
}

/* Writes @n_rows of a two-class problem with numbers, a category and
 * missing values, as a CSV. */
static char *
write_large_csv (gsize n_rows)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "orchard-train-stall.csv", NULL);
  g_autoptr(GString) text = g_string_sized_new (n_rows * 48);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  const char *colours[] = { "red", "green", "blue", "grey" };

  g_string_append (text, "x1,x2,x3,x4,colour,label\n");
  for (gsize i = 0; i < n_rows; i++)
    {
      double x1 = g_rand_double_range (rand, -2, 2);
      double x2 = g_rand_double_range (rand, -2, 2);
      double x3 = g_rand_double_range (rand, 0, 10);
      double x4 = g_rand_double_range (rand, -1, 1);
      guint colour = g_rand_int_range (rand, 0, 4);
      double score = x1 * x2 + sin (x3) + 0.5 * colour - 0.75 + g_rand_double_range (rand, -0.8, 0.8);

      g_string_append_printf (text, "%.4f,%.4f,", x1, x2);
      if (i % 50 == 0)
        g_string_append (text, ",");
      else
        g_string_append_printf (text, "%.4f,", x3);
      g_string_append_printf (text, "%.4f,%s,%s\n", x4, colours[colour], score > 0 ? "yes" : "no");
    }

  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* While a large gbdt trains, the main loop keeps turning and frames keep
 * coming: the longest gaps are reported (not asserted: timings depend on
 * the machine). ORCHARD_STALL_ROWS sets the rows (1,000,000 for the
 * figure in docs/app.md). */
static void
test_responsive_while_training (void)
{
  OrchardTrainPage *page = get_page ();
  const char *rows_env = g_getenv ("ORCHARD_STALL_ROWS");
  gsize n_rows = rows_env != NULL ? g_ascii_strtoull (rows_env, NULL, 10) : 100000;
  g_autofree char *path = write_large_csv (n_rows);
  Probe loop = { "main loop", 0, 0, 0, 0, 0, g_array_new (FALSE, FALSE, sizeof (Gap)) };
  Probe frames = { "frames", 0, 0, 0, 0, 0, NULL };
  guint probe_id, tick_id;
  gint64 started;
  guint n_history = 0;

  open_path (path);
  set_target ("label");
  orchard_window_show_phase (window, "train");
  g_assert_true (orchard_train_page_select_learner (page, "gbdt"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.reset-params", NULL));
  set_spin ("n-trees", 60);
  /* Showing the page lays it out the first time: that is not training. */
  app_test_spin (1000);

  probe_id = g_timeout_add_full (G_PRIORITY_HIGH, 5, probe_cb, &loop, NULL);
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), frame_cb, &frames, NULL);
  if (g_getenv ("ORCHARD_DEBUG_STALLS") != NULL)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

      g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
      g_signal_connect (clock, "layout", G_CALLBACK (layout_done_cb), NULL);
      g_signal_connect (clock, "after-paint", G_CALLBACK (paint_done_cb), NULL);
    }
  started = g_get_monotonic_time ();
  if (g_getenv ("ORCHARD_DEBUG_STALLS") != NULL)
    g_printerr ("# training starts at %.3f s\n", started / 1e6);
  train ();
  if (g_getenv ("ORCHARD_DEBUG_STALLS") != NULL)
    g_printerr ("# training ended at %.3f s\n", g_get_monotonic_time () / 1e6);
  /* The first frames after the run ends count too. */
  app_test_spin (500);
  g_source_remove (probe_id);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);

  g_assert_cmpint (orchard_model_run_get_status (orchard_train_page_get_last_run (page)), ==, ORCHARD_RUN_FINISHED);
  orchard_model_run_get_history (orchard_train_page_get_last_run (page), &n_history);
  g_assert_cmpuint (n_history, >, 0);
  g_assert_cmpuint (orchard_train_page_get_n_curve_updates (page), >, 0);
  /* Reported for docs/app.md; the probe is late by up to its period by design. */
  {
    double load[1] = { NAN };

    if (getloadavg (load, 1) < 1)
      load[0] = NAN;
    g_test_message ("gbdt on %" G_GSIZE_FORMAT " rows: %.1f s of training, %u iterations; longest "
                    "main-loop stall %.1f ms, longest main-thread CPU time between two turns %.1f ms, "
                    "longest gap between frames %.1f ms; load average %.1f",
                    n_rows, (g_get_monotonic_time () - started) / 1e6, n_history,
                    MAX (loop.longest / 1000.0 - 5.0, 0.0), loop.longest_cpu / 1000.0,
                    frames.longest / 1000.0, load[0]);
    report_gaps (loop.gaps);
  }
  g_array_unref (loop.gaps);

  /* The Evaluate page put off showing the new run while it was hidden: it
   * does so when it is shown, here by the run's arrow, as a user opens it. */
  {
    Probe showing = { "showing Evaluate", 0, 0, 0, 0, 0, g_array_new (FALSE, FALSE, sizeof (Gap)) };
    OrchardEvaluatePage *evaluate = orchard_window_get_evaluate_page (window);

    probe_id = g_timeout_add_full (G_PRIORITY_HIGH, 5, probe_cb, &showing, NULL);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.show-run", "s",
                                               orchard_model_run_get_id (orchard_train_page_get_last_run (page))));
    app_test_spin (1500);
    g_source_remove (probe_id);
    g_assert_true (orchard_evaluate_page_get_run (evaluate) == orchard_train_page_get_last_run (page));
    g_test_message ("showing the run on the Evaluate page: longest main-loop stall %.1f ms, longest "
                    "main-thread CPU time between two turns %.1f ms",
                    MAX (showing.longest / 1000.0 - 5.0, 0.0), showing.longest_cpu / 1000.0);
    report_gaps (showing.gaps);
    g_array_unref (showing.gaps);
    orchard_window_show_phase (window, "train");
  }
  if (g_getenv ("ORCHARD_DEBUG_STALLS") != NULL)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

      g_signal_handlers_disconnect_by_func (clock, before_paint_cb, NULL);
      g_signal_handlers_disconnect_by_func (clock, layout_done_cb, NULL);
      g_signal_handlers_disconnect_by_func (clock, paint_done_cb, NULL);
    }
  g_unlink (path);
}


static gboolean
not_searching (gpointer data)
{
  return !orchard_train_page_get_searching (get_page ());
}

static void
set_space (const char *param,
           const char *values)
{
  GtkEditable *entry = orchard_train_page_get_space_entry (get_page (), param);

  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, values);
}

static void
clear_space (void)
{
  const char *names[] = { "n-trees", "learning-rate", "max-leaves", "max-depth", "l2", "patience" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    set_space (names[i], "");
}

/* A grid over two parameters: every candidate listed with the score the
 * engine gives it on its own, the best marked, and trained on request. */
static void
test_search (void)
{
  OrchardTrainPage *page = get_page ();
  g_autoptr(OrchardTuner) reference = NULL;
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardSplit) split = NULL;
  g_autoptr(GError) error = NULL;
  OrchardSplit *session_split;
  OrchardModelRun *run;
  const OrchardTunerCandidate *best;
  double f[3];
  int best_id;

  open_penguins ();
  g_assert_true (orchard_train_page_select_learner (page, "gbdt"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.reset-params", NULL));
  set_spin ("n-trees", 60);
  orchard_train_page_set_search (page, 0, 0, FALSE);
  clear_space ();

  /* Nothing to vary: said so, nothing starts. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.search", NULL));
  g_assert_false (orchard_train_page_get_searching (page));
  g_assert_nonnull (orchard_train_page_get_search_problem (page));

  /* A value out of range: said so, with the parameter's name. */
  set_space ("max-leaves", "1, 8");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.search", NULL));
  g_assert_false (orchard_train_page_get_searching (page));
  g_assert_nonnull (strstr (orchard_train_page_get_search_problem (page), "max-leaves"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (orchard_train_page_get_space_entry (page, "max-leaves")), "error"));

  set_space ("max-leaves", "4, 8, 16");
  set_space ("learning-rate", "0.1,0.3");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.search", NULL));
  g_assert_true (orchard_train_page_get_searching (page));
  /* The page stays usable: the runs list and the form can be read, but
   * no second job starts. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "train.train", NULL) &&
                  orchard_train_page_get_training (page));
  g_assert_true (app_test_wait_for (not_searching, NULL, 600000));
  g_assert_null (orchard_train_page_get_search_problem (page));
  g_assert_cmpuint (orchard_train_page_get_n_candidates (page), ==, 6);

  /* The same search by the engine on its own. */
  session_split = orchard_session_get_split (get_session ());
  model = orchard_model_new_by_name ("gbdt", NULL);
  g_object_set (model, "n-trees", 60, NULL);
  reference = orchard_tuner_new (orchard_session_get_table (get_session ()), "species", model);
  /* The page adds them in the form's order. */
  g_assert_true (orchard_tuner_add_param (reference, "learning-rate=0.1,0.3", &error));
  g_assert_true (orchard_tuner_add_param (reference, "max-leaves=4,8,16", &error));
  split = orchard_split_new (orchard_split_get_method (session_split));
  orchard_split_get_fractions (session_split, &f[0], &f[1], &f[2]);
  g_assert_true (orchard_split_set_fractions (split, f[0], f[1], f[2], NULL));
  orchard_tuner_set_split (reference, split);
  orchard_tuner_set_seed (reference, orchard_split_get_seed (session_split));
  orchard_tuner_set_metric (reference, "log_loss");
  g_assert_true (orchard_tuner_run (reference, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_tuner_get_n_candidates (reference), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      const OrchardTunerCandidate *shown = orchard_train_page_get_candidate (page, i);
      const OrchardTunerCandidate *expected = orchard_tuner_get_candidate (reference, i);

      g_assert_nonnull (shown);
      g_assert_cmpint (shown->status, ==, ORCHARD_TUNER_STATUS_DONE);
      g_assert_true (g_variant_equal (shown->params, expected->params));
      g_assert_cmpfloat (shown->score, ==, expected->score);
    }
  best_id = orchard_train_page_get_best_candidate (page);
  g_assert_cmpint (best_id, ==, orchard_tuner_get_best (reference));
  g_assert_cmpint (best_id, ==, orchard_tuner_get_best (orchard_train_page_get_tuner (page)));
  app_test_scroll_to (orchard_train_page_get_candidate_row (page, 0));
  app_test_save_screenshot ("train-search-light.png");
  best = orchard_train_page_get_candidate (page, best_id);
  /* Each candidate is a run of the project, the best one tagged. */
  if (orchard_session_get_project (get_session ()) != NULL)
    for (guint i = 0; i < 6; i++)
      {
        const OrchardTunerCandidate *c = orchard_train_page_get_candidate (page, i);
        g_autoptr(OrchardRun) stored = NULL;

        g_assert_cmpint (c->run_id, >, 0);
        stored = orchard_project_get_run (orchard_session_get_project (get_session ()), c->run_id, NULL);
        g_assert_nonnull (stored);
        g_assert_cmpstr (orchard_run_get_model (stored), ==, "gbdt");
        g_assert_cmpint (g_hash_table_contains (orchard_run_get_tags (stored), "search.best"), ==, (int) i == best_id);
      }
  for (guint i = 0; i < 6; i++)
    {
      GtkWidget *row = orchard_train_page_get_candidate_row (page, i);
      GtkWidget *mark = g_object_get_data (G_OBJECT (row), "orchard-best");

      g_assert_cmpint (gtk_widget_get_visible (mark), ==, (int) i == best_id);
      /* Log loss: lower is better. */
      g_assert_cmpfloat (best->score, <=, orchard_train_page_get_candidate (page, i)->score);
    }

  /* Train the best: its values in the form, then a run with them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.train-best", NULL));
  g_assert_true (app_test_wait_for (not_training, NULL, 600000));
  run = orchard_train_page_get_last_run (page);
  g_assert_cmpint (orchard_model_run_get_status (run), ==, ORCHARD_RUN_FINISHED);
  {
    GVariantIter iter;
    const char *name;
    GVariant *value;

    g_variant_iter_init (&iter, best->params);
    while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
      {
        g_autoptr(GVariant) owned = value;
        g_autoptr(GVariant) used = g_variant_lookup_value (orchard_model_run_get_params (run), name, NULL);

        g_assert_nonnull (used);
        g_assert_true (g_variant_equal (used, value));
      }
  }
}

static gboolean
some_candidates (gpointer data)
{
  return orchard_train_page_get_n_candidates (get_page ()) >= 3;
}

/* Stopping a search keeps what finished. */
static void
test_search_cancel (void)
{
  OrchardTrainPage *page = get_page ();
  guint n;

  open_penguins ();
  g_assert_true (orchard_train_page_select_learner (page, "gbdt"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.reset-params", NULL));
  set_spin ("n-trees", 200);
  set_switch ("early-stopping", FALSE);
  clear_space ();
  set_space ("learning-rate", "0.001..0.5:log");
  set_space ("max-leaves", "4..64");
  orchard_train_page_set_search (page, 500, 0, FALSE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.search", NULL));
  g_assert_true (app_test_wait_for (some_candidates, NULL, 120000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.cancel", NULL));
  g_assert_true (app_test_wait_for (not_searching, NULL, 60000));

  n = orchard_train_page_get_n_candidates (page);
  g_test_message ("%u candidates when stopped", n);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (n, <, 500);
  g_assert_cmpint (orchard_train_page_get_best_candidate (page), >=, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.reset-params", NULL));
  clear_space ();
  orchard_train_page_set_search (page, 0, 0, FALSE);
}


static gboolean
has_binding (GtkWidget       *widget,
             guint            keyval,
             GdkModifierType  modifiers,
             const char      *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
              GTK_IS_NAMED_ACTION (named) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
overlay_lists (const char *accelerator)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/orchardml/Orchard/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *shown = NULL;

        g_object_get (l->data, "accelerator", &shown, NULL);
        if (g_strcmp0 (shown, accelerator) == 0)
          return TRUE;
      }
  return FALSE;
}

/* Ctrl+Return trains and Escape stops, and the shortcuts window says so;
 * every control of the page can be reached by Tab (a mnemonic names the
 * main ones). */
static void
test_keyboard (void)
{
  OrchardTrainPage *page = get_page ();

  g_assert_true (has_binding (GTK_WIDGET (page), GDK_KEY_Return, GDK_CONTROL_MASK, "train.train"));
  g_assert_true (has_binding (GTK_WIDGET (page), GDK_KEY_Escape, 0, "train.cancel"));
  g_assert_true (overlay_lists ("<Control>Return"));
  g_assert_true (overlay_lists ("Escape"));

  open_penguins ();
  /* The spin buttons of the form take the focus. */
  g_assert_true (gtk_widget_get_focusable (orchard_train_page_get_param_control (page, "n-trees")) ||
                 gtk_widget_get_focusable (gtk_widget_get_first_child (orchard_train_page_get_param_control (page, "n-trees"))));
  g_assert_true (gtk_widget_grab_focus (orchard_train_page_get_param_control (page, "n-trees")));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (page)));
}

static void
test_screenshots (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  OrchardTrainPage *page = get_page ();

  open_penguins ();
  g_assert_true (orchard_train_page_select_learner (page, "gbdt"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "train.reset-params", NULL));
  set_spin ("learning-rate", 0.05);
  set_spin ("n-trees", 400);
  set_spin ("patience", 20);
  train ();

  app_test_resize (1100, 760);
  orchard_window_show_phase (window, "train");
  app_test_scroll_to (orchard_train_page_get_learner_row (page, "logistic"));
  app_test_save_screenshot ("train-wide-light.png");
  app_test_scroll_to (orchard_train_page_get_param_control (page, "n-trees"));
  app_test_save_screenshot ("train-params-light.png");
  app_test_scroll_to (orchard_train_page_get_curve (page));
  app_test_save_screenshot ("train-curve-light.png");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  app_test_spin (400);
  app_test_scroll_to (orchard_train_page_get_curve (page));
  app_test_save_screenshot ("train-curve-dark.png");
  app_test_scroll_to (GTK_WIDGET (orchard_train_page_get_runs_list (page)));
  app_test_save_screenshot ("train-runs-dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  app_test_spin (400);

  app_test_resize (360, 700);
  orchard_window_show_phase (window, "train");
  app_test_scroll_to (orchard_train_page_get_learner_row (page, "logistic"));
  app_test_save_screenshot ("train-narrow-light.png");
  app_test_scroll_to (orchard_train_page_get_curve (page));
  app_test_save_screenshot ("train-curve-narrow.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  app_test_spin (400);
  app_test_scroll_to (GTK_WIDGET (orchard_train_page_get_runs_list (page)));
  app_test_save_screenshot ("train-runs-narrow-dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  app_test_resize (1100, 760);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app_test_init (&argc, &argv);

  window = app_test_open_window (1100, 760);

  g_test_add_func ("/app/train/empty-states", test_empty_states);
  g_test_add_func ("/app/train/learners", test_learners);
  g_test_add_func ("/app/train/form", test_form);
  g_test_add_func ("/app/train/text-param", test_text_param);
  g_test_add_func ("/app/train/train-gbdt", test_train_gbdt);
  g_test_add_func ("/app/train/early-stop", test_early_stop);
  g_test_add_func ("/app/train/cancel", test_cancel);
  g_test_add_func ("/app/train/runs-list", test_runs_list);
  g_test_add_func ("/app/train/search", test_search);
  g_test_add_func ("/app/train/search-cancel", test_search_cancel);
  g_test_add_func ("/app/train/keyboard", test_keyboard);
  g_test_add_func ("/app/train/screenshots", test_screenshots);
  g_test_add_func ("/app/train/responsive", test_responsive_while_training);

  status = app_test_run ();

  return status;
}
