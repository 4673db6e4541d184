/* test-tuner.c: hyperparameter search
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "orchard.h"

static OrchardTable *
load_sample (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  OrchardTable *table = orchard_table_load (file, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return table;
}

/* Two features on [-1, 1]² and a class "a"/"b" from a 4 × 4 checkerboard,
 * one label in seven flipped: a few neighbours are too noisy, very many blur
 * the squares away, so k-NN has a clear best number of neighbours. */
static OrchardTable *
checkerboard (gsize   n_rows,
              guint64 seed)
{
  g_autofree double *x0 = g_new (double, n_rows);
  g_autofree double *x1 = g_new (double, n_rows);
  g_autofree guint32 *codes = g_new (guint32, n_rows);
  GPtrArray *levels = g_ptr_array_new_with_free_func (g_free);
  OrchardColumn *columns[3];
  g_autoptr(GError) error = NULL;
  OrchardTable *table;
  OrchardRng rng;

  orchard_rng_init (&rng, seed);
  for (gsize r = 0; r < n_rows; r++)
    {
      gboolean positive;

      x0[r] = 2.0 * orchard_rng_uniform (&rng) - 1.0;
      x1[r] = 2.0 * orchard_rng_uniform (&rng) - 1.0;
      positive = ((int) floor ((x0[r] + 1.0) * 2.0) + (int) floor ((x1[r] + 1.0) * 2.0)) % 2 == 0;
      if (orchard_rng_uniform (&rng) < 1.0 / 7.0)
        positive = !positive;
      codes[r] = positive ? 1 : 0;
    }
  g_ptr_array_add (levels, g_strdup ("a"));
  g_ptr_array_add (levels, g_strdup ("b"));

  columns[0] = orchard_column_new_numeric ("x0", g_steal_pointer (&x0), n_rows);
  columns[1] = orchard_column_new_numeric ("x1", g_steal_pointer (&x1), n_rows);
  columns[2] = orchard_column_new_categorical ("y", g_steal_pointer (&codes), n_rows, levels,
                                               FALSE);
  table = orchard_table_new (columns, 3, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    orchard_column_unref (columns[i]);
  return table;
}

static OrchardTuner *
new_tuner (OrchardTable *data,
           const char   *target,
           const char   *model_name,
           ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) model = orchard_model_new_by_name (model_name, &error);
  OrchardTuner *tuner;
  va_list args;

  g_assert_no_error (error);
  tuner = orchard_tuner_new (data, target, model);
  va_start (args, model_name);
  for (const char *spec = va_arg (args, const char *); spec != NULL;
       spec = va_arg (args, const char *))
    {
      orchard_tuner_add_param (tuner, spec, &error);
      g_assert_no_error (error);
    }
  va_end (args);
  return tuner;
}

/* A numeric setting, whatever its integer type. */
static double
lookup_number (GVariant   *setting,
               const char *name)
{
  g_autoptr(GVariant) v = g_variant_lookup_value (setting, name, NULL);

  g_assert_nonnull (v);
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT32))
    return g_variant_get_int32 (v);
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_UINT32))
    return g_variant_get_uint32 (v);
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_UINT64))
    return (double) g_variant_get_uint64 (v);
  return g_variant_get_double (v);
}

static char *
print_setting (GVariant *setting)
{
  return g_variant_print (setting, FALSE);
}

/* Search space -------------------------------------------------------------- */

static void
test_grid_order (void)
{
  g_autoptr(OrchardTable) data = load_sample ("penguins.csv");
  g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "knn", "k=1,5,15",
                                             "weights=uniform,distance", "metric=euclidean;cosine",
                                             NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) space = orchard_tuner_expand (tuner, &error);
  const guint ks[] = { 1, 5, 15 };
  const char *weights[] = { "uniform", "distance" };
  const char *metrics[] = { "euclidean", "cosine" };
  guint i = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (space->len, ==, 12);
  g_assert_cmpuint (orchard_tuner_get_n_params (tuner), ==, 3);

  /* The cartesian product, the parameters in the order given, the last
   * varying fastest, each one's values in the order listed. */
  for (guint a = 0; a < 3; a++)
    for (guint b = 0; b < 2; b++)
      for (guint c = 0; c < 2; c++, i++)
        {
          g_autofree char *expected = g_strdup_printf ("{'k': <uint32 %u>, 'weights': <'%s'>, "
                                                       "'metric': <'%s'>}",
                                                       ks[a], weights[b], metrics[c]);
          g_autofree char *actual = print_setting (g_ptr_array_index (space, i));

          g_assert_cmpstr (actual, ==, expected);
        }
}

static void
test_integer_range_grid (void)
{
  g_autoptr(OrchardTable) data = load_sample ("penguins.csv");
  g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "knn", "k=3..7", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) space = orchard_tuner_expand (tuner, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (space->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      guint k = 0;

      g_assert_true (g_variant_lookup (g_ptr_array_index (space, i), "k", "u", &k));
      g_assert_cmpuint (k, ==, 3 + i);
    }
}

