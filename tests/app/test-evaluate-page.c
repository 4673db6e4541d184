/* test-evaluate-page.c: the Evaluate page, fed runs trained by the engine
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runs are trained here with OrchardTrainer on the sample data and
 * handed to the window's session, as the Train page does. Every number the
 * page shows is checked against the engine called on its own, often by
 * another path than the page's (metrics at a threshold against the
 * confusion matrix of OrchardMetrics, cross-validation against
 * orchard_cross_validation_compare()).
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

/* ---- helpers ------------------------------------------------------------ */

static OrchardEvaluatePage *
get_page (void)
{
  return orchard_window_get_evaluate_page (window);
}

static gboolean
page_idle (gpointer data)
{
  return !orchard_evaluate_page_get_busy (get_page ());
}

static void
wait_idle (guint timeout_ms)
{
  g_assert_true (app_test_wait_for (page_idle, NULL, timeout_ms));
}

static OrchardTable *
load_sample (const char *name)
{
  g_autofree char *path = app_test_sample_path (name);

  return app_test_load_table (path);
}

/* Trains @model_name on @sample, as the Train page would, and makes the run. */
static OrchardModelRun *
train_run (const char *sample,
           const char *target,
           const char *model_name,
           const char *title,
           OrchardTrainer **trainer_out)
{
  g_autoptr(OrchardTable) table = load_sample (sample);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) model = orchard_model_new_by_name (model_name, &error);
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  OrchardModelRun *run;

  g_assert_no_error (error);
  trainer = orchard_trainer_new (table, target, model);
  orchard_trainer_set_seed (trainer, 7);
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  run = orchard_model_run_new_from_trainer (trainer, artifact, table, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_run_set_title (run, title);

  if (trainer_out != NULL)
    *trainer_out = g_steal_pointer (&trainer);

  return run;
}

static char *
format3 (double value)
{
  return g_strdup_printf ("%.3f", value);
}

/* ---- tests ---------------------------------------------------------------- */

static OrchardModelRun *logistic_run;
static OrchardModelRun *knn_run;
static OrchardTrainer *logistic_trainer;

/* Without runs the page says to train a model first. */
static void
test_empty (void)
{
  OrchardEvaluatePage *page = get_page ();
  GtkWidget *stack;

  orchard_window_show_phase (window, "evaluate");
  g_assert_null (orchard_evaluate_page_get_run (page));
  stack = gtk_widget_get_first_child (GTK_WIDGET (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_nonnull (app_test_find_label (GTK_WIDGET (page), "Train a Model First"));
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "evaluate"), ==, "No runs yet");
  app_test_save_screenshot ("evaluate-empty-light.png");
}

/* A run added to the session shows at once, with the trainer's metrics on
 * the validation and test rows and the engine's bootstrap intervals. */
static void
test_binary_metrics (void)
{
  OrchardEvaluatePage *page = get_page ();
  OrchardSession *session = orchard_window_get_session (window);
  const char * const keys[] = { "roc_auc", "average_precision", "f1", "accuracy", "precision", "recall",
                                "log_loss", "brier", NULL };

  logistic_run = train_run ("breast-cancer.csv", "target", "logistic", "Logistic", &logistic_trainer);
  orchard_session_add_run (session, logistic_run);
  g_assert_true (orchard_evaluate_page_get_run (page) == logistic_run);
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "evaluate"), ==, "Logistic");
  wait_idle (60000);

  for (OrchardPart part = ORCHARD_PART_VALID; part <= ORCHARD_PART_TEST; part++)
    {
      OrchardMetrics *metrics = orchard_trainer_get_metrics (logistic_trainer, part);
      const OrchardModelRunPredictions *p = orchard_model_run_get_predictions (logistic_run, part);

      g_assert_nonnull (metrics);
      g_assert_nonnull (p);
      g_assert_cmpuint (p->n_rows, ==, orchard_metrics_get_n_rows (metrics));

      for (guint k = 0; keys[k] != NULL; k++)
        {
          double shown, expected = orchard_metrics_get (metrics, keys[k]);
          const char *text;
          g_autofree char *expected_text = NULL;
          OrchardInterval interval, reference;
          OrchardBootstrapOptions options;
          g_autoptr(GError) error = NULL;
          const char *interval_text;

          g_assert_true (orchard_evaluate_page_get_metric (page, part, keys[k], &shown, &text));
          g_assert_cmpfloat (shown, ==, expected);
          expected_text = g_str_equal (keys[k], "log_loss") ? g_strdup_printf ("%.4g", expected) : format3 (expected);
          g_assert_cmpstr (text, ==, expected_text);

          /* The interval is the engine's for the same resamples. */
          orchard_bootstrap_options_init (&options);
          g_assert_true (orchard_bootstrap_binary (p->classes, p->positive, NULL, p->n_rows, 0.5, keys[k], &options,
                                                   NULL, NULL, NULL, &reference, &error));
          g_assert_no_error (error);
          g_assert_true (orchard_evaluate_page_get_interval (page, part, keys[k], &interval, &interval_text));
          g_assert_cmpfloat (interval.lower, ==, reference.lower);
          g_assert_cmpfloat (interval.upper, ==, reference.upper);
          g_assert_true (g_str_has_prefix (interval_text, "95 % CI "));
        }
    }

  /* The gap to the training rows. */
  {
    double train;

    g_assert_true (orchard_evaluate_page_get_metric (page, ORCHARD_PART_TRAIN, "roc_auc", &train, NULL));
    g_assert_cmpfloat (train, ==, orchard_metrics_get (orchard_trainer_get_metrics (logistic_trainer, ORCHARD_PART_TRAIN),
                                                       "roc_auc"));
  }
}

