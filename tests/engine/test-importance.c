/* test-importance.c: evaluating a bundle on labelled data, and permutation importance
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "orchard.h"
#include "prep-test-util.h"

/* y is "yes" when signal + 0.3·ε > 0; noise has nothing to do with it;
 * weak adds a little. */
static OrchardTable *
make_data (gsize   n,
           guint64 seed)
{
  g_autofree double *signal = g_new (double, n);
  g_autofree double *noise = g_new (double, n);
  g_autofree double *weak = g_new (double, n);
  g_autofree const char **y = g_new (const char *, n);
  OrchardRng rng;

  orchard_rng_init (&rng, seed);
  for (gsize r = 0; r < n; r++)
    {
      signal[r] = orchard_rng_normal (&rng);
      noise[r] = orchard_rng_normal (&rng);
      weak[r] = orchard_rng_normal (&rng);
      y[r] = signal[r] + 0.3 * weak[r] + 0.3 * orchard_rng_normal (&rng) > 0 ? "yes" : "no";
    }

  return table_of (numbers ("noise", noise, n), numbers ("signal", signal, n),
                   numbers ("weak", weak, n), strings ("y", y, n), NULL);
}

static OrchardArtifact *
train (OrchardTable *table,
       const char   *target,
       const char   *learner)
{
  g_autoptr(OrchardModel) model = orchard_model_new_by_name (learner, NULL);
  g_autoptr(OrchardTrainer) trainer = orchard_trainer_new (table, target, model);
  g_autoptr(GError) error = NULL;
  OrchardArtifact *artifact;

  g_assert_true (orchard_trainer_set_fractions (trainer, 1.0, 0.0, 0.0, &error));
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return artifact;
}

static int
find (OrchardImportance *importance,
      const char        *column)
{
  for (guint j = 0; j < orchard_importance_get_n_columns (importance); j++)
    if (strcmp (orchard_importance_get_column (importance, j), column) == 0)
      return j;
  g_assert_not_reached ();
}

