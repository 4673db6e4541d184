/* test-cli-evaluate.c: `orchard-cli evaluate`, `cv`, `curves` and `importance` end to end
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

static char *
work_file (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
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

static JsonObject *
reference (void)
{
  static JsonParser *parser;

  if (parser == NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_TEST_DATA_DIR"),
                                                "evaluate-reference.json", NULL);
      g_autoptr(GError) error = NULL;

      parser = json_parser_new ();
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
    }
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_close (double      actual,
              double      expected,
              const char *what)
{
  double tolerance = 1e-9 * MAX (1.0, fabs (expected));

  if (!(fabs (actual - expected) <= tolerance))
    g_error ("%s: %.17g, scikit-learn %.17g", what, actual, expected);
}

/* Trains the bundle of a reference case; returns its path. */
static char *
train_case (JsonObject *c)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *train = json_object_get_array_member (c, "train");
  g_autofree char *name = g_strconcat (json_object_get_string_member (c, "name"),
                                       ".orchard-model", NULL);
  char *bundle = work_file (name);

  g_ptr_array_add (argv, g_strdup (g_getenv ("ORCHARD_CLI")));
  g_ptr_array_add (argv, g_strdup ("train"));
  g_ptr_array_add (argv, sample (json_object_get_string_member (c, "data")));
  g_ptr_array_add (argv, g_strdup ("--target"));
  g_ptr_array_add (argv, g_strdup (json_object_get_string_member (c, "target")));
  for (guint i = 0; i < json_array_get_length (train); i++)
    g_ptr_array_add (argv, g_strdup (json_array_get_string_element (train, i)));
  g_ptr_array_add (argv, g_strdup ("-o"));
  g_ptr_array_add (argv, g_strdup (bundle));
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
  return bundle;
}

static JsonObject *
find_case (const char *name)
{
  JsonArray *cases = json_object_get_array_member (reference (), "cases");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      if (strcmp (json_object_get_string_member (c, "name"), name) == 0)
        return c;
    }
  g_assert_not_reached ();
}

/* The learner still predicts what the reference scored. */
static void
check_predictions (JsonObject *c,
                   const char *bundle)
{
  g_autofree char *data = sample (json_object_get_string_member (c, "data"));
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *expected = json_object_get_array_member (c, "predictions");

  g_assert_cmpint (run_cli (&out, NULL, "predict", bundle, data, NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint r = 0; r < json_array_get_length (expected); r++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[r + 1], ",", -1);
      JsonNode *row = json_array_get_element (expected, r);

      if (JSON_NODE_HOLDS_ARRAY (row))
        {
          JsonArray *p = json_node_get_array (row);

          for (guint k = 0; k < json_array_get_length (p); k++)
            assert_close (g_ascii_strtod (fields[k + 1], NULL),
                          json_array_get_double_element (p, k),
                          "a probability (the learner changed: rerun evaluate_reference.py)");
        }
      else
        assert_close (g_ascii_strtod (fields[0], NULL), json_node_get_double (row),
                      "a prediction (the learner changed: rerun evaluate_reference.py)");
    }
}

static void
check_metrics (JsonObject *actual,
               JsonObject *expected)
{
  g_autoptr(GList) members = json_object_get_members (expected);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *want = json_object_get_member (expected, key);
      JsonNode *got = json_object_get_member (actual, key);

      if (got == NULL)
        g_error ("evaluate --json has no metric “%s”", key);
      if (strcmp (key, "confusion_matrix") == 0)
        {
          JsonArray *a = json_node_get_array (got);
          JsonArray *b = json_node_get_array (want);

          g_assert_cmpuint (json_array_get_length (a), ==, json_array_get_length (b));
          for (guint i = 0; i < json_array_get_length (b); i++)
            for (guint j = 0; j < json_array_get_length (b); j++)
              g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (a, i), j),
                               ==,
                               json_array_get_int_element (json_array_get_array_element (b, i), j));
        }
      else if (strcmp (key, "labels") == 0)
        {
          JsonArray *a = json_node_get_array (got);
          JsonArray *b = json_node_get_array (want);

          g_assert_cmpuint (json_array_get_length (a), ==, json_array_get_length (b));
          for (guint i = 0; i < json_array_get_length (b); i++)
            g_assert_cmpstr (json_array_get_string_element (a, i), ==,
                             json_array_get_string_element (b, i));
        }
      else
        assert_close (json_node_get_double (got), json_node_get_double (want), key);
    }
}

