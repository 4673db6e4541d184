/* orchard-gbdt.c: the tree benchmark's Orchard side
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * orchard-gbdt [OPTIONS] TRAIN-X TRAIN-Y TEST-X TEST-Y PREDICTIONS
 *
 * Reads four .npy files (float64, C order) as bench/bench-gbdt.py writes
 * them, fits a learner (gbdt unless --learner says otherwise) with
 * orchard_model_fit(), the function the app and the CLI use, predicts the
 * test rows with orchard_model_predict(), writes the predictions as .npy
 * and prints the times as JSON. The training matrix is freed before the
 * test matrix is read, as an analyst's session would not keep both.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orchard.h"

/* Reads a .npy file of float64 in C order: its shape into @n_rows, @n_cols
 * (1 for a vector), its values straight into a new matrix. */
static OrchardMatrix *
read_npy (const char  *path,
          gsize       *n_rows,
          guint       *n_cols,
          GError     **error)
{
  char head[12], header[4096];
  gsize header_len, rows = 0, cols = 1;
  const char *shape;
  OrchardMatrix *matrix;
  FILE *f = fopen (path, "rb");

  if (f == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: cannot open", path);
      return NULL;
    }

  if (fread (head, 1, 10, f) != 10 || memcmp (head, "\x93NUMPY", 6) != 0)
    goto bad;
  if (head[6] == 1)
    header_len = (guint8) head[8] | ((gsize) (guint8) head[9] << 8);
  else if (fread (head + 10, 1, 2, f) == 2)
    header_len = (guint8) head[8] | ((gsize) (guint8) head[9] << 8) |
                 ((gsize) (guint8) head[10] << 16) | ((gsize) (guint8) head[11] << 24);
  else
    goto bad;
  if (header_len >= sizeof header || fread (header, 1, header_len, f) != header_len)
    goto bad;
  header[header_len] = '\0';
  if (strstr (header, "'descr': '<f8'") == NULL ||
      strstr (header, "'fortran_order': False") == NULL ||
      (shape = strstr (header, "'shape': (")) == NULL)
    goto bad;
  shape += strlen ("'shape': (");
  rows = g_ascii_strtoull (shape, (char **) &shape, 10);
  if (*shape == ',' && shape[1] == ' ' && g_ascii_isdigit (shape[2]))
    cols = g_ascii_strtoull (shape + 2, NULL, 10);
  if (cols > G_MAXINT)
    goto bad;

  matrix = orchard_matrix_new (rows, (guint) cols);
  if (fread (orchard_matrix_get_data (matrix), sizeof (double), rows * cols, f) != rows * cols)
    {
      orchard_matrix_unref (matrix);
      goto bad;
    }
  fclose (f);

  for (guint j = 0; j < cols; j++)
    {
      g_autofree char *name = g_strdup_printf ("f%u", j);
      orchard_matrix_set_feature (matrix, j, name, NULL, (int) j);
    }

  *n_rows = rows;
  *n_cols = (guint) cols;
  return matrix;

bad:
  fclose (f);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s: not a complete C-order float64 .npy file", path);
  return NULL;
}

