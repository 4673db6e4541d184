/* cli-train.c: orchard-cli train DATA --target COL --model NAME … -o MODEL.orchard-model
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard.h"

#include "cli-commands.h"

static OrchardTable *
load_table (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *label = g_strdup_printf ("Reading %s", basename);
  g_autoptr(CliProgress) bar = cli_progress_new (label);

  return orchard_table_load (file, NULL, cli_progress_update, bar, NULL, error);
}

/* The report shows every metric of the task per part, as --json does. */
static const char * const *
headline_metrics (OrchardTask task)
{
  return orchard_metrics_task_get_keys ((OrchardMetricsTask) task);
}

static void
print_params (GVariant *params)
{
  g_autoptr(GString) line = g_string_new (NULL);
  GVariantIter iter;
  const char *name;
  GVariant *value;

  g_variant_iter_init (&iter, params);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      g_autoptr(GVariant) owned = value;
      g_autofree char *text = NULL;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        text = orchard_format_double (g_variant_get_double (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        text = g_variant_dup_string (value, NULL);
      else
        text = g_variant_print (value, FALSE);

      g_string_append_printf (line, "%s%s=%s", line->len > 0 ? ", " : "", name, text);
    }

  g_print ("  params     %s\n", line->len > 0 ? line->str : "(none)");
}

static void
print_report (OrchardTrainer  *trainer,
              OrchardArtifact *artifact,
              OrchardTable    *data,
              const char      *display_name,
              const char      *test_name,
              const char      *output,
              gsize            size)
{
  OrchardModel *model = orchard_artifact_get_model (artifact);
  OrchardPipeline *pipeline = orchard_artifact_get_pipeline (artifact);
  OrchardPartition *partition = orchard_trainer_get_partition (trainer);
  OrchardSplit *split = orchard_trainer_get_split (trainer);
  g_autoptr(GEnumClass) methods = g_type_class_ref (ORCHARD_TYPE_SPLIT_METHOD);
  const char *method = g_enum_get_value (methods, orchard_split_get_method (split))->value_nick;
  const char * const *notes = orchard_trainer_get_notes (trainer);
  const char * const *keys = headline_metrics (orchard_artifact_get_task (artifact));
  const char *pipeline_source = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *seconds = NULL;
  guint n_history;

  if (orchard_artifact_get_task (artifact) == ORCHARD_TASK_REGRESSION)
    kind = g_strdup ("regression");
  else
    kind = g_strdup_printf ("%s, %u classes",
                            orchard_task_to_string (orchard_artifact_get_task (artifact)),
                            orchard_artifact_get_n_classes (artifact));

  g_print ("Trained %s on %s: %" G_GSIZE_FORMAT " rows, target “%s” (%s)\n",
           orchard_model_get_name (model), display_name, orchard_table_get_n_rows (data),
           orchard_artifact_get_target (artifact), kind);
  g_print ("  data       %s\n", orchard_artifact_get_data_hash (artifact));
  g_print ("  split      %s%s%s, seed %" G_GUINT64_FORMAT ": train %" G_GSIZE_FORMAT
           ", valid %" G_GSIZE_FORMAT ", test %" G_GSIZE_FORMAT "%s%s\n",
           method, orchard_split_get_column (split) != NULL ? ":" : "",
           orchard_split_get_column (split) != NULL ? orchard_split_get_column (split) : "",
           orchard_trainer_get_seed (trainer),
           orchard_trainer_get_n_rows (trainer, ORCHARD_PART_TRAIN),
           orchard_trainer_get_n_rows (trainer, ORCHARD_PART_VALID),
           orchard_trainer_get_n_rows (trainer, ORCHARD_PART_TEST),
           test_name != NULL ? " from " : "", test_name != NULL ? test_name : "");
  g_variant_lookup (orchard_artifact_get_lineage (artifact), "pipeline", "&s", &pipeline_source);
  g_print ("  pipeline   %s: %u steps, %u features\n", pipeline_source,
           orchard_pipeline_get_n_steps (pipeline), orchard_pipeline_get_n_features (pipeline));
  {
    g_autoptr(GVariant) params = g_variant_lookup_value (orchard_artifact_get_lineage (artifact),
                                                         "params", G_VARIANT_TYPE_VARDICT);
    print_params (params);
  }
  orchard_model_get_history (model, &n_history);
  if (n_history > 0)
    g_print ("  iterations %u, best %d\n", n_history, orchard_model_get_best_iteration (model));
  {
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    seconds = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3f",
                                         orchard_trainer_get_seconds (trainer)));
  }
  g_print ("  time       %s s on %u threads\n", seconds, orchard_get_threads ());

  g_print ("\n  %-18s %10s %10s %10s\n", "metric", "train", "valid", "test");
  for (guint k = 0; keys[k] != NULL; k++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "  %-18s", keys[k]);
      for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
        {
          OrchardMetrics *metrics = orchard_trainer_get_metrics (trainer, part);
          g_autofree char *value = NULL;

          if (metrics == NULL)
            value = g_strdup ("");
          else
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];
              double v = orchard_metrics_get (metrics, keys[k]);

              value = isnan (v) ? g_strdup ("–") : g_strdup (g_ascii_formatd (buf, sizeof buf,
                                                                                "%.4f", v));
            }
          g_string_append_printf (line, " %10s", value);
        }
      g_print ("%s\n", line->str);
    }

  if (notes[0] != NULL || orchard_partition_get_n_warnings (partition) > 0)
    g_print ("\n");
  for (guint i = 0; notes[i] != NULL; i++)
    g_print ("Note: %s\n", notes[i]);
  for (guint w = 0; w < orchard_partition_get_n_warnings (partition); w++)
    g_print ("Warning: %s\n", orchard_partition_get_warning (partition, w)->message);

  g_print ("\nWrote %s (%" G_GSIZE_FORMAT " bytes, SHA-256 %s)\n", output, size,
           orchard_artifact_get_checksum (artifact));
}

