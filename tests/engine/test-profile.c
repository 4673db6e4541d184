/* test-profile.c: OrchardProfile against pandas/NumPy, and every warning rule
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "orchard.h"

/* Helpers ----------------------------------------------------------------- */

static OrchardColumn *
numbers (const char   *name,
         const double *values,
         gsize         n)
{
  return orchard_column_new_numeric (name, g_memdup2 (values, MAX (n, 1) * sizeof (double)), n);
}

/* NULL entries are missing; levels are numbered by first appearance. */
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

/* Takes the columns (transfer full), NULL-terminated. */
static OrchardTable *
table_of (OrchardColumn *first,
          ...)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GError) error = NULL;
  OrchardTable *table;
  va_list args;

  columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
  va_start (args, first);
  for (OrchardColumn *c = first; c != NULL; c = va_arg (args, OrchardColumn *))
    g_ptr_array_add (columns, c);
  va_end (args);

  table = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
  g_assert_no_error (error);
  return table;
}

static OrchardProfile *
profile_of (OrchardTable *table,
            const char   *target)
{
  g_autoptr(GError) error = NULL;
  OrchardProfile *profile = orchard_profile_compute (table, target, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return profile;
}

static OrchardTable *
read_csv (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  OrchardTable *table = orchard_csv_read_bytes (bytes, "test.csv", NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return table;
}

static const OrchardColumnProfile *
column (OrchardProfile *profile,
        const char     *name)
{
  int i = orchard_profile_find_column (profile, name);

  g_assert_cmpint (i, >=, 0);
  return orchard_profile_get_column (profile, i);
}

static const OrchardProfileWarning *
find_warning (OrchardProfile            *profile,
              OrchardProfileWarningCode  code,
              const char                *name)
{
  for (guint i = 0; i < orchard_profile_get_n_warnings (profile); i++)
    {
      const OrchardProfileWarning *w = orchard_profile_get_warning (profile, i);

      if (w->code == code && g_strcmp0 (w->column, name) == 0)
        return w;
    }

  return NULL;
}

static guint
count_warnings (OrchardProfile            *profile,
                OrchardProfileWarningCode  code)
{
  guint n = 0;

  for (guint i = 0; i < orchard_profile_get_n_warnings (profile); i++)
    n += orchard_profile_get_warning (profile, i)->code == code;

  return n;
}

/* Against the pandas/NumPy reference -------------------------------------- */

static double
ref_number (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NAN;
  return json_node_get_double (node);
}

/* |actual − expected| ≤ 1e-9 · max(|expected|, scale). The scale matters for
 * values that are small only by cancellation: the standardised diabetes
 * features have means of 1e-17 while their values are of order 0.1, so the
 * last bit of any summation order is far above 1e-9 of the mean itself. */
static void
check_close (const char *file,
             const char *name,
             const char *what,
             double      actual,
             double      expected,
             double      scale)
{
  if (isnan (expected))
    {
      if (!isnan (actual))
        g_test_fail_printf ("%s, column “%s”: %s is %.17g, the reference has none",
                            file, name, what, actual);
      return;
    }

  if (!(fabs (actual - expected) <= 1e-9 * MAX (fabs (expected), scale)))
    g_test_fail_printf ("%s, column “%s”: %s is %.17g, pandas/NumPy say %.17g",
                        file, name, what, actual, expected);
}

static void
check_count (const char *file,
             const char *name,
             const char *what,
             gsize       actual,
             JsonObject *ref,
             const char *key)
{
  gint64 expected = json_object_get_int_member (ref, key);

  if ((gint64) actual != expected)
    g_test_fail_printf ("%s, column “%s”: %s is %" G_GSIZE_FORMAT ", pandas/NumPy say %"
                        G_GINT64_FORMAT, file, name, what, actual, expected);
}

static void
check_valued_column (const char                 *file,
                     const OrchardColumnProfile *col,
                     JsonObject                 *ref)
{
  double scale = MAX (fabs (ref_number (ref, "min")), fabs (ref_number (ref, "max")));
  JsonObject *quantiles;
  JsonObject *histogram;
  JsonArray *edges;
  JsonArray *counts;

  if (col->count == 0)
    return;

  check_close (file, col->name, "mean", col->mean, ref_number (ref, "mean"), scale);
  check_close (file, col->name, "std", col->std, ref_number (ref, "std"), 0.0);
  check_close (file, col->name, "min", col->min, ref_number (ref, "min"), 0.0);
  check_close (file, col->name, "max", col->max, ref_number (ref, "max"), 0.0);

  quantiles = json_object_get_object_member (ref, "quantiles");
  for (guint q = 0; q < ORCHARD_N_QUANTILES; q++)
    check_close (file, col->name, orchard_quantile_to_string (q), col->quantiles[q],
                 ref_number (quantiles, orchard_quantile_to_string (q)), scale);

  check_count (file, col->name, "outliers", col->outliers, ref, "outliers");

  if (col->kind == ORCHARD_COLUMN_KIND_NUMERIC)
    {
      /* Skewness is dimensionless and of order 1. */
      check_close (file, col->name, "skewness", col->skewness, ref_number (ref, "skewness"), 1.0);
      check_count (file, col->name, "zeros", col->zeros, ref, "zeros");
    }

  histogram = json_object_get_object_member (ref, "histogram");
  edges = json_object_get_array_member (histogram, "edges");
  counts = json_object_get_array_member (histogram, "counts");
  if (col->n_bins != json_array_get_length (counts))
    {
      g_test_fail_printf ("%s, column “%s”: %u histogram bins, NumPy has %u",
                          file, col->name, col->n_bins, json_array_get_length (counts));
      return;
    }
  for (guint b = 0; b <= col->n_bins; b++)
    check_close (file, col->name, "a histogram edge", col->bin_edges[b],
                 json_array_get_double_element (edges, b), scale);
  for (guint b = 0; b < col->n_bins; b++)
    if ((gint64) col->bin_counts[b] != json_array_get_int_element (counts, b))
      g_test_fail_printf ("%s, column “%s”: histogram bin %u holds %" G_GSIZE_FORMAT
                          ", NumPy says %" G_GINT64_FORMAT, file, col->name, b,
                          col->bin_counts[b], json_array_get_int_element (counts, b));
}

static void
check_levels (const char                 *file,
              const OrchardColumnProfile *col,
              JsonObject                 *ref)
{
  JsonArray *levels = json_object_get_array_member (ref, "levels");
  guint n_ref = json_array_get_length (levels);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  gsize listed = 0;

  for (guint l = 0; l < n_ref; l++)
    {
      JsonObject *level = json_array_get_object_element (levels, l);
      g_hash_table_insert (counts, (gpointer) json_object_get_string_member (level, "value"),
                           GSIZE_TO_POINTER (json_object_get_int_member (level, "count")));
    }

  g_assert_cmpuint (col->n_levels, ==, MIN (n_ref, ORCHARD_PROFILE_TOP_LEVELS));
  g_assert_cmpuint (col->n_other_levels, ==, n_ref - col->n_levels);

  for (guint l = 0; l < col->n_levels; l++)
    {
      gpointer expected;

      if (!g_hash_table_lookup_extended (counts, col->levels[l].value, NULL, &expected))
        g_test_fail_printf ("%s, column “%s”: level “%s” is not in value_counts()",
                            file, col->name, col->levels[l].value);
      else if (GPOINTER_TO_SIZE (expected) != col->levels[l].count)
        g_test_fail_printf ("%s, column “%s”: level “%s” counts %" G_GSIZE_FORMAT
                            ", value_counts() says %" G_GSIZE_FORMAT, file, col->name,
                            col->levels[l].value, col->levels[l].count,
                            GPOINTER_TO_SIZE (expected));
      if (l > 0)
        g_assert_cmpuint (col->levels[l].count, <=, col->levels[l - 1].count);
      listed += col->levels[l].count;
    }

  g_assert_cmpuint (listed + col->other_count, ==, col->count);
}

/* The one-feature scores behind target_leakage: scikit-learn's
 * roc_auc_score() on every pair of classes (penguins and iris have many
 * ties), pandas' Series.corr(), pure levels. */
static void
check_target_score (const char                 *file,
                    const OrchardColumnProfile *col,
                    JsonObject                 *ref)
{
  JsonNode *kind = json_object_get_member (ref, "target_score_kind");
  const char *expected = kind != NULL && !JSON_NODE_HOLDS_NULL (kind)
                         ? json_node_get_string (kind) : "none";

  if (g_strcmp0 (orchard_target_score_to_string (col->target_score_kind), expected) != 0)
    {
      g_test_fail_printf ("%s, column “%s”: target score is %s, the reference has %s", file,
                          col->name, orchard_target_score_to_string (col->target_score_kind),
                          expected);
      return;
    }

  check_close (file, col->name, "target score", col->target_score,
               ref_number (ref, "target_score"), 1.0);
}

static void
test_reference (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_TEST_DATA_DIR"),
                                            "profile-reference.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *files;
  g_autoptr(GList) names = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  files = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                         "files");
  names = json_object_get_members (files);
  g_assert_cmpuint (g_list_length (names), ==, 6);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *file = l->data;
      JsonObject *ref = json_object_get_object_member (files, file);
      JsonArray *ref_columns = json_object_get_array_member (ref, "columns");
      g_autofree char *sample = g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), file, NULL);
      g_autoptr(GFile) gfile = g_file_new_for_path (sample);
      g_autoptr(OrchardTable) table = orchard_table_load (gfile, NULL, NULL, NULL, NULL, &error);
      g_autoptr(OrchardProfile) profile = NULL;

      g_assert_no_error (error);
      profile = profile_of (table, json_object_get_string_member (ref, "target"));

      g_test_message ("%s", file);
      g_assert_cmpuint (orchard_profile_get_n_rows (profile), ==,
                        json_object_get_int_member (ref, "rows"));
      g_assert_cmpuint (orchard_profile_get_n_columns (profile), ==,
                        json_array_get_length (ref_columns));
      g_assert_cmpuint (orchard_profile_get_duplicate_rows (profile), ==,
                        json_object_get_int_member (ref, "duplicate_rows"));
      g_assert_cmpstr (orchard_profile_get_hash (profile), ==, orchard_table_get_hash (table));

      for (guint c = 0; c < json_array_get_length (ref_columns); c++)
        {
          JsonObject *rc = json_array_get_object_element (ref_columns, c);
          const OrchardColumnProfile *col = orchard_profile_get_column (profile, c);

          g_assert_cmpstr (col->name, ==, json_object_get_string_member (rc, "name"));
          g_assert_cmpstr (orchard_column_kind_to_string (col->kind), ==,
                           json_object_get_string_member (rc, "kind"));
          check_count (file, col->name, "count", col->count, rc, "count");
          check_count (file, col->name, "missing", col->missing, rc, "missing");
          check_count (file, col->name, "unique", col->unique, rc, "unique");
          g_assert_cmpfloat (col->missing_share, ==,
                             (double) col->missing / (double) orchard_profile_get_n_rows (profile));

          if (col->kind == ORCHARD_COLUMN_KIND_NUMERIC || col->kind == ORCHARD_COLUMN_KIND_DATETIME)
            check_valued_column (file, col, rc);
          else
            check_levels (file, col, rc);
          check_target_score (file, col, rc);
        }
    }
}

