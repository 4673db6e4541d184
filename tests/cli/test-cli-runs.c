/* test-cli-runs.c: `orchard-cli train --project`, `runs` and `project` end to end
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static char *work_dir;
static char *project;

static int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
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
  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return g_subprocess_get_exit_status (process);
}

static char *
sample (const char *name)
{
  return g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), name, NULL);
}

static char *
work_file (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint n = 0;

  for (; names[n] != NULL; n++)
    if (!json_object_has_member (object, names[n]))
      g_error ("member “%s” is missing", names[n]);
  g_assert_cmpuint (g_list_length (members), ==, n);
}

/* Two runs: a logistic regression and a k-NN on iris. */
static void
test_train_records (void)
{
  g_autofree char *iris = sample ("iris.csv");
  g_autofree char *m1 = work_file ("m1.orchard-model");
  g_autofree char *m2 = work_file ("m2.orchard-model");
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_cli (NULL, &err, "train", iris, "-t", "target", "-m", "logistic",
                            "-o", m1, "--project", project, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "recorded as run 1"));
  g_assert_cmpint (run_cli (NULL, &err2, "train", iris, "-t", "target", "-m", "knn", "--set",
                            "k=7", "--seed", "3", "-o", m2, "-P", project, NULL), ==, 0);
  g_assert_nonnull (strstr (err2, "recorded as run 2"));
}

static void
test_list_json (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *runs;
  static const char * const keys[] = { "id", "model", "status", "data_hash", "started",
                                       "duration", "params", "metrics", NULL };
  double first, second;

  g_assert_cmpint (run_cli (&out, NULL, "runs", "list", "--project", project, "--sort",
                            "valid.log_loss", "--json", NULL), ==, 0);
  root = parse (out);
  assert_members (json_node_get_object (root), (const char * const[]) { "runs", NULL });
  runs = json_object_get_array_member (json_node_get_object (root), "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);
      JsonObject *metrics = json_object_get_object_member (run, "metrics");

      assert_members (run, keys);
      g_assert_cmpstr (json_object_get_string_member (run, "status"), ==, "finished");
      g_assert_cmpuint (strlen (json_object_get_string_member (run, "data_hash")), ==, 64);
      g_assert_true (json_object_has_member (metrics, "train"));
      g_assert_true (json_object_has_member (metrics, "valid"));
      g_assert_true (json_object_has_member (metrics, "test"));
    }
  /* log_loss: lowest first */
  first = json_object_get_double_member (json_object_get_object_member (
            json_object_get_object_member (json_array_get_object_element (runs, 0), "metrics"),
            "valid"), "log_loss");
  second = json_object_get_double_member (json_object_get_object_member (
             json_object_get_object_member (json_array_get_object_element (runs, 1), "metrics"),
             "valid"), "log_loss");
  g_assert_cmpfloat (first, <=, second);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_array_get_object_element (runs, json_object_get_int_member (
                       json_array_get_object_element (runs, 0), "id") == 2 ? 0 : 1), "params"),
                   "k"), ==, 7);
}

static void
test_filter (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *runs;

  g_assert_cmpint (run_cli (&out, NULL, "runs", "list", "-P", project, "--filter",
                            "model=knn and param.k>=7", "--json", NULL), ==, 0);
  root = parse (out);
  runs = json_object_get_array_member (json_node_get_object (root), "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (runs, 0), "id"), ==, 2);

  g_assert_cmpint (run_cli (NULL, &err, "runs", "list", "-P", project, "--filter",
                            "model=knn and", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Filter, column 14"));
}

static void
test_show_compare_best (void)
{
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;
  g_autoptr(JsonNode) show = NULL;
  g_autoptr(JsonNode) compare = NULL;
  JsonObject *params;

  g_assert_cmpint (run_cli (&out, NULL, "runs", "show", "1", "-P", project, "--json", NULL), ==, 0);
  show = parse (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (show), "pipeline"), ==,
                   "auto:linear");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (show), "target"), ==, "target");
  g_assert_cmpuint (strlen (json_object_get_string_member (json_node_get_object (show),
                                                           "bundle_sha256")), ==, 64);

  g_assert_cmpint (run_cli (&out2, NULL, "runs", "compare", "1", "2", "-P", project, "--json", NULL), ==, 0);
  compare = parse (out2);
  params = json_object_get_object_member (json_node_get_object (compare), "params");
  g_assert_true (json_object_has_member (params, "model"));
  g_assert_true (json_object_has_member (params, "seed"));
  g_assert_true (json_object_has_member (params, "param.k"));
  g_assert_false (json_object_has_member (params, "data_hash"));   /* the same data */
  g_assert_true (json_object_has_member (json_object_get_object_member (json_node_get_object (compare),
                                                                        "metrics"), "valid.accuracy"));

  g_assert_cmpint (run_cli (&out3, NULL, "runs", "best", "valid.log_loss", "-P", project, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out3, "Run "));
}

static void
test_reproduce (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *result;
  JsonArray *metrics;

  g_assert_cmpint (run_cli (&out, NULL, "runs", "reproduce", "2", "-P", project, "--json", NULL), ==, 0);
  root = parse (out);
  result = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (result, "identical"));
  g_assert_cmpint (json_object_get_int_member (result, "new_run"), ==, 3);
  metrics = json_object_get_array_member (result, "metrics");
  g_assert_cmpuint (json_array_get_length (metrics), >, 20);
  for (guint i = 0; i < json_array_get_length (metrics); i++)
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (metrics, i), "equal"));
}

