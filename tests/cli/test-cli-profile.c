/* test-cli-profile.c: `orchard-cli profile` as a user and a script see it
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static const char * const samples[] = {
  "penguins.csv", "seattle-weather.csv", "breast-cancer.csv", "iris.csv", "wine.csv",
  "diabetes.csv",
};

/* Runs orchard-cli with @first and the following arguments (NULL-terminated);
 * returns its exit status. */
static int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ORCHARD_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static char *
sample (const char *name)
{
  return g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), name, NULL);
}

static void
test_report (void)
{
  g_autofree char *path = sample ("penguins.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "profile", path, "--target", "species", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "344 rows × 8 columns"));
  g_assert_nonnull (strstr (out, "bill_length_mm"));
  g_assert_nonnull (strstr (out, "Numeric columns"));
  g_assert_nonnull (strstr (out, "Categorical and text columns"));
  g_assert_nonnull (strstr (out, "Adelie 152"));
  g_assert_nonnull (strstr (out, "target          species"));
}

static void
check_contract (JsonObject *root)
{
  const char * const top[] = { "file", "format", "rows", "columns", "duplicate_rows", "hash",
                               "warnings" };
  const char * const per_column[] = { "name", "kind", "count", "missing", "unique", "mean", "std",
                                      "min", "max", "quantiles", "histogram", "levels" };
  const char * const kinds[] = { "numeric", "categorical", "datetime", "text", NULL };
  const char *hash;
  JsonArray *columns;
  JsonArray *warnings;

  for (guint i = 0; i < G_N_ELEMENTS (top); i++)
    g_assert_true (json_object_has_member (root, top[i]));

  hash = json_object_get_string_member (root, "hash");
  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_cmpuint (strspn (hash, "0123456789abcdef"), ==, 64);

  columns = json_object_get_array_member (root, "columns");
  g_assert_cmpuint (json_array_get_length (columns), >, 0);
  for (guint c = 0; c < json_array_get_length (columns); c++)
    {
      JsonObject *column = json_array_get_object_element (columns, c);
      const char *kind = json_object_get_string_member (column, "kind");
      gboolean valued;

      for (guint i = 0; i < G_N_ELEMENTS (per_column); i++)
        g_assert_true (json_object_has_member (column, per_column[i]));
      g_assert_true (g_strv_contains (kinds, kind));

      /* Numeric-only keys are null for other kinds, and the other way round. */
      valued = g_str_equal (kind, "numeric") || g_str_equal (kind, "datetime");
      g_assert_cmpint (json_node_is_null (json_object_get_member (column, "histogram")), ==,
                       !valued);
      g_assert_cmpint (json_node_is_null (json_object_get_member (column, "levels")), ==,
                       valued);
      if (valued && json_object_get_int_member (column, "count") > 0)
        {
          JsonObject *histogram = json_object_get_object_member (column, "histogram");
          JsonObject *quantiles = json_object_get_object_member (column, "quantiles");
          JsonArray *edges = json_object_get_array_member (histogram, "edges");
          JsonArray *counts = json_object_get_array_member (histogram, "counts");

          g_assert_cmpuint (json_array_get_length (edges), ==, json_array_get_length (counts) + 1);
          g_assert_true (json_object_has_member (quantiles, "p1"));
          g_assert_true (json_object_has_member (quantiles, "p99"));
        }
    }

  warnings = json_object_get_array_member (root, "warnings");
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *warning = json_array_get_object_element (warnings, i);

      g_assert_true (json_object_has_member (warning, "code"));
      g_assert_true (json_object_has_member (warning, "column"));
      g_assert_true (json_object_has_member (warning, "message"));
    }
}