/* Kernels ----------------------------------------------------------------- */

static void
test_sorting (void)
{
  /* -250, -249.5, …, 249.5 shuffled, and one -0 beside the 0: the radix
   * sort must order across the sign bit and keep -0 equal to 0. */
  const gsize n = 1001;
  g_autofree double *v = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  const OrchardColumnProfile *x;

  for (gsize i = 0; i < 1000; i++)
    v[i] = ((double) i - 500.0) * 0.5;
  v[1000] = -0.0;
  for (gsize i = n - 1; i > 0; i--)
    {
      gsize j = g_rand_int_range (rand, 0, (gint32) i + 1);
      double t = v[i];
      v[i] = v[j];
      v[j] = t;
    }

  table = table_of (numbers ("x", v, n), NULL);
  profile = profile_of (table, NULL);
  x = column (profile, "x");

  g_assert_cmpfloat (x->min, ==, -250.0);
  g_assert_cmpfloat (x->max, ==, 249.5);
  g_assert_cmpuint (x->unique, ==, 1000);
  g_assert_cmpuint (x->zeros, ==, 2);
  g_assert_cmpfloat (x->quantiles[ORCHARD_QUANTILE_P25], ==, -125.0);
  g_assert_cmpfloat (x->quantiles[ORCHARD_QUANTILE_P50], ==, 0.0);
  g_assert_cmpfloat (x->quantiles[ORCHARD_QUANTILE_P75], ==, 124.5);
  /* (1000 · 0.99 = 990 → the 990th value: 990 − 501 steps of ½ above 0). */
  g_assert_cmpfloat (x->quantiles[ORCHARD_QUANTILE_P99], ==, 244.5);
  g_assert_cmpfloat_with_epsilon (x->mean, -250.0 / 1001.0, 1e-15);
  g_assert_cmpuint (x->outliers, ==, 0);
}

