/* cli-evaluate.c: orchard-cli evaluate MODEL DATA [--threshold T] [--json]
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard.h"

#include "cli-commands.h"
#include "cli-eval-common.h"

/* "f1", "youden" or "cost:FP,FN[,TN,TP]". */
static gboolean
parse_criterion (const char                 *text,
                 OrchardThresholdCriterion  *criterion,
                 OrchardCostMatrix          *cost,
                 GError                    **error)
{
  memset (cost, 0, sizeof *cost);

  if (g_str_has_prefix (text, "cost:"))
    {
      g_auto(GStrv) parts = g_strsplit (text + strlen ("cost:"), ",", -1);
      guint n = g_strv_length (parts);
      double values[4] = { 0, 0, 0, 0 };

      if (n != 2 && n != 4)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "--choose-threshold cost: takes FP,FN or FP,FN,TN,TP, not “%s”", text);
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        {
          char *end = NULL;
          const char *start = g_strstrip (parts[i]);

          values[i] = g_ascii_strtod (start, &end);
          if (end == start || *end != '\0' || !isfinite (values[i]))
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "--choose-threshold: the cost “%s” is not a number", start);
              return FALSE;
            }
        }
      cost->fp = values[0];
      cost->fn = values[1];
      cost->tn = values[2];
      cost->tp = values[3];
      *criterion = ORCHARD_THRESHOLD_MIN_COST;
      return TRUE;
    }

  if (strcmp (text, "cost") != 0 && orchard_threshold_criterion_from_string (text, criterion))
    return TRUE;

  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
               "--choose-threshold takes f1, youden or cost:FP,FN[,TN,TP], not “%s”", text);
  return FALSE;
}

static void
print_report (OrchardEvaluation     *evaluation,
              OrchardMetrics        *metrics,
              const OrchardInterval *interval,
              const char            *ci_metric,
              const char            *model_name,
              const char            *data_name,
              const char            *criterion,
              double                 criterion_value,
              const char            *output)
{
  OrchardArtifact *artifact = orchard_evaluation_get_artifact (evaluation);
  OrchardTask task = orchard_evaluation_get_task (evaluation);
  const char * const *labels = orchard_metrics_get_labels (metrics);
  guint n_labels = orchard_metrics_get_n_labels (metrics);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_print ("Evaluated %s on %s: %" G_GSIZE_FORMAT " rows, target “%s” (%s", model_name,
           data_name, orchard_evaluation_get_n_rows (evaluation),
           orchard_artifact_get_target (artifact), orchard_task_to_string (task));
  if (task == ORCHARD_TASK_BINARY)
    g_print (", positive class “%s”)\n", labels[1]);
  else
    g_print (")\n");
  if (task == ORCHARD_TASK_BINARY)
    {
      g_autofree char *threshold = orchard_format_double (orchard_metrics_get_threshold (metrics));

      g_print ("  threshold  %s", threshold);
      if (criterion != NULL)
        g_print (", chosen by %s (%s), stored in %s",
                 criterion, g_ascii_formatd (buf, sizeof buf, "%.4f", criterion_value), output);
      g_print ("\n");
    }

  g_print ("\n  %-20s %10s\n", "metric", "value");
  for (guint i = 0; i < orchard_metrics_get_n_values (metrics); i++)
    {
      const char *key = orchard_metrics_get_key (metrics, i);
      /* + 0.0 shows −0 (average precision without positives) as 0. */
      double value = orchard_metrics_get_value (metrics, i) + 0.0;
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "  %-20s %10s", key,
                              isnan (value) ? "–" : g_ascii_formatd (buf, sizeof buf, "%.4f",
                                                                     value));
      if (interval != NULL && strcmp (key, ci_metric) == 0 && !isnan (interval->lower))
        {
          g_autofree char *lower = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4f",
                                                              interval->lower));
          g_string_append_printf (line, "   %g%% CI %s … %s", 100 * interval->level, lower,
                                  g_ascii_formatd (buf, sizeof buf, "%.4f", interval->upper));
        }
      g_print ("%s\n", line->str);
    }

  if (n_labels > 0)
    {
      const double *confusion = orchard_metrics_get_confusion_matrix (metrics);
      int width = 9;

      for (guint k = 0; k < n_labels; k++)
        width = MAX (width, (int) g_utf8_strlen (labels[k], -1) + 2);
      g_print ("\n  Confusion matrix (rows true, columns predicted)\n  %*s", width, "");
      for (guint k = 0; k < n_labels; k++)
        g_print ("%*s", width, labels[k]);
      g_print ("\n");
      for (guint a = 0; a < n_labels; a++)
        {
          g_print ("  %-*s", width, labels[a]);
          for (guint b = 0; b < n_labels; b++)
            g_print ("%*.0f", width, confusion[(gsize) a * n_labels + b]);
          g_print ("\n");
        }
    }
}

