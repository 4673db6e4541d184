/* test-artifact.c: the model bundle and the training driver
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "orchard.h"

/* Helpers ----------------------------------------------------------------- */

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

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("orchard-artifact-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

typedef struct
{
  const char *file;
  const char *target;
  OrchardTask task;
} Dataset;

static const Dataset datasets[] = {
  { "penguins.csv", "species", ORCHARD_TASK_MULTICLASS },
  { "iris.csv", "target", ORCHARD_TASK_MULTICLASS },
  { "diabetes.csv", "target", ORCHARD_TASK_REGRESSION },
  { "breast-cancer.csv", "target", ORCHARD_TASK_BINARY },
};

static OrchardArtifact *
train (OrchardTable    *table,
       const char      *target,
       const char      *learner,
       guint64          seed,
       OrchardTrainer **trainer_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) model = orchard_model_new_by_name (learner, &error);
  g_autoptr(OrchardTrainer) trainer = NULL;
  OrchardArtifact *artifact;

  g_assert_no_error (error);
  trainer = orchard_trainer_new (table, target, model);
  orchard_trainer_set_seed (trainer, seed);
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (artifact);

  if (trainer_out != NULL)
    *trainer_out = g_steal_pointer (&trainer);
  return artifact;
}

static OrchardMatrix *
predict (OrchardArtifact *artifact,
         OrchardTable    *table)
{
  g_autoptr(GError) error = NULL;
  OrchardMatrix *out = orchard_artifact_predict (artifact, table, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

static void
assert_identical (OrchardMatrix *a,
                  OrchardMatrix *b)
{
  gsize n_rows = orchard_matrix_get_n_rows (a);
  guint n_cols = orchard_matrix_get_n_cols (a);

  g_assert_cmpuint (n_rows, ==, orchard_matrix_get_n_rows (b));
  g_assert_cmpuint (n_cols, ==, orchard_matrix_get_n_cols (b));
  for (guint c = 0; c < n_cols; c++)
    g_assert_cmpstr (orchard_matrix_get_feature_name (a, c), ==,
                     orchard_matrix_get_feature_name (b, c));
  /* Bit for bit, not within a tolerance. */
  g_assert_true (memcmp (orchard_matrix_get_data (a), orchard_matrix_get_data (b),
                         n_rows * n_cols * sizeof (double)) == 0);
}

static OrchardArtifact *
reload (OrchardArtifact *artifact,
        const char      *dir,
        const char      *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  OrchardArtifact *loaded;
  gboolean ok;

  ok = orchard_artifact_save (artifact, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  loaded = orchard_artifact_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  return loaded;
}

static void
assert_refused (GBytes     *bytes,
                const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardArtifact) artifact = orchard_artifact_new_from_bytes (bytes, "m.orchard-model",
                                                                         &error);

  if (artifact != NULL)
    g_error ("%s: a damaged bundle was accepted", what);
  g_assert_nonnull (error);
  g_assert_true (error->domain == ORCHARD_ERROR);
  /* The message names the file. */
  g_assert_true (g_str_has_prefix (error->message, "m.orchard-model: "));
}

/* Round trips ------------------------------------------------------------- */

/* Every learner on every data set it can learn: the saved bundle predicts
 * bit for bit what the one in memory did, which predicts what the fitted
 * model itself did; saving the loaded bundle gives the same bytes. */
static void
test_round_trip (void)
{
  g_autofree char *dir = temp_dir ();
  guint n_learners;
  const OrchardModelInfo *learners = orchard_model_registry_list (&n_learners);
  guint n_trained = 0;

  for (guint d = 0; d < G_N_ELEMENTS (datasets); d++)
    {
      g_autoptr(OrchardTable) table = load_sample (datasets[d].file);

      for (guint l = 0; l < n_learners; l++)
        {
          g_autoptr(OrchardTrainer) trainer = NULL;
          g_autoptr(OrchardArtifact) artifact = NULL;
          g_autoptr(OrchardArtifact) loaded = NULL;
          g_autoptr(OrchardMatrix) before = NULL;
          g_autoptr(OrchardMatrix) after = NULL;
          g_autoptr(OrchardMatrix) direct = NULL;
          g_autoptr(OrchardMatrix) X = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GBytes) again = NULL;
          g_autoptr(GError) error = NULL;
          OrchardPipeline *pipeline;

          if ((learners[l].tasks & (1 << datasets[d].task)) == 0)
            continue;

          g_test_message ("%s on %s", learners[l].name, datasets[d].file);
          artifact = train (table, datasets[d].target, learners[l].name, 7, &trainer);
          g_assert_cmpint (orchard_artifact_get_task (artifact), ==, datasets[d].task);
          before = predict (artifact, table);
          loaded = reload (artifact, dir, "model.orchard-model");
          after = predict (loaded, table);
          assert_identical (before, after);

          /* The bundle in memory holds copies read back from their variants;
           * they predict what the trainer's fitted objects do. */
          pipeline = orchard_trainer_get_pipeline (trainer);
          X = orchard_pipeline_transform (pipeline, table, &error);
          g_assert_no_error (error);
          direct = orchard_model_predict (orchard_artifact_get_model (artifact), X, NULL, &error);
          g_assert_no_error (error);
          assert_identical (before, direct);

          g_assert_cmpstr (orchard_artifact_get_checksum (loaded), ==,
                           orchard_artifact_get_checksum (artifact));
          bytes = orchard_artifact_to_bytes (artifact);
          again = orchard_artifact_to_bytes (loaded);
          g_assert_true (g_bytes_equal (bytes, again));

          g_assert_cmpstr (orchard_artifact_get_target (loaded), ==, datasets[d].target);
          g_assert_cmpstr (orchard_artifact_get_data_hash (loaded), ==,
                           orchard_table_get_hash (table));
          g_assert_cmpuint (orchard_artifact_get_seed (loaded), ==, 7);
          g_assert_nonnull (orchard_artifact_get_metrics (loaded, ORCHARD_PART_TEST, NULL));
          n_trained++;
        }
    }

  /* Each data set has learners; the eight dense learners alone make 17. */
  g_assert_cmpuint (n_trained, >=, 17);
  remove_dir (dir);
}

/* What a bundle holds, read back. */
static void
test_contents (void)
{
  g_autofree char *dir = temp_dir ();
  g_autoptr(OrchardTable) table = load_sample ("penguins.csv");
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = train (table, "species", "logistic", 3, &trainer);
  g_autoptr(OrchardArtifact) loaded = reload (artifact, dir, "p.orchard-model");
  g_autoptr(GDateTime) created = orchard_artifact_get_created (loaded);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char * const *labels = orchard_artifact_get_class_labels (loaded);
  GVariant *lineage = orchard_artifact_get_lineage (loaded);
  const char *spec = NULL;
  const char *split = NULL;
  gboolean found_island = FALSE;
  gsize n_rows[ORCHARD_N_PARTS];
  guint n_required = 0;

  g_assert_cmpuint (orchard_artifact_get_n_classes (loaded), ==, 3);
  g_assert_cmpstr (labels[0], ==, "Adelie");
  g_assert_cmpstr (labels[1], ==, "Chinstrap");
  g_assert_cmpstr (labels[2], ==, "Gentoo");
  g_assert_true (isnan (orchard_artifact_get_threshold (loaded)));
  g_assert_cmpstr (orchard_artifact_get_app_version (loaded), ==, PACKAGE_VERSION);
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_difference (now, created), <, 3600 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (strlen (orchard_artifact_get_checksum (loaded)), ==, 64);

  /* The schema: every column, inputs of features required. */
  g_assert_cmpuint (orchard_artifact_get_n_columns (loaded), ==, 8);
  for (guint i = 0; i < orchard_artifact_get_n_columns (loaded); i++)
    {
      const OrchardArtifactColumn *column = orchard_artifact_get_column (loaded, i);

      n_required += column->required;
      if (strcmp (column->name, "species") == 0)
        {
          g_assert_cmpint (column->role, ==, ORCHARD_COLUMN_ROLE_TARGET);
          g_assert_false (column->required);
        }
      if (strcmp (column->name, "island") == 0)
        {
          found_island = TRUE;
          g_assert_cmpint (column->kind, ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
          g_assert_cmpuint (column->n_levels, ==, 3);
          g_assert_cmpstr (column->levels[0], ==, "Biscoe");
          g_assert_cmpstr (column->levels[2], ==, "Torgersen");
        }
    }
  g_assert_true (found_island);
  g_assert_cmpuint (n_required, ==, 7);

  /* Rows of the parts add up to the data; each part's metrics are there. */
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      GVariant *values = orchard_artifact_get_metrics (loaded, part, &n_rows[part]);
      double accuracy;

      g_assert_nonnull (values);
      g_assert_cmpuint (n_rows[part], ==, orchard_trainer_get_n_rows (trainer, part));
      g_assert_true (g_variant_lookup (values, "accuracy", "d", &accuracy));
      g_assert_cmpfloat (accuracy, ==,
                         orchard_metrics_get (orchard_trainer_get_metrics (trainer, part),
                                              "accuracy"));
      g_assert_true (g_variant_lookup (values, "roc_auc_ovr", "d", NULL));
    }
  g_assert_cmpuint (n_rows[0] + n_rows[1] + n_rows[2], ==, 344);

  g_assert_true (g_variant_lookup (lineage, "pipeline-spec", "&s", &spec));
  g_assert_nonnull (strstr (spec, "\"orchard-pipeline\""));
  g_assert_true (g_variant_lookup (lineage, "split", "&s", &split));
  g_assert_cmpstr (split, ==, "stratified");
  g_assert_true (g_variant_lookup (lineage, "params", "@a{sv}", NULL));

  /* The drift reference: the training rows, and the model's outputs on them. */
  {
    OrchardReferenceProfile *profile = orchard_artifact_get_reference_profile (loaded);
    const OrchardReferenceColumn *prediction;

    g_assert_nonnull (profile);
    g_assert_cmpuint (orchard_reference_profile_get_n_rows (profile), ==, n_rows[0]);
    g_assert_cmpstr (orchard_reference_profile_get_target (profile), ==, "species");
    g_assert_cmpint (orchard_reference_profile_find_column (profile, "bill_length_mm"), >=, 0);
    g_assert_cmpuint (orchard_reference_profile_get_n_predictions (profile), ==, 4);
    prediction = orchard_reference_profile_get_prediction (profile, 0);
    g_assert_cmpstr (prediction->name, ==, "prediction");
    g_assert_cmpint (prediction->kind, ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
    g_assert_cmpuint (prediction->count, ==, n_rows[0]);
  }

  remove_dir (dir);
}

/* Corruption -------------------------------------------------------------- */

static GBytes *
small_bundle (void)
{
  g_autoptr(OrchardTable) table = load_sample ("iris.csv");
  g_autoptr(OrchardArtifact) artifact = train (table, "target", "logistic", 0, NULL);

  return orchard_artifact_to_bytes (artifact);
}

static GBytes *
with_byte (GBytes *bytes,
           gsize   offset,
           guint8  value)
{
  gsize size;
  guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));

  copy[offset] = value;
  return g_bytes_new_take (copy, size);
}

