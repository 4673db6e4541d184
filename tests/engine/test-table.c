/* test-table.c: OrchardTable and OrchardColumn
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "orchard.h"

static OrchardColumn *
numeric (const char *name,
         double      a,
         double      b,
         double      c)
{
  double *v = g_new (double, 3);

  v[0] = a;
  v[1] = b;
  v[2] = c;
  return orchard_column_new_numeric (name, v, 3);
}

static OrchardColumn *
categorical (const char *name,
             const char *first,
             const char *second,
             guint32     c0,
             guint32     c1,
             guint32     c2)
{
  GPtrArray *levels = g_ptr_array_new_with_free_func (g_free);
  guint32 *codes = g_new (guint32, 3);

  g_ptr_array_add (levels, g_strdup (first));
  g_ptr_array_add (levels, g_strdup (second));
  codes[0] = c0;
  codes[1] = c1;
  codes[2] = c2;
  return orchard_column_new_categorical (name, codes, 3, levels, FALSE);
}

static void
test_basics (void)
{
  g_autoptr(OrchardColumn) x = numeric ("x", 1, NAN, 3);
  g_autoptr(OrchardColumn) s = categorical ("s", "a", "b", 0, ORCHARD_CODE_MISSING, 1);
  OrchardColumn *cols[] = { x, s };
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = orchard_table_new (cols, 2, &error);
  g_autoptr(OrchardTable) with_target = NULL;
  g_autoptr(OrchardTable) moved = NULL;
  g_autofree char *v0 = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 3);
  g_assert_cmpuint (orchard_table_get_n_columns (table), ==, 2);
  g_assert_cmpint (orchard_table_find_column (table, "s"), ==, 1);
  g_assert_cmpint (orchard_table_find_column (table, "nope"), ==, -1);
  g_assert_true (orchard_column_is_missing (x, 1));
  g_assert_true (orchard_column_is_missing (s, 1));
  g_assert_false (orchard_column_is_missing (s, 2));
  g_assert_cmpstr (orchard_column_get_level (s, 1), ==, "b");
  v0 = orchard_column_format_value (x, 0);
  g_assert_cmpstr (v0, ==, "1");

  g_assert_cmpint (orchard_table_get_target (table), ==, -1);
  with_target = orchard_table_with_role (table, 1, ORCHARD_COLUMN_ROLE_TARGET);
  g_assert_cmpint (orchard_table_get_target (with_target), ==, 1);
  g_assert_cmpint (orchard_table_get_target (table), ==, -1);
  moved = orchard_table_with_role (with_target, 0, ORCHARD_COLUMN_ROLE_TARGET);
  g_assert_cmpint (orchard_table_get_target (moved), ==, 0);
  g_assert_cmpint (orchard_table_get_role (moved, 1), ==, ORCHARD_COLUMN_ROLE_FEATURE);
  g_assert_cmpstr (orchard_table_get_hash (table), ==, orchard_table_get_hash (moved));
}

static void
test_rejects_bad_columns (void)
{
  g_autoptr(OrchardColumn) a = numeric ("a", 1, 2, 3);
  g_autoptr(OrchardColumn) b = numeric ("a", 1, 2, 3);
  double *short_values = g_new0 (double, 2);
  g_autoptr(OrchardColumn) c = orchard_column_new_numeric ("c", short_values, 2);
  OrchardColumn *dup[] = { a, b };
  OrchardColumn *ragged[] = { a, c };
  g_autoptr(GError) error = NULL;
  OrchardTable *table;

  table = orchard_table_new (dup, 2, &error);
  g_assert_null (table);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“a”"));
  g_clear_error (&error);

  table = orchard_table_new (ragged, 2, &error);
  g_assert_null (table);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

/* The hash depends on content, not on how levels were numbered. */
static void
test_hash_canonical (void)
{
  g_autoptr(OrchardColumn) s1 = categorical ("s", "a", "b", 0, 1, 0);
  g_autoptr(OrchardColumn) s2 = categorical ("s", "b", "a", 1, 0, 1);
  g_autoptr(OrchardColumn) s3 = categorical ("s", "a", "b", 0, 1, 1);
  g_autoptr(OrchardColumn) z1 = numeric ("z", 0.0, NAN, 1);
  g_autoptr(OrchardColumn) z2 = numeric ("z", -0.0, NAN, 1);
  g_autoptr(OrchardColumn) r = orchard_column_new_renamed (z1, "y");
  OrchardColumn *c1[] = { s1, z1 };
  OrchardColumn *c2[] = { s2, z2 };
  OrchardColumn *c3[] = { s3, z1 };
  OrchardColumn *c4[] = { s1, r };
  g_autoptr(OrchardTable) t1 = orchard_table_new (c1, 2, NULL);
  g_autoptr(OrchardTable) t2 = orchard_table_new (c2, 2, NULL);
  g_autoptr(OrchardTable) t3 = orchard_table_new (c3, 2, NULL);
  g_autoptr(OrchardTable) t4 = orchard_table_new (c4, 2, NULL);

  g_assert_cmpuint (strlen (orchard_table_get_hash (t1)), ==, 64);
  g_assert_cmpstr (orchard_table_get_hash (t1), ==, orchard_table_get_hash (t2));
  g_assert_cmpstr (orchard_table_get_hash (t1), !=, orchard_table_get_hash (t3));
  g_assert_cmpstr (orchard_table_get_hash (t1), !=, orchard_table_get_hash (t4));
}

static void
test_select_rows (void)
{
  g_autoptr(OrchardColumn) x = numeric ("x", 10, 20, 30);
  g_autoptr(OrchardColumn) s = categorical ("s", "a", "b", 0, 1, ORCHARD_CODE_MISSING);
  OrchardColumn *cols[] = { x, s };
  g_autoptr(OrchardTable) table = orchard_table_new (cols, 2, NULL);
  g_autoptr(OrchardTable) target = orchard_table_with_role (table, 1, ORCHARD_COLUMN_ROLE_TARGET);
  const gsize rows[] = { 2, 0, 0 };
  g_autoptr(OrchardTable) picked = orchard_table_select_rows (target, rows, 3);
  OrchardColumn *px = orchard_table_get_column (picked, 0);
  OrchardColumn *ps = orchard_table_get_column (picked, 1);

  g_assert_cmpuint (orchard_table_get_n_rows (picked), ==, 3);
  g_assert_cmpfloat (orchard_column_get_values (px)[0], ==, 30);
  g_assert_cmpfloat (orchard_column_get_values (px)[2], ==, 10);
  g_assert_cmpuint (orchard_column_get_codes (ps)[0], ==, ORCHARD_CODE_MISSING);
  g_assert_cmpstr (orchard_column_get_level (ps, orchard_column_get_codes (ps)[1]), ==, "a");
  g_assert_cmpint (orchard_table_get_target (picked), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Table/basics", test_basics);
  g_test_add_func ("/engine/Table/rejects-bad-columns", test_rejects_bad_columns);
  g_test_add_func ("/engine/Table/hash-canonical", test_hash_canonical);
  g_test_add_func ("/engine/Table/select-rows", test_select_rows);

  return g_test_run ();
}
