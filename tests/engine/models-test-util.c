/* models-test-util.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "models-test-util.h"

/* The reference values of tests/reference/models_reference.py, parsed once. */
JsonObject *
models_test_reference (void)
{
  static JsonParser *parser;

  if (parser == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_TEST_DATA_DIR"),
                                                "models-reference.json", NULL);

      parser = json_parser_new_immutable ();
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
    }

  return json_node_get_object (json_parser_get_root (parser));
}

JsonObject *
models_test_dataset (const char *name)
{
  JsonObject *datasets = json_object_get_object_member (models_test_reference (), "datasets");

  g_assert_true (json_object_has_member (datasets, name));
  return json_object_get_object_member (datasets, name);
}

JsonObject *
models_test_case (const char *section,
                  const char *name)
{
  JsonArray *cases = json_object_get_array_member (models_test_reference (), section);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      if (g_str_equal (json_object_get_string_member (c, "case"), name))
        return c;
    }

  g_error ("no reference case %s/%s", section, name);
}

static JsonArray *
row_indices (JsonObject *dataset,
             const char *rows)
{
  return rows != NULL ? json_object_get_array_member (dataset, rows) : NULL;
}

OrchardMatrix *
models_test_json_matrix (JsonArray *rows)
{
  guint n_rows = json_array_get_length (rows);
  guint n_cols = n_rows > 0 ? json_array_get_length (json_array_get_array_element (rows, 0)) : 0;
  OrchardMatrix *matrix = orchard_matrix_new (n_rows, n_cols);

  for (guint i = 0; i < n_rows; i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);

      g_assert_cmpuint (json_array_get_length (row), ==, n_cols);
      for (guint j = 0; j < n_cols; j++)
        orchard_matrix_set (matrix, i, j, json_array_get_double_element (row, j));
    }

  return matrix;
}

/* @member of @dataset (a matrix), restricted to the row indices listed in
 * the dataset's member @rows ("train", "test") unless that is NULL. Feature
 * names come from the dataset's "features". */
OrchardMatrix *
models_test_matrix (JsonObject *dataset,
                    const char *member,
                    const char *rows)
{
  JsonArray *all = json_object_get_array_member (dataset, member);
  JsonArray *indices = row_indices (dataset, rows);
  JsonArray *features = json_object_get_array_member (dataset, "features");
  guint n_rows = indices != NULL ? json_array_get_length (indices) : json_array_get_length (all);
  guint n_cols = json_array_get_length (json_array_get_array_element (all, 0));
  OrchardMatrix *matrix = orchard_matrix_new (n_rows, n_cols);

  g_assert_cmpuint (json_array_get_length (features), ==, n_cols);
  for (guint j = 0; j < n_cols; j++)
    orchard_matrix_set_feature (matrix, j, json_array_get_string_element (features, j), NULL, j);

  for (guint i = 0; i < n_rows; i++)
    {
      guint r = indices != NULL ? json_array_get_int_element (indices, i) : i;
      JsonArray *row = json_array_get_array_element (all, r);

      for (guint j = 0; j < n_cols; j++)
        orchard_matrix_set (matrix, i, j, json_array_get_double_element (row, j));
    }

  return matrix;
}

/* A numeric array member of @object, restricted like models_test_matrix(). */
double *
models_test_vector (JsonObject *object,
                    const char *member,
                    const char *rows,
                    gsize      *n)
{
  JsonArray *all = json_object_get_array_member (object, member);
  JsonArray *indices = row_indices (object, rows);
  guint n_values = indices != NULL ? json_array_get_length (indices) : json_array_get_length (all);
  double *values = g_new (double, MAX (n_values, 1));

  for (guint i = 0; i < n_values; i++)
    {
      guint r = indices != NULL ? json_array_get_int_element (indices, i) : i;
      values[i] = json_array_get_double_element (all, r);
    }

  if (n != NULL)
    *n = n_values;
  return values;
}

char **
models_test_labels (JsonObject *dataset)
{
  JsonArray *labels = json_object_get_array_member (dataset, "labels");
  char **strv = g_new0 (char *, json_array_get_length (labels) + 1);

  for (guint i = 0; i < json_array_get_length (labels); i++)
    strv[i] = g_strdup (json_array_get_string_element (labels, i));

  return strv;
}

