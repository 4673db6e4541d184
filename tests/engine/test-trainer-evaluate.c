/* test-trainer-evaluate.c: evaluating a trained bundle again on the rows
 * its training split off, from the trainer's configuration or a project's
 * record of it
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invariant: the same data, target, split, fractions, test data and seed
 * give the same partition, and the bundle's outputs on it give exactly the
 * metrics the training reported and the project recorded.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "orchard.h"

static char *tmp_dir;

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

static OrchardTrainer *
configured (OrchardTable *data,
            const char   *target,
            const char   *learner,
            OrchardTable *test)
{
  g_autoptr(OrchardModel) model = orchard_model_new_by_name (learner, NULL);
  OrchardTrainer *trainer;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (model);
  trainer = orchard_trainer_new (data, target, model);
  orchard_trainer_set_seed (trainer, 5);
  if (test != NULL)
    {
      orchard_trainer_set_test_data (trainer, test);
      g_assert_true (orchard_trainer_set_fractions (trainer, 0.8, 0.2, 0.0, &error));
    }
  else
    g_assert_true (orchard_trainer_set_fractions (trainer, 0.6, 0.2, 0.2, &error));
  g_assert_no_error (error);
  return trainer;
}

static void
assert_same_metrics (OrchardMetrics *a,
                     OrchardMetrics *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (orchard_metrics_get_n_rows (a), ==, orchard_metrics_get_n_rows (b));
  g_assert_cmpuint (orchard_metrics_get_n_values (a), ==, orchard_metrics_get_n_values (b));
  for (guint i = 0; i < orchard_metrics_get_n_values (a); i++)
    {
      double x = orchard_metrics_get_value (a, i), y = orchard_metrics_get_value (b, i);

      g_assert_cmpstr (orchard_metrics_get_key (a, i), ==, orchard_metrics_get_key (b, i));
      g_assert_true ((isnan (x) && isnan (y)) || x == y);
    }
}

static void
assert_same_partition (OrchardTrainer *a,
                       OrchardTrainer *b)
{
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      gsize n_a, n_b;
      const gsize *rows_a = orchard_partition_get_rows (orchard_trainer_get_partition (a), part, &n_a);
      const gsize *rows_b = orchard_partition_get_rows (orchard_trainer_get_partition (b), part, &n_b);

      g_assert_cmpuint (n_a, ==, n_b);
      if (n_a > 0)
        g_assert_cmpmem (rows_a, n_a * sizeof (gsize), rows_b, n_b * sizeof (gsize));
      g_assert_cmpuint (orchard_trainer_get_n_rows (a, part), ==, orchard_trainer_get_n_rows (b, part));
    }
}

/* Trains, then evaluates the bundle with a second trainer set up alike. */
static void
check_round_trip (const char *sample,
                  const char *target,
                  const char *learner,
                  gboolean    separate_test)
{
  g_autoptr(OrchardTable) all = load_sample (sample);
  g_autoptr(OrchardTable) data = NULL;
  g_autoptr(OrchardTable) test = NULL;
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardTrainer) again = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(GError) error = NULL;

  if (separate_test)
    {
      gsize n = orchard_table_get_n_rows (all), n_test = n / 4;
      g_autofree gsize *rows = g_new (gsize, n);

      for (gsize r = 0; r < n; r++)
        rows[r] = r;
      data = orchard_table_select_rows (all, rows + n_test, n - n_test);
      test = orchard_table_select_rows (all, rows, n_test);
    }
  else
    data = g_object_ref (all);

  trainer = configured (data, target, learner, test);
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  again = configured (data, target, learner, test);
  g_assert_true (orchard_trainer_evaluate (again, artifact, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (orchard_trainer_get_test_data (again) == test);
  assert_same_partition (trainer, again);
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    assert_same_metrics (orchard_trainer_get_metrics (trainer, part), orchard_trainer_get_metrics (again, part));
}

static void
test_multiclass (void)
{
  check_round_trip ("penguins.csv", "species", "logistic", FALSE);
}

static void
test_regression (void)
{
  check_round_trip ("diabetes.csv", "target", "ridge", FALSE);
}

static void
test_separate_test_data (void)
{
  check_round_trip ("breast-cancer.csv", "target", "gbdt", TRUE);
}

static void
test_wrong_target (void)
{
  g_autoptr(OrchardTable) data = load_sample ("penguins.csv");
  g_autoptr(OrchardTrainer) trainer = configured (data, "species", "logistic", NULL);
  g_autoptr(OrchardTrainer) other = configured (data, "island", "logistic", NULL);
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(GError) error = NULL;

  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (orchard_trainer_evaluate (other, artifact, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“species”, not “island”"));
  g_assert_null (orchard_trainer_get_metrics (other, ORCHARD_PART_VALID));
}

/* What a project recorded (split, fractions, seed, separate test data)
 * configures a trainer that evaluates the bundle to the recorded metrics. */
static void
test_project_record (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "evaluate.orchard", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(OrchardTable) all = load_sample ("penguins.csv");
  g_autoptr(OrchardTable) data = NULL;
  g_autoptr(OrchardTable) test = NULL;
  g_autoptr(OrchardTable) loaded = NULL;
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardTrainer) again = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(OrchardArtifact) bundle = NULL;
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardModel) fresh = orchard_model_new_by_name ("knn", NULL);
  g_autoptr(OrchardRun) run = NULL;
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_RANDOM);
  g_autoptr(GError) error = NULL;
  gsize n = orchard_table_get_n_rows (all), n_test = 60;
  g_autofree gsize *rows = g_new (gsize, n);
  gint64 dataset, id;
  guint n_checked = 0;

  for (gsize r = 0; r < n; r++)
    rows[r] = r;
  data = orchard_table_select_rows (all, rows + n_test, n - n_test);
  test = orchard_table_select_rows (all, rows, n_test);

  project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);
  dataset = orchard_project_add_dataset (project, data, "train", NULL, &error);
  g_assert_no_error (error);
  orchard_project_add_dataset (project, test, "test", NULL, &error);
  g_assert_no_error (error);

  model = orchard_model_new_by_name ("knn", NULL);
  trainer = orchard_trainer_new (data, "species", model);
  orchard_trainer_set_seed (trainer, 9);
  orchard_trainer_set_split (trainer, split);
  orchard_trainer_set_test_data (trainer, test);
  g_assert_true (orchard_trainer_set_fractions (trainer, 0.75, 0.25, 0.0, &error));
  g_assert_no_error (error);
  id = orchard_project_begin_run (project, dataset, "species", model, 9, 0, &error);
  g_assert_no_error (error);
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_project_record_training (project, id, trainer, artifact, &error));
  g_assert_no_error (error);

  run = orchard_project_get_run (project, id, &error);
  g_assert_no_error (error);
  bundle = orchard_project_load_bundle (project, id, &error);
  g_assert_no_error (error);
  loaded = orchard_project_load_dataset (project, orchard_run_get_dataset_id (run), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  again = orchard_trainer_new (loaded, orchard_run_get_target (run), fresh);
  g_assert_true (orchard_project_configure_trainer (project, run, again, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (orchard_trainer_get_test_data (again));
  g_assert_cmpstr (orchard_table_get_hash (orchard_trainer_get_test_data (again)), ==, orchard_table_get_hash (test));
  g_assert_true (orchard_trainer_evaluate (again, bundle, NULL, &error));
  g_assert_no_error (error);
  assert_same_partition (trainer, again);

  for (guint i = 0; i < orchard_run_get_n_metrics (run); i++)
    {
      const char *part_name, *name;
      int fold;
      double recorded, now = NAN;

      orchard_run_get_metric_at (run, i, &part_name, &fold, &name, &recorded);
      if (fold != ORCHARD_RUN_FOLD_NONE)
        continue;
      for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
        if (strcmp (part_name, orchard_part_to_string (part)) == 0)
          g_assert_true (orchard_metrics_lookup (orchard_trainer_get_metrics (again, part), name, &now));
      g_assert_true ((isnan (recorded) && isnan (now)) || recorded == now);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 3 * 5);

  g_clear_object (&project);
  g_assert_cmpint (g_remove (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("orchard-trainer-evaluate-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/engine/trainer-evaluate/multiclass", test_multiclass);
  g_test_add_func ("/engine/trainer-evaluate/regression", test_regression);
  g_test_add_func ("/engine/trainer-evaluate/separate-test-data", test_separate_test_data);
  g_test_add_func ("/engine/trainer-evaluate/wrong-target", test_wrong_target);
  g_test_add_func ("/engine/trainer-evaluate/project-record", test_project_record);

  status = g_test_run ();

  /* The project's write-ahead log and shared memory go with it. */
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (tmp_dir, name, NULL);
        g_remove (child);
      }
  }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
