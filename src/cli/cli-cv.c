/* cli-cv.c: orchard-cli cv DATA --target COL --model NAME [--folds K] [--repeats R] [--seed N] [--json]
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

/* --set NAME=VALUE, each in turn. */
static gboolean
apply_settings (OrchardModel  *model,
                char         **settings,
                const char    *option,
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
                       "%s takes NAME=VALUE, not “%s”", option, settings[i]);
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

static OrchardModel *
make_model (const char  *name,
            char       **settings,
            const char  *option,
            const char  *seed_text,
            GError     **error)
{
  g_autoptr(OrchardModel) model = orchard_model_new_by_name (name, error);
  gboolean seed_set;

  if (model == NULL || !apply_settings (model, settings, option, &seed_set, error))
    return NULL;
  /* One seed for everything, unless the learner's own was set. */
  if (seed_text != NULL && !seed_set &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (model), "seed") != NULL &&
      !orchard_model_set_param_from_string (model, "seed", seed_text, error))
    return NULL;

  return g_steal_pointer (&model);
}

static OrchardCrossValidation *
make_cv (OrchardTable     *data,
         const char       *target,
         OrchardModel     *model,
         OrchardPipeline  *pipeline,
         gboolean          explicit_family,
         OrchardModelFamily family,
         OrchardSplit     *split,
         guint             n_folds,
         guint             n_repeats,
         guint64           seed,
         GError          **error)
{
  g_autoptr(OrchardCrossValidation) cv = orchard_cross_validation_new (data, target, model);

  if (pipeline != NULL)
    orchard_cross_validation_set_pipeline (cv, pipeline);
  else if (explicit_family)
    orchard_cross_validation_set_automatic_pipeline (cv, family);
  if (split != NULL)
    orchard_cross_validation_set_split (cv, split);
  orchard_cross_validation_set_seed (cv, seed);
  orchard_cross_validation_set_keep_models (cv, FALSE);
  if (!orchard_cross_validation_set_folds (cv, n_folds, n_repeats, error))
    return NULL;

  return g_steal_pointer (&cv);
}

static gboolean
run (OrchardCrossValidation  *cv,
     const char              *label,
     GError                 **error)
{
  g_autoptr(CliProgress) bar = cli_progress_new (label);

  return orchard_cross_validation_run (cv, cli_progress_update, bar, NULL, error);
}

static char *
format (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* + 0.0 shows −0 as 0. */
  return isnan (value) ? g_strdup ("–") : g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4f",
                                                                      value + 0.0));
}

