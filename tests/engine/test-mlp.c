/* test-mlp.c: the multilayer perceptron
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "models-test-util.h"

static OrchardModel *
new_classifier (JsonObject *dataset,
                const char *hidden_layers,
                const char *activation,
                guint       seed)
{
  g_autoptr(OrchardModel) model = orchard_model_new_by_name ("mlp", NULL);
  g_auto(GStrv) labels = models_test_labels (dataset);
  g_autoptr(GError) error = NULL;

  g_assert_true (orchard_model_set_param_from_string (model, "hidden-layers", hidden_layers, &error));
  g_assert_true (orchard_model_set_param_from_string (model, "activation", activation, &error));
  g_object_set (model, "seed", seed, NULL);
  orchard_model_set_target (model, g_strv_length (labels) == 2 ? ORCHARD_TASK_BINARY
                                                               : ORCHARD_TASK_MULTICLASS,
                            (const char * const *) labels, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&model);
}

static double
accuracy (OrchardMatrix *proba,
          const double  *y)
{
  gsize n = orchard_matrix_get_n_rows (proba), correct = 0;
  guint K = orchard_matrix_get_n_cols (proba);

  for (gsize i = 0; i < n; i++)
    {
      const double *p = orchard_matrix_get_row (proba, i);
      guint best = 0;

      for (guint k = 1; k < K; k++)
        if (p[k] > p[best])
          best = k;
      correct += best == (guint) y[i];
    }

  return (double) correct / n;
}

/* Mean test accuracy over five seeds within 2 points of MLPClassifier's
 * with the same architecture. */
static void
test_sklearn (void)
{
  JsonArray *cases = json_object_get_array_member (models_test_reference (), "mlp");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      JsonObject *dataset = models_test_dataset (json_object_get_string_member (c, "dataset"));
      g_autoptr(OrchardMatrix) X = models_test_matrix (dataset, "X_std", "train");
      g_autoptr(OrchardMatrix) test = models_test_matrix (dataset, "X_std", "test");
      g_autofree double *y = models_test_vector (dataset, "y", "train", NULL);
      g_autofree double *y_test = models_test_vector (dataset, "y", "test", NULL);
      JsonArray *seeds = json_object_get_array_member (c, "seeds");
      double expected = json_object_get_double_member (c, "mean_accuracy");
      double mean = 0;
      g_autoptr(GString) each = g_string_new (NULL);

      for (guint s = 0; s < json_array_get_length (seeds); s++)
        {
          g_autoptr(OrchardModel) model = new_classifier (dataset,
                                                          json_object_get_string_member (c, "hidden_layers"),
                                                          json_object_get_string_member (c, "activation"),
                                                          json_array_get_int_element (seeds, s));
          g_autoptr(OrchardMatrix) proba = NULL;
          g_autoptr(GError) error = NULL;
          guint n_epochs;
          double acc;

          orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
          proba = orchard_model_predict (model, test, NULL, &error);
          g_assert_no_error (error);
          acc = accuracy (proba, y_test);
          orchard_model_get_history (model, &n_epochs);
          g_string_append_printf (each, " %.4f (%u epochs)", acc, n_epochs);
          mean += acc / json_array_get_length (seeds);
        }

      g_test_message ("%s: mean test accuracy %.4f, scikit-learn %.4f; each:%s",
                      json_object_get_string_member (c, "case"), mean, expected, each->str);
      g_assert_cmpfloat (fabs (mean - expected), <=, 0.02);
    }
}