static void
test_truncated (void)
{
  g_autoptr(GBytes) bytes = small_bundle ();
  gsize size = g_bytes_get_size (bytes);
  OrchardRng rng;

  /* The header byte by byte, the end byte by byte, and 300 cuts between. */
  for (gsize cut = 0; cut < 64; cut++)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (bytes, 0, cut);
      assert_refused (part, "header cut");
    }
  for (gsize cut = size - 64; cut < size; cut++)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (bytes, 0, cut);
      assert_refused (part, "tail cut");
    }

  orchard_rng_init (&rng, 11);
  for (guint i = 0; i < 300; i++)
    {
      gsize cut = orchard_rng_below (&rng, size);
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (bytes, 0, cut);

      assert_refused (part, "cut");
    }

  {
    g_autoptr(GBytes) part = g_bytes_new_from_bytes (bytes, 0, 10);
    g_autoptr(GError) error = NULL;
    g_autoptr(OrchardArtifact) artifact = orchard_artifact_new_from_bytes (part, "x", &error);

    g_assert_null (artifact);
    g_assert_nonnull (strstr (error->message, "truncated"));
  }
}

static void
test_flipped (void)
{
  g_autoptr(GBytes) bytes = small_bundle ();
  gsize size = g_bytes_get_size (bytes);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  OrchardRng rng;

  orchard_rng_init (&rng, 12);
  for (guint i = 0; i < 400; i++)
    {
      /* Half the flips in the last 200 bytes: checksum and framing. */
      gsize at = i % 2 == 0 ? orchard_rng_below (&rng, size)
                            : size - 1 - orchard_rng_below (&rng, MIN (size, 200));
      guint8 bit = 1 << orchard_rng_below (&rng, 8);
      g_autoptr(GBytes) damaged = with_byte (bytes, at, data[at] ^ bit);

      assert_refused (damaged, "flipped bit");
    }

  /* Every byte of the header. */
  for (gsize at = 0; at < 20; at++)
    {
      g_autoptr(GBytes) damaged = with_byte (bytes, at, data[at] ^ 0x40);
      assert_refused (damaged, "flipped header");
    }
}