static gboolean
write_npy (const char    *path,
           OrchardMatrix *matrix,
           GError       **error)
{
  gsize rows = orchard_matrix_get_n_rows (matrix);
  guint cols = orchard_matrix_get_n_cols (matrix);
  g_autofree char *dict = g_strdup_printf ("{'descr': '<f8', 'fortran_order': False, "
                                           "'shape': (%" G_GSIZE_FORMAT ", %u), }", rows, cols);
  g_autoptr(GString) header = g_string_new ("\x93NUMPY\x01");
  gsize len;
  FILE *f;

  g_string_append_c (header, '\0');
  len = strlen (dict) + 1;
  len = (len + 10 + 63) / 64 * 64 - 10;
  g_string_append_c (header, (char) (len & 0xff));
  g_string_append_c (header, (char) (len >> 8));
  g_string_append (header, dict);
  while (header->len < 10 + len - 1)
    g_string_append_c (header, ' ');
  g_string_append_c (header, '\n');

  f = fopen (path, "wb");
  if (f == NULL ||
      fwrite (header->str, 1, header->len, f) != header->len ||
      fwrite (orchard_matrix_get_data (matrix), sizeof (double), rows * cols, f) != rows * cols ||
      fclose (f) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", path);
      return FALSE;
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardMatrix) X = NULL, Y = NULL, X_test = NULL, predictions = NULL;
  g_auto(GStrv) settings = NULL;
  g_autofree char *learner = g_strdup ("gbdt");
  g_autofree char *task_name = g_strdup ("binary");
  gint classes = 2, threads = 0;
  gsize n_rows, n_test;
  guint n_cols, one;
  gint64 start;
  double fit_seconds, predict_seconds;
  GOptionEntry entries[] = {
    { "learner", 0, 0, G_OPTION_ARG_STRING, &learner, "Learner (gbdt)", "NAME" },
    { "task", 0, 0, G_OPTION_ARG_STRING, &task_name, "binary, multiclass or regression", "TASK" },
    { "classes", 0, 0, G_OPTION_ARG_INT, &classes, "Classes of a multiclass task", "K" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Threads (0: one per processor)", "N" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings, "Set a hyperparameter", "NAME=VALUE" },
    { NULL }
  };

  context = g_option_context_new ("TRAIN-X TRAIN-Y TEST-X TEST-Y PREDICTIONS");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 6)
    {
      g_printerr ("orchard-gbdt: %s\n", error != NULL ? error->message : "give five files");
      return 2;
    }

  orchard_set_threads ((guint) MAX (threads, 0));
  model = orchard_model_new_by_name (learner, &error);
  if (model == NULL)
    goto fail;

  if (g_str_equal (task_name, "regression"))
    orchard_model_set_target (model, ORCHARD_TASK_REGRESSION, NULL, &error);
  else
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

      for (gint k = 0; k < classes; k++)
        g_ptr_array_add (labels, g_strdup_printf ("%d", k));
      g_ptr_array_add (labels, NULL);
      orchard_model_set_target (model, classes == 2 ? ORCHARD_TASK_BINARY : ORCHARD_TASK_MULTICLASS,
                                (const char * const *) labels->pdata, &error);
    }
  if (error != NULL)
    goto fail;

  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (settings[i], "=", 2);

      if (kv[1] == NULL)
        {
          g_printerr ("orchard-gbdt: --set %s: give NAME=VALUE\n", settings[i]);
          return 2;
        }
      if (!orchard_model_set_param_from_string (model, kv[0], kv[1], &error))
        goto fail;
    }

  X = read_npy (argv[1], &n_rows, &n_cols, &error);
  if (X == NULL)
    goto fail;
  Y = read_npy (argv[2], &n_rows, &one, &error);
  if (Y == NULL)
    goto fail;

  start = g_get_monotonic_time ();
  if (!orchard_model_fit (model, X, orchard_matrix_get_data (Y), NULL, NULL, NULL, NULL, NULL,
                          NULL, &error))
    goto fail;
  fit_seconds = (g_get_monotonic_time () - start) / 1e6;
  g_clear_pointer (&X, orchard_matrix_unref);
  g_clear_pointer (&Y, orchard_matrix_unref);

  X_test = read_npy (argv[3], &n_test, &n_cols, &error);
  if (X_test == NULL)
    goto fail;
  start = g_get_monotonic_time ();
  predictions = orchard_model_predict (model, X_test, NULL, &error);
  if (predictions == NULL)
    goto fail;
  predict_seconds = (g_get_monotonic_time () - start) / 1e6;

  if (!write_npy (argv[5], predictions, &error))
    goto fail;

  {
    guint n_history;
    const OrchardHistoryEntry *history = orchard_model_get_history (model, &n_history);

    g_print ("{\"fit_seconds\": %.6f, \"predict_seconds\": %.6f, \"threads\": %u, "
             "\"iterations\": %u, \"train_loss\": %.9g}\n",
             fit_seconds, predict_seconds, orchard_get_threads (), n_history,
             n_history > 0 ? history[n_history - 1].train_loss : 0.0);
  }
  return 0;

fail:
  g_printerr ("orchard-gbdt: %s\n", error->message);
  return 1;
}
