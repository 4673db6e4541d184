/* test-cli-train.c: `orchard-cli models`, `train`, `predict` and `inspect` end to end
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

/* A CSV file of plain fields (no quotes), as rows of fields. */
static GPtrArray *
read_csv (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (rows, g_strsplit (lines[i], ",", -1));
  return rows;
}

static GPtrArray *
parse_csv (const char *text)
{
  g_autofree char *path = work_file ("parsed.csv");
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return read_csv (path);
}

static int
column_index (char      **header,
              const char *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (strcmp (header[i], name) == 0)
      return i;
  g_error ("no column “%s”", name);
}

/* @text is the shortest decimal text that reads back as its double, as
 * 15, 16 or 17 significant digits give it. */
static void
assert_round_trip_text (const char *text)
{
  double value = g_ascii_strtod (text, NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_assert_cmpstr (text, ==, buf);
}

/* models ------------------------------------------------------------------ */

static void
test_models (void)
{
  static const char * const dense[] = {
    "linear", "ridge", "lasso", "elastic-net", "logistic", "naive-bayes", "knn", "mlp", NULL
  };
  static const char * const learner_keys[] = {
    "name", "description", "tasks", "family", "params", NULL
  };
  static const char * const param_keys[] = {
    "name", "type", "default", "min", "max", "choices", "description", NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *learners;
  guint found = 0;

  g_assert_cmpint (run_cli (&out, &err, "models", NULL), ==, 0);
  for (guint i = 0; dense[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup_printf ("%s: ", dense[i]);
      g_assert_nonnull (strstr (out, line));
    }
  g_assert_nonnull (strstr (out, "hidden-layers"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, &err, "models", "--json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  parser = parse (out);
  learners = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (learners); i++)
    {
      JsonObject *learner = json_array_get_object_element (learners, i);
      JsonArray *params = json_object_get_array_member (learner, "params");

      assert_members (learner, learner_keys);
      for (guint p = 0; p < json_array_get_length (params); p++)
        assert_members (json_array_get_object_element (params, p), param_keys);
      if (g_strv_contains (dense, json_object_get_string_member (learner, "name")))
        found++;
    }
  g_assert_cmpuint (found, ==, g_strv_length ((char **) dense));

  g_assert_cmpint (run_cli (NULL, NULL, "models", "extra", NULL), ==, 2);
}

/* train ------------------------------------------------------------------- */

static JsonParser *
train_json (const char *data,
            const char *target,
            const char *model,
            const char *output,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("ORCHARD_CLI"));
  g_ptr_array_add (args, (gpointer) "train");
  g_ptr_array_add (args, (gpointer) data);
  g_ptr_array_add (args, (gpointer) "--target");
  g_ptr_array_add (args, (gpointer) target);
  g_ptr_array_add (args, (gpointer) "--model");
  g_ptr_array_add (args, (gpointer) model);
  g_ptr_array_add (args, (gpointer) "-o");
  g_ptr_array_add (args, (gpointer) output);
  g_ptr_array_add (args, (gpointer) "--json");
  va_start (ap, output);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("train failed: %s", err);

  return parse (out);
}

static void
test_train_text (void)
{
  g_autofree char *data = sample ("penguins.csv");
  g_autofree char *model = work_file ("text.orchard-model");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "train", data, "--target", "species", "--model",
                            "logistic", "-o", model, NULL), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "Trained logistic on "));
  g_assert_nonnull (strstr (out, "344 rows, target “species” (multiclass, 3 classes)"));
  g_assert_nonnull (strstr (out, "split      stratified, seed 0: train 240, valid 52, test 52"));
  g_assert_nonnull (strstr (out, "roc_auc_ovr"));
  g_assert_nonnull (strstr (out, "Wrote "));
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_test (model, G_FILE_TEST_IS_REGULAR));
}