/* Each plot has the series it should, with the engine's summaries. */
static void
test_binary_plots (void)
{
  OrchardEvaluatePage *page = get_page ();
  const OrchardModelRunPredictions *p = orchard_model_run_get_predictions (logistic_run, ORCHARD_PART_VALID);
  OrchardCurvePlot *roc = ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "roc"));
  OrchardCurvePlot *pr = ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "pr"));
  OrchardCurvePlot *calibration = ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "calibration"));
  OrchardCurvePlot *gains = ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "gains"));
  g_autoptr(OrchardCurve) roc_curve = orchard_curve_new_roc (p->classes, p->positive, NULL, p->n_rows, TRUE, NULL);
  g_autoptr(OrchardCurve) pr_curve = orchard_curve_new_precision_recall (p->classes, p->positive, NULL, p->n_rows, NULL);
  g_autoptr(OrchardCurve) cal_curve = orchard_curve_new_calibration (p->classes, p->positive, p->n_rows, 10, NULL);
  g_autofree char *description = NULL;
  g_autofree char *auc = NULL;

  g_assert_cmpuint (orchard_curve_plot_get_n_series (roc), ==, 1);
  g_assert_cmpuint (orchard_curve_plot_get_n_points (roc, 0), ==, orchard_curve_get_n_points (roc_curve));
  g_assert_cmpfloat (orchard_curve_plot_get_summary (roc, 0), ==, orchard_curve_get_summary (roc_curve, "auc"));
  g_assert_cmpfloat (orchard_curve_plot_get_summary (roc, 0), ==,
                     orchard_metrics_get (orchard_trainer_get_metrics (logistic_trainer, ORCHARD_PART_VALID), "roc_auc"));
  auc = g_strdup_printf ("Logistic, AUC %.3f", orchard_curve_get_summary (roc_curve, "auc"));
  description = orchard_plot_dup_description (ORCHARD_PLOT (roc));
  g_assert_nonnull (strstr (description, auc));

  g_assert_cmpuint (orchard_curve_plot_get_n_series (pr), ==, 1);
  g_assert_cmpfloat (orchard_curve_plot_get_summary (pr, 0), ==,
                     orchard_curve_get_summary (pr_curve, "average_precision"));
  g_assert_cmpuint (orchard_curve_plot_get_n_series (calibration), ==, 1);
  g_assert_cmpfloat (orchard_curve_plot_get_summary (calibration, 0), ==, orchard_curve_get_summary (cal_curve, "ece"));
  g_assert_cmpuint (orchard_curve_plot_get_n_series (gains), ==, 1);
  g_assert_cmpuint (orchard_confusion_plot_get_n_classes (ORCHARD_CONFUSION_PLOT (orchard_evaluate_page_get_plot (page, "confusion"))),
                    ==, 2);
  /* A logistic regression has no per-iteration validation loss to plot
   * beyond its solver's steps; whatever it has, the learning curve shows. */
  {
    guint n_history = 0, n_series = 0;
    const OrchardHistoryEntry *history = orchard_model_run_get_history (logistic_run, &n_history);
    gboolean has_valid = FALSE;

    for (guint i = 0; i < n_history; i++)
      has_valid |= !isnan (history[i].valid_loss);
    if (n_history > 1)
      n_series = has_valid ? 2 : 1;
    g_assert_cmpuint (orchard_line_plot_get_n_series (ORCHARD_LINE_PLOT (orchard_evaluate_page_get_plot (page, "learning"))),
                      ==, n_series);
  }
}

/* Moving the threshold recomputes the confusion matrix and the metrics as
 * OrchardMetrics computes them at that threshold; the engine's choices set
 * the slider, and saving puts the threshold into the bundle. */
