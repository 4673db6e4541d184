/* cli-drift.c: orchard-cli drift REFERENCE CURRENT [--project P] [--model MODEL] [--target COL] [--columns A,B] [--chunk-size N | --chunk-period P --time-column C] …
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "orchard.h"

#include "cli-commands.h"

/* Exit status of --fail-on-drift when the data set drifted. */
#define CLI_EXIT_DRIFT 3
#define NAME_WIDTH_MAX 28

/* Numbers read the same in every locale, like the JSON. */
static char *
format_number (double value,
               const char *format)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("–");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");

  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

static gboolean
parse_double (const char *text,
              double     *value)
{
  char *end = NULL;

  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value);
}

/* "COLUMN=VALUE" (split at the last '=') or a bare "VALUE" for every column. */
static void
split_assignment (const char  *text,
                  char       **column,
                  char       **value)
{
  const char *eq = strrchr (text, '=');

  if (eq == NULL)
    {
      *column = NULL;
      *value = g_strdup (text);
    }
  else
    {
      *column = g_strndup (text, eq - text);
      *value = g_strdup (eq + 1);
    }
}

static OrchardTable *
load (GFile               *file,
      OrchardReadOptions  *options,
      GError             **error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *label = g_strdup_printf ("Reading %s", basename);
  g_autoptr(CliProgress) bar = cli_progress_new (label);

  return orchard_table_load (file, options, cli_progress_update, bar, NULL, error);
}

/* A model bundle starts with its magic string and its NUL. */
static gboolean
is_bundle (GFile *file)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char head[sizeof ORCHARD_ARTIFACT_MAGIC];
  gsize n = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, NULL, NULL))
    return FALSE;
  return n == sizeof head && memcmp (head, ORCHARD_ARTIFACT_MAGIC, sizeof head) == 0;
}

/* The model's outputs on @table as a table ("prediction", "proba_<class>"),
 * what the bundle's reference profile holds for the training rows. */
static OrchardTable *
predict (OrchardArtifact  *artifact,
         OrchardTable     *table,
         const char       *what,
         GError          **error)
{
  g_autoptr(OrchardMatrix) outputs = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autofree char *label = g_strdup_printf ("Predicting %s", what);
  g_autoptr(CliProgress) bar = cli_progress_new (label);

  outputs = orchard_artifact_predict (artifact, table, &warnings, NULL, error);
  if (outputs == NULL)
    return NULL;
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_printerr ("orchard-cli: %s: %s\n", what, warnings[i]);

  return orchard_artifact_outputs_to_table (artifact, outputs, NAN);
}

/* Reads CURRENT again when the reader guessed another kind for a column
 * than it did for the reference (a numeric column with a stray word, say):
 * the reference decides, and the stray values become missing. */
static OrchardTable *
align_kinds (OrchardTable            *current,
             GFile                   *file,
             OrchardReferenceProfile *profile,
             GError                 **error)
{
  g_autoptr(OrchardReadOptions) options = orchard_read_options_new ();
  gboolean again = FALSE;

  for (guint i = 0; i < orchard_reference_profile_get_n_columns (profile); i++)
    {
      const OrchardReferenceColumn *ref = orchard_reference_profile_get_column (profile, i);
      int c = orchard_table_find_column (current, ref->name);
      OrchardColumnKind kind;

      if (c < 0)
        continue;
      kind = orchard_column_get_kind (orchard_table_get_column (current, c));
      if ((ref->kind == ORCHARD_COLUMN_KIND_NUMERIC) != (kind == ORCHARD_COLUMN_KIND_NUMERIC) &&
          kind != ORCHARD_COLUMN_KIND_DATETIME)
        {
          orchard_read_options_set_kind (options, ref->name, ref->kind);
          again = TRUE;
        }
    }

  if (!again)
    return g_object_ref (current);

  return load (file, options, error);
}

/* The report ----------------------------------------------------------------- */

static void
print_cell (GString    *line,
            const char *text,
            guint       width,
            gboolean    right)
{
  glong len = g_utf8_strlen (text, -1);

  if (len > (glong) width)
    {
      const char *end = g_utf8_offset_to_pointer (text, width - 1);

      g_string_append_len (line, text, end - text);
      g_string_append (line, "…");
      return;
    }
  if (right)
    for (glong i = len; i < (glong) width; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, text);
  if (!right)
    for (glong i = len; i < (glong) width; i++)
      g_string_append_c (line, ' ');
}

