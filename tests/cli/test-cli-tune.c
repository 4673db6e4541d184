/* test-cli-tune.c: `orchard-cli tune` end to end
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static char *work_dir;

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

static JsonParser *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonParser *parser = json_parser_new ();

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return parser;
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

static const char * const top_keys[] = {
  "model", "task", "metric", "greater_is_better", "search", "draws", "folds", "halving", "seed",
  "rounds", "candidates", "best", NULL
};
static const char * const candidate_keys[] = {
  "id", "candidate", "round", "params", "score", "std", "fold_scores", "rows", "status",
  "seconds", "message", "run", NULL
};

static void
test_tune_json (void)
{
  g_autofree char *penguins = sample ("penguins.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root, *best;
  JsonArray *candidates;
  const guint ks[] = { 1, 5, 15 };
  const char *weights[] = { "uniform", "distance" };
  double lowest = INFINITY;
  gint64 lowest_id = -1;

  g_assert_cmpint (run_cli (&out, &err, "tune", penguins, "--target", "species", "--model", "knn",
                            "--grid", "k=1,5,15", "--grid", "weights=uniform,distance", "--json",
                            NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));
  assert_members (root, top_keys);
  g_assert_cmpstr (json_object_get_string_member (root, "model"), ==, "knn");
  g_assert_cmpstr (json_object_get_string_member (root, "task"), ==, "multiclass");
  g_assert_cmpstr (json_object_get_string_member (root, "metric"), ==, "log_loss");
  g_assert_false (json_object_get_boolean_member (root, "greater_is_better"));
  g_assert_cmpstr (json_object_get_string_member (root, "search"), ==, "grid");
  g_assert_true (json_object_get_null_member (root, "folds"));

  /* The grid in order, the last parameter fastest. */
  candidates = json_object_get_array_member (root, "candidates");
  g_assert_cmpuint (json_array_get_length (candidates), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      JsonObject *c = json_array_get_object_element (candidates, i);
      JsonObject *params = json_object_get_object_member (c, "params");
      double score = json_object_get_double_member (c, "score");

      assert_members (c, candidate_keys);
      g_assert_cmpint (json_object_get_int_member (c, "id"), ==, i);
      g_assert_cmpint (json_object_get_int_member (params, "k"), ==, ks[i / 2]);
      g_assert_cmpstr (json_object_get_string_member (params, "weights"), ==, weights[i % 2]);
      g_assert_true (json_object_get_null_member (c, "std"));
      g_assert_cmpstr (json_object_get_string_member (c, "status"), ==, "done");
      g_assert_true (json_object_get_null_member (c, "run"));
      if (score < lowest)
        {
          lowest = score;
          lowest_id = i;
        }
    }

  best = json_object_get_object_member (root, "best");
  g_assert_cmpint (json_object_get_int_member (best, "id"), ==, lowest_id);

  /* The best's score is what `train` reports on the validation rows. */
  {
    JsonObject *params = json_object_get_object_member (best, "params");
    g_autofree char *set_k = g_strdup_printf ("k=%" G_GINT64_FORMAT,
                                              json_object_get_int_member (params, "k"));
    g_autofree char *set_w = g_strdup_printf ("weights=%s",
                                              json_object_get_string_member (params, "weights"));
    g_autofree char *model = g_build_filename (work_dir, "best.orchard-model", NULL);
    g_autofree char *train_out = NULL;
    g_autoptr(JsonParser) train = NULL;
    JsonObject *valid;

    g_assert_cmpint (run_cli (&train_out, NULL, "train", penguins, "--target", "species",
                              "--model", "knn", "--set", set_k, "--set", set_w, "-o", model,
                              "--json", NULL), ==, 0);
    train = parse (train_out);
    valid = json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (json_parser_get_root (train)),
                                     "metrics"), "valid");
    g_assert_cmpfloat (json_object_get_double_member (valid, "log_loss"), ==,
                       json_object_get_double_member (best, "score"));
    g_assert_cmpint (json_object_get_int_member (best, "rows"), ==,
                     json_object_get_int_member (json_object_get_object_member (
                       json_node_get_object (json_parser_get_root (train)), "rows"), "train"));
  }
}

