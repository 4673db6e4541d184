/* orchard-models.c: fit or predict one learner on .npy data and report the time
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Orchard side of bench/bench-models.py, which runs scikit-learn on the
 * same files in the same run:
 *
 *   orchard-models logistic X.npy y.npy [--set NAME=VALUE]…
 *   orchard-models mlp X.npy y.npy [--set NAME=VALUE]…
 *   orchard-models knn X.npy y.npy QUERIES.npy [--set NAME=VALUE]…
 *
 * X is a C-order float64 matrix, y float64 class codes 0 … K-1, as
 * numpy.save() writes them. The learner is the engine's, with the
 * hyperparameters given; the data goes straight to orchard_model_fit() as
 * the trainer would give it after the pipeline. One JSON object is
 * printed: "seconds" (the wall time of fit, or of predict for knn),
 * "cpu_seconds" (the processor time of the same, all threads),
 * "iterations" (learning-curve entries), "log_loss" (mean, on X, without
 * the penalty), "objective" (logistic: the penalised objective scikit-learn
 * minimises, Σ log loss + ½‖w‖²/C), and for knn "checksum" (the sum of the
 * class-1 probabilities, to compare with scikit-learn's; --dump FILE writes
 * all of them).
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <json-glib/json-glib.h>

#include "orchard.h"

/* A .npy file of float64, C order, 1 or 2 dimensions. */
static OrchardMatrix *
load_npy (const char  *path,
          GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  guint16 header_len;
  const char *header, *shape;
  gsize rows = 0, cols = 1;
  char *end;
  OrchardMatrix *matrix;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  if (length < 10 || memcmp (contents, "\x93NUMPY", 6) != 0 || contents[6] != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not a version 1 .npy file",
                   path);
      return NULL;
    }
  header_len = (guint8) contents[8] | (guint16) ((guint8) contents[9]) << 8;
  header = contents + 10;
  if (10 + (gsize) header_len > length ||
      g_strstr_len (header, header_len, "'descr': '<f8'") == NULL ||
      g_strstr_len (header, header_len, "'fortran_order': False") == NULL ||
      (shape = g_strstr_len (header, header_len, "'shape': (")) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: only C-order float64 arrays are read", path);
      return NULL;
    }

  shape += strlen ("'shape': (");
  rows = g_ascii_strtoull (shape, &end, 10);
  if (*end == ',' && end[1] == ' ' && g_ascii_isdigit (end[2]))
    cols = g_ascii_strtoull (end + 2, &end, 10);

  if (10 + (gsize) header_len + rows * cols * sizeof (double) != length)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: the data has the wrong size",
                   path);
      return NULL;
    }

  matrix = orchard_matrix_new (rows, (guint) cols);
  memcpy (orchard_matrix_get_data (matrix), contents + 10 + header_len,
          rows * cols * sizeof (double));
  for (guint c = 0; c < cols; c++)
    {
      g_autofree char *name = g_strdup_printf ("x%u", c);
      orchard_matrix_set_feature (matrix, c, name, name, (int) c);
    }
  return matrix;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static double
mean_log_loss (OrchardMatrix *proba,
               const double  *y)
{
  gsize n = orchard_matrix_get_n_rows (proba);
  guint k = orchard_matrix_get_n_cols (proba);
  const double *p = orchard_matrix_get_data (proba);
  const double eps = 2.220446049250313e-16;
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum -= log (CLAMP (p[i * k + (gsize) y[i]], eps, 1 - eps));
  return sum / n;
}