static void
test_train_json (void)
{
  static const char * const keys[] = {
    "model", "task", "params", "seed", "rows", "metrics", "best_iteration", "seconds",
    "artifact", NULL
  };
  static const char * const parts[] = { "train", "valid", "test", NULL };
  g_autofree char *data = sample ("penguins.csv");
  g_autofree char *model = work_file ("mlp.orchard-model");
  g_autoptr(JsonParser) parser = train_json (data, "species", "mlp", model, "--seed", "5",
                                             "--set", "hidden-layers=16,8", "--threads", "1",
                                             NULL);
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonObject *rows, *metrics, *params;
  gint64 total = 0;

  assert_members (root, keys);
  g_assert_cmpstr (json_object_get_string_member (root, "model"), ==, "mlp");
  g_assert_cmpstr (json_object_get_string_member (root, "task"), ==, "multiclass");
  g_assert_cmpint (json_object_get_int_member (root, "seed"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (root, "artifact"), ==, model);
  g_assert_cmpfloat (json_object_get_double_member (root, "seconds"), >, 0.0);
  g_assert_cmpint (json_object_get_int_member (root, "best_iteration"), >=, 1);

  params = json_object_get_object_member (root, "params");
  g_assert_cmpstr (json_object_get_string_member (params, "hidden-layers"), ==, "16,8");
  /* --seed reaches the learner's own seed. */
  g_assert_cmpint (json_object_get_int_member (params, "seed"), ==, 5);

  rows = json_object_get_object_member (root, "rows");
  metrics = json_object_get_object_member (root, "metrics");
  assert_members (rows, parts);
  assert_members (metrics, parts);
  for (guint p = 0; parts[p] != NULL; p++)
    {
      JsonObject *m = json_object_get_object_member (metrics, parts[p]);
      double accuracy = json_object_get_double_member (m, "accuracy");
      double auc = json_object_get_double_member (m, "roc_auc_ovr");

      total += json_object_get_int_member (rows, parts[p]);
      g_assert_cmpfloat (accuracy, >=, 0.9);
      g_assert_cmpfloat (accuracy, <=, 1.0);
      g_assert_cmpfloat (auc, >=, 0.9);
      g_assert_cmpfloat (auc, <=, 1.0);
      g_assert_true (json_object_has_member (m, "confusion_matrix"));
    }
  g_assert_cmpint (total, ==, 344);
}

static void
test_train_binary_and_regression (void)
{
  g_autofree char *cancer = sample ("breast-cancer.csv");
  g_autofree char *diabetes = sample ("diabetes.csv");
  g_autofree char *binary_model = work_file ("binary.orchard-model");
  g_autofree char *regression_model = work_file ("regression.orchard-model");
  g_autoptr(JsonParser) binary = train_json (cancer, "target", "naive-bayes", binary_model, NULL);
  g_autoptr(JsonParser) regression = train_json (diabetes, "target", "lasso", regression_model,
                                                 "--set", "alpha=0.1", NULL);
  JsonObject *b = json_node_get_object (json_parser_get_root (binary));
  JsonObject *r = json_node_get_object (json_parser_get_root (regression));
  JsonObject *test;

  g_assert_cmpstr (json_object_get_string_member (b, "task"), ==, "binary");
  test = json_object_get_object_member (json_object_get_object_member (b, "metrics"), "test");
  g_assert_cmpfloat (json_object_get_double_member (test, "roc_auc"), >, 0.9);
  g_assert_cmpfloat (json_object_get_double_member (test, "accuracy"), >, 0.85);
  /* Naive Bayes has no iterations. */
  g_assert_true (json_object_get_null_member (b, "best_iteration"));

  g_assert_cmpstr (json_object_get_string_member (r, "task"), ==, "regression");
  test = json_object_get_object_member (json_object_get_object_member (r, "metrics"), "test");
  g_assert_cmpfloat (json_object_get_double_member (test, "rmse"), >, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (test, "r2"), >, 0.2);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (r, "params"),
                                                    "alpha"), ==, 0.1);
}

