/* test-cli-drift.c: `orchard-cli drift` as a user and a CI pipeline see it
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static char *workdir;

/* Runs orchard-cli with the arguments (NULL-terminated); returns its exit status. */
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

static JsonParser *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonParser *parser = json_parser_new ();

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return parser;
}

/* The lines of seattle-weather.csv whose date starts with one of @years,
 * under its header, as a file of the work directory. */
static char *
seattle (const char         *name,
         const char * const *years)
{
  g_autofree char *sample = g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), "seattle-weather.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  char *path = g_build_filename (workdir, name, NULL);

  g_file_get_contents (sample, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_string_append_printf (out, "%s\n", lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    for (guint y = 0; years[y] != NULL; y++)
      if (g_str_has_prefix (lines[i], years[y]))
        g_string_append_printf (out, "%s\n", lines[i]);

  g_file_set_contents (path, out->str, -1, &error);
  g_assert_no_error (error);
  return path;
}

static JsonObject *
load_reference (JsonParser **parser)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_TEST_DATA_DIR"), "drift-reference.json", NULL);
  g_autoptr(GError) error = NULL;

  *parser = json_parser_new ();
  json_parser_load_from_file (*parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*parser));
}

static JsonObject *
find_column (JsonObject *root,
             const char *name)
{
  JsonArray *columns = json_object_get_array_member (root, "columns");

  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      JsonObject *c = json_array_get_object_element (columns, i);

      if (strcmp (json_object_get_string_member (c, "name"), name) == 0)
        return c;
    }
  g_error ("no column “%s” in the report", name);
}

static void
assert_close (double      actual,
              double      expected,
              const char *what)
{
  if (!(fabs (actual - expected) <= 1e-9 * MAX (1.0, fabs (expected))))
    g_error ("%s: %.17g, expected %.17g", what, actual, expected);
}

static void
test_report (void)
{
  g_autofree char *ref = seattle ("2012.csv", (const char * const[]) { "2012", NULL });
  g_autofree char *cur = seattle ("2015.csv", (const char * const[]) { "2015", NULL });
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "drift", ref, cur, NULL), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, ": 366 rows"));
  g_assert_nonnull (strstr (out, ": 365 rows"));
  g_assert_nonnull (strstr (out, "Dataset drift: YES, 3 of 5 feature columns drifted (share 0.60, threshold 0.5)"));
  g_assert_nonnull (strstr (out, "  temp_max       numeric      ks"));
  g_assert_nonnull (strstr (out, "0.000316"));
  g_assert_nonnull (strstr (out, "  weather        categorical  chisquare"));
  g_assert_nonnull (strstr (out, "Multivariate drift (PCA reconstruction error"));
  g_assert_nonnull (strstr (out, "  date: date and time columns are not compared"));
  g_assert_cmpstr (err, ==, "");
}

static void
test_json (void)
{
  g_autoptr(JsonParser) reference_parser = NULL;
  JsonObject *reference = load_reference (&reference_parser);
  JsonObject *expected = NULL;
  g_autofree char *ref = seattle ("2012.csv", (const char * const[]) { "2012", NULL });
  g_autofree char *cur = seattle ("2015.csv", (const char * const[]) { "2015", NULL });
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *comparisons = json_object_get_array_member (reference, "comparisons");
  JsonObject *root, *temp_max, *weather, *m;
  JsonArray *edges;

  for (guint i = 0; i < json_array_get_length (comparisons); i++)
    if (strcmp (json_object_get_string_member (json_array_get_object_element (comparisons, i), "name"),
                "seattle 2012 vs 2015") == 0)
      expected = json_object_get_object_member (json_array_get_object_element (comparisons, i), "columns");
  g_assert_nonnull (expected);

  g_assert_cmpint (run_cli (&out, &err, "drift", ref, cur, "--json", NULL), ==, 0);
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));

  /* The keys the issue fixes. */
  g_assert_true (json_object_get_boolean_member (root, "dataset_drift"));
  assert_close (json_object_get_double_member (root, "drift_share"), 0.6, "drift_share");
  g_assert_cmpint (json_object_get_int_member (root, "n_drifted"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (root, "n_columns"), ==, 5);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (root, "prediction")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "chunks")), ==, 0);

  temp_max = find_column (root, "temp_max");
  g_assert_cmpstr (json_object_get_string_member (temp_max, "kind"), ==, "numeric");
  g_assert_cmpstr (json_object_get_string_member (temp_max, "test"), ==, "ks");
  assert_close (json_object_get_double_member (temp_max, "statistic"),
                json_object_get_double_member (json_object_get_object_member (expected, "temp_max"), "statistic"),
                "temp_max statistic");
  assert_close (json_object_get_double_member (temp_max, "p_value"),
                json_object_get_double_member (json_object_get_object_member (expected, "temp_max"), "p_value"),
                "temp_max p-value");
  assert_close (json_object_get_double_member (temp_max, "psi"),
                json_object_get_double_member (json_object_get_object_member (expected, "temp_max"), "psi"),
                "temp_max psi");
  assert_close (json_object_get_double_member (temp_max, "threshold"), 0.05, "threshold");
  g_assert_true (json_object_get_boolean_member (temp_max, "drifted"));
  g_assert_true (json_object_has_member (temp_max, "effect_size"));
  edges = json_object_get_array_member (json_object_get_object_member (temp_max, "reference"), "edges");
  g_assert_cmpuint (json_array_get_length (edges), ==, 11);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (temp_max, "current"), "counts")), ==, 10);

  /* Categorical edges are the levels; the p-value of 0 is a number. */
  weather = find_column (root, "weather");
  g_assert_cmpstr (json_object_get_string_member (weather, "test"), ==, "chisquare");
  edges = json_object_get_array_member (json_object_get_object_member (weather, "current"), "edges");
  g_assert_cmpuint (json_array_get_length (edges), ==, 5);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (edges, 0)), ==, G_TYPE_STRING);
  g_assert_cmpfloat (json_object_get_double_member (weather, "p_value"), ==, 0.0);

  /* A distance test has no p-value. */
  m = json_object_get_object_member (root, "multivariate");
  g_assert_cmpstr (json_object_get_string_member (m, "method"), ==, "pca_reconstruction");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (m, "features")), ==, 5);
  g_assert_cmpstr (err, ==, "");
}