static void
print_report (OrchardCrossValidation *cv,
              const char             *model_name,
              const char             *data_name,
              const char             *metric,
              OrchardCrossValidation *other,
              const char             *other_name,
              OrchardCorrectedTTest  *test,
              OrchardSizePoint       *points,
              guint                   n_points)
{
  OrchardTask task = orchard_cross_validation_get_task (cv);
  const char * const *keys = orchard_metrics_task_get_keys ((OrchardMetricsTask) task);
  guint n_results = orchard_cross_validation_get_n_results (cv);

  const char *shown[6] = { NULL };
  guint n_shown = 0;

  g_print ("Cross-validated %s on %s: %" G_GSIZE_FORMAT " rows, %s, %u folds × %u %s, "
           "seed %" G_GUINT64_FORMAT "\n", model_name, data_name,
           orchard_table_get_n_rows (orchard_cross_validation_get_table (cv)),
           orchard_task_to_string (task), orchard_cross_validation_get_n_folds (cv),
           orchard_cross_validation_get_n_repeats (cv),
           orchard_cross_validation_get_n_repeats (cv) == 1 ? "repeat" : "repeats",
           orchard_cross_validation_get_seed (cv));

  /* The first four metrics of the task, and the chosen one unless among them. */
  for (guint k = 0; k < 4 && keys[k] != NULL; k++)
    shown[n_shown++] = keys[k];
  if (!g_strv_contains (shown, metric))
    shown[n_shown++] = metric;

  g_print ("\n  %-8s %6s", "fold", "rows");
  for (guint k = 0; k < n_shown; k++)
    g_print (" %*s", (int) MAX (10, strlen (shown[k])), shown[k]);
  g_print ("\n");
  for (guint i = 0; i < n_results; i++)
    {
      OrchardMetrics *metrics = orchard_cross_validation_get_metrics (cv, i);
      g_autofree char *name = g_strdup_printf ("%u.%u", orchard_cross_validation_get_repeat (cv, i) + 1,
                                               orchard_cross_validation_get_fold (cv, i) + 1);

      g_print ("  %-8s %6" G_GSIZE_FORMAT, name, orchard_metrics_get_n_rows (metrics));
      for (guint k = 0; k < n_shown; k++)
        {
          g_autofree char *value = format (orchard_metrics_get (metrics, shown[k]));
          g_print (" %*s", (int) MAX (10, strlen (shown[k])), value);
        }
      g_print ("\n");
    }

  g_print ("\n  %-20s %10s %10s\n", "metric", "mean", "std");
  for (guint k = 0; keys[k] != NULL; k++)
    {
      double mean, std;
      g_autofree char *m = NULL;
      g_autofree char *s = NULL;

      orchard_cross_validation_get_summary (cv, keys[k], &mean, &std);
      m = format (mean);
      s = format (std);
      g_print ("  %-20s %10s %10s\n", keys[k], m, s);
    }

  if (other != NULL)
    {
      double mean_a, mean_b;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *p = NULL;
      g_autofree char *better = NULL;

      orchard_cross_validation_get_summary (cv, metric, &mean_a, NULL);
      orchard_cross_validation_get_summary (other, metric, &mean_b, NULL);
      a = format (mean_a);
      b = format (mean_b);
      p = format (test->p_value);
      better = format (test->probability_a_better);
      g_print ("\n  %s: %s %s, %s %s on the same folds\n", metric, model_name, a, other_name, b);
      g_print ("  corrected resampled t-test (Nadeau–Bengio): t = %.3f, df = %.0f, p = %s;\n"
               "  probability that %s is better: %s\n", test->t, test->df, p, model_name, better);
    }

  if (points != NULL)
    {
      g_print ("\n  Learning curve of %s against the training rows\n", metric);
      g_print ("  %8s %8s %10s %10s %10s %10s\n", "share", "rows", "train", "±", "valid", "±");
      for (guint i = 0; i < n_points; i++)
        {
          g_autofree char *tm = format (points[i].train_mean);
          g_autofree char *ts = format (points[i].train_std);
          g_autofree char *vm = format (points[i].valid_mean);
          g_autofree char *vs = format (points[i].valid_std);

          g_print ("  %7.0f%% %8.0f %10s %10s %10s %10s\n", 100 * points[i].fraction,
                   points[i].n_train, tm, ts, vm, vs);
        }
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

static void
print_json (OrchardCrossValidation *cv,
            const char             *model_name,
            const char             *metric,
            OrchardCrossValidation *other,
            const char             *other_name,
            OrchardCorrectedTTest  *test,
            OrchardSizePoint       *points,
            guint                   n_points)
{
  g_autoptr(JsonNode) root = orchard_cross_validation_to_json (cv);
  JsonObject *object = json_node_get_object (root);
  g_autofree char *text = NULL;

  json_object_set_string_member (object, "model", model_name);
  json_object_set_int_member (object, "n_folds", orchard_cross_validation_get_n_folds (cv));
  json_object_set_int_member (object, "n_repeats", orchard_cross_validation_get_n_repeats (cv));
  json_object_set_int_member (object, "seed",
                              (gint64) MIN (orchard_cross_validation_get_seed (cv),
                                            (guint64) G_MAXINT64));

  if (other != NULL)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      double mean_b;

      orchard_cross_validation_get_summary (other, metric, &mean_b, NULL);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, other_name);
      json_builder_set_member_name (b, "metric");
      json_builder_add_string_value (b, metric);
      json_builder_set_member_name (b, "mean");
      add_number (b, mean_b);
      json_builder_set_member_name (b, "summary");
      {
        g_autoptr(JsonNode) other_root = orchard_cross_validation_to_json (other);
        JsonObject *other_object = json_node_get_object (other_root);

        json_builder_add_value (b, json_node_copy (json_object_get_member (other_object,
                                                                           "summary")));
      }
      json_builder_set_member_name (b, "mean_difference");
      add_number (b, test->mean_difference);
      json_builder_set_member_name (b, "t");
      add_number (b, test->t);
      json_builder_set_member_name (b, "df");
      add_number (b, test->df);
      json_builder_set_member_name (b, "p_value");
      add_number (b, test->p_value);
      json_builder_set_member_name (b, "probability_better");
      add_number (b, test->probability_a_better);
      json_builder_end_object (b);
      json_object_set_member (object, "comparison", json_builder_get_root (b));
    }

  if (points != NULL)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "metric");
      json_builder_add_string_value (b, metric);
      json_builder_set_member_name (b, "points");
      json_builder_begin_array (b);
      for (guint i = 0; i < n_points; i++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "fraction");
          json_builder_add_double_value (b, points[i].fraction);
          json_builder_set_member_name (b, "train_rows");
          json_builder_add_double_value (b, points[i].n_train);
          json_builder_set_member_name (b, "train_mean");
          add_number (b, points[i].train_mean);
          json_builder_set_member_name (b, "train_std");
          add_number (b, points[i].train_std);
          json_builder_set_member_name (b, "valid_mean");
          add_number (b, points[i].valid_mean);
          json_builder_set_member_name (b, "valid_std");
          add_number (b, points[i].valid_std);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_object_set_member (object, "learning_curve", json_builder_get_root (b));
    }

  text = orchard_json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