static GPtrArray *
random_space (const char *model,
              guint       n_draws,
              guint64     seed,
              ...)
{
  g_autoptr(OrchardTable) data = load_sample ("diabetes.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) learner = orchard_model_new_by_name (model, NULL);
  g_autoptr(OrchardTuner) tuner = orchard_tuner_new (data, "target", learner);
  GPtrArray *space;
  va_list args;

  va_start (args, seed);
  for (const char *spec = va_arg (args, const char *); spec != NULL;
       spec = va_arg (args, const char *))
    {
      orchard_tuner_add_param (tuner, spec, &error);
      g_assert_no_error (error);
    }
  va_end (args);

  orchard_tuner_set_random (tuner, n_draws);
  orchard_tuner_set_seed (tuner, seed);
  space = orchard_tuner_expand (tuner, &error);
  g_assert_no_error (error);
  return space;
}

static void
test_random_reproducible (void)
{
  g_autoptr(GPtrArray) a = random_space ("elastic-net", 200, 7, "alpha=0.001..100:log",
                                         "l1-ratio=0.1..0.9", "max-iter=10..1000:log",
                                         "patience=0..5", NULL);
  g_autoptr(GPtrArray) b = random_space ("elastic-net", 200, 7, "alpha=0.001..100:log",
                                         "l1-ratio=0.1..0.9", "max-iter=10..1000:log",
                                         "patience=0..5", NULL);
  g_autoptr(GPtrArray) c = random_space ("elastic-net", 200, 8, "alpha=0.001..100:log",
                                         "l1-ratio=0.1..0.9", "max-iter=10..1000:log",
                                         "patience=0..5", NULL);
  guint n_differ = 0, below_one = 0, above_one = 0;
  gboolean patience_seen[6] = { FALSE };

  g_assert_cmpuint (a->len, ==, 200);
  g_assert_cmpuint (c->len, ==, 200);
  for (guint i = 0; i < a->len; i++)
    {
      GVariant *s = g_ptr_array_index (a, i);
      double alpha, ratio, max_iter, patience;

      g_assert_true (g_variant_equal (s, g_ptr_array_index (b, i)));
      n_differ += !g_variant_equal (s, g_ptr_array_index (c, i));

      g_assert_true (g_variant_lookup (s, "alpha", "d", &alpha));
      g_assert_true (g_variant_lookup (s, "l1-ratio", "d", &ratio));
      max_iter = lookup_number (s, "max-iter");
      patience = lookup_number (s, "patience");
      g_assert_cmpfloat (alpha, >=, 0.001);
      g_assert_cmpfloat (alpha, <=, 100);
      g_assert_cmpfloat (ratio, >=, 0.1);
      g_assert_cmpfloat (ratio, <=, 0.9);
      g_assert_cmpfloat (max_iter, >=, 10);
      g_assert_cmpfloat (max_iter, <=, 1000);
      g_assert_cmpfloat (max_iter, ==, floor (max_iter));
      g_assert_cmpfloat (patience, >=, 0);
      g_assert_cmpfloat (patience, <=, 5);
      g_assert_cmpfloat (patience, ==, floor (patience));
      patience_seen[(int) patience] = TRUE;
      /* Log-uniform: as many draws below 1 as above (3 of 5 decades are below). */
      below_one += alpha < 1.0;
      above_one += alpha >= 1.0;
    }
  g_assert_cmpuint (n_differ, ==, 200);
  for (guint p = 0; p <= 5; p++)
    g_assert_true (patience_seen[p]);
  /* Expected 120 below and 80 above; a uniform draw would put 2 of 200 below. */
  g_assert_cmpuint (below_one, >, 90);
  g_assert_cmpuint (above_one, >, 50);
}

static void
test_random_distinct (void)
{
  g_autoptr(GPtrArray) some = random_space ("ridge", 4, 3, "alpha=0.1,1,10,100,1000",
                                            "fit-intercept=true,false", NULL);
  g_autoptr(GPtrArray) all = random_space ("ridge", 50, 3, "alpha=0.1,1,10,100,1000",
                                           "fit-intercept=true,false", NULL);

  /* Finite lists are sampled without replacement; asking for more than the
   * grid gives the whole grid once. */
  g_assert_cmpuint (some->len, ==, 4);
  g_assert_cmpuint (all->len, ==, 10);
  for (guint i = 0; i < all->len; i++)
    for (guint j = i + 1; j < all->len; j++)
      g_assert_false (g_variant_equal (g_ptr_array_index (all, i), g_ptr_array_index (all, j)));
  for (guint i = 0; i < some->len; i++)
    for (guint j = i + 1; j < some->len; j++)
      g_assert_false (g_variant_equal (g_ptr_array_index (some, i),
                                       g_ptr_array_index (some, j)));
}

static void
assert_bad_spec (const char *model,
                 const char *spec,
                 const char *expected)
{
  g_autoptr(OrchardTable) data = load_sample ("penguins.csv");
  g_autoptr(OrchardModel) learner = orchard_model_new_by_name (model, NULL);
  g_autoptr(OrchardTuner) tuner = orchard_tuner_new (data, "species", learner);
  g_autoptr(GError) error = NULL;

  g_assert_false (orchard_tuner_add_param (tuner, spec, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” gave “%s”, which does not say “%s”", spec, error->message, expected);
  g_assert_cmpuint (orchard_tuner_get_n_params (tuner), ==, 0);
}

static void
test_bad_specs (void)
{
  g_autoptr(OrchardTable) data = load_sample ("penguins.csv");
  g_autoptr(GError) error = NULL;

  assert_bad_spec ("knn", "neighbours=1,2", "no parameter “neighbours”");
  assert_bad_spec ("ridge", "alpha=-1,1", "Parameter “alpha” of learner “ridge” must be");
  assert_bad_spec ("ridge", "alpha=1,x", "Parameter “alpha” of learner “ridge” must be");
  assert_bad_spec ("knn", "k=0..5", "Parameter “k” of learner “knn” must be");
  assert_bad_spec ("knn", "weights=uniform..distance", "Parameter “weights” takes a list");
  assert_bad_spec ("knn", "weights=uniform,triangle", "Parameter “weights” of learner “knn”");
  assert_bad_spec ("ridge", "alpha=10..1", "Parameter “alpha”: the range 10..1 is empty");
  assert_bad_spec ("ridge", "alpha=0..1:log", "Parameter “alpha”: a logarithmic range");
  assert_bad_spec ("ridge", "alpha=", "Parameter “alpha” has no values");
  assert_bad_spec ("ridge", "alpha=1,,2", "Parameter “alpha” has an empty value");
  assert_bad_spec ("ridge", "alpha=1,1.0", "Parameter “alpha” lists the value “1.0” twice");
  assert_bad_spec ("ridge", "alpha", "is not NAME=V1,V2,… nor NAME=LOW..HIGH");
  assert_bad_spec ("ridge", "=1,2", "is not NAME=V1,V2,… nor NAME=LOW..HIGH");

  /* Twice the same parameter. */
  {
    g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "ridge", "alpha=1,2", NULL);

    g_assert_false (orchard_tuner_add_param (tuner, "alpha=3", &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "Parameter “alpha” is searched twice"));
    g_clear_error (&error);
  }

  /* A continuous range in a grid, and an empty space. */
  {
    g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "logistic", "C=0.01..100:log",
                                               NULL);
    g_autoptr(GPtrArray) space = orchard_tuner_expand (tuner, &error);

    g_assert_null (space);
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "Parameter “C” has a continuous range"));
    g_clear_error (&error);
  }
  {
    g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "logistic", NULL);

    g_assert_false (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  /* A metric of another task, and one fold. */
  {
    g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "logistic", "C=0.1,1", NULL);

    orchard_tuner_set_metric (tuner, "rmse");
    g_assert_false (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "There is no metric “rmse” for multiclass"));
    g_clear_error (&error);

    g_assert_false (orchard_tuner_set_folds (tuner, 1, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  }
}

