/* cli-profile.c: orchard-cli profile FILE [--target COL] [--json]
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "orchard.h"

#include "cli-commands.h"

#define NAME_WIDTH_MAX 28

/* Numbers in the report read the same in every locale, like the JSON. */
static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("–");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", value));
}

static char *
format_share (gsize  part,
              gsize  whole)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (part == 0 || whole == 0)
    return g_strdup ("0");

  return g_strdup_printf ("%" G_GSIZE_FORMAT " (%s%%)", part,
                          g_ascii_formatd (buf, sizeof buf, "%.1f",
                                           100.0 * (double) part / (double) whole));
}

/* Pads (or cuts, with an ellipsis) to @width characters, not bytes. */
static void
print_cell (GString    *line,
            const char *text,
            guint       width,
            gboolean    right)
{
  glong len = g_utf8_strlen (text, -1);

  if (width == 0)
    {
      g_string_append (line, text);
      return;
    }

  if (len > (glong) width)
    {
      const char *end = g_utf8_offset_to_pointer (text, width - 1);
      g_string_append_len (line, text, end - text);
      g_string_append (line, "…");
      return;
    }

  if (right)
    for (glong i = len; i < (glong) width; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, text);
  if (!right)
    for (glong i = len; i < (glong) width; i++)
      g_string_append_c (line, ' ');
}

/* The first cell (a column name) is left-aligned, the numbers right-aligned. */
static void
print_row (guint               name_width,
           const char * const *cells,
           const guint        *widths,
           guint               n_cells)
{
  g_autoptr(GString) line = g_string_new ("  ");

  print_cell (line, cells[0], name_width, FALSE);
  for (guint i = 1; i < n_cells; i++)
    {
      g_string_append (line, "  ");
      print_cell (line, cells[i], widths[i], TRUE);
    }

  /* Right-aligned cells may leave trailing blanks on short rows. */
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  g_print ("%s\n", line->str);
}

static guint
name_width (OrchardProfile    *profile,
            OrchardColumnKind  kind_a,
            OrchardColumnKind  kind_b)
{
  guint width = 6;

  for (guint c = 0; c < orchard_profile_get_n_columns (profile); c++)
    {
      const OrchardColumnProfile *column = orchard_profile_get_column (profile, c);

      if (column->kind == kind_a || column->kind == kind_b)
        width = MAX (width, (guint) g_utf8_strlen (column->name, -1));
    }

  return MIN (width, NAME_WIDTH_MAX);
}

static gboolean
has_kind (OrchardProfile    *profile,
          OrchardColumnKind  kind_a,
          OrchardColumnKind  kind_b)
{
  for (guint c = 0; c < orchard_profile_get_n_columns (profile); c++)
    {
      OrchardColumnKind kind = orchard_profile_get_column (profile, c)->kind;

      if (kind == kind_a || kind == kind_b)
        return TRUE;
    }

  return FALSE;
}