static void
test_fail_on_drift (void)
{
  g_autofree char *ref = seattle ("2012.csv", (const char * const[]) { "2012", NULL });
  g_autofree char *cur = seattle ("2015.csv", (const char * const[]) { "2015", NULL });
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  g_autoptr(JsonParser) parser = NULL;

  /* Drift: 3 for CI; the same file against itself: 0. */
  g_assert_cmpint (run_cli (&out, &err, "drift", ref, cur, "--fail-on-drift", NULL), ==, 3);
  g_assert_cmpint (run_cli (&out2, &err2, "drift", ref, ref, "--fail-on-drift", "--json", NULL), ==, 0);
  parser = parse (out2);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "dataset_drift"));
}

static void
test_chunks (void)
{
  g_autofree char *ref = seattle ("1213.csv", (const char * const[]) { "2012", "2013", NULL });
  g_autofree char *cur = seattle ("1415.csv", (const char * const[]) { "2014", "2015", NULL });
  g_autofree char *out = NULL, *err = NULL, *text = NULL, *text_err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root, *first, *column;
  JsonArray *chunks;

  g_assert_cmpint (run_cli (&out, &err, "drift", ref, cur, "--chunk-period", "month",
                            "--time-column", "date", "--json", NULL), ==, 0);
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));
  chunks = json_object_get_array_member (root, "chunks");
  g_assert_cmpuint (json_array_get_length (chunks), ==, 24);
  first = json_array_get_object_element (chunks, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "label"), ==, "2014-01");
  g_assert_cmpint (json_object_get_int_member (first, "rows"), ==, 31);
  g_assert_true (json_object_has_member (first, "drift_share"));
  column = json_array_get_object_element (json_object_get_array_member (first, "columns"), 0);
  g_assert_cmpstr (json_object_get_string_member (column, "name"), ==, "precipitation");
  g_assert_true (json_object_has_member (column, "statistic"));
  g_assert_true (json_object_has_member (column, "drifted"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (root, "multivariate"), "chunks")), ==, 24);

  g_assert_cmpint (run_cli (&text, &text_err, "drift", ref, cur, "--chunk-size", "100", NULL), ==, 0);
  g_assert_nonnull (strstr (text, "Chunks (8)"));
  g_assert_nonnull (strstr (text, "701-730"));
}

