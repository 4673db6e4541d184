/* cli-predict.c: orchard-cli predict MODEL DATA [-o OUT.csv] [--threshold T]
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "orchard.h"

#include "cli-commands.h"

/* The predictions as CSV: input row order, "prediction", then for
 * classifiers "proba_<label>" per class; every number as the shortest text
 * that reads back as the same double. */
static GString *
format_csv (OrchardArtifact *artifact,
            OrchardMatrix   *out,
            double           threshold)
{
  const char * const *labels = orchard_artifact_get_class_labels (artifact);
  gsize n_rows = orchard_matrix_get_n_rows (out);
  guint n_cols = orchard_matrix_get_n_cols (out);
  GString *csv = g_string_sized_new (64 + n_rows * (n_cols + 1) * 20);

  g_string_append (csv, "prediction");
  if (labels != NULL)
    for (guint k = 0; k < n_cols; k++)
      {
        g_autofree char *name = g_strconcat ("proba_", labels[k], NULL);

        g_string_append_c (csv, ',');
        cli_append_csv_field (csv, name);
      }
  g_string_append_c (csv, '\n');

  for (gsize r = 0; r < n_rows; r++)
    {
      const double *row = orchard_matrix_get_row (out, r);

      if (labels == NULL)
        {
          g_autofree char *value = orchard_format_double (row[0]);
          g_string_append (csv, value);
        }
      else
        {
          cli_append_csv_field (csv, labels[orchard_artifact_classify (artifact, row, threshold)]);
          for (guint k = 0; k < n_cols; k++)
            {
              g_autofree char *value = orchard_format_double (row[k]);

              g_string_append_c (csv, ',');
              g_string_append (csv, value);
            }
        }
      g_string_append_c (csv, '\n');
    }

  return csv;
}

int
cli_predict_run (int    argc,
                 char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *threshold_text = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write the predictions to this CSV file rather than to standard output", "OUT.csv" },
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &threshold_text,
      "Binary classifiers: predict the second class from this probability on (0 … 1); "
      "default the bundle's, 0.5 unless changed", "T" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) model_file = NULL;
  g_autoptr(GFile) data_file = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardMatrix) out = NULL;
  g_autoptr(GString) csv = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autofree char *data_name = NULL;
  double threshold = NAN;
  int status;

  g_set_prgname ("orchard-cli predict");
  context = g_option_context_new ("MODEL DATA");
  g_option_context_set_summary (context,
                                "Predict every row of DATA (CSV, TSV or ARFF) with the model\n"
                                "bundle MODEL: a CSV in the rows' order with a “prediction”\n"
                                "column and, for classifiers, one “proba_<class>” column per\n"
                                "class. DATA needs the columns the model was trained with;\n"
                                "others, the target among them, are ignored.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 the model or the data could not "
                                    "be used, 2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;

  if (argc != 3)
    return cli_usage_error (context, "predict takes a MODEL and a DATA file");
  if (threshold_text != NULL)
    {
      char *end = NULL;

      threshold = g_ascii_strtod (threshold_text, &end);
      if (end == threshold_text || *end != '\0' || !(threshold >= 0.0 && threshold <= 1.0))
        return cli_usage_error (context, "--threshold takes a number from 0 to 1, not “%s”",
                                threshold_text);
    }

  model_file = g_file_new_for_commandline_arg (argv[1]);
  artifact = orchard_artifact_load (model_file, NULL, &error);
  if (artifact == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (!isnan (threshold) && orchard_artifact_get_task (artifact) != ORCHARD_TASK_BINARY)
    return cli_usage_error (NULL, "--threshold applies to binary classifiers; this model does %s",
                            orchard_task_to_string (orchard_artifact_get_task (artifact)));

  data_file = g_file_new_for_commandline_arg (argv[2]);
  data_name = g_file_get_parse_name (data_file);
  {
    g_autofree char *basename = g_file_get_basename (data_file);
    g_autofree char *label = g_strdup_printf ("Reading %s", basename);
    g_autoptr(CliProgress) bar = cli_progress_new (label);

    table = orchard_table_load (data_file, NULL, cli_progress_update, bar, NULL, &error);
  }
  if (table == NULL)
    return cli_fail (g_steal_pointer (&error));

  out = orchard_artifact_predict (artifact, table, &warnings, NULL, &error);
  if (out == NULL)
    {
      g_prefix_error (&error, "%s: ", data_name);
      return cli_fail (g_steal_pointer (&error));
    }
  for (guint i = 0; warnings[i] != NULL; i++)
    g_printerr ("orchard-cli: warning: %s: %s\n", data_name, warnings[i]);

  csv = format_csv (artifact, out, threshold);

  if (output == NULL)
    {
      if (fwrite (csv->str, 1, csv->len, stdout) != csv->len || fflush (stdout) != 0)
        {
          g_printerr ("orchard-cli: could not write the predictions: %s\n", g_strerror (errno));
          return CLI_EXIT_ERROR;
        }
      return CLI_EXIT_OK;
    }

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

    /* Atomic: a reader never sees half a file. */
    if (!orchard_file_write_atomic (file, csv->str, csv->len, NULL, &error))
      return cli_fail (g_steal_pointer (&error));
  }

  return CLI_EXIT_OK;
}