/* --test: all of DATA trains (--fractions 1,0), DATA2 tests. */
static void
test_train_test_data (void)
{
  g_autofree char *data = sample ("iris.csv");
  g_autofree char *model = work_file ("iris.orchard-model");
  g_autoptr(JsonParser) parser = train_json (data, "target", "knn", model, "--test", data,
                                             "--fractions", "1,0", NULL);
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonObject *rows = json_object_get_object_member (root, "rows");
  JsonObject *metrics = json_object_get_object_member (root, "metrics");

  g_assert_cmpint (json_object_get_int_member (rows, "train"), ==, 150);
  g_assert_cmpint (json_object_get_int_member (rows, "valid"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (rows, "test"), ==, 150);
  g_assert_true (json_object_get_null_member (metrics, "valid"));
  /* Testing on the training rows: the train and test metrics agree. */
  g_assert_cmpfloat (json_object_get_double_member (
                       json_object_get_object_member (metrics, "train"), "accuracy"), ==,
                     json_object_get_double_member (
                       json_object_get_object_member (metrics, "test"), "accuracy"));

  /* With --test, --fractions has no test share. */
  g_assert_cmpint (run_cli (NULL, NULL, "train", data, "--target", "target", "--model", "knn",
                            "--test", data, "--fractions", "0.7,0.2,0.1", "-o", model, NULL),
                   ==, 2);
}

/* A pipeline spec, a split method and an automatic pipeline of another family. */
static void
test_train_pipeline_and_split (void)
{
  g_autofree char *data = sample ("penguins.csv");
  g_autofree char *spec = work_file ("spec.json");
  g_autofree char *bad_spec = work_file ("bad-spec.json");
  g_autofree char *model = work_file ("spec.orchard-model");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *text =
    "{ \"steps\": [ { \"step\": \"drop-columns\", \"columns\": [\"sex\"] },\n"
    "  { \"step\": \"impute\" }, { \"step\": \"impute-categorical\" },\n"
    "  { \"step\": \"scale\", \"method\": \"robust\" }, { \"step\": \"one-hot\" } ] }\n";
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) inspected = NULL;
  JsonObject *root, *lineage;
  JsonArray *features;

  g_assert_true (g_file_set_contents (spec, text, -1, NULL));
  g_assert_true (g_file_set_contents (bad_spec, "{ \"steps\": [ { \"step\": \"juggle\" } ] }",
                                      -1, NULL));

  parser = train_json (data, "body_mass_g", "ridge", model, "--pipeline", spec, "--split",
                       "group:year", "--fractions", "0.6,0.2,0.2", NULL);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "task"), ==, "regression");

  g_assert_cmpint (run_cli (&out, &err, "inspect", model, "--json", NULL), ==, 0);
  inspected = parse (out);
  root = json_node_get_object (json_parser_get_root (inspected));
  lineage = json_object_get_object_member (root, "lineage");
  g_assert_cmpstr (json_object_get_string_member (lineage, "split"), ==, "group:year");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (lineage, "pipeline"),
                                   "spec.json"));
  /* The group column identifies rows; the dropped sex is no input. */
  features = json_object_get_array_member (json_object_get_object_member (root, "model"),
                                           "features");
  for (guint f = 0; f < json_array_get_length (features); f++)
    {
      const char *name = json_array_get_string_element (features, f);

      g_assert_false (g_str_has_prefix (name, "sex"));
      g_assert_cmpstr (name, !=, "year");
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* auto:trees for a k-NN model: ordinal codes rather than one-hot columns. */
  g_clear_object (&parser);
  parser = train_json (data, "species", "knn", model, "--pipeline", "auto:trees", NULL);
  g_assert_cmpint (run_cli (&out, &err, "inspect", model, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Pipeline: auto:trees"));
  g_assert_null (strstr (out, "island=Dream"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &err, "train", data, "--target", "species", "--model", "knn",
                            "--pipeline", bad_spec, "-o", model, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "bad-spec.json"));
  g_assert_nonnull (strstr (err, "juggle"));
}

/* predict ----------------------------------------------------------------- */

/* Predictions read back exactly: the metrics recomputed from the CSV are
 * the ones train reported on the same rows. */
static void
test_predict_reads_back (void)
{
  g_autofree char *data = sample ("breast-cancer.csv");
  g_autofree char *model = work_file ("cancer.orchard-model");
  g_autofree char *output = work_file ("cancer-predictions.csv");
  g_autoptr(JsonParser) parser = train_json (data, "target", "logistic", model, "--test", data,
                                             "--fractions", "0.8,0.2", NULL);
  JsonObject *test = json_object_get_object_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                   "metrics"), "test");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GPtrArray) truth = read_csv (data);
  g_autoptr(GPtrArray) predictions = NULL;
  char **header;
  int truth_column, benign, malignant;
  double log_loss = 0.0;
  gsize correct = 0;

  g_assert_cmpint (run_cli (&out, &err, "predict", model, data, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  predictions = parse_csv (out);

  /* -o writes the same bytes, atomically. */
  g_assert_cmpint (run_cli (NULL, NULL, "predict", model, data, "-o", output, NULL), ==, 0);
  g_assert_true (g_file_get_contents (output, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, out);

  header = g_ptr_array_index (predictions, 0);
  g_assert_cmpstr (header[0], ==, "prediction");
  g_assert_cmpstr (header[1], ==, "proba_benign");
  g_assert_cmpstr (header[2], ==, "proba_malignant");
  g_assert_null (header[3]);
  g_assert_cmpuint (predictions->len, ==, truth->len);

  truth_column = column_index (g_ptr_array_index (truth, 0), "target");
  benign = 1;
  malignant = 2;
  for (guint r = 1; r < predictions->len; r++)
    {
      char **row = g_ptr_array_index (predictions, r);
      const char *actual = ((char **) g_ptr_array_index (truth, r))[truth_column];
      double p_benign = g_ascii_strtod (row[benign], NULL);
      double p_malignant = g_ascii_strtod (row[malignant], NULL);
      double p_true = strcmp (actual, "malignant") == 0 ? p_malignant : p_benign;
      const double eps = 2.220446049250313e-16;

      assert_round_trip_text (row[benign]);
      assert_round_trip_text (row[malignant]);
      g_assert_cmpstr (row[0], ==, p_malignant >= 0.5 ? "malignant" : "benign");
      correct += strcmp (row[0], actual) == 0;
      log_loss -= log (CLAMP (p_true, eps, 1 - eps));
    }
  log_loss /= predictions->len - 1;

  g_assert_cmpfloat (json_object_get_double_member (test, "accuracy"), ==,
                     (double) correct / (predictions->len - 1));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (test, "log_loss"), log_loss,
                                  1e-12 * log_loss);

  /* A lower threshold predicts malignant at least as often. */
  {
    g_autofree char *low = NULL;
    g_autoptr(GPtrArray) low_rows = NULL;
    gsize before = 0, after = 0;

    g_assert_cmpint (run_cli (&low, NULL, "predict", model, data, "--threshold", "0.1", NULL),
                     ==, 0);
    low_rows = parse_csv (low);
    for (guint r = 1; r < predictions->len; r++)
      {
        char **row = g_ptr_array_index (low_rows, r);

        before += strcmp (((char **) g_ptr_array_index (predictions, r))[0], "malignant") == 0;
        after += strcmp (row[0], "malignant") == 0;
        g_assert_cmpstr (row[0], ==, g_ascii_strtod (row[2], NULL) >= 0.1 ? "malignant" : "benign");
      }
    g_assert_cmpuint (after, >=, before);
  }
}

static void
test_predict_regression (void)
{
  g_autofree char *data = sample ("diabetes.csv");
  g_autofree char *model = work_file ("diabetes.orchard-model");
  g_autoptr(JsonParser) parser = train_json (data, "target", "ridge", model, "--test", data,
                                             NULL);
  JsonObject *test = json_object_get_object_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                   "metrics"), "test");
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) truth = read_csv (data);
  g_autoptr(GPtrArray) predictions = NULL;
  int truth_column = column_index (g_ptr_array_index (truth, 0), "target");
  double sse = 0.0;

  g_assert_cmpint (run_cli (&out, NULL, "predict", model, data, NULL), ==, 0);
  predictions = parse_csv (out);
  g_assert_cmpstr (((char **) g_ptr_array_index (predictions, 0))[0], ==, "prediction");
  g_assert_null (((char **) g_ptr_array_index (predictions, 0))[1]);

  for (guint r = 1; r < predictions->len; r++)
    {
      const char *text = ((char **) g_ptr_array_index (predictions, r))[0];
      double error = g_ascii_strtod (text, NULL) -
                     g_ascii_strtod (((char **) g_ptr_array_index (truth, r))[truth_column], NULL);

      assert_round_trip_text (text);
      sse += error * error;
    }

  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (test, "rmse"),
                                  sqrt (sse / (predictions->len - 1)), 1e-9);
}

