/* cli-runs.c: orchard-cli runs list|show|compare|best|delete|reproduce|export-mlflow|export-csv
 *             and orchard-cli project info|check|compact
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard.h"

#include "cli-commands.h"

/* Options every runs subcommand shares. */
typedef struct
{
  char     *project;
  char     *sort;
  char     *order;
  char     *filter;
  char     *output;
  gboolean  json;
  gboolean  all;
  gboolean  no_record;
  gboolean  compact;
} RunsOptions;

static void
runs_options_clear (RunsOptions *o)
{
  g_free (o->project);
  g_free (o->sort);
  g_free (o->order);
  g_free (o->filter);
  g_free (o->output);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunsOptions, runs_options_clear)

static void
print_json (JsonNode *node)
{
  g_autofree char *text = orchard_json_to_string (node, TRUE);

  g_print ("%s\n", text);
}

static char *
format_time (gint64 ms)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (ms <= 0)
    return g_strdup ("–");
  utc = g_date_time_new_from_unix_utc (ms / 1000);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static char *
format_seconds (double seconds)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (seconds))
    return g_strdup ("–");
  return g_strdup_printf ("%s s", g_ascii_formatd (buf, sizeof buf, "%.2f", seconds));
}

static gboolean
parse_ids (char      **args,
           guint       first,
           guint       n_args,
           GArray    **ids,
           GError    **error)
{
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = first; i < n_args; i++)
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (args[i], 10, 1, G_MAXINT64, &id, NULL))
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "“%s” is not a run id (a whole number ≥ 1, as “runs list” shows)", args[i]);
          g_clear_pointer (ids, g_array_unref);
          return FALSE;
        }
      g_array_append_val (*ids, id);
    }
  return TRUE;
}

static OrchardProject *
open_project (const char               *path,
              OrchardProjectOpenFlags   flags,
              GError                  **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  OrchardProject *project = orchard_project_open (file, flags, NULL, error);

  if (project != NULL)
    {
      const char * const *notes = orchard_project_get_open_notes (project);

      for (guint i = 0; notes[i] != NULL; i++)
        g_printerr ("orchard-cli: note: %s\n", notes[i]);
    }
  return project;
}

static gboolean
parse_order (const char        *text,
             OrchardSortOrder  *order)
{
  if (text == NULL || strcmp (text, "auto") == 0)
    *order = ORCHARD_SORT_AUTO;
  else if (strcmp (text, "asc") == 0)
    *order = ORCHARD_SORT_ASCENDING;
  else if (strcmp (text, "desc") == 0)
    *order = ORCHARD_SORT_DESCENDING;
  else
    return FALSE;
  return TRUE;
}

/* runs list ---------------------------------------------------------------- */

static int
runs_list (OrchardProject *project,
           RunsOptions    *o)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(OrchardRunList) list = NULL;
  g_autoptr(GError) error = NULL;
  OrchardSortOrder order;
  guint n_runs;

  if (!parse_order (o->order, &order))
    return cli_usage_error (NULL, "--order takes auto, asc or desc, not “%s”", o->order);

  if (o->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      runs = orchard_project_list_runs (project, o->filter, o->sort, order,
                                        ORCHARD_RUN_DETAIL_PARAMS | ORCHARD_RUN_DETAIL_METRICS,
                                        &error);
      if (runs == NULL)
        return cli_fail (g_steal_pointer (&error));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "runs");
      json_builder_begin_array (b);
      for (guint i = 0; i < runs->len; i++)
        json_builder_add_value (b, orchard_run_to_json (g_ptr_array_index (runs, i), FALSE));
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      print_json (root);
      return CLI_EXIT_OK;
    }

  /* The table needs only the summaries: no object per run. */
  list = orchard_project_list_run_summaries (project, o->filter, o->sort, order, &error);
  if (list == NULL)
    return cli_fail (g_steal_pointer (&error));
  n_runs = orchard_run_list_get_n_runs (list);
  if (n_runs == 0)
    {
      g_print (o->filter != NULL ? "No run matches the filter.\n"
                                 : "The project has no runs yet; “orchard-cli train … --project "
                                   "P.orchard” records one.\n");
      return CLI_EXIT_OK;
    }

  g_print ("%6s  %-9s  %-20s  %-12s  %-19s  %10s", "id", "status", "model", "data", "started",
           "duration");
  if (o->sort != NULL)
    g_print ("  %s", o->sort);
  g_print ("\n");
  for (guint i = 0; i < n_runs; i++)
    {
      const OrchardRunSummary *run = orchard_run_list_get_summary (list, i);
      g_autofree char *started = format_time (run->start_time);
      g_autofree char *duration = format_seconds (run->duration);
      g_autofree char *data = g_strndup (run->data_hash, 12);

      g_print ("%6" G_GINT64_FORMAT "  %-9s  %-20s  %-12s  %-19s  %10s", run->id,
               orchard_run_status_to_string (run->status), run->model, data, started, duration);
      if (o->sort != NULL)
        {
          g_autofree char *value = cli_format_number (run->sort_value);
          g_print ("  %s", value);
        }
      g_print ("\n");
    }
  return CLI_EXIT_OK;
}

