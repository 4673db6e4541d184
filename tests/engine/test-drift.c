/* test-drift.c: reference profiles and drift reports on real data, against SciPy and Evidently's rules
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference values: tests/data/drift-reference.json, written by
 * tests/reference/drift_reference.py.
 */
#include <math.h>
#include <string.h>

#include "orchard.h"

#include "eval-reference.h"

static JsonObject *reference;

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

/* The rows whose @column, as text, starts with one of @prefixes. */
static OrchardTable *
rows_where (OrchardTable       *table,
            const char         *column,
            const char * const *prefixes)
{
  OrchardColumn *c = orchard_table_get_column (table, orchard_table_find_column (table, column));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize r = 0; r < orchard_table_get_n_rows (table); r++)
    {
      g_autofree char *text = orchard_column_format_value (c, r);

      for (guint i = 0; prefixes[i] != NULL; i++)
        if (g_str_has_prefix (text, prefixes[i]))
          {
            g_array_append_val (rows, r);
            break;
          }
    }

  return orchard_table_select_rows (table, (const gsize *) (void *) rows->data, rows->len);
}

static OrchardReferenceProfile *
profile_of (OrchardTable *table,
            gsize         sample_size)
{
  g_autoptr(GError) error = NULL;
  OrchardReferenceOptions options;
  OrchardReferenceProfile *profile;

  orchard_reference_options_init (&options);
  options.sample_size = sample_size;
  profile = orchard_reference_profile_build (table, NULL, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return profile;
}

static OrchardDriftReport *
report_of (OrchardReferenceProfile *profile,
           OrchardTable            *current,
           OrchardDriftOptions     *options)
{
  g_autoptr(GError) error = NULL;
  OrchardDriftReport *report = orchard_drift_report_compute (profile, current, NULL, options,
                                                             NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return report;
}

static char *
json_text (OrchardDriftReport *report)
{
  g_autoptr(JsonNode) root = orchard_drift_report_to_json (report);

  return orchard_json_to_string (root, FALSE);
}

/* Numeric columns from arrays; NaN is missing. */
static OrchardColumn *
numbers (const char *name,
         const double *values,
         gsize n)
{
  return orchard_column_new_numeric (name, g_memdup2 (values, MAX (n, 1) * sizeof (double)), n);
}

/* Categorical columns; NULL entries are missing. */
static OrchardColumn *
strings (const char         *name,
         const char * const *values,
         gsize               n)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *levels = g_ptr_array_new_with_free_func (g_free);
  guint32 *out = g_new (guint32, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      gpointer code;

      if (values[i] == NULL)
        {
          out[i] = ORCHARD_CODE_MISSING;
          continue;
        }
      if (!g_hash_table_lookup_extended (codes, values[i], NULL, &code))
        {
          code = GUINT_TO_POINTER (levels->len);
          g_hash_table_insert (codes, (gpointer) values[i], code);
          g_ptr_array_add (levels, g_strdup (values[i]));
        }
      out[i] = GPOINTER_TO_UINT (code);
    }

  return orchard_column_new_categorical (name, out, n, levels, FALSE);
}

static OrchardTable *
table_of (OrchardColumn *first,
          ...)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
  g_autoptr(GError) error = NULL;
  OrchardTable *table;
  va_list args;

  va_start (args, first);
  for (OrchardColumn *c = first; c != NULL; c = va_arg (args, OrchardColumn *))
    g_ptr_array_add (columns, c);
  va_end (args);

  table = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
  g_assert_no_error (error);
  return table;
}

/* One numeric column of n values, value i = f(i). */
static OrchardTable *
numeric_table (const char *name,
               gsize       n,
               double    (*f) (gsize i, gpointer data),
               gpointer    data)
{
  g_autofree double *values = g_new (double, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    values[i] = f (i, data);
  return table_of (numbers (name, values, n), NULL);
}

/* The comparisons of the reference file ----------------------------------- */

typedef struct
{
  const char          *name;
  const char          *file;
  const char          *split_column;
  const char * const  *reference_prefixes;
  const char * const  *current_prefixes;
  gboolean             chosen;
} Comparison;

static const Comparison comparisons[] = {
  { "seattle 2012 vs 2015", "seattle-weather.csv", "date",
    (const char * const[]) { "2012", NULL }, (const char * const[]) { "2015", NULL }, FALSE },
  { "seattle 2012-2013 vs 2014-2015", "seattle-weather.csv", "date",
    (const char * const[]) { "2012", "2013", NULL }, (const char * const[]) { "2014", "2015", NULL }, FALSE },
  { "seattle 2012-2014 vs 2015", "seattle-weather.csv", "date",
    (const char * const[]) { "2012", "2013", "2014", NULL }, (const char * const[]) { "2015", NULL }, FALSE },
  { "penguins Biscoe vs Dream", "penguins.csv", "island",
    (const char * const[]) { "Biscoe", NULL }, (const char * const[]) { "Dream", NULL }, FALSE },
  { "penguins Biscoe vs Torgersen", "penguins.csv", "island",
    (const char * const[]) { "Biscoe", NULL }, (const char * const[]) { "Torgersen", NULL }, FALSE },
  { "penguins Adelie vs Gentoo", "penguins.csv", "species",
    (const char * const[]) { "Adelie", NULL }, (const char * const[]) { "Gentoo", NULL }, FALSE },
  { "penguins Adelie vs Chinstrap", "penguins.csv", "species",
    (const char * const[]) { "Adelie", NULL }, (const char * const[]) { "Chinstrap", NULL }, FALSE },
  { "seattle 2012 vs 2015, tests chosen", "seattle-weather.csv", "date",
    (const char * const[]) { "2012", NULL }, (const char * const[]) { "2015", NULL }, TRUE },
  { "penguins Adelie vs Gentoo, tests chosen", "penguins.csv", "species",
    (const char * const[]) { "Adelie", NULL }, (const char * const[]) { "Gentoo", NULL }, TRUE },
};

static JsonObject *
find_comparison (const char *name)
{
  JsonArray *all = json_object_get_array_member (reference, "comparisons");

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *o = json_array_get_object_element (all, i);

      if (strcmp (json_object_get_string_member (o, "name"), name) == 0)
        return o;
    }
  g_error ("comparison “%s” is not in the reference file", name);
}

