/* test-prep-reference.c: every preprocessing step against scikit-learn
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected numbers come from tests/reference/prep_reference.py
 * (scikit-learn 1.2.1, pandas 1.5.3, NumPy 1.24.2; provenance in
 * tests/data/prep-reference.json). Each step is fitted on the training rows
 * (row i with i % 5 != 0) and applied to the test rows (i % 5 == 0), as
 * the script does.
 */
#include <json-glib/json-glib.h>

#include "prep-test-util.h"

#define TOLERANCE 1e-12

static JsonObject *
reference (const char *member)
{
  static JsonParser *parser;

  if (parser == NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_TEST_DATA_DIR"),
                                                "prep-reference.json", NULL);
      g_autoptr(GError) error = NULL;

      parser = json_parser_new ();
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
    }

  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        member);
}

static const char * const numeric[] = {
  "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year",
};

static double
number_at (JsonArray *array,
           guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_NULL (node) ? NAN : json_node_get_double (node);
}

typedef struct
{
  OrchardTable *table;
  OrchardTable *train;
  OrchardTable *test;
} Data;

static void
data_init (Data       *data,
           const char *sample,
           const char *target)
{
  g_autofree gsize *train = NULL;
  g_autofree gsize *test = NULL;
  gsize n_train, n_test;

  data->table = load_sample (sample);
  if (target != NULL)
    data->table = with_role (data->table, target, ORCHARD_COLUMN_ROLE_TARGET);

  train = reference_train_rows (orchard_table_get_n_rows (data->table), &n_train);
  test = reference_test_rows (orchard_table_get_n_rows (data->table), &n_test);
  data->train = orchard_table_select_rows (data->table, train, n_train);
  data->test = orchard_table_select_rows (data->table, test, n_test);
}

static void
data_clear (Data *data)
{
  g_clear_object (&data->table);
  g_clear_object (&data->train);
  g_clear_object (&data->test);
}

/* Fits @step on @train and returns it applied to @test. */
static OrchardTable *
fit_transform (OrchardStep  *step,
               OrchardTable *train,
               OrchardTable *test)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) fitted = orchard_step_fit (step, train, NULL, &error);
  OrchardTable *out;

  g_assert_no_error (error);
  g_assert_nonnull (fitted);
  out = orchard_step_transform (step, test, &error);
  g_assert_no_error (error);
  return out;
}

/* The per-column entry @key of a fitted step's report. */
static double
report_number (OrchardStep *step,
               const char  *column,
               const char  *key)
{
  g_autoptr(GVariant) report = orchard_step_get_report (step);
  g_autoptr(GVariant) columns = g_variant_lookup_value (report, "columns",
                                                        G_VARIANT_TYPE ("a{sa{sv}}"));
  g_autoptr(GVariant) entry = g_variant_lookup_value (columns, column, G_VARIANT_TYPE_VARDICT);
  double value;

  g_assert_nonnull (entry);
  g_assert_true (g_variant_lookup (entry, key, "d", &value));
  return value;
}

static char **
report_strings (OrchardStep *step,
                const char  *column,
                const char  *key)
{
  g_autoptr(GVariant) report = orchard_step_get_report (step);
  g_autoptr(GVariant) columns = g_variant_lookup_value (report, "columns",
                                                        G_VARIANT_TYPE ("a{sa{sv}}"));
  g_autoptr(GVariant) entry = g_variant_lookup_value (columns, column, G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) strings = NULL;

  g_assert_nonnull (entry);
  strings = g_variant_lookup_value (entry, key, G_VARIANT_TYPE_STRING_ARRAY);
  g_assert_nonnull (strings);
  return g_variant_dup_strv (strings, NULL);
}

/* Compares the columns @names of @table, row by row, with @rows (an array
 * of arrays, one entry per name). */
static void
assert_rows (OrchardTable       *table,
             const char * const *names,
             guint               n_names,
             JsonArray          *rows)
{
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, json_array_get_length (rows));

  for (guint c = 0; c < n_names; c++)
    {
      const double *values = values_of (table, names[c]);

      for (guint r = 0; r < json_array_get_length (rows); r++)
        assert_close (values[r], number_at (json_array_get_array_element (rows, r), c), TOLERANCE);
    }
}

/* Imputation -------------------------------------------------------------- */

