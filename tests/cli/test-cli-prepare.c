/* test-cli-prepare.c: `orchard-cli prepare` as a user and a script see it
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

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

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("orchard-prepare-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
test_report (void)
{
  g_autofree char *path = sample ("penguins.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "prepare", path, "--target", "species", NULL), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "344 rows × 8 columns, target “species”"));
  g_assert_nonnull (strstr (out, "Split: stratified by “species”, seed 0, "
                                 "fractions 0.7 / 0.15 / 0.15"));
  g_assert_nonnull (strstr (out, "  train    240"));
  g_assert_nonnull (strstr (out, "Pipeline: automatic (linear), fitted on the 240 training rows"));
  g_assert_nonnull (strstr (out, "1. Median-impute 5 columns"));
  g_assert_nonnull (strstr (out, "Features (12): island=Biscoe"));
  g_assert_nonnull (strstr (out, "No leakage warnings."));
  g_assert_cmpstr (err, ==, "");
}

static void
test_json (void)
{
  g_autofree char *path = sample ("penguins.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root, *data, *split, *parts, *pipeline, *first_step, *dream;
  JsonArray *features, *steps;
  gint64 total = 0;

  g_assert_cmpint (run_cli (&out, &err, "prepare", path, "--target", "species", "--json",
                            "--seed", "3", NULL), ==, 0);
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));

  data = json_object_get_object_member (root, "data");
  g_assert_cmpint (json_object_get_int_member (data, "rows"), ==, 344);
  g_assert_cmpuint (strlen (json_object_get_string_member (data, "hash")), ==, 64);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "target"),
                                                  "kind"), ==, "categorical");

  split = json_object_get_object_member (root, "split");
  g_assert_cmpstr (json_object_get_string_member (split, "method"), ==, "stratified");
  g_assert_cmpstr (json_object_get_string_member (split, "column"), ==, "species");
  g_assert_cmpint (json_object_get_int_member (split, "seed"), ==, 3);
  parts = json_object_get_object_member (split, "parts");
  for (guint p = 0; p < 3; p++)
    {
      static const char * const names[] = { "train", "valid", "test" };
      JsonObject *part = json_object_get_object_member (parts, names[p]);
      JsonObject *classes = json_object_get_object_member (part, "classes");
      g_autoptr(GList) labels = json_object_get_members (classes);
      gint64 in_classes = 0;

      for (GList *l = labels; l != NULL; l = l->next)
        in_classes += json_object_get_int_member (classes, l->data);
      g_assert_cmpint (in_classes, ==, json_object_get_int_member (part, "rows"));
      g_assert_cmpuint (g_list_length (labels), ==, 3);
      total += json_object_get_int_member (part, "rows");
    }
  g_assert_cmpint (total, ==, 344);

  pipeline = json_object_get_object_member (root, "pipeline");
  g_assert_cmpstr (json_object_get_string_member (pipeline, "source"), ==, "auto");
  g_assert_cmpstr (json_object_get_string_member (pipeline, "family"), ==, "linear");
  g_assert_cmpint (json_object_get_int_member (pipeline, "training_rows"), ==, 240);
  steps = json_object_get_array_member (pipeline, "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 4);
  first_step = json_array_get_object_element (steps, 0);
  g_assert_cmpstr (json_object_get_string_member (first_step, "step"), ==, "impute");
  g_assert_true (json_object_has_member (json_object_get_object_member (first_step, "report"),
                                         "summary"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pipeline, "spec"),
                                                  "format"), ==, "orchard-pipeline");

  features = json_object_get_array_member (root, "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 12);
  dream = json_array_get_object_element (features, 1);
  g_assert_cmpstr (json_object_get_string_member (dream, "name"), ==, "island=Dream");
  g_assert_cmpstr (json_object_get_string_member (dream, "source"), ==, "island");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), ==, 0);
  g_assert_true (json_object_get_null_member (root, "output"));
}

static char *
prepare_to_file (const char *dir,
                 const char *name,
                 const char *seed,
                 const char *pipeline)
{
  g_autofree char *path = sample ("penguins.csv");
  g_autofree char *output = g_build_filename (dir, name, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_cli (&out, &err, "prepare", path, "--target", "species", "--seed", seed,
                            "--pipeline", pipeline, "-o", output, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote 344 prepared rows to"));
  g_file_get_contents (output, &contents, NULL, &error);
  g_assert_no_error (error);
  g_unlink (output);
  return g_steal_pointer (&contents);
}

static void
test_output (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *a = prepare_to_file (dir, "a.csv", "7", "auto");
  g_autofree char *b = prepare_to_file (dir, "b.csv", "7", "auto");
  g_autofree char *c = prepare_to_file (dir, "c.csv", "8", "auto");
  g_auto(GStrv) lines = g_strsplit (a, "\n", -1);
  guint parts[3] = { 0 };

  /* The same seed gives the same file; another seed another split. */
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);

  /* A header, every row of the data, a final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 344 + 1);
  g_assert_true (g_str_has_prefix (lines[0], "island=Biscoe,island=Dream,"));
  g_assert_true (g_str_has_suffix (lines[0], ",species,split"));
  g_assert_cmpstr (lines[345], ==, "");

  for (guint r = 1; r <= 344; r++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[r], ",", -1);
      guint n = g_strv_length (fields);
      const char *part = fields[n - 1];

      g_assert_cmpuint (n, ==, 12 + 2);
      parts[strcmp (part, "train") == 0 ? 0 : strcmp (part, "valid") == 0 ? 1 : 2]++;
      g_assert_true (strcmp (part, "train") == 0 || strcmp (part, "valid") == 0 ||
                     strcmp (part, "test") == 0);

      /* Every feature a number, written so that it reads back exactly. */
      for (guint f = 0; f < 12; f++)
        {
          char *end;
          double v = g_ascii_strtod (fields[f], &end);
          g_autofree char *again = g_strdup_printf ("%.17g", v);

          g_assert_true (*end == '\0' && end != fields[f]);
          g_assert_cmpfloat (g_ascii_strtod (again, NULL), ==, v);
        }
    }
  g_assert_cmpuint (parts[0], ==, 240);
  g_assert_cmpuint (parts[1], ==, 52);
  g_assert_cmpuint (parts[2], ==, 52);

  g_rmdir (dir);
}

