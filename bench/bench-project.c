/* bench-project.c: a project with 100,000 runs: open it, list it sorted by a metric
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-project [--runs N] [--repeat R] [PROJECT]
 *
 * Fills PROJECT (default bench/out/runs-100k.orchard) through the engine's
 * own API, as `orchard-cli train --project` would, until it holds N runs
 * (default 100,000), then times, R times each (default 7), in this process:
 * opening the project, listing every run sorted by a metric (the run
 * summaries a run table shows, as an OrchardRunList and as OrchardRun
 * objects), the same with every parameter and metric, a filtered listing,
 * counting and the best run. The median counts; freeing a listing is timed
 * apart.
 * Goals (issue 8): list sorted by a metric < 200 ms, open < 100 ms.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include <sqlite3.h>

#include "orchard.h"

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* This thread's processor time: what the work itself cost, whatever else
 * the machine was doing. */
static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static OrchardTable *
small_table (guint variant)
{
  OrchardTable *table;
  double *x = g_new (double, 8);
  double *y = g_new (double, 8);
  OrchardColumn *columns[2];

  for (guint i = 0; i < 8; i++)
    {
      x[i] = i + variant;
      y[i] = i % 2;
    }
  columns[0] = orchard_column_new_numeric ("x", x, 8);
  columns[1] = orchard_column_new_numeric ("y", y, 8);
  table = orchard_table_new (columns, 2, NULL);
  orchard_column_unref (columns[0]);
  orchard_column_unref (columns[1]);
  return table;
}