static void
test_tune_text (void)
{
  g_autofree char *diabetes = sample ("diabetes.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "tune", diabetes, "--target", "target", "--model", "ridge",
                            "--grid", "alpha=0.01,1,100", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Tuning ridge on "));
  g_assert_nonnull (strstr (out, "alpha=0.01"));
  g_assert_nonnull (strstr (out, "alpha=100"));
  g_assert_nonnull (strstr (out, "Score: rmse (lower is better), on the validation rows, task "
                                 "regression"));
  g_assert_nonnull (strstr (out, "Best: #"));
}

static JsonParser *
random_search (const char *seed)
{
  g_autofree char *wine = sample ("wine.csv");
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "tune", wine, "--target", "target", "--model", "logistic",
                            "--grid", "C=0.001..1000:log", "--grid", "max-iter=50..300",
                            "--random", "6", "--seed", seed, "--json", NULL), ==, 0);
  return parse (out);
}

static void
test_tune_random (void)
{
  g_autoptr(JsonParser) a = random_search ("3");
  g_autoptr(JsonParser) b = random_search ("3");
  g_autoptr(JsonParser) c = random_search ("4");
  JsonArray *ca = json_object_get_array_member (json_node_get_object (json_parser_get_root (a)),
                                                "candidates");
  JsonArray *cb = json_object_get_array_member (json_node_get_object (json_parser_get_root (b)),
                                                "candidates");
  JsonArray *cc = json_object_get_array_member (json_node_get_object (json_parser_get_root (c)),
                                                "candidates");
  guint n_same = 0;

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (a)),
                                                  "search"), ==, "random");
  g_assert_cmpuint (json_array_get_length (ca), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      JsonObject *pa = json_object_get_object_member (json_array_get_object_element (ca, i),
                                                      "params");
      JsonObject *pb = json_object_get_object_member (json_array_get_object_element (cb, i),
                                                      "params");
      JsonObject *pc = json_object_get_object_member (json_array_get_object_element (cc, i),
                                                      "params");
      double C = json_object_get_double_member (pa, "C");
      gint64 iterations = json_object_get_int_member (pa, "max-iter");

      g_assert_cmpfloat (C, ==, json_object_get_double_member (pb, "C"));
      g_assert_cmpint (iterations, ==, json_object_get_int_member (pb, "max-iter"));
      g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (ca, i),
                                                        "score"), ==,
                         json_object_get_double_member (json_array_get_object_element (cb, i),
                                                        "score"));
      n_same += C == json_object_get_double_member (pc, "C");
      g_assert_cmpfloat (C, >=, 0.001);
      g_assert_cmpfloat (C, <=, 1000);
      g_assert_cmpint (iterations, >=, 50);
      g_assert_cmpint (iterations, <=, 300);
    }
  g_assert_cmpuint (n_same, ==, 0);
}

static void
test_tune_cv_halving (void)
{
  g_autofree char *cancer = sample ("breast-cancer.csv");
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonArray *rounds, *candidates;
  guint n_promoted = 0, n_dropped = 0, n_done = 0;

  g_assert_cmpint (run_cli (&out, NULL, "tune", cancer, "--target", "target", "--model", "knn",
                            "--grid", "k=1..9", "--cv", "3", "--halving", "--json", NULL), ==, 0);
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "metric"), ==, "roc_auc");
  g_assert_true (json_object_get_boolean_member (root, "greater_is_better"));
  g_assert_cmpint (json_object_get_int_member (root, "folds"), ==, 3);
  g_assert_true (json_object_get_boolean_member (root, "halving"));

  /* 483 training and validation rows, 9 candidates: 53 then 159 rows
   * (max(2 × 3 × 2, 483 / 9)). */
  rounds = json_object_get_array_member (root, "rounds");
  g_assert_cmpuint (json_array_get_length (rounds), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rounds, 0),
                                               "rows"), ==, 53);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rounds, 1),
                                               "rows"), ==, 159);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rounds, 2),
                                               "candidates"), ==, 1);

  candidates = json_object_get_array_member (root, "candidates");
  g_assert_cmpuint (json_array_get_length (candidates), ==, 9 + 3 + 1);
  for (guint i = 0; i < json_array_get_length (candidates); i++)
    {
      JsonObject *c = json_array_get_object_element (candidates, i);
      const char *status = json_object_get_string_member (c, "status");
      JsonArray *folds = json_object_get_array_member (c, "fold_scores");
      double mean = 0.0;

      g_assert_false (json_object_get_null_member (c, "std"));
      g_assert_cmpuint (json_array_get_length (folds), ==, 3);
      for (guint f = 0; f < 3; f++)
        mean += json_array_get_double_element (folds, f) / 3;
      g_assert_cmpfloat_with_epsilon (mean, json_object_get_double_member (c, "score"), 1e-12);
      n_promoted += strcmp (status, "promoted") == 0;
      n_dropped += strcmp (status, "dropped") == 0;
      n_done += strcmp (status, "done") == 0;
    }
  g_assert_cmpuint (n_promoted, ==, 3 + 1);
  g_assert_cmpuint (n_dropped, ==, 6 + 2);
  g_assert_cmpuint (n_done, ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "best"), "id"),
                   ==, 12);
}