static void
assert_message (GBytes      *bytes,
                int          code,
                const char  *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardArtifact) artifact = orchard_artifact_new_from_bytes (bytes, "m.orchard-model",
                                                                         &error);

  g_assert_null (artifact);
  g_assert_error (error, ORCHARD_ERROR, code);
  g_test_message ("%s", error->message);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

/* A bundle file around @payload, with its right checksum, or @digest. */
static GBytes *
wrap (GVariant     *payload,
      guint32       version,
      const guint8 *digest)
{
  g_autoptr(GVariant) sunk = g_variant_ref_sink (payload);
  g_autoptr(GBytes) payload_bytes = g_variant_get_data_as_bytes (sunk);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GVariant) file = NULL;
  guint8 computed[32];
  gsize length = 32;

  g_checksum_update (checksum, g_bytes_get_data (payload_bytes, NULL),
                     g_bytes_get_size (payload_bytes));
  g_checksum_get_digest (checksum, computed, &length);

  file = g_variant_ref_sink (
    g_variant_new ("(su@ay@ay)", "orchard-model", version,
                   g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, payload_bytes, TRUE),
                   g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                              digest != NULL ? digest : computed, 32, 1)));
  return g_variant_get_data_as_bytes (file);
}

/* The payload of @bytes with child @index replaced by @value. */
static GVariant *
payload_with (GBytes   *bytes,
              gsize     index,
              GVariant *value)
{
  g_autoptr(GVariant) file = g_variant_ref_sink (
    g_variant_new_from_bytes (ORCHARD_ARTIFACT_FILE_TYPE, bytes, FALSE));
  g_autoptr(GVariant) array = g_variant_get_child_value (file, 2);
  g_autoptr(GBytes) inner = g_variant_get_data_as_bytes (array);
  g_autoptr(GVariant) payload = g_variant_ref_sink (
    g_variant_new_from_bytes (ORCHARD_ARTIFACT_PAYLOAD_TYPE, inner, FALSE));
  gsize n = g_variant_n_children (payload);
  g_autofree GVariant **children = g_new (GVariant *, n);
  GVariant *result;

  g_variant_ref_sink (value);
  for (gsize i = 0; i < n; i++)
    children[i] = i == index ? g_variant_ref (value) : g_variant_get_child_value (payload, i);
  result = g_variant_new_tuple (children, n);
  for (gsize i = 0; i < n; i++)
    g_variant_unref (children[i]);
  g_variant_unref (value);

  return result;
}

