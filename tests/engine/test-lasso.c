/* test-lasso.c: lasso and elastic net by coordinate descent
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "models-test-util.h"

static OrchardModel *
fit_case (JsonObject     *c,
          OrchardMatrix **X_out)
{
  JsonObject *diabetes = models_test_dataset ("diabetes");
  g_autoptr(OrchardMatrix) X = models_test_matrix (diabetes, "X", NULL);
  g_autofree double *y = models_test_vector (diabetes, "y", NULL, NULL);
  g_autofree double *w = models_test_vector (diabetes, "weights", NULL, NULL);
  g_autoptr(OrchardModel) model = orchard_model_new_by_name (json_object_get_string_member (c, "model"), NULL);
  g_autoptr(GError) error = NULL;

  g_object_set (model,
                "alpha", json_object_get_double_member (c, "alpha"),
                "tol", json_object_get_double_member (c, "tol"),
                "max-iter", (guint) json_object_get_int_member (c, "max_iter"),
                "fit-intercept", json_object_get_boolean_member (c, "fit_intercept"),
                NULL);
  if (ORCHARD_IS_ELASTIC_NET (model))
    g_object_set (model, "l1-ratio", json_object_get_double_member (c, "l1_ratio"), NULL);

  orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, &error);
  orchard_model_fit (model, X, y, NULL, NULL,
                     json_object_get_boolean_member (c, "weighted") ? w : NULL,
                     NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  if (X_out != NULL)
    *X_out = g_steal_pointer (&X);
  return g_steal_pointer (&model);
}

/* Coefficients of scikit-learn's Lasso and ElasticNet: to 1e-8 when both
 * run to a tight tolerance; at the default tolerance the same algorithm
 * stops after the same number of passes at nearly the same point. */
static void
test_sklearn (void)
{
  JsonArray *cases = json_object_get_array_member (models_test_reference (), "coordinate_descent");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "case");
      g_autoptr(OrchardModel) model = fit_case (c, NULL);
      g_autofree double *expected = models_test_vector (c, "coef", NULL, NULL);
      double intercept = json_object_get_double_member (c, "intercept");
      double got_intercept = orchard_linear_model_get_intercept (ORCHARD_LINEAR_MODEL (model));
      gboolean tight = json_object_get_double_member (c, "tol") < 1e-6;
      double rel = tight ? 1e-8 : 1e-6;
      const double *coef;
      guint n, n_history, n_zero = 0;

      coef = orchard_linear_model_get_coefficients (ORCHARD_LINEAR_MODEL (model), &n);
      orchard_model_get_history (model, &n_history);

      g_test_message ("%s: %u passes (scikit-learn %" G_GINT64_FORMAT "), largest relative "
                      "difference %.2e (coefficients), %.2e (intercept)",
                      name, n_history, json_object_get_int_member (c, "n_iter"),
                      models_test_max_rel_diff (coef, expected, n),
                      models_test_max_rel_diff (&got_intercept, &intercept, 1));

      for (guint j = 0; j < n; j++)
        {
          /* The same features are selected: zeros are exactly zero. */
          g_assert_cmpint (coef[j] == 0, ==, expected[j] == 0);
          n_zero += coef[j] == 0;
        }
      models_test_assert_close (coef, expected, n, rel, 0, name);
      models_test_assert_close (&got_intercept, &intercept, 1, rel, 0, "intercept");
      if (!tight)
        g_assert_cmpint (n_history, ==, json_object_get_int_member (c, "n_iter"));
      if (g_str_equal (name, "lasso-1"))
        g_assert_cmpuint (n_zero, >=, 5);
    }
}