/* evaluate --json against scikit-learn on the same predictions, every task. */
static void
test_evaluate_reference (void)
{
  static const char * const names[] = { "binary", "multiclass", "regression" };
  static const char * const top_keys[] = { "task", "rows", "threshold", "metrics", "ci", NULL };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      JsonObject *c = find_case (names[n]);
      JsonArray *evaluations = json_object_get_array_member (c, "evaluations");
      g_autofree char *bundle = train_case (c);
      g_autofree char *data = sample (json_object_get_string_member (c, "data"));

      check_predictions (c, bundle);

      for (guint e = 0; e < json_array_get_length (evaluations); e++)
        {
          JsonObject *evaluation = json_array_get_object_element (evaluations, e);
          JsonObject *expected = json_object_get_object_member (evaluation, "metrics");
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          g_autoptr(JsonParser) parser = NULL;
          g_autofree char *threshold = NULL;
          JsonObject *root, *ci;
          int status;

          if (!json_object_get_null_member (evaluation, "threshold"))
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              threshold = g_strdup (g_ascii_dtostr (buf, sizeof buf,
                                                    json_object_get_double_member (evaluation,
                                                                                   "threshold")));
            }
          if (threshold != NULL)
            status = run_cli (&out, &err, "evaluate", bundle, data, "--json", "--resamples", "200",
                              "--threshold", threshold, NULL);
          else
            status = run_cli (&out, &err, "evaluate", bundle, data, "--json", "--resamples", "200",
                              NULL);
          g_assert_cmpint (status, ==, 0);
          g_assert_cmpstr (err, ==, "");

          parser = parse (out);
          root = json_node_get_object (json_parser_get_root (parser));
          for (guint k = 0; top_keys[k] != NULL; k++)
            g_assert_true (json_object_has_member (root, top_keys[k]));
          g_assert_cmpstr (json_object_get_string_member (root, "task"), ==, names[n]);
          g_assert_cmpint (json_object_get_int_member (root, "rows"), ==,
                           json_array_get_length (json_object_get_array_member (c, "predictions")));
          if (n == 0)
            g_assert_cmpfloat (json_object_get_double_member (root, "threshold"), ==,
                               threshold != NULL ? g_ascii_strtod (threshold, NULL) : 0.5);
          else
            g_assert_true (json_object_get_null_member (root, "threshold"));
          check_metrics (json_object_get_object_member (root, "metrics"), expected);

          /* The interval of the headline metric brackets it. */
          ci = json_object_get_object_member (root, "ci");
          {
            const char *headline = n == 0 ? "roc_auc" : n == 1 ? "f1_macro" : "r2";
            JsonObject *interval = json_object_get_object_member (ci, headline);
            JsonObject *metrics = json_object_get_object_member (root, "metrics");

            g_assert_nonnull (interval);
            g_assert_cmpfloat (json_object_get_double_member (interval, "estimate"), ==,
                               json_object_get_double_member (metrics, headline));
            g_assert_cmpfloat (json_object_get_double_member (interval, "lower"), <=,
                               json_object_get_double_member (interval, "estimate"));
            g_assert_cmpfloat (json_object_get_double_member (interval, "upper"), >=,
                               json_object_get_double_member (interval, "estimate"));
            g_assert_cmpint (json_object_get_int_member (interval, "resamples"), ==, 200);
          }
        }
    }
}

static char *
binary_bundle (void)
{
  static char *bundle;

  if (bundle == NULL)
    bundle = train_case (find_case ("binary"));
  return g_strdup (bundle);
}