static void
test_foreign (void)
{
  g_autoptr(GBytes) bytes = small_bundle ();
  const guint8 *data = g_bytes_get_data (bytes, NULL);

  /* Wrong magic, another file altogether, nothing at all. */
  {
    g_autoptr(GBytes) damaged = with_byte (bytes, 0, 'O');
    g_autoptr(GBytes) csv = g_bytes_new_static ("species,island\nAdelie,Dream\n", 29);
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

    assert_message (damaged, ORCHARD_ERROR_PARSE, "not an Orchard model bundle");
    assert_message (csv, ORCHARD_ERROR_PARSE, "not an Orchard model bundle");
    assert_message (empty, ORCHARD_ERROR_PARSE, "not an Orchard model bundle");
  }

  /* A newer format version. */
  {
    g_autoptr(GBytes) newer = with_byte (bytes, 16, data[16] + 1);
    assert_message (newer, ORCHARD_ERROR_UNSUPPORTED, "newer Orchard");
  }

  /* Foreign variants: a bare model, and the right header on another type. */
  {
    g_autoptr(OrchardTable) table = load_sample ("iris.csv");
    g_autoptr(OrchardArtifact) artifact = train (table, "target", "naive-bayes", 0, NULL);
    g_autoptr(GVariant) model = orchard_model_to_variant (orchard_artifact_get_model (artifact));
    g_autoptr(GBytes) model_bytes = g_variant_get_data_as_bytes (model);
    g_autoptr(GVariant) other = g_variant_ref_sink (g_variant_new_parsed (
      "('orchard-model', uint32 1, ['a', 'b'])"));
    g_autoptr(GBytes) other_bytes = g_variant_get_data_as_bytes (other);

    assert_message (model_bytes, ORCHARD_ERROR_PARSE, "not an Orchard model bundle");
    assert_message (other_bytes, ORCHARD_ERROR_PARSE, "damaged");
  }

  /* A checksum that does not match; a payload of the wrong type with a
   * matching one. */
  {
    guint8 zeros[32] = { 0 };
    g_autoptr(GVariant) payload = payload_with (bytes, 4, g_variant_new_double (0.25));
    g_autoptr(GBytes) mismatch = NULL;
    g_autoptr(GBytes) foreign = NULL;

    mismatch = wrap (g_variant_ref (payload), 1, zeros);
    assert_message (mismatch, ORCHARD_ERROR_PARSE, "checksum");
    foreign = wrap (g_variant_new_parsed ("(['x'], 2.5)"), 1, NULL);
    assert_message (foreign, ORCHARD_ERROR_PARSE, "not in normal form");
  }
}

/* Well-formed bundles with the right checksum whose parts do not fit
 * together: the checksum is no signature, so the shapes are checked too. */
static void
test_inconsistent (void)
{
  g_autoptr(GBytes) bytes = small_bundle ();
  const char * const swapped[] = { "versicolor", "setosa", "virginica", NULL };
  struct
  {
    gsize       index;
    GVariant   *value;
    const char *fragment;
  } cases[] = {
    { 0, g_variant_new_string (""), "no target" },
    { 0, g_variant_new_string ("species"), "another target" },
    { 1, g_variant_new_string ("regression"), "task or class labels" },
    { 1, g_variant_new_string ("ranking"), "unknown" },
    { 2, g_variant_new_parsed ("@a(sssbas) []"), "input schema" },
    { 3, g_variant_new_strv (swapped, -1), "task or class labels" },
    { 4, g_variant_new_double (0.5), "threshold" },
    { 7, g_variant_new_parsed ("[('train', uint64 10, {'accuracy': 0.5}, @ad [])]"),
      "confusion" },
    { 7, g_variant_new_parsed ("[('train', uint64 10, {'rmse': 0.5}, @ad [])]"),
      "unknown key" },
    { 7, g_variant_new_parsed ("[('holdout', uint64 10, @a{sd} {}, @ad [])]"), "part" },
    { 8, g_variant_new_parsed ("{'seed': <uint64 1>}"), "data-hash" },
    { 8, g_variant_new_parsed ("{'data-hash': <'x'>, 'seed': <'one'>}"), "seed" },
  };

  /* The bundle unchanged, rebuilt the same way, loads. */
  {
    g_autoptr(OrchardTable) table = load_sample ("iris.csv");
    g_autoptr(GVariant) payload = payload_with (bytes, 0, g_variant_new_string ("target"));
    g_autoptr(GBytes) same = wrap (g_variant_ref (payload), 1, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(OrchardArtifact) artifact = orchard_artifact_new_from_bytes (same, "m", &error);

    g_assert_no_error (error);
    g_assert_nonnull (artifact);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GVariant) payload = payload_with (bytes, cases[i].index, cases[i].value);
      g_autoptr(GBytes) damaged = wrap (g_variant_ref (payload), 1, NULL);

      assert_message (damaged, ORCHARD_ERROR_PARSE, cases[i].fragment);
    }

  /* Damaged parts inside are refused by the pipeline's and the model's own checks. */
  {
    g_autoptr(GVariant) payload = payload_with (bytes, 5, g_variant_new_parsed ("@a{sv} {}"));
    g_autoptr(GBytes) damaged = wrap (g_variant_ref (payload), 1, NULL);

    assert_message (damaged, ORCHARD_ERROR_PARSE, "pipeline");
  }
}

/* Saving ------------------------------------------------------------------ */

