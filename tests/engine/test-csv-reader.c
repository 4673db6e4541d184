/* test-csv-reader.c: the CSV/TSV reader's rules and errors
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "orchard.h"

/* Helpers ---------------------------------------------------------------- */

static OrchardTable *
read_len (const char          *data,
          gsize                len,
          OrchardReadOptions  *options,
          GError             **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  return orchard_csv_read_bytes (bytes, "test.csv", options, NULL, NULL, NULL, error);
}

static OrchardTable *
read_with (const char          *text,
           OrchardReadOptions  *options,
           GError             **error)
{
  return read_len (text, strlen (text), options, error);
}

static OrchardTable *
read_string (const char  *text,
             GError     **error)
{
  return read_with (text, NULL, error);
}

static OrchardTable *
read_ok (const char         *text,
         OrchardReadOptions *options)
{
  g_autoptr(GError) error = NULL;
  OrchardTable *table = read_with (text, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static void
assert_fails (const char         *data,
              gsize               len,
              OrchardReadOptions *options,
              int                 code,
              const char         *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = read_len (data, len, options, &error);

  g_assert_null (table);
  g_assert_error (error, ORCHARD_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

#define assert_text_fails(text, code, message) \
  assert_fails ((text), strlen (text), NULL, (code), (message))

static OrchardColumn *
column (OrchardTable *table,
        const char   *name)
{
  int i = orchard_table_find_column (table, name);

  if (i < 0)
    g_error ("no column “%s”", name);
  return orchard_table_get_column (table, i);
}

static OrchardColumnKind
kind_of (OrchardTable *table,
         const char   *name)
{
  return orchard_column_get_kind (column (table, name));
}

static double
value_at (OrchardTable *table,
          const char   *name,
          gsize         row)
{
  OrchardColumn *col = column (table, name);

  g_assert_true (orchard_column_get_kind (col) == ORCHARD_COLUMN_KIND_NUMERIC ||
                 orchard_column_get_kind (col) == ORCHARD_COLUMN_KIND_DATETIME);
  return orchard_column_get_values (col)[row];
}

/* The level text of a coded column at @row, NULL when missing. */
static const char *
level_at (OrchardTable *table,
          const char   *name,
          gsize         row)
{
  OrchardColumn *col = column (table, name);
  guint32 code;

  g_assert_true (orchard_column_is_coded (col));
  code = orchard_column_get_codes (col)[row];
  if (code == ORCHARD_CODE_MISSING)
    return NULL;
  return orchard_column_get_level (col, code);
}

static void
assert_names (OrchardTable       *table,
              const char * const *names)
{
  guint n = g_strv_length ((char **) names);

  g_assert_cmpuint (orchard_table_get_n_columns (table), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (orchard_column_get_name (orchard_table_get_column (table, i)), ==, names[i]);
}

static void
assert_warnings (OrchardTable       *table,
                 const char * const *expected)
{
  const char * const *got = orchard_table_get_load_warnings (table);
  guint n_got = got != NULL ? g_strv_length ((char **) got) : 0;
  guint n_expected = expected != NULL ? g_strv_length ((char **) expected) : 0;

  for (guint i = 0; i < MIN (n_got, n_expected); i++)
    g_assert_cmpstr (got[i], ==, expected[i]);
  if (n_got != n_expected)
    g_error ("expected %u warnings, got %u (first extra: %s)", n_expected, n_got,
             n_got > n_expected ? got[n_expected] : expected[n_got]);
}

static void
assert_no_warnings (OrchardTable *table)
{
  assert_warnings (table, NULL);
}

/* Appends @n rows of @pattern, with each “#” replaced by the row's number
 * (counted from @first). */
static void
append_rows (GString    *out,
             guint       n,
             const char *pattern,
             guint       first)
{
  for (guint i = 0; i < n; i++)
    {
      for (const char *p = pattern; *p != '\0'; p++)
        {
          if (*p == '#')
            g_string_append_printf (out, "%u", first + i);
          else
            g_string_append_c (out, *p);
        }
      g_string_append_c (out, '\n');
    }
}

/* Samples ---------------------------------------------------------------- */

static void
test_penguins (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), "penguins.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = orchard_csv_read_file (file, NULL, NULL, NULL, NULL, &error);
  OrchardColumn *bill;
  OrchardColumn *sex;

  g_assert_no_error (error);
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 344);
  g_assert_cmpuint (orchard_table_get_n_columns (table), ==, 8);
  g_assert_cmpstr (orchard_table_get_format (table), ==, "csv");
  g_assert_cmpstr (orchard_table_get_source (table), ==, path);

  bill = column (table, "bill_length_mm");
  g_assert_cmpint (orchard_column_get_kind (bill), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_cmpfloat (orchard_column_get_values (bill)[0], ==, 39.1);
  g_assert_true (isnan (orchard_column_get_values (bill)[3]));

  sex = column (table, "sex");
  g_assert_cmpint (orchard_column_get_kind (sex), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpuint (orchard_column_get_n_levels (sex), ==, 2);
  g_assert_cmpint (kind_of (table, "year"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  assert_no_warnings (table);
}

/* Delimiters ------------------------------------------------------------- */

static void
test_delimiter_comma (void)
{
  g_autoptr(OrchardTable) table =
    read_ok ("name,note,x\n"
             "\"Doe; Jane\",a|b,1\n"
             "Smith,\"tab\there; and | pipe\",2\n"
             "Lee,c;d,3\n", NULL);

  assert_names (table, (const char *[]) { "name", "note", "x", NULL });
  g_assert_cmpstr (orchard_table_get_format (table), ==, "csv");
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 3);
  g_assert_cmpstr (level_at (table, "name", 0), ==, "Doe; Jane");
  g_assert_cmpstr (level_at (table, "note", 0), ==, "a|b");
  g_assert_cmpstr (level_at (table, "note", 1), ==, "tab\there; and | pipe");
  g_assert_cmpfloat (value_at (table, "x", 2), ==, 3.0);
}

static void
test_delimiter_semicolon (void)
{
  /* European files: decimal commas, and commas inside text. */
  g_autoptr(OrchardTable) table =
    read_ok ("city;price;when\n"
             "Paris;1,5;2024-01-02\n"
             "\"Lyon; Rhône\";2,25;2024-01-03\n"
             "Nice, FR;3;2024-01-04\n"
             "Metz|Est;4,75;2024-01-05\n", NULL);

  assert_names (table, (const char *[]) { "city", "price", "when", NULL });
  g_assert_cmpstr (orchard_table_get_format (table), ==, "csv");
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 4);
  g_assert_cmpstr (level_at (table, "city", 1), ==, "Lyon; Rhône");
  g_assert_cmpstr (level_at (table, "city", 2), ==, "Nice, FR");
  g_assert_cmpstr (level_at (table, "city", 3), ==, "Metz|Est");
  /* A decimal comma is not a number to Orchard: the column keeps its text. */
  g_assert_cmpint (kind_of (table, "price"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpstr (level_at (table, "price", 0), ==, "1,5");
  g_assert_cmpint (kind_of (table, "when"), ==, ORCHARD_COLUMN_KIND_DATETIME);
}

static void
test_delimiter_tab (void)
{
  g_autoptr(OrchardTable) table =
    read_ok ("id\tdesc\tscore\n"
             "1\tred, green; blue\t0.5\n"
             "2\t\"quoted\ttab\"\t1.5\n"
             "3\ta|b|c\t\n", NULL);

  assert_names (table, (const char *[]) { "id", "desc", "score", NULL });
  g_assert_cmpstr (orchard_table_get_format (table), ==, "tsv");
  g_assert_cmpstr (level_at (table, "desc", 0), ==, "red, green; blue");
  g_assert_cmpstr (level_at (table, "desc", 1), ==, "quoted\ttab");
  g_assert_cmpstr (level_at (table, "desc", 2), ==, "a|b|c");
  g_assert_true (isnan (value_at (table, "score", 2)));
}

static void
test_delimiter_pipe (void)
{
  g_autoptr(OrchardTable) table =
    read_ok ("id|name|tags\n"
             "1|Ann, Bo|a;b\n"
             "2|Cy|c,d\n"
             "3|\"Di|Ed\"|e\tf\n", NULL);

  assert_names (table, (const char *[]) { "id", "name", "tags", NULL });
  g_assert_cmpstr (orchard_table_get_format (table), ==, "csv");
  g_assert_cmpstr (level_at (table, "name", 0), ==, "Ann, Bo");
  g_assert_cmpstr (level_at (table, "name", 2), ==, "Di|Ed");
  g_assert_cmpstr (level_at (table, "tags", 1), ==, "c,d");
  g_assert_cmpstr (level_at (table, "tags", 2), ==, "e\tf");
}

static void
test_delimiter_ties (void)
{
  g_autoptr(OrchardTable) semi = NULL;
  g_autoptr(OrchardTable) comma = NULL;
  g_autoptr(OrchardTable) single = NULL;
  g_autoptr(OrchardReadOptions) options = orchard_read_options_new ();
  g_autoptr(OrchardTable) forced = NULL;

  /* Both split every row into the same number of fields: the one that
   * yields numbers wins. */
  semi = read_ok ("1;2,5;3\n4;5,5;6\n7;8,5;9\n", NULL);
  g_assert_cmpuint (orchard_table_get_n_columns (semi), ==, 3);
  g_assert_cmpfloat (value_at (semi, "column_1", 1), ==, 4.0);

  /* Quoted values that hold the other delimiter parse cleanly only with
   * the right one. */
  comma = read_ok ("id,desc\n1,\"a;b\"\n2,\"c;d\"\n", NULL);
  assert_names (comma, (const char *[]) { "id", "desc", NULL });
  g_assert_cmpstr (level_at (comma, "desc", 1), ==, "c;d");

  single = read_ok ("word\nalpha\nbeta\n", NULL);
  assert_names (single, (const char *[]) { "word", NULL });
  g_assert_cmpuint (orchard_table_get_n_rows (single), ==, 2);

  orchard_read_options_set_delimiter (options, ';');
  forced = read_ok ("a,b;c\n1,2;3\n", options);
  assert_names (forced, (const char *[]) { "a,b", "c", NULL });
  g_assert_cmpstr (level_at (forced, "a,b", 0), ==, "1,2");
}

/* Header ----------------------------------------------------------------- */

static void
test_header_numeric_without (void)
{
  g_autoptr(OrchardTable) table = read_ok ("1,2.5,-3\n4,5e2,6\n7,.5,9\n", NULL);

  assert_names (table, (const char *[]) { "column_1", "column_2", "column_3", NULL });
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 3);
  g_assert_cmpfloat (value_at (table, "column_1", 0), ==, 1.0);
  g_assert_cmpfloat (value_at (table, "column_2", 1), ==, 500.0);
  assert_no_warnings (table);
}

static void
test_header_all_text (void)
{
  g_autoptr(OrchardTable) table = read_ok ("colour,size\nred,small\nblue,large\n", NULL);

  assert_names (table, (const char *[]) { "colour", "size", NULL });
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 2);
  g_assert_cmpstr (level_at (table, "colour", 0), ==, "red");
}

static void
test_header_single_row (void)
{
  g_autoptr(OrchardTable) table = read_ok ("1,2,2024-01-01", NULL);
  g_autoptr(OrchardTable) dated = read_ok ("when,x\n2024-01-01,1\n", NULL);

  /* A lone row of numbers is data, not names. */
  assert_names (table, (const char *[]) { "column_1", "column_2", "column_3", NULL });
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 1);
  g_assert_cmpint (kind_of (table, "column_3"), ==, ORCHARD_COLUMN_KIND_DATETIME);

  assert_names (dated, (const char *[]) { "when", "x", NULL });
}

static void
test_header_forced (void)
{
  g_autoptr(OrchardReadOptions) present = orchard_read_options_new ();
  g_autoptr(OrchardReadOptions) absent = orchard_read_options_new ();
  g_autoptr(OrchardTable) numeric = NULL;
  g_autoptr(OrchardTable) text = NULL;
  g_autoptr(GString) csv = g_string_new ("name,x\n");

  orchard_read_options_set_header (present, ORCHARD_HEADER_PRESENT);
  numeric = read_ok ("1,2\n3,4\n5,6\n", present);
  assert_names (numeric, (const char *[]) { "1", "2", NULL });
  g_assert_cmpuint (orchard_table_get_n_rows (numeric), ==, 2);
  g_assert_cmpfloat (value_at (numeric, "2", 1), ==, 6.0);

  /* Read as data, the header's “x” is one stray value among 31. */
  orchard_read_options_set_header (absent, ORCHARD_HEADER_ABSENT);
  append_rows (csv, 30, "a#,#", 1);
  text = read_ok (csv->str, absent);
  assert_names (text, (const char *[]) { "column_1", "column_2", NULL });
  g_assert_cmpuint (orchard_table_get_n_rows (text), ==, 31);
  g_assert_cmpstr (level_at (text, "column_1", 0), ==, "name");
  g_assert_cmpint (kind_of (text, "column_2"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_true (isnan (value_at (text, "column_2", 0)));
  g_assert_cmpfloat (value_at (text, "column_2", 30), ==, 30.0);
  assert_warnings (text, (const char *[]) {
    "Column “column_2”: 1 of 31 values is not a number (“x” on line 1); it was read as missing",
    NULL });
}

/* Quoting ---------------------------------------------------------------- */

static void
test_quoting (void)
{
  g_autoptr(OrchardTable) table =
    read_ok ("id,text\n"
             "1,\"a, b\"\n"
             "2,\"say \"\"hi\"\"\"\n"
             "3,\"line1\nline2\"\n"
             "4,\"x\r\ny\"\n"
             "5,\"\"\"\"\n"
             "6,  spaced out  \n"
             "7,\"  kept  \"\n", NULL);

  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 7);
  g_assert_cmpstr (level_at (table, "text", 0), ==, "a, b");
  g_assert_cmpstr (level_at (table, "text", 1), ==, "say \"hi\"");
  g_assert_cmpstr (level_at (table, "text", 2), ==, "line1\nline2");
  g_assert_cmpstr (level_at (table, "text", 3), ==, "x\r\ny");
  g_assert_cmpstr (level_at (table, "text", 4), ==, "\"");
  /* Blanks around an unquoted field go; inside quotes they stay. */
  g_assert_cmpstr (level_at (table, "text", 5), ==, "spaced out");
  g_assert_cmpstr (level_at (table, "text", 6), ==, "  kept  ");
}

static void
test_quoting_line_numbers (void)
{
  g_autoptr(GString) csv = g_string_new ("id,v\n");
  g_autoptr(OrchardTable) table = NULL;

  /* Lines 2-4 hold one record; the short row is on line 6. */
  assert_text_fails ("id,v\n1,\"a\nb\nc\"\n2,3\n4\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 6, column 1: expected 2 fields, found 1");
  assert_text_fails ("id,v\r\n1,\"a\r\nb\r\nc\"\r\n2,3\r\n4\r\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 6, column 1: expected 2 fields, found 1");
  assert_text_fails ("id,v\r1,\"a\rb\rc\"\r2,3\r4\r", ORCHARD_ERROR_PARSE,
                     "test.csv, line 6, column 1: expected 2 fields, found 1");
  /* A multi-line header counts too, and so do blank lines. */
  assert_text_fails ("\"i\nd\",v\n\n1,2\n3\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 5, column 1: expected 2 fields, found 1");
  /* A multi-line field earlier in the same record moves the error down. */
  assert_text_fails ("id,v,w\n1,\"a\nb\",\"x\"y\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 3, column 3: “y” after the closing quote; expected “,” or "
                     "the end of the line (a quote inside a quoted field is written twice)");
  assert_text_fails ("id,v\n1,\"a\nb\"\n2,\"c\nd\xff\"\n", ORCHARD_ERROR_ENCODING,
                     "test.csv, line 5, column 2: the value in column “v” is not valid UTF-8 "
                     "(byte 0xFF); save the file as UTF-8");

  /* Stray examples name the line their value is on. */
  g_string_append (csv, "1,\"multi\nline\"\n");
  append_rows (csv, 40, "#,x", 2);
  g_string_append (csv, "\"?\"\"\",y\noops,z\n");
  table = read_ok (csv->str, NULL);
  g_assert_cmpint (kind_of (table, "id"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 43);
  g_assert_true (isnan (value_at (table, "id", 42)));
  g_assert_cmpstr (level_at (table, "v", 42), ==, "z");
  assert_warnings (table, (const char *[]) {
    "Column “id”: 2 of 43 values are not numbers (“?\"” on line 44, “oops” on line 45); they were read as missing",
    NULL });
}

/* Encodings and line ends ------------------------------------------------ */

static void
test_bom (void)
{
  g_autoptr(OrchardTable) table = read_ok ("\xEF\xBB\xBF" "a,b\n1,x\n", NULL);
  g_autoptr(OrchardTable) quoted = read_ok ("\xEF\xBB\xBF" "\"a\",b\n1,x\n", NULL);

  assert_names (table, (const char *[]) { "a", "b", NULL });
  assert_names (quoted, (const char *[]) { "a", "b", NULL });
  g_assert_cmpstr (orchard_table_get_hash (table), ==, orchard_table_get_hash (quoted));
}

static void
test_line_endings (void)
{
  const char *variants[] = {
    "a,b\n1,x\n2,y\n",
    "a,b\r\n1,x\r\n2,y\r\n",
    "a,b\r1,x\r2,y\r",
    "a,b\r\n1,x\r\n2,y",
    "a,b\n\n1,x\r\n\r\n2,y\r",
  };
  g_autoptr(OrchardTable) reference = read_ok (variants[0], NULL);

  for (guint i = 1; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(OrchardTable) table = read_ok (variants[i], NULL);

      g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 2);
      g_assert_cmpstr (level_at (table, "b", 1), ==, "y");
      g_assert_cmpstr (orchard_table_get_hash (table), ==, orchard_table_get_hash (reference));
    }

  assert_text_fails ("a,b\r1,2\r3\r", ORCHARD_ERROR_PARSE,
                     "test.csv, line 3, column 1: expected 2 fields, found 1");
  assert_text_fails ("a,b\r\n\r\n1,2\r\n3\r\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 4, column 1: expected 2 fields, found 1");
}

/* Missing values ----------------------------------------------------------- */

static void
test_missing_tokens (void)
{
  g_autoptr(OrchardTable) table =
    read_ok ("x,c\n"
             "1,a\n"
             ",\n"
             "NA,NA\n"
             "N/A,N/A\n"
             "NaN,NaN\n"
             "null,null\n"
             "?,?\n"
             "\"\",b\n"
             "n/a,#N/A\n"
             "2,a\n", NULL);
  OrchardColumn *x = column (table, "x");
  OrchardColumn *c = column (table, "c");
  gsize missing_x = 0;
  gsize missing_c = 0;

  g_assert_cmpint (orchard_column_get_kind (x), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_cmpint (orchard_column_get_kind (c), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  for (gsize r = 0; r < orchard_table_get_n_rows (table); r++)
    {
      missing_x += orchard_column_is_missing (x, r);
      missing_c += orchard_column_is_missing (c, r);
    }
  g_assert_cmpuint (missing_x, ==, 8);
  g_assert_cmpuint (missing_c, ==, 7);
  g_assert_cmpuint (orchard_column_get_n_levels (c), ==, 2);
  assert_no_warnings (table);
}

static void
test_missing_custom (void)
{
  const char *tokens[] = { "", "-", "missing", "not available (ask)", NULL };
  g_autoptr(OrchardReadOptions) options = orchard_read_options_new ();
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(GString) csv = g_string_new ("x,c\n1,a\n-,-\nmissing,NA\nnot available (ask),b\n");

  orchard_read_options_set_missing_tokens (options, tokens);
  /* Setting the list from itself must keep it. */
  orchard_read_options_set_missing_tokens (options, orchard_read_options_get_missing_tokens (options));
  append_rows (csv, 20, "#,a", 2);
  table = read_ok (csv->str, options);

  g_assert_cmpint (kind_of (table, "x"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_true (isnan (value_at (table, "x", 1)));
  g_assert_true (isnan (value_at (table, "x", 2)));
  g_assert_true (isnan (value_at (table, "x", 3)));
  g_assert_null (level_at (table, "c", 1));
  /* NA is no longer a missing token: it is a category. */
  g_assert_cmpstr (level_at (table, "c", 2), ==, "NA");
  assert_no_warnings (table);
}

/* Types ------------------------------------------------------------------ */

static void
test_type_numeric (void)
{
  g_autoptr(OrchardTable) table =
    read_ok ("v\n+1\n-2.5\n.5\n-.5e-3\n1E5\n1.\n\" 7 \"\n0.1e+2\n-0\n", NULL);
  const double expected[] = { 1, -2.5, 0.5, -0.0005, 1e5, 1, 7, 10, 0 };

  g_assert_cmpint (kind_of (table, "v"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpfloat (value_at (table, "v", i), ==, expected[i]);
  assert_no_warnings (table);
}

static void
test_type_datetime (void)
{
  g_autoptr(OrchardTable) table =
    read_ok ("when\n"
             "2024-03-01\n"
             "2024-03-01T12:30:00Z\n"
             "2024-03-01 12:30:15.25\n"
             "2024/03/02\n"
             "2024-03-01T12:30+02:00\n"
             "NA\n", NULL);
  const double expected[] = { 1709251200.0, 1709296200.0, 1709296215.25, 1709337600.0,
                              1709289000.0 };

  g_assert_cmpint (kind_of (table, "when"), ==, ORCHARD_COLUMN_KIND_DATETIME);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpfloat (value_at (table, "when", i), ==, expected[i]);
  g_assert_true (isnan (value_at (table, "when", 5)));
}

static void
test_type_categorical (void)
{
  g_autoptr(OrchardTable) table =
    read_ok ("colour,flag,yes,code,mixed\n"
             "red,true,yes,007,1\n"
             "green,false,no,12,2024-01-01\n"
             "red,TRUE,no,A1,x\n"
             "blue,False,yes,007,\n", NULL);
  OrchardColumn *flag = column (table, "flag");

  g_assert_cmpint (kind_of (table, "colour"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpuint (orchard_column_get_n_levels (column (table, "colour")), ==, 3);
  /* Boolean words stay categorical, spelled as written. */
  g_assert_cmpint (orchard_column_get_kind (flag), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpuint (orchard_column_get_n_levels (flag), ==, 4);
  g_assert_cmpstr (level_at (table, "flag", 2), ==, "TRUE");
  g_assert_cmpint (kind_of (table, "yes"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpstr (level_at (table, "code", 0), ==, "007");
  g_assert_cmpint (kind_of (table, "mixed"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_null (level_at (table, "mixed", 3));
  /* Mostly numbers, but one in four is not: too many to call missing. */
  assert_warnings (table, (const char *[]) {
    "Column “code”: 1 of 4 values is not a number (“A1” on line 4); the column was read as categorical",
    NULL });
}

static void
test_type_text (void)
{
  g_autoptr(OrchardTable) table =
    read_ok ("id,review,grade\n"
             "1,The battery lasts all day and charges quickly,A\n"
             "2,Screen cracked within a week of normal use,C\n"
             "3,\"Great value, though the case feels cheap\",B\n"
             "4,Customer service never answered my emails,C\n"
             "5,Exactly as described and arrived two days early,A\n", NULL);

  g_assert_cmpint (kind_of (table, "review"), ==, ORCHARD_COLUMN_KIND_TEXT);
  g_assert_cmpint (kind_of (table, "grade"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpstr (level_at (table, "review", 2), ==, "Great value, though the case feels cheap");
}

static void
test_kind_overrides (void)
{
  g_autoptr(OrchardReadOptions) options = orchard_read_options_new ();
  g_autoptr(OrchardReadOptions) typo = orchard_read_options_new ();
  g_autoptr(OrchardTable) table = NULL;
  const char *csv = "zip,n,when,note,d\n"
                    "01234,1,2024-01-01,short,2024-01-01\n"
                    "98765,two,2024-01-02,tiny,later\n";

  orchard_read_options_set_kind (options, "zip", ORCHARD_COLUMN_KIND_CATEGORICAL);
  orchard_read_options_set_kind (options, "n", ORCHARD_COLUMN_KIND_NUMERIC);
  orchard_read_options_set_kind (options, "when", ORCHARD_COLUMN_KIND_CATEGORICAL);
  orchard_read_options_set_kind (options, "note", ORCHARD_COLUMN_KIND_TEXT);
  orchard_read_options_set_kind (options, "d", ORCHARD_COLUMN_KIND_DATETIME);
  table = read_ok (csv, options);

  /* Forced categorical keeps the text exactly, leading zero included. */
  g_assert_cmpint (kind_of (table, "zip"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpstr (level_at (table, "zip", 0), ==, "01234");
  g_assert_cmpint (kind_of (table, "when"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpint (kind_of (table, "note"), ==, ORCHARD_COLUMN_KIND_TEXT);
  /* Forced numeric never turns categorical: half stray, all read as missing. */
  g_assert_cmpint (kind_of (table, "n"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_true (isnan (value_at (table, "n", 1)));
  g_assert_cmpint (kind_of (table, "d"), ==, ORCHARD_COLUMN_KIND_DATETIME);
  assert_warnings (table, (const char *[]) {
    "Column “n”: 1 of 2 values is not a number (“two” on line 3); it was read as missing",
    "Column “d”: 1 of 2 values is not a date (“later” on line 3); it was read as missing",
    NULL });

  orchard_read_options_set_kind (typo, "Zip", ORCHARD_COLUMN_KIND_CATEGORICAL);
  assert_fails (csv, strlen (csv), typo, ORCHARD_ERROR_INVALID_ARGUMENT,
                "test.csv: a kind is set for column “Zip”, but the file has no such column");
}

static void
test_names_unique (void)
{
  g_autoptr(OrchardTable) table = read_ok ("a,a, ,b,a,\" b \"\n1,2,3,4,5,6\n", NULL);

  assert_names (table, (const char *[]) { "a", "a.1", "column_3", "b", "a.2", "b.1", NULL });
  assert_warnings (table, (const char *[]) {
    "Column 2 repeats the name “a”; it is called “a.1”",
    "Column 3 has no name; it is called “column_3”",
    "Column 5 repeats the name “a”; it is called “a.2”",
    "Column 6 repeats the name “b”; it is called “b.1”",
    NULL });
}

/* Stray text in typed columns ------------------------------------------------ */

static void
test_stray_small_share (void)
{
  g_autoptr(GString) csv = g_string_new ("id,x\n");
  g_autoptr(OrchardTable) table = NULL;

  /* 4 strays among 100 values: at most 5%, so missing, with 3 examples. */
  for (guint i = 1; i <= 100; i++)
    {
      const char *v = i == 10 ? "abc" : i == 50 ? "n.a." : i == 70 ? "abc" : i == 90 ? "--" : NULL;

      if (v != NULL)
        g_string_append_printf (csv, "%u,%s\n", i, v);
      else
        g_string_append_printf (csv, "%u,%u.5\n", i, i);
    }
  table = read_ok (csv->str, NULL);

  g_assert_cmpint (kind_of (table, "x"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_true (isnan (value_at (table, "x", 9)));
  g_assert_cmpfloat (value_at (table, "x", 10), ==, 11.5);
  assert_warnings (table, (const char *[]) {
    "Column “x”: 4 of 100 values are not numbers (“abc” on line 11, “n.a.” on line 51, “abc” on line 71); they were read as missing",
    NULL });
}

static void
test_stray_large_share (void)
{
  g_autoptr(GString) csv = g_string_new ("x\n");
  g_autoptr(OrchardTable) table = NULL;

  append_rows (csv, 30, "#.50", 1);
  g_string_append (csv, "abc\nabc\nlow\n1e400x\n");
  table = read_ok (csv->str, NULL);

  /* 4 of 34 is too many: the column is categorical and every value keeps
   * its text, trailing zeros included. */
  g_assert_cmpint (kind_of (table, "x"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpstr (level_at (table, "x", 0), ==, "1.50");
  g_assert_cmpstr (level_at (table, "x", 29), ==, "30.50");
  g_assert_cmpstr (level_at (table, "x", 30), ==, "abc");
  g_assert_cmpstr (level_at (table, "x", 33), ==, "1e400x");
  assert_warnings (table, (const char *[]) {
    "Column “x”: 4 of 34 values are not numbers (“abc” on line 32, “low” on line 34, “1e400x” on line 35); the column was read as categorical",
    NULL });
}

static void
test_stray_share_option (void)
{
  g_autoptr(OrchardReadOptions) options = orchard_read_options_new ();
  g_autoptr(OrchardTable) table = NULL;

  orchard_read_options_set_stray_share (options, 0.5);
  table = read_ok ("x\n1\n2\nthree\n", options);
  g_assert_cmpint (kind_of (table, "x"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  assert_warnings (table, (const char *[]) {
    "Column “x”: 1 of 3 values is not a number (“three” on line 4); it was read as missing",
    NULL });
}

static void
test_undecided_column (void)
{
  struct { const char *late; OrchardColumnKind kind; } cases[] = {
    { "#.25", ORCHARD_COLUMN_KIND_NUMERIC },
    { "level#", ORCHARD_COLUMN_KIND_CATEGORICAL },
    { "2024-01-1#", ORCHARD_COLUMN_KIND_DATETIME },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GString) csv = g_string_new ("id,late\n");
      g_autoptr(OrchardTable) table = NULL;

      /* Missing all through the sample (2000 rows), typed by what follows. */
      for (guint i = 0; i < 2100; i++)
        g_string_append_printf (csv, "%u,%s\n", i, i % 2 ? "NA" : "");
      for (guint i = 0; i < 10; i++)
        {
          g_autofree char *late = g_strdup_printf ("%u", i);
          g_auto(GStrv) parts = g_strsplit (cases[k].late, "#", 2);

          g_string_append_printf (csv, "%u,%s%s%s\n", 2100 + i, parts[0], late, parts[1]);
        }
      table = read_ok (csv->str, NULL);

      g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 2110);
      g_assert_cmpint (kind_of (table, "late"), ==, cases[k].kind);
      g_assert_true (orchard_column_is_missing (column (table, "late"), 2099));
      g_assert_false (orchard_column_is_missing (column (table, "late"), 2100));
      if (cases[k].kind == ORCHARD_COLUMN_KIND_NUMERIC)
        g_assert_cmpfloat (value_at (table, "late", 2109), ==, 9.25);
      else if (cases[k].kind == ORCHARD_COLUMN_KIND_DATETIME)
        g_assert_cmpfloat (value_at (table, "late", 2100), ==, 1704844800.0);
      else
        g_assert_cmpstr (level_at (table, "late", 2100), ==, "level0");
      assert_no_warnings (table);
    }
}

static void
test_undecided_all_missing (void)
{
  g_autoptr(OrchardTable) table = read_ok ("a,b\n1,\n2,NA\n", NULL);

  g_assert_cmpint (kind_of (table, "b"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_true (isnan (value_at (table, "b", 0)));
  g_assert_true (isnan (value_at (table, "b", 1)));
}

static void
test_undecided_with_strays (void)
{
  g_autoptr(GString) csv = g_string_new ("id,late\n");
  g_autoptr(OrchardTable) table = NULL;

  append_rows (csv, 2100, "#,", 0);
  append_rows (csv, 99, "#,1.5", 2100);
  g_string_append (csv, "2199,oops\n");
  table = read_ok (csv->str, NULL);

  g_assert_cmpint (kind_of (table, "late"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  assert_warnings (table, (const char *[]) {
    "Column “late”: 1 of 100 values is not a number (“oops” on line 2201); it was read as missing",
    NULL });
}

static void
test_second_pass (void)
{
  g_autoptr(GString) mostly_text = g_string_new ("id,v\n");
  g_autoptr(GString) some_text = g_string_new ("id,v\n");
  g_autoptr(OrchardTable) a = NULL;
  g_autoptr(OrchardTable) b = NULL;

  /* Numeric for the whole sample, then mostly text. */
  append_rows (mostly_text, 2100, "#,#.50", 0);
  append_rows (mostly_text, 3000, "#,word", 2100);
  a = read_ok (mostly_text->str, NULL);
  g_assert_cmpuint (orchard_table_get_n_rows (a), ==, 5100);
  g_assert_cmpint (kind_of (a, "v"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpint (kind_of (a, "id"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_cmpstr (level_at (a, "v", 0), ==, "0.50");
  g_assert_cmpstr (level_at (a, "v", 2099), ==, "2099.50");
  g_assert_cmpstr (level_at (a, "v", 5099), ==, "word");
  g_assert_cmpuint (orchard_column_get_n_levels (column (a, "v")), ==, 2101);
  assert_no_warnings (a);

  /* Still mostly numbers, but too much text to call missing. */
  append_rows (some_text, 2100, "#,#.50", 0);
  append_rows (some_text, 400, "#,word#", 2100);
  b = read_ok (some_text->str, NULL);
  g_assert_cmpint (kind_of (b, "v"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpstr (level_at (b, "v", 7), ==, "7.50");
  assert_warnings (b, (const char *[]) {
    "Column “v”: 400 of 2500 values are not numbers (“word2100” on line 2102, “word2101” on line 2103, “word2102” on line 2104); the column was read as categorical",
    NULL });
}

static void
test_whole_file_rule (void)
{
  g_autoptr(GString) csv = g_string_new ("v\n");
  g_autoptr(OrchardTable) table = NULL;

  /* 150 words open the file: 7.5% of the sample, 3.75% of the file. */
  append_rows (csv, 150, "w#", 0);
  append_rows (csv, 3850, "#", 0);
  table = read_ok (csv->str, NULL);

  g_assert_cmpint (kind_of (table, "v"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_true (isnan (value_at (table, "v", 0)));
  g_assert_cmpfloat (value_at (table, "v", 3999), ==, 3849.0);
  assert_warnings (table, (const char *[]) {
    "Column “v”: 150 of 4000 values are not numbers (“w0” on line 2, “w1” on line 3, “w2” on line 4); they were read as missing",
    NULL });
}

/* Numbers round-trip exactly --------------------------------------------- */

static void
test_exact_numbers (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  g_autoptr(GString) csv = g_string_new ("v\n");
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(OrchardTable) table = NULL;
  const double special[] = {
    0.1, 0.2, 0.3, 1.0 / 3.0, 2.0 / 3.0, 9007199254740993.0, 9007199254740991.0,
    2.2250738585072014e-308, 2.2250738585072009e-308, 4.9406564584124654e-324,
    1.7976931348623157e308, 5e-324, 123456789012345678.0, 1e23, 8.98846567431158e307,
    0.40298087084652756, -0.0,
  };
  const double *values;

  for (guint i = 0; i < G_N_ELEMENTS (special); i++)
    g_array_append_val (expected, special[i]);
  while (expected->len < 5000)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      double v;

      /* Uniform bits cover every exponent; decimals cover ordinary data. */
      if (expected->len % 2 == 0)
        memcpy (&v, &bits, sizeof v);
      else
        v = g_rand_double_range (rand, -1e6, 1e6);
      if (isfinite (v))
        g_array_append_val (expected, v);
    }

  for (guint i = 0; i < expected->len; i++)
    g_string_append_printf (csv, "%.17g\n", g_array_index (expected, double, i));
  table = read_ok (csv->str, NULL);
  values = orchard_column_get_values (column (table, "v"));

  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      double want = g_array_index (expected, double, i);

      if (memcmp (&values[i], &want, sizeof want) != 0)
        g_error ("row %u: read %.17g, wrote %.17g", i, values[i], want);
    }
}

/* Hash invariance ----------------------------------------------------------- */

static void
test_dialects_same_hash (void)
{
  const char *variants[] = {
    ("\xEF\xBB\xBF" "name;x;when;c\r\n\"Ada\";1.50;\"2024-01-02\";NA\r\nBob, Jr.;-2e0;2024-01-03;b\r\n"),
    "name\tx\twhen\tc\nAda\t+1.5\t2024-01-02\t\n\"Bob, Jr.\"\t-2.\t2024-01-03\tb",
    "name|x|when|c\n\n\"Ada\"|.15e1|2024-01-02|?\n\"Bob, Jr.\"|-2|2024-01-03|\"b\"\n\n",
    "\"name\",\"x\",\"when\",\"c\"\r\"Ada\",\"1.5\",\"2024-01-02\",\"\"\r\"Bob, Jr.\",\"-2\",\"2024-01-03\",\"b\"\r",
    "name , x,when,c\n  Ada  ,1.5 , 2024-01-02,\n\"Bob, Jr.\"  ,-2,2024-01-03,b\n",
  };
  g_autoptr(OrchardTable) reference = NULL;
  g_autoptr(OrchardTable) changed = NULL;

  reference = read_ok ("name,x,when,c\nAda,1.5,2024-01-02,\n\"Bob, Jr.\",-2,2024-01-03,b\n", NULL);
  g_assert_cmpuint (orchard_table_get_n_rows (reference), ==, 2);
  g_assert_cmpint (kind_of (reference, "when"), ==, ORCHARD_COLUMN_KIND_DATETIME);
  g_assert_cmpint (kind_of (reference, "c"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OrchardTable) table = read_string (variants[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (orchard_table_get_hash (table), ==, orchard_table_get_hash (reference));
    }

  changed = read_ok ("name,x,when,c\nAda,1.5,2024-01-02,\n\"Bob, Jr.\",-2.5,2024-01-03,b\n", NULL);
  g_assert_cmpstr (orchard_table_get_hash (changed), !=, orchard_table_get_hash (reference));
}

/* Errors ----------------------------------------------------------------- */

static void
test_error_ragged (void)
{
  assert_text_fails ("a,b,c\n1,2,3\n4,5\n6,7,8\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 3, column 2: expected 3 fields, found 2");
  assert_text_fails ("a,b\n1,2\n3,4,5,6\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 3, column 3: expected 2 fields, found 4");
  assert_text_fails ("1,2\n3,4,5\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 2, column 3: expected 2 fields, found 3");
  /* An empty quoted field alone on a line is a row of one field. */
  assert_text_fails ("a,b\n1,2\n\"\"\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 3, column 1: expected 2 fields, found 1");
}

static void
test_error_unterminated_quote (void)
{
  assert_text_fails ("a,b\n1,2\n3,\"open\n4,5\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 3, column 2: the quoted field that starts here is never "
                     "closed; expected a closing quote before the end of the file");
  assert_text_fails ("\"a,b\n1,2\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 1, column 1: the quoted field that starts here is never "
                     "closed; expected a closing quote before the end of the file");
}

static void
test_error_misplaced_quote (void)
{
  assert_text_fails ("a,b\n1,\"abc\"x\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 2, column 2: “x” after the closing quote; expected “,” or "
                     "the end of the line (a quote inside a quoted field is written twice)");
  assert_text_fails ("a\tb\n1\t\"abc\" \"\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 2, column 2: “\"” after the closing quote; expected a tab or "
                     "the end of the line (a quote inside a quoted field is written twice)");
  assert_text_fails ("a,b\n1,ab\"c\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 2, column 2: a quote inside an unquoted field; expected the "
                     "whole field in quotes, with the quote written twice");
  /* First field of a later record, and of the first record. */
  assert_text_fails ("a,b\n1,2\n\"x\"y,3\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 3, column 1: “y” after the closing quote; expected “,” or "
                     "the end of the line (a quote inside a quoted field is written twice)");
  assert_text_fails ("\"abc\"x,b\n1,2\n", ORCHARD_ERROR_PARSE,
                     "test.csv, line 1, column 1: “x” after the closing quote; expected “,” or "
                     "the end of the line (a quote inside a quoted field is written twice)");
}

static void
test_error_utf8 (void)
{
  static const char nul_value[] = "name,x\nAda,1\nAda\0x,2\n";
  g_autoptr(OrchardReadOptions) numeric = orchard_read_options_new ();

  assert_text_fails ("a,b\xff\n1,2\n", ORCHARD_ERROR_ENCODING,
                     "test.csv, line 1, column 2: the column name is not valid UTF-8 (byte 0xFF); "
                     "save the file as UTF-8");
  assert_text_fails ("name,x\nAda,1\nJos\xe9,2\n", ORCHARD_ERROR_ENCODING,
                     "test.csv, line 3, column 1: the value in column “name” is not valid UTF-8 "
                     "(byte 0xE9); save the file as UTF-8");
  /* In a numeric column, where the bad value would be a stray. */
  orchard_read_options_set_kind (numeric, "x", ORCHARD_COLUMN_KIND_NUMERIC);
  assert_fails ("n,x\n1,1\n2,\xc3\x28\n", 13, numeric, ORCHARD_ERROR_ENCODING,
                "test.csv, line 3, column 2: the value in column “x” is not valid UTF-8 "
                "(byte 0xC3); save the file as UTF-8");
  /* A value repeating a known level up to a NUL byte. */
  assert_fails (nul_value, sizeof nul_value - 1, NULL, ORCHARD_ERROR_ENCODING,
                "test.csv, line 3, column 1: the value in column “name” is not valid UTF-8 "
                "(byte 0x00); save the file as UTF-8");
  assert_text_fails ("\xff\xfe" "a\0,\0b\0", ORCHARD_ERROR_ENCODING,
                     "test.csv: the file is UTF-16 text; expected UTF-8 (save the file as UTF-8)");
}

static void
test_error_empty (void)
{
  assert_text_fails ("", ORCHARD_ERROR_EMPTY,
                     "test.csv: the file is empty; expected a header row and data rows");
  assert_text_fails ("\xEF\xBB\xBF", ORCHARD_ERROR_EMPTY,
                     "test.csv: the file is empty; expected a header row and data rows");
  assert_text_fails ("  \n\t\n\r\n   \n", ORCHARD_ERROR_EMPTY,
                     "test.csv: the file holds only blank lines; expected a header row and "
                     "data rows");
}

static void
test_error_header_only (void)
{
  g_autoptr(OrchardReadOptions) present = orchard_read_options_new ();

  assert_text_fails ("a,b,c\n", ORCHARD_ERROR_EMPTY,
                     "test.csv, line 2: expected a data row after the header, found the end of "
                     "the file");
  assert_text_fails ("a,b,c", ORCHARD_ERROR_EMPTY,
                     "test.csv, line 1: expected a data row after the header, found the end of "
                     "the file");
  assert_text_fails ("a,b,c\n\n\n", ORCHARD_ERROR_EMPTY,
                     "test.csv, line 4: expected a data row after the header, found the end of "
                     "the file");
  orchard_read_options_set_header (present, ORCHARD_HEADER_PRESENT);
  assert_fails ("1,2\n", 4, present, ORCHARD_ERROR_EMPTY,
                "test.csv, line 2: expected a data row after the header, found the end of "
                "the file");
}

/* A first record longer than the sample ------------------------------------ */

static void
test_long_first_record (void)
{
  g_autoptr(GString) csv = g_string_new ("x\t");
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(OrchardReadOptions) absent = orchard_read_options_new ();
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardTable) data = NULL;

  /* 1.15 MB of header: no complete record in the sample, nor a delimiter
   * after the first tab in the sniffed bytes. */
  for (guint i = 0; i < 230000; i++)
    g_string_append (long_name, "name ");
  g_string_append (csv, long_name->str);
  g_string_append (csv, "\tc\n");
  append_rows (csv, 50, "#\t1.5\tred", 0);
  g_string_truncate (long_name, long_name->len - 1);

  table = read_ok (csv->str, NULL);
  g_assert_cmpstr (orchard_table_get_format (table), ==, "tsv");
  assert_names (table, (const char *[]) { "x", long_name->str, "c", NULL });
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 50);
  g_assert_cmpint (kind_of (table, "x"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_cmpfloat (value_at (table, "x", 49), ==, 49.0);
  g_assert_cmpint (kind_of (table, long_name->str), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_cmpint (kind_of (table, "c"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  assert_no_warnings (table);

  /* Read as data, the first record's names are one stray among 51. */
  orchard_read_options_set_header (absent, ORCHARD_HEADER_ABSENT);
  data = read_ok (csv->str, absent);
  g_assert_cmpuint (orchard_table_get_n_rows (data), ==, 51);
  g_assert_cmpstr (level_at (data, "column_3", 0), ==, "c");
  g_assert_cmpstr (level_at (data, "column_3", 1), ==, "red");
  g_assert_cmpint (kind_of (data, "column_1"), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_true (isnan (value_at (data, "column_1", 0)));
  g_assert_cmpfloat (value_at (data, "column_1", 1), ==, 0.0);
  assert_warnings (data, (const char *[]) {
    "Column “column_1”: 1 of 51 values is not a number (“x” on line 1); it was read as missing",
    "Column “column_2”: 1 of 51 values is not a number (“name name name name name name name name …” on line 1); it was read as missing",
    NULL });
}

/* Progress and cancellation -------------------------------------------------- */

static void
collect_fraction (double      fraction,
                  const char *message,
                  gpointer    user_data)
{
  g_array_append_val ((GArray *) user_data, fraction);
}

static GFile *
write_temp_csv (const GString *content)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  GFile *file = g_file_new_tmp ("orchard-test-XXXXXX.csv", &io, &error);

  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (io)),
                             content->str, content->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (io), NULL, &error);
  g_assert_no_error (error);

  return file;
}

static void
assert_progress (GArray *fractions)
{
  g_assert_cmpuint (fractions->len, >=, 4);
  g_assert_cmpuint (fractions->len, <=, 500);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

static void
test_progress (void)
{
  g_autoptr(GString) csv = g_string_new ("id,x,label\n");
  g_autoptr(GString) twice = g_string_new ("id,v\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) file2 = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fractions2 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardTable) table2 = NULL;

  append_rows (csv, 200000, "#,0.123456789,some label text", 0);
  file = write_temp_csv (csv);
  table = orchard_csv_read_file (file, NULL, collect_fraction, fractions, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 200000);
  assert_progress (fractions);

  /* The second pass keeps going forward. */
  append_rows (twice, 2100, "#,1", 0);
  append_rows (twice, 200000, "#,some words that make the file large", 2100);
  file2 = write_temp_csv (twice);
  table2 = orchard_csv_read_file (file2, NULL, collect_fraction, fractions2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind_of (table2, "v"), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  assert_progress (fractions2);

  g_file_delete (file, NULL, NULL);
  g_file_delete (file2, NULL, NULL);
}

static void
cancel_on_progress (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  if (fraction > 0.0)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(GString) csv = g_string_new ("id,x\n");
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GCancellable) later = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  OrchardTable *table;

  append_rows (csv, 300000, "#,0.5", 0);
  bytes = g_bytes_new (csv->str, csv->len);

  g_cancellable_cancel (cancelled);
  table = orchard_csv_read_bytes (bytes, "big.csv", NULL, NULL, NULL, cancelled, &error);
  g_assert_null (table);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  file = write_temp_csv (csv);
  table = orchard_csv_read_file (file, NULL, NULL, NULL, cancelled, &error3);
  g_assert_null (table);
  g_assert_error (error3, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_file_delete (file, NULL, NULL);

  /* Cancelled in the middle of the pass. */
  table = orchard_csv_read_bytes (bytes, "big.csv", NULL, cancel_on_progress, later, later,
                                  &error2);
  g_assert_null (table);
  g_assert_error (error2, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/CsvReader/penguins", test_penguins);
  g_test_add_func ("/engine/CsvReader/delimiter/comma", test_delimiter_comma);
  g_test_add_func ("/engine/CsvReader/delimiter/semicolon", test_delimiter_semicolon);
  g_test_add_func ("/engine/CsvReader/delimiter/tab", test_delimiter_tab);
  g_test_add_func ("/engine/CsvReader/delimiter/pipe", test_delimiter_pipe);
  g_test_add_func ("/engine/CsvReader/delimiter/ties", test_delimiter_ties);
  g_test_add_func ("/engine/CsvReader/header/numeric-without", test_header_numeric_without);
  g_test_add_func ("/engine/CsvReader/header/all-text", test_header_all_text);
  g_test_add_func ("/engine/CsvReader/header/single-row", test_header_single_row);
  g_test_add_func ("/engine/CsvReader/header/forced", test_header_forced);
  g_test_add_func ("/engine/CsvReader/quoting", test_quoting);
  g_test_add_func ("/engine/CsvReader/quoting/line-numbers", test_quoting_line_numbers);
  g_test_add_func ("/engine/CsvReader/bom", test_bom);
  g_test_add_func ("/engine/CsvReader/line-endings", test_line_endings);
  g_test_add_func ("/engine/CsvReader/missing/tokens", test_missing_tokens);
  g_test_add_func ("/engine/CsvReader/missing/custom", test_missing_custom);
  g_test_add_func ("/engine/CsvReader/type/numeric", test_type_numeric);
  g_test_add_func ("/engine/CsvReader/type/datetime", test_type_datetime);
  g_test_add_func ("/engine/CsvReader/type/categorical", test_type_categorical);
  g_test_add_func ("/engine/CsvReader/type/text", test_type_text);
  g_test_add_func ("/engine/CsvReader/type/overrides", test_kind_overrides);
  g_test_add_func ("/engine/CsvReader/names-unique", test_names_unique);
  g_test_add_func ("/engine/CsvReader/stray/small-share", test_stray_small_share);
  g_test_add_func ("/engine/CsvReader/stray/large-share", test_stray_large_share);
  g_test_add_func ("/engine/CsvReader/stray/share-option", test_stray_share_option);
  g_test_add_func ("/engine/CsvReader/undecided/typed-later", test_undecided_column);
  g_test_add_func ("/engine/CsvReader/undecided/all-missing", test_undecided_all_missing);
  g_test_add_func ("/engine/CsvReader/undecided/strays", test_undecided_with_strays);
  g_test_add_func ("/engine/CsvReader/second-pass", test_second_pass);
  g_test_add_func ("/engine/CsvReader/whole-file-rule", test_whole_file_rule);
  g_test_add_func ("/engine/CsvReader/exact-numbers", test_exact_numbers);
  g_test_add_func ("/engine/CsvReader/dialects-same-hash", test_dialects_same_hash);
  g_test_add_func ("/engine/CsvReader/error/ragged", test_error_ragged);
  g_test_add_func ("/engine/CsvReader/error/unterminated-quote", test_error_unterminated_quote);
  g_test_add_func ("/engine/CsvReader/error/misplaced-quote", test_error_misplaced_quote);
  g_test_add_func ("/engine/CsvReader/error/utf8", test_error_utf8);
  g_test_add_func ("/engine/CsvReader/error/empty", test_error_empty);
  g_test_add_func ("/engine/CsvReader/error/header-only", test_error_header_only);
  g_test_add_func ("/engine/CsvReader/long-first-record", test_long_first_record);
  g_test_add_func ("/engine/CsvReader/progress", test_progress);
  g_test_add_func ("/engine/CsvReader/cancel", test_cancel);

  return g_test_run ();
}
