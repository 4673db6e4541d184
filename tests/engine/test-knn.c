/* test-knn.c: k nearest neighbours
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "models-test-util.h"

static OrchardModel *
fit_case (JsonObject     *c,
          OrchardMatrix **test_out)
{
  const char *dataset_name = json_object_get_string_member (c, "dataset");
  JsonObject *dataset = models_test_dataset (dataset_name);
  gboolean regression = g_str_equal (dataset_name, "diabetes");
  const char *matrix = regression ? "X" : "X_std";
  g_autoptr(OrchardMatrix) X = models_test_matrix (dataset, matrix, "train");
  g_autofree double *y = models_test_vector (dataset, "y", "train", NULL);
  g_autoptr(OrchardModel) model = orchard_model_new_by_name ("knn", NULL);
  g_autoptr(GError) error = NULL;

  g_object_set (model, "k", (guint) json_object_get_int_member (c, "k"), NULL);
  g_assert_true (orchard_model_set_param_from_string (model, "weights",
                                                      json_object_get_string_member (c, "weights"),
                                                      &error));
  g_assert_true (orchard_model_set_param_from_string (model, "metric",
                                                      json_object_get_string_member (c, "metric"),
                                                      &error));
  if (regression)
    orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, &error);
  else
    {
      g_auto(GStrv) labels = models_test_labels (dataset);
      orchard_model_set_target (model, g_strv_length (labels) == 2 ? ORCHARD_TASK_BINARY
                                                                   : ORCHARD_TASK_MULTICLASS,
                                (const char * const *) labels, &error);
    }
  g_assert_no_error (error);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  if (test_out != NULL)
    *test_out = models_test_matrix (dataset, matrix, "test");
  return g_steal_pointer (&model);
}

/* Predictions of KNeighborsClassifier / KNeighborsRegressor (brute). */
static void
test_sklearn (void)
{
  JsonArray *cases = json_object_get_array_member (models_test_reference (), "knn");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "case");
      g_autoptr(OrchardMatrix) test = NULL;
      g_autoptr(OrchardModel) model = fit_case (c, &test);
      g_autofree double *predict = models_test_vector (c, "predict", NULL, NULL);
      g_autoptr(OrchardMatrix) out = NULL;
      g_autoptr(GError) error = NULL;
      gsize n = orchard_matrix_get_n_rows (test);
      double worst = 0;

      out = orchard_model_predict (model, test, NULL, &error);
      g_assert_no_error (error);

      if (json_object_has_member (c, "proba"))
        {
          g_autoptr(OrchardMatrix) expected = models_test_json_matrix (json_object_get_array_member (c, "proba"));
          guint K = orchard_matrix_get_n_cols (expected);

          g_assert_cmpuint (orchard_matrix_get_n_cols (out), ==, K);
          for (gsize r = 0; r < n; r++)
            {
              const double *p = orchard_matrix_get_row (out, r);
              guint best = 0;

              for (guint k = 0; k < K; k++)
                {
                  worst = MAX (worst, fabs (p[k] - orchard_matrix_get (expected, r, k)));
                  if (p[k] > p[best])
                    best = k;
                }
              g_assert_cmpuint (best, ==, (guint) predict[r]);
            }
          g_assert_cmpfloat (worst, <, 1e-12);
        }
      else
        {
          worst = models_test_max_rel_diff (orchard_matrix_get_data (out), predict, n);
          g_assert_cmpfloat (worst, <, 1e-12);
        }

      g_test_message ("%s: %" G_GSIZE_FORMAT " predictions identical (largest difference %.2e)",
                      name, n, worst);
    }
}

static void
test_round_trip (void)
{
  const char *names[] = { "breast-cancer-7-distance-cosine", "diabetes-5-distance-euclidean" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(OrchardMatrix) test = NULL;
      g_autoptr(OrchardModel) model = fit_case (models_test_case ("knn", names[i]), &test);

      models_test_round_trip (model, test);
      models_test_corruptions (model);
    }
}

/* Invariants: with k = 1 each training row is its own neighbour; of two
 * identical rows the earlier wins; asking for more neighbours than rows
 * gives the class shares; weights multiply the votes. */