static void
test_overrides (void)
{
  g_autofree char *ref = seattle ("2012.csv", (const char * const[]) { "2012", NULL });
  g_autofree char *cur = seattle ("2015.csv", (const char * const[]) { "2015", NULL });
  g_autofree char *out = NULL, *err = NULL, *all = NULL, *all_err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) all_parser = NULL;
  JsonObject *root, *temp_max, *wind;
  JsonArray *columns;

  g_assert_cmpint (run_cli (&out, &err, "drift", ref, cur, "--json", "--columns", "temp_max,wind",
                            "--stattest", "temp_max=psi", "--threshold", "temp_max=0.5",
                            "--stattest", "wind=wasserstein", "--correction", "bh", NULL), ==, 0);
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "columns")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (root, "correction"), ==, "bh");
  temp_max = find_column (root, "temp_max");
  g_assert_cmpstr (json_object_get_string_member (temp_max, "test"), ==, "psi");
  assert_close (json_object_get_double_member (temp_max, "threshold"), 0.5, "threshold");
  assert_close (json_object_get_double_member (temp_max, "statistic"),
                json_object_get_double_member (temp_max, "psi"), "psi statistic");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (temp_max, "p_value")));
  g_assert_false (json_object_get_boolean_member (temp_max, "drifted"));
  wind = find_column (root, "wind");
  g_assert_cmpstr (json_object_get_string_member (wind, "test"), ==, "wasserstein");
  assert_close (json_object_get_double_member (wind, "threshold"), 0.1, "default threshold");

  /* One test for every column. */
  g_assert_cmpint (run_cli (&all, &all_err, "drift", ref, cur, "--json", "--stattest", "psi", NULL), ==, 0);
  all_parser = parse (all);
  columns = json_object_get_array_member (json_node_get_object (json_parser_get_root (all_parser)), "columns");
  for (guint i = 0; i < json_array_get_length (columns); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, i), "test"),
                     ==, "psi");
}

static void
test_sample (void)
{
  g_autofree char *ref = seattle ("1213.csv", (const char * const[]) { "2012", "2013", NULL });
  g_autofree char *cur = seattle ("2015.csv", (const char * const[]) { "2015", NULL });
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = NULL;

  g_assert_cmpint (run_cli (&a, &err, "drift", ref, cur, "--json", "--sample-size", "100",
                            "--seed", "3", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&b, &err, "drift", ref, cur, "--json", "--sample-size", "100",
                            "--seed", "3", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&c, &err, "drift", ref, cur, "--json", "--sample-size", "100",
                            "--seed", "4", NULL), ==, 0);

  /* The same seed, the same report; another seed, another sample. */
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  parser = parse (a);
  g_assert_cmpint (json_object_get_int_member (find_column (json_node_get_object (json_parser_get_root (parser)),
                                                            "wind"), "reference_sample"), ==, 100);
}

