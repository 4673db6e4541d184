/* test-tree.c: the CART decision tree
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "models-test-util.h"
#include "trees-test-util.h"

static OrchardModel *
new_tree (JsonObject *c,
          JsonObject *dataset)
{
  g_autoptr(OrchardModel) model = trees_test_new_model ("tree", dataset);
  g_autoptr(GError) error = NULL;
  g_autofree char *decrease = g_strdup_printf ("%.17g", json_object_get_double_member (c, "min_impurity_decrease"));
  const char *criterion = json_object_get_string_member (c, "criterion");

  g_assert_true (orchard_model_set_param_from_string (model, "criterion", criterion, &error));
  g_assert_true (orchard_model_set_param_from_string (model, "class-weight",
                                                     json_object_get_string_member (c, "class_weight"),
                                                     &error));
  g_assert_true (orchard_model_set_param_from_string (model, "min-impurity-decrease", decrease, &error));
  g_assert_no_error (error);
  g_object_set (model,
                "max-depth", (guint) json_object_get_int_member (c, "max_depth"),
                "min-samples-leaf", (guint) json_object_get_int_member (c, "min_samples_leaf"),
                "min-samples-split", (guint) json_object_get_int_member (c, "min_samples_split"),
                NULL);

  return g_steal_pointer (&model);
}

static void
assert_outputs (OrchardMatrix *actual,
                JsonArray     *expected,
                gboolean       regression,
                const char    *what)
{
  gsize n = orchard_matrix_get_n_rows (actual);
  guint K = orchard_matrix_get_n_cols (actual);

  g_assert_cmpuint (json_array_get_length (expected), ==, n);
  for (gsize i = 0; i < n; i++)
    {
      if (regression)
        {
          double e = json_array_get_double_element (expected, i);
          double a = orchard_matrix_get (actual, i, 0);

          /* The same leaf: the mean of the same rows, summed in another order. */
          if (!(fabs (a - e) <= 1e-12 * fabs (e)))
            g_error ("%s row %" G_GSIZE_FORMAT ": %.17g, scikit-learn %.17g", what, i, a, e);
        }
      else
        {
          JsonArray *row = json_array_get_array_element (expected, i);

          for (guint k = 0; k < K; k++)
            {
              double e = json_array_get_double_element (row, k);
              double a = orchard_matrix_get (actual, i, k);

              if (!(fabs (a - e) <= 1e-12))
                g_error ("%s row %" G_GSIZE_FORMAT " class %u: %.17g, scikit-learn %.17g",
                         what, i, k, a, e);
            }
        }
    }
}

/* Where scikit-learn's tree does not depend on its random feature order,
 * Orchard's gives the same probabilities or values on every training and
 * test row; where it does, Orchard's test accuracy (R²) is within 0.02 of
 * the range of scikit-learn's over 30 feature orders. */
static void
test_sklearn (void)
{
  JsonArray *cases = trees_test_cases ("tree");
  guint n_exact = 0;

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "case");
      JsonObject *dataset = trees_test_dataset (json_object_get_string_member (c, "dataset"));
      gboolean regression = trees_test_is_regression (dataset);
      g_autoptr(OrchardModel) model = new_tree (c, dataset);
      g_autoptr(OrchardMatrix) X = trees_test_matrix (dataset, "train");
      g_autoptr(OrchardMatrix) test = trees_test_matrix (dataset, "test");
      g_autofree double *y = trees_test_vector (dataset, "y", "train", NULL);
      g_autofree double *y_test = trees_test_vector (dataset, "y", "test", NULL);
      g_autofree double *w = NULL;
      g_autofree double *importance = NULL;
      g_autoptr(OrchardMatrix) p_train = NULL, p_test = NULL;
      g_autoptr(GError) error = NULL;
      OrchardDecisionTree *tree = ORCHARD_DECISION_TREE (model);
      double score;

      if (json_object_get_boolean_member (c, "weighted"))
        w = trees_test_vector (dataset, "weights", "train", NULL);

      orchard_model_fit (model, X, y, NULL, NULL, w, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      p_train = orchard_model_predict (model, X, NULL, &error);
      g_assert_no_error (error);
      p_test = orchard_model_predict (model, test, NULL, &error);
      g_assert_no_error (error);
      score = trees_test_score (p_test, y_test);

      g_test_message ("%s: depth %u, %u leaves (scikit-learn %d, %d); test score %.4f, "
                      "scikit-learn %.4f … %.4f; %s", name,
                      orchard_decision_tree_get_depth (tree),
                      orchard_decision_tree_get_n_leaves (tree),
                      (int) json_object_get_int_member (c, "depth"),
                      (int) json_object_get_int_member (c, "n_leaves"), score,
                      json_object_get_double_member (c, "score_min"),
                      json_object_get_double_member (c, "score_max"),
                      json_object_get_boolean_member (c, "unique") ? "unique tree"
                      : json_object_get_boolean_member (c, "determined") ? "determined predictions"
                      : "depends on the feature order");

      if (json_object_get_boolean_member (c, "determined"))
        {
          assert_outputs (p_train, json_object_get_array_member (c, "train_predict"), regression,
                          name);
          assert_outputs (p_test, json_object_get_array_member (c, "predict"), regression, name);
          g_assert_cmpfloat_with_epsilon (score, json_object_get_double_member (c, "score_min"),
                                          1e-9);
          n_exact++;
        }
      else
        {
          g_assert_cmpfloat (score, >=, json_object_get_double_member (c, "score_min") - 0.02);
          g_assert_cmpfloat (score, <=, json_object_get_double_member (c, "score_max") + 0.02);
        }

      if (json_object_get_boolean_member (c, "unique"))
        {
          JsonArray *expected = json_object_get_array_member (c, "importance");

          g_assert_cmpuint (orchard_decision_tree_get_depth (tree), ==,
                            json_object_get_int_member (c, "depth"));
          g_assert_cmpuint (orchard_decision_tree_get_n_leaves (tree), ==,
                            json_object_get_int_member (c, "n_leaves"));
          importance = orchard_model_get_feature_importance (model, &error);
          g_assert_no_error (error);
          for (guint j = 0; j < json_array_get_length (expected); j++)
            g_assert_cmpfloat_with_epsilon (importance[j],
                                            json_array_get_double_element (expected, j), 1e-9);
        }
    }

  g_assert_cmpuint (n_exact, >=, 9);
}