double
models_test_max_rel_diff (const double *actual,
                          const double *expected,
                          gsize         n)
{
  double worst = 0;

  for (gsize i = 0; i < n; i++)
    {
      double d = fabs (actual[i] - expected[i]);
      double scale = fabs (expected[i]);

      worst = MAX (worst, scale > 0 ? d / scale : d);
    }

  return worst;
}

/* Each |actual - expected| ≤ rel |expected| + abs. */
void
models_test_assert_close (const double *actual,
                          const double *expected,
                          gsize         n,
                          double        rel,
                          double        abs,
                          const char   *what)
{
  for (gsize i = 0; i < n; i++)
    if (!(fabs (actual[i] - expected[i]) <= rel * fabs (expected[i]) + abs))
      g_error ("%s[%" G_GSIZE_FORMAT "]: %.17g, expected %.17g (relative difference %.3g)",
               what, i, actual[i], expected[i],
               fabs (actual[i] - expected[i]) / MAX (fabs (expected[i]), 1e-300));
}

static GVariant *
reserialise (GVariant *variant)
{
  g_autoptr(GBytes) bytes = g_variant_get_data_as_bytes (variant);
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GBytes) copy = g_bytes_new (data, size);

  /* As a file would give it: untrusted bytes of the right type. */
  return g_variant_ref_sink (g_variant_new_from_bytes (ORCHARD_MODEL_VARIANT_TYPE, copy, FALSE));
}

/* Save → load → predict gives bit-identical outputs, and the loaded model
 * saves to the same variant. */
void
models_test_round_trip (OrchardModel  *model,
                        OrchardMatrix *X)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) variant = orchard_model_to_variant (model);
  g_autoptr(GVariant) read = reserialise (variant);
  g_autoptr(OrchardModel) loaded = orchard_model_new_from_variant (read, &error);
  g_autoptr(GVariant) again = NULL;
  g_autoptr(OrchardMatrix) p1 = NULL;
  g_autoptr(OrchardMatrix) p2 = NULL;
  const OrchardHistoryEntry *h1, *h2;
  guint n1, n2;

  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_true (orchard_model_is_fitted (loaded));
  g_assert_true (G_OBJECT_TYPE (loaded) == G_OBJECT_TYPE (model));
  g_assert_cmpint (orchard_model_get_task (loaded), ==, orchard_model_get_task (model));
  g_assert_cmpuint (orchard_model_get_n_features (loaded), ==, orchard_model_get_n_features (model));
  g_assert_cmpstrv (orchard_model_get_feature_names (loaded), orchard_model_get_feature_names (model));
  if (orchard_model_get_class_labels (model) != NULL)
    g_assert_cmpstrv (orchard_model_get_class_labels (loaded), orchard_model_get_class_labels (model));

  h1 = orchard_model_get_history (model, &n1);
  h2 = orchard_model_get_history (loaded, &n2);
  g_assert_cmpuint (n1, ==, n2);
  for (guint i = 0; i < n1; i++)
    {
      g_assert_cmpuint (h1[i].iteration, ==, h2[i].iteration);
      g_assert_cmpmem (&h1[i].train_loss, sizeof (double), &h2[i].train_loss, sizeof (double));
      g_assert_cmpmem (&h1[i].valid_loss, sizeof (double), &h2[i].valid_loss, sizeof (double));
      g_assert_cmpmem (&h1[i].valid_metric, sizeof (double), &h2[i].valid_metric, sizeof (double));
    }
  g_assert_cmpint (orchard_model_get_best_iteration (loaded), ==,
                   orchard_model_get_best_iteration (model));

  again = orchard_model_to_variant (loaded);
  g_assert_true (g_variant_equal (again, variant));

  p1 = orchard_model_predict (model, X, NULL, &error);
  g_assert_no_error (error);
  p2 = orchard_model_predict (loaded, X, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_matrix_get_n_rows (p1), ==, orchard_matrix_get_n_rows (p2));
  g_assert_cmpuint (orchard_matrix_get_n_cols (p1), ==, orchard_matrix_get_n_cols (p2));
  g_assert_cmpmem (orchard_matrix_get_data (p1),
                   orchard_matrix_get_n_rows (p1) * orchard_matrix_get_n_cols (p1) * sizeof (double),
                   orchard_matrix_get_data (p2),
                   orchard_matrix_get_n_rows (p2) * orchard_matrix_get_n_cols (p2) * sizeof (double));
}