static void
test_extreme_values (void)
{
  const double v[] = { 1e300, -1e300, 5e-324, -5e-324, 0.0, 3.0, -2.0, 1e-300, -1e-300,
                       7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0,
                       18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0,
                       29.0, 30.0, 31.0, 32.0, 33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0,
                       40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0, 49.0, 50.0 };
  g_autoptr(OrchardTable) table = table_of (numbers ("x", v, G_N_ELEMENTS (v)), NULL);
  g_autoptr(OrchardProfile) profile = profile_of (table, NULL);
  const OrchardColumnProfile *x = column (profile, "x");
  gsize total = 0;

  g_assert_cmpuint (G_N_ELEMENTS (v), >, 48);   /* past the insertion sort */
  g_assert_cmpfloat (x->min, ==, -1e300);
  g_assert_cmpfloat (x->max, ==, 1e300);
  g_assert_cmpuint (x->unique, ==, G_N_ELEMENTS (v));
  g_assert_cmpuint (x->zeros, ==, 1);
  /* Sorted: -1e300, -2, -1e-300, -5e-324, 0, 5e-324, 1e-300, 3, 7, 8, … */
  g_assert_cmpfloat (x->quantiles[ORCHARD_QUANTILE_P50], ==, 25.0);
  g_assert_cmpuint (x->outliers, ==, 2);
  g_assert_cmpuint (x->n_bins, >=, 1);
  for (guint b = 0; b < x->n_bins; b++)
    total += x->bin_counts[b];
  g_assert_cmpuint (total, ==, G_N_ELEMENTS (v));
}

/* Warnings ---------------------------------------------------------------- */

static void
test_constant (void)
{
  const double a[] = { 5, 5, 5, 5, NAN };
  const double b[] = { 1, 2, 3, 4, 5 };
  const char * const s[] = { "x", "x", "x", "x", "x" };
  g_autoptr(OrchardTable) table = table_of (numbers ("a", a, 5), numbers ("b", b, 5),
                                            strings ("s", s, 5), NULL);
  g_autoptr(OrchardProfile) profile = profile_of (table, NULL);
  const OrchardProfileWarning *w;

  w = find_warning (profile, ORCHARD_PROFILE_WARNING_CONSTANT, "a");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "“a”"));
  g_assert_nonnull (strstr (w->message, "“5”"));
  g_assert_nonnull (w->action);
  g_assert_true (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_CONSTANT, "s"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_CONSTANT, "b"));
  g_assert_cmpfloat (column (profile, "a")->std, ==, 0.0);
  g_assert_cmpfloat (column (profile, "a")->skewness, ==, 0.0);
}

static void
test_high_missing (void)
{
  const double m30[] = { 1, 2, 3, 4, 5, 6, 7, NAN, NAN, NAN };
  const double m20[] = { 1, 2, 3, 4, 5, 6, 7, 8, NAN, NAN };
  const char * const s30[] = { "a", "b", NULL, "a", "b", NULL, "a", "b", NULL, "a" };
  g_autoptr(OrchardTable) table = table_of (numbers ("m30", m30, 10), numbers ("m20", m20, 10),
                                            strings ("s30", s30, 10), NULL);
  g_autoptr(OrchardProfile) profile = profile_of (table, NULL);
  const OrchardProfileWarning *w;

  w = find_warning (profile, ORCHARD_PROFILE_WARNING_HIGH_MISSING, "m30");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "30.0%"));
  g_assert_nonnull (strstr (w->message, "3 of 10"));
  /* The threshold is “more than 20%”. */
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_HIGH_MISSING,
                                               "m20"));
  g_assert_true (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_HIGH_MISSING,
                                              "s30"));
  g_assert_cmpfloat (column (profile, "m30")->missing_share, ==, 0.3);
  g_assert_cmpuint (column (profile, "s30")->missing, ==, 3);
}