static void
test_threshold (void)
{
  OrchardEvaluatePage *page = get_page ();
  GtkAdjustment *adjustment = orchard_evaluate_page_get_threshold_adjustment (page);
  OrchardConfusionPlot *confusion = ORCHARD_CONFUSION_PLOT (orchard_evaluate_page_get_plot (page, "confusion"));
  const OrchardModelRunPredictions *p = orchard_model_run_get_predictions (logistic_run, ORCHARD_PART_VALID);
  const double thresholds[] = { 0.5, 0.2, 0.9 };
  double positives[G_N_ELEMENTS (thresholds)];
  double chosen, value;
  g_autoptr(GError) error = NULL;

  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0.5);

  for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
    {
      g_autoptr(OrchardMetrics) metrics = orchard_metrics_new_binary (p->classes, p->positive, NULL, p->n_rows,
                                                                      thresholds[t],
                                                                      orchard_model_run_get_class_labels (logistic_run),
                                                                      &error);
      const double *matrix = orchard_metrics_get_confusion_matrix (metrics);
      g_autofree char *precision = format3 (orchard_metrics_get (metrics, "precision"));
      g_autofree char *recall = format3 (orchard_metrics_get (metrics, "recall"));
      g_autofree char *f1 = format3 (orchard_metrics_get (metrics, "f1"));
      g_autofree char *expected = NULL;

      g_assert_no_error (error);
      gtk_adjustment_set_value (adjustment, thresholds[t]);
      for (guint a = 0; a < 2; a++)
        for (guint b = 0; b < 2; b++)
          g_assert_cmpfloat (orchard_confusion_plot_get_count (confusion, a, b), ==, matrix[a * 2 + b]);
      expected = g_strdup_printf ("precision %s · recall %s · F1 %s", precision, recall, f1);
      g_assert_nonnull (strstr (orchard_evaluate_page_get_threshold_summary (page), expected));
      positives[t] = orchard_confusion_plot_get_count (confusion, 0, 1) + orchard_confusion_plot_get_count (confusion, 1, 1);
    }

  /* The slider did move the matrix: fewer rows are called positive at a
   * higher threshold. */
  g_assert_cmpfloat (positives[1], >, positives[2]);

  gtk_widget_activate_action (GTK_WIDGET (page), "evaluate.choose-threshold", "s", "f1");
  g_assert_true (orchard_threshold_choose (p->classes, p->positive, NULL, p->n_rows, ORCHARD_THRESHOLD_MAX_F1,
                                           NULL, &chosen, &value, &error));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, CLAMP (chosen, 0, 1));

  gtk_widget_activate_action (GTK_WIDGET (page), "evaluate.choose-threshold", "s", "youden");
  g_assert_true (orchard_threshold_choose (p->classes, p->positive, NULL, p->n_rows, ORCHARD_THRESHOLD_MAX_YOUDEN,
                                           NULL, &chosen, &value, &error));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, CLAMP (chosen, 0, 1));

  {
    OrchardCostMatrix cost = { 0, 1, 5, 0 };

    gtk_widget_activate_action (GTK_WIDGET (page), "evaluate.choose-threshold", "s", "cost");
    g_assert_true (orchard_threshold_choose (p->classes, p->positive, NULL, p->n_rows, ORCHARD_THRESHOLD_MIN_COST,
                                             &cost, &chosen, &value, &error));
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, CLAMP (chosen, 0, 1));
  }

  /* Saved into the bundle; the cards follow it. */
  gtk_adjustment_set_value (adjustment, 0.3);
  gtk_widget_activate_action (GTK_WIDGET (page), "evaluate.save-threshold", NULL);
  g_assert_cmpfloat (orchard_artifact_get_threshold (orchard_model_run_get_artifact (logistic_run)), ==, 0.3);
  {
    g_autoptr(OrchardMetrics) metrics = orchard_metrics_new_binary (p->classes, p->positive, NULL, p->n_rows, 0.3,
                                                                    orchard_model_run_get_class_labels (logistic_run),
                                                                    &error);
    double shown;

    g_assert_true (orchard_evaluate_page_get_metric (get_page (), ORCHARD_PART_VALID, "f1", &shown, NULL));
    g_assert_cmpfloat (shown, ==, orchard_metrics_get (metrics, "f1"));
  }
  {
    g_autoptr(GBytes) bytes = orchard_artifact_to_bytes (orchard_model_run_get_artifact (logistic_run));
    g_autoptr(OrchardArtifact) reloaded = orchard_artifact_new_from_bytes (bytes, "test", &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (orchard_artifact_get_threshold (reloaded), ==, 0.3);
  }
  wait_idle (60000);
}

/* A second run, ticked: its curves join, the table sorts by any metric
 * and shows the parameters that differ. */
static void
test_compare (void)
{
  OrchardEvaluatePage *page = get_page ();
  OrchardSession *session = orchard_window_get_session (window);
  GListModel *model = orchard_evaluate_page_get_compare_model (page);
  GtkColumnView *view = orchard_evaluate_page_get_compare_view (page);
  GListModel *columns = gtk_column_view_get_columns (view);
  GtkColumnViewColumn *auc_column = NULL;
  guint n_columns;

  knn_run = train_run ("breast-cancer.csv", "target", "knn", "k-NN", NULL);
  orchard_session_add_run (session, knn_run);
  /* The newest run is not forced on the user: the selection stays. */
  g_assert_true (orchard_evaluate_page_get_run (page) == logistic_run);
  /* Ticked as the user does: its check button in the Runs list. */
  {
    GtkWidget *row = app_test_find_run_row (GTK_WIDGET (page), "k-NN");
    GtkWidget *check;

    g_assert_nonnull (row);
    check = app_test_find_check (row);
    g_assert_nonnull (check);
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    /* The selected run's own check is ticked and insensitive. */
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (app_test_find_check (app_test_find_run_row (GTK_WIDGET (page), "Logistic")))));
    g_assert_false (gtk_widget_get_sensitive (app_test_find_check (app_test_find_run_row (GTK_WIDGET (page), "Logistic"))));
  }
  /* The curves are computed in a thread. */
  g_assert_true (orchard_evaluate_page_get_busy (page));
  wait_idle (60000);

  g_assert_cmpuint (orchard_curve_plot_get_n_series (ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "roc"))), ==, 2);
  {
    g_autofree char *legend = g_strdup_printf ("k-NN (AUC %.3f)",
                                               orchard_metrics_get (orchard_model_run_get_metrics (knn_run, ORCHARD_PART_VALID),
                                                                    "roc_auc"));

    g_assert_cmpstr (orchard_curve_plot_get_series_name (ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "roc")), 1),
                     ==, legend);
  }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* Run, model, data, 8 metrics, then the parameters: two learners share
   * none, so every one differs. */
  n_columns = g_list_model_get_n_items (columns);
  {
    guint n_params = 0;
    GVariantIter iter;

    g_variant_iter_init (&iter, orchard_model_run_get_params (logistic_run));
    n_params += g_variant_iter_n_children (&iter);
    g_variant_iter_init (&iter, orchard_model_run_get_params (knn_run));
    n_params += g_variant_iter_n_children (&iter);
    g_assert_cmpuint (n_columns, <=, 3 + 8 + n_params);
    g_assert_cmpuint (n_columns, >, 3 + 8);
  }

  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "ROC AUC") == 0)
        auc_column = column;
    }
  g_assert_nonnull (auc_column);

  for (guint order = 0; order < 2; order++)
    {
      g_autoptr(OrchardModelRun) first = NULL;
      g_autoptr(OrchardModelRun) second = NULL;
      double a, b;

      gtk_column_view_sort_by_column (view, auc_column, order == 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
      app_test_spin (50);
      first = g_list_model_get_item (model, 0);
      second = g_list_model_get_item (model, 1);
      a = orchard_metrics_get (orchard_model_run_get_metrics (first, ORCHARD_PART_VALID), "roc_auc");
      b = orchard_metrics_get (orchard_model_run_get_metrics (second, ORCHARD_PART_VALID), "roc_auc");
      if (order == 0)
        g_assert_cmpfloat (a, <=, b);
      else
        g_assert_cmpfloat (a, >=, b);
    }

  /* Without cross-validation the page says what to do for a test. */
  g_assert_nonnull (strstr (orchard_evaluate_page_get_stats_text (page), "Cross-validate"));
  wait_idle (60000);
}

