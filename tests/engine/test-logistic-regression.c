/* test-logistic-regression.c: binary and multinomial, L2, L1, elastic net
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
  JsonObject *dataset = models_test_dataset (json_object_get_string_member (c, "dataset"));
  g_autoptr(OrchardMatrix) X = models_test_matrix (dataset, "X_std", NULL);
  g_autofree double *y = models_test_vector (dataset, "y", NULL, NULL);
  g_auto(GStrv) labels = models_test_labels (dataset);
  g_autoptr(OrchardModel) model = orchard_logistic_regression_new ();
  g_autoptr(GError) error = NULL;
  const char *penalty = json_object_get_string_member (c, "penalty");

  g_assert_true (orchard_model_set_param_from_string (model, "penalty",
                                                      g_str_equal (penalty, "elasticnet")
                                                      ? "elastic-net" : penalty, &error));
  g_assert_true (orchard_model_set_param_from_string (model, "class-weight",
                                                      json_object_get_string_member (c, "class_weight"),
                                                      &error));
  g_object_set (model,
                "C", json_object_get_double_member (c, "C"),
                "tol", 1e-10,
                "max-iter", 100000,
                NULL);
  if (!JSON_NODE_HOLDS_NULL (json_object_get_member (c, "l1_ratio")))
    g_object_set (model, "l1-ratio", json_object_get_double_member (c, "l1_ratio"), NULL);

  orchard_model_set_target (model, g_strv_length (labels) == 2 ? ORCHARD_TASK_BINARY
                                                               : ORCHARD_TASK_MULTICLASS,
                            (const char * const *) labels, &error);
  g_assert_no_error (error);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  if (X_out != NULL)
    *X_out = g_steal_pointer (&X);
  return g_steal_pointer (&model);
}

static void
compare_case (const char *name,
              double      coef_rel,
              double      proba_abs)
{
  JsonObject *c = models_test_case ("logistic", name);
  g_autoptr(OrchardMatrix) X = NULL;
  g_autoptr(OrchardModel) model = fit_case (c, &X);
  OrchardLogisticRegression *lr = ORCHARD_LOGISTIC_REGRESSION (model);
  g_autoptr(OrchardMatrix) expected = models_test_json_matrix (json_object_get_array_member (c, "coef"));
  g_autoptr(OrchardMatrix) expected_proba = models_test_json_matrix (json_object_get_array_member (c, "proba_head"));
  g_autofree double *expected_intercept = models_test_vector (c, "intercept", NULL, NULL);
  g_autoptr(OrchardMatrix) head = orchard_matrix_new (5, orchard_matrix_get_n_cols (X));
  g_autoptr(OrchardMatrix) proba = NULL;
  g_autoptr(GError) error = NULL;
  const double *coef, *intercept;
  guint rows, cols, n_intercepts;
  double max_coef = 0, centred[16];

  coef = orchard_logistic_regression_get_coefficients (lr, &rows, &cols);
  intercept = orchard_logistic_regression_get_intercepts (lr, &n_intercepts);
  g_assert_cmpuint (rows, ==, orchard_matrix_get_n_rows (expected));
  g_assert_cmpuint (cols, ==, orchard_matrix_get_n_cols (expected));
  g_assert_true (orchard_logistic_regression_get_converged (lr));
  g_assert_cmpuint (n_intercepts, <=, G_N_ELEMENTS (centred));

  for (guint i = 0; i < rows * cols; i++)
    max_coef = MAX (max_coef, fabs (orchard_matrix_get_data (expected)[i]));

  /* Multinomial intercepts are unpenalised, so only their differences are
   * determined: L-BFGS from zero keeps their sum at 0, saga need not. */
  if (n_intercepts > 1)
    {
      double mean_got = 0, mean_expected = 0;

      for (guint k = 0; k < n_intercepts; k++)
        {
          mean_got += intercept[k] / n_intercepts;
          mean_expected += expected_intercept[k] / n_intercepts;
        }
      for (guint k = 0; k < n_intercepts; k++)
        {
          centred[k] = intercept[k] - mean_got;
          expected_intercept[k] -= mean_expected;
        }
      intercept = centred;
    }

  g_test_message ("%s: %u iterations (scikit-learn %" G_GINT64_FORMAT "); largest relative "
                  "difference %.2e (coefficients), %.2e (intercepts)",
                  name, orchard_logistic_regression_get_n_iter (lr),
                  json_object_get_int_member (c, "n_iter"),
                  models_test_max_rel_diff (coef, orchard_matrix_get_data (expected), rows * cols),
                  models_test_max_rel_diff (intercept, expected_intercept, n_intercepts));

  /* Exact zeros (L1) compare with an absolute floor far below any kept
   * coefficient. */
  models_test_assert_close (coef, orchard_matrix_get_data (expected), rows * cols, coef_rel,
                            1e-9 * max_coef, name);
  models_test_assert_close (intercept, expected_intercept, n_intercepts, coef_rel, 1e-9, name);

  for (guint i = 0; i < 5; i++)
    for (guint j = 0; j < orchard_matrix_get_n_cols (X); j++)
      orchard_matrix_set (head, i, j, orchard_matrix_get (X, i, j));
  proba = orchard_model_predict (model, head, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_matrix_get_n_cols (proba), ==, orchard_matrix_get_n_cols (expected_proba));
  models_test_assert_close (orchard_matrix_get_data (proba), orchard_matrix_get_data (expected_proba),
                            5 * orchard_matrix_get_n_cols (proba), 0, proba_abs, "probabilities");
}

