/* test-gbdt.c: histogram gradient boosting
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "models-test-util.h"
#include "orchard-tree-private.h"
#include "trees-test-util.h"

/* scikit-learn's HistGradientBoosting settings of the reference. */
static void
set_reference_params (OrchardModel *model,
                      const char   *loss)
{
  g_autoptr(GError) error = NULL;

  g_object_set (model, "n-trees", 100, "learning-rate", 0.1, "max-leaves", 31,
                "min-samples-leaf", 20, "l2", 0.0, "max-bins", 255, "early-stopping", FALSE,
                NULL);
  g_assert_true (orchard_model_set_param_from_string (model, "loss", loss, &error));
  g_assert_no_error (error);
}

/* Test ROC AUC and accuracy (classification) or R² (regression) no worse
 * than HistGradientBoosting's with the same settings by more than 0.01,
 * and RMSE no more than 1% above it; for the absolute error, the mean
 * absolute error (what it minimises) no more than 1% above it. The first
 * trees are the same as scikit-learn's (same bins, gains, tie rules); later
 * ones part where float32 gradients make near-ties fall differently. */
static void
test_sklearn (void)
{
  JsonArray *cases = trees_test_cases ("gbdt");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "case");
      JsonObject *dataset = trees_test_dataset (json_object_get_string_member (c, "dataset"));
      g_autoptr(OrchardModel) model = trees_test_new_model ("gbdt", dataset);
      g_autofree double *y_test = trees_test_vector (dataset, "y", "test", NULL);
      g_autoptr(OrchardMatrix) p = NULL;
      g_autoptr(OrchardMetrics) metrics = NULL;

      set_reference_params (model, json_object_get_string_member (c, "loss"));
      p = trees_test_fit_predict (model, dataset, "train", "test");
      metrics = trees_test_metrics (model, p, y_test);

      if (trees_test_is_regression (dataset))
        {
          double r2 = orchard_metrics_get (metrics, "r2"), rmse = orchard_metrics_get (metrics, "rmse");
          double ref_r2 = json_object_get_double_member (c, "r2");
          double ref_rmse = json_object_get_double_member (c, "rmse");

          g_test_message ("%s: R² %.4f (scikit-learn %.4f), RMSE %.3f (%.3f), MAE %.3f (%.3f)",
                          name, r2, ref_r2, rmse, ref_rmse, orchard_metrics_get (metrics, "mae"),
                          json_object_get_double_member (c, "mae"));
          if (g_str_equal (json_object_get_string_member (c, "loss"), "absolute-error"))
            g_assert_cmpfloat (orchard_metrics_get (metrics, "mae"), <=,
                               1.01 * json_object_get_double_member (c, "mae"));
          else
            {
              g_assert_cmpfloat (r2, >=, ref_r2 - 0.01);
              g_assert_cmpfloat (rmse, <=, 1.01 * ref_rmse);
            }
        }
      else
        {
          double acc = orchard_metrics_get (metrics, "accuracy");
          double ref_acc = json_object_get_double_member (c, "accuracy");

          g_test_message ("%s: accuracy %.4f (scikit-learn %.4f), log loss %.4f (%.4f)%s",
                          name, acc, ref_acc, orchard_metrics_get (metrics, "log_loss"),
                          json_object_get_double_member (c, "log_loss"),
                          json_object_has_member (c, "roc_auc") ? "" : "");
          g_assert_cmpfloat (acc, >=, ref_acc - 0.01);
          if (json_object_has_member (c, "roc_auc"))
            {
              double auc = orchard_metrics_get (metrics, "roc_auc");
              double ref_auc = json_object_get_double_member (c, "roc_auc");

              g_test_message ("%s: ROC AUC %.4f (scikit-learn %.4f)", name, auc, ref_auc);
              g_assert_cmpfloat (auc, >=, ref_auc - 0.01);
            }
        }
    }
}


/* y = 1 when x0 is missing or above 0.5; x1 is noise. */
static OrchardMatrix *
missing_data (gsize    n,
              guint64  seed,
              gboolean with_missing,
              double **y)
{
  OrchardMatrix *X = orchard_matrix_new (n, 2);
  OrchardRng rng;

  orchard_matrix_set_feature (X, 0, "x0", NULL, 0);
  orchard_matrix_set_feature (X, 1, "x1", NULL, 1);
  orchard_rng_init (&rng, seed);
  *y = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      double x0 = orchard_rng_uniform (&rng);
      gboolean missing = with_missing && orchard_rng_uniform (&rng) < 0.3;

      orchard_matrix_set (X, i, 0, missing ? NAN : x0);
      orchard_matrix_set (X, i, 1, orchard_rng_uniform (&rng));
      (*y)[i] = missing || x0 > 0.5;
    }

  return X;
}