static void
test_atomic_write (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_strdup (g_getenv ("ORCHARD_ARTIFACT_DIR"));
      g_autofree char *path = g_build_filename (dir, "m.orchard-model", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(OrchardTable) table = load_sample ("breast-cancer.csv");
      g_autoptr(OrchardArtifact) artifact = train (table, "target", "knn", 0, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gsize before_size, after_size;
      struct rlimit limit = { 4096, 4096 };

      g_assert_true (g_file_get_contents (path, &before, &before_size, NULL));

      /* No file may grow beyond 4 KiB now: writing the bundle (the k-NN
       * model holds its training rows) fails half way. */
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_false (orchard_artifact_save (artifact, file, NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "m.orchard-model"));

      /* The old bundle is whole, and no temporary file is left. */
      g_assert_true (g_file_get_contents (path, &after, &after_size, NULL));
      g_assert_cmpmem (before, before_size, after, after_size);
      g_assert_cmpuint (count_files (dir), ==, 1);
      return;
    }

  {
    g_autofree char *dir = temp_dir ();
    g_autoptr(OrchardTable) table = load_sample ("iris.csv");
    g_autoptr(OrchardArtifact) small = train (table, "target", "naive-bayes", 0, NULL);
    g_autoptr(OrchardArtifact) loaded = reload (small, dir, "m.orchard-model");
    g_autofree char *path = g_build_filename (dir, "m.orchard-model", NULL);
    g_autofree char *inside = g_build_filename (path, "x.orchard-model", NULL);
    g_autoptr(GFile) below_a_file = g_file_new_for_path (inside);
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (loaded);

    /* A path below a regular file cannot be written; the error names it. */
    g_assert_false (orchard_artifact_save (small, below_a_file, NULL, &error));
    g_assert_nonnull (strstr (error->message, "x.orchard-model"));
    g_clear_error (&error);

    g_setenv ("ORCHARD_ARTIFACT_DIR", dir, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();

    /* And the old bundle still loads. */
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(OrchardArtifact) again = orchard_artifact_load (file, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (orchard_artifact_get_checksum (again), ==,
                       orchard_artifact_get_checksum (small));
    }

    remove_dir (dir);
  }
}

/* Predicting -------------------------------------------------------------- */

/* @table with column @name replaced by @column, or left out when NULL. */
static OrchardTable *
replace_column (OrchardTable  *table,
                const char    *name,
                OrchardColumn *column)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GError) error = NULL;
  OrchardTable *result;

  columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);

  /* Reversed, so that order cannot matter. */
  for (guint c = orchard_table_get_n_columns (table); c > 0; c--)
    {
      OrchardColumn *original = orchard_table_get_column (table, c - 1);

      if (strcmp (orchard_column_get_name (original), name) != 0)
        g_ptr_array_add (columns, orchard_column_ref (original));
      else if (column != NULL)
        g_ptr_array_add (columns, orchard_column_ref (column));
    }

  result = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
  g_assert_no_error (error);
  return result;
}

/* A numeric column as text, each value as the file wrote it. */
static OrchardColumn *
as_text (OrchardColumn *column,
         const char    *replace_last)
{
  gsize n = orchard_column_get_n_rows (column);
  const double *values = orchard_column_get_values (column);
  GPtrArray *levels = g_ptr_array_new_with_free_func (g_free);
  guint32 *codes = g_new (guint32, n);

  for (gsize r = 0; r < n; r++)
    {
      if (isnan (values[r]))
        {
          codes[r] = ORCHARD_CODE_MISSING;
          continue;
        }
      codes[r] = levels->len;
      if (r == n - 1 && replace_last != NULL)
        g_ptr_array_add (levels, g_strdup (replace_last));
      else
        g_ptr_array_add (levels, orchard_format_double (values[r]));
    }

  return orchard_column_new_categorical (orchard_column_get_name (column), codes, n, levels,
                                         FALSE);
}

