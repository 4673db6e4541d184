/* test-model.c: the learner framework: registry, hyperparameters, checks
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cblas.h>
#include <math.h>
#include <omp.h>
#include <string.h>

#include "models-test-util.h"

/* The names the command line contract fixes for the dense learners, in
 * listing order; other learners (trees) may follow. */
static const char * const learner_names[] = {
  "linear", "ridge", "lasso", "elastic-net", "logistic", "naive-bayes", "knn", "mlp",
};

static void
test_registry (void)
{
  const OrchardModelInfo *infos;
  guint n;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) none = NULL;

  infos = orchard_model_registry_list (&n);
  g_assert_cmpuint (n, >=, G_N_ELEMENTS (learner_names));
  for (guint i = 0; i < G_N_ELEMENTS (learner_names); i++)
    g_assert_cmpstr (infos[i].name, ==, learner_names[i]);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OrchardModel) model = orchard_model_new_by_name (infos[i].name, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (infos[j].name, !=, infos[i].name);
      g_assert_true (orchard_model_registry_lookup (infos[i].name) == &infos[i]);
      g_assert_true (G_OBJECT_TYPE (model) == infos[i].type);
      g_assert_true (g_type_is_a (infos[i].type, ORCHARD_TYPE_MODEL));
      g_assert_false (G_TYPE_IS_ABSTRACT (infos[i].type));
      g_assert_cmpstr (orchard_model_get_name (model), ==, infos[i].name);
      g_assert_true (infos[i].description != NULL && infos[i].description[0] != '\0');
      g_assert_cmpuint (infos[i].tasks, !=, 0);
      g_assert_cmpuint (infos[i].tasks & ~ORCHARD_TASK_FLAGS_ALL, ==, 0);
      g_assert_cmpuint (orchard_model_get_tasks (model), ==, infos[i].tasks);
      g_assert_cmpint (orchard_model_get_family (model), ==, infos[i].family);
      g_assert_false (orchard_model_is_fitted (model));
    }

  none = orchard_model_new_by_name ("random-forest-of-dreams", &error);
  g_assert_null (none);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "ridge"));
  g_assert_null (orchard_model_registry_lookup ("nope"));
}

/* `orchard-cli models --json`: every parameter described, its default
 * within its range and among its choices. */
static void
test_registry_json (void)
{
  g_autoptr(JsonNode) root = orchard_model_registry_to_json ();
  JsonArray *models = json_node_get_array (root);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = json_to_string (root, TRUE);
  g_autoptr(GError) error = NULL;

  /* What the CLI prints must read back: json-glib 1.6 writes a number like
   * 1e-10 as "1e-10.0", so no bound or default may print that way. */
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  const OrchardModelInfo *infos;
  guint n;

  infos = orchard_model_registry_list (&n);
  g_assert_cmpuint (json_array_get_length (models), ==, n);
  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonObject *m = json_array_get_object_element (models, i);
      JsonArray *tasks = json_object_get_array_member (m, "tasks");
      JsonArray *params = json_object_get_array_member (m, "params");
      g_autoptr(OrchardModel) model = orchard_model_new_by_name (infos[i].name, NULL);
      g_autoptr(GVariant) values = g_variant_ref_sink (orchard_model_get_params (model));

      g_assert_cmpstr (json_object_get_string_member (m, "name"), ==, infos[i].name);
      g_assert_nonnull (json_object_get_string_member (m, "description"));
      g_assert_cmpuint (json_array_get_length (tasks), >, 0);
      for (guint t = 0; t < json_array_get_length (tasks); t++)
        g_assert_true (g_strv_contains ((const char *[]) { "binary", "multiclass", "regression", NULL },
                                        json_array_get_string_element (tasks, t)));
      g_assert_cmpstr (json_object_get_string_member (m, "family"), ==,
                       orchard_model_family_to_string (orchard_model_get_family (model)));

      g_assert_cmpuint (json_array_get_length (params), ==, g_variant_n_children (values));
      for (guint p = 0; p < json_array_get_length (params); p++)
        {
          JsonObject *param = json_array_get_object_element (params, p);
          const char *type = json_object_get_string_member (param, "type");
          JsonNode *def = json_object_get_member (param, "default");
          JsonNode *min = json_object_get_member (param, "min");
          JsonNode *max = json_object_get_member (param, "max");
          JsonNode *choices = json_object_get_member (param, "choices");
          const char *description = json_object_get_string_member (param, "description");

          g_assert_true (g_strv_contains ((const char *[]) { "number", "integer", "boolean", "enum",
                                                             "string", NULL }, type));
          g_assert_true (description != NULL && strlen (description) > 10);
          g_assert_nonnull (g_variant_lookup_value (values, json_object_get_string_member (param, "name"), NULL));
          if (g_str_equal (type, "number") || g_str_equal (type, "integer"))
            {
              double d = json_node_get_double (def);

              if (!JSON_NODE_HOLDS_NULL (min))
                g_assert_cmpfloat (d, >=, json_node_get_double (min));
              if (!JSON_NODE_HOLDS_NULL (max))
                g_assert_cmpfloat (d, <=, json_node_get_double (max));
            }
          else
            {
              g_assert_true (JSON_NODE_HOLDS_NULL (min));
              g_assert_true (JSON_NODE_HOLDS_NULL (max));
            }

          if (g_str_equal (type, "enum"))
            {
              JsonArray *c = json_node_get_array (choices);
              gboolean found = FALSE;

              g_assert_cmpuint (json_array_get_length (c), >=, 2);
              for (guint k = 0; k < json_array_get_length (c); k++)
                found |= g_str_equal (json_array_get_string_element (c, k),
                                      json_node_get_string (def));
              g_assert_true (found);
            }
          else
            g_assert_true (JSON_NODE_HOLDS_NULL (choices));
        }
    }
}

