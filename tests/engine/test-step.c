/* test-step.c: what every preprocessing step promises
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "prep-test-util.h"

/* A mixed table ----------------------------------------------------------- */

#define N_ROWS 60

/* Numbers with missing values, a constant-free second number, two
 * categorical columns with missing values, a date and a three-class
 * target; rows with i % 5 == 0 are the test rows. With @changed, every
 * test row is rewritten: other numbers, a new level, a later date, another
 * class. No fitted parameter may notice. */
static OrchardTable *
mixed_table (gboolean changed)
{
  static const char * const colours[] = { "red", "green", "blue", "green", "red", "green" };
  static const char * const sizes[] = { "S", "M", "L", "XL" };
  static const char * const classes[] = { "no", "yes", "maybe" };
  double x1[N_ROWS], x2[N_ROWS], d[N_ROWS];
  const char *c1[N_ROWS], *c2[N_ROWS], *y[N_ROWS];
  OrchardRng rng;

  orchard_rng_init (&rng, 99);
  for (guint i = 0; i < N_ROWS; i++)
    {
      x1[i] = i % 7 == 3 ? NAN : 10.0 + 5.0 * orchard_rng_normal (&rng) + (i % 3) * 4.0;
      x2[i] = orchard_rng_uniform (&rng) * 100.0 - 20.0;
      c1[i] = i % 11 == 4 ? NULL : colours[orchard_rng_below (&rng, G_N_ELEMENTS (colours))];
      c2[i] = sizes[i % 4];
      d[i] = 1.6e9 + 86400.0 * i + (i % 2) * 3600.0 * 5;
      y[i] = classes[(i + (x1[i] > 12.0)) % 3];

      if (changed && i % 5 == 0)
        {
          x1[i] = x1[i] * 1000.0 + 7.0;
          x2[i] = -x2[i] * 3.0;
          c1[i] = "never-in-training";
          c2[i] = i % 10 == 0 ? NULL : "XXL";
          d[i] += 3e8;
          y[i] = i % 10 == 0 ? "unheard-of" : "yes";
        }
    }

  return with_role (table_of (numbers ("x1", x1, N_ROWS), numbers ("x2", x2, N_ROWS),
                              strings ("c1", c1, N_ROWS), strings ("c2", c2, N_ROWS),
                              dates ("d", d, N_ROWS), strings ("y", y, N_ROWS), NULL),
                    "y", ORCHARD_COLUMN_ROLE_TARGET);
}

static OrchardTable *
rows_of (OrchardTable *table,
         gboolean      train)
{
  g_autofree gsize *rows = NULL;
  gsize n;

  rows = train ? reference_train_rows (orchard_table_get_n_rows (table), &n)
               : reference_test_rows (orchard_table_get_n_rows (table), &n);
  return orchard_table_select_rows (table, rows, n);
}

/* Every kind of step, with options worth testing. */
static OrchardStep *
make_step (guint index)
{
  const char * const x2[] = { "x2", NULL };
  const char * const c1[] = { "c1", NULL };

  switch (index)
    {
    case 0: return orchard_drop_columns_step_new (x2);
    case 1: return orchard_drop_duplicates_step_new ();
    case 2: return orchard_datetime_step_new (ORCHARD_DATETIME_ALL);
    case 3: return g_object_new (ORCHARD_TYPE_IMPUTE_STEP, "strategy", ORCHARD_IMPUTE_MEAN,
                                 "add-indicator", TRUE, NULL);
    case 4: return orchard_impute_step_new (ORCHARD_IMPUTE_MOST_FREQUENT);
    case 5: return orchard_impute_categorical_step_new (ORCHARD_IMPUTE_CATEGORICAL_CONSTANT);
    case 6: return orchard_impute_categorical_step_new (ORCHARD_IMPUTE_CATEGORICAL_MOST_FREQUENT);
    case 7: return orchard_outlier_step_new (ORCHARD_OUTLIER_IQR, ORCHARD_OUTLIER_CLIP);
    case 8: return orchard_outlier_step_new (ORCHARD_OUTLIER_Z_SCORE, ORCHARD_OUTLIER_REMOVE);
    case 9: return g_object_new (ORCHARD_TYPE_OUTLIER_STEP, "rule", ORCHARD_OUTLIER_PERCENTILE,
                                 "lower-quantile", 0.1, "upper-quantile", 0.8, NULL);
    case 10: return orchard_scale_step_new (ORCHARD_SCALE_STANDARD);
    case 11: return orchard_scale_step_new (ORCHARD_SCALE_MIN_MAX);
    case 12: return orchard_scale_step_new (ORCHARD_SCALE_ROBUST);
    case 13: return g_object_new (ORCHARD_TYPE_ONE_HOT_STEP, "max-levels", 2, NULL);
    case 14: return g_object_new (ORCHARD_TYPE_ONE_HOT_STEP, "unseen", ORCHARD_UNSEEN_ZERO, NULL);
    case 15: return orchard_ordinal_step_new ();
    case 16: return g_object_new (ORCHARD_TYPE_TARGET_ENCODE_STEP, "columns", c1, "folds", 4,
                                  "seed", (guint64) 5, NULL);
    case 17: return orchard_select_step_new (ORCHARD_SELECT_VARIANCE);
    case 18: return g_object_new (ORCHARD_TYPE_SELECT_STEP, "method", ORCHARD_SELECT_CORRELATION,
                                  "correlation-threshold", 0.1, NULL);
    case 19: return g_object_new (ORCHARD_TYPE_SELECT_STEP, "method", ORCHARD_SELECT_MUTUAL_INFO,
                                  "k", 2, NULL);
    case 20: return orchard_balance_step_new (ORCHARD_BALANCE_CLASS_WEIGHTS);
    case 21: return g_object_new (ORCHARD_TYPE_BALANCE_STEP, "method", ORCHARD_BALANCE_OVERSAMPLE,
                                  "seed", (guint64) 3, NULL);
    default: return NULL;
    }
}

