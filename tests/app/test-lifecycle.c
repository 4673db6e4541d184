/* test-lifecycle.c: the whole path through the app, as an analyst walks it
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Data → Prepare → Train → Evaluate through the window's and the pages'
 * actions: penguins.csv with `species` as the target, the automatic
 * pipeline, a gbdt whose learning curve is sampled while it trains, the run
 * opened on Evaluate; then breast-cancer.csv, a logistic regression whose
 * threshold is moved, and a second model compared with it. Every number the
 * pages show is checked against an OrchardTrainer of the test's own, and
 * every plot against the series it should have. Screenshots (light and
 * dark, narrow and wide) of Train, Evaluate and the comparison land in
 * ORCHARD_SCREENSHOT_DIR.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include "orchard-plots.h"

static OrchardWindow *window;
static OrchardModelRun *logistic_run;

/* ---- helpers ------------------------------------------------------------ */

static OrchardSession *
get_session (void)
{
  return orchard_window_get_session (window);
}

static OrchardTrainPage *
train_page (void)
{
  return orchard_window_get_train_page (window);
}

static OrchardEvaluatePage *
evaluate_page (void)
{
  return orchard_window_get_evaluate_page (window);
}

static gboolean
evaluate_idle (gpointer data)
{
  return !orchard_evaluate_page_get_busy (evaluate_page ());
}

static gboolean
not_training (gpointer data)
{
  return !orchard_train_page_get_training (train_page ());
}

/* Opens the sample @name as File › Open does, and makes @target the target
 * as the Data page's role menu does. */
static void
open_with_target (const char *name,
                  const char *target)
{
  g_autofree char *path = app_test_sample_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  OrchardSession *session = get_session ();
  int index;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-uri", "s", uri));
  g_assert_true (app_test_wait_for (app_test_loaded, NULL, 600000));
  /* Runs are recorded on the data set once the project has it. */
  g_assert_true (app_test_wait_for (app_test_recorded, NULL, 600000));
  g_assert_null (orchard_window_get_error_message (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.choose-target", NULL));
  index = orchard_table_find_column (orchard_session_get_table (session), target);
  g_assert_cmpint (index, >=, 0);
  orchard_session_set_role (session, index, ORCHARD_COLUMN_ROLE_TARGET);
  g_assert_true (app_test_wait_for (app_test_prepared, NULL, 600000));
  g_assert_cmpint (orchard_table_get_target (orchard_session_get_table (session)), ==, index);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-phase", "s", "train"));
  g_assert_cmpstr (orchard_train_page_get_state (train_page ()), ==, "train");
  /* The automatic pipeline for the learner's family. */
  adw_combo_row_set_selected (orchard_train_page_get_pipeline_row (train_page ()), 0);
}

static void
set_spin (const char *param,
          double      value)
{
  GtkWidget *control = orchard_train_page_get_param_control (train_page (), param);

  g_assert_true (GTK_IS_SPIN_BUTTON (control));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (control), value);
}

/* Trains the selected learner with the page's Train action; the finished run. */
static OrchardModelRun *
train (void)
{
  OrchardModelRun *run;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (train_page ()), "train.train", NULL));
  g_assert_true (orchard_train_page_get_training (train_page ()));
  g_assert_true (app_test_wait_for (not_training, NULL, 600000));
  run = orchard_train_page_get_last_run (train_page ());
  g_assert_nonnull (run);
  g_assert_cmpint (orchard_model_run_get_status (run), ==, ORCHARD_RUN_FINISHED);
  return run;
}

/* Opens @run on the Evaluate page as the run's arrow does. */
static void
show_run (OrchardModelRun *run)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-run", "s",
                                             orchard_model_run_get_id (run)));
  g_assert_true (orchard_evaluate_page_get_run (evaluate_page ()) == run);
  g_assert_true (app_test_wait_for (evaluate_idle, NULL, 600000));
}