/* A fully grown tree fits its training rows exactly when no two equal rows
 * disagree; limits hold. */
static void
test_limits (void)
{
  JsonObject *cancer = trees_test_dataset ("breast-cancer");
  g_autoptr(OrchardMatrix) X = trees_test_matrix (cancer, NULL);
  g_autofree double *y = trees_test_vector (cancer, "y", NULL, NULL);
  gsize n = orchard_matrix_get_n_rows (X);
  guint depths[] = { 0, 1, 3 };
  guint leaves[] = { 1, 7, 40 };

  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    for (guint l = 0; l < G_N_ELEMENTS (leaves); l++)
      {
        g_autoptr(OrchardModel) model = trees_test_new_model ("tree", cancer);
        g_autoptr(OrchardMatrix) p = NULL;
        g_autoptr(GError) error = NULL;
        OrchardDecisionTree *tree = ORCHARD_DECISION_TREE (model);
        guint n_leaves;

        g_object_set (model, "max-depth", depths[i], "min-samples-leaf", leaves[l], NULL);
        orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
        g_assert_no_error (error);
        p = orchard_model_predict (model, X, NULL, &error);
        n_leaves = orchard_decision_tree_get_n_leaves (tree);

        if (depths[i] > 0)
          g_assert_cmpuint (orchard_decision_tree_get_depth (tree), <=, depths[i]);
        g_assert_cmpuint (n_leaves, <=, n / leaves[l]);
        if (depths[i] > 0)
          g_assert_cmpuint (n_leaves, <=, 1u << depths[i]);
        if (depths[i] == 0 && leaves[l] == 1)
          g_assert_cmpfloat (trees_test_score (p, y), ==, 1.0);

        /* Every probability row sums to 1 and is a leaf's class share,
         * a multiple of 1 / (rows in the leaf) ≥ min-samples-leaf. */
        for (gsize r = 0; r < n; r++)
          {
            double s = orchard_matrix_get (p, r, 0) + orchard_matrix_get (p, r, 1);
            g_assert_cmpfloat (fabs (s - 1.0), <, 1e-12);
          }
      }
}

