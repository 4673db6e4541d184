/* test-arff-reader.c: the Weka ARFF reader's rules and errors
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "orchard.h"

static OrchardTable *
read_len (const char  *data,
          gsize        len,
          GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  return orchard_arff_read_bytes (bytes, "test.arff", NULL, NULL, NULL, NULL, error);
}

static OrchardTable *
read_string (const char  *text,
             GError     **error)
{
  return read_len (text, strlen (text), error);
}

static OrchardTable *
read_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  OrchardTable *table = read_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpstr (orchard_table_get_format (table), ==, "arff");
  return table;
}

static void
assert_fails (const char *text,
              int         code,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = read_string (text, &error);

  g_assert_null (table);
  g_assert_error (error, ORCHARD_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static OrchardColumn *
column (OrchardTable *table,
        const char   *name)
{
  int i = orchard_table_find_column (table, name);
  g_assert_cmpint (i, >=, 0);
  return orchard_table_get_column (table, i);
}

static const char *
level_at (OrchardColumn *col,
          gsize          row)
{
  guint32 code = orchard_column_get_codes (col)[row];

  if (code == ORCHARD_CODE_MISSING)
    return NULL;
  return orchard_column_get_level (col, code);
}

static gboolean
has_warning (OrchardTable *table,
             const char   *fragment)
{
  const char * const *warnings = orchard_table_get_load_warnings (table);

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    if (strstr (warnings[i], fragment) != NULL)
      return TRUE;
  return FALSE;
}

static double
utc (int    year,
     int    month,
     int    day,
     int    hour,
     int    minute,
     double seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, seconds);

  g_assert_nonnull (dt);
  return (double) g_date_time_to_unix (dt) + (seconds - floor (seconds));
}

/* The same data as ARFF and as CSV ---------------------------------------------- */

static void
test_iris_matches_csv (void)
{
  g_autofree char *arff_path = g_build_filename (g_getenv ("ORCHARD_TEST_DATA_DIR"), "iris.arff", NULL);
  g_autofree char *csv_path = g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), "iris.csv", NULL);
  g_autoptr(GFile) arff_file = g_file_new_for_path (arff_path);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) arff = orchard_table_load (arff_file, NULL, NULL, NULL, NULL, &error);
  g_autoptr(OrchardTable) csv = NULL;
  OrchardColumn *target;
  gsize n_rows;

  g_assert_no_error (error);
  csv = orchard_table_load (csv_file, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (orchard_table_get_format (arff), ==, "arff");
  g_assert_cmpstr (orchard_table_get_format (csv), ==, "csv");
  g_assert_cmpstr (orchard_table_get_source (arff), ==, arff_path);
  n_rows = orchard_table_get_n_rows (arff);
  g_assert_cmpuint (n_rows, ==, 150);
  g_assert_cmpuint (orchard_table_get_n_rows (csv), ==, n_rows);
  g_assert_cmpuint (orchard_table_get_n_columns (arff), ==, 5);
  g_assert_cmpuint (orchard_table_get_n_columns (csv), ==, 5);

  for (guint c = 0; c < 5; c++)
    {
      OrchardColumn *a = orchard_table_get_column (arff, c);
      OrchardColumn *b = orchard_table_get_column (csv, c);

      g_assert_cmpstr (orchard_column_get_name (a), ==, orchard_column_get_name (b));
      g_assert_cmpint (orchard_column_get_kind (a), ==, orchard_column_get_kind (b));

      for (gsize r = 0; r < n_rows; r++)
        {
          if (orchard_column_is_coded (a))
            g_assert_cmpstr (level_at (a, r), ==, level_at (b, r));
          else
            g_assert_cmpmem (&orchard_column_get_values (a)[r], sizeof (double),
                             &orchard_column_get_values (b)[r], sizeof (double));
        }
    }

  /* Levels follow the declaration {virginica,setosa,versicolor}, not the
   * order of first appearance; the hash does not depend on it. */
  target = column (arff, "target");
  g_assert_cmpint (orchard_column_get_kind (target), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpuint (orchard_column_get_n_levels (target), ==, 3);
  g_assert_cmpstr (orchard_column_get_level (target, 0), ==, "virginica");
  g_assert_cmpstr (orchard_column_get_level (target, 1), ==, "setosa");
  g_assert_cmpstr (orchard_column_get_level (target, 2), ==, "versicolor");
  g_assert_cmpuint (orchard_column_get_codes (target)[0], ==, 1);
  g_assert_cmpfloat (orchard_column_get_values (column (arff, "sepal length (cm)"))[0], ==, 5.1);

  g_assert_cmpstr (orchard_table_get_hash (arff), ==, orchard_table_get_hash (csv));
}

/* Dispatch -------------------------------------------------------------------- */

static OrchardTable *
load_temp (const char  *dir,
           const char  *name,
           const char  *content,
           GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local = NULL;

  g_file_set_contents (path, content, -1, &local);
  g_assert_no_error (local);

  return orchard_table_load (file, NULL, NULL, NULL, NULL, error);
}

static void
test_dispatch (void)
{
  const char *arff = "% made by hand\n\n  @Relation r\n@attribute a numeric\n@data\n1\n2\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orchard-arff-XXXXXX", &error);
  g_autoptr(OrchardTable) by_content = NULL;
  g_autoptr(OrchardTable) by_name = NULL;
  g_autoptr(OrchardTable) csv = NULL;
  g_autoptr(OrchardTable) not_arff = NULL;
  const char *names[] = { "data.txt", "DATA.ARFF", "plain.csv", "broken.Arff" };

  g_assert_no_error (error);

  by_content = load_temp (dir, names[0], arff, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_table_get_format (by_content), ==, "arff");
  g_assert_cmpuint (orchard_table_get_n_rows (by_content), ==, 2);

  by_name = load_temp (dir, names[1], arff, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_table_get_format (by_name), ==, "arff");

  csv = load_temp (dir, names[2], "a,b\n1,2\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orchard_table_get_format (csv), ==, "csv");

  /* The name decides even when the content is not ARFF: the error says why. */
  not_arff = load_temp (dir, names[3], "a,b\n1,2\n", &error);
  g_assert_null (not_arff);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "broken.Arff, line 1, column 1: expected @relation, found “a,b”; an ARFF "
                   "file starts with @relation");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  g_assert_true (orchard_arff_sniff ("@relation x", 11));
  g_assert_true (orchard_arff_sniff ("\xEF\xBB\xBF%c\r\n\t@RELATION 'x y'\n", 23));
  g_assert_true (orchard_arff_sniff ("@relation", 9));
  g_assert_false (orchard_arff_sniff ("@relationship x\n", 16));
  g_assert_false (orchard_arff_sniff ("a,b\n@relation x\n", 16));
  g_assert_false (orchard_arff_sniff ("% only a comment\n", 17));
  g_assert_false (orchard_arff_sniff ("", 0));
}