static JsonNode *
make_json (OrchardEvaluation     *evaluation,
           OrchardMetrics        *metrics,
           const OrchardInterval *interval,
           const char            *ci_metric,
           const char            *criterion,
           double                 criterion_value,
           const char            *output)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  OrchardTask task = orchard_evaluation_get_task (evaluation);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "task");
  json_builder_add_string_value (b, orchard_task_to_string (task));
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, orchard_evaluation_get_n_rows (evaluation));
  json_builder_set_member_name (b, "threshold");
  if (task == ORCHARD_TASK_BINARY)
    json_builder_add_double_value (b, orchard_metrics_get_threshold (metrics));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "metrics");
  json_builder_add_value (b, orchard_metrics_to_json (metrics));
  json_builder_set_member_name (b, "ci");
  json_builder_begin_object (b);
  if (interval != NULL)
    {
      json_builder_set_member_name (b, ci_metric);
      json_builder_add_value (b, orchard_interval_to_json (interval));
    }
  json_builder_end_object (b);

  if (criterion != NULL)
    {
      json_builder_set_member_name (b, "chosen_threshold");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "criterion");
      json_builder_add_string_value (b, criterion);
      json_builder_set_member_name (b, "threshold");
      json_builder_add_double_value (b, orchard_metrics_get_threshold (metrics));
      json_builder_set_member_name (b, "value");
      json_builder_add_double_value (b, criterion_value);
      json_builder_set_member_name (b, "artifact");
      json_builder_add_string_value (b, output);
      json_builder_end_object (b);
    }

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