/* Cross-validation of the two runs: the spread per fold, the corrected
 * t-test as the engine computes it, and the metric against training size. */
static void
test_cross_validate (void)
{
  OrchardEvaluatePage *page = get_page ();
  g_autoptr(OrchardCrossValidation) cv_a = NULL;
  g_autoptr(OrchardCrossValidation) cv_b = NULL;
  g_autoptr(GError) error = NULL;
  OrchardCorrectedTTest test;
  g_autofree char *expected = NULL;
  OrchardArtifact *artifact;
  gsize n_folds;
  const double *scores;

  gtk_widget_activate_action (GTK_WIDGET (page), "evaluate.cross-validate", NULL);
  g_assert_true (orchard_evaluate_page_get_busy (page));
  app_test_spin (20);
  wait_idle (300000);

  scores = orchard_model_run_get_cv_scores (logistic_run, "roc_auc", &n_folds);
  g_assert_nonnull (scores);
  g_assert_cmpuint (n_folds, ==, 5);

  /* The engine on its own, same data, settings, folds and seed. */
  artifact = orchard_model_run_get_artifact (logistic_run);
  cv_a = orchard_cross_validation_new (orchard_model_run_get_data (logistic_run), "target",
                                       orchard_artifact_get_model (artifact));
  orchard_cross_validation_set_pipeline (cv_a, orchard_artifact_get_pipeline (artifact));
  orchard_cross_validation_set_seed (cv_a, 42);
  g_assert_true (orchard_cross_validation_set_folds (cv_a, 5, 1, &error));
  g_assert_true (orchard_cross_validation_run (cv_a, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  artifact = orchard_model_run_get_artifact (knn_run);
  cv_b = orchard_cross_validation_new (orchard_model_run_get_data (knn_run), "target",
                                       orchard_artifact_get_model (artifact));
  orchard_cross_validation_set_pipeline (cv_b, orchard_artifact_get_pipeline (artifact));
  orchard_cross_validation_set_seed (cv_b, 42);
  g_assert_true (orchard_cross_validation_set_folds (cv_b, 5, 1, &error));
  g_assert_true (orchard_cross_validation_run (cv_b, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 5; i++)
    g_assert_cmpfloat (scores[i], ==, orchard_metrics_get (orchard_cross_validation_get_metrics (cv_a, i), "roc_auc"));

  g_assert_true (orchard_cross_validation_compare (cv_a, cv_b, "roc_auc", &test, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("probability Logistic is better %.2f (corrected t-test, p = %.3g)",
                              test.probability_a_better, test.p_value);
  g_assert_nonnull (strstr (orchard_evaluate_page_get_stats_text (page), expected));

  /* The box plot has both runs' folds; the size curve both lines. */
  g_assert_cmpuint (orchard_box_plot_get_n_groups (ORCHARD_BOX_PLOT (orchard_evaluate_page_get_plot (page, "cv"))), ==, 2);
  g_assert_cmpuint (orchard_box_plot_get_n_values (ORCHARD_BOX_PLOT (orchard_evaluate_page_get_plot (page, "cv")), 1), ==, 5);
  g_assert_cmpuint (orchard_line_plot_get_n_series (ORCHARD_LINE_PLOT (orchard_evaluate_page_get_plot (page, "size"))), ==, 2);
  g_assert_cmpuint (orchard_line_plot_get_n_points (ORCHARD_LINE_PLOT (orchard_evaluate_page_get_plot (page, "size")), 0), ==, 5);

  /* The card shows the spread over the folds. */
  {
    double mean, std;
    g_autofree char *cv_text = NULL;

    g_assert_true (orchard_cross_validation_get_summary (cv_a, "roc_auc", &mean, &std));
    cv_text = g_strdup_printf ("CV %.3f ± %.3f (5 folds)", mean, std);
    g_assert_nonnull (app_test_find_label (GTK_WIDGET (page), cv_text));
  }
}

/* Permutation importance, computed in a thread on the validation rows. */
static void
test_importance (void)
{
  OrchardEvaluatePage *page = get_page ();
  OrchardImportancePlot *plot = ORCHARD_IMPORTANCE_PLOT (orchard_evaluate_page_get_plot (page, "importance"));
  OrchardImportanceOptions options;
  g_autoptr(OrchardImportance) reference = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint *rank = NULL;

  g_assert_cmpuint (orchard_importance_plot_get_n_bars (plot), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "evaluate.importance", NULL);
  wait_idle (300000);

  orchard_importance_options_init (&options);
  options.threshold = orchard_model_run_get_threshold (logistic_run);
  reference = orchard_importance_compute (orchard_model_run_get_artifact (logistic_run),
                                          orchard_model_run_get_rows (logistic_run, ORCHARD_PART_VALID),
                                          &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  rank = orchard_importance_rank (reference);

  g_assert_cmpuint (orchard_importance_plot_get_n_bars (plot), ==,
                    MIN (20, orchard_importance_get_n_columns (reference)));
  g_assert_cmpfloat (orchard_importance_plot_get_bar_value (plot, 0), ==,
                     orchard_importance_get_mean (reference, rank[0]));
}

/* The verdict is the engine's for the bars set, and follows them. */
static void
test_readiness (void)
{
  OrchardEvaluatePage *page = get_page ();
  OrchardReadiness *shown = orchard_evaluate_page_get_readiness (page);
  OrchardReadinessBars bars;
  g_autoptr(OrchardReadiness) expected = NULL;
  g_autoptr(OrchardMetrics) valid = NULL;
  const OrchardModelRunPredictions *p = orchard_model_run_get_predictions (logistic_run, ORCHARD_PART_VALID);
  g_autoptr(GError) error = NULL;
  double mean, std;
  gsize n_folds;
  const double *folds = orchard_model_run_get_cv_scores (logistic_run, "roc_auc", &n_folds);

  g_assert_nonnull (shown);
  g_assert_cmpstr (orchard_readiness_get_metric (shown), ==, "roc_auc");

  /* The validation metrics at the saved threshold 0.3, the fold spread. */
  valid = orchard_metrics_new_binary (p->classes, p->positive, NULL, p->n_rows, 0.3,
                                      orchard_model_run_get_class_labels (logistic_run), &error);
  mean = 0;
  for (gsize f = 0; f < n_folds; f++)
    mean += folds[f] / n_folds;
  std = 0;
  for (gsize f = 0; f < n_folds; f++)
    std += (folds[f] - mean) * (folds[f] - mean) / n_folds;
  std = sqrt (std);
  orchard_readiness_bars_init (&bars, ORCHARD_METRICS_TASK_BINARY);
  expected = orchard_readiness_evaluate (&bars, valid, orchard_model_run_get_metrics (logistic_run, ORCHARD_PART_TRAIN),
                                         std, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orchard_readiness_is_ready (shown), ==, orchard_readiness_is_ready (expected));
  g_assert_cmpstr (orchard_readiness_get_summary (shown), ==, orchard_readiness_get_summary (expected));

  /* No model clears an AUC bar above 1. */
  {
    GtkWidget *row = gtk_widget_get_ancestor (app_test_find_label (GTK_WIDGET (page), "_Bar on validation rows"), ADW_TYPE_ACTION_ROW);
    GtkWidget *spin_button = NULL;

    g_assert_nonnull (row);
    spin_button = GTK_WIDGET (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
    g_assert_true (GTK_IS_SPIN_BUTTON (spin_button));
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin_button), 1.01);
    g_assert_false (orchard_readiness_is_ready (orchard_evaluate_page_get_readiness (page)));
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin_button), 0.75);
  }
}

/* Three classes: the confusion matrix is the engine's. */
static void
test_multiclass (void)
{
  OrchardEvaluatePage *page = get_page ();
  OrchardSession *session = orchard_window_get_session (window);
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardModelRun) run = train_run ("penguins.csv", "species", "gbdt", "Penguins", &trainer);
  OrchardConfusionPlot *confusion = ORCHARD_CONFUSION_PLOT (orchard_evaluate_page_get_plot (page, "confusion"));
  OrchardMetrics *metrics = orchard_trainer_get_metrics (trainer, ORCHARD_PART_VALID);
  const double *matrix = orchard_metrics_get_confusion_matrix (metrics);
  double shown;

  orchard_session_add_run (session, run);
  /* As the Train page opens a run: by its id. */
  orchard_window_show_phase (window, "data");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-run", "s", orchard_model_run_get_id (run));
  g_assert_true (orchard_evaluate_page_get_run (page) == run);
  g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "evaluate"), ==, "Penguins");
  wait_idle (60000);

  g_assert_cmpuint (orchard_confusion_plot_get_n_classes (confusion), ==, 3);
  for (guint a = 0; a < 3; a++)
    for (guint b = 0; b < 3; b++)
      g_assert_cmpfloat (orchard_confusion_plot_get_count (confusion, a, b), ==, matrix[a * 3 + b]);
  g_assert_true (orchard_evaluate_page_get_metric (page, ORCHARD_PART_VALID, "f1_macro", &shown, NULL));
  g_assert_cmpfloat (shown, ==, orchard_metrics_get (metrics, "f1_macro"));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (orchard_evaluate_page_get_plot (page, "pr")))));

  /* One ROC curve per class against the rest; their mean AUC is the
   * engine's macro one-vs-rest ROC AUC. */
  {
    OrchardCurvePlot *roc = ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (page, "roc"));
    const OrchardModelRunPredictions *p = orchard_model_run_get_predictions (run, ORCHARD_PART_VALID);
    double mean = 0;

    g_assert_cmpuint (orchard_curve_plot_get_n_series (roc), ==, 3);
    for (guint k = 0; k < 3; k++)
      {
        g_autofree guint32 *is_k = g_new (guint32, p->n_rows);
        g_autofree double *score = g_new (double, p->n_rows);
        g_autoptr(OrchardCurve) curve = NULL;
        g_autofree char *name = g_strdup_printf ("%s vs rest", orchard_model_run_get_class_labels (run)[k]);

        for (gsize i = 0; i < p->n_rows; i++)
          {
            is_k[i] = p->classes[i] == k;
            score[i] = p->outputs[i * 3 + k];
          }
        curve = orchard_curve_new_roc (is_k, score, NULL, p->n_rows, TRUE, NULL);
        g_assert_cmpfloat (orchard_curve_plot_get_summary (roc, k), ==, orchard_curve_get_summary (curve, "auc"));
        g_assert_true (g_str_has_prefix (orchard_curve_plot_get_series_name (roc, k), name));
        mean += orchard_curve_plot_get_summary (roc, k) / 3;
      }
    g_assert_cmpfloat_with_epsilon (mean, orchard_metrics_get (metrics, "roc_auc_ovr"), 1e-12);
  }
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (confusion)))));

  app_test_scroll_to (app_test_find_label (GTK_WIDGET (page), "Plots"));
  app_test_save_screenshot ("evaluate-multiclass-light.png");

  /* Cancel stops a cross-validation and keeps nothing of it. */
  gtk_widget_activate_action (GTK_WIDGET (page), "evaluate.cross-validate", NULL);
  g_assert_true (orchard_evaluate_page_get_busy (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "evaluate.cancel", NULL);
  g_assert_false (orchard_evaluate_page_get_busy (page));
  app_test_spin (500);
  g_assert_null (orchard_model_run_get_cv_scores (run, "f1_macro", NULL));
  g_assert_false (orchard_evaluate_page_get_busy (page));
}

