/* orchard-load.c: load one data file with the engine and report the time
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Orchard side of bench/bench-load.py. It loads FILE with
 * orchard_table_load(), the function the app and the CLI use, then reads
 * every cell once (counting missing values, so the result is really there)
 * and prints one JSON object:
 *
 *   {"file", "rows", "columns", "kinds": {kind: count}, "missing",
 *    "warnings": [], "seconds", "cpu_seconds", "max_rss_kib", "hash"?}
 *
 * "seconds" is the wall time of orchard_table_load() alone, "cpu_seconds"
 * the processor time it took on all threads; "max_rss_kib" is the
 * process's own peak, the benchmark measures it from outside too.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <json-glib/json-glib.h>

#include "orchard.h"

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static gsize
count_missing (OrchardColumn *column)
{
  gsize n_rows = orchard_column_get_n_rows (column);
  gsize missing = 0;

  if (orchard_column_is_coded (column))
    {
      const guint32 *codes = orchard_column_get_codes (column);

      for (gsize r = 0; r < n_rows; r++)
        missing += codes[r] == ORCHARD_CODE_MISSING;
    }
  else
    {
      const double *values = orchard_column_get_values (column);

      for (gsize r = 0; r < n_rows; r++)
        missing += isnan (values[r]) != 0;
    }

  return missing;
}

int
main (int   argc,
      char *argv[])
{
  gboolean with_hash = FALSE;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "hash", 0, 0, G_OPTION_ARG_NONE, &with_hash,
      "Also print the table's content hash (after the timed load)", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  const char * const *warnings;
  guint kinds[ORCHARD_COLUMN_KIND_TEXT + 1] = { 0 };
  gsize missing = 0;
  gint64 start;
  gint64 end;
  double cpu_start;
  double cpu_end;
  struct rusage usage;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("FILE");
  g_option_context_set_summary (context, "Load a data file with Orchard's engine and print "
                                         "the load time as JSON.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("orchard-load: %s\n", error->message);
      return 2;
    }
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      g_printerr ("usage: orchard-load [--hash] FILE\n");
      return 2;
    }

  file = g_file_new_for_commandline_arg (files[0]);

  cpu_start = cpu_seconds ();
  start = g_get_monotonic_time ();
  table = orchard_table_load (file, NULL, NULL, NULL, NULL, &error);
  end = g_get_monotonic_time ();
  cpu_end = cpu_seconds ();

  if (table == NULL)
    {
      g_printerr ("orchard-load: %s\n", error->message);
      return 1;
    }

  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);

      kinds[orchard_column_get_kind (column)]++;
      missing += count_missing (column);
    }

  getrusage (RUSAGE_SELF, &usage);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, files[0]);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, orchard_table_get_n_rows (table));
  json_builder_set_member_name (builder, "columns");
  json_builder_add_int_value (builder, orchard_table_get_n_columns (table));
  json_builder_set_member_name (builder, "kinds");
  json_builder_begin_object (builder);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      json_builder_set_member_name (builder, orchard_column_kind_to_string (k));
      json_builder_add_int_value (builder, kinds[k]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "missing");
  json_builder_add_int_value (builder, missing);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  warnings = orchard_table_get_load_warnings (table);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    json_builder_add_string_value (builder, warnings[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, (end - start) / (double) G_USEC_PER_SEC);
  json_builder_set_member_name (builder, "cpu_seconds");
  json_builder_add_double_value (builder, cpu_end - cpu_start);
  json_builder_set_member_name (builder, "max_rss_kib");
  json_builder_add_int_value (builder, usage.ru_maxrss);
  if (with_hash)
    {
      json_builder_set_member_name (builder, "hash");
      json_builder_add_string_value (builder, orchard_table_get_hash (table));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  g_print ("%s\n", json);

  return 0;
}