static void
test_tune_project (void)
{
  g_autofree char *iris = sample ("iris.csv");
  g_autofree char *project = g_build_filename (work_dir, "tune.orchard", NULL);
  gint64 last = 0;

  for (guint pass = 0; pass < 1; pass++)
    {
      g_autofree char *out = NULL;
      g_autoptr(JsonParser) parser = NULL;
      JsonArray *candidates;

      g_assert_cmpint (run_cli (&out, NULL, "tune", iris, "--target", "target", "--model", "knn",
                                "--grid", "k=3,7", "--project", project, "--json", NULL), ==, 0);
      parser = parse (out);
      candidates = json_object_get_array_member (
        json_node_get_object (json_parser_get_root (parser)), "candidates");
      g_assert_cmpuint (json_array_get_length (candidates), ==, 2);
      /* One new run per candidate. */
      for (guint i = 0; i < 2; i++)
        {
          gint64 run = json_object_get_int_member (json_array_get_object_element (candidates, i),
                                                   "run");

          g_assert_cmpint (run, ==, last + 1);
          last = run;
        }
    }
  g_assert_true (g_file_test (project, G_FILE_TEST_EXISTS));
}

static void
assert_usage_error (const char *expected,
                    const char *first,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *penguins = sample ("penguins.csv");
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ORCHARD_CLI"));
  g_ptr_array_add (argv, (gpointer) "tune");
  g_ptr_array_add (argv, penguins);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  if (strstr (err, expected) == NULL)
    g_error ("expected “%s” in: %s", expected, err);
}

static void
test_tune_errors (void)
{
  g_autofree char *missing = g_build_filename (work_dir, "missing.csv", NULL);
  g_autofree char *err = NULL;

  assert_usage_error ("tune needs at least one --grid", "-t", "species", "-m", "knn", NULL);
  assert_usage_error ("Learner “knn” has no parameter “neighbours”", "-t", "species", "-m", "knn",
                      "--grid", "neighbours=1,2", NULL);
  assert_usage_error ("Parameter “k” of learner “knn” must be", "-t", "species", "-m", "knn",
                      "--grid", "k=0,3", NULL);
  assert_usage_error ("Parameter “C” has a continuous range", "-t", "species", "-m", "logistic",
                      "--grid", "C=0.1..10", NULL);
  assert_usage_error ("--cv takes a whole number of folds from 2", "-t", "species", "-m", "knn",
                      "--grid", "k=1,3", "--cv", "1", NULL);
  assert_usage_error ("--random takes a whole number from 1", "-t", "species", "-m", "knn",
                      "--grid", "k=1,3", "--random", "0", NULL);
  assert_usage_error ("There is no learner “forest2”", "-t", "species", "-m", "forest2",
                      "--grid", "k=1,3", NULL);

  /* Errors of the input: exit status 1. */
  g_assert_cmpint (run_cli (NULL, &err, "tune", missing, "-t", "y", "-m", "knn", "--grid", "k=1,3",
                            NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *penguins = sample ("penguins.csv");

    g_assert_cmpint (run_cli (NULL, &err, "tune", penguins, "-t", "species", "-m", "knn",
                              "--grid", "k=1,3", "--metric", "rmse", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "There is no metric “rmse” for multiclass"));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (NULL, &err, "tune", penguins, "-t", "nothing", "-m", "knn",
                              "--grid", "k=1,3", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "The data has no column “nothing”"));
    g_clear_pointer (&err, g_free);
  }
  {
    g_autofree char *diabetes = sample ("diabetes.csv");

    g_assert_cmpint (run_cli (NULL, &err, "tune", diabetes, "-t", "target", "-m", "logistic",
                              "--grid", "C=1,2", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "Learner “logistic” cannot do regression"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("orchard-cli-tune-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/tune/json", test_tune_json);
  g_test_add_func ("/cli/tune/text", test_tune_text);
  g_test_add_func ("/cli/tune/random", test_tune_random);
  g_test_add_func ("/cli/tune/cv-halving", test_tune_cv_halving);
  g_test_add_func ("/cli/tune/project", test_tune_project);
  g_test_add_func ("/cli/tune/errors", test_tune_errors);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (work_dir, name, NULL);
        g_remove (path);
      }
    g_rmdir (work_dir);
    g_free (work_dir);
  }

  return status;
}