/* The spec an automatic run reports, written to a file and given back,
 * prepares the data exactly as the automatic run did. */
static void
test_spec_round_trip (void)
{
  g_autofree char *path = sample ("penguins.csv");
  g_autofree char *dir = temp_dir ();
  g_autofree char *spec_path = g_build_filename (dir, "spec.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *automatic = NULL;
  g_autofree char *from_spec = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_cmpint (run_cli (&out, &err, "prepare", path, "--target", "species", "--json", NULL),
                   ==, 0);
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));
  json_generator_set_root (generator,
                           json_object_get_member (json_object_get_object_member (root, "pipeline"),
                                                   "spec"));
  json_generator_to_file (generator, spec_path, &error);
  g_assert_no_error (error);

  automatic = prepare_to_file (dir, "auto.csv", "0", "auto");
  from_spec = prepare_to_file (dir, "spec.csv", "0", spec_path);
  g_assert_cmpstr (automatic, ==, from_spec);

  g_unlink (spec_path);
  g_rmdir (dir);
}

static void
test_time_split (void)
{
  g_autofree char *path = sample ("seattle-weather.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonArray *warnings;

  g_assert_cmpint (run_cli (&out, &err, "prepare", path, "--target", "weather", "--split",
                            "time:date", "--pipeline", "auto:trees", "--json", NULL), ==, 0);
  parser = parse (out);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "split"),
                                                  "method"), ==, "time");

  /* The time column orders rows; it is not a feature. A late season lacks
   * snow, and the guard says so. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "features")), ==, 4);
  warnings = json_object_get_array_member (root, "warnings");
  for (guint w = 0; w < json_array_get_length (warnings); w++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (warnings, w),
                                                    "code"), !=, "time_order");
  g_assert_cmpuint (json_array_get_length (warnings), >, 0);
}

static void
test_errors (void)
{
  g_autofree char *path = sample ("penguins.csv");
  g_autofree char *dir = temp_dir ();
  g_autofree char *spec = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GError) error = NULL;
  const struct { const char *args[6]; int status; const char *fragment; } cases[] = {
    { { "prepare", NULL }, 2, "needs a DATA file" },
    { { "prepare", "DATA", NULL }, 2, "needs --target" },
    { { "prepare", "DATA", "--target", "species", "--fractions", "0.7,0.3" }, 2, "three numbers" },
    { { "prepare", "DATA", "--target", "species", "--fractions", "0.6,0.3,0.3" }, 2, "sum to 1" },
    { { "prepare", "DATA", "--target", "species", "--split", "shuffled" }, 2, "Unknown split" },
    { { "prepare", "DATA", "--target", "species", "--seed", "x" }, 2, "--seed" },
    { { "prepare", "DATA", "--target", "species", "--pipeline", "auto:forest" }, 2, "forest" },
    { { "prepare", "DATA", "--target", "weight", NULL }, 1, "no column “weight”" },
    { { "prepare", "DATA", "--target", "body_mass_g", "--split", "stratified" }, 1, "categorical" },
    { { "prepare", "DATA", "--target", "species", "--pipeline", "SPEC" }, 1,
      "bad.json: steps[1] (“scale”): option “method” must be one of" },
  };

  g_file_set_contents (spec, "{\"steps\": [{\"step\": \"impute\"},\n"
                       "  {\"step\": \"scale\", \"method\": \"zscore\"}]}\n", -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[7] = { NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      for (guint a = 0; a < 6 && cases[i].args[a] != NULL; a++)
        argv[a] = strcmp (cases[i].args[a], "DATA") == 0 ? path
                  : strcmp (cases[i].args[a], "SPEC") == 0 ? spec : cases[i].args[a];

      status = run_cli (&out, &err, argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], NULL);
      g_test_message ("%s", err);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].fragment));
    }

  g_unlink (spec);
  g_rmdir (dir);
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "prepare"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "help", "prepare", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--fractions"));
  g_assert_nonnull (strstr (out, "--pipeline"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/prepare/report", test_report);
  g_test_add_func ("/cli/prepare/json", test_json);
  g_test_add_func ("/cli/prepare/output", test_output);
  g_test_add_func ("/cli/prepare/spec-round-trip", test_spec_round_trip);
  g_test_add_func ("/cli/prepare/time-split", test_time_split);
  g_test_add_func ("/cli/prepare/errors", test_errors);
  g_test_add_func ("/cli/prepare/help", test_help);

  return g_test_run ();
}