int
cli_evaluate_run (int    argc,
                  char **argv)
{
  g_autofree char *threshold_text = NULL;
  g_autofree char *criterion_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *resamples_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *ci_metric_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &threshold_text,
      "Binary classifiers: score at this decision threshold (0 … 1) rather than the bundle's",
      "T" },
    { "choose-threshold", 0, 0, G_OPTION_ARG_STRING, &criterion_text,
      "Binary classifiers: choose the threshold on DATA that maximises F1 (f1) or Youden's J "
      "(youden), or minimises the cost per row (cost:FP,FN[,TN,TP]); needs -o", "CRITERION" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "With --choose-threshold: write the bundle with the chosen threshold here",
      "OUT.orchard-model" },
    { "ci-metric", 0, 0, G_OPTION_ARG_STRING, &ci_metric_text,
      "The metric of the bootstrap confidence interval; default roc_auc, f1_macro or r2",
      "KEY" },
    { "resamples", 0, 0, G_OPTION_ARG_STRING, &resamples_text,
      "Bootstrap resamples of the confidence interval, default 1000; 0 for none", "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      "Seed of the bootstrap, default 0", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print the result as JSON on standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardEvaluation) evaluation = NULL;
  g_autoptr(OrchardMetrics) metrics = NULL;
  g_autofree char *model_name = NULL;
  g_autofree char *data_name = NULL;
  OrchardThresholdCriterion criterion = ORCHARD_THRESHOLD_MAX_F1;
  OrchardCostMatrix cost;
  OrchardReadinessBars bars;
  OrchardInterval interval;
  const char *ci_metric;
  gboolean have_interval = FALSE;
  double threshold = NAN, criterion_value = NAN;
  guint64 resamples = 1000, seed = 0;
  OrchardTask task;
  int status;

  g_set_prgname ("orchard-cli evaluate");
  context = g_option_context_new ("MODEL DATA");
  g_option_context_set_summary (context,
                                "Score the model bundle MODEL on labelled DATA (CSV, TSV or\n"
                                "ARFF) that holds the target it was trained on: every metric of\n"
                                "its task, the confusion matrix, and a bootstrap confidence\n"
                                "interval of the headline metric. Optionally choose the decision\n"
                                "threshold of a binary classifier and store it in a bundle.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 the model or the data could not "
                                    "be used, 2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;

  if (argc != 3)
    return cli_usage_error (context, "evaluate takes a MODEL and a DATA file");
  if (threshold_text != NULL)
    {
      char *end = NULL;

      threshold = g_ascii_strtod (threshold_text, &end);
      if (end == threshold_text || *end != '\0' || !(threshold >= 0.0 && threshold <= 1.0))
        return cli_usage_error (context, "--threshold takes a number from 0 to 1, not “%s”",
                                threshold_text);
    }
  if (criterion_text != NULL)
    {
      if (!parse_criterion (criterion_text, &criterion, &cost, &error))
        return cli_usage_error (context, "%s", error->message);
      if (threshold_text != NULL)
        return cli_usage_error (context, "--threshold and --choose-threshold exclude each other");
      if (output == NULL)
        return cli_usage_error (context, "--choose-threshold needs -o OUT.orchard-model to "
                                "store the threshold in");
    }
  else if (output != NULL)
    return cli_usage_error (context, "-o writes a bundle with a chosen threshold; it needs "
                            "--choose-threshold");
  if (resamples_text != NULL &&
      !cli_parse_unsigned (resamples_text, "--resamples", 0, 1000000, &resamples, &error))
    return cli_usage_error (context, "%s", error->message);
  if (seed_text != NULL &&
      !cli_parse_unsigned (seed_text, "--seed", 0, G_MAXUINT64, &seed, &error))
    return cli_usage_error (context, "%s", error->message);

  {
    g_autoptr(GFile) model_file = g_file_new_for_commandline_arg (argv[1]);
    g_autoptr(GFile) data_file = g_file_new_for_commandline_arg (argv[2]);

    model_name = g_file_get_parse_name (model_file);
    data_name = g_file_get_parse_name (data_file);
  }

  evaluation = cli_load_evaluation (argv[1], argv[2], &error);
  if (evaluation == NULL)
    return cli_fail (g_steal_pointer (&error));
  task = orchard_evaluation_get_task (evaluation);

  if ((threshold_text != NULL || criterion_text != NULL) && task != ORCHARD_TASK_BINARY)
    return cli_usage_error (NULL, "--%s applies to binary classifiers; this model does %s",
                            threshold_text != NULL ? "threshold" : "choose-threshold",
                            orchard_task_to_string (task));

  orchard_readiness_bars_init (&bars, (OrchardMetricsTask) task);
  ci_metric = ci_metric_text != NULL ? ci_metric_text : bars.metric;
  if (!orchard_metric_is_known ((OrchardMetricsTask) task, ci_metric))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) orchard_metrics_task_get_keys (
                                                   (OrchardMetricsTask) task));

      return cli_usage_error (NULL, "--ci-metric: “%s” is not a %s metric; known metrics are %s",
                              ci_metric, orchard_task_to_string (task), known);
    }

  if (criterion_text != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      if (!orchard_evaluation_apply_threshold (evaluation, criterion, &cost, &threshold,
                                               &criterion_value, &error) ||
          !orchard_artifact_save (orchard_evaluation_get_artifact (evaluation), file, NULL,
                                  &error))
        return cli_fail (g_steal_pointer (&error));
    }

  metrics = orchard_evaluation_compute_metrics (evaluation, threshold, &error);
  if (metrics == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (resamples > 0)
    {
      OrchardBootstrapOptions options;
      g_autoptr(CliProgress) bar = cli_progress_new ("Bootstrapping");

      orchard_bootstrap_options_init (&options);
      options.n_resamples = (guint) resamples;
      options.seed = seed;
      if (!orchard_evaluation_bootstrap (evaluation, ci_metric, threshold, &options,
                                         cli_progress_update, bar, NULL, &interval, &error))
        return cli_fail (g_steal_pointer (&error));
      have_interval = TRUE;
    }

  cli_print_warnings (evaluation, data_name);

  if (json)
    {
      g_autoptr(JsonNode) root = make_json (evaluation, metrics, have_interval ? &interval : NULL,
                                            ci_metric, criterion_text, criterion_value, output);
      g_autofree char *text = orchard_json_to_string (root, TRUE);

      g_print ("%s\n", text);
    }
  else
    print_report (evaluation, metrics, have_interval ? &interval : NULL, ci_metric, model_name,
                  data_name, criterion_text, criterion_value, output);

  return CLI_EXIT_OK;
}