/* L2 coefficients within 1e-4 of LogisticRegression(solver="lbfgs"). */
static void
test_sklearn_l2 (void)
{
  compare_case ("breast-cancer-l2-C1.0", 1e-4, 1e-6);
  compare_case ("breast-cancer-l2-C0.05-balanced", 1e-4, 1e-6);
  compare_case ("wine-l2-C1.0", 1e-4, 1e-6);
  compare_case ("wine-l2-C0.05-balanced", 1e-4, 1e-6);
}

/* L1 and elastic net by OWL-QN against saga: the same optimum, and the
 * same coefficients at exactly zero. */
static void
test_sklearn_l1 (void)
{
  compare_case ("breast-cancer-l1-C0.5", 1e-4, 1e-6);
  compare_case ("breast-cancer-elasticnet-C0.2", 1e-4, 1e-6);
  compare_case ("wine-l1-C0.5", 1e-4, 1e-6);
}

static void
test_round_trip (void)
{
  const char *names[] = { "breast-cancer-l2-C1.0", "wine-l1-C0.5" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(OrchardMatrix) X = NULL;
      g_autoptr(OrchardModel) model = fit_case (models_test_case ("logistic", names[i]), &X);
      g_autoptr(OrchardMatrix) proba = NULL;

      models_test_round_trip (model, X);
      models_test_corruptions (model);

      /* Probabilities: one column per class, each row summing to 1. */
      proba = orchard_model_predict (model, X, NULL, NULL);
      for (gsize r = 0; r < orchard_matrix_get_n_rows (proba); r++)
        {
          double sum = 0;
          for (guint k = 0; k < orchard_matrix_get_n_cols (proba); k++)
            sum += orchard_matrix_get (proba, r, k);
          g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-12);
        }
      g_assert_cmpstr (orchard_matrix_get_feature_name (proba, 0), ==,
                       i == 0 ? "proba_benign" : "proba_class_0");
    }
}

/* With validation rows and a patience, the fit keeps the iterate with the
 * lowest validation loss, and says which it was. */