static void
print_numeric (OrchardProfile *profile)
{
  enum { N_CELLS = 12 };
  static const char * const header[N_CELLS] = {
    "column", "count", "missing", "unique", "mean", "std",
    "min", "p25", "median", "p75", "max", "skew"
  };
  guint widths[N_CELLS] = { 0, 7, 13, 7, 10, 10, 10, 10, 10, 10, 10, 10 };
  guint width = name_width (profile, ORCHARD_COLUMN_KIND_NUMERIC, ORCHARD_COLUMN_KIND_NUMERIC);
  gsize n_rows = orchard_profile_get_n_rows (profile);

  g_print ("\nNumeric columns\n");
  print_row (width, header, widths, N_CELLS);

  for (guint c = 0; c < orchard_profile_get_n_columns (profile); c++)
    {
      const OrchardColumnProfile *column = orchard_profile_get_column (profile, c);
      g_autofree char *count = NULL;
      g_autofree char *missing = NULL;
      g_autofree char *unique = NULL;
      char *cells_owned[8];
      const double stats[8] = {
        column->mean, column->std, column->min,
        column->quantiles[ORCHARD_QUANTILE_P25], column->quantiles[ORCHARD_QUANTILE_P50],
        column->quantiles[ORCHARD_QUANTILE_P75], column->max, column->skewness,
      };
      const char *cells[N_CELLS];

      if (column->kind != ORCHARD_COLUMN_KIND_NUMERIC)
        continue;

      count = g_strdup_printf ("%" G_GSIZE_FORMAT, column->count);
      missing = format_share (column->missing, n_rows);
      unique = g_strdup_printf ("%" G_GSIZE_FORMAT, column->unique);
      cells[0] = column->name;
      cells[1] = count;
      cells[2] = missing;
      cells[3] = unique;
      for (guint i = 0; i < 8; i++)
        {
          cells_owned[i] = format_number (stats[i]);
          cells[4 + i] = cells_owned[i];
        }
      print_row (width, cells, widths, N_CELLS);

      for (guint i = 0; i < 8; i++)
        g_free (cells_owned[i]);
    }
}

static void
print_datetime (OrchardProfile *profile)
{
  enum { N_CELLS = 7 };
  static const char * const header[N_CELLS] = {
    "column", "count", "missing", "unique", "first", "median", "last"
  };
  guint widths[N_CELLS] = { 0, 7, 13, 7, 6, 6, 6 };
  guint width = name_width (profile, ORCHARD_COLUMN_KIND_DATETIME, ORCHARD_COLUMN_KIND_DATETIME);
  gsize n_rows = orchard_profile_get_n_rows (profile);
  guint n_columns = orchard_profile_get_n_columns (profile);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  /* Dates alone are short, dates with times long: size the cells to fit. */
  for (guint c = 0; c < n_columns; c++)
    {
      const OrchardColumnProfile *column = orchard_profile_get_column (profile, c);
      const double when[3] = { column->min, column->quantiles[ORCHARD_QUANTILE_P50], column->max };

      if (column->kind != ORCHARD_COLUMN_KIND_DATETIME)
        continue;

      for (guint i = 0; i < 3; i++)
        {
          char *text = column->count > 0 ? orchard_format_datetime (when[i]) : g_strdup ("–");

          widths[4 + i] = MAX (widths[4 + i], (guint) g_utf8_strlen (text, -1));
          g_ptr_array_add (texts, text);
        }
    }

  g_print ("\nDate and time columns\n");
  print_row (width, header, widths, N_CELLS);

  for (guint c = 0, t = 0; c < n_columns; c++)
    {
      const OrchardColumnProfile *column = orchard_profile_get_column (profile, c);
      g_autofree char *count = NULL;
      g_autofree char *missing = NULL;
      g_autofree char *unique = NULL;
      const char *cells[N_CELLS];

      if (column->kind != ORCHARD_COLUMN_KIND_DATETIME)
        continue;

      count = g_strdup_printf ("%" G_GSIZE_FORMAT, column->count);
      missing = format_share (column->missing, n_rows);
      unique = g_strdup_printf ("%" G_GSIZE_FORMAT, column->unique);
      cells[0] = column->name;
      cells[1] = count;
      cells[2] = missing;
      cells[3] = unique;
      for (guint i = 0; i < 3; i++)
        cells[4 + i] = g_ptr_array_index (texts, t++);
      print_row (width, cells, widths, N_CELLS);
    }
}

/* Like print_row(), but the last cell (the level list) is never cut. */
static void
print_row_open_ended (guint               name_width,
                      const char * const *cells,
                      const guint        *widths,
                      guint               n_cells)
{
  g_autoptr(GString) line = g_string_new ("  ");

  print_cell (line, cells[0], name_width, FALSE);
  for (guint i = 1; i + 1 < n_cells; i++)
    {
      g_string_append (line, "  ");
      print_cell (line, cells[i], widths[i], TRUE);
    }
  g_string_append (line, "  ");
  g_string_append (line, cells[n_cells - 1]);
  g_print ("%s\n", line->str);
}

