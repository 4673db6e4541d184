/* test-pipeline.c: pipelines, their specs and automatic pipelines
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <locale.h>

#include "prep-test-util.h"

static OrchardTable *
penguins (void)
{
  return with_role (load_sample ("penguins.csv"), "species", ORCHARD_COLUMN_ROLE_TARGET);
}

static OrchardPipeline *
from_spec (const char *json)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  OrchardPipeline *pipeline;

  g_assert_nonnull (root);
  pipeline = orchard_pipeline_new_from_json (root, "spec.json", &error);
  g_assert_no_error (error);
  return pipeline;
}

static void
fit_reference_rows (OrchardPipeline *pipeline,
                    OrchardTable    *table)
{
  g_autofree gsize *train = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_train;
  gboolean ok;

  train = reference_train_rows (orchard_table_get_n_rows (table), &n_train);
  ok = orchard_pipeline_fit (pipeline, table, train, n_train, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (orchard_pipeline_is_fitted (pipeline));
}

static OrchardMatrix *
transform (OrchardPipeline *pipeline,
           OrchardTable    *table)
{
  g_autoptr(GError) error = NULL;
  OrchardMatrix *matrix = orchard_pipeline_transform (pipeline, table, &error);

  g_assert_no_error (error);
  g_assert_nonnull (matrix);
  return matrix;
}

static void
assert_matrices_equal (OrchardMatrix *a,
                       OrchardMatrix *b)
{
  g_assert_cmpuint (orchard_matrix_get_n_rows (a), ==, orchard_matrix_get_n_rows (b));
  g_assert_cmpuint (orchard_matrix_get_n_cols (a), ==, orchard_matrix_get_n_cols (b));

  for (guint c = 0; c < orchard_matrix_get_n_cols (a); c++)
    {
      g_assert_cmpstr (orchard_matrix_get_feature_name (a, c), ==,
                       orchard_matrix_get_feature_name (b, c));
      g_assert_cmpstr (orchard_matrix_get_feature_source (a, c), ==,
                       orchard_matrix_get_feature_source (b, c));
      for (gsize r = 0; r < orchard_matrix_get_n_rows (a); r++)
        {
          double x = orchard_matrix_get (a, r, c);
          double y = orchard_matrix_get (b, r, c);

          g_assert_true ((isnan (x) && isnan (y)) || x == y);
        }
    }
}

static const char *standard_spec =
  "{\n"
  "  \"steps\": [\n"
  "    { \"step\": \"impute\", \"strategy\": \"median\" },\n"
  "    { \"step\": \"impute-categorical\" },\n"
  "    { \"step\": \"scale\", \"method\": \"standard\" },\n"
  "    { \"step\": \"one-hot\", \"max-levels\": 20, \"unseen\": \"other\" }\n"
  "  ]\n"
  "}\n";

/* Fit and transform ------------------------------------------------------- */

