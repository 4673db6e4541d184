/* test-csv-reader.c: the CSV/TSV reader's rules and errors
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "orchard.h"

static OrchardTable *
read_string (const char  *text,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  return orchard_csv_read_bytes (bytes, "test.csv", NULL, NULL, NULL, NULL, error);
}

static OrchardColumn *
column (OrchardTable *table,
        const char   *name)
{
  int i = orchard_table_find_column (table, name);
  g_assert_cmpint (i, >=, 0);
  return orchard_table_get_column (table, i);
}

static void
test_penguins (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), "penguins.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = orchard_table_load (file, NULL, NULL, NULL, NULL, &error);
  OrchardColumn *bill;
  OrchardColumn *sex;

  g_assert_no_error (error);
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 344);
  g_assert_cmpuint (orchard_table_get_n_columns (table), ==, 8);
  g_assert_cmpstr (orchard_table_get_format (table), ==, "csv");

  bill = column (table, "bill_length_mm");
  g_assert_cmpint (orchard_column_get_kind (bill), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_cmpfloat (orchard_column_get_values (bill)[0], ==, 39.1);
  g_assert_true (isnan (orchard_column_get_values (bill)[3]));

  sex = column (table, "sex");
  g_assert_cmpint (orchard_column_get_kind (sex), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpuint (orchard_column_get_n_levels (sex), ==, 2);
  g_assert_cmpint (orchard_column_get_kind (column (table, "year")), ==, ORCHARD_COLUMN_KIND_NUMERIC);
}

static void
test_dialects_same_hash (void)
{
  const char *plain = "name,x,when\nAda,1.5,2024-01-02\n\"Bob, Jr.\",-2,2024-01-03\n";
  const char *semi = "\xEF\xBB\xBFname;x;when\r\n\"Ada\";1.50;\"2024-01-02\"\r\nBob, Jr.;-2e0;2024-01-03\r\n";
  const char *tab = "name\tx\twhen\nAda\t+1.5\t2024-01-02\n\"Bob, Jr.\"\t-2.\t2024-01-03";
  const char *pipe = "name|x|when\n\n\"Ada\"|.15e1|2024-01-02\n\"Bob, Jr.\"|-2|2024-01-03\n\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) a = read_string (plain, &error);
  g_autoptr(OrchardTable) b = NULL;
  g_autoptr(OrchardTable) c = NULL;
  g_autoptr(OrchardTable) d = NULL;

  g_assert_no_error (error);
  b = read_string (semi, &error);
  g_assert_no_error (error);
  c = read_string (tab, &error);
  g_assert_no_error (error);
  d = read_string (pipe, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (orchard_table_get_format (c), ==, "tsv");
  g_assert_cmpuint (orchard_table_get_n_rows (a), ==, 2);
  g_assert_cmpint (orchard_column_get_kind (column (a, "when")), ==, ORCHARD_COLUMN_KIND_DATETIME);
  g_assert_cmpstr (orchard_table_get_hash (a), ==, orchard_table_get_hash (b));
  g_assert_cmpstr (orchard_table_get_hash (a), ==, orchard_table_get_hash (c));
  g_assert_cmpstr (orchard_table_get_hash (a), ==, orchard_table_get_hash (d));
}

static void
test_ragged_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = read_string ("a,b,c\n1,2,3\n4,5\n6,7,8\n", &error);

  g_assert_null (table);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "test.csv, line 3, column 2: expected 3 fields, found 2");
}

static void
test_unterminated_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = read_string ("a,b\n1,2\n3,\"open\n4,5\n", &error);

  g_assert_null (table);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "unterminated"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/CsvReader/penguins", test_penguins);
  g_test_add_func ("/engine/CsvReader/dialects-same-hash", test_dialects_same_hash);
  g_test_add_func ("/engine/CsvReader/ragged-row", test_ragged_row);
  g_test_add_func ("/engine/CsvReader/unterminated-quote", test_unterminated_quote);

  return g_test_run ();
}