static void
test_cardinality_and_ids (void)
{
  const gsize n = 200;
  g_autofree const char **l60 = g_new (const char *, n);
  g_autofree const char **l50 = g_new (const char *, n);
  g_autofree const char **users = g_new (const char *, n);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *ids = g_new (double, n);
  g_autofree double *measure = g_new (double, n);
  g_autofree double *sparse = g_new (double, n);
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardProfile) profile = NULL;

  for (gsize i = 0; i < n; i++)
    {
      char *a = g_strdup_printf ("L%" G_GSIZE_FORMAT, i % 60);
      char *b = g_strdup_printf ("L%" G_GSIZE_FORMAT, i % 50);
      char *u = g_strdup_printf ("user-%" G_GSIZE_FORMAT, (i * 7919) % 1000);

      g_ptr_array_add (owned, a);
      g_ptr_array_add (owned, b);
      g_ptr_array_add (owned, u);
      l60[i] = a;
      l50[i] = b;
      users[i] = u;
      ids[i] = (double) ((i * 37) % n) + 1.0;   /* 1 … 200, shuffled */
      measure[i] = 10.0 + (double) i * 1.37 + 0.001 * (double) (i % 7);
      sparse[i] = (double) i * 1000.0;
    }

  table = table_of (strings ("l60", l60, n), strings ("l50", l50, n), strings ("user", users, n),
                    numbers ("id", ids, n), numbers ("measure", measure, n),
                    numbers ("sparse", sparse, n), NULL);
  profile = profile_of (table, NULL);

  g_assert_cmpuint (column (profile, "l60")->unique, ==, 60);
  g_assert_cmpuint (column (profile, "l60")->n_levels, ==, ORCHARD_PROFILE_TOP_LEVELS);
  g_assert_cmpuint (column (profile, "l60")->n_other_levels, ==, 40);
  g_assert_true (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_HIGH_CARDINALITY,
                                              "l60"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_HIGH_CARDINALITY,
                                               "l50"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_ID_LIKE, "l60"));

  /* An identifier is reported as such, not as a high-cardinality category. */
  g_assert_true (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_ID_LIKE, "user"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_HIGH_CARDINALITY,
                                               "user"));
  g_assert_true (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_ID_LIKE, "id"));
  /* Distinct measurements and sparse codes are not row numbers. */
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_ID_LIKE,
                                               "measure"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_ID_LIKE, "sparse"));
}

static void
test_id_like_needs_rows (void)
{
  const char * const few[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j" };
  g_autoptr(OrchardTable) table = table_of (strings ("few", few, 10), NULL);
  g_autoptr(OrchardProfile) profile = profile_of (table, NULL);

  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_ID_LIKE, "few"));
}

static void
test_duplicate_rows_with_nan (void)
{
  const double x[] = { 1, NAN, 1, NAN, 2, -0.0, 0.0 };
  const char * const s[] = { "a", NULL, "a", NULL, "a", "b", "b" };
  g_autoptr(OrchardTable) table = table_of (numbers ("x", x, 7), strings ("s", s, 7), NULL);
  g_autoptr(OrchardProfile) profile = profile_of (table, NULL);
  const OrchardProfileWarning *w;

  /* Rows 2, 3 and 6 repeat rows 0, 1 and 5 (NaN = NaN, -0 = 0), as
   * pandas' DataFrame.duplicated().sum() counts them. */
  g_assert_cmpuint (orchard_profile_get_duplicate_rows (profile), ==, 3);
  w = find_warning (profile, ORCHARD_PROFILE_WARNING_DUPLICATE_ROWS, NULL);
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "3 rows"));
}

static void
test_duplicate_rows_brute_force (void)
{
  /* Few distinct values make many duplicates and many hash-slot clashes;
   * an O(n²) count is the independent check. */
  const gsize n = 2000;
  g_autofree double *a = g_new (double, n);
  g_autofree double *b = g_new (double, n);
  g_autofree const char **s = g_new (const char *, n);
  const char * const words[] = { "red", "green", "blue", NULL };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  gsize expected = 0;

  for (gsize i = 0; i < n; i++)
    {
      int r = g_rand_int_range (rand, 0, 9);
      a[i] = r == 8 ? NAN : (double) r;
      b[i] = (double) g_rand_int_range (rand, 0, 6) * 0.1;
      s[i] = words[g_rand_int_range (rand, 0, 4)];
    }

  for (gsize i = 1; i < n; i++)
    for (gsize j = 0; j < i; j++)
      if ((a[i] == a[j] || (isnan (a[i]) && isnan (a[j]))) && b[i] == b[j] &&
          g_strcmp0 (s[i], s[j]) == 0)
        {
          expected++;
          break;
        }

  table = table_of (numbers ("a", a, n), numbers ("b", b, n), strings ("s", s, n), NULL);
  profile = profile_of (table, NULL);
  g_assert_cmpuint (expected, >, 1000);
  g_assert_cmpuint (orchard_profile_get_duplicate_rows (profile), ==, expected);
}

static OrchardColumn *
strings_with_levels (const char         *name,
                     const guint32      *codes,
                     gsize               n,
                     const char * const *levels,
                     guint               n_levels)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  for (guint l = 0; l < n_levels; l++)
    g_ptr_array_add (array, g_strdup (levels[l]));

  return orchard_column_new_categorical (name, g_memdup2 (codes, n * sizeof (guint32)), n,
                                         array, FALSE);
}

static void
test_duplicate_columns (void)
{
  const double a[] = { 1, NAN, 3, 4 };
  const double c[] = { 1, NAN, 3, 5 };
  const char * const levels1[] = { "x", "y", "z" };
  const char * const levels2[] = { "z", "y", "x" };
  const guint32 codes1[] = { 0, ORCHARD_CODE_MISSING, 1, 2 };
  const guint32 codes2[] = { 2, ORCHARD_CODE_MISSING, 1, 0 };
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  const OrchardProfileWarning *w;

  /* s2 holds the same text as s1 under other codes. */
  table = table_of (numbers ("a", a, 4), numbers ("b", a, 4), numbers ("c", c, 4),
                    strings_with_levels ("s1", codes1, 4, levels1, 3),
                    strings_with_levels ("s2", codes2, 4, levels2, 3), NULL);
  profile = profile_of (table, NULL);

  w = find_warning (profile, ORCHARD_PROFILE_WARNING_DUPLICATE_COLUMNS, "b");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "“a”"));
  w = find_warning (profile, ORCHARD_PROFILE_WARNING_DUPLICATE_COLUMNS, "s2");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "“s1”"));
  g_assert_cmpuint (count_warnings (profile, ORCHARD_PROFILE_WARNING_DUPLICATE_COLUMNS), ==, 2);
}