/* Regression: predicted against actual, and the residuals. */
static void
test_regression (void)
{
  OrchardEvaluatePage *page = get_page ();
  OrchardSession *session = orchard_window_get_session (window);
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardModelRun) run = train_run ("diabetes.csv", "target", "ridge", "Diabetes", &trainer);
  OrchardScatterPlot *scatter = ORCHARD_SCATTER_PLOT (orchard_evaluate_page_get_plot (page, "scatter"));
  OrchardMetrics *metrics = orchard_trainer_get_metrics (trainer, ORCHARD_PART_TEST);
  g_autofree char *description = NULL;
  double shown;

  orchard_session_add_run (session, run);
  orchard_evaluate_page_show_run (page, run);
  orchard_evaluate_page_set_part (page, ORCHARD_PART_TEST);
  wait_idle (60000);

  g_assert_cmpuint (orchard_scatter_plot_get_n_points (scatter), ==, orchard_metrics_get_n_rows (metrics));
  g_assert_false (orchard_scatter_plot_get_density (scatter));
  g_assert_cmpuint (orchard_histogram_plot_get_n_bins (ORCHARD_HISTOGRAM_PLOT (orchard_evaluate_page_get_plot (page, "residuals"))),
                    >=, 10);
  g_assert_true (orchard_evaluate_page_get_metric (page, ORCHARD_PART_TEST, "rmse", &shown, NULL));
  g_assert_cmpfloat (shown, ==, orchard_metrics_get (metrics, "rmse"));
  description = orchard_plot_dup_description (ORCHARD_PLOT (scatter));
  g_assert_nonnull (strstr (description, "Predicted against Actual"));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  app_test_spin (400);
  app_test_scroll_to (app_test_find_label (GTK_WIDGET (page), "Plots"));
  app_test_save_screenshot ("evaluate-regression-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  orchard_evaluate_page_set_part (page, ORCHARD_PART_VALID);
}