static void
test_impute_numeric (void)
{
  JsonObject *expected = reference ("impute_numeric");
  const struct { OrchardImputeStrategy strategy; const char *key; } cases[] = {
    { ORCHARD_IMPUTE_MEAN, "mean" },
    { ORCHARD_IMPUTE_MEDIAN, "median" },
    { ORCHARD_IMPUTE_MOST_FREQUENT, "most_frequent" },
    { ORCHARD_IMPUTE_CONSTANT, "constant" },
  };
  Data data;

  data_init (&data, "penguins.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OrchardStep) step = orchard_impute_step_new (cases[i].strategy);
      g_autoptr(OrchardTable) out = fit_transform (step, data.train, data.test);
      JsonArray *statistics = json_object_get_array_member (expected, cases[i].key);

      for (guint c = 0; c < G_N_ELEMENTS (numeric); c++)
        {
          assert_close (report_number (step, numeric[c], "fill"), number_at (statistics, c),
                        TOLERANCE);
          for (gsize r = 0; r < orchard_table_get_n_rows (out); r++)
            g_assert_false (isnan (values_of (out, numeric[c])[r]));
        }
    }

  /* With indicators: SimpleImputer(mean, add_indicator=True) on the test rows. */
  {
    g_autoptr(OrchardStep) step = orchard_impute_step_new (ORCHARD_IMPUTE_MEAN);
    g_autoptr(OrchardTable) out = NULL;
    JsonArray *features = json_object_get_array_member (expected, "indicator_features");
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

    g_object_set (step, "add-indicator", TRUE, NULL);
    out = fit_transform (step, data.train, data.test);

    for (guint f = 0; f < json_array_get_length (features); f++)
      {
        const char *feature = json_array_get_string_element (features, f);

        if (g_str_has_prefix (feature, "missingindicator_"))
          g_ptr_array_add (names, g_strconcat (feature + strlen ("missingindicator_"),
                                               ":missing", NULL));
        else
          g_ptr_array_add (names, g_strdup (feature));
      }

    /* Only columns with missing training values get an indicator. */
    g_assert_cmpint (orchard_table_find_column (out, "year:missing"), ==, -1);
    g_assert_cmpint (orchard_table_find_column (out, "bill_length_mm:missing"), ==,
                     orchard_table_find_column (out, "bill_length_mm") + 1);
    assert_rows (out, (const char * const *) names->pdata, names->len,
                 json_object_get_array_member (expected, "mean_with_indicator_test"));
  }

  data_clear (&data);
}

static void
test_impute_categorical (void)
{
  JsonObject *expected = reference ("impute_categorical");
  JsonArray *most = json_object_get_array_member (expected, "most_frequent");
  JsonArray *constant = json_object_get_array_member (expected, "constant");
  JsonArray *missing = json_object_get_array_member (expected, "missing_in_train");
  const char * const columns[] = { "island", "sex" };
  g_autoptr(OrchardStep) frequent =
    orchard_impute_categorical_step_new (ORCHARD_IMPUTE_CATEGORICAL_MOST_FREQUENT);
  g_autoptr(OrchardStep) marked =
    orchard_impute_categorical_step_new (ORCHARD_IMPUTE_CATEGORICAL_CONSTANT);
  g_autoptr(OrchardTable) out_frequent = NULL;
  g_autoptr(OrchardTable) out_marked = NULL;
  Data data;

  data_init (&data, "penguins.csv", NULL);
  out_frequent = fit_transform (frequent, data.train, data.test);
  out_marked = fit_transform (marked, data.train, data.test);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_autoptr(GVariant) report = orchard_step_get_report (frequent);
      g_autoptr(GVariant) all = g_variant_lookup_value (report, "columns",
                                                        G_VARIANT_TYPE ("a{sa{sv}}"));
      g_autoptr(GVariant) entry = g_variant_lookup_value (all, columns[c], G_VARIANT_TYPE_VARDICT);
      OrchardColumn *before = column_named (data.test, columns[c]);
      OrchardColumn *after = column_named (out_frequent, columns[c]);
      OrchardColumn *after_marked = column_named (out_marked, columns[c]);
      const char *fill;
      guint64 imputed;

      g_assert_true (g_variant_lookup (entry, "fill", "&s", &fill));
      g_assert_true (g_variant_lookup (entry, "imputed", "t", &imputed));
      g_assert_cmpstr (fill, ==, json_array_get_string_element (most, c));
      g_assert_cmpuint (imputed, ==, json_array_get_int_element (missing, c));

      for (gsize r = 0; r < orchard_column_get_n_rows (before); r++)
        {
          g_autofree char *was = orchard_column_format_value (before, r);
          g_autofree char *now = orchard_column_format_value (after, r);
          g_autofree char *now_marked = orchard_column_format_value (after_marked, r);

          g_assert_cmpstr (now, ==, was[0] != '\0' ? was : json_array_get_string_element (most, c));
          g_assert_cmpstr (now_marked, ==,
                           was[0] != '\0' ? was : json_array_get_string_element (constant, c));
        }
    }

  data_clear (&data);
}