static void
print_categorical (OrchardProfile *profile)
{
  enum { N_CELLS = 5 };
  static const char * const header[N_CELLS] = {
    "column", "count", "missing", "unique", "most frequent"
  };
  const guint widths[N_CELLS] = { 0, 7, 13, 7, 0 };
  guint width = name_width (profile, ORCHARD_COLUMN_KIND_CATEGORICAL, ORCHARD_COLUMN_KIND_TEXT);
  gsize n_rows = orchard_profile_get_n_rows (profile);

  g_print ("\nCategorical and text columns\n");
  print_row_open_ended (width, header, widths, N_CELLS);

  for (guint c = 0; c < orchard_profile_get_n_columns (profile); c++)
    {
      const OrchardColumnProfile *column = orchard_profile_get_column (profile, c);
      g_autofree char *count = NULL;
      g_autofree char *missing = NULL;
      g_autofree char *unique = NULL;
      g_autoptr(GString) top = g_string_new (NULL);
      const char *cells[N_CELLS];

      if (column->kind != ORCHARD_COLUMN_KIND_CATEGORICAL &&
          column->kind != ORCHARD_COLUMN_KIND_TEXT)
        continue;

      for (guint l = 0; l < MIN (column->n_levels, 3); l++)
        g_string_append_printf (top, "%s%s %" G_GSIZE_FORMAT, l > 0 ? " · " : "",
                                column->levels[l].value, column->levels[l].count);
      if (column->unique > 3)
        g_string_append_printf (top, " · %" G_GSIZE_FORMAT " more", column->unique - 3);

      count = g_strdup_printf ("%" G_GSIZE_FORMAT, column->count);
      missing = format_share (column->missing, n_rows);
      unique = g_strdup_printf ("%" G_GSIZE_FORMAT, column->unique);
      cells[0] = column->name;
      cells[1] = count;
      cells[2] = missing;
      cells[3] = unique;
      cells[4] = top->str;
      print_row_open_ended (width, cells, widths, N_CELLS);
    }
}