static void
print_row (const char * const *cells,
           const guint        *widths,
           const gboolean     *right,
           guint               n)
{
  g_autoptr(GString) line = g_string_new ("  ");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (line, "  ");
      print_cell (line, cells[i], widths[i], right[i]);
    }
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  g_print ("%s\n", line->str);
}

static char *
effect_text (const OrchardColumnDrift *c)
{
  g_autofree char *value = format_number (c->effect_size, "%.3f");

  if (isnan (c->effect_size))
    return g_strdup ("–");
  return g_strdup_printf ("%s = %s", c->effect_size_kind == ORCHARD_EFFECT_SIZE_COHENS_D ? "d" : "V",
                          value);
}

static void
print_columns (const char               *title,
               const OrchardColumnDrift **columns,
               guint                      n)
{
  enum { N_CELLS = 9 };
  static const char * const header[N_CELLS] = {
    "column", "kind", "test", "statistic", "p-value", "threshold", "PSI", "effect", "drift"
  };
  guint widths[N_CELLS] = { 6, 11, 13, 9, 9, 9, 7, 12, 5 };
  const gboolean right[N_CELLS] = { FALSE, FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE };
  gboolean any_note = FALSE;

  for (guint i = 0; i < n; i++)
    {
      guint len = g_utf8_strlen (columns[i]->name, -1) +
                  (columns[i]->role == ORCHARD_COLUMN_ROLE_TARGET ? 9 : 0);

      widths[0] = MIN (MAX (widths[0], len), NAME_WIDTH_MAX);
    }

  g_print ("\n%s\n", title);
  print_row (header, widths, (const gboolean[N_CELLS]) { FALSE }, N_CELLS);

  for (guint i = 0; i < n; i++)
    {
      const OrchardColumnDrift *c = columns[i];
      g_autofree char *name = c->role == ORCHARD_COLUMN_ROLE_TARGET
                              ? g_strdup_printf ("%s (target)", c->name) : g_strdup (c->name);
      g_autofree char *statistic = format_number (c->statistic, "%.4g");
      g_autofree char *p_value = format_number (!isnan (c->p_value_adjusted) ? c->p_value_adjusted
                                                                             : c->p_value, "%.3g");
      g_autofree char *threshold = format_number (c->threshold, "%g");
      g_autofree char *psi = format_number (c->psi, "%.3f");
      g_autofree char *effect = effect_text (c);
      const char *cells[N_CELLS] = {
        name, orchard_column_kind_to_string (c->kind), orchard_stat_test_to_string (c->test),
        statistic, p_value, threshold, psi, effect,
        !c->tested ? "–" : c->drifted ? "DRIFT" : "no",
      };

      print_row (cells, widths, right, N_CELLS);
      any_note = any_note || c->note != NULL;
    }

  if (any_note)
    for (guint i = 0; i < n; i++)
      if (columns[i]->note != NULL)
        g_print ("  %s: %s\n", columns[i]->name, columns[i]->note);
}