/* runs show ----------------------------------------------------------------- */

static void
print_run (OrchardProject *project,
           OrchardRun     *run)
{
  g_autofree char *started = format_time (orchard_run_get_start_time (run));
  g_autofree char *ended = format_time (orchard_run_get_end_time (run));
  g_autofree char *duration = format_seconds (orchard_run_get_duration (run));
  g_autoptr(GVariant) params = orchard_run_get_params (run);
  const char * const *curves = orchard_run_get_curve_names (run);
  GHashTable *tags = orchard_run_get_tags (run);
  double fractions[3];
  guint64 bytes = 0;
  GVariantIter iter;
  const char *name;
  GVariant *value;
  const char *last_split = NULL;

  orchard_run_get_fractions (run, &fractions[0], &fractions[1], &fractions[2]);
  g_print ("Run %" G_GINT64_FORMAT " (%s): %s, %s\n", orchard_run_get_id (run),
           orchard_run_get_uuid (run), orchard_run_get_model (run),
           orchard_run_status_to_string (orchard_run_get_status (run)));
  if (orchard_run_get_status_message (run) != NULL)
    g_print ("  message    %s\n", orchard_run_get_status_message (run));
  g_print ("  data       %s (%s)\n", orchard_run_get_dataset_name (run),
           orchard_run_get_data_hash (run));
  g_print ("  target     %s\n", orchard_run_get_target (run) != NULL ? orchard_run_get_target (run) : "–");
  if (orchard_run_get_split (run) != NULL)
    {
      g_autofree char *a = cli_format_number (fractions[0]);
      g_autofree char *b = cli_format_number (fractions[1]);
      g_autofree char *c = cli_format_number (fractions[2]);

      g_print ("  split      %s, %s / %s / %s, seed %" G_GUINT64_FORMAT "\n",
               orchard_run_get_split (run), a, b, c, orchard_run_get_seed (run));
    }
  else
    g_print ("  seed       %" G_GUINT64_FORMAT "\n", orchard_run_get_seed (run));
  if (orchard_run_get_pipeline (run) != NULL)
    g_print ("  pipeline   %s\n", orchard_run_get_pipeline (run));
  g_print ("  started    %s\n  ended      %s\n  duration   %s\n", started, ended, duration);
  if (orchard_run_get_parent_id (run) > 0)
    g_print ("  parent     run %" G_GINT64_FORMAT "\n", orchard_run_get_parent_id (run));
  g_print ("  by         Orchard %s on %s\n",
           orchard_run_get_app_version (run) != NULL ? orchard_run_get_app_version (run) : "?",
           orchard_run_get_host (run) != NULL ? orchard_run_get_host (run) : "?");
  if (orchard_run_get_bundle_checksum (run) != NULL)
    g_print ("  bundle     SHA-256 %s\n", orchard_run_get_bundle_checksum (run));
  if (orchard_project_get_run_storage (project, orchard_run_get_id (run), &bytes, NULL))
    g_print ("  storage    %" G_GUINT64_FORMAT " bytes\n", bytes);
  if (orchard_run_get_note (run) != NULL)
    g_print ("  note       %s\n", orchard_run_get_note (run));

  g_print ("\n  params\n");
  g_variant_iter_init (&iter, params);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      g_autoptr(GVariant) owned = value;
      g_autofree char *text = orchard_run_dup_param_text (run, name);

      g_print ("    %-24s %s\n", name, text);
    }

  for (guint i = 0; i < orchard_run_get_n_metrics (run); i++)
    {
      const char *split, *metric;
      int fold;
      double v;
      g_autofree char *text = NULL;

      orchard_run_get_metric_at (run, i, &split, &fold, &metric, &v);
      if (last_split == NULL || strcmp (split, last_split) != 0)
        {
          g_print ("\n  metrics, %s\n", split);
          last_split = split;
        }
      text = cli_format_number (v);
      if (fold == ORCHARD_RUN_FOLD_NONE)
        g_print ("    %-24s %s\n", metric, text);
      else
        g_print ("    %-17s fold %d %s\n", metric, fold, text);
    }

  if (curves[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) curves);
      g_print ("\n  curves     %s\n", joined);
    }
  if (tags != NULL && g_hash_table_size (tags) > 0)
    {
      GHashTableIter it;
      gpointer k, v;

      g_print ("\n  tags\n");
      g_hash_table_iter_init (&it, tags);
      while (g_hash_table_iter_next (&it, &k, &v))
        g_print ("    %-24s %s\n", (char *) k, (char *) v);
    }
}