static OrchardModel *
new_binary (void)
{
  g_autoptr(OrchardModel) model = orchard_gbdt_new ();
  const char *labels[] = { "no", "yes", NULL };
  g_autoptr(GError) error = NULL;

  orchard_model_set_target (model, ORCHARD_TASK_BINARY, labels, &error);
  g_assert_no_error (error);
  g_object_set (model, "early-stopping", FALSE, NULL);
  return g_steal_pointer (&model);
}

/* Missing values go where the training rows with missing values went:
 * here, to the positive side, which no threshold on x0 alone would say. */
static void
test_missing (void)
{
  g_autofree double *y = NULL, *y2 = NULL;
  g_autoptr(OrchardMatrix) X = missing_data (4000, 11, TRUE, &y);
  g_autoptr(OrchardMatrix) complete = missing_data (4000, 11, FALSE, &y2);
  g_autoptr(OrchardModel) model = new_binary ();
  g_autoptr(OrchardModel) no_missing = new_binary ();
  g_autoptr(OrchardMatrix) probe = orchard_matrix_new (4, 2);
  g_autoptr(OrchardMatrix) p = NULL, q = NULL;
  g_autoptr(GError) error = NULL;
  double low[] = { NAN, 0.2, 0.8, NAN }, other[] = { 0.5, 0.5, 0.5, NAN };

  g_assert_true (orchard_model_get_handles_missing (model));
  for (guint i = 0; i < 4; i++)
    {
      orchard_matrix_set (probe, i, 0, low[i]);
      orchard_matrix_set (probe, i, 1, other[i]);
    }

  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  p = orchard_model_predict (model, probe, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("P(yes) for x0 missing %.4f, 0.2 %.4f, 0.8 %.4f, both missing %.4f",
                  orchard_matrix_get (p, 0, 1), orchard_matrix_get (p, 1, 1),
                  orchard_matrix_get (p, 2, 1), orchard_matrix_get (p, 3, 1));
  g_assert_cmpfloat (orchard_matrix_get (p, 0, 1), >, 0.95);
  g_assert_cmpfloat (orchard_matrix_get (p, 1, 1), <, 0.05);
  g_assert_cmpfloat (orchard_matrix_get (p, 2, 1), >, 0.95);
  g_assert_cmpfloat (orchard_matrix_get (p, 3, 1), >, 0.95);

  /* Trained without missing values, a missing x0 goes to the side of each
   * split with more training rows; the prediction is still a probability. */
  orchard_model_fit (no_missing, complete, y2, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  q = orchard_model_predict (no_missing, probe, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (fabs (orchard_matrix_get (q, i, 0) + orchard_matrix_get (q, i, 1) - 1), <, 1e-12);

  /* Infinity is not a missing value. */
  orchard_matrix_set (probe, 0, 0, INFINITY);
  g_assert_null (orchard_model_predict (model, probe, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

/* A feature that is always missing is never split on: the model is the
 * one fitted without it, bit for bit. */
static void
test_all_missing (void)
{
  JsonObject *cancer = trees_test_dataset ("breast-cancer");
  g_autoptr(OrchardMatrix) X = trees_test_matrix (cancer, NULL);
  g_autofree double *y = trees_test_vector (cancer, "y", NULL, NULL);
  gsize n = orchard_matrix_get_n_rows (X);
  guint d = orchard_matrix_get_n_cols (X);
  g_autoptr(OrchardMatrix) wider = orchard_matrix_new (n, d + 1);
  g_autoptr(OrchardModel) a = trees_test_new_model ("gbdt", cancer);
  g_autoptr(OrchardModel) b = trees_test_new_model ("gbdt", cancer);
  g_autoptr(OrchardMatrix) pa = NULL, pb = NULL;
  g_autofree double *importance = NULL;
  g_autoptr(GError) error = NULL;

  for (guint j = 0; j < d; j++)
    orchard_matrix_set_feature (wider, j + 1, orchard_matrix_get_feature_name (X, j), NULL, j);
  orchard_matrix_set_feature (wider, 0, "empty", NULL, -1);
  for (gsize i = 0; i < n; i++)
    {
      orchard_matrix_set (wider, i, 0, NAN);
      for (guint j = 0; j < d; j++)
        orchard_matrix_set (wider, i, j + 1, orchard_matrix_get (X, i, j));
    }

  g_object_set (a, "n-trees", 30, "early-stopping", FALSE, NULL);
  g_object_set (b, "n-trees", 30, "early-stopping", FALSE, NULL);
  orchard_model_fit (a, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_fit (b, wider, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  pa = orchard_model_predict (a, X, NULL, &error);
  pb = orchard_model_predict (b, wider, NULL, &error);
  g_assert_cmpmem (orchard_matrix_get_data (pa), n * 2 * sizeof (double),
                   orchard_matrix_get_data (pb), n * 2 * sizeof (double));
  importance = orchard_model_get_feature_importance (b, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (importance[0], ==, 0.0);
}

/* Two training classes at least; one is a clear error that names it. */
static void
test_single_class (void)
{
  JsonObject *cancer = trees_test_dataset ("breast-cancer");
  JsonObject *iris = trees_test_dataset ("iris");
  g_autoptr(OrchardMatrix) X = trees_test_matrix (cancer, NULL);
  g_autoptr(OrchardMatrix) Xi = trees_test_matrix (iris, NULL);
  g_autofree double *ones = g_new (double, orchard_matrix_get_n_rows (X));
  g_autofree double *twos = g_new (double, orchard_matrix_get_n_rows (Xi));
  g_autoptr(OrchardModel) binary = trees_test_new_model ("gbdt", cancer);
  g_autoptr(OrchardModel) multi = trees_test_new_model ("gbdt", iris);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < orchard_matrix_get_n_rows (X); i++)
    ones[i] = 1;
  for (gsize i = 0; i < orchard_matrix_get_n_rows (Xi); i++)
    twos[i] = 2;

  g_assert_false (orchard_model_fit (binary, X, ones, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“malignant”"));
  g_clear_error (&error);
  g_assert_false (orchard_model_is_fitted (binary));

  g_assert_false (orchard_model_fit (multi, Xi, twos, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“virginica”"));
  g_clear_error (&error);

  /* Two of three classes are enough. */
  for (gsize i = 0; i < orchard_matrix_get_n_rows (Xi); i++)
    twos[i] = i % 2;
  g_assert_true (orchard_model_fit (multi, Xi, twos, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* A loss for the other kind of task is refused. */
  g_object_set (binary, "loss", ORCHARD_GBDT_LOSS_HUBER, NULL);
  g_assert_false (orchard_model_fit (binary, X, ones, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
}

static gboolean
same_bytes (OrchardModel *a,
            OrchardModel *b)
{
  g_autoptr(GVariant) va = orchard_model_to_variant (a);
  g_autoptr(GVariant) vb = orchard_model_to_variant (b);

  return g_variant_get_size (va) == g_variant_get_size (vb) &&
         memcmp (g_variant_get_data (va), g_variant_get_data (vb), g_variant_get_size (va)) == 0;
}

/* The same seed gives the same model bytes, on one thread or two, with row
 * and feature sampling; another seed another model. */
static void
test_deterministic (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (60000, 12, 91, &y, 3);
  const char *labels[] = { "a", "b", "c", NULL };
  OrchardModel *models[4];
  guint seeds[4] = { 5, 5, 5, 6 }, threads[4] = { 1, 2, 2, 2 };
  guint saved = orchard_get_threads ();

  /* Blank out 2% of the cells: missing values take their own path. */
  for (gsize i = 0; i < 60000; i += 7)
    orchard_matrix_set (X, i, (guint) (i % 12), NAN);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GError) error = NULL;

      orchard_set_threads (threads[i]);
      models[i] = orchard_gbdt_new ();
      orchard_model_set_target (models[i], ORCHARD_TASK_MULTICLASS, labels, NULL);
      g_object_set (models[i], "n-trees", 15, "subsample", 0.7, "colsample", 0.6,
                    "seed", seeds[i], "early-stopping", FALSE, NULL);
      orchard_model_fit (models[i], X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  orchard_set_threads (saved);

  g_assert_true (same_bytes (models[0], models[1]));
  g_assert_true (same_bytes (models[1], models[2]));
  g_assert_false (same_bytes (models[2], models[3]));
  for (guint i = 0; i < 4; i++)
    g_object_unref (models[i]);
}

/* Binary, on all rows (the root's histograms then come from every row in
 * order, its counts from the whole data) and enough of them for both
 * threads to work: the same bytes on one thread or two; and the training
 * loss of the history, computed with the vectorised logistic function,
 * is the log loss of the model's probabilities (C library's exp and log),
 * a row count that is no multiple of four included. */
static void
test_deterministic_binary (void)
{
  const gsize n = 150001;
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (n, 12, 93, &y, 2);
  OrchardModel *models[2];
  guint threads[2] = { 1, 2 };
  guint saved = orchard_get_threads ();
  const OrchardHistoryEntry *history;
  g_autoptr(OrchardMatrix) p = NULL;
  g_autoptr(GError) error = NULL;
  double loss = 0;
  guint m;

  for (gsize i = 0; i < n; i += 11)
    orchard_matrix_set (X, i, (guint) (i % 12), NAN);

  for (guint i = 0; i < 2; i++)
    {
      orchard_set_threads (threads[i]);
      models[i] = new_binary ();
      g_object_set (models[i], "n-trees", 8, "colsample", 0.6, "seed", 3, NULL);
      orchard_model_fit (models[i], X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  orchard_set_threads (saved);
  g_assert_true (same_bytes (models[0], models[1]));

  history = orchard_model_get_history (models[1], &m);
  g_assert_cmpuint (m, ==, 8);
  p = orchard_model_predict (models[1], X, NULL, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < n; i++)
    loss -= log (MAX (orchard_matrix_get (p, i, (guint) y[i]), 1e-15));
  g_assert_cmpfloat_with_epsilon (loss / n, history[m - 1].train_loss, 1e-12);

  for (guint i = 0; i < 2; i++)
    g_object_unref (models[i]);
}

/* Unweighted squared error has hessians of 1, and its histograms count the
 * rows by them (16 bytes a bin instead of 32); weights of 2 take the full
 * bins and scale every sum by an exact 2, which leaves the leaf values and
 * the choice of splits as they were: the predictions are the same bits. */
static void
test_unit_hessian (void)
{
  const gsize n = 30000;
  g_autofree double *y = NULL;
  g_autofree double *w = g_new (double, n);
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (n, 6, 97, &y, 0);
  OrchardMatrix *p[2];

  for (gsize i = 0; i < n; i += 13)
    orchard_matrix_set (X, i, (guint) (i % 6), NAN);
  for (gsize i = 0; i < n; i++)
    w[i] = 2.0;

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(OrchardModel) model = orchard_gbdt_new ();
      g_autoptr(GError) error = NULL;

      orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, NULL);
      g_object_set (model, "early-stopping", FALSE, "n-trees", 12, "max-leaves", 40,
                    "min-samples-leaf", 5, NULL);
      orchard_model_fit (model, X, y, NULL, NULL, k == 0 ? NULL : w, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      p[k] = orchard_model_predict (model, X, NULL, &error);
      g_assert_no_error (error);
    }

  g_assert_cmpmem (orchard_matrix_get_data (p[0]), n * sizeof (double),
                   orchard_matrix_get_data (p[1]), n * sizeof (double));
  orchard_matrix_unref (p[0]);
  orchard_matrix_unref (p[1]);
}

/* With validation rows, training stops `patience` iterations after the
 * best validation loss and keeps the trees of that iteration. */
static void
test_early_stopping (void)
{
  g_autofree double *all_y = NULL;
  g_autoptr(OrchardMatrix) all = models_test_big_matrix (4000, 10, 101, &all_y, 2);
  g_autoptr(OrchardMatrix) X = orchard_matrix_new (2000, 10);
  g_autoptr(OrchardMatrix) X_valid = orchard_matrix_new (2000, 10);
  double *y = all_y, *y_valid = all_y + 2000;
  g_autoptr(OrchardModel) model = new_binary ();
  g_autoptr(OrchardMatrix) p = NULL;
  g_autoptr(GError) error = NULL;
  const OrchardHistoryEntry *history;
  guint n, best = 0;
  double loss = 0;

  memcpy (orchard_matrix_get_data (X), orchard_matrix_get_data (all), 2000 * 10 * sizeof (double));
  memcpy (orchard_matrix_get_data (X_valid), orchard_matrix_get_data (all) + 2000 * 10,
          2000 * 10 * sizeof (double));

  /* Deep trees on noisy labels overfit: the validation loss turns. */
  g_object_set (model, "early-stopping", TRUE, "patience", 5, "n-trees", 1000,
                "learning-rate", 0.3, "max-leaves", 64, "min-samples-leaf", 2, NULL);
  orchard_model_fit (model, X, y, X_valid, y_valid, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  history = orchard_model_get_history (model, &n);
  for (guint i = 0; i < n; i++)
    if (best == 0 || history[i].valid_loss < history[best - 1].valid_loss - 1e-7)
      best = i + 1;
  g_test_message ("stopped after %u iterations, the best %u", n, best);
  g_assert_cmpuint (n, <, 1000);
  g_assert_cmpuint (n, ==, best + 5);
  g_assert_cmpint (orchard_model_get_best_iteration (model), ==, best);
  g_assert_cmpuint (orchard_gbdt_get_n_iterations (ORCHARD_GBDT (model)), ==, best);
  g_assert_cmpfloat (history[n - 1].train_loss, <, history[best - 1].train_loss);

  p = orchard_model_predict (model, X_valid, NULL, &error);
  for (gsize i = 0; i < 2000; i++)
    loss -= log (MAX (orchard_matrix_get (p, i, (guint) y_valid[i]), 1e-15)) / 2000;
  g_assert_cmpfloat_with_epsilon (loss, history[best - 1].valid_loss, 1e-12);

  /* The training loss the history records is that of the model. */
  {
    g_autoptr(OrchardMatrix) q = orchard_model_predict (model, X, NULL, &error);
    double train = 0;
    g_autoptr(OrchardModel) all_trees = new_binary ();
    const OrchardHistoryEntry *h;
    guint m;

    for (gsize i = 0; i < 2000; i++)
      train -= log (MAX (orchard_matrix_get (q, i, (guint) y[i]), 1e-15)) / 2000;
    g_assert_cmpfloat_with_epsilon (train, history[best - 1].train_loss, 1e-12);

    /* Without early stopping the same fit runs on, the same up to there. */
    g_object_set (all_trees, "n-trees", n, "learning-rate", 0.3, "max-leaves", 64,
                  "min-samples-leaf", 2, NULL);
    orchard_model_fit (all_trees, X, y, X_valid, y_valid, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    h = orchard_model_get_history (all_trees, &m);
    g_assert_cmpuint (m, ==, n);
    g_assert_cmpint (orchard_model_get_best_iteration (all_trees), ==, n);
    for (guint i = 0; i < n; i++)
      {
        /* Field by field: the entries have padding. */
        g_assert_cmpuint (h[i].iteration, ==, history[i].iteration);
        g_assert_cmpmem (&h[i].train_loss, sizeof (double), &history[i].train_loss, sizeof (double));
        g_assert_cmpmem (&h[i].valid_loss, sizeof (double), &history[i].valid_loss, sizeof (double));
        g_assert_cmpmem (&h[i].valid_metric, sizeof (double), &history[i].valid_metric,
                         sizeof (double));
      }
  }
}

/* The learning curve without validation rows: the training loss falls. */
static void
test_history (void)
{
  JsonObject *diabetes = trees_test_dataset ("diabetes");
  g_autoptr(OrchardMatrix) X = trees_test_matrix (diabetes, NULL);
  g_autofree double *y = trees_test_vector (diabetes, "y", NULL, NULL);
  g_autoptr(OrchardModel) model = trees_test_new_model ("gbdt", diabetes);
  g_autoptr(OrchardMatrix) p = NULL;
  g_autoptr(GError) error = NULL;
  const OrchardHistoryEntry *history;
  gsize n = orchard_matrix_get_n_rows (X);
  double mse = 0;
  guint m;

  g_object_set (model, "n-trees", 40, "early-stopping", FALSE, NULL);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  history = orchard_model_get_history (model, &m);
  g_assert_cmpuint (m, ==, 40);
  for (guint i = 1; i < m; i++)
    {
      g_assert_cmpfloat (history[i].train_loss, <=, history[i - 1].train_loss);
      g_assert_true (isnan (history[i].valid_loss));
    }

  p = orchard_model_predict (model, X, NULL, &error);
  for (gsize i = 0; i < n; i++)
    mse += (orchard_matrix_get (p, i, 0) - y[i]) * (orchard_matrix_get (p, i, 0) - y[i]) / n;
  g_assert_cmpfloat (fabs (mse - history[m - 1].train_loss), <=, 1e-9 * mse);
}

/* Importance: splits only on the features that matter; counts add up. */
static void
test_importance (void)
{
  gsize n = 3000;
  g_autoptr(OrchardMatrix) X = orchard_matrix_new (n, 5);
  g_autofree double *y = g_new (double, n);
  g_autoptr(OrchardModel) model = orchard_gbdt_new ();
  g_autofree double *gain = NULL, *split = NULL, *shares = NULL;
  g_autoptr(GError) error = NULL;
  double total = 0, n_splits = 0;
  OrchardRng rng;

  orchard_rng_init (&rng, 3);
  for (gsize i = 0; i < n; i++)
    {
      for (guint j = 0; j < 5; j++)
        orchard_matrix_set (X, i, j, orchard_rng_uniform (&rng));
      y[i] = 10 * orchard_matrix_get (X, i, 1) + 5 * (orchard_matrix_get (X, i, 3) > 0.5);
    }

  orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, NULL);
  g_object_set (model, "n-trees", 20, "max-leaves", 8, "early-stopping", FALSE, NULL);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  gain = orchard_gbdt_get_importance (ORCHARD_GBDT (model), ORCHARD_GBDT_IMPORTANCE_GAIN);
  split = orchard_gbdt_get_importance (ORCHARD_GBDT (model), ORCHARD_GBDT_IMPORTANCE_SPLIT);
  shares = orchard_model_get_feature_importance (model, &error);
  g_assert_no_error (error);
  for (guint j = 0; j < 5; j++)
    {
      g_test_message ("feature %u: gain %.3f, %g splits, share %.4f", j, gain[j], split[j], shares[j]);
      total += shares[j];
      n_splits += split[j];
    }
  g_assert_cmpfloat (fabs (total - 1.0), <, 1e-12);
  g_assert_cmpfloat (shares[1] + shares[3], >, 0.99);
  /* 20 trees of 8 leaves: 7 splits each. */
  g_assert_cmpfloat (n_splits, ==, 20 * 7);
}

/* With a tenth of the targets wildly wrong, the Huber and absolute losses
 * predict the clean test targets better than the squared error. */
static void
test_robust_losses (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) all = models_test_big_matrix (6000, 5, 111, &y, 0);
  g_autoptr(OrchardMatrix) X = orchard_matrix_new (4000, 5);
  g_autoptr(OrchardMatrix) test = orchard_matrix_new (2000, 5);
  const char *losses[] = { "squared-error", "huber", "absolute-error" };
  double rmse[3];
  OrchardRng rng;

  memcpy (orchard_matrix_get_data (X), orchard_matrix_get_data (all), 4000 * 5 * sizeof (double));
  memcpy (orchard_matrix_get_data (test), orchard_matrix_get_data (all) + 4000 * 5,
          2000 * 5 * sizeof (double));
  orchard_rng_init (&rng, 4);
  for (gsize i = 0; i < 4000; i++)
    if (orchard_rng_uniform (&rng) < 0.1)
      y[i] += 200 * (orchard_rng_uniform (&rng) - 0.2);

  for (guint l = 0; l < 3; l++)
    {
      g_autoptr(OrchardModel) model = orchard_gbdt_new ();
      g_autoptr(OrchardMatrix) p = NULL;
      g_autoptr(GError) error = NULL;
      double ss = 0;

      orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, NULL);
      g_assert_true (orchard_model_set_param_from_string (model, "loss", losses[l], &error));
      g_object_set (model, "early-stopping", FALSE, NULL);
      orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      p = orchard_model_predict (model, test, NULL, &error);
      for (gsize i = 0; i < 2000; i++)
        ss += (orchard_matrix_get (p, i, 0) - y[4000 + i]) * (orchard_matrix_get (p, i, 0) - y[4000 + i]);
      rmse[l] = sqrt (ss / 2000);
      g_test_message ("%s: clean test RMSE %.4f", losses[l], rmse[l]);
    }

  g_assert_cmpfloat (rmse[1], <, rmse[0]);
  g_assert_cmpfloat (rmse[2], <, rmse[0]);
}

/* Log-loss leaves are calibrated on the training rows: the mean predicted
 * probability is the share of the class, and with balanced class weights
 * the weighted mean is one half. */
static void
test_class_weight (void)
{
  gsize n = 4000, n_minority = 0;
  g_autoptr(OrchardMatrix) X = orchard_matrix_new (n, 3);
  g_autofree double *y = g_new (double, n);
  double mean[2], prevalence;
  OrchardRng rng;

  orchard_rng_init (&rng, 8);
  for (gsize i = 0; i < n; i++)
    {
      double s = 0;

      for (guint j = 0; j < 3; j++)
        {
          orchard_matrix_set (X, i, j, orchard_rng_normal (&rng));
          s += orchard_matrix_get (X, i, j);
        }
      y[i] = s + 2 * orchard_rng_normal (&rng) > 3.5;
      n_minority += y[i] > 0;
    }
  prevalence = (double) n_minority / n;

  for (guint b = 0; b < 2; b++)
    {
      g_autoptr(OrchardModel) model = new_binary ();
      g_autoptr(OrchardMatrix) p = NULL;
      g_autoptr(GError) error = NULL;
      double sum = 0, weight = 0;

      g_object_set (model, "class-weight", b ? ORCHARD_CLASS_WEIGHT_BALANCED : ORCHARD_CLASS_WEIGHT_NONE,
                    "n-trees", 30, NULL);
      orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      p = orchard_model_predict (model, X, NULL, &error);
      for (gsize i = 0; i < n; i++)
        {
          double w = b == 0 ? 1.0 : y[i] > 0 ? 0.5 / prevalence : 0.5 / (1 - prevalence);

          sum += w * orchard_matrix_get (p, i, 1);
          weight += w;
        }
      mean[b] = sum / weight;
    }

  g_test_message ("minority share %.4f; mean P(minority) %.4f, weighted mean with balanced "
                  "weights %.4f", prevalence, mean[0], mean[1]);
  g_assert_cmpfloat (fabs (mean[0] - prevalence), <, 0.005);
  g_assert_cmpfloat (fabs (mean[1] - 0.5), <, 0.005);
}

/* Trees respect max-leaves and max-depth. */
static void
test_shape (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (5000, 8, 121, &y, 0);
  guint leaves[] = { 2, 5, 31 }, depths[] = { 0, 1, 3 };

  for (guint a = 0; a < G_N_ELEMENTS (leaves); a++)
    for (guint b = 0; b < G_N_ELEMENTS (depths); b++)
      {
        g_autoptr(OrchardModel) model = orchard_gbdt_new ();
        g_autoptr(GError) error = NULL;
        g_autoptr(GVariant) variant = NULL, state = NULL, roots = NULL, features = NULL, next = NULL;
        const guint32 *r, *f, *nx;
        gsize n_trees, n_nodes;

        orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, NULL);
        g_object_set (model, "n-trees", 10, "max-leaves", leaves[a], "max-depth", depths[b],
                      "min-samples-leaf", 5, "early-stopping", FALSE, NULL);
        orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
        g_assert_no_error (error);

        variant = orchard_model_to_variant (model);
        state = g_variant_get_child_value (variant, 9);
        roots = g_variant_lookup_value (state, "tree-roots", G_VARIANT_TYPE ("au"));
        features = g_variant_lookup_value (state, "node-features", G_VARIANT_TYPE ("au"));
        next = g_variant_lookup_value (state, "node-next", G_VARIANT_TYPE ("au"));
        r = g_variant_get_fixed_array (roots, &n_trees, sizeof (guint32));
        f = g_variant_get_fixed_array (features, &n_nodes, sizeof (guint32));
        nx = g_variant_get_fixed_array (next, &n_nodes, sizeof (guint32));

        for (gsize t = 0; t < n_trees; t++)
          {
            gsize begin = r[t], end = t + 1 < n_trees ? r[t + 1] : n_nodes;
            g_autofree guint *depth = g_new0 (guint, end - begin);
            guint n_leaves = 0, max_depth = 0;

            for (gsize i = begin; i < end; i++)
              if (f[i] == G_MAXUINT32)
                {
                  n_leaves++;
                  max_depth = MAX (max_depth, depth[i - begin]);
                }
              else
                depth[nx[i]] = depth[nx[i] + 1] = depth[i - begin] + 1;

            g_assert_cmpuint (n_leaves, <=, leaves[a]);
            g_assert_cmpuint (n_leaves, ==, (end - begin + 1) / 2);
            if (depths[b] > 0)
              g_assert_cmpuint (max_depth, <=, depths[b]);
          }
      }
}

/* The quantiles: at most max-bins bins of about equal size, edges between
 * values, NaN in its own bin. */
static void
test_bins (void)
{
  gsize n = 300000;
  g_autofree double *X = g_new (double, n * 3);
  g_autoptr(OrchardBins) bins = NULL;
  g_autofree gsize *counts = g_new0 (gsize, 256);
  OrchardRng rng;

  orchard_rng_init (&rng, 9);
  for (gsize i = 0; i < n; i++)
    {
      X[3 * i] = orchard_rng_normal (&rng);
      X[3 * i + 1] = (double) (i % 7);
      X[3 * i + 2] = i % 10 == 0 ? NAN : orchard_rng_uniform (&rng);
    }

  bins = orchard_bins_new (X, n, 3, 100, 1, ORCHARD_BINS_RANGES);
  g_assert_cmpuint (bins->n_bins[0], ==, 100);
  g_assert_cmpuint (bins->n_bins[1], ==, 7);
  g_assert_cmpuint (bins->n_bins[2], ==, 100);
  g_assert_false (bins->has_missing[0]);
  g_assert_true (bins->has_missing[2]);

  for (guint f = 0; f < 3; f++)
    {
      const double *edges = orchard_bins_edges (bins, f);

      for (gsize i = 0; i < n; i++)
        {
          double v = X[3 * i + f];
          guint8 c = bins->codes[f * n + i];

          if (isnan (v))
            {
              g_assert_cmpuint (c, ==, ORCHARD_BIN_MISSING);
              continue;
            }
          g_assert_cmpuint (c, <, bins->n_bins[f]);
          g_assert_cmpfloat (v, <=, edges[c]);
          if (c > 0)
            g_assert_cmpfloat (v, >, edges[c - 1]);
          if (f == 0)
            counts[c]++;
        }
    }

  /* Edges from a sample of 200,000: each bin holds about 1% of the rows. */
  for (guint b = 0; b < 100; b++)
    g_assert_cmpuint (counts[b], >, n / 100 * 0.85);
  for (guint b = 0; b < 100; b++)
    g_assert_cmpuint (counts[b], <, n / 100 * 1.15);
  /* Distinct values: midpoints. */
  g_assert_cmpfloat (orchard_bins_edges (bins, 1)[0], ==, 0.5);
  g_assert_cmpfloat (orchard_bins_edges (bins, 1)[5], ==, 5.5);
  g_assert_true (isinf (orchard_bins_edges (bins, 1)[6]));
}

static void
test_round_trip (void)
{
  JsonObject *iris = trees_test_dataset ("iris");
  JsonObject *penguins = trees_test_dataset ("penguins");
  JsonObject *diabetes = trees_test_dataset ("diabetes");
  g_autoptr(OrchardMatrix) Xi = trees_test_matrix (iris, NULL);
  g_autoptr(OrchardMatrix) Xp = trees_test_matrix (penguins, NULL);
  g_autoptr(OrchardMatrix) Xd = trees_test_matrix (diabetes, NULL);
  g_autofree double *yi = trees_test_vector (iris, "y", NULL, NULL);
  g_autofree double *yp = trees_test_vector (penguins, "y", NULL, NULL);
  g_autofree double *yd = trees_test_vector (diabetes, "y", NULL, NULL);
  g_autoptr(OrchardModel) multi = trees_test_new_model ("gbdt", iris);
  g_autoptr(OrchardModel) missing = trees_test_new_model ("gbdt", penguins);
  g_autoptr(OrchardModel) regression = trees_test_new_model ("gbdt", diabetes);
  g_autoptr(OrchardModel) binary = new_binary ();
  g_autoptr(GError) error = NULL;

  g_object_set (multi, "n-trees", 10, NULL);
  g_object_set (regression, "n-trees", 20, "loss", ORCHARD_GBDT_LOSS_HUBER, NULL);
  orchard_model_fit (multi, Xi, yi, Xi, yi, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_fit (missing, Xp, yp, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_fit (regression, Xd, yd, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree double *y = NULL;
    g_autoptr(OrchardMatrix) X = missing_data (2000, 13, TRUE, &y);

    g_object_set (binary, "n-trees", 12, NULL);
    orchard_model_fit (binary, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    models_test_round_trip (binary, X);
  }

  models_test_round_trip (multi, Xi);
  models_test_round_trip (missing, Xp);
  models_test_round_trip (regression, Xd);
  models_test_corruptions (multi);
  models_test_corruptions (regression);
}

static void
test_cancel (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (400000, 30, 131, &y, 2);
  g_autoptr(OrchardModel) model = new_binary ();

  g_object_set (model, "n-trees", 2000, NULL);
  models_test_cancel (model, X, y, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Gbdt/sklearn", test_sklearn);
  g_test_add_func ("/engine/Gbdt/missing", test_missing);
  g_test_add_func ("/engine/Gbdt/all-missing", test_all_missing);
  g_test_add_func ("/engine/Gbdt/single-class", test_single_class);
  g_test_add_func ("/engine/Gbdt/deterministic", test_deterministic);
  g_test_add_func ("/engine/Gbdt/deterministic-binary", test_deterministic_binary);
  g_test_add_func ("/engine/Gbdt/unit-hessian", test_unit_hessian);
  g_test_add_func ("/engine/Gbdt/early-stopping", test_early_stopping);
  g_test_add_func ("/engine/Gbdt/history", test_history);
  g_test_add_func ("/engine/Gbdt/importance", test_importance);
  g_test_add_func ("/engine/Gbdt/robust-losses", test_robust_losses);
  g_test_add_func ("/engine/Gbdt/class-weight", test_class_weight);
  g_test_add_func ("/engine/Gbdt/shape", test_shape);
  g_test_add_func ("/engine/Gbdt/bins", test_bins);
  g_test_add_func ("/engine/Gbdt/round-trip", test_round_trip);
  g_test_add_func ("/engine/Gbdt/cancel", test_cancel);

  return g_test_run ();
}