static void
test_fit_transform (void)
{
  g_autoptr(OrchardTable) table = penguins ();
  g_autoptr(OrchardPipeline) pipeline = from_spec (standard_spec);
  g_autoptr(OrchardMatrix) matrix = NULL;
  const char * const expected[] = {
    "island=Biscoe", "island=Dream", "island=Torgersen", "island=(other)",
    "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g",
    "sex=female", "sex=male", "sex=(other)", "year",
  };
  const char * const sources[] = {
    "island", "island", "island", "island", "bill_length_mm", "bill_depth_mm",
    "flipper_length_mm", "body_mass_g", "sex", "sex", "sex", "year",
  };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pipeline)), ==, 4);
  g_assert_false (orchard_pipeline_is_fitted (pipeline));
  fit_reference_rows (pipeline, table);
  g_assert_cmpstr (orchard_pipeline_get_target (pipeline), ==, "species");

  matrix = transform (pipeline, table);
  g_assert_cmpuint (orchard_matrix_get_n_rows (matrix), ==, 344);
  g_assert_cmpuint (orchard_matrix_get_n_cols (matrix), ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (orchard_pipeline_get_n_features (pipeline), ==, G_N_ELEMENTS (expected));

  /* Features in table order, each traced to its input column. */
  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    {
      g_assert_cmpstr (orchard_matrix_get_feature_name (matrix, c), ==, expected[c]);
      g_assert_cmpstr (orchard_matrix_get_feature_source (matrix, c), ==, sources[c]);
      g_assert_cmpstr (orchard_pipeline_get_feature_name (pipeline, c), ==, expected[c]);
      g_assert_cmpint (orchard_matrix_get_feature_source_index (matrix, c), ==,
                       orchard_table_find_column (table, sources[c]));
      for (gsize r = 0; r < 344; r++)
        g_assert_false (isnan (orchard_matrix_get (matrix, r, c)));
    }
  g_assert_cmpint (orchard_matrix_find_feature (matrix, "species"), ==, -1);

  /* The same as running the steps one by one on the training rows. */
  {
    g_autofree gsize *train = NULL;
    g_autoptr(OrchardTable) current = NULL;
    gsize n_train;
    const double *bill;

    train = reference_train_rows (344, &n_train);
    current = orchard_table_select_rows (table, train, n_train);
    for (guint s = 0; s < 4; s++)
      {
        OrchardTable *next = orchard_step_transform (orchard_pipeline_get_step (pipeline, s),
                                                     current, NULL);

        g_assert_nonnull (next);
        g_object_unref (current);
        current = next;
      }
    bill = values_of (current, "bill_length_mm");
    for (gsize i = 0; i < n_train; i++)
      g_assert_cmpfloat (bill[i], ==, orchard_matrix_get (matrix, train[i], 4));
  }
}

static void
test_training_table (void)
{
  g_autoptr(OrchardTable) table = penguins ();
  g_autoptr(OrchardPipeline) pipeline = from_spec (
    "{\"steps\": [{\"step\": \"impute\"}, {\"step\": \"impute-categorical\"},"
    " {\"step\": \"target-encode\", \"columns\": [\"island\"]},"
    " {\"step\": \"one-hot\", \"columns\": [\"sex\"]},"
    " {\"step\": \"balance\", \"method\": \"oversample\"}]}");
  OrchardTable *training;
  g_autoptr(OrchardMatrix) train_matrix = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_train;
  g_autofree gsize *rows = reference_train_rows (344, &n_train);

  fit_reference_rows (pipeline, table);
  training = orchard_pipeline_get_training_table (pipeline);
  g_assert_nonnull (training);

  /* Oversampling adds rows for the model, never for anyone else. */
  g_assert_cmpuint (orchard_table_get_n_rows (training), >, n_train);
  train_matrix = orchard_pipeline_vectorise (pipeline, training, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_matrix_get_n_rows (train_matrix), ==,
                    orchard_table_get_n_rows (training));
  g_assert_cmpint (orchard_matrix_find_feature (train_matrix, "island:target=Gentoo"), >=, 0);
  g_assert_cmpstr (orchard_matrix_get_feature_source (
                     train_matrix, orchard_matrix_find_feature (train_matrix,
                                                                "island:target=Gentoo")),
                   ==, "island");

  /* The training rows get out-of-fold encodings, so the model trains on
   * values that differ from what the same rows get at prediction time. */
  {
    g_autoptr(OrchardMatrix) all = transform (pipeline, table);
    int f = orchard_matrix_find_feature (all, "island:target=Gentoo");
    guint differ = 0;

    for (gsize i = 0; i < n_train; i++)
      differ += orchard_matrix_get (all, rows[i], f) != orchard_matrix_get (train_matrix, i, f);
    g_assert_cmpuint (differ, >, 0);
    g_assert_cmpuint (orchard_matrix_get_n_rows (all), ==, 344);
  }
}

