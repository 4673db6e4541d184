/* test-project-bundle.c: changing a recorded run's stored bundle
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Evaluate page's "Save in Bundle" writes the chosen decision threshold
 * into the project's copy of the bundle: the new threshold, a SHA-256 that
 * matches the new bytes, and the model itself unchanged.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "orchard.h"

static char *work_dir;

static OrchardProject *
open_project (const char              *name,
              OrchardProjectOpenFlags  flags)
{
  g_autofree char *path = g_build_filename (work_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  OrchardProject *project = orchard_project_open (file, flags, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

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

/* Trains @learner on @sample and records it, as orchard-cli train --project does. */
static gint64
record_training (OrchardProject *project,
                 const char     *sample,
                 const char     *target,
                 const char     *learner)
{
  g_autoptr(OrchardTable) data = load_sample (sample);
  g_autoptr(OrchardModel) model = orchard_model_new_by_name (learner, NULL);
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(GError) error = NULL;
  gint64 dataset, id;

  dataset = orchard_project_add_dataset (project, data, NULL, NULL, &error);
  g_assert_no_error (error);
  trainer = orchard_trainer_new (data, target, model);
  orchard_trainer_set_seed (trainer, 3);
  id = orchard_project_begin_run (project, dataset, target, model, 3, 0, &error);
  g_assert_no_error (error);
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_project_record_training (project, id, trainer, artifact, &error));
  g_assert_no_error (error);
  return id;
}

static OrchardMatrix *
predict (OrchardArtifact *artifact,
         OrchardTable    *rows)
{
  g_autoptr(GError) error = NULL;
  OrchardMatrix *out = orchard_artifact_predict (artifact, rows, NULL, NULL, &error);

  g_assert_no_error (error);
  return out;
}

static void
test_threshold (void)
{
  g_autoptr(OrchardProject) project = open_project ("threshold.orchard", ORCHARD_PROJECT_OPEN_CREATE);
  g_autoptr(OrchardTable) data = load_sample ("breast-cancer.csv");
  g_autoptr(OrchardArtifact) before = NULL;
  g_autoptr(OrchardArtifact) after = NULL;
  g_autoptr(OrchardRun) run = NULL;
  g_autoptr(OrchardMatrix) a = NULL;
  g_autoptr(OrchardMatrix) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_checksum = NULL;
  gint64 id = record_training (project, "breast-cancer.csv", "target", "logistic");

  before = orchard_project_load_bundle (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (orchard_artifact_get_threshold (before), ==, 0.5);
  old_checksum = g_strdup (orchard_artifact_get_checksum (before));

  g_assert_true (orchard_project_set_bundle_threshold (project, id, 0.3, &error));
  g_assert_no_error (error);

  after = orchard_project_load_bundle (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (orchard_artifact_get_threshold (after), ==, 0.3);
  /* New bytes, a new SHA-256, and the run records it (loading checked it). */
  g_assert_cmpstr (orchard_artifact_get_checksum (after), !=, old_checksum);
  run = orchard_project_get_run (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_run_get_bundle_checksum (run), ==, orchard_artifact_get_checksum (after));

  /* The model is the same: the same outputs on every row. */
  a = predict (before, data);
  b = predict (after, data);
  g_assert_cmpuint (orchard_matrix_get_n_rows (a), ==, orchard_matrix_get_n_rows (b));
  g_assert_cmpuint (orchard_matrix_get_n_cols (a), ==, orchard_matrix_get_n_cols (b));
  for (gsize i = 0; i < orchard_matrix_get_n_rows (a) * orchard_matrix_get_n_cols (a); i++)
    g_assert_cmpfloat (orchard_matrix_get_data (a)[i], ==, orchard_matrix_get_data (b)[i]);

  /* Reopened, the project still has it. */
  g_clear_object (&project);
  project = open_project ("threshold.orchard", 0);
  g_clear_object (&after);
  after = orchard_project_load_bundle (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (orchard_artifact_get_threshold (after), ==, 0.3);
}

static void
test_refused (void)
{
  g_autoptr(OrchardProject) project = open_project ("refused.orchard", ORCHARD_PROJECT_OPEN_CREATE);
  g_autoptr(OrchardProject) read_only = NULL;
  g_autoptr(OrchardArtifact) kept = NULL;
  g_autoptr(GError) error = NULL;
  gint64 binary = record_training (project, "breast-cancer.csv", "target", "logistic");
  gint64 multiclass = record_training (project, "iris.csv", "target", "logistic");

  /* Out of range: an error naming the value, the bundle as it was. */
  g_assert_false (orchard_project_set_bundle_threshold (project, binary, 1.5, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "1.5"));
  g_clear_error (&error);

  /* Three classes have no single threshold. */
  g_assert_false (orchard_project_set_bundle_threshold (project, multiclass, 0.4, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* No such run. */
  g_assert_false (orchard_project_set_bundle_threshold (project, 9999, 0.4, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A project open read-only is not written. */
  g_clear_object (&project);
  read_only = open_project ("refused.orchard", ORCHARD_PROJECT_OPEN_READ_ONLY);
  g_assert_false (orchard_project_set_bundle_threshold (read_only, binary, 0.4, &error));
  g_assert_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);

  kept = orchard_project_load_bundle (read_only, binary, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (orchard_artifact_get_threshold (kept), ==, 0.5);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("orchard-project-bundle-XXXXXX", NULL);
  g_assert_nonnull (work_dir);

  g_test_add_func ("/engine/ProjectBundle/threshold", test_threshold);
  g_test_add_func ("/engine/ProjectBundle/refused", test_refused);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (work_dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (work_dir);
  g_free (work_dir);

  return status;
}
