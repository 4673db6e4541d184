/* test-forest.c: random forests and extra trees
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "models-test-util.h"
#include "trees-test-util.h"

/* The mean test accuracy (R²) of five forests of 100 trees (seeds 0 … 4)
 * no worse than scikit-learn's mean over random_state 0 … 4 by more than
 * 0.02 (R²: 0.04), and the mean out-of-bag score within as much of
 * scikit-learn's: the test sets are small (45 to 171 rows), one row of
 * iris is 0.022. */
static void
test_sklearn (void)
{
  JsonArray *cases = trees_test_cases ("forest");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "case");
      JsonObject *dataset = trees_test_dataset (json_object_get_string_member (c, "dataset"));
      gboolean regression = trees_test_is_regression (dataset);
      g_autofree double *y_test = trees_test_vector (dataset, "y", "test", NULL);
      JsonArray *seeds = json_object_get_array_member (c, "seeds");
      double mean = 0, mean_oob = 0, tol = regression ? 0.04 : 0.02;
      g_autoptr(GString) each = g_string_new (NULL);

      for (guint s = 0; s < json_array_get_length (seeds); s++)
        {
          g_autoptr(OrchardModel) model = trees_test_new_model ("forest", dataset);
          g_autoptr(OrchardMatrix) p = NULL;
          double score, oob;

          g_object_set (model, "seed", (guint) json_array_get_int_element (seeds, s), NULL);
          p = trees_test_fit_predict (model, dataset, "train", "test");
          score = trees_test_score (p, y_test);
          g_assert_true (orchard_random_forest_get_oob_score (ORCHARD_RANDOM_FOREST (model), &oob));
          g_string_append_printf (each, " %.4f/%.4f", score, oob);
          mean += score / json_array_get_length (seeds);
          mean_oob += oob / json_array_get_length (seeds);
        }

      g_test_message ("%s: mean test %s %.4f (scikit-learn %.4f), out-of-bag %.4f (%.4f); "
                      "each test/oob:%s", name, regression ? "R²" : "accuracy", mean,
                      json_object_get_double_member (c, "mean_score"), mean_oob,
                      json_object_get_double_member (c, "mean_oob_score"), each->str);
      g_assert_cmpfloat (mean, >=, json_object_get_double_member (c, "mean_score") - tol);
      g_assert_cmpfloat (fabs (mean_oob - json_object_get_double_member (c, "mean_oob_score")),
                         <=, tol);
    }
}

/* One tree on all rows and features, on data with fewer distinct values
 * per feature than bins: the bin edges are the decision tree's thresholds,
 * and the forest is the CART tree (regression: its leaf means summed in
 * another order). */