static void
print_report (OrchardProfile     *profile,
              const char * const *load_warnings,
              const char         *display_name)
{
  g_autofree char *memory = g_format_size (orchard_profile_get_memory_bytes (profile));
  g_autofree char *duplicates = format_share (orchard_profile_get_duplicate_rows (profile),
                                              orchard_profile_get_n_rows (profile));
  guint n_warnings = orchard_profile_get_n_warnings (profile);
  guint code_width = 0;
  guint column_width = 0;

  g_print ("%s: %" G_GSIZE_FORMAT " rows × %u columns (%s, %s in memory)\n",
           display_name, orchard_profile_get_n_rows (profile),
           orchard_profile_get_n_columns (profile),
           orchard_profile_get_format (profile) != NULL ? orchard_profile_get_format (profile)
                                                        : "table",
           memory);
  g_print ("  data version    %s\n", orchard_profile_get_hash (profile));
  g_print ("  duplicate rows  %s\n", duplicates);
  if (orchard_profile_get_target (profile) != NULL)
    g_print ("  target          %s\n", orchard_profile_get_target (profile));

  if (has_kind (profile, ORCHARD_COLUMN_KIND_NUMERIC, ORCHARD_COLUMN_KIND_NUMERIC))
    print_numeric (profile);
  if (has_kind (profile, ORCHARD_COLUMN_KIND_DATETIME, ORCHARD_COLUMN_KIND_DATETIME))
    print_datetime (profile);
  if (has_kind (profile, ORCHARD_COLUMN_KIND_CATEGORICAL, ORCHARD_COLUMN_KIND_TEXT))
    print_categorical (profile);

  /* What the reader decided on its own (renamed headers, …) and did not
   * already become a warning. */
  if (load_warnings != NULL)
    {
      gboolean header = FALSE;

      for (guint i = 0; load_warnings[i] != NULL; i++)
        {
          gboolean repeated = FALSE;

          for (guint w = 0; w < n_warnings && !repeated; w++)
            repeated = strcmp (orchard_profile_get_warning (profile, w)->message,
                               load_warnings[i]) == 0;
          if (repeated)
            continue;

          if (!header)
            g_print ("\nNotes from reading\n");
          header = TRUE;
          g_print ("  %s\n", load_warnings[i]);
        }
    }

  if (n_warnings == 0)
    {
      g_print ("\nNo warnings.\n");
      return;
    }

  for (guint w = 0; w < n_warnings; w++)
    {
      const OrchardProfileWarning *warning = orchard_profile_get_warning (profile, w);
      const char *code = orchard_profile_warning_code_to_string (warning->code);

      code_width = MAX (code_width, strlen (code));
      if (warning->column != NULL)
        column_width = MAX (column_width, (guint) g_utf8_strlen (warning->column, -1));
    }
  column_width = MIN (MAX (column_width, 1), NAME_WIDTH_MAX);

  g_print ("\nWarnings (%u)\n", n_warnings);
  for (guint w = 0; w < n_warnings; w++)
    {
      const OrchardProfileWarning *warning = orchard_profile_get_warning (profile, w);
      g_autoptr(GString) line = g_string_new ("  ");

      print_cell (line, orchard_profile_warning_code_to_string (warning->code), code_width, FALSE);
      g_string_append (line, "  ");
      print_cell (line, warning->column != NULL ? warning->column : "–", column_width, FALSE);
      g_string_append (line, "  ");
      g_string_append (line, warning->message);
      g_print ("%s\n", line->str);
      g_print ("  %*s  %*s  → %s\n", (int) code_width, "", (int) column_width, "",
               warning->action);
    }
}

static int
print_json (OrchardProfile *profile)
{
  g_autoptr(JsonNode) root = orchard_profile_to_json (profile);
  g_autofree char *text = orchard_json_to_string (root, TRUE);

  g_print ("%s\n", text);
  return CLI_EXIT_OK;
}

int
cli_profile_run (int    argc,
                 char **argv)
{
  g_autofree char *target = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &target,
      "The column a model will predict: adds the target leakage and imbalance checks", "COLUMN" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print the profile as JSON on standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = NULL;
  int status;

  /* GOption prints the program name in its usage line. */
  g_set_prgname ("orchard-cli profile");
  context = g_option_context_new ("FILE");
  g_option_context_set_summary (context,
                                "Profile the columns of a data file (CSV, TSV or ARFF): counts,\n"
                                "missing values, statistics, histograms, levels, and the\n"
                                "quality problems a model would suffer from, each with a\n"
                                "suggested action.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 the file could not be read or "
                                    "profiled, 2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;

  if (argc < 2)
    return cli_usage_error (context, "profile needs a FILE");
  if (argc > 2)
    return cli_usage_error (context, "profile takes one FILE, but was given %d", argc - 1);

  file = g_file_new_for_commandline_arg (argv[1]);
  display_name = g_file_get_parse_name (file);

  {
    g_autofree char *basename = g_file_get_basename (file);
    g_autofree char *label = g_strdup_printf ("Reading %s", basename);
    g_autoptr(CliProgress) bar = cli_progress_new (label);

    table = orchard_table_load (file, NULL, cli_progress_update, bar, NULL, &error);
  }
  if (table == NULL)
    return cli_fail (g_steal_pointer (&error));

  {
    g_autoptr(CliProgress) bar = cli_progress_new ("Profiling");

    profile = orchard_profile_compute (table, target, cli_progress_update, bar, NULL, &error);
  }
  if (profile == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (json)
    return print_json (profile);

  print_report (profile, orchard_table_get_load_warnings (table), display_name);
  return CLI_EXIT_OK;
}
