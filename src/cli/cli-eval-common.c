/* cli-eval-common.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cli-eval-common.h"

/* Reads a data file with a progress bar on a terminal. */
OrchardTable *
cli_load_table (const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *label = g_strdup_printf ("Reading %s", basename);
  g_autoptr(CliProgress) bar = cli_progress_new (label);

  return orchard_table_load (file, NULL, cli_progress_update, bar, NULL, error);
}

/* Loads the bundle and the data and predicts the data's labelled rows. */
OrchardEvaluation *
cli_load_evaluation (const char  *model_path,
                     const char  *data_path,
                     GError     **error)
{
  g_autoptr(GFile) model_file = g_file_new_for_commandline_arg (model_path);
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(OrchardTable) table = NULL;

  artifact = orchard_artifact_load (model_file, NULL, error);
  if (artifact == NULL)
    return NULL;
  table = cli_load_table (data_path, error);
  if (table == NULL)
    return NULL;

  return orchard_evaluation_new (artifact, table, NULL, error);
}

/* A whole number from @min to @max, the value of @option. */
gboolean
cli_parse_unsigned (const char  *text,
                    const char  *option,
                    guint64      min,
                    guint64      max,
                    guint64     *value,
                    GError     **error)
{
  if (!g_ascii_string_to_unsigned (text, 10, min, max, value, NULL))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "%s takes a whole number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT
                   ", not “%s”", option, min, max, text);
      return FALSE;
    }
  return TRUE;
}

/* What was converted to make the data fit, and what was left out, on stderr. */
void
cli_print_warnings (OrchardEvaluation *evaluation,
                    const char        *data_path)
{
  const char * const *warnings = orchard_evaluation_get_warnings (evaluation);
  gsize n_unlabelled = orchard_evaluation_get_n_unlabelled (evaluation);

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_printerr ("orchard-cli: warning: %s: %s\n", data_path, warnings[i]);
  if (n_unlabelled > 0)
    g_printerr ("orchard-cli: note: %s: %" G_GSIZE_FORMAT " rows without a value of “%s” were "
                "left out\n", data_path, n_unlabelled,
                orchard_artifact_get_target (orchard_evaluation_get_artifact (evaluation)));
}