/* A threshold chosen on data is stored in the bundle and used by predict. */
static void
test_choose_threshold (void)
{
  g_autofree char *bundle = binary_bundle ();
  g_autofree char *data = sample ("breast-cancer.csv");
  g_autofree char *chosen = work_file ("chosen.orchard-model");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) again = NULL;
  g_autoptr(JsonParser) inspected = NULL;
  JsonObject *root, *choice, *metrics;
  JsonArray *confusion;
  double threshold;
  gsize flagged = 0, predicted_positive;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_cli (&out, &err, "evaluate", bundle, data, "--json", "--resamples", "0",
                            "--choose-threshold", "f1", "-o", chosen, NULL), ==, 0);
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));
  choice = json_object_get_object_member (root, "chosen_threshold");
  threshold = json_object_get_double_member (choice, "threshold");
  metrics = json_object_get_object_member (root, "metrics");
  g_assert_cmpstr (json_object_get_string_member (choice, "criterion"), ==, "f1");
  g_assert_cmpfloat (json_object_get_double_member (root, "threshold"), ==, threshold);
  g_assert_cmpfloat (json_object_get_double_member (choice, "value"), ==,
                     json_object_get_double_member (metrics, "f1"));
  /* At least as good an F1 as at 0.5 on the same rows. */
  g_assert_cmpfloat (json_object_get_double_member (metrics, "f1"), >=, 0.9099526066350710);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (root, "ci")), ==, 0);
  confusion = json_object_get_array_member (metrics, "confusion_matrix");
  predicted_positive = json_array_get_int_element (json_array_get_array_element (confusion, 0), 1) +
                       json_array_get_int_element (json_array_get_array_element (confusion, 1), 1);
  g_clear_pointer (&out, g_free);

  /* The new bundle evaluates at its threshold … */
  g_assert_cmpint (run_cli (&out, NULL, "evaluate", chosen, data, "--json", "--resamples", "0",
                            NULL), ==, 0);
  again = parse (out);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (json_parser_get_root (again)),
                                                    "threshold"), ==, threshold);
  g_clear_pointer (&out, g_free);

  /* … predict flags exactly the rows it counted … */
  g_assert_cmpint (run_cli (&out, NULL, "predict", chosen, data, NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    flagged += g_str_has_prefix (lines[i], "malignant,");
  g_assert_cmpuint (flagged, ==, predicted_positive);
  g_clear_pointer (&out, g_free);

  /* … and inspect shows where it came from. */
  g_assert_cmpint (run_cli (&out, NULL, "inspect", chosen, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"threshold-criterion\""));
  inspected = parse (out);

  /* Usage errors. */
  g_assert_cmpint (run_cli (NULL, NULL, "evaluate", bundle, data, "--choose-threshold", "f1",
                            NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "evaluate", bundle, data, "--choose-threshold", "best",
                            "-o", chosen, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "evaluate", bundle, data, "--threshold", "1.5", NULL),
                   ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "evaluate", bundle, data, "-o", chosen, NULL), ==, 2);
  {
    g_autofree char *cost = work_file ("cost.orchard-model");

    /* Missing a malignant tumour costs ten false alarms. */
    g_assert_cmpint (run_cli (&out, NULL, "evaluate", bundle, data, "--resamples", "0",
                              "--choose-threshold", "cost:1,10", "-o", cost, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "chosen by cost:1,10"));
  }
}