static void
test_round_trip (void)
{
  JsonObject *wine = models_test_dataset ("wine");
  JsonObject *cancer = models_test_dataset ("breast-cancer");
  JsonObject *diabetes = models_test_dataset ("diabetes");
  g_autoptr(OrchardMatrix) Xw = models_test_matrix (wine, "X_std", NULL);
  g_autoptr(OrchardMatrix) Xc = models_test_matrix (cancer, "X_std", NULL);
  g_autoptr(OrchardMatrix) Xd = models_test_matrix (diabetes, "X", NULL);
  g_autofree double *yw = models_test_vector (wine, "y", NULL, NULL);
  g_autofree double *yc = models_test_vector (cancer, "y", NULL, NULL);
  g_autofree double *yd = models_test_vector (diabetes, "y", NULL, NULL);
  g_autoptr(OrchardModel) multi = new_classifier (wine, "20,10,5", "tanh", 3);
  g_autoptr(OrchardModel) binary = new_classifier (cancer, "8", "relu", 4);
  g_autoptr(OrchardModel) regression = orchard_mlp_new ("16");
  g_autoptr(GError) error = NULL;

  g_object_set (multi, "epochs", 30, NULL);
  orchard_model_fit (multi, Xw, yw, Xw, yw, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_fit (binary, Xc, yc, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_set_target (regression, ORCHARD_TASK_REGRESSION, NULL, &error);
  orchard_model_fit (regression, Xd, yd, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  models_test_round_trip (multi, Xw);
  models_test_round_trip (binary, Xc);
  models_test_round_trip (regression, Xd);
  models_test_corruptions (multi);
  models_test_corruptions (regression);
}

/* The same seed gives the same network, bit for bit; another seed another. */
static void
test_deterministic (void)
{
  JsonObject *wine = models_test_dataset ("wine");
  g_autoptr(OrchardMatrix) X = models_test_matrix (wine, "X_std", NULL);
  g_autofree double *y = models_test_vector (wine, "y", NULL, NULL);
  OrchardMatrix *p[3] = { NULL };
  guint seeds[3] = { 7, 7, 8 };
  gsize size = orchard_matrix_get_n_rows (X) * 3 * sizeof (double);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(OrchardModel) model = new_classifier (wine, "30,10", "relu", seeds[i]);
      g_autoptr(GError) error = NULL;

      g_object_set (model, "epochs", 20, "batch-size", 32, NULL);
      orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      p[i] = orchard_model_predict (model, X, NULL, &error);
    }

  g_assert_cmpmem (orchard_matrix_get_data (p[0]), size, orchard_matrix_get_data (p[1]), size);
  g_assert_true (memcmp (orchard_matrix_get_data (p[0]), orchard_matrix_get_data (p[2]), size) != 0);

  for (guint i = 0; i < 3; i++)
    orchard_matrix_unref (p[i]);
}

/* With validation rows and a patience, training stops that many epochs
 * after the best validation loss and keeps that epoch's weights. */
static void
test_early_stopping (void)
{
  g_autofree double *all_y = NULL;
  g_autoptr(OrchardMatrix) all = models_test_big_matrix (600, 20, 51, &all_y, 3);
  g_autoptr(OrchardMatrix) X = orchard_matrix_new (300, 20);
  g_autoptr(OrchardMatrix) X_valid = orchard_matrix_new (300, 20);
  double *y = all_y, *y_valid = all_y + 300;
  g_autoptr(OrchardModel) model = orchard_mlp_new ("200,200");
  g_autoptr(OrchardMatrix) p = NULL;
  const char *labels[] = { "a", "b", "c", NULL };
  g_autoptr(GError) error = NULL;
  const OrchardHistoryEntry *history;
  guint n, best = 0;
  double loss = 0;

  /* Few noisy rows and a large unpenalised network: it overfits, and the
   * validation loss turns. */
  memcpy (orchard_matrix_get_data (X), orchard_matrix_get_data (all), 300 * 20 * sizeof (double));
  memcpy (orchard_matrix_get_data (X_valid), orchard_matrix_get_data (all) + 300 * 20,
          300 * 20 * sizeof (double));
  g_object_set (model, "alpha", 0.0, "patience", 4, "tol", 0.0, "epochs", 500,
                "learning-rate", 0.01, NULL);
  orchard_model_set_target (model, ORCHARD_TASK_MULTICLASS, labels, NULL);
  orchard_model_fit (model, X, y, X_valid, y_valid, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  history = orchard_model_get_history (model, &n);
  for (guint i = 0; i < n; i++)
    if (best == 0 || history[i].valid_loss < history[best - 1].valid_loss)
      best = i + 1;
  g_test_message ("stopped after %u epochs, the best %u", n, best);
  g_assert_cmpuint (n, <, 500);
  g_assert_cmpuint (n, ==, best + 4);
  g_assert_cmpint (orchard_model_get_best_iteration (model), ==, best);
  g_assert_cmpfloat (history[n - 1].train_loss, <, history[0].train_loss);

  p = orchard_model_predict (model, X_valid, NULL, &error);
  for (gsize i = 0; i < 300; i++)
    loss -= log (MAX (orchard_matrix_get (p, i, (guint) y_valid[i]), 1e-15)) / 300;
  g_assert_cmpfloat_with_epsilon (loss, history[best - 1].valid_loss, 1e-12);
}

/* Regression: a noisy linear rule is learnt, in the target's own units. */
static void
test_regression (void)
{
  g_autofree double *all_y = NULL;
  g_autoptr(OrchardMatrix) all = models_test_big_matrix (3000, 5, 61, &all_y, 0);
  g_autoptr(OrchardMatrix) X = orchard_matrix_new (2000, 5);
  g_autoptr(OrchardMatrix) test = orchard_matrix_new (1000, 5);
  g_autofree double *y = g_new (double, 2000);
  g_autofree double *y_test = g_new (double, 1000);
  g_autoptr(OrchardModel) model = orchard_mlp_new ("32");
  g_autoptr(OrchardMatrix) p = NULL;
  g_autoptr(GError) error = NULL;
  double ss_res = 0, ss_tot = 0, mean = 0;

  /* Far from zero and large: the target is standardised inside. */
  memcpy (orchard_matrix_get_data (X), orchard_matrix_get_data (all), 2000 * 5 * sizeof (double));
  memcpy (orchard_matrix_get_data (test), orchard_matrix_get_data (all) + 2000 * 5,
          1000 * 5 * sizeof (double));
  for (guint i = 0; i < 2000; i++)
    y[i] = 1000 + 100 * all_y[i];
  for (guint i = 0; i < 1000; i++)
    {
      y_test[i] = 1000 + 100 * all_y[2000 + i];
      mean += y_test[i] / 1000;
    }

  orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, NULL);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  p = orchard_model_predict (model, test, NULL, &error);
  for (guint i = 0; i < 1000; i++)
    {
      ss_res += (orchard_matrix_get (p, i, 0) - y_test[i]) * (orchard_matrix_get (p, i, 0) - y_test[i]);
      ss_tot += (y_test[i] - mean) * (y_test[i] - mean);
    }
  /* The rule is linear: least squares is the benchmark to come close to. */
  {
    g_autoptr(OrchardModel) ols = orchard_linear_regression_new ();
    g_autoptr(OrchardMatrix) q = NULL;
    double ss_ols = 0;

    orchard_model_set_target (ols, ORCHARD_TASK_REGRESSION, NULL, NULL);
    orchard_model_fit (ols, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
    q = orchard_model_predict (ols, test, NULL, &error);
    for (guint i = 0; i < 1000; i++)
      ss_ols += (orchard_matrix_get (q, i, 0) - y_test[i]) * (orchard_matrix_get (q, i, 0) - y_test[i]);

    g_test_message ("test R² %.4f, least squares %.4f", 1 - ss_res / ss_tot, 1 - ss_ols / ss_tot);
    g_assert_cmpfloat (1 - ss_res / ss_tot, >, 1 - ss_ols / ss_tot - 0.05);
  }
}

static void
test_hidden_layers (void)
{
  g_autoptr(OrchardModel) model = orchard_mlp_new ("100");
  const char *bad[] = { "0", "1,2,3,4", "abc", "", "100,,5", "-5", "100000000", "10;5" };
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (orchard_model_set_param_from_string (model, "hidden-layers", bad[i], &error));
      g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  g_object_get (model, "hidden-layers", &value, NULL);
  g_assert_cmpstr (value, ==, "100");

  g_assert_true (orchard_model_set_param_from_string (model, "hidden-layers", "64, 32,8", &error));
  g_assert_no_error (error);
}

static void
test_cancel (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (100000, 50, 71, &y, 2);
  g_autoptr(OrchardModel) model = orchard_mlp_new ("256,256");
  const char *labels[] = { "no", "yes", NULL };

  orchard_model_set_target (model, ORCHARD_TASK_BINARY, labels, NULL);
  models_test_cancel (model, X, y, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Mlp/sklearn", test_sklearn);
  g_test_add_func ("/engine/Mlp/round-trip", test_round_trip);
  g_test_add_func ("/engine/Mlp/deterministic", test_deterministic);
  g_test_add_func ("/engine/Mlp/early-stopping", test_early_stopping);
  g_test_add_func ("/engine/Mlp/regression", test_regression);
  g_test_add_func ("/engine/Mlp/hidden-layers", test_hidden_layers);
  g_test_add_func ("/engine/Mlp/cancel", test_cancel);

  return g_test_run ();
}