/* With l1-ratio 0 the elastic net is ridge regression with α n. */
static void
test_ridge_limit (void)
{
  JsonObject *diabetes = models_test_dataset ("diabetes");
  g_autoptr(OrchardMatrix) X = models_test_matrix (diabetes, "X", NULL);
  g_autofree double *y = models_test_vector (diabetes, "y", NULL, NULL);
  g_autoptr(OrchardModel) net = orchard_elastic_net_new ();
  g_autoptr(OrchardModel) ridge = orchard_ridge_new ();
  g_autoptr(GError) error = NULL;
  gsize n = orchard_matrix_get_n_rows (X);
  const double *a, *b;
  guint na, nb;

  g_object_set (net, "alpha", 0.002, "l1-ratio", 0.0, "tol", 1e-14, "max-iter", 1000000, NULL);
  g_object_set (ridge, "alpha", 0.002 * n, NULL);
  orchard_model_set_target (net, ORCHARD_TASK_REGRESSION, NULL, NULL);
  orchard_model_set_target (ridge, ORCHARD_TASK_REGRESSION, NULL, NULL);
  orchard_model_fit (net, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_fit (ridge, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  a = orchard_linear_model_get_coefficients (ORCHARD_LINEAR_MODEL (net), &na);
  b = orchard_linear_model_get_coefficients (ORCHARD_LINEAR_MODEL (ridge), &nb);
  models_test_assert_close (a, b, na, 1e-7, 0, "coefficients");
}

static void
test_round_trip (void)
{
  const char *names[] = { "lasso-0.1", "elastic-net-0.01-0.7" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(OrchardMatrix) X = NULL;
      g_autoptr(OrchardModel) model = fit_case (models_test_case ("coordinate_descent", names[i]), &X);

      models_test_round_trip (model, X);
      models_test_corruptions (model);
    }
}

/* The learning curve: one entry per pass, the training loss the mean
 * squared error of that pass (the last one equals the model's); with
 * validation rows and a patience the best pass is kept. */
static void
test_history (void)
{
  g_autofree double *y = NULL, *y_valid = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (400, 30, 41, &y, 0);
  g_autoptr(OrchardMatrix) X_valid = models_test_big_matrix (400, 30, 42, &y_valid, 0);
  g_autoptr(OrchardModel) model = orchard_lasso_new ();
  g_autoptr(OrchardMatrix) p = NULL;
  g_autoptr(GError) error = NULL;
  const OrchardHistoryEntry *history;
  guint n, best = 0;
  double mse = 0;

  g_object_set (model, "alpha", 1e-4, "tol", 0.0, "max-iter", 2000, NULL);
  orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, NULL);
  orchard_model_fit (model, X, y, X_valid, y_valid, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  history = orchard_model_get_history (model, &n);
  g_assert_cmpuint (n, ==, 2000);
  g_assert_cmpint (orchard_model_get_best_iteration (model), ==, 2000);

  p = orchard_model_predict (model, X, NULL, &error);
  for (guint i = 0; i < 400; i++)
    mse += (orchard_matrix_get (p, i, 0) - y[i]) * (orchard_matrix_get (p, i, 0) - y[i]) / 400;
  g_assert_cmpfloat_with_epsilon (history[n - 1].train_loss, mse, 1e-10 * mse);
  g_assert_cmpfloat (history[n - 1].train_loss, <, history[0].train_loss);

  /* Patience: different training and validation data, so the validation
   * loss turns up while the training loss keeps falling. */
  g_object_set (model, "patience", 3, "alpha", 1e-6, NULL);
  orchard_model_fit (model, X, y, X_valid, y_valid, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  history = orchard_model_get_history (model, &n);
  for (guint i = 0; i < n; i++)
    if (best == 0 || history[i].valid_loss < history[best - 1].valid_loss)
      best = i + 1;
  g_test_message ("with patience 3: %u passes, the best %u", n, best);
  g_assert_cmpint (orchard_model_get_best_iteration (model), ==, best);
  if (n < 2000)
    g_assert_cmpuint (n, ==, best + 3);
}

static void
test_cancel (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (100000, 100, 43, &y, 0);
  g_autoptr(OrchardModel) model = orchard_elastic_net_new ();

  g_object_set (model, "alpha", 1e-6, "tol", 0.0, "max-iter", 10000000, NULL);
  orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, NULL);
  models_test_cancel (model, X, y, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Lasso/sklearn", test_sklearn);
  g_test_add_func ("/engine/Lasso/ridge-limit", test_ridge_limit);
  g_test_add_func ("/engine/Lasso/round-trip", test_round_trip);
  g_test_add_func ("/engine/Lasso/history", test_history);
  g_test_add_func ("/engine/Lasso/cancel", test_cancel);

  return g_test_run ();
}