/* Scaling ----------------------------------------------------------------- */

static void
test_scale (void)
{
  JsonObject *expected = reference ("scale");
  const struct { OrchardScaleMethod method; const char *key; } cases[] = {
    { ORCHARD_SCALE_STANDARD, "standard" },
    { ORCHARD_SCALE_MIN_MAX, "min-max" },
    { ORCHARD_SCALE_ROBUST, "robust" },
  };
  Data data;

  data_init (&data, "penguins.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      JsonObject *scaler = json_object_get_object_member (expected, cases[i].key);
      g_autoptr(OrchardStep) step = orchard_scale_step_new (cases[i].method);
      g_autoptr(OrchardTable) out = fit_transform (step, data.train, data.test);

      g_test_message ("%s", cases[i].key);
      for (guint c = 0; c < G_N_ELEMENTS (numeric); c++)
        {
          assert_close (report_number (step, numeric[c], "center"),
                        number_at (json_object_get_array_member (scaler, "center"), c), TOLERANCE);
          assert_close (report_number (step, numeric[c], "scale"),
                        number_at (json_object_get_array_member (scaler, "scale"), c), TOLERANCE);
        }
      assert_rows (out, numeric, G_N_ELEMENTS (numeric),
                   json_object_get_array_member (scaler, "test"));
    }

  data_clear (&data);
}

/* Encoding ---------------------------------------------------------------- */

/* The training rows without Torgersen, so that it is unseen in the test rows. */
static OrchardTable *
without_torgersen (OrchardTable *train)
{
  OrchardColumn *island = column_named (train, "island");
  g_autofree gsize *rows = g_new (gsize, orchard_table_get_n_rows (train));
  gsize n = 0;

  for (gsize r = 0; r < orchard_table_get_n_rows (train); r++)
    {
      g_autofree char *value = orchard_column_format_value (island, r);

      if (strcmp (value, "Torgersen") != 0)
        rows[n++] = r;
    }

  return orchard_table_select_rows (train, rows, n);
}

static void
assert_encoded (OrchardStep *encoder,
                OrchardStep *imputer,
                OrchardTable *seen,
                OrchardTable *test,
                JsonObject   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) imputed_seen = orchard_step_fit (imputer, seen, NULL, &error);
  g_autoptr(OrchardTable) imputed_test = NULL;
  g_autoptr(OrchardTable) out = NULL;
  JsonArray *features = json_object_get_array_member (expected, "features");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_encoded = 0;

  g_assert_no_error (error);
  imputed_test = orchard_step_transform (imputer, test, &error);
  g_assert_no_error (error);
  out = fit_transform (encoder, imputed_seen, imputed_test);

  for (guint f = 0; f < json_array_get_length (features); f++)
    g_ptr_array_add (names, (gpointer) json_array_get_string_element (features, f));

  /* Exactly these features, in this order, where the columns were. */
  for (guint c = 0; c < orchard_table_get_n_columns (out); c++)
    {
      const char *name = orchard_column_get_name (orchard_table_get_column (out, c));

      if (strchr (name, '=') != NULL)
        {
          g_assert_cmpuint (n_encoded, <, names->len);
          g_assert_cmpstr (name, ==, g_ptr_array_index (names, n_encoded));
          n_encoded++;
        }
    }
  g_assert_cmpuint (n_encoded, ==, names->len);

  assert_rows (out, (const char * const *) names->pdata, names->len,
               json_object_get_array_member (expected, "test"));
}

