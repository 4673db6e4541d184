/* test-linear-regression.c: ordinary least squares and ridge
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
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) model = NULL;

  model = orchard_model_new_by_name (json_object_get_string_member (c, "model"), &error);
  g_assert_no_error (error);
  g_object_set (model, "fit-intercept", json_object_get_boolean_member (c, "fit_intercept"), NULL);
  if (ORCHARD_IS_RIDGE (model))
    g_object_set (model, "alpha", json_object_get_double_member (c, "alpha"), NULL);

  orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, &error);
  g_assert_no_error (error);
  orchard_model_fit (model, X, y, NULL, NULL,
                     json_object_get_boolean_member (c, "weighted") ? w : NULL,
                     NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_model_is_fitted (model));

  if (X_out != NULL)
    *X_out = g_steal_pointer (&X);
  return g_steal_pointer (&model);
}

/* Coefficients equal scikit-learn's LinearRegression and Ridge to 1e-8. */
static void
test_sklearn (void)
{
  JsonArray *cases = json_object_get_array_member (models_test_reference (), "linear");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autoptr(OrchardModel) model = fit_case (c, NULL);
      g_autofree double *expected = models_test_vector (c, "coef", NULL, NULL);
      double intercept = json_object_get_double_member (c, "intercept");
      double got_intercept;
      const double *coef;
      guint n;

      coef = orchard_linear_model_get_coefficients (ORCHARD_LINEAR_MODEL (model), &n);
      g_assert_cmpuint (n, ==, 10);
      got_intercept = orchard_linear_model_get_intercept (ORCHARD_LINEAR_MODEL (model));

      g_test_message ("%s: largest relative difference %.2e (coefficients), %.2e (intercept)",
                      json_object_get_string_member (c, "case"),
                      models_test_max_rel_diff (coef, expected, n),
                      models_test_max_rel_diff (&got_intercept, &intercept, 1));
      models_test_assert_close (coef, expected, n, 1e-8, 0, json_object_get_string_member (c, "case"));
      models_test_assert_close (&got_intercept, &intercept, 1, 1e-8, 0, "intercept");
      if (!json_object_get_boolean_member (c, "fit_intercept"))
        g_assert_cmpfloat (got_intercept, ==, 0.0);
    }
}

/* A duplicated column: the minimum-norm solution shares its coefficient
 * equally between the two copies, and predictions do not change. */