/* The parts of a saved model, to put back together with one of them damaged. */
typedef struct
{
  guint32     format;
  const char *name;
  guint32     version;
  GVariant   *params;
  const char *task;
  GVariant   *labels;
  GVariant   *features;
  GVariant   *history;
  gint32      best;
  GVariant   *state;
} Parts;

static GVariant *
assemble (const Parts *p)
{
  return g_variant_ref_sink (g_variant_new ("(usu@a{sv}s@as@as@a(uddd)i@a{sv})",
                                            p->format, p->name, p->version, p->params, p->task,
                                            p->labels, p->features, p->history, p->best,
                                            p->state));
}

static void
assert_refused (GVariant   *variant,
                const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) read = reserialise (variant);
  g_autoptr(OrchardModel) model = orchard_model_new_from_variant (read, &error);

  if (model != NULL)
    g_error ("a model with %s was accepted", what);
  g_assert_error (error, ORCHARD_ERROR, error->code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("%s: %s", what, error->message);
}

static GVariant *
dict_without (GVariant   *dict,
              const char *key,
              GVariant   *replacement)
{
  GVariantBuilder builder;
  GVariantIter iter;
  const char *k;
  GVariant *v;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&sv}", &k, &v))
    {
      if (!g_str_equal (k, key))
        g_variant_builder_add (&builder, "{sv}", k, v);
      else if (replacement != NULL)
        g_variant_builder_add (&builder, "{sv}", k, replacement);
      g_variant_unref (v);
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static GVariant *
strv_without_last (GVariant *strv)
{
  gsize n;
  g_autofree const char **items = g_variant_get_strv (strv, &n);

  return g_variant_ref_sink (g_variant_new_strv (items, n > 0 ? n - 1 : 0));
}

/* Every kind of damage a saved model can have is refused with an error, and
 * random byte flips never crash the loader. */
void
models_test_corruptions (OrchardModel *model)
{
  g_autoptr(GVariant) variant = orchard_model_to_variant (model);
  g_autoptr(GVariant) params = NULL, labels = NULL, features = NULL, history = NULL, state = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Parts good;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  guint n_loaded = 0, n_refused = 0;

  g_variant_get (variant, "(u&su@a{sv}&s@as@as@a(uddd)i@a{sv})",
                 &good.format, &good.name, &good.version, &params, &good.task, &labels,
                 &features, &history, &good.best, &state);
  good.params = params;
  good.labels = labels;
  good.features = features;
  good.history = history;
  good.state = state;

  /* Sanity: the parts put back together load. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GVariant) v = assemble (&good);
    g_autoptr(OrchardModel) m = orchard_model_new_from_variant (v, &error);
    g_assert_no_error (error);
    g_assert_true (orchard_model_is_fitted (m));
  }

  {
    g_autoptr(GVariant) wrong = g_variant_ref_sink (g_variant_new ("(ss)", "ridge", "x"));
    g_autoptr(GError) error = NULL;
    g_autoptr(OrchardModel) m = orchard_model_new_from_variant (wrong, &error);
    g_assert_null (m);
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
  }

#define REFUSE(field, value, what) \
  G_STMT_START { \
    Parts damaged_ = good; \
    g_autoptr(GVariant) assembled_ = NULL; \
    damaged_.field = value; \
    assembled_ = assemble (&damaged_); \
    assert_refused (assembled_, what); \
  } G_STMT_END

  REFUSE (format, 2, "format version 2");
  REFUSE (name, "no-such-learner", "an unknown learner");
  REFUSE (version, 0, "state version 0");
  REFUSE (version, good.version + 1, "a newer state version");
  REFUSE (task, "clustering", "an unknown task");
  REFUSE (best, (gint32) g_variant_n_children (history) + 1, "a best iteration past the end");

  {
    g_autoptr(GVariant) p = dict_without (params, "", NULL);
    g_autoptr(GVariantDict) dict = g_variant_dict_new (p);
    g_autoptr(GVariant) bad = NULL;

    g_variant_dict_insert (dict, "no-such-parameter", "d", 1.0);
    bad = g_variant_ref_sink (g_variant_dict_end (dict));
    REFUSE (params, bad, "an unknown hyperparameter");
  }

  g_variant_iter_init (&iter, params);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) bad = dict_without (params, key, g_variant_new_int16 (1));
      g_autofree char *what = g_strdup_printf ("hyperparameter %s of the wrong type", key);

      REFUSE (params, bad, what);
      g_variant_unref (value);
    }

  {
    g_autoptr(GVariant) fewer = strv_without_last (features);
    REFUSE (features, fewer, "a feature fewer");
  }
  {
    g_autoptr(GVariant) none = g_variant_ref_sink (g_variant_new_strv (NULL, 0));
    REFUSE (features, none, "no features");
  }
  if (g_variant_n_children (labels) > 0)
    {
      g_autoptr(GVariant) fewer = strv_without_last (labels);
      REFUSE (labels, fewer, "a class fewer");
    }
  else
    {
      const char *two[] = { "a", "b" };
      g_autoptr(GVariant) some = g_variant_ref_sink (g_variant_new_strv (two, 2));
      REFUSE (labels, some, "class labels on a regressor");
    }

  {
    GVariantBuilder b;
    g_autoptr(GVariant) empty = NULL;

    g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
    empty = g_variant_ref_sink (g_variant_builder_end (&b));
    REFUSE (state, empty, "an empty state");
  }

  g_variant_iter_init (&iter, state);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) v = value;
      g_autofree char *what = NULL;

      {
        g_autoptr(GVariant) bad = dict_without (state, key, NULL);
        what = g_strdup_printf ("no state “%s”", key);
        REFUSE (state, bad, what);
        g_clear_pointer (&what, g_free);
      }
      {
        g_autoptr(GVariant) bad = dict_without (state, key, g_variant_new_string ("x"));
        what = g_strdup_printf ("state “%s” of the wrong type", key);
        REFUSE (state, bad, what);
        g_clear_pointer (&what, g_free);
      }

      if (g_variant_is_of_type (v, G_VARIANT_TYPE ("ad")) ||
          g_variant_is_of_type (v, G_VARIANT_TYPE ("au")))
        {
          gsize n = g_variant_n_children (v);
          gsize elt = g_variant_is_of_type (v, G_VARIANT_TYPE ("ad")) ? sizeof (double)
                                                                      : sizeof (guint32);
          gconstpointer data = g_variant_get_fixed_array (v, &n, elt);
          const GVariantType *etype = g_variant_type_element (g_variant_get_type (v));

          if (n > 0)
            {
              g_autoptr(GVariant) bad = dict_without (state, key,
                                                      g_variant_new_fixed_array (etype, data, n - 1, elt));
              what = g_strdup_printf ("state “%s” one value short", key);
              REFUSE (state, bad, what);
              g_clear_pointer (&what, g_free);
            }
          if (elt == sizeof (double) && n > 0)
            {
              g_autofree double *copy = g_memdup2 (data, n * sizeof (double));
              g_autoptr(GVariant) bad = NULL;

              copy[n / 2] = NAN;
              bad = dict_without (state, key, g_variant_new_fixed_array (etype, copy, n, elt));
              what = g_strdup_printf ("a NaN in state “%s”", key);
              REFUSE (state, bad, what);
              g_clear_pointer (&what, g_free);
            }
        }
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
        {
          g_autoptr(GVariant) bad = dict_without (state, key, g_variant_new_double (INFINITY));
          what = g_strdup_printf ("an infinite state “%s”", key);
          REFUSE (state, bad, what);
        }
    }
#undef REFUSE

  /* Truncated and bit-flipped files: never a crash; truncation is always
   * refused, a flipped bit may land in a coefficient and load. */
  bytes = g_variant_get_data_as_bytes (variant);
  {
    gsize size;
    const guint8 *data = g_bytes_get_data (bytes, &size);
    GRand *rand = g_rand_new_with_seed (7);

    for (guint i = 0; i < 300; i++)
      {
        g_autofree guint8 *copy = g_memdup2 (data, size);
        g_autoptr(GBytes) damaged = NULL;
        g_autoptr(GVariant) v = NULL;
        g_autoptr(OrchardModel) m = NULL;
        g_autoptr(GError) error = NULL;
        gsize cut = size;

        if (i % 3 == 0)
          cut = g_rand_int_range (rand, 0, (gint32) size);
        else
          for (guint f = 0; f < 1 + i % 4; f++)
            copy[g_rand_int_range (rand, 0, (gint32) size)] ^= 1 << g_rand_int_range (rand, 0, 8);

        damaged = g_bytes_new (copy, cut);
        v = g_variant_ref_sink (g_variant_new_from_bytes (ORCHARD_MODEL_VARIANT_TYPE, damaged, FALSE));
        m = orchard_model_new_from_variant (v, &error);
        if (m != NULL)
          {
            g_assert_cmpuint (cut, ==, size);
            n_loaded++;
          }
        else
          {
            g_assert_nonnull (error);
            g_assert_true (g_utf8_validate (error->message, -1, NULL));
            n_refused++;
          }
      }
    g_rand_free (rand);
  }
  g_test_message ("damaged copies: %u refused, %u loaded", n_refused, n_loaded);
  g_assert_cmpuint (n_refused, >=, 100);
}

typedef struct
{
  OrchardModel  *model;
  OrchardMatrix *X;
  const double  *y;
  OrchardMatrix *X_valid;
  const double  *y_valid;
  GCancellable  *cancellable;
  GError        *error;
  gboolean       ok;
  gint64         finished;
  guint          n_progress;
} CancelJob;

static void
count_progress (double      fraction,
                const char *message,
                gpointer    user_data)
{
  CancelJob *job = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  /* Cancel from inside the fit, at its first report: the test then does
   * not depend on how fast this machine is. */
  if (job->n_progress++ == 0)
    g_cancellable_cancel (job->cancellable);
}

static gpointer
run_fit (gpointer user_data)
{
  CancelJob *job = user_data;

  job->ok = orchard_model_fit (job->model, job->X, job->y, job->X_valid, job->y_valid, NULL,
                               count_progress, job, job->cancellable, &job->error);
  job->finished = g_get_monotonic_time ();
  return NULL;
}

/* A fit cancelled while it runs stops and leaves the model unfitted. How
 * quickly it stops is printed, not asserted: timings belong in bench/. */
void
models_test_cancel (OrchardModel  *model,
                    OrchardMatrix *X,
                    const double  *y,
                    OrchardMatrix *X_valid,
                    const double  *y_valid)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardMatrix) out = NULL;
  CancelJob job = { model, X, y, X_valid, y_valid, cancellable, NULL, FALSE, 0, 0 };
  GThread *thread;
  gint64 cancelled;

  cancelled = g_get_monotonic_time ();
  thread = g_thread_new ("fit", run_fit, &job);
  g_thread_join (thread);

  g_assert_false (job.ok);
  g_assert_error (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&job.error);
  g_test_message ("fit started, cancelled at its first progress report and returned after %.3f s",
                  (job.finished - cancelled) / 1e6);
  g_assert_cmpuint (job.n_progress, >, 0);
  g_assert_false (orchard_model_is_fitted (model));

  out = orchard_model_predict (model, X, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Cancelled before it starts: nothing is done at all. */
  g_assert_false (orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (orchard_model_is_fitted (model));
}

/* Seeded synthetic data: standard normal features, a target that depends
 * linearly on them plus noise; class codes when @n_classes > 0. */
OrchardMatrix *
models_test_big_matrix (gsize    n_rows,
                        guint    n_cols,
                        guint64  seed,
                        double **y,
                        guint    n_classes)
{
  OrchardMatrix *X = orchard_matrix_new (n_rows, n_cols);
  double *data = orchard_matrix_get_data (X);
  guint n_scores = MAX (n_classes, 1);
  g_autofree double *beta = g_new (double, (gsize) n_cols * n_scores);
  OrchardRng rng;

  orchard_rng_init (&rng, seed);
  for (gsize i = 0; i < (gsize) n_cols * n_scores; i++)
    beta[i] = orchard_rng_normal (&rng);

  *y = g_new (double, n_rows);
  for (gsize i = 0; i < n_rows; i++)
    {
      double best = -INFINITY;

      for (guint j = 0; j < n_cols; j++)
        data[i * n_cols + j] = orchard_rng_normal (&rng);

      for (guint k = 0; k < n_scores; k++)
        {
          double s = 2.0 * orchard_rng_normal (&rng);

          for (guint j = 0; j < n_cols; j++)
            s += beta[k * n_cols + j] * data[i * n_cols + j];
          if (n_classes == 0)
            (*y)[i] = s;
          else if (n_classes == 2)
            (*y)[i] = s > 0;
          else if (s > best)
            {
              best = s;
              (*y)[i] = k;
            }
        }
    }

  return X;
}