static void
test_kinds (void)
{
  g_autofree char *ref = seattle ("2012.csv", (const char * const[]) { "2012", NULL });
  g_autofree char *cur = g_build_filename (workdir, "stray.csv", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *wind;

  /* Most of a column is a word: the reader calls it categorical, the
   * reference numeric; the reference decides and the words are missing. */
  g_file_set_contents (cur,
                       "date,precipitation,temp_max,temp_min,wind,weather\n"
                       "2016/01/01,0.0,10.0,5.0,calm,sun\n"
                       "2016/01/02,1.0,11.0,5.5,calm,rain\n"
                       "2016/01/03,0.0,12.0,6.0,3.5,sun\n", -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_cli (&out, &err, "drift", ref, cur, "--json", NULL), ==, 0);
  parser = parse (out);
  wind = find_column (json_node_get_object (json_parser_get_root (parser)), "wind");
  g_assert_cmpstr (json_object_get_string_member (wind, "kind"), ==, "numeric");
  g_assert_cmpint (json_object_get_int_member (wind, "current_count"), ==, 1);
}

static void
test_errors (void)
{
  g_autofree char *ref = seattle ("2012.csv", (const char * const[]) { "2012", NULL });
  g_autofree char *cur = seattle ("2015.csv", (const char * const[]) { "2015", NULL });
  g_autofree char *missing = g_build_filename (workdir, "nonesuch.csv", NULL);
  struct
  {
    int          status;
    const char  *message;
    const char  *args[8];
  } cases[] = {
    { 2, "drift needs a REFERENCE and a CURRENT file", { ref, NULL } },
    { 2, "exclude each other", { ref, cur, "--chunk-size", "10", "--chunk-period", "month", "--time-column", "date" } },
    { 2, "--chunk-period needs --time-column", { ref, cur, "--chunk-period", "month", NULL } },
    { 2, "--chunk-period takes day, week, month or quarter", { ref, cur, "--chunk-period", "year", "--time-column", "date" } },
    { 2, "--time-column is only read with --chunk-period", { ref, cur, "--time-column", "date", NULL } },
    { 2, "“foo” is not a test", { ref, cur, "--stattest", "wind=foo", NULL } },
    { 2, "is not a number of 0 or more", { ref, cur, "--threshold", "wind=-1", NULL } },
    { 2, "--correction takes none, bonferroni or bh", { ref, cur, "--correction", "holm", NULL } },
    { 2, "--drift-share takes a number above 0 and at most 1", { ref, cur, "--drift-share", "2", NULL } },
    { 2, "--chunk-size takes a number of rows", { ref, cur, "--chunk-size", "0", NULL } },
    { 1, "Column “nonesuch” is not in the reference profile", { ref, cur, "--columns", "nonesuch", NULL } },
    { 1, "The ks test compares numbers, but column “weather” is categorical", { ref, cur, "--stattest", "weather=ks", NULL } },
    { 1, "The time column “when” is not in the current data", { ref, cur, "--chunk-period", "week", "--time-column", "when" } },
    { 1, "The target column “label” is not in the reference data", { ref, cur, "--target", "label", NULL } },
    { 1, "nonesuch.csv", { ref, missing, NULL } },
    { 1, "is not an Orchard model bundle", { ref, cur, "--model", cur, NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char * const *a = cases[i].args;
      int status = run_cli (&out, &err, "drift", a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);

      g_test_message ("case %u: %s", i, err);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_cmpstr (out, ==, "");
    }
}

/* A bundle from `orchard-cli train`: its profile is the reference, its
 * model's predictions are compared too. */
static void
test_bundle (void)
{
  g_autofree char *train = seattle ("1213.csv", (const char * const[]) { "2012", "2013", NULL });
  g_autofree char *cur = seattle ("2015.csv", (const char * const[]) { "2015", NULL });
  g_autofree char *bundle = g_build_filename (workdir, "weather.orchard-model", NULL);
  g_autofree char *out = NULL, *err = NULL, *json = NULL, *json_err = NULL, *data = NULL, *data_err = NULL;
  g_autofree char *bad = NULL, *bad_err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) data_parser = NULL;
  JsonObject *root, *prediction, *weather;
  JsonArray *columns;
  gboolean has_probability = FALSE;

  g_assert_cmpint (run_cli (&out, &err, "train", train, "--target", "weather", "--model", "logistic",
                            "-o", bundle, NULL), ==, 0);

  g_assert_cmpint (run_cli (&json, &json_err, "drift", bundle, cur, "--json", NULL), ==, 0);
  parser = parse (json);
  root = json_node_get_object (json_parser_get_root (parser));

  /* The reference is the training part of the rows, the target reported apart. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "reference"), "rows"),
                   <, 731);
  weather = find_column (root, "weather");
  g_assert_cmpstr (json_object_get_string_member (weather, "role"), ==, "target");
  g_assert_cmpint (json_object_get_int_member (root, "n_columns"), ==, 4);

  prediction = json_object_get_object_member (root, "prediction");
  g_assert_nonnull (prediction);
  columns = json_object_get_array_member (prediction, "columns");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 0), "name"),
                   ==, "prediction");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 0), "kind"),
                   ==, "categorical");
  for (guint i = 0; i < json_array_get_length (columns); i++)
    has_probability = has_probability ||
                      g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (columns, i),
                                                                       "name"), "proba_");
  g_assert_true (has_probability);
  g_assert_true (json_object_has_member (prediction, "drifted"));

  /* A data file as the reference, the model from --model. */
  g_assert_cmpint (run_cli (&data, &data_err, "drift", train, cur, "--model", bundle, "--json", NULL), ==, 0);
  data_parser = parse (data);
  root = json_node_get_object (json_parser_get_root (data_parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "reference"), "rows"),
                   ==, 731);
  g_assert_cmpstr (json_object_get_string_member (find_column (root, "weather"), "role"), ==, "target");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (root, "prediction"), "columns")), ==,
                    json_array_get_length (columns));

  /* A profile that is made cannot be sampled again. */
  g_assert_cmpint (run_cli (&bad, &bad_err, "drift", bundle, cur, "--sample-size", "10", NULL), ==, 2);
  g_assert_nonnull (strstr (bad_err, "--sample-size and --seed apply to a data file"));
}

static void
test_help (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "drift", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "REFERENCE CURRENT"));
  g_assert_nonnull (strstr (out, "--fail-on-drift"));
  g_assert_nonnull (strstr (out, "--stattest"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  workdir = g_dir_make_tmp ("orchard-drift-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/drift/report", test_report);
  g_test_add_func ("/cli/drift/json", test_json);
  g_test_add_func ("/cli/drift/fail-on-drift", test_fail_on_drift);
  g_test_add_func ("/cli/drift/chunks", test_chunks);
  g_test_add_func ("/cli/drift/overrides", test_overrides);
  g_test_add_func ("/cli/drift/sample", test_sample);
  g_test_add_func ("/cli/drift/kinds", test_kinds);
  g_test_add_func ("/cli/drift/errors", test_errors);
  g_test_add_func ("/cli/drift/bundle", test_bundle);
  g_test_add_func ("/cli/drift/help", test_help);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (workdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (workdir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (workdir);
  }
  g_free (workdir);

  return status;
}