static void
print_report (OrchardDriftReport *report,
              const char         *reference_name,
              const char         *current_name)
{
  guint n_columns = orchard_drift_report_get_n_columns (report);
  g_autofree const OrchardColumnDrift **columns = g_new (const OrchardColumnDrift *, MAX (n_columns, 1));
  const OrchardMultivariateDrift *m = orchard_drift_report_get_multivariate (report);
  OrchardCorrection correction = orchard_drift_report_get_correction (report);
  g_autofree char *share = format_number (orchard_drift_report_get_drift_share (report), "%.2f");
  g_autofree char *share_threshold = format_number (orchard_drift_report_get_drift_share_threshold (report), "%g");
  guint n_tested = orchard_drift_report_get_n_tested (report);

  g_print ("Reference  %s: %" G_GSIZE_FORMAT " rows\n", reference_name,
           orchard_drift_report_get_reference_rows (report));
  g_print ("Current    %s: %" G_GSIZE_FORMAT " rows\n", current_name,
           orchard_drift_report_get_current_rows (report));

  g_print ("\nDataset drift: %s, %u of %u feature column%s drifted (share %s, threshold %s)\n",
           orchard_drift_report_get_dataset_drift (report) ? "YES" : "no",
           orchard_drift_report_get_n_drifted (report), n_tested, n_tested == 1 ? "" : "s",
           share, share_threshold);
  if (correction != ORCHARD_CORRECTION_NONE)
    g_print ("p-values adjusted for %u tests (%s)\n", n_columns,
             correction == ORCHARD_CORRECTION_BONFERRONI ? "Bonferroni" : "Benjamini–Hochberg");

  for (guint i = 0; i < n_columns; i++)
    columns[i] = orchard_drift_report_get_column (report, i);
  print_columns ("Columns", columns, n_columns);

  if (orchard_drift_report_get_n_predictions (report) > 0)
    {
      guint n = orchard_drift_report_get_n_predictions (report);
      g_autofree const OrchardColumnDrift **predictions = g_new (const OrchardColumnDrift *, n);

      for (guint i = 0; i < n; i++)
        predictions[i] = orchard_drift_report_get_prediction (report, i);
      g_print ("\nPrediction drift: %s\n",
               orchard_drift_report_get_prediction_drift (report) ? "YES" : "no");
      print_columns ("Predictions", predictions, n);
    }

  if (m != NULL)
    {
      g_autofree char *explained = format_number (100 * m->explained_variance, "%.0f");

      g_print ("\nMultivariate drift (PCA reconstruction error, %u of %u axes, %s%% of the variance)\n",
               m->n_components, m->n_features, explained);
      if (isnan (m->error))
        g_print ("  not computed: %s\n", m->note);
      else
        {
          g_autofree char *error = format_number (m->error, "%.4g");
          g_autofree char *mean = format_number (m->reference_mean, "%.4g");
          g_autofree char *std = format_number (m->reference_std, "%.2g");
          g_autofree char *lower = format_number (m->lower, "%.4g");
          g_autofree char *upper = format_number (m->upper, "%.4g");

          g_print ("  error %s; reference %s ± %s over %u chunks, band %s–%s: %s\n",
                   error, mean, std, m->n_reference_chunks, lower, upper,
                   m->drifted ? "DRIFT" : "no drift");
        }
    }

  if (orchard_drift_report_get_n_chunks (report) > 0)
    {
      guint n_chunks = orchard_drift_report_get_n_chunks (report);
      guint label_width = 5;

      for (guint c = 0; c < n_chunks; c++)
        label_width = MAX (label_width, strlen (orchard_drift_report_get_chunk (report, c)->label));

      g_print ("\nChunks (%u)\n", n_chunks);
      g_print ("  %-*s  %8s  %7s  %5s  %-12s  %s\n", (int) label_width, "chunk", "rows", "drifted",
               "share", m != NULL ? "multivariate" : "", "drifted columns");
      for (guint c = 0; c < n_chunks; c++)
        {
          const OrchardDriftChunk *chunk = orchard_drift_report_get_chunk (report, c);
          g_autofree char *chunk_share = format_number (chunk->drift_share, "%.2f");
          g_autofree char *drifted = g_strdup_printf ("%u/%u", chunk->n_drifted, chunk->n_columns);
          g_autofree char *error = format_number (chunk->reconstruction_error, "%.4g");
          g_autofree char *mv = m != NULL ? g_strdup_printf ("%s%s", error,
                                                             chunk->multivariate_drift ? " DRIFT" : "")
                                          : g_strdup ("");
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint i = 0; i < n_columns; i++)
            if (chunk->columns[i].drifted)
              g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", columns[i]->name);

          g_print ("  %-*s  %8" G_GSIZE_FORMAT "  %7s  %5s  %-12s  %s\n", (int) label_width,
                   chunk->label, chunk->n_rows, drifted, chunk_share, mv,
                   names->len > 0 ? names->str : "–");
        }
    }

  if (orchard_drift_report_get_n_skipped (report) > 0)
    {
      g_print ("\nNot compared\n");
      for (guint i = 0; i < orchard_drift_report_get_n_skipped (report); i++)
        {
          const OrchardSkippedColumn *s = orchard_drift_report_get_skipped (report, i);

          g_print ("  %s: %s\n", s->name, s->reason);
        }
    }
}

/* The project ---------------------------------------------------------------- */

/* A data file as the reference: a data set of the project, profiled as
 * this comparison profiled it. */