/* A missing column is named; extra ones are ignored. */
static void
test_predict_columns (void)
{
  g_autofree char *data = sample ("penguins.csv");
  g_autofree char *model = work_file ("penguins.orchard-model");
  g_autofree char *less = work_file ("penguins-no-island.csv");
  g_autofree char *more = work_file ("penguins-more.csv");
  g_autoptr(GPtrArray) rows = read_csv (data);
  g_autoptr(GString) without = g_string_new (NULL);
  g_autoptr(GString) with = g_string_new (NULL);
  g_autoptr(JsonParser) parser = train_json (data, "species", "naive-bayes", model, NULL);
  g_autofree char *out = NULL;
  g_autofree char *more_out = NULL;
  g_autofree char *err = NULL;

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      /* island is the second column; species, the target, the first. */
      for (guint c = 0; row[c] != NULL; c++)
        if (c != 1)
          g_string_append_printf (without, "%s%s", c > 0 ? "," : "", row[c]);
      g_string_append_c (without, '\n');

      g_string_append_printf (with, "%s,%s", r == 0 ? "comment" : "hello", row[1]);
      for (guint c = 2; row[c] != NULL; c++)
        g_string_append_printf (with, ",%s", row[c]);
      g_string_append_c (with, '\n');
    }
  g_assert_true (g_file_set_contents (less, without->str, without->len, NULL));
  g_assert_true (g_file_set_contents (more, with->str, with->len, NULL));

  g_assert_cmpint (run_cli (&out, &err, "predict", model, less, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "“island”"));
  g_assert_nonnull (strstr (err, "penguins-no-island.csv"));
  g_clear_pointer (&out, g_free);

  /* Without the target, with a column more: the predictions of the original. */
  g_assert_cmpint (run_cli (&out, NULL, "predict", model, data, NULL), ==, 0);
  g_assert_cmpint (run_cli (&more_out, NULL, "predict", model, more, NULL), ==, 0);
  g_assert_cmpstr (out, ==, more_out);
}