/* What is wrong with the input is said, with exit status 1. */
static void
test_evaluate_errors (void)
{
  g_autofree char *bundle = binary_bundle ();
  g_autofree char *data = sample ("breast-cancer.csv");
  g_autofree char *iris = sample ("iris.csv");
  g_autofree char *corrupt = work_file ("corrupt.orchard-model");
  g_autofree char *no_target = work_file ("no-target.csv");
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  /* DATA without the target column. */
  {
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GString) out = g_string_new (NULL);

    g_file_get_contents (data, &text, NULL, &error);
    g_assert_no_error (error);
    lines = g_strsplit (text, "\n", -1);
    for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
      {
        char *comma = strrchr (lines[i], ',');

        *comma = '\0';
        g_string_append_printf (out, "%s\n", lines[i]);
      }
    g_file_set_contents (no_target, out->str, -1, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (run_cli (NULL, &err, "evaluate", bundle, no_target, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no column “target”, the target the model was trained on"));
  g_clear_pointer (&err, g_free);

  /* A damaged bundle. */
  {
    g_autofree char *bytes = NULL;
    gsize length;

    g_file_get_contents (bundle, &bytes, &length, &error);
    g_assert_no_error (error);
    bytes[length / 2] ^= 0x5a;
    g_file_set_contents (corrupt, bytes, length, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (run_cli (NULL, &err, "evaluate", corrupt, data, NULL), ==, 1);
  g_assert_cmpstr (err, !=, "");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "curves", corrupt, data, "--kind", "roc", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "importance", corrupt, data, NULL), ==, 1);
  g_clear_pointer (&err, g_free);

  /* Data of another model: none of its columns. */
  g_assert_cmpint (run_cli (NULL, &err, "evaluate", bundle, iris, NULL), ==, 1);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, NULL, "evaluate", bundle, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "evaluate", bundle, data, "--ci-metric", "rmse", NULL),
                   ==, 2);
}

/* cv --json: the contract keys, folds × repeats, summaries that are the
 * folds' mean and standard deviation, the same result for the same seed. */
static void
test_cv (void)
{
  static const char * const binary_keys[] = {
    "accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1", "mcc",
    "roc_auc", "average_precision", "log_loss", "brier", "confusion_matrix", NULL
  };
  g_autofree char *data = sample ("breast-cancer.csv");
  g_autofree char *out = NULL;
  g_autofree char *same = NULL;
  g_autofree char *other = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root, *summary;
  JsonArray *folds;
  double sum = 0, squares = 0, mean;

  g_assert_cmpint (run_cli (&out, &err, "cv", data, "--target", "target", "--model", "logistic",
                            "--folds", "4", "--repeats", "2", "--seed", "5", "--json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));
  folds = json_object_get_array_member (root, "folds");
  summary = json_object_get_object_member (root, "summary");
  g_assert_cmpuint (json_array_get_length (folds), ==, 8);

  for (guint i = 0; i < 8; i++)
    {
      JsonObject *fold = json_array_get_object_element (folds, i);
      JsonObject *metrics = json_object_get_object_member (fold, "metrics");
      double value = json_object_get_double_member (metrics, "roc_auc");

      g_assert_cmpint (json_object_get_int_member (fold, "fold"), ==, i % 4 + 1);
      g_assert_cmpint (json_object_get_int_member (fold, "repeat"), ==, i / 4 + 1);
      g_assert_cmpint (json_object_get_int_member (fold, "rows"), >=, 142);
      g_assert_cmpint (json_object_get_int_member (fold, "rows"), <=, 143);
      for (guint k = 0; binary_keys[k] != NULL; k++)
        g_assert_true (json_object_has_member (metrics, binary_keys[k]));
      sum += value;
    }
  mean = sum / 8;
  for (guint i = 0; i < 8; i++)
    {
      JsonObject *metrics = json_object_get_object_member (json_array_get_object_element (folds, i),
                                                           "metrics");
      double d = json_object_get_double_member (metrics, "roc_auc") - mean;

      squares += d * d;
    }
  {
    JsonObject *auc = json_object_get_object_member (summary, "roc_auc");

    assert_close (json_object_get_double_member (auc, "mean"), mean, "mean roc_auc");
    assert_close (json_object_get_double_member (auc, "std"), sqrt (squares / 8), "std roc_auc");
    g_assert_cmpfloat (json_object_get_double_member (auc, "mean"), >, 0.98);
  }
  for (guint k = 0; binary_keys[k] != NULL; k++)
    if (strcmp (binary_keys[k], "confusion_matrix") != 0)
      g_assert_true (json_object_has_member (summary, binary_keys[k]));

  g_assert_cmpint (run_cli (&same, NULL, "cv", data, "--target", "target", "--model", "logistic",
                            "--folds", "4", "--repeats", "2", "--seed", "5", "--json", NULL), ==, 0);
  g_assert_cmpstr (same, ==, out);
  g_assert_cmpint (run_cli (&other, NULL, "cv", data, "--target", "target", "--model", "logistic",
                            "--folds", "4", "--repeats", "2", "--seed", "6", "--json", NULL), ==, 0);
  g_assert_cmpstr (other, !=, out);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "cv", data, "--target", "diagnosis", "--model",
                            "logistic", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“diagnosis”"));
  g_assert_cmpint (run_cli (NULL, NULL, "cv", data, "--target", "target", "--model", "logistic",
                            "--folds", "1", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "cv", data, "--target", "target", "--model", "no-such",
                            NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "cv", data, "--model", "logistic", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "cv", data, "--target", "target", "--model", "linear",
                            NULL), ==, 1);
}

/* The comparison and the learning curve of cv; regression keys. */
static void
test_cv_extras (void)
{
  static const char * const regression_keys[] = {
    "rmse", "mae", "r2", "mape", "median_ae", "explained_variance", NULL
  };
  g_autofree char *data = sample ("breast-cancer.csv");
  g_autofree char *diabetes = sample ("diabetes.csv");
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) regression = NULL;
  JsonObject *root, *comparison, *curve;
  JsonArray *points;

  g_assert_cmpint (run_cli (&out, NULL, "cv", data, "--target", "target", "--model", "logistic",
                            "--folds", "3", "--against", "naive-bayes", "--learning-curve",
                            "--json", NULL), ==, 0);
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));
  comparison = json_object_get_object_member (root, "comparison");
  g_assert_cmpstr (json_object_get_string_member (comparison, "model"), ==, "naive-bayes");
  g_assert_cmpstr (json_object_get_string_member (comparison, "metric"), ==, "roc_auc");
  g_assert_cmpfloat (json_object_get_double_member (comparison, "probability_better"), >=, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (comparison, "probability_better"), <=, 1.0);
  assert_close (json_object_get_double_member (comparison, "mean_difference"),
                json_object_get_double_member (json_object_get_object_member (
                  json_object_get_object_member (root, "summary"), "roc_auc"), "mean") -
                json_object_get_double_member (comparison, "mean"), "mean difference");
  curve = json_object_get_object_member (root, "learning_curve");
  points = json_object_get_array_member (curve, "points");
  g_assert_cmpuint (json_array_get_length (points), ==, 10);
  assert_close (json_object_get_double_member (json_array_get_object_element (points, 9),
                                               "valid_mean"),
                json_object_get_double_member (json_object_get_object_member (
                  json_object_get_object_member (root, "summary"), "roc_auc"), "mean"),
                "the learning curve at 100 %");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&text, NULL, "cv", diabetes, "--target", "target", "--model",
                            "ridge", "--folds", "3", NULL), ==, 0);
  g_assert_nonnull (strstr (text, "explained_variance"));
  g_assert_cmpint (run_cli (&out, NULL, "cv", diabetes, "--target", "target", "--model", "ridge",
                            "--folds", "3", "--json", NULL), ==, 0);
  regression = parse (out);
  root = json_node_get_object (json_parser_get_root (regression));
  for (guint k = 0; regression_keys[k] != NULL; k++)
    g_assert_true (json_object_has_member (json_object_get_object_member (root, "summary"),
                                           regression_keys[k]));
  g_assert_cmpstr (json_object_get_string_member (root, "task"), ==, "regression");
}

