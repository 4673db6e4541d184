/* test-naive-bayes.c: Gaussian, multinomial and categorical naive Bayes
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "models-test-util.h"

static OrchardModel *
new_model (JsonObject *c,
           JsonObject *dataset)
{
  g_autoptr(OrchardModel) model = orchard_model_new_by_name ("naive-bayes", NULL);
  g_auto(GStrv) labels = models_test_labels (dataset);
  g_autoptr(GError) error = NULL;

  g_assert_true (orchard_model_set_param_from_string (model, "distribution",
                                                      json_object_get_string_member (c, "distribution"),
                                                      &error));
  if (!JSON_NODE_HOLDS_NULL (json_object_get_member (c, "var_smoothing")))
    g_object_set (model, "var-smoothing", json_object_get_double_member (c, "var_smoothing"), NULL);
  if (!JSON_NODE_HOLDS_NULL (json_object_get_member (c, "alpha")))
    g_object_set (model, "alpha", json_object_get_double_member (c, "alpha"), NULL);
  orchard_model_set_target (model, g_strv_length (labels) == 2 ? ORCHARD_TASK_BINARY
                                                               : ORCHARD_TASK_MULTICLASS,
                            (const char * const *) labels, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&model);
}

/* Fits on the training rows of the case and predicts its test rows. */
static OrchardModel *
fit_case (JsonObject     *c,
          OrchardMatrix **test_out)
{
  JsonObject *dataset = models_test_dataset (json_object_get_string_member (c, "dataset"));
  const char *matrix = json_object_get_string_member (c, "matrix");
  g_autoptr(OrchardMatrix) X = models_test_matrix (dataset, matrix, "train");
  g_autofree double *y = models_test_vector (dataset, "y", "train", NULL);
  g_autoptr(OrchardModel) model = new_model (c, dataset);
  g_autoptr(GError) error = NULL;

  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  if (test_out != NULL)
    *test_out = models_test_matrix (dataset, matrix, "test");
  return g_steal_pointer (&model);
}

static guint
argmax (const double *p,
        guint         n)
{
  guint best = 0;

  for (guint k = 1; k < n; k++)
    if (p[k] > p[best])
      best = k;
  return best;
}

/* Probabilities and predicted classes of scikit-learn's GaussianNB,
 * MultinomialNB and CategoricalNB. */
static void
test_sklearn (void)
{
  JsonArray *cases = json_object_get_array_member (models_test_reference (), "naive_bayes");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "case");
      g_autoptr(OrchardMatrix) test = NULL;
      g_autoptr(OrchardModel) model = fit_case (c, &test);
      g_autoptr(OrchardMatrix) expected = models_test_json_matrix (json_object_get_array_member (c, "proba"));
      g_autofree double *predict = models_test_vector (c, "predict", NULL, NULL);
      g_autoptr(OrchardMatrix) proba = NULL;
      g_autoptr(GError) error = NULL;
      gsize n = orchard_matrix_get_n_rows (test);
      guint K = orchard_matrix_get_n_cols (expected);
      double worst = 0;

      proba = orchard_model_predict (model, test, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (orchard_matrix_get_n_cols (proba), ==, K);
      g_assert_cmpuint (orchard_matrix_get_n_rows (proba), ==, orchard_matrix_get_n_rows (expected));

      for (gsize r = 0; r < n; r++)
        {
          const double *p = orchard_matrix_get_row (proba, r);
          const double *e = orchard_matrix_get_row (expected, r);

          g_assert_cmpuint (argmax (p, K), ==, (guint) predict[r]);
          for (guint k = 0; k < K; k++)
            worst = MAX (worst, fabs (p[k] - e[k]));
        }
      g_test_message ("%s: %" G_GSIZE_FORMAT " predictions identical, probabilities within %.2e",
                      name, n, worst);
      g_assert_cmpfloat (worst, <, 1e-10);
    }
}

static void
test_round_trip (void)
{
  const char *names[] = { "gaussian-wine-raw", "multinomial-breast-cancer",
                          "categorical-breast-cancer" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(OrchardMatrix) test = NULL;
      g_autoptr(OrchardModel) model = fit_case (models_test_case ("naive_bayes", names[i]), &test);

      models_test_round_trip (model, test);
      models_test_corruptions (model);
    }
}