static void
test_outliers (void)
{
  double heavy[100];
  double light[100];
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  const OrchardColumnProfile *h;
  const OrchardProfileWarning *w;

  /* 0 … 99: Q1 = 24.75, Q3 = 74.25, fences −49.5 and 148.5; the top 6 (or 5)
   * values moved to 1000 leave the quartiles where they are. */
  for (int i = 0; i < 100; i++)
    {
      heavy[i] = i >= 94 ? 1000.0 : i;
      light[i] = i >= 95 ? 1000.0 : i;
    }

  table = table_of (numbers ("heavy", heavy, 100), numbers ("light", light, 100), NULL);
  profile = profile_of (table, NULL);
  h = column (profile, "heavy");

  g_assert_cmpfloat (h->lower_fence, ==, -49.5);
  g_assert_cmpfloat (h->upper_fence, ==, 148.5);
  g_assert_cmpuint (h->outliers, ==, 6);
  g_assert_cmpuint (column (profile, "light")->outliers, ==, 5);
  w = find_warning (profile, ORCHARD_PROFILE_WARNING_OUTLIERS, "heavy");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "6 values (6.0%)"));
  /* The threshold is “more than 5%”. */
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_OUTLIERS, "light"));
}

static void
test_mixed_types_from_reader (void)
{
  g_autoptr(GString) csv = g_string_new ("x,y\n");
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  const OrchardProfileWarning *w;

  for (int i = 0; i < 100; i++)
    g_string_append_printf (csv, "%s,%d\n", i == 50 ? "oops" : "1.5", i);

  table = read_csv (csv->str);
  g_assert_cmpint (orchard_column_get_kind (orchard_table_get_column (table, 0)), ==,
                   ORCHARD_COLUMN_KIND_NUMERIC);
  profile = profile_of (table, NULL);

  w = find_warning (profile, ORCHARD_PROFILE_WARNING_MIXED_TYPES, "x");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "oops"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_MIXED_TYPES, "y"));
  g_assert_cmpuint (column (profile, "x")->missing, ==, 1);
}

static void
test_mixed_types_in_categories (void)
{
  const char * const mixed[] = { "1", "2", "3", "yes", "no", "1", "2", "yes", "no", "no" };
  const char * const words[] = { "a", "b", "c", "yes", "no", "a", "b", "yes", "no", "no" };
  const char * const codes[] = { "A1", "B2", "C3", "A1", "B2", "C3", "A1", "B2", "C3", "A1" };
  g_autoptr(OrchardTable) table = table_of (strings ("mixed", mixed, 10),
                                            strings ("words", words, 10),
                                            strings ("codes", codes, 10), NULL);
  g_autoptr(OrchardProfile) profile = profile_of (table, NULL);
  const OrchardProfileWarning *w;

  w = find_warning (profile, ORCHARD_PROFILE_WARNING_MIXED_TYPES, "mixed");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "50.0%"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_MIXED_TYPES,
                                               "words"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_MIXED_TYPES,
                                               "codes"));
}

static void
test_skewed (void)
{
  double right[52];
  double left[52];
  double flat[52];
  double flag[100];
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardTable) flags = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  g_autoptr(OrchardProfile) flags_profile = NULL;
  const OrchardProfileWarning *w;

  /* 1 … 50, 1000, 2000: pandas' Series.skew() gives 5.712420718021697. */
  for (int i = 0; i < 50; i++)
    right[i] = i + 1;
  right[50] = 1000;
  right[51] = 2000;
  for (int i = 0; i < 52; i++)
    {
      left[i] = -right[i];
      flat[i] = i;
    }
  /* A 0/1 indicator with 3% ones is very skewed, and that is no news. */
  for (int i = 0; i < 100; i++)
    flag[i] = i < 3;

  table = table_of (numbers ("right", right, 52), numbers ("left", left, 52),
                    numbers ("flat", flat, 52), NULL);
  profile = profile_of (table, NULL);
  flags = table_of (numbers ("flag", flag, 100), NULL);
  flags_profile = profile_of (flags, NULL);

  g_assert_cmpfloat_with_epsilon (column (profile, "right")->skewness, 5.712420718021697, 1e-12);
  w = find_warning (profile, ORCHARD_PROFILE_WARNING_SKEWED, "right");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "right-skewed (skewness 5.71)"));
  w = find_warning (profile, ORCHARD_PROFILE_WARNING_SKEWED, "left");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "left-skewed"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_SKEWED, "flat"));
  g_assert_false (orchard_profile_has_warning (flags_profile, ORCHARD_PROFILE_WARNING_SKEWED,
                                               "flag"));
  g_assert_cmpfloat (column (flags_profile, "flag")->skewness, >, 2.0);
}

