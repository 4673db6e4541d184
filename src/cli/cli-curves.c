/* cli-curves.c: orchard-cli curves MODEL DATA --kind roc|pr|calibration|gains|threshold [--csv|--json]
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include "orchard.h"

#include "cli-commands.h"
#include "cli-eval-common.h"

int
cli_curves_run (int    argc,
                char **argv)
{
  g_autofree char *kind_text = NULL;
  g_autofree char *output = NULL;
  gboolean csv = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_text,
      "The curve (required): roc, pr, calibration, gains or threshold for a binary "
      "classifier, residuals for a regressor", "KIND" },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv,
      "Print the points as CSV, one line each (the default)", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print the curve as JSON: its columns and summaries", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to this file rather than to standard output", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardEvaluation) evaluation = NULL;
  g_autoptr(OrchardCurve) curve = NULL;
  g_autofree char *text = NULL;
  g_autofree char *data_name = NULL;
  OrchardCurveKind kind;
  gsize length;
  int status;

  g_set_prgname ("orchard-cli curves");
  context = g_option_context_new ("MODEL DATA");
  g_option_context_set_summary (context,
                                "Compute a curve of the model bundle MODEL on labelled DATA:\n"
                                "ROC, precision-recall, calibration (10 bins), cumulative gains\n"
                                "and lift, the threshold sweep, or a regressor's residuals.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 the model or the data could not "
                                    "be used, or the curve does not fit the model, 2 wrong "
                                    "usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;

  if (argc != 3)
    return cli_usage_error (context, "curves takes a MODEL and a DATA file");
  if (kind_text == NULL)
    return cli_usage_error (context, "curves needs --kind roc, pr, calibration, gains, "
                            "threshold or residuals");
  if (!orchard_curve_kind_from_string (kind_text, &kind))
    return cli_usage_error (context, "--kind takes roc, pr, calibration, gains, threshold or "
                            "residuals, not “%s”", kind_text);
  if (csv && json)
    return cli_usage_error (context, "--csv and --json exclude each other");

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[2]);
    data_name = g_file_get_parse_name (file);
  }
  evaluation = cli_load_evaluation (argv[1], argv[2], &error);
  if (evaluation == NULL)
    return cli_fail (g_steal_pointer (&error));
  curve = orchard_evaluation_compute_curve (evaluation, kind, &error);
  if (curve == NULL)
    return cli_fail (g_steal_pointer (&error));
  cli_print_warnings (evaluation, data_name);

  if (json)
    {
      g_autoptr(JsonNode) root = orchard_curve_to_json (curve);
      g_autofree char *body = orchard_json_to_string (root, TRUE);

      text = g_strconcat (body, "\n", NULL);
    }
  else
    text = orchard_curve_to_csv (curve);
  length = strlen (text);

  if (output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      if (!orchard_file_write_atomic (file, text, length, NULL, &error))
        return cli_fail (g_steal_pointer (&error));
      return CLI_EXIT_OK;
    }

  if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      g_printerr ("orchard-cli: could not write the curve: %s\n", g_strerror (errno));
      return CLI_EXIT_ERROR;
    }
  return CLI_EXIT_OK;
}