/* ---- responsiveness ---------------------------------------------------- */

typedef struct
{
  gint64 last;
  gint64 longest;
} Stall;

static gboolean
stall_tick_cb (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last != 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;

  return G_SOURCE_CONTINUE;
}

/* A synthetic two-class table: five numeric features, the class drawn from
 * a logistic model of them, so that the curves have many distinct points. */
static OrchardTable *
synthetic_table (gsize n_rows)
{
  OrchardColumn *columns[6];
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func (g_free);
  guint32 *codes = g_new (guint32, n_rows);
  double *values[5];
  OrchardTable *table;

  for (guint f = 0; f < 5; f++)
    values[f] = g_new (double, n_rows);
  for (gsize r = 0; r < n_rows; r++)
    {
      double z = 0;

      for (guint f = 0; f < 5; f++)
        {
          values[f][r] = g_rand_double_range (rand, -2, 2);
          z += (f + 1) * 0.4 * values[f][r];
        }
      codes[r] = g_rand_double (rand) < 1 / (1 + exp (-z));
    }
  g_ptr_array_add (levels, g_strdup ("no"));
  g_ptr_array_add (levels, g_strdup ("yes"));

  for (guint f = 0; f < 5; f++)
    {
      g_autofree char *name = g_strdup_printf ("x%u", f);

      columns[f] = orchard_column_new_numeric (name, values[f], n_rows);
    }
  columns[5] = orchard_column_new_categorical ("label", codes, n_rows, g_steal_pointer (&levels), FALSE);
  table = orchard_table_new (columns, 6, NULL);
  for (guint c = 0; c < 6; c++)
    orchard_column_unref (columns[c]);
  g_assert_nonnull (table);

  return table;
}