static void
test_leakage_binary (void)
{
  /* Ten “no” then ten “yes”. Against the “no” values 0 … 9:
   *   tie2: “yes” = 9, 9, 12 … 19: two ties with the 9 count ½ each, so
   *         AUC = 1 − 1/100 = 0.99 exactly, at the threshold;
   *   tie3: three such ties, AUC = 0.985, below it;
   *   reversed: “yes” below every “no”, AUC 0, which predicts just as well. */
  const char *y[20];
  double tie2[20], tie3[20], reversed[20];
  const char * const pure[] = { "a", "a", "a", "a", "a", "b", "b", "b", "b", "b",
                                "c", "c", "c", "c", "c", "d", "d", "d", "d", "d" };
  const char * const impure[] = { "a", "a", "a", "a", "a", "b", "b", "b", "b", "c",
                                  "c", "c", "c", "c", "c", "d", "d", "d", "d", "d" };
  const char *ids[20];
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  g_autoptr(OrchardProfile) untargeted = NULL;
  const OrchardProfileWarning *w;

  for (int i = 0; i < 20; i++)
    {
      y[i] = i < 10 ? "no" : "yes";
      tie2[i] = i < 10 ? i : i < 12 ? 9 : i;
      tie3[i] = i < 10 ? i : i < 13 ? 9 : i;
      reversed[i] = i < 10 ? 100 + i : i;
      g_ptr_array_add (owned, g_strdup_printf ("row-%d", i));
      ids[i] = g_ptr_array_index (owned, i);
    }

  table = table_of (strings ("y", y, 20), numbers ("tie2", tie2, 20), numbers ("tie3", tie3, 20),
                    numbers ("reversed", reversed, 20), strings ("pure", pure, 20),
                    strings ("impure", impure, 20), strings ("ids", ids, 20), NULL);
  profile = profile_of (table, "y");
  g_assert_cmpstr (orchard_profile_get_target (profile), ==, "y");
  g_assert_cmpint (column (profile, "y")->role, ==, ORCHARD_COLUMN_ROLE_TARGET);

  w = find_warning (profile, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE, "tie2");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "ROC AUC 0.9900"));
  g_assert_nonnull (strstr (w->message, "“y”"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE,
                                               "tie3"));
  w = find_warning (profile, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE, "reversed");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "ROC AUC 1.0000"));
  g_assert_true (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE,
                                              "pure"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE,
                                               "impure"));
  /* An identifier is pure too, trivially; it gets id_like instead. */
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE,
                                               "ids"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE,
                                               "y"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_IMBALANCED_TARGET,
                                               "y"));

  untargeted = profile_of (table, NULL);
  g_assert_null (orchard_profile_get_target (untargeted));
  g_assert_cmpuint (count_warnings (untargeted, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE), ==, 0);
}

static void
test_leakage_regression (void)
{
  double y[20], linear[20], weak[20];
  const char *pairs[20];
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  const OrchardProfileWarning *w;

  for (int i = 0; i < 20; i++)
    {
      y[i] = i;
      linear[i] = 1.0 - 2.0 * i;
      weak[i] = (i * 7) % 20;
      g_ptr_array_add (owned, g_strdup_printf ("pair-%d", i / 2));
      pairs[i] = g_ptr_array_index (owned, i);
    }

  table = table_of (numbers ("y", y, 20), numbers ("linear", linear, 20),
                    numbers ("weak", weak, 20), strings ("pairs", pairs, 20), NULL);
  profile = profile_of (table, "y");

  w = find_warning (profile, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE, "linear");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "|correlation| 1.0000"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE,
                                               "weak"));
  /* Levels {0,1}, {2,3}, …: η² = 1 − 5/665, η = 0.9962. */
  w = find_warning (profile, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE, "pairs");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "correlation ratio 0.9962"));
  /* A value target has no classes to be imbalanced. */
  g_assert_cmpuint (count_warnings (profile, ORCHARD_PROFILE_WARNING_IMBALANCED_TARGET), ==, 0);
}

static void
test_leakage_multiclass (void)
{
  const char *y[30];
  double separated[30], overlapping[30];
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardTable) with_role = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  const OrchardProfileWarning *w;

  /* Three classes of ten; “separated” puts them in disjoint intervals in
   * the order b < c < a, “overlapping” lets b and c share a value range. */
  for (int i = 0; i < 30; i++)
    {
      int k = i / 10;

      y[i] = k == 0 ? "a" : k == 1 ? "b" : "c";
      separated[i] = (k == 0 ? 200 : k == 1 ? 0 : 100) + i % 10;
      overlapping[i] = (k == 0 ? 200 : k == 1 ? 0 : 5) + i % 10;
    }

  table = table_of (strings ("y", y, 30), numbers ("separated", separated, 30),
                    numbers ("overlapping", overlapping, 30), NULL);
  /* The target may come from the table's roles. */
  with_role = orchard_table_with_role (table, 0, ORCHARD_COLUMN_ROLE_TARGET);
  profile = profile_of (with_role, NULL);
  g_assert_cmpstr (orchard_profile_get_target (profile), ==, "y");

  w = find_warning (profile, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE, "separated");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "every pair of classes"));
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE,
                                               "overlapping"));
}

static void
test_imbalanced_target (void)
{
  const char *y91[100], *y90[100];
  double binary[100];
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardProfile) p91 = NULL;
  g_autoptr(OrchardProfile) p90 = NULL;
  g_autoptr(OrchardProfile) pbin = NULL;
  const OrchardProfileWarning *w;

  for (int i = 0; i < 100; i++)
    {
      y91[i] = i < 91 ? "common" : "rare";
      y90[i] = i < 90 ? "common" : "rare";
      binary[i] = i < 95 ? 0.0 : 1.0;
    }

  table = table_of (strings ("y91", y91, 100), strings ("y90", y90, 100),
                    numbers ("binary", binary, 100), NULL);
  p91 = profile_of (table, "y91");
  p90 = profile_of (table, "y90");
  pbin = profile_of (table, "binary");

  w = find_warning (p91, ORCHARD_PROFILE_WARNING_IMBALANCED_TARGET, "y91");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "“common” has 91 rows"));
  g_assert_nonnull (strstr (w->message, "“rare” 9"));
  /* 90:10 is exactly 9:1, the limit; it takes more than that. */
  g_assert_false (orchard_profile_has_warning (p90, ORCHARD_PROFILE_WARNING_IMBALANCED_TARGET,
                                               "y90"));
  /* A numeric target with two values is a class target. */
  w = find_warning (pbin, ORCHARD_PROFILE_WARNING_IMBALANCED_TARGET, "binary");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "(19.0:1)"));
  /* Without a target nobody is imbalanced. */
  g_assert_false (orchard_profile_has_warning (p91, ORCHARD_PROFILE_WARNING_IMBALANCED_TARGET,
                                               "y90"));
}

/* Edge cases -------------------------------------------------------------- */

static JsonObject *
json_column (JsonNode   *root,
             const char *name)
{
  JsonArray *columns = json_object_get_array_member (json_node_get_object (root), "columns");

  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      JsonObject *c = json_array_get_object_element (columns, i);

      if (g_strcmp0 (json_object_get_string_member (c, "name"), name) == 0)
        return c;
    }

  g_assert_not_reached ();
}