static void
check_column (const OrchardColumnDrift *c,
              JsonObject               *expected,
              const char               *where)
{
  g_autofree char *what = g_strdup_printf ("%s, %s", where, c->name);
  double statistic = eval_reference_number (expected, "statistic");

  g_assert_cmpstr (orchard_stat_test_to_string (c->test), ==,
                   json_object_get_string_member (expected, "test"));
  g_assert_true (c->tested);

  /* SciPy's chi-square is +∞ (written as null) for a level the reference lacks. */
  if (isnan (statistic) && c->test == ORCHARD_STAT_TEST_CHISQUARE)
    {
      g_assert_true (isinf (c->statistic));
      g_assert_nonnull (c->note);
    }
  else
    eval_assert_close (c->statistic, statistic, EVAL_TOLERANCE, what);

  eval_assert_close (c->p_value, eval_reference_number (expected, "p_value"), EVAL_TOLERANCE, what);
  eval_assert_close (c->psi, eval_reference_number (expected, "psi"), EVAL_TOLERANCE, what);
  eval_assert_close (c->effect_size, eval_reference_number (expected, "effect_size"), EVAL_TOLERANCE, what);
  if (json_object_has_member (expected, "detectable_effect"))
    eval_assert_close (c->detectable_effect, eval_reference_number (expected, "detectable_effect"),
                       EVAL_TOLERANCE, what);
  else
    g_assert_true (isnan (c->detectable_effect));
  g_assert_cmpint (c->drifted, ==, json_object_get_boolean_member (expected, "drifted"));
  g_assert_cmpuint (c->reference_count, ==, json_object_get_int_member (expected, "reference_count"));
  g_assert_cmpuint (c->current_count, ==, json_object_get_int_member (expected, "current_count"));

  if (c->kind == ORCHARD_COLUMN_KIND_NUMERIC)
    {
      JsonArray *rc = json_object_get_array_member (expected, "reference_counts");
      JsonArray *cc = json_object_get_array_member (expected, "current_counts");

      eval_assert_arrays_close (c->edges, c->n_bins + 1, json_object_get_array_member (expected, "edges"),
                                EVAL_TOLERANCE, what);
      g_assert_cmpuint (c->n_bins, ==, json_array_get_length (rc));
      for (guint b = 0; b < c->n_bins; b++)
        {
          g_assert_cmpuint (c->reference_counts[b], ==, json_array_get_int_element (rc, b));
          g_assert_cmpuint (c->current_counts[b], ==, json_array_get_int_element (cc, b));
        }
    }
  else
    {
      JsonObject *levels = json_object_get_object_member (expected, "levels");

      g_assert_cmpuint (c->n_bins, ==, json_object_get_size (levels));
      for (guint b = 0; b < c->n_bins; b++)
        {
          JsonArray *counts = json_object_get_array_member (levels, c->labels[b]);

          g_assert_cmpuint (c->reference_counts[b], ==, json_array_get_int_element (counts, 0));
          g_assert_cmpuint (c->current_counts[b], ==, json_array_get_int_element (counts, 1));
        }
    }
}

static void
test_comparisons (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (comparisons); k++)
    {
      const Comparison *cmp = &comparisons[k];
      JsonObject *expected = find_comparison (cmp->name);
      JsonObject *columns = json_object_get_object_member (expected, "columns");
      g_autoptr(OrchardTable) all = load_sample (cmp->file);
      g_autoptr(OrchardTable) ref = rows_where (all, cmp->split_column, cmp->reference_prefixes);
      g_autoptr(OrchardTable) cur = rows_where (all, cmp->split_column, cmp->current_prefixes);
      g_autoptr(OrchardReferenceProfile) profile = profile_of (ref, 0);
      g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
      g_autoptr(OrchardDriftReport) report = NULL;
      g_autoptr(GList) names = json_object_get_members (columns);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) wanted = NULL;

      g_test_message ("%s", cmp->name);
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_strv_builder_add (builder, l->data);
          if (cmp->chosen)
            {
              OrchardStatTest test;

              g_assert_true (orchard_stat_test_from_string (
                json_object_get_string_member (json_object_get_object_member (columns, l->data), "test"),
                &test));
              orchard_drift_options_set_stattest (options, l->data, test);
            }
        }
      wanted = g_strv_builder_end (builder);
      orchard_drift_options_set_columns (options, (const char * const *) wanted);

      g_assert_cmpuint (orchard_table_get_n_rows (ref), ==,
                        json_object_get_int_member (expected, "reference_rows"));
      g_assert_cmpuint (orchard_table_get_n_rows (cur), ==,
                        json_object_get_int_member (expected, "current_rows"));

      report = report_of (profile, cur, options);
      g_assert_cmpuint (orchard_drift_report_get_n_columns (report), ==, g_strv_length (wanted));
      for (guint i = 0; i < orchard_drift_report_get_n_columns (report); i++)
        {
          const OrchardColumnDrift *c = orchard_drift_report_get_column (report, i);

          check_column (c, json_object_get_object_member (columns, c->name), cmp->name);
          g_assert_cmpint (c->chosen, ==, cmp->chosen);
        }

      g_assert_cmpuint (orchard_drift_report_get_n_drifted (report), ==,
                        json_object_get_int_member (expected, "n_drifted"));
      eval_assert_close (orchard_drift_report_get_drift_share (report),
                         eval_reference_number (expected, "drift_share"), EVAL_TOLERANCE, cmp->name);
      g_assert_cmpint (orchard_drift_report_get_dataset_drift (report), ==,
                       json_object_get_boolean_member (expected, "dataset_drift"));
    }
}

/* A bounded sample gives the same test, on fewer reference values. */
static void
test_bounded_sample (void)
{
  g_autoptr(OrchardTable) all = load_sample ("seattle-weather.csv");
  g_autoptr(OrchardTable) ref = rows_where (all, "date", (const char * const[]) { "2012", "2013", "2014", NULL });
  g_autoptr(OrchardTable) cur = rows_where (all, "date", (const char * const[]) { "2015", NULL });
  g_autoptr(OrchardReferenceProfile) exact = profile_of (ref, 0);
  g_autoptr(OrchardReferenceProfile) bounded = profile_of (ref, 300);
  g_autoptr(OrchardDriftReport) a = report_of (exact, cur, NULL);
  g_autoptr(OrchardDriftReport) b = report_of (bounded, cur, NULL);
  const OrchardColumnDrift *ca = orchard_drift_report_get_column (a, orchard_drift_report_find_column (a, "temp_max"));
  const OrchardColumnDrift *cb = orchard_drift_report_get_column (b, orchard_drift_report_find_column (b, "temp_max"));

  /* The choice of test uses every reference value; the distance the sample. */
  g_assert_cmpuint (ca->reference_sample, ==, 1096);
  g_assert_cmpuint (cb->reference_sample, ==, 300);
  g_assert_cmpuint (cb->reference_count, ==, 1096);
  g_assert_cmpint (ca->test, ==, ORCHARD_STAT_TEST_WASSERSTEIN);
  g_assert_cmpint (cb->test, ==, ORCHARD_STAT_TEST_WASSERSTEIN);
  g_assert_cmpfloat (fabs (ca->statistic - cb->statistic), <, 0.1);
  /* PSI, histograms and effect sizes come from all reference values. */
  g_assert_cmpfloat (ca->psi, ==, cb->psi);
  g_assert_cmpfloat (ca->effect_size, ==, cb->effect_size);
}

/* The automatic choice ---------------------------------------------------- */

static double
cycle_of (gsize    i,
          gpointer data)
{
  return (double) (i % GPOINTER_TO_UINT (data));
}

static OrchardStatTest
chosen_test (OrchardTable *ref,
             OrchardTable *cur)
{
  g_autoptr(OrchardReferenceProfile) profile = profile_of (ref, 0);
  g_autoptr(OrchardDriftReport) report = report_of (profile, cur, NULL);

  g_assert_cmpuint (orchard_drift_report_get_n_columns (report), ==, 1);
  return orchard_drift_report_get_column (report, 0)->test;
}