static gint64
record_data_reference (OrchardProject           *project,
                       OrchardTable             *reference,
                       OrchardReferenceProfile  *profile,
                       GError                  **error)
{
  gint64 dataset_id = orchard_project_add_dataset (project, reference, NULL, NULL, error);
  g_autoptr(OrchardDatasetInfo) info = NULL;

  if (dataset_id == 0)
    return 0;
  info = orchard_project_get_dataset (project, dataset_id, error);
  if (info == NULL)
    return 0;
  return orchard_project_add_reference (project, ORCHARD_REFERENCE_SOURCE_DATASET, dataset_id, info->name,
                                        info->hash, profile, error);
}

/* A bundle as the reference: the run of the project it came from, if any,
 * else the bundle itself. */
static gint64
record_bundle_reference (OrchardProject   *project,
                         OrchardArtifact  *bundle,
                         GFile            *file,
                         GError          **error)
{
  gint64 run_id = orchard_project_find_bundle_run (project, orchard_artifact_get_checksum (bundle), error);
  g_autofree char *name = NULL;

  if (run_id < 0)
    return 0;
  if (run_id > 0)
    return orchard_project_add_run_reference (project, run_id, error);
  name = g_file_get_basename (file);
  return orchard_project_add_reference (project, ORCHARD_REFERENCE_SOURCE_BUNDLE, 0, name, NULL,
                                        orchard_artifact_get_reference_profile (bundle), error);
}

static void
print_json (OrchardDriftReport *report)
{
  g_autoptr(JsonNode) root = orchard_drift_report_to_json (report);
  g_autofree char *text = orchard_json_to_string (root, TRUE);

  g_print ("%s\n", text);
}