/* Declarations and values ------------------------------------------------------ */

static void
test_nominal_declared_order (void)
{
  g_autoptr(OrchardTable) table = read_ok ("@relation r\n"
                                           "@attribute class {b, a, 'c d', \"e,f\", 'unused'}\n"
                                           "@data\n"
                                           "a\n'c d'\n\"e,f\"\n?\nb\n");
  OrchardColumn *col = column (table, "class");
  const guint32 *codes = orchard_column_get_codes (col);

  g_assert_cmpint (orchard_column_get_kind (col), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpuint (orchard_column_get_n_levels (col), ==, 5);
  g_assert_cmpstr (orchard_column_get_level (col, 0), ==, "b");
  g_assert_cmpstr (orchard_column_get_level (col, 1), ==, "a");
  g_assert_cmpstr (orchard_column_get_level (col, 2), ==, "c d");
  g_assert_cmpstr (orchard_column_get_level (col, 3), ==, "e,f");
  g_assert_cmpstr (orchard_column_get_level (col, 4), ==, "unused");
  g_assert_cmpuint (codes[0], ==, 1);
  g_assert_cmpuint (codes[1], ==, 2);
  g_assert_cmpuint (codes[2], ==, 3);
  g_assert_cmpuint (codes[3], ==, ORCHARD_CODE_MISSING);
  g_assert_cmpuint (codes[4], ==, 0);
}

static const char quoting_lf[] =
  "% a comment before the header\n"
  "@relation 'my relation'   % and one after\n"
  "@ATTRIBUTE 'first name' string\n"
  "@Attribute \"it's\" NUMERIC\n"
  "@attribute 'tab\\there'{'x y', z, '50%'}\n"
  "   @attribute plain REAL\n"
  "\n"
  "@Data\n"
  "'Ada Lovelace', 1.5, 'x y', 3 % a comment after a row\n"
  "\"O'Brien\",-2e3,z,?\n"
  "  % a comment between rows\n"
  "'back\\\\slash \\'q\\' \\u00e9 \\u20AC \\uD83C\\uDF4E 50\\%',  .5 , '50%' , 4\n";

static void
test_quoting_and_comments (void)
{
  g_autoptr(OrchardTable) table = read_ok (quoting_lf);
  g_autoptr(OrchardTable) crlf = NULL;
  g_autoptr(OrchardTable) cr = NULL;
  g_autoptr(GString) text = NULL;
  OrchardColumn *first;
  const double *its;
  const double *plain;

  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 3);
  g_assert_cmpuint (orchard_table_get_n_columns (table), ==, 4);
  g_assert_cmpstr (orchard_column_get_name (orchard_table_get_column (table, 0)), ==, "first name");
  g_assert_cmpstr (orchard_column_get_name (orchard_table_get_column (table, 1)), ==, "it's");
  g_assert_cmpstr (orchard_column_get_name (orchard_table_get_column (table, 2)), ==, "tab\there");
  g_assert_cmpstr (orchard_column_get_name (orchard_table_get_column (table, 3)), ==, "plain");

  first = column (table, "first name");
  g_assert_cmpint (orchard_column_get_kind (first), ==, ORCHARD_COLUMN_KIND_TEXT);
  g_assert_cmpstr (level_at (first, 0), ==, "Ada Lovelace");
  g_assert_cmpstr (level_at (first, 1), ==, "O'Brien");
  g_assert_cmpstr (level_at (first, 2), ==, "back\\slash 'q' \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8D\x8E 50%");

  its = orchard_column_get_values (column (table, "it's"));
  g_assert_cmpfloat (its[0], ==, 1.5);
  g_assert_cmpfloat (its[1], ==, -2000.0);
  g_assert_cmpfloat (its[2], ==, 0.5);

  g_assert_cmpstr (level_at (column (table, "tab\there"), 0), ==, "x y");
  g_assert_cmpstr (level_at (column (table, "tab\there"), 1), ==, "z");
  g_assert_cmpstr (level_at (column (table, "tab\there"), 2), ==, "50%");

  plain = orchard_column_get_values (column (table, "plain"));
  g_assert_cmpfloat (plain[0], ==, 3.0);
  g_assert_true (isnan (plain[1]));
  g_assert_cmpfloat (plain[2], ==, 4.0);

  /* Line endings and a byte-order mark change nothing. */
  text = g_string_new ("\xEF\xBB\xBF");
  g_string_append (text, quoting_lf);
  g_string_replace (text, "\n", "\r\n", 0);
  crlf = read_ok (text->str);
  g_string_replace (text, "\r\n", "\r", 0);
  cr = read_ok (text->str);
  g_assert_cmpstr (orchard_table_get_hash (table), ==, orchard_table_get_hash (crlf));
  g_assert_cmpstr (orchard_table_get_hash (table), ==, orchard_table_get_hash (cr));
}