static void
test_class_weights (void)
{
  g_autoptr(OrchardTable) table = penguins ();
  g_autoptr(OrchardPipeline) pipeline = from_spec (standard_spec);
  g_autoptr(OrchardStep) balance = orchard_balance_step_new (ORCHARD_BALANCE_CLASS_WEIGHTS);
  gsize n_train;
  g_autofree gsize *rows = reference_train_rows (344, &n_train);
  OrchardColumn *species = column_named (table, "species");
  double total = 0.0;

  fit_reference_rows (pipeline, table);
  g_assert_cmpfloat (orchard_pipeline_get_class_weight (pipeline, "Adelie"), ==, 1.0);

  orchard_pipeline_append (pipeline, balance);
  fit_reference_rows (pipeline, table);
  g_assert_cmpfloat (orchard_pipeline_get_class_weight (pipeline, "Gentoo"), ==,
                     orchard_balance_step_get_class_weight (ORCHARD_BALANCE_STEP (balance),
                                                            "Gentoo"));

  /* Balanced weights sum, over the training rows, to the number of rows. */
  for (gsize i = 0; i < n_train; i++)
    total += orchard_pipeline_get_class_weight (pipeline, label_at (species, rows[i]));
  assert_close (total, (double) n_train, 1e-12);
}

static void
test_not_vectorisable (void)
{
  g_autoptr(OrchardTable) table = penguins ();
  g_autoptr(OrchardPipeline) pipeline = from_spec ("{\"steps\": [{\"step\": \"impute\"}]}");
  g_autoptr(GError) error = NULL;
  const gsize rows[] = { 0, 1, 2, 3 };

  g_assert_false (orchard_pipeline_fit (pipeline, table, rows, 4, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "feature “island” is still categorical"));
  g_assert_false (orchard_pipeline_is_fitted (pipeline));
  g_clear_error (&error);

  g_assert_false (orchard_pipeline_fit (pipeline, table, rows, 0, NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY);
}

static void
test_new_data (void)
{
  g_autoptr(OrchardTable) table = penguins ();
  g_autoptr(OrchardPipeline) pipeline = from_spec (standard_spec);
  g_autoptr(OrchardMatrix) full = NULL;
  g_autoptr(GError) error = NULL;

  fit_reference_rows (pipeline, table);
  full = transform (pipeline, table);

  /* New data: no target, columns in another order, an extra column. */
  {
    const char * const order[] = { "year", "extra", "sex", "body_mass_g", "flipper_length_mm",
                                   "bill_depth_mm", "bill_length_mm", "island" };
    g_autoptr(GPtrArray) columns = column_list ();
    g_autoptr(OrchardTable) fresh = NULL;
    g_autoptr(OrchardMatrix) matrix = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      g_ptr_array_add (columns, strcmp (order[i], "extra") == 0
                                ? orchard_column_new_renamed (column_named (table, "year"), "extra")
                                : orchard_column_ref (column_named (table, order[i])));
    fresh = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
    g_assert_no_error (error);

    matrix = transform (pipeline, fresh);
    assert_matrices_equal (matrix, full);
  }

  /* A feature missing, or of another kind. */
  {
    g_autoptr(OrchardTable) lacking = table_of (orchard_column_ref (column_named (table, "island")),
                                                NULL);
    g_autoptr(OrchardMatrix) matrix = orchard_pipeline_transform (pipeline, lacking, &error);

    g_assert_null (matrix);
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "no column “bill_length_mm”"));
    g_clear_error (&error);
  }
  {
    g_autoptr(GPtrArray) columns = column_list ();
    g_autoptr(OrchardTable) wrong = NULL;
    g_autoptr(OrchardMatrix) matrix = NULL;

    for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
      {
        OrchardColumn *column = orchard_table_get_column (table, c);

        g_ptr_array_add (columns,
                         strcmp (orchard_column_get_name (column), "year") == 0
                         ? orchard_column_new_renamed (column_named (table, "sex"), "year")
                         : orchard_column_ref (column));
      }
    wrong = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
    g_assert_no_error (error);
    matrix = orchard_pipeline_transform (pipeline, wrong, &error);
    g_assert_null (matrix);
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "“year” is categorical"));
  }
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
on_fitted_changed (guint *count)
{
  (*count)++;
}