/* inspect ----------------------------------------------------------------- */

static void
test_inspect (void)
{
  g_autofree char *data = sample ("breast-cancer.csv");
  g_autofree char *model = work_file ("inspect.orchard-model");
  g_autoptr(JsonParser) trained = train_json (data, "target", "logistic", model, "--seed", "9",
                                              NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root, *lineage, *test, *trained_test;
  JsonArray *inputs, *classes;

  g_assert_cmpint (run_cli (&out, &err, "inspect", model, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Orchard model bundle, format 1"));
  g_assert_nonnull (strstr (out, "model       logistic"));
  g_assert_nonnull (strstr (out, "threshold   0.5"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, &err, "inspect", model, "--json", NULL), ==, 0);
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "orchard-model");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpuint (strlen (json_object_get_string_member (root, "checksum")), ==, 64);
  g_assert_cmpstr (json_object_get_string_member (root, "task"), ==, "binary");
  g_assert_cmpfloat (json_object_get_double_member (root, "threshold"), ==, 0.5);
  classes = json_object_get_array_member (root, "classes");
  g_assert_cmpstr (json_array_get_string_element (classes, 0), ==, "benign");
  g_assert_cmpstr (json_array_get_string_element (classes, 1), ==, "malignant");

  inputs = json_object_get_array_member (root, "inputs");
  g_assert_cmpuint (json_array_get_length (inputs), ==, 31);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (inputs, 0),
                                                 "required"));

  lineage = json_object_get_object_member (root, "lineage");
  g_assert_cmpint (json_object_get_int_member (lineage, "seed"), ==, 9);
  g_assert_cmpuint (strlen (json_object_get_string_member (lineage, "data-hash")), ==, 64);

  /* The metrics in the bundle are those train printed. */
  test = json_object_get_object_member (json_object_get_object_member (root, "metrics"), "test");
  trained_test = json_object_get_object_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (trained)),
                                   "metrics"), "test");
  g_assert_cmpfloat (json_object_get_double_member (test, "roc_auc"), ==,
                     json_object_get_double_member (trained_test, "roc_auc"));
  g_assert_cmpfloat (json_object_get_double_member (test, "log_loss"), ==,
                     json_object_get_double_member (trained_test, "log_loss"));
}