static int
runs_show (OrchardProject  *project,
           RunsOptions     *o,
           GArray          *ids)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OrchardRun) run = orchard_project_get_run (project, g_array_index (ids, gint64, i),
                                                           &error);

      if (run == NULL)
        return cli_fail (g_steal_pointer (&error));
      if (o->json)
        {
          g_autoptr(JsonNode) node = orchard_run_to_json (run, TRUE);
          print_json (node);
        }
      else
        {
          if (i > 0)
            g_print ("\n");
          print_run (project, run);
        }
    }
  return CLI_EXIT_OK;
}

/* runs compare -------------------------------------------------------------- */

/* " TEXT" right-aligned in @width characters (not bytes: "–" is three). */
static void
print_cell (const char *text,
            guint       width)
{
  glong n = g_utf8_strlen (text, -1);

  g_print (" %*s%s", (int) (n < width ? width - n : 0), "", text);
}

static int
runs_compare (OrchardProject *project,
              RunsOptions    *o,
              GArray         *ids)
{
  g_autoptr(OrchardRunComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;

  comparison = orchard_project_compare_runs (project, (const gint64 *) ids->data, ids->len, o->all,
                                             &error);
  if (comparison == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (o->json)
    {
      g_autoptr(JsonNode) node = orchard_run_comparison_to_json (comparison);
      print_json (node);
      return CLI_EXIT_OK;
    }

  g_print ("%-28s", "");
  for (guint r = 0; r < comparison->n_runs; r++)
    {
      g_autofree char *head = g_strdup_printf ("run %" G_GINT64_FORMAT,
                                               orchard_run_get_id (comparison->runs[r]));
      g_print (" %14s", head);
    }
  g_print ("\n");
  if (comparison->params[0] == NULL)
    g_print ("(every parameter is the same; --all shows them)\n");
  for (guint p = 0; comparison->params[p] != NULL; p++)
    {
      g_print ("%-28s", comparison->params[p]);
      for (guint r = 0; r < comparison->n_runs; r++)
        {
          g_autofree char *value = orchard_run_comparison_get_param (comparison,
                                                                     comparison->params[p], r);
          g_autofree char *shown = NULL;

          if (value == NULL)
            shown = g_strdup ("–");
          else if (g_utf8_strlen (value, -1) > 14)
            {
              g_autofree char *head = g_utf8_substring (value, 0, 13);
              shown = g_strconcat (head, "…", NULL);
            }
          else
            shown = g_strdup (value);
          print_cell (shown, 14);
        }
      g_print ("\n");
    }
  g_print ("\n");
  for (guint m = 0; comparison->metrics[m] != NULL; m++)
    {
      g_print ("%-28s", comparison->metrics[m]);
      for (guint r = 0; r < comparison->n_runs; r++)
        {
          double value;
          g_autofree char *text = NULL;

          if (orchard_run_comparison_get_metric (comparison, comparison->metrics[m], r, &value))
            text = cli_format_number (value);
          print_cell (text != NULL ? text : "–", 14);
        }
      g_print ("\n");
    }
  return CLI_EXIT_OK;
}

/* runs best ------------------------------------------------------------------ */

static int
runs_best (OrchardProject *project,
           RunsOptions    *o,
           const char     *metric)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardRun) run = orchard_project_best_run (project, metric, o->filter, &error);

  if (run == NULL && error != NULL)
    return cli_fail (g_steal_pointer (&error));
  if (run == NULL)
    {
      g_printerr ("orchard-cli: no finished run has the metric %s%s\n", metric,
                  o->filter != NULL ? " among those the filter selects" : "");
      return CLI_EXIT_ERROR;
    }
  if (o->json)
    {
      g_autoptr(JsonNode) node = orchard_run_to_json (run, TRUE);
      print_json (node);
    }
  else
    print_run (project, run);
  return CLI_EXIT_OK;
}