static void
test_params_from_string (void)
{
  g_autoptr(OrchardModel) model = orchard_ridge_new ();
  g_autoptr(GError) error = NULL;
  const char *bad_alpha[] = { "-1", "abc", "1.5x", "", "nan", "inf", "1e999" };
  double alpha;
  gboolean fit_intercept;

  g_assert_true (orchard_model_set_param_from_string (model, "alpha", "0.25", &error));
  g_assert_no_error (error);
  g_object_get (model, "alpha", &alpha, NULL);
  g_assert_cmpfloat (alpha, ==, 0.25);

  for (guint i = 0; i < G_N_ELEMENTS (bad_alpha); i++)
    {
      g_assert_false (orchard_model_set_param_from_string (model, "alpha", bad_alpha[i], &error));
      g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "alpha"));
      g_clear_error (&error);
      g_object_get (model, "alpha", &alpha, NULL);
      g_assert_cmpfloat (alpha, ==, 0.25);
    }

  g_assert_true (orchard_model_set_param_from_string (model, "fit-intercept", "false", &error));
  g_object_get (model, "fit-intercept", &fit_intercept, NULL);
  g_assert_false (fit_intercept);
  g_assert_false (orchard_model_set_param_from_string (model, "fit-intercept", "maybe", &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  {
    g_autoptr(OrchardModel) logistic = orchard_logistic_regression_new ();
    g_assert_false (orchard_model_set_param_from_string (logistic, "C", "0", &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_true (orchard_model_set_param_from_string (logistic, "C", "1e-3", &error));
  }

  g_assert_false (orchard_model_set_param_from_string (model, "alpah", "1", &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "alpha"));
  g_clear_error (&error);
}

static void
test_params_variant (void)
{
  g_autoptr(OrchardModel) a = orchard_ridge_new ();
  g_autoptr(OrchardModel) b = orchard_ridge_new ();
  g_autoptr(GVariant) params = NULL;
  g_autoptr(GVariant) bad = NULL;
  g_autoptr(GError) error = NULL;
  double alpha;

  g_object_set (a, "alpha", 3.5, "fit-intercept", FALSE, NULL);
  params = g_variant_ref_sink (orchard_model_get_params (a));
  g_assert_true (orchard_model_set_params (b, params, &error));
  g_assert_no_error (error);
  g_object_get (b, "alpha", &alpha, NULL);
  g_assert_cmpfloat (alpha, ==, 3.5);

  bad = g_variant_ref_sink (g_variant_new_parsed ("{'alpha': <-2.0>}"));
  g_assert_false (orchard_model_set_params (b, bad, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_pointer (&bad, g_variant_unref);

  bad = g_variant_ref_sink (g_variant_new_parsed ("{'alpha': <'big'>}"));
  g_assert_false (orchard_model_set_params (b, bad, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
}

static OrchardModel *
fitted_ridge (OrchardMatrix **X_out,
              double        **y_out)
{
  JsonObject *diabetes = models_test_dataset ("diabetes");
  g_autoptr(OrchardMatrix) X = models_test_matrix (diabetes, "X", NULL);
  g_autofree double *y = models_test_vector (diabetes, "y", NULL, NULL);
  OrchardModel *model = orchard_ridge_new ();
  g_autoptr(GError) error = NULL;

  orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, &error);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  *X_out = g_steal_pointer (&X);
  *y_out = g_steal_pointer (&y);
  return model;
}

/* Changing a hyperparameter or the target unfits: a model's parameters
 * always describe its fit. */
static void
test_change_unfits (void)
{
  g_autoptr(OrchardMatrix) X = NULL;
  g_autofree double *y = NULL;
  g_autoptr(OrchardModel) model = fitted_ridge (&X, &y);
  g_autoptr(GError) error = NULL;

  g_assert_true (orchard_model_is_fitted (model));
  g_object_set (model, "alpha", 1.0, NULL);   /* the same value: no change */
  g_assert_true (orchard_model_is_fitted (model));
  g_object_set (model, "alpha", 2.0, NULL);
  g_assert_false (orchard_model_is_fitted (model));
  g_assert_cmpuint (orchard_model_get_n_features (model), ==, 0);

  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, &error);
  g_assert_false (orchard_model_is_fitted (model));
}

static void
test_target (void)
{
  g_autoptr(OrchardModel) model = orchard_ridge_new ();
  g_autoptr(GError) error = NULL;
  const char *two[] = { "no", "yes", NULL };

  g_assert_false (orchard_model_has_target (model));
  g_assert_false (orchard_model_set_target (model, ORCHARD_TASK_BINARY, two, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "ridge"));
  g_clear_error (&error);

  g_assert_false (orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, two, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, &error));
  g_assert_cmpuint (orchard_model_get_n_outputs (model), ==, 1);
  g_assert_cmpuint (orchard_model_get_n_classes (model), ==, 0);
}

/* Bad input is a GError that says what and where, never a crash. */
static void
test_bad_input (void)
{
  g_autoptr(OrchardMatrix) X = NULL;
  g_autofree double *y = NULL;
  g_autoptr(OrchardModel) fitted = fitted_ridge (&X, &y);
  g_autoptr(OrchardModel) model = orchard_ridge_new ();
  g_autoptr(OrchardMatrix) X_nan = NULL;
  g_autoptr(OrchardMatrix) narrow = orchard_matrix_new (5, 3);
  g_autoptr(OrchardMatrix) empty = orchard_matrix_new (0, 10);
  g_autoptr(OrchardMatrix) out = NULL;
  g_autofree double *w = g_new (double, orchard_matrix_get_n_rows (X));
  g_autoptr(GError) error = NULL;
  gsize n = orchard_matrix_get_n_rows (X);

  /* No target yet. */
  g_assert_false (orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, &error);

  X_nan = orchard_matrix_new (n, 10);
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < 10; j++)
      orchard_matrix_set (X_nan, i, j, orchard_matrix_get (X, i, j));
  orchard_matrix_set_feature (X_nan, 4, "s1", "s1", 4);
  orchard_matrix_set (X_nan, 17, 4, NAN);
  g_assert_false (orchard_model_fit (model, X_nan, y, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "s1"));
  g_assert_nonnull (strstr (error->message, "18"));
  g_clear_error (&error);
  g_assert_false (orchard_model_is_fitted (model));

  y[3] = INFINITY;
  g_assert_false (orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  y[3] = 1.0;

  for (gsize i = 0; i < n; i++)
    w[i] = 1.0;
  w[9] = -1;
  g_assert_false (orchard_model_fit (model, X, y, NULL, NULL, w, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  for (gsize i = 0; i < n; i++)
    w[i] = 0.0;
  g_assert_false (orchard_model_fit (model, X, y, NULL, NULL, w, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (orchard_model_fit (model, empty, y, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (orchard_model_fit (model, X, y, narrow, y, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  out = orchard_model_predict (model, X, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  out = orchard_model_predict (fitted, narrow, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  out = orchard_model_predict (fitted, X_nan, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  out = orchard_model_predict (fitted, empty, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_matrix_get_n_rows (out), ==, 0);
  g_assert_cmpstr (orchard_matrix_get_feature_name (out, 0), ==, "prediction");
}

/* One setting for OpenMP and OpenBLAS. */
static void
test_threads (void)
{
  orchard_set_threads (1);
  g_assert_cmpuint (orchard_get_threads (), ==, 1);
  g_assert_cmpint (openblas_get_num_threads (), ==, 1);
  g_assert_cmpint (omp_get_max_threads (), ==, 1);

  orchard_set_threads (0);
  g_assert_cmpuint (orchard_get_threads (), ==, g_get_num_processors ());
  g_assert_cmpint (omp_get_max_threads (), ==, (int) g_get_num_processors ());
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Model/registry", test_registry);
  g_test_add_func ("/engine/Model/registry-json", test_registry_json);
  g_test_add_func ("/engine/Model/params-from-string", test_params_from_string);
  g_test_add_func ("/engine/Model/params-variant", test_params_variant);
  g_test_add_func ("/engine/Model/change-unfits", test_change_unfits);
  g_test_add_func ("/engine/Model/target", test_target);
  g_test_add_func ("/engine/Model/bad-input", test_bad_input);
  g_test_add_func ("/engine/Model/threads", test_threads);

  return g_test_run ();
}