static void
test_json (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = sample (samples[i]);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", samples[i]);
      g_assert_cmpint (run_cli (&out, &err, "profile", "--json", path, NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
      json_parser_load_from_data (parser, out, -1, &error);
      g_assert_no_error (error);
      check_contract (json_node_get_object (json_parser_get_root (parser)));
    }
}

/* Python's json module, a reader independent of json-glib, made strict
 * (NaN and Infinity are Python extensions), dumps back what it read. Each
 * number must also have as many significant digits as Python's repr(), the
 * shortest text that reads back as the same double. */
static const char python_reader[] =
  "import json, sys\n"
  "def reject(name):\n"
  "    raise ValueError('not JSON: ' + name)\n"
  "def digits(text):\n"
  "    return len(text.lstrip('-').split('e')[0].replace('.', '').strip('0'))\n"
  "def number(text):\n"
  "    value = float(text)\n"
  "    if digits(text) != digits(repr(value)):\n"
  "        raise ValueError('not the shortest form: ' + text)\n"
  "    return value\n"
  "json.dump(json.load(sys.stdin, parse_constant=reject, parse_float=number), sys.stdout)\n";

/* The diabetes features are centred, so their means are ~1e-17: the doubles
 * json-glib 1.6 wrote with 17 digits. A strict reader accepts the report,
 * finds every number in its shortest form and reads the same values as
 * json-glib, bit for bit. */
static void
test_json_python (void)
{
  const char *python = "/usr/bin/python3";
  g_autofree char *path = sample ("diabetes.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *python_out = NULL;
  g_autofree char *python_err = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonParser) ours = json_parser_new ();
  g_autoptr(JsonParser) theirs = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *columns;
  guint tiny = 0;

  if (!g_file_test (python, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("needs /usr/bin/python3");
      return;
    }

  g_assert_cmpint (run_cli (&out, &err, "profile", path, "--json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, python, "-c", python_reader, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, out, NULL, &python_out, &python_err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpstr (python_err, ==, "");
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  json_parser_load_from_data (ours, out, -1, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (theirs, python_out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (json_parser_get_root (ours), json_parser_get_root (theirs)));

  columns = json_object_get_array_member (json_node_get_object (json_parser_get_root (ours)),
                                          "columns");
  for (guint c = 0; c < json_array_get_length (columns); c++)
    {
      double mean = json_object_get_double_member (json_array_get_object_element (columns, c),
                                                   "mean");

      if (mean != 0.0 && fabs (mean) < 1e-15)
        tiny++;
    }
  g_assert_cmpuint (tiny, >=, 5);
}

static void
test_json_target (void)
{
  g_autofree char *path = sample ("seattle-weather.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *warnings;
  gboolean imbalanced = FALSE;

  g_assert_cmpint (run_cli (&out, &err, "profile", path, "--json", "--target", "weather", NULL),
                   ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (root, "file"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "csv");
  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 1461);
  g_assert_cmpstr (json_object_get_string_member (root, "target"), ==, "weather");

  /* 714 “sun” days against 23 of “snow”. */
  warnings = json_object_get_array_member (root, "warnings");
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);

      if (g_str_equal (json_object_get_string_member (w, "code"), "imbalanced_target"))
        {
          g_assert_cmpstr (json_object_get_string_member (w, "column"), ==, "weather");
          imbalanced = TRUE;
        }
    }
  g_assert_true (imbalanced);
}

static void
test_usage (void)
{
  g_autofree char *path = sample ("iris.csv");
  char *out = NULL;
  char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "profile", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "FILE"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "profile", "--frobnicate", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "profile", path, path, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "profile", "--target", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "profile", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--target"));
  g_assert_nonnull (strstr (out, "--json"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "help", "profile", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--target"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "frobnicate", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
}

static void
test_missing_file (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orchard-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "no-such-file.csv", NULL);

  g_assert_cmpint (run_cli (&out, &err, "profile", path, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "no-such-file.csv"));
  g_rmdir (dir);
}

static void
test_bad_csv (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orchard-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ragged.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "a,b,c\n1,2,3\n4,5\n6,7,8\n", -1, &error);
  g_assert_no_error (error);

  /* The reader's message, naming the file and the line. */
  g_assert_cmpint (run_cli (&out, &err, "profile", path, "--json", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "orchard-cli: "));
  g_assert_nonnull (strstr (err, "ragged.csv"));
  g_assert_nonnull (strstr (err, "line 3"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_unknown_target (void)
{
  g_autofree char *path = sample ("iris.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "profile", path, "--target", "species", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“species”"));
  g_assert_nonnull (strstr (err, "iris.csv"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("ORCHARD_CLI") == NULL)
    {
      g_printerr ("ORCHARD_CLI must name the orchard-cli to test\n");
      return 1;
    }

  g_test_add_func ("/cli/profile/report", test_report);
  g_test_add_func ("/cli/profile/json", test_json);
  g_test_add_func ("/cli/profile/json-python", test_json_python);
  g_test_add_func ("/cli/profile/json-target", test_json_target);
  g_test_add_func ("/cli/profile/usage", test_usage);
  g_test_add_func ("/cli/profile/missing-file", test_missing_file);
  g_test_add_func ("/cli/profile/bad-csv", test_bad_csv);
  g_test_add_func ("/cli/profile/unknown-target", test_unknown_target);

  return g_test_run ();
}