/* Integer weights are the same as repeated rows. */
static void
test_weights (void)
{
  const char *names[] = { "gaussian-breast-cancer", "multinomial-breast-cancer",
                          "categorical-breast-cancer" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *c = models_test_case ("naive_bayes", names[i]);
      JsonObject *dataset = models_test_dataset ("breast-cancer");
      const char *matrix = json_object_get_string_member (c, "matrix");
      g_autoptr(OrchardMatrix) X = models_test_matrix (dataset, matrix, NULL);
      g_autofree double *y = models_test_vector (dataset, "y", NULL, NULL);
      gsize n = orchard_matrix_get_n_rows (X), n2 = 0;
      guint d = orchard_matrix_get_n_cols (X);
      g_autofree double *w = g_new (double, n);
      g_autoptr(OrchardMatrix) X2 = orchard_matrix_new (n + n / 3 + 1, d);
      g_autofree double *y2 = g_new (double, n + n / 3 + 1);
      g_autoptr(OrchardModel) a = new_model (c, dataset);
      g_autoptr(OrchardModel) b = new_model (c, dataset);
      g_autoptr(OrchardMatrix) pa = NULL, pb = NULL;
      g_autoptr(GError) error = NULL;

      for (gsize r = 0; r < n; r++)
        {
          w[r] = r % 3 == 0 ? 2 : 1;
          for (guint copy = 0; copy < w[r]; copy++, n2++)
            {
              memcpy (orchard_matrix_get_data (X2) + n2 * d, orchard_matrix_get_row (X, r),
                      d * sizeof (double));
              y2[n2] = y[r];
            }
        }
      g_assert_cmpuint (n2, ==, n + (n + 2) / 3);

      orchard_model_fit (a, X, y, NULL, NULL, w, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      {
        g_autoptr(OrchardMatrix) used = orchard_matrix_new (n2, d);
        memcpy (orchard_matrix_get_data (used), orchard_matrix_get_data (X2), n2 * d * sizeof (double));
        orchard_model_fit (b, used, y2, NULL, NULL, NULL, NULL, NULL, NULL, &error);
        g_assert_no_error (error);
      }

      pa = orchard_model_predict (a, X, NULL, &error);
      pb = orchard_model_predict (b, X, NULL, &error);
      g_assert_no_error (error);
      /* The Gaussian smoothing ε uses the unweighted variance, which the
       * repeated rows change slightly. */
      models_test_assert_close (orchard_matrix_get_data (pa), orchard_matrix_get_data (pb), n * 2,
                                0, i == 0 ? 1e-6 : 1e-12, names[i]);
    }
}

static void
test_bad_codes (void)
{
  JsonObject *dataset = models_test_dataset ("breast-cancer");
  g_autoptr(OrchardMatrix) X = models_test_matrix (dataset, "X_std", NULL);
  g_autoptr(OrchardMatrix) codes = models_test_matrix (dataset, "codes", NULL);
  g_autofree double *y = models_test_vector (dataset, "y", NULL, NULL);
  const char *labels[] = { "benign", "malignant", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardMatrix) p = NULL;

  /* Standardised numbers are negative: not counts, nor codes. */
  for (OrchardNaiveBayesDistribution dist = ORCHARD_NAIVE_BAYES_MULTINOMIAL;
       dist <= ORCHARD_NAIVE_BAYES_CATEGORICAL; dist++)
    {
      g_autoptr(OrchardModel) model = orchard_naive_bayes_new (dist);

      orchard_model_set_target (model, ORCHARD_TASK_BINARY, labels, NULL);
      g_assert_false (orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "training row"));
      g_clear_error (&error);
      g_assert_false (orchard_model_is_fitted (model));

      orchard_model_fit (model, codes, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      p = orchard_model_predict (model, X, NULL, &error);
      g_assert_null (p);
      g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }

  /* A category code never seen in training is possible, and harmless. */
  {
    g_autoptr(OrchardModel) model = orchard_naive_bayes_new (ORCHARD_NAIVE_BAYES_CATEGORICAL);
    g_autoptr(OrchardMatrix) unseen = orchard_matrix_new (1, orchard_matrix_get_n_cols (codes));

    orchard_model_set_target (model, ORCHARD_TASK_BINARY, labels, NULL);
    orchard_model_fit (model, codes, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    for (guint j = 0; j < orchard_matrix_get_n_cols (codes); j++)
      orchard_matrix_set (unseen, 0, j, j == 3 ? 7 : 1);
    p = orchard_model_predict (model, unseen, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (orchard_matrix_get (p, 0, 0) + orchard_matrix_get (p, 0, 1),
                                    1.0, 1e-12);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/NaiveBayes/sklearn", test_sklearn);
  g_test_add_func ("/engine/NaiveBayes/round-trip", test_round_trip);
  g_test_add_func ("/engine/NaiveBayes/weights", test_weights);
  g_test_add_func ("/engine/NaiveBayes/bad-codes", test_bad_codes);

  return g_test_run ();
}