static void
test_predict_columns (void)
{
  g_autoptr(OrchardTable) table = load_sample ("penguins.csv");
  g_autoptr(OrchardArtifact) artifact = train (table, "species", "mlp", 0, NULL);
  g_autoptr(OrchardMatrix) expected = predict (artifact, table);
  int bill_index = orchard_table_find_column (table, "bill_length_mm");
  OrchardColumn *bill = orchard_table_get_column (table, bill_index);

  /* Without the target, columns reversed, an extra column: the same. */
  {
    g_autoptr(OrchardTable) no_target = replace_column (table, "species", NULL);
    g_autoptr(OrchardColumn) extra = orchard_column_new_renamed (bill, "something else");
    g_autoptr(OrchardTable) with_extra = NULL;
    g_autoptr(OrchardMatrix) out = NULL;
    g_autoptr(GPtrArray) columns = g_ptr_array_new ();

    for (guint c = 0; c < orchard_table_get_n_columns (no_target); c++)
      g_ptr_array_add (columns, orchard_table_get_column (no_target, c));
    g_ptr_array_add (columns, extra);
    with_extra = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, NULL);
    g_assert_nonnull (with_extra);

    out = predict (artifact, with_extra);
    assert_identical (expected, out);
  }

  /* Missing columns: every one is named. */
  {
    g_autoptr(OrchardTable) less = replace_column (table, "island", NULL);
    g_autoptr(OrchardTable) even_less = replace_column (less, "body_mass_g", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(OrchardMatrix) out = orchard_artifact_predict (artifact, even_less, NULL, NULL,
                                                             &error);

    g_assert_null (out);
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "“island”"));
    g_assert_nonnull (strstr (error->message, "“body_mass_g”"));
  }

  /* Numbers read as text are converted, and said so; a word among them is
   * an error naming the column and the row. */
  {
    g_autoptr(OrchardColumn) text = as_text (bill, NULL);
    g_autoptr(OrchardTable) texty = replace_column (table, "bill_length_mm", text);
    g_autoptr(OrchardColumn) bad_text = as_text (bill, "long");
    g_autoptr(OrchardTable) bad = replace_column (table, "bill_length_mm", bad_text);
    g_auto(GStrv) warnings = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(OrchardMatrix) out = orchard_artifact_predict (artifact, texty, &warnings, NULL,
                                                             &error);
    g_autoptr(OrchardMatrix) none = NULL;

    g_assert_no_error (error);
    assert_identical (expected, out);
    g_assert_cmpuint (g_strv_length (warnings), ==, 1);
    g_assert_nonnull (strstr (warnings[0], "bill_length_mm"));

    none = orchard_artifact_predict (artifact, bad, NULL, NULL, &error);
    g_assert_null (none);
    g_assert_nonnull (strstr (error->message, "“bill_length_mm”"));
    g_assert_nonnull (strstr (error->message, "row 344"));
    g_assert_nonnull (strstr (error->message, "“long”"));
  }

  /* A category never seen in training: the pipeline's one-hot encoder
   * gives it no indicator, so each row is still predicted. */
  {
    OrchardColumn *island = orchard_table_get_column (table, orchard_table_find_column (table,
                                                                                        "island"));
    gsize n = orchard_column_get_n_rows (island);
    GPtrArray *levels = g_ptr_array_new_with_free_func (g_free);
    guint32 *codes = g_new (guint32, n);
    g_autoptr(OrchardColumn) atlantis = NULL;
    g_autoptr(OrchardTable) unseen = NULL;
    g_autoptr(OrchardMatrix) out = NULL;

    g_ptr_array_add (levels, g_strdup ("Atlantis"));
    for (gsize r = 0; r < n; r++)
      codes[r] = 0;
    atlantis = orchard_column_new_categorical ("island", codes, n, levels, FALSE);
    unseen = replace_column (table, "island", atlantis);
    out = predict (artifact, unseen);
    for (gsize r = 0; r < n; r++)
      {
        double sum = 0;

        for (guint k = 0; k < 3; k++)
          sum += orchard_matrix_get (out, r, k);
        g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-12);
      }
  }

  /* Zero rows give zero predictions. */
  {
    g_autoptr(OrchardTable) empty = orchard_table_select_rows (table, NULL, 0);
    g_autoptr(OrchardMatrix) out = predict (artifact, empty);

    g_assert_cmpuint (orchard_matrix_get_n_rows (out), ==, 0);
    g_assert_cmpuint (orchard_matrix_get_n_cols (out), ==, 3);
  }
}

/* A column that was categorical in training arrives as numbers. */
static void
test_predict_numbers_as_categories (void)
{
  const double sizes[] = { 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2 };
  const guint n = G_N_ELEMENTS (sizes);
  GPtrArray *levels = g_ptr_array_new_with_free_func (g_free);
  guint32 *codes = g_new (guint32, n);
  double *x = g_new (double, n);
  double *y = g_new (double, n);
  g_autoptr(OrchardColumn) size = NULL;
  g_autoptr(OrchardColumn) xs = NULL;
  g_autoptr(OrchardColumn) ys = NULL;
  g_autoptr(OrchardColumn) numeric_size = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardTable) numeric = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(OrchardMatrix) expected = NULL;
  g_autoptr(OrchardMatrix) out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  OrchardColumn *columns[3];

  g_ptr_array_add (levels, g_strdup ("1"));
  g_ptr_array_add (levels, g_strdup ("2"));
  g_ptr_array_add (levels, g_strdup ("3"));
  for (guint i = 0; i < n; i++)
    {
      codes[i] = (guint32) sizes[i] - 1;
      x[i] = i * 0.5;
      y[i] = 10 * sizes[i] + x[i] + (i % 3) * 0.1;
    }
  size = orchard_column_new_categorical ("size", codes, n, levels, FALSE);
  xs = orchard_column_new_numeric ("x", x, n);
  ys = orchard_column_new_numeric ("y", y, n);
  columns[0] = size;
  columns[1] = xs;
  columns[2] = ys;
  table = orchard_table_new (columns, 3, &error);
  g_assert_no_error (error);

  artifact = train (table, "y", "ridge", 0, NULL);
  expected = predict (artifact, table);

  numeric_size = orchard_column_new_numeric ("size", g_memdup2 (sizes, sizeof sizes), n);
  numeric = replace_column (table, "size", numeric_size);
  out = orchard_artifact_predict (artifact, numeric, &warnings, NULL, &error);
  g_assert_no_error (error);
  assert_identical (expected, out);
  g_assert_nonnull (strstr (warnings[0], "“size”"));
}