static void
test_exports (void)
{
  g_autofree char *csv = work_file ("runs.csv");
  g_autofree char *mlruns = work_file ("mlruns");
  g_autofree char *text = NULL;
  g_autoptr(GDir) dir = NULL;
  g_auto(GStrv) lines = NULL;
  const char *experiment;
  guint n_runs = 0;

  g_assert_cmpint (run_cli (NULL, NULL, "runs", "export-csv", "-P", project, "-o", csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "id,uuid,model,status,"));
  g_assert_nonnull (strstr (lines[0], ",param.k,"));
  g_assert_nonnull (strstr (lines[0], ",metric.valid.accuracy,"));
  g_assert_cmpuint (g_strv_length (lines), ==, 5);   /* header, 3 runs, end */

  g_assert_cmpint (run_cli (NULL, NULL, "runs", "export-mlflow", "-P", project, "-o", mlruns, NULL), ==, 0);
  dir = g_dir_open (mlruns, 0, NULL);
  experiment = g_dir_read_name (dir);
  g_assert_nonnull (experiment);
  {
    g_autofree char *exp_dir = g_build_filename (mlruns, experiment, NULL);
    g_autoptr(GDir) runs = g_dir_open (exp_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (runs)) != NULL)
      {
        g_autofree char *meta = g_build_filename (exp_dir, name, "meta.yaml", NULL);
        g_autofree char *param = g_build_filename (exp_dir, name, "params", NULL);
        g_autofree char *metric = g_build_filename (exp_dir, name, "metrics", "valid.accuracy", NULL);

        if (strcmp (name, "meta.yaml") == 0)
          continue;
        g_assert_cmpuint (strlen (name), ==, 32);
        g_assert_true (g_file_test (meta, G_FILE_TEST_IS_REGULAR));
        g_assert_true (g_file_test (param, G_FILE_TEST_IS_DIR));
        g_assert_true (g_file_test (metric, G_FILE_TEST_IS_REGULAR));
        n_runs++;
      }
  }
  g_assert_cmpuint (n_runs, ==, 3);
}

static void
test_delete_and_project (void)
{
  g_autofree char *out = NULL;
  g_autofree char *check = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) info = NULL;
  JsonObject *object;
  JsonArray *datasets;

  g_assert_cmpint (run_cli (&out, NULL, "runs", "delete", "3", "-P", project, "--compact", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Deleted 1 run"));
  g_assert_cmpint (run_cli (NULL, &err, "runs", "delete", "3", "-P", project, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no run 3"));

  g_assert_cmpint (run_cli (&out2, NULL, "project", "info", project, "--json", NULL), ==, 0);
  info = parse (out2);
  object = json_node_get_object (info);
  /* ORCHARD_PROJECT_SCHEMA_VERSION (3 since the monitoring tables) */
  g_assert_cmpint (json_object_get_int_member (object, "schema_version"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "runs"), "total"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "runs"), "finished"), ==, 2);
  datasets = json_object_get_array_member (object, "datasets");
  g_assert_cmpuint (json_array_get_length (datasets), ==, 1);   /* once per content hash */
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (datasets, 0), "stored"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (datasets, 0), "rows"), ==, 150);

  g_assert_cmpint (run_cli (&check, NULL, "project", "check", project, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (check, "The project is sound"));
}

static void
test_errors (void)
{
  g_autofree char *notes = work_file ("notes.orchard");
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;

  g_assert_true (g_file_set_contents (notes, "not a database, just text\n", -1, NULL));
  g_assert_cmpint (run_cli (NULL, &err, "runs", "list", "-P", notes, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not an Orchard project"));
  g_assert_cmpint (run_cli (NULL, &err2, "project", "info", "/nonexistent/p.orchard", NULL), ==, 1);
  g_assert_nonnull (strstr (err2, "no such project file"));
  /* SQLite's header, then noise: damaged, not another program's */
  {
    g_autofree char *noisy = work_file ("noisy.orchard");
    g_autofree char *err4 = NULL;
    char bytes[4096];

    for (guint i = 0; i < sizeof bytes; i++)
      bytes[i] = (char) (i * 7919 % 251);
    memcpy (bytes, "SQLite format 3", 16);
    g_assert_true (g_file_set_contents (noisy, bytes, sizeof bytes, NULL));
    g_assert_cmpint (run_cli (NULL, &err4, "project", "check", noisy, NULL), ==, 1);
    g_assert_nonnull (strstr (err4, noisy));
    g_assert_nonnull (strstr (err4, "damaged"));
    g_assert_null (strstr (err4, "another program"));
  }
  g_assert_cmpint (run_cli (NULL, NULL, "runs", "list", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "runs", "compare", "1", "-P", project, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "runs", "export-csv", "-P", project, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, &err3, "runs", "show", "x1", "-P", project, NULL), ==, 2);
  g_assert_nonnull (strstr (err3, "not a run id"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("orchard-cli-runs-XXXXXX", NULL);
  project = g_build_filename (work_dir, "iris.orchard", NULL);

  /* In order: each builds on the project the previous ones left. */
  g_test_add_func ("/cli/runs/train-records", test_train_records);
  g_test_add_func ("/cli/runs/list-json", test_list_json);
  g_test_add_func ("/cli/runs/filter", test_filter);
  g_test_add_func ("/cli/runs/show-compare-best", test_show_compare_best);
  g_test_add_func ("/cli/runs/reproduce", test_reproduce);
  g_test_add_func ("/cli/runs/exports", test_exports);
  g_test_add_func ("/cli/runs/delete-and-project", test_delete_and_project);
  g_test_add_func ("/cli/runs/errors", test_errors);

  status = g_test_run ();
  if (status == 0)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", work_dir);
      (void) !system (command);
    }
  return status;
}