/* Scoring ------------------------------------------------------------------- */

static const OrchardTunerCandidate *
best_of (OrchardTuner *tuner)
{
  int best = orchard_tuner_get_best (tuner);

  g_assert_cmpint (best, >=, 0);
  return orchard_tuner_get_candidate (tuner, (guint) best);
}

static guint
setting_k (const OrchardTunerCandidate *c)
{
  guint k = 0;

  g_assert_true (g_variant_lookup (c->params, "k", "u", &k));
  return k;
}

static void
test_clear_best (void)
{
  g_autoptr(OrchardTable) data = checkerboard (1200, 1);
  g_autoptr(OrchardTuner) tuner = new_tuner (data, "y", "knn", "k=1,25,400", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_tuner_get_metric (tuner), ==, "roc_auc");
  g_assert_true (orchard_tuner_get_greater_is_better (tuner));
  g_assert_cmpuint (orchard_tuner_get_n_candidates (tuner), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_test_message ("k=%u: %g", setting_k (orchard_tuner_get_candidate (tuner, i)),
                    orchard_tuner_get_candidate (tuner, i)->score);
  g_assert_cmpuint (setting_k (best_of (tuner)), ==, 25);
  /* Well ahead, not by a hair. */
  g_assert_cmpfloat (best_of (tuner)->score, >, orchard_tuner_get_candidate (tuner, 0)->score + 0.05);
  g_assert_cmpfloat (best_of (tuner)->score, >, orchard_tuner_get_candidate (tuner, 2)->score + 0.05);
}

/* The validation score of each candidate is what OrchardTrainer reports
 * for the validation rows when it trains the same settings. */
static void
assert_equals_trainer (const char *sample,
                       const char *target,
                       const char *model_name,
                       const char *spec,
                       guint64     seed)
{
  g_autoptr(OrchardTable) data = load_sample (sample);
  g_autoptr(OrchardTuner) tuner = new_tuner (data, target, model_name, spec, NULL);
  g_autoptr(GError) error = NULL;

  orchard_tuner_set_seed (tuner, seed);
  g_assert_true (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < orchard_tuner_get_n_candidates (tuner); i++)
    {
      const OrchardTunerCandidate *c = orchard_tuner_get_candidate (tuner, i);
      g_autoptr(OrchardModel) model = orchard_model_new_by_name (model_name, NULL);
      g_autoptr(OrchardTrainer) trainer = NULL;
      g_autoptr(OrchardArtifact) artifact = NULL;
      double expected;

      g_assert_true (orchard_model_set_params (model, c->params, &error));
      trainer = orchard_trainer_new (data, target, model);
      orchard_trainer_set_seed (trainer, seed);
      artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
      g_assert_no_error (error);

      expected = orchard_metrics_get (orchard_trainer_get_metrics (trainer, ORCHARD_PART_VALID),
                                      orchard_tuner_get_metric (tuner));
      g_assert_cmpuint (c->rows, ==, orchard_trainer_get_n_rows (trainer, ORCHARD_PART_TRAIN));
      g_assert_cmpfloat (c->score, ==, expected);
      g_assert_true (isnan (c->std));
    }
}

static void
test_equals_trainer (void)
{
  assert_equals_trainer ("penguins.csv", "species", "knn", "k=1,7,30", 0);
  assert_equals_trainer ("diabetes.csv", "target", "ridge", "alpha=0.01,1,100", 5);
  assert_equals_trainer ("breast-cancer.csv", "target", "logistic", "C=0.01,1", 2);
}

/* Cross-validation (by OrchardCrossValidation), recomputed here fold by
 * fold through the lower-level API: folds of the training and validation
 * rows of the trainer's split, the automatic pipeline refitted on each
 * fold's training rows, the learner without early stopping. */
static int
compare_gsize (gconstpointer a,
               gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return (x > y) - (x < y);
}

static void
test_cross_validation (void)
{
  g_autoptr(OrchardTable) data = load_sample ("diabetes.csv");
  g_autoptr(OrchardTuner) tuner = new_tuner (data, "target", "ridge", "alpha=0.1,10", NULL);
  g_autoptr(GError) error = NULL;
  const OrchardTunerCandidate *c;
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_RANDOM);
  g_autoptr(OrchardPartition) partition = NULL;
  g_autoptr(OrchardFolds) folds = NULL;
  g_autofree gsize *rows = NULL;
  g_autoptr(OrchardTable) labelled = NULL;
  g_autoptr(OrchardTable) pool = NULL;
  g_autofree gsize *all = NULL;
  gsize n_train, n_valid, n_pool;
  const gsize *train, *valid;
  double sum = 0.0, squares = 0.0;

  g_assert_true (orchard_tuner_set_folds (tuner, 4, &error));
  orchard_tuner_set_seed (tuner, 11);
  g_assert_true (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_tuner_get_metric (tuner), ==, "rmse");
  g_assert_false (orchard_tuner_get_greater_is_better (tuner));
  c = orchard_tuner_get_candidate (tuner, 1);
  g_assert_cmpuint (c->n_folds, ==, 4);

  /* The split of the trainer, seeded the same; folds over training and
   * validation rows. */
  labelled = orchard_table_with_role (data, orchard_table_find_column (data, "target"),
                                      ORCHARD_COLUMN_ROLE_TARGET);
  orchard_split_set_seed (split, 11);
  partition = orchard_split_apply (split, labelled, NULL, &error);
  g_assert_no_error (error);
  train = orchard_partition_get_rows (partition, ORCHARD_PART_TRAIN, &n_train);
  valid = orchard_partition_get_rows (partition, ORCHARD_PART_VALID, &n_valid);
  g_assert_cmpuint (c->rows, ==, n_train + n_valid);
  n_pool = n_train + n_valid;
  rows = g_new (gsize, n_pool);
  memcpy (rows, train, n_train * sizeof (gsize));
  memcpy (rows + n_train, valid, n_valid * sizeof (gsize));
  qsort (rows, n_pool, sizeof (gsize), compare_gsize);
  pool = orchard_table_select_rows (labelled, rows, n_pool);
  all = g_new (gsize, n_pool);
  for (gsize i = 0; i < n_pool; i++)
    all[i] = i;
  folds = orchard_split_make_folds (split, pool, all, n_pool, 4, &error);
  g_assert_no_error (error);

  for (guint f = 0; f < 4; f++)
    {
      gsize nf_train, nf_valid;
      const gsize *f_train = orchard_folds_get_train (folds, f, &nf_train);
      const gsize *f_valid = orchard_folds_get_valid (folds, f, &nf_valid);
      g_autoptr(OrchardTable) fit_rows = orchard_table_select_rows (pool, f_train, nf_train);
      g_autoptr(OrchardTable) valid_rows = orchard_table_select_rows (pool, f_valid, nf_valid);
      g_autoptr(OrchardProfile) profile = orchard_profile_compute (fit_rows, "target", NULL, NULL,
                                                                   NULL, &error);
      g_autoptr(OrchardPipeline) pipeline = orchard_pipeline_new_auto (profile,
                                                                       ORCHARD_MODEL_FAMILY_LINEAR);
      g_autoptr(OrchardModel) model = orchard_model_new_by_name ("ridge", NULL);
      g_autoptr(OrchardMatrix) X = NULL;
      g_autoptr(OrchardMatrix) X_valid = NULL;
      g_autoptr(OrchardMatrix) predicted = NULL;
      g_autofree double *y = NULL;
      g_autofree double *y_valid = NULL;
      OrchardTable *training;
      double se = 0.0;

      g_assert_true (orchard_pipeline_fit (pipeline, pool, f_train, nf_train, NULL, NULL,
                                           NULL, &error));
      training = orchard_pipeline_get_training_table (pipeline);
      X = orchard_pipeline_vectorise (pipeline, training, &error);
      X_valid = orchard_pipeline_transform (pipeline, valid_rows, &error);
      g_assert_no_error (error);
      y = g_memdup2 (orchard_column_get_values (orchard_table_get_column (
                       training, orchard_table_get_target (training))),
                     orchard_table_get_n_rows (training) * sizeof (double));
      y_valid = g_memdup2 (orchard_column_get_values (orchard_table_get_column (
                             valid_rows, orchard_table_get_target (valid_rows))),
                           nf_valid * sizeof (double));

      g_assert_true (orchard_model_set_param_from_string (model, "alpha", "10", &error));
      g_assert_true (orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, &error));
      g_assert_true (orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error));
      predicted = orchard_model_predict (model, X_valid, NULL, &error);
      g_assert_no_error (error);
      for (gsize r = 0; r < nf_valid; r++)
        {
          double d = orchard_matrix_get_data (predicted)[r] - y_valid[r];
          se += d * d;
        }

      /* The same numbers, up to the order of the sums. */
      g_assert_cmpfloat_with_epsilon (c->fold_scores[f], sqrt (se / nf_valid), 1e-9);
      sum += c->fold_scores[f];
    }

  g_assert_cmpfloat_with_epsilon (c->score, sum / 4, 1e-12);
  for (guint f = 0; f < 4; f++)
    squares += (c->fold_scores[f] - c->score) * (c->fold_scores[f] - c->score);
  g_assert_cmpfloat_with_epsilon (c->std, sqrt (squares / 4), 1e-12);
  g_assert_cmpfloat (c->std, >, 0.0);
}