/* The row of @run in a page's list of runs (titles repeat across data sets). */
static GtkWidget *
find_row_of_run (GtkWidget       *widget,
                 OrchardModelRun *run)
{
  if (ADW_IS_ACTION_ROW (widget) && g_object_get_data (G_OBJECT (widget), "orchard-run") == (gpointer) run)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_of_run (child, run);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The same learner trained by the engine on its own, made into a run the
 * way the page makes its runs: the reference for every number shown. */
static OrchardModelRun *
reference_run (OrchardModelRun *run,
               const char      *target)
{
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(OrchardTrainer) trainer = app_test_reference_trainer (get_session (), run, target, &artifact);
  g_autoptr(GError) error = NULL;
  OrchardModelRun *reference;

  reference = orchard_model_run_new_from_trainer (trainer, artifact, orchard_session_get_table (get_session ()),
                                                  NULL, NULL, &error);
  g_assert_no_error (error);
  return reference;
}

/* The Train and Evaluate pages show the reference's metrics for @keys. */
static void
assert_shown_metrics (OrchardModelRun    *reference,
                      const char * const *keys)
{
  for (OrchardPart part = ORCHARD_PART_VALID; part <= ORCHARD_PART_TEST; part++)
    for (guint k = 0; keys[k] != NULL; k++)
      {
        double expected, on_train, on_evaluate;

        g_assert_true (orchard_metrics_lookup (orchard_model_run_get_metrics (reference, part), keys[k], &expected));
        g_assert_true (orchard_train_page_get_metric (train_page (), part, keys[k], &on_train, NULL));
        g_assert_true (orchard_evaluate_page_get_metric (evaluate_page (), part, keys[k], &on_evaluate, NULL));
        g_test_message ("%s %s: %.6f", orchard_part_to_string (part), keys[k], expected);
        g_assert_cmpfloat (on_train, ==, expected);
        g_assert_cmpfloat (on_evaluate, ==, expected);
      }
}

/* Shots of the page now shown at @prefix-{wide,narrow}-{light,dark}.png,
 * scrolled to the label @anchor when there is one. */
static void
screenshots (const char *prefix,
             GtkWidget  *page,
             const char *anchor)
{
  const struct { int width, height; const char *size; } sizes[] = {
    { 1280, 820, "wide" },
    { 380, 760, "narrow" },
  };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint dark = 0; dark < 2; dark++)
      {
        g_autofree char *name = g_strdup_printf ("%s-%s-%s.png", prefix, sizes[s].size, dark ? "dark" : "light");

        app_test_resize (sizes[s].width, sizes[s].height);
        app_test_set_dark (dark);
        if (anchor != NULL)
          {
            GtkWidget *label = app_test_find_label (page, anchor);

            g_assert_nonnull (label);
            app_test_scroll_to (label);
          }
        app_test_save_screenshot (name);
      }
  app_test_set_dark (FALSE);
  app_test_resize (1100, 760);
}

/* The spin buttons of the Cross-Validation Settings popover, in order:
 * folds, repeats, seed. */
static void
cv_spins (GtkWidget      *page,
          GtkSpinButton **spins)
{
  GtkWidget *button = NULL;
  GtkWidget *grid;
  guint n = 0;

  /* The settings are the menu button whose popover holds spin buttons. */
  {
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, page);
    while (stack->len > 0 && button == NULL)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (w)) != NULL &&
            app_test_find_descendant (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (w))),
                                      GTK_TYPE_SPIN_BUTTON) != NULL)
          button = w;
        for (GtkWidget *child = gtk_widget_get_first_child (w); child; child = gtk_widget_get_next_sibling (child))
          g_ptr_array_add (stack, child);
      }
    g_ptr_array_unref (stack);
  }
  g_assert_nonnull (button);
  grid = app_test_find_descendant (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), GTK_TYPE_GRID);
  g_assert_nonnull (grid);
  for (GtkWidget *child = gtk_widget_get_first_child (grid); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SPIN_BUTTON (child))
      spins[n++] = GTK_SPIN_BUTTON (child);
  g_assert_cmpuint (n, ==, 3);
}

/* ---- the path --------------------------------------------------------------- */

typedef struct
{
  GArray *lengths;       /* the curve's lengths seen while training, in order */
} Samples;

static gboolean
sample_cb (gpointer data)
{
  Samples *samples = data;
  OrchardLinePlot *plot = ORCHARD_LINE_PLOT (orchard_train_page_get_curve (train_page ()));
  guint n;

  if (!orchard_train_page_get_training (train_page ()))
    return G_SOURCE_CONTINUE;
  n = orchard_line_plot_get_n_series (plot) > 0 ? orchard_line_plot_get_n_points (plot, 0) : 0;
  if (n > 0 && (samples->lengths->len == 0 || g_array_index (samples->lengths, guint, samples->lengths->len - 1) != n))
    g_array_append_val (samples->lengths, n);
  return G_SOURCE_CONTINUE;
}