static void
test_one_hot (void)
{
  JsonObject *expected = reference ("one_hot");
  g_autoptr(OrchardTable) seen = NULL;
  const char * const both[] = { "island", "sex", NULL };
  const char * const island[] = { "island", NULL };
  Data data;

  data_init (&data, "penguins.csv", NULL);
  seen = without_torgersen (data.train);

  /* handle_unknown="ignore": Torgersen sets no column. */
  {
    g_autoptr(OrchardStep) imputer =
      orchard_impute_categorical_step_new (ORCHARD_IMPUTE_CATEGORICAL_MOST_FREQUENT);
    g_autoptr(OrchardStep) encoder = orchard_one_hot_step_new ();

    g_object_set (imputer, "columns", both, NULL);
    g_object_set (encoder, "columns", both, "unseen", ORCHARD_UNSEEN_ZERO, NULL);
    assert_encoded (encoder, imputer, seen, data.test,
                    json_object_get_object_member (expected, "ignore"));
  }

  /* max_categories=2, handle_unknown="infrequent_if_exist": one level of
   * its own, the rest and Torgersen in "(other)". */
  {
    g_autoptr(OrchardStep) imputer =
      orchard_impute_categorical_step_new (ORCHARD_IMPUTE_CATEGORICAL_MOST_FREQUENT);
    g_autoptr(OrchardStep) encoder = orchard_one_hot_step_new ();
    g_auto(GStrv) other = NULL;

    g_object_set (imputer, "columns", both, NULL);
    g_object_set (encoder, "columns", island, "max-levels", 1, NULL);
    assert_encoded (encoder, imputer, seen, data.test,
                    json_object_get_object_member (expected, "infrequent"));

    other = report_strings (encoder, "island", "other_levels");
    g_assert_cmpuint (g_strv_length (other), ==, 1);
    g_assert_cmpstr (other[0], ==, "Dream");
  }

  data_clear (&data);
}

static void
test_ordinal (void)
{
  JsonObject *expected = reference ("ordinal");
  JsonArray *categories = json_object_get_array_member (expected, "categories");
  const char * const columns[] = { "island", "sex" };
  g_autoptr(OrchardStep) step = orchard_ordinal_step_new ();
  g_autoptr(OrchardTable) seen = NULL;
  g_autoptr(OrchardTable) out = NULL;
  Data data;

  data_init (&data, "penguins.csv", NULL);
  seen = without_torgersen (data.train);
  out = fit_transform (step, seen, data.test);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      JsonArray *levels = json_array_get_array_element (categories, c);
      g_auto(GStrv) fitted = report_strings (step, columns[c], "levels");

      /* Torgersen is not among the levels although the table's level list
       * names it: only levels of the training rows count. */
      g_assert_cmpuint (g_strv_length (fitted), ==, json_array_get_length (levels));
      for (guint l = 0; l < json_array_get_length (levels); l++)
        g_assert_cmpstr (fitted[l], ==, json_array_get_string_element (levels, l));
    }

  assert_rows (out, columns, G_N_ELEMENTS (columns),
               json_object_get_array_member (expected, "test"));
  data_clear (&data);
}

static void
test_target_encoding (void)
{
  JsonObject *expected = reference ("target_encoding");
  JsonArray *classes = json_object_get_array_member (expected, "classes");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char * const island[] = { "island", NULL };
  g_autoptr(OrchardStep) step = orchard_target_encode_step_new ();
  g_autoptr(OrchardTable) out = NULL;
  Data data;

  data_init (&data, "penguins.csv", "species");
  g_object_set (step, "columns", island, "smoothing",
                json_object_get_double_member (expected, "smoothing"), NULL);
  out = fit_transform (step, data.train, data.test);

  for (guint k = 0; k < json_array_get_length (classes); k++)
    g_ptr_array_add (names, g_strdup_printf ("island:target=%s",
                                             json_array_get_string_element (classes, k)));

  /* New rows get the encoding learnt from all training rows. */
  assert_rows (out, (const char * const *) names->pdata, names->len,
               json_object_get_array_member (expected, "test"));
  g_assert_cmpint (orchard_table_find_column (out, "island"), ==, -1);
  g_assert_cmpstr (orchard_step_get_source (step, "island:target=Gentoo"), ==, "island");

  data_clear (&data);
}

/* Outliers ---------------------------------------------------------------- */

