/* cli-importance.c: orchard-cli importance MODEL DATA [--repeats N] [--json]
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "orchard.h"

#include "cli-commands.h"
#include "cli-eval-common.h"

int
cli_importance_run (int    argc,
                    char **argv)
{
  g_autofree char *repeats_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *metric = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "repeats", 'r', 0, G_OPTION_ARG_STRING, &repeats_text,
      "How often each column is shuffled, default 5", "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      "Seed of the shuffles, default 0", "N" },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &metric,
      "The metric whose drop is measured; default roc_auc, f1_macro or r2", "KEY" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print the result as JSON on standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) model_file = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardImportance) importance = NULL;
  g_autofree char *model_name = NULL;
  g_autofree char *data_name = NULL;
  OrchardImportanceOptions options;
  guint64 repeats = 5, seed = 0;
  int status;

  g_set_prgname ("orchard-cli importance");
  context = g_option_context_new ("MODEL DATA");
  g_option_context_set_summary (context,
                                "Permutation importance of every input column of the model\n"
                                "bundle MODEL on labelled DATA (rows it did not learn from):\n"
                                "how much the metric drops when the column's values are\n"
                                "shuffled, as the mean and standard deviation over the repeats.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 the model or the data could not "
                                    "be used, 2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;

  if (argc != 3)
    return cli_usage_error (context, "importance takes a MODEL and a DATA file");
  if (repeats_text != NULL &&
      !cli_parse_unsigned (repeats_text, "--repeats", 1, 10000, &repeats, &error))
    return cli_usage_error (context, "%s", error->message);
  if (seed_text != NULL &&
      !cli_parse_unsigned (seed_text, "--seed", 0, G_MAXUINT64, &seed, &error))
    return cli_usage_error (context, "%s", error->message);

  model_file = g_file_new_for_commandline_arg (argv[1]);
  model_name = g_file_get_parse_name (model_file);
  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[2]);
    data_name = g_file_get_parse_name (file);
  }
  artifact = orchard_artifact_load (model_file, NULL, &error);
  if (artifact == NULL)
    return cli_fail (g_steal_pointer (&error));
  if (metric != NULL &&
      !orchard_metric_is_known ((OrchardMetricsTask) orchard_artifact_get_task (artifact), metric))
    return cli_usage_error (NULL, "--metric: “%s” is not a metric of a %s model", metric,
                            orchard_task_to_string (orchard_artifact_get_task (artifact)));
  table = cli_load_table (argv[2], &error);
  if (table == NULL)
    return cli_fail (g_steal_pointer (&error));

  orchard_importance_options_init (&options);
  options.n_repeats = (guint) repeats;
  options.seed = seed;
  options.metric = metric;
  {
    g_autoptr(CliProgress) bar = cli_progress_new ("Shuffling columns");

    importance = orchard_importance_compute (artifact, table, &options, cli_progress_update, bar,
                                             NULL, &error);
  }
  if (importance == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (json)
    {
      g_autoptr(JsonNode) root = orchard_importance_to_json (importance);
      g_autofree char *text = orchard_json_to_string (root, TRUE);

      g_print ("%s\n", text);
    }
  else
    {
      g_autofree guint *rank = orchard_importance_rank (importance);
      g_autofree char *baseline = cli_format_number (orchard_importance_get_baseline (importance));
      int width = 6;

      for (guint j = 0; j < orchard_importance_get_n_columns (importance); j++)
        width = MAX (width, (int) g_utf8_strlen (orchard_importance_get_column (importance, j), -1));

      g_print ("Permutation importance of %s on %s: %" G_GSIZE_FORMAT " rows, %s %s, %u repeats, "
               "seed %" G_GUINT64_FORMAT "\n\n", model_name, data_name,
               orchard_importance_get_n_rows (importance), orchard_importance_get_metric (importance),
               baseline, orchard_importance_get_n_repeats (importance), seed);
      g_print ("  %-*s %10s %10s\n", width, "column", "mean drop", "std");
      for (guint i = 0; i < orchard_importance_get_n_columns (importance); i++)
        {
          char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
          guint j = rank[i];

          g_print ("  %-*s %10s %10s\n", width, orchard_importance_get_column (importance, j),
                   g_ascii_formatd (a, sizeof a, "%.4f", orchard_importance_get_mean (importance, j)),
                   g_ascii_formatd (b, sizeof b, "%.4f", orchard_importance_get_std (importance, j)));
        }
    }

  return CLI_EXIT_OK;
}