static void
test_threshold (void)
{
  g_autoptr(OrchardTable) table = load_sample ("breast-cancer.csv");
  g_autoptr(OrchardArtifact) artifact = train (table, "target", "logistic", 0, NULL);
  g_autoptr(OrchardMatrix) out = predict (artifact, table);
  g_autoptr(GError) error = NULL;
  gsize n_positive = 0;

  g_assert_cmpfloat (orchard_artifact_get_threshold (artifact), ==, 0.5);
  g_assert_cmpstr (orchard_artifact_get_class_labels (artifact)[1], ==, "malignant");

  for (gsize r = 0; r < orchard_matrix_get_n_rows (out); r++)
    {
      const double *row = orchard_matrix_get_row (out, r);
      guint at_half = orchard_artifact_classify (artifact, row, NAN);

      g_assert_cmpuint (at_half, ==, row[1] >= 0.5 ? 1 : 0);
      g_assert_cmpuint (orchard_artifact_classify (artifact, row, 0.0), ==, 1);
      g_assert_cmpuint (orchard_artifact_classify (artifact, row, 1.0), ==, row[1] >= 1.0);
      n_positive += at_half;
    }
  /* 212 of the 569 tumours are malignant; a good model finds about as many. */
  g_assert_cmpuint (n_positive, >, 190);
  g_assert_cmpuint (n_positive, <, 235);

  g_assert_false (orchard_artifact_set_threshold (artifact, 1.5, &error));
  g_clear_error (&error);
  g_assert_true (orchard_artifact_set_threshold (artifact, 0.3, &error));
  g_assert_no_error (error);

  {
    g_autofree char *dir = temp_dir ();
    g_autoptr(OrchardArtifact) loaded = reload (artifact, dir, "b.orchard-model");

    g_assert_cmpfloat (orchard_artifact_get_threshold (loaded), ==, 0.3);
    remove_dir (dir);
  }
}

/* Training ---------------------------------------------------------------- */

/* The trainer's metrics are those of its predictions, recomputed here. */
static void
test_trainer_metrics (void)
{
  g_autoptr(OrchardTable) table = load_sample ("iris.csv");
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = train (table, "target", "knn", 5, &trainer);
  OrchardPartition *partition = orchard_trainer_get_partition (trainer);
  gsize n_test;
  const gsize *test = orchard_partition_get_rows (partition, ORCHARD_PART_TEST, &n_test);
  g_autoptr(OrchardTable) rows = orchard_table_select_rows (table, test, n_test);
  g_autoptr(OrchardMatrix) out = predict (artifact, rows);
  OrchardColumn *target = orchard_table_get_column (rows, orchard_table_find_column (rows,
                                                                                     "target"));
  const char * const *labels = orchard_artifact_get_class_labels (artifact);
  gsize correct = 0;

  g_assert_cmpuint (n_test, ==, orchard_trainer_get_n_rows (trainer, ORCHARD_PART_TEST));
  for (gsize r = 0; r < n_test; r++)
    {
      guint k = orchard_artifact_classify (artifact, orchard_matrix_get_row (out, r), NAN);
      g_autofree char *truth = orchard_column_format_value (target, r);

      correct += strcmp (labels[k], truth) == 0;
    }

  g_assert_cmpfloat (orchard_metrics_get (orchard_trainer_get_metrics (trainer, ORCHARD_PART_TEST),
                                          "accuracy"), ==, (double) correct / n_test);
}