static void
test_outliers (void)
{
  JsonObject *expected = reference ("outliers");
  const struct { OrchardOutlierRule rule; const char *key; } cases[] = {
    { ORCHARD_OUTLIER_IQR, "iqr" },
    { ORCHARD_OUTLIER_Z_SCORE, "z-score" },
    { ORCHARD_OUTLIER_PERCENTILE, "percentile" },
  };
  Data data;

  data_init (&data, "penguins.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      JsonObject *bounds = json_object_get_object_member (expected, cases[i].key);
      g_autoptr(OrchardStep) step = orchard_outlier_step_new (cases[i].rule, ORCHARD_OUTLIER_CLIP);
      g_autoptr(OrchardTable) out = fit_transform (step, data.train, data.test);
      g_autoptr(GVariant) report = orchard_step_get_report (step);
      g_autoptr(GVariant) columns = g_variant_lookup_value (report, "columns",
                                                            G_VARIANT_TYPE ("a{sa{sv}}"));

      g_test_message ("%s", cases[i].key);
      for (guint c = 0; c < G_N_ELEMENTS (numeric); c++)
        {
          g_autoptr(GVariant) entry = g_variant_lookup_value (columns, numeric[c],
                                                              G_VARIANT_TYPE_VARDICT);
          double lower = number_at (json_object_get_array_member (bounds, "lower"), c);
          double upper = number_at (json_object_get_array_member (bounds, "upper"), c);
          const double *clipped = values_of (out, numeric[c]);
          guint64 below, above;

          assert_close (report_number (step, numeric[c], "lower"), lower, TOLERANCE);
          assert_close (report_number (step, numeric[c], "upper"), upper, TOLERANCE);
          g_assert_true (g_variant_lookup (entry, "below", "t", &below));
          g_assert_true (g_variant_lookup (entry, "above", "t", &above));
          g_assert_cmpuint (below + above, ==,
                            json_array_get_int_element (json_object_get_array_member (bounds,
                                                                                      "outside"),
                                                        c));

          for (gsize r = 0; r < orchard_table_get_n_rows (out); r++)
            if (!isnan (clipped[r]))
              {
                g_assert_cmpfloat (clipped[r], >=, report_number (step, numeric[c], "lower"));
                g_assert_cmpfloat (clipped[r], <=, report_number (step, numeric[c], "upper"));
              }
        }
    }

  data_clear (&data);
}

/* Dates ------------------------------------------------------------------- */

static void
test_datetime (void)
{
  JsonObject *expected = reference ("datetime");
  const char * const features[] = { "year", "month", "day-of-week", "day-of-year", "elapsed-days" };
  g_autoptr(OrchardStep) step = orchard_datetime_step_new (ORCHARD_DATETIME_ALL);
  g_autoptr(OrchardTable) out = NULL;
  JsonArray *test_dates = json_object_get_array_member (expected, "test_dates");
  Data data;

  data_init (&data, "seattle-weather.csv", NULL);
  out = fit_transform (step, data.train, data.test);

  g_assert_cmpuint (orchard_table_get_n_rows (out), ==, json_array_get_length (test_dates));
  for (gsize r = 0; r < json_array_get_length (test_dates); r++)
    {
      g_autofree char *date = orchard_column_format_value (column_named (data.test, "date"), r);
      g_assert_cmpstr (date, ==, json_array_get_string_element (test_dates, r));
    }

  for (guint f = 0; f < G_N_ELEMENTS (features); f++)
    {
      g_autofree char *name = g_strdup_printf ("date:%s", features[f]);
      JsonArray *values = json_object_get_array_member (expected, features[f]);
      const double *got = values_of (out, name);

      for (gsize r = 0; r < json_array_get_length (values); r++)
        assert_close (got[r], number_at (values, r), TOLERANCE);
      g_assert_cmpstr (orchard_step_get_source (step, name), ==, "date");
    }

  /* Every value is a date alone, so there is no hour to learn from. */
  g_assert_cmpint (orchard_table_find_column (out, "date:hour"), ==, -1);
  g_assert_cmpint (orchard_table_find_column (out, "date"), ==, -1);

  data_clear (&data);
}

/* Feature selection ------------------------------------------------------- */

static void
assert_kept (OrchardStep *step,
             OrchardTable *out,
             OrchardTable *train,
             JsonArray    *kept)
{
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (kept); i++)
    g_hash_table_add (expected, (gpointer) json_array_get_string_element (kept, i));

  for (guint c = 0; c < orchard_table_get_n_columns (train); c++)
    {
      const char *name = orchard_column_get_name (orchard_table_get_column (train, c));

      if (strcmp (name, "target") == 0)
        continue;
      g_test_message ("%s %s", name, g_hash_table_contains (expected, name) ? "kept" : "dropped");
      g_assert_cmpint (orchard_table_find_column (out, name) >= 0, ==,
                       g_hash_table_contains (expected, name));
    }

  /* The target is never a candidate. */
  g_assert_cmpint (orchard_table_find_column (out, "target"), >=, 0);
}