static void
print_json (OrchardTrainer  *trainer,
            OrchardArtifact *artifact,
            const char      *output)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GVariant) params = NULL;
  g_autofree char *text = NULL;
  OrchardModel *model = orchard_artifact_get_model (artifact);
  OrchardPartition *partition = orchard_trainer_get_partition (trainer);
  const char * const *notes = orchard_trainer_get_notes (trainer);
  int best = orchard_model_get_best_iteration (model);

  params = g_variant_lookup_value (orchard_artifact_get_lineage (artifact), "params",
                                   G_VARIANT_TYPE_VARDICT);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, orchard_model_get_name (model));
  json_builder_set_member_name (b, "task");
  json_builder_add_string_value (b, orchard_task_to_string (orchard_artifact_get_task (artifact)));
  json_builder_set_member_name (b, "params");
  json_builder_add_value (b, cli_variant_to_json (params));
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) MIN (orchard_trainer_get_seed (trainer),
                                               (guint64) G_MAXINT64));

  json_builder_set_member_name (b, "rows");
  json_builder_begin_object (b);
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      json_builder_set_member_name (b, orchard_part_to_string (part));
      json_builder_add_int_value (b, orchard_trainer_get_n_rows (trainer, part));
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "metrics");
  json_builder_begin_object (b);
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      JsonNode *metrics = orchard_artifact_metrics_to_json (artifact, part);

      json_builder_set_member_name (b, orchard_part_to_string (part));
      if (metrics != NULL)
        json_builder_add_value (b, metrics);
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "best_iteration");
  if (best > 0)
    json_builder_add_int_value (b, best);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, orchard_trainer_get_seconds (trainer));
  json_builder_set_member_name (b, "artifact");
  json_builder_add_string_value (b, output);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = orchard_json_to_string (root, TRUE);
  g_print ("%s\n", text);

  /* Standard output holds the JSON alone; what a reader should know goes to stderr. */
  for (guint i = 0; notes[i] != NULL; i++)
    g_printerr ("orchard-cli: note: %s\n", notes[i]);
  for (guint w = 0; w < orchard_partition_get_n_warnings (partition); w++)
    g_printerr ("orchard-cli: warning: %s\n",
                orchard_partition_get_warning (partition, w)->message);
}

/* --set NAME=VALUE, each in turn; returns FALSE with a message. */
static gboolean
apply_settings (OrchardModel  *model,
                char         **settings,
                gboolean      *seed_set,
                GError       **error)
{
  *seed_set = FALSE;

  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      const char *equals = strchr (settings[i], '=');
      g_autofree char *name = NULL;

      if (equals == NULL || equals == settings[i])
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "--set takes NAME=VALUE, not “%s”", settings[i]);
          return FALSE;
        }

      name = g_strndup (settings[i], equals - settings[i]);
      if (!orchard_model_set_param_from_string (model, name, equals + 1, error))
        return FALSE;
      if (strcmp (name, "seed") == 0)
        *seed_set = TRUE;
    }

  return TRUE;
}