static void
test_edits_unfit (void)
{
  g_autoptr(OrchardTable) table = penguins ();
  g_autoptr(OrchardPipeline) pipeline = from_spec (standard_spec);
  g_autoptr(OrchardStep) extra = orchard_select_step_new (ORCHARD_SELECT_VARIANCE);
  guint changes = 0;

  g_signal_connect (pipeline, "items-changed", G_CALLBACK (on_items_changed), &changes);

  fit_reference_rows (pipeline, table);
  orchard_pipeline_append (pipeline, extra);
  g_assert_false (orchard_pipeline_is_fitted (pipeline));
  g_assert_null (orchard_pipeline_get_training_table (pipeline));
  g_assert_cmpuint (changes, ==, 1);

  fit_reference_rows (pipeline, table);
  orchard_pipeline_move (pipeline, 4, 0);
  g_assert_false (orchard_pipeline_is_fitted (pipeline));
  g_assert_true (orchard_pipeline_get_step (pipeline, 0) == extra);
  g_assert_cmpuint (changes, ==, 2);

  fit_reference_rows (pipeline, table);
  orchard_pipeline_remove (pipeline, 0);
  g_assert_false (orchard_pipeline_is_fitted (pipeline));
  g_assert_cmpuint (changes, ==, 3);

  /* Changing a step's option unfits the pipeline too, and says so. */
  fit_reference_rows (pipeline, table);
  g_signal_connect_swapped (pipeline, "notify::fitted", G_CALLBACK (on_fitted_changed), &changes);
  g_object_set (orchard_pipeline_get_step (pipeline, 2), "method", ORCHARD_SCALE_ROBUST, NULL);
  g_assert_false (orchard_pipeline_is_fitted (pipeline));
  g_assert_cmpuint (changes, ==, 4);
  g_assert_null (orchard_pipeline_get_training_table (pipeline));

  /* A removed step no longer speaks for the pipeline. */
  fit_reference_rows (pipeline, table);
  g_assert_cmpuint (changes, ==, 5);
  {
    g_autoptr(OrchardStep) last = g_object_ref (orchard_pipeline_get_step (pipeline, 3));

    orchard_pipeline_remove (pipeline, 3);
    g_assert_cmpuint (changes, ==, 7);   /* items-changed and fitted */
    g_object_set (last, "max-levels", 3, NULL);
    g_assert_cmpuint (changes, ==, 7);
  }
}

static void
test_cancel (void)
{
  g_autoptr(OrchardTable) table = penguins ();
  g_autoptr(OrchardPipeline) pipeline = from_spec (standard_spec);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const gsize rows[] = { 1, 2, 3 };

  g_cancellable_cancel (cancellable);
  g_assert_false (orchard_pipeline_fit (pipeline, table, rows, 3, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Specs and variants ------------------------------------------------------ */

static void
test_spec_round_trip (void)
{
  g_autoptr(OrchardPipeline) pipeline = from_spec (standard_spec);
  g_autofree char *spec = NULL;
  g_autofree char *again = NULL;
  g_autoptr(OrchardPipeline) reread = NULL;

  orchard_pipeline_add_note (pipeline, "Written by hand");
  spec = orchard_pipeline_to_spec (pipeline);
  g_test_message ("%s", spec);
  g_assert_nonnull (strstr (spec, "\"format\" : \"orchard-pipeline\""));

  reread = from_spec (spec);
  again = orchard_pipeline_to_spec (reread);
  g_assert_cmpstr (spec, ==, again);
  g_assert_cmpstr (orchard_pipeline_get_notes (reread)[0], ==, "Written by hand");
  g_assert_null (orchard_pipeline_get_notes (reread)[1]);
}

static void
assert_spec_error (const char *json,
                   GQuark      domain,
                   int         code,
                   const char *fragment)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardPipeline) pipeline = orchard_pipeline_new_from_json (root, "spec.json", &error);

  g_assert_null (pipeline);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "spec.json: "));
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_spec_errors (void)
{
  assert_spec_error ("[]", ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT, "JSON object");
  assert_spec_error ("{}", ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT, "needs a \"steps\" list");
  assert_spec_error ("{\"steps\": [], \"stepz\": 1}", ORCHARD_ERROR,
                     ORCHARD_ERROR_INVALID_ARGUMENT, "unknown member \"stepz\"");
  assert_spec_error ("{\"version\": 2, \"steps\": []}", ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                     "version 1");
  assert_spec_error ("{\"format\": \"sklearn\", \"steps\": []}", ORCHARD_ERROR,
                     ORCHARD_ERROR_INVALID_ARGUMENT, "\"format\"");
  assert_spec_error ("{\"notes\": [3], \"steps\": []}", ORCHARD_ERROR,
                     ORCHARD_ERROR_INVALID_ARGUMENT, "list of strings");
  assert_spec_error ("{\"steps\": [{\"step\": \"impute\"},"
                     " {\"step\": \"scale\", \"method\": \"z\"}]}",
                     ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                     "spec.json: steps[1] (“scale”): option “method” must be one of standard, "
                     "min-max, robust, not “z”");
}