static OrchardTable *
fit (OrchardStep  *step,
     OrchardTable *train)
{
  g_autoptr(GError) error = NULL;
  OrchardTable *out = orchard_step_fit (step, train, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_true (orchard_step_is_fitted (step));
  return out;
}

static OrchardTable *
transform (OrchardStep  *step,
           OrchardTable *table)
{
  g_autoptr(GError) error = NULL;
  OrchardTable *out = orchard_step_transform (step, table, &error);

  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

/* Same columns, kinds, roles and values (NaN equal to NaN, levels by text). */
static void
assert_tables_equal (OrchardTable *a,
                     OrchardTable *b)
{
  g_assert_cmpuint (orchard_table_get_n_columns (a), ==, orchard_table_get_n_columns (b));
  g_assert_cmpuint (orchard_table_get_n_rows (a), ==, orchard_table_get_n_rows (b));

  for (guint c = 0; c < orchard_table_get_n_columns (a); c++)
    {
      OrchardColumn *x = orchard_table_get_column (a, c);
      OrchardColumn *y = orchard_table_get_column (b, c);

      g_assert_cmpstr (orchard_column_get_name (x), ==, orchard_column_get_name (y));
      g_assert_cmpint (orchard_column_get_kind (x), ==, orchard_column_get_kind (y));
      g_assert_cmpint (orchard_table_get_role (a, c), ==, orchard_table_get_role (b, c));

      for (gsize r = 0; r < orchard_table_get_n_rows (a); r++)
        if (orchard_column_is_coded (x))
          {
            g_autofree char *u = orchard_column_format_value (x, r);
            g_autofree char *v = orchard_column_format_value (y, r);
            g_assert_cmpstr (u, ==, v);
          }
        else
          {
            double u = orchard_column_get_values (x)[r];
            double v = orchard_column_get_values (y)[r];
            g_assert_true ((isnan (u) && isnan (v)) || u == v);
          }
    }
}

/* The registry ------------------------------------------------------------ */

static void
test_registry (void)
{
  const char * const *ids = orchard_step_list_ids ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (; ids[n] != NULL; n++)
    {
      g_autoptr(OrchardStep) step = orchard_step_new (ids[n], &error);
      g_autofree GParamSpec **specs = NULL;
      guint n_specs;

      g_assert_no_error (error);
      g_assert_cmpstr (orchard_step_get_id (step), ==, ids[n]);
      g_assert_nonnull (orchard_step_id_get_title (ids[n]));
      g_assert_false (orchard_step_is_fitted (step));
      g_assert_null (orchard_step_get_report (step));

      /* Options the GUI shows: named, explained, notifying only on change. */
      specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (step), &n_specs);
      for (guint i = 0; i < n_specs; i++)
        {
          g_assert_nonnull (g_param_spec_get_nick (specs[i]));
          g_assert_cmpstr (g_param_spec_get_nick (specs[i]), !=, g_param_spec_get_name (specs[i]));
          g_assert_nonnull (g_param_spec_get_blurb (specs[i]));
          g_assert_true (specs[i]->flags & G_PARAM_EXPLICIT_NOTIFY);
        }
    }
  g_assert_cmpuint (n, ==, 12);

  g_assert_null (orchard_step_new ("standardise", &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "impute"));
}

/* Serialisation ----------------------------------------------------------- */

static void
test_round_trip_variant (void)
{
  g_autoptr(OrchardTable) table = mixed_table (FALSE);
  g_autoptr(OrchardTable) train = rows_of (table, TRUE);
  g_autoptr(OrchardTable) test = rows_of (table, FALSE);

  for (guint i = 0; ; i++)
    {
      g_autoptr(OrchardStep) step = make_step (i);
      g_autoptr(OrchardStep) loaded = NULL;
      g_autoptr(OrchardTable) fitted = NULL;
      g_autoptr(OrchardTable) a = NULL;
      g_autoptr(OrchardTable) b = NULL;
      g_autoptr(GVariant) variant = NULL;
      g_autoptr(GVariant) again = NULL;
      g_autoptr(GVariant) serialised = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (step == NULL)
        break;

      g_test_message ("%s", orchard_step_get_id (step));
      fitted = fit (step, train);
      variant = orchard_step_to_variant (step);
      g_assert_true (g_variant_is_normal_form (variant));

      /* Through bytes, as a file would carry it. */
      bytes = g_variant_get_data_as_bytes (variant);
      serialised = g_variant_ref_sink (g_variant_new_from_bytes (g_variant_get_type (variant),
                                                                 bytes, FALSE));
      loaded = orchard_step_new_from_variant (serialised, &error);
      g_assert_no_error (error);
      g_assert_true (orchard_step_is_fitted (loaded));

      again = orchard_step_to_variant (loaded);
      g_assert_true (g_variant_equal (variant, again));

      a = transform (step, test);
      b = transform (loaded, test);
      assert_tables_equal (a, b);

      {
        g_autofree char *d1 = orchard_step_describe (step);
        g_autofree char *d2 = orchard_step_describe (loaded);
        g_autoptr(GVariant) r1 = orchard_step_get_report (step);
        g_autoptr(GVariant) r2 = orchard_step_get_report (loaded);

        g_assert_cmpstr (d1, ==, d2);
        g_assert_true (g_variant_equal (r1, r2));
      }
    }
}

static void
test_round_trip_json (void)
{
  for (guint i = 0; ; i++)
    {
      g_autoptr(OrchardStep) step = make_step (i);
      g_autoptr(OrchardStep) loaded = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GVariant) a = NULL;
      g_autoptr(GVariant) b = NULL;
      g_autoptr(GError) error = NULL;

      if (step == NULL)
        break;

      node = orchard_step_to_json (step);
      loaded = orchard_step_new_from_json (node, "spec: steps[0]", &error);
      g_assert_no_error (error);
      g_assert_false (orchard_step_is_fitted (loaded));

      /* Unfitted, the variants hold the id and every option. */
      a = orchard_step_to_variant (step);
      b = orchard_step_to_variant (loaded);
      g_assert_true (g_variant_equal (a, b));
    }
}