/* Through text and back, as a consumer of `orchard-cli profile --json` sees it. */
static JsonNode *
json_round_trip (OrchardProfile *profile)
{
  g_autoptr(JsonNode) node = orchard_profile_to_json (profile);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = orchard_json_to_string (node, FALSE);
  /* What g_ascii_formatd() would print for NaN or infinity, as a value. */
  for (const char *p = text; (p = strpbrk (p, ":,[")) != NULL; p++)
    {
      const char *v = p[1] == '-' ? p + 2 : p + 1;
      g_assert_false (g_str_has_prefix (v, "nan") || g_str_has_prefix (v, "inf"));
    }
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
test_all_missing (void)
{
  const double x[] = { NAN, NAN, NAN, NAN, NAN };
  const char * const s[] = { NULL, NULL, NULL, NULL, NULL };
  const double ok[] = { 1, 2, 3, 4, 5 };
  g_autoptr(OrchardTable) table = table_of (numbers ("x", x, 5), strings ("s", s, 5),
                                            numbers ("ok", ok, 5), NULL);
  g_autoptr(OrchardProfile) profile = profile_of (table, NULL);
  g_autoptr(JsonNode) root = NULL;
  const OrchardColumnProfile *c = column (profile, "x");
  JsonObject *jx;

  g_assert_cmpuint (c->count, ==, 0);
  g_assert_cmpuint (c->missing, ==, 5);
  g_assert_cmpfloat (c->missing_share, ==, 1.0);
  g_assert_cmpuint (c->unique, ==, 0);
  g_assert_true (isnan (c->mean));
  g_assert_true (isnan (c->quantiles[ORCHARD_QUANTILE_P50]));
  g_assert_cmpuint (c->n_bins, ==, 0);
  g_assert_cmpuint (column (profile, "s")->n_levels, ==, 0);
  g_assert_true (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_CONSTANT, "x"));
  g_assert_true (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_HIGH_MISSING, "x"));
  g_assert_true (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_CONSTANT, "s"));
  g_assert_true (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_HIGH_MISSING, "s"));
  /* Two empty columns are also equal to each other only if of one kind. */
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_DUPLICATE_COLUMNS,
                                               "s"));

  root = json_round_trip (profile);
  jx = json_column (root, "x");
  g_assert_true (json_node_is_null (json_object_get_member (jx, "mean")));
  g_assert_true (json_node_is_null (json_object_get_member (jx, "quantiles")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (jx, "histogram"), "edges")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (jx, "missing"), ==, 5);
}

static void
test_one_row (void)
{
  const double x[] = { 3.5 };
  const double when[] = { 86400.0 };
  const char * const s[] = { "only" };
  OrchardColumn *d = orchard_column_new_datetime ("when", g_memdup2 (when, sizeof when), 1);
  g_autoptr(OrchardTable) table = table_of (numbers ("x", x, 1), strings ("s", s, 1), d, NULL);
  g_autoptr(OrchardProfile) profile = profile_of (table, NULL);
  g_autoptr(JsonNode) root = NULL;
  const OrchardColumnProfile *c = column (profile, "x");
  JsonObject *jx;

  g_assert_cmpuint (orchard_profile_get_n_rows (profile), ==, 1);
  g_assert_cmpuint (orchard_profile_get_duplicate_rows (profile), ==, 0);
  g_assert_cmpfloat (c->mean, ==, 3.5);
  g_assert_true (isnan (c->std));         /* ddof = 1 needs two values */
  g_assert_true (isnan (c->skewness));    /* and skewness three */
  for (guint q = 0; q < ORCHARD_N_QUANTILES; q++)
    g_assert_cmpfloat (c->quantiles[q], ==, 3.5);
  /* numpy.histogram([3.5], "auto") → one bin [3, 4]. */
  g_assert_cmpuint (c->n_bins, ==, 1);
  g_assert_cmpfloat (c->bin_edges[0], ==, 3.0);
  g_assert_cmpfloat (c->bin_edges[1], ==, 4.0);
  g_assert_cmpuint (c->bin_counts[0], ==, 1);
  g_assert_cmpuint (column (profile, "s")->levels[0].count, ==, 1);
  g_assert_cmpfloat (column (profile, "when")->min, ==, 86400.0);
  g_assert_true (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_CONSTANT, "x"));

  root = json_round_trip (profile);
  jx = json_column (root, "x");
  g_assert_true (json_node_is_null (json_object_get_member (jx, "std")));
  g_assert_cmpfloat (json_object_get_double_member (jx, "mean"), ==, 3.5);
  g_assert_cmpstr (json_object_get_string_member (json_column (root, "when"), "min_text"), ==,
                   "1970-01-02");
}

static void
test_no_rows (void)
{
  g_autoptr(OrchardTable) table = table_of (numbers ("x", NULL, 0), strings ("s", NULL, 0), NULL);
  g_autoptr(OrchardProfile) profile = profile_of (table, NULL);

  g_assert_cmpuint (orchard_profile_get_n_rows (profile), ==, 0);
  g_assert_cmpuint (column (profile, "x")->count, ==, 0);
  g_assert_cmpfloat (column (profile, "x")->missing_share, ==, 0.0);
  g_assert_false (orchard_profile_has_warning (profile, ORCHARD_PROFILE_WARNING_HIGH_MISSING, "x"));
}