static void
test_string_attributes (void)
{
  g_autoptr(OrchardTable) table = read_ok ("@relation r\n"
                                           "@attribute id integer\n"
                                           "@attribute note string\n"
                                           "@data\n"
                                           "1, 'hello, world'\n"
                                           "2, ?\n"
                                           "3, '?'\n"
                                           "4, hello\n"
                                           "5, 'hello, world'\n");
  OrchardColumn *note = column (table, "note");

  g_assert_cmpint (orchard_column_get_kind (note), ==, ORCHARD_COLUMN_KIND_TEXT);
  g_assert_cmpint (orchard_column_get_kind (column (table, "id")), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_cmpstr (level_at (note, 0), ==, "hello, world");
  g_assert_null (level_at (note, 1));
  g_assert_cmpstr (level_at (note, 2), ==, "?");   /* quoted: a value, not missing */
  g_assert_cmpstr (level_at (note, 3), ==, "hello");
  g_assert_cmpuint (orchard_column_get_codes (note)[4], ==, orchard_column_get_codes (note)[0]);
  g_assert_cmpuint (orchard_column_get_n_levels (note), ==, 3);
}

static void
test_dates (void)
{
  g_autoptr(OrchardTable) table =
    read_ok ("@relation d\n"
             "@attribute iso date\n"
             "@attribute day date \"yyyy-MM-dd\"\n"
             "@attribute stamp DATE 'yyyy-MM-dd HH:mm:ss'\n"
             "@attribute euro date dd/MM/yyyy\n"
             "@attribute short date dd.MM.yy\n"
             "@attribute us date \"MMM d, yyyy h:mm a\"\n"
             "@attribute compact date yyyyMMddHHmmss\n"
             "@attribute zoned date \"yyyy-MM-dd'T'HH:mm:ss.SSSXXX\"\n"
             "@attribute rfc date \"EEE, d MMMM yyyy HH:mm:ss Z\"\n"
             "@data\n"
             "2001-04-03T12:12:12, 2001-04-03, '2001-04-03 12:12:12', 03/04/2001, 03.04.01,"
             " 'Apr 3, 2001 12:12 PM', 20010403121212, 2001-04-03T14:12:12.250+02:00,"
             " 'Tue, 3 April 2001 04:12:12 -0800'\n"
             "?, ?, ?, ?, ?, 'apr 3, 2001 12:05 am', ?, 2001-04-03T12:12:12.005Z, ?\n");
  double noon = utc (2001, 4, 3, 12, 12, 12);

  g_assert_cmpfloat (noon, ==, 986299932.0);
  g_assert_cmpint (orchard_column_get_kind (column (table, "iso")), ==, ORCHARD_COLUMN_KIND_DATETIME);
  g_assert_cmpfloat (orchard_column_get_values (column (table, "iso"))[0], ==, noon);
  g_assert_cmpfloat (orchard_column_get_values (column (table, "day"))[0], ==, utc (2001, 4, 3, 0, 0, 0));
  g_assert_cmpfloat (orchard_column_get_values (column (table, "stamp"))[0], ==, noon);
  g_assert_cmpfloat (orchard_column_get_values (column (table, "euro"))[0], ==, utc (2001, 4, 3, 0, 0, 0));
  g_assert_cmpfloat (orchard_column_get_values (column (table, "short"))[0], ==, utc (2001, 4, 3, 0, 0, 0));
  g_assert_cmpfloat (orchard_column_get_values (column (table, "us"))[0], ==, utc (2001, 4, 3, 12, 12, 0));
  g_assert_cmpfloat (orchard_column_get_values (column (table, "us"))[1], ==, utc (2001, 4, 3, 0, 5, 0));
  g_assert_cmpfloat (orchard_column_get_values (column (table, "compact"))[0], ==, noon);
  g_assert_cmpfloat (orchard_column_get_values (column (table, "zoned"))[0], ==, noon + 0.25);
  g_assert_cmpfloat (orchard_column_get_values (column (table, "zoned"))[1], ==, noon + 0.005);
  g_assert_cmpfloat (orchard_column_get_values (column (table, "rfc"))[0], ==, noon);
  g_assert_true (isnan (orchard_column_get_values (column (table, "iso"))[1]));
  g_assert_true (isnan (orchard_column_get_values (column (table, "rfc"))[1]));
}

static void
test_date_errors (void)
{
  assert_fails ("@relation d\n@attribute w date \"yyyy-ww\"\n@data\n2001-01\n",
                ORCHARD_ERROR_UNSUPPORTED,
                "test.arff, line 2, column 19: the date format “yyyy-ww” of attribute “w” uses "
                "the letter “w” (week in year), which Orchard does not read; supported letters: "
                "y M d H k K h m s S a E Z X");
  assert_fails ("@relation d\n@attribute w date \"yyyy-MM-dd 'at\"\n@data\n2001-01-01\n",
                ORCHARD_ERROR_PARSE,
                "test.arff, line 2, column 19: the date format “yyyy-MM-dd 'at” of attribute "
                "“w” the quoted text in it is never closed");
  assert_fails ("@relation d\n@attribute when date yyyy-MM-dd\n@data\n2001-04-03\n2001/04/03\n",
                ORCHARD_ERROR_PARSE,
                "test.arff, line 5, column 1: “2001/04/03” does not match the date format "
                "“yyyy-MM-dd” of attribute “when”");
  assert_fails ("@relation d\n@attribute when date yyyy-MM-dd\n@data\n2001-02-29\n",
                ORCHARD_ERROR_PARSE,
                "test.arff, line 4, column 1: “2001-02-29” does not match the date format "
                "“yyyy-MM-dd” of attribute “when”");
  assert_fails ("@relation d\n@attribute when date\n@data\n'3 April 2001'\n",
                ORCHARD_ERROR_PARSE,
                "test.arff, line 4, column 1: “3 April 2001” is not an ISO 8601 date "
                "(yyyy-MM-dd'T'HH:mm:ss), which attribute “when” expects because it declares "
                "no date format");
}

static void
test_sparse (void)
{
  const char *header = "@relation s\n"
                       "@attribute a numeric\n"
                       "@attribute b {x, y, z}\n"
                       "@attribute c numeric\n"
                       "@attribute d string\n"
                       "@attribute e date yyyy-MM-dd\n"
                       "@data\n";
  g_autofree char *sparse_text = g_strconcat (header,
                                              "{1 y, 3 'hello'}\n"
                                              "{ 0 2.5 , 2 -1,4 2020-01-01 }\n"
                                              "{}\n"
                                              "{0 ?, 1 ?}\n", NULL);
  g_autofree char *dense_text = g_strconcat (header,
                                             "0, y, 0, hello, 1970-01-01\n"
                                             "2.5, x, -1, '', 2020-01-01\n"
                                             "0, x, 0, '', 1970-01-01\n"
                                             "?, ?, 0, '', 1970-01-01\n", NULL);
  g_autoptr(OrchardTable) sparse = read_ok (sparse_text);
  g_autoptr(OrchardTable) dense = read_ok (dense_text);
  const double *a = orchard_column_get_values (column (sparse, "a"));

  g_assert_cmpuint (orchard_table_get_n_rows (sparse), ==, 4);
  g_assert_cmpfloat (a[0], ==, 0.0);
  g_assert_cmpfloat (a[1], ==, 2.5);
  g_assert_true (isnan (a[3]));
  g_assert_cmpstr (level_at (column (sparse, "b"), 0), ==, "y");
  g_assert_cmpstr (level_at (column (sparse, "b"), 2), ==, "x");
  g_assert_null (level_at (column (sparse, "b"), 3));
  g_assert_cmpfloat (orchard_column_get_values (column (sparse, "e"))[1], ==,
                     utc (2020, 1, 1, 0, 0, 0));
  g_assert_cmpstr (orchard_table_get_hash (sparse), ==, orchard_table_get_hash (dense));
  g_assert_true (has_warning (sparse, "Column “d”: 3 sparse rows leave out this string attribute"));
  g_assert_false (has_warning (dense, "sparse"));
}

static void
test_sparse_errors (void)
{
  const char *header = "@relation s\n@attribute a numeric\n@attribute b {x, y}\n@data\n";
  struct { const char *row; int code; const char *message; } cases[] = {
    { "{2 x}", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 2: index 2 in the sparse row is out of range: the file "
      "declares 2 attributes, indices 0 to 1" },
    { "{1 x, 0 3}", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 7: index 0 in the sparse row comes after index 1; "
      "indices must increase" },
    { "{0 1, 1 x", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 1: the sparse row's { is not closed with } on this line" },
    { "{0}", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 3: expected a blank and a value after index 0 in the sparse "
      "row, like {0 X, 3 Y}" },
    { "{a 1}", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 2: expected an attribute index in the sparse row, like "
      "{0 X, 3 Y}" },
    { "{1 w}", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 4: “w” is not a declared value of attribute “b”; expected "
      "one of {x, y}" },
    { "{0 1} 2", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 7: unexpected “2” after the sparse row" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (header, cases[i].row, "\n", NULL);
      assert_fails (text, cases[i].code, cases[i].message);
    }

  /* Left out, a nominal attribute is its first declared value; with none
   * declared there is nothing it could be. */
  assert_fails ("@relation s\n@attribute a numeric\n@attribute b {}\n@data\n{0 1}\n",
                ORCHARD_ERROR_PARSE,
                "test.arff, line 5, column 1: the sparse row leaves out attribute “b”, whose "
                "default is its first declared value, but it declares none");
}

static void
test_instance_weights (void)
{
  g_autoptr(OrchardTable) table = read_ok ("@relation w\n@attribute a numeric\n@attribute b {x, y}\n"
                                           "@data\n1, x, {2}\n{1 y}, { 0.5 }\n3, y\n");

  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 3);
  g_assert_true (has_warning (table, "2 rows carry an instance weight"));
  assert_fails ("@relation w\n@attribute a numeric\n@data\n1, {heavy}\n",
                ORCHARD_ERROR_PARSE,
                "test.arff, line 4, column 4: “{heavy}” is not an instance weight; expected a "
                "number in braces, like {2.5}");
}

static void
test_kind_overrides (void)
{
  g_autoptr(OrchardReadOptions) options = orchard_read_options_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = NULL;
  const char *text = "@relation k\n@attribute n numeric\n@attribute c {a, b}\n@attribute s string\n"
                     "@data\n1, a, 'x'\n";

  orchard_read_options_set_kind (options, "c", ORCHARD_COLUMN_KIND_TEXT);
  orchard_read_options_set_kind (options, "s", ORCHARD_COLUMN_KIND_CATEGORICAL);
  orchard_read_options_set_kind (options, "n", ORCHARD_COLUMN_KIND_CATEGORICAL);
  bytes = g_bytes_new_static (text, strlen (text));
  table = orchard_arff_read_bytes (bytes, "k.arff", options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (orchard_column_get_kind (column (table, "c")), ==, ORCHARD_COLUMN_KIND_TEXT);
  g_assert_cmpint (orchard_column_get_kind (column (table, "s")), ==, ORCHARD_COLUMN_KIND_CATEGORICAL);
  g_assert_cmpint (orchard_column_get_kind (column (table, "n")), ==, ORCHARD_COLUMN_KIND_NUMERIC);
  g_assert_true (has_warning (table, "Column “n”: the ARFF header declares it numeric; the "
                                     "requested kind “categorical” was ignored"));
}

/* Errors ----------------------------------------------------------------------- */

#define HEAD "@relation t\n@attribute x numeric\n@attribute class {yes, no}\n@data\n"

static void
test_errors (void)
{
  struct { const char *text; int code; const char *message; } cases[] = {
    { HEAD "1, yes\n2, maybe\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 6, column 4: “maybe” is not a declared value of attribute “class”; "
      "expected one of {yes, no}" },
    { HEAD "1, yes\n2, 'Yes'\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 6, column 4: “Yes” is not a declared value of attribute “class”; "
      "expected one of {yes, no}" },
    { HEAD "1, yes\nabc, no\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 6, column 1: “abc” is not a number, but attribute “x” is numeric" },
    { HEAD "1.5.2, no\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 1: “1.5.2” is not a number, but attribute “x” is numeric" },
    { HEAD "1\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 2: expected 2 values, found 1" },
    { HEAD "1, yes, 3, 4\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 9: expected 2 values, found 4" },
    { HEAD "1, yes,\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 8: expected 2 values, found 3" },
    { HEAD ", yes\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 1: no value for attribute “x”; a missing value is written ?" },
    { HEAD "1, 'yes\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 4: the quote opened here is not closed on this line" },
    { HEAD "1, 'yes' no\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 5, column 10: unexpected text after the closing quote; values are "
      "separated by commas" },
    { "@relation t\n@attribute x numeric\n@attribute y string\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 3: the file ends without @data; the header declares 2 attributes but "
      "no data section" },
    { "@relation t\n@attribute x numeric\n@attribute  x string\n@data\n1,a\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 3, column 13: attribute “x” is declared twice (first on line 2)" },
    { HEAD "1, yes\n2, n\xC3\xB6\xFF\n", ORCHARD_ERROR_ENCODING,
      "test.arff, line 6, column 6: invalid UTF-8 (byte 0xFF); ARFF files are read as UTF-8" },
    { "@relation t\n@attribute caf\xE9 numeric\n", ORCHARD_ERROR_ENCODING,
      "test.arff, line 2, column 15: invalid UTF-8 (byte 0xE9); ARFF files are read as UTF-8" },
    { "", ORCHARD_ERROR_EMPTY, "test.arff is empty" },
    { "\n\n  \r\n", ORCHARD_ERROR_EMPTY, "test.arff is empty" },
    { "% just a comment\n\n%another\n", ORCHARD_ERROR_EMPTY,
      "test.arff holds only blank lines and comments; an ARFF file starts with @relation" },
    { "@relation t\n@attribute x numeric\n@data\n% nothing here\n\n", ORCHARD_ERROR_EMPTY,
      "test.arff, line 3: the @data section holds no rows" },
    { "x,y\n1,2\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 1, column 1: expected @relation, found “x,y”; an ARFF file starts "
      "with @relation" },
    { "@attribute x numeric\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 1, column 1: expected @relation, found “@attribute”; an ARFF file "
      "starts with @relation" },
    { "@relation t\n@relation u\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 2, column 1: a second @relation; @relation comes once, at the start" },
    { "@relation t\n@data\n1\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 2, column 1: @data before any @attribute" },
    { "@relation t\n@attribute x numeric\n@inputs\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 3, column 1: unknown declaration “@inputs”; expected @attribute or @data" },
    { "@relation t\nx numeric\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 2, column 1: expected @attribute or @data, found “x numeric”" },
    { "@relation t\n@attribute x float\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 2, column 14: unknown type “float” for attribute “x”; expected numeric, "
      "real, integer, string, date or a list of values in braces" },
    { "@relation t\n@attribute x\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 2, column 13: attribute “x” has no type; expected numeric, real, "
      "integer, string, date or a list of values in braces" },
    { "@relation t\n@attribute x numeric [0,1]\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 2, column 22: unexpected “[0,1]” after the type" },
    { "@relation t\n@attribute '' numeric\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 2, column 12: an attribute needs a name" },
    { "@relation t\n@attribute 'x numeric\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 2, column 12: the quote opened here is not closed on this line" },
    { "@relation t\n@attribute c {a, b, a}\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 2, column 21: the value “a” of attribute “c” is declared twice" },
    { "@relation t\n@attribute c {a, , b}\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 2, column 18: an empty value in the list of values of attribute “c”" },
    { "@relation t\n@attribute c {a, b\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 2, column 14: the list of values of attribute “c” is not closed with } "
      "on this line" },
    { "@relation t\n@attribute c {a, 'b' c}\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 2, column 22: expected a comma or } in the list of values of attribute "
      "“c”" },
    { "@relation t\n@attribute s string\n@data\n'\\u0000'\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 4, column 2: the escape \\u0000 is not a character that can be stored" },
    { "@relation t\n@attribute bag relational\n@attribute x numeric\n@end bag\n",
      ORCHARD_ERROR_UNSUPPORTED,
      "test.arff, line 2, column 16: attribute “bag” is relational (multi-instance data), "
      "which Orchard does not read" },
    { "@relation t\n@attribute x numeric\n@end bag\n", ORCHARD_ERROR_UNSUPPORTED,
      "test.arff, line 3, column 1: @end closes a relational attribute, which Orchard does "
      "not read" },
    { HEAD "1, yes\n@attribute z numeric\n", ORCHARD_ERROR_PARSE,
      "test.arff, line 6, column 1: “@attribute” after @data (line 4); declarations come "
      "before it" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OrchardTable) table = NULL;

      g_test_message ("case %u: %s", i, cases[i].message);
      table = read_string (cases[i].text, &error);
      g_assert_null (table);
      g_assert_error (error, ORCHARD_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* A NUL byte, which a C string cannot hold in the table above. */
  {
    static const char with_nul[] = "@relation t\n@attr\0ibute x numeric\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(OrchardTable) table = read_len (with_nul, sizeof with_nul - 1, &error);

    g_assert_null (table);
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_ENCODING);
    g_assert_cmpstr (error->message, ==,
                     "test.arff, line 2, column 6: a NUL byte; this looks like a binary file, "
                     "not ARFF");
  }

  /* A long list of allowed values is cut short. */
  {
    g_autoptr(GString) text = g_string_new ("@relation t\n@attribute n {");

    for (int i = 0; i < 30; i++)
      g_string_append_printf (text, "%sv%d", i > 0 ? "," : "", i);
    g_string_append (text, "}\n@data\nv3\nw\n");
    assert_fails (text->str, ORCHARD_ERROR_PARSE,
                  "test.arff, line 5, column 1: “w” is not a declared value of attribute “n”; "
                  "expected one of {v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, … (30 values)}");
  }
}

/* Progress, cancellation and chunk boundaries ---------------------------------- */

typedef struct
{
  GArray       *fractions;
  GCancellable *cancel_after_first;
} ProgressLog;

static void
on_progress (double      fraction,
             const char *message,
             gpointer    user_data)
{
  ProgressLog *log = user_data;

  g_array_append_val (log->fractions, fraction);
  if (log->cancel_after_first != NULL && fraction > 0.0)
    g_cancellable_cancel (log->cancel_after_first);
}

static GBytes *
big_file (guint n_rows,
          gboolean bad_last_row)
{
  GString *text = g_string_new ("@relation big\r\n%\r\n@attribute i integer\r\n"
                                "@attribute half real\r\n@attribute parity {even, odd}\r\n@data\r\n");
  gsize boundary = (1 << 20) - 1;
  gsize cr = boundary;
  g_autofree char *pad = NULL;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "%u,%u.5,%s\r\n", i, i / 2, i % 2 ? "odd" : "even");
  if (bad_last_row)
    g_string_append (text, "1,2,three\r\n");

  /* The reader reads 1 MiB at a time: pad the comment on line 2 so that a
   * CR ends the first read and its LF begins the second. */
  g_assert_cmpuint (text->len, >, boundary);
  while (text->str[cr] != '\r')
    cr--;
  pad = g_strnfill (boundary - cr, ' ');
  g_string_insert (text, strlen ("@relation big\r\n%"), pad);
  g_assert_cmpint (text->str[boundary], ==, '\r');
  g_assert_cmpint (text->str[boundary + 1], ==, '\n');

  return g_string_free_to_bytes (text);
}

static void
test_progress_and_cancel (void)
{
  const guint n_rows = 200000;
  g_autoptr(GBytes) bytes = big_file (n_rows, FALSE);
  g_autoptr(GBytes) bad = big_file (n_rows, TRUE);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardTable) cancelled = NULL;
  g_autoptr(OrchardTable) failed = NULL;
  g_autofree char *expected = NULL;
  ProgressLog log = { fractions, NULL };
  const double *i_values;

  g_assert_cmpuint (g_bytes_get_size (bytes), >, 3 << 20);

  table = orchard_arff_read_bytes (bytes, "big.arff", NULL, on_progress, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, n_rows);
  i_values = orchard_column_get_values (column (table, "i"));
  for (guint i = 0; i < n_rows; i++)
    g_assert_cmpfloat (i_values[i], ==, (double) i);
  g_assert_cmpfloat (orchard_column_get_values (column (table, "half"))[n_rows - 1], ==,
                     (n_rows - 1) / 2 + 0.5);

  g_assert_cmpuint (fractions->len, >=, 4);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));

  /* Line numbers stay right across chunks. */
  failed = orchard_arff_read_bytes (bad, "big.arff", NULL, NULL, NULL, NULL, &error);
  g_assert_null (failed);
  expected = g_strdup_printf ("big.arff, line %u, column 5: “three” is not a declared value of "
                              "attribute “parity”; expected one of {even, odd}", n_rows + 7);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* Cancelled after the first chunk. */
  g_array_set_size (fractions, 0);
  log.cancel_after_first = cancellable;
  cancelled = orchard_arff_read_bytes (bytes, "big.arff", NULL, on_progress, &log, cancellable,
                                       &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), <, 1.0);
}