/* runs delete ----------------------------------------------------------------- */

static int
runs_delete (OrchardProject *project,
             RunsOptions    *o,
             GArray         *ids)
{
  g_autoptr(GError) error = NULL;
  OrchardProjectStorage before, after;
  guint64 freed = 0;

  if (!orchard_project_get_storage (project, &before, &error))
    return cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < ids->len; i++)
    {
      guint64 bytes = 0;

      if (!orchard_project_get_run_storage (project, g_array_index (ids, gint64, i), &bytes,
                                            &error))
        return cli_fail (g_steal_pointer (&error));
      freed += bytes;
    }
  if (!orchard_project_delete_runs (project, (const gint64 *) ids->data, ids->len, &error))
    return cli_fail (g_steal_pointer (&error));
  if (o->compact && !orchard_project_compact (project, NULL, &error))
    return cli_fail (g_steal_pointer (&error));
  if (!orchard_project_get_storage (project, &after, &error))
    return cli_fail (g_steal_pointer (&error));

  g_print ("Deleted %u run%s (%" G_GUINT64_FORMAT " bytes); the project file is %" G_GUINT64_FORMAT
           " bytes%s\n", ids->len, ids->len == 1 ? "" : "s", freed, after.file_size,
           o->compact ? "" : "; “--compact” gives the free space back");
  return CLI_EXIT_OK;
}

/* runs reproduce --------------------------------------------------------------- */

static int
runs_reproduce (OrchardProject *project,
                RunsOptions    *o,
                gint64          id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardReproduction) result = NULL;

  {
    g_autofree char *label = g_strdup_printf ("Reproducing run %" G_GINT64_FORMAT, id);
    g_autoptr(CliProgress) bar = cli_progress_new (label);

    result = orchard_project_reproduce_run (project, id, !o->no_record, cli_progress_update, bar,
                                            NULL, &error);
  }
  if (result == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (o->json)
    {
      g_autoptr(JsonNode) node = orchard_reproduction_to_json (result);
      print_json (node);
    }
  else
    {
      g_print ("Reproduced run %" G_GINT64_FORMAT " on data %s", id, result->data_hash);
      if (result->new_run_id > 0)
        g_print (" as run %" G_GINT64_FORMAT, result->new_run_id);
      g_print ("\n\n  %-8s %-20s %22s %22s\n", "split", "metric", "recorded", "reproduced");
      for (guint i = 0; i < result->n_metrics; i++)
        {
          const OrchardMetricMatch *m = &result->metrics[i];
          char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (a, sizeof a, "%.17g", m->recorded);
          g_ascii_formatd (b, sizeof b, "%.17g", m->reproduced);
          g_print ("  %-8s %-20s %22s %22s%s\n", m->split, m->name, a, b, m->equal ? "" : "  differs");
        }
      g_print ("\n%s\n", result->identical ? "Every metric is identical."
                                           : "Some metrics differ.");
    }
  return result->identical ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

/* runs export-* ----------------------------------------------------------------- */

static int
runs_export (OrchardProject *project,
             RunsOptions    *o,
             gboolean        mlflow)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GFile) output = g_file_new_for_commandline_arg (o->output);
  OrchardSortOrder order;

  if (!parse_order (o->order, &order))
    return cli_usage_error (NULL, "--order takes auto, asc or desc, not “%s”", o->order);
  runs = orchard_project_list_runs (project, o->filter, o->sort, order,
                                    ORCHARD_RUN_DETAIL_PARAMS | ORCHARD_RUN_DETAIL_METRICS, &error);
  if (runs == NULL)
    return cli_fail (g_steal_pointer (&error));
  if (mlflow ? !orchard_project_export_mlflow (project, runs, output, NULL, &error)
             : !orchard_project_export_csv (project, runs, output, NULL, &error))
    return cli_fail (g_steal_pointer (&error));
  g_print ("Wrote %u run%s to %s\n", runs->len, runs->len == 1 ? "" : "s", o->output);
  return CLI_EXIT_OK;
}