/* penguins.csv, species, automatic pipeline, gbdt: the curve grows while it
 * trains, the numbers are the engine's, and the run opens on Evaluate. */
static void
test_penguins_gbdt (void)
{
  const char * const keys[] = { "accuracy", "balanced_accuracy", "f1_macro", "log_loss", NULL };
  g_autoptr(OrchardModelRun) reference = NULL;
  Samples samples = { g_array_new (FALSE, FALSE, sizeof (guint)) };
  OrchardLinePlot *curve = ORCHARD_LINE_PLOT (orchard_train_page_get_curve (train_page ()));
  OrchardModelRun *run;
  const OrchardHistoryEntry *history;
  guint n_history = 0, sampler, n_increases = 0;
  guint updates_before = orchard_train_page_get_n_curve_updates (train_page ());
  gint64 start;

  open_with_target ("penguins.csv", "species");
  g_assert_true (orchard_train_page_select_learner (train_page (), "gbdt"));
  /* Slow learning and no early stop: a curve long enough to watch grow. */
  set_spin ("learning-rate", 0.002);
  set_spin ("n-trees", 12000);
  gtk_switch_set_active (GTK_SWITCH (orchard_train_page_get_param_control (train_page (), "early-stopping")), FALSE);

  sampler = g_timeout_add (5, sample_cb, &samples);
  start = g_get_monotonic_time ();
  run = train ();
  g_source_remove (sampler);

  for (guint i = 1; i < samples.lengths->len; i++)
    {
      g_assert_cmpuint (g_array_index (samples.lengths, guint, i), >, g_array_index (samples.lengths, guint, i - 1));
      n_increases++;
    }
  g_test_message ("the live curve was seen at %u lengths while training (%u increases); "
                  "%u updates in %.1f s of training",
                  samples.lengths->len, n_increases, orchard_train_page_get_n_curve_updates (train_page ()) - updates_before,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (n_increases, >=, 2);
  g_array_unref (samples.lengths);

  /* The finished curve: training and validation loss at every iteration. */
  history = orchard_model_run_get_history (run, &n_history);
  g_assert_cmpuint (n_history, ==, 12000);
  g_assert_cmpuint (orchard_line_plot_get_n_series (curve), ==, 2);
  g_assert_cmpuint (orchard_line_plot_get_n_points (curve, 0), ==, n_history);
  g_assert_cmpuint (orchard_line_plot_get_n_points (curve, 1), ==, n_history);
  g_assert_true (history[n_history - 1].valid_loss < history[0].valid_loss);

  screenshots ("lifecycle-train", GTK_WIDGET (train_page ()), "Learning Curve");

  show_run (run);
  reference = reference_run (run, "species");
  assert_shown_metrics (reference, keys);

  /* Multiclass: a confusion matrix of the three species with the engine's
   * counts, and the learning curve the Train page showed. */
  {
    OrchardConfusionPlot *confusion = ORCHARD_CONFUSION_PLOT (orchard_evaluate_page_get_plot (evaluate_page (), "confusion"));
    const double *matrix = orchard_metrics_get_confusion_matrix (orchard_model_run_get_metrics (reference, ORCHARD_PART_VALID));
    OrchardLinePlot *learning = ORCHARD_LINE_PLOT (orchard_evaluate_page_get_plot (evaluate_page (), "learning"));

    g_assert_cmpuint (orchard_confusion_plot_get_n_classes (confusion), ==, 3);
    for (guint a = 0; a < 3; a++)
      for (guint b = 0; b < 3; b++)
        g_assert_cmpfloat (orchard_confusion_plot_get_count (confusion, a, b), ==, matrix[a * 3 + b]);
    g_assert_cmpuint (orchard_line_plot_get_n_series (learning), ==, 2);
    g_assert_cmpuint (orchard_line_plot_get_n_points (learning, 0), ==, n_history);
  }
}

/* breast-cancer.csv, logistic regression: the threshold moves the confusion
 * matrix exactly as the engine's metrics at that threshold. */
static void
test_breast_cancer_threshold (void)
{
  const char * const keys[] = { "accuracy", "roc_auc", "f1", "log_loss", NULL };
  g_autoptr(OrchardModelRun) reference = NULL;
  OrchardEvaluatePage *page = evaluate_page ();
  GtkAdjustment *adjustment;
  OrchardConfusionPlot *confusion;
  const OrchardModelRunPredictions *p;
  const double thresholds[] = { 0.5, 0.15, 0.85 };
  double called_positive[G_N_ELEMENTS (thresholds)];
  g_autoptr(GError) error = NULL;

  open_with_target ("breast-cancer.csv", "target");
  g_assert_true (orchard_train_page_select_learner (train_page (), "logistic"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (train_page ()), "train.reset-params", NULL));
  logistic_run = g_object_ref (train ());
  show_run (logistic_run);

  reference = reference_run (logistic_run, "target");
  assert_shown_metrics (reference, keys);
  p = orchard_model_run_get_predictions (reference, ORCHARD_PART_VALID);
  g_assert_nonnull (p);
  g_assert_nonnull (p->positive);

  adjustment = orchard_evaluate_page_get_threshold_adjustment (page);
  confusion = ORCHARD_CONFUSION_PLOT (orchard_evaluate_page_get_plot (page, "confusion"));
  g_assert_cmpuint (orchard_confusion_plot_get_n_classes (confusion), ==, 2);
  for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
    {
      g_autoptr(OrchardMetrics) metrics = orchard_metrics_new_binary (p->classes, p->positive, NULL, p->n_rows,
                                                                      thresholds[t],
                                                                      orchard_model_run_get_class_labels (reference),
                                                                      &error);
      const double *matrix;
      g_autofree char *expected = NULL;

      g_assert_no_error (error);
      matrix = orchard_metrics_get_confusion_matrix (metrics);
      gtk_adjustment_set_value (adjustment, thresholds[t]);
      for (guint a = 0; a < 2; a++)
        for (guint b = 0; b < 2; b++)
          g_assert_cmpfloat (orchard_confusion_plot_get_count (confusion, a, b), ==, matrix[a * 2 + b]);
      expected = g_strdup_printf ("precision %.3f · recall %.3f · F1 %.3f", orchard_metrics_get (metrics, "precision"),
                                  orchard_metrics_get (metrics, "recall"), orchard_metrics_get (metrics, "f1"));
      g_assert_nonnull (strstr (orchard_evaluate_page_get_threshold_summary (page), expected));
      called_positive[t] = matrix[1] + matrix[3];
      g_test_message ("threshold %.2f: TN %g FP %g FN %g TP %g", thresholds[t], matrix[0], matrix[1], matrix[2], matrix[3]);
    }
  /* The slider did move the matrix. */
  g_assert_cmpfloat (called_positive[1], >, called_positive[2]);
  gtk_adjustment_set_value (adjustment, 0.5);
  g_assert_true (app_test_wait_for (evaluate_idle, NULL, 600000));

  orchard_window_show_phase (window, "evaluate");
  screenshots ("lifecycle-evaluate", GTK_WIDGET (page), NULL);
  screenshots ("lifecycle-threshold", GTK_WIDGET (page), "Decision Threshold");
}

/* A second model on the same data, compared with the first: both runs in
 * the table with their own numbers, both ROC curves overlaid. */
static void
test_compare (void)
{
  OrchardEvaluatePage *page = evaluate_page ();
  g_autoptr(OrchardModelRun) reference = NULL;
  OrchardCurvePlot *roc;
  GListModel *table_rows;
  OrchardModelRun *gbdt_run;
  GtkWidget *row, *check;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-phase", "s", "train"));
  g_assert_true (orchard_train_page_select_learner (train_page (), "gbdt"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (train_page ()), "train.reset-params", NULL));
  gbdt_run = train ();
  g_assert_true (gbdt_run != logistic_run);
  reference = reference_run (gbdt_run, "target");

  /* The logistic run on Evaluate, the gbdt ticked in its list as the user
   * ticks it. */
  show_run (logistic_run);
  row = find_row_of_run (GTK_WIDGET (page), gbdt_run);
  g_assert_nonnull (row);
  check = app_test_find_check (row);
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (app_test_wait_for (evaluate_idle, NULL, 600000));

  /* Both ROC curves, each with the engine's AUC in the legend. */
  roc = ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "roc"));
  g_assert_cmpuint (orchard_curve_plot_get_n_series (roc), ==, 2);
  g_assert_cmpfloat (orchard_curve_plot_get_summary (roc, 0), ==,
                     orchard_metrics_get (orchard_model_run_get_metrics (logistic_run, ORCHARD_PART_VALID), "roc_auc"));
  g_assert_cmpfloat (orchard_curve_plot_get_summary (roc, 1), ==,
                     orchard_metrics_get (orchard_model_run_get_metrics (reference, ORCHARD_PART_VALID), "roc_auc"));
  {
    g_autofree char *legend = g_strdup_printf ("%s (AUC %.3f)", orchard_model_run_get_title (gbdt_run),
                                               orchard_metrics_get (orchard_model_run_get_metrics (reference, ORCHARD_PART_VALID),
                                                                    "roc_auc"));

    g_assert_cmpstr (orchard_curve_plot_get_series_name (roc, 1), ==, legend);
  }
  g_assert_cmpuint (orchard_curve_plot_get_n_series (ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "pr"))), ==, 2);

  /* The comparison table: one row a run, each with its own numbers. */
  table_rows = orchard_evaluate_page_get_compare_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (table_rows), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(OrchardModelRun) shown = g_list_model_get_item (table_rows, i);

      g_assert_true (shown == logistic_run || shown == gbdt_run);
      if (shown == gbdt_run)
        g_assert_cmpfloat (orchard_metrics_get (orchard_model_run_get_metrics (shown, ORCHARD_PART_VALID), "accuracy"), ==,
                           orchard_metrics_get (orchard_model_run_get_metrics (reference, ORCHARD_PART_VALID), "accuracy"));
    }

  /* Cross-validated with the settings chosen: 3 folds repeated twice,
   * seed 7, the engine's folds and scores. */
  {
    GtkSpinButton *spins[3];
    g_autoptr(OrchardCrossValidation) cv = NULL;
    g_autoptr(GError) error = NULL;
    OrchardArtifact *artifact = orchard_model_run_get_artifact (logistic_run);
    const double *scores;
    gsize n_folds = 0;

    cv_spins (GTK_WIDGET (page), spins);
    g_assert_cmpfloat (gtk_spin_button_get_value (spins[0]), ==, 5);
    g_assert_cmpfloat (gtk_spin_button_get_value (spins[1]), ==, 1);
    g_assert_cmpfloat (gtk_spin_button_get_value (spins[2]), ==, 42);
    gtk_spin_button_set_value (spins[0], 3);
    gtk_spin_button_set_value (spins[1], 2);
    gtk_spin_button_set_value (spins[2], 7);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "evaluate.cross-validate", NULL));
    app_test_spin (20);
    g_assert_true (app_test_wait_for (evaluate_idle, NULL, 600000));

    scores = orchard_model_run_get_cv_scores (logistic_run, "roc_auc", &n_folds);
    g_assert_nonnull (scores);
    g_assert_cmpuint (n_folds, ==, 6);
    g_assert_nonnull (orchard_model_run_get_cv_scores (gbdt_run, "roc_auc", &n_folds));
    g_assert_cmpuint (n_folds, ==, 6);

    cv = orchard_cross_validation_new (orchard_model_run_get_data (logistic_run), "target",
                                       orchard_artifact_get_model (artifact));
    orchard_cross_validation_set_pipeline (cv, orchard_artifact_get_pipeline (artifact));
    orchard_cross_validation_set_seed (cv, 7);
    g_assert_true (orchard_cross_validation_set_folds (cv, 3, 2, &error));
    g_assert_true (orchard_cross_validation_run (cv, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (orchard_cross_validation_get_n_results (cv), ==, 6);
    for (guint i = 0; i < 6; i++)
      g_assert_cmpfloat (scores[i], ==, orchard_metrics_get (orchard_cross_validation_get_metrics (cv, i), "roc_auc"));
    g_assert_cmpuint (orchard_box_plot_get_n_values (ORCHARD_BOX_PLOT (orchard_evaluate_page_get_plot (page, "cv")), 0), ==, 6);
  }

  orchard_window_show_phase (window, "evaluate");
  screenshots ("lifecycle-compare-plots", GTK_WIDGET (page), "Plots");
  screenshots ("lifecycle-compare", GTK_WIDGET (page), "Comparison");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app_test_init (&argc, &argv);
  window = app_test_open_window (1100, 760);

  g_test_add_func ("/app/lifecycle/penguins-gbdt", test_penguins_gbdt);
  g_test_add_func ("/app/lifecycle/breast-cancer-threshold", test_breast_cancer_threshold);
  g_test_add_func ("/app/lifecycle/compare", test_compare);

  status = app_test_run ();
  g_clear_object (&logistic_run);

  return status;
}