static void
test_early_stopping (void)
{
  g_autofree double *y = NULL, *y_valid = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (300, 60, 11, &y, 3);
  g_autoptr(OrchardMatrix) X_valid = models_test_big_matrix (300, 60, 12, &y_valid, 3);
  g_autoptr(OrchardModel) model = orchard_logistic_regression_new ();
  g_autoptr(OrchardMatrix) p = NULL;
  const char *labels[] = { "a", "b", "c", NULL };
  g_autoptr(GError) error = NULL;
  const OrchardHistoryEntry *history;
  guint n, best = 0;
  double loss;

  /* Different seeds give different coefficients: the validation rows
   * disagree with the training rows, and a weak penalty overfits. */
  g_object_set (model, "C", 100.0, "tol", 1e-10, "max-iter", 500, "patience", 5, NULL);
  orchard_model_set_target (model, ORCHARD_TASK_MULTICLASS, labels, &error);
  orchard_model_fit (model, X, y, X_valid, y_valid, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  history = orchard_model_get_history (model, &n);
  g_assert_cmpuint (n, >, 5);
  g_assert_cmpuint (n, <, 500);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (history[i].iteration, ==, i + 1);
      g_assert_true (isfinite (history[i].train_loss) && isfinite (history[i].valid_loss));
      g_assert_cmpfloat (history[i].valid_metric, >=, 0.0);
      g_assert_cmpfloat (history[i].valid_metric, <=, 1.0);
      if (best == 0 || history[i].valid_loss < history[best - 1].valid_loss)
        best = i + 1;
    }
  g_assert_cmpint (orchard_model_get_best_iteration (model), ==, best);
  g_assert_cmpuint (n, ==, best + 5);

  p = orchard_model_predict (model, X_valid, NULL, &error);
  g_assert_no_error (error);
  loss = 0;
  for (gsize i = 0; i < 300; i++)
    loss -= log (orchard_matrix_get (p, i, (guint) y_valid[i])) / 300;
  g_assert_cmpfloat_with_epsilon (loss, history[best - 1].valid_loss, 1e-12);
}

/* The same data gives the same bits; the training loss of the history
 * ends at the solution's. */
static void
test_deterministic (void)
{
  JsonObject *c = models_test_case ("logistic", "wine-l2-C1.0");
  g_autoptr(OrchardModel) a = fit_case (c, NULL);
  g_autoptr(OrchardModel) b = fit_case (c, NULL);
  const double *ca, *cb;
  guint ra, rb, na, nb;

  ca = orchard_logistic_regression_get_coefficients (ORCHARD_LOGISTIC_REGRESSION (a), &ra, &na);
  cb = orchard_logistic_regression_get_coefficients (ORCHARD_LOGISTIC_REGRESSION (b), &rb, &nb);
  g_assert_cmpmem (ca, ra * na * sizeof (double), cb, rb * nb * sizeof (double));
  g_assert_cmpuint (orchard_logistic_regression_get_n_iter (ORCHARD_LOGISTIC_REGRESSION (a)), ==,
                    orchard_model_get_best_iteration (a));
}

/* Chunks of rows are summed in a fixed order: one thread or several give
 * the same bits. */
static void
test_threads (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (30000, 12, 9, &y, 3);
  const char *labels[] = { "a", "b", "c", NULL };
  g_autofree double *first = NULL;
  guint n_first = 0;

  for (guint threads = 1; threads <= 3; threads++)
    {
      g_autoptr(OrchardModel) model = orchard_logistic_regression_new ();
      g_autoptr(GError) error = NULL;
      const double *coef;
      guint rows, cols;

      orchard_set_threads (threads);
      orchard_model_set_target (model, ORCHARD_TASK_MULTICLASS, labels, NULL);
      orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      coef = orchard_logistic_regression_get_coefficients (ORCHARD_LOGISTIC_REGRESSION (model),
                                                           &rows, &cols);
      if (first == NULL)
        {
          n_first = rows * cols;
          first = g_memdup2 (coef, n_first * sizeof (double));
        }
      else
        g_assert_cmpmem (coef, rows * cols * sizeof (double), first, n_first * sizeof (double));
    }

  orchard_set_threads (0);
}

static void
test_cancel (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (200000, 40, 5, &y, 4);
  g_autoptr(OrchardModel) model = orchard_logistic_regression_new ();
  const char *labels[] = { "a", "b", "c", "d", NULL };

  g_object_set (model, "tol", 0.0, "max-iter", 1000000, "penalty", ORCHARD_LOGISTIC_PENALTY_NONE,
                NULL);
  orchard_model_set_target (model, ORCHARD_TASK_MULTICLASS, labels, NULL);
  models_test_cancel (model, X, y, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/LogisticRegression/sklearn-l2", test_sklearn_l2);
  g_test_add_func ("/engine/LogisticRegression/sklearn-l1", test_sklearn_l1);
  g_test_add_func ("/engine/LogisticRegression/round-trip", test_round_trip);
  g_test_add_func ("/engine/LogisticRegression/early-stopping", test_early_stopping);
  g_test_add_func ("/engine/LogisticRegression/deterministic", test_deterministic);
  g_test_add_func ("/engine/LogisticRegression/threads", test_threads);
  g_test_add_func ("/engine/LogisticRegression/cancel", test_cancel);

  return g_test_run ();
}