/* Exit statuses ----------------------------------------------------------- */

static void
test_exit_statuses (void)
{
  g_autofree char *data = sample ("penguins.csv");
  g_autofree char *iris = sample ("iris.csv");
  g_autofree char *model = work_file ("status.orchard-model");
  g_autofree char *missing = work_file ("missing.csv");
  g_autofree char *err = NULL;
  struct
  {
    int          status;
    const char  *args[12];
    const char  *fragment;
  } cases[] = {
    /* Wrong usage */
    { 2, { "train", data, "--model", "knn", "-o", model }, "--target" },
    { 2, { "train", data, "--target", "species", "-o", model }, "--model" },
    { 2, { "train", data, "--target", "species", "--model", "knn" }, "-o" },
    { 2, { "train", data, "--target", "species", "--model", "forest-of-doom", "-o", model },
      "forest-of-doom" },
    { 2, { "train", data, "--target", "species", "--model", "knn", "--set", "k=0", "-o", model },
      "“k”" },
    { 2, { "train", data, "--target", "species", "--model", "knn", "--set", "k", "-o", model },
      "NAME=VALUE" },
    { 2, { "train", data, "--target", "species", "--model", "knn", "--fractions", "2,1",
           "-o", model }, "fractions" },
    { 2, { "train", data, "--target", "species", "--model", "knn", "--seed", "-1", "-o", model },
      "--seed" },
    { 2, { "predict", model }, "MODEL and a DATA" },
    { 2, { "predict", model, data, "--threshold", "1.5" }, "--threshold" },
    { 2, { "inspect" }, "MODEL" },
    /* Errors in the input */
    { 1, { "train", missing, "--target", "species", "--model", "knn", "-o", model },
      "missing.csv" },
    { 1, { "train", data, "--target", "colour", "--model", "knn", "-o", model }, "“colour”" },
    { 1, { "train", data, "--target", "species", "--model", "ridge", "-o", model },
      "cannot do multiclass" },
    { 1, { "predict", data, data }, "not an Orchard model bundle" },
    { 1, { "inspect", iris }, "not an Orchard model bundle" },
    { 1, { "predict", model, iris }, "island" },
  };

  /* A good model first, for the predict cases. */
  g_assert_cmpint (run_cli (NULL, NULL, "train", data, "--target", "species", "--model", "knn",
                            "-o", model, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, &err, "predict", model, data, "--threshold", "0.4", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "binary"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char **a = cases[i].args;
      g_autofree char *case_err = NULL;
      int status = run_cli (NULL, &case_err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8],
                            a[9], a[10], NULL);

      g_test_message ("%s → %d: %s", a[0], status, case_err);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_nonnull (strstr (case_err, cases[i].fragment));
    }

  /* A failed training leaves no bundle behind. */
  {
    g_autofree char *none = work_file ("never.orchard-model");

    g_assert_cmpint (run_cli (NULL, NULL, "train", data, "--target", "species", "--model",
                              "ridge", "-o", none, NULL), ==, 1);
    g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("orchard-cli-train-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/models", test_models);
  g_test_add_func ("/cli/train/text", test_train_text);
  g_test_add_func ("/cli/train/json", test_train_json);
  g_test_add_func ("/cli/train/binary-and-regression", test_train_binary_and_regression);
  g_test_add_func ("/cli/train/test-data", test_train_test_data);
  g_test_add_func ("/cli/train/pipeline-and-split", test_train_pipeline_and_split);
  g_test_add_func ("/cli/predict/reads-back", test_predict_reads_back);
  g_test_add_func ("/cli/predict/regression", test_predict_regression);
  g_test_add_func ("/cli/predict/columns", test_predict_columns);
  g_test_add_func ("/cli/inspect", test_inspect);
  g_test_add_func ("/cli/exit-statuses", test_exit_statuses);

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