/* Successive halving -------------------------------------------------------- */

static JsonObject *
reference (void)
{
  static JsonParser *parser;

  if (parser == NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_TEST_DATA_DIR"),
                                                "tuner-reference.json", NULL);
      g_autoptr(GError) error = NULL;

      parser = json_parser_new ();
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
    }
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_halving_schedule (void)
{
  JsonArray *cases = json_object_get_array_member (reference (), "halving");

  g_assert_cmpuint (json_array_get_length (cases), >=, 10);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      JsonArray *rows = json_object_get_array_member (c, "n_resources");
      JsonArray *candidates = json_object_get_array_member (c, "n_candidates");
      g_autofree OrchardHalvingRound *rounds = NULL;
      guint n_rounds;

      rounds = orchard_tuner_halving_schedule (json_object_get_int_member (c, "candidates"),
                                               json_object_get_int_member (c, "rows"),
                                               json_object_get_int_member (c, "min_rows"),
                                               3, &n_rounds);
      g_assert_cmpuint (n_rounds, ==, json_array_get_length (rows));
      for (guint r = 0; r < n_rounds; r++)
        {
          g_assert_cmpuint (rounds[r].rows, ==, json_array_get_int_element (rows, r));
          g_assert_cmpuint (rounds[r].n_candidates, ==,
                            json_array_get_int_element (candidates, r));
        }
    }
}