static gboolean
big_curves_shown (void)
{
  OrchardCurvePlot *roc = ORCHARD_CURVE_PLOT (orchard_evaluate_page_get_plot (get_page (), "roc"));

  return orchard_curve_plot_get_n_series (roc) == 2 &&
         g_str_has_prefix (orchard_curve_plot_get_series_name (roc, 0), "Big logistic") &&
         g_str_has_prefix (orchard_curve_plot_get_series_name (roc, 1), "Big naive Bayes");
}

/* Opening a run of 200,000 rows (30,000 validation rows) and ticking a
 * second one keeps the main loop running: the curves and intervals are
 * computed in threads. The longest stall is reported, not asserted (it
 * depends on the machine). */
static void
test_responsiveness (void)
{
  OrchardEvaluatePage *page = get_page ();
  OrchardSession *session = orchard_window_get_session (window);
  g_autoptr(OrchardTable) table = synthetic_table (200000);
  g_autoptr(OrchardModelRun) big = NULL;
  g_autoptr(OrchardModelRun) other = NULL;
  g_autoptr(GError) error = NULL;
  Stall stall = { 0 };
  guint tick;
  gint64 start, calls;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(OrchardModel) model = orchard_model_new_by_name (i == 0 ? "logistic" : "naive-bayes", &error);
      g_autoptr(OrchardTrainer) trainer = orchard_trainer_new (table, "label", model);
      g_autoptr(OrchardArtifact) artifact = NULL;
      OrchardModelRun *run;

      g_assert_no_error (error);
      orchard_trainer_set_seed (trainer, 1);
      artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      run = orchard_model_run_new_from_trainer (trainer, artifact, table, NULL, NULL, &error);
      g_assert_no_error (error);
      orchard_model_run_set_title (run, i == 0 ? "Big logistic" : "Big naive Bayes");
      orchard_session_add_run (session, run);
      if (i == 0)
        big = run;
      else
        other = run;
    }

  orchard_window_show_phase (window, "evaluate");
  tick = g_timeout_add (1, stall_tick_cb, &stall);
  start = g_get_monotonic_time ();
  orchard_evaluate_page_show_run (page, big);
  orchard_evaluate_page_set_compared (page, knn_run, FALSE);
  orchard_evaluate_page_set_compared (page, other, TRUE);
  gtk_adjustment_set_value (orchard_evaluate_page_get_threshold_adjustment (page), 0.4);
  calls = g_get_monotonic_time () - start;
  /* From here on, the main loop's own stalls: the curves arriving, the
   * frames drawn. */
  stall.last = g_get_monotonic_time ();
  while (!big_curves_shown () && g_get_monotonic_time () - start < 60 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  app_test_spin (500);
  g_source_remove (tick);

  g_assert_true (big_curves_shown ());
  g_test_message ("showing a run of %lu validation rows and ticking a second one: the calls took %.1f ms, "
                  "the curves came after %.0f ms, the longest main-loop stall after the calls was %.1f ms",
                  (gulong) orchard_model_run_get_predictions (big, ORCHARD_PART_VALID)->n_rows,
                  calls / 1000.0, (g_get_monotonic_time () - start) / 1000.0 - 500, stall.longest / 1000.0);

  /* Leave the page as the other tests expect: cancel the intervals. */
  gtk_widget_activate_action (GTK_WIDGET (page), "evaluate.cancel", NULL);
  orchard_session_remove_run (session, big);
  orchard_session_remove_run (session, other);
  wait_idle (60000);
}

