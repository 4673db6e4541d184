/* trees-test-util.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "trees-test-util.h"

/* The values of tests/reference/trees_reference.py, parsed once. */
JsonObject *
trees_test_reference (void)
{
  static JsonParser *parser;

  if (parser == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_TEST_DATA_DIR"),
                                                "trees-reference.json", NULL);

      parser = json_parser_new_immutable ();
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
    }

  return json_node_get_object (json_parser_get_root (parser));
}

JsonObject *
trees_test_dataset (const char *name)
{
  JsonObject *datasets = json_object_get_object_member (trees_test_reference (), "datasets");

  g_assert_true (json_object_has_member (datasets, name));
  return json_object_get_object_member (datasets, name);
}

JsonArray *
trees_test_cases (const char *section)
{
  return json_object_get_array_member (trees_test_reference (), section);
}

gboolean
trees_test_is_regression (JsonObject *dataset)
{
  return !json_object_has_member (dataset, "labels");
}

static double
element (JsonArray *array,
         guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  /* The reference writes a missing value as null. */
  return JSON_NODE_HOLDS_NULL (node) ? NAN : json_node_get_double (node);
}

/* The dataset's X, restricted to the row indices in member @rows ("train",
 * "test") unless NULL; null cells are NaN. */
OrchardMatrix *
trees_test_matrix (JsonObject *dataset,
                   const char *rows)
{
  JsonArray *all = json_object_get_array_member (dataset, "X");
  JsonArray *indices = rows != NULL ? json_object_get_array_member (dataset, rows) : NULL;
  JsonArray *features = json_object_get_array_member (dataset, "features");
  guint n_rows = indices != NULL ? json_array_get_length (indices) : json_array_get_length (all);
  guint n_cols = json_array_get_length (features);
  OrchardMatrix *matrix = orchard_matrix_new (n_rows, n_cols);

  for (guint j = 0; j < n_cols; j++)
    orchard_matrix_set_feature (matrix, j, json_array_get_string_element (features, j), NULL, j);

  for (guint i = 0; i < n_rows; i++)
    {
      guint r = indices != NULL ? json_array_get_int_element (indices, i) : i;
      JsonArray *row = json_array_get_array_element (all, r);

      g_assert_cmpuint (json_array_get_length (row), ==, n_cols);
      for (guint j = 0; j < n_cols; j++)
        orchard_matrix_set (matrix, i, j, element (row, j));
    }

  return matrix;
}

double *
trees_test_vector (JsonObject *object,
                   const char *member,
                   const char *rows,
                   gsize      *n)
{
  JsonArray *all = json_object_get_array_member (object, member);
  JsonArray *indices = rows != NULL ? json_object_get_array_member (object, rows) : NULL;
  guint n_values = indices != NULL ? json_array_get_length (indices) : json_array_get_length (all);
  double *values = g_new (double, MAX (n_values, 1));

  for (guint i = 0; i < n_values; i++)
    values[i] = element (all, indices != NULL ? json_array_get_int_element (indices, i) : i);

  if (n != NULL)
    *n = n_values;
  return values;
}

/* A new learner @name with its target set for @dataset. */
OrchardModel *
trees_test_new_model (const char *name,
                      JsonObject *dataset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) model = orchard_model_new_by_name (name, &error);

  g_assert_no_error (error);
  if (trees_test_is_regression (dataset))
    orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, &error);
  else
    {
      JsonArray *labels = json_object_get_array_member (dataset, "labels");
      guint n = json_array_get_length (labels);
      g_autofree const char **strv = g_new0 (const char *, n + 1);

      for (guint k = 0; k < n; k++)
        strv[k] = json_array_get_string_element (labels, k);
      orchard_model_set_target (model, n == 2 ? ORCHARD_TASK_BINARY : ORCHARD_TASK_MULTICLASS,
                                strv, &error);
    }
  g_assert_no_error (error);

  return g_steal_pointer (&model);
}

/* Accuracy (most probable class, the first on ties) or R². */
double
trees_test_score (OrchardMatrix *predictions,
                  const double  *y)
{
  gsize n = orchard_matrix_get_n_rows (predictions);
  guint K = orchard_matrix_get_n_cols (predictions);

  if (K == 1)
    {
      double mean = 0, ss_res = 0, ss_tot = 0;

      for (gsize i = 0; i < n; i++)
        mean += y[i] / n;
      for (gsize i = 0; i < n; i++)
        {
          double p = orchard_matrix_get (predictions, i, 0);

          ss_res += (y[i] - p) * (y[i] - p);
          ss_tot += (y[i] - mean) * (y[i] - mean);
        }
      return 1.0 - ss_res / ss_tot;
    }
  else
    {
      gsize correct = 0;

      for (gsize i = 0; i < n; i++)
        {
          const double *p = orchard_matrix_get_row (predictions, i);
          guint best = 0;

          for (guint k = 1; k < K; k++)
            if (p[k] > p[best])
              best = k;
          correct += best == (guint) y[i];
        }
      return (double) correct / n;
    }
}

/* The metrics of the evaluation engine for @predictions of @model. */
OrchardMetrics *
trees_test_metrics (OrchardModel  *model,
                    OrchardMatrix *predictions,
                    const double  *y)
{
  g_autoptr(GError) error = NULL;
  gsize n = orchard_matrix_get_n_rows (predictions);
  g_autofree guint32 *codes = g_new (guint32, MAX (n, 1));
  g_autofree double *positive = g_new (double, MAX (n, 1));
  OrchardMetrics *metrics = NULL;

  switch (orchard_model_get_task (model))
    {
    case ORCHARD_TASK_BINARY:
      for (gsize i = 0; i < n; i++)
        {
          codes[i] = (guint32) y[i];
          positive[i] = orchard_matrix_get (predictions, i, 1);
        }
      metrics = orchard_metrics_new_binary (codes, positive, NULL, n, 0.5,
                                            orchard_model_get_class_labels (model), &error);
      break;
    case ORCHARD_TASK_MULTICLASS:
      for (gsize i = 0; i < n; i++)
        codes[i] = (guint32) y[i];
      metrics = orchard_metrics_new_multiclass (codes, orchard_matrix_get_data (predictions), n,
                                                orchard_model_get_n_classes (model),
                                                orchard_model_get_class_labels (model), &error);
      break;
    case ORCHARD_TASK_REGRESSION:
    default:
      metrics = orchard_metrics_new_regression (y, orchard_matrix_get_data (predictions), n,
                                                &error);
      break;
    }
  g_assert_no_error (error);

  return metrics;
}

/* Fits @model on the rows @train_rows of @dataset and predicts @test_rows. */
OrchardMatrix *
trees_test_fit_predict (OrchardModel *model,
                        JsonObject   *dataset,
                        const char   *train_rows,
                        const char   *test_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardMatrix) X = trees_test_matrix (dataset, train_rows);
  g_autoptr(OrchardMatrix) test = trees_test_matrix (dataset, test_rows);
  g_autofree double *y = trees_test_vector (dataset, "y", train_rows, NULL);
  OrchardMatrix *predictions;

  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  predictions = orchard_model_predict (model, test, NULL, &error);
  g_assert_no_error (error);

  return predictions;
}