/* Robustness -------------------------------------------------------------------- */

static const char small_valid[] =
  "% robustness sample\n"
  "@relation 'r s'\n"
  "@attribute n numeric\n"
  "@attribute 'c c' {a, 'b b', \"c\\\"\"}\n"
  "@attribute s string\n"
  "@attribute d date 'yyyy-MM-dd HH:mm'\n"
  "@data\n"
  "1.5, a, 'x y', '2020-01-02 03:04'\n"
  "?, 'b b', \"q\\\"\", ?\n"
  "{0 -2e-3, 1 \"c\\\"\", 3 '1999-12-31 23:59'}\n"
  "3,'c\"',plain,'2000-02-29 00:00' % tail\n"
  "{}\n";

/* Exactly one of table and error, and a table is consistent. */
static void
check_outcome (OrchardTable *table,
               GError       *error)
{
  if (table == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == ORCHARD_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  g_assert_null (error);
  g_assert_cmpuint (orchard_table_get_n_rows (table), >, 0);
  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    {
      OrchardColumn *col = orchard_table_get_column (table, c);

      g_assert_cmpuint (orchard_column_get_n_rows (col), ==, orchard_table_get_n_rows (table));
      if (orchard_column_is_coded (col))
        for (gsize r = 0; r < orchard_column_get_n_rows (col); r++)
          {
            guint32 code = orchard_column_get_codes (col)[r];
            g_assert_true (code == ORCHARD_CODE_MISSING || code < orchard_column_get_n_levels (col));
          }
    }
  g_assert_cmpuint (strlen (orchard_table_get_hash (table)), ==, 64);
}

static void
test_truncated (void)
{
  gsize len = strlen (small_valid);
  gsize data_start = strstr (small_valid, "@data\n") - small_valid + strlen ("@data\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) whole = read_len (small_valid, len, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (orchard_table_get_n_rows (whole), ==, 5);

  for (gsize n = 0; n <= len; n++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(OrchardTable) table = read_len (small_valid, n, &local);

      check_outcome (table, local);

      /* Cut at the end of a data line: exactly the rows so far. */
      if (n > data_start && small_valid[n - 1] == '\n')
        {
          guint rows = 0;

          for (gsize i = data_start; i < n; i++)
            rows += small_valid[i] == '\n';
          g_assert_no_error (local);
          g_assert_cmpuint (orchard_table_get_n_rows (table), ==, rows);
        }
    }
}

static void
test_random_bytes (void)
{
  static const char alphabet[] = "@{}%,'\"\\ \t\n\r?-.e0123456789abcxyz";
  static const char * const words[] = {
    "@relation r\n", "@attribute ", "@data\n", "numeric", "string", "date", "{a,b}", "'x'",
    "\"y\"", "\\u00e9", "\\uD800", "yyyy-MM-dd", "relational", "@end", "{0 1, 1 a}", "?",
  };
  static const char * const values[] = {
    "1", "-2.5e3", "?", "a", "b", "'b'", " a ", "{0 1}", "{1 b}", "1, a\n", "2,b\n", "?,?\n",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260214);
  gsize valid_len = strlen (small_valid);
  guint n_tables[3] = { 0, 0, 0 };

  /* Uniform bytes, ARFF-flavoured bytes and words, then mutants of a valid file. */
  for (guint round = 0; round < 6000; round++)
    {
      g_autoptr(GByteArray) buf = g_byte_array_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(OrchardTable) table = NULL;
      guint kind = round % 3;
      guint n = g_rand_int_range (rand, 0, 400);

      if (kind == 0)
        {
          for (guint i = 0; i < n; i++)
            {
              guint8 b = g_rand_int_range (rand, 0, 256);
              g_byte_array_append (buf, &b, 1);
            }
        }
      else if (kind == 1)
        {
          const char *start = "@relation r\n@attribute a numeric\n@attribute b {a,b}\n@data\n";

          /* Mostly well-formed rows with a sprinkling of noise and keywords. */
          if (g_rand_int_range (rand, 0, 4) > 0)
            g_byte_array_append (buf, (const guint8 *) start, strlen (start));
          for (guint i = 0; i < n / 4; i++)
            {
              guint pick = g_rand_int_range (rand, 0, 20);
              const char *w;

              if (pick < 12)
                w = values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))];
              else if (pick < 16)
                w = pick % 2 ? "," : "\n";
              else if (pick < 18)
                w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
              else
                w = NULL;

              if (w != NULL)
                g_byte_array_append (buf, (const guint8 *) w, strlen (w));
              else
                g_byte_array_append (buf, (const guint8 *) &alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)], 1);
            }
        }
      else
        {
          guint n_edits = g_rand_int_range (rand, 1, 5);

          g_byte_array_append (buf, (const guint8 *) small_valid, valid_len);
          for (guint e = 0; e < n_edits && buf->len > 0; e++)
            {
              guint at = g_rand_int_range (rand, 0, buf->len);
              guint8 b = g_rand_boolean (rand) ? (guint8) g_rand_int_range (rand, 0, 256)
                                               : (guint8) alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

              switch (g_rand_int_range (rand, 0, 3))
                {
                case 0: buf->data[at] = b; break;
                case 1: g_byte_array_remove_index (buf, at); break;
                default: g_array_insert_val ((GArray *) buf, at, b); break;
                }
            }
        }

      table = read_len ((const char *) buf->data, buf->len, &error);
      check_outcome (table, error);
      n_tables[kind] += table != NULL;
    }

  /* The inputs reach past the first error: some still read as tables. */
  g_test_message ("tables read: %u random, %u flavoured, %u mutants (of 2000 each)",
                  n_tables[0], n_tables[1], n_tables[2]);
  g_assert_cmpuint (n_tables[1], >, 0);
  g_assert_cmpuint (n_tables[2], >, 100);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/ArffReader/iris-matches-csv", test_iris_matches_csv);
  g_test_add_func ("/engine/ArffReader/dispatch", test_dispatch);
  g_test_add_func ("/engine/ArffReader/nominal-declared-order", test_nominal_declared_order);
  g_test_add_func ("/engine/ArffReader/quoting-and-comments", test_quoting_and_comments);
  g_test_add_func ("/engine/ArffReader/string-attributes", test_string_attributes);
  g_test_add_func ("/engine/ArffReader/dates", test_dates);
  g_test_add_func ("/engine/ArffReader/date-errors", test_date_errors);
  g_test_add_func ("/engine/ArffReader/sparse", test_sparse);
  g_test_add_func ("/engine/ArffReader/sparse-errors", test_sparse_errors);
  g_test_add_func ("/engine/ArffReader/instance-weights", test_instance_weights);
  g_test_add_func ("/engine/ArffReader/kind-overrides", test_kind_overrides);
  g_test_add_func ("/engine/ArffReader/errors", test_errors);
  g_test_add_func ("/engine/ArffReader/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/engine/ArffReader/truncated", test_truncated);
  g_test_add_func ("/engine/ArffReader/random-bytes", test_random_bytes);

  return g_test_run ();
}
