/* cli-tune.c: orchard-cli tune DATA --target COL --model NAME --grid NAME=V1,V2,… …
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard.h"

#include "cli-commands.h"

static char *
format_params (GVariant *params)
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

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static char *
format_score (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("–");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4f", value));
}

static void
print_candidate (const OrchardTunerCandidate *c)
{
  g_autofree char *score = format_score (c->score);
  g_autofree char *std = format_score (c->std);
  g_autofree char *params = format_params (c->params);
  char seconds[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (seconds, sizeof seconds, "%.3f", c->seconds);
  g_print ("  %4u %5u %7" G_GSIZE_FORMAT " %10s %8s  %-8s %8s  %s\n", c->id, c->round + 1,
           c->rows, score, std, orchard_tuner_status_to_string (c->status), seconds, params);
  if (c->message != NULL)
    g_print ("        %s\n", c->message);
}

typedef struct
{
  gboolean      live;
  gboolean      header;
  OrchardTuner *tuner;
  GString      *promoted;
  guint     n_round;
  guint     round;
  gsize     rows;
} Printer;

/* Prints each evaluation as it finishes, and what each halving round kept. */
static void
on_candidate (const OrchardTunerCandidate *c,
              gpointer                     user_data)
{
  Printer *printer = user_data;

  if (!printer->live)
    return;

  /* The metric is known once the first candidate starts. */
  if (!printer->header)
    {
      printer->header = TRUE;
      g_print ("\n  %4s %5s %7s %10s %8s  %-8s %8s  %s\n", "id", "round", "rows",
               orchard_tuner_get_metric (printer->tuner), "std", "status", "seconds",
               "parameters");
    }
  if (c->status == ORCHARD_TUNER_STATUS_RUNNING)
    return;

  if (c->status == ORCHARD_TUNER_STATUS_PROMOTED || c->status == ORCHARD_TUNER_STATUS_DROPPED)
    {
      if (printer->promoted == NULL)
        {
          printer->promoted = g_string_new (NULL);
          printer->n_round = 0;
          printer->round = c->round;
          printer->rows = c->rows;
        }
      printer->n_round++;
      if (c->status == ORCHARD_TUNER_STATUS_PROMOTED)
        g_string_append_printf (printer->promoted, "%s#%u", printer->promoted->len > 0 ? ", " : "",
                                c->id);
      return;
    }

  if (printer->promoted != NULL)
    {
      g_print ("  Round %u on %" G_GSIZE_FORMAT " rows kept the best third of %u: %s\n",
               printer->round + 1, printer->rows, printer->n_round, printer->promoted->str);
      g_string_free (g_steal_pointer (&printer->promoted), TRUE);
    }
  print_candidate (c);
}

static char *
describe_scoring (guint n_folds)
{
  if (n_folds >= 2)
    return g_strdup_printf ("the mean of %u folds", n_folds);
  return g_strdup ("on the validation rows");
}

/* --set NAME=VALUE, each in turn. */
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

static gboolean
searches (char       **grid,
          const char  *name)
{
  gsize len = strlen (name);

  for (guint i = 0; grid != NULL && grid[i] != NULL; i++)
    if (strncmp (grid[i], name, len) == 0 && grid[i][len] == '=')
      return TRUE;
  return FALSE;
}

