/* test-bootstrap.c: bootstrap confidence intervals
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/reference/eval_reference.py draws the same resamples with an
 * independent Python transcription of OrchardRng, scores each with
 * scikit-learn on the materialised rows and takes numpy.percentile; the
 * intervals must agree.
 */
#include <math.h>
#include <string.h>

#include "eval-reference.h"
#include "orchard.h"

static JsonObject *reference;

static JsonObject *
find_case (const char *task,
           const char *name)
{
  JsonArray *cases = json_object_get_array_member (reference, task);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      if (g_strcmp0 (json_object_get_string_member (c, "name"), name) == 0)
        return c;
    }

  g_error ("no %s case “%s” in the reference", task, name);
  return NULL;
}

static gboolean
run (JsonObject                    *spec,
     const OrchardBootstrapOptions *options,
     OrchardProgress                progress,
     gpointer                       progress_data,
     GCancellable                  *cancellable,
     OrchardInterval               *interval,
     GError                       **error)
{
  const char *task = json_object_get_string_member (spec, "task");
  const char *metric = json_object_get_string_member (spec, "metric");
  JsonObject *c = find_case (task, json_object_get_string_member (spec, "case"));
  gsize n, m;
  gboolean ok;

  if (g_str_equal (task, "binary"))
    {
      g_autofree guint32 *y = NULL;
      g_autofree double *p = NULL;
      g_autofree double *w = NULL;

      y = eval_reference_labels (json_object_get_array_member (c, "y_true"), &n);
      p = eval_reference_doubles (json_object_get_array_member (c, "proba"), &m);
      if (!json_object_get_null_member (c, "weights"))
        w = eval_reference_doubles (json_object_get_array_member (c, "weights"), &m);
      ok = orchard_bootstrap_binary (y, p, w, n, eval_reference_number (spec, "threshold"), metric,
                                     options, progress, progress_data, cancellable, interval,
                                     error);
    }
  else if (g_str_equal (task, "multiclass"))
    {
      g_autofree guint32 *y = NULL;
      g_autofree double *p = NULL;
      guint k;

      y = eval_reference_labels (json_object_get_array_member (c, "y_true"), &n);
      p = eval_reference_matrix (json_object_get_array_member (c, "proba"), &m, &k);
      ok = orchard_bootstrap_multiclass (y, p, n, k, metric, options, progress, progress_data,
                                         cancellable, interval, error);
    }
  else
    {
      g_autofree double *y = NULL;
      g_autofree double *yhat = NULL;

      y = eval_reference_doubles (json_object_get_array_member (c, "y_true"), &n);
      yhat = eval_reference_doubles (json_object_get_array_member (c, "y_pred"), &m);
      ok = orchard_bootstrap_regression (y, yhat, n, metric, options, progress, progress_data,
                                         cancellable, interval, error);
    }

  return ok;
}

static void
options_of (JsonObject              *spec,
            OrchardBootstrapOptions *options)
{
  orchard_bootstrap_options_init (options);
  options->seed = json_object_get_int_member (spec, "seed");
  options->n_resamples = json_object_get_int_member (spec, "n_resamples");
  options->level = json_object_get_double_member (spec, "level");
}

static void
test_reference (gconstpointer data)
{
  JsonObject *spec = (JsonObject *) data;
  g_autofree char *what = g_strdup_printf ("%s %s", json_object_get_string_member (spec, "case"),
                                           json_object_get_string_member (spec, "metric"));
  OrchardBootstrapOptions options;
  OrchardInterval interval, again;
  g_autoptr(GError) error = NULL;

  options_of (spec, &options);
  g_assert_true (run (spec, &options, NULL, NULL, NULL, &interval, &error));
  g_assert_no_error (error);

  eval_assert_close (interval.estimate, eval_reference_number (spec, "estimate"),
                     EVAL_TOLERANCE, what);
  eval_assert_close (interval.lower, eval_reference_number (spec, "lower"), EVAL_TOLERANCE, what);
  eval_assert_close (interval.upper, eval_reference_number (spec, "upper"), EVAL_TOLERANCE, what);
  g_assert_cmpuint (interval.n_valid, ==, json_object_get_int_member (spec, "n_valid"));
  g_assert_cmpuint (interval.n_resamples, ==, options.n_resamples);
  g_assert_cmpfloat (interval.level, ==, options.level);
  g_assert_cmpfloat (interval.lower, <=, interval.upper);

  /* The same seed, the same interval, to the bit. */
  g_assert_true (run (spec, &options, NULL, NULL, NULL, &again, &error));
  g_assert_cmpmem (&interval, sizeof interval, &again, sizeof again);
}