static void
test_spec_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orchard-pipeline-XXXXXX", &error);
  g_autofree char *good_path = g_build_filename (dir, "good.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(OrchardPipeline) pipeline = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (good_path, standard_spec, -1, &error));
  g_assert_true (g_file_set_contents (bad_path, "{\n  \"steps\": [\n    {\"step\": }\n  ]\n}\n",
                                      -1, &error));

  pipeline = orchard_pipeline_new_from_file (good, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_pipeline_get_n_steps (pipeline), ==, 4);

  /* A syntax error names the file, the line and the column. */
  g_assert_null (orchard_pipeline_new_from_file (bad, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "bad.json"));
  g_assert_nonnull (strstr (error->message, ":3:"));

  g_unlink (good_path);
  g_unlink (bad_path);
  g_rmdir (dir);
}

static void
test_variant_round_trip (void)
{
  g_autoptr(OrchardTable) table = penguins ();
  g_autoptr(OrchardPipeline) pipeline = from_spec (standard_spec);
  g_autoptr(OrchardPipeline) loaded = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) from_bytes = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(OrchardMatrix) a = NULL;
  g_autoptr(OrchardMatrix) b = NULL;
  g_autoptr(GError) error = NULL;

  orchard_pipeline_add_note (pipeline, "note");
  fit_reference_rows (pipeline, table);
  variant = orchard_pipeline_to_variant (pipeline);
  g_assert_true (g_variant_is_normal_form (variant));

  bytes = g_variant_get_data_as_bytes (variant);
  from_bytes = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
  loaded = orchard_pipeline_new_from_variant (from_bytes, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_pipeline_is_fitted (loaded));
  g_assert_cmpstr (orchard_pipeline_get_target (loaded), ==, "species");
  g_assert_cmpstr (orchard_pipeline_get_notes (loaded)[0], ==, "note");
  /* The training table stays with the process that fitted. */
  g_assert_null (orchard_pipeline_get_training_table (loaded));

  a = transform (pipeline, table);
  b = transform (loaded, table);
  assert_matrices_equal (a, b);

  /* An unfitted pipeline round-trips unfitted. */
  {
    g_autoptr(OrchardPipeline) fresh = from_spec (standard_spec);
    g_autoptr(GVariant) v = orchard_pipeline_to_variant (fresh);
    g_autoptr(OrchardPipeline) back = orchard_pipeline_new_from_variant (v, &error);

    g_assert_no_error (error);
    g_assert_false (orchard_pipeline_is_fitted (back));
    g_assert_cmpuint (orchard_pipeline_get_n_steps (back), ==, 4);
  }

  /* Damaged: claims to be fitted, one step is not; not a pipeline at all. */
  {
    g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (variant);
    g_autoptr(OrchardPipeline) fresh = from_spec (standard_spec);
    g_autoptr(GVariant) unfitted = orchard_pipeline_to_variant (fresh);
    g_autoptr(GVariant) steps = g_variant_lookup_value (unfitted, "steps", NULL);
    g_autoptr(GVariant) bad = NULL;

    g_variant_dict_insert_value (&dict, "steps", steps);
    bad = g_variant_ref_sink (g_variant_dict_end (&dict));
    g_assert_null (orchard_pipeline_new_from_variant (bad, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
    g_clear_error (&error);

    g_clear_pointer (&bad, g_variant_unref);
    bad = g_variant_ref_sink (g_variant_new_parsed ("{'format': <'orchard-model'>}"));
    g_assert_null (orchard_pipeline_new_from_variant (bad, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
    g_clear_error (&error);

    g_clear_pointer (&bad, g_variant_unref);
    bad = g_variant_ref_sink (g_variant_new_parsed ("{'format': <'orchard-pipeline'>, "
                                                    "'version': <uint32 9>}"));
    g_assert_null (orchard_pipeline_new_from_variant (bad, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED);
  }
}

/* Leakage ----------------------------------------------------------------- */

/* A table whose test rows (i % 5 == 0) are rewritten with @changed. */
static OrchardTable *
penguins_with_test_rows (gboolean changed)
{
  g_autoptr(OrchardTable) table = penguins ();
  g_autoptr(GPtrArray) columns = column_list ();
  gsize n = orchard_table_get_n_rows (table);
  g_autoptr(GError) error = NULL;
  OrchardTable *out;

  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);
      const char *name = orchard_column_get_name (column);

      if (!changed)
        {
          g_ptr_array_add (columns, orchard_column_ref (column));
        }
      else if (orchard_column_is_coded (column))
        {
          g_autofree const char **labels = g_new (const char *, n);

          for (gsize r = 0; r < n; r++)
            labels[r] = r % 5 == 0 ? (r % 10 == 0 ? NULL : "Atlantis") : label_at (column, r);
          g_ptr_array_add (columns, strings (name, labels, n));
        }
      else
        {
          g_autofree double *values = g_memdup2 (orchard_column_get_values (column),
                                                 n * sizeof (double));

          for (gsize r = 0; r < n; r += 5)
            values[r] = r % 10 == 0 ? NAN : values[r] * 50.0 - 3.0;
          g_ptr_array_add (columns, numbers (name, values, n));
        }
    }

  out = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
  g_assert_no_error (error);
  return with_role (out, "species", ORCHARD_COLUMN_ROLE_TARGET);
}

/* Every kind of step in one pipeline, fitted on the same training rows of
 * two tables whose test rows differ wildly: not one saved byte differs. */
static void
test_leakage_invariance (void)
{
  const char *spec =
    "{\"steps\": ["
    " {\"step\": \"drop-columns\", \"columns\": [\"year\"]},"
    " {\"step\": \"drop-duplicates\"},"
    " {\"step\": \"outliers\", \"rule\": \"z-score\", \"action\": \"remove\", \"z\": 2.5},"
    " {\"step\": \"impute\", \"strategy\": \"mean\", \"add-indicator\": true},"
    " {\"step\": \"impute-categorical\", \"strategy\": \"constant\"},"
    " {\"step\": \"outliers\", \"rule\": \"iqr\", \"iqr-k\": 1.0},"
    " {\"step\": \"target-encode\", \"columns\": [\"island\"], \"seed\": 4},"
    " {\"step\": \"one-hot\", \"max-levels\": 1},"
    " {\"step\": \"scale\", \"method\": \"robust\"},"
    " {\"step\": \"select\", \"method\": \"correlation\", \"correlation-threshold\": 0.9},"
    " {\"step\": \"select\", \"method\": \"mutual-info\", \"k\": 6},"
    " {\"step\": \"balance\", \"method\": \"oversample\", \"seed\": 2}"
    "]}";
  g_autoptr(OrchardTable) a = penguins_with_test_rows (FALSE);
  g_autoptr(OrchardTable) b = penguins_with_test_rows (TRUE);
  g_autoptr(OrchardPipeline) pa = from_spec (spec);
  g_autoptr(OrchardPipeline) pb = from_spec (spec);
  g_autoptr(GVariant) va = NULL;
  g_autoptr(GVariant) vb = NULL;
  g_autoptr(OrchardMatrix) ma = NULL;
  g_autoptr(OrchardMatrix) mb = NULL;
  g_autoptr(GError) error = NULL;

  fit_reference_rows (pa, a);
  fit_reference_rows (pb, b);
  va = orchard_pipeline_to_variant (pa);
  vb = orchard_pipeline_to_variant (pb);
  g_assert_true (g_variant_equal (va, vb));

  ma = orchard_pipeline_vectorise (pa, orchard_pipeline_get_training_table (pa), &error);
  mb = orchard_pipeline_vectorise (pb, orchard_pipeline_get_training_table (pb), &error);
  g_assert_no_error (error);
  assert_matrices_equal (ma, mb);

  /* Guard against a vacuous pass: the test rows did change. */
  g_assert_false (g_str_equal (orchard_table_get_hash (a), orchard_table_get_hash (b)));
}

/* Automatic pipelines ----------------------------------------------------- */

static OrchardTable *
penguins_with_extras (void)
{
  g_autoptr(OrchardTable) table = penguins ();
  g_autoptr(GPtrArray) columns = column_list ();
  gsize n = orchard_table_get_n_rows (table);
  g_autofree double *id = g_new (double, n);
  g_autofree double *flat = g_new (double, n);
  g_autoptr(GError) error = NULL;
  OrchardTable *out;

  for (gsize r = 0; r < n; r++)
    {
      id[r] = 1000 + r;
      flat[r] = 1.0;
    }

  g_ptr_array_add (columns, numbers ("penguin_id", id, n));
  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    g_ptr_array_add (columns, orchard_column_ref (orchard_table_get_column (table, c)));
  g_ptr_array_add (columns, numbers ("study", flat, n));

  out = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
  g_assert_no_error (error);
  return with_role (out, "species", ORCHARD_COLUMN_ROLE_TARGET);
}

static OrchardPipeline *
auto_pipeline (OrchardTable       *table,
               OrchardModelFamily  family)
{
  g_autofree gsize *train = NULL;
  g_autoptr(OrchardTable) rows = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_train;
  int target = orchard_table_get_target (table);
  const char *target_name = NULL;

  if (target >= 0)
    target_name = orchard_column_get_name (orchard_table_get_column (table, target));
  train = reference_train_rows (orchard_table_get_n_rows (table), &n_train);
  rows = orchard_table_select_rows (table, train, n_train);
  profile = orchard_profile_compute (rows, target_name, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return orchard_pipeline_new_auto (profile, family);
}

static void
assert_step_ids (OrchardPipeline    *pipeline,
                 const char * const *ids)
{
  guint n = 0;

  for (; ids[n] != NULL; n++)
    {
      g_assert_cmpuint (n, <, orchard_pipeline_get_n_steps (pipeline));
      g_assert_cmpstr (orchard_step_get_id (orchard_pipeline_get_step (pipeline, n)), ==, ids[n]);
    }
  g_assert_cmpuint (n, ==, orchard_pipeline_get_n_steps (pipeline));
}

static gboolean
has_note (OrchardPipeline *pipeline,
          const char      *fragment)
{
  const char * const *notes = orchard_pipeline_get_notes (pipeline);

  for (guint i = 0; notes[i] != NULL; i++)
    if (strstr (notes[i], fragment) != NULL)
      return TRUE;

  return FALSE;
}

static void
test_auto (void)
{
  g_autoptr(OrchardTable) table = penguins_with_extras ();
  g_autoptr(OrchardPipeline) linear = auto_pipeline (table, ORCHARD_MODEL_FAMILY_LINEAR);
  g_autoptr(OrchardPipeline) trees = auto_pipeline (table, ORCHARD_MODEL_FAMILY_TREES);
  g_autoptr(OrchardPipeline) knn = auto_pipeline (table, ORCHARD_MODEL_FAMILY_KNN);
  const char * const linear_ids[] = { "drop-columns", "impute", "impute-categorical", "scale",
                                      "one-hot", NULL };
  const char * const tree_ids[] = { "drop-columns", "impute", "impute-categorical", "ordinal",
                                     NULL };
  g_auto(GStrv) dropped = NULL;

  for (const char * const *n = orchard_pipeline_get_notes (linear); *n != NULL; n++)
    g_test_message ("%s", *n);

  assert_step_ids (linear, linear_ids);
  assert_step_ids (knn, linear_ids);
  assert_step_ids (trees, tree_ids);

  /* The identifier and the constant column go, and the notes say why. */
  g_object_get (orchard_pipeline_get_step (linear, 0), "columns", &dropped, NULL);
  g_assert_cmpuint (g_strv_length (dropped), ==, 2);
  g_assert_cmpstr (dropped[0], ==, "penguin_id");
  g_assert_cmpstr (dropped[1], ==, "study");
  g_assert_true (has_note (linear, "Dropped “penguin_id”: it looks like a row identifier"));
  g_assert_true (has_note (linear, "Dropped “study”: it holds at most one value"));
  g_assert_true (has_note (trees, "Trees split on ordinal codes"));

  fit_reference_rows (linear, table);
  fit_reference_rows (trees, table);
  g_assert_cmpuint (orchard_pipeline_get_n_features (linear), ==, 12);
  g_assert_cmpuint (orchard_pipeline_get_n_features (trees), ==, 7);
  for (guint f = 0; f < orchard_pipeline_get_n_features (trees); f++)
    g_assert_cmpstr (orchard_pipeline_get_feature_name (trees, f), ==,
                     orchard_pipeline_get_feature_source (trees, f));

  /* New data need not carry the columns the pipeline drops. */
  {
    g_autoptr(OrchardTable) plain = penguins ();
    g_autoptr(OrchardMatrix) with_extras = transform (linear, table);
    g_autoptr(OrchardMatrix) without = transform (linear, plain);

    assert_matrices_equal (with_extras, without);
  }

  /* Trees see categories as codes 0, 1, 2 and unscaled numbers. */
  {
    g_autoptr(OrchardMatrix) matrix = transform (trees, table);
    int island = orchard_matrix_find_feature (matrix, "island");
    int mass = orchard_matrix_find_feature (matrix, "body_mass_g");

    g_assert_cmpfloat (orchard_matrix_get (matrix, 0, island), ==, 2.0);   /* Torgersen */
    g_assert_cmpfloat (orchard_matrix_get (matrix, 0, mass), ==, 3750.0);
  }
}

static void
test_auto_dates (void)
{
  g_autoptr(OrchardTable) weather = with_role (load_sample ("seattle-weather.csv"), "weather",
                                               ORCHARD_COLUMN_ROLE_TARGET);
  g_autoptr(OrchardPipeline) pipeline = auto_pipeline (weather, ORCHARD_MODEL_FAMILY_NEURAL);
  const char * const ids[] = { "datetime", "impute", "scale", NULL };
  g_autoptr(OrchardMatrix) matrix = NULL;

  assert_step_ids (pipeline, ids);
  fit_reference_rows (pipeline, weather);
  matrix = transform (pipeline, weather);

  /* Four measurements and five calendar features (no hours in the data). */
  g_assert_cmpuint (orchard_matrix_get_n_cols (matrix), ==, 9);
  g_assert_cmpstr (orchard_matrix_get_feature_source (matrix, 0), ==, "date");
  g_assert_cmpstr (orchard_matrix_get_feature_name (matrix, 0), ==, "date:year");
}

static void
test_model_family (void)
{
  OrchardModelFamily family;

  g_assert_true (orchard_model_family_from_string ("knn", &family));
  g_assert_cmpint (family, ==, ORCHARD_MODEL_FAMILY_KNN);
  g_assert_cmpstr (orchard_model_family_to_string (ORCHARD_MODEL_FAMILY_TREES), ==, "trees");
  g_assert_false (orchard_model_family_from_string ("forest", &family));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Pipeline/fit-transform", test_fit_transform);
  g_test_add_func ("/engine/Pipeline/training-table", test_training_table);
  g_test_add_func ("/engine/Pipeline/class-weights", test_class_weights);
  g_test_add_func ("/engine/Pipeline/not-vectorisable", test_not_vectorisable);
  g_test_add_func ("/engine/Pipeline/new-data", test_new_data);
  g_test_add_func ("/engine/Pipeline/edits-unfit", test_edits_unfit);
  g_test_add_func ("/engine/Pipeline/cancel", test_cancel);
  g_test_add_func ("/engine/Pipeline/spec-round-trip", test_spec_round_trip);
  g_test_add_func ("/engine/Pipeline/spec-errors", test_spec_errors);
  g_test_add_func ("/engine/Pipeline/spec-file", test_spec_file);
  g_test_add_func ("/engine/Pipeline/variant-round-trip", test_variant_round_trip);
  g_test_add_func ("/engine/Pipeline/leakage-invariance", test_leakage_invariance);
  g_test_add_func ("/engine/Pipeline/auto", test_auto);
  g_test_add_func ("/engine/Pipeline/auto-dates", test_auto_dates);
  g_test_add_func ("/engine/Pipeline/model-family", test_model_family);

  return g_test_run ();
}