/* The binary logistic objective scikit-learn's lbfgs minimises. */
static double
logistic_objective (OrchardModel  *model,
                    OrchardMatrix *proba,
                    const double  *y,
                    double         C)
{
  g_autoptr(GVariant) variant = orchard_model_to_variant (model);
  g_autoptr(GVariant) state = g_variant_get_child_value (variant, 9);
  g_autoptr(GVariant) coef = g_variant_lookup_value (state, "coef", G_VARIANT_TYPE ("ad"));
  gsize n_coef = 0;
  const double *w = coef != NULL ? g_variant_get_fixed_array (coef, &n_coef, sizeof (double))
                                 : NULL;
  double penalty = 0;

  for (gsize j = 0; j < n_coef; j++)
    penalty += w[j] * w[j];

  return mean_log_loss (proba, y) * orchard_matrix_get_n_rows (proba) + 0.5 * penalty / C;
}

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) settings = NULL;
  int threads = 0;
  g_autofree char *dump = NULL;
  const GOptionEntry entries[] = {
    { "dump", 0, 0, G_OPTION_ARG_FILENAME, &dump,
      "Write the predicted probabilities (raw doubles) to this file", "FILE" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings, "A hyperparameter", "NAME=VALUE" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Threads, 0 for all", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("logistic|mlp|knn X.npy y.npy [Q.npy]");
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardMatrix) X = NULL;
  g_autoptr(OrchardMatrix) y_matrix = NULL;
  g_autoptr(OrchardMatrix) queries = NULL;
  g_autoptr(OrchardMatrix) proba = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) labels = NULL;
  const char *learner;
  const double *y;
  double seconds, cpu, C = 1.0;
  gint64 start;
  guint n_classes = 0, n_history;
  gsize n;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 4)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "usage: orchard-models LEARNER X y [Q]");
      return 2;
    }

  learner = argv[1];
  orchard_set_threads ((guint) threads);

  X = load_npy (argv[2], &error);
  if (X != NULL)
    y_matrix = load_npy (argv[3], &error);
  if (X != NULL && y_matrix != NULL && strcmp (learner, "knn") == 0)
    {
      if (argc < 5)
        {
          g_printerr ("knn needs the query rows\n");
          return 2;
        }
      queries = load_npy (argv[4], &error);
    }
  if (error != NULL)
    {
      g_printerr ("orchard-models: %s\n", error->message);
      return 1;
    }

  y = orchard_matrix_get_data (y_matrix);
  n = orchard_matrix_get_n_rows (X);
  for (gsize i = 0; i < n; i++)
    n_classes = MAX (n_classes, (guint) y[i] + 1);
  labels = g_new0 (char *, n_classes + 1);
  for (guint k = 0; k < n_classes; k++)
    labels[k] = g_strdup_printf ("%u", k);

  model = orchard_model_new_by_name (learner, &error);
  if (model == NULL)
    {
      g_printerr ("orchard-models: %s\n", error->message);
      return 2;
    }
  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (settings[i], "=", 2);

      if (pair[1] == NULL || !orchard_model_set_param_from_string (model, pair[0], pair[1], &error))
        {
          g_printerr ("orchard-models: --set %s: %s\n", settings[i],
                      error != NULL ? error->message : "not NAME=VALUE");
          return 2;
        }
      if (strcmp (pair[0], "C") == 0)
        C = g_ascii_strtod (pair[1], NULL);
    }
  if (!orchard_model_set_target (model, n_classes == 2 ? ORCHARD_TASK_BINARY
                                                       : ORCHARD_TASK_MULTICLASS,
                                 (const char * const *) labels, &error))
    {
      g_printerr ("orchard-models: %s\n", error->message);
      return 1;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "learner");
  json_builder_add_string_value (b, learner);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, n);
  json_builder_set_member_name (b, "features");
  json_builder_add_int_value (b, orchard_matrix_get_n_cols (X));
  json_builder_set_member_name (b, "threads");
  json_builder_add_int_value (b, orchard_get_threads ());

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  if (!orchard_model_fit (model, X, y, NULL, NULL, NULL, NULL, NULL, NULL, &error))
    {
      g_printerr ("orchard-models: %s\n", error->message);
      return 1;
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_seconds () - cpu;
  orchard_model_get_history (model, &n_history);

  if (queries != NULL)
    {
      const double *p;
      double checksum = 0;

      json_builder_set_member_name (b, "fit_seconds");
      json_builder_add_double_value (b, seconds);
      start = g_get_monotonic_time ();
      cpu = cpu_seconds ();
      proba = orchard_model_predict (model, queries, NULL, &error);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      cpu = cpu_seconds () - cpu;
      if (proba == NULL)
        {
          g_printerr ("orchard-models: %s\n", error->message);
          return 1;
        }
      p = orchard_matrix_get_data (proba);
      if (dump != NULL &&
          !g_file_set_contents (dump, (const char *) p, orchard_matrix_get_n_rows (proba) *
                                n_classes * sizeof (double), &error))
        {
          g_printerr ("orchard-models: %s\n", error->message);
          return 1;
        }
      for (gsize i = 0; i < orchard_matrix_get_n_rows (proba); i++)
        checksum += p[i * n_classes + 1];
      json_builder_set_member_name (b, "queries");
      json_builder_add_int_value (b, orchard_matrix_get_n_rows (queries));
      json_builder_set_member_name (b, "checksum");
      json_builder_add_double_value (b, checksum);
    }
  else
    {
      proba = orchard_model_predict (model, X, NULL, &error);
      if (proba == NULL)
        {
          g_printerr ("orchard-models: %s\n", error->message);
          return 1;
        }
      json_builder_set_member_name (b, "log_loss");
      json_builder_add_double_value (b, mean_log_loss (proba, y));
      if (strcmp (learner, "logistic") == 0 && n_classes == 2)
        {
          json_builder_set_member_name (b, "objective");
          json_builder_add_double_value (b, logistic_objective (model, proba, y, C));
          json_builder_set_member_name (b, "converged");
          json_builder_add_boolean_value (b, orchard_logistic_regression_get_converged (
                                               ORCHARD_LOGISTIC_REGRESSION (model)));
        }
    }

  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, seconds);
  json_builder_set_member_name (b, "cpu_seconds");
  json_builder_add_double_value (b, cpu);
  json_builder_set_member_name (b, "iterations");
  json_builder_add_int_value (b, n_history);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = orchard_json_to_string (root, FALSE);
  g_print ("%s\n", text);
  return 0;
}