static void
record_progress (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
cancel_at_half (double      fraction,
                const char *message,
                gpointer    user_data)
{
  if (fraction >= 0.5)
    g_cancellable_cancel (user_data);
}

static void
test_seed_progress_cancel (void)
{
  JsonObject *spec = json_array_get_object_element (json_object_get_array_member (reference,
                                                                                  "bootstrap"), 0);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  OrchardBootstrapOptions options;
  OrchardInterval a, b;

  options_of (spec, &options);
  g_assert_true (run (spec, &options, record_progress, fractions, NULL, &a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, >=, 2);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >,
                       g_array_index (fractions, double, i - 1));

  /* Another seed draws other rows. */
  options.seed += 1;
  g_assert_true (run (spec, &options, NULL, NULL, NULL, &b, &error));
  g_assert_cmpfloat (a.estimate, ==, b.estimate);
  g_assert_true (a.lower != b.lower || a.upper != b.upper);

  /* A wider level gives a wider interval from the same resamples. */
  options.seed -= 1;
  options.level = 0.99;
  g_assert_true (run (spec, &options, NULL, NULL, NULL, &b, &error));
  g_assert_cmpfloat (b.lower, <=, a.lower);
  g_assert_cmpfloat (b.upper, >=, a.upper);

  options.level = 0.95;
  g_assert_false (run (spec, &options, cancel_at_half, cancellable, cancellable, &b, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_errors (void)
{
  const guint32 y[] = { 0, 1, 0, 1 };
  const double p[] = { 0.2, 0.8, 0.6, 0.4 };
  OrchardBootstrapOptions options;
  OrchardInterval interval;
  GError *error = NULL;

  orchard_bootstrap_options_init (&options);
  g_assert_cmpuint (options.n_resamples, ==, 1000);
  g_assert_cmpfloat (options.level, ==, 0.95);

  g_assert_false (orchard_bootstrap_binary (y, p, NULL, 4, 0.5, "rmse", &options, NULL, NULL,
                                            NULL, &interval, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "roc_auc"));
  g_clear_error (&error);

  options.level = 1.0;
  g_assert_false (orchard_bootstrap_binary (y, p, NULL, 4, 0.5, "f1", &options, NULL, NULL,
                                            NULL, &interval, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  options.level = 0.9;
  options.n_resamples = 0;
  g_assert_false (orchard_bootstrap_binary (y, p, NULL, 4, 0.5, "f1", &options, NULL, NULL,
                                            NULL, &interval, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* One class only: ROC AUC is undefined on every resample, and says so. */
  options.n_resamples = 50;
  g_assert_true (orchard_bootstrap_binary ((const guint32[]) { 1, 1, 1, 1 }, p, NULL, 4, 0.5,
                                           "roc_auc", &options, NULL, NULL, NULL, &interval,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (interval.n_valid, ==, 0);
  g_assert_true (isnan (interval.lower) && isnan (interval.upper) && isnan (interval.estimate));

  {
    g_autoptr(JsonNode) node = orchard_interval_to_json (&interval);
    JsonObject *object = json_node_get_object (node);

    g_assert_true (json_object_get_null_member (object, "lower"));
    g_assert_cmpint (json_object_get_int_member (object, "resamples"), ==, 50);
    g_assert_cmpint (json_object_get_int_member (object, "valid_resamples"), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  JsonArray *specs;

  g_test_init (&argc, &argv, NULL);

  reference = eval_reference_load ("eval-reference.json");
  specs = json_object_get_array_member (reference, "bootstrap");
  for (guint i = 0; i < json_array_get_length (specs); i++)
    {
      JsonObject *spec = json_array_get_object_element (specs, i);
      g_autofree char *path = g_strdup_printf ("/engine/Bootstrap/%s/%s",
                                               json_object_get_string_member (spec, "case"),
                                               json_object_get_string_member (spec, "metric"));

      g_test_add_data_func (path, spec, test_reference);
    }
  g_test_add_func ("/engine/Bootstrap/seed-progress-cancel", test_seed_progress_cancel);
  g_test_add_func ("/engine/Bootstrap/errors", test_errors);

  return g_test_run ();
}
