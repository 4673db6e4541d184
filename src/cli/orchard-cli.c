/* orchard-cli.c: every phase of Orchard, headless
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli-commands.h"

static const CliCommand commands[] = {
  { "profile", "Profile the columns of a data file and list its quality problems", cli_profile_run },
  { "prepare", "Split data and fit a preprocessing pipeline on the training rows", cli_prepare_run },
  { "models",  "List the learners and their hyperparameters", cli_models_run },
  { "train",   "Train a model and write it as a bundle with its metrics", cli_train_run },
  { "predict", "Predict new data with a model bundle, as CSV", cli_predict_run },
  { "evaluate", "Score a model bundle on labelled data: every metric, confidence interval, threshold", cli_evaluate_run },
  { "cv",      "Cross-validate a learner, the pipeline re-fitted in every fold", cli_cv_run },
  { "curves",  "ROC, precision-recall, calibration, gains, threshold or residual curve of a model", cli_curves_run },
  { "importance", "Permutation importance of a model's input columns", cli_importance_run },
  { "inspect", "Check a model bundle and show what it holds", cli_inspect_run },
  { "drift",   "Compare current data with reference data, column by column and over time", cli_drift_run },
  { "tune",    "Search hyperparameters: grid or random, validation or cross-validation, halving", cli_tune_run },
  { "runs",    "List, compare, reproduce, delete and export the runs of a project", cli_runs_run },
  { "project", "Data sets, storage and integrity of a project file", cli_project_run },
};

static void
print_help (FILE *out)
{
  fprintf (out,
           "Usage: orchard-cli COMMAND [OPTION…]\n"
           "\n"
           "Orchard runs the life cycle of a predictive model, headless.\n"
           "\n"
           "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out,
           "  %-10s %s\n"
           "\n"
           "Options:\n"
           "  --version  Print the version and exit\n"
           "  --help     Print this help and exit\n"
           "\n"
           "Run “orchard-cli COMMAND --help” for the options of a command.\n"
           "Exit status: 0 success, 1 an error in the input, 2 wrong usage.\n",
           "help", "Show this help, or the help of a command");
}

int
main (int    argc,
      char **argv)
{
  const char *command;

  setlocale (LC_ALL, "");
  g_set_prgname ("orchard-cli");

  if (argc < 2)
    {
      print_help (stderr);
      return 2;
    }

  command = argv[1];

  if (strcmp (command, "--version") == 0 || strcmp (command, "version") == 0)
    {
      g_print ("orchard-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (strcmp (command, "help") == 0 || strcmp (command, "--help") == 0 ||
      strcmp (command, "-h") == 0)
    {
      if (argc > 2 && strcmp (command, "help") == 0)
        {
          for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
            if (strcmp (commands[i].name, argv[2]) == 0)
              {
                char *help_argv[] = { argv[2], (char *) "--help", NULL };
                return commands[i].run (2, help_argv);
              }
          g_printerr ("orchard-cli: unknown command “%s”\n", argv[2]);
          return 2;
        }
      print_help (stdout);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, command) == 0)
      return commands[i].run (argc - 1, argv + 1);

  g_printerr ("orchard-cli: unknown command “%s”; run “orchard-cli help”\n", command);
  return 2;
}