/* A run the project recorded keeps a saved threshold as its tag. */
static void
test_project_threshold (void)
{
  OrchardEvaluatePage *page = get_page ();
  OrchardSession *session = orchard_window_get_session (window);
  g_autofree char *dir = g_dir_make_tmp ("orchard-evaluate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.orchard", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(OrchardRun) record = NULL;
  g_autoptr(OrchardRun) reread = NULL;
  OrchardArtifact *artifact = orchard_model_run_get_artifact (logistic_run);
  gint64 dataset, run_id;

  project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);
  dataset = orchard_project_add_dataset (project, orchard_model_run_get_data (logistic_run), "breast-cancer.csv",
                                         NULL, &error);
  g_assert_no_error (error);
  run_id = orchard_project_begin_run (project, dataset, "target", orchard_artifact_get_model (artifact), 7, 0, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_project_log_bundle (project, run_id, artifact, &error));
  g_assert_no_error (error);
  g_assert_true (orchard_project_finish_run (project, run_id, ORCHARD_RUN_FINISHED, NULL, &error));
  record = orchard_project_get_run (project, run_id, &error);
  g_assert_no_error (error);
  orchard_model_run_set_record (logistic_run, record);
  orchard_session_set_project (session, project);

  orchard_evaluate_page_show_run (page, logistic_run);
  gtk_adjustment_set_value (orchard_evaluate_page_get_threshold_adjustment (page), 0.25);
  gtk_widget_activate_action (GTK_WIDGET (page), "evaluate.save-threshold", NULL);
  g_assert_cmpfloat (orchard_model_run_get_threshold (logistic_run), ==, 0.25);

  reread = orchard_project_get_run (project, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (orchard_run_get_tags (reread), "threshold"), ==, "0.25");
  /* The project's copy of the bundle has it too, with its new SHA-256. */
  {
    g_autoptr(OrchardArtifact) stored = orchard_project_load_bundle (project, run_id, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (orchard_artifact_get_threshold (stored), ==, 0.25);
    g_assert_cmpstr (orchard_run_get_bundle_checksum (reread), ==, orchard_artifact_get_checksum (stored));
  }

  orchard_model_run_set_record (logistic_run, NULL);
  orchard_session_set_project (session, NULL);
  wait_idle (60000);
  orchard_project_close (project);
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        g_unlink (child);
      }
  }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
scroll_top (void)
{
  GtkWidget *runs = app_test_find_label (GTK_WIDGET (get_page ()), "Runs");
  GtkWidget *scrolled = gtk_widget_get_ancestor (runs, GTK_TYPE_SCROLLED_WINDOW);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 0);
  app_test_spin (200);
}

static void
test_screenshots (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  OrchardEvaluatePage *page = get_page ();

  /* Selected as the user does: its row in the Runs list. */
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *row = app_test_find_run_row (GTK_WIDGET (page), i == 0 ? "k-NN" : "Logistic");

      gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
      g_assert_true (orchard_evaluate_page_get_run (page) == (i == 0 ? knn_run : logistic_run));
      g_assert_cmpstr (orchard_window_get_phase_subtitle (window, "evaluate"), ==, i == 0 ? "k-NN" : "Logistic");
    }
  orchard_evaluate_page_set_compared (page, knn_run, TRUE);
  wait_idle (60000);
  orchard_window_show_phase (window, "evaluate");
  app_test_resize (1280, 800);
  scroll_top ();
  app_test_save_screenshot ("evaluate-wide-light.png");
  app_test_scroll_to (app_test_find_label (GTK_WIDGET (page), "Decision Threshold"));
  app_test_save_screenshot ("evaluate-threshold-light.png");
  app_test_scroll_to (app_test_find_label (GTK_WIDGET (page), "Plots"));
  app_test_save_screenshot ("evaluate-plots-light.png");
  app_test_scroll_to (app_test_find_label (GTK_WIDGET (page), "Comparison"));
  app_test_save_screenshot ("evaluate-compare-light.png");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  app_test_spin (400);
  scroll_top ();
  app_test_save_screenshot ("evaluate-wide-dark.png");
  app_test_scroll_to (app_test_find_label (GTK_WIDGET (page), "Plots"));
  app_test_save_screenshot ("evaluate-plots-dark.png");
  app_test_scroll_to (app_test_find_label (GTK_WIDGET (page), "Deployment Readiness"));
  app_test_save_screenshot ("evaluate-readiness-dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  app_test_spin (400);

  app_test_resize (360, 700);
  orchard_window_show_phase (window, "evaluate");
  scroll_top ();
  app_test_save_screenshot ("evaluate-narrow.png");
  app_test_scroll_to (app_test_find_label (GTK_WIDGET (page), "Decision Threshold"));
  app_test_save_screenshot ("evaluate-threshold-narrow.png");
  app_test_scroll_to (app_test_find_label (GTK_WIDGET (page), "Plots"));
  app_test_save_screenshot ("evaluate-plots-narrow.png");
  app_test_resize (1100, 720);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app_test_init (&argc, &argv);

  window = app_test_open_window (1100, 720);

  g_test_add_func ("/app/evaluate/empty", test_empty);
  g_test_add_func ("/app/evaluate/binary-metrics", test_binary_metrics);
  g_test_add_func ("/app/evaluate/binary-plots", test_binary_plots);
  g_test_add_func ("/app/evaluate/threshold", test_threshold);
  g_test_add_func ("/app/evaluate/compare", test_compare);
  g_test_add_func ("/app/evaluate/cross-validate", test_cross_validate);
  g_test_add_func ("/app/evaluate/importance", test_importance);
  g_test_add_func ("/app/evaluate/readiness", test_readiness);
  g_test_add_func ("/app/evaluate/screenshots", test_screenshots);
  g_test_add_func ("/app/evaluate/multiclass", test_multiclass);
  g_test_add_func ("/app/evaluate/regression", test_regression);
  g_test_add_func ("/app/evaluate/responsiveness", test_responsiveness);
  g_test_add_func ("/app/evaluate/project-threshold", test_project_threshold);

  status = app_test_run ();

  g_clear_object (&logistic_run);
  g_clear_object (&knn_run);
  g_clear_object (&logistic_trainer);

  return status;
}
