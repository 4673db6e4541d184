/* cli-inspect.c: orchard-cli inspect MODEL [--json]
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard.h"

#include "cli-commands.h"

static const char *
lookup_string (GVariant   *lineage,
               const char *key)
{
  const char *value = NULL;

  g_variant_lookup (lineage, key, "&s", &value);
  return value;
}

static char *
created_text (OrchardArtifact *artifact)
{
  g_autoptr(GDateTime) created = orchard_artifact_get_created (artifact);

  return created != NULL ? g_date_time_format_iso8601 (created) : g_strdup ("unknown");
}

static char *
join_params (GVariant *params)
{
  g_autoptr(GString) line = g_string_new (NULL);
  GVariantIter iter;
  const char *name;
  GVariant *value;

  if (params == NULL)
    return g_strdup ("(none)");

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

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
print_report (OrchardArtifact *artifact,
              const char      *name,
              gsize            size)
{
  OrchardModel *model = orchard_artifact_get_model (artifact);
  OrchardPipeline *pipeline = orchard_artifact_get_pipeline (artifact);
  GVariant *lineage = orchard_artifact_get_lineage (artifact);
  g_autoptr(GVariant) params = g_variant_lookup_value (lineage, "params", G_VARIANT_TYPE_VARDICT);
  const char * const *labels = orchard_artifact_get_class_labels (artifact);
  const char * const *notes = orchard_pipeline_get_notes (pipeline);
  g_autofree char *created = created_text (artifact);
  g_autofree char *param_text = join_params (params);
  const char *source = lookup_string (lineage, "data-source");
  const char *test_source = lookup_string (lineage, "test-data-source");
  const char *split = lookup_string (lineage, "split");
  const char *pipeline_source = lookup_string (lineage, "pipeline");
  guint64 rows = 0, seed = orchard_artifact_get_seed (artifact);
  double seconds = NAN, fractions[3] = { NAN, NAN, NAN };
  guint n_history, n_required = 0;
  g_autoptr(GString) classes = g_string_new (NULL);

  g_variant_lookup (lineage, "data-rows", "t", &rows);
  g_variant_lookup (lineage, "seconds", "d", &seconds);
  g_variant_lookup (lineage, "fractions", "(ddd)", &fractions[0], &fractions[1], &fractions[2]);
  for (guint k = 0; labels != NULL && labels[k] != NULL; k++)
    g_string_append_printf (classes, "%s%s", k > 0 ? ", " : ": ", labels[k]);

  g_print ("%s: Orchard model bundle, format %d, %" G_GSIZE_FORMAT " bytes\n", name,
           ORCHARD_ARTIFACT_FORMAT_VERSION, size);
  g_print ("  SHA-256     %s\n", orchard_artifact_get_checksum (artifact));
  g_print ("  model       %s: %s\n", orchard_model_get_name (model),
           orchard_model_get_description (model));
  g_print ("  target      %s, %s%s\n", orchard_artifact_get_target (artifact),
           orchard_task_to_string (orchard_artifact_get_task (artifact)), classes->str);
  if (orchard_artifact_get_task (artifact) == ORCHARD_TASK_BINARY)
    {
      double value = orchard_artifact_get_threshold (artifact);
      g_autofree char *threshold = orchard_format_double (value);

      g_print ("  threshold   %s (probability of “%s”)\n", threshold, labels[1]);
    }
  {
    g_autofree char *took = cli_format_number (seconds);

    g_print ("  trained     %s by Orchard %s in %s s\n", created,
             orchard_artifact_get_app_version (artifact), took);
  }
  g_print ("  data        %s, %" G_GUINT64_FORMAT " rows, version %s\n",
           source != NULL ? source : "(unknown)", rows, orchard_artifact_get_data_hash (artifact));
  if (test_source != NULL)
    g_print ("  test data   %s, version %s\n", test_source,
             lookup_string (lineage, "test-data-hash"));
  if (split != NULL)
    {
      g_autofree char *a = cli_format_number (fractions[0]);
      g_autofree char *b = cli_format_number (fractions[1]);
      g_autofree char *c = cli_format_number (fractions[2]);

      g_print ("  split       %s, seed %" G_GUINT64_FORMAT ", fractions %s / %s / %s\n", split,
               seed, a, b, c);
    }
  g_print ("  params      %s\n", param_text);
  orchard_model_get_history (model, &n_history);
  if (n_history > 0)
    g_print ("  iterations  %u, kept %d\n", n_history, orchard_model_get_best_iteration (model));

  g_print ("\nPipeline%s%s\n", pipeline_source != NULL ? ": " : "",
           pipeline_source != NULL ? pipeline_source : "");
  for (guint s = 0; s < orchard_pipeline_get_n_steps (pipeline); s++)
    {
      OrchardStep *step = orchard_pipeline_get_step (pipeline, s);
      g_autofree char *description = orchard_step_describe (step);

      g_print ("  %u. %s\n", s + 1, description);
    }
  for (guint i = 0; notes[i] != NULL; i++)
    g_print ("     %s\n", notes[i]);
  g_print ("  Features (%u):", orchard_pipeline_get_n_features (pipeline));
  for (guint f = 0; f < orchard_pipeline_get_n_features (pipeline); f++)
    g_print ("%s %s", f > 0 ? "," : "", orchard_pipeline_get_feature_name (pipeline, f));
  g_print ("\n");

  for (guint i = 0; i < orchard_artifact_get_n_columns (artifact); i++)
    n_required += orchard_artifact_get_column (artifact, i)->required;
  g_print ("\nInput columns (%u required)\n", n_required);
  g_print ("  %-24s %-12s %-8s %-9s %s\n", "column", "kind", "role", "required", "levels");
  for (guint i = 0; i < orchard_artifact_get_n_columns (artifact); i++)
    {
      const OrchardArtifactColumn *column = orchard_artifact_get_column (artifact, i);
      g_autoptr(GString) levels = g_string_new (NULL);

      for (guint l = 0; l < column->n_levels && l < 8; l++)
        g_string_append_printf (levels, "%s%s", l > 0 ? ", " : "", column->levels[l]);
      if (column->n_levels > 8)
        g_string_append_printf (levels, ", … (%u in all)", column->n_levels);

      g_print ("  %-24s %-12s %-8s %-9s %s\n", column->name,
               orchard_column_kind_to_string (column->kind),
               orchard_column_role_to_string (column->role), column->required ? "yes" : "no",
               levels->str);
    }

  g_print ("\nMetrics\n");
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      gsize n_rows;
      GVariant *values = orchard_artifact_get_metrics (artifact, part, &n_rows);
      g_autoptr(GString) line = g_string_new (NULL);
      GVariantIter iter;
      const char *key;
      double value;

      if (values == NULL)
        {
          g_print ("  %-5s (no rows)\n", orchard_part_to_string (part));
          continue;
        }

      g_variant_iter_init (&iter, values);
      while (g_variant_iter_next (&iter, "{&sd}", &key, &value))
        {
          g_autofree char *text = cli_format_number (value);
          g_string_append_printf (line, "%s%s %s", line->len > 0 ? ", " : "", key, text);
        }
      g_print ("  %-5s %" G_GSIZE_FORMAT " rows: %s\n", orchard_part_to_string (part), n_rows,
               line->str);
    }

  {
    OrchardReferenceProfile *profile = orchard_artifact_get_reference_profile (artifact);

    if (profile != NULL)
      g_print ("\nDrift reference profile: %" G_GSIZE_FORMAT " training rows, %u columns, %u "
               "prediction columns\n", orchard_reference_profile_get_n_rows (profile),
               orchard_reference_profile_get_n_columns (profile),
               orchard_reference_profile_get_n_predictions (profile));
    else
      g_print ("\nDrift reference profile: none\n");
  }
}

static void
add_number (JsonBuilder *b,
            double       value)
{
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static JsonNode *
to_json (OrchardArtifact *artifact,
         const char      *name,
         gsize            size)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  OrchardModel *model = orchard_artifact_get_model (artifact);
  OrchardPipeline *pipeline = orchard_artifact_get_pipeline (artifact);
  const char * const *labels = orchard_artifact_get_class_labels (artifact);
  const char * const *notes = orchard_pipeline_get_notes (pipeline);
  g_autofree char *created = created_text (artifact);
  const OrchardHistoryEntry *history;
  guint n_history;
  int best = orchard_model_get_best_iteration (model);

  history = orchard_model_get_history (model, &n_history);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, ORCHARD_ARTIFACT_MAGIC);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, ORCHARD_ARTIFACT_FORMAT_VERSION);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, size);
  json_builder_set_member_name (b, "checksum");
  json_builder_add_string_value (b, orchard_artifact_get_checksum (artifact));
  json_builder_set_member_name (b, "created");
  json_builder_add_string_value (b, created);
  json_builder_set_member_name (b, "app_version");
  json_builder_add_string_value (b, orchard_artifact_get_app_version (artifact));

  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, orchard_artifact_get_target (artifact));
  json_builder_set_member_name (b, "task");
  json_builder_add_string_value (b, orchard_task_to_string (orchard_artifact_get_task (artifact)));
  json_builder_set_member_name (b, "classes");
  if (labels != NULL)
    {
      json_builder_begin_array (b);
      for (guint k = 0; labels[k] != NULL; k++)
        json_builder_add_string_value (b, labels[k]);
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "threshold");
  if (isnan (orchard_artifact_get_threshold (artifact)))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, orchard_artifact_get_threshold (artifact));

  json_builder_set_member_name (b, "model");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, orchard_model_get_name (model));
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, orchard_model_get_description (model));
  json_builder_set_member_name (b, "params");
  {
    g_autoptr(GVariant) params = orchard_model_get_params (model);
    json_builder_add_value (b, cli_variant_to_json (g_variant_ref_sink (params)));
  }
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint f = 0; f < orchard_model_get_n_features (model); f++)
    json_builder_add_string_value (b, orchard_model_get_feature_names (model)[f]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "best_iteration");
  if (best > 0)
    json_builder_add_int_value (b, best);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_history; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "iteration");
      json_builder_add_int_value (b, history[i].iteration);
      json_builder_set_member_name (b, "train_loss");
      add_number (b, history[i].train_loss);
      json_builder_set_member_name (b, "valid_loss");
      add_number (b, history[i].valid_loss);
      json_builder_set_member_name (b, "valid_metric");
      add_number (b, history[i].valid_metric);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (guint i = 0; i < orchard_artifact_get_n_columns (artifact); i++)
    {
      const OrchardArtifactColumn *column = orchard_artifact_get_column (artifact, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, column->name);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, orchard_column_kind_to_string (column->kind));
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, orchard_column_role_to_string (column->role));
      json_builder_set_member_name (b, "required");
      json_builder_add_boolean_value (b, column->required);
      json_builder_set_member_name (b, "levels");
      json_builder_begin_array (b);
      for (guint l = 0; l < column->n_levels; l++)
        json_builder_add_string_value (b, column->levels[l]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "pipeline");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "spec");
  json_builder_add_value (b, orchard_pipeline_to_json (pipeline));
  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint s = 0; s < orchard_pipeline_get_n_steps (pipeline); s++)
    {
      OrchardStep *step = orchard_pipeline_get_step (pipeline, s);
      g_autofree char *description = orchard_step_describe (step);

      json_builder_add_string_value (b, description);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; notes[i] != NULL; i++)
    json_builder_add_string_value (b, notes[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint f = 0; f < orchard_pipeline_get_n_features (pipeline); f++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, orchard_pipeline_get_feature_name (pipeline, f));
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, orchard_pipeline_get_feature_source (pipeline, f));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "metrics");
  json_builder_begin_object (b);
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      JsonNode *metrics = orchard_artifact_metrics_to_json (artifact, part);
      gsize n_rows;

      orchard_artifact_get_metrics (artifact, part, &n_rows);
      json_builder_set_member_name (b, orchard_part_to_string (part));
      if (metrics == NULL)
        json_builder_add_null_value (b);
      else
        {
          json_object_set_int_member (json_node_get_object (metrics), "rows", n_rows);
          json_builder_add_value (b, metrics);
        }
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "lineage");
  json_builder_add_value (b, cli_variant_to_json (orchard_artifact_get_lineage (artifact)));
  json_builder_set_member_name (b, "reference_profile");
  json_builder_add_boolean_value (b, orchard_artifact_get_reference_profile (artifact) != NULL);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

int
cli_inspect_run (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print what the bundle holds as JSON on standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autofree char *name = NULL;
  int status;

  g_set_prgname ("orchard-cli inspect");
  context = g_option_context_new ("MODEL");
  g_option_context_set_summary (context,
                                "Check the model bundle MODEL (*.orchard-model) and show what\n"
                                "it holds: the learner and its parameters, the input columns,\n"
                                "the pipeline, the metrics and where it came from.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 the file is not a valid bundle, "
                                    "2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (context, "inspect takes one MODEL file");

  file = g_file_new_for_commandline_arg (argv[1]);
  name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    return cli_fail (g_steal_pointer (&error));
  artifact = orchard_artifact_new_from_bytes (bytes, name, &error);
  if (artifact == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (json)
    {
      g_autoptr(JsonNode) root = to_json (artifact, name, g_bytes_get_size (bytes));
      g_autofree char *text = orchard_json_to_string (root, TRUE);

      g_print ("%s\n", text);
    }
  else
    print_report (artifact, name, g_bytes_get_size (bytes));

  return CLI_EXIT_OK;
}