/* curves: CSV by default, JSON on request, the kind must fit the model. */
static void
test_curves (void)
{
  g_autofree char *bundle = binary_bundle ();
  g_autofree char *regressor = train_case (find_case ("regression"));
  g_autofree char *data = sample ("breast-cancer.csv");
  g_autofree char *diabetes = sample ("diabetes.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *metrics = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) evaluation = NULL;
  static const struct { const char *kind; const char *header; } kinds[] = {
    { "roc", "fpr,tpr,thresholds\n" },
    { "pr", "precision,recall,thresholds\n" },
    { "calibration", "bin_lower,bin_upper,prob_pred,prob_true,count\n" },
    { "gains", "fraction_samples,fraction_positives,lift,thresholds\n" },
    { "threshold", "thresholds,precision,recall,f1,specificity\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_clear_pointer (&out, g_free);
      g_assert_cmpint (run_cli (&out, NULL, "curves", bundle, data, "--kind", kinds[i].kind, NULL),
                       ==, 0);
      g_assert_true (g_str_has_prefix (out, kinds[i].header));
      g_clear_pointer (&out, g_free);
      g_assert_cmpint (run_cli (&out, NULL, "curves", bundle, data, "--kind", kinds[i].kind,
                                "--csv", NULL), ==, 0);
      g_assert_true (g_str_has_prefix (out, kinds[i].header));
    }

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "curves", bundle, data, "--kind", "roc", "--json", NULL),
                   ==, 0);
  parser = parse (out);
  g_assert_cmpint (run_cli (&metrics, NULL, "evaluate", bundle, data, "--json", "--resamples",
                            "0", NULL), ==, 0);
  evaluation = parse (metrics);
  {
    JsonObject *root = json_node_get_object (json_parser_get_root (parser));
    JsonObject *summary = json_object_get_object_member (root, "summary");
    JsonObject *m = json_object_get_object_member (
      json_node_get_object (json_parser_get_root (evaluation)), "metrics");

    g_assert_cmpstr (json_object_get_string_member (root, "kind"), ==, "roc");
    g_assert_cmpfloat (json_object_get_double_member (summary, "auc"), ==,
                       json_object_get_double_member (m, "roc_auc"));
  }

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "curves", regressor, diabetes, "--kind", "residuals",
                            NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "actual,predicted,residual\n"));

  g_assert_cmpint (run_cli (NULL, &err, "curves", bundle, data, "--kind", "residuals", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "regression"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "curves", regressor, diabetes, "--kind", "roc", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "binary"));
  g_assert_cmpint (run_cli (NULL, NULL, "curves", bundle, data, "--kind", "lift", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "curves", bundle, data, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "curves", bundle, data, "--kind", "roc", "--csv",
                            "--json", NULL), ==, 2);
}