static void
test_select_variance (void)
{
  JsonObject *expected = reference ("variance");
  JsonArray *variances = json_object_get_array_member (expected, "variances");
  g_autoptr(OrchardStep) step = orchard_select_step_new (ORCHARD_SELECT_VARIANCE);
  g_autoptr(OrchardTable) out = NULL;
  Data data;

  data_init (&data, "wine.csv", "target");
  g_object_set (step, "variance-threshold", json_object_get_double_member (expected, "threshold"),
                NULL);
  out = fit_transform (step, data.train, data.test);

  for (guint c = 0; c < json_array_get_length (variances); c++)
    {
      const char *name = orchard_column_get_name (orchard_table_get_column (data.train, c));
      assert_close (report_number (step, name, "score"), number_at (variances, c), 1e-10);
    }
  assert_kept (step, out, data.train, json_object_get_array_member (expected, "kept"));

  data_clear (&data);
}

static void
test_select_correlation (void)
{
  JsonObject *expected = reference ("correlation");
  g_autoptr(OrchardStep) step = orchard_select_step_new (ORCHARD_SELECT_CORRELATION);
  g_autoptr(OrchardTable) out = NULL;
  Data data;

  data_init (&data, "wine.csv", "target");
  g_object_set (step, "correlation-threshold",
                json_object_get_double_member (expected, "threshold"), NULL);
  out = fit_transform (step, data.train, data.test);
  assert_kept (step, out, data.train, json_object_get_array_member (expected, "kept"));

  data_clear (&data);
}

static void
test_select_mutual_info (void)
{
  JsonObject *expected = reference ("mutual_info");
  JsonArray *scores = json_object_get_array_member (expected, "scores");
  g_autoptr(OrchardStep) step = orchard_select_step_new (ORCHARD_SELECT_MUTUAL_INFO);
  g_autoptr(OrchardTable) out = NULL;
  Data data;

  data_init (&data, "wine.csv", "target");
  g_object_set (step,
                "k", (guint) json_object_get_int_member (expected, "k"),
                "bins", (guint) json_object_get_int_member (expected, "bins"),
                NULL);
  out = fit_transform (step, data.train, data.test);

  for (guint c = 0; c < json_array_get_length (scores); c++)
    {
      const char *name = orchard_column_get_name (orchard_table_get_column (data.train, c));
      assert_close (report_number (step, name, "score"), number_at (scores, c), 1e-10);
    }
  assert_kept (step, out, data.train, json_object_get_array_member (expected, "kept"));

  data_clear (&data);
}

/* Class weights ----------------------------------------------------------- */

static void
test_class_weights (void)
{
  JsonObject *expected = reference ("class_weights");
  g_autoptr(OrchardStep) step = orchard_balance_step_new (ORCHARD_BALANCE_CLASS_WEIGHTS);
  g_autoptr(OrchardTable) out = NULL;
  g_autoptr(GList) classes = json_object_get_members (expected);
  OrchardBalanceStep *balance = ORCHARD_BALANCE_STEP (step);
  Data data;

  data_init (&data, "penguins.csv", "species");
  out = fit_transform (step, data.train, data.test);

  g_assert_cmpuint (orchard_balance_step_get_n_classes (balance), ==, g_list_length (classes));
  for (GList *l = classes; l != NULL; l = l->next)
    assert_close (orchard_balance_step_get_class_weight (balance, l->data),
                  json_object_get_double_member (expected, l->data), TOLERANCE);
  g_assert_cmpfloat (orchard_balance_step_get_class_weight (balance, "Emperor"), ==, 1.0);

  /* Weights leave every row as it was. */
  g_assert_true (out == data.test);

  data_clear (&data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/PrepReference/impute-numeric", test_impute_numeric);
  g_test_add_func ("/engine/PrepReference/impute-categorical", test_impute_categorical);
  g_test_add_func ("/engine/PrepReference/scale", test_scale);
  g_test_add_func ("/engine/PrepReference/one-hot", test_one_hot);
  g_test_add_func ("/engine/PrepReference/ordinal", test_ordinal);
  g_test_add_func ("/engine/PrepReference/target-encoding", test_target_encoding);
  g_test_add_func ("/engine/PrepReference/outliers", test_outliers);
  g_test_add_func ("/engine/PrepReference/datetime", test_datetime);
  g_test_add_func ("/engine/PrepReference/select-variance", test_select_variance);
  g_test_add_func ("/engine/PrepReference/select-correlation", test_select_correlation);
  g_test_add_func ("/engine/PrepReference/select-mutual-info", test_select_mutual_info);
  g_test_add_func ("/engine/PrepReference/class-weights", test_class_weights);

  return g_test_run ();
}