static void
test_json_contract (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), "penguins.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = orchard_table_load (file, NULL, NULL, NULL, NULL, &error);
  g_autoptr(OrchardProfile) profile = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char * const top[] = { "file", "format", "rows", "columns", "duplicate_rows", "hash",
                               "warnings" };
  const char * const per_column[] = { "name", "kind", "count", "missing", "unique", "mean", "std",
                                      "min", "max", "quantiles", "histogram", "levels" };
  JsonObject *object;
  JsonObject *bill;
  JsonObject *species;
  JsonArray *levels;
  JsonArray *warnings;

  g_assert_no_error (error);
  profile = profile_of (table, "species");
  root = json_round_trip (profile);
  object = json_node_get_object (root);

  for (guint i = 0; i < G_N_ELEMENTS (top); i++)
    g_assert_true (json_object_has_member (object, top[i]));
  g_assert_cmpstr (json_object_get_string_member (object, "file"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "csv");
  g_assert_cmpint (json_object_get_int_member (object, "rows"), ==, 344);
  g_assert_cmpstr (json_object_get_string_member (object, "hash"), ==,
                   orchard_table_get_hash (table));

  for (guint c = 0; c < 8; c++)
    for (guint i = 0; i < G_N_ELEMENTS (per_column); i++)
      g_assert_true (json_object_has_member (
        json_array_get_object_element (json_object_get_array_member (object, "columns"), c),
        per_column[i]));

  bill = json_column (root, "bill_length_mm");
  g_assert_cmpstr (json_object_get_string_member (bill, "kind"), ==, "numeric");
  g_assert_cmpint (json_object_get_int_member (bill, "missing"), ==, 2);
  g_assert_true (json_object_has_member (json_object_get_object_member (bill, "quantiles"), "p99"));
  g_assert_true (json_node_is_null (json_object_get_member (bill, "levels")));

  species = json_column (root, "species");
  g_assert_cmpstr (json_object_get_string_member (species, "kind"), ==, "categorical");
  g_assert_cmpstr (json_object_get_string_member (species, "role"), ==, "target");
  g_assert_true (json_node_is_null (json_object_get_member (species, "mean")));
  levels = json_object_get_array_member (species, "levels");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (levels, 0),
                                                  "value"), ==, "Adelie");

  warnings = json_object_get_array_member (object, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, orchard_profile_get_n_warnings (profile));
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);

      g_assert_true (json_object_has_member (w, "code"));
      g_assert_true (json_object_has_member (w, "column"));
      g_assert_true (json_object_has_member (w, "message"));
      g_assert_true (json_object_has_member (w, "action"));
    }
}

static void
test_unknown_target (void)
{
  const double x[] = { 1, 2 };
  g_autoptr(OrchardTable) table = table_of (numbers ("x", x, 2), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardProfile) profile = orchard_profile_compute (table, "price", NULL, NULL, NULL,
                                                               &error);

  g_assert_null (profile);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“price”"));
}

static void
test_cancelled (void)
{
  const double x[] = { 1, 2 };
  g_autoptr(OrchardTable) table = table_of (numbers ("x", x, 2), NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardProfile) profile = NULL;

  g_cancellable_cancel (cancellable);
  profile = orchard_profile_compute (table, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (profile);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  double   last;
  guint    calls;
  gboolean monotonic;
  GThread *thread;
  gboolean same_thread;
} ProgressLog;

static void
log_progress (double      fraction,
              const char *message,
              gpointer    user_data)
{
  ProgressLog *log = user_data;

  log->monotonic &= fraction >= log->last;
  log->same_thread &= g_thread_self () == log->thread;
  log->last = fraction;
  log->calls++;
}

static void
test_progress (void)
{
  double x[64];
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  ProgressLog log = { 0.0, 0, TRUE, g_thread_self (), TRUE };

  columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
  for (int i = 0; i < 64; i++)
    x[i] = i * i;
  for (int c = 0; c < 40; c++)
    {
      g_autofree char *name = g_strdup_printf ("c%d", c);
      g_ptr_array_add (columns, numbers (name, x, 64));
    }

  table = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
  g_assert_no_error (error);
  profile = orchard_profile_compute (table, NULL, log_progress, &log, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (log.calls, >=, 2);
  g_assert_true (log.monotonic);
  g_assert_true (log.same_thread);
  g_assert_cmpfloat (log.last, ==, 1.0);
  /* 39 copies of c0. */
  g_assert_cmpuint (count_warnings (profile, ORCHARD_PROFILE_WARNING_DUPLICATE_COLUMNS), ==, 39);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Profile/reference", test_reference);
  g_test_add_func ("/engine/Profile/sorting", test_sorting);
  g_test_add_func ("/engine/Profile/extreme-values", test_extreme_values);
  g_test_add_func ("/engine/Profile/constant", test_constant);
  g_test_add_func ("/engine/Profile/high-missing", test_high_missing);
  g_test_add_func ("/engine/Profile/cardinality-and-ids", test_cardinality_and_ids);
  g_test_add_func ("/engine/Profile/id-like-needs-rows", test_id_like_needs_rows);
  g_test_add_func ("/engine/Profile/duplicate-rows-nan", test_duplicate_rows_with_nan);
  g_test_add_func ("/engine/Profile/duplicate-rows-brute-force", test_duplicate_rows_brute_force);
  g_test_add_func ("/engine/Profile/duplicate-columns", test_duplicate_columns);
  g_test_add_func ("/engine/Profile/outliers", test_outliers);
  g_test_add_func ("/engine/Profile/mixed-types-reader", test_mixed_types_from_reader);
  g_test_add_func ("/engine/Profile/mixed-types-categories", test_mixed_types_in_categories);
  g_test_add_func ("/engine/Profile/skewed", test_skewed);
  g_test_add_func ("/engine/Profile/leakage-binary", test_leakage_binary);
  g_test_add_func ("/engine/Profile/leakage-regression", test_leakage_regression);
  g_test_add_func ("/engine/Profile/leakage-multiclass", test_leakage_multiclass);
  g_test_add_func ("/engine/Profile/imbalanced-target", test_imbalanced_target);
  g_test_add_func ("/engine/Profile/all-missing", test_all_missing);
  g_test_add_func ("/engine/Profile/one-row", test_one_row);
  g_test_add_func ("/engine/Profile/no-rows", test_no_rows);
  g_test_add_func ("/engine/Profile/json-contract", test_json_contract);
  g_test_add_func ("/engine/Profile/unknown-target", test_unknown_target);
  g_test_add_func ("/engine/Profile/cancelled", test_cancelled);
  g_test_add_func ("/engine/Profile/progress", test_progress);

  return g_test_run ();
}