/* importance: every input column, by decreasing mean, reproducible. */
static void
test_importance (void)
{
  g_autofree char *bundle = binary_bundle ();
  g_autofree char *data = sample ("breast-cancer.csv");
  g_autofree char *out = NULL;
  g_autofree char *same = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonArray *columns;
  double previous = INFINITY;

  g_assert_cmpint (run_cli (&out, NULL, "importance", bundle, data, "--repeats", "3", "--seed",
                            "9", "--json", NULL), ==, 0);
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));
  columns = json_object_get_array_member (root, "columns");
  g_assert_cmpstr (json_object_get_string_member (root, "metric"), ==, "roc_auc");
  g_assert_cmpint (json_object_get_int_member (root, "repeats"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 569);
  g_assert_cmpuint (json_array_get_length (columns), ==, 30);
  for (guint i = 0; i < 30; i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);
      JsonArray *drops = json_object_get_array_member (column, "drops");
      double mean = json_object_get_double_member (column, "mean");
      double sum = 0;

      g_assert_cmpfloat (mean, <=, previous);
      previous = mean;
      g_assert_cmpuint (json_array_get_length (drops), ==, 3);
      for (guint k = 0; k < 3; k++)
        sum += json_array_get_double_element (drops, k);
      assert_close (mean, sum / 3, "mean drop");
    }

  g_assert_cmpint (run_cli (&same, NULL, "importance", bundle, data, "--repeats", "3", "--seed",
                            "9", "--json", NULL), ==, 0);
  g_assert_cmpstr (same, ==, out);
  g_assert_cmpint (run_cli (&text, NULL, "importance", bundle, data, "--repeats", "2",
                            "--metric", "log_loss", NULL), ==, 0);
  g_assert_nonnull (strstr (text, "log_loss"));
  g_assert_cmpint (run_cli (NULL, NULL, "importance", bundle, data, "--repeats", "0", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "importance", bundle, data, "--metric", "r2", NULL), ==, 2);
}

/* train's text report lists every metric of the task per part. */
static void
test_train_metrics (void)
{
  g_autofree char *data = sample ("breast-cancer.csv");
  g_autofree char *bundle = work_file ("train-report.orchard-model");
  g_autofree char *out = NULL;
  static const char * const keys[] = {
    "accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1", "mcc",
    "roc_auc", "average_precision", "log_loss", "brier", NULL
  };

  g_assert_cmpint (run_cli (&out, NULL, "train", data, "--target", "target", "--model",
                            "naive-bayes", "-o", bundle, NULL), ==, 0);
  for (guint k = 0; keys[k] != NULL; k++)
    {
      g_autofree char *row = g_strdup_printf ("\n  %s ", keys[k]);
      g_assert_nonnull (strstr (out, row));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("orchard-cli-evaluate-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/evaluate/reference", test_evaluate_reference);
  g_test_add_func ("/cli/evaluate/choose-threshold", test_choose_threshold);
  g_test_add_func ("/cli/evaluate/errors", test_evaluate_errors);
  g_test_add_func ("/cli/cv/json", test_cv);
  g_test_add_func ("/cli/cv/compare-learning-curve", test_cv_extras);
  g_test_add_func ("/cli/curves", test_curves);
  g_test_add_func ("/cli/importance", test_importance);
  g_test_add_func ("/cli/train/all-metrics", test_train_metrics);

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