/* Integer weights are repeated rows; weight 0 is a dropped row. */
static void
test_weights (void)
{
  JsonObject *wine = trees_test_dataset ("wine");
  g_autoptr(OrchardMatrix) X = trees_test_matrix (wine, NULL);
  g_autofree double *y = trees_test_vector (wine, "y", NULL, NULL);
  gsize n = orchard_matrix_get_n_rows (X), m = 0;
  guint d = orchard_matrix_get_n_cols (X);
  g_autofree double *w = g_new (double, n);
  g_autofree double *y_rep = g_new (double, 3 * n);
  g_autoptr(OrchardMatrix) X_rep = NULL;
  g_autoptr(OrchardModel) weighted = trees_test_new_model ("tree", wine);
  g_autoptr(OrchardModel) repeated = trees_test_new_model ("tree", wine);
  g_autoptr(OrchardMatrix) p1 = NULL, p2 = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < n; i++)
    {
      w[i] = i % 3;
      m += (gsize) w[i];
    }
  X_rep = orchard_matrix_new (m, d);
  for (guint j = 0; j < d; j++)
    orchard_matrix_set_feature (X_rep, j, orchard_matrix_get_feature_name (X, j), NULL, j);
  m = 0;
  for (gsize i = 0; i < n; i++)
    for (guint c = 0; c < (guint) w[i]; c++)
      {
        memcpy (orchard_matrix_get_data (X_rep) + m * d, orchard_matrix_get_row (X, i),
                d * sizeof (double));
        y_rep[m++] = y[i];
      }

  /* min-samples-leaf counts rows, not weights: leave it at 1. */
  g_object_set (weighted, "criterion", ORCHARD_TREE_CRITERION_ENTROPY, NULL);
  g_object_set (repeated, "criterion", ORCHARD_TREE_CRITERION_ENTROPY, NULL);
  orchard_model_fit (weighted, X, y, NULL, NULL, w, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_fit (repeated, X_rep, y_rep, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  p1 = orchard_model_predict (weighted, X, NULL, &error);
  p2 = orchard_model_predict (repeated, X, NULL, &error);
  g_assert_cmpmem (orchard_matrix_get_data (p1), n * 3 * sizeof (double),
                   orchard_matrix_get_data (p2), n * 3 * sizeof (double));
}

/* Regression: the leaves hold means, and a tree of depth 1 is the best
 * single split (checked by brute force). */
static void
test_stump (void)
{
  JsonObject *diabetes = trees_test_dataset ("diabetes");
  g_autoptr(OrchardMatrix) X = trees_test_matrix (diabetes, NULL);
  g_autofree double *y = trees_test_vector (diabetes, "y", NULL, NULL);
  gsize n = orchard_matrix_get_n_rows (X);
  guint d = orchard_matrix_get_n_cols (X);
  g_autoptr(OrchardModel) model = trees_test_new_model ("tree", diabetes);
  g_autoptr(OrchardMatrix) p = NULL;
  g_autoptr(GError) error = NULL;
  double best = INFINITY, sse = 0;

  g_object_set (model, "max-depth", 1, NULL);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  p = orchard_model_predict (model, X, NULL, &error);
  for (gsize i = 0; i < n; i++)
    sse += (y[i] - orchard_matrix_get (p, i, 0)) * (y[i] - orchard_matrix_get (p, i, 0));

  for (guint j = 0; j < d; j++)
    for (gsize t = 0; t < n; t++)
      {
        double thr = orchard_matrix_get (X, t, j), s[2] = { 0, 0 }, c[2] = { 0, 0 }, q[2] = { 0, 0 };

        for (gsize i = 0; i < n; i++)
          {
            int side = orchard_matrix_get (X, i, j) > thr;
            s[side] += y[i];
            q[side] += y[i] * y[i];
            c[side]++;
          }
        if (c[0] > 0 && c[1] > 0)
          best = MIN (best, q[0] - s[0] * s[0] / c[0] + q[1] - s[1] * s[1] / c[1]);
      }

  g_test_message ("stump SSE %.6f, best single split %.6f", sse, best);
  g_assert_cmpfloat (fabs (sse - best), <=, 1e-9 * best);
}

static void
test_round_trip (void)
{
  JsonObject *wine = trees_test_dataset ("wine");
  JsonObject *diabetes = trees_test_dataset ("diabetes");
  JsonObject *cancer = trees_test_dataset ("breast-cancer");
  g_autoptr(OrchardMatrix) Xw = trees_test_matrix (wine, NULL);
  g_autoptr(OrchardMatrix) Xd = trees_test_matrix (diabetes, NULL);
  g_autoptr(OrchardMatrix) Xc = trees_test_matrix (cancer, NULL);
  g_autofree double *yw = trees_test_vector (wine, "y", NULL, NULL);
  g_autofree double *yd = trees_test_vector (diabetes, "y", NULL, NULL);
  g_autofree double *yc = trees_test_vector (cancer, "y", NULL, NULL);
  g_autoptr(OrchardModel) multi = trees_test_new_model ("tree", wine);
  g_autoptr(OrchardModel) regression = trees_test_new_model ("tree", diabetes);
  g_autoptr(OrchardModel) binary = trees_test_new_model ("tree", cancer);
  g_autoptr(GError) error = NULL;

  g_object_set (regression, "max-depth", 6, NULL);
  orchard_model_fit (multi, Xw, yw, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_fit (regression, Xd, yd, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_fit (binary, Xc, yc, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  models_test_round_trip (multi, Xw);
  models_test_round_trip (regression, Xd);
  models_test_round_trip (binary, Xc);
  models_test_corruptions (multi);
  models_test_corruptions (regression);
}

/* With a subset of features per split the seed decides the tree: the same
 * seed gives the same tree, on 1 thread or 2. */
static void
test_max_features (void)
{
  JsonObject *cancer = trees_test_dataset ("breast-cancer");
  g_autoptr(OrchardMatrix) X = trees_test_matrix (cancer, "train");
  g_autoptr(OrchardMatrix) test = trees_test_matrix (cancer, "test");
  g_autofree double *y = trees_test_vector (cancer, "y", "train", NULL);
  gsize size = orchard_matrix_get_n_rows (test) * 2 * sizeof (double);
  OrchardMatrix *p[4] = { NULL };
  guint seeds[4] = { 3, 3, 4, 3 };
  guint threads[4] = { 2, 1, 2, 2 };
  guint saved = orchard_get_threads ();
  const char *bad[] = { "0", "1.5", "-1", "half", "", "sqrt2" };

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(OrchardModel) model = trees_test_new_model ("tree", cancer);
      g_autoptr(GError) error = NULL;

      orchard_set_threads (threads[i]);
      g_assert_true (orchard_model_set_param_from_string (model, "max-features",
                                                         i < 3 ? "sqrt" : "0.2", &error));
      g_object_set (model, "seed", seeds[i], NULL);
      orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      p[i] = orchard_model_predict (model, test, NULL, &error);
    }
  orchard_set_threads (saved);

  g_assert_cmpmem (orchard_matrix_get_data (p[0]), size, orchard_matrix_get_data (p[1]), size);
  g_assert_true (memcmp (orchard_matrix_get_data (p[0]), orchard_matrix_get_data (p[2]), size) != 0);
  /* sqrt(30) = 5 features and 0.2 × 30 = 6: other subsets. */
  g_assert_true (memcmp (orchard_matrix_get_data (p[0]), orchard_matrix_get_data (p[3]), size) != 0);
  for (guint i = 0; i < 4; i++)
    orchard_matrix_unref (p[i]);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(OrchardModel) model = trees_test_new_model ("tree", cancer);
      g_autoptr(GError) error = NULL;

      g_assert_false (orchard_model_set_param_from_string (model, "max-features", bad[i], &error));
      g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
      g_test_message ("%s", error->message);
    }
}

/* A criterion that does not suit the task is a clear error. */
static void
test_criterion (void)
{
  JsonObject *diabetes = trees_test_dataset ("diabetes");
  JsonObject *iris = trees_test_dataset ("iris");
  g_autoptr(OrchardMatrix) Xd = trees_test_matrix (diabetes, NULL);
  g_autoptr(OrchardMatrix) Xi = trees_test_matrix (iris, NULL);
  g_autofree double *yd = trees_test_vector (diabetes, "y", NULL, NULL);
  g_autofree double *yi = trees_test_vector (iris, "y", NULL, NULL);
  g_autoptr(OrchardModel) regression = trees_test_new_model ("tree", diabetes);
  g_autoptr(OrchardModel) classifier = trees_test_new_model ("tree", iris);
  g_autoptr(GError) error = NULL;

  g_object_set (regression, "criterion", ORCHARD_TREE_CRITERION_GINI, NULL);
  g_assert_false (orchard_model_fit (regression, Xd, yd, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_object_set (classifier, "criterion", ORCHARD_TREE_CRITERION_SQUARED_ERROR, NULL);
  g_assert_false (orchard_model_fit (classifier, Xi, yi, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A single class is a single leaf. */
  {
    g_autofree double *zeros = g_new0 (double, orchard_matrix_get_n_rows (Xi));
    g_autoptr(OrchardMatrix) p = NULL;

    g_object_set (classifier, "criterion", ORCHARD_TREE_CRITERION_AUTO, NULL);
    orchard_model_fit (classifier, Xi, zeros, NULL, NULL, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (orchard_decision_tree_get_n_leaves (ORCHARD_DECISION_TREE (classifier)), ==, 1);
    p = orchard_model_predict (classifier, Xi, NULL, &error);
    g_assert_cmpfloat (orchard_matrix_get (p, 0, 0), ==, 1.0);
  }
}

static void
test_cancel (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (300000, 30, 81, &y, 3);
  g_autoptr(OrchardModel) model = orchard_decision_tree_new ();
  const char *labels[] = { "a", "b", "c", NULL };

  orchard_model_set_target (model, ORCHARD_TASK_MULTICLASS, labels, NULL);
  models_test_cancel (model, X, y, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Tree/sklearn", test_sklearn);
  g_test_add_func ("/engine/Tree/limits", test_limits);
  g_test_add_func ("/engine/Tree/weights", test_weights);
  g_test_add_func ("/engine/Tree/stump", test_stump);
  g_test_add_func ("/engine/Tree/round-trip", test_round_trip);
  g_test_add_func ("/engine/Tree/max-features", test_max_features);
  g_test_add_func ("/engine/Tree/criterion", test_criterion);
  g_test_add_func ("/engine/Tree/cancel", test_cancel);

  return g_test_run ();
}