static void
test_invariants (void)
{
  g_autofree double *y = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (3000, 8, 21, &y, 3);
  g_autoptr(OrchardModel) model = orchard_knn_new (1);
  g_autoptr(OrchardMatrix) p = NULL;
  g_autoptr(GError) error = NULL;
  const char *labels[] = { "a", "b", "c", NULL };
  double shares[3] = { 0 };

  orchard_model_set_target (model, ORCHARD_TASK_MULTICLASS, labels, NULL);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  p = orchard_model_predict (model, X, NULL, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < 3000; i++)
    g_assert_cmpfloat (orchard_matrix_get (p, i, (guint) y[i]), ==, 1.0);
  g_clear_pointer (&p, orchard_matrix_unref);

  {
    g_autoptr(OrchardMatrix) twins = orchard_matrix_new (3, 2);
    double y_twins[] = { 2, 0, 1 };

    orchard_matrix_set (twins, 0, 0, 1.0);
    orchard_matrix_set (twins, 1, 0, 1.0);
    orchard_matrix_set (twins, 2, 0, 5.0);
    orchard_model_fit (model, twins, y_twins, NULL, NULL, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    p = orchard_model_predict (model, twins, NULL, &error);
    g_assert_cmpfloat (orchard_matrix_get (p, 1, 2), ==, 1.0);
    g_clear_pointer (&p, orchard_matrix_unref);

    /* Uniform over all three rows; then row weights 3, 1, 0. */
    g_object_set (model, "k", 50, NULL);
    orchard_model_fit (model, twins, y_twins, NULL, NULL, NULL, NULL, NULL, NULL, &error);
    p = orchard_model_predict (model, twins, NULL, &error);
    for (guint k = 0; k < 3; k++)
      g_assert_cmpfloat_with_epsilon (orchard_matrix_get (p, 0, k), 1.0 / 3, 1e-15);
    g_clear_pointer (&p, orchard_matrix_unref);

    orchard_model_fit (model, twins, y_twins, NULL, NULL, (double[]) { 3, 1, 0 }, NULL, NULL,
                       NULL, &error);
    p = orchard_model_predict (model, twins, NULL, &error);
    g_assert_cmpfloat_with_epsilon (orchard_matrix_get (p, 2, 2), 0.75, 1e-15);
    g_assert_cmpfloat_with_epsilon (orchard_matrix_get (p, 2, 0), 0.25, 1e-15);
    g_assert_cmpfloat (orchard_matrix_get (p, 2, 1), ==, 0.0);
    g_clear_pointer (&p, orchard_matrix_unref);
  }

  /* Class shares over all rows. */
  g_object_set (model, "k", 10000, NULL);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  p = orchard_model_predict (model, X, NULL, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < 3000; i++)
    shares[(guint) y[i]] += 1.0 / 3000;
  for (guint k = 0; k < 3; k++)
    g_assert_cmpfloat_with_epsilon (orchard_matrix_get (p, 17, k), shares[k], 1e-12);
}

/* Threads take whole blocks of queries: their number changes no bit. */
static void
test_threads (void)
{
  g_autofree double *y = NULL, *yq = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (5000, 10, 81, &y, 0);
  g_autoptr(OrchardMatrix) queries = models_test_big_matrix (1500, 10, 82, &yq, 0);
  g_autoptr(OrchardModel) model = orchard_knn_new (7);
  g_autoptr(OrchardMatrix) first = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (model, "weights", ORCHARD_KNN_WEIGHTS_DISTANCE, NULL);
  orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, NULL);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint threads = 1; threads <= 3; threads++)
    {
      g_autoptr(OrchardMatrix) p = NULL;

      orchard_set_threads (threads);
      p = orchard_model_predict (model, queries, NULL, &error);
      g_assert_no_error (error);
      if (first == NULL)
        first = orchard_matrix_ref (p);
      else
        g_assert_cmpmem (orchard_matrix_get_data (p), 1500 * sizeof (double),
                         orchard_matrix_get_data (first), 1500 * sizeof (double));
    }

  orchard_set_threads (0);
}

typedef struct
{
  OrchardModel  *model;
  OrchardMatrix *X;
  GCancellable  *cancellable;
  GError        *error;
  OrchardMatrix *out;
  gint64         finished;
} PredictJob;

static gpointer
run_predict (gpointer user_data)
{
  PredictJob *job = user_data;

  job->out = orchard_model_predict (job->model, job->X, job->cancellable, &job->error);
  job->finished = g_get_monotonic_time ();
  return NULL;
}

/* Prediction, the slow part of k-NN, stops soon after a cancel. */
static void
test_cancel (void)
{
  g_autofree double *y = NULL, *yq = NULL;
  g_autoptr(OrchardMatrix) X = models_test_big_matrix (100000, 30, 31, &y, 2);
  g_autoptr(OrchardMatrix) queries = models_test_big_matrix (20000, 30, 32, &yq, 2);
  g_autoptr(OrchardModel) model = orchard_knn_new (5);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const char *labels[] = { "no", "yes", NULL };
  PredictJob job = { model, queries, cancellable, NULL, NULL, 0 };
  GThread *thread;
  gint64 cancelled;

  orchard_model_set_target (model, ORCHARD_TASK_BINARY, labels, NULL);
  orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  thread = g_thread_new ("predict", run_predict, &job);
  g_usleep (100 * 1000);
  cancelled = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);

  g_assert_null (job.out);
  g_assert_error (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&job.error);
  /* How quickly it stopped is a figure, not a verdict (timings belong in bench/). */
  g_test_message ("stopped %.3f s after the cancel", (job.finished - cancelled) / 1e6);
  g_assert_true (orchard_model_is_fitted (model));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Knn/sklearn", test_sklearn);
  g_test_add_func ("/engine/Knn/round-trip", test_round_trip);
  g_test_add_func ("/engine/Knn/invariants", test_invariants);
  g_test_add_func ("/engine/Knn/threads", test_threads);
  g_test_add_func ("/engine/Knn/cancel", test_cancel);

  return g_test_run ();
}