int
cli_drift_run (int    argc,
               char **argv)
{
  g_autofree char *target = NULL;
  g_autofree char *model_path = NULL;
  g_autofree char *columns_text = NULL;
  g_autofree char *chunk_size_text = NULL;
  g_autofree char *chunk_count_text = NULL;
  g_autofree char *chunk_period_text = NULL;
  g_autofree char *time_column = NULL;
  g_autofree char *correction_text = NULL;
  g_autofree char *drift_share_text = NULL;
  g_autofree char *sample_size_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *project_path = NULL;
  g_auto(GStrv) stattests = NULL;
  g_auto(GStrv) thresholds = NULL;
  gboolean json = FALSE;
  gboolean fail_on_drift = FALSE;
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model_path,
      "A model bundle whose predictions on both data sets are compared too (prediction drift); "
      "default the bundle REFERENCE, if it is one", "MODEL.orchard-model" },
    { "target", 't', 0, G_OPTION_ARG_STRING, &target,
      "The column the model predicts: reported, not counted in the drift share", "COLUMN" },
    { "columns", 'c', 0, G_OPTION_ARG_STRING, &columns_text,
      "Compare only these columns (comma-separated); default every column both files hold", "A,B" },
    { "chunk-size", 0, 0, G_OPTION_ARG_STRING, &chunk_size_text,
      "Also compare consecutive chunks of N current rows: a drift timeline", "N" },
    { "chunk-count", 0, 0, G_OPTION_ARG_STRING, &chunk_count_text,
      "Also compare N consecutive chunks of (nearly) equal size", "N" },
    { "chunk-period", 0, 0, G_OPTION_ARG_STRING, &chunk_period_text,
      "Also compare one chunk per day, week, month or quarter of --time-column", "PERIOD" },
    { "time-column", 0, 0, G_OPTION_ARG_STRING, &time_column,
      "The date column of the current data that --chunk-period reads", "COLUMN" },
    { "stattest", 's', 0, G_OPTION_ARG_STRING_ARRAY, &stattests,
      "Use TEST (ks, chisquare, z, wasserstein, jensenshannon, psi) for COLUMN, or for every "
      "column without COLUMN=; repeatable; default chosen per column as Evidently does",
      "[COLUMN=]TEST" },
    { "threshold", 0, 0, G_OPTION_ARG_STRING_ARRAY, &thresholds,
      "Drift threshold of COLUMN (a p-value for ks, chisquare and z, else a distance or "
      "index), or of every column without COLUMN=; repeatable", "[COLUMN=]X" },
    { "correction", 0, 0, G_OPTION_ARG_STRING, &correction_text,
      "Adjust p-values for testing many columns: none, bonferroni or bh (Benjamini–Hochberg); "
      "default none", "METHOD" },
    { "drift-share", 0, 0, G_OPTION_ARG_STRING, &drift_share_text,
      "The share of drifted feature columns from which the data set has drifted; default 0.5",
      "X" },
    { "sample-size", 0, 0, G_OPTION_ARG_STRING, &sample_size_text,
      "Keep a seeded sample of N reference values per column for the exact tests, as a model "
      "bundle's profile does; default 0, every value", "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      "Seed of the reference sample; default 0", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print the report as JSON on standard output", NULL },
    { "fail-on-drift", 0, 0, G_OPTION_ARG_NONE, &fail_on_drift,
      "Exit with status 3 when the data set has drifted (for CI pipelines)", NULL },
    { "project", 'P', 0, G_OPTION_ARG_FILENAME, &project_path,
      "Record the comparison as a monitoring batch in this project (created if needed): "
      "a data file REFERENCE becomes a data set of the project, a bundle the run it "
      "belongs to (or a bundle reference)", "P.orchard" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
  g_autoptr(GFile) reference_file = NULL;
  g_autoptr(GFile) current_file = NULL;
  g_autoptr(OrchardTable) reference = NULL;
  g_autoptr(OrchardTable) current = NULL;
  g_autoptr(OrchardTable) aligned = NULL;
  g_autoptr(OrchardReferenceProfile) profile = NULL;
  g_autoptr(OrchardArtifact) reference_bundle = NULL;
  g_autoptr(OrchardArtifact) model = NULL;
  g_autoptr(OrchardTable) reference_predictions = NULL;
  g_autoptr(OrchardTable) current_predictions = NULL;
  g_autoptr(OrchardDriftReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference_name = NULL;
  g_autofree char *current_name = NULL;
  g_autoptr(OrchardProject) project = NULL;
  gint64 reference_id = 0;
  OrchardReferenceOptions reference_options;
  guint n_chunkings = 0;
  int status;

  g_set_prgname ("orchard-cli drift");
  context = g_option_context_new ("REFERENCE CURRENT");
  g_option_context_set_summary (context,
                                "Compare CURRENT (a batch of production data) with REFERENCE\n"
                                "(the training data), column by column: a test per column\n"
                                "chosen as Evidently does by default (Kolmogorov–Smirnov,\n"
                                "chi-square, Z, normed Wasserstein, Jensen–Shannon), PSI,\n"
                                "an effect size, the dataset drift share, multivariate drift\n"
                                "(PCA reconstruction error) and, with chunks, a timeline.\n"
                                "CURRENT is CSV, TSV or ARFF; REFERENCE too, or a model\n"
                                "bundle, whose stored reference profile is then compared with.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, drift or not; 3 with --fail-on-drift "
                                    "when the data set has drifted; 1 a file could not be read or "
                                    "compared; 2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;

  if (argc < 3)
    return cli_usage_error (context, "drift needs a REFERENCE and a CURRENT file");
  if (argc > 3)
    return cli_usage_error (context, "drift takes two files, REFERENCE and CURRENT, but was given %d",
                            argc - 1);

  orchard_reference_options_init (&reference_options);
  reference_options.sample_size = 0;
  reference_options.target = target;

  if (columns_text != NULL)
    {
      g_auto(GStrv) names = g_strsplit (columns_text, ",", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) list = NULL;

      for (guint i = 0; names[i] != NULL; i++)
        if (*g_strstrip (names[i]) != '\0')
          g_strv_builder_add (builder, names[i]);
      list = g_strv_builder_end (builder);
      if (list[0] == NULL)
        return cli_usage_error (context, "--columns names no column");
      orchard_drift_options_set_columns (options, (const char * const *) list);
    }

  if (chunk_size_text != NULL)
    {
      guint64 rows;

      if (!g_ascii_string_to_unsigned (chunk_size_text, 10, 1, G_MAXSIZE, &rows, NULL))
        return cli_usage_error (context, "--chunk-size takes a number of rows ≥ 1, not “%s”",
                                chunk_size_text);
      orchard_drift_options_set_chunk_size (options, rows);
      n_chunkings++;
    }
  if (chunk_count_text != NULL)
    {
      guint64 count;

      if (!g_ascii_string_to_unsigned (chunk_count_text, 10, 1, 1000000, &count, NULL))
        return cli_usage_error (context, "--chunk-count takes a number of chunks from 1 to "
                                "1000000, not “%s”", chunk_count_text);
      orchard_drift_options_set_chunk_count (options, (guint) count);
      n_chunkings++;
    }
  if (chunk_period_text != NULL)
    {
      OrchardPeriod period;

      if (!orchard_period_from_string (chunk_period_text, &period))
        return cli_usage_error (context, "--chunk-period takes day, week, month or quarter, not “%s”",
                                chunk_period_text);
      if (time_column == NULL)
        return cli_usage_error (context, "--chunk-period needs --time-column COLUMN");
      orchard_drift_options_set_chunk_period (options, period, time_column);
      n_chunkings++;
    }
  else if (time_column != NULL)
    return cli_usage_error (context, "--time-column is only read with --chunk-period");
  if (n_chunkings > 1)
    return cli_usage_error (context, "--chunk-size, --chunk-count and --chunk-period exclude each other");

  for (guint i = 0; stattests != NULL && stattests[i] != NULL; i++)
    {
      g_autofree char *column = NULL;
      g_autofree char *value = NULL;
      OrchardStatTest test;

      split_assignment (stattests[i], &column, &value);
      if (!orchard_stat_test_from_string (value, &test) || test == ORCHARD_STAT_TEST_AUTO)
        return cli_usage_error (context, "--stattest: “%s” is not a test; use ks, chisquare, z, "
                                "wasserstein, jensenshannon or psi", value);
      if (column != NULL && *column == '\0')
        return cli_usage_error (context, "--stattest: “%s” names no column", stattests[i]);
      orchard_drift_options_set_stattest (options, column, test);
    }

  for (guint i = 0; thresholds != NULL && thresholds[i] != NULL; i++)
    {
      g_autofree char *column = NULL;
      g_autofree char *value = NULL;
      double threshold;

      split_assignment (thresholds[i], &column, &value);
      if (!parse_double (value, &threshold) || threshold < 0)
        return cli_usage_error (context, "--threshold: “%s” is not a number of 0 or more", value);
      if (column != NULL && *column == '\0')
        return cli_usage_error (context, "--threshold: “%s” names no column", thresholds[i]);
      orchard_drift_options_set_threshold (options, column, threshold);
    }

  if (correction_text != NULL)
    {
      OrchardCorrection correction;

      if (!orchard_correction_from_string (correction_text, &correction))
        return cli_usage_error (context, "--correction takes none, bonferroni or bh, not “%s”",
                                correction_text);
      orchard_drift_options_set_correction (options, correction);
    }

  if (drift_share_text != NULL)
    {
      double share;

      if (!parse_double (drift_share_text, &share) || !(share > 0 && share <= 1))
        return cli_usage_error (context, "--drift-share takes a number above 0 and at most 1, "
                                "not “%s”", drift_share_text);
      orchard_drift_options_set_drift_share (options, share);
    }

  if (sample_size_text != NULL)
    {
      guint64 size;

      if (!g_ascii_string_to_unsigned (sample_size_text, 10, 0, G_MAXSIZE, &size, NULL))
        return cli_usage_error (context, "--sample-size takes a whole number ≥ 0, not “%s”",
                                sample_size_text);
      reference_options.sample_size = size;
    }
  if (seed_text != NULL &&
      !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &reference_options.seed, NULL))
    return cli_usage_error (context, "--seed takes a whole number ≥ 0, not “%s”", seed_text);

  reference_file = g_file_new_for_commandline_arg (argv[1]);
  current_file = g_file_new_for_commandline_arg (argv[2]);
  reference_name = g_file_get_parse_name (reference_file);
  current_name = g_file_get_parse_name (current_file);

  if (project_path != NULL)
    {
      g_autoptr(GFile) project_file = g_file_new_for_commandline_arg (project_path);

      project = orchard_project_open (project_file, ORCHARD_PROJECT_OPEN_CREATE, NULL, &error);
      if (project == NULL)
        return cli_fail (g_steal_pointer (&error));
    }

  if (is_bundle (reference_file))
    {
      /* The bundle's profile of its training rows is the reference. */
      if (sample_size_text != NULL || seed_text != NULL)
        return cli_usage_error (context, "--sample-size and --seed apply to a data file; the "
                                "reference profile of a bundle is already made");
      reference_bundle = orchard_artifact_load (reference_file, NULL, &error);
      if (reference_bundle == NULL)
        return cli_fail (g_steal_pointer (&error));
      profile = orchard_artifact_get_reference_profile (reference_bundle);
      if (profile == NULL)
        {
          g_printerr ("orchard-cli: %s holds no reference profile to compare with; train it "
                      "again with this version of Orchard\n", reference_name);
          return CLI_EXIT_ERROR;
        }
      g_object_ref (profile);
      if (target != NULL && g_strcmp0 (target, orchard_reference_profile_get_target (profile)) != 0)
        return cli_usage_error (context, "--target: the bundle's target is “%s”",
                                orchard_reference_profile_get_target (profile) != NULL
                                ? orchard_reference_profile_get_target (profile) : "none");
      if (model_path == NULL)
        model = g_object_ref (reference_bundle);

      if (project != NULL &&
          (reference_id = record_bundle_reference (project, reference_bundle, reference_file, &error)) == 0)
        return cli_fail (g_steal_pointer (&error));
    }

  if (model_path != NULL)
    {
      g_autoptr(GFile) model_file = g_file_new_for_commandline_arg (model_path);

      model = orchard_artifact_load (model_file, NULL, &error);
      if (model == NULL)
        return cli_fail (g_steal_pointer (&error));
    }

  if (profile == NULL)
    {
      reference = load (reference_file, NULL, &error);
      if (reference == NULL)
        return cli_fail (g_steal_pointer (&error));

      if (model != NULL)
        {
          /* The model's target is the reference's, when the reference has it. */
          if (target == NULL &&
              orchard_table_find_column (reference, orchard_artifact_get_target (model)) >= 0)
            reference_options.target = orchard_artifact_get_target (model);

          reference_predictions = predict (model, reference, reference_name, &error);
          if (reference_predictions == NULL)
            return cli_fail (g_steal_pointer (&error));
        }

      {
        g_autoptr(CliProgress) bar = cli_progress_new ("Summarising the reference");

        profile = orchard_reference_profile_build (reference, reference_predictions,
                                                   &reference_options, cli_progress_update, bar,
                                                   NULL, &error);
      }
      if (profile == NULL)
        return cli_fail (g_steal_pointer (&error));
      if (project != NULL &&
          (reference_id = record_data_reference (project, reference, profile, &error)) == 0)
        return cli_fail (g_steal_pointer (&error));
      /* The profile is all the comparison needs of the reference. */
      g_clear_object (&reference);
      g_clear_object (&reference_predictions);
    }

  current = load (current_file, NULL, &error);
  if (current == NULL)
    return cli_fail (g_steal_pointer (&error));
  aligned = align_kinds (current, current_file, profile, &error);
  if (aligned == NULL)
    return cli_fail (g_steal_pointer (&error));
  g_clear_object (&current);

  if (model != NULL)
    {
      if (orchard_reference_profile_get_n_predictions (profile) == 0)
        {
          g_printerr ("orchard-cli: the reference profile of %s holds no predictions to compare "
                      "the model's with\n", reference_name);
          return CLI_EXIT_ERROR;
        }
      current_predictions = predict (model, aligned, current_name, &error);
      if (current_predictions == NULL)
        return cli_fail (g_steal_pointer (&error));
    }

  {
    g_autoptr(CliProgress) bar = cli_progress_new ("Comparing");

    report = orchard_drift_report_compute (profile, aligned, current_predictions, options,
                                           cli_progress_update, bar, NULL, &error);
  }
  if (report == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (json)
    print_json (report);
  else
    print_report (report, reference_name, current_name);

  if (project != NULL)
    {
      g_autofree char *batch_name = g_file_get_basename (current_file);
      gint64 batch_id = orchard_project_record_batch (project, reference_id, batch_name,
                                                      orchard_table_get_hash (aligned), report, &error);

      if (batch_id == 0)
        return cli_fail (g_steal_pointer (&error));
      /* Standard output is the report's (the JSON stays as it is). */
      g_printerr ("Recorded as batch %" G_GINT64_FORMAT " of reference %" G_GINT64_FORMAT " in %s\n",
                  batch_id, reference_id, project_path);
    }

  if (fail_on_drift && orchard_drift_report_get_dataset_drift (report))
    return CLI_EXIT_DRIFT;
  return CLI_EXIT_OK;
}