int
cli_train_run (int    argc,
               char **argv)
{
  g_autofree char *target = NULL;
  g_autofree char *model_name = NULL;
  g_auto(GStrv) settings = NULL;
  g_autofree char *pipeline_text = NULL;
  g_autofree char *split_text = NULL;
  g_autofree char *fractions_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *threads_text = NULL;
  g_autofree char *test_path = NULL;
  g_autofree char *output = NULL;
  gboolean json = FALSE;
  g_autofree char *project_path = NULL;
  const GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &target,
      "The column to predict (required): categories make a classifier, numbers a regressor",
      "COLUMN" },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model_name,
      "The learner (required); “orchard-cli models” lists them", "NAME" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings,
      "Set a hyperparameter of the learner, e.g. --set alpha=1.0; repeatable", "NAME=VALUE" },
    { "pipeline", 'p', 0, G_OPTION_ARG_FILENAME, &pipeline_text,
      "auto (the automatic pipeline for the learner's family), auto:trees, auto:linear, "
      "auto:knn, auto:neural, or a pipeline spec file (JSON); default auto", "auto|SPEC.json" },
    { "split", 's', 0, G_OPTION_ARG_STRING, &split_text,
      "random, stratified, group:COLUMN or time:COLUMN; default stratified for a class "
      "target, random for a numeric one", "METHOD" },
    { "fractions", 'f', 0, G_OPTION_ARG_STRING, &fractions_text,
      "Shares of training, validation and test rows, default 0.7,0.15,0.15; with --test, of "
      "training and validation rows, default 0.85,0.15; 1,0 trains on all rows",
      "TRAIN,VALID[,TEST]" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      "Seed of the split, of every random step and of the learner; default 0", "N" },
    { "threads", 'j', 0, G_OPTION_ARG_STRING, &threads_text,
      "Threads for the dense math; default 0, one per processor", "N" },
    { "test", 0, 0, G_OPTION_ARG_FILENAME, &test_path,
      "Separate test data with the same columns; DATA then trains and validates", "DATA2" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Where to write the model bundle (required)", "MODEL.orchard-model" },
    { "project", 'P', 0, G_OPTION_ARG_FILENAME, &project_path,
      "Record the run, and the data once per content hash, in this project (created if "
      "missing)", "P.orchard" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print the result as JSON on standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardSplit) split = NULL;
  g_autoptr(OrchardTable) data = NULL;
  g_autoptr(OrchardTable) test = NULL;
  g_autoptr(OrchardPipeline) pipeline = NULL;
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardProject) project = NULL;
  gint64 run_id = 0;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(GFile) data_file = NULL;
  g_autoptr(GFile) output_file = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *test_name = NULL;
  g_autofree char *pipeline_source = NULL;
  double fractions[3] = { 0.7, 0.15, 0.15 };
  gboolean automatic, explicit_family, seed_set;
  OrchardModelFamily family;
  guint64 seed = 0;
  guint64 threads = 0;
  int status;

  g_set_prgname ("orchard-cli train");
  context = g_option_context_new ("DATA");
  g_option_context_set_summary (context,
                                "Train a model on DATA (CSV, TSV or ARFF): split the rows, fit\n"
                                "the preprocessing pipeline on the training rows, fit the\n"
                                "learner with the validation rows for early stopping, report\n"
                                "the metrics of every part and write the model bundle.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 the data, the spec or the training "
                                    "failed, 2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;

  if (argc < 2)
    return cli_usage_error (context, "train needs a DATA file");
  if (argc > 2)
    return cli_usage_error (context, "train takes one DATA file, but was given %d", argc - 1);
  if (target == NULL)
    return cli_usage_error (context, "train needs --target COLUMN");
  if (model_name == NULL)
    return cli_usage_error (context, "train needs --model NAME; “orchard-cli models” lists them");
  if (output == NULL)
    return cli_usage_error (context, "train needs -o MODEL.orchard-model");

  model = orchard_model_new_by_name (model_name, &error);
  if (model == NULL)
    return cli_usage_error (NULL, "%s", error->message);
  if (!apply_settings (model, settings, &seed_set, &error))
    return cli_usage_error (NULL, "%s", error->message);

  if (seed_text != NULL &&
      !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
    return cli_usage_error (context, "--seed takes a whole number ≥ 0, not “%s”", seed_text);
  /* One seed for everything, unless the learner's own was set. */
  if (seed_text != NULL && !seed_set &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (model), "seed") != NULL &&
      !orchard_model_set_param_from_string (model, "seed", seed_text, &error))
    return cli_usage_error (NULL, "--seed: %s", error->message);

  if (threads_text != NULL &&
      !g_ascii_string_to_unsigned (threads_text, 10, 0, 1024, &threads, NULL))
    return cli_usage_error (context, "--threads takes a whole number from 0 to 1024, not “%s”",
                            threads_text);
  orchard_set_threads ((guint) threads);

  if (test_path != NULL)
    {
      fractions[0] = 0.85;
      fractions[1] = 0.15;
      fractions[2] = 0.0;
    }
  if (fractions_text != NULL)
    {
      /* TRAIN,VALID leaves nothing for testing (which --test provides). */
      g_auto(GStrv) parts = g_strsplit (fractions_text, ",", -1);
      guint n = g_strv_length (parts);

      if (n != 2 && n != 3)
        return cli_usage_error (context, "--fractions takes TRAIN,VALID or TRAIN,VALID,TEST, "
                                "not “%s”", fractions_text);
      fractions[2] = 0.0;
      if (!cli_parse_fractions (fractions_text, n, fractions, &error))
        return cli_usage_error (context, "%s", error->message);
      if (test_path != NULL && fractions[2] != 0.0)
        return cli_usage_error (context, "With --test, --fractions gives the training and "
                                "validation shares of DATA only, TRAIN,VALID");
    }

  if (split_text != NULL)
    {
      split = orchard_split_new_parse (split_text, &error);
      if (split == NULL)
        return cli_usage_error (context, "%s", error->message);
    }
  {
    g_autoptr(OrchardSplit) check = orchard_split_new (ORCHARD_SPLIT_RANDOM);

    if (!orchard_split_set_fractions (check, fractions[0], fractions[1], fractions[2], &error))
      return cli_usage_error (context, "%s", error->message);
  }

  if (pipeline_text == NULL)
    pipeline_text = g_strdup ("auto");
  if (!cli_parse_pipeline (pipeline_text, &automatic, &family, &explicit_family, &error))
    return cli_usage_error (context, "%s", error->message);

  /* Usage is settled; from here on, failures are the input's. */
  data_file = g_file_new_for_commandline_arg (argv[1]);
  display_name = g_file_get_parse_name (data_file);
  data = load_table (argv[1], &error);
  if (data == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (test_path != NULL)
    {
      g_autoptr(GFile) test_file = g_file_new_for_commandline_arg (test_path);

      test_name = g_file_get_parse_name (test_file);
      test = load_table (test_path, &error);
      if (test == NULL)
        return cli_fail (g_steal_pointer (&error));
    }

  if (!automatic)
    {
      g_autoptr(GFile) spec = g_file_new_for_commandline_arg (pipeline_text);

      pipeline = orchard_pipeline_new_from_file (spec, NULL, &error);
      if (pipeline == NULL)
        return cli_fail (g_steal_pointer (&error));
      pipeline_source = g_file_get_parse_name (spec);
    }

  trainer = orchard_trainer_new (data, target, model);
  orchard_trainer_set_seed (trainer, seed);
  if (test != NULL)
    orchard_trainer_set_test_data (trainer, test);
  if (pipeline != NULL)
    orchard_trainer_set_pipeline (trainer, pipeline, pipeline_source);
  /* Without --split, the trainer picks stratified or random by the target. */
  if (split != NULL)
    orchard_trainer_set_split (trainer, split);
  orchard_trainer_set_fractions (trainer, fractions[0], fractions[1], fractions[2], NULL);
  if (automatic && explicit_family)
    orchard_trainer_set_automatic_pipeline (trainer, family);

  if (project_path != NULL &&
      (run_id = cli_project_begin_training (project_path, data, test, target, model, seed,
                                            &project, &error)) == 0)
    return cli_fail (g_steal_pointer (&error));

  {
    g_autofree char *label = g_strdup_printf ("Training %s", model_name);
    g_autoptr(CliProgress) bar = cli_progress_new (label);

    artifact = orchard_trainer_train (trainer, cli_progress_update, bar, NULL, &error);
  }
  if (project != NULL)
    {
      g_autoptr(GError) record_error = NULL;

      if (!cli_project_end_training (project, run_id, trainer, artifact, error, &record_error))
        {
          if (artifact != NULL)
            return cli_fail (g_steal_pointer (&record_error));
          g_printerr ("orchard-cli: warning: %s\n", record_error->message);
        }
    }
  if (artifact == NULL)
    return cli_fail (g_steal_pointer (&error));

  output_file = g_file_new_for_commandline_arg (output);
  if (!orchard_artifact_save (artifact, output_file, NULL, &error))
    return cli_fail (g_steal_pointer (&error));

  if (json)
    print_json (trainer, artifact, output);
  else
    {
      g_autoptr(GBytes) bytes = orchard_artifact_to_bytes (artifact);

      print_report (trainer, artifact, data, display_name, test_name, output,
                    g_bytes_get_size (bytes));
    }

  return CLI_EXIT_OK;
}
