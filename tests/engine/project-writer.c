/* project-writer.c: a second process writing to a project, for test-project
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   project-writer write PROJECT N   begin, log and finish N runs, printing
 *                                    "finished ID" after each commit
 *   project-writer hold PROJECT      begin one run, print "running ID", then
 *                                    wait to be killed
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "orchard.h"

static OrchardTable *
small_table (void)
{
  OrchardTable *table;
  double *x = g_new (double, 4);
  double *y = g_new (double, 4);
  OrchardColumn *columns[2];

  for (guint i = 0; i < 4; i++)
    {
      x[i] = i;
      y[i] = 2.0 * i + 1.0;
    }
  columns[0] = orchard_column_new_numeric ("x", x, 4);
  columns[1] = orchard_column_new_numeric ("y", y, 4);
  table = orchard_table_new (columns, 2, NULL);
  orchard_column_unref (columns[0]);
  orchard_column_unref (columns[1]);
  return table;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardModel) model = NULL;
  gint64 dataset;

  if (argc < 3)
    return 2;

  file = g_file_new_for_path (argv[2]);
  project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_CREATE, NULL, &error);
  if (project == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  table = small_table ();
  dataset = orchard_project_add_dataset (project, table, "small", NULL, &error);
  model = orchard_model_new_by_name ("ridge", &error);
  if (dataset == 0 || model == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  if (strcmp (argv[1], "hold") == 0)
    {
      gint64 id = orchard_project_begin_run (project, dataset, "y", model, 0, 0, &error);

      if (id == 0)
        return 1;
      printf ("running %" G_GINT64_FORMAT "\n", id);
      fflush (stdout);
      for (;;)
        pause ();
    }

  for (guint64 i = 0, n = g_ascii_strtoull (argv[3], NULL, 10); i < n; i++)
    {
      gint64 id = orchard_project_begin_run (project, dataset, "y", model, i, 0, &error);

      if (id == 0)
        break;
      for (guint k = 0; k < 20 && error == NULL; k++)
        {
          g_autofree char *name = g_strdup_printf ("m%u", k);
          orchard_project_log_metric (project, id, "valid", ORCHARD_RUN_FOLD_NONE, name,
                                      (double) i + k / 100.0, &error);
        }
      if (error != NULL ||
          !orchard_project_finish_run (project, id, ORCHARD_RUN_FINISHED, NULL, &error))
        break;
      printf ("finished %" G_GINT64_FORMAT "\n", id);
      fflush (stdout);
    }

  if (error != NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  return 0;
}