static gboolean
fill (OrchardProject *project,
      guint           n_runs,
      GError        **error)
{
  static const char * const models[] = { "gbdt", "forest", "logistic" };
  static const char * const names[] = { "accuracy", "balanced_accuracy", "roc_auc",
                                        "average_precision", "f1", "log_loss", "brier", "mcc" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  gint64 datasets[4];
  guint have = orchard_project_count_runs (project, NULL, error);
  double started = now ();

  for (guint d = 0; d < 4; d++)
    {
      g_autoptr(OrchardTable) table = small_table (d);
      g_autofree char *name = g_strdup_printf ("data-%u.csv", d);

      datasets[d] = orchard_project_add_dataset (project, table, name, NULL, error);
      if (datasets[d] == 0)
        return FALSE;
    }

  for (guint i = have; i < n_runs; i++)
    {
      const char *learner = models[i % G_N_ELEMENTS (models)];
      g_autoptr(OrchardModel) model = orchard_model_new_by_name (learner, error);
      double values[G_N_ELEMENTS (names)];
      gint64 id;

      if (model == NULL)
        return FALSE;
      if (strcmp (learner, "logistic") == 0)
        {
          g_autofree char *c = g_strdup_printf ("%g", g_rand_double_range (rand, 0.01, 10));
          orchard_model_set_param_from_string (model, "C", c, NULL);
        }
      else
        {
          g_autofree char *depth = g_strdup_printf ("%d", g_rand_int_range (rand, 2, 9));
          orchard_model_set_param_from_string (model, "max-depth", depth, NULL);
        }
      id = orchard_project_begin_run (project, datasets[i % 4], "y", model, i, 0, error);
      if (id == 0)
        return FALSE;
      for (guint split = 0; split < 2; split++)
        {
          for (guint k = 0; k < G_N_ELEMENTS (names); k++)
            values[k] = g_rand_double (rand);
          if (!orchard_project_log_metric_values (project, id, split == 0 ? "train" : "valid",
                                                  ORCHARD_RUN_FOLD_NONE, names, values,
                                                  G_N_ELEMENTS (names), error))
            return FALSE;
        }
      if (!orchard_project_finish_run (project, id, i % 50 == 7 ? ORCHARD_RUN_FAILED
                                                                : ORCHARD_RUN_FINISHED,
                                       NULL, error))
        return FALSE;
      if ((i + 1) % 10000 == 0)
        {
          fprintf (stderr, "\r%u runs written, %.0f runs/s", i + 1, (i + 1 - have) / (now () - started));
          fflush (stderr);
        }
    }
  if (n_runs > have)
    fprintf (stderr, "\rwrote %u runs in %.1f s (%.0f runs/s, each 4 transactions)\n",
             n_runs - have, now () - started, (n_runs - have) / (now () - started));
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  gint runs = 100000, repeat = 7;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs in the project (default 100000)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Timings of each operation (default 7)", "R" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[PROJECT]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(OrchardProject) project = NULL;
  g_autofree double *t_open = NULL, *t_list = NULL, *t_full = NULL, *t_filter = NULL;
  g_autofree double *t_best = NULL, *t_count = NULL;
  g_autofree double *c_open = NULL, *c_list = NULL, *c_full = NULL;
  g_autofree double *t_summaries = NULL, *c_summaries = NULL, *c_free_summaries = NULL;
  g_autofree double *c_free_list = NULL, *c_free_full = NULL;
  guint n_listed = 0, n_filtered = 0;
  OrchardProjectStorage storage;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || repeat < 1)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "--runs and --repeat take N ≥ 1");
      return 2;
    }
  path = g_strdup (argc > 1 ? argv[1] : "bench/out/runs-100k.orchard");
  file = g_file_new_for_commandline_arg (path);
  {
    g_autoptr(GFile) parent = g_file_get_parent (file);
    g_file_make_directory_with_parents (parent, NULL, NULL);
  }

  project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_CREATE, NULL, &error);
  if (project == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  if ((gint) orchard_project_count_runs (project, NULL, NULL) < runs)
    {
      if (!fill (project, runs, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      orchard_project_compact (project, NULL, NULL);
    }
  g_clear_object (&project);

  t_open = g_new (double, repeat);
  t_list = g_new (double, repeat);
  t_full = g_new (double, repeat);
  t_filter = g_new (double, repeat);
  t_best = g_new (double, repeat);
  t_count = g_new (double, repeat);
  c_open = g_new (double, repeat);
  c_list = g_new (double, repeat);
  c_full = g_new (double, repeat);
  t_summaries = g_new (double, repeat);
  c_summaries = g_new (double, repeat);
  c_free_summaries = g_new (double, repeat);
  c_free_list = g_new (double, repeat);
  c_free_full = g_new (double, repeat);
  /* Opening first, as an app or a command starts: before any listing has
   * filled and freed the heap. */
  for (gint r = 0; r < repeat; r++)
    {
      double t0 = now (), c0 = cpu_now ();

      project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_DEFAULT, NULL, &error);
      t_open[r] = now () - t0;
      c_open[r] = cpu_now () - c0;
      if (project == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      g_clear_object (&project);
    }

  for (gint r = 0; r < repeat; r++)
    {
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GPtrArray) full = NULL;
      g_autoptr(GPtrArray) filtered = NULL;
      g_autoptr(OrchardRun) best = NULL;
      g_autoptr(OrchardRunList) summaries = NULL;
      double t0, c0;

      project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_DEFAULT, NULL, &error);
      if (project == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }

      t0 = now ();
      c0 = cpu_now ();
      summaries = orchard_project_list_run_summaries (project, NULL, "metric.valid.roc_auc",
                                                      ORCHARD_SORT_AUTO, &error);
      t_summaries[r] = now () - t0;
      c_summaries[r] = cpu_now () - c0;
      g_assert (summaries != NULL);
      n_listed = orchard_run_list_get_n_runs (summaries);
      c0 = cpu_now ();
      g_clear_object (&summaries);
      c_free_summaries[r] = cpu_now () - c0;

      t0 = now ();
      c0 = cpu_now ();
      list = orchard_project_list_runs (project, NULL, "metric.valid.roc_auc", ORCHARD_SORT_AUTO,
                                        ORCHARD_RUN_DETAIL_SUMMARY, &error);
      t_list[r] = now () - t0;
      c_list[r] = cpu_now () - c0;
      g_assert (list != NULL && list->len == n_listed);
      c0 = cpu_now ();
      g_clear_pointer (&list, g_ptr_array_unref);
      c_free_list[r] = cpu_now () - c0;

      t0 = now ();
      c0 = cpu_now ();
      full = orchard_project_list_runs (project, NULL, "metric.valid.roc_auc", ORCHARD_SORT_AUTO,
                                        ORCHARD_RUN_DETAIL_PARAMS | ORCHARD_RUN_DETAIL_METRICS,
                                        &error);
      t_full[r] = now () - t0;
      c_full[r] = cpu_now () - c0;
      g_assert (full != NULL);
      c0 = cpu_now ();
      g_clear_pointer (&full, g_ptr_array_unref);
      c_free_full[r] = cpu_now () - c0;

      t0 = now ();
      filtered = orchard_project_list_runs (project, "metric.valid.roc_auc>0.9 and "
                                            "param.max-depth=3 and model=gbdt", "valid.log_loss",
                                            ORCHARD_SORT_AUTO, ORCHARD_RUN_DETAIL_SUMMARY, &error);
      t_filter[r] = now () - t0;
      g_assert (filtered != NULL);
      n_filtered = filtered->len;

      t0 = now ();
      g_assert (orchard_project_count_runs (project, "status=finished", &error) > 0);
      t_count[r] = now () - t0;

      t0 = now ();
      best = orchard_project_best_run (project, "valid.roc_auc", NULL, &error);
      t_best[r] = now () - t0;
      g_assert (best != NULL);

      if (r + 1 < repeat)
        g_clear_object (&project);
    }
  orchard_project_get_storage (project, &storage, NULL);

  printf ("project %s: %u runs, %" G_GUINT64_FORMAT " bytes (SQLite %s)\n", path, storage.n_runs,
          storage.file_size, sqlite3_libversion ());
  {
    double load[3] = { NAN, NAN, NAN };

    if (getloadavg (load, 3) < 0)
      load[0] = NAN;
    printf ("load average %.2f %.2f %.2f\n", load[0], load[1], load[2]);
  }
  printf ("median of %d, in milliseconds (wall, this thread's processor time, and the\n"
          "processor time of freeing the listing):\n", repeat);
  printf ("  open the project                            %8.1f %8.1f            goal < 100\n",
          1e3 * median (t_open, repeat), 1e3 * median (c_open, repeat));
  printf ("  list %u runs sorted by valid.roc_auc\n", n_listed);
  printf ("    summaries (OrchardRunList)                %8.1f %8.1f %8.1f   goal < 200\n",
          1e3 * median (t_summaries, repeat), 1e3 * median (c_summaries, repeat),
          1e3 * median (c_free_summaries, repeat));
  printf ("    OrchardRun objects (DETAIL_SUMMARY)       %8.1f %8.1f %8.1f\n",
          1e3 * median (t_list, repeat), 1e3 * median (c_list, repeat),
          1e3 * median (c_free_list, repeat));
  printf ("    with every param and metric               %8.1f %8.1f %8.1f\n",
          1e3 * median (t_full, repeat), 1e3 * median (c_full, repeat),
          1e3 * median (c_free_full, repeat));
  printf ("  filter (%u runs) sorted by valid.log_loss   %8.1f\n", n_filtered, 1e3 * median (t_filter, repeat));
  printf ("  count the finished runs                     %8.1f\n", 1e3 * median (t_count, repeat));
  printf ("  best run by valid.roc_auc                   %8.1f\n", 1e3 * median (t_best, repeat));
  return 0;
}
