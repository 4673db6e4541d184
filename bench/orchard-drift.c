/* orchard-drift.c: a full drift report of two data files, timed
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Orchard side of bench/bench-drift.py:
 *
 *   orchard-drift REFERENCE CURRENT [--sample-size N] [--repeat K] [--threads N]
 *
 * loads both files with orchard_table_load(), then, K times, builds the
 * reference profile (every value in the sample unless --sample-size says
 * otherwise) and computes the drift report with default options, the work
 * of `orchard-cli drift` after loading. It prints one JSON object:
 *
 *   {"load_seconds", "profile_seconds", "report_seconds", "seconds",
 *    "cpu_seconds", "threads", "sample_size", "profile_bytes",
 *    "max_rss_kib", "report": the report's JSON}
 *
 * The times are the best of the K runs; "seconds" is the profile and the
 * report together, "cpu_seconds" their processor time on all threads.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "orchard.h"

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static OrchardTable *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  OrchardTable *table = orchard_table_load (file, NULL, NULL, NULL, NULL, &error);

  if (table == NULL)
    {
      g_printerr ("orchard-drift: %s\n", error->message);
      exit (1);
    }
  return table;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(OrchardTable) reference = NULL;
  g_autoptr(OrchardTable) current = NULL;
  g_autoptr(OrchardReferenceProfile) profile = NULL;
  g_autoptr(OrchardDriftReport) report = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  OrchardReferenceOptions options;
  double best_profile = G_MAXDOUBLE, best_report = G_MAXDOUBLE, best_total = G_MAXDOUBLE;
  double best_cpu = G_MAXDOUBLE, load_seconds;
  gint64 start;
  guint repeat = 1;
  struct rusage usage;

  setlocale (LC_ALL, "");
  orchard_reference_options_init (&options);
  options.sample_size = 0;

  for (int i = 3; i < argc; i++)
    {
      if (strcmp (argv[i], "--sample-size") == 0 && i + 1 < argc)
        options.sample_size = g_ascii_strtoull (argv[++i], NULL, 10);
      else if (strcmp (argv[i], "--repeat") == 0 && i + 1 < argc)
        {
          repeat = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
          repeat = MAX (repeat, 1);
        }
      else if (strcmp (argv[i], "--threads") == 0 && i + 1 < argc)
        orchard_set_threads ((guint) g_ascii_strtoull (argv[++i], NULL, 10));
      else
        {
          g_printerr ("usage: orchard-drift REFERENCE CURRENT [--sample-size N] [--repeat K] [--threads N]\n");
          return 2;
        }
    }
  if (argc < 3)
    {
      g_printerr ("usage: orchard-drift REFERENCE CURRENT [--sample-size N] [--repeat K] [--threads N]\n");
      return 2;
    }

  start = g_get_monotonic_time ();
  reference = load (argv[1]);
  current = load (argv[2]);
  load_seconds = (g_get_monotonic_time () - start) / 1e6;

  for (guint r = 0; r < repeat; r++)
    {
      g_autoptr(GError) error = NULL;
      double cpu = cpu_seconds ();
      gint64 t0 = g_get_monotonic_time (), t1;

      g_clear_object (&report);
      g_clear_object (&profile);

      profile = orchard_reference_profile_build (reference, NULL, &options, NULL, NULL, NULL, &error);
      t1 = g_get_monotonic_time ();
      if (profile != NULL)
        report = orchard_drift_report_compute (profile, current, NULL, NULL, NULL, NULL, NULL, &error);
      if (report == NULL)
        {
          g_printerr ("orchard-drift: %s\n", error->message);
          return 1;
        }

      best_profile = MIN (best_profile, (t1 - t0) / 1e6);
      best_report = MIN (best_report, (g_get_monotonic_time () - t1) / 1e6);
      best_total = MIN (best_total, (g_get_monotonic_time () - t0) / 1e6);
      best_cpu = MIN (best_cpu, cpu_seconds () - cpu);
    }

  getrusage (RUSAGE_SELF, &usage);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "load_seconds");
  json_builder_add_double_value (builder, load_seconds);
  json_builder_set_member_name (builder, "profile_seconds");
  json_builder_add_double_value (builder, best_profile);
  json_builder_set_member_name (builder, "report_seconds");
  json_builder_add_double_value (builder, best_report);
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, best_total);
  json_builder_set_member_name (builder, "cpu_seconds");
  json_builder_add_double_value (builder, best_cpu);
  json_builder_set_member_name (builder, "threads");
  json_builder_add_int_value (builder, orchard_get_threads ());
  json_builder_set_member_name (builder, "sample_size");
  json_builder_add_int_value (builder, (gint64) options.sample_size);
  json_builder_set_member_name (builder, "profile_bytes");
  json_builder_add_int_value (builder, (gint64) orchard_reference_profile_get_memory_size (profile));
  json_builder_set_member_name (builder, "max_rss_kib");
  json_builder_add_int_value (builder, usage.ru_maxrss);
  json_builder_set_member_name (builder, "report");
  json_builder_add_value (builder, orchard_drift_report_to_json (report));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = orchard_json_to_string (root, FALSE);
  g_print ("%s\n", text);

  return 0;
}