static void
assert_json_error (const char *json,
                   const char *fragment)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardStep) step = NULL;

  g_assert_nonnull (node);
  step = orchard_step_new_from_json (node, "spec.json: steps[3]", &error);
  g_assert_null (step);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "spec.json: steps[3]"));
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_json_errors (void)
{
  assert_json_error ("[1]", "must be an object");
  assert_json_error ("{\"strategy\": \"mean\"}", "\"step\"");
  assert_json_error ("{\"step\": \"imputer\"}", "Unknown step “imputer”");
  assert_json_error ("{\"step\": \"impute\", \"strategi\": \"mean\"}",
                     "no option “strategi”; its options are");
  assert_json_error ("{\"step\": \"impute\", \"strategy\": \"mode\"}",
                     "must be one of mean, median, constant, most-frequent, not “mode”");
  assert_json_error ("{\"step\": \"impute\", \"strategy\": 2}", "must be a string");
  assert_json_error ("{\"step\": \"one-hot\", \"max-levels\": 0}", "out of range");
  assert_json_error ("{\"step\": \"one-hot\", \"max-levels\": 2.5}", "whole number");
  assert_json_error ("{\"step\": \"scale\", \"columns\": \"x\"}", "list of column names");
  assert_json_error ("{\"step\": \"datetime\", \"features\": [\"year\", \"week\"]}", "“week”");
  assert_json_error ("{\"step\": \"impute\", \"add-indicator\": 1}", "true or false");

  /* "_" for "-" in option names, as people write JSON. */
  {
    g_autoptr(JsonNode) node = json_from_string ("{\"step\": \"impute\", \"add_indicator\": true,"
                                                 " \"fill_value\": 5}", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(OrchardStep) step = orchard_step_new_from_json (node, "x", &error);
    gboolean indicator;
    double fill;

    g_assert_no_error (error);
    g_object_get (step, "add-indicator", &indicator, "fill-value", &fill, NULL);
    g_assert_true (indicator);
    g_assert_cmpfloat (fill, ==, 5.0);
  }
}

static void
test_damaged_variant (void)
{
  g_autoptr(OrchardTable) table = mixed_table (FALSE);
  g_autoptr(OrchardStep) step = orchard_scale_step_new (ORCHARD_SCALE_STANDARD);
  g_autoptr(OrchardTable) fitted = fit (step, table);
  g_autoptr(GVariant) good = orchard_step_to_variant (step);
  g_autoptr(GVariant) options = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  g_variant_get (good, "(&s@a{sv}m@a{sv})", &id, &options, &state);

  /* Fewer scales than columns. */
  {
    g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (state);
    const double one = 1.0;
    g_autoptr(GVariant) bad = NULL;

    g_variant_dict_insert_value (&dict, "scales",
                                 g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, &one, 1,
                                                            sizeof (double)));
    bad = g_variant_ref_sink (g_variant_new ("(s@a{sv}m@a{sv})", id, options,
                                             g_variant_dict_end (&dict)));
    g_assert_null (orchard_step_new_from_variant (bad, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
    g_clear_error (&error);
  }

  /* A zero scale would divide by zero. */
  {
    g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (state);
    const double zeros[2] = { 0.0, 0.0 };
    g_autoptr(GVariant) bad = NULL;

    g_variant_dict_insert_value (&dict, "scales",
                                 g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, zeros, 2,
                                                            sizeof (double)));
    bad = g_variant_ref_sink (g_variant_new ("(s@a{sv}m@a{sv})", id, options,
                                             g_variant_dict_end (&dict)));
    g_assert_null (orchard_step_new_from_variant (bad, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
    g_clear_error (&error);
  }

  /* Not a step at all; an option of the wrong type. */
  {
    g_autoptr(GVariant) bad = g_variant_ref_sink (g_variant_new ("(su)", "scale", 3));

    g_assert_null (orchard_step_new_from_variant (bad, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
    g_clear_error (&error);

    g_clear_pointer (&bad, g_variant_unref);
    bad = g_variant_ref_sink (g_variant_new_parsed ("('scale', {'method': <uint32 1>},"
                                                    " @ma{sv} nothing)"));
    g_assert_null (orchard_step_new_from_variant (bad, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  }
}

/* Behaviour --------------------------------------------------------------- */

static void
test_options_invalidate_fit (void)
{
  g_autoptr(OrchardTable) table = mixed_table (FALSE);
  g_autoptr(OrchardStep) step = orchard_scale_step_new (ORCHARD_SCALE_STANDARD);
  g_autoptr(OrchardTable) fitted = fit (step, table);
  g_autoptr(OrchardTable) out = NULL;
  g_autoptr(GError) error = NULL;

  /* The same value is no change. */
  g_object_set (step, "method", ORCHARD_SCALE_STANDARD, NULL);
  g_assert_true (orchard_step_is_fitted (step));

  g_object_set (step, "method", ORCHARD_SCALE_ROBUST, NULL);
  g_assert_false (orchard_step_is_fitted (step));
  g_assert_null (orchard_step_get_report (step));
  out = orchard_step_transform (step, table, &error);
  g_assert_null (out);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);

  /* Fitting again makes it usable again. */
  g_clear_object (&fitted);
  fitted = fit (step, table);
  g_assert_true (orchard_step_is_fitted (step));
}

static void
test_describe_and_report (void)
{
  g_autoptr(OrchardTable) table = mixed_table (FALSE);
  g_autoptr(OrchardTable) train = rows_of (table, TRUE);

  for (guint i = 0; ; i++)
    {
      g_autoptr(OrchardStep) step = make_step (i);
      g_autoptr(OrchardTable) fitted = NULL;
      g_autoptr(GVariant) report = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      const char *summary;

      if (step == NULL)
        break;

      before = orchard_step_describe (step);
      fitted = fit (step, train);
      after = orchard_step_describe (step);
      report = orchard_step_get_report (step);

      g_test_message ("%s: %s → %s", orchard_step_get_id (step), before, after);
      g_assert_cmpuint (strlen (before), >, 0);
      g_assert_cmpuint (strlen (after), >, 0);
      g_assert_true (g_variant_is_of_type (report, G_VARIANT_TYPE_VARDICT));
      g_assert_true (g_variant_lookup (report, "summary", "&s", &summary));
      g_test_message ("  %s", summary);
      g_assert_cmpuint (strlen (summary), >, 0);
    }

  /* The example of the issue, in the untranslated locale. */
  {
    g_autoptr(OrchardStep) step = orchard_impute_step_new (ORCHARD_IMPUTE_MEDIAN);
    g_autoptr(OrchardTable) three = table_of (numbers ("a", (double[]) { 1, NAN }, 2),
                                              numbers ("b", (double[]) { 1, 2 }, 2),
                                              numbers ("c", (double[]) { NAN, 2 }, 2), NULL);
    g_autoptr(OrchardTable) fitted = NULL;
    g_autofree char *unfitted = orchard_step_describe (step);
    g_autofree char *text = NULL;

    g_assert_cmpstr (unfitted, ==, "Median-impute every numeric column");
    fitted = fit (step, three);
    text = orchard_step_describe (step);
    g_assert_cmpstr (text, ==, "Median-impute 3 columns");
  }
}

/* Changing a test row never changes a fitted parameter: fitting on the
 * training rows of two tables that differ only in their test rows gives
 * identical states, for every step. */
static void
test_leakage_invariance (void)
{
  g_autoptr(OrchardTable) original = mixed_table (FALSE);
  g_autoptr(OrchardTable) changed = mixed_table (TRUE);
  g_autoptr(OrchardTable) train_a = rows_of (original, TRUE);
  g_autoptr(OrchardTable) train_b = rows_of (changed, TRUE);
  g_autoptr(OrchardTable) test_a = rows_of (original, FALSE);
  g_autoptr(OrchardTable) test_b = rows_of (changed, FALSE);

  /* The test rows really differ, and a level and a class exist only there. */
  g_assert_cmpint (orchard_column_get_n_levels (column_named (train_b, "c1")), >,
                   orchard_column_get_n_levels (column_named (train_a, "c1")));
  g_assert_cmpfloat (values_of (test_a, "x2")[1], !=, values_of (test_b, "x2")[1]);

  for (guint i = 0; ; i++)
    {
      g_autoptr(OrchardStep) a = make_step (i);
      g_autoptr(OrchardStep) b = make_step (i);
      g_autoptr(OrchardTable) out_a = NULL;
      g_autoptr(OrchardTable) out_b = NULL;
      g_autoptr(GVariant) state_a = NULL;
      g_autoptr(GVariant) state_b = NULL;

      if (a == NULL)
        break;

      g_test_message ("%s", orchard_step_get_id (a));
      out_a = fit (a, train_a);
      out_b = fit (b, train_b);
      state_a = orchard_step_to_variant (a);
      state_b = orchard_step_to_variant (b);

      if (!g_variant_equal (state_a, state_b))
        {
          g_autofree char *ta = g_variant_print (state_a, FALSE);
          g_autofree char *tb = g_variant_print (state_b, FALSE);
          g_error ("%s learnt from test rows:\n%s\n%s", orchard_step_get_id (a), ta, tb);
        }

      /* And so does what the next step learns from. */
      assert_tables_equal (out_a, out_b);
    }
}

static void
test_unseen_levels (void)
{
  const char *train_colours[] = { "red", "green", "red", "blue", "green", "red" };
  const char *new_colours[] = { "purple", "red", NULL };
  const char *train_y[] = { "a", "b", "a", "b", "b", "a" };
  g_autoptr(OrchardTable) train = with_role (table_of (strings ("c", train_colours, 6),
                                                       strings ("y", train_y, 6), NULL),
                                             "y", ORCHARD_COLUMN_ROLE_TARGET);
  g_autoptr(OrchardTable) fresh = table_of (strings ("c", new_colours, 3), NULL);

  /* One-hot: "(other)" or nothing, never an error. */
  {
    g_autoptr(OrchardStep) other = orchard_one_hot_step_new ();
    g_autoptr(OrchardStep) zero = g_object_new (ORCHARD_TYPE_ONE_HOT_STEP, "unseen",
                                                ORCHARD_UNSEEN_ZERO, NULL);
    g_autoptr(OrchardTable) f1 = fit (other, train);
    g_autoptr(OrchardTable) f2 = fit (zero, train);
    g_autoptr(OrchardTable) a = transform (other, fresh);
    g_autoptr(OrchardTable) b = transform (zero, fresh);

    g_assert_cmpfloat (values_of (a, "c=(other)")[0], ==, 1.0);
    g_assert_cmpfloat (values_of (a, "c=red")[0], ==, 0.0);
    g_assert_cmpfloat (values_of (a, "c=red")[1], ==, 1.0);
    g_assert_cmpfloat (values_of (a, "c=(other)")[2], ==, 0.0);   /* missing sets nothing */
    g_assert_cmpint (orchard_table_find_column (b, "c=(other)"), ==, -1);
    for (guint k = 0; k < 3; k++)
      {
        static const char * const names[] = { "c=blue", "c=green", "c=red" };
        g_assert_cmpfloat (values_of (b, names[k])[0], ==, 0.0);
      }
  }

  /* Ordinal: the unseen value; target encoding: the prior. */
  {
    g_autoptr(OrchardStep) ordinal = orchard_ordinal_step_new ();
    g_autoptr(OrchardStep) target = g_object_new (ORCHARD_TYPE_TARGET_ENCODE_STEP, "smoothing", 0.0,
                                                  NULL);
    g_autoptr(OrchardTable) f1 = fit (ordinal, train);
    g_autoptr(OrchardTable) f2 = fit (target, train);
    g_autoptr(OrchardTable) a = transform (ordinal, fresh);
    g_autoptr(OrchardTable) b = transform (target, fresh);

    g_assert_cmpfloat (values_of (a, "c")[0], ==, -1.0);
    g_assert_cmpfloat (values_of (a, "c")[1], ==, 2.0);   /* blue, green, red */
    g_assert_true (isnan (values_of (a, "c")[2]));
    g_assert_cmpfloat (values_of (b, "c:target")[0], ==, 0.5);   /* prior share of "b" */
    g_assert_cmpfloat (values_of (b, "c:target")[1], ==, 0.0);   /* every red row is "a" */
  }
}

static void
test_all_missing_and_constant (void)
{
  const double empty[] = { NAN, NAN, NAN, NAN };
  const double flat[] = { 3, 3, 3, 3 };
  const double spread[] = { 1, 2, 3, 4 };
  const char *none[] = { NULL, NULL, NULL, NULL };
  g_autoptr(OrchardTable) table = table_of (numbers ("empty", empty, 4),
                                            numbers ("flat", flat, 4),
                                            numbers ("spread", spread, 4),
                                            strings ("none", none, 4), NULL);

  /* Impute: a column with no value gets the fill value, and says so. */
  {
    g_autoptr(OrchardStep) step = orchard_impute_step_new (ORCHARD_IMPUTE_MEDIAN);
    g_autoptr(OrchardTable) out = fit (step, table);
    g_autoptr(GVariant) report = orchard_step_get_report (step);
    guint64 imputed;

    g_assert_cmpfloat (values_of (out, "empty")[2], ==, 0.0);
    g_assert_cmpfloat (values_of (out, "flat")[0], ==, 3.0);
    g_assert_true (g_variant_lookup (report, "imputed", "t", &imputed));
    g_assert_cmpuint (imputed, ==, 4);
  }
  {
    g_autoptr(OrchardStep) step =
      orchard_impute_categorical_step_new (ORCHARD_IMPUTE_CATEGORICAL_MOST_FREQUENT);
    g_autoptr(OrchardTable) out = fit (step, table);
    g_autofree char *value = orchard_column_format_value (column_named (out, "none"), 1);

    g_assert_cmpstr (value, ==, "missing");
  }

  /* Scale: a constant column has scale 1 and becomes 0; an empty one stays missing. */
  for (OrchardScaleMethod m = ORCHARD_SCALE_STANDARD; m <= ORCHARD_SCALE_ROBUST; m++)
    {
      g_autoptr(OrchardStep) step = orchard_scale_step_new (m);
      g_autoptr(OrchardTable) out = fit (step, table);
      g_autoptr(GVariant) report = orchard_step_get_report (step);
      guint constant;

      for (guint r = 0; r < 4; r++)
        {
          g_assert_cmpfloat (values_of (out, "flat")[r], ==, 0.0);
          g_assert_true (isnan (values_of (out, "empty")[r]));
          g_assert_false (isnan (values_of (out, "spread")[r]));
        }
      g_assert_true (g_variant_lookup (report, "constant", "u", &constant));
      g_assert_cmpuint (constant, ==, 1);
    }

  /* Outliers: no bounds without values. */
  {
    g_autoptr(OrchardStep) step = orchard_outlier_step_new (ORCHARD_OUTLIER_Z_SCORE,
                                                            ORCHARD_OUTLIER_REMOVE);
    g_autoptr(OrchardTable) out = fit (step, table);

    g_assert_cmpuint (orchard_table_get_n_rows (out), ==, 4);
  }

  /* Variance selection drops the constant and the empty column. */
  {
    g_autoptr(OrchardStep) step = orchard_select_step_new (ORCHARD_SELECT_VARIANCE);
    g_autoptr(OrchardTable) out = fit (step, table);

    g_assert_cmpint (orchard_table_find_column (out, "empty"), ==, -1);
    g_assert_cmpint (orchard_table_find_column (out, "flat"), ==, -1);
    g_assert_cmpint (orchard_table_find_column (out, "spread"), >=, 0);
  }

  /* One-hot of a column with no level: only "(other)", always 0. */
  {
    g_autoptr(OrchardStep) step = orchard_one_hot_step_new ();
    g_autoptr(OrchardTable) out = fit (step, table);

    g_assert_cmpfloat (values_of (out, "none=(other)")[0], ==, 0.0);
  }
}

static void
test_one_row (void)
{
  const double x[] = { 2.5 };
  const double missing[] = { NAN };
  const char *c[] = { "only" };
  const char *y[] = { "yes" };
  const double d[] = { 1e9 };
  g_autoptr(OrchardTable) table = with_role (table_of (numbers ("x1", x, 1),
                                                       numbers ("m", missing, 1),
                                                       strings ("c1", c, 1),
                                                       dates ("d", d, 1),
                                                       strings ("y", y, 1), NULL),
                                             "y", ORCHARD_COLUMN_ROLE_TARGET);

  for (guint i = 0; ; i++)
    {
      g_autoptr(OrchardStep) step = make_step (i);
      g_autoptr(OrchardTable) out = NULL;
      g_autoptr(OrchardTable) again = NULL;

      if (step == NULL)
        break;
      if (i == 0)
        continue;   /* drops "x2", which this table lacks */

      g_test_message ("%s", orchard_step_get_id (step));
      out = fit (step, table);
      g_assert_cmpuint (orchard_table_get_n_rows (out), <=, 1);
      again = transform (step, table);
      g_assert_cmpuint (orchard_table_get_n_rows (again), ==, 1);
    }
}

/* Row filters ------------------------------------------------------------- */

static void
test_drop_duplicates (void)
{
  const double x[] = { 1, 2, 1, 1, 3, 2 };
  const char *y[] = { "a", "b", "a", "b", "a", "b" };
  const double id[] = { 10, 11, 12, 13, 14, 15 };
  g_autoptr(OrchardTable) table = with_role (with_role (table_of (numbers ("x", x, 6),
                                                                  strings ("y", y, 6),
                                                                  numbers ("id", id, 6), NULL),
                                                        "y", ORCHARD_COLUMN_ROLE_TARGET),
                                             "id", ORCHARD_COLUMN_ROLE_ID);
  g_autoptr(OrchardStep) step = orchard_drop_duplicates_step_new ();
  g_autoptr(OrchardTable) out = fit (step, table);
  g_autoptr(OrchardTable) same = transform (step, table);
  g_autoptr(GVariant) report = orchard_step_get_report (step);
  guint64 removed;

  /* Rows 2 and 5 repeat rows 0 and 1 in feature and target; the id differs
   * and does not count; row 3 has another target. */
  g_assert_cmpuint (orchard_table_get_n_rows (out), ==, 4);
  g_assert_cmpfloat (values_of (out, "id")[2], ==, 13);
  g_assert_true (g_variant_lookup (report, "removed", "t", &removed));
  g_assert_cmpuint (removed, ==, 2);
  g_assert_true (same == table);
}

static void
test_outlier_remove (void)
{
  const double x[] = { 1, 2, 3, 2, 1, 2, 3, 100 };
  g_autoptr(OrchardTable) table = table_of (numbers ("x", x, 8), NULL);
  g_autoptr(OrchardStep) step = orchard_outlier_step_new (ORCHARD_OUTLIER_IQR,
                                                          ORCHARD_OUTLIER_REMOVE);
  g_autoptr(OrchardTable) out = fit (step, table);
  g_autoptr(OrchardTable) other = transform (step, table);

  /* Training rows outside the fences go; other data is never filtered nor clipped. */
  g_assert_cmpuint (orchard_table_get_n_rows (out), ==, 7);
  g_assert_cmpuint (orchard_table_get_n_rows (other), ==, 8);
  g_assert_cmpfloat (values_of (other, "x")[7], ==, 100);
}

static void
test_oversample (void)
{
  const char *y[] = { "big", "big", "big", "big", "big", "small", "big", "mid", "mid", NULL };
  const double x[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  g_autoptr(OrchardTable) table = with_role (table_of (numbers ("x", x, 10), strings ("y", y, 10),
                                                       NULL),
                                             "y", ORCHARD_COLUMN_ROLE_TARGET);
  g_autoptr(OrchardStep) step = g_object_new (ORCHARD_TYPE_BALANCE_STEP,
                                              "method", ORCHARD_BALANCE_OVERSAMPLE,
                                              "seed", (guint64) 8, NULL);
  g_autoptr(OrchardStep) twin = g_object_new (ORCHARD_TYPE_BALANCE_STEP,
                                              "method", ORCHARD_BALANCE_OVERSAMPLE,
                                              "seed", (guint64) 8, NULL);
  g_autoptr(OrchardTable) out = fit (step, table);
  g_autoptr(OrchardTable) out2 = fit (twin, table);
  g_autoptr(OrchardTable) same = transform (step, table);
  OrchardColumn *labels = column_named (out, "y");
  gsize counts[3] = { 0 };

  /* Every class now has the 6 rows of the largest; the original rows come
   * first, unchanged; copies are rows of their class. */
  g_assert_cmpuint (orchard_table_get_n_rows (out), ==, 10 + 5 + 4);
  for (gsize r = 0; r < orchard_table_get_n_rows (out); r++)
    {
      g_autofree char *label = orchard_column_format_value (labels, r);
      double v = values_of (out, "x")[r];

      if (r < 10)
        g_assert_cmpfloat (v, ==, x[r]);
      if (strcmp (label, "big") == 0)
        counts[0]++;
      else if (strcmp (label, "small") == 0)
        {
          counts[1]++;
          g_assert_cmpfloat (v, ==, 5);
        }
      else if (strcmp (label, "mid") == 0)
        {
          counts[2]++;
          g_assert_true (v == 7 || v == 8);
        }
    }
  g_assert_cmpuint (counts[0], ==, 6);
  g_assert_cmpuint (counts[1], ==, 6);
  g_assert_cmpuint (counts[2], ==, 6);
  assert_tables_equal (out, out2);
  g_assert_true (same == table);
}

/* Each training row is encoded without its own target: changing the target
 * of a row leaves that row's training encoding as it was. */
static void
test_target_encode_out_of_fold (void)
{
  g_autoptr(OrchardTable) table = mixed_table (FALSE);
  g_autoptr(OrchardTable) train = rows_of (table, TRUE);
  const char * const c1[] = { "c1", NULL };
  g_autoptr(OrchardStep) step = g_object_new (ORCHARD_TYPE_TARGET_ENCODE_STEP, "columns", c1, NULL);
  g_autoptr(OrchardStep) again = g_object_new (ORCHARD_TYPE_TARGET_ENCODE_STEP, "columns", c1,
                                               NULL);
  g_autoptr(OrchardTable) oof = fit (step, train);
  g_autoptr(OrchardTable) full = transform (step, train);
  g_autoptr(OrchardTable) flipped = NULL;
  g_autoptr(OrchardTable) oof_flipped = NULL;
  OrchardColumn *y = column_named (train, "y");
  gsize n = orchard_table_get_n_rows (train);
  guint differ = 0;

  for (gsize r = 0; r < n; r++)
    differ += values_of (oof, "c1:target=yes")[r] != values_of (full, "c1:target=yes")[r];
  g_assert_cmpuint (differ, >, n / 2);

  /* Row 0 becomes "yes" whatever it was. */
  {
    g_autofree const char **labels = g_new (const char *, n);

    for (gsize r = 0; r < n; r++)
      labels[r] = label_at (y, r);
    labels[0] = strcmp (labels[0], "yes") == 0 ? "no" : "yes";
    flipped = with_role (table_of (orchard_column_ref (column_named (train, "x1")),
                                   orchard_column_ref (column_named (train, "c1")),
                                   strings ("y", labels, n), NULL),
                         "y", ORCHARD_COLUMN_ROLE_TARGET);
  }
  oof_flipped = fit (again, flipped);

  for (guint k = 0; k < 3; k++)
    {
      static const char * const outputs[] = { "c1:target=maybe", "c1:target=no", "c1:target=yes" };

      g_assert_cmpfloat (values_of (oof, outputs[k])[0], ==,
                         values_of (oof_flipped, outputs[k])[0]);
    }
}

/* Errors ------------------------------------------------------------------ */

static void
assert_fit_error (OrchardStep  *step,
                  OrchardTable *table,
                  const char   *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) out = orchard_step_fit (step, table, NULL, &error);

  g_assert_null (out);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_false (orchard_step_is_fitted (step));
}

static void
test_errors (void)
{
  g_autoptr(OrchardTable) table = mixed_table (FALSE);
  g_autoptr(OrchardTable) no_target = table_of (numbers ("x", (double[]) { 1, 2 }, 2), NULL);
  g_autoptr(OrchardTable) numeric_target =
    with_role (table_of (numbers ("x", (double[]) { 1, 2 }, 2),
                         numbers ("t", (double[]) { 1, 2 }, 2), NULL),
               "t", ORCHARD_COLUMN_ROLE_TARGET);
  const char * const ghost[] = { "ghost", NULL };
  const char * const categorical[] = { "c1", NULL };
  const char * const target[] = { "y", NULL };

  {
    g_autoptr(OrchardStep) step = g_object_new (ORCHARD_TYPE_SCALE_STEP, "columns", ghost, NULL);
    assert_fit_error (step, table, "Step “scale”: the data has no column “ghost”");
  }
  {
    g_autoptr(OrchardStep) step = g_object_new (ORCHARD_TYPE_SCALE_STEP, "columns", categorical,
                                                NULL);
    assert_fit_error (step, table, "column “c1” is categorical, but the step works on numeric");
  }
  {
    g_autoptr(OrchardStep) step = g_object_new (ORCHARD_TYPE_ONE_HOT_STEP, "columns", target, NULL);
    assert_fit_error (step, table, "“y” is not a feature (its role is target)");
  }
  {
    g_autoptr(OrchardStep) step = orchard_drop_columns_step_new (target);
    assert_fit_error (step, table, "is the target");
  }
  {
    g_autoptr(OrchardStep) step = orchard_target_encode_step_new ();
    assert_fit_error (step, no_target, "needs a target");
  }
  {
    g_autoptr(OrchardStep) step = orchard_select_step_new (ORCHARD_SELECT_MUTUAL_INFO);
    assert_fit_error (step, no_target, "needs a target");
  }
  {
    g_autoptr(OrchardStep) step = orchard_balance_step_new (ORCHARD_BALANCE_OVERSAMPLE);
    assert_fit_error (step, numeric_target, "the target “t” is numeric");
  }
  {
    g_autoptr(OrchardStep) step = g_object_new (ORCHARD_TYPE_OUTLIER_STEP, "rule",
                                                ORCHARD_OUTLIER_PERCENTILE, "lower-quantile", 0.9,
                                                "upper-quantile", 0.1, NULL);
    assert_fit_error (step, table, "lower quantile");
  }

  /* Transforming data without a column the step was fitted on. */
  {
    g_autoptr(OrchardStep) step = orchard_scale_step_new (ORCHARD_SCALE_STANDARD);
    g_autoptr(OrchardTable) fitted = fit (step, table);
    g_autoptr(OrchardTable) lacking = table_of (numbers ("x1", (double[]) { 1 }, 1), NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(OrchardTable) out = orchard_step_transform (step, lacking, &error);

    g_assert_null (out);
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "was fitted on column “x2”"));
  }
}

/* Dates ------------------------------------------------------------------- */

static void
test_datetime_calendar (void)
{
  /* 2024-02-29 13:30 (a Thursday, day 60 of a leap year), 1969-12-31 23:00
   * (a Wednesday before the epoch), 2000-01-01 00:00 (a Saturday). */
  const double t[] = { 1709213400.0, -3600.0, 946684800.0, NAN };
  g_autoptr(OrchardTable) table = table_of (dates ("t", t, 4), NULL);
  g_autoptr(OrchardStep) step = orchard_datetime_step_new (ORCHARD_DATETIME_ALL);
  g_autoptr(OrchardTable) out = fit (step, table);
  const double year[] = { 2024, 1969, 2000 };
  const double month[] = { 2, 12, 1 };
  const double dow[] = { 3, 2, 5 };
  const double doy[] = { 60, 365, 1 };
  const double hour[] = { 13, 23, 0 };

  for (guint r = 0; r < 3; r++)
    {
      g_assert_cmpfloat (values_of (out, "t:year")[r], ==, year[r]);
      g_assert_cmpfloat (values_of (out, "t:month")[r], ==, month[r]);
      g_assert_cmpfloat (values_of (out, "t:day-of-week")[r], ==, dow[r]);
      g_assert_cmpfloat (values_of (out, "t:day-of-year")[r], ==, doy[r]);
      g_assert_cmpfloat (values_of (out, "t:hour")[r], ==, hour[r]);
    }
  /* Days since the earliest training value, 1969-12-31 23:00. */
  assert_close (values_of (out, "t:elapsed-days")[2], (946684800.0 + 3600.0) / 86400.0, 1e-15);
  g_assert_true (isnan (values_of (out, "t:year")[3]));
}

int
main (int   argc,
      char *argv[])
{
  /* Descriptions are compared in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Step/registry", test_registry);
  g_test_add_func ("/engine/Step/round-trip-variant", test_round_trip_variant);
  g_test_add_func ("/engine/Step/round-trip-json", test_round_trip_json);
  g_test_add_func ("/engine/Step/json-errors", test_json_errors);
  g_test_add_func ("/engine/Step/damaged-variant", test_damaged_variant);
  g_test_add_func ("/engine/Step/options-invalidate-fit", test_options_invalidate_fit);
  g_test_add_func ("/engine/Step/describe-and-report", test_describe_and_report);
  g_test_add_func ("/engine/Step/leakage-invariance", test_leakage_invariance);
  g_test_add_func ("/engine/Step/unseen-levels", test_unseen_levels);
  g_test_add_func ("/engine/Step/all-missing-and-constant", test_all_missing_and_constant);
  g_test_add_func ("/engine/Step/one-row", test_one_row);
  g_test_add_func ("/engine/Step/drop-duplicates", test_drop_duplicates);
  g_test_add_func ("/engine/Step/outlier-remove", test_outlier_remove);
  g_test_add_func ("/engine/Step/oversample", test_oversample);
  g_test_add_func ("/engine/Step/target-encode-out-of-fold", test_target_encode_out_of_fold);
  g_test_add_func ("/engine/Step/errors", test_errors);
  g_test_add_func ("/engine/Step/datetime-calendar", test_datetime_calendar);

  return g_test_run ();
}