int
cli_cv_run (int    argc,
            char **argv)
{
  g_autofree char *target = NULL;
  g_autofree char *model_name = NULL;
  g_auto(GStrv) settings = NULL;
  g_autofree char *pipeline_text = NULL;
  g_autofree char *split_text = NULL;
  g_autofree char *folds_text = NULL;
  g_autofree char *repeats_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *threads_text = NULL;
  g_autofree char *metric_text = NULL;
  g_autofree char *against = NULL;
  g_auto(GStrv) against_settings = NULL;
  gboolean learning_curve = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &target,
      "The column to predict (required)", "COLUMN" },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model_name,
      "The learner (required); “orchard-cli models” lists them", "NAME" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings,
      "Set a hyperparameter of the learner; repeatable", "NAME=VALUE" },
    { "pipeline", 'p', 0, G_OPTION_ARG_FILENAME, &pipeline_text,
      "auto, auto:trees, auto:linear, auto:knn, auto:neural or a pipeline spec (JSON), "
      "re-fitted in every fold; default auto", "auto|SPEC.json" },
    { "split", 's', 0, G_OPTION_ARG_STRING, &split_text,
      "Folds: random, stratified, group:COLUMN or time:COLUMN; default stratified for a class "
      "target, random for a numeric one", "METHOD" },
    { "folds", 'k', 0, G_OPTION_ARG_STRING, &folds_text,
      "Number of folds, default 5", "K" },
    { "repeats", 'r', 0, G_OPTION_ARG_STRING, &repeats_text,
      "Repeat the cross-validation with other shuffles, default 1", "R" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      "Seed of the folds (repeat r uses N + r) and of the learner; default 0", "N" },
    { "threads", 'j', 0, G_OPTION_ARG_STRING, &threads_text,
      "Threads for the dense math; default 0, one per processor", "N" },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &metric_text,
      "The metric of the comparison and the learning curve; default roc_auc, f1_macro or r2",
      "KEY" },
    { "against", 0, 0, G_OPTION_ARG_STRING, &against,
      "Cross-validate this learner too, on the same folds, and compare the two with the "
      "corrected resampled t-test", "NAME" },
    { "against-set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &against_settings,
      "Set a hyperparameter of the --against learner; repeatable", "NAME=VALUE" },
    { "learning-curve", 0, 0, G_OPTION_ARG_NONE, &learning_curve,
      "Also re-fit on 10 %, 20 %, … 100 % of each fold's training rows: the metric against "
      "the training-set size", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print the result as JSON on standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardModel) other_model = NULL;
  g_autoptr(OrchardSplit) split = NULL;
  g_autoptr(OrchardPipeline) pipeline = NULL;
  g_autoptr(OrchardTable) data = NULL;
  g_autoptr(OrchardCrossValidation) cv = NULL;
  g_autoptr(OrchardCrossValidation) other = NULL;
  g_autofree OrchardSizePoint *points = NULL;
  g_autofree char *data_name = NULL;
  OrchardCorrectedTTest test;
  OrchardReadinessBars bars;
  gboolean automatic, explicit_family;
  OrchardModelFamily family;
  guint64 n_folds = 5, n_repeats = 1, seed = 0, threads = 0;
  const char *metric;
  OrchardTask task;
  int status;

  g_set_prgname ("orchard-cli cv");
  context = g_option_context_new ("DATA");
  g_option_context_set_summary (context,
                                "Cross-validate a learner on DATA (CSV, TSV or ARFF): in every\n"
                                "fold, fit the pipeline and the learner on the fold's training\n"
                                "rows only and score its validation rows; report every metric\n"
                                "per fold with its mean and standard deviation over the folds.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 the data or a fold failed, "
                                    "2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;

  if (argc != 2)
    return cli_usage_error (context, "cv takes one DATA file");
  if (target == NULL)
    return cli_usage_error (context, "cv needs --target COLUMN");
  if (model_name == NULL)
    return cli_usage_error (context, "cv needs --model NAME; “orchard-cli models” lists them");
  if (against == NULL && against_settings != NULL)
    return cli_usage_error (context, "--against-set needs --against NAME");
  if (folds_text != NULL &&
      !cli_parse_unsigned (folds_text, "--folds", 2, 1000, &n_folds, &error))
    return cli_usage_error (context, "%s", error->message);
  if (repeats_text != NULL &&
      !cli_parse_unsigned (repeats_text, "--repeats", 1, 1000, &n_repeats, &error))
    return cli_usage_error (context, "%s", error->message);
  if (seed_text != NULL &&
      !cli_parse_unsigned (seed_text, "--seed", 0, G_MAXUINT64, &seed, &error))
    return cli_usage_error (context, "%s", error->message);
  if (threads_text != NULL &&
      !cli_parse_unsigned (threads_text, "--threads", 0, 1024, &threads, &error))
    return cli_usage_error (context, "%s", error->message);
  orchard_set_threads ((guint) threads);

  model = make_model (model_name, settings, "--set", seed_text, &error);
  if (model == NULL)
    return cli_usage_error (NULL, "%s", error->message);
  if (against != NULL)
    {
      other_model = make_model (against, against_settings, "--against-set", seed_text, &error);
      if (other_model == NULL)
        return cli_usage_error (NULL, "%s", error->message);
    }
  if (split_text != NULL)
    {
      split = orchard_split_new_parse (split_text, &error);
      if (split == NULL)
        return cli_usage_error (context, "%s", error->message);
    }
  if (pipeline_text == NULL)
    pipeline_text = g_strdup ("auto");
  if (!cli_parse_pipeline (pipeline_text, &automatic, &family, &explicit_family, &error))
    return cli_usage_error (context, "%s", error->message);

  /* Usage is settled; from here on, failures are the input's. */
  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[1]);
    data_name = g_file_get_parse_name (file);
  }
  data = cli_load_table (argv[1], &error);
  if (data == NULL)
    return cli_fail (g_steal_pointer (&error));
  if (!automatic)
    {
      g_autoptr(GFile) spec = g_file_new_for_commandline_arg (pipeline_text);

      pipeline = orchard_pipeline_new_from_file (spec, NULL, &error);
      if (pipeline == NULL)
        return cli_fail (g_steal_pointer (&error));
    }

  cv = make_cv (data, target, model, pipeline, explicit_family, family, split, (guint) n_folds,
                (guint) n_repeats, seed, &error);
  if (cv == NULL || !run (cv, "Cross-validating", &error))
    return cli_fail (g_steal_pointer (&error));

  task = orchard_cross_validation_get_task (cv);
  orchard_readiness_bars_init (&bars, (OrchardMetricsTask) task);
  metric = metric_text != NULL ? metric_text : bars.metric;
  if (!orchard_metric_is_known ((OrchardMetricsTask) task, metric))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) orchard_metrics_task_get_keys (
                                                   (OrchardMetricsTask) task));

      return cli_usage_error (NULL, "--metric: “%s” is not a %s metric; known metrics are %s",
                              metric, orchard_task_to_string (task), known);
    }

  if (other_model != NULL)
    {
      other = make_cv (data, target, other_model, pipeline, explicit_family, family, split,
                       (guint) n_folds, (guint) n_repeats, seed, &error);
      if (other == NULL || !run (other, "Cross-validating the other learner", &error))
        {
          g_prefix_error (&error, "--against %s: ", against);
          return cli_fail (g_steal_pointer (&error));
        }
      if (!orchard_cross_validation_compare (cv, other, metric, &test, &error))
        return cli_fail (g_steal_pointer (&error));
    }

  if (learning_curve)
    {
      g_autoptr(CliProgress) bar = cli_progress_new ("Learning curve");

      points = orchard_cross_validation_size_curve (cv, metric, NULL, 0, cli_progress_update, bar,
                                                    NULL, &error);
      if (points == NULL)
        return cli_fail (g_steal_pointer (&error));
    }

  if (json)
    print_json (cv, model_name, metric, other, against, &test, points, 10);
  else
    print_report (cv, model_name, data_name, metric, other, against, &test, points, 10);

  return CLI_EXIT_OK;
}