int
cli_runs_run (int    argc,
              char **argv)
{
  g_auto(RunsOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "project", 'P', 0, G_OPTION_ARG_FILENAME, &o.project,
      "The project file (required)", "P.orchard" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &o.sort,
      "Sort by a metric (metric.SPLIT.NAME, SPLIT.NAME, or NAME of the validation split; best "
      "first), a parameter (param.NAME) or a column (started, duration, id, seed, model)", "KEY" },
    { "order", 0, 0, G_OPTION_ARG_STRING, &o.order,
      "auto (best first for metrics, else ascending), asc or desc; default auto", "ORDER" },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &o.filter,
      "Only the runs matching EXPR, e.g. “metric.valid.roc_auc>0.9 and param.max-depth=3 and "
      "model=gbdt” (see man orchard-cli)", "EXPR" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      "export-mlflow: the mlruns directory; export-csv: the CSV file", "PATH" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &o.all,
      "compare: show every parameter, not only those that differ", NULL },
    { "no-record", 0, 0, G_OPTION_ARG_NONE, &o.no_record,
      "reproduce: do not record the new training as a run", NULL },
    { "compact", 0, 0, G_OPTION_ARG_NONE, &o.compact,
      "delete: give the freed space back to the file system", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, "Print JSON on standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  const char *sub;
  OrchardProjectOpenFlags flags = ORCHARD_PROJECT_OPEN_DEFAULT;
  int status;

  g_set_prgname ("orchard-cli runs");
  context = g_option_context_new ("list|show|compare|best|delete|reproduce|export-mlflow|export-csv "
                                  "[ID…|METRIC]");
  g_option_context_set_summary (context,
                                "The runs of a project: list, filter and sort them, show one,\n"
                                "compare several, find the best by a metric, delete them,\n"
                                "reproduce one (train again and compare every metric), or\n"
                                "export them as an MLflow file store or as CSV.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 an error (or, for reproduce, a "
                                    "metric that differs), 2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc < 2)
    return cli_usage_error (context, "runs needs a subcommand");
  sub = argv[1];
  if (o.project == NULL)
    return cli_usage_error (context, "runs needs --project P.orchard");

  if (strcmp (sub, "show") == 0 || strcmp (sub, "compare") == 0 || strcmp (sub, "delete") == 0 ||
      strcmp (sub, "reproduce") == 0)
    {
      if (!parse_ids (argv, 2, argc, &ids, &error))
        return cli_usage_error (NULL, "%s", error->message);
      if (ids->len == 0)
        return cli_usage_error (context, "runs %s needs run ids", sub);
      if (strcmp (sub, "compare") == 0 && ids->len < 2)
        return cli_usage_error (context, "runs compare needs two run ids or more");
      if (strcmp (sub, "reproduce") == 0 && ids->len != 1)
        return cli_usage_error (context, "runs reproduce takes one run id");
    }
  else if (strcmp (sub, "best") == 0)
    {
      if (argc != 3)
        return cli_usage_error (context, "runs best takes one METRIC, e.g. valid.roc_auc");
    }
  else if (strcmp (sub, "list") == 0 || strcmp (sub, "export-mlflow") == 0 ||
           strcmp (sub, "export-csv") == 0)
    {
      if (argc > 2)
        return cli_usage_error (context, "runs %s takes no argument, but was given “%s”", sub,
                                argv[2]);
      if (strcmp (sub, "list") != 0 && o.output == NULL)
        return cli_usage_error (context, "runs %s needs -o PATH", sub);
    }
  else
    return cli_usage_error (context, "unknown runs subcommand “%s”", sub);

  if (strcmp (sub, "list") == 0 || strcmp (sub, "show") == 0 || strcmp (sub, "compare") == 0 ||
      strcmp (sub, "best") == 0 || g_str_has_prefix (sub, "export-"))
    flags = ORCHARD_PROJECT_OPEN_DEFAULT;
  project = open_project (o.project, flags, &error);
  if (project == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (strcmp (sub, "list") == 0)
    return runs_list (project, &o);
  if (strcmp (sub, "show") == 0)
    return runs_show (project, &o, ids);
  if (strcmp (sub, "compare") == 0)
    return runs_compare (project, &o, ids);
  if (strcmp (sub, "best") == 0)
    return runs_best (project, &o, argv[2]);
  if (strcmp (sub, "delete") == 0)
    return runs_delete (project, &o, ids);
  if (strcmp (sub, "reproduce") == 0)
    return runs_reproduce (project, &o, g_array_index (ids, gint64, 0));
  return runs_export (project, &o, strcmp (sub, "export-mlflow") == 0);
}

/* orchard-cli project ----------------------------------------------------------- */

static int
project_info (OrchardProject *project,
              gboolean        json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GPtrArray) references = NULL;
  g_autofree char *name = orchard_project_dup_name (project);
  OrchardProjectStorage storage;

  datasets = orchard_project_list_datasets (project, &error);
  if (datasets != NULL)
    references = orchard_project_list_references (project, &error);
  if (references == NULL || !orchard_project_get_storage (project, &storage, &error))
    return cli_fail (g_steal_pointer (&error));

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      struct { const char *status; guint n; } counts[4] = {
        { "running", 0 }, { "finished", 0 }, { "failed", 0 }, { "cancelled", 0 } };

      for (guint s = 0; s < 4; s++)
        {
          g_autofree char *filter = g_strdup_printf ("status=%s", counts[s].status);
          counts[s].n = orchard_project_count_runs (project, filter, NULL);
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "uuid");
      json_builder_add_string_value (b, orchard_project_get_uuid (project));
      json_builder_set_member_name (b, "schema_version");
      json_builder_add_int_value (b, storage.schema_version);
      json_builder_set_member_name (b, "file_size");
      json_builder_add_int_value (b, storage.file_size);
      json_builder_set_member_name (b, "free_size");
      json_builder_add_int_value (b, storage.free_size);
      json_builder_set_member_name (b, "datasets_size");
      json_builder_add_int_value (b, storage.datasets_size);
      json_builder_set_member_name (b, "bundles_size");
      json_builder_add_int_value (b, storage.bundles_size);
      json_builder_set_member_name (b, "runs_size");
      json_builder_add_int_value (b, storage.runs_size);
      json_builder_set_member_name (b, "references_size");
      json_builder_add_int_value (b, storage.references_size);
      json_builder_set_member_name (b, "batches_size");
      json_builder_add_int_value (b, storage.batches_size);
      json_builder_set_member_name (b, "runs");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "total");
      json_builder_add_int_value (b, storage.n_runs);
      for (guint s = 0; s < 4; s++)
        {
          json_builder_set_member_name (b, counts[s].status);
          json_builder_add_int_value (b, counts[s].n);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "datasets");
      json_builder_begin_array (b);
      for (guint i = 0; i < datasets->len; i++)
        {
          OrchardDatasetInfo *d = g_ptr_array_index (datasets, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, d->id);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, d->name);
          json_builder_set_member_name (b, "source");
          if (d->source != NULL)
            json_builder_add_string_value (b, d->source);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "hash");
          json_builder_add_string_value (b, d->hash);
          json_builder_set_member_name (b, "rows");
          json_builder_add_int_value (b, d->n_rows);
          json_builder_set_member_name (b, "columns");
          json_builder_add_int_value (b, d->n_columns);
          json_builder_set_member_name (b, "stored");
          json_builder_add_boolean_value (b, d->stored);
          json_builder_set_member_name (b, "size");
          json_builder_add_int_value (b, d->size);
          json_builder_set_member_name (b, "stored_size");
          json_builder_add_int_value (b, d->stored_size);
          json_builder_set_member_name (b, "runs");
          json_builder_add_int_value (b, d->n_runs);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "monitoring");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "references");
      json_builder_add_int_value (b, storage.n_references);
      json_builder_set_member_name (b, "batches");
      json_builder_add_int_value (b, storage.n_batches);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "references");
      json_builder_begin_array (b);
      for (guint i = 0; i < references->len; i++)
        {
          OrchardReferenceInfo *r = g_ptr_array_index (references, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, r->id);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, r->name);
          json_builder_set_member_name (b, "source");
          json_builder_add_string_value (b, orchard_reference_source_to_string (r->source));
          json_builder_set_member_name (b, "rows");
          json_builder_add_int_value (b, r->n_rows);
          json_builder_set_member_name (b, "stored_size");
          json_builder_add_int_value (b, r->stored_size);
          json_builder_set_member_name (b, "batches");
          json_builder_add_int_value (b, r->n_batches);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      print_json (root);
      return CLI_EXIT_OK;
    }

  g_print ("Project “%s” (%s), schema version %u\n", name, orchard_project_get_uuid (project),
           storage.schema_version);
  g_print ("  file       %" G_GUINT64_FORMAT " bytes, %" G_GUINT64_FORMAT " free (“orchard-cli "
           "project compact” gives them back)\n", storage.file_size, storage.free_size);
  g_print ("  stored     data sets %" G_GUINT64_FORMAT " bytes, model bundles %" G_GUINT64_FORMAT
           " bytes, runs %" G_GUINT64_FORMAT " bytes\n", storage.datasets_size,
           storage.bundles_size, storage.runs_size);
  g_print ("             drift references %" G_GUINT64_FORMAT " bytes, monitoring batches %"
           G_GUINT64_FORMAT " bytes\n", storage.references_size, storage.batches_size);
  g_print ("  runs       %u\n", storage.n_runs);
  g_print ("  monitoring %u drift reference%s, %u batch%s\n", storage.n_references,
           storage.n_references == 1 ? "" : "s", storage.n_batches,
           storage.n_batches == 1 ? "" : "es");
  g_print ("\n  %4s  %-24s %8s %7s  %-10s %12s %5s  %s\n", "id", "data set", "rows", "columns",
           "stored", "bytes", "runs", "hash");
  for (guint i = 0; i < datasets->len; i++)
    {
      OrchardDatasetInfo *d = g_ptr_array_index (datasets, i);
      g_autofree char *hash = g_strndup (d->hash, 16);

      g_print ("  %4" G_GINT64_FORMAT "  %-24s %8" G_GUINT64_FORMAT " %7u  %-10s %12" G_GUINT64_FORMAT
               " %5u  %s\n", d->id, d->name, d->n_rows, d->n_columns,
               d->stored ? "in project" : "reference", d->stored ? d->stored_size : d->size,
               d->n_runs, hash);
    }
  if (datasets->len == 0)
    g_print ("  (no data sets yet)\n");
  if (references->len > 0)
    g_print ("\n  %4s  %-24s %-8s %8s %12s %7s\n", "id", "drift reference", "source", "rows",
             "bytes", "batches");
  for (guint i = 0; i < references->len; i++)
    {
      OrchardReferenceInfo *r = g_ptr_array_index (references, i);

      g_print ("  %4" G_GINT64_FORMAT "  %-24s %-8s %8" G_GUINT64_FORMAT " %12" G_GUINT64_FORMAT
               " %7u\n", r->id, r->name, orchard_reference_source_to_string (r->source),
               r->n_rows, r->stored_size, r->n_batches);
    }
  return CLI_EXIT_OK;
}