static void
test_halving (void)
{
  g_autoptr(OrchardTable) data = checkerboard (1200, 2);
  const char *space = "k=1,5,150,160,170,180,190,200,210";
  g_autoptr(OrchardTuner) halving = new_tuner (data, "y", "knn", space, NULL);
  g_autoptr(OrchardTuner) full = new_tuner (data, "y", "knn", space, NULL);
  g_autoptr(GError) error = NULL;
  const OrchardHalvingRound *rounds;
  guint n_rounds, first = 0;

  orchard_tuner_set_halving (halving, TRUE);
  g_assert_true (orchard_tuner_run (halving, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (orchard_tuner_run (full, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* 840 training rows, 9 candidates: 93, 279 and 837 rows for 9, 3 and 1,
   * as scikit-learn's schedule for that case says. */
  rounds = orchard_tuner_get_rounds (halving, &n_rounds);
  g_assert_cmpuint (n_rounds, ==, 3);
  g_assert_cmpuint (rounds[0].rows, ==, 93);
  g_assert_cmpuint (rounds[1].rows, ==, 279);
  g_assert_cmpuint (rounds[2].rows, ==, 837);
  g_assert_cmpuint (orchard_tuner_get_n_candidates (halving), ==, 9 + 3 + 1);

  for (guint r = 0; r < n_rounds; r++)
    {
      guint n = rounds[r].n_candidates;
      guint n_promoted = 0;

      for (guint i = first; i < first + n; i++)
        {
          const OrchardTunerCandidate *c = orchard_tuner_get_candidate (halving, i);

          g_assert_cmpuint (c->round, ==, r);
          g_assert_cmpuint (c->rows, ==, rounds[r].rows);
          if (r + 1 == n_rounds)
            {
              g_assert_cmpint (c->status, ==, ORCHARD_TUNER_STATUS_DONE);
              continue;
            }
          g_assert_true (c->status == ORCHARD_TUNER_STATUS_PROMOTED ||
                         c->status == ORCHARD_TUNER_STATUS_DROPPED);
          n_promoted += c->status == ORCHARD_TUNER_STATUS_PROMOTED;

          /* The best third goes on: every promoted candidate scores at least
           * as well as every dropped one, and is scored again next round. */
          for (guint j = first; j < first + n; j++)
            {
              const OrchardTunerCandidate *d = orchard_tuner_get_candidate (halving, j);
              gboolean again = FALSE;

              if (c->status == ORCHARD_TUNER_STATUS_PROMOTED &&
                  d->status == ORCHARD_TUNER_STATUS_DROPPED)
                g_assert_cmpfloat (c->score, >=, d->score);
              for (guint k = first + n; k < first + n + rounds[r + 1].n_candidates; k++)
                again |= orchard_tuner_get_candidate (halving, k)->candidate == c->candidate;
              g_assert_true (again == (c->status == ORCHARD_TUNER_STATUS_PROMOTED));
            }
        }
      if (r + 1 < n_rounds)
        g_assert_cmpuint (n_promoted, ==, (n + 2) / 3);
      first += n;
    }

  for (guint i = 0; i < orchard_tuner_get_n_candidates (full); i++)
    g_test_message ("k=%u: %g", setting_k (orchard_tuner_get_candidate (full, i)),
                    orchard_tuner_get_candidate (full, i)->score);
  g_assert_cmpuint (setting_k (best_of (halving)), ==, setting_k (best_of (full)));
  g_assert_cmpuint (setting_k (best_of (full)), ==, 5);
}

static void
test_halving_cross_validation (void)
{
  g_autoptr(OrchardTable) data = load_sample ("iris.csv");
  g_autoptr(OrchardTuner) tuner = new_tuner (data, "target", "knn", "k=1..9", NULL);
  g_autoptr(GError) error = NULL;
  const OrchardHalvingRound *rounds;
  guint n_rounds;

  orchard_tuner_set_halving (tuner, TRUE);
  g_assert_true (orchard_tuner_set_folds (tuner, 3, &error));
  g_assert_true (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* 127 training and validation rows, 3 folds, 3 classes: rounds of at
   * least 2 × 3 × 3 = 18 rows, max(18, 127 / 9) = 18, then 54. */
  rounds = orchard_tuner_get_rounds (tuner, &n_rounds);
  g_assert_cmpuint (n_rounds, ==, 2);
  g_assert_cmpuint (rounds[0].rows, ==, 18);
  g_assert_cmpuint (rounds[1].rows, ==, 54);
  g_assert_cmpuint (rounds[1].n_candidates, ==, 3);
  for (guint i = 0; i < orchard_tuner_get_n_candidates (tuner); i++)
    g_assert_cmpuint (orchard_tuner_get_candidate (tuner, i)->n_folds, ==, 3);
}

/* Settings the learner cannot fit fail alone: the search goes on and ranks
 * them last. Multinomial and categorical naive Bayes refuse the scaled
 * (negative) measurements of the penguins. */
static void
test_failed_candidates (void)
{
  g_autoptr(OrchardTable) data = load_sample ("penguins.csv");
  g_autoptr(GError) error = NULL;

  for (guint halving = 0; halving < 2; halving++)
    {
      g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "naive-bayes",
                                                 "distribution=multinomial,categorical,gaussian",
                                                 NULL);
      const OrchardTunerCandidate *best;
      const char *distribution = NULL;

      orchard_tuner_set_halving (tuner, halving);
      g_assert_true (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < 2; i++)
        {
          const OrchardTunerCandidate *c = orchard_tuner_get_candidate (tuner, i);

          g_assert_cmpint (c->status, ==, ORCHARD_TUNER_STATUS_FAILED);
          g_assert_true (isnan (c->score));
          g_assert_nonnull (strstr (c->message, "naive Bayes needs"));
        }
      best = best_of (tuner);
      g_assert_true (g_variant_lookup (best->params, "distribution", "&s", &distribution));
      g_assert_cmpstr (distribution, ==, "gaussian");
      g_assert_false (isnan (best->score));
    }

  /* Nothing but failures is an error that gives the learner's reason. */
  {
    g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "naive-bayes",
                                               "distribution=multinomial,categorical", NULL);

    g_assert_false (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "Every candidate failed"));
    g_assert_nonnull (strstr (error->message, "categorical naive Bayes needs"));
    g_assert_cmpuint (orchard_tuner_get_n_candidates (tuner), ==, 2);
    g_clear_error (&error);
  }

  /* A learner for another task. */
  {
    g_autoptr(OrchardTable) diabetes = load_sample ("diabetes.csv");
    g_autoptr(OrchardTuner) tuner = new_tuner (diabetes, "target", "logistic", "C=1,2", NULL);

    g_assert_false (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "Learner “logistic” cannot do regression"));
  }
}

/* Callbacks, cancellation, determinism -------------------------------------- */

typedef struct
{
  GPtrArray    *seen;
  guint         n_finished;
  GCancellable *cancellable;
  guint         cancel_after;
} Watch;

static void
on_candidate (const OrchardTunerCandidate *c,
              gpointer                     user_data)
{
  Watch *watch = user_data;

  g_ptr_array_add (watch->seen, orchard_tuner_candidate_copy (c));
  watch->n_finished += c->status != ORCHARD_TUNER_STATUS_RUNNING;
  if (watch->cancellable != NULL && watch->n_finished == watch->cancel_after)
    g_cancellable_cancel (watch->cancellable);
}

static void
test_callback_and_cancel (void)
{
  g_autoptr(OrchardTable) data = load_sample ("penguins.csv");
  g_autoptr(GError) error = NULL;
  Watch watch = { g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_tuner_candidate_free),
                  0, NULL, 0 };

  {
    g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "knn", "k=1,3,5,7", NULL);

    orchard_tuner_set_candidate_func (tuner, on_candidate, &watch, NULL);
    g_assert_true (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    /* Each candidate as it starts, then as it finishes. */
    g_assert_cmpuint (watch.seen->len, ==, 8);
    for (guint i = 0; i < 4; i++)
      {
        const OrchardTunerCandidate *started = g_ptr_array_index (watch.seen, 2 * i);
        const OrchardTunerCandidate *c = g_ptr_array_index (watch.seen, 2 * i + 1);

        g_assert_cmpuint (started->id, ==, i);
        g_assert_cmpint (started->status, ==, ORCHARD_TUNER_STATUS_RUNNING);
        g_assert_true (isnan (started->score));
        g_assert_true (g_variant_equal (started->params, c->params));
        g_assert_cmpuint (c->id, ==, i);
        g_assert_cmpint (c->status, ==, ORCHARD_TUNER_STATUS_DONE);
        g_assert_cmpfloat (c->score, ==, orchard_tuner_get_candidate (tuner, i)->score);
        g_assert_cmpfloat (c->seconds, >=, 0.0);
        g_assert_cmpint (c->run_id, ==, 0);
      }
  }

  g_ptr_array_set_size (watch.seen, 0);
  watch.n_finished = 0;
  watch.cancellable = g_cancellable_new ();
  watch.cancel_after = 2;
  {
    g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "knn", "k=1,3,5,7", NULL);

    orchard_tuner_set_candidate_func (tuner, on_candidate, &watch, NULL);
    g_assert_false (orchard_tuner_run (tuner, NULL, NULL, watch.cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    /* What finished stays. */
    g_assert_cmpuint (orchard_tuner_get_n_candidates (tuner), ==, 2);
    g_assert_cmpint (orchard_tuner_get_best (tuner), ==, -1);
  }

  g_clear_object (&watch.cancellable);
  g_ptr_array_unref (watch.seen);
}

static void
test_deterministic (void)
{
  g_autoptr(OrchardTable) data = load_sample ("wine.csv");
  double scores[2][8];
  guint n[2];

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(OrchardTuner) tuner = new_tuner (data, "target", "logistic", "C=0.001..100:log",
                                                 NULL);
      g_autoptr(GError) error = NULL;

      orchard_tuner_set_random (tuner, 8);
      orchard_tuner_set_seed (tuner, 42);
      g_assert_true (orchard_tuner_set_folds (tuner, 3, &error));
      orchard_tuner_set_halving (tuner, TRUE);
      g_assert_true (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      n[run] = orchard_tuner_get_n_candidates (tuner);
      for (guint i = 0; i < MIN (n[run], 8); i++)
        scores[run][i] = orchard_tuner_get_candidate (tuner, i)->score;
    }

  g_assert_cmpuint (n[0], ==, n[1]);
  for (guint i = 0; i < MIN (n[0], 8); i++)
    g_assert_cmpfloat (scores[0][i], ==, scores[1][i]);
}

/* Every evaluation a run of the project, with its score, status and tags. */
static void
assert_recorded (OrchardTuner   *tuner,
                 OrchardProject *project,
                 const char     *split)
{
  const char *search = NULL;

  for (guint i = 0; i < orchard_tuner_get_n_candidates (tuner); i++)
    {
      const OrchardTunerCandidate *c = orchard_tuner_get_candidate (tuner, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(OrchardRun) run = orchard_project_get_run (project, c->run_id, &error);
      g_autoptr(GVariant) params = NULL;
      GHashTable *tags;
      g_autofree char *rows = g_strdup_printf ("%" G_GSIZE_FORMAT, c->rows);
      double value = NAN;
      GVariantIter iter;
      const char *name;
      GVariant *v;

      g_assert_no_error (error);
      g_assert_cmpint (c->run_id, >, 0);
      g_assert_cmpstr (orchard_run_get_model (run), ==, "knn");
      g_assert_cmpint (orchard_run_get_status (run), ==, ORCHARD_RUN_FINISHED);
      g_assert_true (orchard_run_lookup_metric (run, split, ORCHARD_RUN_FOLD_NONE,
                                                orchard_tuner_get_metric (tuner), &value));
      g_assert_cmpfloat (value, ==, c->score);

      /* The searched settings are the run's. */
      params = orchard_run_get_params (run);
      g_variant_iter_init (&iter, c->params);
      while (g_variant_iter_next (&iter, "{&sv}", &name, &v))
        {
          g_autoptr(GVariant) expected = v;
          g_autoptr(GVariant) recorded = g_variant_lookup_value (params, name, NULL);

          g_assert_nonnull (recorded);
          g_assert_true (g_variant_equal (recorded, expected));
        }

      tags = orchard_run_get_tags (run);
      if (search == NULL)
        search = g_strdup (g_hash_table_lookup (tags, "search"));
      g_assert_cmpstr (g_hash_table_lookup (tags, "search"), ==, search);
      g_assert_cmpstr (g_hash_table_lookup (tags, "search.status"), ==,
                       orchard_tuner_status_to_string (c->status));
      g_assert_cmpstr (g_hash_table_lookup (tags, "search.rows"), ==, rows);
      g_assert_cmpstr (g_hash_table_lookup (tags, "search.best"), ==,
                       (int) i == orchard_tuner_get_best (tuner) ? "true" : NULL);
    }
  g_free ((char *) search);
}

static void
test_project (void)
{
  g_autoptr(OrchardTable) data = load_sample ("penguins.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orchard-tuner-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "search.orchard", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OrchardProject) project = NULL;

  g_assert_no_error (error);
  project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);

  {
    g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "knn", "k=1,3,5,9",
                                               "weights=uniform,distance", NULL);

    orchard_tuner_set_halving (tuner, TRUE);
    orchard_tuner_set_project (tuner, project);
    g_assert_true (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (orchard_tuner_get_n_candidates (tuner), ==, 8 + 3);
    assert_recorded (tuner, project, "valid");
    g_assert_cmpuint (orchard_project_count_runs (project, NULL, &error), ==, 11);
  }
  {
    g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "knn", "k=2,4", NULL);

    g_assert_true (orchard_tuner_set_folds (tuner, 3, &error));
    orchard_tuner_set_project (tuner, project);
    g_assert_true (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    assert_recorded (tuner, project, "cv");
    g_assert_cmpuint (orchard_project_count_runs (project, NULL, &error), ==, 13);
  }

  orchard_project_close (project);
  g_clear_object (&project);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
}

static void
test_json (void)
{
  g_autoptr(OrchardTable) data = load_sample ("penguins.csv");
  g_autoptr(OrchardTuner) tuner = new_tuner (data, "species", "knn", "k=3,9", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *best;
  JsonArray *candidates;

  g_assert_true (orchard_tuner_run (tuner, NULL, NULL, NULL, &error));
  root = orchard_tuner_to_json (tuner);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "metric"), ==, "log_loss");
  g_assert_false (json_object_get_boolean_member (object, "greater_is_better"));
  candidates = json_object_get_array_member (object, "candidates");
  g_assert_cmpuint (json_array_get_length (candidates), ==, 2);
  best = json_object_get_object_member (object, "best");
  g_assert_cmpint (json_object_get_int_member (best, "id"), ==, orchard_tuner_get_best (tuner));
  g_assert_true (json_object_get_null_member (best, "std"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (best, "params"),
                                               "k"),
                   ==, setting_k (best_of (tuner)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  orchard_set_threads (2);

  g_test_add_func ("/engine/Tuner/grid-order", test_grid_order);
  g_test_add_func ("/engine/Tuner/integer-range-grid", test_integer_range_grid);
  g_test_add_func ("/engine/Tuner/random-reproducible", test_random_reproducible);
  g_test_add_func ("/engine/Tuner/random-distinct", test_random_distinct);
  g_test_add_func ("/engine/Tuner/bad-specs", test_bad_specs);
  g_test_add_func ("/engine/Tuner/clear-best", test_clear_best);
  g_test_add_func ("/engine/Tuner/equals-trainer", test_equals_trainer);
  g_test_add_func ("/engine/Tuner/cross-validation", test_cross_validation);
  g_test_add_func ("/engine/Tuner/halving-schedule", test_halving_schedule);
  g_test_add_func ("/engine/Tuner/halving", test_halving);
  g_test_add_func ("/engine/Tuner/halving-cross-validation", test_halving_cross_validation);
  g_test_add_func ("/engine/Tuner/failed-candidates", test_failed_candidates);
  g_test_add_func ("/engine/Tuner/callback-and-cancel", test_callback_and_cancel);
  g_test_add_func ("/engine/Tuner/deterministic", test_deterministic);
  g_test_add_func ("/engine/Tuner/project", test_project);
  g_test_add_func ("/engine/Tuner/json", test_json);

  return g_test_run ();
}