static void
test_trainer_test_data (void)
{
  g_autoptr(OrchardTable) table = load_sample ("diabetes.csv");
  gsize n = orchard_table_get_n_rows (table);
  g_autofree gsize *first = g_new (gsize, n);
  g_autofree gsize *last = g_new (gsize, n);
  g_autoptr(OrchardTable) data = NULL;
  g_autoptr(OrchardTable) test = NULL;
  g_autoptr(OrchardModel) model = orchard_model_new_by_name ("ridge", NULL);
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_RANDOM);
  g_autoptr(GError) error = NULL;
  const char *test_hash = NULL;
  double r2;

  for (gsize i = 0; i < 400; i++)
    first[i] = i;
  for (gsize i = 400; i < n; i++)
    last[i - 400] = i;
  data = orchard_table_select_rows (table, first, 400);
  test = orchard_table_select_rows (table, last, n - 400);

  /* --fractions 1,0: all of the data trains, nothing validates. */
  g_assert_true (orchard_split_set_fractions (split, 1.0, 0.0, 0.0, &error));
  trainer = orchard_trainer_new (data, "target", model);
  orchard_trainer_set_split (trainer, split);
  orchard_trainer_set_test_data (trainer, test);
  artifact = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (orchard_trainer_get_n_rows (trainer, ORCHARD_PART_TRAIN), ==, 400);
  g_assert_cmpuint (orchard_trainer_get_n_rows (trainer, ORCHARD_PART_VALID), ==, 0);
  g_assert_cmpuint (orchard_trainer_get_n_rows (trainer, ORCHARD_PART_TEST), ==, n - 400);
  g_assert_null (orchard_artifact_get_metrics (artifact, ORCHARD_PART_VALID, NULL));
  r2 = orchard_metrics_get (orchard_trainer_get_metrics (trainer, ORCHARD_PART_TEST), "r2");
  g_assert_cmpfloat (r2, >, 0.2);
  g_assert_true (g_variant_lookup (orchard_artifact_get_lineage (artifact), "test-data-hash", "&s",
                                   &test_hash));
  g_assert_cmpstr (test_hash, ==, orchard_table_get_hash (test));

  /* A test share with separate test data is a contradiction. */
  {
    g_autoptr(OrchardModel) other = orchard_model_new_by_name ("ridge", NULL);
    g_autoptr(OrchardTrainer) contradiction = orchard_trainer_new (data, "target", other);
    g_autoptr(OrchardSplit) three = orchard_split_new (ORCHARD_SPLIT_RANDOM);
    g_autoptr(OrchardArtifact) none = NULL;

    orchard_trainer_set_split (contradiction, three);
    orchard_trainer_set_test_data (contradiction, test);
    none = orchard_trainer_train (contradiction, NULL, NULL, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_trainer_errors (void)
{
  g_autoptr(OrchardTable) penguins = load_sample ("penguins.csv");
  struct
  {
    const char *learner;
    const char *target;
    int         code;
    const char *fragment;
  } cases[] = {
    { "logistic", "nothing", ORCHARD_ERROR_INVALID_ARGUMENT, "“nothing”" },
    { "linear", "species", ORCHARD_ERROR_INVALID_ARGUMENT, "cannot do multiclass" },
    { "logistic", "body_mass_g", ORCHARD_ERROR_INVALID_ARGUMENT, "cannot do regression" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OrchardModel) model = orchard_model_new_by_name (cases[i].learner, NULL);
      g_autoptr(OrchardTrainer) trainer = orchard_trainer_new (penguins, cases[i].target, model);
      g_autoptr(GError) error = NULL;
      g_autoptr(OrchardArtifact) artifact = orchard_trainer_train (trainer, NULL, NULL, NULL,
                                                                   &error);

      g_assert_null (artifact);
      g_assert_error (error, ORCHARD_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].fragment));
    }

  /* Rows without a target are left out, and counted. */
  {
    g_autoptr(OrchardTrainer) trainer = NULL;
    g_autoptr(OrchardArtifact) artifact = train (penguins, "body_mass_g", "ridge", 0, &trainer);
    guint64 left_out = 0;
    gsize total = 0;

    g_assert_true (g_variant_lookup (orchard_artifact_get_lineage (artifact),
                                     "rows-without-target", "t", &left_out));
    g_assert_cmpuint (left_out, ==, 2);
    for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
      total += orchard_trainer_get_n_rows (trainer, part);
    g_assert_cmpuint (total, ==, 342);
    g_assert_nonnull (strstr (orchard_trainer_get_notes (trainer)[0], "2 rows"));
  }

  /* Cancelled before it starts: nothing fitted, a cancellation error. */
  {
    g_autoptr(OrchardModel) model = orchard_model_new_by_name ("mlp", NULL);
    g_autoptr(OrchardTrainer) trainer = orchard_trainer_new (penguins, "species", model);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(OrchardArtifact) artifact = NULL;

    g_cancellable_cancel (cancellable);
    artifact = orchard_trainer_train (trainer, NULL, NULL, cancellable, &error);
    g_assert_null (artifact);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (orchard_model_is_fitted (model));
  }
}

static void
record_progress (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

/* The same seed gives the same model; progress only rises and ends at 1. */
static void
test_trainer_deterministic (void)
{
  g_autoptr(OrchardTable) table = load_sample ("penguins.csv");
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  OrchardMatrix *outputs[2] = { NULL, NULL };

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(OrchardModel) model = orchard_model_new_by_name ("mlp", NULL);
      g_autoptr(OrchardTrainer) trainer = orchard_trainer_new (table, "species", model);
      g_autoptr(OrchardArtifact) artifact = NULL;
      g_autoptr(GError) error = NULL;

      orchard_trainer_set_seed (trainer, 42);
      artifact = orchard_trainer_train (trainer, record_progress, fractions, NULL, &error);
      g_assert_no_error (error);
      outputs[run] = predict (artifact, table);
    }

  assert_identical (outputs[0], outputs[1]);
  orchard_matrix_unref (outputs[0]);
  orchard_matrix_unref (outputs[1]);

  /* Both runs reported: each rises from 0 to 1. */
  g_assert_cmpuint (fractions->len, >, 8);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  for (guint i = 1, restarts = 0; i < fractions->len; i++)
    {
      double now = g_array_index (fractions, double, i);
      double before = g_array_index (fractions, double, i - 1);

      if (now == 0.0 && before == 1.0)
        {
          g_assert_cmpuint (++restarts, ==, 1);
          continue;
        }
      g_assert_cmpfloat (now, >=, before);
      g_assert_cmpfloat (now, <=, 1.0);
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Artifact/round-trip", test_round_trip);
  g_test_add_func ("/engine/Artifact/contents", test_contents);
  g_test_add_func ("/engine/Artifact/truncated", test_truncated);
  g_test_add_func ("/engine/Artifact/flipped", test_flipped);
  g_test_add_func ("/engine/Artifact/foreign", test_foreign);
  g_test_add_func ("/engine/Artifact/inconsistent", test_inconsistent);
  g_test_add_func ("/engine/Artifact/atomic-write", test_atomic_write);
  g_test_add_func ("/engine/Artifact/predict-columns", test_predict_columns);
  g_test_add_func ("/engine/Artifact/predict-numbers-as-categories",
                   test_predict_numbers_as_categories);
  g_test_add_func ("/engine/Artifact/threshold", test_threshold);
  g_test_add_func ("/engine/Trainer/metrics", test_trainer_metrics);
  g_test_add_func ("/engine/Trainer/test-data", test_trainer_test_data);
  g_test_add_func ("/engine/Trainer/errors", test_trainer_errors);
  g_test_add_func ("/engine/Trainer/deterministic", test_trainer_deterministic);

  return g_test_run ();
}