int
cli_tune_run (int    argc,
              char **argv)
{
  g_autofree char *target = NULL;
  g_autofree char *model_name = NULL;
  g_auto(GStrv) grid = NULL;
  g_auto(GStrv) settings = NULL;
  g_autofree char *random_text = NULL;
  g_autofree char *cv_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *metric = NULL;
  g_autofree char *threads_text = NULL;
  g_autofree char *project = NULL;
  gboolean halving = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &target,
      "The column to predict (required)", "COLUMN" },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model_name,
      "The learner (required); “orchard-cli models” lists them and their parameters", "NAME" },
    { "grid", 'g', 0, G_OPTION_ARG_STRING_ARRAY, &grid,
      "A hyperparameter to search, with its values (V1,V2,… or V1;V2;… when a value holds a "
      "comma) or a range of numbers LOW..HIGH, :log for a log scale; repeatable, at least one",
      "NAME=VALUES" },
    { "random", 0, 0, G_OPTION_ARG_STRING, &random_text,
      "Random search: score N settings drawn from the lists and ranges instead of the whole "
      "grid", "N" },
    { "cv", 0, 0, G_OPTION_ARG_STRING, &cv_text,
      "Score by K-fold cross-validation over the training and validation rows instead of on "
      "the validation rows", "K" },
    { "halving", 0, 0, G_OPTION_ARG_NONE, &halving,
      "Successive halving: score every candidate on a few rows, keep the best third on three "
      "times as many, until one round on all rows", NULL },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &metric,
      "The metric to choose by; default roc_auc for two classes, log_loss for more, rmse for "
      "numbers", "KEY" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings,
      "Fix a hyperparameter that is not searched, e.g. --set max-iter=500; repeatable",
      "NAME=VALUE" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      "Seed of the split, the folds, the random draws, the subsamples and of the learner; "
      "default 0", "N" },
    { "threads", 'j', 0, G_OPTION_ARG_STRING, &threads_text,
      "Threads for the dense math; default 0, one per processor", "N" },
    { "project", 'P', 0, G_OPTION_ARG_FILENAME, &project,
      "Record every candidate as a run, and the data once per content hash, in this project "
      "(created if missing)", "P.orchard" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print the search as JSON on standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardTable) data = NULL;
  g_autoptr(OrchardTuner) tuner = NULL;
  g_autoptr(OrchardProject) store = NULL;
  g_autoptr(GFile) data_file = NULL;
  g_autofree char *display_name = NULL;
  Printer printer = { 0 };
  guint64 draws = 0, folds = 0, seed = 0, threads = 0;
  gboolean seed_set;
  gboolean ok;
  int status;

  g_set_prgname ("orchard-cli tune");
  context = g_option_context_new ("DATA");
  g_option_context_set_summary (context,
                                "Search hyperparameters of a learner on DATA (CSV, TSV or ARFF):\n"
                                "score every setting of the grid, or random draws, on the\n"
                                "validation rows or by cross-validation, as “train” would fit\n"
                                "it, and report every candidate and the best.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 the data or every candidate "
                                    "failed, 2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;

  if (argc < 2)
    return cli_usage_error (context, "tune needs a DATA file");
  if (argc > 2)
    return cli_usage_error (context, "tune takes one DATA file, but was given %d", argc - 1);
  if (target == NULL)
    return cli_usage_error (context, "tune needs --target COLUMN");
  if (model_name == NULL)
    return cli_usage_error (context, "tune needs --model NAME; “orchard-cli models” lists them");
  if (grid == NULL)
    return cli_usage_error (context, "tune needs at least one --grid NAME=VALUES");

  if (random_text != NULL &&
      !g_ascii_string_to_unsigned (random_text, 10, 1, 100000, &draws, NULL))
    return cli_usage_error (context, "--random takes a whole number from 1 to 100000, not “%s”",
                            random_text);
  if (cv_text != NULL &&
      !g_ascii_string_to_unsigned (cv_text, 10, 2, 100, &folds, NULL))
    return cli_usage_error (context, "--cv takes a whole number of folds from 2 to 100, not "
                            "“%s”", cv_text);
  if (seed_text != NULL &&
      !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
    return cli_usage_error (context, "--seed takes a whole number ≥ 0, not “%s”", seed_text);
  if (threads_text != NULL &&
      !g_ascii_string_to_unsigned (threads_text, 10, 0, 1024, &threads, NULL))
    return cli_usage_error (context, "--threads takes a whole number from 0 to 1024, not “%s”",
                            threads_text);
  orchard_set_threads ((guint) threads);

  model = orchard_model_new_by_name (model_name, &error);
  if (model == NULL)
    return cli_usage_error (NULL, "%s", error->message);
  if (!apply_settings (model, settings, &seed_set, &error))
    return cli_usage_error (NULL, "%s", error->message);
  /* One seed for everything, unless the learner's own is set or searched. */
  if (seed_text != NULL && !seed_set && !searches (grid, "seed") &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (model), "seed") != NULL &&
      !orchard_model_set_param_from_string (model, "seed", seed_text, &error))
    return cli_usage_error (NULL, "--seed: %s", error->message);

  data_file = g_file_new_for_commandline_arg (argv[1]);
  display_name = g_file_get_parse_name (data_file);
  {
    g_autofree char *basename = g_file_get_basename (data_file);
    g_autofree char *label = g_strdup_printf ("Reading %s", basename);
    g_autoptr(CliProgress) bar = cli_progress_new (label);

    data = orchard_table_load (data_file, NULL, cli_progress_update, bar, NULL, &error);
  }
  if (data == NULL)
    return cli_fail (g_steal_pointer (&error));

  tuner = orchard_tuner_new (data, target, model);
  for (guint i = 0; grid[i] != NULL; i++)
    if (!orchard_tuner_add_param (tuner, grid[i], &error))
      return cli_usage_error (NULL, "--grid %s: %s", grid[i], error->message);
  orchard_tuner_set_random (tuner, (guint) draws);
  {
    g_autoptr(GPtrArray) space = orchard_tuner_expand (tuner, &error);

    if (space == NULL)
      return cli_usage_error (NULL, "%s", error->message);
  }
  if (!orchard_tuner_set_folds (tuner, (guint) folds, &error))
    return cli_usage_error (context, "%s", error->message);
  orchard_tuner_set_halving (tuner, halving);
  orchard_tuner_set_seed (tuner, seed);
  orchard_tuner_set_metric (tuner, metric);

  if (project != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (project);

      store = orchard_project_open (file, ORCHARD_PROJECT_OPEN_CREATE, NULL, &error);
      if (store == NULL)
        return cli_fail (g_steal_pointer (&error));
      orchard_tuner_set_project (tuner, store);
    }

  printer.live = !json;
  printer.tuner = tuner;
  orchard_tuner_set_candidate_func (tuner, on_candidate, &printer, NULL);

  if (!json)
    {
      g_print ("Tuning %s on %s: %" G_GSIZE_FORMAT " rows, target “%s”\n", model_name,
               display_name, orchard_table_get_n_rows (data), target);
      g_print ("  search     %s%s%s, seed %" G_GUINT64_FORMAT "\n",
               draws > 0 ? "random" : "grid", folds >= 2 ? ", cross-validated" : "",
               halving ? ", successive halving" : "", seed);
      ok = orchard_tuner_run (tuner, NULL, NULL, NULL, &error);
    }
  else
    {
      g_autofree char *label = g_strdup_printf ("Tuning %s", model_name);
      g_autoptr(CliProgress) bar = cli_progress_new (label);

      ok = orchard_tuner_run (tuner, cli_progress_update, bar, NULL, &error);
    }
  if (printer.promoted != NULL)
    g_string_free (printer.promoted, TRUE);

  if (!ok)
    return cli_fail (g_steal_pointer (&error));

  if (json)
    {
      g_autoptr(JsonNode) root = orchard_tuner_to_json (tuner);
      g_autofree char *text = orchard_json_to_string (root, TRUE);

      g_print ("%s\n", text);
    }
  else
    {
      const char *key = orchard_tuner_get_metric (tuner);
      const OrchardTunerCandidate *best = orchard_tuner_get_candidate (
        tuner, (guint) orchard_tuner_get_best (tuner));
      g_autofree char *params = format_params (best->params);
      g_autofree char *score = format_score (best->score);
      g_autofree char *scoring = describe_scoring ((guint) folds);

      g_print ("\nScore: %s (%s is better), %s, task %s\n", key,
               orchard_tuner_get_greater_is_better (tuner) ? "higher" : "lower", scoring,
               orchard_task_to_string (orchard_tuner_get_task (tuner)));
      g_print ("Best: #%u %s with %s %s", best->id, params, key, score);
      if (!isnan (best->std))
        {
          g_autofree char *std = format_score (best->std);
          g_print (" ± %s", std);
        }
      g_print (" on %" G_GSIZE_FORMAT " rows\n", best->rows);
      if (store != NULL)
        {
          g_autofree char *name = g_file_get_parse_name (orchard_project_get_file (store));

          g_print ("Recorded %u runs in %s; the best is run %" G_GINT64_FORMAT "\n",
                   orchard_tuner_get_n_candidates (tuner), name, best->run_id);
        }
    }

  return CLI_EXIT_OK;
}