static void
test_one_tree (void)
{
  const char *names[] = { "iris", "wine", "diabetes" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *dataset = trees_test_dataset (names[i]);
      g_autoptr(OrchardModel) forest = trees_test_new_model ("forest", dataset);
      g_autoptr(OrchardModel) tree = trees_test_new_model ("tree", dataset);
      g_autoptr(OrchardMatrix) pf = NULL, pt = NULL;
      gsize n;

      g_object_set (forest, "n-trees", 1, "bootstrap", FALSE, "max-features", "all",
                    "min-samples-leaf", 2, NULL);
      g_object_set (tree, "min-samples-leaf", 2, NULL);
      pf = trees_test_fit_predict (forest, dataset, "train", "test");
      pt = trees_test_fit_predict (tree, dataset, "train", "test");
      n = orchard_matrix_get_n_rows (pf) * orchard_matrix_get_n_cols (pf);
      if (trees_test_is_regression (dataset))
        models_test_assert_close (orchard_matrix_get_data (pf), orchard_matrix_get_data (pt), n,
                                  1e-12, 0, names[i]);
      else
        g_assert_cmpmem (orchard_matrix_get_data (pf), n * sizeof (double),
                         orchard_matrix_get_data (pt), n * sizeof (double));
    }
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

/* The same seed gives the same forest, on one thread or two; extra trees
 * too; another seed another forest. */
static void
test_deterministic (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (20000, 10, 141, &y, 0);
  OrchardModel *models[5];
  guint seeds[5] = { 1, 1, 1, 2, 1 }, threads[5] = { 1, 2, 2, 2, 1 };
  gboolean extra[5] = { FALSE, FALSE, FALSE, FALSE, TRUE };
  guint saved = orchard_get_threads ();

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;

      orchard_set_threads (threads[i]);
      models[i] = orchard_random_forest_new ();
      orchard_model_set_target (models[i], ORCHARD_TASK_REGRESSION, NULL, NULL);
      g_object_set (models[i], "n-trees", 8, "seed", seeds[i], "extra-trees", extra[i],
                    "min-samples-leaf", 5, NULL);
      orchard_model_fit (models[i], X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  orchard_set_threads (saved);

  g_assert_true (same_bytes (models[0], models[1]));
  g_assert_true (same_bytes (models[1], models[2]));
  g_assert_false (same_bytes (models[2], models[3]));
  g_assert_false (same_bytes (models[0], models[4]));
  for (guint i = 0; i < 5; i++)
    g_object_unref (models[i]);
}

/* The out-of-bag accuracy estimates the accuracy on new rows; without a
 * bootstrap there is none. */
static void
test_oob (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) all = models_test_big_matrix (8000, 8, 151, &y, 3);
  g_autoptr(OrchardMatrix) X = orchard_matrix_new (4000, 8);
  g_autoptr(OrchardMatrix) test = orchard_matrix_new (4000, 8);
  const char *labels[] = { "a", "b", "c", NULL };
  g_autoptr(OrchardModel) model = orchard_random_forest_new ();
  g_autoptr(OrchardMatrix) p = NULL;
  g_autoptr(GError) error = NULL;
  double oob, accuracy;

  memcpy (orchard_matrix_get_data (X), orchard_matrix_get_data (all), 4000 * 8 * sizeof (double));
  memcpy (orchard_matrix_get_data (test), orchard_matrix_get_data (all) + 4000 * 8,
          4000 * 8 * sizeof (double));
  orchard_model_set_target (model, ORCHARD_TASK_MULTICLASS, labels, NULL);
  g_object_set (model, "n-trees", 60, NULL);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  p = orchard_model_predict (model, test, NULL, &error);
  accuracy = trees_test_score (p, y + 4000);
  g_assert_true (orchard_random_forest_get_oob_score (ORCHARD_RANDOM_FOREST (model), &oob));
  g_test_message ("out-of-bag accuracy %.4f, test accuracy %.4f", oob, accuracy);
  g_assert_cmpfloat (fabs (oob - accuracy), <, 0.03);

  g_object_set (model, "bootstrap", FALSE, "n-trees", 3, NULL);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (orchard_random_forest_get_oob_score (ORCHARD_RANDOM_FOREST (model), &oob));

  g_object_set (model, "bootstrap", TRUE, "oob-score", FALSE, NULL);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (orchard_random_forest_get_oob_score (ORCHARD_RANDOM_FOREST (model), &oob));
}

/* Extra trees: as accurate on breast-cancer as the forest, within 0.03. */
static void
test_extra_trees (void)
{
  JsonObject *cancer = trees_test_dataset ("breast-cancer");
  g_autofree double *y_test = trees_test_vector (cancer, "y", "test", NULL);
  g_autoptr(OrchardModel) forest = trees_test_new_model ("forest", cancer);
  g_autoptr(OrchardModel) extra = trees_test_new_model ("forest", cancer);
  g_autoptr(OrchardMatrix) pf = NULL, pe = NULL;
  double af, ae;

  g_object_set (extra, "extra-trees", TRUE, "bootstrap", FALSE, NULL);
  pf = trees_test_fit_predict (forest, cancer, "train", "test");
  pe = trees_test_fit_predict (extra, cancer, "train", "test");
  af = trees_test_score (pf, y_test);
  ae = trees_test_score (pe, y_test);
  g_test_message ("test accuracy: forest %.4f, extra trees %.4f", af, ae);
  g_assert_cmpfloat (ae, >, af - 0.03);
}

/* Importance: shares summing to one, on the features that matter. */
static void
test_importance (void)
{
  gsize n = 3000;
  g_autoptr(OrchardMatrix) X = orchard_matrix_new (n, 6);
  g_autofree double *y = g_new (double, n);
  g_autoptr(OrchardModel) model = orchard_random_forest_new ();
  g_autofree double *shares = NULL;
  g_autoptr(GError) error = NULL;
  const char *labels[] = { "no", "yes", NULL };
  double total = 0;
  OrchardRng rng;

  orchard_rng_init (&rng, 12);
  for (gsize i = 0; i < n; i++)
    {
      for (guint j = 0; j < 6; j++)
        orchard_matrix_set (X, i, j, orchard_rng_uniform (&rng));
      y[i] = orchard_matrix_get (X, i, 2) + orchard_matrix_get (X, i, 4) > 1.0;
    }

  orchard_model_set_target (model, ORCHARD_TASK_BINARY, labels, NULL);
  g_object_set (model, "n-trees", 30, "min-samples-leaf", 5, NULL);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  shares = orchard_model_get_feature_importance (model, &error);
  g_assert_no_error (error);
  for (guint j = 0; j < 6; j++)
    {
      g_test_message ("feature %u: %.4f", j, shares[j]);
      total += shares[j];
    }
  g_assert_cmpfloat (fabs (total - 1.0), <, 1e-12);
  g_assert_cmpfloat (shares[2] + shares[4], >, 0.7);
}

/* A forest of leaves: a criterion for the wrong task, and weightless rows,
 * are errors. */
static void
test_errors (void)
{
  JsonObject *diabetes = trees_test_dataset ("diabetes");
  g_autoptr(OrchardMatrix) X = trees_test_matrix (diabetes, NULL);
  g_autofree double *y = trees_test_vector (diabetes, "y", NULL, NULL);
  g_autofree double *zeros = g_new0 (double, orchard_matrix_get_n_rows (X));
  g_autoptr(OrchardModel) model = trees_test_new_model ("forest", diabetes);
  g_autoptr(GError) error = NULL;

  g_object_set (model, "criterion", ORCHARD_TREE_CRITERION_ENTROPY, NULL);
  g_assert_false (orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_false (orchard_model_set_param_from_string (model, "max-features", "most", &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_object_set (model, "criterion", ORCHARD_TREE_CRITERION_AUTO, NULL);
  g_assert_false (orchard_model_fit (model, X, y, NULL, NULL, zeros, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

static void
test_round_trip (void)
{
  JsonObject *wine = trees_test_dataset ("wine");
  JsonObject *diabetes = trees_test_dataset ("diabetes");
  g_autoptr(OrchardMatrix) Xw = trees_test_matrix (wine, NULL);
  g_autoptr(OrchardMatrix) Xd = trees_test_matrix (diabetes, NULL);
  g_autofree double *yw = trees_test_vector (wine, "y", NULL, NULL);
  g_autofree double *yd = trees_test_vector (diabetes, "y", NULL, NULL);
  g_autoptr(OrchardModel) multi = trees_test_new_model ("forest", wine);
  g_autoptr(OrchardModel) regression = trees_test_new_model ("forest", diabetes);
  g_autoptr(GError) error = NULL;

  g_object_set (multi, "n-trees", 5, NULL);
  g_object_set (regression, "n-trees", 4, "extra-trees", TRUE, "min-samples-leaf", 10, NULL);
  orchard_model_fit (multi, Xw, yw, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_fit (regression, Xd, yd, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  models_test_round_trip (multi, Xw);
  models_test_round_trip (regression, Xd);
  models_test_corruptions (multi);
  models_test_corruptions (regression);
}

static void
test_cancel (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (200000, 20, 161, &y, 2);
  g_autoptr(OrchardModel) model = orchard_random_forest_new ();
  const char *labels[] = { "no", "yes", NULL };

  orchard_model_set_target (model, ORCHARD_TASK_BINARY, labels, NULL);
  g_object_set (model, "n-trees", 500, NULL);
  models_test_cancel (model, X, y, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Forest/sklearn", test_sklearn);
  g_test_add_func ("/engine/Forest/one-tree", test_one_tree);
  g_test_add_func ("/engine/Forest/deterministic", test_deterministic);
  g_test_add_func ("/engine/Forest/oob", test_oob);
  g_test_add_func ("/engine/Forest/extra-trees", test_extra_trees);
  g_test_add_func ("/engine/Forest/importance", test_importance);
  g_test_add_func ("/engine/Forest/errors", test_errors);
  g_test_add_func ("/engine/Forest/round-trip", test_round_trip);
  g_test_add_func ("/engine/Forest/cancel", test_cancel);

  return g_test_run ();
}