static void
test_automatic_choice (void)
{
  g_autoptr(OrchardTable) cur6 = numeric_table ("x", 300, cycle_of, GUINT_TO_POINTER (6));
  g_autoptr(OrchardTable) cur5 = numeric_table ("x", 300, cycle_of, GUINT_TO_POINTER (5));
  g_autoptr(OrchardTable) cur2 = numeric_table ("x", 300, cycle_of, GUINT_TO_POINTER (2));
  g_autoptr(OrchardTable) cur1 = numeric_table ("x", 300, cycle_of, GUINT_TO_POINTER (1));

  /* 1000 reference values: the exact tests; 1001: the distances. */
  {
    g_autoptr(OrchardTable) r1000 = numeric_table ("x", 1000, cycle_of, GUINT_TO_POINTER (6));
    g_autoptr(OrchardTable) r1001 = numeric_table ("x", 1001, cycle_of, GUINT_TO_POINTER (6));
    g_autoptr(OrchardTable) r1000f = numeric_table ("x", 1000, cycle_of, GUINT_TO_POINTER (5));
    g_autoptr(OrchardTable) r1001f = numeric_table ("x", 1001, cycle_of, GUINT_TO_POINTER (5));

    g_assert_cmpint (chosen_test (r1000, cur6), ==, ORCHARD_STAT_TEST_KS);
    g_assert_cmpint (chosen_test (r1001, cur6), ==, ORCHARD_STAT_TEST_WASSERSTEIN);
    /* Five values in all: categories. */
    g_assert_cmpint (chosen_test (r1000f, cur5), ==, ORCHARD_STAT_TEST_CHISQUARE);
    g_assert_cmpint (chosen_test (r1001f, cur5), ==, ORCHARD_STAT_TEST_JENSENSHANNON);
    /* Five in the reference and a sixth in the current data: numbers. */
    g_assert_cmpint (chosen_test (r1000f, cur6), ==, ORCHARD_STAT_TEST_KS);
    g_assert_cmpint (chosen_test (r1001f, cur6), ==, ORCHARD_STAT_TEST_WASSERSTEIN);
  }

  /* Two values or one: the Z-test. */
  {
    g_autoptr(OrchardTable) r2 = numeric_table ("x", 500, cycle_of, GUINT_TO_POINTER (2));
    g_autoptr(OrchardTable) r1 = numeric_table ("x", 500, cycle_of, GUINT_TO_POINTER (1));
    g_autoptr(OrchardReferenceProfile) profile = profile_of (r1, 0);
    g_autoptr(OrchardDriftReport) report = report_of (profile, cur1, NULL);
    const OrchardColumnDrift *c = orchard_drift_report_get_column (report, 0);

    g_assert_cmpint (chosen_test (r2, cur2), ==, ORCHARD_STAT_TEST_Z);
    g_assert_cmpint (chosen_test (r1, cur2), ==, ORCHARD_STAT_TEST_Z);
    /* A constant column against the same constant: nothing moved. */
    g_assert_cmpint (c->test, ==, ORCHARD_STAT_TEST_Z);
    g_assert_cmpfloat (c->statistic, ==, 0.0);
    g_assert_cmpfloat (c->p_value, ==, 1.0);
    g_assert_cmpfloat (c->psi, ==, 0.0);
    g_assert_false (c->drifted);
  }

  /* Missing values do not count toward the 1000. */
  {
    g_autofree double *values = g_new (double, 1040);
    g_autoptr(OrchardTable) ref = NULL;

    for (gsize i = 0; i < 1040; i++)
      values[i] = i < 40 ? NAN : (double) (i % 7);
    ref = table_of (numbers ("x", values, 1040), NULL);
    g_assert_cmpint (chosen_test (ref, cur6), ==, ORCHARD_STAT_TEST_KS);
  }

  /* Categorical: chi-square for three levels, Z for two, JS above 1000. */
  {
    static const char * const abc[] = { "a", "b", "c" };
    g_autofree const char **ref_values = g_new (const char *, 1001);
    g_autoptr(OrchardTable) cur = NULL;
    g_autoptr(OrchardTable) cur_two = NULL;
    g_autoptr(OrchardTable) ref_1000 = NULL;
    g_autoptr(OrchardTable) ref_1001 = NULL;
    g_autoptr(OrchardTable) ref_two = NULL;

    for (guint i = 0; i < 1001; i++)
      ref_values[i] = abc[i % 3];
    ref_1000 = table_of (strings ("c", ref_values, 1000), NULL);
    ref_1001 = table_of (strings ("c", ref_values, 1001), NULL);
    cur = table_of (strings ("c", ref_values, 90), NULL);
    for (guint i = 0; i < 1001; i++)
      ref_values[i] = abc[i % 2];
    ref_two = table_of (strings ("c", ref_values, 600), NULL);
    cur_two = table_of (strings ("c", ref_values + 1, 90), NULL);

    g_assert_cmpint (chosen_test (ref_1000, cur), ==, ORCHARD_STAT_TEST_CHISQUARE);
    g_assert_cmpint (chosen_test (ref_1001, cur), ==, ORCHARD_STAT_TEST_JENSENSHANNON);
    g_assert_cmpint (chosen_test (ref_two, cur_two), ==, ORCHARD_STAT_TEST_Z);
    /* A level only the current data has makes three. */
    g_assert_cmpint (chosen_test (ref_two, cur), ==, ORCHARD_STAT_TEST_CHISQUARE);
  }
}

/* Invariants ---------------------------------------------------------------- */

static void
test_identical (void)
{
  g_autoptr(OrchardTable) all = load_sample ("seattle-weather.csv");
  /* 730 rows: ten reference chunks of 73. */
  g_autoptr(OrchardTable) ref = rows_where (all, "date", (const char * const[]) { "2014", "2015", NULL });
  g_autoptr(OrchardReferenceProfile) profile = profile_of (ref, 0);
  g_autoptr(OrchardDriftReport) report = report_of (profile, ref, NULL);
  const OrchardMultivariateDrift *m = orchard_drift_report_get_multivariate (report);

  g_assert_false (orchard_drift_report_get_dataset_drift (report));
  g_assert_cmpuint (orchard_drift_report_get_n_drifted (report), ==, 0);
  g_assert_cmpuint (orchard_drift_report_get_n_tested (report), ==, 5);
  for (guint i = 0; i < orchard_drift_report_get_n_columns (report); i++)
    {
      const OrchardColumnDrift *c = orchard_drift_report_get_column (report, i);

      g_assert_false (c->drifted);
      g_assert_cmpfloat (c->statistic, ==, 0.0);
      g_assert_cmpfloat (c->p_value, ==, 1.0);
      g_assert_cmpfloat (c->psi, ==, 0.0);
      g_assert_cmpfloat (fabs (c->effect_size), <, 1e-12);
      for (guint b = 0; b < c->n_bins; b++)
        g_assert_cmpuint (c->reference_counts[b], ==, c->current_counts[b]);
    }

  /* With equal chunks, the whole reference's error is the mean of theirs. */
  g_assert_nonnull (m);
  g_assert_false (m->drifted);
  eval_assert_close (m->error, m->reference_mean, 1e-12, "reference error");
}

static double
shift_mass (double value)
{
  return value + 500;
}