static int
project_check (OrchardProject *project,
               gboolean        json)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;

  {
    g_autoptr(CliProgress) bar = cli_progress_new ("Checking");

    if (!orchard_project_check (project, &problems, cli_progress_update, bar, NULL, &error))
      return cli_fail (g_steal_pointer (&error));
  }
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, problems[0] == NULL);
      json_builder_set_member_name (b, "problems");
      json_builder_begin_array (b);
      for (guint i = 0; problems[i] != NULL; i++)
        json_builder_add_string_value (b, problems[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      print_json (root);
    }
  else if (problems[0] == NULL)
    g_print ("The project is sound: the database passes SQLite's integrity and foreign key "
             "checks, every stored data set, bundle and drift reference has its recorded hash "
             "and every drift report reads back.\n");
  else
    for (guint i = 0; problems[i] != NULL; i++)
      g_print ("Problem: %s\n", problems[i]);
  return problems[0] == NULL ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

int
cli_project_run (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON on standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *sub;
  int status;

  g_set_prgname ("orchard-cli project");
  context = g_option_context_new ("info|check|compact P.orchard");
  g_option_context_set_summary (context,
                                "info: the data sets, runs, drift references, batches, "
                                "storage and schema\nversion of a project; check: SQLite's "
                                "integrity and foreign key checks,\nthe hash of every stored "
                                "data set, model bundle and drift reference and\nthat every "
                                "drift report reads back; compact: give free space back.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 an error or (check) a problem "
                                    "found, 2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    return cli_usage_error (context, "project takes a subcommand and one P.orchard file");
  sub = argv[1];
  if (strcmp (sub, "info") != 0 && strcmp (sub, "check") != 0 && strcmp (sub, "compact") != 0)
    return cli_usage_error (context, "unknown project subcommand “%s”", sub);

  project = open_project (argv[2], ORCHARD_PROJECT_OPEN_DEFAULT, &error);
  if (project == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (strcmp (sub, "info") == 0)
    return project_info (project, json);
  if (strcmp (sub, "check") == 0)
    return project_check (project, json);

  {
    OrchardProjectStorage before, after;

    if (!orchard_project_get_storage (project, &before, &error) ||
        !orchard_project_compact (project, NULL, &error) ||
        !orchard_project_get_storage (project, &after, &error))
      return cli_fail (g_steal_pointer (&error));
    g_print ("Compacted %s: %" G_GUINT64_FORMAT " → %" G_GUINT64_FORMAT " bytes\n", argv[2],
             before.file_size, after.file_size);
  }
  return CLI_EXIT_OK;
}

/* orchard-cli train --project ------------------------------------------------- */

/**
 * cli_project_begin_training:
 * @path: the project file, created when missing
 * @data: the training data
 * @test: (nullable): separate test data
 * @target: the target column
 * @model: the learner, parameters set
 * @seed: the run's seed
 * @project: (out): the open project
 * @error: return location for a #GError
 *
 * Adds the data (once per content hash) and records a running run before
 * the training starts.
 *
 * Returns: the run id, 0 on error
 */
gint64
cli_project_begin_training (const char      *path,
                            OrchardTable    *data,
                            OrchardTable    *test,
                            const char      *target,
                            OrchardModel    *model,
                            guint64          seed,
                            OrchardProject **project,
                            GError         **error)
{
  gint64 dataset_id;

  *project = open_project (path, ORCHARD_PROJECT_OPEN_CREATE, error);
  if (*project == NULL)
    return 0;
  dataset_id = orchard_project_add_dataset (*project, data, NULL, NULL, error);
  if (dataset_id == 0)
    return 0;
  if (test != NULL && orchard_project_add_dataset (*project, test, NULL, NULL, error) == 0)
    return 0;
  return orchard_project_begin_run (*project, dataset_id, target, model, seed, 0, error);
}

/**
 * cli_project_end_training:
 * @project: the project
 * @run_id: the run cli_project_begin_training() made
 * @trainer: the trainer
 * @artifact: (nullable): the bundle, %NULL when the training failed
 * @failure: (nullable): why the training failed
 * @error: return location for a #GError
 *
 * Records the training, or that it failed or was cancelled.
 *
 * Returns: %FALSE on error
 */
gboolean
cli_project_end_training (OrchardProject   *project,
                          gint64            run_id,
                          OrchardTrainer   *trainer,
                          OrchardArtifact  *artifact,
                          const GError     *failure,
                          GError          **error)
{
  if (artifact == NULL)
    return orchard_project_finish_run (project, run_id,
                                       g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                         ? ORCHARD_RUN_CANCELLED : ORCHARD_RUN_FAILED,
                                       failure != NULL ? failure->message : NULL, error);
  if (!orchard_project_record_training (project, run_id, trainer, artifact, error))
    return FALSE;
  g_printerr ("orchard-cli: recorded as run %" G_GINT64_FORMAT " of %s\n", run_id,
              g_file_peek_path (orchard_project_get_file (project)));
  return TRUE;
}