static void
test_invariants (void)
{
  g_autoptr(OrchardTable) data = make_data (600, 1);
  g_autoptr(OrchardTable) valid = make_data (500, 2);
  g_autoptr(OrchardArtifact) artifact = train (data, "y", "logistic");
  g_autoptr(OrchardImportance) importance = NULL;
  g_autoptr(OrchardImportance) again = NULL;
  g_autoptr(OrchardImportance) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint *rank = NULL;
  OrchardImportanceOptions options;
  int signal, noise, weak;

  orchard_importance_options_init (&options);
  options.n_repeats = 8;
  options.seed = 42;
  importance = orchard_importance_compute (artifact, valid, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (orchard_importance_get_metric (importance), ==, "roc_auc");
  g_assert_cmpuint (orchard_importance_get_n_columns (importance), ==, 3);
  g_assert_cmpuint (orchard_importance_get_n_rows (importance), ==, 500);
  g_assert_cmpfloat (orchard_importance_get_baseline (importance), >, 0.9);
  signal = find (importance, "signal");
  noise = find (importance, "noise");
  weak = find (importance, "weak");

  /* The signal matters most, then the weak column; the noise not at all. */
  g_assert_cmpfloat (orchard_importance_get_mean (importance, signal), >, 0.2);
  g_assert_cmpfloat (orchard_importance_get_mean (importance, weak), >, 0.005);
  g_assert_cmpfloat (orchard_importance_get_mean (importance, signal), >,
                     orchard_importance_get_mean (importance, weak));
  g_assert_cmpfloat (fabs (orchard_importance_get_mean (importance, noise)), <, 0.005);
  rank = orchard_importance_rank (importance);
  g_assert_cmpint (rank[0], ==, signal);
  g_assert_cmpint (rank[1], ==, weak);
  g_assert_cmpint (rank[2], ==, noise);

  /* The mean and standard deviation are those of the drops. */
  for (guint j = 0; j < 3; j++)
    {
      const double *drops = orchard_importance_get_drops (importance, j);
      double mean = 0, var = 0;

      for (guint k = 0; k < 8; k++)
        mean += drops[k];
      mean /= 8;
      for (guint k = 0; k < 8; k++)
        var += (drops[k] - mean) * (drops[k] - mean);
      g_assert_cmpfloat_with_epsilon (orchard_importance_get_mean (importance, j), mean, 1e-15);
      g_assert_cmpfloat_with_epsilon (orchard_importance_get_std (importance, j), sqrt (var / 8),
                                      1e-15);
    }

  /* A drop recomputed by hand: stream j of the seed, shuffled k + 1 times. */
  {
    g_autoptr(OrchardEvaluation) base = orchard_evaluation_new (artifact, valid, NULL, &error);
    g_autoptr(OrchardMetrics) base_metrics = orchard_evaluation_compute_metrics (base, NAN, &error);
    OrchardColumn *column = column_named (valid, "signal");
    g_autofree gsize *order = g_new (gsize, 500);
    g_autofree double *values = g_new (double, 500);
    OrchardRng rng;

    orchard_rng_init_stream (&rng, 42, signal);
    for (gsize r = 0; r < 500; r++)
      order[r] = r;
    orchard_rng_shuffle (&rng, order, 500);
    orchard_rng_shuffle (&rng, order, 500);
    for (gsize r = 0; r < 500; r++)
      values[r] = orchard_column_get_values (column)[order[r]];

    {
      OrchardColumn *noise_column = column_named (valid, "noise");
      OrchardColumn *weak_column = column_named (valid, "weak");
      OrchardColumn *y_column = column_named (valid, "y");
      OrchardColumn *columns[] = { noise_column, NULL, weak_column, y_column };
      g_autoptr(OrchardColumn) shuffled = numbers ("signal", values, 500);
      g_autoptr(OrchardTable) permuted = NULL;
      g_autoptr(OrchardEvaluation) evaluation = NULL;
      g_autoptr(OrchardMetrics) metrics = NULL;

      columns[1] = shuffled;
      permuted = orchard_table_new (columns, 4, &error);
      g_assert_no_error (error);
      evaluation = orchard_evaluation_new (artifact, permuted, NULL, &error);
      g_assert_no_error (error);
      metrics = orchard_evaluation_compute_metrics (evaluation, NAN, &error);
      g_assert_cmpfloat (orchard_importance_get_drops (importance, signal)[1], ==,
                         orchard_metrics_get (base_metrics, "roc_auc") -
                         orchard_metrics_get (metrics, "roc_auc"));
    }
  }

  /* Reproducible for a seed, different for another. */
  again = orchard_importance_compute (artifact, valid, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (orchard_importance_get_drops (again, signal), 8 * sizeof (double),
                   orchard_importance_get_drops (importance, signal), 8 * sizeof (double));
  options.seed = 43;
  other = orchard_importance_compute (artifact, valid, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (memcmp (orchard_importance_get_drops (other, signal),
                         orchard_importance_get_drops (importance, signal),
                         8 * sizeof (double)) != 0);
}

/* For a loss the sign turns: a positive drop still means "matters". */
static void
test_loss_and_regression (void)
{
  g_autoptr(OrchardTable) data = make_data (400, 3);
  g_autoptr(OrchardArtifact) artifact = train (data, "y", "logistic");
  g_autoptr(OrchardTable) diabetes = load_sample ("diabetes.csv");
  g_autoptr(OrchardArtifact) linear = train (diabetes, "target", "linear");
  g_autoptr(OrchardImportance) importance = NULL;
  g_autoptr(GError) error = NULL;
  OrchardImportanceOptions options;
  g_autofree guint *rank = NULL;

  orchard_importance_options_init (&options);
  options.metric = "log_loss";
  options.n_repeats = 3;
  importance = orchard_importance_compute (artifact, data, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (orchard_importance_get_mean (importance, find (importance, "signal")), >, 0.3);
  g_clear_object (&importance);

  orchard_importance_options_init (&options);
  importance = orchard_importance_compute (linear, diabetes, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_importance_get_metric (importance), ==, "r2");
  g_assert_cmpuint (orchard_importance_get_n_columns (importance), ==, 10);
  rank = orchard_importance_rank (importance);
  /* scikit-learn's permutation_importance of LinearRegression on all rows
   * (5 repeats, random_state=0) ranks s1 0.489, s5 0.409, bmi 0.207 first
   * (s1 and s2 are collinear, so OLS gives them large opposite weights) and
   * age last at 0.000. */
  g_assert_cmpstr (orchard_importance_get_column (importance, rank[0]), ==, "s1");
  g_assert_cmpstr (orchard_importance_get_column (importance, rank[1]), ==, "s5");
  g_assert_cmpstr (orchard_importance_get_column (importance, rank[2]), ==, "bmi");
  g_assert_cmpstr (orchard_importance_get_column (importance, rank[9]), ==, "age");
  g_assert_cmpfloat (fabs (orchard_importance_get_mean (importance, rank[9])), <, 0.005);
  g_clear_object (&importance);

  options.metric = "roc_auc";
  g_assert_null (orchard_importance_compute (linear, diabetes, &options, NULL, NULL, NULL,
                                             &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  options.metric = NULL;
  options.n_repeats = 0;
  g_assert_null (orchard_importance_compute (linear, diabetes, &options, NULL, NULL, NULL,
                                             &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

/* The evaluation codes the truth by the bundle's labels, leaves unlabelled
 * rows out and says what is wrong with the data. */
static void
test_evaluation (void)
{
  g_autoptr(OrchardTable) data = make_data (300, 4);
  g_autoptr(OrchardArtifact) artifact = train (data, "y", "logistic");
  g_autoptr(OrchardEvaluation) evaluation = NULL;
  g_autoptr(OrchardMetrics) metrics = NULL;
  g_autoptr(OrchardMetrics) strict = NULL;
  g_autoptr(OrchardCurve) curve = NULL;
  g_autoptr(GError) error = NULL;
  OrchardInterval interval;
  double threshold, value;

  {
    const char *y[] = { "yes", NULL, "no", "maybe" };
    const double x[] = { 1, 2, 3, 4 };
    g_autoptr(OrchardTable) partial = table_of (numbers ("noise", x, 3), numbers ("signal", x, 3),
                                                numbers ("weak", x, 3), strings ("y", y, 3), NULL);
    g_autoptr(OrchardTable) unknown = table_of (numbers ("noise", x, 4), numbers ("signal", x, 4),
                                                numbers ("weak", x, 4), strings ("y", y, 4), NULL);
    g_autoptr(OrchardTable) no_target = table_of (numbers ("noise", x, 4),
                                                  numbers ("signal", x, 4),
                                                  numbers ("weak", x, 4), NULL);
    g_autoptr(OrchardEvaluation) two = orchard_evaluation_new (artifact, partial, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (orchard_evaluation_get_n_rows (two), ==, 2);
    g_assert_cmpuint (orchard_evaluation_get_n_unlabelled (two), ==, 1);
    g_assert_cmpuint (orchard_evaluation_get_rows (two)[1], ==, 2);
    /* "no" < "yes": yes is class 1, the positive class. */
    g_assert_cmpuint (orchard_evaluation_get_classes (two)[0], ==, 1);
    g_assert_cmpuint (orchard_evaluation_get_classes (two)[1], ==, 0);

    g_assert_null (orchard_evaluation_new (artifact, unknown, NULL, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "row 4"));
    g_assert_nonnull (strstr (error->message, "“maybe”"));
    g_clear_error (&error);

    g_assert_null (orchard_evaluation_new (artifact, no_target, NULL, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "no column “y”"));
    g_clear_error (&error);
  }

  evaluation = orchard_evaluation_new (artifact, data, NULL, &error);
  g_assert_no_error (error);
  metrics = orchard_evaluation_compute_metrics (evaluation, NAN, &error);
  g_assert_cmpfloat (orchard_metrics_get_threshold (metrics), ==, 0.5);
  /* The trainer's own training metrics are those of the same rows. */
  {
    g_autoptr(JsonNode) stored = orchard_artifact_metrics_to_json (artifact, ORCHARD_PART_TRAIN);
    JsonObject *object = json_node_get_object (stored);

    g_assert_cmpfloat (json_object_get_double_member (object, "roc_auc"), ==,
                       orchard_metrics_get (metrics, "roc_auc"));
    g_assert_cmpfloat (json_object_get_double_member (object, "f1"), ==,
                       orchard_metrics_get (metrics, "f1"));
  }
  strict = orchard_evaluation_compute_metrics (evaluation, 0.9, &error);
  g_assert_cmpfloat (orchard_metrics_get (strict, "recall"), <, orchard_metrics_get (metrics, "recall"));

  curve = orchard_evaluation_compute_curve (evaluation, ORCHARD_CURVE_ROC, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (orchard_curve_get_summary (curve, "auc"), ==, orchard_metrics_get (metrics, "roc_auc"));
  g_assert_null (orchard_evaluation_compute_curve (evaluation, ORCHARD_CURVE_RESIDUALS, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  g_assert_true (orchard_evaluation_bootstrap (evaluation, "roc_auc", NAN, NULL, NULL, NULL, NULL,
                                               &interval, &error));
  g_assert_cmpfloat (interval.estimate, ==, orchard_metrics_get (metrics, "roc_auc"));
  g_assert_cmpfloat (interval.lower, <=, interval.estimate);
  g_assert_cmpfloat (interval.upper, >=, interval.estimate);

  /* The chosen threshold is the F1-best one of the sweep. */
  g_assert_true (orchard_evaluation_choose_threshold (evaluation, ORCHARD_THRESHOLD_MAX_F1, NULL,
                                                      &threshold, &value, &error));
  g_assert_no_error (error);
  {
    g_autoptr(OrchardMetrics) at = orchard_evaluation_compute_metrics (evaluation, threshold, &error);

    g_assert_cmpfloat_with_epsilon (orchard_metrics_get (at, "f1"), value, 1e-12);
    g_assert_cmpfloat (value, >=, orchard_metrics_get (metrics, "f1"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Importance/invariants", test_invariants);
  g_test_add_func ("/engine/Importance/loss-regression", test_loss_and_regression);
  g_test_add_func ("/engine/Evaluation/basics", test_evaluation);

  return g_test_run ();
}