static void
test_collinear (void)
{
  JsonObject *diabetes = models_test_dataset ("diabetes");
  g_autoptr(OrchardMatrix) X = models_test_matrix (diabetes, "X", NULL);
  g_autoptr(OrchardMatrix) X2 = orchard_matrix_new (orchard_matrix_get_n_rows (X), 11);
  g_autofree double *y = models_test_vector (diabetes, "y", NULL, NULL);
  g_autoptr(OrchardModel) a = orchard_linear_regression_new ();
  g_autoptr(OrchardModel) b = orchard_linear_regression_new ();
  g_autoptr(OrchardMatrix) pa = NULL, pb = NULL;
  g_autoptr(GError) error = NULL;
  const double *ca, *cb;
  guint na, nb;

  for (gsize i = 0; i < orchard_matrix_get_n_rows (X); i++)
    {
      for (guint j = 0; j < 10; j++)
        orchard_matrix_set (X2, i, j, orchard_matrix_get (X, i, j));
      orchard_matrix_set (X2, i, 10, orchard_matrix_get (X, i, 2));
    }

  orchard_model_set_target (a, ORCHARD_TASK_REGRESSION, NULL, &error);
  orchard_model_set_target (b, ORCHARD_TASK_REGRESSION, NULL, &error);
  orchard_model_fit (a, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_fit (b, X2, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  ca = orchard_linear_model_get_coefficients (ORCHARD_LINEAR_MODEL (a), &na);
  cb = orchard_linear_model_get_coefficients (ORCHARD_LINEAR_MODEL (b), &nb);
  g_assert_cmpuint (nb, ==, 11);
  g_assert_cmpfloat_with_epsilon (cb[2], ca[2] / 2, 1e-8 * fabs (ca[2]));
  g_assert_cmpfloat_with_epsilon (cb[10], ca[2] / 2, 1e-8 * fabs (ca[2]));
  for (guint j = 0; j < 10; j++)
    if (j != 2)
      g_assert_cmpfloat_with_epsilon (cb[j], ca[j], 1e-8 * fabs (ca[j]));

  pa = orchard_model_predict (a, X, NULL, &error);
  pb = orchard_model_predict (b, X2, NULL, &error);
  g_assert_no_error (error);
  models_test_assert_close (orchard_matrix_get_data (pb), orchard_matrix_get_data (pa),
                            orchard_matrix_get_n_rows (X), 1e-10, 1e-10, "prediction");
}

/* More features than rows: ridge's kernel form must still solve the
 * normal equations (Xᵀ X + α I) β = Xᵀ y of the centred data. */
static void
test_ridge_wide (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (20, 50, 3, &y, 0);
  g_autoptr(OrchardModel) model = orchard_ridge_new ();
  g_autoptr(GError) error = NULL;
  const double *data = orchard_matrix_get_data (X);
  double mean_x[50] = { 0 }, mean_y = 0, worst = 0;
  const double alpha = 0.7;
  const double *beta;
  guint n;

  g_object_set (model, "alpha", alpha, NULL);
  orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, &error);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  beta = orchard_linear_model_get_coefficients (ORCHARD_LINEAR_MODEL (model), &n);

  for (guint i = 0; i < 20; i++)
    {
      for (guint j = 0; j < 50; j++)
        mean_x[j] += data[i * 50 + j] / 20;
      mean_y += y[i] / 20;
    }

  for (guint a = 0; a < 50; a++)
    {
      double lhs = alpha * beta[a], rhs = 0;

      for (guint i = 0; i < 20; i++)
        {
          double xa = data[i * 50 + a] - mean_x[a], xb_beta = 0;

          for (guint b = 0; b < 50; b++)
            xb_beta += (data[i * 50 + b] - mean_x[b]) * beta[b];
          lhs += xa * xb_beta;
          rhs += xa * (y[i] - mean_y);
        }
      worst = MAX (worst, fabs (lhs - rhs) / MAX (fabs (rhs), 1));
    }
  g_assert_cmpfloat (worst, <, 1e-10);

  /* The intercept makes the mean prediction equal the mean target. */
  {
    g_autoptr(OrchardMatrix) p = orchard_model_predict (model, X, NULL, &error);
    double mean_p = 0;

    for (guint i = 0; i < 20; i++)
      mean_p += orchard_matrix_get (p, i, 0) / 20;
    g_assert_cmpfloat_with_epsilon (mean_p, mean_y, 1e-10 * MAX (fabs (mean_y), 1));
  }
}

static void
test_round_trip (void)
{
  JsonArray *cases = json_object_get_array_member (models_test_reference (), "linear");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      g_autoptr(OrchardMatrix) X = NULL;
      g_autoptr(OrchardModel) model = fit_case (json_array_get_object_element (cases, i), &X);

      models_test_round_trip (model, X);
      if (i == 0 || i == 3)
        models_test_corruptions (model);
    }
}

static void
test_importance (void)
{
  JsonObject *c = models_test_case ("linear", "ridge-1");
  g_autoptr(OrchardModel) model = fit_case (c, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree double *importance = orchard_model_get_feature_importance (model, &error);
  const double *coef;
  guint n;

  g_assert_no_error (error);
  coef = orchard_linear_model_get_coefficients (ORCHARD_LINEAR_MODEL (model), &n);
  for (guint j = 0; j < n; j++)
    g_assert_cmpfloat (importance[j], ==, fabs (coef[j]));
  g_assert_cmpint (orchard_model_get_best_iteration (model), ==, -1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/LinearRegression/sklearn", test_sklearn);
  g_test_add_func ("/engine/LinearRegression/collinear", test_collinear);
  g_test_add_func ("/engine/LinearRegression/ridge-wide", test_ridge_wide);
  g_test_add_func ("/engine/LinearRegression/round-trip", test_round_trip);
  g_test_add_func ("/engine/LinearRegression/importance", test_importance);

  return g_test_run ();
}