static void
test_shifted (void)
{
  g_autoptr(OrchardTable) all = load_sample ("penguins.csv");
  g_autoptr(OrchardTable) ref = rows_where (all, "species", (const char * const[]) { "Adelie", NULL });
  g_autoptr(OrchardReferenceProfile) profile = profile_of (ref, 0);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
  g_autoptr(OrchardTable) shifted = NULL;
  g_autoptr(OrchardDriftReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const OrchardColumnDrift *mass, *bill;

  /* The same penguins, 500 g heavier. */
  for (guint c = 0; c < orchard_table_get_n_columns (ref); c++)
    {
      OrchardColumn *column = orchard_table_get_column (ref, c);

      if (strcmp (orchard_column_get_name (column), "body_mass_g") == 0)
        {
          gsize n = orchard_column_get_n_rows (column);
          double *values = g_memdup2 (orchard_column_get_values (column), n * sizeof (double));

          for (gsize r = 0; r < n; r++)
            values[r] = shift_mass (values[r]);
          g_ptr_array_add (columns, orchard_column_new_numeric ("body_mass_g", values, n));
        }
      else
        g_ptr_array_add (columns, orchard_column_ref (column));
    }
  shifted = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
  g_assert_no_error (error);

  report = report_of (profile, shifted, NULL);
  mass = orchard_drift_report_get_column (report, orchard_drift_report_find_column (report, "body_mass_g"));
  bill = orchard_drift_report_get_column (report, orchard_drift_report_find_column (report, "bill_length_mm"));

  g_assert_true (mass->drifted);
  g_assert_cmpint (mass->test, ==, ORCHARD_STAT_TEST_KS);
  g_assert_cmpfloat (mass->p_value, <, 1e-9);
  g_assert_cmpfloat (mass->effect_size, >, 1.0);
  g_assert_cmpstr (orchard_psi_tier (mass->psi), ==, "significant");
  g_assert_false (bill->drifted);
  g_assert_cmpfloat (bill->statistic, ==, 0.0);
  /* One column of eight: no dataset drift. */
  g_assert_false (orchard_drift_report_get_dataset_drift (report));
  g_assert_cmpuint (orchard_drift_report_get_n_drifted (report), ==, 1);
}

static void
test_degenerate (void)
{
  const double nothing[] = { NAN, NAN, NAN, NAN };
  const double some[] = { 1, 2, 3, 4 };
  const double seven[] = { 7, 7, 7, 7 };
  const double eight[] = { 8, 8, 8, 8 };
  const char * const none[] = { NULL, NULL, NULL, NULL };
  const char * const abab[] = { "a", "b", "a", "b" };
  g_autoptr(OrchardTable) ref = table_of (numbers ("x", some, 4), numbers ("k", seven, 4),
                                          strings ("c", abab, 4), numbers ("gone", nothing, 4), NULL);
  g_autoptr(OrchardTable) cur = table_of (numbers ("x", nothing, 4), numbers ("k", eight, 4),
                                          strings ("c", none, 4), numbers ("gone", some, 4), NULL);
  g_autoptr(OrchardReferenceProfile) profile = profile_of (ref, 0);
  g_autoptr(OrchardDriftReport) report = report_of (profile, cur, NULL);
  g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
  g_autoptr(OrchardDriftReport) wasserstein = NULL;
  g_autofree char *text = json_text (report);
  const OrchardColumnDrift *x, *k, *c, *gone;

  x = orchard_drift_report_get_column (report, 0);
  k = orchard_drift_report_get_column (report, 1);
  c = orchard_drift_report_get_column (report, 2);
  gone = orchard_drift_report_get_column (report, 3);

  /* No values on one side: not tested, said why, no NaN in the JSON. */
  g_assert_false (x->tested);
  g_assert_false (x->drifted);
  g_assert_cmpstr (x->note, ==, "no values in the current data");
  g_assert_false (c->tested);
  g_assert_cmpstr (c->note, ==, "no values in the current data");
  g_assert_false (gone->tested);
  g_assert_cmpstr (gone->note, ==, "no values in the reference data");
  g_assert_null (strstr (text, "nan"));
  g_assert_null (strstr (text, "inf"));

  /* Two different constants: every value moved. */
  g_assert_true (k->tested);
  g_assert_cmpint (k->test, ==, ORCHARD_STAT_TEST_Z);
  g_assert_true (k->drifted);
  g_assert_cmpfloat (k->effect_size, ==, 1.0);
  g_assert_cmpuint (orchard_drift_report_get_n_tested (report), ==, 1);
  g_assert_true (orchard_drift_report_get_dataset_drift (report));

  /* The Wasserstein distance of constants is normed by the 0.001 floor. */
  orchard_drift_options_set_stattest (options, "k", ORCHARD_STAT_TEST_WASSERSTEIN);
  orchard_drift_options_set_columns (options, (const char * const[]) { "k", NULL });
  wasserstein = report_of (profile, cur, options);
  eval_assert_close (orchard_drift_report_get_column (wasserstein, 0)->statistic, 1000.0, 1e-12, "floor");
}

static void
test_empty (void)
{
  const double some[] = { 1, 2, 3 };
  g_autoptr(OrchardTable) ref = table_of (numbers ("x", some, 3), NULL);
  g_autoptr(OrchardTable) empty = table_of (numbers ("x", some, 0), NULL);
  g_autoptr(OrchardReferenceProfile) profile = profile_of (ref, 0);
  g_autoptr(OrchardReferenceProfile) nothing = NULL;
  g_autoptr(OrchardDriftReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = orchard_drift_report_compute (profile, empty, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY);
  g_assert_null (report);
  g_clear_error (&error);

  nothing = orchard_reference_profile_build (empty, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY);
  g_assert_null (nothing);
}

/* Options --------------------------------------------------------------------- */

static void
test_bad_options (void)
{
  g_autoptr(OrchardTable) all = load_sample ("penguins.csv");
  g_autoptr(OrchardReferenceProfile) profile = profile_of (all, 0);
  struct
  {
    const char      *column;
    OrchardStatTest  test;
    double           threshold;
    const char      *only;
    const char      *message;
  } cases[] = {
    { "island", ORCHARD_STAT_TEST_KS, NAN, NULL, "The ks test compares numbers, but column “island” is categorical" },
    { "island", ORCHARD_STAT_TEST_WASSERSTEIN, NAN, NULL, "compares numbers" },
    { "island", ORCHARD_STAT_TEST_Z, NAN, NULL, "The Z-test compares two values, but column “island” holds 3" },
    { "body_mass_g", ORCHARD_STAT_TEST_AUTO, -1, NULL, "is not a number of 0 or more" },
    { "nonesuch", ORCHARD_STAT_TEST_PSI, NAN, NULL, "Column “nonesuch” is not in the reference profile" },
    { NULL, ORCHARD_STAT_TEST_AUTO, NAN, "nonesuch", "Column “nonesuch” is not in the reference profile" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
      g_autoptr(OrchardDriftReport) report = NULL;
      g_autoptr(GError) error = NULL;

      if (cases[i].column != NULL)
        {
          orchard_drift_options_set_stattest (options, cases[i].column, cases[i].test);
          orchard_drift_options_set_threshold (options, cases[i].column, cases[i].threshold);
        }
      if (cases[i].only != NULL)
        orchard_drift_options_set_columns (options, (const char * const[]) { cases[i].only, NULL });

      report = orchard_drift_report_compute (profile, all, NULL, options, NULL, NULL, NULL, &error);
      g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_null (report);
    }
}

static void
test_thresholds (void)
{
  g_autoptr(OrchardTable) all = load_sample ("seattle-weather.csv");
  g_autoptr(OrchardTable) ref = rows_where (all, "date", (const char * const[]) { "2012", NULL });
  g_autoptr(OrchardTable) cur = rows_where (all, "date", (const char * const[]) { "2015", NULL });
  g_autoptr(OrchardReferenceProfile) profile = profile_of (ref, 0);
  g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
  g_autoptr(OrchardDriftReport) report = NULL;
  const OrchardColumnDrift *wind, *temp_min;

  /* wind's p-value is 0.217, temp_min's 0.0112. */
  orchard_drift_options_set_threshold (options, NULL, 0.3);
  orchard_drift_options_set_threshold (options, "temp_min", 0.01);
  orchard_drift_options_set_drift_share (options, 0.9);
  report = report_of (profile, cur, options);
  wind = orchard_drift_report_get_column (report, orchard_drift_report_find_column (report, "wind"));
  temp_min = orchard_drift_report_get_column (report, orchard_drift_report_find_column (report, "temp_min"));

  g_assert_cmpfloat (wind->threshold, ==, 0.3);
  g_assert_true (wind->drifted);
  g_assert_true (wind->chosen);
  g_assert_cmpfloat (temp_min->threshold, ==, 0.01);
  g_assert_false (temp_min->drifted);
  /* 4 of 5 drift now; 0.8 is below the share asked for. */
  g_assert_cmpuint (orchard_drift_report_get_n_drifted (report), ==, 4);
  g_assert_false (orchard_drift_report_get_dataset_drift (report));
}

static void
test_correction (void)
{
  JsonObject *expected = json_object_get_object_member (reference, "corrections");
  g_autoptr(OrchardTable) all = load_sample ("seattle-weather.csv");
  g_autoptr(OrchardTable) ref = rows_where (all, "date", (const char * const[]) { "2012", NULL });
  g_autoptr(OrchardTable) cur = rows_where (all, "date", (const char * const[]) { "2015", NULL });
  g_autoptr(OrchardReferenceProfile) profile = profile_of (ref, 0);

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
      g_autoptr(OrchardDriftReport) report = NULL;
      g_autofree double *adjusted = NULL;
      gsize n;

      orchard_drift_options_set_correction (options, k == 0 ? ORCHARD_CORRECTION_BONFERRONI
                                                            : ORCHARD_CORRECTION_BENJAMINI_HOCHBERG);
      report = report_of (profile, cur, options);
      adjusted = eval_reference_doubles (json_object_get_array_member (expected, k == 0 ? "bonferroni" : "bh"), &n);
      g_assert_cmpuint (n, ==, orchard_drift_report_get_n_columns (report));
      for (guint i = 0; i < n; i++)
        {
          const OrchardColumnDrift *c = orchard_drift_report_get_column (report, i);

          eval_assert_close (c->p_value_adjusted, adjusted[i], EVAL_TOLERANCE, c->name);
          g_assert_cmpint (c->drifted, ==, adjusted[i] <= 0.05);
        }
    }
}

/* Chunks and the multivariate test --------------------------------------------- */

static void
test_monthly_chunks (void)
{
  JsonArray *expected = json_object_get_array_member (reference, "chunks");
  JsonObject *mv = json_object_get_object_member (reference, "multivariate");
  g_autoptr(OrchardTable) all = load_sample ("seattle-weather.csv");
  g_autoptr(OrchardTable) ref = rows_where (all, "date", (const char * const[]) { "2012", "2013", NULL });
  g_autoptr(OrchardTable) cur = rows_where (all, "date", (const char * const[]) { "2014", "2015", NULL });
  g_autoptr(OrchardReferenceProfile) profile = profile_of (ref, 0);
  g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
  g_autoptr(OrchardDriftReport) report = NULL;
  const OrchardMultivariateDrift *m;
  JsonArray *mv_chunks = json_object_get_array_member (mv, "chunks");

  orchard_drift_options_set_chunk_period (options, ORCHARD_PERIOD_MONTH, "date");
  report = report_of (profile, cur, options);

  g_assert_cmpuint (orchard_drift_report_get_n_chunks (report), ==, 24);
  g_assert_cmpuint (json_array_get_length (expected), ==, 24);
  for (guint k = 0; k < 24; k++)
    {
      const OrchardDriftChunk *chunk = orchard_drift_report_get_chunk (report, k);
      JsonObject *e = json_array_get_object_element (expected, k);
      JsonObject *columns = json_object_get_object_member (e, "columns");

      g_assert_cmpstr (chunk->label, ==, json_object_get_string_member (e, "label"));
      g_assert_cmpuint (chunk->n_rows, ==, json_object_get_int_member (e, "rows"));
      eval_assert_close (chunk->drift_share, eval_reference_number (e, "drift_share"), EVAL_TOLERANCE,
                         chunk->label);

      for (guint i = 0; i < orchard_drift_report_get_n_columns (report); i++)
        {
          const OrchardColumnDrift *c = orchard_drift_report_get_column (report, i);
          JsonObject *ec = json_object_get_object_member (columns, c->name);
          g_autofree char *what = g_strdup_printf ("%s %s", chunk->label, c->name);

          eval_assert_close (chunk->columns[i].statistic, eval_reference_number (ec, "statistic"),
                             EVAL_TOLERANCE, what);
          eval_assert_close (chunk->columns[i].p_value, eval_reference_number (ec, "p_value"),
                             EVAL_TOLERANCE, what);
          g_assert_cmpint (chunk->columns[i].drifted, ==, json_object_get_boolean_member (ec, "drifted"));
        }

      eval_assert_close (chunk->reconstruction_error,
                         eval_reference_number (json_array_get_object_element (mv_chunks, k), "error"),
                         EVAL_TOLERANCE, chunk->label);
      g_assert_cmpint (chunk->multivariate_drift, ==,
                       json_object_get_boolean_member (json_array_get_object_element (mv_chunks, k), "drifted"));
    }

  m = orchard_drift_report_get_multivariate (report);
  g_assert_nonnull (m);
  g_assert_cmpuint (m->n_features, ==, 5);
  g_assert_cmpuint (m->n_components, ==, json_object_get_int_member (mv, "n_components"));
  eval_assert_close (m->explained_variance, eval_reference_number (mv, "explained_variance"),
                     EVAL_TOLERANCE, "explained");
  eval_assert_arrays_close (m->reference_errors, m->n_reference_chunks,
                            json_object_get_array_member (mv, "reference_chunk_errors"),
                            EVAL_TOLERANCE, "reference chunks");
  eval_assert_close (m->reference_mean, eval_reference_number (mv, "mean"), EVAL_TOLERANCE, "mean");
  eval_assert_close (m->reference_std, eval_reference_number (mv, "std"), EVAL_TOLERANCE, "std");
  eval_assert_close (m->lower, eval_reference_number (mv, "lower"), EVAL_TOLERANCE, "lower");
  eval_assert_close (m->upper, eval_reference_number (mv, "upper"), EVAL_TOLERANCE, "upper");
  eval_assert_close (m->error, eval_reference_number (mv, "error"), EVAL_TOLERANCE, "error");
  g_assert_cmpint (m->drifted, ==, json_object_get_boolean_member (mv, "drifted"));
}

static void
test_chunk_plans (void)
{
  g_autoptr(OrchardTable) all = load_sample ("seattle-weather.csv");
  g_autoptr(OrchardTable) ref = rows_where (all, "date", (const char * const[]) { "2012", NULL });
  g_autoptr(OrchardTable) cur = rows_where (all, "date", (const char * const[]) { "2014", "2015", NULL });
  g_autoptr(OrchardReferenceProfile) profile = profile_of (ref, 0);
  struct
  {
    OrchardChunking  chunking;
    gsize            size;
    OrchardPeriod    period;
    guint            n_chunks;
    const char      *first;
    const char      *last;
    gsize            first_rows;
    gsize            last_rows;
  } cases[] = {
    { ORCHARD_CHUNKING_SIZE, 100, 0, 8, "1-100", "701-730", 100, 30 },
    { ORCHARD_CHUNKING_COUNT, 3, 0, 3, "1-243", "487-730", 243, 244 },
    { ORCHARD_CHUNKING_PERIOD, 0, ORCHARD_PERIOD_QUARTER, 8, "2014-Q1", "2015-Q4", 90, 92 },
    /* 2014-01-01 is a Wednesday of ISO week 1; 2015-12-31 a Thursday of week 53. */
    { ORCHARD_CHUNKING_PERIOD, 0, ORCHARD_PERIOD_WEEK, 105, "2014-W01", "2015-W53", 5, 4 },
    { ORCHARD_CHUNKING_PERIOD, 0, ORCHARD_PERIOD_DAY, 730, "2014-01-01", "2015-12-31", 1, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
      g_autoptr(OrchardDriftReport) report = NULL;
      gsize total = 0;
      guint n;

      if (cases[i].chunking == ORCHARD_CHUNKING_SIZE)
        orchard_drift_options_set_chunk_size (options, cases[i].size);
      else if (cases[i].chunking == ORCHARD_CHUNKING_COUNT)
        orchard_drift_options_set_chunk_count (options, (guint) cases[i].size);
      else
        orchard_drift_options_set_chunk_period (options, cases[i].period, "date");

      report = report_of (profile, cur, options);
      n = orchard_drift_report_get_n_chunks (report);
      g_assert_cmpuint (n, ==, cases[i].n_chunks);
      g_assert_cmpstr (orchard_drift_report_get_chunk (report, 0)->label, ==, cases[i].first);
      g_assert_cmpstr (orchard_drift_report_get_chunk (report, n - 1)->label, ==, cases[i].last);
      g_assert_cmpuint (orchard_drift_report_get_chunk (report, 0)->n_rows, ==, cases[i].first_rows);
      g_assert_cmpuint (orchard_drift_report_get_chunk (report, n - 1)->n_rows, ==, cases[i].last_rows);
      for (guint c = 0; c < n; c++)
        total += orchard_drift_report_get_chunk (report, c)->n_rows;
      g_assert_cmpuint (total, ==, 730);
    }

  /* A time column that is not there, or holds no dates. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(OrchardDriftReport) report = NULL;

      orchard_drift_options_set_chunk_period (options, ORCHARD_PERIOD_MONTH, i == 0 ? "when" : "wind");
      report = orchard_drift_report_compute (profile, cur, NULL, options, NULL, NULL, NULL, &error);
      g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
      g_assert_null (report);
    }
}

/* The profile: sample, memory, round trip ---------------------------------------- */

static double
spread_of (gsize    i,
           gpointer data)
{
  /* 50,000 values, many repeated, in a scrambled order. */
  return (double) ((i * 7919 + 13) % 50021) / 8.0;
}

static void
test_sample (void)
{
  g_autoptr(OrchardTable) table = numeric_table ("x", 50000, spread_of, NULL);
  g_autoptr(OrchardTable) reversed = NULL;
  g_autofree gsize *rows = g_new (gsize, 50000);
  g_autoptr(GHashTable) present = g_hash_table_new (g_double_hash, g_double_equal);
  const double *values = orchard_column_get_values (orchard_table_get_column (table, 0));
  OrchardReferenceOptions options;
  g_autoptr(OrchardReferenceProfile) a = NULL, b = NULL, c = NULL, d = NULL, all = NULL;
  const OrchardReferenceColumn *ca, *cb, *cc, *cd;
  gboolean differ = FALSE;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < 50000; i++)
    {
      rows[i] = 49999 - i;
      g_hash_table_add (present, (gpointer) &values[i]);
    }
  reversed = orchard_table_select_rows (table, rows, 50000);

  orchard_reference_options_init (&options);
  g_assert_cmpuint (options.sample_size, ==, ORCHARD_REFERENCE_DEFAULT_SAMPLE_SIZE);
  options.sample_size = 1000;
  options.seed = 7;
  a = orchard_reference_profile_build (table, NULL, &options, NULL, NULL, NULL, &error);
  b = orchard_reference_profile_build (table, NULL, &options, NULL, NULL, NULL, &error);
  c = orchard_reference_profile_build (reversed, NULL, &options, NULL, NULL, NULL, &error);
  options.seed = 8;
  d = orchard_reference_profile_build (table, NULL, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  all = profile_of (table, 0);

  ca = orchard_reference_profile_get_column (a, 0);
  cb = orchard_reference_profile_get_column (b, 0);
  cc = orchard_reference_profile_get_column (c, 0);
  cd = orchard_reference_profile_get_column (d, 0);

  /* The same seed, the same sample, whatever the order of the rows. */
  g_assert_cmpuint (ca->sample_size, ==, 1000);
  g_assert_cmpmem (ca->sample, 1000 * sizeof (double), cb->sample, 1000 * sizeof (double));
  g_assert_cmpmem (ca->sample, 1000 * sizeof (double), cc->sample, 1000 * sizeof (double));
  for (gsize i = 0; i < 1000; i++)
    {
      differ = differ || ca->sample[i] != cd->sample[i];
      g_assert_true (g_hash_table_contains (present, &ca->sample[i]));
      if (i > 0)
        g_assert_cmpfloat (ca->sample[i], >=, ca->sample[i - 1]);
    }
  g_assert_true (differ);

  /* A sample of the values, not of the range: its median is near the data's. */
  g_assert_cmpfloat (fabs (ca->sample[500] - orchard_reference_profile_get_column (all, 0)->sample[25000]), <, 300);
  g_assert_cmpuint (orchard_reference_profile_get_column (all, 0)->sample_size, ==, 50000);

  /* Memory grows with the sample, not the rows. */
  g_assert_cmpuint (orchard_reference_profile_get_memory_size (a), <, 1000 * sizeof (double) + 4096);
  g_assert_cmpuint (orchard_reference_profile_get_memory_size (all), >, 50000 * sizeof (double));
}

static OrchardReferenceProfile *
round_trip (OrchardReferenceProfile *profile)
{
  g_autoptr(GVariant) variant = orchard_reference_profile_to_variant (profile);
  g_autoptr(GBytes) bytes = g_variant_get_data_as_bytes (variant);
  g_autoptr(GVariant) untrusted = g_variant_new_from_bytes (g_variant_get_type (variant), bytes, FALSE);
  g_autoptr(GError) error = NULL;
  OrchardReferenceProfile *back = orchard_reference_profile_from_variant (untrusted, &error);

  g_assert_no_error (error);
  return back;
}

/* A copy of @tuple with child @index replaced. */
static GVariant *
replace_child (GVariant *tuple,
               gsize     index,
               GVariant *child)
{
  gsize n = g_variant_n_children (tuple);
  g_autofree GVariant **children = g_new (GVariant *, n);
  GVariant *out;

  for (gsize i = 0; i < n; i++)
    children[i] = i == index ? g_variant_ref_sink (child) : g_variant_get_child_value (tuple, i);
  out = g_variant_ref_sink (g_variant_new_tuple (children, n));
  for (gsize i = 0; i < n; i++)
    g_variant_unref (children[i]);
  return out;
}

static void
test_variant (void)
{
  g_autoptr(OrchardTable) all = load_sample ("penguins.csv");
  g_autoptr(OrchardTable) ref = rows_where (all, "island", (const char * const[]) { "Biscoe", NULL });
  g_autoptr(OrchardTable) cur = rows_where (all, "island", (const char * const[]) { "Dream", NULL });
  g_autoptr(OrchardReferenceProfile) profile = profile_of (ref, 50);
  g_autoptr(OrchardReferenceProfile) back = round_trip (profile);
  g_autoptr(GVariant) v1 = orchard_reference_profile_to_variant (profile);
  g_autoptr(GVariant) v2 = orchard_reference_profile_to_variant (back);
  g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
  g_autoptr(OrchardDriftReport) r1 = NULL, r2 = NULL;
  g_autofree char *t1 = NULL, *t2 = NULL;

  /* The same profile, the same report, byte for byte. */
  g_assert_true (g_variant_equal (v1, v2));
  g_assert_true (g_variant_is_normal_form (v1));
  g_assert_true (orchard_reference_profile_has_multivariate (back));
  orchard_drift_options_set_chunk_count (options, 4);
  r1 = report_of (profile, cur, options);
  r2 = report_of (back, cur, options);
  t1 = json_text (r1);
  t2 = json_text (r2);
  g_assert_cmpstr (t1, ==, t2);

  /* Damage is an error, never a crash. */
  {
    g_autoptr(GVariant) columns = g_variant_get_child_value (v1, 6);
    g_autoptr(GVariant) first = g_variant_get_child_value (columns, 0);
    g_autoptr(GVariant) bad_column = NULL;
    g_autoptr(GVariant) bad_columns = NULL;
    g_autoptr(GVariant) bad = NULL;
    g_autoptr(GVariant) newer = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(OrchardReferenceProfile) none = NULL;
    GVariant *array[1];

    /* Counts of a numeric column that no longer add up. */
    bad_column = replace_child (first, 3, g_variant_new_uint64 (9999));
    array[0] = bad_column;
    bad_columns = g_variant_ref_sink (g_variant_new_array (NULL, array, 1));
    bad = replace_child (v1, 6, bad_columns);
    none = orchard_reference_profile_from_variant (bad, &error);
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
    g_assert_nonnull (strstr (error->message, "The reference profile is damaged"));
    g_assert_null (none);
    g_clear_error (&error);

    newer = replace_child (v1, 0, g_variant_new_uint32 (99));
    none = orchard_reference_profile_from_variant (newer, &error);
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED);
    g_clear_error (&error);

    {
      g_autoptr(GVariant) text = g_variant_ref_sink (g_variant_new_string ("profile"));

      none = orchard_reference_profile_from_variant (text, &error);
      g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
    }
  }

  /* Bytes flipped at random: an error or a consistent profile. */
  {
    g_autoptr(GBytes) bytes = g_variant_get_data_as_bytes (v1);
    gsize size;
    const guint8 *data = g_bytes_get_data (bytes, &size);
    OrchardRng rng;

    orchard_rng_init (&rng, 42);
    for (guint round = 0; round < 300; round++)
      {
        g_autofree guint8 *copy = g_memdup2 (data, size);
        g_autoptr(GBytes) damaged = NULL;
        g_autoptr(GVariant) variant = NULL;
        g_autoptr(OrchardReferenceProfile) maybe = NULL;
        g_autoptr(GError) error = NULL;

        for (guint flips = 0; flips < 1 + round % 4; flips++)
          copy[orchard_rng_below (&rng, size)] ^= (guint8) (1 + orchard_rng_below (&rng, 255));
        damaged = g_bytes_new (copy, size);
        variant = g_variant_ref_sink (g_variant_new_from_bytes (g_variant_get_type (v1), damaged, FALSE));
        maybe = orchard_reference_profile_from_variant (variant, &error);
        if (maybe == NULL)
          g_assert_nonnull (error);
        else
          {
            /* Whatever survived the checks can be compared with. */
            g_autoptr(OrchardDriftReport) report = NULL;
            g_autoptr(GError) report_error = NULL;

            report = orchard_drift_report_compute (maybe, cur, NULL, NULL, NULL, NULL, NULL, &report_error);
            g_assert_true (report != NULL || report_error != NULL);
          }
      }
  }
}

/* Predictions, threads, cancelling -------------------------------------------------- */

static OrchardTable *
predictions_of (OrchardTable *table)
{
  OrchardColumn *species = orchard_table_get_column (table, orchard_table_find_column (table, "species"));
  OrchardColumn *mass = orchard_table_get_column (table, orchard_table_find_column (table, "body_mass_g"));

  /* A "model" that predicts the species perfectly and scores the mass. */
  return table_of (orchard_column_new_renamed (species, "predicted"),
                   orchard_column_new_renamed (mass, "score"), NULL);
}

static void
test_predictions (void)
{
  g_autoptr(OrchardTable) all = load_sample ("penguins.csv");
  g_autoptr(OrchardTable) ref = rows_where (all, "island", (const char * const[]) { "Biscoe", NULL });
  g_autoptr(OrchardTable) cur = rows_where (all, "island", (const char * const[]) { "Dream", NULL });
  g_autoptr(OrchardTable) ref_predictions = predictions_of (ref);
  g_autoptr(OrchardTable) cur_predictions = predictions_of (cur);
  g_autoptr(OrchardReferenceProfile) profile = NULL;
  g_autoptr(OrchardReferenceProfile) plain = profile_of (ref, 0);
  g_autoptr(OrchardDriftReport) report = NULL;
  g_autoptr(OrchardDriftReport) refused = NULL;
  g_autoptr(GError) error = NULL;
  OrchardReferenceOptions options;
  const OrchardColumnDrift *predicted, *species, *score, *mass;

  orchard_reference_options_init (&options);
  options.sample_size = 0;
  options.target = "species";
  profile = orchard_reference_profile_build (ref, ref_predictions, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_reference_profile_get_target (profile), ==, "species");
  g_assert_cmpuint (orchard_reference_profile_get_n_predictions (profile), ==, 2);

  report = orchard_drift_report_compute (profile, cur, cur_predictions, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_drift_report_get_n_predictions (report), ==, 2);

  /* The outputs are tested like columns: the copies agree with the originals. */
  predicted = orchard_drift_report_get_prediction (report, 0);
  score = orchard_drift_report_get_prediction (report, 1);
  species = orchard_drift_report_get_column (report, orchard_drift_report_find_column (report, "species"));
  mass = orchard_drift_report_get_column (report, orchard_drift_report_find_column (report, "body_mass_g"));
  g_assert_cmpint (predicted->test, ==, species->test);
  g_assert_cmpfloat (predicted->p_value, ==, species->p_value);
  g_assert_cmpfloat (score->statistic, ==, mass->statistic);
  g_assert_cmpfloat (score->p_value, ==, mass->p_value);
  g_assert_true (orchard_drift_report_get_prediction_drift (report));

  /* The target is reported but not counted in the share. */
  g_assert_cmpint (species->role, ==, ORCHARD_COLUMN_ROLE_TARGET);
  g_assert_cmpuint (orchard_drift_report_get_n_tested (report), ==, 7);

  /* Predictions need a profile with predictions. */
  refused = orchard_drift_report_compute (plain, cur, cur_predictions, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_null (refused);
}

/* Everything but the multivariate block, whose BLAS sums may round
 * differently on another number of threads. */
static char *
without_multivariate (OrchardDriftReport  *report,
                      double             **errors,
                      gsize               *n_errors)
{
  g_autoptr(JsonNode) root = orchard_drift_report_to_json (report);
  JsonObject *object = json_node_get_object (root);
  JsonObject *m = json_object_get_object_member (object, "multivariate");
  JsonArray *chunks = json_object_get_array_member (m, "chunks");

  *n_errors = json_array_get_length (chunks) + 1;
  *errors = g_new (double, *n_errors);
  for (guint c = 0; c < json_array_get_length (chunks); c++)
    (*errors)[c] = json_object_get_double_member (json_array_get_object_element (chunks, c), "error");
  (*errors)[*n_errors - 1] = json_object_get_double_member (m, "error");
  json_object_remove_member (object, "multivariate");

  return orchard_json_to_string (root, FALSE);
}

static void
test_threads (void)
{
  g_autoptr(OrchardTable) all = load_sample ("seattle-weather.csv");
  g_autoptr(OrchardTable) ref = rows_where (all, "date", (const char * const[]) { "2012", "2013", NULL });
  g_autoptr(OrchardTable) cur = rows_where (all, "date", (const char * const[]) { "2014", "2015", NULL });
  g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
  char *text[2] = { NULL, NULL };
  double *errors[2] = { NULL, NULL };
  gsize n_errors[2];
  guint threads = orchard_get_threads ();

  orchard_drift_options_set_chunk_period (options, ORCHARD_PERIOD_WEEK, "date");
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(OrchardReferenceProfile) profile = NULL;
      g_autoptr(OrchardDriftReport) report = NULL;

      orchard_set_threads (k == 0 ? 1 : 3);
      profile = profile_of (ref, 200);
      report = report_of (profile, cur, options);
      text[k] = without_multivariate (report, &errors[k], &n_errors[k]);
    }
  orchard_set_threads (threads);

  /* Parallel columns and chunks, the same report. */
  g_assert_cmpstr (text[0], ==, text[1]);
  g_assert_cmpuint (n_errors[0], ==, 105 + 1);
  g_assert_cmpuint (n_errors[1], ==, 105 + 1);
  for (gsize i = 0; i < n_errors[0]; i++)
    eval_assert_close (errors[1][i], errors[0][i], 1e-13, "multivariate error");

  for (guint k = 0; k < 2; k++)
    {
      g_free (text[k]);
      g_free (errors[k]);
    }
}

static void
cancel_on_progress (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(OrchardTable) all = load_sample ("seattle-weather.csv");
  g_autoptr(OrchardReferenceProfile) profile = profile_of (all, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(OrchardDriftReport) report = NULL;
  g_autoptr(OrchardReferenceProfile) none = NULL;
  g_autoptr(GError) error = NULL;

  report = orchard_drift_report_compute (profile, all, NULL, NULL, cancel_on_progress, cancellable,
                                         cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_clear_error (&error);

  none = orchard_reference_profile_build (all, NULL, NULL, NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
}

static void
test_skipped (void)
{
  g_autoptr(OrchardTable) all = load_sample ("seattle-weather.csv");
  g_autoptr(OrchardReferenceProfile) profile = profile_of (all, 0);
  const double values[] = { 1, 2, 3 };
  g_autoptr(OrchardTable) cur = table_of (numbers ("wind", values, 3), numbers ("extra", values, 3),
                                          strings ("temp_max", (const char * const[]) { "a", "b", "c" }, 3),
                                          NULL);
  g_autoptr(OrchardDriftReport) report = report_of (profile, cur, NULL);
  g_autoptr(GHashTable) reasons = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < orchard_drift_report_get_n_skipped (report); i++)
    {
      const OrchardSkippedColumn *s = orchard_drift_report_get_skipped (report, i);

      g_hash_table_insert (reasons, (gpointer) s->name, (gpointer) s->reason);
    }

  g_assert_cmpuint (orchard_drift_report_get_n_columns (report), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (reasons, "precipitation"), ==, "not in the current data");
  g_assert_cmpstr (g_hash_table_lookup (reasons, "temp_max"), ==,
                   "numeric in the reference data but categorical in the current data");
  g_assert_cmpstr (g_hash_table_lookup (reasons, "extra"), ==, "not in the reference profile");
  /* Without the features, the multivariate test says why. */
  g_assert_nonnull (orchard_drift_report_get_multivariate (report)->note);
  g_assert_true (isnan (orchard_drift_report_get_multivariate (report)->error));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  reference = eval_reference_load ("drift-reference.json");

  g_test_add_func ("/engine/Drift/comparisons", test_comparisons);
  g_test_add_func ("/engine/Drift/bounded-sample", test_bounded_sample);
  g_test_add_func ("/engine/Drift/automatic-choice", test_automatic_choice);
  g_test_add_func ("/engine/Drift/identical", test_identical);
  g_test_add_func ("/engine/Drift/shifted", test_shifted);
  g_test_add_func ("/engine/Drift/degenerate", test_degenerate);
  g_test_add_func ("/engine/Drift/empty", test_empty);
  g_test_add_func ("/engine/Drift/bad-options", test_bad_options);
  g_test_add_func ("/engine/Drift/thresholds", test_thresholds);
  g_test_add_func ("/engine/Drift/correction", test_correction);
  g_test_add_func ("/engine/Drift/monthly-chunks", test_monthly_chunks);
  g_test_add_func ("/engine/Drift/chunk-plans", test_chunk_plans);
  g_test_add_func ("/engine/Drift/sample", test_sample);
  g_test_add_func ("/engine/Drift/variant", test_variant);
  g_test_add_func ("/engine/Drift/predictions", test_predictions);
  g_test_add_func ("/engine/Drift/threads", test_threads);
  g_test_add_func ("/engine/Drift/cancel", test_cancel);
  g_test_add_func ("/engine/Drift/skipped", test_skipped);

  return g_test_run ();
}
